/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private to score.c and score_verify.c: parsing with the stated totals kept apart. */
#ifndef RECITE_SCORE_INTERNAL_H
#define RECITE_SCORE_INTERNAL_H

#include "recite/common.h"
#include "recite/score.h"

/* The totals member of a document, as the file states them. */
struct score_stated {
    int64_t items;    /* totals.items */
    int64_t answered; /* totals.answered (format 2) */
    int64_t correct;  /* totals.correct */
    double credit;    /* totals.credit */
};

/*
 * Parses a document into *out without checking its stated totals (they go
 * to *stated); keep_items: keep the items, not only their sums. RECITE_EDATA
 * with the reason in err when it is not a recite-score document.
 */
int score_parse_text(struct recite_score **out, struct score_stated *stated, const char *text,
                     size_t len, bool keep_items, struct recite_error *err);

/* True when the stated totals are the items' own; otherwise the reason goes to detail. */
bool score_totals_agree(const struct recite_score *score, const struct score_stated *stated,
                        char *detail, size_t size);

#endif
