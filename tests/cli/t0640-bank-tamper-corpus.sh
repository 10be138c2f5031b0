#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A tamper corpus for signed banks: from one bank signed by the trusted
# instructor key, every variant a student or a colleague could hand over
# (edits, re-orderings, other formats, renamed files, swapped signatures,
# extra files on the command line, unsigned replacements) is tried, and
# none may change what is stored. The test counts the variants and how
# many were imported: at least 50, and 0.
. "$(dirname "$0")/lib.sh"
cd "$T_DIR" || exit 1
mkdir genuine work
cat >genuine/course.bank <<'EOF'
bank course
title: Course
version: 1
source 000: The treaty (1949)

acronym PfP
long: Partnership for Peace
tags: programmes
cite: 000

acronym EAPC
long: Euro-Atlantic Partnership Council
tags: programmes

event treaty-signed
when: 1949-04-04
what: the North Atlantic Treaty is signed in Washington
cite: 000

set founders
prompt: founding members of the alliance
member: Belgium
member: Canada
member: Denmark
nonmember: Sweden

question article-5
ask: Which article makes an attack on one ally an attack on all?
answer: Article 5 | 5
wrong: Article 4
wrong: Article 10

cloze pact
text: The Warsaw Pact was formed in {{1955}}.
EOF
printf 'bank other\ntitle: Other\n\nacronym EU\nlong: European Union\n' >genuine/other.bank
run key gen --no-password
expect_status 0 "the instructor's key"
run bank sign genuine/course.bank genuine/other.bank
expect_status 0 "signs both banks"
run key trust "$(sed -n 2p "$(dirname "$RECITE_DB")/keys/recite.pub")" instructor
expect_status 0 "the student trusts the instructor key"
run bank import genuine/course.bank
expect_status 0 "the genuine bank imports"
"$RECITE_BIN" bank export course >stored.before
"$RECITE_BIN" bank list >list.before
for format in gift csv aiken anki; do
    "$RECITE_BIN" bank export course --format "$format" -o "genuine/course.$format" 2>/dev/null
done

# A second key, not trusted: an attacker's.
mkdir mallory
RECITE_DB=$T_DIR/mallory/m.db "$RECITE_BIN" key gen --no-password >/dev/null
mallory_sign() { RECITE_DB=$T_DIR/mallory/m.db "$RECITE_BIN" bank sign "$@" >/dev/null 2>&1; }

variants=0 imported=0
# attempt NAME ARGS...: runs `bank import ARGS` in work/; it must fail and change nothing.
attempt() {
    local name=$1
    shift
    variants=$((variants + 1))
    (cd work && "$RECITE_BIN" bank import "$@") >"$T_DIR/stdout" 2>"$T_DIR/stderr" </dev/null
    status=$?
    "$RECITE_BIN" bank export course >stored.after 2>/dev/null
    "$RECITE_BIN" bank list >list.after 2>/dev/null
    if [ "$status" -ne 0 ] && cmp -s stored.before stored.after && cmp -s list.before list.after; then
        ok "refused: $name (exit $status)"
    else
        imported=$((imported + 1))
        out=$T_DIR/stdout err=$T_DIR/stderr
        fail "imported: $name (exit $status)"
    fi
    rm -rf work
    mkdir work
}
# put TEXT-FILE NAME [SIG]: copies a variant into work/NAME, with SIG as NAME.minisig.
put() {
    cp "$1" "work/$2"
    [ -z "${3:-}" ] || cp "$3" "work/$2.minisig"
}
sig=genuine/course.bank.minisig
lines=$(wc -l <genuine/course.bank)

# --- edits of one line, each beside the genuine signature ---
for i in $(seq 2 "$lines"); do
    line=$(sed -n "${i}p" genuine/course.bank)
    case $line in
    'tags: '*) sed "${i}s/\$/ amended/" genuine/course.bank >edit ;;
    'when: '*) sed "${i}s/04-04/04-05/" genuine/course.bank >edit ;;
    *': '*) sed "${i}s/\$/ (amended)/" genuine/course.bank >edit ;;
    '') sed "${i}s/^\$/\n/" genuine/course.bank >edit ;;
    *) sed "${i}s/\$/ /" genuine/course.bank >edit ;;
    esac
    put edit course.bank "$sig"
    attempt "line $i edited, genuine signature" course.bank
done
# --- whole-file edits ---
sed 's/Article 5/Article 4/; s/wrong: Article 4/wrong: Article 5/' genuine/course.bank >edit
put edit course.bank "$sig"; attempt "right and wrong answers swapped" course.bank
sed '/^nonmember: Sweden$/d' genuine/course.bank >edit
put edit course.bank "$sig"; attempt "a line removed" course.bank
sed 's/^member: Canada$/member: Canada\nmember: Sweden/' genuine/course.bank | sed '/^nonmember/d' >edit
put edit course.bank "$sig"; attempt "a member added" course.bank
sed 's/$/\r/' genuine/course.bank >edit
put edit course.bank "$sig"; attempt "CRLF line endings" course.bank
{ printf '\357\273\277'; cat genuine/course.bank; } >edit
put edit course.bank "$sig"; attempt "a byte order mark" course.bank
{ cat genuine/course.bank; printf '\n'; } >edit
put edit course.bank "$sig"; attempt "a trailing blank line" course.bank
head -c -1 genuine/course.bank >edit
put edit course.bank "$sig"; attempt "the final newline dropped" course.bank
sed 's/^version: 1$/version: 2/' genuine/course.bank >edit
put edit course.bank "$sig"; attempt "a new version number, old signature" course.bank
sed 's/^version: 1$/version: 2/' genuine/course.bank >edit
put edit course.bank; attempt "a new version number, unsigned" course.bank
# --- re-orderings (the same facts, another text) ---
awk 'BEGIN { RS = ""; ORS = "\n\n" } { b[NR] = $0 } END { print b[1]; for (i = NR; i > 1; i--) print b[i] }' \
    genuine/course.bank >edit
put edit course.bank "$sig"; attempt "facts in reverse order" course.bank
put edit course.bank; attempt "facts in reverse order, unsigned" course.bank
sed '/^member: Belgium$/{h;d}; /^member: Denmark$/{G}' genuine/course.bank >edit
put edit course.bank "$sig"; attempt "members re-ordered" course.bank
sed '7{h;d};8{G}' genuine/course.bank >edit
put edit course.bank "$sig"; attempt "fields re-ordered in a block" course.bank
put edit course.bank; attempt "fields re-ordered in a block, unsigned" course.bank
# --- other formats, named so that they give the bank's id ---
for format in gift csv aiken anki; do
    ext=$format
    [ "$format" = anki ] && ext=txt
    put "genuine/course.$format" "course.$ext"
    attempt "the bank exported as $format, unsigned, as course.$ext" "course.$ext"
    put "genuine/course.$format" "course.$ext" "$sig"
    attempt "the bank exported as $format, beside the .bank's signature" "course.$ext"
    mallory_sign "genuine/course.$format" --format "$format"
    put "genuine/course.$format" "course.$ext" "genuine/course.$format.minisig"
    attempt "the bank exported as $format, signed by an untrusted key" "course.$ext"
done
printf 'front,back\nPfP,Partnership for War\n' >edit
put edit course.csv; attempt "a two-column CSV named course.csv" course.csv
put edit course.data; attempt "the CSV under --format csv" --format csv course.data
# --- renamed files ---
sed 's/Peace/War/' genuine/course.bank >edit
for name in course.txt course course.BANK course.bank.txt notes.md .course; do
    put edit "$name"
    attempt "tampered text named $name" "$name"
    put edit "$name" "$sig"
    attempt "tampered text named $name, genuine signature beside it" "$name"
done
put edit renamed.gift
attempt "tampered text read as a bank through --format bank" --format bank renamed.gift
ln -s "$T_DIR/edit" work/course.bank
cp "$sig" work/course.bank.minisig
attempt "a symlink to tampered text, genuine signature" course.bank
# --- swapped and forged signatures ---
put edit course.bank genuine/other.bank.minisig; attempt "another bank's signature" course.bank
cp edit mallory.bank; mallory_sign mallory.bank
put edit course.bank mallory.bank.minisig; attempt "signed by an untrusted key" course.bank
sed '3s/.*/trusted comment: timestamp:1\tfile:course.bank\thashed/' "$sig" >forged.sig
put genuine/course.bank course.bank forged.sig; attempt "genuine text, edited trusted comment" course.bank
put edit course.bank forged.sig; attempt "tampered text, edited trusted comment" course.bank
head -c 120 "$sig" >short.sig
put edit course.bank short.sig; attempt "a truncated signature" course.bank
printf 'not a signature\n' >junk.sig
put edit course.bank junk.sig; attempt "a junk signature" course.bank
: >empty.sig
put edit course.bank empty.sig; attempt "an empty signature file" course.bank
sed '2s/^RUQ/RWQ/' "$sig" >legacy.sig
put edit course.bank legacy.sig; attempt "the signature relabelled as legacy" course.bank
# --- extra files on the command line ---
put edit course.bank "$sig"; put genuine/other.bank other.bank genuine/other.bank.minisig
attempt "tampered, then a genuine signed bank" course.bank other.bank
put edit course.bank "$sig"; put genuine/other.bank other.bank genuine/other.bank.minisig
attempt "a genuine signed bank, then tampered" other.bank course.bank
put genuine/course.bank course.bank "$sig"; put edit course.csv
attempt "genuine course.bank and a course.csv with the same id" course.bank course.csv
put genuine/course.bank course.bank "$sig"; put edit course.txt
attempt "genuine course.bank and tampered course.txt" course.bank course.txt
put edit course.bank "$sig"; printf 'front,back\nx,y\n' >work/extra.csv
attempt "tampered bank beside an unrelated CSV" course.bank extra.csv
put edit course.bank; printf 'front,back\nx,y\n' >work/extra.csv
attempt "unsigned tampered bank beside an unrelated CSV" extra.csv course.bank
put genuine/course.bank course.bank "$sig"; put edit copy.bank
attempt "the genuine bank twice, once tampered" course.bank copy.bank
# --- unsigned replacements ---
put edit course.bank; attempt "tampered, unsigned" course.bank
put genuine/course.bank course.bank; attempt "the genuine text without its signature" course.bank
printf 'bank course\ntitle: Mine\n\nacronym X\nlong: Xylophone\n' >edit
put edit course.bank; attempt "a different bank with the same id" course.bank
put edit course.bank; attempt "the same, with --replace" --replace course.bank
mkfifo work/course.bank
cp "$sig" work/course.bank.minisig
{ sed 's/Peace/War/' genuine/course.bank >work/course.bank; cat genuine/course.bank >work/course.bank; } 2>/dev/null &
writer=$!
attempt_fifo() {
    variants=$((variants + 1))
    (cd work && "$RECITE_BIN" bank import course.bank) >"$T_DIR/stdout" 2>"$T_DIR/stderr" </dev/null
    status=$?
    exec 8<>work/course.bank
    wait "$writer" 2>/dev/null
    exec 8<&-
    "$RECITE_BIN" bank export course >stored.after 2>/dev/null
    if [ "$status" -ne 0 ] && cmp -s stored.before stored.after; then ok "refused: a FIFO serving tampered then genuine text"
    else imported=$((imported + 1)); fail "imported: a FIFO serving tampered then genuine text"; fi
}
attempt_fifo

echo "tamper corpus: $variants variants, $imported imported"
[ "$variants" -ge 50 ] && ok "at least 50 variants ($variants)" || fail "only $variants variants"
[ "$imported" -eq 0 ] && ok "none imported" || fail "$imported imported"

# The genuine bank, signed, still imports (the corpus did not just break importing).
run bank import genuine/course.bank genuine/other.bank
expect_status 0 "the genuine banks import"
finish
