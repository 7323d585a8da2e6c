/*
 * sr_ndscan.h - byte-level scanning shared by the number and date parsers
 * (sr_num.c, sr_date.c): ASCII classes, Unicode spaces, white-space runs
 * and word boundaries over {ptr, len}.  Locale-independent by design.
 * static inline so that the hot loops of both parsers keep them inlined.
 */
#ifndef SR_NDSCAN_H
#define SR_NDSCAN_H

#include <stddef.h>

#define ND_MAX_SPACE 64 /* longest white-space run between words */

static inline int nd_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static inline int nd_alpha(unsigned char c)
{
    c |= 32;
    return c >= 'a' && c <= 'z';
}

static inline unsigned char nd_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* Bytes of a Unicode space at p[i] (NBSP, U+2000..U+200A, U+202F), 0 if
 * none.  Wire copy and web text carry these between a figure and its noun. */
static inline size_t nd_uspace(const char *p, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)p;
    if (i + 1 < n && u[i] == 0xC2 && u[i + 1] == 0xA0)
        return 2;
    if (i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80 &&
        ((u[i + 2] >= 0x80 && u[i + 2] <= 0x8A) || u[i + 2] == 0xAF))
        return 3;
    return 0;
}

/* Length of the white-space run at p[i] (ASCII blanks, one line break at
 * most, Unicode spaces), capped at ND_MAX_SPACE.  A blank line ends it:
 * numbers do not run across paragraphs. */
static inline size_t nd_spaces(const char *p, size_t n, size_t i)
{
    size_t j = i;
    int newlines = 0;
    while (j < n && j - i < ND_MAX_SPACE) {
        unsigned char c = (unsigned char)p[j];
        if (c == ' ' || c == '\t' || c == '\r') {
            j++;
        } else if (c == '\n') {
            if (++newlines > 1)
                break;
            j++;
        } else {
            size_t u = nd_uspace(p, n, j);
            if (!u)
                break;
            j += u;
        }
    }
    return j - i;
}

/* 1 when a word may end before p[i]: end of input, or a byte that is not a
 * letter or digit.  Non-ASCII bytes end a word only when they are
 * punctuation or space (U+2000..U+203F, NBSP, guillemets); an apostrophe
 * followed by a letter ("one's") keeps the word going. */
static inline int nd_boundary(const char *p, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)p;
    if (i >= n)
        return 1;
    if (u[i] < 0x80) {
        if (nd_alpha(u[i]) || nd_digit(u[i]))
            return 0;
        if (u[i] == '\'' && i + 1 < n && nd_alpha(u[i + 1]))
            return 0;
        return 1;
    }
    if (i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80) {
        if (u[i + 2] == 0x99 && i + 3 < n && nd_alpha(u[i + 3]))
            return 0;   /* U+2019 as apostrophe */
        return 1;
    }
    if (i + 1 < n && u[i] == 0xC2 && (u[i + 1] == 0xA0 || u[i + 1] == 0xAB || u[i + 1] == 0xBB))
        return 1;
    return 0;
}

/* Length of the ASCII letter run at p[i] (capped at 32: longer runs are not
 * number words and need not be measured). */
static inline size_t nd_letters(const char *p, size_t n, size_t i)
{
    size_t j = i;
    while (j < n && j - i < 32 && nd_alpha((unsigned char)p[j]))
        j++;
    return j - i;
}

/* Case-insensitive: p[0..len) equals the lower-case ASCII word w. */
static inline int nd_eq(const char *p, size_t len, const char *w)
{
    size_t k;
    for (k = 0; k < len; k++)
        if (w[k] == '\0' || nd_lower((unsigned char)p[k]) != (unsigned char)w[k])
            return 0;
    return w[k] == '\0';
}

#endif
