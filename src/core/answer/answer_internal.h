/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Shared between answer.c, answer_date.c and answer_list.c: a normalised
 * text kept both as UTF-8 and as code points, so distances cost no decoding.
 */
#ifndef RECITE_ANSWER_INTERNAL_H
#define RECITE_ANSWER_INTERNAL_H

#include <stdint.h>

#include "recite/answer.h"

struct norm_text {
    char *text;     /* normalised UTF-8, NUL-terminated */
    int32_t *cps;   /* its code points */
    size_t len;     /* number of code points */
    bool has_digit; /* a number (digit or later Roman numeral word): no typo tolerance */
};

/* What utf8proc_map() does in a normalisation (answer.c): case, accents, compatibility forms. */
#define RECITE_NORMALIZE_OPTIONS                                                                   \
    (UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |                    \
     UTF8PROC_STRIPMARK | UTF8PROC_IGNORE | UTF8PROC_LUMP)

/* Normalises len bytes of text into out. Release with norm_release(). */
int norm_make(struct norm_text *out, const char *text, size_t len, const char *language);
void norm_release(struct norm_text *n);

/* OSA distance of two code point strings, capped at limit + 1. */
unsigned cps_distance(const int32_t *a, size_t a_len, const int32_t *b, size_t b_len,
                      unsigned limit);

/*
 * The typo allowance between a reply and an accepted spelling: 0 when
 * exact is set or either side has a digit, else the spelling's tolerance.
 */
unsigned fuzzy_limit(const struct norm_text *reply, const struct norm_text *accepted, bool exact);

/* Distance reply -> target when within limit, else limit + 1. */
unsigned norm_distance(const struct norm_text *reply, const struct norm_text *target,
                       unsigned limit);

#endif
