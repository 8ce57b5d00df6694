#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Compare reviewls's security findings with bandit's over the same real code.

Runs bandit (JSON, limited to the ids reviewls implements) and `reviewls check --format json
--select security` over PATH (default: /usr/lib/python3.11), maps each reviewls code to its
bandit ids (the "bandit" field of protocol/rules.json, comma-separated), and matches findings by
file and line. Bandit reports some checks on a neighbouring line (a default on the `def` line, a
multi-line call on its first line), so a bandit finding also matches one of ours up to
WINDOW lines below it. Prints, per bandit id: bandit's count, ours, matched, recall and our
extras. Exits 1 when the overall recall is below THRESHOLD (a percentage).

usage: bandit_compare.py REVIEWLS [PATH] [--threshold N] [--bandit PROG] [--show-extras ID]
       [--show-missed ID]
"""
import argparse
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

WINDOW = 3
HERE = os.path.dirname(os.path.abspath(__file__))
CATALOGUE = os.path.join(HERE, "..", "..", "protocol", "rules.json")


def code_map():
    with open(CATALOGUE, encoding="utf-8") as f:
        rules = json.load(f)["rules"]
    out = {}
    for r in rules:
        if r.get("category") == "security" and r.get("bandit"):
            out[r["code"]] = [b.strip() for b in r["bandit"].split(",") if b.strip()]
    return out


def bandit_ids(prog):
    """The test ids this bandit knows (its --help lists them), e.g. B113 only from 1.7.5."""
    proc = subprocess.run([prog, "--help"], capture_output=True, text=True)
    return set(re.findall(r"^\s+(B\d{3})\s", proc.stdout, re.MULTILINE))


def run_bandit(prog, path, ids):
    proc = subprocess.run([prog, "-r", path, "-f", "json", "-q", "-t", ",".join(sorted(ids))],
                          capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"bandit failed ({proc.returncode}): {proc.stderr[-2000:]}")
    data = json.loads(proc.stdout)
    return [(os.path.realpath(r["filename"]), r["line_number"], r["test_id"])
            for r in data["results"]]


def classify(finding, ids):
    """The bandit id an unmatched finding of ours belongs to, when its code has several."""
    if len(ids) == 1:
        return ids[0]
    msg = finding["message"]
    callee = msg.split("`")[1] if msg.count("`") >= 2 else ""
    if finding["code"] == "RV603":
        return "B302" if callee.startswith("marshal.") else "B301"
    if finding["code"] == "RV613":
        return "B324" if callee == "hashlib.new" else "B303"
    if finding["code"] == "RV611":
        if msg.startswith("parameter"):
            return "B503"
        return "B504" if "without ssl_version" in msg else "B502"
    if finding["code"] == "RV633":
        return "B602" if callee.startswith("subprocess.") else "B605"
    if finding["code"] == "RV625":
        by_module = [("xml.etree.cElementTree.", "B313"), ("xml.etree.ElementTree.", "B314"),
                     ("xml.sax.expatreader.", "B315"), ("xml.dom.expatbuilder.", "B316"),
                     ("xml.sax.", "B317"), ("xml.dom.minidom.", "B318"),
                     ("xml.dom.pulldom.", "B319"), ("lxml.", "B320")]
        for prefix, bid in by_module:
            if callee.startswith(prefix):
                return bid
    return ids[0]


def run_reviewls(prog, path):
    proc = subprocess.run([prog, "check", "--format", "json", "--select", "security", path],
                          capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"reviewls failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(proc.stdout or "[]")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reviewls")
    ap.add_argument("path", nargs="?", default="/usr/lib/python3.11")
    ap.add_argument("--threshold", type=float, default=95.0)
    ap.add_argument("--bandit", default="bandit")
    ap.add_argument("--show-extras", default="", help="print our extras for these ids")
    ap.add_argument("--show-missed", default="", help="print bandit's unmatched for these ids")
    args = ap.parse_args()

    mapping = code_map()
    known = bandit_ids(args.bandit)
    ids = sorted({b for bs in mapping.values() for b in bs} & known)
    unknown = sorted({b for bs in mapping.values() for b in bs} - known)
    if unknown:
        print(f"this bandit lacks {', '.join(unknown)}: not compared")
    bandit = run_bandit(args.bandit, args.path, ids)
    ours_raw = run_reviewls(args.reviewls, args.path)

    # ours[(file, id)] -> candidates [start_line, end_line, record]; a record is shared by the
    # ids of a code with several and is used by at most one bandit finding.
    ours = defaultdict(list)
    records = []
    for f in ours_raw:
        rec = {"finding": f, "matched": None, "ids": mapping.get(f["code"], [])}
        records.append(rec)
        for bid in rec["ids"]:
            ours[(os.path.realpath(f["path"]), bid)].append([f["line"], f["end_line"], rec])

    # Bandit may report a line twice (two checks of one id); count distinct lines.
    theirs = sorted(set(bandit))
    total = defaultdict(int)
    matched = defaultdict(int)
    missed = defaultdict(list)
    for fname, line, bid in theirs:
        total[bid] += 1
        cands = ours.get((fname, bid), [])
        best = None
        for c in cands:
            if c[2]["matched"]:
                continue
            if c[0] <= line <= c[1]:
                best = c
                break
            if line < c[0] <= line + WINDOW and (best is None or c[0] < best[0]):
                best = c
        if best is not None:
            best[2]["matched"] = bid
            matched[bid] += 1
        else:
            missed[bid].append(f"{fname}:{line}")
    extras = defaultdict(list)
    ours_count = defaultdict(int)
    for rec in records:
        if not rec["ids"]:
            continue
        f = rec["finding"]
        bid = rec["matched"] or classify(f, rec["ids"])
        ours_count[bid] += 1
        if not rec["matched"]:
            extras[bid].append(f"{f['path']}:{f['line']}: {f['code']} {f['message']}")

    print(f"{'id':6} {'bandit':>7} {'ours':>6} {'matched':>8} {'recall':>7} {'extras':>7}")
    all_total = all_matched = 0
    for bid in ids:
        t, m = total[bid], matched[bid]
        all_total += t
        all_matched += m
        recall = f"{100.0 * m / t:.1f}%" if t else "-"
        print(f"{bid:6} {t:7} {ours_count[bid]:6} {m:8} {recall:>7} {len(extras[bid]):7}")
    overall = 100.0 * all_matched / all_total if all_total else 100.0
    print(f"overall recall: {all_matched}/{all_total} = {overall:.1f}% "
          f"(threshold {args.threshold:.1f}%)")
    for bid in filter(None, args.show_extras.split(",")):
        for line in extras[bid]:
            print(f"extra {bid} {line}")
    for bid in filter(None, args.show_missed.split(",")):
        for line in missed[bid]:
            print(f"missed {bid} {line}")
    return 0 if overall >= args.threshold else 1


if __name__ == "__main__":
    sys.exit(main())
