#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SIGTERM and SIGHUP end a session cleanly: the answers given so far are
# kept, the summary is printed, the session is closed, the exit status is 0.
. "$(dirname "$0")/lib.sh"
export RECITE_BANKS_DIR="$RECITE_TEST_DATA/review" RECITE_NOW=2026-11-23T10:00:00Z TZ=UTC
for sig in TERM HUP; do
    export RECITE_DB="$T_DIR/$sig.db"
    fifo="$T_DIR/in.$sig"
    mkfifo "$fifo"
    "$RECITE_BIN" review --seed 1 --new 3 <"$fifo" >"$T_DIR/out.$sig" 2>"$T_DIR/err.$sig" &
    pid=$!
    exec 9>"$fifo"
    printf 'euro atlantic partnership council\n\n' >&9
    for _ in $(seq 100); do
        grep -q 'What does PfP stand for' "$T_DIR/out.$sig" 2>/dev/null && break
        sleep 0.05
    done
    kill -"$sig" "$pid"
    wait "$pid"
    status=$?
    exec 9>&-
    out="$T_DIR/out.$sig" err="$T_DIR/err.$sig"
    expect_status 0 "SIG$sig ends the session with status 0"
    expect_out 'session over: 1 reviewed' "SIG$sig prints the summary"
    [ "$(sqlite3 "$RECITE_DB" 'select count(*) from review')" = 1 ] && ok "the answer before SIG$sig is kept" \
        || fail "reviews after SIG$sig: $(sqlite3 "$RECITE_DB" 'select count(*) from review')"
    [ "$(sqlite3 "$RECITE_DB" 'select count(*) from session where ended is not null')" = 1 ] \
        && ok "the session is closed after SIG$sig" || fail "session not closed after SIG$sig"
done
finish
