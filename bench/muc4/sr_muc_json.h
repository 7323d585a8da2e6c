/*
 * sr_muc_json.h - a small, strict JSON parser for the benchmark tools
 * (gtt_score): parses one JSON text held in memory into a tree of values.
 * Depth is bounded, every byte is checked, \uXXXX escapes (with surrogate
 * pairs) become UTF-8, numbers are kept as their source text.  Header-only,
 * file-local (static) functions; bench code: out of memory ends the program.
 */
#ifndef SR_MUC_JSON_H
#define SR_MUC_JSON_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum sr_mj_type { SR_MJ_NULL, SR_MJ_FALSE, SR_MJ_TRUE, SR_MJ_NUMBER, SR_MJ_STRING, SR_MJ_ARRAY, SR_MJ_OBJECT };

typedef struct sr_mj_value {
    int type;
    size_t n;                   /* string length, or number of items/members */
    char *str;                  /* string bytes (NUL-terminated), number text */
    char **keys;                /* object member names */
    struct sr_mj_value *items;  /* array items or object member values */
} sr_mj_value;

enum { SR_MJ_MAXDEPTH = 64 };

typedef struct sr_mj_parser {
    const char *p, *end;
    const char *err;            /* first error, NULL when none */
} sr_mj_parser;

static void *sr_mj_alloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("json: out of memory\n", stderr);
        exit(5);
    }
    return q;
}

static void sr_mj_ws(sr_mj_parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static int sr_mj_hex(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static long sr_mj_u4(sr_mj_parser *ps)
{
    long v = 0;
    int i;
    if (ps->end - ps->p < 4)
        return -1;
    for (i = 0; i < 4; i++) {
        int h = sr_mj_hex((unsigned char)ps->p[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    ps->p += 4;
    return v;
}

/* Parse a string (ps->p at the opening quote) into a new buffer. */
static char *sr_mj_string(sr_mj_parser *ps, size_t *len)
{
    size_t cap = 16, n = 0;
    char *b = sr_mj_alloc(NULL, cap);
    ps->p++;
    for (;;) {
        unsigned long cp;
        int c;
        if (ps->p >= ps->end) {
            ps->err = "unterminated string";
            break;
        }
        c = (unsigned char)*ps->p++;
        if (cap - n < 8) {
            cap *= 2;
            b = sr_mj_alloc(b, cap);
        }
        if (c == '"') {
            b[n] = '\0';
            *len = n;
            return b;
        }
        if (c < 0x20) {
            ps->err = "control character in string";
            break;
        }
        if (c != '\\') {
            b[n++] = (char)c;
            continue;
        }
        if (ps->p >= ps->end) {
            ps->err = "bad escape";
            break;
        }
        c = (unsigned char)*ps->p++;
        switch (c) {
        case '"': b[n++] = '"'; continue;
        case '\\': b[n++] = '\\'; continue;
        case '/': b[n++] = '/'; continue;
        case 'b': b[n++] = '\b'; continue;
        case 'f': b[n++] = '\f'; continue;
        case 'n': b[n++] = '\n'; continue;
        case 'r': b[n++] = '\r'; continue;
        case 't': b[n++] = '\t'; continue;
        case 'u': break;
        default: ps->err = "bad escape"; goto fail;
        }
        {
            long u = sr_mj_u4(ps);
            if (u < 0) {
                ps->err = "bad \\u escape";
                break;
            }
            cp = (unsigned long)u;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                long lo = -1;
                if (ps->end - ps->p >= 6 && ps->p[0] == '\\' && ps->p[1] == 'u') {
                    ps->p += 2;
                    lo = sr_mj_u4(ps);
                }
                if (lo < 0xDC00 || lo > 0xDFFF)
                    cp = 0xFFFD;
                else
                    cp = 0x10000 + ((cp - 0xD800) << 10) + ((unsigned long)lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            if (cp < 0x80) {
                b[n++] = (char)cp;
            } else if (cp < 0x800) {
                b[n++] = (char)(0xC0 | (cp >> 6));
                b[n++] = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                b[n++] = (char)(0xE0 | (cp >> 12));
                b[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                b[n++] = (char)(0x80 | (cp & 0x3F));
            } else {
                b[n++] = (char)(0xF0 | (cp >> 18));
                b[n++] = (char)(0x80 | ((cp >> 12) & 0x3F));
                b[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                b[n++] = (char)(0x80 | (cp & 0x3F));
            }
        }
    }
fail:
    free(b);
    *len = 0;
    return NULL;
}

/* Releases the children of v (not v itself). */
static void sr_mj_free(sr_mj_value *v)
{
    size_t i;
    if (v->type == SR_MJ_ARRAY || v->type == SR_MJ_OBJECT) {
        for (i = 0; i < v->n; i++) {
            sr_mj_free(&v->items[i]);
            if (v->keys)
                free(v->keys[i]);
        }
    }
    free(v->items);
    free(v->keys);
    free(v->str);
    memset(v, 0, sizeof *v);
}

static int sr_mj_lit(sr_mj_parser *ps, const char *w)
{
    size_t n = strlen(w);
    if ((size_t)(ps->end - ps->p) >= n && memcmp(ps->p, w, n) == 0) {
        ps->p += n;
        return 1;
    }
    return 0;
}

static void sr_mj_value_parse(sr_mj_parser *ps, sr_mj_value *v, int depth)
{
    memset(v, 0, sizeof *v);
    sr_mj_ws(ps);
    if (ps->p >= ps->end) {
        ps->err = "unexpected end";
        return;
    }
    if (depth > SR_MJ_MAXDEPTH) {
        ps->err = "nesting too deep";
        return;
    }
    switch (*ps->p) {
    case '"':
        v->type = SR_MJ_STRING;
        v->str = sr_mj_string(ps, &v->n);
        return;
    case '[':
    case '{': {
        int obj = *ps->p == '{';
        char close = obj ? '}' : ']';
        size_t cap = 0;
        v->type = obj ? SR_MJ_OBJECT : SR_MJ_ARRAY;
        ps->p++;
        sr_mj_ws(ps);
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            return;
        }
        for (;;) {
            char *key = NULL;
            if (obj) {
                size_t kl;
                sr_mj_ws(ps);
                if (ps->p >= ps->end || *ps->p != '"') {
                    ps->err = "expected member name";
                    return;
                }
                key = sr_mj_string(ps, &kl);
                if (!key)
                    return;
                sr_mj_ws(ps);
                if (ps->p >= ps->end || *ps->p != ':') {
                    free(key);
                    ps->err = "expected ':'";
                    return;
                }
                ps->p++;
            }
            if (v->n == cap) {
                cap = cap ? cap * 2 : 4;
                v->items = sr_mj_alloc(v->items, cap * sizeof *v->items);
                if (obj)
                    v->keys = sr_mj_alloc(v->keys, cap * sizeof *v->keys);
            }
            if (obj)
                v->keys[v->n] = key;
            sr_mj_value_parse(ps, &v->items[v->n], depth + 1);
            v->n++;
            if (ps->err)
                return;
            sr_mj_ws(ps);
            if (ps->p < ps->end && *ps->p == ',') {
                ps->p++;
                continue;
            }
            if (ps->p < ps->end && *ps->p == close) {
                ps->p++;
                return;
            }
            ps->err = obj ? "expected ',' or '}'" : "expected ',' or ']'";
            return;
        }
    }
    case 't':
        if (sr_mj_lit(ps, "true")) {
            v->type = SR_MJ_TRUE;
            return;
        }
        break;
    case 'f':
        if (sr_mj_lit(ps, "false")) {
            v->type = SR_MJ_FALSE;
            return;
        }
        break;
    case 'n':
        if (sr_mj_lit(ps, "null")) {
            v->type = SR_MJ_NULL;
            return;
        }
        break;
    default: {
        const char *b = ps->p;
        int digits = 0;
        if (ps->p < ps->end && *ps->p == '-')
            ps->p++;
        while (ps->p < ps->end && ((*ps->p >= '0' && *ps->p <= '9') || *ps->p == '.' || *ps->p == 'e' ||
                                   *ps->p == 'E' || *ps->p == '+' || *ps->p == '-')) {
            if (*ps->p >= '0' && *ps->p <= '9')
                digits++;
            ps->p++;
        }
        if (digits) {
            size_t n = (size_t)(ps->p - b);
            v->type = SR_MJ_NUMBER;
            v->str = sr_mj_alloc(NULL, n + 1);
            memcpy(v->str, b, n);
            v->str[n] = '\0';
            v->n = n;
            return;
        }
    }
    }
    ps->err = "unexpected character";
}

/* Parse exactly one JSON text from buf[0..len).  Returns 0 on success;
 * else -1 with *err set (v is then released). */
static int sr_mj_parse(const char *buf, size_t len, sr_mj_value *v, const char **err)
{
    sr_mj_parser ps;
    ps.p = buf;
    ps.end = buf + len;
    ps.err = NULL;
    sr_mj_value_parse(&ps, v, 0);
    if (!ps.err) {
        sr_mj_ws(&ps);
        if (ps.p != ps.end)
            ps.err = "trailing characters";
    }
    if (ps.err) {
        sr_mj_free(v);
        *err = ps.err;
        return -1;
    }
    *err = NULL;
    return 0;
}

/* Member of an object by name, or NULL. */
static const sr_mj_value *sr_mj_get(const sr_mj_value *o, const char *name)
{
    size_t i;
    if (!o || o->type != SR_MJ_OBJECT)
        return NULL;
    for (i = 0; i < o->n; i++)
        if (strcmp(o->keys[i], name) == 0)
            return &o->items[i];
    return NULL;
}

#endif /* SR_MUC_JSON_H */
