#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Anki packages: the three layouts (built by anki-fixture from the documented
# format) import to the same bank, the collection is chosen by the meta entry
# and the dummy is never read, media land beside the database, the review
# log is replayed as fsrs-replay (checked against ts-fsrs) replays it, a
# second import adds nothing, and bad packages are refused with exit 65 and
# the database unchanged. Then the real Anki exports of shared/corpus/anki,
# when that folder is there.
. "$(dirname "$0")/lib.sh"

build="${RECITE_BUILD_DIR:-$RECITE_SOURCE_DIR/build}"
fixture="$build/tests/anki-fixture"
if [ ! -x "$fixture" ]; then
    echo "skip: anki-fixture not built"
    exit 77
fi
FX="$T_DIR/fx"
mkdir -p "$FX"
"$fixture" "$FX" || { echo "FAIL: anki-fixture"; exit 1; }
db="$RECITE_DB"

# The bank's text without its first line (the bank id, which is the file's name).
body() {
    run bank export "$1"
    tail -n +2 "$out" >"$T_DIR/$1.body"
}

for f in legacy1.apkg legacy2.colpkg modern.apkg; do
    run bank import "$FX/$f"
    expect_status 0 "$f imports"
    expect_out "$f: \+6 ~0 -0 \(0 unchanged, 8 new cards\), new bank, 9 answers from its history, 1 media files" \
        "$f: five notes as six facts and eight cards, nine answers, one image"
done
# The first import filled an empty log with its indexes dropped and built again: as a new database has them.
RECITE_DB="$T_DIR/fresh.db" run bank list
index_sql="SELECT group_concat(name || ': ' || sql, '; ') FROM (SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'review' ORDER BY name)"
got=$(sqlite3 -batch -noheader "$db" "$index_sql")
want=$(sqlite3 -batch -noheader "$T_DIR/fresh.db" "$index_sql")
if [ -n "$want" ] && [ "$got" = "$want" ]; then ok "the answer log keeps its indexes ($want)"; else fail "review indexes: '$got', a new database: '$want'"; fi
body legacy1
body legacy2
body modern
if cmp -s "$T_DIR/legacy1.body" "$T_DIR/modern.body" && cmp -s "$T_DIR/legacy1.body" "$T_DIR/legacy2.body"; then
    ok "the three layouts give the same facts"
else
    fail "the layouts differ"; diff "$T_DIR/legacy1.body" "$T_DIR/modern.body"
fi
out="$T_DIR/modern.body"
expect_no_out 'Please update' "the dummy collection of the modern package is not read"
expect_out '^ask: What is the capital of France\?$' "HTML tags dropped"
expect_out '^answer: Paris & nothing else\\\\nline two$' "entities decoded, <br> a line break"
expect_out '^ask: cat$' "Basic and reversed: the reverse card asks the back"
expect_out '^ask: the dog$' "another note type asks the field its front template shows"
expect_out '^answer: le chien$' "... and answers with the other of its first two fields"
expect_out '^text: \{\{Canberra\}\} is the capital of \{\{Australia\}\}; \{\{it\}\} was founded in 1913\.$' \
    "a Cloze note keeps every deletion, hints dropped"
expect_out '^ask: \[image: cat\.jpg\]$' "an image is named in the fact"
expect_out '^category: Lang/French$' "the deck is the category"
expect_out '^tags: geo europe$' "note tags are kept"
if cmp -s "$T_DIR/media/modern/cat.jpg" <(printf '\377\330\377\340cat\377\331'); then
    ok "the image is kept in media/BANK/ beside the database"
else
    fail "media/modern/cat.jpg is missing or wrong"
fi

# The meta entry decides: meta 1 names collection.anki2 although a
# collection.anki21 (here the dummy) is there.
run bank import "$FX/meta1.apkg"
expect_status 0 "meta1.apkg imports"
body meta1
if cmp -s "$T_DIR/legacy1.body" "$T_DIR/meta1.body"; then ok "meta 1 reads collection.anki2"; else fail "meta1 read the wrong collection"; fi

# Fields longer than a bank line are cut to fit; a cloze keeps at most 32 deletions.
run bank import "$FX/long.apkg"
expect_status 0 "long.apkg imports"
expect_out 'long\.apkg: \+2 ~0 -0 \(0 unchanged, 33 new cards\)' "two facts: a flashcard and a cloze of 32 deletions"
run bank export long
longest=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$out")
if [ "$longest" -le 4096 ]; then ok "every line fits a bank line ($longest bytes)"; else fail "a line of $longest bytes"; fi
expect_out '…$' "a cut field ends with an ellipsis"

# History: the answers of the Anki review log, manual reschedules left out.
q() { sqlite3 -batch -noheader "$db" "$1"; }
card_sql="FROM card c JOIN fact f ON f.id = c.fact_id JOIN bank b ON b.id = f.bank_id WHERE b.slug = 'modern'"
got=$(q "SELECT group_concat(r.rating, ',') FROM (SELECT r.rating FROM review r JOIN card c ON c.id = r.card_id JOIN fact f ON f.id = c.fact_id JOIN bank b ON b.id = f.bank_id WHERE b.slug = 'modern' AND f.key = 'n1700000000001' ORDER BY r.at) r")
if [ "$got" = "3,3,3,4" ]; then ok "card 1 has its four answers, not the manual reschedule"; else fail "card 1 answers: $got"; fi
got=$(q "SELECT c.template $card_sql AND c.reps > 0 ORDER BY f.key, c.template" | tr '\n' ' ')
if [ "$got" = "typed typed cloze-2 " ]; then ok "answers go to the cards Anki answered (cloze c2 is cloze-2)"; else fail "answered cards: $got"; fi

replay="$build/bench/fsrs-replay"
if [ -x "$replay" ]; then
    # Each answered card's history, replayed by fsrs-replay with the default parameters.
    q "SELECT json_object('id', CAST(c.id AS TEXT), 'start_ms', min(r.at),
              'reviews', json_group_array(json_object('review_ms', r.at, 'rating', r.rating)))
       FROM (SELECT * FROM review ORDER BY at) r JOIN card c ON c.id = r.card_id
       JOIN fact f ON f.id = c.fact_id JOIN bank b ON b.id = f.bank_id
       WHERE b.slug = 'modern' GROUP BY c.id ORDER BY c.id" >"$T_DIR/hist.jsonl"
    "$replay" <"$T_DIR/hist.jsonl" >"$T_DIR/replayed.jsonl" 2>"$T_DIR/replay.err"
    n=0 bad=0
    while read -r line; do
        id=$(jq -r .id <<<"$line")
        want=$(jq -r '.reviews[-1].card | [.due_ms, .stability, .difficulty, .reps, .lapses, .state] | map(tostring) | join(" ")' <<<"$line")
        have=$(q "SELECT due, stability, difficulty, reps, lapses, state FROM card WHERE id = $id" | tr '|' ' ')
        # stability and difficulty to 8 decimals, the rest exactly
        if awk -v a="$want" -v b="$have" 'BEGIN { split(a, x, " "); split(b, y, " ");
                if (x[1] != y[1] || x[4] != y[4] || x[5] != y[5] || x[6] != y[6]) exit 1;
                for (i = 2; i <= 3; i++) { d = x[i] - y[i]; if (d < 0) d = -d; if (d > 1e-8) exit 1 }
                exit 0 }'; then
            n=$((n + 1))
        else
            bad=$((bad + 1)); echo "card $id: replay $want, stored $have"
        fi
    done <"$T_DIR/replayed.jsonl"
    if [ "$n" -eq 3 ] && [ "$bad" -eq 0 ]; then ok "3 cards' memory state equals the fsrs-replay of their history"; else fail "$n cards agree, $bad differ"; fi
else
    echo "skip: fsrs-replay not built (RECITE_BUILD_BENCH=OFF)"
fi

# A second import of the same package adds nothing.
# the hourly totals the statistics read hold every replayed answer, as the log says
hours=$(q "SELECT group_concat(bank_id || ':' || hour || ':' || kind || ':' || reviews || ':' || passed || ':' || duration_ms, ';') FROM (SELECT * FROM review_hour WHERE reviews > 0 ORDER BY bank_id || ':' || hour || ':' || kind)")
recount=$(q "SELECT group_concat(b || ':' || h || ':' || k || ':' || n || ':' || p || ':' || d, ';') FROM (SELECT f.bank_id AS b, r.at / 3600000 AS h, CASE json_extract(r.state_before, '\$.state') WHEN 0 THEN 0 WHEN 2 THEN CASE WHEN json_extract(r.state_before, '\$.scheduled_days') >= 21 THEN 3 ELSE 2 END ELSE 1 END AS k, count(*) AS n, sum(r.rating >= 2) AS p, sum(r.duration_ms) AS d FROM review r JOIN card c ON c.id = r.card_id JOIN fact f ON f.id = c.fact_id GROUP BY 1, 2, 3 ORDER BY b || ':' || h || ':' || k)")
if [ -n "$hours" ] && [ "$hours" = "$recount" ]; then ok "the hourly totals count every replayed answer"; else fail "review_hour: $hours, the log: $recount"; fi
before=$(q "SELECT count(*) FROM review")
run bank import "$FX/modern.apkg"
expect_status 0 "modern.apkg imports again"
expect_out 'modern\.apkg: unchanged \(6 facts\)$' "unchanged, no answers added"
after=$(q "SELECT count(*) FROM review")
if [ "$before" = "$after" ]; then ok "re-import leaves the $before answers alone"; else fail "answers $before -> $after"; fi

# Export: a modern package that imports back to the same facts, answers and card states.
run bank export modern --format apkg
expect_status 64 "--format apkg without -o is refused"
mkdir -p "$T_DIR/rt"
run bank export modern --format apkg -o "$T_DIR/rt/modern.apkg"
expect_status 0 "modern exports as apkg"
expect_err 'recite: 6 questions written as apkg$' "six facts written, nothing lost"
if [ "$(head -c 4 "$T_DIR/rt/modern.apkg" | od -An -c | tr -d ' ')" = 'PK003004' ]; then ok "the export is a zip archive"; else fail "the export is no zip archive"; fi
history() {
    sqlite3 -batch -noheader "$1" "SELECT f.key, c.template, r.at, r.rating, c.state, c.due, c.reps, c.lapses, printf('%.8f %.8f', c.stability, c.difficulty)
        FROM review r JOIN card c ON c.id = r.card_id JOIN fact f ON f.id = c.fact_id JOIN bank b ON b.id = f.bank_id
        WHERE b.slug = 'modern' ORDER BY r.at, f.key"
}
history "$db" >"$T_DIR/rt/before"
RECITE_DB="$T_DIR/rt/back.db" run bank import "$T_DIR/rt/modern.apkg"
expect_status 0 "the exported package imports"
expect_out 'modern\.apkg: \+6 ~0 -0 \(0 unchanged, 8 new cards\), new bank, 9 answers from its history' "six facts, eight cards, nine answers"
RECITE_DB="$T_DIR/rt/back.db" run bank export modern
tail -n +2 "$out" >"$T_DIR/rt/modern.body"
if cmp -s "$T_DIR/modern.body" "$T_DIR/rt/modern.body"; then ok "the round trip gives the same facts (keys, decks, tags)"; else fail "facts differ after the round trip"; diff "$T_DIR/modern.body" "$T_DIR/rt/modern.body"; fi
history "$T_DIR/rt/back.db" >"$T_DIR/rt/after"
if [ -s "$T_DIR/rt/before" ] && cmp -s "$T_DIR/rt/before" "$T_DIR/rt/after"; then ok "the round trip gives the same answers and card states"; else fail "history differs after the round trip"; diff "$T_DIR/rt/before" "$T_DIR/rt/after"; fi

# The export read by tools that share no code with recite's reader: unzip,
# the zstd command and the sqlite3 shell, as Anki's documented layout says
# (a `meta` entry of protobuf version 3, a zstd-compressed schema-18 collection).
if command -v unzip >/dev/null && command -v zstd >/dev/null; then
    pkg="$T_DIR/rt/modern.apkg"
    entries=$(unzip -Z1 "$pkg" | sort | tr '\n' ' ')
    case "$entries" in
    *"collection.anki21b "*"meta "*) ok "unzip lists meta and collection.anki21b ($entries)" ;;
    *) fail "unzip lists: $entries" ;;
    esac
    if [ "$(unzip -p "$pkg" meta | od -An -tx1 | tr -d ' \n')" = "0803" ]; then
        ok "meta is protobuf version 3 (the modern layout)"
    else
        fail "meta is $(unzip -p "$pkg" meta | od -An -tx1)"
    fi
    unzip -p "$pkg" collection.anki21b | zstd -dq >"$T_DIR/rt/col.db" 2>/dev/null
    col() { sqlite3 -batch -noheader "$T_DIR/rt/col.db" "$1" 2>&1; }
    # (integrity_check would need Anki's unicase collation, which the shell lacks)
    if [ "$(head -c 15 "$T_DIR/rt/col.db")" = "SQLite format 3" ]; then ok "the collection decompresses to an SQLite file"; else fail "the collection is no SQLite file"; fi
    if [ "$(col 'SELECT ver FROM col')" = 18 ]; then ok "the collection is schema 18"; else fail "schema $(col 'SELECT ver FROM col')"; fi
    if [ "$(col 'SELECT count(*) FROM revlog')" = 9 ]; then ok "its review log holds the nine answers"; else fail "revlog: $(col 'SELECT count(*) FROM revlog')"; fi
    if [ "$(col 'SELECT count(*) FROM cards')" = 8 ]; then ok "it holds the eight cards"; else fail "cards: $(col 'SELECT count(*) FROM cards')"; fi
    if col "SELECT flds FROM notes" | grep -q 'What is the capital of France?'; then ok "a note's fields hold the question"; else fail "no note holds the question"; fi
    if [ "$(col "SELECT count(*) FROM cards c JOIN notes n ON n.id = c.nid JOIN notetypes t ON t.id = n.mid")" = 8 ]; then
        ok "every card's note and note type are there"
    else
        fail "cards without a note or note type"
    fi
else
    echo "skip: unzip or zstd missing: the export is not read by other tools"
fi

# Bad packages: exit 65, a clear error, the database as it was.
cp "$FX/modern.apkg" "$T_DIR/truncated.apkg"
truncate -s $(($(stat -c %s "$FX/modern.apkg") / 2)) "$T_DIR/truncated.apkg"
cp "$FX/legacy1.apkg" "$T_DIR/corrupt.apkg"
printf 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' | dd of="$T_DIR/corrupt.apkg" bs=1 seek=200 conv=notrunc 2>/dev/null
cp "$FX"/{unknown,nocollection,bomb,zstdbomb,traversal,notsqlite}.apkg "$T_DIR/"
dump() { sqlite3 "$db" .dump | sha256sum; }
state=$(dump)
check_bad() {
    run bank import "$T_DIR/$1.apkg"
    expect_status 65 "$1.apkg is refused with 65"
    expect_err "cannot import '.*$1\.apkg': $2" "$1: $2"
    expect_err 'nothing was imported' "$1: nothing was imported"
    if [ "$(dump)" = "$state" ]; then ok "$1: the database is unchanged"; else fail "$1 changed the database"; fi
}
check_bad truncated 'not a readable zip archive'
check_bad corrupt "entry 'collection.anki2' is corrupt"
check_bad unknown 'unknown package layout \(meta version 7\)'
check_bad nocollection 'unknown package layout'
check_bad bomb "entry 'collection.anki2' inflates to 41943040 bytes or more.*zip bomb"
check_bad zstdbomb "entry 'collection.anki21b': zstd data inflates past .*zip bomb"
check_bad traversal "media file name '\.\./escaped\.txt' is not a plain file name"
check_bad notsqlite 'the collection is not an SQLite database'
if [ -e "$T_DIR/media/escaped.txt" ] || [ -e "$T_DIR/escaped.txt" ]; then fail "a media name escaped its folder"; else ok "no file was written outside media/BANK/"; fi

# Real packages exported by Anki (shared/corpus/anki, never in the repository).
corpus="$RECITE_SOURCE_DIR/../shared/corpus/anki"
if [ -d "$corpus" ]; then
    export RECITE_DB="$T_DIR/corpus.db"
    db="$RECITE_DB"
    run bank import "$corpus"/*.apkg "$corpus"/*.colpkg
    expect_status 0 "all ten real packages import in one go"
    # file, notes in the package, answers in its review log (SOURCES.md)
    while read -r name notes answers; do
        slug=${name%%.*}
        facts=$(q "SELECT count(*) FROM fact f JOIN bank b ON b.id = f.bank_id WHERE b.slug = '$slug'")
        reviews=$(q "SELECT count(*) FROM review r JOIN card c ON c.id = r.card_id JOIN fact f ON f.id = c.fact_id JOIN bank b ON b.id = f.bank_id WHERE b.slug = '$slug'")
        if [ "$facts" -ge $((notes * 9 / 10)) ] && [ "$reviews" -ge $((answers * 95 / 100)) ]; then
            ok "$name: $facts facts of $notes notes, $reviews answers of $answers"
        else
            fail "$name: $facts facts of $notes notes, $reviews answers of $answers"
        fi
        run bank export "$slug"
        expect_no_out 'Please update to the latest Anki|requires a newer version of Anki' "$name: no dummy note"
    done <<'EOF'
modern-spanish-reviews.apkg 2887 31363
modern-image-test.apkg 2 0
modern-music-intervals.apkg 340 0
modern-newly-learned-words.apkg 19 0
legacy21-all-templates-media.colpkg 8 0
legacy21-random-reviews.colpkg 25 110
oldest-random-reviews.apkg 25 110
oldest-all-templates-media.apkg 8 0
oldest-ap-gov-vocab.apkg 242 0
oldest-hiragana-audio.apkg 46 0
EOF
    n=$(ls "$T_DIR/media/oldest-hiragana-audio" | wc -l)
    if [ "$n" -eq 46 ]; then ok "the 46 sounds of the hiragana deck are kept"; else fail "$n hiragana sounds"; fi
else
    echo "skip: $corpus is absent"
fi

finish
