#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# No fixed limit drops data: a fact key of 300 bytes and a review over 100
# banks ask every card; a key past the limit is refused at lint and import.
. "$(dirname "$0")/lib.sh"
export RECITE_NOW=2026-11-23T10:00:00Z TZ=UTC RECITE_BANKS_DIR="$T_DIR/none"
mkdir -p "$T_DIR/none" "$T_DIR/banks"
q() { sqlite3 "$RECITE_DB" "$1"; }

long_key=$(printf 'k%.0s' $(seq 300))
long_id=b$(printf 'x%.0s' $(seq 150))
for i in $(seq 1 100); do
    id=bank$(printf '%03d' "$i")
    key=q$i
    [ "$i" = 100 ] && { id=$long_id; key=$long_key; }
    printf 'bank %s\ntitle: Bank %s\nversion: 1\nlanguage: en\n\nquestion %s\nask: Which ocean is number %s?\nanswer: Atlantic\n' \
        "$id" "$i" "$key" "$i" >"$T_DIR/banks/$i.bank"
done

run bank lint "$T_DIR/banks/100.bank"
expect_status 0 "a 300-byte key and a 151-byte bank id lint clean"
run bank import --allow-unsigned "$T_DIR"/banks/*.bank
expect_status 0 "100 banks import"
[ "$(q 'select count(*) from bank')" = 100 ] && ok "100 banks are stored" || fail "banks: $(q 'select count(*) from bank')"
[ "$(q "select length(key) from fact where key like 'kkk%'")" = 300 ] \
    && ok "the long key is stored whole" || fail "long key: $(q "select length(key) from fact where key like 'kkk%'")"

# Answer every card of every bank (the cards come in the queue's order).
input=
for i in $(seq 1 100); do input+=$'atlantic\n\n'; done
cards=$(q 'select count(*) from card')
run_in "$input" review --new 1000 --seed 3
expect_status 0 "a review over 100 banks ends cleanly"
asked=$(grep '^Which ocean is number [0-9]*?$' "$out" | sort -u | wc -l)
[ "$asked" = "$cards" ] && ok "every one of the $cards cards is asked" || fail "asked $asked of $cards"
[ "$(q 'select count(*) from review')" = "$cards" ] && ok "every answer is recorded" \
    || fail "reviews: $(q 'select count(*) from review')"
right=$(grep -c '^right$' "$out")
[ "$right" = "$cards" ] && ok "each answer is judged right" || fail "$right of $cards judged right"
[ "$(q 'select count(distinct f.bank_id) from review r join card c on c.id = r.card_id join fact f on f.id = c.fact_id')" = 100 ] \
    && ok "every bank's card is reviewed, the 65th and on too" || fail "banks reviewed: $(q 'select count(distinct f.bank_id) from review r join card c on c.id = r.card_id join fact f on f.id = c.fact_id')"
[ "$(q "select count(*) from review r join card c on c.id = r.card_id join fact f on f.id = c.fact_id where f.key = '$long_key'")" -ge 1 ] \
    && ok "the card with the 300-byte key is reviewed" || fail "the long-key card was never reviewed"

# One byte past the limit: refused with the reason, at lint and at import.
too_long=$(printf 'k%.0s' $(seq 513))
printf 'bank toolong\ntitle: T\nversion: 1\nlanguage: en\n\nquestion %s\nask: Q?\nanswer: a\n' "$too_long" >"$T_DIR/toolong.bank"
run bank lint "$T_DIR/toolong.bank"
expect_status 65 "lint refuses a key past the limit"
expect_out 'toolong.bank:6:10: key too long \(513 bytes, at most 512\)' "lint names the place and the limit"
run bank import --allow-unsigned "$T_DIR/toolong.bank"
expect_status 65 "import refuses it too"
[ "$(q "select count(*) from bank where slug = 'toolong'" 2>/dev/null || echo 0)" = 0 ] \
    && ok "nothing is imported" || fail "the bank was imported"
finish
