#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate protocol/settings.schema.json (JSON Schema draft-07 of the editor settings object)
from protocol/rules.json, so that types, defaults and descriptions have one source.

usage: gen_schema.py rules.json --out settings.schema.json
       gen_schema.py rules.json --check settings.schema.json   (fails when it is stale)
"""
import argparse
import json
import sys

CATEGORIES = [
    "syntax", "security", "naming-consistency", "type-hints", "docstrings", "function-naming",
    "variable-naming", "indentation", "comments", "test-naming", "test-organization",
    "code-organization",
]
SEVERITIES = ["error", "warning", "information", "hint"]
TYPES = {"integer": "integer", "boolean": "boolean", "string": "string"}


def build(catalogue):
    rules = sorted(catalogue["rules"], key=lambda r: r["code"])
    selectors = [r["code"] for r in rules] + [r["name"] for r in rules] + CATEGORIES + ["ALL"]
    selector_list = {
        "type": "array",
        "items": {"type": "string", "enum": selectors},
        "uniqueItems": True,
    }
    props = {
        "select": dict(selector_list, description=(
            "Rules to run: codes (RV101), rule names, categories or ALL. Replaces the default "
            "of every rule."), default=["ALL"]),
        "extend-select": dict(selector_list, description=(
            "Rules to run in addition to `select`."), default=[]),
        "ignore": dict(selector_list, description=(
            "Rules not to run, applied after `select` and `extend-select`."), default=[]),
        "severity": {
            "type": "object",
            "description": ("Severity per rule code, rule name or category; a rule's own entry "
                            "beats its category's."),
            "propertyNames": {"enum": selectors},
            "additionalProperties": {"type": "string", "enum": SEVERITIES},
            "default": {},
        },
        "exclude": {
            "type": "array",
            "items": {"type": "string", "minLength": 1},
            "description": ("Glob patterns of files not to analyse, relative to the project root "
                            "(the pyproject.toml's directory) or absolute: 'build/**', "
                            "'*_pb2.py', 'migrations/'."),
            "default": [],
        },
        "baseline": {
            "type": "string",
            "minLength": 1,
            "description": "Path of a baseline file of findings to hide (written by reviewls check --write-baseline), relative to the pyproject.toml or else the workspace folder; reviewls check hides them too when no --baseline is given.",
        },
    }
    for s in catalogue.get("settings", []):
        if s["type"] not in TYPES:
            sys.exit(f"rules.json: setting {s['name']} has unknown type {s['type']!r}")
        prop = {"type": TYPES[s["type"]], "default": s["default"],
                "description": s["description"]}
        if s["type"] == "integer":
            prop["minimum"] = 0
            prop["maximum"] = 1000000000
        if s.get("choices"):
            prop["enum"] = list(s["choices"])
        props[s["name"]] = prop
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "reviewls/settings.schema.json",
        "title": "reviewls settings",
        "description": ("Editor settings of the reviewls language server; the same keys as "
                        "[tool.reviewls] in pyproject.toml. Generated from protocol/rules.json "
                        "by protocol/gen_schema.py: do not edit."),
        "type": "object",
        "properties": props,
        "additionalProperties": False,
    }


def render(catalogue):
    return json.dumps(build(catalogue), indent=2, ensure_ascii=False) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rules")
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--out")
    group.add_argument("--check")
    args = ap.parse_args()
    with open(args.rules, encoding="utf-8") as f:
        text = render(json.load(f))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
        return 0
    with open(args.check, encoding="utf-8") as f:
        committed = f.read()
    if committed != text:
        print(f"{args.check} is stale: run protocol/gen_schema.py {args.rules} --out "
              f"{args.check}", file=sys.stderr)
        return 1
    print("schema up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
