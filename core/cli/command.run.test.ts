import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataboxError } from '../errors';
import { runCommand, type CommandIO } from './command.run';
import { defineCommand } from './command.types';
import { portOption } from './ports';

const SERVE = defineCommand({
  name: 'databox serve', summary: 'serve',
  options: { data: { type: 'string', value: '<dir>', required: true, env: 'SERVE_DATA', description: 'the data' }, port: portOption(8080) },
});

function capture(env: Record<string, string> = {}): CommandIO & { outs: string[]; errs: string[] } {
  const outs: string[] = [];
  const errs: string[] = [];
  return { outs, errs, out: (t) => outs.push(t), err: (t) => errs.push(t), env };
}

test('0 when done, with the typed values; --help prints to stdout and exits 0', async () => {
  const io = capture({ SERVE_DATA: '/from/env' });
  let seen: unknown;
  assert.equal(await runCommand(SERVE, ['--port', '0'], ({ values }) => { seen = values; }, io), 0);
  assert.deepEqual(seen, { data: '/from/env', port: 0 });
  assert.equal(await runCommand(SERVE, ['--help'], () => 7, io), 0);
  assert.match(io.outs[0] ?? '', /^Usage: databox serve --data <dir> \[options\]/);
  assert.equal(await runCommand(SERVE, ['--data', 'd'], () => 3, io), 3, 'the handler chooses its code');
});

test('2 for bad arguments: the message, then the usage, on stderr; the handler never runs', async () => {
  const io = capture();
  assert.equal(await runCommand(SERVE, ['--port', 'x'], () => assert.fail('ran'), io), 2);
  assert.deepEqual(io.errs, ['databox serve: --data <dir> is required (or set $SERVE_DATA)\n\nUsage: databox serve --data <dir> [options]\nRun `databox serve --help` for every option.']);
});

test('1 for a refusal (code, message, hint) and for a crash (its message, one line, no stack)', async () => {
  const io = capture();
  const refused = () => { throw new DataboxError('thing-missing', 'no thing at d', { hint: 'Make one first' }); };
  assert.equal(await runCommand(SERVE, ['--data', 'd'], refused, io), 1);
  assert.equal(await runCommand(SERVE, ['--data', 'd'], async () => { throw new TypeError('x is not a function\n    at somewhere'); }, io), 1);
  assert.equal(await runCommand(SERVE, ['--data', 'd'], async () => { throw Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE', syscall: 'listen', address: '127.0.0.1', port: 8080 }); }, io), 1);
  assert.deepEqual(io.errs, [
    'databox serve: [thing-missing] no thing at d - Make one first',
    'databox serve: x is not a function',
    'databox serve: [port-in-use] 127.0.0.1:8080 is in use by another program - Stop that program, or give another --port (0 lets the OS pick a free one)',
  ]);
});

test('a variable given as <NAME>_FILE is read from that file (a Docker secret); set directly, it wins; an unreadable file is a clear refusal', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'env-file-'));
  const secret = path.join(dir, 'data-dir');
  writeFileSync(secret, '/from/the/secret\n');
  const fromFile = capture({ SERVE_DATA_FILE: secret });
  assert.equal(await runCommand(SERVE, [], async ({ values }, io) => { io.out(`data=${values.data}`); return 0; }, fromFile), 0);
  assert.deepEqual(fromFile.outs, ['data=/from/the/secret'], 'the trailing newline is not part of the value');
  const direct = capture({ SERVE_DATA: '/direct', SERVE_DATA_FILE: secret });
  await runCommand(SERVE, [], async ({ values }, io) => { io.out(`data=${values.data}`); return 0; }, direct);
  assert.deepEqual(direct.outs, ['data=/direct']);
  const missing = capture({ SERVE_DATA_FILE: path.join(dir, 'absent') });
  let ran = false;
  assert.equal(await runCommand(SERVE, [], () => { ran = true; return 0; }, missing), 1);
  assert.equal(ran, false);
  assert.match(missing.errs.join('\n'), /SERVE_DATA_FILE names .*absent, which cannot be read \(ENOENT\).*set SERVE_DATA itself/s);
  rmSync(dir, { recursive: true, force: true });
});
