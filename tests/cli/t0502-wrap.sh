#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Long prompts, options and feedback wrap at spaces to the terminal width
# (COLUMNS off a terminal, the pane's width on one), counting columns per
# code point (wide characters take two), and stay sanitised.
. "$(dirname "$0")/lib.sh"
export RECITE_NOW=2026-11-23T10:00:00Z TZ=UTC RECITE_BANKS_DIR="$T_DIR/banks"
mkdir -p "$RECITE_BANKS_DIR"
long='Which article of the North Atlantic Treaty, signed in Washington in April 1949, says that an armed attack against one or more of the allies shall be considered an attack against them all?'
wide='Which organisation is 北大西洋条約機構 in Japanese, the alliance founded by the treaty of 1949 in Washington?'
{
    printf 'bank wrap\ntitle: long prompts\n\n'
    printf 'question long\nask: %s\nanswer: Article 5 | 5\n' "$long"
    printf 'wrong: Article 4 of the North Atlantic Treaty, on consultations whenever the territorial integrity of any ally is threatened\n'
    printf 'wrong: Article 10\n'
    printf 'explain: Invoked once, on 12 September 2001, after the attacks on New York and Washington.\n\n'
    printf 'question wide\nask: %s\nanswer: NATO\n\n' "$wide"
    printf 'question evil\nask: placeholder\nanswer: yes\n'
} >"$RECITE_BANKS_DIR/wrap.bank"
run bank lint "$RECITE_BANKS_DIR/wrap.bank"
expect_status 0 "the bank lints"
# The parser refuses control characters; a damaged database may still hold them.
run_in '' review --new 0
sqlite3 "$RECITE_DB" "update fact set body = json_set(body, '\$.ask[0][0]', 'A very long question with an escape ' || char(27) || ']0;pwned' || char(7) || 'sequence hidden ' || char(27) || '[2Jsomewhere in the middle of its words?') where key = 'evil'"

# The lines after a header up to the first line that starts the answer.
prompt_lines() { awk -v re="$1" 'found && /^(>|\(|  [a-z]\))/ { exit } found { print } $0 ~ re { found = 1 }' "$out"; }
width_ok() {
    local widest
    widest=$(prompt_lines "$1" | wc -L)
    [ "$widest" -le "$2" ] && [ "$(prompt_lines "$1" | wc -l)" -gt 1 ] && ok "$3 wraps within $2 columns" \
        || fail "$3: $(prompt_lines "$1" | wc -l) lines, the widest $widest columns"
}

COLUMNS=50 run_in $'b\n\nx\n\nx\n\n' review --seed 1 --new 3 --mode choice
expect_status 0 "the session runs"
width_ok '^\[1\]' 50 "the first prompt"
first=$(prompt_lines '^\[1\]' | tr '\n' ' ' | sed 's/ $//')
case "$first" in
"$long" | "$wide" | *escape*) ok "its words are whole: the lines join into the prompt" ;;
*) fail "the wrapped prompt reads '$first'" ;;
esac
width_ok '^\[2\]' 50 "the second prompt"
width_ok '^\[3\]' 50 "the third prompt"
if grep -q $'\033' "$out"; then fail "an escape sequence reached the terminal"; else ok "escape sequences are stripped"; fi
joined=$(tr '\n' ' ' <"$out" | tr -s ' ')
[[ "$joined" == *"${wide}"* ]] && ok "the prompt with wide characters is whole" || fail "wide prompt broken"
# Japanese takes two columns a character: 8 characters, 16 columns.
line=$(grep -F '北大西洋条約機構' "$out")
[ "$(printf '%s' "$line" | wc -L)" -le 50 ] && ok "wide characters count two columns" || fail "too wide: $line"

COLUMNS=40 run bank preview "$RECITE_BANKS_DIR/wrap.bank" long/choice
expect_out '^  c\) Article 4 of the North Atlantic$' "an option wraps"
expect_out '^     Treaty, on consultations whenever$' "under its own text"
[ "$(wc -L <"$out")" -le 40 ] && ok "every preview line fits 40 columns" || fail "preview: $(wc -L <"$out") columns"

COLUMNS=40 run_in $'x\n\n' review --seed 1 --new 1 --mode typed wrap
expect_out '^  Invoked once, on 12 September 2001,$' "the explanation in the feedback wraps"
expect_out '^  after the attacks on New York and$' "with an indent"

# A terminal: the pane's width, not COLUMNS.
if command -v tmux >/dev/null; then
    sock="$T_DIR/tmux.sock"
    tm() { tmux -S "$sock" "$@"; }
    trap 'tm kill-server 2>/dev/null; rm -rf "$T_DIR"' EXIT
    tm -f /dev/null new-session -d -s t -x 44 -y 40 \
        "env HOME='$HOME' RECITE_DB='$T_DIR/tmux.db' RECITE_NOW=$RECITE_NOW TZ=UTC NO_COLOR=1 COLUMNS=200 \
         RECITE_BANKS_DIR='$RECITE_BANKS_DIR' XDG_STATE_HOME='$XDG_STATE_HOME' \
         '$RECITE_BIN' bank preview '$RECITE_BANKS_DIR/wrap.bank' long/typed; sleep 30"
    for _ in $(seq 100); do tm capture-pane -p -t t | grep -q '^accepts' && break; sleep 0.1; done
    tm capture-pane -p -t t >"$T_DIR/screen"
    out=$T_DIR/screen
    expect_out '^Which article of the North Atlantic Treaty,$' "a 44-column pane wraps at a space"
    expect_out '^signed in Washington in April 1949, says$' "and goes on with whole words"
else
    echo "tmux is not installed; the terminal case is skipped"
fi
finish
