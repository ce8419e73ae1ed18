#!/usr/bin/env node
// The `databox` command. Runs the TypeScript sources through tsx (docs/decisions/0001), and
// hands each sub-command to the part of the SDK that owns it. Every command parses its
// arguments with core/cli (docs/decisions/0013); this file only lists them, from the table
// their own --help reads its summary from.
'use strict';
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const commands = require('../core/cli/commands.json');

function usage() {
  const lines = Object.entries(commands).map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`);
  return [
    'Usage: databox <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `databox <command> --help` for a command\'s options.',
    'Exit status: 0 done; 1 refused or failed (the reason is printed); 2 bad arguments (with the usage).',
  ].join('\n');
}

async function run() {
  const [name, ...rest] = process.argv.slice(2);
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return 0;
  }
  if (!name) {
    console.error(`databox: give a command: ${Object.keys(commands).join(', ')}\n\n${usage()}`);
    return 2;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    console.error(`databox: unknown command "${name}" (give ${Object.keys(commands).join(', ')})\n\n${usage()}`);
    return 2;
  }
  require('tsx/cjs/api').register();
  const entry = require(path.join(root, command.entry));
  return entry.main(rest);
}

run().then(
  (code) => { process.exitCode = code; },
  (error) => { console.error(`databox: ${error && error.message ? error.message.split('\n')[0] : String(error)}`); process.exitCode = 1; },
);
