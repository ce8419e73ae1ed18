import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDataboxError } from '../../core/errors';
import { AGGREGATIONS, readPath, type HistoryQuery, type ReadOptions } from '../../core/protocol';
import { parseRoute, splitPath } from './datastore.paths';

const refusal = (method: string, path: string): { status: number; code: string } => {
  try {
    parseRoute(method, path);
  } catch (error) {
    assert.ok(isDataboxError(error), `not a DataboxError for ${path}`);
    return { status: error.status, code: error.code };
  }
  assert.fail(`${method} ${path} was accepted`);
};

test('every read form parses to its query', () => {
  const ts = { kind: 'ts', id: 'loadavg1' };
  assert.deepEqual(parseRoute('GET', '/ts/loadavg1/latest'), { kind: 'ts-read', series: ts, query: { kind: 'latest' } });
  assert.deepEqual(parseRoute('GET', '/ts/loadavg1/earliest'), { kind: 'ts-read', series: ts, query: { kind: 'earliest' } });
  assert.deepEqual(parseRoute('GET', '/ts/loadavg1/last/10'), { kind: 'ts-read', series: ts, query: { kind: 'last', n: 10 } });
  assert.deepEqual(parseRoute('GET', '/ts/loadavg1/first/3'), { kind: 'ts-read', series: ts, query: { kind: 'first', n: 3 } });
  assert.deepEqual(parseRoute('GET', '/ts/loadavg1/since/1700000000000'), { kind: 'ts-read', series: ts, query: { kind: 'since', from: 1700000000000 } });
  assert.deepEqual(parseRoute('GET', '/ts/loadavg1/range/5/9'), { kind: 'ts-read', series: ts, query: { kind: 'range', from: 5, to: 9 } });
  assert.deepEqual(parseRoute('GET', '/ts/loadavg1/length'), { kind: 'ts-read', series: ts, query: { kind: 'all' } });
  assert.deepEqual(parseRoute('GET', '/ts/loadavg1/mean'), { kind: 'ts-read', series: ts, query: { kind: 'all' }, aggregation: 'mean' });
  assert.deepEqual(parseRoute('GET', '/ts/blob/loc/last/2'), { kind: 'ts-read', series: { kind: 'ts/blob', id: 'loc' }, query: { kind: 'last', n: 2 } });
});

test('filters and aggregations follow the query', () => {
  assert.deepEqual(parseRoute('GET', '/ts/t/last/5/filter/room/equals/kitchen%20left/sd'), {
    kind: 'ts-read', series: { kind: 'ts', id: 't' }, query: { kind: 'last', n: 5 },
    filter: { tag: 'room', op: 'equals', value: 'kitchen left' }, aggregation: 'sd',
  });
  assert.deepEqual(parseRoute('GET', '/ts/t/filter/room/contains/kit/count'), {
    kind: 'ts-read', series: { kind: 'ts', id: 't' }, query: { kind: 'all' },
    filter: { tag: 'room', op: 'contains', value: 'kit' }, aggregation: 'count',
  });
  assert.equal(refusal('GET', '/ts/t/filter/room/equals/kitchen').status, 404);
  assert.equal(refusal('GET', '/ts/t/last/5/filter/room/like/k').code, 'path-invalid');
  assert.equal(refusal('GET', '/ts/t/last/5/average').code, 'path-unknown');
  assert.equal(refusal('GET', '/ts/t/length/mean').status, 404);
  assert.equal(refusal('GET', '/ts/t/last/5/mean/extra').status, 404);
});

test('writes, kv, catalogue and observe routes', () => {
  assert.deepEqual(parseRoute('POST', '/ts/t'), { kind: 'ts-write', series: { kind: 'ts', id: 't' } });
  assert.deepEqual(parseRoute('POST', '/ts/t/at/42'), { kind: 'ts-write', series: { kind: 'ts', id: 't' }, at: 42 });
  assert.deepEqual(parseRoute('POST', '/ts/blob/t/batch'), { kind: 'ts-batch', series: { kind: 'ts/blob', id: 't' } });
  assert.deepEqual(parseRoute('GET', '/kv/settings/theme'), { kind: 'kv-get', id: 'settings', key: 'theme' });
  assert.deepEqual(parseRoute('POST', '/kv/settings/theme'), { kind: 'kv-set', id: 'settings', key: 'theme' });
  assert.deepEqual(parseRoute('DELETE', '/kv/settings/theme'), { kind: 'kv-delete', id: 'settings', key: 'theme' });
  assert.deepEqual(parseRoute('GET', '/kv/settings/keys'), { kind: 'kv-keys', id: 'settings' });
  assert.deepEqual(parseRoute('GET', '/cat'), { kind: 'cat-get' });
  assert.deepEqual(parseRoute('POST', '/cat'), { kind: 'cat-post' });
  assert.deepEqual(parseRoute('GET', '/ws'), { kind: 'observe' });
  assert.deepEqual(parseRoute('POST', '/ts/batch'), { kind: 'ts-multi' });
  assert.equal(refusal('GET', '/ts/batch').status, 405);
  assert.equal(refusal('POST', '/kv/settings/keys').status, 405);
  assert.equal(refusal('DELETE', '/ts/t').status, 405);
  assert.equal(refusal('PUT', '/cat').status, 405);
});

test('path tricks are refused with 400', () => {
  for (const path of ['/ts/../kv/x/y', '/ts/./t/latest', '/ts//t/latest', '/ts/a%2Fb/latest', '/ts/a%2fb/latest', '/kv/s/a%5Cb',
    '/ts/%2e%2e/latest', '/ts/t%00/latest', '/ts/a\\b/latest', '/kv/s/%E0%A4%A', 'ts/t/latest', '/kv/s/..']) {
    assert.equal(refusal('GET', path).status, 400, path);
  }
  assert.throws(() => splitPath('/a/%0a/b'), /control characters/);
});

test('bad ids, counts, timestamps and ranges are refused', () => {
  assert.equal(refusal('GET', '/ts/-x/latest').code, 'datasource-id-invalid');
  assert.equal(refusal('GET', `/ts/${'a'.repeat(200)}/latest`).code, 'datasource-id-invalid');
  assert.equal(refusal('POST', '/ts/batch/latest').code, 'datasource-id-invalid');
  assert.equal(refusal('GET', '/ts/t/last/0').code, 'count-invalid');
  assert.equal(refusal('GET', '/ts/t/last/100001').code, 'count-invalid');
  assert.equal(refusal('GET', '/ts/t/last/-1').code, 'count-invalid');
  assert.equal(refusal('GET', '/ts/t/last/1e3').code, 'count-invalid');
  assert.equal(refusal('GET', '/ts/t/since/99999999999999999').code, 'timestamp-invalid');
  assert.equal(refusal('GET', '/ts/t/since/-5').code, 'timestamp-invalid');
  assert.equal(refusal('GET', '/ts/t/range/9/5').code, 'range-invalid');
  assert.equal(refusal('POST', '/ts/t/at/1.5').code, 'timestamp-invalid');
  assert.equal(refusal('GET', '/kv/s/a b').code, 'path-invalid');
  assert.equal(refusal('GET', '/nope').status, 404);
});

test('every read path the client writes (core/protocol readPath) parses back to the same query, filter and aggregation', () => {
  const queries: HistoryQuery[] = [
    { kind: 'latest' }, { kind: 'earliest' }, { kind: 'last', n: 10 }, { kind: 'first', n: 3 },
    { kind: 'since', from: 1_700_000_000_000 }, { kind: 'range', from: 5, to: 9 },
  ];
  const options: ReadOptions[] = [
    {}, ...AGGREGATIONS.map((aggregation) => ({ aggregation })),
    { filter: { tag: 'room', op: 'equals', value: 'living room' } }, { filter: { tag: 'n', op: 'contains', value: 'ü+1' }, aggregation: 'count' },
  ];
  for (const kind of ['ts', 'ts/blob'] as const) {
    for (const query of queries) {
      for (const option of options) {
        const path = readPath(kind, 'sensor.1', query, option);
        assert.deepEqual(parseRoute('GET', path), { kind: 'ts-read', series: { kind, id: 'sensor.1' }, query, ...option }, path);
      }
    }
  }
});
