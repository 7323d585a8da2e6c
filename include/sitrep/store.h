/*
 * store.h - public interface of the sitrep incident store.
 *
 * The store keeps incidents over time in an SQLite database file: every
 * ingested article, the incidents extracted from it (mentions), the real
 * incidents those mentions are linked to, and every casualty figure each
 * report stated (observations), so that an incident carries the history of
 * each figure with who said it and when, and a consolidated current value.
 * docs/store.md describes the schema, the linking rules and the
 * consolidation policy.
 *
 * Conventions are those of sitrep.h: functions return a sitrep_status
 * (SITREP_OK is 0); sitrep_store_errmsg() gives the last message; handles
 * are opaque and *_close accepts NULL; the library never prints or exits.
 * Allocations of the store itself go through the configured allocator;
 * SQLite allocates with its own allocator, and its out-of-memory errors are
 * returned as SITREP_E_NOMEM.  One handle must not be used from two threads
 * at once.  Strings handed to callbacks are NUL-terminated, owned by the
 * store and valid only during the callback; an absent string is "".
 */
#ifndef SITREP_STORE_H
#define SITREP_STORE_H

#include <sitrep/sitrep.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Schema version written by this library (docs/store.md, "Migrations"). */
#define SITREP_STORE_SCHEMA_VERSION 6

typedef struct sitrep_store sitrep_store;

typedef struct sitrep_store_config {
    const char *path;                  /* database file; created if missing */
    const sitrep_allocator *allocator; /* NULL: malloc */
    /* 0: synchronous=NORMAL (a committed batch survives the death of the
     * process, e.g. kill -9); 1: synchronous=FULL (it also survives a power
     * loss, at the cost of an fsync per commit). */
    int durable;
    /* 1: open an existing database read-only (no migration, no writes). */
    int read_only;
} sitrep_store_config;

/* Open (creating and migrating when needed) the store at cfg->path.  On
 * failure *out is NULL and a message is written to errmsg (when not NULL,
 * truncated to errmsg_size).  Errors: SITREP_E_ARG, SITREP_E_IO (cannot
 * open or write), SITREP_E_DATA (not a sitrep store, or a newer schema),
 * SITREP_E_NOMEM.  Close with sitrep_store_close(). */
sitrep_status sitrep_store_open(const sitrep_store_config *cfg, sitrep_store **out,
                                char *errmsg, size_t errmsg_size);

/* Close the store; an open batch is rolled back (not acknowledged). */
void sitrep_store_close(sitrep_store *st);

/* Message of the last failure on st (owned by st); "" when none. */
const char *sitrep_store_errmsg(const sitrep_store *st);

/* Schema version of the open database. */
int sitrep_store_schema_version(const sitrep_store *st);

/* ------------------------------------------------------------- ingest */

/*
 * A batch is one transaction: sitrep_store_begin(), any number of
 * sitrep_store_add() / sitrep_store_ingest(), then sitrep_store_commit().
 * An article is acknowledged when the commit of its batch returned
 * SITREP_OK: it then survives the death of the process.  Ingesting outside
 * a batch commits each article on its own.
 */
sitrep_status sitrep_store_begin(sitrep_store *st);
sitrep_status sitrep_store_commit(sitrep_store *st);
sitrep_status sitrep_store_rollback(sitrep_store *st);

typedef struct sitrep_store_ingest_info {
    int duplicate;            /* 1: the article was already stored (same id,
                                 URL or content); nothing changed */
    int64_t article;          /* store row id of the article (or of the stored
                                 one when duplicate) */
    int64_t near_duplicate_of;/* row id of the article this one is a
                                 syndicated copy of, 0 when none */
    size_t mentions;          /* incidents the extractor found */
    size_t linked;            /* mentions joined to an existing incident */
    size_t opened;            /* mentions that opened a new incident */
    int64_t main_incident;    /* incident of the first main mention, 0 none */
} sitrep_store_ingest_info;

/* Store article a with its extraction result r (from sitrep_extract on a)
 * and link its mentions.  info may be NULL.  Errors: SITREP_E_ARG,
 * SITREP_E_IO (database), SITREP_E_NOMEM; on error the current batch
 * should be rolled back. */
sitrep_status sitrep_store_add(sitrep_store *st, const sitrep_article *a,
                               const sitrep_result *r, sitrep_store_ingest_info *info);

/* Extract a with the extraction handle s (default_published as for
 * sitrep_extract) and sitrep_store_add() the result.  Re-ingesting a stored
 * article does not run the extractor. */
sitrep_status sitrep_store_ingest(sitrep_store *st, sitrep *s, const sitrep_article *a,
                                  sitrep_date default_published,
                                  sitrep_store_ingest_info *info);

/* -------------------------------------------------------------- query */

/* A consolidated figure of an incident (policy: docs/store.md). */
typedef struct sitrep_store_value {
    int known;                  /* 0: no report stated this figure */
    int64_t value;              /* current best value (lower bound for at_least) */
    int64_t min, max;           /* bounds, -1 when unbounded */
    sitrep_qualifier qualifier;
    const char *source;         /* credited source of the current value */
    int64_t observations;       /* reports that stated it */
    int revised;                /* the value changed over time */
    int contradicted;           /* a source at least as authoritative stated a
                                   lower figure after the current one */
} sitrep_store_value;

typedef struct sitrep_store_incident {
    int64_t id;
    const char *type;           /* primary type slug */
    const char *types;          /* all type slugs seen, comma-separated */
    sitrep_date date;           /* date of the incident (year 0: unknown) */
    const char *place;          /* most precise place name seen */
    const char *admin1;
    char country[3];            /* ISO alpha-2, "" unknown */
    int has_coords;
    double lat, lon;
    uint32_t geonames_id;
    const char *precision;      /* "city", "admin1", "country", "" */
    const char *perpetrator;    /* main perpetrator ("" none) */
    int64_t articles;           /* linked reports (mentions) */
    const char *first_reported; /* publication time of the first report */
    const char *last_reported;
    sitrep_store_value figures[SITREP_NFIGURES];
    const char *name;           /* the event's proper name ("Hurricane
                                   Florence"), "" none */
} sitrep_store_incident;

typedef struct sitrep_store_filter {
    sitrep_date from, to;       /* incident date range; year 0: open */
    char country[3];            /* "" any */
    const char *type;           /* slug, NULL any */
    int64_t min_killed;         /* incidents with killed >= this; <0 any */
    int64_t limit;              /* at most this many; 0 no limit */
} sitrep_store_filter;

/* Return non-zero from a callback to stop the iteration (the function then
 * returns SITREP_OK). */
typedef int (*sitrep_store_incident_fn)(void *ud, const sitrep_store_incident *inc);

/* Incidents matching f (NULL: all), most recent date first. */
sitrep_status sitrep_store_incidents(sitrep_store *st, const sitrep_store_filter *f,
                                     sitrep_store_incident_fn fn, void *ud);

/* One incident.  A merged incident id resolves to the incident it was merged
 * into.  SITREP_E_ARG when there is no such incident. */
sitrep_status sitrep_store_get(sitrep_store *st, int64_t id,
                                    sitrep_store_incident_fn fn, void *ud);

typedef struct sitrep_store_observation {
    sitrep_figure figure;
    int64_t value, min, max;
    sitrep_qualifier qualifier;
    const char *source;         /* credited source ("the health ministry") */
    const char *outlet;         /* the article's source (outlet) */
    const char *article;        /* the article's id */
    const char *url;
    const char *reported;       /* the article's publication time as given */
    sitrep_evidence evidence;   /* offsets in the article text */
    const char *evidence_text;  /* the words at those offsets */
    const char *sentence;       /* the sentence around them, as in the
                                   article (line breaks kept); "" when the
                                   observation was stored before schema 4 */
    int main;                   /* from the article's main incident */
    int near_duplicate;         /* the article is a syndicated copy */
    /* Place in the timeline under the policy: "first", "raised",
     * "confirmed" (same value), "lower" (a lagging or smaller figure,
     * not taken), "contradicts" (lower, from a source at least as
     * authoritative: flagged), "revised_down" (the same official source
     * lowered its own figure: taken). */
    const char *status;
} sitrep_store_observation;

typedef int (*sitrep_store_observation_fn)(void *ud, const sitrep_store_observation *o);

/* The observations of incident id, figure by figure, each in report-time
 * order. */
sitrep_status sitrep_store_observations(sitrep_store *st, int64_t id,
                                        sitrep_store_observation_fn fn, void *ud);

/* A perpetrator as one report named it, with its claim. */
typedef struct sitrep_store_perpetrator {
    const char *name;           /* canonical name ("Islamic State of Iraq and
                                   the Levant (ISIL)") */
    const char *kind;           /* "organization", "individual", ... */
    const char *claim;          /* "claimed", "denied", ... "" none */
    const char *quote;          /* the words of the claim, else of the naming */
    const char *outlet;         /* the report's source (outlet) */
    const char *article;        /* the report's id */
    const char *url;
    const char *reported;       /* the report's publication time as given */
} sitrep_store_perpetrator;

typedef int (*sitrep_store_perpetrator_fn)(void *ud, const sitrep_store_perpetrator *p);

/* The perpetrators the reports of incident id named, in report-time order,
 * one call per naming (several reports naming the same group give several
 * calls).  Read from each report's stored extraction; a stored extraction
 * that is not valid JSON is skipped.  SITREP_E_ARG when there is no such
 * incident. */
sitrep_status sitrep_store_perpetrators(sitrep_store *st, int64_t id,
                                        sitrep_store_perpetrator_fn fn, void *ud);

/* A read snapshot: the queries made between sitrep_store_read_begin() and
 * sitrep_store_read_end() see one state of the store, whatever another
 * connection commits meanwhile, and take one lock instead of one each (a
 * report over thousands of incidents is about a third faster).  Not inside
 * a write batch; read_end on a store without a snapshot does nothing. */
sitrep_status sitrep_store_read_begin(sitrep_store *st);
void sitrep_store_read_end(sitrep_store *st);

/* ---------------------------------------------------------- corrections */

/* Merge incident `from` into incident `into`: its reports and figures move,
 * `from` then resolves to `into`.  Kept across later ingests (new reports
 * link to `into`).  SITREP_E_ARG: unknown ids or the same incident. */
sitrep_status sitrep_store_merge(sitrep_store *st, int64_t into, int64_t from);

/* Move the mentions that the articles named by article_ids (their ids as
 * ingested) contributed to incident id into one new incident, *new_id.
 * SITREP_E_ARG: unknown incident, an article not linked to it, or every
 * report of the incident named (nothing would remain). */
sitrep_status sitrep_store_split(sitrep_store *st, int64_t id, const char *const *article_ids,
                                 size_t narticles, int64_t *new_id);

/* Check the database (SQLite integrity check plus the store's own
 * invariants: every mention's incident exists and is not merged, figures
 * match their observations).  SITREP_OK when consistent, SITREP_E_DATA with
 * a message otherwise. */
sitrep_status sitrep_store_check(sitrep_store *st);

/* Counts for reports: articles, mentions, live incidents, observations. */
typedef struct sitrep_store_stats {
    int64_t articles, mentions, incidents, observations;
} sitrep_store_stats;
sitrep_status sitrep_store_stats_get(sitrep_store *st, sitrep_store_stats *out);

#ifdef __cplusplus
}
#endif
#endif /* SITREP_STORE_H */
