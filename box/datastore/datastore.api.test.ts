import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { aggregateValues } from '../../core/protocol';
import { startTestDataStore, type TestDataStore } from './datastore.fixture';
import type { Aggregation } from './datastore.types';

let t: TestDataStore;
const base = 1_700_000_000_000;
// 3000 points ~7.9 s apart (spanning many summary buckets of every width), two rooms.
const points = Array.from({ length: 3000 }, (_, i) => ({ timestamp: base + i * 7919, value: Math.round(Math.sin(i) * 1000) / 10, room: i % 3 === 0 ? 'kitchen' : 'living room' }));

before(async () => {
  t = await startTestDataStore();
  assert.deepEqual(await t.call('POST', '/ts/temp/batch', points), { status: 200, json: { written: 3000 } });
});
after(() => t.close());

const rowsOf = (selected: typeof points): unknown[] => selected.map(({ timestamp, value, room }) => ({ timestamp, data: { value, room } }));

test('each read form returns rows {timestamp, data}', async () => {
  const newest = [...points].reverse();
  assert.deepEqual((await t.call('GET', '/ts/temp/latest')).json, rowsOf(newest.slice(0, 1)));
  assert.deepEqual((await t.call('GET', '/ts/temp/earliest')).json, rowsOf(points.slice(0, 1)));
  assert.deepEqual((await t.call('GET', '/ts/temp/last/5')).json, rowsOf(newest.slice(0, 5)), 'last: newest first');
  assert.deepEqual((await t.call('GET', '/ts/temp/first/5')).json, rowsOf(points.slice(0, 5)), 'first: oldest first');
  assert.deepEqual((await t.call('GET', `/ts/temp/since/${points[2990].timestamp}`)).json, rowsOf(points.slice(2990)));
  assert.deepEqual((await t.call('GET', `/ts/temp/range/${points[10].timestamp}/${points[20].timestamp - 1}`)).json, rowsOf(points.slice(10, 20)));
  assert.deepEqual((await t.call('GET', '/ts/temp/length')).json, { result: 3000 });
});

test('aggregations over ranges, since, last and whole series equal a direct computation', async () => {
  const cases: [string, typeof points][] = [
    ['', points],
    [`/since/${points[1234].timestamp + 1}`, points.slice(1235)],
    [`/range/${points[17].timestamp - 3}/${points[2711].timestamp + 5}`, points.slice(17, 2712)],
    [`/range/${base + 5_000_000}/${base + 19_000_000}`, points.filter((p) => p.timestamp >= base + 5_000_000 && p.timestamp <= base + 19_000_000)],
    ['/last/100', points.slice(-100)],
    ['/first/7', points.slice(0, 7)],
  ];
  for (const [query, selected] of cases) {
    for (const aggregation of ['sum', 'count', 'min', 'max', 'mean', 'median', 'sd'] as Aggregation[]) {
      const { status, json } = await t.call('GET', `/ts/temp${query}/${aggregation}`);
      assert.equal(status, 200);
      const expected = aggregateValues(selected.map((p) => p.value), aggregation) ?? NaN;
      const result = (json as { result: number }).result;
      assert.ok(Math.abs(result - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${query}/${aggregation}: ${result} vs ${expected}`);
    }
  }
  assert.deepEqual((await t.call('GET', '/ts/temp/range/1/2/mean')).json, { result: null }, 'mean of nothing is null');
  assert.deepEqual((await t.call('GET', '/ts/temp/range/1/2/count')).json, { result: 0 });
});

test('filters select by tag, with and without aggregation', async () => {
  const kitchen = points.filter((p) => p.room === 'kitchen');
  assert.deepEqual((await t.call('GET', '/ts/temp/last/3/filter/room/equals/kitchen')).json, rowsOf(kitchen.slice(-3).reverse()));
  assert.deepEqual((await t.call('GET', '/ts/temp/filter/room/equals/kitchen/count')).json, { result: kitchen.length });
  assert.deepEqual((await t.call('GET', '/ts/temp/filter/room/contains/living/count')).json, { result: 3000 - kitchen.length });
  assert.deepEqual((await t.call('GET', '/ts/temp/filter/room/equals/living%20room/count')).json, { result: 3000 - kitchen.length });
  assert.deepEqual((await t.call('GET', '/ts/temp/filter/room/equals/garage/count')).json, { result: 0 });
  const mean = (await t.call('GET', '/ts/temp/filter/room/equals/kitchen/mean')).json as { result: number };
  assert.ok(Math.abs(mean.result - (aggregateValues(kitchen.map((p) => p.value), 'mean') ?? NaN)) < 1e-9);
});

test('single writes: store clock, /at/<t>, equal timestamps all kept', async () => {
  const before = Date.now();
  const written = await t.call('POST', '/ts/single', { value: 1.25, unit: 'C' });
  assert.equal(written.status, 200);
  const at = (written.json as { timestamp: number }).timestamp;
  assert.ok(at >= before && at <= Date.now());
  assert.equal((await t.call('POST', '/ts/single/at/1000', { value: 2 })).status, 200);
  assert.equal((await t.call('POST', '/ts/single/at/1000', { value: 3 })).status, 200);
  assert.equal((await t.call('POST', '/ts/single/at/500', { value: 4 })).status, 200);
  assert.deepEqual((await t.call('GET', '/ts/single/first/4')).json, [
    { timestamp: 500, data: { value: 4 } }, { timestamp: 1000, data: { value: 2 } }, { timestamp: 1000, data: { value: 3 } },
    { timestamp: at, data: { value: 1.25, unit: 'C' } },
  ]);
  assert.deepEqual((await t.call('GET', '/ts/single/since/0/sum')).json, { result: 10.25 }, 'summaries follow out-of-order writes');
  assert.deepEqual((await t.call('GET', '/ts/single/range/600/1000/max')).json, { result: 3 });
});

test('blob series keep any JSON and count', async () => {
  assert.equal((await t.call('POST', '/ts/blob/location/at/10', { lat: 52.2, lon: 0.12, place: 'home' })).status, 200);
  assert.equal((await t.call('POST', '/ts/blob/location/batch', [{ timestamp: 20, data: { lat: 52.3, lon: 0.1, place: 'work' } }, { timestamp: 30, data: 'gps off' }])).status, 200);
  assert.deepEqual((await t.call('GET', '/ts/blob/location/last/2')).json, [{ timestamp: 30, data: 'gps off' }, { timestamp: 20, data: { lat: 52.3, lon: 0.1, place: 'work' } }]);
  assert.deepEqual((await t.call('GET', '/ts/blob/location/filter/place/equals/home/count')).json, { result: 1 });
  assert.deepEqual((await t.call('GET', '/ts/blob/location/length')).json, { result: 3 });
  assert.equal((await t.call('GET', '/ts/blob/location/mean')).status, 400);
  assert.equal((await t.call('GET', '/ts/location/latest')).status, 404, 'numeric and blob series are separate');
});

test('key-value: set, get, list, overwrite, delete', async () => {
  assert.equal((await t.call('POST', '/kv/settings/theme', { mode: 'dark' })).status, 200);
  assert.equal((await t.call('POST', '/kv/settings/threshold', 30)).status, 200);
  assert.deepEqual((await t.call('GET', '/kv/settings/theme')).json, { mode: 'dark' });
  assert.deepEqual((await t.call('GET', '/kv/settings/keys')).json, ['theme', 'threshold']);
  assert.equal((await t.call('POST', '/kv/settings/theme', '"light"')).status, 200);
  assert.deepEqual((await t.call('GET', '/kv/settings/theme')).json, 'light');
  assert.deepEqual((await t.call('DELETE', '/kv/settings/theme')).json, { deleted: true });
  assert.equal((await t.call('GET', '/kv/settings/theme')).status, 404);
  assert.equal((await t.call('DELETE', '/kv/settings/theme')).status, 404);
  assert.deepEqual((await t.call('GET', '/kv/settings/keys')).json, ['threshold']);
  assert.equal((await t.call('GET', '/kv/nothing/keys')).status, 404);
});

test('catalogue: a driver registers items, GET /cat lists them as Hypercat', async () => {
  const item = {
    href: 'http://test-store:8080/ts/loadavg1',
    'item-metadata': [
      { rel: 'urn:X-hypercat:rels:hasDescription:en', val: 'Host load average over 1 minute' },
      { rel: 'urn:X-hypercat:rels:isContentType', val: 'application/json' },
      { rel: 'urn:X-databox:rels:hasVendor', val: 'databox-driver-os-monitor' },
      { rel: 'urn:X-databox:rels:hasType', val: 'loadavg1' },
      { rel: 'urn:X-databox:rels:hasDatasourceid', val: 'loadavg1' },
      { rel: 'urn:X-databox:rels:hasStoreType', val: 'ts' },
      { rel: 'urn:X-databox:rels:isActuator', val: false },
    ],
  };
  assert.equal((await t.call('POST', '/cat', item)).status, 201);
  const wrong = { ...item, 'item-metadata': item['item-metadata'].map((m) => (m.rel.endsWith('hasStoreType') ? { ...m, val: 'kv' } : m)) };
  assert.equal((await t.call('POST', '/cat', wrong)).status, 400);
  const cat = (await t.call('GET', '/cat')).json as { 'item-metadata': { rel: string; val: string }[]; items: unknown[] };
  assert.ok(cat['item-metadata'].some((m) => m.rel === 'urn:X-hypercat:rels:isContentType' && m.val === 'application/vnd.hypercat.catalogue+json'));
  assert.deepEqual(cat.items, [item]);
  assert.deepEqual((await t.call('GET', '/ts/loadavg1/length')).json, { result: 0 }, 'a registered series exists before its first write');
});

test('last/<n> stays right across in-order and out-of-order writes (recent-rows window)', async () => {
  const rows = (json: unknown): number[] => (json as { timestamp: number }[]).map((row) => row.timestamp);
  await t.call('POST', '/ts/window/batch', { timestamps: [10, 20, 30], values: [1, 2, 3] });
  assert.deepEqual(rows((await t.call('GET', '/ts/window/last/2')).json), [30, 20]);
  await t.call('POST', '/ts/window/at/40', { value: 4 });
  await t.call('POST', '/ts/window/at/40', { value: 5 });
  assert.deepEqual((await t.call('GET', '/ts/window/last/3')).json, [{ timestamp: 40, data: { value: 5 } }, { timestamp: 40, data: { value: 4 } }, { timestamp: 30, data: { value: 3 } }]);
  await t.call('POST', '/ts/window/at/25', { value: 9 });
  assert.deepEqual(rows((await t.call('GET', '/ts/window/last/4')).json), [40, 40, 30, 25]);
  assert.deepEqual((await t.call('GET', '/ts/window/latest')).json, [{ timestamp: 40, data: { value: 5 } }]);
  await t.call('POST', '/ts/blob/bwin/at/5', '"a"');
  assert.deepEqual((await t.call('GET', '/ts/blob/bwin/latest')).json, [{ timestamp: 5, data: 'a' }]);
  await t.call('POST', '/ts/blob/bwin/at/6', ['b']);
  assert.deepEqual((await t.call('GET', '/ts/blob/bwin/last/2')).json, [{ timestamp: 6, data: ['b'] }, { timestamp: 5, data: 'a' }]);
});

test('a multi-series batch writes several series in one request', async () => {
  const body = JSON.stringify({ cpu: { timestamps: [1, 2], values: [10, 20] }, mem: [{ timestamp: 1, value: 55, unit: '%' }] });
  const written = await fetch(`${t.url}/ts/batch`, { method: 'POST', headers: { 'x-api-key': t.token('/ts/*', 'POST') }, body });
  assert.deepEqual([written.status, await written.json()], [200, { written: 3 }]);
  assert.deepEqual((await t.call('GET', '/ts/cpu/first/2')).json, [{ timestamp: 1, data: { value: 10 } }, { timestamp: 2, data: { value: 20 } }]);
  assert.deepEqual((await t.call('GET', '/ts/mem/latest')).json, [{ timestamp: 1, data: { value: 55, unit: '%' } }]);
});
