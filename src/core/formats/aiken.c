/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Moodle Aiken (docs/formats.md §3): single-answer multiple choice, one
 * question line, options `A)` or `A.`, then `ANSWER: X`.
 */
#include <stdlib.h>
#include <string.h>

#include "aiken.h"

struct aiken {
    struct recite_questions *out;
    struct fmt_sink *sink;
    bool open;       /* the last question still waits for its ANSWER: line */
    unsigned q_line; /* where it started */
};

static bool is_option(const char *s, size_t n)
{
    return n >= 2 && s[0] >= 'A' && s[0] <= 'Z' && (s[1] == ')' || s[1] == '.');
}

static void discard_open(struct aiken *a, const char *why)
{
    if (!a->open)
        return;
    fmt_problem(a->sink, a->q_line, 1, "%s", why);
    fmt_drop_last(a->out);
    a->open = false;
}

static int answer_line(struct aiken *a, const char *s, size_t n, unsigned line)
{
    if (!a->open) {
        fmt_problem(a->sink, line, 1, "%s", "'ANSWER:' without a question");
        return 0;
    }
    struct recite_question *q = &a->out->items[a->out->count - 1];
    size_t i = 7;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i >= n || s[i] < 'A' || s[i] > 'Z' || (size_t)(s[i] - 'A') >= q->answer_count) {
        a->open = false;
        fmt_problem(a->sink, line, (unsigned)i + 1, "%s", "'ANSWER:' names no option");
        fmt_drop_last(a->out);
        return 0;
    }
    if (q->answer_count < 2) {
        a->open = false;
        fmt_problem(a->sink, a->q_line, 1, "%s", "a question needs at least two options");
        fmt_drop_last(a->out);
        return 0;
    }
    q->answers[s[i] - 'A'].weight = 1;
    a->open = false;
    return 0;
}

static int read_line(struct aiken *a, const char *s, size_t n, unsigned line)
{
    if (n >= 7 && memcmp(s, "ANSWER:", 7) == 0)
        return answer_line(a, s, n, line);
    if (is_option(s, n)) {
        if (!a->open) {
            fmt_problem(a->sink, line, 1, "%s", "option outside a question");
            return 0;
        }
        struct recite_question *q = &a->out->items[a->out->count - 1];
        struct recite_qanswer *ans = fmt_add_answer(q);
        if (!ans || !(ans->text = fmt_trim_dup(s + 2, n - 2)))
            return RECITE_ENOMEM;
        return 0;
    }
    discard_open(a, "question without an 'ANSWER:' line");
    struct recite_question *q = fmt_add_question(a->out);
    if (!q || !(q->text = fmt_dup(s, n)) || !(q->format = recite_strdup("plain")))
        return RECITE_ENOMEM;
    q->kind = RECITE_Q_MULTICHOICE;
    q->single = 1;
    q->line = line;
    a->open = true;
    a->q_line = line;
    return 0;
}

int aiken_read(struct recite_questions *out, const char *text, size_t len, struct fmt_sink *sink)
{
    struct aiken a = {.out = out, .sink = sink};
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    unsigned line = 1;
    while (i < len) {
        size_t end = i;
        while (end < len && text[end] != '\n' && text[end] != '\r')
            end++;
        size_t x = i, y = end;
        while (x < y && fmt_is_trim_char(text[x]))
            x++;
        while (y > x && fmt_is_trim_char(text[y - 1]))
            y--;
        if (y - x >= 2 && read_line(&a, text + x, y - x, line) < 0)
            return RECITE_ENOMEM;
        if (end + 1 < len && text[end] == '\r' && text[end + 1] == '\n')
            end++;
        line++;
        i = end + 1;
    }
    discard_open(&a, "question without an 'ANSWER:' line");
    return 0;
}

/* ---- writing ---- */

static void put_line(struct recite_buf *b, const char *s)
{
    for (; s && *s; s++)
        recite_buf_addc(b, (*s == '\n' || *s == '\r') ? ' ' : *s);
}

/* Whether the question's line would read back as a question line. */
static bool reads_as_question(const char *text)
{
    size_t n = strlen(text);
    while (n && fmt_is_trim_char(text[n - 1]))
        n--;
    while (n && fmt_is_trim_char(*text)) {
        text++;
        n--;
    }
    return n >= 2 && !is_option(text, n) && strncmp(text, "ANSWER:", 7) != 0 &&
           strncmp(text, "\xEF\xBB\xBF", 3) != 0;
}

static bool writable(const struct recite_question *q)
{
    if (!q->text || !reads_as_question(q->text))
        return false;
    if (q->kind == RECITE_Q_TRUEFALSE)
        return q->answer_count == 2;
    if (q->kind != RECITE_Q_MULTICHOICE || q->single != 1 || q->answer_count < 2 ||
        q->answer_count > 26)
        return false;
    size_t right = 0;
    for (size_t i = 0; i < q->answer_count; i++)
        right += q->answers[i].weight == 1;
    return right == 1;
}

static void tally(struct fmt_losses *l, const struct recite_question *q)
{
    l->n[FMT_LOSS_TITLE] += q->title != NULL;
    l->n[FMT_LOSS_ID] += q->id != NULL;
    l->n[FMT_LOSS_TAGS] += q->tag_count > 0;
    l->n[FMT_LOSS_CATEGORY] += q->category != NULL;
    l->n[FMT_LOSS_GENERAL] += q->general_feedback != NULL;
    l->n[FMT_LOSS_LINES] += q->text && strchr(q->text, '\n');
    l->n[FMT_LOSS_FORMAT] += q->format && strcmp(q->format, "plain") != 0 &&
                             strcmp(q->format, "moodle") != 0;
    bool feedback = false, partial = false;
    for (size_t i = 0; i < q->answer_count; i++) {
        feedback |= q->answers[i].feedback != NULL;
        partial |= q->answers[i].weight != 0 && q->answers[i].weight != 1;
    }
    l->n[FMT_LOSS_FEEDBACK] += feedback;
    l->n[FMT_LOSS_WEIGHTS] += partial;
}

void aiken_write(struct recite_buf *b, const struct recite_questions *qs, struct fmt_losses *losses,
                 size_t *skipped)
{
    *skipped = 0;
    for (size_t i = 0; i < qs->count; i++) {
        const struct recite_question *q = &qs->items[i];
        if (!writable(q)) {
            (*skipped)++;
            continue;
        }
        tally(losses, q);
        put_line(b, q->text);
        recite_buf_addc(b, '\n');
        size_t right = 0;
        for (size_t k = 0; k < q->answer_count; k++) {
            recite_buf_addf(b, "%c) ", (char)('A' + k));
            put_line(b, q->answers[k].text);
            recite_buf_addc(b, '\n');
            if (q->answers[k].weight == 1)
                right = k;
        }
        recite_buf_addf(b, "ANSWER: %c\n\n", (char)('A' + right));
    }
}
