#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# bank suspended lists the cards suspended by the student (:suspend) or as
# leeches, with the way each asks, its prompt and why; bank unsuspend lifts
# them (all, a fact's, or one card), never a retired fact's; an unsuspended
# leech is not suspended again by its next answer.
. "$(dirname "$0")/lib.sh"
export RECITE_BANKS_DIR="$RECITE_TEST_DATA/review" RECITE_NOW=2026-11-23T10:00:00Z TZ=UTC
q() { sqlite3 "$RECITE_DB" "$1"; }
card() { echo "(select c.id from card c join fact f on f.id = c.fact_id where f.key = '$1' and c.template = '$2')"; }
state() { q "select suspended || ':' || lapses from card where id = $(card "$1" "$2")"; }

# Two cards suspended at the prompt, one leech, one retired fact.
run_in $':suspend\n:suspend\n' review --seed 1 --new 3
expect_status 0 "the session suspends two cards"
q "update card set suspended = 3, lapses = 8, state = 2, reps = 12, stability = 3, difficulty = 8,
   due = 1795000000000, last_review = 1794900000000, scheduled_days = 2
   where id = $(card PfP short-long)"
q "update fact set retired = 1 where key = 'MAP'; update card set suspended = 2
   where fact_id = (select id from fact where key = 'MAP')"

COLUMNS=80 run bank suspended mini
expect_status 0 "bank suspended exits 0"
expect_out '^CARD +WHY +PROMPT$' "a table with a header"
expect_out '^EAPC/short-long +by you +What does EAPC stand for\?$' "a card suspended by the student"
expect_out '^founding/what-when +by you +When did this happen\? The treaty$' "the second one"
expect_out '^PfP/short-long +leech, 8 lapses +What does PfP stand for\?$' "a leech, with its lapses"
expect_no_out 'MAP' "a retired fact's cards are not listed"
[ "$(grep -c '^[A-Za-z]' "$out")" = 4 ] && ok "three cards listed" || fail "rows: $(grep -c '^[A-Za-z]' "$out")"

COLUMNS=40 run bank suspended mini
expect_out '^  When did this happen\? The treaty is$' "a narrow terminal gets the prompt below, wrapped"

run bank unsuspend mini EAPC/nope
expect_status 65 "an unknown template is bad data"
expect_err "bank 'mini' has no card 'EAPC/nope'" "and named"
run bank unsuspend mini nosuch
expect_status 65 "an unknown fact is bad data"
run bank unsuspend nosuch
expect_status 66 "an unknown bank is missing input"
run bank unsuspend mini PfP founding/nosuch
expect_status 65 "one bad name"
[ "$(state PfP short-long)" = "3:8" ] && ok "and nothing is lifted" || fail "PfP lifted: $(state PfP short-long)"
run bank unsuspend
expect_status 64 "a bank is needed"

run bank unsuspend mini PfP founding/what-when
expect_status 0 "unsuspend a fact and a card"
expect_out '^2 cards unsuspended$' "says how many"
[ "$(state PfP short-long)" = "0:8" ] && ok "the leech is active, its lapses kept" || fail "PfP: $(state PfP short-long)"
run bank unsuspend mini
expect_out '^1 card unsuspended$' "the rest of the bank"
[ "$(q 'select count(*) from card where suspended in (1, 3)')" = 0 ] && ok "no card suspended by the student or as a leech" \
    || fail "still suspended: $(q 'select count(*) from card where suspended in (1, 3)')"
[ "$(q "select count(*) from card where suspended = 2")" = 3 ] && ok "the retired fact's cards stay suspended" \
    || fail "retired cards: $(q 'select count(*) from card where suspended = 2')"
run bank suspended mini
expect_out '^no suspended cards in mini$' "nothing left to list"

# The unsuspended leech, due: answered right it stays active; a lapse
# short of half the threshold more does not suspend it either.
run_in $'partnership for peace\n\n' review mini --new 0 --mode typed
expect_out '^right$' "the leech is asked and answered right"
[ "$(state PfP short-long)" = "0:8" ] && ok "a right answer leaves an unsuspended leech active" \
    || fail "after a right answer: $(state PfP short-long)"
q "update card set state = 2, due = 1795000000000, last_review = 1794900000000 where id = $(card PfP short-long)"
run_in $'x\n\n' review mini --new 0 --mode typed
[ "$(state PfP short-long)" = "0:9" ] && ok "its ninth lapse leaves it active" || fail "after a lapse: $(state PfP short-long)"
q "update card set state = 2, lapses = 11, due = 1795000000000, last_review = 1794900000000
   where id = $(card PfP short-long)"
run_in $'x\n\n' review mini --new 0 --mode typed
expect_out 'suspended as a leech' "the twelfth lapse (half the threshold more) suspends it again"
[ "$(state PfP short-long)" = "3:12" ] && ok "as a leech" || fail "after 12 lapses: $(state PfP short-long)"

run bank suspended --help
expect_status 0 "--help"
expect_out '^usage: recite bank suspended BANK' "synopsis"
finish
