/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Interval fuzz. The draw comes from Alea (Johannes Baagøe, 2010, MIT
 * licence; the variant ts-fsrs ships), seeded with the same string ts-fsrs
 * builds, so a fuzzed schedule is reproducible and matches ts-fsrs's. Alea
 * is defined on JavaScript doubles; every step below is the same double
 * arithmetic, with ToUint32/ToInt32 written out.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sched_internal.h"

#define TWO_POW_32 4294967296.0
#define TWO_POW_MINUS_32 2.3283064365386963e-10

static double to_uint32(double x)
{
    double t = fmod(trunc(x), TWO_POW_32);
    return t < 0 ? t + TWO_POW_32 : t;
}

/* Mash: folds a string into the running state n, returns a value in [0, 1). */
static double mash(double *n, const char *data)
{
    for (const unsigned char *p = (const unsigned char *)data; *p; p++) {
        *n += *p;
        double h = 0.02519603282416938 * *n;
        *n = to_uint32(h);
        h -= *n;
        h *= *n;
        *n = to_uint32(h);
        h -= *n;
        *n += h * TWO_POW_32;
    }
    return to_uint32(*n) * TWO_POW_MINUS_32;
}

static double alea_first(const char *seed)
{
    double n = 0xefc8249d;
    double s[3];
    for (int i = 0; i < 3; i++)
        s[i] = mash(&n, " ");
    for (int i = 0; i < 3; i++) {
        s[i] -= mash(&n, seed);
        if (s[i] < 0)
            s[i] += 1;
    }
    double t = 2091639 * s[0] + 1 * TWO_POW_MINUS_32;
    return t - trunc(t);
}

/* The decimal digits and exponent of the shortest round-trip form of x > 0. */
static int shortest_digits(char *digits, size_t size, double x)
{
    char buf[40];
    int prec = 1;
    for (; prec <= 17; prec++) {
        snprintf(buf, sizeof(buf), "%.*e", prec - 1, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    char *e = strchr(buf, 'e');
    int exponent = (int)strtol(e + 1, NULL, 10);
    size_t k = 0;
    for (const char *p = buf; p < e && k + 1 < size; p++)
        if (*p != '.')
            digits[k++] = *p;
    while (k > 1 && digits[k - 1] == '0')
        k--;
    digits[k] = '\0';
    return exponent;
}

static const char zeros[] = "000000000000000000000";

void recite_sched_js_number(char *buf, size_t size, double x)
{
    if (isnan(x) || isinf(x)) {
        snprintf(buf, size, "%s", isnan(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
        return;
    }
    if (x == 0) {
        snprintf(buf, size, "0");
        return;
    }
    char digits[24];
    int n = shortest_digits(digits, sizeof(digits), fabs(x)) + 1;
    int k = (int)strlen(digits);
    const char *sign = x < 0 ? "-" : "";
    char exp_sign = n - 1 >= 0 ? '+' : '-';
    if (k <= n && n <= 21)
        snprintf(buf, size, "%s%s%.*s", sign, digits, n - k, zeros);
    else if (0 < n && n <= 21)
        snprintf(buf, size, "%s%.*s.%s", sign, n, digits, digits + n);
    else if (-6 < n && n <= 0)
        snprintf(buf, size, "%s0.%.*s%s", sign, -n, zeros, digits);
    else if (k == 1)
        snprintf(buf, size, "%s%se%c%d", sign, digits, exp_sign, abs(n - 1));
    else
        snprintf(buf, size, "%s%c.%se%c%d", sign, digits[0], digits + 1, exp_sign, abs(n - 1));
}

double recite_sched_fuzz_draw(int64_t now_ms, int reps, double d_times_s, uint64_t fuzz_seed)
{
    char number[40];
    char seed[128];
    recite_sched_js_number(number, sizeof(number), d_times_s);
    int len = snprintf(seed, sizeof(seed), "%" PRId64 "_%d_%s", now_ms, reps, number);
    if (fuzz_seed != 0 && len > 0 && (size_t)len < sizeof(seed))
        snprintf(seed + len, sizeof(seed) - (size_t)len, "_%" PRIu64, fuzz_seed);
    return alea_first(seed);
}

void recite_sched_fuzz_range(int *lo, int *hi, int ivl, int elapsed_days, int maximum_interval)
{
    double x = ivl;
    double delta = 1.0;
    delta += 0.15 * fmax(fmin(x, 7.0) - 2.5, 0.0);
    delta += 0.1 * fmax(fmin(x, 20.0) - 7.0, 0.0);
    delta += 0.05 * fmax(x - 20.0, 0.0);
    x = fmin(x, maximum_interval);
    double min_ivl = fmax(2, recite_sched_jsround(x - delta));
    double max_ivl = fmin(recite_sched_jsround(x + delta), maximum_interval);
    if (x > elapsed_days)
        min_ivl = fmax(min_ivl, (double)elapsed_days + 1);
    min_ivl = fmin(min_ivl, max_ivl);
    *lo = (int)min_ivl;
    *hi = (int)max_ivl;
}

int recite_sched_fuzz_interval(int ivl, int elapsed_days, int maximum_interval, double u)
{
    if (ivl < 2.5)
        return ivl;
    int lo, hi;
    recite_sched_fuzz_range(&lo, &hi, ivl, elapsed_days, maximum_interval);
    return (int)floor(u * ((double)hi - lo + 1) + lo);
}
