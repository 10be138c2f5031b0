#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The FSRS scheduler against ts-fsrs 5.4.2: fsrs-replay replays every history
# of the reference vectors and fsrs-compare checks every field of every card
# (due, state, reps, lapses, elapsed and scheduled days, step exactly;
# stability and difficulty within 1e-8). vectors-random.jsonl was made by
# bench/fsrs-gen.mjs over ts-fsrs with random weights, steps and fuzz on.
. "$(dirname "$0")/lib.sh"

bench_dir="${RECITE_BUILD_DIR:-$RECITE_SOURCE_DIR/build}/bench"
replay="$bench_dir/fsrs-replay"
compare="$bench_dir/fsrs-compare"
if [ ! -x "$replay" ] || [ ! -x "$compare" ]; then
    echo "skip: fsrs-replay not built (RECITE_BUILD_BENCH=OFF)"
    exit 77
fi

# check FILE COUNT: replays FILE and expects "COUNT passed, 0 failed".
check() {
    local vectors="$RECITE_TEST_DATA/fsrs/$1"
    out="$T_DIR/$1.out" err="$T_DIR/stderr"
    "$replay" <"$vectors" >"$out" 2>"$err"
    status=$?
    expect_status 0 "fsrs-replay reads $1"
    "$compare" "$vectors" "$out" >"$T_DIR/result" 2>"$err"
    status=$?
    echo "$1: $(cat "$T_DIR/result")"
    out="$T_DIR/result"
    expect_status 0 "fsrs-compare accepts the replay of $1"
    expect_out "^$2 passed, 0 failed\$" "$1: $2 passed, 0 failed"
}

check vectors-public.jsonl 300
check vectors-public-extended.jsonl 200
check vectors-random.jsonl 300

# The comparison can fail: one changed interval is reported.
sed '1s/"scheduled_days":2,/"scheduled_days":3,/' "$RECITE_TEST_DATA/fsrs/vectors-public.jsonl" \
    >"$T_DIR/tampered.jsonl"
out="$T_DIR/result" err="$T_DIR/stderr"
"$compare" "$T_DIR/tampered.jsonl" "$T_DIR/vectors-public.jsonl.out" >"$out" 2>"$err"
status=$?
expect_status 1 "a tampered vector fails"
expect_out '^299 passed, 1 failed$' "exactly the tampered history fails"
expect_err '^s1-000: review 1: scheduled_days expected 3, got 2$' "the mismatch is named"

# Bad input is refused with a line number.
out="$T_DIR/stdout"
printf '{"id":"x","start_ms":0,"reviews":[{"review_ms":0,"rating":9}]}\n' |
    "$replay" >"$out" 2>"$err"
status=$?
expect_status 65 "a rating out of range is bad input"
expect_err '^fsrs-replay: line 1: ' "the bad line is named"

finish
