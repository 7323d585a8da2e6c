/*
 * sr_counts.c - figure statements: which number a casualty word governs.
 *
 * The lexicon (lexicon/figures.txt) says what a word counts (killed,
 * injured, ...) and where its number stands (role).  Here the number is found
 * with a few shallow rules over tokens, without a parser:
 *   passive or adjective  "at least 12 people were killed", "12 dead"
 *                         (number to the left, through nouns and auxiliaries;
 *                         coordinated parts are summed: "three police officers
 *                         and two civilians were killed" is 5)
 *   active or -ing        "killing 12", "gunmen killed 12 soldiers"
 *   toll                  "the death toll rose to 115"
 *   singular              "a soldier was killed" is 1
 *   negation              "no one was hurt", "no casualties" is 0
 * and the source the sentence credits ("according to the health ministry",
 * "..., police said").
 */
#include "sr_extract.h"

#include <string.h>

enum role { R_VERB, R_ING, R_NOUN, R_ADJ, R_TOLL, R_DIE };

static int role_of(const char *f)
{
    if (strcmp(f, "ing") == 0)
        return R_ING;
    if (strcmp(f, "noun") == 0)
        return R_NOUN;
    if (strcmp(f, "adj") == 0)
        return R_ADJ;
    if (strcmp(f, "toll") == 0)
        return R_TOLL;
    if (strcmp(f, "die") == 0)
        return R_DIE;
    return R_VERB;
}

static int figure_of(const char *v)
{
    if (strcmp(v, "killed") == 0)
        return SITREP_KILLED;
    if (strcmp(v, "injured") == 0)
        return SITREP_INJURED;
    if (strcmp(v, "missing") == 0)
        return SITREP_MISSING;
    if (strcmp(v, "kidnapped") == 0)
        return SITREP_KIDNAPPED;
    if (strcmp(v, "arrested") == 0)
        return SITREP_ARRESTED;
    return -1; /* casualties */
}


static int is_sep_punct(const sr_doc *d, size_t i)
{
    const char *n = sr_tok_norm(&d->t, i);
    return d->t.tok[i].kind == SR_TOK_PUNCT &&
           (n[0] == ';' || n[0] == ':' || n[0] == '.' || n[0] == '?' || n[0] == '!' ||
            n[0] == '(' || n[0] == ')');
}

/* The lexicon match starting at token i of class cls, or NULL. */
static const sr_match *match_at(const sr_doc *d, size_t i, int cls)
{
    if (i >= d->t.ntok || !d->mt_at[i])
        return NULL;
    for (size_t k = d->mt_at[i] - 1; k < d->nmt && d->mt[k].tok_begin == i; k++)
        if (d->mt[k].cls == cls)
            return &d->mt[k];
    return NULL;
}

/* Any lexicon match covering token i of class cls (scan the few before). */
static const sr_match *match_cover(const sr_doc *d, size_t i, int cls)
{
    for (size_t back = 0; back < 6 && back <= i; back++) {
        const sr_match *m = match_at(d, i - back, cls);
        if (m && m->tok_end > i)
            return m;
    }
    return NULL;
}

static const sr_numx *num_at(const sr_doc *d, size_t i)
{
    if (i >= d->t.ntok || !d->nx_at[i])
        return NULL;
    return &d->nx[d->nx_at[i] - 1];
}

/* The number expression covering token i, or NULL. */
static const sr_numx *num_cover(const sr_doc *d, size_t i)
{
    for (size_t b = i + 1; b > 0 && i + 1 - b < 6; b--) {
        const sr_numx *x = num_at(d, b - 1);
        if (x)
            return x->tok_end > i ? x : NULL;
    }
    return NULL;
}

/* Token range of the head noun right after a number: person or perp match. */
static int head_is_perp(const sr_doc *d, size_t i, size_t end)
{
    const sr_classes *C = &d->m->cls;
    for (size_t j = i; j < end && j < i + 5; j++) {
        if (match_cover(d, j, C->perp))
            return 1;
        if (match_cover(d, j, C->person))
            return 0;
    }
    return 0;
}

/* Singular human object right of token i: "a policeman", "the mayor",
 * "one", a capitalised name. */
static int singular_object(const sr_doc *d, size_t i, size_t end)
{
    const sr_tokens *t = &d->t;
    const sr_classes *C = &d->m->cls;
    if (i >= end)
        return 0;
    if (sr_tok_is(t, i, "him") || sr_tok_is(t, i, "her"))
        return 1;
    /* "injured watchman Juma Dad Khan": a singular title and a name */
    {
        const sr_match *pm = match_at(d, i, C->person);
        if (pm && !strstr(sr_doc_entry(d, pm)->flags, "plural") && pm->tok_end < end &&
            (t->tok[pm->tok_end].flags & SR_TF_CAP) && !t->upper_case)
            return 1;
    }
    if (sr_tok_is(t, i, "a") || sr_tok_is(t, i, "an") || sr_tok_is(t, i, "the") ||
        sr_tok_is(t, i, "his") || sr_tok_is(t, i, "her") || sr_tok_is(t, i, "one")) {
        for (size_t j = i + 1; j < end && j < i + 9; j++) {
            const sr_match *m = match_at(d, j, C->person);
            if (!m)
                m = match_at(d, j, C->perp);
            if (m) {
                const sr_lex_entry *e = sr_doc_entry(d, m);
                return strstr(e->flags, "plural") == NULL && !sr_tok_is(t, m->tok_end - 1, "people");
            }
            if (t->tok[j].kind == SR_TOK_PUNCT && !sr_tok_is(t, j, "-"))
                break;
        }
        return 0;
    }
    if (!t->upper_case && (t->tok[i].flags & SR_TF_CAP) && t->tok[i].kind == SR_TOK_WORD &&
        !d->mt_at[i] && !d->in_date[i] && !sr_tok_in(d, i, SR_W_NOT_PLACES)) {
        for (size_t x = 0; x < d->npx; x++)
            if (d->px[x].tok_begin <= i && d->px[x].tok_end > i)
                return 0;
        /* a personal name: "Colonel Ahmed Abdul-Razzak", "Khan." */
        if (i + 1 >= end || (t->tok[i + 1].flags & SR_TF_CAP) || t->tok[i + 1].kind == SR_TOK_PUNCT)
            return 1;
    }
    return 0;
}

static void find_source(const sr_doc *d, size_t sb, size_t se, size_t fig, sr_countx *c)
{
    const sr_tokens *t = &d->t;
    for (size_t i = sb; i + 1 < se; i++) {
        if (sr_tok_is(t, i, "according") && sr_tok_is(t, i + 1, "to")) {
            size_t j = i + 2, k = j;
            while (k < se && k < j + 10 && !is_sep_punct(d, k) && !sr_tok_is(t, k, ","))
                k++;
            if (k > j) {
                c->src_begin = (uint32_t)j;
                c->src_end = (uint32_t)k;
                return;
            }
        }
    }
    for (size_t i = fig; i < se; i++) {
        if (!sr_tok_in(d, i, SR_W_SAY_WORDS))
            continue;
        /* ", police said" / ", said a police officer" */
        size_t j = i;
        while (j > fig && !sr_tok_is(t, j - 1, ",") && i - j < 6 && !is_sep_punct(d, j - 1))
            j--;
        if (j > fig && j < i && sr_tok_is(t, j - 1, ",")) {
            c->src_begin = (uint32_t)j;
            c->src_end = (uint32_t)i;
            return;
        }
        if (j == i && i + 1 < se) {
            size_t k = i + 1;
            while (k < se && k < i + 8 && !is_sep_punct(d, k) && !sr_tok_is(t, k, ","))
                k++;
            if (k > i + 1) {
                c->src_begin = (uint32_t)(i + 1);
                c->src_end = (uint32_t)k;
                return;
            }
        }
        break;
    }
}

/* "In addition to the bomber, two people were killed": GTD counts include
 * the attackers the sentence adds. */
static void add_perpetrators(const sr_doc *d, size_t sb, size_t se, sr_countx *c)
{
    const sr_tokens *t = &d->t;
    for (size_t i = sb; i + 3 < se && i < c->tok_begin; i++) {
        if (!(sr_tok_is(t, i, "addition") && sr_tok_is(t, i + 1, "to")))
            continue;
        for (size_t j = i + 2; j < se && j < i + 6; j++) {
            const sr_numx *x = num_at(d, j);
            if (match_cover(d, j, d->m->cls.perp)) {
                int64_t n = 1;
                if (j > 0 && num_cover(d, j - 1))
                    n = num_cover(d, j - 1)->num.value;
                else if (strcmp(sr_tok_norm(t, j) + t->tok[j].norm_len - 1, "s") == 0)
                    return; /* "the bombers": how many is not said */
                c->num.value += n;
                if (c->num.min >= 0)
                    c->num.min += n;
                if (c->num.max >= 0)
                    c->num.max += n;
                c->perps = (c->perps > 0 ? c->perps : 0) + n;
                return;
            }
            if (x || is_sep_punct(d, j))
                break;
        }
    }
}

/* Parts added after the figure: "was killed, along with two police
 * officers and one civilian"; "killed a commander and one of his
 * companions". */
static void add_along_with(const sr_doc *d, size_t from, size_t se, sr_countx *c)
{
    const sr_tokens *t = &d->t;
    for (size_t i = from; i + 2 < se && i < from + 14; i++) {
        int along = sr_tok_is(t, i, "along") && sr_tok_is(t, i + 1, "with");
        int andone = c->num.value == 1 && sr_tok_is(t, i, "and") && i < from + 8 &&
                     (sr_tok_is(t, i + 1, "one") || sr_tok_is(t, i + 1, "another") ||
                      /* "abducted a French aid worker and her Malian driver" */
                      ((sr_tok_is(t, i + 1, "her") || sr_tok_is(t, i + 1, "his") || sr_tok_is(t, i + 1, "their") ||
                        sr_tok_is(t, i + 1, "a") || sr_tok_is(t, i + 1, "an")) &&
                       singular_object(d, i + 1, se)) ||
                      (num_at(d, i + 1) && (sr_tok_is(t, from, "him") || sr_tok_is(t, from, "her"))));
        if (andone) {
            /* "one killed and one civilian was injured": the part has its own figure */
            int own = 0;
            for (size_t q = i + 1; q < se && q < i + 8 && !is_sep_punct(d, q); q++)
                if (match_at(d, q, d->m->cls.figure))
                    own = 1;
            if (own)
                return;
        }
        if (!along && !andone)
            continue;
        size_t j = along ? i + 2 : i + 1;
        int64_t add = 0;
        size_t end = j;
        while (j < se) {
            const sr_numx *x = num_at(d, j);
            if (x) {
                add += x->num.value;
                j = x->tok_end;
            } else if (sr_tok_is(t, j, "a") || sr_tok_is(t, j, "an") || sr_tok_is(t, j, "another") ||
                       sr_tok_is(t, j, "one") || sr_tok_is(t, j, "her") || sr_tok_is(t, j, "his") ||
                       sr_tok_is(t, j, "their")) {
                add += 1;
                j++;
            } else {
                break;
            }
            end = j;
            /* the head noun, then "and" for the next part */
            while (j < se && j < end + 5 && t->tok[j].kind == SR_TOK_WORD && !sr_tok_is(t, j, "and"))
                j++;
            end = j;
            if (j < se && sr_tok_is(t, j, "and"))
                j++;
            else
                break;
        }
        if (add > 0) {
            c->num.value += add;
            if (c->num.min >= 0)
                c->num.min += add;
            if (c->num.max >= 0)
                c->num.max += add;
            if (end > c->tok_end)
                c->tok_end = (uint32_t)end;
        }
        return;
    }
}

/* "A lieutenant and a corporal were killed": count the singular noun
 * phrases joined before a plural passive. */
static int count_determiners(const sr_doc *d, size_t i, size_t sb, sr_countx *c)
{
    const sr_tokens *t = &d->t;
    size_t j = i;
    while (j > sb && sr_tok_in(d, j - 1, SR_W_AUX_WORDS))
        j--;
    if (j == i || !(sr_tok_is(t, j, "were") || sr_tok_is(t, j, "have") || sr_tok_is(t, j, "are") ||
                    (j + 1 < i && sr_tok_is(t, j + 1, "were"))))
        return 0;
    int n = 0;
    size_t first = j;
    for (size_t k = j; k > sb && j - k < 12; k--) {
        size_t q = k - 1;
        if (is_sep_punct(d, q) || sr_tok_in(d, q, SR_W_STOP_LEFT))
            break;
        if ((sr_tok_is(t, q, "a") || sr_tok_is(t, q, "an") || sr_tok_is(t, q, "his") ||
             sr_tok_is(t, q, "her")) &&
            (q == sb || sr_tok_is(t, q - 1, "and") || sr_tok_is(t, q - 1, ",") || q == sb)) {
            n++;
            first = q;
        }
    }
    if (n < 2)
        return 0;
    c->num.value = c->num.min = c->num.max = n;
    c->num.qualifier = SITREP_Q_EXACT;
    c->tok_begin = (uint32_t)first;
    return 1;
}

static sitrep_status push_count(sr_doc *d, size_t *cap, const sr_countx *c)
{
    if (d->ncx == *cap) {
        size_t nc = *cap * 2;
        sr_countx *q = sr_arena_grow(d->ar, d->cx, d->ncx, nc, sizeof *q);
        if (!q)
            return SITREP_E_NOMEM;
        d->cx = q;
        *cap = nc;
    }
    d->cx[d->ncx++] = *c;
    return SITREP_OK;
}

/* When token k ends a place mention introduced by "in", "at", "near" or
 * "from" (after sb), the index of that preposition; else k. */
static size_t place_pp_start(const sr_doc *d, size_t k, size_t sb)
{
    for (size_t x = 0; x < d->npx; x++) {
        const sr_placex *P = &d->px[x];
        if (P->tok_end != k + 1 || P->tok_begin <= sb + 1)
            continue;
        size_t b = P->tok_begin;
        if (sr_tok_is(&d->t, b - 1, "the") && b - 1 > sb + 1)
            b--;
        if (sr_tok_is(&d->t, b - 1, "in") || sr_tok_is(&d->t, b - 1, "at") ||
            sr_tok_is(&d->t, b - 1, "near") || sr_tok_is(&d->t, b - 1, "from"))
            return b - 1;
    }
    return k;
}

/* Look left of token i (exclusive) for the number a passive/adjective
 * figure governs; sums coordinated parts.  Returns 1 when found. */
/* Is the number x an age set off by commas after a name ("Mario Rossi,
 * 52, was found dead", "JUAN PEREZ, 40, AND ...")?  One plain number of a
 * human age, a comma on each side, a capitalised word before the first. */
static int age_of_name(const sr_doc *d, const sr_numx *x, size_t sb)
{
    const sr_tokens *t = &d->t;
    if (x->tok_end != x->tok_begin + 1 || x->tok_begin < sb + 2 || x->tok_end >= t->ntok)
        return 0;
    if (x->num.value < 1 || x->num.value > 110 || x->num.qualifier != SITREP_Q_EXACT)
        return 0;
    if (!sr_tok_is(t, x->tok_begin - 1, ",") || !sr_tok_is(t, x->tok_end, ","))
        return 0;
    const sr_token *w = &t->tok[x->tok_begin - 2];
    return w->kind == SR_TOK_WORD && (w->flags & SR_TF_CAP) &&
           t->tok[x->tok_begin].kind == SR_TOK_NUM;
}

static int number_left(const sr_doc *d, size_t i, size_t sb, int active, sr_countx *c)
{
    const sr_tokens *t = &d->t;
    const sr_classes *C = &d->m->cls;
    size_t j = i;
    int steps = 0;
    while (j > sb && steps < 20) {
        size_t k = j - 1;
        const sr_numx *x = NULL;
        for (size_t b = k + 1; b > sb && k + 1 - b < 6; b--) {
            const sr_numx *y = num_at(d, b - 1);
            if (y && y->tok_end == k + 1) {
                x = y;
                break;
            }
        }
        if (!x)
            x = num_at(d, k);
        if (x && x->tok_begin > sb + 1 &&
            (sr_tok_is(t, x->tok_begin - 1, "including") ||
             (sr_tok_is(t, x->tok_begin - 2, "including") && sr_tok_is(t, x->tok_begin - 1, "the")))) {
            /* "at least 14 people, including seven soldiers, were killed":
             * the part inside "including" is not the figure; go on left */
            j = x->tok_begin;
            steps++;
            continue;
        }
        if (x && age_of_name(d, x, sb)) {
            /* "Rossi, 52, was found dead": his age, not a toll */
            j = x->tok_begin;
            steps++;
            continue;
        }
        if (x) {
            /* "four more deaths were reported": an increment of a toll
             * given elsewhere, not the toll.  After another figure of the
             * sentence ("two were killed and 6 more wounded") or with
             * "another 8" it is a further group of the same attack, and
             * counts. */
            if (x->tok_end < i && (sr_tok_is(t, x->tok_end, "more") ||
                                   sr_tok_is(t, x->tok_end, "additional") ||
                                   sr_tok_is(t, x->tok_end, "further"))) {
                int earlier = 0;
                for (size_t q = sb; q < x->tok_begin && !earlier; q++)
                    earlier = num_at(d, q) != NULL;
                if (!earlier)
                    return 0;
            }
            /* "two gunmen killed ..." counts the killers, not the killed */
            if (active && head_is_perp(d, x->tok_end, i))
                return 0;
            c->num = x->num;
            c->tok_begin = x->tok_begin;
            c->perps = head_is_perp(d, x->tok_end, i) ? x->num.value : -1;
            for (size_t q = x->tok_end; q + 1 < i; q++)
                if (sr_tok_is(t, q, "and") && (sr_tok_is(t, q + 1, "a") || sr_tok_is(t, q + 1, "an") ||
                                               sr_tok_is(t, q + 1, "another") || sr_tok_is(t, q + 1, "his") ||
                                               sr_tok_is(t, q + 1, "her")) &&
                    !(q + 2 < i && (sr_tok_is(t, q + 2, "unknown") || sr_tok_is(t, q + 2, "unspecified") ||
                                    sr_tok_is(t, q + 2, "undetermined") || sr_tok_is(t, q + 2, "number")))) {
                    c->num.value++;
                    if (c->num.min >= 0)
                        c->num.min++;
                    if (c->num.max >= 0)
                        c->num.max++;
                }
            /* "three officials, a police chief and two officers, were killed":
             * the number before the appositive is the total */
            {
                size_t q = x->tok_begin, steps2 = 0;
                while (q > sb && steps2 < 10 && !sr_tok_is(t, q - 1, ",")) {
                    q--;
                    steps2++;
                    if (t->tok[q].kind != SR_TOK_WORD)
                        break;
                }
                if (q > sb + 1 && sr_tok_is(t, q - 1, ",")) {
                    for (size_t r = q - 1; r > sb && q - 1 - r < 5; r--) {
                        const sr_numx *o = num_cover(d, r - 1);
                        if (o) {
                            int nouns = 1;
                            for (size_t u = o->tok_end; u < q - 1; u++)
                                if (t->tok[u].kind != SR_TOK_WORD || sr_tok_in(d, u, SR_W_STOP_LEFT))
                                    nouns = 0;
                            if (nouns && o->num.value >= x->num.value && o->num.qualifier != SITREP_Q_RANGE &&
                                o->tok_end < q - 1) {
                                c->num = o->num;
                                c->tok_begin = o->tok_begin;
                                c->perps = head_is_perp(d, o->tok_end, q) ? o->num.value : -1;
                                return 1;
                            }
                            break;
                        }
                    }
                }
            }
            /* "three officers and two civilians": walk on over "and"/"," */
            size_t l = x->tok_begin;
            while (l > sb && (sr_tok_is(t, l - 1, "and") || sr_tok_is(t, l - 1, ","))) {
                size_t m = l - 1;
                if (m > sb && sr_tok_is(t, m, "and") && sr_tok_is(t, m - 1, ","))
                    m--; /* "two civilians, six soldiers, and three assailants" */
                const sr_numx *y = NULL;
                for (size_t q = m; q > sb && m - q < 6; q--) {
                    const sr_numx *z = num_cover(d, q - 1);
                    if (z) {
                        /* only nouns between z and the conjunction */
                        int ok = 1;
                        for (size_t r = z->tok_end; r < m; r++)
                            if (t->tok[r].kind != SR_TOK_WORD || sr_tok_in(d, r, SR_W_STOP_LEFT) ||
                                match_at(d, r, C->figure))
                                ok = 0;
                        if (ok)
                            y = z;
                        break;
                    }
                    if (t->tok[q - 1].kind != SR_TOK_WORD)
                        break;
                }
                if (!y || y->num.qualifier == SITREP_Q_RANGE)
                    break;
                c->num.value += y->num.value;
                if (c->num.min >= 0 && y->num.min >= 0)
                    c->num.min += y->num.min;
                if (c->num.max >= 0 && y->num.max >= 0)
                    c->num.max += y->num.max;
                else
                    c->num.max = -1;
                if (head_is_perp(d, y->tok_end, m))
                    c->perps = (c->perps > 0 ? c->perps : 0) + y->num.value;
                c->tok_begin = y->tok_begin;
                l = y->tok_begin;
            }
            return 1;
        }
        /* "two policemen in Medellin were killed": a place after "in"
         * qualifies the people; step over it */
        size_t pp = place_pp_start(d, k, sb);
        if (pp < k) {
            j = pp;
            steps++;
            continue;
        }
        if (is_sep_punct(d, k) || sr_tok_in(d, k, SR_W_STOP_LEFT))
            return 0;
        if (match_at(d, k, C->figure) || match_cover(d, k, C->event))
            return 0;
        j = k;
        steps++;
    }
    return 0;
}

/* Look right of token i for "killing 12", "killed at least 12".  Returns 1
 * when found. */
static int number_right(const sr_doc *d, size_t i, size_t se, int toll, sr_countx *c)
{
    const sr_tokens *t = &d->t;
    if (toll) {
        /* "the death toll from the bombing in X rose to 31": the number
         * after to/at/reached, within the clause */
        for (size_t j = i; j < se && j < i + 20; j++) {
            if (is_sep_punct(d, j) || (j > i && match_at(d, j, d->m->cls.figure)))
                break;
            const sr_numx *x = num_at(d, j);
            if (x && (j == i || sr_tok_in(d, j - 1, SR_W_TOLL_SKIP))) {
                c->num = x->num;
                c->tok_end = x->tok_end;
                /* "the toll went up to 41": the toll is 41, "up to" here
                 * is the rise, not a bound */
                if (x->num.qualifier == SITREP_Q_UP_TO && sr_tok_is(t, x->tok_begin, "up")) {
                    c->num.qualifier = SITREP_Q_EXACT;
                    c->num.min = c->num.max = c->num.value;
                }
                return 1;
            }
        }
        return 0;
    }
    size_t limit = i + (toll ? 10 : 4);
    for (size_t j = i; j < se && j < limit; j++) {
        const sr_numx *x = num_at(d, j);
        if (x) {
            c->num = x->num;
            c->tok_end = x->tok_end;
            c->perps = head_is_perp(d, x->tok_end, se) ? x->num.value : -1;
            /* "killing 12 soldiers and 3 attackers": add coordinated parts */
            size_t k = x->tok_end;
            while (k < se && k < x->tok_end + 4 && t->tok[k].kind == SR_TOK_WORD &&
                   !sr_tok_is(t, k, "and"))
                k++;
            if (k + 1 < se && sr_tok_is(t, k, "and")) {
                const sr_numx *y = num_at(d, k + 1);
                if (y && y->num.qualifier != SITREP_Q_RANGE) {
                    size_t e = y->tok_end;
                    int person = 0;
                    for (size_t q = e; q < se && q < e + 4; q++)
                        if (match_cover(d, q, d->m->cls.person) || match_cover(d, q, d->m->cls.perp))
                            person = 1;
                    if (person && !match_at(d, e, d->m->cls.figure)) {
                        c->num.value += y->num.value;
                        if (c->num.min >= 0 && y->num.min >= 0)
                            c->num.min += y->num.min;
                        c->num.max = (c->num.max >= 0 && y->num.max >= 0) ? c->num.max + y->num.max : -1;
                        if (head_is_perp(d, e, se))
                            c->perps = (c->perps > 0 ? c->perps : 0) + y->num.value;
                        c->tok_end = y->tok_end;
                    }
                }
            }
            return 1;
        }
        if (toll ? !sr_tok_in(d, j, SR_W_TOLL_SKIP) : !sr_tok_in(d, j, SR_W_RIGHT_SKIP))
            return 0;
    }
    return 0;
}

sitrep_status sr_find_counts(sr_doc *d)
{
    const sr_tokens *t = &d->t;
    const sr_classes *C = &d->m->cls;
    size_t cap = 16;
    d->cx = sr_arena_array(d->ar, cap, sizeof(sr_countx));
    if (!d->cx)
        return SITREP_E_NOMEM;
    if (C->figure < 0)
        return SITREP_OK;
    for (size_t k = 0; k < d->nmt; k++) {
        const sr_match *m = &d->mt[k];
        if (m->cls != C->figure)
            continue;
        const sr_lex_entry *e = sr_doc_entry(d, m);
        int role = role_of(e->flags);
        int fig = figure_of(e->value);
        const sr_sentence *S = &t->sent[t->tok[m->tok_begin].sent];
        size_t sb = S->tok_begin, se = S->tok_end;
        if (sb < d->body_tok)
            sb = d->body_tok < se ? d->body_tok : sb;
        sr_countx c;
        memset(&c, 0, sizeof c);
        c.figure = fig;
        c.sent = t->tok[m->tok_begin].sent;
        c.tok_begin = m->tok_begin;
        c.tok_end = m->tok_end;
        c.perps = -1;
        c.num.min = c.num.max = -1;
        /* "casualties unknown", "unknown casualties" say nothing */
        if (role != R_TOLL && ((m->tok_end < se && sr_tok_is(t, m->tok_end, "unknown")) ||
                               (m->tok_begin > sb && sr_tok_is(t, m->tok_begin - 1, "unknown"))))
            continue;
        /* negation just before: "no one was hurt", "there were no injuries" */
        int neg = 0;
        for (size_t j = m->tok_begin; j > sb && m->tok_begin - j < 5; j--) {
            size_t q = j - 1;
            if (num_at(d, q) || is_sep_punct(d, q))
                break;
            if (sr_tok_in(d, q, SR_W_NEG_WORDS)) {
                /* "not only", "no group claimed" are not about the figure */
                if (q + 1 < se && (sr_tok_is(t, q + 1, "only") || sr_tok_is(t, q + 1, "group") ||
                                   sr_tok_is(t, q + 1, "longer") || sr_tok_is(t, q + 1, "immediate") ||
                                   sr_tok_is(t, q + 1, "details") || sr_tok_is(t, q + 1, "other") ||
                                   sr_tok_is(t, q + 1, "further") || sr_tok_is(t, q + 1, "more") ||
                                   sr_tok_is(t, q + 1, "word") || sr_tok_is(t, q + 1, "information") ||
                                   sr_tok_is(t, q + 1, "reports") || sr_tok_is(t, q + 1, "figures")))
                    break;
                neg = 1;
                c.tok_begin = (uint32_t)q;
                break;
            }
        }
        int found = 0;
        if (neg) {
            c.negated = 1;
            c.num.value = 0;
            c.num.min = c.num.max = 0;
            c.num.qualifier = SITREP_Q_EXACT;
            found = 1;
        } else if (fig < 0) {
            continue; /* positive "casualties" mixes dead and hurt: not used */
        } else {
            switch (role) {
            case R_ING:
                found = number_right(d, m->tok_end, se, 0, &c);
                if (!found && singular_object(d, m->tok_end, se)) {
                    c.num.value = c.num.min = c.num.max = 1;
                    found = 1;
                }
                break;
            case R_TOLL:
                found = number_right(d, m->tok_end, se, 1, &c);
                c.total = 1;
                break;
            case R_VERB: {
                /* "were killed" is passive, "has killed" is not */
                int passive = m->tok_begin > sb && sr_tok_in(d, m->tok_begin - 1, SR_W_AUX_WORDS) &&
                              !match_cover(d, m->tok_begin - 1, C->group) &&
                              !sr_tok_is(t, m->tok_begin - 1, "has") &&
                              !sr_tok_is(t, m->tok_begin - 1, "have") &&
                              !sr_tok_is(t, m->tok_begin - 1, "had");
                if (!passive)
                    found = number_right(d, m->tok_end, se, 0, &c);
                if (!found)
                    if (!found && !passive && singular_object(d, m->tok_end, se)) {
                    c.num.value = c.num.min = c.num.max = 1;
                    found = 1;
                }
                if (!found)
                    found = number_left(d, m->tok_begin, sb, !passive, &c);
                if (!found && passive)
                    found = count_determiners(d, m->tok_begin, sb, &c);
                if (!found) {
                    /* "a soldier was killed", "Badi ... was killed" */
                    size_t j = m->tok_begin;
                    while (j > sb && sr_tok_in(d, j - 1, SR_W_AUX_WORDS) && !sr_tok_in(d, j - 1, SR_W_SING_AUX))
                        j--;
                    if (j > sb && sr_tok_in(d, j - 1, SR_W_SING_AUX)) {
                        c.num.value = c.num.min = c.num.max = 1;
                        c.tok_begin = (uint32_t)(j - 1);
                        found = 1;
                    }
                }
                break;
            }
            case R_NOUN:
            case R_ADJ:
            case R_DIE:
                found = number_left(d, m->tok_begin, sb, 0, &c);
                if (!found && role == R_NOUN && m->tok_begin > sb &&
                    (sr_tok_is(t, m->tok_begin - 1, "his") || sr_tok_is(t, m->tok_begin - 1, "her") ||
                     ((sr_tok_is(t, m->tok_begin - 1, "a") || sr_tok_is(t, m->tok_begin - 1, "one")) &&
                      t->tok[m->tok_end - 1].norm_len > 0 &&
                      sr_tok_norm(t, m->tok_end - 1)[t->tok[m->tok_end - 1].norm_len - 1] != 's'))) {
                    c.num.value = c.num.min = c.num.max = 1; /* "led to his death" */
                    c.tok_begin = m->tok_begin - 1;
                    found = 1;
                }
                if (!found && role == R_NOUN && m->tok_end + 1 < se && sr_tok_is(t, m->tok_end, "of")) {
                    const sr_numx *x = num_at(d, m->tok_end + 1); /* "the death of 1 civilian" */
                    if (x) {
                        c.num = x->num;
                        c.tok_end = x->tok_end;
                        found = 1;
                    }
                }
                break;
            }
        }
        if (!found)
            continue;
        for (size_t j = sb; j < se; j++)
            if (sr_tok_in(d, j, SR_W_TOTAL_WORDS) || (sr_tok_is(t, j, "in") && j + 1 < se && sr_tok_is(t, j + 1, "all")))
                c.total = 1;
        if (!c.negated && fig >= 0 && c.perps < 0) {
            /* "eight people were killed, among them two of the attackers" */
            for (size_t q = m->tok_end; q + 2 < se && q < m->tok_end + 4; q++) {
                if (!((sr_tok_is(t, q, "among") && sr_tok_is(t, q + 1, "them")) || sr_tok_is(t, q, "including")))
                    continue;
                size_t r = sr_tok_is(t, q, "including") ? q + 1 : q + 2;
                const sr_numx *x = num_at(d, r);
                if (x && x->num.value <= c.num.value && head_is_perp(d, x->tok_end, se))
                    c.perps = x->num.value;
                break;
            }
        }
        if (!c.negated && fig >= 0) {
            if (fig == SITREP_KILLED)
                add_perpetrators(d, sb, se, &c);
            add_along_with(d, m->tok_end, se, &c);
        }
        find_source(d, sb, se, m->tok_end, &c);
        sitrep_status st;
        if (fig < 0) {
            /* negated casualties: nobody killed, nobody hurt */
            c.figure = SITREP_KILLED;
            if ((st = push_count(d, &cap, &c)) != SITREP_OK)
                return st;
            c.figure = SITREP_INJURED;
        }
        if ((st = push_count(d, &cap, &c)) != SITREP_OK)
            return st;
    }
    return SITREP_OK;
}
