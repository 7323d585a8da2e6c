/*
 * sr_store.h - internals of the incident store shared by its files:
 * the handle, the prepared-statement table, text fingerprints (content hash,
 * SimHash) and the figure consolidation policy.
 */
#ifndef SR_STORE_H
#define SR_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>

#include "sitrep/store.h"
#include "util/sr_mem.h"

/* Prepared statements, created on first use and kept for the handle's
 * life (sr_store_stmt). */
typedef enum sr_stmt_id {
    SR_Q_BEGIN,
    SR_Q_COMMIT,
    SR_Q_ROLLBACK,
    SR_Q_FIND_ARTICLE,
    SR_Q_HASHES_MERGED,
    SR_Q_MERGE_HASHES,
    SR_Q_SET_HASHES_MERGED,
    SR_Q_NEAR_CANDIDATES,
    SR_Q_MAX_ARTICLE,
    SR_Q_INSERT_ARTICLE,
    SR_Q_ORIG_MENTIONS,
    SR_Q_CAND_COUNTRY_DAY,
    SR_Q_CAND_PLACE_DAY,
    SR_Q_CAND_COUNTRY_RECENT,
    SR_Q_CAND_PLACE_RECENT,
    SR_Q_CAND_TOWN_NAMED,
    SR_Q_CAND_DAY,
    SR_Q_CAND_COUNTRY_OLDER,
    SR_Q_CAND_COUNTRY_UNDATED,
    SR_Q_CAND_PLACE_UNDATED,
    SR_Q_CAND_NAME,
    SR_Q_GET_INCIDENT_LINK,
    SR_Q_CAND_ID,
    SR_Q_TERM_DF,
    SR_Q_TERM_CANDIDATES,
    SR_Q_INSERT_TERM_INCIDENT,
    SR_Q_INSERT_INCIDENT,
    SR_Q_UPDATE_INCIDENT,
    SR_Q_INSERT_MENTION,
    SR_Q_INSERT_OBS,
    SR_Q_OBS_FOR_FIGURE,
    SR_Q_UPSERT_FIGURE,
    SR_Q_DELETE_FIGURE,
    SR_Q_COUNT
} sr_stmt_id;

struct sitrep_store {
    sr_alloc alloc;
    sqlite3 *db;
    int in_batch;
    int snapshot;             /* sitrep_store_read_begin() is open */
    int read_only;
    int version;
    char err[512];
    sqlite3_stmt *stmts[SR_Q_COUNT];
    sr_buf json;              /* extraction JSON of the article being stored */
    sr_arena arena;           /* per-call scratch (consolidation) */
};

/* The prepared statement id (reset, bindings cleared), or NULL with the
 * handle's message set. */
sqlite3_stmt *sr_store_stmt(sitrep_store *st, sr_stmt_id id);

/* Set the handle's message from SQLite's last error and return the status
 * it maps to (SITREP_E_NOMEM, SITREP_E_IO, ...). */
sitrep_status sr_store_dberr(sitrep_store *st, const char *what);

/* Set the handle's message (printf-style) and return st_code. */
sitrep_status sr_store_fail(sitrep_store *st, sitrep_status st_code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Execute SQL with no results; SITREP_OK or the mapped error. */
sitrep_status sr_store_exec(sitrep_store *st, const char *sql);

/* ---- fingerprints (sr_store_sim.c) */

/* 128-bit content hash of n bytes as 32 lower-case hex digits + NUL. */
void sr_content_hash(const char *p, size_t n, char out[33]);

/* 64-bit SimHash over word 3-shingles of the text (ASCII letters and
 * digits folded to lower case; other bytes >= 0x80 kept as word bytes).
 * *nshingles receives the number of shingles (0: too short to compare). */
uint64_t sr_simhash(const char *p, size_t n, size_t *nshingles);

/* Number of differing bits. */
int sr_hamming64(uint64_t a, uint64_t b);

/* Largest Hamming distance at which two SimHashes are near duplicates. */
#define SR_NEAR_DUP_BITS 3

/* ---- consolidation (sr_store_query.c) */

typedef struct sr_obs {
    int64_t value, min, max;
    int qualifier;            /* sitrep_qualifier */
    const char *source;       /* credited source, "" none */
} sr_obs;

typedef struct sr_cons {
    int known;
    int64_t value, min, max;
    int qualifier;
    size_t source_index;      /* observation whose source is credited */
    int revised, contradicted;
} sr_cons;

/* Authority of a credited source: 2 official (ministry, police, ...),
 * 1 another named source, 0 none. */
int sr_source_rank(const char *source);

/* Apply the consolidation policy to n observations in report-time order:
 * *out receives the current value; status[i] (when status is not NULL) the
 * static name of observation i's place in the timeline. */
void sr_consolidate(const sr_obs *o, size_t n, sr_cons *out, const char **status);

/* Recompute the stored consolidated value of one figure of an incident
 * from its observations. */
sitrep_status sr_store_refresh_figure(sitrep_store *st, int64_t incident, int figure);

#endif
