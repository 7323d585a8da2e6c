/*
 * sr_decomp.c - the decompression layer under every reader: the first bytes
 * of the input decide between gzip (1f 8b), zstd (28 b5 2f fd) and plain
 * bytes; compressed input is decompressed as it is pulled, 64 KiB of
 * compressed bytes at a time, so memory does not depend on the input size.
 *
 * gzip: any number of members one after the other read as one stream (a
 * CC-NEWS WARC is one member per record).  zstd: any number of frames.
 * Damaged data (a member whose deflate data or check is wrong, a frame
 * that fails to decode) is skipped: the layer searches the compressed bytes
 * for the next member or frame magic and goes on from there, recording a
 * damage event (count, message, and the decompressed offset at which the
 * output stopped being trustworthy) that the readers report.  A stream cut
 * short is a damage event at its end.
 *
 * zlib and zstd allocate through the reader's sitrep_allocator
 * (sr_hook_*).  A failed allocation inside them is SITREP_E_NOMEM (-2).
 */
#include "readers/sr_rd.h"

#include <stdio.h>
#include <string.h>
#include <zlib.h>
#define ZSTD_STATIC_LINKING_ONLY /* ZSTD_createDStream_advanced: custom allocator */
#include <zstd.h>
#include <zstd_errors.h>

struct sr_decomp {
    const sr_alloc *alloc;
    sitrep_read_fn read;
    void *ud;
    int kind;             /* SR_DEC_*, -1 before the first bytes */
    /* Compressed bytes: raw[rpos..rlen) unread.  Plain input only needs
     * the few bytes that tell the kind (small[]); the 64 KiB buffer is
     * allocated once the input is known to be compressed. */
    unsigned char *raw;
    size_t raw_cap;
    unsigned char small[16];
    size_t rpos, rlen;
    uint64_t raw_base;    /* compressed offset of raw[0] */
    int raw_eof;
    int ended;            /* no more output */
    uint64_t out_total;   /* decompressed bytes handed out */

    uint64_t member_at;   /* compressed offset where the current member/frame began */

    z_stream z;
    int z_init, in_member;
    ZSTD_DStream *zs;
    int in_frame;

    unsigned ndamage;
    uint64_t damage_at;
    char damage_msg[160];
};

/* ---------------------------------------------------- allocation shims */

/* The header keeps the block's size (16 bytes: alignment kept). */
#define HOOK_HDR 16

void *sr_hook_malloc(const sr_alloc *a, size_t n)
{
    if (n > SIZE_MAX - HOOK_HDR)
        return NULL;
    unsigned char *p = sr_malloc(a, n + HOOK_HDR);
    if (!p)
        return NULL;
    memcpy(p, &n, sizeof n);
    return p + HOOK_HDR;
}

void *sr_hook_realloc(const sr_alloc *a, void *q, size_t n)
{
    if (!q)
        return sr_hook_malloc(a, n);
    if (n > SIZE_MAX - HOOK_HDR)
        return NULL;
    unsigned char *p = (unsigned char *)q - HOOK_HDR;
    size_t old;
    memcpy(&old, p, sizeof old);
    unsigned char *np = sr_realloc(a, p, old + HOOK_HDR, n + HOOK_HDR);
    if (!np)
        return NULL;
    memcpy(np, &n, sizeof n);
    return np + HOOK_HDR;
}

void sr_hook_free(const sr_alloc *a, void *q)
{
    if (!q)
        return;
    unsigned char *p = (unsigned char *)q - HOOK_HDR;
    size_t n;
    memcpy(&n, p, sizeof n);
    sr_free(a, p, n + HOOK_HDR);
}

static voidpf z_alloc(voidpf opaque, uInt items, uInt size)
{
    if (size && items > SIZE_MAX / size)
        return Z_NULL;
    return sr_hook_malloc(opaque, (size_t)items * size);
}

static void z_free(voidpf opaque, voidpf p)
{
    sr_hook_free(opaque, p);
}

static void *zs_alloc(void *opaque, size_t n)
{
    return sr_hook_malloc(opaque, n);
}

static void zs_free(void *opaque, void *p)
{
    sr_hook_free(opaque, p);
}

/* ------------------------------------------------------------- create */

sitrep_status sr_decomp_create(const sr_alloc *a, sitrep_read_fn read, void *ud,
                               sr_decomp **out)
{
    *out = NULL;
    sr_decomp *d = sr_malloc(a, sizeof *d);
    if (!d)
        return SITREP_E_NOMEM;
    memset(d, 0, sizeof *d);
    d->alloc = a;
    d->read = read;
    d->ud = ud;
    d->kind = -1;
    d->raw = d->small;
    d->raw_cap = sizeof d->small;
    *out = d;
    return SITREP_OK;
}

void sr_decomp_free(sr_decomp *d)
{
    if (!d)
        return;
    if (d->z_init)
        inflateEnd(&d->z);
    if (d->zs)
        ZSTD_freeDStream(d->zs);
    if (d->raw != d->small)
        sr_free(d->alloc, d->raw, d->raw_cap);
    sr_free(d->alloc, d, sizeof *d);
}

int sr_decomp_kind(const sr_decomp *d)
{
    return d->kind < 0 ? SR_DEC_NONE : d->kind;
}

unsigned sr_decomp_damage(const sr_decomp *d, const char **msg, uint64_t *at)
{
    if (msg)
        *msg = d->damage_msg;
    if (at)
        *at = d->damage_at;
    return d->ndamage;
}

uint64_t sr_decomp_raw_offset(const sr_decomp *d)
{
    return d->raw_base + d->rpos;
}

/* ------------------------------------------------------------ helpers */

/* Read more compressed bytes, keeping the unread ones.  0, or -1 (I/O). */
static int raw_fill(sr_decomp *d)
{
    if (d->rpos > 0) {
        memmove(d->raw, d->raw + d->rpos, d->rlen - d->rpos);
        d->raw_base += d->rpos;
        d->rlen -= d->rpos;
        d->rpos = 0;
    }
    if (d->rlen == d->raw_cap || d->raw_eof)
        return 0;
    long got = d->read(d->ud, d->raw + d->rlen, d->raw_cap - d->rlen);
    if (got < 0 || (unsigned long)got > d->raw_cap - d->rlen)
        return -1;
    if (got == 0)
        d->raw_eof = 1;
    d->rlen += (size_t)got;
    return 0;
}

static void damage(sr_decomp *d, const char *what)
{
    d->ndamage++;
    d->damage_at = d->out_total;
    snprintf(d->damage_msg, sizeof d->damage_msg, "%s data %s at compressed byte %llu",
             d->kind == SR_DEC_ZSTD ? "zstd" : "gzip", what,
             (unsigned long long)(d->raw_base + d->rpos));
}

static int is_magic(const sr_decomp *d, const unsigned char *p)
{
    if (d->kind == SR_DEC_GZIP)
        return p[0] == 0x1f && p[1] == 0x8b && p[2] == 0x08;
    return p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd;
}

/* Skip compressed bytes up to the next member/frame magic (searching from
 * rpos + from).  0 when found or at the end, -1 on I/O error. */
static int resync(sr_decomp *d, size_t from)
{
    size_t m = d->kind == SR_DEC_GZIP ? 3 : 4;
    d->rpos += from < d->rlen - d->rpos ? from : d->rlen - d->rpos;
    for (;;) {
        while (d->rlen - d->rpos >= m) {
            if (is_magic(d, d->raw + d->rpos))
                return 0;
            d->rpos++;
        }
        if (d->raw_eof) {
            d->rpos = d->rlen;
            return 0;
        }
        if (raw_fill(d) != 0)
            return -1;
    }
}

/* After damage: resynchronise strictly after the start of the damaged
 * member or frame (searching at its own magic again would loop). */
static int resync_after_member(sr_decomp *d)
{
    uint64_t here = d->raw_base + d->rpos;
    size_t from = d->member_at + 1 > here ? (size_t)(d->member_at + 1 - here) : 0;
    return resync(d, from);
}

/* ------------------------------------------------------------- decode */

static long read_gzip(sr_decomp *d, unsigned char *buf, size_t cap)
{
    size_t produced = 0;
    while (produced == 0 && !d->ended) {
        if (d->rpos == d->rlen && !d->raw_eof && raw_fill(d) != 0)
            return -1;
        if (!d->in_member) {
            /* Between members: the end, the next member or trailing bytes. */
            while (d->rlen - d->rpos < 3 && !d->raw_eof)
                if (raw_fill(d) != 0)
                    return -1;
            size_t left = d->rlen - d->rpos;
            if (left == 0) {
                d->ended = 1;
                break;
            }
            if (left < 3 || !is_magic(d, d->raw + d->rpos)) {
                /* Zero padding after the last member is common: ignore. */
                size_t k = 0;
                while (k < left && d->raw[d->rpos + k] == 0)
                    k++;
                if (k == left && d->raw_eof) {
                    d->ended = 1;
                    break;
                }
                damage(d, "damaged (no gzip member starts here)");
                if (resync(d, 1) != 0)
                    return -1;
                continue;
            }
            if (!d->z_init) {
                memset(&d->z, 0, sizeof d->z);
                d->z.zalloc = z_alloc;
                d->z.zfree = z_free;
                d->z.opaque = (voidpf)d->alloc;
                int zr = inflateInit2(&d->z, 15 + 16);
                if (zr != Z_OK)
                    return zr == Z_MEM_ERROR ? -2 : -1;
                d->z_init = 1;
            } else if (inflateReset(&d->z) != Z_OK) {
                return -1;
            }
            d->in_member = 1;
            d->member_at = d->raw_base + d->rpos;
        }
        size_t in_avail = d->rlen - d->rpos;
        d->z.next_in = d->raw + d->rpos;
        d->z.avail_in = (uInt)in_avail;
        d->z.next_out = buf + produced;
        d->z.avail_out = (uInt)(cap - produced > UINT32_MAX ? UINT32_MAX : cap - produced);
        uInt out_before = d->z.avail_out;
        int zr = inflate(&d->z, Z_NO_FLUSH);
        size_t used = in_avail - d->z.avail_in;
        size_t made = out_before - d->z.avail_out;
        d->rpos += used;
        produced += made;
        d->out_total += made;
        if (zr == Z_STREAM_END) {
            d->in_member = 0;
        } else if (zr == Z_MEM_ERROR) {
            return -2;
        } else if (zr == Z_DATA_ERROR || zr == Z_NEED_DICT || zr == Z_STREAM_ERROR) {
            damage(d, "damaged");
            d->in_member = 0;
            if (resync_after_member(d) != 0)
                return -1;
        } else if (used == 0 && made == 0) {
            /* No progress: more input needed. */
            if (d->raw_eof) {
                damage(d, "cut short");
                d->in_member = 0;
                d->ended = 1;
            } else if (raw_fill(d) != 0) {
                return -1;
            }
        }
    }
    return (long)produced;
}

static long read_zstd(sr_decomp *d, unsigned char *buf, size_t cap)
{
    size_t produced = 0;
    if (!d->zs) {
        ZSTD_customMem cm = {zs_alloc, zs_free, (void *)d->alloc};
        d->zs = ZSTD_createDStream_advanced(cm);
        if (!d->zs)
            return -2;
        if (ZSTD_isError(ZSTD_initDStream(d->zs)))
            return -2;
    }
    while (produced == 0 && !d->ended) {
        if (d->rpos == d->rlen) {
            if (!d->raw_eof && raw_fill(d) != 0)
                return -1;
            if (d->rpos == d->rlen && d->raw_eof) {
                if (d->in_frame)
                    damage(d, "cut short");
                d->ended = 1;
                break;
            }
        }
        if (!d->in_frame) {
            while (d->rlen - d->rpos < 4 && !d->raw_eof)
                if (raw_fill(d) != 0)
                    return -1;
            if (d->rlen - d->rpos < 4 || !is_magic(d, d->raw + d->rpos)) {
                /* Skippable frames (0x184D2A5?) are decoded by zstd itself;
                 * only refuse bytes that start no frame at all. */
                unsigned char *p = d->raw + d->rpos;
                int skippable = d->rlen - d->rpos >= 4 && (p[0] & 0xF0) == 0x50 &&
                                p[1] == 0x2A && p[2] == 0x4D && p[3] == 0x18;
                if (!skippable) {
                    damage(d, "damaged (no zstd frame starts here)");
                    if (resync(d, 1) != 0)
                        return -1;
                    continue;
                }
            }
            d->in_frame = 1;
            d->member_at = d->raw_base + d->rpos;
        }
        ZSTD_inBuffer in = {d->raw + d->rpos, d->rlen - d->rpos, 0};
        ZSTD_outBuffer out = {buf + produced, cap - produced, 0};
        size_t zr = ZSTD_decompressStream(d->zs, &out, &in);
        d->rpos += in.pos;
        produced += out.pos;
        d->out_total += out.pos;
        if (ZSTD_isError(zr)) {
            if (ZSTD_getErrorCode(zr) == ZSTD_error_memory_allocation)
                return -2;
            damage(d, "damaged");
            ZSTD_DCtx_reset(d->zs, ZSTD_reset_session_only);
            d->in_frame = 0;
            if (resync_after_member(d) != 0)
                return -1;
        } else if (zr == 0) {
            d->in_frame = 0;
        } else if (in.pos == 0 && out.pos == 0) {
            if (d->raw_eof) {
                damage(d, "cut short");
                d->ended = 1;
            } else if (raw_fill(d) != 0) {
                return -1;
            }
        }
    }
    return (long)produced;
}

long sr_decomp_read(sr_decomp *d, void *buf, size_t cap)
{
    if (cap == 0)
        return 0;
    if (d->kind < 0) {
        while (d->rlen < 4 && !d->raw_eof)
            if (raw_fill(d) != 0)
                return -1;
        const unsigned char *p = d->raw;
        if (d->rlen >= 3 && p[0] == 0x1f && p[1] == 0x8b && p[2] == 0x08)
            d->kind = SR_DEC_GZIP;
        else if (d->rlen >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd)
            d->kind = SR_DEC_ZSTD;
        else
            d->kind = SR_DEC_NONE;
        if (d->kind != SR_DEC_NONE) {
            unsigned char *big = sr_malloc(d->alloc, SR_RD_CHUNK);
            if (!big) {
                d->kind = -1; /* decided again on the next call */
                return -2;
            }
            memcpy(big, d->raw, d->rlen);
            d->raw = big;
            d->raw_cap = SR_RD_CHUNK;
        }
    }
    if (d->kind == SR_DEC_GZIP)
        return read_gzip(d, buf, cap);
    if (d->kind == SR_DEC_ZSTD)
        return read_zstd(d, buf, cap);
    /* Plain: hand out what is buffered, then read straight into buf. */
    if (d->rpos < d->rlen) {
        size_t k = d->rlen - d->rpos;
        if (k > cap)
            k = cap;
        memcpy(buf, d->raw + d->rpos, k);
        d->rpos += k;
        d->out_total += k;
        return (long)k;
    }
    if (d->raw_eof)
        return 0;
    long got = d->read(d->ud, buf, cap);
    if (got < 0 || (unsigned long)got > cap)
        return -1;
    if (got == 0)
        d->raw_eof = 1;
    d->raw_base += (uint64_t)got;
    d->out_total += (uint64_t)got;
    return got;
}
