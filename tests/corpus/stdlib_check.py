#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Corpus test: `reviewls check --format json` over a real code base (default: the standard
library of Debian's Python 3.11) must not crash, must print one valid JSON array whose findings
have exactly the documented keys, and must give the same bytes when run twice.

usage: stdlib_check.py REVIEWLS [DIR]
"""
import json
import os
import subprocess
import sys

KEYS = {"path", "line", "column", "end_line", "end_column", "code", "name", "category",
        "severity", "message"}


def main():
    reviewls = sys.argv[1]
    corpus = sys.argv[2] if len(sys.argv) > 2 else "/usr/lib/python3.11"
    if not os.path.isdir(corpus):
        print(f"SKIP: {corpus} is not installed (package libpython3.11-stdlib)")
        return 77
    files = sum(1 for _, _, fs in os.walk(corpus) for f in fs if f.endswith(".py"))
    runs = []
    for _ in range(2):
        proc = subprocess.run([reviewls, "check", "--format", "json", corpus],
                              capture_output=True, timeout=1200)
        if proc.returncode not in (0, 1):
            print(f"FAIL: exit status {proc.returncode}\n{proc.stderr.decode()[-3000:]}")
            return 1
        runs.append(proc.stdout)
    if runs[0] != runs[1]:
        print("FAIL: two runs over the same files gave different output")
        return 1
    findings = json.loads(runs[0])
    bad = [f for f in findings if set(f) != KEYS]
    if bad:
        print(f"FAIL: findings with other keys: {bad[:3]}")
        return 1
    for f in findings:
        if not (f["line"] >= 1 and f["column"] >= 1 and (f["end_line"], f["end_column"]) >= (f["line"], f["column"])):
            print(f"FAIL: bad range {f}")
            return 1
    by_cat = {}
    for f in findings:
        by_cat[f["category"]] = by_cat.get(f["category"], 0) + 1
    print(f"{files} files, {len(findings)} findings: " +
          ", ".join(f"{k} {v}" for k, v in sorted(by_cat.items())))
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
