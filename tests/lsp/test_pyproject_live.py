#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The editor follows pyproject.toml: a malformed [tool.reviewls] is published as RV003 on the
pyproject.toml itself while the readable settings still apply; fixing the file (didSave or a
watched-file change) clears RV003 and re-analyses the open documents without a restart.

usage: test_pyproject_live.py REVIEWLS
"""
import json
import os
import select
import subprocess
import sys
import tempfile


class Server:
    """The real binary over stdio with LSP framing; every read is bounded by a timeout."""

    def __init__(self, reviewls):
        self.proc = subprocess.Popen([reviewls], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.seen = []
        self.buf = b""

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self):
        # Reads raw bytes into our own buffer: select() on a buffered pipe would miss messages
        # already pulled into Python's buffer.
        while True:
            head, sep, rest = self.buf.partition(b"\r\n\r\n")
            if sep:
                length = int(head.split(b":")[1])
                if len(rest) >= length:
                    self.buf = rest[length:]
                    message = json.loads(rest[:length])
                    self.seen.append(message)
                    return message
            ready, _, _ = select.select([self.proc.stdout], [], [], 10)
            chunk = os.read(self.proc.stdout.fileno(), 65536) if ready else b""
            if not chunk:
                raise TimeoutError("no message from the server within 10 s; seen: %s"
                                   % [m.get("method", m.get("id")) for m in self.seen])
            self.buf += chunk

    def wait_publish(self, uri):
        while True:
            m = self.read()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                return m["params"]["diagnostics"]

    def close(self):
        self.send({"jsonrpc": "2.0", "id": 99, "method": "shutdown"})
        self.send({"jsonrpc": "2.0", "method": "exit"})
        self.proc.wait(timeout=10)


def publishes(values, uri):
    return [v["params"]["diagnostics"] for v in values
            if v.get("method") == "textDocument/publishDiagnostics" and v["params"]["uri"] == uri]


def main():
    reviewls = sys.argv[1]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        # The project sits below a folder named tests: its files are not test code, because
        # test recognition looks at the path inside the project.
        root = os.path.join(tmp, "tests", "project")
        os.makedirs(root)
        pyproject = os.path.join(root, "pyproject.toml")
        with open(pyproject, "w") as f:
            f.write('[tool.reviewls]\nselect = ["syntax"]\nmax-parameters = "six"\n')
        module_uri = "file://" + os.path.join(root, "m.py")
        pyproject_uri = "file://" + pyproject
        init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}
        opened = {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": module_uri, "languageId": "python", "version": 1,
            "text": "def tidy(a, b, c, d, e, f, g, h):\n    assert a\n    return a\n\n\nx = (\n"}}}
        server = Server(reviewls)
        server.send(init)
        server.send(opened)
        config_diags = server.wait_publish(pyproject_uri)
        module_diags = server.wait_publish(module_uri)
        codes = sorted(d["code"] for d in module_diags)
        if [d["code"] for d in config_diags] != ["RV003"] or \
                config_diags[0]["range"]["start"]["line"] != 2:
            print(f"FAIL: expected one RV003 on line 3 of pyproject.toml, got {config_diags}")
            failures += 1
        if codes != ["RV002"]:
            print(f"FAIL: select = [syntax] should still apply despite the bad key: {codes}")
            failures += 1
        # Fix the file and tell the server it was saved: RV003 clears and the new settings
        # apply to the open document, in the same session.
        with open(pyproject, "w") as f:
            f.write('[tool.reviewls]\nselect = ["syntax", "code-organization", "RV632"]\n'
                    'max-parameters = 3\n')
        server.send({"jsonrpc": "2.0", "method": "textDocument/didSave",
                     "params": {"textDocument": {"uri": pyproject_uri}}})
        config_diags = server.wait_publish(pyproject_uri)
        module_diags = server.wait_publish(module_uri)
        codes = sorted(d["code"] for d in module_diags)
        if config_diags != []:
            print(f"FAIL: a valid pyproject.toml should clear RV003: {config_diags}")
            failures += 1
        if codes != ["RV002", "RV556", "RV632"]:
            print(f"FAIL: after the save, max-parameters = 3 should report RV556 and the assert "
                  f"in non-test code RV632: {codes}")
            failures += 1
        server.close()
    passed = 4 - failures
    print(f"{passed} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
