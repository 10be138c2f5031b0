/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Scheduler: JavaScript rounding, each FSRS-6 formula through the worked
 * examples of the scheduling spec (section 14), the step rule, the
 * long-term scheduler, fuzz, SM-2 (section 13), parameters as JSON and
 * read back from the database. Expected numbers come from the spec or from
 * ts-fsrs 5.4.2 itself, never from this implementation.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "recite.h"
#include "sched_internal.h"

#define MINUTE INT64_C(60000)
#define DAY INT64_C(86400000)

static int64_t at(const char *iso)
{
    int64_t ms = 0;
    assert_int_equal(recite_time_parse(&ms, iso), 0);
    return ms;
}

static struct recite_sched_params defaults(void)
{
    struct recite_sched_params p;
    recite_sched_params_default(&p);
    return p;
}

/* A new card created and reviewed once at t0 with grade g. */
static struct recite_sched_card first_review(const struct recite_sched_params *p, int64_t t0, int g)
{
    struct recite_sched_card card;
    recite_sched_card_new(&card, t0);
    assert_int_equal(recite_sched_review(&card, p, &card, g, t0), 0);
    return card;
}

static void test_sched_jsround(void **state)
{
    (void)state;
    assert_true(recite_sched_jsround(2.5) == 3);
    assert_true(recite_sched_jsround(-2.5) == -2);
    assert_true(recite_sched_jsround(0.49999999999999994) == 0);
    assert_true(recite_sched_jsround(-0.5) == 0);
    assert_true(recite_sched_jsround(-1.5000000001) == -2);
    assert_true(recite_sched_jsround(1e300) == 1e300);
    assert_true(recite_sched_jsround(4503599627370495.5) == 4503599627370496.0);
    assert_true(isnan(recite_sched_jsround(NAN)));
    /* 8-decimal rounding; 1.000000005 is just above the tie in binary. */
    assert_true(recite_sched_r8(0.123456785) == 0.12345679);
    assert_true(recite_sched_r8(2.0) == 2.0);
}

/* Section 4: FACTOR and the interval modifier per desired retention. */
static void test_sched_derived_constants(void **state)
{
    (void)state;
    static const double retention[] = {0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99};
    static const double modifier[] = {9.28791122, 3.3159598,  1.90642614, 1,
                                      0.40255869, 0.22276844, 0.06869839};
    struct recite_sched_params p = defaults();
    assert_true(recite_sched_curve_factor(&p) == 0.98034649);
    for (size_t i = 0; i < sizeof(retention) / sizeof(retention[0]); i++) {
        p.request_retention = retention[i];
        assert_true(recite_sched_interval_modifier(&p) == modifier[i]);
    }
}

/* Section 14, first table: a new card's first review at each grade. */
static void test_sched_first_review(void **state)
{
    (void)state;
    struct recite_sched_params p = defaults();
    int64_t t0 = at("2024-01-01T10:00:00Z");
    struct recite_sched_card c = first_review(&p, t0, RECITE_AGAIN);
    assert_int_equal(c.state, RECITE_STATE_LEARNING);
    assert_true(c.stability == 0.212 && c.difficulty == 6.4133);
    assert_true(c.due == t0 + MINUTE && c.scheduled_days == 0 && c.step == 0);
    assert_int_equal(c.reps, 1);
    assert_true(c.last_review == t0);

    c = first_review(&p, t0, RECITE_HARD);
    assert_true(c.stability == 1.2931 && c.difficulty == 5.11217071);
    assert_true(c.due == t0 + 6 * MINUTE && c.step == 0 && c.state == RECITE_STATE_LEARNING);

    c = first_review(&p, t0, RECITE_GOOD);
    assert_true(c.stability == 2.3065 && c.difficulty == 2.11810397);
    assert_true(c.due == t0 + 10 * MINUTE && c.step == 1 && c.state == RECITE_STATE_LEARNING);

    /* D0(4) = -4.7716307 is stored clamped to 1. */
    c = first_review(&p, t0, RECITE_EASY);
    assert_true(c.stability == 8.2956 && c.difficulty == 1);
    assert_int_equal(c.state, RECITE_STATE_REVIEW);
    assert_true(c.due == at("2024-01-09T10:00:00Z") && c.scheduled_days == 8 && c.step == 0);
}

/* Section 14: after Good, a same-day review uses the short-term formula. */
static void test_sched_same_day_review(void **state)
{
    (void)state;
    struct recite_sched_params p = defaults();
    int64_t t0 = at("2024-01-01T10:00:00Z");
    int64_t t1 = at("2024-01-01T10:10:00Z");
    struct recite_sched_card good = first_review(&p, t0, RECITE_GOOD);
    struct recite_sched_card c;

    assert_int_equal(recite_sched_review(&c, &p, &good, RECITE_AGAIN, t1), 0);
    assert_true(c.stability == 0.77508398 && c.difficulty == 7.39450274);
    assert_true(c.due == t1 + MINUTE && c.step == 0 && c.state == RECITE_STATE_LEARNING);
    assert_int_equal(c.elapsed_days, 0);

    assert_int_equal(recite_sched_review(&c, &p, &good, RECITE_HARD, t1), 0);
    assert_true(c.stability == 2.3065 && c.difficulty == 4.75285849);
    assert_true(c.due == t1 + 6 * MINUTE && c.step == 1);

    assert_int_equal(recite_sched_review(&c, &p, &good, RECITE_GOOD, t1), 0);
    assert_true(c.stability == 2.3065 && c.difficulty == 2.11121424);
    assert_true(c.state == RECITE_STATE_REVIEW && c.scheduled_days == 2 && c.due == t1 + 2 * DAY);

    assert_int_equal(recite_sched_review(&c, &p, &good, RECITE_EASY, t1), 0);
    assert_true(c.stability == 3.94605407 && c.difficulty == 1);
    assert_true(c.state == RECITE_STATE_REVIEW && c.scheduled_days == 4 && c.step == 0);
    assert_int_equal(c.reps, 2);
}

/* Section 14: 15 minutes across UTC midnight is t = 1 and the full recall formula. */
static void test_sched_across_midnight(void **state)
{
    (void)state;
    struct recite_sched_params p = defaults();
    int64_t t0 = at("2024-01-01T23:50:00Z");
    int64_t t1 = at("2024-01-02T00:05:00Z");
    struct recite_sched_card c = first_review(&p, t0, RECITE_GOOD);
    assert_int_equal(recite_sched_review(&c, &p, &c, RECITE_GOOD, t1), 0);
    assert_int_equal(c.elapsed_days, 1);
    assert_true(c.stability == 7.31530068);
    assert_true(c.state == RECITE_STATE_REVIEW && c.scheduled_days == 7 && c.due == t1 + 7 * DAY);

    /* R(1, 2.3065) = 0.9468475, and R(S, S) = 0.9 (display uses 24-hour periods). */
    struct recite_sched_card learned = first_review(&p, t0, RECITE_GOOD);
    assert_true(recite_sched_retrievability(&p, &learned, t0 + DAY) == 0.9468475);
    assert_true(recite_sched_retrievability(&p, &learned, t1) == 1);
    learned.stability = 10;
    assert_true(recite_sched_retrievability(&p, &learned, t0 + 10 * DAY) == 0.9);
    struct recite_sched_card fresh;
    recite_sched_card_new(&fresh, t0);
    assert_true(recite_sched_retrievability(&p, &fresh, t1) == 0);
}

/* Section 14: a Review card reviewed again 5 hours later; intervals ordered. */
static void test_sched_review_same_day(void **state)
{
    (void)state;
    struct recite_sched_params p = defaults();
    int64_t t0 = at("2024-01-01T10:00:00Z");
    int64_t t1 = at("2024-01-01T15:00:00Z");
    struct recite_sched_card easy = first_review(&p, t0, RECITE_EASY);
    struct recite_sched_card c;

    assert_int_equal(recite_sched_review(&c, &p, &easy, RECITE_AGAIN, t1), 0);
    assert_true(c.state == RECITE_STATE_RELEARNING && c.stability == 2.56250817);
    assert_true(c.due == t1 + 10 * MINUTE && c.lapses == 1 && c.scheduled_days == 0);

    assert_int_equal(recite_sched_review(&c, &p, &easy, RECITE_HARD, t1), 0);
    assert_true(c.stability == 8.2956 && c.scheduled_days == 8 && c.lapses == 0);
    assert_int_equal(recite_sched_review(&c, &p, &easy, RECITE_GOOD, t1), 0);
    assert_true(c.stability == 8.2956 && c.scheduled_days == 9); /* forced to Hard + 1 */
    assert_int_equal(recite_sched_review(&c, &p, &easy, RECITE_EASY, t1), 0);
    assert_true(c.stability == 13.04606469 && c.scheduled_days == 13);
    assert_true(c.due == t1 + 13 * DAY);
}

/* Difficulty: linear damping and mean reversion to the unclamped D0(4). */
static void test_sched_difficulty_update(void **state)
{
    (void)state;
    struct recite_sched_params p = defaults();
    int64_t t0 = at("2024-03-01T08:00:00Z");
    struct recite_sched_card c = first_review(&p, t0, RECITE_EASY);
    c.difficulty = 5;
    struct recite_sched_card next;
    assert_int_equal(recite_sched_review(&next, &p, &c, RECITE_AGAIN, t0 + 9 * DAY), 0);
    /* delta = 6.0388, damped = r8(6.0388 * 5 / 9), then 0.001 * -4.7716307 + 0.999 * D1. */
    double damped = recite_sched_r8(-p.w[6] * -2 * (10 - 5.0) / 9);
    double want = recite_sched_r8(0.001 * -4.7716307 + (1 - 0.001) * (5 + damped));
    assert_true(next.difficulty == want);
    assert_true(want == 8.34176237); /* ts-fsrs 5.4.2 */
    c.difficulty = 10;
    assert_int_equal(recite_sched_review(&next, &p, &c, RECITE_AGAIN, t0 + 9 * DAY), 0);
    assert_true(next.difficulty == recite_sched_r8(0.001 * -4.7716307 + 0.999 * 10));
    c.difficulty = 1;
    assert_int_equal(recite_sched_review(&next, &p, &c, RECITE_EASY, t0 + 9 * DAY), 0);
    assert_true(next.difficulty == 1); /* clamped */
}

/* Post-lapse stability: the forget formula, capped at S / e^(w17 * w18). */
static void test_sched_forget_stability(void **state)
{
    (void)state;
    struct recite_sched_params p = defaults();
    int64_t t0 = at("2024-03-01T08:00:00Z");
    struct recite_sched_card c = first_review(&p, t0, RECITE_EASY);
    c.stability = 100;
    c.difficulty = 5;
    struct recite_sched_card next;
    assert_int_equal(recite_sched_review(&next, &p, &c, RECITE_AGAIN, t0 + 30 * DAY), 0);
    double r = recite_sched_r8(pow(1 + 0.98034649 * 30 / 100, -0.1542));
    double sf = recite_sched_r8(p.w[11] * pow(5, -p.w[12]) * (pow(101, p.w[13]) - 1) *
                                exp((1 - r) * p.w[14]));
    assert_true(next.stability == sf);
    assert_true(sf == 3.38869849); /* ts-fsrs 5.4.2 */
    assert_int_equal(next.lapses, 1);

    /* With a larger w11 the cap S / e^(w17 * w18) wins over the formula. */
    p.w[11] = 5;
    c.stability = 0.5;
    assert_int_equal(recite_sched_review(&next, &p, &c, RECITE_AGAIN, t0 + 30 * DAY), 0);
    double cap = recite_sched_r8(0.5 / exp(p.w[17] * p.w[18]));
    r = recite_sched_r8(pow(1 + 0.98034649 * 30 / 0.5, -0.1542));
    sf = recite_sched_r8(p.w[11] * pow(5, -p.w[12]) * (pow(1.5, p.w[13]) - 1) *
                         exp((1 - r) * p.w[14]));
    assert_true(cap < sf);
    assert_true(next.stability == cap);
    assert_true(cap == 0.475864); /* ts-fsrs 5.4.2 */
}

/* Section 7.1: Hard uses 1.5 x a single step, day-length steps go to Review. */
static void test_sched_step_rule(void **state)
{
    (void)state;
    struct recite_sched_params p = defaults();
    int64_t t0 = at("2024-05-05T12:00:00Z");
    p.learning_steps[0] = 4;
    p.learning_step_count = 1;
    struct recite_sched_card c = first_review(&p, t0, RECITE_HARD);
    assert_true(c.due == t0 + 6 * MINUTE && c.state == RECITE_STATE_LEARNING);
    c = first_review(&p, t0, RECITE_GOOD); /* no next step: graduates */
    assert_true(c.state == RECITE_STATE_REVIEW && c.scheduled_days == 2);

    p.learning_steps[0] = 10;
    p.learning_steps[1] = 2 * 1440 + 30;
    p.learning_step_count = 2;
    c = first_review(&p, t0, RECITE_GOOD);
    assert_true(c.state == RECITE_STATE_REVIEW && c.step == 1 && c.scheduled_days == 2);
    assert_true(c.due == t0 + (2 * 1440 + 30) * MINUTE);

    p.learning_step_count = 0;
    c = first_review(&p, t0, RECITE_AGAIN); /* no steps: straight to Review */
    assert_true(c.state == RECITE_STATE_REVIEW && c.scheduled_days == 1);
}

/* Section 8: without short-term scheduling every grade orders with the others. */
static void test_sched_long_term(void **state)
{
    (void)state;
    struct recite_sched_params p = defaults();
    p.enable_short_term = false;
    recite_sched_params_normalize(&p);
    int64_t t0 = at("2024-05-05T12:00:00Z");
    int days[5];
    for (int g = RECITE_AGAIN; g <= RECITE_EASY; g++) {
        struct recite_sched_card c = first_review(&p, t0, g);
        assert_int_equal(c.state, RECITE_STATE_REVIEW);
        assert_int_equal(c.lapses, 0);
        days[g] = c.scheduled_days;
    }
    /* S0 = 0.212, 1.2931, 2.3065, 8.2956 give 1, 1, 2, 8; ordering makes 1, 2, 3, 8. */
    assert_int_equal(days[1], 1);
    assert_int_equal(days[2], 2);
    assert_int_equal(days[3], 3);
    assert_int_equal(days[4], 8);

    /*
     * Same-day reviews are not special: R = 1 keeps S on Good; Again takes
     * the forget formula (under the cap S) and counts a lapse.
     */
    struct recite_sched_card c = first_review(&p, t0, RECITE_GOOD);
    struct recite_sched_card next;
    assert_int_equal(recite_sched_review(&next, &p, &c, RECITE_GOOD, t0 + MINUTE), 0);
    assert_true(next.stability == c.stability);
    assert_int_equal(recite_sched_review(&next, &p, &c, RECITE_AGAIN, t0 + MINUTE), 0);
    assert_true(next.stability == 0.52337685 && next.lapses == 1); /* ts-fsrs 5.4.2 */
}

/* Section 7.2: with a small maximum interval Good and Easy go 1 and 2 days past it. */
static void test_sched_maximum_interval(void **state)
{
    (void)state;
    struct recite_sched_params p = defaults();
    p.maximum_interval = 10;
    int64_t t0 = at("2024-05-05T12:00:00Z");
    struct recite_sched_card c = first_review(&p, t0, RECITE_EASY);
    assert_int_equal(c.scheduled_days, 8);
    c.stability = 200;
    c.difficulty = 3;
    int want[5] = {0, 0, 10, 11, 12};
    for (int g = RECITE_HARD; g <= RECITE_EASY; g++) {
        struct recite_sched_card next;
        assert_int_equal(recite_sched_review(&next, &p, &c, g, t0 + 10 * DAY), 0);
        assert_int_equal(next.scheduled_days, want[g]);
    }
}

static void test_sched_refuses_bad_input(void **state)
{
    (void)state;
    struct recite_sched_params p = defaults();
    int64_t t0 = at("2024-05-05T12:00:00Z");
    struct recite_sched_card c = first_review(&p, t0, RECITE_GOOD);
    struct recite_sched_card keep = c;
    assert_int_equal(recite_sched_review(&c, &p, &c, 0, t0), RECITE_EUSAGE);
    assert_int_equal(recite_sched_review(&c, &p, &c, 5, t0), RECITE_EUSAGE);
    assert_int_equal(recite_sched_review(&c, &p, &c, RECITE_GOOD, t0 - DAY), RECITE_EUSAGE);
    assert_memory_equal(&c, &keep, sizeof(c));
    /* Earlier on the same UTC date is t = 0, which ts-fsrs accepts. */
    assert_int_equal(recite_sched_review(&c, &p, &c, RECITE_GOOD, t0 - MINUTE), 0);
    p.request_retention = 1.5;
    assert_int_equal(recite_sched_review(&c, &p, &keep, RECITE_GOOD, t0), RECITE_EUSAGE);
}

/* Section 11: the documented band, and ts-fsrs's fuzzed intervals reproduced. */
static void test_sched_fuzz_range(void **state)
{
    (void)state;
    int lo, hi;
    recite_sched_fuzz_range(&lo, &hi, 10, 5, 36500); /* delta 1.975 */
    assert_true(lo == 8 && hi == 12);
    recite_sched_fuzz_range(&lo, &hi, 100, 0, 36500); /* delta 6.975 */
    assert_true(lo == 93 && hi == 107);
    recite_sched_fuzz_range(&lo, &hi, 100, 0, 100);
    assert_true(lo == 93 && hi == 100);
    recite_sched_fuzz_range(&lo, &hi, 3, 2, 36500); /* delta 1.075 */
    assert_true(lo == 3 && hi == 4);
    assert_int_equal(recite_sched_fuzz_interval(2, 0, 36500, 0.99), 2);

    struct recite_sched_params p = defaults();
    p.enable_fuzz = true;
    p.fuzz_seed = 42;
    int64_t t0 = at("2024-01-01T10:00:00Z");
    int changed = 0;
    for (int i = 0; i < 500; i++) {
        struct recite_sched_card c = first_review(&p, t0 + i * 7919 * MINUTE, RECITE_EASY);
        int64_t now = c.due + (i % 5) * DAY;
        struct recite_sched_card a, b;
        assert_int_equal(recite_sched_review(&a, &p, &c, RECITE_GOOD, now), 0);
        assert_int_equal(recite_sched_review(&b, &p, &c, RECITE_GOOD, now), 0);
        assert_int_equal(a.scheduled_days, b.scheduled_days); /* reproducible */
        p.enable_fuzz = false;
        assert_int_equal(recite_sched_review(&b, &p, &c, RECITE_GOOD, now), 0);
        p.enable_fuzz = true;
        recite_sched_fuzz_range(&lo, &hi, b.scheduled_days, a.elapsed_days, p.maximum_interval);
        assert_in_range(a.scheduled_days, lo, hi);
        changed += a.scheduled_days != b.scheduled_days;
    }
    assert_true(changed > 100);
}

/* ts-fsrs 5.4.2 with enable_fuzz: Easy, then Good, Good, Hard (its own output). */
static void test_sched_fuzz_matches_ts_fsrs(void **state)
{
    (void)state;
    static const struct {
        const char *when;
        int grade;
        int days;
        double stability;
    } steps[] = {
        {"2024-01-01T10:00:00Z", RECITE_EASY, 10, 8.2956},
        {"2024-01-09T10:00:00Z", RECITE_GOOD, 38, 38.90515015},
        {"2024-02-09T10:00:00Z", RECITE_GOOD, 140, 135.32905582},
        {"2024-06-09T10:00:00Z", RECITE_HARD, 318, 313.84530126},
    };
    struct recite_sched_params p = defaults();
    p.enable_fuzz = true;
    struct recite_sched_card c;
    recite_sched_card_new(&c, at(steps[0].when));
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        assert_int_equal(recite_sched_review(&c, &p, &c, steps[i].grade, at(steps[i].when)), 0);
        assert_int_equal(c.scheduled_days, steps[i].days);
        assert_true(c.stability == steps[i].stability);
    }
    assert_true(c.difficulty == 4.01060897);
    assert_true(c.due == INT64_C(1745402400000));
    /* Another injected seed gives another (reproducible) schedule. */
    p.fuzz_seed = 7;
    recite_sched_card_new(&c, at(steps[0].when));
    int differ = 0;
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        assert_int_equal(recite_sched_review(&c, &p, &c, steps[i].grade, at(steps[i].when)), 0);
        differ += c.scheduled_days != steps[i].days;
    }
    assert_true(differ > 0);
}

/* JavaScript Number#toString, which the fuzz seed string depends on. */
static void test_sched_js_number(void **state)
{
    (void)state;
    static const struct {
        double value;
        const char *text;
    } cases[] = {
        {0, "0"},
        {8.2956, "8.2956"},
        {2.3065 * 2.11810397, "4.885406806805"},
        {1e21, "1e+21"},
        {123e20, "1.23e+22"},
        {1e-7, "1e-7"},
        {0.000001, "0.000001"},
        {1.5e-7, "1.5e-7"},
        {100, "100"},
        {-0.1, "-0.1"},
        {0.1 + 0.2, "0.30000000000000004"},
    };
    char buf[40];
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        recite_sched_js_number(buf, sizeof(buf), cases[i].value);
        assert_string_equal(buf, cases[i].text);
    }
}

/* Section 13's example, with EF in hundredths. */
static void test_sched_sm2(void **state)
{
    (void)state;
    static const struct {
        int grade, interval, n, ef, state, lapses;
    } steps[] = {
        {RECITE_GOOD, 1, 1, 250, RECITE_STATE_REVIEW, 0},
        {RECITE_GOOD, 6, 2, 250, RECITE_STATE_REVIEW, 0},
        {RECITE_HARD, 15, 3, 236, RECITE_STATE_REVIEW, 0},
        {RECITE_GOOD, 36, 4, 236, RECITE_STATE_REVIEW, 0},
        {RECITE_AGAIN, 1, 0, 236, RECITE_STATE_RELEARNING, 1},
        {RECITE_GOOD, 1, 1, 236, RECITE_STATE_REVIEW, 1},
        {RECITE_EASY, 6, 2, 246, RECITE_STATE_REVIEW, 1},
        {RECITE_EASY, 15, 3, 256, RECITE_STATE_REVIEW, 1}, /* ceil(6 * 2.46) */
    };
    struct recite_sched_params p = defaults();
    p.algorithm = RECITE_ALGO_SM2;
    int64_t now = at("2024-01-01T09:30:00Z");
    struct recite_sched_card c;
    recite_sched_card_new(&c, now);
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        assert_int_equal(recite_sched_review(&c, &p, &c, steps[i].grade, now), 0);
        assert_int_equal(c.scheduled_days, steps[i].interval);
        assert_int_equal(c.step, steps[i].n);
        assert_true(c.difficulty == steps[i].ef);
        assert_int_equal(c.state, steps[i].state);
        assert_int_equal(c.lapses, steps[i].lapses);
        assert_int_equal(c.reps, (int)i + 1);
        assert_true(c.due == now + c.scheduled_days * DAY);
        now = c.due;
    }
    /* A first Again is Learning, not a lapse; EF never drops below 1.30. */
    recite_sched_card_new(&c, now);
    assert_int_equal(recite_sched_review(&c, &p, &c, RECITE_AGAIN, now), 0);
    assert_true(c.state == RECITE_STATE_LEARNING && c.lapses == 0 && c.difficulty == 250);
    for (int i = 0; i < 12; i++)
        assert_int_equal(recite_sched_review(&c, &p, &c, RECITE_HARD, now), 0);
    assert_true(c.difficulty == 130);
    p.maximum_interval = 100;
    assert_int_equal(recite_sched_review(&c, &p, &c, RECITE_GOOD, now), 0);
    assert_int_equal(c.scheduled_days, 100);
}

static void test_sched_step_parse(void **state)
{
    (void)state;
    int64_t m = -1;
    assert_int_equal(recite_sched_step_parse(&m, "10m"), 0);
    assert_int_equal(m, 10);
    assert_int_equal(recite_sched_step_parse(&m, "2h"), 0);
    assert_int_equal(m, 120);
    assert_int_equal(recite_sched_step_parse(&m, "3d"), 0);
    assert_int_equal(m, 4320);
    assert_int_equal(recite_sched_step_parse(&m, "1.5m"), 0); /* parseInt reads 1 */
    assert_int_equal(m, 1);
    assert_int_equal(recite_sched_step_parse(&m, " 7m"), 0);
    assert_int_equal(m, 7);
    assert_int_equal(recite_sched_step_parse(&m, "10s"), RECITE_EDATA);
    assert_int_equal(recite_sched_step_parse(&m, "m"), RECITE_EDATA);
    assert_int_equal(recite_sched_step_parse(&m, "-1m"), RECITE_EDATA);
    assert_int_equal(recite_sched_step_parse(&m, "xm"), RECITE_EDATA);
}

static void test_sched_params_json(void **state)
{
    (void)state;
    struct recite_sched_params p;
    struct recite_error err = {0};
    const char *json =
        "{\"request_retention\":0.85,\"maximum_interval\":365,\"w\":[0.212,1.2931,2.3065,"
        "8.2956,6.4133,0.8334,3.0194,0.001,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,1.6483,"
        "0.6014,1.8729,0.5425,0.0912,0.0658,0.1542],\"enable_fuzz\":true,"
        "\"enable_short_term\":false,\"learning_steps\":[\"5m\",\"1h\",\"1d\"],"
        "\"relearning_steps\":[],\"algorithm\":\"fsrs\"}";
    assert_int_equal(recite_sched_params_from_json(&p, json, &err), 0);
    assert_true(p.request_retention == 0.85 && p.maximum_interval == 365);
    assert_true(p.enable_fuzz && !p.enable_short_term);
    assert_int_equal(p.learning_step_count, 3);
    assert_true(p.learning_steps[0] == 5 && p.learning_steps[1] == 60 &&
                p.learning_steps[2] == 1440);
    assert_int_equal(p.relearning_step_count, 0);
    assert_true(p.w[20] == 0.1542 && p.w[0] == 0.212);

    char *text = recite_sched_params_to_json(&p);
    assert_non_null(text);
    struct recite_sched_params back;
    assert_int_equal(recite_sched_params_from_json(&back, text, &err), 0);
    assert_memory_equal(&back, &p, sizeof(p));
    free(text);

    assert_int_equal(recite_sched_params_from_json(&p, "{\"algorithm\":\"sm2\"}", &err), 0);
    assert_int_equal(p.algorithm, RECITE_ALGO_SM2);
    assert_true(p.request_retention == 0.9 && p.maximum_interval == 36500);
    assert_int_equal(recite_sched_params_from_json(&p, "{\"request_retention\":1.5}", &err),
                     RECITE_EDATA);
    assert_int_equal(recite_sched_params_from_json(&p, "{\"learning_steps\":[\"1x\"]}", &err),
                     RECITE_EDATA);
    assert_int_equal(recite_sched_params_from_json(&p, "[1,2", &err), RECITE_EDATA);
    assert_int_equal(recite_sched_params_from_json(&p, "{\"maximum_interval\":2.5}", &err),
                     RECITE_EDATA);
}

/* Section 3: weights are clamped as ts-fsrs clamps them. */
static void test_sched_params_clamp(void **state)
{
    (void)state;
    struct recite_sched_params p;
    struct recite_error err = {0};
    const char *wide = "{\"w\":[0,200,2,9,0.5,9,9,1,9,9,9,9,9,9,9,9,0,9,9,0,0]}";
    static const double want[21] = {0.001, 100,  2,   9, 1, 4, 4, 0.75, 4.5,  0.8, 3.5,
                                    5,     0.25, 0.9, 4, 1, 1, 2, 2,    0.01, 0.1};
    assert_int_equal(recite_sched_params_from_json(&p, wide, &err), 0);
    for (int i = 0; i < 21; i++)
        assert_true(p.w[i] == want[i]);

    /* Short-term off lowers w19's floor to 0. */
    assert_int_equal(recite_sched_params_from_json(
                         &p,
                         "{\"enable_short_term\":false,\"w\":[0,200,2,9,0.5,9,9,1,9,9,9,9,9,"
                         "9,9,9,0,9,9,0,0]}",
                         &err),
                     0);
    assert_true(p.w[19] == 0);

    /* 16 relearning steps cap w17 and w18 by the post-lapse bound. */
    p = defaults();
    p.relearning_step_count = 16;
    p.w[17] = p.w[18] = 1.5;
    recite_sched_params_normalize(&p);
    double v = -(log(1.4835) + log(pow(2.0, 0.2629) - 1.0) + 1.6483 * 0.3) / 16;
    double ceiling = recite_sched_r8(sqrt(v));
    assert_true(ceiling == 0.21229444); /* ts-fsrs 5.4.2 */
    assert_true(p.w[17] == ceiling && p.w[18] == ceiling);

    /* FSRS-5 weights (19) get w19 = 0 -> 0.01 after clamping, w20 = 0.5 (as fsrs() does). */
    assert_int_equal(
        recite_sched_params_from_json(&p,
                                      "{\"w\":[0.4,0.6,2.4,5.8,4.93,0.94,0.86,0.01,1.49,0.14,0.94,"
                                      "2.18,0.05,0.34,1.26,0.29,2.61,0.5,0.3]}",
                                      &err),
        0);
    assert_true(p.w[19] == 0.01 && p.w[20] == 0.5 && p.w[18] == 0.3);
}

/* Parameters per bank live in the config table and fall back to the default. */
static void test_sched_params_store(void **state)
{
    (void)state;
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    struct recite_sched_params got, want = defaults(), other = defaults();
    assert_int_equal(recite_store_open(&st, ":memory:", &err), 0);
    assert_int_equal(recite_store_sched_params_get(st, "nato", &got, &err), 0);
    assert_memory_equal(&got, &want, sizeof(got));

    want.request_retention = 0.95;
    want.maximum_interval = 180;
    want.relearning_steps[1] = 1440;
    want.relearning_step_count = 2;
    want.w[3] = 12.5;
    want.fuzz_seed = 99;
    recite_sched_params_normalize(&want);
    assert_int_equal(recite_store_sched_params_set(st, NULL, &want, &err), 0);
    assert_int_equal(recite_store_sched_params_get(st, "nato", &got, &err), 0);
    assert_memory_equal(&got, &want, sizeof(got)); /* the default applies to every bank */

    other.algorithm = RECITE_ALGO_SM2;
    other.maximum_interval = 3650;
    assert_int_equal(recite_store_sched_params_set(st, "nato", &other, &err), 0);
    assert_int_equal(recite_store_sched_params_get(st, "nato", &got, &err), 0);
    assert_memory_equal(&got, &other, sizeof(got));
    assert_int_equal(recite_store_sched_params_get(st, "gift", &got, &err), 0);
    assert_memory_equal(&got, &want, sizeof(got));
    assert_int_equal(recite_store_sched_params_get(st, NULL, &got, &err), 0);
    assert_memory_equal(&got, &want, sizeof(got));

    char *raw = NULL;
    assert_int_equal(recite_store_config_get(st, "sched.nato", &raw, &err), 0);
    assert_non_null(strstr(raw, "\"algorithm\":\"sm2\""));
    free(raw);
    assert_int_equal(recite_store_config_set(st, "sched.bad", "{\"w\":\"x\"}", &err), 0);
    assert_int_equal(recite_store_sched_params_get(st, "bad", &got, &err), RECITE_EDATA);
    recite_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sched_jsround),
        cmocka_unit_test(test_sched_derived_constants),
        cmocka_unit_test(test_sched_first_review),
        cmocka_unit_test(test_sched_same_day_review),
        cmocka_unit_test(test_sched_across_midnight),
        cmocka_unit_test(test_sched_review_same_day),
        cmocka_unit_test(test_sched_difficulty_update),
        cmocka_unit_test(test_sched_forget_stability),
        cmocka_unit_test(test_sched_step_rule),
        cmocka_unit_test(test_sched_long_term),
        cmocka_unit_test(test_sched_maximum_interval),
        cmocka_unit_test(test_sched_refuses_bad_input),
        cmocka_unit_test(test_sched_fuzz_range),
        cmocka_unit_test(test_sched_fuzz_matches_ts_fsrs),
        cmocka_unit_test(test_sched_js_number),
        cmocka_unit_test(test_sched_sm2),
        cmocka_unit_test(test_sched_step_parse),
        cmocka_unit_test(test_sched_params_json),
        cmocka_unit_test(test_sched_params_clamp),
        cmocka_unit_test(test_sched_params_store),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
