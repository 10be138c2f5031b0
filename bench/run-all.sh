#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `make bench`: builds recite in release mode (build-rel), generates the
# datasets once (cached in bench/out/: a 100,000-fact bank, a review database
# with a 1,000,000-row log, a simulated year of 1,000,000 reviews for stats,
# 10,000 signed score files, 1,000 for the gradebook), runs every benchmark beside its peer or raw
# limit BENCH_RUNS times (default 3), prints a table of medians with the
# ratios and peak memory, counts instructions of the review loop and the
# scheduler with callgrind, times the importers at 10k, 20k and 40k items
# (linear or not), and writes all of it to docs/performance.md
# between the bench markers (the rest of that file is kept).
# The generator is timed on generated fact-dense prose and on real documents
# (the Markdown articles of ../shared/corpus/orgs and its four documents, each
# once, 5 MB); without that corpus the second row is generated prose again.
#
# The review row is CPU time (user + system) per answer beside the raw
# limit's in the same run (bench/review_bench.c), with wall time and the
# session start on rows of their own.
# Environment: BENCH_BUILD (build-rel), BENCH_RUNS (3), BENCH_ANSWERS (10000),
# BENCH_DOC (docs/performance.md), BENCH_CORPUS (../shared/corpus), JOBS (2).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${BENCH_BUILD:-$root/build-rel}
runs=${BENCH_RUNS:-3}
answers=${BENCH_ANSWERS:-10000}
doc=${BENCH_DOC:-$root/docs/performance.md}
corpus=${BENCH_CORPUS:-$root/../shared/corpus}
out=$here/out
logs=$out/logs
mkdir -p "$logs"
export TZ=UTC NO_COLOR=1 LC_ALL=C.UTF-8

echo "bench: building $build (Release)" >&2
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DRECITE_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "${JOBS:-2}" >/dev/null
b=$build/bench

# fig LOG LABEL: the first number after LABEL on the line starting with it.
fig() {
    awk -v p="$2" 'index($0, p) == 1 { s = substr($0, length(p) + 1)
        if (match(s, /[0-9]+(\.[0-9]+)?/)) { print substr(s, RSTART, RLENGTH); exit } }' "$1"
}
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR) print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# med NAME LABEL: median of LABEL's figure over the logs NAME.1 .. NAME.runs
med() { for i in $(seq "$runs"); do fig "$logs/$1.$i" "$2"; done | median; }
# peak_mib CMD...: runs CMD once, prints its peak resident memory in MiB.
peak_mib() {
    /usr/bin/time -f %M -o "$logs/time" "$@" >/dev/null 2>&1 </dev/null || true
    awk '{ printf "%.1f", $1 / 1024 }' "$logs/time"
}
# wall_ms CMD...: median wall time of 11 runs after a warm-up, in ms.
wall_ms() {
    "$@" >/dev/null 2>&1 </dev/null || true
    for _ in $(seq 11); do
        local t0 t1
        t0=$(date +%s%N)
        "$@" >/dev/null 2>&1 </dev/null || true
        t1=$(date +%s%N)
        echo $(((t1 - t0) / 1000))
    done | median | awk '{ printf "%.2f", $1 / 1000 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }

# ---- datasets (cached) ----
bank=$out/bank-100k.bank
[ -s "$bank" ] || { echo "bench: generating $bank" >&2; "$b/bank-gen" 100000 1 >"$bank"; }
stats_db=$out/stats-1000000.db
if [ ! -s "$stats_db" ]; then
    echo "bench: generating a year of 1,000,000 reviews into $stats_db (once)" >&2
    RECITE_NOW=2026-11-23T12:00:00Z "$b/stats-gen" "$stats_db" 1000000 2>/dev/null
fi

# real documents for the generator, each once; generated prose when the corpus is absent
gen_docs=()
if [ -d "$corpus/orgs" ]; then
    gen_docs=("$corpus"/orgs/*.md "$corpus"/documents/*)
    gen_docs_label="real documents ($(ls "$corpus"/orgs/*.md | wc -l) articles of corpus/orgs"
    gen_docs_label="$gen_docs_label and corpus/documents, each once)"
else
    gen_docs_label="generated prose (corpus/orgs absent)"
fi

# ---- runs ----
for i in $(seq "$runs"); do
    echo "bench: run $i of $runs" >&2
    "$b/bank-import-bench" --repeat 1 "$bank" >"$logs/import.$i" 2>&1
    "$here/review-bench.sh" "$build" "$answers" >"$logs/review.$i" 2>&1
    "$here/fsrs-bench.sh" "$build" >"$logs/fsrs.$i" 2>&1
    "$b/score_verify" --files 10000 --recite "$build/recite" >"$logs/score.$i" 2>&1
    "$b/score_grades" --files 1000 --runs 3 --recite "$build/recite" >"$logs/grades.$i" 2>&1
    "$b/gen_throughput" --mb 4 >"$logs/gen.$i" 2>&1
    "$b/gen_throughput" --mb 5 "${gen_docs[@]}" >"$logs/gendocs.$i" 2>&1
    "$b/import-scaling" --repeat 3 >"$logs/scaling.$i" 2>&1
    STATS_BENCH_DB=$stats_db "$here/stats-bench.sh" "$build" >"$logs/stats.$i" 2>&1
    {
        echo "version $(wall_ms "$build/recite" --version)"
        echo "true $(wall_ms /bin/true)"
    } >"$logs/startup.$i"
done

echo "bench: peak memory" >&2
peak_import=$(peak_mib "$b/bank-import-bench" --repeat 1 "$bank")
peak_fsrs=$(peak_mib "$b/fsrs-bench" 1000000 1)
peak_node=$(cd "$here" && peak_mib node fsrs-bench.mjs)
peak_score=$(peak_mib "$b/score_verify" --files 10000 --minisign-sample 10)
peak_gen=$(peak_mib "$b/gen_throughput" --mb 4)
peak_gendocs=$(peak_mib "$b/gen_throughput" --mb 5 "${gen_docs[@]}")
peak_version=$(peak_mib "$build/recite" --version)
peak_stats=$(RECITE_DB=$stats_db RECITE_NOW=2026-11-23T12:00:00Z peak_mib "$build/recite" stats)
peak_sqlite=$(peak_mib sqlite3 "$stats_db" 'SELECT count(*) FROM review')

# ---- accuracy: acronym definitions on MED1250 beside Ab3P's published figures ----
echo "bench: MED1250 acronyms" >&2
"$b/gen_eval" --med1250 "$root/tests/data/gen/MED1250_labeled" >"$logs/med1250" 2>&1 || true
# the micro-average row: ... TP FP FN P R F1
med_p=$(awk '/^acronym +MED1250/ { print $(NF - 2); exit }' "$logs/med1250")
med_r=$(awk '/^acronym +MED1250/ { print $(NF - 1); exit }' "$logs/med1250")

# ---- callgrind: instruction counts ----
echo "bench: callgrind" >&2
# ir CMD...: instructions executed by CMD under callgrind.
ir() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        awk '/Collected :/ { print $NF }'
}
cg_review() { # cg_review N: instructions of a scripted session of N answers on a fresh copy
    cp "$out/review-bench.db" "$out/cg.db"
    rm -f "$out/cg.db-wal" "$out/cg.db-shm"
    # the replies review-bench gave (one per card, then Enter at the rating), cut to N answers;
    # with none, the session ends at its first card
    head -n $((2 * $1)) "$out/review-replies.txt" |
        RECITE_DB=$out/cg.db RECITE_NOW=2026-11-23T10:00:00Z RECITE_BANKS_DIR=$out/no-bundled-banks \
            ir "$build/recite" review --new 0 --limit "$(($1 > 0 ? $1 : 1))" --mode typed --seed 1
}
cg_n=100
ir_review0=$(cg_review 0)
ir_reviewn=$(cg_review $cg_n)
ir_review2n=$(cg_review $((2 * cg_n)))
rm -f "$out/cg.db" "$out/cg.db-wal" "$out/cg.db-shm"
ir_answer=$(((ir_reviewn - ir_review0) / cg_n))
ir_answer2=$(((ir_review2n - ir_reviewn) / cg_n))
ir_sched1=$(ir "$b/fsrs-bench" 1 1)
ir_schedn=$(ir "$b/fsrs-bench" 100000 1)
ir_sched=$(((ir_schedn - ir_sched1) / 99999))
ir_version=$(ir "$build/recite" --version)
# Instructions of reading each input at 10k, 20k and 40k items: the exact ratios.
scaling_ir_rows() {
    for shape in csv gift gift-wrong; do
        local n1 n2 n4
        n1=$(ir "$b/import-scaling" --single "$shape" --base 10000)
        n2=$(ir "$b/import-scaling" --single "$shape" --base 20000)
        n4=$(ir "$b/import-scaling" --single "$shape" --base 40000)
        printf '| %s | %s | %s | %s | %s | %s |\n' "$shape" "$n1" "$n2" "$n4" \
            "$(ratio "$n2" "$n1")" "$(ratio "$n4" "$n2")"
    done
}
scaling_ir=$(scaling_ir_rows)

# ---- the table ----
imp_r=$(med import "  recite bank import") imp_raw=$(med import "  raw SQLite insert")
rev_r=$(med review "recite review (scripted):") rev_raw=$(med review "raw select+update+commit:")
rev_wall=$(med review "recite, wall:") rev_raw_wall=$(med review "raw, wall:")
rev_start=$(med review "session start:") rev_peak=$(med review "peak memory of recite:")
rev_log=$(med review "raw + review log append:")
fs_c=$(med fsrs "recite C FSRS-6:") fs_js=$(med fsrs "ts-fsrs 5.4.2 (node):")
sc_lib=$(med score "recite, one process (library)") sc_raw=$(med score "raw libsodium (prehash + 2 verifies)")
sc_cli=$(med score "recite score verify (CLI, csv)") sc_mini=$(med score "minisign -V, one process per file")
gr_moodle=$(med grades "recite score grades --format moodle") gr_verify=$(med grades "recite score verify (csv)")
gr_into=$(med grades "recite score grades --into export")
gen_r=$(med gen "recite generate") gen_raw=$(med gen "raw limit (UTF-8 + lines)")
gen_cpu=$(med gen "recite generate, per CPU s")
gd_r=$(med gendocs "recite generate") gd_raw=$(med gendocs "raw limit (UTF-8 + lines)")
gd_cpu=$(med gendocs "recite generate, per CPU s")
st_r=$(med stats "recite stats  ") st_json=$(med stats "recite stats --json") st_raw=$(med stats "sqlite3: SELECT")
ver=$(med startup "version ") tru=$(med startup "true ")
fs_ok=$(grep -c "checksums agree" "$logs"/fsrs.* | awk -F: '{ s += $2 } END { print s }')
# scal LABEL N: median CPU ms (read and store) of importing input LABEL of N items.
scal() {
    for i in $(seq "$runs"); do
        awk -v l="$1" -v n="$2" '{ lab = $1; for (k = 2; k <= NF - 4; k++) lab = lab " " $k }
            lab == l && $(NF - 3) == n { print $NF }' "$logs/scaling.$i"
    done | median
}
scaling_rows() {
    for label in "CSV, rows" "GIFT, questions" "Aiken, questions" "Anki text, notes" \
        "GIFT, wrong answers of one question"; do
        local n1 n2 n4
        n1=$(scal "$label" 10000) n2=$(scal "$label" 20000) n4=$(scal "$label" 40000)
        printf '| %s | %s | %s | %s | %s | %s |\n' "$label" "$n1" "$n2" "$n4" \
            "$(ratio "$n2" "$n1")" "$(ratio "$n4" "$n2")"
    done
}

table=$(
    printf '| benchmark | recite | peer or raw limit | ratio | peak memory |\n'
    printf '|---|---:|---:|---:|---|\n'
    printf '| bank import, 100,000 facts (ms) | %s | raw SQLite insert %s | %s | bench process %s MiB |\n' \
        "$imp_r" "$imp_raw" "$(ratio "$imp_r" "$imp_raw")" "$peak_import"
    printf '| review, CPU per answer (µs; goal ratio <= 1.5), %s answers, 100,000 cards, 1,000,000-row log | %s | raw select+update+commit %s | %s | recite %s MiB |\n' \
        "$answers" "$rev_r" "$rev_raw" "$(ratio "$rev_r" "$rev_raw")" "$rev_peak"
    printf '| review, CPU per answer (µs), against the raw loop that also appends the answer to the review log | %s | raw select+update+log append+commit %s | %s | |\n' \
        "$rev_r" "$rev_log" "$(ratio "$rev_r" "$rev_log")"
    printf '| review, wall time per answer (µs) | %s | raw select+update+commit %s | %s | |\n' \
        "$rev_wall" "$rev_raw_wall" "$(ratio "$rev_wall" "$rev_raw_wall")"
    printf '| review session start, wall time to the first card (ms; goal < 20) | %s | | | |\n' \
        "$rev_start"
    printf '| FSRS throughput (reviews/s, higher is better) | %s | ts-fsrs 5.4.2 under node %s | %s | C %s MiB, node %s MiB |\n' \
        "$fs_c" "$fs_js" "$(ratio "$fs_c" "$fs_js")" "$peak_fsrs" "$peak_node"
    printf '| score verify, library (µs/file), 10,000 files | %s | raw libsodium %s | %s | bench process %s MiB |\n' \
        "$sc_lib" "$sc_raw" "$(ratio "$sc_lib" "$sc_raw")" "$peak_score"
    printf '| score verify (µs/file): minisign -V per file / recite | %s | minisign %s | %s | |\n' \
        "$sc_lib" "$sc_mini" "$(ratio "$sc_mini" "$sc_lib")"
    printf '| score verify, CLI (µs/file) | %s | raw libsodium %s | %s | |\n' \
        "$sc_cli" "$sc_raw" "$(ratio "$sc_cli" "$sc_raw")"
    printf '| score grades, 1,000 files, Moodle CSV (CPU s; goal < 1) | %s | score verify %s | %s | |\n' \
        "$gr_moodle" "$gr_verify" "$(ratio "$gr_moodle" "$gr_verify")"
    printf '| score grades --into a Canvas export, 1,000 files (CPU s) | %s | score verify %s | %s | |\n' \
        "$gr_into" "$gr_verify" "$(ratio "$gr_into" "$gr_verify")"
    printf '| startup: recite --version (ms) | %s | /bin/true %s | %s | %s MiB |\n' \
        "$ver" "$tru" "$(ratio "$ver" "$tru")" "$peak_version"
    printf '| startup: recite stats, 1,000,000 reviews (ms) | %s | sqlite3 count(*) %s | %s | recite %s MiB, sqlite3 %s MiB |\n' \
        "$st_r" "$st_raw" "$(ratio "$st_r" "$st_raw")" "$peak_stats" "$peak_sqlite"
    printf '| recite stats --json (ms) | %s | sqlite3 count(*) %s | %s | |\n' \
        "$st_json" "$st_raw" "$(ratio "$st_json" "$st_raw")"
    printf '| generator, 4 MB of generated prose (MB/s, higher is better; %s per CPU s) ' "$gen_cpu"
    printf '| %s | UTF-8 + line scan %s | %s | %s MiB |\n' \
        "$gen_r" "$gen_raw" "$(ratio "$gen_r" "$gen_raw")" "$peak_gen"
    printf '| generator, 5 MB of %s (MB/s; %s per CPU s) ' "$gen_docs_label" "$gd_cpu"
    printf '| %s | UTF-8 + line scan %s | %s | %s MiB |\n' \
        "$gd_r" "$gd_raw" "$(ratio "$gd_r" "$gd_raw")" "$peak_gendocs"
    printf '\n'
    printf 'Acronym definitions on MED1250 (1,250 MEDLINE abstracts, 1,221 labelled definitions;\n'
    printf '`gen_eval --med1250`, spec §7 matching):\n\n'
    printf '| extractor | precision | recall |\n|---|---:|---:|\n'
    printf '| recite generate | %s | %s |\n' "${med_p:--}" "${med_r:--}"
    printf '| Ab3P (Sohn et al. 2008, published) | 0.965 | 0.832 |\n'
    printf '\n'
    printf 'Instruction counts (callgrind; stable on a noisy machine):\n\n'
    printf '| what | instructions |\n|---|---:|\n'
    printf '| review loop, per answer, the first %d (%d-answer session minus one ended at its first card, 1,000,000-row log) | %s |\n' \
        "$cg_n" "$cg_n" "$ir_answer"
    printf '| review loop, per answer, answers %d to %d (%d-answer session minus a %d-answer one) | %s |\n' \
        "$((cg_n + 1))" "$((2 * cg_n))" "$((2 * cg_n))" "$cg_n" "$ir_answer2"
    printf '| review session start and end (a session ended at its first card) | %s |\n' "$ir_review0"
    printf '| scheduler, per review (FSRS-6, 100,000 reviews) | %s |\n' "$ir_sched"
    printf '| recite --version | %s |\n' "$ir_version"
    printf '\n'
    printf 'Importers are linear: CPU ms to read and store an input of 10,000, 20,000 and 40,000 items\n'
    printf '(bench/import_scaling.c); a ratio near 2 is linear, near 4 would be quadratic.\n\n'
    printf '| input | 10,000 | 20,000 | 40,000 | 20k/10k | 40k/20k |\n|---|---:|---:|---:|---:|---:|\n'
    scaling_rows
    printf '\nReading alone (parse, convert, validate; the input built in memory), in instructions (callgrind):\n\n'
    printf '| input | 10,000 | 20,000 | 40,000 | 20k/10k | 40k/20k |\n|---|---:|---:|---:|---:|---:|\n'
    printf '%s\n' "$scaling_ir"
)
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
section=$(
    echo "<!-- bench:begin (written by make bench; edit bench/run-all.sh, not this) -->"
    echo "## Benchmarks"
    echo
    echo "Run on $(date -u +%Y-%m-%d) at $(date -u +%H:%M) UTC by \`make bench\` (commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown))."
    echo "Machine: $(nproc) CPUs ($cpu), $mem of memory, $(uname -sr); shared with other work while it ran."
    echo "Medians of $runs runs each (each benchmark's own figure is itself a best-of or median, see bench/README.md);"
    echo "ratios are recite over its peer, except where higher is better, where they are recite's speed-up."
    echo "FSRS checksums agreed with ts-fsrs in $fs_ok of $runs runs. Release build (-O3)."
    echo
    echo "$table"
    echo "<!-- bench:end -->"
)
echo "$section"
if [ -f "$doc" ] && grep -q '<!-- bench:begin' "$doc"; then
    printf '%s\n' "$section" >"$logs/section"
    awk -v f="$logs/section" 'BEGIN { while ((getline l < f) > 0) s = s l "\n" }
        /<!-- bench:begin/ { printf "%s", s; skip = 1; next }
        /<!-- bench:end/ { skip = 0; next } !skip' "$doc" >"$doc.new"
    mv "$doc.new" "$doc"
else
    { echo "# Performance and reliability"; echo; printf '%s\n' "$section"; } >"$doc"
fi
echo "bench: wrote $doc" >&2
