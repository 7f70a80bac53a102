#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs libFuzzer targets from the asan build (cmake --preset asan && cmake --build --preset asan --target fuzz).
#   tests/fuzz/run.sh TARGET SECONDS   one target, e.g. tests/fuzz/run.sh bannerparser 600
#   tests/fuzz/run.sh all SECONDS      every target, LABSHARE_FUZZ_JOBS (default 2) at a time
# Seeds come from tests/data and tests/fuzz/corpus/TARGET; what a run adds to the corpus stays in
# BUILD/fuzz/corpus/TARGET (LABSHARE_FUZZ_BUILD, default build/asan) and a crashing input is saved
# as BUILD/fuzz/artifacts/TARGET-crash-… with the run's output beside it in BUILD/fuzz/logs/TARGET.log.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${LABSHARE_FUZZ_BUILD:-$top/build/asan}
if [ $# -ne 2 ]; then
    echo "usage: $0 TARGET|all SECONDS" >&2
    exit 2
fi
target=${1#fuzz_}
seconds=$2

if [ "$target" = all ]; then
    targets=$(sed -n 's/^ *fuzz_\([a-z]*\)$/\1/p; s/^ *fuzz_\([a-z]*\))$/\1/p' "$top/tests/fuzz/CMakeLists.txt")
    # shellcheck disable=SC2086
    printf '%s\n' $targets | xargs -P "${LABSHARE_FUZZ_JOBS:-2}" -I TARGET sh "$0" TARGET "$seconds"
    exit $?
fi

binary=$build/fuzz/fuzz_$target
if [ ! -x "$binary" ]; then
    echo "fuzz: $binary is missing; build it with: cmake --preset asan && cmake --build --preset asan --target fuzz" >&2
    exit 2
fi
seeds="$top/tests/fuzz/corpus/fuzz_$target"
case $target in
topology | envexpansion) seeds="$seeds $top/tests/data/topologies" ;;
bannerparser) seeds="$seeds $top/tests/data/banners" ;;
esac
corpus=$build/fuzz/corpus/fuzz_$target
mkdir -p "$corpus" "$build/fuzz/artifacts" "$build/fuzz/logs"
log=$build/fuzz/logs/fuzz_$target.log
existing=""
for dir in $seeds; do
    [ -d "$dir" ] && existing="$existing $dir"
done
# Inputs are capped at 64 KiB: topology files are far smaller, and the parsers' own size limits are
# tested by the unit tests. A single input taking more than 10 s counts as a hang.
# shellcheck disable=SC2086
if ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$binary" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/fuzz/artifacts/fuzz_$target-" "$corpus" $existing >"$log" 2>&1; then
    echo "fuzz_$target: $(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1)"
else
    echo "fuzz_$target: FAILED, see $log"
    grep -E 'ERROR|SUMMARY|property broken|Test unit written|deadly signal' "$log" | head -8 | sed 's/^/    /'
    exit 1
fi
