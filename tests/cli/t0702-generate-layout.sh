#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# recite generate on the regression corpus (tests/data/gen/corpus): lists
# read from numbered and bulleted items, markup left out, and the
# confidence order and --min-confidence.
. "$(dirname "$0")/lib.sh"

C="$RECITE_TEST_DATA/gen/corpus"

run generate "$C/pep-8100.rst" -o "$T_DIR/pep.bank"
expect_status 0 "a draft of a reStructuredText document"
out="$T_DIR/pep.bank"
expect_out '^prompt: candidates$' "the numbered list under 'candidates will be listed here:' is a set"
[ "$(awk '/^prompt: candidates$/{on=1; next} on && /^member: /{n++} on && !/^member: /{on=0} END{print n}' "$out")" -eq 17 ] &&
    ok "all 17 candidates are members" || fail "not 17 candidates"
expect_out '^member: Alyssa \(Nick\) Coghlan$' "a name with a nickname in brackets stays whole"
expect_out '^prompt: top vote-getters$' "the prompt of 'The top five vote-getters are:' is its noun phrase"
expect_no_out 'https?://|<https|`_' "link targets and markup are left out"
expect_no_out '^member: Alex Gaynor$' "the literal block of voters is not read"
run bank lint "$T_DIR/pep.bank"
expect_status 0 "the draft passes bank lint"

# Least confident first: the confidences written never decrease.
awk '/^# (low )?confidence/{match($0, /[0-9]+\.[0-9][0-9]/); c=substr($0, RSTART, RLENGTH) + 0;
     if (c < last) bad=1; last=c} END{exit bad}' "$T_DIR/pep.bank" &&
    ok "the draft is ordered by confidence" || fail "confidences out of order"

run generate "$C/pep-8100.rst" --min-confidence 0.9
expect_status 0 "--min-confidence 0.9"
expect_out '^# [0-9]+ facts? below confidence 0.90 left out$' "the draft says how many were left out"
low=$(grep -c '^# low confidence' "$out")
[ "$low" -eq 0 ] && ok "no low-confidence fact is left" || fail "$low low-confidence facts remain"

# An HTML page (the fuzz seed page): read as a browser shows it, cited by page line.
page="$RECITE_TEST_DATA/fuzz/html/page.html"
run generate "$page" -o "$T_DIR/page.bank"
expect_status 0 "a draft of an HTML page"
out="$T_DIR/page.bank"
expect_out '^long: Australia, New Zealand and United States Security Treaty$' "an acronym in a paragraph with inline tags"
[ "$(grep -A2 -x 'acronym ANZUS' "$out" | grep '^cite:')" = "cite: 000 L$(grep -n '(<abbr>ANZUS' "$page" | cut -d: -f1)" ] &&
    ok "the acronym cites the page line it stands on" || fail "the acronym's citation is not its page line"
expect_out '^what: New Zealand bars nuclear-armed ships from its ports$' "a table row is an event"
expect_out '^long: Rim of the Pacific Exercise$' "a definition list is a glossary"
expect_no_out '<|&[a-z]+;|\[1\]|1999|Copyright' "no tags, entities, footnote marks, script or footer text"
run bank lint "$T_DIR/page.bank"
expect_status 0 "the page's draft passes bank lint"

run generate "$C/pep-8100.rst" --min-confidence lots
expect_status 64 "--min-confidence needs a number"
expect_err "from 0 to 1" "the message says what it takes"
finish
