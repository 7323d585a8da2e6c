/*
 * cli_json.c - the JSON form of the store's incidents and observations,
 * shared by `sitrep incidents --format jsonl`, `sitrep show --format json`
 * (cmd_store.c) and the HTTP service (cmd_serve.c), so that the command
 * line and the service print the same objects.
 */
#include "cli_json.h"

#include <stdio.h>
#include <string.h>

void cli_json_str(FILE *f, const char *s)
{
    cli_json_strn(f, s, strlen(s));
}

void cli_json_strn(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    const unsigned char *end = (const unsigned char *)s + n;
    for (const unsigned char *p = (const unsigned char *)s; p < end; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\r')
            fputs("\\r", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

void cli_date_str(const sitrep_date *d, char *buf, size_t n)
{
    if (d->year)
        snprintf(buf, n, "%04d-%02d-%02d", d->year, d->month, d->day);
    else
        buf[0] = '\0';
}

static void json_value(FILE *f, const sitrep_store_value *v)
{
    if (!v->known) {
        fputs("null", f);
        return;
    }
    fprintf(f, "{\"value\":%lld,\"qualifier\":\"%s\"", (long long)v->value,
            sitrep_qualifier_name(v->qualifier));
    if (v->min >= 0)
        fprintf(f, ",\"min\":%lld", (long long)v->min);
    if (v->max >= 0)
        fprintf(f, ",\"max\":%lld", (long long)v->max);
    fputs(",\"source\":", f);
    cli_json_str(f, v->source);
    fprintf(f, ",\"observations\":%lld,\"revised\":%s,\"contradicted\":%s}",
            (long long)v->observations, v->revised ? "true" : "false",
            v->contradicted ? "true" : "false");
}

void cli_json_incident(FILE *f, const sitrep_store_incident *inc)
{
    char d[16];
    cli_date_str(&inc->date, d, sizeof d);
    fprintf(f, "{\"id\":%lld,\"type\":", (long long)inc->id);
    cli_json_str(f, inc->type);
    fputs(",\"types\":", f);
    cli_json_str(f, inc->types);
    fputs(",\"date\":", f);
    if (*d)
        cli_json_str(f, d);
    else
        fputs("null", f);
    fputs(",\"place\":", f);
    cli_json_str(f, inc->place);
    fputs(",\"admin1\":", f);
    cli_json_str(f, inc->admin1);
    fputs(",\"country\":", f);
    cli_json_str(f, inc->country);
    if (inc->has_coords)
        fprintf(f, ",\"lat\":%.5f,\"lon\":%.5f", inc->lat, inc->lon);
    else
        fputs(",\"lat\":null,\"lon\":null", f);
    if (inc->geonames_id)
        fprintf(f, ",\"geonames_id\":%u", (unsigned)inc->geonames_id);
    else
        fputs(",\"geonames_id\":null", f);
    fputs(",\"precision\":", f);
    cli_json_str(f, inc->precision);
    fputs(",\"name\":", f);
    if (inc->name && *inc->name)
        cli_json_str(f, inc->name);
    else
        fputs("null", f);
    fputs(",\"perpetrator\":", f);
    cli_json_str(f, inc->perpetrator);
    fprintf(f, ",\"reports\":%lld,\"first_reported\":", (long long)inc->articles);
    cli_json_str(f, inc->first_reported);
    fputs(",\"last_reported\":", f);
    cli_json_str(f, inc->last_reported);
    for (int k = 0; k < SITREP_NFIGURES; k++) {
        fprintf(f, ",\"%s\":", sitrep_figure_name((sitrep_figure)k));
        json_value(f, &inc->figures[k]);
    }
    fputc('}', f);
}

void cli_json_observation(FILE *f, const sitrep_store_observation *o)
{
    fprintf(f, "{\"figure\":\"%s\",\"value\":%lld,\"qualifier\":\"%s\"",
            sitrep_figure_name(o->figure), (long long)o->value,
            sitrep_qualifier_name(o->qualifier));
    if (o->min >= 0)
        fprintf(f, ",\"min\":%lld", (long long)o->min);
    if (o->max >= 0)
        fprintf(f, ",\"max\":%lld", (long long)o->max);
    fputs(",\"source\":", f);
    cli_json_str(f, o->source);
    fputs(",\"outlet\":", f);
    cli_json_str(f, o->outlet);
    fputs(",\"article\":", f);
    cli_json_str(f, o->article);
    fputs(",\"url\":", f);
    cli_json_str(f, o->url);
    fputs(",\"reported\":", f);
    cli_json_str(f, o->reported);
    fprintf(f, ",\"evidence\":{\"start\":%zu,\"end\":%zu,\"text\":", o->evidence.start,
            o->evidence.end);
    cli_json_str(f, o->evidence_text);
    fputs(",\"sentence\":", f);
    cli_json_str(f, o->sentence);
    fprintf(f, "},\"main\":%s,\"near_duplicate\":%s,\"status\":\"%s\"}",
            o->main ? "true" : "false", o->near_duplicate ? "true" : "false", o->status);
}
