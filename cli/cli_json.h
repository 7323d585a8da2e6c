/*
 * cli_json.h - JSON of the store's records for the command and the service
 * (cli_json.c).  Every function writes to a stdio stream (stdout, or an
 * open_memstream buffer in the service) and does not check it: the caller
 * checks ferror() / fflush() once at the end.
 */
#ifndef SITREP_CLI_JSON_H
#define SITREP_CLI_JSON_H

#include <stdio.h>

#include <sitrep/store.h>

/* s (NUL-terminated) as a JSON string: quotes, backslashes and control
 * characters escaped, other bytes as they are. */
void cli_json_str(FILE *f, const char *s);
/* The same for the n bytes at s (NUL bytes included, written as \u0000). */
void cli_json_strn(FILE *f, const char *s, size_t n);

/* "YYYY-MM-DD" into buf (n >= 11), or "" when the year is 0. */
void cli_date_str(const sitrep_date *d, char *buf, size_t n);

/* One incident as a JSON object (docs/store.md: the "incidents" JSON). */
void cli_json_incident(FILE *f, const sitrep_store_incident *inc);

/* One observation of a figure's timeline as a JSON object (the elements of
 * "observations" in `sitrep show --format json`). */
void cli_json_observation(FILE *f, const sitrep_store_observation *o);

#endif
