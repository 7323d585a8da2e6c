/*
 * sr_names.c - proper names of events: "Hurricane Florence", "Tropical Storm
 * Sally", "the Lilac Fire", "2018 Maryland Flood".  Reports of a disaster
 * that lasts for weeks share its name long after they stop sharing a place
 * or a date (the storm moves on, the fire spreads to the next county), so the
 * store links on it (docs/store.md).
 *
 * Two shapes, both written with capitals as names are (lower-case "the
 * forest fire" is not a name, and all-capitals wire copy carries no such
 * signal, so it is skipped):
 *   1. a storm word and a name: Hurricane | Typhoon | Cyclone | Storm |
 *      Tropical Storm | Super Typhoon | Tropical Depression, then one
 *      capitalised word that is not a month, weekday or function word;
 *   2. one to three capitalised words before a hazard word: Fire, Wildfire,
 *      Blaze, Complex, Flood(s), Flooding, Earthquake, Quake, Tornado,
 *      Landslide, Mudslide, Explosion, Blast; a year may stand before or after
 *      ("2018 Maryland Flood", "Lilac Wildfire 2017") and is not part of the
 *      name.  Descriptive words ("Deadly Fire", "Factory Fire" in a headline)
 *      are not names, nor is a hazard word that names a body ("Surrey Fire
 *      Service", "Palmer Fire Department").
 * The word lists are in sr_words.c (SR_W_STORM_WORDS ... SR_W_NOT_NAME).
 */
#include "sr_extract.h"

/* Capitalised like a name, not like all-capitals copy. */
static int name_cap(const sr_tokens *t, size_t i)
{
    const sr_token *k = &t->tok[i];
    return k->kind == SR_TOK_WORD && (k->flags & SR_TF_CAP) &&
           (!(k->flags & SR_TF_ALLCAPS) || k->end - k->start == 1);
}

/* Same sentence, and only white space between tokens i and i + 1. */
static int joined(const sr_tokens *t, size_t i)
{
    return i + 1 < t->ntok && t->tok[i].sent == t->tok[i + 1].sent &&
           (t->tok[i + 1].flags & SR_TF_SPACE_BEFORE);
}

sitrep_status sr_find_names(sr_doc *d)
{
    const sr_tokens *t = &d->t;
    size_t cap = 0;
    for (size_t i = d->body_tok; i < t->ntok; i++) {
        size_t b = 0, e = 0;
        int kind = 0;
        if (name_cap(t, i) && sr_tok_in(d, i, SR_W_STORM_WORDS)) {
            /* "Tropical Storm Sally": the name follows the storm word */
            size_t j = i + 1;
            if (joined(t, i) && name_cap(t, j) && !sr_tok_in(d, j, SR_W_NOT_NAME) &&
                !sr_tok_in(d, j, SR_W_STORM_WORDS)) {
                b = i;
                if (i > 0 && joined(t, i - 1) && name_cap(t, i - 1) &&
                    sr_tok_in(d, i - 1, SR_W_STORM_FIRST))
                    b = i - 1;
                e = j + 1;
                kind = SR_NAME_STORM;
            }
        } else if (name_cap(t, i) && sr_tok_in(d, i, SR_W_HAZARD_WORDS) && i > 0) {
            /* up to three name words before the hazard word */
            size_t j = i;
            while (j > 0 && i - j < 3 && joined(t, j - 1) && name_cap(t, j - 1) &&
                   !sr_tok_in(d, j - 1, SR_W_NOT_NAME) && !sr_tok_in(d, j - 1, SR_W_HAZARD_WORDS) &&
                   !sr_tok_in(d, j - 1, SR_W_STORM_WORDS))
                j--;
            /* "the Surrey Fire Service", "Palmer Fire Department", "Somerset
             * Fire and Rescue" are bodies, not events */
            int body = i + 1 < t->ntok && joined(t, i) &&
                       (sr_tok_in(d, i + 1, SR_W_ORG_WORDS) || sr_tok_in(d, i + 1, SR_W_FIRE_BODY) ||
                        (sr_tok_is(t, i + 1, "and") && i + 2 < t->ntok && name_cap(t, i + 2)));
            if (j < i && !body) {
                b = j;
                e = i + 1;
                kind = SR_NAME_HAZARD;
            }
        }
        if (!kind)
            continue;
        if (d->nnames == cap) {
            size_t ncap = cap ? cap * 2 : 4;
            sr_namex *q = sr_arena_grow(d->ar, d->names, d->nnames, ncap, sizeof *q);
            if (!q)
                return SITREP_E_NOMEM;
            d->names = q;
            cap = ncap;
        }
        sr_namex *x = &d->names[d->nnames++];
        x->tok_begin = (uint32_t)b;
        x->tok_end = (uint32_t)e;
        x->kind = kind;
        i = e - 1;
    }
    return SITREP_OK;
}
