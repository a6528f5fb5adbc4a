#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every libFuzzer target of a WITH_FUZZERS=ON build (the list is BUILD_DIR/fuzzers.txt) for SECONDS each,
# JOBS at a time:
#
#   tests/fuzz/run.sh BUILD_DIR [SECONDS=60] [JOBS=2]
#
# Each run starts from its seed corpus in tests/fuzz/corpus/<corpus>, which it only reads (new inputs go to
# BUILD_DIR/fuzz-work/<name>). A crash, a sanitizer report, a leak, an input slower than 10 s or above 2 GiB fails the
# target; the input is kept as BUILD_DIR/fuzz-work/<name>/crash-* (or leak-, timeout-, oom-): fix the finding and
# add the input to the corpus as a regression. Logs: BUILD_DIR/fuzz-work/<name>.log. Exits 1 when a target failed.
set -uo pipefail

build="${1:?usage: $0 BUILD_DIR [SECONDS] [JOBS]}"
seconds="${2:-60}"
jobs="${3:-2}"
list="$build/fuzzers.txt"
[ -s "$list" ] || {
    echo "no $list: configure $build with -DWITH_FUZZERS=ON and build the target 'fuzzers'" >&2
    exit 2
}
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
export QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8

work="$build/fuzz-work"
mkdir -p "$work"

run_one() {
    local name="$1" corpus="$2"
    local dir="$work/$name"
    rm -rf "$dir" && mkdir -p "$dir/corpus"
    if "$build/tests/fuzzer_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$dir/" "$dir/corpus" "$corpus" >"$work/$name.log" 2>&1; then
        echo "fuzz $name: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$name.log" | grep -o '[0-9]*$') runs in ${seconds} s, no finding"
        return 0
    fi
    echo "fuzz $name: FAILED (log $work/$name.log, input $(ls "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* "$dir"/oom-* 2>/dev/null | head -1))"
    tail -n 40 "$work/$name.log"
    return 1
}

failed=0
running=0
while read -r name corpus; do
    [ -n "$name" ] || continue
    run_one "$name" "$corpus" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n || failed=1
        running=$((running - 1))
    fi
done <"$list"
while [ "$running" -gt 0 ]; do
    wait -n || failed=1
    running=$((running - 1))
done
exit "$failed"
