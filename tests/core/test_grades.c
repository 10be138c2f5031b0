/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Gradebooks: the attempt that counts and the feedback per roster student,
 * the CSV dialects, and filling one column of an export (delimiters, quotes,
 * short rows, Canvas's "Title (id)" headers) without touching other bytes.
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

#define KEY "RWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4"

/* A roster of three students; only the identities matter here. */
static const char roster_text[] = "# class\n"
                                  "ann\t" KEY "\temail=ann@x.org\tidnumber=11\n"
                                  "ben\t" KEY "\tusername=benl\n"
                                  "cat\t" KEY "\temail=cat@x.org\tname=Cat, C\n";

struct class
{
    struct recite_keyset roster;
    struct recite_score_result results[4];
    const char *names[4];
    struct recite_grades grades;
    struct recite_grades_options opts;
};

/* A verified result for student with credit of items, started at minute. */
static void result(struct recite_score_result *r, const char *student, double credit, size_t items,
                   int minute, enum recite_fault fault)
{
    memset(r, 0, sizeof(*r));
    r->fault = fault;
    r->roster_name = student;
    snprintf(r->detail, sizeof(r->detail), "%s", fault ? "=HYPERLINK(\"x\")" : "");
    struct recite_score *s = calloc(1, sizeof(*s));
    assert_non_null(s);
    s->format = 2;
    s->student = recite_strdup(student);
    s->credit = credit;
    s->item_count = items;
    s->answered = items;
    s->attempt_number = minute;
    s->started_ms = 1795514400000 + minute * 60000;
    snprintf(s->attempt, sizeof(s->attempt), "%.3s%029d", student, minute);
    r->score = s;
}

static void class_init(struct class *c, enum recite_grade_scale scale)
{
    memset(c, 0, sizeof(*c));
    assert_int_equal(
        recite_roster_parse(&c->roster, roster_text, strlen(roster_text), "r.tsv", NULL), 0);
    result(&c->results[0], "ann", 1, 4, 1, RECITE_FAULT_NONE);
    result(&c->results[1], "ann", 3, 4, 2, RECITE_FAULT_NONE);
    result(&c->results[2], "ben", 2.5, 3, 1, RECITE_FAULT_NONE);
    result(&c->results[3], "cat", 3, 3, 1, RECITE_FAULT_TOTALS);
    static const char *const names[] = {"d/ann-1.json", "d/ann-2.json", "=ben.json", "cat.json"};
    memcpy(c->names, names, sizeof(names));
    c->opts = (struct recite_grades_options)RECITE_GRADES_OPTIONS_INIT;
    c->opts.roster = &c->roster;
    c->opts.roster_path = "r.tsv";
    c->opts.scale = scale;
    c->opts.column = "Quiz 1";
    assert_int_equal(recite_grades_compute(&c->grades, c->results, c->names, 4, &c->opts, NULL), 0);
}

static void class_release(struct class *c)
{
    recite_grades_release(&c->grades);
    for (size_t i = 0; i < 4; i++)
        recite_score_result_release(&c->results[i]);
    recite_keyset_release(&c->roster);
}

static char *written(struct class *c, enum recite_grades_format format)
{
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(recite_grades_write(&text, &len, &c->grades, format, &c->opts, NULL), 0);
    assert_int_equal(strlen(text), len);
    return text;
}

static void test_grades_compute(void **state)
{
    (void)state;
    struct class c;
    class_init(&c, RECITE_SCALE_POINTS);
    assert_int_equal(c.grades.count, 3);
    const struct recite_grade *ann = &c.grades.grades[0], *cat = &c.grades.grades[2];
    assert_true(ann->graded && ann->score == 3 && ann->out_of == 4 && ann->used == 1);
    assert_int_equal(ann->attempts, 2);
    assert_string_equal(ann->feedback, "best of 2 attempts: ann-2.json");
    assert_false(cat->graded);
    assert_string_equal(cat->feedback,
                        "cat.json: totals-mismatch: =HYPERLINK(\"x\"); no valid attempt");
    char *csv = written(&c, RECITE_GRADES_CSV);
    assert_string_equal(csv, "student,score,out_of,answered,attempt,attempts,file,feedback\n"
                             "ann,3,4,4,2,2,d/ann-2.json,best of 2 attempts: ann-2.json\n"
                             "ben,2.5,3,3,1,1,'=ben.json,\n"
                             "cat,,,,,0,,\"cat.json: totals-mismatch: =HYPERLINK(\"\"x\"\"); "
                             "no valid attempt\"\n");
    free(csv);
    class_release(&c);
    /* The first attempt, on a percent scale. */
    class_init(&c, RECITE_SCALE_PERCENT);
    recite_grades_release(&c.grades);
    c.opts.rule = RECITE_ATTEMPTS_FIRST;
    assert_int_equal(recite_grades_compute(&c.grades, c.results, c.names, 4, &c.opts, NULL), 0);
    assert_true(c.grades.grades[0].score == 25 && c.grades.grades[0].out_of == 100);
    char *canvas = written(&c, RECITE_GRADES_CANVAS);
    assert_string_equal(canvas, "Student,ID,SIS User ID,SIS Login ID,Section,Quiz 1\n"
                                "Points Possible,,,,,100\n"
                                "ann,,11,ann,,25\n"
                                "ben,,,benl,,83.33\n"
                                "\"Cat, C\",,,cat,,\n");
    free(canvas);
    char *moodle = written(&c, RECITE_GRADES_MOODLE);
    assert_non_null(strstr(moodle, "Username,ID number,Email address,Quiz 1,Feedback: Quiz 1\n"
                                   "ann,11,ann@x.org,25,first of 2 attempts: ann-1.json\n"
                                   "benl,,,83.33,\n"
                                   "cat,,cat@x.org,-,"));
    free(moodle);
    class_release(&c);
}

/* Fills the export; returns the text, or NULL with the message in err. */
static char *fill(struct class *c, const char *export_text, struct recite_error *err)
{
    char *out = NULL;
    size_t len = 0, filled = 0;
    if (recite_grades_fill(&out, &len, &filled, &c->grades, export_text, strlen(export_text),
                           "e.csv", &c->opts, err) < 0)
        return NULL;
    return out;
}

static void test_grades_fill(void **state)
{
    (void)state;
    struct class c;
    struct recite_error err = {0};
    class_init(&c, RECITE_SCALE_POINTS);
    /* Canvas: the header says "Quiz 1 (77)"; a short row is padded; CRLF and quotes kept. */
    const char canvas[] = "Student,ID,SIS User ID,SIS Login ID,Section,Quiz 1 (77),Other\r\n"
                          "\"Cat, C\",3,,cat,S,\"9\",x\r\n"
                          "ann,1,11,a,S,,\"y, z\"\r\n"
                          "ben,2,,benl,S\r\n"
                          "Test,9,,test,S,5,\r\n";
    char *out = fill(&c, canvas, &err);
    assert_non_null(out);
    assert_string_equal(out, "Student,ID,SIS User ID,SIS Login ID,Section,Quiz 1 (77),Other\r\n"
                             "\"Cat, C\",3,,cat,S,,x\r\n"
                             "ann,1,11,a,S,3,\"y, z\"\r\n"
                             "ben,2,,benl,S,2.5\r\n"
                             "Test,9,,test,S,5,\r\n");
    free(out);
    /* Semicolons, as spreadsheets in many locales save CSV; email in any case. */
    const char semi[] = "Email address;Quiz 1\nANN@x.org;1\ncat@x.org;\nbenl@x.org;7\n"
                        "x;\n";
    c.grades.grades[1].ident[RECITE_ROSTER_EMAIL] = "benl@x.org";
    out = fill(&c, semi, &err);
    assert_non_null(out);
    assert_string_equal(out, "Email address;Quiz 1\nANN@x.org;3\ncat@x.org;\nbenl@x.org;2.5\nx;\n");
    free(out);
    /* A header that is the name exactly wins over a "NAME (id)" one. */
    out = fill(&c, "Email address,Quiz 1 (5),Quiz 1\nann@x.org,1,1\ncat@x.org,,\nbenl@x.org,,\n",
               &err);
    assert_non_null(out);
    assert_string_equal(out, "Email address,Quiz 1 (5),Quiz 1\nann@x.org,1,3\ncat@x.org,,\n"
                             "benl@x.org,,2.5\n");
    free(out);
    c.grades.grades[1].ident[RECITE_ROSTER_EMAIL] = NULL;
    /* Refusals, each located. */
    const char *const bad[][2] = {
        {"Email address,Quiz 2\n", "e.csv:1: no column 'Quiz 1' in the header"},
        {"Email address,Quiz 1 (1),Quiz 1 (2)\n", "e.csv:1: more than one column 'Quiz 1'"},
        {"Name,Quiz 1\nann,1\n", "e.csv:1: no column to find students by"},
        {"Email address,ID number,Quiz 1\nann@x.org,11,\ncat@x.org,11,\n",
         "e.csv:3: the row names two roster students, 'ann' and 'cat'"},
        {"Email address,Quiz 1\nann@x.org,\n\"cat@x.org,1\n",
         "e.csv:3: quoted field is never closed"},
        {"Email address,Quiz 1\nann@x.org,\ncat@x.org,\n",
         "r.tsv:3: student 'ben' has no row in 'e.csv'"},
        {"Email address,Quiz 1\nann@x.org,\nann@x.org,\n",
         "e.csv:3: student 'ann' already has the row of line 2"},
        {"Email address,Quiz 1\nann\"@x.org,\n", "e.csv:2: a quote inside an unquoted field"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_null(fill(&c, bad[i][0], &err));
        if (!strstr(err.msg, bad[i][1]))
            fail_msg("export %zu: '%s' lacks '%s'", i, err.msg, bad[i][1]);
    }
    class_release(&c);
}

static void test_grades_roster_identities(void **state)
{
    (void)state;
    struct recite_keyset roster;
    struct recite_grades grades;
    struct recite_error err = {0};
    struct recite_grades_options opts = RECITE_GRADES_OPTIONS_INIT;
    opts.roster = &roster;
    opts.roster_path = "r.tsv";
    const char twice[] = "ann\t" KEY "\temail=a@x\nbob\t" KEY "\temail=A@x\n";
    assert_int_equal(recite_roster_parse(&roster, twice, strlen(twice), "r.tsv", NULL), 0);
    assert_int_equal(recite_grades_compute(&grades, NULL, NULL, 0, &opts, &err), RECITE_EDATA);
    assert_string_equal(err.msg, "r.tsv:2: email 'A@x' is also 'ann''s (line 1)");
    recite_keyset_release(&roster);
    /* One student on two lines (two keys) keeps one identity. */
    const char differ[] = "ann\t" KEY "\temail=a@x\nann\t" KEY "\temail=b@x\n";
    assert_int_equal(recite_roster_parse(&roster, differ, strlen(differ), "r.tsv", NULL), 0);
    assert_int_equal(recite_grades_compute(&grades, NULL, NULL, 0, &opts, &err), RECITE_EDATA);
    assert_string_equal(err.msg, "r.tsv:2: email of 'ann' differs from line 1");
    recite_keyset_release(&roster);
    const char same[] = "ann\t" KEY "\temail=a@x\nann\t" KEY "\tidnumber=1\n";
    assert_int_equal(recite_roster_parse(&roster, same, strlen(same), "r.tsv", NULL), 0);
    assert_int_equal(recite_grades_compute(&grades, NULL, NULL, 0, &opts, &err), 0);
    assert_int_equal(grades.count, 1);
    assert_string_equal(grades.grades[0].ident[RECITE_ROSTER_IDNUMBER], "1");
    assert_string_equal(grades.grades[0].feedback, "no score file");
    recite_grades_release(&grades);
    recite_keyset_release(&roster);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grades_compute),
        cmocka_unit_test(test_grades_fill),
        cmocka_unit_test(test_grades_roster_identities),
    };
    return cmocka_run_group_tests_name("grades", tests, NULL, NULL);
}
