#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One-command set-up for a fresh Debian or Ubuntu machine that has only git and bash.
#
#   ./bootstrap.sh run    install what is missing, build, and start LedgerGuard on the demo ledger
#   ./bootstrap.sh test   install what is missing, build, and run every test through CTest
#   ./bootstrap.sh build  install what is missing and build only
#
# Packages are installed with apt-get, as root or through sudo. Set BUILD_DIR to build elsewhere (default: build),
# JOBS for the parallel build jobs (default: all cores).
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
    wrk poppler-utils
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

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

install_packages
build

case "$mode" in
build) ;;
test)
    log "Running the tests"
    cd "$BUILD_DIR"
    exec ctest --output-on-failure --parallel "$JOBS" --timeout 900
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
