/*
 * sr_date.c - calendar arithmetic (Howard Hinnant's days-from-civil
 * algorithms), date expressions in news text ("23 March 2024", "March 23",
 * "2024-03-23", "05/07/2012", "on Friday", "yesterday", "two days ago",
 * "in March"), full dates of metadata fields (ISO 8601, RFC 2822) and
 * datelines ("MOSCOW, March 23 (Reuters) -", "SAN SALVADOR, 12 APR 89
 * (DOMESTIC SERVICE) -- [TEXT]").
 *
 * No locale, no time zone, no libc time functions: the reference date is
 * given by the caller and all arithmetic is on day numbers.
 *
 * Conventions:
 *  - year-less dates and weekday names resolve to the most recent such day
 *    on or before the reference date (news reports the past);
 *  - "last night" = ref - 1, "yesterday" = ref - 1, "the day before
 *    yesterday" = ref - 2, "today", "tonight", "this morning" = ref,
 *    "last week" = ref - 7, "last Friday" = the Friday strictly before ref;
 *  - two-digit years: 00-49 -> 20xx, 50-99 -> 19xx; free text accepts them
 *    only after an abbreviated month without a period ("23 MAR 89"), as
 *    FBIS/MUC copy writes them; datelines accept them after any month;
 *  - four-digit years in free text must lie in 1900..2100 (so that "on 23
 *    March 1500 people" does not read 1500 as a year);
 *  - lower-case "may", "march" and abbreviations ("mar", "sat", "sun",
 *    "wed") are words, not dates; upper case and Capitalised forms are names.
 */
#include "numdate/sr_numdate.h"
#include "numdate/sr_ndscan.h"

#include <assert.h>
#include <string.h>


/* ------------------------------------------------------------ calendar */

/* Day numbers are clamped to this range so that years always fit an int
 * (about +-1.9 billion years). */
#define ND_DAYS_LIMIT 700000000000LL

int64_t sr_days_from_civil(int y, int m, int d)
{
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;                                   /* [0, 399] */
    int64_t mp = m > 2 ? m - 3 : m + 9;                             /* [0, 11] */
    int64_t doy = (153 * mp + 2) / 5 + (int64_t)d - 1;              /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

void sr_civil_from_days(int64_t z, int *y, int *m, int *d)
{
    if (z > ND_DAYS_LIMIT)
        z = ND_DAYS_LIMIT;
    if (z < -ND_DAYS_LIMIT)
        z = -ND_DAYS_LIMIT;
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;                                 /* [0, 146096] */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    int64_t yy = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);          /* [0, 365] */
    int64_t mp = (5 * doy + 2) / 153;                               /* [0, 11] */
    assert(doe >= 0 && doe <= 146096 && yoe <= 399 && doy <= 365 && mp <= 11);
    int dd = (int)(doy - (153 * mp + 2) / 5 + 1);
    int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
    if (y)
        *y = (int)(yy + (mm <= 2));
    if (m)
        *m = mm;
    if (d)
        *d = dd;
}

int sr_weekday(int y, int m, int d)
{
    int64_t z = sr_days_from_civil(y, m, d);
    /* 1970-01-01 was a Thursday (4). */
    return (int)(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

static int nd_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int nd_mdays(int y, int m)
{
    static const unsigned char dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && nd_leap(y) ? 29 : dm[m - 1];
}

int sr_date_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= nd_mdays(y, m);
}

sitrep_date sr_date_add(sitrep_date d, int delta)
{
    if (!sr_date_valid(d.year, d.month, d.day))
        return d;
    int64_t z = sr_days_from_civil(d.year, d.month, d.day) + delta;
    sitrep_date r;
    sr_civil_from_days(z, &r.year, &r.month, &r.day);
    if (!sr_date_valid(r.year, r.month, r.day))
        return d;   /* left the years 1..9999: keep the input */
    return r;
}

/* ------------------------------------------------------- byte helpers */

/* nd_digit, nd_alpha, nd_lower, nd_spaces, nd_boundary, nd_letters and
 * nd_eq come from sr_ndscan.h, shared with the number parser. */

static int nd_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

/* Phrase of lower-case words (' ' matches white space) at p[i], ending on a
 * word boundary: the offset after it, or 0. */
static size_t nd_phrase(const char *p, size_t n, size_t i, const char *ph)
{
    size_t j = i;
    if (j >= n || nd_lower((unsigned char)p[j]) != (unsigned char)ph[0])
        return 0;
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
    return nd_boundary(p, n, j) ? j : 0;
}

/* End of a possessive "'s" / U+2019 "s" at p[e] ("Friday's attack",
 * "yesterday's blast"), or 0. */
static size_t nd_possessive(const char *p, size_t n, size_t e)
{
    size_t j = 0;
    if (e + 1 < n && p[e] == '\'' && (p[e + 1] == 's' || p[e + 1] == 'S'))
        j = e + 2;
    else if (e + 3 < n && (unsigned char)p[e] == 0xE2 && (unsigned char)p[e + 1] == 0x80 &&
             (unsigned char)p[e + 2] == 0x99 && (p[e + 3] == 's' || p[e + 3] == 'S'))
        j = e + 4;
    return j && nd_boundary(p, n, j) ? j : 0;
}

/* nd_phrase that also takes a possessive ending. */
static size_t nd_phrase_poss(const char *p, size_t n, size_t i, const char *ph)
{
    size_t e = nd_phrase(p, n, i, ph);
    if (e)
        return e;
    size_t len = strlen(ph);
    /* the phrase without the final boundary check, then "'s" */
    if (i + len > n || ph[0] == '\0')
        return 0;
    size_t j = i;
    for (const char *q = ph; *q; q++) {
        if (*q == ' ') {
            size_t sp = nd_spaces(p, n, j);
            if (!sp)
                return 0;
            j += sp;
        } else {
            if (j >= n || nd_lower((unsigned char)p[j]) != (unsigned char)*q)
                return 0;
            j++;
        }
    }
    return nd_possessive(p, n, j);
}

/* ------------------------------------------------------ names, numbers */

typedef struct nd_name {
    const char *w;
    unsigned char v;
    unsigned char abbr;
} nd_name;

static const nd_name nd_months[] = {
    {"january", 1, 0},  {"jan", 1, 1},  {"february", 2, 0}, {"feb", 2, 1},
    {"march", 3, 0},    {"mar", 3, 1},  {"april", 4, 0},    {"apr", 4, 1},
    {"may", 5, 0},      {"june", 6, 0}, {"jun", 6, 1},      {"july", 7, 0},
    {"jul", 7, 1},      {"august", 8, 0}, {"aug", 8, 1},    {"september", 9, 0},
    {"sept", 9, 1},     {"sep", 9, 1},  {"october", 10, 0}, {"oct", 10, 1},
    {"november", 11, 0}, {"nov", 11, 1}, {"december", 12, 0}, {"dec", 12, 1},
};

static const nd_name nd_wdays[] = {
    {"sunday", 0, 0},   {"sun", 0, 1},   {"monday", 1, 0},   {"mon", 1, 1},
    {"tuesday", 2, 0},  {"tue", 2, 1},   {"tues", 2, 1},     {"wednesday", 3, 0},
    {"wed", 3, 1},      {"thursday", 4, 0}, {"thu", 4, 1},   {"thur", 4, 1},
    {"thurs", 4, 1},    {"friday", 5, 0}, {"fri", 5, 1},     {"saturday", 6, 0},
    {"sat", 6, 1},
};

/*
 * A month or weekday name at p[i] from table t.  Abbreviations may carry a
 * period (consumed).  *abbr: 0 full name, 1 abbreviation, 2 abbreviation
 * with a period.  Returns the end offset or 0.
 */
static size_t nd_name_at(const char *p, size_t n, size_t i, const nd_name *t, size_t nt,
                         int *v, int *abbr)
{
    size_t wl = nd_letters(p, n, i);
    size_t poss = 0;
    if (wl < 3 || wl > 9)
        return 0;
    if (!nd_boundary(p, n, i + wl) && !(poss = nd_possessive(p, n, i + wl)))
        return 0;
    int lower_first = !nd_upper((unsigned char)p[i]);
    unsigned char lb = nd_lower((unsigned char)p[i]);
    for (size_t k = 0; k < nt; k++) {
        if ((unsigned char)t[k].w[0] != lb || !nd_eq(p + i, wl, t[k].w))
            continue;
        /* Lower-case "may", "march" and abbreviations are ordinary words. */
        if (lower_first && (t[k].abbr || !strcmp(t[k].w, "may") || !strcmp(t[k].w, "march")))
            return 0;
        size_t e = i + wl;
        int a = t[k].abbr;
        if (poss) {
            if (a)
                return 0;   /* "Sat's" is no date */
            e = poss;
        } else if (a && e < n && p[e] == '.') {
            e++;
            a = 2;
        }
        *v = t[k].v;
        if (abbr)
            *abbr = a;
        return e;
    }
    return 0;
}

static size_t nd_month_at(const char *p, size_t n, size_t i, int *m, int *abbr)
{
    return nd_name_at(p, n, i, nd_months, sizeof nd_months / sizeof nd_months[0], m, abbr);
}

static size_t nd_wday_at(const char *p, size_t n, size_t i, int *w, int *abbr)
{
    return nd_name_at(p, n, i, nd_wdays, sizeof nd_wdays / sizeof nd_wdays[0], w, abbr);
}

/* Exactly k digits at p[i], not followed by another digit. */
static size_t nd_fixed_digits(const char *p, size_t n, size_t i, size_t k, int *v)
{
    int x = 0;
    for (size_t j = 0; j < k; j++) {
        if (i + j >= n || !nd_digit((unsigned char)p[i + j]))
            return 0;
        x = x * 10 + (p[i + j] - '0');
    }
    if (i + k < n && nd_digit((unsigned char)p[i + k]))
        return 0;
    *v = x;
    return i + k;
}

/* A day of month: 1-2 digits, 1..31, optional "st"/"nd"/"rd"/"th", then a
 * word boundary. */
static size_t nd_day_at(const char *p, size_t n, size_t i, int *d)
{
    int v;
    size_t e = nd_fixed_digits(p, n, i, 1, &v);
    if (!e)
        e = nd_fixed_digits(p, n, i, 2, &v);
    if (!e || v < 1 || v > 31)
        return 0;
    if (e + 1 < n && nd_alpha((unsigned char)p[e])) {
        static const char *const sfx[] = {"st", "nd", "rd", "th"};
        int ok = 0;
        for (size_t k = 0; k < 4; k++)
            if (nd_lower((unsigned char)p[e]) == sfx[k][0] &&
                nd_lower((unsigned char)p[e + 1]) == sfx[k][1])
                ok = 1;
        if (!ok)
            return 0;
        e += 2;
    }
    if (!nd_boundary(p, n, e))
        return 0;
    /* "10:30", "5/7" and "3.5" are not days. */
    if (e + 1 < n && (p[e] == ':' || p[e] == '/' || p[e] == '.') && nd_digit((unsigned char)p[e + 1]))
        return 0;
    *d = v;
    return e;
}

/* A four-digit year in [lo, hi] at p[i], ending on a boundary. */
static size_t nd_year4_at(const char *p, size_t n, size_t i, int lo, int hi, int *y)
{
    int v;
    size_t e = nd_fixed_digits(p, n, i, 4, &v);
    if (!e || v < lo || v > hi || !nd_boundary(p, n, e))
        return 0;
    if (e + 1 < n && p[e] == ':' && nd_digit((unsigned char)p[e + 1]))
        return 0;
    *y = v;
    return e;
}

/* A two-digit year: 00-49 -> 20xx, 50-99 -> 19xx. */
static size_t nd_year2_at(const char *p, size_t n, size_t i, int *y)
{
    int v;
    size_t e = nd_fixed_digits(p, n, i, 2, &v);
    if (!e || !nd_boundary(p, n, e))
        return 0;
    if (e + 1 < n && (p[e] == ':' || p[e] == '.' || p[e] == ',') && nd_digit((unsigned char)p[e + 1]))
        return 0;
    *y = v < 50 ? 2000 + v : 1900 + v;
    return e;
}

/* ------------------------------------------------------ absolute dates */

enum {
    ND_YY = 1,          /* two-digit years after any month name */
    ND_WIDE_YEARS = 2   /* four-digit years 1000..2999 (metadata) */
};

typedef struct nd_abs {
    int y, m, d;        /* d == 0: month only */
    int year_given;
} nd_abs;

/* The year after a day and month: ", 2024", " 2024", " 89". */
static size_t nd_trailing_year(const char *p, size_t n, size_t e, int flags, int abbr,
                               int comma_ok, nd_abs *a)
{
    size_t j = e;
    int comma = 0;
    if (comma_ok && j < n && p[j] == ',') {
        j++;
        comma = 1;
    }
    size_t s = nd_spaces(p, n, j);
    if (!s)
        return e;
    j += s;
    int lo = (flags & ND_WIDE_YEARS) ? 1000 : 1900, hi = (flags & ND_WIDE_YEARS) ? 2999 : 2100;
    size_t k = nd_year4_at(p, n, j, lo, hi, &a->y);
    if (!k && !comma && ((flags & ND_YY) || abbr == 1))
        k = nd_year2_at(p, n, j, &a->y);
    if (!k)
        return e;
    a->year_given = 1;
    return k;
}

/*
 * An absolute date at p[i]: "23 March 2024", "23rd of March", "23 MAR 89",
 * "March 23, 2024", "Sept. 5", "March 2024" (month only), "2024-03-23",
 * "05/07/2012".  Validity is checked (with a leap year when the year is
 * unknown).  Returns the end offset or 0.
 */
static size_t nd_abs_at(const char *p, size_t n, size_t i, int flags, nd_abs *a)
{
    memset(a, 0, sizeof *a);
    if (i >= n)
        return 0;
    unsigned char b = (unsigned char)p[i];
    size_t e = 0;
    int abbr = 0;
    if (nd_digit(b)) {
        /* ISO 8601: YYYY-MM-DD. */
        size_t k = nd_fixed_digits(p, n, i, 4, &a->y);
        if (k && k < n && p[k] == '-' && (k = nd_fixed_digits(p, n, k + 1, 2, &a->m)) &&
            k < n && p[k] == '-' && (k = nd_fixed_digits(p, n, k + 1, 2, &a->d))) {
            if (!sr_date_valid(a->y, a->m, a->d) || (k < n && nd_alpha((unsigned char)p[k]) &&
                                                     p[k] != 'T' && p[k] != 't'))
                return 0;
            a->year_given = 1;
            return k;
        }
        /* US numeric: M/D/YYYY or M/D/YY. */
        int mm = 0, dd = 0, yy = 0;
        k = nd_fixed_digits(p, n, i, 1, &mm);
        if (!k)
            k = nd_fixed_digits(p, n, i, 2, &mm);
        if (k && k < n && p[k] == '/') {
            size_t k2 = nd_fixed_digits(p, n, k + 1, 1, &dd);
            if (!k2)
                k2 = nd_fixed_digits(p, n, k + 1, 2, &dd);
            if (k2 && k2 < n && p[k2] == '/') {
                size_t k3 = nd_fixed_digits(p, n, k2 + 1, 4, &yy);
                if (!k3 && (k3 = nd_fixed_digits(p, n, k2 + 1, 2, &yy)))
                    yy = yy < 50 ? 2000 + yy : 1900 + yy;
                if (!k3 || !nd_boundary(p, n, k3) || (k3 < n && p[k3] == '/') ||
                    !sr_date_valid(yy, mm, dd))
                    return 0;
                a->y = yy;
                a->m = mm;
                a->d = dd;
                a->year_given = 1;
                return k3;
            }
        }
        /* Day first: "23 March 2024", "23rd of March". */
        size_t k1 = nd_day_at(p, n, i, &a->d);
        if (!k1)
            return 0;
        size_t s = nd_spaces(p, n, k1);
        if (!s)
            return 0;
        size_t j = k1 + s, of = nd_phrase(p, n, j, "of");
        if (of) {
            size_t s2 = nd_spaces(p, n, of);
            if (!s2)
                return 0;
            j = of + s2;
        }
        e = nd_month_at(p, n, j, &a->m, &abbr);
        if (!e)
            return 0;
        e = nd_trailing_year(p, n, e, flags, abbr, 1, a);
    } else if (nd_alpha(b)) {
        /* Month first: "March 23, 2024", "MAR 23", "March 2024". */
        e = nd_month_at(p, n, i, &a->m, &abbr);
        if (!e)
            return 0;
        size_t s = nd_spaces(p, n, e);
        if (!s)
            return 0;
        size_t k = nd_day_at(p, n, e + s, &a->d);
        if (k) {
            e = nd_trailing_year(p, n, k, flags, 0, 1, a);
        } else {
            int lo = (flags & ND_WIDE_YEARS) ? 1000 : 1900;
            int hi = (flags & ND_WIDE_YEARS) ? 2999 : 2100;
            k = nd_year4_at(p, n, e + s, lo, hi, &a->y);
            if (!k)
                return 0;
            a->d = 0;
            a->year_given = 1;
            return k;
        }
    } else {
        return 0;
    }
    if (!sr_date_valid(a->year_given ? a->y : 2000, a->m, a->d))
        return 0;
    return e;
}

/* Give a year-less month/day the year that puts it on or before ref, or
 * at most ND_AHEAD days after it: a story stamped 6 September tells of an
 * attack "at 0130 GMT on 7 September" (the stamp is local time, or the
 * story was filed late), and a 9 November story announces a strike "on 10
 * November"; neither is the year before. */
#define ND_AHEAD 3
static sitrep_date nd_resolve(const nd_abs *a, sitrep_date ref)
{
    sitrep_date r = {a->y, a->m, a->d};
    if (a->year_given)
        return r;
    if (ref.year <= 0) {
        r.year = 0;
        return r;
    }
    int y = ref.year;
    if (a->d > 0 && sr_date_valid(ref.year, ref.month, ref.day)) {
        int64_t now = sr_days_from_civil(ref.year, ref.month, ref.day);
        /* this year's date or, across New Year, next year's */
        for (int yy = ref.year; yy <= ref.year + 1; yy++) {
            if (!sr_date_valid(yy, a->m, a->d))
                continue;
            int64_t ahead = sr_days_from_civil(yy, a->m, a->d) - now;
            if (ahead > 0 && ahead <= ND_AHEAD) {
                r.year = yy;
                return r;
            }
        }
    }
    if (a->m > ref.month || (a->m == ref.month && a->d > ref.day))
        y--;
    if (a->d > 0)
        for (int k = 0; k < 8 && !sr_date_valid(y, a->m, a->d); k++)
            y--;   /* February 29 goes back to the last leap year */
    r.year = y;
    return r;
}

/* ----------------------------------------------------- expressions */

static size_t nd_part_of_day(const char *p, size_t n, size_t e)
{
    static const char *const pods[] = {"night", "morning", "afternoon", "evening"};
    size_t s = nd_spaces(p, n, e);
    if (!s)
        return e;
    for (size_t k = 0; k < 4; k++) {
        size_t x = nd_phrase(p, n, e + s, pods[k]);
        if (x)
            return x;
    }
    return e;
}

static void nd_rel(sr_date_expr *out, sitrep_date ref, int delta, size_t len)
{
    sitrep_date zero = {0, 0, 0};
    out->date = sr_date_valid(ref.year, ref.month, ref.day) ? sr_date_add(ref, delta) : zero;
    out->kind = SR_DATE_RELATIVE;
    out->year_given = 0;
    out->len = len;
}

/* Resolve weekday w against ref: the most recent on or before ref (strictly
 * before when strict). */
static void nd_wday_rel(sr_date_expr *out, sitrep_date ref, int w, int strict, size_t len)
{
    int delta = 0;
    if (sr_date_valid(ref.year, ref.month, ref.day)) {
        delta = (sr_weekday(ref.year, ref.month, ref.day) - w + 7) % 7;
        if (strict && delta == 0)
            delta = 7;
    }
    nd_rel(out, ref, -delta, len);
}

/* Relative day words: offset from the reference date. */
static const struct {
    const char *ph;
    int delta;
    int pod;   /* may take "morning", "night", ... */
} nd_rel_tab[] = {
    {"the day before yesterday", -2, 1},
    {"yesterday", -1, 1},
    {"last night", -1, 0},
    {"last week", -7, 0},
    {"today", 0, 0},
    {"tonight", 0, 0},
    {"this morning", 0, 0},
    {"this afternoon", 0, 0},
    {"this evening", 0, 0},
    {"earlier today", 0, 0},
};

/*
 * First-word filter (see sr_num.c): bit L of nd_date_first[c] is set when a
 * word that can open a date expression starts with letter c and has L
 * letters: the first words of nd_rel_tab, "last", "a", "in", "on", month and
 * weekday names, and the spelled numbers of "two days ago".
 * sr_date_selfcheck() verifies the table.
 */
static const uint32_t nd_date_first[26] = {
    0x0000006au, 0x00000000u, 0x00000000u, 0x00000108u, 0x000001e0u, 0x000001f8u,
    0x00000000u, 0x00000000u, 0x00000004u, 0x00000098u, 0x00000000u, 0x00000010u,
    0x00000068u, 0x00000158u, 0x0000008cu, 0x00000000u, 0x00000000u, 0x00000000u,
    0x000003f8u, 0x000001f8u, 0x00000000u, 0x00000000u, 0x00000208u, 0x00000000u,
    0x00000200u, 0x00000000u};

static int nd_date_first_ok(const char *p, size_t n, size_t i)
{
    size_t l = nd_letters(p, n, i);
    if (l == 0 || l > 31)
        return 0;
    return (int)((nd_date_first[nd_lower((unsigned char)p[i]) - 'a'] >> l) & 1u);
}

static int nd_date_covers(const char *w)
{
    size_t l = 0;
    while (nd_alpha((unsigned char)w[l]))
        l++;
    return nd_date_first_ok(w, l, 0);
}

int sr_date_selfcheck(void)
{
    for (size_t k = 0; k < sizeof nd_rel_tab / sizeof nd_rel_tab[0]; k++)
        if (!nd_date_covers(nd_rel_tab[k].ph))
            return 0;
    for (size_t k = 0; k < sizeof nd_months / sizeof nd_months[0]; k++)
        if (!nd_date_covers(nd_months[k].w))
            return 0;
    for (size_t k = 0; k < sizeof nd_wdays / sizeof nd_wdays[0]; k++)
        if (!nd_date_covers(nd_wdays[k].w))
            return 0;
    static const char *const more[] = {
        "last", "a", "in", "on", "one", "two", "three", "four", "five", "six", "seven",
        "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
        "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
        "sixty", "seventy", "eighty", "ninety"};
    for (size_t k = 0; k < sizeof more / sizeof more[0]; k++)
        if (!nd_date_covers(more[k]))
            return 0;
    return !nd_date_covers("police") && !nd_date_covers("killed");
}

/* Expressions without the "on" prefix; see sr_date_parse_at. */
static size_t nd_expr_at(const char *p, size_t n, size_t i, sitrep_date ref, sr_date_expr *out)
{
    if (i >= n)
        return 0;
    unsigned char b = (unsigned char)p[i];
    size_t e, s;
    int w, abbr;
    if (nd_alpha(b) && !nd_date_first_ok(p, n, i))
        return 0;
    if (nd_alpha(b)) {
        unsigned char lb = nd_lower(b);
        for (size_t k = 0; k < sizeof nd_rel_tab / sizeof nd_rel_tab[0]; k++) {
            if ((unsigned char)nd_rel_tab[k].ph[0] != lb)
                continue;
            int poss = 0;
            e = nd_phrase(p, n, i, nd_rel_tab[k].ph);
            if (!e)
                poss = (e = nd_phrase_poss(p, n, i, nd_rel_tab[k].ph)) != 0;
            if (e) {
                if (nd_rel_tab[k].pod && !poss)
                    e = nd_part_of_day(p, n, e);
                nd_rel(out, ref, nd_rel_tab[k].delta, e - i);
                return e;
            }
        }
        /* "last Friday". */
        if ((e = nd_phrase(p, n, i, "last")) && (s = nd_spaces(p, n, e)) &&
            (e = nd_wday_at(p, n, e + s, &w, &abbr)) && abbr == 0) {
            e = nd_part_of_day(p, n, e);
            nd_wday_rel(out, ref, w, 1, e - i);
            return e;
        }
        /* "a day ago", "a week ago". */
        if ((e = nd_phrase(p, n, i, "a")) && (s = nd_spaces(p, n, e))) {
            size_t x;
            int mul = 0;
            if ((x = nd_phrase(p, n, e + s, "day")))
                mul = 1;
            else if ((x = nd_phrase(p, n, e + s, "week")))
                mul = 7;
            size_t s2 = x ? nd_spaces(p, n, x) : 0, y;
            if (mul && s2 && (y = nd_phrase(p, n, x + s2, "ago"))) {
                nd_rel(out, ref, -mul, y - i);
                return y;
            }
        }
        /* "in March", "in March 2024". */
        if ((e = nd_phrase(p, n, i, "in")) && (s = nd_spaces(p, n, e))) {
            nd_abs a;
            size_t k = nd_abs_at(p, n, e + s, 0, &a);
            if (k) {
                out->date = nd_resolve(&a, ref);
                out->kind = a.d > 0 ? SR_DATE_ABSOLUTE : SR_DATE_MONTH;
                out->year_given = a.year_given;
                out->len = k - i;
                return k;
            }
            int m;
            k = nd_month_at(p, n, e + s, &m, &abbr);
            /* A bare month ("in March"); a bare abbreviation is too weak. */
            if (k && abbr != 1) {
                nd_abs ma = {0, m, 0, 0};
                out->date = nd_resolve(&ma, ref);
                out->kind = SR_DATE_MONTH;
                out->year_given = 0;
                out->len = k - i;
                return k;
            }
        }
        /* Weekday: "Friday", "Friday night", "Friday, March 23", "Sat, 23
         * Mar 2024". */
        if ((e = nd_wday_at(p, n, i, &w, &abbr))) {
            size_t j = e;
            if (j < n && p[j] == ',')
                j++;
            s = nd_spaces(p, n, j);
            nd_abs a;
            size_t k = s ? nd_abs_at(p, n, j + s, 0, &a) : 0;
            if (k && a.d > 0) {
                out->date = nd_resolve(&a, ref);
                out->kind = SR_DATE_ABSOLUTE;
                out->year_given = a.year_given;
                out->len = k - i;
                return k;
            }
            if (abbr)
                return 0;   /* "Sat", "Wed", "Sun." ("The Sun.") alone are words */
            e = nd_part_of_day(p, n, e);
            nd_wday_rel(out, ref, w, 0, e - i);
            return e;
        }
    }
    if (nd_digit(b)) {
        /* "two days ago" spelled out falls through to the number parser
         * below; digits first try the absolute forms. */
        nd_abs a;
        e = nd_abs_at(p, n, i, 0, &a);
        if (e && a.d > 0) {
            out->date = nd_resolve(&a, ref);
            out->kind = SR_DATE_ABSOLUTE;
            out->year_given = a.year_given;
            out->len = e - i;
            return e;
        }
    } else if (nd_alpha(b)) {
        nd_abs a;
        e = nd_abs_at(p, n, i, 0, &a);
        if (e) {
            out->date = nd_resolve(&a, ref);
            out->kind = a.d > 0 ? SR_DATE_ABSOLUTE : SR_DATE_MONTH;
            out->year_given = a.year_given;
            out->len = e - i;
            return e;
        }
    }
    /* "two days ago", "3 weeks ago". */
    sr_num num;
    size_t k = sr_num_parse(p + i, n - i, &num);
    if (k && num.qualifier == SITREP_Q_EXACT && !num.vague && num.value >= 1 && num.value <= 400) {
        size_t j = i + k, x;
        int mul = 0;
        s = nd_spaces(p, n, j);
        if (s && ((x = nd_phrase(p, n, j + s, "days")) || (x = nd_phrase(p, n, j + s, "day"))))
            mul = 1;
        else if (s && ((x = nd_phrase(p, n, j + s, "weeks")) || (x = nd_phrase(p, n, j + s, "week"))))
            mul = 7;
        size_t s2 = mul ? nd_spaces(p, n, x) : 0, y;
        if (s2 && (y = nd_phrase(p, n, x + s2, "ago"))) {
            nd_rel(out, ref, -(int)num.value * mul, y - i);
            return y;
        }
    }
    return 0;
}

size_t sr_date_parse_at(const char *p, size_t n, sitrep_date ref, sr_date_expr *out)
{
    if (!p || n == 0 || !out)
        return 0;
    unsigned char b = (unsigned char)p[0];
    if (!nd_digit(b) && !(nd_alpha(b) && nd_date_first_ok(p, n, 0)))
        return 0;
    sr_date_expr tmp;
    memset(&tmp, 0, sizeof tmp);
    size_t e = nd_phrase(p, n, 0, "on"), s;
    if (e && (s = nd_spaces(p, n, e))) {
        size_t k = nd_expr_at(p, n, e + s, ref, &tmp);
        int w, abbr;
        /* "on" belongs to days and weekdays, not to "yesterday" or "in
         * March". */
        if (k && (tmp.kind == SR_DATE_ABSOLUTE ||
                  (tmp.kind == SR_DATE_RELATIVE && nd_wday_at(p, n, e + s, &w, &abbr)))) {
            tmp.len = k;
            *out = tmp;
            return k;
        }
        return 0;
    }
    e = nd_expr_at(p, n, 0, ref, &tmp);
    if (!e)
        return 0;
    assert(e <= n);
    tmp.len = e;
    *out = tmp;
    return e;
}

/* --------------------------------------------------------- full dates */

/* Skip a time of day after a date: "T10:00:00Z", " 10:00:00 GMT",
 * " 10:00:00 +0000", "T10:00:00.123+02:00".  Returns the new end. */
static size_t nd_skip_time(const char *p, size_t n, size_t e)
{
    size_t j = e;
    if (j < n && (p[j] == 'T' || p[j] == 't'))
        j++;
    else
        j += nd_spaces(p, n, j);
    int hh, mm;
    size_t k = nd_fixed_digits(p, n, j, 2, &hh);
    if (!k || k >= n || p[k] != ':' || !(k = nd_fixed_digits(p, n, k + 1, 2, &mm)) || hh > 24 ||
        mm > 59)
        return e;
    /* seconds and fraction */
    for (int guard = 0; guard < 2 && k + 1 < n && p[k] == ':' && nd_digit((unsigned char)p[k + 1]);
         guard++) {
        int ss;
        size_t k2 = nd_fixed_digits(p, n, k + 1, 2, &ss);
        if (!k2)
            break;
        k = k2;
    }
    if (k + 1 < n && p[k] == '.' && nd_digit((unsigned char)p[k + 1])) {
        k++;
        for (size_t c = 0; k < n && c < 9 && nd_digit((unsigned char)p[k]); c++)
            k++;
    }
    /* zone */
    size_t z = k;
    if (z < n && (p[z] == 'Z' || p[z] == 'z')) {
        return z + 1;
    }
    size_t s = nd_spaces(p, n, z);
    size_t zz = z + s;
    if (zz < n && (p[zz] == '+' || p[zz] == '-')) {
        int hz, mz;
        size_t q = nd_fixed_digits(p, n, zz + 1, 4, &hz);
        if (!q && (q = nd_fixed_digits(p, n, zz + 1, 2, &hz)) && q < n && p[q] == ':')
            q = nd_fixed_digits(p, n, q + 1, 2, &mz);
        if (q)
            return q;
        return k;
    }
    size_t wl = nd_letters(p, n, zz);
    if (s && wl >= 1 && wl <= 5 && nd_boundary(p, n, zz + wl)) {
        for (size_t c = 0; c < wl; c++)
            if (!nd_upper((unsigned char)p[zz + c]))
                return k;
        return zz + wl;   /* GMT, UTC, EST, ... */
    }
    return k;
}

size_t sr_date_parse_full(const char *p, size_t n, sitrep_date *out)
{
    if (!p || n == 0 || !out)
        return 0;
    size_t i = 0;
    int w, abbr;
    /* RFC 2822 weekday: "Sat, " */
    size_t e = nd_wday_at(p, n, 0, &w, &abbr);
    if (e) {
        size_t j = e;
        if (j < n && p[j] == ',')
            j++;
        size_t s = nd_spaces(p, n, j);
        if (!s && j == e)
            return 0;
        i = j + s;
    }
    nd_abs a;
    e = nd_abs_at(p, n, i, ND_WIDE_YEARS, &a);
    if (!e || !a.year_given || a.d == 0)
        return 0;
    out->year = a.y;
    out->month = a.m;
    out->day = a.d;
    return nd_skip_time(p, n, e);
}

sitrep_status sitrep_date_parse(const char *p, size_t n, sitrep_date *d)
{
    if (!d || (!p && n))
        return SITREP_E_ARG;
    size_t i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    if (i >= n)
        return SITREP_E_PARSE;
    sitrep_date t;
    size_t e = sr_date_parse_full(p + i, n - i, &t);
    if (!e)
        return SITREP_E_PARSE;
    e += i;
    /* After the date (and the time we understood) only white space, or the
     * rest of a time we did not fully read ("T10:00:00+0200 (CEST)"). */
    size_t j = e;
    while (j < n && (p[j] == ' ' || p[j] == '\t' || p[j] == '\r' || p[j] == '\n'))
        j++;
    if (j < n) {
        unsigned char c = (unsigned char)p[e];
        int timeish = c == 'T' || c == '+' || c == '-' || c == '.' || c == ':' || c == 'Z' ||
                      (j > e && (nd_digit((unsigned char)p[j]) || p[j] == '('));
        if (!timeish)
            return SITREP_E_PARSE;
    }
    *d = t;
    return SITREP_OK;
}

/* ------------------------------------------------------------ datelines */

/* A place word of a dateline at p[i]: starts with an upper-case ASCII letter
 * or a non-ASCII letter byte, goes on with letters, inner "'", "-" and "."
 * ("ST. LOUIS", "AL-BUKAMAL").  *lower set when it holds lower-case ASCII.
 * Returns the end offset or 0. */
static size_t nd_place_word(const char *p, size_t n, size_t i, int *lower)
{
    const unsigned char *u = (const unsigned char *)p;
    if (i >= n)
        return 0;
    if (!(nd_upper(u[i]) || (u[i] >= 0xC3 && u[i] <= 0xF4)))
        return 0;
    size_t j = i;
    int lw = 0;
    while (j < n && j - i < 40) {
        unsigned char c = u[j];
        if (nd_alpha(c)) {
            if (!nd_upper(c))
                lw = 1;
            j++;
        } else if (c >= 0x80) {
            /* general punctuation (dashes, quotes) and NBSP end the word */
            if (nd_uspace(p, n, j) || (c == 0xE2 && j + 1 < n && u[j + 1] == 0x80))
                break;
            j++;
        } else if ((c == '\'' || c == '-' || c == '.') && j + 1 < n &&
                   (nd_alpha(u[j + 1]) || u[j + 1] >= 0xC3)) {
            j++;
        } else {
            break;
        }
    }
    if (j == i)
        return 0;
    /* "ST." keeps its period when followed by a space. */
    if (j < n && p[j] == '.' && j - i <= 3 && j + 1 < n && p[j + 1] == ' ')
        j++;
    *lower = lw;
    return j;
}

/* Connectors allowed inside a place name ("Rio de Janeiro"). */
static size_t nd_connector(const char *p, size_t n, size_t i)
{
    static const char *const con[] = {"de", "del", "la", "el", "es", "al", "da", "do",
                                      "di", "du", "le", "of", "au", "y", "dos", "das", "sur"};
    size_t wl = nd_letters(p, n, i);
    if (!wl || wl > 3 || !nd_boundary(p, n, i + wl))
        return 0;
    for (size_t k = 0; k < sizeof con / sizeof con[0]; k++)
        if (nd_eq(p + i, wl, con[k]))
            return i + wl;
    return 0;
}

/* Horizontal spaces only (places do not run across lines). */
static size_t nd_hspaces(const char *p, size_t n, size_t i, size_t max)
{
    size_t j = i;
    while (j < n && j - i < max && (p[j] == ' ' || p[j] == '\t'))
        j++;
    return j - i;
}

/* A run of place words: [start, *end).  *allcaps: no lower-case letters. */
static size_t nd_place(const char *p, size_t n, size_t i, int *allcaps)
{
    size_t j = i, end = 0;
    int words = 0, ac = 1;
    while (words < 6 && j < n) {
        int lw = 0;
        size_t e = nd_place_word(p, n, j, &lw);
        if (!e && words > 0) {
            size_t c = nd_connector(p, n, j), s;
            if (c && (s = nd_hspaces(p, n, c, 2)) && nd_place_word(p, n, c + s, &lw)) {
                j = c + s;
                continue;
            }
        }
        if (!e)
            break;
        words++;
        end = e;
        if (lw)
            ac = 0;
        size_t s = nd_hspaces(p, n, e, 2);
        if (!s)
            break;
        j = e + s;
    }
    if (!end || end - i < 2 || end - i > 64)
        return 0;
    *allcaps = ac;
    return end;
}

/* A bracketed group "(...)" or "[...]" (either closer, as in "[INRAVISION
 * ...)") of at most max bytes: the offset after it, or 0.  [*in_s, *in_e)
 * receives the trimmed inside. */
static size_t nd_group(const char *p, size_t n, size_t i, size_t max, size_t *in_s, size_t *in_e)
{
    if (i >= n || (p[i] != '(' && p[i] != '['))
        return 0;
    int depth = 0;   /* one nested group: "(INTERPRESS AGENCY [IPS])" */
    for (size_t j = i + 1; j < n && j - i <= max; j++) {
        if ((p[j] == ')' || p[j] == ']') && depth > 0) {
            depth--;
            continue;
        }
        if (p[j] == ')' || p[j] == ']') {
            size_t a = i + 1, b = j;
            while (a < b && (p[a] == ' ' || p[a] == '\n' || p[a] == '\r' || p[a] == '\t'))
                a++;
            while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\n' || p[b - 1] == '\r' || p[b - 1] == '\t'))
                b--;
            if (in_s)
                *in_s = a;
            if (in_e)
                *in_e = b;
            return j + 1;
        }
        if ((p[j] == '(' || p[j] == '[') && ++depth > 1)
            return 0;
        if (p[j] == '\n' && j + 1 < n && p[j + 1] == '\n')
            return 0;
    }
    return 0;
}

/* Dashes ending a dateline: "-", "--", "---", em dash, en dash, and runs of
 * them.  Returns the offset after them or 0. */
static size_t nd_dl_dash(const char *p, size_t n, size_t i)
{
    size_t j = i;
    const unsigned char *u = (const unsigned char *)p;
    while (j < n && j - i < 12) {
        if (u[j] == '-') {
            j++;
        } else if (j + 2 < n && u[j] == 0xE2 && u[j + 1] == 0x80 &&
                   (u[j + 2] == 0x93 || u[j + 2] == 0x94)) {
            j += 3;
        } else {
            break;
        }
    }
    return j;
}

int sr_dateline_parse(const char *text, size_t n, sitrep_date ref, sr_dateline *out)
{
    if (!text || !n || !out)
        return 0;
    const char *p = text;
    size_t i = 0;
    while (i < n && i < 4096 && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    sr_dateline dl;
    memset(&dl, 0, sizeof dl);
    int allcaps = 0;
    size_t pe = nd_place(p, n, i, &allcaps);
    if (!pe)
        return 0;
    dl.place_start = i;
    dl.place_end = pe;
    size_t j = pe + nd_hspaces(p, n, pe, 4);
    int have_region = 0, have_source = 0;
    size_t gs, ge, g;

    /* "ROME (ITALY), ..." or "KABUL (AP) --". */
    if ((g = nd_group(p, n, j, 80, &gs, &ge))) {
        size_t k = g + nd_hspaces(p, n, g, 4);
        if (k < n && p[k] == ',') {
            dl.region_start = gs;
            dl.region_end = ge;
            have_region = 1;
            j = k;
        } else {
            dl.source_start = gs;
            dl.source_end = ge;
            have_source = 1;
            j = g;
        }
    }
    /* ", DATE" or ", REGION[, DATE]" or ", NO DATE". */
    for (int part = 0; part < 3 && !have_source && j < n && p[j] == ','; part++) {
        size_t k = j + 1;
        k += nd_spaces(p, n, k);
        size_t x;
        nd_abs a;
        if ((x = nd_phrase(p, n, k, "no date"))) {
            j = x;
            break;
        }
        int w, abbr;
        size_t wd = nd_wday_at(p, n, k, &w, &abbr);
        if (wd) {   /* "Friday, March 23" */
            size_t y = wd;
            if (y < n && p[y] == ',')
                y++;
            size_t s = nd_spaces(p, n, y);
            if (s)
                k = y + s;
        }
        if ((x = nd_abs_at(p, n, k, ND_YY, &a)) && a.d > 0) {
            dl.date = nd_resolve(&a, ref);
            dl.has_date = 1;
            j = x;
            break;
        }
        int lw;
        size_t re = nd_place(p, n, k, &lw);
        if (!re)
            break;
        if (!have_region) {
            dl.region_start = k;
            dl.region_end = re;
            have_region = 1;
        }
        j = re + nd_hspaces(p, n, re, 4);
    }
    /* "(Reuters)", "(DOMESTIC SERVICE)". */
    size_t k = j + nd_spaces(p, n, j);
    if (!have_source && (g = nd_group(p, n, k, 100, &gs, &ge))) {
        dl.source_start = gs;
        dl.source_end = ge;
        have_source = 1;
        j = g;
    }
    k = j + nd_spaces(p, n, j);
    size_t d = nd_dl_dash(p, n, k);
    if (d == k)
        return 0;
    /* A Capitalised word followed by a dash is more often prose than a
     * dateline; demand a date, region or source unless the place is in
     * capitals. */
    if (!allcaps && !dl.has_date && !have_region && !have_source)
        return 0;
    j = d;
    /* MUC-style markers: "[REPORT] [ARMED FORCES PRESS COMMITTEE] [TEXT]". */
    for (int m = 0; m < 8; m++) {
        size_t q = j + nd_spaces(p, n, j);
        size_t ms, me;
        g = nd_group(p, n, q, 200, &ms, &me);
        if (!g || p[q] != '[')
            break;
        j = g;
        if (me - ms == 4 && nd_eq(p + ms, 4, "text"))
            break;
    }
    assert(j <= n && dl.place_end <= n);
    dl.end = j;
    /* Placeholders that name no place. */
    size_t pl = dl.place_end - dl.place_start;
    if ((pl == 7 && nd_eq(p + dl.place_start, 7, "no city")) ||
        (pl == 11 && nd_eq(p + dl.place_start, 11, "clandestine")))
        dl.place_end = dl.place_start;
    *out = dl;
    return 1;
}
