/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Statistics: today's workload, a year of reviews by day, the month ahead,
 * true retention, mastery by tag, leeches and hard cards, and the item
 * analysis of quizzes. The store hands back small pre-aggregated rows (the
 * review log is summed per hour by triggers); this module turns them into
 * figures. Included through recite.h.
 */
#ifndef RECITE_STATS_H
#define RECITE_STATS_H

#include "common.h"
#include "store_stats.h"

struct recite_store;

#define RECITE_STATS_HEATMAP_DAYS 365 /* the heatmap's length, today last */
#define RECITE_STATS_FORECAST_DAYS 30 /* the forecast's length, today first */
#define RECITE_STATS_MATURE_DAYS 21   /* interval (and stability) that counts as mature */
#define RECITE_STATS_WINDOWS 3        /* retention over 7, 30 and 365 days */

/* ---- the figures ---- */

struct recite_stats_options {
    const char *bank_slug; /* NULL: every bank */
    int64_t now;           /* Unix ms */
    int day_start_hour;    /* local hour a day begins, as the review session's */
    size_t card_limit;     /* leeches and hardest cards listed, at most */
};
#define RECITE_STATS_OPTIONS_INIT                                                                  \
    {                                                                                              \
        NULL, 0, 4, 10                                                                             \
    }

/* True retention of review-state cards over a window (Anki's definition). */
struct recite_stats_retention {
    int days;
    size_t young_reviews, young_passed;   /* interval < 21 days before the answer */
    size_t mature_reviews, mature_passed; /* interval >= 21 days */
};

struct recite_stats_tag {
    char *tag; /* owned */
    size_t cards;
    size_t mastered; /* stability > 21 days */
};

struct recite_stats {
    int64_t now;
    int64_t today_start; /* Unix ms */
    size_t due_learning; /* due by the end of today */
    size_t due_review;
    size_t new_available; /* new cards not yet seen */
    size_t reviewed_today;
    int64_t time_today_ms;
    int64_t heatmap_start;                        /* Unix ms when heatmap[0]'s day began */
    int64_t day_start[RECITE_STATS_HEATMAP_DAYS]; /* Unix ms each heatmap day began */
    size_t heatmap[RECITE_STATS_HEATMAP_DAYS];    /* answers per day, today last */
    size_t forecast[RECITE_STATS_FORECAST_DAYS];  /* cards due per day, [0] today with overdue */
    size_t year_reviews;                          /* sum of heatmap */
    struct recite_stats_retention retention[RECITE_STATS_WINDOWS];
    struct recite_stats_tag *tags; /* by name */
    size_t tag_count;
    struct recite_stats_card *leeches;
    size_t leech_count;
    struct recite_stats_card *hardest;
    size_t hardest_count;
};

/*
 * Computes every figure for opts. Release with recite_stats_release() (also
 * after a failure).
 */
int recite_stats_compute(struct recite_stats *out, struct recite_store *st,
                         const struct recite_stats_options *opts, struct recite_error *err);
void recite_stats_release(struct recite_stats *stats);

/* The figures as JSON (docs/stats-json.md). Caller frees *out with free(). */
int recite_stats_to_json(char **out, const struct recite_stats *stats, const char *bank_slug,
                         struct recite_error *err);

/* ---- quiz item analysis (Moodle's facility and discrimination indexes) ---- */

struct recite_stats_item {
    char *card_uid;        /* owned */
    char *prompt;          /* the latest wording asked; owned */
    size_t attempts;       /* finished quizzes that asked it */
    double facility;       /* mean credit, 0..100 */
    double sd;             /* standard deviation of the credit, 0..100 */
    double discrimination; /* 100 * r(item, rest of the quiz); NAN when undefined */
};

struct recite_stats_items {
    size_t quizzes;                  /* finished quizzes read */
    struct recite_stats_item *items; /* by facility, hardest first */
    size_t count;
};

/* Reads finished quizzes on bank_slug (NULL: all). Release with recite_stats_items_release(). */
int recite_stats_items_compute(struct recite_stats_items *out, struct recite_store *st,
                               const char *bank_slug, struct recite_error *err);
void recite_stats_items_release(struct recite_stats_items *items);

/* Item analysis from rows already read (sorted by session); for tests. */
int recite_stats_items_from_rows(struct recite_stats_items *out,
                                 const struct recite_stats_item_row *rows, size_t count,
                                 struct recite_error *err);

/*
 * What stands out about an item, or NULL: "too-easy" (facility >= 90: nearly
 * everyone gets it), "too-hard" (facility <= 10: nearly nobody does),
 * "negative" (discrimination < 0: the strong students miss it more often than
 * the weak ones, a sign of a misleading question or a wrong key).
 */
const char *recite_stats_item_flag(const struct recite_stats_item *item);

/* The item analysis as JSON. Caller frees *out with free(). */
int recite_stats_items_to_json(char **out, const struct recite_stats_items *items,
                               struct recite_error *err);

#endif
