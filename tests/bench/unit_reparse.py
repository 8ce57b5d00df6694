#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`rvbench units` compares the reparse of an edited top-level statement alone (tree-sitter's
included ranges) with the whole text's, node by node, for the edits whose statement parses alone
by rv_doc_span_parses_alone, the partial analysis's own test (docs/incremental.md). Over these
modules, with bench/run's random and typing edits, no statement's tree may differ from the whole
text's, and enough edits must qualify and agree for that to mean something. The seeds and
modules include edits that differ when a condition is dropped: codecs.py's and sitecustomize.py's
(Debian's, in libpython3.11-minimal) when the statements need not start a line, sitecustomize.py's
when they may start with `else`. The same edits go through the partial analysis too (`rvbench
units --analyze`, before each whole reparse as in the server), whose findings must equal a whole
analysis's: tomllib/_types.py's crashed it when the module's first statement was taken from the
last model, whose tree the reparse had deleted (under ASan, or in a release build). With
contextvars.py's seed, statements parsed from the whole tree at the file's start (where there is
no room for rv_parse_statements's lead-in) differed: a statement typed after the first one had
rows two too many. A statement of a class body parsed alone under a stand-in class head
(rv_parse_class_statement) is compared the same way with the whole text's class: with
_compression.py's and aifc.py's seeds it differs when the next statement may start deeper than
it (after `def readinto(self, b):x`, tree-sitter takes the indented body for statements of the
class) or when it may be a comment at the margin.

usage: unit_reparse.py RVBENCH BENCH_RUN"""
import importlib.machinery
import importlib.util
import os
import subprocess
import sys
import tempfile

LIB = "/usr/lib/python3.11"
CASES = [("io.py", 175), ("enum.py", 154), ("sitecustomize.py", 225), ("codecs.py", 107),
         ("argparse.py", 3), ("typing.py", 1), ("dataclasses.py", 5),
         ("tomllib/_types.py", 575), ("contextvars.py", 143), ("_compression.py", 106),
         ("aifc.py", 120)]


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
    body_equal = 0
    taken = 0
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, seed in CASES:
            path = os.path.join(LIB, name)
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            runs = [("random", bench.gen_edits(text, 200, seed=seed))]
            try:
                runs.append(("typing", bench.typing_edits(text, 2, seed=seed)))
            except ValueError:
                pass  # no function body to type into (sitecustomize.py)
            for kind, edits in runs:
                ef = bench.write_edits(edits, tmp)
                out = subprocess.run([rvbench, "units", ef, path], capture_output=True,
                                     text=True, check=True).stdout
                # The partial analysis of the same edits, before each whole reparse as in the
                # server: its findings against a whole analysis of the whole tree.
                analysed = subprocess.run([rvbench, "units", "--analyze", ef, path],
                                          capture_output=True, text=True)
                if analysed.returncode != 0:
                    failures.append("%s %s seed %d: rvbench units --analyze exited %d: %s"
                                    % (name, kind, seed, analysed.returncode,
                                       analysed.stderr[-1500:]))
                for i, line in enumerate(ln for ln in analysed.stdout.splitlines()
                                         if ln.startswith("partial ")):
                    taken += " taken " in line
                    if " differs" in line:
                        failures.append("%s %s seed %d: edit %d: the partial analysis's findings "
                                        "differ from a whole one's" % (name, kind, seed, i))
                # A statement of a class body parsed alone (rv_parse_class_statement), when the
                # edit is inside one: its tree against the whole text's class there.
                for line in out.splitlines():
                    if line.startswith("body "):
                        body_equal += line.endswith(" equal")
                        if line.endswith(" differs"):
                            failures.append("%s %s seed %d: a class body's statement parsed "
                                            "alone differs (%s)" % (name, kind, seed, line))
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
    if body_equal < 200:
        failures.append("only %d edits of a class body qualified with a tree equal to the whole "
                        "text's" % body_equal)
    if taken < 300:
        failures.append("only %d edits were analysed partially" % taken)
    for f in failures:
        print("FAIL", f)
    print("%d statement trees and %d class body statement trees equal to the whole text's, %d "
          "edits analysed partially, %d failures" % (equal, body_equal, taken, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
