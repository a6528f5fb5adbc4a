#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Mutation check: applies each mutant of tests/mutation/mutants.tsv (one small plausible bug) to a scratch copy of
# the source tree, builds the mutant's test executables incrementally, runs them, and reports the mutant killed
# (a test failed) or survived (every test passed). Exit code 0 only when every mutant applied, built and was killed.
# Not part of `make test`: run it before resolving an issue that touches the places the mutants cover.
#
#   tests/mutation/run.sh [NAME...]        (only the named mutants; default: all)
#
# Environment: LG_MUTATION_DIR (scratch directory, default build/mutation inside the source tree, so ccache's
# base_dir matches), LG_MUTATION_JOBS (build jobs, default 2), LG_MUTANTS (the mutant list).
set -euo pipefail

src=$(cd "$(dirname "$0")/../.." && pwd)
scratch=${LG_MUTATION_DIR:-$src/build/mutation}
list=${LG_MUTANTS:-$src/tests/mutation/mutants.tsv}
jobs=${LG_MUTATION_JOBS:-2}
copy=$scratch/src
build=$copy/build
log=$scratch/log
mkdir -p "$copy" "$log"

echo "scratch copy: $copy"
# The tree as it is now (modification times kept, so a second run rebuilds only what changed), without builds and git.
tar -C "$src" --exclude=./build --exclude='./build-*' --exclude=./.git -cf - . | tar -C "$copy" -xf -
export CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-ccache}
cmake -S "$copy" -B "$build" -DCMAKE_BUILD_TYPE=Release >"$log/configure.txt" 2>&1

# name<TAB>file<TAB>tests<TAB>original<TAB>replacement<TAB>protects
mapfile -t mutants < <(grep -v '^#' "$list" | grep -v '^$')
selected=()
for m in "${mutants[@]}"; do
    name=${m%%$'\t'*}
    if [ $# -eq 0 ] || printf '%s\n' "$@" | grep -qx -- "$name"; then
        selected+=("$m")
    fi
done
[ ${#selected[@]} -gt 0 ] || { echo "no mutant matches: $*" >&2; exit 2; }

# Applies (or checks) one replacement: the original text must occur exactly once.
apply() { # file original replacement
    python3 - "$1" "$2" "$3" <<'PY'
import sys
path, original, replacement = sys.argv[1], sys.argv[2].replace('\\n', '\n'), sys.argv[3].replace('\\n', '\n')
text = open(path, encoding='utf-8').read()
count = text.count(original)
if count != 1:
    sys.exit(f"{path}: the original text occurs {count} times, not once")
open(path, 'w', encoding='utf-8').write(text.replace(original, replacement))
PY
}

run_tests() { # comma-separated test names; exit code of ctest
    local regex
    regex="^($(echo "$1" | tr ',' '|'))\$"
    (cd "$build" && QT_QPA_PLATFORM=offscreen CI= ctest -R "$regex" --timeout 600 --output-on-failure)
}

# The unmutated tests must pass, or a failure would count as a kill.
all_tests=$(for m in "${selected[@]}"; do IFS=$'\t' read -r _ _ t _ <<<"$m"; echo "$t"; done | tr ',' '\n' | sort -u | paste -sd, -)
echo "baseline: building and running $all_tests"
cmake --build "$build" --parallel "$jobs" --target $(echo "$all_tests" | tr ',' ' ') >"$log/baseline-build.txt" 2>&1 \
    || { echo "baseline build failed (see $log/baseline-build.txt)" >&2; exit 2; }
run_tests "$all_tests" >"$log/baseline-tests.txt" 2>&1 \
    || { echo "baseline tests fail without any mutant (see $log/baseline-tests.txt)" >&2; exit 2; }

killed=0; survived=0; broken=0
printf '\n| mutant | tests | result | protects |\n|---|---|---|---|\n'
for m in "${selected[@]}"; do
    IFS=$'\t' read -r name file tests original replacement protects <<<"$m"
    cp "$copy/$file" "$log/original"
    result=
    if ! apply "$copy/$file" "$original" "$replacement" >"$log/$name.txt" 2>&1; then
        result="NOT APPLIED"
    elif ! cmake --build "$build" --parallel "$jobs" --target $(echo "$tests" | tr ',' ' ') >>"$log/$name.txt" 2>&1; then
        result="BUILD FAILED"
    elif run_tests "$tests" >>"$log/$name.txt" 2>&1; then
        result="SURVIVED"
    else
        result="killed"
    fi
    cp "$log/original" "$copy/$file"
    case $result in
        killed) killed=$((killed + 1)) ;;
        SURVIVED) survived=$((survived + 1)) ;;
        *) broken=$((broken + 1)) ;;
    esac
    printf '| %s | %s | %s | %s |\n' "$name" "$tests" "$result" "$protects"
done
printf '\n%d mutants: %d killed, %d survived, %d not applied or not built (logs in %s)\n' \
    "${#selected[@]}" "$killed" "$survived" "$broken" "$log"
[ "$survived" -eq 0 ] && [ "$broken" -eq 0 ]
