#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Crash consistency: a scripted session is killed with SIGKILL at random
# points, many times over one database. Every answer the transcript
# acknowledged (its rating line is printed only after the commit) must be in
# the database, and SQLite's integrity check must pass after every kill.
. "$(dirname "$0")/lib.sh"
# Any reply must be judged, never asked again: typed answers only, in typed mode.
export RECITE_BANKS_DIR="$RECITE_TEST_DATA/review-typed" RECITE_NOW=2026-11-23T10:00:00Z TZ=UTC
runs=${RECITE_KILL_RUNS:-100}
q() { sqlite3 "$RECITE_DB" "$1"; }
run_in '' review --new 0 # first run: import the bank
RANDOM=20261123
lost=0 acked_total=0 bad_integrity=0
for i in $(seq "$runs"); do
    transcript="$T_DIR/transcript.$i"
    # The writer meets a closed pipe once recite is killed; that is expected.
    (trap '' PIPE; for n in $(seq 200); do printf 'a%dx%d\n\n' "$i" "$n" || exit 0; sleep 0.002; done) 2>/dev/null |
        "$RECITE_BIN" review --seed "$i" --new 1000 --mode typed >"$transcript" 2>/dev/null &
    pid=$!
    sleep "0.$(printf '%03d' $((RANDOM % 400)))"
    pkill -KILL -P $$ -f "$RECITE_BIN" 2>/dev/null
    wait "$pid" 2>/dev/null
    # An acknowledged answer: its echoed reply is followed by the rating line.
    acked=$(awk '/^> a[0-9]+x[0-9]+$/ { a = substr($0, 3); next }
                 /^  .*1 Again.*4 Easy/ { if (a != "") print a; a = "" }' "$transcript")
    for a in $acked; do
        acked_total=$((acked_total + 1))
        [ "$(q "select count(*) from review where answer = '$a'")" = 1 ] || { lost=$((lost + 1)); echo "lost: $a (run $i)"; }
    done
    [ "$(q 'pragma integrity_check')" = ok ] || bad_integrity=$((bad_integrity + 1))
done
echo "$runs kills, $acked_total acknowledged answers checked"
[ "$acked_total" -gt "$runs" ] && ok "the kills landed mid-session ($acked_total answers acknowledged)" \
    || fail "too few answers acknowledged ($acked_total) for the test to mean anything"
[ "$lost" = 0 ] && ok "no acknowledged answer was lost" || fail "$lost acknowledged answers lost"
[ "$bad_integrity" = 0 ] && ok "integrity_check says ok after every kill" || fail "$bad_integrity integrity failures"
n=$(q 'select count(*) from review r left join card c on c.id = r.card_id where c.id is null')
[ "$n" = 0 ] && ok "every review row names a card" || fail "$n orphan reviews"
finish
