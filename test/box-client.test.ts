// The box client (runtime/box-client) against the real arbiter, datastore, export service and
// audit log: the app's own store, actuation, a revoked-then-regranted token renewed on 401,
// observe surviving a store restart, and refusals surfacing as clear errors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createBoxClient } from '../runtime/box-client/box-client';
import type { BoxClient } from '../runtime/box-client/box-client.types';
import type { TimeSeriesRow } from '../core/protocol';
import { DataboxError } from '../core/errors';
import { startBoxControl, type BoxControl } from './support/box-control.fixture';
import type { Registration } from '../box/arbiter/arbiter.types';
import type { StoredAuditEvent } from '../box/audit/audit.types';
import { eventually } from './support/eventually';

let box: BoxControl;
let client: BoxClient;
let app: Registration;
let driver: Registration;

const driverWrite = async (p: string, body: unknown) => {
  const token = await (await box.token(driver.key, { target: box.storeName, path: p, method: 'POST' })).text();
  const response = await fetch(`${box.store.url}${p}`, { method: 'POST', headers: { 'x-api-key': token, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(response.status, 200, await response.clone().text());
};

before(async () => {
  box = await startBoxControl();
  driver = await box.register('hue-driver', 'driver');
  for (const p of ['/ts/temp', '/ts/blob/light']) await box.grant('hue-driver', { target: box.storeName, path: p, method: 'POST' });
  await box.grant('hue-driver', { target: box.storeName, path: '/ts/blob/light/*', method: 'GET' });
  await driverWrite('/ts/temp', { value: 20 });
  app = await box.register('home-app', 'app');
  const grants = [
    { path: '/ts/temp*', method: 'GET' as const }, { path: '/ts/temp', method: 'GET' as const, observe: 'data' as const },
    { path: '/ts/blob/light', method: 'POST' as const },
    { path: '/ts/mine', method: 'POST' as const }, { path: '/ts/mine/*', method: 'GET' as const },
    { path: '/kv/prefs/*', method: 'POST' as const }, { path: '/kv/prefs/*', method: 'GET' as const },
  ];
  for (const g of grants) await box.grant('home-app', { target: box.storeName, ...g });
  const item = (p: string, extra: { rel: string; val: string | boolean }[] = []) => JSON.stringify({ href: `${box.store.url}${p}`, 'item-metadata': [{ rel: 'urn:X-databox:rels:hasStore', val: box.storeName }, ...extra] });
  client = createBoxClient({
    DATABOX_ARBITER_ENDPOINT: box.arbiterUrl, DATABOX_EXPORT_SERVICE_ENDPOINT: box.exportService.url,
    DATABOX_STORE_ENDPOINT: box.store.url, DATABOX_STORE_NAME: box.storeName,
    DATASOURCE_temp: item('/ts/temp'), DATASOURCE_light: item('/ts/blob/light', [{ rel: 'urn:X-databox:rels:isActuator', val: true }]),
    DATASOURCE_hidden: item('/ts/hidden'),
  }, { readFile: (file) => { assert.equal(file, '/run/secrets/DATABOX_ARBITER_TOKEN'); return `${app.key}\n`; } });
});
after(async () => {
  await client.close();
  await box.close();
});

test('reads with queries and aggregations; an ungranted source is a clear 403', async () => {
  const temp = client.source('temp');
  assert.ok(temp);
  await driverWrite('/ts/temp', { value: 22 });
  const rows = await client.read(temp, { kind: 'last', n: 10 });
  assert.deepEqual((rows as TimeSeriesRow[]).map((r) => r.data), [{ value: 22 }, { value: 20 }], 'newest first');
  assert.deepEqual(await client.read(temp, { kind: 'last', n: 10 }, { aggregation: 'max' }), { result: 22 });
  const hidden = client.source('hidden');
  assert.ok(hidden);
  await assert.rejects(client.read(hidden, { kind: 'latest' }), (e: unknown) => e instanceof DataboxError && e.status === 403 && /no grant/.test(e.message));
});

test('actuation writes to the actuator source; the app\'s own store keeps series and keys', async () => {
  const light = client.source('light');
  assert.ok(light?.actuator);
  await client.actuate(light, { on: true, brightness: 80 });
  const token = await (await box.token(driver.key, { target: box.storeName, path: '/ts/blob/light/*', method: 'GET' })).text();
  const latest = await (await fetch(`${box.store.url}/ts/blob/light/latest`, { headers: { 'x-api-key': token } })).json() as { data: unknown }[];
  assert.deepEqual(latest.map((r) => r.data), [{ on: true, brightness: 80 }]);
  const own = client.ownDataStore();
  assert.ok(own);
  await own.write('mine', 7);
  await own.write('mine', 8);
  assert.deepEqual(await own.read('mine', { kind: 'last', n: 5 }, { aggregation: 'sum' }), { result: 15 });
  await own.kvSet('prefs', 'theme', { dark: true });
  assert.deepEqual(await own.kvGet('prefs', 'theme'), { dark: true });
});

test('after a revoke the store refuses the cached token with a 401, and the client mints one fresh token and reads on', async () => {
  const temp = client.source('temp');
  assert.ok(temp);
  await client.read(temp, { kind: 'latest' }); // holds a cached token for GET store-a/ts/temp/* now
  const mark = lastSeq(await box.events());
  assert.equal((await box.admin('POST', '/components/home-app/revoke')).status, 200);

  const rows = await client.read(temp, { kind: 'latest' });
  assert.equal((rows as TimeSeriesRow[]).length, 1, 'the read after the revoke answered');

  const since = await box.events({ component: 'home-app', after: String(mark) });
  const summary = since.map((e) => `${e.kind} ${e.status ?? ''} ${e.method ?? ''} ${e.path ?? ''}`);
  assert.equal(since.filter((e) => e.kind === 'revoke').length, 1, `the revoke is audited: ${summary.join('; ')}`);
  const refused = since.filter((e) => e.kind === 'request-refused');
  assert.equal(refused.length, 1, `the store refused exactly one request: ${summary.join('; ')}`);
  assert.equal(refused[0]?.source, box.storeName);
  assert.equal(refused[0]?.status, 401);
  assert.equal(refused[0]?.path, '/ts/temp/latest');
  assert.match(refused[0]?.detail ?? '', /^token-revoked/);
  const minted = since.filter((e) => e.kind === 'token-mint');
  assert.equal(minted.length, 1, `exactly one fresh token was minted: ${summary.join('; ')}`);
  assert.deepEqual([minted[0]?.target, minted[0]?.method, minted[0]?.path], [box.storeName, 'GET', '/ts/temp/*']);
  assert.ok((refused[0]?.time ?? Infinity) <= (minted[0]?.time ?? -Infinity), 'the token was minted after the 401, not before');
});

test('observe keeps delivering across a store restart', async () => {
  const temp = client.source('temp');
  assert.ok(temp);
  const seen: number[] = [];
  const errors: Error[] = [];
  const stop = await client.observe(temp, (row) => seen.push((row.data as { value: number }).value), (e) => errors.push(e));
  await driverWrite('/ts/temp', { value: 30 });
  await eventually(() => seen.includes(30), 'the observer got the write of 30', { seen: () => ({ seen, errors: errors.map((e) => e.message) }) });
  await box.restartStore();
  let value = 40;
  // the client reconnects on its own: keep writing until a write after the restart arrives
  await eventually(async () => {
    await driverWrite('/ts/temp', { value: ++value });
    return seen.some((v) => v > 40);
  }, 'the observer got a write made after the store restarted', { everyMs: 25, seen: () => ({ seen, errors: errors.map((e) => e.message) }) });
  stop();
  assert.ok(seen.includes(30));
  assert.ok(seen.some((v) => v > 40), `after the restart: ${seen.join(', ')}`);
});

/** The position of the newest event in the audit log (0 for none). */
function lastSeq(events: readonly StoredAuditEvent[]): number {
  return events.reduce((max, e) => Math.max(max, e.seq), 0);
}
