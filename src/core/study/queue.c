/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Today's queue. Due reviews and new cards are chosen once, when the queue
 * is built (they do not change during a session); learning steps are asked
 * of the store each time, because answering moves them. Every candidate is
 * read again from the store before it is shown, so a card suspended,
 * answered or buried meanwhile (by this or another session) is passed over.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "recite/answer.h"
#include "recite/buf.h"
#include "recite/common.h"
#include "recite/queue.h"
#include "recite/sched.h"
#include "recite/store.h"

#define MAX_BANK_PARAMS 32
#define MS_PER_DAY INT64_C(86400000)

struct id_list {
    int64_t *ids;
    size_t count, next, cap;
    /*
     * Cards of the day's limit still to take: a sibling passed over (its
     * fact was answered) leaves room that the list is refilled for, until
     * the store has no more due.
     */
    size_t wanted;
    bool dry; /* the store gave nothing more to show */
};

/* A card put aside this session (skipped, or taken back by an undo), to come again. */
struct waiting {
    int64_t card_id;
    int64_t fact_id;
    int state; /* when put aside: counted as new or due until shown */
};

struct undo_entry {
    int64_t review_id; /* the answer's review row; 0: a suspension */
    struct waiting card;
    int suspended; /* a suspension: card.suspended before it */
    int verdict;   /* an answer: the judge's verdict, counted in the tally */
};

struct recite_queue {
    struct recite_store *st;            /* borrowed */
    struct recite_queue_options opts;   /* bank_slug copied below */
    char *bank_slug;                    /* owned copy, or NULL */
    int64_t day_start, next_day;        /* today's bounds */
    struct id_list reviews, fresh;      /* due reviews, new cards */
    struct waiting *later;              /* skipped cards, in order; shown from later_next */
    size_t later_count, later_next, later_cap;
    struct id_list dropped;             /* cards not to be shown again this session */
    size_t reviews_since_new;           /* for interleaving */
    int64_t *answered_facts;            /* facts answered this session, sorted (siblings wait) */
    size_t answered_count, answered_cap;
    struct undo_entry *undo;            /* answers and suspensions that can be taken back */
    struct recite_queue_tally tally;    /* the answers standing */
    size_t undo_count, undo_cap;
    struct waiting pending;             /* shown next (after an undo); card_id 0: none */
    struct {
        char slug[RECITE_BANK_MAX_KEY + 1]; /* a bank id, whole (ids are refused past the limit) */
        struct recite_sched_params params;
    } params[MAX_BANK_PARAMS];          /* scheduler parameters per bank, cached */
    size_t param_count;
};

static int list_push(struct id_list *list, int64_t id)
{
    if (recite_grow((void **)&list->ids, &list->cap, list->count + 1, sizeof(int64_t)) < 0)
        return RECITE_ENOMEM;
    list->ids[list->count++] = id;
    return 0;
}

static size_t list_left(const struct id_list *list)
{
    return list->count - list->next;
}

/* The cards of list still to show today: a refilled list may hold more than the limit leaves. */
static size_t list_due(const struct id_list *list)
{
    size_t left = list_left(list);
    return left < list->wanted ? left : list->wanted;
}

int64_t recite_day_start(int64_t now, int day_start_hour)
{
    time_t secs = (time_t)(now / 1000);
    struct tm local;
    localtime_r(&secs, &local);
    if (local.tm_hour < day_start_hour)
        local.tm_mday -= 1;
    local.tm_hour = day_start_hour;
    local.tm_min = local.tm_sec = 0;
    local.tm_isdst = -1;
    return (int64_t)mktime(&local) * 1000;
}

int64_t recite_next_day_start(int64_t now, int day_start_hour)
{
    time_t secs = (time_t)(recite_day_start(now, day_start_hour) / 1000);
    struct tm local;
    localtime_r(&secs, &local);
    local.tm_mday += 1;
    local.tm_hour = day_start_hour;
    local.tm_min = local.tm_sec = 0;
    local.tm_isdst = -1;
    return (int64_t)mktime(&local) * 1000;
}

static int load_ids(struct recite_queue *q, enum recite_due_kind kind, size_t limit, int64_t now,
                    struct id_list *into, struct recite_error *err)
{
    if (limit == 0)
        return 0;
    struct recite_due_query query = {kind, q->bank_slug, now, q->next_day - 1, limit};
    int64_t *ids = NULL;
    size_t count = 0;
    int rc = recite_store_card_ids_due(q->st, &query, &ids, &count, err);
    for (size_t i = 0; rc == 0 && i < count; i++)
        if (list_push(into, ids[i]) < 0)
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    free(ids);
    return rc;
}

int recite_queue_new(struct recite_queue **out, struct recite_store *st,
                     const struct recite_queue_options *opts, int64_t now,
                     struct recite_error *err)
{
    struct recite_queue *q = calloc(1, sizeof(*q));
    if (!q)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    q->st = st;
    q->opts = *opts;
    if (opts->bank_slug && !(q->bank_slug = recite_strdup(opts->bank_slug))) {
        free(q);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    q->opts.bank_slug = q->bank_slug;
    q->day_start = recite_day_start(now, opts->day_start_hour);
    q->next_day = recite_next_day_start(now, opts->day_start_hour);
    size_t done = 0, done_new = 0;
    int rc = recite_store_review_counts(st, q->bank_slug, q->day_start, &done, &done_new, err);
    if (rc == 0) {
        size_t done_reviews = done - done_new;
        size_t review_left = opts->review_limit > done_reviews ? opts->review_limit - done_reviews : 0;
        size_t new_left = opts->new_limit > done_new ? opts->new_limit - done_new : 0;
        q->reviews.wanted = review_left;
        q->fresh.wanted = new_left;
        rc = load_ids(q, RECITE_DUE_REVIEW, review_left, now, &q->reviews, err);
        if (rc == 0)
            rc = load_ids(q, RECITE_DUE_NEW, new_left, now, &q->fresh, err);
    }
    if (rc < 0) {
        recite_queue_free(q);
        return rc;
    }
    *out = q;
    return 0;
}

void recite_queue_free(struct recite_queue *q)
{
    if (!q)
        return;
    free(q->reviews.ids);
    free(q->fresh.ids);
    free(q->later);
    free(q->dropped.ids);
    free(q->answered_facts);
    free(q->undo);
    free(q->bank_slug);
    free(q);
}

/* The first place in answered_facts (kept in order) not before fact_id. */
static size_t fact_place(const struct recite_queue *q, int64_t fact_id)
{
    size_t lo = 0, hi = q->answered_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (q->answered_facts[mid] < fact_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool fact_answered(const struct recite_queue *q, int64_t fact_id)
{
    size_t at = fact_place(q, fact_id);
    return at < q->answered_count && q->answered_facts[at] == fact_id;
}

static bool card_dropped(const struct recite_queue *q, int64_t id)
{
    for (size_t i = 0; i < q->dropped.count; i++)
        if (q->dropped.ids[i] == id)
            return true;
    return false;
}

/* Whether card id was skipped and waits to come back after everything else. */
static bool card_skipped(const struct recite_queue *q, int64_t id)
{
    for (size_t i = q->later_next; i < q->later_count; i++)
        if (q->later[i].card_id == id)
            return true;
    return false;
}

static struct waiting waiting_of(const struct recite_card_row *card)
{
    return (struct waiting){card->id, card->fact_id, card->state};
}

/*
 * Reads card id and says whether it may be shown now as a card of kind
 * (a state the list expects); siblings of an answered fact wait.
 */
static int fetch_showable(struct recite_queue *q, int64_t id, int64_t now, bool want_new,
                          struct recite_card_row *out, bool *ok, struct recite_error *err)
{
    *ok = false;
    if (card_dropped(q, id) || card_skipped(q, id))
        return 0;
    int rc = recite_store_card_get(q->st, id, out, err);
    if (rc == RECITE_ENOTFOUND)
        return 0;
    if (rc < 0)
        return rc;
    if (out->suspended || out->buried_until > now || fact_answered(q, out->fact_id))
        return 0;
    if (want_new)
        *ok = out->state == RECITE_STATE_NEW;
    else
        *ok = out->state == RECITE_STATE_REVIEW && out->due < q->next_day;
    return 0;
}

/* Pops from list until a showable card is found. */
static int pop_showable(struct recite_queue *q, struct id_list *list, int64_t now, bool want_new,
                        struct recite_card_row *out, bool *found, struct recite_error *err)
{
    *found = false;
    while (list_left(list) > 0) {
        int64_t id = list->ids[list->next++];
        int rc = fetch_showable(q, id, now, want_new, out, found, err);
        if (rc < 0 || *found)
            return rc;
    }
    return 0;
}

/*
 * The next showable card of the new cards (want_new) or the due reviews.
 * Once the list is used up short of the day's limit (siblings of answered
 * facts were passed over), the store is asked for the next ones: they are
 * chosen as the first were, and a buried or answered card is no longer due.
 */
static int take_card(struct recite_queue *q, bool want_new, int64_t now,
                     struct recite_card_row *out, bool *found, struct recite_error *err)
{
    struct id_list *list = want_new ? &q->fresh : &q->reviews;
    *found = false;
    if (list->wanted == 0) /* the day's limit is shown, whatever the list still holds */
        return 0;
    int rc = pop_showable(q, list, now, want_new, out, found, err);
    while (rc == 0 && !*found && !list->dry && list->wanted > 0) {
        size_t had = list->count;
        /* twice what is wanted: each batch loses about half to siblings, and each costs a
           pass over the due cards */
        size_t batch = list->wanted < SIZE_MAX / 2 ? 2 * list->wanted : list->wanted;
        rc = load_ids(q, want_new ? RECITE_DUE_NEW : RECITE_DUE_REVIEW, batch, now, list, err);
        if (rc == 0)
            rc = pop_showable(q, list, now, want_new, out, found, err);
        list->dry = rc == 0 && (list->count == had || !*found);
    }
    if (*found && list->wanted > 0)
        list->wanted--;
    return rc;
}

static int next_learning(struct recite_queue *q, int64_t until, int64_t now,
                         struct recite_card_row *out, bool *found, struct recite_error *err)
{
    /* Dropped and skipped cards may head the list: ask for enough rows to pass them. */
    struct recite_due_query query = {RECITE_DUE_LEARNING, q->bank_slug, now, until,
                                     1 + q->dropped.count + q->later_count - q->later_next};
    struct recite_card_row *rows = NULL;
    size_t count = 0;
    int rc = recite_store_cards_due(q->st, &query, &rows, &count, err);
    *found = false;
    for (size_t i = 0; rc == 0 && i < count && !*found; i++) {
        if (!card_dropped(q, rows[i].id) && !card_skipped(q, rows[i].id)) {
            *out = rows[i];
            *found = true;
        }
    }
    free(rows);
    return rc;
}

/* New cards are spread evenly among the reviews rather than all first or last. */
static bool new_card_turn(const struct recite_queue *q)
{
    size_t reviews = list_due(&q->reviews), fresh = list_due(&q->fresh);
    if (fresh == 0)
        return false;
    if (reviews == 0)
        return true;
    /* The reviews since the last new card and those left, cut into fresh + 1 runs. */
    size_t every = (reviews + q->reviews_since_new) / (fresh + 1);
    return q->reviews_since_new >= every;
}

int recite_queue_next(struct recite_queue *q, int64_t now, struct recite_card_row *out,
                      struct recite_error *err)
{
    bool found = false;
    int rc;
    if (q->pending.card_id) {
        int64_t id = q->pending.card_id;
        q->pending.card_id = 0;
        if ((rc = recite_store_card_get(q->st, id, out, err)) < 0 && rc != RECITE_ENOTFOUND)
            return rc;
        if (rc == 0 && !out->suspended && !card_dropped(q, id))
            return 0;
    }
    if ((rc = next_learning(q, now, now, out, &found, err)) < 0 || found)
        return rc;
    bool take_new = new_card_turn(q);
    if ((rc = take_card(q, take_new, now, out, &found, err)) < 0)
        return rc;
    if (!found && (rc = take_card(q, !take_new, now, out, &found, err)) < 0)
        return rc;
    if (found) {
        q->reviews_since_new = out->state == RECITE_STATE_NEW ? 0 : q->reviews_since_new + 1;
        return 0;
    }
    /* Skipped cards come back once everything else has been seen. */
    while (q->later_next < q->later_count) {
        int64_t id = q->later[q->later_next++].card_id;
        if ((rc = recite_store_card_get(q->st, id, out, err)) < 0 && rc != RECITE_ENOTFOUND)
            return rc;
        if (rc == 0 && !out->suspended && !fact_answered(q, out->fact_id) &&
            !card_dropped(q, id))
            return 0;
    }
    if ((rc = next_learning(q, now + q->opts.learn_ahead_ms, now, out, &found, err)) < 0 || found)
        return rc;
    return recite_error_set(err, RECITE_ENOTFOUND, "nothing more is due today");
}

/* Adds a card put aside to the counts of new and due cards (learning ones the store counts). */
static void count_waiting(const struct waiting *w, size_t *review, size_t *fresh)
{
    *review += w->state == RECITE_STATE_REVIEW;
    *fresh += w->state == RECITE_STATE_NEW;
}

void recite_queue_counts(const struct recite_queue *q, size_t *out_learning, size_t *out_review,
                         size_t *out_new)
{
    size_t learning = 0;
    if (out_learning) {
        recite_store_learning_count(q->st, q->bank_slug, q->next_day - 1, &learning, NULL);
        *out_learning = learning;
    }
    *out_review = list_due(&q->reviews);
    *out_new = list_due(&q->fresh);
    /* Skipped and undone cards left their lists but are still to come. */
    if (q->pending.card_id)
        count_waiting(&q->pending, out_review, out_new);
    for (size_t i = q->later_next; i < q->later_count; i++) {
        const struct waiting *w = &q->later[i];
        if (!fact_answered(q, w->fact_id) && !card_dropped(q, w->card_id) &&
            w->card_id != q->pending.card_id)
            count_waiting(w, out_review, out_new);
    }
}

static int params_for(struct recite_queue *q, const char *slug,
                      const struct recite_sched_params **out, struct recite_error *err)
{
    for (size_t i = 0; i < q->param_count; i++) {
        if (strcmp(q->params[i].slug, slug) == 0) {
            *out = &q->params[i].params;
            return 0;
        }
    }
    size_t slot = q->param_count < MAX_BANK_PARAMS ? q->param_count++ : MAX_BANK_PARAMS - 1;
    int rc = recite_store_sched_params_get(q->st, slug, &q->params[slot].params, err);
    if (rc < 0)
        return rc;
    snprintf(q->params[slot].slug, sizeof(q->params[slot].slug), "%s", slug);
    *out = &q->params[slot].params;
    return 0;
}

int recite_queue_preview(struct recite_queue *q, const struct recite_card_row *card, int64_t now,
                         int64_t out[5], struct recite_error *err)
{
    const struct recite_sched_params *params;
    int rc = params_for(q, card->bank_slug, &params, err);
    if (rc < 0)
        return rc;
    struct recite_sched_card before, after;
    recite_card_row_to_sched(card, &before);
    out[0] = 0;
    for (int rating = RECITE_AGAIN; rating <= RECITE_EASY; rating++) {
        if ((rc = recite_sched_review(&after, params, &before, rating, now)) < 0)
            return recite_error_set(err, rc, "cannot schedule card '%s'", card->uid);
        out[rating] = after.due;
    }
    return 0;
}

/* Adds (sign 1) or takes out (sign -1) one answer with verdict from the tally. */
static void count_verdict(struct recite_queue_tally *t, int verdict, int sign)
{
    size_t *slot = verdict == RECITE_ANSWER_RIGHT ? &t->right
                   : verdict == RECITE_ANSWER_WRONG ? &t->wrong
                                                    : &t->almost;
    *slot += (size_t)(ptrdiff_t)sign;
    t->answered += (size_t)(ptrdiff_t)sign;
}

void recite_queue_tally(const struct recite_queue *q, struct recite_queue_tally *out)
{
    *out = q->tally;
}

/*
 * The leech rule: a lapse that reaches the threshold suspends the card; once
 * a student lifts that, every half threshold of further lapses does again.
 * A card suspended otherwise stays as it is.
 */
bool recite_queue_is_leech(int threshold, const struct recite_card_row *before,
                           const struct recite_card_row *after)
{
    if (threshold <= 0 || before->suspended != RECITE_ACTIVE || after->lapses <= before->lapses ||
        after->lapses < threshold)
        return false;
    int every = threshold / 2 > 1 ? threshold / 2 : 1;
    return (after->lapses - threshold) % every == 0;
}

int recite_queue_record(struct recite_queue *q, const struct recite_card_row *card,
                        const struct recite_queue_answer *answer, int64_t now,
                        struct recite_queue_outcome *out, struct recite_error *err)
{
    const struct recite_sched_params *params;
    int rc = params_for(q, card->bank_slug, &params, err);
    if (rc < 0)
        return rc;
    struct recite_sched_card before, after;
    recite_card_row_to_sched(card, &before);
    if (recite_sched_review(&after, params, &before, answer->rating, now) < 0)
        return recite_error_set(err, RECITE_EUSAGE, "rating %d is not 1 to 4", answer->rating);
    struct recite_card_row row = *card;
    recite_card_row_from_sched(&row, &after);
    struct recite_review_record rec = {
        .card_id = card->id,
        .session_id = answer->session_id,
        .at = now,
        .rating = answer->rating,
        .answer = answer->text,
        .credit = answer->credit,
        .duration_ms = answer->duration_ms,
        .before = card,
        .after = &row,
        .bury_until = q->next_day,
        .suspend_leech = recite_queue_is_leech(q->opts.leech_lapses, card, &row),
    };
    int64_t review_id = 0;
    bool leech = false;
    if ((rc = recite_store_review_commit(q->st, &rec, &review_id, &leech, err)) < 0)
        return rc;
    if (recite_grow((void **)&q->undo, &q->undo_cap, q->undo_count + 1, sizeof(*q->undo)) < 0 ||
        recite_grow((void **)&q->answered_facts, &q->answered_cap, q->answered_count + 1,
             sizeof(int64_t)) < 0)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    q->undo[q->undo_count++] = (struct undo_entry){review_id, waiting_of(card), 0, answer->verdict};
    size_t at = fact_place(q, card->fact_id);
    memmove(q->answered_facts + at + 1, q->answered_facts + at,
            (q->answered_count++ - at) * sizeof(*q->answered_facts));
    q->answered_facts[at] = card->fact_id;
    count_verdict(&q->tally, answer->verdict, 1);
    if (out)
        *out = (struct recite_queue_outcome){review_id, after.due, leech};
    return 0;
}

/* Forgets one answer on fact_id; its siblings may show again. */
static void forget_answer(struct recite_queue *q, int64_t fact_id)
{
    size_t at = fact_place(q, fact_id);
    if (at < q->answered_count && q->answered_facts[at] == fact_id)
        memmove(q->answered_facts + at, q->answered_facts + at + 1,
                (--q->answered_count - at) * sizeof(*q->answered_facts));
}

int recite_queue_undo(struct recite_queue *q, struct recite_queue_undone *out,
                      struct recite_error *err)
{
    if (q->undo_count == 0)
        return recite_error_set(err, RECITE_ENOTFOUND, "nothing to undo");
    struct undo_entry last = q->undo[q->undo_count - 1];
    bool answer = last.review_id != 0;
    int rc = answer ? recite_store_review_undo(q->st, last.review_id, q->day_start, err)
                    : recite_store_card_suspend(q->st, last.card.card_id, last.suspended, err);
    if (rc < 0)
        return rc;
    q->undo_count--;
    if (answer) {
        forget_answer(q, last.card.fact_id);
        count_verdict(&q->tally, last.verdict, -1);
    }
    q->pending = last.card;
    if (out)
        *out = (struct recite_queue_undone){last.card.card_id, answer};
    return 0;
}

int recite_queue_rerate(struct recite_queue *q, const struct recite_card_row *card,
                        const struct recite_queue_answer *answer, int64_t now,
                        struct recite_queue_outcome *out, struct recite_error *err)
{
    const struct undo_entry *last = q->undo_count ? &q->undo[q->undo_count - 1] : NULL;
    if (!last || last->review_id == 0 || last->card.card_id != card->id)
        return recite_error_set(err, RECITE_ENOTFOUND, "no answer to re-rate");
    int rc = recite_store_begin(q->st, err);
    if (rc < 0)
        return rc;
    if ((rc = recite_queue_undo(q, NULL, err)) == 0) {
        q->pending.card_id = 0;
        rc = recite_queue_record(q, card, answer, now, out, err);
    }
    if (rc == 0)
        rc = recite_store_commit(q->st, err);
    if (rc < 0)
        recite_store_rollback(q->st);
    return rc;
}

void recite_queue_skip(struct recite_queue *q, const struct recite_card_row *card)
{
    if (recite_grow((void **)&q->later, &q->later_cap, q->later_count + 1, sizeof(*q->later)) == 0)
        q->later[q->later_count++] = waiting_of(card);
}

int recite_queue_drop(struct recite_queue *q, const struct recite_card_row *card)
{
    return card_dropped(q, card->id) ? 0 : list_push(&q->dropped, card->id);
}

int recite_queue_suspend(struct recite_queue *q, const struct recite_card_row *card,
                         struct recite_error *err)
{
    if (recite_grow((void **)&q->undo, &q->undo_cap, q->undo_count + 1, sizeof(*q->undo)) < 0)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    int rc = recite_store_card_suspend(q->st, card->id, RECITE_SUSPENDED_BY_STUDENT, err);
    if (rc == 0)
        q->undo[q->undo_count++] = (struct undo_entry){0, waiting_of(card), card->suspended, 0};
    return rc;
}
