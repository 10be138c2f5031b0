/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * FSRS-6 parameters from a review history: evaluation (log loss and
 * RMSE(bins)) and fitting, both computed as fsrs-rs 6.5 computes them (its
 * items, outlier filter, binning, pre-training and Adam schedule), with
 * hand-written gradients. Pure computation: no I/O except the CSV reader.
 * Included through recite.h.
 */
#ifndef RECITE_FIT_H
#define RECITE_FIT_H

#include "common.h"

/* One line of a review log, as fsrs-rs's CSV has it. */
struct recite_revlog_entry {
    int64_t card_id; /* any number naming the card */
    int64_t time_ms; /* Unix ms of the review */
    int rating;      /* 1..4 */
    int state;       /* state before the review: 0 new, 1 learning, 2 review, 3 relearning */
};

/* A growable review log. Release with recite_revlog_release(). */
struct recite_revlog {
    struct recite_revlog_entry *entries;
    size_t count;
    size_t cap;
};

void recite_revlog_init(struct recite_revlog *log);
void recite_revlog_release(struct recite_revlog *log);
/* Appends a copy of *entry. 0 or RECITE_ENOMEM. */
int recite_revlog_push(struct recite_revlog *log, const struct recite_revlog_entry *entry,
                       struct recite_error *err);

/*
 * Reads fsrs-rs's CSV review log (header naming card_id, review_time,
 * review_rating, review_state and review_duration in any order; extra
 * columns ignored) from path and appends its rows to *log. Errors are
 * RECITE_EDATA with "PATH:LINE: what is wrong" in err, or RECITE_EIO /
 * RECITE_ENOTFOUND for an unreadable file; nothing is appended then.
 */
int recite_revlog_read_csv(struct recite_revlog *log, const char *path, struct recite_error *err);

/*
 * Appends the database's review log (every bank, or bank_slug's) to *log,
 * in time order. 0 or a negative RECITE_E* code.
 */
struct recite_store;
int recite_store_revlog_read(struct recite_store *st, const char *bank_slug,
                             struct recite_revlog *log, struct recite_error *err);

/* One review of an item: rating 1..4 and whole days since the previous one. */
struct recite_fsrs_review {
    uint32_t rating;
    uint32_t delta_t;
};

/* A card's reviews up to and including the one to predict (the last). Borrowed view. */
struct recite_fsrs_item {
    const struct recite_fsrs_review *reviews;
    uint32_t count;
};

/*
 * The items of a review log, in review-time order, built as fsrs-rs's CSV
 * conversion builds them: per card, the reviews from the last run of
 * New/Learning entries on; one item per later review on a new day.
 * Release with recite_fsrs_items_release().
 */
struct recite_fsrs_items {
    struct recite_fsrs_review *pool; /* every card's reviews, back to back */
    size_t pool_count;
    struct recite_fsrs_item *items;
    size_t count;
};

/*
 * Builds items from log (which is not modified; any order). Days change at
 * day_start_hour local time. Returns 0 or RECITE_ENOMEM.
 */
int recite_fsrs_items_build(struct recite_fsrs_items *out, const struct recite_revlog *log,
                            int day_start_hour, struct recite_error *err);
void recite_fsrs_items_release(struct recite_fsrs_items *items);

/* Log loss and RMSE(bins) of a parameter set on some items. */
struct recite_fsrs_metrics {
    double log_loss;
    double rmse_bins;
    size_t count; /* items evaluated, after the outlier filter */
};

/*
 * Evaluates w (21 FSRS-6 weights, clipped as fsrs-rs clips them) on items
 * after fsrs-rs's outlier filter, with its recency weights: the numbers
 * fsrs-rs's evaluate gives. RECITE_EDATA when no item is left or a number
 * is not finite; RECITE_ENOMEM.
 */
int recite_fsrs_evaluate(struct recite_fsrs_metrics *out, const double w[21],
                         const struct recite_fsrs_items *items, struct recite_error *err);

/* Called after each batch with (done, total) steps; return false to stop the fit. */
typedef bool (*recite_fsrs_progress_fn)(void *ctx, size_t done, size_t total);

struct recite_fsrs_fit_options {
    int epochs;                       /* 5 */
    size_t batch_size;                /* 512 */
    double learning_rate;             /* 0.04 */
    double gamma;                     /* L2 strength toward the start, 1.0 */
    size_t max_seq_len;               /* longer items are not trained on, 256 */
    uint64_t seed;                    /* batch shuffling, 2023 */
    recite_fsrs_progress_fn progress; /* or NULL */
    void *progress_ctx;
};
#define RECITE_FSRS_FIT_OPTIONS_INIT                                                               \
    {                                                                                              \
        5, 512, 0.04, 1.0, 256, 2023, NULL, NULL                                                   \
    }

/* How a fit ended: which of fsrs-rs's paths gave the parameters. */
enum recite_fsrs_fit_kind {
    RECITE_FIT_DEFAULTS = 0, /* fewer than 8 items: the default parameters */
    RECITE_FIT_INITIAL = 1,  /* fewer than 64 (or only first reviews): w0..w3 only */
    RECITE_FIT_FULL = 2,     /* pre-training then gradient descent */
};

/*
 * Fits FSRS-6 parameters to items as fsrs-rs's compute_parameters does,
 * writing 21 weights to out_w and the path taken to *out_kind (may be NULL).
 * The result depends only on items and opts. RECITE_EUSAGE when the
 * progress callback stopped the fit; RECITE_ENOMEM; RECITE_EDATA when the
 * fit diverges.
 */
int recite_fsrs_fit(double out_w[21], enum recite_fsrs_fit_kind *out_kind,
                    const struct recite_fsrs_items *items,
                    const struct recite_fsrs_fit_options *opts, struct recite_error *err);

/*
 * Keeps m, computed for weights w at at_ms, as the calibration of bank_slug's
 * (or the default) parameters, for recite stats. 0 or a RECITE_E* code.
 */
int recite_fsrs_calibration_save(struct recite_store *st, const char *bank_slug,
                                 const struct recite_fsrs_metrics *m, const double w[21],
                                 int64_t at_ms, struct recite_error *err);
/*
 * Reads the kept calibration; *out_found is false when there is none or it
 * was computed for other weights than those in use now.
 */
int recite_fsrs_calibration_load(struct recite_fsrs_metrics *out, int64_t *out_at_ms,
                                 bool *out_found, struct recite_store *st, const char *bank_slug,
                                 struct recite_error *err);

/* fsrs-rs's default FSRS-6 parameters (the spec's defaults). */
extern const double recite_fsrs_default_w[21];

#endif
