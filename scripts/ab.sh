#!/usr/bin/env bash
# Side-by-side timing of two planmine binaries on the same corpus.
#
# This VM's speed drifts by 30% from one hour to the next, so two builds are
# compared only in runs interleaved at the same time: A, B, A, B, ... Each
# run's wall, user and system seconds are printed, then per binary the best
# wall time and the mean user and system time, and B's user+system time as
# a share of A's (the figure that the machine's drift disturbs least).
#
# Usage: scripts/ab.sh OLD_BINARY NEW_BINARY [CORPUS] [PAIRS]
#        (defaults: the 50 MB corpus of scripts/bench.sh, 3 pairs)
# Environment:
#   BENCH_DIR   where the corpus is and the outputs go (default /tmp/planmine-bench)
#   THREADS     worker threads (default 1)
#
# Needs /usr/bin/time (Debian package `time`). It also checks that both
# binaries wrote byte-identical CSV files, and says so if not.
set -euo pipefail

if [[ $# -lt 2 ]]; then
    echo "usage: scripts/ab.sh OLD_BINARY NEW_BINARY [CORPUS] [PAIRS]" >&2
    exit 2
fi
if [[ ! -x /usr/bin/time ]]; then
    echo "ab.sh: /usr/bin/time is missing; install the Debian package 'time' (apt-get install time)" >&2
    exit 2
fi
A=$1
B=$2
BENCH_DIR=${BENCH_DIR:-/tmp/planmine-bench}
CORPUS=${3:-$BENCH_DIR/corpus-50mb-seed1}
PAIRS=${4:-3}
THREADS=${THREADS:-1}
if [[ ! -d $CORPUS ]]; then
    echo "ab.sh: no corpus at $CORPUS (scripts/bench.sh 50 1 makes one)" >&2
    exit 2
fi

# One run; prints "wall user sys".
one() {
    local bin=$1 out=$2 log
    log=$(mktemp)
    rm -rf "$out"
    set +e
    /usr/bin/time -f '%e %U %S' -o "$log" "$bin" run "$CORPUS" -o "$out" -j "$THREADS" -q
    local rc=$?
    set -e
    if [[ $rc -gt 1 ]]; then
        echo "ab.sh: $bin failed (exit $rc)" >&2
        exit 1
    fi
    tail -1 "$log"
    rm -f "$log"
}

echo "- date: $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- corpus: $CORPUS, $THREADS thread(s), $PAIRS interleaved pairs"
echo "- A: $A"
echo "- B: $B"
echo
echo "| pair | A wall | A user | A sys | B wall | B user | B sys |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
ta=()
tb=()
for i in $(seq "$PAIRS"); do
    ra=$(one "$A" "$BENCH_DIR/ab-out-a")
    rb=$(one "$B" "$BENCH_DIR/ab-out-b")
    ta+=("$ra")
    tb+=("$rb")
    echo "| $i | ${ra// / | } | ${rb// / | } |"
done
echo
summary() {
    printf '%s\n' "$@" | awk '{w = (NR == 1 || $1 < w) ? $1 : w; u += $2; s += $3}
        END {printf "%.2f %.2f %.2f", w, u / NR, s / NR}'
}
read -r wa ua sa <<< "$(summary "${ta[@]}")"
read -r wb ub sb <<< "$(summary "${tb[@]}")"
echo "- A: best wall $wa s, mean user $ua s, mean sys $sa s"
echo "- B: best wall $wb s, mean user $ub s, mean sys $sb s"
awk -v a="$(awk -v u="$ua" -v s="$sa" 'BEGIN {print u + s}')" \
    -v b="$(awk -v u="$ub" -v s="$sb" 'BEGIN {print u + s}')" \
    'BEGIN {printf "- B/A CPU time (user+sys): %.3f\n", b / a}'
same=1
for f in "$BENCH_DIR"/ab-out-a/*.csv; do
    if ! cmp -s "$f" "$BENCH_DIR/ab-out-b/$(basename "$f")"; then
        echo "- output DIFFERS: $(basename "$f")"
        same=0
    fi
done
[[ $same == 1 ]] && echo "- output: byte-identical"
exit 0
