#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Quizzes end to end: the result is stored item by item and does not touch
# the schedule; --sign writes a score file that stock minisign and
# `recite score verify` (with a roster and the bank file) accept; signed
# banks import only when their signature is good.
. "$(dirname "$0")/lib.sh"
export RECITE_BANKS_DIR="$RECITE_TEST_DATA/review" RECITE_NOW=2026-11-23T10:00:00Z TZ=UTC
bank="$RECITE_TEST_DATA/review/mini.bank"
q() { sqlite3 "$RECITE_DB" "$1"; }

run key gen --no-password
expect_status 0 "a key is made"
pub=$("$RECITE_BIN" key show | awk '/^public key/ {print $3}')

cd "$T_DIR" || exit 1
# Unclear replies (no yes or no, no option) are asked again and not recorded; the
# fourth question is never reached (end of input) and is stored as not answered.
run_in $'euro-atlantic partnership council\nno\nnonsense\n:skip\nArticle 4\n' quiz mini --count 4 --seed 9 --sign --student alice -o "$T_DIR/alice.json"
expect_status 0 "a signed quiz exits 0"
expect_out '^\[1/4\] ' "questions are numbered"
expect_out '^answer yes or no$' "a reply that is no yes or no is asked again"
expect_out "^that is none of the options" "a reply naming no option is asked again"
expect_out '^skipped$' ":skip leaves a question"
expect_out '^score: ' "the result table ends with the score"
expect_out 'wrote .*alice.json' "the score file is written"
expect_out '^score: .* of 4 \([0-9]+%\), answered 2 of 4, 1 skipped$' "the score is over all four questions"
[ "$(q "select group_concat(si.status, ',') from session_item si join session s on s.id = si.session_id where s.kind = 'quiz'")" = 0,1,0,2 ] \
    && ok "each question is stored: answered, skipped, answered, not answered" ||
    fail "quiz items: $(q 'select seq, status from session_item')"
[ "$(q 'select count(*) from review')" = 0 ] && ok "a quiz does not touch the schedule" || fail "a quiz wrote reviews"
[ "$(q "select count(*) from card where state != 0")" = 0 ] && ok "no card changed state" || fail "cards changed"

if command -v minisign >/dev/null; then
    if minisign -Vm "$T_DIR/alice.json" -P "$pub" >"$T_DIR/mv" 2>&1; then ok "stock minisign verifies the score file"
    else fail "minisign rejected the score file: $(cat "$T_DIR/mv")"; fi
else
    echo "minisign is not installed; that check skipped"
fi

printf 'alice\t%s\n' "$pub" >"$T_DIR/roster.tsv"
run score verify "$T_DIR/alice.json" --roster "$T_DIR/roster.tsv" --bank "$bank"
expect_status 0 "the score verifies against the roster and the bank file"
expect_out 'alice .* valid' "the table says valid"
sed 's/^version: 1$/version: 2/' "$bank" >"$T_DIR/other.bank"
run score verify "$T_DIR/alice.json" --roster "$T_DIR/roster.tsv" --bank "$T_DIR/other.bank"
expect_status 1 "another version of the bank is refused"

# Signed banks: a good signature from a trusted key imports, a bad one is refused.
sed 's/^bank mini$/bank signed/' "$bank" >"$T_DIR/signed.bank"
run bank sign "$T_DIR/signed.bank"
expect_status 0 "bank sign exits 0"
[ -s "$T_DIR/signed.bank.minisig" ] && ok "bank sign writes FILE.minisig" || fail "no .minisig"
if command -v minisign >/dev/null && minisign -Vm "$T_DIR/signed.bank" -P "$pub" >/dev/null 2>&1; then
    ok "stock minisign verifies the bank signature"
else
    fail "minisign did not verify the bank signature"
fi
run key trust "$pub"
expect_status 0 "an instructor key is trusted"
cp "$T_DIR/signed.bank" "$T_DIR/tampered.bank"
cp "$T_DIR/signed.bank.minisig" "$T_DIR/tampered.bank.minisig"
sed -i 's/Partnership for Peace/Partnership for War/' "$T_DIR/tampered.bank"
sed -i 's/^bank signed$/bank tampered/' "$T_DIR/tampered.bank"
run bank import "$T_DIR/tampered.bank"
expect_status 1 "a bank whose signature does not match is refused"
expect_err 'nothing was imported' "and nothing is imported"
[ "$(q "select count(*) from bank where slug = 'tampered'")" = 0 ] && ok "the tampered bank is not stored" || fail "tampered bank stored"
run bank import "$T_DIR/signed.bank"
expect_status 0 "a bank signed by a trusted key imports"
expect_err 'signature good' "and says so"
sed 's/^bank mini$/bank plain/' "$bank" >"$T_DIR/plain.bank"
run bank import "$T_DIR/plain.bank"
expect_status 0 "an unsigned bank imports"
expect_err 'is not signed' "with a note"
finish
