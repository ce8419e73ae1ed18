// databox-private-export in a real Node-RED: only one number (or a listed category) is
// exported, through box.export (the box adds the noise); preview shows a sample noisy report.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeBox } from '../test-support/fake-box';
import { PREVIEW_OUTBOX_TOPIC } from '../shared/preview.outbox';
import { GRID_STEPS } from '../../core/privacy/privacy.mechanism';
import { collect, commsOf, errorOf, loadFlow, node, record, settle, startRed, stopRed, type FlowJson } from '../test-support/red.harness';

const URL_FIXED = 'https://study.example.org/studies/temp/reports';
const laplace = { mechanism: 'laplace', epsilon: '1', period: 'day', lo: '0', hi: '40', unit: '°C' };
const flow = (settings: Record<string, unknown> = laplace): FlowJson => [
  { id: 'priv', type: 'databox-private-export', z: 'tab1', url: URL_FIXED, ...settings, wires: [['out']] },
  { id: 'out', type: 'test-recorder' },
];

before(startRed);
after(stopRed);

test('box: one number goes to the node URL through box.export; the app gets the export\'s state, never a report', async () => {
  const exports: [string, unknown][] = [];
  const box = fakeBox({ export: async (url, data) => { exports.push([url, data]); return { id: 'x1', state: 'Pending' }; } });
  await loadFlow(flow(), { mode: 'box', box });
  node('priv').receive({ payload: 21.5 });
  const [msg] = await collect('out', 1);
  assert.deepEqual(exports, [[URL_FIXED, 21.5]]);
  assert.deepEqual(msg.export, { url: URL_FIXED, sent: true, private: true, mode: 'box', id: 'x1', state: 'Pending' });
});

test('box and preview: a string, an array, a record, NaN or Infinity is refused with what to do, and nothing is exported', async () => {
  const exports: unknown[] = [];
  const box = fakeBox({ export: async (_url, data) => { exports.push(data); return { id: 'x1', state: 'Pending' }; } });
  for (const settings of [{ mode: 'box' as const, box }, undefined]) {
    for (const payload of ['21.5', [21.5], { value: 21.5 }, Number.NaN, Number.POSITIVE_INFINITY]) {
      await loadFlow(flow(), settings);
      node('priv').receive({ payload });
      assert.match(await errorOf('priv'), /\[private-value-invalid\] https:\/\/study\.example\.org\/studies\/temp\/reports is a private destination: the value must be .*; nothing was exported/);
      await settle();
      assert.equal(record('out').length, 0);
    }
  }
  assert.deepEqual(exports, []);
});

test('preview: nothing is sent; the Preview sidebar gets a sample of the noisy report, on the grid and of the declared form', async () => {
  await loadFlow(flow(), undefined);
  node('priv').receive({ payload: 1000 });
  const [msg] = await collect('out', 1);
  const report = (msg.export as { data: { value: number } }).data;
  assert.deepEqual({ ...(msg.export as object), data: null }, { url: URL_FIXED, data: null, sent: false, private: true, mode: 'preview' });
  assert.deepEqual(Object.keys(report).sort(), ['epsilon', 'mechanism', 'period', 'value']);
  const steps = report.value / (40 / GRID_STEPS);
  assert.ok(Math.abs(steps - Math.round(steps)) < 1e-6, 'a grid point');
  const [published] = commsOf(PREVIEW_OUTBOX_TOPIC) as { kind: string; target: string; data: unknown }[];
  assert.deepEqual({ kind: published?.kind, target: published?.target, data: published?.data }, { kind: 'export', target: URL_FIXED, data: report });
});

test('randomized response: a listed category is exported, another is refused', async () => {
  const exports: unknown[] = [];
  const box = fakeBox({ export: async (_url, data) => { exports.push(data); return { id: 'x1', state: 'Pending' }; } });
  await loadFlow(flow({ mechanism: 'randomized-response', epsilon: 2, period: 'hour', categories: 'home, away' }), { mode: 'box', box });
  node('priv').receive({ payload: 'away' });
  await collect('out', 1);
  node('priv').receive({ payload: 'elsewhere' });
  assert.match(await errorOf('priv'), /"elsewhere" is not one of the categories \(home, away\)/);
  assert.deepEqual(exports, ['away']);
});

test('settings the builder refuses are refused at deploy: epsilon 0, lo >= hi, one category', async () => {
  for (const settings of [{ ...laplace, epsilon: '0' }, { ...laplace, lo: '40', hi: '40' }, { mechanism: 'randomized-response', epsilon: 1, period: 'day', categories: 'home' }]) {
    await loadFlow(flow(settings), { mode: 'preview' });
    assert.match(await errorOf('priv'), /\[private-export-invalid\]/);
    node('priv').receive({ payload: 1 });
    await settle();
    assert.equal(record('out').length, 0);
  }
});
