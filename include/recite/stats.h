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

struct recite_store;

#define RECITE_STATS_HEATMAP_DAYS 365 /* the heatmap's length, today last */
#define RECITE_STATS_FORECAST_DAYS 30 /* the forecast's length, today first */
#define RECITE_STATS_MATURE_DAYS 21   /* interval (and stability) that counts as mature */
#define RECITE_STATS_WINDOWS 3        /* retention over 7, 30 and 365 days */

/* ---- rows the store returns (src/core/store.c, "statistics") ---- */

/* What the review before an answer was, for the hourly sums. */
enum recite_stats_kind {
    RECITE_STATS_KIND_NEW = 0,      /* the card's first answer */
    RECITE_STATS_KIND_LEARNING = 1, /* a learning or relearning step */
    RECITE_STATS_KIND_YOUNG = 2,    /* a review with interval < 21 days */
    RECITE_STATS_KIND_MATURE = 3,   /* a review with interval >= 21 days */
};

/* Answers of one kind in one UTC hour (hour = Unix ms / 3600000). */
struct recite_stats_hour {
    int64_t hour;
    int kind; /* enum recite_stats_kind */
    size_t reviews;
    size_t passed;       /* rating >= 2 (Hard, Good, Easy) */
    int64_t duration_ms; /* time spent answering */
};

/*
 * The hourly sums from since_ms (rounded down to its hour) on, for bank_slug
 * (NULL: every bank), by hour. Caller frees *out with free().
 */
int recite_store_stats_hours(struct recite_store *st, const char *bank_slug, int64_t since_ms,
                             struct recite_stats_hour **out, size_t *out_count,
                             struct recite_error *err);

/* Answers given since since_ms and the time they took (read from the log itself). */
int recite_store_stats_today(struct recite_store *st, const char *bank_slug, int64_t since_ms,
                             size_t *out_reviews, int64_t *out_duration_ms,
                             struct recite_error *err);

/* One card as the statistics scan sees it. */
struct recite_stats_card_state {
    int64_t fact_id;
    const char *tags; /* its fact's tags, space separated; borrowed for the call */
    bool retired;     /* its fact left the bank */
    int state;        /* enum recite_card_state */
    int suspended;    /* enum recite_suspension */
    int64_t due;      /* Unix ms */
    int64_t buried_until;
    double stability;
};

/*
 * Calls each(ctx, card) for every card of bank_slug (NULL: every bank), fact
 * by fact, in one pass over the facts and a covering index of the cards. A
 * negative return from each stops the scan and is returned (with err set to
 * "statistics scan stopped").
 */
int recite_store_stats_scan_cards(struct recite_store *st, const char *bank_slug,
                                  int (*each)(void *ctx,
                                              const struct recite_stats_card_state *card),
                                  void *ctx, struct recite_error *err);

/* A card worth naming: a leech or one of the hardest. */
struct recite_stats_card {
    char uid[48];
    char bank_slug[96];
    char fact_key[128];
    char template_name[32];
    int reps, lapses, state, suspended;
    double stability, difficulty;
};

enum recite_stats_card_list {
    RECITE_STATS_LEECHES, /* suspended as leeches, most lapses first */
    RECITE_STATS_HARDEST, /* reviewed, active: most lapses, then highest difficulty */
};
/* At most limit cards of a list. Caller frees *out with free(). */
int recite_store_stats_cards(struct recite_store *st, const char *bank_slug,
                             enum recite_stats_card_list list, size_t limit,
                             struct recite_stats_card **out, size_t *out_count,
                             struct recite_error *err);

/* One answered item of a finished quiz. */
struct recite_stats_item_row {
    int64_t session_id;
    char *card_uid; /* owned by the array */
    char *prompt;   /* the question as shown; owned by the array */
    double credit;  /* 0..1 */
};
/* Every item of finished quizzes on bank_slug (NULL: all), by session. */
int recite_store_stats_quiz_items(struct recite_store *st, const char *bank_slug,
                                  struct recite_stats_item_row **out, size_t *out_count,
                                  struct recite_error *err);
void recite_stats_item_rows_free(struct recite_stats_item_row *rows, size_t count);

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
