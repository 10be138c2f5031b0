/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Statistics: turns the store's hourly sums and card rows into the figures
 * `recite stats` draws. Days are local days starting at day_start_hour, as
 * the review session counts them; an hour sum belongs to the day its hour
 * starts in.
 */
#include <stdlib.h>
#include <string.h>

#include "recite/common.h"
#include "recite/buf.h"
#include "recite/queue.h"
#include "recite/sched.h"
#include "recite/stats.h"
#include "recite/store.h"

#define MS_PER_HOUR INT64_C(3600000)

static const int retention_days[RECITE_STATS_WINDOWS] = {7, 30, 365};

/* Index of the day (in starts[0..n)) holding instant t, or -1 before starts[0]. */
static int day_index(const int64_t *starts, int n, int64_t t)
{
    if (t < starts[0])
        return -1;
    int lo = 0, hi = n - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (starts[mid] <= t)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

static void add_retention(struct recite_stats *s, const struct recite_stats_hour *h,
                          const int64_t *window_start)
{
    if (h->kind != RECITE_STATS_KIND_YOUNG && h->kind != RECITE_STATS_KIND_MATURE)
        return;
    for (int w = 0; w < RECITE_STATS_WINDOWS; w++) {
        if (h->hour * MS_PER_HOUR < window_start[w])
            continue;
        struct recite_stats_retention *r = &s->retention[w];
        if (h->kind == RECITE_STATS_KIND_MATURE) {
            r->mature_reviews += h->reviews;
            r->mature_passed += h->passed;
        } else {
            r->young_reviews += h->reviews;
            r->young_passed += h->passed;
        }
    }
}

/* The heatmap and retention, from the hourly sums of the last year. */
static int load_history(struct recite_stats *s, struct recite_store *st,
                        const struct recite_stats_options *opts, struct recite_error *err)
{
    int64_t starts[RECITE_STATS_HEATMAP_DAYS];
    starts[RECITE_STATS_HEATMAP_DAYS - 1] = s->today_start;
    for (int i = RECITE_STATS_HEATMAP_DAYS - 1; i > 0; i--)
        starts[i - 1] = recite_day_start(starts[i] - 1, opts->day_start_hour);
    s->heatmap_start = starts[0];
    memcpy(s->day_start, starts, sizeof(starts));
    int64_t window_start[RECITE_STATS_WINDOWS];
    for (int w = 0; w < RECITE_STATS_WINDOWS; w++) {
        s->retention[w].days = retention_days[w];
        window_start[w] = starts[RECITE_STATS_HEATMAP_DAYS - retention_days[w]];
    }
    struct recite_stats_hour *hours = NULL;
    size_t count = 0;
    int rc = recite_store_stats_hours(st, opts->bank_slug, starts[0], &hours, &count, err);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < count; i++) {
        int day = day_index(starts, RECITE_STATS_HEATMAP_DAYS, hours[i].hour * MS_PER_HOUR);
        if (day < 0 || hours[i].hour * MS_PER_HOUR > s->now)
            continue;
        s->heatmap[day] += hours[i].reviews;
        s->year_reviews += hours[i].reviews;
        add_retention(s, &hours[i], window_start);
    }
    free(hours);
    return 0;
}

static int tag_compare(const void *a, const void *b)
{
    return strcmp(((const struct recite_stats_tag *)a)->tag,
                  ((const struct recite_stats_tag *)b)->tag);
}

/* What the card scan accumulates besides the figures themselves. */
struct scan {
    struct recite_stats *stats;
    int64_t tomorrow;                               /* next day's start */
    int64_t starts[RECITE_STATS_FORECAST_DAYS + 1]; /* forecast day starts */
    int64_t fact_id;                                /* the fact of tag_index */
    size_t tag_index[64];                           /* its tags in stats->tags */
    size_t tag_count;
    size_t tag_cap;
};

/* The index of tag (len bytes at word) in s->tags, appended when new; -1: no memory. */
static long tag_find(struct scan *sc, const char *word, size_t len)
{
    struct recite_stats *s = sc->stats;
    for (size_t i = 0; i < s->tag_count; i++)
        if (s->tags[i].tag[0] == word[0] && strncmp(s->tags[i].tag, word, len) == 0 &&
            s->tags[i].tag[len] == '\0')
            return (long)i;
    if (recite_grow((void **)&s->tags, &sc->tag_cap, s->tag_count + 1, sizeof(*s->tags)) < 0)
        return -1;
    char *tag = malloc(len + 1);
    if (!tag)
        return -1;
    memcpy(tag, word, len);
    tag[len] = '\0';
    s->tags[s->tag_count] = (struct recite_stats_tag){tag, 0, 0};
    return (long)s->tag_count++;
}

/* Splits a new fact's tags into sc->tag_index. */
static int scan_fact_tags(struct scan *sc, const char *tags)
{
    sc->tag_count = 0;
    for (const char *p = tags; *p;) {
        size_t skip = strspn(p, " \t"), len = strcspn(p + skip, " \t");
        if (len > 0 && sc->tag_count < sizeof(sc->tag_index) / sizeof(sc->tag_index[0])) {
            long index = tag_find(sc, p + skip, len);
            if (index < 0)
                return RECITE_ENOMEM;
            sc->tag_index[sc->tag_count++] = (size_t)index;
        }
        p += skip + len;
    }
    return 0;
}

static void scan_due(struct scan *sc, const struct recite_stats_card_state *card)
{
    struct recite_stats *s = sc->stats;
    if (card->suspended != RECITE_ACTIVE)
        return;
    if (card->buried_until <= s->now) {
        if (card->state == RECITE_STATE_NEW)
            s->new_available++;
        else if (card->due < sc->tomorrow && card->state == RECITE_STATE_REVIEW)
            s->due_review++;
        else if (card->due < sc->tomorrow)
            s->due_learning++;
    }
    if (card->state == RECITE_STATE_NEW || card->due >= sc->starts[RECITE_STATS_FORECAST_DAYS])
        return;
    int day = day_index(sc->starts, RECITE_STATS_FORECAST_DAYS + 1, card->due);
    s->forecast[day < 0 ? 0 : day]++; /* overdue cards count today */
}

static int scan_card(void *ctx, const struct recite_stats_card_state *card)
{
    struct scan *sc = ctx;
    if (card->fact_id != sc->fact_id) {
        sc->fact_id = card->fact_id;
        if (scan_fact_tags(sc, card->tags) < 0)
            return RECITE_ENOMEM;
    }
    scan_due(sc, card);
    if (card->retired || card->suspended == RECITE_SUSPENDED_RETIRED)
        return 0;
    for (size_t i = 0; i < sc->tag_count; i++) {
        struct recite_stats_tag *tag = &sc->stats->tags[sc->tag_index[i]];
        tag->cards++;
        tag->mastered += card->stability > RECITE_STATS_MATURE_DAYS;
    }
    return 0;
}

/* Today's due and new cards, the forecast and mastery by tag: one pass over the cards. */
static int load_cards(struct recite_stats *s, struct recite_store *st,
                      const struct recite_stats_options *opts, struct recite_error *err)
{
    struct scan sc = {.stats = s, .fact_id = -1};
    sc.starts[0] = s->today_start;
    for (int i = 1; i <= RECITE_STATS_FORECAST_DAYS; i++)
        sc.starts[i] = recite_next_day_start(sc.starts[i - 1], opts->day_start_hour);
    sc.tomorrow = sc.starts[1];
    int rc = recite_store_stats_scan_cards(st, opts->bank_slug, scan_card, &sc, err);
    if (rc == RECITE_ENOMEM)
        return recite_error_set(err, rc, "out of memory");
    if (rc == 0 && s->tag_count > 1)
        qsort(s->tags, s->tag_count, sizeof(*s->tags), tag_compare);
    return rc;
}

int recite_stats_compute(struct recite_stats *out, struct recite_store *st,
                         const struct recite_stats_options *opts, struct recite_error *err)
{
    memset(out, 0, sizeof(*out));
    out->now = opts->now;
    out->today_start = recite_day_start(opts->now, opts->day_start_hour);
    int rc = recite_store_stats_today(st, opts->bank_slug, out->today_start, &out->reviewed_today,
                                      &out->time_today_ms, err);
    if (rc == 0)
        rc = load_history(out, st, opts, err);
    if (rc == 0)
        rc = load_cards(out, st, opts, err);
    if (rc == 0)
        rc = recite_store_stats_cards(st, opts->bank_slug, RECITE_STATS_LEECHES, opts->card_limit,
                                      &out->leeches, &out->leech_count, err);
    if (rc == 0)
        rc = recite_store_stats_cards(st, opts->bank_slug, RECITE_STATS_HARDEST, opts->card_limit,
                                      &out->hardest, &out->hardest_count, err);
    return rc;
}

void recite_stats_release(struct recite_stats *stats)
{
    if (!stats)
        return;
    for (size_t i = 0; i < stats->tag_count; i++)
        free(stats->tags[i].tag);
    free(stats->tags);
    free(stats->leeches);
    free(stats->hardest);
    stats->tags = NULL;
    stats->leeches = stats->hardest = NULL;
    stats->tag_count = stats->leech_count = stats->hardest_count = 0;
}
