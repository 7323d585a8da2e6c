/*
 * sr_lexicon.h - lexicons: readable text files in lexicon/ (compiled into
 * the library by tools/embed.c) and the phrase matcher that finds their
 * entries in a tokenized text.
 *
 * File format (one entry per line, UTF-8):
 *
 *     # comment
 *     phrase<TAB>class<TAB>value[<TAB>flags]
 *
 * phrase: words as they appear in text, matched on folded tokens (case and
 *         accents ignored; "car bomb" also matches "CAR BOMB").  Hyphens in a
 *         phrase are separate tokens, as in text ("explosives-laden" is
 *         explosives - laden).  A phrase may hold "*" as a wildcard for any
 *         one word token.
 * class:  a short name (the file's own vocabulary: "trigger", "weapon",
 *         "group", ...); sr_lex_class() turns it into a number.
 * value:  free text for the class (a canonical name, a slug, "killed", ...).
 * flags:  comma-separated: "case" = the phrase must appear with the same
 *         capitalisation (for "IS" as Islamic State; never in an all-upper-case text);
 *         other words are kept for the class's own use (sr_lex_entry.flags).
 */
#ifndef SR_LEXICON_H
#define SR_LEXICON_H

#include <stddef.h>
#include <stdint.h>
#include "../util/sr_mem.h"
#include "../text/sr_text.h"

typedef struct sr_embedded_file {
    const char *name;
    const char *data;
    size_t len;
} sr_embedded_file;

extern const sr_embedded_file sr_lexicon_files[];
extern const size_t sr_lexicon_nfiles;

typedef struct sr_lex sr_lex;

typedef struct sr_lex_entry {
    const char *phrase;   /* as written in the file, NUL-terminated */
    const char *value;    /* NUL-terminated */
    const char *flags;    /* NUL-terminated, "" when none */
    const char *file;     /* lexicon file name */
    uint32_t line;
    uint16_t cls;         /* sr_lex_class() number */
    uint8_t nwords;       /* tokens in the phrase */
    uint8_t exact_case;   /* the "case" flag */
} sr_lex_entry;

/* Build the matcher from the embedded files.  On failure (bad line) returns
 * SITREP_E_DATA with "file:line: message" in err. */
sitrep_status sr_lex_create(const sr_alloc *a, sr_lex **out, char *err, size_t errlen);
/* Build from given files instead (tests). */
sitrep_status sr_lex_create_from(const sr_alloc *a, const sr_embedded_file *files,
                                 size_t nfiles, sr_lex **out, char *err, size_t errlen);
void sr_lex_free(sr_lex *lx);

/* Number of a class name; -1 when no entry uses it. */
int sr_lex_class(const sr_lex *lx, const char *name);
const sr_lex_entry *sr_lex_get(const sr_lex *lx, uint32_t entry);
/* Number of entries (valid ids are 0 .. sr_lex_size() - 1, in file order). */
size_t sr_lex_size(const sr_lex *lx);
/* Name of class number cls; NULL when out of range.  Owned by lx. */
const char *sr_lex_class_name(const sr_lex *lx, int cls);

typedef struct sr_match {
    uint32_t tok_begin, tok_end; /* [begin, end) token indexes */
    uint32_t entry;              /* sr_lex_get() */
    uint16_t cls;
} sr_match;

/*
 * All lexicon matches in t: at each token the longest phrase that matches
 * (every entry with that same phrase is reported, one sr_match each), then
 * matching resumes after it (leftmost-longest, non-overlapping).  Matches
 * never cross a sentence boundary.  The array is allocated in ar, ordered by
 * tok_begin.
 */
sitrep_status sr_lex_match_all(const sr_lex *lx, const sr_tokens *t, sr_arena *ar,
                               sr_match **out, size_t *nout);

/* Entries whose phrase matches at token i (longest first); writes at most
 * max entry ids and returns the number of tokens matched (0: none). */
size_t sr_lex_match_at(const sr_lex *lx, const sr_tokens *t, size_t i,
                       uint32_t *entries, size_t max, size_t *nentries);

#endif
