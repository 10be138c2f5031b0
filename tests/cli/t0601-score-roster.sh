#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A class's score files verified in one run against a roster and the bank:
# the table and the CSV, a wrong roster entry, a swapped bank, a key not on
# the roster, a copied attempt and a missing signature are each reported.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/score-lib.sh"
need_tools sqlite3 b2sum

export RECITE_NOW=2026-11-24T12:00:00Z
BANK="$RECITE_TEST_DATA/score/nato-mini.bank"
HASH=$(b2sum -l 256 "$BANK" | cut -d' ' -f1)
OTHER=$(printf 'an easier bank\n' | b2sum -l 256 | cut -d' ' -f1)
CLASS="$T_DIR/class"
mkdir -p "$CLASS"

# student NAME HASH CREDIT...: a key, a finished quiz and an exported score file.
student() {
    local name=$1 hash=$2 db="$T_DIR/$1/recite.db"
    shift 2
    seed_session "$db" nato "$hash" "$@" || fail "cannot seed $name"
    "$RECITE_BIN" --db "$db" key gen --no-password >/dev/null || fail "key gen for $name"
    "$RECITE_BIN" --db "$db" score export --last --student "$name" -o "$CLASS/$name.json" \
        >/dev/null || fail "export for $name"
    printf '%s\t%s\n' "$name" "$(sed -n 2p "$T_DIR/$name/keys/recite.pub")" >>"$T_DIR/keys.tsv"
}
student alice "$HASH" 1 1 0.5
student bob "$HASH" 1 0 0
student carol "$HASH" 1 1 1
student dave "$OTHER" 1 1 1 1
student frank "$HASH" 1

key_of() { grep "^$1	" "$T_DIR/keys.tsv" | cut -f2; }
{
    echo "# instructor's roster, class of 2026"
    printf 'alice\t%s\n' "$(key_of alice)"
    printf 'bob\t%s\n' "$(key_of bob)"
    echo
    printf 'erin\t%s\n' "$(key_of carol)"   # carol's key entered under the wrong student
    printf 'dave\t%s\n' "$(key_of dave)"
} >"$T_DIR/roster.tsv"

# The honest part of the class: every file valid, exit 0.
run score verify "$CLASS/alice.json" "$CLASS/bob.json" --roster "$T_DIR/roster.tsv" --bank "$BANK"
expect_status 0 "valid files verify"
expect_no_out "files valid" "no failure summary when all are valid"

cp "$CLASS/alice.json" "$CLASS/alice-again.json"
cp "$CLASS/alice.json.minisig" "$CLASS/alice-again.json.minisig"
cp "$CLASS/bob.json" "$CLASS/nosig.json"

run score verify "$CLASS" --roster "$T_DIR/roster.tsv" --bank "$BANK"
expect_status 1 "a class with problems exits 1"
expect_out '^FILE +STUDENT +KEY ID +BANK +ATTEMPT +SCORE +ANSWERED +STATUS$' "the table has a header"
expect_out "alice-again.json +alice +[0-9A-F]{16} +nato@2026.11 +1 +2.5/3 +3 +duplicate-attempt: attempt id [0-9a-f]{32} also in '.*/alice.json' \(the same file\)" "the copied attempt is reported"
expect_out "/alice.json +alice .* 2.5/3 +3 +duplicate-attempt" "the original is reported too"
expect_out "/bob.json +bob +[0-9A-F]{16} +nato@2026.11 +1 +1/3 +3 +valid$" "bob is valid"
expect_out "/carol.json +erin .* 3/3 +3 +wrong-student: signed by roster entry 'erin' but names 'carol'" \
    "the wrong roster entry is reported"
expect_out "/dave.json +dave .* 4/4 +4 +bank-hash-differs" "the swapped bank is reported"
expect_out "/frank.json +[0-9A-F]{16} .*unknown-key: unknown key id [0-9A-F]{16}" \
    "a key not on the roster is reported"
expect_out "/nosig.json .*missing-signature" "a missing signature is reported"
expect_out_line "1 of 7 files valid" "the summary counts the valid files"

run score verify "$CLASS" --roster "$T_DIR/roster.tsv" --bank "$BANK" --format csv
expect_status 1 "csv: exit 1"
expect_out_line "file,status,student,key_id,bank,version,score,credit,items,answered,finished,attempt,attempt_number,counts,detail" "csv header"
[ "$(wc -l <"$out")" -eq 8 ] && ok "csv: one row per file" || fail "csv has $(wc -l <"$out") lines"
expect_out "^$CLASS/bob.json,valid,bob,[0-9A-F]{16},nato,2026.11,1/3,1,3,3,2026-11-24T10:05:00.000Z,[0-9a-f]{32},1,,\$" "csv: bob's row"
expect_out "^$CLASS/carol.json,wrong-student,erin,.*,3/3,.*,signed by roster entry 'erin' but names 'carol'\$" "csv: carol's row"
expect_out "^$CLASS/dave.json,bank-hash-differs,dave," "csv: dave's row"
expect_out "^$CLASS/frank.json,unknown-key,,[0-9A-F]{16},,,,,,,,,,,unknown key id" "csv: frank's row"

# Without --bank the swapped bank goes unnoticed (the signature is genuine).
run score verify "$CLASS/dave.json" --roster "$T_DIR/roster.tsv" --format json
expect_status 0 "dave's file alone is validly signed"
expect_out '"status": "valid"' "json output"

# A student enrolled twice under one key: a warning, and the right entry is used.
{ cat "$T_DIR/roster.tsv"; printf 'bobby\t%s\n' "$(key_of bob)"; } >"$T_DIR/twice.tsv"
run score verify "$CLASS/bob.json" --roster "$T_DIR/twice.tsv"
expect_status 0 "a shared key still verifies"
expect_err "warning: roster entries 'bob' and 'bobby' share key id [0-9A-F]{16}" "the collision is reported"
{ printf 'bobby\t%s\n' "$(key_of bob)"; cat "$T_DIR/roster.tsv"; } >"$T_DIR/twice.tsv"
run score verify "$CLASS/bob.json" --roster "$T_DIR/twice.tsv"
expect_status 0 "the entry naming the student is preferred, whatever the order"
expect_out "/bob.json +bob +" "the row names bob"

run score verify "$CLASS/nobody.json" --roster "$T_DIR/roster.tsv" --format csv
expect_status 1 "a missing score file fails"
expect_out "nobody.json,unreadable,.*cannot open" "and is reported as unreadable"

# A broken roster is a data error, located.
printf 'alice\tRWQnope\n' >"$T_DIR/bad.tsv"
run score verify "$CLASS/alice.json" --roster "$T_DIR/bad.tsv"
expect_status 65 "a malformed roster is bad data"
expect_err "bad.tsv:1:7: malformed public key" "the error is located"
run score verify "$CLASS/alice.json"
expect_status 64 "verify needs a roster or a key"
run score verify "$CLASS/alice.json" --pubkey "$(key_of alice)" --format xml
expect_status 64 "an unknown format is a usage error"

finish
