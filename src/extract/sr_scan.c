/*
 * sr_scan.c - first extraction stage: the dateline and reference date, date
 * and number expressions, and place mentions resolved against the
 * gazetteer (context decides what is a place: "in Moscow" is, "Police" at
 * the start of a sentence is not; ambiguous names go to the country the
 * document talks about, then to the most populous).
 */
#include "sr_extract.h"

#include <math.h>
#include <string.h>
#ifdef SR_DEBUG_PLACES
#include <stdio.h>
#endif

const sr_lex_entry *sr_doc_entry(const sr_doc *d, const sr_match *m)
{
    if (m->entry & SR_FIGURE_ENTRY)
        return sr_lex_get(d->m->flex, m->entry & ~SR_FIGURE_ENTRY);
    return sr_lex_get(d->m->lex, m->entry);
}



sitrep_status sr_find_dates_numbers(sr_doc *d)
{
    const sr_tokens *t = &d->t;
    size_t n = t->ntok;
    d->in_date = sr_arena_zalloc(d->ar, n + 1);
    d->nx_at = sr_arena_array(d->ar, n + 1, sizeof(uint32_t));
    size_t dcap = 16, ncap = 32;
    d->dx = sr_arena_array(d->ar, dcap, sizeof(sr_datex));
    d->nx = sr_arena_array(d->ar, ncap, sizeof(sr_numx));
    if (!d->in_date || !d->nx_at || !d->dx || !d->nx)
        return SITREP_E_NOMEM;

    for (size_t i = d->body_tok; i < n; i++) {
        const sr_token *k = &t->tok[i];
        if (k->kind == SR_TOK_PUNCT || (k->kind == SR_TOK_WORD && !sr_tok_in(d, i, SR_W_DATE_START)))
            continue;
        sr_date_expr de;
        size_t used = sr_date_parse_at(d->text + k->start, d->len - k->start, d->ref, &de);
        if (used == 0)
            continue;
        size_t end = k->start + used, j = i;
        while (j < n && t->tok[j].start < end)
            d->in_date[j++] = 1;
        if (d->ndx == dcap) {
            sr_datex *q = sr_arena_grow(d->ar, d->dx, d->ndx, dcap * 2, sizeof *q);
            if (!q)
                return SITREP_E_NOMEM;
            d->dx = q;
            dcap *= 2;
        }
        sr_datex *x = &d->dx[d->ndx++];
        x->tok_begin = (uint32_t)i;
        x->tok_end = (uint32_t)j;
        x->d = de;
        i = j - 1;
    }

    for (size_t i = d->body_tok; i < n; i++) {
        const sr_token *k = &t->tok[i];
        if (k->kind == SR_TOK_PUNCT || d->in_date[i] ||
            (k->kind == SR_TOK_WORD && !sr_tok_in(d, i, SR_W_NUM_START)))
            continue;
        /* Quick reject: a word must be able to start a number phrase. */
        sr_num num;
        size_t used = sr_num_parse(d->text + k->start, d->len - k->start, &num);
        if (used == 0)
            continue;
        size_t end = k->start + used, j = i;
        while (j < n && t->tok[j].start < end)
            j++;
        if (j > i + 1 || k->kind == SR_TOK_NUM || num.word || num.vague) {
            /* A measure or an identifier, not a head count. */
            if (sr_tok_in(d, j, SR_W_UNIT_WORDS) || (i > 0 && sr_tok_in(d, i - 1, SR_W_CURRENCY_WORDS)) ||
                (j < n && t->tok[j].kind == SR_TOK_PUNCT && t->tok[j].start == t->tok[j - 1].end &&
                 (sr_tok_is(t, j, "%") || sr_tok_is(t, j, ":") || sr_tok_is(t, j, "/")) &&
                 j + 1 < n && t->tok[j + 1].start == t->tok[j].end) ||
                (j < n && sr_tok_is(t, j, "-") && j + 1 < n && sr_tok_in(d, j + 1, SR_W_UNIT_WORDS)) ||
                (i > 0 && sr_tok_is(t, i - 1, "-") && t->tok[i - 1].end == k->start && i > 1 &&
                 t->tok[i - 2].kind == SR_TOK_WORD && t->tok[i - 2].end == t->tok[i - 1].start))
                continue;
        }
        if (d->nnx == ncap) {
            sr_numx *q = sr_arena_grow(d->ar, d->nx, d->nnx, ncap * 2, sizeof *q);
            if (!q)
                return SITREP_E_NOMEM;
            d->nx = q;
            ncap *= 2;
        }
        sr_numx *x = &d->nx[d->nnx++];
        x->tok_begin = (uint32_t)i;
        x->tok_end = (uint32_t)j;
        x->num = num;
        d->nx_at[i] = (uint32_t)d->nnx;
        i = j - 1;
    }
    return SITREP_OK;
}

/* ----------------------------------------------------------------- places */



typedef struct cand_list {
    sr_place c[8];
    size_t n;
} cand_list;

/* All candidates of a name lie in one country. */
static int one_country(const cand_list *cl)
{
    for (size_t c = 1; c < cl->n; c++)
        if (memcmp(cl->c[c].country, cl->c[0].country, 2) != 0)
            return 0;
    return cl->n > 0;
}

/* Do all the candidates of one kind lie in one country?  "La Libertad" is
 * a region of Peru and of El Salvador: it cannot vote for either. */
static int one_country_of_kind(const cand_list *cl, int kind)
{
    const char *cc = NULL;
    for (size_t c = 0; c < cl->n; c++) {
        if (cl->c[c].kind != kind)
            continue;
        if (cc && memcmp(cl->c[c].country, cc, 2) != 0)
            return 0;
        cc = cl->c[c].country;
    }
    return 1;
}

/* Does a kind word at token e name the second-level region q rather than
 * its namesake town: "Pune district", "Cook county", "Lima province" (of
 * "Provincia de Lima": a province word only where the region's name has
 * one)? */
static int admin2_word_at(const sr_doc *d, size_t e, const sr_place *q)
{
    const sr_tokens *t = &d->t;
    if (e >= t->ntok || t->tok[e].kind != SR_TOK_WORD)
        return 0;
    if (sr_tok_is(t, e, "district") || sr_tok_is(t, e, "county") || sr_tok_is(t, e, "municipality") ||
        sr_tok_is(t, e, "borough") || sr_tok_is(t, e, "parish"))
        return 1;
    if (!(sr_tok_is(t, e, "province") || sr_tok_is(t, e, "prefecture") || sr_tok_is(t, e, "department")))
        return 0;
    const char *w = sr_tok_norm(t, e); /* the first five letters, in the name */
    for (size_t i = 0; i + 5 <= q->name_len; i++) {
        size_t k = 0;
        while (k < 5 && (q->name[i + k] | 0x20) == w[k])
            k++;
        if (k == 5)
            return 1;
    }
    return 0;
}

/* Second-level regions among the candidates of the name at tokens [i, end)
 * stay only where the text can mean them: not in upper-case wire copy (where
 * capitals say nothing, and "LA MAR PROVINCE" is as often the town as the
 * province: the MUC-4 keys name the towns), not where the text says "town"
 * ("Myawaddy town"), not for a name of three letters, in capitals ("SWAT")
 * or glued to a word before ("Ras al-Ain"), and not where a town of the name
 * lies in the region (or in its first-level region when GeoNames gives the
 * town no second-level code) or a first-level region of its country has the
 * name ("Pune", "Cizre", "Madrid": the city, the state), unless a kind word
 * follows ("Pune district").  Returns how many it dropped. */
static size_t filter_admin2(const sr_doc *d, sr_place *cands, size_t *ncands, size_t i, size_t end)
{
    size_t c = 0;
    while (c < *ncands && cands[c].kind != SR_PLACE_ADMIN2)
        c++;
    if (c == *ncands)
        return 0;
    int kind_in = end > i + 1 && sr_tok_in(d, end - 1, SR_W_REGION_WORDS); /* "Cook County" */
    const sr_tokens *t = &d->t;
    /* "Myawaddy town" is the town; "a Somerset town" one in the county */
    int town = end < t->ntok && (sr_tok_is(t, end, "town") || sr_tok_is(t, end, "city") ||
                                 sr_tok_is(t, end, "village") || sr_tok_is(t, end, "hamlet") ||
                                 sr_tok_is(t, end, "township")) &&
               !(i > 0 && (sr_tok_is(t, i - 1, "a") || sr_tok_is(t, i - 1, "an")));
    /* "Ras al-Ain" is not the Ain (France); nor "Var" or "Lot" alone */
    int glued = i > 1 && sr_tok_is(t, i - 1, "-") && t->tok[i - 1].start == t->tok[i - 2].end;
    int shortname = t->tok[end - 1].end - t->tok[i].start < 4;
    /* "SWAT team" in mixed-case text: an acronym, not Swat (Pakistan) */
    int acronym = !t->upper_case && (t->tok[i].flags & SR_TF_ALLCAPS) && t->tok[i].end - t->tok[i].start > 1;
    size_t w = 0;
    for (c = 0; c < *ncands; c++) {
        const sr_place *q = &cands[c];
        int keep = 1;
        if (q->kind == SR_PLACE_ADMIN2 && t->upper_case) {
            keep = 0;
        } else if (q->kind == SR_PLACE_ADMIN2 && !kind_in && !admin2_word_at(d, end, q)) {
            keep = !town && !glued && !shortname && !acronym;
            for (size_t o = 0; keep && o < *ncands; o++) {
                const sr_place *r = &cands[o];
                if ((r->kind == SR_PLACE_CITY &&
                     (r->admin2_id == q->id ||
                      (r->admin2_id == SR_GAZ_NONE && memcmp(r->country, q->country, 2) == 0 &&
                       strcmp(r->admin1_code, q->admin1_code) == 0))) ||
                    (r->kind == SR_PLACE_ADMIN1 && memcmp(r->country, q->country, 2) == 0))
                    keep = 0;
            }
        }
        if (keep)
            cands[w++] = *q;
    }
    size_t dropped = *ncands - w;
    *ncands = w;
    return dropped;
}

/* Of the places named like mention P (past the first eight kept), the first
 * that lies in second-level region a2, put last among P's candidates. */
static void deeper_in_admin2(const sr_doc *d, const sr_placex *P, cand_list *cl, uint32_t a2)
{
    sr_buf kb;
    sr_buf_init(&kb, d->ar->alloc, 255);
    size_t st = d->t.tok[P->tok_begin].start, en = d->t.tok[P->tok_end - 1].end;
    sr_place more[64];
    size_t n = 0;
    if (sr_fold_key(&kb, d->text + st, en - st) == SITREP_OK && kb.len)
        n = sr_gaz_lookup(d->m->gaz, kb.data, kb.len, more, 64);
    sr_buf_free(&kb);
    for (size_t k = 8; k < n && k < 64; k++)
        if (more[k].kind == SR_PLACE_CITY && more[k].admin2_id == a2) {
            cl->c[cl->n - 1] = more[k];
            return;
        }
}

/* How strongly the words around tokens [i, end) say "a place": "in X",
 * "the village of X", "X province", "X, Y".  *relation: 1 near, 2 outskirts. */
static int context_score(const sr_doc *d, size_t i, size_t end, int *relation)
{
    const sr_tokens *t = &d->t;
    size_t n = t->ntok;
    int score = 0;
    size_t p = i;
    *relation = 0;
    while (p > 0 && i - p < 3 && sr_tok_in(d, p - 1, SR_W_PLACE_MODS))
        p--;
    if (p > 0 && t->tok[p - 1].sent == t->tok[i].sent && sr_tok_in(d, p - 1, SR_W_LOC_PREPS))
        score += 3;
    if (p > 1 && sr_tok_is(t, p - 1, "of") && sr_tok_in(d, p - 2, SR_W_REGION_WORDS))
        score += 2;
    for (size_t q = (p >= 4 ? p - 4 : 0); q < p; q++)
        if (sr_tok_in(d, q, SR_W_NEAR_WORDS))
            *relation = sr_tok_is(t, q, "outskirts") ? 2 : 1;
    if (end < n && sr_tok_in(d, end, SR_W_REGION_WORDS))
        score += 3;
    if (end + 1 < n && sr_tok_is(t, end, ",") && (t->tok[end + 1].flags & SR_TF_CAP))
        score += 1;
    if (end < n && sr_tok_is(t, end, "("))
        score += 1;
    return score;
}

/* The home country of the first group named that has one
 * (lexicon/group_home.txt), into cc; 0 when none. */
static int group_home(const sr_doc *d, char cc[3], uint32_t *tb, uint32_t *te)
{
    const sr_classes *C = &d->m->cls;
    if (C->home < 0)
        return 0;
    for (size_t k = 0; k < d->nmt; k++) {
        if (d->mt[k].cls != C->group)
            continue;
        const char *canon = sr_doc_entry(d, &d->mt[k])->value;
        for (size_t h = 0; h < d->m->nhomes; h++)
            if (strcmp(d->m->homes[h].group, canon) == 0) {
                memcpy(cc, d->m->homes[h].cc, 3);
                *tb = d->mt[k].tok_begin;
                *te = d->mt[k].tok_end;
                return 1;
            }
    }
    return 0;
}

/* Of candidates found for a key, the one whose own name is the key (not an
 * alternate name), cities first, else the most populous (the first). */
size_t sr_best_named(const sr_alloc *a, const sr_place *c, size_t n, const char *key, size_t klen)
{
    size_t best = 0;
    int best_rank = -1;
    for (size_t k = 0; k < n; k++) {
        sr_buf b;
        sr_buf_init(&b, a, 255);
        int same = sr_fold_key(&b, c[k].name, c[k].name_len) == SITREP_OK && b.len == klen &&
                   (klen == 0 || memcmp(b.data, key, klen) == 0);
        sr_buf_free(&b);
        int rank = (same ? 4 : 0) + (c[k].kind == SR_PLACE_CITY ? 2
                                     : c[k].kind == SR_PLACE_ADMIN1 || c[k].kind == SR_PLACE_ADMIN2 ? 1 : 0);
        if (rank > best_rank) {
            best_rank = rank;
            best = k;
        }
    }
    return best;
}

/* Does the mention's text fold to the place's own name?  ("Iraq" is the
 * country; "Baghdad" only names it through its subdivision.) */
static int same_name(const sr_doc *d, const sr_placex *P, const sr_place *q)
{
    char a[128], b[128];
    sr_buf x, y;
    sr_buf_init(&x, d->ar->alloc, sizeof a);
    sr_buf_init(&y, d->ar->alloc, sizeof b);
    size_t st = d->t.tok[P->tok_begin].start, en = d->t.tok[P->tok_end - 1].end;
    int eq = sr_fold_key(&x, d->text + st, en - st) == SITREP_OK &&
             sr_fold_key(&y, q->name, q->name_len) == SITREP_OK && x.len == y.len &&
             (x.len == 0 || memcmp(x.data, y.data, x.len) == 0);
    sr_buf_free(&x);
    sr_buf_free(&y);
    return eq;
}

/* The mention that stands right after P behind "," or "(": the region or
 * country that P lies in ("Kotwali, Khyber Pakhtunkhwa", "El Plateado
 * (Cauca)"). */
static const sr_placex *adjacent_next(const sr_doc *d, const sr_placex *P)
{
    size_t e = P->tok_end;
    while (e < d->t.ntok && e < P->tok_end + 2 && sr_tok_in(d, e, SR_W_REGION_WORDS))
        e++; /* "El Plateado corregimiento (Cauca)" */
    if (e + 1 >= d->t.ntok || !(sr_tok_is(&d->t, e, ",") || sr_tok_is(&d->t, e, "(") ||
                                 (e > P->tok_end && sr_tok_is(&d->t, e, "of"))))
        return NULL; /* "X, Region", "X (Region)", "the X district of Baghdad" */
    for (size_t y = 0; y < d->npx; y++)
        if (d->px[y].tok_begin == e + 1 && &d->px[y] != P)
            return &d->px[y];
    return NULL;
}

/* Look up spelling variants of a key: doubled letters single ("ezzor" ->
 * "ezor"), a final "eh" as "ah", a leading article dropped ("al hasakeh" ->
 * "hasakah"), "ez zor" joined.  Returns the candidates found (cl->n). */
static size_t lookup_variants(const sr_gaz *g, const char *key, size_t len, cand_list *cl)
{
    char v[5][256];
    size_t vl[5] = {0, 0, 0, 0, 0};
    if (len >= 250)
        return 0;
    /* 0: doubles collapsed, final "eh" -> "ah" per word */
    for (size_t i = 0; i < len; i++) {
        char c = key[i];
        if (vl[0] && v[0][vl[0] - 1] == c && c != ' ')
            continue;
        v[0][vl[0]++] = c;
    }
    for (size_t i = 1; i < vl[0]; i++)
        if (v[0][i - 1] == 'e' && v[0][i] == 'h' && (i + 1 == vl[0] || v[0][i + 1] == ' '))
            v[0][i - 1] = 'a';
    /* 1: variant 0 without a leading article */
    static const char *const arts[] = {"al ", "el ", "ar ", "as ", "ad ", "an ", "at ", "ash ", "az ", NULL};
    for (size_t a = 0; arts[a]; a++) {
        size_t al = strlen(arts[a]);
        if (vl[0] > al && memcmp(v[0], arts[a], al) == 0) {
            memcpy(v[1], v[0] + al, vl[0] - al);
            vl[1] = vl[0] - al;
        }
    }
    /* 2: the original without a leading article */
    for (size_t a = 0; arts[a]; a++) {
        size_t al = strlen(arts[a]);
        if (len > al && memcmp(key, arts[a], al) == 0) {
            memcpy(v[2], key + al, len - al);
            vl[2] = len - al;
        }
    }
    /* 3: the original with one inner space removed ("ez zor" -> "ezzor") is
     * the reverse of what GeoNames spells; try spaces added after "ez"/"el"
     * prefixes glued to a word instead: "ezzor" -> "ez zor" */
    for (size_t i = 0; i + 3 < len; i++) {
        if ((i == 0 || key[i - 1] == ' ') && (memcmp(key + i, "ez", 2) == 0 || memcmp(key + i, "az", 2) == 0) &&
            key[i + 2] != ' ' && len + 1 < sizeof v[3]) {
            memcpy(v[3], key, i + 2);
            v[3][i + 2] = ' ';
            size_t rest = len - (i + 2);
            const char *r = key + i + 2;
            memcpy(v[3] + i + 3, r, rest);
            vl[3] = i + 3 + rest;
            break;
        }
    }
    /* 4: "al-Hasakeh" written with a lower-case article: add it back */
    if (vl[0] && vl[0] + 3 < sizeof v[4] && !(vl[0] > 3 && memcmp(v[0], "al ", 3) == 0)) {
        memcpy(v[4], "al ", 3);
        memcpy(v[4] + 3, v[0], vl[0]);
        vl[4] = vl[0] + 3;
    }
    for (int k = 0; k < 5; k++) {
        if (!vl[k] || (vl[k] == len && memcmp(v[k], key, len) == 0))
            continue;
        size_t m = sr_gaz_lookup(g, v[k], vl[k], cl->c, 8);
        if (m > 0) {
            cl->n = m < 8 ? m : 8;
            return cl->n;
        }
    }
    return 0;
}

/* Cheap test before gazetteer look-ups in upper-case text: a locative
 * preposition or separator before, or a region word or separator soon
 * after. */
static int upper_context(const sr_doc *d, size_t i)
{
    const sr_tokens *t = &d->t;
    size_t p = i;
    if (p > 0 && sr_tok_is(t, p - 1, "the"))
        p--;
    if (p > 0 && (sr_tok_in(d, p - 1, SR_W_LOC_PREPS) || sr_tok_is(t, p - 1, ",") ||
                  sr_tok_is(t, p - 1, "(")))
        return 1;
    for (size_t j = i + 1; j < t->ntok && j < i + 5; j++) {
        if (t->tok[j].kind == SR_TOK_PUNCT)
            return sr_tok_is(t, j, ",") || sr_tok_is(t, j, "(");
        if (sr_tok_in(d, j, SR_W_REGION_WORDS))
            return 1;
    }
    return 0;
}

/* Is token i a noun a country name can qualify ("US forces", "Iraq war",
 * "Syria strikes")?  People, groups, weapons, facilities, events, and a few
 * words of state. */
static int qualified_noun(const sr_doc *d, size_t i)
{
    static const char *const nouns[] = {"forces", "troops", "army", "military", "government",
                                        "officials", "embassy", "war", "navy", "president",
                                        "authorities", "regime", "soldiers", "police", NULL};
    const char *nm = sr_tok_norm(&d->t, i);
    for (size_t k = 0; nouns[k]; k++)
        if (strcmp(nm, nouns[k]) == 0)
            return 1;
    const sr_classes *C = &d->m->cls;
    if (i < d->t.ntok && d->mt_at[i])
        for (size_t k = d->mt_at[i] - 1; k < d->nmt && d->mt[k].tok_begin == i; k++) {
            int c = d->mt[k].cls;
            if (c == C->person || c == C->perp || c == C->group || c == C->weapon || c == C->facility ||
                c == C->event)
                return 1;
        }
    return 0;
}

static sitrep_status push_place(sr_doc *d, size_t *cap, sr_placex **out)
{
    if (d->npx == *cap) {
        sr_placex *q = sr_arena_grow(d->ar, d->px, d->npx, *cap * 2, sizeof *q);
        if (!q)
            return SITREP_E_NOMEM;
        d->px = q;
        *cap *= 2;
    }
    *out = &d->px[d->npx++];
    memset(*out, 0, sizeof **out);
    return SITREP_OK;
}

/* Places the gazetteer does not know, from context alone: "in Kotwali,
 * Khyber Pakhtunkhwa", "in Mahkan town", "the village of Bara Sara".
 * Mixed-case text only: in upper-case wire copy capitals say nothing. */
static int named_person(const sr_doc *d, size_t i, int titled);

static sitrep_status find_unresolved(sr_doc *d, size_t *cap, const uint8_t *lexcov)
{
    const sr_tokens *t = &d->t;
    size_t n = t->ntok;
    if (t->upper_case)
        return SITREP_OK;
    size_t nres = d->npx;
    for (size_t i = d->body_tok + 1; i < n; i++) {
        const sr_token *k = &t->tok[i];
        if (k->kind != SR_TOK_WORD || !(k->flags & SR_TF_CAP) || lexcov[i] || d->in_date[i])
            continue;
        if (sr_tok_in(d, i, SR_W_NOT_PLACES) &&
            !(sr_tok_in(d, i, SR_W_CONNECTORS) && i + 1 < n && (t->tok[i + 1].flags & SR_TF_CAP)))
            continue;
        size_t p = i;
        if (sr_tok_is(t, p - 1, "the") && p > 1)
            p--;
        int prep = sr_tok_in(d, p - 1, SR_W_LOC_PREPS) && !sr_tok_is(t, p - 1, "from") &&
                   !sr_tok_is(t, p - 1, "to") && !sr_tok_is(t, p - 1, "on");
        int of_region = p > 1 && sr_tok_is(t, p - 1, "of") && sr_tok_in(d, p - 2, SR_W_REGION_WORDS);
        if (!prep && !of_region)
            continue;
        /* the run of capitalised words */
        size_t j = i;
        while (j < n && t->tok[j].sent == k->sent && j - i < 5) {
            const sr_token *w = &t->tok[j];
            /* "Island of Qeshm Ten people ...": a number ends the name (a
             * headline without its full stop ran into the next sentence) */
            if (j > i && d->nx_at[j])
                break;
            if (w->kind == SR_TOK_WORD && ((w->flags & SR_TF_CAP) || (j > i && sr_tok_in(d, j, SR_W_CONNECTORS))) &&
                !lexcov[j] && !sr_tok_in(d, j, SR_W_REGION_WORDS))
                j++;
            else if (sr_tok_is(t, j, "-") && j > i && j + 1 < n && (t->tok[j + 1].flags & SR_TF_CAP))
                j++;
            else
                break;
        }
        while (j > i && (sr_tok_in(d, j - 1, SR_W_CONNECTORS) || sr_tok_is(t, j - 1, "-")))
            j--;
        /* "Sadr City", "Guatemala City": a capitalised "City" belongs to
         * the name */
        int city_suffix = 0;
        if (j > i && j < n && sr_tok_is(t, j, "city") && (t->tok[j].flags & SR_TF_CAP) &&
            t->tok[j].sent == k->sent) {
            j++;
            city_suffix = 1;
        }
        if (j == i)
            continue;
        /* already a gazetteer mention here? */
        int known = 0;
        for (size_t x = 0; x < nres; x++)
            if (d->px[x].tok_begin < j && d->px[x].tok_end > i) {
                if (!(d->px[x].partial && d->px[x].tok_end - d->px[x].tok_begin < j - i))
                    known = 1;
            }
        if (known) {
            i = j - 1;
            continue;
        }
        /* "Miguel Zapata School", "the Communal Action Board": venues and
         * bodies, not places */
        int venue = 0;
        for (size_t q = i; q <= j && q < n; q++)
            if (sr_tok_in(d, q, SR_W_VENUE_WORDS))
                venue = 1;
        /* "the Department of Public Safety", "Ministry of Interior": the
         * name of a body */
        if (i >= 2 && sr_tok_is(t, i - 1, "of") &&
            (sr_tok_is(t, i - 2, "ministry") || sr_tok_is(t, i - 2, "department")))
            venue = 1;
        if (venue)
            continue;
        int ctx = of_region || city_suffix || (j < n && (sr_tok_in(d, j, SR_W_REGION_WORDS) || sr_tok_is(t, j, ",") ||
                                          sr_tok_is(t, j, "(") || sr_tok_is(t, j, ".")));
        if (!ctx)
            continue;
        /* a surname the text writes after a first name or a title ("Gov.
         * Sarah Palin" ... "directed at Palin,") is the person, as for
         * gazetteer names below */
        if (j - i == 1 && !t->upper_case && named_person(d, i, 1))
            continue;
        sr_placex *x;
        sitrep_status st = push_place(d, cap, &x);
        if (st != SITREP_OK)
            return st;
        x->tok_begin = (uint32_t)i;
        x->tok_end = (uint32_t)j;
        x->resolved = 0;
        int rel_unused;
        x->score = context_score(d, i, j, &rel_unused);
        x->place.kind = SR_PLACE_CITY;
        x->place.geonames_id = 0;
        x->place.admin2_id = SR_GAZ_NONE;
        x->place.name = d->text + k->start;
        x->place.name_len = t->tok[j - 1].end - k->start;
        for (size_t q = (p >= 4 ? p - 4 : 0); q < p; q++)
            if (sr_tok_in(d, q, SR_W_NEAR_WORDS))
                x->relation = sr_tok_is(t, q, "outskirts") ? 2 : 1;
        i = j - 1;
    }
    return SITREP_OK;
}

/* A word that starts compound place names without being one: "North
 * Carolina", "South Sudan", "New York", "West Bank", "San Miguel", "Santa
 * Ana" (in upper-case copy too: without it "SAN SALVADOR" was Salvador,
 * Brazil). */
static int is_name_start(const sr_doc *d, size_t i)
{
    return sr_tok_in(d, i, SR_W_NAME_START);
}

/* Is token p a title ("Gov.", "Mr", "President")?  p moves back over the
 * full stop of an abbreviation. */
static int title_at(const sr_doc *d, size_t p)
{
    const sr_tokens *t = &d->t;
    if (p > 0 && sr_tok_is(t, p, ".") && t->tok[p].start == t->tok[p - 1].end)
        p--; /* "Gov." */
    const sr_token *q = &t->tok[p];
    if (q->kind != SR_TOK_WORD || !(q->flags & SR_TF_CAP))
        return 0;
    return sr_tok_in(d, p, SR_W_TITLES) || sr_tok_is(t, p, "gov") || sr_tok_is(t, p, "mr") ||
           sr_tok_is(t, p, "mrs") || sr_tok_is(t, p, "ms") || sr_tok_is(t, p, "dr") ||
           sr_tok_is(t, p, "sen") || sr_tok_is(t, p, "rep");
}

/* Does the document write the word of token i as a surname somewhere:
 * right after a title ("Gov. Palin", "Mr Sharif") or after a capitalised
 * word inside a sentence that is not itself a place ("Sarah Palin")?
 * With titled, only a title proves it, right before the word or before
 * the first name ("Gov. Sarah Palin"): an unknown name has no gazetteer
 * entry to weigh against, and "Saudi Aramco Abqaiq" is no person. */
static int named_person(const sr_doc *d, size_t i, int titled)
{
    const sr_tokens *t = &d->t;
    const char *w = sr_tok_norm(t, i);
    uint64_t h = t->tok[i].hash;
    /* a window around the mention bounds the cost in long texts */
    size_t from = i > 4000 ? i - 4000 : 1, to = t->ntok - i > 4000 ? i + 4000 : t->ntok;
    for (size_t j = from; j < to; j++) {
        if (t->tok[j].hash != h || t->tok[j].kind != SR_TOK_WORD || !(t->tok[j].flags & SR_TF_CAP) ||
            strcmp(sr_tok_norm(t, j), w) != 0)
            continue;
        size_t p = j - 1;
        if (p > 0 && sr_tok_is(t, p, ".") && t->tok[p].start == t->tok[p - 1].end)
            p--; /* "Gov." */
        const sr_token *q = &t->tok[p];
        if (q->kind != SR_TOK_WORD || !(q->flags & SR_TF_CAP))
            continue;
        if (title_at(d, j - 1))
            return 1;
        if (titled) {
            if (p == j - 1 && p > 0 && title_at(d, p - 1))
                return 1;
            continue;
        }
        if ((q->flags & SR_TF_SENT_START) || sr_tok_in(d, p, SR_W_NOT_PLACES) ||
            sr_tok_in(d, p, SR_W_CONNECTORS) || d->in_date[p])
            continue;
        int place = 0;
        for (size_t x = 0; x < d->npx && !place; x++)
            place = d->px[x].tok_begin <= p && d->px[x].tok_end > p;
        if (!place)
            return 1;
    }
    return 0;
}

sitrep_status sr_find_places(sr_doc *d)
{
    const sr_tokens *t = &d->t;
    size_t n = t->ntok;
    const sr_gaz *g = d->m->gaz;
    const sr_classes *C = &d->m->cls;
    size_t cap = 16;
    d->px = sr_arena_array(d->ar, cap, sizeof(sr_placex));
    uint8_t *lexcov = sr_arena_zalloc(d->ar, n + 1);
    cand_list *cands = NULL;
    if (!d->px || !lexcov)
        return SITREP_E_NOMEM;

    /* Tokens covered by lexicon entries that are not places; country and
     * demonym entries become country mentions directly. */
    for (size_t k = 0; k < d->nmt; k++) {
        const sr_match *m = &d->mt[k];
        int c = m->cls;
        if (c == C->country || c == C->demonym) {
            if (d->npx == cap) {
                sr_placex *q = sr_arena_grow(d->ar, d->px, d->npx, cap * 2, sizeof *q);
                if (!q)
                    return SITREP_E_NOMEM;
                d->px = q;
                cap *= 2;
            }
            sr_placex *x = &d->px[d->npx];
            memset(x, 0, sizeof *x);
            x->tok_begin = m->tok_begin;
            x->tok_end = m->tok_end;
            x->country_only = 1;
            size_t pb = m->tok_begin;
            while (pb > 0 && m->tok_begin - pb < 3 && sr_tok_in(d, pb - 1, SR_W_PLACE_MODS))
                pb--; /* "in the Sinai", "in northern Syria" */
            x->score = pb > 0 && (sr_tok_in(d, pb - 1, SR_W_LOC_PREPS) || sr_tok_is(t, pb - 1, ",") ||
                                  sr_tok_is(t, pb - 1, "("))
                           ? 3 : (c == C->country ? 1 : 0);
            /* "launched towards Saudi Arabia": where it was aimed, not
             * where it happened */
            if (pb > 0 && (sr_tok_is(t, pb - 1, "towards") || sr_tok_is(t, pb - 1, "toward") ||
                           sr_tok_is(t, pb - 1, "into") || sr_tok_is(t, pb - 1, "to")))
                x->score = 1;
            /* "US forces", "Turkish army": a modifier, not where it happened.
             * A nationality before a word always is; a country name only
             * before a noun it qualifies ("US drone", not "in Colombia from") */
            if (m->tok_end < n && t->tok[m->tok_end].kind == SR_TOK_WORD &&
                !sr_tok_is(t, m->tok_end, "'s") && /* "Pakistan's city of Quetta" */
                !sr_tok_in(d, m->tok_end, SR_W_REGION_WORDS) && /* "the Sinai town of Rafah" */
                !sr_tok_is(t, m->tok_end, "and") && !sr_tok_is(t, m->tok_end, "on") &&
                !sr_tok_is(t, m->tok_end, "in") && !sr_tok_is(t, m->tok_end, "of") &&
                !sr_tok_is(t, m->tok_end, "at") && !sr_tok_is(t, m->tok_end, "near") &&
                (c == C->demonym || qualified_noun(d, m->tok_end)))
                x->adjectival = 1;
            const sr_lex_entry *e = sr_doc_entry(d, m);
            if (g && sr_gaz_country(g, e->value, &x->place))
                x->resolved = 1;
            else {
                x->place.kind = SR_PLACE_COUNTRY;
                memcpy(x->place.country, e->value, 2);
                x->place.country[2] = '\0';
            }
            d->npx++;
        }
        if (c == C->group || c == C->perp || c == C->person || c == C->country || c == C->demonym ||
            c == C->event || c == C->figure || c == C->weapon)
            for (uint32_t j = m->tok_begin; j < m->tok_end; j++)
                lexcov[j] = 1;
    }
    /* "Hurricane Florence" is not in Florence */
    for (size_t k = 0; k < d->nnames; k++)
        if (d->names[k].kind == SR_NAME_STORM)
            for (uint32_t j = d->names[k].tok_begin; j < d->names[k].tok_end; j++)
                lexcov[j] = 1;
    if (!g)
        return SITREP_OK;
    unsigned maxw = sr_gaz_max_words(g);
    if (maxw > 6)
        maxw = 6;

    size_t ccap = 16;
    cands = sr_arena_array(d->ar, ccap, sizeof(cand_list));
    if (!cands)
        return SITREP_E_NOMEM;
    size_t first_gaz = d->npx;
    char key[256];
    for (size_t i = d->body_tok; i < n; i++) {
        const sr_token *k = &t->tok[i];
        if (k->kind != SR_TOK_WORD || lexcov[i] || d->in_date[i])
            continue;
        if (!t->upper_case && !(k->flags & SR_TF_CAP))
            continue;
        if (k->norm_len < 2)
            continue;
        size_t need_multi = 0;
        if (sr_tok_in(d, i, SR_W_NOT_PLACES)) {
            /* "Al Hasakeh", "El Plateado": an article starts the name;
             * "North Carolina", "New Mexico", "South Sudan": a compass word
             * or "New" starts it, but is no place alone */
            size_t nx = i + 1 < n && sr_tok_is(t, i + 1, "-") ? i + 2 : i + 1;
            int next_cap = nx < n && (t->tok[nx].flags & SR_TF_CAP);
            if (next_cap && is_name_start(d, i))
                need_multi = 1;
            else if (!(sr_tok_in(d, i, SR_W_CONNECTORS) && next_cap))
                continue;
        }
        /* In upper-case copy every word is capitalised: look a name up only
         * where the context can make it a place (the score needs >= 2). */
        if (t->upper_case && !upper_context(d, i))
            continue;
        /* "ENFORCE THE LAW": in wire copy a town name after "the" is
         * nearly always a common word */
        int after_the = i > 0 && sr_tok_is(t, i - 1, "the");
        /* Build keys over up to maxw words (hyphens inside kept as spaces). */
        size_t best_len = 0, best_end = i, total = 0;
        uint64_t best_hash = 0;
        cand_list cl;
        cl.n = 0;
        size_t klen = 0, words = 0, j = i;
        uint64_t h = SR_HASH_INIT;
        size_t ends[8];
        uint64_t hashes[8];
        size_t klens[8];
        while (j < n && words < maxw && t->tok[j].sent == k->sent) {
            const sr_token *w = &t->tok[j];
            if (w->kind == SR_TOK_PUNCT) {
                if (sr_tok_is(t, j, "-") && words > 0 && j + 1 < n && t->tok[j + 1].kind == SR_TOK_WORD) {
                    j++;
                    continue;
                }
                break;
            }
            if (w->kind != SR_TOK_WORD && w->kind != SR_TOK_NUM)
                break;
            if (words > 0 && !t->upper_case && !(w->flags & SR_TF_CAP) && !sr_tok_in(d, j, SR_W_CONNECTORS))
                break;
            if (words > 0 && t->upper_case && sr_tok_in(d, j, SR_W_NOT_PLACES))
                break;
            const char *nm = sr_tok_norm(t, j);
            if (klen + w->norm_len + 2 > sizeof key)
                break;
            if (words)
                key[klen++] = ' ';
            memcpy(key + klen, nm, w->norm_len);
            klen += w->norm_len;
            h = sr_hash_extend(h, nm, w->norm_len, words > 0);
            ends[words] = j + 1;
            hashes[words] = h;
            klens[words] = klen;
            words++;
            j++;
        }
        for (size_t w = words; w > need_multi; w--) {
            /* do not end on a connector word */
            size_t last = ends[w - 1] - 1;
            if (w > 1 && sr_tok_in(d, last, SR_W_CONNECTORS))
                continue;
            /* most keys are not places, and the same ones come back: a
             * per-handle cache of misses saves the probe into the mapped file */
            uint64_t hk = hashes[w - 1];
            uint64_t *slot = d->gaz_miss ? &d->gaz_miss[hk & (SR_GAZ_MISS_SLOTS - 1)] : NULL;
            if (slot && *slot == hk)
                continue;
            /* upper-case wire copy has no use for counties (filter_admin2):
             * not even read, and a name that is only a county there is no
             * miss to remember for mixed-case text */
            size_t skipped = 0;
            size_t m = sr_gaz_lookup_hash_skip(g, hk, key, klens[w - 1], cl.c, 8,
                                               t->upper_case ? 1u << SR_PLACE_ADMIN2 : 0, &skipped);
            if (m == 0 && slot && !skipped)
                *slot = hk;
            if (m > 0) {
                cl.n = m < 8 ? m : 8;
                total = m;
                best_hash = hk;
                best_len = w;
                best_end = ends[w - 1];
                break;
            }
        }
        if (best_len == 1 && sr_tok_in(d, i, SR_W_CONNECTORS))
            best_len = 0, cl.n = 0; /* "Ar" of "Ar Raqqa": try the whole name */
        if (!best_len && !t->upper_case && !need_multi) {
            /* Transliterations differ: "Al Hasakeh" / "Al-Hasakah",
             * "Deir Ezzor" / "Deir ez-Zor".  Where the context says "a
             * place", try spelling variants before giving up. */
            size_t p0 = i;
            if (p0 > 0 && sr_tok_is(t, p0 - 1, "the"))
                p0--;
            int ctx = (p0 > 0 && sr_tok_in(d, p0 - 1, SR_W_LOC_PREPS)) ||
                      (words > 0 && ends[words - 1] < n && sr_tok_in(d, ends[words - 1], SR_W_REGION_WORDS));
            for (size_t w = words; ctx && w > 0 && !best_len; w--) {
                size_t m = lookup_variants(g, key, klens[w - 1], &cl);
                if (m > 0) {
                    best_len = w;
                    best_end = ends[w - 1];
                }
            }
        }
        if (!best_len)
            continue;
        if (best_len == 1 && sr_tok_in(d, i, SR_W_CONNECTORS))
            continue; /* "Ar" of "Ar-Raqqa" */
        if (filter_admin2(d, cl.c, &cl.n, i, best_end) && total > 8) {
            /* counties took places among the first eight: look further
             * ("Zaragoza", a town in El Salvador after two Spanish and
             * Colombian regions) */
            sr_place more[32];
            size_t nm = sr_gaz_lookup_hash(g, best_hash, key, klens[best_len - 1], more, 32);
            nm = nm < 32 ? nm : 32;
            filter_admin2(d, more, &nm, i, best_end);
            cl.n = nm < 8 ? nm : 8;
            memcpy(cl.c, more, cl.n * sizeof *more);
        }
        if (cl.n == 0)
            continue;
        /* Context score. */
        int relation = 0;
        int score = context_score(d, i, best_end, &relation);
        int strong = 0;
        for (size_t c = 0; c < cl.n; c++) {
            /* a county or district is never strong by itself: its name
             * needs the context of a place ("in Somerset", "Kent county") */
            if (cl.c[c].kind != SR_PLACE_ADMIN2 &&
                (cl.c[c].kind != SR_PLACE_CITY || cl.c[c].population >= 100000))
                strong = 1;
        }
        /* "Wellington, Somerset": a county right after a place and a comma */
        for (size_t c = 0; c < cl.n; c++)
            if (cl.c[c].kind == SR_PLACE_ADMIN2 && i >= 2 && sr_tok_is(t, i - 1, ",") &&
                d->npx > first_gaz && d->px[d->npx - 1].tok_end == i - 1) {
                score += 2;
                break;
            }
        if (strong && !t->upper_case && !(k->flags & SR_TF_SENT_START))
            score += 2;
        else if (strong)
            score += 1;
        if (!t->upper_case && (k->flags & SR_TF_SENT_START) && score < 3)
            continue;
        if (t->upper_case) {
            /* wire copy: "BE", "MAKE", "CHARGE" are towns somewhere; keep
             * small towns only where the context insists */
            int ok = 0;
            for (size_t c = 0; c < cl.n; c++)
                if (cl.c[c].kind != SR_PLACE_CITY || cl.c[c].population >= 20000)
                    ok = 1;
            if (!ok && !(best_end < n && (sr_tok_in(d, best_end, SR_W_REGION_WORDS) ||
                                           sr_tok_is(t, best_end, ","))))
                continue;
            if (best_len == 1 && k->norm_len <= 3 && !ok)
                continue;
        }
        if (t->upper_case && after_the) {
            int big = 0;
            for (size_t c = 0; c < cl.n; c++)
                if (cl.c[c].kind != SR_PLACE_CITY)
                    big = 1;
            if (!big)
                continue;
        }
        if (score < 2)
            continue;
        if (d->npx == cap) {
            sr_placex *q = sr_arena_grow(d->ar, d->px, d->npx, cap * 2, sizeof *q);
            if (!q)
                return SITREP_E_NOMEM;
            d->px = q;
            cap *= 2;
        }
        size_t idx = d->npx - first_gaz;
        if (idx == ccap) {
            cand_list *q = sr_arena_grow(d->ar, cands, idx, ccap * 2, sizeof *q);
            if (!q)
                return SITREP_E_NOMEM;
            cands = q;
            ccap *= 2;
        }
        cands[idx] = cl;
        /* "New Mexico" is not Mexico: a country mention inside a longer
         * place name is only a modifier */
        for (size_t q = 0; q < first_gaz; q++)
            if (d->px[q].tok_begin >= i && d->px[q].tok_end <= best_end)
                d->px[q].adjectival = 1;
        sr_placex *x = &d->px[d->npx++];
        memset(x, 0, sizeof *x);
        x->tok_begin = (uint32_t)i;
        x->tok_end = (uint32_t)best_end;
        x->resolved = 1;
        x->relation = relation;
        x->score = score;
        x->strong = strong;
        x->place = cl.c[0];
        /* part of a longer capitalised name ("Mir" of "Mir Ali")? */
        if (!t->upper_case &&
            ((best_end < n && t->tok[best_end].kind == SR_TOK_WORD &&
              (t->tok[best_end].flags & SR_TF_CAP) &&
              (!sr_tok_in(d, best_end, SR_W_NOT_PLACES) ||
               (sr_tok_in(d, best_end, SR_W_CONNECTORS) && best_end + 1 < n &&
                (t->tok[best_end + 1].flags & SR_TF_CAP))) &&
              !lexcov[best_end]) ||
             (best_end + 1 < n && sr_tok_is(t, best_end, "-") && t->tok[best_end].start == t->tok[best_end - 1].end &&
              (t->tok[best_end + 1].flags & SR_TF_CAP) &&
              !(sr_tok_is(t, best_end + 1, "north") || sr_tok_is(t, best_end + 1, "south") ||
                sr_tok_is(t, best_end + 1, "east") || sr_tok_is(t, best_end + 1, "west"))) ||
             (i > 0 && t->tok[i - 1].kind == SR_TOK_WORD && (t->tok[i - 1].flags & SR_TF_CAP) &&
              !(t->tok[i - 1].flags & SR_TF_SENT_START) && !sr_tok_in(d, i - 1, SR_W_NOT_PLACES) &&
              !sr_tok_in(d, i - 1, SR_W_CONNECTORS))))
            x->partial = 1;
        i = best_end - 1;
    }

    /* A surname is no place: where the text also writes the word after a
     * first name or a title ("Sarah Palin", "Gov. Palin"), its one-word
     * place mentions are the person, not Palin in Guatemala. */
    if (!t->upper_case) {
        size_t w = first_gaz;
        for (size_t x = first_gaz; x < d->npx; x++) {
            const sr_placex *P = &d->px[x];
            if (!(P->tok_end - P->tok_begin == 1 &&
                  (P->place.kind == SR_PLACE_CITY || P->place.kind == SR_PLACE_ADMIN2) &&
                  named_person(d, P->tok_begin, 0))) {
                d->px[w] = *P;
                cands[w - first_gaz] = cands[x - first_gaz];
                w++;
            }
        }
        d->npx = w;
    }

    size_t nres = d->npx;
    sitrep_status st = find_unresolved(d, &cap, lexcov);
    if (st != SITREP_OK)
        return st;

    /* Disambiguation: countries the document names (country mentions,
     * regions, unambiguous places) vote; a place followed by ", Region" or
     * ", Country" must lie there. */
    char votes_cc[32][3];
    int votes_n[32];
    uint32_t votes_tb[32], votes_te[32];
    size_t nv = 0;
    int *own_vote = sr_arena_array(d->ar, nres + 1, sizeof(int));
    if (!own_vote)
        return SITREP_E_NOMEM;
    for (size_t x = 0; x < nres; x++) {
        const sr_placex *P = &d->px[x];
        int unamb = x < first_gaz ||
                    (P->place.kind != SR_PLACE_CITY && P->place.kind != SR_PLACE_ADMIN2 &&
                     one_country_of_kind(&cands[x - first_gaz], P->place.kind)) ||
                    (one_country(&cands[x - first_gaz]) && (P->score >= 3 || P->strong));
        if (x < first_gaz && P->score < 2)
            continue; /* "likely US": a country named in passing */
        if (!unamb || !P->place.country[0] || P->partial || P->adjectival)
            continue;
        const sr_placex *nx = adjacent_next(d, P);
        if (nx && nx->place.kind != SR_PLACE_CITY && nx->place.country[0] &&
            memcmp(nx->place.country, P->place.country, 2) != 0)
            continue; /* "El Plateado (Cauca)": the region says otherwise */
        size_t v = 0;
        while (v < nv && memcmp(votes_cc[v], P->place.country, 2) != 0)
            v++;
        if (v == nv) {
            if (nv == 32)
                continue;
            memcpy(votes_cc[nv], P->place.country, 3);
            votes_tb[nv] = P->tok_begin;
            votes_te[nv] = P->tok_end;
            votes_n[nv++] = 0;
        }
        /* countries and regions are rarely ambiguous; towns often are; a
         * nationality ("Canadian") says little about where */
        int w = P->place.kind == SR_PLACE_CITY || P->place.kind == SR_PLACE_ADMIN2 ? 2 : 3;
        if (x < first_gaz && d->mt_at[P->tok_begin]) {
            for (size_t q = d->mt_at[P->tok_begin] - 1; q < d->nmt && d->mt[q].tok_begin == P->tok_begin; q++)
                if (d->mt[q].cls == d->m->cls.demonym)
                    w = 1;
        }
        votes_n[v] += w;
        own_vote[x] = w;
    }
    /* The dateline names where the reporter is: "DHAKA, Feb 2 -". */
    if (d->has_dateline) {
        size_t spans[2][2] = {{d->dl.place_start, d->dl.place_end}, {d->dl.region_start, d->dl.region_end}};
        for (int k = 0; k < 2; k++) {
            if (spans[k][1] <= spans[k][0] || spans[k][1] > d->len)
                continue;
            sr_buf kb;
            sr_buf_init(&kb, d->ar->alloc, 256);
            sr_place dcand[8], dp;
            size_t dn = 0;
            if (sr_fold_key(&kb, d->text + spans[k][0], spans[k][1] - spans[k][0]) == SITREP_OK && kb.len)
                dn = sr_gaz_lookup(g, kb.data, kb.len, dcand, 8);
            if (dn > 8)
                dn = 8;
            if (dn > 0)
                dp = dcand[sr_best_named(d->ar->alloc, dcand, dn, kb.data, kb.len)];
            if (dn > 0 && nv < 32) {
                size_t v = 0;
                while (v < nv && memcmp(votes_cc[v], dp.country, 2) != 0)
                    v++;
                if (v == nv) {
                    memcpy(votes_cc[nv], dp.country, 3);
                    votes_tb[nv] = votes_te[nv] = 0; /* the dateline: no token range */
                    votes_n[nv++] = 0;
                }
                votes_n[v] += 3;
            }
            sr_buf_free(&kb);
        }
    }
    /* Second-level regions the document names, and those its towns lie in
     * (any candidate of a whole mention; with the mention's index, which
     * does not vote for itself): "Wellington ... in a Somerset town",
     * "Taunton ... Somerset".  prev[y]: the mention y stands after as its
     * region ("Wellington, Somerset"), + 1; 0 none. */
    enum { NA2 = 256 };
    uint32_t a2_id[NA2], a2_of[NA2], town_a2[NA2], town_of[NA2];
    size_t na2 = 0, ntown = 0;
    uint32_t *prev = sr_arena_zalloc(d->ar, (nres - first_gaz + 1) * sizeof *prev);
    const sr_placex **nexts = sr_arena_zalloc(d->ar, (nres - first_gaz + 1) * sizeof *nexts);
    if (!prev || !nexts)
        return SITREP_E_NOMEM;
    int any_a2 = 0;
    for (size_t x = first_gaz; x < nres; x++) {
        const cand_list *cl = &cands[x - first_gaz];
        const sr_placex *nx = nexts[x - first_gaz] = adjacent_next(d, &d->px[x]);
        if (nx && nx >= d->px + first_gaz && nx < d->px + nres)
            prev[nx - d->px - first_gaz] = (uint32_t)(x - first_gaz) + 1;
        for (size_t c = 0; c < cl->n && !any_a2; c++)
            any_a2 = cl->c[c].kind == SR_PLACE_ADMIN2;
    }
    for (size_t x = first_gaz; any_a2 && x < nres; x++) {
        const cand_list *cl = &cands[x - first_gaz];
        if (d->px[x].partial)
            continue;
        for (size_t c = 0; c < cl->n; c++) {
            if (cl->c[c].kind == SR_PLACE_ADMIN2 && na2 < NA2) {
                a2_id[na2] = cl->c[c].id;
                a2_of[na2++] = (uint32_t)x;
            } else if (cl->c[c].kind == SR_PLACE_CITY && cl->c[c].admin2_id != SR_GAZ_NONE &&
                       ntown < NA2) {
                town_a2[ntown] = cl->c[c].admin2_id;
                town_of[ntown++] = (uint32_t)x;
            }
        }
    }
    for (size_t x = first_gaz; x < nres; x++) {
        sr_placex *P = &d->px[x];
        cand_list *cl = &cands[x - first_gaz];
        const sr_placex *next = nexts[x - first_gaz];
        double best = -1e9;
        size_t bi = 0;
        /* "Wellington, Somerset": the county after the comma that one of the
         * candidates lies in, else the county the name after the comma most
         * likely is */
        const sr_place *nreg = NULL;
        const cand_list *ncl = any_a2 && next && next >= d->px + first_gaz && next < d->px + nres
                                   ? &cands[next - d->px - first_gaz] : NULL;
        for (size_t a = 0; ncl && a < ncl->n && !nreg; a++)
            for (size_t c = 0; ncl->c[a].kind == SR_PLACE_ADMIN2 && c < cl->n && !nreg; c++)
                if (cl->c[c].admin2_id == ncl->c[a].id)
                    nreg = &ncl->c[a];
        if (!nreg && ncl && ncl->n && ncl->c[0].kind == SR_PLACE_ADMIN2) {
            nreg = &ncl->c[0];
            /* the town may rank below the first eight of its name
             * ("Richmond, North Yorkshire"): look further for one there */
            if (cl->n == 8)
                deeper_in_admin2(d, P, cl, nreg->id);
        }
        const cand_list *pcl = prev[x - first_gaz] ? &cands[prev[x - first_gaz] - 1] : NULL;
        int region_after = P->tok_end < d->t.ntok &&
                           (sr_tok_is(&d->t, P->tok_end, "province") || sr_tok_is(&d->t, P->tok_end, "governorate") ||
                            sr_tok_is(&d->t, P->tok_end, "state") || sr_tok_is(&d->t, P->tok_end, "region") ||
                            sr_tok_is(&d->t, P->tok_end, "department") || sr_tok_is(&d->t, P->tok_end, "oblast"));
        for (size_t c = 0; c < cl->n; c++) {
            const sr_place *q = &cl->c[c];
            double s = log((double)q->population + 10.0);
            int voted = 0;
            for (size_t v = 0; v < nv; v++)
                if (memcmp(votes_cc[v], q->country, 2) == 0) {
                    s += 4.0 * votes_n[v];
                    voted = 1;
                }
            if (nv > 0 && !voted)
                s -= 25; /* the document speaks of other countries */
            if (next && memcmp(next->place.country, q->country, 2) == 0) {
                s += 30;
                if (next->place.kind == SR_PLACE_ADMIN1 &&
                    strcmp(next->place.admin1_code, q->admin1_code) == 0)
                    s += 20;
            }
            if (!any_a2) {
                /* no county among the candidates: nothing below applies */
            } else if (q->kind == SR_PLACE_CITY && q->admin2_id != SR_GAZ_NONE) {
                if (nreg && q->admin2_id == nreg->id)
                    s += 50; /* "Wellington, Somerset" */
                for (size_t a = 0; a < na2; a++)
                    if (a2_id[a] == q->admin2_id && a2_of[a] != x) {
                        s += 12; /* the county is named elsewhere */
                        break;
                    }
            } else if (q->kind == SR_PLACE_ADMIN2) {
                if (pcl) {
                    s += 8; /* "Wellington, Somerset": a region after the comma */
                    for (size_t k = 0; k < pcl->n; k++)
                        if (pcl->c[k].admin2_id == q->id) {
                            s += 20;
                            break;
                        }
                }
                for (size_t a = 0; a < ntown; a++)
                    if (town_a2[a] == q->id && town_of[a] != x) {
                        s += 6; /* a town of the county is named */
                        break;
                    }
                s += admin2_word_at(d, P->tok_end, q) ? 12 : 0;
            }
            int primary = same_name(d, P, q);
            if (primary)
                s += 3; /* "Islamabad" is Islamabad, not Chittagong's old name */
            if (q->kind == SR_PLACE_COUNTRY)
                s += primary ? 6 : -20; /* a subdivision's name, not the country's */
            else if (q->kind == SR_PLACE_ADMIN1)
                s += region_after ? 12 : 2;

            if (s > best) {
                best = s;
                bi = c;
            }
        }
        P->place = cl->c[bi];
        /* the region's namesake town ("Dhaka" the city of "Dhaka Division"),
         * offered when the text does not say "province" */
        if (P->place.kind == SR_PLACE_ADMIN1 && !region_after)
            for (size_t o = 0; o < cl->n; o++)
                if (cl->c[o].kind == SR_PLACE_CITY && memcmp(cl->c[o].country, P->place.country, 2) == 0 &&
                    (strcmp(cl->c[o].fcode, "PPLA") == 0 || strcmp(cl->c[o].fcode, "PPLC") == 0)) {
                    P->alt = cl->c[o];
                    P->has_alt = 1;
                    break;
                }
        /* "Wellington, Somerset" where no Wellington the gazetteer knows lies
         * in Somerset: the town as written, in the county (filled below) */
        if (nreg && P->place.kind == SR_PLACE_CITY && P->place.admin2_id != nreg->id) {
            P->resolved = 0;
            continue;
        }
        /* a name known only abroad while the text speaks of one country:
         * keep it as text there ("Mirpur" in a Dhaka report) */
        if (nv > 0 && P->place.kind == SR_PLACE_CITY) {
            int voted = 0, topv = 0;
            for (size_t v = 0; v < nv; v++) {
                /* its own vote does not count: "in Khar town, ..., Pakistan" */
                if (memcmp(votes_cc[v], P->place.country, 2) == 0 && votes_n[v] > own_vote[x])
                    voted = 1;
                if (votes_n[v] > votes_n[topv])
                    topv = (int)v;
            }
            if (!voted && votes_n[topv] >= 3) {
                P->resolved = 0;
                P->place.geonames_id = 0;
                P->place.admin1 = "";
                P->place.admin1_len = 0;
                P->place.admin2_id = SR_GAZ_NONE;
                memcpy(P->place.country, votes_cc[topv], 3);
                P->place.name = d->text + d->t.tok[P->tok_begin].start;
                P->place.name_len = d->t.tok[P->tok_end - 1].end - d->t.tok[P->tok_begin].start;
                P->inherited = 1; /* country set: not refilled below */
                continue;
            }
        }
        /* "Kotwali, Khyber Pakhtunkhwa": the name is known only elsewhere;
         * keep it as text in the region the text gives. */
        if (next && next->place.kind != SR_PLACE_CITY && next->place.country[0] &&
            memcmp(P->place.country, next->place.country, 2) != 0)
            P->resolved = 0;
    }
    for (size_t x = first_gaz; x < nres; x++) {
        sr_placex *P = &d->px[x];
        const sr_placex *next = nexts[x - first_gaz];
        if (P->resolved || P->inherited || !next)
            continue;
        P->place.kind = SR_PLACE_CITY;
        P->place.name = d->text + d->t.tok[P->tok_begin].start;
        P->place.name_len = d->t.tok[P->tok_end - 1].end - d->t.tok[P->tok_begin].start;
        P->place.geonames_id = 0;
        memcpy(P->place.country, next->place.country, 3);
        P->place.admin1 = next->place.kind == SR_PLACE_ADMIN1 ? next->place.name : next->place.admin1;
        P->place.admin1_len = next->place.kind == SR_PLACE_ADMIN1 ? next->place.name_len : next->place.admin1_len;
        P->place.admin2_id = next->place.admin2_id; /* an admin2 place: its own */
        P->place.lat = next->place.lat;
        P->place.lon = next->place.lon;
    }
    /* Unresolved places lie in the region or country named right after
     * them ("Kotwali, Khyber Pakhtunkhwa, Pakistan"), else in the country
     * the document names most. */
    int top = -1;
    for (size_t v = 0; v < nv; v++)
        if (top < 0 || votes_n[v] > votes_n[top])
            top = (int)v;
#ifdef SR_DEBUG_PLACES
    for (size_t v = 0; v < nv; v++)
        fprintf(stderr, "vote %s %d\n", votes_cc[v], votes_n[v]);
#endif
    if (top >= 0) {
        memcpy(d->top_cc, votes_cc[top], 3);
        d->top_tok_begin = votes_tb[top];
        d->top_tok_end = votes_te[top];
    } else if (group_home(d, votes_cc[0], &d->top_tok_begin, &d->top_tok_end)) {
        /* nothing better: the country the named group operates in */
        votes_n[0] = 1;
        nv = 1;
        top = 0;
        memcpy(d->top_cc, votes_cc[0], 3);
    } else {
        /* nothing better: "the Iraqi capital", "Turkish troops" */
        for (size_t x = 0; x < first_gaz; x++)
            if (d->px[x].place.country[0]) {
                memcpy(votes_cc[0], d->px[x].place.country, 3);
                votes_n[0] = 1;
                nv = 1;
                top = 0;
                memcpy(d->top_cc, votes_cc[0], 3);
                d->top_tok_begin = d->px[x].tok_begin;
                d->top_tok_end = d->px[x].tok_end;
                break;
            }
    }
    for (size_t x = nres; x < d->npx; x++) {
        sr_placex *P = &d->px[x];
        const sr_placex *after = NULL;
        if (P->inherited)
            continue;
        for (size_t y = 0; y < nres; y++) {
            const sr_placex *Q = &d->px[y];
            if (Q->tok_begin >= P->tok_end && Q->tok_begin <= P->tok_end + 3 &&
                (!after || Q->tok_begin < after->tok_begin))
                after = Q;
        }
        if (after && after->place.kind != SR_PLACE_CITY) {
            memcpy(P->place.country, after->place.country, 3);
            if (after->place.kind == SR_PLACE_ADMIN1) {
                P->place.admin1 = after->place.name;
                P->place.admin1_len = after->place.name_len;
            } else if (after->place.kind == SR_PLACE_ADMIN2) {
                P->place.admin1 = after->place.admin1;
                P->place.admin1_len = after->place.admin1_len;
                P->place.admin2_id = after->place.admin2_id;
            }
            P->place.lat = after->place.lat;
            P->place.lon = after->place.lon;
        } else if (after) {
            memcpy(P->place.country, after->place.country, 3);
            P->place.admin1 = after->place.admin1;
            P->place.admin1_len = after->place.admin1_len;
            P->place.admin2_id = after->place.admin2_id;
        } else if (top >= 0) {
            memcpy(P->place.country, votes_cc[top], 3);
        }
    }
    return SITREP_OK;
}
