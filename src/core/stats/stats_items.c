/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Item analysis of quizzes, as Moodle's quiz statistics report computes it:
 * the facility index is the mean credit of an item, the discrimination index
 * the correlation between the item's credit and the rest of the quiz. Quizzes
 * draw different items, so "the rest" is the mean credit of the other items
 * of the same sitting.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "recite/common.h"
#include "recite/stats.h"

/* One answered item with the rest of its quiz. */
struct pair {
    const struct recite_stats_item_row *row;
    double rest; /* mean credit of the other items of the quiz; NAN when alone */
};

static int pair_compare(const void *a, const void *b)
{
    const struct pair *x = a, *y = b;
    int c = strcmp(x->row->card_uid, y->row->card_uid);
    if (c != 0)
        return c;
    return x->row->session_id < y->row->session_id ? -1 : x->row->session_id > y->row->session_id;
}

static int item_compare(const void *a, const void *b)
{
    const struct recite_stats_item *x = a, *y = b;
    if (x->facility != y->facility)
        return x->facility < y->facility ? -1 : 1;
    return strcmp(x->card_uid, y->card_uid);
}

/* Fills pairs (one per row) with the rest-of-quiz score; counts quizzes. */
static size_t pair_rows(struct pair *pairs, const struct recite_stats_item_row *rows, size_t count)
{
    size_t quizzes = 0;
    for (size_t start = 0; start < count;) {
        size_t end = start;
        double total = 0;
        while (end < count && rows[end].session_id == rows[start].session_id)
            total += rows[end++].credit;
        size_t n = end - start;
        for (size_t i = start; i < end; i++)
            pairs[i] =
                (struct pair){&rows[i], n > 1 ? (total - rows[i].credit) / (double)(n - 1) : NAN};
        quizzes++;
        start = end;
    }
    return quizzes;
}

/* The figures of one item from its pairs [0, n). */
static void item_figures(struct recite_stats_item *item, const struct pair *pairs, size_t n)
{
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, all = 0, all_sq = 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        double x = pairs[i].row->credit;
        all += x;
        all_sq += x * x;
        if (isnan(pairs[i].rest))
            continue;
        double y = pairs[i].rest;
        sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y;
        m++;
    }
    item->attempts = n;
    item->facility = 100.0 * all / (double)n;
    double var = n > 1 ? (all_sq - all * all / (double)n) / (double)(n - 1) : 0;
    item->sd = 100.0 * sqrt(var > 0 ? var : 0);
    double cov = sxy - sx * sy / (double)m;
    double vx = sxx - sx * sx / (double)m, vy = syy - sy * sy / (double)m;
    item->discrimination = m >= 2 && vx > 1e-12 && vy > 1e-12 ? 100.0 * cov / sqrt(vx * vy) : NAN;
}

/* Builds one item per card uid from pairs sorted by uid. */
static int build_items(struct recite_stats_items *out, const struct pair *pairs, size_t count,
                       struct recite_error *err)
{
    for (size_t start = 0; start < count;) {
        size_t end = start + 1;
        while (end < count && strcmp(pairs[end].row->card_uid, pairs[start].row->card_uid) == 0)
            end++;
        struct recite_stats_item *item = &out->items[out->count];
        memset(item, 0, sizeof(*item));
        item_figures(item, pairs + start, end - start);
        item->card_uid = recite_strdup(pairs[start].row->card_uid);
        item->prompt = recite_strdup(pairs[end - 1].row->prompt ? pairs[end - 1].row->prompt : "");
        out->count++;
        if (!item->card_uid || !item->prompt)
            return recite_error_set(err, RECITE_ENOMEM, "out of memory");
        start = end;
    }
    return 0;
}

int recite_stats_items_from_rows(struct recite_stats_items *out,
                                 const struct recite_stats_item_row *rows, size_t count,
                                 struct recite_error *err)
{
    memset(out, 0, sizeof(*out));
    if (count == 0)
        return 0;
    struct pair *pairs = calloc(count, sizeof(*pairs));
    out->items = calloc(count, sizeof(*out->items));
    if (!pairs || !out->items) {
        free(pairs);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    out->quizzes = pair_rows(pairs, rows, count);
    qsort(pairs, count, sizeof(*pairs), pair_compare);
    int rc = build_items(out, pairs, count, err);
    free(pairs);
    if (rc == 0)
        qsort(out->items, out->count, sizeof(*out->items), item_compare);
    return rc;
}

int recite_stats_items_compute(struct recite_stats_items *out, struct recite_store *st,
                               const char *bank_slug, struct recite_error *err)
{
    memset(out, 0, sizeof(*out));
    struct recite_stats_item_row *rows = NULL;
    size_t count = 0;
    int rc = recite_store_stats_quiz_items(st, bank_slug, &rows, &count, err);
    if (rc == 0)
        rc = recite_stats_items_from_rows(out, rows, count, err);
    recite_stats_item_rows_free(rows, count);
    return rc;
}

void recite_stats_items_release(struct recite_stats_items *items)
{
    if (!items)
        return;
    for (size_t i = 0; i < items->count; i++) {
        free(items->items[i].card_uid);
        free(items->items[i].prompt);
    }
    free(items->items);
    items->items = NULL;
    items->count = 0;
}
