#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// VS Code cannot run here, so this drives reviewls the way VS Code's client does: the same npm
// protocol packages (vscode-languageserver-protocol / vscode-jsonrpc), the exact initialize params
// of vscode-languageclient 11 (utf-16 only, pull diagnostics, resolve support), and settings
// through the extension's own filter (editors/vscode/settings.js). Also checks that the extension
// packages with vsce and that package.json matches the server's settings schema.
//   node vscode_client_test.js REVIEWLS SOURCE_ROOT      exit 77 when node modules are missing
'use strict';

const fs = require('fs');
const path = require('path');
const cp = require('child_process');
const { createRequire } = require('module');

const [reviewls, root] = process.argv.slice(2).map((p) => path.resolve(p));
const extDir = path.join(root, 'editors', 'vscode');
const fixture = path.join(root, 'tests', 'editors', 'fixtures', 'sample.py');
const STEP_MS = 10000;

if (!fs.existsSync(path.join(extDir, 'node_modules', 'vscode-languageserver-protocol'))) {
  console.log('SKIP: editors/vscode/node_modules missing (run tests/editors/install-deps.sh)');
  process.exit(77);
}
const extRequire = createRequire(path.join(extDir, 'package.json'));
const rpc = extRequire('vscode-languageserver-protocol/node');
const { TextDocument } = extRequire('vscode-languageserver-textdocument');
const { serverSettings, markdownOf } = require(path.join(extDir, 'settings.js'));

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) {
    failures++;
  }
  return ok;
}
function note(what) {
  console.log(`NOTE ${what}`);
}
function within(promise, what, ms = STEP_MS) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// VS Code's getConfiguration('reviewls'): every contributed key with its default, then the user's.
function vscodeConfiguration(user) {
  const pkg = JSON.parse(fs.readFileSync(path.join(extDir, 'package.json'), 'utf8'));
  const config = {};
  for (const [key, prop] of Object.entries(pkg.contributes.configuration.properties)) {
    const parts = key.split('.').slice(1);
    let at = config;
    for (const part of parts.slice(0, -1)) {
      at = at[part] = at[part] || {};
    }
    at[parts[parts.length - 1]] = prop.default === undefined ? null : prop.default;
  }
  return { ...config, ...user };
}

function packageChecks() {
  const sync = cp.spawnSync('node', [path.join(extDir, 'scripts', 'sync-settings.js'), '--check'], {
    encoding: 'utf8',
  });
  check(sync.status === 0, `package.json settings match the schema ${sync.stderr.trim()}`);
  const pkg = JSON.parse(fs.readFileSync(path.join(extDir, 'package.json'), 'utf8'));
  const ext = fs.readFileSync(path.join(extDir, 'extension.js'), 'utf8');
  for (const c of pkg.contributes.commands) {
    check(ext.includes(`registerCommand('${c.command}'`), `command ${c.command} is registered`);
  }
  check(!pkg.contributes.commands.some((c) => c.command === 'reviewls.review'),
    'no VS Code command clashes with the server command reviewls.review');
  const license = fs.readFileSync(path.join(extDir, 'LICENSE'), 'utf8');
  check(license === fs.readFileSync(path.join(root, 'LICENSE'), 'utf8'), 'LICENSE is the repository LICENSE');
  const check1 = cp.spawnSync('node', ['--check', path.join(extDir, 'extension.js')]);
  check(check1.status === 0, 'extension.js parses');

  // Offline packaging into a temporary directory; never leaves a .vsix in the tree.
  const vsce = path.join(extDir, 'node_modules', '.bin', 'vsce');
  if (!fs.existsSync(vsce)) {
    check(false, 'vsce is installed (npm ci in editors/vscode)');
    return;
  }
  const out = path.join(fs.mkdtempSync(path.join(require('os').tmpdir(), 'reviewls-vsix-')), 'reviewls.vsix');
  const pack = cp.spawnSync(vsce, ['package', '--out', out], { cwd: extDir, encoding: 'utf8', timeout: 120000 });
  if (!check(pack.status === 0 && fs.existsSync(out), 'vsce package succeeds')) {
    console.log(pack.stdout, pack.stderr);
    return;
  }
  const list = cp.spawnSync(vsce, ['ls'], { cwd: extDir, encoding: 'utf8', timeout: 120000 });
  const files = list.stdout.split('\n');
  for (const f of ['extension.js', 'settings.js', 'package.json', 'LICENSE',
    'node_modules/vscode-languageclient/lib/node/main.js']) {
    check(files.includes(f), `the .vsix holds ${f}`);
  }
  check(!files.some((f) => f.startsWith('node_modules/@vscode/vsce/')), 'dev dependencies stay out of the .vsix');
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
}

async function session() {
  const init = JSON.parse(
    fs.readFileSync(path.join(root, 'tests', 'editors', 'fixtures', 'initialize.vscode-languageclient-11.0.0.json'), 'utf8'),
  ).params;
  init.processId = process.pid;
  init.rootUri = `file://${path.dirname(fixture)}`;
  init.rootPath = path.dirname(fixture);
  init.workspaceFolders = [{ uri: init.rootUri, name: 'fixtures' }];

  const proc = cp.spawn(reviewls, ['serve'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const conn = rpc.createProtocolConnection(
    new rpc.StreamMessageReader(proc.stdout),
    new rpc.StreamMessageWriter(proc.stdin),
  );

  let user = { ignore: ['inconsistent-variable-name'] };
  const configRequests = [];
  let configWaiter = null;
  const messages = [];
  conn.onRequest('workspace/configuration', (params) => {
    const items = params.items.map((item) =>
      item.section === 'reviewls' ? serverSettings(vscodeConfiguration(user)) : null,
    );
    configRequests.push(items);
    if (configWaiter) {
      setImmediate(configWaiter);
      configWaiter = null;
    }
    return items;
  });
  const nextConfig = () => new Promise((resolve) => (configWaiter = resolve));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.onRequest('workspace/codeLens/refresh', () => null);
  conn.onRequest('workspace/inlayHint/refresh', () => null);
  conn.onNotification('window/showMessage', (p) => messages.push(p));
  conn.onNotification('window/logMessage', () => undefined);
  conn.onNotification('textDocument/publishDiagnostics', (p) =>
    check(false, `no push diagnostics to a pull client (${p.uri})`));
  conn.listen();

  try {
    const result = await within(conn.sendRequest('initialize', init), 'initialize');
    const caps = result.capabilities;
    check(caps.positionEncoding === undefined || caps.positionEncoding === 'utf-16',
      `positionEncoding is utf-16 (${caps.positionEncoding})`);
    check(caps.diagnosticProvider !== undefined, 'diagnosticProvider for a pull client');

    const firstConfig = nextConfig();
    conn.sendNotification('initialized', {});
    await within(firstConfig, 'workspace/configuration after initialized');
    const sent = configRequests[0][0];
    check(JSON.stringify(sent) === JSON.stringify({ ignore: ['inconsistent-variable-name'] }),
      `only set server settings are sent (${JSON.stringify(sent)})`);

    const uri = `file://${fixture}`;
    const text = fs.readFileSync(fixture, 'utf8');
    let doc = TextDocument.create(uri, 'python', 1, text);
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    const pull = () => within(conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }), 'pull diagnostics');

    let report = await pull();
    check(report.kind === 'full' && !report.items.some((d) => d.code === 'RV103'),
      'the ignore setting from workspace/configuration hides RV103');

    // What the middleware sends when the user edits reviewls.* settings: settings null, then
    // the server asks again.
    user = { 'max-complexity': 20 };
    const again = nextConfig();
    conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await within(again, 'workspace/configuration after didChangeConfiguration');
    report = await pull();
    const diag = report.items.find((d) => d.code === 'RV103');
    if (!check(diag !== undefined, `RV103 is back after the settings change (${JSON.stringify(report.items.map((d) => d.code))})`)) {
      throw new Error('no diagnostic to work with');
    }
    check(diag.range.start.line === 6 && diag.range.start.character === 4 && diag.range.end.character === 14,
      `RV103 covers totalPrice at 7:5-15 (${JSON.stringify(diag.range)})`);
    check(diag.severity === 2 && diag.source === 'reviewls', 'warning from source reviewls');
    check(messages.length === 0, `no error popups (${JSON.stringify(messages)})`);

    if (caps.executeCommandProvider && (caps.executeCommandProvider.commands || []).includes('reviewls.review')) {
      const review = await within(conn.sendRequest('workspace/executeCommand',
        { command: 'reviewls.review', arguments: [uri] }), 'reviewls.review');
      const md = markdownOf(review);
      check(typeof md === 'string' && md.includes('totalPrice'), 'reviewls.review returns a Markdown report');
    } else {
      note('executeCommandProvider does not list reviewls.review yet: "Show review" untested');
    }

    if (caps.codeActionProvider) {
      const resolve = async (action) => {
        if (action.edit || !(caps.codeActionProvider.resolveProvider)) {
          return action;
        }
        return within(conn.sendRequest('codeAction/resolve', action), 'codeAction/resolve');
      };
      const editOf = (edit) => {
        if (edit.documentChanges) {
          return edit.documentChanges.filter((c) => c.textDocument && c.textDocument.uri === uri).flatMap((c) => c.edits);
        }
        return (edit.changes && edit.changes[uri]) || [];
      };
      const fixAll = await within(conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.reviewls'], triggerKind: 1 },
      }), 'source.fixAll.reviewls');
      const all = (fixAll || []).find((a) => a.kind === 'source.fixAll.reviewls');
      if (check(all !== undefined, 'a source.fixAll.reviewls action')) {
        const edits = editOf((await resolve(all)).edit || {});
        check(TextDocument.applyEdits(doc, edits).includes('def log_total(items: list) -> None:'),
          'fix all adds the safe fix (-> None on log_total)');
      }
      const actions = await within(conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri }, range: diag.range,
        context: { diagnostics: [diag], triggerKind: 2 },
      }), 'quick fixes');
      const fix = (actions || []).find((a) => a.kind === 'quickfix' && a.title.includes('total_price'));
      if (check(fix !== undefined, `a quick fix for RV103 (${JSON.stringify((actions || []).map((a) => a.title))})`)) {
        const edits = editOf((await resolve(fix)).edit || {});
        const fixed = TextDocument.applyEdits(doc, edits);
        check(!fixed.includes('totalPrice') && fixed.split('total_price').length === 4, 'the quick fix renames all three uses');
        // VS Code sends one incremental change per edit, last edit first.
        const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
        doc = TextDocument.create(uri, 'python', 2, fixed);
        conn.sendNotification('textDocument/didChange', {
          textDocument: { uri, version: 2 },
          contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
        });
        report = await pull();
        check(!report.items.some((d) => d.code === 'RV103'), 'RV103 is gone after the fix');
      }
    } else {
      note('codeActionProvider not advertised yet: quick fix and fix all untested');
    }

    // An edit that adds a finding: diagnostics follow the text.
    const line = doc.lineCount - 1; // the empty line after the last newline
    conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '\n\nRESULT = eval(input())\n' }],
    });
    report = await pull();
    check(report.items.some((d) => d.range.start.line === line + 2), `a new finding on the added line ${line + 2} (${JSON.stringify(report.items.map((d) => [d.code, d.range.start.line]))})`);

    await within(conn.sendRequest('shutdown'), 'shutdown', 2000);
    conn.sendNotification('exit');
    const status = await within(exited, 'exit within 2 s (VS Code kills the server after that)', 2000);
    check(status.code === 0, `server exits with 0 (${JSON.stringify(status)})`);
  } catch (err) {
    check(false, err.message);
    proc.kill('SIGKILL');
    if (stderr) {
      console.log(stderr);
    }
  } finally {
    conn.dispose();
  }
}

(async () => {
  packageChecks();
  await session();
  console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
  process.exit(failures ? 1 : 0);
})();
