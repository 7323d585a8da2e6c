/*
 * sr_store_query.c - reading the incident store (incident lists, one
 * incident, figure timelines), the figure consolidation policy, the
 * analyst's corrections (merge, split) and the consistency check.
 */
#include "store/sr_store.h"
#include "store/sr_store_node.h"

#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------- consolidation */

static int lower_ascii(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Case-insensitive search of an ASCII needle in a NUL-terminated string. */
static int has_word(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = hay; *p; p++) {
        size_t i = 0;
        while (i < n && p[i] && lower_ascii((unsigned char)p[i]) == needle[i])
            i++;
        if (i == n) {
            /* Whole-word start. */
            if (p == hay || !((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z')))
                return 1;
        }
    }
    return 0;
}

int sr_source_rank(const char *source)
{
    static const char *const official[] = {
        "ministry", "minister", "police", "official", "government", "governor",
        "authorities", "authority", "spokesm", "spokeswom", "spokesperson", "army",
        "military", "hospital", "health", "civil defen", "red cross", "red crescent",
        "united nations", "ocha", "coroner", "sheriff", "fire department", "fire service",
        "fire chief", "mayor", "emergency", "agency", "president", "state media",
        "department", "cal fire", "national guard", "coast guard", "rescue", "prosecutor",
        "medical", "disaster management", "interior", "commander",
    };
    if (!source || !*source)
        return 0;
    for (size_t i = 0; i < sizeof official / sizeof official[0]; i++)
        if (has_word(source, official[i]))
            return 2;
    return 1;
}

/* Same credited source: equal ignoring case and a leading "the ". */
static int same_source(const char *a, const char *b)
{
    if (lower_ascii((unsigned char)a[0]) == 't' && lower_ascii((unsigned char)a[1]) == 'h' &&
        lower_ascii((unsigned char)a[2]) == 'e' && a[3] == ' ')
        a += 4;
    if (lower_ascii((unsigned char)b[0]) == 't' && lower_ascii((unsigned char)b[1]) == 'h' &&
        lower_ascii((unsigned char)b[2]) == 'e' && b[3] == ' ')
        b += 4;
    while (*a && *b && lower_ascii((unsigned char)*a) == lower_ascii((unsigned char)*b)) {
        a++;
        b++;
    }
    return *a == '\0' && *b == '\0';
}

void sr_consolidate(const sr_obs *o, size_t n, sr_cons *out, const char **status)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++) {
        const char *stname;
        if (!out->known) {
            out->known = 1;
            out->value = o[i].value;
            out->min = o[i].min;
            out->max = o[i].max;
            out->qualifier = o[i].qualifier;
            out->source_index = i;
            stname = "first";
        } else if (o[i].value > out->value) {
            /* A higher figure: the toll of a developing story rises. */
            out->value = o[i].value;
            out->min = o[i].min;
            out->max = o[i].max;
            out->qualifier = o[i].qualifier;
            out->source_index = i;
            out->revised = 1;
            stname = "raised";
        } else if (o[i].value == out->value) {
            /* Confirmation: an exact statement firms up "at least N". */
            if (o[i].qualifier == SITREP_Q_EXACT && out->qualifier != SITREP_Q_EXACT) {
                out->qualifier = SITREP_Q_EXACT;
                out->min = o[i].min;
                out->max = o[i].max;
            }
            if (sr_source_rank(o[i].source) > sr_source_rank(o[out->source_index].source))
                out->source_index = i;
            stname = "confirmed";
        } else {
            const char *cur = o[out->source_index].source;
            int ro = sr_source_rank(o[i].source), rc = sr_source_rank(cur);
            if (ro == 2 && o[i].qualifier == SITREP_Q_EXACT && same_source(o[i].source, cur)) {
                /* The official source that gave the figure corrected it. */
                out->value = o[i].value;
                out->min = o[i].min;
                out->max = o[i].max;
                out->qualifier = o[i].qualifier;
                out->source_index = i;
                out->revised = 1;
                stname = "revised_down";
            } else if (ro >= 1 && ro >= rc && o[i].qualifier == SITREP_Q_EXACT &&
                       out->qualifier == SITREP_Q_EXACT) {
                out->contradicted = 1;
                stname = "contradicts";
            } else {
                stname = "lower";
            }
        }
        if (status)
            status[i] = stname;
    }
}

sitrep_status sr_store_refresh_figure(sitrep_store *st, int64_t incident, int figure)
{
    sqlite3_stmt *s = sr_store_stmt(st, SR_Q_OBS_FOR_FIGURE);
    if (!s)
        return sr_store_dberr(st, "database");
    sqlite3_bind_int64(s, 1, incident);
    sqlite3_bind_int(s, 2, figure);
    size_t n = 0, cap = 0;
    sr_obs *obs = NULL;
    int rc;
    sr_arena_reset(&st->arena);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            sr_obs *g = sr_arena_grow(&st->arena, obs, cap, ncap, sizeof *obs);
            if (!g) {
                sqlite3_reset(s);
                return sr_store_fail(st, SITREP_E_NOMEM, "out of memory");
            }
            obs = g;
            cap = ncap;
        }
        obs[n].value = sqlite3_column_int64(s, 0);
        obs[n].min = sqlite3_column_int64(s, 1);
        obs[n].max = sqlite3_column_int64(s, 2);
        obs[n].qualifier = sqlite3_column_int(s, 3);
        const unsigned char *src = sqlite3_column_text(s, 4);
        obs[n].source = sr_arena_strdup(&st->arena, src ? (const char *)src : "",
                                        src ? (size_t)sqlite3_column_bytes(s, 4) : 0);
        if (!obs[n].source) {
            sqlite3_reset(s);
            return sr_store_fail(st, SITREP_E_NOMEM, "out of memory");
        }
        n++;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return sr_store_dberr(st, "observations");
    sr_cons c;
    sr_consolidate(obs, n, &c, NULL);
    if (!c.known) {
        if (!(s = sr_store_stmt(st, SR_Q_DELETE_FIGURE)))
            return sr_store_dberr(st, "database");
        sqlite3_bind_int64(s, 1, incident);
        sqlite3_bind_int(s, 2, figure);
    } else {
        if (!(s = sr_store_stmt(st, SR_Q_UPSERT_FIGURE)))
            return sr_store_dberr(st, "database");
        sqlite3_bind_int64(s, 1, incident);
        sqlite3_bind_int(s, 2, figure);
        sqlite3_bind_int64(s, 3, c.value);
        sqlite3_bind_int64(s, 4, c.min);
        sqlite3_bind_int64(s, 5, c.max);
        sqlite3_bind_int(s, 6, c.qualifier);
        sqlite3_bind_text(s, 7, obs[c.source_index].source, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s, 8, (sqlite3_int64)n);
        sqlite3_bind_int(s, 9, c.revised);
        sqlite3_bind_int(s, 10, c.contradicted);
    }
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return sr_store_dberr(st, "figures");
    return SITREP_OK;
}

/* ------------------------------------------------------------ queries */

static const char *col_str(sqlite3_stmt *s, int c)
{
    const unsigned char *t = sqlite3_column_text(s, c);
    return t ? (const char *)t : "";
}

static const char *prec_name(int prec)
{
    switch (prec) {
    case PREC_CITY:
        return "city";
    case PREC_ADMIN1:
        return "admin1";
    case PREC_COUNTRY:
        return "country";
    case PREC_TEXT:
        return "unresolved";
    default:
        return "";
    }
}

#define INC_COLS                                                                            \
    "i.id, i.type, i.types, i.day, i.country, i.admin1, i.place, i.gid, i.lat, i.lon, i.prec, " \
    "i.perpetrator, i.mentions, i.first_reported, i.last_reported, i.name "

/* Fill inc from the current row of an INC_COLS statement and its figures;
 * strings point into the statements (valid until their next step). */
static sitrep_status fill_incident(sitrep_store *st, sqlite3_stmt *s, sqlite3_stmt *fs,
                                   sitrep_store_incident *inc, char (*srcbuf)[256])
{
    memset(inc, 0, sizeof *inc);
    inc->id = sqlite3_column_int64(s, 0);
    inc->type = col_str(s, 1);
    inc->types = col_str(s, 2);
    if (sqlite3_column_type(s, 3) != SQLITE_NULL)
        sr_store_civil(sqlite3_column_int64(s, 3), &inc->date);
    sr_node_copy(inc->country, sizeof inc->country, col_str(s, 4), strlen(col_str(s, 4)));
    inc->admin1 = col_str(s, 5);
    inc->place = col_str(s, 6);
    inc->geonames_id = (uint32_t)sqlite3_column_int64(s, 7);
    inc->has_coords = sqlite3_column_type(s, 8) != SQLITE_NULL;
    inc->lat = sqlite3_column_double(s, 8);
    inc->lon = sqlite3_column_double(s, 9);
    inc->precision = prec_name(sqlite3_column_int(s, 10));
    inc->perpetrator = col_str(s, 11);
    inc->articles = sqlite3_column_int64(s, 12);
    inc->first_reported = col_str(s, 13);
    inc->last_reported = col_str(s, 14);
    inc->name = col_str(s, 15);
    for (int f = 0; f < SITREP_NFIGURES; f++) {
        inc->figures[f].min = inc->figures[f].max = -1;
        inc->figures[f].source = "";
    }
    sqlite3_reset(fs);
    sqlite3_bind_int64(fs, 1, inc->id);
    int rc;
    while ((rc = sqlite3_step(fs)) == SQLITE_ROW) {
        int f = sqlite3_column_int(fs, 0);
        if (f < 0 || f >= SITREP_NFIGURES)
            continue;
        sitrep_store_value *v = &inc->figures[f];
        v->known = 1;
        v->value = sqlite3_column_int64(fs, 1);
        v->min = sqlite3_column_int64(fs, 2);
        v->max = sqlite3_column_int64(fs, 3);
        v->qualifier = (sitrep_qualifier)sqlite3_column_int(fs, 4);
        /* Copied: the next step of fs invalidates its text. */
        const char *src = col_str(fs, 5);
        sr_node_copy(srcbuf[f], 256, src, strlen(src));
        v->source = srcbuf[f];
        v->observations = sqlite3_column_int64(fs, 6);
        v->revised = sqlite3_column_int(fs, 7);
        v->contradicted = sqlite3_column_int(fs, 8);
    }
    if (rc != SQLITE_DONE)
        return sr_store_dberr(st, "figures");
    return SITREP_OK;
}

static const char fig_sql[] = "SELECT figure, value, min, max, qualifier, source, nobs, "
                              "revised, contradicted FROM figures WHERE incident=?1";

static sitrep_status iterate(sitrep_store *st, sqlite3_stmt *s, sitrep_store_incident_fn fn,
                             void *ud, int *count)
{
    sqlite3_stmt *fs = NULL;
    if (sqlite3_prepare_v2(st->db, fig_sql, -1, &fs, NULL) != SQLITE_OK)
        return sr_store_dberr(st, "database");
    sitrep_status r = SITREP_OK;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        sitrep_store_incident inc;
        char srcbuf[SITREP_NFIGURES][256];
        if ((r = fill_incident(st, s, fs, &inc, srcbuf)) != SITREP_OK)
            break;
        if (count)
            (*count)++;
        if (fn(ud, &inc) != 0)
            break;
    }
    if (r == SITREP_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = sr_store_dberr(st, "incidents");
    sqlite3_finalize(fs);
    return r;
}

sitrep_status sitrep_store_incidents(sitrep_store *st, const sitrep_store_filter *f,
                                     sitrep_store_incident_fn fn, void *ud)
{
    if (!st || !fn)
        return SITREP_E_ARG;
    static const char sql[] =
        "SELECT " INC_COLS "FROM incidents i WHERE i.merged_into IS NULL "
        "AND (?1 IS NULL OR i.day >= ?1) AND (?2 IS NULL OR i.day <= ?2) "
        "AND (?3 IS NULL OR i.country = ?3) "
        "AND (?4 IS NULL OR ('|' || i.types || '|') LIKE ('%|' || ?4 || '|%')) "
        "AND (?5 IS NULL OR EXISTS(SELECT 1 FROM figures g WHERE g.incident = i.id "
        "AND g.figure = 0 AND g.value >= ?5)) "
        "ORDER BY i.day IS NULL, i.day DESC, i.id DESC LIMIT ?6";
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return sr_store_dberr(st, "database");
    if (f) {
        if (f->from.year)
            sqlite3_bind_int64(s, 1, sr_store_days(f->from.year, f->from.month ? f->from.month : 1,
                                                        f->from.day ? f->from.day : 1));
        if (f->to.year)
            sqlite3_bind_int64(s, 2, sr_store_days(f->to.year, f->to.month ? f->to.month : 12,
                                                        f->to.day ? f->to.day : 31));
        if (f->country[0])
            sqlite3_bind_text(s, 3, f->country, -1, SQLITE_TRANSIENT);
        if (f->type && *f->type)
            sqlite3_bind_text(s, 4, f->type, -1, SQLITE_TRANSIENT);
        if (f->min_killed >= 0)
            sqlite3_bind_int64(s, 5, f->min_killed);
    }
    sqlite3_bind_int64(s, 6, f && f->limit > 0 ? f->limit : -1);
    sitrep_status r = iterate(st, s, fn, ud, NULL);
    sqlite3_finalize(s);
    return r;
}

/* Follow merges from id to the live incident; 0 when none. */
static int64_t resolve_id(sitrep_store *st, int64_t id)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, "SELECT merged_into FROM incidents WHERE id=?1", -1, &s, NULL) !=
        SQLITE_OK)
        return 0;
    for (int hops = 0; hops < 64; hops++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, id);
        if (sqlite3_step(s) != SQLITE_ROW) {
            id = 0;
            break;
        }
        if (sqlite3_column_type(s, 0) == SQLITE_NULL)
            break;
        id = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    return id;
}

sitrep_status sitrep_store_get(sitrep_store *st, int64_t id, sitrep_store_incident_fn fn,
                                    void *ud)
{
    if (!st || !fn)
        return SITREP_E_ARG;
    int64_t live = resolve_id(st, id);
    if (!live)
        return sr_store_fail(st, SITREP_E_ARG, "no incident %lld", (long long)id);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, "SELECT " INC_COLS "FROM incidents i WHERE i.id=?1", -1, &s,
                           NULL) != SQLITE_OK)
        return sr_store_dberr(st, "database");
    sqlite3_bind_int64(s, 1, live);
    int count = 0;
    sitrep_status r = iterate(st, s, fn, ud, &count);
    sqlite3_finalize(s);
    if (r == SITREP_OK && count == 0)
        r = sr_store_fail(st, SITREP_E_ARG, "no incident %lld", (long long)id);
    return r;
}

typedef struct obs_row {
    sitrep_store_observation o;
} obs_row;

static char *dup_col(sr_arena *ar, sqlite3_stmt *s, int c)
{
    const unsigned char *t = sqlite3_column_text(s, c);
    return sr_arena_strdup(ar, t ? (const char *)t : "", t ? (size_t)sqlite3_column_bytes(s, c) : 0);
}

sitrep_status sitrep_store_observations(sitrep_store *st, int64_t id,
                                        sitrep_store_observation_fn fn, void *ud)
{
    if (!st || !fn)
        return SITREP_E_ARG;
    int64_t live = resolve_id(st, id);
    if (!live)
        return sr_store_fail(st, SITREP_E_ARG, "no incident %lld", (long long)id);
    static const char sql[] =
        "SELECT o.value, o.min, o.max, o.qualifier, o.source, o.outlet, a.ext_id, a.url, "
        "a.published, o.ev_start, o.ev_end, o.evidence, o.main, o.near_dup, o.sentence "
        "FROM observations o JOIN articles a ON a.id = o.article "
        "WHERE o.incident=?1 AND o.figure=?2 "
        "ORDER BY o.reported_time IS NULL, o.reported_time, o.article, o.id";
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return sr_store_dberr(st, "database");
    sitrep_status r = SITREP_OK;
    int stop = 0;
    for (int f = 0; f < SITREP_NFIGURES && r == SITREP_OK && !stop; f++) {
        sr_arena_reset(&st->arena);
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, live);
        sqlite3_bind_int(s, 2, f);
        size_t n = 0, cap = 0;
        obs_row *rows = NULL;
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            if (n == cap) {
                size_t ncap = cap ? cap * 2 : 16;
                obs_row *g = sr_arena_grow(&st->arena, rows, cap, ncap, sizeof *rows);
                if (!g) {
                    r = sr_store_fail(st, SITREP_E_NOMEM, "out of memory");
                    break;
                }
                rows = g;
                cap = ncap;
            }
            sitrep_store_observation *o = &rows[n].o;
            memset(o, 0, sizeof *o);
            o->figure = (sitrep_figure)f;
            o->value = sqlite3_column_int64(s, 0);
            o->min = sqlite3_column_int64(s, 1);
            o->max = sqlite3_column_int64(s, 2);
            o->qualifier = (sitrep_qualifier)sqlite3_column_int(s, 3);
            o->source = dup_col(&st->arena, s, 4);
            o->outlet = dup_col(&st->arena, s, 5);
            o->article = dup_col(&st->arena, s, 6);
            o->url = dup_col(&st->arena, s, 7);
            o->reported = dup_col(&st->arena, s, 8);
            o->evidence.start = (size_t)sqlite3_column_int64(s, 9);
            o->evidence.end = (size_t)sqlite3_column_int64(s, 10);
            o->evidence_text = dup_col(&st->arena, s, 11);
            o->main = sqlite3_column_int(s, 12);
            o->near_duplicate = sqlite3_column_int(s, 13);
            o->sentence = dup_col(&st->arena, s, 14);
            if (!o->source || !o->outlet || !o->article || !o->url || !o->reported ||
                !o->evidence_text || !o->sentence) {
                r = sr_store_fail(st, SITREP_E_NOMEM, "out of memory");
                break;
            }
            n++;
        }
        if (r == SITREP_OK && rc != SQLITE_DONE)
            r = sr_store_dberr(st, "observations");
        if (r != SITREP_OK || n == 0)
            continue;
        sr_obs *obs = sr_arena_array(&st->arena, n, sizeof *obs);
        const char **status = sr_arena_array(&st->arena, n, sizeof *status);
        if (!obs || !status) {
            r = sr_store_fail(st, SITREP_E_NOMEM, "out of memory");
            break;
        }
        for (size_t i = 0; i < n; i++) {
            obs[i].value = rows[i].o.value;
            obs[i].min = rows[i].o.min;
            obs[i].max = rows[i].o.max;
            obs[i].qualifier = (int)rows[i].o.qualifier;
            obs[i].source = rows[i].o.source;
        }
        sr_cons c;
        sr_consolidate(obs, n, &c, status);
        for (size_t i = 0; i < n && !stop; i++) {
            rows[i].o.status = status[i];
            stop = fn(ud, &rows[i].o) != 0;
        }
    }
    sqlite3_finalize(s);
    sr_arena_reset(&st->arena);
    return r;
}

/* The perpetrators of each mention, from the article's stored extraction
 * (the sitrep extract JSON line): its incident idx's perpetrators array. */
sitrep_status sitrep_store_perpetrators(sitrep_store *st, int64_t id,
                                        sitrep_store_perpetrator_fn fn, void *ud)
{
    if (!st || !fn)
        return SITREP_E_ARG;
    int64_t live = resolve_id(st, id);
    if (!live)
        return sr_store_fail(st, SITREP_E_ARG, "no incident %lld", (long long)id);
    static const char sql[] =
        "SELECT json_extract(p.value, '$.name'), json_extract(p.value, '$.kind'), "
        "json_extract(p.value, '$.claim'), "
        "coalesce(json_extract(p.value, '$.claim_evidence.text'), "
        "json_extract(p.value, '$.evidence.text')), "
        "a.source, a.ext_id, a.url, a.published "
        "FROM mentions m JOIN articles a ON a.id = m.article, "
        "json_each(a.extract, '$.incidents[' || m.idx || '].perpetrators') p "
        "WHERE m.incident = ?1 AND json_valid(a.extract) "
        "ORDER BY m.pub_time IS NULL, m.pub_time, m.article, m.idx, p.key";
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return sr_store_dberr(st, "perpetrators");
    sqlite3_bind_int64(s, 1, live);
    sitrep_status r = SITREP_OK;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        sr_arena_reset(&st->arena);
        const char *f[8];
        for (int i = 0; i < 8; i++)
            f[i] = dup_col(&st->arena, s, i);
        int ok = 1;
        for (int i = 0; i < 8; i++)
            ok &= f[i] != NULL;
        if (!ok) {
            r = sr_store_fail(st, SITREP_E_NOMEM, "out of memory");
            break;
        }
        if (!*f[0])
            continue;
        sitrep_store_perpetrator p = {f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]};
        if (fn(ud, &p) != 0)
            break;
    }
    if (r == SITREP_OK && rc != SQLITE_ROW && rc != SQLITE_DONE) {
        if (rc == SQLITE_NOMEM)
            r = sr_store_fail(st, SITREP_E_NOMEM, "out of memory");
        else if (rc != SQLITE_ERROR) /* SQLITE_ERROR: malformed JSON mid-way */
            r = sr_store_dberr(st, "perpetrators");
    }
    sqlite3_finalize(s);
    sr_arena_reset(&st->arena);
    return r;
}

sitrep_status sitrep_store_read_begin(sitrep_store *st)
{
    if (!st)
        return SITREP_E_ARG;
    if (st->snapshot || !sqlite3_get_autocommit(st->db))
        return sr_store_fail(st, SITREP_E_ARG, "a snapshot or batch is already open");
    if (sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return sr_store_dberr(st, "database");
    st->snapshot = 1;
    return SITREP_OK;
}

void sitrep_store_read_end(sitrep_store *st)
{
    if (!st || !st->snapshot)
        return;
    (void)sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    st->snapshot = 0;
}

/* ---------------------------------------------------------- corrections */

static sitrep_status exec_bound(sitrep_store *st, const char *sql, int64_t a, int64_t b,
                                int64_t *changes)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return sr_store_dberr(st, "database");
    int np = sqlite3_bind_parameter_count(s);
    if (np >= 1)
        sqlite3_bind_int64(s, 1, a);
    if (np >= 2)
        sqlite3_bind_int64(s, 2, b);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return sr_store_dberr(st, "database");
    if (changes)
        *changes = sqlite3_changes(st->db);
    return SITREP_OK;
}

/* Recompute incident id's linking key and figures from its mentions. */
static sitrep_status rebuild(sitrep_store *st, int64_t id)
{
    static const char sql[] =
        "SELECT 0, tmask, type, types, day, day_explicit, country, admin1, place, place_key, "
        "gid, lat, lon, prec, perpetrator, perps, 1, pub_time, pub_time, published, published, "
        "article, '', name, name_key, terms, main FROM mentions WHERE incident=?1 "
        "ORDER BY pub_time IS NULL, pub_time, article, idx";
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return sr_store_dberr(st, "database");
    sqlite3_bind_int64(s, 1, id);
    sr_node inc, m;
    memset(&inc, 0, sizeof inc);
    uint32_t gids[32];
    size_t ngids = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        sr_node_read(s, &m);
        m.mentions = 0;
        m.time = m.first_time;
        int is_main = sqlite3_column_int(s, 26);
        sr_node_merge(&inc, &m, is_main || inc.mentions == 0);
        if (m.gid && ngids < sizeof gids / sizeof gids[0])
            gids[ngids++] = m.gid;
    }
    /* The places of every report the analyst grouped stay matchable. */
    for (size_t i = 0; i < ngids; i++)
        sr_node_add_alias(&inc, gids[i]);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return sr_store_dberr(st, "mentions");
    inc.id = id;
    sitrep_status r = sr_node_write(st, &inc);
    for (int f = 0; f < SITREP_NFIGURES && r == SITREP_OK; f++)
        r = sr_store_refresh_figure(st, id, f);
    return r;
}

static int live_incident(sitrep_store *st, int64_t id)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM incidents WHERE id=?1 AND merged_into IS NULL",
                           -1, &s, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_int64(s, 1, id);
    int ok = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return ok;
}

/* Run body inside the open batch or a transaction of its own. */
static sitrep_status tx_begin(sitrep_store *st, int *own)
{
    *own = !st->in_batch;
    if (st->read_only)
        return sr_store_fail(st, SITREP_E_ARG, "store opened read-only");
    return *own ? sitrep_store_begin(st) : SITREP_OK;
}

static sitrep_status tx_end(sitrep_store *st, int own, sitrep_status rc)
{
    if (!own)
        return rc;
    if (rc == SITREP_OK)
        rc = sitrep_store_commit(st);
    if (rc != SITREP_OK) {
        char keep[sizeof st->err];
        memcpy(keep, st->err, sizeof keep);
        (void)sitrep_store_rollback(st);
        memcpy(st->err, keep, sizeof keep);
    }
    return rc;
}

sitrep_status sitrep_store_merge(sitrep_store *st, int64_t into, int64_t from)
{
    if (!st)
        return SITREP_E_ARG;
    if (into == from)
        return sr_store_fail(st, SITREP_E_ARG, "cannot merge incident %lld into itself",
                             (long long)into);
    if (!live_incident(st, into) || !live_incident(st, from))
        return sr_store_fail(st, SITREP_E_ARG, "no incident %lld",
                             (long long)(live_incident(st, into) ? from : into));
    int own;
    sitrep_status rc = tx_begin(st, &own);
    if (rc != SITREP_OK)
        return rc;
    rc = exec_bound(st, "UPDATE mentions SET incident=?1 WHERE incident=?2", into, from, NULL);
    if (rc == SITREP_OK)
        rc = exec_bound(st, "UPDATE observations SET incident=?1 WHERE incident=?2", into, from,
                        NULL);
    if (rc == SITREP_OK)
        rc = exec_bound(st, "DELETE FROM figures WHERE incident=?1", from, 0, NULL);
    if (rc == SITREP_OK)
        rc = exec_bound(st, "UPDATE incidents SET merged_into=?1, mentions=0 WHERE id=?2 OR "
                            "merged_into=?2", into, from, NULL);
    if (rc == SITREP_OK)
        rc = rebuild(st, into);
    if (rc == SITREP_OK)
        rc = exec_bound(st, "INSERT INTO corrections(kind, incident, other) VALUES('merge',?1,?2)",
                        into, from, NULL);
    return tx_end(st, own, rc);
}

sitrep_status sitrep_store_split(sitrep_store *st, int64_t id, const char *const *article_ids,
                                 size_t narticles, int64_t *new_id)
{
    if (new_id)
        *new_id = 0;
    if (!st)
        return SITREP_E_ARG;
    if (!article_ids || narticles == 0)
        return sr_store_fail(st, SITREP_E_ARG, "split: no article named");
    if (!live_incident(st, id))
        return sr_store_fail(st, SITREP_E_ARG, "no incident %lld", (long long)id);
    int own;
    sitrep_status rc = tx_begin(st, &own);
    if (rc != SITREP_OK)
        return rc;
    sr_node fresh;
    memset(&fresh, 0, sizeof fresh);
    rc = sr_node_write(st, &fresh);
    sqlite3_stmt *find = NULL;
    if (rc == SITREP_OK &&
        sqlite3_prepare_v2(st->db, "SELECT id FROM articles WHERE ext_id=?1", -1, &find, NULL) !=
            SQLITE_OK)
        rc = sr_store_dberr(st, "database");
    char detail[512] = "";
    for (size_t i = 0; i < narticles && rc == SITREP_OK; i++) {
        const char *aid = article_ids[i] ? article_ids[i] : "";
        sqlite3_reset(find);
        sqlite3_bind_text(find, 1, aid, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(find) != SQLITE_ROW) {
            rc = sr_store_fail(st, SITREP_E_ARG, "split: no article '%s'", aid);
            break;
        }
        int64_t art = sqlite3_column_int64(find, 0);
        int64_t changed = 0;
        {
            sqlite3_stmt *u = NULL;
            if (sqlite3_prepare_v2(st->db,
                                   "UPDATE mentions SET incident=?1, link='split' WHERE "
                                   "incident=?2 AND article=?3",
                                   -1, &u, NULL) != SQLITE_OK) {
                rc = sr_store_dberr(st, "database");
                break;
            }
            sqlite3_bind_int64(u, 1, fresh.id);
            sqlite3_bind_int64(u, 2, id);
            sqlite3_bind_int64(u, 3, art);
            int src = sqlite3_step(u);
            sqlite3_finalize(u);
            if (src != SQLITE_DONE) {
                rc = sr_store_dberr(st, "mentions");
                break;
            }
            changed = sqlite3_changes(st->db);
        }
        if (rc == SITREP_OK && changed == 0)
            rc = sr_store_fail(st, SITREP_E_ARG, "split: article '%s' is not linked to incident %lld",
                               aid, (long long)id);
        size_t dl = strlen(detail);
        if (dl + strlen(aid) + 2 < sizeof detail)
            snprintf(detail + dl, sizeof detail - dl, "%s%s", dl ? "," : "", aid);
    }
    sqlite3_finalize(find);
    int64_t remaining = 0;
    if (rc == SITREP_OK) {
        sqlite3_stmt *c = NULL;
        if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM mentions WHERE incident=?1", -1, &c,
                               NULL) != SQLITE_OK) {
            rc = sr_store_dberr(st, "database");
        } else {
            sqlite3_bind_int64(c, 1, id);
            if (sqlite3_step(c) == SQLITE_ROW)
                remaining = sqlite3_column_int64(c, 0);
            sqlite3_finalize(c);
            if (remaining == 0)
                rc = sr_store_fail(st, SITREP_E_ARG,
                                   "split: every report of incident %lld named; nothing would remain",
                                   (long long)id);
        }
    }
    if (rc == SITREP_OK)
        rc = exec_bound(st, "UPDATE observations SET incident=?1 WHERE mention IN "
                            "(SELECT id FROM mentions WHERE incident=?1)",
                        fresh.id, 0, NULL);
    if (rc == SITREP_OK)
        rc = rebuild(st, id);
    if (rc == SITREP_OK)
        rc = rebuild(st, fresh.id);
    if (rc == SITREP_OK) {
        sqlite3_stmt *c = NULL;
        if (sqlite3_prepare_v2(st->db,
                               "INSERT INTO corrections(kind, incident, other, detail) "
                               "VALUES('split',?1,?2,?3)",
                               -1, &c, NULL) != SQLITE_OK) {
            rc = sr_store_dberr(st, "database");
        } else {
            sqlite3_bind_int64(c, 1, id);
            sqlite3_bind_int64(c, 2, fresh.id);
            sqlite3_bind_text(c, 3, detail, -1, SQLITE_TRANSIENT);
            if (sqlite3_step(c) != SQLITE_DONE)
                rc = sr_store_dberr(st, "corrections");
            sqlite3_finalize(c);
        }
    }
    rc = tx_end(st, own, rc);
    if (rc == SITREP_OK && new_id)
        *new_id = fresh.id;
    return rc;
}

/* ---------------------------------------------------------------- check */

static sitrep_status count_of(sitrep_store *st, const char *sql, int64_t *n)
{
    sqlite3_stmt *s = NULL;
    *n = -1;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return sr_store_dberr(st, "database");
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return sr_store_dberr(st, "database");
    return SITREP_OK;
}

sitrep_status sitrep_store_check(sitrep_store *st)
{
    if (!st)
        return SITREP_E_ARG;
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK)
        return sr_store_dberr(st, "database");
    int rc = sqlite3_step(s);
    int ok = rc == SQLITE_ROW && strcmp(col_str(s, 0), "ok") == 0;
    if (!ok && rc == SQLITE_ROW)
        snprintf(st->err, sizeof st->err, "integrity_check: %s", col_str(s, 0));
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return sr_store_dberr(st, "integrity_check");
    if (!ok)
        return SITREP_E_DATA;
    static const struct {
        const char *what, *sql;
    } inv[] = {
        {"foreign keys", "SELECT count(*) FROM pragma_foreign_key_check"},
        {"mentions linked to merged incidents",
         "SELECT count(*) FROM mentions m JOIN incidents i ON i.id = m.incident "
         "WHERE i.merged_into IS NOT NULL"},
        {"observations not on their mention's incident",
         "SELECT count(*) FROM observations o JOIN mentions m ON m.id = o.mention "
         "WHERE m.incident IS NOT o.incident"},
        {"incident report counts",
         "SELECT count(*) FROM incidents i WHERE i.merged_into IS NULL AND i.mentions <> "
         "(SELECT count(*) FROM mentions m WHERE m.incident = i.id)"},
        {"figure observation counts",
         "SELECT count(*) FROM figures f WHERE f.nobs <> (SELECT count(*) FROM observations o "
         "WHERE o.incident = f.incident AND o.figure = f.figure)"},
        {"articles not found by their content hash",
         "SELECT count(*) FROM articles a WHERE a.bucket < (SELECT value FROM store_state WHERE "
         "key = 'hashes_merged') AND NOT EXISTS (SELECT 1 FROM article_hashes h WHERE "
         "h.content_hash = a.content_hash)"},
        {"articles past the newest ingest bucket",
         "SELECT count(*) FROM articles WHERE bucket > (SELECT value FROM store_state WHERE "
         "key = 'hashes_merged')"},
        {"observations without a figure",
         "SELECT count(*) FROM (SELECT DISTINCT incident, figure FROM observations) x WHERE NOT "
         "EXISTS (SELECT 1 FROM figures f WHERE f.incident = x.incident AND f.figure = x.figure)"},
    };
    for (size_t i = 0; i < sizeof inv / sizeof inv[0]; i++) {
        int64_t n;
        sitrep_status r = count_of(st, inv[i].sql, &n);
        if (r != SITREP_OK)
            return r;
        if (n != 0)
            return sr_store_fail(st, SITREP_E_DATA, "inconsistent store: %s (%lld)", inv[i].what,
                                 (long long)n);
    }
    return SITREP_OK;
}

sitrep_status sitrep_store_stats_get(sitrep_store *st, sitrep_store_stats *out)
{
    if (!st || !out)
        return SITREP_E_ARG;
    sitrep_status r = count_of(st, "SELECT count(*) FROM articles", &out->articles);
    if (r == SITREP_OK)
        r = count_of(st, "SELECT count(*) FROM mentions", &out->mentions);
    if (r == SITREP_OK)
        r = count_of(st, "SELECT count(*) FROM incidents WHERE merged_into IS NULL", &out->incidents);
    if (r == SITREP_OK)
        r = count_of(st, "SELECT count(*) FROM observations", &out->observations);
    return r;
}
