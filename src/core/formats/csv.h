/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private: the csv reader and writer (see csv.c). */
#ifndef RECITE_FORMATS_CSV_H
#define RECITE_FORMATS_CSV_H

#include "formats_internal.h"

/* Appends every question of text to out; problems go to sink. 0 or RECITE_ENOMEM. */
int csv_read(struct recite_questions *out, const char *text, size_t len, struct fmt_sink *sink);

/* Writes qs to b, tallying losses; *skipped counts questions left out. */
void csv_write(struct recite_buf *b, const struct recite_questions *qs, struct fmt_losses *losses,
                size_t *skipped);

/*
 * One RFC 4180 record from text at *pos (advanced past it), fields split at
 * delim. Fields are appended to *fields (caller frees each and the array).
 * *line is advanced over the newlines read. Returns 1 for a record, 0 at
 * end of text, RECITE_EDATA for text after a closing quote (message in
 * *why), RECITE_ENOMEM.
 */
int csv_record(const char *text, size_t len, size_t *pos, char delim, unsigned *line,
               char ***fields, size_t *count, const char **why);
void csv_fields_free(char **fields, size_t count);
/* Writes one field, quoted when it holds delim, '"', CR, LF or starts with '#' (anki). */
void csv_put_field(struct recite_buf *b, const char *s, char delim, bool quote_hash);

#endif
