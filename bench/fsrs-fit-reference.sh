#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the fsrs-rs reference numbers for tests/cli/t0410 on standard output,
# one JSON line per simulated log: the simulator's arguments, the log's
# SHA-256, fsrs-rs's evaluation of the defaults and of the learner's true
# weights, and fsrs-rs's fit with its metrics (bench/fsrs-fit-ref.mjs through
# @open-spaced-repetition/binding, which node must find: bench/node_modules
# after `npm install` there, or NODE_PATH).
# Usage: bench/fsrs-fit-reference.sh [BUILD_DIR] > tests/data/fsrs/fit/reference.jsonl
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
export TZ=UTC
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fsrs-ref.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# seed cards days: small logs for the fallbacks, larger ones for the fit
for spec in "1 300 120" "2 800 365" "3 2000 365" "4 4000 500" "5 60 40" "6 1500 200"; do
    set -- $spec
    "$build/bench/fsrs-sim" "$1" "$2" "$3" >"$tmp/log.csv" 2>"$tmp/true"
    sha=$(sha256sum <"$tmp/log.csv" | cut -c1-64)
    reviews=$(($(wc -l <"$tmp/log.csv") - 1))
    node "$here/fsrs-fit-ref.mjs" "$tmp/log.csv" "$(cat "$tmp/true")" |
        jq -c --arg sha "$sha" --argjson sim "[$1,$2,$3]" --argjson reviews "$reviews" \
            '{sim: $sim, reviews: $reviews, sha256: $sha, defaults, given,
              fit: {parameters: .fit.parameters, log_loss: .fit.log_loss,
                    rmse_bins: .fit.rmse_bins, seconds: .fit.seconds}}'
done
