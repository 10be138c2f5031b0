/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CSV question banks (docs/formats.md §5): RFC 4180 records, read leniently
 * (LF, CRLF or CR, BOM, short rows padded) and written strictly (CRLF, quotes
 * only where needed), one question per row under a header row; or a plain
 * front,back file of flashcards. The record reader also serves Anki text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"

/* ---- records ---- */

void csv_fields_free(char **fields, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(fields[i]);
    free(fields);
}

static bool push_field(char ***fields, size_t *count, struct recite_buf *f)
{
    char **grown = realloc(*fields, (*count + 1) * sizeof(*grown));
    if (!grown)
        return false;
    *fields = grown;
    char *s = NULL;
    if (recite_buf_finish(f, &s, NULL, NULL) < 0)
        return false;
    grown[(*count)++] = s;
    return true;
}

/* A quoted field from text[*i] (the opening quote); false on a problem. */
static bool quoted(const char *text, size_t len, size_t *i, char delim, unsigned *line,
                   struct recite_buf *f, const char **why)
{
    size_t k = *i + 1;
    for (;;) {
        if (k >= len) {
            *why = "quoted field is never closed";
            return false;
        }
        if (text[k] == '"') {
            if (k + 1 < len && text[k + 1] == '"') {
                recite_buf_addc(f, '"');
                k += 2;
                continue;
            }
            k++;
            break;
        }
        if (text[k] == '\n')
            (*line)++;
        recite_buf_addc(f, text[k++]);
    }
    if (k < len && text[k] != delim && text[k] != '\n' && text[k] != '\r') {
        *why = "text after a closing quote";
        return false;
    }
    *i = k;
    return true;
}

int csv_record(const char *text, size_t len, size_t *pos, char delim, unsigned *line,
               char ***fields, size_t *count, const char **why)
{
    size_t i = *pos;
    *fields = NULL;
    *count = 0;
    if (i >= len)
        return 0;
    for (;;) {
        struct recite_buf f = {0};
        if (i < len && text[i] == '"') {
            if (!quoted(text, len, &i, delim, line, &f, why)) {
                free(f.data);
                csv_fields_free(*fields, *count);
                *fields = NULL;
                *count = 0;
                return RECITE_EDATA;
            }
        } else {
            /* A record ends at LF, CRLF or a lone CR (old Mac and some spreadsheet exports). */
            while (i < len && text[i] != delim && text[i] != '\n' && text[i] != '\r')
                recite_buf_addc(&f, text[i++]);
        }
        if (f.oom || !push_field(fields, count, &f)) {
            free(f.data);
            csv_fields_free(*fields, *count);
            *fields = NULL;
            *count = 0;
            return RECITE_ENOMEM;
        }
        if (i < len && text[i] == delim) {
            i++;
            continue;
        }
        if (i < len && text[i] == '\r')
            i++;
        if (i < len && text[i] == '\n')
            i++;
        (*line)++;
        break;
    }
    *pos = i;
    return 1;
}

void csv_put_field(struct recite_buf *b, const char *s, char delim, bool quote_hash)
{
    s = s ? s : "";
    bool quote = (quote_hash && s[0] == '#') || strchr(s, delim) || strpbrk(s, "\"\r\n");
    if (!quote) {
        recite_buf_adds(b, s);
        return;
    }
    recite_buf_addc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            recite_buf_addc(b, '"');
        recite_buf_addc(b, *s);
    }
    recite_buf_addc(b, '"');
}

/* ---- our schema ---- */

enum { COL_KIND, COL_CATEGORY, COL_TITLE, COL_TAGS, COL_FORMAT, COL_TEXT, COL_GENERAL, COL_FIXED };
static const char *const fixed_names[COL_FIXED] = {"kind",   "category", "title",
                                                   "tags",   "format",   "text",
                                                   "general_feedback"};

#define MAX_ANSWERS 64

struct schema {
    long fixed[COL_FIXED];           /* column index, -1 when absent */
    long answer[MAX_ANSWERS][3];     /* answerN, weightN, feedbackN */
    size_t width;                    /* header field count */
    bool flash;                      /* a plain front,back file */
};

static void schema_from_header(struct schema *s, char **h, size_t n)
{
    for (size_t i = 0; i < COL_FIXED; i++)
        s->fixed[i] = -1;
    for (size_t i = 0; i < MAX_ANSWERS; i++)
        s->answer[i][0] = s->answer[i][1] = s->answer[i][2] = -1;
    s->width = n;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < COL_FIXED; k++)
            if (strcasecmp(h[i], fixed_names[k]) == 0)
                s->fixed[k] = (long)i;
        static const char *const per[3] = {"answer", "weight", "feedback"};
        for (size_t k = 0; k < 3; k++) {
            size_t pl = strlen(per[k]);
            if (strncasecmp(h[i], per[k], pl) != 0)
                continue;
            char *end = NULL;
            long num = strtol(h[i] + pl, &end, 10);
            if (end && !*end && end != h[i] + pl && num >= 1 && num <= MAX_ANSWERS)
                s->answer[num - 1][k] = (long)i;
        }
    }
}

static const char *cell(char **f, size_t n, long col)
{
    return col >= 0 && (size_t)col < n ? f[col] : "";
}

static char *or_null(const char *s)
{
    return s[0] ? recite_strdup(s) : NULL;
}

static int set_tags(struct recite_question *q, const char *s)
{
    while (*s) {
        while (*s == ' ' || *s == '\t')
            s++;
        size_t n = strcspn(s, " \t");
        if (n && fmt_add_tag(q, s, n) < 0)
            return RECITE_ENOMEM;
        s += n;
    }
    return 0;
}

/* The weight of cell w (percent), or deflt when empty; false when not a number. */
static bool weight_of(const char *w, double deflt, double *out)
{
    if (!w[0]) {
        *out = deflt;
        return true;
    }
    if (!fmt_number(w, strlen(w), out) || *out < -100 || *out > 100)
        return false;
    *out /= 100.0;
    return true;
}

static int row_answer(struct recite_question *q, const char *text, const char *w,
                      const char *fb, struct fmt_sink *sink, unsigned line)
{
    struct recite_qanswer *a = fmt_add_answer(q);
    if (!a)
        return RECITE_ENOMEM;
    double deflt = q->kind == RECITE_Q_MULTICHOICE || strcmp(text, "*") == 0 ? 0 : 1;
    if (!weight_of(w, deflt, &a->weight)) {
        fmt_problem(sink, line, 1, "weight '%s' is not a percentage", w);
        return RECITE_EDATA;
    }
    if (fb[0] && !(a->feedback = recite_strdup(fb)))
        return RECITE_ENOMEM;
    if (q->kind == RECITE_Q_MATCHING) {
        const char *arrow = strstr(text, " -> ");
        if (!arrow) {
            fmt_problem(sink, line, 1, "matching answer '%s' has no ' -> '", text);
            return RECITE_EDATA;
        }
        a->text = fmt_dup(text, (size_t)(arrow - text));
        a->match = recite_strdup(arrow + 4);
        a->weight = a->text && a->text[0] ? 1 : 0;
        return a->text && a->match ? 0 : RECITE_ENOMEM;
    }
    if (q->kind == RECITE_Q_NUMERICAL && strcmp(text, "*") != 0) {
        const char *colon = strchr(text, ':');
        size_t vn = colon ? (size_t)(colon - text) : strlen(text);
        if (!fmt_number(text, vn, &a->value) ||
            (colon && !fmt_number(colon + 1, strlen(colon + 1), &a->tolerance))) {
            fmt_problem(sink, line, 1, "numerical answer '%s' is not VALUE[:TOLERANCE]", text);
            return RECITE_EDATA;
        }
        a->has_value = true;
        return 0;
    }
    return (a->text = recite_strdup(text)) ? 0 : RECITE_ENOMEM;
}

/* True/false: answer1 names the right one; feedback1 right, feedback2 wrong. */
static int row_truefalse(struct recite_question *q, char **f, size_t n, const struct schema *s,
                         struct fmt_sink *sink, unsigned line)
{
    const char *right = cell(f, n, s->answer[0][0]);
    bool truth = strcasecmp(right, "true") == 0;
    if (!truth && strcasecmp(right, "false") != 0) {
        fmt_problem(sink, line, 1, "true/false answer '%s' is neither True nor False", right);
        return RECITE_EDATA;
    }
    const char *fb_right = cell(f, n, s->answer[0][2]), *fb_wrong = cell(f, n, s->answer[1][2]);
    struct recite_qanswer *t = fmt_add_answer(q);
    if (!t || !fmt_add_answer(q))
        return RECITE_ENOMEM;
    t = &q->answers[0];
    struct recite_qanswer *fa = &q->answers[1];
    t->text = recite_strdup("True");
    fa->text = recite_strdup("False");
    t->weight = truth;
    fa->weight = !truth;
    t->feedback = or_null(truth ? fb_right : fb_wrong);
    fa->feedback = or_null(truth ? fb_wrong : fb_right);
    return t->text && fa->text ? 0 : RECITE_ENOMEM;
}

static int row_question(struct recite_questions *out, char **f, size_t n, const struct schema *s,
                        struct fmt_sink *sink, unsigned line)
{
    const char *kind = cell(f, n, s->fixed[COL_KIND]);
    int k = recite_qkind_from_name(kind);
    if (k < 0) {
        fmt_problem(sink, line, 1, "unknown question kind '%s'", kind);
        return RECITE_EDATA;
    }
    struct recite_question *q = fmt_add_question(out);
    if (!q)
        return RECITE_ENOMEM;
    q->kind = (enum recite_qkind)k;
    q->line = line;
    const char *format = cell(f, n, s->fixed[COL_FORMAT]);
    if (!(q->text = recite_strdup(cell(f, n, s->fixed[COL_TEXT]))) ||
        !(q->format = recite_strdup(format[0] ? format : "plain")) ||
        set_tags(q, cell(f, n, s->fixed[COL_TAGS])) < 0)
        return RECITE_ENOMEM;
    q->category = or_null(cell(f, n, s->fixed[COL_CATEGORY]));
    q->title = or_null(cell(f, n, s->fixed[COL_TITLE]));
    q->general_feedback = or_null(cell(f, n, s->fixed[COL_GENERAL]));
    q->blank = strstr(q->text, "_____") != NULL;
    if (q->kind == RECITE_Q_TRUEFALSE)
        return row_truefalse(q, f, n, s, sink, line);
    for (size_t i = 0; i < MAX_ANSWERS; i++) {
        const char *text = cell(f, n, s->answer[i][0]);
        if (!text[0] && !(q->kind == RECITE_Q_FLASHCARD && i == 0))
            continue;
        int rc = row_answer(q, text, cell(f, n, s->answer[i][1]), cell(f, n, s->answer[i][2]),
                            sink, line);
        if (rc < 0)
            return rc;
    }
    if (q->kind == RECITE_Q_MULTICHOICE) {
        q->single = 0;
        for (size_t i = 0; i < q->answer_count; i++)
            q->single |= q->answers[i].weight == 1;
    }
    return 0;
}

static int row_flashcard(struct recite_questions *out, char **f, size_t n, unsigned line)
{
    struct recite_question *q = fmt_add_question(out);
    struct recite_qanswer *a = q ? fmt_add_answer(q) : NULL;
    if (!a)
        return RECITE_ENOMEM;
    q->kind = RECITE_Q_FLASHCARD;
    q->line = line;
    a->weight = 1;
    q->text = recite_strdup(n > 0 ? f[0] : "");
    a->text = recite_strdup(n > 1 ? f[1] : "");
    q->format = recite_strdup("plain");
    return q->text && a->text && q->format ? 0 : RECITE_ENOMEM;
}

/*
 * Whether the first row of a two-column file names its columns
 * ("front,back", "question,answer", ...) rather than holding a card.
 */
static bool flash_header(char **f, size_t n)
{
    static const char *const fronts[] = {"front", "question", "q", "term", "prompt", "ask"};
    static const char *const backs[] = {"back", "answer", "a", "definition", "response", "meaning"};
    bool front = false, back = false;
    for (size_t i = 0; n >= 2 && i < sizeof(fronts) / sizeof(fronts[0]); i++)
        front |= strcasecmp(f[0], fronts[i]) == 0;
    for (size_t i = 0; n >= 2 && i < sizeof(backs) / sizeof(backs[0]); i++)
        back |= strcasecmp(f[1], backs[i]) == 0;
    return front && back;
}

static bool empty_record(char **f, size_t n)
{
    return n == 1 && f[0][0] == '\0';
}

int csv_read(struct recite_questions *out, const char *text, size_t len, struct fmt_sink *sink)
{
    size_t pos = 0;
    unsigned line = 1;
    struct schema s;
    char **f = NULL;
    size_t n = 0;
    const char *why = NULL;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    int rc = csv_record(text, len, &pos, ',', &line, &f, &n, &why);
    if (rc <= 0) {
        if (rc == RECITE_EDATA)
            fmt_problem(sink, 1, 1, "%s", why);
        return rc == RECITE_ENOMEM ? rc : 0;
    }
    schema_from_header(&s, f, n);
    s.flash = s.fixed[COL_KIND] < 0 || s.fixed[COL_TEXT] < 0;
    bool header_is_data = s.flash && !flash_header(f, n);
    if (header_is_data)
        rc = row_flashcard(out, f, n, 1);
    csv_fields_free(f, n);
    while (rc >= 0 || rc == RECITE_EDATA) {
        unsigned start = line;
        rc = csv_record(text, len, &pos, ',', &line, &f, &n, &why);
        if (rc == 0 || rc == RECITE_ENOMEM)
            break;
        if (rc == RECITE_EDATA) {
            fmt_problem(sink, start, 1, "%s", why);
            break; /* the rest of the file cannot be split reliably */
        }
        if (empty_record(f, n)) {
            csv_fields_free(f, n);
            continue;
        }
        if (n > s.width) {
            fmt_problem(sink, start, 1, "row has %zu fields but the header has %zu", n, s.width);
            rc = RECITE_EDATA;
        } else {
            rc = s.flash ? row_flashcard(out, f, n, start) : row_question(out, f, n, &s, sink, start);
            if (rc == RECITE_EDATA)
                fmt_drop_last(out);
        }
        csv_fields_free(f, n);
    }
    return rc == RECITE_ENOMEM ? rc : 0;
}

/* ---- writing ---- */

static void put_cell(struct recite_buf *b, const char *s, bool first)
{
    if (!first)
        recite_buf_addc(b, ',');
    csv_put_field(b, s, ',', false);
}

static void put_weight(struct recite_buf *b, double w)
{
    char num[40];
    snprintf(num, sizeof(num), "%.12g", w * 100.0);
    put_cell(b, strcmp(num, "-0") == 0 ? "0" : num, false);
}

static void put_answer(struct recite_buf *b, const struct recite_question *q,
                       const struct recite_qanswer *a)
{
    char text[100];
    if (q->kind == RECITE_Q_MATCHING) {
        struct recite_buf t = {0};
        recite_buf_addf(&t, "%s -> %s", a->text, a->match);
        put_cell(b, t.data ? t.data : "", false);
        b->oom |= t.oom;
        free(t.data);
    } else if (a->has_value) {
        char v[40], tol[40];
        fmt_number_text(v, sizeof(v), a->value);
        fmt_number_text(tol, sizeof(tol), a->tolerance);
        snprintf(text, sizeof(text), "%s:%s", v, tol);
        put_cell(b, text, false);
    } else {
        put_cell(b, a->text, false);
    }
    put_weight(b, a->weight);
    put_cell(b, a->feedback, false);
}

static void put_row(struct recite_buf *b, const struct recite_question *q, size_t width)
{
    struct recite_buf tags = {0};
    for (size_t i = 0; i < q->tag_count; i++)
        recite_buf_addf(&tags, "%s%s", i ? " " : "", q->tags[i]);
    put_cell(b, recite_qkind_name(q->kind), true);
    put_cell(b, q->category, false);
    put_cell(b, q->title, false);
    put_cell(b, tags.data, false);
    put_cell(b, q->format, false);
    put_cell(b, q->text, false);
    put_cell(b, q->general_feedback, false);
    b->oom |= tags.oom;
    free(tags.data);
    size_t used = 0;
    if (q->kind == RECITE_Q_TRUEFALSE && q->answer_count == 2) {
        bool truth = q->answers[0].weight > 0;
        const struct recite_qanswer *right = &q->answers[truth ? 0 : 1];
        const struct recite_qanswer *wrong = &q->answers[truth ? 1 : 0];
        put_cell(b, right->text, false);
        put_cell(b, "", false);
        put_cell(b, right->feedback, false);
        put_cell(b, "", false);
        put_cell(b, "", false);
        put_cell(b, wrong->feedback, false);
        used = 2;
    } else {
        for (; used < q->answer_count; used++)
            put_answer(b, q, &q->answers[used]);
    }
    for (; used < width; used++)
        recite_buf_adds(b, ",,,");
    recite_buf_adds(b, "\r\n");
}

void csv_write(struct recite_buf *b, const struct recite_questions *qs, struct fmt_losses *losses,
               size_t *skipped)
{
    (void)losses;
    *skipped = 0;
    size_t width = 1;
    for (size_t i = 0; i < qs->count; i++)
        if (qs->items[i].answer_count > width)
            width = qs->items[i].answer_count;
    if (width > MAX_ANSWERS)
        width = MAX_ANSWERS;
    for (size_t i = 0; i < COL_FIXED; i++)
        recite_buf_addf(b, "%s%s", i ? "," : "", fixed_names[i]);
    for (size_t i = 1; i <= width; i++)
        recite_buf_addf(b, ",answer%zu,weight%zu,feedback%zu", i, i, i);
    recite_buf_adds(b, "\r\n");
    for (size_t i = 0; i < qs->count; i++) {
        if (qs->items[i].answer_count > MAX_ANSWERS) {
            (*skipped)++;
            continue;
        }
        put_row(b, &qs->items[i], width);
    }
}
