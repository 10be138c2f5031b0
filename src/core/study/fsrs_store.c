/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Calibration of the stored scheduler parameters on the student's own
 * review log: computed by `recite fsrs eval|fit`, and kept in the config
 * table ("fsrs.calibration[.<bank>]") with the weights it was computed for,
 * so `recite stats` can show it without replaying the whole log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "recite/common.h"
#include "recite/fit.h"
#include "recite/sched.h"
#include "recite/store.h"

static char *calibration_key(const char *bank_slug)
{
    size_t size = (bank_slug ? strlen(bank_slug) : 0) + sizeof("fsrs.calibration.");
    char *key = malloc(size);
    if (key)
        snprintf(key, size, bank_slug ? "fsrs.calibration.%s" : "fsrs.calibration",
                 bank_slug ? bank_slug : "");
    return key;
}

int recite_fsrs_calibration_save(struct recite_store *st, const char *bank_slug,
                                 const struct recite_fsrs_metrics *m, const double w[21],
                                 int64_t at_ms, struct recite_error *err)
{
    json_t *weights = json_array();
    for (int i = 0; weights && i < 21; i++)
        json_array_append_new(weights, json_real(w[i]));
    json_t *obj =
        json_pack("{s:f, s:f, s:I, s:I, s:o}", "log_loss", m->log_loss, "rmse_bins", m->rmse_bins,
                  "predictions", (json_int_t)m->count, "at", (json_int_t)at_ms, "w", weights);
    char *text = obj ? json_dumps(obj, JSON_COMPACT) : NULL;
    char *key = calibration_key(bank_slug);
    int rc = text && key ? recite_store_config_set(st, key, text, err)
                         : recite_error_set(err, RECITE_ENOMEM, "out of memory");
    free(key);
    free(text);
    json_decref(obj);
    return rc;
}

/* True when the stored weights are the ones in use now (to the printed precision). */
static bool same_weights(const json_t *stored, const double w[21])
{
    if (!json_is_array(stored) || json_array_size(stored) != 21)
        return false;
    for (size_t i = 0; i < 21; i++) {
        double v = json_number_value(json_array_get(stored, i));
        if (v - w[i] > 1e-9 || w[i] - v > 1e-9)
            return false;
    }
    return true;
}

int recite_fsrs_calibration_load(struct recite_fsrs_metrics *out, int64_t *out_at_ms,
                                 bool *out_found, struct recite_store *st, const char *bank_slug,
                                 struct recite_error *err)
{
    *out_found = false;
    struct recite_sched_params params;
    char *key = calibration_key(bank_slug), *text = NULL;
    if (!key)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    int rc = recite_store_sched_params_get(st, bank_slug, &params, err);
    if (rc == 0)
        rc = recite_store_config_get(st, key, &text, err);
    free(key);
    if (rc < 0 || !text)
        return rc;
    json_t *obj = json_loads(text, 0, NULL);
    free(text);
    json_t *ll = json_object_get(obj, "log_loss"), *rmse = json_object_get(obj, "rmse_bins");
    if (json_is_number(ll) && json_is_number(rmse) &&
        same_weights(json_object_get(obj, "w"), params.w)) {
        out->log_loss = json_number_value(ll);
        out->rmse_bins = json_number_value(rmse);
        out->count = (size_t)json_integer_value(json_object_get(obj, "predictions"));
        *out_at_ms = (int64_t)json_integer_value(json_object_get(obj, "at"));
        *out_found = true;
    }
    json_decref(obj);
    return 0;
}
