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

/* ---- round trips ---- */

/* text through bank, canonical .bank text, and back to questions */
static void via_bank(struct recite_questions *out, enum recite_format fmt, const char *text,
                     size_t len)
{
    struct recite_error err = {0};
    struct recite_bank *bank = NULL, *again = NULL;
    int rc = recite_format_parse(&bank, fmt, text, len, "rt", NULL, &err);
    if (rc != 0)
        printf("# import failed: %s\n%s\n", err.msg, text);
    assert_int_equal(rc, 0);
    char *native = NULL;
    assert_int_equal(recite_bank_write(&native, NULL, bank, &err), 0);
    assert_int_equal(recite_bank_parse(&again, native, strlen(native), NULL, &err), 0);
    assert_int_equal(recite_format_from_bank(out, again, &err), 0);
    free(native);
    recite_bank_free(bank);
    recite_bank_free(again);
}

/* GIFT -> native -> GIFT -> native: every question's JSON is unchanged. */
static void test_gift_native_gift(void **state)
{
    (void)state;
    const char *files[] = {"01_comments_blocks", "02_titles_categories", "03_formats",
                           "04_escapes", "05_multichoice", "06_truefalse", "07_shortanswer",
                           "08_matching", "09_missingword", "10_numerical",
                           "11_essay_description", "12_bom_crlf", "13_parser_traps"};
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char path[512];
        size_t len;
        snprintf(path, sizeof(path), "%s/formats/gift/%s.gift", RECITE_TEST_DATA, files[i]);
        char *text = slurp(path, &len);
        struct recite_questions first = {0}, second = {0};
        via_bank(&first, RECITE_FORMAT_GIFT, text, len);
        char *gift = NULL;
        struct recite_error err = {0};
        struct recite_format_report report;
        assert_int_equal(recite_format_emit(&gift, NULL, RECITE_FORMAT_GIFT, &first, &report,
                                            &err), 0);
        assert_int_equal(report.written, first.count);
        assert_string_equal(report.dropped, "");
        via_bank(&second, RECITE_FORMAT_GIFT, gift, strlen(gift));
        json_t *a = questions_json(&first), *b = questions_json(&second);
        bool ok = same(b, a, path);
        if (!ok)
            printf("# written as:\n%s", gift);
        assert_true(ok);
        assert_true(json_array_size(a) > 0);
        json_decref(a);
        json_decref(b);
        recite_questions_release(&first);
        recite_questions_release(&second);
        free(gift);
        free(text);
    }
}

/* native -> GIFT -> native: keys, texts, answers, weights and feedback survive. */
static void test_native_gift_native(void **state)
{
    (void)state;
    char path[512];
    size_t len;
    snprintf(path, sizeof(path), "%s/banks/kinds.bank", RECITE_TEST_DATA);
    char *text = slurp(path, &len);
    struct recite_error err = {0};
    struct recite_bank *bank = NULL, *back = NULL;
    assert_int_equal(recite_bank_parse(&bank, text, len, NULL, &err), 0);
    char *gift = NULL;
    struct recite_format_report report;
    assert_int_equal(recite_format_write(&gift, NULL, RECITE_FORMAT_GIFT, bank, &report, &err), 0);
    assert_int_equal(report.written, bank->fact_count);
    int rc = recite_format_parse(&back, RECITE_FORMAT_GIFT, gift, strlen(gift), "kinds", NULL,
                                 &err);
    if (rc != 0)
        printf("# %s\n%s", err.msg, gift);
    assert_int_equal(rc, 0);
    assert_int_equal(back->fact_count, bank->fact_count);
    struct recite_questions a = {0}, b = {0};
    assert_int_equal(recite_format_from_bank(&a, bank, &err), 0);
    assert_int_equal(recite_format_from_bank(&b, back, &err), 0);
    for (size_t i = 0; i < bank->fact_count; i++) {
        /* the native key comes back as the fact key */
        assert_string_equal(back->facts[i].key, bank->facts[i].key);
    }
    json_t *ja = questions_json(&a), *jb = questions_json(&b);
    assert_true(same(jb, ja, "kinds.bank"));
    /* a native question with wrong: options is multiple choice with weights 1 and 0 */
    const struct recite_fact *f = recite_bank_find_fact(back, "article-5");
    if (f) {
        assert_string_equal(recite_fact_get(f, "type"), "multichoice");
        assert_string_equal(recite_fact_get(f, "answer"), "Article 5");
    }
    json_decref(ja);
    json_decref(jb);
    recite_questions_release(&a);
    recite_questions_release(&b);
    recite_bank_free(bank);
    recite_bank_free(back);
    free(gift);
    free(text);
}

/* ---- malformed input: a located error and no bank ---- */

struct bad_case {
    enum recite_format fmt;
    const char *text;
    unsigned line, col;
    const char *words; /* part of the message */
};

static void test_malformed(void **state)
{
    (void)state;
    static const struct bad_case cases[] = {
        {RECITE_FORMAT_GIFT, "::ok::Fine? {T}\n\n::b::Unclosed {=a ~b\n", 3, 15, "never closed"},
        {RECITE_FORMAT_GIFT, "Escaped close {=a \\}\n", 1, 15, "never closed"},
        {RECITE_FORMAT_GIFT, "Stray } brace\n", 1, 7, "without an opening"},
        {RECITE_FORMAT_GIFT, "::n::How many?\n{#\n  =five\n}\n", 3, 4, "not a number"},
        {RECITE_FORMAT_GIFT, "Tol {#5:abc}\n", 1, 7, "tolerance"},
        {RECITE_FORMAT_GIFT, "Range {#1..x}\n", 1, 9, "range"},
        {RECITE_FORMAT_GIFT, "Q {~only}\n", 1, 4, "two answers"},
        {RECITE_FORMAT_GIFT, "W {=a =%150%b}\n", 1, 8, "weight outside"},
        {RECITE_FORMAT_BANK, "bank b\n\nquestion q\nask: x\nanswer: a\\c\n", 5, 10, "escape"},
        {RECITE_FORMAT_AIKEN, "Q1?\nA) a\nB) b\nANSWER: A\nQ2?\nA) x\nB) y\nQ3?\nA) 1\nB) 2\n"
                              "ANSWER: B\n", 5, 1, "ANSWER"},
        {RECITE_FORMAT_AIKEN, "Q?\nA) a\nB) b\nANSWER: C\n", 4, 9, "names no option"},
        {RECITE_FORMAT_AIKEN, "Q?\nA) a\nB) b\n", 1, 1, "ANSWER"},
        {RECITE_FORMAT_CSV, "front,back\na,b\nc,d,e\n", 3, 1, "fields"},
        {RECITE_FORMAT_CSV, "kind,text,answer1\nshortanswer,x,y\nshortanswer,\"p\"q,z\n", 3, 1,
         "closing quote"},
        {RECITE_FORMAT_CSV, "kind,text,answer1\nnumerical,x,ten\n", 2, 1, "not VALUE"},
        {RECITE_FORMAT_CSV, "kind,text,answer1\nriddle,x,y\n", 2, 1, "unknown question kind"},
        {RECITE_FORMAT_ANKI, "#separator:tab\na\t\"open\n", 2, 1, "never closed"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct bad_case *c = &cases[i];
        struct recite_bank *bank = (struct recite_bank *)1;
        struct recite_diags diags = {0};
        struct recite_error err = {0};
        int rc = recite_format_parse(&bank, c->fmt, c->text, strlen(c->text), "bad", &diags,
                                     &err);
        assert_int_equal(rc, RECITE_EDATA);
        assert_null(bank);
        assert_true(diags.count >= 1);
        assert_int_equal(diags.items[0].line, c->line);
        assert_int_equal(diags.items[0].col, c->col);
        assert_non_null(strstr(diags.items[0].message, c->words));
        recite_diags_release(&diags);
    }
}

/* ---- the other writers ---- */

/* GIFT fixtures -> CSV -> questions: the same questions. */
static void test_csv_round_trip(void **state)
{
    (void)state;
    const char *files[] = {"02_titles_categories", "03_formats", "04_escapes",
                           "05_multichoice", "06_truefalse", "07_shortanswer", "08_matching",
                           "09_missingword", "10_numerical", "11_essay_description",
                           "13_parser_traps"};
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char path[512];
        size_t len;
        snprintf(path, sizeof(path), "%s/formats/gift/%s.gift", RECITE_TEST_DATA, files[i]);
        char *text = slurp(path, &len);
        struct recite_questions first = {0}, second = {0};
        struct recite_error err = {0};
        assert_int_equal(recite_format_read(&first, RECITE_FORMAT_GIFT, text, len, NULL, &err), 0);
        char *csv = NULL;
        struct recite_format_report report;
        assert_int_equal(recite_format_emit(&csv, NULL, RECITE_FORMAT_CSV, &first, &report, &err),
                         0);
        assert_string_equal(report.dropped, "");
        assert_non_null(strstr(csv, "\r\n"));
        via_bank(&second, RECITE_FORMAT_CSV, csv, strlen(csv));
        json_t *a = questions_json(&first), *b = questions_json(&second);
        bool ok = same(b, a, path);
        if (!ok)
            printf("# written as:\n%s", csv);
        assert_true(ok);
        json_decref(a);
        json_decref(b);
        recite_questions_release(&first);
        recite_questions_release(&second);
        free(csv);
        free(text);
    }
}

/* Aiken keeps single-answer multiple choice and true/false, and says what it dropped. */
static void test_aiken_write(void **state)
{
    (void)state;
    const char *gift = "// [tag:x]\n::t::Pick one {=yes#right ~no}\n\n"
                       "Several {~%50%a ~%50%b ~c}\n\nSky is blue {T}\n\nName it {=x}\n";
    struct recite_questions qs = {0}, back = {0};
    struct recite_error err = {0};
    assert_int_equal(recite_format_read(&qs, RECITE_FORMAT_GIFT, gift, strlen(gift), NULL, &err),
                     0);
    char *out = NULL;
    struct recite_format_report r;
    assert_int_equal(recite_format_emit(&out, NULL, RECITE_FORMAT_AIKEN, &qs, &r, &err), 0);
    assert_string_equal(out, "Pick one\nA) yes\nB) no\nANSWER: A\n\n"
                             "Sky is blue\nA) True\nB) False\nANSWER: A\n\n");
    assert_int_equal(r.written, 2);
    assert_int_equal(r.skipped, 2);
    assert_string_equal(r.dropped,
                        "dropped: unsupported questions (2), titles (1), tags (1), feedback (1)");
    assert_int_equal(recite_format_read(&back, RECITE_FORMAT_AIKEN, out, strlen(out), NULL, &err),
                     0);
    assert_int_equal(back.count, 2);
    assert_string_equal(back.items[0].text, "Pick one");
    assert_true(back.items[0].answers[0].weight == 1 && back.items[0].answers[1].weight == 0);
    recite_questions_release(&qs);
    recite_questions_release(&back);
    free(out);
}

/* Anki text: the headers Anki reads, one note per question, readable again. */
static void test_anki_write(void **state)
{
    (void)state;
    const char *gift = "$CATEGORY: $course$/top/Sub\n\n// [tag:geo]\n::t::Capital of France?"
                       "{=Paris =%50%paris city}\n\nPick {=a ~b}\n\n#Tag line {=\\#x}\n";
    struct recite_questions qs = {0}, back = {0};
    struct recite_error err = {0};
    assert_int_equal(recite_format_read(&qs, RECITE_FORMAT_GIFT, gift, strlen(gift), NULL, &err),
                     0);
    char *out = NULL;
    struct recite_format_report r;
    assert_int_equal(recite_format_emit(&out, NULL, RECITE_FORMAT_ANKI, &qs, &r, &err), 0);
    assert_string_equal(out, "#separator:tab\n#html:false\n#notetype:Basic\n"
                             "#deck:$course$::top::Sub\n#columns:Front\tBack\tTags\n"
                             "#tags column:3\n"
                             "Capital of France?\tParis\tgeo\n"
                             "\"Pick\nA) a\nB) b\"\ta\t\n"
                             "\"#Tag line\"\t\"#x\"\t\n");
    assert_string_equal(r.dropped,
                        "dropped: titles (1), partial weights (1), "
                        "question kinds (now flashcards) (3)");
    assert_int_equal(recite_format_detect("x.txt", out, strlen(out)), RECITE_FORMAT_ANKI);
    assert_int_equal(recite_format_read(&back, RECITE_FORMAT_ANKI, out, strlen(out), NULL, &err),
                     0);
    assert_int_equal(back.count, 3);
    assert_string_equal(back.items[2].text, "#Tag line");
    assert_string_equal(back.items[1].text, "Pick\nA) a\nB) b");
    assert_string_equal(back.items[0].category, "$course$::top::Sub");
    assert_string_equal(back.items[0].tags[0], "geo");
    recite_questions_release(&qs);
    recite_questions_release(&back);
    free(out);
}

static void test_detect(void **state)
{
    (void)state;
    const char *g = "Q {=a}\n", *a = "Q?\nA) x\nB) y\nANSWER: A\n", *b = "# c\nbank x\n";
    assert_int_equal(recite_format_detect("q.gift", a, strlen(a)), RECITE_FORMAT_GIFT);
    assert_int_equal(recite_format_detect("q.csv", g, strlen(g)), RECITE_FORMAT_CSV);
    assert_int_equal(recite_format_detect("q.txt", g, strlen(g)), RECITE_FORMAT_GIFT);
    assert_int_equal(recite_format_detect("q.txt", a, strlen(a)), RECITE_FORMAT_AIKEN);
    assert_int_equal(recite_format_detect("q.txt", b, strlen(b)), RECITE_FORMAT_BANK);
    assert_int_equal(recite_format_detect(NULL, "tags:a\nx\ty\n", 11), RECITE_FORMAT_ANKI);
    assert_int_equal(recite_format_from_name("GIFT"), RECITE_FORMAT_GIFT);
    assert_int_equal(recite_format_from_name("moodle"), -1);
}

/* An imported essay is kept but yields no card; a multiple choice yields typed and choice. */
static void test_askable(void **state)
{
    (void)state;
    const char *gift = "::e::Write about it {}\n\n::m::Pick {=a ~b ~c}\n";
    struct recite_bank *bank = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_format_parse(&bank, RECITE_FORMAT_GIFT, gift, strlen(gift), "t", NULL,
                                         &err), 0);
    char names[4][RECITE_TEMPLATE_NAME_MAX];
    assert_int_equal(recite_fact_templates(&bank->facts[0], names, 4), 0);
    assert_int_equal(recite_fact_templates(&bank->facts[1], names, 4), 2);
    assert_string_equal(names[1], "choice");
    recite_bank_free(bank);
}

/* Html notes are shown without markup; the question keeps its html text. */
static void test_plain_text(void **state)
{
    (void)state;
    char *t = NULL;
    assert_int_equal(recite_format_plain_text(&t, "a <b>bold</b><br>R&amp;D &lt;x&gt; &#233;&#x41;"
                                              " &bogus; <i", NULL), 0);
    assert_string_equal(t, "a bold\nR&D <x> \xC3\xA9" "A &bogus; <i");
    free(t);
    const char *anki = "#separator:tab\n#html:true\nWhat is <b>H<sub>2</sub>O</b>?\t"
                       "<i>water</i>\n";
    struct recite_bank *bank = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_format_parse(&bank, RECITE_FORMAT_ANKI, anki, strlen(anki), "h", NULL,
                                         &err), 0);
    assert_string_equal(recite_fact_get(&bank->facts[0], "answer"), "water");
    assert_string_equal(recite_fact_get(&bank->facts[0], "ask"), "What is <b>H<sub>2</sub>O</b>?");
    assert_string_equal(recite_fact_get(&bank->facts[0], "format"), "html");
    recite_bank_free(bank);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_gift_native_gift),
        cmocka_unit_test(test_native_gift_native),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_csv_round_trip),
        cmocka_unit_test(test_aiken_write),
        cmocka_unit_test(test_anki_write),
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_askable),
        cmocka_unit_test(test_plain_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
