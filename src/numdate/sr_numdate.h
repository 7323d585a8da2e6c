/*
 * sr_numdate.h - numbers and dates, parsed by advancing over {ptr, len}
 * without locale or time zone (no strtol, sscanf, localtime).
 *
 * Number expressions: "62", "1,200", "3.5 million"? (integers only kept),
 * "sixty-two", "One hundred and twelve", "a dozen", "two dozen", "dozens"
 * (bounds 24..), "hundreds" (200..999), "scores", qualifiers ("at least 60",
 * "more than 100", "nearly 30", "up to 12", "fewer than 5", "about 40"),
 * ranges ("between 4 and 7", "4-7", "4 to 7", "four or five").
 * Works on upper-case wire copy as on mixed case.
 *
 * Dates: absolute ("23 March 2024", "March 23", "23 Mar.", "2024-03-23",
 * "05/07/2012" as month/day/year), relative ("yesterday", "on Friday",
 * "Friday night", "last Tuesday", "two days ago", "today", "tonight",
 * "this morning", "last night") against a reference date, and datelines
 * ("MOSCOW, March 23 (Reuters) --", "SAN SALVADOR, 12 APR 89 (DOMESTIC
 * SERVICE) --").
 */
#ifndef SR_NUMDATE_H
#define SR_NUMDATE_H

#include <stddef.h>
#include <stdint.h>
#include "sitrep/sitrep.h"

/* ------------------------------------------------------------- numbers */

typedef struct sr_num {
    int64_t value;        /* best single value (lower bound for vague plurals) */
    int64_t min, max;     /* -1: unbounded */
    sitrep_qualifier qualifier;
    unsigned vague : 1;   /* "dozens", "hundreds", "several", "scores" */
    unsigned word : 1;    /* spelled out ("sixty-two") rather than digits */
    size_t qual_len;      /* bytes of the qualifier prefix ("at least ") */
} sr_num;

/*
 * Parse a number expression starting exactly at p (no leading space).
 * Returns the number of bytes consumed (0: no number there; then *out is
 * untouched).  The qualifier, when present, is part of the expression:
 * "at least 60" consumes all 11 bytes.  Trailing space is not consumed.
 * Words are matched case-insensitively, whole words only ("tenth" is not
 * "ten"; "one" alone is accepted, "a"/"an" only before "dozen", "hundred",
 * "thousand", "score").  Values above 10^9 are refused (returns 0).
 */
size_t sr_num_parse(const char *p, size_t n, sr_num *out);

/* Parse an unsigned decimal integer of 1..digits_max ASCII digits at p.
 * Returns bytes consumed or 0 (also 0 when more than digits_max digits
 * follow: "20245" is not a 4-digit number; digits_max above 19 counts as
 * 19). */
size_t sr_parse_uint(const char *p, size_t n, size_t digits_max, uint64_t *out);

/* --------------------------------------------------------------- dates */

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * algorithm), and back. */
int64_t sr_days_from_civil(int y, int m, int d);
void sr_civil_from_days(int64_t z, int *y, int *m, int *d);
/* 0 = Sunday ... 6 = Saturday. */
int sr_weekday(int y, int m, int d);
int sr_date_valid(int y, int m, int d);
/* d plus delta days. */
sitrep_date sr_date_add(sitrep_date d, int delta);

typedef enum sr_date_kind {
    SR_DATE_ABSOLUTE = 1, /* the text gives the day (year may come from ref) */
    SR_DATE_RELATIVE,     /* yesterday, on Friday, two days ago ... */
    SR_DATE_MONTH         /* a month only ("in March"): day = 0 */
} sr_date_kind;

typedef struct sr_date_expr {
    sitrep_date date;     /* resolved; year 0 when it could not be */
    sr_date_kind kind;
    int year_given;       /* the expression named the year */
    size_t len;           /* bytes consumed */
} sr_date_expr;

/*
 * Parse a date expression starting exactly at p, resolving it against ref
 * (the publication or dateline date; year 0: unknown, then relative
 * expressions and year-less dates stay unresolved with year 0).
 * Year-less dates take the year that puts them on or before ref (news
 * reports the past): "December 30" read on 2024-01-02 is 2023-12-30.
 * Weekday names mean the most recent such day before ref ("on Friday"
 * read on a Friday means ref itself only when followed by "night"/"morning"
 * of today -- keep simple: most recent on or before ref).  Returns bytes
 * consumed, 0 when there is no date at p.
 */
size_t sr_date_parse_at(const char *p, size_t n, sitrep_date ref, sr_date_expr *out);

/* ISO "YYYY-MM-DD" (optional "THH:MM..." ignored), RFC 2822
 * ("Sat, 23 Mar 2024 10:00:00 GMT") and "23 March 2024".  Returns bytes
 * consumed or 0. */
size_t sr_date_parse_full(const char *p, size_t n, sitrep_date *out);

typedef struct sr_dateline {
    size_t place_start, place_end;   /* byte span of the place ("MOSCOW") */
    sitrep_date date;                /* year 0 when the dateline has none */
    int has_date;
    size_t end;                      /* offset just after the dateline ("--") */
    /* Added: the region of "ROME (ITALY), ..." or "LIMA, PERU, 5 Jan --" and
     * the credited source of "(Reuters)" / "(DOMESTIC SERVICE)", as byte
     * spans of text (start == end: none). */
    size_t region_start, region_end;
    size_t source_start, source_end;
} sr_dateline;

/*
 * Recognise a dateline at the start of text (after leading white space):
 * "MOSCOW, March 23 (Reuters) --", "KABUL (AP) -", "Paris, 12 Jan. 2024 -",
 * "SAN SALVADOR, 12 APR 89 (DOMESTIC SERVICE) -- [TEXT]" ; ref resolves a
 * year-less date.  Returns 1 when found.  The MUC placeholders "NO CITY"
 * and "CLANDESTINE" give an empty place span (place_start == place_end);
 * "NO DATE" gives has_date 0.  end also skips bracketed markers after the
 * dash, up to and including "[TEXT]".
 */
int sr_dateline_parse(const char *text, size_t n, sitrep_date ref, sr_dateline *out);

/* Consistency checks of the internal word tables against the fast
 * first-word filters of sr_num_parse and sr_date_parse_at: 1 when every
 * word that can open an expression passes the filter.  For the unit tests. */
int sr_num_selfcheck(void);
int sr_date_selfcheck(void);

#endif
