/*
 * cmd_report.h - the report subcommand of the sitrep command
 * (cmd_report.c): the situation report of an incident store, HTML or
 * Markdown.  Takes the subcommand's own argc/argv (argv[0] is "report")
 * and returns the command's exit code (cli/sitrep.c).
 */
#ifndef SITREP_CMD_REPORT_H
#define SITREP_CMD_REPORT_H

int cmd_report(int argc, char **argv);

/* Help text of sitrep report. */
const char *report_usage(void);

#endif
