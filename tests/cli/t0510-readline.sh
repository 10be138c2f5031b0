#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The readline screen, driven through tmux: a question appears, Tab never
# completes the answer, :source waits for the answer, Ctrl-C clears the line, a double Enter records nothing
# for the next card, Ctrl-C then Ctrl-D ends the session with a summary.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { echo "tmux is not installed; skipped"; exit 77; }
export RECITE_BANKS_DIR="$RECITE_TEST_DATA/review" RECITE_NOW=2026-11-23T10:00:00Z TZ=UTC
sock="$T_DIR/tmux.sock"
tm() { tmux -S "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T_DIR"' EXIT
screen() { tm capture-pane -p -t t; }
# wait_for REGEX: polls the screen for up to 10 s.
wait_for() {
    for _ in $(seq 100); do
        screen | grep -Eq -- "$1" && return 0
        sleep 0.1
    done
    return 1
}
out=$T_DIR/screen err=$T_DIR/none
check() { if wait_for "$1"; then ok "$2"; else screen >"$out"; fail "$2"; fi; }

tm -f /dev/null new-session -d -s t -x 100 -y 30 \
    "env HOME='$HOME' RECITE_DB='$RECITE_DB' RECITE_NOW=$RECITE_NOW TZ=UTC NO_COLOR=1 \
     RECITE_BANKS_DIR='$RECITE_BANKS_DIR' XDG_STATE_HOME='$XDG_STATE_HOME' \
     '$RECITE_BIN' review --seed 1 --new 3; echo EXIT=\$?; sleep 30"
check '^What does EAPC stand for\?$' "the first question appears"
check '^>$' "the prompt waits for an answer"

# Tab never gives the answer away: it completes session commands, not names.
tm send-keys -t t 'Euro-At' Tab Tab
sleep 0.5
if screen | grep -q 'Euro-Atlantic Partnership Council'; then
    screen >"$out"; fail "Tab completed the answer"
else
    ok "Tab does not complete the answer of the card shown"
fi
check '^> Euro-At$' "the typed text stays as it was"
tm send-keys -t t C-u 'C' Tab Tab
sleep 0.5
if screen | grep -qi 'Council'; then screen >"$out"; fail "Tab Tab listed candidate answers"; else ok "Tab Tab lists no candidate answers"; fi

tm send-keys -t t C-c
check '^> C ?\^C$' "Ctrl-C marks the abandoned line"

# :source before answering shows no source text: the sentence holds the answer.
tm send-keys -t t ':source' Enter
check 'shown once you have answered' ":source before answering is refused"
if screen | grep -q 'brings allies and partners together'; then screen >"$out"; fail ":source showed the quote before the answer"
else ok ":source before answering shows no source text"; fi

tm send-keys -t t ':su' Tab
check '^> :suspend' "Tab completes session commands"
tm send-keys -t t C-u

tm send-keys -t t 'euro atlantic partnership council' Enter
check '^right$' "an answer typed at the prompt is judged"
tm send-keys -t t ':source' Enter
check 'brings allies and partners together' ":source after answering shows the source sentence"
# A double Enter: the first keeps the rating, the second reaches the next,
# unseen card, which must not take it as an answer.
tm send-keys -t t Enter Enter
check '^When did this happen\? The treaty is signed in Washington\.' "the next question follows"
check '^type an answer' "an empty line there is no answer: it is asked again"
check '^>$' "and the prompt waits for the answer"

tm send-keys -t t C-c
check 'Ctrl-C again or Ctrl-D' "Ctrl-C on an empty line says how to end"
tm send-keys -t t C-d
check 'session over: 1 reviewed' "Ctrl-D ends the session with a summary"
check '^EXIT=0$' "the session exits 0"
[ "$(sqlite3 "$RECITE_DB" 'select count(*) from review')" = 1 ] && ok "the answer is in the database" \
    || fail "review rows: $(sqlite3 "$RECITE_DB" 'select count(*) from review')"
[ -s "$XDG_STATE_HOME/recite/history" ] && ok "answers go to the readline history" || fail "no history file"

# In a scored quiz :source shows nothing: the sentence would hold the answer.
tm kill-session -t t 2>/dev/null
tm -f /dev/null new-session -d -s t -x 100 -y 30 \
    "env HOME='$HOME' RECITE_DB='$RECITE_DB' RECITE_NOW=$RECITE_NOW TZ=UTC NO_COLOR=1 \
     RECITE_BANKS_DIR='$RECITE_BANKS_DIR' XDG_STATE_HOME='$XDG_STATE_HOME' \
     '$RECITE_BIN' quiz mini --count 3 --seed 2; echo EXIT=\$?; sleep 30"
check '^\[1/3\] ' "the quiz asks its first question"
tm send-keys -t t ':source' Enter
check 'no sources during a quiz' ":source in a quiz is refused"
quotes=$(sed -n 's/^quote: //p' "$RECITE_BANKS_DIR"/*.bank)
leaked=0
while IFS= read -r quote; do
    [ -n "$quote" ] && screen | grep -qF -- "${quote:0:40}" && leaked=1
done <<<"$quotes"
[ "$leaked" = 0 ] && ok ":source in a quiz shows no source text" || { screen >"$out"; fail "a source sentence was shown in the quiz"; }
tm send-keys -t t C-d

finish
