/*
 * test_readers_web.c - unit tests of the readers for input as it arrives
 * from the web: HTML pages (boilerplate removal, metadata, source map back
 * to the page's bytes, deep nesting), RSS and Atom feeds (items, dates,
 * HTML content, bad XML, entity declarations), WARC files (per-record gzip
 * built here with zlib, zstd, wrong Content-Length, damaged and truncated
 * members, records over the limit with bounded memory), format detection,
 * and allocation failure in every new reader (zlib, zstd, gumbo and expat
 * allocate through the counting allocator too).
 */
#include "sitrep/sitrep.h"
#include "sr_test.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

/* ------------------------------------------------------------ test input */

typedef struct mem_in {
    const char *p;
    size_t n, pos, step;
} mem_in;

static long mem_read(void *ud, void *buf, size_t cap)
{
    mem_in *m = ud;
    size_t k = m->n - m->pos;
    if (k > cap)
        k = cap;
    if (m->step && k > m->step)
        k = m->step;
    memcpy(buf, m->p + m->pos, k);
    m->pos += k;
    return (long)k;
}

/* Counting allocator: bytes outstanding and at peak; fails the fail_nth
 * allocation (1-based; 0: never). */
typedef struct count_alloc {
    size_t outstanding, peak;
    long nallocs, fail_nth;
    int failed;
} count_alloc;

static void *count_fn(void *ud, void *ptr, size_t old_size, size_t size)
{
    count_alloc *c = ud;
    if (size == 0) {
        if (ptr)
            c->outstanding -= old_size;
        free(ptr);
        return NULL;
    }
    c->nallocs++;
    if (c->fail_nth && c->nallocs == c->fail_nth) {
        c->failed = 1;
        return NULL;
    }
    void *q = realloc(ptr, size);
    if (!q)
        return NULL;
    c->outstanding += size - (ptr ? old_size : 0);
    if (c->outstanding > c->peak)
        c->peak = c->outstanding;
    return q;
}

/* Articles of one run, flattened: "KIND|url|published|title|text\n" per
 * article, "ERR<status>|message\n" per error. */
typedef struct run_out {
    char buf[65536];
    size_t len;
    int articles, errors;
    sitrep_format format;
    count_alloc ca;
    sitrep_status first_fatal;
} run_out;

static void add(run_out *o, const char *p, size_t n)
{
    if (n == 0)
        return; /* an absent field may be {NULL, 0} */
    if (n > sizeof o->buf - 1 - o->len)
        n = sizeof o->buf - 1 - o->len;
    memcpy(o->buf + o->len, p, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

static void adds(run_out *o, const char *s)
{
    add(o, s, strlen(s));
}

/* Nonzero: read_all asks the reader to defer HTML pages (defer_html) and
 * parses them with a sitrep_page, as the command does with --jobs. */
static int defer_pages;

/* Read everything of p[0..n) with the format; returns 0 on a clean run
 * (reader created), -1 when creation failed.  Each article is a line of
 * url|published|title|source|text, then a line of its id, input offset
 * and first source-map runs. */
static int read_all(run_out *o, const char *p, size_t n, sitrep_format fmt, size_t step,
                    size_t max, long fail_nth)
{
    memset(o, 0, sizeof *o);
    o->ca.fail_nth = fail_nth;
    mem_in in = {p, n, 0, step};
    sitrep_allocator al = {count_fn, &o->ca};
    sitrep_reader_config cfg = {"input", fmt, mem_read, &in, &al, max, defer_pages};
    sitrep_reader *r = NULL;
    sitrep_page *pg = NULL;
    if (defer_pages && sitrep_page_create(&al, max, &pg) != SITREP_OK)
        return -1;
    if (sitrep_reader_create(&cfg, &r) != SITREP_OK) {
        sitrep_page_free(pg);
        return -1;
    }
    for (int guard = 0; guard < 10000; guard++) {
        sitrep_article a;
        sitrep_status st = sitrep_reader_next(r, &a);
        if (st == SITREP_END)
            break;
        if (st == SITREP_OK && (a.flags & SITREP_ARTICLE_HTML_PAGE)) {
            sitrep_article raw = a;
            st = sitrep_page_parse(pg, &raw, &a);
            if (st == SITREP_E_EMPTY)
                continue; /* the reader skips such pages too */
        }
        if (st != SITREP_OK) {
            char line[400];
            snprintf(line, sizeof line, "ERR%d|%s\n", (int)st, sitrep_reader_errmsg(r));
            adds(o, line);
            o->errors++;
            if (st == SITREP_E_NOMEM && !o->first_fatal)
                o->first_fatal = st;
            continue;
        }
        o->articles++;
        add(o, a.url.ptr, a.url.len);
        adds(o, "|");
        add(o, a.published.ptr, a.published.len);
        adds(o, "|");
        add(o, a.title.ptr, a.title.len);
        adds(o, "|");
        add(o, a.source.ptr, a.source.len);
        adds(o, "|");
        add(o, a.text.ptr, a.text.len);
        adds(o, "\n");
        char line[200];
        snprintf(line, sizeof line, "M|%d|%llu|", (int)(a.flags & SITREP_ARTICLE_HTML_PAGE),
                 (unsigned long long)a.input_offset);
        adds(o, line);
        add(o, a.id.ptr, a.id.len);
        for (size_t i = 0; a.source_map && i < a.source_map->nspans && i < 4; i++) {
            snprintf(line, sizeof line, "|%zu>%llu", a.source_map->spans[i].text_offset,
                     (unsigned long long)a.source_map->spans[i].source_offset);
            adds(o, line);
        }
        adds(o, "\n");
    }
    o->format = sitrep_reader_format(r);
    sitrep_reader_free(r);
    sitrep_page_free(pg);
    return 0;
}

/* ----------------------------------------------------------- fixtures */

static const char page[] =
    "<!DOCTYPE html>\n<html><head>\n"
    "<title>Fallback title | Courier</title>\n"
    "<meta property=\"og:title\" content=\"Bus attack in Quetta\">\n"
    "<meta property=\"og:site_name\" content=\"The Courier\">\n"
    "<meta property=\"article:published_time\" content=\"2019-02-17T10:00:00Z\">\n"
    "<link rel=\"canonical\" href=\"https://courier.example/quetta\">\n"
    "<script>var x = 'a bomb in a script';</script><style>p{}</style>\n"
    "</head><body>\n"
    "<div class=\"cookie-consent\">We use cookies. Accept?</div>\n"
    "<nav><a href=\"/\">Home</a><a href=\"/world\">World</a></nav>\n"
    "<article><h1>Bus attack in Quetta</h1>\n"
    "<p>QUETTA &ndash; Gunmen   attacked a bus\n   near Quetta on Sunday, killing seven passengers, police said.</p>\n"
    "<p>Officials said R&amp;D staff were among the wounded.</p>\n"
    "<ul><li><a href=\"/1\">Related story one</a></li><li><a href=\"/2\">Related story two</a></li></ul>\n"
    "</article>\n<footer>Copyright The Courier</footer></body></html>\n";

static void test_html_page(void)
{
    run_out o;
    CHECK_EQ_INT(read_all(&o, page, sizeof page - 1, SITREP_FORMAT_AUTO, 0, 0, 0), 0);
    CHECK_EQ_INT(o.format, SITREP_FORMAT_HTML);
    CHECK_EQ_INT(o.articles, 1);
    CHECK(strstr(o.buf, "https://courier.example/quetta|2019-02-17T10:00:00Z|Bus attack in Quetta|The Courier|") != NULL);
    CHECK(strstr(o.buf, "Gunmen attacked a bus near Quetta on Sunday") != NULL);
    CHECK(strstr(o.buf, "R&D staff") != NULL);
    CHECK(strstr(o.buf, "\xe2\x80\x93 Gunmen") != NULL); /* &ndash; decoded */
    CHECK(strstr(o.buf, "cookies") == NULL);
    CHECK(strstr(o.buf, "script") == NULL);
    CHECK(strstr(o.buf, "Home") == NULL);
    CHECK(strstr(o.buf, "Related story") == NULL);
    CHECK(strstr(o.buf, "Copyright") == NULL);
    CHECK(strstr(o.buf, "said.\n\nOfficials") != NULL); /* paragraphs */
    CHECK_EQ_INT(o.ca.outstanding, 0);
}

/* Every source offset points at the same byte in the page (or, for a
 * decoded reference or collapsed white space, at its first byte). */
static void test_html_source_map(void)
{
    mem_in in = {page, sizeof page - 1, 0, 7};
    sitrep_reader_config cfg = {"p", SITREP_FORMAT_HTML, mem_read, &in, NULL, 0, 0};
    sitrep_reader *r;
    CHECK_EQ_INT(sitrep_reader_create(&cfg, &r), SITREP_OK);
    sitrep_article a;
    CHECK_EQ_INT(sitrep_reader_next(r, &a), SITREP_OK);
    CHECK(a.source_map != NULL && a.source_map->nspans > 1);
    size_t exact = 0, other = 0;
    for (size_t i = 0; i < a.text.len; i++) {
        uint64_t s;
        CHECK(sitrep_article_source_offset(&a, i, &s));
        CHECK(s < sizeof page - 1);
        if (s >= sizeof page - 1)
            break;
        char c = a.text.ptr[i];
        if (page[s] == c)
            exact++;
        else if (page[s] == '&' || page[s] == ' ' || page[s] == '\n' || c == '\n' ||
                 (unsigned char)c >= 0x80)
            other++;
        else
            { fprintf(stderr, "text %zu %c -> src %llu %c\n", i, c, (unsigned long long)s, page[s]); CHECK(!"source offset points at another byte"); }
    }
    CHECK(exact > a.text.len * 9 / 10);
    /* "near Quetta": the word is found where the map says */
    const char *w = strstr(a.text.ptr, "near Quetta");
    CHECK(w != NULL);
    if (w) {
        uint64_t s;
        CHECK(sitrep_article_source_offset(&a, (size_t)(w - a.text.ptr), &s));
        CHECK(memcmp(page + s, "near Quetta", 11) == 0);
    }
    /* JSON output carries source offsets for HTML articles */
    sitrep_reader_free(r);
}

static void test_html_nested_and_broken(void)
{
    /* 10,000 nested divs, unclosed, then text */
    size_t depth = 10000;
    size_t n = depth * 5 + 200;
    char *p = malloc(n);
    size_t k = 0;
    for (size_t i = 0; i < depth; i++) {
        memcpy(p + k, "<div>", 5);
        k += 5;
    }
    k += (size_t)snprintf(p + k, n - k, "<p>A bomb exploded in Mosul, killing two.<b><i>unclosed");
    run_out o;
    CHECK_EQ_INT(read_all(&o, p, k, SITREP_FORMAT_HTML, 0, 0, 0), 0);
    CHECK_EQ_INT(o.articles, 1);
    CHECK(strstr(o.buf, "A bomb exploded in Mosul, killing two. unclosed") != NULL ||
          strstr(o.buf, "A bomb exploded in Mosul, killing two.unclosed") != NULL);
    CHECK_EQ_INT(o.ca.outstanding, 0);
    /* 100,000 nested: cut at the depth guard, no crash, best effort */
    size_t d2 = 100000;
    char *q = malloc(d2 * 5 + 64);
    k = 0;
    memcpy(q, "<p>Start text here.</p>", 23);
    k = 23;
    for (size_t i = 0; i < d2; i++) {
        memcpy(q + k, "<div>", 5);
        k += 5;
    }
    CHECK_EQ_INT(read_all(&o, q, k, SITREP_FORMAT_HTML, 0, 0, 0), 0);
    CHECK(strstr(o.buf, "Start text here.") != NULL);
    free(q);
    /* no text at all */
    CHECK_EQ_INT(read_all(&o, "<html><body><script>x</script></body></html>", 44,
                          SITREP_FORMAT_HTML, 0, 0, 0), 0);
    CHECK_EQ_INT(o.articles, 0);
    CHECK(strstr(o.buf, "ERR8|no text in the page") != NULL);
    /* invalid UTF-8 in text, title and attributes */
    static const char bad[] = "<html><head><title>T\xff\xfeitle</title>"
                              "<meta property=\"og:site_name\" content=\"S\xc3\"></head>"
                              "<body><p>Text \xed\xa0\x80 with bad bytes \xc0\xaf here.</p></body></html>";
    CHECK_EQ_INT(read_all(&o, bad, sizeof bad - 1, SITREP_FORMAT_AUTO, 3, 0, 0), 0);
    CHECK_EQ_INT(o.articles, 1);
    CHECK(strstr(o.buf, "with bad bytes") != NULL);
    free(p);
}

static const char rss[] =
    "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
    "<channel><title>Wire News</title>\n"
    "<item><title>Blast in Kirkuk</title><link>https://w.example/1</link>"
    "<pubDate>Sun, 5 Jan 2020 07:30:00 +0300</pubDate>"
    "<description>&lt;p&gt;A roadside bomb killed three soldiers in Kirkuk.&lt;/p&gt;</description></item>\n"
    "<item><title>Second</title><guid>g2</guid><pubDate>Mon, 06 Jan 20 08:00 GMT</pubDate>"
    "<content:encoded><![CDATA[<div>Two <b>policemen</b> were shot dead in Basra.</div>]]></content:encoded>"
    "<description>unused</description></item>\n"
    "</channel></rss>\n";

static void test_feed_rss(void)
{
    run_out o;
    for (size_t step = 0; step < 4; step++) {
        CHECK_EQ_INT(read_all(&o, rss, sizeof rss - 1, SITREP_FORMAT_AUTO, step * 5, 0, 0), 0);
        CHECK_EQ_INT(o.format, SITREP_FORMAT_FEED);
        CHECK_EQ_INT(o.articles, 2);
        CHECK_EQ_INT(o.errors, 0);
        CHECK(strstr(o.buf, "https://w.example/1|2020-01-05T07:30:00+03:00|Blast in Kirkuk|Wire News|"
                            "A roadside bomb killed three soldiers in Kirkuk.\n") != NULL);
        CHECK(strstr(o.buf, "|2020-01-06T08:00:00Z|Second|Wire News|Two policemen were shot dead in Basra.\n") != NULL);
        CHECK_EQ_INT(o.ca.outstanding, 0);
    }
}

static const char atom[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
    "<title>Observer</title><entry><title>Quake</title>"
    "<link rel=\"enclosure\" href=\"https://o.example/p.jpg\"/>"
    "<link href=\"https://o.example/quake\"/><updated>2020-03-01T00:00:00Z</updated>"
    "<published>2020-02-29T22:00:00Z</published>"
    "<content type=\"html\">&lt;p&gt;An earthquake killed 20 people in Van.&lt;/p&gt;</content></entry>"
    "<entry><title>Text only</title><summary>Plain &lt;b&gt; text summary.</summary></entry></feed>";

static void test_feed_atom(void)
{
    run_out o;
    CHECK_EQ_INT(read_all(&o, atom, sizeof atom - 1, SITREP_FORMAT_AUTO, 0, 0, 0), 0);
    CHECK_EQ_INT(o.format, SITREP_FORMAT_FEED);
    CHECK_EQ_INT(o.articles, 2);
    CHECK(strstr(o.buf, "https://o.example/quake|2020-02-29T22:00:00Z|Quake|Observer|An earthquake killed 20 people in Van.\n") != NULL);
    CHECK(strstr(o.buf, "||Text only|Observer|Plain <b> text summary.\n") != NULL);
}

static void test_feed_bad(void)
{
    run_out o;
    /* an XML error after one good item: the item, then the error */
    static const char broken[] = "<rss><channel><item><title>One</title><description>Gunmen killed two.</description></item>"
                                 "<item><title>Two</title></chanel></rss>";
    CHECK_EQ_INT(read_all(&o, broken, sizeof broken - 1, SITREP_FORMAT_FEED, 0, 0, 0), 0);
    CHECK_EQ_INT(o.articles, 1);
    CHECK_EQ_INT(o.errors, 1);
    CHECK(strstr(o.buf, "ERR3|line 1, column") != NULL);
    CHECK(strstr(o.buf, "mismatched tag") != NULL);
    /* entity declarations (billion laughs) are refused */
    static const char lol[] = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">"
                              "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><rss><channel><item>"
                              "<title>&b;</title></item></channel></rss>";
    CHECK_EQ_INT(read_all(&o, lol, sizeof lol - 1, SITREP_FORMAT_AUTO, 0, 0, 0), 0);
    CHECK_EQ_INT(o.articles, 0);
    CHECK(strstr(o.buf, "entity declarations are not allowed") != NULL);
    /* not a feed */
    CHECK_EQ_INT(read_all(&o, "<html><body>x</body></html>", 27, SITREP_FORMAT_FEED, 0, 0, 0), 0);
    CHECK(strstr(o.buf, "not an RSS or Atom feed") != NULL);
    /* invalid UTF-8 inside an element: expat refuses it */
    static const char badu[] = "<rss><channel><item><title>\xff</title></item></channel></rss>";
    CHECK_EQ_INT(read_all(&o, badu, sizeof badu - 1, SITREP_FORMAT_FEED, 0, 0, 0), 0);
    CHECK_EQ_INT(o.errors, 1);
    /* an item over the limit is skipped, the next one read */
    char big[4096];
    int k = snprintf(big, sizeof big, "<rss><channel><item><description>");
    memset(big + k, 'x', 2000);
    k += 2000;
    k += snprintf(big + k, sizeof big - (size_t)k,
                  "</description></item><item><title>Small</title></item></channel></rss>");
    CHECK_EQ_INT(read_all(&o, big, (size_t)k, SITREP_FORMAT_FEED, 0, 1000, 0), 0);
    CHECK_EQ_INT(o.articles, 1);
    CHECK(strstr(o.buf, "ERR5|line 1: item larger than the limit") != NULL);
    CHECK_EQ_INT(o.ca.outstanding, 0);
}

/* ------------------------------------------------------------------ WARC */

typedef struct wbuf {
    char *p;
    size_t len, cap;
} wbuf;

static void wb_add(wbuf *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2 + 1024;
        b->p = realloc(b->p, b->cap);
    }
    memcpy(b->p + b->len, p, n);
    b->len += n;
}

/* One WARC record (plain) into b. */
static void warc_record(wbuf *b, const char *type, const char *uri, const char *block,
                        size_t blen, long len_delta)
{
    char h[512];
    int k = snprintf(h, sizeof h,
                     "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Date: 2021-01-02T03:04:05Z\r\n"
                     "WARC-Record-ID: <urn:uuid:%s>\r\nWARC-Target-URI: %s\r\n"
                     "Content-Length: %ld\r\n\r\n",
                     type, uri, uri, (long)blen + len_delta);
    wb_add(b, h, (size_t)k);
    wb_add(b, block, blen);
    wb_add(b, "\r\n\r\n", 4);
}

static void http_page(wbuf *b, const char *ctype, const char *body)
{
    char h[256];
    int k = snprintf(h, sizeof h, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\n\r\n", ctype);
    b->len = 0;
    wb_add(b, h, (size_t)k);
    wb_add(b, body, strlen(body));
}

/* gzip p[0..n) as one member appended to out. */
static void gz_member(wbuf *out, const char *p, size_t n)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    CHECK_EQ_INT(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, (uLong)n);
    char *tmp = malloc(cap);
    z.next_in = (Bytef *)(uintptr_t)p;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)tmp;
    z.avail_out = (uInt)cap;
    CHECK_EQ_INT(deflate(&z, Z_FINISH), Z_STREAM_END);
    wb_add(out, tmp, cap - z.avail_out);
    deflateEnd(&z);
    free(tmp);
}

/* A WARC of 4 records: warcinfo, page A, an image, page B. Record i is
 * rec[i] (plain); *all is their concatenation. */
static void make_warc(wbuf rec[4], wbuf *all, long delta_a)
{
    wbuf blk = {0};
    for (int i = 0; i < 4; i++)
        rec[i].len = 0;
    warc_record(&rec[0], "warcinfo", "", "software: test\r\n", 16, 0);
    http_page(&blk, "text/html; charset=utf-8",
              "<html><head><title>Page A</title></head><body><p>Rebels shelled Idlib on Friday, "
              "killing five civilians.</p></body></html>");
    warc_record(&rec[1], "response", "https://a.example/a", blk.p, blk.len, delta_a);
    http_page(&blk, "image/png", "PNGDATA");
    warc_record(&rec[2], "response", "https://a.example/i.png", blk.p, blk.len, 0);
    http_page(&blk, "text/html", "<p>A landslide killed 30 people in Kerala on Tuesday.</p>");
    warc_record(&rec[3], "response", "https://b.example/b", blk.p, blk.len, 0);
    all->len = 0;
    for (int i = 0; i < 4; i++)
        wb_add(all, rec[i].p, rec[i].len);
    free(blk.p);
}

static void test_warc_plain_gzip_zstd(void)
{
    wbuf rec[4] = {{0}}, all = {0}, gz = {0};
    make_warc(rec, &all, 0);
    run_out o;
    CHECK_EQ_INT(read_all(&o, all.p, all.len, SITREP_FORMAT_AUTO, 0, 0, 0), 0);
    CHECK_EQ_INT(o.format, SITREP_FORMAT_WARC);
    CHECK_EQ_INT(o.articles, 2);
    CHECK_EQ_INT(o.errors, 0);
    CHECK(strstr(o.buf, "https://a.example/a|2021-01-02T03:04:05Z|Page A||Rebels shelled Idlib on Friday, killing five civilians.\n") != NULL);
    CHECK(strstr(o.buf, "https://b.example/b|2021-01-02T03:04:05Z|||A landslide killed 30 people in Kerala on Tuesday.\n") != NULL);
    char expect[65536];
    memcpy(expect, o.buf, o.len + 1);

    /* gzip per record, as CC-NEWS; read in odd-sized pieces */
    for (int i = 0; i < 4; i++)
        gz_member(&gz, rec[i].p, rec[i].len);
    for (size_t step = 0; step < 3; step++) {
        CHECK_EQ_INT(read_all(&o, gz.p, gz.len, SITREP_FORMAT_AUTO, step * 13, 0, 0), 0);
        CHECK_EQ_INT(o.format, SITREP_FORMAT_WARC);
        CHECK_EQ_INT(strcmp(o.buf, expect), 0);
        CHECK_EQ_INT(o.ca.outstanding, 0);
    }

    /* pages deferred to sitrep_page_parse: the same articles, ids, input
     * offsets and source maps */
    defer_pages = 1;
    for (size_t step = 0; step < 2; step++) {
        CHECK_EQ_INT(read_all(&o, step ? gz.p : all.p, step ? gz.len : all.len,
                              SITREP_FORMAT_AUTO, 0, 0, 0), 0);
        CHECK_EQ_INT(strcmp(o.buf, expect), 0);
        CHECK_EQ_INT(o.ca.outstanding, 0);
    }
    defer_pages = 0;
    {
        /* an article that is not a deferred page */
        sitrep_page *pg = NULL;
        CHECK_EQ_INT(sitrep_page_create(NULL, 0, &pg), SITREP_OK);
        sitrep_article plain, out;
        memset(&plain, 0, sizeof plain);
        plain.text.ptr = "<p>x</p>";
        plain.text.len = 8;
        CHECK_EQ_INT(sitrep_page_parse(pg, &plain, &out), SITREP_E_ARG);
        /* a page without text */
        plain.flags = SITREP_ARTICLE_HTML_PAGE;
        plain.text.ptr = "<html><body><nav>x</nav></body></html>";
        plain.text.len = strlen(plain.text.ptr);
        CHECK_EQ_INT(sitrep_page_parse(pg, &plain, &out), SITREP_E_EMPTY);
        sitrep_page_free(pg);
        sitrep_page_free(NULL);
    }

    /* zstd */
    size_t zcap = ZSTD_compressBound(all.len);
    char *z = malloc(zcap);
    size_t zn = ZSTD_compress(z, zcap, all.p, all.len, 3);
    CHECK(!ZSTD_isError(zn));
    CHECK_EQ_INT(read_all(&o, z, zn, SITREP_FORMAT_AUTO, 0, 0, 0), 0);
    CHECK_EQ_INT(o.format, SITREP_FORMAT_WARC);
    CHECK_EQ_INT(strcmp(o.buf, expect), 0);
    /* truncated zstd: what was decoded, then an error */
    CHECK_EQ_INT(read_all(&o, z, zn - 20, SITREP_FORMAT_AUTO, 0, 0, 0), 0);
    CHECK(o.errors >= 1);
    free(z);

    /* a JSON Lines file, gzip-compressed */
    static const char jl[] = "{\"text\":\"A bomb killed two in Aden.\"}\n{\"text\":\"Second.\"}\n";
    wbuf g2 = {0};
    gz_member(&g2, jl, sizeof jl - 1);
    CHECK_EQ_INT(read_all(&o, g2.p, g2.len, SITREP_FORMAT_AUTO, 0, 0, 0), 0);
    CHECK_EQ_INT(o.format, SITREP_FORMAT_JSONL);
    CHECK_EQ_INT(o.articles, 2);
    /* truncated gzip: the complete line, then the error */
    CHECK_EQ_INT(read_all(&o, g2.p, g2.len - 12, SITREP_FORMAT_AUTO, 0, 0, 0), 0);
    CHECK(strstr(o.buf, "ERR3|gzip data cut short") != NULL);
    free(g2.p);
    for (int i = 0; i < 4; i++)
        free(rec[i].p);
    free(all.p);
    free(gz.p);
}

static void test_warc_damage(void)
{
    wbuf rec[4] = {{0}}, all = {0}, gz = {0};
    run_out o;
    /* wrong Content-Length (too short) on page A: reported, B still read */
    make_warc(rec, &all, -30);
    CHECK_EQ_INT(read_all(&o, all.p, all.len, SITREP_FORMAT_WARC, 0, 0, 0), 0);
    CHECK_EQ_INT(o.articles, 1);
    CHECK(strstr(o.buf, "does not match the record") != NULL);
    CHECK(strstr(o.buf, "Kerala") != NULL);
    /* too long: runs into the next record */
    make_warc(rec, &all, 25);
    CHECK_EQ_INT(read_all(&o, all.p, all.len, SITREP_FORMAT_WARC, 0, 0, 0), 0);
    CHECK(o.errors >= 1);
    CHECK(strstr(o.buf, "Kerala") != NULL);

    /* a damaged gzip member (page A): reported, the others read */
    make_warc(rec, &all, 0);
    for (int i = 0; i < 4; i++) {
        size_t at = gz.len;
        gz_member(&gz, rec[i].p, rec[i].len);
        if (i == 1)
            for (size_t k = at + 20; k < at + 40; k++)
                gz.p[k] ^= 0x55;
    }
    CHECK_EQ_INT(read_all(&o, gz.p, gz.len, SITREP_FORMAT_AUTO, 0, 0, 0), 0);
    CHECK(o.errors >= 1);
    CHECK(strstr(o.buf, "Kerala") != NULL);
    CHECK(strstr(o.buf, "Idlib") == NULL);
    CHECK_EQ_INT(o.ca.outstanding, 0);

    /* truncated in the last member */
    gz.len = 0;
    for (int i = 0; i < 4; i++)
        gz_member(&gz, rec[i].p, rec[i].len);
    CHECK_EQ_INT(read_all(&o, gz.p, gz.len - 30, SITREP_FORMAT_AUTO, 0, 0, 0), 0);
    CHECK_EQ_INT(o.articles, 1);
    CHECK_EQ_INT(o.errors, 1);
    CHECK(strstr(o.buf, "cut short") != NULL);

    /* garbage between records: skipped to the next WARC/1. line */
    all.len = 0;
    wb_add(&all, rec[1].p, rec[1].len);
    wb_add(&all, "garbage line\r\nmore\r\n", 20);
    wb_add(&all, rec[3].p, rec[3].len);
    CHECK_EQ_INT(read_all(&o, all.p, all.len, SITREP_FORMAT_WARC, 0, 0, 0), 0);
    CHECK(strstr(o.buf, "does not match the record") != NULL || strstr(o.buf, "not a WARC record") != NULL);
    CHECK(strstr(o.buf, "Kerala") != NULL);
    for (int i = 0; i < 4; i++)
        free(rec[i].p);
    free(all.p);
    free(gz.p);
}

/* Many large records with a small limit: memory stays bounded whatever the
 * input size; over-limit records are skipped unbuffered. */
static void test_warc_bounded_memory(void)
{
    wbuf all = {0}, blk = {0}, body = {0};
    for (int i = 0; i < 2000; i++)
        wb_add(&body, "<p>Shelling killed two in Donetsk.</p>\n", 39);
    wb_add(&body, "", 1);
    http_page(&blk, "text/html", body.p);
    for (int i = 0; i < 60; i++)
        warc_record(&all, "response", "https://x.example/", blk.p, blk.len, 0);
    run_out o;
    CHECK_EQ_INT(read_all(&o, all.p, all.len, SITREP_FORMAT_AUTO, 0, 200000, 0), 0);
    CHECK_EQ_INT(o.articles, 60);
    size_t peak60 = o.ca.peak;
    /* the same limit, a tenth of the record size: all skipped */
    CHECK_EQ_INT(read_all(&o, all.p, all.len, SITREP_FORMAT_AUTO, 0, 8000, 0), 0);
    CHECK_EQ_INT(o.articles, 0);
    CHECK_EQ_INT(o.errors, 60);
    CHECK(strstr(o.buf, "larger than the limit") != NULL);
    CHECK(o.ca.peak < 8000 * 2 + 400000);
    /* half the records: about the same peak */
    CHECK_EQ_INT(read_all(&o, all.p, all.len / 2, SITREP_FORMAT_AUTO, 0, 200000, 0), 0);
    CHECK(o.ca.peak * 10 >= peak60 * 8);
    CHECK(peak60 < (size_t)4 << 20); /* a record, its page and a chunk or two */
    free(all.p);
    free(blk.p);
    free(body.p);
}

static void test_detection(void)
{
    run_out o;
    CHECK_EQ_INT(read_all(&o, "  <?xml version=\"1.0\"?>\n<!-- c -->\n<feed><entry><title>t</title></entry></feed>", 79,
                          SITREP_FORMAT_AUTO, 0, 0, 0), 0);
    CHECK_EQ_INT(o.format, SITREP_FORMAT_FEED);
    CHECK_EQ_INT(read_all(&o, "<p>Just a fragment about a bombing.</p>", 39, SITREP_FORMAT_AUTO, 0, 0, 0), 0);
    CHECK_EQ_INT(o.format, SITREP_FORMAT_HTML);
    CHECK_EQ_INT(read_all(&o, "Plain text <b> with a tag later.", 32, SITREP_FORMAT_AUTO, 0, 0, 0), 0);
    CHECK_EQ_INT(o.format, SITREP_FORMAT_TEXT);
    /* forced format wins */
    CHECK_EQ_INT(read_all(&o, page, sizeof page - 1, SITREP_FORMAT_TEXT, 0, 0, 0), 0);
    CHECK_EQ_INT(o.format, SITREP_FORMAT_TEXT);
    CHECK(strstr(o.buf, "<script>") != NULL);
    /* gzip of garbage that is not gzip after the magic */
    static const char fake[] = "\x1f\x8b\x08garbage that is not deflate data at all";
    CHECK_EQ_INT(read_all(&o, fake, sizeof fake - 1, SITREP_FORMAT_AUTO, 0, 0, 0), 0);
    CHECK(o.errors >= 1);
    /* a zstd frame damaged in its header: skipped, not retried forever
     * (found by fuzz_gzip) */
    static const char zbad[] = "\x28\xb5\x2f\xfd\x64\x55\x09\x4d\x1d\x3a\xe6\x33\x9d\x2e\xe0\x8e"
                               "\x28\xb5\x2f\xfd\x01\x02\x03garbage";
    CHECK_EQ_INT(read_all(&o, zbad, sizeof zbad - 1, SITREP_FORMAT_AUTO, 0, 0, 0), 0);
    CHECK(o.errors >= 1);
    static const char gbad[] = "\x1f\x8b\x08\xff\xff\xff\xff\xff\xff\xff\x1f\x8b\x08\x01\x02";
    CHECK_EQ_INT(read_all(&o, gbad, sizeof gbad - 1, SITREP_FORMAT_AUTO, 0, 0, 0), 0);
    CHECK(o.errors >= 1);
    CHECK_EQ_INT(o.ca.outstanding, 0);
}

/* Fail each allocation in turn: every run ends (error or not) with nothing
 * leaked, and a failing run reports SITREP_E_NOMEM. */
static void torture(const char *p, size_t n, sitrep_format fmt, const char *what)
{
    run_out *o = malloc(sizeof *o);
    CHECK_EQ_INT(read_all(o, p, n, fmt, 0, 0, 0), 0);
    long total = o->ca.nallocs;
    char *ref = malloc(o->len + 1);
    memcpy(ref, o->buf, o->len + 1);
    long failing = 0;
    for (long nth = 1; nth <= total + 1; nth++) {
        int rc = read_all(o, p, n, fmt, 0, 0, nth);
        if (o->ca.outstanding != 0) {
            fprintf(stderr, "%s: failing allocation %ld of %ld leaks %zu bytes\n", what, nth, total,
                    o->ca.outstanding);
            sr_test_failures++;
            break;
        }
        if (!o->ca.failed) {
            CHECK_EQ_INT(rc, 0);
            CHECK_EQ_INT(strcmp(o->buf, ref), 0);
            continue;
        }
        failing++;
        if (rc == 0 && strcmp(o->buf, ref) != 0 && strstr(o->buf, "ERR1|") == NULL) {
            fprintf(stderr, "%s: failing allocation %ld: output differs without an out-of-memory error\n%s\n",
                    what, nth, o->buf);
            sr_test_failures++;
        }
    }
    CHECK(failing >= total);
    free(ref);
    free(o);
}

static void test_alloc_failures(void)
{
    torture(page, sizeof page - 1, SITREP_FORMAT_AUTO, "html");
    torture(rss, sizeof rss - 1, SITREP_FORMAT_AUTO, "rss");
    torture(atom, sizeof atom - 1, SITREP_FORMAT_AUTO, "atom");
    wbuf rec[4] = {{0}}, all = {0}, gz = {0};
    make_warc(rec, &all, 0);
    for (int i = 0; i < 4; i++)
        gz_member(&gz, rec[i].p, rec[i].len);
    torture(gz.p, gz.len, SITREP_FORMAT_AUTO, "warc.gz");
    defer_pages = 1;
    torture(gz.p, gz.len, SITREP_FORMAT_AUTO, "warc.gz deferred");
    defer_pages = 0;
    size_t zcap = ZSTD_compressBound(all.len);
    char *z = malloc(zcap);
    size_t zn = ZSTD_compress(z, zcap, all.p, all.len, 3);
    torture(z, zn, SITREP_FORMAT_AUTO, "warc.zst");
    free(z);
    for (int i = 0; i < 4; i++)
        free(rec[i].p);
    free(all.p);
    free(gz.p);
}

SR_TEST_MAIN("readers_web",
             {"html_page", test_html_page},
             {"html_source_map", test_html_source_map},
             {"html_nested_and_broken", test_html_nested_and_broken},
             {"feed_rss", test_feed_rss},
             {"feed_atom", test_feed_atom},
             {"feed_bad", test_feed_bad},
             {"warc_plain_gzip_zstd", test_warc_plain_gzip_zstd},
             {"warc_damage", test_warc_damage},
             {"warc_bounded_memory", test_warc_bounded_memory},
             {"detection", test_detection},
             {"alloc_failures", test_alloc_failures})
