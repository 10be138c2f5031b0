/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Time: the one place that reads the clock, so RECITE_NOW can fix it for
 * tests, plus ISO 8601 parsing and formatting on integer Unix milliseconds.
 * Calendar arithmetic is Howard Hinnant's days_from_civil, free of time zones.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "recite/common.h"

#define MS_PER_DAY INT64_C(86400000)

int64_t recite_days_from_civil(int64_t year, unsigned month, unsigned day)
{
    year -= month <= 2;
    int64_t era = (year >= 0 ? year : year - 399) / 400;
    unsigned yoe = (unsigned)(year - era * 400);
    unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void recite_civil_from_days(int64_t days, int64_t *year, unsigned *month, unsigned *day)
{
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    unsigned doe = (unsigned)(days - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    *year = (int64_t)yoe + era * 400 + (m <= 2);
    *month = m;
    *day = d;
}

/* Reads exactly n digits at *p into *out and advances *p. */
static bool digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return false;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return true;
}

const char *const recite_month_names[13] = {
    "January", "February", "March",     "April",   "May",      "June",     "July",
    "August",  "September", "October", "November", "December", NULL,
};
const char *const recite_month_abbrevs[13] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", NULL,
};

bool recite_is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int recite_days_in_month(int year, int month)
{
    static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return len[month - 1] + (month == 2 && recite_is_leap_year(year));
}

static bool days_in_month_ok(int year, int month, int day)
{
    return day >= 1 && day <= recite_days_in_month(year, month);
}

static bool parse_clock(const char **pp, int64_t *ms_of_day)
{
    const char *p = *pp;
    int hh, mi, ss = 0, frac = 0;
    if (!digits(&p, 2, &hh) || *p++ != ':' || !digits(&p, 2, &mi))
        return false;
    if (*p == ':') {
        p++;
        if (!digits(&p, 2, &ss))
            return false;
        if (*p == '.' || *p == ',') {
            p++;
            int scale = 100, n = 0;
            while (isdigit((unsigned char)*p)) {
                if (n++ < 3) {
                    frac += (*p - '0') * scale;
                    scale /= 10;
                }
                p++;
            }
            if (n == 0)
                return false;
        }
    }
    if (hh > 23 || mi > 59 || ss > 60)
        return false;
    *ms_of_day = ((int64_t)hh * 3600 + mi * 60 + ss) * 1000 + frac;
    *pp = p;
    return true;
}

int recite_time_parse(int64_t *out_ms, const char *text)
{
    const char *p = text;
    int year, month, day;
    if (!text || !digits(&p, 4, &year) || *p++ != '-' || !digits(&p, 2, &month) ||
        *p++ != '-' || !digits(&p, 2, &day) || !days_in_month_ok(year, month, day))
        return RECITE_EDATA;
    int64_t ms = recite_days_from_civil(year, (unsigned)month, (unsigned)day) * MS_PER_DAY;
    if (*p == 'T' || *p == 't' || *p == ' ') {
        p++;
        int64_t of_day;
        if (!parse_clock(&p, &of_day))
            return RECITE_EDATA;
        ms += of_day;
        if (*p == 'Z' || *p == 'z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int sign = *p++ == '+' ? 1 : -1, oh, om = 0;
            if (!digits(&p, 2, &oh))
                return RECITE_EDATA;
            if (*p == ':')
                p++;
            if (isdigit((unsigned char)*p) && !digits(&p, 2, &om))
                return RECITE_EDATA;
            ms -= sign * ((int64_t)oh * 60 + om) * 60000;
        }
    }
    if (*p != '\0')
        return RECITE_EDATA;
    *out_ms = ms;
    return 0;
}

void recite_time_format(char *buf, size_t size, int64_t ms)
{
    int64_t days = ms / MS_PER_DAY, rem = ms % MS_PER_DAY;
    if (rem < 0) {
        rem += MS_PER_DAY;
        days--;
    }
    int64_t year;
    unsigned month, day;
    recite_civil_from_days(days, &year, &month, &day);
    snprintf(buf, size, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ", (long long)year, month, day,
             (int)(rem / 3600000), (int)(rem / 60000 % 60), (int)(rem / 1000 % 60),
             (int)(rem % 1000));
}

int recite_now_ms(int64_t *out, struct recite_error *err)
{
    const char *fixed = getenv("RECITE_NOW");
    if (fixed && *fixed) {
        if (recite_time_parse(out, fixed) < 0)
            return recite_error_set(err, RECITE_EUSAGE,
                                    "RECITE_NOW '%.64s' is not an ISO 8601 time", fixed);
        return 0;
    }
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
        return recite_error_set(err, RECITE_EINTERNAL, "cannot read the clock");
    *out = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
    return 0;
}
