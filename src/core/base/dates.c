/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Dates as banks write them (`when:` values): parsing and the days a date
 * covers. Banks check them, card building and the store's index compare
 * them, the generator reads them from documents.
 */
#include <string.h>

#include "recite/common.h"

static bool is_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int number(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

int recite_date_parse(struct recite_date *out, const char *text, struct recite_error *err)
{
    size_t n = strlen(text);
    memset(out, 0, sizeof(*out));
    if (n < 4 || !is_digits(text, 4) || number(text, 4) == 0)
        goto bad;
    out->year = number(text, 4);
    if (n == 4)
        return 0;
    if (n == 10 && memcmp(text + 4, "..", 2) == 0 && is_digits(text + 6, 4)) {
        out->end_year = number(text + 6, 4);
        if (out->end_year <= out->year)
            return recite_error_set(err, RECITE_EDATA,
                                    "invalid date '%s' (a range must go forward)", text);
        return 0;
    }
    if ((n != 7 && n != 10) || text[4] != '-' || !is_digits(text + 5, 2))
        goto bad;
    out->month = number(text + 5, 2);
    if (out->month < 1 || out->month > 12)
        return recite_error_set(err, RECITE_EDATA, "invalid date '%s' (no month %d)", text,
                                out->month);
    if (n == 7)
        return 0;
    if (text[7] != '-' || !is_digits(text + 8, 2))
        goto bad;
    out->day = number(text + 8, 2);
    if (out->day < 1 || out->day > recite_days_in_month(out->year, out->month))
        return recite_error_set(err, RECITE_EDATA, "invalid date '%s' (no such day)", text);
    return 0;
bad:
    memset(out, 0, sizeof(*out));
    return recite_error_set(err, RECITE_EDATA,
                            "invalid date '%s' (expected YYYY, YYYY-MM, YYYY-MM-DD or "
                            "YYYY..YYYY)",
                            text);
}

void recite_date_days(const struct recite_date *date, int64_t *out_first, int64_t *out_last)
{
    int last_year = date->end_year ? date->end_year : date->year;
    unsigned first_month = date->month ? (unsigned)date->month : 1;
    unsigned last_month = date->month ? (unsigned)date->month : 12;
    *out_first =
        recite_days_from_civil(date->year, first_month, date->day ? (unsigned)date->day : 1);
    if (date->day)
        *out_last = *out_first;
    else /* the day before the first of the following month */
        *out_last =
            recite_days_from_civil(last_year + (last_month == 12), last_month % 12 + 1, 1) - 1;
}
