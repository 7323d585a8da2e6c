/*
 * sr_writer.c - output writers of the public API: one JSON object per
 * article (sitrep_write_json) and CSV rows with GTD-compatible columns
 * (sitrep_write_csv_header / sitrep_write_csv), as docs/output.md describes;
 * plus the static names of qualifiers and figures.
 *
 * Writers allocate nothing: output goes through a 64 KiB buffer on the stack
 * that is flushed to the user's sink when full and at the end.  Numbers are
 * formatted with integer arithmetic so that the output never depends on the
 * locale.  Invalid UTF-8 in any string is written as U+FFFD, so the output is
 * always valid UTF-8.
 */
#include "sitrep/sitrep.h"

#include <math.h>
#include <string.h>

#define SR_WR_BUF ((size_t)64 * 1024)

/* ---------------------------------------------------------------- names */

const char *sitrep_qualifier_name(sitrep_qualifier q)
{
    static const char *const names[] = {"exact",   "at_least",    "more_than", "about",
                                        "up_to",   "fewer_than",  "range"};
    if ((unsigned)q < sizeof names / sizeof names[0])
        return names[q];
    return "unknown";
}

const char *sitrep_figure_name(sitrep_figure f)
{
    static const char *const names[] = {"killed", "injured", "missing", "kidnapped", "arrested"};
    if ((unsigned)f < sizeof names / sizeof names[0])
        return names[f];
    return "unknown";
}

/* --------------------------------------------------------------- output */

typedef struct wout {
    sitrep_write_fn w;
    void *ud;
    size_t len;
    int failed;           /* the sink returned an error: drop the rest */
    char buf[SR_WR_BUF];
} wout;

static void wo_flush(wout *o)
{
    if (o->len && !o->failed && o->w(o->ud, o->buf, o->len) != 0)
        o->failed = 1;
    o->len = 0;
}

static void wo_put(wout *o, const void *p, size_t n)
{
    const char *s = p;
    while (n) {
        if (o->len == SR_WR_BUF)
            wo_flush(o);
        size_t k = SR_WR_BUF - o->len;
        if (k > n)
            k = n;
        memcpy(o->buf + o->len, s, k);
        o->len += k;
        s += k;
        n -= k;
    }
}

static void wo_c(wout *o, char c)
{
    if (o->len == SR_WR_BUF)
        wo_flush(o);
    o->buf[o->len++] = c;
}

static void wo_s(wout *o, const char *s)
{
    wo_put(o, s, strlen(s));
}

/* Decimal of a signed 64-bit integer. */
static void wo_i64(wout *o, int64_t v)
{
    char d[24];
    size_t k = sizeof d;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        d[--k] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        d[--k] = '-';
    wo_put(o, d + k, sizeof d - k);
}

/* v with at least width digits (zero-padded), for dates. */
static void wo_pad(wout *o, int v, int width)
{
    unsigned u = (unsigned)v;
    if (v < 0) {
        wo_c(o, '-');
        u = 0u - u; /* no overflow for INT_MIN */
    }
    char d[16];
    int k = (int)sizeof d;
    do {
        d[--k] = (char)('0' + u % 10);
        u /= 10;
    } while (u && k > 0);
    while ((int)sizeof d - k < width && k > 0)
        d[--k] = '0';
    wo_put(o, d + k, sizeof d - (size_t)k);
}

/* A coordinate with 5 decimals, rounded half away from zero; returns 0 (and
 * writes nothing) when x is not finite or absurdly large. */
static int wo_fixed5(wout *o, double x)
{
    if (!isfinite(x) || x > 1e12 || x < -1e12)
        return 0;
    long long v = llround(x * 100000.0);
    if (v < 0) {
        wo_c(o, '-');
        v = -v;
    }
    wo_i64(o, v / 100000);
    wo_c(o, '.');
    char f[5];
    long long r = v % 100000;
    for (int k = 4; k >= 0; k--) {
        f[k] = (char)('0' + r % 10);
        r /= 10;
    }
    wo_put(o, f, 5);
    return 1;
}

/* Length of the valid UTF-8 sequence at p (n > 0 bytes available), 0 when
 * invalid (overlong, surrogate, above U+10FFFF, truncated). */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0)
        return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0))
            return 0;
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
            (p[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

/* JSON string body (without quotes): RFC 8259 escapes; \n \r \t \b \f in
 * short form, other control characters as \u00XX; each invalid UTF-8 byte
 * as \ufffd. */
static void wo_json_body(wout *o, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && p[run] >= 0x20 && p[run] < 0x80 && p[run] != '"' && p[run] != '\\')
            run++;
        if (run > i) {
            wo_put(o, p + i, run - i);
            i = run;
            if (i >= n)
                break;
        }
        unsigned char c = p[i];
        if (c >= 0x80) {
            size_t k = utf8_seq(p + i, n - i);
            if (k == 0) {
                wo_s(o, "\\ufffd");
                i++;
            } else {
                wo_put(o, p + i, k);
                i += k;
            }
            continue;
        }
        switch (c) {
        case '"': wo_s(o, "\\\""); break;
        case '\\': wo_s(o, "\\\\"); break;
        case '\n': wo_s(o, "\\n"); break;
        case '\r': wo_s(o, "\\r"); break;
        case '\t': wo_s(o, "\\t"); break;
        case '\b': wo_s(o, "\\b"); break;
        case '\f': wo_s(o, "\\f"); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            wo_put(o, u, 6);
        }
        }
        i++;
    }
}

static void wo_json_str(wout *o, const char *s, size_t n)
{
    wo_c(o, '"');
    if (s)
        wo_json_body(o, s, n);
    wo_c(o, '"');
}

/* A view as a JSON string, or null when empty. */
static void wo_json_view_or_null(wout *o, sitrep_str v)
{
    if (v.ptr && v.len)
        wo_json_str(o, v.ptr, v.len);
    else
        wo_s(o, "null");
}

/* A static C string as a JSON string, or null when NULL. */
static void wo_json_cstr_or_null(wout *o, const char *s)
{
    if (s)
        wo_json_str(o, s, strlen(s));
    else
        wo_s(o, "null");
}

/* Length of the NUL-terminated country code (at most 2). */
static size_t country_len(const char c[3])
{
    return c[0] ? (c[1] ? 2 : 1) : 0;
}

/* Clamp evidence to the text; returns 0 when nothing is left. */
static int ev_clamp(const sitrep_article *a, sitrep_evidence e, size_t *s, size_t *t)
{
    size_t len = a->text.ptr ? a->text.len : 0;
    size_t end = e.end < len ? e.end : len;
    size_t start = e.start < end ? e.start : end;
    *s = start;
    *t = end;
    return start < end;
}

/* E = {"start":N,"end":N,"text":"..."} or null. */
static void wo_json_ev(wout *o, const sitrep_article *a, sitrep_evidence e)
{
    size_t s, t;
    if (!ev_clamp(a, e, &s, &t)) {
        wo_s(o, "null");
        return;
    }
    wo_s(o, "{\"start\":");
    wo_i64(o, (int64_t)s);
    wo_s(o, ",\"end\":");
    wo_i64(o, (int64_t)t);
    wo_s(o, ",\"text\":");
    wo_json_str(o, a->text.ptr + s, t - s);
    wo_c(o, '}');
}

/* "YYYY-MM-DD" ("YYYY-MM" when the day is unknown, "YYYY" when the month
 * is); the caller checked year != 0. */
static void wo_date(wout *o, sitrep_date d)
{
    wo_pad(o, d.year, 4);
    if (d.month >= 1 && d.month <= 12) {
        wo_c(o, '-');
        wo_pad(o, d.month, 2);
        if (d.day >= 1 && d.day <= 31) {
            wo_c(o, '-');
            wo_pad(o, d.day, 2);
        }
    }
}

static void wo_json_count(wout *o, const sitrep_article *a, const sitrep_count *c)
{
    if (!c->known) {
        wo_s(o, "null");
        return;
    }
    wo_s(o, "{\"value\":");
    wo_i64(o, c->value);
    wo_s(o, ",\"qualifier\":");
    wo_json_cstr_or_null(o, sitrep_qualifier_name(c->qualifier));
    wo_s(o, ",\"min\":");
    if (c->min >= 0)
        wo_i64(o, c->min);
    else
        wo_s(o, "null");
    wo_s(o, ",\"max\":");
    if (c->max >= 0)
        wo_i64(o, c->max);
    else
        wo_s(o, "null");
    wo_s(o, ",\"perpetrators\":");
    if (c->perpetrators >= 0)
        wo_i64(o, c->perpetrators);
    else
        wo_s(o, "null");
    wo_s(o, ",\"source\":");
    wo_json_view_or_null(o, c->source);
    wo_s(o, ",\"evidence\":");
    wo_json_ev(o, a, c->evidence);
    wo_s(o, ",\"source_evidence\":");
    wo_json_ev(o, a, c->source_evidence);
    wo_c(o, '}');
}

static void wo_json_location(wout *o, const sitrep_article *a, const sitrep_location *l)
{
    if (!l->known) {
        wo_s(o, "null");
        return;
    }
    wo_s(o, "{\"name\":");
    wo_json_view_or_null(o, l->name);
    wo_s(o, ",\"admin1\":");
    wo_json_view_or_null(o, l->admin1);
    wo_s(o, ",\"country\":");
    size_t cl = country_len(l->country);
    if (cl)
        wo_json_str(o, l->country, cl);
    else
        wo_s(o, "null");
    wo_s(o, ",\"lat\":");
    if (!l->resolved || !wo_fixed5(o, l->lat))
        wo_s(o, "null");
    wo_s(o, ",\"lon\":");
    if (!l->resolved || !wo_fixed5(o, l->lon))
        wo_s(o, "null");
    wo_s(o, ",\"geonames_id\":");
    if (l->geonames_id)
        wo_i64(o, l->geonames_id);
    else
        wo_s(o, "null");
    wo_s(o, ",\"precision\":");
    wo_json_cstr_or_null(o, l->precision);
    wo_s(o, ",\"relation\":");
    wo_json_cstr_or_null(o, l->relation);
    wo_s(o, ",\"text\":");
    wo_json_view_or_null(o, l->text);
    wo_s(o, ",\"venue\":");
    wo_json_view_or_null(o, l->venue);
    wo_s(o, ",\"evidence\":");
    wo_json_ev(o, a, l->evidence);
    wo_s(o, ",\"resolved\":");
    wo_s(o, l->resolved ? "true" : "false");
    wo_c(o, '}');
}

static void wo_json_incident(wout *o, const sitrep_article *a, const sitrep_incident *in)
{
    wo_s(o, "{\"main\":");
    wo_s(o, in->main ? "true" : "false");
    wo_s(o, ",\"type\":[");
    for (size_t i = 0; i < in->ntypes && in->types; i++) {
        if (i)
            wo_c(o, ',');
        wo_s(o, "{\"slug\":");
        wo_json_cstr_or_null(o, in->types[i].slug);
        wo_s(o, ",\"evidence\":");
        wo_json_ev(o, a, in->types[i].evidence);
        wo_c(o, '}');
    }
    wo_s(o, "],\"date\":");
    if (in->date.year) {
        wo_s(o, "{\"value\":\"");
        wo_date(o, in->date);
        wo_s(o, "\",\"evidence\":");
        wo_json_ev(o, a, in->date_evidence);
        wo_c(o, '}');
    } else {
        wo_s(o, "null");
    }
    wo_s(o, ",\"location\":");
    wo_json_location(o, a, &in->location);
    for (int f = 0; f < SITREP_NFIGURES; f++) {
        wo_s(o, ",\"");
        wo_s(o, sitrep_figure_name((sitrep_figure)f));
        wo_s(o, "\":");
        wo_json_count(o, a, &in->counts[f]);
    }
    wo_s(o, ",\"perpetrators\":[");
    for (size_t i = 0; i < in->nperpetrators && in->perpetrators; i++) {
        const sitrep_perpetrator *p = &in->perpetrators[i];
        if (i)
            wo_c(o, ',');
        wo_s(o, "{\"name\":");
        wo_json_view_or_null(o, p->name);
        wo_s(o, ",\"kind\":");
        wo_json_cstr_or_null(o, p->kind);
        wo_s(o, ",\"claim\":");
        wo_json_cstr_or_null(o, p->claim);
        wo_s(o, ",\"evidence\":");
        wo_json_ev(o, a, p->evidence);
        wo_s(o, ",\"claim_evidence\":");
        wo_json_ev(o, a, p->claim_evidence);
        wo_c(o, '}');
    }
    wo_s(o, "],\"targets\":[");
    for (size_t i = 0; i < in->ntargets && in->targets; i++) {
        const sitrep_target *t = &in->targets[i];
        if (i)
            wo_c(o, ',');
        wo_s(o, "{\"text\":");
        wo_json_view_or_null(o, t->text);
        wo_s(o, ",\"kind\":");
        wo_json_cstr_or_null(o, t->kind);
        wo_s(o, ",\"type\":");
        wo_json_cstr_or_null(o, t->type);
        wo_s(o, ",\"evidence\":");
        wo_json_ev(o, a, t->evidence);
        wo_c(o, '}');
    }
    wo_s(o, "],\"weapons\":[");
    for (size_t i = 0; i < in->nweapons && in->weapons; i++) {
        const sitrep_weapon *w = &in->weapons[i];
        if (i)
            wo_c(o, ',');
        wo_s(o, "{\"type\":");
        wo_json_cstr_or_null(o, w->type);
        wo_s(o, ",\"text\":");
        wo_json_view_or_null(o, w->text);
        wo_s(o, ",\"evidence\":");
        wo_json_ev(o, a, w->evidence);
        wo_c(o, '}');
    }
    wo_s(o, "],\"evidence\":");
    wo_json_ev(o, a, in->evidence);
    wo_c(o, '}');
}

static sitrep_status wo_finish(wout *o)
{
    wo_flush(o);
    return o->failed ? SITREP_E_IO : SITREP_OK;
}

sitrep_status sitrep_write_json(const sitrep_article *a, const sitrep_result *r,
                                sitrep_write_fn w, void *ud)
{
    if (!a || !r || !w)
        return SITREP_E_ARG;
    wout o;
    o.w = w;
    o.ud = ud;
    o.len = 0;
    o.failed = 0;
    wo_s(&o, "{\"doc\":");
    wo_json_str(&o, a->id.ptr, a->id.ptr ? a->id.len : 0);
    wo_s(&o, ",\"url\":");
    wo_json_view_or_null(&o, a->url);
    wo_s(&o, ",\"source\":");
    wo_json_view_or_null(&o, a->source);
    wo_s(&o, ",\"title\":");
    wo_json_view_or_null(&o, a->title);
    wo_s(&o, ",\"published\":");
    if (r->published.year) {
        wo_c(&o, '"');
        wo_date(&o, r->published);
        wo_c(&o, '"');
    } else {
        wo_s(&o, "null");
    }
    if (r->dateline_place.ptr && r->dateline_place.len) {
        wo_s(&o, ",\"dateline\":");
        wo_json_str(&o, r->dateline_place.ptr, r->dateline_place.len);
    }
    wo_s(&o, ",\"incidents\":[");
    for (size_t i = 0; i < r->nincidents && r->incidents; i++) {
        if (i)
            wo_c(&o, ',');
        wo_json_incident(&o, a, &r->incidents[i]);
        if (o.failed)
            break;
    }
    wo_s(&o, "]}\n");
    return wo_finish(&o);
}

/* ------------------------------------------------------------------ CSV */

/* RFC 4180: a field is quoted when it holds a comma, a quote, CR or LF. */
static int csv_needs_quote(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
            return 1;
    return 0;
}

/* Field bytes with quotes doubled; invalid UTF-8 bytes and NUL become
 * U+FFFD so that the file is valid UTF-8. */
static void wo_csv_body(wout *o, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && p[run] < 0x80 && p[run] != '"' && p[run] != 0)
            run++;
        if (run > i) {
            wo_put(o, p + i, run - i);
            i = run;
            if (i >= n)
                break;
        }
        if (p[i] == '"') {
            wo_s(o, "\"\"");
            i++;
            continue;
        }
        size_t k = p[i] ? utf8_seq(p + i, n - i) : 0;
        if (k == 0) {
            wo_s(o, "\xEF\xBF\xBD");
            i++;
        } else {
            wo_put(o, p + i, k);
            i += k;
        }
    }
}

static void wo_csv_field(wout *o, const char *s, size_t n)
{
    int quote = csv_needs_quote(s, n);
    if (quote)
        wo_c(o, '"');
    wo_csv_body(o, s, n);
    if (quote)
        wo_c(o, '"');
}

static void wo_csv_view(wout *o, sitrep_str v)
{
    if (v.ptr && v.len)
        wo_csv_field(o, v.ptr, v.len);
}

static void wo_csv_cstr(wout *o, const char *s)
{
    if (s)
        wo_csv_field(o, s, strlen(s));
}

typedef struct slug_map {
    const char *slug, *gtd;
} slug_map;

static const slug_map attack_types[] = {
    {"assassination", "Assassination"},
    {"armed_assault", "Armed Assault"},
    {"bombing", "Bombing/Explosion"},
    {"hijacking", "Hijacking"},
    {"hostage_taking", "Hostage Taking (Barricade Incident)"},
    {"kidnapping", "Hostage Taking (Kidnapping)"},
    {"facility_attack", "Facility/Infrastructure Attack"},
    {"unarmed_assault", "Unarmed Assault"},
    {"others", "Unknown"},
    {NULL, NULL}};

static const slug_map weapon_types[] = {
    {"firearms", "Firearms"},
    {"explosives", "Explosives"},
    {"incendiary", "Incendiary"},
    {"melee", "Melee"},
    {"vehicle", "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)"},
    {"chemical", "Chemical"},
    {"biological", "Biological"},
    {"radiological", "Radiological"},
    {"nuclear", "Nuclear"},
    {"fake_weapons", "Fake Weapons"},
    {"sabotage", "Sabotage Equipment"},
    {"other", "Other"},
    {"unknown", "Unknown"},
    {NULL, NULL}};

static const slug_map target_types[] = {
    {"civilians", "Private Citizens & Property"},
    {"private_citizens", "Private Citizens & Property"},
    {"police", "Police"},
    {"military", "Military"},
    {"government", "Government (General)"},
    {"diplomatic", "Government (Diplomatic)"},
    {"business", "Business"},
    {"religious", "Religious Figures/Institutions"},
    {"educational", "Educational Institution"},
    {"education", "Educational Institution"},
    {"transportation", "Transportation"},
    {"journalists", "Journalists & Media"},
    {"media", "Journalists & Media"},
    {"utilities", "Utilities"},
    {"telecommunication", "Telecommunication"},
    {"airports", "Airports & Aircraft"},
    {"maritime", "Maritime"},
    {"ngo", "NGO"},
    {"tourists", "Tourists"},
    {"militia", "Terrorists/Non-State Militia"},
    {"terrorists", "Terrorists/Non-State Militia"},
    {"violent_political_party", "Violent Political Party"},
    {"food_water", "Food or Water Supply"},
    {"abortion", "Abortion Related"},
    {"other", "Other"},
    {"unknown", "Unknown"},
    {NULL, NULL}};

/* GTD name of a slug; a slug GTD has no name for is written as it is. */
static const char *gtd_name(const slug_map *m, const char *slug)
{
    if (!slug)
        return NULL;
    for (; m->slug; m++)
        if (strcmp(m->slug, slug) == 0)
            return m->gtd;
    return slug;
}

static const char csv_header[] =
    "eventid,iyear,imonth,iday,country,provstate,city,latitude,longitude,"
    "attacktype1_txt,attacktype2_txt,gname,claimed,targtype1_txt,target1,"
    "weaptype1_txt,nkill,nwound,nhostkid,summary,main,missing,arrested,source_url\n";

sitrep_status sitrep_write_csv_header(sitrep_write_fn w, void *ud)
{
    if (!w)
        return SITREP_E_ARG;
    return w(ud, csv_header, sizeof csv_header - 1) == 0 ? SITREP_OK : SITREP_E_IO;
}

static void wo_csv_count(wout *o, const sitrep_count *c)
{
    if (c->known)
        wo_i64(o, c->value);
}

static void wo_csv_row(wout *o, const sitrep_article *a, const sitrep_incident *in, size_t idx)
{
    /* eventid: "<doc id>-<1-based incident index>", one field */
    const char *id = a->id.ptr ? a->id.ptr : "";
    size_t idn = a->id.ptr ? a->id.len : 0;
    int quote = csv_needs_quote(id, idn);
    if (quote)
        wo_c(o, '"');
    wo_csv_body(o, id, idn);
    wo_c(o, '-');
    wo_i64(o, (int64_t)idx + 1);
    if (quote)
        wo_c(o, '"');
    /* iyear, imonth, iday: GTD writes 0 for an unknown month or day */
    wo_c(o, ',');
    if (in->date.year) {
        wo_i64(o, in->date.year);
        wo_c(o, ',');
        wo_i64(o, in->date.month >= 1 && in->date.month <= 12 ? in->date.month : 0);
        wo_c(o, ',');
        wo_i64(o, in->date.day >= 1 && in->date.day <= 31 ? in->date.day : 0);
    } else {
        wo_s(o, ",,");
    }
    const sitrep_location *l = &in->location;
    /* country, provstate, city */
    wo_c(o, ',');
    if (l->known)
        wo_csv_field(o, l->country, country_len(l->country));
    wo_c(o, ',');
    if (l->known)
        wo_csv_view(o, l->admin1);
    wo_c(o, ',');
    if (l->known) {
        if (!l->resolved)
            wo_csv_view(o, l->text);
        else if (l->precision && strcmp(l->precision, "city") == 0)
            wo_csv_view(o, l->name);
    }
    /* latitude, longitude */
    wo_c(o, ',');
    if (l->known && l->resolved)
        wo_fixed5(o, l->lat);
    wo_c(o, ',');
    if (l->known && l->resolved)
        wo_fixed5(o, l->lon);
    /* attacktype1_txt, attacktype2_txt */
    wo_c(o, ',');
    if (in->ntypes > 0 && in->types)
        wo_csv_cstr(o, gtd_name(attack_types, in->types[0].slug));
    wo_c(o, ',');
    if (in->ntypes > 1 && in->types)
        wo_csv_cstr(o, gtd_name(attack_types, in->types[1].slug));
    /* gname, claimed */
    const sitrep_perpetrator *org = NULL;
    int claimed = 0;
    for (size_t i = 0; i < in->nperpetrators && in->perpetrators; i++) {
        const sitrep_perpetrator *p = &in->perpetrators[i];
        if (!org && p->kind && strcmp(p->kind, "organization") == 0)
            org = p;
        if (p->claim && strcmp(p->claim, "claimed") == 0)
            claimed = 1;
    }
    wo_c(o, ',');
    if (org)
        wo_csv_view(o, org->name);
    wo_c(o, ',');
    wo_c(o, claimed ? '1' : '0');
    /* targtype1_txt, target1 */
    wo_c(o, ',');
    if (in->ntargets > 0 && in->targets)
        wo_csv_cstr(o, gtd_name(target_types, in->targets[0].type));
    wo_c(o, ',');
    if (in->ntargets > 0 && in->targets)
        wo_csv_view(o, in->targets[0].text);
    /* weaptype1_txt */
    wo_c(o, ',');
    if (in->nweapons > 0 && in->weapons)
        wo_csv_cstr(o, gtd_name(weapon_types, in->weapons[0].type));
    /* nkill, nwound, nhostkid */
    wo_c(o, ',');
    wo_csv_count(o, &in->counts[SITREP_KILLED]);
    wo_c(o, ',');
    wo_csv_count(o, &in->counts[SITREP_INJURED]);
    wo_c(o, ',');
    wo_csv_count(o, &in->counts[SITREP_KIDNAPPED]);
    /* summary: the sentence that first reports the incident */
    wo_c(o, ',');
    size_t s, t;
    if (ev_clamp(a, in->evidence, &s, &t))
        wo_csv_field(o, a->text.ptr + s, t - s);
    /* sitrep extras: main, missing, arrested, source_url */
    wo_c(o, ',');
    wo_c(o, in->main ? '1' : '0');
    wo_c(o, ',');
    wo_csv_count(o, &in->counts[SITREP_MISSING]);
    wo_c(o, ',');
    wo_csv_count(o, &in->counts[SITREP_ARRESTED]);
    wo_c(o, ',');
    wo_csv_view(o, a->url);
    wo_c(o, '\n');
}

sitrep_status sitrep_write_csv(const sitrep_article *a, const sitrep_result *r,
                               sitrep_write_fn w, void *ud)
{
    if (!a || !r || !w)
        return SITREP_E_ARG;
    wout o;
    o.w = w;
    o.ud = ud;
    o.len = 0;
    o.failed = 0;
    for (size_t i = 0; i < r->nincidents && r->incidents; i++) {
        wo_csv_row(&o, a, &r->incidents[i], i);
        if (o.failed)
            break;
    }
    return wo_finish(&o);
}
