#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""reviewls.review in the server returns what `reviewls review` prints: for a copy of the
workspace folder tests/lsp/workspace/one (whose pyproject.toml names a baseline, which the CLI
gets as --baseline) and for one document of it. The copy lives outside tests/, where the
server's absolute paths would make every file a test file.

usage: test_review_command.py REVIEWLS
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

REVIEWLS = os.path.abspath(sys.argv[1])
FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "workspace", "one")
ONE = None


def server_results(messages):
    body = "\n---\n".join(json.dumps(m) for m in messages) + "\n"
    p = subprocess.run([REVIEWLS, "--test-mode"], input=body.encode(), capture_output=True,
                       timeout=120)
    out, results, buf = p.stdout.decode(), {}, ""
    for line in out.splitlines():
        buf += line + "\n"
        if line == "}":
            msg = json.loads(buf)
            buf = ""
            if "id" in msg and "method" not in msg:
                results[msg["id"]] = msg.get("result")
    return results


def cli(args):
    p = subprocess.run([REVIEWLS, "review", "--baseline", "baseline.json"] + args, cwd=ONE,
                       capture_output=True, timeout=120)
    return p.stdout.decode()


def main():
    global ONE
    with tempfile.TemporaryDirectory() as tmp:
        ONE = os.path.join(os.path.realpath(tmp), "one")
        shutil.copytree(FIXTURE, ONE)
        return compare()


def compare():
    uri = "file://" + ONE
    results = server_results([
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"capabilities": {}, "workspaceFolders": [{"uri": uri, "name": "one"}]}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "workspace/executeCommand",
         "params": {"command": "reviewls.review"}},
        {"jsonrpc": "2.0", "id": 3, "method": "workspace/executeCommand",
         "params": {"command": "reviewls.review", "arguments": [uri + "/pkg/util.py"]}},
        {"jsonrpc": "2.0", "id": 4, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ])
    failed = 0
    for rid, args, name in [(2, ["."], "workspace"), (3, ["pkg/util.py"], "document")]:
        want = cli(args)
        if results.get(rid) == want and want.startswith("# Code review"):
            print(f"ok   {name} review equals `reviewls review {' '.join(args)}`")
        else:
            failed += 1
            print(f"FAIL {name} review differs from the CLI\n--- server\n{results.get(rid)}\n"
                  f"--- cli\n{want}")
    print(f"{2 - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
