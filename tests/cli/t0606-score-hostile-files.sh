#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A hand-in directory is written by students: score verify and grades read
# only its regular files (a FIFO, a device or a symlink out of it is listed
# and skipped, never waited on or read), and every file name, whatever its
# bytes, is reported safely in the table, the CSV and valid UTF-8 JSON.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/score-lib.sh"
need_tools sqlite3 jq mkfifo timeout

export RECITE_NOW=2026-11-24T12:00:00Z
HASH=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
CLASS="$T_DIR/class"
mkdir -p "$CLASS" "$T_DIR/elsewhere"
seed_session "$RECITE_DB" nato "$HASH" 1 1 0.5 || fail "cannot seed"
run key gen --no-password
run score export --last --student alice -o "$CLASS/alice.json"
expect_status 0 "a genuine score file"
printf 'alice\t%s\n' "$(sed -n 2p "$T_DIR/keys/recite.pub")" >"$T_DIR/roster.tsv"

# verify_class ARGS...: score verify with a time limit; a hang is a failure.
verify_class() {
    out="$T_DIR/stdout" err="$T_DIR/stderr"
    timeout 20 "$RECITE_BIN" score "$@" >"$out" 2>"$err" </dev/null
    status=$?
    [ "$status" -ne 124 ] && ok "score $1 $3 returns" || fail "score $1 $3 hangs"
}

# --- what is not a regular file ---
mkfifo "$CLASS/fifo.json"
cp "$CLASS/alice.json" "$CLASS/sigfifo.json"
mkfifo "$CLASS/sigfifo.json.minisig"
ln -s /dev/zero "$CLASS/zero.json"
cp "$CLASS/alice.json" "$CLASS/alice.json.minisig" "$T_DIR/elsewhere/"
ln -s "$T_DIR/elsewhere/alice.json" "$CLASS/outside.json"
ln -s alice.json "$CLASS/inside.json"
ln -s alice.json.minisig "$CLASS/inside.json.minisig"
mkdir "$CLASS/subdir.json"
verify_class verify "$CLASS" --roster "$T_DIR/roster.tsv"
expect_status 1 "the class fails: some files are not score files"
expect_out "/alice.json +alice .* 2.5/3 +3 +duplicate-attempt: .*inside.json. \(the same file\)\$" "the genuine file is read"
expect_out "/inside.json +alice .* duplicate-attempt: .*\(the same file\)\$" "a link inside the directory is read"
expect_out "/fifo.json +not-a-regular-file: the file is a FIFO, not a regular file; skipped\$" "a FIFO is skipped"
expect_out "/sigfifo.json +not-a-regular-file: its signature is a FIFO, not a regular file; skipped\$" \
    "a FIFO as a signature is skipped"
expect_out "/zero.json +not-a-regular-file: the file is a symbolic link out of the directory; skipped\$" \
    "a link to a device is skipped"
expect_out "/outside.json +not-a-regular-file: the file is a symbolic link out of the directory; skipped\$" \
    "a link to a file outside the directory is skipped"
expect_out "/subdir.json +not-a-regular-file: the file is a directory, not a regular file; skipped\$" \
    "a directory is skipped"
rm -f "$CLASS/outside.json" "$CLASS/zero.json"
ln -s "$T_DIR/elsewhere/alice.json.minisig" "$CLASS/inside.json.minisig2"
verify_class verify "$CLASS/fifo.json" --roster "$T_DIR/roster.tsv"
expect_status 1 "a FIFO named on the command line"
expect_out "fifo.json +not-a-regular-file: '.*fifo.json' is a FIFO, not a regular file\$" "is refused unread"
verify_class verify "$CLASS/sigfifo.json" --roster "$T_DIR/roster.tsv"
expect_out "sigfifo.json +not-a-regular-file: '.*sigfifo.json.minisig' is a FIFO" "so is its FIFO signature"
verify_class grades "$CLASS" --roster "$T_DIR/roster.tsv"
expect_status 0 "grades skips them too"
expect_err "'.*fifo.json' is no roster student's: not-a-regular-file: the file is a FIFO" "and says so"
rm -rf "$CLASS/fifo.json" "$CLASS/sigfifo.json"* "$CLASS/subdir.json" "$CLASS"/inside.json*

# --- names that are not text ---
for name in $'new\nline' $'esc\e[31mred' $'bad\377byte' $'rlo\u202eevil' $'tag\U000e0041' $'cr\rname' 'comma,"quote"'; do
    cp "$CLASS/alice.json" "$CLASS/$name.json"
    cp "$CLASS/alice.json.minisig" "$CLASS/$name.json.minisig"
done
verify_class verify "$CLASS" --roster "$T_DIR/roster.tsv"
expect_status 1 "copies of one attempt"
[ "$(grep -c duplicate-attempt "$out")" -eq 8 ] && ok "table: one line per file" ||
    fail "table: $(grep -c duplicate-attempt "$out") lines"
LC_ALL=C grep -q $'[\001-\010\013-\037\177\377]' "$out" && fail "table: control bytes reach the terminal" ||
    ok "table: no control or invalid bytes"
grep -q $'\u202e\|\U000e0041' "$out" && fail "table: format characters reach the terminal" ||
    ok "table: no bidi or tag characters"
expect_out '/new\\x0aline.json ' "table: a newline is shown as \\x0a"
expect_out '/bad\\xffbyte.json ' "table: an invalid byte as \\xff"
expect_out '/rlo\\xe2\\x80\\xaeevil.json ' "table: a bidi control as its bytes"
verify_class verify "$CLASS" --roster "$T_DIR/roster.tsv" --format json
expect_status 1 "json"
jq -e 'length == 8' "$out" >/dev/null && ok "json: valid, every file" || fail "json is not valid"
iconv -f UTF-8 -t UTF-8 "$out" >/dev/null 2>&1 && ok "json: valid UTF-8" || fail "json: not UTF-8"
jq -e 'map(.file) | any(endswith("/bad\\xffbyte.json"))' "$out" >/dev/null &&
    ok "json: the invalid byte is escaped" || fail "json: $(jq -r '.[].file' "$out")"
jq -e 'map(.detail) | all(test("[\u0000-\u001f\u202e]") | not)' "$out" >/dev/null &&
    ok "json: details quote names escaped" || fail "json details: $(jq -r '.[].detail' "$out")"
verify_class verify "$CLASS" --roster "$T_DIR/roster.tsv" --format csv
[ "$(wc -l <"$out")" -eq 9 ] && ok "csv: a header and one line per file" || fail "csv has $(wc -l <"$out") lines"
expect_out '^"[^"]*/comma,""quote"".json",duplicate-attempt,' "csv: a comma and quotes are quoted"
jq -Rn '[inputs]' "$out" >/dev/null 2>&1 && ok "csv: valid UTF-8" || fail "csv: not UTF-8"
verify_class grades "$CLASS" --roster "$T_DIR/roster.tsv" --format json
expect_status 0 "grades json"
jq -e '.students | length == 1' "$out" >/dev/null && ok "grades json is valid" || fail "grades json is not valid"
finish
