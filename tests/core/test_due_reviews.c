/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The first due reviews: reading stability bands (card_review_band) gives
 * exactly the ids, in exactly the order, of the full scan of every due
 * review, on random databases (stabilities from 0 to far beyond FSRS's
 * range, many equal, some on band edges; last reviews never, equal, after
 * now; suspended, buried, not due, other states, two banks; a few rows of
 * types the schema does not expect) for random now, until, limit and bank.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "recite.h"
#include "store_internal.h"

#define DAY 86400000LL
#define BASE 1795399200000LL /* 2026-11-23T10:00:00Z */

static uint64_t rng_state;

static uint64_t rnd(void)
{
    /* splitmix64 */
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* 0 .. n - 1 */
static int64_t below(int64_t n)
{
    return (int64_t)(rnd() % (uint64_t)n);
}

static double unit_real(void)
{
    return (double)(rnd() >> 11) / 9007199254740992.0;
}

/* The shapes of database the test builds. */
enum shape {
    SHAPE_SPREAD, /* stabilities and last reviews spread wide, few equal */
    SHAPE_TIES,   /* a few stabilities and last reviews, shared by many cards */
    SHAPE_EDGES,  /* stabilities on and next to the band edges */
};

/* Stabilities that many cards share, band edges among them. */
static const double common_stability[] = {0,    0.00005, 0.0001, 0.00011, 0.001, 0.5,  1,
                                          2,    2.5,     9.99,   10,      10.5,  99.9, 100,
                                          1000, 36500,   1e6,    1e15,    1e300};

static double random_stability(enum shape shape)
{
    switch (shape) {
    case SHAPE_TIES:
        return common_stability[below(sizeof(common_stability) / sizeof(*common_stability))];
    case SHAPE_EDGES: {
        /* f * 10^k / 10000 and its neighbours: the first stabilities of bands */
        double f = (double)(10 + below(90)), s = f * pow(10, (double)below(12)) / 10000 / 10;
        switch (below(4)) {
        case 0:
            return nextafter(s, 0);
        case 1:
            return nextafter(s, INFINITY);
        default:
            return s;
        }
    }
    default:
        if (below(20) == 0)
            return common_stability[below(sizeof(common_stability) / sizeof(*common_stability))];
        return 0.0001 * pow(10, 8.6 * unit_real()); /* 0.0001 .. 36500, evenly in log */
    }
}

static const int64_t common_last[] = {BASE - 30 * DAY, BASE - 2 * DAY, BASE - DAY, BASE,
                                      BASE + DAY};

/*
 * Writes a random database of n cards of the given shape at path, at schema
 * version, b_share % of its facts in bank b and the others in bank a.
 */
static void build_db(const char *path, enum shape shape, int n, int version, int b_share)
{
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_store_open_version(&st, path, version, &err), 0);
    recite_store_close(st);

    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "BEGIN;"
                                  "INSERT INTO bank (id, slug) VALUES (1, 'a'), (2, 'b');",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_stmt *fact, *card;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "INSERT INTO fact (id, bank_id, key, kind, body) "
                                        "VALUES (?1, ?2, 'k' || ?1, 'question', '{}')",
                                        -1, &fact, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "INSERT INTO card (id, uid, fact_id, template, state, due, "
                                        "stability, last_review, suspended, buried_until) "
                                        "VALUES (?1, 'u' || ?1, ?2, 't', ?3, ?4, ?5, ?6, ?7, ?8)",
                                        -1, &card, NULL),
                     SQLITE_OK);
    int facts = n / 2;
    for (int i = 1; i <= facts; i++) {
        sqlite3_bind_int(fact, 1, i);
        sqlite3_bind_int(fact, 2, below(100) < b_share ? 2 : 1);
        assert_int_equal(sqlite3_step(fact), SQLITE_DONE);
        sqlite3_reset(fact);
    }
    for (int i = 1; i <= n; i++) {
        sqlite3_bind_int(card, 1, i);
        sqlite3_bind_int64(card, 2, 1 + below(facts));
        sqlite3_bind_int(card, 3, below(6) == 0 ? (int)below(4) : 2);
        int64_t due = shape == SHAPE_TIES && below(2) ? common_last[below(5)] + 3 * DAY
                                                      : BASE + below(40 * DAY) - 20 * DAY;
        sqlite3_bind_int64(card, 4, due);
        sqlite3_bind_double(card, 5, random_stability(shape));
        int64_t r = below(100);
        if (r < 5) {
            sqlite3_bind_null(card, 6);
        } else if (r < (shape == SHAPE_SPREAD ? 10 : 70)) {
            sqlite3_bind_int64(card, 6, common_last[below(5)]);
        } else {
            sqlite3_bind_int64(card, 6, BASE - below(400 * DAY) + DAY);
        }
        sqlite3_bind_int(card, 7, below(10) == 0 ? 1 + (int)below(3) : 0);
        sqlite3_bind_int64(card, 8, below(10) == 0 ? BASE + below(3 * DAY) - DAY : 0);
        assert_int_equal(sqlite3_step(card), SQLITE_DONE);
        sqlite3_reset(card);
    }
    sqlite3_finalize(fact);
    sqlite3_finalize(card);
    /*
     * Rows no recite writes, which SQLite keeps all the same: a stability
     * that is text, a last review that is text, fractional, or before 1970,
     * a stability that is infinite or negative. They must be ordered as the
     * scan orders them too.
     */
    assert_int_equal(
        sqlite3_exec(db,
                     "UPDATE card SET stability = 'x' WHERE id % 397 = 1;"
                     "UPDATE card SET last_review = 'y' WHERE id % 401 = 2;"
                     "UPDATE card SET last_review = last_review + 0.5 WHERE id % 409 = 3;"
                     "UPDATE card SET last_review = -5 * 86400000 WHERE id % 419 = 4;"
                     "UPDATE card SET stability = 9e999 WHERE id % 421 = 5;"
                     "UPDATE card SET stability = -3 WHERE id % 431 = 6;"
                     "COMMIT;",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
}

static void expect_same(struct recite_store *st, const struct recite_due_query *q,
                        enum store_review_way way, const int64_t *want, size_t nwant,
                        const char *what)
{
    struct recite_error err = {0};
    int64_t *got = NULL;
    size_t n = 0;
    assert_int_equal(store_top_reviews(st, q, way, &got, &n, &err), 0);
    if (n != nwant)
        fail_msg("%s: %zu ids, the scan %zu (now %lld until %lld limit %zu bank %s)", what, n,
                 nwant, (long long)q->now, (long long)q->until, q->limit,
                 q->bank_slug ? q->bank_slug : "-");
    for (size_t i = 0; i < n; i++)
        if (got[i] != want[i])
            fail_msg("%s: id %zu is %lld, the scan's %lld (now %lld until %lld limit %zu bank %s)",
                     what, i, (long long)got[i], (long long)want[i], (long long)q->now,
                     (long long)q->until, q->limit, q->bank_slug ? q->bank_slug : "-");
    free(got);
}

/*
 * Builds a random database (at schema version: 8 has no band index, which
 * opening it then builds) and compares the ways on random queries.
 */
static void compare_on(enum shape shape, uint64_t seed, int cards, int queries, int version,
                       int b_share)
{
    rng_state = seed;
    char dir[] = "/tmp/recite-due-reviews-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64], extra[72];
    snprintf(path, sizeof(path), "%s/r.db", dir);
    build_db(path, shape, cards, version, b_share);
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_store_open(&st, path, &err), 0);
    assert_int_equal(recite_store_schema_version(st), RECITE_SCHEMA_VERSION);
    static const char *const banks[] = {NULL, NULL, "a", "b", "none"};
    size_t total = 0;
    for (int i = 0; i < queries; i++) {
        struct recite_due_query q = {.kind = RECITE_DUE_REVIEW};
        q.bank_slug = banks[below(5)];
        q.now = below(3) == 0 ? common_last[below(5)] : BASE + below(6 * DAY) - 3 * DAY;
        q.until = q.now + below(20 * DAY) - 10 * DAY;
        q.limit = 1 + (size_t)below(b_share < 5 ? 20 : 500);
        int64_t *want = NULL;
        size_t n = 0;
        assert_int_equal(store_top_reviews(st, &q, STORE_REVIEWS_SCAN, &want, &n, &err), 0);
        total += n;
        expect_same(st, &q, STORE_REVIEWS_BANDS, want, n, "bands");
        expect_same(st, &q, STORE_REVIEWS_AUTO, want, n, "chosen");
        /* what a session asks for */
        struct recite_due_query ids_q = q;
        int64_t *ids = NULL;
        size_t nids = 0;
        assert_int_equal(recite_store_card_ids_due(st, &ids_q, &ids, &nids, &err), 0);
        assert_int_equal(nids, n);
        for (size_t k = 0; k < n; k++)
            assert_int_equal(ids[k], want[k]);
        free(ids);
        free(want);
    }
    assert_true(total > 0);
    recite_store_close(st);
    unlink(path);
    snprintf(extra, sizeof(extra), "%s-wal", path);
    unlink(extra);
    snprintf(extra, sizeof(extra), "%s-shm", path);
    unlink(extra);
    rmdir(dir);
}

static void test_due_reviews_spread(void **state)
{
    (void)state;
    compare_on(SHAPE_SPREAD, 1, 6000, 150, RECITE_SCHEMA_VERSION, 33);
}

static void test_due_reviews_ties(void **state)
{
    (void)state;
    compare_on(SHAPE_TIES, 2, 4000, 200, RECITE_SCHEMA_VERSION, 33);
}

/* Built at schema 8, so the migration indexes the cards already there. */
static void test_due_reviews_edges(void **state)
{
    (void)state;
    compare_on(SHAPE_EDGES, 3, 4000, 150, 8, 33);
}

/*
 * A bank of few cards among many due reviews, asked for few: the bands
 * would read most cards of the other bank before they had enough, so the
 * store gives them up for the scan, with the same result.
 */
static void test_due_reviews_small_bank(void **state)
{
    (void)state;
    compare_on(SHAPE_SPREAD, 4, 6000, 60, RECITE_SCHEMA_VERSION, 2);
}

/* A limit of 0 reads nothing; an empty database gives nothing. */
static void test_due_reviews_empty(void **state)
{
    (void)state;
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_store_open(&st, ":memory:", &err), 0);
    struct recite_due_query q = {RECITE_DUE_REVIEW, NULL, BASE, BASE, 0};
    for (int way = STORE_REVIEWS_AUTO; way <= STORE_REVIEWS_BANDS; way++) {
        int64_t sentinel = 0, *ids = &sentinel;
        size_t n = 1;
        q.limit = 0;
        assert_int_equal(store_top_reviews(st, &q, way, &ids, &n, &err), 0);
        assert_null(ids);
        assert_int_equal(n, 0);
        q.limit = 10;
        assert_int_equal(store_top_reviews(st, &q, way, &ids, &n, &err), 0);
        assert_int_equal(n, 0);
        free(ids);
    }
    recite_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_due_reviews_spread), cmocka_unit_test(test_due_reviews_ties),
        cmocka_unit_test(test_due_reviews_edges),  cmocka_unit_test(test_due_reviews_small_bank),
        cmocka_unit_test(test_due_reviews_empty),
    };
    return cmocka_run_group_tests_name("due_reviews", tests, NULL, NULL);
}
