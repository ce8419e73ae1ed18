import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataboxError } from '../../core/errors';
import { parseLauncherArgs, parsePort } from './launcher.args';

test('parses flows, port, host and nodes, with defaults', () => {
  assert.deepEqual(parseLauncherArgs(['--flows', '/app/flows.json']), { kind: 'run', flows: '/app/flows.json', port: 8080, host: '127.0.0.1' });
  assert.deepEqual(parseLauncherArgs(['--flows=f.json', '--port', '0', '--host', '0.0.0.0', '--nodes', 'dist/nodes']),
    { kind: 'run', flows: 'f.json', port: 0, host: '0.0.0.0', nodesDir: 'dist/nodes' });
});

test('--help wins over everything else', () => {
  assert.deepEqual(parseLauncherArgs(['--port', 'x', '--help']), { kind: 'help' });
});

test('refuses bad input with a usage error', () => {
  const usage = (argv: string[], pattern: RegExp) => assert.throws(() => parseLauncherArgs(argv), (error: unknown) =>
    error instanceof DataboxError && error.code === 'launcher-usage' && pattern.test(error.message));
  usage([], /No flows file/);
  usage(['--flows'], /needs a value/);
  usage(['--flows', 'f', '--bogus', '1'], /Unknown argument "--bogus"/);
  usage(['--flows', 'f', '--port', '70000'], /0 to 65535/);
  usage(['--flows', 'f', '--port', '-1'], /0 to 65535/);
  usage(['--flows', 'f', '--host', 'a b;rm'], /not an address/);
  assert.equal(parsePort('65535'), 65535);
});
