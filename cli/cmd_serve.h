/*
 * cmd_serve.h - `sitrep serve`, the HTTP service over an incident store
 * (cmd_serve.c, docs/serve.md).
 */
#ifndef SITREP_CMD_SERVE_H
#define SITREP_CMD_SERVE_H

/* Run the service until SIGINT or SIGTERM.  argv[0] is "serve".  Returns
 * the command's exit code: 0 after a clean shutdown, 2 usage error, 4 the
 * store, the gazetteer or the token file could not be used, 5 the address
 * could not be listened on or out of memory. */
int cmd_serve(int argc, char **argv);

/* The help text of `sitrep serve`. */
const char *serve_usage(void);

#endif
