import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configTable } from './command.table';
import { defineCommand } from './command.types';

test('a table row per flag (its variable, its default) and per environment-only variable, safe in Markdown', () => {
  const spec = defineCommand({
    name: 'databox demo', summary: 'a demo',
    options: {
      data: { type: 'string', value: '<dir>', default: './d', description: 'where <dir>/x goes' },
      mode: { type: 'string', value: '<m>', choices: ['a', 'b'], env: 'DEMO_MODE', defaultText: 'a when it can', description: 'a | b' },
    },
    environment: { DEMO_SECRET: 'the secret' },
  });
  assert.deepEqual(configTable(spec).split('\n'), [
    '| flag | environment | default | what it sets |',
    '|---|---|---|---|',
    '| `--data <dir>` |  | `./d` | where &lt;dir>/x goes |',
    '| `--mode <m>` | `DEMO_MODE` | a when it can | a \\| b (a or b) |',
    '| | `DEMO_SECRET` | | the secret |',
  ]);
});
