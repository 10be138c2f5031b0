#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# recite bank preview: every card as a student sees it, replies judged by the
# same judge as review and quiz (a quiz over stdin and the preview agree on
# every reply), bad input refused with a clear error.
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "jq is not installed"; exit 77; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed"; exit 77; }
q() { sqlite3 "$RECITE_DB" "$1"; }

run bank preview nato --json
expect_status 0 "preview of the bundled bank exits 0"
cards=$(jq length "$out")
[ "$cards" -gt 300 ] && ok "every card is listed ($cards)" || fail "only $cards cards"
stored=$(q "select count(*) from card c join fact f on f.id = c.fact_id join bank b on b.id = f.bank_id where b.slug = 'nato' and f.retired = 0")
[ "$cards" = "$stored" ] && ok "as many cards as the bank stores" || fail "$cards previewed, $stored stored"
jq -e 'all(.[]; (.card | type) == "string" and .card == (.fact + "/" + .template)
        and (.kind | IN("typed","choice","truefalse","list","order","flash"))
        and (.prompt | length) > 0 and (.options | type) == "array"
        and (.answers | length) > 0 and .judgements == [])' "$out" >/dev/null \
    && ok "each card has card, fact, template, kind, prompt, options, answers, judgements" \
    || fail "a card lacks a field"
jq -e 'all(.[] | select(.kind == "choice"); (.options | length) >= 2)' "$out" >/dev/null \
    && ok "choice cards show their options" || fail "a choice card without options"

run bank preview nato allies-count/typed --answer "32 members" --answer "about 32" \
    --answer "32 years" --answer "" --json
expect_status 0 "one card with replies"
[ "$(jq -r '.[0].judgements | map(.verdict) | join(",")' "$out")" = "right,almost,wrong,unclear" ] \
    && ok "each reply is judged in order: right, almost, wrong, unclear" \
    || fail "verdicts $(jq -c '.[0].judgements' "$out")"
jq -e '.[0].judgements[0] | .given == "32 members" and .credit == 1 and .rating == 3 and (.feedback | startswith("right"))' \
    "$out" >/dev/null && ok "a judgement has given, credit, rating and feedback" || fail "judgement fields"

run bank preview nato legacy-threats/members --answer "China, South Korea, Russia"
expect_status 0 "the text preview exits 0"
expect_out '^Name the three "legacy threats"' "the card is shown as a student sees it"
expect_out 'partly right: 2 of 3' "South Korea is not North Korea"

run bank preview "$RECITE_SOURCE_DIR/banks/nato.bank" NATO/short-long
expect_status 0 "a bank file is previewed without importing it"
expect_out '^What does NATO stand for\?$' "its card is shown"

run bank preview nosuchbank
expect_status 66 "an unknown bank exits 66"
expect_err "nosuchbank" "and names it"
run bank preview nato no-such-fact
expect_status 65 "an unknown fact exits 65"
expect_err "no fact 'no-such-fact'" "and names it"
run bank preview nato NATO/no-such-template
expect_status 65 "an unknown template exits 65"
expect_err "no card 'no-such-template'" "and names it"
run bank preview nato --mode sideways
expect_status 64 "an unknown mode is a usage error"

# One judge: a quiz taken over stdin and the preview grade each reply alike.
# A first quiz (every question skipped) shows which cards the seed draws; a
# reply is made for each from its preview, then the same quiz is taken.
run_in "$(printf ':skip\n%.0s' $(seq 30))" quiz nato --count 30 --seed 11
expect_status 0 "the skipped quiz exits 0"
mapfile -t drawn < <(q "select f.key || '/' || c.template from session_item si join card c on c.uid = si.card_uid join fact f on f.id = c.fact_id where si.session_id = (select max(id) from session) order by si.seq")
[ "${#drawn[@]}" = 30 ] && ok "30 cards drawn" || fail "drawn ${#drawn[@]}"
run bank preview nato "${drawn[@]}" --seed 11 --json
cp "$out" "$T_DIR/drawn.json"
# A reply per card: right, a slip, a partial list, a wrong choice, in turn.
jq -r 'to_entries[] | .key as $i | .value |
    if .kind == "choice" then (if $i % 2 == 0 then "a" else "b" end)
    elif .kind == "truefalse" then (if $i % 2 == 0 then "yes" else "nope" end)
    elif .kind == "order" then "a b c d"
    elif .kind == "list" then ((.answers[0] | split(" | ")[0]) + ", Atlantis")
    elif $i % 3 == 0 then .answers[0]
    elif $i % 3 == 1 then (.answers[0] | .[0:-1])
    else "no idea at all" end' "$T_DIR/drawn.json" >"$T_DIR/replies"
# Wide enough that no feedback line wraps: the lines are compared whole.
COLUMNS=1000 run_in "$(cat "$T_DIR/replies"; echo)" quiz nato --count 30 --seed 11
expect_status 0 "the answered quiz exits 0"
cp "$out" "$T_DIR/quiz.out"
session=$(q "select max(id) from session")
agree=0
i=0
while IFS= read -r reply; do
    card=${drawn[$i]}
    got=$(q "select printf('%.4f %d', credit, rating) from session_item where session_id = $session and seq = $i")
    "$RECITE_BIN" bank preview nato "$card" --seed 11 --answer "$reply" --json >"$T_DIR/one.json"
    want=$(jq -r '.[0].judgements[0] | "\(.credit) \(.rating)"' "$T_DIR/one.json" | awk '{printf "%.4f %d", $1, $2}')
    feedback=$(jq -r '.[0].judgements[0].feedback | split("\n")[0]' "$T_DIR/one.json")
    if [ "$got" = "$want" ] && grep -qF -- "$feedback" "$T_DIR/quiz.out"; then
        agree=$((agree + 1))
    else
        echo "differs: $card '$reply': quiz '$got', preview '$want' '$feedback'"
    fi
    i=$((i + 1))
done <"$T_DIR/replies"
[ "$agree" = 30 ] && ok "quiz and preview agree on all 30 replies (credit, rating, feedback)" \
    || fail "they agree on $agree of 30"
verdicts=$(grep -cE '^(right|almost|partly right|wrong)' "$T_DIR/quiz.out")
[ "$verdicts" = 30 ] && ok "the quiz judged 30 replies" || fail "$verdicts verdicts in the quiz"
finish
