/*
 * topojson.c - JSON parser and TopoJSON country decoder of the build tool
 * topo2svg (see topojson.h).  Bounds-checked over {ptr, len}; numbers are
 * parsed by hand; every size derived from the input is capped.
 */
#include "topojson.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TJ_MAX_DEPTH 64
/* Caps on the decoded map, so that a small input cannot ask for a huge
 * output (a ring may name the same long arc many times). */
#define TJ_MAX_POINTS ((size_t)8 << 20)  /* ring points visited, in total */
#define TJ_MAX_PATH ((size_t)16 << 20)   /* bytes of path data, in total */
/* Projected coordinates (in tenths of a degree) beyond this are refused. */
#define TJ_MAX_COORD 1e7

static void set_err(char *err, size_t errsz, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void set_err(char *err, size_t errsz, const char *fmt, ...)
{
    if (!err || errsz == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
}

/* ================================================================ JSON */

typedef struct parser {
    const char *p;
    size_t n, pos;
    tj_doc *doc;
    char *err;
    size_t errsz;
} parser;

static int fail(parser *ps, const char *msg)
{
    set_err(ps->err, ps->errsz, "offset %zu: %s", ps->pos, msg);
    return -1;
}

/* Grow *buf (elements of size sz) to hold at least need; 0 or -1. */
static int grow(void **buf, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 64;
    while (nc < need) {
        if (nc > SIZE_MAX / 2 / sz)
            return -1;
        nc *= 2;
    }
    void *g = realloc(*buf, nc * sz);
    if (!g)
        return -1;
    *buf = g;
    *cap = nc;
    return 0;
}

/* A new node of the given kind into *out; 0, or -1 when out of memory. */
static int new_node(parser *ps, tj_kind kind, size_t *out)
{
    tj_doc *d = ps->doc;
    if (grow((void **)&d->nodes, &d->cap, d->nnodes + 1, sizeof *d->nodes) != 0)
        return fail(ps, "out of memory");
    memset(&d->nodes[d->nnodes], 0, sizeof d->nodes[0]);
    d->nodes[d->nnodes].kind = kind;
    *out = d->nnodes++;
    return 0;
}

static int put_byte(parser *ps, char c)
{
    tj_doc *d = ps->doc;
    if (grow((void **)&d->strs, &d->strcap, d->nstrs + 1, 1) != 0)
        return fail(ps, "out of memory");
    d->strs[d->nstrs++] = c;
    return 0;
}

static void skip_ws(parser *ps)
{
    while (ps->pos < ps->n) {
        char c = ps->p[ps->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        ps->pos++;
    }
}

static int hex4(parser *ps, unsigned *out)
{
    if (ps->n - ps->pos < 4)
        return fail(ps, "truncated \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = ps->p[ps->pos + (size_t)i];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (unsigned)(c - 'A' + 10);
        else
            return fail(ps, "bad \\u escape");
        v = v * 16 + d;
    }
    ps->pos += 4;
    *out = v;
    return 0;
}

static int put_utf8(parser *ps, unsigned cp)
{
    char b[4];
    int k;
    if (cp < 0x80) {
        b[0] = (char)cp;
        k = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        k = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        k = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        k = 4;
    }
    for (int i = 0; i < k; i++)
        if (put_byte(ps, b[i]) != 0)
            return -1;
    return 0;
}

/* A string at ps->pos (the opening quote), decoded into the pool: *off and
 * *len receive where. */
static int parse_string(parser *ps, size_t *off, size_t *len)
{
    ps->pos++; /* '"' */
    size_t start = ps->doc->nstrs;
    for (;;) {
        if (ps->pos >= ps->n)
            return fail(ps, "unterminated string");
        unsigned char c = (unsigned char)ps->p[ps->pos];
        if (c == '"') {
            ps->pos++;
            break;
        }
        if (c < 0x20)
            return fail(ps, "control character in string");
        if (c != '\\') {
            if (put_byte(ps, (char)c) != 0)
                return -1;
            ps->pos++;
            continue;
        }
        if (ps->pos + 1 >= ps->n)
            return fail(ps, "unterminated string");
        char e = ps->p[ps->pos + 1];
        ps->pos += 2;
        char out;
        switch (e) {
        case '"': out = '"'; break;
        case '\\': out = '\\'; break;
        case '/': out = '/'; break;
        case 'b': out = '\b'; break;
        case 'f': out = '\f'; break;
        case 'n': out = '\n'; break;
        case 'r': out = '\r'; break;
        case 't': out = '\t'; break;
        case 'u': {
            unsigned cp;
            if (hex4(ps, &cp) != 0)
                return -1;
            if (cp >= 0xD800 && cp <= 0xDBFF && ps->n - ps->pos >= 6 && ps->p[ps->pos] == '\\' &&
                ps->p[ps->pos + 1] == 'u') {
                size_t save = ps->pos;
                unsigned lo;
                ps->pos += 2;
                if (hex4(ps, &lo) != 0)
                    return -1;
                if (lo >= 0xDC00 && lo <= 0xDFFF)
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                else
                    ps->pos = save;
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = 0xFFFD; /* a lone surrogate */
            if (put_utf8(ps, cp) != 0)
                return -1;
            continue;
        }
        default:
            return fail(ps, "bad escape");
        }
        if (put_byte(ps, out) != 0)
            return -1;
    }
    *off = start;
    *len = ps->doc->nstrs - start;
    return put_byte(ps, '\0');
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A number (RFC 8259 grammar) into *v, by hand: up to 19 significant
 * digits in an integer, the rest as a power of ten. */
static int parse_number(parser *ps, double *v)
{
    static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    int neg = 0;
    uint64_t m = 0;
    int digits = 0;
    long exp10 = 0;
    if (ps->pos < ps->n && ps->p[ps->pos] == '-') {
        neg = 1;
        ps->pos++;
    }
    if (ps->pos >= ps->n || !is_digit(ps->p[ps->pos]))
        return fail(ps, "bad number");
    if (ps->p[ps->pos] == '0') {
        ps->pos++;
    } else {
        while (ps->pos < ps->n && is_digit(ps->p[ps->pos])) {
            if (digits < 19) {
                m = m * 10 + (uint64_t)(ps->p[ps->pos] - '0');
                digits++;
            } else if (exp10 < 100000) {
                exp10++;
            }
            ps->pos++;
        }
    }
    if (ps->pos < ps->n && ps->p[ps->pos] == '.') {
        ps->pos++;
        if (ps->pos >= ps->n || !is_digit(ps->p[ps->pos]))
            return fail(ps, "bad number");
        while (ps->pos < ps->n && is_digit(ps->p[ps->pos])) {
            if (digits < 19) {
                m = m * 10 + (uint64_t)(ps->p[ps->pos] - '0');
                if (m != 0)
                    digits++; /* leading zeros are not significant */
                if (exp10 > -100000)
                    exp10--;
            }
            ps->pos++;
        }
    }
    if (ps->pos < ps->n && (ps->p[ps->pos] == 'e' || ps->p[ps->pos] == 'E')) {
        ps->pos++;
        int eneg = 0;
        if (ps->pos < ps->n && (ps->p[ps->pos] == '+' || ps->p[ps->pos] == '-')) {
            eneg = ps->p[ps->pos] == '-';
            ps->pos++;
        }
        if (ps->pos >= ps->n || !is_digit(ps->p[ps->pos]))
            return fail(ps, "bad number");
        long e = 0;
        while (ps->pos < ps->n && is_digit(ps->p[ps->pos])) {
            if (e < 100000)
                e = e * 10 + (ps->p[ps->pos] - '0');
            ps->pos++;
        }
        exp10 += eneg ? -e : e;
    }
    double d = (double)m;
    if (d != 0) {
        if (exp10 > 400)
            exp10 = 400;
        if (exp10 < -400)
            exp10 = -400;
        while (exp10 > 22) {
            d *= 1e22;
            exp10 -= 22;
        }
        while (exp10 < -22) {
            d /= 1e22;
            exp10 += 22;
        }
        d = exp10 >= 0 ? d * p10[exp10] : d / p10[-exp10];
    }
    *v = neg ? -d : d;
    return 0;
}

static int literal(parser *ps, const char *word)
{
    size_t k = strlen(word);
    if (ps->n - ps->pos < k || memcmp(ps->p + ps->pos, word, k) != 0)
        return fail(ps, "unexpected character");
    ps->pos += k;
    return 0;
}

static int parse_value(parser *ps, int depth, size_t *out);

/* Elements of an array or members of an object, after its opening byte. */
static int parse_container(parser *ps, int depth, size_t self, int obj)
{
    char close = obj ? '}' : ']';
    size_t last = 0;
    skip_ws(ps);
    if (ps->pos < ps->n && ps->p[ps->pos] == close) {
        ps->pos++;
        return 0;
    }
    for (;;) {
        size_t key = 0, keylen = 0;
        skip_ws(ps);
        if (obj) {
            if (ps->pos >= ps->n || ps->p[ps->pos] != '"')
                return fail(ps, "expected a member name");
            if (parse_string(ps, &key, &keylen) != 0)
                return -1;
            skip_ws(ps);
            if (ps->pos >= ps->n || ps->p[ps->pos] != ':')
                return fail(ps, "expected ':'");
            ps->pos++;
        }
        size_t v;
        if (parse_value(ps, depth + 1, &v) != 0)
            return -1;
        tj_node *nodes = ps->doc->nodes;
        nodes[v].key = key;
        nodes[v].keylen = keylen;
        if (last)
            nodes[last].next = v;
        else
            nodes[self].child = v;
        nodes[self].count++;
        last = v;
        skip_ws(ps);
        if (ps->pos >= ps->n)
            return fail(ps, "unexpected end");
        char c = ps->p[ps->pos++];
        if (c == close)
            return 0;
        if (c != ',')
            return fail(ps, obj ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

static int parse_value(parser *ps, int depth, size_t *out)
{
    if (depth > TJ_MAX_DEPTH)
        return fail(ps, "nesting too deep");
    skip_ws(ps);
    if (ps->pos >= ps->n)
        return fail(ps, "unexpected end");
    char c = ps->p[ps->pos];
    size_t i;
    switch (c) {
    case '{':
    case '[':
        if (new_node(ps, c == '{' ? TJ_OBJ : TJ_ARR, &i) != 0)
            return -1;
        ps->pos++;
        if (parse_container(ps, depth, i, c == '{') != 0)
            return -1;
        break;
    case '"': {
        size_t off, len;
        if (new_node(ps, TJ_STR, &i) != 0 || parse_string(ps, &off, &len) != 0)
            return -1;
        ps->doc->nodes[i].str = off;
        ps->doc->nodes[i].len = len;
        break;
    }
    case 't':
        if (new_node(ps, TJ_TRUE, &i) != 0 || literal(ps, "true") != 0)
            return -1;
        break;
    case 'f':
        if (new_node(ps, TJ_FALSE, &i) != 0 || literal(ps, "false") != 0)
            return -1;
        break;
    case 'n':
        if (new_node(ps, TJ_NULL, &i) != 0 || literal(ps, "null") != 0)
            return -1;
        break;
    default: {
        if (c != '-' && !is_digit(c))
            return fail(ps, "unexpected character");
        double v;
        if (new_node(ps, TJ_NUM, &i) != 0 || parse_number(ps, &v) != 0)
            return -1;
        ps->doc->nodes[i].num = v;
        break;
    }
    }
    *out = i;
    return 0;
}

int tj_parse(const char *p, size_t n, tj_doc *doc, char *err, size_t errsz)
{
    memset(doc, 0, sizeof *doc);
    parser ps = {p, n, 0, doc, err, errsz};
    /* Offset 0 of the pool is the empty string (keys of array elements). */
    if (put_byte(&ps, '\0') != 0)
        return -1;
    size_t root;
    if (parse_value(&ps, 0, &root) != 0)
        return -1;
    skip_ws(&ps);
    if (ps.pos != n)
        return fail(&ps, "text after the JSON value");
    return 0;
}

void tj_doc_free(tj_doc *doc)
{
    free(doc->nodes);
    free(doc->strs);
    memset(doc, 0, sizeof *doc);
}

/* Member key of node i, the root included. */
static size_t member(const tj_doc *doc, size_t i, const char *key)
{
    if (i >= doc->nnodes || doc->nodes[i].kind != TJ_OBJ)
        return 0;
    size_t k = strlen(key);
    for (size_t c = doc->nodes[i].child; c; c = doc->nodes[c].next)
        if (doc->nodes[c].keylen == k && memcmp(doc->strs + doc->nodes[c].key, key, k) == 0)
            return c;
    return 0;
}

size_t tj_get(const tj_doc *doc, size_t i, const char *key)
{
    /* 0 is "absent" for callers that chain lookups, never the root. */
    return i == 0 ? 0 : member(doc, i, key);
}

size_t tj_root_get(const tj_doc *doc, const char *key)
{
    return member(doc, 0, key);
}

const char *tj_str(const tj_doc *doc, size_t i)
{
    if (i == 0 || i >= doc->nnodes || doc->nodes[i].kind != TJ_STR)
        return NULL;
    return doc->strs + doc->nodes[i].str;
}

/* ============================================================ TopoJSON */

typedef struct pt {
    long x, y; /* projected, tenths of a degree */
} pt;

typedef struct sbuf {
    char *d;
    size_t len, cap;
} sbuf;

typedef struct decoder {
    const tj_doc *doc;
    pt *pts;            /* every arc's points */
    size_t *arc_first, *arc_len;
    size_t narcs;
    pt *ring;           /* the ring being built */
    size_t nring, ringcap;
    size_t visited;     /* ring points visited (TJ_MAX_POINTS) */
    size_t total_path;  /* path bytes written (TJ_MAX_PATH) */
    char *err;
    size_t errsz;
} decoder;

static int sb_add(decoder *dc, sbuf *b, const char *s, size_t n)
{
    if (dc->total_path + n > TJ_MAX_PATH) {
        set_err(dc->err, dc->errsz, "path data over %zu bytes", TJ_MAX_PATH);
        return -1;
    }
    if (grow((void **)&b->d, &b->cap, b->len + n + 1, 1) != 0) {
        set_err(dc->err, dc->errsz, "out of memory");
        return -1;
    }
    memcpy(b->d + b->len, s, n);
    b->len += n;
    b->d[b->len] = '\0';
    dc->total_path += n;
    return 0;
}

/* A coordinate in tenths: "-12.3", ".5", "7"; a space before it unless it
 * starts with '-' or sep is 0. */
static int sb_num(decoder *dc, sbuf *b, long v, int sep)
{
    char t[32];
    size_t k = 0;
    if (v < 0)
        t[k++] = '-';
    else if (sep)
        t[k++] = ' ';
    unsigned long a = v < 0 ? (unsigned long)-v : (unsigned long)v;
    unsigned long whole = a / 10, frac = a % 10;
    if (whole || !frac) {
        char d[24];
        size_t nd = 0;
        do {
            d[nd++] = (char)('0' + whole % 10);
            whole /= 10;
        } while (whole);
        while (nd)
            t[k++] = d[--nd];
    }
    if (frac) {
        t[k++] = '.';
        t[k++] = (char)('0' + frac);
    }
    return sb_add(dc, b, t, k);
}

static int ring_add(decoder *dc, pt p)
{
    if (++dc->visited > TJ_MAX_POINTS) {
        set_err(dc->err, dc->errsz, "more than %zu ring points", TJ_MAX_POINTS);
        return -1;
    }
    if (dc->nring && dc->ring[dc->nring - 1].x == p.x && dc->ring[dc->nring - 1].y == p.y)
        return 0;
    if (grow((void **)&dc->ring, &dc->ringcap, dc->nring + 1, sizeof *dc->ring) != 0) {
        set_err(dc->err, dc->errsz, "out of memory");
        return -1;
    }
    dc->ring[dc->nring++] = p;
    return 0;
}

/* Integral number node in [lo, hi] into *v; -1 otherwise. */
static int int_node(const tj_doc *doc, size_t i, double lo, double hi, long *v)
{
    if (i == 0 || doc->nodes[i].kind != TJ_NUM)
        return -1;
    double d = doc->nodes[i].num;
    if (!(d >= lo && d <= hi) || d != floor(d))
        return -1;
    *v = (long)d;
    return 0;
}

/* The first n points of dc->ring as one subpath, moved by dx tenths. */
static int emit_ring(decoder *dc, sbuf *b, size_t n, long dx)
{
    if (sb_add(dc, b, "M", 1) != 0 || sb_num(dc, b, dc->ring[0].x + dx, 0) != 0 ||
        sb_num(dc, b, dc->ring[0].y, 1) != 0 || sb_add(dc, b, "l", 1) != 0)
        return -1;
    for (size_t i = 1; i < n; i++) {
        if (sb_num(dc, b, dc->ring[i].x - dc->ring[i - 1].x, i > 1) != 0 ||
            sb_num(dc, b, dc->ring[i].y - dc->ring[i - 1].y, 1) != 0)
            return -1;
    }
    return sb_add(dc, b, "z", 1);
}

/* One ring (an array of arc indexes) appended to the path b. */
static int add_ring(decoder *dc, size_t ring, sbuf *b)
{
    const tj_doc *doc = dc->doc;
    if (doc->nodes[ring].kind != TJ_ARR) {
        set_err(dc->err, dc->errsz, "a ring is not an array of arc indexes");
        return -1;
    }
    dc->nring = 0;
    int first_arc = 1;
    for (size_t a = doc->nodes[ring].child; a; a = doc->nodes[a].next) {
        long k;
        if (int_node(doc, a, -(double)dc->narcs, (double)dc->narcs - 1, &k) != 0) {
            set_err(dc->err, dc->errsz, "arc index not an integer below %zu", dc->narcs);
            return -1;
        }
        size_t idx = k >= 0 ? (size_t)k : (size_t)(-(k + 1));
        size_t first = dc->arc_first[idx], len = dc->arc_len[idx];
        for (size_t j = first_arc ? 0 : 1; j < len; j++) {
            pt p = k >= 0 ? dc->pts[first + j] : dc->pts[first + len - 1 - j];
            if (ring_add(dc, p) != 0)
                return -1;
        }
        first_arc = 0;
    }
    size_t n = dc->nring;
    if (n > 1 && dc->ring[n - 1].x == dc->ring[0].x && dc->ring[n - 1].y == dc->ring[0].y)
        n--; /* closed by "z" */
    if (n < 3)
        return 0;
    /* A ring across the antimeridian (Fiji, Chukotka) jumps by about 360
     * degrees: unwrap it into one piece beyond an edge of the map, and
     * draw it once more shifted by 360 degrees for the other edge. */
    long shift = 0, prev = dc->ring[0].x, minx = prev, maxx = prev;
    for (size_t i = 1; i < n; i++) {
        long raw = dc->ring[i].x;
        if (raw - prev > 1800)
            shift -= 3600;
        else if (raw - prev < -1800)
            shift += 3600;
        prev = raw;
        dc->ring[i].x = raw + shift;
        if (dc->ring[i].x < minx)
            minx = dc->ring[i].x;
        if (dc->ring[i].x > maxx)
            maxx = dc->ring[i].x;
    }
    if (emit_ring(dc, b, n, 0) != 0)
        return -1;
    if (minx < 0 && emit_ring(dc, b, n, 3600) != 0)
        return -1;
    if (maxx > 3600 && emit_ring(dc, b, n, -3600) != 0)
        return -1;
    return 0;
}

static int add_polygon(decoder *dc, size_t poly, sbuf *b)
{
    if (dc->doc->nodes[poly].kind != TJ_ARR) {
        set_err(dc->err, dc->errsz, "a polygon is not an array of rings");
        return -1;
    }
    for (size_t r = dc->doc->nodes[poly].child; r; r = dc->doc->nodes[r].next)
        if (add_ring(dc, r, b) != 0)
            return -1;
    return 0;
}

/* The two numbers of a [a, b] array node into v. */
static int pair(const tj_doc *doc, size_t i, double v[2])
{
    if (i == 0 || doc->nodes[i].kind != TJ_ARR || doc->nodes[i].count < 2)
        return -1;
    size_t a = doc->nodes[i].child, b = doc->nodes[a].next;
    if (doc->nodes[a].kind != TJ_NUM || doc->nodes[b].kind != TJ_NUM)
        return -1;
    v[0] = doc->nodes[a].num;
    v[1] = doc->nodes[b].num;
    return isfinite(v[0]) && isfinite(v[1]) ? 0 : -1;
}

/* Decode every arc into dc->pts, projected. */
static int decode_arcs(decoder *dc, size_t arcs, const double *scale, const double *translate)
{
    const tj_doc *doc = dc->doc;
    if (arcs == 0 || doc->nodes[arcs].kind != TJ_ARR) {
        set_err(dc->err, dc->errsz, "no \"arcs\" array");
        return -1;
    }
    dc->narcs = doc->nodes[arcs].count;
    size_t total = 0;
    for (size_t a = doc->nodes[arcs].child; a; a = doc->nodes[a].next) {
        if (doc->nodes[a].kind != TJ_ARR) {
            set_err(dc->err, dc->errsz, "an arc is not an array of positions");
            return -1;
        }
        total += doc->nodes[a].count; /* bounded by the node count */
    }
    dc->arc_first = calloc(dc->narcs ? dc->narcs : 1, sizeof *dc->arc_first);
    dc->arc_len = calloc(dc->narcs ? dc->narcs : 1, sizeof *dc->arc_len);
    dc->pts = calloc(total ? total : 1, sizeof *dc->pts);
    if (!dc->arc_first || !dc->arc_len || !dc->pts) {
        set_err(dc->err, dc->errsz, "out of memory");
        return -1;
    }
    size_t i = 0, np = 0;
    for (size_t a = doc->nodes[arcs].child; a; a = doc->nodes[a].next, i++) {
        dc->arc_first[i] = np;
        double x = 0, y = 0;
        for (size_t p = doc->nodes[a].child; p; p = doc->nodes[p].next) {
            double v[2];
            if (pair(doc, p, v) != 0) {
                set_err(dc->err, dc->errsz, "a position is not two numbers");
                return -1;
            }
            double lon, lat;
            if (scale) {
                x += v[0]; /* delta-encoded */
                y += v[1];
                lon = x * scale[0] + translate[0];
                lat = y * scale[1] + translate[1];
            } else {
                lon = v[0];
                lat = v[1];
            }
            double px = (lon + 180.0) * 10.0, py = (90.0 - lat) * 10.0;
            if (!(px > -TJ_MAX_COORD && px < TJ_MAX_COORD && py > -TJ_MAX_COORD &&
                  py < TJ_MAX_COORD)) {
                set_err(dc->err, dc->errsz, "coordinate out of range in arc %zu", i);
                return -1;
            }
            dc->pts[np].x = (long)floor(px + 0.5);
            dc->pts[np].y = (long)floor(py + 0.5);
            np++;
        }
        dc->arc_len[i] = np - dc->arc_first[i];
    }
    return 0;
}

static void copy_trunc(char *dst, size_t cap, const char *s, size_t n)
{
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--; /* not inside a UTF-8 sequence */
    }
    memcpy(dst, s, n);
    dst[n] = '\0';
}

static int decode_countries(decoder *dc, size_t geoms, tj_map *out)
{
    const tj_doc *doc = dc->doc;
    out->countries = calloc(doc->nodes[geoms].count ? doc->nodes[geoms].count : 1,
                            sizeof *out->countries);
    if (!out->countries) {
        set_err(dc->err, dc->errsz, "out of memory");
        return -1;
    }
    for (size_t g = doc->nodes[geoms].child; g; g = doc->nodes[g].next) {
        const char *type = tj_str(doc, tj_get(doc, g, "type"));
        if (!type || (strcmp(type, "Polygon") != 0 && strcmp(type, "MultiPolygon") != 0))
            continue;
        size_t arcs = tj_get(doc, g, "arcs");
        if (arcs == 0 || doc->nodes[arcs].kind != TJ_ARR) {
            set_err(dc->err, dc->errsz, "a %s without \"arcs\"", type);
            return -1;
        }
        tj_country *c = &out->countries[out->n++];
        size_t id = tj_get(doc, g, "id");
        long num;
        if (id && doc->nodes[id].kind == TJ_STR)
            copy_trunc(c->id, sizeof c->id, tj_str(doc, id), doc->nodes[id].len);
        else if (int_node(doc, id, 0, 9999999, &num) == 0)
            snprintf(c->id, sizeof c->id, "%ld", num);
        size_t name = tj_get(doc, tj_get(doc, g, "properties"), "name");
        if (name && doc->nodes[name].kind == TJ_STR)
            copy_trunc(c->name, sizeof c->name, tj_str(doc, name), doc->nodes[name].len);
        sbuf b = {NULL, 0, 0};
        int rc = 0;
        if (sb_add(dc, &b, "", 0) != 0) {
            rc = -1;
        } else if (strcmp(type, "Polygon") == 0) {
            rc = add_polygon(dc, arcs, &b);
        } else {
            for (size_t p = doc->nodes[arcs].child; p && rc == 0; p = doc->nodes[p].next)
                rc = add_polygon(dc, p, &b);
        }
        c->path = b.d;
        c->path_len = b.len;
        if (rc != 0)
            return -1;
    }
    return 0;
}

int tj_decode(const char *p, size_t n, tj_map *out, char *err, size_t errsz)
{
    memset(out, 0, sizeof *out);
    tj_doc doc;
    if (tj_parse(p, n, &doc, err, errsz) != 0) {
        tj_doc_free(&doc);
        return -1;
    }
    decoder dc;
    memset(&dc, 0, sizeof dc);
    dc.doc = &doc;
    dc.err = err;
    dc.errsz = errsz;
    int rc = -1;
    double scale[2], translate[2];
    int quantized = 0;
    size_t t = tj_root_get(&doc, "transform");
    size_t geoms = tj_get(&doc, tj_get(&doc, tj_root_get(&doc, "objects"), "countries"),
                          "geometries");
    if (doc.nodes[0].kind != TJ_OBJ) {
        set_err(err, errsz, "not a TopoJSON object");
    } else if (t && (pair(&doc, tj_get(&doc, t, "scale"), scale) != 0 ||
                     pair(&doc, tj_get(&doc, t, "translate"), translate) != 0)) {
        set_err(err, errsz, "\"transform\" without two numbers of scale and translate");
    } else if (geoms == 0 || doc.nodes[geoms].kind != TJ_ARR) {
        set_err(err, errsz, "no objects.countries.geometries array");
    } else {
        quantized = t != 0;
        if (decode_arcs(&dc, tj_root_get(&doc, "arcs"), quantized ? scale : NULL,
                        quantized ? translate : NULL) == 0 &&
            decode_countries(&dc, geoms, out) == 0)
            rc = 0;
    }
    free(dc.pts);
    free(dc.arc_first);
    free(dc.arc_len);
    free(dc.ring);
    tj_doc_free(&doc);
    return rc;
}

void tj_map_free(tj_map *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->countries[i].path);
    free(m->countries);
    memset(m, 0, sizeof *m);
}
