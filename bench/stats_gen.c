/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stats-gen DB [REVIEWS [FACTS [SEED]]]: fills DB with a generated bank and
 * a year of reviews (default 1,000,000) through the session's own path:
 * each day the due cards are answered first, then new cards fill the day's
 * quota, every answer scheduled by FSRS and committed with
 * recite_store_review_commit(). Recall follows the card's retrievability,
 * so retention, lapses and leeches look like a real student's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recite.h"

#include "bank_gen.h"

#define DAY_MS INT64_C(86400000)

struct gen {
    struct recite_store *st;
    struct recite_sched_params params;
    uint64_t rng;
    size_t per_day;
    size_t written;
};

static void die(const struct recite_error *err)
{
    fprintf(stderr, "stats-gen: %s\n", err->msg);
    exit(70);
}

static double uniform(uint64_t *rng)
{
    return (double)(bank_gen_next(rng) >> 11) / 9007199254740992.0;
}

static int pick_rating(struct gen *g, const struct recite_card_row *row, int64_t at)
{
    struct recite_sched_card card;
    recite_card_row_to_sched(row, &card);
    double recall = row->state == RECITE_STATE_REVIEW
                        ? recite_sched_retrievability(&g->params, &card, at)
                        : 0.8;
    double u = uniform(&g->rng);
    if (u >= recall)
        return 1;
    return u < recall * 0.1 ? 2 : u > recall * 0.9 ? 4 : 3;
}

static void answer(struct gen *g, struct recite_card_row *row, int64_t at)
{
    struct recite_sched_card card, next;
    recite_card_row_to_sched(row, &card);
    int rating = pick_rating(g, row, at);
    if (recite_sched_review(&next, &g->params, &card, rating, at) < 0)
        return;
    struct recite_card_row before = *row;
    recite_card_row_from_sched(row, &next);
    struct recite_review_record rec = {.card_id = row->id,
                                       .at = at,
                                       .rating = rating,
                                       .answer = "",
                                       .credit = rating > 1,
                                       .duration_ms =
                                           2000 + (int64_t)(bank_gen_next(&g->rng) % 15000),
                                       .before = &before,
                                       .after = row,
                                       .suspend_leech = recite_queue_is_leech(8, &before, row)};
    struct recite_error err = {0};
    if (recite_store_review_commit(g->st, &rec, NULL, NULL, &err) < 0)
        die(&err);
    g->written++;
}

/* Answers up to *left cards of one kind due by until, spreading them over the day. */
static void answer_kind(struct gen *g, enum recite_due_kind kind, int64_t day, size_t *left,
                        int64_t *clock)
{
    struct recite_due_query query = {kind, NULL, day, day + DAY_MS - 1, *left};
    struct recite_card_row *rows = NULL;
    size_t count = 0;
    struct recite_error err = {0};
    if (*left == 0)
        return;
    if (recite_store_cards_due(g->st, &query, &rows, &count, &err) < 0)
        die(&err);
    for (size_t i = 0; i < count; i++) {
        answer(g, &rows[i], *clock);
        *clock += 12000;
    }
    *left -= count;
    free(rows);
}

static void simulate_day(struct gen *g, int64_t day)
{
    struct recite_error err = {0};
    /* A student's days differ: some are skipped, the others busier or quieter. */
    if (bank_gen_next(&g->rng) % 16 == 0)
        return;
    size_t left = (size_t)((double)g->per_day * (0.5 + 1.1 * uniform(&g->rng)));
    int64_t clock = day + 8 * 3600000;
    if (recite_store_begin(g->st, &err) < 0)
        die(&err);
    /* Learning steps come round again within the day; two passes catch them. */
    for (int pass = 0; pass < 2; pass++) {
        answer_kind(g, RECITE_DUE_LEARNING, clock, &left, &clock);
        answer_kind(g, RECITE_DUE_REVIEW, clock, &left, &clock);
    }
    answer_kind(g, RECITE_DUE_NEW, clock, &left, &clock);
    answer_kind(g, RECITE_DUE_LEARNING, clock, &left, &clock);
    if (recite_store_commit(g->st, &err) < 0)
        die(&err);
}

static void import_bank(struct recite_store *st, size_t facts, uint64_t seed, int64_t at)
{
    char *text = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&text, &size);
    struct recite_error err = {0};
    struct recite_bank *bank = NULL;
    if (!mem)
        exit(71);
    bank_gen_write(mem, "generated", facts, seed);
    fclose(mem);
    if (recite_bank_parse(&bank, text, size, NULL, &err) < 0 ||
        recite_bank_import(st, bank, at, NULL, &err) < 0)
        die(&err);
    recite_bank_free(bank);
    free(text);
}

static unsigned long long arg(char **argv, int argc, int i, unsigned long long fallback)
{
    if (argc <= i)
        return fallback;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(argv[i], &end, 10);
    if (errno || *end || n == 0) {
        fprintf(stderr, "usage: stats-gen DB [REVIEWS [FACTS [SEED]]]\n");
        exit(64);
    }
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: stats-gen DB [REVIEWS [FACTS [SEED]]]\n");
        return 64;
    }
    size_t reviews = (size_t)arg(argv, argc, 2, 1000000);
    /* 5% over the mean daily quota: quiet and skipped days leave the year short otherwise. */
    struct gen g = {.per_day = reviews / 347 + 1, .rng = arg(argv, argc, 4, 1)};
    size_t facts = (size_t)arg(argv, argc, 3, reviews / 25 + 10);
    struct recite_error err = {0};
    int64_t now;
    if (recite_now_ms(&now, &err) < 0 || recite_store_open(&g.st, argv[1], &err) < 0)
        die(&err);
    recite_sched_params_default(&g.params);
    int64_t first = recite_day_start(now, 4) - 365 * DAY_MS;
    import_bank(g.st, facts, g.rng, first);
    for (int d = 0; d < 365 && g.written < reviews; d++) {
        simulate_day(&g, first + d * DAY_MS);
        if (d % 30 == 29)
            fprintf(stderr, "stats-gen: day %d, %zu reviews\n", d + 1, g.written);
    }
    printf("%zu reviews over 365 days on %zu facts in %s\n", g.written, facts, argv[1]);
    recite_store_close(g.st);
    return 0;
}
