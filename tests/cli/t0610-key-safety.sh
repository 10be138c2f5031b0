#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Keys under attack: a second trusted key with the same key id is refused;
# a key pair is written whole (key gen --force never leaves a mismatched
# pair); secret key files and directories open to others are refused; the
# clock of the tests (RECITE_NOW) does not weaken scrypt for new keys;
# Ctrl-C at a passphrase prompt puts echo back; a process holding a
# decrypted key cannot dump core.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed; skipped"; exit 77; }
KEYS=$(dirname "$RECITE_DB")/keys
q() { sqlite3 "$RECITE_DB" "$1"; }
printf 'bank b\ntitle: B\n\nacronym PfP\nlong: Partnership for Peace\n' >"$T_DIR/b.bank"

# --- two keys, one key id ---
run key gen --no-password
expect_status 0 "a key pair is made"
pub1=$(sed -n 2p "$KEYS/recite.pub")
cp "$KEYS/recite.pub" "$T_DIR/first.pub"
run key gen --no-password --force
pub2=$(sed -n 2p "$KEYS/recite.pub")
# The first key's algorithm and key id with the second key's Ed25519 key: another key, same id.
twin=$({ printf '%s' "$pub1" | base64 -d | head -c 10; printf '%s' "$pub2" | base64 -d | tail -c 32; } | base64 -w0)
run key trust "$pub1" instructor
expect_status 0 "the instructor key is trusted"
run key trust "$twin" impostor
expect_status 73 "a second key with the same key id is refused"
expect_err "already trusted for another key" "the refusal says why"
grep -qF -- "$pub1" "$err" && grep -qF -- "$twin" "$err" && ok "both keys are shown" ||
    fail "the refusal does not show both keys"
[ "$(q 'select pubkey from trusted_key')" = "$pub1" ] && ok "the trusted key is unchanged" ||
    fail "trusted key replaced: $(q 'select pubkey, comment from trusted_key')"
[ "$(q 'select comment from trusted_key')" = instructor ] && ok "and keeps its name" ||
    fail "trusted key renamed"
run key trust "$pub1" "course instructor"
expect_status 0 "trusting the same key again is fine"
[ "$(q 'select comment from trusted_key')" = "course instructor" ] && ok "and renames it" ||
    fail "not renamed"

# --- a key pair is written whole ---
cp "$KEYS/recite.key" "$T_DIR/old.key"
cp "$KEYS/recite.pub" "$T_DIR/old.pub"
rm "$KEYS/recite.pub"
run key gen --no-password
expect_status 73 "key gen refuses while a secret key is there, even without its .pub"
mkdir "$KEYS/recite.pub"
run key gen --no-password --force
expect_status 73 "key gen --force fails when the public key cannot be written"
cmp -s "$KEYS/recite.key" "$T_DIR/old.key" && ok "the old secret key is untouched" ||
    fail "the secret key was replaced without its public key"
[ "$(ls -A "$KEYS" | grep -cv '^recite\.')" = 0 ] && ok "no temporary file is left" ||
    fail "left behind: $(ls -A "$KEYS")"
rmdir "$KEYS/recite.pub"
cp "$T_DIR/old.pub" "$KEYS/recite.pub"
mkdir "$T_DIR/elsewhere"
run key gen --no-password --force
expect_status 0 "key gen --force replaces both files"
pub=$(sed -n 2p "$KEYS/recite.pub")
[ "$pub" != "$(sed -n 2p "$T_DIR/old.pub")" ] && ok "the public key is new" || fail "old public key"
run bank sign "$T_DIR/b.bank"
expect_status 0 "the new secret key signs"
if command -v minisign >/dev/null; then
    minisign -Vm "$T_DIR/b.bank" -P "$pub" >/dev/null 2>&1 && ok "with the new public key" ||
        fail "the pair does not match"
fi
[ "$(stat -c %a "$KEYS/recite.key")" = 600 ] && ok "the secret key is 0600" || fail "secret key mode"

# --- modes of the key file and its directory ---
chmod 644 "$KEYS/recite.key"
run bank sign "$T_DIR/b.bank"
expect_status 65 "a secret key others may read is refused"
expect_err "open to others \\(mode 644\\)" "the refusal gives the mode"
chmod 600 "$KEYS/recite.key"
chmod 777 "$KEYS"
run bank sign "$T_DIR/b.bank"
expect_status 65 "a key directory others may write is refused"
expect_err "writable by others" "the refusal says so"
chmod 755 "$KEYS"
run bank sign "$T_DIR/b.bank"
expect_status 0 "a key directory others may only read is allowed"
expect_err "warning: key directory .* is open to others" "with a warning"
chmod 700 "$KEYS"
run bank sign "$T_DIR/b.bank"
expect_status 0 "mode 0700 signs quietly"
[ -s "$err" ] && fail "unexpected warning: $(cat "$err")" || ok "without a warning"

# --- RECITE_NOW does not weaken scrypt; --fast-kdf does, and says so ---
# kdf_limits: the opslimit and memlimit stored in the secret key (little-endian at 38 and 46).
kdf_limits() {
    sed -n 2p "$KEYS/recite.key" | base64 -d | od -An -t u8 -j 38 -N 16 | awk '{ print $1, $2 }'
}
printf 'pw\n' >"$T_DIR/pwfile"
RECITE_NOW=2026-11-24T12:00:00Z run key gen --force --passphrase-file "$T_DIR/pwfile"
expect_status 0 "key gen with a passphrase under RECITE_NOW"
read -r ops mem <<<"$(kdf_limits)"
[ "$ops" -gt 524288 ] && [ "$mem" -gt 16777216 ] && ok "scrypt keeps minisign's cost ($ops, $mem)" ||
    fail "RECITE_NOW weakened scrypt to $ops, $mem"
run key gen --force --fast-kdf --passphrase-file "$T_DIR/pwfile"
expect_status 0 "key gen --fast-kdf"
expect_err "warning: .*--fast-kdf" "--fast-kdf warns"
[ "$(kdf_limits)" = "524288 16777216" ] && ok "--fast-kdf stores 16 MiB limits" ||
    fail "limits $(kdf_limits)"

# --- a process holding a key: no core dump, not dumpable ---
mkfifo "$T_DIR/pw.fifo"
ulimit -c unlimited 2>/dev/null || ulimit -c "$(ulimit -H -c)"
"$RECITE_BIN" bank sign "$T_DIR/b.bank" <"$T_DIR/pw.fifo" >"$T_DIR/sign.out" 2>&1 &
pid=$!
exec 9>"$T_DIR/pw.fifo"
for _ in $(seq 100); do
    grep -q 'Max core file size *0 *0' "/proc/$pid/limits" 2>/dev/null && break
    sleep 0.05
done
grep -q 'Max core file size *0 *0' "/proc/$pid/limits" && ok "bank sign disables core dumps" ||
    fail "bank sign may dump core: $(grep core "/proc/$pid/limits")"
if [ "$(id -u)" != 0 ]; then
    # A process that is not dumpable has its /proc files owned by root.
    [ "$(stat -c %u "/proc/$pid/status")" = 0 ] && ok "bank sign is not dumpable" ||
        fail "bank sign is dumpable"
fi
printf 'pw\n' >&9
exec 9>&-
wait "$pid"
status=$?
out=$T_DIR/sign.out err=$T_DIR/sign.out
expect_status 0 "the passphrase from the pipe signs"

# --- Ctrl-C at the passphrase prompt puts echo back ---
if command -v python3 >/dev/null; then
    python3 - "$RECITE_BIN" key gen --force >"$T_DIR/pty" 2>&1 <<'EOF'
import fcntl, os, select, subprocess, sys, termios, time
master, slave = os.openpty()
def child():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
proc = subprocess.Popen(sys.argv[1:], stdin=slave, stdout=slave, stderr=slave,
                        preexec_fn=child)
seen, deadline = b"", time.time() + 10
while b"passphrase" not in seen and time.time() < deadline:
    if select.select([master], [], [], 0.1)[0]:
        seen += os.read(master, 1024)
echo = lambda: bool(termios.tcgetattr(slave)[3] & termios.ECHO)
while echo() and time.time() < deadline:
    time.sleep(0.05)
during = echo()
os.write(master, b"\x03")
proc.wait(timeout=10)
print("prompt" if b"passphrase" in seen else "no-prompt",
      "during=%s" % during, "after=%s" % echo(), "exit=%d" % proc.returncode)
EOF
    cat "$T_DIR/pty"
    grep -q '^prompt during=False' "$T_DIR/pty" && ok "echo is off at the prompt" ||
        fail "no prompt with echo off: $(cat "$T_DIR/pty")"
    grep -q 'after=True exit=-2$' "$T_DIR/pty" && ok "Ctrl-C ends it and echo is back on" ||
        fail "after Ctrl-C: $(cat "$T_DIR/pty")"
else
    echo "python3 is not installed; the Ctrl-C check is skipped"
fi
finish
