#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The server analyses edits incrementally, end to end: characters are typed into a module and
deleted again through didChange, and (1) the server's debug log says most analyses took the
incremental path, and a quarter at least the partial one (a parse of the edited statements
alone), (2) the diagnostics published for every version equal those a fresh server publishes
when it opens that version's text, (3) with the whole reparse after a partial analysis held back
(REVIEWLS_QUIET_MS), code actions and hover after the last edit answer as a fresh server's do:
a request brings the tree up to the text.

usage: test_incremental.py REVIEWLS MODULE
"""
import json
import os
import random
import re
import shlex
import subprocess
import sys
import tempfile

REVIEWLS = os.path.abspath(sys.argv[1])
MODULE = sys.argv[2]
URI = "file:///incremental/service.py"
EDITS = 40


def run(messages, log=None, env=None, replies=None):
    """Runs a --test-mode server; returns its publishDiagnostics params, by version, and puts
    its replies by id in `replies`. The edited run goes under RV_TEST_WRAPPER (memcheck in
    `meson test --setup=valgrind`)."""
    messages = messages + [{"jsonrpc": "2.0", "id": 99, "method": "shutdown"},
                           {"jsonrpc": "2.0", "method": "exit"}]
    body = "\n---\n".join(json.dumps(m) for m in messages) + "\n"
    argv = [REVIEWLS, "--test-mode"]
    if log:
        argv = shlex.split(os.environ.get("RV_TEST_WRAPPER", "")) + argv
        argv += ["--log-level", "debug", "--log-file", log]
    p = subprocess.run(argv, input=body.encode(), capture_output=True, timeout=1200,
                       env=dict(os.environ, **(env or {})))
    if p.returncode != 0:
        sys.exit("FAIL: the server exited %d: %s" % (p.returncode, p.stderr.decode()[-2000:]))
    published, buf = {}, ""
    for line in p.stdout.decode().splitlines():
        buf += line + "\n"
        if line == "}":
            msg = json.loads(buf)
            buf = ""
            if "id" in msg and "method" not in msg and replies is not None:
                replies[msg["id"]] = msg.get("result", msg.get("error"))
            if msg.get("method") == "textDocument/publishDiagnostics":
                diagnostics = msg["params"]["diagnostics"]
                for d in diagnostics:
                    # The document version each diagnostic carries for its code actions.
                    d.get("data", {}).pop("version", None)
                published[msg["params"].get("version")] = diagnostics
    return published


def start(text):
    return [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"capabilities": {"general": {"positionEncodings": ["utf-8"]},
                                     "textDocument": {"publishDiagnostics":
                                                      {"versionSupport": True}}},
                    "initializationOptions": {"settings": {"select": ["ALL"]}}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": URI, "languageId": "python", "version": 1,
                                     "text": text}}},
    ]


def position(text, offset):
    line = text.count("\n", 0, offset)
    return {"line": line, "character": offset - (text.rfind("\n", 0, offset) + 1)}


def requests(text, at):
    """A code action over the whole text and a hover where the last edit was."""
    end = position(text, len(text))
    return [{"jsonrpc": "2.0", "id": 50, "method": "textDocument/codeAction",
             "params": {"textDocument": {"uri": URI},
                        "range": {"start": {"line": 0, "character": 0}, "end": end},
                        "context": {"diagnostics": []}}},
            {"jsonrpc": "2.0", "id": 51, "method": "textDocument/hover",
             "params": {"textDocument": {"uri": URI}, "position": position(text, at)}}]


def versionless(value):
    """`value` without its "version" keys (the edited document's versions are not a fresh
    one's)."""
    if isinstance(value, dict):
        return {k: versionless(v) for k, v in value.items() if k != "version"}
    if isinstance(value, list):
        return [versionless(v) for v in value]
    return value


def main():
    with open(MODULE, encoding="utf-8") as fh:
        text = fh.read()
    assert text.isascii(), "the fixture must be ASCII (utf-8 columns = characters here)"
    rng = random.Random(7)
    messages = start(text)
    texts = {1: text}
    version = 1
    for _ in range(EDITS // 2):
        # Type a letter right after a letter (mostly keeps the module valid), then delete it.
        at = rng.randrange(len(text))
        while at < len(text) and not text[at].isalpha():
            at += 1
        at = min(at + 1, len(text))
        for insert in (True, False):
            version += 1
            pos = position(text, at)
            if insert:
                change = {"range": {"start": pos, "end": pos}, "text": "q"}
                text = text[:at] + "q" + text[at:]
            else:
                change = {"range": {"start": pos, "end": position(text, at + 1)}, "text": ""}
                text = text[:at] + text[at + 1:]
            messages.append({"jsonrpc": "2.0", "method": "textDocument/didChange",
                             "params": {"textDocument": {"uri": URI, "version": version},
                                        "contentChanges": [change]}})
            texts[version] = text
    # Last, a statement typed whole into the first top-level function's body (an editor's
    # paste): the tree it leaves behind lacks it, so a request that answered from that tree
    # would not offer its rename.
    body = re.search(r"^def .*:\n( +)", text, re.M)
    at = body.start(1)
    version += 1
    line = body.group(1) + "renamedVar = 1\n"
    messages.append({"jsonrpc": "2.0", "method": "textDocument/didChange",
                     "params": {"textDocument": {"uri": URI, "version": version},
                                "contentChanges": [{"range": {"start": position(text, at),
                                                              "end": position(text, at)},
                                                    "text": line}]}})
    text = text[:at] + line + text[at:]
    texts[version] = text
    at += len(body.group(1)) + 2
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "server.log")
        published = run(messages, log)
        with open(log, encoding="utf-8", errors="replace") as fh:
            lines = [ln for ln in fh if "analysed " + URI in ln]
    failures = 0
    if not lines:
        print("FAIL: the server logged no analysis of the edited document")
        return 1
    last = lines[-1].split("analysed ", 1)[1]
    counted = re.search(r"(\d+) incremental", last)
    incremental = int(counted.group(1)) if counted else 0
    if incremental * 2 < EDITS:
        print("FAIL: only %d of %d edits were analysed incrementally: %s" % (incremental, EDITS,
                                                                             last.strip()))
        failures += 1
    partial = sum(1 for ln in lines if ", partial;" in ln)
    if partial * 4 < EDITS:
        print("FAIL: only %d of %d edits were analysed from their statements alone"
              % (partial, EDITS))
        failures += 1
    # Every version's diagnostics equal a fresh server's for the same text.
    checked = 0
    for v in sorted(texts):
        if v == 1:
            continue
        if v not in published:
            print("FAIL: no diagnostics published for version %d" % v)
            failures += 1
            continue
        fresh = run(start(texts[v])).get(1)
        if fresh != published[v]:
            print("FAIL: version %d: incremental diagnostics differ from a fresh server's" % v)
            failures += 1
        checked += 1
    # Requests after the last edit, its whole reparse held back, answer as a fresh server's.
    held, fresh_replies = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "held.log")
        run(messages + requests(text, at), log, {"REVIEWLS_QUIET_MS": "600000"}, held)
        with open(log, encoding="utf-8", errors="replace") as fh:
            last_analysis = [ln for ln in fh if "analysed " + URI in ln][-1]
    run(start(text) + requests(text, at), replies=fresh_replies)
    if ", partial;" not in last_analysis:
        print("FAIL: the last edit was not analysed partially: %s" % last_analysis.strip())
        failures += 1
    for rid, what in ((50, "code actions"), (51, "hover")):
        if rid not in held or versionless(held[rid]) != versionless(fresh_replies.get(rid)):
            print("FAIL: %s after the edits differ from a fresh server's:\n%s\n%s"
                  % (what, json.dumps(held.get(rid))[:600],
                     json.dumps(fresh_replies.get(rid))[:600]))
            failures += 1
    print("%d versions compared, %d edits analysed partially; server log: %s"
          % (checked, partial, last.strip()))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
