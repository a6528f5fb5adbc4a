#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One-command set-up for a fresh Debian or Ubuntu machine that has only git and bash.
#
#   ./bootstrap.sh run    install what is missing, build, and start LedgerGuard on the demo ledger
#   ./bootstrap.sh test   install what is missing, build, and run every test through CTest; also build the tests
#                         with AddressSanitizer + UBSan (BUILD_DIR-asan) and run them, and build the libFuzzer
#                         targets with clang (BUILD_DIR-fuzz) and run each for FUZZ_SECONDS; the last line is the
#                         summary of CTest's run of the normal build
#   ./bootstrap.sh build  install what is missing and build only
#
# Packages are installed with apt-get, as root or through sudo. Set BUILD_DIR to build elsewhere (default: build),
# JOBS for the parallel build jobs (default: all cores), SANITIZERS=0 to leave out the sanitizer and fuzzer runs of
# `test`, FUZZ_SECONDS for the run of each fuzzer (default: 60). docs/SECURITY.md describes these runs.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
mode="${1:-run}"
shift || true
case "$mode" in
run | test | build) ;;
*)
    echo "usage: $0 run|test|build [arguments for ledgerguard]" >&2
    exit 2
    ;;
esac

BUILD_DIR="${BUILD_DIR:-build}"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"

# Debian/Ubuntu packages for building, testing and packaging (Qt 6 >= 6.4, Eigen 3, CMake >= 3.21).
PACKAGES=(
    build-essential cmake pkg-config git ca-certificates
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev libqt6opengl6-dev
    libqt6sql6-sqlite libeigen3-dev libgl-dev libxkbcommon-dev qt6-tools-dev qt6-l10n-tools
    libsqlite3-dev xvfb xauth dpkg-dev file appstream desktop-file-utils curl rpm
    wrk poppler-utils clang
    postgresql postgresql-client libqt6sql6-psql
)

log() { printf '\033[1m==> [%s] %s\033[0m\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

install_packages() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        log "All build dependencies are installed"
        return
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "This script installs dependencies with apt-get (Debian/Ubuntu). Please install: ${missing[*]}" >&2
        echo "On Windows and macOS follow the CMake steps in README.md." >&2
        exit 1
    fi
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
            echo "Need root or sudo to install: ${missing[*]}" >&2
            exit 1
        fi
    fi
    log "Installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
}

build() {
    log "Configuring ($BUILD_DIR)"
    cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release
    log "Building with $JOBS jobs"
    cmake --build "$BUILD_DIR" --parallel "$JOBS"
}

# The tests again in BUILD_DIR-asan, built with AddressSanitizer and UBSan: any report stops that test (it fails).
# A failed test runs once more (--repeat until-pass:2): LeakSanitizer's check at process exit itself sometimes
# crashes on this kind of VM ("Tracer caught signal 11" after every test function passed); a report that repeats
# still fails the run, and a first failure stays in the output.
# The packaging test is left out (it packs and installs the build tree; nothing of it runs instrumented code that
# the other tests do not), and so are the benchmark smoke runs (not built there: large data, timed) and the suites'
# second runs on PostgreSQL (<suite>_pg: the same code as their SQLite runs apart from the engine's SQL, which the
# PostgreSQL tests run here, tst_pgchanges and tst_migrate, also reach; the whole CI run stays under 30 minutes).
sanitizer_tests() {
    local dir="$BUILD_DIR-asan"
    log "Configuring ($dir: AddressSanitizer + UBSan)"
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O1 -DNDEBUG" -DWITH_ASAN=ON \
        -DWITH_BENCHMARKS=OFF >/dev/null || return 1
    log "Building ($dir) with $JOBS jobs"
    cmake --build "$dir" --parallel "$JOBS" || return 1
    log "Running the tests under AddressSanitizer + UBSan"
    (cd "$dir" &&
        ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1 \
            UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
            ctest --output-on-failure --parallel "$JOBS" --timeout 900 --repeat until-pass:2 -LE packaging -E '_pg$')
}

# The libFuzzer targets (tests/fuzz) built with clang in BUILD_DIR-fuzz, each run for FUZZ_SECONDS, all nine at a
# time (the whole CI run stays under 30 minutes on 2 cores).
fuzz_runs() {
    local dir="$BUILD_DIR-fuzz"
    log "Configuring ($dir: clang, libFuzzer)"
    CXX=clang++ cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O1 -DNDEBUG" \
        -DWITH_ASAN=ON -DWITH_FUZZERS=ON -DWITH_BENCHMARKS=OFF >/dev/null || return 1
    log "Building the fuzzers ($dir) with $JOBS jobs"
    cmake --build "$dir" --parallel "$JOBS" --target fuzzers || return 1
    log "Running each fuzzer for ${FUZZ_SECONDS:-60} s"
    tests/fuzz/run.sh "$dir" "${FUZZ_SECONDS:-60}" 9
}

install_packages
if [ "$mode" = test ] && [ "${SANITIZERS:-1}" != 0 ]; then
    # libFuzzer's runtime for the installed clang (Debian packs it as libfuzzer-<major>-dev), and LLVM's linker for
    # the many test executables of the three trees (CMakeLists.txt LEDGERGUARD_FAST_LINKER; gold without it).
    PACKAGES=("libfuzzer-$(clang -dumpversion | cut -d. -f1)-dev" lld)
    install_packages
fi
build

case "$mode" in
build) ;;
test)
    failed=()
    if [ "${SANITIZERS:-1}" != 0 ]; then
        sanitizer_tests || failed+=("the tests under AddressSanitizer + UBSan ($BUILD_DIR-asan)")
        fuzz_runs || failed+=("the fuzzers ($BUILD_DIR-fuzz/fuzz-work)")
    fi
    for f in "${failed[@]}"; do
        log "FAILED: $f"
    done
    log "Running the tests"
    cd "$BUILD_DIR"
    ctest --output-on-failure --parallel "$JOBS" --timeout 900 || exit
    [ "${#failed[@]}" -eq 0 ] || exit 1
    ;;
run)
    app="$BUILD_DIR/app/ledgerguard"
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        log "No display found: starting LedgerGuard in a virtual X server (xvfb-run)."
        log "On a desktop session the window opens normally."
        exec xvfb-run -a "$app" "$@"
    fi
    log "Starting LedgerGuard on the demo ledger"
    exec "$app" "$@"
    ;;
esac
