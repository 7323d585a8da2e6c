/*
 * sr_gaz_fmt.h - the on-disk layout of a compiled gazetteer, shared by the
 * compiler (sr_gaz_compile.c) and the reader (sr_gaz.c).  Private to
 * src/gazetteer.
 *
 * One file, every integer little-endian, every section 8-byte aligned and in
 * this order (the reader rejects any other order or overlap):
 *
 *   header   SR_GAZ_HDR_SIZE bytes (fields below)
 *   pool     UTF-8 strings (names, region names, admin1 codes, keys), no NULs
 *   places   nplaces records of SR_GAZ_PLACE_SIZE bytes; ids are indexes.
 *            [0, ncountries) are countries sorted by ISO code,
 *            [ncountries, ncountries + nadmin1) regions sorted by
 *            (country, admin1 code), then nadmin2 second-level regions
 *            (counties, districts) sorted by (country, admin1 code, admin2
 *            code), then the cities in source order.
 *   keys     nkeys records of SR_GAZ_KEY_SIZE bytes: one per distinct key
 *   buckets  nbuckets (a power of two > nkeys) 8-byte open-addressing slots:
 *            u32 high half of the key hash, u32 key index + 1 (0: empty);
 *            linear probing from (hash & (nbuckets - 1))
 *   postings npostings u32 place ids; a key's run is sorted most populous
 *            first (ties: smaller id first)
 *
 * The header carries two FNV-1a checksums: one of its own first
 * SR_GAZ_HDR_CSUM_AT bytes (checked on every open) and one of everything after
 * the header (checked only by sr_gaz_verify, since hashing the whole file
 * would cost more than the whole rest of opening it).
 *
 * Version 2 (version 1 had no second-level regions, a 128-byte header and
 * 44-byte place records) added the admin2 places, the header field
 * SR_GH_NADMIN2 (the header checksum moved to offset 128) and the place
 * field SR_GP_ADMIN2: the id + 1 of the second-level region a city lies in
 * (a second-level region's own id + 1; 0: none), from GeoNames' admin2 code.
 */
#ifndef SR_GAZ_FMT_H
#define SR_GAZ_FMT_H

#include <stdint.h>
#include <string.h>

#define SR_GAZ_MAGIC "SITREPGZ"
#define SR_GAZ_VERSION 2u

#define SR_GAZ_HDR_SIZE 136u
/* Header field offsets. */
#define SR_GH_MAGIC 0        /* 8 bytes */
#define SR_GH_VERSION 8      /* u32 */
#define SR_GH_HDR_SIZE 12    /* u32 */
#define SR_GH_FILE_SIZE 16   /* u64 */
#define SR_GH_NPLACES 24     /* u32 */
#define SR_GH_NCOUNTRIES 28  /* u32 */
#define SR_GH_NADMIN1 32     /* u32 */
#define SR_GH_NKEYS 36       /* u32 */
#define SR_GH_NBUCKETS 40    /* u32 */
#define SR_GH_MAX_WORDS 44   /* u32 */
#define SR_GH_POOL_OFF 48    /* u64 */
#define SR_GH_POOL_SIZE 56   /* u64 */
#define SR_GH_PLACES_OFF 64  /* u64 */
#define SR_GH_KEYS_OFF 72    /* u64 */
#define SR_GH_BUCKETS_OFF 80 /* u64 */
#define SR_GH_POST_OFF 88    /* u64 */
#define SR_GH_NPOST 96       /* u64 */
#define SR_GH_BODY_CSUM 104  /* u64: FNV-1a of bytes [HDR_SIZE, file_size) */
#define SR_GH_PLACE_SIZE 112 /* u32: SR_GAZ_PLACE_SIZE */
#define SR_GH_KEY_SIZE 116   /* u32: SR_GAZ_KEY_SIZE */
#define SR_GH_NADMIN2 120    /* u32: second-level regions */
#define SR_GH_RESERVED 124   /* u32: 0 */
#define SR_GH_HDR_CSUM 128   /* u64: FNV-1a of bytes [0, SR_GH_HDR_CSUM) */
#define SR_GAZ_HDR_CSUM_AT SR_GH_HDR_CSUM

/* Place record. */
#define SR_GAZ_PLACE_SIZE 48u
#define SR_GP_GEONAMES_ID 0   /* u32 */
#define SR_GP_NAME_OFF 4      /* u32 into pool */
#define SR_GP_ADMIN1_OFF 8    /* u32 */
#define SR_GP_A1CODE_OFF 12   /* u32 */
#define SR_GP_LAT 16          /* i32, degrees * 1e5 */
#define SR_GP_LON 20          /* i32, degrees * 1e5 */
#define SR_GP_POP 24          /* u32 */
#define SR_GP_NAME_LEN 28     /* u16 */
#define SR_GP_ADMIN1_LEN 30   /* u16 */
#define SR_GP_A1CODE_LEN 32   /* u8, < 24 */
#define SR_GP_KIND 33         /* u8 */
#define SR_GP_COUNTRY 34      /* 2 bytes, "" (two NULs) when unknown */
#define SR_GP_FCODE 36        /* 8 bytes, NUL-padded */
#define SR_GP_ADMIN2 44       /* u32: id + 1 of the second-level region, 0: none */

/* Key record. */
#define SR_GAZ_KEY_SIZE 24u
#define SR_GK_HASH 0          /* u64: sr_hash of the key */
#define SR_GK_OFF 8           /* u32 into pool */
#define SR_GK_POST_OFF 12     /* u32 index into postings */
#define SR_GK_POST_COUNT 16   /* u32 */
#define SR_GK_LEN 20          /* u16 */
#define SR_GK_WORDS 22        /* u16 */

#define SR_GAZ_BUCKET_SIZE 8u
#define SR_GAZ_A1CODE_MAX 23u /* longest admin1 code kept (sr_place.admin1_code) */
#define SR_GAZ_MAX_WORDS_LIMIT 64u

static inline uint16_t sr_gz_rd16(const unsigned char *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}
static inline uint32_t sr_gz_rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}
static inline uint64_t sr_gz_rd64(const unsigned char *p)
{
    return (uint64_t)sr_gz_rd32(p) | ((uint64_t)sr_gz_rd32(p + 4) << 32);
}
static inline void sr_gz_wr16(unsigned char *p, uint16_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}
static inline void sr_gz_wr32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}
static inline void sr_gz_wr64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* FNV-1a 64 continued from h (start with SR_GZ_FNV_INIT): the file checksums. */
#define SR_GZ_FNV_INIT 0xcbf29ce484222325ULL
static inline uint64_t sr_gz_fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

#endif
