/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text charts for `recite stats` (chart.c). */
#ifndef RECITE_CLI_CHART_H
#define RECITE_CLI_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct chart_style {
    bool color; /* escape sequences allowed */
    int width;  /* terminal columns */
};

/* Writes a bar of value/max of width columns, padded with spaces to width. */
void chart_bar(FILE *out, const struct chart_style *style, double value, double max, int width);

/* Shade level 0 (nothing) .. 4 (busiest quarter) of count against max. */
int chart_level(size_t count, size_t max);

/* A run of days to draw as weeks (columns) by weekday (rows, Monday first). */
struct chart_heatmap {
    const size_t *counts;     /* per day */
    const int64_t *day_start; /* Unix ms each day began */
    int days;
    int lead; /* weekday of the first day, 0 = Monday */
};

/* Draws the heatmap, its most recent weeks when the width does not hold all. */
void chart_heatmap(FILE *out, const struct chart_style *style, const struct chart_heatmap *h);

#endif
