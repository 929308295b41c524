#!/usr/bin/env bash
# Instructions per input byte, the speed measure that a shared, noisy machine
# does not disturb (callgrind counts instructions, not seconds).
#
# Builds the release binary, makes (once) a fixed subset of a synthetic corpus
# (every 25th file of `planmine synth --mb 50 --seed 1`, about 1.9 MB), runs
# `planmine run SUBSET -j 1` under callgrind and the same on a one-line file
# (the start-up cost: loading the patterns), and prints the difference per
# input byte. With `--save` it keeps the run's four CSV files as the baseline;
# later runs compare their CSV files with it byte for byte and say which
# differ, so a speed change that alters output is caught at once.
#
# Usage: scripts/instructions.sh [--save]
# Environment:
#   BENCH_DIR   where corpora, subset, outputs and callgrind files go
#               (default /tmp/planmine-bench)
#
# Needs valgrind (on every machine of this kind; the script says so and stops
# if it is missing rather than installing anything).
set -euo pipefail

SAVE=0
if [[ ${1:-} == --save ]]; then
    SAVE=1
elif [[ -n ${1:-} ]]; then
    echo "usage: scripts/instructions.sh [--save]" >&2
    exit 2
fi
if ! command -v valgrind > /dev/null; then
    echo "instructions.sh: valgrind is missing (Debian package valgrind)" >&2
    exit 2
fi

BENCH_DIR=${BENCH_DIR:-/tmp/planmine-bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
(cd "$ROOT" && cargo build --release --quiet)
PLANMINE=$ROOT/target/release/planmine

CORPUS=$BENCH_DIR/corpus-50mb-seed1
SUBSET=$BENCH_DIR/subset-every25
if [[ ! -d $CORPUS ]]; then
    mkdir -p "$BENCH_DIR"
    echo "generating $CORPUS ..." >&2
    "$PLANMINE" synth --from "$ROOT/corpus" --out "$CORPUS.partial" --mb 50 --seed 1 >&2
    mv "$CORPUS.partial" "$CORPUS"
fi
if [[ ! -d $SUBSET ]]; then
    mkdir -p "$SUBSET.partial"
    find "$CORPUS" -type f \( -name '*.txt' -o -name '*.md' \) | LC_ALL=C sort |
        awk 'NR % 25 == 1' | while read -r f; do cp "$f" "$SUBSET.partial/"; done
    mv "$SUBSET.partial" "$SUBSET"
fi
ONE=$BENCH_DIR/one-line
mkdir -p "$ONE"
echo "Kế hoạch" > "$ONE/plan.txt"

# Instructions of one `planmine run DIR -o OUT -q -j 1` under callgrind.
count() {
    local out=$2 log
    rm -rf "$out"
    log=$(valgrind --tool=callgrind --callgrind-out-file="$BENCH_DIR/callgrind.$3.out" \
        "$PLANMINE" run "$1" -o "$out" -q -j 1 2>&1 >/dev/null | grep 'Collected' || true)
    echo "$log" | awk '{print $NF}'
}

TOTAL=$(count "$SUBSET" "$BENCH_DIR/subset-out" subset)
START=$(count "$ONE" "$BENCH_DIR/one-line-out" one-line)
BYTES=$(find "$SUBSET" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
FILES=$(find "$SUBSET" -type f | wc -l)

echo "- commit: $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- src Cargo.toml || echo ' (with uncommitted changes)')"
echo "- subset: $SUBSET: $FILES files, $BYTES bytes"
echo "- instructions: $TOTAL in all, $START of them start-up"
awk -v t="$TOTAL" -v s="$START" -v b="$BYTES" \
    'BEGIN {printf "- instructions per input byte: %.1f\n", (t - s) / b}'
echo "- profile: callgrind_annotate $BENCH_DIR/callgrind.subset.out"

BASE=$BENCH_DIR/subset-baseline
if [[ $SAVE == 1 ]]; then
    rm -rf "$BASE"
    cp -r "$BENCH_DIR/subset-out" "$BASE"
    echo "- output saved as the baseline: $BASE"
elif [[ -d $BASE ]]; then
    same=1
    for f in "$BASE"/*.csv; do
        if ! cmp -s "$f" "$BENCH_DIR/subset-out/$(basename "$f")"; then
            echo "- output DIFFERS from the baseline: $(basename "$f")"
            same=0
        fi
    done
    [[ $same == 1 ]] && echo "- output: byte-identical to the baseline"
else
    echo "- no baseline yet (run with --save to keep this output as one)"
fi
