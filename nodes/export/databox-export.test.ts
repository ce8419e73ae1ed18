// databox-export in a real Node-RED: the URL is fixed in the node (never from msg), preview
// reports and passes the message on, box mode goes through box.export.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeBox } from '../test-support/fake-box';
import { PREVIEW_OUTBOX_TOPIC } from '../shared/preview.outbox';
import { collect, commsOf, errorOf, loadFlow, logOf, node, record, settle, startRed, stopRed, type FlowJson } from '../test-support/red.harness';

const URL_FIXED = 'https://example.org/ingest';
const flow = (url = URL_FIXED): FlowJson => [
  { id: 'exp', type: 'databox-export', url, wires: [['out']] },
  { id: 'out', type: 'test-recorder' },
];

before(startRed);
after(stopRed);

test('box: exports msg.payload to the node URL, whatever the message says, and reports the result', async () => {
  const exports: [string, unknown][] = [];
  const box = fakeBox({ export: async (url, data) => { exports.push([url, data]); return { id: 'x1', state: 'Pending' }; } });
  await loadFlow(flow(), { mode: 'box', box });
  node('exp').receive({ payload: { steps: 9000 }, url: 'https://attacker.example/', uri: 'https://attacker.example/', export: { url: 'https://attacker.example/' } });
  const [msg] = await collect('out', 1);
  assert.deepEqual(exports, [[URL_FIXED, { steps: 9000 }]]);
  assert.deepEqual(msg.export, { url: URL_FIXED, sent: true, mode: 'box', id: 'x1', state: 'Pending' });
});

test('preview: nothing is sent; the log and the message say what would have been', async () => {
  await loadFlow(flow(), undefined);
  node('exp').receive({ payload: 42 });
  const [msg] = await collect('out', 1);
  assert.deepEqual(msg.export, { url: URL_FIXED, data: 42, sent: false, mode: 'preview' });
  assert.equal(await logOf('exp'), `preview: would export to ${URL_FIXED}: 42`);
});

test('preview: the editor\'s comms get a report of what would have been sent, a snapshot of the payload', async () => {
  await loadFlow([{ id: 'exp', type: 'databox-export', z: 'tab1', name: 'daily', url: URL_FIXED, wires: [['change']] },
    { id: 'change', type: 'test-recorder' }], undefined);
  const payload = { mean: 21.5, readings: [20, 23] };
  node('exp').receive({ payload });
  const [msg] = await collect('change', 1);
  (msg.payload as { mean: number }).mean = 0; // the flow changes the message after the export
  const [report, ...more] = commsOf(PREVIEW_OUTBOX_TOPIC) as Record<string, unknown>[];
  assert.deepEqual(more, []);
  assert.equal(typeof report?.at, 'number');
  assert.deepEqual({ ...report, at: 0 }, { node: 'exp', name: 'daily', z: 'tab1', kind: 'export', target: URL_FIXED, data: { mean: 21.5, readings: [20, 23] }, at: 0 });
});

test('box: nothing is published on the editor\'s comms', async () => {
  const box = fakeBox({ export: async () => ({ id: 'x1', state: 'Pending' }) });
  await loadFlow(flow(), { mode: 'box', box });
  node('exp').receive({ payload: 1 });
  await collect('out', 1);
  assert.deepEqual(commsOf(PREVIEW_OUTBOX_TOPIC), []);
});

test('a node without a valid http(s) URL is refused at deploy and passes nothing on', async () => {
  for (const url of ['', 'ftp://example.org/x', 'not a url']) {
    await loadFlow(flow(url), { mode: 'preview' });
    assert.match(await errorOf('exp'), /\[export-url-invalid\]/);
    node('exp').receive({ payload: 1 });
    await settle();
    assert.equal(record('out').length, 0);
  }
});

test('box: a failed export is reported through node.error and the message stops', async () => {
  const box = fakeBox({ export: async () => { throw new Error('export service: destination not allowed'); } });
  await loadFlow(flow(), { mode: 'box', box });
  node('exp').receive({ payload: 1 });
  assert.match(await errorOf('exp'), /destination not allowed/);
  assert.equal(record('out').length, 0);
});
