#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Scheduler throughput, recite's C FSRS against ts-fsrs 5.4.2 under node on
# the same workload (10,000 cards, 1,000,000 reviews, fuzz off).
# Usage: bench/fsrs-bench.sh [BUILD_DIR]   (default: build)
# Installs ts-fsrs 5.4.2 into bench/node_modules (git-ignored) when missing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
bench_bin="$build/bench/fsrs-bench"

if [ ! -x "$bench_bin" ]; then
    echo "fsrs-bench.sh: $bench_bin not built (cmake --build $build)" >&2
    exit 66
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
case "$build_type" in
Release | RelWithDebInfo) ;;
*) echo "fsrs-bench.sh: warning: $build is not an optimised build (CMAKE_BUILD_TYPE='$build_type');" \
        "use e.g. 'make build' or -DCMAKE_BUILD_TYPE=RelWithDebInfo" >&2 ;;
esac
installed=$(node -p "require('$here/node_modules/ts-fsrs/package.json').version" 2>/dev/null || true)
if [ "$installed" != "5.4.2" ]; then
    echo "installing ts-fsrs 5.4.2 into $here/node_modules ..." >&2
    (cd "$here" && npm install --no-audit --no-fund --silent >&2)
fi

set -- $("$bench_bin")
c_rate=$1 c_sum=$2 c_sec=$3
set -- $(node "$here/fsrs-bench.mjs")
js_rate=$1 js_sum=$2 js_sec=$3

printf 'workload: 10000 cards, 1000000 reviews, fuzz off\n'
printf 'recite C FSRS-6:       %10s reviews/s  (%s s, best of 5; checksum %s)\n' "$c_rate" "$c_sec" "$c_sum"
printf 'ts-fsrs 5.4.2 (node):  %10s reviews/s  (%s s; checksum %s)\n' "$js_rate" "$js_sec" "$js_sum"
awk -v c="$c_rate" -v j="$js_rate" 'BEGIN { printf "ratio C / ts-fsrs:     %10.1fx\n", c / j }'
if [ "$c_sum" != "$js_sum" ]; then
    echo "checksums differ: the two schedulers did not compute the same schedule" >&2
    exit 1
fi
echo "checksums agree: both produced the same schedule"
