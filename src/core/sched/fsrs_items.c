/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Review logs and the items fsrs-rs learns from: per card, the reviews from
 * the last first-learning on, one item per review on a later day, all items
 * in review-time order. Also fsrs-rs's outlier analysis, which both
 * evaluation and fitting apply.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fsrs_model.h"
#include "recite/buf.h"

void recite_revlog_init(struct recite_revlog *log)
{
    memset(log, 0, sizeof *log);
}

void recite_revlog_release(struct recite_revlog *log)
{
    free(log->entries);
    memset(log, 0, sizeof *log);
}

int recite_revlog_push(struct recite_revlog *log, const struct recite_revlog_entry *entry,
                       struct recite_error *err)
{
    if (recite_grow((void **)&log->entries, &log->cap, log->count + 1, sizeof(*log->entries)) < 0)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    log->entries[log->count++] = *entry;
    return 0;
}

/* An entry with the keys the conversion sorts by. */
struct sorted_entry {
    char card_key[24]; /* card id as text: fsrs-rs's tools sort ids as strings */
    int64_t time_ms;
    size_t input_index;
    const struct recite_revlog_entry *entry;
};

static int cmp_card_time(const void *a, const void *b)
{
    const struct sorted_entry *x = a, *y = b;
    int c = strcmp(x->card_key, y->card_key);
    if (c)
        return c;
    if (x->time_ms != y->time_ms)
        return x->time_ms < y->time_ms ? -1 : 1;
    return x->input_index < y->input_index ? -1 : x->input_index > y->input_index;
}

/* Days since 1970-01-01 of the local date of t - day_start_hour. */
static int64_t day_number(int64_t time_ms, int day_start_hour)
{
    int64_t secs = time_ms / 1000;
    if (time_ms < 0 && time_ms % 1000)
        secs--;
    time_t t = (time_t)(secs - (int64_t)day_start_hour * 3600);
    struct tm tm;
    localtime_r(&t, &tm);
    /* days from civil (Howard Hinnant's algorithm) */
    int64_t y = (int64_t)tm.tm_year + 1900 - (tm.tm_mon + 1 <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = (tm.tm_mon + 1 + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5 + tm.tm_mday - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct timed_item {
    int64_t time_ms;
    size_t order;
    struct recite_fsrs_item item;
};

static int cmp_timed(const void *a, const void *b)
{
    const struct timed_item *x = a, *y = b;
    if (x->time_ms != y->time_ms)
        return x->time_ms < y->time_ms ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Index of the first entry of the card's last run of New/Learning entries, or n. */
static size_t last_learning_start(const struct sorted_entry *e, size_t n)
{
    size_t start = n;
    for (size_t i = n; i-- > 0;) {
        int state = e[i].entry->state;
        if (state == 0 || state == 1)
            start = i;
        else if (start != n)
            break;
    }
    return start;
}

/* Appends one card's reviews to the pool and its items to timed. */
static void add_card(struct recite_fsrs_items *out, struct timed_item *timed, size_t *timed_count,
                     const struct sorted_entry *e, size_t n, int day_start_hour)
{
    size_t start = last_learning_start(e, n);
    if (start == n)
        return;
    struct recite_fsrs_review *reviews = out->pool + out->pool_count;
    int64_t prev = day_number(e[start].time_ms, day_start_hour);
    for (size_t i = start; i < n; i++) {
        int64_t day = day_number(e[i].time_ms, day_start_hour);
        int64_t delta = i == start ? 0 : day - prev;
        prev = day;
        reviews[i - start].rating = (uint32_t)e[i].entry->rating;
        reviews[i - start].delta_t = delta > 0 ? (uint32_t)delta : 0;
    }
    for (size_t i = 1; i < n - start; i++) {
        if (reviews[i].delta_t == 0)
            continue;
        struct timed_item *t = &timed[(*timed_count)++];
        t->time_ms = e[start + i].time_ms;
        t->order = *timed_count;
        t->item.reviews = reviews;
        t->item.count = (uint32_t)(i + 1);
    }
    out->pool_count += n - start;
}

int recite_fsrs_items_build(struct recite_fsrs_items *out, const struct recite_revlog *log,
                            int day_start_hour, struct recite_error *err)
{
    memset(out, 0, sizeof *out);
    size_t n = log->count, timed_count = 0;
    struct sorted_entry *sorted = calloc(n ? n : 1, sizeof *sorted);
    struct timed_item *timed = calloc(n ? n : 1, sizeof *timed);
    out->pool = calloc(n ? n : 1, sizeof *out->pool);
    int rc = 0;
    if (!sorted || !timed || !out->pool) {
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        snprintf(sorted[i].card_key, sizeof sorted[i].card_key, "%" PRId64,
                 log->entries[i].card_id);
        sorted[i].time_ms = log->entries[i].time_ms;
        sorted[i].input_index = i;
        sorted[i].entry = &log->entries[i];
    }
    qsort(sorted, n, sizeof *sorted, cmp_card_time);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && strcmp(sorted[j].card_key, sorted[i].card_key) == 0)
            j++;
        add_card(out, timed, &timed_count, sorted + i, j - i, day_start_hour);
        i = j;
    }
    qsort(timed, timed_count, sizeof *timed, cmp_timed);
    out->items = calloc(timed_count ? timed_count : 1, sizeof *out->items);
    if (!out->items) {
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < timed_count; i++)
        out->items[i] = timed[i].item;
    out->count = timed_count;
out:
    free(timed);
    free(sorted);
    if (rc < 0)
        recite_fsrs_items_release(out);
    return rc;
}

void recite_fsrs_items_release(struct recite_fsrs_items *items)
{
    free(items->pool);
    free(items->items);
    memset(items, 0, sizeof *items);
}

/* ---- outliers ---- */

struct candidate {
    uint32_t rating, delta_t;
    size_t pos; /* position among the candidates: keeps their order in a group */
    size_t index;
};

static int cmp_candidate(const void *a, const void *b)
{
    const struct candidate *x = a, *y = b;
    if (x->rating != y->rating)
        return x->rating < y->rating ? -1 : 1;
    if (x->delta_t != y->delta_t)
        return x->delta_t < y->delta_t ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

struct group {
    uint32_t delta_t;
    size_t start, len;
};

/* fsrs-rs visits a rating's groups smallest first, ties by smaller delta_t */
static int cmp_group(const void *a, const void *b)
{
    const struct group *x = a, *y = b;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return x->delta_t < y->delta_t ? -1 : x->delta_t > y->delta_t;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Decides one rating's groups; kept candidates go to kept, removed delta_ts to removed. */
static void decide_rating(const struct candidate *c, struct group *groups, size_t group_count,
                          uint32_t rating, size_t *kept, size_t *kept_count,
                          struct fsrs_removed *removed)
{
    size_t total = 0, removed_so_far = 0;
    for (size_t g = 0; g < group_count; g++)
        total += groups[g].len;
    size_t threshold = total / 20 > 20 ? total / 20 : 20;
    qsort(groups, group_count, sizeof *groups, cmp_group);
    for (size_t g = 0; g < group_count; g++) {
        const struct group *gr = &groups[g];
        bool keep = false;
        if (removed_so_far + gr->len >= threshold)
            keep = gr->len >= 6 && gr->delta_t <= (rating != 4 ? 100u : 365u);
        else
            removed_so_far += gr->len;
        if (keep) {
            for (size_t k = 0; k < gr->len; k++)
                kept[(*kept_count)++] = c[gr->start + k].index;
        } else if (rating <= 4) {
            removed->delta[rating][removed->count[rating]++] = gr->delta_t;
        }
    }
}

int fsrs_outliers(size_t **out_kept, size_t *out_kept_count, struct fsrs_removed *removed,
                  const struct recite_fsrs_items *items, const size_t *cand, size_t n)
{
    memset(removed, 0, sizeof *removed);
    struct candidate *c = calloc(n ? n : 1, sizeof *c);
    struct group *groups = calloc(n ? n : 1, sizeof *groups);
    size_t *kept = calloc(n ? n : 1, sizeof *kept);
    int rc = 0;
    for (int r = 0; r < 5; r++)
        if (!(removed->delta[r] = calloc(n ? n : 1, sizeof(uint32_t))))
            rc = RECITE_ENOMEM;
    if (!c || !groups || !kept || rc) {
        rc = RECITE_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        const struct recite_fsrs_item *it = &items->items[cand[i]];
        c[i].rating = it->reviews[0].rating;
        c[i].delta_t = it->reviews[it->count - 1].delta_t;
        c[i].pos = i;
        c[i].index = cand[i];
    }
    qsort(c, n, sizeof *c, cmp_candidate);
    size_t kept_count = 0;
    for (size_t i = 0; i < n;) {
        size_t group_count = 0, j = i;
        while (j < n && c[j].rating == c[i].rating) {
            size_t k = j;
            while (k < n && c[k].rating == c[j].rating && c[k].delta_t == c[j].delta_t)
                k++;
            groups[group_count++] = (struct group){c[j].delta_t, j, k - j};
            j = k;
        }
        decide_rating(c, groups, group_count, c[i].rating, kept, &kept_count, removed);
        i = j;
    }
    for (int r = 0; r < 5; r++)
        qsort(removed->delta[r], removed->count[r], sizeof(uint32_t), cmp_u32);
    *out_kept = kept;
    *out_kept_count = kept_count;
    kept = NULL;
out:
    free(kept);
    free(groups);
    free(c);
    if (rc < 0)
        fsrs_removed_release(removed);
    return rc;
}

bool fsrs_survives(const struct fsrs_removed *removed, const struct recite_fsrs_item *item)
{
    uint32_t rating = item->reviews[0].rating;
    if (rating > 4)
        return true;
    uint32_t delta = fsrs_first_long_term_delta(item);
    return bsearch(&delta, removed->delta[rating], removed->count[rating], sizeof(uint32_t),
                   cmp_u32) == NULL;
}

void fsrs_removed_release(struct fsrs_removed *removed)
{
    for (int r = 0; r < 5; r++)
        free(removed->delta[r]);
    memset(removed, 0, sizeof *removed);
}
