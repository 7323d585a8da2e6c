/*
 * report.h - public interface of the situation report writer.
 *
 * A situation report is written from an open incident store: the incidents
 * of a period ranked by toll, a world map with a marker per incident, for
 * each incident a chart of every figure over report time (a step line per
 * source and the consolidated line on top), its perpetrators and claims,
 * and every number linked to its evidence (the quoted sentence, the outlet,
 * the report time, the URL).  Two formats: one self-contained HTML file
 * (nothing is fetched from the network; the country shapes are Natural
 * Earth's, compiled into the library at build time) and plain Markdown for
 * e-mail.  docs/report.md describes the page.
 *
 * Conventions are those of sitrep.h and store.h: functions return a
 * sitrep_status, the library never prints or exits, output goes through a
 * sitrep_write_fn push callback (a non-zero return from the callback stops
 * the report with SITREP_E_IO).
 */
#ifndef SITREP_REPORT_H
#define SITREP_REPORT_H

#include <sitrep/sitrep.h>
#include <sitrep/store.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sitrep_report_format {
    SITREP_REPORT_HTML = 0,
    SITREP_REPORT_MD = 1
} sitrep_report_format;

typedef struct sitrep_report_options {
    sitrep_report_format format;
    /* Which incidents: period, country, type, minimum killed (as for
     * sitrep_store_incidents; NULL all).  filter->limit is ignored: every
     * matching incident is ranked, and listed and put on the map up to
     * list_limit. */
    const sitrep_store_filter *filter;
    /* How many of the top-ranked incidents get a full section (charts,
     * perpetrators, evidence); 0: 100. */
    size_t detail;
    /* How many of the ranked incidents are listed and put on the map; 0:
     * all.  The report then says how many more matched (the live page of
     * the service uses this, so that a large store gives a page of bounded
     * size). */
    size_t list_limit;
    /* Heading of the report; NULL: "Situation report". */
    const char *title;
    /* Time the report was generated, printed as given; NULL: not printed
     * (so that the same store gives the same bytes, for tests). */
    const char *generated;
    /* HTML only.  Non-NULL: the page is the service's live page.  It then
     * carries a small script that polls this URL (relative, e.g.
     * "/version") every second for a JSON object {"version": N} and, when
     * N differs from live_version, fetches the page again and replaces its
     * content.  NULL: a static report, with no script that fetches. */
    const char *live_poll_url;
    int64_t live_version;
} sitrep_report_options;

/* Write the report of the incidents of st selected by o to w.  Errors:
 * SITREP_E_ARG (NULL store, options or writer; unknown format),
 * SITREP_E_IO (database error, or w returned non-zero), SITREP_E_NOMEM.
 * The message of a database error is sitrep_store_errmsg(st). */
sitrep_status sitrep_report_write(sitrep_store *st, const sitrep_report_options *o,
                                  sitrep_write_fn w, void *ud);

#ifdef __cplusplus
}
#endif
#endif /* SITREP_REPORT_H */
