#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs tests/editors/nvim_test.lua in a headless Neovim without user config.
# usage: run-nvim.sh REVIEWLS SOURCE_ROOT; exit 77 (skip) when nvim is not installed.
set -eu
reviewls=$(realpath "$1")
root=$(realpath "$2")
command -v nvim >/dev/null 2>&1 || { echo "SKIP: nvim not installed (tests/editors/install-deps.sh)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$root/tests/editors/fixtures/sample.py" "$tmp/sample.py"
: >"$tmp/pyproject.toml"
nvim --version | head -n 1
# The test bounds each of its waits; timeout(1) is the last guard against a hung editor.
HOME="$tmp" XDG_STATE_HOME="$tmp/state" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
REVIEWLS="$reviewls" RV_ROOT="$root" RV_FIXTURE="$tmp/sample.py" \
    timeout -k 5 120 nvim --headless --clean -c "luafile $root/tests/editors/nvim_test.lua" </dev/null
