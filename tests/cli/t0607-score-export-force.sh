#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# score export and quiz --sign write FILE and FILE.minisig both or neither:
# an existing file or symlink at either path is only replaced with --force,
# and a symlink is replaced itself, its target never written.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/score-lib.sh"
need_tools sqlite3
export RECITE_NOW=2026-11-24T12:00:00Z RECITE_BANKS_DIR="$RECITE_TEST_DATA/review"
HASH=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
seed_session "$RECITE_DB" nato "$HASH" 1 0.5 || fail "cannot seed"
run key gen --no-password
run bank import "$RECITE_TEST_DATA/review/mini.bank"
expect_status 0 "a bank to quiz on"
cd "$T_DIR" || exit 1

echo "precious" >"$T_DIR/s.json"
run score export --last --student alice -o "$T_DIR/s.json"
expect_status 73 "an existing score file is not replaced"
expect_err "'$T_DIR/s.json' exists \(use --force to replace it\)" "the refusal names --force"
[ "$(cat "$T_DIR/s.json")" = precious ] && ok "the file is unchanged" || fail "the file was changed"
[ -e "$T_DIR/s.json.minisig" ] && fail "a lone signature was written" || ok "no signature either"

rm "$T_DIR/s.json"
echo "old signature" >"$T_DIR/s.json.minisig"
run score export --last --student alice -o "$T_DIR/s.json"
expect_status 73 "an existing signature is not replaced"
[ -e "$T_DIR/s.json" ] && fail "a score file without its signature was left" ||
    ok "neither file is written"

echo "secret" >"$T_DIR/target"
ln -s "$T_DIR/target" "$T_DIR/link.json"
run score export --last --student alice -o "$T_DIR/link.json"
expect_status 73 "a symlink is not followed"
[ "$(cat "$T_DIR/target")" = secret ] && ok "its target is untouched" || fail "the symlink was followed"
run score export --last --student alice -o "$T_DIR/link.json" --force
expect_status 0 "--force replaces the symlink"
[ "$(cat "$T_DIR/target")" = secret ] && ok "and still leaves its target alone" || fail "the target was written"
[ -f "$T_DIR/link.json" ] && [ ! -L "$T_DIR/link.json" ] && ok "link.json is now the score file" ||
    fail "link.json is not a regular file"

run score export --last --student alice -o "$T_DIR/s.json" --force
expect_status 0 "--force replaces an existing pair"
run score verify "$T_DIR/s.json" --pubkey "$T_DIR/keys/recite.pub"
expect_status 0 "the replaced pair verifies"

# quiz --sign checks before asking anything.
run_in $'1991-12-26\n' quiz mini --count 1 --seed 9 --sign --student alice -o "$T_DIR/s.json"
expect_status 73 "quiz --sign refuses an existing file"
expect_no_out "saved as quiz session" "before the quiz starts"
run_in $'1991-12-26\n' quiz mini --count 1 --seed 9 --sign --student alice -o "$T_DIR/s.json" --force
expect_status 0 "quiz --sign --force replaces it"
grep -q '"bank"' "$T_DIR/s.json" && grep -q '"id": "mini"' "$T_DIR/s.json" && ok "with the quiz's score" ||
    fail "s.json is not the quiz's score"
finish
