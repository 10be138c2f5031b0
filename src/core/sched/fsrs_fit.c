/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fitting FSRS-6 weights as fsrs-rs 6.5's compute_parameters does: outlier
 * filter, pre-training of w0..w3 from first intervals, then Adam on all 21
 * weights in length-sorted batches with cosine-annealed learning rate, L2
 * pull toward the start and recency weights, keeping the best epoch. The
 * batch order comes from our own seeded generator, so a log gives the same
 * weights on every machine.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fsrs_model.h"

static const double params_stddev[FSRS_N] = {6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6,
                                             0.12, 0.39, 0.18,  0.33,  0.3,  0.09, 0.16,
                                             0.57, 0.25, 1.03,  0.31,  0.32, 0.14, 0.27};

/* ---- pre-training of the initial stabilities ---- */

struct first_interval {
    uint32_t rating, delta_t;
    double label;
};

static int cmp_first(const void *a, const void *b)
{
    const struct first_interval *x = a, *y = b;
    if (x->rating != y->rating)
        return x->rating < y->rating ? -1 : 1;
    return x->delta_t < y->delta_t ? -1 : x->delta_t > y->delta_t;
}

/* The pre-training loss of s0 on one rating's (delta_t, recall, count) points. */
static double init_loss(const double *dt, const double *recall, const double *count, size_t n,
                        double s0, double default_s0)
{
    double decay = -(double)(float)0.1542;
    double factor = pow(0.9, 1.0 / decay) - 1.0;
    double loss = 0;
    for (size_t i = 0; i < n; i++) {
        double y = pow(dt[i] / s0 * factor + 1.0, decay);
        loss += -(recall[i] * log(y) + (1.0 - recall[i]) * log(1.0 - y)) * count[i];
    }
    return loss + fabs(s0 - default_s0) / 16.0;
}

/* Ternary search of one rating's initial stability, as fsrs-rs does it. */
static double search_s0(const double *dt, const double *recall, const double *count, size_t n,
                        double default_s0)
{
    double low = (double)(float)FSRS_S_MIN, high = FSRS_INIT_S_MAX, best = default_s0;
    for (int iter = 0; high - low > 2.220446049250313e-16 && iter < 1000; iter++) {
        double mid1 = low + (high - low) / 3.0, mid2 = high - (high - low) / 3.0;
        if (init_loss(dt, recall, count, n, mid1, default_s0) <
            init_loss(dt, recall, count, n, mid2, default_s0))
            high = mid2;
        else
            low = mid1;
        best = (high + low) / 2.0;
    }
    return (double)(float)best;
}

/*
 * Makes the four initial stabilities ordered and fills the ratings never
 * seen first (fsrs-rs's smooth_and_fill). has[r] says s[r] is known, count[r]
 * how many first intervals rating r had. Returns false when none is known.
 */
static bool smooth_and_fill(double out[4], double s[5], bool has[5], const uint32_t count[5])
{
    static const int pairs[6][2] = {{1, 2}, {2, 3}, {3, 4}, {1, 3}, {2, 4}, {1, 4}};
    size_t known = 0;
    for (int r = 1; r <= 4; r++) {
        has[r] = has[r] && count[r] > 0;
        known += has[r];
    }
    for (int k = 0; k < 6; k++) {
        int a = pairs[k][0], b = pairs[k][1];
        if (has[a] && has[b] && s[a] > s[b]) {
            if (count[a] > count[b])
                s[b] = s[a];
            else
                s[a] = s[b];
        }
    }
    const double w1 = (float)0.41, w2 = (float)0.54;
    if (known == 0)
        return false;
    if (known == 1) {
        int r = has[1] ? 1 : has[2] ? 2 : has[3] ? 3 : 4;
        double f = s[r] / (double)(float)recite_fsrs_default_w[r - 1];
        for (int i = 1; i <= 4; i++)
            s[i] = (double)(float)recite_fsrs_default_w[i - 1] * f;
    } else if (known == 2) {
        double w12 = w1 / (w1 + w2 - w1 * w2);
        double w22 = w2 / (w1 + w2 - w1 * w2);
        if (has[3] && has[4]) {
            s[2] = pow(s[3], 1.0 / (1.0 - w2)) * pow(s[4], 1.0 - 1.0 / (1.0 - w2));
            s[1] = pow(s[2], 1.0 / w1) * pow(s[3], 1.0 - 1.0 / w1);
        } else if (has[2] && has[4]) {
            s[3] = pow(s[2], 1.0 - w2) * pow(s[4], w2);
            s[1] = pow(s[2], 1.0 / w1) * pow(s[3], 1.0 - 1.0 / w1);
        } else if (has[2] && has[3]) {
            s[4] = pow(s[2], 1.0 - 1.0 / w2) * pow(s[3], 1.0 / w2);
            s[1] = pow(s[2], 1.0 / w1) * pow(s[3], 1.0 - 1.0 / w1);
        } else if (has[1] && has[4]) {
            s[2] = pow(s[1], w12) * pow(s[4], 1.0 - w12);
            s[3] = pow(s[1], 1.0 - w22) * pow(s[4], w22);
        } else if (has[1] && has[3]) {
            s[2] = pow(s[1], w1) * pow(s[3], 1.0 - w1);
            s[4] = pow(s[2], 1.0 - 1.0 / w2) * pow(s[3], 1.0 / w2);
        } else {
            s[3] = pow(s[1], 1.0 - 1.0 / (1.0 - w1)) * pow(s[2], 1.0 / (1.0 - w1));
            s[4] = pow(s[2], 1.0 - 1.0 / w2) * pow(s[3], 1.0 / w2);
        }
    } else if (known == 3) {
        if (!has[1])
            s[1] = pow(s[2], 1.0 / w1) * pow(s[3], 1.0 - 1.0 / w1);
        else if (!has[2])
            s[2] = pow(s[1], w1) * pow(s[3], 1.0 - w1);
        else if (!has[3])
            s[3] = pow(s[2], 1.0 - w2) * pow(s[4], w2);
        else
            s[4] = pow(s[2], 1.0 - 1.0 / w2) * pow(s[3], 1.0 / w2);
    }
    for (int i = 0; i < 4; i++) {
        double v = (double)(float)s[i + 1];
        out[i] = v < FSRS_S_MIN ? FSRS_S_MIN : v > FSRS_INIT_S_MAX ? FSRS_INIT_S_MAX : v;
    }
    return true;
}

/* Pre-trains w0..w3 on the kept first-interval items. */
static int pretrain(double out[4], uint32_t count[5], const struct recite_fsrs_items *items,
                    const size_t *kept, size_t n, double average_recall)
{
    struct first_interval *fi = calloc(n ? n : 1, sizeof *fi);
    double *dt = calloc(n ? n : 1, sizeof *dt);
    double *recall = calloc(n ? n : 1, sizeof *recall);
    double *cnt = calloc(n ? n : 1, sizeof *cnt);
    int rc = RECITE_ENOMEM;
    if (!fi || !dt || !recall || !cnt)
        goto out;
    for (size_t i = 0; i < n; i++) {
        const struct recite_fsrs_item *it = &items->items[kept[i]];
        fi[i].rating = it->reviews[0].rating;
        for (uint32_t k = 0; k < it->count; k++) {
            if (it->reviews[k].delta_t > 0) {
                fi[i].delta_t = it->reviews[k].delta_t;
                fi[i].label = it->reviews[k].rating > 1;
                break;
            }
        }
    }
    qsort(fi, n, sizeof *fi, cmp_first);
    double s[5] = {0};
    bool has[5] = {false};
    memset(count, 0, 5 * sizeof *count);
    for (size_t i = 0; i < n;) {
        uint32_t rating = fi[i].rating;
        size_t points = 0, j = i;
        while (j < n && fi[j].rating == rating) {
            size_t k = j;
            double sum = 0;
            for (; k < n && fi[k].rating == rating && fi[k].delta_t == fi[j].delta_t; k++)
                sum += fi[k].label;
            double c = (double)(k - j);
            dt[points] = fi[j].delta_t;
            cnt[points] = c;
            recall[points] = (sum / c * c + average_recall) / (c + 1.0);
            points++;
            j = k;
        }
        if (rating >= 1 && rating <= 4) {
            count[rating] = (uint32_t)(j - i);
            s[rating] = search_s0(dt, recall, cnt, points,
                                  (double)(float)recite_fsrs_default_w[rating - 1]);
            has[rating] = true;
        }
        i = j;
    }
    rc = smooth_and_fill(out, s, has, count) ? 0 : RECITE_EDATA;
out:
    free(cnt);
    free(recall);
    free(dt);
    free(fi);
    return rc;
}

/* ---- gradient descent ---- */

struct weighted {
    const struct recite_fsrs_item *item;
    double weight;
    size_t pos; /* place in the training set: ties keep it, as a stable sort does */
};

static int cmp_length(const void *a, const void *b)
{
    const struct weighted *x = a, *y = b;
    if (x->item->count != y->item->count)
        return x->item->count < y->item->count ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Weighted log loss of one item, as training scores it. */
static double item_loss(const struct fsrs_model *m, const struct weighted *wi)
{
    const struct recite_fsrs_item *it = wi->item;
    struct fsrs_state st;
    fsrs_state_first(m, &st, it->reviews[0].rating, false);
    for (uint32_t i = 1; i + 1 < it->count; i++)
        fsrs_state_step(m, &st, it->reviews[i].delta_t, it->reviews[i].rating, false);
    double r = fsrs_recall(m, &st, it->reviews[it->count - 1].delta_t, NULL);
    double y = it->reviews[it->count - 1].rating > 1;
    const double lo = 1e-7, hi = 1.0 - 1e-7;
    r = r < lo ? lo : r > hi ? hi : r;
    return -(y * log(r) + (1.0 - y) * log(1.0 - r)) * wi->weight;
}

/* splitmix64: small, fast and the same everywhere */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static void shuffle(size_t *a, size_t n, uint64_t *state)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(next_random(state) % i);
        size_t t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}

struct adam {
    double m[FSRS_N], v[FSRS_N];
    int t;
};

static void adam_step(struct adam *a, double *w, const double *grad, double lr)
{
    a->t++;
    double bias1 = 1.0 - pow(0.9, a->t), bias2 = 1.0 - pow(0.999, a->t);
    for (int i = 0; i < FSRS_N; i++) {
        a->m[i] = 0.9 * a->m[i] + 0.1 * grad[i];
        a->v[i] = 0.999 * a->v[i] + 0.001 * grad[i] * grad[i];
        w[i] -= lr * (a->m[i] / bias1) / (sqrt(a->v[i] / bias2) + 1e-8);
    }
}

#define PI 3.14159265358979323846

/* fsrs-rs's cosine annealing, in its recursive form */
struct cosine_lr {
    double t_max, init_lr, lr, step;
};

static double cosine_next(struct cosine_lr *c)
{
    c->step += 1.0;
    if (c->step == 0.0)
        c->lr = c->init_lr;
    else if (fmod(c->step - 1.0 - c->t_max, 2.0 * c->t_max) == 0.0)
        c->lr = c->init_lr * (1.0 - cos(PI / c->t_max)) / 2.0;
    else
        c->lr = (1.0 + cos(PI * c->step / c->t_max)) /
                (1.0 + cos(PI * (c->step - 1.0) / c->t_max)) * c->lr;
    return c->lr;
}

static double l2_sum(const double *w, const double *init)
{
    double sum = 0;
    for (int i = 0; i < FSRS_N; i++) {
        double d = w[i] - init[i];
        sum += d * d / (params_stddev[i] * params_stddev[i]);
    }
    return sum;
}

struct trainer {
    struct weighted *set;
    size_t total, batch_size, batch_count;
    struct fsrs_step_cache *cache; /* room for the longest item's steps */
    const double *init;
    const struct recite_fsrs_fit_options *opts;
};

static size_t batch_len(const struct trainer *tr, size_t b)
{
    size_t start = b * tr->batch_size;
    return tr->total - start < tr->batch_size ? tr->total - start : tr->batch_size;
}

/* One epoch of Adam steps; false when the progress callback asked to stop. */
static bool train_epoch(const struct trainer *tr, double *w, struct adam *adam,
                        struct cosine_lr *lr, size_t *order, uint64_t *rng, size_t *done)
{
    for (size_t b = 0; b < tr->batch_count; b++)
        order[b] = b;
    shuffle(order, tr->batch_count, rng);
    for (size_t k = 0; k < tr->batch_count; k++) {
        size_t b = order[k], len = batch_len(tr, b);
        double grad[FSRS_N] = {0}, step = cosine_next(lr);
        struct fsrs_model m;
        fsrs_model_init(&m, w);
        for (size_t i = 0; i < len; i++) {
            const struct weighted *wi = &tr->set[b * tr->batch_size + i];
            fsrs_item_loss_grad(&m, wi->item, wi->weight, grad, tr->cache);
        }
        double scale = tr->opts->gamma * (double)len / (double)tr->total;
        for (int i = 0; i < FSRS_N; i++)
            grad[i] += 2.0 * (w[i] - tr->init[i]) / (params_stddev[i] * params_stddev[i]) * scale;
        adam_step(adam, w, grad, step);
        fsrs_clip(w, true);
        *done += 1;
        if (tr->opts->progress && !tr->opts->progress(tr->opts->progress_ctx, *done,
                                                      tr->batch_count * (size_t)tr->opts->epochs))
            return false;
    }
    return true;
}

static double train_loss(const struct trainer *tr, const double *w)
{
    struct fsrs_model m;
    fsrs_model_init(&m, w);
    double loss = 0;
    for (size_t i = 0; i < tr->total; i++)
        loss += item_loss(&m, &tr->set[i]);
    loss += l2_sum(w, tr->init) * tr->opts->gamma;
    return loss / (double)tr->total;
}

static int train(double *out, struct trainer *tr)
{
    const struct recite_fsrs_fit_options *o = tr->opts;
    qsort(tr->set, tr->total, sizeof *tr->set, cmp_length);
    tr->batch_count = (tr->total + tr->batch_size - 1) / tr->batch_size;
    size_t longest = 1;
    for (size_t i = 0; i < tr->total; i++)
        longest = tr->set[i].item->count > longest ? tr->set[i].item->count : longest;
    size_t *order = calloc(tr->batch_count ? tr->batch_count : 1, sizeof *order);
    tr->cache = calloc(longest, sizeof *tr->cache);
    if (!order || !tr->cache) {
        free(order);
        free(tr->cache);
        return RECITE_ENOMEM;
    }
    struct cosine_lr lr = {(double)((tr->total / tr->batch_size + 1) * (size_t)o->epochs),
                           o->learning_rate, o->learning_rate, -1.0};
    struct adam adam;
    memset(&adam, 0, sizeof adam);
    uint64_t rng = o->seed;
    double w[FSRS_N], best = INFINITY;
    memcpy(w, tr->init, sizeof w);
    memcpy(out, tr->init, sizeof w);
    size_t done = 0;
    int rc = 0;
    for (int epoch = 0; epoch < o->epochs; epoch++) {
        if (!train_epoch(tr, w, &adam, &lr, order, &rng, &done)) {
            rc = RECITE_EUSAGE;
            break;
        }
        double loss = train_loss(tr, w);
        if (loss < best) {
            best = loss;
            memcpy(out, w, sizeof w);
        }
    }
    free(tr->cache);
    free(order);
    return rc;
}

/* ---- compute_parameters ---- */

struct prepared {
    size_t *kept, kept_count;   /* first-interval items for pre-training */
    size_t *train, train_count; /* items that survive the outlier filter, in order */
};

static int prepare(struct prepared *p, const struct recite_fsrs_items *items)
{
    size_t n = items->count, cand_count = 0;
    struct fsrs_removed removed;
    memset(p, 0, sizeof *p);
    size_t *cand = calloc(n ? n : 1, sizeof *cand);
    p->train = calloc(n ? n : 1, sizeof *p->train);
    int rc = RECITE_ENOMEM;
    if (!cand || !p->train)
        goto out;
    for (size_t i = 0; i < n; i++)
        if (fsrs_long_term_count(&items->items[i]) == 1)
            cand[cand_count++] = i;
    if ((rc = fsrs_outliers(&p->kept, &p->kept_count, &removed, items, cand, cand_count)) < 0)
        goto out;
    for (size_t i = 0; i < n; i++)
        if (fsrs_survives(&removed, &items->items[i]))
            p->train[p->train_count++] = i;
    fsrs_removed_release(&removed);
out:
    free(cand);
    return rc;
}

static int fit_prepared(double out_w[21], enum recite_fsrs_fit_kind *kind,
                        const struct recite_fsrs_items *items, const struct prepared *p,
                        const struct recite_fsrs_fit_options *opts)
{
    size_t passed = 0;
    for (size_t i = 0; i < p->train_count; i++) {
        const struct recite_fsrs_item *it = &items->items[p->train[i]];
        passed += it->reviews[it->count - 1].rating > 1;
    }
    double average_recall =
        p->train_count ? (double)(float)((float)passed / (float)p->train_count) : 0;
    memcpy(out_w, recite_fsrs_default_w, 21 * sizeof *out_w);
    *kind = RECITE_FIT_DEFAULTS;
    if (p->train_count < 8)
        return 0;
    double init[FSRS_N];
    uint32_t rating_count[5];
    memcpy(init, recite_fsrs_default_w, sizeof init);
    int rc = pretrain(init, rating_count, items, p->kept, p->kept_count, average_recall);
    if (rc == RECITE_EDATA)
        return 0; /* no first interval to learn from: the defaults stand */
    if (rc < 0)
        return rc;
    memcpy(out_w, init, sizeof init);
    *kind = RECITE_FIT_INITIAL;
    if (p->train_count == p->kept_count || p->train_count < 64)
        return 0;
    struct trainer tr = {
        calloc(p->train_count, sizeof(struct weighted)), 0, opts->batch_size, 0, NULL, init, opts};
    if (!tr.set)
        return RECITE_ENOMEM;
    for (size_t i = 0; i < p->train_count; i++) {
        const struct recite_fsrs_item *it = &items->items[p->train[i]];
        if (it->count > opts->max_seq_len)
            continue;
        tr.set[tr.total] = (struct weighted){it, fsrs_recency_weight(i, p->train_count), tr.total};
        tr.total++;
    }
    double w[FSRS_N];
    rc = train(w, &tr);
    free(tr.set);
    if (rc < 0)
        return rc;
    for (int i = 0; i < FSRS_N; i++)
        if (!isfinite(w[i]))
            return RECITE_EDATA;
    double s[5] = {0, w[0], w[1], w[2], w[3]};
    bool has[5] = {false, true, true, true, true};
    smooth_and_fill(w, s, has, rating_count);
    memcpy(out_w, w, sizeof w);
    *kind = RECITE_FIT_FULL;
    return 0;
}

int recite_fsrs_fit(double out_w[21], enum recite_fsrs_fit_kind *out_kind,
                    const struct recite_fsrs_items *items,
                    const struct recite_fsrs_fit_options *opts, struct recite_error *err)
{
    struct recite_fsrs_fit_options defaults = RECITE_FSRS_FIT_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    if (opts->batch_size == 0 || opts->epochs < 0)
        return recite_error_set(err, RECITE_EUSAGE, "bad fit options");
    enum recite_fsrs_fit_kind kind;
    struct prepared p;
    int rc = prepare(&p, items);
    if (rc == 0)
        rc = fit_prepared(out_w, &kind, items, &p, opts);
    free(p.kept);
    free(p.train);
    if (rc == RECITE_EUSAGE)
        return recite_error_set(err, rc, "fit interrupted");
    if (rc == RECITE_EDATA)
        return recite_error_set(err, rc, "the fit diverged");
    if (rc < 0)
        return recite_error_set(err, rc, "out of memory");
    if (out_kind)
        *out_kind = kind;
    return 0;
}
