/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Temporary: digits only, until the number reader lands. */
#include <stdlib.h>
#include <string.h>

#include "recite.h"

size_t recite_answer_numbers(struct recite_answer_number *out, size_t cap, const char *norm)
{
    size_t n = 0;
    for (const char *p = norm; *p;) {
        size_t k = strspn(p, "0123456789.");
        if (k && (p == norm || p[-1] == ' ')) {
            if (n < cap)
                out[n] = (struct recite_answer_number){strtod(p, NULL), false, (size_t)(p - norm),
                                                       (size_t)(p - norm) + k};
            n++;
        }
        p += k ? k : 1;
    }
    return n;
}

bool recite_answer_same_number(const char *norm, double value, const char *const *allowed_words)
{
    struct recite_answer_number n[2];
    (void)allowed_words;
    return recite_answer_numbers(n, 2, norm) == 1 && n[0].value == value;
}
