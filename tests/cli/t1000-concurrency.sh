#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Concurrency: two scripted review sessions and a bank import run at once on
# one database. No error may reach the user (empty stderr, exit 0 for all
# three) and every answer a session acknowledged (its rating line is printed
# after the commit) must be in the database exactly once.
. "$(dirname "$0")/lib.sh"
# Any reply must be judged, never asked again: typed answers only, in typed mode.
export RECITE_BANKS_DIR="$RECITE_TEST_DATA/review-typed" RECITE_NOW=2026-11-23T10:00:00Z TZ=UTC
q() { sqlite3 "$RECITE_DB" "$1"; }
run_in '' review --new 0 # import the review bank first
expect_status 0 "the review bank is imported"

# A bank large enough that its import holds the write lock for a while.
# Each round brings a new version, so every import writes.
big="$T_DIR/big.bank"
make_big() {
    printf 'bank big\ntitle: A generated bank for the concurrency test\nversion: %d\nlanguage: en\n' "$1"
    for i in $(seq 3000); do printf '\nacronym AC%d\nlong: Generated Acronym Number %d Round %d\n' "$i" "$i" "$1"; done
}

rounds=${RECITE_CONCURRENCY_ROUNDS:-3}
lost=0 acked_total=0 errors=0 overlaps=0
for r in $(seq "$rounds"); do make_big "$r" >"$big.$r"; done
for r in $(seq "$rounds"); do
    pids=()
    for s in 1 2; do
        (for n in $(seq 40); do printf 's%dr%dx%d\n\n' "$s" "$r" "$n"; sleep 0.005; done) |
            "$RECITE_BIN" review --seed "$s$r" --new 1000 --mode typed >"$T_DIR/t.$s" 2>"$T_DIR/e.$s" &
        pids+=($!)
    done
    cp "$big.$r" "$big"
    "$RECITE_BIN" bank import "$big" >"$T_DIR/t.imp" 2>"$T_DIR/e.imp" &
    pidi=$!
    kill -0 "${pids[0]}" 2>/dev/null && kill -0 "${pids[1]}" 2>/dev/null && overlaps=$((overlaps + 1))
    for p in "${pids[@]}" "$pidi"; do
        wait "$p"
        st=$?
        [ "$st" = 0 ] || { errors=$((errors + 1)); echo "round $r: pid $p exited $st"; }
    done
    for f in "$T_DIR"/e.1 "$T_DIR"/e.2 "$T_DIR"/e.imp; do
        # The import of an unsigned bank prints a note; anything else is an error.
        if grep -v '^note: .* is not signed$' "$f" | grep -q .; then
            errors=$((errors + 1))
            echo "round $r: $(basename "$f"):"
            sed -n '1,5p' "$f"
        fi
    done
    for s in 1 2; do
        acked=$(awk '/^> s[0-9]+r[0-9]+x[0-9]+$/ { a = substr($0, 3); next }
                     /^  .*1 Again.*4 Easy/ { if (a != "") print a; a = "" }' "$T_DIR/t.$s")
        for a in $acked; do
            acked_total=$((acked_total + 1))
            [ "$(q "select count(*) from review where answer = '$a'")" = 1 ] ||
                { lost=$((lost + 1)); echo "lost: $a"; }
        done
    done
done
echo "$rounds rounds, $acked_total acknowledged answers checked"
[ "$errors" = 0 ] && ok "no error reached the user" || fail "$errors errors reached the user"
[ "$acked_total" -ge $((rounds * 2 * 10)) ] && ok "both sessions answered while the import ran" ||
    fail "too few answers acknowledged ($acked_total) for the test to mean anything"
[ "$overlaps" -gt 0 ] && ok "the import started while both sessions ran ($overlaps of $rounds rounds)" ||
    fail "the import never overlapped the sessions"
[ "$lost" = 0 ] && ok "no acknowledged answer was lost" || fail "$lost acknowledged answers lost"
[ "$(q "select count(*) from fact f join bank b on b.id = f.bank_id where b.slug = 'big'")" -ge 3000 ] &&
    ok "the import landed" || fail "the imported bank is incomplete"
[ "$(q "select version from bank where slug = 'big'")" = "$rounds" ] && ok "the last version is stored" ||
    fail "the stored version is not the last one imported"
[ "$(q 'pragma integrity_check')" = ok ] && ok "integrity_check says ok" || fail "integrity check failed"
finish
