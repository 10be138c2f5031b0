#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fitting time and peak memory: recite's C fitter (bench/fsrs-fit-tool)
# against fsrs-rs 6.5 through the npm package @open-spaced-repetition/binding
# 0.5.0 (a native module under node), on the same simulated review logs.
# Peak memory is each process's maximum resident set: the C tool's whole
# run (reading the CSV included), node's with its runtime.
# Usage: bench/fsrs-fit-bench.sh [BUILD_DIR]
# Installs the binding into bench/node_modules (git-ignored) when missing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
tool="$build/bench/fsrs-fit-tool" sim="$build/bench/fsrs-sim"
[ -x "$tool" ] || { echo "fsrs-fit-bench.sh: $tool not built" >&2; exit 66; }
export TZ=UTC NODE_PATH="$here/node_modules${NODE_PATH:+:$NODE_PATH}"
if ! node -e 'require("@open-spaced-repetition/binding")' 2>/dev/null; then
    echo "installing the npm packages of bench/package.json ..." >&2
    (cd "$here" && npm install --no-audit --no-fund --silent >&2)
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fsrs-fit-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
printf '%-26s %7s | %7s %7s %7s %7s | %7s %7s | %8s %8s\n' log reviews "C s" "C cpu" "rs s" "rs cpu" \
    "C KB" "node KB" "C loss" "rs loss"
for spec in "3 2000 365" "4 4000 500" "7 10000 1000" "8 20000 1500"; do
    set -- $spec
    "$sim" "$1" "$2" "$3" >"$tmp/log.csv" 2>/dev/null
    reviews=$(($(wc -l <"$tmp/log.csv") - 1))
    best="" best_cpu=""
    for run in 1 2 3; do
        "$tool" fit "$tmp/log.csv" >"$tmp/c.json"
        best=$(jq -n --argjson a "$(jq .seconds "$tmp/c.json")" --argjson b "${best:-1e9}" '[$a, $b] | min')
        best_cpu=$(jq -n --argjson a "$(jq .cpu_seconds "$tmp/c.json")" --argjson b "${best_cpu:-1e9}" '[$a, $b] | min')
    done
    node "$here/fsrs-fit-ref.mjs" "$tmp/log.csv" >"$tmp/rs.json"
    printf '%-26s %7d | %7.3f %7.3f %7.3f %7.3f | %7d %7d | %8.5f %8.5f\n' \
        "sim $1 ($2 cards, $3 days)" "$reviews" "$best" "$best_cpu" \
        "$(jq .fit.seconds "$tmp/rs.json")" "$(jq .fit.cpu_seconds "$tmp/rs.json")" \
        "$(jq .peak_kb "$tmp/c.json")" "$(jq .peak_kb "$tmp/rs.json")" \
        "$(jq .log_loss "$tmp/c.json")" "$(jq .fit.log_loss "$tmp/rs.json")"
done
echo "C: best of 3 fits (wall and CPU seconds of the fit alone); rs: one computeParameters call"
