/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Log loss and RMSE(bins) of a parameter set, as fsrs-rs's evaluate reports
 * them after its outlier filter: first-interval items that survive come
 * first, then the later items, and the recency weights follow that order.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fsrs_model.h"

const double recite_fsrs_default_w[21] = {
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

/* fsrs-rs's bin of an item: interval, review count and lapse count on log scales. */
struct bin {
    uint32_t key[3];
    double predicted, actual, count, weight;
};

static uint32_t log_bin(double x, double base, double scale)
{
    return (uint32_t)llround(scale * pow(base, floor(log(x) / log(base))));
}

static void bin_key(uint32_t key[3], const struct recite_fsrs_item *item)
{
    const struct recite_fsrs_review *cur = &item->reviews[item->count - 1];
    key[0] = log_bin((double)cur->delta_t, 3.62, 248.0);
    key[1] = log_bin((double)fsrs_long_term_count(item) + 1.0, 1.89, 1.99);
    size_t lapses = 0;
    for (uint32_t i = 0; i + 1 < item->count; i++)
        lapses += item->reviews[i].rating == 1 && item->reviews[i].delta_t > 0;
    key[2] = lapses ? log_bin((double)lapses, 1.73, 1.65) : 0;
}

static int cmp_bin(const void *a, const void *b)
{
    const struct bin *x = a, *y = b;
    for (int i = 0; i < 3; i++)
        if (x->key[i] != y->key[i])
            return x->key[i] < y->key[i] ? -1 : 1;
    return 0;
}

static double rmse_bins(struct bin *bins, size_t n)
{
    qsort(bins, n, sizeof *bins, cmp_bin);
    double sum = 0, weight = 0;
    for (size_t i = 0; i < n;) {
        struct bin acc = bins[i];
        size_t j = i + 1;
        for (; j < n && cmp_bin(&bins[j], &acc) == 0; j++) {
            acc.predicted += bins[j].predicted;
            acc.actual += bins[j].actual;
            acc.count += bins[j].count;
            acc.weight += bins[j].weight;
        }
        double diff = acc.predicted / acc.count - acc.actual / acc.count;
        sum += diff * diff * acc.weight;
        weight += acc.weight;
        i = j;
    }
    return sqrt(sum / weight);
}

/* The items evaluate scores, in fsrs-rs's order. Caller frees *out. */
static int evaluation_order(size_t **out, size_t *out_count, const struct recite_fsrs_items *items)
{
    size_t n = items->count, cand_count = 0, *kept = NULL, kept_count = 0;
    size_t *cand = calloc(n ? n : 1, sizeof *cand);
    size_t *order = calloc(n ? n : 1, sizeof *order);
    struct fsrs_removed removed;
    int rc = RECITE_ENOMEM;
    if (!cand || !order)
        goto out;
    for (size_t i = 0; i < n; i++)
        if (fsrs_long_term_count(&items->items[i]) == 1)
            cand[cand_count++] = i;
    if ((rc = fsrs_outliers(&kept, &kept_count, &removed, items, cand, cand_count)) < 0)
        goto out;
    memcpy(order, kept, kept_count * sizeof *order);
    size_t count = kept_count;
    for (size_t i = 0; i < n; i++) {
        const struct recite_fsrs_item *it = &items->items[i];
        if (fsrs_long_term_count(it) != 1 && fsrs_survives(&removed, it))
            order[count++] = i;
    }
    fsrs_removed_release(&removed);
    *out = order;
    *out_count = count;
    order = NULL;
out:
    free(kept);
    free(order);
    free(cand);
    return rc;
}

int recite_fsrs_evaluate(struct recite_fsrs_metrics *out, const double w_in[21],
                         const struct recite_fsrs_items *items, struct recite_error *err)
{
    size_t *order = NULL, n = 0;
    struct bin *bins = NULL;
    int rc = evaluation_order(&order, &n, items);
    if (rc < 0)
        return recite_error_set(err, rc, "out of memory");
    if (n == 0) {
        rc = recite_error_set(err, RECITE_EDATA, "no reviews to evaluate on");
        goto out;
    }
    if (!(bins = calloc(n, sizeof *bins))) {
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        goto out;
    }
    double w[21];
    memcpy(w, w_in, sizeof w);
    fsrs_clip(w, false);
    struct fsrs_model m;
    fsrs_model_init(&m, w);
    double loss = 0, weight_sum = 0;
    for (size_t k = 0; k < n; k++) {
        const struct recite_fsrs_item *it = &items->items[order[k]];
        struct fsrs_state st;
        fsrs_state_first(&m, &st, it->reviews[0].rating, false);
        for (uint32_t i = 1; i + 1 < it->count; i++)
            fsrs_state_step(&m, &st, it->reviews[i].delta_t, it->reviews[i].rating, false);
        double p = fsrs_recall(&m, &st, it->reviews[it->count - 1].delta_t, NULL);
        double y = it->reviews[it->count - 1].rating > 1;
        double weight = fsrs_recency_weight(k, n);
        loss += (y * log(p) + (1 - y) * log(1 - p)) * weight;
        weight_sum += weight;
        bin_key(bins[k].key, it);
        bins[k].predicted = p;
        bins[k].actual = y;
        bins[k].count = 1;
        bins[k].weight = weight;
    }
    out->log_loss = -loss / weight_sum;
    out->rmse_bins = rmse_bins(bins, n);
    out->count = n;
    if (!isfinite(out->log_loss) || !isfinite(out->rmse_bins))
        rc = recite_error_set(err, RECITE_EDATA, "the parameters give no finite log loss");
out:
    free(bins);
    free(order);
    return rc;
}
