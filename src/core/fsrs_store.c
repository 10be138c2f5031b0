/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Calibration of the stored scheduler parameters on the student's own
 * review log: what `recite fsrs eval` and `recite stats` report.
 */
#include "recite.h"

int recite_fsrs_calibration(struct recite_fsrs_metrics *out, struct recite_store *st,
                            const char *bank_slug, int day_start_hour, struct recite_error *err)
{
    struct recite_revlog log;
    struct recite_fsrs_items items = {0};
    struct recite_sched_params params;
    recite_revlog_init(&log);
    int rc = recite_store_sched_params_get(st, bank_slug, &params, err);
    if (rc == 0)
        rc = recite_store_revlog_read(st, bank_slug, &log, err);
    if (rc == 0)
        rc = recite_fsrs_items_build(&items, &log, day_start_hour, err);
    if (rc == 0 && items.count == 0)
        rc = recite_error_set(err, RECITE_ENOTFOUND, "no review on a later day to evaluate on");
    if (rc == 0)
        rc = recite_fsrs_evaluate(out, params.w, &items, err);
    recite_fsrs_items_release(&items);
    recite_revlog_release(&log);
    return rc;
}
