#!/usr/bin/env bash
# Hostile input: `check` and `build` on dossiers made to be expensive
# (examples/hostile.rs), each timed with GNU time for its wall-clock time
# and peak memory (max RSS). Prints a Markdown table, also saved to
# $BENCH_DIR/hostile.md. See "Hostile input" in docs/performance.md.
#
#   bench/hostile.sh                     # every case
#   bench/hostile.sh nearest-400 div-100k
#
# Environment:
#   BENCH_DIR   scratch folder                          (target/bench)
#   TIMEOUT     seconds before a run is stopped         (120)
#   DOSSIER     the binary to measure                   (target/release/dossier, built here)
#   NO_BUILD    1: use the binaries already built       (unset)
#
# Installs nothing. Needs: cargo, GNU time (apt-get install -y time), timeout.
set -euo pipefail

cd "$(dirname "$0")/.."
mkdir -p "${BENCH_DIR:-target/bench}"
bench=$(cd "${BENCH_DIR:-target/bench}" && pwd)
limit=${TIMEOUT:-120}
if ! /usr/bin/time --version 2>&1 | grep -q GNU; then
    echo "missing: GNU time — apt-get install -y time" >&2
    exit 2
fi

if [[ -z ${NO_BUILD:-} ]]; then
    echo "== building dossier and the generator (release)" >&2
    cargo build --release --quiet --bin dossier --example hostile
fi
dossier=${DOSSIER:-$PWD/target/release/dossier}
only=()
for name in "$@"; do only+=(--only "$name"); done
rm -rf "$bench/hostile"
target/release/examples/hostile --out "$bench/hostile" "${only[@]}" >"$bench/hostile-cases.tsv"

# run <case> <command>: the run, its GNU time report and what it printed
# (human diagnostics, as a user sees them) in $bench/hostile/<case>.<command>.*
run() {
    local dir=$bench/hostile/$1 log=$bench/hostile/$1.$2
    local args=("$2" --root "$dir")
    [[ $2 == build ]] && args+=(--output "$dir/public")
    /usr/bin/time -v -o "$log.time" timeout "$limit" "$dossier" "${args[@]}" >"$log.out" 2>"$log.err" || true
}

# measured <case> <command>: "seconds (CPU seconds)|MiB|exit status|first code|bytes printed"
measured() {
    local log=$bench/hostile/$1.$2 wall cpu rss status code
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log.time" |
        awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    cpu=$(awk -F': ' '/(User|System) time/ {t += $2} END {printf "%.2f", t}' "$log.time")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log.time")
    status=$(awk '/exited with non-zero status/ {print $NF}' "$log.time")
    code=$(grep -o -m1 '^error\[[a-z-]*\]' "$log.err" | tr -d '[]' | sed 's/^error//' || true)
    if [[ $status == 124 ]]; then wall=">$limit"; code="(stopped)"; fi
    echo "$wall s ($cpu s CPU)|$rss MiB|${status:-0}|${code:--}|$(cat "$log.out" "$log.err" | wc -c)"
}

while IFS=$'\t' read -r name _ what; do
    echo "== $name ($what)" >&2
    run "$name" check
    run "$name" build
done <"$bench/hostile-cases.tsv"

{
    echo "| case | article | check: time | check: peak | build: time | build: peak | exit | first diagnostic | printed |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|---:|"
    while IFS=$'\t' read -r name bytes what; do
        IFS='|' read -r ct cm _ _ _ <<<"$(measured "$name" check)"
        IFS='|' read -r bt bm status code printed <<<"$(measured "$name" build)"
        echo "| $name: $what | $bytes B | $ct | $cm | $bt | $bm | $status | $code | $printed B |"
    done <"$bench/hostile-cases.tsv"
} | tee "$bench/hostile.md"
