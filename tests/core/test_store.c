/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Storage: opening, refusing foreign or future files, migrations, config,
 * and transactions.
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

static char *temp_path(const char *name)
{
    static char dir[64];
    if (!dir[0]) {
        snprintf(dir, sizeof(dir), "/tmp/recite-store-XXXXXX");
        assert_non_null(mkdtemp(dir));
    }
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    assert_non_null(path);
    snprintf(path, n, "%s/%s", dir, name);
    return path;
}

static void forge_user_version(const char *path, int version)
{
    sqlite3 *db;
    char sql[64];
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", version);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void test_store_memory_is_current(void **state)
{
    (void)state;
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_store_open(&st, ":memory:", &err), 0);
    assert_int_equal(recite_store_schema_version(st), RECITE_SCHEMA_VERSION);
    assert_int_equal(recite_store_check(st, &err), 0);
    recite_store_close(st);
    recite_store_close(NULL);
}

static void test_store_config_roundtrip(void **state)
{
    (void)state;
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    char *value = NULL;
    assert_int_equal(recite_store_open(&st, ":memory:", &err), 0);
    assert_int_equal(recite_store_config_get(st, "day_start", &value, &err), 0);
    assert_null(value);
    assert_int_equal(recite_store_config_set(st, "day_start", "4", &err), 0);
    assert_int_equal(recite_store_config_set(st, "day_start", "5", &err), 0);
    assert_int_equal(recite_store_config_get(st, "day_start", &value, &err), 0);
    assert_string_equal(value, "5");
    free(value);
    recite_store_close(st);
}

static void test_store_rollback_discards(void **state)
{
    (void)state;
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    char *value = NULL;
    assert_int_equal(recite_store_open(&st, ":memory:", &err), 0);
    assert_int_equal(recite_store_begin(st, &err), 0);
    assert_int_equal(recite_store_begin(st, &err), 0); /* nested */
    assert_int_equal(recite_store_config_set(st, "k", "v", &err), 0);
    assert_int_equal(recite_store_commit(st, &err), 0); /* inner: no effect yet */
    recite_store_rollback(st);
    assert_int_equal(recite_store_config_get(st, "k", &value, &err), 0);
    assert_null(value);
    recite_store_close(st);
}

static void test_store_migrates_previous_version(void **state)
{
    (void)state;
    char *path = temp_path("old.db");
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    char *value = NULL;
    assert_int_equal(recite_store_open_version(&st, path, RECITE_SCHEMA_VERSION - 1, &err), 0);
    assert_int_equal(recite_store_schema_version(st), RECITE_SCHEMA_VERSION - 1);
    assert_int_equal(recite_store_config_set(st, "kept", "yes", &err), 0);
    recite_store_close(st);

    assert_int_equal(recite_store_open(&st, path, &err), 0);
    assert_int_equal(recite_store_schema_version(st), RECITE_SCHEMA_VERSION);
    assert_int_equal(recite_store_config_get(st, "kept", &value, &err), 0);
    assert_string_equal(value, "yes");
    assert_int_equal(recite_store_check(st, &err), 0);
    free(value);
    recite_store_close(st);
    free(path);
}

/* The text of schema object name in the database at path; "" when there is none. */
static void schema_sql(const char *path, const char *name, char *out, size_t size)
{
    sqlite3 *db;
    sqlite3_stmt *stmt;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE name = ?", -1,
                                        &stmt, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
    snprintf(out, size, "%s",
             sqlite3_step(stmt) == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 0) : "");
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

/*
 * Schema 7 -> 8: the lapse index holds only cards that lapsed, without the
 * difficulty every answer changes; the hourly totals keep their triggers.
 */
static void test_store_migrates_answer_writes(void **state)
{
    (void)state;
    char *path = temp_path("v7.db");
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    char sql[512];
    assert_int_equal(recite_store_open_version(&st, path, 7, &err), 0);
    recite_store_close(st);
    schema_sql(path, "card_lapses", sql, sizeof(sql));
    assert_non_null(strstr(sql, "difficulty"));

    assert_int_equal(recite_store_open_version(&st, path, 8, &err), 0);
    assert_int_equal(recite_store_schema_version(st), 8);
    recite_store_close(st);
    schema_sql(path, "review_hour_add", sql, sizeof(sql));
    assert_non_null(strstr(sql, "CREATE TRIGGER"));
    schema_sql(path, "review_hour_remove", sql, sizeof(sql));
    assert_non_null(strstr(sql, "CREATE TRIGGER"));
    schema_sql(path, "card_lapses", sql, sizeof(sql));
    assert_non_null(strstr(sql, "WHERE lapses > 0"));
    assert_null(strstr(sql, "difficulty"));
    unlink(path);
    free(path);
}

/*
 * Schema 4 -> 5: banks get their origin. A bank of interchange questions
 * came from some interchange format (""), the others from .bank files; who
 * signed earlier imports was not kept, so every bank starts unsigned.
 */
static void test_store_migrates_bank_origin(void **state)
{
    (void)state;
    char *path = temp_path("origin.db");
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_store_open_version(&st, path, 4, &err), 0);
    recite_store_close(st);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db,
                     "INSERT INTO bank (slug) VALUES ('native'), ('moodle');"
                     "INSERT INTO fact (bank_id, key, kind, body) VALUES "
                     " (1, 'q1', 'question', '{\"ask\":[[\"a?\"]],\"answer\":[[\"b\"]]}'),"
                     " (2, 'q1', 'question', '{\"ask\":[[\"a?\"]],\"type\":[[\"shortanswer\"]]}');",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(recite_store_open(&st, path, &err), 0);
    struct recite_bank_origin origin;
    assert_int_equal(recite_store_bank_origin(st, "native", &origin, &err), 0);
    assert_string_equal(origin.format, "bank");
    assert_string_equal(origin.signer, "");
    assert_int_equal(recite_store_bank_origin(st, "moodle", &origin, &err), 0);
    assert_string_equal(origin.format, "");
    assert_int_equal(recite_store_bank_origin(st, "nobody", &origin, &err), RECITE_ENOTFOUND);
    struct recite_bank_origin signed_csv = {"csv", "0807060504030201"};
    assert_int_equal(recite_store_bank_origin_set(st, "moodle", &signed_csv, &err), 0);
    assert_int_equal(recite_store_bank_origin(st, "moodle", &origin, &err), 0);
    assert_string_equal(origin.format, "csv");
    assert_string_equal(origin.signer, "0807060504030201");
    recite_store_close(st);
    free(path);
}

/*
 * Version 6 keeps a quiz's bank with the session and tells a skipped
 * question from an answered one: a version 4 quiz, skip included, keeps
 * its meaning.
 */
static void test_store_migrates_quiz_items(void **state)
{
    (void)state;
    char *path = temp_path("quiz4.db");
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_store_open_version(&st, path, 4, &err), 0);
    recite_store_close(st);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db,
                     "INSERT INTO bank (slug, version, hash) VALUES ('nato', '2026.11', 'ab');"
                     "INSERT INTO session (kind, bank_id, started, ended, seed, params) VALUES "
                     "('quiz', 1, 1, 2, 7, '{\"count\": 2}');"
                     "INSERT INTO session_item (session_id, seq, card_uid, prompt, expected, "
                     "given, credit, rating) VALUES (1, 0, 'c0', 'p', 'e', 'yes', 1, 3), "
                     "(1, 1, 'c1', 'p', 'e', '', 0, 1);",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(recite_store_open(&st, path, &err), 0);
    struct recite_session_info info;
    assert_int_equal(recite_store_session_get(st, 1, NULL, &info, &err), 0);
    assert_string_equal(info.bank_hash, "ab");
    assert_string_equal(info.bank_version, "2026.11");
    assert_null(info.attempt);
    recite_session_info_release(&info);
    struct recite_session_item *items = NULL;
    size_t count = 0;
    assert_int_equal(recite_store_session_items(st, 1, &items, &count, &err), 0);
    assert_int_equal(count, 2);
    assert_int_equal(items[0].status, RECITE_ITEM_ANSWERED);
    assert_int_equal(items[1].status, RECITE_ITEM_SKIPPED);
    recite_session_items_free(items, count);
    recite_store_close(st);
    free(path);
}

static void test_store_refuses_future_version(void **state)
{
    (void)state;
    char *path = temp_path("future.db");
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_store_open(&st, path, &err), 0);
    recite_store_close(st);
    forge_user_version(path, RECITE_SCHEMA_VERSION + 1);
    assert_int_equal(recite_store_open(&st, path, &err), RECITE_EVERSION);
    assert_null(st);
    assert_non_null(strstr(err.msg, "newer recite"));
    /* Refused means untouched: the version is still the future one. */
    forge_user_version(path, RECITE_SCHEMA_VERSION + 1);
    free(path);
}

static void test_store_refuses_non_database(void **state)
{
    (void)state;
    char *path = temp_path("text.db");
    const char text[] = "root:x:0:0:root:/root:/bin/bash\nnot a database at all, really\n";
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_store_open(&st, path, &err), RECITE_EDATA);
    assert_non_null(strstr(err.msg, "not a recite database"));
    char buf[sizeof(text) + 16] = {0};
    f = fopen(path, "r");
    size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    assert_int_equal(n, strlen(text));
    assert_memory_equal(buf, text, n);
    free(path);
}

static void test_store_refuses_foreign_sqlite(void **state)
{
    (void)state;
    char *path = temp_path("foreign.db");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_store_open(&st, path, &err), RECITE_EDATA);
    assert_non_null(strstr(err.msg, "another program"));
    free(path);
}

static void test_store_default_path_order(void **state)
{
    (void)state;
    char *path = NULL;
    struct recite_error err = {0};
    setenv("RECITE_DB", "/tmp/env.db", 1);
    assert_int_equal(recite_store_default_path(&path, "/tmp/explicit.db", &err), 0);
    assert_string_equal(path, "/tmp/explicit.db");
    free(path);
    assert_int_equal(recite_store_default_path(&path, NULL, &err), 0);
    assert_string_equal(path, "/tmp/env.db");
    free(path);
    unsetenv("RECITE_DB");
    setenv("XDG_DATA_HOME", "/tmp/xdg", 1);
    assert_int_equal(recite_store_default_path(&path, NULL, &err), 0);
    assert_string_equal(path, "/tmp/xdg/recite/recite.db");
    free(path);
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/home/student", 1);
    assert_int_equal(recite_store_default_path(&path, NULL, &err), 0);
    assert_string_equal(path, "/home/student/.local/share/recite/recite.db");
    free(path);
}

static void test_store_session_items_roundtrip(void **state)
{
    (void)state;
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    int64_t id = 0;
    assert_int_equal(recite_store_open(&st, ":memory:", &err), 0);
    assert_int_equal(recite_store_session_get(st, 0, "quiz", &(struct recite_session_info){0}, &err),
                     RECITE_ENOTFOUND);
    assert_int_equal(recite_store_session_begin(st, "quiz", NULL, 1000, UINT64_MAX, "{\"count\":2}",
                                                &id, &err),
                     0);
    char uid[] = "c1", prompt[] = "What does DCB stand for?", expected[] = "Defence ...",
         given[] = "defence";
    struct recite_session_item item = {uid, prompt, expected, given,
                                       0.5, 2,      1234,     RECITE_ITEM_ANSWERED};
    assert_int_equal(recite_store_session_item_add(st, id, 0, &item, &err), 0);
    item.given = NULL;
    item.credit = 0;
    item.status = RECITE_ITEM_UNANSWERED;
    assert_int_equal(recite_store_session_item_add(st, id, 1, &item, &err), 0);
    /* Recording a question again replaces it: drawn first, skipped later. */
    item.status = RECITE_ITEM_SKIPPED;
    assert_int_equal(recite_store_session_item_add(st, id, 1, &item, &err), 0);
    assert_int_equal(recite_store_session_end(st, id, 5000, &err), 0);
    /* The first export's attempt id stays. */
    assert_int_equal(recite_store_session_set_attempt(st, id, "0123", &err), 0);
    assert_int_equal(recite_store_session_set_attempt(st, id, "4567", &err), 0);

    struct recite_session_info info;
    assert_int_equal(recite_store_session_get(st, 0, NULL, &info, &err), 0);
    assert_int_equal(info.id, id);
    assert_string_equal(info.kind, "quiz");
    assert_null(info.bank_slug);
    assert_int_equal(info.ended, 5000);
    assert_true(info.seed == UINT64_MAX);
    assert_string_equal(info.params_json, "{\"count\":2}");
    assert_string_equal(info.attempt, "0123");
    assert_null(info.bank_hash);
    recite_session_info_release(&info);
    struct recite_session_info *all = NULL;
    size_t sessions = 0;
    assert_int_equal(recite_store_session_list(st, "quiz", id, &all, &sessions, &err), 0);
    assert_int_equal(sessions, 1);
    assert_int_equal(all[0].id, id);
    recite_session_infos_free(all, sessions);
    assert_int_equal(recite_store_session_list(st, "review", id, &all, &sessions, &err), 0);
    assert_int_equal(sessions, 0);
    recite_session_infos_free(all, sessions);

    struct recite_session_item *items = NULL;
    size_t count = 0;
    assert_int_equal(recite_store_session_items(st, id, &items, &count, &err), 0);
    assert_int_equal(count, 2);
    assert_string_equal(items[0].given, "defence");
    assert_true(items[0].credit == 0.5);
    assert_int_equal(items[0].duration_ms, 1234);
    assert_string_equal(items[1].given, "");
    assert_int_equal(items[0].status, RECITE_ITEM_ANSWERED);
    assert_int_equal(items[1].status, RECITE_ITEM_SKIPPED);
    recite_session_items_free(items, count);
    recite_store_close(st);
}

/* The card state JSON the replay formats itself equals what json_object() writes in the store's
 * SQL. */
static void test_store_state_json_matches_sql(void **state)
{
    (void)state;
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_prepare_v2(db,
                           "SELECT json_object('state', ?1, 'due', ?2, 'stability', ?3, "
                           "'difficulty', ?4, 'elapsed_days', ?5, 'scheduled_days', ?6, "
                           "'reps', ?7, 'lapses', ?8, 'step', ?9, 'last_review', ?10, "
                           "'suspended', ?11)",
                           -1, &stmt, NULL),
        SQLITE_OK);
    static const double edges[] = {
        0.0,           -0.0, 1.0,   100.0,  0.0001, 0.00009999, 1e-5,   9999999.99999999,   1e7,
        123456789.125, -2.5, 1e300, 5e-324, 0.1,    36500.0,    2.3065, 1.23456789012345678};
    uint64_t seed = 20;
    for (size_t i = 0; i < 300000; i++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        struct recite_sched_card c = {0};
        int suspended = (int)(i % 4);
        double values[2];
        for (int k = 0; k < 2; k++) {
            uint64_t r = seed >> (k ? 11 : 21);
            switch (i % 5) {
            case 0: /* as FSRS rounds them: 8 decimals */
                values[k] = (double)(int64_t)(r % 100000000000000u) / 1e8;
                break;
            case 1:
                values[k] = (double)(r % 10000) / 100.0;
                break;
            case 2: { /* any bit pattern that is a finite number */
                double d;
                uint64_t bits = seed ^ (r << 7);
                memcpy(&d, &bits, sizeof(d));
                values[k] = isfinite(d) ? d : 0.5;
                break;
            }
            case 3:
                values[k] = edges[(r + (uint64_t)k) % (sizeof(edges) / sizeof(edges[0]))];
                break;
            default:
                values[k] = (double)(r % 1000000) / 1e4 * (r % 2 ? 1 : -1);
            }
        }
        c.stability = values[0];
        c.difficulty = values[1];
        c.state = (int)(seed % 4);
        c.due = (int64_t)(seed >> 20) - (int64_t)(seed % 3 == 0 ? 1LL << 43 : 0);
        c.elapsed_days = (int)(seed % 1000);
        c.scheduled_days = (int)(seed >> 40) % 40000;
        c.reps = (int)(i % 300);
        c.lapses = (int)(i % 17);
        c.step = (int)(i % 3);
        c.last_review = i % 7 == 0 ? 0 : (int64_t)(seed >> 22);
        char text[STORE_STATE_JSON_MAX];
        int len = store_state_json(text, &c, suspended);
        sqlite3_bind_int(stmt, 1, c.state);
        sqlite3_bind_int64(stmt, 2, c.due);
        sqlite3_bind_double(stmt, 3, c.stability);
        sqlite3_bind_double(stmt, 4, c.difficulty);
        sqlite3_bind_int(stmt, 5, c.elapsed_days);
        sqlite3_bind_int(stmt, 6, c.scheduled_days);
        sqlite3_bind_int(stmt, 7, c.reps);
        sqlite3_bind_int(stmt, 8, c.lapses);
        sqlite3_bind_int(stmt, 9, c.step);
        if (c.last_review)
            sqlite3_bind_int64(stmt, 10, c.last_review);
        else
            sqlite3_bind_null(stmt, 10);
        sqlite3_bind_int(stmt, 11, suspended);
        assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
        const char *want = (const char *)sqlite3_column_text(stmt, 0);
        if (strcmp(text, want) != 0)
            fail_msg("stability %.17g difficulty %.17g: %s, json_object: %s", c.stability,
                     c.difficulty, text, want);
        assert_int_equal(len, (int)strlen(want));
        sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_store_memory_is_current),
        cmocka_unit_test(test_store_config_roundtrip),
        cmocka_unit_test(test_store_rollback_discards),
        cmocka_unit_test(test_store_migrates_previous_version),
        cmocka_unit_test(test_store_migrates_bank_origin),
        cmocka_unit_test(test_store_migrates_answer_writes),
        cmocka_unit_test(test_store_migrates_quiz_items),
        cmocka_unit_test(test_store_refuses_future_version),
        cmocka_unit_test(test_store_refuses_non_database),
        cmocka_unit_test(test_store_refuses_foreign_sqlite),
        cmocka_unit_test(test_store_default_path_order),
        cmocka_unit_test(test_store_session_items_roundtrip),
        cmocka_unit_test(test_store_state_json_matches_sql),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
