/*
 * sr_extract.h - internals of the extractor: the per-document context that
 * the stages (dates, places, counts, incident assembly) share.
 *
 * Stages, in order (sr_extract_doc):
 *   1. tokens (text), lexicon matches (lexicon), date and number expressions
 *      (numdate), place mentions (gazetteer);
 *   2. count statements per sentence (sr_counts.c);
 *   3. incidents: sentences grouped into the main incident and background
 *      ones; each field chosen from its sentences with evidence
 *      (sr_incident.c).
 */
#ifndef SR_EXTRACT_H
#define SR_EXTRACT_H

#include "sitrep/sitrep.h"
#include "util/sr_mem.h"
#include "text/sr_text.h"
#include "numdate/sr_numdate.h"
#include "lexicon/sr_lexicon.h"
#include "gazetteer/sr_gaz.h"

/* The closed word lists (sr_words.c). */
enum sr_wordlist {
    SR_W_UNIT_WORDS,
    SR_W_CURRENCY_WORDS,
    SR_W_LOC_PREPS,
    SR_W_NEAR_WORDS,
    SR_W_REGION_WORDS,
    SR_W_NOT_PLACES,
    SR_W_CONNECTORS,
    SR_W_AUX_WORDS,
    SR_W_SING_AUX,
    SR_W_STOP_LEFT,
    SR_W_NEG_WORDS,
    SR_W_TOTAL_WORDS,
    SR_W_TOLL_SKIP,
    SR_W_RIGHT_SKIP,
    SR_W_SAY_WORDS,
    SR_W_BG_CLAUSE,
    SR_W_TARGET_PREPS,
    SR_W_PERP_MODS,
    SR_W_NUM_START,
    SR_W_DATE_START,
    SR_W_TITLES,
    SR_W_TARGET_VERBS,
    SR_W_ORG_WORDS,
    SR_W_PLACE_MODS,
    SR_W_VENUE_WORDS,
    SR_W_ATTEMPT_WORDS,
    SR_W_THREAT_WORDS,
    SR_W_STORM_WORDS,
    SR_W_STORM_FIRST,
    SR_W_HAZARD_WORDS,
    SR_W_NOT_NAME,
    SR_W_FIRE_BODY,
    SR_W_HARM_PEOPLE,
    SR_W_HARM_THINGS,
    SR_W_HARM_NOUNS,
    SR_W_HARM_AUX,
    SR_W_HARM_STOP,
    SR_W_NAME_START,
    SR_W_PASSIVE,
    SR_W_FALL_VERBS,
    SR_W_OF_PHRASE_STOP,
    SR_W_COUNT
};
extern const char *const *const sr_word_lists[SR_W_COUNT];

/* All the word lists in one open-addressed table keyed by the 64-bit hash of
 * the folded word: each slot carries the word and a bit per list it belongs
 * to, so that a document looks each token up once (sr_words_mark) and every
 * later membership test is a bit test. */
typedef struct sr_wordslot {
    uint64_t h;
    const char *w;  /* NULL: empty slot */
    uint64_t lists; /* bit l: member of list l */
} sr_wordslot;
typedef struct sr_wordtab {
    sr_wordslot *slot;
    size_t mask; /* slots - 1, a power of two minus one */
} sr_wordtab;

/* Lexicon class numbers resolved once per handle (-1: class absent). */
typedef struct sr_classes {
    int figure, event, weapon, group, facility, person, perp, claim, country, demonym, offtopic, home, force;
} sr_classes;

/* The shared, read-only models of a handle. */
/* Figure matches come from their own lexicon (figures.txt); they carry this
 * class number and this bit in their entry number. */
#define SR_CLASS_FIGURE 0x7FFF
#define SR_FIGURE_ENTRY 0x80000000u
/* Size of the per-handle cache of gazetteer misses (a power of two). */
#define SR_GAZ_MISS_SLOTS 8192

typedef struct sr_model {
    const sr_lex *lex;
    const sr_lex *flex;  /* figures */
    const sr_gaz *gaz;   /* may be NULL */
    sr_classes cls;
    sr_wordtab words;
    struct sr_home {
        const char *group;  /* canonical name (lexicon memory) */
        char cc[3];
    } *homes;               /* lexicon/group_home.txt */
    size_t nhomes, homes_cap;
} sr_model;

/* Build / free the word table of a model (sr_words.c). */
sitrep_status sr_wordsets_build(const sr_alloc *a, sr_model *m);
void sr_wordsets_free(const sr_alloc *a, sr_model *m);

/* A number expression found in the text. */
typedef struct sr_numx {
    uint32_t tok_begin, tok_end;
    sr_num num;
} sr_numx;

/* A date expression found in the text. */
typedef struct sr_datex {
    uint32_t tok_begin, tok_end;
    sr_date_expr d;
} sr_datex;

/* A place mention (resolved or kept as text). */
typedef struct sr_placex {
    uint32_t tok_begin, tok_end;
    int resolved;
    sr_place place;
    int relation;        /* 0 in, 1 near, 2 outskirts */
    int score;           /* how strongly the context says "this is a place" */
    int country_only;    /* a country or demonym mention */
    int partial;         /* the gazetteer name is part of a longer capitalised name */
    int strong;          /* a region, a country or a city of 100,000 or more */
    int adjectival;      /* "US forces": a country used as a modifier */
    int inherited;       /* unresolved, its country already set */
    int has_alt;         /* alt: the namesake town of a region */
    sr_place alt;
} sr_placex;

/* A figure statement: "at least 12 people were killed". */
typedef struct sr_countx {
    int figure;          /* sitrep_figure, or -1 for "casualties" (killed + injured) */
    uint32_t sent;
    uint32_t tok_begin, tok_end; /* evidence */
    sr_num num;
    int64_t perps;       /* attackers among them, -1 unknown */
    int total;           /* "in total", "death toll": supersedes partial figures */
    int negated;         /* "no one was killed" (num.value = 0) */
    uint32_t src_begin, src_end; /* credited source tokens, begin==end: none */
} sr_countx;

/* A proper name of an event (sr_names.c). */
enum { SR_NAME_STORM = 1, SR_NAME_HAZARD = 2 };
typedef struct sr_namex {
    uint32_t tok_begin, tok_end;
    int kind;
} sr_namex;

typedef struct sr_doc {
    sr_arena *ar;
    const sr_model *m;
    const char *text;
    size_t len;
    sr_tokens t;
    sr_match *mt;        /* lexicon matches, by tok_begin */
    size_t nmt;
    uint32_t *mt_at;     /* per token: index+1 of the first match starting there, 0 none */
    uint64_t *wlists;    /* per token: bit l set when its folded form is in word list l */
    sr_numx *nx;
    size_t nnx;
    uint32_t *nx_at;     /* per token: index+1 of the number starting there */
    sr_datex *dx;
    size_t ndx;
    uint8_t *in_date;    /* per token: 1 when inside a date expression */
    sr_placex *px;
    size_t npx;
    sr_countx *cx;
    size_t ncx;
    sr_namex *names;
    size_t nnames;
    uint64_t *gaz_miss;  /* SR_GAZ_MISS_SLOTS hashes of keys known not to be places (per handle) */
    char top_cc[3];      /* the country the document names most, "" if none */
    uint32_t top_tok_begin, top_tok_end; /* words it rests on (may be empty) */
    sitrep_date ref;     /* resolved reference date */
    sr_dateline dl;
    int has_dateline;
    uint32_t body_tok;   /* first token after the dateline */
} sr_doc;

/* Stage entry points (each returns SITREP_OK or SITREP_E_NOMEM). */
sitrep_status sr_find_dates_numbers(sr_doc *d);
sitrep_status sr_find_places(sr_doc *d);
sitrep_status sr_find_counts(sr_doc *d);
sitrep_status sr_find_names(sr_doc *d);
sitrep_status sr_build_incidents(sr_doc *d, sitrep_result *res);

/* The list bits of every token of d (d->wlists, from d->ar); SITREP_OK or
 * SITREP_E_NOMEM. */
sitrep_status sr_words_mark(sr_doc *d);

/* Helpers shared by the stages. */
/* Index of the candidate whose own name is key (cities first), else 0. */
size_t sr_best_named(const sr_alloc *a, const sr_place *c, size_t n, const char *key, size_t klen);
const sr_lex_entry *sr_doc_entry(const sr_doc *d, const sr_match *m);
/* 1 when token i's folded form is in word list `list` (enum sr_wordlist);
 * 0 past the last token.  Needs sr_words_mark. */
static inline int sr_tok_in(const sr_doc *d, size_t i, int list)
{
    return i < d->t.ntok && ((d->wlists[i] >> list) & 1u) != 0;
}
/* Static slug name for an event value string, or NULL. */

#endif
