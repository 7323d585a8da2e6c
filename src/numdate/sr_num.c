/*
 * sr_num.c - number expressions in news copy: digits ("62", "1,200",
 * "1.5 million"), spelled-out cardinals ("sixty-two", "ONE HUNDRED AND
 * TWELVE", "a dozen", "half a dozen"), vague plurals ("dozens", "hundreds
 * of thousands", "several", "a few"), qualifiers ("at least", "more than",
 * "nearly", "up to", "fewer than", "20 or more") and ranges ("between 4 and
 * 7", "4-7", "four or five").
 *
 * Everything is ASCII byte work over {ptr, len}: no locale, no strtol.  Every
 * scan is bounded (digit runs, space runs, word counts) so that a call costs
 * O(1) whatever the input, which matters because the extractor calls
 * sr_num_parse at every token.
 *
 * Conventions (documented here once, used by the extractor and writers):
 *  - value is the number as stated; for ranges the lower bound; for vague
 *    plurals the lower bound of the table below.
 *  - min/max: EXACT min = max = value; AT_LEAST min = value, max = -1 (or
 *    the vague table's max); MORE_THAN min = value (exclusive), max = -1;
 *    ABOUT min = max = -1 (no stated bound); UP_TO min = -1, max = value;
 *    FEWER_THAN min = -1, max = value (exclusive); RANGE min..max inclusive.
 *  - vague plurals (qualifier AT_LEAST, vague = 1):
 *      dozens 24..-1, scores 40..-1, hundreds 200..999, thousands 2000..-1,
 *      millions 2000000..-1, tens of thousands 20000..-1, hundreds of
 *      thousands 200000..999999, several 3..9, a few 2..5, a handful 2..5,
 *      a number (of) 2..-1; "several"/"a few" take a scale word: "several
 *      hundred" 300..900.
 */
#include "numdate/sr_numdate.h"
#include "numdate/sr_ndscan.h"

#include <assert.h>
#include <string.h>

#define ND_CAP 1000000000LL   /* largest value accepted (10^9) */
#define ND_MAX_DIGITS 15      /* longer digit runs are not counts */

/* ------------------------------------------------------- byte helpers */

/* The byte classes and white-space and boundary scanners are in
 * sr_ndscan.h, shared with the date parser. */

/*
 * Match the phrase ph (lower-case words; ' ' matches a run of white space,
 * other bytes match themselves case-insensitively) at p[i].  The phrase must
 * end on a word boundary.  Returns the offset just after it, or 0.
 */
static size_t nd_phrase(const char *p, size_t n, size_t i, const char *ph)
{
    size_t j = i;
    for (const char *q = ph; *q; q++) {
        if (*q == ' ') {
            size_t s = nd_spaces(p, n, j);
            if (!s)
                return 0;
            j += s;
        } else {
            if (j >= n || nd_lower((unsigned char)p[j]) != (unsigned char)*q)
                return 0;
            j++;
        }
    }
    if (nd_alpha((unsigned char)ph[strlen(ph) - 1]) && !nd_boundary(p, n, j))
        return 0;
    return j;
}

/* ------------------------------------------------------------- core */

typedef struct nd_core {
    int64_t value, min, max;
    sitrep_qualifier q;
    int vague, word;
} nd_core;

static void nd_exact(nd_core *c, int64_t v, int word)
{
    c->value = v;
    c->min = c->max = v;
    c->q = SITREP_Q_EXACT;
    c->vague = 0;
    c->word = word;
}

/* Scale words that may follow a number ("2 million", "several hundred"). */
static int64_t nd_scale_word(const char *p, size_t n, size_t i, size_t *end)
{
    static const struct { const char *w; int64_t v; } scales[] = {
        {"dozen", 12}, {"hundred", 100}, {"thousand", 1000},
        {"million", 1000000}, {"billion", 1000000000}};
    size_t wl = nd_letters(p, n, i);
    if (!wl || !nd_boundary(p, n, i + wl))
        return 0;
    for (size_t k = 0; k < sizeof scales / sizeof scales[0]; k++)
        if (nd_eq(p + i, wl, scales[k].w)) {
            *end = i + wl;
            return scales[k].v;
        }
    return 0;
}

/*
 * What may follow a number: refuse attached letters ("9mm", "1990s",
 * "4th"), times ("10:30"), dates ("05/07"), percentages and hyphenated
 * compounds ("16-year-old", "twenty-first"), except "-odd" and "-plus" which
 * the caller reads as qualifiers.  Returns 1 when the number may end at e.
 */
static int nd_tail_ok(const char *p, size_t n, size_t e)
{
    if (e >= n)
        return 1;
    unsigned char c = (unsigned char)p[e];
    if (!nd_boundary(p, n, e))
        return 0;
    if ((c == ':' || c == '/') && e + 1 < n && nd_digit((unsigned char)p[e + 1]))
        return 0;
    if (c == '%')
        return 0;
    if (c == '-' && e + 1 < n && nd_alpha((unsigned char)p[e + 1])) {
        if (nd_phrase(p, n, e + 1, "odd") || nd_phrase(p, n, e + 1, "plus"))
            return 1;
        return 0;
    }
    return 1;
}

/* Digits at p[i]: "62", "1,200", "1.5 million", "2 dozen".  Returns the end
 * offset or 0. */
static size_t nd_digits(const char *p, size_t n, size_t i, nd_core *c)
{
    size_t j = i, nd = 0;
    int64_t v = 0;
    while (j < n && nd_digit((unsigned char)p[j])) {
        if (++nd > ND_MAX_DIGITS)
            return 0;
        v = v * 10 + (p[j] - '0');
        j++;
    }
    if (nd == 0)
        return 0;
    /* Thousands groups: ",ddd" not followed by another digit. */
    if (nd <= 3) {
        while (j + 3 < n && p[j] == ',' && nd_digit((unsigned char)p[j + 1]) &&
               nd_digit((unsigned char)p[j + 2]) && nd_digit((unsigned char)p[j + 3]) &&
               (j + 4 >= n || !nd_digit((unsigned char)p[j + 4]))) {
            v = v * 1000 + (p[j + 1] - '0') * 100 + (p[j + 2] - '0') * 10 + (p[j + 3] - '0');
            j += 4;
            if (v > ND_CAP)
                return 0;
        }
    }
    /* A decimal fraction only makes a count with a scale word. */
    int64_t frac = 0, fdiv = 1;
    int has_frac = 0;
    if (j + 1 < n && p[j] == '.' && nd_digit((unsigned char)p[j + 1])) {
        size_t k = j + 1, fd = 0;
        while (k < n && nd_digit((unsigned char)p[k])) {
            if (++fd > 9)
                return 0;
            frac = frac * 10 + (p[k] - '0');
            fdiv *= 10;
            k++;
        }
        j = k;
        has_frac = 1;
    }
    size_t s = nd_spaces(p, n, j), se = 0;
    int64_t scale = s ? nd_scale_word(p, n, j + s, &se) : 0;
    if (scale) {
        if (v > ND_CAP / scale)
            return 0;
        v = v * scale + frac * scale / fdiv;
        j = se;
    } else if (has_frac) {
        return 0;
    }
    if (v > ND_CAP || !nd_tail_ok(p, n, j))
        return 0;
    nd_exact(c, v, 0);
    return j;
}

enum { W_ZERO = 1, W_UNIT, W_TEEN, W_TENS, W_HUNDRED, W_SCALE, W_DOZEN, W_SCORE, W_AND, W_A };

typedef struct nd_word {
    const char *w;
    unsigned char kind;
    int64_t v;
} nd_word;

static const nd_word nd_words[] = {
    {"zero", W_ZERO, 0},      {"one", W_UNIT, 1},        {"two", W_UNIT, 2},
    {"three", W_UNIT, 3},     {"four", W_UNIT, 4},       {"five", W_UNIT, 5},
    {"six", W_UNIT, 6},       {"seven", W_UNIT, 7},      {"eight", W_UNIT, 8},
    {"nine", W_UNIT, 9},      {"ten", W_TEEN, 10},       {"eleven", W_TEEN, 11},
    {"twelve", W_TEEN, 12},   {"thirteen", W_TEEN, 13},  {"fourteen", W_TEEN, 14},
    {"fifteen", W_TEEN, 15},  {"sixteen", W_TEEN, 16},   {"seventeen", W_TEEN, 17},
    {"eighteen", W_TEEN, 18}, {"nineteen", W_TEEN, 19},  {"twenty", W_TENS, 20},
    {"thirty", W_TENS, 30},   {"forty", W_TENS, 40},     {"fourty", W_TENS, 40},
    {"fifty", W_TENS, 50},    {"sixty", W_TENS, 60},     {"seventy", W_TENS, 70},
    {"eighty", W_TENS, 80},   {"ninety", W_TENS, 90},    {"hundred", W_HUNDRED, 100},
    {"thousand", W_SCALE, 1000}, {"million", W_SCALE, 1000000},
    {"billion", W_SCALE, 1000000000}, {"dozen", W_DOZEN, 12}, {"score", W_SCORE, 20},
    {"and", W_AND, 0},        {"a", W_A, 1},             {"an", W_A, 1},
};

static const nd_word *nd_lookup(const char *p, size_t len)
{
    unsigned char lb = nd_lower((unsigned char)p[0]);
    for (size_t k = 0; k < sizeof nd_words / sizeof nd_words[0]; k++)
        if ((unsigned char)nd_words[k].w[0] == lb && nd_eq(p, len, nd_words[k].w))
            return &nd_words[k];
    return NULL;
}

/*
 * Spelled-out cardinal at p[i] ("sixty-two", "one hundred and twelve",
 * "a dozen", "two thousand five hundred").  A small state machine over the
 * previous word's kind keeps "five six" from becoming 11.  Returns the end
 * offset (after the last number word) or 0.
 */
static size_t nd_words_parse(const char *p, size_t n, size_t i, nd_core *c)
{
    int64_t total = 0, cur = 0, last_scale = ND_CAP * 10, value = -1;
    int last = 0;
    size_t j = i, end = 0;
    for (int guard = 0; guard < 16; guard++) {
        size_t wl = nd_letters(p, n, j);
        if (!wl || !nd_boundary(p, n, j + wl))
            break;
        const nd_word *w = nd_lookup(p + j, wl);
        if (!w)
            break;
        int ok = 0, stop = 0;
        switch (w->kind) {
        case W_ZERO:
            ok = last == 0;
            stop = 1;
            break;
        case W_A:
            ok = last == 0;
            cur = 1;
            break;
        case W_UNIT:
            ok = last == 0 || last == W_TENS || last == W_HUNDRED || last == W_AND || last == W_SCALE;
            /* "hundred five" without "and" is fine; "twenty five" too. */
            if (ok)
                cur += w->v;
            break;
        case W_TEEN:
        case W_TENS:
            ok = last == 0 || last == W_HUNDRED || last == W_AND || last == W_SCALE;
            if (ok)
                cur += w->v;
            break;
        case W_HUNDRED:
            ok = (last == W_UNIT || last == W_TEEN || last == W_A) && cur >= 1 && cur < 100;
            if (ok)
                cur *= 100;
            break;
        case W_SCALE:
            ok = (last == W_UNIT || last == W_TEEN || last == W_TENS || last == W_HUNDRED ||
                  last == W_A) && w->v < last_scale && cur >= 1;
            if (ok) {
                total += cur * w->v;
                cur = 0;
                last_scale = w->v;
            }
            break;
        case W_DOZEN:
        case W_SCORE:
            ok = (last == W_UNIT || last == W_TEEN || last == W_TENS || last == W_A) &&
                 total == 0 && cur >= 1;
            if (ok)
                cur *= w->v;
            stop = 1;
            break;
        case W_AND:
            ok = last == W_HUNDRED || last == W_SCALE;
            break;
        default:
            break;
        }
        if (!ok)
            break;
        last = w->kind;
        if (last != W_A && last != W_AND) {
            end = j + wl;
            value = total + cur;
        }
        if (stop || total > ND_CAP)
            break;
        j += wl;
        if (j < n && p[j] == '-' && last != W_A && last != W_AND) {
            j++;
        } else {
            size_t s = nd_spaces(p, n, j);
            if (!s)
                break;
            j += s;
        }
    }
    if (!end || value < 0 || value > ND_CAP || !nd_tail_ok(p, n, end))
        return 0;
    nd_exact(c, value, 1);
    return end;
}

/* Vague quantities; see the file comment. */
static const struct {
    const char *ph;
    int64_t min, max;
    int scalable;      /* may take a scale word: "several hundred" */
    int needs_of;      /* must be followed by "of" (not consumed) */
} nd_vague_tab[] = {
    {"hundreds of thousands", 200000, 999999, 0, 0},
    {"tens of thousands", 20000, -1, 0, 0},
    {"tens of millions", 20000000, -1, 0, 0},
    {"hundreds of millions", 200000000, 999999999, 0, 0},
    {"dozens", 24, -1, 0, 0},
    {"scores", 40, -1, 0, 0},
    {"hundreds", 200, 999, 0, 0},
    {"thousands", 2000, -1, 0, 0},
    {"millions", 2000000, -1, 0, 0},
    {"several", 3, 9, 1, 0},
    {"a few", 2, 5, 1, 0},
    {"a handful", 2, 5, 0, 1},
    {"a number", 2, -1, 0, 1},
};

/* Vague quantities ("dozens", "several hundred", "a few"); see the file
 * comment for the table.  Returns the end offset or 0. */
static size_t nd_vague(const char *p, size_t n, size_t i, nd_core *c)
{
    unsigned char lb = nd_lower((unsigned char)p[i]);
    for (size_t k = 0; k < sizeof nd_vague_tab / sizeof nd_vague_tab[0]; k++) {
        if ((unsigned char)nd_vague_tab[k].ph[0] != lb)
            continue;
        size_t e = nd_phrase(p, n, i, nd_vague_tab[k].ph);
        if (!e)
            continue;
        int64_t mul = 1;
        if (nd_vague_tab[k].needs_of) {
            size_t s = nd_spaces(p, n, e);
            if (!s || !nd_phrase(p, n, e + s, "of"))
                return 0;
        }
        if (nd_vague_tab[k].scalable) {
            size_t s = nd_spaces(p, n, e), se = 0;
            int64_t sc = s ? nd_scale_word(p, n, e + s, &se) : 0;
            if (sc) {
                mul = sc;
                e = se;
            }
        }
        if (nd_vague_tab[k].min * mul > ND_CAP || !nd_tail_ok(p, n, e))
            return 0;
        c->value = c->min = nd_vague_tab[k].min * mul;
        c->max = nd_vague_tab[k].max < 0 ? -1 : nd_vague_tab[k].max * mul;
        if (c->max > ND_CAP)
            c->max = -1;
        c->q = SITREP_Q_AT_LEAST;
        c->vague = 1;
        c->word = 1;
        return e;
    }
    return 0;
}

/* One number, no qualifier, no range. */
static size_t nd_core_parse(const char *p, size_t n, size_t i, nd_core *c)
{
    if (i >= n)
        return 0;
    unsigned char b = (unsigned char)p[i];
    if (nd_digit(b))
        return nd_digits(p, n, i, c);
    if (!nd_alpha(b))
        return 0;
    static const char *const half[] = {"half a dozen", "half-a-dozen", "a half dozen",
                                       "a half-dozen"};
    for (size_t k = 0; k < sizeof half / sizeof half[0]; k++) {
        if (nd_lower(b) != (unsigned char)half[k][0])
            continue;
        size_t e = nd_phrase(p, n, i, half[k]);
        if (e && nd_tail_ok(p, n, e)) {
            nd_exact(c, 6, 1);
            return e;
        }
    }
    size_t e = nd_vague(p, n, i, c);
    if (e)
        return e;
    return nd_words_parse(p, n, i, c);
}

/* Bytes of a range dash at p[i]: '-' or an en dash (U+2013). */
static size_t nd_dash(const char *p, size_t n, size_t i)
{
    if (i < n && p[i] == '-')
        return 1;
    if (i + 2 < n && (unsigned char)p[i] == 0xE2 && (unsigned char)p[i + 1] == 0x80 &&
        (unsigned char)p[i + 2] == 0x93)
        return 3;
    return 0;
}

/* A number with its postfix qualifier or range: "20 or more", "40-odd",
 * "4-7", "4 to 7", "four or five". */
static size_t nd_number(const char *p, size_t n, size_t i, nd_core *c)
{
    size_t e = nd_core_parse(p, n, i, c);
    if (!e || c->vague)
        return e;
    /* Postfix qualifiers. */
    if (e < n && p[e] == '-') {
        size_t k;
        if ((k = nd_phrase(p, n, e + 1, "odd"))) {
            c->q = SITREP_Q_ABOUT;
            return k;
        }
        if ((k = nd_phrase(p, n, e + 1, "plus"))) {
            c->q = SITREP_Q_AT_LEAST;
            return k;
        }
    }
    if (e < n && p[e] == '+' && nd_boundary(p, n, e + 1) &&
        !(e + 1 < n && nd_digit((unsigned char)p[e + 1]))) {
        c->q = SITREP_Q_AT_LEAST;
        return e + 1;
    }
    size_t s = nd_spaces(p, n, e), j = e + s, k;
    size_t d = nd_dash(p, n, j), j2 = 0;
    if (d) {
        j2 = j + d;
    } else if (s && (k = nd_phrase(p, n, j, "or"))) {
        size_t s2 = nd_spaces(p, n, k), k2;
        if (s2 && (k2 = nd_phrase(p, n, k + s2, "more"))) {
            c->q = SITREP_Q_AT_LEAST;
            return k2;
        }
        if (s2 && (k2 = nd_phrase(p, n, k + s2, "so"))) {
            c->q = SITREP_Q_ABOUT;
            return k2;
        }
        j2 = k;
    } else if (s && (k = nd_phrase(p, n, j, "to"))) {
        j2 = k;
    }
    if (j2) {
        nd_core c2;
        size_t e2 = nd_core_parse(p, n, j2 + nd_spaces(p, n, j2), &c2);
        if (e2 && !c2.vague && c2.value > c->value) {
            c->min = c->value;
            c->max = c2.value;
            c->q = SITREP_Q_RANGE;
            c->word = c->word || c2.word;
            return e2;
        }
    }
    return e;
}

/* Fill *out from c and the qualifier, setting the bounds by the file's
 * conventions. */
static void nd_finish(const nd_core *c, sitrep_qualifier q, size_t qual_len, sr_num *out)
{
    out->value = c->value;
    out->qualifier = q;
    out->vague = c->vague ? 1u : 0u;
    out->word = c->word ? 1u : 0u;
    out->qual_len = qual_len;
    switch (q) {
    case SITREP_Q_EXACT:
        out->min = out->max = c->value;
        break;
    case SITREP_Q_AT_LEAST:
        out->min = c->vague ? c->min : c->value;
        out->max = c->vague ? c->max : -1;
        break;
    case SITREP_Q_MORE_THAN:
        out->min = c->value;
        out->max = -1;
        break;
    case SITREP_Q_ABOUT:
        out->min = out->max = -1;
        break;
    case SITREP_Q_UP_TO:
    case SITREP_Q_FEWER_THAN:
        out->min = -1;
        out->max = c->value;
        break;
    case SITREP_Q_RANGE:
    default:
        out->min = c->min;
        out->max = c->max;
        break;
    }
}

static const struct {
    const char *ph;
    sitrep_qualifier q;
} nd_quals[] = {
    {"at least", SITREP_Q_AT_LEAST},      {"at minimum", SITREP_Q_AT_LEAST},
    {"a minimum of", SITREP_Q_AT_LEAST},  {"no fewer than", SITREP_Q_AT_LEAST},
    {"no less than", SITREP_Q_AT_LEAST},  {"not less than", SITREP_Q_AT_LEAST},
    {"not fewer than", SITREP_Q_AT_LEAST},
    {"more than", SITREP_Q_MORE_THAN},    {"over", SITREP_Q_MORE_THAN},
    {"well over", SITREP_Q_MORE_THAN},    {"just over", SITREP_Q_MORE_THAN},
    {"upwards of", SITREP_Q_MORE_THAN},   {"upward of", SITREP_Q_MORE_THAN},
    {"in excess of", SITREP_Q_MORE_THAN}, {"greater than", SITREP_Q_MORE_THAN},
    {"nearly", SITREP_Q_ABOUT},           {"almost", SITREP_Q_ABOUT},
    {"about", SITREP_Q_ABOUT},            {"around", SITREP_Q_ABOUT},
    {"approximately", SITREP_Q_ABOUT},    {"approx.", SITREP_Q_ABOUT},
    {"some", SITREP_Q_ABOUT},             {"roughly", SITREP_Q_ABOUT},
    {"an estimated", SITREP_Q_ABOUT},     {"estimated", SITREP_Q_ABOUT},
    {"close to", SITREP_Q_ABOUT},         {"circa", SITREP_Q_ABOUT},
    {"up to", SITREP_Q_UP_TO},            {"as many as", SITREP_Q_UP_TO},
    {"fewer than", SITREP_Q_FEWER_THAN},  {"less than", SITREP_Q_FEWER_THAN},
    {"under", SITREP_Q_FEWER_THAN},       {"just under", SITREP_Q_FEWER_THAN},
};

/* "between X and Y", "from X to Y": returns the end or 0. */
static size_t nd_bracketed_range(const char *p, size_t n, const char *open, const char *mid,
                                 nd_core *c, size_t *qual_len)
{
    size_t e = nd_phrase(p, n, 0, open);
    if (!e)
        return 0;
    size_t s = nd_spaces(p, n, e);
    if (!s)
        return 0;
    size_t j = e + s;
    nd_core c1, c2;
    size_t e1 = nd_core_parse(p, n, j, &c1);
    if (!e1 || c1.vague)
        return 0;
    size_t s1 = nd_spaces(p, n, e1);
    size_t k = s1 ? nd_phrase(p, n, e1 + s1, mid) : 0;
    if (!k)
        return 0;
    size_t s2 = nd_spaces(p, n, k);
    size_t e2 = s2 ? nd_core_parse(p, n, k + s2, &c2) : 0;
    if (!e2 || c2.vague || c2.value < c1.value)
        return 0;
    *c = c1;
    c->min = c1.value;
    c->max = c2.value;
    c->q = SITREP_Q_RANGE;
    c->word = c1.word || c2.word;
    *qual_len = j;
    return e2;
}

/*
 * First-word filter.  sr_num_parse runs at every token, and most words are
 * not numbers: bit L of nd_first[c] is set when some word that can open a
 * number expression starts with letter c and has L letters.  The words are
 * those of nd_quals, the vague table, the "half" phrases and nd_words
 * (units, teens, tens, "zero", "a", "an"); sr_num_selfcheck() verifies that
 * the table still covers them (the unit tests call it).
 */
static const uint32_t nd_first[26] = {
    0x00002066u, 0x00000080u, 0x00000020u, 0x00000040u, 0x00000360u, 0x000001f0u,
    0x00000080u, 0x00000110u, 0x00000004u, 0x00000010u, 0x00000000u, 0x00000010u,
    0x00000110u, 0x0000015cu, 0x00000018u, 0x00000000u, 0x00000000u, 0x00000080u,
    0x000002f8u, 0x00000378u, 0x000000e4u, 0x00000000u, 0x00000010u, 0x00000000u,
    0x00000000u, 0x00000010u};

static int nd_first_ok(const char *p, size_t n)
{
    size_t l = nd_letters(p, n, 0);
    if (l == 0 || l > 31)
        return 0;
    return (int)((nd_first[nd_lower((unsigned char)p[0]) - 'a'] >> l) & 1u);
}

/* 1 when the phrase's first word passes nd_first_ok. */
static int nd_first_covers(const char *ph)
{
    size_t l = 0;
    while (nd_alpha((unsigned char)ph[l]))
        l++;
    return nd_first_ok(ph, l);
}

int sr_num_selfcheck(void)
{
    for (size_t k = 0; k < sizeof nd_quals / sizeof nd_quals[0]; k++)
        if (!nd_first_covers(nd_quals[k].ph))
            return 0;
    for (size_t k = 0; k < sizeof nd_words / sizeof nd_words[0]; k++) {
        int kind = nd_words[k].kind;
        if ((kind == W_ZERO || kind == W_UNIT || kind == W_TEEN || kind == W_TENS ||
             kind == W_A) && !nd_first_covers(nd_words[k].w))
            return 0;
    }
    for (size_t k = 0; k < sizeof nd_vague_tab / sizeof nd_vague_tab[0]; k++)
        if (!nd_first_covers(nd_vague_tab[k].ph))
            return 0;
    static const char *const more[] = {"between", "from", "half"};
    for (size_t k = 0; k < sizeof more / sizeof more[0]; k++)
        if (!nd_first_covers(more[k]))
            return 0;
    /* and rejects ordinary words */
    return !nd_first_covers("police") && !nd_first_covers("killed");
}

size_t sr_num_parse(const char *p, size_t n, sr_num *out)
{
    if (!p || n == 0 || !out)
        return 0;
    unsigned char b = (unsigned char)p[0];
    if (!nd_digit(b) && !(nd_alpha(b) && nd_first_ok(p, n)))
        return 0;
    nd_core c;
    size_t ql = 0, e;
    if (nd_alpha(b)) {
        if ((e = nd_bracketed_range(p, n, "between", "and", &c, &ql)) ||
            (e = nd_bracketed_range(p, n, "from", "to", &c, &ql))) {
            nd_finish(&c, SITREP_Q_RANGE, ql, out);
            return e;
        }
        unsigned char lb = nd_lower(b);
        for (size_t k = 0; k < sizeof nd_quals / sizeof nd_quals[0]; k++) {
            if ((unsigned char)nd_quals[k].ph[0] != lb)
                continue;   /* cheap first-byte filter: this runs per token */
            size_t qe = nd_phrase(p, n, 0, nd_quals[k].ph);
            if (!qe)
                continue;
            size_t s = nd_spaces(p, n, qe);
            if (!s)
                continue;
            e = nd_number(p, n, qe + s, &c);
            if (!e)
                continue;
            /* A range or a postfix qualifier ("over 20 or more") says more
             * than the prefix; otherwise the prefix rules. */
            sitrep_qualifier q = c.q == SITREP_Q_RANGE ? SITREP_Q_RANGE : nd_quals[k].q;
            nd_finish(&c, q, qe + s, out);
            return e;
        }
    }
    e = nd_number(p, n, 0, &c);
    if (!e)
        return 0;
    assert(e <= n && c.value >= 0 && c.value <= ND_CAP);
    nd_finish(&c, c.q, 0, out);
    return e;
}

size_t sr_parse_uint(const char *p, size_t n, size_t digits_max, uint64_t *out)
{
    if (!p || !out || digits_max == 0)
        return 0;
    if (digits_max > 19)
        digits_max = 19;   /* 19 digits always fit in uint64_t */
    size_t i = 0;
    uint64_t v = 0;
    while (i < n && i < digits_max && nd_digit((unsigned char)p[i])) {
        v = v * 10 + (uint64_t)(p[i] - '0');
        i++;
    }
    /* A longer run is not an integer of at most digits_max digits: "20245"
     * is not a 4-digit year followed by "5". */
    if (i == 0 || (i < n && nd_digit((unsigned char)p[i])))
        return 0;
    *out = v;
    return i;
}
