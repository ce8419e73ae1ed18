import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCommand } from '../../core/cli';
import { LAUNCHER_COMMAND } from './launcher.args';

const parse = (argv: string[]) => parseCommand(LAUNCHER_COMMAND, argv, {});

test('parses flows, port, host and nodes, with defaults', () => {
  const plain = parse(['--flows', '/app/flows.json']);
  assert.equal(plain.kind, 'ok');
  if (plain.kind === 'ok') assert.deepEqual([plain.values.flows, plain.values.port, plain.values.host, plain.values.nodes], ['/app/flows.json', 8080, '127.0.0.1', undefined]);
  const all = parse(['--flows=f.json', '--port', '0', '--host', '0.0.0.0', '--nodes', 'dist/nodes']);
  assert.ok(all.kind === 'ok' && all.values.port === 0 && all.values.host === '0.0.0.0' && all.values.nodes === 'dist/nodes');
});

test('--help shows every option; bad input is a usage error naming the problem', () => {
  const help = parse(['--help']);
  assert.ok(help.kind === 'help' && ['--flows', '--port', '--host', '--nodes', 'DATABOX_MODE'].every((word) => help.text.includes(word)));
  for (const [argv, pattern] of [
    [[], /--flows/], [['--flows'], /--flows/], [['--flows', 'f', '--bogus', '1'], /--bogus/],
    [['--flows', 'f', '--port', '70000'], /0 to 65535/], [['--flows', 'f', '--host', 'a b;rm'], /not an address/],
  ] as const) {
    const result = parse([...argv]);
    assert.equal(result.kind, 'error', argv.join(' '));
    if (result.kind === 'error') assert.match(result.message, pattern);
  }
});
