/*
 * bench_gtd.c - accuracy benchmark of libsitrep on the GTD/ACLED drone-attack
 * database (../shared/data/gtd-drone): each row's one-paragraph summary is
 * run through sitrep_extract() and the main incident is compared with the
 * row's gold columns (killed, wounded, attack type, weapon type, country,
 * city, group, date).  docs/benchmarks.md describes every metric, its target
 * and how our predictions are mapped onto GTD's vocabulary.
 *
 * The program uses only the public interface (include/sitrep/sitrep.h).  It
 * prints one "name: X/Y = P%  [target]" line per metric, confusion tables of
 * the misses, and at the end one machine-readable line per metric
 * ("metric nkill_nonzero 87.3") for CI.  Everything printed is deterministic
 * except the line that reports the extraction time.
 *
 * Usage: bench_gtd [--data DIR | --csv FILE] [--gazetteer FILE]
 *                  [--groups FILE] [--iso FILE] [DIR|FILE]
 * Defaults: data dir from $SITREP_DATA or ../shared/data; gazetteer from
 * $SITREP_GAZETTEER or build/gazetteer.bin; groups lexicon from
 * $SITREP_GROUPS or lexicon/groups.txt.  A missing data file is not an
 * error: the benchmark says "skipped" and exits 0.
 *
 * Being a benchmark program (not library code), it uses the C library
 * freely and exits on out-of-memory.
 */
#include <sitrep/sitrep.h>
#include <utf8proc.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CSV_NAME "gtd-drone/Acled_GTD_Drone_Database_20260509.csv"
#define TOP_CONFUSIONS 15
#define CITY_SAMPLE 20
#define MACRO_MIN_ROWS 10

/* ------------------------------------------------------------ utilities */

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "bench_gtd: out of memory\n");
        exit(2);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "bench_gtd: out of memory\n");
        exit(2);
    }
    return q;
}

static char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

/* Whole file in a malloc'ed buffer with one spare byte (NUL-terminated);
 * NULL when it cannot be read (errno set). */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = xmalloc(cap + 1);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = xrealloc(buf, cap + 1);
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int is_ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }

/* Gold integer field: digits only; -1 for "N/A", "", "-99" and the like. */
static long gold_int(const char *s)
{
    if (!*s)
        return -1;
    long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        if (v > 100000000L)
            return -1;
        v = v * 10 + (*p - '0');
    }
    return v;
}

static int gold_known(const char *s)
{
    return *s && strcmp(s, "N/A") != 0 && strcmp(s, "Unknown") != 0;
}

/* -------------------------------------------------------------- folding */

/*
 * Fold s[0..n) to its words joined by single spaces: accents stripped and
 * (when casefold) lower case; apostrophes (' and U+2018/U+2019) inside words
 * dropped ("Qa'ida" -> "qaida"); every other non-alphanumeric ASCII byte
 * separates words.  When drop_al, the Arabic article tokens "al" and "el"
 * are removed ("Al-Bukamal" -> "bukamal").  Returns a malloc'ed string.
 */
static char *fold_words(const char *s, size_t n, int casefold, int drop_al)
{
    utf8proc_uint8_t *mapped = NULL;
    const char *src = s;
    size_t srclen = n;
    if (n > 0) {
        utf8proc_option_t opt = UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK;
        if (casefold)
            opt |= UTF8PROC_CASEFOLD;
        utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                                          &mapped, opt);
        if (m >= 0) {
            src = (const char *)mapped;
            srclen = (size_t)m;
        } else {
            mapped = NULL; /* invalid UTF-8: fold the bytes as ASCII */
        }
    }
    char *out = xmalloc(srclen + 1);
    size_t w = 0;
    size_t word_start = 0;
    int in_word = 0;
    size_t i = 0;
    for (;;) {
        /* One character: a code point when src is valid UTF-8 (mapped),
         * else one byte (bytes >= 0x80 then count as letters). */
        utf8proc_int32_t cp = ' ';
        size_t clen = 1;
        if (i < srclen) {
            if (mapped) {
                utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)src + i,
                                                      (utf8proc_ssize_t)(srclen - i), &cp);
                if (k <= 0) {
                    cp = 0xFFFD;
                    k = 1;
                }
                clen = (size_t)k;
            } else {
                cp = (unsigned char)src[i];
            }
        }
        int at_end = i >= srclen;
        if (!at_end && (cp == '\'' || cp == '`' || cp == 0x2018 || cp == 0x2019)) {
            i += clen;
            continue;
        }
        int word = 0;
        if (!at_end) {
            if (cp < 0x80)
                word = is_ascii_alnum((unsigned char)cp);
            else if (!mapped)
                word = 1;
            else {
                utf8proc_category_t cat = utf8proc_category(cp);
                word = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
                       cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LM ||
                       cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_ND ||
                       cat == UTF8PROC_CATEGORY_NL || cat == UTF8PROC_CATEGORY_NO;
            }
        }
        if (word) {
            if (!in_word) {
                if (w > 0)
                    out[w++] = ' ';
                word_start = w;
                in_word = 1;
            }
            for (size_t k = 0; k < clen; k++) {
                char c = src[i + k];
                out[w++] = (casefold && !mapped) ? ascii_lower(c) : c;
            }
        } else if (in_word) {
            in_word = 0;
            if (drop_al && w - word_start == 2 &&
                (out[word_start] == 'a' || out[word_start] == 'e' || out[word_start] == 'A' ||
                 out[word_start] == 'E') &&
                (out[word_start + 1] == 'l' || out[word_start + 1] == 'L'))
                w = word_start > 0 ? word_start - 1 : 0; /* drop the word and its space */
        }
        if (at_end)
            break;
        i += clen;
    }
    out[w] = '\0';
    free(mapped);
    return out;
}

static char *fold_str(const char *s, int drop_al) { return fold_words(s, strlen(s), 1, drop_al); }

/* A folded string split into words (views into buf). */
typedef struct words {
    char *buf;
    char **w;
    size_t n;
} words;

static void words_split(words *ws, char *folded)
{
    ws->buf = folded;
    ws->n = 0;
    size_t cap = 1;
    for (const char *p = folded; *p; p++)
        cap += (*p == ' ');
    ws->w = xmalloc(cap * sizeof *ws->w);
    char *p = folded;
    while (*p) {
        ws->w[ws->n++] = p;
        char *sp = strchr(p, ' ');
        if (!sp)
            break;
        *sp = '\0';
        p = sp + 1;
    }
}

static void words_free(words *ws)
{
    free(ws->buf);
    free(ws->w);
    ws->buf = NULL;
    ws->w = NULL;
    ws->n = 0;
}

/* True when the words of needle occur contiguously in hay; a needle word
 * "*" matches any one word. */
static int words_contain(const words *hay, const words *needle)
{
    if (needle->n == 0 || needle->n > hay->n)
        return 0;
    for (size_t i = 0; i + needle->n <= hay->n; i++) {
        size_t k = 0;
        while (k < needle->n &&
               (strcmp(needle->w[k], "*") == 0 || strcmp(needle->w[k], hay->w[i + k]) == 0))
            k++;
        if (k == needle->n)
            return 1;
    }
    return 0;
}

/* Folded equality or word-wise containment either way (empty never matches). */
static int fold_match(const char *gold, const char *ours, size_t ours_len, int drop_al)
{
    if (ours_len == 0)
        return 0;
    words g, o;
    words_split(&g, fold_str(gold, drop_al));
    words_split(&o, fold_words(ours, ours_len, 1, drop_al));
    int m = g.n > 0 && o.n > 0 && (words_contain(&g, &o) || words_contain(&o, &g));
    words_free(&g);
    words_free(&o);
    return m;
}

/* ------------------------------------------------------------------ CSV */

typedef struct csv {
    char **fields;
    size_t nfields, capfields;
    size_t *rows; /* rows[i]: index of row i's first field; rows[nrows] = nfields */
    size_t nrows, caprows;
} csv;

static void csv_push_field(csv *c, char *f)
{
    if (c->nfields == c->capfields) {
        c->capfields = c->capfields ? c->capfields * 2 : 1024;
        c->fields = xrealloc(c->fields, c->capfields * sizeof *c->fields);
    }
    c->fields[c->nfields++] = f;
}

static void csv_push_row(csv *c, size_t first)
{
    if (c->nrows + 1 >= c->caprows) {
        c->caprows = c->caprows ? c->caprows * 2 : 256;
        c->rows = xrealloc(c->rows, c->caprows * sizeof *c->rows);
    }
    c->rows[c->nrows++] = first;
    c->rows[c->nrows] = c->nfields;
}

/*
 * Parse buf[0..len) (buf has one spare byte) in place as records of fields
 * separated by sep, records ending in LF or CRLF, fields optionally quoted
 * with '"' (a doubled quote inside stands for one; quoted fields may hold
 * sep and line breaks).  Unescaped field text never outgrows its raw bytes,
 * so it is written over the input and NUL-terminated.  Blank lines are
 * skipped.  first_line numbers the first line for messages.  Returns 0, or
 * -1 with a message in err for an unterminated quote (the fields parsed so
 * far stay in c: free with csv_free).
 */
static int csv_parse(csv *c, char *buf, size_t len, char sep, size_t first_line, char *err,
                     size_t errlen)
{
    size_t r = 0, w = 0, line = first_line;
    memset(c, 0, sizeof *c);
    while (r < len) {
        size_t first = c->nfields;
        for (;;) {
            size_t fstart = w;
            if (r < len && buf[r] == '"') {
                size_t qline = line;
                r++;
                for (;;) {
                    if (r >= len) {
                        snprintf(err, errlen, "line %zu: unterminated quoted field", qline);
                        return -1;
                    }
                    char ch = buf[r];
                    if (ch == '"') {
                        if (r + 1 < len && buf[r + 1] == '"') {
                            buf[w++] = '"';
                            r += 2;
                            continue;
                        }
                        r++;
                        break;
                    }
                    if (ch == '\n')
                        line++;
                    buf[w++] = ch;
                    r++;
                }
            }
            /* Unquoted text, or stray text after a closing quote (kept). */
            while (r < len && buf[r] != sep && buf[r] != '\n' &&
                   !(buf[r] == '\r' && (r + 1 == len || buf[r + 1] == '\n')))
                buf[w++] = buf[r++];
            int end_record = 1;
            if (r < len && buf[r] == sep) {
                end_record = 0;
                r++;
            } else if (r < len && buf[r] == '\r') {
                r += (r + 1 < len) ? 2 : 1;
                line++;
            } else if (r < len && buf[r] == '\n') {
                r++;
                line++;
            }
            buf[w++] = '\0'; /* w <= r here, or w == len at the end: spare byte */
            csv_push_field(c, buf + fstart);
            if (end_record)
                break;
        }
        if (c->nfields - first == 1 && c->fields[first][0] == '\0')
            c->nfields = first; /* blank line */
        else
            csv_push_row(c, first);
    }
    return 0;
}

static void csv_free(csv *c)
{
    free(c->fields);
    free(c->rows);
}

/* ----------------------------------------------------- country name map */

typedef struct name_code {
    char *key;  /* folded name */
    char code[3];
} name_code;

typedef struct country_map {
    name_code *e;
    size_t n, cap;
} country_map;

static void cmap_add(country_map *m, const char *name, size_t n, const char *code)
{
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 512;
        m->e = xrealloc(m->e, m->cap * sizeof *m->e);
    }
    m->e[m->n].key = fold_words(name, n, 1, 0);
    memcpy(m->e[m->n].code, code, 2);
    m->e[m->n].code[2] = '\0';
    m->n++;
}

/* ISO2 code of a country name (folded compare), NULL when unknown.  Later
 * entries (the hand table) win over earlier ones. */
static const char *cmap_find(const country_map *m, const char *name)
{
    char *k = fold_str(name, 0);
    const char *code = NULL;
    for (size_t i = m->n; i-- > 0;) {
        if (strcmp(m->e[i].key, k) == 0) {
            code = m->e[i].code;
            break;
        }
    }
    free(k);
    return code;
}

/* Read one JSON string at *p (just after the opening quote) into a malloc'ed
 * UTF-8 string; advances *p past the closing quote.  NULL when malformed. */
static char *json_string(const char **p, const char *end)
{
    size_t cap = 64, n = 0;
    char *out = xmalloc(cap);
    const char *s = *p;
    while (s < end && *s != '"') {
        if (n + 8 > cap) {
            cap *= 2;
            out = xrealloc(out, cap);
        }
        if (*s != '\\') {
            out[n++] = *s++;
            continue;
        }
        s++;
        if (s >= end)
            break;
        char e = *s++;
        switch (e) {
        case 'n': out[n++] = '\n'; break;
        case 't': out[n++] = '\t'; break;
        case 'r': out[n++] = '\r'; break;
        case 'b': out[n++] = '\b'; break;
        case 'f': out[n++] = '\f'; break;
        case 'u': {
            uint32_t cp = 0;
            for (int k = 0; k < 4; k++) {
                if (s >= end) {
                    free(out);
                    return NULL;
                }
                char h = *s++;
                cp <<= 4;
                if (h >= '0' && h <= '9') cp |= (uint32_t)(h - '0');
                else if (h >= 'a' && h <= 'f') cp |= (uint32_t)(h - 'a' + 10);
                else if (h >= 'A' && h <= 'F') cp |= (uint32_t)(h - 'A' + 10);
                else {
                    free(out);
                    return NULL;
                }
            }
            /* Surrogates are not needed for country names; they become '?'. */
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = '?';
            n += (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out + n);
            break;
        }
        default: out[n++] = e; break; /* \" \\ \/ */
        }
    }
    if (s >= end) {
        free(out);
        return NULL;
    }
    *p = s + 1;
    out[n] = '\0';
    return out;
}

/*
 * Load Debian iso-codes' iso_3166-1.json: for each object, its "name",
 * "common_name" and "official_name" map to "alpha_2".  Returns the number of
 * countries read (0 when the file is missing or unreadable).
 */
static size_t cmap_load_iso(country_map *m, const char *path)
{
    size_t len;
    char *buf = read_file(path, &len);
    if (!buf)
        return 0;
    const char *p = buf, *end = buf + len;
    char *names[3] = {NULL, NULL, NULL};
    char *alpha2 = NULL;
    char *key = NULL; /* the last string that was followed by ':' */
    size_t count = 0;
    while (p < end) {
        char c = *p;
        if (c == '"') {
            p++;
            char *s = json_string(&p, end);
            if (!s)
                break;
            const char *q = p;
            while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
                q++;
            if (q < end && *q == ':') {
                free(key);
                key = s;
                p = q + 1;
                continue;
            }
            if (key && strcmp(key, "alpha_2") == 0) {
                free(alpha2);
                alpha2 = s;
            } else if (key && (strcmp(key, "name") == 0 || strcmp(key, "common_name") == 0 ||
                               strcmp(key, "official_name") == 0)) {
                int slot = key[0] == 'n' ? 0 : key[0] == 'c' ? 1 : 2;
                free(names[slot]);
                names[slot] = s;
            } else {
                free(s);
            }
            free(key);
            key = NULL;
            continue;
        }
        if (c == '}') {
            if (alpha2 && strlen(alpha2) == 2) {
                for (int k = 0; k < 3; k++)
                    if (names[k])
                        cmap_add(m, names[k], strlen(names[k]), alpha2);
                count++;
            }
            for (int k = 0; k < 3; k++) {
                free(names[k]);
                names[k] = NULL;
            }
            free(alpha2);
            alpha2 = NULL;
        }
        p++;
    }
    for (int k = 0; k < 3; k++)
        free(names[k]);
    free(alpha2);
    free(key);
    free(buf);
    return count;
}

/* GTD/ACLED spellings that iso-codes does not give (or gives otherwise). */
static const char *const gtd_country_names[][2] = {
    {"West Bank and Gaza Strip", "PS"}, {"Palestine", "PS"}, {"Gaza Strip", "PS"},
    {"West Bank", "PS"}, {"Democratic Republic of the Congo", "CD"},
    {"Republic of the Congo", "CG"}, {"People's Republic of the Congo", "CG"},
    {"Russia", "RU"}, {"Soviet Union", "RU"}, {"Syria", "SY"}, {"Iran", "IR"},
    {"Turkey", "TR"}, {"Myanmar", "MM"}, {"Burma", "MM"}, {"Ivory Coast", "CI"},
    {"South Korea", "KR"}, {"North Korea", "KP"}, {"Taiwan", "TW"}, {"Kosovo", "XK"},
    {"Bolivia", "BO"}, {"Venezuela", "VE"}, {"Vietnam", "VN"}, {"Laos", "LA"},
    {"Tanzania", "TZ"}, {"Moldova", "MD"}, {"East Timor", "TL"}, {"Macedonia", "MK"},
    {"North Macedonia", "MK"}, {"Swaziland", "SZ"}, {"Czech Republic", "CZ"},
    {"Slovak Republic", "SK"}, {"Bosnia-Herzegovina", "BA"}, {"Great Britain", "GB"},
    {"United Kingdom", "GB"}, {"United States", "US"}, {"Brunei", "BN"},
    {"Cape Verde", "CV"}, {"Vatican City", "VA"}, {"Falkland Islands", "FK"},
    {"Hong Kong", "HK"}, {"Macau", "MO"}, {"Gambia", "GM"}, {"Bahamas", "BS"},
    {"Micronesia", "FM"}, {"St. Kitts and Nevis", "KN"}, {"St. Lucia", "LC"},
    {"Western Sahara", "EH"}, {"Rhodesia", "ZW"}, {"Zaire", "CD"},
};

/* ------------------------------------------------------ groups lexicon */

typedef struct group_entry {
    words phrase;  /* folded words, or raw words when exact_case */
    int exact_case;
    char *canonical;
    size_t order;
} group_entry;

typedef struct group_map {
    group_entry *e;
    size_t n, cap;
} group_map;

/*
 * Load lexicon/groups.txt (phrase<TAB>class<TAB>Canonical Name[<TAB>flags];
 * '#' comments).  Lines of class "group" are used; when there are none, all
 * lines are.  Returns the number of entries, or -1 when the file is missing.
 */
static long groups_load(group_map *g, const char *path)
{
    size_t len;
    char *buf = read_file(path, &len);
    if (!buf)
        return -1;
    for (int pass = 0; pass < 2 && g->n == 0; pass++) {
        size_t lineno = 0;
        char *p = buf;
        while (*p) {
            char *nl = strchr(p, '\n');
            size_t ll = nl ? (size_t)(nl - p) : strlen(p);
            char *line = xstrndup(p, ll);
            p = nl ? nl + 1 : p + ll;
            lineno++;
            if (ll && line[ll - 1] == '\r')
                line[--ll] = '\0';
            char *col[4] = {line, NULL, NULL, NULL};
            int ncol = 1;
            for (char *q = line; *q && ncol < 4; q++) {
                if (*q == '\t') {
                    *q = '\0';
                    col[ncol++] = q + 1;
                }
            }
            if (line[0] == '#' || ncol < 3 || !col[0][0] || !col[2][0] ||
                (pass == 0 && strcmp(col[1], "group") != 0)) {
                free(line);
                continue;
            }
            if (g->n == g->cap) {
                g->cap = g->cap ? g->cap * 2 : 256;
                g->e = xrealloc(g->e, g->cap * sizeof *g->e);
            }
            group_entry *e = &g->e[g->n];
            e->exact_case = ncol == 4 && strstr(col[3], "case") != NULL;
            words_split(&e->phrase, fold_words(col[0], strlen(col[0]), !e->exact_case, 0));
            e->canonical = xstrdup(col[2]);
            e->order = lineno;
            if (e->phrase.n == 0) {
                words_free(&e->phrase);
                free(e->canonical);
            } else {
                g->n++;
            }
            free(line);
        }
    }
    free(buf);
    return (long)g->n;
}

/* Canonical name of the longest lexicon phrase found word-wise in gname
 * (ties: the earlier line); NULL when none. */
static const char *groups_map_gold(const group_map *g, const char *gname)
{
    words folded, raw;
    words_split(&folded, fold_words(gname, strlen(gname), 1, 0));
    words_split(&raw, fold_words(gname, strlen(gname), 0, 0));
    const group_entry *best = NULL;
    for (size_t i = 0; i < g->n; i++) {
        const group_entry *e = &g->e[i];
        if (best && e->phrase.n <= best->phrase.n)
            continue;
        if (words_contain(e->exact_case ? &raw : &folded, &e->phrase))
            best = e;
    }
    words_free(&folded);
    words_free(&raw);
    return best ? best->canonical : NULL;
}

static int str_fold_equal(const char *a, const char *b, size_t blen)
{
    char *fa = fold_str(a, 0), *fb = fold_words(b, blen, 1, 0);
    int eq = fa[0] && strcmp(fa, fb) == 0;
    free(fa);
    free(fb);
    return eq;
}

/* ------------------------------------------------- metrics and tables */

typedef struct ratio {
    long hit, total;
} ratio;

static double pct(ratio r) { return r.total ? 100.0 * (double)r.hit / (double)r.total : 0.0; }

static void print_ratio(const char *name, ratio r, const char *target)
{
    if (r.total)
        printf("%s: %ld/%ld = %.1f%%  [%s]\n", name, r.hit, r.total, pct(r), target);
    else
        printf("%s: 0/0 = n/a  [%s]\n", name, target);
}

/* Counts of (a, b) string pairs; b may be "" for one-key tallies. */
typedef struct pair_count {
    char *a, *b;
    long n;
} pair_count;

typedef struct tally {
    pair_count *e;
    size_t n, cap;
} tally;

static void tally_add(tally *t, const char *a, const char *b)
{
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->e[i].a, a) == 0 && strcmp(t->e[i].b, b) == 0) {
            t->e[i].n++;
            return;
        }
    }
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 32;
        t->e = xrealloc(t->e, t->cap * sizeof *t->e);
    }
    t->e[t->n].a = xstrdup(a);
    t->e[t->n].b = xstrdup(b);
    t->e[t->n].n = 1;
    t->n++;
}

static int pair_cmp(const void *x, const void *y)
{
    const pair_count *p = x, *q = y;
    if (p->n != q->n)
        return p->n > q->n ? -1 : 1;
    int c = strcmp(p->a, q->a);
    return c ? c : strcmp(p->b, q->b);
}

/* Print the top entries as "  a -> b: n" (count descending, then by name). */
static void tally_print(tally *t, const char *title, size_t top)
{
    if (t->n)
        qsort(t->e, t->n, sizeof *t->e, pair_cmp);
    long total = 0;
    for (size_t i = 0; i < t->n; i++)
        total += t->e[i].n;
    if (t->n == 0) {
        printf("  %s: none\n", title);
        return;
    }
    printf("  %s (%ld in all, %zu distinct; top %zu):\n", title, total, t->n,
           t->n < top ? t->n : top);
    for (size_t i = 0; i < t->n && i < top; i++) {
        if (t->e[i].b[0])
            printf("    %5ld  %s -> %s\n", t->e[i].n, t->e[i].a, t->e[i].b);
        else
            printf("    %5ld  %s\n", t->e[i].n, t->e[i].a);
    }
}

static void tally_free(tally *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->e[i].a);
        free(t->e[i].b);
    }
    free(t->e);
    memset(t, 0, sizeof *t);
}

/* Per-class recall of a classification metric. */
typedef struct class_metric {
    const char *name;
    tally per_class_total, per_class_hit;
    tally confusion;
} class_metric;

static void cm_add(class_metric *m, const char *gold, const char *pred)
{
    tally_add(&m->per_class_total, gold, "");
    if (strcmp(gold, pred) == 0)
        tally_add(&m->per_class_hit, gold, "");
    else
        tally_add(&m->confusion, gold, pred);
}

static long tally_get(const tally *t, const char *a)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->e[i].a, a) == 0)
            return t->e[i].n;
    return 0;
}

/* Prints per-class recall and the macro average over classes with at least
 * MACRO_MIN_ROWS gold rows; returns the macro average (-1 when no class
 * qualifies). */
static double cm_report(class_metric *m, const char *target)
{
    if (m->per_class_total.n)
        qsort(m->per_class_total.e, m->per_class_total.n, sizeof *m->per_class_total.e,
              pair_cmp);
    double sum = 0;
    int nclasses = 0;
    long hit_all = 0, tot_all = 0;
    for (size_t i = 0; i < m->per_class_total.n; i++) {
        const char *c = m->per_class_total.e[i].a;
        ratio r = {tally_get(&m->per_class_hit, c), m->per_class_total.e[i].n};
        hit_all += r.hit;
        tot_all += r.total;
        printf("  %-45s %ld/%ld = %.1f%%%s\n", c, r.hit, r.total, pct(r),
               r.total >= MACRO_MIN_ROWS ? "" : "  (not in macro)");
        if (r.total >= MACRO_MIN_ROWS) {
            sum += pct(r);
            nclasses++;
        }
    }
    double macro = nclasses ? sum / nclasses : -1;
    ratio all = {hit_all, tot_all};
    char name[64];
    snprintf(name, sizeof name, "%s_micro", m->name);
    print_ratio(name, all, "diagnostic");
    if (nclasses)
        printf("%s_macro: %.1f%% over %d classes with >= %d rows  [%s]\n", m->name, macro,
               nclasses, MACRO_MIN_ROWS, target);
    else
        printf("%s_macro: n/a (no class with >= %d rows)  [%s]\n", m->name, MACRO_MIN_ROWS,
               target);
    tally_print(&m->confusion, "confusion gold -> predicted", TOP_CONFUSIONS);
    return macro;
}

static void cm_free(class_metric *m)
{
    tally_free(&m->per_class_total);
    tally_free(&m->per_class_hit);
    tally_free(&m->confusion);
}

/* ----------------------------------------------- prediction mapping */

/* Our attack-type slugs in GTD's hierarchy order (highest first): when an
 * incident has several types, the first of this list present wins, as GTD
 * codes attacktype1 by that hierarchy. */
static const char *const attack_map[][2] = {
    {"assassination", "Assassination"},
    {"hijacking", "Hijacking"},
    {"kidnapping", "Hostage Taking (Kidnapping)"},
    {"hostage_taking", "Hostage Taking (Barricade Incident)"},
    {"bombing", "Bombing/Explosion"},
    {"armed_assault", "Armed Assault"},
    {"unarmed_assault", "Unarmed Assault"},
    {"facility_attack", "Facility/Infrastructure Attack"},
};
#define N_ATTACK (sizeof attack_map / sizeof attack_map[0])

/* Weapon classes: (prefix of our slug, GTD weaptype1_txt prefix, label),
 * (the order no longer matters: the first weapon of an incident is taken). */
static const char *const weapon_map[][3] = {
    {"explosive", "Explosives", "explosives"},
    {"firearm", "Firearms", "firearms"},
    {"incendiar", "Incendiary", "incendiary"},
    {"melee", "Melee", "melee"},
    {"chemical", "Chemical", "chemical"},
    {"biological", "Biological", "biological"},
    {"radiological", "Radiological", "radiological"},
    {"nuclear", "Nuclear", "nuclear"},
    {"vehicle", "Vehicle", "vehicle"},
    {"sabotage", "Sabotage", "sabotage"},
    {"fake", "Fake", "fake"},
    {"other", "Other", "other"},
    {"unknown", "Unknown", "unknown"},
};
#define N_WEAPON (sizeof weapon_map / sizeof weapon_map[0])

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static const char *predict_attack(const sitrep_incident *inc, tally *unmapped)
{
    size_t best = N_ATTACK;
    for (size_t i = 0; inc && i < inc->ntypes; i++) {
        const char *slug = inc->types[i].slug ? inc->types[i].slug : "";
        size_t k = 0;
        while (k < N_ATTACK && strcmp(attack_map[k][0], slug) != 0)
            k++;
        if (k < N_ATTACK) {
            if (k < best)
                best = k;
        } else {
            tally_add(unmapped, slug, "");
        }
    }
    return best < N_ATTACK ? attack_map[best][1] : "Unknown";
}

/* The incident's primary weapon is its first one: the library orders
 * weapons primary first (docs/output.md). */
static const char *predict_weapon(const sitrep_incident *inc, tally *unmapped)
{
    for (size_t i = 0; inc && i < inc->nweapons; i++) {
        const char *slug = inc->weapons[i].type ? inc->weapons[i].type : "";
        size_t k = 0;
        while (k < N_WEAPON && !starts_with(slug, weapon_map[k][0]))
            k++;
        if (k < N_WEAPON)
            return weapon_map[k][2];
        tally_add(unmapped, slug, "");
    }
    return "unknown";
}

static const char *gold_weapon(const char *txt)
{
    for (size_t k = 0; k < N_WEAPON; k++)
        if (starts_with(txt, weapon_map[k][1]))
            return weapon_map[k][2];
    return NULL;
}

/* The incident the article is about: the one marked main, else the first. */
static const sitrep_incident *main_incident(const sitrep_result *res)
{
    if (!res || res->nincidents == 0)
        return NULL;
    for (size_t i = 0; i < res->nincidents; i++)
        if (res->incidents[i].main)
            return &res->incidents[i];
    return &res->incidents[0];
}

/* Count metric with the perpetrator diagnostic. */
typedef struct count_metric {
    ratio nonzero, zero;
    long fix_add, fix_remove;  /* misses that +/- perpetrators would fix */
    ratio nonzero_by_src[2], zero_by_src[2]; /* [0] GTD, [1] ACLED */
    tally misses;              /* "gold -> ours" */
} count_metric;

static void count_add(count_metric *m, long gold, const sitrep_count *c, int acled)
{
    if (gold < 0)
        return;
    int64_t ours = (c && c->known) ? c->value : 0;
    int hit = ours == gold;
    ratio *r = gold > 0 ? &m->nonzero : &m->zero;
    ratio *rs = gold > 0 ? &m->nonzero_by_src[acled] : &m->zero_by_src[acled];
    r->total++;
    rs->total++;
    if (hit) {
        r->hit++;
        rs->hit++;
        return;
    }
    if (c && c->known && c->perpetrators > 0) {
        if (ours + c->perpetrators == gold)
            m->fix_add++;
        if (ours - c->perpetrators == gold)
            m->fix_remove++;
    }
    char a[32], b[32];
    snprintf(a, sizeof a, "%ld", gold);
    if (c && c->known)
        snprintf(b, sizeof b, "%lld", (long long)ours);
    else
        snprintf(b, sizeof b, "none");
    tally_add(&m->misses, a, b);
}

static void count_report(count_metric *m, const char *name, const char *t_nonzero,
                         const char *t_zero)
{
    char n1[64], n2[64];
    snprintf(n1, sizeof n1, "%s_nonzero", name);
    snprintf(n2, sizeof n2, "%s_zero", name);
    print_ratio(n1, m->nonzero, t_nonzero);
    print_ratio(n2, m->zero, t_zero);
    static const char *const src[2] = {"GTD", "ACLED"};
    for (int s = 0; s < 2; s++) {
        if (m->nonzero_by_src[s].total + m->zero_by_src[s].total == 0)
            continue;
        printf("  %-5s nonzero %ld/%ld, zero %ld/%ld\n", src[s], m->nonzero_by_src[s].hit,
               m->nonzero_by_src[s].total, m->zero_by_src[s].hit, m->zero_by_src[s].total);
    }
    printf("  misses fixed by adding perpetrators: %ld, by removing them: %ld\n", m->fix_add,
           m->fix_remove);
    tally_print(&m->misses, "gold -> ours", TOP_CONFUSIONS);
}

/* ------------------------------------------------------------------ main */

static void usage(void)
{
    fprintf(stderr, "usage: bench_gtd [--data DIR | --csv FILE] [--gazetteer FILE] "
                    "[--groups FILE] [--iso FILE] [DIR|FILE]\n");
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

int main(int argc, char **argv)
{
    const char *data = getenv("SITREP_DATA");
    const char *csv_path = NULL;
    const char *gaz = getenv("SITREP_GAZETTEER");
    const char *groups_path = getenv("SITREP_GROUPS");
    const char *iso_path = "/usr/share/iso-codes/json/iso_3166-1.json";
    if (!data || !*data)
        data = "../shared/data";
    if (!gaz || !*gaz)
        gaz = "build/gazetteer.bin";
    if (!groups_path || !*groups_path)
        groups_path = "lexicon/groups.txt";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--data") == 0 && v) {
            data = v;
            i++;
        } else if (strcmp(a, "--csv") == 0 && v) {
            csv_path = v;
            i++;
        } else if (strcmp(a, "--gazetteer") == 0 && v) {
            gaz = v;
            i++;
        } else if (strcmp(a, "--groups") == 0 && v) {
            groups_path = v;
            i++;
        } else if (strcmp(a, "--iso") == 0 && v) {
            iso_path = v;
            i++;
        } else if (a[0] != '-') {
            if (ends_with(a, ".csv"))
                csv_path = a;
            else
                data = a;
        } else {
            usage();
            return 2;
        }
    }
    char pathbuf[4096];
    if (!csv_path) {
        snprintf(pathbuf, sizeof pathbuf, "%s/%s", data, CSV_NAME);
        csv_path = pathbuf;
    }

    size_t len = 0;
    char *buf = read_file(csv_path, &len);
    if (!buf) {
        if (errno == ENOENT) {
            printf("gtd-drone: skipped: %s not found\n", csv_path);
            return 0;
        }
        fprintf(stderr, "bench_gtd: %s: %s\n", csv_path, strerror(errno));
        return 1;
    }

    /* Excel's "sep=;" first line names the separator. */
    char sep = ';';
    size_t off = 0;
    if (len >= 5 && memcmp(buf, "sep=", 4) == 0) {
        sep = buf[4];
        while (off < len && buf[off] != '\n')
            off++;
        if (off < len)
            off++;
    }
    csv table;
    char err[256];
    if (csv_parse(&table, buf + off, len - off, sep, off ? 2 : 1, err, sizeof err) != 0) {
        fprintf(stderr, "bench_gtd: %s: %s\n", csv_path, err);
        csv_free(&table);
        free(buf);
        return 1;
    }
    if (table.nrows < 2) {
        fprintf(stderr, "bench_gtd: %s: no data rows\n", csv_path);
        csv_free(&table);
        free(buf);
        return 1;
    }

    enum { C_ID, C_YEAR, C_MONTH, C_DAY, C_COUNTRY, C_PROV, C_CITY, C_SUMMARY, C_ATTACK,
           C_WEAPON, C_GNAME, C_CLAIMED, C_NKILL, C_NWOUND, C_SOURCE, C_DBSOURCE, C_N };
    static const char *const colnames[C_N] = {
        "eventid", "year", "month", "day", "country_txt", "provstate", "city", "summary",
        "attacktype1_txt", "weaptype1_txt", "gname", "claimed", "nkill", "nwound",
        "adatforras", "dbsource"};
    size_t col[C_N];
    size_t hdr_n = table.rows[1] - table.rows[0];
    for (int k = 0; k < C_N; k++) {
        col[k] = SIZE_MAX;
        for (size_t j = 0; j < hdr_n; j++)
            if (strcmp(table.fields[table.rows[0] + j], colnames[k]) == 0)
                col[k] = j;
        if (col[k] == SIZE_MAX) {
            fprintf(stderr, "bench_gtd: %s: no column \"%s\"\n", csv_path, colnames[k]);
            csv_free(&table);
            free(buf);
            return 1;
        }
    }

    sitrep_config cfg = {0};
    FILE *gf = fopen(gaz, "rb");
    if (gf) {
        fclose(gf);
        cfg.gazetteer_path = gaz;
    }
    sitrep *s = NULL;
    if (sitrep_create(&cfg, &s, err, sizeof err) != SITREP_OK) {
        fprintf(stderr, "bench_gtd: sitrep_create: %s\n", err);
        csv_free(&table);
        free(buf);
        return 1;
    }

    country_map cmap = {0};
    size_t niso = cmap_load_iso(&cmap, iso_path);
    for (size_t i = 0; i < sizeof gtd_country_names / sizeof gtd_country_names[0]; i++)
        cmap_add(&cmap, gtd_country_names[i][0], strlen(gtd_country_names[i][0]),
                 gtd_country_names[i][1]);

    group_map gmap = {0};
    long ngroups = groups_load(&gmap, groups_path);

    printf("gtd-drone: %s\n", csv_path);
    printf("gazetteer: %s\n", cfg.gazetteer_path && sitrep_has_gazetteer(s)
                                  ? cfg.gazetteer_path : "none (places stay unresolved)");
    printf("country names: %zu countries from %s\n", niso, niso ? iso_path : "(missing)");
    if (ngroups >= 0)
        printf("groups lexicon: %ld phrases from %s\n", ngroups, groups_path);
    else
        printf("groups lexicon: %s not found (group metric skipped)\n", groups_path);

    count_metric kill = {0}, wound = {0};
    class_metric attack = {.name = "attack_type"}, weapon = {.name = "weapon_type"};
    tally unmapped_types = {0}, unmapped_weapons = {0}, unmapped_countries = {0};
    tally country_miss = {0}, group_miss = {0};
    ratio country = {0}, city = {0}, group = {0}, date = {0};
    size_t city_cap = 0, ncity_miss = 0;
    char **city_misses = NULL;
    long nrows = 0, nbadcols = 0, nerrors = 0, nnoinc = 0, ngtd = 0, nacled = 0;
    double t_extract = 0;

    for (size_t r = 1; r < table.nrows; r++) {
        size_t nf = table.rows[r + 1] - table.rows[r];
        char **f = table.fields + table.rows[r];
        if (nf != hdr_n)
            nbadcols++;
        const char *v[C_N];
        for (int k = 0; k < C_N; k++)
            v[k] = col[k] < nf ? f[col[k]] : "";
        nrows++;
        int acled = strcmp(v[C_SOURCE], "ACLED") == 0;
        int gtd = strcmp(v[C_SOURCE], "GTD") == 0;
        ngtd += gtd;
        nacled += acled;

        sitrep_article art;
        memset(&art, 0, sizeof art);
        art.id.ptr = v[C_ID];
        art.id.len = strlen(v[C_ID]);
        art.text.ptr = v[C_SUMMARY];
        art.text.len = strlen(v[C_SUMMARY]);
        const sitrep_date no_date = {0, 0, 0};
        const sitrep_result *res = NULL;
        double t0 = now_seconds();
        sitrep_status st = sitrep_extract(s, &art, no_date, &res);
        t_extract += now_seconds() - t0;
        if (st != SITREP_OK) {
            nerrors++;
            res = NULL;
        }
        const sitrep_incident *inc = main_incident(res);
        if (!inc)
            nnoinc++;

        /* Killed / wounded. */
        count_add(&kill, gold_int(v[C_NKILL]), inc ? &inc->counts[SITREP_KILLED] : NULL, acled);
        if (gtd)
            count_add(&wound, gold_int(v[C_NWOUND]), inc ? &inc->counts[SITREP_INJURED] : NULL,
                      0);

        /* Attack and weapon type (GTD rows). */
        if (gtd && strcmp(v[C_ATTACK], "N/A") != 0 && v[C_ATTACK][0])
            cm_add(&attack, v[C_ATTACK], predict_attack(inc, &unmapped_types));
        if (gtd && strcmp(v[C_WEAPON], "N/A") != 0 && v[C_WEAPON][0]) {
            const char *gw = gold_weapon(v[C_WEAPON]);
            if (gw)
                cm_add(&weapon, gw, predict_weapon(inc, &unmapped_weapons));
        }

        /* Country. */
        if (gold_known(v[C_COUNTRY])) {
            const char *code = cmap_find(&cmap, v[C_COUNTRY]);
            if (!code) {
                tally_add(&unmapped_countries, v[C_COUNTRY], "");
            } else {
                const char *ours = inc ? inc->location.country : "";
                country.total++;
                if (strcmp(code, ours) == 0)
                    country.hit++;
                else
                    tally_add(&country_miss, code, ours[0] ? ours : "none");
            }
        }

        /* City. */
        if (gold_known(v[C_CITY])) {
            city.total++;
            const sitrep_location *loc = inc ? &inc->location : NULL;
            int hit = loc && loc->known &&
                      (fold_match(v[C_CITY], loc->name.ptr, loc->name.len, 1) ||
                       fold_match(v[C_CITY], loc->text.ptr, loc->text.len, 1));
            if (hit) {
                city.hit++;
            } else {
                char line[512];
                if (loc && loc->known)
                    snprintf(line, sizeof line, "%s (%s) | ours: %.*s / %.*s (%s)", v[C_CITY],
                             v[C_COUNTRY], (int)loc->text.len, loc->text.ptr ? loc->text.ptr : "",
                             (int)loc->name.len, loc->name.ptr ? loc->name.ptr : "",
                             loc->country);
                else
                    snprintf(line, sizeof line, "%s (%s) | ours: none", v[C_CITY], v[C_COUNTRY]);
                if (ncity_miss == city_cap) {
                    city_cap = city_cap ? city_cap * 2 : 64;
                    city_misses = xrealloc(city_misses, city_cap * sizeof *city_misses);
                }
                city_misses[ncity_miss++] = xstrdup(line);
            }
        }

        /* Group. */
        if (ngroups >= 0 && gold_known(v[C_GNAME]) && !starts_with(v[C_GNAME], "Unidentified")) {
            const char *canon = groups_map_gold(&gmap, v[C_GNAME]);
            const sitrep_perpetrator *p = NULL;
            for (size_t i = 0; inc && i < inc->nperpetrators; i++) {
                if (inc->perpetrators[i].kind && strcmp(inc->perpetrators[i].kind,
                                                        "organization") == 0) {
                    p = &inc->perpetrators[i];
                    break;
                }
            }
            group.total++;
            int hit = p && ((canon && str_fold_equal(canon, p->name.ptr, p->name.len)) ||
                            str_fold_equal(v[C_GNAME], p->name.ptr, p->name.len));
            if (hit) {
                group.hit++;
            } else {
                char g[256], o[256];
                if (canon)
                    snprintf(g, sizeof g, "%s", canon);
                else
                    snprintf(g, sizeof g, "(not in lexicon) %s", v[C_GNAME]);
                if (p)
                    snprintf(o, sizeof o, "%.*s", (int)p->name.len, p->name.ptr ? p->name.ptr : "");
                else
                    snprintf(o, sizeof o, "none");
                tally_add(&group_miss, g, o);
            }
        }

        /* Date (diagnostic): the known parts of the gold date. */
        long gy = gold_int(v[C_YEAR]), gm = gold_int(v[C_MONTH]), gd = gold_int(v[C_DAY]);
        if (gy > 0) {
            date.total++;
            if (inc && inc->date.year == gy && (gm <= 0 || inc->date.month == gm) &&
                (gd <= 0 || inc->date.day == gd))
                date.hit++;
        }
    }

    printf("rows: %ld (GTD %ld, ACLED %ld)", nrows, ngtd, nacled);
    if (nbadcols)
        printf(", %ld with a field count other than the header's", nbadcols);
    printf("; extraction errors: %ld; rows without any incident: %ld\n", nerrors, nnoinc);
    printf("time: extraction %.3f s (%.0f rows/s)\n", t_extract,
           t_extract > 0 ? (double)nrows / t_extract : 0.0);

    printf("\n== killed (nkill; GTD counts include perpetrators)\n");
    count_report(&kill, "nkill", ">= 85%", ">= 95%");
    printf("\n== wounded (nwound, GTD rows)\n");
    count_report(&wound, "nwound", ">= 85%", ">= 95%");

    printf("\n== attack type (GTD rows; GTD hierarchy over our type slugs)\n");
    double attack_macro = cm_report(&attack, ">= 80%");
    if (unmapped_types.n)
        tally_print(&unmapped_types, "our type slugs with no GTD attack type (not misses)",
                    TOP_CONFUSIONS);

    printf("\n== weapon type (GTD rows)\n");
    double weapon_macro = cm_report(&weapon, ">= 80%");
    if (unmapped_weapons.n)
        tally_print(&unmapped_weapons, "our weapon slugs with no GTD class (ignored)",
                    TOP_CONFUSIONS);

    printf("\n== country (ISO 3166-1 alpha-2)\n");
    print_ratio("country", country, ">= 95%");
    if (unmapped_countries.n)
        tally_print(&unmapped_countries, "gold countries with no ISO code (rows skipped)",
                    TOP_CONFUSIONS);
    tally_print(&country_miss, "confusion gold -> ours", TOP_CONFUSIONS);

    printf("\n== city (folded name or text, word-wise containment either way)\n");
    print_ratio("city", city, ">= 70%");
    size_t shown = ncity_miss < CITY_SAMPLE ? ncity_miss : CITY_SAMPLE;
    printf("  sample of misses (%zu of %zu, evenly spaced):\n", shown, ncity_miss);
    for (size_t i = 0; i < shown; i++)
        printf("    %s\n", city_misses[i * ncity_miss / shown]);

    double group_pct = -1;
    if (ngroups >= 0) {
        printf("\n== group (first organisation vs gname mapped through %s)\n", groups_path);
        print_ratio("group", group, ">= 70%");
        tally_print(&group_miss, "confusion gold -> ours", TOP_CONFUSIONS);
        group_pct = pct(group);
    } else {
        printf("\ngroup: skipped: %s not found\n", groups_path);
    }

    printf("\n== date (known parts of year/month/day; no publication date given)\n");
    print_ratio("date", date, "diagnostic");

    printf("\n");
    printf("metric nkill_nonzero %.1f\n", pct(kill.nonzero));
    printf("metric nkill_zero %.1f\n", pct(kill.zero));
    printf("metric nwound_nonzero %.1f\n", pct(wound.nonzero));
    printf("metric nwound_zero %.1f\n", pct(wound.zero));
    printf("metric attack_type_macro %.1f\n", attack_macro < 0 ? 0.0 : attack_macro);
    printf("metric weapon_type_macro %.1f\n", weapon_macro < 0 ? 0.0 : weapon_macro);
    printf("metric country %.1f\n", pct(country));
    printf("metric city %.1f\n", pct(city));
    if (group_pct >= 0)
        printf("metric group %.1f\n", group_pct);
    printf("metric date %.1f\n", pct(date));

    for (size_t i = 0; i < ncity_miss; i++)
        free(city_misses[i]);
    free(city_misses);
    tally_free(&unmapped_types);
    tally_free(&unmapped_weapons);
    tally_free(&unmapped_countries);
    tally_free(&country_miss);
    tally_free(&group_miss);
    tally_free(&kill.misses);
    tally_free(&wound.misses);
    cm_free(&attack);
    cm_free(&weapon);
    for (size_t i = 0; i < gmap.n; i++) {
        words_free(&gmap.e[i].phrase);
        free(gmap.e[i].canonical);
    }
    free(gmap.e);
    for (size_t i = 0; i < cmap.n; i++)
        free(cmap.e[i].key);
    free(cmap.e);
    sitrep_free(s);
    csv_free(&table);
    free(buf);
    return 0;
}
