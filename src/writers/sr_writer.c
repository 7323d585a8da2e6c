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
#include "writers/sr_wout.h"

#include <math.h>
#include <string.h>


/* ---------------------------------------------------------------- names */

const char *sitrep_qualifier_name(sitrep_qualifier q)
{
    static const char *const names[] = {"exact",   "at_least",    "more_than", "about",
                                        "up_to",   "fewer_than",  "range"};
    if ((unsigned)q < sizeof names / sizeof names[0])
        return names[q];
    return "unknown";
}

const char *sitrep_qualifier_words(sitrep_qualifier q)
{
    switch (q) {
    case SITREP_Q_AT_LEAST:
        return "at least ";
    case SITREP_Q_MORE_THAN:
        return "more than ";
    case SITREP_Q_ABOUT:
        return "about ";
    case SITREP_Q_UP_TO:
        return "up to ";
    case SITREP_Q_FEWER_THAN:
        return "fewer than ";
    default:
        return "";
    }
}

const char *sitrep_figure_name(sitrep_figure f)
{
    static const char *const names[] = {"killed", "injured", "missing", "kidnapped", "arrested"};
    if ((unsigned)f < sizeof names / sizeof names[0])
        return names[f];
    return "unknown";
}

/* --------------------------------------------------------------- output */
/* The buffered sink (sr_wout.c) is shared with the MUC-4 writer. */
/* A coordinate with 5 decimals, rounded half away from zero; returns 0 (and
 * writes nothing) when x is not finite or absurdly large. */
static int wo_fixed5(sr_wout *o, double x)
{
    if (!isfinite(x) || x > 1e12 || x < -1e12)
        return 0;
    long long v = llround(x * 100000.0);
    if (v < 0) {
        sr_wo_c(o, '-');
        v = -v;
    }
    sr_wo_i64(o, v / 100000);
    sr_wo_c(o, '.');
    char f[5];
    long long r = v % 100000;
    for (int k = 4; k >= 0; k--) {
        f[k] = (char)('0' + r % 10);
        r /= 10;
    }
    sr_wo_put(o, f, 5);
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
static void wo_json_body(sr_wout *o, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && p[run] >= 0x20 && p[run] < 0x80 && p[run] != '"' && p[run] != '\\')
            run++;
        if (run > i) {
            sr_wo_put(o, p + i, run - i);
            i = run;
            if (i >= n)
                break;
        }
        unsigned char c = p[i];
        if (c >= 0x80) {
            size_t k = utf8_seq(p + i, n - i);
            if (k == 0) {
                sr_wo_s(o, "\\ufffd");
                i++;
            } else {
                sr_wo_put(o, p + i, k);
                i += k;
            }
            continue;
        }
        switch (c) {
        case '"': sr_wo_s(o, "\\\""); break;
        case '\\': sr_wo_s(o, "\\\\"); break;
        case '\n': sr_wo_s(o, "\\n"); break;
        case '\r': sr_wo_s(o, "\\r"); break;
        case '\t': sr_wo_s(o, "\\t"); break;
        case '\b': sr_wo_s(o, "\\b"); break;
        case '\f': sr_wo_s(o, "\\f"); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            sr_wo_put(o, u, 6);
        }
        }
        i++;
    }
}

static void wo_json_str(sr_wout *o, const char *s, size_t n)
{
    sr_wo_c(o, '"');
    if (s)
        wo_json_body(o, s, n);
    sr_wo_c(o, '"');
}

/* A view as a JSON string, or null when empty. */
static void wo_json_view_or_null(sr_wout *o, sitrep_str v)
{
    if (v.ptr && v.len)
        wo_json_str(o, v.ptr, v.len);
    else
        sr_wo_s(o, "null");
}

/* A static C string as a JSON string, or null when NULL. */
static void wo_json_cstr_or_null(sr_wout *o, const char *s)
{
    if (s)
        wo_json_str(o, s, strlen(s));
    else
        sr_wo_s(o, "null");
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
static void wo_json_ev(sr_wout *o, const sitrep_article *a, sitrep_evidence e)
{
    size_t s, t;
    if (!ev_clamp(a, e, &s, &t)) {
        sr_wo_s(o, "null");
        return;
    }
    sr_wo_s(o, "{\"start\":");
    sr_wo_i64(o, (int64_t)s);
    sr_wo_s(o, ",\"end\":");
    sr_wo_i64(o, (int64_t)t);
    /* HTML and WARC articles: where the evidence is in the input. */
    uint64_t ss, se;
    if (a->source_map && sitrep_article_source_offset(a, s, &ss) &&
        sitrep_article_source_offset(a, t - 1, &se)) {
        sr_wo_s(o, ",\"source_start\":");
        sr_wo_i64(o, (int64_t)ss);
        sr_wo_s(o, ",\"source_end\":");
        sr_wo_i64(o, (int64_t)(se + 1 > ss ? se + 1 : ss));
    }
    sr_wo_s(o, ",\"text\":");
    wo_json_str(o, a->text.ptr + s, t - s);
    sr_wo_c(o, '}');
}

/* "YYYY-MM-DD" ("YYYY-MM" when the day is unknown, "YYYY" when the month
 * is); the caller checked year != 0. */
static void wo_date(sr_wout *o, sitrep_date d)
{
    sr_wo_pad(o, d.year, 4);
    if (d.month >= 1 && d.month <= 12) {
        sr_wo_c(o, '-');
        sr_wo_pad(o, d.month, 2);
        if (d.day >= 1 && d.day <= 31) {
            sr_wo_c(o, '-');
            sr_wo_pad(o, d.day, 2);
        }
    }
}

static void wo_json_count(sr_wout *o, const sitrep_article *a, const sitrep_count *c)
{
    if (!c->known) {
        sr_wo_s(o, "null");
        return;
    }
    sr_wo_s(o, "{\"value\":");
    sr_wo_i64(o, c->value);
    sr_wo_s(o, ",\"qualifier\":");
    wo_json_cstr_or_null(o, sitrep_qualifier_name(c->qualifier));
    sr_wo_s(o, ",\"min\":");
    if (c->min >= 0)
        sr_wo_i64(o, c->min);
    else
        sr_wo_s(o, "null");
    sr_wo_s(o, ",\"max\":");
    if (c->max >= 0)
        sr_wo_i64(o, c->max);
    else
        sr_wo_s(o, "null");
    sr_wo_s(o, ",\"perpetrators\":");
    if (c->perpetrators >= 0)
        sr_wo_i64(o, c->perpetrators);
    else
        sr_wo_s(o, "null");
    sr_wo_s(o, ",\"source\":");
    wo_json_view_or_null(o, c->source);
    sr_wo_s(o, ",\"evidence\":");
    wo_json_ev(o, a, c->evidence);
    sr_wo_s(o, ",\"source_evidence\":");
    wo_json_ev(o, a, c->source_evidence);
    sr_wo_c(o, '}');
}

static void wo_json_location(sr_wout *o, const sitrep_article *a, const sitrep_location *l)
{
    if (!l->known) {
        sr_wo_s(o, "null");
        return;
    }
    sr_wo_s(o, "{\"name\":");
    wo_json_view_or_null(o, l->name);
    sr_wo_s(o, ",\"admin1\":");
    wo_json_view_or_null(o, l->admin1);
    sr_wo_s(o, ",\"admin2\":");
    wo_json_view_or_null(o, l->admin2);
    sr_wo_s(o, ",\"country\":");
    size_t cl = country_len(l->country);
    if (cl)
        wo_json_str(o, l->country, cl);
    else
        sr_wo_s(o, "null");
    sr_wo_s(o, ",\"lat\":");
    if (!l->resolved || !wo_fixed5(o, l->lat))
        sr_wo_s(o, "null");
    sr_wo_s(o, ",\"lon\":");
    if (!l->resolved || !wo_fixed5(o, l->lon))
        sr_wo_s(o, "null");
    sr_wo_s(o, ",\"geonames_id\":");
    if (l->geonames_id)
        sr_wo_i64(o, l->geonames_id);
    else
        sr_wo_s(o, "null");
    sr_wo_s(o, ",\"precision\":");
    wo_json_cstr_or_null(o, l->precision);
    sr_wo_s(o, ",\"relation\":");
    wo_json_cstr_or_null(o, l->relation);
    sr_wo_s(o, ",\"text\":");
    wo_json_view_or_null(o, l->text);
    sr_wo_s(o, ",\"venue\":");
    wo_json_view_or_null(o, l->venue);
    sr_wo_s(o, ",\"evidence\":");
    wo_json_ev(o, a, l->evidence);
    sr_wo_s(o, ",\"resolved\":");
    sr_wo_s(o, l->resolved ? "true" : "false");
    sr_wo_c(o, '}');
}

static void wo_json_incident(sr_wout *o, const sitrep_article *a, const sitrep_incident *in)
{
    sr_wo_s(o, "{\"main\":");
    sr_wo_s(o, in->main ? "true" : "false");
    sr_wo_s(o, ",\"name\":");
    if (in->name.len) {
        sr_wo_s(o, "{\"value\":");
        wo_json_view_or_null(o, in->name);
        sr_wo_s(o, ",\"evidence\":");
        wo_json_ev(o, a, in->name_evidence);
        sr_wo_c(o, '}');
    } else {
        sr_wo_s(o, "null");
    }
    sr_wo_s(o, ",\"type\":[");
    for (size_t i = 0; i < in->ntypes && in->types; i++) {
        if (i)
            sr_wo_c(o, ',');
        sr_wo_s(o, "{\"slug\":");
        wo_json_cstr_or_null(o, in->types[i].slug);
        sr_wo_s(o, ",\"evidence\":");
        wo_json_ev(o, a, in->types[i].evidence);
        sr_wo_c(o, '}');
    }
    sr_wo_s(o, "],\"stage\":");
    if (in->stage && in->stage_evidence.end > in->stage_evidence.start) {
        sr_wo_s(o, "{\"value\":");
        wo_json_cstr_or_null(o, in->stage);
        sr_wo_s(o, ",\"evidence\":");
        wo_json_ev(o, a, in->stage_evidence);
        sr_wo_c(o, '}');
    } else {
        sr_wo_s(o, "{\"value\":");
        wo_json_cstr_or_null(o, in->stage ? in->stage : "accomplished");
        sr_wo_s(o, ",\"evidence\":null}");
    }
    sr_wo_s(o, ",\"date\":");
    if (in->date.year) {
        sr_wo_s(o, "{\"value\":\"");
        wo_date(o, in->date);
        sr_wo_s(o, "\",\"evidence\":");
        wo_json_ev(o, a, in->date_evidence);
        sr_wo_c(o, '}');
    } else {
        sr_wo_s(o, "null");
    }
    sr_wo_s(o, ",\"location\":");
    wo_json_location(o, a, &in->location);
    for (int f = 0; f < SITREP_NFIGURES; f++) {
        sr_wo_s(o, ",\"");
        sr_wo_s(o, sitrep_figure_name((sitrep_figure)f));
        sr_wo_s(o, "\":");
        wo_json_count(o, a, &in->counts[f]);
    }
    sr_wo_s(o, ",\"perpetrators\":[");
    for (size_t i = 0; i < in->nperpetrators && in->perpetrators; i++) {
        const sitrep_perpetrator *p = &in->perpetrators[i];
        if (i)
            sr_wo_c(o, ',');
        sr_wo_s(o, "{\"name\":");
        wo_json_view_or_null(o, p->name);
        sr_wo_s(o, ",\"kind\":");
        wo_json_cstr_or_null(o, p->kind);
        sr_wo_s(o, ",\"claim\":");
        wo_json_cstr_or_null(o, p->claim);
        sr_wo_s(o, ",\"evidence\":");
        wo_json_ev(o, a, p->evidence);
        sr_wo_s(o, ",\"claim_evidence\":");
        wo_json_ev(o, a, p->claim_evidence);
        sr_wo_c(o, '}');
    }
    sr_wo_s(o, "],\"targets\":[");
    for (size_t i = 0; i < in->ntargets && in->targets; i++) {
        const sitrep_target *t = &in->targets[i];
        if (i)
            sr_wo_c(o, ',');
        sr_wo_s(o, "{\"text\":");
        wo_json_view_or_null(o, t->text);
        sr_wo_s(o, ",\"kind\":");
        wo_json_cstr_or_null(o, t->kind);
        sr_wo_s(o, ",\"type\":");
        wo_json_cstr_or_null(o, t->type);
        sr_wo_s(o, ",\"evidence\":");
        wo_json_ev(o, a, t->evidence);
        sr_wo_c(o, '}');
    }
    sr_wo_s(o, "],\"weapons\":[");
    for (size_t i = 0; i < in->nweapons && in->weapons; i++) {
        const sitrep_weapon *w = &in->weapons[i];
        if (i)
            sr_wo_c(o, ',');
        sr_wo_s(o, "{\"type\":");
        wo_json_cstr_or_null(o, w->type);
        sr_wo_s(o, ",\"text\":");
        wo_json_view_or_null(o, w->text);
        sr_wo_s(o, ",\"evidence\":");
        wo_json_ev(o, a, w->evidence);
        sr_wo_c(o, '}');
    }
    sr_wo_s(o, "],\"evidence\":");
    wo_json_ev(o, a, in->evidence);
    sr_wo_c(o, '}');
}


sitrep_status sitrep_write_json(const sitrep_article *a, const sitrep_result *r,
                                sitrep_write_fn w, void *ud)
{
    if (!a || !r || !w)
        return SITREP_E_ARG;
    sr_wout o;
    o.w = w;
    o.ud = ud;
    o.len = 0;
    o.failed = 0;
    sr_wo_s(&o, "{\"doc\":");
    wo_json_str(&o, a->id.ptr, a->id.ptr ? a->id.len : 0);
    sr_wo_s(&o, ",\"url\":");
    wo_json_view_or_null(&o, a->url);
    sr_wo_s(&o, ",\"source\":");
    wo_json_view_or_null(&o, a->source);
    sr_wo_s(&o, ",\"title\":");
    wo_json_view_or_null(&o, a->title);
    sr_wo_s(&o, ",\"published\":");
    if (r->published.year) {
        sr_wo_c(&o, '"');
        wo_date(&o, r->published);
        sr_wo_c(&o, '"');
    } else {
        sr_wo_s(&o, "null");
    }
    if (r->dateline_place.ptr && r->dateline_place.len) {
        sr_wo_s(&o, ",\"dateline\":");
        wo_json_str(&o, r->dateline_place.ptr, r->dateline_place.len);
    }
    sr_wo_s(&o, ",\"incidents\":[");
    for (size_t i = 0; i < r->nincidents && r->incidents; i++) {
        if (i)
            sr_wo_c(&o, ',');
        wo_json_incident(&o, a, &r->incidents[i]);
        if (o.failed)
            break;
    }
    sr_wo_s(&o, "]}\n");
    return sr_wo_finish(&o);
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
static void wo_csv_body(sr_wout *o, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && p[run] < 0x80 && p[run] != '"' && p[run] != 0)
            run++;
        if (run > i) {
            sr_wo_put(o, p + i, run - i);
            i = run;
            if (i >= n)
                break;
        }
        if (p[i] == '"') {
            sr_wo_s(o, "\"\"");
            i++;
            continue;
        }
        size_t k = p[i] ? utf8_seq(p + i, n - i) : 0;
        if (k == 0) {
            sr_wo_s(o, "\xEF\xBF\xBD");
            i++;
        } else {
            sr_wo_put(o, p + i, k);
            i += k;
        }
    }
}

static void wo_csv_field(sr_wout *o, const char *s, size_t n)
{
    int quote = csv_needs_quote(s, n);
    if (quote)
        sr_wo_c(o, '"');
    wo_csv_body(o, s, n);
    if (quote)
        sr_wo_c(o, '"');
}

static void wo_csv_view(sr_wout *o, sitrep_str v)
{
    if (v.ptr && v.len)
        wo_csv_field(o, v.ptr, v.len);
}

static void wo_csv_cstr(sr_wout *o, const char *s)
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

static void wo_csv_count(sr_wout *o, const sitrep_count *c)
{
    if (c->known)
        sr_wo_i64(o, c->value);
}

static void wo_csv_row(sr_wout *o, const sitrep_article *a, const sitrep_incident *in, size_t idx)
{
    /* eventid: "<doc id>-<1-based incident index>", one field */
    const char *id = a->id.ptr ? a->id.ptr : "";
    size_t idn = a->id.ptr ? a->id.len : 0;
    int quote = csv_needs_quote(id, idn);
    if (quote)
        sr_wo_c(o, '"');
    wo_csv_body(o, id, idn);
    sr_wo_c(o, '-');
    sr_wo_i64(o, (int64_t)idx + 1);
    if (quote)
        sr_wo_c(o, '"');
    /* iyear, imonth, iday: GTD writes 0 for an unknown month or day */
    sr_wo_c(o, ',');
    if (in->date.year) {
        sr_wo_i64(o, in->date.year);
        sr_wo_c(o, ',');
        sr_wo_i64(o, in->date.month >= 1 && in->date.month <= 12 ? in->date.month : 0);
        sr_wo_c(o, ',');
        sr_wo_i64(o, in->date.day >= 1 && in->date.day <= 31 ? in->date.day : 0);
    } else {
        sr_wo_s(o, ",,");
    }
    const sitrep_location *l = &in->location;
    /* country, provstate, city */
    sr_wo_c(o, ',');
    if (l->known)
        wo_csv_field(o, l->country, country_len(l->country));
    sr_wo_c(o, ',');
    if (l->known)
        wo_csv_view(o, l->admin1);
    sr_wo_c(o, ',');
    if (l->known) {
        if (!l->resolved)
            wo_csv_view(o, l->text);
        else if (l->precision && strcmp(l->precision, "city") == 0)
            wo_csv_view(o, l->name);
    }
    /* latitude, longitude */
    sr_wo_c(o, ',');
    if (l->known && l->resolved)
        wo_fixed5(o, l->lat);
    sr_wo_c(o, ',');
    if (l->known && l->resolved)
        wo_fixed5(o, l->lon);
    /* attacktype1_txt, attacktype2_txt */
    sr_wo_c(o, ',');
    if (in->ntypes > 0 && in->types)
        wo_csv_cstr(o, gtd_name(attack_types, in->types[0].slug));
    sr_wo_c(o, ',');
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
    sr_wo_c(o, ',');
    if (org)
        wo_csv_view(o, org->name);
    sr_wo_c(o, ',');
    sr_wo_c(o, claimed ? '1' : '0');
    /* targtype1_txt, target1 */
    sr_wo_c(o, ',');
    if (in->ntargets > 0 && in->targets)
        wo_csv_cstr(o, gtd_name(target_types, in->targets[0].type));
    sr_wo_c(o, ',');
    if (in->ntargets > 0 && in->targets)
        wo_csv_view(o, in->targets[0].text);
    /* weaptype1_txt */
    sr_wo_c(o, ',');
    if (in->nweapons > 0 && in->weapons)
        wo_csv_cstr(o, gtd_name(weapon_types, in->weapons[0].type));
    /* nkill, nwound, nhostkid */
    sr_wo_c(o, ',');
    wo_csv_count(o, &in->counts[SITREP_KILLED]);
    sr_wo_c(o, ',');
    wo_csv_count(o, &in->counts[SITREP_INJURED]);
    sr_wo_c(o, ',');
    wo_csv_count(o, &in->counts[SITREP_KIDNAPPED]);
    /* summary: the sentence that first reports the incident */
    sr_wo_c(o, ',');
    size_t s, t;
    if (ev_clamp(a, in->evidence, &s, &t))
        wo_csv_field(o, a->text.ptr + s, t - s);
    /* sitrep extras: main, missing, arrested, source_url */
    sr_wo_c(o, ',');
    sr_wo_c(o, in->main ? '1' : '0');
    sr_wo_c(o, ',');
    wo_csv_count(o, &in->counts[SITREP_MISSING]);
    sr_wo_c(o, ',');
    wo_csv_count(o, &in->counts[SITREP_ARRESTED]);
    sr_wo_c(o, ',');
    wo_csv_view(o, a->url);
    sr_wo_c(o, '\n');
}

sitrep_status sitrep_write_csv(const sitrep_article *a, const sitrep_result *r,
                               sitrep_write_fn w, void *ud)
{
    if (!a || !r || !w)
        return SITREP_E_ARG;
    sr_wout o;
    o.w = w;
    o.ud = ud;
    o.len = 0;
    o.failed = 0;
    for (size_t i = 0; i < r->nincidents && r->incidents; i++) {
        wo_csv_row(&o, a, &r->incidents[i], i);
        if (o.failed)
            break;
    }
    return sr_wo_finish(&o);
}
