/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * FSRS fitting and evaluation (src/core/fsrs_*.c): items from a review log
 * as fsrs-rs builds them, the CSV reader's errors, the outlier filter's
 * rules, both hand-written gradients against finite differences, the
 * small-data fallbacks and determinism. The agreement with fsrs-rs itself
 * is tests/cli/t0410.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "fsrs_model.h"
#include "recite.h"

#define DAY INT64_C(86400000)
#define HOUR INT64_C(3600000)

static void push(struct recite_revlog *log, int64_t card, int64_t ms, int rating, int state)
{
    struct recite_error err = {0};
    struct recite_revlog_entry e = {card, ms, rating, state};
    assert_int_equal(recite_revlog_push(log, &e, &err), 0);
}

/* Items: one per review on a later day, from the last first-learning on, in time order. */
static void test_fit_items(void **state)
{
    (void)state;
    struct recite_revlog log;
    struct recite_fsrs_items items;
    struct recite_error err = {0};
    recite_revlog_init(&log);
    int64_t d0 = 20000 * DAY + 10 * HOUR; /* 10:00 UTC */
    /* card 7: an old history, then relearned from New: only the last run counts */
    push(&log, 7, d0 - 50 * DAY, 3, 0);
    push(&log, 7, d0 - 40 * DAY, 3, 2);
    push(&log, 7, d0, 1, 0);
    push(&log, 7, d0 + 5 * 60000, 3, 1);
    push(&log, 7, d0 + 2 * DAY, 3, 2);
    /* 02:00 the next calendar day is still the same day with a 04:00 day start */
    push(&log, 7, d0 + 2 * DAY + 16 * HOUR, 1, 2);
    push(&log, 7, d0 + 5 * DAY, 4, 3);
    /* card 5, logged out of order */
    push(&log, 5, d0 + 3 * DAY, 3, 2);
    push(&log, 5, d0 + HOUR, 4, 0);
    assert_int_equal(recite_fsrs_items_build(&items, &log, 4, &err), 0);
    assert_int_equal(items.count, 3);
    /* card 7's review at day 2 (delta 2), card 5's at day 3, card 7's at day 5 */
    assert_int_equal(items.items[0].count, 3);
    assert_int_equal(items.items[0].reviews[0].rating, 1);
    assert_int_equal(items.items[0].reviews[1].delta_t, 0);
    assert_int_equal(items.items[0].reviews[2].delta_t, 2);
    assert_int_equal(items.items[1].count, 2);
    assert_int_equal(items.items[1].reviews[1].delta_t, 3);
    assert_int_equal(items.items[2].count, 5);
    assert_int_equal(items.items[2].reviews[3].delta_t, 0); /* 02:00 belongs to the day before */
    assert_int_equal(items.items[2].reviews[4].delta_t, 3);
    recite_fsrs_items_release(&items);
    /* with the day starting at midnight the 02:00 review is a day later */
    assert_int_equal(recite_fsrs_items_build(&items, &log, 0, &err), 0);
    assert_int_equal(items.count, 4);
    recite_fsrs_items_release(&items);
    recite_revlog_release(&log);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_fit_csv(void **state)
{
    (void)state;
    char path[] = "/tmp/recite-test-fit-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    struct recite_revlog log;
    struct recite_error err = {0};
    recite_revlog_init(&log);
    write_file(path, "review_rating,extra,card_id,review_duration,review_state,review_time\n"
                     "3,x,12,900,0,1700000000000\n\n4,,12,800,2,1700090000000\r\n");
    assert_int_equal(recite_revlog_read_csv(&log, path, &err), 0);
    assert_int_equal(log.count, 2);
    assert_int_equal(log.entries[1].card_id, 12);
    assert_int_equal(log.entries[1].rating, 4);
    assert_int_equal(log.entries[1].state, 2);
    assert_true(log.entries[1].time_ms == INT64_C(1700090000000));
    static const struct {
        const char *text, *message;
    } bad[] = {
        {"card_id,review_time,review_rating,review_state\n1,2,3,0\n",
         ":1: missing column 'review_duration'"},
        {"card_id,review_time,review_rating,review_state,review_duration\n1,2,3,0,5\n1,3,0,2,5\n",
         ":3: unknown rating '0' (1 to 4)"},
        {"card_id,review_time,review_rating,review_state,review_duration\n1,2,3,4,5\n",
         ":2: unknown state '4' (0 to 3)"},
        {"card_id,review_time,review_rating,review_state,review_duration\n1,2.5,3,0,5\n",
         ":2: review_time '2.5' is not a whole number"},
        {"card_id,review_time,review_rating,review_state,review_duration\n1,2,3\n",
         ":2: missing review_state"},
        {"", ":1: missing header line"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        write_file(path, bad[i].text);
        assert_int_equal(recite_revlog_read_csv(&log, path, &err), RECITE_EDATA);
        assert_non_null(strstr(err.msg, bad[i].message));
        assert_int_equal(log.count, 2); /* nothing appended */
    }
    unlink(path);
    close(fd);
    assert_int_equal(recite_revlog_read_csv(&log, path, &err), RECITE_ENOTFOUND);
    recite_revlog_release(&log);
}

/* A deterministic pseudo-random review log of cards cards over days days. */
static void make_log(struct recite_revlog *log, int cards, int days, uint64_t seed)
{
    for (int c = 0; c < cards; c++) {
        int64_t t = (int64_t)(20000 + c % 30) * DAY + 8 * HOUR;
        int state = 0, interval = 1;
        for (int k = 0; k < days; k++) {
            seed = seed * UINT64_C(6364136223846793005) + 1442695040888963407u;
            int rating = (int)((seed >> 33) % 10);
            rating = rating < 2 ? 1 : rating < 3 ? 2 : rating < 9 ? 3 : 4;
            push(log, c + 1, t, rating, state);
            if (state == 0 && rating == 1) {
                t += 10 * 60000;
                state = 1;
                continue;
            }
            interval = rating == 1 ? 1 : interval * (rating + 1) / 2 + 1;
            t += (int64_t)interval * DAY;
            state = rating == 1 ? 3 : 2;
        }
    }
}

/* Both gradients (forward mode, and the backward pass training uses) match finite differences. */
static void test_fit_gradients(void **state)
{
    (void)state;
    struct recite_revlog log;
    struct recite_fsrs_items items;
    struct recite_error err = {0};
    recite_revlog_init(&log);
    make_log(&log, 40, 9, 7);
    assert_int_equal(recite_fsrs_items_build(&items, &log, 4, &err), 0);
    double w[21];
    memcpy(w, recite_fsrs_default_w, sizeof w);
    w[7] = 0.05; /* away from the clamp, so every weight has a derivative */
    struct fsrs_step_cache cache[64];
    for (size_t k = 0; k < items.count; k += 7) {
        const struct recite_fsrs_item *it = &items.items[k];
        struct fsrs_model m;
        fsrs_model_init(&m, w);
        double back[21] = {0}, fwd[21], dr[21];
        double loss = fsrs_item_loss_grad(&m, it, 0.7, back, cache);
        struct fsrs_state st;
        fsrs_state_first(&m, &st, it->reviews[0].rating, true);
        for (uint32_t i = 1; i + 1 < it->count; i++)
            fsrs_state_step(&m, &st, it->reviews[i].delta_t, it->reviews[i].rating, true);
        double r = fsrs_recall(&m, &st, it->reviews[it->count - 1].delta_t, dr);
        double y = it->reviews[it->count - 1].rating > 1;
        for (int i = 0; i < 21; i++)
            fwd[i] = -0.7 * (y / r - (1 - y) / (1 - r)) * dr[i];
        for (int i = 0; i < 21; i++) {
            double h = 1e-6 * (fabs(w[i]) + 1e-3), wp[21], wm[21];
            memcpy(wp, w, sizeof wp);
            memcpy(wm, w, sizeof wm);
            wp[i] += h;
            wm[i] -= h;
            struct fsrs_model mp, mm;
            fsrs_model_init(&mp, wp);
            fsrs_model_init(&mm, wm);
            double scratch[21] = {0};
            double numeric = (fsrs_item_loss_grad(&mp, it, 0.7, scratch, cache) -
                              fsrs_item_loss_grad(&mm, it, 0.7, scratch, cache)) /
                             (2 * h);
            double tol = 1e-5 * (1 + fabs(numeric));
            assert_true(isfinite(loss));
            if (fabs(back[i] - numeric) > tol || fabs(fwd[i] - numeric) > tol)
                fail_msg("item %zu weight %d: backward %g forward %g numeric %g", k, i, back[i],
                         fwd[i], numeric);
        }
    }
    recite_fsrs_items_release(&items);
    recite_revlog_release(&log);
}

static void fit_log(double w[21], enum recite_fsrs_fit_kind *kind, int cards, int days)
{
    struct recite_revlog log;
    struct recite_fsrs_items items;
    struct recite_error err = {0};
    recite_revlog_init(&log);
    make_log(&log, cards, days, 3);
    assert_int_equal(recite_fsrs_items_build(&items, &log, 4, &err), 0);
    assert_int_equal(recite_fsrs_fit(w, kind, &items, NULL, &err), 0);
    recite_fsrs_items_release(&items);
    recite_revlog_release(&log);
}

/* Fewer than 8 items: the defaults; fewer than 64: only w0..w3; else a full, repeatable fit. */
static void test_fit_fallbacks(void **state)
{
    (void)state;
    double w[21], again[21];
    enum recite_fsrs_fit_kind kind;
    fit_log(w, &kind, 3, 2);
    assert_int_equal(kind, RECITE_FIT_DEFAULTS);
    assert_memory_equal(w, recite_fsrs_default_w, sizeof w);
    fit_log(w, &kind, 300, 2); /* first intervals only */
    assert_int_equal(kind, RECITE_FIT_INITIAL);
    assert_memory_equal(w + 4, recite_fsrs_default_w + 4, 17 * sizeof w[0]);
    assert_true(w[0] <= w[1] && w[1] <= w[2] && w[2] <= w[3]);
    fit_log(w, &kind, 300, 6);
    assert_int_equal(kind, RECITE_FIT_FULL);
    fit_log(again, &kind, 300, 6);
    assert_memory_equal(w, again, sizeof w);
}

/* Evaluation: nothing to evaluate is an error; perfect data gives a small loss. */
static void test_fit_evaluate(void **state)
{
    (void)state;
    struct recite_fsrs_items items = {0};
    struct recite_fsrs_metrics m;
    struct recite_error err = {0};
    assert_int_equal(recite_fsrs_evaluate(&m, recite_fsrs_default_w, &items, &err), RECITE_EDATA);
    struct recite_revlog log;
    recite_revlog_init(&log);
    make_log(&log, 200, 6, 11);
    assert_int_equal(recite_fsrs_items_build(&items, &log, 4, &err), 0);
    assert_int_equal(recite_fsrs_evaluate(&m, recite_fsrs_default_w, &items, &err), 0);
    assert_true(m.log_loss > 0 && m.log_loss < 2);
    assert_true(m.rmse_bins > 0 && m.rmse_bins < 1);
    assert_true(m.count > 0 && m.count <= items.count);
    recite_fsrs_items_release(&items);
    recite_revlog_release(&log);
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fit_items),     cmocka_unit_test(test_fit_csv),
        cmocka_unit_test(test_fit_gradients), cmocka_unit_test(test_fit_fallbacks),
        cmocka_unit_test(test_fit_evaluate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
