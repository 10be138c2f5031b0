/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Moodle GIFT, read as Moodle's qformat_gift reads it (docs/formats.md §2):
 * blocks separated by blank lines, escapes replaced by placeholders before
 * any syntax is looked at, one answer block per question, the question type
 * decided on the answer text. Written as Moodle's exporter writes it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gift.h"

/* An escape `\X` becomes PH followed by a letter: same length, no syntax. */
#define PH '\x01'
static const char esc_from[] = "\\~=#{}:n";
static const char esc_code[] = "abcdefgh";
static const char esc_to[] = "\\~=#{}:\n";

/* One line of a block: where it starts in the joined text and in the file. */
struct span {
    size_t off;
    unsigned line;
    unsigned col;
};

struct block {
    struct recite_buf text;  /* lines joined with '\n', comment lines as ' ' */
    struct span *spans;
    size_t span_count;
    struct recite_buf comments; /* comment lines, '\n'-separated */
    unsigned first_line;
};

struct reader {
    struct recite_questions *out;
    struct fmt_sink *sink;
    char *category;
    const struct block *bk;
    size_t lead; /* bytes trimmed from the front of the joined text */
    bool oom;
};

/* ---- positions ---- */

static void locate(const struct reader *r, size_t off, unsigned *line, unsigned *col)
{
    off += r->lead;
    const struct block *bk = r->bk;
    size_t i = 0;
    while (i + 1 < bk->span_count && bk->spans[i + 1].off <= off)
        i++;
    *line = bk->spans[i].line;
    *col = bk->spans[i].col + (unsigned)(off - bk->spans[i].off);
}

static void fail(struct reader *r, size_t off, const char *msg)
{
    unsigned line, col;
    locate(r, off, &line, &col);
    fmt_problem(r->sink, line, col, "%s", msg);
}

/* ---- escapes and pieces ---- */

static void escape_in_place(char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '\\')
            continue;
        const char *hit = strchr(esc_from, s[i + 1]);
        if (!hit || !s[i + 1])
            continue;
        s[i] = PH;
        s[i + 1] = esc_code[hit - esc_from];
        i++;
    }
}

/* Placeholders restored, then trimmed (PHP order). */
static char *restore(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *code = i + 1 < n && s[i] == PH ? strchr(esc_code, s[i + 1]) : NULL;
        if (code && s[i + 1]) {
            out[k++] = esc_to[code - esc_code];
            i++;
        } else {
            out[k++] = s[i];
        }
    }
    char *trimmed = fmt_trim_dup(out, k);
    free(out);
    return trimmed;
}

static void trim_span(const char *s, size_t *a, size_t *b)
{
    while (*a < *b && fmt_is_trim_char(s[*a]))
        (*a)++;
    while (*b > *a && fmt_is_trim_char(s[*b - 1]))
        (*b)--;
}

static const char *const formats[] = {"moodle", "html", "plain", "markdown"};

/*
 * Text of [a, b) with an optional leading [format] marker: the marker's
 * format goes to *format (or deflt), the text is restored and trimmed.
 */
static char *format_text(const char *s, size_t a, size_t b, const char *deflt, char **format)
{
    trim_span(s, &a, &b);
    const char *found = deflt;
    for (size_t i = 0; i < 4; i++) {
        size_t n = strlen(formats[i]);
        if (b - a >= n + 2 && s[a] == '[' && memcmp(s + a + 1, formats[i], n) == 0 &&
            s[a + 1 + n] == ']') {
            found = formats[i];
            a += n + 2;
            break;
        }
    }
    if (format && !(*format = recite_strdup(found)))
        return NULL;
    return restore(s + a, b - a);
}

/* Empty feedback is no feedback. */
static char *feedback_or_null(char *s)
{
    if (s && !s[0]) {
        free(s);
        return NULL;
    }
    return s;
}

static size_t find(const char *s, size_t a, size_t b, char c)
{
    for (size_t i = a; i < b; i++)
        if (s[i] == c)
            return i;
    return b;
}

static size_t find_str(const char *s, size_t a, size_t b, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = a; i + n <= b; i++)
        if (memcmp(s + i, needle, n) == 0)
            return i;
    return b;
}

/* Parses a leading %w% of [*a, b) (already trimmed): moves *a past it. */
static bool weight_prefix(const char *s, size_t *a, size_t b, double *w)
{
    size_t i = *a;
    if (i >= b || s[i] != '%')
        return false;
    i++;
    size_t num = i;
    while (i < b && s[i] == '-')
        i++;
    size_t d = i;
    while (i < b && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i - d < 1)
        return false;
    if (i < b && s[i] == '.')
        i++;
    while (i < b && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i >= b || s[i] != '%')
        return false;
    /* PHP takes the text up to the next '%' as the number */
    double v = 0;
    if (!fmt_number(s + num, i - num, &v)) {
        /* "--5": PHP reads it as 0 */
        v = 0;
    }
    *w = v / 100.0;
    *a = i + 1;
    return true;
}

/* A %w% weight must lie in [-100, 100]. */
static bool weight_in_range(struct reader *r, size_t off, double w)
{
    if (w >= -1.0 && w <= 1.0)
        return true;
    fail(r, off, "weight outside -100% to 100%");
    return false;
}

/* Answer text and feedback of [a, b), split at the first '#'. */
static int answer_with_feedback(struct recite_qanswer *ans, const char *s, size_t a, size_t b,
                                const char *fmt)
{
    size_t hash = find(s, a, b, '#');
    ans->text = format_text(s, a, hash, fmt, NULL);
    if (!ans->text)
        return RECITE_ENOMEM;
    if (hash < b) {
        char *fb = format_text(s, hash + 1, b, fmt, NULL);
        if (!fb)
            return RECITE_ENOMEM;
        ans->feedback = feedback_or_null(fb);
    }
    return 0;
}

/* ---- splitting the answer text ---- */

struct piece {
    size_t a, b;
};

struct pieces {
    struct piece *items;
    size_t count;
};

static bool pieces_add(struct pieces *p, size_t a, size_t b)
{
    struct piece *grown = realloc(p->items, (p->count + 1) * sizeof(*grown));
    if (!grown)
        return false;
    p->items = grown;
    p->items[p->count++] = (struct piece){a, b};
    return true;
}

/*
 * Splits [a, b) at every sep; with keep_eq, also before every '=' (kept in
 * the next piece). Drops a leading piece that is empty after trimming.
 */
static bool split(struct pieces *p, const char *s, size_t a, size_t b, char sep, bool keep_eq)
{
    size_t start = a;
    for (size_t i = a; i <= b; i++) {
        if (i < b && s[i] != sep && !(keep_eq && s[i] == '='))
            continue;
        if (!pieces_add(p, start, i))
            return false;
        start = (i < b && s[i] == sep) ? i + 1 : i;
    }
    if (p->count) {
        size_t x = p->items[0].a, y = p->items[0].b;
        trim_span(s, &x, &y);
        if (x == y) {
            memmove(p->items, p->items + 1, (p->count - 1) * sizeof(*p->items));
            p->count--;
        }
    }
    for (size_t i = 0; i < p->count; i++)
        trim_span(s, &p->items[i].a, &p->items[i].b);
    return true;
}

/* ---- question types ---- */

static int read_multichoice(struct reader *r, struct recite_question *q, const char *s, size_t a,
                            size_t b)
{
    struct pieces p = {0};
    int rc = RECITE_ENOMEM;
    q->single = find(s, a, b, '=') < b ? 1 : 0;
    if (!split(&p, s, a, b, '~', true))
        goto out;
    if (p.count < 2) {
        fail(r, a, "a multiple-choice question needs at least two answers");
        rc = RECITE_EDATA;
        goto out;
    }
    for (size_t i = 0; i < p.count; i++) {
        size_t x = p.items[i].a, y = p.items[i].b;
        struct recite_qanswer *ans = fmt_add_answer(q);
        if (!ans)
            goto out;
        if (x < y && s[x] == '=') {
            ans->weight = 1;
            x++;
        } else if (!weight_prefix(s, &x, y, &ans->weight)) {
            ans->weight = 0;
        } else if (!weight_in_range(r, p.items[i].a, ans->weight)) {
            rc = RECITE_EDATA;
            goto out;
        }
        if ((rc = answer_with_feedback(ans, s, x, y, q->format)) < 0)
            goto out;
    }
    rc = 0;
out:
    free(p.items);
    return rc;
}

static int read_truefalse(struct recite_question *q, const char *s, size_t a, size_t b)
{
    size_t h1 = find(s, a, b, '#');
    size_t h2 = h1 < b ? find(s, h1 + 1, b, '#') : b;
    char *fb1 = NULL, *fb2 = NULL;
    if (h1 < b && !(fb1 = format_text(s, h1 + 1, h2, q->format, NULL)))
        return RECITE_ENOMEM;
    if (h2 < b && !(fb2 = format_text(s, h2 + 1, b, q->format, NULL))) {
        free(fb1);
        return RECITE_ENOMEM;
    }
    size_t x = a, y = h1;
    trim_span(s, &x, &y);
    bool truth = s[x] == 'T';
    struct recite_qanswer *t = fmt_add_answer(q);
    struct recite_qanswer *f = t ? fmt_add_answer(q) : NULL;
    if (!f) {
        free(fb1);
        free(fb2);
        return RECITE_ENOMEM;
    }
    t = &q->answers[0];
    t->text = recite_strdup("True");
    f->text = recite_strdup("False");
    t->weight = truth ? 1 : 0;
    f->weight = truth ? 0 : 1;
    /* the first feedback is for a wrong response, the second for a right one */
    t->feedback = feedback_or_null(truth ? fb2 : fb1);
    f->feedback = feedback_or_null(truth ? fb1 : fb2);
    return t->text && f->text ? 0 : RECITE_ENOMEM;
}

static int numeric_value(struct reader *r, struct recite_qanswer *ans, size_t off);

/*
 * The "=answer#feedback" pieces of [a, b) as weighted answers of q
 * ("=%50%half right"); numeric ones also read their value ("=1900:5").
 * missing is the message for a question with none.
 */
static int weighted_answers(struct reader *r, struct recite_question *q, const char *s, size_t a,
                            size_t b, bool numeric, const char *missing)
{
    struct pieces p = {0};
    int rc = RECITE_ENOMEM;
    if (!split(&p, s, a, b, '=', false))
        goto out;
    if (p.count < 1) {
        fail(r, a, missing);
        rc = RECITE_EDATA;
        goto out;
    }
    for (size_t i = 0; i < p.count; i++) {
        size_t x = p.items[i].a, y = p.items[i].b;
        struct recite_qanswer *ans = fmt_add_answer(q);
        if (!ans) {
            rc = RECITE_ENOMEM;
            goto out;
        }
        if (!weight_prefix(s, &x, y, &ans->weight))
            ans->weight = 1;
        else if (!weight_in_range(r, p.items[i].a, ans->weight)) {
            rc = RECITE_EDATA;
            goto out;
        }
        if ((rc = answer_with_feedback(ans, s, x, y, q->format)) < 0 ||
            (numeric && (rc = numeric_value(r, ans, x)) < 0))
            goto out;
    }
    rc = 0;
out:
    free(p.items);
    return rc;
}

static int read_shortanswer(struct reader *r, struct recite_question *q, const char *s, size_t a,
                            size_t b)
{
    return weighted_answers(r, q, s, a, b, false, "a short-answer question needs an answer");
}

static int read_matching(struct reader *r, struct recite_question *q, const char *s, size_t a,
                         size_t b)
{
    struct pieces p = {0};
    int rc = RECITE_ENOMEM;
    if (!split(&p, s, a, b, '=', false))
        goto out;
    if (p.count < 2) {
        fail(r, a, "a matching question needs at least two pairs");
        rc = RECITE_EDATA;
        goto out;
    }
    for (size_t i = 0; i < p.count; i++) {
        size_t x = p.items[i].a, y = p.items[i].b;
        size_t arrow = find_str(s, x, y, "->");
        if (arrow == y) {
            fail(r, x, "matching pair without '->'");
            rc = RECITE_EDATA;
            goto out;
        }
        struct recite_qanswer *ans = fmt_add_answer(q);
        if (!ans || !(ans->text = format_text(s, x, arrow, q->format, NULL)) ||
            !(ans->match = restore(s + arrow + 2, y - arrow - 2)))
            goto out;
        ans->weight = ans->text[0] ? 1 : 0;
    }
    rc = 0;
out:
    free(p.items);
    return rc;
}

/*
 * One numerical answer's value: lo..hi, v:t, v, or "*" (any answer).
 * Moodle silently turns any other non-number into "*"; we reject it, as a
 * typo there would otherwise accept every answer.
 */
static int numeric_value(struct reader *r, struct recite_qanswer *ans, size_t off)
{
    const char *t = ans->text;
    size_t n = strlen(t);
    const char *dots = strstr(t, "..");
    const char *colon = strchr(t, ':');
    double v = 0, tol = 0;
    char msg[200];
    if (strcmp(t, "*") == 0)
        return 0;
    if (dots && dots > t) {
        double lo, hi;
        if (!fmt_number(t, (size_t)(dots - t), &lo) ||
            !fmt_number(dots + 2, n - (size_t)(dots - t) - 2, &hi)) {
            snprintf(msg, sizeof(msg), "numerical range '%.150s' is not two numbers", t);
            goto bad;
        }
        v = (lo + hi) / 2;
        tol = hi - v;
    } else if (colon && colon > t) {
        if (!fmt_number(colon + 1, n - (size_t)(colon - t) - 1, &tol)) {
            snprintf(msg, sizeof(msg), "tolerance of '%.150s' is not a number", t);
            goto bad;
        }
        if (!fmt_number(t, (size_t)(colon - t), &v)) {
            snprintf(msg, sizeof(msg), "numerical answer '%.150s' is not a number", t);
            goto bad;
        }
    } else if (!fmt_number(t, n, &v)) {
        snprintf(msg, sizeof(msg), "numerical answer '%.150s' is not a number", t);
        goto bad;
    }
    free(ans->text);
    ans->text = NULL;
    ans->has_value = true;
    ans->value = v;
    ans->tolerance = tol;
    return 0;
bad:
    fail(r, off, msg);
    return RECITE_EDATA;
}

static int read_numerical(struct reader *r, struct recite_question *q, const char *s, size_t a,
                          size_t b)
{
    a++; /* the '#' */
    size_t tilde = find(s, a, b, '~');
    int rc = weighted_answers(r, q, s, a, tilde, true, "a numerical question needs an answer");
    if (rc < 0 || tilde == b)
        return rc;
    /* "~" then an optional "#feedback": what any other number gets */
    size_t hash = find(s, tilde, b, '#');
    struct recite_qanswer *ans = fmt_add_answer(q);
    if (!ans || !(ans->text = recite_strdup("*")))
        return RECITE_ENOMEM;
    if (hash < b) {
        char *fb = format_text(s, hash + 1, b, q->format, NULL);
        if (!fb)
            return RECITE_ENOMEM;
        ans->feedback = feedback_or_null(fb);
    }
    return 0;
}

/* ---- one block ---- */

/* Every [key:VALUE] of the comments; one_only stops after the first. */
static int meta(struct recite_question *q, const char *c, size_t n, const char *key, bool tag)
{
    size_t klen = strlen(key);
    for (size_t i = 0; i + klen < n; i++) {
        if (memcmp(c + i, key, klen) != 0)
            continue;
        struct recite_buf v = {0};
        size_t j = i + klen;
        bool closed = false;
        for (; j < n; j++) {
            unsigned char ch = (unsigned char)c[j];
            if (ch == '\\' && j + 1 < n && c[j + 1] == ']') {
                recite_buf_addc(&v, ']');
                j++;
            } else if (ch == ']') {
                closed = true;
                break;
            } else if (ch < 0x20 || ch == 0x7f || (tag && strchr("<>`", ch))) {
                break;
            } else {
                recite_buf_addc(&v, (char)ch);
            }
        }
        char *value = closed && v.len ? fmt_trim_dup(v.data, v.len) : NULL;
        bool oom = v.oom || (closed && v.len && !value);
        free(v.data);
        if (oom)
            return RECITE_ENOMEM;
        if (value && !value[0]) {
            free(value);
            value = NULL;
        }
        if (value && tag) {
            int rc = fmt_add_tag(q, value, strlen(value));
            free(value);
            if (rc < 0)
                return rc;
        } else if (value) {
            q->id = value;
            return 0;
        }
        if (closed)
            i = j;
    }
    return 0;
}

/* The category path, kept as written: Moodle does not undo escapes there. */
static int set_category(struct reader *r, const char *s, size_t n)
{
    struct recite_buf b = {0};
    for (size_t i = 0; i < n; i++) {
        const char *code = i + 1 < n && s[i] == PH ? strchr(esc_code, s[i + 1]) : NULL;
        if (code && s[i + 1]) {
            recite_buf_addc(&b, '\\');
            recite_buf_addc(&b, esc_from[code - esc_code]);
            i++;
        } else {
            recite_buf_addc(&b, s[i]);
        }
    }
    char *cat = b.oom ? NULL : fmt_trim_dup(b.data ? b.data : "", b.len);
    free(b.data);
    if (!cat)
        return RECITE_ENOMEM;
    free(r->category);
    r->category = cat;
    return 0;
}

/* The question text around the answer block [lb, rb]. */
static int question_text(struct recite_question *q, const char *s, size_t start, size_t n,
                         size_t lb, size_t rb)
{
    struct recite_buf t = {0};
    recite_buf_add(&t, s + start, lb - start);
    if (s[n - 1] != '}') {
        recite_buf_adds(&t, "_____");
        q->blank = true;
    }
    recite_buf_add(&t, s + rb + 1, n - rb - 1);
    if (t.oom) {
        free(t.data);
        return RECITE_ENOMEM;
    }
    q->text = format_text(t.data ? t.data : "", 0, t.len, "moodle", &q->format);
    free(t.data);
    return q->text ? 0 : RECITE_ENOMEM;
}

static bool is_tf(const char *s, size_t a, size_t b)
{
    size_t hash = find(s, a, b, '#');
    size_t x = a, y = hash;
    trim_span(s, &x, &y);
    const char *words[] = {"T", "TRUE", "F", "FALSE"};
    for (size_t i = 0; i < 4; i++)
        if (y - x == strlen(words[i]) && memcmp(s + x, words[i], y - x) == 0)
            return true;
    return false;
}

static int read_answers(struct reader *r, struct recite_question *q, const char *s, size_t a,
                        size_t b)
{
    size_t gf = b;
    for (size_t i = a; i + 4 <= b; i++)
        if (memcmp(s + i, "####", 4) == 0)
            gf = i;
    if (gf < b) {
        char *g = format_text(s, gf + 4, b, q->format, NULL);
        if (!g)
            return RECITE_ENOMEM;
        q->general_feedback = feedback_or_null(g);
        b = gf;
    }
    trim_span(s, &a, &b);
    if (a == b) {
        q->kind = RECITE_Q_ESSAY;
        return 0;
    }
    if (s[a] == '#') {
        q->kind = RECITE_Q_NUMERICAL;
        return read_numerical(r, q, s, a, b);
    }
    if (find(s, a, b, '~') < b) {
        q->kind = RECITE_Q_MULTICHOICE;
        return read_multichoice(r, q, s, a, b);
    }
    if (find(s, a, b, '=') < b && find_str(s, a, b, "->") < b) {
        q->kind = RECITE_Q_MATCHING;
        return read_matching(r, q, s, a, b);
    }
    if (is_tf(s, a, b)) {
        q->kind = RECITE_Q_TRUEFALSE;
        return read_truefalse(q, s, a, b);
    }
    q->kind = RECITE_Q_SHORTANSWER;
    return read_shortanswer(r, q, s, a, b);
}

/* The question of the escaped, trimmed block text s (n bytes). */
static int read_question(struct reader *r, struct recite_question *q, const char *s, size_t n)
{
    size_t start = 0;
    if (n >= 2 && s[0] == ':' && s[1] == ':') {
        size_t end = find_str(s, 2, n, "::");
        start = 2;
        if (end < n) {
            if (!(q->title = restore(s + 2, end - 2)))
                return RECITE_ENOMEM;
            start = end + 2;
        }
    }
    size_t lb = find(s, start, n, '{');
    size_t rb = find(s, start, n, '}');
    if (lb == n && rb == n) {
        q->kind = RECITE_Q_DESCRIPTION;
        q->text = format_text(s, start, n, "moodle", &q->format);
        return q->text ? 0 : RECITE_ENOMEM;
    }
    if (lb == n || rb == n || rb < lb) {
        fail(r, lb < n ? lb : rb,
             lb < n ? "'{' is never closed" : "'}' without an opening '{'");
        return RECITE_EDATA;
    }
    int rc = question_text(q, s, start, n, lb, rb);
    return rc < 0 ? rc : read_answers(r, q, s, lb + 1, rb);
}

static int read_block(struct reader *r, struct block *bk)
{
    char *s = bk->text.data;
    size_t n = bk->text.len;
    r->bk = bk;
    r->lead = 0;
    while (r->lead < n && fmt_is_trim_char(s[r->lead]))
        r->lead++;
    while (n > r->lead && fmt_is_trim_char(s[n - 1]))
        n--;
    s += r->lead;
    n -= r->lead;
    if (n == 0)
        return 0;
    const char *ph = memchr(s, PH, n);
    if (ph) {
        fail(r, (size_t)(ph - s), "control character U+0001 in the text");
        return 0;
    }
    escape_in_place(s, n);
    if (n >= 10 && memcmp(s, "$CATEGORY:", 10) == 0)
        return set_category(r, s + 10, n - 10);
    struct recite_question *q = fmt_add_question(r->out);
    if (!q)
        return RECITE_ENOMEM;
    q->line = bk->first_line;
    int rc = meta(q, bk->comments.data, bk->comments.len, "[id:", false);
    if (rc == 0)
        rc = meta(q, bk->comments.data, bk->comments.len, "[tag:", true);
    if (rc == 0 && r->category && !(q->category = recite_strdup(r->category)))
        rc = RECITE_ENOMEM;
    if (rc == 0)
        rc = read_question(r, q, s, n);
    if (rc < 0)
        fmt_drop_last(r->out);
    return rc == RECITE_ENOMEM ? rc : 0;
}

/* ---- lines into blocks ---- */

static void block_reset(struct block *bk)
{
    bk->text.len = 0;
    if (bk->text.data)
        bk->text.data[0] = '\0';
    bk->comments.len = 0;
    if (bk->comments.data)
        bk->comments.data[0] = '\0';
    bk->span_count = 0;
    bk->first_line = 0;
}

static bool block_add_line(struct block *bk, const char *s, size_t n, unsigned line, unsigned col)
{
    if (bk->span_count)
        recite_buf_addc(&bk->text, '\n');
    struct span *grown = realloc(bk->spans, (bk->span_count + 1) * sizeof(*grown));
    if (!grown)
        return false;
    bk->spans = grown;
    bk->spans[bk->span_count++] = (struct span){bk->text.len, line, col};
    if (!bk->first_line)
        bk->first_line = line;
    if (n >= 2 && s[0] == '/' && s[1] == '/') {
        recite_buf_addc(&bk->text, ' ');
        recite_buf_add(&bk->comments, s, n);
        recite_buf_addc(&bk->comments, '\n');
    } else {
        recite_buf_add(&bk->text, s, n);
    }
    return !bk->text.oom && !bk->comments.oom;
}

int gift_read(struct recite_questions *out, const char *text, size_t len, struct fmt_sink *sink)
{
    struct reader r = {.out = out, .sink = sink};
    struct block bk = {0};
    int rc = 0;
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    char eol = memchr(text, '\n', len) || !memchr(text, '\r', len) ? '\n' : '\r';
    unsigned line = 0;
    while (i <= len && rc == 0) {
        if (i == len && bk.span_count == 0)
            break;
        const char *nl = i < len ? memchr(text + i, eol, len - i) : NULL;
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t a = i, b = end;
        line++;
        trim_span(text, &a, &b);
        if (a == b) {
            if (bk.span_count)
                rc = read_block(&r, &bk);
            block_reset(&bk);
        } else if (!block_add_line(&bk, text + a, b - a, line,
                                   (unsigned)(a - (line == 1 ? 0 : i)) + 1)) {
            rc = RECITE_ENOMEM;
        }
        if (!nl) {
            if (rc == 0 && bk.span_count)
                rc = read_block(&r, &bk);
            break;
        }
        i = end + 1;
    }
    free(bk.text.data);
    free(bk.comments.data);
    free(bk.spans);
    free(r.category);
    return rc < 0 ? rc : (sink->oom ? RECITE_ENOMEM : 0);
}

/* ---- writing ---- */

static void put_escaped(struct recite_buf *b, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '\r')
            continue;
        if (*s == '\n') {
            recite_buf_adds(b, "\\n");
            continue;
        }
        if (strchr("\\#=~{}:", *s))
            recite_buf_addc(b, '\\');
        recite_buf_addc(b, *s);
    }
}

/* A leading format marker when the text needs one. */
static void put_format(struct recite_buf *b, const char *format, const char *text)
{
    bool looks_marked = text && text[0] == '[';
    for (size_t i = 0; looks_marked && i < 4; i++) {
        size_t n = strlen(formats[i]);
        looks_marked = !(strncmp(text + 1, formats[i], n) == 0 && text[1 + n] == ']');
    }
    if (format && strcmp(format, "moodle") != 0)
        recite_buf_addf(b, "[%s]", format);
    else if (text && ((text[0] == '[' && !looks_marked) || strncmp(text, "//", 2) == 0 ||
                      strncmp(text, "\xEF\xBB\xBF", 3) == 0))
        recite_buf_adds(b, "[moodle]"); /* else read as a comment, or a BOM at the file's start */
}

static void put_meta(struct recite_buf *b, const char *key, const char *value)
{
    recite_buf_addf(b, "[%s:", key);
    for (const char *p = value; *p; p++) {
        if (*p == ']')
            recite_buf_addc(b, '\\');
        recite_buf_addc(b, (*p == '\n' || *p == '\r') ? ' ' : *p);
    }
    recite_buf_addc(b, ']');
}

static void put_weight(struct recite_buf *b, double weight)
{
    char num[32];
    snprintf(num, sizeof(num), "%.12g", weight * 100.0);
    recite_buf_addf(b, "%%%s%%", strcmp(num, "-0") == 0 ? "0" : num);
}

/* Escaped text with every '->' written '- >' (see put_shortanswer). */
static void put_arrowless(struct recite_buf *b, const char *text)
{
    struct recite_buf t = {0};
    put_escaped(&t, text);
    for (size_t i = 0; i < t.len; i++) {
        recite_buf_addc(b, t.data[i]);
        if (t.data[i] == '-' && i + 1 < t.len && t.data[i + 1] == '>')
            recite_buf_addc(b, ' ');
    }
    b->oom |= t.oom;
    free(t.data);
}

static bool has_arrow(const char *s)
{
    return s && strstr(s, "->");
}

/*
 * Short answers: '=' together with '->' anywhere in the braces reads as
 * matching. One answer then goes without '='; several get '- >' instead
 * of '->' (counted as a loss).
 */
static void put_shortanswer(struct recite_buf *b, const struct recite_question *q,
                            struct fmt_losses *losses)
{
    bool arrow = false;
    for (size_t i = 0; i < q->answer_count; i++)
        arrow |= has_arrow(q->answers[i].text) || has_arrow(q->answers[i].feedback);
    bool several = q->answer_count > 1;
    if (arrow && several)
        losses->n[FMT_LOSS_ARROWS]++;
    for (size_t i = 0; i < q->answer_count; i++) {
        const struct recite_qanswer *a = &q->answers[i];
        recite_buf_adds(b, several ? "\n\t=" : arrow ? "" : "=");
        put_weight(b, q->kind == RECITE_Q_FLASHCARD ? 1 : a->weight);
        if (arrow && several) {
            put_arrowless(b, a->text);
            if (a->feedback && a->feedback[0]) {
                recite_buf_addc(b, '#');
                put_arrowless(b, a->feedback);
            }
            continue;
        }
        put_escaped(b, a->text);
        if (a->feedback && a->feedback[0]) {
            recite_buf_addc(b, '#');
            put_escaped(b, a->feedback);
        }
    }
    if (several)
        recite_buf_addc(b, '\n');
}

static void put_feedback(struct recite_buf *b, const char *feedback)
{
    if (feedback && feedback[0]) {
        recite_buf_addc(b, '#');
        put_escaped(b, feedback);
    }
}

static void put_multichoice(struct recite_buf *b, const struct recite_question *q)
{
    for (size_t i = 0; i < q->answer_count; i++) {
        const struct recite_qanswer *a = &q->answers[i];
        recite_buf_adds(b, "\n\t");
        if (a->weight == 1 && q->single == 1)
            recite_buf_addc(b, '=');
        else if (a->weight == 0 && !(a->text && a->text[0] == '%'))
            recite_buf_addc(b, '~');
        else {
            recite_buf_addc(b, '~');
            put_weight(b, a->weight);
        }
        put_escaped(b, a->text);
        put_feedback(b, a->feedback);
    }
    recite_buf_addc(b, '\n');
}

static void put_truefalse(struct recite_buf *b, const struct recite_question *q)
{
    const struct recite_qanswer *t = q->answer_count > 0 ? &q->answers[0] : NULL;
    const struct recite_qanswer *f = q->answer_count > 1 ? &q->answers[1] : NULL;
    bool truth = t && t->weight > 0;
    const char *right = truth ? (t ? t->feedback : NULL) : (f ? f->feedback : NULL);
    const char *wrong = truth ? (f ? f->feedback : NULL) : (t ? t->feedback : NULL);
    recite_buf_adds(b, truth ? "TRUE" : "FALSE");
    if (wrong || right) {
        recite_buf_addc(b, '#');
        put_escaped(b, wrong);
    }
    if (right) {
        recite_buf_addc(b, '#');
        put_escaped(b, right);
    }
}

static void put_numerical(struct recite_buf *b, const struct recite_question *q)
{
    recite_buf_addc(b, '#');
    for (size_t i = 0; i < q->answer_count; i++) {
        const struct recite_qanswer *a = &q->answers[i];
        recite_buf_adds(b, "\n\t");
        if (!a->has_value && a->weight == 0) {
            recite_buf_addc(b, '~');
        } else {
            recite_buf_addc(b, '=');
            put_weight(b, a->weight);
            if (a->has_value) {
                char v[40], t[40];
                fmt_number_text(v, sizeof(v), a->value);
                fmt_number_text(t, sizeof(t), a->tolerance);
                recite_buf_addf(b, "%s:%s", v, t);
            } else {
                recite_buf_addc(b, '*');
            }
        }
        put_feedback(b, a->feedback);
    }
    recite_buf_addc(b, '\n');
}

static void put_answers(struct recite_buf *b, const struct recite_question *q,
                        struct fmt_losses *losses)
{
    recite_buf_addc(b, '{');
    switch (q->kind) {
    case RECITE_Q_MULTICHOICE:
        put_multichoice(b, q);
        break;
    case RECITE_Q_TRUEFALSE:
        put_truefalse(b, q);
        break;
    case RECITE_Q_NUMERICAL:
        put_numerical(b, q);
        break;
    case RECITE_Q_MATCHING:
        for (size_t i = 0; i < q->answer_count; i++) {
            recite_buf_adds(b, "\n\t=");
            put_escaped(b, q->answers[i].text);
            recite_buf_adds(b, " -> ");
            put_escaped(b, q->answers[i].match);
        }
        recite_buf_addc(b, '\n');
        break;
    case RECITE_Q_SHORTANSWER:
    case RECITE_Q_FLASHCARD:
        put_shortanswer(b, q, losses);
        break;
    default:
        break;
    }
    if (q->general_feedback && q->general_feedback[0]) {
        recite_buf_adds(b, "####");
        put_escaped(b, q->general_feedback);
    }
    recite_buf_addc(b, '}');
}

static void put_question(struct recite_buf *b, const struct recite_question *q,
                         struct fmt_losses *losses)
{
    if (q->id || q->tag_count) {
        recite_buf_adds(b, "//");
        if (q->id) {
            recite_buf_addc(b, ' ');
            put_meta(b, "id", q->id);
        }
        for (size_t i = 0; i < q->tag_count; i++) {
            recite_buf_addc(b, ' ');
            put_meta(b, "tag", q->tags[i]);
        }
        recite_buf_addc(b, '\n');
    }
    if (q->title) {
        recite_buf_adds(b, "::");
        put_escaped(b, q->title);
        recite_buf_adds(b, "::");
    }
    const char *text = q->text ? q->text : "";
    put_format(b, q->format, q->title ? NULL : text);
    if (q->kind == RECITE_Q_DESCRIPTION) {
        put_escaped(b, text);
        recite_buf_adds(b, "\n\n");
        return;
    }
    const char *blank = q->blank ? strstr(text, "_____") : NULL;
    char *before = fmt_dup(text, blank ? (size_t)(blank - text) : strlen(text));
    if (!before) {
        b->oom = true;
        return;
    }
    put_escaped(b, before);
    free(before);
    if (!blank)
        recite_buf_addc(b, '\n');
    put_answers(b, q, losses);
    if (blank)
        put_escaped(b, blank + 5);
    recite_buf_adds(b, "\n\n");
}

/* A category as written, less lines that would read as blank (a block end). */
static void put_category(struct recite_buf *b, const char *c)
{
    bool first = true;
    while (*c) {
        size_t n = strcspn(c, "\n");
        size_t x = 0, y = n;
        trim_span(c, &x, &y);
        if (x < y) {
            if (!first)
                recite_buf_addc(b, '\n');
            recite_buf_add(b, c + x, y - x);
            first = false;
        }
        c += n + (c[n] == '\n');
    }
}

void gift_write(struct recite_buf *b, const struct recite_questions *qs, struct fmt_losses *losses,
                size_t *skipped)
{
    const char *category = NULL;
    *skipped = 0;
    for (size_t i = 0; i < qs->count; i++) {
        const struct recite_question *q = &qs->items[i];
        if (q->category && (!category || strcmp(category, q->category) != 0)) {
            recite_buf_adds(b, "$CATEGORY: ");
            put_category(b, q->category);
            recite_buf_adds(b, "\n\n");
            category = q->category;
        } else if (!q->category && category) {
            losses->n[FMT_LOSS_CATEGORY]++;
        }
        if (q->kind == RECITE_Q_DESCRIPTION && !q->title && !(q->text && q->text[0])) {
            (*skipped)++; /* nothing to write */
            continue;
        }
        if (q->blank && !strstr(q->text ? q->text : "", "_____"))
            losses->n[FMT_LOSS_FORMAT]++;
        put_question(b, q, losses);
    }
}
