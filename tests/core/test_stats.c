/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Statistics from a known review log: today's counts, the heatmap, true
 * retention split young/mature, the forecast, mastery by tag, leeches and
 * hard cards, the hourly sums after an undo, the JSON keys, and Moodle's
 * item analysis on quizzes worked out by hand.
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

#include <cmocka.h>
#include <jansson.h>

#include "recite.h"

#define HOUR INT64_C(3600000)
#define DAY (24 * HOUR)

static const char bank_text[] = "bank t\nsource d: A document\n\n"
                                "question q1\nask: One?\nanswer: one\ntags: geo\n\n"
                                "question q2\nask: Two?\nanswer: two\ntags: geo history\n\n"
                                "question q3\nask: Three?\nanswer: three\ntags: history\n";

/* 2026-11-23T12:00:00Z; with TZ=UTC and days starting at 0:00, today began at 00:00. */
static const int64_t now = INT64_C(1795435200000);

struct fixture {
    struct recite_store *st;
    char uid[6][RECITE_CARD_UID_HEX]; /* bank t's cards, then bank u's (filter test) */
    int64_t id[6];
};

static void append(struct fixture *f, int card, int64_t at, int state, int scheduled_days,
                   int rating, int64_t duration_ms, int64_t *out_id)
{
    char before[256];
    snprintf(before, sizeof(before),
             "{\"state\":%d,\"due\":0,\"stability\":1,\"difficulty\":5,\"elapsed_days\":0,"
             "\"scheduled_days\":%d,\"reps\":1,\"lapses\":0,\"step\":0,\"last_review\":null,"
             "\"suspended\":0}",
             state, scheduled_days);
    struct recite_review_row row = {.card_uid = f->uid[card],
                                    .at_ms = at,
                                    .rating = rating,
                                    .duration_ms = duration_ms,
                                    .state_before = before,
                                    .state_after = "{}"};
    struct recite_error err = {0};
    if (recite_store_review_append(f->st, &row, out_id, &err) < 0)
        fail_msg("%s", err.msg);
}

/* Answers card through the session's path, leaving it in the given state. */
static void commit(struct fixture *f, int card, int64_t at, int state, int64_t due,
                   double stability, int lapses, int64_t duration_ms)
{
    struct recite_card_row row;
    assert_int_equal(recite_store_card_get(f->st, f->id[card], &row, NULL), 0);
    row.state = state, row.due = due, row.stability = stability, row.lapses = lapses;
    row.difficulty = 7;
    row.last_review = at;
    struct recite_review_record rec = {
        .card_id = f->id[card], .at = at, .rating = 3, .duration_ms = duration_ms, .after = &row};
    struct recite_error err = {0};
    if (recite_store_review_commit(f->st, &rec, NULL, NULL, &err) < 0)
        fail_msg("%s", err.msg);
}

/* Imports bank_text as bank `id`, its cards' uids and ids at f->uid[base..base+2]. */
static void import_bank(struct fixture *f, char id, int base)
{
    char text[sizeof(bank_text)];
    snprintf(text, sizeof(text), "%s", bank_text);
    text[5] = id;
    struct recite_error err = {0};
    struct recite_bank *bank = NULL;
    if (recite_bank_parse(&bank, text, strlen(text), NULL, &err) < 0 ||
        recite_bank_import(f->st, bank, 1000, NULL, &err) < 0)
        fail_msg("%s", err.msg);
    recite_bank_free(bank);
    char slug[2] = {id, 0};
    for (int i = 0; i < 3; i++) {
        char key[4] = {'q', (char)('1' + i), 0};
        struct recite_card_ref ref;
        recite_card_uid(f->uid[base + i], slug, key, "typed");
        assert_int_equal(recite_store_card_find(f->st, f->uid[base + i], &ref, NULL), 0);
        f->id[base + i] = ref.card_id;
        recite_card_ref_release(&ref);
    }
}

static int setup(void **state)
{
    setenv("TZ", "UTC", 1);
    tzset();
    struct fixture *f = calloc(1, sizeof(*f));
    struct recite_error err = {0};
    if (recite_store_open(&f->st, ":memory:", &err) < 0)
        fail_msg("%s", err.msg);
    import_bank(f, 't', 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    recite_store_close(f->st);
    free(f);
    return 0;
}

/* The log every statistics test reads (of bank t, or u at base 3); see each line's role. */
static int64_t write_log_at(struct fixture *f, int base)
{
    append(f, base + 0, now - HOUR, 0, 0, 3, 5000, NULL);   /* today, new */
    append(f, base + 0, now - 2 * DAY, 2, 5, 1, 0, NULL);   /* young review, failed */
    append(f, base + 1, now - 3 * DAY, 2, 30, 3, 0, NULL);  /* mature, passed */
    append(f, base + 1, now - 20 * DAY, 2, 25, 2, 0, NULL); /* mature, passed (Hard) */
    append(f, base + 2, now - 100 * DAY, 2, 3, 4, 0, NULL); /* young, passed, this year */
    append(f, base + 2, now - 400 * DAY, 2, 3, 4, 0, NULL); /* over a year ago */
    commit(f, base + 1, now - 30 * 60000, 2, now + 3 * DAY + HOUR, 30, 0, 1000); /* due in 3 days */
    commit(f, base + 0, now - 20 * 60000, 1, now - 5 * 60000, 2, 2, 0);          /* overdue learning */
    int64_t last = 0;
    append(f, base + 2, now - 10 * 60000, 1, 0, 1, 2000, &last); /* today, learning */
    assert_int_equal(recite_store_card_suspend(f->st, f->id[base + 2], RECITE_SUSPENDED_LEECH, NULL), 0);
    return last;
}

static int64_t write_log(struct fixture *f)
{
    return write_log_at(f, 0);
}

static void compute_for(struct fixture *f, const char *bank_slug, struct recite_stats *s)
{
    struct recite_stats_options opts = RECITE_STATS_OPTIONS_INIT;
    opts.now = now;
    opts.day_start_hour = 0;
    opts.bank_slug = bank_slug;
    struct recite_error err = {0};
    if (recite_stats_compute(s, f->st, &opts, &err) < 0)
        fail_msg("%s", err.msg);
}

static void compute(struct fixture *f, struct recite_stats *s)
{
    compute_for(f, NULL, s);
}

static void test_stats_known_log(void **state)
{
    struct fixture *f = *state;
    write_log(f);
    struct recite_stats s;
    compute(f, &s);
    assert_int_equal(s.today_start, now - 12 * HOUR);
    assert_int_equal(s.reviewed_today, 4);
    assert_int_equal(s.time_today_ms, 8000);
    assert_int_equal(s.due_learning, 1);
    assert_int_equal(s.due_review, 0);
    assert_int_equal(s.new_available, 0);
    assert_int_equal(s.heatmap[364], 4);
    assert_int_equal(s.heatmap[362], 1);
    assert_int_equal(s.heatmap[361], 1);
    assert_int_equal(s.heatmap[344], 1);
    assert_int_equal(s.heatmap[264], 1);
    assert_int_equal(s.year_reviews, 8);
    assert_int_equal(s.heatmap_start, s.today_start - 364 * DAY);

    const struct recite_stats_retention *r = s.retention;
    assert_int_equal(r[0].days, 7);
    assert_int_equal(r[0].young_reviews, 1);
    assert_int_equal(r[0].young_passed, 0);
    assert_int_equal(r[0].mature_reviews, 1);
    assert_int_equal(r[0].mature_passed, 1);
    assert_int_equal(r[1].young_reviews, 1);
    assert_int_equal(r[1].mature_reviews, 2);
    assert_int_equal(r[1].mature_passed, 2);
    assert_int_equal(r[2].days, 365);
    assert_int_equal(r[2].young_reviews, 2);
    assert_int_equal(r[2].young_passed, 1);

    assert_int_equal(s.forecast[0], 1); /* the overdue learning card */
    assert_int_equal(s.forecast[3], 1);
    size_t due = 0;
    for (int i = 0; i < RECITE_STATS_FORECAST_DAYS; i++)
        due += s.forecast[i];
    assert_int_equal(due, 2);

    assert_int_equal(s.tag_count, 2);
    assert_string_equal(s.tags[0].tag, "geo");
    assert_int_equal(s.tags[0].cards, 2);
    assert_int_equal(s.tags[0].mastered, 1);
    assert_string_equal(s.tags[1].tag, "history");
    assert_int_equal(s.tags[1].cards, 2);
    assert_int_equal(s.tags[1].mastered, 1);

    assert_int_equal(s.leech_count, 1);
    assert_string_equal(s.leeches[0].uid, f->uid[2]);
    assert_int_equal(s.hardest_count, 1);
    assert_string_equal(s.hardest[0].fact_key, "q1");
    assert_int_equal(s.hardest[0].lapses, 2);
    recite_stats_release(&s);
}

static void test_stats_undo_takes_back_sums(void **state)
{
    struct fixture *f = *state;
    int64_t last = write_log(f);
    assert_int_equal(recite_store_review_undo(f->st, last, now - 12 * HOUR, NULL), 0);
    struct recite_stats s;
    compute(f, &s);
    assert_int_equal(s.reviewed_today, 3);
    assert_int_equal(s.time_today_ms, 6000);
    assert_int_equal(s.heatmap[364], 3);
    assert_int_equal(s.year_reviews, 7);
    recite_stats_release(&s);
}

/* Every figure of a bank's statistics, compared field by field. */
static void assert_same_stats(const struct recite_stats *a, const struct recite_stats *b)
{
    assert_int_equal(a->due_learning, b->due_learning);
    assert_int_equal(a->due_review, b->due_review);
    assert_int_equal(a->new_available, b->new_available);
    assert_int_equal(a->reviewed_today, b->reviewed_today);
    assert_int_equal(a->time_today_ms, b->time_today_ms);
    assert_int_equal(a->year_reviews, b->year_reviews);
    assert_memory_equal(a->heatmap, b->heatmap, sizeof(a->heatmap));
    assert_memory_equal(a->forecast, b->forecast, sizeof(a->forecast));
    assert_memory_equal(a->retention, b->retention, sizeof(a->retention));
    assert_int_equal(a->tag_count, b->tag_count);
    for (size_t i = 0; i < a->tag_count; i++) {
        assert_string_equal(a->tags[i].tag, b->tags[i].tag);
        assert_int_equal(a->tags[i].cards, b->tags[i].cards);
        assert_int_equal(a->tags[i].mastered, b->tags[i].mastered);
    }
    assert_int_equal(a->leech_count, b->leech_count);
    assert_int_equal(a->hardest_count, b->hardest_count);
    for (size_t i = 0; i < a->hardest_count; i++)
        assert_string_equal(a->hardest[i].uid, b->hardest[i].uid);
}

/*
 * A bank's figures do not change when another bank with its own log is
 * added; every bank's figures together are the sum; an unknown bank has none.
 */
static void test_stats_bank_filter(void **state)
{
    struct fixture *f = *state;
    write_log(f);
    struct recite_stats alone, t, u, all, none;
    compute_for(f, "t", &alone);
    import_bank(f, 'u', 3);
    write_log_at(f, 3);
    /* u's first card, answered once more today: the two logs differ */
    commit(f, 3, now - 60000, 2, now + 10 * DAY, 40, 0, 500);
    compute_for(f, "t", &t);
    compute_for(f, "u", &u);
    compute_for(f, NULL, &all);
    compute_for(f, "other", &none);
    assert_same_stats(&alone, &t);
    assert_int_equal(u.reviewed_today, t.reviewed_today + 1);
    assert_int_equal(u.year_reviews, t.year_reviews + 1);
    assert_int_equal(all.year_reviews, t.year_reviews + u.year_reviews);
    assert_int_equal(all.reviewed_today, t.reviewed_today + u.reviewed_today);
    assert_int_equal(all.time_today_ms, t.time_today_ms + u.time_today_ms);
    assert_int_equal(all.due_learning, t.due_learning + u.due_learning);
    assert_int_equal(all.leech_count, t.leech_count + u.leech_count);
    for (int d = 0; d < RECITE_STATS_FORECAST_DAYS; d++)
        assert_int_equal(all.forecast[d], t.forecast[d] + u.forecast[d]);
    for (int w = 0; w < RECITE_STATS_WINDOWS; w++)
        assert_int_equal(all.retention[w].mature_reviews,
                         t.retention[w].mature_reviews + u.retention[w].mature_reviews);
    for (size_t i = 0; i < t.leech_count; i++)
        assert_true(strcmp(t.leeches[i].uid, f->uid[0]) == 0 ||
                    strcmp(t.leeches[i].uid, f->uid[1]) == 0 ||
                    strcmp(t.leeches[i].uid, f->uid[2]) == 0);
    assert_int_equal(none.year_reviews, 0);
    assert_int_equal(none.reviewed_today, 0);
    assert_int_equal(none.tag_count, 0);
    assert_int_equal(none.leech_count + none.hardest_count, 0);
    recite_stats_release(&alone);
    recite_stats_release(&t);
    recite_stats_release(&u);
    recite_stats_release(&all);
    recite_stats_release(&none);
}

/* The documented keys (docs/stats-json.md), with values from the log. */
static void test_stats_json_keys(void **state)
{
    struct fixture *f = *state;
    write_log(f);
    struct recite_stats s;
    compute(f, &s);
    char *text = NULL;
    assert_int_equal(recite_stats_to_json(&text, &s, "t", NULL), 0);
    json_t *root = json_loads(text, 0, NULL);
    assert_non_null(root);
    static const char *const keys[] = {"version",  "bank",      "now",     "today",   "heatmap",
                                       "forecast", "retention", "mastery", "leeches", "hardest"};
    assert_int_equal(json_object_size(root), sizeof(keys) / sizeof(keys[0]));
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        assert_non_null(json_object_get(root, keys[i]));
    assert_int_equal(json_integer_value(json_object_get(root, "version")), 1);
    json_t *today = json_object_get(root, "today");
    assert_int_equal(json_integer_value(json_object_get(today, "reviewed")), 4);
    assert_int_equal(json_integer_value(json_object_get(today, "time_ms")), 8000);
    json_t *heatmap = json_object_get(root, "heatmap");
    assert_int_equal(json_array_size(json_object_get(heatmap, "days")), 365);
    assert_int_equal(json_integer_value(json_object_get(heatmap, "total")), 8);
    json_t *week = json_array_get(json_object_get(root, "retention"), 0);
    json_t *young = json_object_get(week, "young");
    assert_int_equal(json_integer_value(json_object_get(young, "reviews")), 1);
    assert_true(json_real_value(json_object_get(young, "rate")) == 0.0);
    json_t *all = json_object_get(week, "all");
    assert_true(json_real_value(json_object_get(all, "rate")) == 0.5);
    json_t *geo = json_array_get(json_object_get(root, "mastery"), 0);
    assert_string_equal(json_string_value(json_object_get(geo, "tag")), "geo");
    assert_true(json_real_value(json_object_get(geo, "share")) == 0.5);
    assert_int_equal(json_array_size(json_object_get(root, "forecast")), 30);
    json_decref(root);
    free(text);
    recite_stats_release(&s);
}

/*
 * Three quizzes of items A, B, C (credit): 1 1 0 / 1 0 0 / 0 0 1. Worked by
 * hand: A facility 66.7, SD 57.7, rest-of-quiz scores .5 0 .5, r = -0.5;
 * B's rest is .5 every time, so its discrimination is undefined; C's rest
 * is 1 .5 0, r = -sqrt(3)/2.
 */
static void test_stats_items_by_hand(void **state)
{
    (void)state;
    char a[] = "A", b[] = "B", c[] = "C", p[] = "prompt";
    const struct recite_stats_item_row rows[] = {
        {1, a, p, 1}, {1, b, p, 1}, {1, c, p, 0}, {2, a, p, 1}, {2, b, p, 0},
        {2, c, p, 0}, {3, a, p, 0}, {3, b, p, 0}, {3, c, p, 1},
    };
    struct recite_stats_items items;
    assert_int_equal(recite_stats_items_from_rows(&items, rows, 9, NULL), 0);
    assert_int_equal(items.quizzes, 3);
    assert_int_equal(items.count, 3);
    /* Hardest first: B and C (33.3) by uid, then A. */
    assert_string_equal(items.items[0].card_uid, "B");
    assert_string_equal(items.items[1].card_uid, "C");
    const struct recite_stats_item *ia = &items.items[2];
    assert_string_equal(ia->card_uid, "A");
    assert_int_equal(ia->attempts, 3);
    assert_true(fabs(ia->facility - 200.0 / 3) < 1e-9);
    assert_true(fabs(ia->sd - 100 * sqrt(1.0 / 3)) < 1e-9);
    assert_true(fabs(ia->discrimination + 50) < 1e-9);
    assert_true(isnan(items.items[0].discrimination));
    assert_true(fabs(items.items[1].discrimination + 50 * sqrt(3)) < 1e-9);
    assert_string_equal(recite_stats_item_flag(ia), "negative");
    assert_null(recite_stats_item_flag(&items.items[0]));
    struct recite_stats_item easy = {.facility = 95, .discrimination = 40};
    struct recite_stats_item hard = {.facility = 5, .discrimination = NAN};
    assert_string_equal(recite_stats_item_flag(&easy), "too-easy");
    assert_string_equal(recite_stats_item_flag(&hard), "too-hard");
    char *text = NULL;
    assert_int_equal(recite_stats_items_to_json(&text, &items, NULL), 0);
    json_t *root = json_loads(text, 0, NULL);
    json_t *first = json_array_get(json_object_get(root, "items"), 0);
    assert_true(json_is_null(json_object_get(first, "discrimination")));
    assert_true(json_real_value(json_object_get(first, "facility")) == 33.3);
    json_decref(root);
    free(text);
    recite_stats_items_release(&items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_stats_known_log, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stats_undo_takes_back_sums, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stats_bank_filter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stats_json_keys, setup, teardown),
        cmocka_unit_test(test_stats_items_by_hand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
