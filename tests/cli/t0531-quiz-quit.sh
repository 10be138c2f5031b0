#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A quiz quit early counts every question it drew: the screen, the signed
# score file, its trusted comment and `score verify` all say "answered 1 of
# 3" with the score over 3. A file whose stated totals disagree with its
# items is refused as totals-mismatch even when the student's own key signed
# it with a matching trusted comment. recite-score/1 files still verify.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/score-lib.sh"
need_tools minisign
export RECITE_BANKS_DIR="$RECITE_TEST_DATA/review" RECITE_NOW=2026-11-23T10:00:00Z TZ=UTC
KEYS=$(dirname "$RECITE_DB")/keys
cd "$T_DIR" || exit 1

run key gen --no-password
expect_status 0 "a key is made"
PUB=$(sed -n 2p "$KEYS/recite.pub")
printf 'alice\t%s\n' "$PUB" >"$T_DIR/roster.tsv"

# Seed 9 asks the date of the Soviet Union's end first; one right answer, then :quit.
run_in $'1991-12-26\n:quit\n' quiz mini --count 3 --seed 9 --sign --student alice -o "$T_DIR/quit.json"
expect_status 0 "a quiz quit after one answer still signs"
expect_out_line "score: 1.00 of 3 (33%), answered 1 of 3" "the screen counts all three questions"
expect_out '^2 +- +.*\(not answered\)' "the table marks the questions left"
expect_out "^recite-score bank=mini@1 student=alice score=1/3 answered=1 finished=" \
    "the summary is over 3 and says 1 answered"
[ "$(grep -c '"status": "unanswered"' "$T_DIR/quit.json")" = 2 ] &&
    ok "the file lists the two questions not answered" || fail "unanswered items: $(cat "$T_DIR/quit.json")"
grep -A4 '"totals"' "$T_DIR/quit.json" | tr -d ' \n' | grep -qF '"totals":{"items":3,"answered":1,"credit":1.0,"correct":1' &&
    ok "the totals state 3 items, 1 answered, credit 1" || fail "totals: $(grep -A5 '"totals"' "$T_DIR/quit.json")"
grep -q '"quiz": {' "$T_DIR/quit.json" && grep -A2 '"quiz": {' "$T_DIR/quit.json" | grep -q '"count": 3' &&
    grep -q '"hash": "blake2b-256:[0-9a-f]\{64\}"' "$T_DIR/quit.json" &&
    ok "the file carries the quiz definition" || fail "no quiz definition"
minisign -H -Vm "$T_DIR/quit.json" -P "$PUB" >"$T_DIR/mv" 2>&1 &&
    grep -qF "score=1/3	answered=1" "$T_DIR/mv" &&
    ok "stock minisign verifies it and shows score=1/3 answered=1" || fail "minisign: $(cat "$T_DIR/mv")"
run score verify "$T_DIR/quit.json" --roster "$T_DIR/roster.tsv"
expect_status 0 "the quit quiz verifies"
expect_out "quit.json +alice +[0-9A-F]{16} +mini@1 +1 +1/3 +1 +valid$" "verify shows 1/3, answered 1"

# Item analysis counts the questions seen, not those the quiz never reached.
run stats --items mini
expect_out '^ +1 +100.0 .*When did this happen\? The Soviet Union' "the answered question is analysed"
expect_no_out 'Sweden|Which article' "questions never reached are not"

# End of input is a quit too.
run_in $'1991-12-26\nno\n' quiz mini --count 3 --seed 9
expect_out_line "score: 2.00 of 3 (67%), answered 2 of 3" "end of input leaves the third unanswered"

# The student raises the stated score and signs it, trusted comment to match.
sed '/"totals"/,/}/ s/"credit": 1.0/"credit": 3.0/' "$T_DIR/quit.json" >"$T_DIR/raised.json"
forged=$(sed -n 's/^trusted comment: //p' "$T_DIR/quit.json.minisig" | sed 's/score=1\/3/score=3\/3/')
minisign -S -s "$KEYS/recite.key" -m "$T_DIR/raised.json" -t "$forged" </dev/null >/dev/null 2>&1 ||
    fail "minisign cannot sign the forged file"
minisign -H -Vm "$T_DIR/raised.json" -P "$PUB" >/dev/null 2>&1 &&
    ok "the forged file is correctly signed (minisign accepts it)" || fail "the forgery is not signed"
run score verify "$T_DIR/raised.json" --roster "$T_DIR/roster.tsv"
expect_status 1 "a file whose totals disagree with its items is refused"
expect_out "raised.json +alice .* totals-mismatch: the totals state a score of 3 but the items sum to 1$" \
    "with the status and the reason"
run score verify "$T_DIR/raised.json" --roster "$T_DIR/roster.tsv" --format json
expect_out '"status": "totals-mismatch"' "json says totals-mismatch"

# A recite-score/1 file (made by recite 0.1.0 before this format) still verifies.
cp "$RECITE_TEST_DATA/score/v1/alice-v1.json" "$RECITE_TEST_DATA/score/v1/alice-v1.json.minisig" "$T_DIR/"
run score verify "$T_DIR/alice-v1.json" --pubkey RWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4 --format csv
expect_status 0 "a recite-score/1 file is still valid"
expect_out "alice-v1.json,valid,alice,0807060504030201,nato,2026.11,1/1,1,1,1,2026-11-24T10:05:00.000Z,[0-9a-f]{32},,," \
    "it reads as 1 of 1 answered, attempt number unknown"
finish
