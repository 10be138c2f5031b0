/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The queue: new cards dealt across kinds and ways of asking, one card a
 * fact a day, the same order from the same database; the counts of what is
 * left after an undo; a suspension taken back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "recite.h"

#define NOW INT64_C(1795428000000) /* 2026-11-23T10:00:00Z */
#define DAY INT64_C(86400000)

struct fixture {
    struct recite_store *st;
    struct recite_bank *bank;
};

static void open_with(struct fixture *f, const char *path)
{
    struct recite_error err = {0};
    if (recite_store_open(&f->st, ":memory:", &err) < 0 ||
        recite_bank_load(&f->bank, path, NULL, &err) < 0 ||
        recite_bank_import(f->st, f->bank, NOW - DAY, NULL, &err) < 0)
        fail_msg("%s: %s", path, err.msg);
}

static void close_fixture(struct fixture *f)
{
    recite_bank_free(f->bank);
    recite_store_close(f->st);
}

static struct recite_queue *queue_at(struct fixture *f, int64_t now, size_t new_limit)
{
    struct recite_queue_options opts = RECITE_QUEUE_OPTIONS_INIT;
    opts.new_limit = new_limit;
    struct recite_queue *q = NULL;
    struct recite_error err = {0};
    if (recite_queue_new(&q, f->st, &opts, now, &err) < 0)
        fail_msg("queue: %s", err.msg);
    return q;
}

static int next_card(struct recite_queue *q, int64_t now, struct recite_card_row *out)
{
    struct recite_error err = {0};
    int rc = recite_queue_next(q, now, out, &err);
    if (rc < 0 && rc != RECITE_ENOTFOUND)
        fail_msg("next: %s", err.msg);
    return rc;
}

static void answer(struct recite_queue *q, const struct recite_card_row *card, int rating,
                   int64_t now)
{
    struct recite_queue_answer a = {rating, "x", rating > 1 ? 1.0 : 0.0, 1000, 0};
    struct recite_error err = {0};
    if (recite_queue_record(q, card, &a, now, NULL, &err) < 0)
        fail_msg("record: %s", err.msg);
}

/* The first n new cards of a fresh database, answered Easy one after the other. */
static size_t first_new(struct fixture *f, size_t n, struct recite_card_row *rows)
{
    struct recite_queue *q = queue_at(f, NOW, n);
    size_t count = 0;
    while (count < n + 1 && next_card(q, NOW, &rows[count]) == 0) {
        assert_int_equal(rows[count].state, RECITE_STATE_NEW);
        answer(q, &rows[count], RECITE_EASY, NOW);
        count++;
    }
    recite_queue_free(q);
    return count;
}

static void test_queue_new_cards_mix_kinds_and_templates(void **state)
{
    (void)state;
    struct fixture f = {0};
    open_with(&f, RECITE_SOURCE_DIR "/banks/nato.bank");
    struct recite_card_row rows[11];
    assert_int_equal(first_new(&f, 10, rows), 10);
    bool kinds[RECITE_FACT_KIND_COUNT] = {false};
    size_t kind_count = 0, run = 1, longest = 1;
    for (size_t i = 0; i < 10; i++) {
        const struct recite_fact *fact = recite_bank_find_fact(f.bank, rows[i].fact_key);
        assert_non_null(fact);
        kind_count += !kinds[fact->kind];
        kinds[fact->kind] = true;
        run = i > 0 && strcmp(rows[i].template_name, rows[i - 1].template_name) == 0 ? run + 1 : 1;
        longest = run > longest ? run : longest;
    }
    assert_true(kind_count >= 3);
    assert_true(longest <= 3);
    close_fixture(&f);
}

static void test_queue_new_cards_one_a_fact_within_the_limit(void **state)
{
    (void)state;
    struct fixture f = {0};
    open_with(&f, RECITE_SOURCE_DIR "/banks/nato.bank");
    struct recite_card_row rows[21];
    assert_int_equal(first_new(&f, 20, rows), 20);
    for (size_t i = 0; i < 20; i++)
        for (size_t j = 0; j < i; j++)
            assert_int_not_equal(rows[i].fact_id, rows[j].fact_id);
    close_fixture(&f);
}

static void test_queue_new_order_is_deterministic(void **state)
{
    (void)state;
    struct fixture a = {0}, b = {0};
    open_with(&a, RECITE_SOURCE_DIR "/banks/nato.bank");
    open_with(&b, RECITE_SOURCE_DIR "/banks/nato.bank");
    struct recite_card_row ra[21], rb[21];
    assert_int_equal(first_new(&a, 20, ra), 20);
    assert_int_equal(first_new(&b, 20, rb), 20);
    for (size_t i = 0; i < 20; i++)
        assert_string_equal(ra[i].uid, rb[i].uid);
    /* The next day deals on where the first stopped: no card comes twice. */
    struct recite_queue *q = queue_at(&a, NOW + DAY, 20);
    struct recite_card_row row;
    for (size_t n = 0; n < 20 && next_card(q, NOW + DAY, &row) == 0; n++) {
        answer(q, &row, RECITE_EASY, NOW + DAY);
        for (size_t i = 0; i < 20; i++)
            assert_int_not_equal(row.fact_id, ra[i].fact_id);
    }
    recite_queue_free(q);
    close_fixture(&a);
    close_fixture(&b);
}

static void assert_counts(struct recite_queue *q, size_t review, size_t fresh)
{
    size_t learning, due, new_count;
    recite_queue_counts(q, &learning, &due, &new_count);
    assert_int_equal(due, review);
    assert_int_equal(new_count, fresh);
}

/* Two reviews and two new cards due at NOW + 10 days. */
static struct recite_queue *reviews_and_new(struct fixture *f)
{
    open_with(f, RECITE_TEST_DATA "/review/mini.bank");
    struct recite_card_row rows[3];
    assert_int_equal(first_new(f, 2, rows), 2);
    struct recite_queue *q = queue_at(f, NOW + 10 * DAY, 2);
    assert_counts(q, 2, 2);
    return q;
}

static void test_queue_counts_after_undo(void **state)
{
    (void)state;
    struct fixture f = {0};
    struct recite_queue *q = reviews_and_new(&f);
    int64_t now = NOW + 10 * DAY;
    struct recite_card_row first, second, again;
    size_t shown[4] = {0}; /* by state: what has left the counts */
    assert_int_equal(next_card(q, now, &first), 0);
    shown[first.state]++;
    answer(q, &first, RECITE_GOOD, now);
    assert_int_equal(next_card(q, now, &second), 0);
    shown[second.state]++;
    assert_counts(q, 2 - shown[RECITE_STATE_REVIEW], 2 - shown[RECITE_STATE_NEW]);
    /* As the session does: the card on screen waits, the answer is taken back. */
    recite_queue_skip(q, &second);
    struct recite_queue_undone undone;
    struct recite_error err = {0};
    assert_int_equal(recite_queue_undo(q, &undone, &err), 0);
    assert_true(undone.answer);
    assert_int_equal(undone.card_id, first.id);
    assert_counts(q, 2, 2);
    assert_int_equal(next_card(q, now, &again), 0);
    assert_int_equal(again.id, first.id);
    assert_int_equal(again.state, first.state);
    assert_counts(q, 2 - (first.state == RECITE_STATE_REVIEW),
                  2 - (first.state == RECITE_STATE_NEW));
    recite_queue_free(q);
    close_fixture(&f);
}

static void test_queue_undo_lifts_a_suspension(void **state)
{
    (void)state;
    struct fixture f = {0};
    struct recite_queue *q = reviews_and_new(&f);
    int64_t now = NOW + 10 * DAY;
    struct recite_card_row card, row;
    struct recite_error err = {0};
    assert_int_equal(next_card(q, now, &card), 0);
    assert_int_equal(recite_queue_suspend(q, &card, &err), 0);
    assert_int_equal(recite_store_card_get(f.st, card.id, &row, &err), 0);
    assert_int_equal(row.suspended, RECITE_SUSPENDED_BY_STUDENT);
    /* A suspension is no answer to re-rate. */
    struct recite_queue_answer a = {RECITE_GOOD, "x", 1.0, 0, 0};
    assert_int_equal(recite_queue_rerate(q, &card, &a, now, NULL, &err), RECITE_ENOTFOUND);
    struct recite_queue_undone undone;
    assert_int_equal(recite_queue_undo(q, &undone, &err), 0);
    assert_false(undone.answer);
    assert_int_equal(undone.card_id, card.id);
    assert_int_equal(recite_store_card_get(f.st, card.id, &row, &err), 0);
    assert_int_equal(row.suspended, RECITE_ACTIVE);
    assert_counts(q, 2, 2);
    assert_int_equal(next_card(q, now, &row), 0);
    assert_int_equal(row.id, card.id);
    assert_int_equal(recite_queue_undo(q, NULL, &err), RECITE_ENOTFOUND);
    recite_queue_free(q);
    close_fixture(&f);
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_queue_new_cards_mix_kinds_and_templates),
        cmocka_unit_test(test_queue_new_cards_one_a_fact_within_the_limit),
        cmocka_unit_test(test_queue_new_order_is_deterministic),
        cmocka_unit_test(test_queue_counts_after_undo),
        cmocka_unit_test(test_queue_undo_lifts_a_suspension),
    };
    return cmocka_run_group_tests_name("queue", tests, NULL, NULL);
}
