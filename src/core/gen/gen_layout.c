/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reading a document's layout (spec §0.2): whether its prose is hard-wrapped
 * and at what width, and what each line is (text, heading, list item, table
 * row, glossary entry, page furniture, markup to drop). Works on one line at
 * a time with a little state; never changes offsets, only says which bytes
 * of a line are prose.
 */
#include <string.h>

#include "gen_internal.h"

#define SNIFF_MAX_LINES 4096

/* Whether s[0, n) holds a run of at least width spaces (s need not end in NUL). */
static bool has_gap(const char *s, size_t n, size_t width)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        run = s[i] == ' ' ? run + 1 : 0;
        if (run >= width)
            return true;
    }
    return false;
}

/* "```" or "```c"; "~~~" only when not a reST underline of tildes ("~~~~~~~~~~") */
static bool fence(const char *s, size_t n)
{
    if (n >= 3 && memcmp(s, "```", 3) == 0)
        return true;
    return n >= 3 && memcmp(s, "~~~", 3) == 0 && (n == 3 || gen_is_alpha(s[3]));
}

static size_t chars_of(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static size_t indent_of(const char *s, size_t n)
{
    size_t col = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ')
            col++;
        else if (s[i] == '\t')
            col = (col / 8 + 1) * 8;
        else if (s[i] != '\f' && s[i] != '\r')
            break;
    }
    return col;
}

static size_t skip_blank(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f' || s[i] == '\r'))
        i++;
    return i;
}

static bool starts_with(const char *s, size_t n, const char *prefix)
{
    size_t m = strlen(prefix);
    return n >= m && memcmp(s, prefix, m) == 0;
}

/* A line of one repeated punctuation character: a reST/setext underline or a rule. */
static bool underline(const char *s, size_t n)
{
    if (n < 3 || !strchr("=-~^\"'`#*+_.:", s[0]))
        return false;
    for (size_t i = 1; i < n; i++)
        if (s[i] != s[0] && !(s[0] != '=' && s[i] == ' '))
            return false;
    return true;
}

/* "+----+----+" or "|---|:--:|": the borders of a table, never prose. */
static bool table_border(const char *s, size_t n)
{
    if (n < 3 || (s[0] != '+' && s[0] != '|'))
        return false;
    bool dash = false;
    for (size_t i = 0; i < n; i++) {
        if (!strchr("+|-=: ", s[i]))
            return false;
        dash |= s[i] == '-' || s[i] == '=';
    }
    return dash;
}

static bool table_row(const char *s, size_t n)
{
    if (n < 3 || s[0] != '|' || s[n - 1] != '|')
        return false;
    return memchr(s + 1, '|', n - 2) != NULL || n > 2;
}

/* "Mockapetris   [Page 3]", "RFC 1034   Domain Concepts   November 1987", "- 3 -". */
static bool page_furniture(const char *s, size_t n)
{
    if (n >= 8 && s[n - 1] == ']') {
        size_t i = n - 1;
        while (i > 0 && gen_is_digit(s[i - 1]))
            i--;
        if (i < n - 1 && i >= 6 && memcmp(s + i - 6, "[Page ", 6) == 0)
            return true;
    }
    if (starts_with(s, n, "RFC ") && n > 40 && has_gap(s, n, 3) && gen_is_digit(s[n - 1]))
        return true;
    return false;
}

/* "- ", "* ", "+ ", "• ", "o " (RFCs), "1. ", "12) ", "a) ": the marker's length, else 0. */
static size_t item_marker(const char *s, size_t n, int *number)
{
    *number = 0;
    size_t m = 0;
    if (n >= 2 && strchr("-*+o", s[0]) && (s[1] == ' ' || s[1] == '\t'))
        m = 1;
    else if (n >= 4 && memcmp(s, "\xE2\x80\xA2", 3) == 0 && s[3] == ' ')
        m = 3;
    else {
        size_t d = 0;
        while (d < n && d < 3 && gen_is_digit(s[d]))
            d++;
        if (d > 0 && d < n && (s[d] == '.' || s[d] == ')') && d + 1 < n && s[d + 1] == ' ') {
            for (size_t i = 0; i < d; i++)
                *number = *number * 10 + (s[i] - '0');
            m = d + 1;
        } else if (n >= 3 && gen_is_lower(s[0]) && s[1] == ')' && s[2] == ' ') {
            m = 2;
        }
    }
    if (!m)
        return 0;
    size_t body = skip_blank(s, n, m);
    if (body >= n)
        return 0;
    /* "* * *" is a rule and "- 3 -" a page number, not items */
    if (underline(s, n) || (s[0] == '-' && s[n - 1] == '-'))
        return 0;
    return body;
}

/* "UTC         Coordinated Universal Time": a short term, a wide gap, its definition. */
static size_t glossary_gap(const char *s, size_t n, size_t *gap_start)
{
    size_t words = 0;
    for (size_t i = 0; i < n && i < 40; i++) {
        if (s[i] != ' ' && s[i] != '\t')
            continue;
        size_t e = i;
        while (e < n && (s[e] == ' ' || s[e] == '\t'))
            e++;
        if (e >= n)
            return 0;
        if ((e - i >= 3 || s[i] == '\t') && i > 0) {
            if (strchr(".,;:", s[i - 1]) || !(gen_is_alpha(s[e]) || s[e] == '(' || s[e] == '"'))
                return 0;
            *gap_start = i;
            return e;
        }
        if (++words > 4)
            return 0;
        i = e - 1;
    }
    return 0;
}

/*
 * "ARPANET Advanced Research ...": under earlier entries whose definitions
 * start at column col, a term long enough to fill its column leaves one
 * space. One word, then a capital at exactly that column.
 */
static size_t glossary_column(const char *s, size_t n, size_t col)
{
    if (col < 2 || col >= n || !gen_is_upper(s[col]) || s[col - 1] != ' ' || s[col - 2] == ' ')
        return 0;
    for (size_t i = 0; i + 1 < col; i++)
        if (s[i] == ' ' || s[i] == '\t' || (unsigned char)s[i] >= 0x80)
            return 0;
    return col;
}

/*
 * "PEP: 8100" / "Title: ..." / "From: ...": a header field opening a
 * document. Only known names: "CMV: the other virus." is a title, not a header.
 */
static bool header_field(const char *s, size_t n)
{
    static const char *const names[] = {
        "PEP", "Title", "Author", "Authors", "Status", "Type", "Created", "Date", "From", "To",
        "Subject", "Version", "Category", "Topic", "Sponsor", "Requires", "Python-Version",
        "Post-History", "Resolution", "Discussions-To", "Content-Type", "Replaces",
        "Superseded-By", "Obsoletes", "Updates", "ISSN", "BCP", "STD", "FYI", "Message-ID",
        "Keywords", "Language", "Copyright", "License", NULL,
    };
    size_t i = 0;
    while (i < n && (gen_is_alnum(s[i]) || s[i] == '-'))
        i++;
    return i > 0 && i + 1 < n && s[i] == ':' && s[i + 1] == ' ' && gen_word_in(s, i, names, true);
}

static bool section_number_heading(const char *s, size_t n)
{
    /* "2.1. The history of domain names", "1. INTRODUCTION" (all capitals) */
    size_t i = 0, dots = 0;
    while (i < n && (gen_is_digit(s[i]) || (s[i] == '.' && i > 0))) {
        dots += s[i] == '.';
        i++;
    }
    if (i == 0 || i >= n || s[i] != ' ' || dots == 0 || n > 72)
        return false;
    char last = s[n - 1];
    if (last == '.' || last == ',' || last == ';' || last == ':')
        return false;
    if (dots >= 2 || (dots == 1 && s[i - 1] != '.'))
        return true;
    bool lower = false;
    for (size_t k = i; k < n; k++)
        lower |= gen_is_lower(s[k]);
    return !lower;
}

void gen_layout_sniff(struct gen_layout *l, const char *text, size_t n)
{
    size_t lens[SNIFF_MAX_LINES];
    size_t count = 0, longs = 0;
    l->sniffed = true;
    for (size_t i = 0; i < n && count < SNIFF_MAX_LINES;) {
        const char *nl = memchr(text + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - text) : n;
        size_t b = skip_blank(text, e, i);
        size_t t = e;
        while (t > b && (text[t - 1] == ' ' || text[t - 1] == '\r'))
            t--;
        int number;
        const char *s = text + b;
        size_t m = t - b;
        bool structure = m == 0 || s[0] == '#' || s[0] == '|' || s[0] == '+' || s[0] == '<' ||
                         item_marker(s, m, &number) || underline(s, m) || page_furniture(s, m);
        if (!structure && m >= 20) {
            size_t c = chars_of(text + i, t - i);
            lens[count++] = c;
            longs += c > 100;
        }
        i = e + 1;
    }
    if (count < 6 || longs * 5 >= count) {
        l->wrap = GEN_WRAP_NONE;
        return;
    }
    /* the 90th percentile of prose line lengths: the width it was wrapped at */
    size_t hist[101] = {0};
    for (size_t i = 0; i < count; i++)
        hist[lens[i] > 100 ? 100 : lens[i]]++;
    size_t seen = 0, width = 100;
    for (size_t w = 0; w <= 100; w++) {
        seen += hist[w];
        if (seen * 10 >= count * 9) {
            width = w;
            break;
        }
    }
    l->wrap = GEN_WRAP_HARD;
    l->width = width < 20 ? 20 : width;
}

static void set_role(struct gen_line_info *out, enum gen_line_role role, size_t body)
{
    out->role = role;
    out->body = body;
}

/* Lines inside fences, front matter, header blocks, comments and literal blocks. */
static bool in_skipped_block(struct gen_layout *l, struct gen_line_info *out, const char *s,
                             size_t n, size_t indent)
{
    if (l->in_fence) {
        if (fence(s, n))
            l->in_fence = false;
        set_role(out, GEN_ROLE_DROP, 0);
        return true;
    }
    if (l->in_front_matter) {
        if ((n == 3 && (memcmp(s, "---", 3) == 0 || memcmp(s, "...", 3) == 0)))
            l->in_front_matter = false;
        set_role(out, GEN_ROLE_DROP, 0);
        return true;
    }
    if (l->in_comment) {
        if (n >= 3 && memcmp(s + n - 3, "-->", 3) == 0)
            l->in_comment = false;
        set_role(out, GEN_ROLE_DROP, 0);
        return true;
    }
    if (l->in_header) {
        if (n == 0)
            l->in_header = false;
        set_role(out, n == 0 ? GEN_ROLE_BLANK : GEN_ROLE_DROP, 0);
        return true;
    }
    if (l->literal != GEN_LITERAL_OFF && n > 0) {
        if (indent > l->literal_indent) {
            l->literal = GEN_LITERAL_IN;
            set_role(out, GEN_ROLE_DROP, 0);
            return true;
        }
        l->literal = GEN_LITERAL_OFF;
    }
    return false;
}

/* Opening lines of blocks that are not prose. */
static bool opens_skipped_block(struct gen_layout *l, struct gen_line_info *out, const char *s,
                                size_t n, size_t indent)
{
    if (fence(s, n)) {
        l->in_fence = true;
    } else if (l->lines == 1 && n == 3 && memcmp(s, "---", 3) == 0) {
        l->in_front_matter = true;
    } else if (l->lines == 1 && header_field(s, n)) {
        l->in_header = true;
    } else if (starts_with(s, n, "<!--")) {
        l->in_comment = !(n >= 7 && memcmp(s + n - 3, "-->", 3) == 0);
    } else if (starts_with(s, n, ".. ") || (n == 2 && memcmp(s, "::", 2) == 0)) {
        /* reST directives, footnotes and comments, with their indented bodies */
        l->literal = GEN_LITERAL_PENDING;
        l->literal_indent = indent;
    } else if (l->lines <= 15 && !l->seen_prose && indent_of(s, n) == 0 && has_gap(s, n, 8) &&
               chars_of(s, n) >= 60) {
        /* an RFC's title block: two columns, the right one flush with the margin */
    } else {
        return false;
    }
    set_role(out, GEN_ROLE_DROP, 0);
    return true;
}

void gen_layout_line(struct gen_layout *l, struct gen_line_info *out, const char *line, size_t n)
{
    memset(out, 0, sizeof(*out));
    size_t lead = skip_blank(line, n, 0);
    size_t indent = indent_of(line, n);
    const char *s = line + lead;
    size_t m = n - lead;
    while (m && (s[m - 1] == ' ' || s[m - 1] == '\r' || s[m - 1] == '\f'))
        m--;
    out->indent = indent;
    l->lines++;
    if (in_skipped_block(l, out, s, m, indent))
        return;
    if (m == 0) {
        set_role(out, GEN_ROLE_BLANK, lead);
        return;
    }
    if (opens_skipped_block(l, out, s, m, indent))
        return;
    if (m >= 2 && memcmp(s + m - 2, "::", 2) == 0) {
        l->literal = GEN_LITERAL_PENDING;
        l->literal_indent = indent;
    }
    int number;
    size_t body;
    if (page_furniture(s, m) || table_border(s, m)) {
        set_role(out, GEN_ROLE_DROP, lead);
    } else if (s[0] == '#' && (body = strspn(s, "#")) <= 6 && body < m && s[body] == ' ') {
        set_role(out, GEN_ROLE_HEADING, lead + skip_blank(s, m, body));
    } else if (underline(s, m)) {
        set_role(out, GEN_ROLE_UNDERLINE, lead);
    } else if (table_row(s, m)) {
        set_role(out, GEN_ROLE_ROW, lead);
    } else if ((body = item_marker(s, m, &number)) != 0) {
        set_role(out, GEN_ROLE_ITEM, lead + body);
        out->item_number = number;
    } else if (section_number_heading(s, m)) {
        set_role(out, GEN_ROLE_HEADING, lead);
    } else {
        size_t gap;
        size_t def = indent <= 8 ? glossary_gap(s, m, &gap) : 0;
        if (!def && indent == l->glossary_indent && l->glossary_col > indent)
            def = glossary_column(s, m, l->glossary_col - indent);
        set_role(out, def ? GEN_ROLE_GLOSSARY : GEN_ROLE_TEXT, lead);
        out->def_col = def ? indent + chars_of(s, def) : 0;
        if (def) {
            l->glossary_indent = indent;
            l->glossary_col = out->def_col;
        }
        l->seen_prose = true;
    }
}

/* ---- markup inside a line ---- */

static size_t push(struct gen_span *out, size_t k, size_t max, size_t a, size_t b)
{
    if (b <= a || k >= max)
        return k;
    if (k > 0 && out[k - 1].end == a) {
        out[k - 1].end = b;
        return k;
    }
    out[k] = (struct gen_span){a, b};
    return k + 1;
}

/* Length of "<https://...>" or "<mailto:...>" at i, or of an HTML tag, else 0. */
static size_t angle_markup(const char *s, size_t n, size_t i)
{
    if (s[i] != '<')
        return 0;
    const char *close = memchr(s + i, '>', n - i);
    if (!close)
        return 0;
    size_t len = (size_t)(close - (s + i)) + 1;
    if (len > 2 && (gen_is_alpha(s[i + 1]) || s[i + 1] == '/') &&
        (memchr(s + i, ':', len) || memchr(s + i, '/', len) || memchr(s + i, '@', len) ||
         len <= 12))
        return len;
    return 0;
}

/* Length of the "(url)" of a Markdown link after "]", else 0. */
static size_t link_target(const char *s, size_t n, size_t i)
{
    if (i >= n || s[i] != '(')
        return 0;
    const char *close = memchr(s + i, ')', n - i);
    if (!close)
        return 0;
    size_t len = (size_t)(close - (s + i)) + 1;
    return memchr(s + i, ' ', len) ? 0 : len;
}

/*
 * A wiki's editorial note in brackets, "[citation needed]", "[_clarification
 * needed_]", "[when?]" (words that end in "needed" or a question mark), a
 * footnote mark "[2]" or a link to another language's article "[es]". It
 * says nothing of the subject and goes with its brackets.
 */
bool gen_editorial_note(const char *s, size_t len)
{
    size_t a = 1, b = len - 1; /* inside the brackets */
    while (a < b && (s[a] == '_' || s[a] == '*'))
        a++;
    while (b > a && (s[b - 1] == '_' || s[b - 1] == '*'))
        b--;
    if (b <= a || b - a > 40)
        return false;
    /*
     * A footnote mark "[12]", "[update]". (A link to another language's
     * article, "[es]", reads as a short form does: "amino acids [aa]".)
     */
    bool digits = b - a <= 3;
    for (size_t i = a; i < b; i++)
        digits = digits && gen_is_digit(s[i]);
    if (digits || (b - a == 6 && memcmp(s + a, "update", 6) == 0))
        return true;
    for (size_t i = a; i < b; i++)
        if (!gen_is_alpha(s[i]) && s[i] != ' ' && s[i] != '-' && !(s[i] == '?' && i + 1 == b))
            return false;
    return s[b - 1] == '?' || (b - a >= 6 && memcmp(s + b - 6, "needed", 6) == 0);
}

/* The bytes that may start markup below: the rest of a line is skipped without a test each. */
static const bool markup_start[256] = {
    ['*'] = true, ['`'] = true, ['_'] = true, ['<'] = true,
    [']'] = true, ['!'] = true, ['['] = true, [':'] = true, ['\\'] = true,
};

size_t gen_layout_keep(struct gen_span *out, size_t max, const char *s, size_t n)
{
    size_t k = 0, from = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && !markup_start[(unsigned char)s[i]])
            i++;
        if (i == n)
            break;
        size_t drop = 0;
        char c = s[i];
        /* a Markdown escape, "\- CABEI", "\*": the backslash goes, the character stays
           as written (no markup) */
        if (c == '\\' && i + 1 < n && strchr("\\`*_{}[]()#+-.!|<>~", s[i + 1]) && s[i + 1]) {
            k = push(out, k, max, from, i);
            from = i + 1;
            i += 2;
            continue;
        }
        if (c == '*' || c == '`') {
            drop = 1;
        } else if (c == '_' && ((i + 1 < n && s[i + 1] == '_') || i == 0 || !gen_is_alnum(s[i - 1]) ||
                                i + 1 == n || !gen_is_alnum(s[i + 1]))) {
            drop = 1;
        } else if (c == '<') {
            drop = angle_markup(s, n, i);
            /* with the space before it: "Brett Cannon <https://...>" */
            if (drop && i > from && s[i - 1] == ' ') {
                k = push(out, k, max, from, i - 1);
                from = i;
            }
        } else if (c == ']' && i + 1 < n && s[i + 1] == '(') {
            size_t t = link_target(s, n, i + 1);
            drop = t ? t + 1 : 0;
        } else if (c == '!' && i + 1 < n && s[i + 1] == '[') {
            drop = 1;
        } else if (c == '[' && i + 1 < n && (s[i + 1] != ' ')) {
            /* "[1]_" reST footnote references go; "[text](url)" keeps text */
            const char *close = memchr(s + i, ']', n - i);
            size_t len = close ? (size_t)(close - (s + i)) + 1 : 0;
            if (len && gen_editorial_note(s + i, len))
                drop = len;
            else if (len && i + len < n && s[i + len] == '_')
                drop = len + 1;
            else if (len && i + len < n && s[i + len] == '(' && link_target(s, n, i + len))
                drop = 1;
        } else if (c == ':' && i + 1 < n && gen_is_lower(s[i + 1]) && (i == 0 || s[i - 1] == ' ')) {
            /* reST roles ":pep:`13`" */
            size_t e = i + 1;
            while (e < n && (gen_is_lower(s[e]) || s[e] == '-'))
                e++;
            if (e + 1 < n && s[e] == ':' && s[e + 1] == '`')
                drop = e + 1 - i;
        }
        if (!drop) {
            i++;
            continue;
        }
        k = push(out, k, max, from, i);
        i += drop;
        from = i;
    }
    return push(out, k, max, from, n);
}
