/*
 * sr_muc_scorer.h - a MUC-4 template scorer (after the 1992 scoring
 * guidelines, scoring-guidelines.v7, and the NRaD slot configuration):
 * reads answer-key and response template files, maps response templates to
 * key templates per message, scores every slot filler COR/PAR/INC/SPU/MIS,
 * and sums the counts into per-slot, subtotal and ALL TEMPLATES rows.
 *
 * What a human adjudicated in 1992 is decided here by fixed rules (string
 * fills by head noun, dates, locations and numbers by the guidelines'
 * partial-credit cases); docs/muc4.md documents every rule.
 *
 * Bench code, header-only and file-local (every function is static): it is
 * included by bench/muc4_score.c and by tests/unit/test_muc4_score.c.  It
 * uses the C library freely; out of memory ends the program (sr_muc_oom).
 * Text is parsed by explicit {ptr,len} scanning with ASCII checks.
 */
#ifndef SR_MUC_SCORER_H
#define SR_MUC_SCORER_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ slots */

enum { SR_MUC_NSLOT = 25 };

enum sr_muc_kind {
    SR_MK_ID, SR_MK_TEMPLATE, SR_MK_DATE, SR_MK_LOC, SR_MK_SET, SR_MK_STR, SR_MK_NUM
};

typedef struct sr_muc_slotdef {
    const char *label;  /* words after "N." in the template, e.g. "INCIDENT: DATE" */
    const char *name;   /* the report's row name, e.g. "inc-date" */
    int kind;
    int xref;           /* fills may carry a ": \"tag\"" cross-reference */
    int mapslot;        /* one of the content slots of the mapping condition */
} sr_muc_slotdef;

static const sr_muc_slotdef sr_muc_slots[SR_MUC_NSLOT] = {
    {"MESSAGE: ID", "message-id", SR_MK_ID, 0, 0},
    {"MESSAGE: TEMPLATE", "template-id", SR_MK_TEMPLATE, 0, 0},
    {"INCIDENT: DATE", "inc-date", SR_MK_DATE, 0, 0},
    {"INCIDENT: LOCATION", "inc-loc", SR_MK_LOC, 0, 0},
    {"INCIDENT: TYPE", "inc-type", SR_MK_SET, 0, 0},
    {"INCIDENT: STAGE OF EXECUTION", "inc-stage", SR_MK_SET, 0, 0},
    {"INCIDENT: INSTRUMENT ID", "inc-instr-id", SR_MK_STR, 0, 0},
    {"INCIDENT: INSTRUMENT TYPE", "inc-instr-type", SR_MK_SET, 1, 0},
    {"PERP: INCIDENT CATEGORY", "perp-inc-cat", SR_MK_SET, 0, 0},
    {"PERP: INDIVIDUAL ID", "perp-ind-id", SR_MK_STR, 0, 1},
    {"PERP: ORGANIZATION ID", "perp-org-id", SR_MK_STR, 0, 1},
    {"PERP: ORGANIZATION CONFIDENCE", "perp-org-conf", SR_MK_SET, 1, 0},
    {"PHYS TGT: ID", "phys-tgt-id", SR_MK_STR, 0, 1},
    {"PHYS TGT: TYPE", "phys-tgt-type", SR_MK_SET, 1, 1},
    {"PHYS TGT: NUMBER", "phys-tgt-num", SR_MK_NUM, 1, 0},
    {"PHYS TGT: FOREIGN NATION", "phys-tgt-nation", SR_MK_SET, 1, 0},
    {"PHYS TGT: EFFECT OF INCIDENT", "phys-tgt-effect", SR_MK_SET, 1, 0},
    {"PHYS TGT: TOTAL NUMBER", "phys-tgt-total-num", SR_MK_NUM, 0, 0},
    {"HUM TGT: NAME", "hum-tgt-name", SR_MK_STR, 0, 1},
    {"HUM TGT: DESCRIPTION", "hum-tgt-desc", SR_MK_STR, 1, 1},
    {"HUM TGT: TYPE", "hum-tgt-type", SR_MK_SET, 1, 1},
    {"HUM TGT: NUMBER", "hum-tgt-num", SR_MK_NUM, 1, 0},
    {"HUM TGT: FOREIGN NATION", "hum-tgt-nation", SR_MK_SET, 1, 0},
    {"HUM TGT: EFFECT OF INCIDENT", "hum-tgt-effect", SR_MK_SET, 1, 0},
    {"HUM TGT: TOTAL NUMBER", "hum-tgt-total-num", SR_MK_NUM, 0, 0},
};

/* Set-fill hierarchy of slotconfig-tst3.el: a response that is an ancestor
 * of the key's value scores partial.  Pairs are (child, parent). */
static const char *const sr_muc_parent[][2] = {
    {"ARSON", "ATTACK"}, {"BOMBING", "ATTACK"}, {"KIDNAPPING", "ATTACK"},
    {"HIJACKING", "ATTACK"}, {"ROBBERY", "ATTACK"}, {"FORCED WORK STOPPAGE", "ATTACK"},
    {"MACHINE GUN", "GUN"}, {"MORTAR", "GUN"}, {"HANDGUN", "GUN"}, {"RIFLE", "GUN"},
    {"BOMB", "EXPLOSIVE"}, {"VEHICLE BOMB", "BOMB"}, {"DYNAMITE", "BOMB"},
    {"MINE", "BOMB"}, {"AERIAL BOMB", "BOMB"}, {"GRENADE", "EXPLOSIVE"},
    {"MOLOTOV COCKTAIL", "EXPLOSIVE"}, {"MISSILE", "PROJECTILE"}, {"ROCKET", "PROJECTILE"},
    {"SUSPECTED OR ACCUSED BY AUTHORITIES", "SUSPECTED OR ACCUSED"},
    {"GOVERNMENT OFFICE OR RESIDENCE", "POLITICAL FIGURE OFFICE OR RESIDENCE"},
    {"SOME DAMAGE", "DESTROYED"},
    {"GOVERNMENT OFFICIAL", "POLITICAL FIGURE"},
    {"FORMER GOVERNMENT OFFICIAL", "GOVERNMENT OFFICIAL"},
    {"FORMER ACTIVE MILITARY", "ACTIVE MILITARY"},
    {"NO DEATH", "NO INJURY"}, {"NO INJURY OR DEATH", "NO DEATH"},
};

/* Words dropped from the front of string fills before comparison: the
 * official :string-premodifiers list plus nationality adjectives (the
 * guidelines' "nonessential modifiers"). */
static const char *const sr_muc_premod[] = {
    "A", "THE", "AN", "THIS", "THAT", "THESE", "THOSE", "ONE", "TWO", "THREE",
    "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "1", "2", "3", "4",
    "5", "6", "7", "8", "9", "10", "MORE", "MOST", "MANY", "SEVERAL", "SOME",
    "ALL", "FEW", "ANY", "ANOTHER", "OTHER", "CERTAIN", "OF",
    "SALVADORAN", "COLOMBIAN", "PERUVIAN", "GUATEMALAN", "HONDURAN", "BOLIVIAN",
    "CHILEAN", "ECUADORAN", "ECUADOREAN", "NICARAGUAN", "ARGENTINE", "PANAMANIAN",
    "VENEZUELAN", "MEXICAN", "CUBAN", "U.S.", "US", "AMERICAN", "SPANISH",
    "HIS", "HER", "THEIR", "ITS", "AT", "LEAST", "ABOUT", "APPROXIMATELY",
    "ALLEGED", "SUSPECTED", "UNIDENTIFIED", "UNKNOWN", "ARMED", "HEAVILY",
};

/* Words that end the head noun phrase of a string fill: the head noun is
 * the last word before the first of these (or before punctuation). */
static const char *const sr_muc_stopword[] = {
    "OF", "WHO", "WHOM", "WHICH", "THAT", "IN", "AT", "ON", "FROM", "WITH",
    "BY", "FOR", "TO", "WHEN", "WHERE", "WHILE", "DURING", "NEAR", "AND", "OR",
    "AS", "INCLUDING", "LOCATED", "BELONGING", "OWNED", "IDENTIFIED", "NAMED",
    "ALONG", "AGAINST", "OUTSIDE", "INSIDE", "BETWEEN", "UNDER", "OVER", "AFTER",
    "BEFORE", "ACROSS", "AROUND", "THROUGH", "BEHIND", "INTO", "WHOSE", "NEXT",
};

/* General words for perpetrators: two of them as head nouns are
 * "consistent, but inferior, general strings" (guidelines 3.2.9, PAR). */
static const char *const sr_muc_generic_perp[] = {
    "ATTACKER", "TERRORIST", "GUERRILLA", "REBEL", "MEN", "INDIVIDUAL",
    "PERSON", "PEOPLE", "GROUP", "SUBVERSIVE", "ASSASSIN", "KILLER", "GUNMAN",
    "GUNMEN", "COMMANDO", "SQUAD", "INSURGENT", "CRIMINAL", "KIDNAPPER", "ASSAILANT",
};

/* ------------------------------------------------------------ memory */

static void sr_muc_oom(void)
{
    fputs("muc4: out of memory\n", stderr);
    exit(5);
}

static void *sr_muc_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        sr_muc_oom();
    return q;
}

static char *sr_muc_strndup(const char *s, size_t n)
{
    char *d = sr_muc_xrealloc(NULL, n + 1);
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* ------------------------------------------------------------ ASCII */

static int sr_muc_space(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
static int sr_muc_digit(int c) { return c >= '0' && c <= '9'; }
static int sr_muc_alpha(int c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
static int sr_muc_upper(int c) { return (c >= 'a' && c <= 'z') ? c - 32 : c; }

static void sr_muc_trim(const char **p, size_t *n)
{
    while (*n && sr_muc_space((unsigned char)**p)) {
        (*p)++;
        (*n)--;
    }
    while (*n && sr_muc_space((unsigned char)(*p)[*n - 1]))
        (*n)--;
}

/* Case-insensitive equality of a view and a C string. */
static int sr_muc_eqv(const char *p, size_t n, const char *s)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (!s[i] || sr_muc_upper((unsigned char)p[i]) != sr_muc_upper((unsigned char)s[i]))
            return 0;
    }
    return s[n] == '\0';
}

/* ------------------------------------------------------------ data model */

/* One filler of a slot: alternatives of the value ("A / B"), and
 * alternatives of its cross-reference tag (the part after ": ").  Strings
 * are stored upper-cased, without their quotes. */
typedef struct sr_muc_fill {
    int optional;       /* "?" in the key: null is also correct */
    int nval, nxref;
    char **val;
    char **xref;
} sr_muc_fill;

enum { SR_MS_NULL = 0, SR_MS_FILLED = 1, SR_MS_INAPPLICABLE = 2 };

typedef struct sr_muc_slot {
    int state;
    int nfill;
    sr_muc_fill *fill;
} sr_muc_slot;

typedef struct sr_muc_template {
    char *msgid;
    int irrelevant;     /* "1. MESSAGE: TEMPLATE *": the message has no template */
    int optional;       /* "(OPTIONAL)" after the template number */
    int num;            /* the template number (0 if absent): names the template in --trace */
    sr_muc_slot slot[SR_MUC_NSLOT];
} sr_muc_template;

typedef struct sr_muc_file {
    int n, cap;
    sr_muc_template *t;
} sr_muc_file;

static void sr_muc_fill_free(sr_muc_fill *f)
{
    int i;
    for (i = 0; i < f->nval; i++)
        free(f->val[i]);
    for (i = 0; i < f->nxref; i++)
        free(f->xref[i]);
    free(f->val);
    free(f->xref);
}

static void sr_muc_template_free(sr_muc_template *t)
{
    int s, k;
    free(t->msgid);
    for (s = 0; s < SR_MUC_NSLOT; s++) {
        for (k = 0; k < t->slot[s].nfill; k++)
            sr_muc_fill_free(&t->slot[s].fill[k]);
        free(t->slot[s].fill);
    }
}

/* Releases everything a parse produced. */
static void sr_muc_file_free(sr_muc_file *mf)
{
    int i;
    for (i = 0; i < mf->n; i++)
        sr_muc_template_free(&mf->t[i]);
    free(mf->t);
    mf->t = NULL;
    mf->n = mf->cap = 0;
}

/* ------------------------------------------------------------ fill parsing */

/* Copy a view upper-cased, dropping surrounding quotes and backslash
 * escapes, collapsing white space. */
static char *sr_muc_canon(const char *p, size_t n)
{
    char *d;
    size_t i, o = 0;
    int sp = 0;
    sr_muc_trim(&p, &n);
    if (n >= 2 && p[0] == '"' && p[n - 1] == '"') {
        p++;
        n -= 2;
    }
    d = sr_muc_xrealloc(NULL, n + 1);
    for (i = 0; i < n; i++) {
        int c = (unsigned char)p[i];
        if (c == '\\' && i + 1 < n) {
            c = (unsigned char)p[++i];
        }
        if (sr_muc_space(c) || c == '\n') {
            sp = o > 0;
            continue;
        }
        if (sp) {
            d[o++] = ' ';
            sp = 0;
        }
        d[o++] = (char)sr_muc_upper(c);
    }
    d[o] = '\0';
    return d;
}

/* Split p[0..n) at top-level '/' (outside quotes and parentheses) into
 * alternatives, appended to *out. */
static void sr_muc_split_alts(const char *p, size_t n, char ***out, int *nout, int strip_parens)
{
    size_t i, start = 0;
    int inq = 0, depth = 0;
    for (i = 0; i <= n; i++) {
        int c = i < n ? (unsigned char)p[i] : '/';
        if (i < n && c == '\\' && inq) {
            i++;
            continue;
        }
        if (i < n && c == '"') {
            inq = !inq;
            continue;
        }
        if (inq)
            continue;
        if (c == '(')
            depth++;
        else if (c == ')' && depth > 0)
            depth--;
        else if (c == '/' && (depth == 0 || i == n)) {
            const char *a = p + start;
            size_t an = i - start;
            sr_muc_trim(&a, &an);
            if (strip_parens && an >= 2 && a[0] == '(' && a[an - 1] == ')') {
                /* "(PERU: LIMA (CITY)) / (PERU)": drop the grouping parens
                 * only when they enclose the whole alternative. */
                size_t j;
                int d2 = 0, whole = 1;
                for (j = 0; j < an; j++) {
                    if (a[j] == '(')
                        d2++;
                    else if (a[j] == ')' && --d2 == 0 && j + 1 < an)
                        whole = 0;
                }
                if (whole) {
                    a++;
                    an -= 2;
                }
            }
            if (an) {
                *out = sr_muc_xrealloc(*out, sizeof(char *) * (size_t)(*nout + 1));
                (*out)[(*nout)++] = sr_muc_canon(a, an);
            }
            start = i + 1;
        }
    }
}

/* Parse one filler line of slot s into f. */
static void sr_muc_parse_fill(int s, const char *p, size_t n, sr_muc_fill *f)
{
    size_t i, colon;
    int inq = 0;
    memset(f, 0, sizeof *f);
    sr_muc_trim(&p, &n);
    if (n && p[0] == '?') {
        f->optional = 1;
        p++;
        n--;
        sr_muc_trim(&p, &n);
    }
    /* The value ends where the trimmed filler ends (or at its tag); set
     * only now: taken before the '?' and its blank were cut off, the end
     * lay two bytes into the next line ("VIOLENCE\n9" -> "VIOLENCE 9"). */
    colon = n;
    if (sr_muc_slots[s].xref) {
        /* The tag follows the first ':' outside quotes; for set and number
         * slots the tag must be a quoted string ("GUN: \"-\"") or a bare
         * "-". */
        for (i = 0; i < n; i++) {
            int c = (unsigned char)p[i];
            if (c == '\\' && inq) {
                i++;
                continue;
            }
            if (c == '"')
                inq = !inq;
            else if (c == ':' && !inq) {
                size_t j = i + 1;
                while (j < n && sr_muc_space((unsigned char)p[j]))
                    j++;
                /* a quoted tag, or an unquoted "-" for the null tag "-"
                 * ("GUN: -"; the NRaD reports score it as GUN: "-") */
                if (j < n && (p[j] == '"' || (p[j] == '-' && j + 1 == n))) {
                    colon = i;
                    break;
                }
            }
        }
    }
    sr_muc_split_alts(p, colon, &f->val, &f->nval, sr_muc_slots[s].kind == SR_MK_LOC ||
                                                   sr_muc_slots[s].kind == SR_MK_DATE);
    if (colon < n)
        sr_muc_split_alts(p + colon + 1, n - colon - 1, &f->xref, &f->nxref, 0);
}

/* Append a filler line to slot s of template t. */
static void sr_muc_add_line(sr_muc_template *t, int s, const char *p, size_t n)
{
    sr_muc_slot *sl = &t->slot[s];
    sr_muc_trim(&p, &n);
    if (n == 0)
        return;
    if (n == 1 && p[0] == '-') {
        return;
    }
    if (n == 1 && p[0] == '*') {
        if (sl->state == SR_MS_NULL)
            sl->state = SR_MS_INAPPLICABLE;
        return;
    }
    if (s == 0) {
        size_t e = 0;
        while (e < n && !sr_muc_space((unsigned char)p[e]))
            e++;
        free(t->msgid);
        t->msgid = sr_muc_strndup(p, e);
        for (e = 0; t->msgid[e]; e++)
            t->msgid[e] = (char)sr_muc_upper((unsigned char)t->msgid[e]);
        return;
    }
    if (s == 1) {
        size_t i;
        for (i = 0; i < n && sr_muc_digit((unsigned char)p[i]) && t->num < 100000; i++)
            t->num = t->num * 10 + (p[i] - '0');
        for (i = 0; i + 8 <= n; i++)
            if (sr_muc_eqv(p + i, 8, "OPTIONAL"))
                t->optional = 1;
        sl->state = SR_MS_FILLED;
        return;
    }
    sl->fill = sr_muc_xrealloc(sl->fill, sizeof(sr_muc_fill) * (size_t)(sl->nfill + 1));
    sr_muc_parse_fill(s, p, n, &sl->fill[sl->nfill]);
    if (sl->fill[sl->nfill].nval == 0) {
        sr_muc_fill_free(&sl->fill[sl->nfill]);
        return;
    }
    sl->nfill++;
    sl->state = SR_MS_FILLED;
}

/* If the line starts a slot ("12. PHYS TGT: ID   value"), return the slot
 * number and set *val to the value part; else -1. */
static int sr_muc_slot_line(const char *p, size_t n, const char **val, size_t *vn)
{
    size_t i = 0, j;
    int num = 0, s;
    const char *lab;
    while (i < n && sr_muc_digit((unsigned char)p[i]) && i < 3)
        num = num * 10 + (p[i++] - '0');
    if (i == 0 || i >= n || p[i] != '.' || num >= SR_MUC_NSLOT)
        return -1;
    i++;
    while (i < n && sr_muc_space((unsigned char)p[i]))
        i++;
    s = num;
    lab = sr_muc_slots[s].label;
    /* Match the label word by word, any white space between words. */
    j = 0;
    while (lab[j]) {
        if (lab[j] == ' ') {
            if (i >= n || !sr_muc_space((unsigned char)p[i]))
                return -1;
            while (i < n && sr_muc_space((unsigned char)p[i]))
                i++;
            j++;
            continue;
        }
        if (i >= n || sr_muc_upper((unsigned char)p[i]) != lab[j])
            return -1;
        i++;
        j++;
    }
    if (i < n && !sr_muc_space((unsigned char)p[i]))
        return -1;
    *val = p + i;
    *vn = n - i;
    return s;
}

/* Parse a key or response file held in memory (buf, len), appending its
 * templates to *mf.  Lines starting with ';' are comments; a slot line
 * begins a slot, an indented line adds a filler to the current slot, slot 0
 * begins a template.  Returns the number of templates added. */
static int sr_muc_parse(const char *buf, size_t len, sr_muc_file *mf)
{
    size_t pos = 0;
    int cur = -1, before = mf->n;
    sr_muc_template *t = NULL;
    while (pos < len) {
        size_t e = pos, n;
        const char *line = buf + pos, *val;
        size_t vn;
        int s;
        while (e < len && buf[e] != '\n')
            e++;
        n = e - pos;
        pos = e < len ? e + 1 : e;
        if (n && line[0] == ';')
            continue;
        {
            /* A blank line ends the template (the slot configuration's
             * template-tail-regexp "^[ \t]*$"): what follows it up to the
             * next "0. MESSAGE: ID", such as an indented "* * *" divider,
             * belongs to no template. */
            size_t b = 0;
            while (b < n && sr_muc_space((unsigned char)line[b]))
                b++;
            if (b == n) {
                t = NULL;
                continue;
            }
        }
        s = sr_muc_slot_line(line, n, &val, &vn);
        if (s == 0) {
            if (mf->n == mf->cap) {
                mf->cap = mf->cap ? mf->cap * 2 : 64;
                mf->t = sr_muc_xrealloc(mf->t, sizeof(sr_muc_template) * (size_t)mf->cap);
            }
            t = &mf->t[mf->n++];
            memset(t, 0, sizeof *t);
        }
        if (s >= 0) {
            if (!t)
                continue;   /* a slot line before any "0. MESSAGE: ID" */
            cur = s;
            if (s == 1) {
                const char *q = val;
                size_t qn = vn;
                sr_muc_trim(&q, &qn);
                if (qn == 1 && q[0] == '*')
                    t->irrelevant = 1;
            }
            sr_muc_add_line(t, s, val, vn);
            continue;
        }
        {
            const char *q = line;
            size_t qn = n;
            sr_muc_trim(&q, &qn);
            if (qn == 0 || !t || cur < 2)
                continue;
            if (n && sr_muc_space((unsigned char)line[0]))
                sr_muc_add_line(t, cur, q, qn);
        }
    }
    /* Templates without a message id cannot be scored: drop them. */
    {
        int i, o = before;
        for (i = before; i < mf->n; i++) {
            if (mf->t[i].msgid)
                mf->t[o++] = mf->t[i];
            else
                sr_muc_template_free(&mf->t[i]);
        }
        mf->n = o;
    }
    return mf->n - before;
}

/* Read a whole file and parse it. Returns -1 when it cannot be read. */
static int sr_muc_parse_path(const char *path, sr_muc_file *mf)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int r;
    if (!f)
        return -1;
    for (;;) {
        size_t got;
        if (cap - len < 65536) {
            cap = cap ? cap * 2 : 262144;
            buf = sr_muc_xrealloc(buf, cap);
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        fclose(f);
        free(buf);
        return -1;
    }
    fclose(f);
    r = sr_muc_parse(buf, len, mf);
    free(buf);
    return r;
}

/* ------------------------------------------------------------ comparisons */

enum { SR_J_INC = 0, SR_J_PAR = 1, SR_J_COR = 2 };

enum { SR_MUC_MAXTOK = 64 };

typedef struct sr_muc_toks {
    int n;
    int head;                   /* index of the head noun, -1 if none */
    char tok[SR_MUC_MAXTOK][48];
} sr_muc_toks;

static int sr_muc_in_list(const char *w, const char *const *list, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcmp(w, list[i]) == 0)
            return 1;
    return 0;
}

/* Tokenise a canonical string: words of letters, digits, '-', '\'', '.',
 * '&'; any other character is a boundary recorded as the token ",".
 * Leading premodifiers are dropped; a final "'S" is dropped from words. */
static void sr_muc_tokens(const char *s, sr_muc_toks *t)
{
    size_t i = 0;
    int dropping = 1, k;
    t->n = 0;
    t->head = -1;
    while (s[i]) {
        int c = (unsigned char)s[i];
        if (sr_muc_alpha(c) || sr_muc_digit(c) || c == '\'' || c == '&' || c == '.') {
            size_t b = i, len;
            char w[48];
            while (s[i] && (sr_muc_alpha((unsigned char)s[i]) || sr_muc_digit((unsigned char)s[i]) ||
                            s[i] == '\'' || s[i] == '&' || s[i] == '.'))
                i++;
            len = i - b;
            if (len > sizeof w - 1)
                len = sizeof w - 1;
            memcpy(w, s + b, len);
            w[len] = '\0';
            while (len && (w[len - 1] == '.' || w[len - 1] == '-' || w[len - 1] == '\''))
                w[--len] = '\0';
            if (len >= 2 && w[len - 2] == '\'' && w[len - 1] == 'S')
                w[len -= 2] = '\0';
            if (len == 0 || (len == 1 && w[0] == '\''))
                continue;
            if (dropping && sr_muc_in_list(w, sr_muc_premod, sizeof sr_muc_premod / sizeof *sr_muc_premod))
                continue;
            dropping = 0;
            if (t->n < SR_MUC_MAXTOK)
                memcpy(t->tok[t->n++], w, len + 1);
        } else if (sr_muc_space(c) || c == '-' || c == '"') {
            i++;   /* "FMLN-FDR" and "FMLN - FDR" are the same two words */
        } else {
            const char *mark = (c == ',' || c == ';') ? "," : "(";
            i++;
            if (!dropping && t->n < SR_MUC_MAXTOK && t->tok[t->n - 1][0] != ',' && t->tok[t->n - 1][0] != '(')
                strcpy(t->tok[t->n++], mark);
        }
    }
    while (t->n && (t->tok[t->n - 1][0] == ',' || t->tok[t->n - 1][0] == '('))
        t->n--;
    for (k = 0; k < t->n; k++) {
        if (t->tok[k][0] == ',' || t->tok[k][0] == '(' ||
            sr_muc_in_list(t->tok[k], sr_muc_stopword, sizeof sr_muc_stopword / sizeof *sr_muc_stopword))
            break;
        t->head = k;
    }
}

/* Does b occur in a as a contiguous token run?  Returns its start or -1. */
static int sr_muc_find_run(const sr_muc_toks *a, const sr_muc_toks *b)
{
    int i, j;
    if (b->n == 0 || b->n > a->n)
        return -1;
    for (i = 0; i + b->n <= a->n; i++) {
        for (j = 0; j < b->n; j++)
            if (strcmp(a->tok[i + j], b->tok[j]) != 0)
                break;
        if (j == b->n)
            return i;
    }
    return -1;
}

/* Head nouns equal up to a plural "S"/"ES". */
static int sr_muc_same_head(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (strcmp(a, b) == 0)
        return 1;
    if (na == nb + 1 && a[na - 1] == 'S' && strncmp(a, b, nb) == 0)
        return 1;
    if (nb == na + 1 && b[nb - 1] == 'S' && strncmp(a, b, na) == 0)
        return 1;
    if (na == nb + 2 && strcmp(a + nb, "ES") == 0 && strncmp(a, b, nb) == 0)
        return 1;
    if (nb == na + 2 && strcmp(b + na, "ES") == 0 && strncmp(a, b, na) == 0)
        return 1;
    return 0;
}

static int sr_muc_generic(const char *w)
{
    size_t i, n = strlen(w);
    for (i = 0; i < sizeof sr_muc_generic_perp / sizeof *sr_muc_generic_perp; i++) {
        const char *g = sr_muc_generic_perp[i];
        size_t gn = strlen(g);
        if (strcmp(w, g) == 0 || (n == gn + 1 && w[n - 1] == 'S' && strncmp(w, g, gn) == 0))
            return 1;
    }
    return 0;
}

static int sr_muc_all_equal(const sr_muc_toks *a, int from, int to, const sr_muc_toks *b)
{
    int i;
    if (to - from != b->n)
        return 0;
    for (i = 0; i < b->n; i++)
        if (strcmp(a->tok[from + i], b->tok[i]) != 0)
            return 0;
    return 1;
}

/* Judge a response string against one key string (docs/muc4.md, "string
 * fills").  Both are tokenised with their leading premodifiers dropped.
 *   COR  the same words; or the response is "KEY (ABBREV)"/"ABBREV [KEY]"
 *        (a name with its acronym); or the response is the key followed by
 *        a modifier that starts with a preposition or relative word and has
 *        no comma (more modifiers of the same noun phrase);
 *   PAR  the response contains the key otherwise (other words before it,
 *        an adjunct after a comma); the response is a contiguous part of
 *        the key (an incomplete name); same head noun (up to a plural);
 *        two general perpetrator words as heads in PERP: INDIVIDUAL ID;
 *   INC  otherwise. */
/* Set while the mapping condition is tested: two general perpetrator
 * words are then no match (see sr_muc_pair_counts). */
static int sr_muc_no_generic;

static int sr_muc_judge_str_slot(int s, const char *resp, const char *key)
{
    static sr_muc_toks r, k;
    int at, i;
    sr_muc_tokens(resp, &r);
    sr_muc_tokens(key, &k);
    if (r.n == 0 || k.n == 0)
        return (r.n == 0 && k.n == 0 && strcmp(resp, key) == 0) ? SR_J_COR : SR_J_INC;
    if (sr_muc_all_equal(&r, 0, r.n, &k))
        return SR_J_COR;
    at = sr_muc_find_run(&r, &k);
    if (at >= 0) {
        int end = at + k.n;
        /* name with its acronym or expansion in brackets */
        for (i = 0; i < r.n; i++) {
            if (r.tok[i][0] == '(' && ((at == 0 && end == i) || (at == i + 1 && end == r.n) ||
                                       (at == i + 1 && end < r.n && r.tok[end][0] == '(')))
                return SR_J_COR;
        }
        /* more modifiers of the key's noun phrase (3.1.1.1): words before
         * it that are premodifiers (no punctuation, preposition, relative
         * word or article among them: "KIDNAPPED NUN" for "NUN"), and
         * after it nothing or a modifier that begins with a preposition or
         * relative word and has no comma ("PEASANTS WHO WERE WITNESSES");
         * "AND ..." or "OR ..." adds a conjunct, not a modifier (3.1.1.2) */
        for (i = 0; i < at; i++)
            if (r.tok[i][0] == ',' || r.tok[i][0] == '(' || strcmp(r.tok[i], "THE") == 0 ||
                strcmp(r.tok[i], "A") == 0 || strcmp(r.tok[i], "AN") == 0 ||
                sr_muc_in_list(r.tok[i], sr_muc_stopword, sizeof sr_muc_stopword / sizeof *sr_muc_stopword))
                return SR_J_PAR;
        if (end == r.n)
            return SR_J_COR;
        if (r.tok[end][0] != ',' && strcmp(r.tok[end], "AND") != 0 && strcmp(r.tok[end], "OR") != 0 &&
            sr_muc_in_list(r.tok[end], sr_muc_stopword, sizeof sr_muc_stopword / sizeof *sr_muc_stopword)) {
            for (i = end; i < r.n; i++)
                if (r.tok[i][0] == ',')
                    break;
            if (i == r.n)
                return SR_J_COR;
        }
        return SR_J_PAR;
    }
    at = sr_muc_find_run(&k, &r);
    if (at >= 0) {
        /* a part of the key: an incomplete name (a name slot, or the run
         * ends the key: "TORRES" in "ALBERTO ROBERTO TORRES") or the key's
         * head with fewer modifiers ("BRIGADE" in "6TH INFANTRY BRIGADE") */
        int end = at + r.n - 1;
        if (s == 10 || s == 18 || end == k.n - 1 || end == k.head)
            return SR_J_PAR;
        return SR_J_INC;
    }
    if (r.head >= 0 && k.head >= 0) {
        if (s != 12 && sr_muc_same_head(r.tok[r.head], k.tok[k.head]))
            return SR_J_PAR;
        if (s == 9 && !sr_muc_no_generic && sr_muc_generic(r.tok[r.head]) && sr_muc_generic(k.tok[k.head]))
            return SR_J_PAR;
    }
    return SR_J_INC;
}

static int sr_muc_judge_str(const char *resp, const char *key)
{
    return sr_muc_judge_str_slot(0, resp, key);
}

/* ---- dates: "DD MMM YY", "DD MMM YY - DD MMM YY", "- DD MMM YY" */

typedef struct sr_muc_date {
    int form;   /* 0 invalid, 1 single, 2 range, 3 default (on or before) */
    long lo, hi;
} sr_muc_date;

/* Parse "DD MMM YY[YY]" at *p; returns (year * 12 + month) * 32 + day
 * (ordered like the dates, day and month recoverable) or -1. */
static long sr_muc_day(const char **p)
{
    static const char *const mon[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                       "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    const char *s = *p;
    long d = 0, y = 0;
    int m, nd = 0, ny = 0;
    while (*s == ' ')
        s++;
    while (sr_muc_digit((unsigned char)*s) && nd < 2) {
        d = d * 10 + (*s++ - '0');
        nd++;
    }
    if (!nd)
        return -1;
    while (*s == ' ')
        s++;
    for (m = 0; m < 12; m++)
        if (strncmp(s, mon[m], 3) == 0)
            break;
    if (m == 12)
        return -1;
    s += 3;
    while (sr_muc_alpha((unsigned char)*s))
        s++;
    while (*s == ' ')
        s++;
    while (sr_muc_digit((unsigned char)*s) && ny < 4) {
        y = y * 10 + (*s++ - '0');
        ny++;
    }
    if (!ny)
        return -1;
    if (y < 100)
        y += 1900;
    *p = s;
    return (y * 12 + m) * 32 + d;
}

/* The number of the day (days since 1 Mar 0000) of an sr_muc_day code:
 * day differences across month ends ("31 OCT 89" is the day before
 * "01 NOV 89"). */
static long sr_muc_daynum(long code)
{
    long y = code / 32 / 12, m = code / 32 % 12 + 1, d = code % 32;
    if (m <= 2) {
        y--;
        m += 12;
    }
    return 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d - 1;
}

/* Two sr_muc_day codes in the same month whose days share their tens
 * digit ("22 FEB 90" and "24 FEB 90", not "09 JAN 90" and "10 JAN 90"). */
static int sr_muc_same_decade(long a, long b)
{
    return a / 32 == b / 32 && a % 32 / 10 == b % 32 / 10;
}

static sr_muc_date sr_muc_parse_date(const char *s)
{
    sr_muc_date d = {0, 0, 0};
    const char *p = s;
    while (*p == ' ')
        p++;
    if (*p == '-') {
        p++;
        d.hi = sr_muc_day(&p);
        if (d.hi >= 0) {
            d.form = 3;
            d.lo = -1;
        }
        return d;
    }
    d.lo = sr_muc_day(&p);
    if (d.lo < 0)
        return d;
    while (*p == ' ')
        p++;
    if (*p == '-') {
        p++;
        d.hi = sr_muc_day(&p);
        d.form = d.hi >= 0 ? 2 : 1;
        if (d.form == 1)
            d.hi = d.lo;
        return d;
    }
    d.hi = d.lo;
    d.form = 1;
    return d;
}

/* Dates after section 3.2.2 of the guidelines. */
static int sr_muc_judge_date(const char *resp, const char *key)
{
    sr_muc_date r = sr_muc_parse_date(resp), k = sr_muc_parse_date(key);
    if (!r.form || !k.form)
        return strcmp(resp, key) == 0 ? SR_J_COR : SR_J_INC;
    if (r.form == k.form && r.lo == k.lo && r.hi == k.hi)
        return SR_J_COR;
    /* "Close to the key's date" is fully correct (3.2.2).  The 1992
     * program's automatic date match was coarse: dates of the same form in
     * the same month whose days share the tens digit matched, and the NRaD
     * reports score them COR without a recorded judgment (24 FEB 90 for
     * 22 FEB 90, - 23 AUG 89 for - 22 AUG 89; 10 JAN 90 for 09 JAN 90 is
     * INC). */
    if (r.form == k.form && (r.form == 3 || sr_muc_same_decade(r.lo, k.lo)) && sr_muc_same_decade(r.hi, k.hi))
        return SR_J_COR;
    if (r.form == 1) {
        /* a date inside the key's range or default range */
        if (k.form == 2 && r.lo >= k.lo && r.lo <= k.hi)
            return SR_J_PAR;
        /* against a default fill only its anchor or the day before
         * (3.2.2's examples: 26 AUG and 25 AUG for "- 26 AUG 89"); the
         * NRaD judgments fail earlier days */
        if (k.form == 3 && r.lo <= k.hi && sr_muc_daynum(r.lo) >= sr_muc_daynum(k.hi) - 1)
            return SR_J_PAR;
        return SR_J_INC;
    }
    if (r.form == 3) {
        /* default-looking: partial when its anchor is the key's date or
         * the key's upper anchor */
        if (k.form != 3 && r.hi == k.hi)
            return SR_J_PAR;
        return SR_J_INC;
    }
    /* a response range: partial when it overlaps the key's range; one
     * containing the key's single date is not one of 3.2.2's partial
     * cases, and the NRaD judgments fail it ("01 FEB 90 - 02 FEB 90" for
     * "02 FEB 90") */
    if (k.form == 2 && r.lo <= k.hi && k.lo <= r.hi)
        return SR_J_PAR;
    return SR_J_INC;
}

/* ---- locations: "COUNTRY: PLACE (TYPE): PLACE (TYPE) - PLACE (TYPE)" */

/* Judge a response location against a key location: COR when equal; PAR
 * when the countries agree (response only the country, a different place
 * in the right country, one end of a range) or when everything but the
 * country agrees. */
static int sr_muc_judge_loc(const char *resp, const char *key)
{
    const char *rc, *kc, *rr, *kr;
    size_t rn, kn;
    if (strcmp(resp, key) == 0)
        return SR_J_COR;
    rc = strchr(resp, ':');
    kc = strchr(key, ':');
    rn = rc ? (size_t)(rc - resp) : strlen(resp);
    kn = kc ? (size_t)(kc - key) : strlen(key);
    while (rn && resp[rn - 1] == ' ')
        rn--;
    while (kn && key[kn - 1] == ' ')
        kn--;
    if (rn == kn && strncmp(resp, key, rn) == 0)
        return SR_J_PAR;
    rr = rc ? rc + 1 : "";
    kr = kc ? kc + 1 : "";
    while (*rr == ' ')
        rr++;
    while (*kr == ' ')
        kr++;
    if (*rr && strcmp(rr, kr) == 0)
        return SR_J_PAR;
    return SR_J_INC;
}

/* ---- numbers: "7", "5 - 7", "~7", "PLURAL" */

typedef struct sr_muc_num {
    int form;   /* 0 other, 1 single, 2 range, 3 approximate */
    long a, b;
} sr_muc_num;

static sr_muc_num sr_muc_parse_num(const char *s)
{
    sr_muc_num v = {0, 0, 0};
    const char *p = s;
    int nd = 0, approx = 0;
    while (*p == ' ')
        p++;
    if (*p == '~') {
        approx = 1;
        p++;
    }
    while (sr_muc_digit((unsigned char)*p) && nd < 9) {
        v.a = v.a * 10 + (*p++ - '0');
        nd++;
    }
    if (!nd)
        return v;
    while (*p == ' ')
        p++;
    if (*p == '-' && !approx) {
        p++;
        nd = 0;
        while (*p == ' ')
            p++;
        while (sr_muc_digit((unsigned char)*p) && nd < 9) {
            v.b = v.b * 10 + (*p++ - '0');
            nd++;
        }
        v.form = nd ? 2 : 0;
        return v;
    }
    v.form = approx ? 3 : 1;
    v.b = v.a;
    return v;
}

/* Numbers after sections 3.2.14/3.2.21: partial when the response is one
 * anchor of the key's range, or the key's approximate number. */
static int sr_muc_judge_num(const char *resp, const char *key)
{
    sr_muc_num r, k;
    if (strcmp(resp, key) == 0)
        return SR_J_COR;
    r = sr_muc_parse_num(resp);
    k = sr_muc_parse_num(key);
    if (r.form && k.form && r.form == k.form && r.a == k.a && r.b == k.b)
        return SR_J_COR;
    if (r.form == 1 && k.form == 2 && (r.a == k.a || r.a == k.b))
        return SR_J_PAR;
    if (r.form == 1 && k.form == 3 && r.a == k.a)
        return SR_J_PAR;
    return SR_J_INC;
}

/* ---- set fills */

static int sr_muc_is_ancestor(const char *anc, const char *x)
{
    size_t i, guard = 0;
    const char *cur = x;
    while (guard++ < 8) {
        const char *up = NULL;
        for (i = 0; i < sizeof sr_muc_parent / sizeof *sr_muc_parent; i++)
            if (strcmp(sr_muc_parent[i][0], cur) == 0)
                up = sr_muc_parent[i][1];
        if (!up)
            return 0;
        if (strcmp(up, anc) == 0)
            return 1;
        cur = up;
    }
    return 0;
}

static int sr_muc_judge_set(const char *resp, const char *key)
{
    if (strcmp(resp, key) == 0)
        return SR_J_COR;
    if (sr_muc_is_ancestor(resp, key))
        return SR_J_PAR;
    return SR_J_INC;
}

static int sr_muc_judge_value(int s, const char *resp, const char *key)
{
    switch (sr_muc_slots[s].kind) {
    case SR_MK_DATE: return sr_muc_judge_date(resp, key);
    case SR_MK_LOC: return sr_muc_judge_loc(resp, key);
    case SR_MK_SET: return sr_muc_judge_set(resp, key);
    case SR_MK_NUM: return sr_muc_judge_num(resp, key);
    case SR_MK_STR: return sr_muc_judge_str_slot(s, resp, key);
    default: return strcmp(resp, key) == 0 ? SR_J_COR : SR_J_INC;
    }
}

static int sr_muc_tag_null(const sr_muc_fill *f)
{
    return f->nxref == 0 || (f->nxref == 1 && (strcmp(f->xref[0], "-") == 0 || f->xref[0][0] == '\0'));
}

/* The best value judgment of response filler r against key filler k over
 * both sides' alternatives. */
static int sr_muc_judge_val(int s, const sr_muc_fill *r, const sr_muc_fill *k)
{
    int best = SR_J_INC, i, j;
    for (i = 0; i < k->nval && best < SR_J_COR; i++) {
        for (j = 0; j < r->nval; j++) {
            int v = sr_muc_judge_value(s, r->val[j], k->val[i]);
            if (v > best)
                best = v;
        }
    }
    return best;
}

/* The judgment of r's cross-reference tag against k's. */
static int sr_muc_judge_tag(int s, const sr_muc_fill *r, const sr_muc_fill *k)
{
    int tag = SR_J_INC, i, j;
    /* the key's explicit null tag "-" (no string names the instrument or
     * target) against a response string: not correct; a key filler
     * without any tag accepts any tag in a set slot */
    if (sr_muc_tag_null(k) && k->nxref > 0 && !sr_muc_tag_null(r))
        return SR_J_INC;
    if (sr_muc_tag_null(k))
        return (sr_muc_tag_null(r) || sr_muc_slots[s].kind == SR_MK_SET) ? SR_J_COR : SR_J_INC;
    if (sr_muc_tag_null(r))
        return SR_J_INC;
    for (i = 0; i < k->nxref; i++)
        for (j = 0; j < r->nxref; j++) {
            int v = sr_muc_judge_str(r->xref[j], k->xref[i]);
            if (v > tag)
                tag = v;
        }
    return tag;
}

/* Judge one response filler against one key filler of slot s: the best
 * value judgment over the key's alternatives, combined with the
 * cross-reference tag per section 3.1.2 (value COR + tag wrong = PAR). */
static int sr_muc_judge_fill(int s, const sr_muc_fill *r, const sr_muc_fill *k)
{
    int best = sr_muc_judge_val(s, r, k), tag;
    if (!sr_muc_slots[s].xref || best != SR_J_COR)
        return best;
    tag = sr_muc_judge_tag(s, r, k);
    return tag == SR_J_COR ? SR_J_COR : SR_J_PAR;
}

/* ------------------------------------------------------------ tallies */

typedef struct sr_muc_count {
    long pos, act, cor, par, inc, spu, mis, non;
} sr_muc_count;

static void sr_muc_count_add(sr_muc_count *a, const sr_muc_count *b)
{
    a->pos += b->pos;
    a->act += b->act;
    a->cor += b->cor;
    a->par += b->par;
    a->inc += b->inc;
    a->spu += b->spu;
    a->mis += b->mis;
    a->non += b->non;
}

/* When set, every COR/PAR filler pair of a scored (not a trial mapping)
 * slot is written here (muc4_score --trace). */
static FILE *sr_muc_pair_trace;

/* Pair response filler j with key filler i at judgment lvl: count it
 * and, for COR/PAR, trace it. */
static void sr_muc_take(int s, const sr_muc_slot *k, const sr_muc_slot *r, int i, int j, int lvl, sr_muc_count *c,
                        int *kused, int *rused)
{
    kused[i] = rused[j] = 1;
    if (sr_muc_pair_trace && lvl >= SR_J_PAR)
        fprintf(sr_muc_pair_trace, "  %s %s: \"%s\" ~ \"%s\"\n", sr_muc_slots[s].name,
                lvl == SR_J_COR ? "COR" : "PAR", r->fill[j].val[0], k->fill[i].val[0]);
    c->pos++;
    c->act++;
    if (lvl == SR_J_COR)
        c->cor++;
    else if (lvl == SR_J_PAR)
        c->par++;
    else
        c->inc++;
}

/* Pair the free fillers whose judgment is lvl (and, when lk is given, whose
 * tags are linked), mandatory key fillers first, so that an optional one
 * does not take a response filler a mandatory one could use. */
static void sr_muc_take_level(int s, const sr_muc_slot *k, const sr_muc_slot *r, const int *jm, const int *lk,
                              int lvl, sr_muc_count *c, int *kused, int *rused)
{
    int nk = k->nfill, nr = r->nfill, pass, i, j;
    for (pass = 0; pass < 2; pass++)
        for (i = 0; i < nk; i++) {
            if (kused[i] || k->fill[i].optional != pass)
                continue;
            for (j = 0; j < nr; j++)
                if (!rused[j] && jm[i * nr + j] == lvl && (!lk || lk[i * nr + j])) {
                    sr_muc_take(s, k, r, i, j, lvl, c, kused, rused);
                    break;
                }
        }
}

/* The first key filler not yet paired (a mandatory one if mandatory),
 * or nk. */
static int sr_muc_first_free(const sr_muc_slot *k, int nk, const int *kused, int mandatory)
{
    int i;
    for (i = 0; i < nk; i++)
        if (!kused[i] && !(mandatory && k->fill[i].optional))
            break;
    return i;
}

/* Score one slot of a mapped key/response template pair.  Response
 * fillers are paired with key fillers best first (COR, then PAR); the
 * remaining response fillers are INC against the remaining mandatory key
 * fillers, then against the remaining optional ones, then SPU; remaining
 * mandatory key fillers are MIS.  An optional key filler counts in POS only
 * when a response filler was paired with it.  In the set and number slots
 * with tags the tag says which target or instrument a filler belongs to,
 * so fillers are first paired through their tags (tags judged at least
 * partially alike: COR, PAR, then INC pairs), then the remaining response
 * fillers in order with the remaining mandatory key fillers, and only then
 * best first. */
static void sr_muc_score_slot(int s, const sr_muc_slot *k, const sr_muc_slot *r, sr_muc_count *c)
{
    int nk = k->state == SR_MS_FILLED ? k->nfill : 0;
    int nr = r->state == SR_MS_FILLED ? r->nfill : 0;
    int tagged = sr_muc_slots[s].xref && sr_muc_slots[s].kind != SR_MK_STR;
    int *kused, *rused, *jm, *lk = NULL, i, j, lvl;
    memset(c, 0, sizeof *c);
    if (k->state == SR_MS_INAPPLICABLE) {
        /* Inapplicable slots do not figure in the scoring. */
        c->non = 1;
        return;
    }
    if (nk == 0 && nr == 0) {
        c->non = 1;
        return;
    }
    kused = calloc((size_t)nk + 1, sizeof(int));
    rused = calloc((size_t)nr + 1, sizeof(int));
    jm = calloc((size_t)nk * (size_t)nr + 1, sizeof(int));
    if (tagged)
        lk = calloc((size_t)nk * (size_t)nr + 1, sizeof(int));
    if (!kused || !rused || !jm || (tagged && !lk))
        sr_muc_oom();
    for (i = 0; i < nk; i++)
        for (j = 0; j < nr; j++) {
            jm[i * nr + j] = sr_muc_judge_fill(s, &r->fill[j], &k->fill[i]);
            if (tagged)
                lk[i * nr + j] = sr_muc_judge_tag(s, &r->fill[j], &k->fill[i]) >= SR_J_PAR;
        }
    if (tagged && nk && nr) {
        for (lvl = SR_J_COR; lvl >= SR_J_INC; lvl--)
            sr_muc_take_level(s, k, r, jm, lk, lvl, c, kused, rused);
        for (j = 0; j < nr; j++)
            if (!rused[j] && (i = sr_muc_first_free(k, nk, kused, 1)) < nk)
                sr_muc_take(s, k, r, i, j, jm[i * nr + j], c, kused, rused);
    }
    for (lvl = SR_J_COR; lvl >= SR_J_PAR && nk && nr; lvl--)
        sr_muc_take_level(s, k, r, jm, NULL, lvl, c, kused, rused);
    for (j = 0; j < nr; j++) {
        if (rused[j])
            continue;
        /* "?" means null is also correct, not that any filler is: a wrong
         * filler against an optional one is INC (the NRaD reports count it
         * in POS and INC, not SPU) */
        i = sr_muc_first_free(k, nk, kused, 1);
        if (i == nk)
            i = sr_muc_first_free(k, nk, kused, 0);
        c->act++;
        if (i < nk) {
            kused[i] = 1;
            c->pos++;
            c->inc++;
        } else {
            c->spu++;
        }
    }
    for (i = 0; i < nk; i++) {
        if (!kused[i] && !k->fill[i].optional) {
            c->pos++;
            c->mis++;
        }
    }
    if (c->pos == 0 && c->act == 0)
        c->non = 1;
    free(kused);
    free(rused);
    free(jm);
    free(lk);
}

/* Counts of a template with no partner: a key template is all MIS (its
 * mandatory fillers), a response template all SPU. */
static void sr_muc_score_alone(int s, const sr_muc_slot *sl, int is_key, sr_muc_count *c)
{
    int i, n = 0;
    memset(c, 0, sizeof *c);
    if (sl->state == SR_MS_FILLED)
        for (i = 0; i < sl->nfill; i++)
            if (!is_key || !sl->fill[i].optional)
                n++;
    (void)s;
    if (n == 0) {
        c->non = 1;
        return;
    }
    if (is_key) {
        c->pos = c->mis = n;
    } else {
        c->act = c->spu = n;
    }
}

/* ------------------------------------------------------------ mapping */

/* Rows kept by the scorer: per slot, for each of the four template
 * categories (matched, missing, spurious) so that the MATCHED/... rows can
 * be formed. */
enum { SR_CAT_MATCHED = 0, SR_CAT_MISSING = 1, SR_CAT_SPURIOUS = 2, SR_CAT_N = 3 };

typedef struct sr_muc_result {
    sr_muc_count slot[SR_CAT_N][SR_MUC_NSLOT];
    long messages, key_templates, resp_templates, matched;
} sr_muc_result;

/* The counts of a candidate pair over slots 2..24 and whether the pair
 * meets the content condition of section 3.2.1: at least a partial match
 * on INCIDENT: TYPE plus at least a partial match on one perpetrator or
 * target slot (PERP: INDIVIDUAL ID or ORGANIZATION ID, PHYS TGT: ID or
 * TYPE, HUM TGT: NAME, DESCRIPTION or TYPE), each slot judged as it is
 * scored (a TYPE filler whose value is right and whose tag is not is
 * partially correct, 3.1.2), except that general perpetrator words alone
 * are no match. */
static FILE *sr_muc_cand_trace;

static sr_muc_count sr_muc_pair_counts(const sr_muc_template *k, const sr_muc_template *r, int *eligible)
{
    int s, content = 0, type = 0;
    sr_muc_count sum;
    memset(&sum, 0, sizeof sum);
    for (s = 2; s < SR_MUC_NSLOT; s++) {
        sr_muc_count c;
        sr_muc_score_slot(s, &k->slot[s], &r->slot[s], &c);
        sr_muc_count_add(&sum, &c);
        if (s == 4)
            type = (c.cor + c.par) > 0;
        /* two general perpetrator words ("THE TERRORIST" for "CRIMINAL
         * GROUPS") earn partial credit in the slot (3.2.9) but say nothing
         * about which incident a template tells, since nearly every
         * template has some: they do not make a pair eligible.  On the 17
         * sites' TST3 responses this unmaps 9 pairs, none of them mapped
         * in the official reports. */
        if (sr_muc_slots[s].mapslot && c.cor + c.par > 0) {
            if (s == 9) {
                sr_muc_count c2;
                sr_muc_no_generic = 1;
                sr_muc_score_slot(s, &k->slot[s], &r->slot[s], &c2);
                sr_muc_no_generic = 0;
                if (c2.cor + c2.par > 0)
                    content = 1;
            } else
                content = 1;
        }
    }
    *eligible = type && content;
    if (sr_muc_cand_trace)
        fprintf(sr_muc_cand_trace, "%s\tcand key %d resp %d\ttype %d content %d\tpos %ld act %ld cor %ld par %ld inc %ld spu %ld mis %ld\n",
                k->msgid, k->num, r->num, type, content, sum.pos, sum.act, sum.cor, sum.par, sum.inc, sum.spu, sum.mis);
    return sum;
}

/* Compare a/b with c/d (b, d > 0, or 0 meaning the ratio 0). */
static int sr_muc_cmp_ratio(long a, long b, long c, long d)
{
    long x = b ? a * (d ? d : 1) : 0, y = d ? c * (b ? b : 1) : 0;
    if (!b && !d)
        return 0;
    return (x > y) - (x < y);
}

/* Is candidate pair x a better match than y: higher recall (the share of
 * the key's fillers the response gets right, (COR + PAR/2) / POS), then
 * higher precision ((COR + PAR/2) / ACT). */
static int sr_muc_better_pair(const sr_muc_count *x, const sr_muc_count *y)
{
    int c = sr_muc_cmp_ratio(2 * x->cor + x->par, 2 * x->pos, 2 * y->cor + y->par, 2 * y->pos);
    if (c)
        return c > 0;
    return sr_muc_cmp_ratio(2 * x->cor + x->par, 2 * x->act, 2 * y->cor + y->par, 2 * y->act) > 0;
}

/* The template mapping of one message: of the pairs that meet the content
 * condition, the best (sr_muc_better_pair) is mapped first, then the best
 * of the pairs whose templates are both still free, and so on; ties go to
 * the key template that comes first in the key, then to the response
 * template that comes first in the response. */
static void sr_muc_map(const sr_muc_template *const *kt, int nk, const sr_muc_template *const *rt, int nr,
                       int *kmap)
{
    sr_muc_count *pc;
    int *el, *rtaken, i, j;
    pc = calloc((size_t)nk * (size_t)nr + 1, sizeof *pc);
    el = calloc((size_t)nk * (size_t)nr + 1, sizeof(int));
    rtaken = calloc((size_t)nr + 1, sizeof(int));
    if (!pc || !el || !rtaken)
        sr_muc_oom();
    for (i = 0; i < nk; i++)
        for (j = 0; j < nr; j++)
            pc[i * nr + j] = sr_muc_pair_counts(kt[i], rt[j], &el[i * nr + j]);
    for (i = 0; i < nk; i++)
        kmap[i] = -1;
    for (;;) {
        int bi = -1, bj = -1;
        for (i = 0; i < nk; i++)
            if (kmap[i] < 0)
                for (j = 0; j < nr; j++)
                    if (!rtaken[j] && el[i * nr + j] &&
                        (bi < 0 || sr_muc_better_pair(&pc[i * nr + j], &pc[bi * nr + bj]))) {
                        bi = i;
                        bj = j;
                    }
        if (bi < 0)
            break;
        kmap[bi] = bj;
        rtaken[bj] = 1;
    }
    free(pc);
    free(el);
    free(rtaken);
}

/* Score one message: nk key templates (0 for an irrelevant message) and nr
 * response templates.  Adds into res; if trace is non-NULL, one line per
 * template pair is written to it. */
static sr_muc_count sr_muc_sum(const sr_muc_result *r, int from, int to, int with_missing, int with_spurious);

/* One --trace line: a slot's counts in one template pair (key or response
 * number 0 for a missing or spurious template); empty slots are left out. */
static void sr_muc_trace_slot(FILE *trace, const char *msgid, int s, const sr_muc_count *c, int knum, int rnum)
{
    if (trace && (c->pos || c->act))
        fprintf(trace, "%s\t%s\tpos %ld act %ld cor %ld par %ld inc %ld spu %ld mis %ld\tkey %d resp %d\n",
                msgid, sr_muc_slots[s].name, c->pos, c->act, c->cor, c->par, c->inc, c->spu, c->mis, knum, rnum);
}

static void sr_muc_score_message(const char *id, const sr_muc_template *const *kt, int nk,
                                 const sr_muc_template *const *rt, int nr, sr_muc_result *res, FILE *trace)
{
    int *kmap = calloc((size_t)nk + 1, sizeof(int)), *rmapped = calloc((size_t)nr + 1, sizeof(int));
    int i, j, s;
    sr_muc_result before;
    if (!kmap || !rmapped)
        sr_muc_oom();
    if (trace)
        before = *res;
    sr_muc_cand_trace = trace;
    sr_muc_map(kt, nk, rt, nr, kmap);
    sr_muc_cand_trace = NULL;
    res->messages++;
    res->key_templates += nk;
    res->resp_templates += nr;
    for (i = 0; i < nk; i++) {
        sr_muc_count c;
        if (kmap[i] >= 0) {
            rmapped[kmap[i]] = 1;
            res->matched++;
            res->slot[SR_CAT_MATCHED][1].pos++;
            res->slot[SR_CAT_MATCHED][1].act++;
            res->slot[SR_CAT_MATCHED][1].cor++;
            sr_muc_pair_trace = trace;
            if (trace)
                fprintf(trace, "%s\tmapped key %d resp %d\n", kt[i]->msgid, kt[i]->num, rt[kmap[i]]->num);
            for (s = 2; s < SR_MUC_NSLOT; s++) {
                sr_muc_score_slot(s, &kt[i]->slot[s], &rt[kmap[i]]->slot[s], &c);
                sr_muc_count_add(&res->slot[SR_CAT_MATCHED][s], &c);
                sr_muc_trace_slot(trace, kt[i]->msgid, s, &c, kt[i]->num, rt[kmap[i]]->num);
            }
            sr_muc_pair_trace = NULL;
        } else if (!kt[i]->optional) {
            res->slot[SR_CAT_MISSING][1].pos++;
            res->slot[SR_CAT_MISSING][1].mis++;
            for (s = 2; s < SR_MUC_NSLOT; s++) {
                sr_muc_score_alone(s, &kt[i]->slot[s], 1, &c);
                sr_muc_count_add(&res->slot[SR_CAT_MISSING][s], &c);
                sr_muc_trace_slot(trace, kt[i]->msgid, s, &c, kt[i]->num, 0);
            }
            if (trace)
                fprintf(trace, "%s\tmissing template %d\n", kt[i]->msgid, kt[i]->num);
        }
    }
    for (j = 0; j < nr; j++) {
        sr_muc_count c;
        if (rmapped[j])
            continue;
        res->slot[SR_CAT_SPURIOUS][1].act++;
        res->slot[SR_CAT_SPURIOUS][1].spu++;
        for (s = 2; s < SR_MUC_NSLOT; s++) {
            sr_muc_score_alone(s, &rt[j]->slot[s], 0, &c);
            sr_muc_count_add(&res->slot[SR_CAT_SPURIOUS][s], &c);
            sr_muc_trace_slot(trace, rt[j]->msgid, s, &c, 0, rt[j]->num);
        }
        if (trace)
            fprintf(trace, "%s\tspurious template %d\n", rt[j]->msgid, rt[j]->num);
    }
    if (trace) {
        /* per-message totals: the difference the message made */
        sr_muc_count a = sr_muc_sum(res, 1, 1, 1, 1), b = sr_muc_sum(&before, 1, 1, 1, 1);
        sr_muc_count x = sr_muc_sum(res, 2, SR_MUC_NSLOT - 1, 1, 1), y = sr_muc_sum(&before, 2, SR_MUC_NSLOT - 1, 1, 1);
        fprintf(trace, "MSG\t%s\tkey %d resp %d\ttpl pos %ld act %ld cor %ld\ttotal pos %ld act %ld cor %ld par %ld inc %ld spu %ld mis %ld\n",
                id, nk, nr, a.pos - b.pos, a.act - b.act, a.cor - b.cor,
                x.pos - y.pos, x.act - y.act, x.cor - y.cor, x.par - y.par, x.inc - y.inc, x.spu - y.spu,
                x.mis - y.mis);
    }
    free(kmap);
    free(rmapped);
}

static int sr_muc_cmp_tp(const void *a, const void *b)
{
    const sr_muc_template *x = *(const sr_muc_template *const *)a;
    const sr_muc_template *y = *(const sr_muc_template *const *)b;
    int c = strcmp(x->msgid, y->msgid);
    if (c)
        return c;
    return (x < y) ? -1 : (x > y);
}

/* Score a whole response file against a key file.  Messages are those of
 * the key; response templates for a message absent from the key are
 * ignored (they are counted in *unknown).  A message whose response has
 * no template, or only "*" templates, has no response templates. */
static void sr_muc_score(const sr_muc_file *key, const sr_muc_file *resp, sr_muc_result *res, long *unknown,
                         FILE *trace)
{
    const sr_muc_template **kp, **rp;
    int i, ki = 0, ri = 0;
    memset(res, 0, sizeof *res);
    *unknown = 0;
    kp = calloc((size_t)key->n + 1, sizeof *kp);
    rp = calloc((size_t)resp->n + 1, sizeof *rp);
    if (!kp || !rp)
        sr_muc_oom();
    for (i = 0; i < key->n; i++)
        kp[i] = &key->t[i];
    for (i = 0; i < resp->n; i++)
        rp[i] = &resp->t[i];
    qsort(kp, (size_t)key->n, sizeof *kp, sr_muc_cmp_tp);
    qsort(rp, (size_t)resp->n, sizeof *rp, sr_muc_cmp_tp);
    while (ki < key->n) {
        const char *id = kp[ki]->msgid;
        int k0 = ki, r0, nk = 0, nr = 0, c;
        const sr_muc_template **kt, **rt;
        while (ki < key->n && strcmp(kp[ki]->msgid, id) == 0)
            ki++;
        while (ri < resp->n && (c = strcmp(rp[ri]->msgid, id)) < 0) {
            if (!rp[ri]->irrelevant)
                (*unknown)++;
            ri++;
        }
        r0 = ri;
        while (ri < resp->n && strcmp(rp[ri]->msgid, id) == 0)
            ri++;
        kt = calloc((size_t)(ki - k0) + 1, sizeof *kt);
        rt = calloc((size_t)(ri - r0) + 1, sizeof *rt);
        if (!kt || !rt)
            sr_muc_oom();
        for (i = k0; i < ki; i++)
            if (!kp[i]->irrelevant)
                kt[nk++] = kp[i];
        for (i = r0; i < ri; i++)
            if (!rp[i]->irrelevant)
                rt[nr++] = rp[i];
        sr_muc_score_message(id, kt, nk, rt, nr, res, trace);
        free(kt);
        free(rt);
    }
    for (; ri < resp->n; ri++)
        if (!rp[ri]->irrelevant)
            (*unknown)++;
    free(kp);
    free(rp);
}

/* ------------------------------------------------------------ figures */

/* Sum of slot rows from..to (inclusive) over the given categories. */
static sr_muc_count sr_muc_sum(const sr_muc_result *r, int from, int to, int with_missing, int with_spurious)
{
    sr_muc_count c;
    int s;
    memset(&c, 0, sizeof c);
    for (s = from; s <= to; s++) {
        sr_muc_count_add(&c, &r->slot[SR_CAT_MATCHED][s]);
        if (with_missing)
            sr_muc_count_add(&c, &r->slot[SR_CAT_MISSING][s]);
        if (with_spurious)
            sr_muc_count_add(&c, &r->slot[SR_CAT_SPURIOUS][s]);
    }
    return c;
}

/* Recall, precision (percent) and F with beta 1; -1 when undefined. */
static double sr_muc_recall(const sr_muc_count *c)
{
    return c->pos ? 100.0 * ((double)c->cor + 0.5 * (double)c->par) / (double)c->pos : -1.0;
}

static double sr_muc_precision(const sr_muc_count *c)
{
    return c->act ? 100.0 * ((double)c->cor + 0.5 * (double)c->par) / (double)c->act : -1.0;
}

static double sr_muc_f(const sr_muc_count *c)
{
    double r = sr_muc_recall(c), p = sr_muc_precision(c);
    if (r <= 0 || p <= 0)
        return 0.0;
    return 2.0 * p * r / (p + r);
}

#endif /* SR_MUC_SCORER_H */
