/*
 * test_report.c - unit tests of the situation report writer (src/report/,
 * include/sitrep/report.h).  A store is built in a temporary file by
 * ingesting a developing incident (the toll rises over three reports from
 * two outlets) with the real extractor (and the gazetteer build/gazetteer.bin
 * or $SITREP_GAZETTEER when present); both formats are written to memory
 * and checked: every linked number leads to an evidence item with a quoted
 * sentence, the charts end at the store's consolidated values, one marker
 * per incident with coordinates, text from the store and the options is
 * escaped, the Markdown has the history lines.  Then the options, the
 * errors, and allocation failures at every allocation of a report.
 */
#include "sr_test.h"

#include "sitrep/report.h"
#include "sitrep/store.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static int dbn;

/* ------------------------------------------------------------ fixtures */

typedef struct fixture {
    const char *id, *url, *source, *published, *text;
} fixture;

/* A suicide bombing in Peshawar: 9, then 17, then 21 killed; two outlets,
 * one with markup in its name. */
static const fixture developing[] = {
    {"peshawar-1", "https://frontier.example.net/2023/09/04/peshawar-police-station-blast",
     "Frontier Post", "2023-09-04T08:10:00Z",
     "PESHAWAR, Pakistan (Frontier Post) - A suicide bomber blew himself up at the gate of a "
     "police station in Peshawar on Monday morning, killing at least 9 people and wounding 14 "
     "others, police said.\n\nThe wounded were taken to Lady Reading Hospital."},
    {"peshawar-2", "https://herald.example.org/news/peshawar-bombing-toll-17",
     "Indus <Herald> & Co", "2023-09-04T13:30:00Z",
     "PESHAWAR, Pakistan - The death toll from Monday's suicide bombing at a police station in "
     "Peshawar rose to 17, a hospital spokesman said. At least 30 people were wounded.\n\nThe "
     "provincial government announced three days of mourning."},
    {"peshawar-3", "https://frontier.example.net/2023/09/05/ttp-claims-peshawar-attack",
     "Frontier Post", "2023-09-05T07:45:00Z",
     "PESHAWAR, Pakistan (Frontier Post) - Tehrik-i-Taliban Pakistan claimed responsibility on "
     "Tuesday for the suicide bombing at a police station in Peshawar that killed 21 people, the "
     "provincial health minister said. Another 38 people were wounded in Monday's attack."},
};

/* Another incident, with a lower toll and a URL that must not be linked. */
static const fixture other = {
    "nepal-1", "javascript:alert(1)", "Valley Times", "2023-09-06T05:00:00Z",
    "KATHMANDU, Nepal - A landslide buried three houses in Sindhupalchok district on "
    "Wednesday, killing 4 people, police said."};

static sitrep_str S(const char *p)
{
    sitrep_str s = {p, p ? strlen(p) : 0};
    return s;
}

static const char *gazetteer_path(void)
{
    const char *p = getenv("SITREP_GAZETTEER");
    return p && *p ? p : "build/gazetteer.bin";
}

static void ingest(sitrep_store *st, sitrep *s, const fixture *f)
{
    sitrep_article a;
    memset(&a, 0, sizeof a);
    a.id = S(f->id);
    a.url = S(f->url);
    a.source = S(f->source);
    a.published = S(f->published);
    a.text = S(f->text);
    sitrep_date none = {0, 0, 0};
    CHECK_EQ_INT(sitrep_store_ingest(st, s, &a, none, NULL), SITREP_OK);
}

/* A new store at path holding the developing incident (and the other one
 * when with_other). */
static void build_store(char *path, size_t n, int with_other)
{
    snprintf(path, n, "%s/r%d.db", dir, ++dbn);
    sitrep_config cfg;
    memset(&cfg, 0, sizeof cfg);
    if (access(gazetteer_path(), R_OK) == 0)
        cfg.gazetteer_path = gazetteer_path();
    sitrep *s = NULL;
    if (sitrep_create(&cfg, &s, NULL, 0) != SITREP_OK) {
        cfg.gazetteer_path = NULL;
        CHECK_EQ_INT(sitrep_create(&cfg, &s, NULL, 0), SITREP_OK);
    }
    sitrep_store_config sc;
    memset(&sc, 0, sizeof sc);
    sc.path = path;
    sitrep_store *st = NULL;
    CHECK_EQ_INT(sitrep_store_open(&sc, &st, NULL, 0), SITREP_OK);
    if (!st || !s) {
        sitrep_free(s);
        return;
    }
    for (size_t i = 0; i < sizeof developing / sizeof developing[0]; i++)
        ingest(st, s, &developing[i]);
    if (with_other)
        ingest(st, s, &other);
    sitrep_store_close(st);
    sitrep_free(s);
}

/* A new store (see build_store) opened read-only with the allocator al. */
static sitrep_store *fresh_store(int with_other, const sitrep_allocator *al)
{
    char path[128];
    build_store(path, sizeof path, with_other);
    sitrep_store_config sc;
    memset(&sc, 0, sizeof sc);
    sc.path = path;
    sc.read_only = 1;
    sc.allocator = al;
    sitrep_store *st = NULL;
    CHECK_EQ_INT(sitrep_store_open(&sc, &st, NULL, 0), SITREP_OK);
    return st;
}

/* --------------------------------------------------------- memory sink */

typedef struct mem {
    char *p;
    size_t len, cap;
    int fail_after; /* >0: the n-th write fails */
    int writes;
} mem;

static int mem_write(void *ud, const void *buf, size_t len)
{
    mem *m = ud;
    if (m->fail_after && ++m->writes >= m->fail_after)
        return -1;
    if (m->len + len + 1 > m->cap) {
        size_t nc = (m->len + len + 1) * 2;
        char *g = realloc(m->p, nc);
        if (!g)
            return -1;
        m->p = g;
        m->cap = nc;
    }
    memcpy(m->p + m->len, buf, len);
    m->len += len;
    m->p[m->len] = '\0';
    return 0;
}

static char *write_report(sitrep_store *st, const sitrep_report_options *o, sitrep_status *s)
{
    mem m = {NULL, 0, 0, 0, 0};
    *s = sitrep_report_write(st, o, mem_write, &m);
    if (!m.p)
        m.p = calloc(1, 1);
    return m.p;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0, k = strlen(needle);
    for (const char *p = strstr(hay, needle); p; p = strstr(p + k, needle))
        n++;
    return n;
}

/* ------------------------------------------------------ store queries */

typedef struct incs {
    int n, with_coords;
    int64_t killed[8], injured[8], ids[8];
} incs;

static int on_inc(void *ud, const sitrep_store_incident *inc)
{
    incs *c = ud;
    if (c->n < 8) {
        c->killed[c->n] = inc->figures[SITREP_KILLED].known ? inc->figures[SITREP_KILLED].value : -1;
        c->injured[c->n] = inc->figures[SITREP_INJURED].known ? inc->figures[SITREP_INJURED].value
                                                               : -1;
        c->ids[c->n] = inc->id;
    }
    c->n++;
    c->with_coords += inc->has_coords != 0;
    return 0;
}

static incs list_incidents(sitrep_store *st)
{
    incs in;
    memset(&in, 0, sizeof in);
    CHECK_EQ_INT(sitrep_store_incidents(st, NULL, on_inc, &in), SITREP_OK);
    return in;
}

/* --------------------------------------------------------- HTML checks */

/* Every a.num's target is an li.evidence with a non-empty <q> and
 * <cite>; returns the number of linked numbers. */
static size_t check_num_links(const char *html)
{
    static const char pat[] = "<a class=\"num\" href=\"#";
    size_t n = 0;
    for (const char *p = strstr(html, pat); p; p = strstr(p + 1, pat)) {
        n++;
        const char *id = p + sizeof pat - 1;
        const char *end = strchr(id, '"');
        CHECK(end != NULL && end - id > 3 && strncmp(id, "ev-", 3) == 0);
        if (!end)
            break;
        char want[64];
        snprintf(want, sizeof want, "<li class=\"evidence\" id=\"%.*s\">", (int)(end - id), id);
        const char *li = strstr(html, want);
        CHECK(li != NULL);
        if (!li) {
            fprintf(stderr, "no evidence item %s\n", want);
            continue;
        }
        const char *li_end = strstr(li, "</li>");
        const char *q = strstr(li, "<q>"), *qe = q ? strstr(q, "</q>") : NULL;
        const char *cite = strstr(li, "<cite>"), *ce = cite ? strstr(cite, "</cite>") : NULL;
        CHECK(li_end && q && qe && q < li_end && qe < li_end && qe - q > 3);
        CHECK(cite && ce && cite < li_end && ce - cite > 6);
        CHECK(strstr(li, "<time") != NULL && strstr(li, "<time") < li_end);
        /* The item's id is unique. */
        CHECK_EQ_INT(count(html, want), 1);
    }
    return n;
}

/* data-current of the chart of figure name, -1 when none. */
static long long chart_current(const char *html, const char *figure)
{
    char pat[96];
    snprintf(pat, sizeof pat, "<svg class=\"chart\" data-figure=\"%s\" data-current=\"", figure);
    const char *p = strstr(html, pat);
    return p ? strtoll(p + strlen(pat), NULL, 10) : -1;
}

static void test_setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/sitrep-report-test.XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        exit(2);
    }
}

static void test_html(void)
{
    sitrep_store *st = fresh_store(0, NULL);
    if (!st)
        return;
    incs in = list_incidents(st);
    CHECK_EQ_INT(in.n, 1);
    CHECK_EQ_INT(in.killed[0], 21);
    sitrep_report_options o;
    memset(&o, 0, sizeof o);
    o.title = "<script>alert('x')</script> brief";
    sitrep_status s;
    char *html = write_report(st, &o, &s);
    CHECK_EQ_INT(s, SITREP_OK);
    CHECK(strncmp(html, "<!DOCTYPE html>", 15) == 0);
    CHECK(strstr(html, "</html>\n") != NULL);
    /* Every number linked to its evidence: the table's killed and
     * injured, the two headings, and the six timeline values. */
    size_t nums = check_num_links(html);
    CHECK(nums >= 10);
    /* The charts end at the store's consolidated values. */
    CHECK_EQ_INT(chart_current(html, "killed"), in.killed[0]);
    CHECK_EQ_INT(chart_current(html, "injured"), in.injured[0]);
    /* A step line per credited source (police, a hospital spokesman, the
     * minister) and the consolidated line of the killed chart. */
    const char *kc = strstr(html, "data-figure=\"killed\" data-current");
    const char *kend = kc ? strstr(kc, "</svg>") : NULL;
    CHECK(kc && kend);
    if (kc && kend) {
        size_t lines = 0, cons = 0;
        for (const char *p = strstr(kc, "<polyline class=\"source\""); p && p < kend;
             p = strstr(p + 1, "<polyline class=\"source\""))
            lines++;
        for (const char *p = strstr(kc, "<polyline class=\"consolidated\""); p && p < kend;
             p = strstr(p + 1, "<polyline class=\"consolidated\""))
            cons++;
        CHECK_EQ_INT(lines, 3);
        CHECK_EQ_INT(cons, 1);
        CHECK(strstr(kc, "data-source=\"police\"") != NULL);
    }
    /* The consolidated killed links to the minister's report, whose
     * sentence the evidence quotes. */
    CHECK(strstr(html, "that killed 21 people, the provincial health minister said.</q>") != NULL);
    /* One marker per incident with coordinates, one row, one section. */
    CHECK_EQ_INT(count(html, "<circle class=\"marker\""), in.with_coords);
    CHECK_EQ_INT(count(html, "<tr data-incident=\""), 1);
    CHECK_EQ_INT(count(html, "<section class=\"incident\" id=\"inc-"), 1);
    CHECK(count(html, "<path class=\"country") > 100);
    if (in.with_coords) {
        CHECK(strstr(html, "<path class=\"country hit\" data-cc=\"PK\"") != NULL);
    }
    /* Escaping: the title and the outlet's markup are text; a static
     * report has no script at all. */
    CHECK(strstr(html, "<script") == NULL);
    CHECK(strstr(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; brief") != NULL);
    CHECK(strstr(html, "<cite>Indus &lt;Herald&gt; &amp; Co</cite>") != NULL);
    CHECK(strstr(html, "<Herald>") == NULL);
    /* The claim, with its perpetrator. */
    CHECK(strstr(html, "Tehrik-i-Taliban Pakistan") != NULL);
    CHECK(strstr(html, "claimed") != NULL);
    /* Nothing that a browser would fetch. */
    CHECK(strstr(html, "src=") == NULL);
    CHECK(strstr(html, "@import") == NULL);
    CHECK(strstr(html, "url(") == NULL);
    /* Same store, same bytes. */
    char *again = write_report(st, &o, &s);
    CHECK(strcmp(html, again) == 0);
    free(again);
    free(html);
    sitrep_store_close(st);
}

static void test_markdown(void)
{
    sitrep_store *st = fresh_store(0, NULL);
    if (!st)
        return;
    sitrep_report_options o;
    memset(&o, 0, sizeof o);
    o.format = SITREP_REPORT_MD;
    o.generated = "2023-09-06 12:00 UTC";
    sitrep_status s;
    char *md = write_report(st, &o, &s);
    CHECK_EQ_INT(s, SITREP_OK);
    CHECK(strncmp(md, "# Situation report\n\nPeriod: 2023-09-04 \xC2\xB7 1 incident\n"
                      "Generated: 2023-09-06 12:00 UTC\n", 76) == 0);
    CHECK(strstr(md, "| 1 | 2023-09-04 | Bombing | Peshawar") != NULL);
    CHECK(strstr(md, "| 21 | 38 |") != NULL);
    CHECK(strstr(md, "### Killed: 21 (the provincial health minister, revised)\n") != NULL);
    CHECK(strstr(md, "- 2023-09-04 08:10 Frontier Post: at least 9 killed (police) \xE2\x80\x94 "
                     "\"PESHAWAR, Pakistan (Frontier Post) - A suicide bomber blew himself up") !=
          NULL);
    CHECK(strstr(md, "police said.\" <https://frontier.example.net/2023/09/04/"
                     "peshawar-police-station-blast>\n") != NULL);
    CHECK(strstr(md, "- 2023-09-04 13:30 Indus \\<Herald\\> & Co: 17 killed (a hospital spokesman)") !=
          NULL);
    CHECK(strstr(md, "- 2023-09-05 07:45 Frontier Post: 21 killed (the provincial health "
                     "minister)") != NULL);
    CHECK(strstr(md, "- 2023-09-05 07:45 Frontier Post: 38 injured \xE2\x80\x94 \"Another 38 "
                     "people were wounded in Monday's attack.\"") != NULL);
    /* Plain text: no markup of the HTML report. */
    CHECK(strstr(md, "<a ") == NULL);
    CHECK(strstr(md, "<q>") == NULL);
    CHECK(strstr(md, "&amp;") == NULL);
    free(md);
    sitrep_store_close(st);
}

static void test_ranking_and_detail(void)
{
    sitrep_store *st = fresh_store(1, NULL);
    if (!st)
        return;
    incs in = list_incidents(st);
    CHECK_EQ_INT(in.n, 2);
    sitrep_report_options o;
    memset(&o, 0, sizeof o);
    o.detail = 1;
    sitrep_status s;
    char *html = write_report(st, &o, &s);
    CHECK_EQ_INT(s, SITREP_OK);
    /* Ranked by killed: Peshawar (21) before the landslide (4), although
     * the landslide is the more recent. */
    const char *first = strstr(html, "<tr data-incident=\"");
    CHECK(first != NULL);
    if (first && in.n == 2) {
        int64_t peshawar = in.killed[0] == 21 ? in.ids[0] : in.ids[1];
        CHECK_EQ_INT(strtoll(first + 19, NULL, 10), peshawar);
    }
    CHECK_EQ_INT(count(html, "<tr data-incident=\""), 2);
    CHECK_EQ_INT(count(html, "<section class=\"incident\""), 1);
    /* The other incident's numbers link to the evidence list of the other
     * incidents, and a javascript: URL is not made a link. */
    CHECK(strstr(html, "<section id=\"more-evidence\">") != NULL);
    CHECK(strstr(html, "killing 4 people, police said.</q>") != NULL);
    CHECK(strstr(html, "href=\"javascript") == NULL);
    CHECK(check_num_links(html) >= 11);
    CHECK_EQ_INT(count(html, "<circle class=\"marker\""), in.with_coords);
    free(html);
    /* Filters: a country without incidents gives an empty report. */
    sitrep_store_filter f;
    memset(&f, 0, sizeof f);
    f.min_killed = -1;
    memcpy(f.country, "FR", 3);
    o.filter = &f;
    html = write_report(st, &o, &s);
    CHECK_EQ_INT(s, SITREP_OK);
    CHECK_EQ_INT(count(html, "<tr data-incident=\""), 0);
    CHECK_EQ_INT(count(html, "<circle class=\"marker\""), 0);
    CHECK(strstr(html, "<svg id=\"map\" viewBox=\"0 0 360 180\"") != NULL);
    free(html);
    /* min_killed 10: only Peshawar; limit is ignored. */
    memset(f.country, 0, sizeof f.country);
    f.min_killed = 10;
    f.limit = 1;
    o.format = SITREP_REPORT_MD;
    char *md = write_report(st, &o, &s);
    CHECK_EQ_INT(s, SITREP_OK);
    CHECK(strstr(md, "| 1 | 2023-09-04 | Bombing | Peshawar") != NULL);
    CHECK(strstr(md, "| 2 |") == NULL);
    free(md);
    sitrep_store_close(st);
}

static void test_live_page(void)
{
    sitrep_store *st = fresh_store(0, NULL);
    if (!st)
        return;
    sitrep_report_options o;
    memset(&o, 0, sizeof o);
    o.live_poll_url = "/version";
    o.live_version = 7;
    sitrep_status s;
    char *html = write_report(st, &o, &s);
    CHECK_EQ_INT(s, SITREP_OK);
    CHECK_EQ_INT(count(html, "<script>"), 1);
    CHECK(strstr(html, "setInterval(tick,1000);})(\"/version\",7);</script>") != NULL);
    /* The script is in the head: replacing the body leaves it alone. */
    CHECK(strstr(html, "<script>") < strstr(html, "<body>"));
    free(html);
    /* A poll URL that tries to close the script is escaped. */
    o.live_poll_url = "/v\"</script><script>alert(1)//";
    html = write_report(st, &o, &s);
    CHECK_EQ_INT(s, SITREP_OK);
    CHECK_EQ_INT(count(html, "<script>"), 1);
    CHECK_EQ_INT(count(html, "</script>"), 1);
    free(html);
    sitrep_store_close(st);
}

static void test_errors(void)
{
    sitrep_store *st = fresh_store(0, NULL);
    if (!st)
        return;
    sitrep_report_options o;
    memset(&o, 0, sizeof o);
    mem m = {NULL, 0, 0, 0, 0};
    CHECK_EQ_INT(sitrep_report_write(NULL, &o, mem_write, &m), SITREP_E_ARG);
    CHECK_EQ_INT(sitrep_report_write(st, NULL, mem_write, &m), SITREP_E_ARG);
    CHECK_EQ_INT(sitrep_report_write(st, &o, NULL, &m), SITREP_E_ARG);
    o.format = (sitrep_report_format)9;
    CHECK_EQ_INT(sitrep_report_write(st, &o, mem_write, &m), SITREP_E_ARG);
    CHECK(m.len == 0);
    /* A sink that fails: SITREP_E_IO at once (the page is larger than
     * the output buffer, so the sink is called more than once). */
    o.format = SITREP_REPORT_HTML;
    for (int k = 1; k <= 2; k++) {
        mem f = {NULL, 0, 0, k, 0};
        CHECK_EQ_INT(sitrep_report_write(st, &o, mem_write, &f), SITREP_E_IO);
        CHECK_EQ_INT(f.writes, k);
        CHECK(*sitrep_store_errmsg(st) != '\0');
        free(f.p);
    }
    free(m.p);
    sitrep_store_close(st);
}

/* An article whose stored extraction is damaged loses its claims, not the
 * report. */
/* A new store (see build_store) after the SQL sql has altered it, opened
 * read-write; NULL on failure (already reported). */
static sitrep_store *tampered_store(const char *sql)
{
    char path[128];
    build_store(path, sizeof path, 0);
    sqlite3 *db = NULL;
    CHECK_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
    CHECK_EQ_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    sitrep_store_config sc;
    memset(&sc, 0, sizeof sc);
    sc.path = path;
    sitrep_store *st = NULL;
    CHECK_EQ_INT(sitrep_store_open(&sc, &st, NULL, 0), SITREP_OK);
    return st;
}

static void test_damaged_extraction(void)
{
    sitrep_store *st =
        tampered_store("UPDATE articles SET extract = '{bad' WHERE ext_id = 'peshawar-3'");
    if (!st)
        return;
    sitrep_report_options o;
    memset(&o, 0, sizeof o);
    o.format = SITREP_REPORT_MD;
    sitrep_status s;
    char *md = write_report(st, &o, &s);
    CHECK_EQ_INT(s, SITREP_OK);
    CHECK(strstr(md, "- suicide bomber (individual): unknown") != NULL);
    CHECK(strstr(md, "(organization): claimed") == NULL);
    CHECK(strstr(md, "### Killed: 21") != NULL);
    free(md);
    sitrep_store_close(st);
}

/* URLs whose scheme differs from http:// or https:// only in the bits that
 * case folding ignores (0x1A for ':', 0x0F for '/') are not links, and the
 * report is written (they once crashed the host-name printer). */
static void test_odd_urls(void)
{
    sitrep_store *st =
        tampered_store("UPDATE articles SET url = 'http' || char(26) || '//x.example/a' "
                       "WHERE ext_id = 'peshawar-1';"
                       "UPDATE articles SET url = 'http:' || char(15, 15) || 'x.example' "
                       "WHERE ext_id = 'peshawar-2';"
                       "UPDATE articles SET url = 'HTTPS://Y.example/b c>d' "
                       "WHERE ext_id = 'peshawar-3';"
                       "UPDATE observations SET outlet = '[x](javascript:alert(1)) `y`';");
    if (!st)
        return;
    sitrep_report_options o;
    memset(&o, 0, sizeof o);
    o.format = SITREP_REPORT_HTML;
    sitrep_status s;
    char *html = write_report(st, &o, &s);
    CHECK_EQ_INT(s, SITREP_OK);
    CHECK(strstr(html, "href=\"http\x1a") == NULL);
    CHECK(strstr(html, "href=\"http:\x0f") == NULL);
    CHECK(strstr(html, "href=\"HTTPS://Y.example/b c&gt;d\"") != NULL);
    free(html);
    /* Markdown: the URL's space and '>' are percent-encoded inside the
     * autolink, and store text makes no link or code span. */
    o.format = SITREP_REPORT_MD;
    char *md = write_report(st, &o, &s);
    CHECK_EQ_INT(s, SITREP_OK);
    CHECK(strstr(md, "<HTTPS://Y.example/b%20c%3Ed>") != NULL);
    CHECK(strstr(md, "\\[x\\](javascript:alert(1)) \\`y\\`") != NULL);
    CHECK(strstr(md, "[x](") == NULL);
    free(md);
    sitrep_store_close(st);
}

/* ------------------------------------------------- allocation failures */

static int alloc_calls, alloc_fail_at;
static void *failing_alloc(void *ud, void *ptr, size_t old, size_t size)
{
    (void)ud;
    (void)old;
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    if (++alloc_calls == alloc_fail_at)
        return NULL;
    return realloc(ptr, size);
}

static void test_alloc_failure(void)
{
    sitrep_allocator al = {failing_alloc, NULL};
    alloc_fail_at = 0;
    sitrep_store *st = fresh_store(1, &al);
    if (!st)
        return;
    for (int fmt = 0; fmt < 2; fmt++) {
        sitrep_report_options o;
        memset(&o, 0, sizeof o);
        o.format = fmt ? SITREP_REPORT_MD : SITREP_REPORT_HTML;
        o.detail = 1;
        /* The number of allocations of a whole report (after a first
         * one: the store keeps the blocks of its scratch arena). */
        alloc_fail_at = 0;
        sitrep_status s;
        free(write_report(st, &o, &s));
        alloc_calls = 0;
        char *ok = write_report(st, &o, &s);
        CHECK_EQ_INT(s, SITREP_OK);
        int total = alloc_calls;
        CHECK(total > 3);
        /* Each allocation failing in turn: out of memory or a whole
         * report, never a crash or a leak (ASan and valgrind runs). */
        int nomem = 0;
        for (int k = 1; k <= total + 1; k++) {
            alloc_calls = 0;
            alloc_fail_at = k;
            char *out = write_report(st, &o, &s);
            CHECK(s == SITREP_OK || s == SITREP_E_NOMEM);
            if (s == SITREP_OK)
                CHECK(strcmp(out, ok) == 0);
            else
                nomem++;
            free(out);
        }
        CHECK_EQ_INT(nomem, total);
        alloc_fail_at = 0;
        free(ok);
    }
    sitrep_store_close(st);
}

static void test_teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

SR_TEST_MAIN("report", T(test_setup), T(test_html), T(test_markdown), T(test_odd_urls),
             T(test_ranking_and_detail), T(test_live_page), T(test_errors), T(test_damaged_extraction),
             T(test_alloc_failure), T(test_teardown))
