/*
 * sr_gaz.h - the gazetteer: GeoNames places (cities500), first- and
 * second-level regions (states; counties, districts) and countries, compiled into one file that is mapped read-only (mmap) and
 * used in place, so a handle starts in milliseconds.
 *
 * Lookup is by folded key (sr_fold_key: "al bukamal", "sanaa"), over the
 * place names and GeoNames alternate names (Latin-script ones), region names
 * second-level region names (with and without their kind word: "cook
 * county", "district of rutland" / "rutland", "zhob district" / "zhob") and
 * country names (with common short forms: "US", "Britain", "Ivory Coast"
 * come from lexicon data, not from here).
 */
#ifndef SR_GAZ_H
#define SR_GAZ_H

#include <stddef.h>
#include <stdint.h>
#include "../util/sr_mem.h"

typedef struct sr_gaz sr_gaz;

enum sr_place_kind {
    SR_PLACE_CITY = 1,    /* populated place (GeoNames feature class P) */
    SR_PLACE_ADMIN1 = 2,  /* first-level region */
    SR_PLACE_COUNTRY = 3,
    SR_PLACE_ADMIN2 = 4   /* second-level region (county, district) */
};

#define SR_GAZ_NONE UINT32_MAX /* no such place id (sr_place.admin2_id) */

typedef struct sr_place {
    uint32_t id;          /* index of the place inside the gazetteer */
    uint32_t geonames_id; /* 0 for regions and countries without one */
    uint8_t kind;         /* enum sr_place_kind */
    char country[3];      /* ISO alpha-2, NUL-terminated */
    char fcode[8];        /* GeoNames feature code ("PPLC", "PPLA", ...) */
    const char *name;     /* display name (UTF-8), not NUL-terminated */
    size_t name_len;
    const char *admin1;   /* region display name, may be empty */
    size_t admin1_len;
    char admin1_code[24];   /* GeoNames admin1 code ("06"), "" if none */
    double lat, lon;      /* regions and countries: their capital's or centroid;
                             admin2: its seat's, else its largest town's */
    uint32_t population;
    uint32_t admin2_id;   /* id of the second-level region place it lies in (an
                             admin2 place: its own id); SR_GAZ_NONE when none.
                             Its name: sr_gaz_admin2_of. */
} sr_place;

/* Open a compiled gazetteer.  On failure returns SITREP_E_DATA/E_IO/E_NOMEM
 * and writes a message naming the path into err. */
sitrep_status sr_gaz_open(const sr_alloc *a, const char *path, sr_gaz **out,
                          char *err, size_t errlen);
void sr_gaz_close(sr_gaz *g);   /* NULL allowed */

/* Places whose name or alternate name folds to key (sr_fold_key form,
 * key_len bytes).  Writes at most max places into out, most populous first;
 * returns how many matched in all (may exceed max). */
size_t sr_gaz_lookup(const sr_gaz *g, const char *key, size_t key_len,
                     sr_place *out, size_t max);
/* Same, by the sr_hash of the key (the tokenizer computes it as it goes);
 * a hash hit is checked against the key bytes. */
size_t sr_gaz_lookup_hash(const sr_gaz *g, uint64_t hash, const char *key,
                          size_t key_len, sr_place *out, size_t max);
/* Same, skipping the places whose kind k has bit (1u << k) set in skip (0:
 * none); *skipped (may be NULL) gets how many were skipped, so that a caller
 * caching misses can tell "no such name" from "none of the wanted kinds". */
size_t sr_gaz_lookup_hash_skip(const sr_gaz *g, uint64_t hash, const char *key, size_t key_len,
                               sr_place *out, size_t max, unsigned skip, size_t *skipped);
/* Longest key in words: callers need not try longer token runs. */
unsigned sr_gaz_max_words(const sr_gaz *g);

/* The country place of an ISO alpha-2 code; 0 when unknown. */
int sr_gaz_country(const sr_gaz *g, const char *iso2, sr_place *out);
/* The region place of (country, GeoNames admin1 code); 0 when unknown. */
int sr_gaz_admin1(const sr_gaz *g, const char *iso2, const char *admin1_code,
                  sr_place *out);
/* Place by sr_place.id; 0 when out of range. */
int sr_gaz_get(const sr_gaz *g, uint32_t id, sr_place *out);
/* The second-level region place of id admin2_id (sr_place.admin2_id); 0 when
 * there is none (SR_GAZ_NONE, or an id that is not a second-level region). */
int sr_gaz_admin2_of(const sr_gaz *g, uint32_t admin2_id, sr_place *out);

/* Number of places (ids are 0 .. n-1). */
uint32_t sr_gaz_nplaces(const sr_gaz *g);

/* Full integrity check, slower than sr_gaz_open (reads the whole file:
 * tens of milliseconds): the body checksum and every record's offsets.
 * SITREP_OK or SITREP_E_DATA with a message naming the path in err. */
sitrep_status sr_gaz_verify(const sr_gaz *g, char *err, size_t errlen);

/* Compiler (used by sitrep_gazetteer_compile).  Reads the sources
 * (see sitrep_gazetteer_compile), writes out_path atomically (out_path.tmp,
 * fsync, rename).  Errors: SITREP_E_IO (a file cannot be read or written),
 * SITREP_E_PARSE (a source is malformed: err says "path:line:column: ..."),
 * SITREP_E_LIMIT (sources too large for the format), SITREP_E_NOMEM.
 * admin2_json may be NULL: no second-level regions. */
sitrep_status sr_gaz_compile(const sr_alloc *a, const char *cities_tsv,
                             const char *admin1_json, const char *admin2_json,
                             const char *countries_json, const char *out_path, char *err,
                             size_t errlen);

#endif
