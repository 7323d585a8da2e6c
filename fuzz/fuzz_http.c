/*
 * fuzz_http.c - libFuzzer target for the request checks of sitrep serve
 * (cli/cli_http.c): the input is split at newlines into a request target,
 * a Content-Type header and a query string; each goes through the check
 * that the service applies to it (path rules and router; media type;
 * query arguments split at '&' and '=' as the server hands them over), and
 * the whole input through the UTF-8 check of POST bodies.  Asserts the
 * invariants the service relies on: a target that passes the path rules
 * holds no "..", "//", '%' or byte outside printable ASCII in its path,
 * and a route of /incidents/ID carries a positive id.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../cli/cli_http.h"

static char *line(const uint8_t **p, const uint8_t *end)
{
    const uint8_t *s = *p, *e = s;
    while (e < end && *e != '\n')
        e++;
    char *out = malloc((size_t)(e - s) + 1);
    if (!out)
        abort();
    memcpy(out, s, (size_t)(e - s));
    out[e - s] = '\0';
    *p = e < end ? e + 1 : e;
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t ok = cli_utf8_valid_prefix(data, size);
    assert(ok <= size);
    const uint8_t *p = data, *end = data + size;
    char *target = line(&p, end);
    char *ctype = line(&p, end);
    char *query = line(&p, end);

    if (cli_http_target_ok(target)) {
        size_t plen = strcspn(target, "?");
        assert(target[0] == '/');
        for (size_t i = 0; i < plen; i++) {
            unsigned char b = (unsigned char)target[i];
            assert(b > 0x20 && b < 0x7f && b != '%' && b != '\\');
            assert(!(i + 1 < plen && b == '.' && target[i + 1] == '.'));
        }
        target[plen] = '\0';
        int64_t id = 0;
        if (cli_http_route(target, &id) == CLI_R_SHOW)
            assert(id > 0);
    }
    int kind = cli_http_body_kind(ctype);
    assert(kind >= 0 && kind <= 2);

    cli_list_query q;
    memset(&q, 0, sizeof q);
    q.f.min_killed = -1;
    q.f.limit = 100;
    for (char *arg = query; arg;) {
        char *amp = strchr(arg, '&');
        if (amp)
            *amp = '\0';
        char *eq = strchr(arg, '=');
        if (eq)
            *eq = '\0';
        if (cli_http_query_arg(&q, arg, eq ? eq + 1 : NULL) != 0) {
            assert(q.bad != NULL);
            break;
        }
        assert(q.f.limit >= 1 && q.f.limit <= CLI_LIST_MAX);
        arg = amp ? amp + 1 : NULL;
    }
    free(target);
    free(ctype);
    free(query);
    return 0;
}
