# SPDX-License-Identifier: GPL-3.0-or-later
# Helpers for the score tests (sourced after lib.sh): a database holding a
# bank and a finished quiz session, written with the sqlite3 shell because
# no command records quizzes yet.

# seed_session DB SLUG HASH CREDIT...: one finished quiz on bank SLUG
# (version 2026.11, content hash HASH) with one item per CREDIT.
seed_session() {
    local db=$1 slug=$2 hash=$3 seq=0 sql
    shift 3
    "$RECITE_BIN" --db "$db" db info >/dev/null || return 1
    sql="INSERT OR IGNORE INTO bank (slug, title, version, hash) VALUES ('$slug', 'T', '2026.11', '$hash');
INSERT INTO session (kind, bank_id, started, ended, seed, params) VALUES ('quiz',
 (SELECT id FROM bank WHERE slug = '$slug'), 1795514400000, 1795514700000, 7,
 '{\"count\": $#, \"tags\": [\"members\"]}');"
    for credit in "$@"; do
        sql="$sql INSERT INTO session_item (session_id, seq, card_uid, prompt, expected, given,
 credit, rating, duration_ms) VALUES ((SELECT max(id) FROM session), $seq, '$slug/c$seq',
 'Question $seq', 'Answer $seq', 'Given $seq', $credit, 3, 1000);"
        seq=$((seq + 1))
    done
    sqlite3 "$db" "$sql"
}

need_tools() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool is not installed"; exit 77; }
    done
}

# expect_out_line TEXT [what]: stdout has TEXT as a whole line (no regex).
expect_out_line() {
    if grep -qxF -- "$1" "$out"; then ok "${2:-stdout has $1}"; else fail "${2:-} stdout lacks line '$1'"; fi
}
