#!/usr/bin/env bash
# Whole-run benchmark of planmine over a generated corpus.
#
# Generates (once) a synthetic corpus with `planmine synth`, then reports for
# 1 and 2 worker threads: wall time, MB/s, files/s and peak RSS (from
# `/usr/bin/time -v`), and the raw read speed of the same files (`cat` to
# /dev/null, page cache warm) as the ceiling. Results go to stdout as a
# Markdown table ready for BENCHMARKS.md.
#
# Usage: scripts/bench.sh [MB] [SEED]        (defaults: 500 MB, seed 1)
# Environment:
#   BENCH_DIR   where the corpus and outputs go (default /tmp/planmine-bench)
#   THREADS     thread counts to run (default "1 2")
#   RUNS        runs per thread count; the best is reported (default 1)
#   PROFILE     cargo profile to build (default dist: fat LTO, the build for
#               batch runs; `release` is what tests and `cargo run --release` use)
#   PLANMINE    binary to use (default: target/$PROFILE/planmine, built here)
#
# Needs /usr/bin/time (Debian package `time`); the script says so and stops
# if it is missing rather than installing anything.
set -euo pipefail

MB=${1:-500}
SEED=${2:-1}
BENCH_DIR=${BENCH_DIR:-/tmp/planmine-bench}
THREADS=${THREADS:-"1 2"}
RUNS=${RUNS:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

if [[ ! -x /usr/bin/time ]]; then
    echo "bench.sh: /usr/bin/time is missing; install the Debian package 'time' (apt-get install time)" >&2
    exit 2
fi

PROFILE=${PROFILE:-dist}
if [[ -z "${PLANMINE:-}" ]]; then
    (cd "$ROOT" && cargo build --profile "$PROFILE" --quiet)
    PLANMINE=$ROOT/target/$PROFILE/planmine
fi

CORPUS=$BENCH_DIR/corpus-${MB}mb-seed$SEED
if [[ ! -d $CORPUS ]]; then
    mkdir -p "$BENCH_DIR"
    echo "generating $CORPUS ..." >&2
    "$PLANMINE" synth --from "$ROOT/corpus" --out "$CORPUS.partial" --mb "$MB" --seed "$SEED" >&2
    mv "$CORPUS.partial" "$CORPUS"
fi

FILES=$(find "$CORPUS" -type f \( -name '*.txt' -o -name '*.md' \) | wc -l)
BYTES=$(find "$CORPUS" -type f \( -name '*.txt' -o -name '*.md' \) -printf '%s\n' | awk '{s+=$1} END {print s}')

# The read ceiling: the same files through cat, page cache warm (one warm-up).
find "$CORPUS" -type f -print0 | xargs -0 cat > /dev/null
t0=$(date +%s.%N)
find "$CORPUS" -type f -print0 | xargs -0 cat > /dev/null
t1=$(date +%s.%N)
CAT_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')

mbps() { awk -v b="$BYTES" -v s="$1" 'BEGIN {printf "%.1f", b / 1e6 / s}'; }
fps() { awk -v f="$FILES" -v s="$1" 'BEGIN {printf "%.0f", f / s}'; }

echo "planmine whole-run benchmark"
echo
echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GB RAM"
echo "- commit: $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- src Cargo.toml || echo ' (with uncommitted changes)')"
echo "- binary: $PLANMINE"
echo "- load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- corpus: $CORPUS: $FILES files, $(awk -v b="$BYTES" 'BEGIN {printf "%.1f", b / 1e6}') MB (\`planmine synth --mb $MB --seed $SEED\`)"
echo
echo "| run | wall s | user s | MB/s | files/s | peak RSS MB |"
echo "|---|---:|---:|---:|---:|---:|"
echo "| \`cat\` (read ceiling) | $(printf %.2f "$CAT_S") | | $(mbps "$CAT_S") | $(fps "$CAT_S") | |"
for j in $THREADS; do
    best=""
    for _ in $(seq "$RUNS"); do
        OUT=$BENCH_DIR/out-j$j
        rm -rf "$OUT"
        LOG=$BENCH_DIR/time-j$j.log
        set +e
        /usr/bin/time -v "$PLANMINE" run "$CORPUS" -o "$OUT" -j "$j" -q 2> "$LOG"
        rc=$?
        set -e
        if [[ $rc -gt 1 ]]; then
            echo "bench.sh: planmine run -j $j failed (exit $rc), see $LOG" >&2
            exit 1
        fi
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$LOG")
        user=$(awk -F': ' '/User time/ {print $2}' "$LOG")
        rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$LOG")
        if [[ -z $best ]] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN {exit !(a < b)}'; then
            best="$wall $user $rss"
        fi
    done
    read -r wall user rss <<< "$best"
    echo "| \`planmine run -j $j\` | $wall | $user | $(mbps "$wall") | $(fps "$wall") | $rss |"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
