/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fsrs-bench: throughput of recite's FSRS scheduler on the workload that
 * bench/fsrs-bench.mjs runs through ts-fsrs (10,000 cards, 1,000,000
 * reviews, fuzz off, the same xorshift32 ratings and delays). Prints one
 * line: "<reviews per second> <checksum> <seconds>", the best of five runs;
 * the checksum (sum of scheduled days) must equal ts-fsrs's.
 * bench/fsrs-bench.sh runs both and prints the ratio.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "recite.h"

#define CARDS 10000
#define REVIEWS 1000000
#define RUNS 5
#define START_MS INT64_C(1767225600000) /* 2026-01-01T00:00:00Z */

static uint32_t xorshift32(uint32_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 17;
    *x ^= *x << 5;
    return *x;
}

/* 10% Again, 15% Hard, 60% Good, 15% Easy. */
static int pick_rating(uint32_t r)
{
    uint32_t p = r % 100;
    return p < 10 ? RECITE_AGAIN : p < 25 ? RECITE_HARD : p < 85 ? RECITE_GOOD : RECITE_EASY;
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run(struct recite_sched_card *cards, const struct recite_sched_params *params,
               long reviews, int64_t *checksum)
{
    uint32_t x = 2463534242u;
    *checksum = 0;
    for (int i = 0; i < CARDS; i++)
        recite_sched_card_new(&cards[i], START_MS);
    for (long k = 0; k < reviews; k++) {
        struct recite_sched_card *card = &cards[k % CARDS];
        int rating = pick_rating(xorshift32(&x));
        int64_t now = card->due + (int64_t)(xorshift32(&x) % 1440) * 60000;
        if (recite_sched_review(card, params, card, rating, now) < 0)
            return -1;
        *checksum += card->scheduled_days;
    }
    return 0;
}

/* fsrs-bench [REVIEWS [RUNS]]: a shorter run (e.g. under callgrind) with arguments. */
int main(int argc, char **argv)
{
    long reviews = argc > 1 ? strtol(argv[1], NULL, 10) : REVIEWS;
    long runs = argc > 2 ? strtol(argv[2], NULL, 10) : RUNS;
    if (reviews <= 0 || runs <= 0) {
        fprintf(stderr, "usage: fsrs-bench [REVIEWS [RUNS]]\n");
        return 64;
    }
    struct recite_sched_params params;
    struct recite_sched_card *cards = calloc(CARDS, sizeof(*cards));
    double best = 0;
    int64_t checksum = 0;
    if (!cards)
        return 70;
    recite_sched_params_default(&params);
    for (long i = 0; i < runs; i++) {
        double start = seconds_now();
        if (run(cards, &params, reviews, &checksum) < 0) {
            fprintf(stderr, "fsrs-bench: a review was refused\n");
            free(cards);
            return 70;
        }
        double elapsed = seconds_now() - start;
        if (i == 0 || elapsed < best)
            best = elapsed;
    }
    printf("%.0f %" PRId64 " %.6f\n", (double)reviews / best, checksum, best);
    free(cards);
    return 0;
}
