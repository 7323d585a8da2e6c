/*
 * sr_mem.c - allocation wrapper, per-document arena and capped buffer.
 */
#include "sr_mem.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

static void *default_alloc(void *ud, void *ptr, size_t old_size, size_t size)
{
    (void)ud;
    (void)old_size;
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, size);
}

void sr_alloc_init(sr_alloc *a, const sitrep_allocator *user)
{
    if (user && user->fn) {
        a->fn = user->fn;
        a->ud = user->ud;
    } else {
        a->fn = default_alloc;
        a->ud = NULL;
    }
}

void *sr_malloc(const sr_alloc *a, size_t n)
{
    if (n == 0)
        n = 1;
    return a->fn(a->ud, NULL, 0, n);
}

void *sr_calloc(const sr_alloc *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = sr_malloc(a, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void *sr_realloc(const sr_alloc *a, void *p, size_t old_n, size_t new_n)
{
    if (new_n == 0)
        new_n = 1;
    return a->fn(a->ud, p, old_n, new_n);
}

void sr_free(const sr_alloc *a, void *p, size_t n)
{
    if (p)
        a->fn(a->ud, p, n, 0);
}

/* ------------------------------------------------------------------ arena */

struct sr_arena_block {
    sr_arena_block *next;
    size_t size;  /* usable bytes after the header */
    size_t used;
    /* data follows, 16-aligned */
};

#define SR_ARENA_HDR ((sizeof(sr_arena_block) + 15) & ~(size_t)15)

static unsigned char *block_data(sr_arena_block *b)
{
    return (unsigned char *)b + SR_ARENA_HDR;
}

void sr_arena_init(sr_arena *ar, const sr_alloc *a, size_t block_size)
{
    ar->alloc = a;
    ar->head = NULL;
    ar->spare = NULL;
    ar->block_size = block_size ? block_size : 64 * 1024;
    ar->used_total = 0;
}

static sr_arena_block *new_block(sr_arena *ar, size_t need)
{
    /* Reuse a spare block that is large enough. */
    sr_arena_block **pp = &ar->spare;
    while (*pp) {
        if ((*pp)->size >= need) {
            sr_arena_block *b = *pp;
            *pp = b->next;
            b->used = 0;
            return b;
        }
        pp = &(*pp)->next;
    }
    size_t size = ar->block_size > need ? ar->block_size : need;
    if (size > SIZE_MAX - SR_ARENA_HDR)
        return NULL;
    sr_arena_block *b = sr_malloc(ar->alloc, SR_ARENA_HDR + size);
    if (!b)
        return NULL;
    b->size = size;
    b->used = 0;
    b->next = NULL;
    return b;
}

void *sr_arena_alloc(sr_arena *ar, size_t n)
{
    if (n > SIZE_MAX - 16)
        return NULL;
    n = (n + 15) & ~(size_t)15;
    if (n == 0)
        n = 16;
    sr_arena_block *b = ar->head;
    if (!b || b->size - b->used < n) {
        b = new_block(ar, n);
        if (!b)
            return NULL;
        b->next = ar->head;
        ar->head = b;
    }
    void *p = block_data(b) + b->used;
    b->used += n;
    ar->used_total += n;
    return p;
}

void *sr_arena_zalloc(sr_arena *ar, size_t n)
{
    void *p = sr_arena_alloc(ar, n);
    if (p)
        memset(p, 0, n);
    return p;
}

void *sr_arena_array(sr_arena *ar, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    return sr_arena_zalloc(ar, count * size);
}

char *sr_arena_strdup(sr_arena *ar, const char *p, size_t n)
{
    if (n == SIZE_MAX)
        return NULL;
    char *q = sr_arena_alloc(ar, n + 1);
    if (!q)
        return NULL;
    if (n)
        memcpy(q, p, n);
    q[n] = '\0';
    return q;
}

void *sr_arena_grow(sr_arena *ar, void *old, size_t old_count, size_t new_count, size_t size)
{
    assert(new_count >= old_count);
    void *p = sr_arena_array(ar, new_count, size);
    if (p && old && old_count)
        memcpy(p, old, old_count * size);
    return p;
}

void sr_arena_reset(sr_arena *ar)
{
    /* Keep at most a few blocks for the next document; free the rest so a
     * huge document does not pin its memory for good. */
    sr_arena_block *b = ar->head;
    size_t kept = 0;
    while (b) {
        sr_arena_block *next = b->next;
        if (kept < 4 && b->size <= 16 * ar->block_size) {
            b->next = ar->spare;
            ar->spare = b;
            kept++;
        } else {
            sr_free(ar->alloc, b, SR_ARENA_HDR + b->size);
        }
        b = next;
    }
    ar->head = NULL;
    ar->used_total = 0;
}

void sr_arena_free(sr_arena *ar)
{
    sr_arena_reset(ar);
    sr_arena_block *b = ar->spare;
    while (b) {
        sr_arena_block *next = b->next;
        sr_free(ar->alloc, b, SR_ARENA_HDR + b->size);
        b = next;
    }
    ar->spare = NULL;
}

/* ----------------------------------------------------------------- buffer */

void sr_buf_init(sr_buf *b, const sr_alloc *a, size_t max)
{
    b->alloc = a;
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max ? max : SIZE_MAX / 2;
}

sitrep_status sr_buf_reserve(sr_buf *b, size_t extra)
{
    if (extra > b->max || b->len > b->max - extra)
        return SITREP_E_LIMIT;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return SITREP_OK;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = sr_realloc(b->alloc, b->data, b->cap, cap);
    if (!p)
        return SITREP_E_NOMEM;
    b->data = p;
    b->cap = cap;
    return SITREP_OK;
}

sitrep_status sr_buf_add(sr_buf *b, const void *p, size_t n)
{
    sitrep_status st = sr_buf_reserve(b, n);
    if (st != SITREP_OK)
        return st;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return SITREP_OK;
}

sitrep_status sr_buf_addc(sr_buf *b, char c)
{
    return sr_buf_add(b, &c, 1);
}

void sr_buf_reset(sr_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void sr_buf_free(sr_buf *b)
{
    sr_free(b->alloc, b->data, b->cap);
    b->data = NULL;
    b->len = b->cap = 0;
}
