#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# FSRS evaluation and fitting against fsrs-rs 6.5 (numbers made by the npm
# package @open-spaced-repetition/binding 0.5.0 with bench/fsrs-fit-ref.mjs,
# kept in tests/data/fsrs/fit/reference.jsonl). For each log bench/fsrs-sim
# makes: evaluation of the defaults, the learner's true weights and fsrs-rs's
# fitted weights agrees to 1e-4; recite's fit has log loss at most 1% and
# RMSE(bins) at most 0.005 above fsrs-rs's, and beats the defaults on logs
# of 1,000 reviews or more. t0411 redoes the reference side live when node
# and the package are installed.
. "$(dirname "$0")/lib.sh"
export TZ=UTC

bench_dir="${RECITE_BUILD_DIR:-$RECITE_SOURCE_DIR/build}/bench"
sim="$bench_dir/fsrs-sim" tool="$bench_dir/fsrs-fit-tool"
if [ ! -x "$sim" ] || [ ! -x "$tool" ]; then
    echo "skip: fsrs-sim not built (RECITE_BUILD_BENCH=OFF)"
    exit 77
fi
command -v jq >/dev/null || { echo "skip: jq not installed"; exit 77; }

# within A B TOL: |A - B| <= TOL
within() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }'; }
# at_most A B: A <= B
at_most() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }

while read -r line; do
    set -- $(jq -r '.sim | map(tostring) | join(" ")' <<<"$line")
    name="log$1 ($2 cards, $3 days)"
    log="$T_DIR/log$1.csv"
    "$sim" "$1" "$2" "$3" >"$log" 2>/dev/null
    out="$log" err="$T_DIR/stderr"
    if [ "$(sha256sum <"$log" | cut -c1-64)" != "$(jq -r .sha256 <<<"$line")" ]; then
        fail "$name: fsrs-sim wrote another log than the reference's (remake it: bench/fsrs-fit-reference.sh)"
        continue
    fi
    reviews=$(jq .reviews <<<"$line")
    # evaluation: defaults, then every parameter list fsrs-rs was given, then its fit
    checks=$(jq -c '[{w: null, m: .defaults}] + [.given[] | {w: .parameters, m: .}]
        + [{w: .fit.parameters, m: .fit}] | .[]' <<<"$line")
    while read -r check; do
        w=$(jq -r 'if .w then .w | map(tostring) | join(",") else "" end' <<<"$check")
        got=$("$tool" eval "$log" $w)
        for key in log_loss rmse_bins; do
            ours=$(jq ".$key" <<<"$got") theirs=$(jq ".m.$key" <<<"$check")
            if within "$ours" "$theirs" 1e-4; then
                ok "$name: $key ${w:+of given weights }$ours = fsrs-rs $theirs"
            else
                fail "$name: $key ${w:+of $w }is $ours, fsrs-rs says $theirs"
            fi
        done
    done <<<"$checks"
    # fitting
    fit=$("$tool" fit "$log")
    ll=$(jq .log_loss <<<"$fit") rmse=$(jq .rmse_bins <<<"$fit")
    rs_ll=$(jq .fit.log_loss <<<"$line") rs_rmse=$(jq .fit.rmse_bins <<<"$line")
    if at_most "$ll" "$(awk -v x="$rs_ll" 'BEGIN { print x * 1.01 }')"; then
        ok "$name: fitted log loss $ll within 1% of fsrs-rs's $rs_ll"
    else
        fail "$name: fitted log loss $ll more than 1% above fsrs-rs's $rs_ll"
    fi
    if at_most "$rmse" "$(awk -v x="$rs_rmse" 'BEGIN { print x + 0.005 }')"; then
        ok "$name: fitted RMSE(bins) $rmse within 0.005 of fsrs-rs's $rs_rmse"
    else
        fail "$name: fitted RMSE(bins) $rmse more than 0.005 above fsrs-rs's $rs_rmse"
    fi
    if [ "$reviews" -ge 1000 ]; then
        d_ll=$(jq .defaults.log_loss <<<"$line") d_rmse=$(jq .defaults.rmse_bins <<<"$line")
        if at_most "$ll" "$d_ll" && at_most "$rmse" "$d_rmse" && [ "$ll" != "$d_ll" ]; then
            ok "$name: fit beats the defaults ($d_ll, $d_rmse)"
        else
            fail "$name: fit ($ll, $rmse) does not beat the defaults ($d_ll, $d_rmse)"
        fi
    fi
done <"${RECITE_FIT_REFERENCE:-$RECITE_TEST_DATA/fsrs/fit/reference.jsonl}"

finish
