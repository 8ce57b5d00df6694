#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Soak: one server session opens, edits, queries and closes documents for a long time and
must come back to the memory it started with. Round after round, 100 documents (file:// uris
in a few project folders with a pyproject.toml, so configuration is resolved too) are opened,
edited, asked for hover, code actions, a rename and pull diagnostics, then closed.

The plain build measures the resident set: after a warm-up (allocator pools, caches), more
rounds must not grow it beyond a small slack. A sanitizer build inflates the resident set on
purpose (ASan's quarantine), so there the server's exit status carries the verdict:
LeakSanitizer fails it on any leak.

usage: soak.py REVIEWLS [--rounds N] [--sanitized]
"""
import argparse
import os
import shlex
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import Server, frame  # noqa: E402

TEXT = '''"""A module with findings of several kinds."""
import os
import subprocess


def getData(path, retries=3):
    tmp = open(path).read()
    if tmp:
        return eval(tmp)
    return subprocess.call(path, shell=True)


class thing:
    def Run(self, x):
        self.Value = x
        return x  # noqa: RV999
'''


def one_round(s, uris, version):
    batch = []
    for uri in uris:
        batch.append({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                      "params": {"textDocument": {"uri": uri, "languageId": "python",
                                                  "version": version, "text": TEXT}}})
        batch.append({"jsonrpc": "2.0", "method": "textDocument/didChange",
                      "params": {"textDocument": {"uri": uri, "version": version + 1},
                                 "contentChanges": [{"range": {
                                     "start": {"line": 6, "character": 4},
                                     "end": {"line": 6, "character": 7}}, "text": "data"}]}})
    s.write(b"".join(frame(m) for m in batch))
    ids = []
    for uri in uris[:10]:
        td = {"uri": uri}
        ids.append(s.request("textDocument/hover", {"textDocument": td,
                                                    "position": {"line": 8, "character": 16}}))
        ids.append(s.request("textDocument/codeAction", {
            "textDocument": td, "range": {"start": {"line": 0, "character": 0},
                                          "end": {"line": 16, "character": 0}},
            "context": {"diagnostics": []}}))
        ids.append(s.request("textDocument/rename", {"textDocument": td,
                                                     "position": {"line": 5, "character": 6},
                                                     "newName": "get_data"}))
        ids.append(s.request("textDocument/diagnostic", {"textDocument": td}))
    for i in ids:
        s.response(i, 60)
    s.write(b"".join(frame({"jsonrpc": "2.0", "method": "textDocument/didClose",
                            "params": {"textDocument": {"uri": uri}}}) for uri in uris))
    s.alive(60)
    # Keep the client's own memory flat too.
    s.seen.clear()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("reviewls")
    ap.add_argument("--rounds", type=int, default=100)
    ap.add_argument("--sanitized", action="store_true")
    args = ap.parse_args()
    wrapper = shlex.split(os.environ.get("RV_TEST_WRAPPER", ""))
    with tempfile.TemporaryDirectory() as tmp:
        uris = []
        for p in range(5):
            proj = os.path.join(tmp, f"proj{p}")
            os.makedirs(os.path.join(proj, "pkg"))
            with open(os.path.join(proj, "pyproject.toml"), "w") as f:
                f.write("[tool.reviewls]\nignore = [\"RV301\"]\nmax-parameters = 4\n")
            uris += [f"file://{proj}/pkg/m{i}.py" for i in range(20)]
        s = Server(wrapper + [os.path.abspath(args.reviewls)], cwd=tmp)
        try:
            s.initialize({"textDocument": {"diagnostic": {}}},
                         workspaceFolders=None, rootUri=None)
            t0 = time.monotonic()
            warmup = max(args.rounds // 4, 1)
            for r in range(warmup):
                one_round(s, uris, 1)
            base = s.rss_kb()
            samples = []
            for r in range(args.rounds):
                one_round(s, uris, 1)
                if r % 10 == 9:
                    samples.append(s.rss_kb())
            end = s.rss_kb()
            docs = (warmup + args.rounds) * len(uris)
            print(f"{docs} documents opened, edited, queried and closed in "
                  f"{time.monotonic() - t0:.1f}s; RSS {base} kB after warm-up, {end} kB at "
                  f"the end (samples {samples})")
            status = s.shutdown(120)
            err = s.stderr()
            if status != 0:
                print(f"FAIL: exit status {status}\n{err[-3000:]}")
                return 1
            if "LeakSanitizer" in err or "runtime error" in err:
                print(f"FAIL: sanitizer report\n{err[-3000:]}")
                return 1
            if not args.sanitized and not wrapper:
                slack = max(1024, base // 50)
                if end - base > slack:
                    print(f"FAIL: the resident set grew by {end - base} kB over "
                          f"{args.rounds} rounds (allowed {slack} kB)")
                    return 1
            print("1 passed, 0 failed")
            return 0
        finally:
            s.kill()


if __name__ == "__main__":
    sys.exit(main())
