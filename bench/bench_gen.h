/*
 * bench_gen.h - helpers of the benchmarks that generate their own reports
 * (bench_store_scale.c, bench_report.c): a small deterministic random
 * generator, the monotonic clock, and civil dates of day numbers.
 */
#ifndef BENCH_GEN_H
#define BENCH_GEN_H

#include <stdint.h>
#include <time.h>

/* xorshift64: the same sequence on every machine; seed it with
 * bench_seed (not zero). */
static uint64_t bench_rng = 0x9e3779b97f4a7c15ULL;

static inline void bench_seed(uint64_t s)
{
    bench_rng = s ? s : 1;
}

/* A number in [0, n). */
static inline uint32_t rnd(uint32_t n)
{
    bench_rng ^= bench_rng << 13;
    bench_rng ^= bench_rng >> 7;
    bench_rng ^= bench_rng << 17;
    return (uint32_t)(bench_rng % n);
}

/* Seconds on the monotonic clock. */
static inline double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Civil date of day z since 1970-01-01 (H. Hinnant's algorithm). */
static inline void civil(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

#endif
