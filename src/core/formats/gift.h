/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private: the gift reader and writer (see gift.c). */
#ifndef RECITE_FORMATS_GIFT_H
#define RECITE_FORMATS_GIFT_H

#include "formats_internal.h"

/* Appends every question of text to out; problems go to sink. 0 or RECITE_ENOMEM. */
int gift_read(struct recite_questions *out, const char *text, size_t len, struct fmt_sink *sink);

/* Writes qs to b, tallying losses; *skipped counts questions left out. */
void gift_write(struct recite_buf *b, const struct recite_questions *qs, struct fmt_losses *losses,
                size_t *skipped);

#endif
