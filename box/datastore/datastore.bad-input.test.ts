import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { startTestDataStore, type TestDataStore } from './datastore.fixture';
import { MAX_ROWS } from '../../core/protocol/datastore.limits';

// Bad input over real HTTP: a clear 4xx with a DataboxError body, nothing stored, no crash.
let t: TestDataStore;
before(async () => {
  t = await startTestDataStore({ maxBodyBytes: 4 * 1024 * 1024 });
  assert.equal((await t.call('POST', '/ts/temp/batch', [{ value: 1, timestamp: 10 }, { value: 2, timestamp: 20 }])).status, 200);
});
after(() => t.close());

/** A request sent exactly as written (fetch would normalise `..` and `//`). */
const raw = (method: string, path: string, token: string, body?: string | Buffer): Promise<{ status: number; json: { error?: { code: string; message: string; hint?: string } } }> =>
  new Promise((resolve, reject) => {
    const url = new URL(t.url);
    const req = request({ host: url.hostname, port: url.port, method, path, headers: { 'x-api-key': token, ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString() || '{}') }));
    });
    req.on('error', reject);
    req.end(body);
  });

const length = async (): Promise<unknown> => (await t.call('GET', '/ts/temp/length')).json;

test('malformed JSON and wrong types are 400 and store nothing', async () => {
  const writer = t.token('/ts/*', 'POST');
  const cases: [string, string][] = [
    ['/ts/temp', '{"value": 1'], ['/ts/temp', '{"value": "1"}'], ['/ts/temp', '[1,2]'], ['/ts/temp', 'null'], ['/ts/temp', ''],
    ['/ts/temp', '{"value": 1, "room": {"a": 1}}'], ['/ts/temp', '{"value": 1, "timestamp": -4}'],
    ['/ts/temp/batch', '[{"value": 1}, {"value": "oops"}]'], ['/ts/temp/batch', '{"value": 1}'], ['/ts/temp/batch', '[]'],
    ['/ts/blob/pics/batch', '[{"nodata": 1}]'],
  ];
  for (const [path, body] of cases) {
    const response = await raw('POST', path, writer, body);
    assert.equal(response.status, 400, `${path} ${body}`);
    assert.ok(response.json.error?.code && response.json.error.message && response.json.error.hint, `${body}: code, message and hint`);
  }
  assert.deepEqual(await length(), { result: 2 });
  assert.equal((await t.call('GET', '/ts/blob/pics/length')).status, 404, 'a refused first write creates no series');
});

test('a body over the limit is 413 and the store keeps serving', async () => {
  const huge = Buffer.alloc(5 * 1024 * 1024, 0x20);
  const response = await raw('POST', '/ts/temp/batch', t.token('/ts/temp/batch', 'POST'), huge);
  assert.equal(response.status, 413);
  assert.equal(response.json.error?.code, 'body-too-large');
  assert.deepEqual(await length(), { result: 2 });
});

test('path tricks are 400 even with a wildcard token', async () => {
  const token = t.token('/*', 'GET');
  for (const path of ['/ts/../kv/secrets/key', '/ts/temp/../../kv/x/y', '/ts//temp/latest', '/ts/temp%2F..%2Fx/latest', '/kv/x/%2e%2e', '/ts/temp/latest\\..']) {
    const response = await raw('GET', path, token);
    assert.equal(response.status, 400, path);
    assert.equal(response.json.error?.code, 'path-invalid', path);
  }
});

test('unknown datasources are 404; absurd counts, ranges and timestamps are 400', async () => {
  const token = t.token('/*', 'GET');
  assert.equal((await raw('GET', '/ts/never-written/latest', token)).json.error?.code, 'datasource-unknown');
  assert.equal((await raw('GET', '/kv/never/keys', token)).status, 404);
  assert.equal((await raw('GET', '/ts/temp/last/99999999', token)).json.error?.code, 'count-invalid');
  assert.equal((await raw('GET', '/ts/temp/range/50/10', token)).json.error?.code, 'range-invalid');
  assert.equal((await raw('GET', '/ts/temp/since/999999999999999', token)).json.error?.code, 'timestamp-invalid');
  assert.equal((await raw('GET', '/ts/temp/range/0/abc', token)).status, 400);
  assert.equal((await raw('POST', '/ts/temp/at/1e12', t.token('/*', 'POST'), '{"value":1}')).status, 400);
});

test('a read selecting more rows than the limit is refused, its aggregation is not', async () => {
  const many = Array.from({ length: MAX_ROWS + 1 }, (_, i) => ({ value: i % 7, timestamp: 1000 + i }));
  assert.equal((await t.call('POST', '/ts/many/batch', many)).status, 200);
  const rows = await t.call('GET', '/ts/many/since/0');
  assert.equal(rows.status, 400);
  assert.equal((rows.json as { error: { code: string } }).error.code, 'too-many-rows');
  assert.deepEqual((await t.call('GET', '/ts/many/since/0/count')).json, { result: MAX_ROWS + 1 });
  assert.equal((await t.call('GET', '/ts/many/last/3')).status, 200);
});

test('GET /health answers without a token; nothing else does', async () => {
  const health = await fetch(`${t.url}/health`);
  assert.deepEqual(await health.json(), { ok: true });
  assert.equal((await fetch(`${t.url}/health`, { method: 'POST' })).status, 404);
  assert.equal((await fetch(`${t.url}/cat`)).status, 401);
});
