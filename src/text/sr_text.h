/*
 * sr_text.h - text layer: UTF-8 decoding, case and accent folding, and the
 * tokenizer that every later stage (lexicon matching, numbers, gazetteer,
 * extraction) reads.
 *
 * Folding ("Sant Julià de Lòria" -> "sant julia de loria", "SANA'A" ->
 * "sanaa", "Al-Bukamal" -> "al bukamal") is defined once here so that keys
 * built from lexicon files, from the gazetteer and from article tokens agree.
 */
#ifndef SR_TEXT_H
#define SR_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "../util/sr_mem.h"

/* Decode one UTF-8 sequence at p (n > 0 bytes available).  Returns its length
 * (1-4) and the code point in *cp; for an invalid or truncated sequence
 * returns 1 and *cp = 0xFFFD. */
size_t sr_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);
/* Offset of the first invalid UTF-8 byte, or n when all valid. */
size_t sr_utf8_check(const char *p, size_t n);
/* Encode cp (at most U+10FFFF, not checked further) as UTF-8 into o, which
 * has room for 4 bytes; returns the byte count (1-4). */
size_t sr_utf8_encode(uint32_t cp, char *o);

/* Character classes used by the tokenizer (Unicode-aware through utf8proc). */
int sr_cp_is_letter(uint32_t cp);
int sr_cp_is_digit(uint32_t cp);   /* ASCII 0-9 only */
int sr_cp_is_upper(uint32_t cp);
int sr_cp_is_space(uint32_t cp);   /* incl. NBSP and Unicode spaces */

/*
 * Append the folded form of one word (letters/digits; apostrophes are
 * dropped) to b: lower case, diacritics stripped, NFKC-compatible.  Returns
 * SITREP_OK or an sr_buf error.
 */
sitrep_status sr_fold_word(sr_buf *b, const char *p, size_t n);

/*
 * Append the key of a multi-word name to b: the folded words separated by
 * one space; hyphens, dots, commas, parentheses and other punctuation count
 * as separators; apostrophes (' and U+2019) inside words are dropped.
 * "Al-Bukamal" -> "al bukamal"; "Sana'a" -> "sanaa"; "St. Louis" -> "st louis".
 */
sitrep_status sr_fold_key(sr_buf *b, const char *p, size_t n);

/* 64-bit FNV-1a of bytes; the hash used for folded words and keys. */
uint64_t sr_hash(const void *p, size_t n);
/* Combine the hash of a key so far with the next word's hash (for keys built
 * token by token: equal to sr_hash of the space-joined key). */
uint64_t sr_hash_extend(uint64_t h, const void *p, size_t n, int add_space);
#define SR_HASH_INIT 0xcbf29ce484222325ULL

/* ------------------------------------------------------------- tokenizer */

enum sr_tok_kind {
    SR_TOK_WORD = 1,   /* letters (and digits mixed in: "B9", "F-16" is 3 tokens) */
    SR_TOK_NUM,        /* digits with optional , . separators: "1,200", "3.5" */
    SR_TOK_PUNCT       /* one punctuation character (or a run of dashes) */
};

enum sr_tok_flag {
    SR_TF_CAP = 1,        /* first letter upper case */
    SR_TF_ALLCAPS = 2,    /* every letter upper case (and at least one) */
    SR_TF_SENT_START = 4, /* first token of a sentence */
    SR_TF_PARA_START = 8, /* first token after a blank line (or of the text) */
    SR_TF_SPACE_BEFORE = 16 /* white space precedes the token */
};

typedef struct sr_token {
    uint32_t start, end;  /* byte offsets in the text */
    uint32_t norm;        /* offset of the folded form in sr_tokens.norm */
    uint16_t norm_len;
    uint8_t kind;         /* enum sr_tok_kind */
    uint8_t flags;        /* enum sr_tok_flag */
    uint32_t sent;        /* sentence index */
    uint64_t hash;        /* sr_hash of the folded form */
} sr_token;

typedef struct sr_sentence {
    uint32_t tok_begin, tok_end; /* [begin, end) token indexes */
    uint32_t start, end;         /* byte span */
} sr_sentence;

typedef struct sr_tokens {
    const char *text;
    size_t len;
    sr_token *tok;
    size_t ntok;
    const char *norm;     /* folded forms, each NUL-terminated */
    sr_sentence *sent;
    size_t nsent;
    int upper_case;       /* 1 when the text is (almost) all upper case: wire copy */
} sr_tokens;

/* Tokenize text into *out; all memory comes from ar.  Texts longer than
 * UINT32_MAX - 1 bytes are SITREP_E_LIMIT.  Sentence boundaries: . ! ? followed by space and a
 * capital/digit/quote (not after a known abbreviation or an initial), a blank
 * line, or a line that ends without punctuation followed by an indented or
 * capitalised line. */
sitrep_status sr_tokenize(sr_arena *ar, const char *text, size_t len, sr_tokens *out);

/* Folded form of token i (NUL-terminated). */
static inline const char *sr_tok_norm(const sr_tokens *t, size_t i)
{
    return t->norm + t->tok[i].norm;
}
/* 1 when token i's folded form equals the NUL-terminated ASCII s. */
int sr_tok_is(const sr_tokens *t, size_t i, const char *s);

#endif
