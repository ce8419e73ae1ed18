import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDatasourceType } from './catalogue';
import { parseReplayCsv } from './replay.csv';

const type = (id: string) => {
  const found = findDatasourceType(id);
  assert.ok(found, id);
  return found;
};

test('a CSV of readings: values last, a header and blank lines skipped, numbers read as numbers', () => {
  assert.deepEqual(parseReplayCsv('timestamp,value\n2026-12-01T10:00:00Z,0.5\n\n2026-12-01T10:01:00Z,0.75\r\n', type('loadavg1')), [0.5, 0.75]);
  assert.deepEqual(parseReplayCsv('1.5\n2\n', type('loadavg1')), [1.5, 2]);
  assert.deepEqual(parseReplayCsv('t,motion\n1,true\n2,false\n', type('motion')), [true, false]);
});

test('every bad row is named by its line, and the file is refused whole', () => {
  assert.throws(() => parseReplayCsv('value\n0.5\nabc\n0.7\n-\n', type('loadavg1')), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'replay-rows-invalid');
    assert.match(error.message, /2 lines of the CSV are not a loadavg1 reading: line 3: "abc" is not a number; line 5: "-" is not a number/);
    return true;
  });
  assert.throws(() => parseReplayCsv('value\n', type('loadavg1')), { code: 'replay-empty' });
  assert.throws(() => parseReplayCsv('x\n'.repeat(600_000), type('loadavg1')), { code: 'replay-too-large' });
  assert.throws(() => parseReplayCsv('t,motion\n1,maybe\n', type('motion')), /line 2: "maybe" is not a boolean/);
});
