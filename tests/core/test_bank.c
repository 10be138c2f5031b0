/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The .bank format: what the parser builds, the canonical writer as a fixed
 * point, dates, the content hash, and banks built in memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "recite.h"

static struct recite_bank *load(const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/banks/%s", RECITE_TEST_DATA, name);
    struct recite_bank *bank = NULL;
    struct recite_error err = {0};
    int rc = recite_bank_load(&bank, path, NULL, &err);
    if (rc < 0)
        fail_msg("%s: %s", name, err.msg);
    return bank;
}

static struct recite_bank *parse(const char *text, struct recite_diags *diags)
{
    struct recite_bank *bank = NULL;
    recite_bank_parse(&bank, text, strlen(text), diags, NULL);
    return bank;
}

static void test_bank_parses_model(void **state)
{
    (void)state;
    struct recite_bank *bank = load("sample.bank");
    assert_string_equal(bank->id, "sample");
    assert_string_equal(bank->version, "2026.11");
    assert_int_equal(bank->source_count, 2);
    assert_string_equal(bank->sources[1].id, "001");
    assert_string_equal(bank->sources[1].title, "A short history of NATO");
    assert_int_equal(bank->fact_count, 5);

    const struct recite_fact *dcb = &bank->facts[0];
    assert_int_equal(dcb->kind, RECITE_FACT_ACRONYM);
    assert_string_equal(dcb->key, "DCB");
    assert_int_equal(dcb->line, 9);
    const struct recite_field *lng = recite_fact_field(dcb, "long");
    assert_non_null(lng);
    assert_int_equal(lng->alt_count, 2);
    assert_string_equal(lng->alts[1], "Defense and Related Security Capacity Building");
    assert_int_equal(dcb->tag_count, 2);
    assert_string_equal(dcb->tags[1], "partnerships");
    assert_string_equal(dcb->cite_source, "000");
    assert_string_equal(dcb->cite_place, "¶4");

    const struct recite_fact *set = recite_bank_find_fact(bank, "founding-members");
    assert_non_null(set);
    assert_int_equal(recite_fact_count(set, "member"), 2);
    assert_int_equal(recite_fact_field(set, "member")[1].alt_count, 5);
    const struct recite_fact *q = recite_bank_find_fact(bank, "article-5");
    assert_int_equal(recite_fact_count(q, "wrong"), 2);
    assert_string_equal(recite_fact_get(q, "explain"), "invoked once, on 12 September 2001");
    recite_bank_free(bank);
}

static void test_bank_escapes(void **state)
{
    (void)state;
    struct recite_bank *bank = load("kinds.bank");
    assert_string_equal(bank->title,
                        "Every kind of fact | with an escaped bar and a backslash \\ in the title");
    const struct recite_fact *pipe = recite_bank_find_fact(bank, "pipe");
    const struct recite_field *answer = recite_fact_field(pipe, "answer");
    assert_int_equal(answer->alt_count, 2);
    assert_string_equal(answer->alts[0], "the vertical bar |");
    assert_string_equal(answer->alts[1], "a pipe");
    assert_string_equal(recite_fact_get(pipe, "explain"),
                        "write \\| in a value to keep a literal bar");
    const struct recite_fact *st = recite_bank_find_fact(bank, "S-T");
    assert_string_equal(recite_fact_get(st, "short"), "S&T");
    recite_bank_free(bank);
}

static void test_bank_fields_canonical_order(void **state)
{
    (void)state;
    struct recite_diags diags = {0};
    struct recite_bank *bank = parse("bank b\n\n"
                                     "question q\n"
                                     "tags: z\n"
                                     "wrong: w1\n"
                                     "answer: a\n"
                                     "ask: what?\n"
                                     "wrong: w2\n",
                                     &diags);
    assert_non_null(bank);
    assert_int_equal(diags.count, 0);
    char *text = NULL;
    assert_int_equal(recite_bank_write(&text, NULL, bank, NULL), 0);
    assert_string_equal(text, "bank b\nlanguage: en\n\n"
                              "question q\nask: what?\nanswer: a\nwrong: w1\nwrong: w2\ntags: z\n");
    free(text);
    recite_bank_free(bank);
}

/* Writing, parsing the result and writing again gives the same bytes. */
static void assert_fixed_point(const char *name)
{
    struct recite_bank *bank = load(name);
    char *first = NULL, *second = NULL;
    size_t first_len, second_len;
    assert_int_equal(recite_bank_write(&first, &first_len, bank, NULL), 0);
    struct recite_bank *again = NULL;
    assert_int_equal(recite_bank_parse(&again, first, first_len, NULL, NULL), 0);
    assert_int_equal(recite_bank_write(&second, &second_len, again, NULL), 0);
    assert_int_equal(first_len, second_len);
    assert_memory_equal(first, second, first_len);
    free(first);
    free(second);
    recite_bank_free(bank);
    recite_bank_free(again);
}

static void test_bank_writer_fixed_point(void **state)
{
    (void)state;
    assert_fixed_point("sample.bank");
    assert_fixed_point("kinds.bank");
    assert_fixed_point("empty.bank");
}

static void test_bank_comments_and_ordered_no_dropped(void **state)
{
    (void)state;
    struct recite_bank *bank = parse("# a comment\r\nbank b\r\n\r\nset s\r\n# inside\r\n"
                                     "prompt: p\r\nordered: no\r\nmember: a\r\n",
                                     NULL);
    assert_non_null(bank);
    char *text = NULL;
    assert_int_equal(recite_bank_write(&text, NULL, bank, NULL), 0);
    assert_string_equal(text, "bank b\nlanguage: en\n\nset s\nprompt: p\nmember: a\n");
    free(text);
    recite_bank_free(bank);
}

static void test_bank_reports_every_problem(void **state)
{
    (void)state;
    struct recite_diags diags = {0};
    struct recite_error err = {0};
    struct recite_bank *bank = NULL;
    const char *text = "bank b\n\nacronym A\n\nevent A\nwhen: 1949\nwhat: x\n\nwidget w\n";
    assert_int_equal(recite_bank_parse(&bank, text, strlen(text), &diags, &err), RECITE_EDATA);
    assert_null(bank);
    assert_int_equal(diags.count, 3);
    assert_int_equal(diags.items[0].line, 3);
    assert_string_equal(diags.items[0].message, "acronym 'A' lacks required field 'long'");
    assert_int_equal(diags.items[1].line, 5);
    assert_int_equal(diags.items[1].col, 7);
    assert_string_equal(diags.items[1].message, "duplicate key 'A' (first at line 3)");
    assert_int_equal(diags.items[2].line, 9);
    assert_string_equal(diags.items[2].message, "unknown kind 'widget'");
    assert_non_null(strstr(err.msg, "3 problems"));
    recite_diags_release(&diags);
}

static void test_bank_dates(void **state)
{
    (void)state;
    struct recite_date d;
    assert_int_equal(recite_date_parse(&d, "1949-04-04", NULL), 0);
    assert_int_equal(d.year, 1949);
    assert_int_equal(d.month, 4);
    assert_int_equal(d.day, 4);
    assert_int_equal(recite_date_parse(&d, "2004-03", NULL), 0);
    assert_int_equal(d.month, 3);
    assert_int_equal(d.day, 0);
    assert_int_equal(recite_date_parse(&d, "1950..1953", NULL), 0);
    assert_int_equal(d.year, 1950);
    assert_int_equal(d.end_year, 1953);
    assert_int_equal(recite_date_parse(&d, "2024-02-29", NULL), 0);
    const char *bad[] = {"", "194", "19490", "1949-1", "1949-00", "1949-04-31", "2023-02-29",
                         "1953..1953", "1949-04-04T00", "0000", "19a9", "1949..19"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (recite_date_parse(&d, bad[i], NULL) != RECITE_EDATA)
            fail_msg("'%s' was accepted", bad[i]);
}

static void test_bank_hash_is_blake2b_256(void **state)
{
    (void)state;
    char hex[RECITE_BANK_HASH_HEX];
    /* BLAKE2b-256 of the empty string (RFC 7693 family, as b2sum -l 256 prints). */
    recite_bank_hash(hex, "", 0);
    assert_string_equal(hex, "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
}

static void test_bank_built_in_memory(void **state)
{
    (void)state;
    struct recite_bank *bank = NULL;
    struct recite_fact *fact = NULL;
    struct recite_diags diags = {0};
    assert_int_equal(recite_bank_new(&bank, "mem", NULL), 0);
    assert_int_equal(recite_bank_add_source(bank, "s1", "A source | with a bar", NULL), 0);
    assert_int_equal(recite_bank_add_fact(bank, RECITE_FACT_EVENT, "e", &fact, NULL), 0);
    const char *when[] = {"1991-12-26"};
    const char *what[] = {"the end of the Soviet Union"};
    assert_int_equal(recite_fact_add_field(fact, "what", what, 1, NULL), 0);
    assert_int_equal(recite_fact_add_field(fact, "when", when, 1, NULL), 0);
    assert_int_equal(recite_fact_set_common(fact, "cite", "s1 ¶2", NULL), 0);
    assert_int_equal(recite_fact_set_common(fact, "tags", "history  cold-war", NULL), 0);
    assert_int_equal(recite_bank_validate(bank, &diags, NULL), 0);
    char *text = NULL;
    assert_int_equal(recite_bank_write(&text, NULL, bank, NULL), 0);
    assert_string_equal(text, "bank mem\nlanguage: en\nsource s1: A source \\| with a bar\n\n"
                              "event e\nwhen: 1991-12-26\nwhat: the end of the Soviet Union\n"
                              "tags: history cold-war\ncite: s1 ¶2\n");
    free(text);

    /* A bad date, an undeclared source and a second key e are all caught. */
    assert_int_equal(recite_bank_add_fact(bank, RECITE_FACT_EVENT, "e", &fact, NULL), 0);
    const char *bad_when[] = {"1991-13"};
    assert_int_equal(recite_fact_add_field(fact, "when", bad_when, 1, NULL), 0);
    assert_int_equal(recite_fact_add_field(fact, "what", what, 1, NULL), 0);
    assert_int_equal(recite_fact_set_common(fact, "cite", "nowhere", NULL), 0);
    assert_int_equal(recite_bank_validate(bank, &diags, NULL), RECITE_EDATA);
    assert_int_equal(diags.count, 3);
    recite_diags_release(&diags);
    recite_bank_free(bank);
}

static void test_bank_missing_file(void **state)
{
    (void)state;
    struct recite_bank *bank = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_bank_load(&bank, "/nonexistent/x.bank", NULL, &err), RECITE_ENOTFOUND);
    assert_non_null(strstr(err.msg, "cannot open '/nonexistent/x.bank'"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bank_parses_model),
        cmocka_unit_test(test_bank_escapes),
        cmocka_unit_test(test_bank_fields_canonical_order),
        cmocka_unit_test(test_bank_writer_fixed_point),
        cmocka_unit_test(test_bank_comments_and_ordered_no_dropped),
        cmocka_unit_test(test_bank_reports_every_problem),
        cmocka_unit_test(test_bank_dates),
        cmocka_unit_test(test_bank_hash_is_blake2b_256),
        cmocka_unit_test(test_bank_built_in_memory),
        cmocka_unit_test(test_bank_missing_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
