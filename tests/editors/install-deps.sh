#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs what the editor tests (meson test --suite editors) need: Neovim 0.7+, Emacs with
# eglot, and the VS Code extension's npm packages from editors/vscode/package-lock.json.
# Safe to run again. Without these the tests skip (exit 77) instead of failing.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
missing=""
for pkg in neovim emacs-nox elpa-eglot nodejs; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $pkg"
done
# Node.js from elsewhere (nodesource, nvm) is fine too.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    missing=$(echo "$missing" | sed 's/ nodejs//')
elif ! dpkg-query -W -f='${Status}' npm 2>/dev/null | grep -q 'install ok installed'; then
    missing="$missing npm"
fi
if [ -n "$missing" ]; then
    echo "==> installing:$missing" >&2
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi
echo "==> npm ci in editors/vscode" >&2
cd "$root/editors/vscode"
npm ci --no-audit --no-fund --loglevel=error
