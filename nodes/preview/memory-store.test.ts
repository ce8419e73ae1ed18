import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from './memory-store';

test('numbers go to a numeric series, kept as the datastore keeps them ({value}); reads and aggregations as it answers', async () => {
  let now = 100;
  const store = createMemoryStore(() => now++);
  for (const value of [3, 1, 2]) await store.write('s', value);
  assert.deepEqual(await store.read('s', { kind: 'last', n: 2 }), [{ timestamp: 102, data: { value: 2 } }, { timestamp: 101, data: { value: 1 } }]);
  assert.deepEqual(await store.read('s', { kind: 'since', from: 0 }, { aggregation: 'max' }), { result: 3 });
  assert.deepEqual(await store.read('other', { kind: 'latest' }), [], 'a series never written reads as empty');
  assert.deepEqual(await store.read('other', { kind: 'latest' }, { aggregation: 'mean' }), { result: null });
  assert.deepEqual(await store.read('other', { kind: 'latest' }, { aggregation: 'count' }), { result: 0 });
});

test('other values go to a blob series, which only counts', async () => {
  let now = 100;
  const store = createMemoryStore(() => now++);
  await store.write('b', { lat: 1, lon: 2 });
  await store.write('b', 'hello');
  assert.deepEqual(await store.read('b', { kind: 'first', n: 5 }), [{ timestamp: 100, data: { lat: 1, lon: 2 } }, { timestamp: 101, data: 'hello' }]);
  assert.deepEqual(await store.read('b', { kind: 'since', from: 0 }, { aggregation: 'count' }), { result: 2 });
  await assert.rejects(store.read('b', { kind: 'since', from: 0 }, { aggregation: 'mean' }), { code: 'aggregation-invalid' });
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

test('a write the datastore refuses is refused here too: nested tags, long tags, quotes in tag names; a timestamp field is the row time', async () => {
  const store = createMemoryStore(() => 100);
  for (const value of [{ value: 1, meta: { a: 1 } }, { value: 1, note: 'x'.repeat(1025) }, { value: 1, 'a"b': 1 }, { value: 1, timestamp: -5 }]) {
    await assert.rejects(store.write('s', value), { code: 'point-invalid' }, JSON.stringify(value).slice(0, 60));
  }
  await store.write('s', { value: 2, timestamp: 5, room: 'hall' });
  assert.deepEqual(await store.read('s', { kind: 'latest' }), [{ timestamp: 5, data: { value: 2, room: 'hall' } }]);
});
