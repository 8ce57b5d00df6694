#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The one entry point for people and CI: installs what is missing, fetches and verifies the
# grammars, builds, and runs either the example review or the whole test suite.
#
#   ./dev.sh demo     set up, build, review examples/ (the main job)
#   ./dev.sh test     set up, build, run every test (plain build, then ASan+UBSan build)
#   ./dev.sh setup    set up and build only
#
# Safe to run again: every step checks before it acts.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

say() { printf '==> %s\n' "$*" >&2; }

apt_packages=(
    build-essential pkg-config meson ninja-build python3
    libuv1-dev libjansson-dev libtree-sitter-dev
    libpython3.11-stdlib nodejs npm
)
# What the test suite needs besides: the formatter, bandit to compare against, valgrind, clang
# for the fuzzers, and the real editors (installed by tests/editors/install-deps.sh).
test_packages=(clang clang-format bandit valgrind)

install_packages() {
    local missing=()
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    # A machine may have Node.js from elsewhere; then Debian's npm is not needed.
    if command -v npm >/dev/null 2>&1; then
        local kept=()
        for pkg in "${missing[@]}"; do
            case "$pkg" in nodejs | npm) ;; *) kept+=("$pkg") ;; esac
        done
        missing=("${kept[@]+"${kept[@]}"}")
    fi
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Fetch each grammar of deps/grammars.lock with `npm pack`, check the tarball's sha512 against
# the pinned integrity, and unpack only its generated C sources under subprojects/ (ignored).
fetch_grammars() {
    mkdir -p subprojects
    while read -r name version integrity dir; do
        case "$name" in '' | \#*) continue ;; esac
        local dest="subprojects/$dir"
        if [ -f "$dest/.integrity" ] && [ "$(cat "$dest/.integrity")" = "$integrity" ]; then
            continue
        fi
        say "fetching $name@$version"
        local tmp
        tmp=$(mktemp -d)
        (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null)
        local tgz
        tgz=$(ls "$tmp"/*.tgz)
        local got
        got="sha512-$(openssl dgst -sha512 -binary "$tgz" 2>/dev/null | base64 -w0 ||
            python3 -c 'import base64,hashlib,sys;print(base64.b64encode(hashlib.sha512(open(sys.argv[1],"rb").read()).digest()).decode())' "$tgz")"
        if [ "$got" != "$integrity" ]; then
            echo "error: $name@$version does not match deps/grammars.lock" >&2
            echo "  expected $integrity" >&2
            echo "  got      $got" >&2
            echo "Refusing to build with an unverified grammar." >&2
            rm -rf "$tmp"
            exit 1
        fi
        rm -rf "$dest"
        mkdir -p "$dest"
        tar -xzf "$tgz" -C "$tmp"
        cp -r "$tmp/package/src" "$dest/src"
        cp "$tmp/package/LICENSE" "$dest/" 2>/dev/null || true
        echo "$integrity" >"$dest/.integrity"
        rm -rf "$tmp"
    done <deps/grammars.lock
}

configure() { # dir, extra meson args...
    local dir=$1
    shift
    if [ ! -f "$dir/build.ninja" ]; then
        meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log" >&2; exit 1; }
        rm -f "$dir.setup.log"
    fi
}

setup() {
    install_packages "${apt_packages[@]}"
    fetch_grammars
    configure build --buildtype=debugoptimized -Dwerror=true
    ninja -C build --quiet
}

case "${1:-demo}" in
setup)
    setup
    ;;
demo)
    setup
    say "reviewing examples/ (build/reviewls review examples)"
    status=0
    ./build/reviewls review examples || status=$?
    # Exit 1 only means "there are findings", which is the point of the demo.
    [ "$status" -le 1 ] || exit "$status"
    ;;
test)
    setup
    install_packages "${test_packages[@]}"
    sh tests/editors/install-deps.sh
    sh tests/report/install-deps.sh
    shift || true
    "$root/scripts/test-all" "$@"
    ;;
*)
    echo "usage: ./dev.sh [demo|test|setup]" >&2
    exit 2
    ;;
esac
