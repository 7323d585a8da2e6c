/*
 * cmd_serve.c - `sitrep serve`: the HTTP service over an incident store.
 *
 *   POST /articles         store one article (application/json) or several
 *                          (application/x-ndjson, application/jsonl)
 *   GET  /incidents        the incidents, filtered as by `sitrep incidents`
 *   GET  /incidents/ID     one incident with the timeline of each figure
 *   GET  /                 the live situation page (sitrep_report_write)
 *   GET  /version          {"version":N}, polled by the live page
 *   GET  /healthz          {"status":"ok"}
 *
 * libmicrohttpd runs one thread per connection; handlers block.  One writer
 * thread owns the read-write store handle: POST handlers parse and check
 * the whole body, extract a single article with a pooled extraction handle,
 * queue the job and wait; the writer takes every queued job, stores them in
 * one transaction (group commit) and wakes the waiters, which answer 2xx
 * only once the commit returned, so that an acknowledged article is
 * durable.  Reads go through a pool of read-only store handles (WAL lets
 * them run beside the writer); the JSON of GET /incidents and the live page
 * are cached per store version.  docs/serve.md gives the reasons, the
 * status codes and the limits.  Uses only the public headers.
 */
#define _POSIX_C_SOURCE 200809L

#include "cmd_serve.h"
#include "cli_http.h"
#include "cli_json.h"
#include "cmd_store.h"

#include <sitrep/report.h>
#include <sitrep/sitrep.h>
#include <sitrep/store.h>

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

/* ------------------------------------------------------------- limits */

#define DEFAULT_LISTEN "127.0.0.1:8080"
#define DEFAULT_MAX_BODY ((size_t)8 << 20)
#define DEFAULT_TIMEOUT 10u        /* seconds: idle connection, request headers */
#define BODY_TIME_FACTOR 6u        /* a body must arrive within 6 timeouts */
#define DEFAULT_CONNECTIONS 256u
#define CONNECTION_MEMORY ((size_t)32 << 10) /* MHD's pool: request line and headers */
#define READERS 4                  /* read-only store handles */
#define EXTRACTORS 16              /* extraction handles of the POST threads, at most */
#define QUEUE_ARTICLES 10000       /* articles waiting for the writer, at most */
#define CACHE_SLOTS 64             /* cached GET /incidents answers */
#define CACHE_MS 1000              /* a cached list is also renewed after this */
#define PAGE_MS 10000              /* and the live page after this */
#define LIST_DEFAULT 100
#define PAGE_DETAIL 50             /* incidents with a full section on the page */
#define PAGE_LIST 500              /* incidents listed and mapped on the page */
#define PAGE_MIN_MS 1000           /* the page is written at most once a second */
#define DRAIN_MS 10000             /* shutdown: wait for requests in flight */

static const char usage_serve[] =
    "usage: sitrep serve [--db FILE] [--listen ADDR:PORT] [OPTIONS]\n"
    "\n"
    "Serve an incident store over HTTP: POST /articles stores reports (one\n"
    "JSON object, or JSON Lines), GET /incidents and /incidents/ID read it,\n"
    "GET / is the live situation page, GET /healthz and /version.  Stops on\n"
    "SIGINT or SIGTERM after the reports in flight are committed.\n"
    "\n"
    "options:\n"
    "  --db FILE            database (default $SITREP_DB, else ./sitrep.db)\n"
    "  --listen ADDR:PORT   address (default 127.0.0.1:8080; port 0: any free\n"
    "                       port, printed on start); [::1]:PORT for IPv6\n"
    "  --token-file FILE    bearer token (first line): POST needs it, and so\n"
    "                       do reads unless --public-read\n"
    "  --public-read        reads need no token\n"
    "  --insecure           allow an address other than loopback without a token\n"
    "  --max-body N[K|M]    largest request body (default 8M): 413 above\n"
    "  --timeout SECONDS    idle connections and unfinished request headers\n"
    "                       are dropped after it (default 10)\n"
    "  --max-connections N  concurrent connections (default 256)\n"
    "  --durable            fsync every commit (survives power loss, slower)\n"
    "  --gazetteer FILE     compiled gazetteer (default $SITREP_GAZETTEER, else\n"
    "                       gazetteer.bin beside the executable)\n"
    "  --no-gazetteer       do not resolve places\n"
    "  --access-log         one line per request on standard error\n"
    "  -h, --help           show this help\n"
    "\n"
    "See docs/serve.md for the endpoints and status codes.\n";

const char *serve_usage(void)
{
    return usage_serve;
}

/* ------------------------------------------------------------ types */

/* One article of a POST body, copied out of the reader. */
typedef struct art_slot {
    sitrep_article a;           /* views into mem */
    char *mem;
    const sitrep_result *res;   /* extracted by the POST thread, or NULL:
                                   the writer extracts */
    sitrep_store_ingest_info info;
} art_slot;

/* One POST body waiting for the writer. */
typedef struct job {
    struct job *next;
    size_t n;
    art_slot *arts;
    int done;                   /* set by the writer under server.mu */
    sitrep_status status;
    int64_t version;            /* the store version after the commit */
    char err[256];
} job;

/* A connection's deadline, watched by the watchdog thread. */
typedef struct conn_watch {
    struct conn_watch *prev, *next;
    int fd;
    int64_t deadline;           /* monotonic ms; 0 none */
    int dropped;
} conn_watch;

typedef struct cache_slot {
    char key[160];
    int64_t version, born;
    struct MHD_Response *resp;  /* one reference held by the cache */
    size_t len;
} cache_slot;

typedef struct server {
    /* configuration */
    char gaz[PATH_MAX + 32];    /* gazetteer of the extraction handles ("" none) */
    size_t max_body;
    unsigned timeout;
    char token[512];
    size_t token_len;
    int public_read, access_log;

    /* the writer */
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    job *head, *tail;
    size_t queued;              /* articles queued */
    int stop;
    sitrep_store *wst;
    sitrep *wx;                 /* the writer's extraction handle */
    _Atomic int64_t version;

    /* pools of read-only store handles and extraction handles */
    pthread_mutex_t pmu;
    pthread_cond_t pcv;
    sitrep_store *readers[READERS];
    int nreaders;
    sitrep *xfree[EXTRACTORS];
    int nxfree, nxmade;

    /* caches */
    pthread_mutex_t cmu;
    cache_slot cache[CACHE_SLOTS];
    pthread_mutex_t hmu;        /* the live page; held while it is written */
    struct MHD_Response *page;
    int64_t page_version, page_born;
    size_t page_len;

    /* connection deadlines */
    pthread_mutex_t wmu;
    conn_watch *watch;
    atomic_int watch_stop;

    atomic_int active;          /* requests between headers and completion */
} server;

/* Per request: made by the URI callback (which sees the raw target), freed
 * when the request completes. */
typedef struct req {
    int started;                /* the handler has seen the headers */
    int bad_target;             /* the raw target broke the path rules */
    int post, single;           /* POST /articles; application/json */
    int too_big;
    char *body;
    size_t len, cap;
    unsigned status;
    size_t sent;
    int64_t t0;                 /* monotonic microseconds */
    char method[8];
    char target[100];           /* the raw target, cut, for the access log */
} req;

/* ------------------------------------------------------------ helpers */

static int64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int64_t now_ms(void)
{
    return now_us() / 1000;
}

/* Compare a presented token with the configured one in time that does not
 * depend on where they differ. */
static int token_equal(const char *a, size_t an, const char *b, size_t bn)
{
    volatile unsigned char d = (unsigned char)(an != bn);
    for (size_t i = 0; i < bn; i++)
        d |= (unsigned char)((unsigned char)(i < an ? a[i] : 0) ^ (unsigned char)b[i]);
    return d == 0;
}

/* A stdio stream (an open_memstream buffer) as a sitrep_write_fn sink. */
static int stream_write(void *ud, const void *buf, size_t len)
{
    return fwrite(buf, 1, len, ud) == len ? 0 : -1;
}

/* ---------------------------------------------------------- responses */

static const char csp[] =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";

/* A response over buf (mode as MHD's) with the headers every answer has.
 * A MHD_RESPMEM_MUST_FREE buffer belongs to the response from here on,
 * also when NULL is returned: it is then freed. */
static struct MHD_Response *make_response(size_t len, void *buf, enum MHD_ResponseMemoryMode mode,
                                          const char *ctype)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, buf, mode);
    if (!resp) {
        if (mode == MHD_RESPMEM_MUST_FREE)
            free(buf);
        return NULL;
    }
    if (MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, ctype) != MHD_YES ||
        MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff") != MHD_YES ||
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store") != MHD_YES) {
        MHD_destroy_response(resp);
        return NULL;
    }
    return resp;
}

/* Queue resp (dropping our reference) and note the status for the log. */
static enum MHD_Result send_response(struct MHD_Connection *c, req *r, unsigned status,
                                     struct MHD_Response *resp, size_t len)
{
    if (!resp)
        return MHD_NO;
    r->status = status;
    r->sent = len;
    enum MHD_Result ok = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    return ok;
}

/* {"error":"MSG"} with status; header (NAME, VALUE) added when not NULL. */
static enum MHD_Result send_error(struct MHD_Connection *c, req *r, unsigned status,
                                  const char *msg, const char *hname, const char *hvalue)
{
    char body[768];
    size_t n = 0;
    const char *head = "{\"error\":\"";
    memcpy(body, head, strlen(head));
    n = strlen(head);
    for (const unsigned char *p = (const unsigned char *)msg; *p && n < sizeof body - 16; p++) {
        if (*p == '"' || *p == '\\') {
            body[n++] = '\\';
            body[n++] = (char)*p;
        } else if (*p < 0x20 || *p >= 0x7f) {
            body[n++] = '?';
        } else {
            body[n++] = (char)*p;
        }
    }
    memcpy(body + n, "\"}\n", 3);
    n += 3;
    struct MHD_Response *resp =
        make_response(n, body, MHD_RESPMEM_MUST_COPY, "application/json");
    if (resp && hname && MHD_add_response_header(resp, hname, hvalue) != MHD_YES) {
        MHD_destroy_response(resp);
        resp = NULL;
    }
    return send_response(c, r, status, resp, n);
}

/* A JSON body made with open_memstream (buf, len) as the answer; takes buf. */
static enum MHD_Result send_json(struct MHD_Connection *c, req *r, unsigned status, char *buf,
                                 size_t len)
{
    struct MHD_Response *resp = make_response(len, buf, MHD_RESPMEM_MUST_FREE, "application/json");
    if (!resp)
        return send_error(c, r, MHD_HTTP_SERVICE_UNAVAILABLE, "out of memory", NULL, NULL);
    return send_response(c, r, status, resp, len);
}

/* -------------------------------------------------------------- pools */

static sitrep_store *reader_get(server *sv)
{
    pthread_mutex_lock(&sv->pmu);
    while (sv->nreaders == 0)
        pthread_cond_wait(&sv->pcv, &sv->pmu);
    sitrep_store *st = sv->readers[--sv->nreaders];
    pthread_mutex_unlock(&sv->pmu);
    return st;
}

static void reader_put(server *sv, sitrep_store *st)
{
    pthread_mutex_lock(&sv->pmu);
    sv->readers[sv->nreaders++] = st;
    pthread_cond_broadcast(&sv->pcv);
    pthread_mutex_unlock(&sv->pmu);
}

/* An extraction handle: a free one, else a new one while fewer than
 * EXTRACTORS exist, else wait.  NULL when one cannot be made. */
static sitrep *extractor_get(server *sv)
{
    pthread_mutex_lock(&sv->pmu);
    while (sv->nxfree == 0 && sv->nxmade >= EXTRACTORS)
        pthread_cond_wait(&sv->pcv, &sv->pmu);
    if (sv->nxfree > 0) {
        sitrep *x = sv->xfree[--sv->nxfree];
        pthread_mutex_unlock(&sv->pmu);
        return x;
    }
    sv->nxmade++;
    pthread_mutex_unlock(&sv->pmu);
    sitrep_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.gazetteer_path = *sv->gaz ? sv->gaz : NULL;
    sitrep *x = NULL;
    if (sitrep_create(&cfg, &x, NULL, 0) != SITREP_OK) {
        pthread_mutex_lock(&sv->pmu);
        sv->nxmade--;
        pthread_cond_broadcast(&sv->pcv);
        pthread_mutex_unlock(&sv->pmu);
        return NULL;
    }
    return x;
}

static void extractor_put(server *sv, sitrep *x)
{
    pthread_mutex_lock(&sv->pmu);
    sv->xfree[sv->nxfree++] = x;
    pthread_cond_broadcast(&sv->pcv);
    pthread_mutex_unlock(&sv->pmu);
}

/* ------------------------------------------------------------ writer */

static void job_free(job *j)
{
    if (!j)
        return;
    for (size_t i = 0; i < j->n; i++)
        free(j->arts[i].mem);
    free(j->arts);
    free(j);
}

/* Store the articles of j in the open transaction. */
static sitrep_status store_job(server *sv, job *j)
{
    for (size_t i = 0; i < j->n; i++) {
        art_slot *s = &j->arts[i];
        sitrep_status st = s->res ? sitrep_store_add(sv->wst, &s->a, s->res, &s->info)
                                  : sitrep_store_ingest(sv->wst, sv->wx, &s->a,
                                                        (sitrep_date){0, 0, 0}, &s->info);
        if (st != SITREP_OK) {
            snprintf(j->err, sizeof j->err, "article %zu: %s", i + 1,
                     sitrep_store_errmsg(sv->wst));
            return st;
        }
    }
    return SITREP_OK;
}

static int64_t job_added(const job *j)
{
    int64_t n = 0;
    for (size_t i = 0; i < j->n; i++)
        n += !j->arts[i].info.duplicate;
    return n;
}

/* One group commit: every job of list in one transaction.  When that
 * fails, each job is tried again in a transaction of its own, so that one
 * bad request does not fail the others.  Returns the articles added. */
static int64_t run_batch(server *sv, job *list)
{
    sitrep_status st = sitrep_store_begin(sv->wst);
    job *bad = NULL;
    for (job *j = list; st == SITREP_OK && j; j = j->next)
        if ((st = store_job(sv, j)) != SITREP_OK)
            bad = j;
    if (st == SITREP_OK)
        st = sitrep_store_commit(sv->wst);
    int64_t added = 0;
    if (st == SITREP_OK) {
        for (job *j = list; j; j = j->next) {
            j->status = SITREP_OK;
            added += job_added(j);
        }
        return added;
    }
    char why[256];
    snprintf(why, sizeof why, "%s", sitrep_store_errmsg(sv->wst));
    (void)sitrep_store_rollback(sv->wst);
    if (!list->next) {
        list->status = st;
        if (!bad)
            snprintf(list->err, sizeof list->err, "%s", why);
        return 0;
    }
    for (job *j = list; j; j = j->next) {
        j->err[0] = '\0';
        st = sitrep_store_begin(sv->wst);
        if (st == SITREP_OK)
            st = store_job(sv, j);
        if (st == SITREP_OK)
            st = sitrep_store_commit(sv->wst);
        if (st != SITREP_OK) {
            if (!j->err[0])
                snprintf(j->err, sizeof j->err, "%s", sitrep_store_errmsg(sv->wst));
            (void)sitrep_store_rollback(sv->wst);
        } else {
            added += job_added(j);
        }
        j->status = st;
    }
    return added;
}

static void *writer_main(void *arg)
{
    server *sv = arg;
    pthread_mutex_lock(&sv->mu);
    for (;;) {
        while (!sv->head && !sv->stop)
            pthread_cond_wait(&sv->work, &sv->mu);
        if (!sv->head)
            break;
        job *list = sv->head;
        sv->head = sv->tail = NULL;
        sv->queued = 0;
        pthread_mutex_unlock(&sv->mu);
        int64_t added = run_batch(sv, list);
        pthread_mutex_lock(&sv->mu);
        if (added > 0)
            atomic_fetch_add(&sv->version, added);
        int64_t v = atomic_load(&sv->version);
        for (job *j = list, *next; j; j = next) {
            next = j->next;
            j->version = v;
            j->done = 1;
        }
        pthread_cond_broadcast(&sv->done);
    }
    pthread_mutex_unlock(&sv->mu);
    return NULL;
}

/* Queue j and wait for its commit.  0, or 503 when the queue is full. */
static int submit(server *sv, job *j)
{
    pthread_mutex_lock(&sv->mu);
    if (sv->stop || (sv->queued > 0 && sv->queued + j->n > QUEUE_ARTICLES)) {
        pthread_mutex_unlock(&sv->mu);
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    }
    if (sv->tail)
        sv->tail->next = j;
    else
        sv->head = j;
    sv->tail = j;
    sv->queued += j->n;
    pthread_cond_signal(&sv->work);
    while (!j->done)
        pthread_cond_wait(&sv->done, &sv->mu);
    pthread_mutex_unlock(&sv->mu);
    return 0;
}

/* ------------------------------------------------------- POST bodies */

typedef struct mem_in {
    const char *p;
    size_t len, pos;
} mem_in;

static long mem_read(void *ud, void *buf, size_t cap)
{
    mem_in *m = ud;
    size_t n = m->len - m->pos;
    if (n > cap)
        n = cap;
    memcpy(buf, m->p + m->pos, n);
    m->pos += n;
    return (long)n;
}

static void copy_str(sitrep_str *dst, const sitrep_str *src, char **at)
{
    if (src->len == 0 || !src->ptr) {
        dst->ptr = NULL;
        dst->len = 0;
        return;
    }
    memcpy(*at, src->ptr, src->len);
    dst->ptr = *at;
    dst->len = src->len;
    *at += src->len;
}

/* A deep copy of a into s (its strings in one block). 0, or -1 no memory. */
static int copy_article(art_slot *s, const sitrep_article *a)
{
    size_t total = a->id.len + a->url.len + a->source.len + a->published.len + a->title.len +
                   a->text.len + 1;
    s->mem = malloc(total);
    if (!s->mem)
        return -1;
    char *at = s->mem;
    memset(&s->a, 0, sizeof s->a);
    copy_str(&s->a.id, &a->id, &at);
    copy_str(&s->a.url, &a->url, &at);
    copy_str(&s->a.source, &a->source, &at);
    copy_str(&s->a.published, &a->published, &at);
    copy_str(&s->a.title, &a->title, &at);
    copy_str(&s->a.text, &a->text, &at);
    s->a.flags = a->flags;
    s->a.bad_utf8_offset = a->bad_utf8_offset;
    s->a.input_line = a->input_line;
    s->a.input_offset = a->input_offset;
    return 0;
}

/* Line (1-based) of byte off of p. */
static size_t line_of(const char *p, size_t off)
{
    size_t line = 1;
    for (size_t i = 0; i < off; i++)
        line += p[i] == '\n';
    return line;
}

/* Check the body and read its articles into a new job.  Nothing is kept
 * unless every article is valid.  0 with *out set, else an HTTP status
 * with msg. */
static unsigned parse_body(server *sv, req *r, job **out, char *msg, size_t msgsize)
{
    *out = NULL;
    size_t ok = cli_utf8_valid_prefix((const unsigned char *)r->body, r->len);
    if (ok < r->len) {
        snprintf(msg, msgsize, "line %zu: invalid UTF-8 at byte %zu of the body",
                 line_of(r->body, ok), ok);
        return MHD_HTTP_BAD_REQUEST;
    }
    size_t first = 0;
    while (first < r->len && (r->body[first] == ' ' || r->body[first] == '\t' ||
                              r->body[first] == '\n' || r->body[first] == '\r'))
        first++;
    if (first == r->len) {
        snprintf(msg, msgsize, "empty body: no article");
        return MHD_HTTP_BAD_REQUEST;
    }
    if (r->body[first] != '{') {
        snprintf(msg, msgsize, "line %zu: not a JSON object", line_of(r->body, first));
        return MHD_HTTP_BAD_REQUEST;
    }
    /* Offsets of the line breaks a single object loses when it is made one
     * JSON line, so that an error is reported at the body's own line and
     * column. */
    size_t *breaks = NULL, nbreaks = 0;
    if (r->single) {
        /* One object over any number of lines: line breaks outside strings
         * are white space, so the object becomes one JSON line; inside a
         * string they (and every control character) are invalid JSON. */
        size_t nl = 0;
        for (size_t i = 0; i < r->len; i++)
            nl += r->body[i] == '\n';
        if (nl && !(breaks = malloc(nl * sizeof *breaks))) {
            snprintf(msg, msgsize, "out of memory");
            return MHD_HTTP_SERVICE_UNAVAILABLE;
        }
        int in = 0, esc = 0;
        for (size_t i = 0; i < r->len; i++) {
            unsigned char b = (unsigned char)r->body[i];
            if (in) {
                if (esc)
                    esc = 0;
                else if (b == '\\')
                    esc = 1;
                else if (b == '"')
                    in = 0;
                else if (b < 0x20) {
                    snprintf(msg, msgsize, "line %zu: control character in a string",
                             line_of(r->body, i) + nbreaks);
                    free(breaks);
                    return MHD_HTTP_BAD_REQUEST;
                }
            } else if (b == '"') {
                in = 1;
            } else if (b == '\n' || b == '\r') {
                if (b == '\n')
                    breaks[nbreaks++] = i;
                r->body[i] = ' ';
            }
        }
    }
    mem_in in = {r->body, r->len, 0};
    sitrep_reader_config rc;
    memset(&rc, 0, sizeof rc);
    rc.name = "body";
    rc.format = SITREP_FORMAT_JSONL;
    rc.read = mem_read;
    rc.read_ud = &in;
    rc.max_record_bytes = sv->max_body;
    sitrep_reader *rd = NULL;
    if (sitrep_reader_create(&rc, &rd) != SITREP_OK) {
        free(breaks);
        snprintf(msg, msgsize, "out of memory");
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    }
    job *j = calloc(1, sizeof *j);
    size_t cap = 0;
    unsigned code = j ? 0 : MHD_HTTP_SERVICE_UNAVAILABLE;
    if (!j)
        snprintf(msg, msgsize, "out of memory");
    while (code == 0) {
        sitrep_article a;
        sitrep_status s = sitrep_reader_next(rd, &a);
        if (s == SITREP_END)
            break;
        if (s != SITREP_OK) {
            const char *em = sitrep_reader_errmsg(rd);
            size_t col = 0, k = 0;
            /* "line 1, column C: why" of the flattened object: C - 1 is a
             * byte offset of the body, whose line is one more than the
             * breaks before it. */
            if (nbreaks && strncmp(em, "line 1, column ", 15) == 0) {
                for (k = 15; em[k] >= '0' && em[k] <= '9' && col < SIZE_MAX / 10 - 10; k++)
                    col = col * 10 + (size_t)(em[k] - '0');
            }
            if (col >= 1 && em[k] == ':') {
                size_t off = col - 1, b = 0;
                while (b < nbreaks && breaks[b] < off)
                    b++;
                size_t start = b ? breaks[b - 1] + 1 : 0;
                snprintf(msg, msgsize, "line %zu, column %zu%s", b + 1, off - start + 1, em + k);
            } else {
                snprintf(msg, msgsize, "%s", em);
            }
            code = s == SITREP_E_NOMEM ? MHD_HTTP_SERVICE_UNAVAILABLE
                   : s == SITREP_E_LIMIT ? MHD_HTTP_CONTENT_TOO_LARGE
                                         : MHD_HTTP_BAD_REQUEST;
            break;
        }
        if (a.flags & SITREP_ARTICLE_BAD_UTF8) {
            snprintf(msg, msgsize, "line %llu: invalid UTF-8 in the text",
                     (unsigned long long)a.input_line);
            code = MHD_HTTP_BAD_REQUEST;
            break;
        }
        if (r->single && j->n == 1) {
            snprintf(msg, msgsize, "application/json takes one article object; send several "
                                   "as application/x-ndjson, one per line");
            code = MHD_HTTP_BAD_REQUEST;
            break;
        }
        if (j->n == cap) {
            size_t nc = cap ? cap * 2 : 4;
            art_slot *g = realloc(j->arts, nc * sizeof *g);
            if (!g) {
                snprintf(msg, msgsize, "out of memory");
                code = MHD_HTTP_SERVICE_UNAVAILABLE;
                break;
            }
            j->arts = g;
            cap = nc;
        }
        art_slot *slot = &j->arts[j->n];
        memset(slot, 0, sizeof *slot);
        if (copy_article(slot, &a) != 0) {
            snprintf(msg, msgsize, "out of memory");
            code = MHD_HTTP_SERVICE_UNAVAILABLE;
            break;
        }
        j->n++;
    }
    sitrep_reader_free(rd);
    free(breaks);
    if (code == 0 && j->n == 0) {
        snprintf(msg, msgsize, "no article in the body");
        code = MHD_HTTP_BAD_REQUEST;
    }
    if (code != 0) {
        job_free(j);
        return code;
    }
    *out = j;
    return 0;
}

/* The answer to a stored POST: per article its id, store row, whether it
 * was already stored and the incident of its main report. */
static enum MHD_Result answer_post(struct MHD_Connection *c, req *r, const job *j)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    /* The articles are committed: an answer that cannot be written is a 500
     * that says so (503 would tell the client nothing was stored). */
    static const char lost[] = "the articles were stored but the answer could not be written "
                               "(out of memory); sending them again stores nothing twice";
    if (!f)
        return send_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR, lost, NULL, NULL);
    int64_t added = job_added(j);
    fprintf(f, "{\"version\":%lld,\"stored\":%lld,\"duplicates\":%lld,\"articles\":[",
            (long long)j->version, (long long)added, (long long)((int64_t)j->n - added));
    for (size_t i = 0; i < j->n; i++) {
        const art_slot *s = &j->arts[i];
        fputs(i ? ",{\"id\":" : "{\"id\":", f);
        if (s->a.id.len) /* whole, with its length: valid UTF-8 in, valid out */
            cli_json_strn(f, s->a.id.ptr, s->a.id.len);
        else
            fputs("null", f);
        fprintf(f, ",\"article\":%lld,\"duplicate\":%s,\"near_duplicate_of\":",
                (long long)s->info.article, s->info.duplicate ? "true" : "false");
        if (s->info.near_duplicate_of)
            fprintf(f, "%lld", (long long)s->info.near_duplicate_of);
        else
            fputs("null", f);
        fputs(",\"incident\":", f);
        if (s->info.main_incident)
            fprintf(f, "%lld", (long long)s->info.main_incident);
        else
            fputs("null", f);
        fprintf(f, ",\"mentions\":%zu,\"opened\":%zu,\"linked\":%zu}", s->info.mentions,
                s->info.opened, s->info.linked);
    }
    fputs("]}\n", f);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) {
        free(buf);
        return send_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR, lost, NULL, NULL);
    }
    return send_json(c, r, added > 0 ? MHD_HTTP_CREATED : MHD_HTTP_OK, buf, len);
}

static enum MHD_Result handle_post(server *sv, struct MHD_Connection *c, req *r)
{
    char msg[512];
    job *j = NULL;
    unsigned code = parse_body(sv, r, &j, msg, sizeof msg);
    free(r->body);
    r->body = NULL;
    if (code)
        return send_error(c, r, code, msg, NULL, NULL);
    /* One article: extracted here, in this connection's thread, so that
     * extraction runs in parallel and the writer only stores.  A handle
     * keeps one result at a time, so several articles are extracted by
     * the writer instead. */
    sitrep *x = NULL;
    if (j->n == 1) {
        x = extractor_get(sv);
        if (!x) {
            job_free(j);
            return send_error(c, r, MHD_HTTP_SERVICE_UNAVAILABLE, "out of memory",
                              MHD_HTTP_HEADER_RETRY_AFTER, "1");
        }
        const sitrep_result *res = NULL;
        sitrep_status s = sitrep_extract(x, &j->arts[0].a, (sitrep_date){0, 0, 0}, &res);
        if (s != SITREP_OK) {
            snprintf(msg, sizeof msg, "extraction: %s", sitrep_errmsg(x));
            extractor_put(sv, x);
            job_free(j);
            return send_error(c, r, s == SITREP_E_LIMIT ? MHD_HTTP_CONTENT_TOO_LARGE
                                                        : MHD_HTTP_SERVICE_UNAVAILABLE,
                              msg, NULL, NULL);
        }
        j->arts[0].res = res;
    }
    int busy = submit(sv, j);
    /* The result in x was used by the writer; only now may x extract again. */
    if (x)
        extractor_put(sv, x);
    if (busy) {
        job_free(j);
        return send_error(c, r, MHD_HTTP_SERVICE_UNAVAILABLE, "busy: too many articles queued",
                          MHD_HTTP_HEADER_RETRY_AFTER, "1");
    }
    enum MHD_Result ret;
    if (j->status != SITREP_OK) {
        snprintf(msg, sizeof msg, "not stored: %s", j->err);
        ret = send_error(c, r,
                         j->status == SITREP_E_NOMEM ? MHD_HTTP_SERVICE_UNAVAILABLE
                                                     : MHD_HTTP_INTERNAL_SERVER_ERROR,
                         msg, NULL, NULL);
    } else {
        ret = answer_post(c, r, j);
    }
    job_free(j);
    return ret;
}

/* ------------------------------------------------------------- reads */

/* MHD's iterator over the query arguments: stops at the first bad one. */
static enum MHD_Result query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
    (void)kind;
    return cli_http_query_arg(cls, key, value) == 0 ? MHD_YES : MHD_NO;
}

typedef struct list_out {
    FILE *f;
    int64_t n;
} list_out;

static int list_one(void *ud, const sitrep_store_incident *inc)
{
    list_out *o = ud;
    if (o->n++)
        fputc(',', o->f);
    cli_json_incident(o->f, inc);
    return 0;
}

/* Queue the cached answer for key when it is current; 1 when queued. */
static int cache_hit(server *sv, struct MHD_Connection *c, req *r, const char *key, int64_t v,
                     enum MHD_Result *ret)
{
    int64_t t = now_ms();
    int hit = 0;
    pthread_mutex_lock(&sv->cmu);
    for (int i = 0; i < CACHE_SLOTS; i++) {
        cache_slot *s = &sv->cache[i];
        if (s->resp && s->version == v && t - s->born < CACHE_MS && strcmp(s->key, key) == 0) {
            r->status = MHD_HTTP_OK;
            r->sent = s->len;
            /* Queued under the lock: the cache's reference cannot go away
             * before MHD has taken its own. */
            *ret = MHD_queue_response(c, MHD_HTTP_OK, s->resp);
            hit = 1;
            break;
        }
    }
    pthread_mutex_unlock(&sv->cmu);
    return hit;
}

/* Keep resp (our reference moves to the cache) and queue it. */
static enum MHD_Result cache_put(server *sv, struct MHD_Connection *c, req *r, const char *key,
                                 int64_t v, struct MHD_Response *resp, size_t len)
{
    pthread_mutex_lock(&sv->cmu);
    cache_slot *slot = NULL;
    for (int i = 0; i < CACHE_SLOTS && !slot; i++)
        if (sv->cache[i].resp && strcmp(sv->cache[i].key, key) == 0)
            slot = &sv->cache[i];
    for (int i = 0; i < CACHE_SLOTS && !slot; i++)
        if (!sv->cache[i].resp)
            slot = &sv->cache[i];
    if (!slot) {
        slot = &sv->cache[0];
        for (int i = 1; i < CACHE_SLOTS; i++)
            if (sv->cache[i].born < slot->born)
                slot = &sv->cache[i];
    }
    if (slot->resp)
        MHD_destroy_response(slot->resp);
    snprintf(slot->key, sizeof slot->key, "%s", key);
    slot->version = v;
    slot->born = now_ms();
    slot->resp = resp;
    slot->len = len;
    r->status = MHD_HTTP_OK;
    r->sent = len;
    enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, resp);
    pthread_mutex_unlock(&sv->cmu);
    return ret;
}

static enum MHD_Result handle_list(server *sv, struct MHD_Connection *c, req *r)
{
    cli_list_query q;
    memset(&q, 0, sizeof q);
    q.f.min_killed = -1;
    q.f.limit = LIST_DEFAULT;
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, query_arg, &q);
    if (q.bad) {
        char msg[160];
        snprintf(msg, sizeof msg, "%.40s: %s", q.bad, q.why);
        return send_error(c, r, MHD_HTTP_BAD_REQUEST, msg, NULL, NULL);
    }
    char key[160];
    snprintf(key, sizeof key, "from=%s&to=%s&country=%s&type=%s&min_killed=%lld&limit=%lld",
             q.from, q.to, q.f.country, q.type, (long long)q.f.min_killed,
             (long long)q.f.limit);
    int64_t v = atomic_load(&sv->version);
    enum MHD_Result ret;
    if (cache_hit(sv, c, r, key, v, &ret))
        return ret;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return send_error(c, r, MHD_HTTP_SERVICE_UNAVAILABLE, "out of memory", NULL, NULL);
    list_out o = {f, 0};
    fputs("{\"incidents\":[", f);
    sitrep_store *st = reader_get(sv);
    sitrep_status s = sitrep_store_incidents(st, &q.f, list_one, &o);
    char err[256] = "";
    if (s != SITREP_OK)
        snprintf(err, sizeof err, "store: %s", sitrep_store_errmsg(st));
    reader_put(sv, st);
    fprintf(f, "],\"count\":%lld,\"version\":%lld}\n", (long long)o.n, (long long)v);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad || s != SITREP_OK) {
        free(buf);
        return send_error(c, r, s != SITREP_OK ? MHD_HTTP_INTERNAL_SERVER_ERROR
                                               : MHD_HTTP_SERVICE_UNAVAILABLE,
                          s != SITREP_OK ? err : "out of memory", NULL, NULL);
    }
    struct MHD_Response *resp = make_response(len, buf, MHD_RESPMEM_MUST_FREE, "application/json");
    if (!resp)
        return send_error(c, r, MHD_HTTP_SERVICE_UNAVAILABLE, "out of memory", NULL, NULL);
    return cache_put(sv, c, r, key, v, resp, len);
}

typedef struct show_out {
    FILE *f;
    int nobs;
} show_out;

static int show_incident(void *ud, const sitrep_store_incident *inc)
{
    show_out *o = ud;
    fputs("{\"incident\":", o->f);
    cli_json_incident(o->f, inc);
    fputs(",\"observations\":[", o->f);
    return 0;
}

static int show_obs(void *ud, const sitrep_store_observation *ob)
{
    show_out *o = ud;
    if (o->nobs++)
        fputc(',', o->f);
    cli_json_observation(o->f, ob);
    return 0;
}

/* GET /incidents/ID: as `sitrep show --format json ID`. */
static enum MHD_Result handle_show(server *sv, struct MHD_Connection *c, req *r, int64_t id)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return send_error(c, r, MHD_HTTP_SERVICE_UNAVAILABLE, "out of memory", NULL, NULL);
    show_out o = {f, 0};
    sitrep_store *st = reader_get(sv);
    sitrep_status s = sitrep_store_get(st, id, show_incident, &o);
    if (s == SITREP_OK)
        s = sitrep_store_observations(st, id, show_obs, &o);
    char err[256] = "";
    if (s != SITREP_OK)
        snprintf(err, sizeof err, "store: %s", sitrep_store_errmsg(st));
    reader_put(sv, st);
    fputs("]}\n", f);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad || s != SITREP_OK) {
        free(buf);
        if (s == SITREP_E_ARG)
            return send_error(c, r, MHD_HTTP_NOT_FOUND, "no such incident", NULL, NULL);
        return send_error(c, r, s != SITREP_OK ? MHD_HTTP_INTERNAL_SERVER_ERROR
                                               : MHD_HTTP_SERVICE_UNAVAILABLE,
                          s != SITREP_OK ? err : "out of memory", NULL, NULL);
    }
    return send_json(c, r, MHD_HTTP_OK, buf, len);
}

/* GET /: the live page, written once per store version (and renewed after
 * PAGE_MS) while the others wait for it under hmu.  Bounded work whatever
 * the store and the post rate: the 500 highest tolls are listed and mapped
 * (the page says how many more there are), and a page is written at most
 * once a second: under a stream of posts, viewers get a page up to a
 * second old, whose version tells their poller to come back. */
static enum MHD_Result handle_page(server *sv, struct MHD_Connection *c, req *r)
{
    pthread_mutex_lock(&sv->hmu);
    int64_t v = atomic_load(&sv->version);
    int64_t t = now_ms();
    if (!sv->page || (sv->page_version != v && t - sv->page_born >= PAGE_MIN_MS) ||
        t - sv->page_born >= PAGE_MS) {
        char generated[32];
        time_t now = time(NULL);
        struct tm tm;
        if (gmtime_r(&now, &tm))
            strftime(generated, sizeof generated, "%Y-%m-%dT%H:%M:%SZ", &tm);
        else
            generated[0] = '\0';
        sitrep_report_options o;
        memset(&o, 0, sizeof o);
        o.format = SITREP_REPORT_HTML;
        o.detail = PAGE_DETAIL;
        o.list_limit = PAGE_LIST;
        o.generated = *generated ? generated : NULL;
        o.live_poll_url = "/version";
        o.live_version = v;
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        sitrep_status s = SITREP_E_NOMEM;
        char err[256] = "out of memory";
        if (f) {
            sitrep_store *st = reader_get(sv);
            s = sitrep_report_write(st, &o, stream_write, f);
            if (s != SITREP_OK)
                snprintf(err, sizeof err, "report: %s: %s", sitrep_strerror(s),
                         sitrep_store_errmsg(st));
            reader_put(sv, st);
            if (fclose(f) != 0 && s == SITREP_OK)
                s = SITREP_E_NOMEM;
        }
        struct MHD_Response *resp = NULL;
        if (s == SITREP_OK) {
            resp = make_response(len, buf, MHD_RESPMEM_MUST_FREE, "text/html; charset=utf-8");
            if (resp &&
                (MHD_add_response_header(resp, "Content-Security-Policy", csp) != MHD_YES ||
                 MHD_add_response_header(resp, "X-Frame-Options", "DENY") != MHD_YES ||
                 MHD_add_response_header(resp, "Referrer-Policy", "no-referrer") != MHD_YES)) {
                MHD_destroy_response(resp);
                resp = NULL;
            }
        } else {
            free(buf);
        }
        if (!resp) {
            pthread_mutex_unlock(&sv->hmu);
            return send_error(c, r,
                              s == SITREP_OK || s == SITREP_E_NOMEM
                                  ? MHD_HTTP_SERVICE_UNAVAILABLE
                                  : MHD_HTTP_INTERNAL_SERVER_ERROR,
                              err, NULL, NULL);
        }
        if (sv->page)
            MHD_destroy_response(sv->page);
        sv->page = resp;
        sv->page_version = v;
        sv->page_born = now_ms();
        sv->page_len = len;
    }
    r->status = MHD_HTTP_OK;
    r->sent = sv->page_len;
    enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, sv->page);
    pthread_mutex_unlock(&sv->hmu);
    return ret;
}

/* -------------------------------------------------------------- routing */

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls;
    (void)c;
    req *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->t0 = now_us();
    r->bad_target = !cli_http_target_ok(uri);
    size_t i = 0;
    for (; uri[i] && i < sizeof r->target - 1; i++) {
        unsigned char b = (unsigned char)uri[i];
        r->target[i] = b > 0x20 && b < 0x7f ? (char)b : '?';
    }
    r->target[i] = '\0';
    return r;
}

static conn_watch *watch_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

/* Set the deadline of c's connection: ms from now, 0 none. */
static void watch_set(server *sv, struct MHD_Connection *c, int64_t ms)
{
    conn_watch *w = watch_of(c);
    if (!w)
        return;
    pthread_mutex_lock(&sv->wmu);
    w->deadline = ms ? now_ms() + ms : 0;
    pthread_mutex_unlock(&sv->wmu);
}

static int authorised(const server *sv, struct MHD_Connection *c)
{
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    if (!h || !cli_ascii_prefix(h, "Bearer "))
        return 0;
    h += 7;
    while (*h == ' ')
        h++;
    size_t n = strlen(h);
    while (n > 0 && h[n - 1] == ' ')
        n--;
    return token_equal(h, n, sv->token, sv->token_len);
}

/* Content-Length as a number; -1 when absent or not a number. */
static int64_t content_length(struct MHD_Connection *c)
{
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    int64_t n;
    return h && cli_parse_count(h, &n) == 0 ? n : -1;
}

/* Answer a request once it is complete (its body, if any, read and
 * ignored): every route but POST /articles, and the errors of all.
 * Answering after the body, not at the first call, keeps the connection
 * alive: MHD closes a connection answered before its request was read. */
static enum MHD_Result answer(server *sv, struct MHD_Connection *c, req *r, const char *url)
{
    if (r->bad_target)
        return send_error(c, r, MHD_HTTP_BAD_REQUEST, "bad request path", NULL, NULL);
    int64_t id = 0;
    cli_route rt = cli_http_route(url, &id);
    if (rt == CLI_R_NONE)
        return send_error(c, r, MHD_HTTP_NOT_FOUND, "not found", NULL, NULL);
    int get = strcmp(r->method, MHD_HTTP_METHOD_GET) == 0 ||
              strcmp(r->method, MHD_HTTP_METHOD_HEAD) == 0;
    int post = strcmp(r->method, MHD_HTTP_METHOD_POST) == 0;
    if (rt == CLI_R_ARTICLES ? !post : !get)
        return send_error(c, r, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed",
                          MHD_HTTP_HEADER_ALLOW, rt == CLI_R_ARTICLES ? "POST" : "GET, HEAD");
    if (rt != CLI_R_HEALTH && sv->token_len && !sv->public_read && !authorised(sv, c))
        return send_error(c, r, MHD_HTTP_UNAUTHORIZED, "a bearer token is required",
                          MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"sitrep\"");
    switch (rt) {
    case CLI_R_HEALTH: {
        static const char ok[] = "{\"status\":\"ok\"}\n";
        return send_response(c, r, MHD_HTTP_OK,
                             make_response(sizeof ok - 1, (void *)ok, MHD_RESPMEM_PERSISTENT,
                                           "application/json"),
                             sizeof ok - 1);
    }
    case CLI_R_VERSION: {
        char b[64];
        int n = snprintf(b, sizeof b, "{\"version\":%lld}\n",
                         (long long)atomic_load(&sv->version));
        return send_response(c, r, MHD_HTTP_OK,
                             make_response((size_t)n, b, MHD_RESPMEM_MUST_COPY, "application/json"),
                             (size_t)n);
    }
    case CLI_R_LIST:
        return handle_list(sv, c, r);
    case CLI_R_SHOW:
        return handle_show(sv, c, r, id);
    case CLI_R_PAGE:
        return handle_page(sv, c, r);
    default:
        /* POST /articles is started by start_post */
        return send_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "unexpected route", NULL, NULL);
    }
}

/* POST /articles, its headers in: refuse at once (the body is then not
 * read and the connection closed) what the headers already condemn, else
 * get ready for the body. */
static enum MHD_Result start_post(server *sv, struct MHD_Connection *c, req *r)
{
    if (sv->token_len && !authorised(sv, c))
        return send_error(c, r, MHD_HTTP_UNAUTHORIZED, "a bearer token is required",
                          MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"sitrep\"");
    int kind = cli_http_body_kind(MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_CONTENT_TYPE));
    if (!kind)
        return send_error(c, r, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
                          "Content-Type must be application/json (one article) or "
                          "application/x-ndjson (JSON Lines)",
                          NULL, NULL);
    int64_t cl = content_length(c);
    if (cl > (int64_t)sv->max_body)
        return send_error(c, r, MHD_HTTP_CONTENT_TOO_LARGE, "body larger than --max-body",
                          NULL, NULL);
    r->post = 1;
    r->single = kind == 1;
    size_t cap = cl > 0 ? (size_t)cl : 65536;
    r->body = malloc(cap);
    if (!r->body)
        return send_error(c, r, MHD_HTTP_SERVICE_UNAVAILABLE, "out of memory", NULL, NULL);
    r->cap = cap;
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    server *sv = cls;
    req *r = *con_cls;
    if (!r)
        return MHD_NO;
    if (!r->started) {
        r->started = 1;
        atomic_fetch_add(&sv->active, 1);
        snprintf(r->method, sizeof r->method, "%s", method);
        /* The headers are in; a body has its own deadline. */
        watch_set(sv, c, (int64_t)sv->timeout * 1000 * BODY_TIME_FACTOR);
        int64_t id;
        if (!r->bad_target && strcmp(method, MHD_HTTP_METHOD_POST) == 0 &&
            cli_http_route(url, &id) == CLI_R_ARTICLES)
            return start_post(sv, c, r);
        return MHD_YES;
    }
    if (*upload_size) {
        size_t n = *upload_size;
        *upload_size = 0;
        if (r->too_big || n > sv->max_body - r->len) {
            r->too_big = 1;
            return MHD_YES;
        }
        if (!r->post) {
            r->len += n; /* a body nobody asked for: counted, dropped */
            return MHD_YES;
        }
        if (n > r->cap - r->len) {
            size_t nc = r->cap;
            while (nc - r->len < n)
                nc = nc > sv->max_body / 2 ? sv->max_body : nc * 2;
            char *g = realloc(r->body, nc);
            if (!g)
                return MHD_NO;
            r->body = g;
            r->cap = nc;
        }
        memcpy(r->body + r->len, upload, n);
        r->len += n;
        return MHD_YES;
    }
    watch_set(sv, c, 0);
    if (r->too_big) {
        free(r->body);
        r->body = NULL;
        return send_error(c, r, MHD_HTTP_CONTENT_TOO_LARGE, "body larger than --max-body", NULL,
                          NULL);
    }
    if (r->post) {
        r->post = 0;
        return handle_post(sv, c, r);
    }
    return answer(sv, c, r, url);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    server *sv = cls;
    req *r = *con_cls;
    *con_cls = NULL;
    if (!r)
        return;
    if (r->started) {
        atomic_fetch_sub(&sv->active, 1);
        /* The next request of the connection has the header deadline. */
        watch_set(sv, c, (int64_t)sv->timeout * 1000);
    }
    if (sv->access_log && r->started) {
        char addr[INET6_ADDRSTRLEN] = "?";
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        if (ci && ci->client_addr) {
            const struct sockaddr *sa = ci->client_addr;
            if (sa->sa_family == AF_INET)
                inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
                          addr, sizeof addr);
            else if (sa->sa_family == AF_INET6)
                inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
                          addr, sizeof addr);
        }
        fprintf(stderr, "sitrep: access: %s %s %s %u %zu %.1fms%s\n", addr, r->method, r->target,
                r->status, r->sent, (double)(now_us() - r->t0) / 1000.0,
                toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (not completed)");
    }
    free(r->body);
    free(r);
}

/* ----------------------------------------------------------- deadlines */

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    server *sv = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        conn_watch *w = ci ? calloc(1, sizeof *w) : NULL;
        if (!w)
            return;
        w->fd = ci->connect_fd;
        pthread_mutex_lock(&sv->wmu);
        w->deadline = now_ms() + (int64_t)sv->timeout * 1000;
        w->next = sv->watch;
        if (sv->watch)
            sv->watch->prev = w;
        sv->watch = w;
        pthread_mutex_unlock(&sv->wmu);
        *socket_context = w;
        return;
    }
    conn_watch *w = *socket_context;
    if (!w)
        return;
    /* MHD notifies before it closes the socket, so the watchdog, which
     * only touches listed sockets under wmu, never shuts a reused one. */
    pthread_mutex_lock(&sv->wmu);
    if (w->prev)
        w->prev->next = w->next;
    else
        sv->watch = w->next;
    if (w->next)
        w->next->prev = w->prev;
    pthread_mutex_unlock(&sv->wmu);
    *socket_context = NULL;
    free(w);
}

/* Drops connections past their deadline: MHD's own timeout is one of
 * inactivity, which a client that sends a header byte every few seconds
 * (slowloris) never reaches.  A deadline runs only while a request is being
 * read (headers, then body) or the connection idles between requests,
 * never while a request waits for its commit or its answer is being sent,
 * so nothing of an answer is on the socket: the client is told
 * 408 before shutdown() makes the connection's thread see the end of the
 * stream and close it.  The send never blocks (a full socket buffer just
 * loses the courtesy) and never raises SIGPIPE. */
static const char timeout_answer[] = "HTTP/1.1 408 Request Timeout\r\n"
                                     "Content-Type: text/plain\r\n"
                                     "Content-Length: 34\r\n"
                                     "Connection: close\r\n\r\n"
                                     "request not complete in --timeout\n";

static void *watchdog_main(void *arg)
{
    server *sv = arg;
    while (!atomic_load(&sv->watch_stop)) {
        struct timespec ts = {0, 200 * 1000 * 1000};
        nanosleep(&ts, NULL);
        int64_t t = now_ms();
        pthread_mutex_lock(&sv->wmu);
        for (conn_watch *w = sv->watch; w; w = w->next) {
            if (w->deadline && t > w->deadline && !w->dropped) {
                (void)send(w->fd, timeout_answer, sizeof timeout_answer - 1,
                           MSG_NOSIGNAL | MSG_DONTWAIT);
                shutdown(w->fd, SHUT_RDWR);
                w->dropped = 1;
            }
        }
        pthread_mutex_unlock(&sv->wmu);
    }
    return NULL;
}

/* --------------------------------------------------------------- setup */

/* ADDR:PORT (IPv4, [IPv6] or localhost) into *ss.  0, or -1. */
static int parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
    const char *colon = strrchr(s, ':');
    if (!colon || colon == s)
        return -1;
    int64_t port;
    if (cli_parse_count(colon + 1, &port) != 0 || port > 65535)
        return -1;
    char host[64];
    size_t hn = (size_t)(colon - s);
    if (hn >= sizeof host)
        return -1;
    memcpy(host, s, hn);
    host[hn] = '\0';
    memset(ss, 0, sizeof *ss);
    if (host[0] == '[') {
        if (hn < 3 || host[hn - 1] != ']')
            return -1;
        host[hn - 1] = '\0';
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
        if (inet_pton(AF_INET6, host + 1, &a6->sin6_addr) != 1)
            return -1;
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        *len = sizeof *a6;
        return 0;
    }
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    if (strcmp(host, "localhost") == 0)
        snprintf(host, sizeof host, "127.0.0.1");
    if (inet_pton(AF_INET, host, &a4->sin_addr) != 1)
        return -1;
    a4->sin_family = AF_INET;
    a4->sin_port = htons((uint16_t)port);
    *len = sizeof *a4;
    return 0;
}

static int is_loopback(const struct sockaddr_storage *ss)
{
    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *a4 = (const struct sockaddr_in *)ss;
        return (ntohl(a4->sin_addr.s_addr) >> 24) == 127;
    }
    const struct sockaddr_in6 *a6 = (const struct sockaddr_in6 *)ss;
    static const unsigned char lo[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    return memcmp(&a6->sin6_addr, lo, 16) == 0;
}

/* The first line of the token file into sv->token.  0, or -1 with msg. */
static int read_token(server *sv, const char *path, char *msg, size_t msgsize)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(msg, msgsize, "%s: %s", path, strerror(errno));
        return -1;
    }
    char buf[sizeof sv->token + 2];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    int err = ferror(f);
    fclose(f);
    if (err) {
        snprintf(msg, msgsize, "%s: read error", path);
        return -1;
    }
    buf[n] = '\0';
    size_t len = strcspn(buf, "\r\n");
    while (len > 0 && (buf[len - 1] == ' ' || buf[len - 1] == '\t'))
        len--;
    if (len == 0 || len >= sizeof sv->token) {
        snprintf(msg, msgsize, "%s: the first line must hold the token (1 to %zu characters)",
                 path, sizeof sv->token - 1);
        return -1;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)buf[i];
        if (b <= 0x20 || b >= 0x7f) {
            snprintf(msg, msgsize, "%s: the token must be printable ASCII without spaces", path);
            return -1;
        }
    }
    memcpy(sv->token, buf, len);
    sv->token[len] = '\0';
    sv->token_len = len;
    return 0;
}

/* --max-body: N with an optional K or M (powers of 1024). */
static int parse_body_size(const char *v, size_t *out)
{
    char num[24];
    size_t n = strlen(v), mul = 1;
    if (n > 0 && (v[n - 1] == 'K' || v[n - 1] == 'k'))
        mul = (size_t)1 << 10;
    else if (n > 0 && (v[n - 1] == 'M' || v[n - 1] == 'm'))
        mul = (size_t)1 << 20;
    if (mul != 1)
        n--;
    if (n == 0 || n >= sizeof num)
        return -1;
    memcpy(num, v, n);
    num[n] = '\0';
    int64_t x;
    if (cli_parse_count(num, &x) != 0 || x == 0 || x > ((int64_t)1 << 30) / (int64_t)mul)
        return -1;
    *out = (size_t)x * mul;
    return 0;
}

static void server_free(server *sv)
{
    for (int i = 0; i < sv->nreaders; i++)
        sitrep_store_close(sv->readers[i]);
    for (int i = 0; i < sv->nxfree; i++)
        sitrep_free(sv->xfree[i]);
    for (int i = 0; i < CACHE_SLOTS; i++)
        if (sv->cache[i].resp)
            MHD_destroy_response(sv->cache[i].resp);
    if (sv->page)
        MHD_destroy_response(sv->page);
    sitrep_free(sv->wx);
    sitrep_store_close(sv->wst);
    pthread_mutex_destroy(&sv->mu);
    pthread_cond_destroy(&sv->work);
    pthread_cond_destroy(&sv->done);
    pthread_mutex_destroy(&sv->pmu);
    pthread_cond_destroy(&sv->pcv);
    pthread_mutex_destroy(&sv->cmu);
    pthread_mutex_destroy(&sv->hmu);
    pthread_mutex_destroy(&sv->wmu);
    free(sv);
}

int cmd_serve(int argc, char **argv)
{
    const char *db = NULL, *listen_at = DEFAULT_LISTEN, *token_file = NULL, *gaz = NULL;
    int no_gaz = 0, durable = 0, insecure = 0, public_read = 0, access_log = 0;
    size_t max_body = DEFAULT_MAX_BODY;
    int64_t timeout = DEFAULT_TIMEOUT, max_conn = DEFAULT_CONNECTIONS;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int m;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
            return cli_help(usage_serve);
        if ((m = cli_opt_val(argc, argv, &i, "--db", &v)) != 0) {
            if (m < 0)
                return cli_usage("serve", "option --db needs a value", NULL);
            db = v;
        } else if ((m = cli_opt_val(argc, argv, &i, "--listen", &v)) != 0) {
            if (m < 0)
                return cli_usage("serve", "option --listen needs a value", NULL);
            listen_at = v;
        } else if ((m = cli_opt_val(argc, argv, &i, "--token-file", &v)) != 0) {
            if (m < 0)
                return cli_usage("serve", "option --token-file needs a value", NULL);
            token_file = v;
        } else if ((m = cli_opt_val(argc, argv, &i, "--max-body", &v)) != 0) {
            if (m < 0 || parse_body_size(v, &max_body) != 0)
                return cli_usage("serve", "--max-body: not a size from 1 byte to 1G",
                                 m < 0 ? NULL : v);
        } else if ((m = cli_opt_val(argc, argv, &i, "--timeout", &v)) != 0) {
            if (m < 0 || cli_parse_count(v, &timeout) != 0 || timeout < 1 || timeout > 3600)
                return cli_usage("serve", "--timeout: not a number of seconds from 1 to 3600",
                                 m < 0 ? NULL : v);
        } else if ((m = cli_opt_val(argc, argv, &i, "--max-connections", &v)) != 0) {
            if (m < 0 || cli_parse_count(v, &max_conn) != 0 || max_conn < 1 || max_conn > 10000)
                return cli_usage("serve", "--max-connections: not a number from 1 to 10000",
                                 m < 0 ? NULL : v);
        } else if ((m = cli_opt_val(argc, argv, &i, "--gazetteer", &v)) != 0) {
            if (m < 0)
                return cli_usage("serve", "option --gazetteer needs a value", NULL);
            gaz = v;
        } else if (strcmp(a, "--no-gazetteer") == 0) {
            no_gaz = 1;
        } else if (strcmp(a, "--durable") == 0) {
            durable = 1;
        } else if (strcmp(a, "--insecure") == 0) {
            insecure = 1;
        } else if (strcmp(a, "--public-read") == 0) {
            public_read = 1;
        } else if (strcmp(a, "--access-log") == 0) {
            access_log = 1;
        } else {
            return cli_usage("serve", a[0] == '-' ? "unknown option" : "unexpected argument", a);
        }
    }
    struct sockaddr_storage addr;
    socklen_t addrlen = 0;
    if (parse_listen(listen_at, &addr, &addrlen) != 0)
        return cli_usage("serve", "--listen: not ADDR:PORT (127.0.0.1:8080, [::1]:8080)", listen_at);
    if (!is_loopback(&addr) && !token_file && !insecure)
        return cli_usage("serve",
                         "--listen: not a loopback address; give --token-file (or --insecure "
                         "to serve without a token)",
                         listen_at);

    server *sv = calloc(1, sizeof *sv);
    if (!sv) {
        fprintf(stderr, "sitrep: error: out of memory\n");
        return XS_OUTPUT;
    }
    pthread_mutex_init(&sv->mu, NULL);
    pthread_cond_init(&sv->work, NULL);
    pthread_cond_init(&sv->done, NULL);
    pthread_mutex_init(&sv->pmu, NULL);
    pthread_cond_init(&sv->pcv, NULL);
    pthread_mutex_init(&sv->cmu, NULL);
    pthread_mutex_init(&sv->hmu, NULL);
    pthread_mutex_init(&sv->wmu, NULL);
    sv->max_body = max_body;
    sv->timeout = (unsigned)timeout;
    sv->public_read = public_read;
    sv->access_log = access_log;
    char msg[PATH_MAX + 128];
    if (token_file && read_token(sv, token_file, msg, sizeof msg) != 0) {
        fprintf(stderr, "sitrep: error: --token-file %s\n", msg);
        server_free(sv);
        return XS_DATA;
    }
    int rc = cli_create_extractor(gaz, no_gaz, sv->gaz, sizeof sv->gaz, &sv->wx);
    if (rc == XS_OK)
        rc = cli_open_store(cli_db_path(db), 0, durable, &sv->wst);
    for (int i = 0; rc == XS_OK && i < READERS; i++) {
        rc = cli_open_store(cli_db_path(db), 1, 0, &sv->readers[i]);
        if (rc == XS_OK)
            sv->nreaders++;
    }
    sitrep_store_stats stats;
    memset(&stats, 0, sizeof stats);
    if (rc == XS_OK && sitrep_store_stats_get(sv->wst, &stats) != SITREP_OK) {
        fprintf(stderr, "sitrep: error: %s\n", sitrep_store_errmsg(sv->wst));
        rc = XS_DATA;
    }
    if (rc != XS_OK) {
        server_free(sv);
        return rc;
    }
    /* The version counts the articles stored, so that it only grows, also
     * across restarts. */
    atomic_store(&sv->version, stats.articles);

    /* SIGINT and SIGTERM are taken by sigwait() below; every thread made
     * from here on inherits the mask. */
    sigset_t sigs, old;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, &old);
    struct sigaction ign, oldpipe;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ign, &oldpipe);

    pthread_t writer, watchdog;
    int have_writer = pthread_create(&writer, NULL, writer_main, sv) == 0;
    int have_watchdog = have_writer && pthread_create(&watchdog, NULL, watchdog_main, sv) == 0;
    struct MHD_Daemon *d = NULL;
    if (have_watchdog) {
        unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
                         MHD_USE_ITC | MHD_USE_AUTO;
        if (addr.ss_family == AF_INET6)
            flags |= MHD_USE_IPv6;
        errno = 0;
        d = MHD_start_daemon(
            flags, 0, NULL, NULL, on_request, sv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
            MHD_OPTION_CONNECTION_MEMORY_LIMIT, CONNECTION_MEMORY, MHD_OPTION_CONNECTION_TIMEOUT,
            (unsigned)timeout, MHD_OPTION_CONNECTION_LIMIT, (unsigned)max_conn,
            MHD_OPTION_NOTIFY_COMPLETED, on_completed, sv, MHD_OPTION_URI_LOG_CALLBACK, on_uri,
            sv, MHD_OPTION_NOTIFY_CONNECTION, on_connection, sv, MHD_OPTION_END);
        if (!d)
            fprintf(stderr, "sitrep: error: cannot listen on %s%s%s\n", listen_at,
                    errno ? ": " : "", errno ? strerror(errno) : "");
    } else {
        fprintf(stderr, "sitrep: error: cannot start threads\n");
    }
    int status = d ? XS_OK : XS_OUTPUT;
    if (d) {
        const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
        unsigned port = di ? di->port : 0;
        char host[INET6_ADDRSTRLEN] = "";
        if (addr.ss_family == AF_INET6)
            inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&addr)->sin6_addr, host, sizeof host);
        else
            inet_ntop(AF_INET, &((struct sockaddr_in *)&addr)->sin_addr, host, sizeof host);
        fprintf(stderr, "sitrep: serving on http://%s%s%s:%u (store %s: %lld articles)\n",
                addr.ss_family == AF_INET6 ? "[" : "", host,
                addr.ss_family == AF_INET6 ? "]" : "", port, cli_db_path(db),
                (long long)stats.articles);
        int sig = 0;
        while (sigwait(&sigs, &sig) != 0)
            ;
        fprintf(stderr, "sitrep: %s: stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
        /* Stop accepting, let the requests in flight finish (their
         * articles are committed and acknowledged), then stop. */
        MHD_socket ls = MHD_quiesce_daemon(d);
        for (int64_t t0 = now_ms(); atomic_load(&sv->active) > 0 && now_ms() - t0 < DRAIN_MS;) {
            struct timespec ts = {0, 10 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
        MHD_stop_daemon(d);
        if (ls != MHD_INVALID_SOCKET)
            close(ls);
    }
    if (have_watchdog) {
        atomic_store(&sv->watch_stop, 1);
        pthread_join(watchdog, NULL);
    }
    if (have_writer) {
        pthread_mutex_lock(&sv->mu);
        sv->stop = 1;
        pthread_cond_signal(&sv->work);
        pthread_mutex_unlock(&sv->mu);
        pthread_join(writer, NULL);
    }
    if (d) {
        memset(&stats, 0, sizeof stats);
        (void)sitrep_store_stats_get(sv->wst, &stats);
        fprintf(stderr, "sitrep: stopped; store: %lld articles, %lld incidents\n",
                (long long)stats.articles, (long long)stats.incidents);
    }
    server_free(sv);
    sigaction(SIGPIPE, &oldpipe, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return status;
}
