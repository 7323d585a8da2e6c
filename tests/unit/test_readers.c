/*
 * test_readers.c - unit tests of the input readers (sitrep_reader_*):
 * format detection, plain text (BOM, empty, binary, bad UTF-8, limit),
 * JSON Lines (escapes, errors that let the reader go on, over-long lines
 * with bounded memory, deep nesting), read errors and allocation failure.
 */
#include "sitrep/sitrep.h"
#include "sr_test.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ test input */

/* Memory input handed out in pieces of at most step bytes; fail_at >= 0
 * makes the read that would pass that offset fail. */
typedef struct mem_in {
    const char *p;
    size_t n, pos, step;
    long fail_at;
    size_t calls;
} mem_in;

static long mem_read(void *ud, void *buf, size_t cap)
{
    mem_in *m = ud;
    m->calls++;
    if (m->fail_at >= 0 && m->pos >= (size_t)m->fail_at)
        return -1;
    size_t k = m->n - m->pos;
    if (k > cap)
        k = cap;
    if (m->step && k > m->step)
        k = m->step;
    memcpy(buf, m->p + m->pos, k);
    m->pos += k;
    return (long)k;
}

/* Allocator that counts bytes outstanding and at peak, and can fail the
 * fail_nth allocation (1-based; 0: never). */
typedef struct count_alloc {
    size_t outstanding, peak;
    long nallocs, fail_nth;
} count_alloc;

static void *count_fn(void *ud, void *ptr, size_t old_size, size_t size)
{
    count_alloc *c = ud;
    if (size == 0) {
        if (ptr)
            c->outstanding -= old_size;
        free(ptr);
        return NULL;
    }
    c->nallocs++;
    if (c->fail_nth && c->nallocs == c->fail_nth)
        return NULL;
    void *q = realloc(ptr, size);
    if (!q)
        return NULL;
    c->outstanding += size - (ptr ? old_size : 0);
    if (c->outstanding > c->peak)
        c->peak = c->outstanding;
    return q;
}

typedef struct fixture {
    mem_in in;
    count_alloc ca;
    sitrep_allocator al;
    sitrep_reader *r;
} fixture;

static sitrep_status open_reader(fixture *f, const char *p, size_t n, sitrep_format fmt,
                                 size_t step, size_t max)
{
    memset(f, 0, sizeof *f);
    f->in.p = p;
    f->in.n = n;
    f->in.step = step;
    f->in.fail_at = -1;
    f->al.fn = count_fn;
    f->al.ud = &f->ca;
    sitrep_reader_config cfg = {"doc.txt", fmt, mem_read, &f->in, &f->al, max, 0};
    return sitrep_reader_create(&cfg, &f->r);
}

static void close_reader(fixture *f)
{
    sitrep_reader_free(f->r);
    f->r = NULL;
    CHECK_EQ_INT(f->ca.outstanding, 0);
}

static int contains(const char *hay, const char *needle)
{
    return strstr(hay, needle) != NULL;
}

/* ----------------------------------------------------------------- tests */

static void test_create_args(void)
{
    sitrep_reader *r = (sitrep_reader *)1;
    CHECK_EQ_INT(sitrep_reader_create(NULL, &r), SITREP_E_ARG);
    CHECK(r == NULL);
    sitrep_reader_config cfg = {"x", SITREP_FORMAT_AUTO, NULL, NULL, NULL, 0, 0};
    CHECK_EQ_INT(sitrep_reader_create(&cfg, &r), SITREP_E_ARG);
    sitrep_reader_free(NULL);
    CHECK_EQ_STR(sitrep_reader_errmsg(NULL), "");
}

static void test_detect_text(void)
{
    fixture f;
    const char *s = "  KABUL -- A bomb went off.\n";
    CHECK_EQ_INT(open_reader(&f, s, strlen(s), SITREP_FORMAT_AUTO, 0, 0), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK_EQ_INT(sitrep_reader_format(f.r), SITREP_FORMAT_TEXT);
    CHECK_EQ_VIEW(a.text.ptr, a.text.len, s);
    CHECK_EQ_VIEW(a.id.ptr, a.id.len, "doc.txt");
    CHECK_EQ_INT(a.flags, 0);
    CHECK_EQ_INT(a.input_line, 1);
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_END);
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_END);
    close_reader(&f);
}

static void test_detect_jsonl_after_bom_and_space(void)
{
    fixture f;
    const char *s = "\xEF\xBB\xBF \n\t{\"id\":\"a1\",\"text\":\"Two died.\"}\n";
    /* one byte at a time: detection must cope with a split BOM */
    CHECK_EQ_INT(open_reader(&f, s, strlen(s), SITREP_FORMAT_AUTO, 1, 0), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK_EQ_INT(sitrep_reader_format(f.r), SITREP_FORMAT_JSONL);
    CHECK_EQ_VIEW(a.id.ptr, a.id.len, "a1");
    CHECK_EQ_VIEW(a.text.ptr, a.text.len, "Two died.");
    CHECK_EQ_INT(a.input_line, 2);
    CHECK_EQ_INT(a.input_offset, 5);
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_END);
    close_reader(&f);
}

static void test_detect_long_white_space_small_reads(void)
{
    /* 300000 blanks read one byte at a time: detection must not rescan
     * them on every read (quadratic time would take minutes). */
    size_t blanks = 300000;
    const char *rec = "{\"text\":\"x\"}";
    char *s = malloc(blanks + strlen(rec));
    CHECK(s != NULL);
    if (!s)
        return;
    memset(s, ' ', blanks);
    memcpy(s + blanks, rec, strlen(rec));
    fixture f;
    CHECK_EQ_INT(open_reader(&f, s, blanks + strlen(rec), SITREP_FORMAT_AUTO, 1, 0), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK_EQ_INT(sitrep_reader_format(f.r), SITREP_FORMAT_JSONL);
    CHECK_EQ_VIEW(a.text.ptr, a.text.len, "x");
    CHECK_EQ_INT(a.input_offset, 0);
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_END);
    close_reader(&f);
    free(s);
}

static void test_text_bom_stripped(void)
{
    fixture f;
    const char *s = "\xEF\xBB\xBFGunmen attacked a village.";
    CHECK_EQ_INT(open_reader(&f, s, strlen(s), SITREP_FORMAT_AUTO, 2, 0), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK_EQ_VIEW(a.text.ptr, a.text.len, "Gunmen attacked a village.");
    close_reader(&f);
}

static void test_text_forced_with_brace(void)
{
    fixture f;
    const char *s = "{not json at all";
    CHECK_EQ_INT(open_reader(&f, s, strlen(s), SITREP_FORMAT_TEXT, 0, 0), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK_EQ_INT(sitrep_reader_format(f.r), SITREP_FORMAT_TEXT);
    CHECK_EQ_VIEW(a.text.ptr, a.text.len, s);
    close_reader(&f);
}

static void test_text_empty(void)
{
    const char *inputs[] = {"", "   \n\t\r\n", "\xEF\xBB\xBF", "\xEF\xBB\xBF  \n"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        fixture f;
        CHECK_EQ_INT(open_reader(&f, inputs[i], strlen(inputs[i]), SITREP_FORMAT_AUTO, 0, 0),
                     SITREP_OK);
        sitrep_article a;
        CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_E_EMPTY);
        CHECK_EQ_STR(sitrep_reader_errmsg(f.r), "empty input");
        CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_END);
        close_reader(&f);
    }
}

static void test_jsonl_empty_is_end(void)
{
    fixture f;
    const char *s = "\n\n  \n";
    CHECK_EQ_INT(open_reader(&f, s, strlen(s), SITREP_FORMAT_JSONL, 0, 0), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_END);
    close_reader(&f);
}

static void test_text_nul_refused(void)
{
    fixture f;
    static const char s[] = "Some text\0more";
    CHECK_EQ_INT(open_reader(&f, s, sizeof s - 1, SITREP_FORMAT_AUTO, 0, 0), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_E_ENCODING);
    CHECK_EQ_STR(sitrep_reader_errmsg(f.r), "binary data at byte 9");
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_END);
    close_reader(&f);
}

static void test_text_control_bytes_refused(void)
{
    char s[200];
    for (size_t i = 0; i < sizeof s; i++)
        s[i] = (i % 4 == 3) ? (char)0x01 : 'a'; /* 25% control bytes */
    fixture f;
    CHECK_EQ_INT(open_reader(&f, s, sizeof s, SITREP_FORMAT_AUTO, 0, 0), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_E_ENCODING);
    CHECK_EQ_STR(sitrep_reader_errmsg(f.r), "binary data at byte 3");
    close_reader(&f);

    /* a few control bytes in real text are tolerated */
    for (size_t i = 0; i < sizeof s; i++)
        s[i] = (i == 50) ? (char)0x1B : 'b';
    CHECK_EQ_INT(open_reader(&f, s, sizeof s, SITREP_FORMAT_AUTO, 0, 0), SITREP_OK);
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK_EQ_INT(a.text.len, sizeof s);
    close_reader(&f);
}

static void test_text_bad_utf8_flag(void)
{
    fixture f;
    const char *s = "Caf\xC3\xA9 d\xC3(x \xED\xA0\x80";
    CHECK_EQ_INT(open_reader(&f, s, strlen(s), SITREP_FORMAT_AUTO, 0, 0), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK(a.flags & SITREP_ARTICLE_BAD_UTF8);
    CHECK_EQ_INT(a.bad_utf8_offset, 7);
    CHECK_EQ_INT(a.text.len, strlen(s)); /* kept as is */
    close_reader(&f);

    /* valid 4-byte sequence, no flag */
    const char *ok = "Smile \xF0\x9F\x98\x80 here";
    CHECK_EQ_INT(open_reader(&f, ok, strlen(ok), SITREP_FORMAT_AUTO, 3, 0), SITREP_OK);
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK_EQ_INT(a.flags, 0);
    close_reader(&f);
}

static void test_text_limit(void)
{
    fixture f;
    const char *s = "0123456789abcdefghij"; /* 20 bytes */
    CHECK_EQ_INT(open_reader(&f, s, strlen(s), SITREP_FORMAT_TEXT, 0, 10), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_E_LIMIT);
    CHECK(contains(sitrep_reader_errmsg(f.r), "10 bytes"));
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_END);
    close_reader(&f);

    /* exactly at the limit is accepted (BOM not counted) */
    const char *t = "\xEF\xBB\xBF" "0123456789";
    CHECK_EQ_INT(open_reader(&f, t, strlen(t), SITREP_FORMAT_TEXT, 4, 10), SITREP_OK);
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK_EQ_VIEW(a.text.ptr, a.text.len, "0123456789");
    close_reader(&f);
}

/* A generated input of n bytes of text ("word word ...\n"). */
typedef struct gen_in {
    size_t n, pos;
} gen_in;

static long gen_read(void *ud, void *buf, size_t cap)
{
    gen_in *g = ud;
    size_t k = g->n - g->pos;
    if (k > cap)
        k = cap;
    char *b = buf;
    for (size_t i = 0; i < k; i++) {
        size_t at = g->pos + i;
        b[i] = at % 64 == 63 ? '\n' : (at % 6 == 5 ? ' ' : 'a' + (char)(at % 5));
    }
    g->pos += k;
    return (long)k;
}

static void test_text_100mb(void)
{
    gen_in g = {100u * 1000u * 1000u, 0};
    count_alloc ca = {0, 0, 0, 0};
    sitrep_allocator al = {count_fn, &ca};
    sitrep_reader_config cfg = {"big.txt", SITREP_FORMAT_AUTO, gen_read, &g, &al, 0, 0};
    sitrep_reader *r;
    CHECK_EQ_INT(sitrep_reader_create(&cfg, &r), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(r, &a), SITREP_OK);
    CHECK_EQ_INT(a.text.len, g.n);
    CHECK_EQ_INT(a.flags, 0);
    CHECK(a.text.ptr[63] == '\n' && a.text.ptr[0] == 'a');
    CHECK(ca.peak < 200u * 1024u * 1024u);
    sitrep_reader_free(r);
    CHECK_EQ_INT(ca.outstanding, 0);
}

static void test_jsonl_fields(void)
{
    fixture f;
    const char *s =
        "{\"id\": 1234, \"url\": \"https://ex.org/a\", \"source\": \"Wire\", "
        "\"published\": \"2024-03-23T10:00:00Z\", \"title\": \"T\", \"text\": \"Body\", "
        "\"extra\": {\"a\": [1, 2.5e3, -0.1, true, false, null, {\"b\": \"c\"}]}}\n"
        "{\"id\": null, \"url\": null, \"title\": \"Only a title\"}\r\n";
    CHECK_EQ_INT(open_reader(&f, s, strlen(s), SITREP_FORMAT_AUTO, 0, 0), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK_EQ_VIEW(a.id.ptr, a.id.len, "1234");
    CHECK_EQ_VIEW(a.url.ptr, a.url.len, "https://ex.org/a");
    CHECK_EQ_VIEW(a.source.ptr, a.source.len, "Wire");
    CHECK_EQ_VIEW(a.published.ptr, a.published.len, "2024-03-23T10:00:00Z");
    CHECK_EQ_VIEW(a.title.ptr, a.title.len, "T");
    CHECK_EQ_VIEW(a.text.ptr, a.text.len, "Body");
    CHECK_EQ_INT(a.input_line, 1);
    CHECK_EQ_INT(a.input_offset, 0);
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK_EQ_INT(a.id.len, 0);
    CHECK_EQ_INT(a.url.len, 0);
    CHECK_EQ_VIEW(a.text.ptr, a.text.len, "Only a title");
    CHECK_EQ_INT(a.input_line, 2);
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_END);
    close_reader(&f);
}

static void test_jsonl_escapes(void)
{
    fixture f;
    const char *s = "{\"text\": \"a\\nb\\t\\\"q\\\" \\\\ \\/ \\u00e9 \\u20AC "
                    "\\ud83d\\ude00 \\ud800x \\udc00 \\u0000 end\"}";
    CHECK_EQ_INT(open_reader(&f, s, strlen(s), SITREP_FORMAT_AUTO, 5, 0), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK_EQ_VIEW(a.text.ptr, a.text.len,
                  "a\nb\t\"q\" \\ / \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBDx "
                  "\xEF\xBF\xBD \xEF\xBF\xBD end");
    CHECK_EQ_INT(a.flags, 0);
    close_reader(&f);
}

static void test_jsonl_bad_utf8_in_string(void)
{
    fixture f;
    const char *s = "{\"text\": \"ok \xFF bad\"}\n";
    CHECK_EQ_INT(open_reader(&f, s, strlen(s), SITREP_FORMAT_AUTO, 0, 0), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK(a.flags & SITREP_ARTICLE_BAD_UTF8);
    CHECK_EQ_INT(a.bad_utf8_offset, 3);
    CHECK_EQ_VIEW(a.text.ptr, a.text.len, "ok \xFF bad");
    close_reader(&f);
}

static void test_jsonl_malformed_then_good(void)
{
    fixture f;
    const char *s = "{\"text\": \"one\"}\n"
                    "{\"text\": \"two\" \"id\": 1}\n"
                    "[1, 2]\n"
                    "{\"text\": \"three\", }\n"
                    "{\"id\": \"x\"}\n"
                    "{\"text\": \"four\"} trailing\n"
                    "{\"text\": 5}\n"
                    "{\"text\": \"five\"}";
    CHECK_EQ_INT(open_reader(&f, s, strlen(s), SITREP_FORMAT_AUTO, 3, 0), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK_EQ_VIEW(a.text.ptr, a.text.len, "one");
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_E_PARSE);
    CHECK_EQ_STR(sitrep_reader_errmsg(f.r), "line 2, column 16: ',' or '}' expected");
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_E_PARSE);
    CHECK_EQ_STR(sitrep_reader_errmsg(f.r), "line 3, column 1: JSON object expected");
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_E_PARSE);
    CHECK_EQ_STR(sitrep_reader_errmsg(f.r), "line 4, column 19: object key expected");
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_E_PARSE);
    CHECK_EQ_STR(sitrep_reader_errmsg(f.r), "line 5: no \"text\" field");
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_E_PARSE);
    CHECK_EQ_STR(sitrep_reader_errmsg(f.r), "line 6, column 18: unexpected data after the object");
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_E_PARSE);
    CHECK_EQ_STR(sitrep_reader_errmsg(f.r), "line 7, column 10: field must be a string");
    /* the final line has no newline and is still read */
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK_EQ_VIEW(a.text.ptr, a.text.len, "five");
    CHECK_EQ_INT(a.input_line, 8);
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_END);
    close_reader(&f);
}

static void test_jsonl_string_errors(void)
{
    const char *lines[] = {
        "{\"text\": \"abc}",          "{\"text\": \"a\\qb\"}",  "{\"text\": \"a\\u12G4\"}",
        "{\"text\": \"tab\there\"}",  "{\"text\": tru}",        "{\"x\": 01, \"text\": \"a\"}",
        "{\"x\": -, \"text\": \"a\"}", "{\"x\": 1., \"text\": \"a\"}", "{\"text\": \"a\"",
        "{\"x\" 1}",                  "{\"x\": [1 2]}",         "{\"x\": {\"a\" 1}}",
        "{\"text\": \"a\\",           "{\"x\": [}",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        fixture f;
        CHECK_EQ_INT(open_reader(&f, lines[i], strlen(lines[i]), SITREP_FORMAT_JSONL, 0, 0),
                     SITREP_OK);
        sitrep_article a;
        sitrep_status st = sitrep_reader_next(f.r, &a);
        if (st != SITREP_E_PARSE)
            fprintf(stderr, "line accepted: %s\n", lines[i]);
        CHECK_EQ_INT(st, SITREP_E_PARSE);
        CHECK(contains(sitrep_reader_errmsg(f.r), "line 1, column "));
        CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_END);
        close_reader(&f);
    }
}

static void test_jsonl_deep_nesting(void)
{
    size_t depth = 100000;
    char *s = malloc(depth + 64);
    CHECK(s != NULL);
    if (!s)
        return;
    size_t n = 0;
    n += (size_t)sprintf(s, "{\"x\": ");
    memset(s + n, '[', depth);
    n += depth;
    n += (size_t)sprintf(s + n, "\n{\"text\": \"after\"}\n");
    fixture f;
    CHECK_EQ_INT(open_reader(&f, s, n, SITREP_FORMAT_AUTO, 0, 0), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_E_PARSE);
    CHECK(contains(sitrep_reader_errmsg(f.r), "nesting too deep"));
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK_EQ_VIEW(a.text.ptr, a.text.len, "after");
    close_reader(&f);

    /* 200 levels are fine */
    n = (size_t)sprintf(s, "{\"text\": \"t\", \"x\": ");
    for (int i = 0; i < 200; i++)
        s[n++] = '[';
    for (int i = 0; i < 200; i++)
        s[n++] = ']';
    s[n++] = '}';
    CHECK_EQ_INT(open_reader(&f, s, n, SITREP_FORMAT_AUTO, 0, 0), SITREP_OK);
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    close_reader(&f);
    free(s);
}

static void test_jsonl_nul_line(void)
{
    fixture f;
    static const char s[] = "{\"text\": \"a\0b\"}\n{\"text\": \"ok\"}\n";
    CHECK_EQ_INT(open_reader(&f, s, sizeof s - 1, SITREP_FORMAT_AUTO, 0, 0), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_E_ENCODING);
    CHECK(contains(sitrep_reader_errmsg(f.r), "line 1, column 12"));
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK_EQ_VIEW(a.text.ptr, a.text.len, "ok");
    close_reader(&f);
}

static void test_jsonl_long_line_skipped_bounded(void)
{
    /* max 1000 bytes; a 4 MB line in the middle must be skipped without
     * being buffered. */
    size_t big = 4u * 1024u * 1024u;
    const char *head = "{\"text\": \"first\"}\n{\"text\": \"";
    const char *tail = "\"}\n{\"text\": \"last\"}\n";
    size_t n = strlen(head) + big + strlen(tail);
    char *s = malloc(n);
    CHECK(s != NULL);
    if (!s)
        return;
    memcpy(s, head, strlen(head));
    memset(s + strlen(head), 'x', big);
    memcpy(s + strlen(head) + big, tail, strlen(tail));
    fixture f;
    CHECK_EQ_INT(open_reader(&f, s, n, SITREP_FORMAT_AUTO, 4096, 1000), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK_EQ_VIEW(a.text.ptr, a.text.len, "first");
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_E_LIMIT);
    CHECK_EQ_STR(sitrep_reader_errmsg(f.r),
                 "line 2: record longer than the limit of 1000 bytes");
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK_EQ_VIEW(a.text.ptr, a.text.len, "last");
    CHECK_EQ_INT(a.input_line, 3);
    CHECK_EQ_INT(a.input_offset, strlen(head) + big + 3);
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_END);
    /* a record of at most 1000 bytes plus one 64 KiB chunk (doubling) */
    CHECK(f.ca.peak < 160u * 1024u);
    close_reader(&f);
    free(s);
}

static void test_jsonl_long_line_in_one_read(void)
{
    /* the over-long line arrives whole in one read */
    char s[300];
    size_t n = (size_t)sprintf(s, "{\"text\": \"%0200d\"}\n{\"text\": \"b\"}", 7);
    fixture f;
    CHECK_EQ_INT(open_reader(&f, s, n, SITREP_FORMAT_AUTO, 0, 100), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_E_LIMIT);
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK_EQ_VIEW(a.text.ptr, a.text.len, "b");
    close_reader(&f);
}

static void test_jsonl_chunk_sizes_agree(void)
{
    /* lines longer than a 64 KiB chunk and splits at every position */
    size_t big = 150000;
    char *s = malloc(big + 100);
    CHECK(s != NULL);
    if (!s)
        return;
    size_t n = (size_t)sprintf(s, "{\"id\":\"a\",\"text\":\"");
    for (size_t i = 0; i < big; i++)
        s[n++] = (char)('a' + i % 26);
    n += (size_t)sprintf(s + n, "\"}\n\n{\"id\":\"b\",\"text\":\"\\u00e9\"}\n");
    size_t steps[] = {0, 1, 7, 65536, 65537};
    for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
        fixture f;
        CHECK_EQ_INT(open_reader(&f, s, n, SITREP_FORMAT_AUTO, steps[k], 0), SITREP_OK);
        sitrep_article a;
        CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
        CHECK_EQ_INT(a.text.len, big);
        CHECK(a.text.len == big && a.text.ptr[big - 1] == (char)('a' + (big - 1) % 26));
        CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
        CHECK_EQ_VIEW(a.id.ptr, a.id.len, "b");
        CHECK_EQ_VIEW(a.text.ptr, a.text.len, "\xC3\xA9");
        CHECK_EQ_INT(a.input_line, 3);
        CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_END);
        close_reader(&f);
    }
    free(s);
}

static void test_read_error(void)
{
    const char *s = "{\"text\": \"one\"}\n{\"text\": \"two\"}\n";
    fixture f;
    CHECK_EQ_INT(open_reader(&f, s, strlen(s), SITREP_FORMAT_AUTO, 4, 0), SITREP_OK);
    f.in.fail_at = 20;
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_OK);
    CHECK_EQ_VIEW(a.text.ptr, a.text.len, "one");
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_E_IO);
    CHECK(contains(sitrep_reader_errmsg(f.r), "read error"));
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_END);
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_END);
    close_reader(&f);

    /* plain text failing at once */
    CHECK_EQ_INT(open_reader(&f, s, strlen(s), SITREP_FORMAT_TEXT, 0, 0), SITREP_OK);
    f.in.fail_at = 0;
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_E_IO);
    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_END);
    close_reader(&f);
}

static int discard_sink(void *ud, const void *buf, size_t len)
{
    (void)buf;
    *(size_t *)ud += len;
    return 0;
}

/* Reader + writer on a small input with the Nth allocation failing, for
 * every N until nothing fails: each failure is SITREP_E_NOMEM, nothing
 * leaks. */
static void test_alloc_failures(void)
{
    const char *inputs[] = {
        "{\"id\":\"a\",\"text\":\"Three people were killed.\"}\n{\"text\":\"x\\u00e9\"}\n",
        "A plain text article about a flood.",
    };
    for (size_t in = 0; in < 2; in++) {
        int succeeded = 0, nfailures = 0;
        for (long nth = 1; nth < 100 && !succeeded; nth++) {
            fixture f;
            memset(&f, 0, sizeof f);
            f.in.p = inputs[in];
            f.in.n = strlen(inputs[in]);
            f.in.fail_at = -1;
            f.ca.fail_nth = nth;
            f.al.fn = count_fn;
            f.al.ud = &f.ca;
            sitrep_reader_config cfg = {"doc", SITREP_FORMAT_AUTO, mem_read, &f.in, &f.al, 0, 0};
            sitrep_status st = sitrep_reader_create(&cfg, &f.r);
            int failed = 0;
            if (st != SITREP_OK) {
                CHECK_EQ_INT(st, SITREP_E_NOMEM);
                CHECK(f.r == NULL);
                failed = 1;
            } else {
                sitrep_article a;
                size_t narticles = 0, written = 0;
                while ((st = sitrep_reader_next(f.r, &a)) == SITREP_OK) {
                    narticles++;
                    sitrep_result res;
                    memset(&res, 0, sizeof res);
                    CHECK_EQ_INT(sitrep_write_json(&a, &res, discard_sink, &written), SITREP_OK);
                }
                if (st != SITREP_END) {
                    CHECK_EQ_INT(st, SITREP_E_NOMEM);
                    CHECK_EQ_STR(sitrep_reader_errmsg(f.r), "out of memory");
                    CHECK_EQ_INT(sitrep_reader_next(f.r, &a), SITREP_END);
                    failed = 1;
                } else {
                    CHECK_EQ_INT(narticles, in == 0 ? 2 : 1);
                    CHECK(written > 0);
                }
            }
            sitrep_reader_free(f.r);
            CHECK_EQ_INT(f.ca.outstanding, 0);
            if (!failed)
                succeeded = 1;
            else
                nfailures++;
        }
        CHECK(succeeded);
        /* reader, name copy and input buffer at least */
        CHECK(nfailures >= 3);
    }
}

SR_TEST_MAIN("readers", T(test_create_args), T(test_detect_text),
             T(test_detect_jsonl_after_bom_and_space),
             T(test_detect_long_white_space_small_reads), T(test_text_bom_stripped),
             T(test_text_forced_with_brace), T(test_text_empty), T(test_jsonl_empty_is_end),
             T(test_text_nul_refused), T(test_text_control_bytes_refused),
             T(test_text_bad_utf8_flag), T(test_text_limit), T(test_text_100mb),
             T(test_jsonl_fields), T(test_jsonl_escapes), T(test_jsonl_bad_utf8_in_string),
             T(test_jsonl_malformed_then_good), T(test_jsonl_string_errors),
             T(test_jsonl_deep_nesting), T(test_jsonl_nul_line),
             T(test_jsonl_long_line_skipped_bounded), T(test_jsonl_long_line_in_one_read),
             T(test_jsonl_chunk_sizes_agree), T(test_read_error), T(test_alloc_failures))
