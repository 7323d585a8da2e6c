/*
 * sr_token.c - the tokenizer: words, numbers and punctuation with byte
 * offsets, folded forms and hashes, plus sentence and paragraph boundaries.
 * Everything lives in the document arena.
 */
#include "sr_text.h"

#include <assert.h>
#include <string.h>
#include <utf8proc.h>

/* Words after which a period does not end a sentence, by first letter,
 * separated by spaces: is_abbrev() runs for every word before a period,
 * and looks at the few words of one letter instead of the whole list. */
static const char *const abbrevs[26] = {
    ['a' - 'a'] = "adm apr aug approx al amb",
    ['b' - 'a'] = "brig",
    ['c' - 'a'] = "col capt cpl co corp cmdr",
    ['d' - 'a'] = "dr dec dept",
    ['e' - 'a'] = "etc est",
    ['f' - 'a'] = "feb ft fig",
    ['g' - 'a'] = "gen gov gens",
    ['i' - 'a'] = "inc insp",
    ['j' - 'a'] = "jan jun jul jr",
    ['l' - 'a'] = "lt ltd",
    ['m' - 'a'] = "mr mrs ms maj mar mt messrs",
    ['n' - 'a'] = "nov no nos",
    ['o' - 'a'] = "oct",
    ['p' - 'a'] = "pvt prof pres",
    ['r' - 'a'] = "rep rev",
    ['s' - 'a'] = "sgt st sep sept sen sr supt",
    ['v' - 'a'] = "vs",
};

static int is_abbrev(const char *norm, size_t n)
{
    /* the list holds words of 2 to 6 letters */
    if (n < 2 || n > 6 || norm[0] < 'a' || norm[0] > 'z')
        return 0;
    const char *w = abbrevs[norm[0] - 'a'];
    if (!w)
        return 0;
    while (*w) {
        size_t k = 0;
        while (w[k] && w[k] != ' ')
            k++;
        if (k == n && memcmp(w, norm, n) == 0)
            return 1;
        w += k;
        if (*w)
            w++;
    }
    return 0;
}

typedef struct tk_state {
    sr_arena *ar;
    sr_tokens *out;
    size_t cap;
    char *norm;
    size_t norm_len, norm_cap;
    sr_buf fold;
} tk_state;

static sitrep_status push_norm(tk_state *s, const char *p, size_t n, uint32_t *off)
{
    if (s->norm_len + n + 1 > s->norm_cap) {
        size_t cap = s->norm_cap * 2;
        while (cap < s->norm_len + n + 1)
            cap *= 2;
        char *q = sr_arena_grow(s->ar, s->norm, s->norm_len, cap, 1);
        if (!q)
            return SITREP_E_NOMEM;
        s->norm = q;
        s->norm_cap = cap;
    }
    if (s->norm_len > UINT32_MAX - n - 1)
        return SITREP_E_LIMIT;
    *off = (uint32_t)s->norm_len;
    memcpy(s->norm + s->norm_len, p, n);
    s->norm_len += n;
    s->norm[s->norm_len++] = '\0';
    return SITREP_OK;
}

/* hash: sr_hash of norm[0..norm_len) once norm_len is clipped to 0xFFFF
 * (the caller that scanned the word has it already; hash_of() for the
 * others). */
static inline sitrep_status push_token(tk_state *s, size_t start, size_t end, int kind, int flags,
                                       const char *norm, size_t norm_len, uint64_t hash)
{
    sr_tokens *t = s->out;
    if (t->ntok == s->cap) {
        size_t cap = s->cap + s->cap / 2 + 64;
        sr_token *q = sr_arena_grow(s->ar, t->tok, t->ntok, cap, sizeof *q);
        if (!q)
            return SITREP_E_NOMEM;
        t->tok = q;
        s->cap = cap;
    }
    if (norm_len > 0xFFFF)
        norm_len = 0xFFFF;
    sr_token *k = &t->tok[t->ntok];
    uint32_t off;
    sitrep_status st = push_norm(s, norm, norm_len, &off);
    if (st != SITREP_OK)
        return st;
    k->start = (uint32_t)start;
    k->end = (uint32_t)end;
    k->norm = off;
    k->norm_len = (uint16_t)norm_len;
    k->kind = (uint8_t)kind;
    k->flags = (uint8_t)flags;
    k->sent = 0;
    k->hash = hash;
    t->ntok++;
    return SITREP_OK;
}

/* The hash push_token() expects for norm[0..n). */
static uint64_t hash_of(const char *norm, size_t n)
{
    return sr_hash(norm, n > 0xFFFF ? 0xFFFF : n);
}

static int ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int is_lower(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

static int is_apos(uint32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

/* Scan a word starting at i (a letter or digit); return its end. Sets
 * *has_letter, *all_digits. Internal apostrophes followed by a letter stay in
 * the word, except a final possessive 's. */
static size_t scan_word(const unsigned char *s, size_t n, size_t i, int *has_letter, int *all_digits,
                        int *first_upper, int *all_upper)
{
    *has_letter = 0;
    *all_digits = 1;
    *first_upper = -1;
    *all_upper = 1;
    while (i < n) {
        uint32_t cp;
        unsigned char c = s[i];
        /* ASCII letters, the bulk of English news, without the calls below */
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            int up = c <= 'Z';
            if (*first_upper < 0 || (!*has_letter && *first_upper == 0))
                *first_upper = up;
            if (!up)
                *all_upper = 0;
            *has_letter = 1;
            *all_digits = 0;
            i++;
            continue;
        }
        size_t k = c < 0x80 ? (cp = c, 1) : sr_utf8_decode(s + i, n - i, &cp);
        if (sr_cp_is_digit(cp)) {
            if (*first_upper < 0)
                *first_upper = 0;
            i += k;
            continue;
        }
        if (sr_cp_is_letter(cp)) {
            int up = sr_cp_is_upper(cp);
            if (*first_upper < 0 || (!*has_letter && *first_upper == 0))
                *first_upper = up;
            if (!up && is_lower(cp))
                *all_upper = 0;
            *has_letter = 1;
            *all_digits = 0;
            i += k;
            continue;
        }
        if (is_apos(cp) && *has_letter) {
            /* keep apostrophe when a letter follows, unless it is 's + non-letter */
            size_t j = i + k;
            if (j < n) {
                uint32_t c2;
                size_t k2 = sr_utf8_decode(s + j, n - j, &c2);
                if (sr_cp_is_letter(c2)) {
                    if ((c2 == 's' || c2 == 'S') && (j + k2 >= n || !ascii_alnum(s[j + k2])) &&
                        !(j + k2 < n && s[j + k2] >= 0x80))
                        return i; /* possessive: split */
                    i = j;
                    continue;
                }
            }
        }
        break;
    }
    return i;
}

/* Is the punctuation at token index i a sentence end, looking at what
 * follows in the text? */
static int ends_sentence(const sr_tokens *t, size_t i)
{
    const sr_token *k = &t->tok[i];
    /* norms hold no NUL, so nm[1] == '\0' below means norm_len 1: most
     * tokens are settled here without reading the folded form */
    if (k->norm_len != 1)
        return 0;
    const char *nm = t->norm + k->norm;
    if (!(nm[0] == '.' || nm[0] == '!' || nm[0] == '?') || nm[1])
        return 0;
    if (nm[0] == '.' && i > 0) {
        const sr_token *w = &t->tok[i - 1];
        if (w->end == k->start && w->kind == SR_TOK_WORD) {
            const char *wn = t->norm + w->norm;
            if (is_abbrev(wn, w->norm_len))
                return 0;
            /* An initial ("J. Smith"), unless the text is upper case where
             * single letters are rare anyway. */
            if (w->norm_len == 1 && (w->flags & SR_TF_CAP) && !t->upper_case)
                return 0;
        }
    }
    return 1;
}

sitrep_status sr_tokenize(sr_arena *ar, const char *text, size_t len, sr_tokens *out)
{
    memset(out, 0, sizeof *out);
    out->text = text;
    out->len = len;
    if (len >= UINT32_MAX - 1)
        return SITREP_E_LIMIT;
    tk_state s;
    memset(&s, 0, sizeof s);
    s.ar = ar;
    s.out = out;
    s.cap = len / 5 + 64;
    /* every field of a token is written when it is pushed: no zeroing */
    out->tok = s.cap <= SIZE_MAX / sizeof(sr_token) ? sr_arena_alloc(ar, s.cap * sizeof(sr_token)) : NULL;
    s.norm_cap = len + len / 4 + 256;
    s.norm = sr_arena_alloc(ar, s.norm_cap);
    if (!out->tok || !s.norm)
        return SITREP_E_NOMEM;
    sr_buf_init(&s.fold, ar->alloc, 1 << 20);

    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0;
    int newlines = 2; /* the start of the text counts as a paragraph start */
    int space = 1;
    size_t nupper = 0, nlower = 0;
    sitrep_status st = SITREP_OK;
    while (i < len && st == SITREP_OK) {
        unsigned char c = p[i];
        uint32_t cp;
        size_t k;
        if (c < 0x80) {
            /* ASCII white space (and NUL) without the call below */
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' ||
                c == 0) {
                if (c == '\n')
                    newlines++;
                space = 1;
                i++;
                continue;
            }
            cp = c;
            k = 1;
        } else {
            k = sr_utf8_decode(p + i, len - i, &cp);
            if (sr_cp_is_space(cp)) {
                space = 1;
                i += k;
                continue;
            }
        }
        int flags = space ? SR_TF_SPACE_BEFORE : 0;
        if (newlines >= 2)
            flags |= SR_TF_PARA_START;
        newlines = 0;
        space = 0;
        size_t start = i;
        /* The common word, ASCII letters and digits, is scanned, lower-cased
         * into tmp and hashed in one pass; what scan_word() would carry on
         * through (a non-ASCII byte, an apostrophe after a letter) sends
         * the word to it instead.  wend: where that pass stopped (0: not
         * used). */
        char tmp[64];
        uint64_t whash = SR_HASH_INIT;
        size_t wend = 0;
        int has_letter = 0, all_digits = 1, first_upper = -1, all_upper = 1;
        if (ascii_alnum(c)) {
            /* What scan_word() works out, in closed form: has_letter, any
             * letter; all_upper, no lower-case letter (bit 0x20 of an ASCII
             * letter); first_upper, the case of the first letter (0 when
             * there is none). */
            size_t j = i, first_letter = SIZE_MAX;
            unsigned lower_bits = 0;
            while (j < len) {
                unsigned char d = p[j];
                unsigned char l = d | 0x20;
                if (l >= 'a' && l <= 'z') {
                    lower_bits |= d;
                    if (first_letter == SIZE_MAX)
                        first_letter = j;
                    d = l;
                } else if ((unsigned)(d - '0') > 9) {
                    break;
                }
                if (j - i < sizeof tmp)
                    tmp[j - i] = (char)d;
                whash = (whash ^ d) * 0x100000001b3ULL; /* sr_hash, step by step */
                j++;
            }
            has_letter = first_letter != SIZE_MAX;
            all_digits = !has_letter;
            all_upper = !(lower_bits & 0x20);
            first_upper = has_letter && p[first_letter] <= 'Z';
            if (j >= len || (p[j] < 0x80 && !(p[j] == '\'' && has_letter)))
                wend = j;
        }
        if (wend || sr_cp_is_letter(cp) || sr_cp_is_digit(cp)) {
            size_t end = wend;
            if (!wend)
                end = scan_word(p, len, i, &has_letter, &all_digits, &first_upper, &all_upper);
            int kind = SR_TOK_WORD;
            if (all_digits) {
                /* digits with , or . groups: 1,200  3.5  */
                while (end + 1 < len && (p[end] == ',' || p[end] == '.') && p[end + 1] >= '0' &&
                       p[end + 1] <= '9') {
                    size_t j = end + 1;
                    while (j < len && p[j] >= '0' && p[j] <= '9')
                        j++;
                    end = j;
                }
                if (end < len && ascii_alnum(p[end])) {
                    int a, b2, c2, d;
                    end = scan_word(p, len, end, &a, &b2, &c2, &d);
                } else {
                    kind = SR_TOK_NUM;
                }
            }
            /* Dotted abbreviations: U.S., U.N. -> one token "us". */
            if (kind == SR_TOK_WORD && end - start == 1 && end + 2 < len && p[end] == '.' &&
                ascii_alnum(p[end + 1]) && p[end + 2] == '.') {
                size_t j = end;
                while (j + 2 < len && p[j] == '.' && ascii_alnum(p[j + 1]) &&
                       (p[j + 2] == '.' || !ascii_alnum(p[j + 2])))
                    j += 2;
                if (j < len && p[j] == '.')
                    j++;
                end = j;
            }
            if (kind == SR_TOK_WORD && has_letter) {
                if (first_upper > 0)
                    flags |= SR_TF_CAP;
                if (all_upper)
                    flags |= SR_TF_ALLCAPS, nupper++;
                else
                    nlower++;
            }
            if (end == wend && end - start < sizeof tmp) {
                /* the one-pass scan saw the whole word */
                st = push_token(&s, start, end, kind, flags, tmp, end - start, whash);
                i = end;
                continue;
            }
            sr_buf_reset(&s.fold);
            if (c < 0x80 && end - start < 64) {
                size_t m = 0;
                int ascii = 1;
                for (size_t j = start; j < end; j++) {
                    unsigned char d = p[j];
                    if (d >= 0x80) {
                        ascii = 0;
                        break;
                    }
                    if (d == '\'' || d == '.' || d == '`')
                        continue;
                    tmp[m++] = (char)(d >= 'A' && d <= 'Z' ? d + 32 : d);
                }
                if (ascii) {
                    st = push_token(&s, start, end, kind, flags, tmp, m, hash_of(tmp, m));
                    i = end;
                    continue;
                }
            }
            /* The folded form serves matching only: a "word" of megabytes
             * (binary junk, a 100 MB line) is folded by its first KiB. */
            size_t flen = end - start > 1024 ? 1024 : end - start;
            while (flen < end - start && flen > 0 && (p[start + flen] & 0xC0) == 0x80)
                flen--;
            st = sr_fold_word(&s.fold, text + start, flen);
            if (st == SITREP_OK)
            {
                const char *f = s.fold.data ? s.fold.data : "";
                st = push_token(&s, start, end, kind, flags, f, s.fold.len, hash_of(f, s.fold.len));
            }
            i = end;
            continue;
        }
        /* punctuation */
        size_t end = i + k;
        const char *nm;
        char one[5];
        if (cp == '-' || cp == 0x2013 || cp == 0x2014) {
            size_t dashes = 1;
            while (end < len && p[end] == '-')
                end++, dashes++;
            nm = (dashes > 1 || cp == 0x2014) ? "--" : "-";
        } else if (is_apos(cp) || cp == 0x2018) {
            /* possessive 's */
            if (end < len && (p[end] == 's' || p[end] == 'S') &&
                (end + 1 >= len || !ascii_alnum(p[end + 1]))) {
                st = push_token(&s, start, end + 1, SR_TOK_WORD, flags, "'s", 2, hash_of("'s", 2));
                i = end + 1;
                continue;
            }
            nm = "'";
        } else if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0xAB || cp == 0xBB) {
            nm = "\"";
        } else if (cp == 0x2026) {
            nm = "...";
        } else if (cp < 0x80) {
            one[0] = (char)cp;
            one[1] = '\0';
            nm = one;
        } else {
            memcpy(one, text + start, k);
            one[k] = '\0';
            nm = one;
        }
        size_t nlen = strlen(nm);
        st = push_token(&s, start, end, SR_TOK_PUNCT, flags, nm, nlen, hash_of(nm, nlen));
        i = end;
    }
    sr_buf_free(&s.fold);
    if (st != SITREP_OK)
        return st;
    out->norm = s.norm;
    out->upper_case = (nupper + nlower) > 0 && nlower * 20 < nupper + nlower && nupper > 3;

    /* Sentences. */
    size_t scap = out->ntok / 12 + 8;
    out->sent = sr_arena_array(ar, scap, sizeof(sr_sentence));
    if (!out->sent)
        return SITREP_E_NOMEM;
    size_t begin = 0;
    /* ends_sentence() of tokens t - 1 and t - 2, each worked out once (it
     * reads nothing the loop changes: SR_TF_SENT_START is not looked at) */
    int end1 = 0, end2 = 0;
    for (size_t t = 0; t <= out->ntok; t++) {
        int cut = 0;
        size_t endtok = t;
        if (t > 0) {
            end2 = end1;
            end1 = ends_sentence(out, t - 1);
        }
        if (t == out->ntok) {
            cut = begin < t;
        } else if (t > begin && (out->tok[t].flags & SR_TF_PARA_START)) {
            cut = 1;
        } else if (t > begin && end1 && (out->tok[t].flags & SR_TF_SPACE_BEFORE)) {
            const sr_token *nx = &out->tok[t];
            const char *nn = out->norm + nx->norm;
            cut = out->upper_case || (nx->flags & SR_TF_CAP) || nx->kind == SR_TOK_NUM ||
                  nn[0] == '"' || nn[0] == '(' || nn[0] == '[' || nn[0] == '-';
        } else if (t > begin + 1 && end2 && !(out->tok[t - 1].flags & SR_TF_SPACE_BEFORE) &&
                   (out->norm[out->tok[t - 1].norm] == '"' || out->norm[out->tok[t - 1].norm] == ')') &&
                   (out->tok[t].flags & SR_TF_SPACE_BEFORE)) {
            cut = 1; /* killed." Police said */
        }
        if (!cut)
            continue;
        if (out->nsent == scap) {
            size_t ncap = scap * 2;
            sr_sentence *q = sr_arena_grow(ar, out->sent, out->nsent, ncap, sizeof *q);
            if (!q)
                return SITREP_E_NOMEM;
            out->sent = q;
            scap = ncap;
        }
        sr_sentence *se = &out->sent[out->nsent];
        se->tok_begin = (uint32_t)begin;
        se->tok_end = (uint32_t)endtok;
        se->start = out->tok[begin].start;
        se->end = out->tok[endtok - 1].end;
        for (size_t j = begin; j < endtok; j++)
            out->tok[j].sent = (uint32_t)out->nsent;
        out->tok[begin].flags |= SR_TF_SENT_START;
        out->nsent++;
        begin = t;
    }
    assert(out->nsent == 0 || out->sent[out->nsent - 1].tok_end == out->ntok);
    return SITREP_OK;
}

int sr_tok_is(const sr_tokens *t, size_t i, const char *s)
{
    /* called in every rule: the first byte settles most calls */
    if (i >= t->ntok)
        return 0;
    const char *n = t->norm + t->tok[i].norm;
    return n[0] == s[0] && strcmp(n, s) == 0;
}
