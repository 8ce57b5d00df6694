#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The analysed code is data. In a project that tries hard to be run (a pyproject.toml whose
every value is a shell command, file names made of shell syntax, code that would act if it
were imported), `reviewls check` and a server session with a workspace folder:
- run nothing: no marker file appears, and in a second run under strace (when installed) the
  only program ever executed is reviewls itself;
- walk the workspace without following symbolic links, out of it or in a loop, and finish
  (also when exclude and .gitignore globs are built to make backtracking take hours);
- skip files above the size bound with a notice.

usage: data_not_code.py REVIEWLS
"""
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import Server  # noqa: E402

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def build_project(root, marker):
    """A workspace full of bait, a folder outside it, and links between them."""
    ws = os.path.join(root, "ws")
    outside = os.path.join(root, "outside")
    os.makedirs(os.path.join(ws, "pkg"))
    os.makedirs(outside)
    cmd = f"touch {marker}"
    bait = [f"$({cmd})", f"`{cmd}`", f"; {cmd};", f"| {cmd}", f"&& {cmd}"]
    toml = "[build-system]\nrequires = [\"setuptools\"]\nbuild-backend = \"evil:backend\"\n\n"
    toml += "[tool.reviewls]\n"
    toml += f"select = {json.dumps(bait + ['security', 'naming-consistency'])}\n"
    toml += f"ignore = {json.dumps(bait)}\n"
    # Globs that take hours to fail by naive backtracking, against a name they nearly match.
    slow_globs = ["*a" * 12 + "*b", "**/" + "**a" * 10 + "**b"]
    toml += f"exclude = {json.dumps(bait + slow_globs)}\n"
    toml += f"baseline = {json.dumps('$(' + cmd + ')')}\n"
    toml += f"max-parameters = {json.dumps(cmd)}\n"
    toml += f"plugins = {json.dumps(['os.system(' + repr(cmd) + ')'])}\n"
    toml += f"command = {json.dumps(cmd)}\n"
    toml += "[tool.reviewls.severity]\n"
    toml += f"{json.dumps('$(' + cmd + ')')} = \"error\"\n"
    with open(os.path.join(ws, "pyproject.toml"), "w") as f:
        f.write(toml)
    with open(os.path.join(ws, "setup.py"), "w") as f:
        f.write(f"import os\nos.system({cmd!r})\n")
    with open(os.path.join(ws, "conftest.py"), "w") as f:
        f.write(f"__import__('os').system({cmd!r})\n")
    with open(os.path.join(ws, "pkg", "__init__.py"), "w") as f:
        f.write(f"import subprocess\nsubprocess.call({cmd!r}, shell=True)\n")
    for name in ["$(touch x).py", "; touch x;.py", "`touch x`.py", "-rf.py", "--help.py"]:
        with open(os.path.join(ws, "pkg", name.replace("touch x", cmd.replace("/", "_"))),
                  "w") as f:
            f.write("def f(a):\n    return a\n")
    with open(os.path.join(ws, "pkg", "a" * 100 + ".py"), "w") as f:
        f.write("x = 1\n")
    with open(os.path.join(ws, ".gitignore"), "w") as f:
        f.write("\n".join(slow_globs) + "\n")
    with open(os.path.join(ws, "pkg", "inside.py"), "w") as f:
        f.write("def getData(x):\n    return eval(x)\n")
    with open(os.path.join(outside, "secret.py"), "w") as f:
        f.write("def leakedName(x):\n    return eval(x)\n")
    # Links: out of the workspace (a folder and a file), and two loops.
    os.symlink(outside, os.path.join(ws, "pkg", "out"))
    os.symlink(os.path.join(outside, "secret.py"), os.path.join(ws, "pkg", "linked.py"))
    os.symlink(ws, os.path.join(ws, "pkg", "loop"))
    os.symlink("..", os.path.join(ws, "pkg", "up"))
    # Above the size bound: 11 MB of valid Python.
    with open(os.path.join(ws, "pkg", "huge.py"), "w") as f:
        f.write("value = 1\n" * (11 * 1024 * 1024 // 10))
    return ws, outside


def traced(argv, log):
    if log is None:
        return argv
    return ["strace", "-f", "-qq", "-e", "trace=execve,execveat", "-o", log] + argv


def traced_env(log):
    env = dict(os.environ)
    if log is not None:
        # LeakSanitizer cannot run under ptrace; the untraced run checks for leaks.
        env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
    return env


def programs_run(log):
    if log is None or not os.path.exists(log):
        return None
    with open(log) as f:
        return [line for line in f if "execve" in line and "= 0" in line]


def test_check(reviewls, root, ws, outside, marker, log):
    argv = traced([reviewls, "check", "--format", "json", ws], log)
    try:
        proc = subprocess.run(argv, capture_output=True, timeout=120, cwd=ws,
                              env=traced_env(log))
    except subprocess.TimeoutExpired:
        check(False, "check finishes within 120s")
        return
    check(proc.returncode in (0, 1, 2), f"check exits normally (status {proc.returncode})")
    findings = json.loads(proc.stdout or b"[]")
    paths = {f["path"] for f in findings}
    check(any(p.endswith("pkg/inside.py") for p in paths), "check reviews the workspace's files")
    check(not any(outside in os.path.realpath(p) or "secret" in p or "linked" in p
                  or "/loop/" in p or "/up/" in p for p in paths),
          "check follows no symbolic link (out of the workspace or in a loop)")
    check(not any(p.endswith("huge.py") for p in paths), "check skips the 11 MB file")
    err = proc.stderr.decode("utf-8", "replace")
    check("huge.py" in err and "skipped" in err, "check says it skipped the 11 MB file")
    check(not os.path.exists(marker), "check ran nothing the configuration asked for")
    runs = programs_run(log)
    if runs is not None:
        check(len(runs) == 1, f"check executes no other program ({len(runs)} execve)")


def test_server(reviewls, root, ws, outside, marker, log):
    wrapper = shlex.split(os.environ.get("RV_TEST_WRAPPER", ""))
    if wrapper:
        log = None  # strace over valgrind traces valgrind
    s = Server(traced(wrapper + [reviewls], log), cwd=root, env=traced_env(log))
    try:
        ws_uri = "file://" + urllib.parse.quote(ws)
        s.initialize({}, rootUri=ws_uri,
                     workspaceFolders=[{"uri": ws_uri, "name": "ws"}])
        inside = ws_uri + "/pkg/inside.py"
        s.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                   and m["params"]["uri"] == inside, 120, "the scan's diagnostics", since=0)
        # Open a document too: its configuration comes from the bait pyproject.toml.
        s.notify("textDocument/didOpen", {"textDocument": {
            "uri": ws_uri + "/pkg/opened.py", "languageId": "python", "version": 1,
            "text": f"import os\nos.system('touch {marker}')\n"}})
        s.alive(60)
        r = s.call("workspace/executeCommand", {"command": "reviewls.review",
                                                "arguments": []}, 120)
        check("result" in r or "error" in r, "the workspace review answers")
        s.alive(60)
        uris = {urllib.parse.unquote(m["params"]["uri"]) for m in s.seen
                if m.get("method") == "textDocument/publishDiagnostics"}
        check(all(u.startswith("file://" + ws + "/") for u in uris),
              "the scan publishes only files inside the workspace")
        check(not any("/out/" in u or "linked" in u or "/loop/" in u or "/up/" in u
                      for u in uris), "the scan follows no symbolic link")
        check(not any(u.endswith("huge.py") for u in uris), "the scan skips the 11 MB file")
        status = s.shutdown(120)
        check(status == 0, f"the server shuts down cleanly (status {status})")
        if status != 0:
            print(s.stderr()[-4000:])
        check("huge.py" in s.stderr() and "skipped" in s.stderr(),
              "the scan says it skipped the 11 MB file")
    finally:
        s.kill()
    check(not os.path.exists(marker), "the server ran nothing the configuration asked for")
    runs = programs_run(log)
    if runs is not None:
        check(len(runs) == 1, f"the server executes no other program ({len(runs)} execve)")


def main():
    reviewls = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.realpath(tmp)
        marker = os.path.join(root, "pwned")
        ws, outside = build_project(root, marker)
        test_check(reviewls, root, ws, outside, marker, None)
        test_server(reviewls, root, ws, outside, marker, None)
        if shutil.which("strace"):
            print("     again under strace, counting the programs executed:")
            test_check(reviewls, root, ws, outside, marker, os.path.join(root, "check.strace"))
            test_server(reviewls, root, ws, outside, marker, os.path.join(root, "server.strace"))
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
