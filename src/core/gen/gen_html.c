/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * An HTML page as the Markdown text the generator reads: headings as "#"
 * lines, paragraphs and blocks apart, list items as "- " lines, definition
 * lists as "term: definition", tables as "| a | b |" rows, line breaks kept;
 * scripts, styles, navigation and footnote marks ("[1]") left out. libxml2's
 * HTML parser reads the page (tag soup, entities, encodings) and says on
 * which line of the page each piece of text stands, so every line written
 * maps to the page line a citation names.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "dl.h"
#include "gen_internal.h"
#include "recite/buf.h"

/*
 * libxml2 (and the ICU and C++ runtime it needs) is opened with the first
 * HTML page, not linked: it cost every command a few milliseconds of symbol
 * binding at start. xmlFree is a macro over __xmlFree() where libxml2 keeps
 * its allocator per thread (Debian's does), else a variable.
 */
#ifdef LIBXML_THREAD_ALLOC_ENABLED
#define XML_FREE_SYMBOL(X) X(__xmlFree)
#else
#define XML_FREE_SYMBOL(X) X(xmlFree)
#endif
#define XML_FUNCTIONS(X)                                                                           \
    X(htmlCtxtReadMemory) X(htmlFreeParserCtxt) X(htmlNewParserCtxt) X(xmlFreeDoc)                \
    X(xmlNodeGetContent) X(xmlSetGenericErrorFunc) X(xmlSetStructuredErrorFunc)                   \
    XML_FREE_SYMBOL(X)
static struct {
    XML_FUNCTIONS(RECITE_DL_MEMBER)
} xmlfn;
#define XML_SLOT(name) RECITE_DL_SLOT(xmlfn, name)
static struct recite_dl xml_lib = RECITE_DL_INIT(RECITE_LIBXML2_SONAME, XML_FUNCTIONS, XML_SLOT);

#define htmlCtxtReadMemory (xmlfn.htmlCtxtReadMemory)
#define htmlFreeParserCtxt (xmlfn.htmlFreeParserCtxt)
#define htmlNewParserCtxt (xmlfn.htmlNewParserCtxt)
#define xmlFreeDoc (xmlfn.xmlFreeDoc)
#define xmlNodeGetContent (xmlfn.xmlNodeGetContent)
#define xmlSetGenericErrorFunc (xmlfn.xmlSetGenericErrorFunc)
#define xmlSetStructuredErrorFunc (xmlfn.xmlSetStructuredErrorFunc)
#ifdef LIBXML_THREAD_ALLOC_ENABLED
#define __xmlFree (xmlfn.__xmlFree)
#else
#undef xmlFree
#define xmlFree (*xmlfn.xmlFree)
#endif

struct html_out {
    struct recite_buf text;
    uint32_t *lines; /* page line of each line written */
    size_t line_count, line_cap;
    bool line_open;   /* text written on the current line */
    bool space;       /* a space is owed before the next word */
    unsigned breaks;  /* newlines owed: 1 ends the line, 2 leaves a blank line */
    unsigned depth;   /* elements entered, bounded against deep nesting */
    bool oom;
};

enum { HTML_DEPTH_MAX = 256 };

static bool named(const xmlNode *n, const char *name)
{
    return n->name && strcasecmp((const char *)n->name, name) == 0;
}

static bool named_any(const xmlNode *n, const char *const *names)
{
    for (; *names; names++)
        if (named(n, *names))
            return true;
    return false;
}

static void put(struct html_out *o, const char *s, size_t n)
{
    if (recite_buf_add(&o->text, s, n) < 0)
        o->oom = true;
}

/* Pays the newlines owed, then opens a line at page line `line` when none is open. */
static void open_line(struct html_out *o, uint32_t line)
{
    if (o->breaks && o->text.len) {
        put(o, "\n\n", o->breaks > 1 ? 2 : 1);
        if (recite_grow((void **)&o->lines, &o->line_cap, o->line_count + 2, sizeof(*o->lines)))
            o->oom = true;
        else
            for (unsigned i = 0; i < (o->breaks > 1 ? 1u : 0u); i++)
                o->lines[o->line_count++] = line; /* the blank line */
    }
    o->breaks = 0;
    if (!o->line_open) {
        if (recite_grow((void **)&o->lines, &o->line_cap, o->line_count + 1, sizeof(*o->lines)))
            o->oom = true;
        else
            o->lines[o->line_count++] = line;
        o->line_open = true;
        o->space = false;
    }
}

/* Ends the open line; blank leaves an empty line after it (a paragraph break). */
static void line_break(struct html_out *o, bool blank)
{
    if (o->line_open) {
        o->line_open = false;
        o->breaks = blank ? 2 : 1;
    } else if (blank && o->breaks == 1) {
        o->breaks = 2;
    }
}

/* Markup the block starts with ("## ", "- ", "| "): written at the start of a line. */
static void lead(struct html_out *o, const char *s, uint32_t line)
{
    open_line(o, line);
    put(o, s, strlen(s));
    o->space = false;
}

/* Text as HTML shows it: every run of white space one space, no-break spaces too. */
static void text(struct html_out *o, const char *content, uint32_t line)
{
    char *copy = recite_strdup(content);
    if (!copy) {
        o->oom = true;
        return;
    }
    /* no-break spaces (U+00A0, &nbsp;) are spaces; control characters (C0, DEL, C1) too */
    for (unsigned char *p = (unsigned char *)copy; *p; p++) {
        if (*p < 0x20 || *p == 0x7F)
            *p = ' ';
        else if (p[0] == 0xC2 && p[1] != 0 && (p[1] <= 0x9F || p[1] == 0xA0))
            p[0] = p[1] = ' ';
    }
    for (char *p = copy; (p = strstr(p, "\xE2\x80\xAF")) != NULL;) /* U+202F */
        memset(p, ' ', 3);
    const char *s = copy;
    for (const char *p = s; *p;) {
        size_t blank = strspn(p, " \t\r\n\f\v");
        if (blank) {
            o->space = o->line_open;
            p += blank;
            continue;
        }
        size_t n = strcspn(p, " \t\r\n\f\v");
        bool was_open = o->line_open;
        open_line(o, line);
        if (o->space && was_open)
            put(o, " ", 1);
        put(o, p, n);
        o->space = false;
        p += n;
    }
    free(copy);
}

static uint32_t line_of(const xmlNode *n)
{
    for (; n; n = n->parent)
        if (n->line > 0 && n->line < 65535)
            return n->line;
    return 1;
}

/* "[1]", "[citation needed]": a footnote mark, not text. */
static bool footnote_mark(xmlNode *n)
{
    xmlChar *content = xmlNodeGetContent(n);
    const char *s = (const char *)content;
    s += s ? strspn(s, " \t\r\n") : 0;
    bool mark = s && s[0] == '[';
    xmlFree(content);
    return mark;
}

static void walk(struct html_out *o, xmlNode *n);

static void children(struct html_out *o, xmlNode *n)
{
    for (xmlNode *c = n->children; c && !o->oom; c = c->next)
        walk(o, c);
}

static void table_row(struct html_out *o, xmlNode *tr, bool *header_done)
{
    size_t cells = 0;
    bool heads = false;
    lead(o, "|", line_of(tr));
    for (xmlNode *c = tr->children; c && !o->oom; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !(named(c, "td") || named(c, "th")))
            continue;
        heads |= named(c, "th");
        put(o, " ", 1);
        o->space = false;
        children(o, c);
        o->line_open = true; /* a cell's own block breaks stay inside its row */
        o->breaks = 0;
        put(o, " |", 2);
        cells++;
    }
    line_break(o, false);
    if (heads && !*header_done && cells) {
        lead(o, "|", line_of(tr));
        for (size_t i = 0; i < cells; i++)
            put(o, " --- |", 6);
        line_break(o, false);
    }
    *header_done = true;
}

static void table(struct html_out *o, xmlNode *n, bool *header_done)
{
    for (xmlNode *c = n->children; c && !o->oom; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (named(c, "tr"))
            table_row(o, c, header_done);
        else if (named(c, "thead") || named(c, "tbody") || named(c, "tfoot"))
            table(o, c, header_done);
        else if (named(c, "caption")) {
            line_break(o, true);
            children(o, c);
            line_break(o, true);
        }
    }
}

static void list(struct html_out *o, xmlNode *n, bool ordered)
{
    unsigned number = 0;
    line_break(o, true);
    for (xmlNode *c = n->children; c && !o->oom; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (!named(c, "li")) {
            walk(o, c);
            continue;
        }
        char mark[24];
        if (ordered)
            snprintf(mark, sizeof(mark), "%u. ", ++number);
        line_break(o, false);
        lead(o, ordered ? mark : "- ", line_of(c));
        children(o, c);
        line_break(o, false);
    }
    line_break(o, true);
}

static void element(struct html_out *o, xmlNode *n)
{
    static const char *const skipped[] = {
        "script", "style", "noscript", "template", "svg", "math", "head", "nav", "footer",
        "aside", "form", "button", "select", "textarea", "iframe", "object", "canvas", NULL,
    };
    static const char *const blocks[] = {
        "p", "div", "section", "article", "main", "header", "blockquote", "figure",
        "figcaption", "address", "center", "body", "html", "dl", "details", "summary", NULL,
    };
    if (named_any(n, skipped))
        return;
    if (named(n, "sup") && footnote_mark(n))
        return;
    if (n->name && (n->name[0] == 'h' || n->name[0] == 'H') && n->name[1] >= '1' &&
        n->name[1] <= '6' && !n->name[2]) {
        static const char hashes[] = "###### ";
        int level = n->name[1] - '0';
        line_break(o, true);
        lead(o, hashes + 6 - level, line_of(n));
        children(o, n);
        line_break(o, true);
        return;
    }
    if (named(n, "ul") || named(n, "ol") || named(n, "menu")) {
        list(o, n, named(n, "ol"));
        return;
    }
    if (named(n, "table")) {
        bool header_done = false;
        line_break(o, true);
        table(o, n, &header_done);
        line_break(o, true);
        return;
    }
    if (named(n, "br")) {
        line_break(o, false);
        return;
    }
    if (named(n, "hr")) {
        line_break(o, true);
        return;
    }
    if (named(n, "dt")) {
        line_break(o, false);
        children(o, n);
        return;
    }
    if (named(n, "dd")) {
        if (o->line_open) {
            put(o, ":", 1);
            o->space = true;
        }
        children(o, n);
        line_break(o, false);
        return;
    }
    if (named(n, "li")) { /* an item outside a list */
        line_break(o, false);
        lead(o, "- ", line_of(n));
        children(o, n);
        line_break(o, false);
        return;
    }
    bool block = named_any(n, blocks) || named(n, "pre");
    if (block)
        line_break(o, true);
    children(o, n);
    if (block)
        line_break(o, true);
}

static void walk(struct html_out *o, xmlNode *n)
{
    if (o->depth >= HTML_DEPTH_MAX)
        return;
    o->depth++;
    if (n->type == XML_ELEMENT_NODE)
        element(o, n);
    else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        text(o, (const char *)n->content, line_of(n));
    else if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE)
        children(o, n);
    o->depth--;
}

bool gen_looks_like_html(const char *name, const char *data, size_t len)
{
    const char *dot = name ? strrchr(name, '.') : NULL;
    if (dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0 ||
                strcasecmp(dot, ".xhtml") == 0))
        return true;
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    static const char *const starts[] = {"<!doctype html", "<html", NULL};
    for (const char *const *s = starts; *s; s++) {
        size_t n = strlen(*s);
        if (len - i >= n && strncasecmp(data + i, *s, n) == 0)
            return true;
    }
    return false;
}

/* Whether the n bytes at s (not NUL-terminated) start with word, whatever their case. */
static bool starts_nocase(const char *s, size_t n, const char *word)
{
    size_t k = strlen(word);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++)
        if (gen_lower(s[i]) != word[i])
            return false;
    return true;
}

static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void quiet_structured(void *ctx, xmlErrorPtr error)
{
    (void)ctx;
    (void)error;
}

int gen_html_text(const char *data, size_t len, char **out, size_t *out_len, uint32_t **lines,
                  size_t *line_count)
{
    if (!recite_dl_ready(&xml_lib))
        return RECITE_EINTERNAL;
    /* a page's faults are the page's: libxml2 is not to print them on the terminal */
    xmlSetGenericErrorFunc(NULL, quiet);
    xmlSetStructuredErrorFunc(NULL, quiet_structured);
    *out = NULL;
    *lines = NULL;
    *out_len = *line_count = 0;
    if (len > INT32_MAX)
        return RECITE_EDATA;
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt)
        return RECITE_ENOMEM;
    /* a page that names its charset is read in it; any other as UTF-8, like the text documents */
    size_t head = len < 2048 ? len : 2048;
    bool declared = false;
    for (size_t i = 0; i < head && !declared; i++)
        declared = starts_nocase(data + i, head - i, "charset=") ||
                   starts_nocase(data + i, head - i, "encoding=");
    xmlDocPtr doc = htmlCtxtReadMemory(ctxt, data, (int)len, NULL, declared ? NULL : "UTF-8",
                                       HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                           HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                           HTML_PARSE_NOIMPLIED);
    htmlFreeParserCtxt(ctxt);
    struct html_out o = {0};
    if (doc)
        walk(&o, (xmlNode *)doc);
    xmlFreeDoc(doc);
    if (o.line_open || o.breaks)
        put(&o, "\n", 1);
    if (o.oom || recite_buf_finish(&o.text, out, out_len, NULL) < 0) {
        recite_buf_free(&o.text);
        free(o.lines);
        return RECITE_ENOMEM;
    }
    *lines = o.lines;
    *line_count = o.line_count;
    return 0;
}
