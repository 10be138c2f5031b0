#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Whose score it is: the roster says whose each key is. A file Mallory signs
# that names Alice is Mallory's wrong-student, whatever --pubkey says, and the
# report shows the roster's name; an attempt id copied into a file signed by
# another key touches no one else's row; a roster saved with a byte order
# mark, CRLF line ends, comments and blank lines reads as written.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/score-lib.sh"
need_tools sqlite3

export RECITE_NOW=2026-11-24T12:00:00Z
HASH=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
CLASS="$T_DIR/class"
mkdir -p "$CLASS"

# student NAME CLAIM CREDIT...: NAME's key and quiz, exported as a file naming CLAIM.
student() {
    local name=$1 claim=$2 db="$T_DIR/$1/recite.db"
    shift 2
    seed_session "$db" nato "$HASH" "$@" || fail "cannot seed $name"
    [ -f "$T_DIR/$name/keys/recite.key" ] ||
        "$RECITE_BIN" --db "$db" key gen --no-password >/dev/null || fail "key gen for $name"
}
export_as() {
    "$RECITE_BIN" --db "$T_DIR/$1/recite.db" score export --last --student "$2" -o "$CLASS/$3" \
        >/dev/null || fail "export $3"
}
pub() { sed -n 2p "$T_DIR/$1/keys/recite.pub"; }
student alice alice 1 1 0.5
export_as alice alice alice.json
student mallory alice 0 0 0
export_as mallory alice mallory-as-alice.json
{
    printf 'alice\t%s\n' "$(pub alice)"
    printf 'mallory\t%s\n' "$(pub mallory)"
} >"$T_DIR/roster.tsv"

# --- a file signed with Mallory's key that names Alice ---
run score verify "$CLASS/mallory-as-alice.json" --roster "$T_DIR/roster.tsv" \
    --pubkey "$T_DIR/mallory/keys/recite.pub"
expect_status 64 "--pubkey beside --roster is refused"
expect_err "not both: the roster says whose each key is" "the refusal says why"
expect_no_out "valid" "nothing is reported valid"
run score verify "$CLASS/mallory-as-alice.json" --roster "$T_DIR/roster.tsv"
expect_status 1 "Mallory's file naming Alice fails"
expect_out "mallory-as-alice.json +mallory +[0-9A-F]{16} .*wrong-student: signed by roster entry 'mallory' but names 'alice'\$" \
    "it is Mallory's row, refused as wrong-student"
expect_no_out "^[^ ]+ +alice " "Alice's name is not on the row"
run score verify "$CLASS/mallory-as-alice.json" --roster "$T_DIR/roster.tsv" --format json
expect_out '"student": "mallory"' "json: the roster's name"
expect_out '"status": "wrong-student"' "json: the reason"
run score verify "$CLASS/mallory-as-alice.json" --roster "$T_DIR/roster.tsv" --format csv
expect_out ",wrong-student,mallory," "csv: the roster's name"
run score grades "$CLASS" --roster "$T_DIR/roster.tsv" --pubkey "$(pub mallory)"
expect_status 64 "grades refuses --pubkey too"

# --- Mallory copies Alice's attempt id into a file signed with her own key ---
ATTEMPT=$(sed -n 's/.*"id": "\([0-9a-f]\{32\}\)".*/\1/p' "$CLASS/alice.json" | head -n1)
[ ${#ATTEMPT} -eq 32 ] && ok "alice's attempt id is $ATTEMPT" || fail "no attempt id in alice.json"
rm -f "$CLASS"/mallory-as-alice.json*
student mallory mallory 0 0 0
sqlite3 "$T_DIR/mallory/recite.db" "UPDATE session SET attempt = '$ATTEMPT' WHERE id = (SELECT max(id) FROM session)"
export_as mallory mallory mallory.json
grep -q "\"id\": \"$ATTEMPT\"" "$CLASS/mallory.json" && ok "mallory's file carries alice's attempt id" ||
    fail "the copied attempt id is not in mallory.json"
run score verify "$CLASS" --roster "$T_DIR/roster.tsv"
expect_status 0 "an attempt id is its signer's: both files are valid"
expect_out "/alice.json +alice +[0-9A-F]{16} +nato@2026.11 +1 +2.5/3 +3 +valid\$" "alice's row is untouched"
expect_no_out "duplicate-attempt" "no copy is reported across keys"
run score grades "$CLASS" --roster "$T_DIR/roster.tsv"
expect_status 0 "grades"
expect_out "^alice,2.5,3,3,1,1,$CLASS/alice.json,\$" "alice keeps her grade"
expect_out "^mallory,0,3,3,[0-9],1,$CLASS/mallory.json,\$" "mallory has her own"
# The same attempt handed in twice under one key is still a copy.
cp "$CLASS/alice.json" "$CLASS/alice-again.json"
cp "$CLASS/alice.json.minisig" "$CLASS/alice-again.json.minisig"
run score verify "$CLASS" --roster "$T_DIR/roster.tsv"
expect_out "/alice-again.json +alice .*duplicate-attempt: attempt id $ATTEMPT also in '.*/alice.json' \(the same file\)\$" \
    "a copy under one key is still reported"
expect_out "/mallory.json +mallory .* valid\$" "mallory's file is not drawn into it"
rm -f "$CLASS"/alice-again.json*

# A name with an invisible character would look like another student's.
"$RECITE_BIN" --db "$T_DIR/alice/recite.db" score export --last --student $'al\u200bice' \
    -o "$CLASS/zw.json" >"$T_DIR/stdout" 2>"$T_DIR/stderr"
status=$?
expect_status 64 "a student name with a zero-width space is refused"
[ -e "$CLASS/zw.json" ] && fail "it was written" || ok "nothing is written"

# --- a roster as people save it ---
{
    printf '\357\273\277# roster for Quiz 1\r\n'
    printf 'alice\t%s\r\n' "$(pub alice)"
    printf '\r\n   \r\n\t\r\n'
    printf '  # mallory joined late\r\n'
    printf 'mallory\t%s  \r\n' "$(pub mallory)"
} >"$T_DIR/windows.tsv"
run score verify "$CLASS" --roster "$T_DIR/windows.tsv"
expect_status 0 "a roster with a BOM, CRLF, comments and blank lines"
expect_out "/alice.json +alice +[0-9A-F]{16} .* valid\$" "its first student is read"
expect_out "/mallory.json +mallory +[0-9A-F]{16} .* valid\$" "and the last one"
printf '\357\273\277alice\t%s\n' "$(pub alice)" >"$T_DIR/bom-first.tsv"
run score verify "$CLASS/alice.json" --roster "$T_DIR/bom-first.tsv"
expect_status 0 "a BOM right before the first student"
expect_out "/alice.json +alice " "names alice, not a BOM and alice"
printf 'alice\t%s\nbo\377b\t%s\n' "$(pub alice)" "$(pub mallory)" >"$T_DIR/bytes.tsv"
run score verify "$CLASS/alice.json" --roster "$T_DIR/bytes.tsv"
expect_status 65 "an identifier that is not UTF-8 is bad data"
expect_err "bytes.tsv:2:3: the identifier is not printable UTF-8 text" "located"
finish
