/*
 * sr_feed.c - the feed reader (SITREP_FORMAT_FEED): RSS 2.0, RSS 1.0 (RDF)
 * and Atom, parsed as a stream with expat.  Each <item> or <entry> becomes
 * an article: title, link (Atom: the alternate link's href), publication
 * time (pubDate, published, dc:date; updated as a fallback; RFC 822 dates
 * are rewritten as ISO 8601 so the extractor can read them), id (guid, id),
 * the content (content:encoded or Atom content, else description or
 * summary) with its HTML removed by the HTML path (sr_html.c), and the
 * channel's title as the outlet.
 *
 * Streaming: the input is handed to expat 64 KiB at a time; finished items
 * wait in a queue (at most one chunk's worth) and are returned one by one,
 * so memory is bounded by the largest item (max_record_bytes over all its
 * fields; a larger item is reported as SITREP_E_LIMIT and skipped) plus
 * expat's own state.  After an XML error the items before it are returned,
 * then the error (with line and column), then SITREP_END.
 *
 * Safety: a document with entity declarations is refused (no entity
 * expansion attacks); external entities are never loaded.
 *
 * expat's memory-handling suite has no user pointer, so its functions find
 * the reader's allocator in a thread-local variable that is set around
 * every expat call (scoped, not global state: each thread has its own, and
 * it is only read during that call).
 */
#include "readers/sr_rd.h"

#include <expat.h>
#include <stdio.h>
#include <string.h>

enum { FF_TITLE, FF_LINK, FF_DATE, FF_UPDATED, FF_CONTENT, FF_DESC, FF_ID, FF_N, FF_NONE = -1 };

typedef struct fitem {
    struct fitem *next;
    size_t size;                 /* of the whole block */
    size_t off[FF_N], len[FF_N];
    unsigned html;               /* bit per field: holds HTML */
    uint64_t line;
    sitrep_status st;            /* not OK: an item that could not be read */
    char data[];
} fitem;

struct sr_feed {
    XML_Parser p;
    sitrep_reader *r;
    int depth;
    int root_seen;
    int atom;                    /* root is <feed> */
    int channel_depth;           /* depth of <channel>, 0 when none */
    int chan_title;              /* capturing the channel title */
    int item_depth;              /* depth of the open item, 0 when none */
    int field, field_depth;
    unsigned html;
    size_t item_bytes;
    int oversize;
    uint64_t item_line;
    sr_buf f[FF_N];
    sr_buf chan;
    fitem *head, *tail;
    fitem *current;              /* returned last; freed on the next call */
    int xml_done;
    sitrep_status err;           /* pending error after the queue */
    char errmsg[200];
    int nomem;
    char date[64];               /* ISO form of an RFC 822 date */
};

/* ------------------------------------------------------ expat memory */

static _Thread_local const sr_alloc *sr_feed_cur_alloc;

static void *x_malloc(size_t n)
{
    return sr_hook_malloc(sr_feed_cur_alloc, n);
}

static void *x_realloc(void *p, size_t n)
{
    return sr_hook_realloc(sr_feed_cur_alloc, p, n);
}

static void x_free(void *p)
{
    sr_hook_free(sr_feed_cur_alloc, p);
}

static const XML_Memory_Handling_Suite x_mem = {x_malloc, x_realloc, x_free};

/* --------------------------------------------------------------- state */

static void free_item(sitrep_reader *r, fitem *it)
{
    if (it)
        sr_free(&r->alloc, it, it->size);
}

void sr_feed_free(sitrep_reader *r)
{
    sr_feed *f = r->feed;
    if (!f)
        return;
    if (f->p) {
        sr_feed_cur_alloc = &r->alloc;
        XML_ParserFree(f->p);
    }
    for (int k = 0; k < FF_N; k++)
        sr_buf_free(&f->f[k]);
    sr_buf_free(&f->chan);
    while (f->head) {
        fitem *nx = f->head->next;
        free_item(r, f->head);
        f->head = nx;
    }
    free_item(r, f->current);
    sr_free(&r->alloc, f, sizeof *f);
    r->feed = NULL;
}

static const char *local_name(const char *n)
{
    const char *c = strrchr(n, ':');
    return c ? c + 1 : n;
}

static int eq(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

static void stop(sr_feed *f, sitrep_status st, const char *msg)
{
    if (f->err == SITREP_OK) {
        f->err = st;
        snprintf(f->errmsg, sizeof f->errmsg, "line %lu: %s",
                 (unsigned long)XML_GetCurrentLineNumber(f->p), msg);
    }
    XML_StopParser(f->p, XML_FALSE);
}

/* Queue the finished item (or an error marker). */
static void finish_item(sr_feed *f)
{
    sitrep_reader *r = f->r;
    size_t total = sizeof(fitem);
    if (!f->oversize)
        for (int k = 0; k < FF_N; k++)
            total += f->f[k].len + 1;
    fitem *it = sr_malloc(&r->alloc, total);
    if (!it) {
        f->nomem = 1;
        XML_StopParser(f->p, XML_FALSE);
        return;
    }
    memset(it, 0, sizeof *it);
    it->size = total;
    it->line = f->item_line;
    it->html = f->html;
    if (f->oversize) {
        it->st = SITREP_E_LIMIT;
    } else {
        size_t at = 0;
        for (int k = 0; k < FF_N; k++) {
            it->off[k] = at;
            it->len[k] = f->f[k].len;
            if (f->f[k].len)
                memcpy(it->data + at, f->f[k].data, f->f[k].len);
            it->data[at + f->f[k].len] = '\0';
            at += f->f[k].len + 1;
        }
    }
    if (f->tail)
        f->tail->next = it;
    else
        f->head = it;
    f->tail = it;
}

/* ------------------------------------------------------------ handlers */

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    sr_feed *f = ud;
    f->depth++;
    const char *ln = local_name(name);
    if (!f->root_seen) {
        f->root_seen = 1;
        if (eq(ln, "feed"))
            f->atom = 1;
        else if (!eq(ln, "rss") && !eq(ln, "RDF")) {
            char m[120];
            snprintf(m, sizeof m, "not an RSS or Atom feed (root element <%.60s>)", name);
            stop(f, SITREP_E_PARSE, m);
        }
        return;
    }
    if (f->item_depth == 0) {
        if (eq(ln, "channel") && f->channel_depth == 0)
            f->channel_depth = f->depth;
        if (eq(ln, "item") || eq(ln, "entry")) {
            f->item_depth = f->depth;
            for (int k = 0; k < FF_N; k++)
                sr_buf_reset(&f->f[k]);
            f->field = FF_NONE;
            f->html = 0;
            f->item_bytes = 0;
            f->oversize = 0;
            f->item_line = XML_GetCurrentLineNumber(f->p);
            return;
        }
        if (eq(ln, "title") && f->chan.len == 0 &&
            ((f->atom && f->depth == 2) ||
             (f->channel_depth && f->depth == f->channel_depth + 1))) {
            f->chan_title = f->depth;
        }
        return;
    }
    if (f->field != FF_NONE)
        return; /* markup inside a field (Atom xhtml content): its text counts */
    int fld = FF_NONE;
    const char *type = NULL, *href = NULL, *rel = NULL;
    for (int i = 0; atts[i]; i += 2) {
        if (eq(atts[i], "type"))
            type = atts[i + 1];
        else if (eq(atts[i], "href"))
            href = atts[i + 1];
        else if (eq(atts[i], "rel"))
            rel = atts[i + 1];
    }
    if (eq(ln, "title"))
        fld = FF_TITLE;
    else if (eq(ln, "link")) {
        if (href) {
            if ((!rel || eq(rel, "alternate")) && f->f[FF_LINK].len == 0 &&
                sr_buf_add(&f->f[FF_LINK], href, strlen(href) < 4096 ? strlen(href) : 4096) ==
                    SITREP_E_NOMEM) {
                f->nomem = 1;
                XML_StopParser(f->p, XML_FALSE);
            }
            return;
        }
        fld = FF_LINK;
    } else if (eq(ln, "pubDate") || eq(ln, "published") || eq(ln, "date") || eq(ln, "issued"))
        fld = FF_DATE;
    else if (eq(ln, "updated") || eq(ln, "modified"))
        fld = FF_UPDATED;
    else if (eq(name, "content:encoded") || eq(ln, "encoded") || eq(ln, "content"))
        fld = FF_CONTENT;
    else if (eq(ln, "description") || eq(ln, "summary"))
        fld = FF_DESC;
    else if (eq(ln, "guid") || eq(ln, "id"))
        fld = FF_ID;
    if (fld == FF_NONE || f->f[fld].len > 0)
        return; /* first occurrence wins */
    f->field = fld;
    f->field_depth = f->depth;
    int html = fld == FF_CONTENT || fld == FF_DESC;
    if (f->atom && html)
        html = type && (eq(type, "html") || eq(type, "text/html"));
    if (html)
        f->html |= 1u << fld;
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    sr_feed *f = ud;
    (void)name;
    if (f->chan_title == f->depth)
        f->chan_title = 0;
    if (f->item_depth) {
        if (f->field != FF_NONE && f->depth == f->field_depth)
            f->field = FF_NONE;
        if (f->depth == f->item_depth) {
            f->item_depth = 0;
            finish_item(f);
        }
    }
    if (f->depth == f->channel_depth)
        f->channel_depth = 0;
    f->depth--;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    sr_feed *f = ud;
    if (len <= 0)
        return;
    if (f->chan_title && f->item_depth == 0) {
        if (f->chan.len < 1024 && sr_buf_add(&f->chan, s, (size_t)len) == SITREP_E_NOMEM) {
            f->nomem = 1;
            XML_StopParser(f->p, XML_FALSE);
        }
        return;
    }
    if (!f->item_depth || f->field == FF_NONE || f->oversize)
        return;
    f->item_bytes += (size_t)len;
    if (f->item_bytes > f->r->max) {
        f->oversize = 1;
        return;
    }
    sitrep_status st = sr_buf_add(&f->f[f->field], s, (size_t)len);
    if (st == SITREP_E_NOMEM) {
        f->nomem = 1;
        XML_StopParser(f->p, XML_FALSE);
    }
}

static void XMLCALL on_entity_decl(void *ud, const XML_Char *name, int is_param,
                                   const XML_Char *value, int value_len, const XML_Char *base,
                                   const XML_Char *system_id, const XML_Char *public_id,
                                   const XML_Char *notation)
{
    (void)name; (void)is_param; (void)value; (void)value_len; (void)base;
    (void)system_id; (void)public_id; (void)notation;
    stop(ud, SITREP_E_PARSE, "entity declarations are not allowed in a feed");
}

/* ------------------------------------------------------------- create */

static sitrep_status feed_create(sitrep_reader *r)
{
    sr_feed *f = sr_malloc(&r->alloc, sizeof *f);
    if (!f)
        return SITREP_E_NOMEM;
    memset(f, 0, sizeof *f);
    f->r = r;
    f->field = FF_NONE;
    for (int k = 0; k < FF_N; k++)
        sr_buf_init(&f->f[k], &r->alloc, r->max);
    sr_buf_init(&f->chan, &r->alloc, 4096);
    r->feed = f;
    sr_feed_cur_alloc = &r->alloc;
    f->p = XML_ParserCreate_MM(NULL, &x_mem, NULL);
    if (!f->p)
        return SITREP_E_NOMEM;
    XML_SetUserData(f->p, f);
    XML_SetElementHandler(f->p, on_start, on_end);
    XML_SetCharacterDataHandler(f->p, on_text);
    XML_SetEntityDeclHandler(f->p, on_entity_decl);
    return SITREP_OK;
}

/* ------------------------------------------------------------- dates */

static int digit(char c)
{
    return c >= '0' && c <= '9';
}

/* "Tue, 19 Mar 2024 10:00:00 GMT" -> "2024-03-19T10:00:00Z" into f->date;
 * 0 when s is not such a date. */
static int rfc822(sr_feed *f, const char *s, size_t n)
{
    static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    /* optional day name and comma */
    if (i < n && !digit(s[i])) {
        while (i < n && s[i] != ',' && s[i] != ' ')
            i++;
        if (i < n && s[i] == ',')
            i++;
        while (i < n && s[i] == ' ')
            i++;
    }
    int day = 0, k = 0;
    while (i < n && digit(s[i]) && k < 2)
        day = day * 10 + (s[i++] - '0'), k++;
    if (k == 0 || i >= n || s[i] != ' ')
        return 0;
    i++;
    if (n - i < 4)
        return 0;
    int mon = 0;
    for (int m = 0; m < 12; m++) {
        int ok = 1;
        for (int c = 0; c < 3; c++) {
            char ch = s[i + (size_t)c];
            if (ch >= 'A' && ch <= 'Z')
                ch = (char)(ch - 'A' + 'a');
            if (ch != months[m * 3 + c])
                ok = 0;
        }
        if (ok)
            mon = m + 1;
    }
    if (!mon)
        return 0;
    i += 3;
    while (i < n && s[i] != ' ')
        i++; /* "March" spelt out */
    while (i < n && s[i] == ' ')
        i++;
    int year = 0;
    k = 0;
    while (i < n && digit(s[i]) && k < 4)
        year = year * 10 + (s[i++] - '0'), k++;
    if (k == 2)
        year += year < 70 ? 2000 : 1900;
    else if (k != 4)
        return 0;
    if (day < 1 || day > 31)
        return 0;
    int hh = -1, mm = 0, ss = 0;
    while (i < n && s[i] == ' ')
        i++;
    if (n - i >= 5 && digit(s[i]) && digit(s[i + 1]) && s[i + 2] == ':' && digit(s[i + 3]) &&
        digit(s[i + 4])) {
        hh = (s[i] - '0') * 10 + (s[i + 1] - '0');
        mm = (s[i + 3] - '0') * 10 + (s[i + 4] - '0');
        i += 5;
        if (n - i >= 3 && s[i] == ':' && digit(s[i + 1]) && digit(s[i + 2])) {
            ss = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
            i += 3;
        }
    }
    if (hh < 0 || hh > 23 || mm > 59 || ss > 60) {
        snprintf(f->date, sizeof f->date, "%04d-%02d-%02d", year, mon, day);
        return 1;
    }
    while (i < n && s[i] == ' ')
        i++;
    char zone[8] = "";
    if (n - i >= 5 && (s[i] == '+' || s[i] == '-') && digit(s[i + 1]) && digit(s[i + 2]) &&
        digit(s[i + 3]) && digit(s[i + 4]))
        snprintf(zone, sizeof zone, "%c%c%c:%c%c", s[i], s[i + 1], s[i + 2], s[i + 3], s[i + 4]);
    else if ((n - i >= 3 && (memcmp(s + i, "GMT", 3) == 0 || memcmp(s + i, "UTC", 3) == 0)) ||
             (n - i >= 1 && s[i] == 'Z'))
        snprintf(zone, sizeof zone, "Z");
    snprintf(f->date, sizeof f->date, "%04d-%02d-%02dT%02d:%02d:%02d%s", year, mon, day, hh, mm,
             ss, zone);
    return 1;
}

/* ---------------------------------------------------------------- next */

static sitrep_str trimmed(const char *p, size_t n)
{
    while (n && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n' || p[n - 1] == '\r'))
        n--;
    sitrep_str s = {p, n};
    return s;
}

/* Feed the next piece of input to expat.  SITREP_OK, or a fatal status. */
static sitrep_status feed_more(sitrep_reader *r, sr_feed *f)
{
    if (r->in.len == r->pos && !r->eof) {
        r->in_base += r->in.len;
        sr_buf_reset(&r->in);
        r->pos = 0;
        sitrep_status st = sr_rd_fill(r, SR_RD_CHUNK);
        if (st != SITREP_OK)
            return st;
    }
    int final = r->eof && r->in.len == r->pos;
    const char *p = r->in.data ? r->in.data + r->pos : "";
    size_t n = r->in.len - r->pos;
    if (n > (size_t)1 << 30)
        n = (size_t)1 << 30;
    sr_feed_cur_alloc = &r->alloc;
    enum XML_Status xs = XML_Parse(f->p, p, (int)n, final);
    r->pos += n;
    if (f->nomem)
        return SITREP_E_NOMEM;
    if (xs == XML_STATUS_ERROR) {
        enum XML_Error e = XML_GetErrorCode(f->p);
        if (e == XML_ERROR_NO_MEMORY)
            return SITREP_E_NOMEM;
        if (f->err == SITREP_OK) {
            f->err = SITREP_E_PARSE;
            snprintf(f->errmsg, sizeof f->errmsg, "line %lu, column %lu: %s",
                     (unsigned long)XML_GetCurrentLineNumber(f->p),
                     (unsigned long)XML_GetCurrentColumnNumber(f->p) + 1, XML_ErrorString(e));
        }
        f->xml_done = 1;
    } else if (final) {
        f->xml_done = 1;
        if (!f->root_seen && f->err == SITREP_OK) {
            f->err = SITREP_E_EMPTY;
            snprintf(f->errmsg, sizeof f->errmsg, "empty input");
        }
    }
    return SITREP_OK;
}

sitrep_status sr_feed_next(sitrep_reader *r, sitrep_article *a)
{
    sitrep_status st;
    if (!r->feed) {
        st = feed_create(r);
        if (st != SITREP_OK)
            return sr_rd_fatal(r, st);
    }
    sr_feed *f = r->feed;
    free_item(r, f->current);
    f->current = NULL;
    for (;;) {
        while (!f->head && !f->xml_done) {
            st = feed_more(r, f);
            if (st != SITREP_OK)
                return sr_rd_fatal(r, st);
        }
        if (!f->head) {
            r->done = 1;
            if (f->err != SITREP_OK) {
                sr_rd_err(r, "%s", f->errmsg);
                return f->err;
            }
            r->errmsg[0] = '\0';
            return SITREP_END;
        }
        fitem *it = f->head;
        f->head = it->next;
        if (!f->head)
            f->tail = NULL;
        /* an item skipped below ("nothing to read") is still the current one */
        free_item(r, f->current);
        f->current = it;
        if (it->st != SITREP_OK) {
            sr_rd_err(r, "line %llu: item larger than the limit of %zu bytes",
                      (unsigned long long)it->line, r->max);
            return it->st;
        }
        static const sitrep_str none = {"", 0};
        sitrep_str fld[FF_N];
        for (int k = 0; k < FF_N; k++)
            fld[k] = trimmed(it->data + it->off[k], it->len[k]);
        int body = fld[FF_CONTENT].len ? FF_CONTENT : FF_DESC;
        memset(a, 0, sizeof *a);
        if (fld[body].len && (it->html >> body & 1u)) {
            st = sr_html_extract(&r->html, &r->alloc, fld[body].ptr, fld[body].len, 0, 1);
            if (st == SITREP_E_NOMEM)
                return sr_rd_fatal(r, st);
            if (st != SITREP_OK) {
                sr_rd_err(r, "line %llu: item text larger than the limit of %zu bytes",
                          (unsigned long long)it->line, r->max);
                return st;
            }
            a->text.ptr = r->html.text.data ? r->html.text.data : "";
            a->text.len = r->html.text.len;
        } else {
            a->text = fld[body];
        }
        if (a->text.len == 0)
            a->text = fld[FF_TITLE];
        if (a->text.len == 0)
            continue; /* an item with nothing to read */
        a->title = fld[FF_TITLE];
        a->url = fld[FF_LINK].len ? fld[FF_LINK] : none;
        a->id = fld[FF_ID].len ? fld[FF_ID] : a->url;
        sitrep_str date = fld[FF_DATE].len ? fld[FF_DATE] : fld[FF_UPDATED];
        if (date.len && rfc822(f, date.ptr, date.len)) {
            a->published.ptr = f->date;
            a->published.len = strlen(f->date);
        } else {
            a->published = date.len ? date : none;
        }
        a->source = trimmed(f->chan.data ? f->chan.data : "", f->chan.len);
        size_t bad = sr_rd_utf8_first_bad(a->text.ptr, a->text.len);
        if (bad < a->text.len) {
            a->flags |= SITREP_ARTICLE_BAD_UTF8;
            a->bad_utf8_offset = bad;
        }
        a->input_line = it->line;
        r->errmsg[0] = '\0';
        return SITREP_OK;
    }
}
