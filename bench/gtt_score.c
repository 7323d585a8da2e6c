/*
 * gtt_score.c - the simplified MUC-4 role-filler metric of the neural
 * template-filling papers (GRIT, GTT, IterX): per document and role
 * (PerpInd, PerpOrg, Target, Victim, Weapon), predicted role-filler
 * entities are matched one-to-one with gold entities; micro-averaged
 * precision, recall and F1 per role and over all roles.
 *
 * Gold: the gtt-processed files (dev.json, test.json), one JSON object per
 * line (or a JSON array of them): {"docid", "doctext", "templates": [{
 * "incident_type", "PerpInd": [[["mention", offset], ...], ...], ...}]}.
 * The gold entities of a role are the union over the document's templates
 * (an entity listed in two templates counts once).
 *
 * Predictions: JSON Lines, one object per document (docs/muc4.md):
 *   {"docid": "TST1-MUC3-0001", "PerpInd": ["guerrillas"], "PerpOrg": [],
 *    "Target": [["presidential farm", "farm"]], "Victim": [], "Weapon": []}
 * An entity is a string or an array of strings (its mentions; [string,
 * offset] pairs are accepted too).  Roles may also be given inside
 * "templates": [...] as in the gold files, so a gold file scores as
 * predictions (--self-check does that and must give 100).
 *
 * Match: a predicted entity matches a gold entity when one of its strings
 * matches one of the gold mentions: equal after normalisation (lower case,
 * punctuation dropped, leading articles dropped), or, unless --exact, the
 * same head noun (the last word before the first preposition, relative
 * word or punctuation).
 *
 * Usage: gtt_score --gold FILE [--pred FILE] [--self-check] [--exact]
 * The last lines are machine-readable: "gtt ROLE p P r R f F".
 * Exit: 0 ok, 1 self-check below 100, 2 usage, 3 unreadable input.
 * Bench code: uses the C library freely; exits on out-of-memory.
 */
#include "muc4/sr_muc_json.h"
/* The template reader of the MUC-4 scorer, for --muc4; its scoring
 * functions are not used here. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#include "muc4/sr_muc_scorer.h"
#pragma GCC diagnostic pop

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NROLE = 5 };
static const char *const role_name[NROLE] = {"PerpInd", "PerpOrg", "Target", "Victim", "Weapon"};

typedef struct entity {
    int n;
    char **m;           /* normalised mentions */
    char **head;        /* their head nouns */
} entity;

typedef struct rolefill {
    int n, cap;
    entity *e;
} rolefill;

typedef struct doc {
    char *id;
    rolefill role[NROLE];
    int seen;           /* predictions given for it */
} doc;

typedef struct docset {
    int n, cap;
    doc *d;
} docset;

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("gtt_score: out of memory\n", stderr);
        exit(5);
    }
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s);
    char *d = xrealloc(NULL, n + 1);
    memcpy(d, s, n + 1);
    return d;
}

/* ------------------------------------------------------------ strings */

static int is_word(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || c >= 0x80;
}

/* Lower-case, words separated by single spaces, other punctuation as a
 * "," boundary word, leading articles dropped. */
static char *normalise(const char *s)
{
    size_t n = strlen(s), i, o = 0;
    char *d = xrealloc(NULL, 2 * n + 2);
    int lead = 1;
    for (i = 0; i < n;) {
        int c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (is_word(c)) {
            size_t b = o;
            while (i < n) {
                int k = (unsigned char)s[i];
                if (k >= 'A' && k <= 'Z')
                    k += 32;
                if (!is_word(k))
                    break;
                d[o++] = (char)k;
                i++;
            }
            d[o] = '\0';
            if (lead && (strcmp(d + b, "the") == 0 || strcmp(d + b, "a") == 0 || strcmp(d + b, "an") == 0)) {
                o = b;
                continue;
            }
            lead = 0;
            d[o++] = ' ';
        } else {
            i++;
            if (c == ',' || c == '(' || c == '[' || c == ';' || c == ':') {
                if (!lead && o >= 2 && d[o - 2] != ',') {
                    d[o++] = ',';
                    d[o++] = ' ';
                }
            }
        }
    }
    while (o && (d[o - 1] == ' ' || d[o - 1] == ','))
        o--;
    d[o] = '\0';
    return d;
}

static const char *const stopwords[] = {
    "of", "who", "whom", "which", "that", "in", "at", "on", "from", "with", "by", "for", "to",
    "when", "where", "while", "during", "near", "and", "or", "as", "including", "located",
    "belonging", "owned", "along", "against", "outside", "inside", "between", "into", "whose",
};

/* Head noun of a normalised string: the last word before the first stop
 * word or boundary.  Plural "s" is dropped so "guerrilla"/"guerrillas"
 * share a head. */
static char *head_of(const char *s)
{
    const char *p = s, *hb = NULL;
    size_t hl = 0;
    char *h;
    while (*p) {
        const char *b = p;
        size_t l, k;
        int stop = 0;
        while (*p && *p != ' ')
            p++;
        l = (size_t)(p - b);
        if (l == 1 && b[0] == ',')
            break;
        for (k = 0; k < sizeof stopwords / sizeof *stopwords; k++)
            if (strlen(stopwords[k]) == l && memcmp(stopwords[k], b, l) == 0)
                stop = 1;
        if (stop && hb)
            break;
        if (!stop) {
            hb = b;
            hl = l;
        }
        while (*p == ' ')
            p++;
    }
    if (!hb)
        return xstrdup("");
    if (hl > 3 && hb[hl - 1] == 's' && hb[hl - 2] != 's')
        hl--;
    h = xrealloc(NULL, hl + 1);
    memcpy(h, hb, hl);
    h[hl] = '\0';
    return h;
}

/* ------------------------------------------------------------ documents */

static doc *find_doc(docset *ds, const char *id, int create)
{
    int i;
    for (i = ds->n - 1; i >= 0; i--)
        if (strcmp(ds->d[i].id, id) == 0)
            return &ds->d[i];
    if (!create)
        return NULL;
    if (ds->n == ds->cap) {
        ds->cap = ds->cap ? ds->cap * 2 : 256;
        ds->d = xrealloc(ds->d, sizeof(doc) * (size_t)ds->cap);
    }
    memset(&ds->d[ds->n], 0, sizeof(doc));
    ds->d[ds->n].id = xstrdup(id);
    return &ds->d[ds->n++];
}

static int same_entity(const entity *a, const entity *b)
{
    int i;
    if (a->n != b->n)
        return 0;
    for (i = 0; i < a->n; i++)
        if (strcmp(a->m[i], b->m[i]) != 0)
            return 0;
    return 1;
}

static void entity_free(entity *e)
{
    int i;
    for (i = 0; i < e->n; i++) {
        free(e->m[i]);
        free(e->head[i]);
    }
    free(e->m);
    free(e->head);
}

static void add_mention(entity *e, const char *s)
{
    char *m = normalise(s);
    if (!m[0]) {
        free(m);
        return;
    }
    e->m = xrealloc(e->m, sizeof(char *) * (size_t)(e->n + 1));
    e->head = xrealloc(e->head, sizeof(char *) * (size_t)(e->n + 1));
    e->head[e->n] = head_of(m);
    e->m[e->n++] = m;
}

/* Add entity e to rf unless it is empty or already there (same mentions);
 * rf takes e's memory either way. */
static void add_entity(rolefill *rf, entity *e)
{
    int k;
    if (e->n == 0) {
        entity_free(e);
        return;
    }
    for (k = 0; k < rf->n; k++)
        if (same_entity(&rf->e[k], e))
            break;
    if (k < rf->n) {
        entity_free(e);
        return;
    }
    if (rf->n == rf->cap) {
        rf->cap = rf->cap ? rf->cap * 2 : 4;
        rf->e = xrealloc(rf->e, sizeof(entity) * (size_t)rf->cap);
    }
    rf->e[rf->n++] = *e;
}

/* Add the entities of one role value (array) to rf; identical entities
 * (same mentions) are kept once. Returns the number of malformed items. */
static int add_role(rolefill *rf, const sr_mj_value *arr)
{
    size_t i, j;
    int bad = 0;
    if (!arr || arr->type != SR_MJ_ARRAY)
        return arr && arr->type != SR_MJ_NULL;
    for (i = 0; i < arr->n; i++) {
        const sr_mj_value *it = &arr->items[i];
        entity e;
        memset(&e, 0, sizeof e);
        if (it->type == SR_MJ_STRING) {
            add_mention(&e, it->str);
        } else if (it->type == SR_MJ_ARRAY) {
            for (j = 0; j < it->n; j++) {
                const sr_mj_value *m = &it->items[j];
                if (m->type == SR_MJ_STRING)
                    add_mention(&e, m->str);
                else if (m->type == SR_MJ_ARRAY && m->n >= 1 && m->items[0].type == SR_MJ_STRING)
                    add_mention(&e, m->items[0].str);
                else
                    bad++;
            }
        } else {
            bad++;
        }
        add_entity(rf, &e);
    }
    return bad;
}

/* One document object (gold or prediction) into ds. */
static int add_doc_object(docset *ds, const sr_mj_value *o, int *dups)
{
    const sr_mj_value *id = sr_mj_get(o, "docid"), *tpl = sr_mj_get(o, "templates");
    doc *d;
    int r, bad = 0;
    size_t t;
    if (!id)
        id = sr_mj_get(o, "doc");
    if (!id || id->type != SR_MJ_STRING)
        return -1;
    d = find_doc(ds, id->str, 1);
    if (d->seen)
        (*dups)++;
    d->seen = 1;
    for (r = 0; r < NROLE; r++)
        bad += add_role(&d->role[r], sr_mj_get(o, role_name[r]));
    if (tpl && tpl->type == SR_MJ_ARRAY)
        for (t = 0; t < tpl->n; t++)
            for (r = 0; r < NROLE; r++)
                bad += add_role(&d->role[r], sr_mj_get(&tpl->items[t], role_name[r]));
    return bad;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *b = NULL;
    size_t n = 0, cap = 0;
    if (!f)
        return NULL;
    for (;;) {
        size_t got;
        if (cap - n < 65536) {
            cap = cap ? cap * 2 : 1 << 20;
            b = xrealloc(b, cap);
        }
        got = fread(b + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        fclose(f);
        free(b);
        return NULL;
    }
    fclose(f);
    *len = n;
    return b;
}

/* Load a JSON array of documents, or JSON Lines.  Returns the number of
 * documents, -1 when the file cannot be read; *errors counts bad lines. */
static int load(const char *path, docset *ds, int *errors)
{
    size_t len, pos = 0;
    char *buf = read_all(path, &len);
    sr_mj_value v;
    const char *err;
    int n = 0, dups = 0;
    size_t i;
    *errors = 0;
    if (!buf)
        return -1;
    if (sr_mj_parse(buf, len, &v, &err) == 0) {
        if (v.type == SR_MJ_ARRAY) {
            for (i = 0; i < v.n; i++) {
                if (add_doc_object(ds, &v.items[i], &dups) < 0)
                    (*errors)++;
                else
                    n++;
            }
        } else if (v.type == SR_MJ_OBJECT) {
            if (add_doc_object(ds, &v, &dups) < 0)
                (*errors)++;
            else
                n++;
        } else {
            (*errors)++;
        }
        sr_mj_free(&v);
        free(buf);
        return n;
    }
    while (pos < len) {
        size_t e = pos;
        int blank = 1;
        while (e < len && buf[e] != '\n')
            e++;
        for (i = pos; i < e; i++)
            if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r')
                blank = 0;
        if (!blank) {
            if (sr_mj_parse(buf + pos, e - pos, &v, &err) == 0) {
                if (v.type != SR_MJ_OBJECT || add_doc_object(ds, &v, &dups) < 0)
                    (*errors)++;
                else
                    n++;
                sr_mj_free(&v);
            } else {
                (*errors)++;
            }
        }
        pos = e + 1;
    }
    if (dups)
        fprintf(stderr, "gtt_score: %s: %d documents given more than once (merged)\n", path, dups);
    free(buf);
    return n;
}

/* MUC-4 response templates (what `sitrep extract --format muc4` writes) as
 * predictions: the slots the role-filler papers read, each filler an entity
 * whose mentions are its alternatives.  Victim is HUM TGT: NAME only, as in
 * gtt-processed (a description without a name is no Victim there).
 * Returns the number of templates, or -1 when the file cannot be read. */
static int load_muc4(const char *path, docset *ds)
{
    static const int slot_of[NROLE] = {9, 10, 12, 18, 6}; /* PerpInd .. Weapon */
    sr_muc_file mf;
    int i, r, f, v;
    memset(&mf, 0, sizeof mf);
    if (sr_muc_parse_path(path, &mf) < 0)
        return -1;
    for (i = 0; i < mf.n; i++) {
        const sr_muc_template *t = &mf.t[i];
        doc *d;
        if (!t->msgid)
            continue;
        d = find_doc(ds, t->msgid, 1);
        d->seen = 1;
        if (t->irrelevant)
            continue;
        for (r = 0; r < NROLE; r++) {
            const sr_muc_slot *sl = &t->slot[slot_of[r]];
            if (sl->state != SR_MS_FILLED)
                continue;
            for (f = 0; f < sl->nfill; f++) {
                entity e;
                memset(&e, 0, sizeof e);
                for (v = 0; v < sl->fill[f].nval; v++)
                    add_mention(&e, sl->fill[f].val[v]);
                add_entity(&d->role[r], &e);
            }
        }
    }
    r = mf.n;
    sr_muc_file_free(&mf);
    return r;
}

static void docset_free(docset *ds)
{
    int i, r, k;
    for (i = 0; i < ds->n; i++) {
        for (r = 0; r < NROLE; r++) {
            for (k = 0; k < ds->d[i].role[r].n; k++)
                entity_free(&ds->d[i].role[r].e[k]);
            free(ds->d[i].role[r].e);
        }
        free(ds->d[i].id);
    }
    free(ds->d);
}

/* ------------------------------------------------------------ scoring */

static int exact_only;

static int entity_match(const entity *p, const entity *g)
{
    int i, j;
    for (i = 0; i < p->n; i++)
        for (j = 0; j < g->n; j++) {
            if (strcmp(p->m[i], g->m[j]) == 0)
                return 1;
            if (!exact_only && p->head[i][0] && strcmp(p->head[i], g->head[j]) == 0)
                return 1;
        }
    return 0;
}

typedef struct tally {
    long tp, npred, ngold;
} tally;

/* One-to-one matching of predicted to gold entities of one role: gold
 * entities with an exact mention match are taken first, then head-noun
 * matches; each entity is used at most once. */
static long match_role(const rolefill *pred, const rolefill *gold)
{
    int *used = calloc((size_t)gold->n + 1, sizeof(int)), *pused = calloc((size_t)pred->n + 1, sizeof(int));
    int i, j, pass, save = exact_only;
    long tp = 0;
    if (!used || !pused) {
        fputs("gtt_score: out of memory\n", stderr);
        exit(5);
    }
    for (pass = 0; pass < 2; pass++) {
        exact_only = pass == 0 ? 1 : save;
        for (i = 0; i < pred->n; i++) {
            if (pused[i])
                continue;
            for (j = 0; j < gold->n; j++) {
                if (!used[j] && entity_match(&pred->e[i], &gold->e[j])) {
                    used[j] = pused[i] = 1;
                    tp++;
                    break;
                }
            }
        }
    }
    exact_only = save;
    free(used);
    free(pused);
    return tp;
}

static void score(const docset *gold, docset *pred, tally *t, long *unknown)
{
    int i, r;
    static const rolefill empty = {0, 0, NULL};
    memset(t, 0, sizeof(tally) * NROLE);
    *unknown = 0;
    for (i = 0; i < pred->n; i++)
        if (!find_doc((docset *)gold, pred->d[i].id, 0))
            (*unknown)++;
    for (i = 0; i < gold->n; i++) {
        const doc *g = &gold->d[i];
        doc *p = find_doc(pred, g->id, 0);
        for (r = 0; r < NROLE; r++) {
            const rolefill *pr = p ? &p->role[r] : &empty;
            t[r].ngold += g->role[r].n;
            t[r].npred += pr->n;
            t[r].tp += match_role(pr, &g->role[r]);
        }
    }
}

static double pct(long a, long b)
{
    return b ? 100.0 * (double)a / (double)b : 0.0;
}

static double f1(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

static double report(const char *title, const tally *t)
{
    tally all = {0, 0, 0};
    int r;
    double p, rc;
    printf("%s\n%-8s %6s %6s %6s   %6s %6s %6s\n", title, "role", "pred", "gold", "match", "P", "R", "F1");
    for (r = 0; r < NROLE; r++) {
        p = pct(t[r].tp, t[r].npred);
        rc = pct(t[r].tp, t[r].ngold);
        printf("%-8s %6ld %6ld %6ld   %6.2f %6.2f %6.2f\n", role_name[r], t[r].npred, t[r].ngold, t[r].tp, p, rc,
               f1(p, rc));
        all.tp += t[r].tp;
        all.npred += t[r].npred;
        all.ngold += t[r].ngold;
    }
    p = pct(all.tp, all.npred);
    rc = pct(all.tp, all.ngold);
    printf("%-8s %6ld %6ld %6ld   %6.2f %6.2f %6.2f\n", "micro", all.npred, all.ngold, all.tp, p, rc, f1(p, rc));
    for (r = 0; r < NROLE; r++) {
        double pr = pct(t[r].tp, t[r].npred), rr = pct(t[r].tp, t[r].ngold);
        printf("gtt %s p %.2f r %.2f f %.2f\n", role_name[r], pr, rr, f1(pr, rr));
    }
    printf("gtt micro p %.2f r %.2f f %.2f\n", p, rc, f1(p, rc));
    return f1(p, rc);
}

int main(int argc, char **argv)
{
    const char *goldp = NULL, *predp = NULL;
    int self = 0, muc4 = 0, i, errs;
    docset gold = {0, 0, NULL};
    tally t[NROLE];
    long unknown;
    int status = 0;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--gold") == 0 && i + 1 < argc)
            goldp = argv[++i];
        else if (strcmp(argv[i], "--pred") == 0 && i + 1 < argc)
            predp = argv[++i];
        else if (strcmp(argv[i], "--muc4") == 0 && i + 1 < argc)
            predp = argv[++i], muc4 = 1;
        else if (strcmp(argv[i], "--self-check") == 0)
            self = 1;
        else if (strcmp(argv[i], "--exact") == 0)
            exact_only = 1;
        else {
            fputs("usage: gtt_score --gold FILE [--pred FILE | --muc4 FILE] [--self-check] [--exact]\n", stderr);
            return 2;
        }
    }
    if (!goldp || (!predp && !self)) {
        fputs("usage: gtt_score --gold FILE [--pred FILE | --muc4 FILE] [--self-check] [--exact]\n", stderr);
        return 2;
    }
    if (load(goldp, &gold, &errs) < 0) {
        fprintf(stderr, "gtt_score: cannot read %s\n", goldp);
        return 3;
    }
    if (errs)
        fprintf(stderr, "gtt_score: %s: %d malformed documents skipped\n", goldp, errs);
    printf("gold: %s, %d documents (match: %s)\n", goldp, gold.n, exact_only ? "exact" : "exact or head noun");
    if (self) {
        docset again = {0, 0, NULL};
        load(goldp, &again, &errs);
        score(&gold, &again, t, &unknown);
        if (report("self-check: gold scored against itself", t) < 99.999) {
            fputs("gtt_score: self-check FAILED (gold against gold is not 100)\n", stderr);
            status = 1;
        }
        docset_free(&again);
    }
    if (predp) {
        docset pred = {0, 0, NULL};
        int n;
        errs = 0;
        n = muc4 ? load_muc4(predp, &pred) : load(predp, &pred, &errs);
        if (n < 0) {
            fprintf(stderr, "gtt_score: cannot read %s\n", predp);
            docset_free(&gold);
            return 3;
        }
        if (errs)
            fprintf(stderr, "gtt_score: %s: %d malformed lines skipped\n", predp, errs);
        score(&gold, &pred, t, &unknown);
        if (unknown)
            printf("note: %ld predicted documents are not in the gold file (ignored)\n", unknown);
        report("predictions", t);
        docset_free(&pred);
    }
    docset_free(&gold);
    return status;
}
