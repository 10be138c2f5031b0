/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Private helpers shared by the interchange formats (gift.c, aiken.c,
 * ankitxt.c, csv.c, formats.c, formats_model.c). Not part of the API.
 */
#ifndef RECITE_FORMATS_INTERNAL_H
#define RECITE_FORMATS_INTERNAL_H

#include "recite/bank.h"
#include "recite/buf.h"
#include "recite/common.h"
#include "recite/formats.h"

/* Text is built in the core's growable buffer (recite/buf.h). */

/* Where problems go while reading: diags, the first one also into err. */
struct fmt_sink {
    struct recite_diags *diags;
    struct recite_error *err;
    size_t count;
    bool oom;
};

void fmt_problem(struct fmt_sink *sink, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* PHP trim(): ASCII space, \t, \n, \r, \0, \v at both ends. */
bool fmt_is_trim_char(char c);
/* A trimmed copy of [s, s + n); NULL when out of memory. */
char *fmt_trim_dup(const char *s, size_t n);
char *fmt_dup(const char *s, size_t n);
/* Whether [s, s + n) is a number as PHP is_numeric() reads it; *out gets it. */
bool fmt_number(const char *s, size_t n, double *out);
/* Shortest "%.15g" form of v. */
void fmt_number_text(char *buf, size_t size, double v);

/* Model building: each returns the new zeroed element, or NULL when out of memory. */
struct recite_question *fmt_add_question(struct recite_questions *qs);
struct recite_qanswer *fmt_add_answer(struct recite_question *q);
int fmt_add_tag(struct recite_question *q, const char *tag, size_t n);
/* Frees what one question owns. */
void fmt_question_release(struct recite_question *q);
/* Drops the last question of qs (a failed one). */
void fmt_drop_last(struct recite_questions *qs);

/* Per-writer tally of what was lost, turned into the report's one line. */
enum fmt_loss {
    FMT_LOSS_KIND,     /* question kinds the format cannot hold (skipped) */
    FMT_LOSS_TITLE,
    FMT_LOSS_ID,
    FMT_LOSS_TAGS,
    FMT_LOSS_CATEGORY,
    FMT_LOSS_FORMAT,
    FMT_LOSS_FEEDBACK,
    FMT_LOSS_GENERAL,
    FMT_LOSS_WEIGHTS,
    FMT_LOSS_LINES,    /* multi-line text flattened */
    FMT_LOSS_DELETIONS, /* cloze deletions after the first */
    FMT_LOSS_ALTERNATIVES, /* alternative spellings of a native answer */
    FMT_LOSS_QKIND,    /* question kinds turned into flashcards */
    FMT_LOSS_ARROWS,   /* GIFT short answers whose '->' had to become '- >' */
    FMT_LOSS_COUNT
};

struct fmt_losses {
    size_t n[FMT_LOSS_COUNT];
};

void fmt_report_fill(struct recite_format_report *report, const struct fmt_losses *losses,
                     size_t written, size_t skipped);

#endif
