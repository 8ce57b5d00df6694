#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The abuse suite: the real `reviewls` binary over stdio with real framing, fed what a broken
or hostile client sends. Each case asserts the JSON-RPC error or diagnostic the specification
asks for, and that the server keeps serving (it answers a later request); the lifecycle cases
check the exit status. Every wait is bounded, so nothing here can hang CI.

usage: run_abuse.py REVIEWLS [CASE...]     (RV_TEST_WRAPPER: a tool to run the server under)
"""
import concurrent.futures
import contextlib
import fcntl
import json
import os
import shlex
import sys
import time
import traceback

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import Server, frame  # noqa: E402

PARSE_ERROR, INVALID_REQUEST, METHOD_NOT_FOUND, INVALID_PARAMS = -32700, -32600, -32601, -32602
NOT_INITIALIZED = -32002

REVIEWLS = None
CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def start(**kw):
    wrapper = shlex.split(os.environ.get("RV_TEST_WRAPPER", ""))
    return Server(wrapper + [REVIEWLS], **kw)


def error_code(msg):
    assert "error" in msg, f"expected an error, got {msg}"
    return msg["error"]["code"]


def doc(uri, text, version=1):
    return {"textDocument": {"uri": uri, "languageId": "python", "version": version, "text": text}}


def publishes(s, uri, since=0):
    return [m for m in s.seen[since:] if m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri]


def diagnostics_for(s, uri, since, timeout=30.0):
    m = s.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                   and m["params"]["uri"] == uri, timeout, f"diagnostics of {uri}", since=since)
    return m["params"]


def open_doc(s, uri, text, version=1):
    """Opens a document and waits for its first diagnostics, so later waits see only later
    ones."""
    since = s.mark()
    s.notify("textDocument/didOpen", doc(uri, text, version))
    return diagnostics_for(s, uri, since)


SAMPLE = "import os\n\n\ndef load(path):\n    return eval(open(path).read())\n"


# ----------------------------------------------------------------------------------------------
# Framing.

@case
def missing_content_length(s):
    s.initialize()
    s.write(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n")
    s.alive()
    assert "without Content-Length" in s.stderr(), s.stderr()


@case
def negative_content_length(s):
    s.initialize()
    s.write(b"Content-Length: -5\r\n\r\n")
    s.alive()
    assert "not a non-negative integer" in s.stderr(), s.stderr()


@case
def enormous_content_length(s):
    # Larger than any body could be: the header is bad, not a body to wait for or skip.
    s.initialize()
    s.write(b"Content-Length: 99999999999999999999999999\r\n\r\n")
    s.alive()
    assert "too large" in s.stderr(), s.stderr()


@case
def body_shorter_than_its_length(s):
    # Five bytes announced, two sent: the next message's first bytes complete the body (a
    # parse error with a null id), and the stream resynchronises a message or two later.
    s.initialize()
    s.write(b"Content-Length: 5\r\n\r\n{}")
    s.alive_eventually()
    assert any(m.get("id") is None and error_code(m) == PARSE_ERROR for m in s.seen), s.seen


@case
def header_without_body(s):
    s.initialize()
    s.write(b"Content-Length: 40\r\n\r\n{\"jsonrpc\"")
    status = s.finish()
    assert status == 1, f"exit status {status}"
    assert "middle of a message" in s.stderr(), s.stderr()


@case
def garbage_then_resync(s):
    s.initialize()
    s.write(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" + os.urandom(64).replace(b"\n", b"") + b"\r\n\r\n")
    s.alive()


@case
def header_block_without_end(s):
    # 20 kB with no blank line is not a header: dropped, reported, and the stream goes on.
    s.initialize()
    s.write(b"X-Junk: " + b"a" * 20000)
    time.sleep(0.3)
    s.alive_eventually()
    err = s.stderr()
    assert "header block too long" in err or "without Content-Length" in err, err[-500:]


# ----------------------------------------------------------------------------------------------
# JSON and JSON-RPC.

@case
def invalid_json(s):
    s.initialize()
    for body in [b"{", b"{\"jsonrpc\":\"2.0\",\"id\":1,", b"\xff\xfe", b"", b"nul", b"[1,]"]:
        s.write(frame(body))
        m = s.wait_for(lambda m: "error" in m, what="a parse error")
        assert m["id"] is None and error_code(m) in (PARSE_ERROR, INVALID_REQUEST), m
    s.alive()


@case
def valid_json_not_jsonrpc(s):
    s.initialize()
    for body, want_id in [("[1,2]", None), ("\"hello\"", None), ("42", None), ("null", None),
                          ("{}", None), ("{\"foo\":1}", None),
                          ("{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"x\"}", 7),
                          ("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":5}", 8),
                          ("{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"x\"}", None),
                          ("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"x\"}", None),
                          ("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"x\",\"params\":3}", 9),
                          ("{\"jsonrpc\":\"2.0\",\"id\":10}", 10)]:
        since = s.mark()
        s.write(frame(body))
        m = s.wait_for(lambda m: "error" in m, what=f"an error for {body}", since=since)
        assert m["id"] == want_id and error_code(m) in (PARSE_ERROR, INVALID_REQUEST), (body, m)
    s.alive()


def nested(depth, open_="[", close="]"):
    return open_ * depth + close * depth


def deep_object(depth):
    return '{"a":' * depth + "1" + "}" * depth


@case
def deeply_nested_json(s):
    # jansson stops at depth 2048: a parse error, never a stack overflow.
    s.initialize()
    for body in [nested(100000), deep_object(100000),
                 '{"jsonrpc":"2.0","id":5,"method":"x","params":{"a":' + nested(100000) + "}}"]:
        since = s.mark()
        s.write(frame(body))
        m = s.wait_for(lambda m: "error" in m, what="a parse error", since=since)
        assert error_code(m) == PARSE_ERROR, m
    # Deep but under the limit, where handlers read it: settings, document params, hover.
    deep = deep_object(2000)
    s.write(frame('{"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":'
                  '{"settings":{"reviewls":{"select":' + deep + ',"x":' + deep + '}}}}'))
    s.write(frame('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":'
                  '{"uri":"test:///deep.py","languageId":"python","version":1,"text":"x = 1\\n",'
                  '"extra":' + deep + '}}}'))
    s.write(frame('{"jsonrpc":"2.0","id":77,"method":"textDocument/hover","params":{'
                  '"textDocument":{"uri":"test:///deep.py"},"position":{"line":0,"character":0},'
                  '"extra":' + deep + '}}'))
    assert "result" in s.response(77)
    s.alive()


# ----------------------------------------------------------------------------------------------
# Wrong types for every field of the methods we implement.

POS = {"line": 0, "character": 4}
RANGE = {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 0}}
TD = {"uri": "test:///t.py"}

# method -> (params, paths whose wrong type must be refused with -32602)
REQUESTS = {
    "textDocument/hover": ({"textDocument": TD, "position": POS},
                           ["textDocument", "textDocument.uri", "position", "position.line",
                            "position.character"]),
    "textDocument/codeAction": ({"textDocument": TD, "range": RANGE,
                                 "context": {"diagnostics": [], "only": ["quickfix"]}},
                                ["textDocument", "textDocument.uri", "range", "range.start",
                                 "range.end.line"]),
    "textDocument/prepareRename": ({"textDocument": TD, "position": POS},
                                   ["textDocument", "textDocument.uri", "position",
                                    "position.line"]),
    "textDocument/rename": ({"textDocument": TD, "position": POS, "newName": "new_name"},
                            ["textDocument", "textDocument.uri", "position", "newName"]),
    "textDocument/diagnostic": ({"textDocument": TD, "previousResultId": "1"},
                                ["textDocument", "textDocument.uri"]),
    "codeAction/resolve": ({"title": "t", "kind": "quickfix",
                            "data": {"uri": "test:///t.py", "rule": "RV601", "version": 1,
                                     "start": 0, "end": 4}}, []),
}
NOTIFICATIONS = {
    "textDocument/didOpen": doc("test:///n.py", "x = 1\n"),
    "textDocument/didChange": {"textDocument": {"uri": "test:///t.py", "version": 2},
                               "contentChanges": [{"range": RANGE, "text": "y = 2\n"}]},
    "textDocument/didSave": {"textDocument": TD},
    "textDocument/didClose": {"textDocument": {"uri": "test:///gone.py"}},
    "workspace/didChangeConfiguration": {"settings": {"reviewls": {"select": ["security"]}}},
    "workspace/didChangeWatchedFiles": {"changes": [{"uri": "test:///t.py", "type": 2}]},
    "workspace/didChangeWorkspaceFolders": {"event": {"added": [], "removed": []}},
    "$/cancelRequest": {"id": 1},
}
WRONG = [None, True, -1, 4294967296, 1.5, "x", [], {}, [1, "a", None], {"a": [{}]}]


def paths(value, prefix=""):
    if isinstance(value, dict):
        for k, v in value.items():
            p = f"{prefix}.{k}" if prefix else k
            yield p
            yield from paths(v, p)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            p = f"{prefix}.{i}"
            yield p
            yield from paths(v, p)


def replaced(value, path, new):
    value = json.loads(json.dumps(value))
    keys = path.split(".")
    cur = value
    for k in keys[:-1]:
        cur = cur[int(k)] if isinstance(cur, list) else cur[k]
    last = keys[-1]
    if isinstance(cur, list):
        cur[int(last)] = new
    else:
        cur[last] = new
    return value


def same_type(a, b):
    kinds = [(bool,), (int, float), (str,), (list,), (dict,), (type(None),)]
    for k in kinds:
        if isinstance(a, k) and isinstance(b, k):
            return not (isinstance(a, bool) != isinstance(b, bool))
    return False


@case
def wrong_types_every_field(s):
    s.initialize({"general": {"positionEncodings": ["utf-8"]},
                  "textDocument": {"codeAction": {"codeActionLiteralSupport": {}}}})
    s.notify("textDocument/didOpen", doc("test:///t.py", SAMPLE))
    sent = 0
    for method, (params, required) in REQUESTS.items():
        variants = [("params", p) for p in WRONG if not isinstance(p, dict)]  # None: absent
        for path in paths(params):
            for w in WRONG:
                old = eval_path(params, path)
                if not same_type(old, w):
                    variants.append((path, replaced(params, path, w)))
        for path, p in variants:
            r = s.response(s.request(method, p))
            sent += 1
            if path == "params" and p is not None and not isinstance(p, list):
                # JSON-RPC: params, when present, are an object or an array.
                assert error_code(r) == INVALID_REQUEST, (method, path, p, r)
            elif path == "params" or path in required:
                assert "error" in r and error_code(r) == INVALID_PARAMS, (method, path, p, r)
            else:
                # Optional fields of the wrong type are ignored or refused, never a crash.
                assert "result" in r or error_code(r) == INVALID_PARAMS, (method, path, p, r)
    for method, params in NOTIFICATIONS.items():
        for path in paths(params):
            for w in WRONG:
                if not same_type(eval_path(params, path), w):
                    s.notify(method, replaced(params, path, w))
                    sent += 1
        for p in WRONG:
            if not isinstance(p, dict):
                s.send({"jsonrpc": "2.0", "method": method, "params": p})
    s.alive()
    # initialize itself, on fresh servers: the wrong type of a required part is -32602.
    for params in [[], "x", {"capabilities": []}, {"capabilities": {"general": 5}},
                   {"capabilities": {"general": {"positionEncodings": [5, None]}},
                    "initializationOptions": [], "workspaceFolders": 5, "rootUri": 7}]:
        t = start()
        try:
            r = t.call("initialize", params)
            if isinstance(params, dict):
                # Malformed capabilities may be refused or read as "none": both are fine.
                assert "result" in r or error_code(r) == INVALID_PARAMS, (params, r)
            elif isinstance(params, list):
                assert error_code(r) == INVALID_PARAMS, (params, r)
            else:
                assert error_code(r) == INVALID_REQUEST, (params, r)
            t.alive()
        finally:
            t.kill()
    assert sent > 200, sent


def eval_path(value, path):
    cur = value
    for k in path.split("."):
        cur = cur[int(k)] if isinstance(cur, list) else cur[k]
    return cur


@case
def pipes_grown_for_long_messages(s):
    """The server grows its stdin and stdout pipes (64 KiB by default), so that a long module's
    diagnostics leave in one write and its text arrives in few reads."""
    s.initialize()
    with open("/proc/sys/fs/pipe-max-size") as fh:
        want = min(1 << 20, int(fh.read()))
    for name, f in (("stdin", s.proc.stdin), ("stdout", s.proc.stdout)):
        got = fcntl.fcntl(f.fileno(), fcntl.F_GETPIPE_SZ)
        assert got >= want, f"the server's {name} pipe holds {got} bytes, not {want}"
    # A publish longer than a default pipe arrives whole (the reader checks every frame).
    text = "".join(f"def handler_{i}(a):\n    return a\n\n\n" for i in range(600))
    p = open_doc(s, "test:///long.py", text)
    single = [d for d in p["diagnostics"] if d["code"] == "RV301"]
    assert len(json.dumps(p)) > (64 << 10) and len(single) == 600, (len(json.dumps(p)),
                                                                    len(single))
    assert not s.bad_frames, s.bad_frames[:3]


@case
def output_waits_for_a_stalled_client(s):
    """A client that stops reading while the server has megabytes to say: what the pipe does
    not take is queued, in order, whole, and sent once the client reads again."""
    s.initialize()
    text = "".join(f"def handler_{i}(a):\n    return a\n\n\n" for i in range(600))
    since = s.mark()
    s.reading.clear()
    uris = [f"test:///stalled{i}.py" for i in range(30)]  # about 2.5 MB of diagnostics
    for uri in uris:
        s.notify("textDocument/didOpen", doc(uri, text))
    time.sleep(1.0)
    assert s.proc.poll() is None, f"died with {s.proc.returncode} while its output waited"
    s.reading.set()
    for uri in uris:
        p = diagnostics_for(s, uri, since)
        single = [d for d in p["diagnostics"] if d["code"] == "RV301"]
        assert len(single) == 600, (uri, len(single))
    assert not s.bad_frames, s.bad_frames[:3]
    assert s.alive()


@contextlib.contextmanager
def sliced_server():
    """A server of the case's own whose reparses run in 2 ms slices (REVIEWLS_PARSE_SLICE_US),
    a parse that runs out of time resuming at the next drain; leaving, it must shut down
    cleanly, with nothing from the sanitizers (run_case checks only the case's first server)."""
    srv = start(env=dict(os.environ, REVIEWLS_PARSE_SLICE_US="2000"))
    try:
        srv.initialize()
        yield srv
        assert srv.shutdown() == 0
        err = srv.stderr()
        assert "Sanitizer" not in err and "runtime error" not in err, err[-3000:]
    finally:
        srv.kill()


def long_module(functions):
    """Four lines a function: its parse needs tens of slices of 2 ms (5,000 functions)."""
    return "".join(f"def handler_{i}(value):\n    return value + {i}\n\n\n"
                   for i in range(functions))


@case
def sliced_parses_of_many_documents(s):
    """Opened in one burst, long documents whose parses need many slices and short ones parsed
    meanwhile all get their diagnostics: a short parse neither makes the server forget an
    unfinished one nor undoes its progress, nor do two long ones each other's."""
    s.initialize()
    with sliced_server() as srv:
        text = long_module(5000)
        uris = [f"test:///long{k}.py" for k in range(2)] + [f"test:///short{k}.py"
                                                           for k in range(20)]
        since = srv.mark()
        for u in uris:
            srv.notify("textDocument/didOpen", doc(u, text if "long" in u else SAMPLE))
        for u in uris:
            p = diagnostics_for(srv, u, since, timeout=60)
            assert p["diagnostics"], (u, p)


@case
def edits_and_closes_during_sliced_parses(s):
    """A document edited while its parse is unfinished is parsed again from its new text (the
    progress on the old one is dropped), one closed meanwhile is forgotten with its parse, and
    a request on one parses it to the end at once."""
    s.initialize()
    with sliced_server() as srv:
        text = long_module(12000)
        since = srv.mark()
        for k in range(3):
            srv.notify("textDocument/didOpen", doc(f"test:///long{k}.py", text))
        # Once each parse has had a slice or two (each needs about a hundred), before they
        # can end: an eval put before the first's text, the second closed, a hover on the third.
        time.sleep(0.05)
        srv.notify("textDocument/didChange", {
            "textDocument": {"uri": "test:///long0.py", "version": 2},
            "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                                          "end": {"line": 0, "character": 0}},
                                "text": "eval(input())\n"}]})
        srv.notify("textDocument/didClose", {"textDocument": {"uri": "test:///long1.py"}})
        r = srv.call("textDocument/hover", {"textDocument": {"uri": "test:///long2.py"},
                                            "position": {"line": 0, "character": 6}}, 60)
        assert "result" in r, r
        p = srv.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == "test:///long0.py"
                         and m["params"].get("version") == 2, 60, "long0.py's version 2",
                         since=since)["params"]
        evals = [d for d in p["diagnostics"] if d["code"] == "RV601"]
        assert [d["range"]["start"]["line"] for d in evals] == [0], evals
        diagnostics_for(srv, "test:///long2.py", since, timeout=60)
        srv.alive()


# ----------------------------------------------------------------------------------------------
# Documents.

@case
def fifty_megabyte_document(s):
    s.initialize()
    text = "value = 1\n" * (5 * 1024 * 1024)
    since = s.mark()
    s.notify("textDocument/didOpen", doc("test:///huge.py", text))
    s.alive(timeout=60)
    p = diagnostics_for(s, "test:///huge.py", since, timeout=60)
    assert p["diagnostics"] == [], p
    note = s.wait_for(lambda m: m.get("method") == "window/showMessage", 10, "a notice",
                      since=since)
    assert "not analysed" in note["params"]["message"], note
    # Edits still apply; a document back under the bound is analysed again.
    since = s.mark()
    s.notify("textDocument/didChange", {"textDocument": {"uri": "test:///huge.py", "version": 2},
                                        "contentChanges": [{"text": SAMPLE}]})
    p = diagnostics_for(s, "test:///huge.py", since)
    assert any(d["code"] == "RV601" for d in p["diagnostics"]), p


@case
def ten_thousand_documents(s):
    s.initialize()
    n = 10000
    s.write(b"".join(frame({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                            "params": doc(f"test:///d{i}.py", f"def f{i}(x):\n    return x\n")})
                     for i in range(n)))
    s.alive(timeout=120)
    uris = set()

    def all_published(m):
        if m.get("method") == "textDocument/publishDiagnostics":
            uris.add(m["params"]["uri"])
        return len(uris) == n

    s.wait_for(all_published, 120, f"diagnostics of {n} documents", since=0)
    r = s.call("textDocument/hover", {"textDocument": {"uri": "test:///d5000.py"},
                                      "position": {"line": 0, "character": 5}})
    assert "result" in r, r


@case
def hundred_thousand_changes_in_a_burst(s):
    s.initialize()
    uri = "test:///burst.py"
    open_doc(s, uri, "x = 0\n")
    n = 100000
    since = s.mark()
    burst = b"".join(frame({"jsonrpc": "2.0", "method": "textDocument/didChange",
                            "params": {"textDocument": {"uri": uri, "version": v},
                                       "contentChanges": [{"range": {
                                           "start": {"line": 0, "character": 0},
                                           "end": {"line": 0, "character": 0}},
                                           "text": "#"}]}})
                     for v in range(2, n + 2))
    s.write(burst)
    s.alive(timeout=120)
    last = s.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                      and m["params"]["uri"] == uri and m["params"]["version"] == n + 1, 60,
                      "diagnostics of the last version", since=since)
    count = len(publishes(s, uri, since))
    # Analysis waits for the input to drain; a few analyses may slip in when the pipe runs
    # dry for a moment, never one per edit.
    assert count <= 20, f"{count} publishDiagnostics for {n} edits"
    assert last["params"]["version"] == n + 1


@case
def edits_to_unknown_documents(s):
    s.initialize()
    since = s.mark()
    s.notify("textDocument/didChange", {"textDocument": {"uri": "test:///nope.py", "version": 2},
                                        "contentChanges": [{"text": "x = 1\n"}]})
    s.notify("textDocument/didClose", {"textDocument": {"uri": "test:///nope.py"}})
    s.alive()
    assert "not open" in s.stderr(), s.stderr()
    assert not publishes(s, "test:///nope.py", since)
    r = s.call("textDocument/codeAction", {"textDocument": {"uri": "test:///nope.py"},
                                           "range": RANGE, "context": {"diagnostics": []}})
    assert "result" in r or error_code(r) == INVALID_PARAMS, r


@case
def versions_going_backwards(s):
    s.initialize()
    uri = "test:///v.py"
    open_doc(s, uri, "x = 1\n", version=10)
    since = s.mark()
    s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                        "contentChanges": [{"text": SAMPLE}]})
    p = diagnostics_for(s, uri, since)
    assert p["version"] == 3 and any(d["code"] == "RV601" for d in p["diagnostics"]), p
    assert "backwards" in s.stderr()


@case
def ranges_past_the_end(s):
    s.initialize()
    uri = "test:///r.py"
    open_doc(s, uri, "x = 1\n")
    since = s.mark()
    far = {"line": 10**6, "character": 10**6}
    s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                        "contentChanges": [{"range": {"start": far, "end": far},
                                                            "text": "eval(x)\n"}]})
    p = diagnostics_for(s, uri, since)
    evals = [d for d in p["diagnostics"] if d["code"] == "RV601"]
    # Clamped to the end of the text: the insertion lands on line 1, after "x = 1".
    assert evals and evals[0]["range"]["start"]["line"] == 1, p
    # A reversed range, and a range of enormous characters on a real line.
    since = s.mark()
    s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                        "contentChanges": [
                                            {"range": {"start": far, "end": {"line": 0,
                                                                             "character": 0}},
                                             "text": ""},
                                            {"range": {"start": {"line": 0, "character": 99},
                                                       "end": {"line": 0, "character": 2**31}},
                                             "text": "y"}]})
    p = diagnostics_for(s, uri, since)
    assert p["version"] == 3
    s.alive()


@case
def invalid_utf8_and_nul_bytes(s):
    s.initialize({"general": {"positionEncodings": ["utf-16"]}})
    uri = "test:///u.py"
    body = (b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":'
            b'{"uri":"' + uri.encode() + b'","languageId":"python","version":1,"text":'
            b'"s = \'\xff\xfe\xc3\'\\nx = 1\\u0000\\n\\u0000def f(a):\\n    return eval(a)\\n"}}}')
    since = s.mark()
    s.write(frame(body))
    p = diagnostics_for(s, uri, since)
    assert all(d["range"]["start"]["line"] >= 0 for d in p["diagnostics"]), p
    since = s.mark()
    s.write(frame(b'{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":'
                  b'{"uri":"' + uri.encode() + b'","version":2},"contentChanges":[{"range":'
                  b'{"start":{"line":0,"character":5},"end":{"line":0,"character":6}},'
                  b'"text":"\x80\\u0000\xf0\x9f"}]}}'))
    diagnostics_for(s, uri, since)
    s.alive()


# ----------------------------------------------------------------------------------------------
# Lifecycle.

@case
def requests_before_initialize(s):
    for method in ["textDocument/hover", "shutdown", "textDocument/diagnostic", "reviewls/x"]:
        assert error_code(s.call(method, {})) == NOT_INITIALIZED
    s.notify("textDocument/didOpen", doc("test:///early.py", SAMPLE))  # dropped
    s.initialize()
    r = s.call("textDocument/diagnostic", {"textDocument": {"uri": "test:///early.py"}})
    assert r.get("result", {}).get("items", []) == [], r
    assert s.shutdown() == 0


@case
def second_initialize(s):
    s.initialize()
    assert error_code(s.call("initialize", {"capabilities": {}})) == INVALID_REQUEST
    s.alive()
    assert s.shutdown() == 0


@case
def anything_after_shutdown(s):
    s.initialize()
    assert s.call("shutdown").get("result", 1) is None
    for method in ["textDocument/hover", "shutdown", "initialize", "reviewls/x"]:
        assert error_code(s.call(method, {})) == INVALID_REQUEST
    since = s.mark()
    s.notify("textDocument/didOpen", doc("test:///late.py", SAMPLE))  # ignored
    s.alive()
    assert not publishes(s, "test:///late.py", since)
    s.notify("exit")
    assert s.finish() == 0


@case
def exit_without_shutdown(s):
    s.initialize()
    s.notify("exit")
    assert s.finish() == 1


@case
def cancel_finished_or_unknown(s):
    s.initialize()
    s.notify("textDocument/didOpen", doc("test:///c.py", SAMPLE))
    r = s.call("textDocument/hover", {"textDocument": {"uri": "test:///c.py"}, "position": POS})
    s.notify("$/cancelRequest", {"id": r["id"]})
    for bad in [999999, "nope", None, [1], {"a": 1}, -1]:
        s.notify("$/cancelRequest", {"id": bad})
    s.notify("$/cancelRequest", {})
    s.notify("$/cancelRequest")
    s.alive()
    assert s.shutdown() == 0


@case
def stdin_closed_mid_message(s):
    s.initialize()
    s.notify("textDocument/didOpen", doc("test:///m.py", SAMPLE))
    s.write(b"Content-Length: 100\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"textDoc")
    status = s.finish()
    assert status == 1, f"exit status {status}"


@case
def stdin_closed_mid_header(s):
    s.initialize()
    s.write(b"Content-Len")
    status = s.finish()
    assert status == 1, f"exit status {status}"


@case
def stdout_closed_by_client(s):
    s.initialize()
    s.proc.stdout.close()  # the client stops reading: writes fail with EPIPE
    time.sleep(0.2)
    for i in range(50):
        s.notify("textDocument/didOpen", doc(f"test:///o{i}.py", SAMPLE))
        s.request("textDocument/hover", {"textDocument": {"uri": f"test:///o{i}.py"},
                                         "position": POS})
    time.sleep(0.5)
    assert s.proc.poll() is None, f"died with {s.proc.returncode} while stdin was open"
    status = s.finish()
    assert status == 1, f"exit status {status} (negative: killed by that signal, 13 is SIGPIPE)"


# ----------------------------------------------------------------------------------------------

def run_case(name):
    t0 = time.monotonic()
    s = start()
    try:
        CASES[name](s)
        if s.proc.poll() is None:
            # Every case leaves a server that still shuts down cleanly, or has ended it.
            try:
                status = s.shutdown()
                assert status == 0, f"exit status {status} after shutdown"
            except (BrokenPipeError, OSError, ValueError):
                s.kill()
        elif s.proc.returncode < 0:
            raise AssertionError(f"killed by signal {-s.proc.returncode}")
        if "runtime error" in s.stderr() or "AddressSanitizer" in s.stderr():
            raise AssertionError("sanitizer report:\n" + s.stderr()[-3000:])
        return name, None, time.monotonic() - t0
    except Exception:  # noqa: BLE001 - report every failure, then go on
        detail = traceback.format_exc()
        s.kill()
        return name, detail + "\nserver stderr (end):\n" + s.stderr()[-2000:], \
            time.monotonic() - t0
    finally:
        s.kill()


def main():
    global REVIEWLS
    REVIEWLS = os.path.abspath(sys.argv[1])
    only = sys.argv[2:]
    names = [n for n in CASES if not only or n in only]
    failed = 0
    start_all = time.monotonic()
    # Two at a time: each case is its own server process, and CI has two cores.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for name, err, secs in pool.map(run_case, names):
            if err:
                failed += 1
                print(f"FAIL {name} ({secs:.1f}s)\n{err}")
            else:
                print(f"ok   {name} ({secs:.1f}s)")
            sys.stdout.flush()
    print(f"{len(names) - failed} passed, {failed} failed "
          f"({time.monotonic() - start_all:.0f}s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
