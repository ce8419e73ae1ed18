// One contract, two implementations: what preview mode answers (the preview datasource's
// reader, and core/protocol's readRows, which the preview app data node uses) and what a real
// datastore answers over HTTP through the real box client, for the same rows and the same
// queries: every history query, every aggregation, empty windows, and tag filters on string,
// number and boolean tags. A flow that works in preview must work unchanged on a box.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { findDatasourceType } from '../core/catalogue/catalogue';
import { seedFrom } from '../core/catalogue/rng';
import { AGGREGATIONS, readRows, type HistoryQuery, type ReadOptions, type ReadResult, type SeriesKind, type TimeSeriesRow } from '../core/protocol';
import { createMemoryStore } from '../nodes/preview/memory-store';
import { createPreviewReader } from '../nodes/preview/preview.reader';
import { unwrapResult } from '../nodes/shared/reading.unwrap';
import { createBoxClient } from '../runtime/box-client/box-client';
import type { BoxClient, GrantedSource } from '../runtime/box-client/box-client.types';
import { startBoxControl, type BoxControl } from './support/box-control.fixture';

const T0 = 1_767_268_800_000;
const ROOMS = ['kitchen', 'hall', 'bedroom'];
let box: BoxControl;
let client: BoxClient;

/** 300 tagged readings 997 ms apart (crossing the datastore's ~65 s summary buckets), values with two decimals. */
const tagged: TimeSeriesRow[] = Array.from({ length: 300 }, (_, i) => ({
  timestamp: T0 + i * 997,
  data: { value: Math.round(((i * 37) % 101) * 100 + (i % 7) * 13) / 100 - 20, room: ROOMS[i % 3], floor: i % 4, occupied: i % 5 === 0 },
}));
/** Door events as a blob series. */
const events: TimeSeriesRow[] = Array.from({ length: 25 }, (_, i) => ({ timestamp: T0 + i * 4_000, data: { door: i % 2 === 0 ? 'front' : 'back', open: i % 3 === 0, n: i } }));
/** A preview datasource's own simulated history (bare numbers, as preview keeps them). */
const preview = createPreviewReader({ type: findDatasourceType('loadavg1') ?? assert.fail('loadavg1'), seed: seedFrom('contract'), intervalMs: 1000, end: T0 + 120_000, burst: 1 });

const queries = (rows: readonly TimeSeriesRow[]): HistoryQuery[] => {
  const first = rows[0]?.timestamp ?? T0;
  const last = rows.at(-1)?.timestamp ?? T0;
  const mid = Math.floor((first + last) / 2);
  return [
    { kind: 'latest' }, { kind: 'earliest' }, { kind: 'last', n: 1 }, { kind: 'last', n: 7 }, { kind: 'last', n: 1000 },
    { kind: 'first', n: 5 }, { kind: 'since', from: mid }, { kind: 'since', from: last + 1 },
    { kind: 'range', from: first, to: last }, { kind: 'range', from: first + 10_000, to: mid },
    // Empty windows: between two readings, and before the first.
    { kind: 'range', from: first + 1, to: first + 2 }, { kind: 'range', from: first - 5_000, to: first - 1 },
  ];
};

const numericOptions: ReadOptions[] = [
  {}, ...AGGREGATIONS.map((aggregation) => ({ aggregation })),
  { filter: { tag: 'room', op: 'equals', value: 'kitchen' } },
  { filter: { tag: 'room', op: 'contains', value: 'ed' }, aggregation: 'mean' },
  { filter: { tag: 'floor', op: 'equals', value: '2' } },
  { filter: { tag: 'floor', op: 'equals', value: '2' }, aggregation: 'sd' },
  { filter: { tag: 'occupied', op: 'equals', value: 'true' }, aggregation: 'sum' },
  { filter: { tag: 'occupied', op: 'equals', value: 'true' } },
  { filter: { tag: 'value', op: 'equals', value: '1' }, aggregation: 'count' },
  { filter: { tag: 'nope', op: 'equals', value: 'x' }, aggregation: 'max' },
];

const blobOptions: ReadOptions[] = [
  {}, { aggregation: 'count' }, { filter: { tag: 'door', op: 'equals', value: 'front' } },
  { filter: { tag: 'open', op: 'equals', value: 'true' }, aggregation: 'count' }, { filter: { tag: 'n', op: 'contains', value: '1' } },
];

/** Equal answers: rows exactly, numbers to 9 significant digits (the datastore sums by bucket). */
function assertSame(box: ReadResult, expected: ReadResult, what: string): void {
  if (Array.isArray(expected) || Array.isArray(box)) {
    assert.deepEqual(box, expected, what);
    return;
  }
  if (expected.result === null || box.result === null) {
    assert.equal(box.result, expected.result, what);
    return;
  }
  const scale = Math.max(1, Math.abs(expected.result));
  assert.ok(Math.abs(box.result - expected.result) <= 1e-9 * scale, `${what}: box ${box.result}, preview ${expected.result}`);
}

const describe = (kind: string, q: HistoryQuery, o: ReadOptions) => `${kind} ${JSON.stringify(q)} ${JSON.stringify(o)}`;

before(async () => {
  box = await startBoxControl();
  const driver = await box.register('fixture-driver', 'driver');
  const app = await box.register('contract-app', 'app');
  for (const path of ['/ts/room/batch', '/ts/load/batch', '/ts/blob/doors/batch']) await box.grant('fixture-driver', { target: box.storeName, path, method: 'POST' });
  for (const path of ['/ts/room/*', '/ts/load/*', '/ts/blob/doors/*']) await box.grant('contract-app', { target: box.storeName, path, method: 'GET' });
  // Its own data, as the box grants an app data node: everything under its prefix on the store.
  for (const method of ['GET', 'POST'] as const) {
    for (const path of ['/ts/own-*', '/ts/blob/own-*', '/kv/own-*']) await box.grant('contract-app', { target: box.storeName, path, method });
  }
  const write = async (path: string, body: unknown): Promise<void> => {
    const token = await (await box.token(driver.key, { target: box.storeName, path, method: 'POST' })).text();
    const response = await fetch(`${box.store.url}${path}`, { method: 'POST', headers: { 'x-api-key': token, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(response.status, 200, await response.text());
  };
  await write('/ts/room/batch', tagged.map((row) => ({ timestamp: row.timestamp, ...(row.data as object) })));
  const simulated = await preview.read({ kind: 'since', from: 0 }, {});
  assert.ok(Array.isArray(simulated) && simulated.length > 100);
  await write('/ts/load/batch', simulated.map((row) => ({ timestamp: row.timestamp, value: row.data })));
  await write('/ts/blob/doors/batch', events.map((row) => ({ timestamp: row.timestamp, data: row.data })));
  const item = (path: string) => JSON.stringify({ href: `${box.store.url}${path}`, 'item-metadata': [{ rel: 'urn:X-databox:rels:hasStore', val: box.storeName }] });
  client = createBoxClient({
    DATABOX_ARBITER_ENDPOINT: box.arbiterUrl, DATABOX_EXPORT_SERVICE_ENDPOINT: box.exportService.url,
    DATABOX_STORE_ENDPOINT: box.store.url, DATABOX_STORE_NAME: box.storeName,
    DATASOURCE_room: item('/ts/room'), DATASOURCE_load: item('/ts/load'), DATASOURCE_doors: item('/ts/blob/doors'),
  }, { readFile: () => app.key });
});

after(async () => {
  await client.close();
  await box.close();
});

function source(clientid: string): GrantedSource {
  return client.source(clientid) ?? assert.fail(`no source ${clientid}`);
}

test('tagged numeric rows: every query, aggregation and tag filter answers the same in preview and from a real datastore', async () => {
  let compared = 0;
  for (const query of queries(tagged)) {
    for (const options of numericOptions) {
      assertSame(await client.read(source('room'), query, options), readRows('ts', tagged, query, options), describe('ts', query, options));
      compared++;
    }
  }
  assert.equal(compared, 12 * 16);
});

test('a preview datasource\'s simulated history answers the same as that history stored on a box (as the nodes see it)', async () => {
  const rows = await preview.read({ kind: 'since', from: 0 }, {});
  assert.ok(Array.isArray(rows));
  for (const query of queries(rows)) {
    for (const options of [{}, ...AGGREGATIONS.map((aggregation) => ({ aggregation }))]) {
      assertSame(unwrapResult(await client.read(source('load'), query, options)), unwrapResult(await preview.read(query, options)), describe('preview', query, options));
    }
  }
});

test('blob rows: queries, counts and filters answer the same; other aggregations are refused by both', async () => {
  const kind: SeriesKind = 'ts/blob';
  for (const query of queries(events)) {
    for (const options of blobOptions) assertSame(await client.read(source('doors'), query, options), readRows(kind, events, query, options), describe(kind, query, options));
  }
  await assert.rejects(client.read(source('doors'), { kind: 'latest' }, { aggregation: 'mean' }), { code: 'aggregation-invalid', status: 400 });
  assert.throws(() => readRows(kind, events, { kind: 'latest' }, { aggregation: 'mean' }), { code: 'aggregation-invalid', status: 400 });
});

test('an empty window: count and sum are 0, the others null, on both sides (the box client accepts null)', async () => {
  const empty: HistoryQuery = { kind: 'range', from: T0 + 1, to: T0 + 2 };
  for (const aggregation of AGGREGATIONS) {
    const expected = aggregation === 'count' || aggregation === 'sum' ? 0 : null;
    assert.deepEqual(await client.read(source('room'), empty, { aggregation }), { result: expected }, aggregation);
    assert.deepEqual(readRows('ts', tagged, empty, { aggregation }), { result: expected }, aggregation);
  }
});

test('the app data node\'s writes and key-value: what preview keeps and refuses is what a datastore keeps and refuses', async () => {
  const own = client.ownDataStore() ?? assert.fail('no own datastore');
  const preview = createMemoryStore();
  const writes: unknown[] = [3, { value: 2.5, room: 'hall', floor: 1, lit: true }, { lat: 52.2, lon: 0.1 }, 'hello', [1, 2], { value: 1, meta: { a: 1 } }, { value: 'warm' }, { value: 1, 'a"b': 2 }];
  for (const [i, value] of writes.entries()) {
    const series = `own-${i}`;
    const outcomes = await Promise.all([own.write(series, value), preview.write(series, value)].map((p) => p.then(() => 'stored', (e: unknown) => (e instanceof Error && 'status' in e ? `refused ${String(e.status)}` : String(e)))));
    assert.equal(outcomes[0], outcomes[1], `${JSON.stringify(value)}: box ${outcomes[0]}, preview ${outcomes[1]}`);
    const data = async (store: typeof own) => {
      const rows = await store.read(series, { kind: 'last', n: 5 });
      return Array.isArray(rows) ? rows.map((r) => r.data) : rows;
    };
    assert.deepEqual(await data(own), await data(preview), `${JSON.stringify(value)} reads back the same`);
  }
  assert.deepEqual(await own.read('own-never', { kind: 'latest' }, { aggregation: 'mean' }), await preview.read('own-never', { kind: 'latest' }, { aggregation: 'mean' }));
  for (const store of [own, preview]) await store.kvSet('own-prefs', 'theme', { dark: true });
  assert.deepEqual(await own.kvGet('own-prefs', 'theme'), await preview.kvGet('own-prefs', 'theme'));
  assert.equal(await own.kvGet('own-prefs', 'unset'), await preview.kvGet('own-prefs', 'unset'), 'an unset key is no value in both');
});
