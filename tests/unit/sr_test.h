/*
 * sr_test.h - the unit-test harness: a test is a function; CHECK records a
 * failure with file and line and goes on; main() runs the listed tests and
 * prints "N passed, N failed" (the closing line CI reads).
 */
#ifndef SR_TEST_H
#define SR_TEST_H

#include <stdio.h>
#include <string.h>

static int sr_test_failures;   /* failed checks in the current test */

#define CHECK(cond)                                                             \
    do {                                                                        \
        if (!(cond)) {                                                          \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            sr_test_failures++;                                                 \
        }                                                                       \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                      \
    do {                                                                        \
        long long va_ = (long long)(a), vb_ = (long long)(b);                   \
        if (va_ != vb_) {                                                       \
            fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__,     \
                    __LINE__, #a, va_, vb_);                                    \
            sr_test_failures++;                                                 \
        }                                                                       \
    } while (0)

#define CHECK_EQ_STR(a, b)                                                      \
    do {                                                                        \
        const char *sa_ = (a), *sb_ = (b);                                      \
        if (!sa_ || !sb_ || strcmp(sa_, sb_) != 0) {                            \
            fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, \
                    __LINE__, #a, sa_ ? sa_ : "(null)", sb_ ? sb_ : "(null)");  \
            sr_test_failures++;                                                 \
        }                                                                       \
    } while (0)

/* Compare a view (ptr, len) with a C string. */
#define CHECK_EQ_VIEW(p, n, s)                                                  \
    do {                                                                        \
        const char *vp_ = (p), *vs_ = (s);                                      \
        size_t vn_ = (n);                                                       \
        if (strlen(vs_) != vn_ || (vn_ && memcmp(vp_, vs_, vn_) != 0)) {        \
            fprintf(stderr, "%s:%d: %s == \"%.*s\", expected \"%s\"\n",         \
                    __FILE__, __LINE__, #p, (int)vn_, vp_ ? vp_ : "", vs_);     \
            sr_test_failures++;                                                 \
        }                                                                       \
    } while (0)

typedef struct sr_test_case {
    const char *name;
    void (*fn)(void);
} sr_test_case;

static int sr_test_run(const char *suite, const sr_test_case *cases, size_t n)
{
    int passed = 0, failed = 0;
    for (size_t i = 0; i < n; i++) {
        sr_test_failures = 0;
        cases[i].fn();
        if (sr_test_failures) {
            fprintf(stderr, "FAIL %s.%s\n", suite, cases[i].name);
            failed++;
        } else {
            passed++;
        }
    }
    printf("%s: %d passed, %d failed\n", suite, passed, failed);
    return failed ? 1 : 0;
}

#define SR_TEST_MAIN(suite, ...)                                                \
    int main(void)                                                              \
    {                                                                           \
        static const sr_test_case cases_[] = {__VA_ARGS__};                     \
        return sr_test_run(suite, cases_, sizeof cases_ / sizeof cases_[0]);    \
    }
#define T(fn) {#fn, fn}

#endif
