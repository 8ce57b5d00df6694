#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Deterministic sample of one rule's findings, for judging precision by hand (docs/quality.md).

usage: reviewls check --format json DIR > findings.json
       scripts/quality-sample.py findings.json            # counts per rule
       scripts/quality-sample.py findings.json RV303 30   # the sample: finding + source line
The sample is the N findings with the smallest sha1("path:line:column"): stable across runs and
unchanged by findings that other rules add or drop.
"""
import collections
import hashlib
import json
import sys


def main():
    findings = json.load(open(sys.argv[1], encoding="utf-8"))
    if len(sys.argv) < 3:
        counts = collections.Counter(f["code"] for f in findings)
        print(len(findings))
        for code, n in counts.most_common():
            print(code, n)
        return 0
    code, n = sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 30
    sample = sorted((f for f in findings if f["code"] == code),
                    key=lambda f: hashlib.sha1(
                        f"{f['path']}:{f['line']}:{f['column']}".encode()).hexdigest())
    for i, f in enumerate(sample[:n]):
        with open(f["path"], encoding="utf-8", errors="replace") as src:
            line = src.read().split("\n")[f["line"] - 1]
        print(f"#{i} {f['path']}:{f['line']}  {f['message']}\n    | {line.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
