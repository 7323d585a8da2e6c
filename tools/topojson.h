/*
 * topojson.h - decoder of the country shapes of a TopoJSON file (the npm
 * package world-atlas, Natural Earth data) into SVG path data, for the
 * build tool tools/topo2svg.c and its fuzz target fuzz/fuzz_topojson.c.
 *
 * Input is untrusted bytes: the JSON parser advances over {ptr, len} and
 * checks bounds before every read, parses numbers by hand (no strtod, no
 * locale), limits nesting, and every size it derives from the input is
 * capped, so that any input gives either a map or an error, in memory and
 * time bounded by its length.  Plain malloc: this is build-time code, not
 * the library.
 */
#ifndef TOPOJSON_H
#define TOPOJSON_H

#include <stddef.h>

/* ---- JSON: a parsed document is an array of nodes linked by index. */

typedef enum tj_kind { TJ_NULL, TJ_FALSE, TJ_TRUE, TJ_NUM, TJ_STR, TJ_ARR, TJ_OBJ } tj_kind;

typedef struct tj_node {
    tj_kind kind;
    double num;          /* TJ_NUM */
    size_t str, len;     /* TJ_STR: decoded bytes at doc->strs + str */
    size_t key, keylen;  /* member of an object: its decoded key */
    size_t child;        /* TJ_ARR, TJ_OBJ: first element, 0 none */
    size_t next;         /* next element of the parent, 0 none */
    size_t count;        /* TJ_ARR, TJ_OBJ: number of elements */
} tj_node;

typedef struct tj_doc {
    tj_node *nodes;      /* nodes[0] is the root */
    size_t nnodes, cap;
    char *strs;          /* decoded strings and keys, each NUL-terminated */
    size_t nstrs, strcap;
} tj_doc;

/* Parse p[0..n) as one JSON value (RFC 8259; white space around it).
 * 0 on success; -1 with a message "offset N: ..." in err (truncated to
 * errsz) on malformed input, nesting deeper than 64 or out of memory.
 * Free with tj_doc_free (also after a failure). */
int tj_parse(const char *p, size_t n, tj_doc *doc, char *err, size_t errsz);
void tj_doc_free(tj_doc *doc);

/* Member `key` of object node i, or 0 when absent, when i is not an object
 * or when i is 0: 0 means "absent", so lookups chain safely
 * (tj_get(d, tj_get(d, g, "properties"), "name")).  The root's members:
 * tj_root_get. */
size_t tj_get(const tj_doc *doc, size_t i, const char *key);
/* Member `key` of the root object, or 0. */
size_t tj_root_get(const tj_doc *doc, const char *key);
/* The decoded bytes of string node i (NUL-terminated), or NULL. */
const char *tj_str(const tj_doc *doc, size_t i);

/* ---- TopoJSON countries */

typedef struct tj_country {
    char id[8];          /* "id" as given (ISO 3166-1 numeric), "" none */
    char name[64];       /* properties.name, truncated at a UTF-8 boundary */
    char *path;          /* SVG path data, NUL-terminated (malloc) */
    size_t path_len;
} tj_country;

typedef struct tj_map {
    tj_country *countries;
    size_t n;
} tj_map;

/*
 * Decode the Polygon and MultiPolygon geometries of objects.countries of a
 * TopoJSON topology (quantized with a transform and delta-encoded arcs, or
 * absolute coordinates without one) into SVG path data in the
 * equirectangular projection x = lon + 180, y = 90 - lat (viewBox
 * "0 0 360 180"), rounded to 0.1 with repeated points dropped: one subpath
 * per ring, "M" absolute then "l" relative moves, closed by "z".  Other
 * geometry types are skipped; a geometry whose rings all collapse gets an
 * empty path.  0 on success; -1 with a message in err.  Free with
 * tj_map_free (also after a failure).
 */
int tj_decode(const char *p, size_t n, tj_map *out, char *err, size_t errsz);
void tj_map_free(tj_map *m);

#endif
