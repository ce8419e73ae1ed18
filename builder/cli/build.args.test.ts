import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBuildArgs } from './build.args';

test('every option, in both --flag value and --flag=value forms', () => {
  assert.deepEqual(parseBuildArgs(['f.json', '--tab', 'Host load', '--out=o', '--name', 'n', '--version', '1.2.3', '--tarball', 't.tgz', '--image', '--tag', 'x:1', '--modules', 'a', '--modules', 'b', '--label', 'io.databox.test=1', '--label=a=b=c']), {
    kind: 'build', flows: 'f.json', tab: 'Host load', out: 'o', name: 'n', version: '1.2.3', tarball: 't.tgz', image: true, tag: 'x:1',
    labels: { 'io.databox.test': '1', a: 'b=c' }, moduleDirs: ['a', 'b'],
  });
  assert.deepEqual(parseBuildArgs(['f.json']), { kind: 'build', flows: 'f.json', image: false, labels: {}, moduleDirs: [] });
  assert.deepEqual(parseBuildArgs(['f.json', '-h']), { kind: 'help' });
});

test('mistakes are named', () => {
  assert.deepEqual(parseBuildArgs([]), { kind: 'error', message: 'give the flows file to build' });
  assert.deepEqual(parseBuildArgs(['a', 'b']), { kind: 'error', message: 'give one flows file, not 2' });
  assert.deepEqual(parseBuildArgs(['a', '--tab']), { kind: 'error', message: '--tab needs a value' });
  assert.deepEqual(parseBuildArgs(['a', '--out', 'x', '--out', 'y']), { kind: 'error', message: '--out is given twice' });
  assert.deepEqual(parseBuildArgs(['a', '--tag', 'x']), { kind: 'error', message: '--tag only makes sense with --image' });
  assert.deepEqual(parseBuildArgs(['a', '--image', '--label', 'Bad Key=1']).kind, 'error');
  assert.deepEqual(parseBuildArgs(['a', '--label', 'k=v']), { kind: 'error', message: '--label only makes sense with --image' });
  assert.deepEqual(parseBuildArgs(['a', '--force']), { kind: 'error', message: 'unknown option --force' });
});
