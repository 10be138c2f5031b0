#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Review cost per answer: builds (once, cached in bench/out/) a database of
# about 100,000 cards with a 1,000,000-row review log, then runs review-bench:
# 10,000 scripted answers in `recite review` against the raw SQLite limit.
# Usage: bench/review-bench.sh [BUILD_DIR] [ANSWERS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
answers=${2:-10000}
out=$here/out
mkdir -p "$out"
db=$out/review-bench.db
export RECITE_NOW=2026-11-23T10:00:00Z TZ=UTC RECITE_BANKS_DIR=$out/no-bundled-banks
now=1795399200000
# A database cached by a recite that did not keep the bank's lexicon at import
# is built again: a student's database has it after the import.
# So is one whose kept lexicon, card notes or fact references are of another format than
# this build writes (read from a one-fact bank imported by it).
probe=$(mktemp -d)
printf 'bank probe\n\nacronym A\nlong: Alpha\n' >"$probe/probe.bank"
RECITE_DB=$probe/db "$build/recite" bank import --allow-unsigned "$probe/probe.bank" >/dev/null 2>&1
formats() {
    sqlite3 "$1" "select (select format from lexicon) || '/' || (select format from card_notes)
        || '/' || (select format from fact_refs)" 2>/dev/null
}
want=$(formats "$probe/db")
rm -rf "$probe"
kept() { [ -n "$want" ] && [ "$(formats "$db")" = "$want" ]; }
if [ -s "$db" ] && ! kept; then
    RECITE_DB=$db "$build/recite" db check >/dev/null
    kept || rm -f "$db" "$db"-wal "$db"-shm
fi
if [ ! -s "$db" ]; then
    rm -f "$db" "$db"-wal "$db"-shm
    "$build/bench/bank-gen" 36500 7 >"$out/review-bench.bank"
    RECITE_DB=$db "$build/recite" bank import "$out/review-bench.bank" >/dev/null
    sqlite3 "$db" >/dev/null <<SQL
UPDATE card SET state = 2, reps = 5, difficulty = 5, scheduled_days = 5,
  stability = 2 + (id % 50), last_review = $now - (1 + id % 30) * 86400000,
  due = $now + ((id % 40) - 20) * 86400000;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
INSERT INTO review (card_id, at, rating, answer, credit, duration_ms, state_before, state_after)
SELECT 1 + i % (SELECT count(*) FROM card), $now - (i % 365) * 86400000 - i, 1 + i % 4, 'x', 1,
       3000, '{"state":2}', '{"state":2}' FROM n;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
fi
# A database cached by an older recite is migrated once here, not in every copy.
RECITE_DB=$db "$build/recite" db check >/dev/null
echo "database: $(sqlite3 "$db" 'select count(*) from card') cards, $(sqlite3 "$db" 'select count(*) from review') reviews"
"$build/bench/review-bench" "$build/recite" "$db" "$answers" "$out/review-replies.txt"
