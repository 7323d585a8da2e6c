/*
 * fuzz_common.h - shared pieces of the libFuzzer targets: a memory input
 * that hands out bytes in pieces of a size chosen by the fuzzer (so chunk
 * boundaries fall everywhere), a discarding sink, and a drain loop that
 * reads every article of a reader and writes it as JSON and CSV.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sitrep/sitrep.h"

typedef struct fz_in {
    const uint8_t *p;
    size_t n, pos, step;
} fz_in;

static long fz_read(void *ud, void *buf, size_t cap)
{
    fz_in *m = ud;
    size_t k = m->n - m->pos;
    if (k > cap)
        k = cap;
    if (m->step && k > m->step)
        k = m->step;
    memcpy(buf, m->p + m->pos, k);
    m->pos += k;
    return (long)k;
}

/* Discard output, but touch it so the writer's bytes are read. */
static int fz_sink(void *ud, const void *buf, size_t len)
{
    size_t *sum = ud;
    const unsigned char *b = buf;
    for (size_t i = 0; i < len; i++)
        *sum += b[i];
    return 0;
}

/* Read all articles of data with the given format; the first byte picks the
 * read step and the record limit. */
static void fz_drain(const uint8_t *data, size_t size, sitrep_format fmt)
{
    if (size < 1)
        return;
    unsigned knob = data[0];
    fz_in in = {data + 1, size - 1, 0, 0};
    static const size_t steps[8] = {0, 1, 2, 3, 7, 64, 4096, 65537};
    in.step = steps[knob & 7];
    size_t max = (knob & 8) ? 64 : 0; /* tiny limit: exercises SITREP_E_LIMIT */
    /* bit 7: pages deferred to sitrep_page_parse, as with --jobs */
    int defer = (knob & 128) != 0;
    sitrep_reader_config cfg = {"fuzz", fmt, fz_read, &in, NULL, max, defer};
    sitrep_reader *r;
    sitrep_page *pg = NULL;
    if (defer && sitrep_page_create(NULL, max, &pg) != SITREP_OK)
        return;
    if (sitrep_reader_create(&cfg, &r) != SITREP_OK) {
        sitrep_page_free(pg);
        return;
    }
    sitrep_article a;
    size_t sum = 0;
    for (int guard = 0; guard < 1000000; guard++) {
        sitrep_status st = sitrep_reader_next(r, &a);
        if (st == SITREP_END)
            break;
        (void)sitrep_reader_errmsg(r);
        if (st == SITREP_OK && (a.flags & SITREP_ARTICLE_HTML_PAGE)) {
            sitrep_article raw = a;
            st = sitrep_page_parse(pg, &raw, &a);
        }
        if (st != SITREP_OK)
            continue;
        /* Every view must be readable over its whole length. */
        sitrep_incident inc;
        memset(&inc, 0, sizeof inc);
        inc.evidence.start = a.text.len / 3;
        inc.evidence.end = a.text.len + 5; /* clamped by the writer */
        inc.location.known = 1;
        inc.location.text = a.title;
        inc.location.venue = a.source;
        inc.counts[SITREP_KILLED].known = 1;
        inc.counts[SITREP_KILLED].source = a.published;
        inc.counts[SITREP_KILLED].min = inc.counts[SITREP_KILLED].max = -1;
        sitrep_result res;
        memset(&res, 0, sizeof res);
        res.dateline_place = a.url;
        res.nincidents = 1;
        res.incidents = &inc;
        (void)sitrep_write_json(&a, &res, fz_sink, &sum);
        (void)sitrep_write_csv(&a, &res, fz_sink, &sum);
    }
    (void)sitrep_reader_format(r);
    sitrep_reader_free(r);
    sitrep_page_free(pg);
}

#endif
