/*
 * sr_rd.h - internals shared by the readers (src/readers/): the reader
 * structure, the buffered input it pulls through the decompression layer,
 * the HTML text extractor used by the HTML, feed and WARC readers, and
 * allocation shims that route the allocations of zlib, zstd, gumbo and
 * expat through the user's sitrep_allocator.
 *
 * Nothing here is public; the public face is sitrep_reader_* in sitrep.h.
 */
#ifndef SR_RD_H
#define SR_RD_H

#include "util/sr_mem.h"

#include <stddef.h>
#include <stdint.h>

#define SR_RD_CHUNK ((size_t)64 * 1024)

/* ------------------------------------------------------- decompression */

typedef struct sr_decomp sr_decomp;

enum { SR_DEC_NONE = 0, SR_DEC_GZIP, SR_DEC_ZSTD };

/* Wrap the user's read callback.  SITREP_OK or SITREP_E_NOMEM. */
sitrep_status sr_decomp_create(const sr_alloc *a, sitrep_read_fn read, void *ud,
                               sr_decomp **out);
void sr_decomp_free(sr_decomp *d);
/* Up to cap decompressed bytes into buf: the count, 0 at the end, -1 when
 * the read callback failed, -2 when memory ran out.  Damaged compressed
 * data is not an error here: it is skipped up to the next member or frame
 * and recorded (sr_decomp_damage). */
long sr_decomp_read(sr_decomp *d, void *buf, size_t cap);
/* SR_DEC_* once the first bytes were seen. */
int sr_decomp_kind(const sr_decomp *d);
/* Number of damage events so far; *msg is the message of the last one and
 * *at the decompressed offset where output stopped being trustworthy. */
unsigned sr_decomp_damage(const sr_decomp *d, const char **msg, uint64_t *at);
/* Compressed bytes consumed so far. */
uint64_t sr_decomp_raw_offset(const sr_decomp *d);

/* --------------------------------------------------------- HTML text */

/* The result of sr_html_extract: the text with its source map and the
 * page's metadata (views into out->meta; empty when absent). */
typedef struct sr_html_out {
    sr_buf text;
    sitrep_source_span *spans;
    size_t nspans, spans_cap;
    sitrep_source_map map;
    sr_buf meta;
    sitrep_str title, published, canonical, site;
} sr_html_out;

void sr_html_out_init(sr_html_out *o, const sr_alloc *a, size_t max);
void sr_html_out_free(sr_html_out *o);
/*
 * Parse html[0..n) (any bytes) and extract the article text and metadata
 * into *o (reset first).  base is the input offset of html[0], added to
 * every source offset.  whole: take the whole body (feed content, no
 * boilerplate removal by article choice).  SITREP_OK (the text may be
 * empty), SITREP_E_NOMEM or SITREP_E_LIMIT (text above the limit of o).
 */
sitrep_status sr_html_extract(sr_html_out *o, const sr_alloc *a, const char *html, size_t n,
                              uint64_t base, int whole);

/* --------------------------------------------------------- allocation */

/* malloc/realloc/free look-alikes over an sr_alloc for libraries whose free
 * is not told the size: a header in front of each block keeps it. */
void *sr_hook_malloc(const sr_alloc *a, size_t n);
void *sr_hook_realloc(const sr_alloc *a, void *p, size_t n);
void sr_hook_free(const sr_alloc *a, void *p);

/* ------------------------------------------------------------- reader */

typedef struct sr_feed sr_feed;

/* Fill *a from an HTML extraction and the record's metadata (meta: url,
 * published, id, flags, input position; its text is not used): the
 * article the WARC reader returns, with or without defer_html. */
void sr_rd_page_article(const sr_html_out *ho, const sitrep_article *meta, sitrep_article *a);

#define SR_RD_DEFAULT_MAX ((size_t)256 * 1024 * 1024)

struct sitrep_reader {
    sr_alloc alloc;
    sr_decomp *dec;       /* decompressing source over the user's callback */
    char *name;           /* copy of cfg->name (NUL-terminated), may be NULL */
    size_t name_len;
    sitrep_format format; /* requested, then detected */
    size_t max;           /* largest record in bytes */
    int defer_html;       /* WARC: return HTML pages unparsed */

    sr_buf in;            /* unread input: [pos, in.len) */
    size_t pos;           /* start of the next record in in.data */
    size_t scan;          /* bytes before this offset hold no '\n' */
    uint64_t in_base;     /* input offset of in.data[0] */
    uint64_t line;        /* number of the line starting at pos (1-based) */

    int started;          /* format detected */
    int eof;              /* read callback returned 0 */
    int done;             /* nothing more: every next() returns SITREP_END */
    int skipping;         /* discarding the rest of an over-long line */
    int bom_checked;      /* a BOM at the start of the input was dealt with */
    unsigned damage_seen; /* decompression damage events already reported */

    sr_html_out html;     /* HTML, WARC and feed articles */
    sr_feed *feed;        /* feed state, created on first use */
    sr_buf scratch;       /* WARC: de-chunked payloads */

    char errmsg[256];
};

void sr_rd_err(sitrep_reader *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Read one chunk (at most want bytes) appended to r->in.  SITREP_OK (r->eof
 * set at the end), SITREP_E_IO, SITREP_E_NOMEM or SITREP_E_LIMIT. */
sitrep_status sr_rd_fill(sitrep_reader *r, size_t want);
/* Make at least n bytes available from r->pos (moving the unread rest to
 * the front of the buffer first); fewer only at the end of the input. */
sitrep_status sr_rd_need(sitrep_reader *r, size_t n);
/* Discard n bytes from r->pos on, reading and dropping what is not
 * buffered.  Sets r->eof when the input ends first. */
sitrep_status sr_rd_skip(sitrep_reader *r, uint64_t n);
/* A status after which the reader cannot go on. */
sitrep_status sr_rd_fatal(sitrep_reader *r, sitrep_status st);
/* Offset of the first invalid UTF-8 byte of s[0..n), or n when valid. */
size_t sr_rd_utf8_first_bad(const char *s, size_t n);

sitrep_status sr_warc_next(sitrep_reader *r, sitrep_article *a);
sitrep_status sr_feed_next(sitrep_reader *r, sitrep_article *a);
void sr_feed_free(sitrep_reader *r);

#endif
