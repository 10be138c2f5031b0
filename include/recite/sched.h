/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The scheduler: FSRS-6, numerically identical to ts-fsrs 5.4.2, and SM-2 as
 * an alternative. Pure functions of (card, parameters, rating, time): no I/O,
 * no clock reads; only the store functions at the end touch the database.
 * Included through recite.h.
 */
#ifndef RECITE_SCHED_H
#define RECITE_SCHED_H

#include "common.h"

enum recite_card_state {
    RECITE_STATE_NEW = 0,
    RECITE_STATE_LEARNING = 1,
    RECITE_STATE_REVIEW = 2,
    RECITE_STATE_RELEARNING = 3,
};

enum recite_rating {
    RECITE_AGAIN = 1,
    RECITE_HARD = 2,
    RECITE_GOOD = 3,
    RECITE_EASY = 4,
};

enum recite_algorithm {
    RECITE_ALGO_FSRS = 0,
    RECITE_ALGO_SM2 = 1,
};

/*
 * A card's scheduling state. FSRS uses every field as ts-fsrs does.
 *
 * SM-2 maps onto the same struct:
 *   difficulty     = the easiness factor in hundredths (250.0 at start, never
 *                    below 130.0; always an integral value; 0 on a new card
 *                    means 250)
 *   step           = n, the count of successful repetitions in a row
 *   scheduled_days = I, the current interval in days
 *   stability      = I as well, so retrievability gives an estimate
 *   state          = New before the first review; Learning while n == 0 and
 *                    the card never lapsed; Relearning while n == 0 after a
 *                    lapse; Review once n >= 1
 *   lapses         = Again answers given while n >= 1
 *   reps, due, elapsed_days, last_review as for FSRS.
 * Ratings map to SM-2 qualities Again 1, Hard 3, Good 4, Easy 5. The
 * same-session re-drill of SM-2 (answers below Good shown again until Good)
 * is the session's business: re-drill answers are not passed to
 * recite_sched_review().
 */
struct recite_sched_card {
    int64_t due;         /* Unix ms when the card is next due */
    double stability;    /* days for retrievability to fall to 90% */
    double difficulty;   /* 1..10 (FSRS), EF in hundredths (SM-2) */
    int elapsed_days;    /* UTC date changes since the previous review */
    int scheduled_days;  /* interval chosen by the last review, 0 in a step */
    int reps;            /* reviews so far */
    int lapses;          /* Again answers from Review */
    int step;            /* current (re)learning step index (SM-2: n) */
    int state;           /* enum recite_card_state */
    int64_t last_review; /* Unix ms of the last review; 0: never */
};

#define RECITE_SCHED_MAX_STEPS 16
#define RECITE_SCHED_WEIGHTS 21
#define RECITE_SCHED_MAX_INTERVAL 1000000 /* days; larger maximum intervals are refused */

/*
 * Scheduler parameters. Steps are in whole minutes, the unit ts-fsrs uses
 * ("1m" = 1, "2h" = 120, "1d" = 1440). recite_sched_params_default() fills
 * the spec's defaults; recite_sched_params_from_json() also clamps the
 * weights as ts-fsrs does.
 */
struct recite_sched_params {
    enum recite_algorithm algorithm;
    double w[RECITE_SCHED_WEIGHTS];                 /* FSRS-6 weights */
    double request_retention;                       /* desired retention, (0, 1] */
    int maximum_interval;                           /* days */
    bool enable_fuzz;                               /* spread intervals (section 11) */
    bool enable_short_term;                         /* steps and same-day stability */
    int64_t learning_steps[RECITE_SCHED_MAX_STEPS]; /* minutes */
    size_t learning_step_count;
    int64_t relearning_steps[RECITE_SCHED_MAX_STEPS]; /* minutes */
    size_t relearning_step_count;
    uint64_t fuzz_seed; /* mixed into the fuzz seed; 0 reproduces ts-fsrs */
};

/* Fills out with the defaults (FSRS, default weights, 0.9, 36500 days, 1m 10m / 10m). */
void recite_sched_params_default(struct recite_sched_params *out);

/*
 * Clamps the weights to ts-fsrs's ranges (which depend on enable_short_term
 * and the relearning steps) and replaces an out-of-range retention or maximum
 * interval with the default. from_json calls it; call it after setting
 * fields by hand.
 */
void recite_sched_params_normalize(struct recite_sched_params *params);

/* A fresh card created at now_ms: due now, everything else zero, state New. */
void recite_sched_card_new(struct recite_sched_card *out, int64_t now_ms);

/*
 * Applies one review with rating (1..4) at now_ms; *out may alias card.
 * Returns 0, or RECITE_EUSAGE (and leaves *out alone) for a bad rating, a
 * review dated before the card's last review on an earlier UTC date, a
 * memory state ts-fsrs rejects (D < 1 or S < 0.001 unless both are 0), an
 * unknown state, or parameters outside their ranges (call normalize first).
 * With enable_fuzz, the interval's draw is seeded like ts-fsrs's from
 * (now_ms, reps, D * S) and fuzz_seed, so the same review always gets the
 * same interval.
 */
int recite_sched_review(struct recite_sched_card *out, const struct recite_sched_params *params,
                        const struct recite_sched_card *card, int rating, int64_t now_ms);

/*
 * Probability of recall of card at now_ms, 0..1, as ts-fsrs's display helper
 * computes it (whole 24-hour periods since the last review); 0 for a new card.
 */
double recite_sched_retrievability(const struct recite_sched_params *params,
                                   const struct recite_sched_card *card, int64_t now_ms);

/*
 * Reads parameters from JSON text: an object with any of "algorithm" ("fsrs"
 * or "sm2"), "w" (21 numbers; 19 are extended as ts-fsrs does),
 * "request_retention", "maximum_interval", "enable_fuzz",
 * "enable_short_term", "learning_steps" and "relearning_steps" (arrays of
 * "<n>m", "<n>h" or "<n>d") and "fuzz_seed". Missing keys keep the defaults;
 * the result is normalised. Returns 0 or RECITE_EDATA.
 */
int recite_sched_params_from_json(struct recite_sched_params *out, const char *json,
                                  struct recite_error *err);

/* The parameters as JSON in the shape from_json reads. Caller frees with free(); NULL on OOM. */
char *recite_sched_params_to_json(const struct recite_sched_params *params);

/*
 * Per-bank parameters live in the config table under "sched.<bank slug>",
 * and the default for every bank under "sched". get falls back from the bank
 * key to "sched" to the built-in defaults; bank_slug NULL reads or writes the
 * default. Both return 0 or a negative RECITE_E* code.
 */
struct recite_store;
int recite_store_sched_params_get(struct recite_store *st, const char *bank_slug,
                                  struct recite_sched_params *out, struct recite_error *err);
int recite_store_sched_params_set(struct recite_store *st, const char *bank_slug,
                                  const struct recite_sched_params *params,
                                  struct recite_error *err);

#endif
