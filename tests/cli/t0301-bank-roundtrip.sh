#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# export -> import -> export is byte-identical for every test bank and the
# shipped banks; a bank already in canonical form exports as itself; the
# hash shown is BLAKE2b-256 of the exported text.
. "$(dirname "$0")/lib.sh"

BANKS="$RECITE_TEST_DATA/banks"
n=0
for bank in "$BANKS"/*.bank "$RECITE_SOURCE_DIR"/banks/*.bank; do
    [ -e "$bank" ] || continue
    n=$((n + 1))
    name=$(basename "$bank" .bank)
    id=$(sed -n 's/^bank \([^ ]*\)$/\1/p' "$bank" | head -n 1)
    export RECITE_DB="$T_DIR/$name-1.db"
    run bank import "$bank"
    expect_status 0 "import $name"
    run bank export "$id" -o "$T_DIR/$name.1"
    expect_status 0 "export $name to a file"
    export RECITE_DB="$T_DIR/$name-2.db"
    run bank import "$T_DIR/$name.1"
    expect_status 0 "re-import the export of $name"
    run bank export "$id"
    expect_status 0 "export $name again"
    if cmp -s "$out" "$T_DIR/$name.1"; then ok "$name: export -> import -> export is byte-identical"
    else fail "$name: second export differs"; diff "$T_DIR/$name.1" "$out" | head; fi
    run bank lint "$T_DIR/$name.1"
    expect_status 0 "the export of $name lints clean"
    run bank show "$id"
    hash=$(b2sum -l 256 "$T_DIR/$name.1" | cut -d' ' -f1)
    expect_out "^hash: blake2b-256:$hash\$" "$name: show prints the BLAKE2b-256 of the export"
done
[ "$n" -ge 3 ] && ok "$n banks round-tripped" || fail "only $n banks"

# sample.bank is canonical apart from its comment line.
export RECITE_DB="$T_DIR/canon.db"
run bank import "$BANKS/sample.bank"
run bank export sample
grep -v '^#' "$BANKS/sample.bank" >"$T_DIR/sample.canonical"
expect_golden "$T_DIR/sample.canonical"

# An unchanged re-import changes nothing.
cp "$RECITE_DB" "$T_DIR/canon.before"
run bank import "$BANKS/sample.bank"
expect_status 0 "re-import of an unchanged bank"
expect_out 'unchanged \(5 facts\)' "re-import reports it unchanged"
cmp -s "$RECITE_DB" "$T_DIR/canon.before" && ok "unchanged re-import leaves the database as it was" \
    || fail "unchanged re-import wrote to the database"

finish
