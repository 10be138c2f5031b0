#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# anki-bench.sh [BUILD_DIR [NOTES [REVIEWS]]]: builds (once) a modern Anki
# package of NOTES notes (default 10,000) with REVIEWS answers in its review
# log (default 200,000) with anki-gen, then times `recite bank import` of it
# into a new database: the median of 3 runs, wall and CPU (user + system)
# seconds, and the answers stored. Goal: under 5 s.
set -eu
build=${1:-build}
notes=${2:-10000}
reviews=${3:-200000}
pkg=$build/bench/anki-$notes-$reviews.apkg
if [ ! -s "$pkg" ]; then
    echo "generating $notes notes and $reviews answers into $pkg (once)..."
    "$build/bench/anki-gen" --big "$notes" "$reviews" "$pkg"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1
for i in 1 2 3; do
    rm -rf "$tmp/db" && mkdir "$tmp/db"
    RECITE_DB=$tmp/db/recite.db /usr/bin/time -f '%e %U %S' -o "$tmp/time.$i" \
        "$build/recite" bank import "$pkg" >"$tmp/out.$i" 2>/dev/null
done
stored=$(sqlite3 "$tmp/db/recite.db" 'SELECT count(*) FROM review')
wall=$(for i in 1 2 3; do awk '{ print $1 }' "$tmp/time.$i"; done | sort -g | sed -n 2p)
cpu=$(for i in 1 2 3; do awk '{ print $2 + $3 }' "$tmp/time.$i"; done | sort -g | sed -n 2p)
printf '%-40s %10s\n' "package" "$(basename "$pkg") ($(du -k "$pkg" | cut -f1) kB)" \
    "answers stored" "$stored"
printf '%-40s %8s s\n' "recite bank import, wall (median of 3)" "$wall" \
    "recite bank import, CPU (median of 3)" "$cpu"
printf '%-40s %s\n' "load average" "$(cut -d' ' -f1-3 /proc/loadavg)"
awk -v a="$wall" 'BEGIN { printf "%-40s %s\n", "goal (< 5 s wall)", a < 5 ? "met" : "missed" }'
