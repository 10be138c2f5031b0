/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Time: ISO 8601 parsing and formatting, the civil calendar, RECITE_NOW.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "recite.h"

static void test_clock_parse_forms(void **state)
{
    (void)state;
    int64_t ms;
    assert_int_equal(recite_time_parse(&ms, "1970-01-01"), 0);
    assert_int_equal(ms, 0);
    assert_int_equal(recite_time_parse(&ms, "2026-08-05T16:45:25.975Z"), 0);
    assert_int_equal(ms, INT64_C(1785948325975));
    assert_int_equal(recite_time_parse(&ms, "2026-08-05T18:45:25.975+02:00"), 0);
    assert_int_equal(ms, INT64_C(1785948325975));
    assert_int_equal(recite_time_parse(&ms, "2000-02-29T00:00"), 0);
    assert_int_equal(ms, INT64_C(951782400000));
}

static void test_clock_parse_rejects(void **state)
{
    (void)state;
    int64_t ms = 42;
    const char *bad[] = {"", "2026", "2026-13-01", "2025-02-29", "2026-01-01T25:00",
                         "2026-01-01T10:00Zjunk", "yesterday", "2026-1-1"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(recite_time_parse(&ms, bad[i]), RECITE_EDATA);
    assert_int_equal(ms, 42);
}

static void test_clock_format_roundtrip(void **state)
{
    (void)state;
    char buf[32];
    int64_t samples[] = {0, INT64_C(1785948325975), INT64_C(-86400001), INT64_C(4102444799999)};
    for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
        int64_t back;
        recite_time_format(buf, sizeof(buf), samples[i]);
        assert_int_equal(recite_time_parse(&back, buf), 0);
        assert_int_equal(back, samples[i]);
    }
    recite_time_format(buf, sizeof(buf), INT64_C(1785948325975));
    assert_string_equal(buf, "2026-08-05T16:45:25.975Z");
}

/* The one calendar every module reads: leap years, month lengths, names. */
static void test_clock_calendar(void **state)
{
    (void)state;
    assert_int_equal(recite_days_in_month(2000, 2), 29);
    assert_int_equal(recite_days_in_month(1900, 2), 28);
    assert_int_equal(recite_days_in_month(2024, 2), 29);
    assert_int_equal(recite_days_in_month(2026, 2), 28);
    assert_int_equal(recite_days_in_month(2026, 4), 30);
    assert_int_equal(recite_days_in_month(2026, 12), 31);
    assert_int_equal(recite_days_in_month(2026, 0), 0);
    assert_int_equal(recite_days_in_month(2026, 13), 0);
    assert_string_equal(recite_month_names[0], "January");
    assert_string_equal(recite_month_names[11], "December");
    assert_null(recite_month_names[12]);
    assert_string_equal(recite_month_abbrevs[8], "Sep");
    assert_null(recite_month_abbrevs[12]);
    /* the parser and the bank rules read the same lengths */
    int64_t ms;
    assert_int_equal(recite_time_parse(&ms, "2024-02-29"), 0);
    assert_int_equal(recite_time_parse(&ms, "2026-02-29"), RECITE_EDATA);
}

static void test_clock_now_honours_env(void **state)
{
    (void)state;
    int64_t now;
    struct recite_error err = {0};
    setenv("RECITE_NOW", "2026-11-23T04:00:00Z", 1);
    assert_int_equal(recite_now_ms(&now, &err), 0);
    assert_int_equal(now, INT64_C(1795406400000));
    setenv("RECITE_NOW", "soon", 1);
    assert_int_equal(recite_now_ms(&now, &err), RECITE_EUSAGE);
    unsetenv("RECITE_NOW");
    assert_int_equal(recite_now_ms(&now, &err), 0);
    assert_true(now > INT64_C(1700000000000));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clock_parse_forms),
        cmocka_unit_test(test_clock_parse_rejects),
        cmocka_unit_test(test_clock_format_roundtrip),
        cmocka_unit_test(test_clock_now_honours_env),
        cmocka_unit_test(test_clock_calendar),
    };
    return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
