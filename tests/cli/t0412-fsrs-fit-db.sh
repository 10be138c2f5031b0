#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# recite fsrs fit|eval on the database: reviews in the log -> fit --save ->
# the next review schedules with the fitted parameters. Also the CSV input's
# errors (FILE:LINE, exit 65, nothing stored) and recite stats' calibration.
. "$(dirname "$0")/lib.sh"
export RECITE_BANKS_DIR="$RECITE_TEST_DATA/review" RECITE_NOW=2026-11-23T10:00:00Z TZ=UTC
q() { sqlite3 "$RECITE_DB" "$1"; }
bench_dir="${RECITE_BUILD_DIR:-$RECITE_SOURCE_DIR/build}/bench"
[ -x "$bench_dir/fsrs-sim" ] || { echo "skip: fsrs-sim not built"; exit 77; }
command -v jq >/dev/null || { echo "skip: jq not installed"; exit 77; }

# Nothing reviewed yet: nothing to fit.
run_in '' review --seed 1 --new 0
bank=$(q 'select slug from bank limit 1')
run fsrs fit "$bank"
expect_status 66 "a fit without reviews has no input"
expect_err 'nothing to learn from yet' "the error says why"

# A simulated student's year of reviews, on cards of the bank kept out of
# the queue (suspended), written straight into the review log.
"$bench_dir/fsrs-sim" 6 1500 200 >"$T_DIR/log.csv" 2>/dev/null
fact=$(q 'select min(id) from fact')
{
    echo "BEGIN;"
    cut -d, -f1 "$T_DIR/log.csv" | tail -n +2 | sort -u |
        awk -v f="$fact" '{ printf "INSERT INTO card(id, uid, fact_id, template, suspended) VALUES (%d, \"sim-%d\", %d, \"sim\", 1);\n", $1, $1, f }'
    tail -n +2 "$T_DIR/log.csv" | awk -F, '{ printf "INSERT INTO review(card_id, at, rating, state_before, state_after) VALUES (%d, %s, %d, \x27{\"state\":%d}\x27, \x27{}\x27);\n", $1, $2, $3, $4 }'
    echo "COMMIT;"
} | sqlite3 "$RECITE_DB"
[ "$(q 'select count(*) from review')" = "$(($(wc -l <"$T_DIR/log.csv") - 1))" ] &&
    ok "the simulated reviews are in the log" || fail "reviews not loaded"

run stats "$bank"
expect_out 'not measured yet' "stats says when the calibration is not measured yet"
run fsrs eval "$bank" --json
expect_status 0 "eval reads the database's reviews"
expect_out '"log_loss": 0\.3272' "eval gives the defaults' log loss on this log"

run stats "$bank"
expect_out 'log loss 0\.3272, RMSE\(bins\) 0\.0383' "stats shows the log loss and RMSE(bins)"
expect_out '^  on [0-9]+ predictions, 2026-11-23$' \
    "stats shows the calibration of the parameters in use"

run fsrs fit "$bank" --save --json
expect_status 0 "fit --save succeeds"
cp "$out" "$T_DIR/fit.json"
ours=$(jq -c '.parameters | map(. * 10000 | round)' "$T_DIR/fit.json")
tool=$("$bench_dir/fsrs-fit-tool" fit "$T_DIR/log.csv" | jq -c '.parameters | map(. * 10000 | round)')
[ "$ours" = "$tool" ] && ok "the database's log gives the same fit as its CSV" ||
    fail "fit from the database $ours, from the CSV $tool"
jq -e '.log_loss < .start_log_loss and .rmse_bins < .start_rmse_bins and .saved' "$T_DIR/fit.json" >/dev/null &&
    ok "the fit improves on the defaults and is saved" || fail "fit not better or not saved"
stored=$(q "select value from config where key = 'sched.$bank'" | jq -c '.w | map(. * 10000 | round)')
[ "$stored" = "$ours" ] && ok "the fitted weights are the bank's scheduler parameters" ||
    fail "stored weights $stored"

# The next new card answered right (Good) starts at the fitted w2, not the default 2.3065.
run_in $'euro atlantic partnership council\n\n' review "$bank" --seed 1 --new 1
expect_status 0 "a review session after the fit"
w2=$(jq '.parameters[2] * 10000 | round' "$T_DIR/fit.json")
s=$(q "select round(stability * 10000) from card where suspended = 0 and state != 0" | cut -d. -f1)
[ "$s" = "$w2" ] && [ "$w2" != 23065 ] && ok "the new card's stability is the fitted w2 ($s)" ||
    fail "stability $s, fitted w2 $w2"

run stats "$bank"
fitted_ll=$(jq -r '.log_loss * 10000 | round' "$T_DIR/fit.json")
expect_out "log loss 0\\.$fitted_ll" "after fit --save, stats shows the fitted parameters' calibration"

run fsrs eval "$bank" --json
jq -e --slurpfile fit "$T_DIR/fit.json" '(.log_loss - $fit[0].log_loss) | fabs < 1e-6' "$out" >/dev/null &&
    ok "eval now reports the fitted parameters' log loss" || fail "eval after save"

# Bad CSV files: FILE:LINE, exit 65, nothing stored.
before=$(q "select value from config where key = 'sched.$bank'")
bad() {
    printf "$1" >"$T_DIR/bad.csv"
    run fsrs fit "$bank" --save --from-csv "$T_DIR/bad.csv"
    expect_status 65 "$3: exit 65"
    expect_err "bad.csv:$2" "$3: the line is named"
}
bad 'card_id,review_time,review_rating,review_state\n1,0,3,0\n' '1: missing column .review_duration.' "missing column"
bad 'review_state,card_id,review_rating,review_time,review_duration\n0,1,3,0,100\n2,1,5,86400000,100\n' '3: unknown rating .5.' "unknown rating"
bad 'card_id,review_time,review_rating,review_state,review_duration\n1,0,3,0,100\n1,86400000,3,7,100\n' '3: unknown state .7.' "unknown state"
bad 'card_id,review_time,review_rating,review_state,review_duration\n1,zero,3,0,100\n' '2: review_time .zero. is not a whole number' "not a number"
[ "$(q "select value from config where key = 'sched.$bank'")" = "$before" ] &&
    ok "a bad file stores nothing" || fail "parameters changed by a bad file"

# A CSV with its columns in another order and rows in any order fits as the original.
{ echo "review_duration,review_rating,card_id,review_state,review_time"
  tail -n +2 "$T_DIR/log.csv" | awk -F, '{ print $5 "," $3 "," $1 "," $4 "," $2 }' | sort -r; } >"$T_DIR/shuffled.csv"
run fsrs fit --from-csv "$T_DIR/shuffled.csv" --json
shuffled=$(jq -c '.parameters | map(. * 10000 | round)' "$out")
[ "$shuffled" = "$tool" ] && ok "column and row order do not matter" || fail "shuffled CSV fit $shuffled"

# A long fit on a terminal shows its progress; off a terminal it does not.
"$bench_dir/fsrs-sim" 4 4000 500 >"$T_DIR/long.csv" 2>/dev/null
run fsrs fit --from-csv "$T_DIR/long.csv"
if grep -q 'fitting:' "$err"; then fail "progress shown off a terminal"; else ok "no progress off a terminal"; fi
if command -v script >/dev/null 2>&1; then
    script -qec "'$RECITE_BIN' fsrs fit --from-csv '$T_DIR/long.csv'" /dev/null >"$T_DIR/tty" 2>&1
    grep -q 'fitting: 100%' "$T_DIR/tty" && ok "a long fit shows its progress on a terminal" ||
        fail "no progress on a terminal: $(head -c 300 "$T_DIR/tty")"
fi

finish
