/*
 * sr_lexicon.c - loads the lexicon text files (phrase TAB class TAB value
 * [TAB flags]) and finds their phrases in a tokenized text.
 *
 * Each phrase is tokenized with the same tokenizer as article text, so
 * folding, hyphens and apostrophes agree by construction.  Entries are kept
 * sorted by (hash of the first token, length descending) and an
 * open-addressing table maps a first-token hash to its run of entries: at
 * each text token the matcher does one probe, and in the common case (no
 * phrase starts with that word) nothing else.  Matching is therefore
 * O(tokens) plus the work on the few candidates of words that do start a
 * phrase.
 *
 * All memory of a lexicon lives in one arena owned by the sr_lex, so
 * sr_lex_free (and every error path) releases everything at once.
 */
#include "lexicon/sr_lexicon.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEX_MAX_WORDS 32      /* tokens in one phrase */
#define LEX_MAX_CLASSES 1024  /* distinct class names */
#define LEX_FILTER_BITS 65536
#define LEX_MAX_PHRASE 1000   /* bytes; keeps token offsets within uint16 */

/* One token of a phrase. */
typedef struct lex_tok {
    uint64_t hash;        /* sr_hash of the folded form (tokenizer's) */
    const char *norm;     /* folded form, NUL-terminated */
    const char *raw;      /* the phrase's own bytes, for "case" entries */
    uint16_t norm_len;
    uint16_t raw_len;
    uint8_t wild;         /* "*": any one word token */
} lex_tok;

/* An entry as the matcher sees it; sorted copy of the entries. */
typedef struct lex_ent {
    const lex_tok *tok;
    uint64_t h1;          /* hash of the second token (0: none or wildcard), for
                           * rejecting a candidate without touching tok */
    uint32_t id;          /* index in sr_lex.entries */
    uint16_t cls;
    uint8_t n;            /* tokens */
    uint8_t exact_case;
    uint8_t same_as_prev; /* same tokens and case flag as the previous sorted entry */
    uint8_t dup;          /* same phrase, class and value as an earlier one: not reported */
} lex_ent;

/* Index slot: entries whose first token hashes to hash are
 * sorted[begin, begin + count). count == 0 marks an empty slot. */
typedef struct lex_slot {
    uint64_t hash;
    uint32_t begin, count;
} lex_slot;

struct sr_lex {
    sr_alloc alloc;       /* copy: the arena points here */
    sr_arena ar;          /* everything below lives in it */
    sr_lex_entry *entries;
    lex_ent *sorted;
    size_t nentries;
    lex_slot *slots;
    size_t slot_mask;     /* slots - 1, a power of two minus one */
    /* One bit per first-token hash (bits 20..35): most text tokens start
     * no phrase, and this 8 KB filter rejects them without a slot probe. */
    uint64_t filter[LEX_FILTER_BITS / 64];
    const char **classes;
    size_t nclasses;
};

/* ------------------------------------------------------------- parsing */

static void set_err(char *err, size_t errlen, const char *file, size_t line, const char *msg)
{
    if (err && errlen)
        snprintf(err, errlen, "%s:%zu: %s", file, line, msg);
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Trim ASCII blanks from both ends of [*p, *p + *n). */
static void trim(const char **p, size_t *n)
{
    while (*n && is_blank((*p)[0])) {
        (*p)++;
        (*n)--;
    }
    while (*n && is_blank((*p)[*n - 1]))
        (*n)--;
}

/* 1 when the comma-separated flags contain word. */
static int has_flag(const char *flags, const char *word)
{
    size_t wl = strlen(word);
    const char *p = flags;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        const char *q = p;
        trim(&q, &n);
        if (n == wl && memcmp(q, word, n) == 0)
            return 1;
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

/* Class number for name, adding it when new; -1 when there are too many. */
static int class_id(sr_lex *lx, const char *name, size_t n, int *nomem)
{
    for (size_t i = 0; i < lx->nclasses; i++) {
        if (strlen(lx->classes[i]) == n && memcmp(lx->classes[i], name, n) == 0)
            return (int)i;
    }
    if (lx->nclasses >= LEX_MAX_CLASSES)
        return -1;
    char *s = sr_arena_strdup(&lx->ar, name, n);
    if (!s) {
        *nomem = 1;
        return -1;
    }
    lx->classes[lx->nclasses] = s;
    return (int)lx->nclasses++;
}

/* Parse one non-comment line into the next entry.  Returns SITREP_OK,
 * SITREP_E_NOMEM, or SITREP_E_DATA with err filled. */
static sitrep_status parse_line(sr_lex *lx, sr_arena *scratch, const char *file, size_t lineno,
                                const char *line, size_t len, char *err, size_t errlen)
{
    const char *field[5];
    size_t flen[5];
    size_t nf = 0;
    const char *p = line, *end = line + len;
    for (;;) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        if (nf == 5) {
            set_err(err, errlen, file, lineno, "too many tab-separated fields (at most 4)");
            return SITREP_E_DATA;
        }
        field[nf] = p;
        flen[nf] = tab ? (size_t)(tab - p) : (size_t)(end - p);
        trim(&field[nf], &flen[nf]);
        nf++;
        if (!tab)
            break;
        p = tab + 1;
    }
    if (nf < 3) {
        set_err(err, errlen, file, lineno, "expected phrase<TAB>class<TAB>value[<TAB>flags]");
        return SITREP_E_DATA;
    }
    if (nf == 5) {
        set_err(err, errlen, file, lineno, "too many tab-separated fields (at most 4)");
        return SITREP_E_DATA;
    }
    if (!flen[0] || !flen[1] || !flen[2]) {
        set_err(err, errlen, file, lineno, "empty phrase, class or value");
        return SITREP_E_DATA;
    }
    if (flen[0] > LEX_MAX_PHRASE) {
        set_err(err, errlen, file, lineno, "phrase longer than 1000 bytes");
        return SITREP_E_DATA;
    }
    for (size_t i = 0; i < flen[1]; i++) {
        char c = field[1][i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            set_err(err, errlen, file, lineno, "class must be [a-z0-9_]+");
            return SITREP_E_DATA;
        }
    }

    sr_lex_entry *e = &lx->entries[lx->nentries];
    lex_ent *le = &lx->sorted[lx->nentries];
    char *phrase = sr_arena_strdup(&lx->ar, field[0], flen[0]);
    char *value = sr_arena_strdup(&lx->ar, field[2], flen[2]);
    char *flags = sr_arena_strdup(&lx->ar, nf == 4 ? field[3] : "", nf == 4 ? flen[3] : 0);
    if (!phrase || !value || !flags)
        return SITREP_E_NOMEM;
    int nomem = 0;
    int cls = class_id(lx, field[1], flen[1], &nomem);
    if (nomem)
        return SITREP_E_NOMEM;
    if (cls < 0) {
        set_err(err, errlen, file, lineno, "too many class names");
        return SITREP_E_DATA;
    }

    sr_arena_reset(scratch);
    sr_tokens tk;
    sitrep_status st = sr_tokenize(scratch, phrase, flen[0], &tk);
    if (st == SITREP_E_NOMEM)
        return st;
    if (st != SITREP_OK) {
        set_err(err, errlen, file, lineno, "phrase cannot be tokenized");
        return SITREP_E_DATA;
    }
    if (tk.ntok == 0) {
        set_err(err, errlen, file, lineno, "phrase has no tokens");
        return SITREP_E_DATA;
    }
    if (tk.ntok > LEX_MAX_WORDS) {
        set_err(err, errlen, file, lineno, "phrase has too many tokens (at most 32)");
        return SITREP_E_DATA;
    }
    lex_tok *toks = sr_arena_array(&lx->ar, tk.ntok, sizeof *toks);
    if (!toks)
        return SITREP_E_NOMEM;
    for (size_t i = 0; i < tk.ntok; i++) {
        const sr_token *t = &tk.tok[i];
        lex_tok *lt = &toks[i];
        lt->raw = phrase + t->start;
        lt->raw_len = (uint16_t)(t->end - t->start);
        if (t->kind == SR_TOK_PUNCT && lt->raw_len == 1 && lt->raw[0] == '*') {
            if (i == 0) {
                set_err(err, errlen, file, lineno, "a phrase cannot start with the wildcard *");
                return SITREP_E_DATA;
            }
            lt->wild = 1;
            lt->norm = "*";
            continue;
        }
        lt->norm = sr_arena_strdup(&lx->ar, sr_tok_norm(&tk, i), t->norm_len);
        if (!lt->norm)
            return SITREP_E_NOMEM;
        lt->norm_len = t->norm_len;
        lt->hash = t->hash;
    }

    e->phrase = phrase;
    e->value = value;
    e->flags = flags;
    e->file = file;
    e->line = (uint32_t)lineno;
    e->cls = (uint16_t)cls;
    e->nwords = (uint8_t)tk.ntok;
    e->exact_case = (uint8_t)has_flag(flags, "case");

    le->tok = toks;
    le->h1 = tk.ntok > 1 && !toks[1].wild ? toks[1].hash : 0;
    le->id = (uint32_t)lx->nentries;
    le->cls = e->cls;
    le->n = e->nwords;
    le->exact_case = e->exact_case;
    lx->nentries++;
    return SITREP_OK;
}

static sitrep_status parse_file(sr_lex *lx, sr_arena *scratch, const sr_embedded_file *f,
                                char *err, size_t errlen)
{
    const char *p = f->data, *end = f->data + f->len;
    size_t lineno = 0;
    if (sr_utf8_check(f->data, f->len) != f->len) {
        size_t off = sr_utf8_check(f->data, f->len);
        size_t ln = 1;
        for (size_t i = 0; i < off; i++)
            ln += f->data[i] == '\n';
        set_err(err, errlen, f->name, ln, "invalid UTF-8");
        return SITREP_E_DATA;
    }
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        lineno++;
        const char *q = p;
        size_t n = (size_t)(le - p);
        if (memchr(q, '\0', n)) {
            set_err(err, errlen, f->name, lineno, "NUL byte in line");
            return SITREP_E_DATA;
        }
        const char *s = q;
        size_t sn = n;
        trim(&s, &sn);
        if (sn && s[0] != '#') {
            sitrep_status st = parse_line(lx, scratch, f->name, lineno, q, n, err, errlen);
            if (st != SITREP_OK)
                return st;
        }
        p = nl ? nl + 1 : end;
    }
    return SITREP_OK;
}

/* ------------------------------------------------------------- indexing */

static size_t filter_bit(uint64_t h)
{
    return (size_t)(h >> 20) & (LEX_FILTER_BITS - 1);
}

/* Order of two phrases' token sequences (hash, then folded text, then the
 * wildcard marks); 0 when identical. */
static int cmp_tokens(const lex_ent *a, const lex_ent *b)
{
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    for (size_t i = 0; i < a->n; i++) {
        const lex_tok *x = &a->tok[i], *y = &b->tok[i];
        if (x->wild != y->wild)
            return x->wild < y->wild ? -1 : 1;
        if (x->hash != y->hash)
            return x->hash < y->hash ? -1 : 1;
        int c = strcmp(x->norm, y->norm);
        if (c)
            return c;
        if (a->exact_case) {
            /* Case entries with other capitalisation are other phrases. */
            if (x->raw_len != y->raw_len)
                return x->raw_len < y->raw_len ? -1 : 1;
            c = memcmp(x->raw, y->raw, x->raw_len);
            if (c)
                return c;
        }
    }
    return 0;
}

/* Sort key: first-token hash, longer first, same phrases together (so equal
 * phrases are adjacent), then class and file order. */
static int cmp_ent(const void *pa, const void *pb)
{
    const lex_ent *a = pa, *b = pb;
    if (a->tok[0].hash != b->tok[0].hash)
        return a->tok[0].hash < b->tok[0].hash ? -1 : 1;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    if (a->exact_case != b->exact_case)
        return a->exact_case < b->exact_case ? -1 : 1;
    int c = cmp_tokens(a, b);
    if (c)
        return c;
    if (a->cls != b->cls)
        return a->cls < b->cls ? -1 : 1;
    return a->id < b->id ? -1 : (a->id > b->id);
}

static sitrep_status build_index(sr_lex *lx)
{
    qsort(lx->sorted, lx->nentries, sizeof *lx->sorted, cmp_ent);
    size_t nkeys = 0;
    for (size_t i = 0; i < lx->nentries; i++) {
        lex_ent *e = &lx->sorted[i];
        if (i == 0 || e->tok[0].hash != lx->sorted[i - 1].tok[0].hash)
            nkeys++;
        if (i > 0 && e->exact_case == lx->sorted[i - 1].exact_case &&
            cmp_tokens(e, &lx->sorted[i - 1]) == 0) {
            e->same_as_prev = 1;
            /* Exact duplicate line (maybe in two files): report once. */
            const lex_ent *f = &lx->sorted[i - 1];
            for (size_t k = i; k > 0 && lx->sorted[k].same_as_prev; k--) {
                f = &lx->sorted[k - 1];
                if (f->cls == e->cls && strcmp(lx->entries[f->id].value, lx->entries[e->id].value) == 0) {
                    e->dup = 1;
                    break;
                }
            }
        }
    }
    size_t nslots = 16;
    while (nslots < nkeys * 2 + 1)
        nslots *= 2;
    lx->slots = sr_arena_array(&lx->ar, nslots, sizeof *lx->slots);
    if (!lx->slots)
        return SITREP_E_NOMEM;
    lx->slot_mask = nslots - 1;
    for (size_t i = 0; i < lx->nentries;) {
        uint64_t h = lx->sorted[i].tok[0].hash;
        size_t j = i + 1;
        while (j < lx->nentries && lx->sorted[j].tok[0].hash == h)
            j++;
        size_t fb = filter_bit(h);
        lx->filter[fb / 64] |= (uint64_t)1 << (fb % 64);
        size_t s = (size_t)h & lx->slot_mask;
        while (lx->slots[s].count)
            s = (s + 1) & lx->slot_mask;
        lx->slots[s].hash = h;
        lx->slots[s].begin = (uint32_t)i;
        lx->slots[s].count = (uint32_t)(j - i);
        i = j;
    }
    return SITREP_OK;
}

/* ------------------------------------------------------------- building */

sitrep_status sr_lex_create_from(const sr_alloc *a, const sr_embedded_file *files,
                                 size_t nfiles, sr_lex **out, char *err, size_t errlen)
{
    assert(a && out);
    *out = NULL;
    if (err && errlen)
        err[0] = '\0';
    sr_lex *lx = sr_malloc(a, sizeof *lx);
    if (!lx)
        return SITREP_E_NOMEM;
    memset(lx, 0, sizeof *lx);
    lx->alloc = *a;
    sr_arena_init(&lx->ar, &lx->alloc, 256 * 1024);
    sr_arena scratch;
    sr_arena_init(&scratch, &lx->alloc, 16 * 1024);

    /* Upper bound of entries: lines in all files. */
    size_t maxent = 0;
    for (size_t i = 0; i < nfiles; i++) {
        const char *d = files[i].data;
        size_t n = files[i].len;
        maxent++;
        for (size_t k = 0; k < n; k++)
            maxent += d[k] == '\n';
    }
    if (maxent >= UINT32_MAX) {
        set_err(err, errlen, nfiles ? files[0].name : "lexicon", 0, "too many lines");
        sr_free(a, lx, sizeof *lx);
        return SITREP_E_DATA;
    }
    sitrep_status st = SITREP_E_NOMEM;
    lx->entries = sr_arena_array(&lx->ar, maxent, sizeof *lx->entries);
    lx->sorted = sr_arena_array(&lx->ar, maxent, sizeof *lx->sorted);
    lx->classes = sr_arena_array(&lx->ar, LEX_MAX_CLASSES, sizeof *lx->classes);
    if (!lx->entries || !lx->sorted || !lx->classes)
        goto fail;
    for (size_t i = 0; i < nfiles; i++) {
        st = parse_file(lx, &scratch, &files[i], err, errlen);
        if (st != SITREP_OK)
            goto fail;
    }
    st = build_index(lx);
    if (st != SITREP_OK)
        goto fail;
    sr_arena_free(&scratch);
    *out = lx;
    return SITREP_OK;
fail:
    if (st == SITREP_E_NOMEM && err && errlen)
        snprintf(err, errlen, "lexicon: out of memory");
    sr_arena_free(&scratch);
    sr_arena_free(&lx->ar);
    sr_free(a, lx, sizeof *lx);
    return st;
}

sitrep_status sr_lex_create(const sr_alloc *a, sr_lex **out, char *err, size_t errlen)
{
    return sr_lex_create_from(a, sr_lexicon_files, sr_lexicon_nfiles, out, err, errlen);
}

void sr_lex_free(sr_lex *lx)
{
    if (!lx)
        return;
    sr_alloc a = lx->alloc;
    sr_arena_free(&lx->ar);
    sr_free(&a, lx, sizeof *lx);
}

int sr_lex_class(const sr_lex *lx, const char *name)
{
    for (size_t i = 0; i < lx->nclasses; i++) {
        if (strcmp(lx->classes[i], name) == 0)
            return (int)i;
    }
    return -1;
}

const sr_lex_entry *sr_lex_get(const sr_lex *lx, uint32_t entry)
{
    assert(entry < lx->nentries);
    return &lx->entries[entry];
}

size_t sr_lex_size(const sr_lex *lx)
{
    return lx->nentries;
}

const char *sr_lex_class_name(const sr_lex *lx, int cls)
{
    if (cls < 0 || (size_t)cls >= lx->nclasses)
        return NULL;
    return lx->classes[cls];
}

/* ------------------------------------------------------------- matching */

/* The run of entries whose first token hashes like token i; NULL if none. */
static const lex_slot *probe(const sr_lex *lx, uint64_t h)
{
    size_t fb = filter_bit(h);
    if (!(lx->filter[fb / 64] & ((uint64_t)1 << (fb % 64))))
        return NULL;
    size_t s = (size_t)h & lx->slot_mask;
    for (;;) {
        const lex_slot *sl = &lx->slots[s];
        if (!sl->count)
            return NULL;
        if (sl->hash == h)
            return sl;
        s = (s + 1) & lx->slot_mask;
    }
}

/* memcmp for the short strings compared here (folded words). */
static int same_bytes(const char *a, const char *b, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (a[k] != b[k])
            return 0;
    return 1;
}

/* 1 when entry e matches the tokens from i on. */
static int ent_match(const sr_tokens *t, size_t i, const lex_ent *e)
{
    if (e->n > t->ntok - i)
        return 0;
    if (e->h1 && t->tok[i + 1].hash != e->h1)
        return 0;
    if (e->exact_case && t->upper_case)
        return 0;
    uint32_t sent = t->tok[i].sent;
    for (size_t j = 0; j < e->n; j++) {
        const sr_token *tk = &t->tok[i + j];
        const lex_tok *lt = &e->tok[j];
        if (tk->sent != sent)
            return 0;
        if (lt->wild) {
            if (tk->kind != SR_TOK_WORD)
                return 0;
            continue;
        }
        if (tk->hash != lt->hash || tk->norm_len != lt->norm_len ||
            !same_bytes(t->norm + tk->norm, lt->norm, lt->norm_len))
            return 0;
        if (e->exact_case && (tk->end - tk->start != lt->raw_len ||
                              memcmp(t->text + tk->start, lt->raw, lt->raw_len) != 0))
            return 0;
    }
    return 1;
}

/*
 * Walk the candidates at token i (longest first).  The first one that
 * matches fixes the length; every other candidate of that length that
 * matches is reported too.  emit(ctx, id) is called per entry; returns the
 * tokens matched (0: none) or SIZE_MAX when emit failed.
 */
typedef int (*emit_fn)(void *ctx, uint32_t id);

static size_t match_here(const sr_lex *lx, const sr_tokens *t, size_t i, emit_fn emit, void *ctx)
{
    if (!lx->slots || i >= t->ntok)
        return 0;
    const lex_slot *sl = probe(lx, t->tok[i].hash);
    if (!sl)
        return 0;
    size_t len = 0;
    int prev_ok = 0;
    for (size_t k = sl->begin; k < (size_t)sl->begin + sl->count; k++) {
        const lex_ent *e = &lx->sorted[k];
        if (len && e->n < len)
            break;
        int ok = e->same_as_prev ? prev_ok : ent_match(t, i, e);
        prev_ok = ok;
        if (!ok)
            continue;
        len = e->n;
        if (!e->dup && emit(ctx, e->id) != 0)
            return SIZE_MAX;
    }
    return len;
}

typedef struct at_ctx {
    uint32_t *entries;
    size_t max, n;
} at_ctx;

static int emit_at(void *ctx, uint32_t id)
{
    at_ctx *c = ctx;
    if (c->n < c->max)
        c->entries[c->n++] = id;
    return 0;
}

size_t sr_lex_match_at(const sr_lex *lx, const sr_tokens *t, size_t i,
                       uint32_t *entries, size_t max, size_t *nentries)
{
    at_ctx c = {entries, entries ? max : 0, 0};
    size_t len = match_here(lx, t, i, emit_at, &c);
    if (nentries)
        *nentries = c.n;
    return len;
}

typedef struct all_ctx {
    const sr_lex *lx;
    sr_arena *ar;
    sr_match *m;
    size_t n, cap;
    uint32_t begin;
} all_ctx;

static int emit_all(void *ctx, uint32_t id)
{
    all_ctx *c = ctx;
    if (c->n == c->cap) {
        size_t ncap = c->cap ? c->cap * 2 : 64;
        sr_match *m = sr_arena_grow(c->ar, c->m, c->n, ncap, sizeof *m);
        if (!m)
            return -1;
        c->m = m;
        c->cap = ncap;
    }
    sr_match *m = &c->m[c->n++];
    m->tok_begin = c->begin;
    m->tok_end = c->begin + c->lx->entries[id].nwords;
    m->entry = id;
    m->cls = c->lx->entries[id].cls;
    return 0;
}

sitrep_status sr_lex_match_all(const sr_lex *lx, const sr_tokens *t, sr_arena *ar,
                               sr_match **out, size_t *nout)
{
    all_ctx c = {lx, ar, NULL, 0, 0, 0};
    *out = NULL;
    *nout = 0;
    for (size_t i = 0; i < t->ntok;) {
        c.begin = (uint32_t)i;
        size_t len = match_here(lx, t, i, emit_all, &c);
        if (len == SIZE_MAX)
            return SITREP_E_NOMEM;
        i += len ? len : 1;
    }
    *out = c.m;
    *nout = c.n;
    return SITREP_OK;
}
