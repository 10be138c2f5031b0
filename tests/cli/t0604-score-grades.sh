#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# score grades on a class of 33 score files (valid, tampered, re-signed with
# false totals, signed with another student's key, handed in twice, from a
# key not on the roster, two attempts) and a roster with students who
# handed in nothing: the Moodle and Canvas CSV are read back as their
# importers read them (columns, identity matching, numeric cells, '-' or
# empty for no grade), --into changes only the filled column of a gradebook
# export, and every error names its file and line and writes nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/score-lib.sh"
need_tools python3 minisign
CHECK="python3 $(dirname "$0")/gradebook-check.py"
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
# Seed 9 asks the Soviet Union's end, Sweden (no), Article 5: these score 3, 2, 1 and 0.
ANSWERS=($'1991-12-26\nno\nArticle 5\n' $'1991-12-26\nno\n:quit\n' $'1991-12-26\n:quit\n' $':quit\n')
# take NAME TIME SCORE AS FILE: NAME sits the quiz, scoring SCORE, signing as AS into FILE.
take() {
    as "$1" "$2" "${ANSWERS[$((3 - $3))]}" quiz mini --count 3 --seed 9 --sign --student "$4" \
        -o "$CLASS/$5" >/dev/null 2>&1 || fail "$1's quiz"
}
pub() { sed -n 2p "$T_DIR/$1/keys/recite.pub"; }

STUDENTS=""
for i in $(seq -w 1 24); do STUDENTS="$STUDENTS s$i"; done
for who in $STUDENTS alice bob carol dan erin frank gina harry mallory; do
    as "$who" 2026-11-23T09:00:00Z "" key gen --no-password >/dev/null 2>&1 || fail "key gen for $who"
done
n=0
for who in $STUDENTS; do
    take "$who" 2026-11-23T10:00:00Z $((n % 4)) "$who" "$who.json"
    n=$((n + 1))
done
take alice 2026-11-23T10:00:00Z 1 alice alice-1.json
take alice 2026-11-23T11:00:00Z 2 alice alice-2.json
take bob 2026-11-23T10:00:00Z 1 bob bob.json
sed -i 's/"given": "1991-12-26"/"given": "1991-12-27"/' "$CLASS/bob.json"  # tampered: bad-signature
take carol 2026-11-23T10:00:00Z 0 carol carol.json
sed -i '/"totals"/,/}/ s/"credit": 0.0/"credit": 3.0/' "$CLASS/carol.json"
minisign -S -s "$T_DIR/carol/keys/recite.key" -m "$CLASS/carol.json" </dev/null >/dev/null 2>&1 \
    -t "$(sed -n 's/^trusted comment: //p' "$CLASS/carol.json.minisig" | sed 's/score=0\/3/score=3\/3/')"
take erin 2026-11-23T10:00:00Z 3 dan dan.json                 # erin's key, dan's name
take erin 2026-11-23T10:30:00Z 3 erin erin.json
take frank 2026-11-23T10:00:00Z 3 frank frank.json
cp "$CLASS/frank.json" "$CLASS/frank-again.json"
cp "$CLASS/frank.json.minisig" "$CLASS/frank-again.json.minisig"
take mallory 2026-11-23T10:00:00Z 3 gina mallory.json          # not on the roster
[ "$(ls "$CLASS" | grep -vc minisig)" -ge 30 ] && ok "a class of $(ls "$CLASS" | grep -vc minisig) score files" ||
    fail "only $(ls "$CLASS" | grep -vc minisig) files"

# The roster: identities for the gradebooks; alice's login is not her recite name.
{
    echo "# class of 2026"
    for who in $STUDENTS; do
        k=${who#s}
        printf '%s\t%s\temail=%s@uni.example\tidnumber=10%s\tcanvas_id=5%s\tname=Student %s\n' \
            "$who" "$(pub "$who")" "$who" "$k" "$k" "$k"
    done
    printf 'alice\t%s\tusername=alice.l\temail=alice@uni.example\tidnumber=2001\tcanvas_id=601\tname=Doe, Alice\n' "$(pub alice)"
    k=1
    for who in bob carol dan erin frank gina harry; do
        printf '%s\t%s\temail=%s@uni.example\tcanvas_id=70%s\tname=%s\n' "$who" "$(pub "$who")" "$who" \
            "$k" "$who"
        k=$((k + 1))
    done
} >"$T_DIR/roster.tsv"
# The LMS's view of the same students, for the importers.
{
    printf 'username\tidnumber\temail\tcanvas_id\tname\n'
    awk -F'\t' '!/^#/ {
        u = $1; id = ""; mail = ""; cid = ""; nm = $1
        for (i = 3; i <= NF; i++) { split($i, kv, "=")
            if (kv[1] == "username") u = kv[2]; if (kv[1] == "idnumber") id = kv[2]
            if (kv[1] == "email") mail = kv[2]; if (kv[1] == "canvas_id") cid = kv[2]
            if (kv[1] == "name") nm = substr($i, 6) }
        printf "%s\t%s\t%s\t%s\t%s\n", u, id, mail, cid, nm }' "$T_DIR/roster.tsv"
} >"$T_DIR/lms-users.tsv"
ROSTER_STUDENTS=$(grep -vc '^#' "$T_DIR/roster.tsv")

# Expected points: sNN by their answers, alice's best, erin's own; nothing for the rest.
expected_points() {
    n=0
    for who in $STUDENTS; do printf "%s\t%s\n" "$who" $((n % 4)); n=$((n + 1)); done
    printf 'alice.l\t2\nbob\t\ncarol\t\ndan\t\nerin\t3\nfrank\t3\ngina\t\nharry\t\n'
}

# --- Moodle ---
run score grades "$CLASS" --roster "$T_DIR/roster.tsv" --format moodle --column "Quiz 1" -o "$T_DIR/moodle.csv"
expect_status 0 "grades --format moodle"
expect_err "^recite: $ROSTER_STUDENTS students, 27 with a grade, 5 without; 27 of 33 files valid$" "a summary on stderr"
expect_err "warning: '.*mallory.json' is no roster student's: unknown-key" "a file from no roster key is reported"
head -1 "$T_DIR/moodle.csv" | grep -qx 'Username,ID number,Email address,Quiz 1,Feedback: Quiz 1' &&
    ok "moodle: the header" || fail "moodle header: $(head -1 "$T_DIR/moodle.csv")"
if $CHECK moodle "$T_DIR/moodle.csv" "$T_DIR/lms-users.tsv" "Quiz 1" >"$T_DIR/moodle.read" 2>"$T_DIR/check.err"; then
    ok "Moodle's importer reads it: every row a known user, every grade a number or '-'"
else
    fail "the Moodle import fails: $(cat "$T_DIR/check.err")"
fi
[ "$(wc -l <"$T_DIR/moodle.read")" -eq "$ROSTER_STUDENTS" ] && ok "moodle: one row per roster student" ||
    fail "moodle: $(wc -l <"$T_DIR/moodle.read") rows"
diff <(cut -f1,2 "$T_DIR/moodle.read") <(expected_points) >"$T_DIR/diff" &&
    ok "moodle: the grades as imported" || { fail "moodle grades differ"; cat "$T_DIR/diff"; }
grep -q "^bob		.*bob.json: bad-signature" "$T_DIR/moodle.read" &&
    ok "moodle: the tampered file is bob's feedback" || fail "bob: $(grep '^bob' "$T_DIR/moodle.read")"
grep -q "^carol		.*carol.json: totals-mismatch: the totals state a score of 3 but the items sum to 0" "$T_DIR/moodle.read" &&
    ok "moodle: carol's false totals, signed by herself, are her feedback" || fail "carol: $(grep '^carol' "$T_DIR/moodle.read")"
grep -q "^erin	3	.*dan.json: wrong-student: signed by roster entry 'erin' but names 'dan'" "$T_DIR/moodle.read" &&
    ok "moodle: a file under another student's name is flagged on the signer" || fail "erin: $(grep '^erin' "$T_DIR/moodle.read")"
grep -q "^dan		no score file$" "$T_DIR/moodle.read" && ok "moodle: dan has no grade of his own" ||
    fail "dan: $(grep '^dan' "$T_DIR/moodle.read")"
grep -q "^frank	3	.*duplicate-attempt.*(the same file)" "$T_DIR/moodle.read" &&
    ok "moodle: frank's file handed in twice counts once and is flagged" || fail "frank: $(grep '^frank' "$T_DIR/moodle.read")"
grep -q "^gina		no score file$" "$T_DIR/moodle.read" && grep -q "^harry		no score file$" "$T_DIR/moodle.read" &&
    ok "moodle: students who handed in nothing have a row and no grade" || fail "gina/harry missing"
grep -q '^alice.l,2001,alice@uni.example,2,best of 2 attempts: alice-2.json$' "$T_DIR/moodle.csv" &&
    ok "moodle: alice's best attempt, matched by her LMS username" || fail "alice: $(grep alice "$T_DIR/moodle.csv")"
grep -q '^gina,,gina@uni.example,-,no score file$' "$T_DIR/moodle.csv" && ok "moodle: '-' for no grade" ||
    fail "gina: $(grep gina "$T_DIR/moodle.csv")"

# --- Canvas ---
run score grades "$CLASS" --roster "$T_DIR/roster.tsv" --format canvas --column "Quiz 1" -o "$T_DIR/canvas.csv"
expect_status 0 "grades --format canvas"
head -2 "$T_DIR/canvas.csv" | tr '\n' '|' | grep -qx 'Student,ID,SIS User ID,SIS Login ID,Section,Quiz 1|Points Possible,,,,,3|' &&
    ok "canvas: header and Points Possible" || fail "canvas head: $(head -2 "$T_DIR/canvas.csv")"
if $CHECK canvas "$T_DIR/canvas.csv" "$T_DIR/lms-users.tsv" "Quiz 1" >"$T_DIR/canvas.read" 2>"$T_DIR/check.err"; then
    ok "Canvas's importer reads it: the header, and every student found"
else
    fail "the Canvas import fails: $(cat "$T_DIR/check.err")"
fi
expected_canvas() {
    echo "points	3"
    join -t '	' -1 1 -2 1 <(expected_points | sort) <(awk -F'\t' 'NR > 1 {print $1 "\t" $4}' "$T_DIR/lms-users.tsv" | sort) |
        awk -F'\t' '{print $3 "\t" $2}' | sort
}
diff <(head -1 "$T_DIR/canvas.read"; tail -n +2 "$T_DIR/canvas.read" | sort) <(expected_canvas) >"$T_DIR/diff" &&
    ok "canvas: the scores as imported, students found by their Canvas ID" || { fail "canvas scores differ"; cat "$T_DIR/diff"; }
expect_err "^recite: bob: bob.json: bad-signature" "canvas has no feedback column: faults go to stderr"
run score grades "$CLASS" --roster "$T_DIR/roster.tsv" --format canvas --scale percent --column "Quiz 1"
grep -q '^Points Possible,,,,,100$' "$out" && grep -q '^"Doe, Alice",601,2001,alice.l,,66.67$' "$out" &&
    ok "canvas --scale percent: out of 100, two decimals" || fail "percent: $(grep -E 'Points|Alice' "$out")"

# --- plain CSV and JSON ---
run score grades "$CLASS" --roster "$T_DIR/roster.tsv"
expect_status 0 "grades (csv)"
expect_out_line "student,score,out_of,answered,attempt,attempts,file,feedback" "csv: the header"
expect_out "^alice,2,3,2,2,2,$CLASS/alice-2.json,best of 2 attempts: alice-2.json\$" "csv: alice's row"
expect_out "^gina,,,,,0,,no score file\$" "csv: an empty cell for no grade"
[ "$(wc -l <"$out")" -eq $((ROSTER_STUDENTS + 1)) ] && ok "csv: one row per roster student" || fail "csv rows"
run score grades "$CLASS" --roster "$T_DIR/roster.tsv" --attempts first
expect_out "^alice,1,3,1,1,2,$CLASS/alice-1.json,first of 2 attempts: alice-1.json\$" "--attempts first"
run score grades "$CLASS" --roster "$T_DIR/roster.tsv" --format json
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = {x["student"]: x for x in d["students"]}
assert d["format"] == "recite-grades/1" and d["rule"] == "best", d
assert len(s) == int(sys.argv[2]), len(s)
assert s["alice"]["score"] == 2 and s["alice"]["out_of"] == 3 and s["alice"]["attempt"] == 2
assert s["gina"]["score"] is None and s["gina"]["feedback"] == "no score file"
assert [u["status"] for u in d["unattributed"]] == ["unknown-key"], d["unattributed"]
' "$out" "$ROSTER_STUDENTS" 2>"$T_DIR/check.err" && ok "json: every student, numbers, nulls, unattributed files" ||
    fail "json: $(cat "$T_DIR/check.err")"

# --- --into: a gradebook exported from Canvas, one column filled ---
{
    printf '\xef\xbb\xbfStudent,ID,SIS User ID,SIS Login ID,Section,Quiz 1 (3301),Essay (3302),Current Score,Final Score\r\n'
    printf '    Points Possible,,,,,3,10,(read only),(read only)\r\n'
    tail -n +2 "$T_DIR/lms-users.tsv" | tac |
        awk -F'\t' '{ printf "\"%s\",%s,%s,%s,\"Sec A, morning\",%d,7.5,\"80,5\",75\r\n", $5, $4, $2, $1, NR % 4 }'
    printf '"Student, Test",999,,test_student,"Sec A, morning",1,,,\r\n'
} >"$T_DIR/canvas-export.csv"
run score grades "$CLASS" --roster "$T_DIR/roster.tsv" --into "$T_DIR/canvas-export.csv" --column "Quiz 1" -o "$T_DIR/filled.csv"
expect_status 0 "--into a Canvas export"
expect_err "^recite: filled column 'Quiz 1' on $ROSTER_STUDENTS rows of '.*canvas-export.csv'$" "every roster row filled"
if $CHECK same-outside "$T_DIR/canvas-export.csv" "$T_DIR/filled.csv" "Quiz 1" >"$T_DIR/changed" 2>"$T_DIR/check.err"; then
    ok "--into: every byte outside the column is the export's (BOM, CRLF, quotes, other columns)"
else
    fail "--into changed other bytes: $(cat "$T_DIR/check.err")"
fi
# Canvas knows its test student; recite's roster does not.
{ cat "$T_DIR/lms-users.tsv"; printf 'test_student\t\t\t999\tStudent, Test\n'; } >"$T_DIR/canvas-users.tsv"
$CHECK canvas "$T_DIR/filled.csv" "$T_DIR/canvas-users.tsv" "Quiz 1 (3301)" 2>"$T_DIR/check.err" |
    grep -v '^999	' >"$T_DIR/filled.read"
[ -s "$T_DIR/filled.read" ] && diff <(head -1 "$T_DIR/filled.read"; tail -n +2 "$T_DIR/filled.read" | sort) <(expected_canvas) >"$T_DIR/diff" &&
    ok "--into: Canvas imports the filled column as the grades" || { fail "--into grades: $(cat "$T_DIR/check.err")"; cat "$T_DIR/diff"; }
grep -q '^"Student, Test",999,,test_student,"Sec A, morning",1,,,' "$T_DIR/filled.csv" &&
    ok "--into: a row of no roster student is left alone" || fail "the test student's row changed"

# A Moodle export (no usernames): students found by ID number or email address.
{
    printf '"First name","Last name","ID number",Institution,Department,"Email address","Quiz: Quiz 1 (Real)","Last downloaded from this course"\n'
    tail -n +2 "$T_DIR/lms-users.tsv" | awk -F'\t' '{ printf "F,L,%s,Uni,Dept,%s,-,1795514400\n", $2, $3 }'
} >"$T_DIR/moodle-export.csv"
run score grades "$CLASS" --roster "$T_DIR/roster.tsv" --into "$T_DIR/moodle-export.csv" --column "Quiz: Quiz 1 (Real)" --scale percent
expect_status 0 "--into a Moodle export"
grep -q '^F,L,2001,Uni,Dept,alice@uni.example,66.67,1795514400$' "$out" && ok "--into moodle: alice by ID number or email" ||
    fail "moodle fill: $(grep alice "$out")"
grep -q '^F,L,,Uni,Dept,gina@uni.example,,1795514400$' "$out" && ok "--into: an empty cell for no grade" ||
    fail "gina: $(grep gina "$out")"

# --- errors: located, and never a partial file ---
printf 'previous\n' >"$T_DIR/keep.csv"
no_change() { [ "$(cat "$T_DIR/keep.csv")" = previous ] && ok "$1: the output file is untouched" || fail "$1: keep.csv changed"; }
grep -v '^"harry"' "$T_DIR/canvas-export.csv" >"$T_DIR/short-export.csv"
run score grades "$CLASS" --roster "$T_DIR/roster.tsv" --into "$T_DIR/short-export.csv" --column "Quiz 1" -o "$T_DIR/keep.csv"
expect_status 65 "a roster student without a row in the export"
expect_err "roster.tsv:$(grep -n '^harry' "$T_DIR/roster.tsv" | cut -d: -f1): student 'harry' has no row in '.*short-export.csv'" "the error names the roster line"
no_change "a student missing from the export"
run score grades "$CLASS" --roster "$T_DIR/roster.tsv" --into "$T_DIR/canvas-export.csv" --column "Quiz 9" -o "$T_DIR/keep.csv"
expect_status 65 "a column the export lacks"
expect_err "canvas-export.csv:1: no column 'Quiz 9' in the header" "the error names the export's line"
no_change "a missing column"
{ head -3 "$T_DIR/canvas-export.csv"; printf '"Broken, Row,1,,x,,1,2,3\r\n'; } >"$T_DIR/broken-export.csv"
run score grades "$CLASS" --roster "$T_DIR/roster.tsv" --into "$T_DIR/broken-export.csv" --column "Quiz 1" -o "$T_DIR/keep.csv"
expect_status 65 "an export that is not CSV"
expect_err "broken-export.csv:4: quoted field is never closed" "the error names the line"
no_change "a broken export"
{ head -2 "$T_DIR/canvas-export.csv"; grep '^"Student 01"' "$T_DIR/canvas-export.csv"; grep '^"Student 01"' "$T_DIR/canvas-export.csv"; } >"$T_DIR/twice-export.csv"
run score grades "$CLASS" --roster "$T_DIR/roster.tsv" --into "$T_DIR/twice-export.csv" --column "Quiz 1" -o "$T_DIR/keep.csv"
expect_status 65 "one student on two rows"
expect_err "twice-export.csv:4: student 's01' already has the row of line 3" "the error names both lines"
sed 's/email=s02@uni.example/email=s01@uni.example/' "$T_DIR/roster.tsv" >"$T_DIR/same-mail.tsv"
run score grades "$CLASS" --roster "$T_DIR/same-mail.tsv" -o "$T_DIR/keep.csv"
expect_status 65 "two students with one email"
expect_err "same-mail.tsv:3: email 's01@uni.example' is also 's01''s \(line 2\)" "the error names the roster lines"
no_change "an ambiguous roster"
sed '3s/$/\tmail=x/' "$T_DIR/roster.tsv" >"$T_DIR/bad-roster.tsv"
run score grades "$CLASS" --roster "$T_DIR/bad-roster.tsv" -o "$T_DIR/keep.csv"
expect_status 65 "a malformed roster"
expect_err "bad-roster.tsv:3:[0-9]+: expected NAME=VALUE" "the error names line and column"
no_change "a malformed roster"
run score grades "$CLASS" --roster "$T_DIR/roster.tsv" --into "$T_DIR/nothing.csv" --column "Quiz 1" -o "$T_DIR/keep.csv"
expect_status 66 "a missing export"
no_change "a missing export"
run score grades "$CLASS" --roster "$T_DIR/roster.tsv" --into "$T_DIR/canvas-export.csv"
expect_status 64 "--into needs --column"
run score grades "$CLASS" --roster "$T_DIR/roster.tsv" --format xls
expect_status 64 "an unknown format"
run score grades "$CLASS" --pubkey "$(pub s01)"
expect_status 64 "grades needs a roster"
finish
