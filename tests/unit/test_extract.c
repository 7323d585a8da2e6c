/*
 * test_extract.c - unit tests of the public extraction API (sitrep_create,
 * sitrep_extract) on short sentences written for these tests: counts and
 * their qualifiers, negated counts, credited sources, incident types,
 * perpetrators and claims, weapons, dates, places (with the real gazetteer
 * build/gazetteer.bin, or $SITREP_GAZETTEER, when it exists; those tests
 * say "skipped" otherwise), non-incident text, wire copy with a dateline,
 * and the evidence offsets of every field, which must point at the words
 * that support it.
 */
#include "sitrep/sitrep.h"
#include "sr_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- fixtures */

static const char *gazetteer_path(void)
{
    const char *p = getenv("SITREP_GAZETTEER");
    return p && *p ? p : "build/gazetteer.bin";
}

static int gazetteer_present(void)
{
    FILE *f = fopen(gazetteer_path(), "rb");
    if (!f)
        return 0;
    fclose(f);
    return 1;
}

typedef struct fx {
    sitrep *s;
    sitrep_article a;
    const sitrep_result *r;
} fx;

static int has_str(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; k <= n && i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return 1;
    return 0;
}

/* Open a handle, with the gazetteer when with_gaz.  Returns 0 (and says
 * why on stderr) when the gazetteer is wanted but absent: the caller
 * skips. */
static int fx_open(fx *f, int with_gaz, const char *who)
{
    memset(f, 0, sizeof *f);
    sitrep_config cfg = {NULL, NULL, 0};
    if (with_gaz) {
        if (!gazetteer_present()) {
            fprintf(stderr, "%s: skipped (gazetteer %s not found; run make)\n", who,
                    gazetteer_path());
            return 0;
        }
        cfg.gazetteer_path = gazetteer_path();
    }
    char err[256];
    sitrep_status st = sitrep_create(&cfg, &f->s, err, sizeof err);
    CHECK_EQ_INT(st, SITREP_OK);
    if (st != SITREP_OK) {
        fprintf(stderr, "%s: sitrep_create: %s\n", who, err);
        return 0;
    }
    CHECK_EQ_INT(sitrep_has_gazetteer(f->s), with_gaz);
    return 1;
}

static void fx_close(fx *f)
{
    sitrep_free(f->s);
    f->s = NULL;
}

/* Evidence must lie inside the text; when required, it must not be empty. */
static void check_ev(const fx *f, sitrep_evidence e, int required, const char *what)
{
    size_t n = f->a.text.len;
    if (e.start > e.end || e.end > n) {
        fprintf(stderr, "evidence of %s out of bounds: [%zu, %zu) in %zu bytes\n", what,
                e.start, e.end, n);
        sr_test_failures++;
        return;
    }
    if (required && e.start == e.end) {
        fprintf(stderr, "evidence of %s is empty\n", what);
        sr_test_failures++;
    }
}

/* True when the evidence slice is exactly s. */
static int ev_is(const fx *f, sitrep_evidence e, const char *s)
{
    if (e.start > e.end || e.end > f->a.text.len)
        return 0;
    return e.end - e.start == strlen(s) && memcmp(f->a.text.ptr + e.start, s, strlen(s)) == 0;
}

/* True when the evidence slice contains s. */
static int ev_has(const fx *f, sitrep_evidence e, const char *s)
{
    if (e.start > e.end || e.end > f->a.text.len)
        return 0;
    return has_str(f->a.text.ptr + e.start, e.end - e.start, s);
}

#define CHECK_EV_IS(f, e, s)                                                    \
    do {                                                                        \
        if (!ev_is((f), (e), (s))) {                                            \
            fprintf(stderr, "%s:%d: evidence %s == \"%.*s\", expected \"%s\"\n", \
                    __FILE__, __LINE__, #e, ev_len((f), (e)), ev_ptr((f), (e)), (s)); \
            sr_test_failures++;                                                 \
        }                                                                       \
    } while (0)

#define CHECK_EV_HAS(f, e, s)                                                   \
    do {                                                                        \
        if (!ev_has((f), (e), (s))) {                                           \
            fprintf(stderr, "%s:%d: evidence %s == \"%.*s\", lacks \"%s\"\n",   \
                    __FILE__, __LINE__, #e, ev_len((f), (e)), ev_ptr((f), (e)), (s)); \
            sr_test_failures++;                                                 \
        }                                                                       \
    } while (0)

static int ev_len(const fx *f, sitrep_evidence e)
{
    return e.start <= e.end && e.end <= f->a.text.len ? (int)(e.end - e.start) : 0;
}

static const char *ev_ptr(const fx *f, sitrep_evidence e)
{
    return e.start <= f->a.text.len ? f->a.text.ptr + e.start : "";
}

/* Every evidence of every incident inside the text; every field that is
 * stated has non-empty evidence; views taken from the text agree with their
 * evidence. */
static void check_result(const fx *f)
{
    const sitrep_result *r = f->r;
    int mains = 0;
    for (size_t i = 0; i < r->nincidents; i++) {
        const sitrep_incident *in = &r->incidents[i];
        mains += in->main != 0;
        check_ev(f, in->evidence, 1, "incident");
        for (size_t k = 0; k < in->ntypes; k++) {
            CHECK(in->types[k].slug != NULL);
            check_ev(f, in->types[k].evidence, 1, "type");
        }
        if (in->date.year) {
            CHECK(in->date.month >= 0 && in->date.month <= 12);
            CHECK(in->date.day >= 0 && in->date.day <= 31);
        }
        check_ev(f, in->date_evidence, in->date.year != 0, "date");
        const sitrep_location *l = &in->location;
        check_ev(f, l->evidence, l->known, "location");
        check_ev(f, l->venue_evidence, l->venue.len != 0, "venue");
        if (l->known) {
            CHECK(l->precision != NULL);
            CHECK(l->relation != NULL);
            CHECK(l->resolved || l->geonames_id == 0);
            CHECK(l->text.len > 0);
        }
        for (int k = 0; k < SITREP_NFIGURES; k++) {
            const sitrep_count *c = &in->counts[k];
            if (!c->known)
                continue;
            check_ev(f, c->evidence, 1, sitrep_figure_name((sitrep_figure)k));
            CHECK(c->value >= 0);
            CHECK(c->min <= c->value);
            CHECK(c->max == -1 || c->max >= c->value);
            if (c->source.len)
                check_ev(f, c->source_evidence, 1, "count source");
        }
        for (size_t k = 0; k < in->nperpetrators; k++) {
            CHECK(in->perpetrators[k].name.len > 0);
            CHECK(in->perpetrators[k].kind != NULL);
            CHECK(in->perpetrators[k].claim != NULL);
            check_ev(f, in->perpetrators[k].evidence, 1, "perpetrator");
            check_ev(f, in->perpetrators[k].claim_evidence, 0, "claim");
        }
        for (size_t k = 0; k < in->ntargets; k++) {
            CHECK(in->targets[k].type != NULL);
            check_ev(f, in->targets[k].evidence, 1, "target");
        }
        for (size_t k = 0; k < in->nweapons; k++) {
            CHECK(in->weapons[k].type != NULL);
            check_ev(f, in->weapons[k].evidence, 1, "weapon");
        }
    }
    if (r->nincidents)
        CHECK_EQ_INT(mains, 1);
}

/* Extract text (published: "YYYY-MM-DD" or NULL) and check the result's
 * invariants; returns the main incident or NULL when there is none. */
static const sitrep_incident *fx_run(fx *f, const char *text, const char *published)
{
    memset(&f->a, 0, sizeof f->a);
    f->a.id.ptr = "t";
    f->a.id.len = 1;
    f->a.text.ptr = text;
    f->a.text.len = strlen(text);
    if (published) {
        f->a.published.ptr = published;
        f->a.published.len = strlen(published);
    }
    sitrep_date none = {0, 0, 0};
    f->r = NULL;
    sitrep_status st = sitrep_extract(f->s, &f->a, none, &f->r);
    CHECK_EQ_INT(st, SITREP_OK);
    if (st != SITREP_OK || !f->r) {
        fprintf(stderr, "extract failed on: %s\n", text);
        return NULL;
    }
    check_result(f);
    for (size_t i = 0; i < f->r->nincidents; i++)
        if (f->r->incidents[i].main)
            return &f->r->incidents[i];
    return NULL;
}

static const sitrep_count *count_of(const sitrep_incident *in, sitrep_figure fig)
{
    return &in->counts[fig];
}

static int has_type(const sitrep_incident *in, const char *slug)
{
    for (size_t k = 0; k < in->ntypes; k++)
        if (strcmp(in->types[k].slug, slug) == 0)
            return 1;
    return 0;
}

static const sitrep_weapon *weapon_of(const sitrep_incident *in, const char *type)
{
    for (size_t k = 0; k < in->nweapons; k++)
        if (strcmp(in->weapons[k].type, type) == 0)
            return &in->weapons[k];
    return NULL;
}

static const sitrep_perpetrator *perp_named(const sitrep_incident *in, const char *name)
{
    for (size_t k = 0; k < in->nperpetrators; k++) {
        const sitrep_str *n = &in->perpetrators[k].name;
        if (n->len == strlen(name) && memcmp(n->ptr, name, n->len) == 0)
            return &in->perpetrators[k];
    }
    return NULL;
}

/* Expect a main incident; on failure the test cannot go on. */
#define REQUIRE_INCIDENT(in, text)                                              \
    do {                                                                        \
        CHECK((in) != NULL);                                                    \
        if (!(in)) {                                                            \
            fprintf(stderr, "no main incident in: %s\n", (text));               \
            fx_close(&f);                                                       \
            return;                                                             \
        }                                                                       \
    } while (0)

/* ----------------------------------------------------------------- API */

static void test_create_and_args(void)
{
    sitrep *s = (sitrep *)1;
    char err[128];
    CHECK_EQ_INT(sitrep_create(NULL, NULL, err, sizeof err), SITREP_E_ARG);
    CHECK_EQ_INT(sitrep_create(NULL, &s, err, sizeof err), SITREP_OK);
    CHECK(s != NULL);
    CHECK_EQ_INT(sitrep_has_gazetteer(s), 0);
    CHECK_EQ_STR(sitrep_errmsg(s), "");
    sitrep_article a;
    memset(&a, 0, sizeof a);
    const sitrep_result *r = (const sitrep_result *)1;
    sitrep_date none = {0, 0, 0};
    CHECK_EQ_INT(sitrep_extract(NULL, &a, none, &r), SITREP_E_ARG);
    CHECK_EQ_INT(sitrep_extract(s, NULL, none, &r), SITREP_E_ARG);
    CHECK_EQ_INT(sitrep_extract(s, &a, none, NULL), SITREP_E_ARG);
    /* An empty article is no error and holds no incident. */
    CHECK_EQ_INT(sitrep_extract(s, &a, none, &r), SITREP_OK);
    CHECK(r != NULL);
    if (r)
        CHECK_EQ_INT(r->nincidents, 0);
    sitrep_free(s);
    sitrep_free(NULL);
    CHECK_EQ_INT(sitrep_has_gazetteer(NULL), 0);
}

static void test_create_missing_gazetteer(void)
{
    sitrep_config cfg = {"/nonexistent/sitrep-test/gazetteer.bin", NULL, 0};
    sitrep *s = (sitrep *)1;
    char err[256] = "x";
    sitrep_status st = sitrep_create(&cfg, &s, err, sizeof err);
    CHECK(st != SITREP_OK);
    CHECK(s == NULL);
    CHECK(err[0] != '\0');
    sitrep_free(s);
}

static void test_article_limit(void)
{
    sitrep_config cfg = {NULL, NULL, 16};
    sitrep *s = NULL;
    CHECK_EQ_INT(sitrep_create(&cfg, &s, NULL, 0), SITREP_OK);
    if (!s)
        return;
    const char *text = "Five people were killed in the blast.";
    sitrep_article a;
    memset(&a, 0, sizeof a);
    a.text.ptr = text;
    a.text.len = strlen(text);
    const sitrep_result *r = (const sitrep_result *)1;
    sitrep_date none = {0, 0, 0};
    CHECK_EQ_INT(sitrep_extract(s, &a, none, &r), SITREP_E_LIMIT);
    CHECK(r == NULL);
    CHECK(strlen(sitrep_errmsg(s)) > 0);
    /* Within the limit again: the handle still works and the message is
     * cleared. */
    a.text.len = 10;
    CHECK_EQ_INT(sitrep_extract(s, &a, none, &r), SITREP_OK);
    CHECK_EQ_STR(sitrep_errmsg(s), "");
    sitrep_free(s);
}

static void test_names(void)
{
    CHECK_EQ_STR(sitrep_qualifier_name(SITREP_Q_EXACT), "exact");
    CHECK_EQ_STR(sitrep_qualifier_name(SITREP_Q_AT_LEAST), "at_least");
    CHECK_EQ_STR(sitrep_qualifier_name(SITREP_Q_RANGE), "range");
    CHECK_EQ_STR(sitrep_qualifier_words(SITREP_Q_AT_LEAST), "at least ");
    CHECK_EQ_STR(sitrep_qualifier_words(SITREP_Q_FEWER_THAN), "fewer than ");
    CHECK_EQ_STR(sitrep_qualifier_words(SITREP_Q_EXACT), "");
    CHECK_EQ_STR(sitrep_figure_name(SITREP_KILLED), "killed");
    CHECK_EQ_STR(sitrep_figure_name(SITREP_INJURED), "injured");
    CHECK_EQ_STR(sitrep_figure_name(SITREP_ARRESTED), "arrested");
    CHECK(sitrep_strerror(SITREP_E_NOMEM) != NULL);
    CHECK(sitrep_strerror((sitrep_status)999) != NULL);
}

/* -------------------------------------------------------------- counts */

static void test_counts_at_least_and_wounded(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "At least 12 people were killed and 30 wounded in the attack on the checkpoint.";
    const sitrep_incident *in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    const sitrep_count *k = count_of(in, SITREP_KILLED);
    CHECK_EQ_INT(k->known, 1);
    CHECK_EQ_INT(k->value, 12);
    CHECK_EQ_INT(k->qualifier, SITREP_Q_AT_LEAST);
    CHECK_EQ_INT(k->min, 12);
    CHECK_EQ_INT(k->max, -1);
    CHECK_EV_HAS(&f, k->evidence, "12");
    CHECK_EV_HAS(&f, k->evidence, "killed");
    const sitrep_count *w = count_of(in, SITREP_INJURED);
    CHECK_EQ_INT(w->known, 1);
    CHECK_EQ_INT(w->value, 30);
    CHECK_EQ_INT(w->qualifier, SITREP_Q_EXACT);
    CHECK_EQ_INT(w->min, 30);
    CHECK_EQ_INT(w->max, 30);
    CHECK_EV_HAS(&f, w->evidence, "30");
    CHECK_EV_HAS(&f, w->evidence, "wounded");
    CHECK_EQ_INT(count_of(in, SITREP_MISSING)->known, 0);
    CHECK_EQ_INT(count_of(in, SITREP_KIDNAPPED)->known, 0);
    fx_close(&f);
}

static void test_counts_coordinated_groups(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "Three police officers and two civilians were killed in the ambush.";
    const sitrep_incident *in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->known, 1);
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->value, 5);
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->qualifier, SITREP_Q_EXACT);
    CHECK_EV_HAS(&f, count_of(in, SITREP_KILLED)->evidence, "killed");
    fx_close(&f);
}

static void test_counts_thousands_separator(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "The cyclone flattened coastal villages, killing 1,200.";
    const sitrep_incident *in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->value, 1200);
    CHECK_EV_HAS(&f, count_of(in, SITREP_KILLED)->evidence, "1,200");
    fx_close(&f);
}

/* "four more deaths" adds to a toll given elsewhere: not the toll; after
 * another figure of the sentence it is a further group ("6 more wounded");
 * "the toll went up to 41" is 41, not "up to 41". */
static void test_counts_increments(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "The storm flooded the valley. Four more deaths were reported overnight.";
    const sitrep_incident *in = fx_run(&f, t, NULL);
    CHECK(in == NULL || !count_of(in, SITREP_KILLED)->known);
    t = "A bomb exploded at the market. Two people were killed; 6 more were wounded.";
    in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    CHECK_EQ_INT(count_of(in, SITREP_INJURED)->value, 6);
    t = "The storm hit the coast on Monday. The death toll went up to 41 on Thursday.";
    in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->value, 41);
    CHECK_EQ_INT((int)count_of(in, SITREP_KILLED)->qualifier, (int)SITREP_Q_EXACT);
    t = "The hurricane has killed at least nine people, officials said.";
    in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->value, 9);
    fx_close(&f);
}

/* Proper names of events: storm words with a name, capitalised words
 * before a hazard word; not descriptions, not all-capitals copy. */
static void test_event_names(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    static const struct {
        const char *text, *name; /* name NULL: none */
    } cases[] = {
        {"Hurricane Florence killed five people in the city on Friday.", "Hurricane Florence"},
        {"Tropical Storm Sally flooded streets, killing two people.", "Tropical Storm Sally"},
        {"Firefighters battled the Lilac Fire, which killed one person.", "Lilac Fire"},
        {"Holy Wildfire 2018. Three people were killed.", "Holy Wildfire"},
        {"2018 Maryland Flood. Two people died in the flood.", "Maryland Flood"},
        {"A deadly fire killed five people in a factory.", NULL},
        {"Deadly Fire Kills Five. The fire broke out at night.", NULL},
        {"A storm killed three people on Monday.", NULL},
        {"The Palmer Fire Department said two people died in the blaze.", NULL},
        {"Somerset Fire and Rescue said a man was killed in the fire.", NULL},
        {"A Suspicious Fire destroyed the church, killing one person.", NULL},
        {"HURRICANE GILBERT KILLED 20 PEOPLE ON MONDAY.", NULL},
        /* a storm name does not fit a shooting */
        {"Gunmen killed four people at a shelter for Hurricane Ida evacuees.", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const sitrep_incident *in = fx_run(&f, cases[i].text, NULL);
        REQUIRE_INCIDENT(in, cases[i].text);
        if (!cases[i].name) {
            if (in->name.len)
                fprintf(stderr, "case %zu: unexpected name \"%.*s\"\n", i, (int)in->name.len,
                        in->name.ptr);
            CHECK_EQ_INT((int)in->name.len, 0);
            continue;
        }
        CHECK_EV_IS(&f, in->name_evidence, cases[i].name);
        CHECK(in->name.len == strlen(cases[i].name) &&
              memcmp(in->name.ptr, cases[i].name, in->name.len) == 0);
    }
    fx_close(&f);
}

static void test_counts_negated(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t1 = "A fire broke out in the warehouse but no one was hurt.";
    const sitrep_incident *in = fx_run(&f, t1, NULL);
    REQUIRE_INCIDENT(in, t1);
    CHECK_EQ_INT(count_of(in, SITREP_INJURED)->known, 1);
    CHECK_EQ_INT(count_of(in, SITREP_INJURED)->value, 0);
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->known, 0);
    CHECK_EV_HAS(&f, count_of(in, SITREP_INJURED)->evidence, "no one");

    const char *t2 = "Police said nobody was killed when the bomb went off outside the bank.";
    in = fx_run(&f, t2, NULL);
    REQUIRE_INCIDENT(in, t2);
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->known, 1);
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->value, 0);

    /* "not hurt" of one person does not count him as injured, and does not
     * cancel the deaths stated in the same sentence. */
    const char *t3 = "The governor was not hurt in the blast, which killed 3 of his guards.";
    in = fx_run(&f, t3, NULL);
    REQUIRE_INCIDENT(in, t3);
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->value, 3);
    CHECK(!count_of(in, SITREP_INJURED)->known || count_of(in, SITREP_INJURED)->value == 0);

    const char *t4 = "No casualties were reported after the grenade attack on the bank.";
    in = fx_run(&f, t4, NULL);
    REQUIRE_INCIDENT(in, t4);
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->known, 1);
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->value, 0);
    fx_close(&f);
}

static void test_counts_vague_dozens(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "A bomb exploded near the station and dozens were injured.";
    const sitrep_incident *in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    const sitrep_count *w = count_of(in, SITREP_INJURED);
    CHECK_EQ_INT(w->known, 1);
    CHECK_EQ_INT(w->value, 24);
    CHECK_EQ_INT(w->qualifier, SITREP_Q_AT_LEAST);
    CHECK_EV_HAS(&f, w->evidence, "dozens");
    fx_close(&f);
}

static void test_counts_range(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "Between 4 and 7 people died when gunmen opened fire on a wedding party.";
    const sitrep_incident *in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    const sitrep_count *k = count_of(in, SITREP_KILLED);
    CHECK_EQ_INT(k->qualifier, SITREP_Q_RANGE);
    CHECK_EQ_INT(k->value, 4);
    CHECK_EQ_INT(k->min, 4);
    CHECK_EQ_INT(k->max, 7);
    CHECK_EV_HAS(&f, k->evidence, "4 and 7");
    fx_close(&f);
}

/* A place after "in" between the number and the verb qualifies the
 * people: "two policemen in Medellin were killed" is a toll of two. */
static void test_counts_across_place(void)
{
    fx f;
    if (!fx_open(&f, 1, __func__))
        return;
    const char *t = "Two policemen guarding the consulate in Medellin were killed by gunmen.";
    const sitrep_incident *in = fx_run(&f, t, "2024-01-10");
    REQUIRE_INCIDENT(in, t);
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->value, 2);
    CHECK_EV_HAS(&f, count_of(in, SITREP_KILLED)->evidence, "Two");
    fx_close(&f);
}

static void test_counts_perpetrators_added(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "In addition to the bomber, two soldiers were killed in the suicide bombing.";
    const sitrep_incident *in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    const sitrep_count *k = count_of(in, SITREP_KILLED);
    CHECK_EQ_INT(k->value, 3);
    CHECK_EQ_INT(k->perpetrators, 1);
    CHECK_EQ_INT(count_of(in, SITREP_INJURED)->known, 0);
    fx_close(&f);
}

static void test_counts_other_figures(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t1 = "Rebels abducted 23 passengers from a bus on the highway on Monday.";
    const sitrep_incident *in = fx_run(&f, t1, NULL);
    REQUIRE_INCIDENT(in, t1);
    CHECK(has_type(in, "kidnapping"));
    CHECK_EQ_INT(count_of(in, SITREP_KIDNAPPED)->value, 23);
    CHECK_EV_HAS(&f, count_of(in, SITREP_KIDNAPPED)->evidence, "abducted");

    const char *t2 = "Rescuers were searching for 40 people still missing after the building collapsed.";
    in = fx_run(&f, t2, NULL);
    REQUIRE_INCIDENT(in, t2);
    CHECK(has_type(in, "collapse"));
    CHECK_EQ_INT(count_of(in, SITREP_MISSING)->value, 40);
    CHECK_EV_HAS(&f, count_of(in, SITREP_MISSING)->evidence, "missing");

    const char *t3 = "Police arrested 14 suspects after the shooting.";
    in = fx_run(&f, t3, NULL);
    REQUIRE_INCIDENT(in, t3);
    CHECK_EQ_INT(count_of(in, SITREP_ARRESTED)->value, 14);
    fx_close(&f);
}

/* -------------------------------------------------------------- source */

static void test_source_credited(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t =
        "At least 12 people were killed when a car bomb exploded, according to the health ministry.";
    const sitrep_incident *in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    const sitrep_count *k = count_of(in, SITREP_KILLED);
    CHECK_EQ_INT(k->value, 12);
    CHECK_EQ_VIEW(k->source.ptr, k->source.len, "the health ministry");
    CHECK_EV_IS(&f, k->source_evidence, "the health ministry");

    const char *t2 = "A mortar shell hit the school, killing two children and injuring 15 others, "
                     "a police spokesman told reporters.";
    in = fx_run(&f, t2, NULL);
    REQUIRE_INCIDENT(in, t2);
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->value, 2);
    CHECK_EQ_INT(count_of(in, SITREP_INJURED)->value, 15);
    CHECK_EQ_VIEW(count_of(in, SITREP_INJURED)->source.ptr, count_of(in, SITREP_INJURED)->source.len,
                  "a police spokesman");
    fx_close(&f);
}

/* --------------------------------------------------------------- types */

static void test_types(void)
{
    static const struct {
        const char *text, *slug, *evidence;
    } cases[] = {
        {"A car bomb exploded outside the courthouse, killing four people.", "bombing", "car bomb"},
        {"Gunmen opened fire on worshippers leaving the mosque, killing six.", "armed_assault",
         NULL},
        {"Armed men kidnapped two engineers from their camp on Sunday.", "kidnapping", "kidnapped"},
        {"A strong earthquake struck the region on Tuesday, killing at least 9 people.",
         "earthquake", "earthquake"},
        {"A fire swept through the apartment block overnight, killing six residents.", "fire",
         NULL},
    };
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const sitrep_incident *in = fx_run(&f, cases[i].text, NULL);
        REQUIRE_INCIDENT(in, cases[i].text);
        CHECK(in->ntypes >= 1);
        if (in->ntypes < 1)
            continue;
        if (strcmp(in->types[0].slug, cases[i].slug) != 0) {
            fprintf(stderr, "type of \"%s\" is %s, expected %s\n", cases[i].text,
                    in->types[0].slug, cases[i].slug);
            sr_test_failures++;
        }
        if (cases[i].evidence)
            CHECK_EV_IS(&f, in->types[0].evidence, cases[i].evidence);
    }
    fx_close(&f);
}

/* -------------------------------------------------------- perpetrators */

static void test_perpetrator_claimed(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "Islamic State claimed responsibility for the suicide bombing that killed "
                    "8 people at the market.";
    const sitrep_incident *in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    CHECK(has_type(in, "bombing"));
    const sitrep_perpetrator *p = perp_named(in, "Islamic State of Iraq and the Levant (ISIL)");
    CHECK(p != NULL);
    if (p) {
        CHECK_EQ_STR(p->kind, "organization");
        CHECK_EQ_STR(p->claim, "claimed");
        CHECK_EV_IS(&f, p->evidence, "Islamic State");
        CHECK_EV_IS(&f, p->claim_evidence, "claimed responsibility");
    }
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->value, 8);
    fx_close(&f);
}

static void test_perpetrator_blamed_not_claimed(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "A roadside bomb killed three soldiers. No group claimed responsibility; "
                    "authorities blamed the Taliban.";
    const sitrep_incident *in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    const sitrep_perpetrator *p = perp_named(in, "Taliban");
    CHECK(p != NULL);
    if (p) {
        CHECK_EQ_STR(p->claim, "attributed");
        CHECK_EV_IS(&f, p->evidence, "Taliban");
        CHECK_EV_IS(&f, p->claim_evidence, "blamed");
    }
    /* "No group claimed" claims nothing. */
    for (size_t k = 0; k < in->nperpetrators; k++)
        CHECK(strcmp(in->perpetrators[k].claim, "claimed") != 0);
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->value, 3);
    fx_close(&f);
}

static void test_perpetrator_individuals(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "Gunmen kidnapped four aid workers on the road to the village.";
    const sitrep_incident *in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    const sitrep_perpetrator *p = perp_named(in, "Gunmen");
    CHECK(p != NULL);
    if (p) {
        CHECK_EQ_STR(p->kind, "individual");
        CHECK_EQ_STR(p->claim, "unknown");
        CHECK_EV_IS(&f, p->evidence, "Gunmen");
    }
    CHECK_EQ_INT(count_of(in, SITREP_KIDNAPPED)->value, 4);
    fx_close(&f);
}

/* ------------------------------------------------------------- weapons */

static void test_weapons(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "Gunmen armed with AK-47 rifles and grenades stormed the hotel, killing two guards.";
    const sitrep_incident *in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    const sitrep_weapon *w = weapon_of(in, "firearms");
    CHECK(w != NULL);
    if (w)
        CHECK_EV_HAS(&f, w->evidence, "AK-47");
    w = weapon_of(in, "explosives");
    CHECK(w != NULL);
    if (w)
        CHECK_EV_HAS(&f, w->evidence, "grenades");

    const char *t2 = "A car bomb exploded in the parking lot, killing 7 people.";
    in = fx_run(&f, t2, NULL);
    REQUIRE_INCIDENT(in, t2);
    w = weapon_of(in, "explosives");
    CHECK(w != NULL);
    if (w) {
        CHECK_EV_IS(&f, w->evidence, "car bomb");
        CHECK_EQ_VIEW(w->text.ptr, w->text.len, "car bomb");
    }
    CHECK(weapon_of(in, "firearms") == NULL);

    /* the verb written as one word is a firearm too */
    const char *t3 = "Masked men machinegunned the bus terminal on Sunday, wounding four passengers.";
    in = fx_run(&f, t3, NULL);
    REQUIRE_INCIDENT(in, t3);
    w = weapon_of(in, "firearms");
    CHECK(w != NULL);
    if (w)
        CHECK_EV_IS(&f, w->evidence, "machinegunned");
    fx_close(&f);
}

/* --------------------------------------------------------------- dates */

static void test_dates(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    /* 2023-06-18 is a Sunday: "on Friday" is the 16th. */
    const char *t = "At least 12 people were killed when a car bomb exploded on Friday.";
    const sitrep_incident *in = fx_run(&f, t, "2023-06-18");
    REQUIRE_INCIDENT(in, t);
    CHECK_EQ_INT(f.r->published.year, 2023);
    CHECK_EQ_INT(f.r->published.month, 6);
    CHECK_EQ_INT(f.r->published.day, 18);
    CHECK_EQ_INT(in->date.year, 2023);
    CHECK_EQ_INT(in->date.month, 6);
    CHECK_EQ_INT(in->date.day, 16);
    CHECK_EV_HAS(&f, in->date_evidence, "Friday");

    /* A published date with a time of day. */
    in = fx_run(&f, t, "2023-06-18T23:59:00Z");
    REQUIRE_INCIDENT(in, t);
    CHECK_EQ_INT(in->date.day, 16);

    /* No publication date: the weekday cannot be resolved to a day. */
    in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    CHECK(in->date.year == 0 || in->date.day == 0);

    /* The default date given to sitrep_extract stands in for a missing
     * publication date. */
    memset(&f.a, 0, sizeof f.a);
    f.a.text.ptr = t;
    f.a.text.len = strlen(t);
    sitrep_date def = {2023, 6, 18};
    CHECK_EQ_INT(sitrep_extract(f.s, &f.a, def, &f.r), SITREP_OK);
    if (f.r && f.r->nincidents) {
        CHECK_EQ_INT(f.r->published.day, 18);
        CHECK_EQ_INT(f.r->incidents[0].date.day, 16);
    }

    const char *t2 = "05/07/2012: A bomb exploded in a market, killing four people.";
    in = fx_run(&f, t2, NULL);
    REQUIRE_INCIDENT(in, t2);
    CHECK_EQ_INT(in->date.year, 2012);
    CHECK_EQ_INT(in->date.month, 5);
    CHECK_EQ_INT(in->date.day, 7);
    CHECK_EV_HAS(&f, in->date_evidence, "05/07/2012");
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->value, 4);

    const char *t3 = "A strong earthquake struck the region on Tuesday, killing at least 9 people.";
    in = fx_run(&f, t3, "2023-06-18");
    REQUIRE_INCIDENT(in, t3);
    CHECK_EQ_INT(in->date.year, 2023);
    CHECK_EQ_INT(in->date.month, 6);
    CHECK_EQ_INT(in->date.day, 13);

    /* a date that names a movement is no day of the incident */
    const char *t4 = "Members of the 3 March Movement shot dead a village mayor on Friday.";
    in = fx_run(&f, t4, "2023-06-18");
    REQUIRE_INCIDENT(in, t4);
    CHECK_EQ_INT(in->date.month, 6);
    CHECK_EQ_INT(in->date.day, 16);
    fx_close(&f);
}

static void test_date_parse(void)
{
    sitrep_date d = {0, 0, 0};
    CHECK_EQ_INT(sitrep_date_parse("2024-02-29", 10, &d), SITREP_OK);
    CHECK_EQ_INT(d.year, 2024);
    CHECK_EQ_INT(d.month, 2);
    CHECK_EQ_INT(d.day, 29);
    CHECK_EQ_INT(sitrep_date_parse("2024-03-23T10:00:00Z", 20, &d), SITREP_OK);
    CHECK_EQ_INT(d.day, 23);
    CHECK_EQ_INT(sitrep_date_parse("2023-02-29", 10, &d), SITREP_E_PARSE);
    CHECK_EQ_INT(sitrep_date_parse("yesterday", 9, &d), SITREP_E_PARSE);
    CHECK_EQ_INT(sitrep_date_parse("2024-03-2", 9, &d), SITREP_E_PARSE);
}

/* ------------------------------------------------------------ location */

static void test_location_without_gazetteer(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "A car bomb exploded in Peshawar, Pakistan, killing 7 people.";
    const sitrep_incident *in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    /* Without a gazetteer the city is unknown, but the country comes from
     * the lexicon of country names, unresolved (no coordinates, no id). */
    CHECK_EQ_INT(in->location.known, 1);
    CHECK_EQ_INT(in->location.resolved, 0);
    CHECK_EQ_INT(in->location.geonames_id, 0);
    CHECK_EQ_STR(in->location.country, "PK");
    CHECK_EQ_STR(in->location.precision, "country");
    CHECK_EV_IS(&f, in->location.evidence, "Pakistan");
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->value, 7);
    fx_close(&f);
}

/* A place the gazetteer does not know ends before a number: a headline
 * without its full stop runs into the next sentence ("... the village of
 * Zorbatan Ten people were killed"). */
static void test_location_unknown_before_number(void)
{
    fx f;
    if (!fx_open(&f, 1, __func__))
        return;
    const char *t = "An earthquake levelled the village of Zorbatan Ten people were killed, "
                    "officials said.";
    const sitrep_incident *in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    CHECK_EQ_INT(in->location.known, 1);
    CHECK_EQ_VIEW(in->location.name.ptr, in->location.name.len, "Zorbatan");
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->value, 10);
    fx_close(&f);
}

static void test_location_city_country(void)
{
    fx f;
    if (!fx_open(&f, 1, __func__))
        return;
    const char *t = "A car bomb exploded in Peshawar, Pakistan, killing 7 people.";
    const sitrep_incident *in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    const sitrep_location *l = &in->location;
    CHECK_EQ_INT(l->known, 1);
    CHECK_EQ_INT(l->resolved, 1);
    CHECK_EQ_STR(l->country, "PK");
    CHECK(l->geonames_id != 0);
    CHECK_EQ_STR(l->precision, "city");
    CHECK_EQ_STR(l->relation, "in");
    CHECK_EQ_VIEW(l->name.ptr, l->name.len, "Peshawar");
    CHECK_EV_IS(&f, l->evidence, "Peshawar");
    CHECK(l->lat > 33.0 && l->lat < 35.0);
    CHECK(l->lon > 71.0 && l->lon < 72.5);

    /* Accented name, byte offsets after a multi-byte character. */
    const char *t2 = "Police in Bogotá said at least 3 people were killed in the café bombing.";
    in = fx_run(&f, t2, NULL);
    REQUIRE_INCIDENT(in, t2);
    CHECK_EQ_STR(in->location.country, "CO");
    CHECK(in->location.geonames_id != 0);
    CHECK_EV_IS(&f, in->location.evidence, "Bogotá");
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->value, 3);
    CHECK_EV_HAS(&f, count_of(in, SITREP_KILLED)->evidence, "at least 3");
    fx_close(&f);
}

static void test_location_near(void)
{
    fx f;
    if (!fx_open(&f, 1, __func__))
        return;
    const char *t = "Gunmen opened fire on a bus near Moscow, wounding five passengers.";
    const sitrep_incident *in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    CHECK_EQ_INT(in->location.known, 1);
    CHECK_EQ_STR(in->location.relation, "near");
    CHECK_EQ_STR(in->location.country, "RU");
    CHECK_EQ_STR(in->location.precision, "city");
    CHECK(in->location.geonames_id != 0);
    CHECK_EV_IS(&f, in->location.evidence, "Moscow");
    CHECK_EQ_INT(count_of(in, SITREP_INJURED)->value, 5);
    fx_close(&f);
}

/* Second-level regions (counties, districts): "Town, County" picks the town
 * in that county; a county named alone is the place, at precision admin2;
 * a county named elsewhere in the text picks the town there. */
static void test_location_admin2(void)
{
    fx f;
    if (!fx_open(&f, 1, __func__))
        return;
    /* The gazetteer has no Wellington in Somerset: the town as written, in
     * the county the text gives (not the capital of New Zealand). */
    const char *t = "A fire destroyed a supermarket in Wellington, Somerset, on Sunday.";
    const sitrep_incident *in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    const sitrep_location *l = &in->location;
    CHECK_EQ_STR(l->country, "GB");
    CHECK_EQ_VIEW(l->admin1.ptr, l->admin1.len, "England");
    CHECK_EQ_VIEW(l->admin2.ptr, l->admin2.len, "Somerset");
    CHECK_EQ_VIEW(l->name.ptr, l->name.len, "Wellington");
    CHECK_EQ_STR(l->precision, "city");
    CHECK_EV_IS(&f, l->evidence, "Wellington");

    /* A town the gazetteer has there, past the first eight of its name. */
    t = "Two people were shot dead in Richmond, North Yorkshire, on Friday.";
    in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    l = &in->location;
    CHECK_EQ_STR(l->country, "GB");
    CHECK_EQ_INT(l->resolved, 1);
    CHECK(l->geonames_id != 0);
    CHECK_EQ_VIEW(l->admin2.ptr, l->admin2.len, "North Yorkshire");
    CHECK(l->lat > 54.0 && l->lat < 55.0);

    t = "Two people were killed in a fire in Taunton, Somerset.";
    in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    CHECK_EQ_STR(in->location.country, "GB");
    CHECK_EQ_STR(in->location.precision, "city");
    CHECK_EQ_VIEW(in->location.admin2.ptr, in->location.admin2.len, "Somerset");

    /* "Town, County, State" and a county alone. */
    t = "Deputies in Cook County, Illinois, arrested a man after a shooting that killed two "
        "people.";
    in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    l = &in->location;
    CHECK_EQ_STR(l->precision, "admin2");
    CHECK_EQ_INT(l->resolved, 1);
    CHECK_EQ_INT(l->geonames_id, 0);
    CHECK_EQ_STR(l->country, "US");
    CHECK_EQ_VIEW(l->name.ptr, l->name.len, "Cook County");
    CHECK_EQ_VIEW(l->admin1.ptr, l->admin1.len, "Illinois");
    CHECK_EQ_VIEW(l->admin2.ptr, l->admin2.len, "Cook County");
    CHECK_EV_IS(&f, l->evidence, "Cook County");
    CHECK(l->lat > 41.5 && l->lat < 42.2); /* its seat, Chicago */

    t = "A fire destroyed a supermarket in Somerset on Sunday, killing two people.";
    in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    CHECK_EQ_STR(in->location.precision, "admin2");
    CHECK_EQ_STR(in->location.country, "GB");
    CHECK_EQ_VIEW(in->location.admin1.ptr, in->location.admin1.len, "England");

    /* the county named in another sentence: Sandwich, Kent, not Illinois */
    t = "A man was stabbed to death in Sandwich on Sunday. The attack in Kent shocked residents.";
    in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    CHECK_EQ_STR(in->location.country, "GB");
    CHECK_EQ_VIEW(in->location.admin2.ptr, in->location.admin2.len, "Kent");

    /* A big city named like its county or province is the city; with
     * "district" it is the district. */
    t = "Two people died when a bomb exploded in Madrid on Monday.";
    in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    CHECK_EQ_STR(in->location.precision, "city");
    CHECK_EQ_STR(in->location.country, "ES");
    t = "A car bomb killed ten people in Bannu district on Monday.";
    in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    CHECK_EQ_STR(in->location.precision, "admin2");
    CHECK_EQ_STR(in->location.country, "PK");

    /* Not a county: an acronym, a part of a longer name, upper-case wire
     * copy. */
    t = "A SWAT team stormed a house in Philadelphia where a man had shot two people.";
    in = fx_run(&f, t, NULL);
    REQUIRE_INCIDENT(in, t);
    CHECK(strcmp(in->location.country, "PK") != 0);
    t = "GUNMEN KILLED TWO PEOPLE IN SOMERSET ON SUNDAY.";
    in = fx_run(&f, t, NULL);
    if (in)
        CHECK(!in->location.precision || strcmp(in->location.precision, "admin2") != 0);
    fx_close(&f);
}

/* ------------------------------------------------- non-incident articles */

static void test_sports_article_has_no_incident(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "Manchester United beat Chelsea 3-1 on Saturday to go top of the league, "
                    "with two goals from the striker in the second half.";
    fx_run(&f, t, "2023-06-18");
    CHECK(f.r != NULL);
    if (f.r)
        CHECK_EQ_INT(f.r->nincidents, 0);
    fx_close(&f);
}

/* ---------------------------------------------------- wire copy, caps */

static void test_wire_dateline_upper_case(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "KABUL, MARCH 3 (XINHUA) -- A SUICIDE BOMBER BLEW HIMSELF UP NEAR A POLICE "
                    "STATION, KILLING AT LEAST 5 PEOPLE AND WOUNDING 11, POLICE SAID.";
    const sitrep_incident *in = fx_run(&f, t, "2023-03-04");
    REQUIRE_INCIDENT(in, t);
    CHECK_EQ_VIEW(f.r->dateline_place.ptr, f.r->dateline_place.len, "KABUL");
    CHECK(has_type(in, "bombing"));
    CHECK_EQ_INT(in->date.year, 2023);
    CHECK_EQ_INT(in->date.month, 3);
    CHECK_EQ_INT(in->date.day, 3);
    const sitrep_count *k = count_of(in, SITREP_KILLED);
    CHECK_EQ_INT(k->value, 5);
    CHECK_EQ_INT(k->qualifier, SITREP_Q_AT_LEAST);
    CHECK_EV_HAS(&f, k->evidence, "AT LEAST 5");
    CHECK_EQ_INT(count_of(in, SITREP_INJURED)->value, 11);
    CHECK_EV_HAS(&f, count_of(in, SITREP_INJURED)->evidence, "11");
    fx_close(&f);
}

/* The dateline is the only place named: it locates the incident. */
static void test_wire_dateline_place_resolved(void)
{
    fx f;
    if (!fx_open(&f, 1, __func__))
        return;
    const char *t = "KABUL, MARCH 3 (XINHUA) -- A SUICIDE BOMBER BLEW HIMSELF UP NEAR A POLICE "
                    "STATION, KILLING AT LEAST 5 PEOPLE AND WOUNDING 11, POLICE SAID.";
    const sitrep_incident *in = fx_run(&f, t, "2023-03-04");
    REQUIRE_INCIDENT(in, t);
    CHECK_EQ_INT(in->location.known, 1);
    CHECK_EQ_INT(in->location.resolved, 1);
    CHECK_EQ_STR(in->location.country, "AF");
    CHECK_EV_IS(&f, in->location.evidence, "KABUL");
    fx_close(&f);
}

/* A region name two countries share ("La Libertad": Peru, El Salvador)
 * does not outvote the dateline. */
static void test_shared_region_name_follows_dateline(void)
{
    fx f;
    if (!fx_open(&f, 1, __func__))
        return;
    const char *t = "SAN SALVADOR, 6 JUL 89 (WIRE) -- [TEXT] GUNMEN KILLED A DRIVER ON THE ROAD TO "
                    "LA LIBERTAD YESTERDAY.  THE ROAD TO LA LIBERTAD WAS CLOSED FOR HOURS.";
    const sitrep_incident *in = fx_run(&f, t, "1989-07-06");
    REQUIRE_INCIDENT(in, t);
    CHECK_EQ_INT(in->location.resolved, 1);
    CHECK_EQ_STR(in->location.country, "SV");
    fx_close(&f);
}

static void test_wire_caps_place_in_body(void)
{
    fx f;
    if (!fx_open(&f, 1, __func__))
        return;
    const char *t = "QUETTA, JAN. 9 (XINHUA) -- AT LEAST SEVEN PEOPLE WERE KILLED WHEN A BOMB WENT "
                    "OFF AT A BUS STOP IN THE CITY OF QUETTA ON MONDAY, POLICE SAID.";
    const sitrep_incident *in = fx_run(&f, t, "2024-01-10");
    REQUIRE_INCIDENT(in, t);
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->value, 7);
    CHECK_EQ_STR(in->location.country, "PK");
    CHECK(in->location.geonames_id != 0);
    CHECK_EV_HAS(&f, in->location.evidence, "QUETTA");
    CHECK_EQ_INT(in->date.year, 2024);
    CHECK_EQ_INT(in->date.month, 1);
    CHECK_EQ_INT(in->date.day, 8);
    fx_close(&f);
}

/* ------------------------------------------------------------- targets */

static int has_target(const sitrep_incident *in, const char *text)
{
    for (size_t k = 0; k < in->ntargets; k++)
        if (in->targets[k].text.len == strlen(text) && memcmp(in->targets[k].text.ptr, text, strlen(text)) == 0)
            return 1;
    return 0;
}

/* Only the acted-upon are targets: not the army that denies, the minister
 * who condemns or the soldiers who shoot. */
static void test_targets_acted_upon(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "Soldiers killed two peasants and wounded a teacher on Monday. The army denied "
                    "the report and the minister condemned the killings. The mayor, a member of "
                    "the ruling party, was shot in the leg. Gunmen also burned the town hall.";
    const sitrep_incident *in = fx_run(&f, t, "2024-03-05");
    REQUIRE_INCIDENT(in, t);
    CHECK(has_target(in, "peasants"));
    CHECK(has_target(in, "teacher"));
    CHECK(has_target(in, "mayor"));
    /* "Gunmen also burned ..." tells another act: an incident of its own */
    CHECK(f.r && f.r->nincidents == 2 && has_target(&f.r->incidents[1], "town hall"));
    /* but the same doers doing more harm is the one attack: "The assailants
     * also set ..." keeps the driver's wound with it */
    const char *t1 = "Three gunmen opened fire on a fuel truck on Monday. The assailants also set "
                     "the truck on fire. The driver was wounded.";
    in = fx_run(&f, t1, "2024-03-05");
    REQUIRE_INCIDENT(in, t1);
    CHECK(f.r && f.r->nincidents == 1);
    CHECK(in->counts[SITREP_INJURED].known && in->counts[SITREP_INJURED].value == 1);
    CHECK(!has_target(in, "Soldiers"));
    CHECK(!has_target(in, "army"));
    CHECK(!has_target(in, "minister"));
    /* a victim named in a sentence without an event word of its own */
    const char *t2 = "Gunmen kidnapped two engineers near the border on Monday. The government "
                     "deplored the disappearance of their manager.";
    in = fx_run(&f, t2, "2024-03-05");
    REQUIRE_INCIDENT(in, t2);
    CHECK(has_target(in, "engineers"));
    CHECK(has_target(in, "manager"));
    /* a facility told as destroyed in a sentence with no event word */
    const char *t2b = "Rebels raided a hamlet in the hills on Monday. Many farmers were hurt and "
                      "several houses have been completely destroyed.";
    in = fx_run(&f, t2b, "2024-03-05");
    REQUIRE_INCIDENT(in, t2b);
    CHECK(has_target(in, "houses"));
    /* the agent of a passive harm verb is a perpetrator, not a target */
    const char *t3 = "The mayor was kidnapped by a group of armed men on Monday.";
    in = fx_run(&f, t3, "2024-03-05");
    REQUIRE_INCIDENT(in, t3);
    CHECK(has_target(in, "mayor"));
    CHECK(!has_target(in, "men"));
    CHECK(in->nperpetrators == 1 && ev_is(&f, in->perpetrators[0].evidence, "group of armed men"));
    /* the state's forces did it: subject of an active harm verb, or the
     * agent of a passive one, with their "of" phrase */
    const char *t4 = "Soldiers of the 4th Infantry Brigade killed three farmers near the river on Monday.";
    in = fx_run(&f, t4, "2024-03-05");
    REQUIRE_INCIDENT(in, t4);
    CHECK(has_target(in, "farmers"));
    CHECK(!has_target(in, "Soldiers"));
    CHECK(in->nperpetrators == 1 && ev_is(&f, in->perpetrators[0].evidence, "Soldiers of the 4th Infantry Brigade"));
    const char *t5 = "A teacher was shot dead by members of the police in the capital on Monday.";
    in = fx_run(&f, t5, "2024-03-05");
    REQUIRE_INCIDENT(in, t5);
    CHECK(has_target(in, "teacher"));
    CHECK(in->nperpetrators == 1 && ev_is(&f, in->perpetrators[0].evidence, "members of the police"));
    /* the blame laid on them: "responsible for", "involved in" a crime */
    const char *t5b = "The commission said that army elements were responsible for the murder of two "
                      "farmers in Olvera on Monday.";
    in = fx_run(&f, t5b, "2024-03-05");
    REQUIRE_INCIDENT(in, t5b);
    CHECK(in->nperpetrators == 1 && ev_is(&f, in->perpetrators[0].evidence, "army"));
    const char *t5c = "The policemen who were involved in the murder of a farmer in Olvera on Monday "
                      "fled.";
    in = fx_run(&f, t5c, "2024-03-05");
    REQUIRE_INCIDENT(in, t5c);
    CHECK(in->nperpetrators == 1 && ev_is(&f, in->perpetrators[0].evidence, "policemen"));
    const char *t5d = "The policemen responsible for the traffic in Olvera found the body of a farmer "
                      "on Monday.";
    in = fx_run(&f, t5d, "2024-03-05");
    CHECK(!in || in->nperpetrators == 0);
    /* a state force named by its country ("Honduran troops") */
    const char *t5e = "Two farmers were shot dead by Honduran troops near Olvera on Monday.";
    in = fx_run(&f, t5e, "2024-03-05");
    REQUIRE_INCIDENT(in, t5e);
    CHECK(has_target(in, "farmers"));
    CHECK(in->nperpetrators == 1 && ev_is(&f, in->perpetrators[0].evidence, "Honduran troops"));
    /* the doers past who led them or a phrase set off by commas */
    const char *t5e2 = "Soldiers of the 9th Mountain Brigade commanded by Captain Ruiz killed two farmers "
                       "near Olvera on Monday.";
    in = fx_run(&f, t5e2, "2024-03-05");
    REQUIRE_INCIDENT(in, t5e2);
    CHECK(in->nperpetrators == 1 && ev_is(&f, in->perpetrators[0].evidence, "Soldiers of the 9th Mountain Brigade"));
    const char *t5e3 = "Soldiers, who arrived in two army trucks, killed two farmers near Olvera on Monday.";
    in = fx_run(&f, t5e3, "2024-03-05");
    REQUIRE_INCIDENT(in, t5e3);
    CHECK(in->nperpetrators == 1 && ev_is(&f, in->perpetrators[0].evidence, "Soldiers"));
    /* the force a crime is blamed on ("accused the army of killing") */
    const char *t5f = "The union accused the army of killing two farmers near Olvera on Monday.";
    in = fx_run(&f, t5f, "2024-03-05");
    REQUIRE_INCIDENT(in, t5f);
    CHECK(has_target(in, "farmers"));
    CHECK(in->nperpetrators == 1 && ev_is(&f, in->perpetrators[0].evidence, "army"));
    const char *t5g = "The union accused the army of negligence after two farmers were killed near Olvera "
                      "on Monday.";
    in = fx_run(&f, t5g, "2024-03-05");
    REQUIRE_INCIDENT(in, t5g);
    CHECK(in->nperpetrators == 0);
    /* attackers only named as the other side are no doers */
    const char *t5h = "Two farmers were killed near Olvera on Monday during fighting between the guerrillas "
                      "and the army.";
    in = fx_run(&f, t5h, "2024-03-05");
    REQUIRE_INCIDENT(in, t5h);
    CHECK(in->nperpetrators == 0);
    /* an age set off by commas after a name is no toll */
    const char *t5j = "Mario Rossi, 52, was shot dead by gunmen outside a bar in Naples on Tuesday.";
    in = fx_run(&f, t5j, "2024-03-05");
    REQUIRE_INCIDENT(in, t5j);
    CHECK(in->counts[SITREP_KILLED].known && in->counts[SITREP_KILLED].value == 1);
    const char *t5k = "Gunmen shot Mario Rossi, 52, and Luca Bianchi, 40, dead outside a bar in Naples.";
    in = fx_run(&f, t5k, "2024-03-05");
    REQUIRE_INCIDENT(in, t5k);
    CHECK(!in->counts[SITREP_KILLED].known || in->counts[SITREP_KILLED].value != 40);
    /* but the ones hunted for are the doers */
    const char *t5i = "A guard was shot dead in a bank robbery in Lyon on Monday, and police are hunting "
                      "for four robbers.";
    in = fx_run(&f, t5i, "2024-03-05");
    REQUIRE_INCIDENT(in, t5i);
    CHECK(in->nperpetrators == 1 && ev_is(&f, in->perpetrators[0].evidence, "four robbers"));
    /* a watchman is a person (a civilian victim) */
    const char *tw = "Gunmen wounded a watchman at the sawmill on Monday.";
    in = fx_run(&f, tw, "2024-03-05");
    REQUIRE_INCIDENT(in, tw);
    CHECK(has_target(in, "watchman"));
    /* soldiers who were killed are victims, not killers */
    const char *t6 = "Soldiers of the garrison were killed in an ambush on Monday.";
    in = fx_run(&f, t6, "2024-03-05");
    REQUIRE_INCIDENT(in, t6);
    CHECK(in->nperpetrators == 0);
    /* a participle without its "was": "the nuns murdered last week by ...",
     * "the teacher, abducted on Friday, ..." */
    const char *t7 = "The bishop buried the nuns murdered last week by masked men in Arlen.";
    in = fx_run(&f, t7, "2024-03-05");
    REQUIRE_INCIDENT(in, t7);
    CHECK(has_target(in, "nuns"));
    CHECK(!has_target(in, "bishop"));
    const char *t8 = "The teacher, abducted on Friday near the school, spoke to reporters on Sunday.";
    in = fx_run(&f, t8, "2024-03-05");
    REQUIRE_INCIDENT(in, t8);
    CHECK(has_target(in, "teacher"));
    /* an adverb of manner between the passive and its verb: "were
     * similarly attacked"; a travel agency is a business hit */
    const char *t9 = "A bomb destroyed the mayor's office on Monday. The farm houses of two judges were "
                     "similarly attacked by the gang. Another bomb exploded in front of a travel agency.";
    in = fx_run(&f, t9, "2024-03-05");
    REQUIRE_INCIDENT(in, t9);
    CHECK(has_target(in, "houses"));
    /* "Another bomb ..." is an incident of its own */
    CHECK(f.r && f.r->nincidents == 2 && has_target(&f.r->incidents[1], "travel agency"));
    /* "X was the target of a bomb attack" */
    const char *t10 = "Gunmen shot a judge in Arlen on Monday. On Sunday the mayor's residence was the "
                      "target of a bomb attack, though no one was hurt.";
    in = fx_run(&f, t10, "2024-03-05");
    REQUIRE_INCIDENT(in, t10);
    int seen = 0;
    for (size_t k = 0; k < f.r->nincidents; k++)
        seen |= has_target(&f.r->incidents[k], "residence");
    CHECK(seen);
    /* a date between the harm noun and its "of" */
    const char *t11 = "Unions condemned the kidnapping and murder on 3 March of Ana Ruiz, a nurse from Arlen.";
    in = fx_run(&f, t11, "2024-03-05");
    REQUIRE_INCIDENT(in, t11);
    CHECK(has_target(in, "nurse"));
    /* fire aimed "at" someone */
    const char *t12 = "Masked men levelled rifle fire at a teacher outside the school in Arlen on Monday.";
    in = fx_run(&f, t12, "2024-03-05");
    REQUIRE_INCIDENT(in, t12);
    CHECK(has_target(in, "teacher"));
    /* "X was the objective of" the attack; "the target was X" */
    const char *t13 = "Nobody was hurt overnight in Tarsa. The town hall was the objective of the bomb attack.";
    in = fx_run(&f, t13, "2024-03-05");
    REQUIRE_INCIDENT(in, t13);
    CHECK(has_target(in, "town hall"));
    const char *t14 = "A bomb was found near the fence overnight. Police said the bombers' target was the "
                      "Verdal liquor plant.";
    in = fx_run(&f, t14, "2024-03-05");
    REQUIRE_INCIDENT(in, t14);
    CHECK(has_target(in, "plant"));
    /* a power system sabotaged, or the "sabotage of" it */
    const char *t15 = "Rebels sabotaged the electrical system of Tarsa on Monday night.";
    in = fx_run(&f, t15, "2024-03-05");
    REQUIRE_INCIDENT(in, t15);
    CHECK(has_target(in, "electrical system"));
    const char *t16 = "The raid was accompanied by sabotage of the electric grid in Tarsa.";
    in = fx_run(&f, t16, "2024-03-05");
    REQUIRE_INCIDENT(in, t16);
    CHECK(has_target(in, "electric grid"));
    fx_close(&f);
}

static int has_type_slug(const sitrep_incident *in, const char *slug)
{
    for (size_t k = 0; k < in->ntypes; k++)
        if (strcmp(in->types[k].slug, slug) == 0)
            return 1;
    return 0;
}

/* Bombs "placed" like bombs "planted"; poles, towers and bank branches
 * are things hit. */
static void test_placed_bombs_and_utility_targets(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "Unknown persons placed bombs at two bank branches in the town on Monday night, "
                    "damaging them.";
    const sitrep_incident *in = fx_run(&f, t, "2024-03-05");
    REQUIRE_INCIDENT(in, t);
    CHECK(has_type_slug(in, "bombing"));
    CHECK(has_target(in, "bank branches"));
    const char *t2 = "Rebels blew up four electricity poles and a high-tension tower with dynamite, "
                     "cutting power to the valley.";
    in = fx_run(&f, t2, "2024-03-05");
    REQUIRE_INCIDENT(in, t2);
    CHECK(has_target(in, "electricity poles"));
    CHECK(has_target(in, "high-tension tower"));
    /* bombs placed "in" a building; a blast that "rocked" it */
    const char *t3 = "Unknown persons placed three bombs in a telephone company building in Arlen on Monday.";
    in = fx_run(&f, t3, "2024-03-05");
    REQUIRE_INCIDENT(in, t3);
    CHECK(has_target(in, "telephone company"));
    const char *t4 = "A powerful bomb rocked the headquarters of a farmers' union in Arlen on Monday.";
    in = fx_run(&f, t4, "2024-03-05");
    REQUIRE_INCIDENT(in, t4);
    CHECK(has_target(in, "headquarters"));
    /* the grid's own words: power towers, high-voltage lines and posts,
     * the electrical system */
    const char *t5 = "Guerrillas dynamited two power towers and five high-voltage posts near Arlen on "
                     "Monday, blacking out the electrical system of the province.";
    in = fx_run(&f, t5, "2024-03-05");
    REQUIRE_INCIDENT(in, t5);
    CHECK(has_target(in, "power towers"));
    CHECK(has_target(in, "high-voltage posts"));
    const char *t6 = "Gunmen set fire to a gasoline station and a library in Arlen on Monday.";
    in = fx_run(&f, t6, "2024-03-05");
    REQUIRE_INCIDENT(in, t6);
    CHECK(has_target(in, "gasoline station"));
    CHECK(has_target(in, "library"));
    const char *t7 = "A bomb destroyed a dozen food stands and damaged the water pipes of the market in "
                     "Arlen on Monday.";
    in = fx_run(&f, t7, "2024-03-05");
    REQUIRE_INCIDENT(in, t7);
    CHECK(has_target(in, "food stands"));
    CHECK(has_target(in, "water pipes"));
    /* a list of targets runs past the harm verb's reach: each item is hit
     * when the one before it is */
    const char *t8 = "A car bomb exploded in Arlen on Monday, damaging the front windows of a pharmacy, "
                     "the old city library, a small hotel, as well as several restaurants.";
    in = fx_run(&f, t8, "2024-03-05");
    REQUIRE_INCIDENT(in, t8);
    CHECK(has_target(in, "pharmacy"));
    CHECK(has_target(in, "hotel"));
    CHECK(has_target(in, "restaurants"));
    CHECK(!has_target(in, "well"));
    /* but not a list whose first item nothing hit */
    const char *t9 = "Rebels burned a bus near Arlen on Monday. Police later guarded the school, the "
                     "hospital and the town hall.";
    in = fx_run(&f, t9, "2024-03-05");
    REQUIRE_INCIDENT(in, t9);
    CHECK(has_target(in, "bus"));
    CHECK(!has_target(in, "hospital"));
    CHECK(!has_target(in, "town hall"));
    fx_close(&f);
}

/* "Fire" alone is a weak word (a fire drill, fired shots); the damage it did
 * makes it an incident (a drill is none), a fire and not an attack unless
 * someone set it. */
static void test_fire_destroyed_building(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "A large fire has destroyed much of a supermarket on the high street.";
    const sitrep_incident *in = fx_run(&f, t, "2024-03-05");
    REQUIRE_INCIDENT(in, t);
    CHECK(has_type_slug(in, "fire"));
    CHECK(!has_type_slug(in, "facility_attack"));
    fx_run(&f, "Firefighters held a fire drill at the school on Monday.", "2024-03-05");
    CHECK(f.r && f.r->nincidents == 0);
    fx_close(&f);
}

/* Robbery is a type of its own; "robbed of victory" is none.  A hit-and-run
 * is a road crash. */
static void test_robbery(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "Armed robbers stole diamonds worth 80 million euros from a jewellery store on "
                    "Thursday.";
    const sitrep_incident *in = fx_run(&f, t, "2024-03-05");
    REQUIRE_INCIDENT(in, t);
    CHECK(has_type_slug(in, "robbery"));
    CHECK_EV_IS(&f, in->types[0].evidence, "Armed robbers");
    fx_run(&f, "The team was robbed of victory by a late goal.", "2024-03-05");
    CHECK(f.r && f.r->nincidents == 0);
    /* and a hit-and-run is a road crash */
    const char *t2 = "A pedestrian was killed in a hit-and-run on Sunday.";
    in = fx_run(&f, t2, "2024-03-05");
    REQUIRE_INCIDENT(in, t2);
    CHECK(has_type_slug(in, "transport_crash"));
    fx_close(&f);
}

/* A later paragraph that tells of violence in another town is another
 * incident; without another town it stays with the first. */
static void test_incident_in_another_town(void)
{
    fx f;
    if (!fx_open(&f, 1, __func__))
        return;
    const char *t = "Gunmen killed the mayor of Pasto on Friday, police said.\n\n"
                    "The mayor had received threats, his family said.\n\n"
                    "In Cucuta, a bomb killed three soldiers on Saturday.\n";
    fx_run(&f, t, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 2);
    if (f.r && f.r->nincidents == 2) {
        CHECK_EV_HAS(&f, f.r->incidents[0].location.evidence, "Pasto");
        CHECK_EV_HAS(&f, f.r->incidents[1].location.evidence, "Cucuta");
        CHECK_EQ_INT(count_of(&f.r->incidents[1], SITREP_KILLED)->value, 3);
    }
    const char *t2 = "Gunmen killed the mayor of Pasto on Friday, police said.\n\n"
                     "A bomb in Pasto killed three soldiers on Saturday.\n";
    fx_run(&f, t2, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 1);
    /* within a paragraph, a sentence that opens with the other town */
    const char *t3 = "Gunmen killed the mayor of Pasto on Friday, police said. "
                     "In Cucuta, a bomb wrecked a bank on Saturday.\n";
    fx_run(&f, t3, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 2);
    const char *t4 = "Gunmen killed the mayor of Pasto on Friday, police said. "
                     "In Pasto, a bomb wrecked a bank on Saturday.\n";
    fx_run(&f, t4, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 1);
    fx_close(&f);
}

/* "In addition, ..." or "Similarly, ..." before an event of its own opens
 * another incident; before the event already told it does not. */
static void test_in_addition_another_incident(void)
{
    fx f;
    if (!fx_open(&f, 1, __func__))
        return;
    const char *t = "Gunmen killed two farmers near Tarma on Friday, police said. "
                    "In addition, a bomb destroyed a bridge on the road to the coast.\n";
    fx_run(&f, t, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 2);
    const char *t2 = "Gunmen killed two farmers near Tarma on Friday, police said. "
                     "In addition, the attack left the village without water.\n";
    fx_run(&f, t2, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 1);
    const char *t3 = "Gunmen killed two farmers near Tarma on Friday, police said. "
                     "Moreover, a bomb attack killed a guard at the mayor's office.\n";
    fx_run(&f, t3, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 2);
    const char *t4 = "Gunmen killed two farmers near Tarma on Friday, police said. "
                     "In another development, a bomb destroyed a bridge on the road to the coast.\n";
    fx_run(&f, t4, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 2);
    fx_close(&f);
}

/* A sentence that opens with another town or region, also past a source
 * ("Police said that in the town of ..."), opens another incident; a region
 * that holds the first town does not. */
static void test_opening_place_another_incident(void)
{
    fx f;
    if (!fx_open(&f, 1, __func__))
        return;
    const char *t = "Gunmen killed the mayor of Pasto on Friday, police said. "
                    "Police said that in the town of Cucuta a bomb wrecked a bank on Saturday.\n";
    fx_run(&f, t, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 2);
    const char *t2 = "Gunmen killed the mayor of Pasto on Friday, police said. "
                     "In Narino department, the gunmen burned a bus as they fled.\n";
    fx_run(&f, t2, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 1);
    fx_close(&f);
}

/* A paragraph that tells a firm event in another region is another
 * incident; one in the region of the first town is not. */
static void test_paragraph_in_another_region(void)
{
    fx f;
    if (!fx_open(&f, 1, __func__))
        return;
    const char *t = "Gunmen killed the mayor of Pasto on Friday, police said.\n\n"
                    "A bomb killed three soldiers in Cesar department on Saturday.\n";
    fx_run(&f, t, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 2);
    const char *t2 = "Gunmen killed the mayor of Pasto on Friday, police said.\n\n"
                     "A bomb killed three soldiers in Narino department on Saturday.\n";
    fx_run(&f, t2, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 1);
    fx_close(&f);
}

/* "X also reported that ..." adds an event of its own; victims "also
 * wounded" and the same doers' further harm belong to the event told. */
static void test_also_another_incident(void)
{
    fx f;
    if (!fx_open(&f, 1, __func__))
        return;
    const char *t = "Gunmen killed two farmers near Tarma on Friday, police said. "
                    "Police also reported that a bomb destroyed a bridge on the road to the coast.\n";
    fx_run(&f, t, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 2);
    /* the same doers doing more harm: one attack (GTD and ACLED code it
     * once; the MUC-4 adapter writes the fire as an arson template) */
    const char *t2 = "Gunmen killed two farmers near Tarma on Friday, police said. "
                     "The gunmen also burned three trucks on the highway.\n";
    fx_run(&f, t2, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 1);

    const char *t3 = "Gunmen killed two farmers near Tarma on Friday, police said. "
                     "Two guards were also wounded in the attack.\n";
    fx_run(&f, t3, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 1);
    const char *t5 = "Gunmen killed two farmers near Tarma on Friday, police said. "
                     "It has also been reported that two bombs damaged a school on the road to the coast.\n";
    fx_run(&f, t5, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 2);
    /* the group's record, not another act of the day */
    const char *t4 = "Gunmen killed two farmers near Tarma on Friday, police said. "
                     "The gang has also attacked police posts and burned buses.\n";
    fx_run(&f, t4, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 1);
    fx_close(&f);
}

/* "Another bomb ..." is another incident, unless it went off "at the same
 * time" as the first; "Finally, ..." before an event of its own too. */
static void test_another_bomb_another_incident(void)
{
    fx f;
    if (!fx_open(&f, 1, __func__))
        return;
    const char *t = "A bomb wrecked a bank in Tarma on Friday, police said. "
                    "Hours later another bomb damaged a school on the edge of the town.\n";
    fx_run(&f, t, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 2);
    const char *t2 = "A bomb wrecked a bank in Tarma on Friday, police said. "
                     "At the same time another bomb damaged a shop across the street.\n";
    fx_run(&f, t2, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 1);
    const char *t3 = "A bomb wrecked a bank in Tarma on Friday, police said. "
                     "Finally, gunmen set fire to a bus on the road to the coast.\n";
    fx_run(&f, t3, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 2);
    fx_close(&f);
}

/* A violent event told with a day before the main incident's (within the
 * three days that make background) is an incident of its own; what
 * follows on a later day (the hostages killed) stays with the first. */
static void test_earlier_day_another_incident(void)
{
    fx f;
    if (!fx_open(&f, 1, __func__))
        return;
    const char *t = "Gunmen killed two farmers near Tarma on 5 March, police said. "
                    "On 3 March, a bomb attack killed a policeman in the same town.\n";
    fx_run(&f, t, "2024-03-06");
    CHECK(f.r && f.r->nincidents == 2);
    const char *t2 = "Gunmen kidnapped two engineers near Tarma on 5 March, police said. "
                     "On 6 March the kidnappers killed one of them.\n";
    fx_run(&f, t2, "2024-03-07");
    CHECK(f.r && f.r->nincidents == 1);
    fx_close(&f);
}

/* Two older incidents told one after the other on their own dates are two
 * background incidents, not one. */
static void test_background_on_two_days(void)
{
    fx f;
    if (!fx_open(&f, 1, __func__))
        return;
    const char *t = "Gunmen killed a judge in Tarma on Friday, police said. "
                    "On 2 January, a bomb attack killed two guards at the town hall. "
                    "On 20 January, gunmen killed a priest outside his church.\n";
    fx_run(&f, t, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 3);
    const char *t2 = "Gunmen killed a judge in Tarma on Friday, police said. "
                     "On 2 January, a bomb attack killed two guards at the town hall. "
                     "The attackers killed a third guard as he fled.\n";
    fx_run(&f, t2, "2024-03-10");
    CHECK(f.r && f.r->nincidents == 2);
    fx_close(&f);
}

/* A surname is no place: "Palin" is a town in Guatemala, but where the text
 * names Sarah Palin it is the person. */
static void test_surname_not_place(void)
{
    fx f;
    if (!fx_open(&f, 1, __func__))
        return;
    const char *t = "The governor's home church was badly damaged in a suspicious fire. Police declined "
                    "to say if the blaze was directed at Palin, the former candidate. Gov. Sarah Palin "
                    "attends the church.";
    const sitrep_incident *in = fx_run(&f, t, "2024-03-05");
    REQUIRE_INCIDENT(in, t);
    CHECK(strcmp(in->location.country, "GT") != 0);
    /* nor an unknown place kept as text */
    CHECK(!in->location.known || in->location.text.len != 5 ||
          memcmp(in->location.text.ptr, "Palin", 5) != 0);
    const char *t2 = "A bomb exploded in Palin, killing two people.";
    in = fx_run(&f, t2, "2024-03-05");
    REQUIRE_INCIDENT(in, t2);
    CHECK_EQ_STR(in->location.country, "GT");
    fx_close(&f);
}

/* A fatal fall (a climber, a worker) is an accident of its own type;
 * murder words type a killing, also in a report of the charge. */
static void test_fall_and_murder(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "A British climber has fallen to his death on a mountain, police said.";
    const sitrep_incident *in = fx_run(&f, t, "2024-03-05");
    REQUIRE_INCIDENT(in, t);
    CHECK(has_type_slug(in, "fall"));
    const char *t2 = "A doctor is feared dead after a fall from a mountain.";
    in = fx_run(&f, t2, "2024-03-05");
    REQUIRE_INCIDENT(in, t2);
    CHECK(has_type_slug(in, "fall"));
    fx_run(&f, "Shares fall after the company said profits would drop.", "2024-03-05");
    CHECK(f.r && f.r->nincidents == 0);
    const char *t3 = "A man has been charged with the murder of his mother and sister.";
    in = fx_run(&f, t3, "2024-03-05");
    REQUIRE_INCIDENT(in, t3);
    CHECK(has_type_slug(in, "assassination"));
    fx_close(&f);
}

/* Hostages taken with words between ("took two transport officers
 * hostage"), a gun pulled on guards, attackers who kill ("the assassins
 * killed Otalora"), a murder with its victim: events without a figure. */
static void test_events_without_figures(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t = "Officials said the inmate took two transport officers hostage on Monday and fled.";
    const sitrep_incident *in = fx_run(&f, t, "2024-03-05");
    REQUIRE_INCIDENT(in, t);
    CHECK(has_type_slug(in, "hostage_taking"));
    fx_run(&f, "The hostage negotiator will speak at the conference.", "2024-03-05");
    CHECK(f.r && f.r->nincidents == 0);
    const char *t2 = "The inmate escaped from a prison van after pulling a gun on two guards.";
    in = fx_run(&f, t2, "2024-03-05");
    REQUIRE_INCIDENT(in, t2);
    CHECK(has_type_slug(in, "armed_assault"));
    const char *t3 = "THE ASSASSINS KILLED OTALORA AND THE DRIVER.";
    in = fx_run(&f, t3, "1989-09-06");
    REQUIRE_INCIDENT(in, t3);
    CHECK(in->nperpetrators == 1 && strcmp(in->perpetrators[0].kind, "individual") == 0);
    const char *t4 = "JUDGES LIFTED THE STRIKE THEY BEGAN AFTER MAGISTRATE CARLOS VALENCIA GARCIA'S MURDER.";
    in = fx_run(&f, t4, "1989-08-23");
    REQUIRE_INCIDENT(in, t4);
    const char *t5 = "French police say armed robbers cleaned out a jewelry store yesterday in Paris.";
    in = fx_run(&f, t5, "2008-12-05");
    REQUIRE_INCIDENT(in, t5);
    CHECK(has_type_slug(in, "robbery"));
    /* a rescue team is no sports team: the fall is still an event */
    const char *t6 = "The Alpine Rescue Team recovered the body.\nThe climber fell to his death yesterday "
                     "and rescue teams could not reach his companions.";
    in = fx_run(&f, t6, "2013-09-15");
    REQUIRE_INCIDENT(in, t6);
    CHECK(has_type_slug(in, "fall"));
    /* a fire the fire marshal investigates is a fire */
    const char *t7 = "The fire was reported at 3:33 a.m. and is under investigation by the State Fire Marshal.";
    in = fx_run(&f, t7, "2012-08-01");
    REQUIRE_INCIDENT(in, t7);
    CHECK(has_type_slug(in, "fire"));
    /* a fire the next sentence calls arson is the attack, not nothing */
    const char *t8 = "A chapel in Millbrook went up in flames on Friday night.\nThe blaze is being "
                     "investigated as arson.";
    in = fx_run(&f, t8, "2021-05-02");
    REQUIRE_INCIDENT(in, t8);
    CHECK(has_type_slug(in, "facility_attack"));
    CHECK(!has_type_slug(in, "fire"));
    /* what attackers burned was set on fire: an attack on a facility */
    const char *t8b = "Masked gunmen raided a roadside depot near Kelburn on Monday.\nThe gunmen also "
                      "burned six delivery vans before they fled.";
    in = fx_run(&f, t8b, "2021-05-03");
    REQUIRE_INCIDENT(in, t8b);
    CHECK(has_type_slug(in, "facility_attack"));
    /* a pedestrian struck by a car: a road accident without a toll word */
    const char *t9 = "A cyclist died after being struck by a car on Harbor Road on Tuesday.";
    in = fx_run(&f, t9, "2021-05-05");
    REQUIRE_INCIDENT(in, t9);
    CHECK(has_type_slug(in, "transport_crash"));
    /* a fall with its height between the verb and the death */
    const char *t10 = "A roofer plunged 30 metres to his death from a tower in Hull on Monday.";
    in = fx_run(&f, t10, "2021-05-05");
    REQUIRE_INCIDENT(in, t10);
    CHECK(has_type_slug(in, "fall"));
    CHECK(!has_type_slug(in, "transport_crash"));
    fx_run(&f, "The verdict sent him to his death, his lawyer wrote.", "2021-05-05");
    CHECK(f.r && f.r->nincidents == 0);
    /* "a series of", "the goal of": general nouns, not sport or television */
    const char *t11 = "Police said the men took part in a series of raids and in a series of bomb attacks, "
                      "and in the murder of a union leader in Arlen, whose goal of peace they opposed.";
    in = fx_run(&f, t11, "2021-05-06");
    REQUIRE_INCIDENT(in, t11);
    /* a story that tells no act but the killing of someone, by its noun:
     * the killing; not the killing of a kind of people */
    const char *t12 = "The council postponed the fair after learning of the killing of Tomas Ferrandiz Olmo, "
                      "a former councilman of the town.";
    in = fx_run(&f, t12, "2021-05-06");
    REQUIRE_INCIDENT(in, t12);
    CHECK(has_type_slug(in, "assassination"));
    fx_run(&f, "The senator said the trade feeds the killing of judges in the region.", "2021-05-06");
    CHECK(f.r && f.r->nincidents == 0);
    /* and so do the suspects of a killing in a legal follow-up */
    const char *t13 = "THE FIVE MEN SUSPECTED OF KILLING LIBERAL CANDIDATE ANSELMO QUIROGA PAZ WILL BE "
                      "TURNED OVER TO A COURT.";
    in = fx_run(&f, t13, "2021-05-06");
    REQUIRE_INCIDENT(in, t13);
    CHECK(has_type_slug(in, "assassination"));
    /* a weak event word with the casualties of the next sentence */
    const char *t14 = "Two explosions shook the market district of Orvega late on Friday.\n\n"
                      "At least four people were wounded and a pharmacy was damaged.";
    in = fx_run(&f, t14, "2021-05-06");
    REQUIRE_INCIDENT(in, t14);
    CHECK_EQ_INT(count_of(in, SITREP_INJURED)->value, 4);
    /* and the casualties told first */
    const char *t14b = "Four people were injured in the market district of Orvega late on Friday.\n\n"
                       "The blast shattered windows along the street.";
    in = fx_run(&f, t14b, "2021-05-06");
    REQUIRE_INCIDENT(in, t14b);
    CHECK_EQ_INT(count_of(in, SITREP_INJURED)->value, 4);
    /* a death from gunshot wounds is a shooting */
    const char *t15 = "Councilman Ramiro Ostend Vial died from gunshot wounds at a clinic in Tarsa, his party said.";
    in = fx_run(&f, t15, "2021-05-06");
    REQUIRE_INCIDENT(in, t15);
    CHECK(has_type_slug(in, "armed_assault"));
    fx_close(&f);
}

/* ------------------------------------------------ handle reuse, results */

static void test_result_replaced_by_next_extract(void)
{
    fx f;
    if (!fx_open(&f, 0, __func__))
        return;
    const char *t1 = "Gunmen opened fire on worshippers leaving the mosque, killing six.";
    const char *t2 = "Manchester United beat Chelsea 3-1 on Saturday.";
    const sitrep_incident *in = fx_run(&f, t1, NULL);
    REQUIRE_INCIDENT(in, t1);
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->value, 6);
    fx_run(&f, t2, NULL);
    CHECK(f.r && f.r->nincidents == 0);
    /* The same text again gives the same answer: nothing carries over. */
    in = fx_run(&f, t1, NULL);
    REQUIRE_INCIDENT(in, t1);
    CHECK_EQ_INT(count_of(in, SITREP_KILLED)->value, 6);
    CHECK(f.r->dateline_place.len == 0);
    fx_close(&f);
}

SR_TEST_MAIN("extract", T(test_create_and_args), T(test_create_missing_gazetteer),
             T(test_article_limit), T(test_names), T(test_counts_at_least_and_wounded),
             T(test_counts_coordinated_groups), T(test_counts_thousands_separator),
             T(test_counts_increments), T(test_event_names), T(test_counts_negated), T(test_counts_vague_dozens), T(test_counts_range), T(test_counts_across_place),
             T(test_counts_perpetrators_added), T(test_counts_other_figures),
             T(test_source_credited), T(test_types), T(test_perpetrator_claimed),
             T(test_perpetrator_blamed_not_claimed), T(test_perpetrator_individuals),
             T(test_weapons), T(test_dates), T(test_date_parse),
             T(test_location_without_gazetteer), T(test_location_unknown_before_number), T(test_location_city_country),
             T(test_location_near), T(test_location_admin2), T(test_sports_article_has_no_incident),
             T(test_wire_dateline_upper_case), T(test_wire_dateline_place_resolved),
             T(test_wire_caps_place_in_body), T(test_shared_region_name_follows_dateline), T(test_surname_not_place), T(test_targets_acted_upon), T(test_incident_in_another_town), T(test_in_addition_another_incident), T(test_opening_place_another_incident), T(test_also_another_incident), T(test_paragraph_in_another_region), T(test_another_bomb_another_incident), T(test_earlier_day_another_incident), T(test_background_on_two_days), T(test_fire_destroyed_building), T(test_placed_bombs_and_utility_targets), T(test_robbery),
             T(test_fall_and_murder), T(test_events_without_figures),
             T(test_result_replaced_by_next_extract))
