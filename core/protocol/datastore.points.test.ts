import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBatch, parseBlob, parseBlobBatch, parseMultiBatch, parsePoint } from './datastore.points';

test('a point keeps its value, tags and time', () => {
  assert.deepEqual(parsePoint({ value: 21.5, room: 'kitchen', floor: 2, on: true }, undefined, 99), { timestamp: 99, value: 21.5, tags: '{"room":"kitchen","floor":2,"on":true}' });
  assert.deepEqual(parsePoint({ value: -1 }, 5, 99), { timestamp: 5, value: -1, tags: null });
  assert.deepEqual(parsePoint({ value: 0, timestamp: 7 }, undefined, 99), { timestamp: 7, value: 0, tags: null });
});

test('wrong types and shapes are refused', () => {
  const bad: unknown[] = [null, 5, 'x', [1], {}, { value: '5' }, { value: null }, { value: Infinity }, { value: 1, tag: { nested: 1 } },
    { value: 1, tag: [1] }, { value: 1, timestamp: -1 }, { value: 1, timestamp: 1.5 }, { value: 1, timestamp: '5' }, { value: 1, 'a"b': 'x' },
    { value: 1, long: 'x'.repeat(1025) }, { value: 1, ...Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`t${i}`, i])) }];
  for (const body of bad) assert.throws(() => parsePoint(body, undefined, 1), { code: 'point-invalid', status: 400 }, JSON.stringify(body));
  assert.throws(() => parsePoint({ value: 1, timestamp: 5 }, 6, 1), /only one/);
});

test('a batch is all or nothing and bounded', () => {
  assert.equal(parseBatch([{ value: 1 }, { value: 2, timestamp: 3 }], 9).length, 2);
  assert.throws(() => parseBatch([{ value: 1 }, { value: 'x' }], 9), /point 1/);
  assert.throws(() => parseBatch([], 9), { status: 400 });
  assert.throws(() => parseBatch({ value: 1 }, 9), { status: 400 });
  assert.throws(() => parseBatch(new Array(200_001).fill({ value: 1 }), 9), { status: 413, code: 'batch-too-large' });
});

test('blobs take any JSON; blob batches need data', () => {
  assert.deepEqual(parseBlob({ lat: 1, lon: 2 }, 4), { timestamp: 4, blob: '{"lat":1,"lon":2}' });
  assert.deepEqual(parseBlob(true, 4), { timestamp: 4, blob: 'true' });
  assert.throws(() => parseBlob(undefined, 4), { status: 400 });
  assert.deepEqual(parseBlobBatch([{ data: 1, timestamp: 2 }, { data: 'x' }], 7), [{ timestamp: 2, blob: '1' }, { timestamp: 7, blob: '"x"' }]);
  assert.throws(() => parseBlobBatch([{ value: 1 }], 7), /blob 0/);
  assert.throws(() => parseBlobBatch([{ data: 1, extra: 2 }], 7), /unknown field/);
});

test('the columnar batch form is checked as strictly', () => {
  assert.deepEqual(parseBatch({ timestamps: [5, 6], values: [1, 2.5], tags: { room: 'hall' } }, 9), [
    { timestamp: 5, value: 1, tags: '{"room":"hall"}' }, { timestamp: 6, value: 2.5, tags: '{"room":"hall"}' }]);
  assert.deepEqual(parseBatch({ values: [3] }, 9), [{ timestamp: 9, value: 3, tags: null }]);
  assert.throws(() => parseBatch({ values: [1, '2'] }, 9), /values\[1\]/);
  assert.throws(() => parseBatch({ values: [1, 2], timestamps: [1] }, 9), /as long as/);
  assert.throws(() => parseBatch({ values: [1], timestamps: [-1] }, 9), /timestamps\[0\]/);
  assert.throws(() => parseBatch({ values: [1], tags: { a: { b: 1 } } }, 9), { status: 400 });
  assert.throws(() => parseBatch({ values: [1], tags: 'x' }, 9), { status: 400 });
  assert.throws(() => parseBatch({ values: [1], extra: 1 }, 9), /not "extra"/);
  assert.throws(() => parseBatch({ values: [] }, 9), { status: 400 });
});

test('a multi-series batch names valid ids and is bounded in all', () => {
  const batches = parseMultiBatch({ loadavg1: { values: [0.5, 0.6] }, loadavg5: [{ value: 0.4, timestamp: 3 }] }, 9);
  assert.deepEqual([...batches.keys()], ['loadavg1', 'loadavg5']);
  assert.deepEqual(batches.get('loadavg5'), [{ timestamp: 3, value: 0.4, tags: null }]);
  assert.throws(() => parseMultiBatch({}, 9), { status: 400 });
  assert.throws(() => parseMultiBatch([{ value: 1 }], 9), { status: 400 });
  assert.throws(() => parseMultiBatch({ '../x': [{ value: 1 }] }, 9), /not a datasource id/);
  assert.throws(() => parseMultiBatch({ blob: [{ value: 1 }] }, 9), /not a datasource id/);
  assert.throws(() => parseMultiBatch({ a: { values: new Array(150_000).fill(1) }, b: { values: new Array(60_000).fill(1) } }, 9), { status: 413 });
  assert.throws(() => parseMultiBatch({ a: [{ value: 1 }], b: [{ value: 'x' }] }, 9), /point 0/);
});
