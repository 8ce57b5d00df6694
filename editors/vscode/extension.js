// SPDX-License-Identifier: MIT
// The VS Code client for reviewls: starts `reviewls` over stdio for Python files, forwards the
// "reviewls" settings through workspace/configuration, and adds three commands (Show review,
// Restart server, Fix all). All review logic lives in the server; this file only wires it up.
'use strict';

const vscode = require('vscode');
const { LanguageClient, ExecuteCommandRequest } = require('vscode-languageclient/node');
const { markdownOf, serverSettings } = require('./settings');

function serverPath() {
  const configured = vscode.workspace.getConfiguration('reviewls').get('path');
  return configured && configured.trim() ? configured.trim() : 'reviewls';
}

function createClient() {
  const command = serverPath();
  const serverOptions = {
    run: { command, args: ['serve'] },
    debug: { command, args: ['--log-level', 'debug', 'serve'] },
  };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'python' },
      { scheme: 'untitled', language: 'python' },
    ],
    synchronize: { configurationSection: 'reviewls' },
    outputChannel: output,
    middleware: {
      workspace: {
        // The server asks for section "reviewls"; hand it everything but our own keys.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          return Array.isArray(result) ? result.map(serverSettings) : result;
        },
        // Send `settings: null` so the server pulls them again through the filter above,
        // instead of receiving reviewls.path as an unknown setting.
        didChangeConfiguration: (_sections, next) => next(undefined),
      },
    },
  };
  return new LanguageClient('reviewls', 'reviewls', serverOptions, clientOptions);
}

async function start() {
  client = createClient();
  try {
    await client.start();
  } catch (err) {
    vscode.window.showErrorMessage(
      `reviewls: cannot start "${serverPath()}" (${err.message || err}). ` +
        'Install reviewls or set reviewls.path.',
    );
  }
}

async function stop() {
  if (!client) {
    return;
  }
  const old = client;
  client = undefined;
  // dispose() stops a running client (shutdown + exit, 2 s at most) and frees its features.
  await old.dispose(2000).catch(() => undefined);
}

async function showReview() {
  const editor = vscode.window.activeTextEditor;
  if (!client || !client.isRunning()) {
    vscode.window.showWarningMessage('reviewls: the server is not running.');
    return;
  }
  const args = editor && editor.document.languageId === 'python' ? [editor.document.uri.toString()] : [];
  let result;
  try {
    result = await client.sendRequest(ExecuteCommandRequest.type, { command: 'reviewls.review', arguments: args });
  } catch (err) {
    vscode.window.showErrorMessage(`reviewls: review failed: ${err.message || err}`);
    return;
  }
  const markdown = markdownOf(result);
  if (markdown === undefined) {
    vscode.window.showWarningMessage('reviewls: the server returned no review.');
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
}

async function fixAll() {
  await vscode.commands.executeCommand('editor.action.sourceAction', {
    kind: 'source.fixAll.reviewls',
    apply: 'first',
  });
}

async function restart() {
  await stop();
  await start();
}

async function activate(context) {
  output = vscode.window.createOutputChannel('reviewls', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('reviewls.showReview', showReview),
    vscode.commands.registerCommand('reviewls.restartServer', restart),
    vscode.commands.registerCommand('reviewls.fixAll', fixAll),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('reviewls.path')) {
        restart();
      }
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
