import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from './memory-store';

test('time series: writes in order, history reads and aggregations', async () => {
  let now = 100;
  const store = createMemoryStore(() => now++);
  for (const value of [3, 1, 2]) await store.write('s', value);
  assert.deepEqual(await store.read('s', { kind: 'last', n: 2 }), [{ timestamp: 102, data: 2 }, { timestamp: 101, data: 1 }]);
  assert.deepEqual(await store.read('s', { kind: 'since', from: 0 }, { aggregation: 'max' }), { result: 3 });
  assert.deepEqual(await store.read('other', { kind: 'latest' }), []);
});

test('key-value: values are copies; unset keys read as undefined; non-JSON is refused', async () => {
  const store = createMemoryStore();
  const value = { a: [1] };
  await store.kvSet('k', 'x', value);
  value.a.push(2);
  assert.deepEqual(await store.kvGet('k', 'x'), { a: [1] });
  assert.equal(await store.kvGet('k', 'y'), undefined);
  await assert.rejects(store.kvSet('k', 'z', undefined), /cannot be stored/);
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  await assert.rejects(store.write('s', cyclic), /not plain JSON/);
  assert.deepEqual(await store.read('s', { kind: 'latest' }), []);
});
