import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataboxError } from '../../core/errors';
import { readRows, selectRows } from './datastore.rows';
import type { TimeSeriesRow } from './datastore.types';

const rows: TimeSeriesRow[] = [10, 20, 30, 40, 50].map((value, i) => ({ timestamp: 1000 * (i + 1), data: value }));

test('each history query selects the rows the store would', () => {
  assert.deepEqual(readRows('ts', rows, { kind: 'latest' }), [{ timestamp: 5000, data: 50 }]);
  assert.deepEqual(readRows('ts', rows, { kind: 'earliest' }), [{ timestamp: 1000, data: 10 }]);
  assert.deepEqual(selectRows(rows, { kind: 'last', n: 2 }).map((r) => r.data), [50, 40], 'newest first, as the store answers');
  assert.deepEqual(selectRows(rows, { kind: 'first', n: 2 }).map((r) => r.data), [10, 20]);
  assert.deepEqual(selectRows(rows, { kind: 'since', from: 4000 }).map((r) => r.data), [40, 50]);
  assert.deepEqual(selectRows(rows, { kind: 'range', from: 2000, to: 3000 }).map((r) => r.data), [20, 30]);
  assert.deepEqual(readRows('ts', rows, { kind: 'last', n: 0 }), []);
});

test('aggregations answer {result}; rows are copies, not the kept objects', () => {
  assert.deepEqual(readRows('ts', rows, { kind: 'last', n: 3 }, { aggregation: 'mean' }), { result: 40 });
  const copy = readRows('ts', rows, { kind: 'latest' });
  assert.ok(Array.isArray(copy));
  copy[0].timestamp = 0;
  assert.equal(rows[4].timestamp, 5000);
});

test('aggregating non-numeric readings is a clear error; {value} readings count as numbers', () => {
  assert.deepEqual(readRows('ts', [{ timestamp: 1, data: { value: 3 } }], { kind: 'latest' }, { aggregation: 'sum' }), { result: 3 });
  assert.throws(() => readRows('ts', [{ timestamp: 1, data: { lat: 1 } }], { kind: 'latest' }, { aggregation: 'sum' }),
    (error: unknown) => error instanceof DataboxError && error.code === 'aggregation-not-numeric');
});

test('tag filters: equals and contains', () => {
  const tagged = [{ timestamp: 1, data: { value: 1, room: 'hall' } }, { timestamp: 2, data: { value: 2, room: 'kitchen' } }];
  assert.deepEqual(readRows('ts', tagged, { kind: 'since', from: 0 }, { filter: { tag: 'room', op: 'equals', value: 'hall' } }), [tagged[0]]);
  assert.deepEqual(readRows('ts', tagged, { kind: 'since', from: 0 }, { filter: { tag: 'room', op: 'contains', value: 'itch' }, aggregation: 'sum' }), { result: 2 });
});
