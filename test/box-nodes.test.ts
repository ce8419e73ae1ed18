// The runtime's Databox nodes in box mode, inside a real Node-RED (node-red-node-test-helper),
// with the real box client (createBoxClient) against the real arbiter, datastore, export
// service and audit log: a datasource reads and observes the store, an export node sends
// through the export service to a local receiver.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createBoxClient } from '../runtime/box-client/box-client';
import type { BoxClient } from '../runtime/box-client/box-client.types';
import { collect, loadFlow, node, record, startRed, stopRed } from '../nodes/test-support/red.harness';
import { startBoxControl, type BoxControl } from './support/box-control.fixture';
import type { Registration } from '../box/arbiter/arbiter.types';

let box: BoxControl;
let client: BoxClient;
let driver: Registration;

const write = async (value: number) => {
  const token = await (await box.token(driver.key, { target: box.storeName, path: '/ts/loadavg1', method: 'POST' })).text();
  const response = await fetch(`${box.store.url}/ts/loadavg1`, { method: 'POST', headers: { 'x-api-key': token, 'content-type': 'application/json' }, body: JSON.stringify({ value }) });
  assert.equal(response.status, 200);
};

before(async () => {
  box = await startBoxControl();
  driver = await box.register('os-driver', 'driver');
  await box.grant('os-driver', { target: box.storeName, path: '/ts/loadavg1', method: 'POST' });
  await write(1.25);
  const app = await box.register('load-app', 'app');
  await box.grant('load-app', { target: box.storeName, path: '/ts/loadavg1/*', method: 'GET' });
  await box.grant('load-app', { target: box.storeName, path: '/ts/loadavg1', method: 'GET', observe: 'data' });
  await box.grant('load-app', { target: 'export-service', path: '/export', method: 'POST', destination: `${box.receiver.url}/load` });
  const keyFile = path.join(box.dir, 'app.key');
  writeFileSync(keyFile, app.key, { mode: 0o600 });
  client = createBoxClient({
    DATABOX_ARBITER_ENDPOINT: box.arbiterUrl,
    DATABOX_EXPORT_SERVICE_ENDPOINT: box.exportService.url,
    DATABOX_LOCAL_NAME: 'load-app',
    DATABOX_ARBITER_TOKEN_FILE: keyFile,
    DATASOURCE_load: JSON.stringify({ href: `${box.store.url}/ts/loadavg1`, 'item-metadata': [{ rel: 'urn:X-databox:rels:hasStore', val: box.storeName }, { rel: 'urn:X-databox:rels:hasType', val: 'loadavg1' }] }),
  });
  await startRed();
});
after(async () => {
  await stopRed();
  await client.close();
  await box.close();
});

test('a datasource node reads the latest value from the store, and an export node sends it off the box', async () => {
  await loadFlow([
    { id: 'ds', type: 'databox-datasource', datasourceType: 'loadavg1', clientid: 'load', mode: 'latest', wires: [['out', 'exp']] },
    { id: 'exp', type: 'databox-export', url: `${box.receiver.url}/load`, wires: [['sent']] },
    { id: 'out', type: 'test-recorder' },
    { id: 'sent', type: 'test-recorder' },
  ], { mode: 'box', box: client });
  const [read] = await collect('out', 1);
  // the datasource node hands on the reading itself (the store's {value} unwrapped)
  assert.deepEqual((read?.payload as { data: unknown }[]).map((row) => row.data), [1.25]);
  const [sent] = await collect('sent', 1);
  assert.equal((sent?.export as { state: string }).state, 'Finished');
  assert.equal(box.receiver.got.length, 1);
  assert.deepEqual(JSON.parse(box.receiver.got[0]?.body ?? '')[0]?.data, 1.25);
  const events = await box.events({ component: 'load-app' });
  assert.ok(events.some((e) => e.kind === 'export-delivered' && e.destination === `${box.receiver.url}/load`));
});

test('a datasource node observing the store gets each new write', async () => {
  await loadFlow([
    { id: 'watch', type: 'databox-datasource', datasourceType: 'loadavg1', clientid: 'load', mode: 'observe', wires: [['seen']] },
    { id: 'seen', type: 'test-recorder' },
  ], { mode: 'box', box: client });
  // a poke reads the latest at once, and proves the subscription is in place before writing
  node('watch').receive({ payload: 'now' });
  const [latest] = await collect('seen', 1);
  assert.deepEqual(latest?.payload, 1.25);
  // The node subscribes at deploy; the store confirms asynchronously, so write until the first
  // observed value arrives (bounded), then check it is one of the writes, in order.
  const written: number[] = [];
  for (let i = 0; record('seen').length < 2 && i < 100; i++) {
    written.push(2.5 + i);
    await write(2.5 + i);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const observed = record('seen').slice(1).map((m) => m.payload);
  assert.ok(observed.length > 0, 'a write was observed');
  const first = written.findIndex((w) => w === observed[0]);
  assert.ok(first >= 0, `observed ${observed[0]} was written`);
  assert.deepEqual(observed, written.slice(first, first + observed.length), 'each write after the subscription, in order');
});
