/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Statistics as JSON, for `recite stats --json` and `stats --items --json`.
 * The shape is documented in docs/stats-json.md and pinned by tests: add
 * keys, never rename or remove them without raising "version".
 */
#include <math.h>
#include <stdlib.h>

#include <jansson.h>

#include "json_text.h"
#include "recite/common.h"
#include "recite/stats.h"

#define STATS_JSON_VERSION 1

static json_t *time_string(int64_t ms)
{
    char when[32];
    recite_time_format(when, sizeof(when), ms);
    return json_string(when);
}

/* A share 0..1 rounded to 4 places, or null when there is nothing to share. */
static json_t *ratio(size_t part, size_t whole)
{
    if (whole == 0)
        return json_null();
    return json_real(round(10000.0 * (double)part / (double)whole) / 10000.0);
}

static json_t *counts(const size_t *values, size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < n; i++)
        json_array_append_new(list, json_integer((json_int_t)values[i]));
    return list;
}

static json_t *today_object(const struct recite_stats *s)
{
    return json_pack("{s:o, s:I, s:I, s:I, s:I, s:I, s:I}", "start", time_string(s->today_start),
                     "due", (json_int_t)(s->due_learning + s->due_review), "learning",
                     (json_int_t)s->due_learning, "review", (json_int_t)s->due_review, "new",
                     (json_int_t)s->new_available, "reviewed", (json_int_t)s->reviewed_today,
                     "time_ms", (json_int_t)s->time_today_ms);
}

static json_t *pass_object(size_t reviews, size_t passed)
{
    return json_pack("{s:I, s:I, s:o}", "reviews", (json_int_t)reviews, "passed",
                     (json_int_t)passed, "rate", ratio(passed, reviews));
}

static json_t *retention_list(const struct recite_stats *s)
{
    json_t *list = json_array();
    for (int w = 0; list && w < RECITE_STATS_WINDOWS; w++) {
        const struct recite_stats_retention *r = &s->retention[w];
        json_array_append_new(list,
                              json_pack("{s:i, s:o, s:o, s:o}", "days", r->days, "young",
                                        pass_object(r->young_reviews, r->young_passed), "mature",
                                        pass_object(r->mature_reviews, r->mature_passed), "all",
                                        pass_object(r->young_reviews + r->mature_reviews,
                                                    r->young_passed + r->mature_passed)));
    }
    return list;
}

static json_t *mastery_list(const struct recite_stats *s)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < s->tag_count; i++) {
        const struct recite_stats_tag *t = &s->tags[i];
        json_array_append_new(list,
                              json_pack("{s:s, s:I, s:I, s:o}", "tag", t->tag, "cards",
                                        (json_int_t)t->cards, "mastered", (json_int_t)t->mastered,
                                        "share", ratio(t->mastered, t->cards)));
    }
    return list;
}

static json_t *card_list(const struct recite_stats_card *cards, size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < n; i++) {
        const struct recite_stats_card *c = &cards[i];
        json_array_append_new(list,
                              json_pack("{s:s, s:s, s:s, s:s, s:i, s:i, s:f, s:f}", "uid", c->uid,
                                        "bank", c->bank_slug, "fact", c->fact_key, "template",
                                        c->template_name, "reps", c->reps, "lapses", c->lapses,
                                        "stability", round(c->stability * 100) / 100, "difficulty",
                                        round(c->difficulty * 100) / 100));
    }
    return list;
}

static int dump(char **out, json_t *value, struct recite_error *err)
{
    return recite_json_text(out, value, JSON_INDENT(2) | JSON_PRESERVE_ORDER, false, "JSON", err);
}

int recite_stats_to_json(char **out, const struct recite_stats *s, const char *bank_slug,
                         struct recite_error *err)
{
    json_t *heatmap = json_pack("{s:o, s:I, s:o}", "start", time_string(s->heatmap_start), "total",
                                (json_int_t)s->year_reviews, "days",
                                counts(s->heatmap, RECITE_STATS_HEATMAP_DAYS));
    json_t *root = json_pack(
        "{s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "version", STATS_JSON_VERSION, "bank",
        bank_slug ? json_string(bank_slug) : json_null(), "now", time_string(s->now), "today",
        today_object(s), "heatmap", heatmap, "forecast",
        counts(s->forecast, RECITE_STATS_FORECAST_DAYS), "retention", retention_list(s), "mastery",
        mastery_list(s), "leeches", card_list(s->leeches, s->leech_count), "hardest",
        card_list(s->hardest, s->hardest_count));
    return dump(out, root, err);
}

const char *recite_stats_item_flag(const struct recite_stats_item *item)
{
    if (item->facility >= 90)
        return "too-easy";
    if (item->facility <= 10)
        return "too-hard";
    if (!isnan(item->discrimination) && item->discrimination < 0)
        return "negative";
    return NULL;
}

static json_t *figure(double value)
{
    return isnan(value) ? json_null() : json_real(round(value * 10) / 10);
}

int recite_stats_items_to_json(char **out, const struct recite_stats_items *items,
                               struct recite_error *err)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < items->count; i++) {
        const struct recite_stats_item *it = &items->items[i];
        const char *flag = recite_stats_item_flag(it);
        json_array_append_new(list,
                              json_pack("{s:s, s:s, s:I, s:o, s:o, s:o, s:o}", "uid", it->card_uid,
                                        "prompt", it->prompt, "attempts", (json_int_t)it->attempts,
                                        "facility", figure(it->facility), "sd", figure(it->sd),
                                        "discrimination", figure(it->discrimination), "flag",
                                        flag ? json_string(flag) : json_null()));
    }
    json_t *root = json_pack("{s:i, s:I, s:o}", "version", STATS_JSON_VERSION, "quizzes",
                             (json_int_t)items->quizzes, "items", list);
    return dump(out, root, err);
}
