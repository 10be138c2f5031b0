/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fsrs-sim: a seeded learner writing a review log in fsrs-rs's CSV format.
 * The learner remembers by FSRS-6 with its own true weights (the defaults
 * scattered by the seed); a scheduler with the default weights picks the
 * intervals; reviews come early or late, new cards go through learning
 * steps on their first day and lapses through a relearning step. Times are
 * UTC, between 06:00 and 22:00, so days are the same with a 04:00 day start
 * in any zone at UTC.
 *
 * Usage: fsrs-sim SEED CARDS DAYS > log.csv   (prints the true weights to stderr)
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "recite.h"

static uint64_t rng_state;

static double uniform(void)
{
    uint64_t z = (rng_state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    z ^= z >> 31;
    return (double)(z >> 11) / 9007199254740992.0;
}

struct mem {
    double s, d;
};

static double recall(const double *w, double s, double t)
{
    double decay = -w[20], factor = pow(0.9, 1.0 / decay) - 1.0;
    return pow(1.0 + factor * t / s, decay);
}

static double clampd(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

static void first(const double *w, struct mem *m, int g)
{
    m->s = clampd(w[g - 1], 0.001, 36500);
    m->d = clampd(w[4] - exp(w[5] * (g - 1)) + 1, 1, 10);
}

static void step(const double *w, struct mem *m, double t, int g)
{
    double r = recall(w, m->s, t), s = m->s, d = m->d, ns;
    if (t == 0) {
        double inc = exp(w[17] * (g - 3 + w[18])) * pow(s, -w[19]);
        ns = s * (g >= 2 && inc < 1 ? 1 : inc);
    } else if (g == 1) {
        ns = w[11] * pow(d, -w[12]) * (pow(s + 1, w[13]) - 1) * exp((1 - r) * w[14]);
        double floor_s = s / exp(w[17] * w[18]);
        ns = ns < floor_s ? ns : floor_s;
    } else {
        ns = s * (1 + exp(w[8]) * (11 - d) * pow(s, -w[9]) * (exp((1 - r) * w[10]) - 1) *
                          (g == 2 ? w[15] : 1) * (g == 4 ? w[16] : 1));
    }
    double nd = d + (10 - d) * (-w[6] * (g - 3)) / 9;
    double easy = w[4] - exp(3 * w[5]) + 1;
    m->s = clampd(ns, 0.001, 36500);
    m->d = clampd(w[7] * (easy - nd) + nd, 1, 10);
}

/* A rating after a recall with probability p: Again, or Hard/Good/Easy by the learner's habits. */
static int answer(double p, const double *habit)
{
    if (uniform() >= p)
        return 1;
    double u = uniform();
    return u < habit[0] ? 2 : u < habit[0] + habit[1] ? 3 : 4;
}

struct card {
    struct mem truth, sched; /* the learner's memory; the scheduler's belief */
    int64_t due_day;
    int64_t last_day;
};

static void emit(int64_t id, int64_t day, int minute, int rating, int state)
{
    int64_t ms = (day * 86400 + 6 * 3600 + (int64_t)minute * 60) * 1000;
    printf("%" PRId64 ",%" PRId64 ",%d,%d,%d\n", id, ms, rating, state,
           3000 + (int)(uniform() * 9000));
}

/* The first day of card id: learning steps until Good or Easy. */
static void learn(const double *wt, const double *habit, struct card *c, int64_t id, int64_t day,
                  int *minute)
{
    const double *ws = recite_fsrs_default_w;
    double u = uniform();
    int g = u < 0.25 ? 1 : u < 0.35 ? 2 : u < 0.9 ? 3 : 4;
    emit(id, day, (*minute)++, g, 0);
    first(wt, &c->truth, g);
    first(ws, &c->sched, g);
    for (int k = 0; k < 4 && g <= 2; k++) {
        *minute += 1 + (int)(uniform() * 10);
        g = answer(recall(wt, c->truth.s, 0.0) - 0.05 * (k == 0), habit);
        emit(id, day, (*minute)++, g, 1);
        step(wt, &c->truth, 0, g);
        step(ws, &c->sched, 0, g);
    }
}

static void review(const double *wt, const double *habit, struct card *c, int64_t id, int64_t day,
                   int *minute)
{
    const double *ws = recite_fsrs_default_w;
    double t = (double)(day - c->last_day);
    int g = answer(recall(wt, c->truth.s, t), habit);
    emit(id, day, (*minute)++, g, 2);
    step(wt, &c->truth, t, g);
    step(ws, &c->sched, t, g);
    if (g == 1 && uniform() < 0.8) {
        *minute += 5 + (int)(uniform() * 10);
        int g2 = answer(recall(wt, c->truth.s, 0.0), habit);
        emit(id, day, (*minute)++, g2, 3);
        step(wt, &c->truth, 0, g2);
        step(ws, &c->sched, 0, g2);
    }
}

/* When the scheduler next shows the card: its 90% interval, then early or late. */
static void schedule(struct card *c, int64_t day)
{
    double ivl = c->sched.s;
    double u = uniform();
    double f = u < 0.15 ? 0.5 + uniform() * 0.5 : u < 0.35 ? 1.0 + uniform() * 2.0 : 1.0;
    int64_t days = (int64_t)llround(ivl * f);
    c->last_day = day;
    c->due_day = day + (days < 1 ? 1 : days);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: fsrs-sim SEED CARDS DAYS\n");
        return 64;
    }
    rng_state = strtoull(argv[1], NULL, 10) * UINT64_C(0x2545F4914F6CDD1D) + 1;
    long cards = strtol(argv[2], NULL, 10), days = strtol(argv[3], NULL, 10);
    if (cards < 1 || days < 1)
        return 64;
    double wt[21];
    for (int i = 0; i < 21; i++)
        wt[i] = recite_fsrs_default_w[i] * exp((uniform() - 0.5) * 0.8);
    wt[7] = 0.001 + uniform() * 0.05;
    wt[20] = 0.1 + uniform() * 0.5;
    double habit[2] = {0.05 + uniform() * 0.1, 0.6 + uniform() * 0.2};
    for (int i = 0; i < 21; i++)
        fprintf(stderr, "%s%.4f", i ? "," : "", wt[i]);
    fprintf(stderr, "\n");
    struct card *c = calloc((size_t)cards, sizeof *c);
    if (!c)
        return 70;
    long per_day = cards / days * 2 + 1, introduced = 0;
    const int64_t start = 20000; /* 2024-10-04 */
    printf("card_id,review_time,review_rating,review_state,review_duration\n");
    for (int64_t day = start; day < start + days; day++) {
        int minute = 0;
        for (long i = 0; i < introduced; i++) {
            if (c[i].due_day > day || minute > 900)
                continue;
            review(wt, habit, &c[i], 1000 + i, day, &minute);
            schedule(&c[i], day);
        }
        for (long k = 0; k < per_day && introduced < cards && minute < 900; k++, introduced++) {
            learn(wt, habit, &c[introduced], 1000 + introduced, day, &minute);
            schedule(&c[introduced], day);
        }
    }
    free(c);
    return 0;
}
