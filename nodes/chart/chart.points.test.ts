import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataboxError } from '../../core/errors';
import { listRows } from '../list/list.rows';
import { textContent } from '../text/text.content';
import { chartPoints } from './chart.points';

test('chart: numbers, numeric strings, {result} and rows become points', () => {
  assert.deepEqual(chartPoints({ payload: 2, topic: 'a', timestamp: 5 }, 'x', 9), [{ kind: 'chart', t: 5, value: 2, series: 'a' }]);
  assert.deepEqual(chartPoints({ payload: ' 2.5 ' }, 'x', 9), [{ kind: 'chart', t: 9, value: 2.5, series: 'x' }]);
  assert.deepEqual(chartPoints({ payload: { result: 7 } }, 'x', 9), [{ kind: 'chart', t: 9, value: 7, series: 'x' }]);
  assert.deepEqual(chartPoints({ payload: [{ timestamp: 1, data: 3 }, 4] }, 'x', 9).map((p) => [p.t, p.value]), [[1, 3], [9, 4]]);
});

test('chart: anything else is refused with what a chart takes', () => {
  for (const payload of ['abc', { lat: 1 }, [{ timestamp: 1, data: 'x' }], null, Number.POSITIVE_INFINITY]) {
    assert.throws(() => chartPoints({ payload }, 'x', 0), (e: unknown) => e instanceof DataboxError && e.code === 'chart-value-not-number');
  }
});

test('list: objects are rows, arrays are many rows, plain values are {topic, value}', () => {
  assert.deepEqual(listRows({ payload: { a: 1 } }), [{ kind: 'list', row: { a: 1 } }]);
  assert.deepEqual(listRows({ payload: [{ a: 1 }, 2], topic: 't' }), [{ kind: 'list', row: { a: 1 } }, { kind: 'list', row: { topic: 't', value: 2 } }]);
  assert.deepEqual(listRows({ payload: undefined }), [{ kind: 'list', row: { value: null } }]);
});

test('text: strings as they are, other values as text or JSON', () => {
  assert.deepEqual(textContent({ payload: '# hi' }), [{ kind: 'text', text: '# hi' }]);
  assert.deepEqual(textContent({ payload: 3 }), [{ kind: 'text', text: '3' }]);
  assert.deepEqual(textContent({ payload: { a: 1 } }), [{ kind: 'text', text: '{\n  "a": 1\n}' }]);
});
