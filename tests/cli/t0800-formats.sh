#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# bank import of GIFT, Aiken, Anki text and CSV (format guessed or given
# with --format), all or nothing with FILE:LINE:COL errors; bank export
# --format with its one-line report of what was dropped.
. "$(dirname "$0")/lib.sh"

F="$RECITE_TEST_DATA/formats"

run bank import "$F/gift/05_multichoice.gift"
expect_status 0 "a .gift file imports"
expect_out '05_multichoice\.gift: \+6 ~0 -0 .*new bank' "six questions, bank named after the file"

run bank import "$F/aiken/basic.aiken.txt" "$F/anki/basic_tab.txt"
expect_status 0 "Aiken and Anki text are recognised by content"
expect_out '^.*basic\.aiken\.txt: \+[1-9]' "the Aiken file adds questions"
expect_out '^.*basic_tab\.txt: \+3 ' "the Anki file adds its three notes"

run bank import --format gift "$F/gift/moodle/examples.txt"
expect_status 0 "--format gift reads Moodle's examples.txt"
expect_out 'examples\.txt: \+43 ' "all 43 questions"

run bank list
expect_out '^05_multichoice ' "the GIFT bank is listed"

# Malformed inputs: a located error and nothing imported.
printf '::ok::Fine {T}\n\n::b::Broken {=a ~b\n' >"$T_DIR/broken.gift"
run bank import "$F/gift/07_shortanswer.gift" "$T_DIR/broken.gift"
expect_status 65 "a broken GIFT file fails the import"
expect_err "broken\.gift:3:13: '\{' is never closed" "the error is FILE:LINE:COL"
expect_err 'nothing was imported' "all or nothing is said"
run bank list
if grep -q '^07_shortanswer ' "$out"; then fail "the good file of a failed import was stored"; else ok "the good file was not stored either"; fi

printf 'Q1?\nA) a\nB) b\nANSWER: A\nQ2?\nA) x\nB) y\n' >"$T_DIR/noanswer.aiken"
run bank import "$T_DIR/noanswer.aiken"
expect_status 65 "Aiken without ANSWER fails"
expect_err "noanswer\.aiken:5:1: question without an 'ANSWER:' line" "located at the question"

printf 'front,back\na,b\nc,d,e\n' >"$T_DIR/ragged.csv"
run bank import "$T_DIR/ragged.csv"
expect_status 65 "a row longer than the header fails"
expect_err 'ragged\.csv:3:1: row has 3 fields but the header has 2' "located at the row"

# CR-only line endings (old Mac, some spreadsheet exports) end records as LF and CRLF do.
printf 'front,back\rPfP,Partnership for Peace\rEU,European Union\rNATO,North Atlantic Treaty Organization\r' >"$T_DIR/mac.csv"
run bank import "$T_DIR/mac.csv"
expect_status 0 "a CSV with CR-only line endings imports"
expect_out 'mac\.csv: \+3 ' "as three cards, not one merged field"
run bank export mac --format csv
grep -q '^flashcard,,,,plain,EU,,European Union,' "$out" && ok "each row is its own question" ||
    fail "rows merged: $(cat "$out")"
# A header row naming the columns is not a card, whatever the usual names.
i=0
for header in question,answer Question,Answer term,definition Q,A front,back; do
    i=$((i + 1))
    printf '%s\nPfP,Partnership for Peace\n' "$header" >"$T_DIR/hdr$i.csv"
    run bank import "$T_DIR/hdr$i.csv"
    expect_status 0 "a two-column CSV headed $header imports"
    expect_out "hdr$i\\.csv: \\+1 " "with one card: its header is not a card"
done
printf 'PfP,Partnership for Peace\nEU,European Union\n' >"$T_DIR/nohdr.csv"
run bank import "$T_DIR/nohdr.csv"
expect_out 'nohdr\.csv: \+2 ' "a first row that names no columns is a card"

printf 'How much? {#ten}\n' >"$T_DIR/num.gift"
run bank import "$T_DIR/num.gift"
expect_status 65 "a numerical answer that is not a number fails"
expect_err "num\.gift:1:13: numerical answer 'ten' is not a number" "located at the answer"

run bank import --format nope "$T_DIR/num.gift"
expect_status 64 "unknown --format is a usage error"

# Export with a report.
run bank export 05_multichoice --format aiken
expect_status 0 "export as Aiken"
expect_out '^ANSWER: A$' "Aiken answer lines"
expect_err '^recite: 3 questions written as aiken; dropped: unsupported questions \(3\), titles \(3\), feedback \(1\), general feedback \(1\), partial weights \(1\)$' "one-line report of what Aiken drops"

run bank export 05_multichoice --format gift -o "$T_DIR/mc.gift"
expect_status 0 "export as GIFT to a file"
expect_err '^recite: 6 questions written as gift$' "GIFT drops nothing"
run bank import --format gift "$T_DIR/mc.gift"
expect_status 0 "the export imports again"
expect_out 'mc\.gift: \+6 ' "with its six questions"

run bank export basic_tab --format anki
expect_status 0 "export as Anki text"
expect_out '^#separator:tab$' "separator header"
expect_out '^#html:false$' "html header"
expect_out '^#notetype:Basic$' "note type header"
expect_out '^#deck:Geography::Capitals$' "one deck for all notes"
expect_out '^#columns:Front	Back	Tags$' "columns header"
expect_out '^#tags column:3$' "tags column header"
expect_out '^France	Paris	geo europe capital$' "a note with its tags"

run bank export 05_multichoice --format csv
expect_status 0 "export as CSV"
expect_out '^kind,category,title,tags,format,text,general_feedback,answer1,weight1,feedback1' "CSV header"

run bank export 05_multichoice --format bank
expect_status 0 "--format bank is the canonical text"
expect_out '^type: multichoice$' "question fields of the formats are in the bank"
expect_out '^choice: right \| %100 \| #Correct\.$' "an answer with weight and feedback"

finish
