#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`rvbench units` compares the reparse of an edited top-level statement alone (tree-sitter's
included ranges) with the whole text's, node by node, for the edits whose statement keeps both
its ends (docs/incremental.md). Its conditions are the design's claim: over these modules, with
bench/run's random and typing edits, no statement's tree may differ from the whole text's, and
enough edits must qualify and agree for that to mean something. The seeds and modules include
edits that differ when a condition is dropped (the first word, line starts).

usage: unit_reparse.py RVBENCH BENCH_RUN"""
import importlib.machinery
import importlib.util
import os
import subprocess
import sys
import tempfile

LIB = "/usr/lib/python3.11"
# (module, seed): telnetlib's seed 135 deletes the x of a typed `elsxe:`, cProfile's 100 the x
# of `def main():x`.
CASES = [("telnetlib.py", 135), ("cProfile.py", 100), ("codecs.py", 107), ("argparse.py", 3),
         ("typing.py", 1), ("dataclasses.py", 5)]


def load_bench(path):
    loader = importlib.machinery.SourceFileLoader("bench_run", path)
    spec = importlib.util.spec_from_loader("bench_run", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def main():
    rvbench, bench_run = sys.argv[1], sys.argv[2]
    bench = load_bench(bench_run)
    equal = 0
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, seed in CASES:
            path = os.path.join(LIB, name)
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            for kind, edits in (("random", bench.gen_edits(text, 200, seed=seed)),
                                ("typing", bench.typing_edits(text, 2, seed=seed))):
                ef = bench.write_edits(edits, tmp)
                out = subprocess.run([rvbench, "units", ef, path], capture_output=True,
                                     text=True, check=True).stdout
                rows = [line.split() for line in out.splitlines() if line.startswith("unit ")]
                if len(rows) != len(edits):
                    failures.append("%s %s: %d results for %d edits" % (name, kind, len(rows),
                                                                         len(edits)))
                for i, row in enumerate(rows):
                    if row[-1] == "differs":
                        failures.append("%s %s seed %d: edit %d (%s) differs"
                                        % (name, kind, seed, i, " ".join(row)))
                    equal += row[-1] == "equal"
    if equal < 500:
        failures.append("only %d edits qualified with a tree equal to the whole text's" % equal)
    for f in failures:
        print("FAIL", f)
    print("%d statement trees equal to the whole text's, %d failures" % (equal, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
