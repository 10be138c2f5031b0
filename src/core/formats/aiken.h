/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private: the aiken reader and writer (see aiken.c). */
#ifndef RECITE_FORMATS_AIKEN_H
#define RECITE_FORMATS_AIKEN_H

#include "formats_internal.h"

/* Appends every question of text to out; problems go to sink. 0 or RECITE_ENOMEM. */
int aiken_read(struct recite_questions *out, const char *text, size_t len, struct fmt_sink *sink);

/* Writes qs to b, tallying losses; *skipped counts questions left out. */
void aiken_write(struct recite_buf *b, const struct recite_questions *qs, struct fmt_losses *losses,
                size_t *skipped);

#endif
