/*
 * test_numdate.c - unit tests of src/numdate: number expressions, calendar
 * arithmetic, date expressions against a reference date, full metadata
 * dates, sitrep_date_parse and datelines, including hostile inputs.
 * All sentences here are written for the tests.
 */
#include "sr_test.h"
#include "numdate/sr_numdate.h"

#include <stdint.h>
#include <stdlib.h>

/* ------------------------------------------------------------ helpers */

static size_t num(const char *s, sr_num *o)
{
    memset(o, 0x5A, sizeof *o);   /* garbage: the parser must set every field */
    return sr_num_parse(s, strlen(s), o);
}

/* Parse s and check consumed length, value, bounds and qualifier. */
#define CHECK_NUM(s, len_, val_, min_, max_, q_)                                \
    do {                                                                        \
        sr_num o_;                                                              \
        size_t k_ = num(s, &o_);                                                \
        CHECK_EQ_INT(k_, len_);                                                 \
        if (k_) {                                                               \
            CHECK_EQ_INT(o_.value, val_);                                       \
            CHECK_EQ_INT(o_.min, min_);                                         \
            CHECK_EQ_INT(o_.max, max_);                                         \
            CHECK_EQ_INT(o_.qualifier, q_);                                     \
        }                                                                       \
    } while (0)

#define CHECK_NO_NUM(s)                                                         \
    do {                                                                        \
        sr_num o_;                                                              \
        CHECK_EQ_INT(num(s, &o_), 0);                                           \
    } while (0)

static const sitrep_date REF = {2024, 3, 23};   /* a Saturday */
static const sitrep_date NOREF = {0, 0, 0};

static size_t dat(const char *s, sitrep_date ref, sr_date_expr *o)
{
    memset(o, 0x5A, sizeof *o);
    return sr_date_parse_at(s, strlen(s), ref, o);
}

#define CHECK_DATE(s, ref, len_, y_, m_, d_, kind_)                             \
    do {                                                                        \
        sr_date_expr o_;                                                        \
        size_t k_ = dat(s, ref, &o_);                                           \
        CHECK_EQ_INT(k_, len_);                                                 \
        if (k_) {                                                               \
            CHECK_EQ_INT(o_.len, len_);                                         \
            CHECK_EQ_INT(o_.date.year, y_);                                     \
            CHECK_EQ_INT(o_.date.month, m_);                                    \
            CHECK_EQ_INT(o_.date.day, d_);                                      \
            CHECK_EQ_INT(o_.kind, kind_);                                       \
        }                                                                       \
    } while (0)

#define CHECK_NO_DATE(s, ref)                                                   \
    do {                                                                        \
        sr_date_expr o_;                                                        \
        CHECK_EQ_INT(dat(s, ref, &o_), 0);                                      \
    } while (0)

/* -------------------------------------------------------------- numbers */

static void test_num_digits(void)
{
    CHECK_NUM("62 people", 2, 62, 62, 62, SITREP_Q_EXACT);
    CHECK_NUM("1,200 homes", 5, 1200, 1200, 1200, SITREP_Q_EXACT);
    CHECK_NUM("12,345,678", 10, 12345678, 12345678, 12345678, SITREP_Q_EXACT);
    CHECK_NUM("007", 3, 7, 7, 7, SITREP_Q_EXACT);
    CHECK_NUM("0", 1, 0, 0, 0, SITREP_Q_EXACT);
    CHECK_NUM("2 million", 9, 2000000, 2000000, 2000000, SITREP_Q_EXACT);
    CHECK_NUM("1.5 million people", 11, 1500000, 1500000, 1500000, SITREP_Q_EXACT);
    CHECK_NUM("3 dozen", 7, 36, 36, 36, SITREP_Q_EXACT);
    /* a comma not followed by a thousands group ends the number */
    CHECK_NUM("1,2", 1, 1, 1, 1, SITREP_Q_EXACT);
    CHECK_NUM("4, 5 and 6", 1, 4, 4, 4, SITREP_Q_EXACT);
    CHECK_NUM("1234,567", 4, 1234, 1234, 1234, SITREP_Q_EXACT);
    CHECK_NUM("5.", 1, 5, 5, 5, SITREP_Q_EXACT);
    /* Unicode no-break space between figure and noun */
    CHECK_NUM("62\xC2\xA0people", 2, 62, 62, 62, SITREP_Q_EXACT);
    sr_num o;
    CHECK_EQ_INT(num("62", &o), 2);
    CHECK_EQ_INT(o.word, 0);
    CHECK_EQ_INT(o.vague, 0);
    CHECK_EQ_INT(o.qual_len, 0);
}

static void test_num_refused(void)
{
    CHECK_NO_NUM("3.5");          /* decimals are not counts */
    CHECK_NO_NUM("1.200");
    CHECK_NO_NUM("9mm");
    CHECK_NO_NUM("1990s");
    CHECK_NO_NUM("1990's");
    CHECK_NO_NUM("4th");
    CHECK_NO_NUM("2nd");
    CHECK_NO_NUM("10:30");
    CHECK_NO_NUM("05/07/2012");
    CHECK_NO_NUM("16-year-old");
    CHECK_NO_NUM("40%");
    CHECK_NO_NUM("62\xC3\xA9");   /* a letter straight after the digits */
    CHECK_NO_NUM("tenth");
    CHECK_NO_NUM("first");
    CHECK_NO_NUM("second");
    CHECK_NO_NUM("twenty-first");
    CHECK_NO_NUM("sixty-year-old");
    CHECK_NO_NUM("one-third");
    CHECK_NO_NUM("one's");
    CHECK_NO_NUM("someone");
    CHECK_NO_NUM("F-16");
    CHECK_NO_NUM("a");
    CHECK_NO_NUM("a man");
    CHECK_NO_NUM("an hour");
    CHECK_NO_NUM("hundred");      /* bare scale word needs "a" or a number */
    CHECK_NO_NUM("thousand");
    CHECK_NO_NUM("few");          /* "few were hurt": not a count */
    CHECK_NO_NUM("many");
    CHECK_NO_NUM("dozen");
    CHECK_NO_NUM("and");
    CHECK_NO_NUM("-5");
    CHECK_NO_NUM(" 5");           /* no leading space allowed */
}

static void test_num_words(void)
{
    sr_num o;
    CHECK_NUM("sixty-two dead", 9, 62, 62, 62, SITREP_Q_EXACT);
    CHECK_EQ_INT(num("sixty-two", &o), 9);
    CHECK_EQ_INT(o.word, 1);
    CHECK_NUM("SIXTY TWO", 9, 62, 62, 62, SITREP_Q_EXACT);
    CHECK_NUM("One hundred and twelve", 22, 112, 112, 112, SITREP_Q_EXACT);
    CHECK_NUM("ONE HUNDRED AND TWELVE PEASANTS", 22, 112, 112, 112, SITREP_Q_EXACT);
    CHECK_NUM("one hundred twelve", 18, 112, 112, 112, SITREP_Q_EXACT);
    CHECK_NUM("a dozen", 7, 12, 12, 12, SITREP_Q_EXACT);
    CHECK_NUM("two dozen", 9, 24, 24, 24, SITREP_Q_EXACT);
    CHECK_NUM("half a dozen", 12, 6, 6, 6, SITREP_Q_EXACT);
    CHECK_NUM("a half-dozen", 12, 6, 6, 6, SITREP_Q_EXACT);
    CHECK_NUM("a hundred", 9, 100, 100, 100, SITREP_Q_EXACT);
    CHECK_NUM("a thousand", 10, 1000, 1000, 1000, SITREP_Q_EXACT);
    CHECK_NUM("a score", 7, 20, 20, 20, SITREP_Q_EXACT);
    CHECK_NUM("an hundred", 10, 100, 100, 100, SITREP_Q_EXACT);
    CHECK_NUM("two thousand five hundred", 25, 2500, 2500, 2500, SITREP_Q_EXACT);
    CHECK_NUM("fifteen hundred", 15, 1500, 1500, 1500, SITREP_Q_EXACT);
    CHECK_NUM("one million two hundred thousand", 32, 1200000, 1200000, 1200000, SITREP_Q_EXACT);
    CHECK_NUM("three hundred thousand", 22, 300000, 300000, 300000, SITREP_Q_EXACT);
    CHECK_NUM("one", 3, 1, 1, 1, SITREP_Q_EXACT);
    CHECK_NUM("One of them", 3, 1, 1, 1, SITREP_Q_EXACT);
    CHECK_NUM("zero", 4, 0, 0, 0, SITREP_Q_EXACT);
    CHECK_NUM("eleven", 6, 11, 11, 11, SITREP_Q_EXACT);
    CHECK_NUM("Ninety-nine", 11, 99, 99, 99, SITREP_Q_EXACT);
    /* the number stops where the number words stop */
    CHECK_NUM("one hundred and the rest", 11, 100, 100, 100, SITREP_Q_EXACT);
    CHECK_NUM("five six", 4, 5, 5, 5, SITREP_Q_EXACT);
    CHECK_NUM("twenty twenty", 6, 20, 20, 20, SITREP_Q_EXACT);
    CHECK_NUM("seven people", 5, 7, 7, 7, SITREP_Q_EXACT);
    /* a wrapped line in wire copy is still one number */
    CHECK_NUM("TWENTY\n   FIVE", 14, 25, 25, 25, SITREP_Q_EXACT);
    /* but not across a blank line */
    CHECK_NUM("twenty\n\nfive", 6, 20, 20, 20, SITREP_Q_EXACT);
}

static void test_num_vague(void)
{
    sr_num o;
    CHECK_EQ_INT(num("dozens of people", &o), 6);
    CHECK_EQ_INT(o.value, 24);
    CHECK_EQ_INT(o.min, 24);
    CHECK_EQ_INT(o.max, -1);
    CHECK_EQ_INT(o.qualifier, SITREP_Q_AT_LEAST);
    CHECK_EQ_INT(o.vague, 1);
    CHECK_EQ_INT(o.word, 1);
    CHECK_NUM("Dozens", 6, 24, 24, -1, SITREP_Q_AT_LEAST);
    CHECK_NUM("scores of", 6, 40, 40, -1, SITREP_Q_AT_LEAST);
    CHECK_NUM("hundreds of", 8, 200, 200, 999, SITREP_Q_AT_LEAST);
    CHECK_NUM("HUNDREDS OF THOUSANDS", 21, 200000, 200000, 999999, SITREP_Q_AT_LEAST);
    CHECK_NUM("tens of thousands of", 17, 20000, 20000, -1, SITREP_Q_AT_LEAST);
    CHECK_NUM("thousands", 9, 2000, 2000, -1, SITREP_Q_AT_LEAST);
    CHECK_NUM("millions", 8, 2000000, 2000000, -1, SITREP_Q_AT_LEAST);
    CHECK_NUM("several people", 7, 3, 3, 9, SITREP_Q_AT_LEAST);
    CHECK_NUM("several hundred", 15, 300, 300, 900, SITREP_Q_AT_LEAST);
    CHECK_NUM("several dozen", 13, 36, 36, 108, SITREP_Q_AT_LEAST);
    CHECK_NUM("a few", 5, 2, 2, 5, SITREP_Q_AT_LEAST);
    CHECK_NUM("A few hundred", 13, 200, 200, 500, SITREP_Q_AT_LEAST);
    CHECK_NUM("a handful of", 9, 2, 2, 5, SITREP_Q_AT_LEAST);
    CHECK_NUM("a number of victims", 8, 2, 2, -1, SITREP_Q_AT_LEAST);
    CHECK_NO_NUM("a number");          /* "a number" needs "of" */
    CHECK_NO_NUM("a number was");
    CHECK_NO_NUM("dozensof");
}

static void test_num_qualifiers(void)
{
    sr_num o;
    CHECK_EQ_INT(num("at least 60 people", &o), 11);
    CHECK_EQ_INT(o.value, 60);
    CHECK_EQ_INT(o.min, 60);
    CHECK_EQ_INT(o.max, -1);
    CHECK_EQ_INT(o.qualifier, SITREP_Q_AT_LEAST);
    CHECK_EQ_INT(o.qual_len, 9);
    CHECK_NUM("AT LEAST SIXTY", 14, 60, 60, -1, SITREP_Q_AT_LEAST);
    CHECK_NUM("at minimum 5", 12, 5, 5, -1, SITREP_Q_AT_LEAST);
    CHECK_NUM("no fewer than 9", 15, 9, 9, -1, SITREP_Q_AT_LEAST);
    CHECK_NUM("more than 100", 13, 100, 100, -1, SITREP_Q_MORE_THAN);
    CHECK_NUM("More than a dozen", 17, 12, 12, -1, SITREP_Q_MORE_THAN);
    CHECK_NUM("over 40", 7, 40, 40, -1, SITREP_Q_MORE_THAN);
    CHECK_NUM("upwards of 50", 13, 50, 50, -1, SITREP_Q_MORE_THAN);
    CHECK_NUM("nearly 30", 9, 30, -1, -1, SITREP_Q_ABOUT);
    CHECK_NUM("almost two dozen", 16, 24, -1, -1, SITREP_Q_ABOUT);
    CHECK_NUM("about forty", 11, 40, -1, -1, SITREP_Q_ABOUT);
    CHECK_NUM("around 7", 8, 7, -1, -1, SITREP_Q_ABOUT);
    CHECK_NUM("approximately 300", 17, 300, -1, -1, SITREP_Q_ABOUT);
    CHECK_NUM("Some 40", 7, 40, -1, -1, SITREP_Q_ABOUT);
    CHECK_NUM("roughly 1,000", 13, 1000, -1, -1, SITREP_Q_ABOUT);
    CHECK_NUM("an estimated 300", 16, 300, -1, -1, SITREP_Q_ABOUT);
    CHECK_NUM("up to 12", 8, 12, -1, 12, SITREP_Q_UP_TO);
    CHECK_NUM("as many as 20", 13, 20, -1, 20, SITREP_Q_UP_TO);
    CHECK_NUM("fewer than 5", 12, 5, -1, 5, SITREP_Q_FEWER_THAN);
    CHECK_NUM("less than ten", 13, 10, -1, 10, SITREP_Q_FEWER_THAN);
    CHECK_NUM("under 18", 8, 18, -1, 18, SITREP_Q_FEWER_THAN);
    CHECK_NUM("at least dozens", 15, 24, 24, -1, SITREP_Q_AT_LEAST);
    CHECK_EQ_INT(num("at least dozens", &o), 15);
    CHECK_EQ_INT(o.vague, 1);
    /* a qualifier is only part of a number when a number follows */
    CHECK_NO_NUM("at least");
    CHECK_NO_NUM("at least the");
    CHECK_NO_NUM("some people");
    CHECK_NO_NUM("over there");
    CHECK_NO_NUM("underground 5");
    CHECK_NO_NUM("under18");
    CHECK_NO_NUM("about");
    /* postfix qualifiers */
    CHECK_NUM("20 or more", 10, 20, 20, -1, SITREP_Q_AT_LEAST);
    CHECK_NUM("twenty or more people", 14, 20, 20, -1, SITREP_Q_AT_LEAST);
    CHECK_NUM("30 or so", 8, 30, -1, -1, SITREP_Q_ABOUT);
    CHECK_NUM("40-odd", 6, 40, -1, -1, SITREP_Q_ABOUT);
    CHECK_NUM("20-plus", 7, 20, 20, -1, SITREP_Q_AT_LEAST);
    CHECK_NUM("20+ dead", 3, 20, 20, -1, SITREP_Q_AT_LEAST);
    CHECK_NUM("5 or injured", 1, 5, 5, 5, SITREP_Q_EXACT);
}

static void test_num_ranges(void)
{
    sr_num o;
    CHECK_EQ_INT(num("between 4 and 7 people", &o), 15);
    CHECK_EQ_INT(o.qualifier, SITREP_Q_RANGE);
    CHECK_EQ_INT(o.value, 4);
    CHECK_EQ_INT(o.min, 4);
    CHECK_EQ_INT(o.max, 7);
    CHECK_EQ_INT(o.qual_len, 8);
    CHECK_NUM("BETWEEN FOUR AND SEVEN", 22, 4, 4, 7, SITREP_Q_RANGE);
    CHECK_NUM("4-7", 3, 4, 4, 7, SITREP_Q_RANGE);
    CHECK_NUM("4 - 7", 5, 4, 4, 7, SITREP_Q_RANGE);
    CHECK_NUM("4\xE2\x80\x93" "7", 5, 4, 4, 7, SITREP_Q_RANGE);
    CHECK_NUM("4 to 7", 6, 4, 4, 7, SITREP_Q_RANGE);
    CHECK_NUM("from 4 to 7", 11, 4, 4, 7, SITREP_Q_RANGE);
    CHECK_NUM("four or five", 12, 4, 4, 5, SITREP_Q_RANGE);
    CHECK_EQ_INT(num("four or five", &o), 12);
    CHECK_EQ_INT(o.word, 1);
    CHECK_NUM("one or two", 10, 1, 1, 2, SITREP_Q_RANGE);
    CHECK_NUM("100-150", 7, 100, 100, 150, SITREP_Q_RANGE);
    CHECK_NUM("about 4-7", 9, 4, 4, 7, SITREP_Q_RANGE);
    /* not ranges */
    CHECK_NUM("7-4", 1, 7, 7, 7, SITREP_Q_EXACT);
    CHECK_NUM("1990-91", 4, 1990, 1990, 1990, SITREP_Q_EXACT);
    CHECK_NUM("4 to the", 1, 4, 4, 4, SITREP_Q_EXACT);
    CHECK_NUM("4-", 1, 4, 4, 4, SITREP_Q_EXACT);
    CHECK_NUM("dozens to hundreds", 6, 24, 24, -1, SITREP_Q_AT_LEAST);
    CHECK_NO_NUM("between 7 and 4");
    CHECK_NO_NUM("between 4 and");
    CHECK_NO_NUM("between 4 and ");
    CHECK_NO_NUM("between 4");
    CHECK_NO_NUM("between");
    CHECK_NO_NUM("between dozens and hundreds");
    CHECK_NO_NUM("from 4");
}

static void test_num_limits(void)
{
    CHECK_NUM("1000000000", 10, 1000000000, 1000000000, 1000000000, SITREP_Q_EXACT);
    CHECK_NUM("one billion", 11, 1000000000, 1000000000, 1000000000, SITREP_Q_EXACT);
    CHECK_NO_NUM("1000000001");
    CHECK_NO_NUM("1,000,000,001");
    CHECK_NO_NUM("2 billion");
    CHECK_NO_NUM("two billion");
    CHECK_NO_NUM("999999999999999999999999999999");
    CHECK_NO_NUM("1.5 billion");
    CHECK_NUM("999 million million", 11, 999000000, 999000000, 999000000, SITREP_Q_EXACT);
    CHECK_NO_NUM("1.1234567891 million");
    /* a huge digit run is refused without reading it all */
    size_t big = 1 << 20;
    char *s = malloc(big + 1);
    CHECK(s != NULL);
    if (s) {
        memset(s, '7', big);
        s[big] = '\0';
        sr_num o;
        CHECK_EQ_INT(sr_num_parse(s, big, &o), 0);
        /* and a huge run of spaces after a qualifier */
        memcpy(s, "at least", 8);
        memset(s + 8, ' ', big - 9);
        s[big - 1] = '5';
        CHECK_EQ_INT(sr_num_parse(s, big, &o), 0);
        free(s);
    }
}

static void test_num_hostile(void)
{
    sr_num o;
    memset(&o, 0x33, sizeof o);
    sr_num before = o;
    CHECK_EQ_INT(sr_num_parse(NULL, 5, &o), 0);
    CHECK_EQ_INT(sr_num_parse("", 0, &o), 0);
    CHECK_EQ_INT(sr_num_parse("62", 0, &o), 0);
    CHECK_EQ_INT(sr_num_parse("62", 2, NULL), 0);
    CHECK(memcmp(&o, &before, sizeof o) == 0);   /* untouched on failure */
    CHECK_EQ_INT(sr_num_parse("\xFF\xFE", 2, &o), 0);
    CHECK_EQ_INT(sr_num_parse("\xC3\xA9t\xC3\xA9", 5, &o), 0);
    /* truncated views: only the bytes given are read */
    CHECK_EQ_INT(sr_num_parse("twenty", 4, &o), 0);
    CHECK_EQ_INT(sr_num_parse("sixty-two", 6, &o), 5);
    CHECK_EQ_INT(o.value, 60);
    CHECK_EQ_INT(sr_num_parse("1,200", 3, &o), 1);
    CHECK_EQ_INT(sr_num_parse("1.5 million", 4, &o), 0);
    CHECK_EQ_INT(sr_num_parse("at least 6", 9, &o), 0);
    CHECK_EQ_INT(sr_num_parse("between 4 and 7", 14, &o), 0);
    CHECK_EQ_INT(sr_num_parse("4-7", 2, &o), 1);
    CHECK_EQ_INT(sr_num_parse("62\xE2\x80", 4, &o), 0);
    CHECK_EQ_INT(sr_num_parse("62\xE2\x80\x94", 5, &o), 2);   /* em dash ends it */
    CHECK_EQ_INT(sr_num_parse("at least\n\n5", 11, &o), 0);
    /* every prefix of a tricky input parses without reading past it */
    const char *tricky = "between one hundred and twenty-five and 7,000";
    for (size_t k = 0; k <= strlen(tricky); k++) {
        char *c = malloc(k ? k : 1);
        CHECK(c != NULL);
        if (!c)
            break;
        memcpy(c, tricky, k);
        size_t r = sr_num_parse(c, k, &o);
        CHECK(r <= k);
        free(c);
    }
}

static void test_selfcheck(void)
{
    CHECK_EQ_INT(sr_num_selfcheck(), 1);
    CHECK_EQ_INT(sr_date_selfcheck(), 1);
}

static void test_parse_uint(void)
{
    uint64_t v = 0;
    CHECK_EQ_INT(sr_parse_uint("2024-03", 7, 4, &v), 4);
    CHECK_EQ_INT(v, 2024);
    CHECK_EQ_INT(sr_parse_uint("007x", 4, 3, &v), 3);
    CHECK_EQ_INT(v, 7);
    CHECK_EQ_INT(sr_parse_uint("20245", 5, 4, &v), 0);
    CHECK_EQ_INT(sr_parse_uint("2024", 2, 4, &v), 2);   /* view ends */
    CHECK_EQ_INT(v, 20);
    CHECK_EQ_INT(sr_parse_uint("", 0, 4, &v), 0);
    CHECK_EQ_INT(sr_parse_uint("abc", 3, 4, &v), 0);
    CHECK_EQ_INT(sr_parse_uint("12", 2, 0, &v), 0);
    CHECK_EQ_INT(sr_parse_uint(NULL, 2, 4, &v), 0);
    CHECK_EQ_INT(sr_parse_uint("18446744073709551615", 20, 30, &v), 0);
    CHECK_EQ_INT(sr_parse_uint("9999999999999999999", 19, 30, &v), 19);
    CHECK(v == 9999999999999999999ULL);
}

/* ------------------------------------------------------------- calendar */

static void test_calendar(void)
{
    CHECK_EQ_INT(sr_days_from_civil(1970, 1, 1), 0);
    CHECK_EQ_INT(sr_days_from_civil(2024, 3, 23), 19805);
    CHECK_EQ_INT(sr_days_from_civil(1, 1, 1), -719162);
    CHECK_EQ_INT(sr_days_from_civil(9999, 12, 31), 2932896);
    CHECK_EQ_INT(sr_days_from_civil(1969, 12, 31), -1);
    int y, m, d;
    sr_civil_from_days(19805, &y, &m, &d);
    CHECK_EQ_INT(y, 2024);
    CHECK_EQ_INT(m, 3);
    CHECK_EQ_INT(d, 23);
    /* round trip over years 1..9999 (every 97th day) */
    int bad = 0;
    for (int64_t z = -719162; z <= 2932896; z += 97) {
        sr_civil_from_days(z, &y, &m, &d);
        if (!sr_date_valid(y, m, d) || sr_days_from_civil(y, m, d) != z)
            bad++;
    }
    CHECK_EQ_INT(bad, 0);
    /* extreme day numbers are clamped, not undefined */
    sr_civil_from_days(INT64_MAX, &y, &m, &d);
    CHECK(y > 1000000);
    sr_civil_from_days(INT64_MIN, &y, &m, &d);
    CHECK(y < -1000000);
    sr_civil_from_days(0, NULL, NULL, NULL);

    CHECK_EQ_INT(sr_weekday(1970, 1, 1), 4);
    CHECK_EQ_INT(sr_weekday(1969, 12, 31), 3);
    CHECK_EQ_INT(sr_weekday(2024, 3, 23), 6);
    CHECK_EQ_INT(sr_weekday(2024, 3, 24), 0);
    CHECK_EQ_INT(sr_weekday(1989, 4, 12), 3);
    CHECK_EQ_INT(sr_weekday(1, 1, 1), 1);

    CHECK_EQ_INT(sr_date_valid(2024, 2, 29), 1);
    CHECK_EQ_INT(sr_date_valid(2023, 2, 29), 0);
    CHECK_EQ_INT(sr_date_valid(1900, 2, 29), 0);
    CHECK_EQ_INT(sr_date_valid(2000, 2, 29), 1);
    CHECK_EQ_INT(sr_date_valid(2024, 4, 31), 0);
    CHECK_EQ_INT(sr_date_valid(2024, 13, 1), 0);
    CHECK_EQ_INT(sr_date_valid(2024, 0, 1), 0);
    CHECK_EQ_INT(sr_date_valid(2024, 1, 0), 0);
    CHECK_EQ_INT(sr_date_valid(0, 1, 1), 0);
    CHECK_EQ_INT(sr_date_valid(2024, 12, 31), 1);

    sitrep_date a = {2024, 3, 1}, r;
    r = sr_date_add(a, -1);
    CHECK(r.year == 2024 && r.month == 2 && r.day == 29);
    sitrep_date b = {2023, 12, 31};
    r = sr_date_add(b, 1);
    CHECK(r.year == 2024 && r.month == 1 && r.day == 1);
    r = sr_date_add(b, 366);
    CHECK(r.year == 2024 && r.month == 12 && r.day == 31);
    r = sr_date_add(NOREF, -1);
    CHECK(r.year == 0 && r.month == 0 && r.day == 0);
    sitrep_date e = {9999, 12, 31};
    r = sr_date_add(e, 1);   /* out of range: unchanged */
    CHECK(r.year == 9999 && r.month == 12 && r.day == 31);
    r = sr_date_add(a, INT32_MIN);
    CHECK(r.year == 2024 && r.month == 3 && r.day == 1);
}

/* ---------------------------------------------------------------- dates */

static void test_date_absolute(void)
{
    sr_date_expr o;
    CHECK_DATE("23 March 2024", REF, 13, 2024, 3, 23, SR_DATE_ABSOLUTE);
    CHECK_EQ_INT(dat("23 March 2024", REF, &o), 13);
    CHECK_EQ_INT(o.year_given, 1);
    CHECK_DATE("March 23, 2024 at noon", REF, 14, 2024, 3, 23, SR_DATE_ABSOLUTE);
    CHECK_DATE("March 23", REF, 8, 2024, 3, 23, SR_DATE_ABSOLUTE);
    CHECK_EQ_INT(dat("March 23", REF, &o), 8);
    CHECK_EQ_INT(o.year_given, 0);
    CHECK_DATE("23 Mar.", REF, 7, 2024, 3, 23, SR_DATE_ABSOLUTE);
    CHECK_DATE("MAR 23", REF, 6, 2024, 3, 23, SR_DATE_ABSOLUTE);
    CHECK_DATE("23 MAR 89", REF, 9, 1989, 3, 23, SR_DATE_ABSOLUTE);
    CHECK_DATE("5 JAN 03", REF, 8, 2003, 1, 5, SR_DATE_ABSOLUTE);
    CHECK_DATE("Sept. 5", REF, 7, 2023, 9, 5, SR_DATE_ABSOLUTE);
    CHECK_DATE("5 sept 2020", REF, 0, 0, 0, 0, 0);   /* abbreviation in lower case */
    CHECK_DATE("5 September", REF, 11, 2023, 9, 5, SR_DATE_ABSOLUTE);
    CHECK_DATE("23rd of March", REF, 13, 2024, 3, 23, SR_DATE_ABSOLUTE);
    CHECK_DATE("1st July 2021", REF, 13, 2021, 7, 1, SR_DATE_ABSOLUTE);
    CHECK_DATE("2024-03-23", REF, 10, 2024, 3, 23, SR_DATE_ABSOLUTE);
    CHECK_DATE("05/07/2012", REF, 10, 2012, 5, 7, SR_DATE_ABSOLUTE);
    CHECK_DATE("5/7/12", REF, 6, 2012, 5, 7, SR_DATE_ABSOLUTE);
    CHECK_DATE("on 1 September 2024", REF, 19, 2024, 9, 1, SR_DATE_ABSOLUTE);
    CHECK_DATE("ON 30 DECEMBER", REF, 14, 2023, 12, 30, SR_DATE_ABSOLUTE);
    CHECK_DATE("May 5", REF, 5, 2023, 5, 5, SR_DATE_ABSOLUTE);
    CHECK_DATE("MAY 5", REF, 5, 2023, 5, 5, SR_DATE_ABSOLUTE);
    CHECK_DATE("Friday, March 22", REF, 16, 2024, 3, 22, SR_DATE_ABSOLUTE);
    CHECK_DATE("Sat, 23 Mar 2024", REF, 16, 2024, 3, 23, SR_DATE_ABSOLUTE);
    CHECK_DATE("March 2024", REF, 10, 2024, 3, 0, SR_DATE_MONTH);
    /* year-less dates fall on or before the reference date, or at most
     * three days after it */
    sitrep_date jan2 = {2024, 1, 2};
    CHECK_DATE("December 30", jan2, 11, 2023, 12, 30, SR_DATE_ABSOLUTE);
    CHECK_DATE("January 2", jan2, 9, 2024, 1, 2, SR_DATE_ABSOLUTE);
    CHECK_DATE("January 3", jan2, 9, 2024, 1, 3, SR_DATE_ABSOLUTE);
    CHECK_DATE("January 5", jan2, 9, 2024, 1, 5, SR_DATE_ABSOLUTE);
    CHECK_DATE("January 6", jan2, 9, 2023, 1, 6, SR_DATE_ABSOLUTE);
    sitrep_date dec30 = {2023, 12, 30};
    CHECK_DATE("1 January", dec30, 9, 2024, 1, 1, SR_DATE_ABSOLUTE);
    CHECK_DATE("3 January", dec30, 9, 2023, 1, 3, SR_DATE_ABSOLUTE);
    sitrep_date mar25 = {2025, 3, 1};
    CHECK_DATE("February 29", mar25, 11, 2024, 2, 29, SR_DATE_ABSOLUTE);
    /* without a reference the year stays unknown */
    CHECK_DATE("March 23", NOREF, 8, 0, 3, 23, SR_DATE_ABSOLUTE);
    CHECK_DATE("February 29", NOREF, 11, 0, 2, 29, SR_DATE_ABSOLUTE);
    /* a number after the date is not its year */
    CHECK_DATE("23 March 1500 people", REF, 8, 2024, 3, 23, SR_DATE_ABSOLUTE);
    CHECK_DATE("March 23, 12 people", REF, 8, 2024, 3, 23, SR_DATE_ABSOLUTE);
    CHECK_DATE("30 December 12 peasants", REF, 11, 2023, 12, 30, SR_DATE_ABSOLUTE);
}

static void test_date_invalid(void)
{
    CHECK_NO_DATE("Feb 30", REF);
    CHECK_NO_DATE("30 February 2024", REF);
    CHECK_NO_DATE("31 April", REF);
    CHECK_NO_DATE("February 29, 2023", REF);
    CHECK_NO_DATE("2024-02-30", REF);
    CHECK_NO_DATE("2024-13-01", REF);
    CHECK_NO_DATE("13/25/2020", REF);
    CHECK_NO_DATE("32 March", REF);
    CHECK_NO_DATE("0 March", REF);
    CHECK_NO_DATE("may 5", REF);         /* the verb */
    CHECK_NO_DATE("march 5", REF);
    CHECK_NO_DATE("sat", REF);
    CHECK_NO_DATE("Sat", REF);
    CHECK_NO_DATE("Sun 5", REF);
    CHECK_NO_DATE("the sun", REF);
    CHECK_NO_DATE("March", REF);         /* a bare month needs "in" */
    CHECK_NO_DATE("on the way", REF);
    CHECK_NO_DATE("on", REF);
    CHECK_NO_DATE("on ", REF);
    CHECK_NO_DATE("on yesterday", REF);
    CHECK_NO_DATE("in", REF);
    CHECK_NO_DATE("in may", REF);
    CHECK_NO_DATE("10:30", REF);
    CHECK_NO_DATE("3.5", REF);
    CHECK_NO_DATE("1500 people", REF);
    CHECK_NO_DATE("23 M\xC3\xA4rz", REF);
    CHECK_NO_DATE("Marchers", REF);
    CHECK_NO_DATE("Fridays", REF);
    CHECK_NO_DATE("23", REF);
    CHECK_NO_DATE("two days", REF);
    CHECK_NO_DATE("two days later", REF);
    CHECK_NO_DATE("dozens of days ago", REF);
    sr_date_expr o;
    CHECK_EQ_INT(sr_date_parse_at(NULL, 3, REF, &o), 0);
    CHECK_EQ_INT(sr_date_parse_at("today", 5, REF, NULL), 0);
    CHECK_EQ_INT(sr_date_parse_at("today", 0, REF, &o), 0);
    CHECK_EQ_INT(sr_date_parse_at("\xFF\xFF\xFF", 3, REF, &o), 0);
    /* truncated views */
    CHECK_EQ_INT(sr_date_parse_at("23 March 2024", 5, REF, &o), 0);
    CHECK_EQ_INT(sr_date_parse_at("23 March 2024", 11, REF, &o), 8);
    CHECK_EQ_INT(sr_date_parse_at("2024-03-2", 9, REF, &o), 0);
    CHECK_EQ_INT(sr_date_parse_at("yesterday", 8, REF, &o), 0);
    const char *tricky = "on Friday, 23rd of March 2024 yesterday";
    for (size_t k = 0; k <= strlen(tricky); k++) {
        char *c = malloc(k ? k : 1);
        CHECK(c != NULL);
        if (!c)
            break;
        memcpy(c, tricky, k);
        CHECK(sr_date_parse_at(c, k, REF, &o) <= k);
        free(c);
    }
}

static void test_date_relative(void)
{
    sr_date_expr o;
    /* REF 2024-03-23 is a Saturday */
    CHECK_DATE("Friday", REF, 6, 2024, 3, 22, SR_DATE_RELATIVE);
    CHECK_DATE("on Friday", REF, 9, 2024, 3, 22, SR_DATE_RELATIVE);
    CHECK_DATE("Friday night", REF, 12, 2024, 3, 22, SR_DATE_RELATIVE);
    CHECK_DATE("on Friday morning, police", REF, 17, 2024, 3, 22, SR_DATE_RELATIVE);
    CHECK_DATE("FRIDAY", REF, 6, 2024, 3, 22, SR_DATE_RELATIVE);
    CHECK_DATE("friday", REF, 6, 2024, 3, 22, SR_DATE_RELATIVE);
    CHECK_DATE("Saturday", REF, 8, 2024, 3, 23, SR_DATE_RELATIVE);
    CHECK_DATE("Sunday", REF, 6, 2024, 3, 17, SR_DATE_RELATIVE);
    CHECK_DATE("Monday", REF, 6, 2024, 3, 18, SR_DATE_RELATIVE);
    CHECK_NO_DATE("Fri.", REF);            /* abbreviations only before a date */
    CHECK_NO_DATE("Sun. It", REF);
    CHECK_DATE("Fri. March 22", REF, 13, 2024, 3, 22, SR_DATE_ABSOLUTE);
    CHECK_DATE("last Saturday", REF, 13, 2024, 3, 16, SR_DATE_RELATIVE);
    CHECK_DATE("last Friday", REF, 11, 2024, 3, 22, SR_DATE_RELATIVE);
    CHECK_DATE("yesterday", REF, 9, 2024, 3, 22, SR_DATE_RELATIVE);
    CHECK_DATE("YESTERDAY AFTERNOON", REF, 19, 2024, 3, 22, SR_DATE_RELATIVE);
    CHECK_DATE("today", REF, 5, 2024, 3, 23, SR_DATE_RELATIVE);
    CHECK_DATE("tonight", REF, 7, 2024, 3, 23, SR_DATE_RELATIVE);
    CHECK_DATE("this morning", REF, 12, 2024, 3, 23, SR_DATE_RELATIVE);
    CHECK_DATE("last night", REF, 10, 2024, 3, 22, SR_DATE_RELATIVE);
    CHECK_DATE("the day before yesterday", REF, 24, 2024, 3, 21, SR_DATE_RELATIVE);
    CHECK_DATE("two days ago", REF, 12, 2024, 3, 21, SR_DATE_RELATIVE);
    CHECK_DATE("3 days ago", REF, 10, 2024, 3, 20, SR_DATE_RELATIVE);
    CHECK_DATE("a day ago", REF, 9, 2024, 3, 22, SR_DATE_RELATIVE);
    CHECK_DATE("a week ago", REF, 10, 2024, 3, 16, SR_DATE_RELATIVE);
    CHECK_DATE("two weeks ago", REF, 13, 2024, 3, 9, SR_DATE_RELATIVE);
    CHECK_DATE("last week", REF, 9, 2024, 3, 16, SR_DATE_RELATIVE);
    /* possessives: "Friday's attack" */
    CHECK_DATE("Tuesday's attack", REF, 9, 2024, 3, 19, SR_DATE_RELATIVE);
    CHECK_DATE("Friday\xE2\x80\x99s blast", REF, 10, 2024, 3, 22, SR_DATE_RELATIVE);
    CHECK_DATE("yesterday's blast", REF, 11, 2024, 3, 22, SR_DATE_RELATIVE);
    CHECK_DATE("last night's raid", REF, 12, 2024, 3, 22, SR_DATE_RELATIVE);
    CHECK_NO_DATE("Sat's", REF);
    CHECK_NO_DATE("Tuesdays", REF);
    CHECK_DATE("Friday'", REF, 6, 2024, 3, 22, SR_DATE_RELATIVE); /* closing quote */
    sitrep_date jan1 = {2024, 1, 1};
    CHECK_DATE("yesterday", jan1, 9, 2023, 12, 31, SR_DATE_RELATIVE);
    /* months */
    CHECK_DATE("in March", REF, 8, 2024, 3, 0, SR_DATE_MONTH);
    CHECK_DATE("in April", REF, 8, 2023, 4, 0, SR_DATE_MONTH);
    CHECK_DATE("IN MARCH 2020", REF, 13, 2020, 3, 0, SR_DATE_MONTH);
    CHECK_EQ_INT(dat("in March 2020", REF, &o), 13);
    CHECK_EQ_INT(o.year_given, 1);
    CHECK_DATE("in March 5", REF, 10, 2024, 3, 5, SR_DATE_ABSOLUTE);
    /* no reference date: recognised, unresolved */
    CHECK_DATE("yesterday", NOREF, 9, 0, 0, 0, SR_DATE_RELATIVE);
    CHECK_DATE("on Friday", NOREF, 9, 0, 0, 0, SR_DATE_RELATIVE);
    CHECK_DATE("in March", NOREF, 8, 0, 3, 0, SR_DATE_MONTH);
}

static void test_date_full(void)
{
    sitrep_date d = {0, 0, 0};
    const char *s;
    s = "2024-03-23";
    CHECK_EQ_INT(sr_date_parse_full(s, strlen(s), &d), 10);
    CHECK(d.year == 2024 && d.month == 3 && d.day == 23);
    s = "2024-03-23T10:00:00Z";
    CHECK_EQ_INT(sr_date_parse_full(s, strlen(s), &d), 20);
    s = "2024-03-23T10:00:00.123+02:00 rest";
    CHECK_EQ_INT(sr_date_parse_full(s, strlen(s), &d), 29);
    s = "2024-03-23 10:00:00 +0000";
    CHECK_EQ_INT(sr_date_parse_full(s, strlen(s), &d), 25);
    s = "Sat, 23 Mar 2024 10:00:00 GMT";
    memset(&d, 0, sizeof d);
    CHECK_EQ_INT(sr_date_parse_full(s, strlen(s), &d), 29);
    CHECK(d.year == 2024 && d.month == 3 && d.day == 23);
    s = "Tue, 5 Nov 1991 08:15 -0500";
    CHECK_EQ_INT(sr_date_parse_full(s, strlen(s), &d), 27);
    CHECK(d.year == 1991 && d.month == 11 && d.day == 5);
    s = "23 March 2024";
    CHECK_EQ_INT(sr_date_parse_full(s, strlen(s), &d), 13);
    s = "March 23, 2024";
    CHECK_EQ_INT(sr_date_parse_full(s, strlen(s), &d), 14);
    s = "1066-10-14";
    CHECK_EQ_INT(sr_date_parse_full(s, strlen(s), &d), 10);
    CHECK_EQ_INT(d.year, 1066);
    /* a full date needs a year and a day */
    s = "March 23";
    CHECK_EQ_INT(sr_date_parse_full(s, strlen(s), &d), 0);
    s = "March 2024";
    CHECK_EQ_INT(sr_date_parse_full(s, strlen(s), &d), 0);
    s = "yesterday";
    CHECK_EQ_INT(sr_date_parse_full(s, strlen(s), &d), 0);
    s = "Saturday";
    CHECK_EQ_INT(sr_date_parse_full(s, strlen(s), &d), 0);
    CHECK_EQ_INT(sr_date_parse_full(NULL, 4, &d), 0);
    CHECK_EQ_INT(sr_date_parse_full("2024-03-23", 10, NULL), 0);
    CHECK_EQ_INT(sr_date_parse_full("2024-03-23", 9, &d), 0);
}

static void test_sitrep_date_parse(void)
{
    sitrep_date d = {0, 0, 0};
    CHECK_EQ_INT(sitrep_date_parse("2024-03-23", 10, &d), SITREP_OK);
    CHECK(d.year == 2024 && d.month == 3 && d.day == 23);
    const char *s = "  1990-01-09\n";
    CHECK_EQ_INT(sitrep_date_parse(s, strlen(s), &d), SITREP_OK);
    CHECK(d.year == 1990 && d.month == 1 && d.day == 9);
    s = "2024-03-23T10:00:00.000+0200 (CEST)";
    CHECK_EQ_INT(sitrep_date_parse(s, strlen(s), &d), SITREP_OK);
    s = "2024-03-23T10:00";
    CHECK_EQ_INT(sitrep_date_parse(s, strlen(s), &d), SITREP_OK);
    s = "Sat, 23 Mar 2024 10:00:00 GMT";
    CHECK_EQ_INT(sitrep_date_parse(s, strlen(s), &d), SITREP_OK);
    d.year = 77;
    s = "2024-03-23 and more";
    CHECK_EQ_INT(sitrep_date_parse(s, strlen(s), &d), SITREP_E_PARSE);
    CHECK_EQ_INT(d.year, 77);   /* untouched on failure */
    s = "2024-03-23x";
    CHECK_EQ_INT(sitrep_date_parse(s, strlen(s), &d), SITREP_E_PARSE);
    CHECK_EQ_INT(sitrep_date_parse("2024-02-30", 10, &d), SITREP_E_PARSE);
    CHECK_EQ_INT(sitrep_date_parse("2024-03", 7, &d), SITREP_E_PARSE);
    CHECK_EQ_INT(sitrep_date_parse("20240323", 8, &d), SITREP_E_PARSE);
    CHECK_EQ_INT(sitrep_date_parse("garbage", 7, &d), SITREP_E_PARSE);
    CHECK_EQ_INT(sitrep_date_parse("", 0, &d), SITREP_E_PARSE);
    CHECK_EQ_INT(sitrep_date_parse("   ", 3, &d), SITREP_E_PARSE);
    CHECK_EQ_INT(sitrep_date_parse("\xFF", 1, &d), SITREP_E_PARSE);
    CHECK_EQ_INT(sitrep_date_parse("2024-03-23", 10, NULL), SITREP_E_ARG);
    CHECK_EQ_INT(sitrep_date_parse(NULL, 10, &d), SITREP_E_ARG);
}

/* ------------------------------------------------------------ datelines */

typedef struct dl_case {
    const char *text;
    const char *place;     /* NULL: no dateline */
    int y, m, d;           /* has_date when m > 0 */
    const char *region;
    const char *source;
    const char *rest;      /* text starts here after end */
} dl_case;

static void check_dateline(const dl_case *c, sitrep_date ref)
{
    sr_dateline dl;
    size_t n = strlen(c->text);
    int r = sr_dateline_parse(c->text, n, ref, &dl);
    if (!c->place) {
        if (r != 0)
            fprintf(stderr, "unexpected dateline in: %s\n", c->text);
        CHECK_EQ_INT(r, 0);
        return;
    }
    if (r != 1)
        fprintf(stderr, "no dateline in: %s\n", c->text);
    CHECK_EQ_INT(r, 1);
    if (r != 1)
        return;
    CHECK(dl.place_start <= dl.place_end && dl.place_end <= n);
    CHECK_EQ_VIEW(c->text + dl.place_start, dl.place_end - dl.place_start, c->place);
    CHECK_EQ_INT(dl.has_date, c->m > 0);
    if (c->m > 0) {
        CHECK_EQ_INT(dl.date.year, c->y);
        CHECK_EQ_INT(dl.date.month, c->m);
        CHECK_EQ_INT(dl.date.day, c->d);
    }
    CHECK(dl.region_start <= dl.region_end && dl.region_end <= n);
    CHECK_EQ_VIEW(c->text + dl.region_start, dl.region_end - dl.region_start,
                  c->region ? c->region : "");
    CHECK(dl.source_start <= dl.source_end && dl.source_end <= n);
    CHECK_EQ_VIEW(c->text + dl.source_start, dl.source_end - dl.source_start,
                  c->source ? c->source : "");
    CHECK(dl.end <= n);
    CHECK_EQ_VIEW(c->text + dl.end, n - dl.end, c->rest);
}

static void test_dateline(void)
{
    static const dl_case cases[] = {
        {"MOSCOW, March 23 (Reuters) - Officials said", "MOSCOW", 2024, 3, 23, NULL,
         "Reuters", " Officials said"},
        {"KABUL (AP) -- A blast", "KABUL", 0, 0, 0, NULL, "AP", " A blast"},
        {"Paris, 12 Jan. 2024 - The mayor", "Paris", 2024, 1, 12, NULL, NULL, " The mayor"},
        {"   SAN SALVADOR, 12 APR 89 (DOMESTIC SERVICE) -- [TEXT] THE ARMY", "SAN SALVADOR",
         1989, 4, 12, NULL, "DOMESTIC SERVICE", " THE ARMY"},
        {"BOGOTA, 7 JUN 90 (EFE) -- [TEXT] POLICE", "BOGOTA", 1990, 6, 7, NULL, "EFE",
         " POLICE"},
        {"LIMA, PERU, 5 Jan -- Rebels", "LIMA", 2024, 1, 5, "PERU", NULL, " Rebels"},
        {"ROME (ITALY), 11 JAN 90 -- [INTERVIEW WITH A MINISTER] [TEXT] Q", "ROME", 1990, 1,
         11, "ITALY", NULL, " Q"},
        {"TOWN X, 3 JAN 90 -- [REPORT] [NAVY PRESS OFFICE,\nCOPREFA] [TEXT] TROOPS", "TOWN X",
         1990, 1, 3, NULL, NULL, " TROOPS"},
        {"MEDELLIN, 9 JAN 90 -- [EXCERPTS] THE JUNTA [FMLN] SAID", "MEDELLIN", 1990, 1, 9,
         NULL, NULL, " THE JUNTA [FMLN] SAID"},
        {"CLANDESTINE, 8 JAN 90 (RADIO LIBERTAD)-- [TEXT] A BULLETIN", "", 1990, 1, 8, NULL,
         "RADIO LIBERTAD", " A BULLETIN"},
        {"NO CITY (EL SALVADOR), 14 MAR 90 (FBIS) -- [EDITORIAL REPORT] X", "", 1990, 3, 14,
         "EL SALVADOR", "FBIS", " X"},
        {"SAN SALVADOR, NO DATE (RADIO NORTE) -- [TEXT] Y", "SAN SALVADOR", 0, 0, 0, NULL,
         "RADIO NORTE", " Y"},
        {"BOGOTA, 14 APR 90 [TELEVISORA NACIONAL) -- [TEXT] Z", "BOGOTA", 1990, 4, 14, NULL,
         "TELEVISORA NACIONAL", " Z"},
        {"CARACAS (VENEZUELA), 17 JUL 89 (CANAL 8 TELEVISION)\n-- [TEXT] W", "CARACAS", 1989,
         7, 17, "VENEZUELA", "CANAL 8 TELEVISION", " W"},
        {"WASHINGTON, March 20, 2024 (AP) \xE2\x80\x94 Lawmakers", "WASHINGTON", 2024, 3, 20,
         NULL, "AP", " Lawmakers"},
        {"KYIV, Ukraine (AP) \xE2\x80\x94 Drones", "KYIV", 0, 0, 0, "Ukraine", "AP", " Drones"},
        {"BEIRUT \xE2\x80\x93 Shelling", "BEIRUT", 0, 0, 0, NULL, NULL, " Shelling"},
        {"Rio de Janeiro, Friday, March 22 (AFP) - Police", "Rio de Janeiro", 2024, 3, 22,
         NULL, "AFP", " Police"},
        {"ST. LOUIS, March 1 (Reuters) - A", "ST. LOUIS", 2024, 3, 1, NULL, "Reuters", " A"},
        {"S\xC3\x83O PAULO (AFP) - Rain", "S\xC3\x83O PAULO", 0, 0, 0, NULL, "AFP", " Rain"},
        {"SAN SALVADOR, 17 NOV 89 (PRESS AGENCY [PA]) -- [TEXT] T", "SAN SALVADOR", 1989,
         11, 17, NULL, "PRESS AGENCY [PA]", " T"},
        {"PERTH (AUSTRALIA), JUNE 11 89 (AFP) -- [TEXT] U", "PERTH", 1989, 6, 11, "AUSTRALIA",
         "AFP", " U"},
        {"TEGUCIGALPA, 7 FEB (REUTER) -- V", "TEGUCIGALPA", 2024, 2, 7, NULL, "REUTER", " V"},
        {"X (A (B (C))) -- V", NULL, 0, 0, 0, NULL, NULL, NULL},
        {"DEC 30 CITY, 30 DEC -- X", NULL, 0, 0, 0, NULL, NULL, NULL},
        {"Police said on Friday - that", NULL, 0, 0, 0, NULL, NULL, NULL},
        {"Gunmen - stormed a bank", NULL, 0, 0, 0, NULL, NULL, NULL},
        {"The attack killed 5 people.", NULL, 0, 0, 0, NULL, NULL, NULL},
        {"MOSCOW, March 23 (Reuters) Officials said", NULL, 0, 0, 0, NULL, NULL, NULL},
        {"SAN SALVADOR, 12 APR 89 (DOMESTIC SERVICE", NULL, 0, 0, 0, NULL, NULL, NULL},
        {"SAN SALVADOR, 12 APR 89", NULL, 0, 0, 0, NULL, NULL, NULL},
        {"(((((((((", NULL, 0, 0, 0, NULL, NULL, NULL},
        {"A", NULL, 0, 0, 0, NULL, NULL, NULL},
        {"", NULL, 0, 0, 0, NULL, NULL, NULL},
        {"   \n\n  ", NULL, 0, 0, 0, NULL, NULL, NULL},
        {"\xFF\xFE\xFD --", NULL, 0, 0, 0, NULL, NULL, NULL},
    };
    const sitrep_date ref = {2024, 3, 25};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        check_dateline(&cases[k], ref);

    /* a year-less dateline date without a reference keeps year 0 */
    sr_dateline dl;
    const char *s = "MOSCOW, March 23 (Reuters) - X";
    CHECK_EQ_INT(sr_dateline_parse(s, strlen(s), NOREF, &dl), 1);
    CHECK_EQ_INT(dl.has_date, 1);
    CHECK_EQ_INT(dl.date.year, 0);
    CHECK_EQ_INT(dl.date.month, 3);
    CHECK_EQ_INT(dl.date.day, 23);
    CHECK_EQ_INT(sr_dateline_parse(NULL, 4, ref, &dl), 0);
    CHECK_EQ_INT(sr_dateline_parse(s, strlen(s), ref, NULL), 0);
    /* every truncation of a dateline stays inside the view */
    s = "SAN SALVADOR, 12 APR 89 (DOMESTIC SERVICE) -- [REPORT] [TEXT] X";
    for (size_t k = 0; k <= strlen(s); k++) {
        char *c = malloc(k ? k : 1);
        CHECK(c != NULL);
        if (!c)
            break;
        memcpy(c, s, k);
        if (sr_dateline_parse(c, k, ref, &dl)) {
            CHECK(dl.end <= k);
            CHECK(dl.place_end <= k);
        }
        free(c);
    }
    /* a long run of capitals without a dash is not a dateline */
    size_t big = 100000;
    char *b = malloc(big);
    CHECK(b != NULL);
    if (b) {
        memset(b, 'A', big);
        for (size_t k = 7; k < big; k += 8)
            b[k] = ' ';
        CHECK_EQ_INT(sr_dateline_parse(b, big, ref, &dl), 0);
        free(b);
    }
}

SR_TEST_MAIN("numdate", T(test_num_digits), T(test_num_refused), T(test_num_words),
             T(test_num_vague), T(test_num_qualifiers), T(test_num_ranges),
             T(test_num_limits), T(test_num_hostile), T(test_selfcheck), T(test_parse_uint), T(test_calendar),
             T(test_date_absolute), T(test_date_invalid), T(test_date_relative),
             T(test_date_full), T(test_sitrep_date_parse), T(test_dateline))
