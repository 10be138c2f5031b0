/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Gradebooks from verified score files: one grade per roster student (also
 * those who handed in nothing), the attempt that counts under a rule, a
 * feedback text listing every fault, written as plain CSV, JSON, Moodle's
 * grade import CSV or Canvas's gradebook CSV, or filled into one column of a
 * gradebook exported from the LMS, every other byte of it kept. Specified in
 * docs/score-format.md. Included through recite.h.
 */
#ifndef RECITE_GRADES_H
#define RECITE_GRADES_H

#include "common.h"
#include "score.h"
#include "sign.h"

enum recite_grade_scale {
    RECITE_SCALE_POINTS = 0, /* the credit, out of the questions drawn */
    RECITE_SCALE_PERCENT,    /* 100 x credit / questions drawn */
};

enum recite_grades_format {
    RECITE_GRADES_CSV = 0, /* student,score,out_of,answered,attempt,attempts,file,feedback */
    RECITE_GRADES_JSON,    /* {"format": "recite-grades/1", ...} */
    RECITE_GRADES_MOODLE,  /* Username,ID number,Email address,COLUMN,Feedback: COLUMN */
    RECITE_GRADES_CANVAS, /* Student,ID,SIS User ID,SIS Login ID,Section,COLUMN + Points Possible */
};

/* "points"/"percent" and "csv"/"json"/"moodle"/"canvas"; false for anything else. */
bool recite_grade_scale_parse(enum recite_grade_scale *out, const char *name);
bool recite_grades_format_parse(enum recite_grades_format *out, const char *name);

struct recite_grades_options {
    const struct recite_keyset *roster; /* the roster the files were verified against */
    const char *roster_path;            /* its file name, for messages */
    enum recite_attempt_rule rule;      /* which attempt counts */
    enum recite_grade_scale scale;
    const char *column; /* the grade column's header */
};
#define RECITE_GRADES_OPTIONS_INIT                                                                 \
    {                                                                                              \
        NULL, "roster", RECITE_ATTEMPTS_BEST, RECITE_SCALE_POINTS, "recite"                        \
    }

/* One roster student's grade. */
struct recite_grade {
    const char *student; /* roster identifier; borrowed */
    size_t entry;        /* its first roster entry */
    const char *
        ident[RECITE_ROSTER_FIELD_COUNT]; /* its gradebook identities; borrowed, NULL when absent */
    bool graded;                          /* an attempt counts */
    size_t used;                          /* that attempt's result; valid when graded */
    double score, out_of;                 /* on the scale; valid when graded */
    size_t attempts;                      /* its files that could count */
    char *feedback;                       /* faults and notes, "; " between; owned */
};

struct recite_grades {
    struct recite_grade *grades; /* in roster order */
    size_t count;
    size_t *unattributed; /* results no roster student owns (unknown key, unreadable, ...) */
    size_t unattributed_count;
    const struct recite_score_result *results; /* borrowed from the caller */
    const char *const *names;                  /* the results' file names; borrowed */
};

/*
 * Grades every roster student from results (verified against opts->roster;
 * names[i] is results[i]'s file): picks the attempt that counts (setting
 * results[i].counts), scores it on opts->scale and lists each fault of the
 * student's files, and of files that name nobody, in feedback.
 * RECITE_EDATA, located at a roster line, when the roster gives one student
 * two different identities or two students the same one.
 * Release with recite_grades_release().
 */
int recite_grades_compute(struct recite_grades *out, struct recite_score_result *results,
                          const char *const *names, size_t count,
                          const struct recite_grades_options *opts, struct recite_error *err);
void recite_grades_release(struct recite_grades *grades);

/* The gradebook in format. Caller frees *out with free(). */
int recite_grades_write(char **out, size_t *out_len, const struct recite_grades *grades,
                        enum recite_grades_format format, const struct recite_grades_options *opts,
                        struct recite_error *err);

/*
 * A copy of the gradebook export text (named export_name in messages) with
 * column opts->column filled: the grade of the roster student each row
 * names through its ID, SIS User ID, SIS Login ID, Username, ID number or
 * Email address column, empty for a student without one. Every other byte,
 * rows of students not on the roster included, is kept. RECITE_EDATA,
 * located at a line, when the export is not CSV, lacks the column or an
 * identity column, a row names two roster students, two rows name one, or a
 * roster student has no row. *filled counts the rows written. Caller frees
 * *out with free().
 */
int recite_grades_fill(char **out, size_t *out_len, size_t *filled,
                       const struct recite_grades *grades, const char *text, size_t len,
                       const char *export_name, const struct recite_grades_options *opts,
                       struct recite_error *err);

#endif
