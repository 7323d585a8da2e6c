/*
 * sr_report.h - internals of the situation report writer (report.h): the
 * model the two formats are written from, the escapers of its output, and
 * report times.
 *
 * sr_report.c reads the store into the model (incidents ranked by toll;
 * for each, the observations whose evidence the report shows, each with
 * its evidence number) and calls the writer of the format:
 * sr_report_html.c or sr_report_md.c.
 */
#ifndef SR_REPORT_H
#define SR_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "sitrep/report.h"
#include "util/sr_mem.h"
#include "writers/sr_wout.h"

/* ---------------------------------------------------------------- time */

/* A report time: minutes since 1970-01-01 00:00 UTC. */
typedef struct sr_rtime {
    int known;       /* 0: not a date */
    int has_time;    /* 1: a time of day was given */
    int64_t minutes;
} sr_rtime;

/* Parse "YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|(+|-)HH[:]MM]" (a publication
 * time as stored).  Locale- and time-zone-independent. */
sr_rtime sr_rtime_parse(const char *s);

/* "YYYY-MM-DD HH:MM" (UTC) or "YYYY-MM-DD" into buf (at least 24 bytes);
 * with iso, the datetime form "YYYY-MM-DDTHH:MMZ". */
void sr_rtime_format(sr_rtime t, int iso, char *buf);

/* --------------------------------------------------------------- model */

/* An observation whose evidence the report shows. */
typedef struct sr_robs {
    int figure;                 /* sitrep_figure */
    int64_t value, min, max;
    int qualifier;              /* sitrep_qualifier */
    const char *source;         /* credited source, "" none */
    const char *outlet, *article, *url, *reported;
    const char *quote;          /* the sentence, else the evidence words */
    const char *status;         /* place in the timeline (store.h) */
    sr_rtime time;
    size_t ev;                  /* evidence number: id "ev-N" */
    int ev_first;               /* 1: the first observation with this ev
                                   (the one that writes its item) */
} sr_robs;

/* A perpetrator as one report named it, with the claim it reported. */
typedef struct sr_rperp {
    const char *name, *kind, *claim, *quote;
    const char *outlet, *reported, *url;
    int64_t reports;            /* reports naming it with this claim */
} sr_rperp;

typedef struct sr_rinc {
    int64_t id;
    const char *type, *types, *place, *admin1, *precision, *perpetrator, *name;
    const char *first_reported, *last_reported;
    char country[3];
    sitrep_date date;
    int has_coords;
    double lat, lon;
    int64_t articles;
    sitrep_store_value figures[SITREP_NFIGURES]; /* source copied */
    /* Evidence number of the observation that gives the current value of
     * each figure (0: none found). */
    size_t cur_ev[SITREP_NFIGURES];
    int detailed;               /* 1: has a full section */
    /* Detailed: every observation, figure by figure in report-time order;
     * otherwise the ones that give the current killed and injured. */
    sr_robs *obs;
    size_t nobs;
    sr_rperp *perps;            /* detailed only */
    size_t nperps;
} sr_rinc;

typedef struct sr_report {
    const sitrep_report_options *opt;
    const char *title;
    sr_rinc *incs;              /* ranked: killed, injured, date, id */
    size_t ninc;
    size_t nmore;               /* matched but beyond list_limit: not listed */
    size_t ndetailed;
    sitrep_date from, to;       /* the period (year 0: open) */
    size_t nev;                 /* evidence numbers given (1..nev) */
} sr_report;

/* -------------------------------------------------------------- output */

/* The report is written through the writers' buffered sink (sr_wout.h);
 * these add what the report needs on top of it. */

/* A number with one decimal ("12.5", "-0.3", "7"); locale-independent. */
void sr_rep_d1(sr_wout *o, double v);
/* Text for HTML (element content and quoted attributes): & < > " '
 * escaped, invalid UTF-8 as U+FFFD, control characters as spaces. */
void sr_rep_html(sr_wout *o, const char *s);
/* Plain text for Markdown: invalid UTF-8 as U+FFFD, line breaks and
 * control characters as spaces, < > [ ] ` escaped with a backslash (no raw
 * HTML, link or code span from store text); with cell, '|' as "\|". */
void sr_rep_text(sr_wout *o, const char *s, int cell);
/* A URL for a Markdown autolink <URL>: spaces, controls, < > ` as %XX. */
void sr_rep_url_md(sr_wout *o, const char *s);

/* "2024-03-11" or "" for an unknown date, into buf (at least 16 bytes). */
void sr_date_text(sitrep_date d, char *buf);
/* "Armed assault" of the type slug "armed_assault" ("Incident" for ""),
 * truncated to n - 1 bytes; not escaped. */
void sr_type_label(const char *slug, char *buf, size_t n);
/* "N incidents, the first M in detail · K more with lower tolls not
 * listed": the counts of the report's heading, plain text in both formats. */
void sr_rep_counts(sr_wout *o, const sr_report *r);
/* 1 when url is an http or https URL (the only ones linked). */
int sr_url_linkable(const char *url);

/* The writers of the two formats. */
void sr_report_html(const sr_report *r, sr_wout *o);
void sr_report_md(const sr_report *r, sr_wout *o);

#endif
