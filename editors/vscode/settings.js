// SPDX-License-Identifier: MIT
// Pure helpers of the VS Code client, kept apart from extension.js so that the headless test
// (tests/editors/vscode_client_test.js) runs them without VS Code.
'use strict';

// Settings that configure this extension, not the server: never sent to it.
const CLIENT_ONLY_KEYS = ['path', 'trace'];

// What the server gets for workspace/configuration section "reviewls": our own keys and unset
// (null) values removed, so pyproject.toml and the server's defaults still apply.
function serverSettings(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return value;
  }
  const copy = {};
  for (const [key, item] of Object.entries(value)) {
    if (!CLIENT_ONLY_KEYS.includes(key) && item !== null && item !== undefined) {
      copy[key] = item;
    }
  }
  return copy;
}

// The server answers reviewls.review with the Markdown report: a string, or an object that
// holds it. Accept both so the client does not depend on the exact shape.
function markdownOf(result) {
  if (typeof result === 'string') {
    return result;
  }
  if (result && typeof result === 'object') {
    for (const key of ['markdown', 'value', 'contents', 'text', 'review']) {
      if (typeof result[key] === 'string') {
        return result[key];
      }
    }
  }
  return undefined;
}

module.exports = { CLIENT_ONLY_KEYS, serverSettings, markdownOf };
