#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A choice card asked typed (--mode typed) reads as a typed question ("What
# happened on 6 May 1955?", not "Which of these happened ...?" with no
# options shown): the quiz's table, the stored session and the signed score
# file record the question as the student read it.
. "$(dirname "$0")/lib.sh"
export RECITE_NOW=2026-11-23T10:00:00Z TZ=UTC
cd "$T_DIR" || exit 1

run key gen --no-password
expect_status 0 "a key is made"
# Seed 7 draws four cards of the bundled bank; the fourth is a when-what choice card.
run_in $'IP4\n?\n1997\nWest Germany joined NATO\n' quiz nato --count 4 --seed 7 --mode typed \
    --sign --student ana -o "$T_DIR/typed.json"
expect_status 0 "the typed quiz signs"
expect_out '^\[4/4\] What happened on 6 May 1955\?' "the choice card is asked as a typed question"
expect_out '^4 +100% What happened on' "the table shows the question as asked"
if grep -q 'Which of these happened' "$out"; then
    fail "the table shows the choice card's prompt"
else
    ok "the table never shows a prompt the student did not read"
fi
grep -qF '"prompt": "What happened on 6 May 1955?"' "$T_DIR/typed.json" &&
    ! grep -q 'Which of these happened' "$T_DIR/typed.json" &&
    ok "the signed score file records the question as asked" ||
    fail "score file prompts: $(grep '"prompt"' "$T_DIR/typed.json")"
[ "$(sqlite3 "$RECITE_DB" "select prompt from session_item where seq = 3")" = \
    "What happened on 6 May 1955?" ] && ok "the stored session records it too" ||
    fail "stored prompt: $(sqlite3 "$RECITE_DB" "select prompt from session_item")"
finish
