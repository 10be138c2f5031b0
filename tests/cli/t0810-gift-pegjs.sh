#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Our GIFT exports parse with gift-pegjs 1.0.2, the reference parser of
# docs/formats.md: every GIFT fixture imported and exported again, the test
# bank of every kind of fact, and the NATO bank when the tree has it. Skips
# (77) without node or gift-pegjs; install it with
#   npm install --prefix .npm-tools gift-pegjs@1.0.2
. "$(dirname "$0")/lib.sh"

command -v node >/dev/null 2>&1 || { echo "skip: node not found"; exit 77; }
export NODE_PATH="$RECITE_SOURCE_DIR/.npm-tools/node_modules${NODE_PATH:+:$NODE_PATH}"
# The reference parser comes from the npm registry into a git-ignored folder.
if ! node -e 'require("gift-pegjs")' 2>/dev/null && command -v npm >/dev/null 2>&1; then
    timeout 180 npm install --silent --no-audit --no-fund --prefix "$RECITE_SOURCE_DIR/.npm-tools" \
        gift-pegjs@1.0.2 >/dev/null 2>&1 || echo "note: npm could not install gift-pegjs"
fi
node -e 'require("gift-pegjs")' 2>/dev/null || { echo "skip: gift-pegjs not installed"; exit 77; }
CHECK="$(dirname "$0")/gift-pegjs-check.js"

# export_check ID: exports bank ID as GIFT and has gift-pegjs parse it.
export_check() {
    run bank export "$1" --format gift -o "$T_DIR/$1.gift"
    expect_status 0 "export $1 as GIFT"
    local n
    n=$(sed -n 's/^recite: \([0-9]*\) questions written as gift.*/\1/p' "$err")
    if node "$CHECK" "$T_DIR/$1.gift" "$n" >"$T_DIR/check" 2>&1; then
        ok "gift-pegjs reads all $n questions of $1: $(cat "$T_DIR/check")"
    else
        fail "gift-pegjs on $1: $(cat "$T_DIR/check")"
    fi
}

GIFT="$RECITE_TEST_DATA/formats/gift"
for f in "$GIFT"/0*.gift "$GIFT"/1[0-3]*.gift "$GIFT"/moodle/*.txt; do
    id=$(basename "$f"); id=${id%%.*}
    run bank import --format gift "$f"
    expect_status 0 "import $(basename "$f")"
    export_check "$id"
done

run bank import "$RECITE_TEST_DATA/banks/kinds.bank"
expect_status 0 "import kinds.bank"
export_check kinds

if [ -f "$RECITE_SOURCE_DIR/banks/nato.bank" ]; then
    run bank import "$RECITE_SOURCE_DIR/banks/nato.bank"
    expect_status 0 "import nato.bank"
    export_check nato
else
    echo "note: banks/nato.bank not in this tree; NATO export not checked here"
fi

finish
