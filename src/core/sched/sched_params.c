/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Scheduler parameters: defaults, ts-fsrs's weight clamping, and the JSON
 * form kept in the database. Whatever the source, parameters pass through
 * recite_sched_params_normalize() before the scheduler sees them.
 */
#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "sched_internal.h"

static const double default_w[RECITE_SCHED_WEIGHTS] = {
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

/* ts-fsrs CLAMP_PARAMETERS; w17/w18 ceilings and the w19 floor are adjusted in normalize. */
static const double clip_lo[RECITE_SCHED_WEIGHTS] = {
    0.001, 0.001, 0.001, 0.001, 1.0, 0.001, 0.001, 0.001, 0.0,  0.0, 0.001,
    0.001, 0.001, 0.001, 0.0,   0.0, 1.0,   0.0,   0.0,   0.01, 0.1,
};
static const double clip_hi[RECITE_SCHED_WEIGHTS] = {
    100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
    5.0,   0.25,  0.9,   4.0,   1.0,  6.0, 2.0, 2.0,  0.8, 0.8,
};

#define DEFAULT_RETENTION 0.9
#define DEFAULT_MAXIMUM_INTERVAL 36500
#define MAX_STEP_MINUTES (INT64_C(1440) * RECITE_SCHED_MAX_INTERVAL)

void recite_sched_params_default(struct recite_sched_params *out)
{
    memset(out, 0, sizeof(*out));
    out->algorithm = RECITE_ALGO_FSRS;
    memcpy(out->w, default_w, sizeof(default_w));
    out->request_retention = DEFAULT_RETENTION;
    out->maximum_interval = DEFAULT_MAXIMUM_INTERVAL;
    out->enable_fuzz = false;
    out->enable_short_term = true;
    out->learning_steps[0] = 1;
    out->learning_steps[1] = 10;
    out->learning_step_count = 2;
    out->relearning_steps[0] = 10;
    out->relearning_step_count = 1;
}

static double clampd(double x, double lo, double hi)
{
    return fmin(fmax(x, lo), hi);
}

/* ts-fsrs reads a weight as `w[i] || 0`. */
static double weight_or_zero(double x)
{
    return isnan(x) ? 0 : x;
}

/*
 * With several relearning steps, w17 * w18 is bounded so that the
 * post-lapse stability cannot grow over the steps (ts-fsrs clipParameters).
 */
static double short_term_ceiling(const double *w, size_t relearning_steps)
{
    double w11 = clampd(weight_or_zero(w[11]), clip_lo[11], clip_hi[11]);
    double w13 = clampd(weight_or_zero(w[13]), clip_lo[13], clip_hi[13]);
    double w14 = clampd(weight_or_zero(w[14]), clip_lo[14], clip_hi[14]);
    double value = -(log(w11) + log(pow(2.0, w13) - 1.0) + w14 * 0.3) / (double)relearning_steps;
    return clampd(recite_sched_r8(sqrt(fmax(value, 0))), 0.01, 2.0);
}

void recite_sched_params_normalize(struct recite_sched_params *params)
{
    double lo[RECITE_SCHED_WEIGHTS], hi[RECITE_SCHED_WEIGHTS];
    memcpy(lo, clip_lo, sizeof(lo));
    memcpy(hi, clip_hi, sizeof(hi));
    if (!params->enable_short_term)
        lo[19] = 0.0;
    if (params->relearning_step_count > 1)
        hi[17] = hi[18] = short_term_ceiling(params->w, params->relearning_step_count);
    for (int i = 0; i < RECITE_SCHED_WEIGHTS; i++)
        params->w[i] = clampd(weight_or_zero(params->w[i]), lo[i], hi[i]);
    if (!(params->request_retention > 0 && params->request_retention <= 1))
        params->request_retention = DEFAULT_RETENTION;
    if (params->maximum_interval <= 0 || params->maximum_interval > RECITE_SCHED_MAX_INTERVAL)
        params->maximum_interval = DEFAULT_MAXIMUM_INTERVAL;
    if (params->learning_step_count > RECITE_SCHED_MAX_STEPS)
        params->learning_step_count = RECITE_SCHED_MAX_STEPS;
    if (params->relearning_step_count > RECITE_SCHED_MAX_STEPS)
        params->relearning_step_count = RECITE_SCHED_MAX_STEPS;
    if (params->algorithm != RECITE_ALGO_SM2)
        params->algorithm = RECITE_ALGO_FSRS;
}

/*
 * ts-fsrs reads the number with parseInt(text minus unit, 10): leading
 * blanks and a sign are allowed and reading stops at the first non-digit,
 * so "1.5m" is one minute. Negative values and other units are refused.
 */
int recite_sched_step_parse(int64_t *out_minutes, const char *text)
{
    size_t len = strlen(text);
    if (len < 2)
        return RECITE_EDATA;
    char unit = text[len - 1];
    int64_t scale = unit == 'm' ? 1 : unit == 'h' ? 60 : unit == 'd' ? 1440 : 0;
    const char *p = text;
    while (p < text + len - 1 && isspace((unsigned char)*p))
        p++;
    bool negative = (*p == '-');
    if (*p == '+' || *p == '-')
        p++;
    if (scale == 0 || !isdigit((unsigned char)*p))
        return RECITE_EDATA;
    int64_t value = 0;
    for (; p < text + len - 1 && isdigit((unsigned char)*p); p++) {
        value = value * 10 + (*p - '0');
        if (value * scale > MAX_STEP_MINUTES)
            return RECITE_EDATA;
    }
    if (negative && value != 0)
        return RECITE_EDATA;
    *out_minutes = value * scale;
    return 0;
}

static int steps_from_json(int64_t *steps, size_t *count, const json_t *array, const char *name,
                           struct recite_error *err)
{
    if (!json_is_array(array))
        return recite_error_set(err, RECITE_EDATA, "'%s' is not a list of steps", name);
    if (json_array_size(array) > RECITE_SCHED_MAX_STEPS)
        return recite_error_set(err, RECITE_EDATA, "'%s' has more than %d steps", name,
                                RECITE_SCHED_MAX_STEPS);
    size_t i;
    json_t *item;
    json_array_foreach(array, i, item)
    {
        const char *text = json_string_value(item);
        if (!text || recite_sched_step_parse(&steps[i], text) < 0)
            return recite_error_set(err, RECITE_EDATA, "bad step in '%s' (want e.g. \"10m\")",
                                    name);
    }
    *count = json_array_size(array);
    return 0;
}

/* 21 weights as they are; 19 (FSRS-5) and 17 (FSRS-4.5) migrated as ts-fsrs does. */
static int weights_from_json(double *w, const json_t *array, struct recite_error *err)
{
    size_t n = json_array_size(array);
    if (!json_is_array(array))
        return recite_error_set(err, RECITE_EDATA, "'w' is not a list of numbers");
    if (n != 17 && n != 19 && n != 21)
        return 0; /* ts-fsrs falls back to the defaults */
    for (size_t i = 0; i < n; i++) {
        const json_t *item = json_array_get(array, i);
        if (!json_is_number(item))
            return recite_error_set(err, RECITE_EDATA, "weight %zu is not a number", i);
        w[i] = json_number_value(item);
    }
    for (size_t i = n; i < RECITE_SCHED_WEIGHTS; i++)
        w[i] = 0.0;
    if (n < 21)
        w[20] = 0.5;
    if (n == 17) {
        double w4 = clampd(w[4], clip_lo[4], clip_hi[4]);
        double w5 = clampd(w[5], clip_lo[5], clip_hi[5]);
        double w6 = clampd(w[6], clip_lo[6], clip_hi[6]);
        w[4] = recite_sched_r8(w5 * 2.0 + w4);
        w[5] = recite_sched_r8(log(w5 * 3.0 + 1.0) / 3.0);
        w[6] = recite_sched_r8(w6 + 0.5);
    }
    return 0;
}

static int number_field(double *out, const json_t *root, const char *name, bool *present,
                        struct recite_error *err)
{
    const json_t *value = json_object_get(root, name);
    *present = (value != NULL);
    if (!value)
        return 0;
    if (!json_is_number(value))
        return recite_error_set(err, RECITE_EDATA, "'%s' is not a number", name);
    *out = json_number_value(value);
    return 0;
}

static int bool_field(bool *out, const json_t *root, const char *name, struct recite_error *err)
{
    const json_t *value = json_object_get(root, name);
    if (!value)
        return 0;
    if (!json_is_boolean(value))
        return recite_error_set(err, RECITE_EDATA, "'%s' is not true or false", name);
    *out = json_is_true(value);
    return 0;
}

static int algorithm_from_json(enum recite_algorithm *out, const json_t *root,
                               struct recite_error *err)
{
    const json_t *value = json_object_get(root, "algorithm");
    if (!value)
        return 0;
    const char *name = json_string_value(value);
    if (name && strcmp(name, "fsrs") == 0)
        *out = RECITE_ALGO_FSRS;
    else if (name && strcmp(name, "sm2") == 0)
        *out = RECITE_ALGO_SM2;
    else
        return recite_error_set(err, RECITE_EDATA, "'algorithm' is not \"fsrs\" or \"sm2\"");
    return 0;
}

static int limits_from_json(struct recite_sched_params *out, const json_t *root,
                            struct recite_error *err)
{
    bool present;
    double retention = 0;
    double maximum = 0;
    int rc = number_field(&retention, root, "request_retention", &present, err);
    if (rc < 0)
        return rc;
    /* As in ts-fsrs, 0 means the default; anything else must be in (0, 1]. */
    if (present && retention != 0 && !(retention > 0 && retention <= 1))
        return recite_error_set(err, RECITE_EDATA, "'request_retention' is not in (0, 1]");
    if (present && retention != 0)
        out->request_retention = retention;
    if ((rc = number_field(&maximum, root, "maximum_interval", &present, err)) < 0)
        return rc;
    if (present && maximum != 0 &&
        !(maximum >= 1 && maximum <= RECITE_SCHED_MAX_INTERVAL && maximum == floor(maximum)))
        return recite_error_set(err, RECITE_EDATA,
                                "'maximum_interval' is not a whole number of "
                                "days from 1 to %d",
                                RECITE_SCHED_MAX_INTERVAL);
    if (present && maximum != 0)
        out->maximum_interval = (int)maximum;
    const json_t *seed = json_object_get(root, "fuzz_seed");
    if (seed && !json_is_integer(seed))
        return recite_error_set(err, RECITE_EDATA, "'fuzz_seed' is not an integer");
    if (seed)
        out->fuzz_seed = (uint64_t)json_integer_value(seed);
    return 0;
}

static int params_from_root(struct recite_sched_params *out, const json_t *root,
                            struct recite_error *err)
{
    int rc;
    const json_t *steps;
    if (!json_is_object(root))
        return recite_error_set(err, RECITE_EDATA, "scheduler parameters are not a JSON object");
    if ((rc = algorithm_from_json(&out->algorithm, root, err)) < 0 ||
        (rc = limits_from_json(out, root, err)) < 0 ||
        (rc = bool_field(&out->enable_fuzz, root, "enable_fuzz", err)) < 0 ||
        (rc = bool_field(&out->enable_short_term, root, "enable_short_term", err)) < 0)
        return rc;
    if ((steps = json_object_get(root, "learning_steps")) &&
        (rc = steps_from_json(out->learning_steps, &out->learning_step_count, steps,
                              "learning_steps", err)) < 0)
        return rc;
    if ((steps = json_object_get(root, "relearning_steps")) &&
        (rc = steps_from_json(out->relearning_steps, &out->relearning_step_count, steps,
                              "relearning_steps", err)) < 0)
        return rc;
    const json_t *w = json_object_get(root, "w");
    if (w && (rc = weights_from_json(out->w, w, err)) < 0)
        return rc;
    return 0;
}

int recite_sched_params_from_json(struct recite_sched_params *out, const char *json,
                                  struct recite_error *err)
{
    json_error_t jerr;
    struct recite_sched_params params;
    recite_sched_params_default(&params);
    json_t *root = json_loads(json, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        return recite_error_set(err, RECITE_EDATA, "bad scheduler parameters: %s (line %d)",
                                jerr.text, jerr.line);
    int rc = params_from_root(&params, root, err);
    json_decref(root);
    if (rc < 0)
        return rc;
    recite_sched_params_normalize(&params);
    *out = params;
    return 0;
}

static json_t *steps_to_json(const int64_t *steps, size_t count)
{
    json_t *array = json_array();
    for (size_t i = 0; array && i < count; i++) {
        char text[32];
        int64_t m = steps[i];
        if (m > 0 && m % 1440 == 0)
            snprintf(text, sizeof(text), "%" PRId64 "d", m / 1440);
        else if (m > 0 && m % 60 == 0)
            snprintf(text, sizeof(text), "%" PRId64 "h", m / 60);
        else
            snprintf(text, sizeof(text), "%" PRId64 "m", m);
        if (json_array_append_new(array, json_string(text)) < 0) {
            json_decref(array);
            return NULL;
        }
    }
    return array;
}

static json_t *params_to_root(const struct recite_sched_params *params)
{
    json_t *w = json_array();
    for (int i = 0; w && i < RECITE_SCHED_WEIGHTS; i++)
        if (json_array_append_new(w, json_real(params->w[i])) < 0) {
            json_decref(w);
            w = NULL;
        }
    json_t *root = json_pack(
        "{s:s, s:f, s:i, s:o*, s:b, s:b, s:o*, s:o*}", "algorithm",
        params->algorithm == RECITE_ALGO_SM2 ? "sm2" : "fsrs", "request_retention",
        params->request_retention, "maximum_interval", params->maximum_interval, "w", w,
        "enable_fuzz", params->enable_fuzz, "enable_short_term", params->enable_short_term,
        "learning_steps", steps_to_json(params->learning_steps, params->learning_step_count),
        "relearning_steps", steps_to_json(params->relearning_steps, params->relearning_step_count));
    if (root && (!json_object_get(root, "w") || !json_object_get(root, "learning_steps") ||
                 !json_object_get(root, "relearning_steps"))) {
        json_decref(root);
        return NULL;
    }
    if (root && params->fuzz_seed != 0 &&
        json_object_set_new(root, "fuzz_seed", json_integer((json_int_t)params->fuzz_seed)) < 0) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/*
 * JSON_REAL_PRECISION for a document: 15 significant digits when every real
 * in it reads back exactly at 15 (weights, retention and 8-decimal
 * stabilities do), else 17, which always does.
 */
static bool reals_fit_15(json_t *value)
{
    char text[32];
    size_t i;
    const char *key;
    json_t *item;
    switch (json_typeof(value)) {
    case JSON_REAL:
        snprintf(text, sizeof(text), "%.15g", json_real_value(value));
        return strtod(text, NULL) == json_real_value(value);
    case JSON_ARRAY:
        json_array_foreach(value, i, item)
        {
            if (!reals_fit_15(item))
                return false;
        }
        return true;
    case JSON_OBJECT:
        json_object_foreach(value, key, item)
        {
            if (!reals_fit_15(item))
                return false;
        }
        return true;
    default:
        return true;
    }
}

char *recite_sched_params_to_json(const struct recite_sched_params *params)
{
    json_t *root = params_to_root(params);
    if (!root)
        return NULL;
    char *text = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                      JSON_REAL_PRECISION(reals_fit_15(root) ? 15 : 17));
    json_decref(root);
    return text;
}
