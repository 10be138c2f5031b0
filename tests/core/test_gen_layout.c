/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The generator on documents as they come: runs that must not be lost,
 * layouts (hard wrap at any width, Markdown, page furniture, glossaries),
 * bulleted lists as list facts, and confidence. One test per defect of
 * issue 17 that these cover.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gen_internal.h"
#include "recite.h"

static struct recite_gen *run(const char *text)
{
    struct recite_gen *gen = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_gen_new(&gen, NULL, &err), 0);
    assert_int_equal(recite_gen_add_buffer(gen, "doc.txt", text, strlen(text), &err), 0);
    return gen;
}

static char *draft_of(struct recite_gen *gen)
{
    char *draft;
    size_t len;
    struct recite_error err = {0};
    assert_int_equal(recite_gen_draft(&draft, &len, gen, &err), 0);
    return draft;
}

/* Issue 17: "(Smith 1957)." made describe() fail and the run end as "out of memory". */
static void test_gen_layout_undescribable_event_is_left_out(void **state)
{
    (void)state;
    struct recite_gen *gen = run("The treaty was signed in 1957.\n"
                                 "(Smith 1957).\n"
                                 "(ESCAP, United Nations Publication March 2007, pp. 65).\n"
                                 "The bank opened in 1966.\n");
    char *draft = draft_of(gen);
    assert_non_null(strstr(draft, "when: 1966\n"));
    assert_non_null(strstr(draft, "when: 1957\nwhat: treaty was signed\n"));
    assert_non_null(strstr(draft, "# left out: the sentence says nothing of what happened"));
    assert_non_null(strstr(draft, "# quote: (Smith 1957).\n"));
    free(draft);
    recite_gen_free(gen);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gen_layout_undescribable_event_is_left_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
