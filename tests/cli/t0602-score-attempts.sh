#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Attempts: each sitting of one quiz (bank, seed, count, tags) is numbered in
# the student's score files; a session exported twice is the same file;
# `score verify` lists every attempt, flags a file handed in twice and files
# signed by a key that is not the student's, and --attempts best|latest|first
# marks the one attempt that counts for each student.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/score-lib.sh"
export RECITE_BANKS_DIR="$RECITE_TEST_DATA/review" TZ=UTC
CLASS="$T_DIR/class"
mkdir -p "$CLASS"
out="$T_DIR/stdout" err="$T_DIR/stderr"
cd "$T_DIR" || exit 1

# as NAME TIME INPUT ARGS...: runs recite on NAME's database at TIME with INPUT.
as() {
    local name=$1 now=$2 input=$3
    shift 3
    mkdir -p "$T_DIR/$name"
    printf '%s' "$input" | RECITE_DB="$T_DIR/$name/recite.db" RECITE_NOW="$now" "$RECITE_BIN" "$@"
}
for who in alice bob carol mallory; do
    as "$who" 2026-11-23T09:00:00Z "" key gen --no-password >/dev/null || fail "key gen for $who"
done
pub() { sed -n 2p "$T_DIR/$1/keys/recite.pub"; }
{
    printf 'alice\t%s\n' "$(pub alice)"
    printf 'bob\t%s\n' "$(pub bob)"
    printf 'carol\t%s\n' "$(pub carol)"
    printf 'dave\tRWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4\n'
} >"$T_DIR/roster.tsv"

# Seed 9 asks, in order: the date of the Soviet Union's end, Sweden (no), Article 5.
quiz() { as "$1" "$2" "$3" quiz mini --count 3 --seed "$4" --sign --student "$5" -o "$CLASS/$6" 2>/dev/null; }
quiz alice 2026-11-23T10:00:00Z $'1991-12-26\n:quit\n' 9 alice alice-1.json >/dev/null
quiz alice 2026-11-23T11:00:00Z $'1991-12-26\nno\n:quit\n' 9 alice alice-2.json >/dev/null
quiz alice 2026-11-23T12:00:00Z $':quit\n' 10 alice alice-3.json >/dev/null
quiz bob 2026-11-23T10:30:00Z $'1991-12-26\nno\nArticle 5\n' 9 bob bob.json >/dev/null
quiz carol 2026-11-23T10:40:00Z $'1991-12-26\nno\nArticle 5\n' 9 bob carol-as-bob.json >/dev/null
quiz mallory 2026-11-23T10:50:00Z $'1991-12-26\nno\nArticle 5\n' 9 bob mallory-as-bob.json >/dev/null

grep -A2 '"attempt": {' "$CLASS/alice-2.json" | grep -q '"number": 2' &&
    ok "the second sitting of one quiz is attempt 2" || fail "alice-2: $(grep -A3 '"attempt"' "$CLASS/alice-2.json")"
grep -A3 '"attempt": {' "$CLASS/alice-3.json" | grep -q '"number": 1' &&
    ok "another seed is another quiz: attempt 1" || fail "alice-3 is not attempt 1"
# Exporting the first session again gives the same file: the same attempt handed in twice.
as alice 2026-11-24T08:00:00Z "" score export --session 1 --student alice -o "$CLASS/alice-1-again.json" >/dev/null
cmp -s "$CLASS/alice-1.json" "$CLASS/alice-1-again.json" &&
    cmp -s "$CLASS/alice-1.json.minisig" "$CLASS/alice-1-again.json.minisig" &&
    ok "a session exported twice is byte for byte the same file" || fail "the second export differs"

run score verify "$CLASS" --roster "$T_DIR/roster.tsv"
expect_status 1 "a class with a copy and foreign keys exits 1"
expect_out "/alice-1.json +alice +[0-9A-F]{16} +mini@1 +1 +1/3 +1 +duplicate-attempt: attempt id [0-9a-f]{32} also in '.*alice-1-again.json' \(the same file\)$" \
    "the file handed in twice is flagged"
expect_out "/alice-2.json +alice +[0-9A-F]{16} +mini@1 +2 +2/3 +2 +valid$" "attempt 2 is listed"
expect_out "/alice-3.json +alice +[0-9A-F]{16} +mini@1 +1 +0/3 +0 +valid$" "the other quiz is listed"
expect_out "/bob.json +bob +[0-9A-F]{16} +mini@1 +1 +3/3 +3 +valid$" "bob is listed"
expect_out "/carol-as-bob.json +carol .*wrong-student: signed by roster entry 'carol' but names 'bob'$" \
    "a file signed with another student's key is flagged"
expect_out "/mallory-as-bob.json +[0-9A-F]{16} .*unknown-key" "a file signed by a key not on the roster is flagged"
expect_no_out "COUNTS" "without --attempts nothing is picked"

counted() { grep -E " yes +(valid|duplicate-attempt)" "$out" | awk '{print $1}' | xargs -n1 basename | sort | tr '\n' ' '; }
run score verify "$CLASS" --roster "$T_DIR/roster.tsv" --attempts best
expect_out '^FILE +STUDENT +KEY ID +BANK +ATTEMPT +SCORE +ANSWERED +COUNTS +STATUS$' "a COUNTS column"
[ "$(counted)" = "alice-2.json bob.json " ] && ok "best: alice's 2/3 and bob's only attempt count" ||
    fail "best picked: $(counted)"
run score verify "$CLASS" --roster "$T_DIR/roster.tsv" --attempts latest
[ "$(counted)" = "alice-3.json bob.json " ] && ok "latest: alice's last sitting counts" ||
    fail "latest picked: $(counted)"
run score verify "$CLASS" --roster "$T_DIR/roster.tsv" --attempts first
[ "$(counted)" = "alice-1-again.json bob.json " ] &&
    ok "first: alice's first attempt counts once, though handed in twice" || fail "first picked: $(counted)"
run score verify "$CLASS" --roster "$T_DIR/roster.tsv" --attempts first --format csv
expect_out "/alice-1-again.json,duplicate-attempt,alice,.*,1,yes,attempt id" "csv: the counted copy"
expect_out "/alice-1.json,duplicate-attempt,alice,.*,1,no,attempt id" "csv: the other copy does not count"
expect_out "/carol-as-bob.json,wrong-student,carol,.*,no,signed by" "csv: a rejected file never counts"
run score verify "$CLASS" --roster "$T_DIR/roster.tsv" --attempts best --format json
expect_out '"attempt_number": 2,' "json has the attempt number"
expect_out '"counts": true' "json marks what counts"
run score verify "$CLASS" --roster "$T_DIR/roster.tsv" --attempts most
expect_status 64 "an unknown rule is a usage error"
finish
