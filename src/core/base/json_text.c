/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "json_text.h"

int recite_json_text(char **out, json_t *value, size_t flags, bool newline, const char *what,
                     struct recite_error *err)
{
    char *dumped = value ? json_dumps(value, flags) : NULL;
    json_decref(value);
    /* Invisible characters from a bank are written as escapes, never raw. */
    char *text = dumped ? recite_json_escape_format(dumped) : NULL;
    free(dumped);
    size_t n = text ? strlen(text) : 0;
    char *done = text && newline ? realloc(text, n + 2) : text;
    if (!done) {
        free(text);
        *out = NULL;
        return recite_error_set(err, RECITE_ENOMEM, "out of memory writing %s", what);
    }
    if (newline) {
        done[n] = '\n';
        done[n + 1] = '\0';
    }
    *out = done;
    return 0;
}
