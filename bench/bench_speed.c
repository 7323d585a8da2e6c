/*
 * bench_speed.c - speed, memory and start-up benchmark of the sitrep command.
 *
 * It builds a JSON Lines input from the MUC-4 development texts (one article
 * per message "DEV-MUC3-nnnn", all messages repeated --repeat times, ~80 MB
 * for 30), then measures in one run:
 *   - `wc -w FILE` wall time (C locale), as a floor for "reading the text";
 *   - `sitrep extract --format json FILE > /dev/null`: wall time, MB/s over
 *     the input bytes (MB = 10^6 bytes) and peak resident set size (the
 *     child's ru_maxrss from wait4);
 *   - start-up: the median wall time of --startup-runs runs of
 *     `sitrep extract --published 2024-01-01 TINY` on a one-sentence text
 *     (so the gazetteer and lexicons are loaded, little else is done).
 * Targets are printed beside the figures; the last lines are machine-readable
 * ("metric speed_mbps 25.1").  Timing figures vary from run to run by nature.
 *
 * Usage: bench_speed --sitrep PATH --muc DIR --work DIR [--repeat N]
 *                    [--startup-runs N] [--timeout SECONDS]
 * When DIR or the sitrep binary is missing it prints "speed: skipped: ..."
 * and exits 0.
 */
#define _DEFAULT_SOURCE /* wait4() on glibc and musl */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TARGET_MBPS 20.0
#define TARGET_RSS_MB 256.0
#define TARGET_STARTUP_MS 50.0

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "bench_speed: out of memory\n");
        exit(2);
    }
    return q;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Whole file in a malloc'ed buffer; NULL when it cannot be read. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = xrealloc(NULL, cap);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted malloc'ed list of the dev-muc3-* files of dir; -1 when dir cannot
 * be opened. */
static long list_muc(const char *dir, char ***out)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char **names = NULL;
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strncmp(de->d_name, "dev-muc3-", 9) != 0)
            continue;
        names = xrealloc(names, (n + 1) * sizeof *names);
        size_t len = strlen(dir) + strlen(de->d_name) + 2;
        names[n] = xrealloc(NULL, len);
        snprintf(names[n], len, "%s/%s", dir, de->d_name);
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    *out = names;
    return (long)n;
}

/* Write s[0..n) as the body of a JSON string. */
static void json_escape(FILE *f, const char *s, size_t n)
{
    size_t run = 0; /* start of the pending unescaped run */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        fwrite(s + run, 1, i - run, f);
        run = i + 1;
        switch (c) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default: fprintf(f, "\\u%04x", c); break;
        }
    }
    fwrite(s + run, 1, n - run, f);
}

/* True when the line at p (len bytes left) starts "DEV-MUC3-" and 4 digits. */
static int is_muc_header(const char *p, size_t len)
{
    if (len < 13 || memcmp(p, "DEV-MUC3-", 9) != 0)
        return 0;
    for (int k = 9; k < 13; k++)
        if (p[k] < '0' || p[k] > '9')
            return 0;
    return 1;
}

/*
 * Write the JSON Lines benchmark input to out_path (via a temporary file
 * renamed into place): every message of every file, the whole set repeat
 * times, ids "DEV-MUC3-0001.r1".  Returns the number of articles, -1 on
 * failure (message printed).
 */
static long make_jsonl(char **files, long nfiles, int repeat, const char *out_path)
{
    char tmp[4096];
    int tl = snprintf(tmp, sizeof tmp, "%s.tmp", out_path);
    if (tl < 0 || (size_t)tl >= sizeof tmp) {
        fprintf(stderr, "bench_speed: %s: path too long\n", out_path);
        return -1;
    }
    FILE *out = fopen(tmp, "wb");
    if (!out) {
        fprintf(stderr, "bench_speed: %s: %s\n", tmp, strerror(errno));
        return -1;
    }
    char **bufs = xrealloc(NULL, (size_t)nfiles * sizeof *bufs);
    size_t *lens = xrealloc(NULL, (size_t)nfiles * sizeof *lens);
    for (long i = 0; i < nfiles; i++) {
        bufs[i] = read_file(files[i], &lens[i]);
        if (!bufs[i]) {
            fprintf(stderr, "bench_speed: %s: cannot read\n", files[i]);
            for (long k = 0; k < i; k++)
                free(bufs[k]);
            free(bufs);
            free(lens);
            fclose(out);
            remove(tmp);
            return -1;
        }
    }
    long narticles = 0;
    for (int r = 1; r <= repeat; r++) {
        for (long i = 0; i < nfiles; i++) {
            const char *b = bufs[i];
            size_t n = lens[i], pos = 0;
            /* Skip anything before the first header. */
            while (pos < n && !is_muc_header(b + pos, n - pos)) {
                const char *nl = memchr(b + pos, '\n', n - pos);
                pos = nl ? (size_t)(nl - b) + 1 : n;
            }
            while (pos < n) {
                size_t id_end = pos;
                while (id_end < n && b[id_end] != ' ' && b[id_end] != '\n' && b[id_end] != '\r')
                    id_end++;
                const char *nl = memchr(b + pos, '\n', n - pos);
                size_t body = nl ? (size_t)(nl - b) + 1 : n;
                size_t end = body;
                while (end < n && !is_muc_header(b + end, n - end)) {
                    const char *nl2 = memchr(b + end, '\n', n - end);
                    end = nl2 ? (size_t)(nl2 - b) + 1 : n;
                }
                fputs("{\"id\":\"", out);
                json_escape(out, b + pos, id_end - pos);
                fprintf(out, ".r%d\",\"text\":\"", r);
                json_escape(out, b + body, end - body);
                fputs("\"}\n", out);
                narticles++;
                pos = end;
            }
        }
    }
    for (long i = 0; i < nfiles; i++)
        free(bufs[i]);
    free(bufs);
    free(lens);
    if (fclose(out) != 0 || rename(tmp, out_path) != 0) {
        fprintf(stderr, "bench_speed: %s: %s\n", out_path, strerror(errno));
        remove(tmp);
        return -1;
    }
    return narticles;
}

static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
    (void)sig;
    timed_out = 1;
}

typedef struct run_result {
    double wall;      /* seconds */
    long maxrss_kb;   /* peak resident set size of the child */
    int exit_code;    /* exit status, or 128 + signal */
    int timed_out;
} run_result;

/* Run argv with stdout on /dev/null (and LC_ALL=C when c_locale), wait for
 * it (killing it after timeout seconds) and fill *rr.  Returns 0, or -1 when
 * it could not be started. */
static int run_cmd(char *const argv[], int c_locale, unsigned timeout, run_result *rr)
{
    memset(rr, 0, sizeof *rr);
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: the alarm interrupts wait4 */
    sigaction(SIGALRM, &sa, &old);
    timed_out = 0;
    fflush(stdout);
    double t0 = now_seconds();
    pid_t pid = fork();
    if (pid < 0) {
        sigaction(SIGALRM, &old, NULL);
        return -1;
    }
    if (pid == 0) {
        setpgid(0, 0); /* its own group, so a timeout kills its children too */
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) {
            dup2(fd, 1);
            close(fd);
        }
        if (c_locale)
            setenv("LC_ALL", "C", 1);
        execvp(argv[0], argv);
        _exit(127);
    }
    setpgid(pid, pid); /* also here: whichever runs first wins the race */
    alarm(timeout);
    int st = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    for (;;) {
        pid_t w = wait4(pid, &st, 0, &ru);
        if (w == pid)
            break;
        if (w < 0 && errno == EINTR) {
            if (timed_out) {
                rr->timed_out = 1;
                kill(-pid, SIGKILL);
                kill(pid, SIGKILL);
            }
            continue;
        }
        break; /* cannot happen for our own child */
    }
    rr->wall = now_seconds() - t0;
    alarm(0);
    sigaction(SIGALRM, &old, NULL);
    rr->maxrss_kb = ru.ru_maxrss;
    if (WIFEXITED(st))
        rr->exit_code = WEXITSTATUS(st);
    else if (WIFSIGNALED(st))
        rr->exit_code = 128 + WTERMSIG(st);
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int file_exists(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: bench_speed --sitrep PATH --muc DIR --work DIR [--repeat N] "
                    "[--startup-runs N] [--timeout SECONDS]\n");
}

int main(int argc, char **argv)
{
    const char *sitrep = "build/sitrep", *muc = NULL, *work = "build/bench";
    int repeat = 30, startup_runs = 20;
    unsigned timeout = 240;
    for (int i = 1; i < argc; i += 2) { /* every option takes a value */
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v) {
            usage();
            return 2;
        }
        if (strcmp(a, "--sitrep") == 0)
            sitrep = v;
        else if (strcmp(a, "--muc") == 0)
            muc = v;
        else if (strcmp(a, "--work") == 0)
            work = v;
        else if (strcmp(a, "--repeat") == 0)
            repeat = atoi(v);
        else if (strcmp(a, "--startup-runs") == 0)
            startup_runs = atoi(v);
        else if (strcmp(a, "--timeout") == 0)
            timeout = (unsigned)atoi(v);
        else {
            usage();
            return 2;
        }
    }
    if (!muc || repeat < 1 || repeat > 1000 || startup_runs < 1 || startup_runs > 1000 ||
        timeout < 1) {
        usage();
        return 2;
    }
    char **files = NULL;
    long nfiles = list_muc(muc, &files);
    if (nfiles <= 0) {
        printf("speed: skipped: %s not found (or holds no dev-muc3-* files)\n", muc);
        free(files);
        return 0;
    }
    if (!file_exists(sitrep)) {
        printf("speed: skipped: %s not found\n", sitrep);
        for (long i = 0; i < nfiles; i++)
            free(files[i]);
        free(files);
        return 0;
    }

    char input[4096], tiny[4096];
    int l1 = snprintf(input, sizeof input, "%s/muc-dev-x%d.jsonl", work, repeat);
    int l2 = snprintf(tiny, sizeof tiny, "%s/startup-tiny.txt", work);
    if (l1 < 0 || (size_t)l1 >= sizeof input || l2 < 0 || (size_t)l2 >= sizeof tiny) {
        fprintf(stderr, "bench_speed: %s: path too long\n", work);
        return 2;
    }
    long narticles = make_jsonl(files, nfiles, repeat, input);
    for (long i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    if (narticles < 0)
        return 1;
    FILE *tf = fopen(tiny, "wb");
    if (!tf) {
        fprintf(stderr, "bench_speed: %s: %s\n", tiny, strerror(errno));
        return 1;
    }
    /* Our own sentence: one incident, a place, a figure and a weekday. */
    fputs("KANDAHAR, Jan 2 -- A roadside bomb killed two soldiers near the town of "
          "Spin Boldak on Monday, a provincial spokesman said.\n", tf);
    if (fclose(tf) != 0) {
        fprintf(stderr, "bench_speed: %s: write failed\n", tiny);
        return 1;
    }
    struct stat sb;
    if (stat(input, &sb) != 0) {
        fprintf(stderr, "bench_speed: %s: %s\n", input, strerror(errno));
        return 1;
    }
    double mb = (double)sb.st_size / 1e6;
    printf("speed: input %s: %ld articles (%ld messages x %d), %.1f MB\n", input, narticles,
           narticles / repeat, repeat, mb);

    /* wc -w twice (the first also warms the page cache); the faster counts. */
    char *wc_argv[] = {"wc", "-w", input, NULL};
    run_result wc1, wc2;
    if (run_cmd(wc_argv, 1, timeout, &wc1) != 0 || run_cmd(wc_argv, 1, timeout, &wc2) != 0 ||
        wc1.exit_code != 0) {
        printf("speed: wc -w could not be run\n");
        return 1;
    }
    double wc_s = wc1.wall < wc2.wall ? wc1.wall : wc2.wall;
    printf("speed: wc -w (C locale): %.3f s\n", wc_s);

    char *ex_argv[] = {(char *)sitrep, "extract", "--format", "json", input, NULL};
    run_result ex;
    if (run_cmd(ex_argv, 0, timeout, &ex) != 0) {
        printf("speed: %s could not be run\n", sitrep);
        return 1;
    }
    int failed = 0;
    double mbps = 0, rss_mb = (double)ex.maxrss_kb / 1024.0;
    if (ex.timed_out) {
        printf("speed: sitrep extract: killed after %u s (< %.1f MB/s)  [target >= %.0f MB/s]\n",
               timeout, mb / timeout, TARGET_MBPS);
        failed = 1;
    } else if (ex.exit_code != 0) {
        printf("speed: sitrep extract: exit status %d after %.3f s\n", ex.exit_code, ex.wall);
        failed = 1;
    } else {
        mbps = ex.wall > 0 ? mb / ex.wall : 0;
        printf("speed: sitrep extract --format json: %.3f s, %.1f MB/s  [target >= %.0f MB/s]\n",
               ex.wall, mbps, TARGET_MBPS);
        printf("speed: time ratio sitrep / wc -w: %.1f\n", wc_s > 0 ? ex.wall / wc_s : 0.0);
    }
    printf("speed: peak RSS %.1f MB  [target <= %.0f MB]\n", rss_mb, TARGET_RSS_MB);

    char *st_argv[] = {(char *)sitrep, "extract", "--published", "2024-01-01", tiny, NULL};
    double *times = xrealloc(NULL, (size_t)startup_runs * sizeof *times);
    int st_fail = 0;
    for (int i = 0; i < startup_runs; i++) {
        run_result rr;
        if (run_cmd(st_argv, 0, timeout, &rr) != 0 || rr.exit_code != 0 || rr.timed_out) {
            st_fail = rr.exit_code ? rr.exit_code : 1;
            break;
        }
        times[i] = rr.wall;
    }
    double startup_ms = 0;
    if (st_fail) {
        printf("speed: start-up: sitrep extract failed (status %d)\n", st_fail);
        failed = 1;
    } else {
        qsort(times, (size_t)startup_runs, sizeof *times, cmp_double);
        startup_ms = 1000.0 * (startup_runs % 2 ? times[startup_runs / 2]
                                                : (times[startup_runs / 2 - 1] +
                                                   times[startup_runs / 2]) / 2);
        printf("speed: start-up (extract of a one-sentence file): median %.1f ms over %d runs"
               "  [target <= %.0f ms]\n", startup_ms, startup_runs, TARGET_STARTUP_MS);
    }
    free(times);

    printf("metric speed_mbps %.1f\n", mbps);
    printf("metric rss_mb %.1f\n", rss_mb);
    printf("metric startup_ms %.1f\n", startup_ms);
    return failed;
}
