/*
 * sr_html.c - the article in an HTML page: parse with gumbo (HTML5), find
 * the element that holds the story, copy its text without boilerplate and
 * keep a source map from the text back to the page's bytes; read the
 * title, publication time, canonical URL and outlet name from the page's
 * metadata.
 *
 * Steps (all iterative: a page of 10,000 nested elements needs no deep C
 * stack):
 *  1. gumbo parses the page; every allocation goes through the reader's
 *     allocator (pooled in chunks, see below), so the tree is released by
 *     freeing the chunks (gumbo's own destroy is recursive) and an
 *     allocation failure inside gumbo (which does not check for NULL) is
 *     turned into a longjmp back here, then SITREP_E_NOMEM with nothing
 *     leaked.
 *  2. One pre-order pass lists every node with the end of its subtree and
 *     reads the metadata (<title>, <meta>, <link rel=canonical>, JSON-LD,
 *     <time datetime>); a reverse pass sums each element's text and linked
 *     text (link density).
 *  3. The story root: the largest itemprop=articleBody, else the largest
 *     <article> (when it holds a fair share of the page's text), else
 *     <main> or role=main, else <body>.
 *  4. Text: a linear pass over the root's subtree.  Left out: scripts,
 *     styles, navigation, forms, frames, media, aside and footer (and header
 *     outside an <article>), elements hidden (hidden, aria-hidden,
 *     display:none), elements whose role, class or id names navigation or
 *     boilerplate (cookie, consent, banner, newsletter, share, related,
 *     comment, sidebar, breadcrumb, promo, advert, menu, ...), and blocks
 *     whose text is mostly link text (link lists); the last two only when
 *     the element holds less than half of the root's text, so a wrapper
 *     with an unlucky class name cannot empty the article.  Block elements
 *     become paragraph breaks ("\n\n"), line-level ones ("li", "br", "tr")
 *     line breaks, table cells spaces; white space collapses to one space.
 *
 * Source map: each byte copied from a text node is matched to the node's
 * original bytes (gumbo keeps them: original_text and start_pos.offset);
 * a run continues as long as text and source advance together.  A decoded
 * character reference maps to its '&', a collapsed white-space run to its
 * first byte.  Offsets count from `base` (the input offset of the page).
 *
 * Depth guard: gumbo's tree building is quadratic in the nesting depth of
 * unclosed elements; bytes from the point where a cheap tag count says the
 * nesting passes SR_HTML_MAX_DEPTH are not parsed (best effort).
 */
#include "readers/sr_rd.h"

#include <assert.h>
#include <gumbo.h>
#include <setjmp.h>
#include <string.h>

#define SR_HTML_MAX_DEPTH 20000
#define SR_HTML_MAX_PARSE ((size_t)UINT32_MAX - 1) /* gumbo offsets are 32-bit */

/* ------------------------------------------------- tracked allocation */

/* gumbo allocates and frees a great many small blocks (it grows a buffer
 * by allocating a larger one, copying and freeing the old).  Small blocks
 * (up to 4 KB) come from 64 KB chunks in nine power-of-two size classes,
 * with a free list per class, so a freed block is reused and memory stays
 * within about twice what is live; larger blocks are taken one by one
 * from the reader's allocator and linked in a list.  Either way the whole
 * tree is released by freeing the chunks and the list (gumbo's own destroy
 * is recursive), and a failed allocation longjmps back (gumbo does not
 * check for NULL).  The word just before every payload says which kind
 * of block it is. */
#define G_CLASSES 9
#define G_MIN 16             /* smallest class; class k holds G_MIN << k */
#define G_CHUNK 65536
#define G_BIG ((size_t)-1)

/* A large block; 32 bytes keeps the payload 16-aligned. */
typedef struct gblock {
    struct gblock *prev, *next;
    size_t size;
    size_t tag; /* G_BIG */
} gblock;

/* A small block's header. */
typedef struct gsmall {
    size_t pad;
    size_t tag; /* the size class */
} gsmall;

typedef struct gchunk {
    struct gchunk *next;
    size_t pad;
} gchunk;

typedef struct gtrack {
    const sr_alloc *alloc;
    gblock head;                  /* sentinel of the large blocks */
    gchunk *chunks;
    char *bump, *bump_end;        /* free space in the newest chunk */
    void *free_list[G_CLASSES];   /* freed small blocks, by class */
    jmp_buf jb;
} gtrack;

static void *g_big(gtrack *t, size_t n)
{
    gblock *b = n <= SIZE_MAX - sizeof *b ? sr_malloc(t->alloc, sizeof *b + n) : NULL;
    if (!b)
        longjmp(t->jb, 1);
    b->size = n;
    b->tag = G_BIG;
    b->next = t->head.next;
    b->prev = &t->head;
    t->head.next->prev = b;
    t->head.next = b;
    return b + 1;
}

static void *g_alloc(void *ud, size_t n)
{
    gtrack *t = ud;
    if (n > (size_t)G_MIN << (G_CLASSES - 1))
        return g_big(t, n);
    size_t k = 0;
    while (((size_t)G_MIN << k) < n)
        k++;
    void *p = t->free_list[k];
    if (p) {
        memcpy(&t->free_list[k], p, sizeof p);
        return p;
    }
    size_t need = sizeof(gsmall) + ((size_t)G_MIN << k);
    if ((size_t)(t->bump_end - t->bump) < need) {
        gchunk *c = sr_malloc(t->alloc, G_CHUNK);
        if (!c)
            longjmp(t->jb, 1);
        c->next = t->chunks;
        t->chunks = c;
        t->bump = (char *)(c + 1);
        t->bump_end = (char *)c + G_CHUNK;
    }
    gsmall *h = (gsmall *)(void *)t->bump;
    t->bump += need;
    h->tag = k;
    return h + 1;
}

static void g_free(void *ud, void *p)
{
    gtrack *t = ud;
    if (!p)
        return;
    size_t tag = ((const gsmall *)p - 1)->tag;
    if (tag != G_BIG) {
        assert(tag < G_CLASSES);
        memcpy(p, &t->free_list[tag], sizeof p);
        t->free_list[tag] = p;
        return;
    }
    gblock *b = (gblock *)p - 1;
    b->prev->next = b->next;
    b->next->prev = b->prev;
    sr_free(t->alloc, b, sizeof *b + b->size);
}

static void g_init(gtrack *t, const sr_alloc *a)
{
    t->alloc = a;
    t->head.next = t->head.prev = &t->head;
    t->chunks = NULL;
    t->bump = t->bump_end = NULL;
    for (int k = 0; k < G_CLASSES; k++)
        t->free_list[k] = NULL;
}

static void g_free_all(gtrack *t)
{
    gblock *b = t->head.next;
    while (b != &t->head) {
        gblock *nx = b->next;
        sr_free(t->alloc, b, sizeof *b + b->size);
        b = nx;
    }
    while (t->chunks) {
        gchunk *nx = t->chunks->next;
        sr_free(t->alloc, t->chunks, G_CHUNK);
        t->chunks = nx;
    }
    g_init(t, t->alloc);
}

/* ------------------------------------------------------------- output */

void sr_html_out_init(sr_html_out *o, const sr_alloc *a, size_t max)
{
    memset(o, 0, sizeof *o);
    sr_buf_init(&o->text, a, max);
    sr_buf_init(&o->meta, a, max < 65536 ? 65536 : max);
}

void sr_html_out_free(sr_html_out *o)
{
    const sr_alloc *a = o->text.alloc;
    sr_buf_free(&o->text);
    sr_buf_free(&o->meta);
    sr_free(a, o->spans, o->spans_cap * sizeof *o->spans);
    o->spans = NULL;
    o->nspans = o->spans_cap = 0;
}

/* ---------------------------------------------------------- the nodes */

typedef struct hnode {
    GumboNode *node;
    size_t parent;      /* index, SIZE_MAX for the first */
    size_t end;         /* index after the last node of the subtree */
    size_t text, links; /* non-space text bytes, of them inside <a> */
    unsigned char skip; /* left out whatever its size */
    unsigned char boiler; /* left out when small */
    unsigned char brk;  /* break level pending before this node */
    unsigned char root; /* ROOT_* when the element could be the story root */
} hnode;

enum { ROOT_PROP = 1 /* itemprop=articleBody */, ROOT_ROLE_MAIN = 2 /* role=main */ };

/* The state of one extraction. */
typedef struct hx {
    sr_html_out *o;
    const sr_alloc *alloc;
    const char *src;    /* the page */
    size_t src_n;
    uint64_t base;
    hnode *nodes;
    size_t n, cap;
    sitrep_status st;   /* first error */
    /* metadata candidates: offset/length in o->meta and priority (lower
     * wins; 0 = none yet) */
    size_t m_off[4], m_len[4];
    int m_pri[4];
    /* text emission */
    int pending;        /* break level before the next text */
    int64_t delta;      /* source - text of the current run */
    int have_run;
    uint64_t ws_src;    /* source of the white space that made a pending space */
    int ws_set;
} hx;

enum { M_TITLE, M_PUBLISHED, M_CANONICAL, M_SITE };

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive: does s (NUL-terminated) equal lit (lower case)? */
static int eq_ci(const char *s, const char *lit)
{
    for (; *s && *lit; s++, lit++)
        if (lower(*s) != *lit)
            return 0;
    return *s == '\0' && *lit == '\0';
}

/* Case-insensitive substring search of lit (lower case) in s. */
static int has_ci(const char *s, const char *lit)
{
    size_t k = strlen(lit);
    for (; *s; s++) {
        size_t i = 0;
        while (i < k && s[i] && lower(s[i]) == lit[i])
            i++;
        if (i == k)
            return 1;
    }
    return 0;
}

/* The attributes this file reads, gathered in one pass over an element's
 * list (a gumbo_get_attribute() call per name scanned the list some ten
 * times per element).  As there, names match whatever their case and the
 * first of a name wins. */
enum {
    A_HIDDEN, A_ARIA_HIDDEN, A_STYLE, A_CLASS, A_ID, A_ROLE, A_ITEMPROP, A_CONTENT,
    A_PROPERTY, A_NAME, A_REL, A_HREF, A_TYPE, A_DATETIME, A_COUNT
};

static void read_attrs(const GumboNode *n, const char *v[A_COUNT])
{
    static const char *const names[A_COUNT] = {
        "hidden", "aria-hidden", "style", "class", "id", "role", "itemprop", "content",
        "property", "name", "rel", "href", "type", "datetime"};
    for (int k = 0; k < A_COUNT; k++)
        v[k] = NULL;
    const GumboVector *at = &n->v.element.attributes;
    for (unsigned i = 0; i < at->length; i++) {
        const GumboAttribute *a = at->data[i];
        char c0 = lower(a->name[0]);
        for (int k = 0; k < A_COUNT; k++) {
            if (names[k][0] == c0 && !v[k] && eq_ci(a->name, names[k])) {
                v[k] = a->value;
                break;
            }
        }
    }
}

/* Store a metadata candidate (white space collapsed and trimmed). */
static void meta_put(hx *x, int field, int pri, const char *s, size_t n)
{
    if (x->st != SITREP_OK || !s)
        return;
    if (x->m_pri[field] && x->m_pri[field] <= pri)
        return;
    sr_buf *m = &x->o->meta;
    size_t start = m->len;
    int sp = 0;
    for (size_t i = 0; i < n && i < 4096; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_space(c)) {
            sp = 1;
            continue;
        }
        if (sp && m->len > start && sr_buf_addc(m, ' ') != SITREP_OK)
            goto fail;
        sp = 0;
        if (sr_buf_addc(m, (char)c) != SITREP_OK)
            goto fail;
    }
    if (m->len == start)
        return;
    x->m_off[field] = start;
    x->m_len[field] = m->len - start;
    x->m_pri[field] = pri;
    return;
fail:
    x->st = SITREP_E_NOMEM;
}

/* Text of the element's first text child (for <title>, JSON-LD). */
static const GumboText *first_text(const GumboNode *n)
{
    const GumboVector *ch = &n->v.element.children;
    for (unsigned i = 0; i < ch->length; i++) {
        const GumboNode *c = ch->data[i];
        if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE ||
            c->type == GUMBO_NODE_CDATA)
            return &c->v.text;
    }
    return NULL;
}

/* "datePublished": "VALUE" in a JSON-LD script (a search, not a parse). */
static void json_ld(hx *x, const char *s)
{
    const char *key = "\"datePublished\"";
    const char *p = strstr(s, key);
    if (!p)
        return;
    p += strlen(key);
    while (is_space((unsigned char)*p))
        p++;
    if (*p != ':')
        return;
    p++;
    while (is_space((unsigned char)*p))
        p++;
    if (*p != '"')
        return;
    p++;
    const char *q = p;
    while (*q && *q != '"' && q - p < 64)
        q++;
    if (*q == '"')
        meta_put(x, M_PUBLISHED, 2, p, (size_t)(q - p));
}

static void meta_tag(hx *x, const char *const av[A_COUNT])
{
    const char *key = av[A_PROPERTY];
    if (!key)
        key = av[A_NAME];
    if (!key)
        key = av[A_ITEMPROP];
    const char *v = av[A_CONTENT];
    if (!key || !v)
        return;
    size_t vn = strlen(v);
    if (eq_ci(key, "article:published_time") || eq_ci(key, "datepublished"))
        meta_put(x, M_PUBLISHED, 1, v, vn);
    else if (eq_ci(key, "og:published_time") || eq_ci(key, "date") || eq_ci(key, "pubdate") ||
             eq_ci(key, "publishdate") || eq_ci(key, "publish-date") ||
             eq_ci(key, "dc.date") || eq_ci(key, "dc.date.issued") ||
             eq_ci(key, "dcterms.date") || eq_ci(key, "dcterms.created") ||
             eq_ci(key, "sailthru.date") || eq_ci(key, "parsely-pub-date"))
        meta_put(x, M_PUBLISHED, 3, v, vn);
    else if (eq_ci(key, "og:title"))
        meta_put(x, M_TITLE, 1, v, vn);
    else if (eq_ci(key, "twitter:title"))
        meta_put(x, M_TITLE, 2, v, vn);
    else if (eq_ci(key, "og:url"))
        meta_put(x, M_CANONICAL, 2, v, vn);
    else if (eq_ci(key, "og:site_name"))
        meta_put(x, M_SITE, 1, v, vn);
    else if (eq_ci(key, "application-name"))
        meta_put(x, M_SITE, 2, v, vn);
}

/* Role, class and id words that mark boilerplate. */
static int boiler_attr(const char *const av[A_COUNT])
{
    static const char *const words[] = {
        "cookie", "consent", "gdpr", "banner", "newsletter", "subscribe", "share",
        "social", "related", "recommend", "comment", "sidebar", "breadcrumb", "promo",
        "advert", "sponsor", "popup", "modal", "paywall", "nav", "menu", "footer",
        "masthead", "skip-link", "sr-only", "visually-hidden", "byline-share", "tags"};
    static const int names[] = {A_CLASS, A_ID};
    for (size_t k = 0; k < 2; k++) {
        const char *v = av[names[k]];
        if (!v)
            continue;
        for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
            if (has_ci(v, words[w]))
                return 1;
    }
    const char *role = av[A_ROLE];
    if (role && (eq_ci(role, "navigation") || eq_ci(role, "banner") ||
                 eq_ci(role, "contentinfo") || eq_ci(role, "complementary") ||
                 eq_ci(role, "search") || eq_ci(role, "dialog") || eq_ci(role, "alertdialog") ||
                 eq_ci(role, "menu")))
        return 1;
    return 0;
}

static int skip_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO: case GUMBO_TAG_MENU: case GUMBO_TAG_INPUT: case GUMBO_TAG_LABEL:
        return 1;
    default:
        return 0;
    }
}

/* Break level of a block element: 3 paragraph, 2 line, 1 space, 0 inline. */
static int brk_of(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_HEADER: case GUMBO_TAG_MAIN: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_TABLE: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_DL: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_HR: case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_CAPTION: case GUMBO_TAG_BODY:
        return 3;
    case GUMBO_TAG_LI: case GUMBO_TAG_TR: case GUMBO_TAG_BR: case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
        return 2;
    case GUMBO_TAG_TD: case GUMBO_TAG_TH:
        return 1;
    default:
        return 0;
    }
}

static int is_text_node(const GumboNode *n)
{
    return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
           n->type == GUMBO_NODE_WHITESPACE;
}

static int is_elem(const GumboNode *n)
{
    return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
}

/* Non-space bytes of a NUL-terminated string.  Every text node of the
 * page goes through here: strlen, then a counting loop without branches,
 * which the compiler turns into vector code. */
static size_t solid_len(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), sp = 0;
    for (size_t i = 0; i < n; i++)
        sp += (p[i] == ' ') | (p[i] == '\t') | (p[i] == '\n') | (p[i] == '\r') | (p[i] == '\f');
    return n - sp;
}

static int push_node(hx *x, GumboNode *nd, size_t parent)
{
    if (x->n == x->cap) {
        size_t ncap = x->cap ? x->cap * 2 : 256;
        hnode *nn = sr_realloc(x->alloc, x->nodes, x->cap * sizeof *nn, ncap * sizeof *nn);
        if (!nn) {
            x->st = SITREP_E_NOMEM;
            return 0;
        }
        x->nodes = nn;
        x->cap = ncap;
    }
    hnode *h = &x->nodes[x->n++];
    memset(h, 0, sizeof *h);
    h->node = nd;
    h->parent = parent;
    return 1;
}

/* Pass 1: list the nodes in pre-order with their subtree ends, read the
 * metadata, mark what is left out.  The explicit stack holds node indices
 * whose children are being listed. */
static void list_nodes(hx *x, GumboNode *root)
{
    /* open elements: node index and next child to visit */
    typedef struct open_el {
        size_t at, kid;
    } open_el;
    open_el *stack = NULL;
    size_t sp = 0, scap = 0;
    if (!push_node(x, root, SIZE_MAX))
        return;
    for (size_t at = 0;;) {
        /* at: the node just listed; descend into it when it is an element. */
        hnode *h = &x->nodes[at];
        GumboNode *nd = h->node;
        int descend = 0;
        if (is_elem(nd)) {
            GumboTag t = nd->v.element.tag;
            const char *av[A_COUNT];
            read_attrs(nd, av);
            if (skip_tag(t) || av[A_HIDDEN] ||
                ((t != GUMBO_TAG_BODY && t != GUMBO_TAG_HTML) &&
                 ((av[A_ARIA_HIDDEN] && eq_ci(av[A_ARIA_HIDDEN], "true")) ||
                  (av[A_STYLE] && has_ci(av[A_STYLE], "display:none")))))
                h->skip = 1;
            if (t == GUMBO_TAG_HEADER)
                h->boiler = 2; /* decided against the root */
            else if (t != GUMBO_TAG_BODY && t != GUMBO_TAG_HTML && boiler_attr(av))
                h->boiler = 1;
            if (av[A_ITEMPROP] && eq_ci(av[A_ITEMPROP], "articlebody"))
                h->root |= ROOT_PROP;
            if (av[A_ROLE] && eq_ci(av[A_ROLE], "main"))
                h->root |= ROOT_ROLE_MAIN;
            if (t == GUMBO_TAG_TITLE) {
                const GumboText *tx = first_text(nd);
                if (tx)
                    meta_put(x, M_TITLE, 3, tx->text, strlen(tx->text));
            } else if (t == GUMBO_TAG_META) {
                meta_tag(x, av);
            } else if (t == GUMBO_TAG_LINK) {
                const char *rel = av[A_REL], *href = av[A_HREF];
                if (rel && href && eq_ci(rel, "canonical"))
                    meta_put(x, M_CANONICAL, 1, href, strlen(href));
            } else if (t == GUMBO_TAG_SCRIPT) {
                const char *ty = av[A_TYPE];
                const GumboText *tx = first_text(nd);
                if (ty && tx && eq_ci(ty, "application/ld+json"))
                    json_ld(x, tx->text);
            } else if (t == GUMBO_TAG_TIME) {
                const char *dt = av[A_DATETIME];
                const char *ip = av[A_ITEMPROP];
                if (dt)
                    meta_put(x, M_PUBLISHED, ip && eq_ci(ip, "datepublished") ? 1 : 5, dt,
                             strlen(dt));
            } else if (t == GUMBO_TAG_H1) {
                /* the page's first heading: a title of last resort */
                const GumboText *tx = first_text(nd);
                if (tx)
                    meta_put(x, M_TITLE, 4, tx->text, strlen(tx->text));
            }
            {
                const char *ip = av[A_ITEMPROP];
                const char *c = av[A_CONTENT];
                if (ip && c && t != GUMBO_TAG_META && eq_ci(ip, "datepublished"))
                    meta_put(x, M_PUBLISHED, 1, c, strlen(c));
            }
            descend = nd->v.element.children.length > 0;
        } else if (nd->type == GUMBO_NODE_DOCUMENT) {
            descend = nd->v.document.children.length > 0;
        }
        if (descend) {
            if (sp == scap) {
                size_t ncap = scap ? scap * 2 : 64;
                open_el *ns = sr_realloc(x->alloc, stack, scap * sizeof *ns, ncap * sizeof *ns);
                if (!ns) {
                    x->st = SITREP_E_NOMEM;
                    break;
                }
                stack = ns;
                scap = ncap;
            }
            stack[sp].at = at;
            stack[sp].kid = 0;
            sp++;
        } else {
            h->end = at + 1;
        }
        /* next: the next unvisited child of the innermost open element */
        int found = 0;
        while (sp > 0) {
            GumboNode *pn = x->nodes[stack[sp - 1].at].node;
            const GumboVector *ch = pn->type == GUMBO_NODE_DOCUMENT ? &pn->v.document.children
                                                                    : &pn->v.element.children;
            if (stack[sp - 1].kid < ch->length) {
                GumboNode *c = ch->data[stack[sp - 1].kid++];
                if (!push_node(x, c, stack[sp - 1].at))
                    break;
                at = x->n - 1;
                found = 1;
                break;
            }
            x->nodes[stack[sp - 1].at].end = x->n;
            sp--;
        }
        if (!found || x->st != SITREP_OK)
            break;
    }
    sr_free(x->alloc, stack, scap * sizeof *stack);
}

/* Pass 2: text and link text per element, children before parents. */
static void sum_text(hx *x)
{
    for (size_t i = x->n; i-- > 0;) {
        hnode *h = &x->nodes[i];
        GumboNode *nd = h->node;
        if (is_text_node(nd))
            h->text = solid_len(nd->v.text.text);
        else if (is_elem(nd) && nd->v.element.tag == GUMBO_TAG_A)
            h->links = h->text;
        if (h->parent != SIZE_MAX && !h->skip) {
            x->nodes[h->parent].text += h->text;
            x->nodes[h->parent].links += h->links;
        }
    }
}

/* Pass 3: the story root (an index). */
static size_t pick_root(hx *x, int whole)
{
    size_t body = 0, best_art = SIZE_MAX, best_main = SIZE_MAX, best_prop = SIZE_MAX;
    for (size_t i = 0; i < x->n; i++) {
        GumboNode *nd = x->nodes[i].node;
        if (!is_elem(nd) || x->nodes[i].skip)
            continue;
        GumboTag t = nd->v.element.tag;
        size_t tl = x->nodes[i].text;
        if (t == GUMBO_TAG_BODY && !body)
            body = i;
        if (whole)
            continue;
        unsigned char cand = x->nodes[i].root;
        if ((cand & ROOT_PROP) && (best_prop == SIZE_MAX || tl > x->nodes[best_prop].text))
            best_prop = i;
        if (t == GUMBO_TAG_ARTICLE && (best_art == SIZE_MAX || tl > x->nodes[best_art].text))
            best_art = i;
        if ((t == GUMBO_TAG_MAIN || (cand & ROOT_ROLE_MAIN)) &&
            (best_main == SIZE_MAX || tl > x->nodes[best_main].text))
            best_main = i;
    }
    size_t all = x->nodes[body].text;
    if (best_prop != SIZE_MAX && x->nodes[best_prop].text > 0)
        return best_prop;
    if (best_art != SIZE_MAX && x->nodes[best_art].text > 0 &&
        (x->nodes[best_art].text * 10 >= all * 3 || x->nodes[best_art].text >= 500))
        return best_art;
    if (best_main != SIZE_MAX && x->nodes[best_main].text > 0)
        return best_main;
    return body;
}

/* ----------------------------------------------------------- emission */

/* Append one byte of text that comes from source offset src. */
static int put(hx *x, char c, uint64_t src)
{
    sr_html_out *o = x->o;
    int64_t d = (int64_t)src - (int64_t)o->text.len;
    if (!x->have_run || d != x->delta) {
        if (o->nspans == o->spans_cap) {
            size_t ncap = o->spans_cap ? o->spans_cap * 2 : 64;
            sitrep_source_span *ns = sr_realloc(o->text.alloc, o->spans,
                                                o->spans_cap * sizeof *ns, ncap * sizeof *ns);
            if (!ns) {
                x->st = SITREP_E_NOMEM;
                return 0;
            }
            o->spans = ns;
            o->spans_cap = ncap;
        }
        o->spans[o->nspans].text_offset = o->text.len;
        o->spans[o->nspans].source_offset = src;
        o->nspans++;
        x->delta = d;
        x->have_run = 1;
    }
    sr_buf *t = &o->text;
    if (t->len + 1 < t->cap && t->len < t->max) {
        /* fast path: room for the byte and the NUL */
        t->data[t->len++] = c;
        t->data[t->len] = '\0';
        return 1;
    }
    sitrep_status st = sr_buf_addc(t, c);
    if (st != SITREP_OK) {
        x->st = st;
        return 0;
    }
    return 1;
}

/* Append n bytes that continue the current run (no new span). */
static int add_text(hx *x, const unsigned char *p, size_t n)
{
    sr_buf *t = &x->o->text;
    if (n < t->cap - t->len && n <= t->max - t->len) {
        /* fast path: room for the bytes and the NUL */
        memcpy(t->data + t->len, p, n);
        t->len += n;
        t->data[t->len] = '\0';
        return 1;
    }
    sitrep_status st = sr_buf_add(t, p, n);
    if (st != SITREP_OK) {
        x->st = st;
        return 0;
    }
    return 1;
}

/* Bytes that end a run copied in one go: '&' (a character reference may
 * start there) and white space (collapsed). */
static const unsigned char run_stop[256] = {
    ['&'] = 1, [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\f'] = 1};

/* 0x80 in each byte of v that is zero, nothing elsewhere (no carry
 * crosses a byte). */
static uint64_t zero_bytes(uint64_t v)
{
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
    return ~(((v & low7) + low7) | v | low7);
}

/* Would the byte-by-byte run copy of emit_text() take all 8 bytes at d
 * (decoded) and o (original), given that the byte before them was taken
 * and is not a space?  That is: the same bytes, none of them '&' or a
 * control character (white space other than ' ' is one), no two spaces
 * side by side and no space last.  Most of a paragraph goes 8 bytes at a
 * time; anything else is left to the byte loop, which decides exactly. */
static int run_block(const unsigned char *d, const unsigned char *o)
{
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    uint64_t a, b;
    memcpy(&a, d, 8);
    memcpy(&b, o, 8);
    if (a != b || d[7] == ' ')
        return 0;
    uint64_t amp = zero_bytes(a ^ ('&' * ones));
    uint64_t ctl = ~(((a & ~high) + 0x60 * ones) | a) & high; /* bytes below 0x20 */
    uint64_t sp = zero_bytes(a ^ (' ' * ones));
    /* sp & (sp >> 8): two neighbouring bytes are spaces, in either byte order */
    return !(amp | ctl) && !(sp & (sp >> 8));
}

/* The pending break before text that starts at source offset src. */
static int flush_break(hx *x, uint64_t src)
{
    if (x->o->text.len == 0 || x->pending == 0) {
        x->pending = 0;
        return 1;
    }
    int lv = x->pending;
    x->pending = 0;
    if (lv == 1)
        return put(x, ' ', x->ws_set ? x->ws_src : src);
    if (!put(x, '\n', src))
        return 0;
    return lv == 2 || put(x, '\n', src);
}

/* UTF-8 sequence length from the lead byte (1 for invalid leads). */
static size_t u8len(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Copy a text node, collapsing white space and matching each byte to the
 * original bytes of the node. */
static void emit_text(hx *x, const GumboText *t)
{
    const unsigned char *d = (const unsigned char *)t->text;
    size_t dn = strlen(t->text);
    const char *o = t->original_text.data;
    size_t on = o && o >= x->src && o <= x->src + x->src_n ? t->original_text.length : 0;
    size_t obase = on ? (size_t)(o - x->src) : t->start_pos.offset;
    if (on > x->src_n - obase)
        on = x->src_n - obase;
    size_t i = 0, j = 0; /* i: original, j: decoded */
    while (j < dn && x->st == SITREP_OK) {
        uint64_t src = x->base + obase + (i < on ? i : on);
        if (is_space(d[j])) {
            while (j < dn && is_space(d[j]))
                j++;
            if (i < on && is_space((unsigned char)o[i])) {
                x->ws_src = src;
                x->ws_set = 1;
            }
            while (i < on && is_space((unsigned char)o[i]))
                i++;
            if (x->pending < 1)
                x->pending = 1;
            continue;
        }
        if (!flush_break(x, src))
            return;
        x->ws_set = 0;
        int ref = i + 1 < on && o[i] == '&' &&
                  (o[i + 1] == '#' || (o[i + 1] >= 'a' && o[i + 1] <= 'z') ||
                   (o[i + 1] >= 'A' && o[i + 1] <= 'Z'));
        if (i < on && (unsigned char)o[i] == d[j] && !ref) {
            if (!put(x, (char)d[j], src))
                return;
            i++;
            j++;
            /* The bytes that follow in step continue the same run: copy
             * them at once.  They are plain text (no '&', no white space)
             * and single spaces between such bytes: a one-space gap
             * collapses to itself and maps to itself, so the step-by-step
             * path (pending space, then put()) would add the same byte
             * without starting a run, and leave pending and ws_set as it
             * found them (0). */
            const unsigned char *od = (const unsigned char *)o + i, *dd = d + j;
            size_t lim = dn - j < on - i ? dn - j : on - i, r = 0;
            for (;;) {
                while (r + 8 <= lim && run_block(dd + r, od + r))
                    r += 8;
                while (r < lim && dd[r] == od[r] && !run_stop[dd[r]])
                    r++;
                if (r + 1 < lim && dd[r] == ' ' && od[r] == ' ' && dd[r + 1] == od[r + 1] &&
                    !run_stop[dd[r + 1]]) {
                    r += 2;
                    continue;
                }
                break;
            }
            if (r > 0 && !add_text(x, dd, r))
                return;
            i += r;
            j += r;
            continue;
        }
        /* A character reference or a replaced byte: one decoded character
         * for the reference (or byte) at i. */
        size_t k = u8len(d[j]);
        if (k > dn - j)
            k = dn - j;
        for (size_t q = 0; q < k; q++)
            if (!put(x, (char)d[j + q], src))
                return;
        j += k;
        if (i < on && o[i] == '&') {
            size_t e = i + 1;
            while (e < on && e - i < 40 && o[e] != ';' && o[e] != '&' && o[e] != '<' &&
                   !is_space((unsigned char)o[e]))
                e++;
            i = e < on && o[e] == ';' ? e + 1 : e;
        } else if (i < on) {
            i++;
        }
    }
}

static void emit(hx *x, size_t root)
{
    size_t end = x->nodes[root].end;
    size_t root_text = x->nodes[root].text;
    GumboNode *rn = x->nodes[root].node;
    int in_article_root = is_elem(rn) && rn->v.element.tag == GUMBO_TAG_ARTICLE;
    for (size_t i = root; i < end && x->st == SITREP_OK;) {
        hnode *h = &x->nodes[i];
        if (h->brk > x->pending)
            x->pending = h->brk;
        GumboNode *nd = h->node;
        if (is_text_node(nd)) {
            emit_text(x, &nd->v.text);
            i++;
            continue;
        }
        if (!is_elem(nd)) {
            i++;
            continue;
        }
        GumboTag t = nd->v.element.tag;
        int small = h->text * 2 < root_text;
        int out = h->skip;
        if (i != root && !out && small) {
            if (h->boiler == 1 || (h->boiler == 2 && !in_article_root))
                out = 1;
            /* a link list: mostly link text */
            else if (h->text > 0 && h->links * 2 > h->text &&
                     (t == GUMBO_TAG_UL || t == GUMBO_TAG_OL || t == GUMBO_TAG_DIV ||
                      t == GUMBO_TAG_SECTION || t == GUMBO_TAG_TABLE || t == GUMBO_TAG_P ||
                      t == GUMBO_TAG_HEADER || t == GUMBO_TAG_DL || t == GUMBO_TAG_LI))
                out = 1;
        }
        if (i != root && h->boiler == 2 && !in_article_root)
            out = 1; /* a page header, whatever its size */
        int b = brk_of(t);
        if (b > x->pending)
            x->pending = b;
        if (b && h->end < x->n && x->nodes[h->end].brk < b)
            x->nodes[h->end].brk = (unsigned char)b;
        i = out ? h->end : i + 1;
    }
}

/* Cut at the point where nesting looks deeper than SR_HTML_MAX_DEPTH. */
static size_t depth_cut(const char *p, size_t n)
{
    size_t depth = 0;
    const char *q = p, *e = p + n;
    while ((q = memchr(q, '<', (size_t)(e - q))) != NULL) {
        const char *tag = q;
        q++;
        if (q < e && *q == '/') {
            if (depth)
                depth--;
            continue;
        }
        if (q >= e || !((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')))
            continue;
        /* void elements do not nest; the names are kept with their
         * lengths, as this runs for every tag of every page */
        static const struct {
            const char *name;
            size_t len;
        } voids[] = {{"br", 2}, {"img", 3}, {"meta", 4}, {"link", 4}, {"input", 5}, {"hr", 2},
                     {"area", 4}, {"base", 4}, {"col", 3}, {"embed", 5}, {"param", 5},
                     {"source", 6}, {"track", 5}, {"wbr", 3}};
        size_t k = 0;
        while (q + k < e && k < 8 && ((q[k] >= 'a' && q[k] <= 'z') || (q[k] >= 'A' && q[k] <= 'Z')))
            k++;
        int is_void = 0;
        for (size_t v = 0; v < sizeof voids / sizeof voids[0] && !is_void; v++) {
            if (voids[v].len != k)
                continue;
            size_t m = 0;
            while (m < k && lower(q[m]) == voids[v].name[m])
                m++;
            is_void = m == k;
        }
        if (!is_void && ++depth > SR_HTML_MAX_DEPTH)
            return (size_t)(tag - p);
    }
    return n;
}

/* Parse under setjmp: 1 when parsed, 0 when an allocation failed. */
static int parse(gtrack *t, const GumboOptions *opt, const char *p, size_t n, GumboOutput **out)
{
    if (setjmp(t->jb) != 0)
        return 0;
    *out = gumbo_parse_with_options(opt, p, n);
    return 1;
}

sitrep_status sr_html_extract(sr_html_out *o, const sr_alloc *a, const char *html, size_t n,
                              uint64_t base, int whole)
{
    sr_buf_reset(&o->text);
    sr_buf_reset(&o->meta);
    o->nspans = 0;
    o->title.ptr = o->published.ptr = o->canonical.ptr = o->site.ptr = "";
    o->title.len = o->published.len = o->canonical.len = o->site.len = 0;
    o->map.nspans = 0;
    o->map.spans = NULL;
    if (n > SR_HTML_MAX_PARSE)
        n = SR_HTML_MAX_PARSE;
    n = depth_cut(html, n);

    gtrack t;
    g_init(&t, a);
    GumboOptions opt = kGumboDefaultOptions;
    opt.allocator = g_alloc;
    opt.deallocator = g_free;
    opt.userdata = &t;
    opt.max_errors = 0;
    GumboOutput *go = NULL;
    if (!parse(&t, &opt, html, n, &go)) {
        g_free_all(&t);
        return SITREP_E_NOMEM;
    }

    hx x;
    memset(&x, 0, sizeof x);
    x.o = o;
    x.alloc = a;
    x.src = html;
    x.src_n = n;
    x.base = base;
    list_nodes(&x, go->document);
    if (x.st == SITREP_OK) {
        sum_text(&x);
        emit(&x, pick_root(&x, whole));
    }
    sr_free(a, x.nodes, x.cap * sizeof *x.nodes);
    g_free_all(&t);
    if (x.st != SITREP_OK)
        return x.st;
    /* trailing break characters never end the text */
    while (o->text.len > 0 && o->text.data[o->text.len - 1] == '\n')
        o->text.data[--o->text.len] = '\0';
    while (o->nspans > 0 && o->spans[o->nspans - 1].text_offset >= o->text.len && o->text.len > 0)
        o->nspans--;
    if (o->text.len == 0)
        o->nspans = 0;
    o->map.nspans = o->nspans;
    o->map.spans = o->spans;
    sitrep_str *f[4] = {&o->title, &o->published, &o->canonical, &o->site};
    for (int k = 0; k < 4; k++) {
        if (x.m_pri[k]) {
            f[k]->ptr = o->meta.data + x.m_off[k];
            f[k]->len = x.m_len[k];
        }
    }
    return SITREP_OK;
}
