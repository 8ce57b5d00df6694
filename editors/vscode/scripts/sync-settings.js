#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Writes package.json's contributes (settings, commands) from the server's own description of
// its settings: protocol/settings.schema.json when it exists, else protocol/rules.json.
//   node scripts/sync-settings.js           rewrite package.json
//   node scripts/sync-settings.js --check   exit 1 if package.json is out of date
'use strict';

const fs = require('fs');
const path = require('path');

const here = path.resolve(__dirname, '..');
const repo = path.resolve(here, '..', '..');
const packagePath = path.join(here, 'package.json');

// Settings that every configuration layer understands (config/config.c), beyond the catalogue.
const COMMON = {
  select: {
    type: 'array',
    items: { type: 'string' },
    default: [],
    description: 'Only report these rules: codes (RV217), names (bare-except) or categories. Empty: every default rule.',
  },
  ignore: {
    type: 'array',
    items: { type: 'string' },
    default: [],
    description: 'Never report these rules: codes, names or categories.',
  },
  severity: {
    type: 'object',
    additionalProperties: { type: 'string', enum: ['error', 'warning', 'information', 'hint', 'off'] },
    default: {},
    description: 'Severity per rule or category, e.g. {"bare-except": "error"}.',
  },
  exclude: {
    type: 'array',
    items: { type: 'string' },
    default: [],
    description: 'Glob patterns of files that are never reviewed.',
  },
};

// Settings of this extension only; extension.js never sends them to the server.
const CLIENT = {
  'reviewls.path': {
    type: 'string',
    default: 'reviewls',
    scope: 'machine-overridable',
    description: 'Path of the reviewls executable (found on PATH by default). Changing it restarts the server.',
  },
  'reviewls.trace.server': {
    type: 'string',
    enum: ['off', 'messages', 'verbose'],
    default: 'off',
    description: 'Log the messages between VS Code and the server in the reviewls output channel.',
  },
};

const COMMANDS = [
  { command: 'reviewls.showReview', title: 'Show review', category: 'reviewls' },
  { command: 'reviewls.restartServer', title: 'Restart server', category: 'reviewls' },
  { command: 'reviewls.fixAll', title: 'Fix all', category: 'reviewls' },
];

function fromSchema(schema) {
  const out = {};
  for (const [key, prop] of Object.entries(schema.properties || {})) {
    const p = {};
    for (const field of ['type', 'items', 'enum', 'default', 'minimum', 'maximum', 'additionalProperties', 'propertyNames']) {
      if (prop[field] !== undefined) {
        p[field] = prop[field];
      }
    }
    p.description = prop.markdownDescription || prop.description || '';
    out[key] = p;
  }
  return out;
}

function fromRules(rules) {
  const out = { ...COMMON };
  for (const s of rules.settings || []) {
    const p = { type: s.type, default: s.default };
    if (s.choices) {
      p.enum = s.choices;
    }
    if (s.type === 'integer') {
      p.minimum = 0;
    }
    p.description = s.description;
    out[s.name] = p;
  }
  return out;
}

function serverSettings() {
  const schemaPath = path.join(repo, 'protocol', 'settings.schema.json');
  if (fs.existsSync(schemaPath)) {
    const fromFile = fromSchema(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
    if (Object.keys(fromFile).length > 0) {
      return { source: 'protocol/settings.schema.json', settings: fromFile };
    }
  }
  const rules = JSON.parse(fs.readFileSync(path.join(repo, 'protocol', 'rules.json'), 'utf8'));
  return { source: 'protocol/rules.json', settings: fromRules(rules) };
}

function contributes() {
  const { source, settings } = serverSettings();
  const properties = { ...CLIENT };
  for (const [key, prop] of Object.entries(settings)) {
    // Unset means null, and extension.js drops nulls: the server then keeps the value from
    // pyproject.toml or its own default, instead of VS Code's copy of that default.
    const p = { ...prop, type: [prop.type, 'null'], default: null, scope: 'resource' };
    if (p.enum) {
      p.enum = [...p.enum, null];
    }
    const def = prop.default;
    const shown = def === undefined || (typeof def === 'object' && Object.keys(def).length === 0) ? '' : ` Default: ${JSON.stringify(def)}.`;
    p.description = `${prop.description || ''}${shown}`.trim();
    properties[`reviewls.${key}`] = p;
  }
  return {
    source,
    contributes: {
      commands: COMMANDS,
      configuration: { title: 'reviewls', properties },
    },
  };
}

function main() {
  const pkg = JSON.parse(fs.readFileSync(packagePath, 'utf8'));
  const { source, contributes: want } = contributes();
  if (process.argv.includes('--check')) {
    // Compare names and types only: wording may drift without breaking anyone.
    const shape = (c) =>
      JSON.stringify({
        commands: (c.commands || []).map((x) => x.command).sort(),
        settings: Object.entries((c.configuration || {}).properties || {})
          .map(([k, v]) => `${k}:${JSON.stringify(v.type)}`)
          .sort(),
      });
    if (shape(pkg.contributes || {}) !== shape(want)) {
      console.error(`editors/vscode/package.json is out of date with ${source}:`);
      console.error('  run: node editors/vscode/scripts/sync-settings.js');
      process.exit(1);
    }
    return;
  }
  pkg.contributes = want;
  fs.writeFileSync(packagePath, JSON.stringify(pkg, null, 2) + '\n');
  console.log(`package.json: ${Object.keys(want.configuration.properties).length} settings from ${source}`);
}

main();
