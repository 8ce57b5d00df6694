#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""LSP transcripts: feed `reviewls --test-mode` a .lsp file, compare with .expected.

A .lsp file holds JSON-RPC messages separated by lines `---` (the server then does its
deferred work: reparse, analysis, publication, pulls) or `+++` (no drain in between, as when
messages arrive in one burst). The expected file is the server's canonical output (sorted keys,
two-space indent) followed by a line `exit N` with its exit status. `${WORKSPACE}` in a .lsp
file stands for the absolute path of a fresh copy of the fixture folder `workspace/` beside it,
made in a temporary directory for each case (outside tests/, where every file would be a test
file, and safe from what a case may write); write
`file://${WORKSPACE}/one` for a workspace folder uri); in the output the path (raw or
percent-encoded) is written back as `${WORKSPACE}`, so expected files do not depend on where
the tree is checked out.
RV_UPDATE_GOLDEN=1 rewrites the expected files; read the diff before committing.

usage: run_transcripts.py REVIEWLS DIR [NAME...]
"""
import difflib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import urllib.parse


def main():
    reviewls, folder = os.path.abspath(sys.argv[1]), sys.argv[2]
    only = set(sys.argv[3:])
    cases = sorted(f for f in os.listdir(folder) if f.endswith(".lsp"))
    if only:
        cases = [c for c in cases if c[:-4] in only or c in only]
    if not cases:
        print("no transcripts")
        return 1
    update = os.environ.get("RV_UPDATE_GOLDEN") == "1"
    # `meson test --setup=valgrind` runs the server under the tool named here; its errors and
    # leaks change the exit status, which the transcript's last line checks.
    wrapper = shlex.split(os.environ.get("RV_TEST_WRAPPER", ""))
    failed = 0
    for case in cases:
        with open(os.path.join(folder, case), "rb") as f:
            data = f.read()
        with tempfile.TemporaryDirectory() as tmp:
            workspace = os.path.join(os.path.realpath(tmp), "workspace")
            fixture = os.path.join(folder, "workspace")
            if os.path.isdir(fixture):
                shutil.copytree(fixture, workspace)
            data = data.replace(b"${WORKSPACE}", workspace.encode())
            proc = subprocess.run(wrapper + [reviewls, "--test-mode"], input=data,
                                  capture_output=True, timeout=120 * (10 if wrapper else 1),
                                  cwd=folder)
        got = proc.stdout.decode("utf-8", "replace")
        for form in (urllib.parse.quote(workspace), workspace):
            got = got.replace(form, "${WORKSPACE}")
        got += f"exit {proc.returncode}\n"
        expected_path = os.path.join(folder, case[:-4] + ".expected")
        if update:
            with open(expected_path, "w", encoding="utf-8") as f:
                f.write(got)
            print(f"updated {expected_path}")
            continue
        try:
            with open(expected_path, encoding="utf-8") as f:
                expected = f.read()
        except FileNotFoundError:
            print(f"FAIL {case}: no expected file")
            failed += 1
            continue
        if got != expected:
            failed += 1
            print(f"FAIL {case}")
            diff = difflib.unified_diff(expected.splitlines(), got.splitlines(), "expected",
                                        "got", lineterm="", n=2)
            for line in list(diff)[:80]:
                print("  " + line)
            if proc.stderr:
                print("  stderr: " + proc.stderr.decode("utf-8", "replace")[-2000:])
        else:
            print(f"ok   {case}")
    print(f"{len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
