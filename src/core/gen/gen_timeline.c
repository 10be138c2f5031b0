/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Dated entries: list items and table rows that pair a date with what
 * happened, with no sentence around them. "- 1949: NATO founded in
 * Washington", "| 1955 | West Germany joins the alliance |" (a row's cells
 * arrive split by ';'), "- 2.7.1 2010-11-27" (a label, then its date).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_internal.h"

enum { MAX_LABEL_WORDS = 8 };

static size_t words_in(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += !gen_is_space(s[i]) && (i == 0 || gen_is_space(s[i - 1]));
    return w;
}

/* Length of a separator between a date and its text: ':', ';', ',', '-', a dash; else 0. */
static size_t separator(const char *t, size_t n)
{
    if (n == 0)
        return 0;
    if (t[0] == ':' || t[0] == ';' || t[0] == ',' || t[0] == '-' || t[0] == '.')
        return 1;
    return gen_dash_len(t, t + n);
}

static void trim_end(const char *t, size_t *n)
{
    while (*n > 0 && (gen_is_space(t[*n - 1]) || t[*n - 1] == '.' || t[*n - 1] == ';' ||
                      t[*n - 1] == ',' || t[*n - 1] == ':'))
        (*n)--;
}

static int emit(const struct gen_sink *sink, int year, int month, int day, const char *what,
                size_t n)
{
    char when[16];
    if (day)
        snprintf(when, sizeof(when), "%04d-%02d-%02d", year, month, day);
    else if (month)
        snprintf(when, sizeof(when), "%04d-%02d", year, month);
    else
        snprintf(when, sizeof(when), "%04d", year);
    char *text = gen_clean_copy(what, n);
    if (!text)
        return RECITE_ENOMEM;
    struct recite_gen_fact f = {0};
    f.kind = RECITE_GEN_EVENT;
    f.when = when;
    f.what = text;
    f.rule = "timeline";
    int rc = sink->add(sink->ctx, &f);
    free(text);
    return rc;
}

/* "1949: NATO founded in Washington", "1955 – West Germany joins": the date leads. */
static int date_first(const struct gen_sink *sink, const char *t, size_t n, bool row, bool *found)
{
    size_t start;
    int y, m, d;
    size_t len = gen_date_span(t, n, false, &start, &y, &m, &d);
    if (!len || start != 0)
        return 0;
    size_t i = len;
    while (i < n && gen_is_space(t[i]))
        i++;
    size_t sep = separator(t + i, n - i);
    i += sep;
    while (i < n && gen_is_space(t[i]))
        i++;
    if (i >= n)
        return 0;
    const char *what = t + i;
    size_t wn = n - i;
    if (row) { /* the next cell only */
        const char *cell = memchr(what, ';', wn);
        if (cell)
            wn = (size_t)(cell - what);
    }
    trim_end(what, &wn);
    /* "2016 – April 2020: Martin Hynes", "2025–present: ...": a term of office, not an event */
    static const char *const open_end[] = {"present", "today", "now", "date", NULL};
    size_t first = 0;
    while (first < wn && gen_is_alpha(what[first]))
        first++;
    size_t at;
    int y2, m2, d2;
    if (gen_word_in(what, first, open_end, true) ||
        gen_date_span(what, wn, false, &at, &y2, &m2, &d2) || gen_is_digit(what[0]))
        return 0;
    unsigned char c = (unsigned char)what[0];
    /* without a separator, the text must start as a name does: "1949 NATO founded" */
    bool starts = gen_is_alpha(what[0]) || c >= 0xC0;
    if (!starts || (!sep && !gen_is_upper(what[0]) && c < 0xC0) || words_in(what, wn) < 2)
        return 0;
    *found = true;
    return emit(sink, y, m, d, what, wn);
}

/* The length of t[0, n) without a weekday at its end ("3.9.0 alpha 1: Tuesday"). */
static size_t without_weekday(const char *t, size_t n)
{
    size_t w = n;
    while (w > 0 && !gen_is_space(t[w - 1]))
        w--;
    if (w == 0 || !gen_word_in(t + w, n - w, gen_weekdays, true))
        return n;
    trim_end(t, &w);
    return w;
}

/*
 * "2.7.1 2010-11-27", "Treaty of Rome: 25 March 1957": a short label, then a
 * full date, and maybe a note in brackets after it ("3.9.8 final: Friday,
 * 2021-11-05 (recalled due to bpo-45235)"), which the label keeps.
 */
static int date_last(const struct gen_sink *sink, const char *t, size_t n, bool *found)
{
    size_t note = n;
    if (n > 2 && t[n - 1] == ')') {
        int depth = 0;
        for (note = n; note > 0; note--) {
            depth += (t[note - 1] == ')') - (t[note - 1] == '(');
            if (depth == 0)
                break;
        }
        note = note > 0 ? note - 1 : n;
    }
    size_t dated = note;
    while (dated > 0 && gen_is_space(t[dated - 1]))
        dated--;
    size_t start;
    int y, m, d;
    size_t len = gen_date_span(t, dated, true, &start, &y, &m, &d);
    if (!len || !m || start == 0)
        return 0;
    size_t ln = start;
    while (ln > 0 && gen_is_space(t[ln - 1]))
        ln--;
    size_t sep = ln > 0 ? separator(t + ln - 1, 1) : 0;
    if (!sep && ln >= 3 && gen_dash_len(t + ln - 3, t + ln) == 3)
        sep = 3;
    ln -= sep;
    trim_end(t, &ln);
    ln = without_weekday(t, ln);
    size_t words = words_in(t, ln);
    if (ln == 0 || words == 0 || words > MAX_LABEL_WORDS)
        return 0;
    *found = true;
    if (note == n)
        return emit(sink, y, m, d, t, ln);
    /* the label, then the note */
    size_t note_len = n - note;
    char *what = malloc(ln + 1 + note_len + 1);
    if (!what)
        return RECITE_ENOMEM;
    memcpy(what, t, ln);
    what[ln] = ' ';
    memcpy(what + ln + 1, t + note, note_len);
    int rc = emit(sink, y, m, d, what, ln + 1 + note_len);
    free(what);
    return rc;
}

int gen_timeline(const struct gen_sink *sink, const struct gen_sentence *s, bool row, bool *found)
{
    *found = false;
    size_t n = s->len;
    trim_end(s->text, &n);
    int rc = date_first(sink, s->text, n, row, found);
    if (rc < 0 || *found || row)
        return rc;
    return date_last(sink, s->text, n, found);
}
