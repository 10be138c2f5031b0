#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Scripted review sessions: transcript, what the database records, sibling
# burying, daily limits, rating changes, undo, leeches, determinism.
. "$(dirname "$0")/lib.sh"
export RECITE_BANKS_DIR="$RECITE_TEST_DATA/review" RECITE_NOW=2026-11-23T10:00:00Z TZ=UTC
q() { sqlite3 "$RECITE_DB" "$1"; }
NEXT_DAY=1795492800000 # 2026-11-24T04:00:00Z, when the day rolls over

# Three new cards, kinds and ways of asking mixed: right (then re-rated
# Easy), partly right (a year for a full date), wrong.
run_in $'euro atlantic partnership council\n4\n1949\n\nx\n\n' review --seed 1 --new 3
expect_status 0 "the session ends at end of input with status 0"
expect_err 'imported 1 bundled bank' "the first run imports the bundled bank"
expect_out '3 new today' "the header counts today's new cards"
expect_out '^What does EAPC stand for\?$' "the first question is shown"
expect_out '^right$' "an exact answer is right"
expect_out '^When did this happen\? The treaty is signed in Washington\.' "an event comes second"
expect_out '^partly right: 1949-04-04$' "a year for a full date is partly right"
expect_out '^Which acronym stands for Partnership for Peace\?$' "the next acronym is asked the other way"
expect_out '^wrong: PfP$' "a wrong answer shows the answer"
expect_out 'rating changed; next in 8d' "a rating can be changed after the answer"
expect_out '3 reviewed \(1 right, 1 almost, 1 wrong\)' "the summary counts the verdicts"
[ "$(q 'select count(*) from review')" = 3 ] && ok "three reviews are logged" || fail "review count $(q 'select count(*) from review')"
[ "$(q "select group_concat(rating, ',') from (select rating from review order by id)")" = "4,2,1" ] \
    && ok "each review carries its final rating" || fail "ratings $(q 'select group_concat(rating) from review')"
[ "$(q "select answer from review order by id limit 1")" = "euro atlantic partnership council" ] \
    && ok "the typed answer is logged" || fail "answer not logged"
[ "$(q "select state from card c join fact f on f.id = c.fact_id where f.key = 'PfP' and c.template = 'long-short'")" = 1 ] \
    && ok "a new card answered wrong is in learning" || fail "PfP state"
# until when a card waits for a sibling answered today (the fact's row in buried_fact)
BURIED="max(c.buried_until, coalesce((select b.until from buried_fact b where b.fact_id = c.fact_id and b.card_id != c.id), 0))"
buried=$(q "select count(*) from card c join fact f on f.id = c.fact_id where f.key = 'EAPC' and c.template != 'short-long' and $BURIED = $NEXT_DAY")
[ "$buried" = 2 ] && ok "siblings are buried until the next day" || fail "buried siblings: $buried"
n=$(grep -c 'EAPC' "$out")
[ "$n" = 1 ] && ok "no sibling of an answered card is shown the same day" || fail "EAPC shown $n times"
[ "$(q "select count(*) from session where kind = 'review' and ended is not null")" = 1 ] \
    && ok "the session is recorded and closed" || fail "session row"

# A slip that makes no word is almost right.
RECITE_DB="$T_DIR/typo.db" run_in $'euro atlantic partnership counsil\n\n' review --seed 1 --new 1
expect_out '^almost: Euro-Atlantic Partnership Council$' "a typo is almost right, with the exact answer"

# Empty lines at an answer prompt (a double Enter after a rating) are no
# answers: the card is asked again and nothing is recorded for it.
RECITE_DB="$T_DIR/enter.db" run_in $'euro atlantic partnership council\n\n\n\n' review --seed 1 --new 2
expect_out '^type an answer' "an empty reply is asked again"
[ "$(sqlite3 "$T_DIR/enter.db" 'select count(*) from review')" = 1 ] \
    && ok "only the answered card is recorded" || fail "reviews: $(sqlite3 "$T_DIR/enter.db" 'select count(*) from review')"

# Later the same day: the new-card limit is used up.
RECITE_NOW=2026-11-23T15:00:00Z run_in '' review --new 3
expect_out '0 new today' "the daily new-card limit holds across sessions"

# The next day, review cards come due and new ones are allowed again.
RECITE_NOW=2026-12-05T10:00:00Z run_in '' review --new 2
expect_out ' [1-9][0-9]* due · 2 new today' "due reviews and new cards the next days"

# Settings: a bank's own daily limit wins over the global one; options win over both.
export RECITE_DB="$T_DIR/settings.db"
run config new_limit 5
expect_status 0 "a global setting is stored"
run config new_limit.mini 2
run config new_limit
expect_out '^5$' "a setting reads back"
run config new_limits 3
expect_status 64 "an unknown setting is refused"
run config sched.mini '{"request_retention": "high"}'
expect_status 65 "scheduler parameters that do not parse are refused"
run_in '' review mini
expect_out '2 new today' "the bank's own new-card limit applies"
RECITE_DB="$T_DIR/settings2.db" run_in '' review --new 1
expect_out '1 new today' "--new wins over the settings"

# Undo: the previous answer is taken back and its card asked again.
export RECITE_DB="$T_DIR/undo.db"
run_in $'euro atlantic partnership council\n\n:undo\nx\n\n' review --seed 1 --new 2
expect_out '^undone: that card comes again$' ":undo says what it did"
n=$(grep -cx 'What does EAPC stand for?' "$out")
[ "$n" = 2 ] && ok "the undone card is asked again" || fail "EAPC asked $n times"
[ "$(q 'select count(*) from review')" = 1 ] && ok "undo removes the review row" || fail "reviews after undo: $(q 'select count(*) from review')"
[ "$(q "select rating || ':' || answer from review")" = "1:x" ] && ok "only the new answer remains" || fail "remaining review $(q 'select rating, answer from review')"

# After an undo the counters count again the card taken back and the one
# put aside for it, and the numbering goes back with the answers.
export RECITE_DB="$T_DIR/counts.db"
run_in $'euro atlantic partnership council\n\n:undo\nx\n\nx\n\nx\n\n' review --seed 1 --new 3
headers=$(grep -E '^\[[0-9]+\] mini' "$out" | sed 's/ · /|/g' | tr '\n' ' ')
want='[1] mini|new card|0 due|2 new [2] mini|new card|0 due|1 new [1] mini|new card|0 due|2 new [2] mini|new card|0 due|1 new [3] mini|new card|0 due|0 new [4] mini|learning|0 due|0 new '
[ "$headers" = "$want" ] && ok "the header counters are right after an undo" || fail "headers: $headers"
expect_out '^session over: 3 reviewed \(0 right, 0 almost, 3 wrong\)' "the summary forgets the answer undone"

# :undo right after :suspend lifts the suspension and shows the card again.
export RECITE_DB="$T_DIR/suspend.db"
run_in $':suspend\n:undo\nx\n\n' review --seed 1 --new 3
expect_out '^unsuspended: that card comes again$' ":undo says it lifted the suspension"
n=$(grep -cx 'What does EAPC stand for?' "$out")
[ "$n" = 2 ] && ok "the unsuspended card is asked again" || fail "EAPC asked $n times"
[ "$(grep -A2 '^unsuspended' "$out" | sed -n 's/^.*· \([0-9]*\) new$/\1/p')" = 2 ] \
    && ok "and counted again" || fail "new count after the undo of a suspension"
[ "$(q 'select count(*) from card where suspended != 0')" = 0 ] && ok "no card stays suspended" \
    || fail "suspended: $(q 'select count(*) from card where suspended != 0')"
[ "$(q 'select count(*) from review')" = 1 ] && ok "the answer after it is recorded" || fail "reviews after suspend undo"

# A leech: the 8th lapse suspends the card and the summary names it.
export RECITE_DB="$T_DIR/leech.db"
run_in '' review --new 0
q "update card set state = 2, lapses = 7, reps = 20, stability = 3, difficulty = 8,
   due = 1795000000000, last_review = 1794900000000, scheduled_days = 2
   where uid = (select c.uid from card c join fact f on f.id = c.fact_id where f.key = 'PfP' and c.template = 'short-long')"
run_in $'nonsense\n\n' review --new 0
expect_out 'suspended as a leech' "the eighth lapse is reported"
expect_out '^leech \(suspended\): What does PfP stand for\?' "the summary lists the leech"
[ "$(q "select suspended || ':' || lapses from card c join fact f on f.id = c.fact_id where f.key = 'PfP' and c.template = 'short-long'")" = "3:8" ] \
    && ok "the leech is suspended in the database" || fail "leech state"

# An answer that made a leech, undone: the card is active again and the summary does not name it.
export RECITE_DB="$T_DIR/leech-undo.db"
run_in '' review --new 0
q "update card set state = 2, lapses = 7, reps = 20, stability = 3, difficulty = 8,
   due = 1795000000000, last_review = 1794900000000, scheduled_days = 2
   where uid = (select c.uid from card c join fact f on f.id = c.fact_id where f.key = 'PfP' and c.template = 'short-long')"
run_in $'nonsense\n:undo\n' review --new 0
expect_out 'suspended as a leech' "the leech is reported"
expect_no_out '^leech \(suspended\)' "the summary does not list a leech undone"
[ "$(q "select suspended || ':' || lapses from card c join fact f on f.id = c.fact_id where f.key = 'PfP' and c.template = 'short-long'")" = "0:7" ] \
    && ok "the undone leech is active again" || fail "undone leech state"

# :skip on a learning card that is due puts it behind the others, then it returns.
export RECITE_DB="$T_DIR/skip.db"
run_in '' review --new 0
q "update card set state = 1, reps = 1, due = 0 where uid in (select c.uid from card c
   join fact f on f.id = c.fact_id where f.key in ('PfP', 'EAPC') and c.template = 'short-long')"
run_in $':skip\nx\n\nx\n\n' review --new 0 --mode typed --seed 1
grep -E '^What does (PfP|EAPC) stand for\?$' "$out" >"$T_DIR/asked"
if [ "$(sed -n 2p "$T_DIR/asked")" != "$(sed -n 1p "$T_DIR/asked")" ] &&
    [ "$(sed -n 3p "$T_DIR/asked")" = "$(sed -n 1p "$T_DIR/asked")" ]; then
    ok "a skipped learning card waits behind the other and comes back"
else
    fail "skip order: $(tr '\n' '|' <"$T_DIR/asked")"
fi

# The same seed, clock and answers give the same transcript.
for i in 1 2; do
    RECITE_DB="$T_DIR/det$i.db" run_in $'x\n\ny\n\nz\n\n' review --seed 42 --new 3 --mode choice
    cp "$out" "$T_DIR/transcript$i"
done
cmp -s "$T_DIR/transcript1" "$T_DIR/transcript2" && ok "transcripts are deterministic" || fail "transcripts differ"

# The summary counts what is due by the end of tomorrow, buried siblings too
# (a card buried for today is due again tomorrow), and an empty session
# leaves no session row behind.
export RECITE_DB="$T_DIR/summary.db"
run_in '' review --new 0
[ "$(q 'select count(*) from session')" = 0 ] && ok "a session with no answer leaves no row" \
    || fail "sessions after an empty review: $(q 'select count(*) from session')"
q "update card set state = 2, reps = 3, stability = 5, difficulty = 5, scheduled_days = 5,
   last_review = 1794967200000, due = 1795399200000 where uid in
   (select c.uid from card c join fact f on f.id = c.fact_id where f.key = 'PfP')"
pfp_cards=$(q "select count(*) from card c join fact f on f.id = c.fact_id where f.key = 'PfP'")
run_in $'x\n\n' review --new 0 --mode typed --seed 1 --limit 1
buried=$(q "select count(*) from card c where $BURIED > 0")
[ "$buried" -ge 1 ] || fail "answering a PfP card buried none of its siblings"
expect_out "due by the end of tomorrow: $pfp_cards\$" "the summary counts the answered card and its $buried buried siblings"
[ "$(q 'select count(*) from session')" = 1 ] && ok "a session with an answer has its row" \
    || fail "sessions: $(q 'select count(*) from session')"

# Untrusted bank text reaches the terminal without escape sequences.
mkdir -p "$T_DIR/evil"
printf 'bank evil\ntitle: evil\n\nacronym ESC\nlong: Escape \033]0;pwned\007Sequence\033[2J Bank\n' >"$T_DIR/evil/evil.bank"
RECITE_DB="$T_DIR/evil.db" RECITE_BANKS_DIR="$T_DIR/evil" run_in $'x\n\n' review --new 1 --mode typed
if grep -q $'\033' "$out"; then fail "an escape sequence reached the terminal"; else ok "escape sequences are stripped"; fi

finish
