/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzzes the date and time parsers outside the bank: ISO 8601 instants
 * (RECITE_NOW, score files) and `when:` values on their own. An instant it
 * accepts must format and parse back to the same instant; a `when:` value it
 * accepts must hold a valid month and day.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "recite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    int64_t ms = 0;
    if (recite_time_parse(&ms, text) == 0) {
        char buf[64];
        int64_t again = 0;
        recite_time_format(buf, sizeof(buf), ms);
        /* Years beyond four digits cannot round-trip through the format. */
        if (ms >= -62135596800000LL && ms < 253402300800000LL &&
            (recite_time_parse(&again, buf) != 0 || again != ms))
            abort();
    }
    struct recite_date date;
    struct recite_error err;
    if (recite_date_parse(&date, text, &err) == 0 &&
        (date.month < 0 || date.month > 12 || date.day < 0 || date.day > 31 ||
         (date.day && !date.month) || (date.end_year && date.end_year <= date.year)))
        abort();
    free(text);
    return 0;
}
