/*
 * cmd_store.h - the store subcommands of the sitrep command (cmd_store.c):
 * ingest, incidents, show, merge, split and db-check.  Each takes the
 * subcommand's own argc/argv (argv[0] is the subcommand name) and returns
 * the command's exit code (see cli/sitrep.c).
 */
#ifndef SITREP_CMD_STORE_H
#define SITREP_CMD_STORE_H

#include <stdint.h>
#include <sitrep/store.h>

/* Exit codes of the command (cli/sitrep.c, docs/cli.md). */
enum { XS_OK = 0, XS_PARTIAL = 1, XS_USAGE = 2, XS_NOTHING = 3, XS_DATA = 4, XS_OUTPUT = 5 };

int cmd_ingest(int argc, char **argv);
int cmd_incidents(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_split(int argc, char **argv);
int cmd_db_check(int argc, char **argv);

/* Help text of a store subcommand, or NULL when name is not one. */
const char *store_usage(const char *name);

/* ---- helpers shared by the commands that work on a store (cmd_report.c) */

/* Print text to stdout; XS_OK, or XS_OUTPUT when the write failed. */
int cli_help(const char *text);
/* Print "sitrep: CMD: MSG 'ARG'" and the --help hint; returns XS_USAGE. */
int cli_usage(const char *cmd, const char *msg, const char *arg);
/* Non-negative decimal integer, the whole string: 0, or -1. */
int cli_parse_count(const char *s, int64_t *out);
/* The database: opt, else $SITREP_DB, else "sitrep.db". */
const char *cli_db_path(const char *opt);
/* Open the store (a read-only open of a missing file says "no such
 * database"); XS_OK, else the message is printed and the exit code
 * returned. */
int cli_open_store(const char *path, int read_only, int durable, sitrep_store **st);
/* Option with a value at argv[*i]: "--name V" or "--name=V".  1 matched
 * (*v set, *i advanced past a separate value), -1 value missing, 0 not
 * this option. */
int cli_opt_val(int argc, char **argv, int *i, const char *name, const char **v);
/* The incident filter options --from, --to, --country, --type and
 * --min-killed at argv[*i] into *f.  1 matched, 0 not one of them, -1 bad
 * value (the usage message is printed). */
int cli_filter_opt(const char *cmd, int argc, char **argv, int *i, sitrep_store_filter *f);
/* Create an extraction handle with the gazetteer the user asked for, as
 * `sitrep ingest` does: gaz (--gazetteer), else $SITREP_GAZETTEER (both
 * must load), else gazetteer.bin beside the executable when it loads, else
 * none; no_gaz: none.  XS_OK with *out set and, when path is not NULL, the
 * gazetteer loaded written to path ("" for none) so that more handles can
 * be made alike; else the message is printed and the exit code returned. */
int cli_create_extractor(const char *gaz, int no_gaz, char *path, size_t path_size, sitrep **out);

#endif
