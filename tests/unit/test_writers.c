/*
 * test_writers.c - unit tests of the output writers: the exact JSON line of
 * a hand-built result, string escaping (control characters, invalid UTF-8),
 * evidence clamping, number formatting, CSV columns and quoting, buffer
 * flushing and sink failures.
 */
#include "sitrep/sitrep.h"
#include "sr_test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Sink collecting the output in a NUL-terminated malloc'd string; fail_after
 * >= 0 makes the sink fail once that many calls were made. */
typedef struct collect {
    char *p;
    size_t n, cap;
    size_t calls;
    long fail_after;
} collect;

static int collect_fn(void *ud, const void *buf, size_t len)
{
    collect *c = ud;
    if (c->fail_after >= 0 && c->calls >= (size_t)c->fail_after)
        return -1;
    c->calls++;
    if (c->n + len + 1 > c->cap) {
        size_t cap = (c->n + len + 1) * 2;
        char *q = realloc(c->p, cap);
        if (!q)
            return -1;
        c->p = q;
        c->cap = cap;
    }
    memcpy(c->p + c->n, buf, len);
    c->n += len;
    c->p[c->n] = '\0';
    return 0;
}

static void collect_init(collect *c)
{
    memset(c, 0, sizeof *c);
    c->fail_after = -1;
}

static sitrep_str view(const char *s)
{
    sitrep_str v = {s, s ? strlen(s) : 0};
    return v;
}

static sitrep_evidence ev(size_t s, size_t e)
{
    sitrep_evidence x = {s, e};
    return x;
}

static const char *kText =
    "KABUL -- A car bomb killed 12 people in Kabul on Friday, police said. "
    "The Taliban claimed it.";

/* The hand-built article and result that the JSON and CSV tests share. */
typedef struct sample {
    sitrep_article a;
    sitrep_result r;
    sitrep_incident inc[2];
    sitrep_type types[1];
    sitrep_perpetrator perps[1];
    sitrep_target targets[1];
    sitrep_weapon weapons[1];
} sample;

static void build_sample(sample *s)
{
    memset(s, 0, sizeof *s);
    s->a.id = view("doc-1");
    s->a.url = view("https://news.example/a");
    s->a.title = view("Bomb \"kills\" 12");
    s->a.text = view(kText);

    s->types[0].slug = "bombing";
    s->types[0].evidence = ev(11, 19);
    s->perps[0].name = view("Taliban");
    s->perps[0].kind = "organization";
    s->perps[0].claim = "claimed";
    s->perps[0].evidence = ev(70, 81);
    s->perps[0].claim_evidence = ev(82, 89);
    s->targets[0].text = view("people");
    s->targets[0].kind = "human";
    s->targets[0].type = "civilians";
    s->targets[0].evidence = ev(30, 36);
    s->weapons[0].type = "explosives";
    s->weapons[0].text = view("car bomb");
    s->weapons[0].evidence = ev(11, 19);

    sitrep_incident *in = &s->inc[0];
    in->main = 1;
    in->ntypes = 1;
    in->types = s->types;
    in->date.year = 2024;
    in->date.month = 3;
    in->date.day = 22;
    in->date_evidence = ev(49, 55);
    sitrep_location *l = &in->location;
    l->known = 1;
    l->resolved = 1;
    l->text = view("Kabul");
    l->name = view("Kabul");
    l->admin1 = view("Kabul");
    memcpy(l->country, "AF", 3);
    l->lat = 34.52813;
    l->lon = 69.17233;
    l->geonames_id = 1138958;
    l->precision = "city";
    l->relation = "in";
    l->evidence = ev(37, 45);
    sitrep_count *k = &in->counts[SITREP_KILLED];
    k->known = 1;
    k->value = 12;
    k->min = 12;
    k->max = 12;
    k->qualifier = SITREP_Q_EXACT;
    k->perpetrators = -1;
    k->source = view("police");
    k->evidence = ev(20, 36);
    k->source_evidence = ev(57, 63);
    for (int f = 1; f < SITREP_NFIGURES; f++)
        in->counts[f].min = in->counts[f].max = in->counts[f].perpetrators = -1;
    in->nperpetrators = 1;
    in->perpetrators = s->perps;
    in->ntargets = 1;
    in->targets = s->targets;
    in->nweapons = 1;
    in->weapons = s->weapons;
    in->evidence = ev(0, 69);

    /* a second, bare incident: evidence empty (null) and out of range */
    sitrep_incident *b = &s->inc[1];
    b->location.known = 1; /* unresolved place */
    b->location.text = view("the north");
    b->location.relation = "in";
    b->location.evidence = ev(500, 600); /* beyond the text: null */
    b->counts[SITREP_INJURED].known = 1;
    b->counts[SITREP_INJURED].value = 3;
    b->counts[SITREP_INJURED].qualifier = SITREP_Q_AT_LEAST;
    b->counts[SITREP_INJURED].min = 3;
    b->counts[SITREP_INJURED].max = -1;
    b->counts[SITREP_INJURED].perpetrators = 1;
    b->counts[SITREP_INJURED].evidence = ev(90, 200); /* clamped to 93 */
    b->evidence = ev(5, 5);

    s->r.published.year = 2024;
    s->r.published.month = 3;
    s->r.published.day = 23;
    s->r.dateline_place = view("KABUL");
    s->r.nincidents = 2;
    s->r.incidents = s->inc;
}

static void test_names(void)
{
    CHECK_EQ_STR(sitrep_qualifier_name(SITREP_Q_EXACT), "exact");
    CHECK_EQ_STR(sitrep_qualifier_name(SITREP_Q_AT_LEAST), "at_least");
    CHECK_EQ_STR(sitrep_qualifier_name(SITREP_Q_MORE_THAN), "more_than");
    CHECK_EQ_STR(sitrep_qualifier_name(SITREP_Q_ABOUT), "about");
    CHECK_EQ_STR(sitrep_qualifier_name(SITREP_Q_UP_TO), "up_to");
    CHECK_EQ_STR(sitrep_qualifier_name(SITREP_Q_FEWER_THAN), "fewer_than");
    CHECK_EQ_STR(sitrep_qualifier_name(SITREP_Q_RANGE), "range");
    CHECK_EQ_STR(sitrep_qualifier_name((sitrep_qualifier)99), "unknown");
    CHECK_EQ_STR(sitrep_figure_name(SITREP_KILLED), "killed");
    CHECK_EQ_STR(sitrep_figure_name(SITREP_INJURED), "injured");
    CHECK_EQ_STR(sitrep_figure_name(SITREP_MISSING), "missing");
    CHECK_EQ_STR(sitrep_figure_name(SITREP_KIDNAPPED), "kidnapped");
    CHECK_EQ_STR(sitrep_figure_name(SITREP_ARRESTED), "arrested");
    CHECK_EQ_STR(sitrep_figure_name(SITREP_NFIGURES), "unknown");
}

static void test_json_exact(void)
{
    sample s;
    build_sample(&s);
    collect c;
    collect_init(&c);
    CHECK_EQ_INT(sitrep_write_json(&s.a, &s.r, collect_fn, &c), SITREP_OK);
    const char *expected =
        "{\"doc\":\"doc-1\",\"url\":\"https://news.example/a\",\"source\":null,"
        "\"title\":\"Bomb \\\"kills\\\" 12\",\"published\":\"2024-03-23\","
        "\"dateline\":\"KABUL\",\"incidents\":["
        "{\"main\":true,\"name\":null,"
        "\"type\":[{\"slug\":\"bombing\",\"evidence\":{\"start\":11,\"end\":19,\"text\":\"car bomb\"}}],"
        "\"stage\":{\"value\":\"accomplished\",\"evidence\":null},"
        "\"date\":{\"value\":\"2024-03-22\",\"evidence\":{\"start\":49,\"end\":55,\"text\":\"Friday\"}},"
        "\"location\":{\"name\":\"Kabul\",\"admin1\":\"Kabul\",\"admin2\":null,\"country\":\"AF\","
        "\"lat\":34.52813,\"lon\":69.17233,\"geonames_id\":1138958,\"precision\":\"city\","
        "\"relation\":\"in\",\"text\":\"Kabul\",\"venue\":null,"
        "\"evidence\":{\"start\":37,\"end\":45,\"text\":\"in Kabul\"},\"resolved\":true},"
        "\"killed\":{\"value\":12,\"qualifier\":\"exact\",\"min\":12,\"max\":12,"
        "\"perpetrators\":null,\"source\":\"police\","
        "\"evidence\":{\"start\":20,\"end\":36,\"text\":\"killed 12 people\"},"
        "\"source_evidence\":{\"start\":57,\"end\":63,\"text\":\"police\"}},"
        "\"injured\":null,\"missing\":null,\"kidnapped\":null,\"arrested\":null,"
        "\"perpetrators\":[{\"name\":\"Taliban\",\"kind\":\"organization\",\"claim\":\"claimed\","
        "\"evidence\":{\"start\":70,\"end\":81,\"text\":\"The Taliban\"},"
        "\"claim_evidence\":{\"start\":82,\"end\":89,\"text\":\"claimed\"}}],"
        "\"targets\":[{\"text\":\"people\",\"kind\":\"human\",\"type\":\"civilians\","
        "\"evidence\":{\"start\":30,\"end\":36,\"text\":\"people\"}}],"
        "\"weapons\":[{\"type\":\"explosives\",\"text\":\"car bomb\","
        "\"evidence\":{\"start\":11,\"end\":19,\"text\":\"car bomb\"}}],"
        "\"evidence\":{\"start\":0,\"end\":69,\"text\":"
        "\"KABUL -- A car bomb killed 12 people in Kabul on Friday, police said.\"}},"
        "{\"main\":false,\"name\":null,\"type\":[],\"stage\":{\"value\":\"accomplished\",\"evidence\":null},\"date\":null,"
        "\"location\":{\"name\":null,\"admin1\":null,\"admin2\":null,\"country\":null,\"lat\":null,\"lon\":null,"
        "\"geonames_id\":null,\"precision\":null,\"relation\":\"in\",\"text\":\"the north\","
        "\"venue\":null,\"evidence\":null,\"resolved\":false},"
        "\"killed\":null,"
        "\"injured\":{\"value\":3,\"qualifier\":\"at_least\",\"min\":3,\"max\":null,"
        "\"perpetrators\":1,\"source\":null,"
        "\"evidence\":{\"start\":90,\"end\":93,\"text\":\"it.\"},\"source_evidence\":null},"
        "\"missing\":null,\"kidnapped\":null,\"arrested\":null,"
        "\"perpetrators\":[],\"targets\":[],\"weapons\":[],\"evidence\":null}"
        "]}\n";
    CHECK_EQ_STR(c.p, expected);
    free(c.p);
}

static void test_json_no_incidents_no_dates(void)
{
    sitrep_article a;
    memset(&a, 0, sizeof a);
    a.id = view("x");
    sitrep_result r;
    memset(&r, 0, sizeof r);
    collect c;
    collect_init(&c);
    CHECK_EQ_INT(sitrep_write_json(&a, &r, collect_fn, &c), SITREP_OK);
    CHECK_EQ_STR(c.p, "{\"doc\":\"x\",\"url\":null,\"source\":null,\"title\":null,"
                      "\"published\":null,\"incidents\":[]}\n");
    free(c.p);
    CHECK_EQ_INT(sitrep_write_json(NULL, &r, collect_fn, &c), SITREP_E_ARG);
    CHECK_EQ_INT(sitrep_write_json(&a, NULL, collect_fn, &c), SITREP_E_ARG);
    CHECK_EQ_INT(sitrep_write_json(&a, &r, NULL, &c), SITREP_E_ARG);
}

static void test_json_partial_dates(void)
{
    sitrep_article a;
    memset(&a, 0, sizeof a);
    a.id = view("d");
    sitrep_incident in;
    memset(&in, 0, sizeof in);
    in.date.year = 987; /* month unknown */
    sitrep_result r;
    memset(&r, 0, sizeof r);
    r.published.year = 2024;
    r.published.month = 3; /* day unknown */
    r.nincidents = 1;
    r.incidents = &in;
    collect c;
    collect_init(&c);
    CHECK_EQ_INT(sitrep_write_json(&a, &r, collect_fn, &c), SITREP_OK);
    CHECK(strstr(c.p, "\"published\":\"2024-03\",") != NULL);
    CHECK(strstr(c.p, "\"date\":{\"value\":\"0987\",\"evidence\":null},") != NULL);
    free(c.p);
    collect_init(&c);
    CHECK_EQ_INT(sitrep_write_csv(&a, &r, collect_fn, &c), SITREP_OK);
    CHECK(strncmp(c.p, "d-1,987,0,0,", 12) == 0);
    free(c.p);
}

static void test_json_escaping(void)
{
    static const char id[] = "a\"b\\c\n\x01\xFF\xC3\xA9\x1F\x7F/\r\t\b\f \xE2\x82";
    sitrep_article a;
    memset(&a, 0, sizeof a);
    a.id.ptr = id;
    a.id.len = sizeof id - 1;
    /* a truncated sequence, an overlong '/', an encoded surrogate and a
     * valid 4-byte sequence */
    a.title = view("\xE2\x82 \xC0\xAF \xED\xA0\x80 \xF0\x9F\x98\x80 \xF4\x90\x80\x80");
    sitrep_result r;
    memset(&r, 0, sizeof r);
    collect c;
    collect_init(&c);
    CHECK_EQ_INT(sitrep_write_json(&a, &r, collect_fn, &c), SITREP_OK);
    CHECK_EQ_STR(c.p, "{\"doc\":\"a\\\"b\\\\c\\n\\u0001\\ufffd\xC3\xA9\\u001f\x7F/\\r\\t\\b\\f "
                      "\\ufffd\\ufffd\",\"url\":null,\"source\":null,"
                      "\"title\":\"\\ufffd\\ufffd \\ufffd\\ufffd \\ufffd\\ufffd\\ufffd "
                      "\xF0\x9F\x98\x80 \\ufffd\\ufffd\\ufffd\\ufffd\","
                      "\"published\":null,\"incidents\":[]}\n");
    free(c.p);
}

static void test_json_evidence_cut_utf8(void)
{
    /* evidence ending inside a multi-byte character writes U+FFFD */
    sample s;
    build_sample(&s);
    s.a.text = view("Caf\xC3\xA9 blast");
    s.r.nincidents = 1;
    s.inc[0] = s.inc[1];
    s.inc[0].evidence = ev(0, 4);
    s.inc[0].counts[SITREP_INJURED].known = 0;
    collect c;
    collect_init(&c);
    CHECK_EQ_INT(sitrep_write_json(&s.a, &s.r, collect_fn, &c), SITREP_OK);
    CHECK(strstr(c.p, "\"evidence\":{\"start\":0,\"end\":4,\"text\":\"Caf\\ufffd\"}}]}") != NULL);
    free(c.p);
}

static void test_json_coordinates(void)
{
    sample s;
    build_sample(&s);
    s.r.nincidents = 1;
    struct {
        double lat, lon;
        const char *want;
    } cases[] = {
        {-33.86785, 151.20732, "\"lat\":-33.86785,\"lon\":151.20732,"},
        {0.5, -0.000004, "\"lat\":0.50000,\"lon\":0.00000,"},
        {-0.25, 179.999996, "\"lat\":-0.25000,\"lon\":180.00000,"},
        {INFINITY, 0.0, "\"lat\":null,\"lon\":0.00000,"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        s.inc[0].location.lat = cases[i].lat;
        s.inc[0].location.lon = cases[i].lon;
        collect c;
        collect_init(&c);
        CHECK_EQ_INT(sitrep_write_json(&s.a, &s.r, collect_fn, &c), SITREP_OK);
        if (!strstr(c.p, cases[i].want))
            fprintf(stderr, "case %zu: %s not in output\n", i, cases[i].want);
        CHECK(strstr(c.p, cases[i].want) != NULL);
        free(c.p);
    }
}

static void test_json_large_output_flushes(void)
{
    /* an evidence text of 300 KB crosses the 64 KiB buffer several times */
    size_t n = 300000;
    char *text = malloc(n);
    CHECK(text != NULL);
    if (!text)
        return;
    for (size_t i = 0; i < n; i++)
        text[i] = (i % 100 == 99) ? '"' : (char)('a' + i % 26);
    sample s;
    build_sample(&s);
    s.a.text.ptr = text;
    s.a.text.len = n;
    s.r.nincidents = 1;
    memset(&s.inc[0], 0, sizeof s.inc[0]);
    s.inc[0].evidence = ev(0, n);
    collect c;
    collect_init(&c);
    CHECK_EQ_INT(sitrep_write_json(&s.a, &s.r, collect_fn, &c), SITREP_OK);
    CHECK(c.calls >= 5);
    /* every '"' becomes \" : n + n/100 bytes of evidence text */
    const char *t = strstr(c.p, "\"evidence\":{\"start\":0,\"end\":300000,\"text\":\"");
    CHECK(t != NULL);
    if (t) {
        t += strlen("\"evidence\":{\"start\":0,\"end\":300000,\"text\":\"");
        size_t i = 0, bad = 0;
        for (size_t k = 0; k < n; k++) {
            char want = (k % 100 == 99) ? '"' : (char)('a' + k % 26);
            if (want == '"') {
                bad += t[i] != '\\' || t[i + 1] != '"';
                i += 2;
            } else {
                bad += t[i] != want;
                i++;
            }
        }
        CHECK_EQ_INT(bad, 0);
        CHECK_EQ_STR(t + i, "\"}}]}\n");
    }
    free(c.p);

    /* a sink failing on the second flush: SITREP_E_IO */
    collect_init(&c);
    c.fail_after = 1;
    CHECK_EQ_INT(sitrep_write_json(&s.a, &s.r, collect_fn, &c), SITREP_E_IO);
    CHECK_EQ_INT(c.calls, 1);
    free(c.p);
    free(text);
}

static void test_csv(void)
{
    collect c;
    collect_init(&c);
    CHECK_EQ_INT(sitrep_write_csv_header(collect_fn, &c), SITREP_OK);
    CHECK_EQ_STR(c.p, "eventid,iyear,imonth,iday,country,provstate,city,latitude,longitude,"
                      "attacktype1_txt,attacktype2_txt,gname,claimed,targtype1_txt,target1,"
                      "weaptype1_txt,nkill,nwound,nhostkid,summary,main,missing,arrested,"
                      "source_url\n");
    free(c.p);

    sample s;
    build_sample(&s);
    collect_init(&c);
    CHECK_EQ_INT(sitrep_write_csv(&s.a, &s.r, collect_fn, &c), SITREP_OK);
    CHECK_EQ_STR(c.p,
                 "doc-1-1,2024,3,22,AF,Kabul,Kabul,34.52813,69.17233,Bombing/Explosion,,"
                 "Taliban,1,Private Citizens & Property,people,Explosives,12,,,"
                 "\"KABUL -- A car bomb killed 12 people in Kabul on Friday, police said.\","
                 "1,,,https://news.example/a\n"
                 "doc-1-2,,,,,,the north,,,,,,0,,,,,3,,,0,,,https://news.example/a\n");
    free(c.p);
}

static void test_csv_quoting_and_mapping(void)
{
    sample s;
    build_sample(&s);
    s.a.id = view("id,\"7\"");
    s.a.url = view("");
    s.r.nincidents = 1;
    sitrep_type types[2] = {{"kidnapping", {0, 0}}, {"earthquake", {0, 0}}};
    s.inc[0].types = types;
    s.inc[0].ntypes = 2;
    s.targets[0].text = view("the \"Star\" hotel\nlobby \xFF");
    s.targets[0].type = "business";
    s.weapons[0].type = "vehicle";
    s.perps[0].kind = "individual";
    s.perps[0].claim = "suspected";
    s.inc[0].date.month = 0;
    s.inc[0].date.day = 0;
    s.inc[0].location.resolved = 1;
    s.inc[0].location.precision = "admin1";
    s.inc[0].counts[SITREP_KIDNAPPED].known = 1;
    s.inc[0].counts[SITREP_KIDNAPPED].value = 40;
    s.inc[0].counts[SITREP_ARRESTED].known = 1;
    s.inc[0].counts[SITREP_ARRESTED].value = 2;
    s.inc[0].main = 0;
    collect c;
    collect_init(&c);
    CHECK_EQ_INT(sitrep_write_csv(&s.a, &s.r, collect_fn, &c), SITREP_OK);
    CHECK_EQ_STR(c.p,
                 "\"id,\"\"7\"\"-1\",2024,0,0,AF,Kabul,,34.52813,69.17233,"
                 "Hostage Taking (Kidnapping),earthquake,,0,Business,"
                 "\"the \"\"Star\"\" hotel\nlobby \xEF\xBF\xBD\","
                 "\"Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)\","
                 "12,,40,"
                 "\"KABUL -- A car bomb killed 12 people in Kabul on Friday, police said.\","
                 "0,,2,\n");
    free(c.p);

    collect_init(&c);
    c.fail_after = 0;
    CHECK_EQ_INT(sitrep_write_csv(&s.a, &s.r, collect_fn, &c), SITREP_E_IO);
    CHECK_EQ_INT(sitrep_write_csv_header(collect_fn, &c), SITREP_E_IO);
    CHECK_EQ_INT(sitrep_write_csv(&s.a, NULL, collect_fn, &c), SITREP_E_ARG);
    free(c.p);
}

SR_TEST_MAIN("writers", T(test_names), T(test_json_exact), T(test_json_no_incidents_no_dates),
             T(test_json_partial_dates),
             T(test_json_escaping), T(test_json_evidence_cut_utf8), T(test_json_coordinates),
             T(test_json_large_output_flushes), T(test_csv), T(test_csv_quoting_and_mapping))
