/*
 * sr_store_node.h - the linking key of an incident or of one mention
 * (type set, date, place, perpetrators, report times) as the store's
 * resolver compares them, and the helpers that read, merge and write it.
 */
#ifndef SR_STORE_NODE_H
#define SR_STORE_NODE_H

#include "store/sr_store.h"

#define SR_NODE_STR 128

/* Place precision, coarsest first. */
enum { PREC_NONE = 0, PREC_TEXT = 1, PREC_COUNTRY = 2, PREC_ADMIN1 = 3, PREC_CITY = 4 };

/* Two places resolved to cities are one place within this distance. */
#define SR_NEAR_KM 40.0
/* Two towns of one first-level region this close may name one place. */
#define SR_REGION_KM 120.0
/* Explicit incident dates of one incident differ by at most this (days). */
#define SR_DAY_WINDOW 2
/* A date taken from the publication date: the incident may be this much
 * older. */
#define SR_LOOSE_WINDOW 10
/* Reports that share an event name are one incident when their dates are at
 * most this far apart (days): a storm or a wildfire lasts weeks. */
#define SR_NAME_WINDOW 45
/* Near duplicates are looked for among the articles of the last
 * SR_NEAR_DUP_BUCKETS ingest buckets of 2^SR_NEAR_DUP_BUCKET_BITS articles
 * (at least 114,688 and at most 131,072 articles back). */
#define SR_NEAR_DUP_BUCKET_BITS 14
#define SR_NEAR_DUP_BUCKETS 8
/* Articles with fewer shingles are never near duplicates. */
#define SR_NEAR_DUP_MIN_SHINGLES 12

typedef struct sr_node {
    int64_t id;                 /* incident id, 0: not stored yet */
    unsigned tmask;             /* sr_type_bit of every type */
    char type[48];
    char types[256];            /* '|'-separated slugs */
    int has_day, day_explicit;
    int64_t day;                /* days since 1970-01-01 */
    char country[3];
    char admin1[SR_NODE_STR];
    char place[SR_NODE_STR];
    char place_key[SR_NODE_STR];
    uint32_t gid;
    int has_coords;
    double lat, lon;
    int prec;
    char perpetrator[SR_NODE_STR];
    char perps[512];            /* '|'-separated organisation names */
    int64_t mentions;
    int has_time;
    int64_t first_time, last_time, time;
    char first_reported[48], last_reported[48];
    int64_t seq;                /* latest article row id */
    char alt_gids[256];         /* '|'-separated GeoNames ids of places that
                                   corrections (merge) attached */
    char name[SR_NODE_STR];     /* event name as written ("Hurricane Florence") */
    char name_key[SR_NODE_STR]; /* its folded key ("storm florence"), "" none */
} sr_node;

int64_t sr_store_days(int y, int m, int d);
void sr_store_civil(int64_t days, sitrep_date *d);

/* Bit of a type slug (an unknown slug has a bit of its own). */
unsigned sr_type_bit(const char *slug);
/* Classes (attack, fire, quake, ...) of a type mask. */
unsigned sr_type_classes(unsigned mask);

void sr_node_copy(char *dst, size_t cap, const char *p, size_t n);
/* Fold mention m into incident inc (is_main: m may set the date). */
void sr_node_merge(sr_node *inc, const sr_node *m, int is_main);
/* Attach the place gid to inc as an alternative place (merges). */
void sr_node_add_alias(sr_node *inc, uint32_t gid);
/* Read the incident columns (see CAND_COLS in sr_store.c) of the current row. */
void sr_node_read(sqlite3_stmt *s, sr_node *n);
/* Insert (id 0, then set) or update incident n. */
sitrep_status sr_node_write(sitrep_store *st, sr_node *n);
/* Compatibility of mention m with incident c (< 0: not the same). */
double sr_link_score(const sr_node *m, const sr_node *c);

#endif
