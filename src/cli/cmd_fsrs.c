/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite fsrs fit|eval: fits the FSRS-6 parameters to the student's own
 * reviews (or to a CSV review log) and reports how well parameters predict
 * them. The core computes; this file reads options, shows progress and
 * prints. With --save the fitted parameters replace only the weights of the
 * stored scheduler parameters; retention, steps and limits stay.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "cmds.h"
#include "session.h"

struct fsrs_args {
    bool fit, save, json;
    const char *bank, *csv;
    int day_start_hour; /* -1: the setting */
};

/* What a run works on and what it found. */
struct fsrs_run {
    struct recite_revlog log;
    struct recite_fsrs_items items;
    struct recite_sched_params params; /* stored for the bank: the start */
    struct recite_fsrs_metrics start, fitted;
    double w[21];
    enum recite_fsrs_fit_kind kind;
    bool progress_shown;
    int percent_shown;
};

static bool show_progress(void *ctx, size_t done, size_t total)
{
    struct fsrs_run *run = ctx;
    int percent = (int)(total ? done * 100 / total : 100);
    if (run->progress_shown && percent == run->percent_shown)
        return true;
    fprintf(stderr, "\rfitting: %3d%%", percent);
    fflush(stderr);
    run->progress_shown = true;
    run->percent_shown = percent;
    return true;
}

static int load(struct fsrs_run *run, struct recite_store *st, const struct fsrs_args *a,
                struct recite_error *err)
{
    int rc = recite_store_sched_params_get(st, a->bank, &run->params, err);
    if (rc == 0)
        rc = a->csv ? recite_revlog_read_csv(&run->log, a->csv, err)
                    : recite_store_revlog_read(st, a->bank, &run->log, err);
    if (rc == 0)
        rc = recite_fsrs_items_build(&run->items, &run->log, a->day_start_hour, err);
    if (rc == 0 && run->items.count == 0)
        rc = recite_error_set(err, RECITE_ENOTFOUND,
                              "no review on a later day than the card's previous one in %s: "
                              "nothing to learn from yet",
                              a->csv ? a->csv : "the review log");
    if (rc == 0)
        rc = recite_fsrs_evaluate(&run->start, run->params.w, &run->items, err);
    return rc;
}

static int fit(struct fsrs_run *run, struct recite_error *err)
{
    struct recite_fsrs_fit_options opts = RECITE_FSRS_FIT_OPTIONS_INIT;
    /* progress only on a terminal and only for fits long enough to wait for */
    if (isatty(STDERR_FILENO) && run->items.count > 20000) {
        opts.progress = show_progress;
        opts.progress_ctx = run;
    }
    int rc = recite_fsrs_fit(run->w, &run->kind, &run->items, &opts, err);
    if (run->progress_shown)
        fputs("\r             \r", stderr);
    if (rc == 0)
        rc = recite_fsrs_evaluate(&run->fitted, run->w, &run->items, err);
    return rc;
}

/* The weights as a JSON array: four decimals to read, full precision for --json. */
static void print_weights(const double *w, bool full)
{
    putchar('[');
    for (int i = 0; i < 21; i++)
        printf(full ? "%s%.9g" : "%s%.4f", i ? ", " : "", w[i]);
    putchar(']');
}

static const char *const kind_names[] = {"defaults", "initial stabilities", "full"};

static void print_json(const struct fsrs_run *run, const struct fsrs_args *a)
{
    const double *w = a->fit ? run->w : run->params.w;
    const struct recite_fsrs_metrics *m = a->fit ? &run->fitted : &run->start;
    printf("{\"parameters\": ");
    print_weights(w, true);
    printf(", \"log_loss\": %.6f, \"rmse_bins\": %.6f", m->log_loss, m->rmse_bins);
    if (a->fit) {
        printf(", \"start_parameters\": ");
        print_weights(run->params.w, true);
        printf(", \"start_log_loss\": %.6f, \"start_rmse_bins\": %.6f, \"method\": \"%s\", "
               "\"saved\": %s",
               run->start.log_loss, run->start.rmse_bins, kind_names[run->kind],
               a->save ? "true" : "false");
    }
    printf(", \"reviews\": %zu, \"items\": %zu}\n", run->log.count, m->count);
}

static void print_text(const struct fsrs_run *run, const struct fsrs_args *a)
{
    const char *scope = a->bank ? a->bank : "every bank";
    printf("%zu reviews (%s), %zu predictions evaluated\n", run->log.count, a->csv ? a->csv : scope,
           run->start.count);
    printf("%-22s %9s %11s\n", "", "log loss", "RMSE(bins)");
    printf("%-22s %9.4f %11.4f\n", a->fit ? "parameters in use" : "parameters", run->start.log_loss,
           run->start.rmse_bins);
    if (a->fit) {
        printf("%-22s %9.4f %11.4f\n", "fitted", run->fitted.log_loss, run->fitted.rmse_bins);
        if (run->kind != RECITE_FIT_FULL)
            printf("(too few reviews for a full fit: %s)\n",
                   run->kind == RECITE_FIT_DEFAULTS ? "the defaults"
                                                    : "only the initial stabilities fitted");
    }
    printf("parameters: ");
    print_weights(a->fit ? run->w : run->params.w, false);
    putchar('\n');
    if (a->save)
        printf("saved as the scheduler parameters of %s\n", scope);
    else if (a->fit)
        printf("run again with --save to review with them\n");
}

static int save(struct fsrs_run *run, struct recite_store *st, const char *bank,
                struct recite_error *err)
{
    memcpy(run->params.w, run->w, sizeof run->w);
    recite_sched_params_normalize(&run->params);
    return recite_store_sched_params_set(st, bank, &run->params, err);
}

/* Keeps the calibration of the parameters now in use for recite stats. */
static int keep_calibration(const struct fsrs_run *run, struct recite_store *st,
                            const struct fsrs_args *a, struct recite_error *err)
{
    int64_t now = 0;
    int rc = recite_now_ms(&now, err);
    if (rc == 0 && a->save)
        rc = recite_fsrs_calibration_save(st, a->bank, &run->fitted, run->params.w, now, err);
    else if (rc == 0)
        rc = recite_fsrs_calibration_save(st, a->bank, &run->start, run->params.w, now, err);
    return rc;
}

static int run_fsrs(struct fsrs_args *a)
{
    struct recite_store *st = NULL;
    int status = cli_open_bank_store(&st, a->bank, &a->day_start_hour);
    if (status != 0)
        return status;
    struct fsrs_run run;
    memset(&run, 0, sizeof run);
    recite_revlog_init(&run.log);
    struct recite_error err = {0};
    int rc = 0;
    if ((rc = load(&run, st, a, &err)) < 0 || (a->fit && (rc = fit(&run, &err)) < 0))
        goto out;
    if (a->save && (rc = save(&run, st, a->bank, &err)) < 0)
        goto out;
    if (!a->csv && (rc = keep_calibration(&run, st, a, &err)) < 0)
        goto out;
    if (a->json)
        print_json(&run, a);
    else
        print_text(&run, a);
out:
    if (rc < 0)
        status = cli_report(&err);
    recite_fsrs_items_release(&run.items);
    recite_revlog_release(&run.log);
    recite_store_close(st);
    return status;
}

static int fsrs_fit(const struct cli_call *call)
{
    struct fsrs_args *a = call->ctx;
    a->fit = true;
    a->bank = call->argc > 0 ? call->argv[0] : NULL;
    return run_fsrs(a);
}

static int fsrs_eval(const struct cli_call *call)
{
    struct fsrs_args *a = call->ctx;
    if (a->save)
        return cli_usage_error("fsrs", "--save goes with 'fit'");
    a->bank = call->argc > 0 ? call->argv[0] : NULL;
    return run_fsrs(a);
}

static const struct cli_action actions[] = {
    {"fit", fsrs_fit, 0, 1, NULL, false, NULL},
    {"eval", fsrs_eval, 0, 1, NULL, false, NULL},
    {0},
};

static const struct cli_parser parser = {
    .command = "fsrs",
    .synopsis = "recite fsrs fit [BANK] [--save] [--json] [--from-csv FILE] [--day-start H]\n"
                "recite fsrs eval [BANK] [--json] [--from-csv FILE] [--day-start H]",
    .summary = "fit finds the FSRS-6 parameters that best predict your own reviews (of\n"
               "BANK, or of every bank), the way Anki's optimizer does, and shows their\n"
               "log loss and RMSE(bins) beside those of the parameters in use; --save\n"
               "makes review use them. eval shows the two figures for the parameters in\n"
               "use. Lower is better for both.",
    .actions = actions,
};

/* recite fsrs fit|eval [BANK] [--save] [--json] [--from-csv FILE] [--day-start H] */
int cmd_fsrs(int argc, char **argv)
{
    struct fsrs_args a = {false, false, false, NULL, NULL, -1};
    const struct cli_option options[] = {
        CLI_OPT_SWITCH_ROW("save", 0, &a.save,
                           "review BANK (or every bank) with the fitted parameters"),
        CLI_OPT_SWITCH_ROW("json", 0, &a.json, "print the result as JSON"),
        CLI_OPT_STRING_ROW(
            "from-csv", 0, &a.csv, "FILE",
            "use the CSV review log FILE (fsrs-rs's format) instead of the database"),
        CLI_OPT_DAY_START_ROW(&a.day_start_hour),
        CLI_OPT_END_ROW,
    };
    return cli_run(&parser, options, &a, argc, argv);
}
