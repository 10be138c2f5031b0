#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t0410 against fsrs-rs run now rather than its stored numbers: makes the
# reference with bench/fsrs-fit-reference.sh (node and the npm package
# @open-spaced-repetition/binding 0.5.0, installed into the git-ignored
# .npm-tools when npm can reach the registry) and runs t0410's checks on it.
# Skips (77) without node or the package.
. "$(dirname "$0")/lib.sh"

bench_dir="${RECITE_BUILD_DIR:-$RECITE_SOURCE_DIR/build}/bench"
[ -x "$bench_dir/fsrs-sim" ] || { echo "skip: fsrs-sim not built"; exit 77; }
command -v node >/dev/null 2>&1 || { echo "skip: node not found"; exit 77; }
command -v jq >/dev/null 2>&1 || { echo "skip: jq not installed"; exit 77; }
export NODE_PATH="$RECITE_SOURCE_DIR/.npm-tools/node_modules:$RECITE_SOURCE_DIR/bench/node_modules${NODE_PATH:+:$NODE_PATH}"
have() { node -e 'require("@open-spaced-repetition/binding")' 2>/dev/null; }
if ! have && command -v npm >/dev/null 2>&1; then
    timeout 180 npm install --silent --no-audit --no-fund --prefix "$RECITE_SOURCE_DIR/.npm-tools" \
        @open-spaced-repetition/binding@0.5.0 >/dev/null 2>&1 ||
        echo "note: npm could not install @open-spaced-repetition/binding"
fi
have || { echo "skip: @open-spaced-repetition/binding not installed"; exit 77; }

out="$T_DIR/reference.jsonl" err="$T_DIR/stderr"
sh "$RECITE_SOURCE_DIR/bench/fsrs-fit-reference.sh" "${RECITE_BUILD_DIR:-$RECITE_SOURCE_DIR/build}" \
    >"$out" 2>"$err"
status=$?
expect_status 0 "fsrs-rs evaluated and fitted the simulated logs"
RECITE_FIT_REFERENCE="$out" bash "$RECITE_SOURCE_DIR/tests/cli/t0410-fsrs-fit.sh"
status=$?
expect_status 0 "recite agrees with fsrs-rs run now"
finish
