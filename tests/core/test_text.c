/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Untrusted text: what is printable, escaping names, and JSON escapes of format characters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "recite.h"

static void test_text_check_finds_the_first_hidden_byte(void **state)
{
    (void)state;
    assert_int_equal(recite_text_check("alice", 5), 5);
    assert_int_equal(recite_text_check("T\xc3\xbcrkiye", 8), 8);
    assert_int_equal(recite_text_check("bo\xffz", 4), 2);
    assert_int_equal(recite_text_check("a\tb", 3), 1);
    assert_int_equal(recite_text_check("ab\xe2\x80\xae", 5), 2); /* U+202E */
    assert_int_equal(recite_text_check("\xef\xbb\xbf"
                                       "a",
                                       4),
                     0);                                            /* a BOM */
    assert_int_equal(recite_text_check("x\xf3\xa0\x81\x81", 5), 1); /* a tag */
}

static void test_text_escape_writes_bytes_as_hex(void **state)
{
    (void)state;
    const char name[] = "new\nline\xff\xe2\x80\xae"
                        "end \xc3\xa9";
    char *got = recite_text_escape(name, sizeof(name) - 1);
    assert_string_equal(got, "new\\x0aline\\xff\\xe2\\x80\\xaeend \xc3\xa9");
    char *twice = recite_text_escape(got, strlen(got));
    assert_string_equal(twice, got);
    free(twice);
    free(got);
}

static void test_text_json_escapes_format_characters(void **state)
{
    (void)state;
    char *got = recite_json_escape_format("{\"a\": \"x\xe2\x80\x8by\xf3\xa0\x81\x81\xc3\xa9\"}");
    assert_string_equal(got, "{\"a\": \"x\\u200by\\udb40\\udc41\xc3\xa9\"}");
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_check_finds_the_first_hidden_byte),
        cmocka_unit_test(test_text_escape_writes_bytes_as_hex),
        cmocka_unit_test(test_text_json_escapes_format_characters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
