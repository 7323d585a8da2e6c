/*
 * bench_warc.c - end-to-end benchmark of the WARC path: generates news
 * pages (HTML with navigation, scripts, cookie banner, article paragraphs
 * about made-up incidents, footer), writes them as a CC-NEWS style WARC
 * (one gzip member per record, with warcinfo and request records between
 * the responses) into a work directory at run time, then runs
 * `sitrep extract` on it and reports:
 *   - throughput in MB/s of HTML (payload bytes) with --jobs 1 and --jobs 2
 *     on the large input, and the speed-up;
 *   - peak RSS (ru_maxrss via wait4) on a small and a large input: memory
 *     must not grow with the input (flat within 20%);
 *   - the time of --jobs 1 on the small input over that of `wc -w` on the
 *     same WARC uncompressed, run just after (the machine is shared: this
 *     ratio moves less than MB/s do);
 *   - diagnostics for a shared machine: the CPU time (user + system) of
 *     each run, so that what --jobs 2 costs beyond --jobs 1 shows apart
 *     from what other programs took, and the load average before and
 *     after the runs.
 *
 *   bench_warc --sitrep PATH --work DIR [--gazetteer FILE] [--small MB]
 *              [--large MB] [--keep]
 *
 * Defaults: small 50 MB, large 500 MB of HTML.  Prints "metric NAME VALUE"
 * lines and whether the targets are met (15 MB/s per thread, 1.7x with
 * two threads, RSS within 20%); exits non-zero only when it cannot run.
 */
#define _DEFAULT_SOURCE /* wait4() on glibc and musl */

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

/* xorshift: the same pages on every run */
static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

static const char *const places[] = {"Kabul", "Baghdad", "Mosul", "Aden", "Quetta", "Peshawar",
                                     "Mogadishu", "Maiduguri", "Kandahar", "Idlib", "Benghazi",
                                     "Sanaa", "Kirkuk", "Lahore", "Goma", "Bamako"};
static const char *const weapons[] = {"car bomb", "roadside bomb", "suicide bomber", "gunmen",
                                      "rocket attack", "grenade", "mortar fire", "explosion"};
static const char *const victims[] = {"people", "civilians", "soldiers", "police officers",
                                      "worshippers", "students", "passengers", "workers"};
static const char *const days[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                   "Saturday", "Sunday"};
static const char *const filler[] = {
    "Officials said the area had been sealed off by security forces.",
    "Witnesses described scenes of panic as people fled the market.",
    "The government condemned the attack and promised an investigation.",
    "Hospitals in the city appealed for blood donations.",
    "It was the third such incident in the province this month.",
    "Analysts said the violence threatened fragile peace talks.",
    "Residents said they had heard gunfire for more than an hour.",
    "The interior ministry said the death toll could still rise."};

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void badd(buf *b, const char *s, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2;
        b->p = realloc(b->p, b->cap);
        if (!b->p) {
            perror("bench_warc");
            exit(2);
        }
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void bputs(buf *b, const char *s)
{
    badd(b, s, strlen(s));
}

static void bprintf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bprintf(buf *b, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    badd(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

#define NE(a) (sizeof(a) / sizeof((a)[0]))

/* One page of about 12-20 KB. */
static void make_page(buf *b, unsigned long id)
{
    const char *place = places[rnd(NE(places))];
    const char *weapon = weapons[rnd(NE(weapons))];
    unsigned dead = 2 + rnd(60), hurt = dead + rnd(100);
    b->len = 0;
    bprintf(b, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
               "<title>%u killed in %s | Example Wire</title>"
               "<meta property=\"og:site_name\" content=\"Example Wire\">"
               "<meta property=\"article:published_time\" content=\"2023-%02u-%02uT08:00:00Z\">"
               "<link rel=\"canonical\" href=\"https://wire.example/story/%lu\">"
               "<style>body{font-family:serif}.nav a{color:#333}.cookie{position:fixed}</style>"
               "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
               "gtag('js',new Date());gtag('config','UA-000000-1');</script></head><body>",
            dead, place, 1 + rnd(12), 1 + rnd(28), id);
    bputs(b, "<div class=\"cookie-banner\">We use cookies to give you the best experience. "
             "<button>Accept</button> <button>Settings</button></div><header><nav class=\"nav\"><ul>");
    for (int i = 0; i < 12; i++)
        bprintf(b, "<li><a href=\"/section/%d\">Section %d</a></li>", i, i);
    bputs(b, "</ul></nav></header><main><article>");
    bprintf(b, "<h1>%u killed in %s %s</h1><p class=\"byline\">By Staff Reporter</p>", dead,
            place, weapon);
    bprintf(b, "<p>%s &mdash; A %s struck a busy area of %s on %s, killing %u %s and wounding "
               "%u others, police said.</p>",
            place, weapon, place, days[rnd(NE(days))], dead, victims[rnd(NE(victims))], hurt);
    int paras = 10 + (int)rnd(14);
    for (int i = 0; i < paras; i++) {
        bputs(b, "<p>");
        int sent = 2 + (int)rnd(4);
        for (int k = 0; k < sent; k++) {
            bputs(b, filler[rnd(NE(filler))]);
            bputs(b, " ");
        }
        if (rnd(3) == 0)
            bprintf(b, "In a separate incident in %s, %u %s were hurt by a %s. ",
                    places[rnd(NE(places))], 1 + rnd(9), victims[rnd(NE(victims))],
                    weapons[rnd(NE(weapons))]);
        bputs(b, "</p>");
    }
    bputs(b, "<ul class=\"related\">");
    for (int i = 0; i < 6; i++)
        bprintf(b, "<li><a href=\"/story/%lu\">Related story %d about %s</a></li>", id + (unsigned long)i + 1,
                i, places[rnd(NE(places))]);
    bputs(b, "</ul></article></main><aside><h2>Most read</h2><ol>");
    for (int i = 0; i < 5; i++)
        bprintf(b, "<li><a href=\"/x/%d\">Popular item %d</a></li>", i, i);
    bputs(b, "</ol></aside><footer><p>&copy; 2023 Example Wire. All rights reserved.</p>"
             "<script>(function(){var s=document.createElement('script');s.src='/t.js';"
             "document.body.appendChild(s)})();</script></footer></body></html>\n");
}

static z_stream zs;
/* The uncompressed copy of the WARC being written, or NULL. */
static FILE *raw_copy;

/* gzip one record as its own member into f. */
static void put_member(FILE *f, const char *p, size_t n, buf *tmp)
{
    deflateReset(&zs);
    size_t cap = deflateBound(&zs, (uLong)n);
    if (tmp->cap < cap) {
        tmp->cap = cap;
        tmp->p = realloc(tmp->p, cap);
        if (!tmp->p)
            exit(2);
    }
    zs.next_in = (Bytef *)(uintptr_t)p;
    zs.avail_in = (uInt)n;
    zs.next_out = (Bytef *)tmp->p;
    zs.avail_out = (uInt)cap;
    if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
        exit(2);
    fwrite(tmp->p, 1, cap - zs.avail_out, f);
}

static void record(FILE *f, buf *rec, buf *tmp, const char *type, const char *uri,
                   unsigned long id, const char *block, size_t blen, const char *ctype)
{
    rec->len = 0;
    bprintf(rec, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Date: 2023-06-01T00:00:00Z\r\n"
                 "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012lu>\r\n"
                 "WARC-Target-URI: %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n\r\n",
            type, id, uri, ctype, blen);
    badd(rec, block, blen);
    bputs(rec, "\r\n\r\n");
    put_member(f, rec->p, rec->len, tmp);
    if (raw_copy)
        fwrite(rec->p, 1, rec->len, raw_copy);
}

/* Write a WARC with at least mb MB of HTML (and, when raw is not NULL, the
 * same records uncompressed into raw); returns the HTML bytes. */
static uint64_t make_warc(const char *path, unsigned mb, const char *raw)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "bench_warc: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    raw_copy = raw ? fopen(raw, "wb") : NULL;
    if (raw && !raw_copy) {
        fprintf(stderr, "bench_warc: %s: %s\n", raw, strerror(errno));
        exit(2);
    }
    memset(&zs, 0, sizeof zs);
    deflateInit2(&zs, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    buf page = {0}, http = {0}, rec = {0}, tmp = {0};
    rng = 0x9E3779B97F4A7C15ULL;
    uint64_t html = 0, want = (uint64_t)mb * 1000000;
    static const char info[] = "software: bench_warc\r\nformat: WARC File Format 1.0\r\n";
    record(f, &rec, &tmp, "warcinfo", "", 0, info, sizeof info - 1, "application/warc-fields");
    for (unsigned long id = 1; html < want; id++) {
        char uri[96];
        snprintf(uri, sizeof uri, "https://wire.example/story/%lu", id);
        char req[256];
        int rn = snprintf(req, sizeof req, "GET /story/%lu HTTP/1.1\r\nHost: wire.example\r\n\r\n", id);
        record(f, &rec, &tmp, "request", uri, id * 2, req, (size_t)rn, "application/http; msgtype=request");
        make_page(&page, id);
        http.len = 0;
        bprintf(&http, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n"
                       "Content-Length: %zu\r\n\r\n", page.len);
        badd(&http, page.p, page.len);
        record(f, &rec, &tmp, "response", uri, id * 2 + 1, http.p, http.len,
               "application/http; msgtype=response");
        html += page.len;
    }
    deflateEnd(&zs);
    free(page.p);
    free(http.p);
    free(rec.p);
    free(tmp.p);
    if (fclose(f) != 0 || (raw_copy && fclose(raw_copy) != 0)) {
        fprintf(stderr, "bench_warc: %s: write error\n", path);
        exit(2);
    }
    raw_copy = NULL;
    return html;
}

typedef struct result {
    double secs;
    double cpu; /* user + system seconds */
    long rss_kb;
    int status;
} result;

/* The 1-minute load average, or -1 when unknown. */
static double load1(void)
{
    double l[1];
    return getloadavg(l, 1) == 1 ? l[0] : -1;
}

/* Run argv (stdout to /dev/null) and time it. */
static result run_timed(char *const argv[])
{
    result r = {0, 0, 0, -1};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) {
            dup2(fd, 1);
            close(fd);
        }
        execvp(argv[0], argv);
        _exit(127);
    }
    int st = 0;
    struct rusage ru;
    if (pid < 0 || wait4(pid, &st, 0, &ru) < 0)
        return r;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    r.secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    r.rss_kb = ru.ru_maxrss;
    r.cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
            (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

static result run_sitrep(const char *sitrep, const char *gaz, const char *input, int jobs)
{
    char jobs_s[16];
    snprintf(jobs_s, sizeof jobs_s, "%d", jobs);
    char *argv[8];
    int k = 0;
    argv[k++] = (char *)sitrep;
    argv[k++] = "extract";
    if (gaz) {
        argv[k++] = "--gazetteer";
        argv[k++] = (char *)gaz;
    } else {
        argv[k++] = "--no-gazetteer";
    }
    argv[k++] = "--jobs";
    argv[k++] = jobs_s;
    argv[k++] = (char *)input;
    argv[k] = NULL;
    return run_timed(argv);
}

/* `wc -w` on the same bytes, uncompressed: the speed baseline measured in
 * the same run (docs/benchmarks.md). */
static result run_wc(const char *input)
{
    char *argv[] = {"wc", "-w", (char *)input, NULL};
    return run_timed(argv);
}

int main(int argc, char **argv)
{
    const char *sitrep = NULL, *work = NULL, *gaz = NULL;
    unsigned small = 50, large = 500;
    int keep = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--sitrep") == 0 && i + 1 < argc)
            sitrep = argv[++i];
        else if (strcmp(argv[i], "--work") == 0 && i + 1 < argc)
            work = argv[++i];
        else if (strcmp(argv[i], "--gazetteer") == 0 && i + 1 < argc)
            gaz = argv[++i];
        else if (strcmp(argv[i], "--small") == 0 && i + 1 < argc)
            small = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--large") == 0 && i + 1 < argc)
            large = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--keep") == 0)
            keep = 1;
        else {
            fprintf(stderr, "usage: bench_warc --sitrep PATH --work DIR [--gazetteer FILE] "
                            "[--small MB] [--large MB] [--keep]\n");
            return 2;
        }
    }
    if (!sitrep || !work || small == 0 || large == 0) {
        fprintf(stderr, "bench_warc: --sitrep and --work are required\n");
        return 2;
    }
    mkdir(work, 0777);
    char p_small[4096], p_large[4096], p_raw[4096];
    snprintf(p_small, sizeof p_small, "%s/bench-%u.warc.gz", work, small);
    snprintf(p_large, sizeof p_large, "%s/bench-%u.warc.gz", work, large);
    snprintf(p_raw, sizeof p_raw, "%s/bench-%u.warc", work, small);
    uint64_t h_small = make_warc(p_small, small, p_raw);
    uint64_t h_large = make_warc(p_large, large, NULL);
    struct stat sb;
    stat(p_large, &sb);
    printf("input: %s: %.1f MB of HTML, %.1f MB gzip-compressed per record\n", p_large,
           (double)h_large / 1e6, (double)sb.st_size / 1e6);

    double load_before = load1();
    result s1 = run_sitrep(sitrep, gaz, p_small, 1);
    result w1 = run_wc(p_raw);
    result l1 = run_sitrep(sitrep, gaz, p_large, 1);
    result l2 = run_sitrep(sitrep, gaz, p_large, 2);
    if (s1.status != 0 || l1.status != 0 || l2.status != 0) {
        fprintf(stderr, "bench_warc: sitrep failed (exit %d %d %d)\n", s1.status, l1.status,
                l2.status);
        return 1;
    }
    double load_after = load1();
    double mbps1 = (double)h_large / 1e6 / l1.secs;
    double mbps2 = (double)h_large / 1e6 / l2.secs;
    double speedup = mbps2 / mbps1;
    double rss_ratio = (double)l1.rss_kb / (double)s1.rss_kb;
    printf("jobs 1: %.1f s, %.1f MB/s of HTML, peak RSS %.1f MB\n", l1.secs, mbps1,
           (double)l1.rss_kb / 1024);
    printf("jobs 2: %.1f s, %.1f MB/s of HTML (%.2fx), peak RSS %.1f MB\n", l2.secs, mbps2,
           speedup, (double)l2.rss_kb / 1024);
    /* diagnostics: CPU time apart from the wall clock, and the load */
    printf("cpu (user+sys) on the %.0f MB input: jobs 1 %.1f s (%.1f MB/s of HTML per CPU "
           "second), jobs 2 %.1f s (%+.1f%% over jobs 1); load average %.2f before the runs, "
           "%.2f after\n",
           (double)h_large / 1e6, l1.cpu, l1.cpu > 0 ? (double)h_large / 1e6 / l1.cpu : 0, l2.cpu,
           l1.cpu > 0 ? (l2.cpu / l1.cpu - 1) * 100 : 0, load_before, load_after);
    /* the small input against wc -w on its uncompressed bytes, run just
     * after: a figure that does not move with the machine's load */
    double wc_ratio = w1.status == 0 && w1.secs > 0 ? s1.secs / w1.secs : 0;
    printf("jobs 1 on the %.0f MB input: %.1f s, %.1f MB/s of HTML; wc -w on its uncompressed "
           "WARC: %.2f s; sitrep takes %.1fx the time of wc -w\n",
           (double)h_small / 1e6, s1.secs, (double)h_small / 1e6 / s1.secs, w1.secs, wc_ratio);
    printf("peak RSS, jobs 1: %.1f MB at %.0f MB, %.1f MB at %.0f MB (ratio %.2f)\n",
           (double)s1.rss_kb / 1024, (double)h_small / 1e6, (double)l1.rss_kb / 1024,
           (double)h_large / 1e6, rss_ratio);
    printf("metric warc_mbps_jobs1 %.1f\nmetric warc_mbps_jobs2 %.1f\nmetric warc_speedup %.2f\n"
           "metric warc_rss_small_mb %.1f\nmetric warc_rss_large_mb %.1f\n"
           "metric warc_time_over_wc %.1f\nmetric warc_cpu_jobs1_s %.1f\n"
           "metric warc_cpu_jobs2_s %.1f\nmetric warc_load_before %.2f\n",
           mbps1, mbps2, speedup, (double)s1.rss_kb / 1024, (double)l1.rss_kb / 1024, wc_ratio,
           l1.cpu, l2.cpu, load_before);
    unlink(p_raw);
    if (!keep) {
        unlink(p_small);
        unlink(p_large);
    }
    int ok = mbps1 >= 15 && speedup >= 1.7 && rss_ratio <= 1.2 && rss_ratio >= 1 / 1.2;
    printf("targets (>= 15 MB/s, >= 1.7x, RSS within 20%%): %s\n", ok ? "met" : "NOT met");
    return 0; /* a benchmark reports figures; it fails only when it cannot run */
}
