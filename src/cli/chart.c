/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Text charts for `recite stats`: horizontal bars in eighth blocks and a
 * heatmap in shade blocks. Colour only when the stream allows it; without
 * it the same characters are written with no escape sequences at all.
 */
#include <string.h>
#include <time.h>

#include "chart.h"
#include "recite.h"

static const char *const eighths[] = {"",
                                      "\xe2\x96\x8f",  /* ▏ */
                                      "\xe2\x96\x8e",  /* ▎ */
                                      "\xe2\x96\x8d",  /* ▍ */
                                      "\xe2\x96\x8c",  /* ▌ */
                                      "\xe2\x96\x8b",  /* ▋ */
                                      "\xe2\x96\x8a",  /* ▊ */
                                      "\xe2\x96\x89",  /* ▉ */
                                      "\xe2\x96\x88"}; /* █ */

static const char *const shades[] = {"\xc2\xb7",      /* · none */
                                     "\xe2\x96\x91",  /* ░ */
                                     "\xe2\x96\x92",  /* ▒ */
                                     "\xe2\x96\x93",  /* ▓ */
                                     "\xe2\x96\x88"}; /* █ */

void chart_bar(FILE *out, const struct chart_style *style, double value, double max, int width)
{
    if (width < 1)
        return;
    long units = max > 0 ? (long)(value / max * width * 8 + 0.5) : 0;
    if (value > 0 && units == 0)
        units = 1; /* something, however little, shows */
    if (units > (long)width * 8)
        units = (long)width * 8;
    if (style->color)
        fputs("\033[32m", out);
    for (long i = 0; i < units / 8; i++)
        fputs(eighths[8], out);
    fputs(eighths[units % 8], out);
    if (style->color)
        fputs("\033[0m", out);
    for (long i = units / 8 + (units % 8 != 0); i < width; i++)
        fputc(' ', out);
}

int chart_level(size_t count, size_t max)
{
    if (count == 0 || max == 0)
        return 0;
    /* Quartiles of the busiest day: a quiet year still shows its pattern. */
    size_t level = (count * 4 + max - 1) / max;
    return level < 1 ? 1 : level > 4 ? 4 : (int)level;
}

static void put_cell(FILE *out, const struct chart_style *style, int level)
{
    static const char *const colors[] = {"\033[90m", "\033[38;5;22m", "\033[38;5;28m",
                                         "\033[38;5;34m", "\033[38;5;40m"};
    if (style->color)
        fputs(colors[level], out);
    fputs(shades[level], out);
    if (style->color)
        fputs("\033[0m", out);
}

/* Local calendar date of instant ms. */
static struct tm local_date(int64_t ms)
{
    time_t secs = (time_t)(ms / 1000);
    struct tm tm;
    localtime_r(&secs, &tm);
    return tm;
}

/* The month names above the week columns that start a month. */
static void heatmap_months(FILE *out, const struct chart_heatmap *h, int first_week, int weeks)
{
    const char *const *months = recite_month_abbrevs;
    fputs("    ", out);
    int col = 0;
    for (int w = first_week; w < first_week + weeks; w++) {
        int day = w * 7 - h->lead;
        if (day < 0)
            day = 0;
        struct tm tm = local_date(h->day_start[day]);
        if (tm.tm_mday <= 7 && col <= w - first_week) {
            fputs(months[tm.tm_mon], out);
            col = w - first_week + 3;
        } else if (col <= w - first_week) {
            fputc(' ', out);
            col++;
        }
    }
    fputc('\n', out);
}

void chart_heatmap(FILE *out, const struct chart_style *style, const struct chart_heatmap *h)
{
    static const char *const names[] = {"Mon", "   ", "Wed", "   ", "Fri", "   ", "Sun"};
    int total_weeks = (h->lead + h->days + 6) / 7;
    int weeks = total_weeks < style->width - 5 ? total_weeks : style->width - 5;
    int first_week = total_weeks - weeks;
    size_t max = 0;
    for (int i = 0; i < h->days; i++)
        max = h->counts[i] > max ? h->counts[i] : max;
    heatmap_months(out, h, first_week, weeks);
    for (int row = 0; row < 7; row++) {
        fprintf(out, "%s ", names[row]);
        for (int w = first_week; w < total_weeks; w++) {
            int day = w * 7 + row - h->lead;
            if (day < 0 || day >= h->days)
                fputc(' ', out);
            else
                put_cell(out, style, chart_level(h->counts[day], max));
        }
        fputc('\n', out);
    }
    fputs("    less ", out);
    for (int level = 0; level <= 4; level++)
        put_cell(out, style, level);
    fprintf(out, " more (busiest day: %zu)\n", max);
}
