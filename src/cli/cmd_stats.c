/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite stats: progress at a glance (today, a year of reviews, the month
 * ahead, retention, mastery by tag, leeches, hard cards) and, with --items,
 * the item analysis of quizzes. The core computes; this file only draws.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chart.h"
#include "cmd.h"
#include "cmds.h"
#include "session.h"

struct stats_args {
    const char *bank;
    bool json, items;
    int day_start_hour; /* -1: the setting, as review reads it */
};

static void print_duration(int64_t ms)
{
    int64_t minutes = (ms + 30000) / 60000;
    if (minutes < 60)
        printf("%lld min", (long long)minutes);
    else
        printf("%lld h %02lld min", (long long)(minutes / 60), (long long)(minutes % 60));
}

static void print_today(const struct recite_stats *s)
{
    puts("Today");
    printf("  due        %zu (%zu learning, %zu review)\n", s->due_learning + s->due_review,
           s->due_learning, s->due_review);
    printf("  new        %zu not yet seen\n", s->new_available);
    printf("  reviewed   %zu in ", s->reviewed_today);
    print_duration(s->time_today_ms);
    putchar('\n');
}

static void print_heatmap(const struct recite_stats *s, const struct chart_style *style)
{
    time_t secs = (time_t)(s->heatmap_start / 1000);
    struct tm tm;
    localtime_r(&secs, &tm);
    printf("\nReviews, last twelve months: %zu\n", s->year_reviews);
    struct chart_heatmap h = {s->heatmap, s->day_start, RECITE_STATS_HEATMAP_DAYS,
                              (tm.tm_wday + 6) % 7};
    chart_heatmap(stdout, style, &h);
}

static void print_forecast(const struct recite_stats *s, const struct chart_style *style,
                           int day_start_hour)
{
    size_t max = 0, total = 0;
    for (int i = 0; i < RECITE_STATS_FORECAST_DAYS; i++) {
        max = s->forecast[i] > max ? s->forecast[i] : max;
        total += s->forecast[i];
    }
    printf("\nDue over the next 30 days: %zu\n", total);
    int64_t day = s->today_start;
    for (int i = 0; i < RECITE_STATS_FORECAST_DAYS; i++) {
        time_t secs = (time_t)(day / 1000 + 43200);
        struct tm tm;
        localtime_r(&secs, &tm);
        char label[16];
        strftime(label, sizeof(label), "%a %d %b", &tm);
        printf("  %s ", label);
        chart_bar(stdout, style, (double)s->forecast[i], (double)max, style->width - 22);
        printf(" %5zu\n", s->forecast[i]);
        day = recite_next_day_start(day, day_start_hour);
    }
}

/* One retention cell: "95.0% of 120", or just the rate when narrow. */
static void print_rate(size_t passed, size_t reviews, int cell)
{
    char text[32] = "-";
    if (reviews > 0 && cell >= 14)
        snprintf(text, sizeof(text), "%.1f%% of %zu", 100.0 * (double)passed / (double)reviews,
                 reviews);
    else if (reviews > 0)
        snprintf(text, sizeof(text), "%.1f%%", 100.0 * (double)passed / (double)reviews);
    printf("  %-*s", cell, text);
}

static void print_retention(const struct recite_stats *s, int width)
{
    int cell = (width - 10) / 3 - 2;
    cell = cell > 20 ? 20 : cell < 6 ? 6 : cell;
    puts("\nTrue retention (Hard or better, review cards)");
    printf("  %-8s  %-*s  %-*s  %-*s\n", "", cell, "young", cell, "mature", cell, "all");
    for (int w = 0; w < RECITE_STATS_WINDOWS; w++) {
        const struct recite_stats_retention *r = &s->retention[w];
        printf("  %3d days", r->days);
        print_rate(r->young_passed, r->young_reviews, cell);
        print_rate(r->mature_passed, r->mature_reviews, cell);
        print_rate(r->young_passed + r->mature_passed, r->young_reviews + r->mature_reviews, cell);
        putchar('\n');
    }
    puts("  mature: interval of 21 days or more");
}

static void print_mastery(const struct recite_stats *s, const struct chart_style *style)
{
    puts("\nMastery by tag (stability over 21 days)");
    if (s->tag_count == 0)
        puts("  no tagged cards");
    int name_width = 4;
    for (size_t i = 0; i < s->tag_count; i++) {
        int len = (int)strlen(s->tags[i].tag);
        name_width = len > name_width ? len : name_width;
    }
    name_width = name_width > 24 ? 24 : name_width;
    int bar = style->width - name_width - 24;
    for (size_t i = 0; i < s->tag_count; i++) {
        const struct recite_stats_tag *t = &s->tags[i];
        fputs("  ", stdout);
        cli_put_safe_width(stdout, t->tag, name_width);
        putchar(' ');
        chart_bar(stdout, style, (double)t->mastered, (double)t->cards, bar < 4 ? 4 : bar);
        printf(" %3.0f%% %zu/%zu\n", t->cards ? 100.0 * (double)t->mastered / (double)t->cards : 0,
               t->mastered, t->cards);
    }
}

static void print_cards(const char *title, const struct recite_stats_card *cards, size_t n,
                        const struct chart_style *style)
{
    printf("\n%s\n", title);
    if (n == 0)
        puts("  none");
    for (size_t i = 0; i < n; i++) {
        const struct recite_stats_card *c = &cards[i];
        printf("  %2d lapses  D %4.1f  ", c->lapses, c->difficulty);
        char name[300];
        snprintf(name, sizeof(name), "%s/%s (%s)", c->bank_slug, c->fact_key, c->template_name);
        cli_put_safe_width(stdout, name, style->width - 24);
        putchar('\n');
    }
}

/* How well the scheduler's parameters predict these reviews, as recite fsrs last found. */
static void print_calibration(struct recite_store *st, const struct stats_args *a)
{
    struct recite_error err = {0};
    struct recite_fsrs_metrics m;
    int64_t at = 0;
    bool found = false;
    puts("\nScheduler calibration (lower is better)");
    if (recite_fsrs_calibration_load(&m, &at, &found, st, a->bank, &err) < 0) {
        printf("  -  (%s)\n", err.msg);
    } else if (!found) {
        puts("  not measured yet: run `recite fsrs eval`");
    } else {
        time_t secs = (time_t)(at / 1000);
        struct tm tm;
        char day[16];
        localtime_r(&secs, &tm);
        strftime(day, sizeof(day), "%Y-%m-%d", &tm);
        printf("  log loss %.4f, RMSE(bins) %.4f\n  on %zu predictions, %s\n", m.log_loss,
               m.rmse_bins, m.count, day);
    }
}

static int show_stats(struct recite_store *st, const struct stats_args *a)
{
    struct recite_error err = {0};
    struct recite_stats_options opts = RECITE_STATS_OPTIONS_INIT;
    opts.bank_slug = a->bank;
    opts.day_start_hour = a->day_start_hour;
    struct recite_stats s;
    int rc = recite_now_ms(&opts.now, &err);
    if (rc == 0)
        rc = recite_stats_compute(&s, st, &opts, &err);
    else
        memset(&s, 0, sizeof(s));
    char *json = NULL;
    if (rc == 0 && a->json && (rc = recite_stats_to_json(&json, &s, a->bank, &err)) == 0)
        puts(json);
    if (rc == 0 && !a->json) {
        struct chart_style style = {cli_color(stdout), cli_term_width(stdout)};
        print_today(&s);
        print_heatmap(&s, &style);
        print_forecast(&s, &style, a->day_start_hour);
        print_retention(&s, style.width);
        print_mastery(&s, &style);
        print_cards("Leeches (suspended after repeated lapses)", s.leeches, s.leech_count, &style);
        print_cards("Hardest cards (most lapses, then difficulty)", s.hardest, s.hardest_count,
                    &style);
        print_calibration(st, a);
    }
    free(json);
    recite_stats_release(&s);
    return rc < 0 ? cli_report(&err) : CLI_EXIT_OK;
}

static const char items_note[] =
    "\nFacility: the mean score on the question, in percent (100: everyone right).\n"
    "Discrimination: 100 x the correlation between the score on the question and\n"
    "the score on the rest of the quiz. Above 30 the question separates strong\n"
    "from weak students well; below 20 it says little; a negative figure means the\n"
    "weaker students did better, often a misleading question or a wrong answer key.\n"
    "Flags: too-easy (facility >= 90), too-hard (<= 10), negative (discrimination < 0).\n"
    "Figures from a handful of quizzes are unreliable: look at the attempts column.\n";

static void print_items(const struct recite_stats_items *items, int width)
{
    printf("Item analysis of %zu finished quiz%s\n\n", items->quizzes,
           items->quizzes == 1 ? "" : "zes");
    if (items->count == 0) {
        puts("no quiz has been finished yet: run `recite quiz BANK`");
        return;
    }
    printf("%8s %8s %8s %-9s %s\n", "attempts", "facility", "discrim", "flag", "question");
    for (size_t i = 0; i < items->count; i++) {
        const struct recite_stats_item *it = &items->items[i];
        const char *flag = recite_stats_item_flag(it);
        char discrimination[16] = "-";
        if (!isnan(it->discrimination))
            snprintf(discrimination, sizeof(discrimination), "%.1f", it->discrimination);
        printf("%8zu %8.1f %8s %-9s ", it->attempts, it->facility, discrimination,
               flag ? flag : "");
        cli_put_safe_width(stdout, it->prompt, width - 37 < 10 ? 10 : width - 37);
        putchar('\n');
    }
    fputs(items_note, stdout);
}

static int show_items(struct recite_store *st, const struct stats_args *a)
{
    struct recite_error err = {0};
    struct recite_stats_items items;
    int rc = recite_stats_items_compute(&items, st, a->bank, &err);
    char *json = NULL;
    if (rc == 0 && a->json && (rc = recite_stats_items_to_json(&json, &items, &err)) == 0)
        puts(json);
    else if (rc == 0)
        print_items(&items, cli_term_width(stdout));
    free(json);
    recite_stats_items_release(&items);
    return rc < 0 ? cli_report(&err) : CLI_EXIT_OK;
}

static const struct cli_parser parser = {
    .command = "stats",
    .synopsis = "recite stats [BANK] [--json] [--day-start H]\n"
                "recite stats --items [BANK] [--json]",
    .summary = "Shows today's workload, a heatmap of the last twelve months, the cards\n"
               "due over the next 30 days, true retention, mastery by tag, leeches and\n"
               "the hardest cards, for BANK or every bank. --items shows, for each quiz\n"
               "question, its facility and discrimination indexes.",
};

/* recite stats [BANK] [--json] [--items] [--day-start H] */
int cmd_stats(int argc, char **argv)
{
    struct stats_args a = {NULL, false, false, -1};
    const struct cli_option options[] = {
        CLI_OPT_OPERAND_ROW("BANK", &a.bank, NULL),
        CLI_OPT_SWITCH_ROW("json", 0, &a.json, "print the figures as JSON (docs/stats-json.md)"),
        CLI_OPT_SWITCH_ROW("items", 0, &a.items, "item analysis of finished quizzes"),
        CLI_OPT_DAY_START_ROW(&a.day_start_hour),
        CLI_OPT_END_ROW,
    };
    int status = cli_parse(&parser, options, argc, argv);
    if (status != CLI_CONTINUE)
        return status;
    struct recite_store *st = NULL;
    /* A day's answers must fall on the day the review session counted them for. */
    if ((status = cli_open_bank_store(&st, a.bank, &a.day_start_hour)) != 0)
        return status;
    status = a.items ? show_items(st, &a) : show_stats(st, &a);
    recite_store_close(st);
    return status;
}
