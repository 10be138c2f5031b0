#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# recite stats on a log written by scripted sessions: the JSON keys pinned
# (docs/stats-json.md), its figures against the same figures counted with
# sqlite3 straight from the review log, the text charts within the terminal
# width, no escape sequences off a terminal, and the quiz item analysis.
. "$(dirname "$0")/lib.sh"
export RECITE_BANKS_DIR="$RECITE_TEST_DATA/review" TZ=UTC
q() { sqlite3 "$RECITE_DB" "$1"; }
command -v jq >/dev/null || { echo "jq missing"; exit 77; }
command -v sqlite3 >/dev/null || { echo "sqlite3 missing"; exit 77; }

# A log over two weeks: three new cards, then answers on two later days.
RECITE_NOW=2026-11-09T10:00:00Z run_in $'euro atlantic partnership council\n\npartnership for paece\n\nx\n\n' review --seed 1 --new 3
expect_status 0 "first session"
# Two cards brought to review state: one young (5 days), one mature (30 days).
card() { echo "(select c.uid from card c join fact f on f.id = c.fact_id where f.key = '$1' and c.template = 'short-long')"; }
q "update card set state = 2, scheduled_days = 5, stability = 5, difficulty = 5, reps = 3,
   due = 1795500000000 - 7*86400000, last_review = 1795500000000 - 12*86400000 where uid = $(card EAPC)"
q "update card set state = 2, scheduled_days = 30, stability = 30, difficulty = 5, reps = 5,
   due = 1795500000000 - 7*86400000, last_review = 1795500000000 - 37*86400000 where uid = $(card MAP)"
e=$'euro atlantic partnership council\n\n'
RECITE_NOW=2026-11-20T10:00:00Z run_in "$e$e$e$e$e$e" review --seed 2 --new 0
RECITE_NOW=2026-11-23T09:00:00Z run_in $'x\n\nx\n\n' review --seed 3 --new 1
total=$(q 'select count(*) from review')
[ "$total" -ge 6 ] && ok "the log holds $total answers" || fail "only $total answers"

export RECITE_NOW=2026-11-23T12:00:00Z
run stats --json
expect_status 0 "stats --json exits 0"
json="$T_DIR/stats.json"
cp "$out" "$json"
keys() { jq -r "$1 | keys_unsorted | join(\",\")" "$json"; }
expect_keys() {
    local got
    got=$(keys "$1")
    [ "$got" = "$2" ] && ok "keys of $1" || fail "keys of $1: $got, want $2"
}
expect_keys . "version,bank,now,today,heatmap,forecast,retention,mastery,leeches,hardest"
expect_keys .today "start,due,learning,review,new,reviewed,time_ms"
expect_keys .heatmap "start,total,days"
expect_keys '.retention[0]' "days,young,mature,all"
expect_keys '.retention[0].young' "reviews,passed,rate"
expect_keys '.mastery[0]' "tag,cards,mastered,share"

# The same figures counted from the log. Today began at 04:00 (UTC here).
since=$(date -u -d 2026-11-23T04:00:00Z +%s)000
year=$(date -u -d 2025-11-24T04:00:00Z +%s)000
week=$(date -u -d 2026-11-17T04:00:00Z +%s)000
expect_json() {
    local got
    got=$(jq -r "$1" "$json")
    [ "$got" = "$2" ] && ok "$1 = $2" || fail "$1 is $got, the log says $2"
}
expect_json .version 1
expect_json .bank null
expect_json .now 2026-11-23T12:00:00.000Z
expect_json .today.reviewed "$(q "select count(*) from review where at >= $since")"
expect_json .today.time_ms "$(q "select total(duration_ms) from review where at >= $since" | sed 's/\.0$//')"
expect_json .heatmap.total "$(q "select count(*) from review where at >= $year")"
expect_json '.heatmap.days | length' 365
expect_json '.heatmap.days[364]' "$(q "select count(*) from review where at >= $since")"
expect_json '.heatmap.days[353]' "$(q "select count(*) from review where at >= $since - 11*86400000 and at < $since - 10*86400000")"
expect_json '.heatmap.days | add' "$(q "select count(*) from review where at >= $year")"
expect_json '.forecast | length' 30
expect_json '.forecast | add' "$(q "select count(*) from card where suspended = 0 and state in (1,2,3) and due < $since + 30*86400000")"
buried="max(c.buried_until, coalesce((select b.until from buried_fact b where b.fact_id = c.fact_id and b.card_id != c.id), 0))"
expect_json '.today.new' "$(q "select count(*) from card c where suspended = 0 and state = 0 and $buried <= $since + 8*3600000")"
young=$(q "select count(*) from review where at >= $week and json_extract(state_before, '\$.state') = 2 and json_extract(state_before, '\$.scheduled_days') < 21")
expect_json '.retention[0].young.reviews' "$young"
expect_json '.retention[0].young.passed' "$(q "select count(*) from review where at >= $week and rating >= 2 and json_extract(state_before, '\$.state') = 2 and json_extract(state_before, '\$.scheduled_days') < 21")"
[ "$young" -gt 0 ] && ok "the log has young reviews to count" || fail "no young reviews in the log"
expect_json '.retention[0].young.passed' 1
expect_json '.retention[0].mature.reviews' 1
expect_json '.retention[0].mature.passed' 0
expect_json '.retention[0].all.rate' 0.5
tag=$(jq -r '.mastery[0].tag' "$json")
expect_json '.mastery[0].cards' "$(q "select count(*) from card c join fact f on f.id = c.fact_id where f.retired = 0 and c.suspended != 2 and (' ' || f.tags || ' ') like '% $tag %'")"

run stats nosuch
expect_status 66 "an unknown bank is missing input"
run stats mini --json
expect_json2() { got=$(jq -r "$1" "$out"); [ "$got" = "$2" ] && ok "bank $1 = $2" || fail "bank $1 is $got"; }
expect_json2 .bank mini
expect_json2 .heatmap.total "$(jq -r .heatmap.total "$json")"

# Text: every section, no escapes off a terminal, within COLUMNS.
COLUMNS=50 run stats
expect_status 0 "stats exits 0"
for section in '^Today' '^Reviews, last twelve months' '^Due over the next 30 days' \
    '^True retention' '^Mastery by tag' '^Leeches' '^Hardest cards'; do
    expect_out "$section"
done
expect_out '█|▓|▒|░' "the heatmap is drawn in blocks"
if grep -q $'\033' "$out"; then fail "escape sequences off a terminal"; else ok "no escape sequences off a terminal"; fi
wide=$(wc -L <"$out")
[ "$wide" -le 50 ] && ok "lines fit 50 columns ($wide)" || fail "a line is $wide columns wide"
COLUMNS=120 run stats
wide=$(wc -L <"$out")
[ "$wide" -le 120 ] && [ "$wide" -gt 60 ] && ok "wider terminal, wider charts ($wide)" || fail "width $wide at 120 columns"

# Item analysis: two quizzes, answered differently.
run stats --items
expect_out 'no quiz has been finished yet' "no quizzes yet"
run_in $'no\nx\nx\n' quiz mini --count 3 --seed 5
run_in $'no\nx\nx\n' quiz mini --count 3 --seed 5
run stats --items mini
expect_status 0 "stats --items exits 0"
expect_out 'Item analysis of 2 finished quizzes' "counts the quizzes"
expect_out 'Facility: the mean score' "explains the figures"
expect_out 'too-hard' "flags questions nobody gets right"
run stats --items --json
expect_json3() { got=$(jq -r "$1" "$out"); [ "$got" = "$2" ] && ok "items $1 = $2" || fail "items $1 is $got"; }
expect_json3 '.quizzes' 2
expect_json3 '.items | length' 3
expect_json3 '.items[0] | keys_unsorted | join(",")' "uid,prompt,attempts,facility,sd,discrimination,flag"
expect_json3 '.items[0].attempts' 2
expect_json3 '.items[0].facility' 0
run stats --bogus
expect_status 64 "an unknown option is a usage error"
finish
