#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Full disk and read-only database: the database lives on a small tmpfs that
# the test fills up, then remounts read-only; the database file is also made
# immutable. Each write must fail with a clear message and exit 74 (EX_IOERR),
# and nothing committed may be lost or corrupted. Mounting needs root (CI runs
# as root); an ordinary user gets it in a user namespace where the kernel
# allows one (unshare -rm); elsewhere the test is skipped.
if [ "$(id -u)" != 0 ] && [ -z "${RECITE_T1001_NS:-}" ] && unshare -rm true 2>/dev/null; then
    RECITE_T1001_NS=1 exec unshare -rm bash "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"
export RECITE_BANKS_DIR="$RECITE_TEST_DATA/review" RECITE_NOW=2026-11-23T10:00:00Z TZ=UTC
mnt="$T_DIR/mnt"
mkdir -p "$mnt"
if ! mount -t tmpfs -o size=1m recite-test "$mnt" 2>/dev/null; then
    echo "skip: cannot mount a small tmpfs here (needs root)"
    exit 77
fi
cleanup() {
    chattr -i "$mnt/recite.db" 2>/dev/null
    umount "$mnt" 2>/dev/null
    rm -rf "$T_DIR"
}
trap cleanup EXIT
export RECITE_DB="$mnt/recite.db"
q() { sqlite3 "$RECITE_DB" "$1"; }
acked=0
# session PREFIX COUNT: a scripted review; adds the acknowledged answers to $acked.
session() {
    out="$T_DIR/stdout" err="$T_DIR/stderr"
    (for n in $(seq "$2"); do printf '%s%d\n\n' "$1" "$n"; done) |
        "$RECITE_BIN" review --new 100 >"$out" 2>"$err"
    status=$?
    local a
    a=$(awk -v p="$1" 'index($0, "> " p) == 1 { a = substr($0, 3); next }
                       /^  .*1 Again.*4 Easy/ { if (a != "") print a; a = "" }' "$out")
    for a in $a; do
        acked=$((acked + 1))
        [ "$(q "select count(*) from review where answer = '$a'")" = 1 ] || fail "answer $a was lost"
    done
}
intact() {
    [ "$(q 'pragma integrity_check')" = ok ] && ok "$1: integrity_check says ok" || fail "$1: integrity check failed"
    [ "$(q 'select count(*) from review')" = "$acked" ] && ok "$1: all $acked acknowledged answers stored" ||
        fail "$1: $(q 'select count(*) from review') reviews stored, $acked acknowledged"
}
fill() { # fill FREE_KB: leaves about FREE_KB free on the tmpfs
    rm -f "$mnt/filler"
    local avail
    avail=$(df -k --output=avail "$mnt" | tail -1)
    [ "$avail" -gt "$1" ] && dd if=/dev/zero of="$mnt/filler" bs=1k count=$((avail - $1)) 2>/dev/null
    [ "$1" = 0 ] && cat /dev/zero >>"$mnt/filler" 2>/dev/null
}

session ok 6
expect_status 0 "a session on the small file system"
# The write-ahead log is checkpointed into the database when the last
# connection closes; here it must have been (a 1 MB disk has room for it).
[ ! -e "$RECITE_DB-wal" ] && ok "the session left no write-ahead log" || fail "the write-ahead log was left behind"
[ "$acked" -gt 0 ] && ok "answers were acknowledged ($acked)" || fail "no answer acknowledged"

# An import larger than the file system.
big="$T_DIR/big.bank"
{
    printf 'bank big\ntitle: A bank larger than the disk\nversion: 1\nlanguage: en\n'
    for i in $(seq 3000); do printf '\nacronym AC%d\nlong: Generated Acronym Number %d\n' "$i" "$i"; done
} >"$big"
run bank import "$big"
expect_status 74 "an import that fills the disk exits 74"
expect_err 'database or disk is full' "the import says the disk is full"
[ "$(q "select count(*) from bank where slug = 'big'")" = 0 ] && ok "nothing of the failed import is stored" ||
    fail "part of the failed import is stored"
intact "after the failed import"

# A session on a full disk.
fill 0
session full 4
expect_status 74 "a session on a full disk exits 74"
expect_err 'database or disk is full' "the session says the disk is full"
if grep -q 'not a recite database' "$err"; then fail "a full disk is reported as a foreign file"; else ok "a full disk is not blamed on the file"; fi
# The disk fills up during a session: what was acknowledged stays.
fill 80
session mid 60
[ "$status" = 0 ] || [ "$status" = 74 ] && ok "a session that runs out of disk exits 0 or 74 ($status)" ||
    fail "a session that runs out of disk exits $status"
[ "$status" = 0 ] || expect_err 'database or disk is full' "the session says the disk is full"
rm -f "$mnt/filler"
intact "after the disk filled up"
session after 3
expect_status 0 "a session works again once space is freed"
intact "after space was freed"

# A read-only file system.
before=$(q 'select count(*) from review')
if mount -o remount,ro "$mnt" 2>/dev/null; then
    session ro 3
    expect_status 74 "a session on a read-only file system exits 74"
    expect_err "Read-only file system|readonly database" "the error says the database cannot be written"
    run bank import "$RECITE_TEST_DATA/banks/sample.bank"
    expect_status 74 "an import on a read-only file system exits 74"
    mount -o remount,rw "$mnt"
    [ "$(q 'select count(*) from review')" = "$before" ] && ok "nothing changed on the read-only file system" ||
        fail "the database changed while read-only"
    intact "after the read-only file system"
else
    echo "note: the tmpfs cannot be remounted read-only here; that part is skipped"
fi

# An immutable database file (root ignores file modes, not the immutable flag).
if chattr +i "$RECITE_DB" 2>/dev/null; then
    # A session writes nothing before its first answer: answer (a letter for a
    # choice card, yes for a yes/no card asked again, a wrong word when typed).
    run_in $'a\nyes\n\n' review --new 100
    expect_status 74 "a session on an immutable database exits 74 at its first answer"
    expect_err 'readonly database' "the error says the database is read-only"
    run bank import "$RECITE_TEST_DATA/banks/sample.bank"
    expect_status 74 "an import into an immutable database exits 74"
    expect_err 'readonly database' "the import says the database is read-only"
    chattr -i "$RECITE_DB"
    intact "after the immutable file"
else
    echo "note: chattr +i is not supported here; the immutable-file part is skipped"
fi
finish
