/*
 * sr_reader.c - input readers of the public API (sitrep_reader_*): format
 * detection, plain text (the whole input is one article), HTML pages (the
 * whole input is one page, see sr_html.c) and JSON Lines (one JSON object
 * per line); feeds are read by sr_feed.c and WARC files by sr_warc.c, all of
 * them over the decompression layer of sr_decomp.c.
 *
 * Input is pulled through the user's read callback in 64 KiB chunks into one
 * size-capped buffer (sr_buf).  For JSON Lines only the unread rest of the
 * input is kept, so memory stays bounded by the largest record plus a chunk,
 * whatever the size of the input; a line longer than max_record_bytes is
 * reported and then discarded chunk by chunk without being buffered.
 *
 * JSON strings are decoded in place (a decoded string is never longer than
 * its escaped form), so the article's views point into the reader's line
 * buffer and stay valid until the next sitrep_reader_next().
 *
 * Offsets: the article text of a plain-text input starts after an optional
 * UTF-8 byte order mark, so evidence offsets count from the first byte after
 * the BOM.  Byte positions in messages ("binary data at byte N") and
 * sitrep_article.input_offset count raw input bytes (BOM included).  JSON
 * Lines columns are 1-based byte columns of the line, counted after a BOM on
 * line 1.
 */
#include "readers/sr_rd.h"
#include "text/sr_text.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define SR_RD_SNIFF ((size_t)8 * 1024)   /* bytes examined for binary data */
#define SR_RD_MAX_DEPTH 256               /* nesting limit of JSON values */
#define SR_RD_MARKUP_SNIFF ((size_t)1024) /* bytes examined for a feed root */

/* ------------------------------------------------------------- helpers */

void sr_rd_err(sitrep_reader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->errmsg, sizeof r->errmsg, fmt, ap);
    va_end(ap);
}

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int has_bom(const char *p, size_t n)
{
    return n >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
           (unsigned char)p[2] == 0xBF;
}

/* Length of the valid UTF-8 sequence at p (n > 0 bytes available), or 0 when
 * the bytes there are not valid UTF-8 (overlong forms, surrogates and code
 * points above U+10FFFF count as invalid). */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0)
        return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && p[1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && p[1] >= 0xA0)
            return 0; /* surrogate */
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
            (p[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && p[1] < 0x90)
            return 0; /* overlong */
        if (c == 0xF4 && p[1] >= 0x90)
            return 0; /* above U+10FFFF */
        return 4;
    }
    return 0;
}

size_t sr_rd_utf8_first_bad(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* ASCII runs are the common case: test 8 bytes at a time. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = utf8_seq(p + i, n - i);
        if (k == 0)
            return i;
        i += k;
    }
    return n;
}

sitrep_status sr_rd_fill(sitrep_reader *r, size_t want)
{
    sitrep_status st = sr_buf_reserve(&r->in, want);
    if (st != SITREP_OK)
        return st;
    long got = sr_decomp_read(r->dec, r->in.data + r->in.len, want);
    if (got == -2)
        return SITREP_E_NOMEM;
    if (got < 0 || (unsigned long)got > want) {
        sr_rd_err(r, "read error at byte %llu",
                (unsigned long long)(r->in_base + r->in.len));
        return SITREP_E_IO;
    }
    if (got == 0) {
        r->eof = 1;
        return SITREP_OK;
    }
    r->in.len += (size_t)got;
    r->in.data[r->in.len] = '\0';
    return SITREP_OK;
}

sitrep_status sr_rd_need(sitrep_reader *r, size_t n)
{
    if (r->in.len - r->pos >= n)
        return SITREP_OK;
    if (r->pos > 0) {
        size_t keep = r->in.len - r->pos;
        memmove(r->in.data, r->in.data + r->pos, keep);
        r->in_base += r->pos;
        r->in.len = keep;
        r->in.data[keep] = '\0';
        r->scan = r->scan > r->pos ? r->scan - r->pos : 0;
        r->pos = 0;
    }
    while (r->in.len < n && !r->eof) {
        size_t want = n - r->in.len;
        if (want < SR_RD_CHUNK)
            want = SR_RD_CHUNK;
        if (want > r->in.max - r->in.len)
            want = r->in.max - r->in.len;
        if (want == 0)
            return SITREP_E_LIMIT;
        sitrep_status st = sr_rd_fill(r, want);
        if (st != SITREP_OK)
            return st;
    }
    return SITREP_OK;
}

sitrep_status sr_rd_skip(sitrep_reader *r, uint64_t n)
{
    for (;;) {
        size_t have = r->in.len - r->pos;
        if (n <= have) {
            r->pos += (size_t)n;
            return SITREP_OK;
        }
        n -= have;
        r->in_base += r->in.len;
        sr_buf_reset(&r->in);
        r->pos = r->scan = 0;
        if (r->eof)
            return SITREP_OK;
        sitrep_status st = sr_rd_fill(r, SR_RD_CHUNK);
        if (st != SITREP_OK)
            return st;
    }
}

/* A status after which the reader cannot go on. */
sitrep_status sr_rd_fatal(sitrep_reader *r, sitrep_status st)
{
    if (st == SITREP_E_NOMEM)
        sr_rd_err(r, "out of memory");
    r->done = 1;
    return st;
}

/* ---------------------------------------------------------------- create */

sitrep_status sitrep_reader_create(const sitrep_reader_config *cfg, sitrep_reader **out)
{
    if (!out)
        return SITREP_E_ARG;
    *out = NULL;
    if (!cfg || !cfg->read || cfg->format < SITREP_FORMAT_AUTO ||
        cfg->format > SITREP_FORMAT_WARC)
        return SITREP_E_ARG;
    sr_alloc a;
    sr_alloc_init(&a, cfg->allocator);
    sitrep_reader *r = sr_malloc(&a, sizeof *r);
    if (!r)
        return SITREP_E_NOMEM;
    memset(r, 0, sizeof *r);
    r->alloc = a;
    r->format = cfg->format;
    r->max = cfg->max_record_bytes ? cfg->max_record_bytes : SR_RD_DEFAULT_MAX;
    r->defer_html = cfg->defer_html != 0;
    if (r->max > SIZE_MAX / 2)
        r->max = SIZE_MAX / 2;
    r->line = 1;
    if (cfg->name) {
        r->name_len = strlen(cfg->name);
        r->name = sr_malloc(&r->alloc, r->name_len + 1);
        if (!r->name) {
            sr_free(&r->alloc, r, sizeof *r);
            return SITREP_E_NOMEM;
        }
        memcpy(r->name, cfg->name, r->name_len + 1);
    }
    if (sr_decomp_create(&r->alloc, cfg->read, cfg->read_ud, &r->dec) != SITREP_OK) {
        sr_free(&r->alloc, r->name, r->name_len + 1);
        sr_free(&r->alloc, r, sizeof *r);
        return SITREP_E_NOMEM;
    }
    sr_html_out_init(&r->html, &r->alloc, r->max);
    sr_buf_init(&r->scratch, &r->alloc, r->max);
    /* Room for a record, a BOM and one chunk read beyond the limit (which
     * is how an over-long record is noticed). */
    sr_buf_init(&r->in, &r->alloc, r->max + SR_RD_CHUNK + 16);
    *out = r;
    return SITREP_OK;
}

void sitrep_reader_free(sitrep_reader *r)
{
    if (!r)
        return;
    sr_buf_free(&r->in);
    sr_feed_free(r);
    sr_html_out_free(&r->html);
    sr_buf_free(&r->scratch);
    sr_decomp_free(r->dec);
    sr_free(&r->alloc, r->name, r->name_len + 1);
    sr_alloc a = r->alloc;
    sr_free(&a, r, sizeof *r);
}

const char *sitrep_reader_errmsg(const sitrep_reader *r)
{
    return r ? r->errmsg : "";
}

sitrep_format sitrep_reader_format(const sitrep_reader *r)
{
    return r ? r->format : SITREP_FORMAT_AUTO;
}

/* ------------------------------------------------------------ detection */

/* ASCII case-insensitive: does p[0..n) start with the lower-case lit? */
static int starts_ci(const char *p, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++) {
        char c = p[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lit[i])
            return 0;
    }
    return 1;
}

/* The format of input starting (after BOM and white space) at p. */
static sitrep_format classify(const char *p, size_t n)
{
    if (n == 0)
        return SITREP_FORMAT_TEXT;
    if (p[0] == '{')
        return SITREP_FORMAT_JSONL;
    if (n >= 5 && memcmp(p, "WARC/", 5) == 0)
        return SITREP_FORMAT_WARC;
    if (p[0] != '<')
        return SITREP_FORMAT_TEXT;
    /* The first element that is not a declaration, processing instruction
     * or comment. */
    size_t i = 0;
    while (i < n && p[i] == '<') {
        if (i + 1 < n && (p[i + 1] == '?' || p[i + 1] == '!')) {
            if (starts_ci(p + i, n - i, "<!doctype html"))
                return SITREP_FORMAT_HTML;
            const char *gt = memchr(p + i, '>', n - i);
            if (!gt)
                break;
            i = (size_t)(gt - p) + 1;
            while (i < n && is_ws((unsigned char)p[i]))
                i++;
            continue;
        }
        if (starts_ci(p + i, n - i, "<rss") || starts_ci(p + i, n - i, "<feed") ||
            starts_ci(p + i, n - i, "<rdf:rdf"))
            return SITREP_FORMAT_FEED;
        return SITREP_FORMAT_HTML;
    }
    /* No element found after the declarations (a DOCTYPE with an internal
     * subset, a long comment): a feed root anywhere in the sniffed bytes
     * decides. */
    static const char *const roots[] = {"<rss", "<feed", "<rdf:rdf"};
    for (size_t k = 0; k + 4 < n; k++)
        for (size_t q = 0; q < 3; q++)
            if (p[k] == '<' && starts_ci(p + k, n - k, roots[q]))
                return SITREP_FORMAT_FEED;
    return SITREP_FORMAT_HTML;
}

/* Read until the first non-white-space byte after an optional BOM is known
 * (or the end, or more than a record's worth of white space). */
static sitrep_status detect(sitrep_reader *r)
{
    for (;;) {
        const char *p = r->in.data;
        size_t n = r->in.len;
        /* A partial BOM at the very start needs more bytes to decide. */
        int partial_bom = n < 3 && n > 0 && (unsigned char)p[0] == 0xEF && !r->eof;
        if (!partial_bom) {
            /* r->scan: white space already seen (no rescans on small reads) */
            size_t i = has_bom(p, n) && r->scan < 3 ? 3 : r->scan;
            while (i < n && is_ws((unsigned char)p[i]))
                i++;
            r->scan = i;
            /* Markup needs a look further: the root element decides
             * between a feed and a page. */
            int more = i < n && (p[i] == '<' || n - i < 8) && n - i < SR_RD_MARKUP_SNIFF &&
                       !r->eof && r->format == SITREP_FORMAT_AUTO && n <= r->max;
            if ((i < n && !more) || r->eof || n > r->max) {
                if (r->format == SITREP_FORMAT_AUTO)
                    r->format = classify(p + i, n - i);
                r->scan = 0;
                return SITREP_OK;
            }
        }
        sitrep_status st = sr_rd_fill(r, SR_RD_CHUNK);
        if (st != SITREP_OK)
            return st;
    }
}

/* ------------------------------------------------------------ plain text */

/* Read the whole input (at most max bytes after a BOM) and check that it
 * is text: *text, *n and *bom describe it.  SITREP_OK or the error to
 * return (the message set). */
static sitrep_status read_whole(sitrep_reader *r, const char **text_out, size_t *n_out,
                                size_t *bom_out)
{
    /* One record: whatever happens, the next call returns SITREP_END. */
    r->done = 1;
    while (!r->eof) {
        /* One byte beyond the limit is enough to know the input is too
         * large: never ask for more than that. */
        size_t bom = has_bom(r->in.data, r->in.len) ? 3 : 0;
        size_t total = r->max + bom + 1;
        if (r->in.len >= total)
            break;
        /* Read straight into the spare capacity when there is much of it,
         * so that a large file takes few callbacks. */
        size_t want = SR_RD_CHUNK;
        size_t spare = r->in.cap > r->in.len + 1 ? r->in.cap - r->in.len - 1 : 0;
        if (spare > want)
            want = spare;
        if (want > total - r->in.len)
            want = total - r->in.len;
        sitrep_status st = sr_rd_fill(r, want);
        if (st != SITREP_OK)
            return sr_rd_fatal(r, st);
    }
    size_t bom = has_bom(r->in.data, r->in.len) ? 3 : 0;
    const char *text = r->in.data ? r->in.data + bom : "";
    size_t n = r->in.len - bom;
    if (n > r->max) {
        sr_rd_err(r, "input larger than the limit of %zu bytes", r->max);
        sr_buf_free(&r->in);
        return SITREP_E_LIMIT;
    }
    size_t i = 0;
    while (i < n && is_ws((unsigned char)text[i]))
        i++;
    if (i == n) {
        sr_rd_err(r, "empty input");
        return SITREP_E_EMPTY;
    }
    const char *nul = memchr(text, '\0', n);
    if (nul) {
        sr_rd_err(r, "binary data at byte %zu", (size_t)(nul - text) + bom);
        return SITREP_E_ENCODING;
    }
    /* Control bytes other than white space in more than 1 of 10 of the
     * first bytes: not text (a NUL-free binary format, a terminal dump). */
    size_t sniff = n < SR_RD_SNIFF ? n : SR_RD_SNIFF, ctl = 0, first_ctl = 0;
    for (size_t k = 0; k < sniff; k++) {
        unsigned char c = (unsigned char)text[k];
        if ((c < 0x20 && !is_ws(c)) || c == 0x7F) {
            if (ctl++ == 0)
                first_ctl = k;
        }
    }
    if (ctl * 10 > sniff) {
        sr_rd_err(r, "binary data at byte %zu", first_ctl + bom);
        return SITREP_E_ENCODING;
    }
    *text_out = text;
    *n_out = n;
    *bom_out = bom;
    return SITREP_OK;
}

static sitrep_status next_text(sitrep_reader *r, sitrep_article *a)
{
    const char *text;
    size_t n, bom;
    sitrep_status st = read_whole(r, &text, &n, &bom);
    if (st != SITREP_OK)
        return st;
    memset(a, 0, sizeof *a);
    a->id.ptr = r->name ? r->name : "";
    a->id.len = r->name_len;
    a->text.ptr = text;
    a->text.len = n;
    size_t bad = sr_rd_utf8_first_bad(text, n);
    if (bad < n) {
        a->flags |= SITREP_ARTICLE_BAD_UTF8;
        a->bad_utf8_offset = bad;
    }
    a->input_line = 1;
    a->input_offset = 0;
    r->errmsg[0] = '\0';
    return SITREP_OK;
}

/* ------------------------------------------------------------ HTML page */

/* Fill *a from the reader's HTML extraction (r->html); text == "" is left
 * to the caller. */
static void html_article(sitrep_reader *r, sitrep_article *a)
{
    static const sitrep_str none = {"", 0};
    const sr_html_out *h = &r->html;
    memset(a, 0, sizeof *a);
    a->id = none;
    a->url = h->canonical.len ? h->canonical : none;
    a->source = h->site.len ? h->site : none;
    a->published = h->published.len ? h->published : none;
    a->title = h->title.len ? h->title : none;
    a->text.ptr = h->text.data ? h->text.data : "";
    a->text.len = h->text.len;
    a->source_map = &h->map;
    size_t bad = sr_rd_utf8_first_bad(a->text.ptr, a->text.len);
    if (bad < a->text.len) {
        a->flags |= SITREP_ARTICLE_BAD_UTF8;
        a->bad_utf8_offset = bad;
    }
}

static sitrep_status next_html(sitrep_reader *r, sitrep_article *a)
{
    const char *text;
    size_t n, bom;
    sitrep_status st = read_whole(r, &text, &n, &bom);
    if (st != SITREP_OK)
        return st;
    st = sr_html_extract(&r->html, &r->alloc, text, n, bom, 0);
    if (st == SITREP_E_NOMEM)
        return sr_rd_fatal(r, st);
    if (st != SITREP_OK) {
        sr_rd_err(r, "text of the page larger than the limit of %zu bytes", r->max);
        return st;
    }
    html_article(r, a);
    if (r->html.text.len == 0 && r->html.title.len == 0) {
        sr_rd_err(r, "no text in the page");
        return SITREP_E_EMPTY;
    }
    if (r->html.text.len == 0) {
        /* Only a title: that is the article. */
        a->text = a->title;
        a->source_map = NULL;
    }
    a->id.ptr = r->name ? r->name : "";
    a->id.len = r->name_len;
    a->input_line = 1;
    r->errmsg[0] = '\0';
    return SITREP_OK;
}

/* Public: see sitrep.h. */
int sitrep_article_source_offset(const sitrep_article *a, size_t text_offset, uint64_t *out)
{
    if (!a || !a->source_map || a->source_map->nspans == 0 || !out)
        return 0;
    const sitrep_source_span *sp = a->source_map->spans;
    size_t lo = 0, hi = a->source_map->nspans;
    /* the last span starting at or before text_offset */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (sp[mid].text_offset <= text_offset)
            lo = mid;
        else
            hi = mid;
    }
    size_t d = text_offset >= sp[lo].text_offset ? text_offset - sp[lo].text_offset : 0;
    *out = sp[lo].source_offset + d;
    return 1;
}

/* ----------------------------------------------------------- JSON Lines */

/* Parsing state of one line: the bytes (mutable: strings are decoded in
 * place) and the position; err is set on the first error. */
typedef struct jp {
    char *p;
    size_t n, i;
    const char *what; /* error description, NULL while none */
    size_t err_at;
} jp;

static int jp_fail(jp *j, size_t at, const char *what)
{
    if (!j->what) {
        j->what = what;
        j->err_at = at;
    }
    return 0;
}

static void jp_ws(jp *j)
{
    while (j->i < j->n) {
        char c = j->p[j->i];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            break;
        j->i++;
    }
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Four hex digits at p[i..]: the value, or -1. */
static long hex4(const jp *j, size_t i)
{
    if (j->n - i < 4)
        return -1;
    long v = 0;
    for (size_t k = 0; k < 4; k++) {
        int h = hexval(j->p[i + k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/*
 * Parse the string at j->i (which holds '"').  When out is not NULL the
 * decoded bytes are written in place from the opening quote on and *out
 * views them.  \u0000 decodes to U+FFFD (a NUL would cut C strings made
 * from the text); a lone surrogate escape decodes to U+FFFD.  Raw bytes
 * (valid UTF-8 or not) are kept as they are.  Returns 1, or 0 on error.
 */
static int jp_string(jp *j, sitrep_str *out)
{
    assert(j->i < j->n && j->p[j->i] == '"');
    size_t start = j->i;
    size_t w = start; /* write position; always <= read position */
    size_t i = start + 1;
    char *p = j->p;
    for (;;) {
        /* Copy the run of ordinary bytes. */
        size_t run = i;
        while (run < j->n) {
            unsigned char c = (unsigned char)p[run];
            if (c == '"' || c == '\\' || c < 0x20)
                break;
            run++;
        }
        if (out && run > i) {
            memmove(p + w, p + i, run - i);
        }
        w += run - i;
        i = run;
        if (i >= j->n)
            return jp_fail(j, i, "unterminated string");
        unsigned char c = (unsigned char)p[i];
        if (c == '"') {
            j->i = i + 1;
            if (out) {
                out->ptr = p + start;
                out->len = w - start;
            }
            return 1;
        }
        if (c < 0x20)
            return jp_fail(j, i, "control character in string");
        /* backslash */
        if (i + 1 >= j->n)
            return jp_fail(j, i, "unterminated string");
        char e = p[i + 1];
        char simple = 0;
        switch (e) {
        case '"': simple = '"'; break;
        case '\\': simple = '\\'; break;
        case '/': simple = '/'; break;
        case 'b': simple = '\b'; break;
        case 'f': simple = '\f'; break;
        case 'n': simple = '\n'; break;
        case 'r': simple = '\r'; break;
        case 't': simple = '\t'; break;
        case 'u': break;
        default: return jp_fail(j, i, "invalid escape in string");
        }
        if (simple) {
            if (out)
                p[w] = simple;
            w++;
            i += 2;
            continue;
        }
        long u = hex4(j, i + 2);
        if (u < 0)
            return jp_fail(j, i, "invalid \\u escape");
        size_t used = 6;
        uint32_t cp = (uint32_t)u;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            long lo = -1;
            if (i + 8 <= j->n && p[i + 6] == '\\' && p[i + 7] == 'u')
                lo = hex4(j, i + 8);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
                used = 12;
            } else {
                cp = 0xFFFD;
            }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            cp = 0xFFFD;
        } else if (cp == 0) {
            cp = 0xFFFD;
        }
        /* The encoding (<= 4 bytes) never outgrows the escape (>= 6). */
        if (out)
            w += sr_utf8_encode(cp, p + w);
        i += used;
    }
}

static int jp_literal(jp *j, const char *lit)
{
    size_t k = strlen(lit);
    if (j->n - j->i < k || memcmp(j->p + j->i, lit, k) != 0)
        return jp_fail(j, j->i, "invalid literal");
    j->i += k;
    return 1;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* RFC 8259 number grammar. */
static int jp_number(jp *j)
{
    size_t i = j->i;
    if (i < j->n && j->p[i] == '-')
        i++;
    if (i >= j->n || !is_digit(j->p[i]))
        return jp_fail(j, i, "invalid number");
    if (j->p[i] == '0')
        i++;
    else
        while (i < j->n && is_digit(j->p[i]))
            i++;
    if (i < j->n && j->p[i] == '.') {
        i++;
        if (i >= j->n || !is_digit(j->p[i]))
            return jp_fail(j, i, "invalid number");
        while (i < j->n && is_digit(j->p[i]))
            i++;
    }
    if (i < j->n && (j->p[i] == 'e' || j->p[i] == 'E')) {
        i++;
        if (i < j->n && (j->p[i] == '+' || j->p[i] == '-'))
            i++;
        if (i >= j->n || !is_digit(j->p[i]))
            return jp_fail(j, i, "invalid number");
        while (i < j->n && is_digit(j->p[i]))
            i++;
    }
    j->i = i;
    return 1;
}

/*
 * Check and skip one JSON value of any kind, without recursion: an explicit
 * stack of open containers, limited to SR_RD_MAX_DEPTH (depth counts from
 * the value itself; base is the depth at which it sits).
 */
static int jp_skip_value(jp *j, int base)
{
    char stack[SR_RD_MAX_DEPTH];
    int sp = 0;
    for (;;) {
        /* expect a value */
        jp_ws(j);
        if (j->i >= j->n)
            return jp_fail(j, j->i, "value expected");
        char c = j->p[j->i];
        if (c == '{' || c == '[') {
            if (base + sp + 1 > SR_RD_MAX_DEPTH)
                return jp_fail(j, j->i, "nesting too deep");
            stack[sp++] = c;
            j->i++;
            jp_ws(j);
            if (j->i < j->n && j->p[j->i] == (c == '{' ? '}' : ']')) {
                j->i++;
                sp--;
            } else if (c == '{') {
                if (j->i >= j->n || j->p[j->i] != '"')
                    return jp_fail(j, j->i, "object key expected");
                if (!jp_string(j, NULL))
                    return 0;
                jp_ws(j);
                if (j->i >= j->n || j->p[j->i] != ':')
                    return jp_fail(j, j->i, "':' expected");
                j->i++;
                continue;
            } else {
                continue;
            }
        } else if (c == '"') {
            if (!jp_string(j, NULL))
                return 0;
        } else if (c == 't') {
            if (!jp_literal(j, "true"))
                return 0;
        } else if (c == 'f') {
            if (!jp_literal(j, "false"))
                return 0;
        } else if (c == 'n') {
            if (!jp_literal(j, "null"))
                return 0;
        } else if (c == '-' || is_digit(c)) {
            if (!jp_number(j))
                return 0;
        } else {
            return jp_fail(j, j->i, "unexpected character");
        }
        /* after a value: close containers or go on to the next member */
        for (;;) {
            if (sp == 0)
                return 1;
            jp_ws(j);
            if (j->i >= j->n)
                return jp_fail(j, j->i, "unexpected end of line");
            char d = j->p[j->i];
            char top = stack[sp - 1];
            if (d == (top == '{' ? '}' : ']')) {
                j->i++;
                sp--;
                continue;
            }
            if (d != ',')
                return jp_fail(j, j->i, top == '{' ? "',' or '}' expected" : "',' or ']' expected");
            j->i++;
            if (top == '{') {
                jp_ws(j);
                if (j->i >= j->n || j->p[j->i] != '"')
                    return jp_fail(j, j->i, "object key expected");
                if (!jp_string(j, NULL))
                    return 0;
                jp_ws(j);
                if (j->i >= j->n || j->p[j->i] != ':')
                    return jp_fail(j, j->i, "':' expected");
                j->i++;
            }
            break; /* expect the next value */
        }
    }
}

enum { F_ID, F_URL, F_SOURCE, F_PUBLISHED, F_TITLE, F_TEXT, F_N };
static const char *const field_names[F_N] = {"id", "url", "source", "published", "title", "text"};

static int field_of(const char *k, size_t n)
{
    for (int f = 0; f < F_N; f++)
        if (strlen(field_names[f]) == n && memcmp(field_names[f], k, n) == 0)
            return f;
    return -1;
}

/* Parse the object of one line into fields (views into the line).  Keys are
 * compared in their raw form: the names we look for hold no escapes. */
static int jp_object(jp *j, sitrep_str *fields, int *have)
{
    jp_ws(j);
    if (j->i >= j->n || j->p[j->i] != '{')
        return jp_fail(j, j->i, "JSON object expected");
    j->i++;
    jp_ws(j);
    if (j->i < j->n && j->p[j->i] == '}') {
        j->i++;
    } else {
        for (;;) {
            jp_ws(j);
            if (j->i >= j->n || j->p[j->i] != '"')
                return jp_fail(j, j->i, "object key expected");
            size_t key_at = j->i;
            if (!jp_string(j, NULL))
                return 0;
            int f = field_of(j->p + key_at + 1, j->i - key_at - 2);
            jp_ws(j);
            if (j->i >= j->n || j->p[j->i] != ':')
                return jp_fail(j, j->i, "':' expected");
            j->i++;
            jp_ws(j);
            if (j->i >= j->n)
                return jp_fail(j, j->i, "value expected");
            char c = j->p[j->i];
            if (f >= 0 && c == '"') {
                if (!jp_string(j, &fields[f]))
                    return 0;
                have[f] = 1;
            } else if (f >= 0 && c == 'n') {
                if (!jp_literal(j, "null"))
                    return 0;
                have[f] = 0; /* null: absent */
            } else if (f == F_ID && (c == '-' || is_digit(c))) {
                size_t s = j->i;
                if (!jp_number(j))
                    return 0;
                fields[f].ptr = j->p + s;
                fields[f].len = j->i - s;
                have[f] = 1;
            } else if (f >= 0) {
                return jp_fail(j, j->i, f == F_ID ? "\"id\" must be a string or a number"
                                                  : "field must be a string");
            } else if (!jp_skip_value(j, 1)) {
                return 0;
            }
            jp_ws(j);
            if (j->i >= j->n)
                return jp_fail(j, j->i, "unexpected end of line");
            if (j->p[j->i] == ',') {
                j->i++;
                continue;
            }
            if (j->p[j->i] == '}') {
                j->i++;
                break;
            }
            return jp_fail(j, j->i, "',' or '}' expected");
        }
    }
    jp_ws(j);
    if (j->i < j->n)
        return jp_fail(j, j->i, "unexpected data after the object");
    return 1;
}

/* Discard input up to and including the next '\n' (the rest of an
 * over-long line) without buffering it. */
static sitrep_status skip_rest_of_line(sitrep_reader *r)
{
    for (;;) {
        char *nl = r->in.len > r->pos ? memchr(r->in.data + r->pos, '\n', r->in.len - r->pos) : NULL;
        if (nl) {
            r->pos = (size_t)(nl - r->in.data) + 1;
            r->scan = r->pos;
            r->line++;
            r->skipping = 0;
            return SITREP_OK;
        }
        r->in_base += r->in.len;
        sr_buf_reset(&r->in);
        r->pos = r->scan = 0;
        if (r->eof) {
            r->skipping = 0;
            return SITREP_OK;
        }
        sitrep_status st = sr_rd_fill(r, SR_RD_CHUNK);
        if (st != SITREP_OK)
            return st;
    }
}

static sitrep_status next_jsonl(sitrep_reader *r, sitrep_article *a)
{
    if (r->skipping) {
        sitrep_status st = skip_rest_of_line(r);
        if (st != SITREP_OK)
            return sr_rd_fatal(r, st);
    }
    for (;;) {
        /* Find the end of the line starting at pos. */
        char *nl = NULL;
        if (r->in.len > r->scan)
            nl = memchr(r->in.data + r->scan, '\n', r->in.len - r->scan);
        if (!nl) {
            r->scan = r->in.len;
            if (r->in.len - r->pos > r->max) {
                /* Over-long line: report it, then drop what is buffered and
                 * skip the rest on the next call. */
                sr_rd_err(r, "line %llu: record longer than the limit of %zu bytes",
                        (unsigned long long)r->line, r->max);
                r->in_base += r->in.len;
                sr_buf_reset(&r->in);
                r->pos = r->scan = 0;
                r->skipping = 1;
                return SITREP_E_LIMIT;
            }
            if (!r->eof) {
                /* Keep only the unread part, then read more. */
                if (r->pos > 0) {
                    size_t keep = r->in.len - r->pos;
                    memmove(r->in.data, r->in.data + r->pos, keep);
                    r->in_base += r->pos;
                    r->in.len = keep;
                    r->in.data[keep] = '\0';
                    r->scan -= r->pos;
                    r->pos = 0;
                }
                sitrep_status st = sr_rd_fill(r, SR_RD_CHUNK);
                if (st != SITREP_OK)
                    return sr_rd_fatal(r, st);
                continue;
            }
            if (r->pos >= r->in.len) {
                r->done = 1;
                r->errmsg[0] = '\0';
                return SITREP_END;
            }
            /* final line without '\n' */
        }
        size_t start = r->pos;
        size_t end = nl ? (size_t)(nl - r->in.data) : r->in.len;
        uint64_t line = r->line;
        uint64_t offset = r->in_base + start;
        r->pos = nl ? end + 1 : end;
        r->scan = r->pos;
        r->line++;

        char *p = r->in.data + start;
        size_t n = end - start;
        if (line == 1 && has_bom(p, n)) {
            p += 3;
            n -= 3;
        }
        if (n > 0 && p[n - 1] == '\r')
            n--;
        size_t k = 0;
        while (k < n && is_ws((unsigned char)p[k]))
            k++;
        if (k == n)
            continue; /* blank line */
        if (n > r->max) {
            sr_rd_err(r, "line %llu: record longer than the limit of %zu bytes",
                    (unsigned long long)line, r->max);
            return SITREP_E_LIMIT;
        }
        const char *nul = memchr(p, '\0', n);
        if (nul) {
            sr_rd_err(r, "line %llu, column %zu: NUL byte (binary data)",
                    (unsigned long long)line, (size_t)(nul - p) + 1);
            return SITREP_E_ENCODING;
        }
        jp j = {p, n, 0, NULL, 0};
        sitrep_str fields[F_N];
        int have[F_N] = {0};
        memset(fields, 0, sizeof fields);
        if (!jp_object(&j, fields, have)) {
            sr_rd_err(r, "line %llu, column %zu: %s", (unsigned long long)line, j.err_at + 1,
                    j.what ? j.what : "malformed JSON");
            return SITREP_E_PARSE;
        }
        if (!have[F_TEXT]) {
            if (!have[F_TITLE]) {
                sr_rd_err(r, "line %llu: no \"text\" field", (unsigned long long)line);
                return SITREP_E_PARSE;
            }
            fields[F_TEXT] = fields[F_TITLE];
            have[F_TEXT] = 1;
        }
        memset(a, 0, sizeof *a);
        static const sitrep_str none = {"", 0};
        a->id = have[F_ID] ? fields[F_ID] : none;
        a->url = have[F_URL] ? fields[F_URL] : none;
        a->source = have[F_SOURCE] ? fields[F_SOURCE] : none;
        a->published = have[F_PUBLISHED] ? fields[F_PUBLISHED] : none;
        a->title = have[F_TITLE] ? fields[F_TITLE] : none;
        a->text = fields[F_TEXT];
        size_t bad = sr_rd_utf8_first_bad(a->text.ptr, a->text.len);
        if (bad < a->text.len) {
            a->flags |= SITREP_ARTICLE_BAD_UTF8;
            a->bad_utf8_offset = bad;
        }
        a->input_line = line;
        a->input_offset = offset;
        r->errmsg[0] = '\0';
        return SITREP_OK;
    }
}

/* ------------------------------------------------------------------ next */

/* Report a decompression damage event not yet reported: 1 when the
 * message was set. */
static int report_damage(sitrep_reader *r)
{
    const char *msg;
    unsigned n = sr_decomp_damage(r->dec, &msg, NULL);
    if (n == r->damage_seen)
        return 0;
    r->damage_seen = n;
    sr_rd_err(r, "%s", msg);
    return 1;
}

sitrep_status sitrep_reader_next(sitrep_reader *r, sitrep_article *a)
{
    if (!r || !a)
        return SITREP_E_ARG;
    if (r->done)
        return SITREP_END;
    if (!r->started) {
        sitrep_status st = detect(r);
        if (st != SITREP_OK)
            return sr_rd_fatal(r, st);
        r->started = 1;
    }
    /* Damaged compressed data found while reading the last article is
     * reported before the next one (the WARC reader reports its own). */
    if (r->format != SITREP_FORMAT_WARC && report_damage(r))
        return SITREP_E_PARSE;
    sitrep_status st;
    switch (r->format) {
    case SITREP_FORMAT_TEXT: st = next_text(r, a); break;
    case SITREP_FORMAT_HTML: st = next_html(r, a); break;
    case SITREP_FORMAT_FEED: st = sr_feed_next(r, a); break;
    case SITREP_FORMAT_WARC: st = sr_warc_next(r, a); break;
    default: st = next_jsonl(r, a); break;
    }
    if (st == SITREP_END && report_damage(r))
        return SITREP_E_PARSE;
    return st;
}
