/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The queue: new cards dealt across kinds and ways of asking, one card a
 * fact a day, the same order from the same database; the counts of what is
 * left after an undo; a suspension taken back; and the order rules, table by
 * table: cards in given states, the order the queue shows them.
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
#include <sqlite3.h>
#include <unistd.h>

#include "recite.h"
#include "store_internal.h"

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
    struct recite_queue_answer a = {rating, "x", rating > 1 ? 1.0 : 0.0, 1000, 0,
                                    rating > 1 ? RECITE_ANSWER_RIGHT : RECITE_ANSWER_WRONG};
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
    size_t learning, due, new_count, due_alone = SIZE_MAX, new_alone = SIZE_MAX;
    recite_queue_counts(q, &learning, &due, &new_count);
    assert_int_equal(due, review);
    assert_int_equal(new_count, fresh);
    /* without the learning count, the others are the same */
    recite_queue_counts(q, NULL, &due_alone, &new_alone);
    assert_int_equal(due_alone, review);
    assert_int_equal(new_alone, fresh);
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
    struct recite_queue_tally before;
    recite_queue_tally(q, &before);
    assert_int_equal(before.answered, 1);
    assert_int_equal(before.right, 1);
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
    struct recite_queue_tally tally;
    recite_queue_tally(q, &tally);
    assert_int_equal(tally.answered, 0);
    assert_int_equal(tally.right, 0);
    assert_int_equal(next_card(q, now, &again), 0);
    assert_int_equal(again.id, first.id);
    assert_int_equal(again.state, first.state);
    assert_counts(q, 2 - (first.state == RECITE_STATE_REVIEW),
                  2 - (first.state == RECITE_STATE_NEW));
    recite_queue_free(q);
    close_fixture(&f);
}

/*
 * An answer buries its siblings until the next day (one row for the fact);
 * the card answered itself is not buried, and an undo brings the siblings
 * back, also to a new session.
 */
static void test_queue_undo_unburies_siblings(void **state)
{
    (void)state;
    struct fixture f = {0};
    open_with(&f, RECITE_TEST_DATA "/review/mini.bank");
    struct recite_queue *q = queue_at(&f, NOW, 20);
    struct recite_card_row first, sibling = {0}, row;
    assert_int_equal(next_card(q, NOW, &first), 0);
    assert_string_equal(first.fact_key, "EAPC");
    /* a sibling of the first card, from the store */
    struct recite_error err = {0};
    for (int64_t id = 1; id < 100 && !sibling.id; id++)
        if (recite_store_card_get(f.st, id, &row, &err) == 0 && row.fact_id == first.fact_id &&
            row.id != first.id)
            sibling = row;
    assert_true(sibling.id > 0);
    assert_int_equal(sibling.buried_until, 0);
    answer(q, &first, RECITE_AGAIN, NOW);
    struct recite_queue_options opts = RECITE_QUEUE_OPTIONS_INIT;
    int64_t next_day = recite_next_day_start(NOW, opts.day_start_hour);
    assert_int_equal(recite_store_card_get(f.st, sibling.id, &row, &err), 0);
    assert_int_equal(row.buried_until, next_day);
    assert_int_equal(recite_store_card_get(f.st, first.id, &row, &err), 0);
    assert_int_equal(row.buried_until, 0);
    /* a new session shows no sibling of the fact today, but the card in learning */
    struct recite_queue *later = queue_at(&f, NOW + 11 * 60000, 20);
    for (int i = 0; i < 20 && next_card(later, NOW + 11 * 60000, &row) == 0; i++) {
        assert_true(row.fact_id != first.fact_id || row.id == first.id);
        recite_queue_skip(later, &row);
    }
    recite_queue_free(later);
    assert_int_equal(recite_queue_undo(q, NULL, &err), 0);
    assert_int_equal(recite_store_card_get(f.st, sibling.id, &row, &err), 0);
    assert_int_equal(row.buried_until, 0);
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
    struct recite_queue_answer a = {RECITE_GOOD, "x", 1.0, 0, 0, RECITE_ANSWER_RIGHT};
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

/* ---- the order rules, table-driven ---- */

#define MIN INT64_C(60000)
#define HOUR_MS (60 * MIN)

/* One card's state: fact key, FSRS state, due and last review relative to NOW. */
struct card_setup {
    const char *key;
    int state;             /* RECITE_STATE_*; -1 ends the list */
    int64_t due;           /* relative to NOW, ms */
    double stability;      /* days */
    int64_t last;          /* relative to NOW, ms (reviews) */
    int suspended;         /* enum recite_suspension */
    int64_t buried;        /* buried until NOW + this, 0: not buried */
};

struct order_case {
    const char *rule;
    struct card_setup cards[8];
    size_t new_limit, review_limit;
    char action;           /* 'd': drop each card shown; 'a': answer it Good */
    const char *expect;    /* keys in the order shown, comma-separated */
};

static const char rules_bank[] =
    "bank rules\ntitle: Queue rules\n\n"
    "question a\nask: A?\nanswer: a\n\nquestion b\nask: B?\nanswer: b\n\n"
    "question c\nask: C?\nanswer: c\n\nquestion d\nask: D?\nanswer: d\n\n"
    "question e\nask: E?\nanswer: e\n\nquestion f\nask: F?\nanswer: f\n\n"
    "acronym X\nlong: Xylophone Ensemble\n";

#define N(k) {k, RECITE_STATE_NEW, 0, 0, 0, 0, 0}
#define R(k, due, stab, last) {k, RECITE_STATE_REVIEW, due, stab, last, 0, 0}
#define L(k, due) {k, RECITE_STATE_LEARNING, due, 1, -MIN, 0, 0}
#define RL(k, due) {k, RECITE_STATE_RELEARNING, due, 1, -MIN, 0, 0}
#define END {NULL, -1, 0, 0, 0, 0, 0}

static const struct order_case order_cases[] = {
    {"learning steps due come first, by due time; then reviews, least retrievable first",
     {R("a", -DAY, 10, -5 * DAY), R("b", -DAY, 2, -4 * DAY), L("c", -5 * MIN), RL("d", -MIN), END},
     0, 200, 'd', "c,d,b,a"},
    {"suspended and buried cards are not shown",
     {{"a", RECITE_STATE_REVIEW, -DAY, 5, -5 * DAY, RECITE_SUSPENDED_BY_STUDENT, 0},
      {"b", RECITE_STATE_REVIEW, -DAY, 5, -5 * DAY, 0, HOUR_MS},
      {"c", RECITE_STATE_LEARNING, -MIN, 1, -MIN, RECITE_SUSPENDED_LEECH, 0},
      R("d", -DAY, 5, -5 * DAY), END},
     0, 200, 'd', "d"},
    {"a learning step due soon is shown early only when nothing else is left",
     {L("a", 10 * MIN), L("b", 30 * MIN), R("c", -DAY, 5, -5 * DAY), END}, 0, 200, 'd', "c,a"},
    {"reviews due before the day ends (04:00) are shown; later ones wait",
     {R("a", 17 * HOUR_MS, 5, -5 * DAY), R("b", 19 * HOUR_MS, 5, -5 * DAY), END}, 0, 200, 'd',
     "a"},
    {"the new-card limit caps new cards, dealt in bank order",
     {N("a"), N("b"), N("c"), N("d"), END}, 2, 200, 'd', "a,b"},
    {"the review limit keeps the least retrievable reviews",
     {R("a", -DAY, 50, -5 * DAY), R("b", -DAY, 1, -5 * DAY), R("c", -DAY, 5, -5 * DAY), END}, 0,
     2, 'd', "b,c"},
    {"new cards are spread among the reviews",
     {R("a", -DAY, 1, -9 * DAY), R("b", -DAY, 2, -9 * DAY), R("c", -DAY, 3, -9 * DAY),
      R("d", -DAY, 4, -9 * DAY), N("e"), END},
     5, 200, 'd', "a,b,e,c,d"},
    {"an answered card's sibling waits for another day",
     {R("X", -DAY, 5, -5 * DAY), R("a", -DAY, 50, -5 * DAY), END}, 0, 200, 'a', "X,a"},
    {"a card answered wrong comes back as a learning step",
     {R("a", -DAY, 5, -5 * DAY), END}, 0, 200, 'w', "a,a"},
    {"a sibling passed over leaves its place in the review limit to the next review",
     {R("X", -DAY, 1, -5 * DAY), R("a", -DAY, 5, -5 * DAY), R("b", -DAY, 50, -5 * DAY), END}, 0,
     2, 'a', "X,a"},
    {"learning steps due at one time come in card order, with reviews after them",
     {RL("c", -MIN), L("a", -MIN), L("b", -2 * MIN), R("d", -DAY, 5, -5 * DAY), END}, 0, 200,
     'd', "b,a,c,d"},
};

/* Opens a file database with the rules bank and sets each card as the case says. */
static void set_up_case(struct fixture *f, const struct order_case *c, char *path)
{
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    struct recite_error err = {0};
    if (recite_store_open(&f->st, path, &err) < 0 ||
        recite_bank_parse(&f->bank, rules_bank, strlen(rules_bank), NULL, &err) < 0 ||
        recite_bank_import(f->st, f->bank, NOW - 30 * DAY, NULL, &err) < 0)
        fail_msg("%s: %s", c->rule, err.msg);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    /* Cards the case does not name are suspended: only the named ones take part. */
    assert_int_equal(sqlite3_exec(db, "UPDATE card SET suspended = 1", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_stmt *stmt;
    assert_int_equal(
        sqlite3_prepare_v2(db,
                           "UPDATE card SET state = ?2, due = ?3, stability = ?4, difficulty = 5, "
                           "last_review = CASE ?2 WHEN 0 THEN NULL ELSE ?5 END, "
                           "reps = CASE ?2 WHEN 0 THEN 0 ELSE 3 END, scheduled_days = 3, "
                           "suspended = ?6, buried_until = ?7 "
                           "WHERE fact_id = (SELECT id FROM fact WHERE key = ?1)",
                           -1, &stmt, NULL),
        SQLITE_OK);
    for (const struct card_setup *s = c->cards; s->state >= 0; s++) {
        sqlite3_bind_text(stmt, 1, s->key, -1, SQLITE_STATIC);
        sqlite3_bind_int(stmt, 2, s->state);
        sqlite3_bind_int64(stmt, 3, NOW + s->due);
        sqlite3_bind_double(stmt, 4, s->stability);
        sqlite3_bind_int64(stmt, 5, NOW + s->last);
        sqlite3_bind_int(stmt, 6, s->suspended);
        sqlite3_bind_int64(stmt, 7, s->buried ? NOW + s->buried : 0);
        assert_int_equal(sqlite3_step(stmt), SQLITE_DONE);
        assert_true(sqlite3_changes(db) > 0);
        sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

static void test_queue_order_rules(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(order_cases) / sizeof(order_cases[0]); i++) {
        const struct order_case *c = &order_cases[i];
        struct fixture f = {0};
        char path[] = "/tmp/recite-queue-XXXXXX";
        set_up_case(&f, c, path);
        struct recite_queue_options opts = RECITE_QUEUE_OPTIONS_INIT;
        opts.new_limit = c->new_limit;
        opts.review_limit = c->review_limit;
        struct recite_queue *q = NULL;
        struct recite_error err = {0};
        if (recite_queue_new(&q, f.st, &opts, NOW, &err) < 0)
            fail_msg("%s: %s", c->rule, err.msg);
        char got[128] = "";
        struct recite_card_row row;
        for (int shown = 0; shown < 12 && next_card(q, NOW, &row) == 0; shown++) {
            snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%.8s", *got ? "," : "",
                     row.fact_key);
            if (c->action == 'd')
                assert_int_equal(recite_queue_drop(q, &row), 0);
            else
                answer(q, &row, c->action == 'w' && shown == 0 ? RECITE_AGAIN : RECITE_GOOD,
                       NOW);
        }
        if (strcmp(got, c->expect) != 0)
            fail_msg("%s: shown %s, expected %s", c->rule, got, c->expect);
        recite_queue_free(q);
        close_fixture(&f);
        unlink(path);
    }
}

/*
 * Choosing the next card sorts nothing: learning steps are read in order
 * from their index (before, every learning card of both states was sorted
 * on each answer), due reviews and new cards were chosen with the queue.
 */
static void test_queue_next_sorts_nothing(void **state)
{
    (void)state;
    static const struct order_case c = {
        "learning and due cards",
        {L("a", -2 * MIN), RL("b", -MIN), L("c", -MIN), R("d", -DAY, 5, -5 * DAY),
         R("e", -DAY, 9, -5 * DAY), R("X", -DAY, 1, -5 * DAY), END},
        0, 200, 'w', ""};
    struct fixture f = {0};
    char path[] = "/tmp/recite-queue-XXXXXX";
    set_up_case(&f, &c, path);
    struct recite_queue *q = queue_at(&f, NOW, 0);
    uint64_t sorts = store_sorts(f.st);
    struct recite_card_row row;
    int shown = 0;
    for (int64_t now = NOW; shown < 20 && next_card(q, now, &row) == 0; now += 11 * MIN, shown++)
        answer(q, &row, RECITE_AGAIN, now);
    assert_true(shown >= 10); /* learning steps came back again and again */
    assert_int_equal(store_sorts(f.st), sorts);
    recite_queue_free(q);
    close_fixture(&f);
    unlink(path);
}

/* ---- what an answer stores ---- */

struct leech_case {
    int threshold, lapses_before, suspended_before, lapses_after;
    bool leech;
};

static void test_queue_leech_rule(void **state)
{
    (void)state;
    static const struct leech_case cases[] = {
        {8, 7, RECITE_ACTIVE, 8, true},                 /* the lapse that reaches it */
        {8, 8, RECITE_ACTIVE, 8, false},                /* no lapse this answer */
        {8, 6, RECITE_ACTIVE, 7, false},                /* below the threshold */
        {8, 9, RECITE_ACTIVE, 10, false},               /* lifted: not yet half again */
        {8, 11, RECITE_ACTIVE, 12, true},               /* lifted: every half threshold */
        {8, 15, RECITE_ACTIVE, 16, true},
        {8, 7, RECITE_SUSPENDED_BY_STUDENT, 8, false},  /* suspended otherwise: left so */
        {0, 99, RECITE_ACTIVE, 100, false},             /* no threshold: never */
        {1, 0, RECITE_ACTIVE, 1, true},                 /* a threshold of 1: every lapse */
        {1, 1, RECITE_ACTIVE, 2, true},
        {3, 3, RECITE_ACTIVE, 4, true},                 /* half of 3 is 1 */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct leech_case *c = &cases[i];
        struct recite_card_row before = {.lapses = c->lapses_before,
                                         .suspended = c->suspended_before};
        struct recite_card_row after = before;
        after.lapses = c->lapses_after;
        if (recite_queue_is_leech(c->threshold, &before, &after) != c->leech)
            fail_msg("case %zu: threshold %d, lapses %d -> %d: expected %s", i, c->threshold,
                     c->lapses_before, c->lapses_after, c->leech ? "a leech" : "none");
    }
}

/* Runs one statement on the database at path: its first row's first column, -1 for no row. */
static int64_t sql_value(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *stmt;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    int64_t value = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

/*
 * An answer buries the siblings that could show before the next day (due
 * before it), leaves one due later unwritten, records the state after it as
 * the card now is, and suspends a leech on the lapse that reaches the
 * threshold, all in the rows the store keeps.
 */
static void test_queue_answer_rows(void **state)
{
    (void)state;
    static const struct order_case c = {
        "acronym X due", {R("X", -DAY, 5, -5 * DAY), END}, 0, 200, 'a', ""};
    struct fixture f = {0};
    char path[] = "/tmp/recite-queue-XXXXXX";
    set_up_case(&f, &c, path);
    assert_true(sql_value(path, "SELECT count(*) FROM card c JOIN fact f ON f.id = c.fact_id "
                                "WHERE f.key = 'X'") >= 3);
    char sql[512];
    /* the sibling with the highest id is due in five days; the card answered is the first */
    snprintf(sql, sizeof(sql),
             "UPDATE card SET due = %lld WHERE id = (SELECT max(c.id) FROM card c "
             "JOIN fact f ON f.id = c.fact_id WHERE f.key = 'X')",
             (long long)(NOW + 5 * DAY));
    assert_int_equal(sql_value(path, sql), -1);
    assert_int_equal(sql_value(path, "UPDATE card SET lapses = 7"), -1);
    struct recite_queue_options opts = RECITE_QUEUE_OPTIONS_INIT;
    opts.new_limit = 0;
    opts.leech_lapses = 8;
    struct recite_queue *q = NULL;
    struct recite_error err = {0};
    if (recite_queue_new(&q, f.st, &opts, NOW, &err) < 0)
        fail_msg("%s", err.msg);
    struct recite_card_row row;
    assert_int_equal(next_card(q, NOW, &row), 0);
    /* the review log's "before" is the card as SQLite's json_object() writes it */
    snprintf(sql, sizeof(sql),
             "INSERT INTO config (key, value) SELECT 'test.before', json_object('state', "
             "state, 'due', due, 'stability', stability, 'difficulty', difficulty, "
             "'elapsed_days', elapsed_days, 'scheduled_days', scheduled_days, 'reps', reps, "
             "'lapses', lapses, 'step', step, 'last_review', last_review, 'suspended', "
             "suspended) FROM card WHERE id = %lld",
             (long long)row.id);
    assert_int_equal(sql_value(path, sql), -1);
    struct recite_queue_answer a = {RECITE_AGAIN, "x", 0.0, 1000, 0, RECITE_ANSWER_WRONG};
    struct recite_queue_outcome out;
    assert_int_equal(recite_queue_record(q, &row, &a, NOW, &out, &err), 0);
    assert_true(out.leech);
    snprintf(sql, sizeof(sql),
             "SELECT r.state_before = (SELECT value FROM config WHERE key = 'test.before') "
             "FROM review r WHERE r.id = %lld",
             (long long)out.review_id);
    assert_int_equal(sql_value(path, sql), 1);
    int64_t next_day = recite_next_day_start(NOW, opts.day_start_hour);
    /* the siblings are buried by one row for the fact (schema 14), none of them written */
    snprintf(sql, sizeof(sql),
             "SELECT b.card_id || ',' || b.until || ',' || (SELECT sum(c.buried_until) FROM card c "
             "WHERE c.fact_id = f.id) FROM buried_fact b JOIN fact f ON f.id = b.fact_id "
             "WHERE f.key = 'X'");
    sqlite3 *db;
    sqlite3_stmt *stmt;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    char want[64];
    snprintf(want, sizeof(want), "%lld,%lld,0", (long long)row.id, (long long)next_day);
    assert_string_equal((const char *)sqlite3_column_text(stmt, 0), want);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    snprintf(sql, sizeof(sql),
             "SELECT r.state_after = json_object('state', c.state, 'due', c.due, 'stability', "
             "c.stability, 'difficulty', c.difficulty, 'elapsed_days', c.elapsed_days, "
             "'scheduled_days', c.scheduled_days, 'reps', c.reps, 'lapses', c.lapses, 'step', "
             "c.step, 'last_review', c.last_review, 'suspended', c.suspended) "
             "AND c.suspended = 3 AND c.lapses = 8 "
             "FROM review r JOIN card c ON c.id = r.card_id WHERE r.id = %lld",
             (long long)out.review_id);
    assert_int_equal(sql_value(path, sql), 1);
    recite_queue_free(q);
    close_fixture(&f);
    unlink(path);
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
        cmocka_unit_test(test_queue_undo_unburies_siblings),
        cmocka_unit_test(test_queue_undo_lifts_a_suspension),
        cmocka_unit_test(test_queue_order_rules),
        cmocka_unit_test(test_queue_next_sorts_nothing),
        cmocka_unit_test(test_queue_leech_rule),
        cmocka_unit_test(test_queue_answer_rows),
    };
    return cmocka_run_group_tests_name("queue", tests, NULL, NULL);
}
