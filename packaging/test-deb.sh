#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the .deb from an existing build tree, installs it (as root with dpkg; otherwise unpacked into a temporary
# root), starts the installed ledgerguard headless on a temporary database, checks that GET /health answers,
# and removes the package again. Exit 77 = skipped (no dpkg).
#   packaging/test-deb.sh BUILD_DIR
set -euo pipefail
build="$(cd "${1:?usage: test-deb.sh BUILD_DIR}" && pwd)"
command -v dpkg-deb >/dev/null 2>&1 || { echo "SKIP: dpkg-deb not available"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not available"; exit 77; }
work="$(mktemp -d)"
pid=""
installed=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    [ -n "$installed" ] && dpkg -r ledgerguard >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "== cpack -G DEB"
(cd "$build" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb="$(ls "$work"/pkg/ledgerguard_*.deb | head -n1)"
echo "built $deb"
dpkg-deb --field "$deb" Package Version Depends
dpkg-deb --field "$deb" Depends | grep -q "libqt6core6" || { echo "FAIL: no Qt runtime dependency found by dpkg-shlibdeps"; exit 1; }
dpkg-deb --contents "$deb" | grep -q "usr/share/applications/io.github.ledgerguard.LedgerGuard.desktop"
dpkg-deb --contents "$deb" | grep -q "usr/share/metainfo/io.github.ledgerguard.LedgerGuard.metainfo.xml"

if [ "$(id -u)" -eq 0 ]; then
    echo "== dpkg -i"
    dpkg -i "$deb" || { DEBIAN_FRONTEND=noninteractive apt-get install -y -f -qq </dev/null; }
    installed=1
    bin=/usr/bin/ledgerguard
    dpkg -s ledgerguard | grep -q "Status: install ok installed"
else
    echo "== not root: unpacking into a temporary root"
    dpkg-deb -x "$deb" "$work/root"
    bin="$work/root/usr/bin/ledgerguard"
fi
if command -v appstreamcli >/dev/null 2>&1; then
    appstreamcli validate --no-net --pedantic "$(dirname "$0")/io.github.ledgerguard.LedgerGuard.metainfo.xml" || \
        appstreamcli validate --no-net "$(dirname "$0")/io.github.ledgerguard.LedgerGuard.metainfo.xml"
fi
if command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate "$(dirname "$0")/io.github.ledgerguard.LedgerGuard.desktop"
fi

"$bin" --version
port=$(( 20000 + RANDOM % 20000 ))
echo "== starting $bin --headless --serve --port $port"
HOME="$work/home" "$bin" --headless --serve --port "$port" --db "$work/ledger.sqlite" \
    --generator-interval 0 --detector-interval 0 >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$port/health" -o "$work/health.json" 2>/dev/null; then break; fi
    sleep 0.1
done
cat "$work/health.json" || { echo "FAIL: /health did not answer"; cat "$work/server.log"; exit 1; }
echo
grep -q '"status"' "$work/health.json"
kill -TERM "$pid"
wait "$pid" || { echo "FAIL: the server did not stop cleanly"; cat "$work/server.log"; exit 1; }
pid=""
if [ -n "$installed" ]; then
    echo "== dpkg -r"
    dpkg -r ledgerguard >/dev/null
    installed=""
    [ ! -e /usr/bin/ledgerguard ] || { echo "FAIL: binary left behind"; exit 1; }
fi
echo "PASS: the installed package answers /health"
