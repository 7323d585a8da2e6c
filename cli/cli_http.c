/*
 * cli_http.c - the request checks of sitrep serve that need no server:
 * the path rules on the raw request target, the router, the media type of
 * a POST body, UTF-8 validation of a body, and the query arguments of
 * GET /incidents.  Kept apart from cmd_serve.c so that they can be fuzzed
 * on their own (fuzz/fuzz_http.c).
 */
#include "cli_http.h"
#include "cmd_store.h"

#include <stdio.h>
#include <string.h>

/* ASCII case-insensitive prefix test. */
int cli_ascii_prefix(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++) {
        char a = *s, b = *prefix;
        if (a >= 'A' && a <= 'Z')
            a = (char)(a + 32);
        if (b >= 'A' && b <= 'Z')
            b = (char)(b + 32);
        if (a != b)
            return 0;
    }
    return 1;
}

/* Length of the valid UTF-8 prefix of p (n when all of it is valid):
 * no overlong forms, surrogates or code points above U+10FFFF. */
size_t cli_utf8_valid_prefix(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        unsigned lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            return i;
        }
        if (n - i <= need)
            return i;
        if (p[i + 1] < lo || p[i + 1] > hi)
            return i;
        for (size_t k = 2; k <= need; k++)
            if (p[i + k] < 0x80 || p[i + k] > 0xBF)
                return i;
        i += need + 1;
    }
    return n;
}


/* The route of path (already checked against the path rules). */
cli_route cli_http_route(const char *path, int64_t *id)
{
    if (strcmp(path, "/") == 0)
        return CLI_R_PAGE;
    if (strcmp(path, "/healthz") == 0)
        return CLI_R_HEALTH;
    if (strcmp(path, "/version") == 0)
        return CLI_R_VERSION;
    if (strcmp(path, "/incidents") == 0)
        return CLI_R_LIST;
    if (strcmp(path, "/articles") == 0)
        return CLI_R_ARTICLES;
    const char *p = "/incidents/";
    if (strncmp(path, p, strlen(p)) == 0) {
        const char *d = path + strlen(p);
        size_t n = strlen(d);
        if (n >= 1 && n <= 18 && strspn(d, "0123456789") == n &&
            cli_parse_count(d, id) == 0 && *id > 0)
            return CLI_R_SHOW;
    }
    return CLI_R_NONE;
}

/* The path rules, on the raw request target: an absolute path of printable
 * ASCII without "..", "//", backslashes or percent escapes (no route
 * needs one, so %2e%2e, %2f and %00 never reach the router); the query may
 * hold percent escapes (MHD decodes them) but no other bytes. */
int cli_http_target_ok(const char *t)
{
    if (t[0] != '/')
        return 0;
    const char *q = strchr(t, '?');
    size_t plen = q ? (size_t)(q - t) : strlen(t);
    for (size_t i = 0; t[i]; i++) {
        unsigned char b = (unsigned char)t[i];
        if (b <= 0x20 || b >= 0x7f || b == '#')
            return 0;
        if (i < plen) {
            if (b == '%' || b == '\\')
                return 0;
            if (i + 1 < plen && ((b == '.' && t[i + 1] == '.') || (b == '/' && t[i + 1] == '/')))
                return 0;
        }
    }
    return 1;
}

/* The media type of a Content-Type header: 1 application/json, 2 JSON
 * Lines, 0 other (a charset parameter other than UTF-8 is other). */
int cli_http_body_kind(const char *ct)
{
    if (!ct)
        return 0;
    const char *semi = strchr(ct, ';');
    size_t n = semi ? (size_t)(semi - ct) : strlen(ct);
    while (n > 0 && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
        n--;
    int kind = 0;
    static const struct { const char *name; int kind; } types[] = {
        {"application/json", 1}, {"application/x-ndjson", 2}, {"application/jsonl", 2}};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (n == strlen(types[i].name) && cli_ascii_prefix(ct, types[i].name))
            kind = types[i].kind;
    if (kind && semi) {
        const char *p = semi + 1;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!cli_ascii_prefix(p, "charset=") ||
            !(cli_ascii_prefix(p + 8, "utf-8") || cli_ascii_prefix(p + 8, "\"utf-8\"")))
            return 0;
    }
    return kind;
}

/* The query arguments of GET /incidents. */
int cli_http_query_arg(cli_list_query *q, const char *key, const char *value)
{
    static const char *const names[] = {"from", "to", "country", "type", "min_killed", "limit"};
    int k = -1;
    for (int i = 0; i < 6; i++)
        if (strcmp(key, names[i]) == 0)
            k = i;
    if (k < 0) {
        q->bad = key;
        snprintf(q->why, sizeof q->why, "unknown parameter");
        return -1;
    }
    if (q->seen & (1 << k)) {
        q->bad = key;
        snprintf(q->why, sizeof q->why, "parameter given twice");
        return -1;
    }
    q->seen |= 1 << k;
    const char *v = value ? value : "";
    size_t n = strlen(v);
    int ok = 1;
    if (k <= 1) {
        sitrep_date *d = k == 0 ? &q->f.from : &q->f.to;
        ok = n == 10 && v[4] == '-' && v[7] == '-' &&
             sitrep_date_parse(v, n, d) == SITREP_OK && d->year != 0;
        if (ok)
            memcpy(k == 0 ? q->from : q->to, v, 11);
        else
            snprintf(q->why, sizeof q->why, "not a date YYYY-MM-DD");
    } else if (k == 2) {
        ok = n == 2;
        for (size_t i = 0; ok && i < 2; i++) {
            char ch = v[i];
            if (ch >= 'a' && ch <= 'z')
                ch = (char)(ch - 32);
            ok = ch >= 'A' && ch <= 'Z';
            q->f.country[i] = ch;
        }
        if (!ok)
            snprintf(q->why, sizeof q->why, "not a two-letter country code");
    } else if (k == 3) {
        ok = n >= 1 && n < sizeof q->type;
        for (size_t i = 0; ok && i < n; i++)
            ok = (v[i] >= 'a' && v[i] <= 'z') || v[i] == '_';
        if (ok) {
            memcpy(q->type, v, n + 1);
            q->f.type = q->type;
        } else {
            snprintf(q->why, sizeof q->why, "not a type slug (a-z and _)");
        }
    } else if (k == 4) {
        ok = cli_parse_count(v, &q->f.min_killed) == 0;
        if (!ok)
            snprintf(q->why, sizeof q->why, "not a number");
    } else {
        ok = cli_parse_count(v, &q->f.limit) == 0 && q->f.limit >= 1 && q->f.limit <= CLI_LIST_MAX;
        if (!ok)
            snprintf(q->why, sizeof q->why, "not a number from 1 to %d", CLI_LIST_MAX);
    }
    if (!ok) {
        q->bad = key;
        return -1;
    }
    return 0;
}
