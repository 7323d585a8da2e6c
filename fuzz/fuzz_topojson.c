/*
 * fuzz_topojson.c - libFuzzer target for the TopoJSON decoder of the build
 * tool topo2svg (tools/topojson.c): the input is given to tj_parse and to
 * tj_decode as it is (not NUL-terminated).  The parsed tree's links must
 * stay inside it, and the path data of a decoded map must be well formed:
 * only path commands, digits, '.', '-' and spaces, of the length said.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../tools/topojson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data;
    char err[128];
    tj_doc doc;
    if (tj_parse(p, size, &doc, err, sizeof err) == 0) {
        for (size_t i = 0; i < doc.nnodes; i++) {
            const tj_node *n = &doc.nodes[i];
            if (n->child >= doc.nnodes || n->next >= doc.nnodes || n->key >= doc.nstrs ||
                (n->kind == TJ_STR && n->str + n->len >= doc.nstrs))
                abort();
        }
        (void)tj_root_get(&doc, "objects");
    }
    tj_doc_free(&doc);
    tj_map m;
    if (tj_decode(p, size, &m, err, sizeof err) == 0) {
        for (size_t i = 0; i < m.n; i++) {
            const tj_country *c = &m.countries[i];
            if (!c->path || strlen(c->path) != c->path_len || strlen(c->id) >= sizeof c->id ||
                strlen(c->name) >= sizeof c->name)
                abort();
            if (c->path[strspn(c->path, "Mlz0123456789.- ")] != '\0')
                abort();
        }
    }
    tj_map_free(&m);
    return 0;
}
