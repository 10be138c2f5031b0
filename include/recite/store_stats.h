/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The rows the store returns for statistics (src/core/store/, "statistics"):
 * hourly sums of the review log, a scan of the cards, leeches and hard cards,
 * quiz items. The statistics module (stats.h, which includes this header)
 * turns them into figures; the store itself needs only these rows.
 * Included through recite.h.
 */
#ifndef RECITE_STORE_STATS_H
#define RECITE_STORE_STATS_H

#include "common.h"

struct recite_store;

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

#endif
