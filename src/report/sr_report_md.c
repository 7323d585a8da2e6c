/*
 * sr_report_md.c - the Markdown situation report, plain text for e-mail:
 * title and period, a table of the ranked incidents, then for each
 * detailed incident its perpetrators and claims and, per figure, the
 * history of the reports that stated it, each line with its outlet, time,
 * credited source, quoted sentence and URL (docs/report.md).  No HTML.
 */
#include "report/sr_report.h"

#include <string.h>

static void md_type(sr_wout *o, const char *slug)
{
    char t[64];
    sr_type_label(slug, t, sizeof t);
    sr_rep_text(o, t, 1);
}

static void md_place(sr_wout *o, const sr_rinc *c, int cell)
{
    int any = 0;
    if (*c->place) {
        sr_rep_text(o, c->place, cell);
        any = 1;
    }
    if (*c->admin1 && strcmp(c->admin1, c->place) != 0) {
        sr_wo_s(o, any ? ", " : "");
        sr_rep_text(o, c->admin1, cell);
        any = 1;
    }
    if (*c->country) {
        sr_wo_s(o, any ? ", " : "");
        sr_rep_text(o, c->country, cell);
        any = 1;
    }
    if (!any)
        sr_wo_s(o, "unknown place");
}

static void md_time(sr_wout *o, const char *reported)
{
    char t[24];
    sr_rtime_format(sr_rtime_parse(reported), 0, t);
    sr_wo_s(o, *t ? t : "time unknown");
}

static void md_value(sr_wout *o, const sitrep_store_value *v)
{
    static const char *const sym[] = {"", "\xE2\x89\xA5", ">", "~", "\xE2\x89\xA4", "<", ""};
    if (!v->known) {
        sr_wo_s(o, "-");
        return;
    }
    int q = (int)v->qualifier;
    sr_wo_s(o, q >= 0 && q <= SITREP_Q_RANGE ? sym[q] : "");
    sr_wo_i64(o, v->value);
    if (v->contradicted)
        sr_wo_s(o, " (!)");
}

static void md_quote(sr_wout *o, const char *quote)
{
    sr_wo_s(o, "\"");
    sr_rep_text(o, quote, 0);
    sr_wo_s(o, "\"");
}

static void md_incident(sr_wout *o, const sr_rinc *c, size_t rank)
{
    char d[16];
    sr_date_text(c->date, d);
    sr_wo_s(o, "## ");
    sr_wo_i64(o, (int64_t)rank);
    sr_wo_s(o, ". ");
    md_type(o, c->type);
    sr_wo_s(o, " \xE2\x80\x94 ");
    md_place(o, c, 0);
    sr_wo_s(o, " \xE2\x80\x94 ");
    sr_wo_s(o, *d ? d : "date unknown");
    if (*c->name) {
        sr_wo_s(o, " \xE2\x80\x94 ");
        sr_rep_text(o, c->name, 0);
    }
    sr_wo_s(o, "\n\nIncident ");
    sr_wo_i64(o, c->id);
    sr_wo_s(o, " \xC2\xB7 types: ");
    sr_rep_text(o, c->types, 0);
    sr_wo_s(o, " \xC2\xB7 ");
    sr_wo_i64(o, c->articles);
    sr_wo_s(o, c->articles == 1 ? " report" : " reports");
    if (*c->first_reported) {
        sr_wo_s(o, ", ");
        md_time(o, c->first_reported);
        if (strcmp(c->first_reported, c->last_reported) != 0) {
            sr_wo_s(o, " to ");
            md_time(o, c->last_reported);
        }
    }
    sr_wo_s(o, "\n\n");
    if (c->nperps) {
        sr_wo_s(o, "Perpetrators and claims:\n\n");
        for (size_t i = 0; i < c->nperps; i++) {
            const sr_rperp *p = &c->perps[i];
            sr_wo_s(o, "- ");
            sr_rep_text(o, p->name, 0);
            if (*p->kind) {
                sr_wo_s(o, " (");
                sr_rep_text(o, p->kind, 0);
                sr_wo_s(o, ")");
            }
            sr_wo_s(o, ": ");
            sr_rep_text(o, *p->claim ? p->claim : "unknown", 0);
            if (*p->quote) {
                sr_wo_s(o, " \xE2\x80\x94 ");
                md_quote(o, p->quote);
            }
            sr_wo_s(o, " (");
            sr_rep_text(o, *p->outlet ? p->outlet : "unknown outlet", 0);
            sr_wo_s(o, ", ");
            md_time(o, p->reported);
            sr_wo_s(o, ")");
            if (p->reports > 1) {
                sr_wo_s(o, ", ");
                sr_wo_i64(o, p->reports);
                sr_wo_s(o, " reports");
            }
            sr_wo_s(o, "\n");
        }
        sr_wo_s(o, "\n");
    } else if (*c->perpetrator) {
        sr_wo_s(o, "Perpetrator: ");
        sr_rep_text(o, c->perpetrator, 0);
        sr_wo_s(o, "\n\n");
    }
    for (size_t i = 0; i < c->nobs;) {
        size_t j = i;
        while (j < c->nobs && c->obs[j].figure == c->obs[i].figure)
            j++;
        int f = c->obs[i].figure;
        if (f >= 0 && f < SITREP_NFIGURES && c->figures[f].known) {
            const sitrep_store_value *v = &c->figures[f];
            const char *fname = sitrep_figure_name((sitrep_figure)f);
            sr_wo_s(o, "### ");
            md_type(o, fname);
            sr_wo_s(o, ": ");
            sr_wo_s(o, sitrep_qualifier_words(v->qualifier));
            sr_wo_i64(o, v->value);
            if (*v->source || v->revised || v->contradicted) {
                sr_wo_s(o, " (");
                sr_rep_text(o, v->source, 0);
                if (v->contradicted)
                    sr_wo_s(o, *v->source ? ", contradicted" : "contradicted");
                else if (v->revised)
                    sr_wo_s(o, *v->source ? ", revised" : "revised");
                sr_wo_s(o, ")");
            }
            sr_wo_s(o, "\n\n");
            for (size_t k = i; k < j; k++) {
                const sr_robs *ob = &c->obs[k];
                sr_wo_s(o, "- ");
                md_time(o, ob->reported);
                sr_wo_s(o, " ");
                sr_rep_text(o, *ob->outlet ? ob->outlet : "unknown outlet", 0);
                sr_wo_s(o, ": ");
                sr_wo_s(o, sitrep_qualifier_words((sitrep_qualifier)ob->qualifier));
                sr_wo_i64(o, ob->value);
                sr_wo_s(o, " ");
                sr_wo_s(o, fname);
                if (*ob->source) {
                    sr_wo_s(o, " (");
                    sr_rep_text(o, ob->source, 0);
                    sr_wo_s(o, ")");
                }
                sr_wo_s(o, " \xE2\x80\x94 ");
                md_quote(o, ob->quote);
                if (sr_url_linkable(ob->url)) {
                    sr_wo_s(o, " <");
                    sr_rep_url_md(o, ob->url);
                    sr_wo_s(o, ">");
                }
                sr_wo_s(o, "\n");
            }
            sr_wo_s(o, "\n");
        }
        i = j;
    }
}

void sr_report_md(const sr_report *r, sr_wout *o)
{
    const sitrep_report_options *opt = r->opt;
    char a[16], b[16];
    sr_wo_s(o, "# ");
    sr_rep_text(o, r->title, 0);
    sr_wo_s(o, "\n\nPeriod: ");
    sr_date_text(r->from, a);
    sr_date_text(r->to, b);
    if (*a || *b) {
        sr_wo_s(o, *a ? a : "open");
        if (strcmp(a, b) != 0) {
            sr_wo_s(o, " to ");
            sr_wo_s(o, *b ? b : "open");
        }
    } else {
        sr_wo_s(o, "all dates");
    }
    sr_wo_s(o, " \xC2\xB7 ");
    sr_rep_counts(o, r);
    sr_wo_s(o, "\n");
    if (opt->generated) {
        sr_wo_s(o, "Generated: ");
        sr_rep_text(o, opt->generated, 0);
        sr_wo_s(o, "\n");
    }
    sr_wo_s(o, "\n## Incidents ranked by toll\n\n");
    if (r->ninc == 0) {
        sr_wo_s(o, "No incidents.\n");
        return;
    }
    sr_wo_s(o, "| # | Date | Type | Place | Killed | Injured | Perpetrator | Reports |\n"
                "|--:|------|------|-------|-------:|--------:|-------------|--------:|\n");
    for (size_t i = 0; i < r->ninc; i++) {
        const sr_rinc *c = &r->incs[i];
        char d[16];
        sr_date_text(c->date, d);
        sr_wo_s(o, "| ");
        sr_wo_i64(o, (int64_t)i + 1);
        sr_wo_s(o, " | ");
        sr_wo_s(o, *d ? d : "?");
        sr_wo_s(o, " | ");
        md_type(o, c->type);
        sr_wo_s(o, " | ");
        md_place(o, c, 1);
        sr_wo_s(o, " | ");
        md_value(o, &c->figures[SITREP_KILLED]);
        sr_wo_s(o, " | ");
        md_value(o, &c->figures[SITREP_INJURED]);
        sr_wo_s(o, " | ");
        sr_rep_text(o, c->perpetrator, 1);
        sr_wo_s(o, " | ");
        sr_wo_i64(o, c->articles);
        sr_wo_s(o, " |\n");
    }
    sr_wo_s(o, "\n");
    for (size_t i = 0; i < r->ndetailed; i++)
        md_incident(o, &r->incs[i], i + 1);
}
