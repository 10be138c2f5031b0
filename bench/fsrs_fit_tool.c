/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fsrs-fit-tool: recite's FSRS evaluation and fitting on a CSV review log,
 * for the comparison with fsrs-rs (tests/cli/t0410, bench/fsrs-fit-bench.sh).
 *
 *   fsrs-fit-tool eval LOG.csv [W0,...,W20]   log loss and RMSE(bins), as JSON
 *   fsrs-fit-tool fit LOG.csv                 fitted weights, their metrics, time, peak memory
 *
 * Days start at 04:00 in the TZ of the environment.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "recite.h"

static int parse_weights(double w[21], const char *text)
{
    const char *p = text;
    for (int i = 0; i < 21; i++) {
        char *end;
        w[i] = strtod(p, &end);
        if (end == p || (i < 20 && *end != ','))
            return -1;
        p = end + 1;
    }
    return 0;
}

static double seconds(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void print_weights(const double w[21])
{
    printf("[");
    for (int i = 0; i < 21; i++)
        printf("%s%.6f", i ? "," : "", w[i]);
    printf("]");
}

int main(int argc, char **argv)
{
    struct recite_error err = {0};
    struct recite_revlog log;
    struct recite_fsrs_items items = {0};
    double w[21];
    memcpy(w, recite_fsrs_default_w, sizeof w);
    if (argc < 3 || (strcmp(argv[1], "eval") && strcmp(argv[1], "fit")) ||
        (argc == 4 && parse_weights(w, argv[3]) < 0) || argc > 4) {
        fprintf(stderr, "usage: fsrs-fit-tool eval|fit LOG.csv [W0,...,W20]\n");
        return 64;
    }
    recite_revlog_init(&log);
    int rc = recite_revlog_read_csv(&log, argv[2], &err);
    if (rc == 0)
        rc = recite_fsrs_items_build(&items, &log, 4, &err);
    struct recite_fsrs_metrics m;
    if (rc == 0 && strcmp(argv[1], "fit") == 0) {
        double t0 = seconds(CLOCK_MONOTONIC), c0 = seconds(CLOCK_PROCESS_CPUTIME_ID);
        enum recite_fsrs_fit_kind kind;
        rc = recite_fsrs_fit(w, &kind, &items, NULL, &err);
        double t1 = seconds(CLOCK_MONOTONIC), c1 = seconds(CLOCK_PROCESS_CPUTIME_ID);
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        if (rc == 0)
            rc = recite_fsrs_evaluate(&m, w, &items, &err);
        if (rc == 0) {
            printf("{\"parameters\":");
            print_weights(w);
            printf(",\"log_loss\":%.8f,\"rmse_bins\":%.8f,\"kind\":%d,\"seconds\":%.4f,"
                   "\"cpu_seconds\":%.4f,\"peak_kb\":%ld}\n",
                   m.log_loss, m.rmse_bins, (int)kind, t1 - t0, c1 - c0, ru.ru_maxrss);
        }
    } else if (rc == 0) {
        rc = recite_fsrs_evaluate(&m, w, &items, &err);
        if (rc == 0)
            printf("{\"items\":%zu,\"log_loss\":%.8f,\"rmse_bins\":%.8f}\n", m.count, m.log_loss,
                   m.rmse_bins);
    }
    recite_fsrs_items_release(&items);
    recite_revlog_release(&log);
    if (rc < 0) {
        fprintf(stderr, "fsrs-fit-tool: %s\n", err.msg);
        return rc == RECITE_EDATA ? 65 : 70;
    }
    return 0;
}
