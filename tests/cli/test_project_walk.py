#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Whole projects on the command line: .gitignore files (in the tree and above it, negation,
directory-only and anchored patterns), non-Python files skipped, --jobs N printing exactly what
--jobs 1 prints (over Debian's Python 3.11 standard library when it is installed), files that
cannot be read reported while the run goes on, and the progress line only on a terminal.

usage: test_project_walk.py REVIEWLS
"""
import os
import pty
import subprocess
import sys
import tempfile

REVIEWLS = os.path.abspath(sys.argv[1])
STDLIB = "/usr/lib/python3.11"
failures = []
passed = 0


def check(name, cond, detail=""):
    global passed
    if cond:
        passed += 1
        print(f"ok   {name}")
    else:
        failures.append(name)
        print(f"FAIL {name}\n  {detail}")


def run(args, cwd=None):
    p = subprocess.run([REVIEWLS] + args, capture_output=True, cwd=cwd, timeout=600)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def files_reported(out):
    return sorted({line.split(":", 1)[0] for line in out.splitlines() if line})


BAD = "def f(l):\n    return eval(l)\n"


def test_gitignore(tmp):
    repo = os.path.join(tmp, "repo")
    os.makedirs(os.path.join(repo, ".git"))
    write(repo, ".gitignore", "# build output\nbuild/\n*.gen.py\n!keep.gen.py\n/top_only.py\n"
          "docs\n")
    write(repo, "src/app.py", BAD)
    write(repo, "src/top_only.py", BAD)       # anchored pattern: only /top_only.py is ignored
    write(repo, "top_only.py", BAD)
    write(repo, "src/models.gen.py", BAD)
    write(repo, "src/keep.gen.py", BAD)       # negation re-includes it
    write(repo, "build/out.py", BAD)
    write(repo, "src/build", "not a directory, so build/ does not apply\n")
    write(repo, "src/pkg/build/x.py", BAD)    # build/ matches a directory at any depth
    write(repo, "docs/conf.py", BAD)          # "docs" matches the directory by name
    write(repo, "src/pkg/.gitignore", "local.py\n!/again.gen.py\n")
    write(repo, "src/pkg/local.py", BAD)
    write(repo, "src/pkg/again.gen.py", BAD)  # a deeper file's negation wins
    write(repo, "src/pkg/mod.py", BAD)
    write(repo, "src/notes.txt", "eval(x)\n")
    write(repo, "src/script", "#!/usr/bin/env python3\neval(x)\n")
    expected = ["src/app.py", "src/keep.gen.py", "src/pkg/again.gen.py", "src/pkg/mod.py",
                "src/top_only.py"]
    rc, out, err = run(["check", "--select", "RV601", "."], cwd=repo)
    got = files_reported(out)
    check("gitignore: walk from the top", got == expected and rc == 1, f"{got} rc={rc} {err}")
    # From a subdirectory the .gitignore files above it (up to the repository's top) apply.
    rc, out, err = run(["check", "--select", "RV601", "src"], cwd=repo)
    got = files_reported(out)
    check("gitignore: walk from a subdirectory", got == expected and rc == 1, f"{got} {err}")
    rc, out, err = run(["review", "--select", "RV601", "."], cwd=repo)
    check("gitignore: review reads the same files", "Reviewed 5 files." in out, out[:300])
    # A file named on the command line is checked even when ignored, like exclude.
    rc, out, err = run(["check", "--select", "RV601", "build/out.py"], cwd=repo)
    check("gitignore: a named file is checked", files_reported(out) == ["build/out.py"], out)
    # Outside a repository only the .gitignore files inside the walked tree count.
    plain = os.path.join(tmp, "plain")
    write(plain, "sub/.gitignore", "skip.py\n")
    write(plain, "sub/skip.py", BAD)
    write(plain, "sub/use.py", BAD)
    write(tmp, ".gitignore", "use.py\n")  # above, but not in a repository: ignored
    rc, out, err = run(["check", "--select", "RV601", "sub"], cwd=plain)
    check("gitignore: no repository, tree only", files_reported(out) == ["sub/use.py"], out)


def test_unreadable(tmp):
    root = os.path.join(tmp, "unreadable")
    write(root, "a.py", BAD)
    write(root, "z.py", BAD)
    os.symlink(os.path.join(root, "missing.py"), os.path.join(root, "dangling.py"))
    rc, out, err = run(["check", "--select", "RV601", "a.py", "dangling.py", "z.py"], cwd=root)
    check("unreadable: others still checked, exit 2",
          files_reported(out) == ["a.py", "z.py"] and rc == 2 and "dangling.py" in err,
          f"rc={rc} out={out} err={err}")
    if os.geteuid() != 0:
        write(root, "locked.py", BAD)
        os.chmod(os.path.join(root, "locked.py"), 0)
        rc, out, err = run(["check", "--select", "RV601", "-j", "2", "."], cwd=root)
        check("unreadable: permission denied reported, run goes on",
              rc == 2 and "locked.py" in err and files_reported(out) == ["a.py", "z.py"],
              f"rc={rc} {out} {err}")
    else:
        print("skip unreadable: permission denied (running as root reads everything)")


def test_jobs(tmp):
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "report", "fixtures")
    for fmt in ["text", "json", "markdown", "sarif"]:
        one = run(["check", "--format", fmt, "--jobs", "1", root])
        four = run(["check", "--format", fmt, "--jobs=4", root])
        check(f"jobs: {fmt} over the report fixtures", one == four and one[0] == 1,
              f"{one[0]} {four[0]}")
    bad = run(["check", "--jobs", "0", root])
    check("jobs: 0 is a usage error", bad[0] == 2 and "--jobs" in bad[2], bad[2])
    if not os.path.isdir(STDLIB):
        print(f"skip jobs over {STDLIB}: not installed")
        return
    one = run(["check", "--format", "json", "--jobs", "1", STDLIB])
    many = run(["check", "--format", "json", "--jobs", "4", STDLIB])
    check("jobs: --jobs 4 == --jobs 1 over the standard library (json, stderr, status)",
          one == many and len(one[1]) > 100000, f"status {one[0]} vs {many[0]}")


def test_progress(tmp):
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "report", "fixtures")
    plain = run(["check", root])
    for fmt, want in [("text", True), ("json", False)]:
        master, slave = pty.openpty()
        p = subprocess.run([REVIEWLS, "check", "--format", fmt, root], stdout=subprocess.PIPE,
                           stderr=slave, timeout=120)
        os.close(slave)
        err = b""
        try:
            while True:
                chunk = os.read(master, 65536)
                if not chunk:
                    break
                err += chunk
        except OSError:
            pass
        os.close(master)
        shown = b"\r" in err and b"files" in err
        check(f"progress on a terminal, format {fmt}: {'shown' if want else 'not shown'}",
              shown == want, repr(err[:200]))
        if fmt == "text":
            check("progress: stdout is unchanged", p.stdout.decode() == plain[1])
    check("progress: never when stderr is not a terminal", "\r" not in plain[2], plain[2][:200])


def main():
    with tempfile.TemporaryDirectory() as tmp:
        test_gitignore(tmp)
        test_unreadable(tmp)
        test_jobs(tmp)
        test_progress(tmp)
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
