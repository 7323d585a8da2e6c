/*
 * muc4_score.c - the MUC-4 scorer command: scores a response template file
 * against one or more answer-key files (bench/muc4/sr_muc_scorer.h holds
 * the rules) and prints a score report in the layout of the 1992 NRaD
 * reports: per-slot rows (with --per-slot), subtotal rows, MATCHED/MISSING,
 * MATCHED/SPURIOUS, MATCHED ONLY and ALL TEMPLATES rows, and F(P&R).
 *
 * Usage: muc4_score --key FILE [--key FILE...] --response FILE
 *                   [--per-slot] [--trace FILE]
 *        muc4_score --judge SLOT RESPONSE KEY   (one value judgment: 0/1/2)
 * The last line is machine-readable:
 *   muc4 all-templates recall R precision P f F
 * Exit codes: 0 success, 2 usage error, 3 a file could not be read.
 *
 * A benchmark program (not library code): it uses the C library freely and
 * exits on out-of-memory.
 */
#include "muc4/sr_muc_scorer.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
    fputs("usage: muc4_score --key FILE [--key FILE...] --response FILE [--per-slot] [--trace FILE]\n", f);
}

static void pct(char *buf, size_t n, double v)
{
    if (v < 0)
        snprintf(buf, n, "  *");
    else
        snprintf(buf, n, "%3.0f", v);
}

static void row(const char *name, const sr_muc_count *c)
{
    char r[8], p[8];
    pct(r, sizeof r, sr_muc_recall(c));
    pct(p, sizeof p, sr_muc_precision(c));
    printf("%-20s %5ld %5ld|%4ld %4ld %4ld|%5ld %5ld %5ld|%s %s\n", name, c->pos, c->act, c->cor, c->par, c->inc,
           c->spu, c->mis, c->non, r, p);
}

int main(int argc, char **argv)
{
    sr_muc_file key = {0, 0, NULL}, resp = {0, 0, NULL};
    const char *respath = NULL, *tracepath = NULL;
    int per_slot = 0, nkeys = 0, i, s;
    sr_muc_result res;
    sr_muc_count all, c;
    long unknown = 0;
    FILE *trace = NULL;
    static const struct {
        const char *name;
        int from, to;
    } sub[] = {{"inc-total", 2, 7}, {"perp-total", 8, 11}, {"phys-tgt-total", 12, 17}, {"hum-tgt-total", 18, 24}};

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--key") == 0 && i + 1 < argc) {
            if (sr_muc_parse_path(argv[++i], &key) < 0) {
                fprintf(stderr, "muc4_score: cannot read %s\n", argv[i]);
                return 3;
            }
            nkeys++;
        } else if (strcmp(argv[i], "--response") == 0 && i + 1 < argc) {
            respath = argv[++i];
        } else if (strcmp(argv[i], "--trace") == 0 && i + 1 < argc) {
            tracepath = argv[++i];
        } else if (strcmp(argv[i], "--judge") == 0 && i + 3 < argc) {
            /* --judge SLOT RESPONSE KEY: one value judgment (0 INC, 1 PAR, 2 COR) */
            int slot = -1;
            char *r, *k;
            for (s = 2; s < SR_MUC_NSLOT; s++)
                if (strcmp(argv[i + 1], sr_muc_slots[s].name) == 0)
                    slot = s;
            if (slot < 0) {
                usage(stderr);
                return 2;
            }
            r = sr_muc_canon(argv[i + 2], strlen(argv[i + 2]));
            k = sr_muc_canon(argv[i + 3], strlen(argv[i + 3]));
            printf("%d\n", sr_muc_judge_value(slot, r, k));
            free(r);
            free(k);
            return 0;
        } else if (strcmp(argv[i], "--per-slot") == 0) {
            per_slot = 1;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (!nkeys || !respath) {
        usage(stderr);
        return 2;
    }
    if (sr_muc_parse_path(respath, &resp) < 0) {
        fprintf(stderr, "muc4_score: cannot read %s\n", respath);
        sr_muc_file_free(&key);
        return 3;
    }
    if (tracepath) {
        trace = fopen(tracepath, "w");
        if (!trace) {
            fprintf(stderr, "muc4_score: cannot write %s\n", tracepath);
            sr_muc_file_free(&key);
            sr_muc_file_free(&resp);
            return 3;
        }
    }
    sr_muc_score(&key, &resp, &res, &unknown, trace);
    if (trace)
        fclose(trace);

    printf("MUC-4 score report (bench/muc4_score; rules in docs/muc4.md)\n");
    printf("messages %ld  key templates %ld  response templates %ld  mapped %ld\n", res.messages,
           res.key_templates, res.resp_templates, res.matched);
    if (unknown)
        printf("note: %ld response templates name messages absent from the key (ignored)\n", unknown);
    printf("\nSLOT                   POS   ACT| COR  PAR  INC|  SPU   MIS   NON|REC PRE\n");
    printf("---------------------------------+--------------+-----------------+-------\n");
    if (per_slot) {
        for (s = 1; s < SR_MUC_NSLOT; s++) {
            c = sr_muc_sum(&res, s, s, 1, 1);
            row(sr_muc_slots[s].name, &c);
        }
        printf("---------------------------------+--------------+-----------------+-------\n");
    }
    for (i = 0; i < 4; i++) {
        c = sr_muc_sum(&res, sub[i].from, sub[i].to, 1, 1);
        row(sub[i].name, &c);
    }
    printf("---------------------------------+--------------+-----------------+-------\n");
    c = sr_muc_sum(&res, 2, SR_MUC_NSLOT - 1, 1, 0);
    row("MATCHED/MISSING", &c);
    c = sr_muc_sum(&res, 2, SR_MUC_NSLOT - 1, 0, 1);
    row("MATCHED/SPURIOUS", &c);
    c = sr_muc_sum(&res, 2, SR_MUC_NSLOT - 1, 0, 0);
    row("MATCHED ONLY", &c);
    all = sr_muc_sum(&res, 2, SR_MUC_NSLOT - 1, 1, 1);
    row("ALL TEMPLATES", &all);
    {
        sr_muc_count set, str;
        memset(&set, 0, sizeof set);
        memset(&str, 0, sizeof str);
        for (s = 2; s < SR_MUC_NSLOT; s++) {
            /* as in the NRaD reports: matched and missing templates */
            sr_muc_count one = sr_muc_sum(&res, s, s, 1, 0);
            if (sr_muc_slots[s].kind == SR_MK_SET)
                sr_muc_count_add(&set, &one);
            else if (sr_muc_slots[s].kind == SR_MK_STR)
                sr_muc_count_add(&str, &one);
        }
        row("SET FILLS ONLY", &set);
        row("STRING FILLS ONLY", &str);
    }
    printf("\nF-MEASURE (P&R, beta 1)  %.2f\n", sr_muc_f(&all));
    printf("muc4 all-templates recall %.2f precision %.2f f %.2f\n", sr_muc_recall(&all) < 0 ? 0 : sr_muc_recall(&all),
           sr_muc_precision(&all) < 0 ? 0 : sr_muc_precision(&all), sr_muc_f(&all));
    sr_muc_file_free(&key);
    sr_muc_file_free(&resp);
    return 0;
}
