/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * FSRS-6 as fsrs-rs's optimizer computes it, with forward-mode derivatives:
 * each state carries d s / d w and d d / d w, so a prediction's gradient is
 * ready when the prediction is. Clamps stop the gradient only outside their
 * interval, as fsrs-rs's analytic gradients do.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fsrs_model.h"

static double clampd(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

static bool inside(double x, double lo, double hi)
{
    return x >= lo && x <= hi;
}

static double init_difficulty(const double *w, uint32_t rating)
{
    return w[4] - exp(w[5] * (double)(rating - 1)) + 1.0;
}

void fsrs_model_init(struct fsrs_model *m, const double w[FSRS_N])
{
    memcpy(m->w, w, sizeof m->w);
    m->decay = -w[20];
    double c = log(0.9);
    m->factor = exp(c / m->decay) - 1.0;
    m->dfactor_ddecay = exp(c / m->decay) * (-c / (m->decay * m->decay));
    m->exp_w8 = exp(w[8]);
    m->failure_divisor = exp(w[17] * w[18]);
    m->easy_d = init_difficulty(w, 4);
}

void fsrs_state_first(const struct fsrs_model *m, struct fsrs_state *st, uint32_t rating, bool grad)
{
    const double *w = m->w;
    uint32_t r = rating < 1 ? 1 : rating > 4 ? 4 : rating;
    double raw_d = init_difficulty(w, r);
    st->s = clampd(w[r - 1], FSRS_S_MIN, FSRS_S_MAX);
    st->d = clampd(raw_d, FSRS_D_MIN, FSRS_D_MAX);
    if (!grad)
        return;
    memset(st->ds, 0, sizeof st->ds);
    memset(st->dd, 0, sizeof st->dd);
    if (inside(w[r - 1], FSRS_S_MIN, FSRS_S_MAX))
        st->ds[r - 1] = 1.0;
    if (inside(raw_d, FSRS_D_MIN, FSRS_D_MAX)) {
        double off = (double)(r - 1);
        st->dd[4] = 1.0;
        st->dd[5] = -off * exp(off * w[5]);
    }
}

double fsrs_recall(const struct fsrs_model *m, const struct fsrs_state *st, double t, double *dr)
{
    if (t < 0)
        t = 0;
    double base = t / st->s * m->factor + 1.0;
    double log_base = log(base);
    double r = exp(m->decay * log_base); /* pow(base, decay), with the log reused below */
    if (!dr)
        return r;
    /* dR/dS through the base; dR/dw20 through decay and factor (decay = -w20) */
    double dr_ds = r * m->decay / base * (-t * m->factor / (st->s * st->s));
    double dr_ddecay = r * (log_base + m->decay / base * (t / st->s * m->dfactor_ddecay));
    for (int i = 0; i < FSRS_N; i++)
        dr[i] = dr_ds * st->ds[i];
    dr[20] -= dr_ddecay;
    return r;
}

/* New stability of a same-day review; ds_new receives its gradient. */
static double short_term(const struct fsrs_model *m, const struct fsrs_state *st, uint32_t rating,
                         double *ds_new)
{
    const double *w = m->w;
    double s = st->s, q = (double)rating - 3.0 + w[18];
    double log_s = log(s);
    double raw = exp(w[17] * q - w[19] * log_s);
    bool active = !(rating >= 2 && raw < 1.0);
    double value = rating >= 2 && raw < 1.0 ? 1.0 : raw;
    if (ds_new) {
        for (int i = 0; i < FSRS_N; i++)
            ds_new[i] = value * st->ds[i];
        if (active) {
            double g = s * raw;
            for (int i = 0; i < FSRS_N; i++)
                ds_new[i] += g * (-w[19] / s) * st->ds[i];
            ds_new[17] += g * q;
            ds_new[18] += g * w[17];
            ds_new[19] += g * -log_s;
        }
    }
    return s * value;
}

static double failure(const struct fsrs_model *m, const struct fsrs_state *st, double r,
                      const double *dr, double *ds_new)
{
    const double *w = m->w;
    double s = st->s, d = st->d;
    double log_s1 = log(s + 1.0), log_d = log(d);
    double pow_s = exp(w[13] * log_s1);
    double d_pow = exp(-w[12] * log_d);
    double er = exp((1.0 - r) * w[14]);
    double raw = w[11] * d_pow * (pow_s - 1.0) * er;
    double floor_s = s / m->failure_divisor;
    if (floor_s < raw) {
        if (ds_new) {
            for (int i = 0; i < FSRS_N; i++)
                ds_new[i] = st->ds[i] / m->failure_divisor;
            ds_new[17] += floor_s * -w[18];
            ds_new[18] += floor_s * -w[17];
        }
        return floor_s;
    }
    if (ds_new) {
        double g_s = w[11] * d_pow * er * w[13] * pow_s / (s + 1.0);
        double g_d = raw * (-w[12] / d);
        double g_r = raw * -w[14];
        for (int i = 0; i < FSRS_N; i++)
            ds_new[i] = g_s * st->ds[i] + g_d * st->dd[i] + g_r * dr[i];
        ds_new[11] += raw / w[11];
        ds_new[12] += raw * -log_d;
        ds_new[13] += w[11] * d_pow * er * pow_s * log_s1;
        ds_new[14] += raw * (1.0 - r);
    }
    return raw;
}

static double success(const struct fsrs_model *m, const struct fsrs_state *st, double r,
                      const double *dr, uint32_t rating, double *ds_new)
{
    const double *w = m->w;
    double s = st->s, d = st->d;
    double hp = rating == 2 ? w[15] : 1.0;
    double eb = rating == 4 ? w[16] : 1.0;
    double log_s = log(s);
    double c_s = exp(-w[9] * log_s);
    double exp_e = exp((1.0 - r) * w[10]);
    double e = exp_e - 1.0;
    double a = m->exp_w8, b = 11.0 - d;
    double inc = a * b * c_s * e * hp * eb;
    if (ds_new) {
        /* s' = s (1 + inc): d s' = (1 + inc) ds + s d inc */
        double g_s = (1.0 + inc) + s * inc * (-w[9] / s);
        double g_d = -s * a * c_s * e * hp * eb;
        double g_r = s * a * b * c_s * hp * eb * (-w[10] * exp_e);
        for (int i = 0; i < FSRS_N; i++)
            ds_new[i] = g_s * st->ds[i] + g_d * st->dd[i] + g_r * dr[i];
        ds_new[8] += s * inc;
        ds_new[9] += s * inc * -log_s;
        ds_new[10] += s * a * b * c_s * hp * eb * (1.0 - r) * exp_e;
        if (rating == 2)
            ds_new[15] += s * a * b * c_s * e * eb;
        if (rating == 4)
            ds_new[16] += s * a * b * c_s * e * hp;
    }
    return s * (1.0 + inc);
}

/* New difficulty; dd_new receives its gradient. */
static double difficulty(const struct fsrs_model *m, const struct fsrs_state *st, uint32_t rating,
                         double *dd_new)
{
    const double *w = m->w;
    double rm3 = (double)rating - 3.0;
    double d = st->d;
    double delta = -w[6] * rm3;
    double next = d + (10.0 - d) * delta / 9.0;
    double mean = w[7] * (m->easy_d - next) + next;
    if (dd_new) {
        if (!inside(mean, FSRS_D_MIN, FSRS_D_MAX)) {
            memset(dd_new, 0, sizeof(double) * FSRS_N);
        } else {
            double g_next = 1.0 - w[7];
            for (int i = 0; i < FSRS_N; i++)
                dd_new[i] = g_next * (1.0 - delta / 9.0) * st->dd[i];
            dd_new[6] += g_next * (10.0 - d) * -rm3 / 9.0;
            dd_new[7] += m->easy_d - next;
            dd_new[4] += w[7];
            dd_new[5] += w[7] * -3.0 * exp(3.0 * w[5]);
        }
    }
    return clampd(mean, FSRS_D_MIN, FSRS_D_MAX);
}

void fsrs_state_step(const struct fsrs_model *m, struct fsrs_state *st, double delta_t,
                     uint32_t rating, bool grad)
{
    double ds_new[FSRS_N], dd_new[FSRS_N], dr[FSRS_N];
    /* states are kept clamped, so the clamp on entry is the identity */
    double r = fsrs_recall(m, st, delta_t, grad ? dr : NULL);
    double new_s;
    if (delta_t == 0.0)
        new_s = short_term(m, st, rating, grad ? ds_new : NULL);
    else if (rating == 1)
        new_s = failure(m, st, r, dr, grad ? ds_new : NULL);
    else
        new_s = success(m, st, r, dr, rating, grad ? ds_new : NULL);
    double new_d = difficulty(m, st, rating, grad ? dd_new : NULL);
    if (grad) {
        if (inside(new_s, FSRS_S_MIN, FSRS_S_MAX))
            memcpy(st->ds, ds_new, sizeof st->ds);
        else
            memset(st->ds, 0, sizeof st->ds);
        memcpy(st->dd, dd_new, sizeof st->dd);
    }
    st->s = clampd(new_s, FSRS_S_MIN, FSRS_S_MAX);
    st->d = new_d;
}

void fsrs_clip(double w[FSRS_N], bool short_term_on)
{
    static const double lo[FSRS_N] = {
        FSRS_S_MIN, FSRS_S_MIN, FSRS_S_MIN, FSRS_S_MIN, FSRS_D_MIN, 0.001, 0.001,
        0.001,      0.0,        0.0,        0.001,      0.001,      0.001, 0.001,
        0.0,        0.0,        1.0,        0.0,        0.0,        0.0,   0.1};
    static const double hi[FSRS_N] = {FSRS_INIT_S_MAX,
                                      FSRS_INIT_S_MAX,
                                      FSRS_INIT_S_MAX,
                                      FSRS_INIT_S_MAX,
                                      FSRS_D_MAX,
                                      4.0,
                                      4.0,
                                      0.75,
                                      4.5,
                                      0.8,
                                      3.5,
                                      5.0,
                                      0.25,
                                      0.9,
                                      4.0,
                                      1.0,
                                      6.0,
                                      2.0,
                                      2.0,
                                      0.8,
                                      0.8};
    for (int i = 0; i < FSRS_N; i++) {
        double l = i == 19 ? (short_term_on ? 0.01 : 0.0) : lo[i];
        w[i] = clampd(w[i], l, hi[i]);
    }
}

size_t fsrs_long_term_count(const struct recite_fsrs_item *item)
{
    size_t n = 0;
    for (uint32_t i = 0; i < item->count; i++)
        n += item->reviews[i].delta_t > 0;
    return n;
}

uint32_t fsrs_first_long_term_delta(const struct recite_fsrs_item *item)
{
    for (uint32_t i = 0; i < item->count; i++)
        if (item->reviews[i].delta_t > 0)
            return item->reviews[i].delta_t;
    return 0;
}

double fsrs_recency_weight(size_t i, size_t n)
{
    /* fsrs-rs computes this in f32 */
    float length = (float)n - 1.0f;
    if (length < 1.0f)
        length = 1.0f;
    float x = (float)i / length;
    return (double)(0.25f + 0.75f * (x * x * x));
}

/* ---- reverse mode, for training: O(reviews) per item rather than O(21 reviews) ---- */

static double step_cached(const struct fsrs_model *m, struct fsrs_state *st, double t,
                          uint32_t rating, struct fsrs_step_cache *c)
{
    const double *w = m->w;
    double s = st->s, d = st->d, new_s;
    double log_base = log(t / s * m->factor + 1.0), r = exp(m->decay * log_base);
    *c = (struct fsrs_step_cache){
        .s = s, .d = d, .r = r, .t = t, .rating = rating, .log_base = log_base, .log_s = log(s)};
    if (t == 0.0) {
        double raw = exp(w[17] * ((double)rating - 3.0 + w[18]) - w[19] * c->log_s);
        c->branch = 0;
        c->raw = raw;
        c->raw_active = !(rating >= 2 && raw < 1.0);
        new_s = s * (c->raw_active ? raw : 1.0);
    } else if (rating == 1) {
        c->log_s = log(s + 1.0);
        c->ex = w[11] * exp(-w[12] * log(d) + (1.0 - r) * w[14]);
        double raw = c->ex * (exp(w[13] * c->log_s) - 1.0);
        double floor_s = s / m->failure_divisor;
        c->branch = 1;
        c->raw = raw;
        c->aux = floor_s;
        c->raw_active = !(floor_s < raw);
        new_s = c->raw_active ? raw : floor_s;
    } else {
        double hp = rating == 2 ? w[15] : 1.0, eb = rating == 4 ? w[16] : 1.0;
        double base = m->exp_w8 * (11.0 - d) * exp(-w[9] * c->log_s);
        c->branch = 2;
        c->aux = base;
        c->ex = exp((1.0 - r) * w[10]);
        c->raw = base * (c->ex - 1.0) * hp * eb;
        new_s = s * (1.0 + c->raw);
    }
    double next = d + (10.0 - d) * (-w[6] * ((double)rating - 3.0)) / 9.0;
    double mean = w[7] * (m->easy_d - next) + next;
    c->s_active = inside(new_s, FSRS_S_MIN, FSRS_S_MAX);
    c->d_active = inside(mean, FSRS_D_MIN, FSRS_D_MAX);
    st->s = clampd(new_s, FSRS_S_MIN, FSRS_S_MAX);
    st->d = clampd(mean, FSRS_D_MIN, FSRS_D_MAX);
    return r;
}

/* Adds g_r's share to grad[20] and returns its share of d loss / d s. */
static double recall_back(const struct fsrs_model *m, double s, double t, double r, double log_base,
                          double g_r, double *grad)
{
    if (g_r == 0.0)
        return 0.0;
    double base = t / s * m->factor + 1.0;
    double dr_ds = r * m->decay / base * (-t * m->factor / (s * s));
    double dr_ddecay = r * (log_base + m->decay / base * (t / s * m->dfactor_ddecay));
    grad[20] -= g_r * dr_ddecay;
    return g_r * dr_ds;
}

/* Backward through the stability of one step: g is d loss / d new s. */
static void stability_back(const struct fsrs_model *m, const struct fsrs_step_cache *c, double g,
                           double *g_s, double *g_d, double *g_r, double *grad)
{
    const double *w = m->w;
    double s = c->s, d = c->d, r = c->r;
    if (c->branch == 0) {
        double q = (double)c->rating - 3.0 + w[18];
        *g_s += g * (c->raw_active ? c->raw : 1.0);
        if (c->raw_active) {
            double gr = g * s * c->raw;
            grad[17] += gr * q;
            grad[18] += gr * w[17];
            grad[19] -= gr * c->log_s;
            *g_s -= gr * w[19] / s;
        }
    } else if (c->branch == 1 && !c->raw_active) {
        *g_s += g / m->failure_divisor;
        grad[17] -= g * c->aux * w[18];
        grad[18] -= g * c->aux * w[17];
    } else if (c->branch == 1) {
        double raw = c->raw, rest = c->ex, pow_s = raw / rest + 1.0;
        grad[11] += g * raw / w[11];
        grad[12] -= g * raw * log(d);
        grad[13] += g * rest * pow_s * c->log_s;
        grad[14] += g * raw * (1.0 - r);
        *g_s += g * rest * w[13] * pow_s / (s + 1.0);
        *g_d += g * raw * -w[12] / d;
        *g_r += g * raw * -w[14];
    } else {
        uint32_t rating = c->rating;
        double hp = rating == 2 ? w[15] : 1.0, eb = rating == 4 ? w[16] : 1.0;
        double inc = c->raw, exp_e = c->ex, e = exp_e - 1.0;
        double a_c = c->aux * hp * eb;
        double gi = g * s;
        *g_s += g * (1.0 + inc) - gi * inc * w[9] / s;
        *g_d -= gi * inc / (11.0 - d);
        *g_r -= gi * a_c * w[10] * exp_e;
        grad[8] += gi * inc;
        grad[9] -= gi * inc * c->log_s;
        grad[10] += gi * a_c * (1.0 - r) * exp_e;
        if (rating == 2)
            grad[15] += gi * c->aux * e * eb;
        if (rating == 4)
            grad[16] += gi * c->aux * e * hp;
    }
}

/* Backward through the difficulty of one step: g is d loss / d new d. */
static double difficulty_back(const struct fsrs_model *m, const struct fsrs_step_cache *c, double g,
                              double *grad)
{
    const double *w = m->w;
    if (!c->d_active || g == 0.0)
        return 0.0;
    double rm3 = (double)c->rating - 3.0, delta = -w[6] * rm3;
    double next = c->d + (10.0 - c->d) * delta / 9.0;
    grad[7] += g * (m->easy_d - next);
    grad[4] += g * w[7];
    grad[5] += g * w[7] * -3.0 * exp(3.0 * w[5]);
    double g_next = g * (1.0 - w[7]);
    grad[6] += g_next * (10.0 - c->d) * -rm3 / 9.0;
    return g_next * (1.0 - delta / 9.0);
}

static void first_back(const struct fsrs_model *m, uint32_t rating, double g_s, double g_d,
                       double *grad)
{
    const double *w = m->w;
    uint32_t r = rating < 1 ? 1 : rating > 4 ? 4 : rating;
    if (inside(w[r - 1], FSRS_S_MIN, FSRS_S_MAX))
        grad[r - 1] += g_s;
    if (inside(init_difficulty(w, r), FSRS_D_MIN, FSRS_D_MAX)) {
        double off = (double)(r - 1);
        grad[4] += g_d;
        grad[5] += g_d * -off * exp(off * w[5]);
    }
}

double fsrs_item_loss_grad(const struct fsrs_model *m, const struct recite_fsrs_item *item,
                           double weight, double *grad, struct fsrs_step_cache *cache)
{
    struct fsrs_state st;
    fsrs_state_first(m, &st, item->reviews[0].rating, false);
    uint32_t last = item->count - 1;
    for (uint32_t i = 1; i < last; i++)
        step_cached(m, &st, item->reviews[i].delta_t, item->reviews[i].rating, &cache[i]);
    double t = item->reviews[last].delta_t;
    double log_base = log((t < 0 ? 0 : t) / st.s * m->factor + 1.0);
    double r_raw = exp(m->decay * log_base);
    double y = item->reviews[last].rating > 1;
    const double lo = 1e-7, hi = 1.0 - 1e-7;
    double r = r_raw < lo ? lo : r_raw > hi ? hi : r_raw;
    double loss = -(y * log(r) + (1.0 - y) * log(1.0 - r)) * weight;
    if (!(r_raw > lo && r_raw < hi) || weight == 0.0)
        return loss;
    double g_s = recall_back(m, st.s, t < 0 ? 0 : t, r_raw, log_base,
                             -weight * (y / r - (1.0 - y) / (1.0 - r)), grad);
    double g_d = 0.0;
    for (uint32_t i = last; i-- > 1;) {
        const struct fsrs_step_cache *c = &cache[i];
        double prev_s = 0.0, prev_d = 0.0, g_r = 0.0;
        stability_back(m, c, c->s_active ? g_s : 0.0, &prev_s, &prev_d, &g_r, grad);
        prev_d += difficulty_back(m, c, g_d, grad);
        prev_s += recall_back(m, c->s, c->t < 0 ? 0 : c->t, c->r, c->log_base, g_r, grad);
        g_s = prev_s;
        g_d = prev_d;
    }
    first_back(m, item->reviews[0].rating, g_s, g_d, grad);
    return loss;
}
