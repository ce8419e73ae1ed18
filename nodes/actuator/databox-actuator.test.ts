// databox-actuator in a real Node-RED: preview reports what it would send, values are
// checked against the type's schema, box mode writes to the granted actuator only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { GrantedSource } from '../../runtime/box-client/box-client.types';
import { fakeBox, granted } from '../test-support/fake-box';
import { PREVIEW_OUTBOX_TOPIC } from '../shared/preview.outbox';
import { callsOf, commsOf, errorOf, loadFlow, logOf, node, settle, startRed, statusOf, stopRed, type FlowJson } from '../test-support/red.harness';

const flow = (extra: Record<string, unknown> = {}): FlowJson => [
  { id: 'act', type: 'databox-actuator', datasourceType: 'set-light-brightness', clientid: 'lamp', ...extra },
];

before(startRed);
after(stopRed);

test('preview: reports what it would have sent, in its status and log, and sends nothing', async () => {
  await loadFlow(flow(), { mode: 'preview' });
  node('act').receive({ payload: 200 });
  assert.equal((await statusOf('act', (s) => s.text?.startsWith('would send') ?? false)).text, 'would send 200');
  assert.equal(await logOf('act'), 'preview: would actuate lamp (set-light-brightness) with 200');
  const reports = commsOf(PREVIEW_OUTBOX_TOPIC) as Record<string, unknown>[];
  assert.deepEqual(reports.map((r) => ({ ...r, at: typeof r.at })), [{ node: 'act', kind: 'actuator', target: 'lamp (set-light-brightness)', data: 200, at: 'number' }],
    'the editor\'s comms get what would have been sent');
});

test('a value that does not fit the type is refused before anything is sent', async () => {
  await loadFlow(flow(), { mode: 'preview' });
  node('act').receive({ payload: 300 });
  assert.match(await errorOf('act'), /msg.payload must be at most 254 for set-light-brightness.*nothing was sent/);
  node('act').receive({ payload: 'bright' });
  await settle();
  assert.ok(callsOf('act', 'error').some(([e]) => /must be a number/.test(String(e instanceof Error ? e.message : e))));
  assert.equal(callsOf('act', 'log').length, 0, 'no would-send report for refused values');
  assert.deepEqual(commsOf(PREVIEW_OUTBOX_TOPIC), [], 'nor on the editor\'s comms');
});

test('a sensor type on an actuator node is refused at deploy', async () => {
  await loadFlow(flow({ datasourceType: 'temperature' }), { mode: 'preview' });
  assert.match(await errorOf('act'), /"temperature" is a sensor, not an actuator/);
});

test('box: writes the value to the granted actuator', async () => {
  const writes: [GrantedSource, unknown][] = [];
  const source = granted('lamp', { actuator: true });
  const box = fakeBox({ source: (id) => (id === 'lamp' ? source : undefined), actuate: async (s, value) => { writes.push([s, value]); } });
  await loadFlow(flow(), { mode: 'box', box });
  node('act').receive({ payload: 17 });
  assert.equal((await statusOf('act', (s) => s.text?.startsWith('sent') ?? false)).text, 'sent 17');
  assert.deepEqual(writes, [[source, 17]]);
  assert.deepEqual(commsOf(PREVIEW_OUTBOX_TOPIC), [], 'a box reports nothing on comms');
});

test('box: with no actuator bound, nothing is written and the error says what to do', async () => {
  const box = fakeBox({ source: () => granted('lamp', { actuator: false }) });
  await loadFlow(flow(), { mode: 'box', box });
  node('act').receive({ payload: 17 });
  assert.match(await errorOf('act'), /no actuator is bound to "lamp"/);
});
