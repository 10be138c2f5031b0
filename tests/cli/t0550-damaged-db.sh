#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A session reads facts from the database one at a time; a stored fact that
# no longer passes the bank's rules (a damaged or hand-edited database) is
# named and its cards skipped, the rest of the session goes on. Messages
# that quote outside text reach the terminal without escape sequences.
. "$(dirname "$0")/lib.sh"

export RECITE_BANKS_DIR="$T_DIR/no-bundled-banks"
Q() { sqlite3 "$RECITE_DB" "$1"; }
run bank import "$RECITE_TEST_DATA/banks/kinds.bank"
expect_status 0 "the bank imports"
# Every acronym loses its required long form; every event's body is not JSON.
Q "UPDATE fact SET body = '{\"quote\":\"x\"}' WHERE kind = 'acronym'"
Q "UPDATE fact SET body = '[1,2' WHERE kind = 'event'"
# Damaged cards in learning are due first and come back by the learning query,
# not from a list: each must still be shown (and skipped) only once.
Q "UPDATE card SET state = 1, due = 0, reps = 1 WHERE fact_id IN (SELECT id FROM fact WHERE kind = 'acronym')"
damaged=$(Q "SELECT count(*) FROM card c JOIN fact f ON f.id = c.fact_id
             WHERE f.kind IN ('acronym', 'event')")

# Flash cards take any reply (Enter then grades it Good), whatever the card's kind.
answers=$(for _ in $(seq 60); do printf 'x\n\n'; done)
run_in "$answers" review --seed 1 --mode flash --new 100
expect_status 0 "the session ends normally"
expect_err "warning: cannot build card '[0-9a-f]{32}': stored fact '[^']+' is damaged; skipped" \
    "a damaged fact is named"
skipped=$(grep -c "is damaged; skipped" "$err")
[ "$skipped" -eq "$damaged" ] && ok "each of the $damaged cards of damaged facts is skipped once" ||
    fail "$skipped cards skipped, $damaged expected"
expect_out "^session over: [1-9][0-9]* reviewed" "the other cards are asked"
[ "$(Q "SELECT count(*) FROM review r JOIN card c ON c.id = r.card_id JOIN fact f ON f.id = c.fact_id
        WHERE f.kind IN ('acronym', 'event')")" -eq 0 ] &&
    ok "no review is recorded for a skipped card" || fail "a skipped card has a review"

run bank show $'evil\033[31mred\033]0;title\007'
expect_status 66 "an unknown bank is reported"
if grep -q $'\033' "$err"; then fail "an escape sequence reached stderr"
else ok "the quoted name reaches stderr without escape sequences"; fi
expect_err "evilred" "the printable part is kept"

finish
