#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Real code at scale: every .py file of the Python installations on the machine (Debian's
/usr/lib/python3.X and dist-packages, /usr/local, pyenv's versions; whatever is absent is
skipped) goes through `reviewls check` in batches, each with a time bound, and must not crash,
hang or print anything but one JSON array. Output must be the same from run to run and
across --jobs counts. Then a deterministic sample of files goes through one server session
with edits, code actions and hovers; after the edits, the diagnostics of each document must
equal those of the same final text opened afresh in a second session.

A sanitizer build (--sanitized) checks every 10th file and a smaller session sample, so that
the suite stays within CI's budget.

usage: real_code.py REVIEWLS [--sanitized] [--full] [--roots DIR...]
"""
import argparse
import glob
import json
import os
import re
import shlex
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import Server, frame  # noqa: E402

PER_FILE_SECONDS = 5
MAX_SESSION_BYTES = 300 * 1024


def installations():
    pats = ["/usr/lib/python3.*", "/usr/lib/python3/dist-packages", "/usr/local/lib/python3.*",
            "/root/.pyenv/versions/*/lib/python3.*",
            os.path.expanduser("~/.pyenv/versions/*/lib/python3.*")]
    roots = []
    for pat in pats:
        for d in sorted(glob.glob(pat)):
            real = os.path.realpath(d)
            if os.path.isdir(real) and real not in roots:
                roots.append(real)
    return roots


def python_files(root):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__"
                             and d != "node_modules")
        for f in sorted(filenames):
            p = os.path.join(dirpath, f)
            if f.endswith(".py") and os.path.isfile(p) and not os.path.islink(p):
                out.append(p)
    return out


def run_check(reviewls, files, jobs, wrapper):
    argv = wrapper + [reviewls, "check", "--format", "json", "--jobs", str(jobs)] + files
    t0 = time.monotonic()
    try:
        proc = subprocess.run(argv, capture_output=True,
                              timeout=30 + PER_FILE_SECONDS * len(files))
    except subprocess.TimeoutExpired:
        return None, f"no answer within {30 + PER_FILE_SECONDS * len(files)}s", 0
    secs = time.monotonic() - t0
    if proc.returncode not in (0, 1):
        return None, f"exit status {proc.returncode}\n" + \
            proc.stderr.decode("utf-8", "replace")[-3000:], secs
    err = proc.stderr.decode("utf-8", "replace")
    if "runtime error" in err or "Sanitizer" in err:
        return None, "sanitizer report:\n" + err[-3000:], secs
    try:
        return json.loads(proc.stdout), None, secs
    except ValueError as e:
        return None, f"output is not JSON: {e}", secs


def bisect_failure(reviewls, files, wrapper):
    """Narrows a failing batch down to one file, for the report."""
    while len(files) > 1:
        half = files[:len(files) // 2]
        files = half if run_check(reviewls, half, 1, wrapper)[1] else files[len(half):]
    return files[0]


def sweep(reviewls, roots, stride, wrapper, full=False):
    failures = []
    total = 0
    sample = []
    for root in roots:
        files = python_files(root)[::stride]
        total += len(files)
        t0 = time.monotonic()
        findings = 0
        for i in range(0, len(files), 200):
            batch = files[i:i + 200]
            out, err, _ = run_check(reviewls, batch, 2, wrapper)
            if err:
                bad = bisect_failure(reviewls, batch, wrapper)
                failures.append(f"check on {bad}: {err}")
                continue
            findings += len(out)
        print(f"     {root}: {len(files)} files, {findings} findings, "
              f"{time.monotonic() - t0:.0f}s")
        # The session sample: spread over every installation, small enough to edit.
        small = [f for f in files if os.path.getsize(f) <= MAX_SESSION_BYTES]
        if full:
            sample += small
        else:
            sample += small[len(small) // 7::max(len(small) // 6, 1)][:6]
    return total, failures, sample


def determinism(reviewls, roots, stride, wrapper):
    """Two runs, one and two jobs, over the same (sampled) files: the same bytes."""
    files = []
    for root in roots[:2]:
        files += python_files(root)[::stride * 3]
    files = files[:400]
    a, err_a, _ = run_check(reviewls, files, 1, wrapper)
    b, err_b, _ = run_check(reviewls, files, 2, wrapper)
    c, err_c, _ = run_check(reviewls, files, 4, wrapper)
    if err_a or err_b or err_c:
        return [f"determinism runs failed: {err_a or err_b or err_c}"]
    if not (a == b == c):
        return [f"check --jobs 1, 2 and 4 disagree over {len(files)} files"]
    print(f"ok   check output identical with --jobs 1, 2 and 4 ({len(files)} files, "
          f"{len(a)} findings)")
    return []


EDITS = 8


def edit_script(text):
    """Deterministic edits: comment lines inserted at the start of lines, one line deleted, and
    an assignment typed character by character at the end."""
    lines = text.split("\n")
    n = len(lines)
    changes = []
    for k in range(EDITS):
        line = (k * 7919 + 13) % max(n, 1)
        changes.append({"range": {"start": {"line": line, "character": 0},
                                  "end": {"line": line, "character": 0}},
                        "text": f"# reviewed {k}\n"})
        n += 1
    changes.append({"range": {"start": {"line": (13 % max(n - EDITS, 1)), "character": 0},
                              "end": {"line": (13 % max(n - EDITS, 1)) + 1, "character": 0}},
                    "text": ""})
    typed = "\nedited_value = 1\n"
    if not text.endswith("\n"):
        typed = "\n" + typed
    for ch in typed:
        changes.append({"range": {"start": {"line": 10**6, "character": 0},
                                  "end": {"line": 10**6, "character": 0}}, "text": ch})
    return changes


def apply_edits(text, changes):
    """The client's side of the edits. Columns are all 0, so only lines matter; lines end at
    LF, CRLF or a lone CR, as LSP says, and a line past the end means the end."""
    for c in changes:
        starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

        def offset(pos):
            return starts[pos["line"]] if pos["line"] < len(starts) else len(text)
        a, b = offset(c["range"]["start"]), offset(c["range"]["end"])
        text = text[:a] + c["text"] + text[b:]
    return text


def diag_key(d):
    r = d["range"]
    return (r["start"]["line"], r["start"]["character"], r["end"]["line"],
            r["end"]["character"], d.get("code"), d.get("message"))


def session(reviewls, sample, wrapper, per_file):
    failures = []
    live = Server(wrapper + [reviewls])
    fresh = Server(wrapper + [reviewls])
    caps = {"general": {"positionEncodings": ["utf-16"]},
            "textDocument": {"codeAction": {"codeActionLiteralSupport": {}}}}
    live.initialize(caps)
    fresh.initialize(caps)
    t0 = time.monotonic()
    compared = 0
    try:
        for path in sample:
            with open(path, "rb") as f:
                raw = f.read()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                continue
            uri = "test:///real/" + path.strip("/").replace("/", "_")
            since = live.mark()
            live.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "python", "version": 1, "text": text}})
            changes = edit_script(text)
            live.write(b"".join(frame({"jsonrpc": "2.0", "method": "textDocument/didChange",
                                        "params": {"textDocument": {"uri": uri, "version": v + 2},
                                                   "contentChanges": [c]}})
                                 for v, c in enumerate(changes)))
            final_version = len(changes) + 1
            got = live.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"]["uri"] == uri
                                and m["params"]["version"] == final_version, per_file,
                                f"diagnostics of {path} after its edits", since=since)
            r = live.call("textDocument/codeAction", {
                "textDocument": {"uri": uri},
                "range": {"start": {"line": 0, "character": 0},
                          "end": {"line": 10**6, "character": 0}},
                "context": {"diagnostics": []}}, per_file)
            if "result" not in r:
                failures.append(f"codeAction on {path}: {r}")
            for d in got["params"]["diagnostics"][:5]:
                live.call("textDocument/hover", {"textDocument": {"uri": uri},
                                                 "position": d["range"]["start"]}, per_file)
            final = apply_edits(text, changes)
            fsince = fresh.mark()
            fresh.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "python", "version": final_version, "text": final}})
            want = fresh.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                  and m["params"]["uri"] == uri, per_file,
                                  f"fresh diagnostics of {path}", since=fsince)
            a = sorted(map(diag_key, got["params"]["diagnostics"]))
            b = sorted(map(diag_key, want["params"]["diagnostics"]))
            syntax = any(d.get("code") in ("RV001", "RV002") for d in
                         want["params"]["diagnostics"])
            if not syntax:
                compared += 1
                if a != b:
                    failures.append(f"{path}: diagnostics after edits differ from a fresh "
                                    f"open of the same text ({len(a)} vs {len(b)})")
            live.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
            fresh.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
            live.seen.clear()
            fresh.seen.clear()
        for s in (live, fresh):
            status = s.shutdown(120)
            if status != 0:
                failures.append(f"server exit status {status}: {s.stderr()[-2000:]}")
    except AssertionError as e:
        failures.append(f"server session: {e}\n{live.stderr()[-2000:]}")
    finally:
        live.kill()
        fresh.kill()
    print(f"     session: {len(sample)} files edited ({compared} compared with a fresh "
          f"open) in {time.monotonic() - t0:.0f}s")
    return failures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("reviewls")
    ap.add_argument("--sanitized", action="store_true")
    ap.add_argument("--roots", nargs="*")
    ap.add_argument("--full", action="store_true",
                    help="every file, also under --sanitized, and every file (up to "
                    "MAX_SESSION_BYTES) through the server session: for manual runs, not CI")
    args = ap.parse_args()
    reviewls = os.path.abspath(args.reviewls)
    wrapper = shlex.split(os.environ.get("RV_TEST_WRAPPER", ""))
    roots = args.roots if args.roots else installations()
    if not roots:
        print("SKIP: no Python installation found")
        return 77
    stride = 10 if args.sanitized and not args.full else 1
    t0 = time.monotonic()
    total, failures, sample = sweep(reviewls, roots, stride, wrapper, args.full)
    print(f"{'ok  ' if not failures else 'FAIL'} check over {total} files of "
          f"{len(roots)} installations ({time.monotonic() - t0:.0f}s)")
    failures += determinism(reviewls, roots, stride, wrapper)
    if args.sanitized and not args.full:
        sample = sample[::3]
    failures += session(reviewls, sample, wrapper, 60 if args.sanitized else 30)
    for f in failures:
        print("FAIL " + f)
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed "
          f"({time.monotonic() - t0:.0f}s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
