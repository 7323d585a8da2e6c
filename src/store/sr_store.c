/*
 * sr_store.c - the incident store: opening an SQLite database (WAL mode,
 * versioned migrations), prepared statements, and ingest: exact-duplicate
 * detection (id, URL, content hash), syndicated-copy detection (SimHash
 * bands), and incident resolution (indexed candidate retrieval by place and
 * date window, then a compatibility score over type, place, date and
 * perpetrators).  Queries, consolidation and corrections are in
 * sr_store_query.c; the rules are written down in docs/store.md.
 */
#include "store/sr_store.h"
#include "store/sr_store_node.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------ messages */

sitrep_status sr_store_fail(sitrep_store *st, sitrep_status code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->err, sizeof st->err, fmt, ap);
    va_end(ap);
    return code;
}

static sitrep_status map_sqlite(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_NOMEM:
        return SITREP_E_NOMEM;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_SCHEMA:
        return SITREP_E_DATA;
    case SQLITE_MISUSE:
    case SQLITE_RANGE:
    case SQLITE_CONSTRAINT:
        return SITREP_E_ARG;
    default:
        return SITREP_E_IO;
    }
}

sitrep_status sr_store_dberr(sitrep_store *st, const char *what)
{
    int rc = sqlite3_extended_errcode(st->db);
    snprintf(st->err, sizeof st->err, "%s: %s", what, sqlite3_errmsg(st->db));
    return map_sqlite(rc);
}

sitrep_status sr_store_exec(sitrep_store *st, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        snprintf(st->err, sizeof st->err, "database: %s", msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return map_sqlite(rc);
    }
    return SITREP_OK;
}

const char *sitrep_store_errmsg(const sitrep_store *st)
{
    return st ? st->err : "";
}

int sitrep_store_schema_version(const sitrep_store *st)
{
    return st ? st->version : 0;
}

/* ----------------------------------------------------------- schema */

/*
 * Migrations: migration i (1-based) brings the schema from version i-1 to
 * version i.  Each runs in one transaction with the version update, so a
 * database is always at one exact version.  Never edit a released
 * migration: add one.
 */
static const char *const migrations[] = {
    /* 1: the first schema. */
    "CREATE TABLE articles("
    " id INTEGER PRIMARY KEY,"
    " ext_id TEXT, url TEXT, source TEXT, published TEXT, pub_time INTEGER,"
    " title TEXT, content_hash TEXT NOT NULL, simhash INTEGER NOT NULL,"
    " b0 INTEGER, b1 INTEGER, b2 INTEGER, b3 INTEGER,"
    " near_dup_of INTEGER REFERENCES articles(id),"
    " extract TEXT, ingested TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE UNIQUE INDEX articles_hash ON articles(content_hash);"
    "CREATE UNIQUE INDEX articles_ext ON articles(ext_id) WHERE ext_id IS NOT NULL;"
    "CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;"
    "CREATE INDEX articles_b0 ON articles(b0, simhash) WHERE b0 IS NOT NULL;"
    "CREATE INDEX articles_b1 ON articles(b1, simhash) WHERE b1 IS NOT NULL;"
    "CREATE INDEX articles_b2 ON articles(b2, simhash) WHERE b2 IS NOT NULL;"
    "CREATE INDEX articles_b3 ON articles(b3, simhash) WHERE b3 IS NOT NULL;"
    "CREATE TABLE incidents("
    " id INTEGER PRIMARY KEY,"
    " tmask INTEGER NOT NULL, type TEXT NOT NULL, types TEXT NOT NULL,"
    " day INTEGER, day_explicit INTEGER NOT NULL,"
    " country TEXT NOT NULL, admin1 TEXT NOT NULL, place TEXT NOT NULL, place_key TEXT NOT NULL,"
    " gid INTEGER NOT NULL, lat REAL, lon REAL, prec INTEGER NOT NULL,"
    " perpetrator TEXT NOT NULL, perps TEXT NOT NULL,"
    " mentions INTEGER NOT NULL, first_time INTEGER, last_time INTEGER,"
    " first_reported TEXT NOT NULL, last_reported TEXT NOT NULL, last_seq INTEGER NOT NULL,"
    " alt_gids TEXT NOT NULL DEFAULT '',"
    " merged_into INTEGER REFERENCES incidents(id));"
    "CREATE INDEX incidents_country_day ON incidents(country, day) WHERE merged_into IS NULL;"
    "CREATE INDEX incidents_place_day ON incidents(place_key, day) WHERE merged_into IS NULL;"
    "CREATE INDEX incidents_day ON incidents(day) WHERE merged_into IS NULL;"
    "CREATE INDEX incidents_country_seq ON incidents(country, last_seq) WHERE merged_into IS NULL;"
    "CREATE INDEX incidents_place_seq ON incidents(place_key, last_seq) WHERE merged_into IS NULL;"
    "CREATE TABLE mentions("
    " id INTEGER PRIMARY KEY,"
    " article INTEGER NOT NULL REFERENCES articles(id), idx INTEGER NOT NULL, main INTEGER NOT NULL,"
    " incident INTEGER REFERENCES incidents(id), link TEXT NOT NULL, score REAL,"
    " tmask INTEGER NOT NULL, type TEXT NOT NULL, types TEXT NOT NULL,"
    " day INTEGER, day_explicit INTEGER NOT NULL,"
    " country TEXT NOT NULL, admin1 TEXT NOT NULL, place TEXT NOT NULL, place_key TEXT NOT NULL,"
    " gid INTEGER NOT NULL, lat REAL, lon REAL, prec INTEGER NOT NULL,"
    " perpetrator TEXT NOT NULL, perps TEXT NOT NULL,"
    " pub_time INTEGER, published TEXT NOT NULL);"
    "CREATE INDEX mentions_article ON mentions(article, idx);"
    "CREATE INDEX mentions_incident ON mentions(incident);"
    "CREATE TABLE observations("
    " id INTEGER PRIMARY KEY,"
    " incident INTEGER NOT NULL REFERENCES incidents(id),"
    " mention INTEGER NOT NULL REFERENCES mentions(id),"
    " article INTEGER NOT NULL REFERENCES articles(id),"
    " figure INTEGER NOT NULL, value INTEGER NOT NULL, min INTEGER NOT NULL, max INTEGER NOT NULL,"
    " qualifier INTEGER NOT NULL, source TEXT NOT NULL, outlet TEXT NOT NULL,"
    " reported_time INTEGER, ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL,"
    " evidence TEXT NOT NULL, main INTEGER NOT NULL, near_dup INTEGER NOT NULL);"
    "CREATE INDEX observations_incident ON observations(incident, figure);"
    "CREATE INDEX observations_mention ON observations(mention);"
    "CREATE TABLE figures("
    " incident INTEGER NOT NULL REFERENCES incidents(id), figure INTEGER NOT NULL,"
    " value INTEGER NOT NULL, min INTEGER NOT NULL, max INTEGER NOT NULL,"
    " qualifier INTEGER NOT NULL, source TEXT NOT NULL, nobs INTEGER NOT NULL,"
    " revised INTEGER NOT NULL, contradicted INTEGER NOT NULL,"
    " PRIMARY KEY(incident, figure)) WITHOUT ROWID;"
    "CREATE INDEX figures_value ON figures(figure, value);"
    "CREATE TABLE corrections("
    " id INTEGER PRIMARY KEY, kind TEXT NOT NULL, incident INTEGER NOT NULL, other INTEGER NOT NULL,"
    " detail TEXT NOT NULL DEFAULT '',"
    " at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));",
    /* 2: event names ("Hurricane Florence"): reports that share one link
     * whatever their places and dates (docs/store.md). */
    "ALTER TABLE incidents ADD COLUMN name TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE incidents ADD COLUMN name_key TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE mentions ADD COLUMN name TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE mentions ADD COLUMN name_key TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX incidents_name ON incidents(name_key, last_seq) "
    "WHERE merged_into IS NULL AND name_key <> '';",
    /* 3: near-duplicate bands indexed within ingest buckets.  An index on a
     * band value alone takes each new article at a random place, so that a
     * batch dirties more and more pages as the store grows; led by the
     * bucket (article id >> SR_NEAR_DUP_BUCKET_BITS), inserts stay in the
     * newest part of the index, and the lookup covers the last
     * SR_NEAR_DUP_BUCKETS buckets (docs/store.md). */
    "ALTER TABLE articles ADD COLUMN bucket INTEGER;"
    "UPDATE articles SET bucket = id >> 14;"
    "DROP INDEX articles_b0;"
    "DROP INDEX articles_b1;"
    "DROP INDEX articles_b2;"
    "DROP INDEX articles_b3;"
    "CREATE INDEX articles_wb0 ON articles(bucket, b0, simhash) WHERE b0 IS NOT NULL;"
    "CREATE INDEX articles_wb1 ON articles(bucket, b1, simhash) WHERE b1 IS NOT NULL;"
    "CREATE INDEX articles_wb2 ON articles(bucket, b2, simhash) WHERE b2 IS NOT NULL;"
    "CREATE INDEX articles_wb3 ON articles(bucket, b3, simhash) WHERE b3 IS NOT NULL;",
    /* 4: the sentence around each figure's evidence, so that a report can
     * quote it (the article text itself is not kept); "" for observations
     * stored before. */
    "ALTER TABLE observations ADD COLUMN sentence TEXT NOT NULL DEFAULT '';",
    /* 5: the names reports use (docs/store.md, "Linking"): a profile per
     * incident and per mention, how many articles used each name (its
     * rarity), and an index from a name to the incidents whose reports
     * used it, led by the ingest bucket like the near-duplicate bands so
     * that inserts stay in the newest part of the index.  Stored incidents
     * and mentions start with an empty profile. */
    "ALTER TABLE incidents ADD COLUMN terms TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE mentions ADD COLUMN terms TEXT NOT NULL DEFAULT '';"
    "CREATE TABLE term_df(term TEXT PRIMARY KEY, df INTEGER NOT NULL, lc INTEGER NOT NULL)"
    " WITHOUT ROWID;"
    "CREATE TABLE term_incidents(bucket INTEGER NOT NULL, term TEXT NOT NULL,"
    " seq INTEGER NOT NULL, incident INTEGER NOT NULL,"
    " PRIMARY KEY(bucket, term, seq, incident)) WITHOUT ROWID;",
    /* 6: content hashes in two levels (docs/store.md, "Duplicates").  A
     * unique index on the hash took each new article at a random place:
     * once it had many more pages than a batch has articles, every article
     * of a batch dirtied a page of its own, which was written to the log
     * and copied back at the checkpoint.  The hashes of the newest ingest
     * bucket are now found through an index led by the bucket (inserts
     * stay at its end); when an article opens a new bucket, the hashes of
     * the bucket before go into article_hashes at once, in hash order, so
     * that a page of it is written once for many hashes.  store_state
     * 'hashes_merged' is the first bucket not moved yet, the newest: no
     * article has a later one.  Stored articles are moved here but for
     * the newest bucket's, which the next articles go on filling. */
    "CREATE TABLE store_state(key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE article_hashes(content_hash TEXT PRIMARY KEY, article INTEGER NOT NULL)"
    " WITHOUT ROWID;"
    "INSERT OR IGNORE INTO article_hashes(content_hash, article)"
    " SELECT content_hash, id FROM articles WHERE bucket < (SELECT max(bucket) FROM articles)"
    " ORDER BY content_hash;"
    "INSERT INTO store_state(key, value)"
    " SELECT 'hashes_merged', coalesce(max(bucket), 0) FROM articles;"
    "DROP INDEX articles_hash;"
    "CREATE INDEX articles_bhash ON articles(bucket, content_hash);",
};
_Static_assert(SR_NEAR_DUP_BUCKET_BITS == 14, "migration 3 computes the buckets of stored rows");

#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

static sitrep_status read_version(sitrep_store *st, int *version)
{
    sqlite3_stmt *s = NULL;
    *version = 0;
    int rc = sqlite3_prepare_v2(st->db,
                                "SELECT name FROM sqlite_master WHERE type='table' AND "
                                "name='schema_version'",
                                -1, &s, NULL);
    if (rc != SQLITE_OK)
        return sr_store_dberr(st, "database");
    rc = sqlite3_step(s);
    int have = rc == SQLITE_ROW;
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sr_store_dberr(st, "database");
    if (!have) {
        /* An empty file is a new store; anything else is not ours. */
        rc = sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_master", -1, &s, NULL);
        if (rc != SQLITE_OK)
            return sr_store_dberr(st, "database");
        int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
        sqlite3_finalize(s);
        if (n != 0)
            return sr_store_fail(st, SITREP_E_DATA, "not a sitrep store (no schema_version table)");
        return SITREP_OK;
    }
    rc = sqlite3_prepare_v2(st->db, "SELECT max(version) FROM schema_version", -1, &s, NULL);
    if (rc != SQLITE_OK)
        return sr_store_dberr(st, "database");
    if (sqlite3_step(s) == SQLITE_ROW)
        *version = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return SITREP_OK;
}

static sitrep_status migrate(sitrep_store *st)
{
    int v;
    sitrep_status rc = read_version(st, &v);
    if (rc != SITREP_OK)
        return rc;
    if (v > NMIGRATIONS)
        return sr_store_fail(st, SITREP_E_DATA,
                             "store schema version %d is newer than this sitrep (%d)", v,
                             NMIGRATIONS);
    if (v < NMIGRATIONS && st->read_only)
        return sr_store_fail(st, SITREP_E_DATA, "store schema version %d needs migration to %d",
                             v, NMIGRATIONS);
    while (v < NMIGRATIONS) {
        if ((rc = sr_store_exec(st, "BEGIN IMMEDIATE")) != SITREP_OK)
            return rc;
        if (v == 0)
            rc = sr_store_exec(st, "CREATE TABLE schema_version(version INTEGER NOT NULL, "
                                   "applied TEXT NOT NULL DEFAULT "
                                   "(strftime('%Y-%m-%dT%H:%M:%SZ','now')))");
        if (rc == SITREP_OK)
            rc = sr_store_exec(st, migrations[v]);
        if (rc == SITREP_OK) {
            char sql[96];
            snprintf(sql, sizeof sql, "INSERT INTO schema_version(version) VALUES(%d)", v + 1);
            rc = sr_store_exec(st, sql);
        }
        if (rc == SITREP_OK)
            rc = sr_store_exec(st, "COMMIT");
        if (rc != SITREP_OK) {
            char keep[sizeof st->err];
            memcpy(keep, st->err, sizeof keep);
            (void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
            memcpy(st->err, keep, sizeof keep);
            return rc;
        }
        v++;
    }
    st->version = v;
    return SITREP_OK;
}

sitrep_status sitrep_store_open(const sitrep_store_config *cfg, sitrep_store **out,
                                char *errmsg, size_t errmsg_size)
{
    if (errmsg && errmsg_size)
        errmsg[0] = '\0';
    if (!out)
        return SITREP_E_ARG;
    *out = NULL;
    if (!cfg || !cfg->path || !*cfg->path) {
        if (errmsg && errmsg_size)
            snprintf(errmsg, errmsg_size, "no database path");
        return SITREP_E_ARG;
    }
    sr_alloc al;
    sr_alloc_init(&al, cfg->allocator);
    sitrep_store *st = sr_calloc(&al, 1, sizeof *st);
    if (!st)
        return SITREP_E_NOMEM;
    st->alloc = al;
    st->read_only = cfg->read_only != 0;
    sr_buf_init(&st->json, &st->alloc, (size_t)64 << 20);
    sr_arena_init(&st->arena, &st->alloc, 16384);

    int flags = st->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(cfg->path, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
    sitrep_status s = SITREP_OK;
    if (rc != SQLITE_OK) {
        s = st->db ? sr_store_dberr(st, cfg->path)
                   : sr_store_fail(st, SITREP_E_NOMEM, "%s: out of memory", cfg->path);
        if (s == SITREP_E_ARG)
            s = SITREP_E_IO;
    }
    if (s == SITREP_OK) {
        sqlite3_busy_timeout(st->db, 10000);
        sqlite3_extended_result_codes(st->db, 1);
        if (!st->read_only) {
            /* WAL: readers do not block the writer, and a commit is one
             * append to the log.  Against the death of the process a
             * committed transaction is durable with synchronous=NORMAL (the
             * log is in the OS's page cache); FULL also fsyncs each commit
             * for power loss (docs/store.md, "Durability"). */
            s = sr_store_exec(st, "PRAGMA journal_mode=WAL");
            if (s == SITREP_OK)
                s = sr_store_exec(st, cfg->durable ? "PRAGMA synchronous=FULL"
                                                   : "PRAGMA synchronous=NORMAL");
        }
        /* A page cache that holds the hot index pages of a large store
         * (random keys such as content hashes touch pages all over the
         * index): 64 MiB, allocated by SQLite as it is used. */
        if (s == SITREP_OK)
            s = sr_store_exec(st, "PRAGMA cache_size=-65536");
        /* Checkpoint the log into the database every 20,000 pages (80 MB)
         * instead of SQLite's 1,000: a page that many batches change is
         * then copied back once, not once per few batches. */
        if (s == SITREP_OK && !st->read_only)
            s = sr_store_exec(st, "PRAGMA wal_autocheckpoint=20000");
        /* Ephemeral tables (the IN lists of the near-duplicate lookup,
         * sorts) in memory, not in a temporary file per statement. */
        if (s == SITREP_OK)
            s = sr_store_exec(st, "PRAGMA temp_store=MEMORY");
        if (s == SITREP_OK)
            s = sr_store_exec(st, "PRAGMA foreign_keys=ON");
        if (s == SITREP_OK)
            s = migrate(st);
        if (s != SITREP_OK && strstr(st->err, cfg->path) == NULL) {
            char keep[sizeof st->err];
            memcpy(keep, st->err, sizeof keep);
            size_t pl = strlen(cfg->path);
            if (pl > 200)
                pl = 200;
            snprintf(st->err, sizeof st->err, "%.*s: %.300s", (int)pl, cfg->path, keep);
        }
    }
    if (s != SITREP_OK) {
        if (errmsg && errmsg_size)
            snprintf(errmsg, errmsg_size, "%s", st->err);
        sitrep_store_close(st);
        return s;
    }
    *out = st;
    return SITREP_OK;
}

void sitrep_store_close(sitrep_store *st)
{
    if (!st)
        return;
    for (int i = 0; i < SR_Q_COUNT; i++)
        sqlite3_finalize(st->stmts[i]);
    if (st->db) {
        if (st->in_batch)
            (void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(st->db);
    }
    sr_buf_free(&st->json);
    sr_arena_free(&st->arena);
    sr_alloc al = st->alloc;
    sr_free(&al, st, sizeof *st);
}

/* ------------------------------------------------------- statements */

#define CAND_COLS                                                                          \
    "id, tmask, type, types, day, day_explicit, country, admin1, place, place_key, gid, lat, " \
    "lon, prec, perpetrator, perps, mentions, first_time, last_time, first_reported, "        \
    "last_reported, last_seq, alt_gids, name, name_key, terms "

static const char *const stmt_sql[SR_Q_COUNT] = {
    [SR_Q_BEGIN] = "BEGIN IMMEDIATE",
    [SR_Q_COMMIT] = "COMMIT",
    [SR_Q_ROLLBACK] = "ROLLBACK",
    /* the content hash among the moved buckets, then in the newest one
     * (migration 6), then the id and the URL */
    [SR_Q_FIND_ARTICLE] =
        "SELECT article FROM article_hashes WHERE content_hash=?1 UNION ALL "
        "SELECT id FROM articles WHERE bucket=(SELECT value FROM store_state WHERE "
        "key='hashes_merged') AND content_hash=?1 UNION ALL "
        "SELECT id FROM articles WHERE ext_id=?2 UNION ALL "
        "SELECT id FROM articles WHERE url=?3 LIMIT 1",
    [SR_Q_HASHES_MERGED] = "SELECT value FROM store_state WHERE key='hashes_merged'",
    [SR_Q_MERGE_HASHES] = "INSERT OR IGNORE INTO article_hashes(content_hash, article) "
                          "SELECT content_hash, id FROM articles WHERE bucket>=?1 AND bucket<?2 "
                          "ORDER BY content_hash",
    [SR_Q_SET_HASHES_MERGED] = "UPDATE store_state SET value=?1 WHERE key='hashes_merged'",
    /* ?5..?12: the last SR_NEAR_DUP_BUCKETS buckets, one index seek each */
    [SR_Q_NEAR_CANDIDATES] =
        "SELECT id, simhash FROM articles WHERE bucket IN (?5,?6,?7,?8,?9,?10,?11,?12) AND "
        "b0=?1 UNION ALL "
        "SELECT id, simhash FROM articles WHERE bucket IN (?5,?6,?7,?8,?9,?10,?11,?12) AND "
        "b1=?2 UNION ALL "
        "SELECT id, simhash FROM articles WHERE bucket IN (?5,?6,?7,?8,?9,?10,?11,?12) AND "
        "b2=?3 UNION ALL "
        "SELECT id, simhash FROM articles WHERE bucket IN (?5,?6,?7,?8,?9,?10,?11,?12) AND "
        "b3=?4 LIMIT 64",
    [SR_Q_MAX_ARTICLE] = "SELECT MAX(id) FROM articles", /* NULL when empty */
    [SR_Q_INSERT_ARTICLE] =
        "INSERT INTO articles(ext_id, url, source, published, pub_time, title, content_hash, "
        "simhash, b0, b1, b2, b3, near_dup_of, extract, bucket) "
        "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)",
    [SR_Q_ORIG_MENTIONS] = "SELECT idx, incident, tmask FROM mentions WHERE article=?1 "
                           "AND incident IS NOT NULL ORDER BY idx",
    [SR_Q_CAND_COUNTRY_DAY] = "SELECT " CAND_COLS "FROM incidents WHERE country=?1 AND day "
                              "BETWEEN ?2 AND ?3 AND merged_into IS NULL LIMIT 400",
    [SR_Q_CAND_PLACE_DAY] = "SELECT " CAND_COLS "FROM incidents WHERE place_key=?1 AND day "
                            "BETWEEN ?2 AND ?3 AND merged_into IS NULL LIMIT 400",
    [SR_Q_CAND_COUNTRY_RECENT] = "SELECT " CAND_COLS "FROM incidents WHERE country=?1 AND "
                                 "merged_into IS NULL ORDER BY last_seq DESC LIMIT 200",
    /* a town a report without a place names in passing: its most recent
     * incidents only, as a name's (SR_TOWN_LOOKUPS names a report) */
    [SR_Q_CAND_TOWN_NAMED] = "SELECT " CAND_COLS "FROM incidents WHERE place_key=?1 AND "
                             "merged_into IS NULL ORDER BY last_seq DESC LIMIT 8",
    [SR_Q_CAND_PLACE_RECENT] = "SELECT " CAND_COLS "FROM incidents WHERE place_key=?1 AND "
                               "merged_into IS NULL ORDER BY last_seq DESC LIMIT 200",
    [SR_Q_CAND_DAY] = "SELECT " CAND_COLS "FROM incidents WHERE day BETWEEN ?1 AND ?2 AND "
                      "merged_into IS NULL LIMIT 400",
    [SR_Q_CAND_COUNTRY_OLDER] = "SELECT " CAND_COLS "FROM incidents WHERE country=?1 AND "
                                "day < ?2 AND merged_into IS NULL ORDER BY day DESC LIMIT 200",
    [SR_Q_CAND_COUNTRY_UNDATED] = "SELECT " CAND_COLS "FROM incidents WHERE country=?1 AND "
                                  "day IS NULL AND merged_into IS NULL LIMIT 100",
    [SR_Q_CAND_PLACE_UNDATED] = "SELECT " CAND_COLS "FROM incidents WHERE place_key=?1 AND "
                                "day IS NULL AND merged_into IS NULL LIMIT 100",
    [SR_Q_CAND_NAME] = "SELECT " CAND_COLS "FROM incidents WHERE name_key=?1 AND "
                       "merged_into IS NULL ORDER BY last_seq DESC LIMIT 20",
    [SR_Q_GET_INCIDENT_LINK] = "SELECT " CAND_COLS "FROM incidents WHERE id=?1",
    /* an incident a name led to, or the one it was merged into */
    [SR_Q_CAND_ID] = "SELECT " CAND_COLS "FROM incidents WHERE id=(SELECT coalesce(merged_into, "
                     "id) FROM incidents WHERE id=?1) AND merged_into IS NULL",
    /* df after counting this article: one upsert per distinct name */
    /* and how many of them also wrote it in lower case (?2: this one did) */
    [SR_Q_TERM_DF] = "INSERT INTO term_df(term, df, lc) VALUES(?1, 1, ?2) ON CONFLICT(term) DO "
                     "UPDATE SET df=df+1, lc=lc+?2 RETURNING df, lc",
    /* one bucket, the most recent first: a backward walk of the index that
     * stops after a few rows however common the name */
    [SR_Q_TERM_CANDIDATES] = "SELECT incident FROM term_incidents WHERE bucket=?2 AND term=?1 "
                             "ORDER BY seq DESC LIMIT 8",
    [SR_Q_INSERT_TERM_INCIDENT] =
        "INSERT OR IGNORE INTO term_incidents(bucket, term, seq, incident) VALUES(?1,?2,?3,?4)",
    [SR_Q_INSERT_INCIDENT] =
        "INSERT INTO incidents(tmask, type, types, day, day_explicit, country, admin1, place, "
        "place_key, gid, lat, lon, prec, perpetrator, perps, mentions, first_time, last_time, "
        "first_reported, last_reported, last_seq, alt_gids, name, name_key, terms) "
        "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,"
        "?24,?25,?26)",
    [SR_Q_UPDATE_INCIDENT] =
        "UPDATE incidents SET tmask=?1, type=?2, types=?3, day=?4, day_explicit=?5, "
        "country=?6, admin1=?7, place=?8, place_key=?9, gid=?10, lat=?11, lon=?12, prec=?13, "
        "perpetrator=?14, perps=?15, mentions=?16, first_time=?17, last_time=?18, "
        "first_reported=?19, last_reported=?20, last_seq=?21, alt_gids=?23, name=?24, "
        "name_key=?25, terms=?26 WHERE id=?22",
    [SR_Q_INSERT_MENTION] =
        "INSERT INTO mentions(tmask, type, types, day, day_explicit, country, admin1, place, "
        "place_key, gid, lat, lon, prec, perpetrator, perps, article, idx, main, incident, "
        "link, score, pub_time, published, name, name_key, terms) "
        "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,"
        "?22,?23,?24,?25,?26)",
    [SR_Q_INSERT_OBS] =
        "INSERT INTO observations(incident, mention, article, figure, value, min, max, "
        "qualifier, source, outlet, reported_time, ev_start, ev_end, evidence, main, near_dup, "
        "sentence) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)",
    [SR_Q_OBS_FOR_FIGURE] =
        "SELECT value, min, max, qualifier, source FROM observations WHERE incident=?1 AND "
        "figure=?2 ORDER BY reported_time IS NULL, reported_time, article, id",
    [SR_Q_UPSERT_FIGURE] =
        "INSERT OR REPLACE INTO figures(incident, figure, value, min, max, qualifier, source, "
        "nobs, revised, contradicted) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
    [SR_Q_DELETE_FIGURE] = "DELETE FROM figures WHERE incident=?1 AND figure=?2",
};

sqlite3_stmt *sr_store_stmt(sitrep_store *st, sr_stmt_id id)
{
    sqlite3_stmt *s = st->stmts[id];
    if (!s) {
        if (sqlite3_prepare_v3(st->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                               &st->stmts[id], NULL) != SQLITE_OK) {
            (void)sr_store_dberr(st, "database");
            return NULL;
        }
        return st->stmts[id];
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return s;
}

static sitrep_status run_simple(sitrep_store *st, sr_stmt_id id)
{
    sqlite3_stmt *s = sr_store_stmt(st, id);
    if (!s)
        return map_sqlite(sqlite3_errcode(st->db));
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return sr_store_dberr(st, "database");
    return SITREP_OK;
}

sitrep_status sitrep_store_begin(sitrep_store *st)
{
    if (!st)
        return SITREP_E_ARG;
    if (st->read_only)
        return sr_store_fail(st, SITREP_E_ARG, "store opened read-only");
    if (st->in_batch)
        return sr_store_fail(st, SITREP_E_ARG, "a batch is already open");
    sitrep_status rc = run_simple(st, SR_Q_BEGIN);
    if (rc == SITREP_OK)
        st->in_batch = 1;
    return rc;
}

sitrep_status sitrep_store_commit(sitrep_store *st)
{
    if (!st)
        return SITREP_E_ARG;
    if (!st->in_batch)
        return sr_store_fail(st, SITREP_E_ARG, "no batch is open");
    sitrep_status rc = run_simple(st, SR_Q_COMMIT);
    if (rc == SITREP_OK)
        st->in_batch = 0;
    else if (sqlite3_get_autocommit(st->db))
        st->in_batch = 0;   /* SQLite rolled back on its own */
    return rc;
}

sitrep_status sitrep_store_rollback(sitrep_store *st)
{
    if (!st)
        return SITREP_E_ARG;
    if (!st->in_batch)
        return SITREP_OK;
    st->in_batch = 0;
    if (sqlite3_get_autocommit(st->db))
        return SITREP_OK;
    return run_simple(st, SR_Q_ROLLBACK);
}

/* ------------------------------------------------------ small helpers */

static void bind_text(sqlite3_stmt *s, int i, const char *p, size_t n)
{
    if (!p || n == 0)
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_text(s, i, p, (int)(n > 0x7fffffff ? 0x7fffffff : n), SQLITE_TRANSIENT);
}

static void bind_str0(sqlite3_stmt *s, int i, const char *p)
{
    sqlite3_bind_text(s, i, p ? p : "", -1, SQLITE_TRANSIENT);
}

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
int64_t sr_store_days(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void sr_store_civil(int64_t z, sitrep_date *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t dd = doy - (153 * mp + 2) / 5 + 1;
    int64_t mm = mp < 10 ? mp + 3 : mp - 9;
    d->year = (int)(y + (mm <= 2));
    d->month = (int)mm;
    d->day = (int)dd;
}

static int two_digits(const char *p, int *v)
{
    if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
        return 0;
    *v = (p[0] - '0') * 10 + (p[1] - '0');
    return 1;
}

/* Seconds since the epoch of a publication time "YYYY-MM-DD[THH:MM[:SS]]"
 * (a zone suffix is ignored); 0 and *ok = 0 when there is no date. */
static int64_t pub_time(sitrep_str p, int *ok)
{
    sitrep_date d;
    *ok = 0;
    if (!p.ptr || p.len < 10 || sitrep_date_parse(p.ptr, p.len, &d) != SITREP_OK || d.year == 0)
        return 0;
    int64_t t = sr_store_days(d.year, d.month, d.day) * 86400;
    int hh, mm, ss = 0;
    if (p.len >= 16 && (p.ptr[10] == 'T' || p.ptr[10] == ' ') && two_digits(p.ptr + 11, &hh) &&
        p.ptr[13] == ':' && two_digits(p.ptr + 14, &mm) && hh < 24 && mm < 60) {
        if (p.len >= 19 && p.ptr[16] == ':' && two_digits(p.ptr + 17, &ss) && ss < 61)
            t += ss;
        t += hh * 3600 + mm * 60;
    }
    *ok = 1;
    return t;
}

/* -------------------------------------------------------- type classes */

static const char *const type_slugs[] = {
    "assassination", "armed_assault", "bombing",   "hijacking",       "hostage_taking",
    "kidnapping",    "facility_attack", "unarmed_assault", "explosion", "fire",
    "collapse",      "transport_crash", "earthquake", "flood",        "storm",
    "wildfire",      "landslide",       "robbery",   "fall",
};
#define NSLUGS (sizeof type_slugs / sizeof type_slugs[0])

enum { C_ATTACK = 1, C_FIRE = 2, C_QUAKE = 4, C_WEATHER = 8, C_CRASH = 16, C_ABDUCT = 32 };

static unsigned slug_class(size_t i)
{
    switch (i) {
    case 0: case 1: case 2: case 3: case 7:
        return C_ATTACK;
    case 6:
        return C_ATTACK | C_FIRE;             /* arson: reported as an attack or a fire */
    case 4: case 5:
        return C_ABDUCT | C_ATTACK;
    case 8:
        return C_ATTACK | C_FIRE | C_CRASH;   /* a blast: attack or accident */
    case 9: case 15:
        return C_FIRE;
    case 10:
        return C_QUAKE | C_FIRE | C_WEATHER;  /* collapses follow quakes, fires, floods */
    case 11:
        return C_CRASH;
    case 12: case 16:
        return C_QUAKE | C_WEATHER;
    case 17:
        return C_ATTACK;                      /* a robbery: reported as an attack too */
    case 18:
        return C_CRASH;                       /* a fatal fall: an accident */
    default:
        return C_WEATHER;
    }
}

unsigned sr_type_bit(const char *slug)
{
    for (size_t i = 0; i < NSLUGS; i++)
        if (slug && strcmp(slug, type_slugs[i]) == 0)
            return 1u << i;
    return 1u << NSLUGS;   /* an unknown slug: its own class */
}

unsigned sr_type_classes(unsigned mask)
{
    unsigned c = 0;
    for (size_t i = 0; i < NSLUGS; i++)
        if (mask & (1u << i))
            c |= slug_class(i);
    if (mask & (1u << NSLUGS))
        c |= 64;
    return c;
}

/* --------------------------------------------------------- nodes */

/* Copy at most cap-1 bytes, cut at a UTF-8 boundary. */
void sr_node_copy(char *dst, size_t cap, const char *p, size_t n)
{
    if (!p)
        n = 0;
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80)
            n--;
    }
    if (n)
        memcpy(dst, p, n);
    dst[n] = '\0';
}

/* Folded key of a place name: ASCII letters and digits in lower case,
 * other bytes kept, runs of anything else as one space. */
static void place_key(char *dst, size_t cap, const char *p, size_t n)
{
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; i < n && o + 2 < cap; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
            if (space && o)
                dst[o++] = ' ';
            space = 0;
            dst[o++] = (char)c;
        } else {
            space = 1;
        }
    }
    o = sr_utf8_whole(dst, o);   /* never end inside a UTF-8 sequence */
    dst[o] = '\0';
}

/* Does the sep-separated list hay hold name as one whole item? */
static int sep_list_has(const char *hay, char sep, const char *name)
{
    size_t n = strlen(name);
    const char *p = hay;
    while (*p) {
        const char *e = strchr(p, sep);
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && memcmp(p, name, n) == 0)
            return 1;
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

/* Does the '|'-separated list hay hold name? */
static int list_has(const char *hay, const char *name)
{
    return sep_list_has(hay, '|', name);
}

static int lists_share(const char *a, const char *b)
{
    char item[SR_NODE_STR];
    const char *p = a;
    while (*p) {
        const char *e = strchr(p, '|');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        sr_node_copy(item, sizeof item, p, len);
        if (*item && list_has(b, item))
            return 1;
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

static void list_add(char *list, size_t cap, const char *name)
{
    if (!*name || list_has(list, name))
        return;
    size_t have = strlen(list), n = strlen(name);
    if (have + n + 2 > cap)
        return;
    if (have)
        list[have++] = '|';
    memcpy(list + have, name, n + 1);
}

/* Fill a node from one extracted incident of an article. */
/* Folded key of an event name: its words in lower case, the storm words
 * ("Hurricane", "Tropical Storm", "Typhoon") reduced to "storm" so that a
 * storm keeps its key as it strengthens and weakens, and the hazard word to
 * its kind ("Wildfire", "Blaze" -> "fire"), so that "the Lilac Fire" and
 * "Lilac Wildfire" meet. */
static void name_key(char *dst, size_t cap, const char *p, size_t n)
{
    static const char *const storm[] = {"hurricane", "typhoon", "cyclone", "storm", "tropical",
                                        "super", "winter", "depression", NULL};
    static const struct {
        const char *w, *kind;
    } heads[] = {{"wildfire", "fire"},   {"blaze", "fire"},          {"floods", "flood"},
                 {"flooding", "flood"},  {"quake", "earthquake"},    {"mudslide", "landslide"},
                 {"blast", "explosion"}, {NULL, NULL}};
    char folded[SR_NODE_STR], words[8][32];
    place_key(folded, sizeof folded, p, n);
    size_t nw = 0;
    int is_storm = 0;
    for (char *w = folded; *w && nw < 8;) {
        char *sp = strchr(w, ' ');
        size_t l = sp ? (size_t)(sp - w) : strlen(w);
        sr_node_copy(words[nw], sizeof words[nw], w, l);
        w += l + (sp != NULL);
        int drop = 0;
        for (size_t k = 0; storm[k]; k++)
            if (strcmp(words[nw], storm[k]) == 0)
                drop = is_storm = 1;
        for (size_t k = 0; heads[k].w; k++)
            if (strcmp(words[nw], heads[k].w) == 0)
                snprintf(words[nw], sizeof words[nw], "%s", heads[k].kind);
        if (!drop)
            nw++;
    }
    size_t o = 0;
    dst[0] = '\0';
    if (is_storm)
        o = (size_t)snprintf(dst, cap, "storm");
    for (size_t k = 0; k < nw && o < cap; k++)
        o += (size_t)snprintf(dst + o, cap - o, "%s%s", o ? " " : "", words[k]);
    if (o >= cap)
        dst[cap - 1] = '\0';
}

static void node_from_mention(sr_node *m, const sitrep_incident *in, int64_t pub_day, int has_pub)
{
    memset(m, 0, sizeof *m);
    for (size_t i = 0; i < in->ntypes; i++) {
        const char *slug = in->types[i].slug ? in->types[i].slug : "";
        m->tmask |= sr_type_bit(slug);
        if (!*m->type)
            sr_node_copy(m->type, sizeof m->type, slug, strlen(slug));
        list_add(m->types, sizeof m->types, slug);
    }
    if (in->date.year != 0) {
        m->has_day = 1;
        m->day_explicit = 1;
        m->day = sr_store_days(in->date.year, in->date.month, in->date.day ? in->date.day : 1);
        if (in->date.day == 0)
            m->day_explicit = 0;   /* a month only: as loose as a publication date */
    } else if (has_pub && in->main) {
        /* The story's own incident happened around publication; a
         * background mention without a date could be any time before. */
        m->has_day = 1;
        m->day = pub_day;
    }
    const sitrep_location *l = &in->location;
    if (l->known) {
        sr_node_copy(m->country, sizeof m->country, l->country, strlen(l->country));
        sr_node_copy(m->admin1, sizeof m->admin1, l->admin1.ptr, l->admin1.len);
        sitrep_str nm = l->name.len ? l->name : l->text;
        sr_node_copy(m->place, sizeof m->place, nm.ptr, nm.len);
        place_key(m->place_key, sizeof m->place_key, nm.ptr, nm.len);
        m->gid = l->geonames_id;
        if (l->resolved && !(l->lat == 0 && l->lon == 0) && isfinite(l->lat) && isfinite(l->lon)) {
            m->has_coords = 1;
            m->lat = l->lat;
            m->lon = l->lon;
        }
        if (!l->resolved)
            m->prec = PREC_TEXT;
        else if (l->precision && strcmp(l->precision, "country") == 0)
            m->prec = PREC_COUNTRY;
        else if (l->precision && (strcmp(l->precision, "admin1") == 0 ||
                                  strcmp(l->precision, "admin2") == 0))
            m->prec = PREC_ADMIN1; /* no county level here: a county is matched as a region */
        else
            m->prec = PREC_CITY;
        if (m->prec == PREC_COUNTRY)
            m->place_key[0] = '\0';
    }
    if (in->name.len) {
        sr_node_copy(m->name, sizeof m->name, in->name.ptr, in->name.len);
        name_key(m->name_key, sizeof m->name_key, in->name.ptr, in->name.len);
    }
    for (size_t i = 0; i < in->nperpetrators; i++) {
        const sitrep_perpetrator *p = &in->perpetrators[i];
        if (!p->kind || strcmp(p->kind, "organization") != 0 || !p->name.len)
            continue;
        char name[SR_NODE_STR];
        sr_node_copy(name, sizeof name, p->name.ptr, p->name.len);
        if (!*m->perpetrator || (p->claim && strcmp(p->claim, "claimed") == 0 &&
                                 !list_has(m->perps, m->perpetrator)))
            memcpy(m->perpetrator, name, sizeof name);
        list_add(m->perps, sizeof m->perps, name);
    }
}

void sr_node_add_alias(sr_node *inc, uint32_t gid)
{
    if (!gid || gid == inc->gid)
        return;
    char g[16];
    snprintf(g, sizeof g, "%u", (unsigned)gid);
    list_add(inc->alt_gids, sizeof inc->alt_gids, g);
}

void sr_node_merge(sr_node *inc, const sr_node *m, int is_main)
{
    inc->tmask |= m->tmask;
    if (!*inc->type)
        memcpy(inc->type, m->type, sizeof inc->type);
    char item[SR_NODE_STR];
    const char *p = m->types;
    while (*p) {
        const char *e = strchr(p, '|');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        sr_node_copy(item, sizeof item, p, len);
        list_add(inc->types, sizeof inc->types, item);
        if (!e)
            break;
        p = e + 1;
    }
    if (m->has_day && (is_main || !inc->has_day)) {
        if (!inc->has_day || (m->day_explicit && !inc->day_explicit) ||
            (m->day_explicit == inc->day_explicit && m->day < inc->day)) {
            inc->has_day = 1;
            inc->day = m->day;
            inc->day_explicit = m->day_explicit;
        }
    }
    if (m->prec > inc->prec) {
        memcpy(inc->country, m->country, sizeof inc->country);
        memcpy(inc->admin1, m->admin1, sizeof inc->admin1);
        memcpy(inc->place, m->place, sizeof inc->place);
        memcpy(inc->place_key, m->place_key, sizeof inc->place_key);
        inc->gid = m->gid;
        inc->has_coords = m->has_coords;
        inc->lat = m->lat;
        inc->lon = m->lon;
        inc->prec = m->prec;
    } else if (!*inc->country && *m->country) {
        memcpy(inc->country, m->country, sizeof inc->country);
    }
    if (!*inc->name_key && *m->name_key) {
        memcpy(inc->name, m->name, sizeof inc->name);
        memcpy(inc->name_key, m->name_key, sizeof inc->name_key);
    }
    if (!*inc->perpetrator)
        memcpy(inc->perpetrator, m->perpetrator, sizeof inc->perpetrator);
    /* The incident's names grow with each report (its profile). */
    if (*m->profile)
        sr_profile_merge(inc->profile, sizeof inc->profile, m->profile);
    p = m->perps;
    while (*p) {
        const char *e = strchr(p, '|');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        sr_node_copy(item, sizeof item, p, len);
        list_add(inc->perps, sizeof inc->perps, item);
        if (!e)
            break;
        p = e + 1;
    }
    inc->mentions++;
    if (m->has_time) {
        if (!inc->has_time || m->time < inc->first_time) {
            inc->first_time = m->time;
            memcpy(inc->first_reported, m->first_reported, sizeof inc->first_reported);
        }
        if (!inc->has_time || m->time >= inc->last_time) {
            inc->last_time = m->time;
            memcpy(inc->last_reported, m->first_reported, sizeof inc->last_reported);
        }
        inc->has_time = 1;
    } else if (!*inc->first_reported && *m->first_reported) {
        memcpy(inc->first_reported, m->first_reported, sizeof inc->first_reported);
        memcpy(inc->last_reported, m->first_reported, sizeof inc->last_reported);
    }
    if (m->seq > inc->seq)
        inc->seq = m->seq;
}

static void col_copy(sqlite3_stmt *s, int c, char *dst, size_t cap)
{
    const unsigned char *t = sqlite3_column_text(s, c);
    size_t n = (size_t)sqlite3_column_bytes(s, c);
    sr_node_copy(dst, cap, (const char *)t, t ? n : 0);
}

/* Read a node from a row of CAND_COLS (incidents) starting at column 0. */
void sr_node_read(sqlite3_stmt *s, sr_node *n)
{
    memset(n, 0, sizeof *n);
    n->id = sqlite3_column_int64(s, 0);
    n->tmask = (unsigned)sqlite3_column_int64(s, 1);
    col_copy(s, 2, n->type, sizeof n->type);
    col_copy(s, 3, n->types, sizeof n->types);
    n->has_day = sqlite3_column_type(s, 4) != SQLITE_NULL;
    n->day = sqlite3_column_int64(s, 4);
    n->day_explicit = sqlite3_column_int(s, 5);
    col_copy(s, 6, n->country, sizeof n->country);
    col_copy(s, 7, n->admin1, sizeof n->admin1);
    col_copy(s, 8, n->place, sizeof n->place);
    col_copy(s, 9, n->place_key, sizeof n->place_key);
    n->gid = (uint32_t)sqlite3_column_int64(s, 10);
    n->has_coords = sqlite3_column_type(s, 11) != SQLITE_NULL;
    n->lat = sqlite3_column_double(s, 11);
    n->lon = sqlite3_column_double(s, 12);
    n->prec = sqlite3_column_int(s, 13);
    col_copy(s, 14, n->perpetrator, sizeof n->perpetrator);
    col_copy(s, 15, n->perps, sizeof n->perps);
    n->mentions = sqlite3_column_int64(s, 16);
    n->has_time = sqlite3_column_type(s, 17) != SQLITE_NULL;
    n->first_time = sqlite3_column_int64(s, 17);
    n->last_time = sqlite3_column_int64(s, 18);
    col_copy(s, 19, n->first_reported, sizeof n->first_reported);
    col_copy(s, 20, n->last_reported, sizeof n->last_reported);
    n->seq = sqlite3_column_int64(s, 21);
    col_copy(s, 22, n->alt_gids, sizeof n->alt_gids);
    col_copy(s, 23, n->name, sizeof n->name);
    col_copy(s, 24, n->name_key, sizeof n->name_key);
    col_copy(s, 25, n->profile, sizeof n->profile);
}

/* Bind the 15 shared node columns at parameters 1..15. */
static void bind_node(sqlite3_stmt *s, const sr_node *n)
{
    sqlite3_bind_int64(s, 1, (sqlite3_int64)n->tmask);
    bind_str0(s, 2, n->type);
    bind_str0(s, 3, n->types);
    if (n->has_day)
        sqlite3_bind_int64(s, 4, n->day);
    else
        sqlite3_bind_null(s, 4);
    sqlite3_bind_int(s, 5, n->day_explicit);
    bind_str0(s, 6, n->country);
    bind_str0(s, 7, n->admin1);
    bind_str0(s, 8, n->place);
    bind_str0(s, 9, n->place_key);
    sqlite3_bind_int64(s, 10, n->gid);
    if (n->has_coords) {
        sqlite3_bind_double(s, 11, n->lat);
        sqlite3_bind_double(s, 12, n->lon);
    } else {
        sqlite3_bind_null(s, 11);
        sqlite3_bind_null(s, 12);
    }
    sqlite3_bind_int(s, 13, n->prec);
    bind_str0(s, 14, n->perpetrator);
    bind_str0(s, 15, n->perps);
}

sitrep_status sr_node_write(sitrep_store *st, sr_node *n)
{
    sqlite3_stmt *s = sr_store_stmt(st, n->id ? SR_Q_UPDATE_INCIDENT : SR_Q_INSERT_INCIDENT);
    if (!s)
        return sr_store_dberr(st, "database");
    bind_node(s, n);
    sqlite3_bind_int64(s, 16, n->mentions);
    if (n->has_time) {
        sqlite3_bind_int64(s, 17, n->first_time);
        sqlite3_bind_int64(s, 18, n->last_time);
    } else {
        sqlite3_bind_null(s, 17);
        sqlite3_bind_null(s, 18);
    }
    bind_str0(s, 19, n->first_reported);
    bind_str0(s, 20, n->last_reported);
    sqlite3_bind_int64(s, 21, n->seq);
    if (n->id)
        sqlite3_bind_int64(s, 22, n->id);
    bind_str0(s, n->id ? 23 : 22, n->alt_gids);
    bind_str0(s, 24, n->name);
    bind_str0(s, 25, n->name_key);
    bind_str0(s, 26, n->profile);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return sr_store_dberr(st, "incidents");
    if (!n->id)
        n->id = sqlite3_last_insert_rowid(st->db);
    return SITREP_OK;
}

/* ----------------------------------------------------------- linking */

static double km_between(double la1, double lo1, double la2, double lo2)
{
    const double r = 6371.0, k = 3.14159265358979323846 / 180.0;
    double dla = (la2 - la1) * k, dlo = (lo2 - lo1) * k;
    double a = sin(dla / 2) * sin(dla / 2) +
               cos(la1 * k) * cos(la2 * k) * sin(dlo / 2) * sin(dlo / 2);
    if (a > 1)
        a = 1;
    return 2 * r * asin(sqrt(a));
}

/* Place agreement: 3 same GeoNames entry, 2 within SR_NEAR_KM or the same
 * name, 1.5 same first-level region with one side coarser,
 * SR_PLACE_NAMESAKE two far-apart towns of one name, 0.5 same
 * country with one side coarser or unresolved, 0.25 one side has no place;
 * -1 when they disagree. */
static double place_score(const sr_node *m, const sr_node *c)
{
    if (m->prec == PREC_NONE || c->prec == PREC_NONE)
        return 0.25;
    if (*m->country && *c->country && strcmp(m->country, c->country) != 0)
        return -1;
    if (m->gid && c->gid && m->gid == c->gid)
        return 3;
    if (m->gid && *c->alt_gids) {
        /* A place an analyst's merge attached to the incident. */
        char g[16];
        snprintf(g, sizeof g, "%u", (unsigned)m->gid);
        if (list_has(c->alt_gids, g))
            return 3;
    }
    if (m->prec == PREC_CITY && c->prec == PREC_CITY) {
        if (m->has_coords && c->has_coords) {
            double km = km_between(m->lat, m->lon, c->lat, c->lon);
            if (km <= SR_NEAR_KM)
                return 2;
            /* reports name the nearest town they know: within the same
             * region and a short drive, still the same place, more weakly */
            if (km <= SR_REGION_KM && *m->admin1 && strcmp(m->admin1, c->admin1) == 0)
                return 1.5;
            /* Two towns of one name (Huntsville, Alabama and Texas): the
             * gazetteer may have picked the wrong one for either report;
             * only shared names can tell (see sr_link_score). */
            if (*m->place_key && strcmp(m->place_key, c->place_key) == 0)
                return SR_PLACE_NAMESAKE;
            return -1;
        }
        return strcmp(m->place_key, c->place_key) == 0 ? 2 : -1;
    }
    if (*m->place_key && strcmp(m->place_key, c->place_key) == 0)
        return 2;
    if (m->prec >= PREC_ADMIN1 && c->prec >= PREC_ADMIN1) {
        /* Both resolved, one only to a region: the city must lie in it. */
        if (*m->admin1 && *c->admin1)
            return strcmp(m->admin1, c->admin1) == 0 ? 1.5 : -1;
        return 0.5;
    }
    if (m->prec == PREC_TEXT && c->prec == PREC_TEXT && !*m->country && !*c->country)
        return -1;   /* two different unresolved names, nothing else known */
    return (*m->country || *c->country) ? 0.5 : 0.25;
}

/* Does the side without a place name the other side's town among its
 * names?  The mention's names are its terms; an incident's, its profile.
 * Only a one-word town: a name is one word. */
static int names_town(const sr_node *m, const sr_node *c)
{
    if (m->prec == PREC_NONE && c->prec >= PREC_TEXT && *c->place_key && !strchr(c->place_key, ' ')) {
        for (size_t i = 0; i < m->nterms; i++)
            if (strcmp(m->terms[i], c->place_key) == 0)
                return 1;
        return 0;
    }
    return c->prec == PREC_NONE && m->prec >= PREC_TEXT && *m->place_key &&
           !strchr(m->place_key, ' ') && sr_profile_has(c->profile, m->place_key);
}

/* Compatibility score of mention m with candidate incident c; < 0 when they
 * cannot be the same incident. */
double sr_link_score(const sr_node *m, const sr_node *c)
{
    double score = 0;
    /* Event names: the same name is the same event within SR_NAME_WINDOW
     * days whatever the places (a storm crosses states); two different
     * names are two events. */
    if (*m->name_key && *c->name_key) {
        if (strcmp(m->name_key, c->name_key) != 0)
            return -1;
        if (m->has_day && c->has_day &&
            (m->day > c->day ? m->day - c->day : c->day - m->day) > SR_NAME_WINDOW)
            return -1;
        return 20;
    }
    /* Names the reports share (sr_store_terms.c). */
    double names = 0, mine = 0;
    size_t nnames = 0;
    sr_entity_agreement(m, c, &names, &nnames, &mine);
    int names_strong = nnames >= 2 && names >= SR_NAMES_STRONG &&
                       (names >= SR_NAMES_STRONG_SHARE * mine || nnames >= SR_NAMES_STRONG_MANY);
    /* Names so many and so much of the report that they outweigh what
     * the extractor made of the words around them: the type (a hit-and-run
     * read as a killing) and the date (a court date read as the incident's),
     * within the weeks a story is followed. */
    int names_decisive = nnames >= 3 && names >= SR_NAMES_DECISIVE &&
                         names >= SR_NAMES_DECISIVE_SHARE * mine;
    /* Type. */
    if (m->tmask && c->tmask) {
        if (m->tmask & c->tmask)
            score += 3;
        else if (sr_type_classes(m->tmask) & sr_type_classes(c->tmask))
            score += 1;
        else if (!names_decisive)
            return -1;
    }
    int names_some = names >= SR_NAMES_SOME;
    int names_disagree = (nnames == 0 || names < SR_NAMES_SHARE * mine) &&
                         mine >= SR_NAMES_DISAGREE &&
                         sr_profile_size(c->profile) >= SR_PROFILE_MIN;
    /* Place. */
    double pl = place_score(m, c);
    if (pl < 0) {
        if (!names_strong)
            return -1;
        pl = 0;   /* the names say one incident, whatever was resolved */
    }
    if (pl == 0.25 && names_town(m, c))
        pl = SR_PLACE_NAMED;
    score += pl;
    /* Date. */
    int close = 0;
    if (m->has_day && c->has_day) {
        int64_t dd = m->day > c->day ? m->day - c->day : c->day - m->day;
        if (m->day_explicit && c->day_explicit) {
            if (dd > SR_DAY_WINDOW && !(names_decisive && dd <= SR_NAME_WINDOW))
                return -1;
            if (dd <= SR_DAY_WINDOW)
                score += 2 - 0.5 * (double)dd;
            close = dd <= 1;
        } else {
            if (dd > SR_LOOSE_WINDOW && !(names_decisive && dd <= SR_NAME_WINDOW))
                return -1;
            score += dd <= 1 ? 1 : 0.5;
            close = dd <= 1;
        }
    }
    /* Perpetrators (organisations). */
    int perp = 0;
    if (*m->perps && *c->perps) {
        if (!lists_share(m->perps, c->perps))
            return -1;
        score += 2;
        perp = 1;
    }
    /* Names: up to SR_NAMES_POINTS points, a rare name about 1.5.  They
     * weigh more than an agreeing date can (2): of two incidents in one
     * place, the one whose people and streets the report names is its
     * own, even when the other has the closer date or the same type. */
    score += names / 3 > SR_NAMES_POINTS ? SR_NAMES_POINTS : names / 3;
    /* When the dates cannot be compared, a place is all that ties two
     * reports: names that differ throughout untie them (two shootings in
     * one city, a year apart). */
    if (names_disagree && !(m->has_day && c->has_day) && !perp)
        return -1;
    /* Weak places need more of everything else. */
    double need = pl >= 2 ? 3.0 : pl >= 1.5 ? 4.0 : 5.0;
    if (pl < 1.5 && !close && !perp && !names_some)
        return -1;
    if (pl == SR_PLACE_NAMESAKE && !names_some)
        return -1;
    return score >= need || names_decisive ? score : -1;
}

/* Best candidate among the rows of a candidate statement. */
typedef struct link_ctx {
    const sr_node *m;
    int background;
    int64_t pub_day;
    int has_pub;
    const int64_t *exclude;    /* incidents of the article's main mentions */
    size_t nexclude;
    int64_t bucket;            /* the article's ingest bucket */
    double best;
    sr_node best_node;
    int64_t seen[32];
    size_t nseen;
} link_ctx;

static sitrep_status scan_candidates(sitrep_store *st, sqlite3_stmt *s, link_ctx *lc)
{
    int rc;
    sr_node c;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(s, 0);
        int skip = 0;
        for (size_t i = 0; i < lc->nexclude; i++)
            if (lc->exclude[i] == id)
                skip = 1;
        for (size_t i = 0; i < lc->nseen && !skip; i++)
            if (lc->seen[i] == id)
                skip = 1;
        if (skip)
            continue;
        if (lc->nseen < sizeof lc->seen / sizeof lc->seen[0])
            lc->seen[lc->nseen++] = id;
        sr_node_read(s, &c);
        if (lc->background && lc->has_pub && c.has_day && c.day >= lc->pub_day - 1)
            continue;   /* a background mention is about an older incident */
        double sc = sr_link_score(lc->m, &c);
        if (sc > lc->best || (sc == lc->best && sc >= 0 && c.id > lc->best_node.id)) {
            lc->best = sc;
            lc->best_node = c;
        }
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return sr_store_dberr(st, "incidents");
    return SITREP_OK;
}

static sitrep_status query_candidates(sitrep_store *st, link_ctx *lc)
{
    const sr_node *m = lc->m;
    sitrep_status rc = SITREP_OK;
    sqlite3_stmt *s;
    int64_t lo = m->day - (m->day_explicit ? SR_DAY_WINDOW : SR_LOOSE_WINDOW);
    int64_t hi = m->day + (m->day_explicit ? SR_DAY_WINDOW : 2);
    if (*m->name_key) {
        if (!(s = sr_store_stmt(st, SR_Q_CAND_NAME)))
            return sr_store_dberr(st, "database");
        bind_str0(s, 1, m->name_key);
        if ((rc = scan_candidates(st, s, lc)) != SITREP_OK || lc->best >= 20)
            return rc;
    }
    if (lc->background && !m->day_explicit) {
        /* Undated background mention: older incidents of the place. */
        if (*m->country && lc->has_pub) {
            if (!(s = sr_store_stmt(st, SR_Q_CAND_COUNTRY_OLDER)))
                return sr_store_dberr(st, "database");
            bind_str0(s, 1, m->country);
            sqlite3_bind_int64(s, 2, lc->pub_day - 1);
            return scan_candidates(st, s, lc);
        }
        return SITREP_OK;
    }
    if (m->has_day) {
        if (*m->country) {
            if (!(s = sr_store_stmt(st, SR_Q_CAND_COUNTRY_DAY)))
                return sr_store_dberr(st, "database");
            bind_str0(s, 1, m->country);
            sqlite3_bind_int64(s, 2, lo);
            sqlite3_bind_int64(s, 3, hi);
            rc = scan_candidates(st, s, lc);
        } else if (*m->place_key) {
            if (!(s = sr_store_stmt(st, SR_Q_CAND_PLACE_DAY)))
                return sr_store_dberr(st, "database");
            bind_str0(s, 1, m->place_key);
            sqlite3_bind_int64(s, 2, lo);
            sqlite3_bind_int64(s, 3, hi);
            rc = scan_candidates(st, s, lc);
        } else if (m->prec == PREC_NONE && *m->perps) {
            if (!(s = sr_store_stmt(st, SR_Q_CAND_DAY)))
                return sr_store_dberr(st, "database");
            sqlite3_bind_int64(s, 1, lo);
            sqlite3_bind_int64(s, 2, hi);
            rc = scan_candidates(st, s, lc);
        }
        if (rc != SITREP_OK)
            return rc;
    }
    /* Incidents whose date is unknown, and mentions without a date: the most
     * recently reported incidents of the country or place. */
    if (*m->country || *m->place_key) {
        int by_country = *m->country != '\0';
        sr_stmt_id q = m->has_day ? (by_country ? SR_Q_CAND_COUNTRY_UNDATED : SR_Q_CAND_PLACE_UNDATED)
                                  : (by_country ? SR_Q_CAND_COUNTRY_RECENT : SR_Q_CAND_PLACE_RECENT);
        if (!(s = sr_store_stmt(st, q)))
            return sr_store_dberr(st, "database");
        bind_str0(s, 1, by_country ? m->country : m->place_key);
        rc = scan_candidates(st, s, lc);
    }
    /* A report that places nothing may still name the town in passing
     * ("Staunton police", "a Staunton ice cream store"): the recent
     * incidents of its rarest names as towns. */
    if (m->prec == PREC_NONE && !lc->background)
        for (size_t i = 0; i < m->nterms && i < SR_TOWN_LOOKUPS && rc == SITREP_OK; i++) {
            if (!(s = sr_store_stmt(st, SR_Q_CAND_TOWN_NAMED)))
                return sr_store_dberr(st, "database");
            bind_str0(s, 1, m->terms[i]);
            rc = scan_candidates(st, s, lc);
        }
    /* Incidents whose recent reports used the report's rarest names,
     * wherever they were placed. */
    int64_t ids[SR_TERM_LOOKUPS * 8];
    size_t nids = 0;
    /* Only names some other article used can find an incident: a name no
     * one else wrote is the rarest of all and would waste the lookups. */
    size_t looked = 0;
    for (size_t i = 0; i < m->nterms && looked < SR_TERM_LOOKUPS && rc == SITREP_OK; i++) {
        if (m->tdf[i] <= 0)
            continue;
        looked++;
        /* The newest bucket that used the name; older ones only when it
         * had none (a story goes on over the days of a bucket or two). */
        size_t before = nids;
        for (int k = 0; k < SR_NEAR_DUP_BUCKETS && nids == before && lc->bucket - k >= 0; k++) {
            if (!(s = sr_store_stmt(st, SR_Q_TERM_CANDIDATES)))
                return sr_store_dberr(st, "database");
            bind_str0(s, 1, m->terms[i]);
            sqlite3_bind_int64(s, 2, lc->bucket - k);
            int src;
            while ((src = sqlite3_step(s)) == SQLITE_ROW) {
                int64_t id = sqlite3_column_int64(s, 0);
                size_t j = 0;
                while (j < nids && ids[j] != id)
                    j++;
                if (j == nids && nids < sizeof ids / sizeof ids[0])
                    ids[nids++] = id;
            }
            sqlite3_reset(s);
            if (src != SQLITE_DONE)
                return sr_store_dberr(st, "term_incidents");
        }
    }
    for (size_t i = 0; i < nids && rc == SITREP_OK; i++) {
        if (!(s = sr_store_stmt(st, SR_Q_CAND_ID)))
            return sr_store_dberr(st, "database");
        sqlite3_bind_int64(s, 1, ids[i]);
        rc = scan_candidates(st, s, lc);
    }
    return rc;
}

/* ------------------------------------------------------------- ingest */

static int buf_sink(void *ud, const void *p, size_t n)
{
    return sr_buf_add((sr_buf *)ud, p, n) == SITREP_OK ? 0 : -1;
}

/* The sentence around the evidence [es, ee) of text t (n bytes), as
 * [*ss, *se): back to the end of the previous sentence and on to the end
 * of this one, at most SENTENCE_REACH bytes either way (cut at a space, so
 * never inside a UTF-8 sequence).  A full stop ends a sentence when a space
 * follows and the word before it is not a short capitalised abbreviation
 * ("Mr.", "Gen.", "U.S."); a blank line always does. */
#define SENTENCE_REACH 300

static int is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Does the '.', '!' or '?' at t[p] end a sentence? */
static int ends_sentence(const char *t, size_t n, size_t p)
{
    if (p + 1 < n && !is_space(t[p + 1]) && t[p + 1] != '"' && t[p + 1] != '\'')
        return 0;
    if (t[p] != '.')
        return 1;
    size_t w = p;
    while (w > 0 && p - w <= 4 && !is_space(t[w - 1])) /* longer is no abbreviation */
        w--;
    /* "Mr." "Gen." "U.S." "St.": short and capitalised. */
    return !(p - w <= 4 && t[w] >= 'A' && t[w] <= 'Z');
}

static void sentence_around(const char *t, size_t n, size_t es, size_t ee, size_t *ss,
                            size_t *se)
{
    if (!t || es > ee || ee > n) {
        *ss = *se = 0;
        return;
    }
    size_t b = es;
    while (b > 0 && es - b < SENTENCE_REACH) {
        char c = t[b - 1];
        if (c == '\n' && b >= 2 && t[b - 2] == '\n')
            break;
        if ((c == '.' || c == '!' || c == '?') && b < es && is_space(t[b]) &&
            ends_sentence(t, n, b - 1))
            break;
        b--;
    }
    if (b > 0 && es - b >= SENTENCE_REACH)
        while (b < es && !is_space(t[b]))
            b++; /* cut at a space: never inside a word or a UTF-8 sequence */
    size_t e = ee;
    while (e < n && e - ee < SENTENCE_REACH) {
        char c = t[e];
        if (c == '\n' && e + 1 < n && t[e + 1] == '\n')
            break;
        e++;
        if ((c == '.' || c == '!' || c == '?') && ends_sentence(t, n, e - 1)) {
            if (e < n && (t[e] == '"' || t[e] == '\''))
                e++;
            break;
        }
    }
    if (e < n && e - ee >= SENTENCE_REACH)
        while (e > ee && !is_space(t[e - 1]))
            e--;
    while (b < e && is_space(t[b]))
        b++;
    while (e > b && is_space(t[e - 1]))
        e--;
    *ss = b;
    *se = e;
}

static sitrep_status insert_obs(sitrep_store *st, int64_t incident, int64_t mention,
                                int64_t article, const sitrep_article *a, const sitrep_incident *in,
                                int64_t ptime, int has_time, int near_dup)
{
    for (int f = 0; f < SITREP_NFIGURES; f++) {
        const sitrep_count *c = &in->counts[f];
        if (!c->known)
            continue;
        sqlite3_stmt *s = sr_store_stmt(st, SR_Q_INSERT_OBS);
        if (!s)
            return sr_store_dberr(st, "database");
        sqlite3_bind_int64(s, 1, incident);
        sqlite3_bind_int64(s, 2, mention);
        sqlite3_bind_int64(s, 3, article);
        sqlite3_bind_int(s, 4, f);
        sqlite3_bind_int64(s, 5, c->value);
        sqlite3_bind_int64(s, 6, c->min);
        sqlite3_bind_int64(s, 7, c->max);
        sqlite3_bind_int(s, 8, (int)c->qualifier);
        sqlite3_bind_text(s, 9, c->source.ptr ? c->source.ptr : "", (int)c->source.len,
                          SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 10, a->source.ptr ? a->source.ptr : "", (int)a->source.len,
                          SQLITE_TRANSIENT);
        if (has_time)
            sqlite3_bind_int64(s, 11, ptime);
        else
            sqlite3_bind_null(s, 11);
        size_t es = c->evidence.start, ee = c->evidence.end;
        if (ee > a->text.len)
            ee = a->text.len;
        if (es > ee)
            es = ee;
        sqlite3_bind_int64(s, 12, (sqlite3_int64)es);
        sqlite3_bind_int64(s, 13, (sqlite3_int64)ee);
        sqlite3_bind_text(s, 14, ee > es ? a->text.ptr + es : "", (int)(ee - es), SQLITE_TRANSIENT);
        sqlite3_bind_int(s, 15, in->main != 0);
        sqlite3_bind_int(s, 16, near_dup != 0);
        size_t ss, se;
        sentence_around(a->text.ptr, a->text.len, es, ee, &ss, &se);
        sqlite3_bind_text(s, 17, se > ss ? a->text.ptr + ss : "", (int)(se - ss),
                          SQLITE_TRANSIENT);
        int rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return sr_store_dberr(st, "observations");
        sitrep_status r = sr_store_refresh_figure(st, incident, f);
        if (r != SITREP_OK)
            return r;
    }
    return SITREP_OK;
}

static sitrep_status find_article(sitrep_store *st, const sitrep_article *a, const char *hash,
                                  int64_t *id)
{
    sqlite3_stmt *s = sr_store_stmt(st, SR_Q_FIND_ARTICLE);
    if (!s)
        return sr_store_dberr(st, "database");
    bind_str0(s, 1, hash);
    bind_text(s, 2, a->id.ptr, a->id.len);
    bind_text(s, 3, a->url.ptr, a->url.len);
    int rc = sqlite3_step(s);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sr_store_dberr(st, "articles");
    return SITREP_OK;
}

/* Before the first article of a new ingest bucket is stored: move the
 * content hashes of the buckets before it into article_hashes (migration
 * 6), so that the lookup by hash needs the newest bucket's index only. */
static sitrep_status merge_hashes(sitrep_store *st, int64_t bucket)
{
    sqlite3_stmt *s = sr_store_stmt(st, SR_Q_HASHES_MERGED);
    if (!s)
        return sr_store_dberr(st, "database");
    int rc = sqlite3_step(s);
    int64_t merged = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW)
        return sr_store_dberr(st, "store_state");
    if (bucket <= merged)
        return SITREP_OK;
    for (sr_stmt_id q = SR_Q_MERGE_HASHES; q <= SR_Q_SET_HASHES_MERGED; q++) {
        if (!(s = sr_store_stmt(st, q)))
            return sr_store_dberr(st, "database");
        if (q == SR_Q_MERGE_HASHES) {
            sqlite3_bind_int64(s, 1, merged);
            sqlite3_bind_int64(s, 2, bucket);
        } else {
            sqlite3_bind_int64(s, 1, bucket);
        }
        rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return sr_store_dberr(st, "article_hashes");
    }
    return SITREP_OK;
}

/* The ingest bucket the next article falls in. */
static sitrep_status next_bucket(sitrep_store *st, int64_t *bucket, int64_t *narticles)
{
    sqlite3_stmt *s = sr_store_stmt(st, SR_Q_MAX_ARTICLE);
    if (!s)
        return sr_store_dberr(st, "database");
    int rc = sqlite3_step(s);
    int64_t max = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW)
        return sr_store_dberr(st, "articles");
    *bucket = (max + 1) >> SR_NEAR_DUP_BUCKET_BITS;
    *narticles = max;
    return SITREP_OK;
}

static sitrep_status find_near_dup(sitrep_store *st, uint64_t sh, int64_t bucket, int64_t *orig)
{
    *orig = 0;
    sqlite3_stmt *s = sr_store_stmt(st, SR_Q_NEAR_CANDIDATES);
    if (!s)
        return sr_store_dberr(st, "database");
    for (int b = 0; b < 4; b++)
        sqlite3_bind_int64(s, b + 1, (sqlite3_int64)((sh >> (16 * b)) & 0xffff));
    for (int k = 0; k < SR_NEAR_DUP_BUCKETS; k++)
        sqlite3_bind_int64(s, 5 + k, bucket - k);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(s, 0);
        uint64_t other = (uint64_t)sqlite3_column_int64(s, 1);
        if (sr_hamming64(sh, other) <= SR_NEAR_DUP_BITS && (*orig == 0 || id < *orig))
            *orig = id;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return sr_store_dberr(st, "articles");
    return SITREP_OK;
}

/* ------------------------------------------------------------ names */

/* Is w one of the space-separated words of key? */
static int key_has_word(const char *key, const char *w)
{
    return sep_list_has(key, ' ', w);
}

/* Count the article's name words in the document frequencies and weigh
 * each by its rarity among the narticles stored before (idf). */
static sitrep_status weigh_terms(sitrep_store *st, sr_term *t, size_t n, int64_t narticles)
{
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *s = sr_store_stmt(st, SR_Q_TERM_DF);
        if (!s)
            return sr_store_dberr(st, "database");
        bind_str0(s, 1, t[i].w);
        sqlite3_bind_int(s, 2, t[i].lower != 0);
        int rc = sqlite3_step(s);
        int64_t df = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 1;
        int64_t lc = rc == SQLITE_ROW ? sqlite3_column_int64(s, 1) : 0;
        sqlite3_reset(s);
        t[i].common = df >= SR_COMMON_MIN_DF && (double)lc >= SR_COMMON_SHARE * (double)df;
        if (rc != SQLITE_ROW)
            return sr_store_dberr(st, "term_df");
        t[i].weight = log(((double)narticles + SR_IDF_PRIOR) / (double)df);
        t[i].df = df - 1;
    }
    return SITREP_OK;
}

/* The names main mention m is linked by: the rarest of the article's name
 * words that are no common nouns, without the words of its own place (the place is compared on its
 * own, and a report's place names would tie every report from one city). */
static void mention_terms(sr_node *m, const sr_term *t, size_t n, const char *loc_key)
{
    char admin_key[SR_NODE_STR];
    place_key(admin_key, sizeof admin_key, m->admin1, strlen(m->admin1));
    size_t idx[SR_ARTICLE_TERMS], k = 0;
    for (size_t i = 0; i < n && k < SR_ARTICLE_TERMS; i++) {
        if (t[i].weight < SR_TERM_MIN_WEIGHT || t[i].lower || t[i].common ||
            key_has_word(m->place_key, t[i].w) ||
            key_has_word(admin_key, t[i].w) || key_has_word(loc_key, t[i].w))
            continue;
        /* Rarest first, then the most repeated, then the first written. */
        size_t j = k++;
        while (j > 0 && (t[idx[j - 1]].weight < t[i].weight ||
                         (t[idx[j - 1]].weight == t[i].weight && t[idx[j - 1]].tf < t[i].tf))) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = i;
    }
    m->nterms = 0;
    m->profile[0] = '\0';
    size_t o = 0;
    for (size_t j = 0; j < k && m->nterms < SR_TERMS; j++) {
        const sr_term *x = &t[idx[j]];
        int l = snprintf(m->profile + o, sizeof m->profile - o, "%s%s:1", o ? "|" : "", x->w);
        if (l < 0 || o + (size_t)l >= sizeof m->profile) {
            m->profile[o] = '\0';
            break;
        }
        o += (size_t)l;
        memcpy(m->terms[m->nterms], x->w, sizeof x->w);
        m->tdf[m->nterms] = x->df;
        m->tweight[m->nterms++] = x->weight;
    }
}

/* Index the names of mention m under incident id (for later reports). */
static sitrep_status index_terms(sitrep_store *st, const sr_node *m, int64_t id, int64_t bucket,
                                 int64_t art)
{
    for (size_t i = 0; i < m->nterms; i++) {
        sqlite3_stmt *s = sr_store_stmt(st, SR_Q_INSERT_TERM_INCIDENT);
        if (!s)
            return sr_store_dberr(st, "database");
        sqlite3_bind_int64(s, 1, bucket);
        bind_str0(s, 2, m->terms[i]);
        sqlite3_bind_int64(s, 3, art);
        sqlite3_bind_int64(s, 4, id);
        int rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return sr_store_dberr(st, "term_incidents");
    }
    return SITREP_OK;
}

/* checked: the caller looked the article up inside the open batch (the
 * write transaction), so that it cannot have been stored since. */
static sitrep_status add_inner(sitrep_store *st, const sitrep_article *a, const sitrep_result *r,
                               sitrep_store_ingest_info *info, int checked)
{
    char hash[33];
    sr_content_hash(a->text.ptr ? a->text.ptr : "", a->text.len, hash);
    int64_t existing = 0;
    sitrep_status rc = checked ? SITREP_OK : find_article(st, a, hash, &existing);
    if (rc != SITREP_OK)
        return rc;
    if (existing) {
        info->duplicate = 1;
        info->article = existing;
        return SITREP_OK;
    }
    size_t nsh = 0;
    uint64_t sh = sr_simhash(a->text.ptr ? a->text.ptr : "", a->text.len, &nsh);
    int64_t orig = 0, bucket = 0, narticles = 0;
    if ((rc = next_bucket(st, &bucket, &narticles)) != SITREP_OK ||
        (rc = merge_hashes(st, bucket)) != SITREP_OK)
        return rc;
    if (nsh >= SR_NEAR_DUP_MIN_SHINGLES && (rc = find_near_dup(st, sh, bucket, &orig)) != SITREP_OK)
        return rc;

    sr_buf_reset(&st->json);
    if (sitrep_write_json(a, r, buf_sink, &st->json) != SITREP_OK)
        return sr_store_fail(st, SITREP_E_NOMEM, "out of memory writing the extraction record");

    int has_time;
    int64_t ptime = pub_time(a->published, &has_time);
    int has_pub = 0;
    int64_t pub_day = 0;
    if (r->published.year) {
        has_pub = 1;
        pub_day = sr_store_days(r->published.year, r->published.month,
                                     r->published.day ? r->published.day : 1);
    } else if (has_time) {
        has_pub = 1;
        pub_day = ptime / 86400 - (ptime < 0 && ptime % 86400 ? 1 : 0);
    }

    sqlite3_stmt *s = sr_store_stmt(st, SR_Q_INSERT_ARTICLE);
    if (!s)
        return sr_store_dberr(st, "database");
    bind_text(s, 1, a->id.ptr, a->id.len);
    bind_text(s, 2, a->url.ptr, a->url.len);
    bind_text(s, 3, a->source.ptr, a->source.len);
    bind_text(s, 4, a->published.ptr, a->published.len);
    if (has_time)
        sqlite3_bind_int64(s, 5, ptime);
    bind_text(s, 6, a->title.ptr, a->title.len);
    bind_str0(s, 7, hash);
    sqlite3_bind_int64(s, 8, (sqlite3_int64)sh);
    if (nsh >= SR_NEAR_DUP_MIN_SHINGLES)
        for (int b = 0; b < 4; b++)
            sqlite3_bind_int64(s, 9 + b, (sqlite3_int64)((sh >> (16 * b)) & 0xffff));
    if (orig)
        sqlite3_bind_int64(s, 13, orig);
    sqlite3_bind_text(s, 14, st->json.data, (int)st->json.len, SQLITE_STATIC);
    sqlite3_bind_int64(s, 15, bucket);
    int src = sqlite3_step(s);
    sqlite3_reset(s);
    if (src != SQLITE_DONE)
        return sr_store_dberr(st, "articles");
    int64_t art = sqlite3_last_insert_rowid(st->db);
    info->article = art;
    info->near_duplicate_of = orig;
    info->mentions = r->nincidents;

    /* Incidents of the original of a syndicated copy, by mention index. */
    int64_t orig_inc[16];
    unsigned orig_mask[16];
    size_t norig = 0;
    memset(orig_inc, 0, sizeof orig_inc);
    if (orig) {
        if (!(s = sr_store_stmt(st, SR_Q_ORIG_MENTIONS)))
            return sr_store_dberr(st, "database");
        sqlite3_bind_int64(s, 1, orig);
        while ((src = sqlite3_step(s)) == SQLITE_ROW) {
            int64_t idx = sqlite3_column_int64(s, 0);
            if (idx >= 0 && idx < 16) {
                orig_inc[idx] = sqlite3_column_int64(s, 1);
                orig_mask[idx] = (unsigned)sqlite3_column_int64(s, 2);
                if ((size_t)idx + 1 > norig)
                    norig = (size_t)idx + 1;
            }
        }
        sqlite3_reset(s);
        if (src != SQLITE_DONE)
            return sr_store_dberr(st, "mentions");
    }

    /* The article's names, weighed once for all its main mentions. */
    sr_term terms[SR_ARTICLE_TERMS];
    size_t nterms = 0;
    for (size_t i = 0; i < r->nincidents && !nterms; i++)
        if (r->incidents[i].main && r->incidents[i].ntypes) {
            nterms = sr_name_terms(a->text.ptr, a->text.len, terms, SR_ARTICLE_TERMS);
            if ((rc = weigh_terms(st, terms, nterms, narticles)) != SITREP_OK)
                return rc;
            if (!nterms)
                break;
        }

    int64_t main_incs[16];
    size_t nmain = 0;
    /* Main mentions first, so that background ones can avoid their
     * incidents. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < r->nincidents; i++) {
            const sitrep_incident *in = &r->incidents[i];
            if ((pass == 0) != (in->main != 0))
                continue;
            sr_node m;
            node_from_mention(&m, in, pub_day, has_pub);
            m.has_time = has_time;
            m.time = ptime;
            sr_node_copy(m.first_reported, sizeof m.first_reported, a->published.ptr,
                         a->published.len);
            m.seq = art;
            if (in->main && nterms) {
                char loc_key[SR_NODE_STR];
                place_key(loc_key, sizeof loc_key, in->location.text.ptr,
                          in->location.known ? in->location.text.len : 0);
                mention_terms(&m, terms, nterms, loc_key);
            }

            const char *link = "none";
            double score = 0;
            sr_node inc;
            int have = 0;
            if (i < norig && orig_inc[i] && (orig_mask[i] & m.tmask)) {
                sqlite3_stmt *g = sr_store_stmt(st, SR_Q_GET_INCIDENT_LINK);
                if (!g)
                    return sr_store_dberr(st, "database");
                sqlite3_bind_int64(g, 1, orig_inc[i]);
                if ((src = sqlite3_step(g)) == SQLITE_ROW) {
                    sr_node_read(g, &inc);
                    have = 1;
                    link = "near_duplicate";
                }
                sqlite3_reset(g);
                if (src != SQLITE_ROW && src != SQLITE_DONE)
                    return sr_store_dberr(st, "incidents");
            }
            if (!have && m.tmask) {
                link_ctx lc;
                memset(&lc, 0, sizeof lc);
                lc.m = &m;
                lc.background = !in->main;
                lc.pub_day = pub_day;
                lc.has_pub = has_pub;
                lc.exclude = main_incs;
                lc.nexclude = in->main ? 0 : nmain;
                lc.best = -1;
                lc.bucket = bucket;
                if ((rc = query_candidates(st, &lc)) != SITREP_OK)
                    return rc;
                if (lc.best >= 0) {
                    inc = lc.best_node;
                    have = 1;
                    link = "linked";
                    score = lc.best;
                }
            }
            int open_new = !have && m.tmask &&
                           (in->main || (m.day_explicit && m.prec >= PREC_TEXT));
            if (have) {
                sr_node_merge(&inc, &m, in->main);
                info->linked++;
            } else if (open_new) {
                memset(&inc, 0, sizeof inc);
                sr_node_merge(&inc, &m, 1);
                link = "opened";
                info->opened++;
            }
            if (have || open_new) {
                if ((rc = sr_node_write(st, &inc)) != SITREP_OK)
                    return rc;
                if (in->main && nmain < sizeof main_incs / sizeof main_incs[0])
                    main_incs[nmain++] = inc.id;
                if (in->main && !info->main_incident)
                    info->main_incident = inc.id;
                if (in->main && (rc = index_terms(st, &m, inc.id, bucket, art)) != SITREP_OK)
                    return rc;
            }
            if (!(s = sr_store_stmt(st, SR_Q_INSERT_MENTION)))
                return sr_store_dberr(st, "database");
            bind_node(s, &m);
            sqlite3_bind_int64(s, 16, art);
            sqlite3_bind_int64(s, 17, (sqlite3_int64)i);
            sqlite3_bind_int(s, 18, in->main != 0);
            if (have || open_new)
                sqlite3_bind_int64(s, 19, inc.id);
            bind_str0(s, 20, link);
            sqlite3_bind_double(s, 21, score);
            if (has_time)
                sqlite3_bind_int64(s, 22, ptime);
            bind_str0(s, 23, m.first_reported);
            bind_str0(s, 24, m.name);
            bind_str0(s, 25, m.name_key);
            bind_str0(s, 26, m.profile);
            src = sqlite3_step(s);
            sqlite3_reset(s);
            if (src != SQLITE_DONE)
                return sr_store_dberr(st, "mentions");
            int64_t mention = sqlite3_last_insert_rowid(st->db);
            if (have || open_new) {
                rc = insert_obs(st, inc.id, mention, art, a, in, ptime, has_time, orig != 0);
                if (rc != SITREP_OK)
                    return rc;
            }
        }
    }
    return SITREP_OK;
}

static sitrep_status store_add(sitrep_store *st, const sitrep_article *a, const sitrep_result *r,
                               sitrep_store_ingest_info *info, int checked)
{
    sitrep_store_ingest_info dummy;
    if (!info)
        info = &dummy;
    memset(info, 0, sizeof *info);
    if (!st || !a || !r)
        return st ? sr_store_fail(st, SITREP_E_ARG, "no article") : SITREP_E_ARG;
    if (st->read_only)
        return sr_store_fail(st, SITREP_E_ARG, "store opened read-only");
    st->err[0] = '\0';
    int own = !st->in_batch;
    sitrep_status rc;
    if (own && (rc = sitrep_store_begin(st)) != SITREP_OK)
        return rc;
    rc = add_inner(st, a, r, info, checked && !own);
    sr_arena_reset(&st->arena);
    if (own) {
        if (rc == SITREP_OK)
            rc = sitrep_store_commit(st);
        if (rc != SITREP_OK) {
            char keep[sizeof st->err];
            memcpy(keep, st->err, sizeof keep);
            (void)sitrep_store_rollback(st);
            memcpy(st->err, keep, sizeof keep);
        }
    }
    return rc;
}

sitrep_status sitrep_store_add(sitrep_store *st, const sitrep_article *a, const sitrep_result *r,
                               sitrep_store_ingest_info *info)
{
    return store_add(st, a, r, info, 0);
}

sitrep_status sitrep_store_ingest(sitrep_store *st, sitrep *s, const sitrep_article *a,
                                  sitrep_date default_published, sitrep_store_ingest_info *info)
{
    if (info)
        memset(info, 0, sizeof *info);
    if (!st || !s || !a)
        return st ? sr_store_fail(st, SITREP_E_ARG, "no extractor or article") : SITREP_E_ARG;
    /* A stored article is not extracted again. */
    char hash[33];
    sr_content_hash(a->text.ptr ? a->text.ptr : "", a->text.len, hash);
    int64_t existing = 0;
    int in_batch = st->in_batch;
    sitrep_status rc = find_article(st, a, hash, &existing);
    if (rc != SITREP_OK)
        return rc;
    if (existing) {
        if (info) {
            info->duplicate = 1;
            info->article = existing;
        }
        return SITREP_OK;
    }
    const sitrep_result *r = NULL;
    rc = sitrep_extract(s, a, default_published, &r);
    if (rc != SITREP_OK)
        return sr_store_fail(st, rc, "extract: %s", sitrep_errmsg(s));
    /* Inside a batch nothing else can have stored the article since the
     * lookup above: the batch holds the write lock (BEGIN IMMEDIATE). */
    return store_add(st, a, r, info, in_batch);
}
