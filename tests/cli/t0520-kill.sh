#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Crash consistency: a scripted session is killed with SIGKILL at random
# points, many times over one database. Every answer the transcript
# acknowledged (its rating line is printed only after the commit) must be in
# the database, and SQLite's integrity check must pass after every kill.
. "$(dirname "$0")/lib.sh"
export RECITE_BANKS_DIR="$RECITE_TEST_DATA/review" RECITE_NOW=2026-11-23T10:00:00Z TZ=UTC
runs=${RECITE_KILL_RUNS:-100}
q() { sqlite3 "$RECITE_DB" "$1"; }
run_in '' review --new 0 # first run: import the bank
RANDOM=20261123
lost=0 acked_total=0 bad_integrity=0
for i in $(seq "$runs"); do
    transcript="$T_DIR/transcript.$i"
    # The writer meets a closed pipe once recite is killed; that is expected.
    # Replies for any card: a typed answer, then a letter, a yes and all the
    # letters of four or three events (each card kind takes one of them; the
    # judge asks again on the others, the rating prompt refuses them), then Enter.
    before=$(q 'select coalesce(max(id), 0) from session')
    (trap '' PIPE; for n in $(seq 200); do printf 'a%dx%d\nb\nyes\na b c d\na b c\n\n' "$i" "$n" || exit 0; sleep 0.002; done) 2>/dev/null |
        "$RECITE_BIN" review --seed "$i" --new 1000 >"$transcript" 2>/dev/null &
    pid=$!
    sleep "0.$(printf '%03d' $((RANDOM % 400)))"
    pkill -KILL -P $$ -f "$RECITE_BIN" 2>/dev/null
    wait "$pid" 2>/dev/null
    # An acknowledged answer: its rating line is printed after the commit.
    acked=$(grep -c '^  .*1 Again.*4 Easy' "$transcript")
    acked_total=$((acked_total + acked))
    stored=$(q "select count(*) from review where session_id > $before")
    [ "$stored" -ge "$acked" ] || { lost=$((lost + acked - stored)); echo "lost: $((acked - stored)) of $acked (run $i)"; }
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
