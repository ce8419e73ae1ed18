#!/usr/bin/env node
// The `databox` command. Runs the TypeScript sources through tsx (docs/decisions/0001), and
// hands each sub-command to the part of the SDK that owns it.
'use strict';
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const commands = {
  build: ['builder/cli/build.cli.ts', 'compile a flow tab into an app bundle (and image)'],
  publish: ['store-app/cli/publish.cli.ts', 'sign and publish a bundle to an app store'],
  store: ['store-app/cli/app-store.cli.ts', 'run the app store (`store serve`, `store token`)'],
  box: ['box/cli/box.cli.ts', 'run the personal box services'],
};

function usage() {
  const lines = Object.entries(commands).map(([name, [, what]]) => `  ${name.padEnd(9)} ${what}`);
  return `Usage: databox <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`databox <command> --help\` for a command's options.`;
}

async function run() {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`databox: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  require('tsx/cjs/api').register();
  const entry = require(path.join(root, command[0]));
  return entry.main(rest);
}

run().then(
  (code) => { process.exitCode = code; },
  (error) => { console.error(error && error.message ? `databox: ${error.message}` : error); process.exitCode = 1; },
);
