#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian package end to end, from an existing build tree (no rebuild from scratch):
#   1. cpack -G DEB (and -G RPM when rpmbuild is there) in BUILD_DIR; checks the dependencies dpkg-shlibdeps found
#      and the files the package carries (desktop file, metainfo, icons, man page), validated where the tools exist;
#   2. installs it: as root with apt-get (dpkg -i when apt-get is missing); otherwise, or with
#      LG_PACKAGE_TEST=extract, or when a ledgerguard package is already installed (left alone), unpacks it with
#      dpkg-deb -x into a temporary root;
#   3. runs the installed ledgerguard --version (must print the CMake project version) and --help, then
#      ledgerguard --headless --serve --port 0 --db <temporary file>, and checks that GET /health answers 200;
#   4. stops it with SIGTERM (clean exit required) and removes the package (dpkg -r).
# Exit status: 0 passed, 1 failed, 77 skipped (no dpkg, cpack or curl). CTest runs it as the test
# packaging_deb (tests/packaging.cmake).
#
#   packaging/test-deb.sh BUILD_DIR
set -euo pipefail

build="$(cd "${1:?usage: test-deb.sh BUILD_DIR}" && pwd)"
app_id="io.github.ledgerguard.LedgerGuard"
start=$SECONDS

skip() {
    echo "SKIP: $*"
    exit 77
}
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
step() { printf '== %s (%ds)\n' "$*" $((SECONDS - start)); }

[ -f "$build/CPackConfig.cmake" ] || fail "$build is not a configured LedgerGuard build tree (no CPackConfig.cmake)"
# Without dpkg there is nothing to install or unpack a .deb with, as root or not.
command -v dpkg-deb >/dev/null 2>&1 || skip "dpkg is not available (not a Debian system)"
command -v cpack >/dev/null 2>&1 || skip "cpack is not available"
command -v curl >/dev/null 2>&1 || skip "curl is not available"

work="$(mktemp -d "${TMPDIR:-/tmp}/lg-test-deb.XXXXXX")"
pid=""
installed=""
cleanup() {
    if [ -n "$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
    if [ -n "$installed" ]; then dpkg -r ledgerguard >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

version="$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")"
[ -n "$version" ] || fail "no CMAKE_PROJECT_VERSION in $build/CMakeCache.txt"

# 1. Build the packages from the existing tree (cpack runs the install step, which only checks the build is current).
generators="DEB"
if command -v rpmbuild >/dev/null 2>&1; then generators="DEB;RPM"; fi
step "cpack -G $generators (version $version)"
(cd "$build" && cpack -G "$generators" -B "$work/pkg") >"$work/cpack.log" 2>&1 || {
    cat "$work/cpack.log"
    fail "cpack failed"
}
deb="$(find "$work/pkg" -maxdepth 1 -name "ledgerguard_*.deb" | head -n1)"
[ -n "$deb" ] || fail "cpack made no .deb"
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
dpkg-deb --field "$deb" Package Version Architecture Depends
[ "$(dpkg-deb --field "$deb" Version)" = "$version" ] || fail "package version is not the project version $version"
depends="$(dpkg-deb --field "$deb" Depends)"
for dep in libqt6core6 libqt6widgets6 libqt6httpserver6 libqt6sql6-sqlite qt6-qpa-plugins; do
    grep -qw -- "$dep" <<<"$depends" || fail "Depends lacks $dep (dpkg-shlibdeps or CPACK_DEBIAN_PACKAGE_DEPENDS)"
done
dpkg-deb --contents "$deb" >"$work/contents.txt"
for f in usr/bin/ledgerguard usr/bin/ledgerguard-iforest "usr/share/applications/$app_id.desktop" \
    "usr/share/metainfo/$app_id.metainfo.xml" "usr/share/icons/hicolor/scalable/apps/$app_id.svg" \
    "usr/share/icons/hicolor/16x16/apps/$app_id.png" "usr/share/icons/hicolor/512x512/apps/$app_id.png" \
    usr/share/man/man1/ledgerguard.1.gz usr/share/man/man1/ledgerguard-iforest.1.gz \
    usr/share/doc/ledgerguard/copyright usr/share/doc/ledgerguard/changelog.gz usr/share/doc/ledgerguard/INSTALL.md; do
    grep -q " \./$f\$" "$work/contents.txt" || fail "the package lacks /$f"
done
if [ "$generators" = "DEB;RPM" ]; then
    rpm="$(find "$work/pkg" -maxdepth 1 -name "ledgerguard-*.rpm" | head -n1)"
    [ -n "$rpm" ] || fail "cpack made no .rpm"
    echo "built $(basename "$rpm") ($(du -k "$rpm" | cut -f1) KiB)"
    # (Captured first: grep -q would stop reading early and fail the pipeline under pipefail.)
    rpm -qp --requires "$rpm" >"$work/rpm-requires.txt" 2>/dev/null || fail "rpm cannot read $rpm"
    rpm -qpl "$rpm" >"$work/rpm-files.txt" 2>/dev/null || fail "rpm cannot list $rpm"
    grep -q "libQt6Core.so.6" "$work/rpm-requires.txt" || fail "the RPM does not require libQt6Core"
    grep -qx "/usr/bin/ledgerguard" "$work/rpm-files.txt" || fail "the RPM lacks /usr/bin/ledgerguard"
fi

# The metadata as packaged.
dpkg-deb -x "$deb" "$work/unpacked"
if command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate "$work/unpacked/usr/share/applications/$app_id.desktop" || fail "desktop file invalid"
fi
if command -v appstreamcli >/dev/null 2>&1; then
    appstreamcli validate --no-net "$work/unpacked/usr/share/metainfo/$app_id.metainfo.xml" || fail "metainfo invalid"
fi
gzip -t "$work/unpacked/usr/share/man/man1/ledgerguard.1.gz" || fail "man page is not valid gzip"

# 2. Install. Root runs of this script on one machine (several build trees) take turns from here on: each one
# installs and removes the same package.
if [ "$(id -u)" -eq 0 ] && command -v flock >/dev/null 2>&1; then
    exec 9>/run/lock/ledgerguard-test-deb.lock 2>/dev/null || exec 9>/tmp/ledgerguard-test-deb.lock
    flock -w 600 9 || fail "another packaging test held the lock for 10 minutes"
fi
mode="extract"
if [ "$(id -u)" -eq 0 ] && [ "${LG_PACKAGE_TEST:-install}" != "extract" ]; then
    if dpkg-query -W -f='${Status}' ledgerguard 2>/dev/null | grep -q "install ok installed"; then
        echo "a ledgerguard package is already installed here: leaving it alone, unpacking instead"
    else
        mode="install"
    fi
fi
if [ "$mode" = "install" ]; then
    installed=1 # from here on, the exit trap removes the package whatever happens
    if command -v apt-get >/dev/null 2>&1; then
        step "apt-get install $(basename "$deb")"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 \
            -o DPkg::Lock::Timeout=120 "$deb" \
            </dev/null >"$work/install.log" 2>&1 || {
            cat "$work/install.log"
            fail "apt-get install failed"
        }
    else
        step "dpkg -i $(basename "$deb")"
        dpkg -i "$deb" >"$work/install.log" 2>&1 || {
            cat "$work/install.log"
            fail "dpkg -i failed"
        }
    fi
    dpkg-query -W -f='${Status} ${Version}\n' ledgerguard | grep -q "^install ok installed $version\$" ||
        fail "dpkg does not list ledgerguard $version as installed"
    prefix=/usr
    env_run=(env)
else
    step "not installing (not root, LG_PACKAGE_TEST=extract or already installed): running from dpkg-deb -x"
    prefix="$work/unpacked/usr"
    env_run=(env "LD_LIBRARY_PATH=$prefix/lib:$prefix/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}")
fi
bin="$prefix/bin/ledgerguard"
[ -x "$bin" ] || fail "$bin is not there"
"${env_run[@]}" ldd "$bin" >"$work/ldd.txt" || fail "ldd $bin failed"
if grep "not found" "$work/ldd.txt"; then fail "unresolved libraries"; fi

# 3. Run it, with a private HOME so that nothing touches the real user's data.
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config"
export XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
step "$bin --version / --help"
got="$("${env_run[@]}" "$bin" --version)" || fail "--version exited with $?"
echo "$got"
[ "$got" = "LedgerGuard $version" ] || fail "--version printed '$got', expected 'LedgerGuard $version'"
"${env_run[@]}" "$bin" --help >"$work/help.txt" || fail "--help exited with $?"
grep -q -- "--db" "$work/help.txt" || fail "--help does not describe --db"
"${env_run[@]}" "$prefix/bin/ledgerguard-iforest" --help >/dev/null || fail "ledgerguard-iforest --help failed"

step "$bin --headless --serve --port 0 --db <temporary ledger>"
"${env_run[@]}" "$bin" --headless --serve --port 0 --db "$work/ledger.sqlite" \
    --generator-interval 0 --detector-interval 0 >"$work/server.log" 2>&1 &
pid=$!
url=""
for _ in $(seq 1 300); do
    url="$(sed -n 's/^ledgerguard: listening on \(http:[^ ]*\).*/\1/p' "$work/server.log" | head -n1)"
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
[ -n "$url" ] || {
    cat "$work/server.log"
    fail "the installed server did not start listening"
}
url="${url%/}"
code="$(curl -sS --max-time 10 -o "$work/health.json" -w '%{http_code}' "$url/health")" || fail "curl $url/health failed"
echo "GET $url/health -> $code: $(head -c 300 "$work/health.json")"
[ "$code" = "200" ] || {
    cat "$work/server.log"
    fail "GET /health answered $code"
}
[ -s "$work/ledger.sqlite" ] || fail "the temporary ledger was not created"

# 4. Stop it cleanly, then remove the package.
step "SIGTERM"
kill -TERM "$pid"
status=0
for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
    cat "$work/server.log"
    fail "the server did not stop within 15 s of SIGTERM"
fi
wait "$pid" || status=$?
pid=""
[ "$status" -eq 0 ] || {
    cat "$work/server.log"
    fail "the server exited with $status after SIGTERM"
}

if [ "$mode" = "install" ]; then
    step "dpkg -r ledgerguard"
    dpkg -r ledgerguard >"$work/remove.log" 2>&1 || {
        cat "$work/remove.log"
        fail "dpkg -r failed"
    }
    installed=""
    [ ! -e /usr/bin/ledgerguard ] || fail "/usr/bin/ledgerguard is left behind"
    [ ! -e "/usr/share/applications/$app_id.desktop" ] || fail "the desktop file is left behind"
    if dpkg-query -W -f='${Status}' ledgerguard 2>/dev/null | grep -q "install ok installed"; then
        fail "dpkg still lists ledgerguard"
    fi
fi
step "PASS: the packaged ledgerguard $version ($mode) answers GET /health with 200"
