/*
 * sr_incident.c - incident assembly: which sentences report the incident the
 * article is about, which mention older (background) incidents, and for each
 * incident the type, date, place, figures, perpetrators, targets and
 * weapons, each with its evidence.
 */
#include "sr_extract.h"

#include <string.h>
#ifdef SR_DEBUG_PLACES
#include <stdio.h>
#endif


typedef struct sent_info {
    uint8_t eventful;
    uint8_t firm;         /* a firm event word or a killed/kidnapped figure */
    uint8_t background;   /* whole sentence about an older incident */
    uint8_t other_day;    /* dated a day or three from the main incident */
    int64_t bg_day;       /* the day of a background sentence's date, 0 none */
    uint32_t bg_from;     /* first token of a background clause (or sentence end) */
    int incident;         /* index of the incident it belongs to, -1 none */
} sent_info;

static int is_punct_sep(const sr_doc *d, size_t i)
{
    return d->t.tok[i].kind == SR_TOK_PUNCT;
}

static const sr_match *match_of(const sr_doc *d, size_t i, int cls)
{
    if (i >= d->t.ntok || !d->mt_at[i])
        return NULL;
    for (size_t k = d->mt_at[i] - 1; k < d->nmt && d->mt[k].tok_begin == i; k++)
        if (d->mt[k].cls == cls)
            return &d->mt[k];
    return NULL;
}

static sitrep_evidence ev_tokens(const sr_doc *d, size_t b, size_t e)
{
    sitrep_evidence v = {0, 0};
    if (b < e && e <= d->t.ntok) {
        v.start = d->t.tok[b].start;
        v.end = d->t.tok[e - 1].end;
    }
    return v;
}

static sitrep_str str_tokens(const sr_doc *d, size_t b, size_t e)
{
    sitrep_evidence v = ev_tokens(d, b, e);
    sitrep_str s = {d->text + v.start, v.end - v.start};
    return s;
}

static int days_apart(sitrep_date a, sitrep_date b)
{
    int64_t x = sr_days_from_civil(a.year, a.month, a.day) - sr_days_from_civil(b.year, b.month, b.day);
    return (int)(x < 0 ? -x : x);
}

/* Static slug for a lexicon value (keeps result strings out of the arena). */
static const char *const slugs[] = {
    "assassination", "hijacking", "kidnapping", "hostage_taking", "bombing", "armed_assault",
    "unarmed_assault", "facility_attack", "robbery", "explosion", "fire", "collapse", "transport_crash",
    "earthquake", "flood", "storm", "wildfire", "landslide", "fall", "attack", NULL};
static const char *const weapon_slugs[] = {
    "explosives", "firearms", "incendiary", "melee", "vehicle", "chemical", "biological",
    "radiological", "nuclear", "fake_weapons", "sabotage", "other", NULL};
static const char *const target_types[] = {
    "civilians", "private_citizens", "police", "military", "government", "diplomatic",
    "business", "educational", "religious", "transportation", "utilities", "telecom",
    "food_water", "maritime", "airports", "journalists", "ngo", "tourists", "terrorists",
    "violent_political_party", "other", NULL};
static const char *const claim_states[] = {"claimed", "attributed", "suspected", "denied",
                                           "unknown", NULL};

static int slug_index(const char *const *list, const char *v)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(list[i], v) == 0)
            return i;
    return -1;
}

enum { T_ASSASS, T_HIJACK, T_KIDNAP, T_HOSTAGE, T_BOMB, T_ARMED, T_UNARMED, T_FACILITY,
       T_ROBBERY, T_EXPLOSION, T_FIRE, T_COLLAPSE, T_CRASH, T_QUAKE, T_FLOOD, T_STORM, T_WILDFIRE,
       T_LANDSLIDE, T_FALL, T_ATTACK, T_N };

typedef struct inc_build {
    sitrep_incident *inc;
    uint32_t first_sent;
    sitrep_evidence type_ev[T_N];
    int has_type[T_N];
} inc_build;

static int in_incident(const sr_doc *d, const sent_info *si, int inc, size_t tok)
{
    const sr_token *k = &d->t.tok[tok];
    const sent_info *s = &si[k->sent];
    if (inc == -2) /* the background clauses of main sentences */
        return s->incident == 0 && tok >= s->bg_from;
    if (inc == 0)
        return s->incident == 0 && tok < s->bg_from;
    return s->incident == inc;
}

/* Is a person singled out by name or title right after token i ("opened
 * fire on Yahya Badi", "targeting the vehicle of the district mayor",
 * "shot and killed Colonel X")?  Returns the evidence end token, or 0. */
static size_t singled_out(const sr_doc *d, size_t i, size_t se)
{
    const sr_tokens *t = &d->t;
    int after_the = 0;
    for (size_t j = i; j < se && j < i + 7; j++) {
        const sr_token *k = &t->tok[j];
        int cap = k->kind == SR_TOK_WORD && (k->flags & SR_TF_CAP) && !t->upper_case;
        if (sr_tok_in(d, j, SR_W_TITLES) || (cap && !after_the && !sr_tok_in(d, j, SR_W_NOT_PLACES))) {
            /* the capitalised run that follows must name a person */
            size_t r = j;
            while (r < se && r < j + 5 && t->tok[r].kind == SR_TOK_WORD && (t->tok[r].flags & SR_TF_CAP))
                r++;
            int caps = (int)(r - j);
            for (size_t q = j; q < r; q++) {
                if (sr_tok_in(d, q, SR_W_ORG_WORDS) || sr_tok_in(d, q, SR_W_REGION_WORDS))
                    return 0;
                for (size_t x = 0; x < d->npx; x++)
                    if (d->px[x].tok_begin <= q && d->px[x].tok_end > q)
                        return 0;
                if (d->mt_at[q] && !sr_tok_in(d, q, SR_W_TITLES))
                    return 0;
            }
            if (r < se && (sr_tok_in(d, r, SR_W_ORG_WORDS) || sr_tok_in(d, r, SR_W_REGION_WORDS)))
                return 0;
            if (sr_tok_in(d, j, SR_W_TITLES) && !cap)
                return j + 1;             /* "the district mayor" */
            return caps >= 2 ? r : 0;     /* "Yahya Badi", "Colonel Ahmed" */
        }
        if (sr_tok_is(t, j, "the"))
            after_the = 1;
        if (sr_tok_is(t, j, "the") || sr_tok_is(t, j, "a") || sr_tok_is(t, j, "an") ||
            sr_tok_is(t, j, "'s") || sr_tok_is(t, j, "of") || sr_tok_is(t, j, "his") ||
            sr_tok_is(t, j, "her") || sr_tok_is(t, j, "vehicle") || sr_tok_is(t, j, "car") ||
            sr_tok_is(t, j, "convoy") || sr_tok_is(t, j, "residence") || sr_tok_is(t, j, "house") ||
            sr_tok_is(t, j, "home") || sr_tok_is(t, j, "senior") || sr_tok_is(t, j, "former") ||
            sr_tok_is(t, j, "local") || sr_tok_is(t, j, "district") || sr_tok_is(t, j, "provincial") ||
            sr_tok_is(t, j, "army") || sr_tok_is(t, j, "police") || sr_tok_is(t, j, "tribal") ||
            sr_tok_is(t, j, "deputy") || sr_tok_is(t, j, "top"))
            continue;
        return 0;
    }
    return 0;
}

/* Is event match m the weak "to his death" of a fall, and then does a verb
 * of falling come before it in its sentence ("fell 300 metres to his
 * death")?  Returns -1 for another match, 0 for a death without a fall
 * ("sent him to his death"), 1 for a fall. */
static int fall_to_death(const sr_doc *d, const sr_match *m)
{
    const sr_tokens *t = &d->t;
    if (!sr_tok_is(t, m->tok_begin, "to") || strcmp(sr_doc_entry(d, m)->value, "fall") != 0)
        return -1;
    size_t b = t->sent[t->tok[m->tok_begin].sent].tok_begin;
    for (size_t i = m->tok_begin; i > b && m->tok_begin - i < 7; i--)
        if (sr_tok_in(d, i - 1, SR_W_FALL_VERBS))
            return 1;
    return 0;
}

/* Is event match m a verb of falling with "to his/her/their death(s)" a few
 * words on ("plunged 30 metres to his death")?  Then the fall is the event,
 * not the vehicle the verb may also report ("a bus plunged into a gorge"). */
static int verb_of_fall_to_death(const sr_doc *d, const sr_match *m)
{
    const sr_tokens *t = &d->t;
    if (m->tok_end != m->tok_begin + 1 || !sr_tok_in(d, m->tok_begin, SR_W_FALL_VERBS))
        return 0;
    size_t e = t->sent[t->tok[m->tok_begin].sent].tok_end;
    for (size_t i = m->tok_end; i + 2 < e && i - m->tok_end < 6; i++)
        if (sr_tok_is(t, i, "to") &&
            (sr_tok_is(t, i + 1, "his") || sr_tok_is(t, i + 1, "her") || sr_tok_is(t, i + 1, "their")) &&
            (sr_tok_is(t, i + 2, "death") || sr_tok_is(t, i + 2, "deaths")))
            return 1;
    return 0;
}

/* Is the person at token i the agent of a passive harm verb: "by" within
 * four words before it ("by a group of armed men"), itself right after a
 * harm participle ("was kidnapped by", "riddled with bullets by")? */
static int passive_agent(const sr_doc *d, size_t i)
{
    const sr_tokens *t = &d->t;
    uint32_t s = t->tok[i].sent;
    size_t sb = t->sent[s].tok_begin;
    for (size_t j = i, n = 0; j > sb && n < 4; n++) {
        j--;
        if (t->tok[j].kind == SR_TOK_PUNCT)
            return 0;
        if (!sr_tok_is(t, j, "by"))
            continue;
        for (size_t k = j, m = 0; k > sb && m < 3; m++) {
            k--;
            if (sr_tok_in(d, k, SR_W_HARM_PEOPLE) || sr_tok_in(d, k, SR_W_HARM_THINGS))
                return 1;
        }
        return 0;
    }
    return 0;
}

/* The end of the "of" phrase that starts at token i ("of the army", "of
 * the 6th Infantry Brigade"): up to six words, not past punctuation, a
 * verb of harm, an auxiliary ("were") or a preposition, conjunction or time word ("of the army in
 * Ayacucho", "of the police yesterday"); i itself when no "of" starts
 * there. */
static size_t of_phrase_end(const sr_doc *d, size_t i)
{
    const sr_tokens *t = &d->t;
    size_t end = t->sent[t->tok[i > 0 ? i - 1 : 0].sent].tok_end, e0 = i;
    if (i >= end || !sr_tok_is(t, i, "of"))
        return i;
    e0++;
    while (e0 < end && e0 - i < 6 && t->tok[e0].kind != SR_TOK_PUNCT && !sr_tok_in(d, e0, SR_W_HARM_PEOPLE) &&
           !sr_tok_in(d, e0, SR_W_HARM_THINGS) && !sr_tok_in(d, e0, SR_W_PASSIVE) &&
           !sr_tok_in(d, e0, SR_W_OF_PHRASE_STOP) && !(e0 + 1 < end && sr_tok_is(t, e0 + 1, "by")))
        e0++;
    return e0 > i + 1 ? e0 : i;
}

/* Is the blame for a crime laid on the people whose words end before token
 * i: "soldiers involved in the killing", "armed forces elements are
 * responsible for the murder of", "the colonels who were implicated in the
 * crime", "members of the army participated in the massacre"?  A noun of
 * members may come first ("elements", "personnel"), then "who" and up to
 * two auxiliaries or adverbs, the blame words and, within three words, the
 * crime. */
static int blamed_for(const sr_doc *d, size_t i, size_t end)
{
    static const char *const members[] = {"members", "elements", "personnel", NULL};
    static const char *const aux[] = {"who", "are", "were", "is", "was", "have", "had", "been",
                                      "allegedly", "reportedly", "directly", "also", NULL};
    static const char *const crimes[] = {"murder", "murders", "killing", "killings", "assassination",
                                         "assassinations", "massacre", "massacres", "crime", "crimes",
                                         "death", "deaths", "kidnapping", "abduction", "attack",
                                         "attacks", "bombing", "slaying", "slayings", "execution",
                                         "executions", "disappearance", NULL};
    const sr_tokens *t = &d->t;
    for (size_t k = 0; i < end && members[k]; k++)
        if (sr_tok_is(t, i, members[k])) {
            i++;
            break;
        }
    for (size_t n = 0; i < end && n < 3; n++) {
        int hit = 0;
        for (size_t k = 0; aux[k] && !hit; k++)
            hit = sr_tok_is(t, i, aux[k]);
        if (!hit)
            break;
        i++;
    }
    if (i + 1 >= end)
        return 0;
    if (!((sr_tok_is(t, i, "responsible") && sr_tok_is(t, i + 1, "for")) ||
          ((sr_tok_is(t, i, "involved") || sr_tok_is(t, i, "implicated") || sr_tok_is(t, i, "participated")) &&
           sr_tok_is(t, i + 1, "in"))))
        return 0;
    for (size_t j = i + 2; j < end && j < i + 6; j++) {
        if (t->tok[j].kind == SR_TOK_PUNCT && !sr_tok_is(t, j, "'s") && !sr_tok_is(t, j, "'"))
            return 0;
        for (size_t k = 0; crimes[k]; k++)
            if (sr_tok_is(t, j, crimes[k]))
                return 1;
    }
    return 0;
}

/* Are the people at tokens [b, e) accused of or blamed for a crime:
 * "accused the army of killing", "blamed the Salvadoran army for the
 * murder of"?  The accusing verb up to three words before them (past
 * "the" and modifiers), "of" or "for" after them (past their "of"
 * phrase), then within two words a crime or a verb of harm. */
static int accused_agent(const sr_doc *d, size_t b, size_t e)
{
    static const char *const accuse[] = {"accused", "accuses", "accuse", "accusing", "blamed",
                                         "blames", "blame", "blaming", NULL};
    static const char *const crimes[] = {"murder", "murders", "killing", "killings", "assassination",
                                         "massacre", "crime", "crimes", "death", "deaths", "attack",
                                         "attacks", "bombing", "kidnapping", "murdering", "assassinating",
                                         "attacking", "massacring", "kidnapping", "perpetrating",
                                         "bombing", "firing", "shooting", NULL};
    const sr_tokens *t = &d->t;
    uint32_t s = t->tok[b].sent;
    size_t sb = t->sent[s].tok_begin, end = t->sent[s].tok_end;
    int acc = 0;
    for (size_t j = b, n = 0; j > sb && n < 4 && !acc; n++) {
        j--;
        if (t->tok[j].kind == SR_TOK_PUNCT)
            break;
        for (size_t k = 0; accuse[k] && !acc; k++)
            acc = sr_tok_is(t, j, accuse[k]);
    }
    if (!acc)
        return 0;
    size_t i = of_phrase_end(d, e);
    if (i >= end || !(sr_tok_is(t, i, "of") || sr_tok_is(t, i, "for")))
        return 0;
    for (size_t j = i + 1; j < end && j < i + 4; j++)
        for (size_t k = 0; crimes[k]; k++)
            if (sr_tok_is(t, j, crimes[k]))
                return 1;
    return 0;
}

/* Is the attacker noun at token b the object of a preposition that makes
 * it no doer: "fighting between the troops and the rebels", "an
 * operation against guerrillas", "a clash with the rebels" (past "the"
 * and up to two modifiers or a number)?  (Not "hunting for four robbers":
 * the ones searched for are the doers.)
 * (Not "according to the guerrillas": the doers may speak of it.) */
static int not_doer(const sr_doc *d, size_t b)
{
    static const char *const preps[] = {"between", "against", "with", "among", NULL};
    const sr_tokens *t = &d->t;
    uint32_t s = t->tok[b].sent;
    size_t sb = t->sent[s].tok_begin;
    for (size_t j = b, n = 0; j > sb && n < 4; n++) {
        j--;
        if (t->tok[j].kind == SR_TOK_PUNCT)
            return 0;
        for (size_t k = 0; preps[k]; k++)
            if (sr_tok_is(t, j, preps[k]))
                return 1;
        if (sr_tok_is(t, j, "by") || sr_tok_is(t, j, "of") || sr_tok_is(t, j, "and"))
            return 0;
    }
    return 0;
}

/* Is the person at tokens [b, e) the subject of an active verb of harm
 * right after it: "soldiers killed six priests", "members of the Atlacatl
 * battalion opened fire on ..."?  One "of" phrase or an adverb may come
 * between; a passive auxiliary ("soldiers were killed") or any other word
 * ends the search. */
static int active_agent(const sr_doc *d, size_t b, size_t e)
{
    static const char *const verbs[] = {"killed", "murdered", "massacred", "shot", "kidnapped",
                                        "abducted", "tortured", "executed", "machinegunned",
                                        "attacked", "ambushed", "raided", "opened", "fired",
                                        "stabbed", "beat", "burned", "assassinated", NULL};
    const sr_tokens *t = &d->t;
    uint32_t s = t->tok[b].sent;
    size_t i = of_phrase_end(d, e), end = t->sent[s].tok_end;
    /* "troops, commanded by a captain, murdered": past a phrase set off by
     * commas of up to eight words */
    if (i < end && sr_tok_is(t, i, ",")) {
        size_t j = i + 1;
        while (j < end && j - i < 10 && t->tok[j].kind != SR_TOK_PUNCT)
            j++;
        if (j < end && j > i + 1 && j - i < 10 && sr_tok_is(t, j, ","))
            i = j + 1;
    }
    /* "troops commanded by Lieutenant X murdered": a verb of harm within
     * five words after "commanded / led / headed by" */
    if (i > 0 && i < end && sr_tok_is(t, i, "by") && !sr_tok_is(t, i - 1, "by"))
        i--; /* an "of" phrase may have run over the participle */
    if (i + 1 < end && (sr_tok_is(t, i, "commanded") || sr_tok_is(t, i, "led") || sr_tok_is(t, i, "headed")) &&
        sr_tok_is(t, i + 1, "by")) {
        for (size_t j = i + 2; j < end && j < i + 8 && t->tok[j].kind != SR_TOK_PUNCT; j++)
            for (size_t k = 0; verbs[k]; k++)
                if (sr_tok_is(t, j, verbs[k]))
                    return 1;
    }
    if (i < end && (sr_tok_is(t, i, "allegedly") || sr_tok_is(t, i, "reportedly")))
        i++;
    for (size_t k = 0; i < end && verbs[k]; k++)
        if (sr_tok_is(t, i, verbs[k]))
            return 1;
    /* "the guards started firing", "two policemen accused of carrying out
     * the killings" */
    if (i + 1 < end && (sr_tok_is(t, i, "began") || sr_tok_is(t, i, "started")) &&
        (sr_tok_is(t, i + 1, "shooting") || sr_tok_is(t, i + 1, "firing")))
        return 1;
    if (i + 1 < end && sr_tok_is(t, i, "accused") && sr_tok_is(t, i + 1, "of"))
        return 1;
    return blamed_for(d, i, end);
}

/* Do the perpetrators at tokens [b, e) act in a sentence that names no
 * event?  "four armed men forced the driver off the road", "a masked man
 * stepped off a bus and placed a parcel by the gate":
 * the verb right after them is one of the doing of an attack. */
static int doer_verb(const sr_doc *d, size_t b, size_t e)
{
    static const char *const verbs[] = {"forced", "placed", "planted", "threw", "hurled", "stepped",
                                        "burst", "stormed", "broke", "intercepted", "seized", "set",
                                        "took", "dragged", "fled", "escaped", "approached", NULL};
    const sr_tokens *t = &d->t;
    uint32_t s = t->tok[b].sent;
    size_t i = of_phrase_end(d, e), end = t->sent[s].tok_end;
    if (i < end && (sr_tok_is(t, i, "allegedly") || sr_tok_is(t, i, "reportedly") || sr_tok_is(t, i, "then")))
        i++;
    for (size_t k = 0; i < end && verbs[k]; k++)
        if (sr_tok_is(t, i, verbs[k]))
            return 1;
    return active_agent(d, b, e);
}

/* "two men on a motorcycle threw", "two men riding on a motorcycle set
 * off", "individuals wearing uniforms fired": a verb of the doing after a
 * short phrase that tells how the people at token e came or looked. */
static int rider_verb(const sr_doc *d, size_t e)
{
    static const char *const lead[] = {"on", "riding", "aboard", "wearing", "dressed", "in", NULL};
    static const char *const verbs[] = {"threw", "hurled", "fired", "shot", "killed", "opened", "set",
                                        "placed", "planted", "intercepted", "attacked", "machinegunned",
                                        "kidnapped", "abducted", "forced", NULL};
    const sr_tokens *t = &d->t;
    if (e == 0 || e >= t->ntok)
        return 0;
    uint32_t s = t->tok[e - 1].sent;
    size_t end = t->sent[s].tok_end;
    int ok = 0;
    for (size_t k = 0; e < end && lead[k] && !ok; k++)
        ok = sr_tok_is(t, e, lead[k]);
    if (!ok)
        return 0;
    for (size_t i = e + 1; i < end && i - e < 7 && t->tok[i].kind != SR_TOK_PUNCT; i++)
        for (size_t k = 0; verbs[k]; k++)
            if (sr_tok_is(t, i, verbs[k]))
                return 1;
    return 0;
}

/* "the device was planted by two young men", "stopped by three
 * individuals", "carried out by uniformed men": "by" right before the
 * people at token b (past up to two words) after a verb of the doing. */
static int placed_by(const sr_doc *d, size_t b)
{
    static const char *const done[] = {"planted", "placed", "intercepted", "out", "off", "thrown",
                                       "riddled", "perpetrated", "committed", NULL};
    const sr_tokens *t = &d->t;
    uint32_t s = t->tok[b].sent;
    size_t sb = t->sent[s].tok_begin;
    for (size_t j = b, n = 0; j > sb + 1 && n < 3; n++) {
        j--;
        if (t->tok[j].kind == SR_TOK_PUNCT)
            return 0;
        if (!sr_tok_is(t, j, "by"))
            continue;
        for (size_t k = 0; done[k]; k++)
            if (sr_tok_is(t, j - 1, done[k]) || (j > sb + 2 && sr_tok_is(t, j - 3, done[k])))
                return 1;
        return 0;
    }
    return 0;
}

/* Is the person or facility at tokens [b, e) on the receiving end of the
 * violence, as the sentence says?  A mention in an eventful sentence may be
 * the army that denies, the minister who condemns, the police who report:
 * only the acted-upon are targets.  The tests, within the clause:
 *   - a harm verb or preposition before it ("killed two peasants",
 *     "attacked the police station", "an attack on the embassy");
 *   - a harm noun with "of" before it ("the murder of six Jesuits");
 *   - a passive or intransitive harm after it ("the mayor was shot",
 *     "three soldiers died", "the building was destroyed");
 *   - a figure statement that covers it ("12 people were killed").
 * (The word lists are in sr_words.c: SR_W_HARM_PEOPLE / _THINGS / _NOUNS /
 * _AUX / _STOP, SR_W_PASSIVE.) */
static int victim_participle(const sr_doc *d, size_t i)
{
    static const char *const parts[] = {"killed", "murdered", "assassinated", "kidnapped", "abducted",
                                        "wounded", "injured", "slain", "executed", "massacred",
                                        "tortured", "machinegunned", NULL};
    static const char *const after[] = {"by", "on", "in", "at", "last", "yesterday", "today", "near",
                                        "during", "while", "when", "after", "early", "late", "this",
                                        ",", ".", ";", NULL};
    const sr_tokens *t = &d->t;
    uint32_t s = t->tok[i].sent;
    int part = 0;
    for (size_t k = 0; parts[k] && !part; k++)
        part = sr_tok_is(t, i, parts[k]);
    if (!part)
        return 0;
    if (i + 1 >= t->sent[s].tok_end)
        return 1;
    for (size_t k = 0; after[k]; k++)
        if (sr_tok_is(t, i + 1, after[k]))
            return 1;
    return 0;
}

/* A word of a date phrase: "on", a number, a month or a weekday. */
static int date_word(const sr_doc *d, size_t i)
{
    static const char *const w[] = {"on", "january", "february", "march", "april", "may", "june", "july",
                                    "august", "september", "october", "november", "december", "monday",
                                    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                    NULL};
    if (d->t.tok[i].kind == SR_TOK_NUM)
        return 1;
    for (size_t k = 0; w[k]; k++)
        if (sr_tok_is(&d->t, i, w[k]))
            return 1;
    return 0;
}

/* "many houses have been destroyed": a facility told as destroyed or
 * damaged in the passive right after it, an act's effect even where the
 * sentence names no event. */
static int wrecked_after(const sr_doc *d, size_t e)
{
    const sr_tokens *t = &d->t;
    uint32_t s = t->tok[e > 0 ? e - 1 : 0].sent;
    int passive = 0;
    for (size_t i = e; i < t->sent[s].tok_end && i < e + 5; i++) {
        if (sr_tok_in(d, i, SR_W_PASSIVE)) {
            passive = 1;
            continue;
        }
        if (sr_tok_is(t, i, "has") || sr_tok_is(t, i, "have") || sr_tok_is(t, i, "had") ||
            sr_tok_is(t, i, "also") || sr_tok_is(t, i, "completely") || sr_tok_is(t, i, "totally") ||
            sr_tok_is(t, i, "partially") || sr_tok_is(t, i, "badly") || sr_tok_is(t, i, "heavily") ||
            sr_tok_is(t, i, "seriously"))
            continue;
        return passive && (sr_tok_is(t, i, "destroyed") || sr_tok_is(t, i, "damaged"));
    }
    return 0;
}

static int acted_upon(const sr_doc *d, size_t b, size_t e, int physical)
{
    const sr_tokens *t = &d->t;
    uint32_t s = t->tok[b].sent;
    int harm = physical ? SR_W_HARM_THINGS : SR_W_HARM_PEOPLE;
    for (size_t k = 0; k < d->ncx; k++) {
        const sr_countx *c = &d->cx[k];
        if (c->sent == s && c->tok_begin <= b && c->tok_end >= e && c->figure != SITREP_ARRESTED)
            return 1;
    }
    /* before: up to seven words back, across modifiers, numbers, "and" and
     * commas of a list, not across a sentence or clause boundary */
    for (size_t i = b, n = 0; i > t->sent[s].tok_begin && n < 7;) {
        i--;
        if (t->tok[i].kind == SR_TOK_PUNCT && !sr_tok_is(t, i, ",") && !sr_tok_is(t, i, "-") &&
            !sr_tok_is(t, i, "'s") && !sr_tok_is(t, i, "\""))
            break;
        if (t->tok[i].kind != SR_TOK_PUNCT && !sr_tok_is(t, i, "and") && !sr_tok_is(t, i, "or"))
            n++; /* words count, not the commas and "and" of a list */
        if (sr_tok_in(d, i, harm))
            return 1;
        if (sr_tok_is(t, i, "of") || sr_tok_is(t, i, "on") || sr_tok_is(t, i, "against")) {
            if (i > t->sent[s].tok_begin && sr_tok_in(d, i - 1, SR_W_HARM_NOUNS))
                return 1;
            if (i > t->sent[s].tok_begin + 1 && sr_tok_in(d, i - 2, SR_W_HARM_NOUNS))
                return 1;
            /* "the assassination on 15 September of a student": over the
             * date between the noun and its "of" */
            size_t j = i;
            while (j > t->sent[s].tok_begin && i - j < 5 && date_word(d, j - 1))
                j--;
            if (j < i && j > t->sent[s].tok_begin + 1 && sr_tok_is(t, j, "on") &&
                sr_tok_in(d, j - 1, SR_W_HARM_NOUNS))
                return 1;
        }
        /* "a bomb went off today in a downtown cafe": a building, not a
         * place, is hit by what goes off inside it */
        if (physical && (sr_tok_is(t, i, "in") || sr_tok_is(t, i, "inside"))) {
            size_t v = i;
            while (v > t->sent[s].tok_begin && i - v < 3 &&
                   (sr_tok_is(t, v - 1, "today") || sr_tok_is(t, v - 1, "yesterday") ||
                    sr_tok_is(t, v - 1, "tonight") || sr_tok_is(t, v - 1, "early") ||
                    sr_tok_is(t, v - 1, "off") || sr_tok_is(t, v - 1, "up")))
                v--;
            if (v > t->sent[s].tok_begin && (sr_tok_is(t, v - 1, "exploded") || sr_tok_is(t, v - 1, "went") ||
                                             sr_tok_is(t, v - 1, "blew") || sr_tok_is(t, v - 1, "detonated")))
                return 1;
            /* "placed 11 bombs in various bank branches", "a bomb was
             * planted in the office" */
            if (v > t->sent[s].tok_begin &&
                (sr_tok_is(t, v - 1, "bomb") || sr_tok_is(t, v - 1, "bombs") || sr_tok_is(t, v - 1, "explosives") ||
                 sr_tok_is(t, v - 1, "placed") || sr_tok_is(t, v - 1, "planted")))
                return 1;
        }
        /* "the terrorists' target was the liquor plant" */
        if ((sr_tok_is(t, i, "was") || sr_tok_is(t, i, "were")) && i > t->sent[s].tok_begin &&
            (sr_tok_is(t, i - 1, "target") || sr_tok_is(t, i - 1, "targets") ||
             sr_tok_is(t, i - 1, "objective")))
            return 1;
        /* "set fire to three trucks"; "levelled machinegun fire at a
         * watchman", "opened fire on a bus" */
        if (((physical && sr_tok_is(t, i, "to")) || sr_tok_is(t, i, "at") || sr_tok_is(t, i, "on")) &&
            i > t->sent[s].tok_begin && sr_tok_is(t, i - 1, "fire"))
            return 1;
        if (sr_tok_in(d, i, SR_W_HARM_STOP))
            break; /* "attacked a checkpoint in the town of Rafah": not the town */
    }
    /* after: "was (reportedly) killed", "died", "were destroyed", also past
     * an apposition ("Carlos Pizarro, candidate of the M-19, was shot"); an
     * active harm verb makes it the agent ("soldiers killed two peasants") */
    int passive = 0, skipping = 0, skipped = 0;
    for (size_t i = e, n = 0; i < t->sent[s].tok_end && n < 14; i++, n++) {
        /* a participle right after the people or after their apposition's
         * comma, followed by no object: "the Jesuits murdered last Friday
         * by men in uniform", "a priest, kidnapped on 15 February, ..." */
        if (!passive && (i == e || (i > e && sr_tok_is(t, i - 1, ","))) && victim_participle(d, i))
            return 1;
        if (sr_tok_in(d, i, SR_W_PASSIVE)) {
            passive = 1;
            skipping = 0;
            continue;
        }
        if (sr_tok_is(t, i, "\""))
            continue;
        if (skipping && sr_tok_is(t, i, ",")) {
            skipping = 0;
            continue;
        }
        if (sr_tok_is(t, i, "died") || sr_tok_is(t, i, "die") || sr_tok_is(t, i, "disappeared") ||
            (passive && (sr_tok_is(t, i, "dead") || sr_tok_is(t, i, "missing"))))
            return 1;
        if (sr_tok_in(d, i, harm) && !sr_tok_in(d, i, SR_W_HARM_STOP) && !sr_tok_is(t, i, "against") &&
            !sr_tok_is(t, i, "on") && !sr_tok_is(t, i, "at") && !sr_tok_is(t, i, "near") &&
            !sr_tok_is(t, i, "outside") && !sr_tok_is(t, i, "front")) {
            if (passive || !skipping)
                return passive;
            continue;
        }
        if (skipping || sr_tok_in(d, i, SR_W_HARM_AUX))
            continue;
        /* "the minister's residence was the target (the objective) of a
         * bomb attack" */
        if (passive && sr_tok_is(t, i, "the") && i + 2 < t->sent[s].tok_end &&
            (sr_tok_is(t, i + 1, "target") || sr_tok_is(t, i + 1, "targets") || sr_tok_is(t, i + 1, "objective")) &&
            sr_tok_is(t, i + 2, "of"))
            return 1;
        if (skipped || passive)
            break;
        /* one apposition or post-modifier, up to its comma */
        skipping = 1;
        skipped = 1;
    }
    return 0;
}

/* A list separator ending at token j: ",", "and", "or", "as well as";
 * returns the number of its tokens, 0 when none. */
static size_t list_sep(const sr_doc *d, size_t j, size_t sb)
{
    const sr_tokens *t = &d->t;
    if (sr_tok_is(t, j, ",") || sr_tok_is(t, j, "and") || sr_tok_is(t, j, "or"))
        return 1;
    if (j >= sb + 2 && sr_tok_is(t, j, "as") && sr_tok_is(t, j - 1, "well") && sr_tok_is(t, j - 2, "as"))
        return 3;
    return 0;
}

/* "damaged a book store, the state bank, a hotel and several shops": an
 * item of a list is acted upon when the item before it is, however long
 * the list runs past acted_upon's seven-word reach.  The separator comes
 * at most three words (a determiner and modifiers) before the item, right
 * after the previous item of the same class (past a closing quote). */
static int listed_upon(const sr_doc *d, size_t b, size_t e, int cls, int physical, int depth)
{
    const sr_tokens *t = &d->t;
    uint32_t s = t->tok[b].sent;
    size_t sb = t->sent[s].tok_begin;
    /* the "well" of "as well as" is no water well */
    if (b > sb && e == b + 1 && e < t->sent[s].tok_end && sr_tok_is(t, b, "well") && sr_tok_is(t, b - 1, "as") &&
        sr_tok_is(t, e, "as"))
        return 0;
    if (acted_upon(d, b, e, physical))
        return 1;
    if (depth == 0)
        return 0;
    size_t i = b, words = 0, sep = 0;
    while (i > sb && !sep) {
        size_t j = i - 1;
        if (sr_tok_is(t, j, "\"") || sr_tok_is(t, j, "'s") || sr_tok_is(t, j, "-")) {
            i = j;
            continue;
        }
        sep = list_sep(d, j, sb);
        if (sep)
            break;
        if (t->tok[j].kind == SR_TOK_PUNCT || ++words > 3 || sr_tok_in(d, j, SR_W_HARM_STOP))
            return 0;
        i = j;
    }
    if (!sep)
        return 0;
    /* back over the separators (", and") and quotes to the previous item */
    size_t p = i - sep;
    while (p > sb) {
        size_t n = list_sep(d, p - 1, sb);
        if (n && p - n > sb)
            p -= n;
        else if (sr_tok_is(t, p - 1, "\""))
            p--;
        else
            break;
    }
    if (p <= sb || t->tok[p - 1].kind == SR_TOK_PUNCT)
        return 0;
    for (size_t q = p, n = 0; q > sb && n < 8; n++) {
        q--;
        if (!d->mt_at[q])
            continue;
        for (size_t k = d->mt_at[q] - 1; k < d->nmt && d->mt[k].tok_begin == q; k++)
            if (d->mt[k].cls == cls && d->mt[k].tok_end == p)
                return listed_upon(d, q, p, cls, physical, depth - 1);
    }
    return 0;
}

/* Attack nouns after "across" or "one of N": "across the three blasts". */
static int attack_noun(const sr_doc *d, size_t i)
{
    static const char *const nouns[] = {"attacks", "blasts", "assaults", "events", "incidents",
                                        "explosions", "locations", "strikes", "bombings", "raids",
                                        "shootings", "attack", "areas", "sites", NULL};
    const char *n = sr_tok_norm(&d->t, i);
    for (size_t k = 0; nouns[k]; k++)
        if (strcmp(n, nouns[k]) == 0)
            return 1;
    return 0;
}

/* A figure given for several incidents together ("20 soldiers were killed
 * across the five attacks", "fatalities split between the two locations"):
 * returns the number of incidents it covers (>= 2), else 0.  GTD and ACLED
 * divide such figures evenly; the incident's share is value / N. */
static int64_t aggregate_divisor(const sr_doc *d, const sr_countx *c)
{
    const sr_tokens *t = &d->t;
    const sr_sentence *S = &t->sent[c->sent];
    int64_t n = 0;
    int cue = 0;
    for (size_t i = S->tok_begin; i < S->tok_end && !n; i++) {
        int across = sr_tok_is(t, i, "across");
        int split = sr_tok_is(t, i, "split") && i + 1 < S->tok_end &&
                    (sr_tok_is(t, i + 1, "between") || sr_tok_is(t, i + 1, "across") ||
                     sr_tok_is(t, i + 1, "among"));
        if (!across && !split)
            continue;
        size_t j = i + 1 + (size_t)split;
        for (size_t k = j; k < S->tok_end && k < j + 5; k++) {
            if (sr_tok_is(t, k, "both")) {
                n = 2;
                break;
            }
            if (d->nx_at[k]) {
                const sr_numx *x = &d->nx[d->nx_at[k] - 1];
                if (x->num.qualifier == SITREP_Q_EXACT && x->num.value >= 2 && x->num.value <= 30)
                    n = x->num.value;
                break;
            }
            if (attack_noun(d, k)) {
                cue = 1;
                break;
            }
        }
    }
    if (!n && cue) {
        /* "This was one of five related attacks" */
        for (size_t i = 0; i + 3 < t->ntok && !n; i++)
            if (sr_tok_is(t, i, "one") && sr_tok_is(t, i + 1, "of") && d->nx_at[i + 2]) {
                const sr_numx *x = &d->nx[d->nx_at[i + 2] - 1];
                for (size_t k = x->tok_end; k < t->ntok && k < x->tok_end + 4; k++)
                    if (attack_noun(d, k) && x->num.value >= 2 && x->num.value <= 30)
                        n = x->num.value;
            }
    }
    return n;
}

/* How many suicide attackers the incident names ("a suicide bomber" 1,
 * "three suicide bombers" 3), 0 when none or when the casualty sentence
 * already counts attackers ("including the bombers", "the assailant"). */
static int64_t suicide_attackers(const sr_doc *d, const sent_info *si, int inc, const sr_countx *best)
{
    const sr_tokens *t = &d->t;
    const sr_sentence *S = &t->sent[best->sent];
    for (size_t q = S->tok_begin; q < S->tok_end; q++)
        if (match_of(d, q, d->m->cls.perp))
            return 0; /* attackers named where the dead are counted */
    /* "14 people were killed" counts everyone; "five soldiers" the victims */
    for (size_t q = best->tok_begin; q < best->tok_end && q < best->tok_begin + 6; q++)
        if (sr_tok_is(t, q, "people") || sr_tok_is(t, q, "persons") || sr_tok_is(t, q, "others") ||
            sr_tok_is(t, q, "total"))
            return 0;
    for (size_t k = 0; k < d->nmt; k++) {
        const sr_match *m = &d->mt[k];
        if (m->cls != d->m->cls.perp || !in_incident(d, si, inc, m->tok_begin))
            continue;
        if (!sr_tok_is(t, m->tok_begin, "suicide") && !(m->tok_begin > 0 && sr_tok_is(t, m->tok_begin - 1, "suicide")))
            continue;
        /* "three suicide bombers", "a suicide bomber" */
        size_t b = m->tok_begin;
        if (b > 0 && sr_tok_is(t, b - 1, "suicide"))
            b--;
        for (size_t q = b; q > 0 && b - q < 3; q--) {
            size_t r = q - 1;
            if (d->nx_at[r]) {
                const sr_numx *x = &d->nx[d->nx_at[r] - 1];
                if (x->tok_end == b && x->num.qualifier == SITREP_Q_EXACT)
                    return x->num.value;
            }
        }
        const char *last = sr_tok_norm(t, m->tok_end - 1);
        size_t ll = strlen(last);
        return ll > 0 && last[ll - 1] == 's' ? 0 : 1; /* "suicide bombers": how many? */
    }
    return 0;
}

/* Is token i part of a credited source ("according to the health
 * ministry", "..., police said")?  Sources are not targets or venues. */
static int in_source(const sr_doc *d, size_t i)
{
    for (size_t k = 0; k < d->ncx; k++)
        if (i >= d->cx[k].src_begin && i < d->cx[k].src_end)
            return 1;
    const sr_tokens *t = &d->t;
    for (size_t j = i; j > 0 && i - j < 5; j--)
        if (sr_tok_is(t, j - 1, "according") || is_punct_sep(d, j - 1))
            return sr_tok_is(t, j - 1, "according");
    return 0;
}

/* The second-level region a place lies in, into L->admin2 (empty if none). */
static void set_admin2(const sr_doc *d, const sr_place *pl, sitrep_location *L)
{
    sr_place a2;
    if (d->m->gaz && sr_gaz_admin2_of(d->m->gaz, pl->admin2_id, &a2)) {
        L->admin2.ptr = a2.name;
        L->admin2.len = a2.name_len;
    }
}

static const char *precision_of(const sr_place *pl)
{
    return pl->kind == SR_PLACE_CITY     ? "city"
           : pl->kind == SR_PLACE_ADMIN2 ? "admin2"
           : pl->kind == SR_PLACE_ADMIN1 ? "admin1"
                                         : "country";
}

/* The location of an incident whose sentences name no place: the country
 * the article is about ("Syrian Arab Army soldiers", a group that operates
 * in one country), at country precision, with the words it rests on. */
static void country_location(const sr_doc *d, sitrep_location *L)
{
    if (!d->m->gaz)
        return;
    sr_place cp;
    if (sr_gaz_country(d->m->gaz, d->top_cc, &cp)) {
        L->known = 1;
        L->resolved = 1;
        L->name.ptr = cp.name;
        L->name.len = cp.name_len;
        memcpy(L->country, cp.country, 3);
        L->lat = cp.lat;
        L->lon = cp.lon;
        L->precision = "country";
        L->relation = "in";
        if (d->top_tok_end > d->top_tok_begin) {
            L->text = str_tokens(d, d->top_tok_begin, d->top_tok_end);
            L->evidence = ev_tokens(d, d->top_tok_begin, d->top_tok_end);
        }
    }
}

/* Add the individual perpetrator at tokens [b, e) to P (n of cap used)
 * unless an individual is already there: the first one named is the one
 * the story puts forward. */
static void add_individual(const sr_doc *d, sitrep_perpetrator *P, size_t *n, size_t cap, size_t b, size_t e)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(P[i].kind, "individual") == 0)
            return;
    if (*n == cap)
        return;
    P[*n].name = str_tokens(d, b, e);
    P[*n].kind = "individual";
    P[*n].claim = "unknown";
    P[*n].evidence = ev_tokens(d, b, e);
    (*n)++;
}

static sitrep_status fill_incident(sr_doc *d, sent_info *si, int inc, inc_build *b)
{
    const sr_classes *C = &d->m->cls;
    const sr_tokens *t = &d->t;
    sitrep_incident *I = b->inc;
    int has_attack_ctx = 0;

    /* perpetrators, weapons, targets, types */
    size_t pcap = 8, wcap = 8, tcap = 12;
    sitrep_perpetrator *P = sr_arena_array(d->ar, pcap, sizeof *P);
    sitrep_weapon *W = sr_arena_array(d->ar, wcap, sizeof *W);
    sitrep_target *G = sr_arena_array(d->ar, tcap, sizeof *G);
    sitrep_type *Y = sr_arena_array(d->ar, T_N, sizeof *Y);
    if (!P || !W || !G || !Y)
        return SITREP_E_NOMEM;
    size_t np = 0, nw = 0, ng = 0, ny = 0;
    int weapon_seen[16] = {0};
    int lead_weapon[16] = {0};
    int lead_type[T_N] = {0};
    int lead_weak[T_N] = {0};
    long wrank[8];
    sitrep_evidence weak_type[T_N];
    sitrep_evidence burned = {0}; /* "burned" (a weak fire) set by someone */
    memset(weak_type, 0, sizeof weak_type);

    for (size_t k = 0; k < d->nmt; k++) {
        const sr_match *m = &d->mt[k];
        if (!in_incident(d, si, inc, m->tok_begin))
            continue;
        const sr_lex_entry *e = sr_doc_entry(d, m);
        uint32_t s = t->tok[m->tok_begin].sent;
        int eventful = si[s].eventful;
        if (m->cls == C->group) {
            has_attack_ctx = 1;
            /* a group right after "targeting"/"against" is a target */
            int is_target = 0;
            for (size_t q = m->tok_begin; q > 0 && m->tok_begin - q < 3; q--)
                if (sr_tok_in(d, q - 1, SR_W_TARGET_PREPS))
                    is_target = 1;
            if (is_target) {
                if (ng < tcap) {
                    G[ng].text = str_tokens(d, m->tok_begin, m->tok_end);
                    G[ng].kind = "human";
                    G[ng].type = "terrorists";
                    G[ng].evidence = ev_tokens(d, m->tok_begin, m->tok_end);
                    ng++;
                }
                continue;
            }
            size_t dup = 0;
            while (dup < np && !(P[dup].name.len == strlen(e->value) &&
                                 memcmp(P[dup].name.ptr, e->value, P[dup].name.len) == 0))
                dup++;
            /* claim status from the nearest claim phrase in the sentence */
            const sr_sentence *S = &t->sent[s];
            const char *claim = eventful ? "attributed" : "unknown";
            sitrep_evidence cev = {0, 0};
            size_t bestdist = (size_t)-1;
            for (size_t q = S->tok_begin; q < S->tok_end; q++) {
                const sr_match *cm = match_of(d, q, C->claim);
                if (!cm)
                    continue;
                /* "no group claimed", "has not claimed" */
                int neg = 0;
                for (size_t r = q; r > S->tok_begin && q - r < 4; r--)
                    if (sr_tok_is(t, r - 1, "no") || sr_tok_is(t, r - 1, "not") ||
                        sr_tok_is(t, r - 1, "nobody") || sr_tok_is(t, r - 1, "yet"))
                        neg = 1;
                if (neg)
                    continue;
                size_t dist = q > m->tok_begin ? q - m->tok_begin : m->tok_begin - q;
                if (dist < bestdist) {
                    bestdist = dist;
                    const sr_lex_entry *ce = sr_doc_entry(d, cm);
                    int ci = slug_index(claim_states, ce->value);
                    if (ci >= 0)
                        claim = claim_states[ci];
                    cev = ev_tokens(d, cm->tok_begin, cm->tok_end);
                }
            }
            if (dup < np) {
                if (strcmp(P[dup].claim, "claimed") != 0 && strcmp(claim, "unknown") != 0 &&
                    strcmp(claim, "attributed") != 0) {
                    P[dup].claim = claim;
                    P[dup].claim_evidence = cev;
                }
                continue;
            }
            if (np == pcap)
                continue;
            P[np].name.ptr = e->value;
            P[np].name.len = strlen(e->value);
            P[np].kind = "organization";
            P[np].claim = claim;
            P[np].evidence = ev_tokens(d, m->tok_begin, m->tok_end);
            P[np].claim_evidence = cev;
            np++;
        } else if (m->cls == C->weapon) {
            int wi = slug_index(weapon_slugs, e->value);
            int wweak = strstr(e->flags, "weak") != NULL;
            if (wi >= 0 && s == b->first_sent)
                lead_weapon[wi] = 1;
            if (!wweak)
                has_attack_ctx = 1; /* "an explosion" alone may be a gas leak */
            if (wi < 0 || nw == wcap)
                continue;
            if (weapon_seen[wi]) {
                /* a firm mention replaces a weak one of the same type */
                for (size_t q = 0; q < nw; q++)
                    if (W[q].type == weapon_slugs[wi] && wrank[q] % 100000L >= 50000L && !wweak &&
                        wrank[q] / 100000L == (long)s) {
                        wrank[q] = (long)s * 100000L + (long)(m->tok_begin - t->sent[s].tok_begin);
                        W[q].text = str_tokens(d, m->tok_begin, m->tok_end);
                        W[q].evidence = ev_tokens(d, m->tok_begin, m->tok_end);
                    }
                continue;
            }
            weapon_seen[wi] = 1;
            /* primary first: by sentence (the lead's weapon leads), firm
             * words before weak ones, then by position */
            wrank[nw] = (long)s * 100000L + (wweak ? 50000L : 0) + (long)(m->tok_begin - t->sent[s].tok_begin);
            W[nw].type = weapon_slugs[wi];
            W[nw].text = str_tokens(d, m->tok_begin, m->tok_end);
            W[nw].evidence = ev_tokens(d, m->tok_begin, m->tok_end);
            nw++;
        } else if (m->cls == C->perp && ((eventful && !not_doer(d, m->tok_begin)) ||
                                         doer_verb(d, m->tok_begin, m->tok_end))) {
            if (eventful)
                has_attack_ctx = 1;
            size_t b0 = m->tok_begin;
            while (b0 > 0 && m->tok_begin - b0 < 2 && sr_tok_in(d, b0 - 1, SR_W_PERP_MODS) &&
                   t->tok[b0 - 1].sent == s)
                b0--;
            sitrep_str name = str_tokens(d, b0, m->tok_end);
            size_t dup = 0;
            while (dup < np && !(strcmp(P[dup].kind, "individual") == 0))
                dup++;
            if (dup < np || np == pcap)
                continue;
            P[np].name = name;
            P[np].kind = "individual";
            P[np].claim = "unknown";
            P[np].evidence = ev_tokens(d, b0, m->tok_end);
            np++;
        } else if (m->cls == C->force && !in_source(d, m->tok_begin) &&
                   (active_agent(d, m->tok_begin, m->tok_end) || passive_agent(d, m->tok_begin) ||
                    accused_agent(d, m->tok_begin, m->tok_end))) {
            /* a state force by its country's name ("Salvadoran soldiers
             * killed", "shot by Honduran troops"), as the plain word is
             * below */
            add_individual(d, P, &np, pcap, m->tok_begin, of_phrase_end(d, m->tok_end));
        } else if ((m->cls == C->person || (m->cls == C->facility && (eventful || wrecked_after(d, m->tok_end)))) &&
                   !in_source(d, m->tok_begin)) {
            /* a person's sentence need not name the event ("deplored the
             * disappearance of the leader"): acted_upon decides */
            /* the agent of a passive harm verb is a perpetrator: "shot
             * several times by two young men", "was kidnapped by a group of
             * armed men" */
            if (m->cls == C->person && passive_agent(d, m->tok_begin)) {
                size_t b0 = m->tok_begin;
                while (b0 > 0 && m->tok_begin - b0 < 3 && !sr_tok_is(t, b0 - 1, "by") &&
                       t->tok[b0 - 1].kind == SR_TOK_WORD && t->tok[b0 - 1].sent == s &&
                       !sr_tok_is(t, b0 - 1, "a") && !sr_tok_is(t, b0 - 1, "the"))
                    b0--;
                /* "by members of the army" */
                add_individual(d, P, &np, pcap, b0, of_phrase_end(d, m->tok_end));
                continue;
            }
            /* the state's forces are perpetrators when the story says they
             * did it: "soldiers killed six priests" (the lexicon's
             * attackers are all non-state: gunmen, militants) */
            if (m->cls == C->person && (strcmp(e->value, "military") == 0 || strcmp(e->value, "police") == 0) &&
                (active_agent(d, m->tok_begin, m->tok_end) || accused_agent(d, m->tok_begin, m->tok_end))) {
                add_individual(d, P, &np, pcap, m->tok_begin, of_phrase_end(d, m->tok_end));
                continue;
            }
            /* people the lexicon holds only as persons are perpetrators
             * when they do the harm: "two men shot the mayor", "unidentified
             * individuals placed a bomb" (not "two men killed in ...") */
            if (m->cls == C->person && m->tok_end == m->tok_begin + 1 &&
                (sr_tok_is(t, m->tok_begin, "men") || sr_tok_is(t, m->tok_begin, "man") ||
                 sr_tok_is(t, m->tok_begin, "individuals") || sr_tok_is(t, m->tok_begin, "persons")) &&
                (doer_verb(d, m->tok_begin, m->tok_end) || rider_verb(d, m->tok_end) || passive_agent(d, m->tok_begin) ||
                 placed_by(d, m->tok_begin)) &&
                !victim_participle(d, of_phrase_end(d, m->tok_end))) {
                size_t b0 = m->tok_begin;
                while (b0 > 0 && m->tok_begin - b0 < 2 && sr_tok_in(d, b0 - 1, SR_W_PERP_MODS) &&
                       t->tok[b0 - 1].sent == s)
                    b0--;
                add_individual(d, P, &np, pcap, b0, m->tok_end);
                continue;
            }
            /* attackers are not targets ("gunmen", "militants" are both
             * persons and perpetrators in the lexicon) */
            if (m->cls == C->person && (match_of(d, m->tok_begin, C->perp) || match_of(d, m->tok_begin, C->group)))
                continue;
            int ti = slug_index(target_types, e->value);
            if (ti < 0 || ng == tcap)
                continue;
            if (!(m->cls == C->facility ? listed_upon(d, m->tok_begin, m->tok_end, m->cls, 1, 8)
                                         : acted_upon(d, m->tok_begin, m->tok_end, 0)))
                continue;
            sitrep_str txt = str_tokens(d, m->tok_begin, m->tok_end);
            size_t dup = 0;
            while (dup < ng && !(G[dup].type == target_types[ti] && G[dup].text.len == txt.len &&
                                 memcmp(G[dup].text.ptr, txt.ptr, txt.len) == 0))
                dup++;
            if (dup < ng)
                continue;
            G[ng].text = txt;
            G[ng].kind = m->cls == C->person ? "human" : "physical";
            G[ng].type = target_types[ti];
            G[ng].evidence = ev_tokens(d, m->tok_begin, m->tok_end);
            ng++;
        } else if (m->cls == C->event && eventful) {
            if (strstr(e->flags, "noun") && eventful != 2)
                continue;
            int ti = slug_index(slugs, e->value);
            if (ti < 0 || fall_to_death(d, m) == 0 || (ti != T_FALL && verb_of_fall_to_death(d, m)))
                continue;
            if (strstr(e->flags, "weak") && ti != T_ATTACK) {
                /* weak words ("destroyed", "shot") type an incident only
                 * when nothing stronger does (below) */
                if (!weak_type[ti].end)
                    weak_type[ti] = ev_tokens(d, m->tok_begin, m->tok_end);
                if (ti == T_FIRE && !burned.end && m->tok_end == m->tok_begin + 1 &&
                    (sr_tok_is(t, m->tok_begin, "burned") || sr_tok_is(t, m->tok_begin, "burnt")))
                    burned = ev_tokens(d, m->tok_begin, m->tok_end);
                if (s == b->first_sent)
                    lead_weak[ti] = 1;
                continue;
            }
            if (!b->has_type[ti]) {
                b->has_type[ti] = 1;
                b->type_ev[ti] = ev_tokens(d, m->tok_begin, m->tok_end);
            }
            if (s == b->first_sent && ti != T_ATTACK)
                lead_type[ti] = 1;
            if (ti <= T_ROBBERY || (ti == T_ATTACK && !strstr(e->flags, "weak")))
                has_attack_ctx = 1;
        }
    }
    /* The lead sentence says what happened; later sentences add motives and
     * history ("in retaliation for drone strikes").  When the lead types the
     * incident, its types and weapons decide. */
    int lead_any = 0, lead_w = 0;
    for (int k = 0; k < T_N; k++)
        lead_any |= lead_type[k];
    for (int k = 0; k < 16; k++)
        lead_w |= lead_weapon[k];
    for (int k = 0; k < T_N; k++)
        lead_any |= lead_weak[k];
    if (lead_any || lead_w) {
        for (int k = 0; k < T_ATTACK; k++) {
            if (!lead_type[k])
                b->has_type[k] = 0;
            if (!lead_weak[k])
                weak_type[k].start = weak_type[k].end = 0;
        }
        if (lead_w)
            memcpy(weapon_seen, lead_weapon, sizeof weapon_seen);
    }

    /* assassination: an attack aimed at one person named or titled */
    if (!b->has_type[T_ASSASS]) {
        for (size_t i = 0; i < t->ntok; i++) {
            if (!sr_tok_in(d, i, SR_W_TARGET_VERBS) || !in_incident(d, si, inc, i) ||
                !si[t->tok[i].sent].eventful)
                continue;
            /* "on"/"of" only after "fire on", "attack on", "vehicle of" */
            if ((sr_tok_is(t, i, "on") || sr_tok_is(t, i, "of")) &&
                !(i > 0 && (sr_tok_is(t, i - 1, "fire") || sr_tok_is(t, i - 1, "attack") ||
                            sr_tok_is(t, i - 1, "vehicle") || sr_tok_is(t, i - 1, "residence") ||
                            sr_tok_is(t, i - 1, "convoy") || sr_tok_is(t, i - 1, "house") ||
                            sr_tok_is(t, i - 1, "car") || sr_tok_is(t, i - 1, "life"))))
                continue;
            size_t e = singled_out(d, i + 1, t->sent[t->tok[i].sent].tok_end);
            if (e) {
                b->has_type[T_ASSASS] = 1;
                b->type_ev[T_ASSASS] = ev_tokens(d, i, e);
                break;
            }
        }
    }

    /* counts */
    for (int f = 0; f < SITREP_NFIGURES; f++) {
        const sr_countx *best = NULL;
        for (size_t k = 0; k < d->ncx; k++) {
            const sr_countx *c = &d->cx[k];
            if (c->figure != f || !in_incident(d, si, inc, c->tok_begin))
                continue;
            if (!best) {
                best = c;
                continue;
            }
            if (best->negated && !c->negated) {
                best = c;
                continue;
            }
            if (c->negated)
                continue;
            if (c->total != best->total) {
                if (c->total)
                    best = c;
                continue;
            }
            if (c->num.value > best->num.value || (c->total && c->num.value == best->num.value))
                best = c;
        }
        if (!best)
            continue;
        sitrep_count *o = &I->counts[f];
        int64_t share = best->negated ? 0 : aggregate_divisor(d, best);
        int64_t extra = 0, extra_perps = 0;
        if (f == SITREP_KILLED && !best->negated && !best->total && best->perps <= 0) {
            /* "two police officers and eight civilians were killed" ...
             * "killing all nine of the bombers": attackers counted apart
             * are added (GTD counts include them) */
            for (size_t k = 0; k < d->ncx; k++) {
                const sr_countx *c = &d->cx[k];
                if (c != best && c->figure == f && !c->negated && c->perps > 0 &&
                    c->perps == c->num.value && c->sent != best->sent && in_incident(d, si, inc, c->tok_begin)) {
                    extra += c->perps;
                    extra_perps += c->perps;
                    break;
                }
            }
            /* a suicide attacker dies with the attack unless the text counts
             * the attackers itself ("including the bombers") */
            if (!extra && suicide_attackers(d, si, inc, best) > 0) {
                extra = suicide_attackers(d, si, inc, best);
                extra_perps = extra;
            }
        }
        o->known = 1;
        o->value = best->num.value;
        o->min = best->num.min;
        o->max = best->num.max;
        o->qualifier = best->num.qualifier;
        o->perpetrators = best->perps;
        if (share >= 2 && o->value >= share) {
            /* this incident's share of a figure given for several */
            int64_t v = o->value;
            o->value = v / share;
            o->min = v / share;
            o->max = (v + share - 1) / share;
            o->qualifier = SITREP_Q_ABOUT;
            o->perpetrators = -1;
        }
        if (extra > 0) {
            o->value += extra;
            if (o->min >= 0)
                o->min += extra;
            if (o->max >= 0)
                o->max += extra;
            o->perpetrators = (o->perpetrators > 0 ? o->perpetrators : 0) + extra_perps;
        }
        o->evidence = ev_tokens(d, best->tok_begin < best->tok_end ? best->tok_begin : best->tok_end,
                                best->tok_end > best->tok_begin ? best->tok_end : best->tok_begin + 1);
        if (best->src_begin < best->src_end) {
            o->source = str_tokens(d, best->src_begin, best->src_end);
            o->source_evidence = ev_tokens(d, best->src_begin, best->src_end);
        }
    }
    if (I->counts[SITREP_KIDNAPPED].known && I->counts[SITREP_KIDNAPPED].value > 0 && !b->has_type[T_KIDNAP] && !b->has_type[T_HOSTAGE]) {
        b->has_type[T_KIDNAP] = 1;
        b->type_ev[T_KIDNAP] = I->counts[SITREP_KIDNAPPED].evidence;
    }

    /* types: explosions and fires in an attack are bombings and arson */
    if (b->has_type[T_EXPLOSION] && has_attack_ctx) {
        if (!b->has_type[T_BOMB]) {
            b->has_type[T_BOMB] = 1;
            b->type_ev[T_BOMB] = b->type_ev[T_EXPLOSION];
        }
        b->has_type[T_EXPLOSION] = 0;
    }
    if (b->has_type[T_FIRE] && has_attack_ctx) {
        b->has_type[T_FIRE] = 0;
        /* "A church went up in flames. ... investigated as arson": the lead
         * typed a fire, a later sentence says who set it; with no other
         * type left the fire is the attack */
        int other = 0;
        for (int k = 0; k < T_ATTACK; k++)
            other |= b->has_type[k];
        if (!other) {
            b->has_type[T_FACILITY] = 1;
            b->type_ev[T_FACILITY] = b->type_ev[T_FIRE];
        }
    }
    /* "the rebels also burned four trucks": in an attack, what was burned
     * was set on fire (the weak "fire" there is mostly gunfire) */
    if (burned.end && has_attack_ctx && !b->has_type[T_FACILITY]) {
        b->has_type[T_FACILITY] = 1;
        b->type_ev[T_FACILITY] = burned;
    }
    int any_type = 0;
    for (int k = 0; k < T_ATTACK; k++)
        any_type |= b->has_type[k];
    if (!any_type)
        for (int k = 0; k < T_ATTACK; k++)
            if (weak_type[k].end && !((k == T_EXPLOSION || k == T_FIRE) && has_attack_ctx)) {
                b->has_type[k] = 1;
                b->type_ev[k] = weak_type[k];
            }
    /* "a fire destroyed the supermarket": without an attacker the
     * destruction is what the fire did, not an attack on a facility */
    if (!any_type && b->has_type[T_FIRE] && b->has_type[T_FACILITY] && !has_attack_ctx)
        b->has_type[T_FACILITY] = 0;
    /* explosives in an attack make it a bombing (GTD codes an intercepted
     * explosive drone as an attempted bombing) */
    if (weapon_seen[0] && has_attack_ctx && !b->has_type[T_BOMB] && !b->has_type[T_QUAKE] &&
        !weapon_seen[1]) { /* rifles and grenades: an armed assault (GTD) */
        b->has_type[T_BOMB] = 1;
        b->type_ev[T_BOMB] = W[0].evidence;
        for (size_t k = 0; k < nw; k++)
            if (W[k].type == weapon_slugs[0])
                b->type_ev[T_BOMB] = W[k].evidence;
        /* "destroyed" was only the damage done */
        if (b->has_type[T_FACILITY] && weak_type[T_FACILITY].end &&
            b->type_ev[T_FACILITY].start == weak_type[T_FACILITY].start)
            b->has_type[T_FACILITY] = 0;
    }
    int any_attack = 0;
    for (int k = 0; k <= T_ROBBERY; k++)
        any_attack |= b->has_type[k];
    if (!any_attack && (b->has_type[T_ATTACK] || np > 0) && nw > 0) {
        /* a generic attack typed by its weapon */
        /* guns make an armed assault even with grenades (GTD) */
        int wi = weapon_seen[1] ? 1 : weapon_seen[0] ? 0 : weapon_seen[3] ? 3 : weapon_seen[2] ? 2 : -1;
        int k = wi == 0 ? T_BOMB : wi == 1 || wi == 3 ? T_ARMED : wi == 2 ? T_FACILITY : -1;
        if (k >= 0) {
            b->has_type[k] = 1;
            b->type_ev[k] = W[0].evidence;
            for (size_t q = 0; q < nw; q++)
                if (W[q].type == weapon_slugs[wi]) {
                    b->type_ev[k] = W[q].evidence;
                    break;
                }
            any_attack = 1;
        }
    }
    if (any_attack)
        b->has_type[T_EXPLOSION] = 0; /* the bomb that "went off" is the bombing */
    int disaster = 0;
    for (int k = T_EXPLOSION; k < T_ATTACK; k++)
        disaster |= b->has_type[k];
    if (!any_attack && b->has_type[T_ATTACK] && !disaster && (has_attack_ctx || np > 0)) {
        b->has_type[T_ARMED] = 1;
        b->type_ev[T_ARMED] = b->type_ev[T_ATTACK];
    }
    b->has_type[T_ATTACK] = 0;
    for (int k = 0; k < T_N; k++) {
        if (!b->has_type[k])
            continue;
        Y[ny].slug = slugs[k];
        Y[ny].evidence = b->type_ev[k];
        ny++;
    }
    I->types = Y;
    I->ntypes = ny;
    /* stage: "attempted to detonate", "a bomb was defused", "threatened to
     * kill"; only in the sentences that report the incident */
    I->stage = "accomplished";
    for (size_t i = 0; i < t->ntok && I->stage[1] == 'c'; i++) {
        int att = sr_tok_in(d, i, SR_W_ATTEMPT_WORDS);
        int thr = sr_tok_in(d, i, SR_W_THREAT_WORDS);
        if (!(att || thr) || !in_incident(d, si, inc, i) || !si[t->tok[i].sent].eventful)
            continue;
        /* "failed to explode" is attempted; "failed" alone in "the
         * government failed" is not: want an event or weapon nearby */
        if (!(i + 1 < t->ntok && sr_tok_is(t, i + 1, "by"))) {
            int near_event = 0;
            for (size_t j = (i > 6 ? i - 6 : 0); j < t->ntok && j < i + 7; j++)
                if (t->tok[j].sent == t->tok[i].sent &&
                    (match_of(d, j, C->event) || match_of(d, j, C->weapon) || match_of(d, j, C->figure)))
                    near_event = 1;
            if (!near_event)
                continue;
            I->stage = att ? "attempted" : "threatened";
            I->stage_evidence = ev_tokens(d, i, i + 1);
        }
    }
    I->perpetrators = P;
    I->nperpetrators = np;
    for (size_t a = 1; a < nw; a++) /* insertion sort by rank: nw <= 8 */
        for (size_t q = a; q > 0 && wrank[q - 1] > wrank[q]; q--) {
            long r = wrank[q];
            wrank[q] = wrank[q - 1];
            wrank[q - 1] = r;
            sitrep_weapon w = W[q];
            W[q] = W[q - 1];
            W[q - 1] = w;
        }
    I->weapons = W;
    I->nweapons = nw;
    I->targets = G;
    I->ntargets = ng;

    /* date */
    for (size_t k = 0; k < d->ndx; k++) {
        const sr_datex *x = &d->dx[k];
        if (x->d.kind == SR_DATE_MONTH || x->d.date.year == 0 || !in_incident(d, si, inc, x->tok_begin))
            continue;
        /* a date that names a movement ("the 19 April Movement", "the 26th
         * of July Movement") is no day of the incident */
        if (sr_tok_is(t, x->tok_end, "movement"))
            continue;
        /* "exiles said today that soldiers killed two teachers on 30 May":
         * the day of the saying gives way to a date later in its sentence */
        if (x->tok_begin > 0 && sr_tok_in(d, x->tok_begin - 1, SR_W_SAY_WORDS)) {
            for (size_t q = k + 1; q < d->ndx; q++) {
                const sr_datex *y = &d->dx[q];
                if (t->tok[y->tok_begin].sent != t->tok[x->tok_begin].sent)
                    break;
                if (y->d.kind != SR_DATE_MONTH && y->d.date.year != 0) {
                    x = y;
                    break;
                }
            }
        }
        I->date = x->d.date;
        I->date_evidence = ev_tokens(d, x->tok_begin, x->tok_end);
        break;
    }
    if (I->date.year == 0 && inc == 0 && d->has_dateline && d->dl.has_date) {
        I->date = d->dl.date;
        I->date_evidence.start = 0;
        I->date_evidence.end = d->dl.end;
    }

    /* location: the most specific place with locative context */
    const sr_placex *best = NULL;
    int bestscore = -1000;
    for (size_t k = 0; k < d->npx; k++) {
        const sr_placex *x = &d->px[k];
        if (!in_incident(d, si, inc, x->tok_begin))
            continue;
        int sc = x->score * 2;
        /* a county or district named bare ("in Myawaddy") is as often the
         * town the gazetteer lacks as the region: as specific as a town;
         * with its kind word ("Kajaki district") just below a town */
        int a2_word = x->place.kind == SR_PLACE_ADMIN2 &&
                      (sr_tok_in(d, x->tok_end - 1, SR_W_REGION_WORDS) ||
                       (x->tok_end < t->ntok && sr_tok_in(d, x->tok_end, SR_W_REGION_WORDS)));
        sc += x->place.kind == SR_PLACE_CITY     ? 8
              : x->place.kind == SR_PLACE_ADMIN2 ? (a2_word ? 7 : 8)
              : x->place.kind == SR_PLACE_ADMIN1 ? 3
                                                 : 0;
        if (x->country_only)
            sc -= 3;
        if (si[t->tok[x->tok_begin].sent].eventful)
            sc += 3;
        if (d->top_cc[0] && x->place.country[0]) {
            if (memcmp(d->top_cc, x->place.country, 2) == 0)
                sc += 6;
            else
                sc -= 8;
        }
        if (x->partial)
            sc -= 6;
        if (x->adjectival)
            continue; /* "Somali capital", "US forces": the country fallback below covers them */
        sc -= (int)(t->tok[x->tok_begin].sent - b->first_sent > 5 ? 5 : t->tok[x->tok_begin].sent - b->first_sent);
#ifdef SR_DEBUG_PLACES
        fprintf(stderr, "place %.*s kind %d res %d cc %s score %d partial %d -> %d\n",
                (int)(t->tok[x->tok_end - 1].end - t->tok[x->tok_begin].start),
                d->text + t->tok[x->tok_begin].start, x->place.kind, x->resolved,
                x->place.country, x->score, x->partial, sc);
#endif
        if (sc > bestscore) {
            bestscore = sc;
            best = x;
        }
    }
    sitrep_location *L = &I->location;
    if (best) {
        L->known = 1;
        L->resolved = best->resolved;
        L->text = str_tokens(d, best->tok_begin, best->tok_end);
        L->evidence = ev_tokens(d, best->tok_begin, best->tok_end);
        const sr_place *pl = best->has_alt ? &best->alt : &best->place;
        if (best->resolved) {
            L->name.ptr = pl->name;
            L->name.len = pl->name_len;
            L->admin1.ptr = pl->admin1;
            L->admin1.len = pl->admin1_len;
            set_admin2(d, pl, L);
            L->lat = pl->lat;
            L->lon = pl->lon;
            L->geonames_id = pl->geonames_id;
        } else {
            L->name = L->text;
            L->admin1.ptr = pl->admin1; /* of the region or city it lies in */
            L->admin1.len = pl->admin1 ? pl->admin1_len : 0;
            set_admin2(d, pl, L);
        }
        memcpy(L->country, pl->country, 2);
        L->country[2] = '\0';
        L->precision = precision_of(pl);
        L->relation = best->relation == 1 ? "near" : best->relation == 2 ? "outskirts" : "in";
        /* the country stated elsewhere in the incident wins over a
         * same-named place abroad only through disambiguation (sr_scan) */
    } else if (inc == 0 && d->has_dateline && d->dl.place_end > d->dl.place_start) {
        L->known = 1;
        L->text.ptr = d->text + d->dl.place_start;
        L->text.len = d->dl.place_end - d->dl.place_start;
        L->name = L->text;
        L->evidence.start = d->dl.place_start;
        L->evidence.end = d->dl.place_end;
        L->precision = "city";
        L->relation = "in";
        /* the dateline names a city the gazetteer may know */
        sr_buf kb;
        sr_buf_init(&kb, d->ar->alloc, 256);
        sr_place cand[8];
        size_t nc = 0;
        if (d->m->gaz && sr_fold_key(&kb, L->text.ptr, L->text.len) == SITREP_OK && kb.len)
            nc = sr_gaz_lookup(d->m->gaz, kb.data, kb.len, cand, 8);
        if (nc > 8)
            nc = 8;
        /* a dateline names a city: prefer one (of the article's country) over
         * the region of the same name */
        size_t pick = nc ? sr_best_named(d->ar->alloc, cand, nc, kb.data, kb.len) : 0;
        for (size_t k = 0; k < nc; k++) /* the article's country, when it is one of them */
            if (d->top_cc[0] && memcmp(cand[pick].country, d->top_cc, 2) != 0 &&
                memcmp(cand[k].country, d->top_cc, 2) == 0 && cand[k].kind != SR_PLACE_COUNTRY) {
                pick = k;
                break;
            }
        sr_buf_free(&kb);
        if (nc && d->top_cc[0] && memcmp(cand[pick].country, d->top_cc, 2) != 0) {
            /* "ROME (ITALY) -- ... kidnapped in Colombia": the story is not
             * where the reporter is */
            memset(L, 0, sizeof *L);
            country_location(d, L);
        } else if (nc) {
            const sr_place *pl = &cand[pick];
            L->resolved = 1;
            L->name.ptr = pl->name;
            L->name.len = pl->name_len;
            L->admin1.ptr = pl->admin1;
            L->admin1.len = pl->admin1_len;
            set_admin2(d, pl, L);
            memcpy(L->country, pl->country, 3);
            L->lat = pl->lat;
            L->lon = pl->lon;
            L->geonames_id = pl->geonames_id;
            L->precision = precision_of(pl);
        }
    } else if (inc == 0 && d->top_cc[0]) {
        country_location(d, L);
    }
    /* venue: a physical target with "at"/"in" before it */
    for (size_t k = 0; k < ng; k++) {
        if (strcmp(G[k].kind, "physical") != 0)
            continue;
        L->venue = G[k].text;
        L->venue_evidence = G[k].evidence;
        break;
    }
    return SITREP_OK;
}

/* The town a sentence places something in: a city-level place with
 * locative context, not part of a longer name; NULL if none. */
static const sr_placex *sent_place(const sr_doc *d, size_t s)
{
    for (size_t k = 0; k < d->npx; k++) {
        const sr_placex *x = &d->px[k];
        if (d->t.tok[x->tok_begin].sent != s || x->score < 2 || x->partial || x->adjectival ||
            x->country_only || x->place.kind != SR_PLACE_CITY)
            continue;
        return x;
    }
    return NULL;
}

static const sr_placex *sent_region(const sr_doc *d, size_t s)
{
    for (size_t k = 0; k < d->npx; k++) {
        const sr_placex *x = &d->px[k];
        if (d->t.tok[x->tok_begin].sent != s || x->score < 2 || x->partial || x->adjectival ||
            x->country_only || x->place.kind == SR_PLACE_COUNTRY)
            continue;
        return x;
    }
    return NULL;
}

static int same_place(const sr_doc *d, const sr_placex *a, const sr_placex *b)
{
    if (a->resolved && b->resolved)
        return a->place.geonames_id == b->place.geonames_id;
    if (a->tok_end - a->tok_begin != b->tok_end - b->tok_begin)
        return 0;
    for (uint32_t i = 0; i < a->tok_end - a->tok_begin; i++)
        if (strcmp(sr_tok_norm(&d->t, a->tok_begin + i), sr_tok_norm(&d->t, b->tok_begin + i)) != 0)
            return 0;
    return 1;
}

/* The place a sentence opens with: "In Cali, ...", "In Tirapata village
 * ...", "In the town of San Clemente ...", "In Cesar department, ...": a
 * town or a region (not a country), NULL if the sentence opens otherwise. */
static const sr_placex *opening_place(const sr_doc *d, size_t s)
{
    const sr_tokens *t = &d->t;
    size_t b = t->sent[s].tok_begin, e = t->sent[s].tok_end;
    /* the "in" opens the sentence or follows a short opening: a time word
     * ("Yesterday in Chiclayo, ..."), the source ("According to police, in
     * Huaraz, ...", "Police reported that in ...") */
    size_t in = e;
    for (size_t i = b; i < e && i < b + 12; i++) {
        if (!sr_tok_is(t, i, "in"))
            continue;
        if (i == b || sr_tok_is(t, i - 1, "yesterday") || sr_tok_is(t, i - 1, "today") ||
            sr_tok_is(t, i - 1, "that") || (sr_tok_is(t, i - 1, ",") && sr_tok_is(t, b, "according")))
            in = i;
        break;
    }
    if (in + 1 >= e)
        return NULL;
    size_t j = in + 1;
    if (j + 3 < e && sr_tok_is(t, j, "the") && sr_tok_is(t, j + 2, "of") &&
        (sr_tok_is(t, j + 1, "town") || sr_tok_is(t, j + 1, "village") || sr_tok_is(t, j + 1, "city") ||
         sr_tok_is(t, j + 1, "hamlet") || sr_tok_is(t, j + 1, "municipality") ||
         sr_tok_is(t, j + 1, "district") || sr_tok_is(t, j + 1, "province") ||
         sr_tok_is(t, j + 1, "department") || sr_tok_is(t, j + 1, "port")))
        j += 3;
    for (size_t k = 0; k < d->npx; k++) {
        const sr_placex *x = &d->px[k];
        if (x->tok_begin != j)
            continue;
        if (x->partial || x->adjectival || x->country_only || x->place.kind == SR_PLACE_COUNTRY)
            return NULL;
        return x;
    }
    return NULL;
}

/* Does place a lie in place b or b in a, or are they the same? */
static int place_within(const sr_doc *d, const sr_placex *a, const sr_placex *b)
{
    if (same_place(d, a, b))
        return 1;
    if (!a->resolved || !b->resolved || strcmp(a->place.country, b->place.country) != 0)
        return 0;
    const sr_place *p = &a->place, *q = &b->place;
    if ((p->kind == SR_PLACE_ADMIN1 || q->kind == SR_PLACE_ADMIN1) && p->admin1_code[0] &&
        strcmp(p->admin1_code, q->admin1_code) == 0)
        return 1;
    if ((p->kind == SR_PLACE_ADMIN2 || q->kind == SR_PLACE_ADMIN2) && p->admin2_id != SR_GAZ_NONE &&
        p->admin2_id == q->admin2_id)
        return 1;
    return 0;
}

static int refers_back(const sr_doc *d, size_t s);

/* Does sentence s tell of something done at the same time as what went
 * before ("At the same time, ...", "simultaneously")? */
static int simultaneous(const sr_doc *d, size_t s)
{
    const sr_tokens *t = &d->t;
    for (size_t i = t->sent[s].tok_begin; i < t->sent[s].tok_end; i++)
        if (sr_tok_is(t, i, "simultaneously") || sr_tok_is(t, i, "simultaneous") ||
            (sr_tok_is(t, i, "same") && i + 1 < t->sent[s].tok_end && sr_tok_is(t, i + 1, "time")))
            return 1;
    return 0;
}

/* Does sentence s open a separate incident ("In another incident, ...",
 * "Meanwhile, ...", "Elsewhere, ...", "... in a separate attack")? */
static int separate_cue(const sr_doc *d, size_t s)
{
    const sr_tokens *t = &d->t;
    size_t b = t->sent[s].tok_begin, e = t->sent[s].tok_end;
    if (b < e && (sr_tok_is(t, b, "meanwhile") || sr_tok_is(t, b, "elsewhere") ||
                  sr_tok_is(t, b, "separately")))
        return 1;
    /* "In addition, a bomb destroyed ...", "Similarly, three farmers were
     * shot ...": a sentence that adds an event of its own, not one that
     * speaks of the event already told ("In addition, the attack ...") */
    if (b + 2 < e && !refers_back(d, s) &&
        ((sr_tok_is(t, b, "in") && sr_tok_is(t, b + 1, "addition") && sr_tok_is(t, b + 2, ",")) ||
         ((sr_tok_is(t, b, "similarly") || sr_tok_is(t, b, "likewise") || sr_tok_is(t, b, "furthermore") ||
           sr_tok_is(t, b, "moreover") || sr_tok_is(t, b, "finally")) &&
          sr_tok_is(t, b + 1, ","))))
        return 1;
    /* "In another development, ...", "In another part of the city, ..." */
    if (b + 2 < e && sr_tok_is(t, b, "in") && sr_tok_is(t, b + 1, "another"))
        return 1;
    /* "It was also reported that ...", "Police also said that ...": a
     * source that adds news of its own */
    for (size_t i = b; i + 2 < e && i < b + 8; i++)
        if (sr_tok_is(t, i, "also") &&
            (sr_tok_in(d, i + 1, SR_W_SAY_WORDS) || sr_tok_is(t, i + 1, "learned") ||
             sr_tok_is(t, i + 1, "learnt") ||
             (sr_tok_is(t, i + 1, "been") && (sr_tok_in(d, i + 2, SR_W_SAY_WORDS) || sr_tok_is(t, i + 2, "learned")))) &&
            !refers_back(d, s))
            return 1;
    /* "The rebels also burned three trucks", "Seven banks were also
     * attacked": another thing hit (not "the group has also attacked
     * embassies": its record) */
    /* but not when the doers are the ones already told ("They also
     * burned ...", "The assailants also set the trucks on fire"): one
     * attack, more harm */
    int same_doers = sr_tok_is(t, b, "they") || sr_tok_is(t, b, "he") || sr_tok_is(t, b, "she") ||
                     (b + 1 < e && sr_tok_is(t, b, "the") &&
                      (sr_tok_is(t, b + 1, "assailants") || sr_tok_is(t, b + 1, "attackers") ||
                       sr_tok_is(t, b + 1, "gunmen") || sr_tok_is(t, b + 1, "militants")));
    for (size_t i = b; i + 1 < e && !same_doers; i++)
        if (sr_tok_is(t, i, "also") &&
            !(i > b && (sr_tok_is(t, i - 1, "has") || sr_tok_is(t, i - 1, "have") || sr_tok_is(t, i - 1, "had"))) &&
            (sr_tok_is(t, i + 1, "attacked") || sr_tok_is(t, i + 1, "bombed") ||
             sr_tok_is(t, i + 1, "dynamited") || sr_tok_is(t, i + 1, "burned") || sr_tok_is(t, i + 1, "torched") ||
             sr_tok_is(t, i + 1, "blew") || sr_tok_is(t, i + 1, "raided") || sr_tok_is(t, i + 1, "looted") ||
             sr_tok_is(t, i + 1, "sabotaged") || sr_tok_is(t, i + 1, "set")) &&
            !refers_back(d, s))
            return 1;
    for (size_t i = b; i + 1 < e; i++) {
        if (sr_tok_is(t, i, "another") || (sr_tok_is(t, i, "separate") && i > b && sr_tok_is(t, i - 1, "a"))) {
            const char *n = sr_tok_norm(t, i + 1);
            if (strcmp(n, "incident") == 0 || strcmp(n, "attack") == 0 || strcmp(n, "bombing") == 0 ||
                strcmp(n, "explosion") == 0 || strcmp(n, "action") == 0 || strcmp(n, "case") == 0 ||
                strcmp(n, "assault") == 0 || strcmp(n, "kidnapping") == 0 || strcmp(n, "event") == 0 ||
                strcmp(n, "ambush") == 0 || strcmp(n, "clash") == 0)
                return 1;
            /* "another bomb", "another dynamite charge" (not one set off
             * "at the same time" as the first: one attack) */
            if (sr_tok_is(t, i, "another") && !simultaneous(d, s))
                for (size_t j = i + 1; j < e && j < i + 3; j++)
                    if (match_of(d, j, d->m->cls.weapon) || match_of(d, j, d->m->cls.event))
                        return 1;
        }
    }
    return 0;
}

/* A sentence whose events are all "the attack", "this bombing", "the
 * kidnapping" and that states no figure speaks of the incident already told
 * ("Boko Haram claimed responsibility for the attack on Tuesday"). */
static int refers_back(const sr_doc *d, size_t s)
{
    const sr_tokens *t = &d->t;
    const sr_classes *C = &d->m->cls;
    int events = 0;
    for (size_t k = 0; k < d->nmt; k++) {
        const sr_match *m = &d->mt[k];
        if (t->tok[m->tok_begin].sent != s)
            continue;
        if (m->cls == C->figure)
            return 0;
        if (m->cls != C->event)
            continue;
        events++;
        size_t b = m->tok_begin;
        if (!(b > 0 && (sr_tok_is(t, b - 1, "the") || sr_tok_is(t, b - 1, "this") ||
                        sr_tok_is(t, b - 1, "that") || sr_tok_is(t, b - 1, "'s"))))
            return 0;
    }
    return events > 0;
}

/* Does sentence s name an event with "the", "this", "that" or a
 * possessive ("The bombing on Wednesday killed 43", "Wednesday's attack"):
 * one already known to the reader? */
static int definite_event(const sr_doc *d, size_t s)
{
    const sr_tokens *t = &d->t;
    const sr_classes *C = &d->m->cls;
    for (size_t k = 0; k < d->nmt; k++) {
        const sr_match *m = &d->mt[k];
        if (m->cls != C->event || t->tok[m->tok_begin].sent != s)
            continue;
        size_t b = m->tok_begin;
        /* "the car bombing": over one modifier */
        for (size_t j = 0; j < 2 && b > t->sent[s].tok_begin && !is_punct_sep(d, b - 1); j++, b--)
            if (sr_tok_is(t, b - 1, "the") || sr_tok_is(t, b - 1, "this") || sr_tok_is(t, b - 1, "that") ||
                sr_tok_is(t, b - 1, "'s") || sr_tok_is(t, b - 1, "its"))
                return 1;
    }
    return 0;
}

/* Can an event named with kind/head word hw be an incident of this primary
 * type?  An incident without a type takes any name. */
static int name_fits(const sr_doc *d, const sr_namex *x, const sitrep_incident *I)
{
    if (I->ntypes == 0)
        return 1;
    const char *hw = sr_tok_norm(&d->t, x->tok_end - 1);
    const char *ok;
    if (x->kind == SR_NAME_STORM || strcmp(hw, "tornado") == 0)
        ok = "|storm|flood|landslide|collapse|";
    else if (strcmp(hw, "flood") == 0 || strcmp(hw, "floods") == 0 || strcmp(hw, "flooding") == 0 ||
             strcmp(hw, "landslide") == 0 || strcmp(hw, "mudslide") == 0)
        ok = "|flood|storm|landslide|collapse|";
    else if (strcmp(hw, "earthquake") == 0 || strcmp(hw, "quake") == 0)
        ok = "|earthquake|collapse|landslide|";
    else if (strcmp(hw, "explosion") == 0 || strcmp(hw, "blast") == 0)
        ok = "|explosion|bombing|fire|collapse|";
    else
        ok = "|fire|wildfire|explosion|";
    /* the primary type: a shooting at a shelter for storm evacuees also
     * mentions the storm, but is not part of it */
    const char *slug = I->types[0].slug;
    size_t n = slug ? strlen(slug) : 0;
    for (const char *p = ok; n && (p = strstr(p, slug)) != NULL; p++)
        if (p[-1] == '|' && p[n] == '|')
            return 1;
    return 0;
}

/* Give incident I (number k, whose sentences have si[].incident == k) the
 * first event name of its own sentences that fits its types; the main
 * incident may also take one from a sentence that belongs to no incident (a
 * headline-like first line). */
static void attach_name(const sr_doc *d, const sent_info *si, int k, sitrep_incident *I)
{
    const sr_tokens *t = &d->t;
    memset(&I->name, 0, sizeof I->name);
    memset(&I->name_evidence, 0, sizeof I->name_evidence);
    for (int pass = 0; pass < (k == 0 ? 2 : 1); pass++)
        for (size_t j = 0; j < d->nnames; j++) {
            const sr_namex *x = &d->names[j];
            if (si[t->tok[x->tok_begin].sent].incident != (pass == 0 ? k : -1) ||
                !name_fits(d, x, I))
                continue;
            I->name_evidence = ev_tokens(d, x->tok_begin, x->tok_end);
            I->name.ptr = d->text + I->name_evidence.start;
            I->name.len = I->name_evidence.end - I->name_evidence.start;
            return;
        }
}

sitrep_status sr_build_incidents(sr_doc *d, sitrep_result *res)
{
    const sr_tokens *t = &d->t;
    const sr_classes *C = &d->m->cls;
    size_t ns = t->nsent;
    res->nincidents = 0;
    res->incidents = NULL;
    if (ns == 0)
        return SITREP_OK;
    sent_info *si = sr_arena_array(d->ar, ns, sizeof *si);
    if (!si)
        return SITREP_E_NOMEM;
    for (size_t s = 0; s < ns; s++) {
        si[s].bg_from = t->sent[s].tok_end;
        si[s].incident = -1;
    }
    /* eventful sentences */
    for (size_t k = 0; k < d->nmt; k++) {
        const sr_match *m = &d->mt[k];
        uint32_t s = t->tok[m->tok_begin].sent;
        if (m->cls == C->event) {
            const sr_lex_entry *e = sr_doc_entry(d, m);
            if (strstr(e->flags, "noun"))
                continue; /* only when nothing else is told (below) */
            int fall = fall_to_death(d, m);
            if (fall == 0)
                continue;
            if (!strstr(e->flags, "weak") || fall == 1)
                si[s].eventful = 1;
            else
                si[s].eventful |= 2; /* weak: needs support */
            /* "took two transport officers hostage" */
            if (strstr(e->flags, "weak") && strcmp(e->value, "hostage_taking") == 0)
                for (size_t i = m->tok_begin; i > t->sent[s].tok_begin && m->tok_begin - i < 6; i--)
                    if (sr_tok_is(t, i - 1, "took") || sr_tok_is(t, i - 1, "taken") ||
                        sr_tok_is(t, i - 1, "takes") || sr_tok_is(t, i - 1, "taking") ||
                        sr_tok_is(t, i - 1, "held") || sr_tok_is(t, i - 1, "holding") ||
                        sr_tok_is(t, i - 1, "holds")) {
                        si[s].eventful |= 32;
                        break;
                    }
            /* "the murder of Magistrate Carlos Valencia", "Galan's murder":
             * a murder with its victim is an act, not talk of crime */
            if (strstr(e->flags, "weak") && strcmp(e->value, "assassination") == 0 &&
                ((m->tok_end < t->sent[s].tok_end && sr_tok_is(t, m->tok_end, "of") &&
                  m->tok_end + 1 < t->sent[s].tok_end && !sr_tok_is(t, m->tok_end + 1, "a")) ||
                 (m->tok_begin > t->sent[s].tok_begin && sr_tok_is(t, m->tok_begin - 1, "'s"))))
                si[s].eventful |= 32;
        } else if (m->cls == C->weapon || m->cls == C->group || m->cls == C->perp) {
            si[s].eventful |= 4;
        }
    }
    for (size_t k = 0; k < d->ncx; k++) {
        const sr_countx *c = &d->cx[k];
        if (c->negated || c->num.value <= 0 || c->figure == SITREP_ARRESTED)
            continue;
        /* "five were killed", "kidnapped" report violence; "injured" and
         * "died" alone may be sport or an obituary: they need an event, a
         * weapon or an attacker in the sentence */
        const sr_match *fm = NULL;
        for (size_t q = 0; q < d->nmt && !fm; q++)
            if (d->mt[q].cls == C->figure && d->mt[q].tok_begin <= c->tok_end && d->mt[q].tok_end >= c->tok_begin &&
                t->tok[d->mt[q].tok_begin].sent == c->sent)
                fm = &d->mt[q];
        const char *role = fm ? sr_doc_entry(d, fm)->flags : "";
        int firm = (c->figure == SITREP_KILLED && (strcmp(role, "verb") == 0 || strcmp(role, "ing") == 0 ||
                                                   strcmp(role, "toll") == 0)) ||
                   c->figure == SITREP_KIDNAPPED;
        si[c->sent].eventful |= firm ? 8 : 16;
    }
    /* "A fire destroyed a supermarket": the damage a fire did supports the
     * weak word "fire" as a weapon or a casualty would; so do its
     * extinguishing and the fire marshal who investigates it (not the
     * firefighters alone: "firefighters held a fire drill") */
    for (size_t k = 0; k < d->nmt; k++) {
        const sr_match *m = &d->mt[k];
        if (m->cls != C->event || strcmp(sr_doc_entry(d, m)->value, "fire") != 0)
            continue;
        uint32_t s = t->tok[m->tok_begin].sent;
        for (size_t i = t->sent[s].tok_begin; i < t->sent[s].tok_end; i++)
            if (sr_tok_is(t, i, "destroyed") || sr_tok_is(t, i, "destroying") || sr_tok_is(t, i, "razed") ||
                sr_tok_is(t, i, "gutted") || sr_tok_is(t, i, "damaged") || sr_tok_is(t, i, "levelled") ||
                sr_tok_is(t, i, "leveled") || sr_tok_is(t, i, "smolder") || sr_tok_is(t, i, "smoldering") ||
                sr_tok_is(t, i, "smoulder") || sr_tok_is(t, i, "smouldering") || sr_tok_is(t, i, "engulfed") ||
                sr_tok_is(t, i, "marshal") || sr_tok_is(t, i, "extinguished")) {
                si[s].eventful |= 32;
                break;
            }
    }
    /* "The assassins killed the judge and his driver": an attacker and a verb
     * of harm make an event without a figure or an event word */
    for (size_t s = 0; s < ns; s++) {
        if (!(si[s].eventful & 4))
            continue;
        for (size_t i = t->sent[s].tok_begin; i < t->sent[s].tok_end; i++)
            if (sr_tok_is(t, i, "killed") || sr_tok_is(t, i, "murdered") || sr_tok_is(t, i, "shot") ||
                sr_tok_is(t, i, "kidnapped") || sr_tok_is(t, i, "abducted") || sr_tok_is(t, i, "ambushed") ||
                sr_tok_is(t, i, "massacred") || sr_tok_is(t, i, "machinegunned")) {
                si[s].eventful |= 64;
                break;
            }
    }
    /* "Three explosions shook the city.  Five people were wounded.": a
     * weak event word and the casualties of the next (or the previous)
     * sentence, which tells no event of its own, support each other */
    for (size_t s = 0; s + 1 < ns; s++)
    {
        if ((si[s].eventful & 2) && (si[s + 1].eventful & 16) && !(si[s + 1].eventful & (1 | 2 | 4 | 8)))
            si[s].eventful |= 32;
        if ((si[s + 1].eventful & 2) && (si[s].eventful & 16) && !(si[s].eventful & (1 | 2 | 4 | 8))) {
            si[s + 1].eventful |= 32;
            si[s].eventful |= 2; /* the casualties, told first, belong to it */
        }
    }
    /* Off-topic texts (sport, markets) need a casualty or a firm event word
     * with support: "struck twice", "fired a low shot" are football. */
    size_t offtopic = 0;
    int hurt = 0;
    for (size_t k = 0; k < d->nmt; k++) {
        if (d->mt[k].cls != C->offtopic)
            continue;
        /* "the Alpine Rescue Team", "search teams": responders, not sport */
        size_t b = d->mt[k].tok_begin;
        if (b > 0 && (sr_tok_is(t, b - 1, "rescue") || sr_tok_is(t, b - 1, "search") ||
                      sr_tok_is(t, b - 1, "bomb") || sr_tok_is(t, b - 1, "response") ||
                      sr_tok_is(t, b - 1, "medical") || sr_tok_is(t, b - 1, "swat") ||
                      sr_tok_is(t, b - 1, "recovery")))
            continue;
        /* "a series of attacks", "the goal of the government", "several
         * points of the capital": with "of" the word is the general noun,
         * not sport or television; a "movie theater" is a building */
        size_t en = d->mt[k].tok_end;
        if (en < t->ntok && t->tok[en].sent == t->tok[b].sent &&
            (sr_tok_is(t, en, "of") || sr_tok_is(t, en, "theater") || sr_tok_is(t, en, "theatre")))
            continue;
        offtopic++;
    }
    for (size_t s = 0; s < ns; s++)
        if (si[s].eventful & 8)
            hurt = 1; /* someone killed or kidnapped */
    for (size_t s = 0; s < ns; s++) {
        uint8_t e = si[s].eventful;
        si[s].firm = (e & 1) || (e & 8);
        if (offtopic >= 2 && !hurt)
            si[s].eventful = (e & 1) && (e & 4);
        else
            si[s].eventful = (e & 1) || (e & 8) || ((e & 2) && (e & (4 | 32))) || ((e & 16) && (e & (2 | 4))) ||
                             (e & 64);
    }
    /* background: a clause cue, or a date far from the main one */
    for (size_t s = 0; s < ns; s++) {
        for (size_t i = t->sent[s].tok_begin; i < t->sent[s].tok_end; i++) {
            if (sr_tok_in(d, i, SR_W_BG_CLAUSE)) {
                /* "last year/month/week", "earlier this year", "since 2014", "years ago" */
                int cue = 1;
                if (sr_tok_is(t, i, "last") || sr_tok_is(t, i, "earlier"))
                    cue = i + 1 < t->sent[s].tok_end &&
                          (sr_tok_is(t, i + 1, "year") || sr_tok_is(t, i + 1, "month") ||
                           sr_tok_is(t, i + 1, "week") || sr_tok_is(t, i + 1, "this") ||
                           sr_tok_is(t, i + 1, "attack") || sr_tok_is(t, i + 1, "attacks"));
                if (sr_tok_is(t, i, "since") || sr_tok_is(t, i, "ago"))
                    cue = 0; /* weak alone; dates decide */
                if (cue) {
                    si[s].bg_from = (uint32_t)i;
                    break;
                }
            }
        }
    }
    /* a story that tells no act but names one by its noun with its victim
     * ("the killing of Rosa Diaz", "until the killings of the priests
     * are resolved"): a reaction to the act, which it reports (eventful 2:
     * the noun types the incident) */
    int told = 0;
    for (size_t s = 0; s < ns && !told; s++)
        told = si[s].eventful && si[s].bg_from > t->sent[s].tok_begin;
    for (size_t k = 0; k < d->nmt && !told; k++) {
        const sr_match *m = &d->mt[k];
        if (m->cls != C->event || !strstr(sr_doc_entry(d, m)->flags, "noun"))
            continue;
        uint32_t s = t->tok[m->tok_begin].sent;
        size_t v = m->tok_end;
        if (v >= t->sent[s].tok_end || m->tok_begin >= si[s].bg_from || sr_tok_is(t, v, "a") ||
            sr_tok_is(t, v, "an") || sr_tok_is(t, v, "my") || sr_tok_is(t, v, "our") ||
            sr_tok_is(t, v, "their") || sr_tok_is(t, v, "his") || sr_tok_is(t, v, "her"))
            continue;
        /* a kind of people, not some ("the killing of judges"): talk of
         * violence */
        int kind = 0;
        for (size_t q = 0; q < d->nmt && !sr_tok_is(t, v, "the"); q++) {
            const sr_match *pm = &d->mt[q];
            if (pm->cls == C->person && pm->tok_begin >= v && pm->tok_begin <= v + 2) {
                const char *w = t->norm + t->tok[pm->tok_end - 1].norm;
                size_t wl = strlen(w);
                if (wl > 1 && w[wl - 1] == 's')
                    kind = 1;
            }
        }
        if (!kind)
            si[s].eventful = 2;
    }
    /* main incident: first eventful sentence */
    size_t first = ns;
    for (size_t s = 0; s < ns; s++)
        if (si[s].eventful && si[s].bg_from > t->sent[s].tok_begin) {
            first = s;
            break;
        }
    if (first == ns)
        return SITREP_OK;
    sitrep_date main_date = {0, 0, 0};
    for (size_t k = 0; k < d->ndx; k++) {
        const sr_datex *x = &d->dx[k];
        if (t->tok[x->tok_begin].sent == first && x->d.kind != SR_DATE_MONTH && x->d.date.year) {
            main_date = x->d.date;
            break;
        }
    }
    if (!main_date.year)
        main_date = d->ref;
    for (size_t k = 0; k < d->ndx; k++) {
        const sr_datex *x = &d->dx[k];
        uint32_t s = t->tok[x->tok_begin].sent;
        if (s == first || !x->d.date.year || !main_date.year)
            continue;
        int far = x->d.kind == SR_DATE_MONTH
                      ? (x->d.date.year != main_date.year || x->d.date.month != main_date.month)
                      : days_apart(x->d.date, main_date) > 3;
        if (far && x->tok_begin < si[s].bg_from && !refers_back(d, s)) {
            si[s].background = 1;
            if (!si[s].bg_day && x->d.kind != SR_DATE_MONTH)
                si[s].bg_day = sr_days_from_civil(x->d.date.year, x->d.date.month, x->d.date.day);
        }
        else if (!far && x->d.kind != SR_DATE_MONTH &&
                 sr_days_from_civil(x->d.date.year, x->d.date.month, x->d.date.day) <
                     sr_days_from_civil(main_date.year, main_date.month, main_date.day) &&
                 x->tok_begin < si[s].bg_from && !refers_back(d, s) && !definite_event(d, s))
            si[s].other_day = 1;
    }
    /* Assign sentences: main = 0; background runs open incidents 1..; "in
     * another incident", "meanwhile", "elsewhere" open a separate incident
     * that runs to the end of its paragraph */
    int ninc = 1;
    int cur_bg = -1, cur_sep = -1, place_sep = 0;
    int64_t cur_bg_day = 0;
    const sr_placex *main_place = NULL;
    for (size_t s = 0; s < ns; s++) {
        if (s < first) {
            si[s].incident = si[s].background ? -1 : 0;
            continue;
        }
        int para = (t->tok[t->sent[s].tok_begin].flags & SR_TF_PARA_START) != 0;
        const sr_placex *sp = si[s].background ? NULL : sent_place(d, s);
        if (para && !(place_sep && !(sp && main_place && same_place(d, sp, main_place))))
            cur_sep = -1, place_sep = 0;
        if (s > first && si[s].eventful && !si[s].background &&
            (separate_cue(d, s) || (si[s].firm && si[s].other_day)) && ninc < 12) {
            cur_sep = ninc++;
            place_sep = 0;
            si[s].incident = cur_sep;
            cur_bg = -1;
            continue;
        }
        /* a paragraph that tells of violence in another town is another
         * incident ("On 5 January, the mayor of Abrego was killed ...")
         * until the story comes back to the first town */
        /* so does a sentence that opens with another town or region, not
         * one within the first town's or holding it ("In Cali, a judge was
         * shot ...", "In the village of X ...", "Police said that in X
         * department ...") */
        const sr_placex *op = si[s].background ? NULL : opening_place(d, s);
        if (s > first && op && si[s].eventful && main_place && !place_within(d, op, main_place) &&
            ninc < 12) {
            cur_sep = ninc++;
            place_sep = 1;
            si[s].incident = cur_sep;
            cur_bg = -1;
            continue;
        }
        const sr_placex *rp = si[s].background ? NULL : sent_region(d, s);
        if (s > first && para && si[s].firm && rp && main_place &&
            !place_within(d, rp, main_place) && ninc < 12) {
            cur_sep = ninc++;
            place_sep = 1;
            si[s].incident = cur_sep;
            cur_bg = -1;
            continue;
        }
        if (!main_place && cur_sep < 0 && !si[s].background)
            main_place = sp;
        if (si[s].background && si[s].eventful) {
            /* background events on other days are other incidents */
            if (cur_bg >= 0 && si[s].bg_day && cur_bg_day && si[s].bg_day != cur_bg_day && si[s].firm &&
                ninc < 12)
                cur_bg = -1;
            if (cur_bg < 0 && ninc < 12) {
                cur_bg = ninc++;
                cur_bg_day = si[s].bg_day;
            }
            si[s].incident = cur_bg >= 0 ? cur_bg : -1;
        } else if (si[s].background) {
            si[s].incident = -1;
        } else if (cur_sep >= 0) {
            si[s].incident = cur_sep;
        } else {
            si[s].incident = 0;
            cur_bg = -1;
        }
    }
    /* background clauses inside main sentences form one more incident when
     * they report one (a figure or an event after the cue) */
    int clause_inc = -1;
    for (size_t s = 0; s < ns; s++) {
        if (si[s].incident != 0 || si[s].bg_from >= t->sent[s].tok_end)
            continue;
        int ev = 0;
        for (size_t k = 0; k < d->nmt; k++) {
            const sr_match *m = &d->mt[k];
            if (m->tok_begin >= si[s].bg_from && m->tok_begin < t->sent[s].tok_end &&
                (m->cls == C->event || m->cls == C->figure))
                ev = 1;
        }
        if (ev && clause_inc < 0 && ninc < 8)
            clause_inc = ninc++;
        if (!ev)
            si[s].bg_from = t->sent[s].tok_end; /* nothing there: keep in main */
    }
    sitrep_incident *inc = sr_arena_array(d->ar, (size_t)ninc, sizeof *inc);
    inc_build *bl = sr_arena_array(d->ar, (size_t)ninc, sizeof *bl);
    if (!inc || !bl)
        return SITREP_E_NOMEM;
    size_t out = 0;
    for (int k = 0; k < ninc; k++) {
        inc_build *b = &bl[k];
        b->inc = &inc[out];
        b->first_sent = (uint32_t)first;
        for (size_t s = 0; s < ns; s++)
            if (si[s].incident == k || (k == clause_inc && si[s].incident == 0 && si[s].bg_from < t->sent[s].tok_end)) {
                b->first_sent = (uint32_t)s;
                break;
            }
        sitrep_status st;
        if (k == clause_inc) {
            st = fill_incident(d, si, -2, b);
        } else {
            st = fill_incident(d, si, k, b);
        }
        if (st != SITREP_OK)
            return st;
        sitrep_incident *I = &inc[out];
        I->main = k == 0;
        attach_name(d, si, k == clause_inc ? -2 : k, I);
        const sr_sentence *S = &t->sent[b->first_sent];
        I->evidence.start = S->start;
        I->evidence.end = S->end;
        if (k > 0 && I->ntypes == 0 && !I->counts[SITREP_KILLED].known && !I->counts[SITREP_INJURED].known)
            continue;
        out++;
    }
    res->incidents = inc;
    res->nincidents = out;
    return SITREP_OK;
}
