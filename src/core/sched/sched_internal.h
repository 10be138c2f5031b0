/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Scheduler internals shared by sched.c, sched_fuzz.c and sched_params.c,
 * and by the unit tests: JavaScript rounding and the fuzz source.
 */
#ifndef RECITE_SCHED_INTERNAL_H
#define RECITE_SCHED_INTERNAL_H

#include "recite/sched.h"

#define SCHED_MINUTE_MS INT64_C(60000)
#define SCHED_DAY_MS INT64_C(86400000)
#define SCHED_S_MIN 0.001
#define SCHED_S_MAX 36500.0

/* JavaScript Math.round: nearest integer, ties towards +infinity. */
double recite_sched_jsround(double x);

/* ts-fsrs roundTo(x, 8): Math.round(x * 1e8) / 1e8. */
double recite_sched_r8(double x);

/*
 * Writes x as JavaScript's Number.prototype.toString() would (shortest
 * round-trip digits, exponent form outside 1e-7 < |x| < 1e21) into buf,
 * which must hold at least 32 bytes.
 */
void recite_sched_js_number(char *buf, size_t size, double x);

/*
 * The fuzz draw u in [0, 1) of one review: the first output of an Alea
 * generator seeded with "<now_ms>_<reps>_<D*S>" exactly as ts-fsrs seeds
 * it, with "_<fuzz_seed>" appended when fuzz_seed is not 0.
 */
double recite_sched_fuzz_draw(int64_t now_ms, int reps, double d_times_s, uint64_t fuzz_seed);

/*
 * Spreads an interval of ivl days (already rounded and capped) with the
 * draw u, as ts-fsrs's apply_fuzz does; intervals under 2.5 days are kept.
 */
int recite_sched_fuzz_interval(int ivl, int elapsed_days, int maximum_interval, double u);

/* The fuzz band [*lo, *hi] for ivl (ts-fsrs get_fuzz_range). */
void recite_sched_fuzz_range(int *lo, int *hi, int ivl, int elapsed_days, int maximum_interval);

/* The derived constants of section 4 (for tests): FACTOR and the interval modifier. */
double recite_sched_curve_factor(const struct recite_sched_params *params);
double recite_sched_interval_modifier(const struct recite_sched_params *params);

/* Parses a step such as "10m", "1h" or "2d" into minutes. Returns 0 or RECITE_EDATA. */
int recite_sched_step_parse(int64_t *out_minutes, const char *text);

#endif
