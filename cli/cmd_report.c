/*
 * cmd_report.c - the report subcommand of the sitrep command:
 *
 *   sitrep report [--db FILE] [-o FILE] [--format html|md] [filters]
 *                 [--detail N] [--limit N] [--title T] [--no-timestamp]
 *
 * A thin shell over sitrep_report_write (include/sitrep/report.h): options
 * and the database as for `sitrep incidents` (cmd_store.h), the report to
 * standard output or, with -o, to a temporary file beside FILE renamed
 * over it once complete, so that a failed run leaves no half-written file.
 */
#define _POSIX_C_SOURCE 200809L

#include "cmd_report.h"
#include "cmd_store.h"

#include <sitrep/report.h>
#include <sitrep/sitrep.h>
#include <sitrep/store.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage_report[] =
    "usage: sitrep report [--db FILE] [-o FILE] [--format html|md] [OPTIONS]\n"
    "\n"
    "Write the situation report of an incident store: the incidents ranked by\n"
    "toll (killed, then injured, then most recent), a world map with a marker\n"
    "per incident, and for the top incidents the chart of each figure over\n"
    "report time, the perpetrators and claims, and every number linked to the\n"
    "sentence that gave it.  HTML is one self-contained page that fetches\n"
    "nothing; Markdown is plain text for e-mail.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE        write to FILE (replaced when complete; default\n"
    "                           standard output)\n"
    "  --format html|md         output format (default html)\n"
    "  --from DATE, --to DATE   incident date range (YYYY-MM-DD)\n"
    "  --country CC             ISO 3166-1 alpha-2 country code\n"
    "  --type SLUG              incident type (bombing, earthquake, ...)\n"
    "  --min-killed N           at least N killed\n"
    "  --detail N               incidents with a full section (default 100)\n"
    "  --limit N                list and map only the N highest tolls (default\n"
    "                           all; the report says how many more matched)\n"
    "  --title TEXT             heading (default \"Situation report\")\n"
    "  --no-timestamp           do not print the time of writing (the same\n"
    "                           store then gives the same bytes)\n"
    "  --db FILE                database (default $SITREP_DB, else ./sitrep.db)\n"
    "  -h, --help               show this help\n";

const char *report_usage(void)
{
    return usage_report;
}

typedef struct sink {
    FILE *f;
    int err; /* errno of the first failed write, 0 none */
} sink;

static int sink_write(void *ud, const void *buf, size_t len)
{
    sink *s = ud;
    if (fwrite(buf, 1, len, s->f) != len) {
        s->err = errno ? errno : EIO;
        return -1;
    }
    return 0;
}

/* The current time in UTC as "YYYY-MM-DD HH:MM UTC". */
static void utc_now(char *buf, size_t n)
{
    time_t now = time(NULL);
    struct tm tm;
    if (now == (time_t)-1 || !gmtime_r(&now, &tm)) {
        buf[0] = '\0';
        return;
    }
    snprintf(buf, n, "%04d-%02d-%02d %02d:%02d UTC", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min);
}

/* Open a temporary file beside path; its name goes to tmp. */
static FILE *open_beside(const char *path, char *tmp, size_t n)
{
    int w = snprintf(tmp, n, "%s.tmp-XXXXXX", path);
    if (w < 0 || (size_t)w >= n) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    int fd = mkstemp(tmp);
    if (fd < 0)
        return NULL;
    /* mkstemp makes the file 0600: give it the mode a new file gets. */
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    FILE *f = fdopen(fd, "w");
    if (!f) {
        int e = errno;
        close(fd);
        unlink(tmp);
        errno = e;
    }
    return f;
}

int cmd_report(int argc, char **argv)
{
    sitrep_store_filter f;
    memset(&f, 0, sizeof f);
    f.min_killed = -1;
    sitrep_report_options o;
    memset(&o, 0, sizeof o);
    o.format = SITREP_REPORT_HTML;
    const char *db = NULL, *out = NULL;
    int stamp = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int m;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
            return cli_help(usage_report);
        if ((m = cli_opt_val(argc, argv, &i, "--db", &v)) != 0) {
            if (m < 0)
                return cli_usage("report", "option --db needs a value", NULL);
            db = v;
        } else if ((m = cli_opt_val(argc, argv, &i, "-o", &v)) != 0 ||
                   (m = cli_opt_val(argc, argv, &i, "--output", &v)) != 0) {
            if (m < 0 || !*v)
                return cli_usage("report", "option -o needs a file name", NULL);
            out = v;
        } else if ((m = cli_opt_val(argc, argv, &i, "--format", &v)) != 0) {
            if (m < 0)
                return cli_usage("report", "option --format needs a value", NULL);
            if (strcmp(v, "html") == 0)
                o.format = SITREP_REPORT_HTML;
            else if (strcmp(v, "md") == 0 || strcmp(v, "markdown") == 0)
                o.format = SITREP_REPORT_MD;
            else
                return cli_usage("report", "--format: unknown format (html or md)", v);
        } else if ((m = cli_filter_opt("report", argc, argv, &i, &f)) != 0) {
            if (m < 0)
                return XS_USAGE;
        } else if ((m = cli_opt_val(argc, argv, &i, "--detail", &v)) != 0) {
            int64_t n = 0;
            if (m < 0 || cli_parse_count(v, &n) != 0 || n == 0)
                return cli_usage("report", "--detail: not a positive number", m < 0 ? NULL : v);
            o.detail = (size_t)n;
        } else if ((m = cli_opt_val(argc, argv, &i, "--limit", &v)) != 0) {
            int64_t n = 0;
            if (m < 0 || cli_parse_count(v, &n) != 0 || n == 0)
                return cli_usage("report", "--limit: not a positive number", m < 0 ? NULL : v);
            o.list_limit = (size_t)n;
        } else if ((m = cli_opt_val(argc, argv, &i, "--title", &v)) != 0) {
            if (m < 0)
                return cli_usage("report", "option --title needs a value", NULL);
            o.title = v;
        } else if (strcmp(a, "--no-timestamp") == 0) {
            stamp = 0;
        } else {
            return cli_usage("report", a[0] == '-' ? "unknown option" : "unexpected argument", a);
        }
    }
    o.filter = &f;
    char generated[48];
    if (stamp) {
        utc_now(generated, sizeof generated);
        if (*generated)
            o.generated = generated;
    }
    sitrep_store *st = NULL;
    int rc = cli_open_store(cli_db_path(db), 1, 0, &st);
    if (rc != XS_OK)
        return rc;
    char tmp[4096];
    sink sk = {stdout, 0};
    const char *name = "<stdout>";
    if (out) {
        name = out;
        sk.f = open_beside(out, tmp, sizeof tmp);
        if (!sk.f) {
            fprintf(stderr, "sitrep: error: %s: %s\n", out, strerror(errno));
            sitrep_store_close(st);
            return XS_OUTPUT;
        }
    }
    sitrep_status s = sitrep_report_write(st, &o, sink_write, &sk);
    if (s == SITREP_OK && fflush(sk.f) != 0 && !sk.err)
        sk.err = errno ? errno : EIO;
    if (s == SITREP_OK && out && fsync(fileno(sk.f)) != 0 && !sk.err)
        sk.err = errno ? errno : EIO;
    if (out && fclose(sk.f) != 0 && !sk.err && s == SITREP_OK)
        sk.err = errno ? errno : EIO;
    int ret = XS_OK;
    if (sk.err) {
        fprintf(stderr, "sitrep: error: %s: write error: %s\n", name, strerror(sk.err));
        ret = XS_OUTPUT;
    } else if (s != SITREP_OK) {
        fprintf(stderr, "sitrep: error: report: %s\n",
                *sitrep_store_errmsg(st) ? sitrep_store_errmsg(st) : sitrep_strerror(s));
        ret = s == SITREP_E_NOMEM ? XS_OUTPUT : XS_DATA;
    }
    sitrep_store_close(st);
    if (out) {
        if (ret == XS_OK && rename(tmp, out) != 0) {
            fprintf(stderr, "sitrep: error: %s: %s\n", out, strerror(errno));
            ret = XS_OUTPUT;
        }
        if (ret != XS_OK)
            unlink(tmp);
    }
    return ret;
}
