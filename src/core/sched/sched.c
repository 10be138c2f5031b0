/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The scheduler: FSRS-6 as ts-fsrs 5.4.2 computes it, to the last bit of
 * every stored value, and SM-2. Pure functions of (card, parameters, rating,
 * time). Every formula keeps ts-fsrs's operand order and its rounding to 8
 * decimals, because the reference vectors compare due times exactly and one
 * differently rounded stability can move an interval by a day.
 */
#include <math.h>
#include <string.h>

#include "sched_internal.h"

double recite_sched_jsround(double x)
{
    /* Doubles from 2^52 on are whole numbers; NaN stays NaN. */
    if (!(fabs(x) < 4503599627370496.0))
        return x;
    /*
     * Truncate, step down for negatives (floor), step up from .5: written
     * as arithmetic on comparisons, because the two tests are coin flips
     * that a branch predictor loses on.
     */
    double f = (double)(int64_t)x;
    f -= (double)(f > x);
    return f + (double)(x - f >= 0.5);
}

double recite_sched_r8(double x)
{
    return recite_sched_jsround(x * 1e8) / 1e8;
}

static double max_d(double a, double b)
{
    return a > b ? a : b;
}

static double min_d(double a, double b)
{
    return a < b ? a : b;
}

/* ts-fsrs clamp: Math.min(Math.max(x, lo), hi), the lower bound first. */
static double clampd(double x, double lo, double hi)
{
    return min_d(max_d(x, lo), hi);
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Constants that depend on the parameters only (spec section 4). */
struct derived {
    double decay;                /* -w20 */
    double factor;               /* 0.9^(1/decay) - 1, rounded */
    double im;                   /* interval modifier for the desired retention */
    double d0_easy;              /* unclamped D0(4), the mean-reversion target */
    double exp_w8;               /* e^w8, a factor of the recall formula */
    double short_term_growth[5]; /* e^(w17 * (G - 3 + w18)) per grade */
};

static void derive_compute(struct derived *out, const struct recite_sched_params *p)
{
    out->decay = -p->w[20];
    out->factor = recite_sched_r8(exp(pow(out->decay, -1) * log(0.9)) - 1.0);
    out->im = recite_sched_r8((pow(p->request_retention, 1 / out->decay) - 1) / out->factor);
    out->d0_easy = recite_sched_r8(p->w[4] - exp((4 - 1) * p->w[5]) + 1);
    out->exp_w8 = exp(p->w[8]);
    for (int g = RECITE_AGAIN; g <= RECITE_EASY; g++)
        out->short_term_growth[g] = exp(p->w[17] * (g - 3 + p->w[18]));
}

/*
 * The derived constants cost a dozen transcendental calls, more than the
 * review itself; the last set is kept per thread, keyed by the weights and
 * the retention it was computed from.
 */
static const struct derived *derive(const struct recite_sched_params *p)
{
    static _Thread_local struct {
        bool valid;
        double w[RECITE_SCHED_WEIGHTS];
        double retention;
        struct derived value;
    } memo;
    if (!memo.valid || memo.retention != p->request_retention ||
        memcmp(memo.w, p->w, sizeof(memo.w)) != 0) {
        derive_compute(&memo.value, p);
        memcpy(memo.w, p->w, sizeof(memo.w));
        memo.retention = p->request_retention;
        memo.valid = true;
    }
    return &memo.value;
}

double recite_sched_curve_factor(const struct recite_sched_params *params)
{
    return derive(params)->factor;
}

double recite_sched_interval_modifier(const struct recite_sched_params *params)
{
    return derive(params)->im;
}

static double forgetting_curve(const struct derived *dv, double t, double s)
{
    return recite_sched_r8(pow(1 + dv->factor * t / s, dv->decay));
}

static double init_difficulty(const double *w, int g)
{
    return recite_sched_r8(w[4] - exp((g - 1) * w[5]) + 1);
}

static double next_difficulty(const double *w, const struct derived *dv, double d, int g)
{
    double delta = -w[6] * (g - 3);
    double next_d = d + recite_sched_r8(delta * (10 - d) / 9);
    return clampd(recite_sched_r8(w[7] * dv->d0_easy + (1 - w[7]) * next_d), 1, 10);
}

static double recall_stability(const double *w, double s, double base, int g)
{
    double hard_penalty = (g == RECITE_HARD) ? w[15] : 1;
    double easy_bonus = (g == RECITE_EASY) ? w[16] : 1;
    return recite_sched_r8(
        clampd(s * (1 + base * hard_penalty * easy_bonus), SCHED_S_MIN, SCHED_S_MAX));
}

static double forget_stability(const double *w, double d, double s, double r, bool short_term)
{
    double after_fail = recite_sched_r8(
        clampd(w[11] * pow(d, -w[12]) * (pow(s + 1, w[13]) - 1) * exp((1 - r) * w[14]), SCHED_S_MIN,
               SCHED_S_MAX));
    /* Without short-term scheduling ts-fsrs uses w17 = w18 = 0 here. */
    double w17 = short_term ? w[17] : 0;
    double w18 = short_term ? w[18] : 0;
    double floor_s = recite_sched_r8(s / exp(w17 * w18));
    return clampd(floor_s, SCHED_S_MIN, after_fail);
}

static double short_term_stability(const double *w, const struct derived *dv, double s, int g)
{
    double sinc = pow(s, -w[19]) * dv->short_term_growth[g];
    if (g >= RECITE_HARD)
        sinc = max_d(sinc, 1.0);
    return recite_sched_r8(clampd(s * sinc, SCHED_S_MIN, SCHED_S_MAX));
}

/* One review in progress: the inputs, and values shared by the grade candidates. */
struct review_ctx {
    const struct recite_sched_params *p;
    const struct recite_sched_card *card; /* before the review */
    const struct derived *dv;             /* borrowed from derive() */
    int64_t now;
    int t;        /* elapsed UTC days */
    int reps;     /* reps after this review, part of the fuzz seed */
    bool initial; /* D == S == 0: the first memory state */
    double r;     /* R(t, S), NAN until needed */
    double base;  /* the grade-independent part of the recall formula, NAN until needed */
    double u;     /* fuzz draw, NAN until needed */
};

static double ctx_retrievability(struct review_ctx *c)
{
    if (isnan(c->r))
        c->r = forgetting_curve(c->dv, c->t, c->card->stability);
    return c->r;
}

/* S' for grade g (spec section 6, next_state). */
static double ctx_stability(struct review_ctx *c, int g)
{
    const double *w = c->p->w;
    double d = c->card->difficulty;
    double s = c->card->stability;
    if (c->initial)
        return max_d(w[g - 1], 0.1);
    if (c->t == 0 && c->p->enable_short_term)
        return short_term_stability(w, c->dv, s, g);
    double r = ctx_retrievability(c);
    if (g == RECITE_AGAIN)
        return forget_stability(w, d, s, r, c->p->enable_short_term);
    if (isnan(c->base))
        c->base = c->dv->exp_w8 * (11 - d) * pow(s, -w[9]) * (exp((1 - r) * w[10]) - 1);
    return recall_stability(w, s, c->base, g);
}

static double ctx_difficulty(const struct review_ctx *c, int g)
{
    if (c->initial)
        return clampd(init_difficulty(c->p->w, g), 1, 10);
    return next_difficulty(c->p->w, c->dv, c->card->difficulty, g);
}

/* Section 9: whole days at the desired retention, capped, then fuzzed. */
static int ctx_interval(struct review_ctx *c, double s)
{
    double ivl = min_d(max_d(1, recite_sched_jsround(s * c->dv->im)), c->p->maximum_interval);
    if (!c->p->enable_fuzz || ivl < 2.5)
        return (int)ivl;
    if (isnan(c->u))
        c->u = recite_sched_fuzz_draw(c->now, c->reps, c->card->difficulty * c->card->stability,
                                      c->p->fuzz_seed);
    return recite_sched_fuzz_interval((int)ivl, c->t, c->p->maximum_interval, c->u);
}

static void set_interval(struct recite_sched_card *next, int64_t now, int days)
{
    next->scheduled_days = days;
    next->due = now + (int64_t)days * SCHED_DAY_MS;
}

/* The step table of section 7.1: minutes (0: nothing) and the next step index. */
struct step_info {
    double minutes;
    int next;
};

static struct step_info step_lookup(const struct recite_sched_params *p, int state, int cur, int g)
{
    struct step_info none = {0, 0};
    bool relearn = (state == RECITE_STATE_RELEARNING || state == RECITE_STATE_REVIEW);
    const int64_t *steps = relearn ? p->relearning_steps : p->learning_steps;
    long n = (long)(relearn ? p->relearning_step_count : p->learning_step_count);
    if (n == 0 || cur >= n)
        return none;
    if (state == RECITE_STATE_REVIEW) {
        if (g != RECITE_AGAIN)
            return none;
        return (struct step_info){(double)steps[cur > 0 ? cur : 0], 0};
    }
    switch (g) {
    case RECITE_AGAIN:
        return (struct step_info){(double)steps[0], 0};
    case RECITE_HARD:
        if (n == 1)
            return (struct step_info){recite_sched_jsround((double)steps[0] * 1.5), cur};
        return (struct step_info){recite_sched_jsround((double)(steps[0] + steps[1]) / 2), cur};
    case RECITE_GOOD:
        /* ts-fsrs skips a next step of 0 minutes, which then graduates. */
        if (cur + 1 < 0 || cur + 1 >= n || steps[cur + 1] == 0)
            return none;
        return (struct step_info){(double)steps[cur + 1], cur + 1};
    default:
        return none;
    }
}

/* Applies the step rule to next, whose memory state is already set. */
static void apply_steps(struct review_ctx *c, struct recite_sched_card *next, int g, int target)
{
    struct step_info info = step_lookup(c->p, c->card->state, c->card->step, g);
    double minutes = max_d(0, info.minutes);
    int index = info.next > 0 ? info.next : 0;
    if (minutes > 0 && minutes < 1440) {
        next->step = index;
        next->scheduled_days = 0;
        next->state = target;
        next->due = c->now + (int64_t)recite_sched_jsround(minutes) * SCHED_MINUTE_MS;
        return;
    }
    next->state = RECITE_STATE_REVIEW;
    if (minutes >= 1440) {
        /* A step of a day or more: Review, but the step index is kept. */
        next->step = index;
        next->due = c->now + (int64_t)recite_sched_jsround(minutes) * SCHED_MINUTE_MS;
        next->scheduled_days = (int)floor(minutes / 1440);
        return;
    }
    next->step = 0;
    set_interval(next, c->now, ctx_interval(c, next->stability));
}

static void set_memory(struct review_ctx *c, struct recite_sched_card *next, int g)
{
    next->stability = ctx_stability(c, g);
    next->difficulty = ctx_difficulty(c, g);
}

/* Hard/Good/Easy from Review (section 7.2): the intervals are ordered. */
static void review_recall(struct review_ctx *c, struct recite_sched_card *next, int g)
{
    double hard_s = ctx_stability(c, RECITE_HARD);
    double good_s = ctx_stability(c, RECITE_GOOD);
    int hard = ctx_interval(c, hard_s);
    int good = ctx_interval(c, good_s);
    hard = hard < good ? hard : good;
    good = good > hard + 1 ? good : hard + 1;
    int days = (g == RECITE_HARD) ? hard : good;
    next->stability = (g == RECITE_HARD) ? hard_s : good_s;
    if (g == RECITE_EASY) {
        next->stability = ctx_stability(c, RECITE_EASY);
        int easy = ctx_interval(c, next->stability);
        days = easy > good + 1 ? easy : good + 1;
    }
    next->difficulty = ctx_difficulty(c, g);
    next->state = RECITE_STATE_REVIEW;
    next->step = 0;
    set_interval(next, c->now, days);
}

/* Section 7: enable_short_term = true. */
static int review_short_term(struct review_ctx *c, struct recite_sched_card *next, int g)
{
    switch (c->card->state) {
    case RECITE_STATE_NEW:
        set_memory(c, next, g);
        apply_steps(c, next, g, RECITE_STATE_LEARNING);
        return 0;
    case RECITE_STATE_LEARNING:
    case RECITE_STATE_RELEARNING:
        set_memory(c, next, g);
        apply_steps(c, next, g, c->card->state);
        return 0;
    case RECITE_STATE_REVIEW:
        if (g != RECITE_AGAIN) {
            review_recall(c, next, g);
            return 0;
        }
        set_memory(c, next, g);
        apply_steps(c, next, g, RECITE_STATE_RELEARNING);
        next->lapses += 1;
        return 0;
    default:
        return RECITE_EUSAGE;
    }
}

/*
 * Section 8: enable_short_term = false. All four intervals are ordered, so
 * a grade needs the candidates up to its own.
 */
static int review_long_term(struct review_ctx *c, struct recite_sched_card *next, int g)
{
    int state = c->card->state;
    if (state < RECITE_STATE_NEW || state > RECITE_STATE_RELEARNING)
        return RECITE_EUSAGE;
    int again = ctx_interval(c, ctx_stability(c, RECITE_AGAIN));
    int hard = ctx_interval(c, ctx_stability(c, RECITE_HARD));
    again = again < hard ? again : hard;
    hard = hard > again + 1 ? hard : again + 1;
    int days = (g == RECITE_AGAIN) ? again : hard;
    if (g >= RECITE_GOOD) {
        int good = ctx_interval(c, ctx_stability(c, RECITE_GOOD));
        days = good > hard + 1 ? good : hard + 1;
    }
    if (g == RECITE_EASY) {
        int easy = ctx_interval(c, ctx_stability(c, RECITE_EASY));
        days = easy > days + 1 ? easy : days + 1;
    }
    set_memory(c, next, g);
    next->state = RECITE_STATE_REVIEW;
    next->step = 0;
    set_interval(next, c->now, days);
    /* Learning and Relearning are reviewed as Review here, lapses included. */
    if (g == RECITE_AGAIN && state != RECITE_STATE_NEW)
        next->lapses += 1;
    return 0;
}

/* Section 5: UTC date changes since the last review; 0 for a new card. */
static int64_t elapsed_days(const struct recite_sched_card *card, int64_t now_ms)
{
    if (card->state == RECITE_STATE_NEW || card->last_review == 0)
        return 0;
    return floor_div(now_ms, SCHED_DAY_MS) - floor_div(card->last_review, SCHED_DAY_MS);
}

static bool params_usable(const struct recite_sched_params *p)
{
    return p->request_retention > 0 && p->request_retention <= 1 && p->maximum_interval >= 1 &&
           p->maximum_interval <= RECITE_SCHED_MAX_INTERVAL &&
           p->learning_step_count <= RECITE_SCHED_MAX_STEPS &&
           p->relearning_step_count <= RECITE_SCHED_MAX_STEPS;
}

/* Section 13, with EF kept in hundredths so that every step is exact. */
static int review_sm2(struct recite_sched_card *next, const struct recite_sched_params *p,
                      const struct recite_sched_card *card, int g)
{
    static const int quality[5] = {0, 1, 3, 4, 5};
    int q = quality[g];
    int64_t ef = card->difficulty == 0 ? 250 : (int64_t)recite_sched_jsround(card->difficulty);
    int64_t n = card->step;
    int64_t ivl = card->scheduled_days;
    if (ef < 130)
        ef = 130;
    if (q >= 3) {
        ivl = (n == 0) ? 1 : (n == 1) ? 6 : (ivl * ef + 99) / 100;
        n += 1;
        ef += 10 - (5 - q) * (8 + (5 - q) * 2);
        ef = ef < 130 ? 130 : ef;
    } else {
        if (n >= 1)
            next->lapses += 1;
        n = 0;
        ivl = 1;
    }
    ivl = ivl < p->maximum_interval ? ivl : p->maximum_interval;
    next->difficulty = (double)ef;
    next->step = (int)n;
    next->stability = (double)ivl;
    set_interval(next, next->last_review, (int)ivl);
    if (n >= 1)
        next->state = RECITE_STATE_REVIEW;
    else
        next->state = next->lapses > 0 ? RECITE_STATE_RELEARNING : RECITE_STATE_LEARNING;
    return 0;
}

static bool card_usable(const struct recite_sched_card *card)
{
    if (card->state < RECITE_STATE_NEW || card->state > RECITE_STATE_RELEARNING)
        return false;
    /* D == S == 0 is the first review; otherwise ts-fsrs demands D >= 1, S >= 0.001. */
    return (card->difficulty == 0 && card->stability == 0) ||
           (card->difficulty >= 1 && card->stability >= SCHED_S_MIN);
}

int recite_sched_review(struct recite_sched_card *out, const struct recite_sched_params *params,
                        const struct recite_sched_card *card, int rating, int64_t now_ms)
{
    if (rating < RECITE_AGAIN || rating > RECITE_EASY || !params_usable(params))
        return RECITE_EUSAGE;
    int64_t t = elapsed_days(card, now_ms);
    if (t < 0 || t > INT32_MAX)
        return RECITE_EUSAGE;
    if (params->algorithm != RECITE_ALGO_SM2 && !card_usable(card))
        return RECITE_EUSAGE;
    /* out may alias card: keep the state before the review aside. */
    struct recite_sched_card before = *card;
    *out = before;
    out->last_review = now_ms;
    out->elapsed_days = (int)t;
    out->reps += 1;
    if (params->algorithm == RECITE_ALGO_SM2)
        return review_sm2(out, params, &before, rating);
    struct review_ctx c;
    c.p = params;
    c.card = &before;
    c.dv = derive(params);
    c.now = now_ms;
    c.t = (int)t;
    c.reps = out->reps;
    c.initial = (before.difficulty == 0 && before.stability == 0);
    c.r = c.base = c.u = NAN;
    return params->enable_short_term ? review_short_term(&c, out, rating)
                                     : review_long_term(&c, out, rating);
}

void recite_sched_card_new(struct recite_sched_card *out, int64_t now_ms)
{
    memset(out, 0, sizeof(*out));
    out->due = now_ms;
    out->state = RECITE_STATE_NEW;
}

double recite_sched_retrievability(const struct recite_sched_params *params,
                                   const struct recite_sched_card *card, int64_t now_ms)
{
    if (card->state == RECITE_STATE_NEW || !(card->stability > 0))
        return 0;
    int64_t t = floor_div(now_ms - card->last_review, SCHED_DAY_MS);
    return forgetting_curve(derive(params), (double)(t > 0 ? t : 0),
                            recite_sched_r8(card->stability));
}
