#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# stats-bench.sh [BUILD_DIR [REVIEWS]]: builds (once) a database holding a
# generated year of REVIEWS reviews (default 1,000,000) with stats-gen, then
# times `recite stats`, `recite stats --json` and, in the same run, the raw
# `SELECT count(*) FROM review` through the sqlite3 shell: the median of 11
# runs each (after one warm-up), and the ratio. Goal: recite stats <= 50 ms.
set -eu
build=${1:-build}
reviews=${2:-1000000}
db=${STATS_BENCH_DB:-$build/bench/stats-$reviews.db}
export RECITE_NOW=${RECITE_NOW:-2026-11-23T12:00:00Z} RECITE_DB=$db NO_COLOR=1
if [ ! -s "$db" ]; then
    echo "generating $reviews reviews into $db (once)..."
    "$build/bench/stats-gen" "$db" "$reviews" 2>/dev/null
fi

# median_ms CMD...: runs CMD 11 times after a warm-up, prints the median wall time in ms.
median_ms() {
    "$@" >/dev/null
    for _ in $(seq 11); do
        local t0 t1
        t0=$(date +%s%N)
        "$@" >/dev/null
        t1=$(date +%s%N)
        echo $(((t1 - t0) / 1000))
    done | sort -n | sed -n 6p | awk '{ printf "%.1f", $1 / 1000 }'
}

rows=$(sqlite3 "$db" 'SELECT count(*) FROM review')
stats=$(median_ms "$build/recite" stats)
json=$(median_ms "$build/recite" stats --json)
raw=$(median_ms sqlite3 "$db" 'SELECT count(*) FROM review')
printf '%-40s %10s\n' "review rows" "$rows"
printf '%-40s %8s ms\n' "recite stats" "$stats" "recite stats --json" "$json" \
    "sqlite3: SELECT count(*) FROM review" "$raw"
awk -v a="$stats" -v b="$raw" 'BEGIN { printf "%-40s %9.2fx\n", "recite stats / raw count", a / b }'
awk -v a="$stats" 'BEGIN { printf "%-40s %s\n", "goal (<= 50 ms)", a <= 50 ? "met" : "missed" }'
