/*
 * sr_warc.c - the WARC reader (SITREP_FORMAT_WARC): WARC 1.0/1.1 records
 * one after the other (after decompression: a CC-NEWS file is one gzip
 * member per record, which sr_decomp.c reads as one stream).
 *
 * Each record: "WARC/1.x" CRLF, header lines, CRLF, Content-Length bytes of
 * block, CRLF CRLF.  A "response" record whose block is an HTTP response
 * with a 2xx status and an HTML payload (Content-Type text/html or
 * application/xhtml+xml, or none and markup) becomes an article through
 * the HTML path, with WARC-Target-URI as url (the page's canonical URL
 * when the record has none), WARC-Record-ID as id, and the page's
 * publication time, else WARC-Date, as published.  Chunked transfer coding
 * is undone; payloads with a Content-Encoding (gzip, br) are skipped.  Other
 * records (warcinfo, request, metadata, non-HTML responses) are skipped.
 *
 * Memory: only the record being read is buffered (header at most 64 KiB,
 * block at most max_record_bytes); a larger record is skipped without
 * being buffered and reported (SITREP_E_LIMIT).
 *
 * Damage: a record whose header is not WARC, whose Content-Length is
 * missing or wrong (the bytes after the block are not the next record), or
 * whose compressed data was damaged (sr_decomp reports where) is reported
 * as SITREP_E_PARSE with its input offset; reading resumes at the next
 * line that starts "WARC/1.".  A record cut short by the end of the input
 * is reported and ends the input.  The source map of an article points
 * into the decompressed WARC stream.
 */
#include "readers/sr_rd.h"

#include <string.h>

#define WARC_MAX_HEADER ((size_t)64 * 1024)

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive compare of p[0..n) with the lower-case lit. */
static int eq_ci(const char *p, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (n != k)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (lower(p[i]) != lit[i])
            return 0;
    return 1;
}

static int has_ci(const char *p, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && lower(p[i + j]) == lit[j])
            j++;
        if (j == k)
            return 1;
    }
    return 0;
}

/* Position of "\r\n\r\n" (or "\n\n") in p[0..n): the offset after it, or 0
 * when absent. */
static size_t header_end(const char *p, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (p[i] != '\n')
            continue;
        if (p[i + 1] == '\n')
            return i + 2;
        if (i + 2 < n && p[i + 1] == '\r' && p[i + 2] == '\n')
            return i + 3;
    }
    return 0;
}

typedef struct hdr {
    const char *p;
    size_t n;
} hdr;

/* The value of header `name` (lower case) in the header block p[0..n):
 * trimmed; {NULL, 0} when absent. */
static hdr header_get(const char *p, size_t n, const char *name)
{
    hdr h = {NULL, 0};
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(p + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - p) : n;
        const char *colon = memchr(p + i, ':', e - i);
        if (colon && eq_ci(p + i, (size_t)(colon - p) - i, name)) {
            size_t s = (size_t)(colon - p) + 1, t = e;
            while (s < t && (p[s] == ' ' || p[s] == '\t'))
                s++;
            while (t > s && (p[t - 1] == '\r' || p[t - 1] == ' ' || p[t - 1] == '\t'))
                t--;
            h.p = p + s;
            h.n = t - s;
            return h;
        }
        i = e + 1;
    }
    return h;
}

/* Decimal digits into *v (at most 18); 0 when not a number. */
static int parse_u64(hdr h, uint64_t *v)
{
    if (!h.p || h.n == 0 || h.n > 18)
        return 0;
    uint64_t x = 0;
    for (size_t i = 0; i < h.n; i++) {
        if (h.p[i] < '0' || h.p[i] > '9')
            return 0;
        x = x * 10 + (uint64_t)(h.p[i] - '0');
    }
    *v = x;
    return 1;
}

/* Move r->pos to the next line starting "WARC/1." at or after from (a
 * buffer offset), reading on as needed; at the end of the input the
 * buffer is emptied. */
static sitrep_status resync(sitrep_reader *r, size_t from)
{
    r->pos = from;
    for (;;) {
        const char *p = r->in.data;
        size_t n = r->in.len;
        for (size_t i = r->pos; i + 7 <= n; i++) {
            if (p[i] == 'W' && (i == 0 || p[i - 1] == '\n') && memcmp(p + i, "WARC/1.", 7) == 0) {
                r->pos = i;
                return SITREP_OK;
            }
        }
        if (r->eof) {
            r->pos = n;
            return SITREP_OK;
        }
        /* keep the last 7 bytes (a marker cut by the chunk boundary) */
        r->pos = n > r->pos + 7 ? n - 7 : r->pos;
        sitrep_status st = sr_rd_need(r, r->in.len - r->pos + SR_RD_CHUNK);
        if (st != SITREP_OK && st != SITREP_E_LIMIT)
            return st;
        if (st == SITREP_E_LIMIT)
            return sr_rd_skip(r, r->in.len - r->pos); /* cannot happen: the buffer is large */
    }
}

/* Undo chunked transfer coding of p[0..n) into r->scratch.  0 when the
 * coding is malformed. */
static int dechunk(sitrep_reader *r, const char *p, size_t n, sitrep_status *st)
{
    sr_buf_reset(&r->scratch);
    size_t i = 0;
    for (;;) {
        uint64_t len = 0;
        size_t k = 0;
        while (i < n && k < 15) {
            char c = p[i];
            int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                                 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (v < 0)
                break;
            len = len * 16 + (uint64_t)v;
            i++, k++;
        }
        if (k == 0)
            return 0;
        const char *nl = memchr(p + i, '\n', n - i);
        if (!nl)
            return 0;
        i = (size_t)(nl - p) + 1;
        if (len == 0)
            return 1;
        if (len > n - i)
            len = n - i; /* cut short: keep what is there */
        *st = sr_buf_add(&r->scratch, p + i, (size_t)len);
        if (*st != SITREP_OK)
            return 0;
        i += (size_t)len;
        while (i < n && (p[i] == '\r' || p[i] == '\n'))
            i++;
        if (i >= n)
            return 1;
    }
}

/* An HTTP response block: the HTML payload, or 0 when the record is not an
 * HTML page to read.  *payload_at is the payload's offset in the block (for
 * a de-chunked payload the map is approximate: the start of the body). */
static int http_html(sitrep_reader *r, const char *b, size_t n, const char **html, size_t *hn,
                     size_t *payload_at, sitrep_status *st)
{
    if (n < 12 || memcmp(b, "HTTP/", 5) != 0)
        return 0;
    const char *sp = memchr(b, ' ', n < 16 ? n : 16);
    if (!sp || (size_t)(sp - b) + 4 > n || sp[1] != '2')
        return 0;
    size_t he = header_end(b, n);
    if (!he)
        return 0;
    hdr ct = header_get(b, he, "content-type");
    hdr ce = header_get(b, he, "content-encoding");
    hdr te = header_get(b, he, "transfer-encoding");
    if (ce.p && !eq_ci(ce.p, ce.n, "identity"))
        return 0;
    const char *body = b + he;
    size_t bn = n - he;
    if (ct.p) {
        if (!has_ci(ct.p, ct.n, "html"))
            return 0;
    } else {
        size_t i = 0;
        while (i < bn && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t'))
            i++;
        if (i >= bn || body[i] != '<')
            return 0;
    }
    *payload_at = he;
    if (te.p && has_ci(te.p, te.n, "chunked")) {
        if (!dechunk(r, body, bn, st))
            return 0;
        *html = r->scratch.data ? r->scratch.data : "";
        *hn = r->scratch.len;
        return 1;
    }
    *html = body;
    *hn = bn;
    return 1;
}

sitrep_status sr_warc_next(sitrep_reader *r, sitrep_article *a)
{
    for (;;) {
        sitrep_status st;
        /* Skip the blank lines between records. */
        for (;;) {
            st = sr_rd_need(r, 1);
            if (st != SITREP_OK)
                return sr_rd_fatal(r, st);
            while (r->pos < r->in.len && (r->in.data[r->pos] == '\r' || r->in.data[r->pos] == '\n'))
                r->pos++;
            if (r->pos < r->in.len || r->eof)
                break;
        }
        if (r->pos >= r->in.len) {
            r->done = 1;
            const char *msg;
            unsigned nd = sr_decomp_damage(r->dec, &msg, NULL);
            if (nd != r->damage_seen) {
                r->damage_seen = nd;
                sr_rd_err(r, "%s", msg);
                return SITREP_E_PARSE;
            }
            r->errmsg[0] = '\0';
            return SITREP_END;
        }
        uint64_t rec_at = r->in_base + r->pos;
        /* The header block. */
        size_t he = 0;
        for (;;) {
            he = header_end(r->in.data + r->pos, r->in.len - r->pos);
            if (he || r->eof || r->in.len - r->pos >= WARC_MAX_HEADER)
                break;
            st = sr_rd_need(r, r->in.len - r->pos + SR_RD_CHUNK);
            if (st != SITREP_OK)
                return sr_rd_fatal(r, st);
        }
        const char *h = r->in.data + r->pos;
        if (r->in.len - r->pos < 7 || memcmp(h, "WARC/1.", 7) != 0) {
            sr_rd_err(r, "byte %llu: not a WARC record header: skipped to the next record",
                      (unsigned long long)rec_at);
            st = resync(r, r->pos + 1);
            if (st != SITREP_OK)
                return sr_rd_fatal(r, st);
            return SITREP_E_PARSE;
        }
        if (!he) {
            if (r->eof) {
                sr_rd_err(r, "byte %llu: WARC record cut short (header incomplete)",
                          (unsigned long long)rec_at);
                r->pos = r->in.len;
                r->done = 1;
                return SITREP_E_PARSE;
            }
            sr_rd_err(r, "byte %llu: WARC header longer than %zu bytes: skipped",
                      (unsigned long long)rec_at, WARC_MAX_HEADER);
            st = resync(r, r->pos + 1);
            if (st != SITREP_OK)
                return sr_rd_fatal(r, st);
            return SITREP_E_PARSE;
        }
        uint64_t clen;
        if (!parse_u64(header_get(h, he, "content-length"), &clen)) {
            sr_rd_err(r, "byte %llu: WARC record without a valid Content-Length: skipped",
                      (unsigned long long)rec_at);
            st = resync(r, r->pos + 1);
            if (st != SITREP_OK)
                return sr_rd_fatal(r, st);
            return SITREP_E_PARSE;
        }
        hdr type = header_get(h, he, "warc-type");
        int response = type.p && eq_ci(type.p, type.n, "response");
        /* Too large, or of no interest: skip the block unbuffered. */
        if (!response || clen > r->max || he + clen + 16 > r->in.max) {
            size_t hlen = he;
            r->pos += hlen;
            st = sr_rd_skip(r, clen);
            if (st != SITREP_OK)
                return sr_rd_fatal(r, st);
            if (response) {
                sr_rd_err(r, "byte %llu: WARC record of %llu bytes, larger than the limit of %zu: skipped",
                          (unsigned long long)rec_at, (unsigned long long)clen, r->max);
                return SITREP_E_LIMIT;
            }
            continue;
        }
        /* The whole record and a peek at what follows it. */
        size_t need = he + (size_t)clen + 16;
        st = sr_rd_need(r, need);
        if (st != SITREP_OK)
            return sr_rd_fatal(r, st);
        rec_at = r->in_base + r->pos;
        h = r->in.data + r->pos;
        size_t have = r->in.len - r->pos;
        if (have < he + clen) {
            sr_rd_err(r, "byte %llu: WARC record cut short (%llu of %llu bytes)",
                      (unsigned long long)rec_at, (unsigned long long)(have - he),
                      (unsigned long long)clen);
            r->pos = r->in.len;
            r->done = 1;
            r->damage_seen = sr_decomp_damage(r->dec, NULL, NULL);
            return SITREP_E_PARSE;
        }
        /* Damaged compressed data inside this record? */
        uint64_t dmg_at;
        const char *dmg_msg;
        unsigned nd = sr_decomp_damage(r->dec, &dmg_msg, &dmg_at);
        if (nd != r->damage_seen && dmg_at <= rec_at + he + clen + 4) {
            r->damage_seen = nd;
            sr_rd_err(r, "byte %llu: WARC record damaged (%s): skipped", (unsigned long long)rec_at,
                      dmg_msg);
            size_t from = dmg_at > r->in_base ? (size_t)(dmg_at - r->in_base) : r->pos + 1;
            if (from <= r->pos)
                from = r->pos + 1;
            st = resync(r, from);
            if (st != SITREP_OK)
                return sr_rd_fatal(r, st);
            return SITREP_E_PARSE;
        }
        /* What follows the block must be the end of the input or (after
         * CR/LFs) another record: else Content-Length is wrong. */
        size_t k = he + (size_t)clen;
        while (k < have && k < he + clen + 8 && (h[k] == '\r' || h[k] == '\n'))
            k++;
        if (k < have && (have - k < 5 || memcmp(h + k, "WARC/", 5) != 0) &&
            !(have - k < 5 && r->eof)) {
            sr_rd_err(r, "byte %llu: WARC record's Content-Length (%llu) does not match the record: skipped",
                      (unsigned long long)rec_at, (unsigned long long)clen);
            st = resync(r, r->pos + 1);
            if (st != SITREP_OK)
                return sr_rd_fatal(r, st);
            return SITREP_E_PARSE;
        }
        const char *block = h + he;
        uint64_t block_at = rec_at + he;
        hdr uri = header_get(h, he, "warc-target-uri");
        hdr date = header_get(h, he, "warc-date");
        hdr rid = header_get(h, he, "warc-record-id");
        const char *html;
        size_t hn, payload_at = 0;
        sitrep_status hst = SITREP_OK;
        int is_html = http_html(r, block, (size_t)clen, &html, &hn, &payload_at, &hst);
        if (hst == SITREP_E_NOMEM)
            return sr_rd_fatal(r, hst);
        /* Consume the record now: the views below stay valid (the buffer
         * is not touched again before the next call). */
        r->pos += he + (size_t)clen;
        if (!is_html)
            continue;
        /* the record's own metadata */
        static const sitrep_str none = {"", 0};
        sitrep_article meta;
        memset(&meta, 0, sizeof meta);
        meta.id = meta.url = meta.published = meta.source = meta.title = none;
        if (uri.p && uri.n) {
            meta.url.ptr = uri.p;
            meta.url.len = uri.n;
        }
        if (date.p) {
            meta.published.ptr = date.p;
            meta.published.len = date.n;
        }
        if (rid.p && rid.n >= 2 && rid.p[0] == '<' && rid.p[rid.n - 1] == '>') {
            rid.p++;
            rid.n -= 2;
        }
        if (rid.p) {
            meta.id.ptr = rid.p;
            meta.id.len = rid.n;
        }
        meta.input_offset = rec_at;
        if (r->defer_html) {
            *a = meta;
            a->text.ptr = html;
            a->text.len = hn;
            a->flags = SITREP_ARTICLE_HTML_PAGE;
            a->page_offset = block_at + payload_at;
            r->errmsg[0] = '\0';
            return SITREP_OK;
        }
        st = sr_html_extract(&r->html, &r->alloc, html, hn, block_at + payload_at, 0);
        if (st == SITREP_E_NOMEM)
            return sr_rd_fatal(r, st);
        if (st != SITREP_OK) {
            sr_rd_err(r, "byte %llu: page text larger than the limit of %zu bytes",
                      (unsigned long long)rec_at, r->max);
            return st;
        }
        if (r->html.text.len == 0)
            continue; /* a page without text: nothing to read */
        sr_rd_page_article(&r->html, &meta, a);
        a->input_line = 0;
        a->input_offset = rec_at;
        r->errmsg[0] = '\0';
        return SITREP_OK;
    }
}
