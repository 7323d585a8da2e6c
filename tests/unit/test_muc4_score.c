/*
 * test_muc4_score.c - unit tests of the MUC-4 scorer (bench/muc4/
 * sr_muc_scorer.h) on small key/response pairs written for these tests in
 * the MUC-4 template format, and of the benchmark JSON parser
 * (bench/muc4/sr_muc_json.h).
 */
#include "sr_test.h"

#include <stdlib.h>
#include <string.h>
#include "../../bench/muc4/sr_muc_scorer.h"
#include "../../bench/muc4/sr_muc_json.h"

/* An invented message, not from the corpus: two key templates (the second
 * OPTIONAL), one irrelevant message. */
static const char key_text[] =
    "0.  MESSAGE: ID                    TEST-0001 (X)\n"
    "1.  MESSAGE: TEMPLATE              1\n"
    "2.  INCIDENT: DATE                 03 MAR 90\n"
    "3.  INCIDENT: LOCATION             (NARNIA: CAIR PARAVEL (CITY)) / (NARNIA)\n"
    "4.  INCIDENT: TYPE                 BOMBING\n"
    "5.  INCIDENT: STAGE OF EXECUTION   ACCOMPLISHED\n"
    "6.  INCIDENT: INSTRUMENT ID        \"CAR BOMB\" / \"BOMB\"\n"
    "7.  INCIDENT: INSTRUMENT TYPE      VEHICLE BOMB: \"CAR BOMB\" / \"BOMB\"\n"
    "8.  PERP: INCIDENT CATEGORY        TERRORIST ACT\n"
    "9.  PERP: INDIVIDUAL ID            \"MASKED GUNMEN\"\n"
    "10. PERP: ORGANIZATION ID          \"WHITE WITCH FRONT\" / \"WWF\"\n"
    "11. PERP: ORGANIZATION CONFIDENCE  SUSPECTED OR ACCUSED BY AUTHORITIES: \"WHITE WITCH FRONT\" / \"WWF\"\n"
    "12. PHYS TGT: ID                   \"TOWN HALL\"\n"
    "13. PHYS TGT: TYPE                 GOVERNMENT OFFICE OR RESIDENCE: \"TOWN HALL\"\n"
    "14. PHYS TGT: NUMBER               1: \"TOWN HALL\"\n"
    "15. PHYS TGT: FOREIGN NATION       -\n"
    "16. PHYS TGT: EFFECT OF INCIDENT   SOME DAMAGE: \"TOWN HALL\"\n"
    "17. PHYS TGT: TOTAL NUMBER         -\n"
    "18. HUM TGT: NAME                  \"LUCY PEVENSIE\"\n"
    "19. HUM TGT: DESCRIPTION           \"MAYOR\": \"LUCY PEVENSIE\"\n"
    "                                   \"GUARDS\"\n"
    "20. HUM TGT: TYPE                  GOVERNMENT OFFICIAL: \"LUCY PEVENSIE\"\n"
    "                                   SECURITY GUARD: \"GUARDS\"\n"
    "21. HUM TGT: NUMBER                1: \"LUCY PEVENSIE\"\n"
    "                                   3 - 4: \"GUARDS\"\n"
    "22. HUM TGT: FOREIGN NATION        -\n"
    "23. HUM TGT: EFFECT OF INCIDENT    INJURY: \"LUCY PEVENSIE\"\n"
    "                                   ? DEATH: \"GUARDS\"\n"
    "24. HUM TGT: TOTAL NUMBER          -\n"
    "\n"
    "0.  MESSAGE: ID                    TEST-0001 (X)\n"
    "1.  MESSAGE: TEMPLATE              2 (OPTIONAL)\n"
    "2.  INCIDENT: DATE                 - 03 MAR 90\n"
    "3.  INCIDENT: LOCATION             NARNIA\n"
    "4.  INCIDENT: TYPE                 KIDNAPPING\n"
    "5.  INCIDENT: STAGE OF EXECUTION   ATTEMPTED\n"
    "6.  INCIDENT: INSTRUMENT ID        *\n"
    "7.  INCIDENT: INSTRUMENT TYPE      *\n"
    "9.  PERP: INDIVIDUAL ID            \"SMUGGLERS\"\n"
    "19. HUM TGT: DESCRIPTION           \"FERRYMAN\"\n"
    "\n"
    "0.  MESSAGE: ID                    TEST-0002 (X)\n"
    "1.  MESSAGE: TEMPLATE              *\n"
    "2.  INCIDENT: DATE                 *\n";

/* The response: template 1 matches key template 1 with a few errors, a
 * spurious template for TEST-0002 (an irrelevant message). */
static const char resp_text[] =
    "; a comment line\n"
    "0.  MESSAGE: ID\t\t    TEST-0001\n"
    "1.  MESSAGE: TEMPLATE               1\n"
    "2.  INCIDENT: DATE                  03 MAR 1990\n"
    "3.  INCIDENT: LOCATION              NARNIA\n"
    "4.  INCIDENT: TYPE                  ATTACK\n"
    "5.  INCIDENT: STAGE OF EXECUTION    ACCOMPLISHED\n"
    "6.  INCIDENT: INSTRUMENT ID         \"THE CAR BOMB\"\n"
    "7.  INCIDENT: INSTRUMENT TYPE       BOMB: \"THE CAR BOMB\"\n"
    "8.  PERP: INCIDENT CATEGORY         STATE-SPONSORED VIOLENCE\n"
    "9.  PERP: INDIVIDUAL ID             \"GUNMEN\"\n"
    "10. PERP: ORGANIZATION ID           \"WWF\"\n"
    "11. PERP: ORGANIZATION CONFIDENCE   SUSPECTED OR ACCUSED BY AUTHORITIES: \"WWF\"\n"
    "12. PHYS TGT: ID                    \"TOWN HALL\"\n"
    "13. PHYS TGT: TYPE                  GOVERNMENT OFFICE OR RESIDENCE: \"TOWN HALL\"\n"
    "14. PHYS TGT: NUMBER                1: \"TOWN HALL\"\n"
    "15. PHYS TGT: FOREIGN NATION        -\n"
    "16. PHYS TGT: EFFECT OF INCIDENT    DESTROYED: \"TOWN HALL\"\n"
    "17. PHYS TGT: TOTAL NUMBER          -\n"
    "18. HUM TGT: NAME                   \"PEVENSIE\"\n"
    "19. HUM TGT: DESCRIPTION            \"MAYOR\": \"PEVENSIE\"\n"
    "20. HUM TGT: TYPE                   GOVERNMENT OFFICIAL: \"PEVENSIE\"\n"
    "21. HUM TGT: NUMBER                 1: \"PEVENSIE\"\n"
    "22. HUM TGT: FOREIGN NATION         -\n"
    "23. HUM TGT: EFFECT OF INCIDENT     INJURY: \"PEVENSIE\"\n"
    "                                    DEATH: \"TOURISTS\"\n"
    "24. HUM TGT: TOTAL NUMBER           -\n"
    "\n"
    "0.  MESSAGE: ID                     TEST-0002\n"
    "1.  MESSAGE: TEMPLATE               1\n"
    "2.  INCIDENT: DATE                  01 MAR 90\n"
    "3.  INCIDENT: LOCATION              NARNIA\n"
    "4.  INCIDENT: TYPE                  ROBBERY\n"
    "5.  INCIDENT: STAGE OF EXECUTION    ACCOMPLISHED\n";

static void test_parse(void)
{
    sr_muc_file k = {0, 0, NULL};
    const sr_muc_template *t;
    CHECK_EQ_INT(sr_muc_parse(key_text, sizeof key_text - 1, &k), 3);
    t = &k.t[0];
    CHECK_EQ_STR(t->msgid, "TEST-0001");
    CHECK_EQ_INT(t->optional, 0);
    CHECK_EQ_INT(k.t[1].optional, 1);
    CHECK_EQ_INT(k.t[2].irrelevant, 1);
    /* location alternatives lose their grouping parentheses */
    CHECK_EQ_INT(t->slot[3].nfill, 1);
    CHECK_EQ_INT(t->slot[3].fill[0].nval, 2);
    CHECK_EQ_STR(t->slot[3].fill[0].val[0], "NARNIA: CAIR PARAVEL (CITY)");
    CHECK_EQ_STR(t->slot[3].fill[0].val[1], "NARNIA");
    /* a set fill with a cross-reference tag and tag alternatives */
    CHECK_EQ_STR(t->slot[11].fill[0].val[0], "SUSPECTED OR ACCUSED BY AUTHORITIES");
    CHECK_EQ_INT(t->slot[11].fill[0].nxref, 2);
    CHECK_EQ_STR(t->slot[11].fill[0].xref[1], "WWF");
    /* continuation lines are further fillers; "?" marks an optional one */
    CHECK_EQ_INT(t->slot[23].nfill, 2);
    CHECK_EQ_INT(t->slot[23].fill[1].optional, 1);
    CHECK_EQ_STR(t->slot[23].fill[1].val[0], "DEATH");
    /* a described target: string value plus tag */
    CHECK_EQ_STR(t->slot[19].fill[0].val[0], "MAYOR");
    CHECK_EQ_STR(t->slot[19].fill[0].xref[0], "LUCY PEVENSIE");
    CHECK_EQ_INT(t->slot[15].state, SR_MS_NULL);
    CHECK_EQ_INT(k.t[1].slot[6].state, SR_MS_INAPPLICABLE);
    sr_muc_file_free(&k);
}

static void test_strings(void)
{
    CHECK_EQ_INT(sr_muc_judge_str("THE 3 PEASANTS", "PEASANTS"), SR_J_COR);
    CHECK_EQ_INT(sr_muc_judge_str("OLD PEASANTS WHO WERE WITNESSES", "OLD PEASANTS"), SR_J_COR);
    CHECK_EQ_INT(sr_muc_judge_str("PEASANTS, WHICH THE ARMY ADMITTED", "PEASANTS"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_str_slot(18, "TORRES", "ALBERTO ROBERTO TORRES"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_str_slot(10, "BRIGADE", "6TH INFANTRY BRIGADE"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_str("ARMY OF NATIONAL LIBERATION (ELN)", "ELN"), SR_J_COR);
    CHECK_EQ_INT(sr_muc_judge_str("ARMY OF NATIONAL LIBERATION (ELN)", "ARMY OF NATIONAL LIBERATION"), SR_J_COR);
    CHECK_EQ_INT(sr_muc_judge_str("FMLN - FDR MEMBERS", "FMLN-FDR MEMBERS"), SR_J_COR);
    CHECK_EQ_INT(sr_muc_judge_str("URBAN TERRORIST", "TERRORISTS"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_str_slot(9, "ATTACKERS", "GUERRILLAS"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_str_slot(12, "ATTACKERS", "GUERRILLAS"), SR_J_INC);
    /* more premodifiers of the key's noun phrase: COR (3.1.1.1); a
     * conjunct after it, or words that are no premodifiers: PAR */
    CHECK_EQ_INT(sr_muc_judge_str("WOUNDED FERRYMAN", "FERRYMAN"), SR_J_COR);
    CHECK_EQ_INT(sr_muc_judge_str("12 BURNED BARGES", "BARGES"), SR_J_COR);
    CHECK_EQ_INT(sr_muc_judge_str("WOUNDED FERRYMAN OF THE MILL", "FERRYMAN"), SR_J_COR);
    CHECK_EQ_INT(sr_muc_judge_str("FERRYMAN AND TWO FARMERS", "FERRYMAN"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_str("HUT NEAR THE FERRYMAN", "FERRYMAN"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_str("SHOTS, FERRYMAN", "FERRYMAN"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_str("POLICE STATION", "EMBASSY"), SR_J_INC);
    CHECK_EQ_INT(sr_muc_judge_str("", "EMBASSY"), SR_J_INC);
}

static void test_values(void)
{
    /* dates (guidelines 3.2.2) */
    CHECK_EQ_INT(sr_muc_judge_date("04 MAY 1988", "04 MAY 88"), SR_J_COR);
    CHECK_EQ_INT(sr_muc_judge_date("26 AUG 89", "25 AUG 89 - 26 AUG 89"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_date("25 AUG 89", "- 26 AUG 89"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_date("- 26 AUG 89", "25 AUG 89 - 26 AUG 89"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_date("- 26 AUG 89", "26 AUG 89"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_date("- 26 AUG 89", "16 AUG 89"), SR_J_INC);
    CHECK_EQ_INT(sr_muc_judge_date("- 26 AUG 89", "24 AUG 89 - 25 AUG 89"), SR_J_INC);
    CHECK_EQ_INT(sr_muc_judge_date("27 AUG 89", "- 26 AUG 89"), SR_J_INC);
    /* against a default fill only the anchor and the day before are
     * partial, across a month end too */
    CHECK_EQ_INT(sr_muc_judge_date("24 AUG 89", "- 26 AUG 89"), SR_J_INC);
    CHECK_EQ_INT(sr_muc_judge_date("31 OCT 89", "- 01 NOV 89"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_date("30 OCT 89", "- 01 NOV 89"), SR_J_INC);
    /* a response range holding the key's date is no partial case */
    CHECK_EQ_INT(sr_muc_judge_date("01 FEB 90 - 02 FEB 90", "02 FEB 90"), SR_J_INC);
    CHECK_EQ_INT(sr_muc_judge_date("08 FEB 90 - 12 FEB 90", "11 FEB 90 - 14 FEB 90"), SR_J_PAR);
    /* the 1992 program's close dates: same form, month and tens digit */
    CHECK_EQ_INT(sr_muc_judge_date("24 FEB 90", "22 FEB 90"), SR_J_COR);
    CHECK_EQ_INT(sr_muc_judge_date("- 23 AUG 89", "- 22 AUG 89"), SR_J_COR);
    CHECK_EQ_INT(sr_muc_judge_date("10 JAN 90", "09 JAN 90"), SR_J_INC);
    CHECK_EQ_INT(sr_muc_judge_date("31 JAN 90", "01 FEB 90"), SR_J_INC);
    CHECK_EQ_INT(sr_muc_judge_date("- 13 JAN 90", "- 13 NOV 89"), SR_J_INC);
    CHECK_EQ_INT(sr_muc_judge_date("- 22 AUG 89", "22 AUG 89"), SR_J_PAR);
    /* locations (3.2.3) */
    CHECK_EQ_INT(sr_muc_judge_loc("COLOMBIA", "COLOMBIA: MEDELLIN (CITY)"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_loc("BOLIVIA: ANTIOQUIA (DEPARTMENT): MEDELLIN (CITY)",
                                  "COLOMBIA: ANTIOQUIA (DEPARTMENT): MEDELLIN (CITY)"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_loc("PERU: LIMA (CITY)", "COLOMBIA: LIMA (CITY): X (NEIGHBORHOOD)"), SR_J_INC);
    CHECK_EQ_INT(sr_muc_judge_loc("PERU: LIMA (CITY)", "PERU: LIMA (CITY)"), SR_J_COR);
    /* numbers (3.2.14) */
    CHECK_EQ_INT(sr_muc_judge_num("7", "5 - 7"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_num("6", "5 - 7"), SR_J_INC);
    CHECK_EQ_INT(sr_muc_judge_num("7", "~7"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_num("PLURAL", "PLURAL"), SR_J_COR);
    /* set-fill hierarchy: a more general response is partial */
    CHECK_EQ_INT(sr_muc_judge_set("ATTACK", "BOMBING"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_set("BOMBING", "ATTACK"), SR_J_INC);
    CHECK_EQ_INT(sr_muc_judge_set("EXPLOSIVE", "VEHICLE BOMB"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_set("NO INJURY", "NO INJURY OR DEATH"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_set("SUSPECTED OR ACCUSED", "SUSPECTED OR ACCUSED BY AUTHORITIES"), SR_J_PAR);
    CHECK_EQ_INT(sr_muc_judge_set("DEATH", "INJURY"), SR_J_INC);
}

static void test_score(void)
{
    sr_muc_file k = {0, 0, NULL}, r = {0, 0, NULL};
    sr_muc_result res;
    sr_muc_count c;
    long unknown;
    CHECK_EQ_INT(sr_muc_parse(key_text, sizeof key_text - 1, &k), 3);
    CHECK_EQ_INT(sr_muc_parse(resp_text, sizeof resp_text - 1, &r), 2);
    sr_muc_score(&k, &r, &res, &unknown, NULL);
    CHECK_EQ_INT(unknown, 0);
    CHECK_EQ_INT(res.messages, 2);
    CHECK_EQ_INT(res.matched, 1);
    /* date 1990 = 90 */
    c = sr_muc_sum(&res, 2, 2, 1, 1);
    CHECK_EQ_INT(c.cor, 1);
    /* NARNIA is one of the key's location alternatives */
    c = sr_muc_sum(&res, 3, 3, 1, 1);
    CHECK_EQ_INT(c.cor, 1);
    /* ATTACK for BOMBING: partial */
    c = sr_muc_sum(&res, 4, 4, 1, 1);
    CHECK_EQ_INT(c.par, 1);
    /* BOMB for VEHICLE BOMB, tag "THE CAR BOMB" right: partial */
    c = sr_muc_sum(&res, 7, 7, 1, 1);
    CHECK_EQ_INT(c.par, 1);
    /* category wrong */
    c = sr_muc_sum(&res, 8, 8, 1, 1);
    CHECK_EQ_INT(c.inc, 1);
    /* "GUNMEN" in "MASKED GUNMEN": same head noun, partial */
    c = sr_muc_sum(&res, 9, 9, 1, 1);
    CHECK_EQ_INT(c.par, 1);
    /* "WWF" is an alternative: correct, and so is the confidence */
    c = sr_muc_sum(&res, 10, 11, 1, 1);
    CHECK_EQ_INT(c.cor, 2);
    /* DESTROYED for SOME DAMAGE: partial */
    c = sr_muc_sum(&res, 16, 16, 1, 1);
    CHECK_EQ_INT(c.par, 1);
    /* "PEVENSIE" is part of the name: partial */
    c = sr_muc_sum(&res, 18, 18, 1, 1);
    CHECK_EQ_INT(c.par, 1);
    /* "MAYOR": "PEVENSIE": value right, tag only partial -> PAR; the key's
     * "GUARDS" missing */
    c = sr_muc_sum(&res, 19, 19, 1, 1);
    CHECK_EQ_INT(c.pos, 2);
    CHECK_EQ_INT(c.act, 1);
    CHECK_EQ_INT(c.par, 1);
    CHECK_EQ_INT(c.mis, 1);
    /* effects: INJURY (tag partial) PAR; DEATH: "TOURISTS" against the
     * optional DEATH: "GUARDS" is a value match with a wrong tag: the
     * optional key filler then counts (POS 2) */
    c = sr_muc_sum(&res, 23, 23, 1, 1);
    CHECK_EQ_INT(c.pos, 2);
    CHECK_EQ_INT(c.act, 2);
    CHECK_EQ_INT(c.par, 2);
    /* the optional key template 2 is not missing; TEST-0002's response
     * template is spurious: 4 filled slots */
    c = sr_muc_sum(&res, 2, SR_MUC_NSLOT - 1, 0, 1);
    CHECK_EQ_INT(res.slot[SR_CAT_MISSING][1].mis, 0);
    CHECK_EQ_INT(res.slot[SR_CAT_SPURIOUS][1].spu, 1);
    {
        sr_muc_count sp = sr_muc_sum(&res, 2, SR_MUC_NSLOT - 1, 0, 1), m = sr_muc_sum(&res, 2, SR_MUC_NSLOT - 1, 0, 0);
        CHECK_EQ_INT(sp.spu - m.spu, 4);
        CHECK_EQ_INT(sp.act - m.act, 4);
    }
    /* recall and precision follow (COR + PAR/2) / POS and / ACT */
    c = sr_muc_sum(&res, 2, SR_MUC_NSLOT - 1, 1, 1);
    CHECK(c.pos > 0 && c.act > 0);
    CHECK(sr_muc_recall(&c) > 0 && sr_muc_recall(&c) < 100);
    {
        double want = 100.0 * ((double)c.cor + 0.5 * (double)c.par) / (double)c.pos;
        CHECK(sr_muc_recall(&c) - want < 1e-9 && want - sr_muc_recall(&c) < 1e-9);
    }
    {
        double rr = sr_muc_recall(&c), pp = sr_muc_precision(&c), f = sr_muc_f(&c);
        CHECK(f > 0 && f - 2 * pp * rr / (pp + rr) < 1e-9 && 2 * pp * rr / (pp + rr) - f < 1e-9);
    }
    sr_muc_file_free(&k);
    sr_muc_file_free(&r);
}

static void test_files(void)
{
    sr_muc_file k = {0, 0, NULL};
    char path[] = "/tmp/test_muc4_XXXXXX";
    FILE *f;
    int fd = mkstemp(path);
    CHECK_EQ_INT(sr_muc_parse_path("/nonexistent/muc4/key", &k), -1);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    f = fdopen(fd, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs(key_text, f);
    fclose(f);
    CHECK_EQ_INT(sr_muc_parse_path(path, &k), 3);
    CHECK_EQ_INT(k.t[0].slot[21].nfill, 2);
    sr_muc_file_free(&k);
    remove(path);
}

/* A blank line ends a template: an indented divider after it ("* * *",
 * as in UMICH's TST3 responses) is no further filler of the last slot. */
static void test_divider(void)
{
    static const char rt[] =
        "0. MESSAGE: ID TEST-0006\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ATTACK\n"
        "24. HUM TGT: TOTAL NUMBER -\n\n                * * *\n\n"
        "0. MESSAGE: ID TEST-0006\n1. MESSAGE: TEMPLATE 2\n4. INCIDENT: TYPE ARSON\n"
        "   \t\n   \"STRAY\"\n5. INCIDENT: STAGE OF EXECUTION ACCOMPLISHED\n";
    sr_muc_file r = {0, 0, NULL};
    CHECK_EQ_INT(sr_muc_parse(rt, sizeof rt - 1, &r), 2);
    CHECK_EQ_INT(r.t[0].slot[24].state, SR_MS_NULL);
    CHECK_EQ_INT(r.t[0].slot[24].nfill, 0);
    /* after a blank line nothing attaches until the next message id */
    CHECK_EQ_INT(r.t[1].slot[4].nfill, 1);
    CHECK_EQ_INT(r.t[1].slot[5].nfill, 0);
    sr_muc_file_free(&r);
}

/* Parse a key and a response text and score them into *res, writing the
 * --trace lines to trace unless it is NULL. */
static void score_texts_trace(const char *kt, const char *rt, sr_muc_result *res, FILE *trace)
{
    sr_muc_file k = {0, 0, NULL}, r = {0, 0, NULL};
    long unknown;
    sr_muc_parse(kt, strlen(kt), &k);
    sr_muc_parse(rt, strlen(rt), &r);
    sr_muc_score(&k, &r, res, &unknown, trace);
    sr_muc_file_free(&k);
    sr_muc_file_free(&r);
}

static void score_texts(const char *kt, const char *rt, sr_muc_result *res)
{
    score_texts_trace(kt, rt, res, NULL);
}

/* The counts of slot s (all templates) when rt is scored against kt. */
static sr_muc_count slot_counts(const char *kt, const char *rt, int s)
{
    sr_muc_result res;
    score_texts(kt, rt, &res);
    return sr_muc_sum(&res, s, s, 1, 1);
}

static void test_mapping(void)
{
    /* two key incidents, responses given in the other order: the mapping
     * pairs them by content, not by template number */
    static const char kt[] =
        "0. MESSAGE: ID TEST-0003\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE KIDNAPPING\n"
        "18. HUM TGT: NAME \"ANNA KARENINA\"\n\n"
        "0. MESSAGE: ID TEST-0003\n1. MESSAGE: TEMPLATE 2\n4. INCIDENT: TYPE ARSON\n"
        "12. PHYS TGT: ID \"GRAIN SILO\"\n";
    static const char rt[] =
        "0. MESSAGE: ID TEST-0003\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ARSON\n"
        "12. PHYS TGT: ID \"SILO\"\n\n"
        "0. MESSAGE: ID TEST-0003\n1. MESSAGE: TEMPLATE 2\n4. INCIDENT: TYPE KIDNAPPING\n"
        "18. HUM TGT: NAME \"ANNA KARENINA\"\n\n"
        "0. MESSAGE: ID TEST-0003\n1. MESSAGE: TEMPLATE 3\n4. INCIDENT: TYPE BOMBING\n"
        "18. HUM TGT: NAME \"VRONSKY\"\n";
    sr_muc_result res;
    sr_muc_count c;
    score_texts(kt, rt, &res);
    CHECK_EQ_INT(res.matched, 2);
    c = sr_muc_sum(&res, 2, SR_MUC_NSLOT - 1, 1, 1);
    CHECK_EQ_INT(c.cor, 3);   /* both types, the name */
    CHECK_EQ_INT(c.par, 1);   /* SILO */
    CHECK_EQ_INT(c.spu, 2);   /* the third template's type and name */
    CHECK_EQ_INT(c.pos, 4);
    CHECK_EQ_INT(c.act, 6);
}

/* The mapping takes the best pair first by the pair's recall, then its
 * precision: a response that gets two of a small key template's three
 * fillers maps to it rather than to a larger key template of which it gets
 * three of nine; ties go to the first key template. */
static void test_mapping_order(void)
{
    static const char kt[] =
        "0. MESSAGE: ID TEST-0007\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ATTACK\n"
        "2. INCIDENT: DATE 05 MAY 90\n5. INCIDENT: STAGE OF EXECUTION ACCOMPLISHED\n"
        "9. PERP: INDIVIDUAL ID \"BANDITS\"\n10. PERP: ORGANIZATION ID \"RED HAND\"\n"
        "12. PHYS TGT: ID \"MILL\"\n13. PHYS TGT: TYPE COMMERCIAL: \"MILL\"\n"
        "18. HUM TGT: NAME \"OLAF\"\n20. HUM TGT: TYPE CIVILIAN: \"OLAF\"\n\n"
        "0. MESSAGE: ID TEST-0007\n1. MESSAGE: TEMPLATE 2\n4. INCIDENT: TYPE ATTACK\n"
        "2. INCIDENT: DATE 25 MAY 90\n9. PERP: INDIVIDUAL ID \"BANDITS\"\n";
    static const char rt[] =
        "0. MESSAGE: ID TEST-0007\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ATTACK\n"
        "2. INCIDENT: DATE 05 MAY 90\n9. PERP: INDIVIDUAL ID \"BANDITS\"\n";
    /* two equal key templates: the first is taken */
    static const char kt2[] =
        "0. MESSAGE: ID TEST-0008\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ARSON\n"
        "12. PHYS TGT: ID \"BARN\"\n3. INCIDENT: LOCATION NARNIA\n\n"
        "0. MESSAGE: ID TEST-0008\n1. MESSAGE: TEMPLATE 2\n4. INCIDENT: TYPE ARSON\n"
        "12. PHYS TGT: ID \"BARN\"\n3. INCIDENT: LOCATION ARCHENLAND\n";
    static const char rt2[] =
        "0. MESSAGE: ID TEST-0008\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ARSON\n"
        "12. PHYS TGT: ID \"BARN\"\n";
    sr_muc_result res;
    sr_muc_count c;
    score_texts(kt, rt, &res);
    CHECK_EQ_INT(res.matched, 1);
    /* mapped to template 2 (2 of its 3 fillers right, the date wrong);
     * template 1 (3 of its 9 fillers) is missing */
    c = sr_muc_sum(&res, 2, SR_MUC_NSLOT - 1, 0, 0);
    CHECK_EQ_INT(c.pos, 3);
    CHECK_EQ_INT(c.cor, 2);
    CHECK_EQ_INT(c.inc, 1);
    {
        /* which key template was mapped: the --trace line */
        char line[256];
        int found = 0;
        FILE *tr = tmpfile();
        CHECK(tr != NULL);
        if (!tr)
            return;
        score_texts_trace(kt2, rt2, &res, tr);
        CHECK_EQ_INT(res.matched, 1);
        rewind(tr);
        while (fgets(line, sizeof line, tr))
            if (strstr(line, "\tmapped key 1 resp 1"))
                found = 1;
        CHECK(found);
        fclose(tr);
    }
}

/* The content condition of the mapping (3.2.1) judges each slot as it is
 * scored: a HUM TGT: TYPE filler with the right value and a wrong tag is
 * partially correct (3.1.2) and lets the templates map. */
static void test_mapping_condition(void)
{
    static const char kt[] =
        "0. MESSAGE: ID TEST-0009\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ATTACK\n"
        "18. HUM TGT: NAME \"EDMUND\"\n20. HUM TGT: TYPE CIVILIAN: \"EDMUND\"\n";
    static const char rt[] =
        "0. MESSAGE: ID TEST-0009\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ATTACK\n"
        "19. HUM TGT: DESCRIPTION \"FARMER\"\n20. HUM TGT: TYPE CIVILIAN: \"FARMER\"\n";
    static const char rt_wrong[] =
        "0. MESSAGE: ID TEST-0009\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ATTACK\n"
        "19. HUM TGT: DESCRIPTION \"FARMER\"\n20. HUM TGT: TYPE ACTIVE MILITARY: \"FARMER\"\n";
    sr_muc_result res;
    sr_muc_count c;
    score_texts(kt, rt, &res);
    CHECK_EQ_INT(res.matched, 1);
    c = sr_muc_sum(&res, 20, 20, 0, 0);
    CHECK_EQ_INT(c.par, 1);
    /* a wrong value: no partial match on any target slot, no mapping */
    score_texts(kt, rt_wrong, &res);
    CHECK_EQ_INT(res.matched, 0);
    /* two general perpetrator words are a partial match in the slot but
     * make no pair eligible; the same word does */
    static const char kp[] =
        "0. MESSAGE: ID TEST-0010\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ATTACK\n"
        "9. PERP: INDIVIDUAL ID \"ARMED MEN\"\n";
    static const char rp[] =
        "0. MESSAGE: ID TEST-0010\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ATTACK\n"
        "9. PERP: INDIVIDUAL ID \"GUERRILLAS\"\n";
    static const char rp_same[] =
        "0. MESSAGE: ID TEST-0010\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ATTACK\n"
        "9. PERP: INDIVIDUAL ID \"HEAVILY ARMED MEN\"\n";
    CHECK_EQ_INT(sr_muc_judge_str_slot(9, "GUERRILLAS", "ARMED MEN"), SR_J_PAR);
    score_texts(kp, rp, &res);
    CHECK_EQ_INT(res.matched, 0);
    score_texts(kp, rp_same, &res);
    CHECK_EQ_INT(res.matched, 1);
}

/* Tags: a bare "-" is the null tag "-"; a response string against the
 * key's null tag is a wrong tag (value right: PAR, 3.1.2). */
static void test_null_tags(void)
{
    static const char kt[] =
        "0. MESSAGE: ID TEST-0010\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ATTACK\n"
        "7. INCIDENT: INSTRUMENT TYPE GUN: \"-\"\n12. PHYS TGT: ID \"FERRY\"\n";
    static const char rt_bare[] =
        "0. MESSAGE: ID TEST-0010\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ATTACK\n"
        "7. INCIDENT: INSTRUMENT TYPE GUN: -\n12. PHYS TGT: ID \"FERRY\"\n";
    static const char rt_str[] =
        "0. MESSAGE: ID TEST-0010\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ATTACK\n"
        "7. INCIDENT: INSTRUMENT TYPE GUN: \"SHOTS\"\n12. PHYS TGT: ID \"FERRY\"\n";
    sr_muc_file r = {0, 0, NULL};
    CHECK_EQ_INT(sr_muc_parse(rt_bare, sizeof rt_bare - 1, &r), 1);
    CHECK_EQ_INT(r.t[0].slot[7].fill[0].nval, 1);
    CHECK_EQ_STR(r.t[0].slot[7].fill[0].val[0], "GUN");
    CHECK_EQ_INT(r.t[0].slot[7].fill[0].nxref, 1);
    sr_muc_file_free(&r);
    CHECK_EQ_INT(slot_counts(kt, rt_bare, 7).cor, 1);
    CHECK_EQ_INT(slot_counts(kt, kt, 7).cor, 1);
    CHECK_EQ_INT(slot_counts(kt, rt_str, 7).par, 1);
}

/* In a set slot with tags the fillers pair through their tags first, the
 * rest in order: a filler whose tag names the first target is judged
 * against that target's filler even when another key filler has its
 * value. */
static void test_tag_pairing(void)
{
    static const char kt[] =
        "0. MESSAGE: ID TEST-0011\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ATTACK\n"
        "18. HUM TGT: NAME \"MAYOR TUMNUS\"\n19. HUM TGT: DESCRIPTION \"FERRYMAN\"\n"
        "20. HUM TGT: TYPE GOVERNMENT OFFICIAL: \"MAYOR TUMNUS\"\n"
        "                 CIVILIAN: \"FERRYMAN\"\n";
    static const char rt_linked[] =
        "0. MESSAGE: ID TEST-0011\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ATTACK\n"
        "18. HUM TGT: NAME \"TUMNUS\"\n20. HUM TGT: TYPE CIVILIAN: \"TUMNUS\"\n";
    static const char rt_unlinked[] =
        "0. MESSAGE: ID TEST-0011\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ATTACK\n"
        "19. HUM TGT: DESCRIPTION \"FERRYMAN\"\n20. HUM TGT: TYPE CIVILIAN: \"BAKER\"\n";
    static const char rt_both[] =
        "0. MESSAGE: ID TEST-0011\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ATTACK\n"
        "18. HUM TGT: NAME \"TUMNUS\"\n"
        "20. HUM TGT: TYPE CIVILIAN: \"BAKER\"\n                 GOVERNMENT OFFICIAL: \"TUMNUS\"\n";
    sr_muc_count c = slot_counts(kt, rt_linked, 20);
    /* CIVILIAN: "TUMNUS" names the mayor: INC against GOVERNMENT OFFICIAL,
     * not PAR against the ferryman's CIVILIAN */
    CHECK_EQ_INT(c.inc, 1);
    CHECK_EQ_INT(c.par, 0);
    CHECK_EQ_INT(c.mis, 1);
    /* no tag links: in order, against the first key filler */
    c = slot_counts(kt, rt_unlinked, 20);
    CHECK_EQ_INT(c.inc, 1);
    CHECK_EQ_INT(c.par, 0);
    /* the mayor through the tag (value right, tag partial: PAR), then
     * BAKER in order against the ferryman (value right, tag wrong: PAR) */
    c = slot_counts(kt, rt_both, 20);
    CHECK_EQ_INT(c.par, 2);
    CHECK_EQ_INT(c.inc, 0);
}

/* "?" fillers: null is also correct (template-doc 4.0), but a filler
 * given against one is judged like any other. */
static void test_optional(void)
{
    /* The value of an optional filler in a slot without tags ends with its
     * line: the '?' and the blank after it must not shift the end into
     * the next line ("STATE-SPONSORED VIOLENCE 9" would match nothing). */
    static const char kt[] =
        "0. MESSAGE: ID TEST-0005\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ATTACK\n"
        "8. PERP: INCIDENT CATEGORY ? TERRORIST ACT / STATE-SPONSORED VIOLENCE\n"
        "9. PERP: INDIVIDUAL ID \"SOLDIERS\"\n"
        "10. PERP: ORGANIZATION ID ? \"ARMY\"\n"
        "12. PHYS TGT: ID ? \"BRIDGE\"\n";
    static const char rt[] =
        "0. MESSAGE: ID TEST-0005\n1. MESSAGE: TEMPLATE 1\n4. INCIDENT: TYPE ATTACK\n"
        "8. PERP: INCIDENT CATEGORY STATE-SPONSORED VIOLENCE\n"
        "9. PERP: INDIVIDUAL ID \"SOLDIERS\"\n"
        "10. PERP: ORGANIZATION ID \"POLICE\"\n";
    sr_muc_file k = {0, 0, NULL};
    sr_muc_result res;
    sr_muc_count c;
    CHECK_EQ_INT(sr_muc_parse(kt, sizeof kt - 1, &k), 1);
    CHECK_EQ_INT(k.t[0].slot[8].fill[0].optional, 1);
    CHECK_EQ_INT(k.t[0].slot[8].fill[0].nval, 2);
    CHECK_EQ_STR(k.t[0].slot[8].fill[0].val[1], "STATE-SPONSORED VIOLENCE");
    CHECK_EQ_STR(k.t[0].slot[10].fill[0].val[0], "ARMY");
    sr_muc_file_free(&k);
    score_texts(kt, rt, &res);
    CHECK_EQ_INT(res.matched, 1);
    /* an alternative of an optional filler: COR */
    c = sr_muc_sum(&res, 8, 8, 1, 1);
    CHECK_EQ_INT(c.cor, 1);
    CHECK_EQ_INT(c.pos, 1);
    /* "POLICE" against the optional "ARMY": INC, and the optional filler
     * counts in POS (the NRaD reports: POS 1 ACT 1 INC 1, not SPU) */
    c = sr_muc_sum(&res, 10, 10, 1, 1);
    CHECK_EQ_INT(c.pos, 1);
    CHECK_EQ_INT(c.inc, 1);
    CHECK_EQ_INT(c.spu, 0);
    /* an optional filler left empty: neither POS nor MIS */
    c = sr_muc_sum(&res, 12, 12, 1, 1);
    CHECK_EQ_INT(c.pos, 0);
    CHECK_EQ_INT(c.mis, 0);
}

static void test_malformed(void)
{
    /* garbage, truncated lines, slot lines before any message id, huge
     * numbers: parsed without crashing, unusable parts ignored */
    static const char bad[] = "12. PHYS TGT: ID \"X\"\n0.  MESSAGE: ID\n99999999999. FOO\n"
                              "0. MESSAGE: ID M-1\n2. INCIDENT: DATE 99 ZZZ 9\n21. HUM TGT: NUMBER ~\n"
                              "19. HUM TGT: DESCRIPTION \"unterminated\n   \"\n\x01\xff";
    sr_muc_file k = {0, 0, NULL};
    CHECK_EQ_INT(sr_muc_parse(bad, sizeof bad - 1, &k), 1);
    CHECK_EQ_STR(k.t[0].msgid, "M-1");
    CHECK_EQ_INT(sr_muc_judge_date("99 ZZZ 9", "01 JAN 90"), SR_J_INC);
    CHECK_EQ_INT(sr_muc_judge_num("~", "5"), SR_J_INC);
    sr_muc_file_free(&k);
}

static void test_json(void)
{
    static const char ok[] = " {\"a\": [1, -2.5e3, \"x\\u00e9\\ud83d\\ude00\\n\"], \"b\": {\"c\": null},"
                             " \"d\": true, \"e\": false, \"f\": []} ";
    const char *err;
    sr_mj_value v;
    const sr_mj_value *a;
    CHECK_EQ_INT(sr_mj_parse(ok, sizeof ok - 1, &v, &err), 0);
    a = sr_mj_get(&v, "a");
    CHECK(a && a->type == SR_MJ_ARRAY && a->n == 3);
    if (a && a->n == 3) {
        CHECK_EQ_STR(a->items[1].str, "-2.5e3");
        CHECK_EQ_STR(a->items[2].str, "x\xc3\xa9\xf0\x9f\x98\x80\n");
    }
    CHECK(sr_mj_get(sr_mj_get(&v, "b"), "c") && sr_mj_get(sr_mj_get(&v, "b"), "c")->type == SR_MJ_NULL);
    CHECK(sr_mj_get(&v, "d")->type == SR_MJ_TRUE);
    CHECK(sr_mj_get(&v, "zz") == NULL);
    sr_mj_free(&v);
    CHECK_EQ_INT(sr_mj_parse("[1,]", 4, &v, &err), -1);
    CHECK_EQ_INT(sr_mj_parse("{\"a\" 1}", 7, &v, &err), -1);
    CHECK_EQ_INT(sr_mj_parse("\"abc", 4, &v, &err), -1);
    CHECK_EQ_INT(sr_mj_parse("\"\\x\"", 4, &v, &err), -1);
    CHECK_EQ_INT(sr_mj_parse("[] x", 4, &v, &err), -1);
    CHECK_EQ_INT(sr_mj_parse("", 0, &v, &err), -1);
    {
        char deep[200];
        memset(deep, '[', sizeof deep);
        CHECK_EQ_INT(sr_mj_parse(deep, sizeof deep, &v, &err), -1);
    }
}

SR_TEST_MAIN("muc4_score", {"parse", test_parse}, {"strings", test_strings}, {"values", test_values},
             {"score", test_score}, {"files", test_files}, {"mapping", test_mapping},
             {"mapping-order", test_mapping_order}, {"mapping-condition", test_mapping_condition},
             {"null-tags", test_null_tags}, {"tag-pairing", test_tag_pairing}, {"optional", test_optional},
             {"divider", test_divider}, {"malformed", test_malformed}, {"json", test_json})
