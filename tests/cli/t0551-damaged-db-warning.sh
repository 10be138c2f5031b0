#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A database that `recite db check` finds damaged is not written to silently:
# every later command warns (and still runs, so banks and scores can be
# exported from it) until a check passes again.
. "$(dirname "$0")/lib.sh"
need_tools sqlite3
export RECITE_BANKS_DIR="$T_DIR/no-bundled-banks"

run bank import "$RECITE_TEST_DATA/review/mini.bank"
expect_status 0 "a bank"
run db check
expect_status 0 "a sound database passes"
expect_out '^ok$' "it says ok"
[ -e "$RECITE_DB.damaged" ] && fail "a sound database is marked" || ok "nothing is recorded"

# An index whose definition no longer matches its entries.
sqlite3 "$RECITE_DB" "PRAGMA writable_schema=ON;
  UPDATE sqlite_schema SET sql = 'CREATE INDEX card_next_due ON card(id DESC, fact_id)'
  WHERE name = 'card_next_due';"
run db check
expect_status 65 "db check finds the damage"
expect_err "integrity check failed: .*missing from index card_next_due" "and says what it is"
expect_err "every command will warn that '.*' is damaged until 'recite db check' passes" \
    "and that it will be remembered"

run_in $'\n' review --seed 1 --mode flash --new 1 --limit 1
expect_err "warning: 'recite db check' found the database '$RECITE_DB' damaged \(integrity check failed: .*\); what recite writes to it may be lost" \
    "a review warns before writing"
run bank export mini
expect_status 0 "export still works, to save what can be saved"
expect_err "found the database .* damaged" "and warns too"

sqlite3 "$RECITE_DB" "PRAGMA writable_schema=ON;
  UPDATE sqlite_schema SET sql = 'CREATE INDEX card_next_due ON card(suspended, state, due)'
  WHERE name = 'card_next_due';"
sqlite3 "$RECITE_DB" "REINDEX card_next_due;"
run db check
expect_status 0 "a repaired database passes"
[ -e "$RECITE_DB.damaged" ] && fail "the record stays" || ok "the record is removed"
run stats
if grep -q "damaged" "$err"; then fail "still warns after a passing check"; else ok "no more warnings"; fi
finish
