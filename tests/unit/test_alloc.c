/*
 * test_alloc.c - allocation-failure torture test of the extraction API, in
 * the manner of curl's: a counting allocator (the sitrep_allocator hook)
 * fails the Nth allocation, for N = 1, 2, ... until a whole run completes
 * (sitrep_create, without and with the gazetteer, then sitrep_extract on an
 * article, then sitrep_write_json).  Every failing run must report
 * SITREP_E_NOMEM, never crash, and after sitrep_free no byte may remain
 * allocated.  The allocator records the size of every live block so that a
 * wrong old_size given back to it (on resize or free) is caught too.
 *
 * The readers have the same torture in test_readers.c (test_alloc_failures);
 * it is not repeated here.
 */
#include "sitrep/sitrep.h"
#include "sr_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------- the counting allocator */

#define MAX_LIVE 16384

typedef struct live_block {
    void *p;
    size_t n;
} live_block;

typedef struct torture_alloc {
    long nallocs;          /* allocations and resizes asked for */
    long fail_nth;         /* the one to refuse (1-based); 0: none */
    int failed;            /* 1 once it has refused */
    size_t outstanding;    /* bytes live */
    size_t peak;
    size_t nlive;
    live_block live[MAX_LIVE];
    int bad;               /* a free/resize of an unknown block */
    int bad_size;          /* a block given back with a wrong old_size */
} torture_alloc;

static long find_live(const torture_alloc *t, const void *p)
{
    for (size_t i = t->nlive; i > 0; i--)
        if (t->live[i - 1].p == p)
            return (long)(i - 1);
    return -1;
}

/* Check that p is live with old_size bytes; forget it. */
static void forget(torture_alloc *t, void *p, size_t old_size)
{
    long i = find_live(t, p);
    if (i < 0) {
        fprintf(stderr, "allocator: %p given back but not live\n", p);
        t->bad = 1;
        return;
    }
    if (t->live[i].n != old_size)
        t->bad_size = 1;
    t->outstanding -= t->live[i].n;
    t->live[i] = t->live[--t->nlive];
}

static void remember(torture_alloc *t, void *p, size_t n)
{
    if (t->nlive == MAX_LIVE) {
        fprintf(stderr, "allocator: more than %d live blocks\n", MAX_LIVE);
        t->bad = 1;
        return;
    }
    t->live[t->nlive].p = p;
    t->live[t->nlive].n = n;
    t->nlive++;
    t->outstanding += n;
    if (t->outstanding > t->peak)
        t->peak = t->outstanding;
}

static void *torture_fn(void *ud, void *ptr, size_t old_size, size_t size)
{
    torture_alloc *t = ud;
    if (size == 0) {
        if (ptr)
            forget(t, ptr, old_size);
        free(ptr);
        return NULL;
    }
    t->nallocs++;
    if (t->fail_nth && t->nallocs == t->fail_nth) {
        t->failed = 1;
        return NULL;
    }
    long i = -1;
    if (ptr) {
        /* Check old_size before realloc moves the block. */
        i = find_live(t, ptr);
        if (i < 0) {
            fprintf(stderr, "allocator: resize of %p: not live\n", ptr);
            t->bad = 1;
            return NULL;
        }
        if (t->live[i].n != old_size)
            t->bad_size = 1;
    }
    void *q = realloc(ptr, size);
    if (!q)
        return NULL;
    if (i >= 0) {
        /* The old block is gone (moved or resized in place). */
        t->outstanding -= t->live[i].n;
        t->live[i] = t->live[--t->nlive];
    }
    remember(t, q, size);
    return q;
}

/* -------------------------------------------------------- output buffer */

typedef struct out_buf {
    char *p;
    size_t n, cap;
} out_buf;

/* A sink that keeps everything (with the C library's allocator: the
 * torture is about the library's allocations). */
static int out_write(void *ud, const void *buf, size_t len)
{
    out_buf *o = ud;
    if (o->n + len + 1 > o->cap) {
        size_t cap = (o->n + len + 1) * 2;
        char *q = realloc(o->p, cap);
        if (!q)
            return -1;
        o->p = q;
        o->cap = cap;
    }
    memcpy(o->p + o->n, buf, len);
    o->n += len;
    o->p[o->n] = '\0';
    return 0;
}

/* ---------------------------------------------------------- the torture */

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

/* Outcome of one run. */
typedef struct run_out {
    sitrep_status st;      /* first failure, or SITREP_OK */
    const char *stage;     /* where it failed */
    size_t nincidents;
    out_buf json;
} run_out;

/* One whole run with t as the allocator: create, extract, write.  After an
 * extraction failure the same handle must work again once memory is back:
 * the retry's output is compared with the reference by the caller. */
static void one_run(torture_alloc *t, const char *gaz, const sitrep_article *a, run_out *o)
{
    memset(o, 0, sizeof *o);
    sitrep_allocator al = {torture_fn, t};
    sitrep_config cfg = {gaz, &al, 0};
    sitrep *s = (sitrep *)1;
    char err[256] = "";
    o->stage = "create";
    o->st = sitrep_create(&cfg, &s, err, sizeof err);
    if (o->st != SITREP_OK) {
        CHECK(s == NULL);
        CHECK(err[0] != '\0');
        CHECK_EQ_INT(t->nlive, 0);
        return;
    }
    const sitrep_result *r = (const sitrep_result *)1;
    sitrep_date def = {2023, 6, 18};
    o->stage = "extract";
    o->st = sitrep_extract(s, a, def, &r);
    if (o->st != SITREP_OK) {
        CHECK(r == NULL);
        CHECK(sitrep_errmsg(s)[0] != '\0');
        /* Memory is back: the handle must still give the full answer. */
        long keep = t->fail_nth;
        t->fail_nth = 0;
        sitrep_status st2 = sitrep_extract(s, a, def, &r);
        CHECK_EQ_INT(st2, SITREP_OK);
        t->fail_nth = keep;
        if (st2 != SITREP_OK) {
            sitrep_free(s);
            return;
        }
    }
    o->nincidents = r->nincidents;
    sitrep_status ws = sitrep_write_json(a, r, out_write, &o->json);
    CHECK_EQ_INT(ws, SITREP_OK);
    sitrep_free(s);
}

/* Torture one configuration: fail allocation N for N = first, first + 1,
 * ... until a run completes; returns the number of failing runs.  With
 * strict_sizes, a block given back with an old_size other than its size is
 * a failure too (the hook's contract; a pool allocator relies on it). */
static long torture(const char *gaz, const char *text, long first, size_t *peak,
                    int strict_sizes)
{
    sitrep_article a;
    memset(&a, 0, sizeof a);
    a.id.ptr = "torture";
    a.id.len = 7;
    a.text.ptr = text;
    a.text.len = strlen(text);

    /* The reference: no failure. */
    torture_alloc *t = calloc(1, sizeof *t);
    if (!t) {
        CHECK(t != NULL);
        return 0;
    }
    run_out ref;
    one_run(t, gaz, &a, &ref);
    CHECK_EQ_INT(ref.st, SITREP_OK);
    CHECK(ref.nincidents > 0);
    CHECK(ref.json.n > 0 && ref.json.p[ref.json.n - 1] == '\n');
    CHECK_EQ_INT(t->outstanding, 0);
    CHECK_EQ_INT(t->bad, 0);
    if (strict_sizes)
        CHECK_EQ_INT(t->bad_size, 0);
    long total = t->nallocs;
    *peak = t->peak;

    long nfail = 0;
    for (long nth = first; nth <= total + 1; nth++) {
        memset(t, 0, sizeof *t);
        t->fail_nth = nth;
        run_out o;
        one_run(t, gaz, &a, &o);
        if (t->failed) {
            nfail++;
            if (o.st != SITREP_OK)
                CHECK_EQ_INT(o.st, SITREP_E_NOMEM);
            else
                /* A refused allocation may be survivable only if the
                 * result is still complete. */
                CHECK(o.json.n == ref.json.n && memcmp(o.json.p, ref.json.p, ref.json.n) == 0);
        } else {
            CHECK_EQ_INT(o.st, SITREP_OK);
        }
        if (o.st == SITREP_E_NOMEM && strcmp(o.stage, "extract") == 0) {
            /* The retry after the failed extraction gave the full result. */
            CHECK(o.json.n == ref.json.n && memcmp(o.json.p, ref.json.p, ref.json.n) == 0);
        }
        if (t->outstanding != 0 || t->bad || (strict_sizes && t->bad_size)) {
            fprintf(stderr, "run failing allocation %ld of %ld (%s, %s): %zu bytes outstanding%s%s\n",
                    nth, total, gaz ? "gazetteer" : "no gazetteer", o.stage, t->outstanding,
                    t->bad ? ", unknown pointer given back" : "",
                    strict_sizes && t->bad_size ? ", block given back with a wrong size" : "");
            sr_test_failures++;
        }
        free(o.json.p);
        if (!t->failed)
            break; /* the run completed: every allocation point was tried */
    }
    free(ref.json.p);
    free(t);
    /* Every allocation of the reference run from first on was refused once. */
    CHECK_EQ_INT(nfail, total - first + 1);
    return nfail;
}

static const char small_article[] =
    "KANDAHAR, June 16 (Wire) -- At least 12 people were killed and 30 wounded when a car "
    "bomb exploded near a market in Kandahar on Friday, according to the health ministry. "
    "The Taliban claimed responsibility.";

static void test_small_article_no_gazetteer(void)
{
    size_t peak = 0;
    long n = torture(NULL, small_article, 1, &peak, 0);
    CHECK(n > 10); /* the lexicons alone take many allocations */
}

static void test_small_article_gazetteer(void)
{
    if (!gazetteer_present()) {
        fprintf(stderr, "test_small_article_gazetteer: skipped (gazetteer %s not found; run make)\n",
                gazetteer_path());
        return;
    }
    size_t peak = 0;
    long n = torture(gazetteer_path(), small_article, 1, &peak, 0);
    CHECK(n > 10);
}

/* Allocations made by sitrep_create without a gazetteer. */
static long create_allocations(void)
{
    torture_alloc *t = calloc(1, sizeof *t);
    if (!t)
        return 0;
    sitrep_allocator al = {torture_fn, t};
    sitrep_config cfg = {NULL, &al, 0};
    sitrep *s = NULL;
    CHECK_EQ_INT(sitrep_create(&cfg, &s, NULL, 0), SITREP_OK);
    long n = t->nallocs;
    sitrep_free(s);
    free(t);
    return n;
}

/* An article larger than one arena block (256 KiB), so that extraction
 * itself allocates several times (new blocks, large arrays). */
static void test_large_article(void)
{
    static const char para[] =
        "Gunmen opened fire on a bus near the border on Monday, killing three passengers and "
        "wounding 11, police said. Two suspects were arrested. ";
    size_t reps = 3000, n = sizeof para - 1;
    char *text = malloc(reps * n + 1);
    CHECK(text != NULL);
    if (!text)
        return;
    for (size_t i = 0; i < reps; i++)
        memcpy(text + i * n, para, n);
    text[reps * n] = '\0';
    /* The failures inside sitrep_create are the small article's: start
     * after them. */
    size_t peak = 0;
    long nfail = torture(NULL, text, create_allocations() + 1, &peak, 0);
    CHECK(nfail >= 2); /* at least the arena's first block and a larger one */
    CHECK(peak > reps * n); /* the per-document memory was counted */
    free(text);
}

/* A failure of the first allocation of create is reported with a message
 * and no handle. */
static void test_create_first_allocation(void)
{
    torture_alloc *t = calloc(1, sizeof *t);
    CHECK(t != NULL);
    if (!t)
        return;
    t->fail_nth = 1;
    sitrep_allocator al = {torture_fn, t};
    sitrep_config cfg = {NULL, &al, 0};
    sitrep *s = (sitrep *)1;
    char err[64] = "";
    CHECK_EQ_INT(sitrep_create(&cfg, &s, err, sizeof err), SITREP_E_NOMEM);
    CHECK(s == NULL);
    CHECK_EQ_STR(err, "out of memory");
    CHECK_EQ_INT(t->outstanding, 0);
    free(t);
}

/* Every block given back with the size it was allocated with (the hook's
 * contract): a half-built word set once came back with the wrong size. */
static void test_sizes_given_back(void)
{
    size_t peak = 0;
    torture(NULL, small_article, 1, &peak, 1);
}

SR_TEST_MAIN("alloc", T(test_create_first_allocation), T(test_small_article_no_gazetteer),
             T(test_small_article_gazetteer), T(test_large_article), T(test_sizes_given_back))
