/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Event and list facts read from prose (gen_events.c, gen_lists.c): one case
 * per defect seen on real documents, each beside a positive control so a
 * fix that simply drops facts fails too.
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

static struct recite_gen *run(const char *text)
{
    struct recite_gen *gen = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_gen_new(&gen, NULL, &err), 0);
    assert_int_equal(recite_gen_add_buffer(gen, "doc.md", text, strlen(text), &err), 0);
    return gen;
}

/* The first fact of kind whose `when` (events) or first member (sets) is key. */
static const struct recite_gen_fact *find(struct recite_gen *gen, enum recite_gen_kind kind,
                                          const char *key)
{
    size_t n;
    const struct recite_gen_fact *f = recite_gen_facts(gen, &n);
    for (size_t i = 0; i < n; i++) {
        if (f[i].kind != kind)
            continue;
        const char *k = kind == RECITE_GEN_EVENT ? f[i].when : f[i].members[0];
        if (strcmp(k, key) == 0)
            return &f[i];
    }
    return NULL;
}

/* Fails unless text gives an event dated when whose description contains each of words. */
static void expect_event(const char *text, const char *when, const char *const *words)
{
    struct recite_gen *gen = run(text);
    const struct recite_gen_fact *f = find(gen, RECITE_GEN_EVENT, when);
    if (!f)
        fail_msg("no event dated %s in: %s", when, text);
    for (size_t i = 0; words && words[i]; i++)
        if (!strstr(f->what, words[i]))
            fail_msg("event %s reads '%s', without '%s'", when, f->what, words[i]);
    recite_gen_free(gen);
}

static void expect_no_event(const char *text, const char *when)
{
    struct recite_gen *gen = run(text);
    const struct recite_gen_fact *f = find(gen, RECITE_GEN_EVENT, when);
    if (f)
        fail_msg("unexpected event %s '%s' in: %s", when, f->what, text);
    recite_gen_free(gen);
}

#define WORDS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* ---- a fact that cannot be described never costs the run ---- */

static void test_gen_prose_undescribable_date_is_skipped(void **state)
{
    (void)state;
    struct recite_gen *gen = run("(Smith 1957).\n\n"
                                 "The council was founded in 1961.\n");
    assert_non_null(find(gen, RECITE_GEN_EVENT, "1961"));
    recite_gen_free(gen);
}

/* ---- numbers that are not years ---- */

static void test_gen_prose_citation_year_is_no_date(void **state)
{
    (void)state;
    expect_no_event("Lists of members were compiled later (Smith 1957).\n", "1957");
    expect_no_event("The pact was studied closely (Smith and Jones, 1957).\n", "1957");
    expect_event("The pact was signed in Manila (1957).\n", "1957", WORDS("signed"));
    expect_event("The council was founded in 1957.\n", "1957", WORDS("council was founded"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gen_prose_undescribable_date_is_skipped),
        cmocka_unit_test(test_gen_prose_citation_year_is_no_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
