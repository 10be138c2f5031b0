/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite score grades: a gradebook from a class's score files, one row per
 * roster student, in a format an LMS imports or filled into a gradebook
 * exported from it. Nothing is written unless all of it can be: the output
 * is built in memory and written whole by recite_file_write() (files.h).
 */
#include <stdlib.h>
#include <string.h>

#include "score_files.h"

/* The choices of the command line, checked. */
struct grades_plan {
    enum recite_grades_format format;
    struct recite_grades_options opts;
};

static int plan(struct grades_plan *p, const struct cli_score_args *args, int argc)
{
    *p = (struct grades_plan){RECITE_GRADES_CSV, RECITE_GRADES_OPTIONS_INIT};
    if (args->format && !recite_grades_format_parse(&p->format, args->format))
        return cli_usage_error("score", "grades: --format is csv, json, moodle or canvas");
    if (args->scale && !recite_grade_scale_parse(&p->opts.scale, args->scale))
        return cli_usage_error("score", "grades: --scale is points or percent");
    if (argc == 0)
        return cli_usage_error("score", "grades: name the score files");
    if (!args->roster || args->pubkey)
        return cli_usage_error("score", "grades needs --roster FILE (and no --pubkey)");
    if (args->into && (!args->column || args->format))
        return cli_usage_error("score", "grades: --into needs --column NAME and takes no --format");
    if (args->column && !*args->column)
        return cli_usage_error("score", "grades: --column wants a name");
    p->opts.rule = args->attempts ? args->attempts : RECITE_ATTEMPTS_BEST;
    p->opts.roster_path = args->roster;
    if (args->column)
        p->opts.column = args->column;
    return 0;
}

/* What a gradebook without a feedback column cannot say goes to stderr. */
static void report(const struct recite_grades *g, bool feedback_cells, size_t files)
{
    size_t graded = 0, valid = 0;
    for (size_t k = 0; k < g->count; k++) {
        graded += g->grades[k].graded;
        if (!feedback_cells && *g->grades[k].feedback) {
            char *student = cli_sanitize(g->grades[k].student, strlen(g->grades[k].student), false);
            fprintf(stderr, "recite: %s: %s\n", student ? student : "?", g->grades[k].feedback);
            free(student);
        }
    }
    for (size_t i = 0; i < files; i++)
        valid += g->results[i].fault == RECITE_FAULT_NONE;
    for (size_t k = 0; k < g->unattributed_count; k++) {
        const struct recite_score_result *r = &g->results[g->unattributed[k]];
        cli_warn("'%s' is no roster student's: %s: %s", g->names[g->unattributed[k]],
                 recite_fault_name(r->fault), r->detail);
    }
    fprintf(stderr, "recite: %zu students, %zu with a grade, %zu without; %zu of %zu files valid\n",
            g->count, graded, g->count - graded, valid, files);
}

/* The gradebook text: written in a format, or the --into export filled. */
static int build(char **out, size_t *len, const struct recite_grades *g,
                 const struct grades_plan *p, const char *export_text, size_t export_len,
                 const struct cli_score_args *args)
{
    struct recite_error err = {0};
    size_t filled = 0;
    int rc = args->into ? recite_grades_fill(out, len, &filled, g, export_text, export_len,
                                             args->into, &p->opts, &err)
                        : recite_grades_write(out, len, g, p->format, &p->opts, &err);
    if (rc < 0)
        return cli_report(&err);
    if (args->into)
        fprintf(stderr, "recite: filled column '%s' on %zu rows of '%s'\n", p->opts.column, filled,
                args->into);
    return 0;
}

static int emit(const char *text, size_t len, const char *output)
{
    struct recite_error err = {0};
    if (output)
        return recite_file_write(output, text, len, &err) < 0 ? cli_report(&err) : 0;
    if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
        cli_error("cannot write the gradebook to standard output");
        return CLI_EXIT_IOERR;
    }
    return 0;
}

static int grade_files(const struct grades_plan *p, const struct cli_file_list *files,
                       const struct recite_keyset *keys, const char *bank_hash,
                       const char *export_text, size_t export_len,
                       const struct cli_score_args *args)
{
    struct recite_score_result *results = NULL;
    int status = cli_score_verify_files(&results, files, keys, bank_hash);
    if (status != 0)
        return status;
    struct grades_plan local = *p;
    local.opts.roster = keys;
    struct recite_grades grades;
    struct recite_error err = {0};
    char *text = NULL;
    size_t len = 0;
    if (recite_grades_compute(&grades, results, (const char *const *)files->shown, files->count,
                              &local.opts, &err) < 0) {
        status = cli_report(&err);
    } else {
        status = build(&text, &len, &grades, &local, export_text, export_len, args);
        if (status == 0)
            status = emit(text, len, args->output);
        if (status == 0)
            report(&grades, !args->into && p->format != RECITE_GRADES_CANVAS, files->count);
        recite_grades_release(&grades);
    }
    free(text);
    for (size_t i = 0; i < files->count; i++)
        recite_score_result_release(&results[i]);
    free(results);
    return status;
}

/*
 * recite score grades FILE|DIR... --roster FILE [--format csv|json|moodle|canvas]
 *     [--scale points|percent] [--attempts best|latest|first] [--bank FILE]
 *     [--into EXPORT.csv --column NAME] [-o FILE]
 */
int cli_score_grades(const struct cli_score_args *args, int argc, char **argv)
{
    struct grades_plan p;
    int status = plan(&p, args, argc);
    if (status != 0)
        return status;
    char *export_text = NULL;
    size_t export_len = 0;
    struct recite_error err = {0};
    /* The export first: a mistyped name should not cost a class's verification. */
    if (args->into && recite_file_read(&export_text, &export_len, args->into, 64u << 20, &err) < 0)
        return cli_report(&err);
    char bank_hash[96];
    struct recite_keyset keys = RECITE_KEYSET_INIT;
    struct cli_file_list files = {0};
    status = cli_score_prepare(&keys, &files, bank_hash, sizeof(bank_hash), args, argc, argv);
    if (status == 0)
        status = grade_files(&p, &files, &keys, args->bank ? bank_hash : NULL, export_text,
                             export_len, args);
    cli_file_list_release(&files);
    recite_keyset_release(&keys);
    free(export_text);
    return status;
}
