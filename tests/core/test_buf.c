/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The growable byte buffer and array growth (recite/buf.h); a file written in pieces. */
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

static void test_buf_adds_bytes_strings_chars_and_formats(void **state)
{
    (void)state;
    struct recite_buf b = {0};
    assert_int_equal(recite_buf_add(&b, "ab\0c", 4), 0);
    assert_int_equal(recite_buf_adds(&b, "de"), 0);
    assert_int_equal(recite_buf_addc(&b, 'f'), 0);
    assert_int_equal(recite_buf_addf(&b, "-%d-%s", 42, "x"), 0);
    assert_int_equal(b.len, 12);
    assert_memory_equal(b.data, "ab\0cdef-42-x", 13);
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(recite_buf_finish(&b, &out, &len, NULL), 0);
    assert_int_equal(len, 12);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    free(out);
}

static void test_buf_grows_past_its_first_block(void **state)
{
    (void)state;
    struct recite_buf b = {0};
    for (int i = 0; i < 10000; i++)
        assert_int_equal(recite_buf_addc(&b, (char)('a' + i % 26)), 0);
    char big[1000];
    memset(big, 'z', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    assert_int_equal(recite_buf_addf(&b, "%s", big), 0);
    assert_int_equal(b.len, 10999);
    assert_int_equal(strlen(b.data), 10999);
    assert_true(b.cap > b.len);
    assert_int_equal(b.data[9999], (char)('a' + 9999 % 26));
    assert_int_equal(b.data[10998], 'z');
    recite_buf_free(&b);
    assert_null(b.data);
}

static void test_buf_finish_of_nothing_is_an_empty_string(void **state)
{
    (void)state;
    struct recite_buf b = {0};
    char *out = NULL;
    assert_int_equal(recite_buf_finish(&b, &out, NULL, NULL), 0);
    assert_non_null(out);
    assert_string_equal(out, "");
    free(out);
}

static void test_buf_overflow_sticks_and_is_reported(void **state)
{
    (void)state;
    struct recite_buf b = {0};
    assert_int_equal(recite_buf_adds(&b, "kept"), 0);
    /* len + SIZE_MAX + NUL overflows: refused without an allocation. */
    assert_int_equal(recite_buf_reserve(&b, SIZE_MAX), RECITE_ENOMEM);
    assert_true(b.oom);
    assert_int_equal(recite_buf_addc(&b, 'x'), RECITE_ENOMEM);
    assert_int_equal(recite_buf_adds(&b, "more"), RECITE_ENOMEM);
    assert_int_equal(b.len, 4);
    char *out = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_buf_finish(&b, &out, NULL, &err), RECITE_ENOMEM);
    assert_int_equal(err.code, RECITE_ENOMEM);
    assert_null(out);
    assert_null(b.data);
}

static void test_grow_doubles_and_keeps_elements(void **state)
{
    (void)state;
    int *items = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < 100; i++) {
        assert_int_equal(recite_grow((void **)&items, &cap, i + 1, sizeof(*items)), 0);
        assert_true(cap >= i + 1);
        items[i] = (int)i;
    }
    assert_int_equal(cap, 128);
    for (size_t i = 0; i < 100; i++)
        assert_int_equal(items[i], (int)i);
    /* Enough room already: nothing moves. */
    int *before = items;
    assert_int_equal(recite_grow((void **)&items, &cap, 50, sizeof(*items)), 0);
    assert_ptr_equal(items, before);
    assert_int_equal(cap, 128);
    free(items);
}

static void test_grow_refuses_a_size_that_overflows(void **state)
{
    (void)state;
    int *items = NULL;
    size_t cap = 0;
    assert_int_equal(recite_grow((void **)&items, &cap, 4, sizeof(*items)), 0);
    int *before = items;
    assert_int_equal(recite_grow((void **)&items, &cap, SIZE_MAX / 2, sizeof(*items)),
                     RECITE_ENOMEM);
    assert_int_equal(recite_grow((void **)&items, &cap, SIZE_MAX, 1), RECITE_ENOMEM);
    assert_ptr_equal(items, before);
    assert_int_equal(cap, 8);
    free(items);
}

/*
 * A file written a piece at a time is put in place whole, only at the close,
 * and refuses to replace a file unless asked; nothing is left beside it.
 */
static void test_file_writer_puts_pieces_in_place(void **state)
{
    (void)state;
    char dir[] = "/tmp/recite-writer-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof(path), "%s/out.txt", dir);
    struct recite_error err = {0};
    struct recite_file_writer w;
    assert_int_equal(recite_file_writer_open(&w, path, &err), 0);
    assert_int_equal(recite_file_writer_put(&w, "one ", 4), 0);
    assert_false(recite_file_exists(path)); /* nothing at the path before the close */
    assert_int_equal(recite_file_writer_put(&w, "two", 3), 0);
    assert_int_equal(recite_file_writer_close(&w, NULL, &err), 0);
    char *text = NULL;
    size_t n = 0;
    assert_int_equal(recite_file_read(&text, &n, path, 1 << 20, &err), 0);
    assert_int_equal(n, 7);
    assert_memory_equal(text, "one two", 7);
    free(text);
    /* a file there: refused without replace, kept as it was; replaced with it */
    assert_int_equal(recite_file_writer_open(&w, path, &err), 0);
    assert_int_equal(recite_file_writer_put(&w, "three", 5), 0);
    assert_int_equal(recite_file_writer_close(&w, NULL, &err), RECITE_EEXISTS);
    assert_int_equal(recite_file_read(&text, &n, path, 1 << 20, &err), 0);
    assert_memory_equal(text, "one two", 7);
    free(text);
    struct recite_save_options replace = {0, true};
    assert_int_equal(recite_file_writer_open(&w, path, &err), 0);
    assert_int_equal(recite_file_writer_put(&w, "three", 5), 0);
    assert_int_equal(recite_file_writer_close(&w, &replace, &err), 0);
    assert_int_equal(recite_file_read(&text, &n, path, 1 << 20, &err), 0);
    assert_int_equal(n, 5);
    free(text);
    /* given up: nothing written, no temporary file left */
    char other[80];
    snprintf(other, sizeof(other), "%s/other.txt", dir);
    assert_int_equal(recite_file_writer_open(&w, other, &err), 0);
    assert_int_equal(recite_file_writer_put(&w, "x", 1), 0);
    recite_file_writer_discard(&w);
    assert_false(recite_file_exists(other));
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0); /* empty: no temporary file was left */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_adds_bytes_strings_chars_and_formats),
        cmocka_unit_test(test_buf_grows_past_its_first_block),
        cmocka_unit_test(test_buf_finish_of_nothing_is_an_empty_string),
        cmocka_unit_test(test_buf_overflow_sticks_and_is_reported),
        cmocka_unit_test(test_grow_doubles_and_keeps_elements),
        cmocka_unit_test(test_grow_refuses_a_size_that_overflows),
        cmocka_unit_test(test_file_writer_puts_pieces_in_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
