#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs tests/editors/eglot_test.el in `emacs --batch -Q` with Debian's elpa-eglot (1.9).
# usage: run-emacs.sh REVIEWLS SOURCE_ROOT; exit 77 (skip) without emacs or eglot.
set -eu
reviewls=$(realpath "$1")
root=$(realpath "$2")
command -v emacs >/dev/null 2>&1 || { echo "SKIP: emacs not installed (tests/editors/install-deps.sh)"; exit 77; }
ls -d /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1 || emacs --batch -Q --eval '(require (quote eglot))' 2>/dev/null ||
    { echo "SKIP: eglot not installed (apt-get install elpa-eglot)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$root/tests/editors/fixtures/sample.py" "$tmp/sample.py"
: >"$tmp/pyproject.toml"
status=0
HOME="$tmp" REVIEWLS="$reviewls" RV_ROOT="$root" RV_FIXTURE="$tmp/sample.py" \
    timeout -k 5 120 emacs --batch -Q -l "$root/tests/editors/eglot_test.el" </dev/null || status=1
# The `reviewls check' flymake backend, for people who keep another server in eglot.
cp "$root/tests/editors/fixtures/sample.py" "$tmp/sample.py"
HOME="$tmp" REVIEWLS="$reviewls" RV_ROOT="$root" RV_FIXTURE="$tmp/sample.py" \
    timeout -k 5 60 emacs --batch -Q -l "$root/tests/editors/flymake_test.el" </dev/null 2>/dev/null || status=1
exit $status
