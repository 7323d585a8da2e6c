/*
 * sr_utf8.c - UTF-8 decoding, character classes, folding and hashing: the
 * one definition of "the same word" shared by lexicons, gazetteer and text.
 */
#include "sr_text.h"

#include <string.h>
#include <utf8proc.h>

size_t sr_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
    unsigned c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = c & 0x07;
        min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (n < len) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (p[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return len;
}

size_t sr_utf8_check(const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = sr_utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && !(k == 3 && s[i] == 0xEF && s[i + 1] == 0xBF && s[i + 2] == 0xBD))
            return i;
        i += k;
    }
    return n;
}

int sr_cp_is_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    if (cp == 0xFFFD)
        return 0;
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: /* combining marks belong to their letter */
    case UTF8PROC_CATEGORY_MC:
        return 1;
    default:
        return 0;
    }
}

int sr_cp_is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

int sr_cp_is_upper(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LU ||
           utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LT;
}

int sr_cp_is_space(uint32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
    return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0x85;
}

static int is_apostrophe(uint32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x02BB || cp == '`';
}

/* Append the folded form of one code point. */
static sitrep_status fold_cp(sr_buf *b, uint32_t cp)
{
    if (cp < 0x80) {
        char c = (char)cp;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        return sr_buf_addc(b, c);
    }
    utf8proc_int32_t out[8];
    int last = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char(
        (utf8proc_int32_t)cp, out, 8,
        UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &last);
    if (k < 0 || k > 8) {
        out[0] = (utf8proc_int32_t)cp;
        k = 1;
    }
    for (utf8proc_ssize_t i = 0; i < k; i++) {
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(out[i], enc);
        sitrep_status st = sr_buf_add(b, enc, (size_t)m);
        if (st != SITREP_OK)
            return st;
    }
    return SITREP_OK;
}

sitrep_status sr_fold_word(sr_buf *b, const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = sr_utf8_decode(s + i, n - i, &cp);
        i += k;
        if (is_apostrophe(cp) || cp == '.')
            continue;
        sitrep_status st = fold_cp(b, cp);
        if (st != SITREP_OK)
            return st;
    }
    return SITREP_OK;
}

sitrep_status sr_fold_key(sr_buf *b, const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0;
    int pending_space = 0, any = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = sr_utf8_decode(s + i, n - i, &cp);
        i += k;
        if (is_apostrophe(cp))
            continue;
        if (sr_cp_is_letter(cp) || sr_cp_is_digit(cp)) {
            if (pending_space && any) {
                sitrep_status st = sr_buf_addc(b, ' ');
                if (st != SITREP_OK)
                    return st;
            }
            pending_space = 0;
            any = 1;
            sitrep_status st = fold_cp(b, cp);
            if (st != SITREP_OK)
                return st;
        } else {
            pending_space = 1;
        }
    }
    return SITREP_OK;
}

uint64_t sr_hash(const void *p, size_t n)
{
    return sr_hash_extend(SR_HASH_INIT, p, n, 0);
}

uint64_t sr_hash_extend(uint64_t h, const void *p, size_t n, int add_space)
{
    const unsigned char *s = p;
    if (add_space) {
        h ^= (unsigned char)' ';
        h *= 0x100000001b3ULL;
    }
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

size_t sr_utf8_encode(uint32_t cp, char *o)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}
