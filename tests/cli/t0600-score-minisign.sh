#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Interoperability with the real minisign: minisign verifies recite's score
# files, recite verifies minisign's signatures, and recite signs with keys
# made by minisign, unencrypted (-W) and encrypted (password on stdin).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/score-lib.sh"
need_tools minisign sqlite3

export RECITE_NOW=2026-11-24T12:00:00Z
HASH=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
seed_session "$RECITE_DB" nato "$HASH" 1 0.5 || fail "cannot seed the database"
KEYS=$(dirname "$RECITE_DB")/keys
SUMMARY=$(printf 'recite-score\tbank=nato@2026.11\tstudent=alice\tscore=1.5/2\tanswered=2\tfinished=2026-11-24T10:05:00.000Z')

# --- a recite key, unencrypted ---
run key gen --no-password
expect_status 0 "key gen --no-password"
expect_out '^public key: RW[QRST][A-Za-z0-9+/]{53}$' "key gen shows the one-line public key"
[ "$(stat -c %a "$KEYS")" = 700 ] && ok "key directory is 0700" || fail "key directory mode"
[ "$(stat -c %a "$KEYS/recite.key")" = 600 ] && ok "secret key is 0600" || fail "secret key mode"
PUB=$(sed -n 2p "$KEYS/recite.pub")
run key show
expect_out_line "public key: $PUB" "key show prints the .pub key"
expect_out '^key id: [0-9A-F]{16}$' "key show prints a 16-digit key id"
run key gen --no-password
expect_status 73 "an existing key is not overwritten"
expect_err "use --force" "the refusal names --force"

run score export --last -o "$T_DIR/s.json" --student alice
expect_status 0 "score export"
expect_out "^wrote $T_DIR/s.json and $T_DIR/s.json.minisig\$" "export names both files"
if minisign -H -Vm "$T_DIR/s.json" -P "$PUB" >"$T_DIR/mv" 2>&1; then
    ok "minisign -H verifies recite's score file"
else
    fail "minisign rejects recite's score file"; cat "$T_DIR/mv"
fi
grep -qxF "Trusted comment: $SUMMARY" "$T_DIR/mv" && ok "minisign shows the summary" ||
    fail "minisign shows another trusted comment: $(cat "$T_DIR/mv")"
run score verify "$T_DIR/s.json" --pubkey "$PUB"
expect_status 0 "recite verifies its own score file"
expect_out "s.json +alice +[0-9A-F]{16} +nato@2026.11 +1 +1.5/2 +2 +valid\$" "the table row is right"
run score verify "$T_DIR/s.json" --pubkey "$KEYS/recite.pub"
expect_status 0 "--pubkey also takes a .pub file"

# minisign signs a file with recite's (unencrypted) secret key.
printf 'bank x\n' >"$T_DIR/b.bank"
if minisign -S -s "$KEYS/recite.key" -m "$T_DIR/b.bank" </dev/null >/dev/null 2>&1 &&
    minisign -Vm "$T_DIR/b.bank" -P "$PUB" >/dev/null 2>&1; then
    ok "minisign signs with recite's unencrypted secret key"
else
    fail "minisign cannot use recite's secret key"
fi

# --- keys made by minisign -G -W, imported ---
minisign -G -W -p "$T_DIR/mw.pub" -s "$T_DIR/mw.key" >/dev/null 2>&1 || fail "minisign -G -W"
MWPUB=$(sed -n 2p "$T_DIR/mw.pub")
run key import "$T_DIR/mw.key"
expect_status 73 "import does not replace a key without --force"
run key import "$T_DIR/mw.key" --force
expect_status 0 "key import of a minisign -W key"
expect_out_line "public key: $MWPUB" "the imported key is minisign's"
run score export --last -o "$T_DIR/w.json" --student alice
expect_status 0 "export signed with the minisign -W key"
minisign -H -Vm "$T_DIR/w.json" -p "$T_DIR/mw.pub" >/dev/null 2>&1 &&
    ok "minisign verifies a score signed with its own -W key" || fail "minisign -V (w.json)"

# recite verifies signatures that minisign made over the score file.
cp "$T_DIR/w.json" "$T_DIR/m.json"
minisign -S -s "$T_DIR/mw.key" -m "$T_DIR/m.json" -t "$SUMMARY" </dev/null >/dev/null 2>&1
run score verify "$T_DIR/m.json" --pubkey "$MWPUB"
expect_status 0 "recite accepts minisign's prehashed signature"
cmp -s "$T_DIR/m.json.minisig" "$T_DIR/w.json.minisig" &&
    ok "recite's signature is byte-identical to minisign's for the same key and comment" ||
    fail "recite's and minisign's signatures differ"
minisign -S -l -s "$T_DIR/mw.key" -m "$T_DIR/m.json" -t "$SUMMARY" </dev/null >/dev/null 2>&1
run score verify "$T_DIR/m.json" --pubkey "$MWPUB"
expect_status 1 "a legacy signature is refused for a score file"
expect_out "unsupported-algorithm" "the reason is the algorithm (as minisign -H)"
minisign -S -s "$T_DIR/mw.key" -m "$T_DIR/m.json" -t "edited" </dev/null >/dev/null 2>&1
run score verify "$T_DIR/m.json" --pubkey "$MWPUB" --format csv
expect_status 1 "a minisign signature with another comment is refused"
expect_out "^$T_DIR/m.json,summary-mismatch," "the reason is the summary"
sed -i 's/"credit": 0.5/"credit": 1.0/' "$T_DIR/w.json"
run score verify "$T_DIR/w.json" --pubkey "$MWPUB" --format csv
expect_status 1 "a raised score is refused"
expect_out ",bad-signature," "the reason is the signature"
minisign -Vm "$T_DIR/w.json" -P "$MWPUB" >/dev/null 2>&1 && fail "minisign accepts the edit" ||
    ok "minisign refuses the same edit"

# --- an encrypted key made by minisign (scrypt, 1 GiB: a few seconds) ---
printf 'pw\npw\n' | minisign -G -p "$T_DIR/me.pub" -s "$T_DIR/me.key" >/dev/null 2>&1 ||
    fail "minisign -G with a password"
MEPUB=$(sed -n 2p "$T_DIR/me.pub")
run_in $'wrong\n' key import "$T_DIR/me.key" --force
expect_status 1 "a wrong passphrase is refused"
expect_err "wrong passphrase" "the refusal says so"
run_in $'pw\n' key import "$T_DIR/me.key" --force --fast-kdf
expect_status 0 "key import of an encrypted minisign key, passphrase on stdin"
expect_out_line "public key: $MEPUB" "the imported key is minisign's"
printf 'pw\n' >"$T_DIR/pwfile"
run score export --last -o "$T_DIR/e.json" --student alice --passphrase-file "$T_DIR/pwfile"
expect_status 0 "export with the encrypted key, passphrase from a file"
minisign -H -Vm "$T_DIR/e.json" -p "$T_DIR/me.pub" >/dev/null 2>&1 &&
    ok "minisign verifies a score signed with its encrypted key" || fail "minisign -V (e.json)"
# minisign loads the key as recite re-encrypted it.
echo pw | minisign -S -s "$KEYS/recite.key" -m "$T_DIR/b.bank" >/dev/null 2>&1 &&
    minisign -Vm "$T_DIR/b.bank" -P "$MEPUB" >/dev/null 2>&1 &&
    ok "minisign signs with recite's encrypted secret key" || fail "minisign -S with recite's key"

# --- a recite key with a passphrase ---
run key gen --force --fast-kdf --passphrase-file "$T_DIR/pwfile"
expect_status 0 "key gen with a passphrase"
head -c 200 "$KEYS/recite.key" | grep -q 'RWRTY0Iy' && ok "the secret key is encrypted (Ed Sc B2)" ||
    fail "the secret key is not encrypted"
run_in $'pw\n' score export --last -o "$T_DIR/p.json" --student alice
expect_status 0 "export reads the passphrase from stdin"
minisign -H -Vm "$T_DIR/p.json" -p "$KEYS/recite.pub" >/dev/null 2>&1 &&
    ok "minisign verifies it" || fail "minisign -V (p.json)"
run_in $'nope\n' score export --last -o "$T_DIR/q.json" --student alice
expect_status 1 "export with a wrong passphrase fails"
[ ! -e "$T_DIR/q.json" ] && ok "and writes nothing" || fail "q.json was written"

run key gen --force
expect_status 64 "an empty passphrase (stdin at end of file) is refused"
expect_err "use --no-password" "the refusal points at --no-password"
run score export --last -o "$T_DIR/x.json" --passphrase-file "$T_DIR/pwfile" --student $'al\xffice'
expect_status 64 "a student name that is not UTF-8 is refused"

# --- trusting an instructor key ---
run key trust "$MWPUB" "instructor"
expect_status 0 "key trust"
expect_out "^trusted key [0-9A-F]{16}\$" "key trust names the key id"
run key trust "RWQnotakey"
expect_status 65 "a malformed key is refused"

finish
