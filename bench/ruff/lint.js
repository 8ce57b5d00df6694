// SPDX-License-Identifier: MIT
// Lints files with ruff's WebAssembly build, for bench/run. Cold: the first pass of a fresh
// process, loading and instantiating the module included. Warm: the best later pass. The files
// are read before timing; only linting is timed, as for reviewls's in-memory parse floor.
// usage: node lint.js LISTFILE PASSES
'use strict';
const fs = require('fs');
const t0 = process.hrtime.bigint();
const ruff = require('@astral-sh/ruff-wasm-nodejs');
const select = ['E', 'W', 'F', 'N', 'D', 'C90', 'S'];
const ws = new ruff.Workspace({lint: {select}}, ruff.PositionEncoding.Utf16);
const tLoad = process.hrtime.bigint();
const files = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((f) => f);
const passes = Math.max(1, parseInt(process.argv[3] || '3', 10));
const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
let lines = 0;
for (const t of texts) {
  for (let i = 0; i < t.length; i++) {
    if (t.charCodeAt(i) === 10) lines++;
  }
}
const times = [];
let diagnostics = 0;
for (let p = 0; p < passes; p++) {
  const a = process.hrtime.bigint();
  let n = 0;
  for (const t of texts) {
    try {
      n += ws.check(t).length;
    } catch (e) {
      // A file ruff cannot read counts as linted with no findings.
    }
  }
  times.push(Number(process.hrtime.bigint() - a) / 1e9);
  diagnostics = n;
}
const load = Number(tLoad - t0) / 1e9;
console.log(`version ${ruff.Workspace.version()}`);
console.log(`select ${select.join(',')}`);
console.log(`files ${files.length}`);
console.log(`lines ${lines}`);
console.log(`diagnostics ${diagnostics}`);
console.log(`load_s ${load.toFixed(4)}`);
console.log(`cold_s ${(load + times[0]).toFixed(4)}`);
console.log(`warm_s ${(passes > 1 ? Math.min(...times.slice(1)) : times[0]).toFixed(4)}`);
