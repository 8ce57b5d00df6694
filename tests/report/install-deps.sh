#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs the npm packages of the SARIF schema test (tests/report/sarif_schema_test.js) from
# tests/report/package-lock.json: the SARIF 2.1.0 schema (@microsoft/jest-sarif) and ajv. Needs
# node and npm; safe to run again. Without them the test skips (exit 77).
set -eu
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
