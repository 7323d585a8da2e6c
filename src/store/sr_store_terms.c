/*
 * sr_store_terms.c - the names a report is about, for incident linking: the
 * capitalised words of an article's text ("Comeaux", "Wasilla", "GSEE"),
 * an incident's profile of the names its reports used, and how much two of
 * them agree.  Reports of one incident name the same people, streets and
 * organisations even when the extractor resolved their places differently
 * (an ambiguous town, a person's name taken for a place) or found no date;
 * reports of two incidents in one city name different ones.  How rare a
 * name is (its document frequency in the store) weighs it: the store
 * computes the weights, this file only reads text and lists.
 */
#include "store/sr_store_node.h"

#include <stdio.h>
#include <string.h>

static int is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

/* End of the word starting at p[i]: letters, digits and apostrophes
 * ("O'Neill's"). */
static size_t word_end(const char *p, size_t n, size_t i)
{
    while (i < n && (is_letter((unsigned char)p[i]) || p[i] == '\'' ||
                     ((unsigned char)p[i] >= '0' && (unsigned char)p[i] <= '9')))
        i++;
    return i;
}

/* Capitalised words that name no one: they are capitalised by convention
 * (days, months, titles), not because they are names. */
static int is_common(const char *w)
{
    static const char *const common[] = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "mr", "mrs", "ms", "dr", "jr",
        "sr", "st", "the", "and", "but", "for", "not", "this", "that", "his", "her",
        "they", "she", "its", "our", "you", "with", "from", "after", "when", "while",
        "also", "associated", "press", "reuters", "afp", "copyright", "news", "updated",
        NULL};
    for (size_t i = 0; common[i]; i++)
        if (strcmp(w, common[i]) == 0)
            return 1;
    return 0;
}

/* Is line [b, e) set in title case (a headline: short, and nearly every
 * longer word capitalised)?  Its capitals say nothing about names.  A
 * sentence that lists names still has its verbs and nouns in lower case. */
static int title_case_line(const char *p, size_t b, size_t e)
{
    size_t caps = 0, lower = 0, i = b;
    while (i < e) {
        while (i < e && !is_letter((unsigned char)p[i]))
            i++;
        size_t s = i;
        while (i < e && (is_letter((unsigned char)p[i]) || p[i] == '\''))
            i++;
        if (i - s < 4)
            continue;
        if (is_upper((unsigned char)p[s]))
            caps++;
        else
            lower++;
    }
    return e - b <= 200 && caps >= 3 && lower * 5 <= caps;
}

size_t sr_name_terms(const char *p, size_t n, sr_term *out, size_t cap)
{
    size_t nt = 0, i = 0, line_end = 0;
    int headline = 0;
    /* The byte before a word that starts a sentence (or nothing). */
    unsigned char prev = '\n';
    if (!p)
        return 0;
    while (i < n) {
        if (i >= line_end) {
            line_end = i;
            while (line_end < n && p[line_end] != '\n')
                line_end++;
            headline = title_case_line(p, i, line_end);
        }
        unsigned char c = (unsigned char)p[i];
        if (!is_letter(c)) {
            if (c != ' ' && c != '\t' && c != '\r')
                prev = c;
            i++;
            continue;
        }
        size_t s = i;
        i = word_end(p, n, i);
        size_t e = i;
        int initial = headline || prev == '\n' || prev == '.' || prev == '!' || prev == '?' ||
                      prev == ':' || prev == '"' || prev == '\'' || prev == '`';
        prev = 'a';
        if (!is_upper((unsigned char)p[s]))
            continue;
        /* Fold: lower case, apostrophes dropped, a possessive "'s" cut. */
        if (e - s >= 2 && p[e - 1] == 's' && p[e - 2] == '\'')
            e -= 2;
        char w[SR_TERM_LEN];
        size_t o = 0;
        for (size_t k = s; k < e && o + 1 < sizeof w; k++) {
            unsigned char ch = (unsigned char)p[k];
            if (ch == '\'')
                continue;
            w[o++] = (char)(is_upper(ch) ? ch - 'A' + 'a' : ch);
        }
        o = sr_utf8_whole(w, o);
        w[o] = '\0';
        if (o < 3 || is_common(w))
            continue;
        size_t k = 0;
        while (k < nt && strcmp(out[k].w, w) != 0)
            k++;
        if (k == nt) {
            if (nt == cap)
                continue;
            memcpy(out[nt].w, w, o + 1);
            out[nt].tf = 0;
            out[nt].named = 0;
            out[nt].lower = 0;
            out[nt].weight = 0;
            out[nt].df = 0;
            nt++;
        }
        out[k].tf++;
        /* A capital that starts a sentence may be any word ("Police
         * said"); one inside a sentence marks a name. */
        if (!initial)
            out[k].named = 1;
    }
    /* A word also written in lower case is a common noun capitalised
     * for a title or a heading ("Bank", "Minister"), not a name: marked,
     * so that the store can count how often articles do that.  A web
     * address is no prose: its words are in lower case whatever they
     * are. */
    for (i = 0; i < n;) {
        if (!is_letter((unsigned char)p[i])) {
            i++;
            continue;
        }
        size_t s = i;
        i = word_end(p, n, i);
        if ((i - s == 4 && memcmp(p + s, "http", 4) == 0) ||
            (i - s == 5 && memcmp(p + s, "https", 5) == 0) ||
            (i - s == 3 && memcmp(p + s, "www", 3) == 0)) {
            while (i < n && p[i] != '\n')
                i++;
            continue;
        }
        if (is_upper((unsigned char)p[s]) || i - s >= SR_TERM_LEN)
            continue;
        for (size_t k = 0; k < nt; k++)
            if (strlen(out[k].w) == i - s && memcmp(out[k].w, p + s, i - s) == 0)
                out[k].lower = 1;
    }
    /* Keep the words written as names at least once. */
    size_t o = 0;
    for (size_t k = 0; k < nt; k++)
        if (out[k].named)
            out[o++] = out[k];
    return o;
}

size_t sr_utf8_whole(const char *s, size_t o)
{
    while (o > 0 && ((unsigned char)s[o - 1] & 0xC0) == 0x80) {
        size_t k = o - 1;
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        unsigned char lead = (unsigned char)s[k];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (o - k >= need)
            break;
        o = k;
    }
    return o;
}

/* ---- profiles: "term:count|term:count" */

/* Read the entry at p: *w and *wl its term, *cnt its count.  Returns the
 * next entry, or NULL at the end (or on a malformed rest). */
static const char *profile_next(const char *p, const char **w, size_t *wl, unsigned *cnt)
{
    const char *colon = *p ? strchr(p, ':') : NULL;
    if (!colon)
        return NULL;
    *w = p;
    *wl = (size_t)(colon - p);
    *cnt = 0;
    const char *q = colon + 1;
    while (*q >= '0' && *q <= '9') {
        if (*cnt < 100000)
            *cnt = *cnt * 10 + (unsigned)(*q - '0');
        q++;
    }
    return *q == '|' ? q + 1 : q;
}

/* The count of term w in profile p, 0 when absent. */
static unsigned profile_count(const char *p, const char *w)
{
    size_t len = strlen(w), wl;
    const char *t;
    unsigned cnt;
    while (p && (p = profile_next(p, &t, &wl, &cnt)) != NULL)
        if (wl == len && memcmp(t, w, len) == 0)
            return cnt;
    return 0;
}

int sr_profile_has(const char *profile, const char *w)
{
    return profile_count(profile, w) > 0;
}

size_t sr_profile_size(const char *profile)
{
    size_t n = 0;
    for (const char *p = profile; *p; p++)
        n += *p == ':';
    return n;
}

void sr_profile_merge(char *dst, size_t cap, const char *add)
{
    /* Parse both into entries, add the counts, write back the most
     * frequent first: a profile that is full keeps the names most of the
     * incident's reports used. */
    enum { MAXE = 160 };
    struct ent {
        char w[SR_TERM_LEN];
        unsigned cnt;
        size_t order;
    } e[MAXE];
    size_t ne = 0;
    const char *srcs[2] = {dst, add};
    for (int s = 0; s < 2; s++) {
        const char *p = srcs[s], *t;
        size_t wl;
        unsigned cnt;
        while ((p = profile_next(p, &t, &wl, &cnt)) != NULL) {
            if (wl == 0 || wl >= SR_TERM_LEN)
                continue;
            size_t k = 0;
            while (k < ne && !(strlen(e[k].w) == wl && memcmp(e[k].w, t, wl) == 0))
                k++;
            if (k == ne && ne < MAXE) {
                memcpy(e[ne].w, t, wl);
                e[ne].w[wl] = '\0';
                e[ne].cnt = 0;
                e[ne].order = ne;
                ne++;
            }
            if (k < ne)
                e[k].cnt += cnt ? cnt : 1;
        }
    }
    /* Stable sort by count, most frequent first (insertion sort: few). */
    for (size_t i = 1; i < ne; i++) {
        struct ent t = e[i];
        size_t j = i;
        while (j > 0 && (e[j - 1].cnt < t.cnt ||
                         (e[j - 1].cnt == t.cnt && e[j - 1].order > t.order))) {
            e[j] = e[j - 1];
            j--;
        }
        e[j] = t;
    }
    char out[SR_PROFILE];
    size_t o = 0;
    for (size_t i = 0; i < ne; i++) {
        char item[SR_TERM_LEN + 16];
        int l = snprintf(item, sizeof item, "%s%s:%u", o ? "|" : "", e[i].w, e[i].cnt);
        if (l < 0 || o + (size_t)l + 1 > sizeof out || o + (size_t)l + 1 > cap)
            break;
        memcpy(out + o, item, (size_t)l);
        o += (size_t)l;
    }
    out[o] = '\0';
    memcpy(dst, out, o + 1);
}

void sr_entity_agreement(const sr_node *m, const sr_node *c, double *shared, size_t *nshared,
                         double *total)
{
    *shared = 0;
    *nshared = 0;
    *total = 0;
    for (size_t i = 0; i < m->nterms; i++) {
        *total += m->tweight[i];
        if (!sr_profile_has(c->profile, m->terms[i]))
            continue;
        double own = (double)(c->mentions + 1) / (double)(m->tdf[i] + 1);
        if (own > 1)
            own = 1;
        *shared += m->tweight[i] * own;
        if (own >= 0.5)
            (*nshared)++;
    }
}
