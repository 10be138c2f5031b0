/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Anki plain-text notes (docs/formats.md §4): `#key:value` headers at the
 * top, then RFC 4180-style records with the chosen separator. Each note is
 * a flashcard: first field the front, second the back.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ankitxt.h"
#include "csv.h"

struct anki {
    char delim;        /* 0 until known */
    int html;          /* -1 unknown, 0, 1 */
    char *tags;        /* from #tags: or legacy tags: */
    char *deck;
    long deck_col;     /* 0-based, -1 none */
    long tags_col;
    long notetype_col;
    long guid_col;
};

static char delim_named(const char *v)
{
    static const struct {
        const char *name;
        char c;
    } names[] = {{"comma", ','}, {"semicolon", ';'}, {"tab", '\t'},
                 {"space", ' '}, {"pipe", '|'},      {"colon", ':'}};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcasecmp(v, names[i].name) == 0)
            return names[i].c;
    return strlen(v) == 1 ? v[0] : 0;
}

static long column(const char *v)
{
    char *end = NULL;
    long n = strtol(v, &end, 10);
    return end != v && n >= 1 ? n - 1 : -1;
}

static int set_str(char **dst, const char *v)
{
    free(*dst);
    *dst = recite_strdup(v);
    return *dst ? 0 : RECITE_ENOMEM;
}

/* One `#key:value` line (key lowercased, value trimmed). */
static int header(struct anki *a, const char *key, const char *v)
{
    if (strcmp(key, "separator") == 0)
        a->delim = delim_named(v);
    else if (strcmp(key, "html") == 0)
        a->html = strcasecmp(v, "true") == 0;
    else if (strcmp(key, "tags") == 0)
        return set_str(&a->tags, v);
    else if (strcmp(key, "deck") == 0)
        return set_str(&a->deck, v);
    else if (strcmp(key, "deck column") == 0)
        a->deck_col = column(v);
    else if (strcmp(key, "tags column") == 0)
        a->tags_col = column(v);
    else if (strcmp(key, "notetype column") == 0)
        a->notetype_col = column(v);
    else if (strcmp(key, "guid column") == 0)
        a->guid_col = column(v);
    return 0;
}

/* Reads the header lines; *pos ends at the first record. */
static int headers(struct anki *a, const char *text, size_t len, size_t *pos, unsigned *line)
{
    size_t i = *pos;
    bool first = true;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t n = end - i;
        if (n && text[i + n - 1] == '\r')
            n--;
        char *l = fmt_dup(text + i, n);
        if (!l)
            return RECITE_ENOMEM;
        int rc = 0;
        bool is_header = l[0] == '#' || (first && strncmp(l, "tags:", 5) == 0);
        if (is_header && l[0] != '#') {
            rc = set_str(&a->tags, l + 5);
        } else if (is_header && strchr(l, ':')) {
            char *colon = strchr(l, ':');
            char *key = fmt_trim_dup(l + 1, (size_t)(colon - l - 1));
            char *v = fmt_trim_dup(colon + 1, strlen(colon + 1));
            for (char *p = key; p && *p; p++)
                *p = (char)tolower((unsigned char)*p);
            rc = key && v ? header(a, key, v) : RECITE_ENOMEM;
            free(key);
            free(v);
        }
        free(l);
        if (rc < 0)
            return rc;
        if (!is_header)
            break;
        first = false;
        (*line)++;
        i = nl ? end + 1 : len;
    }
    *pos = i;
    return 0;
}

/* Tab, pipe, semicolon, colon, comma, space: the first present in the first record. */
static char guess_delim(const char *text, size_t len, size_t pos)
{
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - text) : len;
    const char *order = "\t|;:, ";
    for (const char *c = order; *c; c++)
        if (memchr(text + pos, *c, end - pos))
            return *c;
    return '\t';
}

static bool looks_html(const char *s)
{
    for (; *s; s++)
        if (s[0] == '<' && (isalpha((unsigned char)s[1]) || s[1] == '/'))
            return true;
    return false;
}

static int add_tags_from(struct recite_question *q, const char *s)
{
    while (s && *s) {
        while (*s && isspace((unsigned char)*s))
            s++;
        size_t n = 0;
        while (s[n] && !isspace((unsigned char)s[n]))
            n++;
        if (n && fmt_add_tag(q, s, n) < 0)
            return RECITE_ENOMEM;
        s += n;
    }
    return 0;
}

static bool special(const struct anki *a, long i)
{
    return i == a->deck_col || i == a->tags_col || i == a->notetype_col || i == a->guid_col;
}

static int note(struct recite_questions *out, const struct anki *a, char **f, size_t n,
                unsigned line)
{
    struct recite_question *q = fmt_add_question(out);
    if (!q)
        return RECITE_ENOMEM;
    q->kind = RECITE_Q_FLASHCARD;
    q->line = line;
    const char *fields[2] = {"", ""};
    size_t used = 0;
    for (size_t i = 0; i < n && used < 2; i++)
        if (!special(a, (long)i))
            fields[used++] = f[i];
    const char *deck = a->deck_col >= 0 && (size_t)a->deck_col < n ? f[a->deck_col] : a->deck;
    struct recite_qanswer *ans = fmt_add_answer(q);
    if (!ans || !(q->text = recite_strdup(fields[0])) || !(ans->text = recite_strdup(fields[1])) ||
        !(q->format = recite_strdup(a->html == 1 ? "html" : "plain")) ||
        (deck && deck[0] && !(q->category = recite_strdup(deck))) ||
        add_tags_from(q, a->tags) < 0 ||
        (a->tags_col >= 0 && (size_t)a->tags_col < n && add_tags_from(q, f[a->tags_col]) < 0))
        return RECITE_ENOMEM;
    ans->weight = 1;
    return 0;
}

/* Decides #html when the file does not say, from every field. */
static void settle_html(struct anki *a, struct recite_questions *out, size_t from)
{
    if (a->html != -1)
        return;
    bool html = false;
    for (size_t i = from; i < out->count && !html; i++)
        html = looks_html(out->items[i].text) || looks_html(out->items[i].answers[0].text);
    for (size_t i = from; html && i < out->count; i++) {
        free(out->items[i].format);
        out->items[i].format = recite_strdup("html");
    }
}

int ankitxt_read(struct recite_questions *out, const char *text, size_t len,
                 struct fmt_sink *sink)
{
    struct anki a = {.html = -1, .deck_col = -1, .tags_col = -1, .notetype_col = -1,
                     .guid_col = -1};
    size_t pos = 0, from = out->count;
    unsigned line = 1;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    int rc = headers(&a, text, len, &pos, &line);
    if (rc == 0 && !a.delim && pos < len)
        a.delim = guess_delim(text, len, pos);
    while (rc == 0 && pos < len) {
        if (text[pos] == '#' || text[pos] == '\n' || (text[pos] == '\r' && pos + 1 < len &&
                                                      text[pos + 1] == '\n')) {
            const char *nl = memchr(text + pos, '\n', len - pos);
            pos = nl ? (size_t)(nl - text) + 1 : len;
            line++;
            continue;
        }
        char **f = NULL;
        size_t n = 0;
        const char *why = NULL;
        unsigned start = line;
        int r = csv_record(text, len, &pos, a.delim, &line, &f, &n, &why);
        if (r == RECITE_EDATA) {
            fmt_problem(sink, start, 1, "%s", why);
            break;
        }
        rc = r < 0 ? r : note(out, &a, f, n, start);
        csv_fields_free(f, n);
    }
    if (rc == 0)
        settle_html(&a, out, from);
    free(a.tags);
    free(a.deck);
    return rc;
}

/* ---- writing ---- */

/* The back of a question turned into a flashcard: its right answers. */
static void back_of(struct recite_buf *b, const struct recite_question *q)
{
    double best = 0;
    for (size_t i = 0; i < q->answer_count; i++)
        if (q->answers[i].weight > best)
            best = q->answers[i].weight;
    size_t shown = 0;
    for (size_t i = 0; i < q->answer_count; i++) {
        const struct recite_qanswer *a = &q->answers[i];
        if (q->kind == RECITE_Q_MATCHING) {
            if (a->text[0])
                recite_buf_addf(b, "%s%s -> %s", shown++ ? "; " : "", a->text, a->match);
        } else if (a->weight == best && best > 0) {
            if (a->has_value) {
                char v[40], t[40];
                fmt_number_text(v, sizeof(v), a->value);
                fmt_number_text(t, sizeof(t), a->tolerance);
                recite_buf_addf(b, "%s%s", shown++ ? "; " : "", v);
                if (a->tolerance != 0)
                    recite_buf_addf(b, " ± %s", t);
            } else if (q->kind == RECITE_Q_MULTICHOICE || shown == 0) {
                recite_buf_addf(b, "%s%s", shown++ ? "; " : "", a->text ? a->text : "");
            }
        }
    }
}

static void front_of(struct recite_buf *b, const struct recite_question *q)
{
    recite_buf_adds(b, q->text ? q->text : "");
    if (q->kind != RECITE_Q_MULTICHOICE)
        return;
    for (size_t i = 0; i < q->answer_count && i < 26; i++)
        recite_buf_addf(b, "\n%c) %s", (char)('A' + i), q->answers[i].text);
}

static void tally(struct fmt_losses *l, const struct recite_question *q)
{
    l->n[FMT_LOSS_TITLE] += q->title != NULL;
    l->n[FMT_LOSS_ID] += q->id != NULL;
    l->n[FMT_LOSS_GENERAL] += q->general_feedback != NULL;
    l->n[FMT_LOSS_QKIND] += q->kind != RECITE_Q_FLASHCARD;
    l->n[FMT_LOSS_FORMAT] += q->format && strcmp(q->format, "markdown") == 0;
    bool fb = false, partial = false;
    for (size_t i = 0; i < q->answer_count; i++) {
        fb |= q->answers[i].feedback != NULL;
        partial |= q->answers[i].weight != 0 && q->answers[i].weight != 1;
    }
    l->n[FMT_LOSS_FEEDBACK] += fb;
    l->n[FMT_LOSS_WEIGHTS] += partial;
}

/*
 * The deck of a category: '/' levels become '::' ("//" stays a '/'). In the
 * #deck: header (header true) line breaks and tabs become spaces; in a deck
 * column the field is quoted as needed.
 */
static void put_deck(struct recite_buf *b, const char *c, bool header)
{
    struct recite_buf d = {0};
    for (; c && *c; c++) {
        if (c[0] == '/' && c[1] == '/') {
            recite_buf_addc(&d, '/');
            c++;
        } else if (c[0] == '/') {
            recite_buf_adds(&d, "::");
        } else {
            recite_buf_addc(&d, *c);
        }
    }
    if (header) {
        for (size_t i = 0; i < d.len; i++)
            recite_buf_addc(b, strchr("\r\n\t", d.data[i]) ? ' ' : d.data[i]);
    } else {
        csv_put_field(b, d.data ? d.data : "", '\t', true);
    }
    b->oom |= d.oom;
    free(d.data);
}

static void put_note(struct recite_buf *b, const struct recite_question *q, bool deck_col)
{
    struct recite_buf f = {0};
    if (deck_col) {
        put_deck(b, q->category, false);
        recite_buf_addc(b, '\t');
    }
    front_of(&f, q);
    csv_put_field(b, f.data ? f.data : "", '\t', true);
    f.len = 0;
    if (f.data)
        f.data[0] = '\0';
    recite_buf_addc(b, '\t');
    back_of(&f, q);
    csv_put_field(b, f.data ? f.data : "", '\t', true);
    recite_buf_addc(b, '\t');
    /* Tags go through the field quoting too: a tag may start with a quote. */
    f.len = 0;
    if (f.data)
        f.data[0] = '\0';
    for (size_t i = 0; i < q->tag_count; i++) {
        if (i)
            recite_buf_addc(&f, ' ');
        for (const char *p = q->tags[i]; *p; p++)
            recite_buf_addc(&f, isspace((unsigned char)*p) ? '_' : *p);
    }
    csv_put_field(b, f.data ? f.data : "", '\t', true);
    b->oom |= f.oom;
    free(f.data);
    recite_buf_addc(b, '\n');
}

void ankitxt_write(struct recite_buf *b, const struct recite_questions *qs,
                   struct fmt_losses *losses, size_t *skipped)
{
    bool html = false, one_deck = true;
    const char *deck = NULL;
    *skipped = 0;
    for (size_t i = 0; i < qs->count; i++) {
        const struct recite_question *q = &qs->items[i];
        html |= q->format && strcmp(q->format, "html") == 0;
        if (i == 0)
            deck = q->category;
        else if ((deck == NULL) != (q->category == NULL) ||
                 (deck && strcmp(deck, q->category) != 0))
            one_deck = false;
    }
    recite_buf_addf(b, "#separator:tab\n#html:%s\n#notetype:Basic\n", html ? "true" : "false");
    if (one_deck && deck) {
        recite_buf_adds(b, "#deck:");
        put_deck(b, deck, true);
        recite_buf_addc(b, '\n');
    }
    bool deck_col = !one_deck;
    if (deck_col)
        recite_buf_adds(b, "#columns:Deck\tFront\tBack\tTags\n#deck column:1\n#tags column:4\n");
    else
        recite_buf_adds(b, "#columns:Front\tBack\tTags\n#tags column:3\n");
    for (size_t i = 0; i < qs->count; i++) {
        const struct recite_question *q = &qs->items[i];
        if (q->kind == RECITE_Q_DESCRIPTION) {
            (*skipped)++;
            continue;
        }
        tally(losses, q);
        put_note(b, q, deck_col);
    }
}
