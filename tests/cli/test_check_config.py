#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`reviewls check` with configuration: pyproject discovery, select/ignore, thresholds,
exclude globs, command-line overrides, malformed configuration, size bound and symlinks.

usage: test_check_config.py REVIEWLS
"""
import json
import os
import subprocess
import sys
import tempfile

REVIEWLS = os.path.abspath(sys.argv[1])
failures = []

BROKEN = "def f(:\n    pass\n"  # RV002 (missing token), a syntax-category rule
MANY_PARAMS = (
    '"""Module."""\n\n\n'
    "def compute_total(alpha, beta, gamma, delta, epsilon):\n"
    '    """Add."""\n'
    "    return alpha + beta + gamma + delta + epsilon\n"
)


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def run(cwd, *args):
    proc = subprocess.run([REVIEWLS, "check", "--format", "json", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)
    try:
        findings = json.loads(proc.stdout) if proc.stdout.strip() else []
    except json.JSONDecodeError:
        findings = None
    return proc.returncode, findings, proc.stderr


def codes(findings, path=None):
    return sorted({f["code"] for f in findings if path is None or f["path"] == path})


def paths(findings):
    return sorted({f["path"] for f in findings})


def expect(name, cond, detail=""):
    if not cond:
        failures.append(f"{name}: {detail}")
        print(f"FAIL {name}: {detail}", file=sys.stderr)


def test_select_ignore_threshold(tmp):
    write(tmp, "pyproject.toml",
          "[project]\nname = 'demo'\n\n"
          "[tool.reviewls]\n"
          "select = ['syntax', 'too-many-parameters']\n"
          "ignore = ['RV002']\n"
          "max-parameters = 4\n")
    write(tmp, "pkg/broken.py", BROKEN)
    write(tmp, "pkg/params.py", MANY_PARAMS)
    rc, found, err = run(tmp, ".")
    expect("select: only selected rules", found is not None and
           set(codes(found)) <= {"RV001", "RV556"}, f"{found} {err}")
    expect("ignore: RV002 gone", found is not None and "RV002" not in codes(found), str(found))
    expect("threshold lowered: 5 > 4 reported", found is not None and
           "RV556" in codes(found, "pkg/params.py"), f"{found} {err}")
    expect("exit 1 with findings", rc == 1, f"rc={rc} {err}")
    # The default threshold (6) would not report 5 parameters: --config with defaults shows it.
    write(tmp, "other.toml", "[tool.reviewls]\nselect = ['too-many-parameters']\n")
    rc, found, err = run(tmp, "--config", "other.toml", ".")
    expect("--config replaces discovery", found == [] and rc == 0, f"rc={rc} {found} {err}")
    # Command-line options apply over pyproject.toml.
    rc, found, err = run(tmp, "--extend-select", "RV002", ".")
    expect("--extend-select re-adds an ignored rule", found is not None and
           "RV002" in codes(found), f"{found} {err}")
    rc, found, err = run(tmp, "--select", "RV002", ".")
    expect("--select replaces", found is not None and codes(found) == ["RV002"], f"{found}")
    rc, found, err = run(tmp, "--ignore", "syntax,too-many-parameters", ".")
    expect("--ignore removes", found == [] and rc == 0, f"rc={rc} {found} {err}")
    rc, found, err = run(tmp, "--select", "RV999", ".")
    expect("unknown code on the command line is a usage error", rc == 2 and "RV999" in err,
           f"rc={rc} {err}")


def test_exclude(tmp):
    write(tmp, "pyproject.toml",
          "[tool.reviewls]\n"
          "select = ['syntax']\n"
          "exclude = ['build/**', '*_pb2.py', 'migrations/']\n")
    for rel in ("src/ok.py", "build/lib/gen.py", "api/msg_pb2.py", "app/migrations/0001.py",
                "src/build/kept.py"):
        write(tmp, rel, BROKEN)
    rc, found, err = run(tmp, ".")
    expect("exclude globs honoured", found is not None and
           paths(found) == ["src/build/kept.py", "src/ok.py"], f"{found} {err}")
    # An explicitly named file is checked even when excluded.
    rc, found, err = run(tmp, "api/msg_pb2.py")
    expect("named file still checked", found is not None and
           paths(found) == ["api/msg_pb2.py"], f"{found}")
    # Running from elsewhere finds the same pyproject.toml above the files.
    rc, found, err = run("/", tmp)
    expect("discovery from another cwd", found is not None and
           sorted(os.path.relpath(p, tmp) for p in paths(found)) ==
           ["src/build/kept.py", "src/ok.py"], f"{found} {err}")


def test_nested_project(tmp):
    write(tmp, "pyproject.toml", "[tool.reviewls]\nselect = ['syntax']\n")
    write(tmp, "sub/pyproject.toml", "[tool.reviewls]\nignore = ['syntax']\n")
    write(tmp, "a.py", BROKEN)
    write(tmp, "sub/b.py", BROKEN)
    rc, found, err = run(tmp, ".")
    syntax = {"RV001", "RV002"}
    expect("nearest pyproject.toml governs (parent selects syntax)", found is not None and
           "RV002" in codes(found, "a.py") and set(codes(found, "a.py")) <= syntax, f"{found}")
    expect("nearest pyproject.toml governs (sub ignores syntax)", found is not None and
           not set(codes(found, "sub/b.py")) & syntax and codes(found, "sub/b.py"),
           f"{found} {err}")


def test_malformed(tmp):
    write(tmp, "pyproject.toml",
          "[tool.reviewls]\n"
          "select = ['syntax']\n"
          "max-parameters = 'six'\n"
          "no-such-setting = 1\n"
          "max-nesting = = 3\n"
          "ignore = ['RV001']\n"
          "[tool.other]\n"
          "x = = 1\n")
    write(tmp, "m.py", BROKEN)
    write(tmp, "n.py", MANY_PARAMS)
    rc, found, err = run(tmp, ".")
    expect("bad type reported with line", "pyproject.toml:3:1:" in err and
           "max-parameters" in err, err)
    expect("unknown key reported with line", "pyproject.toml:4:1:" in err and
           "no-such-setting" in err, err)
    expect("syntax error reported with line", "pyproject.toml:5:" in err and
           "TOML syntax error" in err, err)
    expect("syntax error in another table reported", "pyproject.toml:8:" in err, err)
    expect("readable keys still apply", found is not None and codes(found) == ["RV002"],
           f"{found}")
    expect("partial errors keep the findings' exit code", rc == 1, f"rc={rc}")
    # Not TOML at all: reported, defaults used, exit code 2.
    write(tmp, "pyproject.toml", "\x01\x02 }}} [[[\n")
    rc, found, err = run(tmp, ".")
    expect("not TOML: defaults still work", found is not None and
           "RV556" not in codes(found) and "RV002" in codes(found), f"{found} {err}")
    expect("not TOML: exit 2", rc == 2 and "not TOML" in err, f"rc={rc} {err}")
    rc, found, err = run(tmp, "--config", "missing.toml", ".")
    expect("missing --config is an error", rc == 2 and "missing.toml" in err, f"rc={rc} {err}")


def test_size_and_symlinks(tmp):
    proj = os.path.join(tmp, "proj")
    outside = os.path.join(tmp, "outside")
    write(proj, "pyproject.toml", "[tool.reviewls]\nselect = ['syntax']\n")
    write(proj, "small.py", BROKEN)
    write(outside, "far.py", BROKEN)
    with open(os.path.join(proj, "huge.py"), "w", encoding="utf-8") as f:
        f.write("x = 1\n" * (11 * 1024 * 1024 // 6))
    os.symlink(outside, os.path.join(proj, "link_out"))
    os.symlink(proj, os.path.join(proj, "loop"))
    os.symlink(os.path.join(outside, "far.py"), os.path.join(proj, "far_link.py"))
    rc, found, err = run(proj, ".")
    expect("large file skipped with a notice", "huge.py" in err and "skipped" in err, err)
    expect("symlinks not followed, no loop", found is not None and paths(found) == ["small.py"],
           f"{found} {err}")


def main():
    for test in (test_select_ignore_threshold, test_exclude, test_nested_project,
                 test_malformed, test_size_and_symlinks):
        with tempfile.TemporaryDirectory(prefix="rv-cli-") as tmp:
            test(os.path.realpath(tmp))
    if failures:
        print(f"{len(failures)} failed", file=sys.stderr)
        return 1
    print("all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
