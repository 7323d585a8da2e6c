/*
 * bench_report.c - speed of the situation report (sitrep_report_write):
 * builds a store of N distinct generated incidents (default 10,000) across
 * many countries, one in ten of them reported twice with a rising toll,
 * then times the HTML and the Markdown report of the whole store (every
 * incident ranked, listed and on the map; the default 100 in detail) and
 * prints seconds and bytes.  The goal: 10,000 incidents in under 2 s.
 *
 *   bench_report [--gazetteer FILE] [--n N] [--db FILE] [--out DIR]
 *
 * --db reuses (or keeps) the store; --out DIR also writes report.html and
 * report.md there.  Prints "metric NAME VALUE" lines.  The texts are
 * generated here (fictional reports about real places).
 */
#define _POSIX_C_SOURCE 200809L

#include <sitrep/report.h>
#include <sitrep/sitrep.h>
#include <sitrep/store.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_gen.h"

/* "City, Country" of places in many countries, one string, '|' between. */
static const char places[] =
    "Kabul, Afghanistan|Herat, Afghanistan|Tirana, Albania|Oran, Algeria|Luanda, Angola|"
    "Rosario, Argentina|Yerevan, Armenia|Perth, Australia|Graz, Austria|Baku, Azerbaijan|"
    "Khulna, Bangladesh|Minsk, Belarus|Antwerp, Belgium|Cotonou, Benin|Sucre, Bolivia|"
    "Sarajevo, Bosnia and Herzegovina|Gaborone, Botswana|Recife, Brazil|Manaus, Brazil|"
    "Plovdiv, Bulgaria|Bobo-Dioulasso, Burkina Faso|Bujumbura, Burundi|Siem Reap, Cambodia|"
    "Douala, Cameroon|Winnipeg, Canada|Calgary, Canada|Bangui, Central African Republic|"
    "Abeche, Chad|Antofagasta, Chile|Kunming, China|Harbin, China|Cartagena, Colombia|"
    "Brazzaville, Congo|Goma, Democratic Republic of the Congo|San Jose, Costa Rica|"
    "Split, Croatia|Havana, Cuba|Limassol, Cyprus|Brno, Czechia|Aarhus, Denmark|"
    "Djibouti, Djibouti|Santiago de los Caballeros, Dominican Republic|Guayaquil, Ecuador|"
    "Aswan, Egypt|San Miguel, El Salvador|Asmara, Eritrea|Tartu, Estonia|Mekelle, Ethiopia|"
    "Suva, Fiji|Tampere, Finland|Marseille, France|Lyon, France|Libreville, Gabon|"
    "Kutaisi, Georgia|Leipzig, Germany|Kumasi, Ghana|Thessaloniki, Greece|"
    "Quetzaltenango, Guatemala|Conakry, Guinea|Bissau, Guinea-Bissau|Georgetown, Guyana|"
    "Cap-Haitien, Haiti|San Pedro Sula, Honduras|Debrecen, Hungary|Akureyri, Iceland|"
    "Lucknow, India|Guwahati, India|Surabaya, Indonesia|Makassar, Indonesia|Tabriz, Iran|"
    "Basra, Iraq|Cork, Ireland|Haifa, Israel|Naples, Italy|Palermo, Italy|Bouake, Ivory Coast|"
    "Montego Bay, Jamaica|Sapporo, Japan|Irbid, Jordan|Almaty, Kazakhstan|Kisumu, Kenya|"
    "Osh, Kyrgyzstan|Pakse, Laos|Daugavpils, Latvia|Tripoli, Lebanon|Maseru, Lesotho|"
    "Monrovia, Liberia|Misrata, Libya|Kaunas, Lithuania|Toamasina, Madagascar|"
    "Blantyre, Malawi|Ipoh, Malaysia|Gao, Mali|Nouakchott, Mauritania|Monterrey, Mexico|"
    "Culiacan, Mexico|Balti, Moldova|Darkhan, Mongolia|Podgorica, Montenegro|Fez, Morocco|"
    "Beira, Mozambique|Mandalay, Myanmar|Windhoek, Namibia|Pokhara, Nepal|"
    "Rotterdam, Netherlands|Dunedin, New Zealand|Leon, Nicaragua|Zinder, Niger|"
    "Kaduna, Nigeria|Maiduguri, Nigeria|Pyongyang, North Korea|Bitola, North Macedonia|"
    "Bergen, Norway|Salalah, Oman|Quetta, Pakistan|Multan, Pakistan|Colon, Panama|"
    "Lae, Papua New Guinea|Encarnacion, Paraguay|Arequipa, Peru|Cebu, Philippines|"
    "Davao, Philippines|Gdansk, Poland|Porto, Portugal|Doha, Qatar|Cluj-Napoca, Romania|"
    "Kazan, Russia|Novosibirsk, Russia|Vladivostok, Russia|Huye, Rwanda|Medina, Saudi Arabia|"
    "Thies, Senegal|Nis, Serbia|Bo, Sierra Leone|Kosice, Slovakia|Maribor, Slovenia|"
    "Honiara, Solomon Islands|Kismayo, Somalia|Durban, South Africa|Busan, South Korea|"
    "Wau, South Sudan|Seville, Spain|Jaffna, Sri Lanka|Nyala, Sudan|Paramaribo, Suriname|"
    "Malmo, Sweden|Basel, Switzerland|Homs, Syria|Kaohsiung, Taiwan|Khujand, Tajikistan|"
    "Mwanza, Tanzania|Chiang Mai, Thailand|Lome, Togo|Sfax, Tunisia|Gaziantep, Turkey|"
    "Turkmenabat, Turkmenistan|Gulu, Uganda|Kharkiv, Ukraine|Odesa, Ukraine|"
    "Abu Dhabi, United Arab Emirates|Glasgow, United Kingdom|Leeds, United Kingdom|"
    "Memphis, United States|Tucson, United States|Anchorage, United States|"
    "Salto, Uruguay|Samarkand, Uzbekistan|Maracaibo, Venezuela|Da Nang, Vietnam|"
    "Taiz, Yemen|Ndola, Zambia|Bulawayo, Zimbabwe";

static const char *const outlets[] = {"Harbor Wire", "The Daily Ledger", "Meridian News",
                                      "Eastern Courier", "Global Dispatch", "North Star"};
static const char *const events[] = {"a car bomb exploded", "gunmen opened fire on a bus",
                                     "a fire swept through a market", "a building collapsed",
                                     "a suicide bomber struck a checkpoint", "a train derailed"};
static const char *const credits[] = {"police said", "the health ministry said",
                                      "officials said", "a hospital official said"};
static const char *const months[] = {"January", "February", "March",     "April",
                                     "May",     "June",     "July",      "August",
                                     "September", "October", "November", "December"};

typedef struct counter {
    FILE *f;
    size_t bytes;
} counter;

static int count_write(void *ud, const void *buf, size_t len)
{
    counter *c = ud;
    c->bytes += len;
    return c->f && fwrite(buf, 1, len, c->f) != len ? -1 : 0;
}

/* Ingest n incidents: incident i is in place i % nplaces, on a day three
 * days after the previous incident of that place (so that no two link);
 * one in ten gets a second report the next day with a higher toll. */
static int fill(sitrep_store *st, sitrep *s, long n)
{
    const char *place[256];
    size_t plen[256], np = 0;
    for (const char *p = places; *p && np < 256;) {
        const char *e = strchr(p, '|');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        place[np] = p;
        plen[np++] = len;
        p += len + (e ? 1 : 0);
    }
    char text[1024], id[32], pub[40];
    long fails = 0;
    bench_seed(0x2545f4914f6cdd1dULL);
    sitrep_store_begin(st);
    for (long i = 0; i < n; i++) {
        size_t c = (size_t)i % np;
        int64_t day = 19000 + (i / (long)np) * 3;
        int y, m, d;
        civil(day, &y, &m, &d);
        int killed = 1 + (int)rnd(40), injured = (int)rnd(90);
        const char *event = events[rnd(6)];
        size_t city_len = 0;
        while (city_len < plen[c] && place[c][city_len] != ',')
            city_len++;
        int reports = rnd(10) == 0 ? 2 : 1;
        for (int r = 0; r < reports; r++) {
            int k = r == 0 ? killed : killed + 1 + (int)rnd(20);
            int y2, m2, d2;
            civil(day + r, &y2, &m2, &d2);
            snprintf(pub, sizeof pub, "%04d-%02d-%02dT%02u:%02u:00Z", y2, m2, d2,
                     (unsigned)(r ? 6 + rnd(12) : 18 + rnd(6)), (unsigned)rnd(60));
            snprintf(id, sizeof id, "bench-%ld-%d", i, r);
            snprintf(text, sizeof text,
                     "%.*s - In %.*s on %d %s %d, %s, killing %s%d people and wounding %d "
                     "others, %s. Report %ld-%d.",
                     (int)plen[c], place[c], (int)city_len, place[c], d, months[m - 1], y, event,
                     r == 0 && rnd(2) ? "at least " : "", k, injured + r * (int)rnd(30),
                     credits[rnd(4)], i, r);
            const char *outlet = outlets[rnd(6)];
            char url[96];
            snprintf(url, sizeof url, "https://news.example.org/%s", id);
            sitrep_article a;
            memset(&a, 0, sizeof a);
            a.id = (sitrep_str){id, strlen(id)};
            a.url = (sitrep_str){url, strlen(url)};
            a.source = (sitrep_str){outlet, strlen(outlet)};
            a.published = (sitrep_str){pub, strlen(pub)};
            a.text = (sitrep_str){text, strlen(text)};
            sitrep_date none = {0, 0, 0};
            if (sitrep_store_ingest(st, s, &a, none, NULL) != SITREP_OK && fails++ < 3)
                fprintf(stderr, "bench_report: %s\n", sitrep_store_errmsg(st));
        }
        if ((i + 1) % 1000 == 0 &&
            (sitrep_store_commit(st) != SITREP_OK || sitrep_store_begin(st) != SITREP_OK)) {
            fprintf(stderr, "bench_report: %s\n", sitrep_store_errmsg(st));
            return -1;
        }
    }
    return sitrep_store_commit(st) == SITREP_OK ? 0 : -1;
}

/* Time one report; -1 on failure. */
static double timed(sitrep_store *st, sitrep_report_format fmt, const char *out_dir,
                    size_t *bytes)
{
    sitrep_report_options o;
    memset(&o, 0, sizeof o);
    o.format = fmt;
    counter c = {NULL, 0};
    char path[4096];
    if (out_dir) {
        snprintf(path, sizeof path, "%s/report.%s", out_dir, fmt == SITREP_REPORT_MD ? "md" : "html");
        c.f = fopen(path, "w");
        if (!c.f) {
            perror(path);
            return -1;
        }
    }
    double t0 = now();
    sitrep_status s = sitrep_report_write(st, &o, count_write, &c);
    if (c.f && fclose(c.f) != 0)
        s = SITREP_E_IO;
    double t = now() - t0;
    if (s != SITREP_OK) {
        fprintf(stderr, "bench_report: report: %s: %s\n", sitrep_strerror(s),
                sitrep_store_errmsg(st));
        return -1;
    }
    *bytes = c.bytes;
    return t;
}

int main(int argc, char **argv)
{
    const char *gaz = NULL, *dbpath = NULL, *out_dir = NULL;
    long n = 10000;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--gazetteer") == 0 && i + 1 < argc)
            gaz = argv[++i];
        else if (strcmp(argv[i], "--n") == 0 && i + 1 < argc)
            n = atol(argv[++i]);
        else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            dbpath = argv[++i];
        else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out_dir = argv[++i];
        else {
            fprintf(stderr, "usage: bench_report [--gazetteer F] [--n N] [--db F] [--out DIR]\n");
            return 2;
        }
    }
    if (n < 1) {
        fprintf(stderr, "bench_report: --n must be positive\n");
        return 2;
    }
    char tmpdb[64] = "";
    if (!dbpath) {
        snprintf(tmpdb, sizeof tmpdb, "/tmp/sitrep-report-bench-%ld.db", (long)getpid());
        dbpath = tmpdb;
    }
    int fresh = access(dbpath, F_OK) != 0;
    char err[512];
    sitrep_store_config sc;
    memset(&sc, 0, sizeof sc);
    sc.path = dbpath;
    sitrep_store *st = NULL;
    if (sitrep_store_open(&sc, &st, err, sizeof err) != SITREP_OK) {
        fprintf(stderr, "bench_report: %s\n", err);
        return 1;
    }
    if (fresh) {
        sitrep_config cfg;
        memset(&cfg, 0, sizeof cfg);
        cfg.gazetteer_path = gaz && access(gaz, R_OK) == 0 ? gaz : NULL;
        if (!cfg.gazetteer_path)
            printf("bench_report: no gazetteer: no coordinates, no markers\n");
        sitrep *s = NULL;
        if (sitrep_create(&cfg, &s, err, sizeof err) != SITREP_OK) {
            fprintf(stderr, "bench_report: %s\n", err);
            sitrep_store_close(st);
            return 1;
        }
        double t0 = now();
        int rc = fill(st, s, n);
        sitrep_free(s);
        if (rc != 0) {
            sitrep_store_close(st);
            return 1;
        }
        printf("bench_report: stored %ld generated incidents in %.1f s\n", n, now() - t0);
    }
    sitrep_store_stats stats;
    memset(&stats, 0, sizeof stats);
    sitrep_store_stats_get(st, &stats);
    size_t html_bytes = 0, md_bytes = 0;
    double th = timed(st, SITREP_REPORT_HTML, out_dir, &html_bytes);
    double tm = th >= 0 ? timed(st, SITREP_REPORT_MD, out_dir, &md_bytes) : -1;
    sitrep_store_close(st);
    if (*tmpdb) {
        unlink(tmpdb);
        char side[96];
        snprintf(side, sizeof side, "%s-wal", tmpdb);
        unlink(side);
        snprintf(side, sizeof side, "%s-shm", tmpdb);
        unlink(side);
    }
    if (th < 0 || tm < 0)
        return 1;
    printf("metric report_incidents %lld\n", (long long)stats.incidents);
    printf("metric report_html_s %.3f\n", th);
    printf("metric report_html_bytes %zu\n", html_bytes);
    printf("metric report_md_s %.3f\n", tm);
    printf("metric report_md_bytes %zu\n", md_bytes);
    printf("bench_report: %lld incidents: HTML %.2f s, %.1f MB; Markdown %.2f s, %.1f MB "
           "(goal: under 2 s)\n",
           (long long)stats.incidents, th, (double)html_bytes / 1e6, tm, (double)md_bytes / 1e6);
    return th < 2.0 ? 0 : 1;
}
