// SPDX-License-Identifier: MIT
// Validates `reviewls check --format sarif` against the SARIF 2.1.0 JSON schema (the rtm.5
// schema that @microsoft/jest-sarif ships), offline, with ajv's draft-04 class. Skips (77) when
// the npm packages are absent: tests/report/install-deps.sh installs them from package-lock.json.
//
// usage: node sarif_schema_test.js REVIEWLS TESTS_REPORT_DIR
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [reviewls, dir] = process.argv.slice(2);
let Ajv, addFormats, schema;
try {
  const req = require('module').createRequire(path.join(path.resolve(dir), 'package.json'));
  Ajv = req('ajv-draft-04');
  addFormats = req('ajv-formats');
  schema = req('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
} catch (err) {
  console.log(`skip: npm packages missing (${err.code || err.message}); run tests/report/install-deps.sh`);
  process.exit(77);
}

// The schema's `language` pattern has a stray ']' that a Unicode-mode RegExp rejects.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function sarifOf(args) {
  try {
    return execFileSync(reviewls, ['check', '--format', 'sarif', ...args], { encoding: 'utf8' });
  } catch (err) {
    if (err.status === 1) {
      return err.stdout; // findings: the usual case
    }
    throw err;
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reviewls-sarif-'));
fs.writeFileSync(path.join(tmp, 'clean.py'), '"""A module."""\n');
fs.writeFileSync(path.join(tmp, 'broken.py'), 'def f(:\n    return (1,\n');
fs.writeFileSync(path.join(tmp, 'unicode.py'), 'def größe(wert):\n    x = "é" ; return eval(wert)\n');

const cases = [
  ['fixtures', [path.join(dir, 'fixtures')]],
  ['no findings', [path.join(tmp, 'clean.py')]],
  ['syntax errors', [path.join(tmp, 'broken.py')]],
  ['non-ASCII', [path.join(tmp, 'unicode.py')]],
];
let failed = 0;
let passed = 0;
for (const [name, args] of cases) {
  const log = JSON.parse(sarifOf(args));
  if (validate(log)) {
    console.log(`ok   ${name} (${log.runs[0].results.length} results)`);
    passed++;
  } else {
    console.log(`FAIL ${name}`);
    for (const e of validate.errors.slice(0, 20)) {
      console.log(`  ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
    }
    failed++;
  }
}
// The validator must reject what the schema forbids, or the checks above prove nothing.
const bad = JSON.parse(sarifOf([path.join(tmp, 'unicode.py')]));
delete bad.runs[0].tool.driver.name;
bad.runs[0].results[0].level = 'fatal';
if (validate(bad)) {
  console.log('FAIL the validator accepted a log without driver.name and with level "fatal"');
  failed++;
} else {
  console.log('ok   a broken log is rejected');
  passed++;
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
