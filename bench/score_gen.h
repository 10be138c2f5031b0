/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The score files the score benchmarks share (score_gen.c). */
#ifndef RECITE_BENCH_SCORE_GEN_H
#define RECITE_BENCH_SCORE_GEN_H

#include <stddef.h>

#include "recite.h"

/* Prints what failed and exits 1. */
_Noreturn void score_gen_die(const char *what, const struct recite_error *err);
/* cache/files/score-NNNNN.json: file i's path. */
void score_gen_path(char *out, size_t size, const char *cache, size_t i);
/*
 * Writes cache/files/score-*.json (+ .minisig) and cache/roster.tsv unless
 * the cache already holds that many files for that many students.
 */
void score_gen_files(const char *cache, size_t files, size_t students);

#endif
