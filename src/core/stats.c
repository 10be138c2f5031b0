/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Statistics: turns the store's hourly sums and card rows into the figures
 * `recite stats` draws. Days are local days starting at day_start_hour, as
 * the review session counts them; an hour sum belongs to the day its hour
 * starts in.
 */
#include <stdlib.h>
#include <string.h>

#include "recite.h"

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

/* Cards due per day for the next 30 days; overdue cards count today. */
static int load_forecast(struct recite_stats *s, struct recite_store *st,
                         const struct recite_stats_options *opts, struct recite_error *err)
{
    int64_t starts[RECITE_STATS_FORECAST_DAYS + 1];
    starts[0] = s->today_start;
    for (int i = 1; i <= RECITE_STATS_FORECAST_DAYS; i++)
        starts[i] = recite_next_day_start(starts[i - 1], opts->day_start_hour);
    struct recite_stats_due *due = NULL;
    size_t count = 0;
    int rc = recite_store_stats_due_hours(st, opts->bank_slug, starts[RECITE_STATS_FORECAST_DAYS],
                                          &due, &count, err);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < count; i++) {
        int day = day_index(starts, RECITE_STATS_FORECAST_DAYS + 1, due[i].hour * MS_PER_HOUR);
        if (day >= RECITE_STATS_FORECAST_DAYS)
            continue;
        s->forecast[day < 0 ? 0 : day] += due[i].cards;
    }
    free(due);
    return 0;
}

static int tag_compare(const void *a, const void *b)
{
    return strcmp(((const struct recite_stats_tag *)a)->tag,
                  ((const struct recite_stats_tag *)b)->tag);
}

/* Adds cards and mastered to tag (len bytes at word), appending it when new. */
static int tag_add(struct recite_stats *s, size_t *cap, const char *word, size_t len,
                   const struct recite_stats_tag_row *row)
{
    for (size_t i = 0; i < s->tag_count; i++) {
        if (strlen(s->tags[i].tag) == len && memcmp(s->tags[i].tag, word, len) == 0) {
            s->tags[i].cards += row->cards;
            s->tags[i].mastered += row->mastered;
            return 0;
        }
    }
    if (s->tag_count == *cap) {
        size_t next = *cap ? *cap * 2 : 16;
        struct recite_stats_tag *grown = realloc(s->tags, next * sizeof(*grown));
        if (!grown)
            return RECITE_ENOMEM;
        s->tags = grown;
        *cap = next;
    }
    char *tag = malloc(len + 1);
    if (!tag)
        return RECITE_ENOMEM;
    memcpy(tag, word, len);
    tag[len] = '\0';
    s->tags[s->tag_count++] = (struct recite_stats_tag){tag, row->cards, row->mastered};
    return 0;
}

static int load_tags(struct recite_stats *s, struct recite_store *st,
                     const struct recite_stats_options *opts, struct recite_error *err)
{
    struct recite_stats_tag_row *rows = NULL;
    size_t count = 0, cap = 0;
    int rc = recite_store_stats_tag_rows(st, opts->bank_slug, &rows, &count, err);
    for (size_t i = 0; rc == 0 && i < count; i++) {
        for (const char *p = rows[i].tags; rc == 0 && *p;) {
            size_t skip = strspn(p, " \t"), len = strcspn(p + skip, " \t");
            if (len > 0 && tag_add(s, &cap, p + skip, len, &rows[i]) < 0)
                rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
            p += skip + len;
        }
    }
    recite_stats_tag_rows_free(rows, count);
    if (rc == 0 && s->tag_count > 1)
        qsort(s->tags, s->tag_count, sizeof(*s->tags), tag_compare);
    return rc;
}

static int load_today(struct recite_stats *s, struct recite_store *st,
                      const struct recite_stats_options *opts, struct recite_error *err)
{
    int64_t tomorrow = recite_next_day_start(s->now, opts->day_start_hour);
    int rc = recite_store_due_counts(st, opts->bank_slug, s->now, tomorrow - 1, &s->due_learning,
                                     &s->due_review, &s->new_available, err);
    if (rc == 0)
        rc = recite_store_stats_today(st, opts->bank_slug, s->today_start, &s->reviewed_today,
                                      &s->time_today_ms, err);
    return rc;
}

int recite_stats_compute(struct recite_stats *out, struct recite_store *st,
                         const struct recite_stats_options *opts, struct recite_error *err)
{
    memset(out, 0, sizeof(*out));
    out->now = opts->now;
    out->today_start = recite_day_start(opts->now, opts->day_start_hour);
    int rc = load_today(out, st, opts, err);
    if (rc == 0)
        rc = load_history(out, st, opts, err);
    if (rc == 0)
        rc = load_forecast(out, st, opts, err);
    if (rc == 0)
        rc = load_tags(out, st, opts, err);
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
