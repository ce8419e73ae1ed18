import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand } from '../../core/cli';
import { BUILD_COMMAND } from './build.command';

const parse = (argv: string[]) => parseCommand(BUILD_COMMAND, argv);
const message = (argv: string[]) => { const r = parse(argv); return r.kind === 'error' ? r.message : r.kind; };

test('every option, in both --flag value and --flag=value forms', () => {
  const all = parse(['f.json', '--tab', 'Host load', '--out=o', '--name', 'n', '--version', '1.2.3', '--tarball', 't.tgz', '--image', '--tag', 'x:1', '--modules', 'a', '--modules', 'b', '--label', 'io.databox.test=1', '--label=a=b=c']);
  assert.equal(all.kind, 'ok');
  assert.deepEqual(all.kind === 'ok' && all.positionals, ['f.json']);
  assert.deepEqual(all.kind === 'ok' && all.values, {
    tab: 'Host load', out: 'o', name: 'n', version: '1.2.3', tarball: 't.tgz', image: true, tag: 'x:1',
    label: [['io.databox.test', '1'], ['a', 'b=c']], modules: ['a', 'b'],
  });
  const plain = parse(['f.json']);
  assert.deepEqual(plain.kind === 'ok' && plain.values, { tab: undefined, out: undefined, name: undefined, version: undefined, tarball: undefined, image: false, tag: undefined, label: [], modules: [] });
  assert.equal(parse(['f.json', '-h']).kind, 'help');
});

test('mistakes are named', () => {
  assert.equal(message([]), 'give <flows.json>: the flows file exported from Node-RED');
  assert.equal(message(['a', 'b']), 'unexpected argument "b"');
  assert.equal(message(['a', '--tab']), '--tab needs a value');
  assert.equal(message(['a', '--out', 'x', '--out', 'y']), '--out is given more than once');
  assert.equal(message(['a', '--tag', 'x']), '--tag needs --image');
  assert.match(message(['a', '--image', '--label', 'Bad Key=1']), /^--label Bad Key=1: use key=value with a lower-case key/);
  assert.equal(message(['a', '--label', 'k=v']), '--label needs --image');
  assert.equal(message(['a', '--force']), 'unknown option --force');
});
