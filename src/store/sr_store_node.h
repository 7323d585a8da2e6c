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
/* Place score of two far-apart towns of one name (one of them may be the
 * gazetteer's wrong pick): linked only on shared names. */
#define SR_PLACE_NAMESAKE 0.75
/* Place score when one side has no place and its names include the other
 * side's town ("Staunton police have arrested ..."): the town, named
 * without the words that would have made it the incident's place. */
#define SR_PLACE_NAMED 1.5
/* A report without any place looks its rarest names up as towns: at most
 * this many of them. */
#define SR_TOWN_LOOKUPS 6
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

/* Names (capitalised words) a report is linked by: at most SR_TERMS per
 * report, each folded to at most SR_TERM_LEN - 1 bytes; an incident keeps
 * a profile of at most SR_PROFILE bytes ("term:count|..."). */
#define SR_TERMS 24
#define SR_TERM_LEN 32
#define SR_PROFILE 1024
/* Candidate incidents are looked up by the rarest SR_TERM_LOOKUPS names of
 * a report (at most 8 incidents each). */
#define SR_TERM_LOOKUPS 6
/* Name words of one article read for weighing (document frequencies). */
#define SR_ARTICLE_TERMS 48
/* The weight of a name is its idf, ln((N + SR_IDF_PRIOR) / (df + 1)) for a
 * name df of the N stored articles used: the prior keeps the first names
 * of a new store from all looking rare. */
#define SR_IDF_PRIOR 50.0
/* A name that at least this share of the articles that use it also write
 * in lower case is a common noun ("Hospital", "Sheriff"), once at least
 * SR_COMMON_MIN_DF articles used it. */
#define SR_COMMON_SHARE 0.25
#define SR_COMMON_MIN_DF 4
/* Names more common than this weight (used by more than about one article
 * in 20) say nothing about which incident a report is about. */
#define SR_TERM_MIN_WEIGHT 3.0
/* Shared names of this summed weight (and at least two of them) outweigh
 * a disagreement of places: the extractor's place can be wrong (an
 * ambiguous town, a person's name taken for a place), two reports that
 * name the same rare people and streets are about one incident. */
#define SR_NAMES_STRONG 10.0
/* ... when they are a large part of what the report names (a few shared
 * words such as "Medical Center" in a long list are not). */
#define SR_NAMES_STRONG_SHARE 0.25
/* ... or when they are this many own names: a long report (a background
 * piece, a trial) names so many other people, places and bodies that its
 * own incident's few rare names are a small part of its weight, yet four
 * rare names an incident's reports used are no coincidence. */
#define SR_NAMES_STRONG_MANY 4
/* Shared names of this summed weight (at least three of them, and this
 * part of the report's names) outweigh the extracted type and an explicit
 * date up to SR_NAME_WINDOW days away. */
#define SR_NAMES_DECISIVE 15.0
#define SR_NAMES_DECISIVE_SHARE 0.4
/* One rare shared name stands in for a close date when places agree only
 * weakly (same country, or one side without a place). */
#define SR_NAMES_SOME 4.5
/* A report with names of at least this summed weight that shares none of
 * them with an incident of at least SR_PROFILE_MIN names is about another
 * incident, unless dates or perpetrators say otherwise. */
#define SR_NAMES_DISAGREE 15.0
#define SR_PROFILE_MIN 8
/* ... or that shares less than this part of their weight. */
#define SR_NAMES_SHARE 0.1
/* Shared names add a third of their weight to a candidate's score, at
 * most this much. */
#define SR_NAMES_POINTS 8.0

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
    char profile[SR_PROFILE];   /* names of the incident's reports with their
                                   counts; of a mention, its own (count 1) */
    size_t nterms;              /* a mention being linked: its names ... */
    char terms[SR_TERMS][SR_TERM_LEN];
    double tweight[SR_TERMS];   /* ... how rare each is (idf) ... */
    int64_t tdf[SR_TERMS];      /* ... and how many other articles used it */
} sr_node;

/* One name word of an article (sr_name_terms). */
typedef struct sr_term {
    char w[SR_TERM_LEN];        /* folded: lower case, no apostrophes */
    unsigned tf;                /* occurrences */
    int named;                  /* capitalised inside a sentence at least once */
    int lower;                  /* also written in lower case (a common noun) */
    double weight;
    int64_t df;                 /* other stored articles that used it */
    int common;                 /* the store's articles often write it in lower
                                   case too */
} sr_term;

/* The distinct name words of text p (n bytes): capitalised words of three
 * or more letters that occur capitalised inside a sentence at least once
 * (a capital after a full stop or on a title-case headline line marks no
 * name), without days, months and titles; .lower is set for those the text
 * also writes in lower case.  At most cap, in order of first occurrence;
 * returns how many. */
size_t sr_name_terms(const char *p, size_t n, sr_term *out, size_t cap);
/* The length, at most o, of the longest prefix of s[0..o) that does not
 * end inside a UTF-8 sequence. */
size_t sr_utf8_whole(const char *s, size_t o);
/* Does profile hold term w? */
int sr_profile_has(const char *profile, const char *w);
/* Number of terms in a profile. */
size_t sr_profile_size(const char *profile);
/* Add the counts of profile add to profile dst (cap bytes); when it does
 * not fit, the least used terms are dropped. */
void sr_profile_merge(char *dst, size_t cap, const char *add);
/* How much the names of mention m agree with incident c's profile: the
 * summed weight of the shared terms, their number, and the summed weight
 * of all of m's terms.  A shared name counts in proportion to how much of
 * its use the incident accounts for: a name that many more articles used
 * than the incident has reports ("Greece", "Minister") belongs to no one
 * incident; one that about as many used as the incident has reports is
 * its own ("Grigoropoulos"). */
void sr_entity_agreement(const sr_node *m, const sr_node *c, double *shared, size_t *nshared,
                         double *total);

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
