#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A bank's card notes (its acronyms by initials, its words by initial) are
# kept with the bank as its lexicon is: written at import, read back by a
# session, rebuilt when missing, damaged or of another version of the bank.
# Every way, "What does NATO stand for?" offers the bank's other expansions
# with NATO's initials.
. "$(dirname "$0")/lib.sh"
export RECITE_NOW=2026-11-23T10:00:00Z TZ=UTC RECITE_BANKS_DIR="$T_DIR/none"
mkdir -p "$T_DIR/none"
q() { sqlite3 "$RECITE_DB" "$1"; }
current="select count(*) from card_notes n join bank b on b.id = n.bank_id and b.hash = n.bank_hash where substr(n.data, 1, 13) = cast('card-notes 2' || char(10) as blob)"

{
    printf 'bank initials\ntitle: Initials\nversion: 1\nlanguage: en\n\n'
    printf 'acronym NATO\nlong: North Atlantic Treaty Organization\n\n'
    for i in $(seq 1 60); do printf 'acronym A%s\nlong: Alpha Bravo Group %s\n\n' "$i" "$i"; done
    printf 'acronym NATA\nlong: Nordic Arctic Trade Office\n\n'
    for i in $(seq 61 120); do printf 'acronym A%s\nlong: Alpha Bravo Group %s\n\n' "$i" "$i"; done
    printf 'acronym NATX\nlong: National Archive of Tax Offices\n'
} >"$T_DIR/initials.bank"

run bank import --allow-unsigned "$T_DIR/initials.bank"
expect_status 0 "the bank imports"
# NATO's choice card is the one card due
now=$(( $(date -d "$RECITE_NOW" +%s) * 1000 ))
q "update card set state = 2, reps = 3, stability = 5, difficulty = 5, scheduled_days = 5,
   last_review = $now - 6 * 86400000, due = $now - 86400000
   where template = 'short-long-choice' and fact_id = (select id from fact where key = 'NATO')"
[ "$(q "$current")" = 1 ] && ok "the import keeps the bank's card notes" || fail "kept card notes: $(q "$current")"

# The NATO choice card, asked first (its fact is the bank's first), must
# offer both other expansions with its initials. Each session starts from
# the same database (restored after it); after it, the notes are current.
session() {
    cp "$RECITE_DB" "$T_DIR/before.db"
    run_in $'a\n\n' review initials --new 0 --limit 1 --seed 1
    expect_status 0 "$1: the review ends cleanly"
    grep -q 'What does NATO stand for' "$out" && grep -q 'Nordic Arctic Trade Office' "$out" &&
        grep -q 'National Archive of Tax Offices' "$out" &&
        ok "$1: NATO's card offers both expansions with its initials" || { cat "$out"; fail "$1: options"; }
    [ "$(q "$current")" = 1 ] && ok "$1: the bank's card notes are current after the session" \
        || fail "$1: current card notes after the session: $(q "$current")"
    cp "$T_DIR/before.db" "$RECITE_DB"
    rm -f "$RECITE_DB-wal" "$RECITE_DB-shm"
}
session "kept at import"

q "update card_notes set data = x'63'"
session "damaged notes"
q "update card_notes set data = cast('card-notes 2' || char(10) || 'acronyms 1 of 100000' || char(10) || 'NATO' || char(9) || '99999' || char(10) || 'words 0' || char(10) || 'sets 0 of 0' || char(10) as blob)"
session "notes made for other facts"
q "delete from card_notes"
session "no notes"

# A new version of the bank: the import keeps its notes; notes kept for
# another version are not used.
old_hash=$(q 'select hash from bank')
sed -i 's/^version: 1$/version: 2/' "$T_DIR/initials.bank"
run bank import --allow-unsigned "$T_DIR/initials.bank"
expect_status 0 "the new version imports"
[ "$(q "$current")" = 1 ] && [ "$(q 'select bank_hash from card_notes')" != "$old_hash" ] \
    && ok "the new version's notes replace the old ones" || fail "notes hash $(q 'select bank_hash from card_notes') (old $old_hash)"
q "update card_notes set bank_hash = '$old_hash'"
session "notes of an older version"
finish
