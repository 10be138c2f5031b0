#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The judge's lexicon (every name of a bank, normalised) is kept with the
# bank: written at import, read back by a session, rebuilt when it is
# missing, damaged or of another version of the bank, and it judges alike
# every way: "South Korea" names another thing the bank knows, never a slip
# for "North Korea".
. "$(dirname "$0")/lib.sh"
export RECITE_NOW=2026-11-23T10:00:00Z TZ=UTC RECITE_BANKS_DIR="$T_DIR/none"
mkdir -p "$T_DIR/none"
q() { sqlite3 "$RECITE_DB" "$1"; }
current="select count(*) from lexicon l join bank b on b.id = l.bank_id and b.hash = l.bank_hash where substr(l.data, 1, 4) = x'524c5831'"

cat >"$T_DIR/korea.bank" <<'BANK'
bank korea
title: Korea
version: 1
language: en

question north
ask: Which state tested a missile over the Sea of Japan?
answer: North Korea

question south
ask: Seoul is the capital of which state?
answer: South Korea
BANK

run bank import --allow-unsigned "$T_DIR/korea.bank"
expect_status 0 "the bank imports"
[ "$(q "$current")" = 1 ] && ok "the import keeps the bank's lexicon" || fail "kept lexicons: $(q "$current")"

# Both questions answered "South Korea": one right, the other wrong (not
# almost). Each session starts from the same database (restored after it);
# after it, the bank's lexicon must be current again.
session() {
    cp "$RECITE_DB" "$T_DIR/before.db"
    run_in $'South Korea\n\nSouth Korea\n\n' review --new 10 --mode typed --seed 1
    expect_status 0 "$1: the review ends cleanly"
    r=$(grep -c '^right$' "$out"); w=$(grep -c '^wrong' "$out"); a=$(grep -c '^almost' "$out")
    [ "$r/$w/$a" = 1/1/0 ] && ok "$1: South Korea is right once and wrong once" \
        || { cat "$out"; fail "$1: right $r, wrong $w, almost $a"; }
    [ "$(q "$current")" = 1 ] && ok "$1: the bank's lexicon is current after the session" \
        || fail "$1: current lexicons after the session: $(q "$current")"
    cp "$T_DIR/before.db" "$RECITE_DB"
    rm -f "$RECITE_DB-wal" "$RECITE_DB-shm"
}
session "kept at import"

q "update lexicon set data = x'52'"
session "a damaged lexicon"
q "update lexicon set data = zeroblob(4000)"
session "a lexicon of zeros"
q "delete from lexicon"
session "no lexicon"

# A new version of the bank: the import keeps its lexicon; one kept for
# another version is not used.
run bank import --allow-unsigned "$T_DIR/korea.bank"
old_hash=$(q 'select hash from bank')
sed -i 's/^version: 1$/version: 2/' "$T_DIR/korea.bank"
run bank import --allow-unsigned "$T_DIR/korea.bank"
expect_status 0 "the new version imports"
[ "$(q "$current")" = 1 ] && [ "$(q 'select bank_hash from lexicon')" != "$old_hash" ] \
    && ok "the new version's lexicon replaces the old one" || fail "lexicon hash $(q 'select bank_hash from lexicon') (old $old_hash)"
q "update lexicon set bank_hash = '$old_hash'"
session "a lexicon of an older version"
finish
