/*
 * bench_store_scale.c - scale benchmark of the incident store: ingest N
 * generated reports (default 200,000; developing incidents whose toll rises
 * over several reports from several outlets, mixed with unrelated noise)
 * into one database on one thread, with extraction, and report the
 * throughput and the time of each block of 10,000 reports, so that the last
 * block can be compared with the first (the cost of one ingest must not grow
 * with the size of the store).  Each block's CPU time (user + system) is
 * printed beside its wall time: on a shared machine the wall clock also
 * counts other programs.
 *
 *   bench_store_scale [--gazetteer FILE] [--db FILE] [--n N] [--batch N]
 *
 * Prints "metric NAME VALUE" lines.  The texts are generated here (fictional
 * reports about real cities); nothing is read but the gazetteer.
 */
#define _POSIX_C_SOURCE 200809L

#include <sitrep/sitrep.h>
#include <sitrep/store.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bench_gen.h"

static const char *const cities[] = {
    "Baghdad", "Kabul", "Peshawar", "Mogadishu", "Maiduguri", "Quetta", "Mosul", "Kandahar",
    "Aleppo", "Sanaa", "Lahore", "Karachi", "Kirkuk", "Jalalabad", "Benghazi", "Tripoli",
    "Damascus", "Homs", "Aden", "Kano", "Abuja", "Lagos", "Nairobi", "Mombasa", "Kampala",
    "Juba", "Khartoum", "Bamako", "Niamey", "Ouagadougou", "Goma", "Bangui", "Kinshasa",
    "Manila", "Davao", "Jakarta", "Dhaka", "Chittagong", "Colombo", "Kathmandu", "Delhi",
    "Mumbai", "Srinagar", "Bogota", "Medellin", "Cali", "Caracas", "Lima", "Quito",
    "Mexico City", "Tijuana", "Culiacan", "Istanbul", "Ankara", "Izmir", "Tehran", "Mashhad",
    "Cairo", "Alexandria", "Tunis", "Algiers", "Casablanca", "Beirut", "Amman", "Gaza",
    "Jerusalem", "Riyadh", "Jeddah", "Moscow", "Kyiv", "Kharkiv", "Odesa", "Paris", "Brussels",
    "London", "Manchester", "Berlin", "Madrid", "Barcelona", "Rome", "Athens", "Chicago",
    "Houston", "Dallas", "Atlanta", "Denver", "Seattle", "Toronto", "Sydney", "Melbourne",
};
#define NCITIES (sizeof cities / sizeof cities[0])

static const char *const outlets[] = {"Harbor Wire", "The Daily Ledger", "Meridian News",
                                      "Eastern Courier", "Global Dispatch", "North Star"};
static const char *const kinds[] = {"car bomb exploded", "suicide bomber blew himself up",
                                    "roadside bomb exploded", "gunmen opened fire",
                                    "fire broke out", "building collapsed"};
static const char *const credited[] = {"police said", "the health ministry said",
                                       "officials said", "witnesses said",
                                       "a hospital official said"};

/* CPU seconds (user + system) this process has used: unlike the wall
 * clock, not lengthened by other programs on a shared machine. */
static double cpu_now(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* A live developing incident. */
typedef struct story {
    int city, kind, toll, reports_left;
    int64_t day;   /* days since 1970 */
} story;

int main(int argc, char **argv)
{
    const char *gaz = NULL, *dbpath = NULL;
    long n = 200000, batch = 1000;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--gazetteer") == 0 && i + 1 < argc)
            gaz = argv[++i];
        else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            dbpath = argv[++i];
        else if (strcmp(argv[i], "--n") == 0 && i + 1 < argc)
            n = atol(argv[++i]);
        else if (strcmp(argv[i], "--batch") == 0 && i + 1 < argc)
            batch = atol(argv[++i]);
        else {
            fprintf(stderr, "usage: bench_store_scale [--gazetteer F] [--db F] [--n N] [--batch N]\n");
            return 2;
        }
    }
    if (n < 10000 || batch < 1) {
        fprintf(stderr, "bench_store_scale: --n must be >= 10000\n");
        return 2;
    }
    char tmpdb[64] = "";
    if (!dbpath) {
        snprintf(tmpdb, sizeof tmpdb, "/tmp/sitrep-scale-%ld.db", (long)getpid());
        dbpath = tmpdb;
    }
    sitrep_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.gazetteer_path = gaz && access(gaz, R_OK) == 0 ? gaz : NULL;
    if (!cfg.gazetteer_path)
        printf("bench_store_scale: no gazetteer: places stay unresolved\n");
    sitrep *s = NULL;
    char err[512];
    if (sitrep_create(&cfg, &s, err, sizeof err) != SITREP_OK) {
        fprintf(stderr, "bench_store_scale: %s\n", err);
        return 1;
    }
    sitrep_store_config sc;
    memset(&sc, 0, sizeof sc);
    sc.path = dbpath;
    sitrep_store *st = NULL;
    if (sitrep_store_open(&sc, &st, err, sizeof err) != SITREP_OK) {
        fprintf(stderr, "bench_store_scale: %s\n", err);
        sitrep_free(s);
        return 1;
    }

    enum { LIVE = 64 };
    story live[LIVE];
    memset(live, 0, sizeof live);
    int64_t day0 = 19000;   /* 2022-01-08 */
    char text[1024], id[32], pub[32], title[160];
    double t0 = now(), tb = t0, first = 0, last = 0, worst = 0;
    double cb = cpu_now(), cfirst = 0, clast = 0;
    long opened = 0, generated_incidents = 0, fails = 0;
    sitrep_store_begin(st);
    for (long i = 0; i < n; i++) {
        /* Time advances: about 300 reports a day. */
        int64_t today = day0 + i / 300;
        int y, mo, d;
        civil(today, &y, &mo, &d);
        snprintf(pub, sizeof pub, "%04d-%02d-%02dT%02u:%02u:00Z", y, mo, d, rnd(24), rnd(60));
        snprintf(id, sizeof id, "scale-%ld", i);
        const char *outlet = outlets[rnd(6)];
        if (rnd(100) < 30) {
            snprintf(title, sizeof title, "Markets close higher %ld", i);
            snprintf(text, sizeof text,
                     "Shares closed higher on %s on Tuesday as investors weighed company results "
                     "and the outlook for interest rates, traders said; volume was %u million "
                     "shares in session %ld.",
                     cities[rnd(NCITIES)], 100 + rnd(900), i);
        } else {
            story *sp = &live[rnd(LIVE)];
            if (sp->reports_left <= 0 || today - sp->day > 3) {
                sp->city = (int)rnd(NCITIES);
                sp->kind = (int)rnd(6);
                sp->toll = 2 + (int)rnd(10);
                sp->reports_left = 2 + (int)rnd(8);
                sp->day = today;
                generated_incidents++;
            } else if (rnd(3) == 0) {
                sp->toll += 1 + (int)rnd(12);
            }
            sp->reports_left--;
            int ey, em, ed;
            civil(sp->day, &ey, &em, &ed);
            snprintf(title, sizeof title, "%s: toll %d", cities[sp->city], sp->toll);
            snprintf(text, sizeof text,
                     "A %s in %s on %d %s %d, killing %s%d people and wounding %d others, %s. "
                     "Rescue workers were still at the scene late on that day, according to "
                     "report %ld from %s.",
                     kinds[sp->kind], cities[sp->city], ed,
                     (const char *const[]){"January", "February", "March", "April", "May",
                                           "June", "July", "August", "September", "October",
                                           "November", "December"}[em - 1],
                     ey, rnd(2) ? "at least " : "", sp->toll, sp->toll * 2 + (int)rnd(5),
                     credited[rnd(5)], i, outlet);
        }
        sitrep_article a;
        memset(&a, 0, sizeof a);
        a.id = (sitrep_str){id, strlen(id)};
        a.source = (sitrep_str){outlet, strlen(outlet)};
        a.published = (sitrep_str){pub, strlen(pub)};
        a.title = (sitrep_str){title, strlen(title)};
        a.text = (sitrep_str){text, strlen(text)};
        sitrep_store_ingest_info info;
        sitrep_date none = {0, 0, 0};
        if (sitrep_store_ingest(st, s, &a, none, &info) != SITREP_OK) {
            if (fails++ < 3)
                fprintf(stderr, "bench_store_scale: %s\n", sitrep_store_errmsg(st));
        }
        opened += (long)info.opened;
        if ((i + 1) % batch == 0) {
            if (sitrep_store_commit(st) != SITREP_OK || sitrep_store_begin(st) != SITREP_OK) {
                fprintf(stderr, "bench_store_scale: %s\n", sitrep_store_errmsg(st));
                break;
            }
        }
        if ((i + 1) % 10000 == 0) {
            double t = now(), dt = t - tb, c = cpu_now(), dc = c - cb;
            tb = t;
            cb = c;
            if (i + 1 == 10000) {
                first = dt;
                cfirst = dc;
            }
            last = dt;
            clast = dc;
            if (dt > worst)
                worst = dt;
            printf("block %3ld: %6.2f s per 10,000 reports (CPU %.2f s)\n", (i + 1) / 10000, dt,
                   dc);
            fflush(stdout);
        }
    }
    sitrep_store_commit(st);
    double total = now() - t0;
    sitrep_store_stats stats;
    memset(&stats, 0, sizeof stats);
    sitrep_store_stats_get(st, &stats);
    printf("metric store_scale_reports %ld\n", n);
    printf("metric store_scale_reports_per_s %.0f\n", (double)n / total);
    printf("metric store_scale_first_block_s %.3f\n", first);
    printf("metric store_scale_last_block_s %.3f\n", last);
    printf("metric store_scale_last_over_first %.2f\n", first > 0 ? last / first : 0);
    /* the same with this process's CPU time, which other programs on a
     * shared machine do not lengthen (the target is on the wall clock) */
    printf("metric store_scale_cpu_last_over_first %.2f\n", cfirst > 0 ? clast / cfirst : 0);
    printf("metric store_scale_incidents %lld (generated developing incidents %ld)\n",
           (long long)stats.incidents, generated_incidents);
    printf("metric store_scale_failures %ld\n", fails);
    int ok = (double)n / total >= 2000 && first > 0 && last / first <= 1.5 && fails == 0;
    printf("store scale: %s (targets: >= 2000 reports/s, last block <= 1.5x first)\n",
           ok ? "targets met" : "TARGETS MISSED");
    sitrep_store_close(st);
    sitrep_free(s);
    if (*tmpdb) {
        char w[80];
        unlink(tmpdb);
        snprintf(w, sizeof w, "%s-wal", tmpdb);
        unlink(w);
        snprintf(w, sizeof w, "%s-shm", tmpdb);
        unlink(w);
    }
    return ok ? 0 : 1;
}
