#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The generator's regression corpus (tests/data/gen/corpus): every document
# has its source in SOURCES.md and hand-written gold in corpus.gold.tsv, and
# bench/gen_eval over the whole corpus stays at or above floors set just
# under the figures measured last (a regression guard, not the targets of
# issue 17). gen_eval scores what the drafts offer: facts a draft writes
# commented out are counted apart. When the corpus was annotated (main at
# 2d6e92d, every fact scored): acronyms P 0.9524 R 0.5263, events P 0.7680
# R 0.5503, lists P 0.6667 R 0.5517, prompts 16 of 24. Now:
#
#   acronyms P 0.9714 R 0.8947, events P 0.9384 R 0.7929,
#   lists P 1.0000 R 0.7931, list prompts read as noun phrases 22 of 23
#
# Each floor allows about one fact less. The event recall floor went down
# once, from 0.80 to 0.78, on purpose: facts under confidence 0.30 are now
# written commented out (half of them were wrong), which took event precision
# from 0.8805 to 0.9315 and list precision to 1.0 for 4 right events fewer;
# the list recall floor from 0.75 to 0.72 when a prompt cut off mid-clause
# ("states Roosevelt agreed to General Assembly membership for") stopped
# being offered as a question. Raised with the figures: event precision to
# 0.93, list recall to 0.75.
#
# The acronym extractor on MED1250 (1,252 abstracts) stays just under today's
# P 0.9750 R 0.8460, which is above Ab3P's published P 0.965 R 0.832.
#
# Raise a floor when the figures rise; never lower one to let a change in.
. "$(dirname "$0")/lib.sh"

eval_bin="${RECITE_BUILD_DIR:-$RECITE_SOURCE_DIR/build}/bench/gen_eval"
if [ ! -x "$eval_bin" ]; then
    echo "skip: gen_eval not built (RECITE_BUILD_BENCH=OFF)"
    exit 77
fi
corpus="$RECITE_TEST_DATA/gen/corpus"
gold="$corpus/corpus.gold.tsv"
floors=(--floor acronym:0.96:0.86 --floor event:0.93:0.78 --floor list:0.95:0.75
    --floor prompts:0.90)

docs=()
for f in "$corpus"/*; do
    case "$(basename "$f")" in
    SOURCES.md | *.tsv | *.py) ;;
    *) docs+=("$f") ;;
    esac
done
out=/dev/null err=/dev/null
[ "${#docs[@]}" -ge 12 ] && ok "${#docs[@]} documents in the corpus" ||
    fail "only ${#docs[@]} documents in $corpus"

# each document: an entry in SOURCES.md and gold rows
missing=0
for f in "${docs[@]}"; do
    name=$(basename "$f")
    grep -Fq "\`$name\`" "$corpus/SOURCES.md" || { fail "$name has no entry in SOURCES.md"; missing=1; }
    rows=$(awk -F '\t' -v d="$name" '!/^#/ && NF >= 3 && ($3 == d || $5 == d)' "$gold" | wc -l)
    [ "$rows" -gt 0 ] || { fail "$name has no gold rows"; missing=1; }
done
[ "$missing" -eq 1 ] || ok "every document has a source and gold rows"

out="$T_DIR/eval.out" err="$T_DIR/eval.err"
"$eval_bin" "${floors[@]}" "$gold" "${docs[@]}" >"$out" 2>"$err"
status=$?
expect_status 0 "the corpus evaluation is at or above every floor"
missing=0
for f in "${docs[@]}"; do
    name=$(basename "$f")
    for kind in acronym event list; do
        grep -Fq "$(printf '%-8s %-28.28s ' "$kind" "$name")" "$out" || { fail "no $kind row for $name"; missing=1; }
    done
done
[ "$missing" -eq 1 ] || ok "precision and recall per kind for every document"
expect_out '^prompts +[0-9]+ of [0-9]+ list prompts read as noun phrases' "the noun-phrase share is printed"

# the guard itself: a floor just above today's event precision fails the run
p=$(awk '$1 == "event" && $2 == "(all," { print $(NF - 2) }' "$out")
if awk -v p="$p" 'BEGIN { exit !(p < 1) }'; then
    above=$(awk -v p="$p" 'BEGIN { printf "%.4f", p + 0.0001 }')
    "$eval_bin" --floor "event:$above:0" "$gold" "${docs[@]}" >"$T_DIR/guard.out" 2>"$err"
    status=$?
    expect_status 1 "a floor above the measured event precision ($p) fails the run"
    expect_err "event precision $p is below the floor $above"
fi

# MED1250 against Ab3P
out="$T_DIR/med.out" err="$T_DIR/med.err"
"$eval_bin" --floor acronym:0.97:0.84 --med1250 "$RECITE_TEST_DATA/gen/MED1250_labeled" >"$out" 2>"$err"
status=$?
expect_status 0 "MED1250 acronyms at or above P 0.97 R 0.84"
expect_out '^MED1250: 1252 abstracts, 1221 labelled definitions' "all of MED1250 is read"
expect_out '^published: Ab3P P 0.9650 R 0.8320' "Ab3P's figures are printed beside ours"
finish
