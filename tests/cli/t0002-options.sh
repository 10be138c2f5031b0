#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every command reads its options through one table (src/cli/opt.c): -h and
# --help print the usage from it, a usage error is worded one way and exits
# 64, and no usage error opens (or creates) the database.
. "$(dirname "$0")/lib.sh"

commands=(bank config db fsrs generate help key quiz review score stats
    "bank preview" "bank suspended" "bank unsuspend")
for cmd in "${commands[@]}"; do
    run $cmd --help
    expect_status 0 "$cmd --help exits 0"
    expect_out "^(usage|   or): recite $cmd( |$)" "$cmd --help prints its usage"
    expect_out '^  -h, --help +show this help$' "$cmd --help lists -h, --help"
    cp "$out" "$T_DIR/long-help"
    run $cmd -h
    if cmp -s "$out" "$T_DIR/long-help"; then ok "$cmd -h prints the same"
    else fail "$cmd -h differs from $cmd --help"; fi
    run $cmd --frobnicate
    expect_status 64 "$cmd: an unknown option is a usage error"
    expect_err "^recite: unknown or incomplete option '--frobnicate'$" "$cmd: and named"
    expect_err "^see 'recite $cmd --help'$" "$cmd: with the way to its help"
done

run help review
cp "$out" "$T_DIR/help-review"
run review --help
if cmp -s "$out" "$T_DIR/help-review"; then ok "help review is review --help"
else fail "help review differs from review --help"; fi

# usage_error WORDS... -- MESSAGE: the command exits 64 saying MESSAGE (a regex).
usage_error() {
    local args=()
    while [ "$1" != -- ]; do args+=("$1"); shift; done
    run "${args[@]}"
    expect_status 64 "${args[*]}: exit 64"
    expect_err "^recite: $2$" "${args[*]}: $2"
}

usage_error review --day-start 24 -- "--day-start wants an hour 0-23"
usage_error stats --day-start=-1 -- "--day-start wants an hour 0-23"
usage_error fsrs eval --day-start x -- "--day-start wants an hour 0-23"
usage_error review --new 1x -- "--new wants a count, not '1x'"
usage_error review -l '' -- "--limit wants a count, not ''"
usage_error review -m slow -- "unknown mode 'slow'"
usage_error quiz nato --count 0 -- "--count wants a positive number"
usage_error quiz nato -m flash -- "mode must be auto, typed or choice"
usage_error quiz nato --time-limit 5x -- "--time-limit wants a duration like 90s or 15m"
usage_error quiz -- "which bank\? name one"
usage_error quiz a b -- "too many arguments"
usage_error score export --session 0 -- "--session takes a session id"
usage_error score export --attempts most -- "--attempts is best, latest or first"
usage_error score export x.json -- "export takes no file arguments; use -o FILE"
usage_error score -- "missing action \(export, verify or grades\)"
usage_error bank -- "missing action \(import, export, list, show, rm, lint, preview, sign, suspended or unsuspend\)"
usage_error bank frob -- "unknown action 'frob' \(import, .* or unsuspend\)"
usage_error bank show -- "show needs exactly one bank ID"
usage_error bank list extra -- "list takes no operands"
usage_error bank export -f word x -- "unknown format 'word' \(bank, gift, aiken, anki, csv, apkg\)"
usage_error bank --json preview x -- "'preview' takes its options after its name"
usage_error bank preview -- "which bank\? name one"
usage_error bank preview x --mode slow -- "--mode wants auto, typed, choice or flash"
usage_error bank suspended a b -- "too many arguments"
usage_error bank unsuspend -- "which bank\? name one"
usage_error fsrs -- "missing action \(fit or eval\)"
usage_error fsrs eval --save -- "--save goes with 'fit'"
usage_error fsrs fit a b -- "too many arguments"
usage_error db path extra -- "too many arguments"
usage_error db frob -- "unknown action 'frob' \(path, info or check\)"
usage_error key gen extra -- "wrong number of arguments for 'key gen'"
usage_error key trust -- "key trust takes PUBKEY and an optional NAME"
usage_error config -- "which setting\?"
usage_error config a b c -- "too many arguments"
usage_error generate -- "no document given"
usage_error generate doc.txt --min-confidence 2 -- "--min-confidence takes a number from 0 to 1, not '2'"
usage_error help a b -- "too many arguments"

[ ! -e "$RECITE_DB" ] && ok "no usage error made a database" || fail "a usage error made $RECITE_DB"
finish
