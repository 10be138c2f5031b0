/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Bank views: every card built through a view of a stored bank equals the
 * card built from the whole bank as a session used to load it (the stored
 * canonical text, parsed), seed for seed; retired facts stay out; a
 * database of the previous schema gets its event dates on migration.
 */
#include <dirent.h>
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

#include "../../bench/bank_gen.h"
#include "recite.h"

static struct recite_bank *parse_text(const char *text, size_t len)
{
    struct recite_bank *bank = NULL;
    struct recite_error err = {0};
    if (recite_bank_parse(&bank, text, len, NULL, &err) < 0)
        fail_msg("parse: %s", err.msg);
    return bank;
}

static struct recite_bank *load_path(const char *path)
{
    struct recite_bank *bank = NULL;
    struct recite_error err = {0};
    if (recite_bank_load(&bank, path, NULL, &err) < 0)
        fail_msg("%s: %s", path, err.msg);
    return bank;
}

static struct recite_bank *generated(size_t facts, uint64_t seed)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    bank_gen_write(out, "generated", facts, seed);
    fclose(out);
    struct recite_bank *bank = parse_text(text, len);
    free(text);
    return bank;
}

static void import(struct recite_store *st, const struct recite_bank *bank)
{
    struct recite_error err = {0};
    if (recite_bank_import(st, bank, 1000, NULL, &err) < 0)
        fail_msg("import: %s", err.msg);
}

static void assert_strings_equal(char **a, size_t a_count, char **b, size_t b_count)
{
    assert_int_equal(a_count, b_count);
    for (size_t i = 0; i < a_count; i++)
        assert_string_equal(a[i], b[i]);
}

static void assert_cards_equal(const struct recite_card *a, const struct recite_card *b)
{
    assert_string_equal(a->uid, b->uid);
    assert_string_equal(a->template_name, b->template_name);
    assert_string_equal(a->fact_key, b->fact_key);
    assert_int_equal(a->fact_kind, b->fact_kind);
    assert_int_equal(a->answer_kind, b->answer_kind);
    assert_string_equal(a->prompt, b->prompt);
    assert_strings_equal(a->accepted, a->accepted_count, b->accepted, b->accepted_count);
    assert_strings_equal(a->options, a->option_count, b->options, b->option_count);
    assert_int_equal(a->correct, b->correct);
    for (size_t i = 0; a->order && i < a->option_count; i++)
        assert_int_equal(a->order[i], b->order[i]);
    assert_int_equal(a->order == NULL, b->order == NULL);
    assert_int_equal(a->truth, b->truth);
    assert_int_equal(a->member_count, b->member_count);
    for (size_t i = 0; i < a->member_count; i++)
        assert_strings_equal(a->members[i].alts, a->members[i].alt_count, b->members[i].alts,
                             b->members[i].alt_count);
    assert_int_equal(a->ordered, b->ordered);
    assert_int_equal(a->explain == NULL, b->explain == NULL);
    if (a->explain)
        assert_string_equal(a->explain, b->explain);
}

static void assert_facts_equal(const struct recite_fact *a, const struct recite_fact *b)
{
    assert_int_equal(a->kind, b->kind);
    assert_string_equal(a->key, b->key);
    assert_int_equal(a->field_count, b->field_count);
    for (size_t i = 0; i < a->field_count; i++) {
        assert_string_equal(a->fields[i].name, b->fields[i].name);
        assert_strings_equal(a->fields[i].alts, a->fields[i].alt_count, b->fields[i].alts,
                             b->fields[i].alt_count);
    }
    assert_strings_equal(a->tags, a->tag_count, b->tags, b->tag_count);
    const char *pairs[][2] = {{a->cite_source, b->cite_source},
                              {a->cite_place, b->cite_place},
                              {a->quote, b->quote},
                              {a->note, b->note}};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(pairs[i][0] == NULL, pairs[i][1] == NULL);
        if (pairs[i][0])
            assert_string_equal(pairs[i][0], pairs[i][1]);
    }
}

/*
 * Every card of every fact of the stored bank slug, built from the whole
 * bank (as recite_store_bank_load() gives it) and through a view, for each
 * seed: the same card. Returns how many cards were compared.
 */
static int read_nothing(void *ctx, const struct recite_fact *fact)
{
    (void)ctx;
    (void)fact;
    return 0;
}

/* With read_first, every fact is read through recite_bank_view_each() before any card. */
static size_t compare_all(struct recite_store *st, const char *slug, const uint64_t *seeds,
                          size_t seed_count, bool read_first)
{
    struct recite_error err = {0};
    struct recite_bank *whole = NULL;
    struct recite_bank_view *view = NULL;
    if (recite_store_bank_load(st, slug, &whole, &err) < 0)
        fail_msg("load %s: %s", slug, err.msg);
    if (recite_bank_view_open(&view, st, slug, &err) < 0)
        fail_msg("view %s: %s", slug, err.msg);
    const struct recite_bank *header = recite_bank_view_bank(view);
    assert_string_equal(header->id, whole->id);
    assert_string_equal(header->title, whole->title);
    assert_int_equal(header->source_count, whole->source_count);
    for (size_t i = 0; i < whole->source_count; i++) {
        const struct recite_source *src = recite_bank_find_source(header, whole->sources[i].id);
        assert_non_null(src);
        assert_string_equal(src->title, whole->sources[i].title);
    }
    for (int kind = 0; read_first && kind < RECITE_FACT_KIND_COUNT; kind++)
        if (recite_bank_view_each(view, (enum recite_fact_kind)kind, read_nothing, NULL, &err) < 0)
            fail_msg("each %s: %s", slug, err.msg);
    size_t compared = 0;
    for (size_t f = 0; f < whole->fact_count; f++) {
        const struct recite_fact *fact = &whole->facts[f];
        const struct recite_fact *viewed = NULL;
        if (recite_bank_view_fact(view, fact->key, &viewed, &err) < 0)
            fail_msg("view fact %s: %s", fact->key, err.msg);
        assert_facts_equal(fact, viewed);
        char names[64][RECITE_TEMPLATE_NAME_MAX];
        size_t count = recite_fact_templates(fact, names, 64);
        for (size_t t = 0; t < count && t < 64; t++) {
            for (size_t s = 0; s < seed_count; s++) {
                struct recite_card a, b;
                if (recite_card_build(&a, whole, fact, names[t], seeds[s], &err) < 0)
                    fail_msg("%s/%s: %s", fact->key, names[t], err.msg);
                if (recite_bank_view_card(&b, view, viewed, names[t], seeds[s], &err) < 0)
                    fail_msg("view %s/%s: %s", fact->key, names[t], err.msg);
                assert_cards_equal(&a, &b);
                recite_card_release(&a);
                recite_card_release(&b);
                compared++;
            }
        }
    }
    recite_bank_view_close(view);
    recite_bank_free(whole);
    return compared;
}

static struct recite_store *memory_store(void)
{
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    if (recite_store_open(&st, ":memory:", &err) < 0)
        fail_msg("open: %s", err.msg);
    return st;
}

static const uint64_t seeds[] = {1, 42, 0x9E3779B97F4A7C15ULL};

/* Imports the bank at path into a fresh store and compares every card of it. */
static void compare_file(const char *path)
{
    struct recite_store *st = memory_store();
    struct recite_bank *bank = load_path(path);
    import(st, bank);
    size_t compared = compare_all(st, bank->id, seeds, 3, false);
    assert_int_equal(compare_all(st, bank->id, seeds, 1, true), compared / 3);
    assert_true(compared > 0 || bank->fact_count == 0);
    recite_bank_free(bank);
    recite_store_close(st);
}

/* Every bank of tests/data/banks and the bundled NATO bank: every fact, template, three seeds. */
static void test_bank_view_cards_equal_whole_bank(void **state)
{
    (void)state;
    DIR *dir = opendir(RECITE_TEST_DATA "/banks");
    assert_non_null(dir);
    size_t files = 0;
    for (struct dirent *e; (e = readdir(dir));) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".bank") != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof(path), "%s/banks/%s", RECITE_TEST_DATA, e->d_name);
        compare_file(path);
        files++;
    }
    closedir(dir);
    assert_true(files >= 3);
    compare_file(RECITE_SOURCE_DIR "/banks/nato.bank");
}

/* A bank big enough that distractors come from far and wide, beside another bank. */
static void test_bank_view_generated_bank(void **state)
{
    (void)state;
    struct recite_store *st = memory_store();
    struct recite_bank *nato = load_path(RECITE_SOURCE_DIR "/banks/nato.bank");
    struct recite_bank *bank = generated(1500, 7);
    import(st, nato);
    import(st, bank);
    assert_true(compare_all(st, "generated", seeds, 1, false) > 4000);
    /* the view's notes made while every fact is read, as a session's judge reads them */
    assert_true(compare_all(st, "generated", seeds, 1, true) > 4000);
    recite_bank_free(bank);
    recite_bank_free(nato);
    recite_store_close(st);
}

/* Facts dropped from a bank are retired: neither the whole bank nor a view has them. */
static void test_bank_view_skips_retired(void **state)
{
    (void)state;
    struct recite_store *st = memory_store();
    struct recite_bank *bank = generated(400, 3);
    struct recite_error err = {0};
    import(st, bank);
    /* The bank again without every third fact, the rest reversed: every position moves. */
    struct recite_bank *kept = NULL;
    assert_int_equal(recite_bank_new(&kept, "generated", &err), 0);
    for (size_t i = 0; i < bank->source_count; i++)
        recite_bank_add_source(kept, bank->sources[i].id, bank->sources[i].title, &err);
    for (size_t i = bank->fact_count; i-- > 0;) {
        if (i % 3 == 0)
            continue;
        const struct recite_fact *f = &bank->facts[i];
        struct recite_fact *copy = NULL;
        assert_int_equal(recite_bank_add_fact(kept, f->kind, f->key, &copy, &err), 0);
        for (size_t j = 0; j < f->field_count; j++)
            recite_fact_add_field(copy, f->fields[j].name, (const char *const *)f->fields[j].alts,
                                  f->fields[j].alt_count, &err);
    }
    import(st, kept);
    struct recite_bank_view *view = NULL;
    assert_int_equal(recite_bank_view_open(&view, st, "generated", &err), 0);
    const struct recite_fact *fact = NULL;
    assert_int_equal(recite_bank_view_fact(view, bank->facts[0].key, &fact, &err),
                     RECITE_ENOTFOUND);
    assert_null(fact);
    assert_int_equal(recite_bank_view_fact(view, bank->facts[1].key, &fact, &err), 0);
    recite_bank_view_close(view);
    assert_true(compare_all(st, "generated", seeds, 2, false) > 0);
    recite_bank_free(kept);
    recite_bank_free(bank);
    recite_store_close(st);
}

static int count_fact(void *ctx, const struct recite_fact *fact)
{
    size_t *count = ctx;
    (*count)++;
    return fact->kind == RECITE_FACT_SET ? 0 : -1;
}

/* recite_bank_view_each visits the live facts of one kind, in bank order. */
static void test_bank_view_each(void **state)
{
    (void)state;
    struct recite_store *st = memory_store();
    struct recite_bank *bank = generated(300, 5);
    import(st, bank);
    size_t sets = 0, visited = 0;
    for (size_t i = 0; i < bank->fact_count; i++)
        sets += bank->facts[i].kind == RECITE_FACT_SET;
    struct recite_error err = {0};
    struct recite_bank_view *view = NULL;
    assert_int_equal(recite_bank_view_open(&view, st, "generated", &err), 0);
    assert_int_equal(recite_bank_view_each(view, RECITE_FACT_SET, count_fact, &visited, &err), 0);
    assert_int_equal(visited, sets);
    visited = 0;
    assert_int_equal(recite_bank_view_each(view, RECITE_FACT_EVENT, count_fact, &visited, &err),
                     -1);
    assert_int_equal(visited, 1);
    recite_bank_view_close(view);
    assert_int_equal(recite_bank_view_open(&view, st, "absent", &err), RECITE_ENOTFOUND);
    assert_null(view);
    assert_string_equal(err.msg, "no bank 'absent'");
    recite_bank_free(bank);
    recite_store_close(st);
}

/*
 * Takes a database back to schema 3: no event date columns, no fact_kind
 * index, none of schema 5's bank origin columns nor schema 6's session and
 * quiz item columns, nor schema 7's fact rank, nor schema 9's kept lexicons, nor schema 10's review band index.
 */
static void downgrade(const char *path)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    const char *sql = "DROP TABLE lexicon;"
                      "ALTER TABLE session DROP COLUMN attempt;"
                      "ALTER TABLE session DROP COLUMN bank_version;"
                      "ALTER TABLE session DROP COLUMN bank_hash;"
                      "ALTER TABLE session_item DROP COLUMN status;"
                      "ALTER TABLE bank DROP COLUMN format;"
                      "ALTER TABLE bank DROP COLUMN signer;"
                      "DROP INDEX fact_kind;"
                      "DROP INDEX card_review_band;"
                      "ALTER TABLE fact DROP COLUMN year;"
                      "ALTER TABLE fact DROP COLUMN span_first;"
                      "ALTER TABLE fact DROP COLUMN span_last;"
                      "ALTER TABLE fact DROP COLUMN kind_rank;"
                      "PRAGMA user_version = 3;";
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("downgrade: %s", msg);
    sqlite3_close(db);
}

/* Migrating a schema-3 database fills the event dates a view lists events by. */
static void test_bank_view_after_migration(void **state)
{
    (void)state;
    char path[] = "/tmp/recite-view-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_store_open(&st, path, &err), 0);
    struct recite_bank *bank = generated(600, 11);
    struct recite_bank *kinds = load_path(RECITE_TEST_DATA "/banks/kinds.bank");
    import(st, bank);
    import(st, kinds);
    recite_store_close(st);
    downgrade(path);
    assert_int_equal(recite_store_open(&st, path, &err), 0);
    assert_int_equal(recite_store_schema_version(st), RECITE_SCHEMA_VERSION);
    assert_true(compare_all(st, "generated", seeds, 1, false) > 0);
    assert_true(compare_all(st, kinds->id, seeds, 3, true) > 0);
    recite_store_close(st);
    recite_bank_free(kinds);
    recite_bank_free(bank);
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        char name[64];
        snprintf(name, sizeof(name), "%s%s", path, suffixes[i]);
        unlink(name);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bank_view_cards_equal_whole_bank),
        cmocka_unit_test(test_bank_view_generated_bank),
        cmocka_unit_test(test_bank_view_skips_retired),
        cmocka_unit_test(test_bank_view_each),
        cmocka_unit_test(test_bank_view_after_migration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
