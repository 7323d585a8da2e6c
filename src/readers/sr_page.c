/*
 * sr_page.c - HTML pages parsed outside the reader: the sitrep_page handle
 * (sitrep_page_parse turns a page the WARC reader deferred into the article
 * the reader would have returned), and sr_rd_page_article, the one place
 * that decides how a page's metadata and its record's metadata combine.
 *
 * Why: with --jobs N the reader runs on one thread, and parsing the HTML
 * is most of the work of a WARC; deferring it lets the workers parse.
 */
#include "readers/sr_rd.h"

#include <string.h>

struct sitrep_page {
    sr_alloc alloc;
    sr_html_out html;
};

void sr_rd_page_article(const sr_html_out *ho, const sitrep_article *meta, sitrep_article *a)
{
    static const sitrep_str none = {"", 0};
    memset(a, 0, sizeof *a);
    a->text.ptr = ho->text.data ? ho->text.data : "";
    a->text.len = ho->text.len;
    a->source_map = &ho->map;
    a->title = ho->title.len ? ho->title : none;
    a->source = ho->site.len ? ho->site : none;
    /* the record's URL is where the page was fetched; the page's own
     * publication time is more precise than the crawl date */
    a->url = meta->url.len ? meta->url : ho->canonical.len ? ho->canonical : none;
    a->published = ho->published.len ? ho->published : meta->published.len ? meta->published : none;
    a->id = meta->id.len ? meta->id : none;
    a->input_line = meta->input_line;
    a->input_offset = meta->input_offset;
    size_t bad = sr_rd_utf8_first_bad(a->text.ptr, a->text.len);
    if (bad < a->text.len) {
        a->flags |= SITREP_ARTICLE_BAD_UTF8;
        a->bad_utf8_offset = bad;
    }
}

sitrep_status sitrep_page_create(const sitrep_allocator *alloc, size_t max_text,
                                 sitrep_page **out)
{
    if (!out)
        return SITREP_E_ARG;
    *out = NULL;
    sr_alloc a;
    sr_alloc_init(&a, alloc);
    sitrep_page *pg = sr_malloc(&a, sizeof *pg);
    if (!pg)
        return SITREP_E_NOMEM;
    pg->alloc = a;
    if (max_text == 0)
        max_text = SR_RD_DEFAULT_MAX;
    if (max_text > SIZE_MAX / 2)
        max_text = SIZE_MAX / 2;
    sr_html_out_init(&pg->html, &pg->alloc, max_text);
    *out = pg;
    return SITREP_OK;
}

void sitrep_page_free(sitrep_page *pg)
{
    if (!pg)
        return;
    sr_html_out_free(&pg->html);
    sr_alloc a = pg->alloc;
    sr_free(&a, pg, sizeof *pg);
}

sitrep_status sitrep_page_parse(sitrep_page *pg, const sitrep_article *raw,
                                sitrep_article *out)
{
    if (!pg || !raw || !out || !(raw->flags & SITREP_ARTICLE_HTML_PAGE))
        return SITREP_E_ARG;
    sitrep_status st = sr_html_extract(&pg->html, &pg->alloc, raw->text.ptr, raw->text.len,
                                       raw->page_offset, 0);
    if (st != SITREP_OK)
        return st;
    if (pg->html.text.len == 0)
        return SITREP_E_EMPTY;
    sr_rd_page_article(&pg->html, raw, out);
    return SITREP_OK;
}
