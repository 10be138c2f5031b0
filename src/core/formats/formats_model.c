/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The interchange model: building and freeing questions,
 * problems, numbers and the writers' loss report.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "bank_internal.h"
#include "formats_internal.h"

/* ---- problems ---- */

void fmt_problem(struct fmt_sink *sink, unsigned line, unsigned col, const char *fmt, ...)
{
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (sink->count++ == 0)
        recite_error_set(sink->err, RECITE_EDATA, "line %u col %u: %s", line, col, msg);
    if (sink->diags && bank_diag_add(sink->diags, line, col, "%s", msg) < 0)
        sink->oom = true;
}

/* ---- strings and numbers ---- */

bool fmt_is_trim_char(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0' || c == '\v';
}

char *fmt_dup(const char *s, size_t n)
{
    char *copy = malloc(n + 1);
    if (copy) {
        if (n)
            memcpy(copy, s, n);
        copy[n] = '\0';
    }
    return copy;
}

char *fmt_trim_dup(const char *s, size_t n)
{
    while (n && fmt_is_trim_char(*s)) {
        s++;
        n--;
    }
    while (n && fmt_is_trim_char(s[n - 1]))
        n--;
    return fmt_dup(s, n);
}

static size_t digits(const char *s, size_t n, size_t i)
{
    size_t start = i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    return i - start;
}

bool fmt_number(const char *s, size_t n, double *out)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
                     s[i] == '\v' || s[i] == '\f'))
        i++;
    size_t start = i;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    size_t whole = digits(s, n, i);
    i += whole;
    size_t frac = 0;
    if (i < n && s[i] == '.') {
        frac = digits(s, n, i + 1);
        i += 1 + frac;
    }
    if (whole + frac == 0)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < n && (s[j] == '+' || s[j] == '-'))
            j++;
        size_t exp = digits(s, n, j);
        if (exp == 0)
            return false;
        i = j + exp;
    }
    size_t end = i;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
                     s[i] == '\v' || s[i] == '\f'))
        i++;
    if (i != n)
        return false;
    char tmp[64];
    if (end - start >= sizeof(tmp))
        return false;
    memcpy(tmp, s + start, end - start);
    tmp[end - start] = '\0';
    double v = strtod(tmp, NULL);
    if (!isfinite(v))
        return false;
    if (out)
        *out = v;
    return true;
}

void fmt_number_text(char *buf, size_t size, double v)
{
    if (v == 0)
        v = 0; /* no "-0" */
    /* plain decimals where they are exact enough: other GIFT parsers know no exponents */
    if (fabs(v) < 1e15 && (v == 0 || fabs(v) >= 1e-6)) {
        for (int prec = 0; prec <= 20; prec++) {
            snprintf(buf, size, "%.*f", prec, v);
            if (strtod(buf, NULL) == v)
                return;
        }
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* ---- model ---- */

struct recite_question *fmt_add_question(struct recite_questions *qs)
{
    struct recite_question *grown = realloc(qs->items, (qs->count + 1) * sizeof(*grown));
    if (!grown)
        return NULL;
    qs->items = grown;
    struct recite_question *q = &qs->items[qs->count++];
    *q = (struct recite_question){.single = -1};
    return q;
}

struct recite_qanswer *fmt_add_answer(struct recite_question *q)
{
    struct recite_qanswer *grown = realloc(q->answers, (q->answer_count + 1) * sizeof(*grown));
    if (!grown)
        return NULL;
    q->answers = grown;
    struct recite_qanswer *a = &q->answers[q->answer_count++];
    *a = (struct recite_qanswer){0};
    return a;
}

int fmt_add_tag(struct recite_question *q, const char *tag, size_t n)
{
    char **grown = realloc(q->tags, (q->tag_count + 1) * sizeof(*grown));
    if (!grown)
        return RECITE_ENOMEM;
    q->tags = grown;
    if (!(q->tags[q->tag_count] = fmt_dup(tag, n)))
        return RECITE_ENOMEM;
    q->tag_count++;
    return 0;
}

void fmt_question_release(struct recite_question *q)
{
    free(q->title);
    free(q->id);
    for (size_t i = 0; i < q->tag_count; i++)
        free(q->tags[i]);
    free(q->tags);
    free(q->category);
    free(q->text);
    free(q->format);
    for (size_t i = 0; i < q->answer_count; i++) {
        free(q->answers[i].text);
        free(q->answers[i].match);
        free(q->answers[i].feedback);
    }
    free(q->answers);
    free(q->general_feedback);
    *q = (struct recite_question){.single = -1};
}

void fmt_drop_last(struct recite_questions *qs)
{
    if (qs->count)
        fmt_question_release(&qs->items[--qs->count]);
}

void recite_questions_release(struct recite_questions *qs)
{
    if (!qs)
        return;
    for (size_t i = 0; i < qs->count; i++)
        fmt_question_release(&qs->items[i]);
    free(qs->items);
    qs->items = NULL;
    qs->count = 0;
}

static const char *const qkind_names[RECITE_Q_KIND_COUNT] = {
    "multichoice", "truefalse", "shortanswer", "matching",
    "numerical",   "essay",     "description", "flashcard",
};

const char *recite_qkind_name(enum recite_qkind kind)
{
    return (unsigned)kind < RECITE_Q_KIND_COUNT ? qkind_names[kind] : NULL;
}

int recite_qkind_from_name(const char *name)
{
    for (int i = 0; i < RECITE_Q_KIND_COUNT; i++)
        if (strcmp(name, qkind_names[i]) == 0)
            return i;
    return -1;
}

/* ---- loss report ---- */

static const char *const loss_names[FMT_LOSS_COUNT] = {
    "unsupported questions", "titles",   "ids",        "tags",
    "categories",           "formats",  "feedback",   "general feedback",
    "partial weights",      "line breaks", "cloze deletions after the first",
    "alternative answers", "question kinds (now flashcards)",
    "'->' in short answers (written '- >')",
};

void fmt_report_fill(struct recite_format_report *report, const struct fmt_losses *losses,
                     size_t written, size_t skipped)
{
    if (!report)
        return;
    report->written = written;
    report->skipped = skipped;
    report->dropped[0] = '\0';
    size_t used = 0;
    for (int i = 0; i < FMT_LOSS_COUNT; i++) {
        if (!losses->n[i])
            continue;
        int n = snprintf(report->dropped + used, sizeof(report->dropped) - used, "%s%s (%zu)",
                         used ? ", " : "dropped: ", loss_names[i], losses->n[i]);
        if (n < 0 || (size_t)n >= sizeof(report->dropped) - used)
            break;
        used += (size_t)n;
    }
}

/* ---- html for display ---- */

static bool tag_breaks(const char *tag, size_t n)
{
    static const char *const breaks[] = {"br", "/p", "/div", "/li", "p", "div"};
    for (size_t i = 0; i < sizeof(breaks) / sizeof(breaks[0]); i++) {
        size_t k = strlen(breaks[i]);
        if (n >= k && strncasecmp(tag, breaks[i], k) == 0 &&
            (n == k || tag[k] == ' ' || tag[k] == '/' || tag[k] == '>'))
            return i < 4;
    }
    return false;
}

/* One entity at s (after '&'); appends it and returns its length, or 0. */
static size_t entity(struct recite_buf *b, const char *s)
{
    static const struct {
        const char *name;
        const char *text;
    } named[] = {{"amp;", "&"}, {"lt;", "<"},  {"gt;", ">"},
                 {"quot;", "\""}, {"#39;", "'"}, {"nbsp;", "\xC2\xA0"}};
    for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
        size_t n = strlen(named[i].name);
        if (strncmp(s, named[i].name, n) == 0) {
            recite_buf_adds(b, named[i].text);
            return n;
        }
    }
    if (s[0] != '#')
        return 0;
    char *end = NULL;
    bool hex = s[1] == 'x' || s[1] == 'X';
    long cp = strtol(s + 1 + hex, &end, hex ? 16 : 10);
    if (!end || *end != ';' || end == s + 1 + hex || cp <= 0 || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp < 0x20)
        return 0;
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, enc);
    recite_buf_add(b, (const char *)enc, (size_t)n);
    return (size_t)(end - s) + 1;
}

int recite_format_plain_text(char **out, const char *html, struct recite_error *err)
{
    struct recite_buf b = {0};
    for (const char *p = html; *p; p++) {
        if (*p == '<') {
            const char *close = strchr(p, '>');
            if (close) {
                if (tag_breaks(p + 1, (size_t)(close - p - 1)))
                    recite_buf_addc(&b, '\n');
                p = close;
                continue;
            }
        } else if (*p == '&') {
            size_t n = entity(&b, p + 1);
            if (n) {
                p += n;
                continue;
            }
        }
        recite_buf_addc(&b, *p);
    }
    return recite_buf_finish(&b, out, NULL, err);
}
