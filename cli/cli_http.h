/*
 * cli_http.h - request checks of sitrep serve that need no server
 * (cli_http.c): path rules, routing, body media type, UTF-8 validation,
 * the query arguments of GET /incidents.  Pure functions over their
 * arguments; fuzzed by fuzz/fuzz_http.c.
 */
#ifndef CLI_HTTP_H
#define CLI_HTTP_H

#include <sitrep/store.h>

#include <stddef.h>
#include <stdint.h>

/* GET /incidents answers at most this many incidents (?limit=). */
#define CLI_LIST_MAX 1000

typedef enum cli_route {
    CLI_R_NONE,
    CLI_R_PAGE,
    CLI_R_HEALTH,
    CLI_R_VERSION,
    CLI_R_LIST,
    CLI_R_SHOW,
    CLI_R_ARTICLES
} cli_route;

/* 1 when s starts with prefix, ASCII letters compared without case. */
int cli_ascii_prefix(const char *s, const char *prefix);

/* Length of the valid UTF-8 prefix of p (n when all of it is valid): no
 * overlong forms, surrogates or code points above U+10FFFF. */
size_t cli_utf8_valid_prefix(const unsigned char *p, size_t n);

/* The route of path (already checked by cli_http_target_ok); for
 * CLI_R_SHOW the incident id in *id. */
cli_route cli_http_route(const char *path, int64_t *id);

/* 1 when the raw request target t (NUL-terminated) keeps the path rules
 * (docs/serve.md, "Path rules"), else 0. */
int cli_http_target_ok(const char *t);

/* The media type of a Content-Type header: 1 application/json, 2 JSON
 * Lines, 0 other or NULL (a charset parameter other than UTF-8 is other). */
int cli_http_body_kind(const char *ct);

/* The checked query arguments of GET /incidents.  Zero it, set
 * f.min_killed = -1 and f.limit to the default, then give it each
 * argument. */
typedef struct cli_list_query {
    sitrep_store_filter f;
    char from[11], to[11], type[33];
    int seen;                   /* bit per argument: duplicates are errors */
    const char *bad;            /* the first bad argument (points at key) */
    char why[96];               /* what is wrong with it */
} cli_list_query;

/* Check and take one query argument (value NULL: given without '=').
 * 0, or -1 with q->bad and q->why set. */
int cli_http_query_arg(cli_list_query *q, const char *key, const char *value);

#endif /* CLI_HTTP_H */
