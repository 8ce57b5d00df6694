#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Report tests: Markdown goldens, determinism, SARIF structure, GitHub annotations, the
baseline round trip, and a directory run equal to the sum of single-file runs.

Goldens: `reviewls review <fixture>` run inside fixtures/ is compared with
expected/<stem>.md; `reviewls review .` with expected/all.md. RV_UPDATE_GOLDEN=1 rewrites them;
read the diff before committing.

SARIF: the official 2.1.0 JSON schema is not available offline here, so validate_sarif() checks
structurally every required property (and the types and ranges) of the subset reviewls emits.

usage: run_report_tests.py REVIEWLS REPORT_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

FAILURES = []


def fail(msg):
    FAILURES.append(msg)
    print("FAIL " + msg)


def run(reviewls, args, cwd):
    return subprocess.run([reviewls, *args], cwd=cwd, capture_output=True, timeout=120)


def test_goldens(reviewls, root):
    fixtures = os.path.join(root, "fixtures")
    expected_dir = os.path.join(root, "expected")
    update = os.environ.get("RV_UPDATE_GOLDEN") == "1"
    cases = [(f[:-3], [f]) for f in sorted(os.listdir(fixtures)) if f.endswith(".py")]
    cases.append(("all", ["."]))
    for stem, paths in cases:
        proc = run(reviewls, ["review", *paths], fixtures)
        path = os.path.join(expected_dir, stem + ".md")
        has_findings = b"; 0 findings." not in proc.stdout
        if proc.returncode != (1 if has_findings else 0):
            fail(f"review {stem}: exit {proc.returncode}\n{proc.stderr.decode()}")
        if proc.stderr:
            fail(f"review {stem}: printed on stderr: {proc.stderr.decode()}")
        if update:
            os.makedirs(expected_dir, exist_ok=True)
            with open(path, "wb") as f:
                f.write(proc.stdout)
            print(f"updated {path}")
            continue
        try:
            with open(path, "rb") as f:
                want = f.read()
        except FileNotFoundError:
            fail(f"review {stem}: no {path} (run with RV_UPDATE_GOLDEN=1 and read it)")
            continue
        if proc.stdout != want:
            fail(f"review {stem}: differs from {path}")
            got_lines = proc.stdout.decode().splitlines()
            for line in want.decode().splitlines():
                if line not in got_lines:
                    print("  missing:    " + line)
            for line in got_lines:
                if line not in want.decode().splitlines():
                    print("  unexpected: " + line)


def test_determinism(reviewls, root):
    fixtures = os.path.join(root, "fixtures")
    for fmt in ("markdown", "sarif", "github", "json", "text"):
        a = run(reviewls, ["check", "--format", fmt, "."], fixtures)
        b = run(reviewls, ["check", "--format", fmt, "."], fixtures)
        if a.stdout != b.stdout or a.returncode != b.returncode:
            fail(f"--format {fmt}: two runs differ")
        if fmt != "text" and a.stderr:
            fail(f"--format {fmt}: machine format printed on stderr: {a.stderr.decode()}")
    stats = run(reviewls, ["check", "--statistics", "."], fixtures)
    rows = [line.split() for line in stats.stdout.decode().splitlines()]
    counts = [int(r[2]) for r in rows]
    if not rows or counts != sorted(counts, reverse=True) or any(len(r) != 3 for r in rows):
        fail("--statistics: rows are not (code, name, count) sorted by count")
    findings = json.loads(run(reviewls, ["check", "--format", "json", "."], fixtures).stdout)
    if sum(counts) != len(findings):
        fail(f"--statistics: total {sum(counts)} != {len(findings)} findings")


def expect(cond, where):
    if not cond:
        fail("sarif: " + where)
    return cond


def validate_region(region, where):
    for key in ("startLine", "startColumn", "endLine", "endColumn"):
        expect(isinstance(region.get(key), int) and region[key] >= 1, f"{where}.{key} >= 1")
    expect((region["endLine"], region["endColumn"]) >= (region["startLine"],
                                                        region["startColumn"]),
           f"{where}: end before start")


def validate_message(msg, where):
    expect(isinstance(msg, dict) and isinstance(msg.get("text"), str), f"{where}.text")


def validate_sarif(log):
    """Every property SARIF 2.1.0 requires of the objects reviewls emits, with types."""
    expect(log.get("version") == "2.1.0", "version must be \"2.1.0\"")
    expect(isinstance(log.get("$schema"), str), "$schema")
    runs = log.get("runs")
    if not expect(isinstance(runs, list) and len(runs) == 1, "runs: one run"):
        return
    r = runs[0]
    expect(r.get("columnKind") in ("unicodeCodePoints", "utf16CodeUnits"), "run.columnKind")
    expect(r.get("columnKind") == "unicodeCodePoints", "columns are code points")
    driver = r.get("tool", {}).get("driver", {})
    expect(isinstance(driver.get("name"), str) and driver["name"], "tool.driver.name")
    rules = driver.get("rules", [])
    ids = []
    for i, rule in enumerate(rules):
        w = f"rules[{i}]"
        expect(isinstance(rule.get("id"), str), w + ".id")
        ids.append(rule.get("id"))
        for key in ("shortDescription", "fullDescription", "help"):
            validate_message(rule.get(key), f"{w}.{key}")
        expect(rule.get("defaultConfiguration", {}).get("level") in ("none", "note", "warning",
                                                                     "error"), w + ".level")
    expect(len(ids) == len(set(ids)) and ids, "rule ids unique and present")
    results = r.get("results")
    expect(isinstance(results, list), "results")
    for i, res in enumerate(results or []):
        w = f"results[{i}]"
        validate_message(res.get("message"), w + ".message")
        expect(res.get("ruleId") in ids, w + ".ruleId names a rule")
        idx = res.get("ruleIndex")
        expect(isinstance(idx, int) and 0 <= idx < len(ids) and ids[idx] == res.get("ruleId"),
               w + ".ruleIndex matches ruleId")
        expect(res.get("level") in ("none", "note", "warning", "error"), w + ".level")
        locs = res.get("locations")
        expect(isinstance(locs, list) and len(locs) == 1, w + ".locations")
        for loc in locs or []:
            phys = loc.get("physicalLocation", {})
            uri = phys.get("artifactLocation", {}).get("uri")
            expect(isinstance(uri, str) and uri and " " not in uri, w + " artifactLocation.uri")
            validate_region(phys.get("region", {}), w + ".region")
        for j, fix in enumerate(res.get("fixes", [])):
            fw = f"{w}.fixes[{j}]"
            validate_message(fix.get("description"), fw + ".description")
            changes = fix.get("artifactChanges")
            if expect(isinstance(changes, list) and changes, fw + ".artifactChanges"):
                for ch in changes:
                    expect(isinstance(ch.get("artifactLocation", {}).get("uri"), str),
                           fw + " artifactLocation")
                    for rep in ch.get("replacements", []) or [None]:
                        if expect(isinstance(rep, dict), fw + ".replacements"):
                            validate_region(rep.get("deletedRegion", {}), fw + ".deletedRegion")
                            validate_message(rep.get("insertedContent"), fw + ".insertedContent")


def test_sarif(reviewls, root):
    fixtures = os.path.join(root, "fixtures")
    proc = run(reviewls, ["check", "--format", "sarif", "."], fixtures)
    log = json.loads(proc.stdout)
    validate_sarif(log)
    findings = json.loads(run(reviewls, ["check", "--format", "json", "."], fixtures).stdout)
    results = log["runs"][0]["results"]
    if len(results) != len(findings):
        fail(f"sarif: {len(results)} results for {len(findings)} findings")
    for res, fnd in zip(results, findings):
        region = res["locations"][0]["physicalLocation"]["region"]
        got = (res["ruleId"], region["startLine"], region["startColumn"])
        if got != (fnd["code"], fnd["line"], fnd["column"]):
            fail(f"sarif: {got} != json {fnd['code']}:{fnd['line']}:{fnd['column']}")
    if not any("fixes" in r for r in results):
        fail("sarif: no fixes although the fixtures have renames")
    # Columns count code points: a name after a multi-byte string literal.
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "m.py"), "w", encoding="utf-8") as f:
            f.write('"""Doc."""\nLABEL = "é😀"; badName = 1\nother_name = 2\nthird_name = 3\n')
        log = json.loads(run(reviewls, ["check", "--format", "sarif", "m.py"], tmp).stdout)
        validate_sarif(log)
        cols = [r["locations"][0]["physicalLocation"]["region"]["startColumn"]
                for r in log["runs"][0]["results"] if r["ruleId"] == "RV105"]
        if cols != [15]:
            fail(f"sarif: code point column of badName is {cols}, want [15]")


def test_github(reviewls, root):
    fixtures = os.path.join(root, "fixtures")
    proc = run(reviewls, ["check", "--format", "github", "."], fixtures)
    findings = json.loads(run(reviewls, ["check", "--format", "json", "."], fixtures).stdout)
    lines = proc.stdout.decode().splitlines()
    if len(lines) != len(findings) or proc.returncode != 1:
        fail(f"github: {len(lines)} annotations for {len(findings)} findings")
    for line, fnd in zip(lines, findings):
        want = (f"file={fnd['path'].removeprefix('./')},line={fnd['line']},"
                f"endLine={fnd['end_line']},col={fnd['column']},")
        if not line.startswith("::") or want not in line or f"title={fnd['code']} " not in line:
            fail(f"github: bad annotation {line!r}")


def json_findings(reviewls, cwd, *args):
    proc = run(reviewls, ["check", "--format", "json", *args], cwd)
    return proc.returncode, json.loads(proc.stdout or b"[]"), proc.stderr.decode()


def test_baseline(reviewls, root):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src")
        os.mkdir(src)
        for name in ("test_server_actions.py", "deploy.py"):
            shutil.copy(os.path.join(root, "fixtures", name), src)
        base = os.path.join(tmp, "reviewls-baseline.json")
        rc, _, err = json_findings(reviewls, tmp, "--baseline", base, "--write-baseline", "src")
        if rc != 0 or not os.path.exists(base):
            fail(f"baseline: writing failed (exit {rc}): {err}")
            return
        with open(base, encoding="utf-8") as f:
            recorded = json.load(f)
        if recorded.get("version") != 1 or not recorded.get("findings"):
            fail("baseline: file has no findings")
        # Nothing new: nothing reported, exit 0, from another working directory too.
        rc, found, err = json_findings(reviewls, tmp, "--baseline", base, "src")
        if rc != 0 or found:
            fail(f"baseline: unchanged code reports {len(found)} findings (exit {rc}) {err}")
        rc, found, _ = json_findings(reviewls, src, "--baseline", "../reviewls-baseline.json",
                                     ".")
        if rc != 0 or found:
            fail(f"baseline: from another directory reports {len(found)} findings")
        # Move every line down and add one new problem.
        path = os.path.join(src, "test_server_actions.py")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        text = "# Moved down by a new header.\n#\n# More lines.\n\n" + text
        text = text.replace("    def test_1(self):\n        server = self._boot()\n",
                            "    def test_1(self):\n        server = self._boot()\n"
                            "        serverId = server['id']\n")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        rc, found, err = json_findings(reviewls, tmp, "--baseline", base, "src")
        got = [(f["code"], f["message"].split(" ")[0]) for f in found]
        if rc != 1 or got != [("RV103", "`serverId`")]:
            fail(f"baseline: after moving lines and adding one problem got {got} (exit {rc})")
        # A key recorded once absorbs one occurrence only.
        with open(os.path.join(src, "deploy.py"), "a", encoding="utf-8") as f:
            f.write("\n\ndef fetch_again(url: str) -> bytes:\n    \"\"\"Again.\"\"\"\n"
                    "    return requests.get(url, verify=False, timeout=5).content\n")
        rc, found, _ = json_findings(reviewls, tmp, "--baseline", base, "src")
        codes = sorted(f["code"] for f in found)
        if codes != ["RV103", "RV609"]:
            fail(f"baseline: a second occurrence of a recorded key gives {codes}")
        # Errors: a missing baseline or --write-baseline alone is a usage error.
        rc, _, _ = json_findings(reviewls, tmp, "--baseline", "nope.json", "src")
        if rc != 2:
            fail(f"baseline: a missing file exits {rc}, want 2")
        rc, _, _ = json_findings(reviewls, tmp, "--write-baseline", "src")
        if rc != 2:
            fail(f"baseline: --write-baseline without --baseline exits {rc}, want 2")


def test_configured_baseline(reviewls, root):
    """`baseline` in pyproject.toml: check hides what it records, as the editor does, and
    --write-baseline alone writes it; --baseline FILE on the command line still wins."""
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src")
        os.mkdir(src)
        for name in ("test_server_actions.py", "deploy.py"):
            shutil.copy(os.path.join(root, "fixtures", name), src)
        with open(os.path.join(tmp, "pyproject.toml"), "w", encoding="utf-8") as f:
            f.write('[tool.reviewls]\nbaseline = "reviewls-baseline.json"\n')
        base = os.path.join(tmp, "reviewls-baseline.json")
        rc, found, err = json_findings(reviewls, tmp, "src")
        if rc != 1 or not found or "no findings are hidden" not in err:
            fail(f"configured baseline: before it exists got {len(found)} findings (exit {rc}), "
                 f"stderr {err!r}")
        rc, _, err = json_findings(reviewls, tmp, "--write-baseline", "src")
        if rc != 0 or not os.path.exists(base) or "recorded" not in err:
            fail(f"configured baseline: --write-baseline alone (exit {rc}): {err}")
            return
        # Relative to the pyproject.toml, whatever the working directory.
        for cwd, arg in ((tmp, "src"), (src, "."), ("/", src)):
            rc, found, err = json_findings(reviewls, cwd, arg)
            if rc != 0 or found or err:
                fail(f"configured baseline: from {cwd} got {len(found)} findings (exit {rc}) "
                     f"{err!r}")
        with open(os.path.join(src, "deploy.py"), "a", encoding="utf-8") as f:
            f.write("\n\ndef run_it(data):\n    return eval(data)\n")
        rc, found, _ = json_findings(reviewls, tmp, "--select", "security", "src")
        if rc != 1 or [f["code"] for f in found] != ["RV601"]:
            fail(f"configured baseline: a new eval gives {[f['code'] for f in found]}")
        # The command line's baseline wins over the configured one, which stays as it was.
        with open(base, encoding="utf-8") as f:
            recorded = f.read()
        other = os.path.join(tmp, "other.json")
        rc, _, _ = json_findings(reviewls, tmp, "--baseline", other, "--write-baseline", "src")
        rc2, found, _ = json_findings(reviewls, tmp, "--baseline", other, "src")
        with open(base, encoding="utf-8") as f:
            unchanged = f.read() == recorded
        if rc != 0 or rc2 != 0 or found or not unchanged:
            fail(f"configured baseline: --baseline FILE did not win (exit {rc}, {rc2}, "
                 f"{len(found)} findings, configured file unchanged: {unchanged})")
        # A project inside it without the setting: its files are not recorded, and said so.
        inner = os.path.join(tmp, "inner")
        os.mkdir(inner)
        with open(os.path.join(inner, "pyproject.toml"), "w", encoding="utf-8") as f:
            f.write("[tool.reviewls]\n")
        shutil.copy(os.path.join(root, "fixtures", "deploy.py"), inner)
        rc, _, err = json_findings(reviewls, tmp, "--write-baseline", "src", "inner")
        if rc != 0 or "1 file in projects without a `baseline` setting not recorded" not in err:
            fail(f"configured baseline: a project without the setting (exit {rc}): {err!r}")
        rc, _, err = json_findings(reviewls, inner, "--write-baseline", ".")
        if rc != 2 or "needs --baseline FILE" not in err:
            fail(f"configured baseline: --write-baseline with none configured exits {rc}: {err!r}")


def test_directory_is_sum(reviewls, root):
    fixtures = os.path.join(root, "fixtures")
    _, whole, _ = json_findings(reviewls, fixtures, ".")
    parts = []
    for name in sorted(os.listdir(fixtures)):
        if name.endswith(".py"):
            parts += json_findings(reviewls, fixtures, name)[1]
    for f in whole:
        f["path"] = f["path"].removeprefix("./")
    if whole != parts:
        fail(f"directory run ({len(whole)} findings) != sum of single-file runs ({len(parts)})")


def main():
    reviewls, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    for test in (test_goldens, test_determinism, test_sarif, test_github, test_baseline,
                 test_configured_baseline, test_directory_is_sum):
        test(reviewls, root)
    print(f"{len(FAILURES)} failures")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
