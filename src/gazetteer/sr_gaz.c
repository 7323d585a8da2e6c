/*
 * sr_gaz.c - reading a compiled gazetteer: map the file read-only, check its
 * header and section bounds, and answer lookups in place.
 *
 * Opening checks everything the header says (magic, version, sizes, section
 * order and bounds, header checksum) but not the records themselves, so that
 * it costs microseconds; every record field is instead bounds-checked when it
 * is read, and a bad record reads as "no such place".  A corrupt file
 * therefore gives wrong answers or none, never a crash.  sr_gaz_verify does
 * the full check.
 */
#include "gazetteer/sr_gaz.h"
#include "gazetteer/sr_gaz_fmt.h"
#include "text/sr_text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct sr_gaz {
    const sr_alloc *alloc;
    sr_alloc alloc_copy;
    void *map;                  /* the mapping, for munmap */
    const unsigned char *base;  /* the same bytes, read-only */
    size_t size;
    const unsigned char *pool, *places, *keys, *buckets, *post;
    uint64_t pool_size, npost;
    uint32_t nplaces, ncountries, nadmin1, nadmin2, nkeys, nbuckets, max_words;
    char path[256];
};

static void set_err(char *err, size_t errlen, const char *path, const char *msg)
{
    if (err && errlen)
        snprintf(err, errlen, "%s: %s", path, msg);
}

/* 1 when [off, off + count * size) lies inside [lo, file_size). */
static int section_ok(uint64_t off, uint64_t count, uint64_t size, uint64_t lo,
                      uint64_t file_size, uint64_t *end)
{
    if (off < lo || off > file_size || (off & 7u) != 0)
        return 0;
    if (size && count > (file_size - off) / size)
        return 0;
    *end = off + count * size;
    return 1;
}

/* Validate the header of a mapped file; fills g's section pointers. */
static const char *check_header(sr_gaz *g)
{
    const unsigned char *h = g->base;
    if (g->size < SR_GAZ_HDR_SIZE)
        return "not a sitrep gazetteer (file too short)";
    if (memcmp(h + SR_GH_MAGIC, SR_GAZ_MAGIC, 8) != 0)
        return "not a sitrep gazetteer (bad magic)";
    if (sr_gz_rd32(h + SR_GH_VERSION) != SR_GAZ_VERSION)
        return "gazetteer of another format version (recompile it)";
    if (sr_gz_rd64(h + SR_GH_HDR_CSUM) != sr_gz_fnv(SR_GZ_FNV_INIT, h, SR_GAZ_HDR_CSUM_AT))
        return "corrupt gazetteer (header checksum)";
    if (sr_gz_rd32(h + SR_GH_HDR_SIZE) != SR_GAZ_HDR_SIZE ||
        sr_gz_rd32(h + SR_GH_PLACE_SIZE) != SR_GAZ_PLACE_SIZE ||
        sr_gz_rd32(h + SR_GH_KEY_SIZE) != SR_GAZ_KEY_SIZE)
        return "corrupt gazetteer (record sizes)";
    uint64_t fsize = sr_gz_rd64(h + SR_GH_FILE_SIZE);
    if (fsize != g->size)
        return "truncated or corrupt gazetteer (file size differs from header)";
    g->nplaces = sr_gz_rd32(h + SR_GH_NPLACES);
    g->ncountries = sr_gz_rd32(h + SR_GH_NCOUNTRIES);
    g->nadmin1 = sr_gz_rd32(h + SR_GH_NADMIN1);
    g->nadmin2 = sr_gz_rd32(h + SR_GH_NADMIN2);
    g->nkeys = sr_gz_rd32(h + SR_GH_NKEYS);
    g->nbuckets = sr_gz_rd32(h + SR_GH_NBUCKETS);
    g->max_words = sr_gz_rd32(h + SR_GH_MAX_WORDS);
    g->pool_size = sr_gz_rd64(h + SR_GH_POOL_SIZE);
    g->npost = sr_gz_rd64(h + SR_GH_NPOST);
    if ((uint64_t)g->ncountries + g->nadmin1 + g->nadmin2 > g->nplaces)
        return "corrupt gazetteer (place counts)";
    /* A free bucket must exist so that a probe for an absent key ends. */
    if (g->nbuckets == 0 || (g->nbuckets & (g->nbuckets - 1)) != 0 || g->nbuckets <= g->nkeys)
        return "corrupt gazetteer (hash table size)";
    if (g->max_words > SR_GAZ_MAX_WORDS_LIMIT)
        return "corrupt gazetteer (word count)";
    if (g->pool_size > UINT32_MAX || g->npost > UINT32_MAX)
        return "corrupt gazetteer (section sizes)";
    uint64_t pool_off = sr_gz_rd64(h + SR_GH_POOL_OFF);
    uint64_t places_off = sr_gz_rd64(h + SR_GH_PLACES_OFF);
    uint64_t keys_off = sr_gz_rd64(h + SR_GH_KEYS_OFF);
    uint64_t buckets_off = sr_gz_rd64(h + SR_GH_BUCKETS_OFF);
    uint64_t post_off = sr_gz_rd64(h + SR_GH_POST_OFF);
    uint64_t end = SR_GAZ_HDR_SIZE;
    if (!section_ok(pool_off, g->pool_size, 1, end, fsize, &end) ||
        !section_ok(places_off, g->nplaces, SR_GAZ_PLACE_SIZE, end, fsize, &end) ||
        !section_ok(keys_off, g->nkeys, SR_GAZ_KEY_SIZE, end, fsize, &end) ||
        !section_ok(buckets_off, g->nbuckets, SR_GAZ_BUCKET_SIZE, end, fsize, &end) ||
        !section_ok(post_off, g->npost, 4, end, fsize, &end))
        return "corrupt gazetteer (section offsets)";
    if (fsize - end >= 8)
        return "corrupt gazetteer (trailing bytes)";
    g->pool = g->base + pool_off;
    g->places = g->base + places_off;
    g->keys = g->base + keys_off;
    g->buckets = g->base + buckets_off;
    g->post = g->base + post_off;
    return NULL;
}

sitrep_status sr_gaz_open(const sr_alloc *a, const char *path, sr_gaz **out,
                          char *err, size_t errlen)
{
    *out = NULL;
    if (!path) {
        set_err(err, errlen, "(null)", "no gazetteer path");
        return SITREP_E_ARG;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        set_err(err, errlen, path, strerror(errno));
        return errno == ENOENT ? SITREP_E_DATA : SITREP_E_IO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        set_err(err, errlen, path, strerror(errno));
        close(fd);
        return SITREP_E_IO;
    }
    if (!S_ISREG(st.st_mode)) {
        set_err(err, errlen, path, "not a regular file");
        close(fd);
        return SITREP_E_DATA;
    }
    if (st.st_size < (off_t)SR_GAZ_HDR_SIZE || (uint64_t)st.st_size > SIZE_MAX) {
        set_err(err, errlen, path, "not a sitrep gazetteer (file too short)");
        close(fd);
        return SITREP_E_DATA;
    }
    size_t size = (size_t)st.st_size;
    void *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    int map_errno = errno;
    close(fd);
    if (m == MAP_FAILED) {
        set_err(err, errlen, path, strerror(map_errno));
        return SITREP_E_IO;
    }
    sr_gaz *g = sr_calloc(a, 1, sizeof *g);
    if (!g) {
        munmap(m, size);
        set_err(err, errlen, path, "out of memory");
        return SITREP_E_NOMEM;
    }
    g->alloc_copy = *a;
    g->alloc = &g->alloc_copy;
    g->map = m;
    g->base = m;
    g->size = size;
    snprintf(g->path, sizeof g->path, "%s", path);
    const char *bad = check_header(g);
    if (bad) {
        set_err(err, errlen, path, bad);
        sr_gaz_close(g);
        return SITREP_E_DATA;
    }
    *out = g;
    return SITREP_OK;
}

void sr_gaz_close(sr_gaz *g)
{
    if (!g)
        return;
    if (g->map)
        munmap(g->map, g->size);
    sr_free(g->alloc, g, sizeof *g);
}

uint32_t sr_gaz_nplaces(const sr_gaz *g)
{
    return g ? g->nplaces : 0;
}

unsigned sr_gaz_max_words(const sr_gaz *g)
{
    return g ? g->max_words : 0;
}

/* 1 when [off, off + len) lies inside the pool. */
static int pool_ok(const sr_gaz *g, uint32_t off, uint32_t len)
{
    return (uint64_t)off + len <= g->pool_size;
}

/* Decode place record id into *out; 0 when the record is malformed. */
static int read_place(const sr_gaz *g, uint32_t id, sr_place *out)
{
    if (id >= g->nplaces)
        return 0;
    const unsigned char *r = g->places + (size_t)id * SR_GAZ_PLACE_SIZE;
    uint32_t name_off = sr_gz_rd32(r + SR_GP_NAME_OFF);
    uint32_t name_len = sr_gz_rd16(r + SR_GP_NAME_LEN);
    uint32_t a1_off = sr_gz_rd32(r + SR_GP_ADMIN1_OFF);
    uint32_t a1_len = sr_gz_rd16(r + SR_GP_ADMIN1_LEN);
    uint32_t code_off = sr_gz_rd32(r + SR_GP_A1CODE_OFF);
    uint32_t code_len = r[SR_GP_A1CODE_LEN];
    uint8_t kind = r[SR_GP_KIND];
    if (!pool_ok(g, name_off, name_len) || !pool_ok(g, a1_off, a1_len) ||
        !pool_ok(g, code_off, code_len) || code_len > SR_GAZ_A1CODE_MAX ||
        kind < SR_PLACE_CITY || kind > SR_PLACE_ADMIN2)
        return 0;
    /* The second-level region it lies in: an id inside the admin2 range. */
    uint32_t a2 = sr_gz_rd32(r + SR_GP_ADMIN2), a2_id = SR_GAZ_NONE;
    uint32_t a2_lo = g->ncountries + g->nadmin1;
    if (a2 != 0) {
        if (a2 - 1 < a2_lo || a2 - 1 - a2_lo >= g->nadmin2)
            return 0;
        a2_id = a2 - 1;
    }
    if (out) {
        memset(out, 0, sizeof *out);
        out->id = id;
        out->geonames_id = sr_gz_rd32(r + SR_GP_GEONAMES_ID);
        out->kind = kind;
        memcpy(out->country, r + SR_GP_COUNTRY, 2);
        out->country[2] = '\0';
        memcpy(out->fcode, r + SR_GP_FCODE, 8);
        out->fcode[7] = '\0';
        out->name = (const char *)g->pool + name_off;
        out->name_len = name_len;
        out->admin1 = (const char *)g->pool + a1_off;
        out->admin1_len = a1_len;
        memcpy(out->admin1_code, g->pool + code_off, code_len);
        out->admin1_code[code_len] = '\0';
        out->admin2_id = a2_id;
        out->lat = (int32_t)sr_gz_rd32(r + SR_GP_LAT) / 1e5;
        out->lon = (int32_t)sr_gz_rd32(r + SR_GP_LON) / 1e5;
        out->population = sr_gz_rd32(r + SR_GP_POP);
    }
    return 1;
}

int sr_gaz_get(const sr_gaz *g, uint32_t id, sr_place *out)
{
    if (!g)
        return 0;
    return read_place(g, id, out);
}

int sr_gaz_admin2_of(const sr_gaz *g, uint32_t admin2_id, sr_place *out)
{
    if (!g || admin2_id < g->ncountries + g->nadmin1 ||
        admin2_id - g->ncountries - g->nadmin1 >= g->nadmin2)
        return 0;
    return read_place(g, admin2_id, out);
}

size_t sr_gaz_lookup_hash(const sr_gaz *g, uint64_t hash, const char *key,
                          size_t key_len, sr_place *out, size_t max)
{
    return sr_gaz_lookup_hash_skip(g, hash, key, key_len, out, max, 0, NULL);
}

size_t sr_gaz_lookup_hash_skip(const sr_gaz *g, uint64_t hash, const char *key, size_t key_len,
                               sr_place *out, size_t max, unsigned skip, size_t *skipped)
{
    if (skipped)
        *skipped = 0;
    if (!g || !key || key_len == 0 || key_len > UINT16_MAX)
        return 0;
    uint32_t mask = g->nbuckets - 1;
    uint32_t hi = (uint32_t)(hash >> 32);
    uint32_t i = (uint32_t)hash & mask;
    /* At most nbuckets probes even if a corrupt table has no free slot. */
    for (uint32_t n = 0; n < g->nbuckets; n++, i = (i + 1) & mask) {
        const unsigned char *b = g->buckets + (size_t)i * SR_GAZ_BUCKET_SIZE;
        uint32_t kidx = sr_gz_rd32(b + 4);
        if (kidx == 0)
            return 0;
        if (sr_gz_rd32(b) != hi || kidx > g->nkeys)
            continue;
        const unsigned char *k = g->keys + (size_t)(kidx - 1) * SR_GAZ_KEY_SIZE;
        if (sr_gz_rd64(k + SR_GK_HASH) != hash || sr_gz_rd16(k + SR_GK_LEN) != key_len)
            continue;
        uint32_t koff = sr_gz_rd32(k + SR_GK_OFF);
        if (!pool_ok(g, koff, (uint32_t)key_len) || memcmp(g->pool + koff, key, key_len) != 0)
            continue;
        uint32_t poff = sr_gz_rd32(k + SR_GK_POST_OFF);
        uint32_t pcount = sr_gz_rd32(k + SR_GK_POST_COUNT);
        if ((uint64_t)poff + pcount > g->npost)
            return 0;
        size_t found = 0;
        for (uint32_t j = 0; j < pcount; j++) {
            uint32_t id = sr_gz_rd32(g->post + ((size_t)poff + j) * 4);
            if (skip && id < g->nplaces &&
                ((skip >> (g->places[(size_t)id * SR_GAZ_PLACE_SIZE + SR_GP_KIND] & 31u)) & 1u)) {
                if (skipped)
                    (*skipped)++;
                continue;
            }
            if (found < max) {
                if (read_place(g, id, out ? &out[found] : NULL))
                    found++;
            } else if (id < g->nplaces) {
                found++;
            }
        }
        return found;
    }
    return 0;
}

size_t sr_gaz_lookup(const sr_gaz *g, const char *key, size_t key_len,
                     sr_place *out, size_t max)
{
    if (!g || !key)
        return 0;
    return sr_gaz_lookup_hash(g, sr_hash(key, key_len), key, key_len, out, max);
}

static int upper2(const char *iso2, char c[2])
{
    if (!iso2)
        return 0;
    for (int i = 0; i < 2; i++) {
        char ch = iso2[i];
        if (ch >= 'a' && ch <= 'z')
            ch = (char)(ch - 32);
        if (ch < 'A' || ch > 'Z')
            return 0;
        c[i] = ch;
    }
    return 1;
}

int sr_gaz_country(const sr_gaz *g, const char *iso2, sr_place *out)
{
    char c[2];
    if (!g || !upper2(iso2, c) || iso2[2] != '\0')
        return 0;
    uint32_t lo = 0, hi = g->ncountries;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const unsigned char *r = g->places + (size_t)mid * SR_GAZ_PLACE_SIZE;
        int cmp = memcmp(r + SR_GP_COUNTRY, c, 2);
        if (cmp == 0)
            return read_place(g, mid, out);
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Order of regions: country bytes, then admin1 code bytes, shorter first on a
 * common prefix (the compiler sorts with the same rule). */
static int cmp_code(const unsigned char *a, size_t an, const char *b, size_t bn)
{
    size_t n = an < bn ? an : bn;
    int c = memcmp(a, b, n);
    if (c)
        return c;
    return an < bn ? -1 : an > bn;
}

int sr_gaz_admin1(const sr_gaz *g, const char *iso2, const char *admin1_code,
                  sr_place *out)
{
    char c[2];
    if (!g || !admin1_code || !upper2(iso2, c) || iso2[2] != '\0')
        return 0;
    size_t clen = strlen(admin1_code);
    uint32_t lo = g->ncountries, hi = g->ncountries + g->nadmin1;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const unsigned char *r = g->places + (size_t)mid * SR_GAZ_PLACE_SIZE;
        int cmp = memcmp(r + SR_GP_COUNTRY, c, 2);
        if (cmp == 0) {
            uint32_t off = sr_gz_rd32(r + SR_GP_A1CODE_OFF);
            uint32_t len = r[SR_GP_A1CODE_LEN];
            if (!pool_ok(g, off, len))
                return 0;
            cmp = cmp_code(g->pool + off, len, admin1_code, clen);
        }
        if (cmp == 0)
            return read_place(g, mid, out);
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

sitrep_status sr_gaz_verify(const sr_gaz *g, char *err, size_t errlen)
{
    if (!g)
        return SITREP_E_ARG;
    uint64_t want = sr_gz_rd64(g->base + SR_GH_BODY_CSUM);
    if (sr_gz_fnv(SR_GZ_FNV_INIT, g->base + SR_GAZ_HDR_SIZE, g->size - SR_GAZ_HDR_SIZE) != want) {
        set_err(err, errlen, g->path, "corrupt gazetteer (body checksum)");
        return SITREP_E_DATA;
    }
    for (uint32_t id = 0; id < g->nplaces; id++) {
        sr_place p;
        if (!read_place(g, id, &p)) {
            set_err(err, errlen, g->path, "corrupt gazetteer (place record)");
            return SITREP_E_DATA;
        }
        int want_kind = id < g->ncountries ? SR_PLACE_COUNTRY
                        : id < g->ncountries + g->nadmin1 ? SR_PLACE_ADMIN1
                        : id < g->ncountries + g->nadmin1 + g->nadmin2 ? SR_PLACE_ADMIN2
                                                                      : SR_PLACE_CITY;
        if (p.kind != want_kind || (p.kind == SR_PLACE_ADMIN2 && p.admin2_id != id)) {
            set_err(err, errlen, g->path, "corrupt gazetteer (place kind order)");
            return SITREP_E_DATA;
        }
    }
    uint32_t used = 0;
    for (uint32_t i = 0; i < g->nbuckets; i++) {
        uint32_t kidx = sr_gz_rd32(g->buckets + (size_t)i * SR_GAZ_BUCKET_SIZE + 4);
        if (kidx == 0)
            continue;
        used++;
        if (kidx > g->nkeys) {
            set_err(err, errlen, g->path, "corrupt gazetteer (bucket)");
            return SITREP_E_DATA;
        }
    }
    if (used != g->nkeys) {
        set_err(err, errlen, g->path, "corrupt gazetteer (bucket count)");
        return SITREP_E_DATA;
    }
    for (uint32_t k = 0; k < g->nkeys; k++) {
        const unsigned char *r = g->keys + (size_t)k * SR_GAZ_KEY_SIZE;
        uint32_t off = sr_gz_rd32(r + SR_GK_OFF), len = sr_gz_rd16(r + SR_GK_LEN);
        uint32_t poff = sr_gz_rd32(r + SR_GK_POST_OFF);
        uint32_t pcount = sr_gz_rd32(r + SR_GK_POST_COUNT);
        if (!pool_ok(g, off, len) || len == 0 || (uint64_t)poff + pcount > g->npost ||
            pcount == 0 || sr_gz_rd16(r + SR_GK_WORDS) > g->max_words ||
            sr_hash(g->pool + off, len) != sr_gz_rd64(r + SR_GK_HASH)) {
            set_err(err, errlen, g->path, "corrupt gazetteer (key record)");
            return SITREP_E_DATA;
        }
        for (uint32_t j = 0; j < pcount; j++) {
            if (sr_gz_rd32(g->post + ((size_t)poff + j) * 4) >= g->nplaces) {
                set_err(err, errlen, g->path, "corrupt gazetteer (posting)");
                return SITREP_E_DATA;
            }
        }
    }
    return SITREP_OK;
}
