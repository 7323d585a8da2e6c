/*
 * sr_mem.h - memory for libsitrep internals: the allocation wrapper (every
 * allocation of the library goes through sr_alloc so that a user hook and the
 * allocation-failure tests see it), a bump arena per document, and a
 * size-capped growable byte buffer (after curl's dynbuf).
 *
 * Internal names carry the sr_ prefix; only sitrep_ names are public.
 */
#ifndef SR_MEM_H
#define SR_MEM_H

#include <stddef.h>
#include <stdint.h>
#include "sitrep/sitrep.h"

/* The allocator in force: user hook or the C library. */
typedef struct sr_alloc {
    sitrep_alloc_fn fn;
    void *ud;
} sr_alloc;

/* Fill *a from a user allocator (NULL: default malloc-based). */
void sr_alloc_init(sr_alloc *a, const sitrep_allocator *user);
void *sr_malloc(const sr_alloc *a, size_t n);           /* NULL on failure */
void *sr_calloc(const sr_alloc *a, size_t n, size_t size); /* zeroed; overflow-checked */
void *sr_realloc(const sr_alloc *a, void *p, size_t old_n, size_t new_n);
void sr_free(const sr_alloc *a, void *p, size_t n);     /* p may be NULL */

/* ---- arena: blocks of memory handed out by bumping a pointer; freed all at
 * once by sr_arena_reset (kept for reuse) or sr_arena_free. */
typedef struct sr_arena_block sr_arena_block;
typedef struct sr_arena {
    const sr_alloc *alloc;
    sr_arena_block *head;   /* current block */
    sr_arena_block *spare;  /* blocks kept by reset */
    size_t block_size;      /* default size of new blocks */
    size_t used_total;      /* bytes handed out since the last reset */
} sr_arena;

void sr_arena_init(sr_arena *ar, const sr_alloc *a, size_t block_size);
/* n bytes aligned to 16; NULL on failure. */
void *sr_arena_alloc(sr_arena *ar, size_t n);
void *sr_arena_zalloc(sr_arena *ar, size_t n);
void *sr_arena_array(sr_arena *ar, size_t count, size_t size); /* zeroed, overflow-checked */
/* Copy n bytes into the arena (adds a NUL after them). */
char *sr_arena_strdup(sr_arena *ar, const char *p, size_t n);
/* Grow an arena array: returns a new array of new_count elements with the
 * first old_count copied; the old one is abandoned to the arena. */
void *sr_arena_grow(sr_arena *ar, void *old, size_t old_count, size_t new_count, size_t size);
void sr_arena_reset(sr_arena *ar);
void sr_arena_free(sr_arena *ar);

/* ---- growable buffer with a hard cap; data is always NUL-terminated
 * (the NUL is not counted in len). */
typedef struct sr_buf {
    const sr_alloc *alloc;
    char *data;
    size_t len, cap;
    size_t max;             /* largest len allowed */
} sr_buf;

void sr_buf_init(sr_buf *b, const sr_alloc *a, size_t max);
/* SITREP_OK, SITREP_E_NOMEM or SITREP_E_LIMIT (len would exceed max). */
sitrep_status sr_buf_add(sr_buf *b, const void *p, size_t n);
sitrep_status sr_buf_addc(sr_buf *b, char c);
sitrep_status sr_buf_reserve(sr_buf *b, size_t extra);
void sr_buf_reset(sr_buf *b);   /* len = 0, memory kept */
void sr_buf_free(sr_buf *b);

#endif
