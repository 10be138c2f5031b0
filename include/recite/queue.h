/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The queue: which card comes next in a review session, and recording an
 * answer (schedule, review log, sibling burying, leeches) durably before the
 * next card is chosen. Order: learning steps that are due, then due reviews
 * (lowest retrievability first) with new cards interleaved up to the daily
 * limit, themselves dealt across kinds of fact and ways of asking. Included
 * through recite.h.
 */
#ifndef RECITE_QUEUE_H
#define RECITE_QUEUE_H

#include "answer.h"
#include "common.h"
#include "sched.h"
#include "store.h"

struct recite_queue_options {
    const char *bank_slug;  /* NULL: every bank */
    size_t new_limit;       /* new cards a day */
    size_t review_limit;    /* review cards a day */
    int day_start_hour;     /* local hour at which a new day begins */
    int64_t learn_ahead_ms; /* show a learning card this early when nothing else is due */
    int leech_lapses;       /* suspend a card at this many lapses; 0: never */
};

#define RECITE_QUEUE_OPTIONS_INIT {NULL, 20, 200, 4, 20 * 60 * 1000, 8}

struct recite_queue; /* opaque */

/*
 * Builds today's queue for st at now. The store is borrowed and must
 * outlive the queue. Caller frees with recite_queue_free().
 */
int recite_queue_new(struct recite_queue **out, struct recite_store *st,
                     const struct recite_queue_options *opts, int64_t now,
                     struct recite_error *err);
void recite_queue_free(struct recite_queue *q);

/*
 * The next card to show at now, in *out; RECITE_ENOTFOUND when nothing is
 * left for today (learning cards due later than the learn-ahead window
 * remain for a later session).
 */
int recite_queue_next(struct recite_queue *q, int64_t now, struct recite_card_row *out,
                      struct recite_error *err);

/*
 * Cards still to come today, not counting the one just shown: in learning,
 * due reviews, new (skipped and undone cards included). The learning count
 * is asked of the store (answers move it); with out_learning NULL it is
 * not, and the call reads no database.
 */
void recite_queue_counts(const struct recite_queue *q, size_t *out_learning,
                         size_t *out_review, size_t *out_new);

/*
 * What each rating (index 1..4) would do to card at now: the due time of the
 * resulting card. out[0] is unused.
 */
int recite_queue_preview(struct recite_queue *q, const struct recite_card_row *card, int64_t now,
                         int64_t out[5], struct recite_error *err);

/* The outcome of one recorded answer. */
struct recite_queue_outcome {
    int64_t review_id; /* the review log row */
    int64_t due;       /* when the card comes back */
    bool leech;        /* the card was just suspended as a leech */
};

/* One answer to record. */
struct recite_queue_answer {
    int rating;          /* 1..4 */
    const char *text;    /* what was typed (borrowed) */
    double credit;       /* 0..1 */
    int64_t duration_ms; /* time taken */
    int64_t session_id;  /* 0: none */
    int verdict;         /* enum recite_answer_verdict: what the judge said, for the tally */
};

/* The answers of this queue still standing (undone ones taken out), by verdict. */
struct recite_queue_tally {
    size_t answered;
    size_t right;  /* RECITE_ANSWER_RIGHT */
    size_t almost; /* RECITE_ANSWER_ALMOST or RECITE_ANSWER_PARTIAL */
    size_t wrong;  /* RECITE_ANSWER_WRONG */
};
void recite_queue_tally(const struct recite_queue *q, struct recite_queue_tally *out);

/*
 * Whether an answer that took a card from before to after makes it a leech
 * to suspend, at threshold lapses (0: never): the lapse that reaches the
 * threshold, then every half threshold of further lapses, of a card not
 * suspended otherwise.
 */
bool recite_queue_is_leech(int threshold, const struct recite_card_row *before,
                           const struct recite_card_row *after);

/*
 * Schedules card with the answer at now and commits review row, card state,
 * sibling burying and leech suspension in one transaction; the card leaves
 * today's queue (or returns to it as a learning step). When this returns 0
 * the answer is on disk.
 */
int recite_queue_record(struct recite_queue *q, const struct recite_card_row *card,
                        const struct recite_queue_answer *answer, int64_t now,
                        struct recite_queue_outcome *out, struct recite_error *err);

/* What recite_queue_undo() took back. */
struct recite_queue_undone {
    int64_t card_id; /* the card, shown next */
    bool answer;     /* an answer (its review row is gone); false: a suspension, lifted */
};

/*
 * Takes back the last answer or suspension of this queue (one level per
 * call, as far back as the session goes): the card's state and the review
 * log return to what they were, or a card suspended is active again.
 * RECITE_ENOTFOUND when there is nothing to undo. The card is shown next
 * and counted again; *out (may be NULL) says what was undone.
 */
int recite_queue_undo(struct recite_queue *q, struct recite_queue_undone *out,
                      struct recite_error *err);

/*
 * Replaces the rating of the answer just recorded for card (the last one of
 * this queue) with answer->rating, in one transaction; *out as for record.
 */
int recite_queue_rerate(struct recite_queue *q, const struct recite_card_row *card,
                        const struct recite_queue_answer *answer, int64_t now,
                        struct recite_queue_outcome *out, struct recite_error *err);

/* Puts card at the back of today's queue. */
void recite_queue_skip(struct recite_queue *q, const struct recite_card_row *card);

/*
 * Leaves card out of the rest of this session (it cannot be shown, say its
 * fact is damaged); its schedule is untouched. RECITE_ENOMEM when it could
 * not be noted.
 */
int recite_queue_drop(struct recite_queue *q, const struct recite_card_row *card);

/* Suspends card (by the student): it is not shown again until unsuspended or undone. */
int recite_queue_suspend(struct recite_queue *q, const struct recite_card_row *card,
                         struct recite_error *err);

struct recite_bank_view;
struct recite_judge;
/*
 * Fills judge with the names of the bank view (a struct recite_bank_view *)
 * shows, for recite_judge_fill_with(): the lexicon kept with the bank when it
 * is current, else every fact read and normalised, then kept for the next
 * session (best effort: a read-only database only costs the time).
 */
int recite_bank_view_fill_judge(void *view, struct recite_judge *judge, struct recite_error *err);
/*
 * Keeps the lexicon of bank, stored as row bank_id with content hash, inside
 * the caller's transaction (an import): its first session need not build it.
 */
int recite_bank_keep_lexicon(struct recite_store *st, const struct recite_bank *bank,
                             int64_t bank_id, const char *hash, struct recite_error *err);

/* The instant today began (day_start_hour, local time) and the next day's start. */
int64_t recite_day_start(int64_t now, int day_start_hour);
int64_t recite_next_day_start(int64_t now, int day_start_hour);

#endif
