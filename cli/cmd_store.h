/*
 * cmd_store.h - the store subcommands of the sitrep command (cmd_store.c):
 * ingest, incidents, show, merge, split and db-check.  Each takes the
 * subcommand's own argc/argv (argv[0] is the subcommand name) and returns
 * the command's exit code (see cli/sitrep.c).
 */
#ifndef SITREP_CMD_STORE_H
#define SITREP_CMD_STORE_H

int cmd_ingest(int argc, char **argv);
int cmd_incidents(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_split(int argc, char **argv);
int cmd_db_check(int argc, char **argv);

/* Help text of a store subcommand, or NULL when name is not one. */
const char *store_usage(const char *name);

#endif
