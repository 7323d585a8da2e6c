/*
 * cmd_store.c - the store subcommands of the sitrep command:
 *
 *   sitrep ingest [--db FILE] [--batch N] [--ack] [INPUT...]
 *   sitrep incidents [--db FILE] [filters] [--format table|jsonl|csv]
 *   sitrep show [--db FILE] [--format text|json] ID
 *   sitrep merge [--db FILE] ID ID
 *   sitrep split [--db FILE] ID ARTICLE...
 *   sitrep db-check [--db FILE]
 *
 * A thin shell over include/sitrep/store.h and include/sitrep/sitrep.h:
 * inputs are read with a sitrep_reader, extracted and stored in batches
 * (one transaction each); queries are formatted here.  The database is
 * --db FILE, else $SITREP_DB, else ./sitrep.db.
 */
#define _POSIX_C_SOURCE 200809L

#include "cmd_store.h"
#include "cli_json.h"

#include <sitrep/sitrep.h>
#include <sitrep/store.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_ingest[] =
    "usage: sitrep ingest [--db FILE] [OPTIONS] [FILE|DIR|-]...\n"
    "\n"
    "Extract the incidents of each article and store them in an incident\n"
    "database, linking every report to the incident it is about.  An article\n"
    "already stored (same id, URL or text) changes nothing.\n"
    "\n"
    "options:\n"
    "  --db FILE           database (default $SITREP_DB, else ./sitrep.db)\n"
    "  --batch N           articles per transaction (default 200)\n"
    "  --ack               print 'ack ID' for every article once its batch is\n"
    "                      committed (durable)\n"
    "  --durable           fsync every commit (survives power loss, slower)\n"
    "  --published DATE    publication date for articles that carry none\n"
    "  --gazetteer FILE    compiled gazetteer (default $SITREP_GAZETTEER, else\n"
    "                      gazetteer.bin beside the executable)\n"
    "  --no-gazetteer      do not resolve places\n"
    "  -h, --help          show this help\n";

static const char usage_incidents[] =
    "usage: sitrep incidents [--db FILE] [OPTIONS]\n"
    "\n"
    "List the incidents of the store, most recent first, with their current\n"
    "figures.\n"
    "\n"
    "options:\n"
    "  --from DATE, --to DATE   incident date range (YYYY-MM-DD)\n"
    "  --country CC             ISO 3166-1 alpha-2 country code\n"
    "  --type SLUG              incident type (bombing, earthquake, ...)\n"
    "  --min-killed N           at least N killed\n"
    "  --limit N                at most N incidents\n"
    "  --format table|jsonl|csv output format (default table)\n"
    "  --db FILE                database (default $SITREP_DB, else ./sitrep.db)\n"
    "  -h, --help               show this help\n";

static const char usage_show[] =
    "usage: sitrep show [--db FILE] [--format text|json] ID\n"
    "\n"
    "Show one incident with the timeline of each of its figures: every\n"
    "observation's value, qualifier, credited source, outlet, article, time\n"
    "and evidence, and its place under the consolidation policy.\n";

static const char usage_merge[] =
    "usage: sitrep merge [--db FILE] ID OTHER\n"
    "\n"
    "Merge incident OTHER into incident ID (an analyst's correction, kept\n"
    "across later ingests).\n";

static const char usage_split[] =
    "usage: sitrep split [--db FILE] ID ARTICLE...\n"
    "\n"
    "Move the reports of the named articles (their ids) out of incident ID\n"
    "into one new incident (kept across later ingests).\n";

static const char usage_db_check[] =
    "usage: sitrep db-check [--db FILE]\n"
    "\n"
    "Check the database: SQLite's integrity check and the store's own\n"
    "invariants.  Prints 'ok' and exits 0 when consistent, else exits 4.\n";

const char *store_usage(const char *name)
{
    if (strcmp(name, "ingest") == 0)
        return usage_ingest;
    if (strcmp(name, "incidents") == 0)
        return usage_incidents;
    if (strcmp(name, "show") == 0)
        return usage_show;
    if (strcmp(name, "merge") == 0)
        return usage_merge;
    if (strcmp(name, "split") == 0)
        return usage_split;
    if (strcmp(name, "db-check") == 0)
        return usage_db_check;
    return NULL;
}

/* ------------------------------------------------ helpers (cmd_store.h) */

int cli_help(const char *text)
{
    fputs(text, stdout);
    return fflush(stdout) == 0 ? XS_OK : XS_OUTPUT;
}

int cli_usage(const char *cmd, const char *msg, const char *arg)
{
    fprintf(stderr, "sitrep: %s: %s%s%s%s\n", cmd, msg, arg ? " '" : "", arg ? arg : "",
            arg ? "'" : "");
    fprintf(stderr, "Try 'sitrep %s --help' for more information.\n", cmd);
    return XS_USAGE;
}

/* Non-negative decimal integer, the whole string. */
int cli_parse_count(const char *s, int64_t *out)
{
    int64_t v = 0;
    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (INT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (*s - '0');
    }
    *out = v;
    return 0;
}

const char *cli_db_path(const char *opt)
{
    if (opt)
        return opt;
    const char *e = getenv("SITREP_DB");
    return e && *e ? e : "sitrep.db";
}

int cli_open_store(const char *path, int read_only, int durable, sitrep_store **st)
{
    sitrep_store_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.path = path;
    cfg.read_only = read_only;
    cfg.durable = durable;
    char err[512];
    if (read_only && access(path, F_OK) != 0) {
        fprintf(stderr, "sitrep: error: %s: no such database (run sitrep ingest first)\n", path);
        return XS_DATA;
    }
    sitrep_status s = sitrep_store_open(&cfg, st, err, sizeof err);
    if (s != SITREP_OK) {
        fprintf(stderr, "sitrep: error: %s\n", *err ? err : sitrep_strerror(s));
        return s == SITREP_E_NOMEM ? XS_OUTPUT : XS_DATA;
    }
    return XS_OK;
}

/* Option with a value: "--name V" or "--name=V".  1 matched, -1 value
 * missing, 0 not this option. */
int cli_opt_val(int argc, char **argv, int *i, const char *name, const char **v)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return 0;
    if (argv[*i][n] == '=') {
        *v = argv[*i] + n + 1;
        return 1;
    }
    if (argv[*i][n] != '\0')
        return 0;
    if (*i + 1 >= argc)
        return -1;
    *v = argv[++*i];
    return 1;
}

int cli_filter_opt(const char *cmd, int argc, char **argv, int *i, sitrep_store_filter *f)
{
    const char *a = argv[*i], *v = NULL;
    int m;
    if ((m = cli_opt_val(argc, argv, i, "--from", &v)) != 0 ||
        (m = cli_opt_val(argc, argv, i, "--to", &v)) != 0) {
        sitrep_date *d = strncmp(a, "--from", 6) == 0 ? &f->from : &f->to;
        if (m < 0 || sitrep_date_parse(v, strlen(v), d) != SITREP_OK || d->year == 0)
            return cli_usage(cmd, "not a date YYYY-MM-DD", m < 0 ? NULL : v), -1;
    } else if ((m = cli_opt_val(argc, argv, i, "--country", &v)) != 0) {
        if (m < 0 || strlen(v) != 2)
            return cli_usage(cmd, "--country: not a two-letter code", m < 0 ? NULL : v), -1;
        f->country[0] = (char)(v[0] >= 'a' && v[0] <= 'z' ? v[0] - 32 : v[0]);
        f->country[1] = (char)(v[1] >= 'a' && v[1] <= 'z' ? v[1] - 32 : v[1]);
    } else if ((m = cli_opt_val(argc, argv, i, "--type", &v)) != 0) {
        if (m < 0)
            return cli_usage(cmd, "option --type needs a value", NULL), -1;
        f->type = v;
    } else if ((m = cli_opt_val(argc, argv, i, "--min-killed", &v)) != 0) {
        if (m < 0 || cli_parse_count(v, &f->min_killed) != 0)
            return cli_usage(cmd, "--min-killed: not a number", m < 0 ? NULL : v), -1;
    } else {
        return 0;
    }
    return 1;
}

/* --------------------------------------------------------------- ingest */

typedef struct ingest_run {
    sitrep *s;
    sitrep_store *st;
    sitrep_date published;
    int64_t batch, in_batch;
    int ack;
    char **pending;          /* ids of the open batch (for --ack) */
    size_t npending, cap;
    int64_t read, added, dups, near, opened, linked, failed;
    int fatal;
} ingest_run;

static void free_pending(ingest_run *r)
{
    for (size_t i = 0; i < r->npending; i++)
        free(r->pending[i]);
    r->npending = 0;
}

static int commit_batch(ingest_run *r)
{
    if (r->in_batch == 0 && r->npending == 0)
        return 0;
    sitrep_status s = sitrep_store_commit(r->st);
    if (s != SITREP_OK) {
        fprintf(stderr, "sitrep: error: commit: %s\n", sitrep_store_errmsg(r->st));
        r->fatal = s == SITREP_E_NOMEM ? XS_OUTPUT : XS_DATA;
        free_pending(r);
        return -1;
    }
    if (r->ack) {
        for (size_t i = 0; i < r->npending; i++)
            printf("ack %s\n", r->pending[i]);
        if (fflush(stdout) != 0) {
            r->fatal = XS_OUTPUT;
        }
    }
    free_pending(r);
    r->in_batch = 0;
    return 0;
}

static void ingest_article(ingest_run *r, const char *name, const sitrep_article *a)
{
    if (r->in_batch == 0 && sitrep_store_begin(r->st) != SITREP_OK) {
        fprintf(stderr, "sitrep: error: %s\n", sitrep_store_errmsg(r->st));
        r->fatal = XS_DATA;
        return;
    }
    r->in_batch++;
    r->read++;
    sitrep_store_ingest_info info;
    sitrep_status s = sitrep_store_ingest(r->st, r->s, a, r->published, &info);
    if (s != SITREP_OK) {
        fprintf(stderr, "sitrep: error: %s: %.*s: %s\n", name, (int)a->id.len,
                a->id.ptr ? a->id.ptr : "", sitrep_store_errmsg(r->st));
        if (s == SITREP_E_LIMIT) {
            r->failed++;
        } else {
            (void)sitrep_store_rollback(r->st);
            free_pending(r);
            r->in_batch = 0;
            r->fatal = s == SITREP_E_NOMEM ? XS_OUTPUT : XS_DATA;
            return;
        }
    } else if (info.duplicate) {
        r->dups++;
    } else {
        r->added++;
        r->near += info.near_duplicate_of != 0;
        r->opened += (int64_t)info.opened;
        r->linked += (int64_t)info.linked;
    }
    if (r->ack) {
        if (r->npending == r->cap) {
            size_t nc = r->cap ? r->cap * 2 : 64;
            char **g = realloc(r->pending, nc * sizeof *g);
            if (!g) {
                r->fatal = XS_OUTPUT;
                return;
            }
            r->pending = g;
            r->cap = nc;
        }
        char *id = malloc(a->id.len + 1);
        if (!id) {
            r->fatal = XS_OUTPUT;
            return;
        }
        if (a->id.len)
            memcpy(id, a->id.ptr, a->id.len);
        id[a->id.len] = '\0';
        r->pending[r->npending++] = id;
    }
    if (r->in_batch >= r->batch)
        (void)commit_batch(r);
}

static long fd_read(void *ud, void *buf, size_t cap)
{
    int fd = *(int *)ud;
    for (;;) {
        ssize_t n = read(fd, buf, cap);
        if (n < 0 && errno == EINTR)
            continue;
        return (long)n;
    }
}

static void ingest_fd(ingest_run *r, int fd, const char *name)
{
    sitrep_reader_config rc;
    memset(&rc, 0, sizeof rc);
    rc.name = name;
    rc.read = fd_read;
    rc.read_ud = &fd;
    sitrep_reader *rd = NULL;
    if (sitrep_reader_create(&rc, &rd) != SITREP_OK) {
        r->fatal = XS_OUTPUT;
        return;
    }
    sitrep_article a;
    for (;;) {
        sitrep_status s = sitrep_reader_next(rd, &a);
        if (s == SITREP_END)
            break;
        if (s != SITREP_OK) {
            fprintf(stderr, "sitrep: error: %s: %s\n", name, sitrep_reader_errmsg(rd));
            r->failed++;
            if (s == SITREP_E_IO || s == SITREP_E_NOMEM || s == SITREP_E_EMPTY)
                break;
            continue;
        }
        if (a.id.len == 0 && sitrep_reader_format(rd) == SITREP_FORMAT_TEXT) {
            a.id.ptr = name;
            a.id.len = strlen(name);
        }
        ingest_article(r, name, &a);
        if (r->fatal)
            break;
    }
    sitrep_reader_free(rd);
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static void ingest_path(ingest_run *r, const char *path, int depth)
{
    if (strcmp(path, "-") == 0) {
        ingest_fd(r, 0, "<stdin>");
        return;
    }
    struct stat sb;
    if (stat(path, &sb) != 0) {
        fprintf(stderr, "sitrep: error: %s: %s\n", path, strerror(errno));
        r->failed++;
        return;
    }
    if (S_ISDIR(sb.st_mode)) {
        if (depth > 32)
            return;
        DIR *d = opendir(path);
        if (!d) {
            fprintf(stderr, "sitrep: error: %s: %s\n", path, strerror(errno));
            r->failed++;
            return;
        }
        char **names = NULL;
        size_t n = 0, cap = 0;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.')
                continue;
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 32;
                char **g = realloc(names, nc * sizeof *g);
                if (!g)
                    break;
                names = g;
                cap = nc;
            }
            size_t len = strlen(path) + strlen(e->d_name) + 2;
            names[n] = malloc(len);
            if (!names[n])
                break;
            snprintf(names[n], len, "%s/%s", path, e->d_name);
            n++;
        }
        closedir(d);
        if (n)
            qsort(names, n, sizeof *names, cmp_str);
        for (size_t i = 0; i < n; i++) {
            if (!r->fatal)
                ingest_path(r, names[i], depth + 1);
            free(names[i]);
        }
        free(names);
        return;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "sitrep: error: %s: %s\n", path, strerror(errno));
        r->failed++;
        return;
    }
    ingest_fd(r, fd, path);
    close(fd);
}

static int default_gazetteer(char *buf, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return -1;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    int w = snprintf(buf, size, "%s/gazetteer.bin", exe);
    return w > 0 && (size_t)w < size && access(buf, R_OK) == 0 ? 0 : -1;
}

int cli_create_extractor(const char *gaz, int no_gaz, char *path, size_t path_size, sitrep **out)
{
    sitrep_config cfg;
    memset(&cfg, 0, sizeof cfg);
    char defgaz[PATH_MAX + 32];
    int explicit_gaz = 0;
    if (!no_gaz) {
        if (gaz) {
            cfg.gazetteer_path = gaz;
            explicit_gaz = 1;
        } else if (getenv("SITREP_GAZETTEER") && *getenv("SITREP_GAZETTEER")) {
            cfg.gazetteer_path = getenv("SITREP_GAZETTEER");
            explicit_gaz = 1;
        } else if (default_gazetteer(defgaz, sizeof defgaz) == 0) {
            cfg.gazetteer_path = defgaz;
        }
    }
    char err[512];
    sitrep_status s = sitrep_create(&cfg, out, err, sizeof err);
    if (s != SITREP_OK && cfg.gazetteer_path) {
        fprintf(stderr, "sitrep: %s: gazetteer %s: %s\n", explicit_gaz ? "error" : "warning",
                cfg.gazetteer_path, *err ? err : sitrep_strerror(s));
        if (explicit_gaz)
            return XS_DATA;
        cfg.gazetteer_path = NULL;
        s = sitrep_create(&cfg, out, err, sizeof err);
    }
    if (s != SITREP_OK) {
        fprintf(stderr, "sitrep: error: %s\n", *err ? err : sitrep_strerror(s));
        return XS_OUTPUT;
    }
    if (path && path_size)
        snprintf(path, path_size, "%s", cfg.gazetteer_path ? cfg.gazetteer_path : "");
    return XS_OK;
}

int cmd_ingest(int argc, char **argv)
{
    ingest_run r;
    memset(&r, 0, sizeof r);
    r.batch = 200;
    const char *db = NULL, *gaz = NULL;
    int no_gaz = 0, durable = 0, ninputs = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int m;
        if (a[0] != '-' || strcmp(a, "-") == 0) {
            argv[ninputs++] = argv[i];
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            return cli_help(usage_ingest);
        } else if ((m = cli_opt_val(argc, argv, &i, "--db", &v)) != 0) {
            if (m < 0)
                return cli_usage("ingest", "option --db needs a value", NULL);
            db = v;
        } else if ((m = cli_opt_val(argc, argv, &i, "--batch", &v)) != 0) {
            if (m < 0 || cli_parse_count(v, &r.batch) != 0 || r.batch == 0)
                return cli_usage("ingest", "--batch: not a positive number", m < 0 ? NULL : v);
        } else if ((m = cli_opt_val(argc, argv, &i, "--published", &v)) != 0) {
            if (m < 0 || sitrep_date_parse(v, strlen(v), &r.published) != SITREP_OK ||
                r.published.year == 0)
                return cli_usage("ingest", "--published: not a date YYYY-MM-DD", m < 0 ? NULL : v);
        } else if ((m = cli_opt_val(argc, argv, &i, "--gazetteer", &v)) != 0) {
            if (m < 0)
                return cli_usage("ingest", "option --gazetteer needs a value", NULL);
            gaz = v;
        } else if (strcmp(a, "--no-gazetteer") == 0) {
            no_gaz = 1;
        } else if (strcmp(a, "--ack") == 0) {
            r.ack = 1;
        } else if (strcmp(a, "--durable") == 0) {
            durable = 1;
        } else {
            return cli_usage("ingest", "unknown option", a);
        }
    }
    int rc = cli_create_extractor(gaz, no_gaz, NULL, 0, &r.s);
    if (rc != XS_OK)
        return rc;
    rc = cli_open_store(cli_db_path(db), 0, durable, &r.st);
    if (rc != XS_OK) {
        sitrep_free(r.s);
        return rc;
    }
    if (ninputs == 0)
        ingest_path(&r, "-", 0);
    for (int i = 0; i < ninputs && !r.fatal; i++)
        ingest_path(&r, argv[i], 0);
    if (!r.fatal)
        (void)commit_batch(&r);
    else
        (void)sitrep_store_rollback(r.st);
    free_pending(&r);
    free(r.pending);
    sitrep_store_stats stats;
    memset(&stats, 0, sizeof stats);
    (void)sitrep_store_stats_get(r.st, &stats);
    fprintf(stderr,
            "sitrep: ingest: %lld article(s) read: %lld new (%lld syndicated copies), %lld "
            "already stored; %lld incident(s) opened, %lld report(s) linked; store: %lld "
            "articles, %lld incidents\n",
            (long long)r.read, (long long)r.added, (long long)r.near, (long long)r.dups,
            (long long)r.opened, (long long)r.linked, (long long)stats.articles,
            (long long)stats.incidents);
    sitrep_store_close(r.st);
    sitrep_free(r.s);
    if (r.fatal)
        return r.fatal;
    if (r.read == 0)
        return r.failed ? XS_NOTHING : XS_NOTHING;
    return r.failed ? XS_PARTIAL : XS_OK;
}

/* ------------------------------------------------------------ output */

static void csv_str(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\n\r") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void value_text(const sitrep_store_value *v, char *buf, size_t n)
{
    if (!v->known)
        snprintf(buf, n, "-");
    else if (v->qualifier == SITREP_Q_RANGE && v->min >= 0 && v->max >= 0)
        snprintf(buf, n, "%lld-%lld", (long long)v->min, (long long)v->max);
    else
        snprintf(buf, n, "%s%lld", v->qualifier == SITREP_Q_AT_LEAST ? ">=" :
                 v->qualifier == SITREP_Q_MORE_THAN ? ">" : v->qualifier == SITREP_Q_ABOUT ? "~" :
                 v->qualifier == SITREP_Q_UP_TO || v->qualifier == SITREP_Q_FEWER_THAN ? "<=" : "",
                 (long long)v->value);
}

typedef struct list_ctx {
    int format;   /* 0 table, 1 jsonl, 2 csv */
    int64_t n;
} list_ctx;

static int list_one(void *ud, const sitrep_store_incident *inc)
{
    list_ctx *c = ud;
    char d[16], k[64], w[64];
    cli_date_str(&inc->date, d, sizeof d);
    value_text(&inc->figures[SITREP_KILLED], k, sizeof k);
    value_text(&inc->figures[SITREP_INJURED], w, sizeof w);
    c->n++;
    if (c->format == 1) {
        cli_json_incident(stdout, inc);
        fputc('\n', stdout);
    } else if (c->format == 2) {
        printf("%lld,%s,", (long long)inc->id, d);
        csv_str(stdout, inc->type);
        fputc(',', stdout);
        csv_str(stdout, inc->place);
        fputc(',', stdout);
        csv_str(stdout, inc->admin1);
        printf(",%s,", inc->country);
        csv_str(stdout, inc->perpetrator);
        printf(",%lld", (long long)inc->articles);
        for (int f = 0; f < SITREP_NFIGURES; f++) {
            const sitrep_store_value *v = &inc->figures[f];
            if (v->known)
                printf(",%lld,%s", (long long)v->value, sitrep_qualifier_name(v->qualifier));
            else
                fputs(",,", stdout);
        }
        printf(",%d,%d\n", inc->figures[SITREP_KILLED].revised,
               inc->figures[SITREP_KILLED].contradicted);
    } else {
        char place[64];
        snprintf(place, sizeof place, "%s%s%s", inc->place, *inc->country ? ", " : "",
                 inc->country);
        printf("%6lld  %-10s  %-16.16s  %-26.26s  %7s%s  %7s  %4lld\n", (long long)inc->id,
               *d ? d : "?", inc->type, place, k,
               inc->figures[SITREP_KILLED].contradicted ? "!" :
               inc->figures[SITREP_KILLED].revised ? "*" : " ",
               w, (long long)inc->articles);
    }
    return 0;
}

int cmd_incidents(int argc, char **argv)
{
    sitrep_store_filter f;
    memset(&f, 0, sizeof f);
    f.min_killed = -1;
    const char *db = NULL;
    list_ctx c = {0, 0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int m;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
            return cli_help(usage_incidents);
        if ((m = cli_opt_val(argc, argv, &i, "--db", &v)) != 0) {
            if (m < 0)
                return cli_usage("incidents", "option --db needs a value", NULL);
            db = v;
        } else if ((m = cli_filter_opt("incidents", argc, argv, &i, &f)) != 0) {
            if (m < 0)
                return XS_USAGE;
        } else if ((m = cli_opt_val(argc, argv, &i, "--limit", &v)) != 0) {
            if (m < 0 || cli_parse_count(v, &f.limit) != 0)
                return cli_usage("incidents", "--limit: not a number", m < 0 ? NULL : v);
        } else if ((m = cli_opt_val(argc, argv, &i, "--format", &v)) != 0) {
            if (m < 0)
                return cli_usage("incidents", "option --format needs a value", NULL);
            if (strcmp(v, "table") == 0)
                c.format = 0;
            else if (strcmp(v, "jsonl") == 0 || strcmp(v, "json") == 0)
                c.format = 1;
            else if (strcmp(v, "csv") == 0)
                c.format = 2;
            else
                return cli_usage("incidents", "--format: unknown format (table, jsonl or csv)", v);
        } else {
            return cli_usage("incidents", "unexpected argument", a);
        }
    }
    sitrep_store *st = NULL;
    int rc = cli_open_store(cli_db_path(db), 1, 0, &st);
    if (rc != XS_OK)
        return rc;
    if (c.format == 0)
        printf("%6s  %-10s  %-16s  %-26s  %8s  %7s  %4s\n", "id", "date", "type", "place",
               "killed", "injured", "rep");
    else if (c.format == 2) {
        fputs("id,date,type,place,admin1,country,perpetrator,reports", stdout);
        for (int k = 0; k < SITREP_NFIGURES; k++)
            printf(",%s,%s_qualifier", sitrep_figure_name((sitrep_figure)k),
                   sitrep_figure_name((sitrep_figure)k));
        fputs(",killed_revised,killed_contradicted\n", stdout);
    }
    sitrep_status s = sitrep_store_incidents(st, &f, list_one, &c);
    if (s != SITREP_OK)
        fprintf(stderr, "sitrep: error: %s\n", sitrep_store_errmsg(st));
    sitrep_store_close(st);
    if (c.format == 0 && s == SITREP_OK)
        printf("%lld incident(s)   (* revised over time, ! contradicted)\n", (long long)c.n);
    if (fflush(stdout) != 0 || ferror(stdout))
        return XS_OUTPUT;
    return s == SITREP_OK ? XS_OK : XS_DATA;
}

/* ----------------------------------------------------------------- show */

typedef struct show_ctx {
    int json;
    int first;
    int last_figure;
} show_ctx;

static int show_incident(void *ud, const sitrep_store_incident *inc)
{
    show_ctx *c = ud;
    if (c->json) {
        fputs("{\"incident\":", stdout);
        cli_json_incident(stdout, inc);
        fputs(",\"observations\":[", stdout);
        return 0;
    }
    char d[16];
    cli_date_str(&inc->date, d, sizeof d);
    printf("incident %lld: %s", (long long)inc->id, inc->type);
    if (*d)
        printf(", %s", d);
    printf("\n  place:        %s%s%s%s%s", *inc->place ? inc->place : "?",
           *inc->admin1 ? ", " : "", inc->admin1, *inc->country ? ", " : "", inc->country);
    if (inc->has_coords)
        printf(" (%.4f, %.4f)", inc->lat, inc->lon);
    printf("\n  types:        %s\n", inc->types);
    if (inc->name && *inc->name)
        printf("  name:         %s\n", inc->name);
    if (*inc->perpetrator)
        printf("  perpetrator:  %s\n", inc->perpetrator);
    printf("  reports:      %lld, from %s to %s\n", (long long)inc->articles,
           *inc->first_reported ? inc->first_reported : "?",
           *inc->last_reported ? inc->last_reported : "?");
    for (int f = 0; f < SITREP_NFIGURES; f++) {
        const sitrep_store_value *v = &inc->figures[f];
        if (!v->known)
            continue;
        char t[64];
        value_text(v, t, sizeof t);
        printf("  %-13s %s%s%s%s%s\n", sitrep_figure_name((sitrep_figure)f), t,
               *v->source ? "  (" : "", v->source, *v->source ? ")" : "",
               v->contradicted ? "  [contradicted]" : v->revised ? "  [revised]" : "");
    }
    return 0;
}

static int show_obs(void *ud, const sitrep_store_observation *o)
{
    show_ctx *c = ud;
    if (c->json) {
        if (!c->first)
            fputc(',', stdout);
        c->first = 0;
        cli_json_observation(stdout, o);
        return 0;
    }
    if ((int)o->figure != c->last_figure) {
        printf("\n  %s timeline:\n", sitrep_figure_name(o->figure));
        c->last_figure = (int)o->figure;
    }
    printf("    %-20.20s  %-18s %s%lld  %-12s  %s%s%s\n", *o->reported ? o->reported : "?",
           *o->outlet ? o->outlet : "?", sitrep_qualifier_words(o->qualifier), (long long)o->value,
           o->status, *o->article ? o->article : "", o->near_duplicate ? " (syndicated copy)" : "",
           o->main ? "" : " (background)");
    if (*o->source)
        printf("      source:   %s\n", o->source);
    printf("      evidence: \"%s\" [%zu,%zu)\n", o->evidence_text, o->evidence.start,
           o->evidence.end);
    if (*o->sentence) {
        /* on one line: the article's line breaks become spaces */
        fputs("      sentence: \"", stdout);
        for (const char *p = o->sentence; *p; p++)
            putchar(*p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
        fputs("\"\n", stdout);
    }
    return 0;
}

static int parse_id(const char *s, int64_t *id)
{
    return cli_parse_count(s, id) == 0 && *id > 0 ? 0 : -1;
}

int cmd_show(int argc, char **argv)
{
    const char *db = NULL;
    show_ctx c = {0, 1, -1};
    int64_t id = 0;
    int have = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int m;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
            return cli_help(usage_show);
        if ((m = cli_opt_val(argc, argv, &i, "--db", &v)) != 0) {
            if (m < 0)
                return cli_usage("show", "option --db needs a value", NULL);
            db = v;
        } else if ((m = cli_opt_val(argc, argv, &i, "--format", &v)) != 0) {
            if (m < 0 || (strcmp(v, "text") != 0 && strcmp(v, "json") != 0))
                return cli_usage("show", "--format: unknown format (text or json)", m < 0 ? NULL : v);
            c.json = strcmp(v, "json") == 0;
        } else if (!have && parse_id(a, &id) == 0) {
            have = 1;
        } else {
            return cli_usage("show", "unexpected argument", a);
        }
    }
    if (!have)
        return cli_usage("show", "an incident ID is required", NULL);
    sitrep_store *st = NULL;
    int rc = cli_open_store(cli_db_path(db), 1, 0, &st);
    if (rc != XS_OK)
        return rc;
    sitrep_status s = sitrep_store_get(st, id, show_incident, &c);
    if (s == SITREP_OK)
        s = sitrep_store_observations(st, id, show_obs, &c);
    if (s == SITREP_OK && c.json)
        fputs("]}\n", stdout);
    if (s != SITREP_OK)
        fprintf(stderr, "sitrep: error: %s\n", sitrep_store_errmsg(st));
    sitrep_store_close(st);
    if (fflush(stdout) != 0 || ferror(stdout))
        return XS_OUTPUT;
    return s == SITREP_OK ? XS_OK : s == SITREP_E_ARG ? XS_NOTHING : XS_DATA;
}

/* ---------------------------------------------------------- corrections */

int cmd_merge(int argc, char **argv)
{
    const char *db = NULL;
    int64_t ids[2];
    int n = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int m;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
            return cli_help(usage_merge);
        if ((m = cli_opt_val(argc, argv, &i, "--db", &v)) != 0) {
            if (m < 0)
                return cli_usage("merge", "option --db needs a value", NULL);
            db = v;
        } else if (n < 2 && parse_id(a, &ids[n]) == 0) {
            n++;
        } else {
            return cli_usage("merge", "unexpected argument", a);
        }
    }
    if (n != 2)
        return cli_usage("merge", "two incident IDs are required", NULL);
    sitrep_store *st = NULL;
    int rc = cli_open_store(cli_db_path(db), 0, 0, &st);
    if (rc != XS_OK)
        return rc;
    sitrep_status s = sitrep_store_merge(st, ids[0], ids[1]);
    if (s == SITREP_OK)
        printf("merged incident %lld into incident %lld\n", (long long)ids[1], (long long)ids[0]);
    else
        fprintf(stderr, "sitrep: error: %s\n", sitrep_store_errmsg(st));
    sitrep_store_close(st);
    if (fflush(stdout) != 0)
        return XS_OUTPUT;
    return s == SITREP_OK ? XS_OK : s == SITREP_E_ARG ? XS_USAGE : XS_DATA;
}

int cmd_split(int argc, char **argv)
{
    const char *db = NULL;
    int64_t id = 0;
    int have = 0, n = 0;
    const char **arts = calloc((size_t)argc, sizeof *arts);
    if (!arts)
        return XS_OUTPUT;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int m;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            free(arts);
            return cli_help(usage_split);
        }
        if ((m = cli_opt_val(argc, argv, &i, "--db", &v)) != 0) {
            if (m < 0) {
                free(arts);
                return cli_usage("split", "option --db needs a value", NULL);
            }
            db = v;
        } else if (!have) {
            if (parse_id(a, &id) != 0) {
                free(arts);
                return cli_usage("split", "not an incident ID", a);
            }
            have = 1;
        } else {
            arts[n++] = a;
        }
    }
    if (!have || n == 0) {
        free(arts);
        return cli_usage("split", "an incident ID and at least one article id are required", NULL);
    }
    sitrep_store *st = NULL;
    int rc = cli_open_store(cli_db_path(db), 0, 0, &st);
    if (rc != XS_OK) {
        free(arts);
        return rc;
    }
    int64_t nid = 0;
    sitrep_status s = sitrep_store_split(st, id, arts, (size_t)n, &nid);
    if (s == SITREP_OK)
        printf("moved the reports of %d article(s) from incident %lld to new incident %lld\n", n,
               (long long)id, (long long)nid);
    else
        fprintf(stderr, "sitrep: error: %s\n", sitrep_store_errmsg(st));
    sitrep_store_close(st);
    free(arts);
    if (fflush(stdout) != 0)
        return XS_OUTPUT;
    return s == SITREP_OK ? XS_OK : s == SITREP_E_ARG ? XS_USAGE : XS_DATA;
}

int cmd_db_check(int argc, char **argv)
{
    const char *db = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        int m;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return cli_help(usage_db_check);
        if ((m = cli_opt_val(argc, argv, &i, "--db", &v)) != 0) {
            if (m < 0)
                return cli_usage("db-check", "option --db needs a value", NULL);
            db = v;
        } else {
            return cli_usage("db-check", "unexpected argument", argv[i]);
        }
    }
    sitrep_store *st = NULL;
    /* Read-write so that a WAL left by a killed writer is recovered. */
    int rc = cli_open_store(cli_db_path(db), 0, 0, &st);
    if (rc != XS_OK)
        return rc;
    sitrep_status s = sitrep_store_check(st);
    sitrep_store_stats stats;
    memset(&stats, 0, sizeof stats);
    if (s == SITREP_OK)
        s = sitrep_store_stats_get(st, &stats);
    if (s == SITREP_OK)
        printf("ok: schema %d, %lld articles, %lld mentions, %lld incidents, %lld observations\n",
               sitrep_store_schema_version(st), (long long)stats.articles,
               (long long)stats.mentions, (long long)stats.incidents,
               (long long)stats.observations);
    else
        fprintf(stderr, "sitrep: error: %s\n", sitrep_store_errmsg(st));
    sitrep_store_close(st);
    if (fflush(stdout) != 0)
        return XS_OUTPUT;
    return s == SITREP_OK ? XS_OK : XS_DATA;
}
