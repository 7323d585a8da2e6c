/*
 * bench_crisisfacts.c - developing death tolls on the CrisisFACTS 2022 facts.
 *
 *   bench_crisisfacts --data DIR/crisisfacts [--gazetteer FILE] [--no-title]
 *
 * Data: 03-Evaluation/2022/01-AutoEvaluation/CrisisFACTs-2022.facts.json,
 * the NIST assessors' fact lists of the 8 CrisisFACTS 2022 events (each
 * fact: a short text and the day it was reported).  For every event a fresh
 * temporary store (in /tmp) receives the event's facts ("allFacts") as
 * mini-reports in time order (by day; the file's order within a day): id
 * "<eventID>-<n>", published = the fact's day, text = "<event title>. " +
 * fact.  The facts alone rarely name the place or the kind of event ("2 dead;
 * 8,600 evac"), so the event's title ("Saddleridge Wildfire 2019") is
 * prefixed as a headline would be; --no-title feeds the bare facts.  One
 * batch (transaction) per day.
 *
 * At the end of each day on which the event has facts (an event-day), the
 * event's incident is the store incident with the most linked reports (ties:
 * the lower id); "ours" is its consolidated killed value (none when no
 * incident or no killed figure).
 *
 * Gold, computed here independently of the extractor: the highest death toll
 * stated in the event's facts up to that day.  A fact states a toll when a
 * number (digits, "1,234", or a number word one..twenty) stands before a
 * death word (killed, dead, deaths, death, died, fatalities, fatality) with
 * at most two words between, none of them "more"/"additional"/"injured"/
 * "injuries" (increments and other figures are not tolls), or after "death
 * toll" / "killed" / "died" within four words ("death toll ticked up to 41",
 * "killed at least 48 people").  "no fatalities"/"no deaths" states 0; a
 * store without a killed figure then counts as 0.  Event-days before any
 * stated toll have no gold and are not scored.
 *
 * Prints the number of scored event-days, the share where ours equals the
 * gold, the first 15 mismatches, and "metric crisisfacts_toll_match X" (and
 * crisisfacts_toll_match_pct, the same in percent).
 * Skips (exit 0) when the data are absent.
 */
#define _POSIX_C_SOURCE 200809L

#include <sitrep/sitrep.h>
#include <sitrep/store.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---------------------------------------------------------------- JSON */

typedef struct jp {
    const char *p, *end;
    int err;
} jp;

static void ws(jp *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' || *j->p == '\t'))
        j->p++;
}

static int hexv(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static unsigned read_hex4(jp *j)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        int h = j->p < j->end ? hexv(*j->p) : -1;
        if (h < 0) {
            j->err = 1;
            return 0;
        }
        v = v * 16 + (unsigned)h;
        j->p++;
    }
    return v;
}

static void put_utf8(char **o, unsigned cp)
{
    char *q = *o;
    if (cp < 0x80)
        *q++ = (char)cp;
    else if (cp < 0x800) {
        *q++ = (char)(0xC0 | (cp >> 6));
        *q++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *q++ = (char)(0xE0 | (cp >> 12));
        *q++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *q++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *q++ = (char)(0xF0 | (cp >> 18));
        *q++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *q++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *q++ = (char)(0x80 | (cp & 0x3F));
    }
    *o = q;
}

/* Parse a string at j->p (on the quote); return a malloc'd decoded copy
 * (NULL on error, j->err set). */
static char *jstring(jp *j)
{
    if (j->p >= j->end || *j->p != '"') {
        j->err = 1;
        return NULL;
    }
    j->p++;
    const char *s = j->p;
    while (j->p < j->end && *j->p != '"') {
        if (*j->p == '\\')
            j->p++;
        j->p++;
    }
    if (j->p >= j->end) {
        j->err = 1;
        return NULL;
    }
    size_t n = (size_t)(j->p - s);
    char *out = malloc(n + 4); /* escapes never grow the text */
    if (!out) {
        j->err = 1;
        return NULL;
    }
    char *o = out;
    jp in = {s, j->p, 0};
    while (in.p < in.end) {
        char c = *in.p++;
        if (c != '\\') {
            *o++ = c;
            continue;
        }
        if (in.p >= in.end)
            break;
        c = *in.p++;
        switch (c) {
        case 'n': *o++ = '\n'; break;
        case 't': *o++ = '\t'; break;
        case 'r': *o++ = '\r'; break;
        case 'b': *o++ = ' '; break;
        case 'f': *o++ = ' '; break;
        case 'u': {
            unsigned cp = read_hex4(&in);
            if (cp >= 0xD800 && cp < 0xDC00 && in.end - in.p >= 6 && in.p[0] == '\\' &&
                in.p[1] == 'u') {
                in.p += 2;
                unsigned lo = read_hex4(&in);
                if (lo >= 0xDC00 && lo < 0xE000)
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                else
                    cp = 0xFFFD;
            } else if (cp >= 0xD800 && cp < 0xE000)
                cp = 0xFFFD;
            if (in.err)
                cp = 0xFFFD;
            in.err = 0;
            put_utf8(&o, cp);
            break;
        }
        default: *o++ = c; break; /* " \ / */
        }
    }
    *o = '\0';
    j->p++; /* closing quote */
    return out;
}

static void jskip(jp *j, int depth)
{
    ws(j);
    if (j->p >= j->end || depth > 64) {
        j->err = 1;
        return;
    }
    char c = *j->p;
    if (c == '"') {
        free(jstring(j));
    } else if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        j->p++;
        ws(j);
        if (j->p < j->end && *j->p == close) {
            j->p++;
            return;
        }
        while (!j->err) {
            if (c == '{') {
                free(jstring(j));
                ws(j);
                if (j->p >= j->end || *j->p != ':') {
                    j->err = 1;
                    return;
                }
                j->p++;
            }
            jskip(j, depth + 1);
            ws(j);
            if (j->p < j->end && *j->p == ',') {
                j->p++;
                ws(j);
                continue;
            }
            if (j->p < j->end && *j->p == close) {
                j->p++;
                return;
            }
            j->err = 1;
        }
    } else {
        while (j->p < j->end && *j->p != ',' && *j->p != '}' && *j->p != ']')
            j->p++;
    }
}

/* ------------------------------------------------------------- events */

typedef struct fact {
    char *date; /* YYYY-MM-DD */
    char *text;
    size_t order;
} fact;

typedef struct event {
    char *id, *title;
    fact *facts;
    size_t n, cap;
} event;

/* Iterate the members of an object at j->p; for each key call fn. */
typedef void (*member_fn)(jp *j, const char *key, void *ud);

static void jobject(jp *j, member_fn fn, void *ud)
{
    ws(j);
    if (j->p >= j->end || *j->p != '{') {
        j->err = 1;
        return;
    }
    j->p++;
    ws(j);
    if (j->p < j->end && *j->p == '}') {
        j->p++;
        return;
    }
    while (!j->err) {
        char *key = jstring(j);
        ws(j);
        if (!key || j->p >= j->end || *j->p != ':') {
            free(key);
            j->err = 1;
            return;
        }
        j->p++;
        ws(j);
        fn(j, key, ud);
        free(key);
        ws(j);
        if (j->p < j->end && *j->p == ',') {
            j->p++;
            ws(j);
            continue;
        }
        if (j->p < j->end && *j->p == '}') {
            j->p++;
            return;
        }
        j->err = 1;
    }
}

static void fact_member(jp *j, const char *key, void *ud)
{
    fact *f = ud;
    if (strcmp(key, "dateString") == 0 && j->p < j->end && *j->p == '"') {
        free(f->date);
        f->date = jstring(j);
    } else if (strcmp(key, "fact") == 0 && j->p < j->end && *j->p == '"') {
        free(f->text);
        f->text = jstring(j);
    } else
        jskip(j, 1);
}

/* "2018-7-6" -> "2018-07-06" (the file mixes both forms): returns a new
 * string and frees d, or d itself when it has another shape (then it is
 * skipped unless 10 bytes long). */
static char *norm_date(char *d)
{
    int part[3] = {0, 0, 0}, np = 0, digits = 0;
    for (const char *p = d;; p++) {
        if (*p >= '0' && *p <= '9' && digits < 4) {
            part[np] = part[np] * 10 + (*p - '0');
            digits++;
        } else if ((*p == '-' || *p == '\0') && digits > 0 && np < 3) {
            np++;
            digits = 0;
            if (*p == '\0')
                break;
        } else
            return d;
    }
    if (np != 3 || part[1] < 1 || part[1] > 12 || part[2] < 1 || part[2] > 31)
        return d;
    int v[8] = {part[0] / 1000 % 10, part[0] / 100 % 10, part[0] / 10 % 10, part[0] % 10,
                part[1] / 10, part[1] % 10, part[2] / 10, part[2] % 10};
    char *o = malloc(11);
    if (!o)
        return d;
    for (int i = 0, k = 0; i < 10; i++)
        o[i] = i == 4 || i == 7 ? '-' : (char)('0' + v[k++]);
    o[10] = '\0';
    free(d);
    return o;
}

static void event_member(jp *j, const char *key, void *ud)
{
    event *e = ud;
    if (strcmp(key, "event") == 0 && j->p < j->end && *j->p == '"') {
        free(e->title);
        e->title = jstring(j);
    } else if (strcmp(key, "eventID") == 0 && j->p < j->end && *j->p == '"') {
        free(e->id);
        e->id = jstring(j);
    } else if (strcmp(key, "allFacts") == 0 && j->p < j->end && *j->p == '[') {
        j->p++;
        ws(j);
        if (j->p < j->end && *j->p == ']') {
            j->p++;
            return;
        }
        while (!j->err) {
            fact f;
            memset(&f, 0, sizeof f);
            jobject(j, fact_member, &f);
            if (f.date)
                f.date = norm_date(f.date);
            if (f.date && f.text && strlen(f.date) == 10) {
                if (e->n == e->cap) {
                    size_t nc = e->cap ? e->cap * 2 : 64;
                    fact *g = realloc(e->facts, nc * sizeof *g);
                    if (!g) {
                        j->err = 1;
                        free(f.date);
                        free(f.text);
                        return;
                    }
                    e->facts = g;
                    e->cap = nc;
                }
                f.order = e->n;
                e->facts[e->n++] = f;
            } else {
                free(f.date);
                free(f.text);
            }
            ws(j);
            if (j->p < j->end && *j->p == ',') {
                j->p++;
                ws(j);
                continue;
            }
            if (j->p < j->end && *j->p == ']') {
                j->p++;
                return;
            }
            j->err = 1;
        }
    } else
        jskip(j, 1);
}

static int cmp_fact(const void *a, const void *b)
{
    const fact *x = a, *y = b;
    int c = strcmp(x->date, y->date);
    if (c)
        return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* ---------------------------------------------------------------- gold */

typedef struct word {
    const char *s;
    size_t n;
} word;

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int weq(word w, const char *lit)
{
    size_t n = strlen(lit);
    if (w.n != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = w.s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lit[i])
            return 0;
    }
    return 1;
}

/* Split text into words: runs of letters, or numbers with "," groups. */
static size_t split_words(const char *t, word *w, size_t max)
{
    size_t n = 0;
    const char *p = t;
    while (*p && n < max) {
        if (is_alpha(*p)) {
            const char *s = p;
            while (is_alpha(*p) || *p == '\'')
                p++;
            w[n++] = (word){s, (size_t)(p - s)};
        } else if (is_digit(*p)) {
            const char *s = p;
            while (is_digit(*p) || (*p == ',' && is_digit(p[1])))
                p++;
            w[n++] = (word){s, (size_t)(p - s)};
        } else
            p++;
    }
    return n;
}

static const char *const num_words[] = {"zero",    "one",     "two",      "three",    "four",
                                        "five",    "six",     "seven",    "eight",    "nine",
                                        "ten",     "eleven",  "twelve",   "thirteen", "fourteen",
                                        "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
                                        "twenty"};

/* Value of a number word, or -1. */
static int64_t num_value(word w)
{
    if (w.n > 0 && is_digit(w.s[0])) {
        int64_t v = 0;
        for (size_t i = 0; i < w.n; i++)
            if (is_digit(w.s[i]) && v < 100000000)
                v = v * 10 + (w.s[i] - '0');
        return v;
    }
    for (size_t i = 0; i < sizeof num_words / sizeof num_words[0]; i++)
        if (weq(w, num_words[i]))
            return (int64_t)i;
    if (weq(w, "no"))
        return 0;
    return -1;
}

static int is_death(word w)
{
    return weq(w, "killed") || weq(w, "dead") || weq(w, "deaths") || weq(w, "death") ||
           weq(w, "died") || weq(w, "fatalities") || weq(w, "fatality");
}

static int is_blocker(word w)
{
    return weq(w, "more") || weq(w, "additional") || weq(w, "injured") || weq(w, "injuries") ||
           weq(w, "and") || weq(w, "or");
}

/* Highest death toll the fact states (pattern in the header), -1 none. */
static int64_t stated_toll(const char *text)
{
    word w[512];
    size_t n = split_words(text, w, sizeof w / sizeof w[0]);
    int64_t best = -1;
    for (size_t i = 0; i < n; i++) {
        if (!is_death(w[i]))
            continue;
        /* before: number, then at most two non-blocking words */
        for (size_t k = 1; k <= 3 && k <= i; k++) {
            word c = w[i - k];
            if (is_blocker(c))
                break;
            int64_t v = num_value(c);
            if (v >= 0) {
                /* "no" only directly before the death word */
                if (!(weq(c, "no") && k > 1) && v > best)
                    best = v;
                break;
            }
        }
        /* after "death toll", "killed", "died": a number within four words */
        int toll = weq(w[i], "death") && i + 1 < n && weq(w[i + 1], "toll");
        if (toll || weq(w[i], "killed") || weq(w[i], "died")) {
            for (size_t k = i + 1 + (size_t)toll; k < n && k <= i + 5; k++) {
                if (is_blocker(w[k]) || is_death(w[k]))
                    break;
                if (weq(w[k], "no"))
                    continue;
                int64_t v = num_value(w[k]);
                if (v >= 0) {
                    if (v > best)
                        best = v;
                    break;
                }
            }
        }
    }
    return best;
}

/* ---------------------------------------------------------------- store */

typedef struct pick {
    int64_t id, articles;
    int known;
    int64_t killed;
    int64_t incidents;
    int64_t any_max; /* highest killed over all incidents, -1 none */
} pick;

static int on_incident(void *ud, const sitrep_store_incident *inc)
{
    pick *p = ud;
    p->incidents++;
    if (inc->figures[SITREP_KILLED].known && inc->figures[SITREP_KILLED].value > p->any_max)
        p->any_max = inc->figures[SITREP_KILLED].value;
    if (inc->articles > p->articles || (inc->articles == p->articles && inc->id < p->id)) {
        p->id = inc->id;
        p->articles = inc->articles;
        p->known = inc->figures[SITREP_KILLED].known;
        p->killed = inc->figures[SITREP_KILLED].value;
    }
    return 0;
}

static void unlink_db(const char *db)
{
    char w[300];
    unlink(db);
    snprintf(w, sizeof w, "%s-wal", db);
    unlink(w);
    snprintf(w, sizeof w, "%s-shm", db);
    unlink(w);
}

typedef struct score {
    size_t days, scored, match, shown;
    size_t any_match; /* diagnostic: the highest toll of any incident equals gold */
} score;

static int run_event(sitrep *s, event *e, int with_title, score *sc)
{
    char db[256];
    snprintf(db, sizeof db, "/tmp/sitrep-crisisfacts-%ld-%s.db", (long)getpid(),
             e->id ? e->id : "event");
    unlink_db(db);
    sitrep_store_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.path = db;
    sitrep_store *st = NULL;
    char err[512];
    if (sitrep_store_open(&cfg, &st, err, sizeof err) != SITREP_OK) {
        fprintf(stderr, "bench_crisisfacts: %s\n", err);
        return -1;
    }
    qsort(e->facts, e->n, sizeof *e->facts, cmp_fact);
    int64_t gold = -1;
    const char *gold_text = "";
    size_t i = 0;
    size_t evday_scored = 0, evday_match = 0, ndays = 0;
    while (i < e->n) {
        const char *day = e->facts[i].date;
        if (sitrep_store_begin(st) != SITREP_OK)
            goto fail;
        size_t j = i;
        for (; j < e->n && strcmp(e->facts[j].date, day) == 0; j++) {
            fact *f = &e->facts[j];
            int64_t t = stated_toll(f->text);
            if (t > gold || (t >= 0 && gold < 0)) {
                gold = t;
                gold_text = f->text;
            }
            size_t tl = strlen(e->title ? e->title : "") + strlen(f->text) + 4;
            char *text = malloc(tl);
            if (!text)
                goto fail_tx;
            if (with_title && e->title)
                snprintf(text, tl, "%s. %s", e->title, f->text);
            else
                snprintf(text, tl, "%s", f->text);
            char id[96];
            snprintf(id, sizeof id, "%s-%zu", e->id ? e->id : "event", f->order);
            sitrep_article a;
            memset(&a, 0, sizeof a);
            a.id = (sitrep_str){id, strlen(id)};
            a.published = (sitrep_str){f->date, strlen(f->date)};
            a.text = (sitrep_str){text, strlen(text)};
            sitrep_date none = {0, 0, 0};
            sitrep_status rc = sitrep_store_ingest(st, s, &a, none, NULL);
            free(text);
            if (rc != SITREP_OK) {
                fprintf(stderr, "bench_crisisfacts: %s: %s\n", id, sitrep_store_errmsg(st));
                goto fail_tx;
            }
        }
        if (sitrep_store_commit(st) != SITREP_OK)
            goto fail;
        ndays++;
        pick p;
        memset(&p, 0, sizeof p);
        p.id = INT64_MAX;
        p.articles = -1;
        p.any_max = -1;
        if (sitrep_store_incidents(st, NULL, on_incident, &p) != SITREP_OK)
            goto fail;
        if (gold >= 0) {
            int64_t ours = p.incidents && p.known ? p.killed : -1;
            int ok = ours == gold || (gold == 0 && ours < 0);
            evday_scored++;
            evday_match += ok;
            sc->any_match += p.any_max == gold || (gold == 0 && p.any_max < 0);
            if (!ok && sc->shown < 15) {
                sc->shown++;
                char ob[32];
                if (ours < 0)
                    snprintf(ob, sizeof ob, "none");
                else
                    snprintf(ob, sizeof ob, "%lld", (long long)ours);
                printf("  mismatch %s %s gold %lld ours %s (incident %lld of %lld, %lld reports)"
                       " gold from: \"%.100s\"\n",
                       e->id ? e->id : "?", day, (long long)gold, ob,
                       p.incidents ? (long long)p.id : 0LL, (long long)p.incidents,
                       p.incidents ? (long long)p.articles : 0LL, gold_text);
            }
        }
        i = j;
    }
    sitrep_store_stats stats;
    memset(&stats, 0, sizeof stats);
    sitrep_store_stats_get(st, &stats);
    printf("crisisfacts: %s (%s): %zu facts, %zu days, %lld incidents, %zu/%zu scored "
           "event-days match, final gold %lld\n",
           e->id ? e->id : "?", e->title ? e->title : "?", e->n, ndays,
           (long long)stats.incidents, evday_match, evday_scored, (long long)gold);
    sc->days += ndays;
    sc->scored += evday_scored;
    sc->match += evday_match;
    sitrep_store_close(st);
    unlink_db(db);
    return 0;
fail_tx:
    sitrep_store_rollback(st);
fail:
    fprintf(stderr, "bench_crisisfacts: %s: %s\n", e->id ? e->id : "?", sitrep_store_errmsg(st));
    sitrep_store_close(st);
    unlink_db(db);
    return -1;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    char *b = malloc(cap);
    while (b) {
        if (n == cap) {
            char *g = realloc(b, cap * 2);
            if (!g) {
                free(b);
                b = NULL;
                break;
            }
            b = g;
            cap *= 2;
        }
        size_t r = fread(b + n, 1, cap - n, f);
        if (r == 0)
            break;
        n += r;
    }
    fclose(f);
    *len = n;
    return b;
}

int main(int argc, char **argv)
{
    const char *data = NULL, *gaz = NULL;
    int with_title = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
            data = argv[++i];
        else if (strcmp(argv[i], "--gazetteer") == 0 && i + 1 < argc)
            gaz = argv[++i];
        else if (strcmp(argv[i], "--no-title") == 0)
            with_title = 0;
        else {
            fprintf(stderr,
                    "usage: bench_crisisfacts --data DIR [--gazetteer FILE] [--no-title]\n");
            return 2;
        }
    }
    char path[1200];
    snprintf(path, sizeof path, "%s/03-Evaluation/2022/01-AutoEvaluation/CrisisFACTs-2022.facts.json",
             data ? data : "");
    if (!data || access(path, R_OK) != 0) {
        printf("bench_crisisfacts: skipped (no CrisisFACTS facts at %s)\n", data ? path : "(none)");
        return 0;
    }
    size_t len = 0;
    char *buf = read_all(path, &len);
    if (!buf) {
        fprintf(stderr, "bench_crisisfacts: cannot read %s\n", path);
        return 1;
    }
    /* Top level: an array of event objects. */
    event *ev = NULL;
    size_t nev = 0, cev = 0;
    jp j = {buf, buf + len, 0};
    ws(&j);
    if (j.p < j.end && *j.p == '[') {
        j.p++;
        ws(&j);
        while (!j.err && j.p < j.end && *j.p != ']') {
            if (nev == cev) {
                cev = cev ? cev * 2 : 16;
                event *g = realloc(ev, cev * sizeof *g);
                if (!g) {
                    j.err = 1;
                    break;
                }
                ev = g;
            }
            memset(&ev[nev], 0, sizeof ev[nev]);
            jobject(&j, event_member, &ev[nev]);
            nev++;
            ws(&j);
            if (j.p < j.end && *j.p == ',') {
                j.p++;
                ws(&j);
            }
        }
    } else
        j.err = 1;
    free(buf);
    if (j.err || nev == 0) {
        fprintf(stderr, "bench_crisisfacts: cannot parse %s\n", path);
        return 1;
    }
    sitrep_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.gazetteer_path = gaz;
    sitrep *s = NULL;
    char err[512];
    if (sitrep_create(&cfg, &s, err, sizeof err) != SITREP_OK) {
        fprintf(stderr, "bench_crisisfacts: %s\n", err);
        return 1;
    }
    score sc;
    memset(&sc, 0, sizeof sc);
    int status = 0;
    size_t nfacts = 0;
    for (size_t i = 0; i < nev; i++) {
        nfacts += ev[i].n;
        if (run_event(s, &ev[i], with_title, &sc) != 0)
            status = 1;
    }
    double share = sc.scored ? (double)sc.match / (double)sc.scored : 0.0;
    printf("crisisfacts: %zu events, %zu facts (%s), %zu event-days, %zu with a stated toll "
           "(gold), %zu match\n",
           nev, nfacts, with_title ? "title-prefixed" : "bare", sc.days, sc.scored, sc.match);
    printf("crisisfacts: diagnostic, highest killed of any incident equals gold on %zu of %zu\n",
           sc.any_match, sc.scored);
    printf("metric crisisfacts_toll_match %.3f\n", share);
    /* the same in percent, for the accuracy guard (scripts/bench-guard.sh) */
    printf("metric crisisfacts_toll_match_pct %.1f\n", 100.0 * share);
    printf("crisisfacts: %s (target: >= 0.90 of the event-days with a gold toll)\n",
           share >= 0.90 ? "target met" : "TARGET MISSED");
    sitrep_free(s);
    for (size_t i = 0; i < nev; i++) {
        for (size_t k = 0; k < ev[i].n; k++) {
            free(ev[i].facts[k].date);
            free(ev[i].facts[k].text);
        }
        free(ev[i].facts);
        free(ev[i].id);
        free(ev[i].title);
    }
    free(ev);
    return status;
}
