/*
 * sr_wout.c - the writers' buffered sink: output goes through a 64 KiB buffer
 * (on the caller's stack) flushed to the user's sitrep_write_fn; numbers are
 * formatted with integer arithmetic, never through the locale.
 */
#include "writers/sr_wout.h"

#include <string.h>


void sr_wo_flush(sr_wout *o)
{
    if (o->len && !o->failed && o->w(o->ud, o->buf, o->len) != 0)
        o->failed = 1;
    o->len = 0;
}

void sr_wo_put(sr_wout *o, const void *p, size_t n)
{
    const char *s = p;
    while (n) {
        if (o->len == SR_WR_BUF)
            sr_wo_flush(o);
        size_t k = SR_WR_BUF - o->len;
        if (k > n)
            k = n;
        memcpy(o->buf + o->len, s, k);
        o->len += k;
        s += k;
        n -= k;
    }
}

void sr_wo_c(sr_wout *o, char c)
{
    if (o->len == SR_WR_BUF)
        sr_wo_flush(o);
    o->buf[o->len++] = c;
}

void sr_wo_s(sr_wout *o, const char *s)
{
    sr_wo_put(o, s, strlen(s));
}

/* Decimal of a signed 64-bit integer. */
void sr_wo_i64(sr_wout *o, int64_t v)
{
    char d[24];
    size_t k = sizeof d;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        d[--k] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        d[--k] = '-';
    sr_wo_put(o, d + k, sizeof d - k);
}

/* v with at least width digits (zero-padded), for dates. */
void sr_wo_pad(sr_wout *o, int v, int width)
{
    unsigned u = (unsigned)v;
    if (v < 0) {
        sr_wo_c(o, '-');
        u = 0u - u; /* no overflow for INT_MIN */
    }
    char d[16];
    int k = (int)sizeof d;
    do {
        d[--k] = (char)('0' + u % 10);
        u /= 10;
    } while (u && k > 0);
    while ((int)sizeof d - k < width && k > 0)
        d[--k] = '0';
    sr_wo_put(o, d + k, sizeof d - (size_t)k);
}

sitrep_status sr_wo_finish(sr_wout *o)
{
    sr_wo_flush(o);
    return o->failed ? SITREP_E_IO : SITREP_OK;
}
