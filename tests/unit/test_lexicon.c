/*
 * test_lexicon.c - the lexicon loader and phrase matcher (src/lexicon):
 * longest match, ties, wildcards, the "case" flag, sentence boundaries,
 * hyphenated phrases, data errors with file:line, allocation failure, and
 * the real embedded lexicon on sentences written for this test.
 */
#include "sr_test.h"

#include <stdlib.h>

#include "lexicon/sr_lexicon.h"

/* The default allocator, set up on first use. */
static const sr_alloc *A(void)
{
    static sr_alloc a;
    static int done;
    if (!done) {
        sr_alloc_init(&a, NULL);
        done = 1;
    }
    return &a;
}

/* Build a lexicon from one in-memory file named "t.txt". */
static sr_lex *lex_from(const char *data)
{
    sr_embedded_file f = {"t.txt", data, strlen(data)};
    sr_lex *lx = NULL;
    char err[200];
    sitrep_status st = sr_lex_create_from(A(), &f, 1, &lx, err, sizeof err);
    if (st != SITREP_OK)
        fprintf(stderr, "lexicon: %s\n", err);
    CHECK_EQ_INT(st, SITREP_OK);
    return lx;
}

typedef struct run {
    sr_arena ar;
    sr_tokens t;
    sr_match *m;
    size_t n;
} run;

static void run_text(run *r, const sr_lex *lx, const char *text)
{
    sr_arena_init(&r->ar, A(), 0);
    CHECK_EQ_INT(sr_tokenize(&r->ar, text, strlen(text), &r->t), SITREP_OK);
    r->m = NULL;
    r->n = 0;
    CHECK_EQ_INT(sr_lex_match_all(lx, &r->t, &r->ar, &r->m, &r->n), SITREP_OK);
}

/* Text covered by match k. */
static void match_text(const run *r, size_t k, char *buf, size_t cap)
{
    const sr_match *m = &r->m[k];
    size_t s = r->t.tok[m->tok_begin].start, e = r->t.tok[m->tok_end - 1].end;
    snprintf(buf, cap, "%.*s", (int)(e - s), r->t.text + s);
}

/* 1 when some match covers exactly the text span and has value val. */
static int has_match(const run *r, const sr_lex *lx, const char *span, const char *cls, const char *val)
{
    char buf[256];
    for (size_t k = 0; k < r->n; k++) {
        match_text(r, k, buf, sizeof buf);
        const sr_lex_entry *e = sr_lex_get(lx, r->m[k].entry);
        if (strcmp(buf, span) == 0 && strcmp(e->value, val) == 0 &&
            r->m[k].cls == sr_lex_class(lx, cls) && e->cls == r->m[k].cls)
            return 1;
    }
    return 0;
}

static const char small[] =
    "# test lexicon\n"
    "\n"
    "car\tthing\tcar\n"
    "car bomb\tweapon\texplosives\n"
    "car bomb attack\tevent\tbombing\n"
    "Shining Path\tgroup\tShining Path (SL)\n"
    "shining path\tgroup_alias\tSL\n"
    "Shining Path\tgroup\tShining Path (SL)\n" /* duplicate: reported once */
    "set * ablaze\tevent\tfacility_attack\tweak\n"
    "IS\tgroup\tIslamic State of Iraq and the Levant (ISIL)\tcase\n"
    "explosives-laden\tweapon\texplosives\r\n"
    "al-Shabaab\tgroup\tAl-Shabaab\n"
    "gunmen\tperp\tindividual\n";

static void test_longest_match(void)
{
    sr_lex *lx = lex_from(small);
    if (!lx)
        return;
    run r;
    run_text(&r, lx, "A car bomb attack hit the car park, then a CAR BOMB went off near a car.");
    CHECK_EQ_INT(r.n, 4);
    CHECK(has_match(&r, lx, "car bomb attack", "event", "bombing"));
    CHECK(has_match(&r, lx, "CAR BOMB", "weapon", "explosives"));
    /* "car park" and "a car." at the end: "car" alone */
    size_t cars = 0;
    for (size_t k = 0; k < r.n; k++)
        cars += r.m[k].cls == sr_lex_class(lx, "thing");
    CHECK_EQ_INT(cars, 2);
    /* ordered by token, non-overlapping */
    for (size_t k = 1; k < r.n; k++)
        CHECK(r.m[k].tok_begin >= r.m[k - 1].tok_end);
    sr_arena_free(&r.ar);

    run_text(&r, lx, "a car. A car bomb");
    CHECK_EQ_INT(r.n, 2);
    CHECK(has_match(&r, lx, "car", "thing", "car"));
    CHECK(has_match(&r, lx, "car bomb", "weapon", "explosives"));
    sr_arena_free(&r.ar);
    sr_lex_free(lx);
}

static void test_ties_and_duplicates(void)
{
    sr_lex *lx = lex_from(small);
    if (!lx)
        return;
    run r;
    run_text(&r, lx, "Rebels of the Shining Path struck.");
    /* two entries with the same phrase, the duplicate line once */
    CHECK_EQ_INT(r.n, 2);
    CHECK(has_match(&r, lx, "Shining Path", "group", "Shining Path (SL)"));
    CHECK(has_match(&r, lx, "Shining Path", "group_alias", "SL"));
    if (r.n == 2) {
        CHECK_EQ_INT(r.m[0].tok_begin, r.m[1].tok_begin);
        CHECK_EQ_INT(r.m[0].tok_end, r.m[1].tok_end);
        CHECK_EQ_INT(r.m[0].tok_end - r.m[0].tok_begin, 2);
    }
    /* sr_lex_match_at: both entries, then capped by max */
    uint32_t ids[4];
    size_t nids = 99;
    size_t at = 0;
    while (at < r.t.ntok && !sr_tok_is(&r.t, at, "shining"))
        at++;
    CHECK_EQ_INT(sr_lex_match_at(lx, &r.t, at, ids, 4, &nids), 2);
    CHECK_EQ_INT(nids, 2);
    CHECK_EQ_INT(sr_lex_match_at(lx, &r.t, at, ids, 1, &nids), 2);
    CHECK_EQ_INT(nids, 1);
    CHECK_EQ_INT(sr_lex_match_at(lx, &r.t, 0, ids, 4, &nids), 0);
    CHECK_EQ_INT(nids, 0);
    CHECK_EQ_INT(sr_lex_match_at(lx, &r.t, r.t.ntok, ids, 4, &nids), 0);
    sr_arena_free(&r.ar);
    sr_lex_free(lx);
}

static void test_wildcard(void)
{
    sr_lex *lx = lex_from(small);
    if (!lx)
        return;
    run r;
    run_text(&r, lx, "They set it ablaze. They set the house ablaze. They set 5 ablaze.");
    CHECK_EQ_INT(r.n, 1);
    CHECK(has_match(&r, lx, "set it ablaze", "event", "facility_attack"));
    if (r.n == 1)
        CHECK_EQ_STR(sr_lex_get(lx, r.m[0].entry)->flags, "weak");
    sr_arena_free(&r.ar);
    sr_lex_free(lx);
}

static void test_case_flag(void)
{
    sr_lex *lx = lex_from(small);
    if (!lx)
        return;
    run r;
    run_text(&r, lx, "IS fighters said it is over. Is it? The is IS.");
    CHECK_EQ_INT(r.n, 2);
    for (size_t k = 0; k < r.n; k++) {
        char buf[32];
        match_text(&r, k, buf, sizeof buf);
        CHECK_EQ_STR(buf, "IS");
        CHECK(sr_lex_get(lx, r.m[k].entry)->exact_case);
    }
    sr_arena_free(&r.ar);
    /* wire copy in capitals: "IS" is just a word there */
    run_text(&r, lx, "GUNMEN SAID THE TOWN IS QUIET AND THE ARMY IS THERE.");
    CHECK(r.t.upper_case);
    CHECK_EQ_INT(r.n, 1);
    CHECK(has_match(&r, lx, "GUNMEN", "perp", "individual"));
    sr_arena_free(&r.ar);
    sr_lex_free(lx);
}

static void test_sentence_boundary(void)
{
    sr_lex *lx = lex_from(small);
    if (!lx)
        return;
    run r;
    run_text(&r, lx, "The sun was shining\n\nPath closures followed.");
    CHECK(r.t.nsent >= 2);
    CHECK_EQ_INT(r.n, 0);
    sr_arena_free(&r.ar);
    run_text(&r, lx, "He parked the car\n\nBomb experts came.");
    CHECK_EQ_INT(r.n, 1);
    CHECK(has_match(&r, lx, "car", "thing", "car"));
    sr_arena_free(&r.ar);
    sr_lex_free(lx);
}

static void test_hyphens(void)
{
    sr_lex *lx = lex_from(small);
    if (!lx)
        return;
    run r;
    run_text(&r, lx, "An explosives-laden truck; al-Shabaab and Al-Shabaab, not al Shabaab or explosives laden.");
    CHECK_EQ_INT(r.n, 3);
    CHECK(has_match(&r, lx, "explosives-laden", "weapon", "explosives"));
    CHECK(has_match(&r, lx, "al-Shabaab", "group", "Al-Shabaab"));
    CHECK(has_match(&r, lx, "Al-Shabaab", "group", "Al-Shabaab"));
    sr_arena_free(&r.ar);
    sr_lex_free(lx);
}

static void check_bad(const char *data, const char *want_prefix)
{
    sr_embedded_file f[2] = {{"ok.txt", "x\ty\tz\n", 6}, {"bad.txt", data, strlen(data)}};
    sr_lex *lx = (sr_lex *)&f; /* must be reset to NULL */
    char err[200] = "unset";
    CHECK_EQ_INT(sr_lex_create_from(A(), f, 2, &lx, err, sizeof err), SITREP_E_DATA);
    CHECK(lx == NULL);
    if (strncmp(err, want_prefix, strlen(want_prefix)) != 0) {
        fprintf(stderr, "error \"%s\", expected prefix \"%s\"\n", err, want_prefix);
        CHECK(0);
    }
}

static void test_bad_lines(void)
{
    check_bad("# c\nok\tx\ty\nno tabs here\n", "bad.txt:3: ");
    check_bad("a\tb\n", "bad.txt:1: ");
    check_bad("a\tb\tc\td\te\n", "bad.txt:1: ");
    check_bad("\n\na\t\tc\n", "bad.txt:3: ");
    check_bad("a\tB!\tc\n", "bad.txt:1: ");
    check_bad("x\ty\tz\n* bomb\tweapon\texplosives\n", "bad.txt:2: ");
    check_bad("x\ty\tz\n\xff\xfe\tweapon\tz\n", "bad.txt:2: ");
    check_bad("...\n---\t\tz\n", "bad.txt:1: ");
    {
        /* a phrase too long for the matcher's offsets */
        static char longp[1100 + 16];
        memset(longp, 'a', 1100);
        memcpy(longp + 1100, "\tc\tv\n", 6);
        check_bad(longp, "bad.txt:1: ");
    }
    /* a good file with no final newline, comments with tabs, CRLF */
    sr_embedded_file f = {"good.txt", "# a\tb\r\n\r\n  \nx y\tc\tv\tcase, weak\r\nz\tc\tv", 40};
    f.len = strlen(f.data);
    sr_lex *lx = NULL;
    char err[100];
    CHECK_EQ_INT(sr_lex_create_from(A(), &f, 1, &lx, err, sizeof err), SITREP_OK);
    if (lx) {
        CHECK_EQ_INT(sr_lex_size(lx), 2);
        CHECK_EQ_INT(sr_lex_class(lx, "c"), 0);
        CHECK_EQ_INT(sr_lex_class(lx, "d"), -1);
        CHECK_EQ_STR(sr_lex_class_name(lx, 0), "c");
        CHECK(sr_lex_class_name(lx, 1) == NULL);
        const sr_lex_entry *e = sr_lex_get(lx, 0);
        CHECK_EQ_STR(e->phrase, "x y");
        CHECK_EQ_STR(e->value, "v");
        CHECK_EQ_STR(e->flags, "case, weak");
        CHECK_EQ_STR(e->file, "good.txt");
        CHECK_EQ_INT(e->line, 4);
        CHECK_EQ_INT(e->nwords, 2);
        CHECK_EQ_INT(e->exact_case, 1);
        CHECK_EQ_INT(sr_lex_get(lx, 1)->exact_case, 0);
        CHECK_EQ_INT(sr_lex_get(lx, 1)->line, 5);
        sr_lex_free(lx);
    }
}

/* An allocator that fails after a budget of successful allocations and
 * counts live blocks, to check that every failure path frees everything. */
typedef struct fail_alloc {
    long budget;
    long live;
} fail_alloc;

static void *failing(void *ud, void *ptr, size_t old_size, size_t size)
{
    fail_alloc *fa = ud;
    (void)old_size;
    if (size == 0) {
        if (ptr)
            fa->live--;
        free(ptr);
        return NULL;
    }
    if (fa->budget <= 0)
        return NULL;
    fa->budget--;
    void *p = realloc(ptr, size);
    if (p && !ptr)
        fa->live++;
    return p;
}

static void test_nomem(void)
{
    int ok = 0;
    for (long budget = 0; budget < 10000 && !ok; budget++) {
        fail_alloc fa = {budget, 0};
        sitrep_allocator ua = {failing, &fa};
        sr_alloc a;
        sr_alloc_init(&a, &ua);
        sr_embedded_file f = {"t.txt", small, strlen(small)};
        sr_lex *lx = NULL;
        char err[100];
        sitrep_status st = sr_lex_create_from(&a, &f, 1, &lx, err, sizeof err);
        if (st == SITREP_OK) {
            ok = 1;
            CHECK(lx != NULL);
            /* matching with a failing arena */
            fa.budget = 0;
            sr_arena ar;
            sr_arena_init(&ar, A(), 0);
            sr_tokens t;
            const char *text = "car bomb gunmen car bomb";
            CHECK_EQ_INT(sr_tokenize(&ar, text, strlen(text), &t), SITREP_OK);
            sr_arena war;
            sr_arena_init(&war, &a, 0);
            sr_match *m = NULL;
            size_t n = 7;
            CHECK_EQ_INT(sr_lex_match_all(lx, &t, &war, &m, &n), SITREP_E_NOMEM);
            sr_arena_free(&war);
            sr_arena_free(&ar);
            sr_lex_free(lx);
        } else {
            CHECK_EQ_INT(st, SITREP_E_NOMEM);
            CHECK(lx == NULL);
        }
        CHECK_EQ_INT(fa.live, 0);
    }
    CHECK(ok);
}

/* The lexicon compiled into the library, on sentences written here. */
static void test_embedded(void)
{
    sr_lex *lx = NULL;
    char err[300] = "";
    sitrep_status st = sr_lex_create(A(), &lx, err, sizeof err);
    if (st != SITREP_OK)
        fprintf(stderr, "embedded lexicon: %s\n", err);
    CHECK_EQ_INT(st, SITREP_OK);
    if (!lx)
        return;
    CHECK(sr_lex_size(lx) > 1000);
    run r;
    run_text(&r, lx,
             "Islamic State militants claimed responsibility for the car bomb at a crowded market "
             "in Kirkuk on Monday.");
    CHECK(has_match(&r, lx, "Islamic State", "group", "Islamic State of Iraq and the Levant (ISIL)"));
    CHECK(has_match(&r, lx, "militants", "perp", "individual"));
    CHECK(has_match(&r, lx, "claimed responsibility", "claim", "claimed"));
    CHECK(has_match(&r, lx, "car bomb", "weapon", "explosives"));
    CHECK(has_match(&r, lx, "market", "facility", "business"));
    sr_arena_free(&r.ar);

    run_text(&r, lx,
             "Suspected Shining Path guerrillas killed two policemen and kidnapped a Peruvian "
             "engineer near Ayacucho.");
    CHECK(has_match(&r, lx, "Shining Path", "group", "Shining Path (SL)"));
    CHECK(has_match(&r, lx, "guerrillas", "perp", "individual"));
    CHECK(has_match(&r, lx, "policemen", "person", "police"));
    CHECK(has_match(&r, lx, "kidnapped", "event", "kidnapping"));
    CHECK(has_match(&r, lx, "Peruvian", "demonym", "PE"));
    CHECK(has_match(&r, lx, "Suspected", "claim", "suspected"));
    sr_arena_free(&r.ar);

    run_text(&r, lx,
             "The Houthis fired a drone at Saudi Arabia, while AQAP gunmen stormed a checkpoint "
             "and al-Shabaab fighters attacked an army base in Somalia. IS claimed it.");
    CHECK(has_match(&r, lx, "Houthis", "group", "Houthi extremists (Ansar Allah)"));
    CHECK(has_match(&r, lx, "AQAP", "group", "Al-Qaida in the Arabian Peninsula (AQAP)"));
    CHECK(has_match(&r, lx, "al-Shabaab", "group", "Al-Shabaab"));
    CHECK(has_match(&r, lx, "IS", "group", "Islamic State of Iraq and the Levant (ISIL)"));
    CHECK(has_match(&r, lx, "checkpoint", "facility", "police"));
    CHECK(has_match(&r, lx, "Saudi Arabia", "country", "SA"));
    sr_arena_free(&r.ar);

    /* an ACLED spelling maps to the same canonical name as GTD's */
    run_text(&r, lx, "KNU/KNLA: Karen National Union/Karen National Liberation Army");
    CHECK(r.n >= 1);
    int karen = 0;
    for (size_t k = 0; k < r.n; k++) {
        const sr_lex_entry *e = sr_lex_get(lx, r.m[k].entry);
        if (r.m[k].tok_begin == 0 && r.m[k].tok_end == r.t.ntok && r.m[k].cls == sr_lex_class(lx, "group"))
            karen = strcmp(e->value, "Karen National Union") == 0;
    }
    CHECK(karen);
    sr_arena_free(&r.ar);

    /* "is" in ordinary English is no group */
    run_text(&r, lx, "The town is calm and the road is open.");
    for (size_t k = 0; k < r.n; k++)
        CHECK(r.m[k].cls != sr_lex_class(lx, "group"));
    sr_arena_free(&r.ar);
    sr_lex_free(lx);
}

SR_TEST_MAIN("lexicon", T(test_longest_match), T(test_ties_and_duplicates),
             T(test_wildcard), T(test_case_flag), T(test_sentence_boundary), T(test_hyphens),
             T(test_bad_lines), T(test_nomem), T(test_embedded))
