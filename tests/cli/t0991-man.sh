#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The man pages: groff (or mandoc) finds nothing to warn about, and recite(1)
# documents every command of `recite --help` and every option of each
# command's --help, so a new command or option without its page fails here.
. "$(dirname "$0")/lib.sh"
docs="$RECITE_SOURCE_DIR/docs"
if command -v groff >/dev/null; then
    lint() { groff -man -ww -z "$1" 2>&1; }
elif command -v mandoc >/dev/null; then
    lint() { mandoc -T lint -W warning "$1" 2>&1; }
else
    echo "neither groff nor mandoc"; exit 77
fi
for page in recite.1 recite-bank.5 recite-score.5; do
    warnings=$(lint "$docs/$page")
    [ -z "$warnings" ] && ok "$page is clean" || fail "$page: $warnings"
done

run --help
commands=$(sed -n '/^commands:/,/^$/p' "$out" | awk 'NF > 1 { print $1 }')
[ -n "$commands" ] && ok "commands listed: $(echo $commands)" || fail "no commands in --help"
for cmd in $commands; do
    if grep -q "^\.SS \"recite $cmd[ \"]" "$docs/recite.1"; then ok "recite(1) has a section for $cmd"
    else fail "recite(1) lacks a section for '$cmd'"; fi
    "$RECITE_BIN" "$cmd" --help >"$T_DIR/help" 2>&1
    for option in $(grep -oE -- '--[a-z][a-z-]*' "$T_DIR/help" | sort -u); do
        escaped=$(printf '%s' "$option" | sed 's/-/\\\\-/g')
        if grep -q -- "$escaped" "$docs/recite.1"; then ok "recite(1) documents $cmd $option"
        else fail "recite(1) lacks '$option' of $cmd"; fi
    done
done
finish
