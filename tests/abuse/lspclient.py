# SPDX-License-Identifier: MIT
"""A minimal LSP client for driving the real `reviewls` binary over stdio with real
Content-Length framing. Every wait is bounded: a test that would hang fails instead.

Stdout is read by a thread that splits frames into a queue; stderr goes to a temporary file
(never a pipe that could fill and block the server)."""
import json
import os
import queue
import subprocess
import tempfile
import threading
import time


class Timeout(AssertionError):
    pass


def frame(body):
    if isinstance(body, (dict, list)):
        body = json.dumps(body, separators=(",", ":")).encode()
    elif isinstance(body, str):
        body = body.encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Server:
    def __init__(self, argv, cwd=None, env=None):
        self.stderr_file = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.stderr_file, cwd=cwd, env=env, bufsize=0)
        self.messages = queue.Queue()
        self.seen = []          # every message received, in order
        self.responses = {}     # responses received while waiting for something else, by id
        self.bad_frames = []    # framing problems in the server's output
        self.next_id = 1000
        self.reading = threading.Event()  # cleared: the reader stops reading (a stalled client)
        self.reading.set()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    # ---------------------------------------------------------------------------------
    def _read(self):
        out = self.proc.stdout
        buf = b""
        while True:
            self.reading.wait()
            try:
                chunk = os.read(out.fileno(), 1 << 20)
            except (OSError, ValueError):  # the test closed our end
                break
            if not chunk:
                break
            buf += chunk
            while True:
                sep = buf.find(b"\r\n\r\n")
                if sep < 0:
                    break
                headers = buf[:sep].decode("ascii", "replace").split("\r\n")
                length = None
                for h in headers:
                    name, _, value = h.partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value.strip())
                if length is None:
                    self.bad_frames.append(buf[:sep])
                    buf = buf[sep + 4:]
                    continue
                if len(buf) < sep + 4 + length:
                    break
                body = buf[sep + 4:sep + 4 + length]
                buf = buf[sep + 4 + length:]
                try:
                    msg = json.loads(body)
                except ValueError:
                    self.bad_frames.append(body[:200])
                    continue
                self.messages.put(msg)
        self.messages.put(None)  # end of output

    def stderr(self):
        self.stderr_file.seek(0)
        return self.stderr_file.read().decode("utf-8", "replace")

    # ---------------------------------------------------------------------------------
    def write(self, data):
        self.proc.stdin.write(data)

    def send(self, msg):
        self.write(frame(msg))

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def request(self, method, params=None, id=None):
        if id is None:
            self.next_id += 1
            id = self.next_id
        msg = {"jsonrpc": "2.0", "id": id, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return id

    def mark(self):
        """A point in the received messages for wait_for(since=...)."""
        return len(self.seen)

    def wait_for(self, pred, timeout=20.0, what="a message", since=None):
        """Returns the first message that satisfies pred: among those received after `since`
        (a mark()) when given, else among those not yet received. Every message received is
        kept in self.seen."""
        if since is not None:
            for msg in self.seen[since:]:
                if pred(msg):
                    return msg
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Timeout(f"no {what} within {timeout:.0f}s")
            try:
                msg = self.messages.get(timeout=left)
            except queue.Empty:
                raise Timeout(f"no {what} within {timeout:.0f}s") from None
            if msg is None:
                self.messages.put(None)
                raise AssertionError(f"output ended while waiting for {what}; exit "
                                     f"{self.proc.poll()}; stderr:\n{self.stderr()[-2000:]}")
            self.seen.append(msg)
            if "method" not in msg and isinstance(msg.get("id"), (int, str)):
                self.responses[msg["id"]] = msg
            if pred(msg):
                return msg

    def response(self, id, timeout=20.0):
        if id not in self.responses:
            self.wait_for(lambda m: m.get("id") == id and "method" not in m, timeout,
                          f"response to id {id!r}")
        return self.responses.pop(id)

    def call(self, method, params=None, timeout=20.0):
        return self.response(self.request(method, params), timeout)

    def alive(self, timeout=20.0):
        """The server still answers: an unknown request gets its error back."""
        r = self.call("reviewls/ping", {}, timeout)
        assert "error" in r, r
        return r

    def alive_eventually(self, tries=6, timeout=2.0):
        """After garbage that swallows the next bytes: some ping of a few gets its answer."""
        for _ in range(tries):
            id = self.request("reviewls/ping", {})
            try:
                return self.response(id, timeout)
            except AssertionError as e:
                if "output ended" in str(e):
                    raise
        raise AssertionError(f"no answer to {tries} pings")

    def initialize(self, caps=None, **params):
        p = {"processId": None, "rootUri": None, "capabilities": caps or {}}
        p.update(params)
        r = self.call("initialize", p)
        assert "result" in r, r
        self.notify("initialized", {})
        return r["result"]

    def close_stdin(self):
        try:
            self.proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass

    def finish(self, timeout=30.0):
        """Closes stdin and returns the exit status (a negative number is a signal)."""
        self.close_stdin()
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise Timeout(f"the server did not exit within {timeout:.0f}s of stdin closing")

    def shutdown(self, timeout=30.0):
        r = self.call("shutdown", None, timeout)
        assert r.get("result", "missing") is None, r
        self.notify("exit")
        return self.finish(timeout)

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def rss_kb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0
