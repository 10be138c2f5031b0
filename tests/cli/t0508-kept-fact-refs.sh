#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A bank's fact references (the row ids of its live facts of each kind in
# bank order, and its events' dates) are kept with the bank as its card
# notes are: written at import, read back by a session in one blob instead
# of every fact row, rebuilt when missing or of another version of the bank,
# and passed over when damaged. Every way, a session asks the same cards
# with the same options as one that reads the fact rows.
. "$(dirname "$0")/lib.sh"
export RECITE_NOW=2026-11-23T10:00:00Z TZ=UTC RECITE_BANKS_DIR="$T_DIR/none"
mkdir -p "$T_DIR/none"
q() { sqlite3 "$RECITE_DB" "$1"; }
current="select count(*) from fact_refs r join bank b on b.id = r.bank_id and b.hash = r.bank_hash
         where r.format = 'fact-refs 1'"

{
    printf 'bank refs\ntitle: References\nversion: 1\nlanguage: en\n\n'
    for i in $(seq 1 30); do
        printf 'acronym A%s\nlong: Alpha Bravo Group %s\n\n' "$i" "$i"
        printf 'event treaty-%s\nwhen: %s-03-%02d\nwhat: Treaty number %s was signed\n\n' \
            "$i" $((1900 + 3 * i)) $((i % 28 + 1)) "$i"
    done
    printf 'set founders\nprompt: founding members of the Group\nmember: Norway\nmember: Chile\n'
    printf 'member: Kenya\n\nset second\nprompt: members who joined the Group later\n'
    printf 'member: Peru\nmember: Japan\nmember: Ghana\n'
} >"$T_DIR/refs.bank"

run bank import --allow-unsigned "$T_DIR/refs.bank"
expect_status 0 "the bank imports"
[ "$(q "$current")" = 1 ] && ok "the import keeps the bank's fact references" \
    || fail "kept fact references: $(q "$current")"
# (that the references read as the fact rows do, card for card: tests/core/test_bank_view.c)

# every card due, choice and order cards first: their options come from the references
now=$(( $(date -d "$RECITE_NOW" +%s) * 1000 ))
q "update card set state = 2, reps = 3, stability = 5, difficulty = 5, scheduled_days = 5,
   last_review = $now - 6 * 86400000,
   due = $now - 86400000 - (case when template like '%choice' or template = 'order'
                                 or template = 'when-what' then 86400000 else 0 end)"

answers=$(printf 'a\n\n%.0s' $(seq 1 40))
# session NAME: forty answers from the same database (restored after it); the transcript in $T_DIR/NAME
session() {
    cp "$RECITE_DB" "$T_DIR/before.db"
    run_in "$answers" review refs --new 0 --limit 40 --seed 3 --mode choice
    expect_status 0 "$1: the review ends cleanly"
    cp "$out" "$T_DIR/$1"
    [ "$(q "$current")" = 1 ] && [ "$(q 'select length(data) from fact_refs')" -gt 100 ] \
        && ok "$1: the bank's fact references are current and whole after the session" \
        || fail "$1: current fact references after the session: $(q "$current")"
    cp "$T_DIR/before.db" "$RECITE_DB"
    rm -f "$RECITE_DB-wal" "$RECITE_DB-shm"
}
session kept
grep -q 'Which of these' "$T_DIR/kept" && grep -q 'A[0-9]' "$T_DIR/kept" \
    && ok "the session asks choice cards" || { cat "$T_DIR/kept"; fail "no choice cards asked"; }

q "delete from fact_refs"
session missing
cmp -s "$T_DIR/kept" "$T_DIR/missing" && ok "missing references: the same cards and options" \
    || { diff "$T_DIR/kept" "$T_DIR/missing" | head -20; fail "missing references change the session"; }

q "update fact_refs set data = x'0100'"
session damaged
cmp -s "$T_DIR/kept" "$T_DIR/damaged" && ok "damaged references: the same cards and options" \
    || { diff "$T_DIR/kept" "$T_DIR/damaged" | head -20; fail "damaged references change the session"; }

# A new version of the bank: the import keeps its references; ones kept for
# another version are not used.
old_hash=$(q 'select hash from bank')
sed -i 's/^version: 1$/version: 2/; s/^member: Ghana$/member: Ghana\nmember: Fiji/' "$T_DIR/refs.bank"
run bank import --allow-unsigned "$T_DIR/refs.bank"
expect_status 0 "the new version imports"
[ "$(q "$current")" = 1 ] && [ "$(q 'select bank_hash from fact_refs')" != "$old_hash" ] \
    && ok "the new version's references replace the old ones" \
    || fail "references hash $(q 'select bank_hash from fact_refs') (old $old_hash)"
session newer
q "update fact_refs set bank_hash = '$old_hash', data = x'00'"
session older
cmp -s "$T_DIR/newer" "$T_DIR/older" && ok "references of an older version: not used" \
    || { diff "$T_DIR/newer" "$T_DIR/older" | head -20; fail "older references change the session"; }
finish
