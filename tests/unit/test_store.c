/*
 * test_store.c - unit tests of the incident store (src/store/): schema and
 * migrations, re-ingest, syndicated copies, incident linking (place, date,
 * type, perpetrators, background mentions), figure consolidation, merge and
 * split, and the consistency check.  Extraction results are built by hand
 * so that the linking rules are tested on their own, without a gazetteer.
 */
#include "sr_test.h"
#include "store/sr_store.h"
#include "store/sr_store_node.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static int dbn;

static const char *new_db(char *buf, size_t n)
{
    snprintf(buf, n, "%s/t%d.db", dir, ++dbn);
    return buf;
}

static sitrep_store *open_db(const char *path)
{
    sitrep_store_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.path = path;
    sitrep_store *st = NULL;
    char err[256];
    sitrep_status s = sitrep_store_open(&cfg, &st, err, sizeof err);
    CHECK_EQ_INT(s, SITREP_OK);
    if (s != SITREP_OK)
        fprintf(stderr, "open: %s\n", err);
    return st;
}

static sitrep_str S(const char *p)
{
    sitrep_str s = {p, p ? strlen(p) : 0};
    return s;
}

/* One synthetic report: article plus one extracted incident. */
typedef struct report {
    sitrep_article a;
    sitrep_result r;
    sitrep_incident in[2];
    sitrep_type ty[2];
    sitrep_perpetrator pe[2];
} report;

static void make_report(report *p, const char *id, const char *published, const char *text,
                        const char *type, int y, int m, int d, const char *place, const char *cc,
                        uint32_t gid, double lat, double lon, int64_t killed,
                        sitrep_qualifier q, const char *source)
{
    memset(p, 0, sizeof *p);
    p->a.id = S(id);
    p->a.source = S("Test Wire");
    p->a.published = S(published);
    p->a.text = S(text);
    sitrep_date_parse(published, strlen(published), &p->r.published);
    p->ty[0].slug = type;
    sitrep_incident *in = &p->in[0];
    in->main = 1;
    in->ntypes = 1;
    in->types = p->ty;
    in->date.year = y;
    in->date.month = m;
    in->date.day = d;
    if (place) {
        in->location.known = 1;
        in->location.resolved = gid != 0;
        in->location.name = S(place);
        in->location.text = S(place);
        snprintf(in->location.country, sizeof in->location.country, "%s", cc);
        in->location.geonames_id = gid;
        in->location.lat = lat;
        in->location.lon = lon;
        in->location.precision = "city";
    }
    for (int f = 0; f < SITREP_NFIGURES; f++)
        in->counts[f].min = in->counts[f].max = -1;
    if (killed >= 0) {
        sitrep_count *c = &in->counts[SITREP_KILLED];
        c->known = 1;
        c->value = killed;
        c->min = killed;
        c->max = q == SITREP_Q_AT_LEAST ? -1 : killed;
        c->qualifier = q;
        c->source = S(source);
        c->evidence.start = 0;
        c->evidence.end = 4 < strlen(text) ? 4 : strlen(text);
    }
    p->r.nincidents = 1;
    p->r.incidents = p->in;
}

static sitrep_status add(sitrep_store *st, report *p, sitrep_store_ingest_info *info)
{
    return sitrep_store_add(st, &p->a, &p->r, info);
}

typedef struct got {
    int n;
    int64_t id;
    char name[64];
    int64_t killed;
    int killed_q;
    int revised, contradicted;
    char statuses[16][16];
    int nstatus;
} got;

static int on_inc(void *ud, const sitrep_store_incident *inc)
{
    got *g = ud;
    g->n++;
    g->id = inc->id;
    snprintf(g->name, sizeof g->name, "%s", inc->name ? inc->name : "(null)");
    g->killed = inc->figures[SITREP_KILLED].known ? inc->figures[SITREP_KILLED].value : -1;
    g->killed_q = (int)inc->figures[SITREP_KILLED].qualifier;
    g->revised = inc->figures[SITREP_KILLED].revised;
    g->contradicted = inc->figures[SITREP_KILLED].contradicted;
    return 0;
}

static int on_obs(void *ud, const sitrep_store_observation *o)
{
    got *g = ud;
    if (o->figure == SITREP_KILLED && g->nstatus < 16)
        snprintf(g->statuses[g->nstatus++], 16, "%s", o->status);
    return 0;
}

static got incident(sitrep_store *st, int64_t id)
{
    got g;
    memset(&g, 0, sizeof g);
    CHECK_EQ_INT(sitrep_store_get(st, id, on_inc, &g), SITREP_OK);
    CHECK_EQ_INT(sitrep_store_observations(st, id, on_obs, &g), SITREP_OK);
    return g;
}

static int64_t count_incidents(sitrep_store *st)
{
    sitrep_store_stats s;
    CHECK_EQ_INT(sitrep_store_stats_get(st, &s), SITREP_OK);
    return s.incidents;
}

/* ------------------------------------------------------------ tests */

static void test_schema_and_reopen(void)
{
    char p[96];
    new_db(p, sizeof p);
    sitrep_store *st = open_db(p);
    CHECK_EQ_INT(sitrep_store_schema_version(st), SITREP_STORE_SCHEMA_VERSION);
    CHECK_EQ_INT(sitrep_store_check(st), SITREP_OK);
    sitrep_store_close(st);
    st = open_db(p);   /* a second open migrates nothing */
    CHECK_EQ_INT(sitrep_store_schema_version(st), SITREP_STORE_SCHEMA_VERSION);
    sitrep_store_close(st);

    /* A newer schema is refused. */
    sqlite3 *db;
    CHECK_EQ_INT(sqlite3_open(p, &db), SQLITE_OK);
    CHECK_EQ_INT(sqlite3_exec(db, "INSERT INTO schema_version(version) VALUES(99)", 0, 0, 0),
                 SQLITE_OK);
    sqlite3_close(db);
    sitrep_store_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.path = p;
    char err[256];
    CHECK_EQ_INT(sitrep_store_open(&cfg, &st, err, sizeof err), SITREP_E_DATA);
    CHECK(st == NULL);
    CHECK(strstr(err, "newer") != NULL);

    /* Another program's database is refused. */
    new_db(p, sizeof p);
    CHECK_EQ_INT(sqlite3_open(p, &db), SQLITE_OK);
    CHECK_EQ_INT(sqlite3_exec(db, "CREATE TABLE other(x)", 0, 0, 0), SQLITE_OK);
    sqlite3_close(db);
    CHECK_EQ_INT(sitrep_store_open(&cfg, &st, err, sizeof err), SITREP_E_DATA);
    CHECK(strstr(err, "not a sitrep store") != NULL);

    /* No path. */
    cfg.path = NULL;
    CHECK_EQ_INT(sitrep_store_open(&cfg, &st, err, sizeof err), SITREP_E_ARG);
}

static const char txt1[] = "A car bomb exploded at a crowded market, killing at least 12 people "
                           "and wounding dozens, police said on Wednesday morning.";
static const char txt2[] = "The death toll from the market bombing rose to 31, an interior "
                           "ministry spokesman said late on Wednesday evening.";
static const char txt3[] = "The health ministry said 43 people were killed in Wednesday's "
                           "market bombing, and funerals were held on Thursday.";
static const char txt4[] = "A regional paper, citing early figures, said 12 people died in "
                           "the market blast this week.";

static void test_developing_incident(void)
{
    char p[96];
    sitrep_store *st = open_db(new_db(p, sizeof p));
    report r;
    sitrep_store_ingest_info info;
    make_report(&r, "a1", "2023-06-14T11:20:00Z", txt1, "bombing", 2023, 6, 14, "Baghdad", "IQ",
                98182, 33.34, 44.40, 12, SITREP_Q_AT_LEAST, "police");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK_EQ_INT(info.opened, 1);
    int64_t id = info.main_incident;
    CHECK(id > 0);
    make_report(&r, "a2", "2023-06-14T19:05:00Z", txt2, "bombing", 2023, 6, 14, "Baghdad", "IQ",
                98182, 33.34, 44.40, 31, SITREP_Q_EXACT, "an interior ministry spokesman");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK_EQ_INT(info.linked, 1);
    CHECK_EQ_INT(info.main_incident, id);
    /* Unresolved place in the same country, next day: still this incident. */
    make_report(&r, "a3", "2023-06-15T08:40:00Z", txt3, "bombing", 2023, 6, 14, "Sadr City", "IQ",
                0, 0, 0, 43, SITREP_Q_EXACT, "the health ministry");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK_EQ_INT(info.main_incident, id);
    /* A lagging outlet repeats the first figure: the toll is not lowered. */
    make_report(&r, "a4", "2023-06-16T09:00:00Z", txt4, "bombing", 0, 0, 0, "Baghdad", "IQ",
                98182, 33.34, 44.40, 12, SITREP_Q_EXACT, "");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK_EQ_INT(info.main_incident, id);
    got g = incident(st, id);
    CHECK_EQ_INT(g.killed, 43);
    CHECK_EQ_INT(g.killed_q, SITREP_Q_EXACT);
    CHECK_EQ_INT(g.revised, 1);
    CHECK_EQ_INT(g.contradicted, 0);
    CHECK_EQ_INT(g.nstatus, 4);
    CHECK_EQ_STR(g.statuses[0], "first");
    CHECK_EQ_STR(g.statuses[1], "raised");
    CHECK_EQ_STR(g.statuses[2], "raised");
    CHECK_EQ_STR(g.statuses[3], "lower");
    CHECK_EQ_INT(count_incidents(st), 1);
    CHECK_EQ_INT(sitrep_store_check(st), SITREP_OK);

    /* The filter on the toll. */
    sitrep_store_filter f;
    memset(&f, 0, sizeof f);
    f.min_killed = 40;
    got l;
    memset(&l, 0, sizeof l);
    CHECK_EQ_INT(sitrep_store_incidents(st, &f, on_inc, &l), SITREP_OK);
    CHECK_EQ_INT(l.n, 1);
    f.min_killed = 44;
    memset(&l, 0, sizeof l);
    CHECK_EQ_INT(sitrep_store_incidents(st, &f, on_inc, &l), SITREP_OK);
    CHECK_EQ_INT(l.n, 0);
    memset(&f, 0, sizeof f);
    f.min_killed = -1;
    memcpy(f.country, "PK", 3);
    memset(&l, 0, sizeof l);
    CHECK_EQ_INT(sitrep_store_incidents(st, &f, on_inc, &l), SITREP_OK);
    CHECK_EQ_INT(l.n, 0);
    sitrep_store_close(st);
}

/* Each observation keeps the sentence around its evidence, so that a report
 * can quote it: from the end of the previous sentence (not at "Gen.") to the
 * end of this one, never past a blank line. */
typedef struct sent_got {
    char sentence[256];
    char evidence[64];
} sent_got;

static int on_sentence(void *ud, const sitrep_store_observation *o)
{
    sent_got *g = ud;
    snprintf(g->sentence, sizeof g->sentence, "%s", o->sentence);
    snprintf(g->evidence, sizeof g->evidence, "%s", o->evidence_text);
    return 0;
}

static void test_evidence_sentence(void)
{
    static const char text[] = "BAGHDAD BLAST\n\nThe mayor spoke first. Gen. Ali Hassan said 12\n"
                               "people were killed in the blast. Rescue work went on.";
    const char *ev = strstr(text, "12\npeople were killed");
    char p[96];
    sitrep_store *st = open_db(new_db(p, sizeof p));
    report r;
    sitrep_store_ingest_info info;
    make_report(&r, "s1", "2023-06-14T11:20:00Z", text, "bombing", 2023, 6, 14, "Baghdad", "IQ",
                98182, 33.34, 44.40, 12, SITREP_Q_EXACT, "police");
    r.in[0].counts[SITREP_KILLED].evidence.start = (size_t)(ev - text);
    r.in[0].counts[SITREP_KILLED].evidence.end = (size_t)(ev - text) + 21;
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    sent_got g;
    memset(&g, 0, sizeof g);
    CHECK_EQ_INT(sitrep_store_observations(st, info.main_incident, on_sentence, &g), SITREP_OK);
    CHECK_EQ_STR(g.evidence, "12\npeople were killed");
    CHECK_EQ_STR(g.sentence, "Gen. Ali Hassan said 12\npeople were killed in the blast.");
    /* Evidence at the very start of the text: the sentence stops at the
     * blank line. */
    make_report(&r, "s2", "2023-06-15T11:20:00Z", "MOSUL RAID\n\nThree died.", "bombing", 2023,
                6, 15, "Mosul", "IQ", 99072, 36.33, 43.11, 3, SITREP_Q_EXACT, "police");
    r.in[0].counts[SITREP_KILLED].evidence.start = 0;
    r.in[0].counts[SITREP_KILLED].evidence.end = 5;
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    memset(&g, 0, sizeof g);
    CHECK_EQ_INT(sitrep_store_observations(st, info.main_incident, on_sentence, &g), SITREP_OK);
    CHECK_EQ_STR(g.sentence, "MOSUL RAID");
    sitrep_store_close(st);
}

static void test_reingest_changes_nothing(void)
{
    char p[96];
    sitrep_store *st = open_db(new_db(p, sizeof p));
    report r;
    sitrep_store_ingest_info info;
    make_report(&r, "b1", "2023-07-04", "Gunmen killed three policemen at a checkpoint near "
                "the city on Monday night, officials said.", "armed_assault", 2023, 7, 3,
                "Peshawar", "PK", 1168197, 34.0, 71.57, 3, SITREP_Q_EXACT, "officials");
    r.a.url = S("https://example.org/b1");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK_EQ_INT(info.duplicate, 0);
    sitrep_store_stats before, after;
    CHECK_EQ_INT(sitrep_store_stats_get(st, &before), SITREP_OK);
    /* Same id. */
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK_EQ_INT(info.duplicate, 1);
    /* Same URL, another id and text. */
    r.a.id = S("b1-copy");
    r.a.text = S("Entirely different words here for this one report of the attack.");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK_EQ_INT(info.duplicate, 1);
    /* Same text, no id, no URL. */
    make_report(&r, "", "2023-07-04", "Gunmen killed three policemen at a checkpoint near "
                "the city on Monday night, officials said.", "armed_assault", 2023, 7, 3,
                "Peshawar", "PK", 1168197, 34.0, 71.57, 3, SITREP_Q_EXACT, "officials");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK_EQ_INT(info.duplicate, 1);
    CHECK_EQ_INT(sitrep_store_stats_get(st, &after), SITREP_OK);
    CHECK_EQ_INT(after.articles, before.articles);
    CHECK_EQ_INT(after.mentions, before.mentions);
    CHECK_EQ_INT(after.observations, before.observations);
    CHECK_EQ_INT(after.incidents, before.incidents);
    sitrep_store_close(st);
}

static const char wire[] =
    "Rescue teams searched through the rubble of collapsed houses on Tuesday after a strong "
    "earthquake struck the mountain district overnight, killing nine people and injuring "
    "dozens more, the disaster management agency said. The quake, which had a magnitude of "
    "5.9, was felt across the region and damaged roads, schools and a hospital, officials "
    "said, adding that the search would continue through the night.";

static void test_syndicated_copy(void)
{
    char p[96];
    sitrep_store *st = open_db(new_db(p, sizeof p));
    report r;
    sitrep_store_ingest_info info;
    make_report(&r, "w1", "2023-11-21", wire, "earthquake", 2023, 11, 20, "Malatya", "TR", 304922,
                38.35, 38.31, 9, SITREP_Q_EXACT, "the disaster management agency");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    int64_t a1 = info.article, inc = info.main_incident;
    /* The copy: another outlet's header; extraction placed it elsewhere
     * (a wrong place), but it is the same wire story. */
    char copy[sizeof wire + 64];
    snprintf(copy, sizeof copy, "ANKARA (Other Outlet) - %s", wire);
    make_report(&r, "w2", "2023-11-21", copy, "earthquake", 2023, 11, 20, "Ankara", "TR", 323786,
                39.92, 32.85, 9, SITREP_Q_EXACT, "the disaster management agency");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK_EQ_INT(info.near_duplicate_of, a1);
    CHECK_EQ_INT(info.main_incident, inc);
    CHECK_EQ_INT(count_incidents(st), 1);

    /* Fingerprints themselves. */
    size_t n1, n2;
    uint64_t h1 = sr_simhash(wire, strlen(wire), &n1), h2 = sr_simhash(copy, strlen(copy), &n2);
    CHECK(n1 > 40);
    CHECK(sr_hamming64(h1, h2) <= SR_NEAR_DUP_BITS);
    uint64_t h3 = sr_simhash(txt1, strlen(txt1), &n2);
    CHECK(sr_hamming64(h1, h3) > 10);
    char c1[33], c2[33];
    sr_content_hash(wire, strlen(wire), c1);
    sr_content_hash(copy, strlen(copy), c2);
    CHECK_EQ_INT(strlen(c1), 32);
    CHECK(strcmp(c1, c2) != 0);
    sitrep_store_close(st);
}

static void test_distinct_incidents(void)
{
    char p[96];
    sitrep_store *st = open_db(new_db(p, sizeof p));
    report r;
    sitrep_store_ingest_info info;
    /* Same day, same type, two cities 350 km apart: two incidents. */
    make_report(&r, "c1", "2023-06-14", "A bomb killed five people in the city on Wednesday.",
                "bombing", 2023, 6, 14, "Baghdad", "IQ", 98182, 33.34, 44.40, 5, SITREP_Q_EXACT, "");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    int64_t baghdad = info.main_incident;
    make_report(&r, "c2", "2023-06-14", "A bomb killed seven people in the north on Wednesday.",
                "bombing", 2023, 6, 14, "Mosul", "IQ", 99072, 36.33, 43.13, 7, SITREP_Q_EXACT, "");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK(info.main_incident != baghdad);
    CHECK_EQ_INT(info.opened, 1);
    /* Same place, a month later: another incident. */
    make_report(&r, "c3", "2023-07-20", "A bomb killed two people in the capital on Thursday.",
                "bombing", 2023, 7, 20, "Baghdad", "IQ", 98182, 33.34, 44.40, 2, SITREP_Q_EXACT, "");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    int64_t later = info.main_incident;
    CHECK(later != baghdad);
    /* Same place and day, a fire: another incident. */
    make_report(&r, "c4", "2023-07-20", "A fire in a warehouse killed one worker on Thursday.",
                "fire", 2023, 7, 20, "Baghdad", "IQ", 98182, 33.34, 44.40, 1, SITREP_Q_EXACT, "");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK(info.main_incident != later);
    /* Different claimed groups: another incident. */
    make_report(&r, "c5", "2023-07-20", "Another group said it carried out a bombing in the capital.",
                "bombing", 2023, 7, 20, "Baghdad", "IQ", 98182, 33.34, 44.40, -1, SITREP_Q_EXACT, "");
    r.pe[0].name = S("Group A");
    r.pe[0].kind = "organization";
    r.pe[0].claim = "claimed";
    r.in[0].nperpetrators = 1;
    r.in[0].perpetrators = r.pe;
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK_EQ_INT(info.main_incident, later);   /* joins: the first had no group */
    make_report(&r, "c6", "2023-07-20", "Group B said it carried out the bombing in the capital.",
                "bombing", 2023, 7, 20, "Baghdad", "IQ", 98182, 33.34, 44.40, -1, SITREP_Q_EXACT, "");
    r.pe[0].name = S("Group B");
    r.pe[0].kind = "organization";
    r.pe[0].claim = "claimed";
    r.in[0].nperpetrators = 1;
    r.in[0].perpetrators = r.pe;
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK(info.main_incident != later);
    CHECK_EQ_INT(sitrep_store_check(st), SITREP_OK);
    sitrep_store_close(st);
}

/* Reports that share an event name are one incident across places and
 * days; different names are different incidents. */
static void test_event_names(void)
{
    char p[96];
    sitrep_store *st = open_db(new_db(p, sizeof p));
    report r;
    sitrep_store_ingest_info info;
    make_report(&r, "n1", "2018-09-14", "Hurricane Florence killed five people in Wilmington.",
                "storm", 2018, 9, 14, "Wilmington", "US", 4499379, 34.23, -77.94, 5,
                SITREP_Q_EXACT, "");
    r.in[0].name = S("Hurricane Florence");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    int64_t florence = info.main_incident;
    CHECK(florence > 0);
    /* Ten days later, 300 km away, now a tropical storm: the same event. */
    make_report(&r, "n2", "2018-09-24", "Tropical Storm Florence has killed 41 people.", "flood",
                2018, 9, 24, "Columbia", "US", 4575352, 34.00, -81.03, 41, SITREP_Q_EXACT, "");
    r.in[0].name = S("Tropical Storm Florence");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK_EQ_INT(info.main_incident, florence);
    got g = incident(st, florence);
    CHECK_EQ_INT(g.killed, 41);
    CHECK(strcmp(g.name, "Hurricane Florence") == 0);
    /* Same place and day, another name: another incident. */
    make_report(&r, "n3", "2018-09-24", "Hurricane Isaac killed two people in Columbia.", "storm",
                2018, 9, 24, "Columbia", "US", 4575352, 34.00, -81.03, 2, SITREP_Q_EXACT, "");
    r.in[0].name = S("Hurricane Isaac");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK(info.main_incident != florence);
    /* The same name a year later: another event. */
    make_report(&r, "n4", "2019-09-14", "Hurricane Florence, a new storm, killed one person.",
                "storm", 2019, 9, 14, "Wilmington", "US", 4499379, 34.23, -77.94, 1,
                SITREP_Q_EXACT, "");
    r.in[0].name = S("Hurricane Florence");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK(info.main_incident != florence);
    CHECK_EQ_INT(sitrep_store_check(st), SITREP_OK);
    sitrep_store_close(st);
}

/* The names of a text: capitalised words inside sentences, not those that
 * only start a sentence or stand on a title-case headline, not common nouns
 * also written in lower case, not days and months. */
static void test_name_terms(void)
{
    const char *t = "Storm Hits Town As Residents Flee\n"
                    "The mayor, Jane Doe, said on Monday that Bank staff left. The bank "
                    "closed. Doe said O'Neill's Acme Corp helped.";
    sr_term terms[SR_ARTICLE_TERMS];
    size_t n = sr_name_terms(t, strlen(t), terms, SR_ARTICLE_TERMS);
    CHECK_EQ_INT((int)n, 6);
    if (n == 6) {
        CHECK(strcmp(terms[0].w, "jane") == 0);
        CHECK(strcmp(terms[1].w, "doe") == 0);
        CHECK_EQ_INT((int)terms[1].tf, 2);
        CHECK(strcmp(terms[2].w, "bank") == 0);
        CHECK_EQ_INT(terms[2].lower, 1);   /* "The bank closed" */
        CHECK_EQ_INT(terms[0].lower, 0);
        CHECK(strcmp(terms[3].w, "oneill") == 0);
        CHECK(strcmp(terms[4].w, "acme") == 0);
        CHECK(strcmp(terms[5].w, "corp") == 0);
    }
    /* The words of a web address are not prose. */
    const char *u = "http : / / www . example . com / comeaux - escapes\n"
                    "Guards said Comeaux fled.";
    n = sr_name_terms(u, strlen(u), terms, SR_ARTICLE_TERMS);
    CHECK_EQ_INT((int)n, 1);
    CHECK(n == 1 && strcmp(terms[0].w, "comeaux") == 0 && !terms[0].lower);
    CHECK_EQ_INT((int)sr_name_terms("", 0, terms, SR_ARTICLE_TERMS), 0);
    /* Profiles add counts, most used first. */
    char prof[SR_PROFILE] = "alpha:1|beta:1";
    sr_profile_merge(prof, sizeof prof, "beta:1|gamma:1");
    CHECK(strcmp(prof, "beta:2|alpha:1|gamma:1") == 0);
    CHECK(sr_profile_has(prof, "gamma"));
    CHECK(!sr_profile_has(prof, "gam"));
    CHECK_EQ_INT((int)sr_profile_size(prof), 3);
    /* A full profile keeps what fits, whole entries only. */
    char small[24] = "";
    sr_profile_merge(small, sizeof small, "aaaa:1|bbbb:1|cccc:1|dddd:1");
    CHECK(strcmp(small, "aaaa:1|bbbb:1|cccc:1") == 0);
}

/* Add an armed assault reported at a city, without an incident date; the
 * main incident it went to (0 on failure). */
static int64_t add_assault(sitrep_store *st, const char *id, const char *published,
                           const char *text, const char *city, uint32_t gid, double lat,
                           double lon)
{
    report r;
    sitrep_store_ingest_info info;
    make_report(&r, id, published, text, "armed_assault", 0, 0, 0, city, "US", gid, lat, lon, -1,
                SITREP_Q_EXACT, "");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    return info.main_incident;
}

/* n reports from Dallas without names, so that the names of the reports
 * that follow are rare. */
static void add_elsewhere(sitrep_store *st, int n, const char *published)
{
    for (int i = 0; i < n; i++) {
        char id[16], text[64];
        snprintf(id, sizeof id, "f%d", i);
        snprintf(text, sizeof text, "A man was shot outside shop number %d.", i);
        add_assault(st, id, published, text, "Dallas", 4684888, 32.78, -96.81);
    }
}

/* Reports that name the same rare people link whatever place the extractor
 * resolved (an ambiguous town), and when their names are all a report has,
 * whatever type and date it was given; undated reports from one city that
 * name different people are different incidents. */
static void test_names_link(void)
{
    char p[96];
    sitrep_store *st = open_db(new_db(p, sizeof p));
    int64_t first = add_assault(st, "h1", "2009-11-30",
                                "Police said the gunman, Arcade Comeaux, fled from Officer Stiles "
                                "and Judge Lyons near Estelle and Baytown after a shooting.",
                                "Huntsville", 4068590, 34.73, -86.59);
    CHECK(first > 0);
    /* The other Huntsville, 900 km away: the places disagree, the names
     * say it is the same escape. */
    CHECK_EQ_INT(add_assault(st, "h2", "2009-11-30",
                             "Officers said that Arcade Comeaux shot at Stiles while Lyons waited "
                             "in Baytown near Estelle.",
                             "Huntsville", 4696233, 30.72, -95.55),
                 first);
    /* Without names in common the places keep them apart. */
    CHECK(add_assault(st, "h3", "2009-11-30", "A gunman opened fire in the town on Monday.",
                      "Huntsville", 4696233, 30.72, -95.55) != first);
    /* Reports without names elsewhere (the names above become rarer). */
    add_elsewhere(st, 20, "2009-10-01");
    /* Ten days on, read as a crash with a date of its own: the names are
     * all the report has, and they are the escape's. */
    report r;
    sitrep_store_ingest_info info;
    make_report(&r, "h4", "2009-12-10",
                "Investigators said Arcade Comeaux took the van from Stiles and Lyons between "
                "Estelle and Baytown.",
                "transport_crash", 2009, 12, 10, "Houston", "US", 4699066, 29.76, -95.36, -1,
                SITREP_Q_EXACT, "");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK_EQ_INT(info.main_incident, first);

    /* Undated reports from one city. */
    int64_t tavern = add_assault(st, "u1", "",
                                 "Witnesses said gunmen attacked the Marlow Tavern on Kestrel "
                                 "Street, wounding Tobias Quill, Hester Vane, Ambrose Pike and "
                                 "Lydia Crane.",
                                 "Springfield", 4409896, 37.21, -93.29);
    int64_t lodge = add_assault(st, "u2", "",
                                "Officials said a gunman shot Rufus Oakley, Mabel Finch and Cyrus "
                                "Dunmore outside the Garnet Lodge in Harrow Park.",
                                "Springfield", 4409896, 37.21, -93.29);
    CHECK(lodge != tavern);
    CHECK_EQ_INT(add_assault(st, "u3", "",
                             "Police said Tobias Quill and Hester Vane were still in hospital "
                             "after the attack on the Marlow Tavern.",
                             "Springfield", 4409896, 37.21, -93.29),
                 tavern);
    CHECK_EQ_INT(sitrep_store_check(st), SITREP_OK);
    sitrep_store_close(st);
}

/* A long report names many people besides its incident's: four rare names
 * of the incident are still enough to link it across a wrong place, though
 * they are a small part of what the report names; two such names are not.
 * The incident is found by the names other reports used, not by the
 * report's rarest ones. */
static void test_names_many(void)
{
    char p[96];
    sitrep_store *st = open_db(new_db(p, sizeof p));
    add_elsewhere(st, 20, "");
    int64_t first = add_assault(st, "m1", "",
                                "Police said gunmen attacked the Marlow Tavern on Kestrel Street, "
                                "wounding Tobias Quill and Hester Vane.",
                                "Springfield", 4409896, 37.21, -93.29);
    CHECK(first > 0);
    /* Placed in another town 1,500 km away (a dateline, a wrong place):
     * four of the tavern's names among four times as many others. */
    CHECK_EQ_INT(add_assault(st, "m2", "",
                             "Senators Ambrose Pike, Lydia Crane, Rufus Oakley, Mabel Finch, "
                             "Cyrus Dunmore, Garnet Holloway, Silas Brandt and Octavia Blythe "
                             "spoke at length yesterday about the shooting at the Marlow Tavern, "
                             "where Tobias Quill was wounded by the gunmen.",
                             "Hartford", 4835797, 41.76, -72.68),
                 first);
    /* From another town, two of its names among as many others are not
     * enough. */
    CHECK(add_assault(st, "m3", "",
                      "Governors Barnaby Roe, Cecily Marsh, Edmund Vale, Florian Kett, Gideon "
                      "Hart and Imogen Lisle spoke at length yesterday about the shooting, "
                      "in which Quill and Vane were wounded by the gunmen.",
                      "Hartford", 4835797, 41.76, -72.68) != first);
    /* Placed in another country (a person's name read as a town there),
     * undated: only the names can find the tavern, and the report's
     * rarest names are the many no other report used. */
    report r;
    sitrep_store_ingest_info info;
    make_report(&r, "m4", "",
                "Councillors Leopold Quarry, Minerva Stroud, Nestor Wren, Ophelia Thorne, "
                "Percival Yates, Rosalind Ashby, Jasper Nye and Kit Orme spoke about the shooting at the Marlow "
                "Tavern on Kestrel Street, where Tobias Quill was wounded by the gunmen.",
                "armed_assault", 0, 0, 0, "Thorpe", "GB", 2635917, 52.63, 1.35, -1,
                SITREP_Q_EXACT, "");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK_EQ_INT(info.main_incident, first);
    CHECK_EQ_INT(sitrep_store_check(st), SITREP_OK);
    sitrep_store_close(st);
}

/* Add a report of type slug at Aden, without a publication date, dated
 * y-m-d (0: undated); the main incident it went to. */
static int64_t add_at_aden(sitrep_store *st, const char *id, const char *slug, int y, int m,
                           int d, const char *text)
{
    report r;
    sitrep_store_ingest_info info;
    make_report(&r, id, "", text, slug, y, m, d, "Aden", "YE", 415189, 12.78, 45.04, -1,
                SITREP_Q_EXACT, "");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    return info.main_incident;
}

/* Of two incidents in one place, a report joins the one whose people and
 * ships it names, even when the other has its type and no date to
 * disagree with: shared names weigh more than a type or a close date. */
static void test_names_outweigh_type(void)
{
    char p[96];
    sitrep_store *st = open_db(new_db(p, sizeof p));
    /* Reports elsewhere, so that the names below are rare. */
    add_elsewhere(st, 30, "2011-10-01");
    int64_t old = add_at_aden(st, "o1", "kidnapping", 0, 0, 0,
                              "Pirates seized the Gibe and its crew; the Mysore was seen near "
                              "Tabar, and Wicharn, Sirichai and Kessler sent word from the "
                              "Ethiopian ship to Salahaddin and Mombrey.");
    CHECK(old > 0);
    CHECK_EQ_INT(add_at_aden(st, "o2", "kidnapping", 0, 0, 0,
                             "The crew of the Gibe and the Mysore were held off Tabar, said "
                             "Wicharn, Sirichai and Kessler to Salahaddin and Mombrey."),
                 old);
    int64_t now = add_at_aden(st, "n1", "hijacking", 2011, 11, 10,
                              "The navy ship Sukanya under Captain Nambiar and Commander Manohar "
                              "stopped pirates in the Transit Corridor near Bramwell, Ostrava "
                              "and Quillon.");
    CHECK(now > 0 && now != old);
    /* Two days on, a kidnapping: the Sukanya's people, and the Gibe's
     * too, but all of the first. */
    CHECK_EQ_INT(add_at_aden(st, "n2", "kidnapping", 2011, 11, 12,
                             "Captain Nambiar said the Sukanya and Commander Manohar held the "
                             "pirates in the Transit Corridor near Bramwell, Ostrava and "
                             "Quillon, as Wicharn, Sirichai and Kessler of the Gibe and Mysore "
                             "told Tabar."),
                 now);
    CHECK_EQ_INT(sitrep_store_check(st), SITREP_OK);
    sitrep_store_close(st);
}

/* A report that places nothing but names the incident's town in passing
 * ("Staunton police") joins the incident of that town; naming another
 * town, it does not. */
static void test_named_town(void)
{
    char p[96];
    sitrep_store *st = open_db(new_db(p, sizeof p));
    int64_t first = add_assault(st, "s1", "", "Two women were shot at an ice cream shop.",
                                "Staunton", 4787534, 38.15, -79.07);
    CHECK(first > 0);
    CHECK_EQ_INT(add_assault(st, "s2", "",
                             "This morning Staunton police charged Sharron Crawford with two "
                             "counts of murder.",
                             NULL, 0, 0, 0),
                 first);
    CHECK(add_assault(st, "s3", "",
                      "This morning Lexington police charged Hobart Quimby with murder.", NULL,
                      0, 0, 0) != first);
    CHECK_EQ_INT(sitrep_store_check(st), SITREP_OK);
    sitrep_store_close(st);
}

/* A version 1 database (before event names and bucketed near-duplicate
 * bands) is migrated on open, and a syndicated copy of what it held is still
 * found, and the same text by its content hash. */
static void test_migration_v1(void)
{
    char p[96];
    new_db(p, sizeof p);
    sitrep_store *st = open_db(p);
    report r;
    make_report(&r, "m1", "2023-11-21", wire, "earthquake", 2023, 11, 20, "Malatya", "TR", 304922,
                38.35, 38.31, 9, SITREP_Q_EXACT, "the disaster management agency");
    sitrep_store_ingest_info info;
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    int64_t a1 = info.article;
    sitrep_store_close(st);
    /* take it back to version 1 */
    sqlite3 *db;
    CHECK_EQ_INT(sqlite3_open(p, &db), SQLITE_OK);
    CHECK_EQ_INT(sqlite3_exec(db,
                              "DROP TABLE article_hashes;"
                              "DROP TABLE store_state;"
                              "DROP INDEX articles_bhash;"
                              "CREATE UNIQUE INDEX articles_hash ON articles(content_hash);"
                              "DROP INDEX articles_wb0;"
                              "DROP INDEX articles_wb1;"
                              "DROP INDEX articles_wb2;"
                              "DROP INDEX articles_wb3;"
                              "ALTER TABLE articles DROP COLUMN bucket;"
                              "CREATE INDEX articles_b0 ON articles(b0, simhash) WHERE b0 IS NOT NULL;"
                              "CREATE INDEX articles_b1 ON articles(b1, simhash) WHERE b1 IS NOT NULL;"
                              "CREATE INDEX articles_b2 ON articles(b2, simhash) WHERE b2 IS NOT NULL;"
                              "CREATE INDEX articles_b3 ON articles(b3, simhash) WHERE b3 IS NOT NULL;"
                              "DROP INDEX incidents_name;"
                              "ALTER TABLE incidents DROP COLUMN name;"
                              "ALTER TABLE incidents DROP COLUMN name_key;"
                              "ALTER TABLE mentions DROP COLUMN name;"
                              "ALTER TABLE mentions DROP COLUMN name_key;"
                              "ALTER TABLE observations DROP COLUMN sentence;"
                              "ALTER TABLE incidents DROP COLUMN terms;"
                              "ALTER TABLE mentions DROP COLUMN terms;"
                              "DROP TABLE term_df;"
                              "DROP TABLE term_incidents;"
                              "DELETE FROM schema_version WHERE version > 1;",
                              0, 0, 0),
                 SQLITE_OK);
    sqlite3_close(db);
    st = open_db(p);
    CHECK_EQ_INT(sitrep_store_schema_version(st), SITREP_STORE_SCHEMA_VERSION);
    CHECK_EQ_INT(sitrep_store_check(st), SITREP_OK);
    char copy[sizeof wire + 64];
    snprintf(copy, sizeof copy, "ANKARA (Other Outlet) - %s", wire);
    make_report(&r, "m2", "2023-11-21", copy, "earthquake", 2023, 11, 20, "Ankara", "TR", 323786,
                39.92, 32.85, 9, SITREP_Q_EXACT, "the disaster management agency");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK_EQ_INT(info.near_duplicate_of, a1);
    CHECK_EQ_INT(info.opened, 0);
    CHECK_EQ_INT(count_incidents(st), 1);
    /* the text stored before the migrations is still found by its hash */
    make_report(&r, "m3", "2023-11-22", wire, "earthquake", 2023, 11, 20, "Malatya", "TR", 304922,
                38.35, 38.31, 9, SITREP_Q_EXACT, "the disaster management agency");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK_EQ_INT(info.duplicate, 1);
    CHECK_EQ_INT(info.article, a1);
    sitrep_store_close(st);
}

/* Content hashes in two levels (migration 6): the newest ingest bucket's
 * through the bucket-led index, the older ones in article_hashes, moved
 * there when an article opens a new bucket; a text is found in either. */
static void test_hash_levels(void)
{
    char p[96];
    new_db(p, sizeof p);
    sitrep_store *st = open_db(p);
    report r;
    sitrep_store_ingest_info info;
    make_report(&r, "h1", "2023-11-21", wire, "earthquake", 2023, 11, 20, "Malatya", "TR", 304922,
                38.35, 38.31, 9, SITREP_Q_EXACT, "");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    int64_t a1 = info.article;
    sitrep_store_close(st);
    /* the last article of bucket 0, so that the next one opens bucket 1 */
    sqlite3 *db;
    CHECK_EQ_INT(sqlite3_open(p, &db), SQLITE_OK);
    CHECK_EQ_INT(sqlite3_exec(db,
                              "INSERT INTO articles(id, content_hash, simhash, bucket) "
                              "VALUES(16383, 'filler', 0, 0)",
                              0, 0, 0),
                 SQLITE_OK);
    sqlite3_close(db);
    st = open_db(p);
    static const char other[] = "Gunmen attacked a checkpoint on the highway north of the town "
                                "late on Monday, killing four soldiers, the army said.";
    make_report(&r, "h2", "2023-11-22", other, "armed_assault", 2023, 11, 20, "Kabul", "AF",
                1138958, 34.53, 69.17, 4, SITREP_Q_EXACT, "the army");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    int64_t a2 = info.article;
    CHECK_EQ_INT(a2, 16384);
    /* the same texts under other ids: the first moved, the second not */
    make_report(&r, "h3", "2023-11-23", wire, "earthquake", 2023, 11, 20, "Malatya", "TR", 304922,
                38.35, 38.31, 9, SITREP_Q_EXACT, "");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK_EQ_INT(info.duplicate, 1);
    CHECK_EQ_INT(info.article, a1);
    make_report(&r, "h4", "2023-11-23", other, "armed_assault", 2023, 11, 20, "Kabul", "AF",
                1138958, 34.53, 69.17, 4, SITREP_Q_EXACT, "the army");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK_EQ_INT(info.duplicate, 1);
    CHECK_EQ_INT(info.article, a2);
    CHECK_EQ_INT(sitrep_store_check(st), SITREP_OK);
    sitrep_store_close(st);
    CHECK_EQ_INT(sqlite3_open(p, &db), SQLITE_OK);
    sqlite3_stmt *s = NULL;
    CHECK_EQ_INT(sqlite3_prepare_v2(db,
                                    "SELECT (SELECT count(*) FROM article_hashes), "
                                    "(SELECT value FROM store_state WHERE key='hashes_merged')",
                                    -1, &s, NULL),
                 SQLITE_OK);
    CHECK_EQ_INT(sqlite3_step(s), SQLITE_ROW);
    CHECK_EQ_INT(sqlite3_column_int(s, 0), 2);
    CHECK_EQ_INT(sqlite3_column_int(s, 1), 1);
    sqlite3_finalize(s);
    sqlite3_close(db);
}

static void test_background_mention(void)
{
    char p[96];
    sitrep_store *st = open_db(new_db(p, sizeof p));
    report r;
    sitrep_store_ingest_info info;
    make_report(&r, "d1", "2023-03-01", "A bombing killed 20 people in the city on Tuesday.",
                "bombing", 2023, 2, 28, "Kabul", "AF", 1138958, 34.53, 69.17, 20, SITREP_Q_EXACT, "");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    int64_t old = info.main_incident;
    /* Months later: today's bombing in the same city, and a background
     * mention of the March one (no date of its own). */
    make_report(&r, "d2", "2023-06-10", "A bombing killed 4 people in the city on Saturday. "
                "In March a bombing there killed 20.", "bombing", 2023, 6, 10, "Kabul", "AF",
                1138958, 34.53, 69.17, 4, SITREP_Q_EXACT, "");
    r.in[1] = r.in[0];
    r.in[1].main = 0;
    r.in[1].date.year = 0;
    r.in[1].counts[SITREP_KILLED].value = 20;
    r.r.nincidents = 2;
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK(info.main_incident != old);
    CHECK_EQ_INT(info.opened, 1);
    CHECK_EQ_INT(info.linked, 1);
    got g = incident(st, old);
    CHECK_EQ_INT(g.killed, 20);
    CHECK_EQ_INT(g.nstatus, 2);
    got t = incident(st, info.main_incident);
    CHECK_EQ_INT(t.killed, 4);
    CHECK_EQ_INT(t.nstatus, 1);
    sitrep_store_close(st);
}

static void test_merge_split(void)
{
    char p[96];
    sitrep_store *st = open_db(new_db(p, sizeof p));
    report r;
    sitrep_store_ingest_info info;
    make_report(&r, "e1", "2024-02-02", "A fire killed 15 people in a garment building on Thursday.",
                "fire", 2024, 2, 1, "Dhaka", "BD", 1185241, 23.71, 90.41, 15, SITREP_Q_EXACT,
                "fire service");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    int64_t a = info.main_incident;
    /* A report the resolver cannot place: opens its own incident. */
    make_report(&r, "e2", "2024-02-03", "The toll of the garment fire rose to 17 on Friday.", "fire",
                2024, 2, 1, "Narayanganj", "BD", 1185155, 23.62, 90.50, 17, SITREP_Q_EXACT,
                "fire service");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    int64_t b = info.main_incident;
    /* 14 km apart: one incident by the distance rule. */
    CHECK_EQ_INT(b, a);
    make_report(&r, "e3", "2024-02-03", "Officials in Chittagong said a fire killed 3 on Thursday.",
                "fire", 2024, 2, 1, "Chittagong", "BD", 1205733, 22.33, 91.83, 3, SITREP_Q_EXACT,
                "officials");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    int64_t c = info.main_incident;
    CHECK(c != a);
    CHECK_EQ_INT(count_incidents(st), 2);

    /* Analyst: Chittagong is the same fire (wrongly placed).  Merge. */
    CHECK_EQ_INT(sitrep_store_merge(st, a, c), SITREP_OK);
    CHECK_EQ_INT(count_incidents(st), 1);
    got g = incident(st, c);   /* a merged id resolves */
    CHECK_EQ_INT(g.id, a);
    CHECK_EQ_INT(g.killed, 17);
    CHECK_EQ_INT(g.nstatus, 3);
    CHECK_EQ_INT(sitrep_store_check(st), SITREP_OK);
    CHECK_EQ_INT(sitrep_store_merge(st, a, a), SITREP_E_ARG);
    CHECK_EQ_INT(sitrep_store_merge(st, a, c), SITREP_E_ARG);

    /* A later report from Chittagong links to the merged incident. */
    make_report(&r, "e4", "2024-02-04", "In Chittagong the fire toll reached 18 on Saturday.",
                "fire", 2024, 2, 1, "Chittagong", "BD", 1205733, 22.33, 91.83, 18, SITREP_Q_EXACT,
                "officials");
    CHECK_EQ_INT(add(st, &r, &info), SITREP_OK);
    CHECK_EQ_INT(info.main_incident, a);

    /* Split the Chittagong reports back out. */
    const char *ids[] = {"e3", "e4"};
    int64_t nid = 0;
    CHECK_EQ_INT(sitrep_store_split(st, a, ids, 2, &nid), SITREP_OK);
    CHECK(nid > 0 && nid != a);
    CHECK_EQ_INT(count_incidents(st), 2);
    g = incident(st, a);
    CHECK_EQ_INT(g.killed, 17);
    got h = incident(st, nid);
    CHECK_EQ_INT(h.killed, 18);
    CHECK_EQ_INT(h.nstatus, 2);
    CHECK_EQ_INT(sitrep_store_check(st), SITREP_OK);
    /* Errors: unknown article, nothing left. */
    const char *bad[] = {"nope"};
    CHECK_EQ_INT(sitrep_store_split(st, a, bad, 1, &nid), SITREP_E_ARG);
    const char *all[] = {"e1", "e2"};
    CHECK_EQ_INT(sitrep_store_split(st, a, all, 2, &nid), SITREP_E_ARG);
    CHECK_EQ_INT(count_incidents(st), 2);
    CHECK_EQ_INT(sitrep_store_check(st), SITREP_OK);
    sitrep_store_close(st);

    /* Corrections survive reopening. */
    st = open_db(p);
    CHECK_EQ_INT(count_incidents(st), 2);
    sitrep_store_close(st);
}

static void test_consolidation_policy(void)
{
    sr_obs o[6];
    const char *status[6];
    sr_cons c;
    memset(o, 0, sizeof o);
    /* at least 12 (agency), 12 exact (police): confirmed, qualifier firms. */
    o[0] = (sr_obs){12, 12, -1, SITREP_Q_AT_LEAST, "the agency"};
    o[1] = (sr_obs){12, 12, 12, SITREP_Q_EXACT, "police"};
    sr_consolidate(o, 2, &c, status);
    CHECK_EQ_INT(c.value, 12);
    CHECK_EQ_INT(c.qualifier, SITREP_Q_EXACT);
    CHECK_EQ_STR(status[1], "confirmed");
    CHECK_EQ_INT(c.revised, 0);
    /* 40 (ministry), then 35 (ministry again, exact): revised down. */
    o[0] = (sr_obs){40, 40, 40, SITREP_Q_EXACT, "the health ministry"};
    o[1] = (sr_obs){35, 35, 35, SITREP_Q_EXACT, "Health Ministry"};
    sr_consolidate(o, 2, &c, status);
    CHECK_EQ_INT(c.value, 35);
    CHECK_EQ_STR(status[1], "revised_down");
    /* 40 (ministry), then 30 (police, exact): contradiction, toll kept. */
    o[1] = (sr_obs){30, 30, 30, SITREP_Q_EXACT, "police"};
    sr_consolidate(o, 2, &c, status);
    CHECK_EQ_INT(c.value, 40);
    CHECK_EQ_INT(c.contradicted, 1);
    CHECK_EQ_STR(status[1], "contradicts");
    /* 40 (ministry), then 30 from nobody: a lagging figure. */
    o[1] = (sr_obs){30, 30, 30, SITREP_Q_EXACT, ""};
    sr_consolidate(o, 2, &c, status);
    CHECK_EQ_INT(c.value, 40);
    CHECK_EQ_INT(c.contradicted, 0);
    CHECK_EQ_STR(status[1], "lower");
    CHECK_EQ_INT(sr_source_rank("an interior ministry spokesman"), 2);
    CHECK_EQ_INT(sr_source_rank("witnesses"), 1);
    CHECK_EQ_INT(sr_source_rank(""), 0);
    sr_consolidate(o, 0, &c, NULL);
    CHECK_EQ_INT(c.known, 0);
}

static void test_batches(void)
{
    char p[96];
    sitrep_store *st = open_db(new_db(p, sizeof p));
    report r;
    CHECK_EQ_INT(sitrep_store_begin(st), SITREP_OK);
    CHECK_EQ_INT(sitrep_store_begin(st), SITREP_E_ARG);
    make_report(&r, "f1", "2024-03-03", "A roadside bomb hit a minibus in the city, killing five.",
                "bombing", 2024, 3, 3, "Kabul", "AF", 1138958, 34.53, 69.17, 5, SITREP_Q_EXACT, "");
    CHECK_EQ_INT(add(st, &r, NULL), SITREP_OK);
    CHECK_EQ_INT(sitrep_store_rollback(st), SITREP_OK);
    CHECK_EQ_INT(count_incidents(st), 0);   /* not acknowledged: gone */
    CHECK_EQ_INT(sitrep_store_begin(st), SITREP_OK);
    CHECK_EQ_INT(add(st, &r, NULL), SITREP_OK);
    CHECK_EQ_INT(sitrep_store_commit(st), SITREP_OK);
    CHECK_EQ_INT(sitrep_store_commit(st), SITREP_E_ARG);
    CHECK_EQ_INT(count_incidents(st), 1);
    sitrep_store_close(st);
    /* Read-only handles refuse writes. */
    sitrep_store_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.path = p;
    cfg.read_only = 1;
    CHECK_EQ_INT(sitrep_store_open(&cfg, &st, NULL, 0), SITREP_OK);
    CHECK_EQ_INT(add(st, &r, NULL), SITREP_E_ARG);
    CHECK_EQ_INT(count_incidents(st), 1);
    sitrep_store_close(st);
}

static int alloc_calls, alloc_fail_at;
static void *failing_alloc(void *ud, void *ptr, size_t old, size_t size)
{
    (void)ud;
    (void)old;
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    if (++alloc_calls == alloc_fail_at)
        return NULL;
    return realloc(ptr, size);
}

static void test_alloc_failure(void)
{
    char p[96];
    new_db(p, sizeof p);
    sitrep_allocator al = {failing_alloc, NULL};
    sitrep_store_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.path = p;
    cfg.allocator = &al;
    sitrep_store *st = NULL;
    alloc_calls = 0;
    alloc_fail_at = 1;
    CHECK_EQ_INT(sitrep_store_open(&cfg, &st, NULL, 0), SITREP_E_NOMEM);
    CHECK(st == NULL);
    /* Every later allocation of an ingest failing in turn: an error or
     * success, never a crash, and the store stays consistent. */
    for (int k = 2; k < 40; k++) {
        alloc_calls = 0;
        alloc_fail_at = k;
        st = NULL;
        if (sitrep_store_open(&cfg, &st, NULL, 0) != SITREP_OK)
            continue;
        report r;
        make_report(&r, "g1", "2024-03-03", txt1, "bombing", 2024, 3, 3, "Kabul", "AF", 1138958,
                    34.53, 69.17, 5, SITREP_Q_EXACT, "");
        sitrep_status s = add(st, &r, NULL);
        CHECK(s == SITREP_OK || s == SITREP_E_NOMEM);
        alloc_fail_at = 0;
        CHECK_EQ_INT(sitrep_store_check(st), SITREP_OK);
        sitrep_store_close(st);
    }
}

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/sitrep-store-test.XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        exit(2);
    }
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

static void test_setup(void) { setup(); }
static void test_teardown(void) { teardown(); }

SR_TEST_MAIN("store", T(test_setup), T(test_schema_and_reopen), T(test_developing_incident), T(test_evidence_sentence),
             T(test_reingest_changes_nothing), T(test_syndicated_copy), T(test_distinct_incidents),
             T(test_event_names), T(test_name_terms), T(test_names_link), T(test_names_many),
             T(test_names_outweigh_type), T(test_named_town), T(test_migration_v1), T(test_hash_levels),
             T(test_background_mention), T(test_merge_split), T(test_consolidation_policy),
             T(test_batches), T(test_alloc_failure), T(test_teardown))
