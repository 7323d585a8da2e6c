/*
 * sr_wout.h - the writers' buffered sink (JSON, CSV and MUC-4 writers).
 * Writers allocate nothing: an sr_wout lives on the caller's stack.  After a
 * sink error the rest is dropped and sr_wo_finish returns SITREP_E_IO.
 */
#ifndef SR_WOUT_H
#define SR_WOUT_H

#include <stddef.h>
#include <stdint.h>
#include "sitrep/sitrep.h"

#define SR_WR_BUF ((size_t)64 * 1024)

typedef struct sr_wout {
    sitrep_write_fn w;
    void *ud;
    size_t len;
    int failed;           /* the sink returned an error: drop the rest */
    char buf[SR_WR_BUF];
} sr_wout;

void sr_wo_flush(sr_wout *o);
void sr_wo_put(sr_wout *o, const void *p, size_t n);
void sr_wo_c(sr_wout *o, char c);
void sr_wo_s(sr_wout *o, const char *s);
/* Decimal of a signed 64-bit integer. */
void sr_wo_i64(sr_wout *o, int64_t v);
/* v with at least width digits (zero-padded). */
void sr_wo_pad(sr_wout *o, int v, int width);
/* Flush; SITREP_OK or SITREP_E_IO when the sink failed. */
sitrep_status sr_wo_finish(sr_wout *o);

#endif
