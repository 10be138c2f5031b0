#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# bank lint: clean banks pass silently; each malformed bank under
# tests/data/banks/bad/ yields exactly its .expected FILE:LINE:COL lines and
# exit 65; a failed import leaves the database byte for byte as it was.
. "$(dirname "$0")/lib.sh"

BANKS="$RECITE_TEST_DATA/banks"

for bank in "$BANKS"/*.bank "$RECITE_SOURCE_DIR"/banks/*.bank; do
    [ -e "$bank" ] || continue
    run bank lint "$bank"
    expect_status 0 "lint $(basename "$bank") is clean"
    if [ -s "$out" ] || [ -s "$err" ]; then fail "lint $(basename "$bank") printed something"
    else ok "lint $(basename "$bank") is silent"; fi
done

# Each malformed bank: the expected messages, in order, and nothing else.
cd "$BANKS/bad" || exit 1
count=0
for bank in *.bank; do
    name=${bank%.bank}
    count=$((count + 1))
    run bank lint "$bank"
    expect_status 65 "lint $bank exits 65"
    expect_golden "$BANKS/bad/$name.expected"
done
[ "$count" -ge 8 ] && ok "$count malformed banks checked" || fail "only $count malformed banks"

# Several files at once: every problem of every file.
run bank lint unknown-kind.bank "$BANKS/sample.bank" dates.bank
expect_status 65 "lint of several files exits 65 when one is bad"
cat unknown-kind.expected dates.expected >"$T_DIR/both.expected"
expect_golden "$T_DIR/both.expected"

run bank lint "$T_DIR/missing.bank"
expect_status 66 "a missing file is no input"
expect_err "cannot open '.*\.bank'" "the missing file is named"

run bank lint
expect_status 64 "lint without a file is a usage error"

# A failed import changes nothing, not even with a good bank beside the bad one.
run bank import "$BANKS/sample.bank"
expect_status 0 "a good bank imports"
sed 's/Which article of the treaty/Which treaty article/' "$BANKS/sample.bank" >"$T_DIR/edited.bank"
cp "$RECITE_DB" "$T_DIR/before.db"
[ ! -e "$RECITE_DB-wal" ] && ok "no write-ahead log left behind" || fail "a -wal file remains"
for bad in dates.bank encoding.bank rules.bank; do
    run bank import "$T_DIR/edited.bank" "$bad" "$BANKS/kinds.bank"
    expect_status 65 "import with $bad fails"
    expect_err "^${bad%.bank}\.bank:[0-9]+:[0-9]+: " "import names the problem in $bad"
    expect_err "nothing was imported" "import says nothing was imported"
    if cmp -s "$RECITE_DB" "$T_DIR/before.db" && [ ! -e "$RECITE_DB-wal" ]; then
        ok "database unchanged after the failed import with $bad"
    else
        fail "database changed by the failed import with $bad"
    fi
done
run bank list
expect_out '^sample ' "the good bank is still there"

# A failed import into a database that does not exist yet does not create it.
export RECITE_DB="$T_DIR/never.db"
run bank import "$BANKS/sample.bank" values.bank
expect_status 65 "import with a bad bank into a new database fails"
[ ! -e "$T_DIR/never.db" ] && ok "no database was created" || fail "a database was created"
expect_no_out '^kinds ' "the bank beside the bad one was not imported"

finish
