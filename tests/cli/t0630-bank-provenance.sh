#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A bank's provenance is part of the bank. Once a bank id was imported
# signed by a trusted key, every later import under that id must be signed
# by a trusted key over exactly the bytes imported, whatever the format, the
# file name or the other files on the command line; a file of another format
# never takes a bank id over unless asked (--replace); --allow-unsigned is
# the explicit, loud override. Each refusal names the file and changes
# nothing.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed; skipped"; exit 77; }
cd "$T_DIR" || exit 1
q() { sqlite3 "$RECITE_DB" "$1"; }
# stored: the canonical text of bank course as stored
stored() { "$RECITE_BIN" bank export course 2>/dev/null; }
# unchanged WHAT: the stored bank is still the genuine one
unchanged() {
    if [ "$(stored)" = "$genuine_text" ]; then ok "$1: the signed bank is unchanged"
    else fail "$1: the stored bank changed"; fi
}

cat >course.bank <<'EOF'
bank course
title: Course
version: 1

acronym PfP
long: Partnership for Peace

question article-5
ask: Which article makes an attack on one ally an attack on all?
answer: Article 5 | 5
wrong: Article 4
EOF
run key gen --no-password
expect_status 0 "the instructor has a key"
run bank sign course.bank
expect_status 0 "and signs the bank"
run key trust "$(sed -n 2p "$(dirname "$RECITE_DB")/keys/recite.pub")" instructor
expect_status 0 "the student trusts the instructor key"
run bank import course.bank
expect_status 0 "the signed bank imports"
expect_err "course\\.bank: signature good, signed by instructor \\([0-9A-F]{16}\\)" "and says who signed it"
[ -n "$(q "select signer from bank where slug = 'course'")" ] && ok "the signer is stored with the bank" ||
    fail "no signer stored"
[ "$(q "select format from bank where slug = 'course'")" = bank ] && ok "so is the format" || fail "format"
genuine_text=$(stored)

sed 's/Partnership for Peace/Partnership for War/' course.bank >tampered.bank
printf 'front,back\nx,y\n' >extra.csv

# 1. A tampered copy beside the genuine signature, with another file on the command line.
cp course.bank.minisig tampered.bank.minisig
run bank import tampered.bank extra.csv
expect_status 1 "a tampered bank with the genuine signature is refused, even beside a CSV"
expect_err "'tampered\\.bank' does not match its signature" "the refusal names the file"
expect_err "nothing was imported" "nothing is imported"
unchanged "tampered + csv"
[ "$(q "select count(*) from bank where slug = 'extra'")" = 0 ] && ok "the CSV beside it is not stored either" ||
    fail "extra.csv was stored"

# 2. The same text under another name, read through the formats path.
cp tampered.bank t.txt
run bank import t.txt
expect_status 1 "the tampered text renamed t.txt is refused"
expect_err "'t\\.txt' is not signed, but bank 'course' was imported signed" "because the bank was signed"
unchanged "t.txt"
cp course.bank.minisig t.txt.minisig
run bank import t.txt
expect_status 1 "and with the genuine signature beside it too"
unchanged "t.txt + minisig"

# 3. Another format whose file name gives the same bank id.
printf '::q1:: Which article? {=Article 9 ~Article 5}\n' >course.gift
run bank import course.gift
expect_status 1 "a GIFT file named after the signed bank is refused"
expect_err "'course\\.gift' is not signed" "the refusal names the file"
unchanged "course.gift"
printf 'front,back\nPfP,Partnership for War\n' >course.csv
run bank import course.csv extra.csv
expect_status 1 "so is a CSV file"
unchanged "course.csv"

# 4. An unsigned .bank with the same id, and the explicit override.
run bank import tampered.bank
expect_status 1 "an unsigned tampered bank is refused (its .minisig is another file's)"
rm tampered.bank.minisig
run bank import tampered.bank
expect_status 1 "an unsigned .bank with the bank's id is refused"
expect_err "only a file signed by a trusted key may replace it" "the refusal says what would do"
unchanged "unsigned .bank"

# 5. The bytes verified are the bytes imported: a FIFO cannot swap them.
mkfifo swap.bank
cp course.bank.minisig swap.bank.minisig
{ cat tampered.bank >swap.bank; cat course.bank >swap.bank; } 2>/dev/null &
writer=$!
run bank import swap.bank
# The reader sees the tampered text alone (a signature mismatch, 1) or, when the
# second writer opens the FIFO before the first one's end is read, both texts
# run together (no bank, 65): a race the test cannot settle. Either is a refusal.
case $status in
1 | 65) ok "a FIFO that serves tampered text and then the genuine text is refused (exit $status)" ;;
*) fail "a FIFO that serves tampered text and then the genuine text: expected exit 1 or 65, got $status" ;;
esac
unchanged "fifo"
# Whatever the writer has left to say is drained, so that it ends.
exec 8<>swap.bank
wait "$writer" 2>/dev/null
exec 8<&-
rm -f swap.bank swap.bank.minisig

# 6. The instructor's next version, signed, imports; so does the bank in another
#    format once asked, and its signature is over the CSV bytes.
mkdir next signed
sed 's/^version: 1$/version: 2/' course.bank >next/course.bank
run bank sign next/course.bank
run bank import next/course.bank
expect_status 0 "a new signed version imports"
genuine_text=$(stored)
grep -q '^version: 2$' <<<"$genuine_text" && ok "and is stored" || fail "version 2 not stored"
run bank export course --format csv -o signed/course.csv
run bank sign signed/course.csv
expect_status 0 "a CSV bank can be signed too"
run bank import signed/course.csv
expect_status 73 "a signed CSV still does not replace a bank from a .bank file unasked"
expect_err "'signed/course\\.csv' is a csv file, but bank 'course' came from a bank file" "and says why"
unchanged "signed csv"
run bank import signed/course.csv --replace
expect_status 0 "with --replace it does"
[ "$(q "select format from bank where slug = 'course'")" = csv ] && ok "the bank now comes from CSV" || fail "format"
genuine_text=$(stored)
printf 'multichoice,,,,plain,Added?,,yes,100,,no,0,\r\n' >>signed/course.csv
run bank import signed/course.csv
expect_status 1 "an edited signed CSV is refused"
unchanged "edited csv"

# 7. The override is explicit and loud; afterwards the bank is unsigned.
run bank import tampered.bank --replace
expect_status 1 "--replace does not stand in for a signature"
run bank import tampered.bank --replace --allow-unsigned
expect_status 0 "--allow-unsigned lets an unsigned file replace the signed bank"
expect_err "warning: tampered\\.bank is not signed, yet replaces bank 'course', which key [0-9A-F]{16} had signed" \
    "and warns loudly"
[ "$(q "select signer from bank where slug = 'course'")" = "" ] && ok "the bank is now unsigned" ||
    fail "signer kept"

# 8. Without any signature, a bank id still keeps its format.
printf 'bank plain\ntitle: P\n\nacronym EU\nlong: European Union\n' >plain.bank
run bank import plain.bank
expect_status 0 "an unsigned bank imports"
expect_err "note: plain\\.bank is not signed" "with a note"
printf 'front,back\nEU,Eurovision\n' >plain.csv
run bank import plain.csv
expect_status 73 "a CSV named like an unsigned .bank does not take it over"
run bank import plain.csv --replace
expect_status 0 "unless asked"
finish
