#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Rule goldens: run `reviewls check` on every fixture of one category folder and compare.

Layout: tests/rules/<category>/<case>.py with <case>.expected beside it (the text output of
`reviewls check --select <category>` run from inside the folder, so paths are bare file names
and the folder name `tests` never makes a fixture look like test code). A <case>.args file replaces
the options (one per line), e.g. `--select RV301` or `--config <case>.toml`; each further
<case>@<variant>.args runs the same fixture again with other options against
<case>@<variant>.expected, so one module shows a setting's effect without a copy of itself.
RV_UPDATE_GOLDEN=1 rewrites the expected files; read the diff before committing.

usage: run_goldens.py REVIEWLS CATEGORY_DIR
"""
import os
import subprocess
import sys


def main():
    reviewls, folder = os.path.abspath(sys.argv[1]), sys.argv[2]
    category = os.path.basename(os.path.normpath(folder))
    cases = sorted(f for f in os.listdir(folder) if f.endswith(".py"))
    if not cases:
        print(f"no fixtures in {folder}")
        return 1
    update = os.environ.get("RV_UPDATE_GOLDEN") == "1"
    failed = 0
    runs = []
    for case in cases:
        stem = case[:-3]
        runs.append((case, stem, stem))
        prefix = stem + "@"
        for f in sorted(os.listdir(folder)):
            if f.startswith(prefix) and f.endswith(".args"):
                runs.append((case, f[:-5], f[:-5]))
    for case, args_stem, expected_stem in runs:
        label = case if args_stem == case[:-3] else f"{case} ({args_stem})"
        args = ["--select", category]
        args_file = os.path.join(folder, args_stem + ".args")
        if os.path.exists(args_file):
            with open(args_file, encoding="utf-8") as f:
                args = [line.rstrip("\n") for line in f if line.strip()]
        proc = subprocess.run([reviewls, "check", *args, case], cwd=folder,
                              capture_output=True, text=True, timeout=60)
        if proc.returncode not in (0, 1):
            print(f"FAIL {label}: exit {proc.returncode}\n{proc.stderr}")
            failed += 1
            continue
        got = proc.stdout
        expected_path = os.path.join(folder, expected_stem + ".expected")
        if update:
            with open(expected_path, "w", encoding="utf-8") as f:
                f.write(got)
            print(f"updated {expected_path}")
            continue
        try:
            with open(expected_path, encoding="utf-8") as f:
                expected = f.read()
        except FileNotFoundError:
            print(f"FAIL {label}: no {expected_stem}.expected (run with RV_UPDATE_GOLDEN=1 and review)")
            failed += 1
            continue
        if got != expected:
            failed += 1
            print(f"FAIL {label}")
            exp_lines, got_lines = expected.splitlines(), got.splitlines()
            for line in exp_lines:
                if line not in got_lines:
                    print(f"  missing:    {line}")
            for line in got_lines:
                if line not in exp_lines:
                    print(f"  unexpected: {line}")
        else:
            print(f"ok   {label}")
    print(f"{len(runs) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
