#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Invisible characters from a bank (Unicode format characters: zero-width
# space, byte order mark, tags, bidirectional controls) never reach the
# terminal: displays drop them, and JSON outputs write them as \u escapes
# that still decode to the bank's text.
. "$(dirname "$0")/lib.sh"
need_tools jq
export RECITE_BANKS_DIR="$T_DIR/no-bundled-banks"

# U+202E, U+200B, U+FEFF, U+E0041 (a tag), U+2066 and U+2069, U+061C, U+200E.
HIDDEN=$'\xe2\x80\xae|\xe2\x80\x8b|\xef\xbb\xbf|\xf3\xa0\x81\x81|\xe2\x81\xa6|\xe2\x81\xa9|\xd8\x9c|\xe2\x80\x8e'
no_hidden() {
    if LC_ALL=C grep -Eq "$HIDDEN" "$out"; then fail "$1: a format character is in the output"
    else ok "$1: no format characters"; fi
}
printf 'bank inv\ntitle: Hidden\xe2\x80\xae txt\nversion: 1\nlanguage: en\n\nquestion q1\nask: Which\xe2\x80\x8b article\xef\xbb\xbf says\xf3\xa0\x81\x81 \xe2\x81\xa6all\xe2\x81\xa9 \xd8\x9cfor \xe2\x80\x8eone?\nanswer: Article 5 | 5\ntags: tag\n' \
    >"$T_DIR/inv.bank"
run bank import "$T_DIR/inv.bank"
expect_status 0 "a bank with invisible characters imports"

run bank preview inv
expect_status 0 "preview"
no_hidden "bank preview"
expect_out "^Which article says all for one\?$" "the visible text is kept"
run bank show inv
no_hidden "bank show"
expect_out "Hidden txt" "bank show keeps the title's text"
run bank list
no_hidden "bank list"
run_in $'Article 5\n' quiz inv --count 1 --seed 1
expect_status 0 "a quiz"
no_hidden "quiz"
expect_out "Which article says all for one\?" "the quiz asks the question"

# bank export writes the bank's own bytes to a file or a pipe, and shows a terminal clean text.
run bank export inv
expect_status 0 "bank export to a pipe"
LC_ALL=C grep -q $'\xe2\x80\xae' "$out" && ok "a pipe gets the bank's bytes" || fail "bank export lost bytes"
if command -v script >/dev/null; then
    script -qc "'$RECITE_BIN' bank export inv" /dev/null >"$out" 2>&1
    no_hidden "bank export on a terminal"
    expect_out "Which article says all for one\?" "the terminal still gets the text"
fi

run bank list --json
no_hidden "bank list --json"
expect_out '"title": "Hidden\\u202e txt"' "json: a bidi control is an escape"
[ "$(jq -r '.[] | select(.id == "inv") | .title' "$out")" = $'Hidden\u202e txt' ] &&
    ok "json: the escape decodes to the bank's title" || fail "json title: $(jq -r '.[].title' "$out")"
run bank preview inv --json
no_hidden "bank preview --json"
expect_out '"prompt": "Which\\u200b article\\ufeff says\\udb40\\udc41 \\u2066all\\u2069 \\u061cfor \\u200eone\?"' \
    "json: zero-width, BOM, tag and bidi characters are escapes"
jq -e '.[0].prompt | test("\u200b")' "$out" >/dev/null && ok "json: valid, and decodes" || fail "json does not decode"
finish
