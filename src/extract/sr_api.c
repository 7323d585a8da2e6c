/*
 * sr_api.c - the handle: creation (lexicons built, gazetteer mapped),
 * errors, and sitrep_extract, which runs the stages over one article in the
 * handle's arena (reset at each call).
 */
#include "sr_extract.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct sitrep {
    sr_alloc alloc;
    sr_lex *lex;     /* every lexicon but figures.txt */
    sr_lex *flex;    /* figures.txt alone: figure words overlap event phrases
                        ("shot and killed"), so they are matched on their own */
    sr_gaz *gaz;
    sr_model model;
    sr_arena arena;
    uint64_t *gaz_miss;  /* keys the gazetteer does not hold (direct-mapped) */
    size_t max_article;
    sitrep_result result;
    char err[512];
};

const char *sitrep_strerror(sitrep_status st)
{
    switch (st) {
    case SITREP_OK: return "success";
    case SITREP_E_NOMEM: return "out of memory";
    case SITREP_E_IO: return "input/output error";
    case SITREP_E_PARSE: return "malformed input";
    case SITREP_E_ENCODING: return "not text (binary data or NUL bytes)";
    case SITREP_E_LIMIT: return "input larger than the limit";
    case SITREP_E_DATA: return "data file missing, corrupt or of another version";
    case SITREP_E_ARG: return "invalid argument";
    case SITREP_E_EMPTY: return "empty input";
    case SITREP_END: return "end of input";
    }
    return "unknown status";
}

static void set_err(char *buf, size_t n, const char *fmt, ...)
{
    if (!buf || n == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, n, fmt, ap);
    va_end(ap);
}

/* Group home countries: the "home" entries of the lexicon, as a table. */
static sitrep_status load_homes(sitrep *s)
{
    int cls = s->model.cls.home;
    if (cls < 0)
        return SITREP_OK;
    size_t n = 0, total = sr_lex_size(s->lex);
    for (uint32_t e = 0; e < total; e++)
        if (sr_lex_get(s->lex, e)->cls == cls)
            n++;
    s->model.homes = sr_calloc(&s->alloc, n + 1, sizeof *s->model.homes);
    if (!s->model.homes)
        return SITREP_E_NOMEM;
    s->model.homes_cap = n + 1;
    for (uint32_t e = 0; e < total; e++) {
        const sr_lex_entry *x = sr_lex_get(s->lex, e);
        if (x->cls != cls || strlen(x->value) != 2)
            continue;
        struct sr_home *h = &s->model.homes[s->model.nhomes++];
        h->group = x->phrase;
        memcpy(h->cc, x->value, 2);
        h->cc[2] = '\0';
    }
    return SITREP_OK;
}

sitrep_status sitrep_create(const sitrep_config *cfg, sitrep **out, char *errmsg, size_t errmsg_size)
{
    if (errmsg && errmsg_size)
        errmsg[0] = '\0';
    if (!out)
        return SITREP_E_ARG;
    *out = NULL;
    sr_alloc a;
    sr_alloc_init(&a, cfg ? cfg->allocator : NULL);
    sitrep *s = sr_malloc(&a, sizeof *s);
    if (!s) {
        set_err(errmsg, errmsg_size, "out of memory");
        return SITREP_E_NOMEM;
    }
    memset(s, 0, sizeof *s);
    s->alloc = a;
    s->max_article = cfg && cfg->max_article_bytes ? cfg->max_article_bytes : (size_t)256 << 20;
    sr_arena_init(&s->arena, &s->alloc, 256 * 1024);
    char err[512] = "";
    sr_embedded_file files[64], ffiles[4];
    size_t nfiles = 0, nffiles = 0;
    for (size_t i = 0; i < sr_lexicon_nfiles; i++) {
        if (strcmp(sr_lexicon_files[i].name, "figures.txt") == 0) {
            if (nffiles < 4)
                ffiles[nffiles++] = sr_lexicon_files[i];
        } else if (nfiles < 64) {
            files[nfiles++] = sr_lexicon_files[i];
        }
    }
    sitrep_status st = sr_lex_create_from(&s->alloc, files, nfiles, &s->lex, err, sizeof err);
    if (st == SITREP_OK)
        st = sr_lex_create_from(&s->alloc, ffiles, nffiles, &s->flex, err, sizeof err);
    if (st != SITREP_OK) {
        set_err(errmsg, errmsg_size, "lexicon: %s", err[0] ? err : sitrep_strerror(st));
        sitrep_free(s);
        return st;
    }
    if (cfg && cfg->gazetteer_path) {
        st = sr_gaz_open(&s->alloc, cfg->gazetteer_path, &s->gaz, err, sizeof err);
        if (st != SITREP_OK) {
            set_err(errmsg, errmsg_size, "%s", err[0] ? err : sitrep_strerror(st));
            sitrep_free(s);
            return st;
        }
    }
    st = sr_wordsets_build(&s->alloc, &s->model);
    if (st != SITREP_OK) {
        set_err(errmsg, errmsg_size, "out of memory");
        sitrep_free(s);
        return st;
    }
    if (s->gaz) {
        s->gaz_miss = sr_calloc(&s->alloc, SR_GAZ_MISS_SLOTS, sizeof *s->gaz_miss);
        if (!s->gaz_miss) {
            set_err(errmsg, errmsg_size, "out of memory");
            sitrep_free(s);
            return SITREP_E_NOMEM;
        }
    }
    s->model.lex = s->lex;
    s->model.flex = s->flex;
    s->model.gaz = s->gaz;
    sr_classes *C = &s->model.cls;
    C->figure = SR_CLASS_FIGURE;
    C->event = sr_lex_class(s->lex, "event");
    C->weapon = sr_lex_class(s->lex, "weapon");
    C->group = sr_lex_class(s->lex, "group");
    C->facility = sr_lex_class(s->lex, "facility");
    C->person = sr_lex_class(s->lex, "person");
    C->perp = sr_lex_class(s->lex, "perp");
    C->claim = sr_lex_class(s->lex, "claim");
    C->country = sr_lex_class(s->lex, "country");
    C->demonym = sr_lex_class(s->lex, "demonym");
    C->offtopic = sr_lex_class(s->lex, "offtopic");
    C->home = sr_lex_class(s->lex, "home");
    C->force = sr_lex_class(s->lex, "force");
    if ((st = load_homes(s)) != SITREP_OK) {
        set_err(errmsg, errmsg_size, "out of memory");
        sitrep_free(s);
        return st;
    }
    *out = s;
    return SITREP_OK;
}

void sitrep_free(sitrep *s)
{
    if (!s)
        return;
    sr_alloc a = s->alloc;
    sr_arena_free(&s->arena);
    sr_lex_free(s->lex);
    sr_lex_free(s->flex);
    sr_wordsets_free(&a, &s->model);
    sr_free(&a, s->model.homes, s->model.homes_cap * sizeof *s->model.homes);
    sr_free(&a, s->gaz_miss, SR_GAZ_MISS_SLOTS * sizeof *s->gaz_miss);
    sr_gaz_close(s->gaz);
    sr_free(&a, s, sizeof *s);
}

const char *sitrep_errmsg(const sitrep *s)
{
    return s ? s->err : "";
}

int sitrep_has_gazetteer(const sitrep *s)
{
    return s && s->gaz != NULL;
}

/* Match both lexicons and merge the matches by position; figure matches
 * carry SR_CLASS_FIGURE and SR_FIGURE_ENTRY in their entry number. */
static sitrep_status match_lexicons(sitrep *s, sr_doc *d)
{
    sr_match *a, *b;
    size_t na, nb;
    sitrep_status st = sr_lex_match_all(s->lex, &d->t, d->ar, &a, &na);
    if (st == SITREP_OK)
        st = sr_lex_match_all(s->flex, &d->t, d->ar, &b, &nb);
    if (st != SITREP_OK)
        return st;
    d->mt = sr_arena_array(d->ar, na + nb + 1, sizeof(sr_match));
    if (!d->mt)
        return SITREP_E_NOMEM;
    size_t i = 0, j = 0, n = 0;
    while (i < na || j < nb) {
        if (j >= nb || (i < na && a[i].tok_begin <= b[j].tok_begin)) {
            d->mt[n++] = a[i++];
        } else {
            d->mt[n] = b[j++];
            d->mt[n].cls = SR_CLASS_FIGURE;
            d->mt[n].entry |= SR_FIGURE_ENTRY;
            n++;
        }
    }
    d->nmt = n;
    /* the dateline ("MOSCOW, March 23 (Reuters) --") is not the story */
    size_t skip = 0;
    while (skip < d->nmt && d->mt[skip].tok_begin < d->body_tok)
        skip++;
    d->mt += skip;
    d->nmt -= skip;
    return SITREP_OK;
}

static sitrep_status run(sitrep *s, sr_doc *d, const sitrep_article *a, sitrep_date def)
{
    sitrep_status st;
    d->ref = def;
    if (a->published.len) {
        sitrep_date p;
        if (sr_date_parse_full(a->published.ptr, a->published.len, &p))
            d->ref = p;
    }
    if ((st = sr_tokenize(d->ar, d->text, d->len, &d->t)) != SITREP_OK)
        return st;
    if ((st = sr_words_mark(d)) != SITREP_OK)
        return st;
    if (sr_dateline_parse(d->text, d->len, d->ref, &d->dl)) {
        d->has_dateline = 1;
        if (d->dl.has_date && d->dl.date.year)
            d->ref = d->dl.date;
        while (d->body_tok < d->t.ntok && d->t.tok[d->body_tok].start < d->dl.end)
            d->body_tok++;
    }
    if ((st = match_lexicons(s, d)) != SITREP_OK)
        return st;
    d->mt_at = sr_arena_array(d->ar, d->t.ntok + 1, sizeof(uint32_t));
    if (!d->mt_at)
        return SITREP_E_NOMEM;
    for (size_t k = d->nmt; k > 0; k--)
        d->mt_at[d->mt[k - 1].tok_begin] = (uint32_t)k;
    if ((st = sr_find_dates_numbers(d)) != SITREP_OK)
        return st;
    if ((st = sr_find_names(d)) != SITREP_OK)
        return st;
    if ((st = sr_find_places(d)) != SITREP_OK)
        return st;
    if ((st = sr_find_counts(d)) != SITREP_OK)
        return st;

    memset(&s->result, 0, sizeof s->result);
    if ((st = sr_build_incidents(d, &s->result)) != SITREP_OK)
        return st;
    s->result.published = d->ref;
    if (d->has_dateline && d->dl.place_end > d->dl.place_start) {
        s->result.dateline_place.ptr = d->text + d->dl.place_start;
        s->result.dateline_place.len = d->dl.place_end - d->dl.place_start;
    }
    return SITREP_OK;
}

sitrep_status sitrep_extract(sitrep *s, const sitrep_article *a, sitrep_date default_published,
                             const sitrep_result **out)
{
    if (!s || !a || !out)
        return SITREP_E_ARG;
    *out = NULL;
    s->err[0] = '\0';
    sr_arena_reset(&s->arena);
    if (a->text.len > s->max_article) {
        set_err(s->err, sizeof s->err, "article of %zu bytes exceeds the limit of %zu bytes",
                a->text.len, s->max_article);
        return SITREP_E_LIMIT;
    }
    sr_doc d;
    memset(&d, 0, sizeof d);
    d.ar = &s->arena;
    d.m = &s->model;
    d.gaz_miss = s->gaz_miss;
    d.text = a->text.ptr ? a->text.ptr : "";
    d.len = a->text.ptr ? a->text.len : 0;
    sitrep_status st = run(s, &d, a, default_published);
    if (st != SITREP_OK) {
        set_err(s->err, sizeof s->err, "extracting: %s", sitrep_strerror(st));
        sr_arena_reset(&s->arena);
        return st;
    }
    *out = &s->result;
    return SITREP_OK;
}
