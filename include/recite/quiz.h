/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Quizzes: a fixed test drawn from a bank, across kinds and templates, the
 * same for the same seed. Drawing is pure; the session records the items
 * with recite_store_session_item_add(). Included through recite.h.
 */
#ifndef RECITE_QUIZ_H
#define RECITE_QUIZ_H

#include "bank.h"
#include "common.h"
#include "facts.h"

struct recite_quiz_options {
    size_t count;               /* questions wanted */
    uint64_t seed;              /* same seed, same quiz */
    const char *const *tags;    /* only facts with one of these tags; NULL: all */
    size_t tag_count;
    int64_t time_limit_ms;      /* 0: none (recorded in the parameters only) */
    const char *mode;           /* "auto", "typed", "choice" (recorded only) */
};

/*
 * Draws up to opts->count cards from bank: templates take turns so every
 * kind and way of asking is represented, one card per fact while facts
 * last, self-graded (flash) cards left out. Caller frees *out with
 * recite_cards_free(). RECITE_ENOTFOUND when nothing matches the tags.
 */
int recite_quiz_draw(struct recite_card **out, size_t *out_count, const struct recite_bank *bank,
                     const struct recite_quiz_options *opts, struct recite_error *err);

/* The quiz parameters as JSON text, for the session record. Caller frees. */
char *recite_quiz_params_json(const struct recite_quiz_options *opts);

#endif
