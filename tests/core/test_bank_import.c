/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Banks into the store: counts of an import, unchanged re-imports, edits
 * that keep a card's review history, retirement and return of facts,
 * all-or-nothing imports, export of the canonical text, first run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "recite.h"
#include "bank_parse.h"

static struct recite_store *open_memory(void)
{
    struct recite_store *st = NULL;
    struct recite_error err = {0};
    if (recite_store_open(&st, ":memory:", &err) < 0)
        fail_msg("%s", err.msg);
    return st;
}

static struct recite_import_stats import_text(struct recite_store *st, const char *text)
{
    struct recite_bank *bank = parse(text);
    struct recite_import_stats stats;
    struct recite_error err = {0};
    if (recite_bank_import(st, bank, 1000, &stats, &err) < 0)
        fail_msg("%s", err.msg);
    recite_bank_free(bank);
    return stats;
}

static const char original[] = "bank hist\nsource d: A document\n\n"
                               "question capital\n"
                               "ask: Where are NATO's headquarters?\n"
                               "answer: Brussels\n"
                               "cite: d ¶1\n\n"
                               "acronym PfP\nlong: Partnership for Peace\n\n"
                               "cloze pact\ntext: The pact was formed in {{1955}}.\n";

static void test_bank_import_counts_and_unchanged(void **state)
{
    (void)state;
    struct recite_store *st = open_memory();
    struct recite_import_stats s = import_text(st, original);
    assert_true(s.bank_added);
    assert_int_equal(s.added, 3);
    assert_int_equal(s.cards_added, 1 + 3 + 1);
    s = import_text(st, original);
    assert_false(s.bank_added);
    assert_int_equal(s.added + s.changed + s.retired + s.cards_added, 0);
    assert_int_equal(s.unchanged, 3);

    struct recite_bank_info info;
    assert_int_equal(recite_store_bank_get(st, "hist", &info, NULL), 0);
    assert_int_equal(info.fact_count, 3);
    assert_int_equal(info.card_count, 5);
    assert_int_equal(info.suspended_count, 0);
    char expected_hash[RECITE_BANK_HASH_HEX];
    char *canonical = NULL;
    assert_int_equal(recite_store_bank_canonical(st, "hist", &canonical, NULL), 0);
    recite_bank_hash(expected_hash, canonical, strlen(canonical));
    assert_string_equal(info.hash, expected_hash);
    free(canonical);
    recite_bank_info_release(&info);
    recite_store_close(st);
}

static void test_bank_import_edit_keeps_history(void **state)
{
    (void)state;
    struct recite_store *st = open_memory();
    import_text(st, original);
    char uid[RECITE_CARD_UID_HEX];
    recite_card_uid(uid, "hist", "capital", "typed");
    struct recite_card_ref before;
    assert_int_equal(recite_store_card_find(st, uid, &before, NULL), 0);
    struct recite_review_row review = {.card_uid = uid, .at_ms = 2000, .rating = 3,
                                       .answer = "Brussels", .credit = 1};
    assert_int_equal(recite_store_review_append(st, &review, NULL, NULL), 0);

    /* The question is reworded and an accepted spelling added. */
    const char edited[] = "bank hist\nsource d: A document\n\n"
                          "question capital\n"
                          "ask: In which city does NATO have its headquarters?\n"
                          "answer: Brussels | Bruxelles\n"
                          "cite: d ¶1\n\n"
                          "acronym PfP\nlong: Partnership for Peace\n\n"
                          "cloze pact\ntext: The pact was formed in {{1955}}.\n";
    struct recite_import_stats s = import_text(st, edited);
    assert_int_equal(s.changed, 1);
    assert_int_equal(s.unchanged, 2);
    assert_int_equal(s.added + s.retired + s.cards_added, 0);

    struct recite_card_ref after;
    assert_int_equal(recite_store_card_find(st, uid, &after, NULL), 0);
    assert_int_equal(after.card_id, before.card_id);
    assert_int_equal(after.fact_id, before.fact_id);
    assert_int_equal(after.suspended, 0);
    size_t reviews = 0;
    assert_int_equal(recite_store_card_review_count(st, uid, &reviews, NULL), 0);
    assert_int_equal(reviews, 1);

    /* The stored bank now asks the new wording. */
    struct recite_bank *stored = NULL;
    assert_int_equal(recite_store_bank_load(st, "hist", &stored, NULL), 0);
    assert_string_equal(recite_fact_get(recite_bank_find_fact(stored, "capital"), "ask"),
                        "In which city does NATO have its headquarters?");
    recite_bank_free(stored);
    recite_card_ref_release(&before);
    recite_card_ref_release(&after);
    recite_store_close(st);
}

static void test_bank_import_retires_and_revives(void **state)
{
    (void)state;
    struct recite_store *st = open_memory();
    import_text(st, original);
    char uid[RECITE_CARD_UID_HEX];
    recite_card_uid(uid, "hist", "pact", "cloze-1");
    struct recite_review_row review = {.card_uid = uid, .at_ms = 2000, .rating = 1};
    assert_int_equal(recite_store_review_append(st, &review, NULL, NULL), 0);

    const char without_pact[] = "bank hist\nsource d: A document\n\n"
                                "question capital\n"
                                "ask: Where are NATO's headquarters?\n"
                                "answer: Brussels\n"
                                "cite: d ¶1\n\n"
                                "acronym PfP\nlong: Partnership for Peace\n";
    struct recite_import_stats s = import_text(st, without_pact);
    assert_int_equal(s.retired, 1);
    struct recite_card_ref ref;
    assert_int_equal(recite_store_card_find(st, uid, &ref, NULL), 0);
    assert_int_equal(ref.suspended, 2);
    recite_card_ref_release(&ref);
    size_t reviews = 0;
    assert_int_equal(recite_store_card_review_count(st, uid, &reviews, NULL), 0);
    assert_int_equal(reviews, 1);
    struct recite_bank_info info;
    assert_int_equal(recite_store_bank_get(st, "hist", &info, NULL), 0);
    assert_int_equal(info.fact_count, 2);
    assert_int_equal(info.retired_count, 1);
    recite_bank_info_release(&info);

    /* Retiring again counts nothing; bringing it back lifts the suspension. */
    s = import_text(st, without_pact);
    assert_int_equal(s.retired, 0);
    s = import_text(st, original);
    assert_int_equal(s.added, 1);
    assert_int_equal(recite_store_card_find(st, uid, &ref, NULL), 0);
    assert_int_equal(ref.suspended, 0);
    recite_card_ref_release(&ref);
    recite_store_close(st);
}

static void test_bank_import_lost_template_suspended(void **state)
{
    (void)state;
    struct recite_store *st = open_memory();
    import_text(st, "bank c\n\ncloze two\ntext: {{A}} and {{B}}\n");
    struct recite_import_stats s = import_text(st, "bank c\n\ncloze two\ntext: {{A}} and B\n");
    assert_int_equal(s.changed, 1);
    char uid[RECITE_CARD_UID_HEX];
    recite_card_uid(uid, "c", "two", "cloze-2");
    struct recite_card_ref ref;
    assert_int_equal(recite_store_card_find(st, uid, &ref, NULL), 0);
    assert_int_equal(ref.suspended, 2);
    recite_card_ref_release(&ref);
    recite_store_close(st);
}

static char *write_temp(const char *dir, const char *name, const char *text)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    assert_non_null(path);
    snprintf(path, n, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void test_bank_import_files_all_or_nothing(void **state)
{
    (void)state;
    char dir[] = "/tmp/recite-import-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *good = write_temp(dir, "good.bank", original);
    char *bad = write_temp(dir, "bad.bank", "bank bad\n\nacronym X\n");
    struct recite_store *st = open_memory();
    const char *paths[] = {good, bad};
    struct recite_diags diags[2] = {{0}};
    long failed = -2;
    struct recite_error err = {0};
    assert_int_equal(recite_bank_import_files(st, paths, 2, 1000, NULL, diags, &failed, &err),
                     RECITE_EDATA);
    assert_int_equal(failed, 1);
    assert_int_equal(diags[0].count, 0);
    assert_int_equal(diags[1].count, 1);
    size_t banks = 99;
    assert_int_equal(recite_store_bank_count(st, &banks, NULL), 0);
    assert_int_equal(banks, 0);

    /* The same bank id twice is refused too. */
    const char *twice[] = {good, good};
    assert_int_equal(recite_bank_import_files(st, twice, 2, 1000, NULL, NULL, NULL, &err),
                     RECITE_EDATA);
    assert_int_equal(recite_store_bank_count(st, &banks, NULL), 0);
    assert_int_equal(banks, 0);

    /* First run imports the bundled directory once, and only into an empty store. */
    setenv("RECITE_BANKS_DIR", dir, 1);
    unlink(bad);
    size_t imported = 0;
    assert_int_equal(recite_bank_first_run(st, 1000, &imported, &err), 0);
    assert_int_equal(imported, 1);
    assert_int_equal(recite_bank_first_run(st, 1000, &imported, &err), 0);
    assert_int_equal(imported, 0);
    assert_int_equal(recite_store_bank_remove(st, "hist", NULL), 0);
    assert_int_equal(recite_store_bank_count(st, &banks, NULL), 0);
    assert_int_equal(banks, 0);
    assert_int_equal(recite_store_bank_remove(st, "hist", NULL), RECITE_ENOTFOUND);
    unsetenv("RECITE_BANKS_DIR");

    for (size_t i = 0; i < 2; i++)
        recite_diags_release(&diags[i]);
    unlink(good);
    rmdir(dir);
    free(good);
    free(bad);
    recite_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bank_import_counts_and_unchanged),
        cmocka_unit_test(test_bank_import_edit_keeps_history),
        cmocka_unit_test(test_bank_import_retires_and_revives),
        cmocka_unit_test(test_bank_import_lost_template_suspended),
        cmocka_unit_test(test_bank_import_files_all_or_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
