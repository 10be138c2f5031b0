# SPDX-License-Identifier: GPL-3.0-or-later
# Shared helpers for the end-to-end tests: each test sources this file, gets
# a private temporary HOME and database, runs the built binary and checks
# its exit status, stdout and stderr.
set -u
: "${RECITE_BIN:?run through ctest, or set RECITE_BIN}"
: "${RECITE_SOURCE_DIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${RECITE_TEST_DATA:=$RECITE_SOURCE_DIR/tests/data}"

T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/recite-test.XXXXXX")
trap 'rm -rf "$T_DIR"' EXIT
export HOME="$T_DIR/home" XDG_DATA_HOME="$T_DIR/home/.local/share" \
    XDG_STATE_HOME="$T_DIR/home/.local/state" RECITE_DB="$T_DIR/recite.db"
export NO_COLOR=1 LC_ALL=C.UTF-8
unset RECITE_NOW
mkdir -p "$HOME"

# RECITE_WRAPPER (e.g. "valgrind --error-exitcode=99"): every run of the
# binary goes through it; `make memcheck` sets it.
if [ -n "${RECITE_WRAPPER:-}" ]; then
    printf '#!/bin/sh\nexec %s %s "$@"\n' "$RECITE_WRAPPER" "$RECITE_BIN" >"$T_DIR/recite-wrapped"
    chmod +x "$T_DIR/recite-wrapped"
    RECITE_BIN=$T_DIR/recite-wrapped
fi

T_FAILED=0
T_COUNT=0

# run ARGS...: runs recite, leaving $status, $out (stdout file), $err (stderr file).
run() {
    out="$T_DIR/stdout" err="$T_DIR/stderr"
    "$RECITE_BIN" "$@" >"$out" 2>"$err" </dev/null
    status=$?
}

# run_in INPUT ARGS...: the same, with INPUT on standard input.
run_in() {
    local input=$1
    shift
    out="$T_DIR/stdout" err="$T_DIR/stderr"
    printf '%s' "$input" | "$RECITE_BIN" "$@" >"$out" 2>"$err"
    status=$?
}

fail() {
    T_FAILED=$((T_FAILED + 1))
    echo "FAIL: $*"
    echo "--- stdout"; sed -n '1,40p' "$out" 2>/dev/null
    echo "--- stderr"; sed -n '1,40p' "$err" 2>/dev/null
}

ok() { T_COUNT=$((T_COUNT + 1)); echo "ok: $*"; }

expect_status() {
    if [ "$status" -eq "$1" ]; then ok "${2:-exit $1}"; else fail "${2:-} expected exit $1, got $status"; fi
}

# expect_out REGEX [what], expect_err REGEX [what]: grep -E on the captured stream.
expect_out() {
    if grep -Eq -- "$1" "$out"; then ok "${2:-stdout has $1}"; else fail "${2:-} stdout lacks /$1/"; fi
}
expect_err() {
    if grep -Eq -- "$1" "$err"; then ok "${2:-stderr has $1}"; else fail "${2:-} stderr lacks /$1/"; fi
}
expect_no_out() {
    if grep -Eq -- "$1" "$out"; then fail "${2:-} stdout has /$1/"; else ok "${2:-stdout lacks $1}"; fi
}

# expect_golden FILE: stdout equals the golden file byte for byte.
expect_golden() {
    if diff -u "$1" "$out" >"$T_DIR/diff"; then ok "stdout matches $(basename "$1")"
    else fail "stdout differs from $1"; cat "$T_DIR/diff"; fi
}

finish() {
    echo "$T_COUNT passed, $T_FAILED failed"
    [ "$T_FAILED" -eq 0 ]
    exit $?
}
