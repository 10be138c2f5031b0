/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * JSON documents the core writes for people and tools to read: one way to
 * turn a jansson value into text, with the invisible characters a bank may
 * hold written as escapes. Private to the core.
 */
#ifndef RECITE_JSON_TEXT_H
#define RECITE_JSON_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "recite/common.h"

/*
 * Writes value (whose reference it takes; NULL stands for a value that could
 * not be built) as text with json_dumps flags, format characters escaped
 * (recite_json_escape_format) and a final newline when newline is true.
 * 0, or RECITE_ENOMEM with "out of memory writing " what.
 */
int recite_json_text(char **out, json_t *value, size_t flags, bool newline, const char *what,
                     struct recite_error *err);

#endif
