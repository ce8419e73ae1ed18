// databox-store in a real Node-RED: the preview store's reads and refusals, and box mode
// through box.ownDataStore().
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { OwnDataStore } from '../../runtime/box-client/box-client.types';
import { fakeBox } from '../test-support/fake-box';
import { collect, errorOf, loadFlow, node, record, settle, startRed, stopRed, type FlowJson } from '../test-support/red.harness';

const store = (id: string, operation: string, extra: Record<string, unknown> = {}) =>
  ({ id, type: 'databox-store', datasourceId: 'results', operation, wires: [['out']], ...extra });

before(startRed);
after(stopRed);

test('preview: what is written is copied, so changing the message later changes nothing stored', async () => {
  await loadFlow([store('w', 'write'), store('r', 'read-latest'), { id: 'out', type: 'test-recorder' }], { mode: 'preview' });
  const payload = { room: 'hall', t: 20 };
  node('w').receive({ payload });
  await collect('out', 1);
  payload.t = 99;
  node('r').receive({});
  const [read] = await collect('out', 1);
  assert.deepEqual((read.payload as { data: unknown }[]).map((row) => row.data), [{ room: 'hall', t: 20 }]);
});

test('bad keys and unstorable values are refused with clear errors, storing nothing', async () => {
  const flow: FlowJson = [store('ks', 'kv-set'), store('kg', 'kv-get', { key: 'k' }), { id: 'out', type: 'test-recorder' }];
  await loadFlow(flow, { mode: 'preview' });
  node('ks').receive({ payload: 1 });
  assert.match(await errorOf('ks'), /\[store-key-invalid\] no key/);
  await loadFlow(flow, { mode: 'preview' });
  node('ks').receive({ topic: '../../etc/passwd', payload: 1 });
  assert.match(await errorOf('ks'), /is not a valid key/);
  await loadFlow(flow, { mode: 'preview' });
  node('ks').receive({ topic: 'k' });
  assert.match(await errorOf('ks'), /\[store-value-invalid\]/);
  node('kg').receive({});
  const [got] = await collect('out', 1);
  assert.equal(got.payload, null, 'nothing was stored under k');
});

test('a node with a bad series name or operation is refused at deploy', async () => {
  await loadFlow([store('s', 'write', { datasourceId: '../x' })], { mode: 'preview' });
  assert.match(await errorOf('s'), /Name the series/);
  await loadFlow([store('s', 'drop-table')], { mode: 'preview' });
  assert.match(await errorOf('s'), /Operation "drop-table" is unknown/);
});

test('box: uses the app\'s own store from the box client', async () => {
  const calls: unknown[][] = [];
  const own: OwnDataStore = {
    write: async (...args) => { calls.push(['write', ...args]); },
    read: async (...args) => { calls.push(['read', ...args]); return [{ timestamp: 5, data: 'x' }]; },
    kvSet: async (...args) => { calls.push(['kvSet', ...args]); },
    kvGet: async (...args) => { calls.push(['kvGet', ...args]); return 'v'; },
  };
  const flow: FlowJson = [store('w', 'write'), store('r', 'read-last', { count: 3 }), store('kg', 'kv-get', { key: 'colour' }), { id: 'out', type: 'test-recorder' }];
  await loadFlow(flow, { mode: 'box', box: fakeBox({ ownDataStore: () => own }) });
  node('w').receive({ payload: 7 });
  node('r').receive({});
  node('kg').receive({});
  const msgs = await collect('out', 3);
  assert.deepEqual(calls, [['write', 'results', 7], ['read', 'results', { kind: 'last', n: 3 }], ['kvGet', 'results', 'colour']]);
  assert.deepEqual(msgs.map((m) => m.payload), [7, [{ timestamp: 5, data: 'x' }], 'v']);
});

test('box: an app without its own store is told so at deploy', async () => {
  await loadFlow([store('w', 'write'), { id: 'out', type: 'test-recorder' }], { mode: 'box', box: fakeBox({ ownDataStore: () => undefined }) });
  assert.match(await errorOf('w'), /\[store-not-granted\]/);
  node('w').receive({ payload: 1 });
  await settle();
  assert.equal(record('out').length, 0);
});
