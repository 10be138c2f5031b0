#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Who signs: without --student, config student.name or $USER, score export
# and quiz --sign take the account's name from the password database (a
# container or a fresh account has no $USER). And the passphrase key
# derivation, seconds of scrypt, is announced on stderr instead of silence.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/score-lib.sh"
need_tools sqlite3 id
export RECITE_NOW=2026-11-24T12:00:00Z TZ=UTC
HASH=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
seed_session "$RECITE_DB" nato "$HASH" 1 0.5 || fail "cannot seed the database"
ACCOUNT=$(id -un)
cd "$T_DIR" || exit 1

run bank import "$RECITE_TEST_DATA/review/mini.bank"
expect_status 0 "a bank to quiz on"
run key gen --no-password
expect_status 0 "key gen"
expect_no_out "deriving" "no key derivation without a passphrase"

out="$T_DIR/stdout" err="$T_DIR/stderr"
env -u USER "$RECITE_BIN" score export --last -o "$T_DIR/s.json" >"$out" 2>"$err" </dev/null
status=$?
expect_status 0 "export without --student, config or \$USER"
grep -q "\"name\": \"$ACCOUNT\"" "$T_DIR/s.json" && ok "the student is the account's name ($ACCOUNT)" ||
    fail "student: $(grep -A1 '"student"' "$T_DIR/s.json")"
expect_out "student=$ACCOUNT" "the summary names the account"
USER=someone "$RECITE_BIN" score export --last -o "$T_DIR/u.json" >"$out" 2>"$err" </dev/null
grep -q '"name": "someone"' "$T_DIR/u.json" && ok "\$USER still comes first" || fail "\$USER ignored"

printf '1991-12-26\n' | env -u USER "$RECITE_BIN" quiz mini --count 1 --seed 9 --sign -o "$T_DIR/q.json" \
    >"$out" 2>"$err"
status=$?
expect_status 0 "quiz --sign without a name"
grep -q "\"name\": \"$ACCOUNT\"" "$T_DIR/q.json" && ok "quiz --sign takes the account's name" ||
    fail "quiz student: $(grep -A1 '"student"' "$T_DIR/q.json")"

printf 'pw\n' >"$T_DIR/pwfile"
run key gen --force --passphrase-file "$T_DIR/pwfile"
expect_status 0 "key gen with a passphrase"
expect_err '^recite: deriving the key from the passphrase\.\.\.$' "key gen says it derives the key"
run score export --last -o "$T_DIR/p.json" --student alice --passphrase-file "$T_DIR/pwfile"
expect_status 0 "export with the encrypted key"
expect_err '^recite: deriving the key from the passphrase\.\.\.$' "score export says it derives the key"
run_in $'pw\n' score export --last -o "$T_DIR/p2.json" --student alice
expect_err '^recite: deriving the key from the passphrase\.\.\.$' "also with the passphrase on stdin"
run score export --last -o "$T_DIR/p3.json" --student alice --passphrase-file /nonexistent
expect_status 66 "an unreadable passphrase file"
grep -q deriving "$err" && fail "no derivation without a passphrase" || ok "nothing derived without a passphrase"
finish
