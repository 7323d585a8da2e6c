/*
 * sr_report_html.c - the HTML situation report: one self-contained page
 * (inline CSS, inline SVG, no script unless it is the service's live
 * page, nothing fetched) written from the model of sr_report.h.  The
 * page's DOM is a contract with the browser test and the service
 * (docs/report.md): #map with path.country and circle.marker, table
 * #ranking, section.incident with svg.chart per figure, and every number
 * from a report an a.num linking to its li.evidence.
 */
#include "report/sr_report.h"
#include "report/sr_map.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char css[] =
    "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;"
    "color:#1d2330;background:#f6f7f9}\n"
    "header,main,footer{max-width:1100px;margin:0 auto;padding:0 16px}\n"
    "h1{font-size:24px;margin:20px 0 4px}h2{font-size:18px;margin:18px 0 8px}"
    "h3{font-size:15px;margin:14px 0 6px}\n"
    ".meta{color:#5b6472;margin:0 0 12px}\n"
    "#map{width:100%;height:auto;display:block;background:#dbe7f2;border:1px solid #c3cfdb}\n"
    ".country{fill:#f3f1ea;stroke:#a8a69e;stroke-width:.5px;vector-effect:non-scaling-stroke}\n"
    ".country.hit{fill:#f2d7c2}\n"
    ".marker{fill:rgba(196,28,28,.5);stroke:#7a0d0d;stroke-width:.7px;"
    "vector-effect:non-scaling-stroke}.marker:hover{fill:rgba(235,70,20,.9)}\n"
    "table{border-collapse:collapse;width:100%;background:#fff}\n"
    "th,td{padding:3px 6px;border-bottom:1px solid #e3e6ea;text-align:left;vertical-align:top}\n"
    "th{background:#eef1f4}td.n,th.n{text-align:right}\n"
    "#ranking td:nth-child(1),#ranking td:nth-child(5),#ranking td:nth-child(6),"
    "#ranking td:nth-child(8){text-align:right}\n"
    "tr:target{background:#fff3c4}\n"
    "a.num{color:#0b4fa8;text-decoration:none;border-bottom:1px dotted #0b4fa8}\n"
    ".flag{color:#b3261e;font-weight:bold}\n"
    "section.incident{background:#fff;border:1px solid #dde1e6;border-radius:6px;"
    "padding:4px 16px 12px;margin:16px 0}section.incident:target{box-shadow:0 0 0 3px #f0b400}\n"
    ".facts{color:#5b6472;margin:0}\n"
    ".chart{width:100%;max-width:640px;height:auto;display:block}\n"
    ".chart .source{fill:none;stroke-width:1.6}"
    ".chart .consolidated{fill:none;stroke:#111;stroke-width:3;stroke-opacity:.45}\n"
    ".chart text{font-size:11px;fill:#5b6472}.chart .axis{stroke:#9aa3ad;stroke-width:1}"
    ".chart .grid{stroke:#e3e6ea;stroke-width:1}\n"
    ".legend{list-style:none;padding:0;margin:4px 0 8px;display:flex;flex-wrap:wrap;"
    "gap:2px 16px;font-size:12px}\n"
    ".sw{display:inline-block;width:16px;height:3px;margin-right:5px;vertical-align:middle}\n"
    "table.timeline{width:auto;font-size:13px}\n"
    ".evidence-list{padding-left:24px}li.evidence{margin:5px 0}li.evidence:target{background:#fff3c4}\n"
    /* Quote marks as strings: open-quote and close-quote make the browser
     * track the nesting depth of every <q> on the page, in time that grows
     * with the square of their number (30 s for 10,000 evidence items). */
    "q{font-style:italic;quotes:none}q::before{content:'\\201C'}q::after{content:'\\201D'}\n"
    ".status{color:#5b6472;font-size:12px}\n"
    "footer{color:#5b6472;font-size:12px;padding-bottom:24px}\n";

/* The live page's poller, called with the poll URL and the page's version
 * (no globals): every second it asks live_poll_url for
 * {"version": N}; when N differs from the version this page shows, it
 * fetches the page again and puts its body in place.  The version it then
 * shows is the one the fetched page says (meta sitrep-version): a service
 * may hand out a page a little older than N, and the poller must come back
 * for the newer one.  Failures (the service restarting) are ignored until
 * the next tick. */
static const char live_js[] =
    "(function(url,version){var busy=false;function tick(){if(busy)return;busy=true;"
    "fetch(url,{cache:'no-store'}).then(function(r){return r.ok?r.json():null;})"
    ".then(function(j){if(!j||typeof j.version!=='number'||j.version===version)return null;"
    "var nv=j.version;return fetch(location.href,{cache:'no-store'}).then(function(r){"
    "return r.ok?r.text():null;}).then(function(t){if(t===null)return;"
    "var d=new DOMParser().parseFromString(t,'text/html');"
    "document.body.innerHTML=d.body.innerHTML;"
    "var m=d.querySelector('meta[name=\"sitrep-version\"]');"
    "version=m?Number(m.getAttribute('content')):nv;});})"
    ".catch(function(){}).then(function(){busy=false;});}"
    "setInterval(tick,1000);})(";

static const char *const palette[] = {"#1f77b4", "#d95f02", "#1b9e77", "#7570b3",
                                      "#e7298a", "#66a61e", "#b8860b", "#a6761d"};

/* ------------------------------------------------------------ pieces */

/* A JavaScript string literal of s, safe inside <script>. */
static void js_string(sr_wout *o, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    sr_wo_c(o, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '/' || *p == '.' || *p == '_' || *p == '-' || *p == '?' || *p == '=' ||
            *p == ':' || *p >= 0x80) {
            sr_wo_c(o, (char)*p);
        } else {
            char u[6] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15]};
            sr_wo_put(o, u, 6);
        }
    }
    sr_wo_c(o, '"');
}

static void type_label(sr_wout *o, const char *slug)
{
    char t[64];
    sr_type_label(slug, t, sizeof t);
    sr_rep_html(o, t);
}

/* "Kirkuk, Kirkuk, IQ" (escaped); "unknown place" when none. */
static void place_html(sr_wout *o, const sr_rinc *c)
{
    int any = 0;
    if (*c->place) {
        sr_rep_html(o, c->place);
        any = 1;
    }
    if (*c->admin1 && strcmp(c->admin1, c->place) != 0) {
        if (any)
            sr_wo_s(o, ", ");
        sr_rep_html(o, c->admin1);
        any = 1;
    }
    if (*c->country) {
        if (any)
            sr_wo_s(o, ", ");
        sr_rep_html(o, c->country);
        any = 1;
    }
    if (!any)
        sr_wo_s(o, "unknown place");
}

static void time_html(sr_wout *o, sr_rtime t)
{
    char iso[24], text[24];
    if (!t.known) {
        sr_wo_s(o, "<time>time unknown</time>");
        return;
    }
    sr_rtime_format(t, 1, iso);
    sr_rtime_format(t, 0, text);
    sr_wo_s(o, "<time datetime=\"");
    sr_wo_s(o, iso);
    sr_wo_s(o, "\">");
    sr_wo_s(o, text);
    sr_wo_s(o, "</time>");
}

static void date_html(sr_wout *o, sitrep_date d)
{
    char t[16];
    sr_date_text(d, t);
    if (!*t) {
        sr_wo_s(o, "date unknown");
        return;
    }
    sr_wo_s(o, "<time datetime=\"");
    sr_wo_s(o, t);
    sr_wo_s(o, "\">");
    sr_wo_s(o, t);
    sr_wo_s(o, "</time>");
}

/* The number of a report linked to its evidence item. */
static void num_link(sr_wout *o, int64_t v, size_t ev)
{
    if (!ev) {
        sr_wo_i64(o, v); /* no evidence found: never happens on a consistent store */
        return;
    }
    sr_wo_s(o, "<a class=\"num\" href=\"#ev-");
    sr_wo_i64(o, (int64_t)ev);
    sr_wo_s(o, "\">");
    sr_wo_i64(o, v);
    sr_wo_s(o, "</a>");
}

/* A consolidated value: qualifier, linked number, range and flags. */
static void value_html(sr_wout *o, const sitrep_store_value *v, size_t ev, int compact)
{
    if (!v->known) {
        sr_wo_s(o, "\xE2\x80\x93"); /* en dash */
        return;
    }
    static const char *const sym[] = {"", "\xE2\x89\xA5", ">", "~", "\xE2\x89\xA4", "<", ""};
    int q = (int)v->qualifier;
    if (compact)
        sr_wo_s(o, q >= 0 && q <= SITREP_Q_RANGE ? sym[q] : "");
    else
        sr_wo_s(o, sitrep_qualifier_words(v->qualifier));
    num_link(o, v->value, ev);
    if (v->contradicted && compact)
        sr_wo_s(o, "<span class=\"flag\" title=\"contradicted: a source at least as "
                    "authoritative gave a lower figure later\">!</span>");
}

/* The host of a linkable URL as the text of its link. */
static void url_host(sr_wout *o, const char *url)
{
    const char *sep = strstr(url, "://");
    if (!sep) { /* not linkable: sr_url_linkable() said otherwise */
        sr_rep_html(o, url);
        return;
    }
    const char *h = sep + 3;
    size_t n = strcspn(h, "/?#");
    char host[256];
    if (n == 0 || n >= sizeof host) {
        sr_rep_html(o, url);
        return;
    }
    memcpy(host, h, n);
    host[n] = '\0';
    sr_rep_html(o, host);
}

static void evidence_item(sr_wout *o, const sr_robs *ob, const sr_rinc *c, int with_incident)
{
    sr_wo_s(o, "<li class=\"evidence\" id=\"ev-");
    sr_wo_i64(o, (int64_t)ob->ev);
    sr_wo_s(o, "\">");
    if (with_incident) {
        sr_wo_s(o, "<span class=\"inc\">");
        place_html(o, c);
        sr_wo_s(o, ":</span> ");
    }
    sr_wo_s(o, "<q>");
    sr_rep_html(o, *ob->quote ? ob->quote : "(no text)");
    sr_wo_s(o, "</q> \xE2\x80\x94 <cite>");
    sr_rep_html(o, *ob->outlet ? ob->outlet : "unknown outlet");
    sr_wo_s(o, "</cite>, ");
    time_html(o, ob->time);
    if (*ob->source) {
        sr_wo_s(o, "; source: <span class=\"source\">");
        sr_rep_html(o, ob->source);
        sr_wo_s(o, "</span>");
    }
    if (sr_url_linkable(ob->url)) {
        sr_wo_s(o, "; <a class=\"url\" href=\"");
        sr_rep_html(o, ob->url);
        sr_wo_s(o, "\">");
        url_host(o, ob->url);
        sr_wo_s(o, "</a>");
    } else if (*ob->url || *ob->article) {
        sr_wo_s(o, "; <span class=\"article\">");
        sr_rep_html(o, *ob->url ? ob->url : ob->article);
        sr_wo_s(o, "</span>");
    }
    sr_wo_s(o, "</li>\n");
}

/* ---------------------------------------------------------------- map */

static int country_hit(const sr_report *r, const char *a2, const unsigned char *seen)
{
    (void)r;
    if (!a2[0] || !a2[1] || a2[0] < 'A' || a2[0] > 'Z' || a2[1] < 'A' || a2[1] > 'Z')
        return 0;
    return seen[(a2[0] - 'A') * 26 + (a2[1] - 'A')];
}

static double marker_radius(const sr_rinc *c)
{
    int64_t n = 0;
    if (c->figures[SITREP_KILLED].known && c->figures[SITREP_KILLED].value > 0)
        n += c->figures[SITREP_KILLED].value;
    if (c->figures[SITREP_INJURED].known && c->figures[SITREP_INJURED].value > 0)
        n += c->figures[SITREP_INJURED].value;
    double r = 0.8 + 0.25 * sqrt((double)n);
    return r > 6.0 ? 6.0 : r;
}

static void map_html(const sr_report *r, sr_wout *o)
{
    unsigned char seen[26 * 26];
    memset(seen, 0, sizeof seen);
    for (size_t i = 0; i < r->ninc; i++) {
        const char *cc = r->incs[i].country;
        if (cc[0] >= 'A' && cc[0] <= 'Z' && cc[1] >= 'A' && cc[1] <= 'Z')
            seen[(cc[0] - 'A') * 26 + (cc[1] - 'A')] = 1;
    }
    sr_wo_s(o, "<svg id=\"map\" viewBox=\"0 0 360 180\" role=\"img\" "
                "aria-label=\"World map with a marker per incident\">\n<g class=\"countries\">\n");
    for (size_t i = 0; i < sr_map_ncountries; i++) {
        const sr_map_country *m = &sr_map_countries[i];
        if (!*m->path)
            continue;
        sr_wo_s(o, country_hit(r, m->alpha2, seen) ? "<path class=\"country hit\""
                                                    : "<path class=\"country\"");
        if (*m->alpha2) {
            sr_wo_s(o, " data-cc=\"");
            sr_rep_html(o, m->alpha2);
            sr_wo_c(o, '"');
        }
        sr_wo_s(o, " d=\"");
        sr_wo_s(o, m->path);
        sr_wo_s(o, "\"><title>");
        sr_rep_html(o, m->name);
        sr_wo_s(o, "</title></path>\n");
    }
    sr_wo_s(o, "</g>\n<g class=\"markers\">\n");
    /* Lowest toll last, so that small markers are on top of large ones. */
    for (size_t k = r->ninc; k-- > 0;) {
        const sr_rinc *c = &r->incs[k];
        if (!c->has_coords || !(c->lat >= -90 && c->lat <= 90 && c->lon >= -180 && c->lon <= 180))
            continue;
        sr_wo_s(o, "<a href=\"#inc-");
        sr_wo_i64(o, c->id);
        sr_wo_s(o, "\"><circle class=\"marker\" data-incident=\"");
        sr_wo_i64(o, c->id);
        sr_wo_s(o, "\" cx=\"");
        sr_rep_d1(o, c->lon + 180.0);
        sr_wo_s(o, "\" cy=\"");
        sr_rep_d1(o, 90.0 - c->lat);
        sr_wo_s(o, "\" r=\"");
        sr_rep_d1(o, marker_radius(c));
        sr_wo_s(o, "\"><title>");
        type_label(o, c->type);
        sr_wo_s(o, " \xE2\x80\x94 ");
        place_html(o, c);
        char d[16];
        sr_date_text(c->date, d);
        if (*d) {
            sr_wo_s(o, " \xE2\x80\x94 ");
            sr_wo_s(o, d);
        }
        sr_wo_s(o, "</title></circle></a>\n");
    }
    sr_wo_s(o, "</g>\n</svg>\n");
}

/* ------------------------------------------------------------ ranking */

static void ranking_html(const sr_report *r, sr_wout *o)
{
    sr_wo_s(o, "<h2>Incidents ranked by toll</h2>\n<table id=\"ranking\">\n<thead><tr>"
                "<th class=\"n\">#</th><th>Date</th><th>Type</th><th>Place</th>"
                "<th class=\"n\">Killed</th><th class=\"n\">Injured</th>"
                "<th>Perpetrator</th><th class=\"n\">Reports</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < r->ninc; i++) {
        const sr_rinc *c = &r->incs[i];
        sr_wo_s(o, "<tr data-incident=\"");
        sr_wo_i64(o, c->id);
        /* The row is the marker's target when there is no section. */
        if (!c->detailed) {
            sr_wo_s(o, "\" id=\"inc-");
            sr_wo_i64(o, c->id);
        }
        sr_wo_s(o, "\"><td>");
        sr_wo_i64(o, (int64_t)i + 1);
        sr_wo_s(o, "</td><td>");
        char d[16];
        sr_date_text(c->date, d);
        sr_wo_s(o, *d ? d : "?");
        sr_wo_s(o, "</td><td>");
        type_label(o, c->type);
        sr_wo_s(o, "</td><td>");
        if (c->detailed) {
            sr_wo_s(o, "<a href=\"#inc-");
            sr_wo_i64(o, c->id);
            sr_wo_s(o, "\">");
            place_html(o, c);
            sr_wo_s(o, "</a>");
        } else {
            place_html(o, c);
        }
        for (int f = SITREP_KILLED; f <= SITREP_INJURED; f++) {
            sr_wo_s(o, "</td><td>");
            value_html(o, &c->figures[f], c->cur_ev[f], 1);
        }
        sr_wo_s(o, "</td><td>");
        sr_rep_html(o, c->perpetrator);
        sr_wo_s(o, "</td><td>");
        sr_wo_i64(o, c->articles);
        sr_wo_s(o, "</td></tr>\n");
    }
    if (r->ninc == 0)
        sr_wo_s(o, "<tr><td colspan=\"8\">No incidents.</td></tr>\n");
    sr_wo_s(o, "</tbody>\n</table>\n");
}

/* -------------------------------------------------------------- chart */

#define CH_W 600
#define CH_H 204
#define CH_X0 46.0
#define CH_X1 588.0
#define CH_YT 12.0
#define CH_YB 172.0

typedef struct chart {
    const sr_robs *obs;
    size_t n;
    int ordinal;        /* some report has no time: x is the report order */
    double d0, d1;      /* x domain */
    double vmax;
} chart;

static double ch_xval(const chart *ch, size_t i)
{
    return ch->ordinal ? (double)i : (double)ch->obs[i].time.minutes;
}

static double ch_px(const chart *ch, double x)
{
    return CH_X0 + (x - ch->d0) / (ch->d1 - ch->d0) * (CH_X1 - CH_X0);
}

static double ch_py(const chart *ch, double v)
{
    return CH_YB - v / ch->vmax * (CH_YB - CH_YT);
}

static void ch_point(sr_wout *o, const chart *ch, double x, double v)
{
    sr_rep_d1(o, ch_px(ch, x));
    sr_wo_c(o, ',');
    sr_rep_d1(o, ch_py(ch, v));
    sr_wo_c(o, ' ');
}

/* The credited source of an observation, else its outlet. */
static const char *source_key(const sr_robs *ob)
{
    return *ob->source ? ob->source : *ob->outlet ? ob->outlet : "unattributed";
}

/* 1 when obs[i] is the first report of its source. */
static int first_of_source(const sr_robs *obs, size_t i)
{
    const char *key = source_key(&obs[i]);
    for (size_t j = 0; j < i; j++)
        if (strcmp(source_key(&obs[j]), key) == 0)
            return 0;
    return 1;
}

static int takes_value(const char *status)
{
    return strcmp(status, "first") == 0 || strcmp(status, "raised") == 0 ||
           strcmp(status, "revised_down") == 0;
}

static double nice_ceiling(double v)
{
    if (v < 1)
        return 1;
    double p = 1;
    while (p * 10 <= v)
        p *= 10;
    static const double m[] = {1, 2, 5, 10};
    for (int i = 0; i < 4; i++)
        if (m[i] * p >= v)
            return m[i] * p;
    return 10 * p;
}

static void axis_label(sr_wout *o, double x, double y, const char *anchor, const char *text)
{
    sr_wo_s(o, "<text x=\"");
    sr_rep_d1(o, x);
    sr_wo_s(o, "\" y=\"");
    sr_rep_d1(o, y);
    sr_wo_s(o, "\" text-anchor=\"");
    sr_wo_s(o, anchor);
    sr_wo_s(o, "\">");
    sr_rep_html(o, text);
    sr_wo_s(o, "</text>");
}

static void x_label(sr_wout *o, const chart *ch, size_t i, double x, const char *anchor)
{
    char t[32];
    if (ch->ordinal)
        snprintf(t, sizeof t, "report %zu", i + 1);
    else
        sr_rtime_format(ch->obs[i].time, 0, t);
    axis_label(o, x, CH_YB + 16, anchor, t);
}

/* The chart of one figure: a step line per credited source, the
 * consolidated line on top, axes with labels. */
static void chart_html(sr_wout *o, const sr_rinc *c, int f, const sr_robs *obs, size_t n)
{
    chart ch = {obs, n, 0, 0, 0, 1};
    for (size_t i = 0; i < n; i++)
        if (!obs[i].time.known)
            ch.ordinal = 1;
    double lo = ch_xval(&ch, 0), hi = ch_xval(&ch, n - 1);
    if (hi <= lo) {
        lo -= ch.ordinal ? 0.5 : 30;
        hi += ch.ordinal ? 0.5 : 30;
    }
    double end = hi + (hi - lo) * 0.06; /* the lines run on past the last report */
    ch.d0 = lo;
    ch.d1 = end;
    double vmax = (double)c->figures[f].value;
    for (size_t i = 0; i < n; i++)
        if ((double)obs[i].value > vmax)
            vmax = (double)obs[i].value;
    ch.vmax = nice_ceiling(vmax);

    sr_wo_s(o, "<svg class=\"chart\" data-figure=\"");
    sr_wo_s(o, sitrep_figure_name((sitrep_figure)f));
    sr_wo_s(o, "\" data-current=\"");
    sr_wo_i64(o, c->figures[f].value);
    sr_wo_s(o, "\" viewBox=\"0 0 600 204\" role=\"img\" aria-label=\"");
    sr_wo_s(o, sitrep_figure_name((sitrep_figure)f));
    sr_wo_s(o, " over report time\">\n");
    /* Axes, grid and labels. */
    int64_t top = (int64_t)ch.vmax;
    int64_t ticks[3] = {0, top % 2 == 0 ? top / 2 : -1, top};
    for (int t = 0; t < 3; t++) {
        if (ticks[t] < 0)
            continue;
        double y = CH_YB - (double)ticks[t] / ch.vmax * (CH_YB - CH_YT);
        sr_wo_s(o, "<line class=\"grid\" x1=\"46\" x2=\"588\" y1=\"");
        sr_rep_d1(o, y);
        sr_wo_s(o, "\" y2=\"");
        sr_rep_d1(o, y);
        sr_wo_s(o, "\"/>");
        char num[24];
        snprintf(num, sizeof num, "%lld", (long long)ticks[t]);
        axis_label(o, CH_X0 - 6, y + 4, "end", num);
    }
    sr_wo_s(o, "\n<line class=\"axis\" x1=\"46\" x2=\"588\" y1=\"172\" y2=\"172\"/>"
                "<line class=\"axis\" x1=\"46\" x2=\"46\" y1=\"12\" y2=\"172\"/>\n");
    double x_first = ch_px(&ch, ch_xval(&ch, 0)), x_last = ch_px(&ch, ch_xval(&ch, n - 1));
    x_label(o, &ch, 0, x_first, "start");
    if (n > 1 && x_last - x_first > 130)
        x_label(o, &ch, n - 1, x_last, "end");
    axis_label(o, (CH_X0 + CH_X1) / 2, CH_YB + 30, "middle",
               ch.ordinal ? "reports in order" : "report time (UTC)");
    sr_wo_c(o, '\n');
    /* A step line per source, in the order sources first reported, and a
     * dot per report in the source's colour. */
    size_t color = 0;
    for (size_t i = 0; i < n; i++) {
        if (!first_of_source(obs, i))
            continue; /* drawn with its source's first report */
        const char *key = source_key(&obs[i]);
        const char *col = palette[color++ % (sizeof palette / sizeof palette[0])];
        sr_wo_s(o, "<polyline class=\"source\" data-source=\"");
        sr_rep_html(o, key);
        sr_wo_s(o, "\" stroke=\"");
        sr_wo_s(o, col);
        sr_wo_s(o, "\" points=\"");
        double last = 0;
        for (size_t k = i; k < n; k++) {
            if (strcmp(source_key(&obs[k]), key) != 0)
                continue;
            if (k > i)
                ch_point(o, &ch, ch_xval(&ch, k), last);
            last = (double)obs[k].value;
            ch_point(o, &ch, ch_xval(&ch, k), last);
        }
        ch_point(o, &ch, end, last);
        sr_wo_s(o, "\"/>\n");
        for (size_t k = i; k < n; k++) {
            if (strcmp(source_key(&obs[k]), key) != 0)
                continue;
            sr_wo_s(o, "<circle class=\"obs\" r=\"3\" fill=\"");
            sr_wo_s(o, col);
            sr_wo_s(o, "\" cx=\"");
            sr_rep_d1(o, ch_px(&ch, ch_xval(&ch, k)));
            sr_wo_s(o, "\" cy=\"");
            sr_rep_d1(o, ch_py(&ch, (double)obs[k].value));
            sr_wo_s(o, "\"/>");
        }
        sr_wo_c(o, '\n');
    }
    /* The consolidated value after each report. */
    sr_wo_s(o, "<polyline class=\"consolidated\" points=\"");
    double cur = 0;
    int any = 0;
    for (size_t k = 0; k < n; k++) {
        if (!any || takes_value(obs[k].status)) {
            if (any)
                ch_point(o, &ch, ch_xval(&ch, k), cur);
            cur = (double)obs[k].value;
            ch_point(o, &ch, ch_xval(&ch, k), cur);
            any = 1;
        }
    }
    ch_point(o, &ch, end, cur);
    sr_wo_s(o, "\"/>\n</svg>\n");
    /* The legend. */
    sr_wo_s(o, "<ul class=\"legend\">");
    color = 0;
    for (size_t i = 0; i < n; i++) {
        if (!first_of_source(obs, i))
            continue;
        sr_wo_s(o, "<li><span class=\"sw\" style=\"background:");
        sr_wo_s(o, palette[color++ % (sizeof palette / sizeof palette[0])]);
        sr_wo_s(o, "\"></span>");
        sr_rep_html(o, source_key(&obs[i]));
        sr_wo_s(o, "</li>");
    }
    sr_wo_s(o, "<li><span class=\"sw\" style=\"background:#111;height:4px\"></span>"
                "consolidated</li></ul>\n");
}

/* ------------------------------------------------------------ section */

static void timeline_html(sr_wout *o, const sr_robs *obs, size_t n)
{
    sr_wo_s(o, "<table class=\"timeline\"><thead><tr><th>Reported</th><th>Outlet</th>"
                "<th class=\"n\">Figure</th><th>Credited source</th><th>Status</th></tr>"
                "</thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const sr_robs *ob = &obs[i];
        sr_wo_s(o, "<tr><td>");
        time_html(o, ob->time);
        sr_wo_s(o, "</td><td>");
        sr_rep_html(o, ob->outlet);
        sr_wo_s(o, "</td><td class=\"n\">");
        sr_wo_s(o, sitrep_qualifier_words((sitrep_qualifier)ob->qualifier));
        num_link(o, ob->value, ob->ev);
        sr_wo_s(o, "</td><td>");
        sr_rep_html(o, ob->source);
        sr_wo_s(o, "</td><td class=\"status\">");
        sr_rep_html(o, ob->status);
        sr_wo_s(o, "</td></tr>\n");
    }
    sr_wo_s(o, "</tbody></table>\n");
}

static void perps_html(sr_wout *o, const sr_rinc *c)
{
    sr_wo_s(o, "<div class=\"perpetrators\"><h3>Perpetrators and claims</h3>\n");
    if (c->nperps == 0 && !*c->perpetrator) {
        sr_wo_s(o, "<p class=\"facts\">No perpetrator named in the reports.</p></div>\n");
        return;
    }
    if (c->nperps == 0) {
        sr_wo_s(o, "<ul><li><b>");
        sr_rep_html(o, c->perpetrator);
        sr_wo_s(o, "</b></li></ul></div>\n");
        return;
    }
    sr_wo_s(o, "<ul>\n");
    for (size_t i = 0; i < c->nperps; i++) {
        const sr_rperp *p = &c->perps[i];
        sr_wo_s(o, "<li><b>");
        sr_rep_html(o, p->name);
        sr_wo_s(o, "</b>");
        if (*p->kind) {
            sr_wo_s(o, " (");
            sr_rep_html(o, p->kind);
            sr_wo_c(o, ')');
        }
        sr_wo_s(o, ": <span class=\"claim\">");
        sr_rep_html(o, *p->claim ? p->claim : "unknown");
        sr_wo_s(o, "</span>");
        if (*p->quote) {
            sr_wo_s(o, " \xE2\x80\x94 <q>");
            sr_rep_html(o, p->quote);
            sr_wo_s(o, "</q>");
        }
        sr_wo_s(o, " <cite>");
        sr_rep_html(o, *p->outlet ? p->outlet : "unknown outlet");
        sr_wo_s(o, "</cite>, ");
        time_html(o, sr_rtime_parse(p->reported));
        if (sr_url_linkable(p->url)) {
            sr_wo_s(o, ", <a class=\"url\" href=\"");
            sr_rep_html(o, p->url);
            sr_wo_s(o, "\">article</a>");
        }
        if (p->reports > 1) {
            sr_wo_s(o, " <span class=\"status\">(");
            sr_wo_i64(o, p->reports);
            sr_wo_s(o, " reports)</span>");
        }
        sr_wo_s(o, "</li>\n");
    }
    sr_wo_s(o, "</ul></div>\n");
}

static void section_html(sr_wout *o, const sr_rinc *c, size_t rank)
{
    sr_wo_s(o, "<section class=\"incident\" id=\"inc-");
    sr_wo_i64(o, c->id);
    sr_wo_s(o, "\" data-incident=\"");
    sr_wo_i64(o, c->id);
    sr_wo_s(o, "\">\n<h2>");
    sr_wo_i64(o, (int64_t)rank);
    sr_wo_s(o, ". ");
    type_label(o, c->type);
    sr_wo_s(o, " \xE2\x80\x94 ");
    place_html(o, c);
    sr_wo_s(o, " \xE2\x80\x94 ");
    date_html(o, c->date);
    if (*c->name) {
        sr_wo_s(o, " \xE2\x80\x94 <span class=\"name\">");
        sr_rep_html(o, c->name);
        sr_wo_s(o, "</span>");
    }
    sr_wo_s(o, "</h2>\n<p class=\"facts\">Incident ");
    sr_wo_i64(o, c->id);
    sr_wo_s(o, " \xC2\xB7 types: ");
    sr_rep_html(o, c->types);
    sr_wo_s(o, " \xC2\xB7 ");
    sr_wo_i64(o, c->articles);
    sr_wo_s(o, c->articles == 1 ? " report" : " reports");
    if (*c->first_reported) {
        sr_wo_s(o, ", ");
        time_html(o, sr_rtime_parse(c->first_reported));
        if (strcmp(c->first_reported, c->last_reported) != 0) {
            sr_wo_s(o, " to ");
            time_html(o, sr_rtime_parse(c->last_reported));
        }
    }
    sr_wo_s(o, "</p>\n");
    perps_html(o, c);
    for (size_t i = 0; i < c->nobs;) {
        size_t j = i;
        while (j < c->nobs && c->obs[j].figure == c->obs[i].figure)
            j++;
        int f = c->obs[i].figure;
        if (f >= 0 && f < SITREP_NFIGURES && c->figures[f].known) {
            sr_wo_s(o, "<div class=\"figure\" data-figure=\"");
            sr_wo_s(o, sitrep_figure_name((sitrep_figure)f));
            sr_wo_s(o, "\"><h3>");
            type_label(o, sitrep_figure_name((sitrep_figure)f));
            sr_wo_s(o, ": ");
            const sitrep_store_value *v = &c->figures[f];
            value_html(o, v, c->cur_ev[f], 0);
            if (*v->source || v->revised || v->contradicted) {
                sr_wo_s(o, " <span class=\"status\">(");
                sr_rep_html(o, v->source);
                sr_wo_s(o, *v->source && (v->revised || v->contradicted) ? ", " : "");
                sr_wo_s(o, v->contradicted ? "<span class=\"flag\">contradicted</span>" :
                            v->revised ? "revised" : "");
                sr_wo_s(o, ")</span>");
            }
            sr_wo_s(o, "</h3>\n");
            chart_html(o, c, f, c->obs + i, j - i);
            timeline_html(o, c->obs + i, j - i);
            sr_wo_s(o, "</div>\n");
        }
        i = j;
    }
    if (c->nobs) {
        sr_wo_s(o, "<h3>Evidence</h3>\n<ol class=\"evidence-list\">\n");
        for (size_t i = 0; i < c->nobs; i++)
            if (c->obs[i].ev_first)
                evidence_item(o, &c->obs[i], c, 0);
        sr_wo_s(o, "</ol>\n");
    }
    sr_wo_s(o, "</section>\n");
}

/* ---------------------------------------------------------------- page */

void sr_report_html(const sr_report *r, sr_wout *o)
{
    const sitrep_report_options *opt = r->opt;
    sr_wo_s(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<meta name=\"generator\" content=\"sitrep " SITREP_VERSION "\">\n<title>");
    sr_rep_html(o, r->title);
    /* An empty icon: the browser asks for no favicon. */
    sr_wo_s(o, "</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>\n");
    sr_wo_s(o, css);
    sr_wo_s(o, "</style>\n");
    if (opt->live_poll_url) {
        sr_wo_s(o, "<meta name=\"sitrep-version\" content=\"");
        sr_wo_i64(o, opt->live_version);
        sr_wo_s(o, "\">\n<script>");
        sr_wo_s(o, live_js);
        js_string(o, opt->live_poll_url);
        sr_wo_c(o, ',');
        sr_wo_i64(o, opt->live_version);
        sr_wo_s(o, ");</script>\n");
    }
    sr_wo_s(o, "</head>\n<body>\n<header>\n<h1>");
    sr_rep_html(o, r->title);
    sr_wo_s(o, "</h1>\n<p class=\"meta\">Period: ");
    if (r->from.year || r->to.year) {
        date_html(o, r->from);
        if (memcmp(&r->from, &r->to, sizeof r->to) != 0) {
            sr_wo_s(o, " to ");
            date_html(o, r->to);
        }
    } else {
        sr_wo_s(o, "all dates");
    }
    sr_wo_s(o, " \xC2\xB7 ");
    sr_rep_counts(o, r);
    if (opt->generated) {
        sr_wo_s(o, " \xC2\xB7 generated ");
        sr_rep_html(o, opt->generated);
    }
    sr_wo_s(o, "</p>\n</header>\n<main>\n");
    map_html(r, o);
    ranking_html(r, o);
    for (size_t i = 0; i < r->ndetailed; i++)
        section_html(o, &r->incs[i], i + 1);
    if (r->ndetailed < r->ninc) {
        sr_wo_s(o, "<section id=\"more-evidence\">\n<h2>Evidence for the other incidents"
                    "</h2>\n<ol class=\"evidence-list\">\n");
        for (size_t i = r->ndetailed; i < r->ninc; i++) {
            const sr_rinc *c = &r->incs[i];
            for (size_t k = 0; k < c->nobs; k++)
                if (c->obs[k].ev_first)
                    evidence_item(o, &c->obs[k], c, 1);
        }
        sr_wo_s(o, "</ol>\n</section>\n");
    }
    sr_wo_s(o, "</main>\n<footer><p>Written by sitrep " SITREP_VERSION " from its incident "
                "store. Figures are the consolidated values of the reports (docs/store.md); "
                "every number links to the sentence that gave it. Country shapes: Natural "
                "Earth (public domain), world-atlas 110m.</p></footer>\n</body>\n</html>\n");
}
