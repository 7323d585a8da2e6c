/*
 * sr_report.c - the situation report writer (include/sitrep/report.h):
 * reads the incidents of the store into the model of sr_report.h, ranks
 * them by toll, gathers the observations whose evidence the report shows
 * (every one of a detailed incident; the ones that give the current killed
 * and injured of the others), numbers their evidence, and hands the model
 * to the writer of the format (through the writers' buffered sink).  Also
 * the escapers of the output and the parsing of report times, shared by
 * both writers.
 *
 * Reads the store through its public interface (incidents, observations,
 * perpetrators, one read snapshot around the whole report) and uses the
 * store's internals (store/sr_store.h) only for its allocator, its
 * calendar arithmetic and its consolidation policy (to find the
 * observation that gives a current value); it never queries the database
 * itself.
 */
#include "report/sr_report.h"
#include "store/sr_store.h"
#include "store/sr_store_node.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ============================================================= output */

void sr_rep_d1(sr_wout *o, double v)
{
    /* Coordinates of a page: far inside the range of int64. */
    if (!(v > -1e15 && v < 1e15))
        v = 0;
    int neg = v < 0;
    int64_t tenths = (int64_t)((neg ? -v : v) * 10.0 + 0.5);
    if (neg && tenths)
        sr_wo_c(o, '-');
    sr_wo_i64(o, tenths / 10);
    if (tenths % 10) {
        sr_wo_c(o, '.');
        sr_wo_c(o, (char)('0' + tenths % 10));
    }
}

/* Length of the valid UTF-8 sequence at p (lead byte >= 0x80), 0 when
 * invalid. */
static size_t utf8_len(const unsigned char *p)
{
    unsigned char c = p[0];
    if (c >= 0xC2 && c <= 0xDF)
        return (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80 ? 4
                                                                                         : 0;
    }
    return 0;
}

/* Text with the replacements of mode: 0 HTML, 1 Markdown, 2 Markdown
 * table cell, 3 Markdown autolink (a URL between < and >).  Markdown text
 * escapes what would turn store text into markup when the mail is shown
 * as HTML: raw tags and autolinks (< >), links ([ ]) and code spans (`);
 * a URL has the bytes an autolink cannot hold percent-encoded.  The
 * strings are NUL-terminated, so a sequence cut by the NUL fails its
 * continuation-byte test before reading past it. */
static void out_text(sr_wout *o, const char *s, int mode)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        const unsigned char *run = p;
        while (*p > 0x20 - (mode != 3) && *p < 0x80 && *p != '&' && *p != '<' && *p != '>' &&
               *p != '"' && *p != '\'' && *p != '|' && *p != '[' && *p != ']' && *p != '`')
            p++;
        sr_wo_put(o, (const char *)run, (size_t)(p - run));
        if (!*p)
            break;
        unsigned char c = *p;
        if (c >= 0x80) {
            size_t k = utf8_len(p);
            if (k) {
                sr_wo_put(o, (const char *)p, k);
                p += k;
            } else {
                sr_wo_s(o, "\xEF\xBF\xBD");
                p++;
            }
            continue;
        }
        p++;
        if (mode == 3) {
            if (c <= 0x20 || c == '<' || c == '>' || c == '`') {
                static const char hex[] = "0123456789ABCDEF";
                char pct[3] = {'%', hex[c >> 4], hex[c & 15]};
                sr_wo_put(o, pct, 3);
            } else {
                sr_wo_c(o, (char)c);
            }
        } else if (c < 0x20) {
            sr_wo_c(o, mode == 0 && (c == '\n' || c == '\t') ? (char)c : ' ');
        } else if (mode == 0) {
            if (c == '&' || c == '<' || c == '>' || c == '"' || c == '\'')
                sr_wo_s(o, c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" :
                            c == '"' ? "&quot;" : "&#39;");
            else
                sr_wo_c(o, (char)c);
        } else if ((c == '|' && mode == 2) || c == '<' || c == '>' || c == '[' || c == ']' ||
                   c == '`') {
            sr_wo_c(o, '\\');
            sr_wo_c(o, (char)c);
        } else {
            sr_wo_c(o, (char)c);
        }
    }
}

void sr_rep_html(sr_wout *o, const char *s)
{
    out_text(o, s ? s : "", 0);
}

void sr_rep_text(sr_wout *o, const char *s, int cell)
{
    out_text(o, s ? s : "", cell ? 2 : 1);
}

void sr_rep_url_md(sr_wout *o, const char *s)
{
    out_text(o, s ? s : "", 3);
}

void sr_date_text(sitrep_date d, char *buf)
{
    if (d.year > 0 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
        d.day <= 31)
        snprintf(buf, 16, "%04d-%02d-%02d", d.year, d.month, d.day);
    else if (d.year > 0 && d.year <= 9999)
        snprintf(buf, 16, "%04d", d.year);
    else
        buf[0] = '\0';
}

void sr_type_label(const char *slug, char *buf, size_t n)
{
    if (!*slug)
        slug = "incident";
    size_t k = 0;
    for (; slug[k] && k + 1 < n; k++)
        buf[k] = slug[k] == '_' ? ' ' : slug[k];
    buf[k] = '\0';
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 32);
}

void sr_rep_counts(sr_wout *o, const sr_report *r)
{
    sr_wo_i64(o, (int64_t)r->ninc);
    sr_wo_s(o, r->ninc == 1 ? " incident" : " incidents");
    if (r->ndetailed < r->ninc) {
        sr_wo_s(o, ", the first ");
        sr_wo_i64(o, (int64_t)r->ndetailed);
        sr_wo_s(o, " in detail");
    }
    if (r->nmore) {
        sr_wo_s(o, " \xC2\xB7 ");
        sr_wo_i64(o, (int64_t)r->nmore);
        sr_wo_s(o, " more with lower tolls not listed");
    }
}

int sr_url_linkable(const char *url)
{
    static const char *const schemes[] = {"http://", "https://"};
    for (size_t i = 0; i < 2; i++) {
        size_t k = strlen(schemes[i]), j = 0;
        /* Letters of the scheme match in either case; ':' and '/' match
         * only themselves (OR-ing 0x20 would let 0x1A pass for ':'). */
        while (j < k && url[j]) {
            char c = url[j];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c + 32);
            if (c != schemes[i][j])
                break;
            j++;
        }
        if (j == k && url[k])
            return 1;
    }
    return 0;
}

/* =============================================================== time */

/* n decimal digits at s into *v; 0 or -1. */
static int digits(const char *s, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return 0;
}

sr_rtime sr_rtime_parse(const char *s)
{
    sr_rtime t = {0, 0, 0};
    sitrep_date d;
    int h, mi;
    if (!s || strlen(s) < 10 || sitrep_date_parse(s, 10, &d) != SITREP_OK || d.year == 0 ||
        d.month == 0 || d.day == 0)
        return t;
    t.known = 1;
    t.minutes = sr_store_days(d.year, d.month, d.day) * 1440;
    const char *p = s + 10;
    if ((*p == 'T' || *p == ' ') && strlen(p) >= 6 && digits(p + 1, 2, &h) == 0 && p[3] == ':' &&
        digits(p + 4, 2, &mi) == 0 && h < 24 && mi < 60) {
        t.has_time = 1;
        t.minutes += h * 60 + mi;
        p += 6;
        if (*p == ':' && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9')
            p += 3;
        if (*p == '.')
            for (p++; *p >= '0' && *p <= '9'; p++)
                ;
        int zh, zm;
        if ((*p == '+' || *p == '-') && digits(p + 1, 2, &zh) == 0) {
            const char *q = p + 3;
            if (*q == ':')
                q++;
            if (digits(q, 2, &zm) != 0)
                zm = 0;
            int off = zh * 60 + zm;
            t.minutes += *p == '+' ? -off : off;
        }
    }
    return t;
}

void sr_rtime_format(sr_rtime t, int iso, char *buf)
{
    if (!t.known) {
        buf[0] = '\0';
        return;
    }
    int64_t days = t.minutes >= 0 ? t.minutes / 1440 : -((-t.minutes + 1439) / 1440);
    int64_t rem = t.minutes - days * 1440;
    sitrep_date d;
    sr_store_civil(days, &d);
    if (d.year < 0 || d.year > 9999)
        d.year = 0;
    if (!t.has_time)
        snprintf(buf, 24, "%04d-%02d-%02d", d.year, d.month, d.day);
    else
        snprintf(buf, 24, iso ? "%04d-%02d-%02dT%02d:%02dZ" : "%04d-%02d-%02d %02d:%02d", d.year,
                 d.month, d.day, (int)(rem / 60), (int)(rem % 60));
}

/* ========================================================== the model */

typedef struct builder {
    sitrep_store *st;
    const sr_alloc *alloc;
    sr_arena *ar;               /* the model's strings and arrays */
    sr_arena *scratch;          /* one incident's observations */
    sr_report *r;
    size_t cap;                 /* of r->incs */
    sitrep_status err;
    /* one incident's observations, in scratch */
    sr_robs *obs;
    size_t nobs, obscap;
    int max_figure;             /* observations of later figures are not kept */
} builder;

static const char *dup(sr_arena *ar, const char *s)
{
    return sr_arena_strdup(ar, s ? s : "", s ? strlen(s) : 0);
}

static int on_incident(void *ud, const sitrep_store_incident *in)
{
    builder *b = ud;
    sr_report *r = b->r;
    if (r->ninc == b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 256;
        sr_rinc *g = sr_realloc(b->alloc, r->incs, b->cap * sizeof *g, nc * sizeof *g);
        if (!g) {
            b->err = SITREP_E_NOMEM;
            return 1;
        }
        r->incs = g;
        b->cap = nc;
    }
    sr_rinc *c = &r->incs[r->ninc];
    memset(c, 0, sizeof *c);
    c->id = in->id;
    c->type = dup(b->ar, in->type);
    c->types = dup(b->ar, in->types);
    c->place = dup(b->ar, in->place);
    c->admin1 = dup(b->ar, in->admin1);
    c->precision = dup(b->ar, in->precision);
    c->perpetrator = dup(b->ar, in->perpetrator);
    c->name = dup(b->ar, in->name);
    c->first_reported = dup(b->ar, in->first_reported);
    c->last_reported = dup(b->ar, in->last_reported);
    memcpy(c->country, in->country, sizeof c->country);
    c->country[2] = '\0';
    c->date = in->date;
    c->has_coords = in->has_coords;
    c->lat = in->lat;
    c->lon = in->lon;
    c->articles = in->articles;
    int ok = c->type && c->types && c->place && c->admin1 && c->precision && c->perpetrator &&
             c->name && c->first_reported && c->last_reported;
    for (int f = 0; f < SITREP_NFIGURES; f++) {
        c->figures[f] = in->figures[f];
        c->figures[f].source = dup(b->ar, in->figures[f].source);
        ok = ok && c->figures[f].source;
    }
    if (!ok) {
        b->err = SITREP_E_NOMEM;
        return 1;
    }
    r->ninc++;
    return 0;
}

static int64_t toll(const sr_rinc *c, int f)
{
    return c->figures[f].known ? c->figures[f].value : 0;
}

static int64_t date_key(sitrep_date d)
{
    return d.year ? (int64_t)d.year * 400 + d.month * 32 + d.day : -1;
}

/* Killed, then injured, then the most recent date, then the most recent
 * report, then the newest incident. */
static int by_toll(const void *x, const void *y)
{
    const sr_rinc *a = x, *b = y;
    int64_t u, v;
    if ((u = toll(a, SITREP_KILLED)) != (v = toll(b, SITREP_KILLED)))
        return u > v ? -1 : 1;
    if ((u = toll(a, SITREP_INJURED)) != (v = toll(b, SITREP_INJURED)))
        return u > v ? -1 : 1;
    if ((u = date_key(a->date)) != (v = date_key(b->date)))
        return u > v ? -1 : 1;
    int c = strcmp(a->last_reported, b->last_reported);
    if (c)
        return c > 0 ? -1 : 1;
    return a->id > b->id ? -1 : a->id < b->id ? 1 : 0;
}

/* Copy the strings of an observation into ar. */
static int keep_strings(sr_arena *ar, sr_robs *o)
{
    o->source = dup(ar, o->source);
    o->outlet = dup(ar, o->outlet);
    o->article = dup(ar, o->article);
    o->url = dup(ar, o->url);
    o->reported = dup(ar, o->reported);
    o->quote = dup(ar, o->quote);
    return o->source && o->outlet && o->article && o->url && o->reported && o->quote ? 0 : -1;
}

static int on_obs(void *ud, const sitrep_store_observation *so)
{
    builder *b = ud;
    if ((int)so->figure > b->max_figure)
        return 1; /* figure by figure: nothing later is kept */
    if (b->nobs == b->obscap) {
        size_t nc = b->obscap ? b->obscap * 2 : 16;
        sr_robs *g = sr_arena_grow(b->scratch, b->obs, b->obscap, nc, sizeof *g);
        if (!g) {
            b->err = SITREP_E_NOMEM;
            return 1;
        }
        b->obs = g;
        b->obscap = nc;
    }
    sr_robs *o = &b->obs[b->nobs];
    memset(o, 0, sizeof *o);
    o->figure = (int)so->figure;
    o->value = so->value;
    o->min = so->min;
    o->max = so->max;
    o->qualifier = (int)so->qualifier;
    o->source = so->source;
    o->outlet = so->outlet;
    o->article = so->article;
    o->url = so->url;
    o->reported = so->reported;
    o->quote = so->sentence && *so->sentence ? so->sentence : so->evidence_text;
    o->status = so->status ? so->status : "";
    o->time = sr_rtime_parse(so->reported);
    if (keep_strings(b->scratch, o) != 0) {
        b->err = SITREP_E_NOMEM;
        return 1;
    }
    b->nobs++;
    return 0;
}

static uint64_t hash_str(uint64_t h, const char *s)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (h ^ 0xFF) * 1099511628211ULL;
}

/* Evidence numbers of the kept observations: one per distinct quoted
 * sentence of one article (the killed and the injured of one sentence
 * share an item). */
static sitrep_status number_evidence(builder *b, sr_robs *kept, size_t n)
{
    size_t cap = 16;
    while (cap < n * 2)
        cap *= 2;
    size_t *slot = sr_arena_array(b->scratch, cap, sizeof *slot); /* index + 1 */
    if (!slot)
        return SITREP_E_NOMEM;
    for (size_t i = 0; i < n; i++) {
        size_t h = (size_t)hash_str(hash_str(14695981039346656037ULL, kept[i].article),
                                    kept[i].quote) & (cap - 1);
        for (;; h = (h + 1) & (cap - 1)) {
            if (!slot[h]) {
                slot[h] = i + 1;
                kept[i].ev = ++b->r->nev;
                kept[i].ev_first = 1;
                break;
            }
            const sr_robs *o = &kept[slot[h] - 1];
            if (strcmp(o->article, kept[i].article) == 0 && strcmp(o->quote, kept[i].quote) == 0) {
                kept[i].ev = o->ev;
                break;
            }
        }
    }
    return SITREP_OK;
}

/* The observations of incident c: all of them when it is detailed, else
 * those that give its current killed and injured. */
static sitrep_status gather_obs(builder *b, sr_rinc *c)
{
    sr_arena_reset(b->scratch);
    b->obs = NULL;
    b->nobs = b->obscap = 0;
    b->max_figure = c->detailed ? SITREP_NFIGURES - 1 : SITREP_INJURED;
    sitrep_status s = sitrep_store_observations(b->st, c->id, on_obs, b);
    if (s == SITREP_OK)
        s = b->err;
    if (s != SITREP_OK)
        return s;
    if (b->nobs == 0)
        return SITREP_OK;
    /* The observation that gives each current value: the store's policy
     * over the figure's timeline. */
    size_t credited[SITREP_NFIGURES] = {0};
    int has[SITREP_NFIGURES] = {0};
    sr_obs *tmp = sr_arena_array(b->scratch, b->nobs, sizeof *tmp);
    char *keep = sr_arena_array(b->scratch, b->nobs, 1);
    if (!tmp || !keep)
        return SITREP_E_NOMEM;
    for (size_t i = 0; i < b->nobs; i++) {
        tmp[i].value = b->obs[i].value;
        tmp[i].min = b->obs[i].min;
        tmp[i].max = b->obs[i].max;
        tmp[i].qualifier = b->obs[i].qualifier;
        tmp[i].source = b->obs[i].source;
    }
    for (size_t i = 0; i < b->nobs;) {
        size_t j = i;
        while (j < b->nobs && b->obs[j].figure == b->obs[i].figure)
            j++;
        sr_cons cons;
        sr_consolidate(tmp + i, j - i, &cons, NULL);
        int f = b->obs[i].figure;
        if (cons.known && f >= 0 && f < SITREP_NFIGURES) {
            credited[f] = i + cons.source_index;
            has[f] = 1;
            keep[credited[f]] = 1;
        }
        i = j;
    }
    size_t nkeep = 0;
    for (size_t i = 0; i < b->nobs; i++)
        nkeep += c->detailed || keep[i];
    sr_robs *kept = sr_arena_array(b->ar, nkeep, sizeof *kept);
    if (!kept)
        return SITREP_E_NOMEM;
    size_t k = 0;
    size_t pos[SITREP_NFIGURES] = {0};
    for (size_t i = 0; i < b->nobs; i++) {
        if (!(c->detailed || keep[i]))
            continue;
        for (int f = 0; f < SITREP_NFIGURES; f++)
            if (has[f] && credited[f] == i)
                pos[f] = k;
        kept[k++] = b->obs[i];
    }
    if (number_evidence(b, kept, nkeep) != SITREP_OK)
        return SITREP_E_NOMEM;
    for (size_t i = 0; i < nkeep; i++)
        if (keep_strings(b->ar, &kept[i]) != 0)
            return SITREP_E_NOMEM;
    for (int f = 0; f < SITREP_NFIGURES; f++)
        if (has[f])
            c->cur_ev[f] = kept[pos[f]].ev;
    c->obs = kept;
    c->nobs = nkeep;
    return SITREP_OK;
}

/* The perpetrators the reports of the incident named, with their claims:
 * one entry per name and claim, with the first report that gave it. */
typedef struct perp_run {
    builder *b;
    sr_rinc *c;
    size_t cap;
    sitrep_status err;
} perp_run;

static int on_perp(void *ud, const sitrep_store_perpetrator *sp)
{
    perp_run *pr = ud;
    sr_rinc *c = pr->c;
    for (size_t i = 0; i < c->nperps; i++)
        if (strcmp(c->perps[i].name, sp->name) == 0 && strcmp(c->perps[i].claim, sp->claim) == 0) {
            c->perps[i].reports++;
            return 0;
        }
    sr_arena *ar = pr->b->ar;
    if (c->nperps == pr->cap) {
        size_t nc = pr->cap ? pr->cap * 2 : 4;
        sr_rperp *g = sr_arena_grow(ar, c->perps, pr->cap, nc, sizeof *g);
        if (!g) {
            pr->err = SITREP_E_NOMEM;
            return 1;
        }
        c->perps = g;
        pr->cap = nc;
    }
    sr_rperp *p = &c->perps[c->nperps];
    p->outlet = dup(ar, sp->outlet);
    p->reported = dup(ar, sp->reported);
    p->url = dup(ar, sp->url);
    p->name = dup(ar, sp->name);
    p->kind = dup(ar, sp->kind);
    p->claim = dup(ar, sp->claim);
    p->quote = dup(ar, sp->quote);
    p->reports = 1;
    if (!p->outlet || !p->reported || !p->url || !p->name || !p->kind || !p->claim || !p->quote) {
        pr->err = SITREP_E_NOMEM;
        return 1;
    }
    c->nperps++;
    return 0;
}

static sitrep_status gather_perps(builder *b, sr_rinc *c)
{
    perp_run pr = {b, c, 0, SITREP_OK};
    sitrep_status s = sitrep_store_perpetrators(b->st, c->id, on_perp, &pr);
    return pr.err != SITREP_OK ? pr.err : s;
}

static sitrep_status build(builder *b, const sitrep_report_options *o)
{
    sr_report *r = b->r;
    sitrep_store_filter f;
    memset(&f, 0, sizeof f);
    f.min_killed = -1;
    if (o->filter)
        f = *o->filter;
    f.limit = 0; /* every matching incident is ranked */
    sitrep_status s = sitrep_store_incidents(b->st, &f, on_incident, b);
    if (s == SITREP_OK)
        s = b->err;
    if (s != SITREP_OK)
        return s;
    if (r->ninc > 1)
        qsort(r->incs, r->ninc, sizeof *r->incs, by_toll);
    /* The period is that of every matching incident; the list stops at
     * list_limit (the rest is only counted). */
    size_t matched = r->ninc;
    /* The period: the filter's, else the incidents' dates. */
    r->from = f.from;
    r->to = f.to;
    for (size_t i = 0; i < r->ninc; i++) {
        sitrep_date d = r->incs[i].date;
        if (!d.year)
            continue;
        if (!o->filter || !o->filter->from.year)
            if (!r->from.year || date_key(d) < date_key(r->from))
                r->from = d;
        if (!o->filter || !o->filter->to.year)
            if (!r->to.year || date_key(d) > date_key(r->to))
                r->to = d;
    }
    if (o->list_limit && matched > o->list_limit) {
        r->nmore = matched - o->list_limit;
        r->ninc = o->list_limit;
    }
    size_t detail = o->detail ? o->detail : 100;
    r->ndetailed = detail < r->ninc ? detail : r->ninc;
    for (size_t i = 0; i < r->ninc && s == SITREP_OK; i++) {
        sr_rinc *c = &r->incs[i];
        c->detailed = i < r->ndetailed;
        s = gather_obs(b, c);
        if (s == SITREP_OK && c->detailed)
            s = gather_perps(b, c);
    }
    return s;
}

sitrep_status sitrep_report_write(sitrep_store *st, const sitrep_report_options *o,
                                  sitrep_write_fn w, void *ud)
{
    if (!st || !o || !w || (o->format != SITREP_REPORT_HTML && o->format != SITREP_REPORT_MD))
        return SITREP_E_ARG;
    sr_arena ar, scratch;
    sr_arena_init(&ar, &st->alloc, 64 * 1024);
    sr_arena_init(&scratch, &st->alloc, 16 * 1024);
    sr_report r;
    memset(&r, 0, sizeof r);
    r.opt = o;
    r.title = o->title && *o->title ? o->title : "Situation report";
    builder b;
    memset(&b, 0, sizeof b);
    b.st = st;
    b.alloc = &st->alloc;
    b.ar = &ar;
    b.scratch = &scratch;
    b.r = &r;
    /* One read transaction for the whole report: one snapshot of a store
     * that another connection may be writing to, and one lock instead of
     * one per query (a third of the time of 10,000 incidents). */
    int own_tx = sitrep_store_read_begin(st) == SITREP_OK;
    sitrep_status s = build(&b, o);
    if (own_tx)
        sitrep_store_read_end(st);
    sr_arena_free(&scratch);
    if (s == SITREP_OK) {
        sr_wout *out = sr_malloc(&st->alloc, sizeof *out);
        if (!out) {
            s = SITREP_E_NOMEM;
        } else {
            out->w = w;
            out->ud = ud;
            out->len = 0;
            out->failed = 0;
            if (o->format == SITREP_REPORT_HTML)
                sr_report_html(&r, out);
            else
                sr_report_md(&r, out);
            if (sr_wo_finish(out) != SITREP_OK)
                s = sr_store_fail(st, SITREP_E_IO, "report: the output could not be written");
            sr_free(&st->alloc, out, sizeof *out);
        }
    }
    if (s == SITREP_E_NOMEM)
        (void)sr_store_fail(st, s, "out of memory");
    sr_free(&st->alloc, r.incs, b.cap * sizeof *r.incs);
    sr_arena_free(&ar);
    return s;
}
