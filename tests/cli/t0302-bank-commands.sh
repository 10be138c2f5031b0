#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# bank import reports +added ~changed -retired; list, show (counts by kind
# and tag), rm (asks, or --yes), and usage errors.
. "$(dirname "$0")/lib.sh"

BANKS="$RECITE_TEST_DATA/banks"

run bank list
expect_status 0 "list on an empty database"
expect_out '^no banks' "list says there are none"

run bank import "$BANKS/kinds.bank"
expect_status 0 "import kinds"
expect_out 'kinds\.bank: \+17 ~0 -0 \(0 unchanged, 44 new cards\), new bank' "import counts facts and cards"

# Reword one fact, drop one, add one.
sed -e 's/^ask: Which article says/ask: Which treaty article says/' \
    -e '/^cloze capital$/,$d' "$BANKS/kinds.bank" >"$T_DIR/edited.bank"
printf '\nacronym NAC\nlong: North Atlantic Council\n' >>"$T_DIR/edited.bank"
run bank import "$T_DIR/edited.bank"
expect_status 0 "import the edited bank"
expect_out 'edited\.bank: \+1 ~1 -1 \(15 unchanged, 3 new cards\)$' "edit reports +1 ~1 -1"

run bank list
expect_out '^kinds +17 +46  1\.0 +Every kind of fact \| with' "list shows facts, cards, version, title"

run bank show kinds
expect_status 0 "show kinds"
expect_out '^facts: 17 \(1 retired\)$' "show counts live and retired facts"
expect_out '^cards: 46 \(1 suspended\)$' "show counts cards and suspended ones"
expect_out '^  acronym +5$' "show counts acronyms"
expect_out '^  event +5$' "show counts events"
expect_out '^  set +3$' "show counts sets"
expect_out '^  question +3$' "show counts questions"
expect_out '^  cloze +1$' "show counts clozes"
expect_out '^  history +8$' "show counts a tag"
expect_out '^  \(untagged\) +2$' "show counts untagged facts"
expect_out '^hash: blake2b-256:[0-9a-f]{64}$' "show prints the content hash"
expect_out '^  doc  An invented reference text$' "show lists sources"

run bank show kinds --json
expect_status 0 "show --json"
expect_out '^  "facts": 17,$' "show --json counts live facts"
expect_out '^    "cloze": 1$' "show --json counts by kind"
expect_out '^    "history": 8,?$' "show --json counts by tag"
run bank list --json
expect_out '^    "id": "kinds",$' "list --json names the bank"
expect_out '^    "cards": 46,$' "list --json counts cards"

run bank show nosuch
expect_status 66 "show of an unknown bank"
expect_err "no bank 'nosuch'" "the unknown bank is named"

run_in "n\n" bank rm kinds
expect_status 1 "rm declined"
expect_err "remove bank 'kinds' \(18 facts\) with all its cards and review history\? \[y/N\]" "rm asks first"
run bank list
expect_out '^kinds ' "a declined rm keeps the bank"
run bank rm kinds --yes
expect_status 0 "rm --yes"
expect_out '^removed bank kinds$' "rm says what it removed"
run bank list
expect_out '^no banks' "the bank is gone"
run bank export kinds
expect_status 66 "export of a removed bank"

run bank
expect_status 64 "bank without an action"
run bank frob
expect_status 64 "unknown action"
run bank export
expect_status 64 "export without an id"
run bank --help
expect_status 0 "bank --help"
expect_out '^usage: recite bank import FILE' "help shows the synopsis"

finish
