/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The FSRS-6 memory model as fsrs-rs's optimizer runs it (whole days, its
 * clamps), with optional forward-mode derivatives with respect to all 21
 * weights. Private to fsrs_eval.c and fsrs_fit.c.
 */
#ifndef RECITE_FSRS_MODEL_H
#define RECITE_FSRS_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "recite/fit.h"
#include "recite/sched.h"

#define FSRS_N 21
#define FSRS_S_MIN 0.001
#define FSRS_S_MAX 36500.0
#define FSRS_D_MIN 1.0
#define FSRS_D_MAX 10.0
#define FSRS_INIT_S_MAX 100.0

/* Weights plus the values every step needs. */
struct fsrs_model {
    double w[FSRS_N];
    double decay;          /* -w[20] */
    double factor;         /* 0.9^(1/decay) - 1 */
    double dfactor_ddecay; /* d factor / d decay */
    double exp_w8;
    double failure_divisor; /* exp(w17 * w18) */
    double easy_d;          /* initial difficulty of an Easy first answer */
};

/* A memory state and, when derivatives are wanted, its gradient. */
struct fsrs_state {
    double s, d;
    double ds[FSRS_N]; /* d s / d w */
    double dd[FSRS_N]; /* d d / d w */
};

void fsrs_model_init(struct fsrs_model *m, const double w[FSRS_N]);

/* The state after a first review rated rating (1..4). */
void fsrs_state_first(const struct fsrs_model *m, struct fsrs_state *st, uint32_t rating,
                      bool grad);

/* Applies a later review delta_t days after the previous one. */
void fsrs_state_step(const struct fsrs_model *m, struct fsrs_state *st, double delta_t,
                     uint32_t rating, bool grad);

/*
 * Retrievability t days after state st; with dr non-NULL, also its gradient
 * with respect to the weights.
 */
double fsrs_recall(const struct fsrs_model *m, const struct fsrs_state *st, double t, double *dr);

/* What the backward pass needs of one forward step. */
struct fsrs_step_cache {
    double s, d, r, t; /* state before the step (clamped), recall, days */
    double raw;        /* short-term multiplier, lapse stability or success increment */
    double aux;        /* failure: its floor; success: exp(w8) (11 - d) s^-w9 */
    double log_base;   /* log of the forgetting curve's base at t */
    double log_s;      /* log s (failure: log(s + 1)) */
    double ex;         /* success: exp((1 - r) w10); failure: raw / ((s + 1)^w13 - 1) */
    uint32_t rating;
    uint8_t branch;  /* 0 same day, 1 lapse, 2 success */
    bool raw_active; /* same day: multiplier above its floor; lapse: raw below floor */
    bool s_active;   /* new stability inside its clamp */
    bool d_active;   /* new difficulty inside its clamp */
};

/*
 * The weighted log loss of predicting item's last review from the ones
 * before, as fsrs-rs trains on it (recall clamped to [1e-7, 1 - 1e-7]),
 * adding its gradient to grad by a backward pass (reverse mode). cache
 * holds at least item->count entries.
 */
double fsrs_item_loss_grad(const struct fsrs_model *m, const struct recite_fsrs_item *item,
                           double weight, double *grad, struct fsrs_step_cache *cache);

/*
 * Clamps weights to fsrs-rs's ranges (one relearning step); w19's floor is
 * 0.01 with short_term, else 0.
 */
void fsrs_clip(double w[FSRS_N], bool short_term);

/* Items with exactly one review on a later day (the first-interval items). */
size_t fsrs_long_term_count(const struct recite_fsrs_item *item);

/* The delta_t of the first review on a later day (0 when none). */
uint32_t fsrs_first_long_term_delta(const struct recite_fsrs_item *item);

/*
 * fsrs-rs's outlier analysis over the first-interval items cand[0..n): kept
 * receives (caller frees) the kept candidates in fsrs-rs's order; removed
 * marks (rating, delta_t) pairs whose later items are dropped as well.
 */
struct fsrs_removed {
    uint32_t *delta[5]; /* sorted removed delta_t per first rating */
    size_t count[5];
};
int fsrs_outliers(size_t **out_kept, size_t *out_kept_count, struct fsrs_removed *removed,
                  const struct recite_fsrs_items *items, const size_t *cand, size_t n);
bool fsrs_survives(const struct fsrs_removed *removed, const struct recite_fsrs_item *item);
void fsrs_removed_release(struct fsrs_removed *removed);

/* fsrs-rs's recency weight of item i of n. */
double fsrs_recency_weight(size_t i, size_t n);

#endif
