// The preview report of what an export or actuator would have sent: a JSON-safe, bounded
// snapshot, whatever the flow hands the node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonSnapshot, MAX_REPORT_DATA_CHARS, previewReport } from './preview.outbox';

test('a report names the node, its tab, the kind and the target, with a copy of the data', () => {
  const data = { on: true };
  const report = previewReport({ id: 'n1', name: 'hall light', z: 't1' }, 'actuator', 'lamp (set-light-on)', data, 1000);
  assert.deepEqual(report, { node: 'n1', name: 'hall light', z: 't1', kind: 'actuator', target: 'lamp (set-light-on)', data: { on: true }, at: 1000 });
  data.on = false;
  assert.deepEqual(report.data, { on: true }, 'a snapshot: later changes to the message do not show');
  assert.deepEqual(previewReport({ id: 'n2' }, 'export', 'https://x.example/', 1, 5), { node: 'n2', kind: 'export', target: 'https://x.example/', data: 1, at: 5 });
});

test('snapshots survive what JSON.stringify would choke on, and keep what it keeps', () => {
  const cycle: Record<string, unknown> = { name: 'a' };
  cycle.self = cycle;
  assert.deepEqual(jsonSnapshot(cycle), { name: 'a', self: '[circular]' });
  const shared = { v: 1 };
  assert.deepEqual(jsonSnapshot({ a: shared, b: shared }), { a: { v: 1 }, b: { v: 1 } }, 'a value seen twice is not a cycle');
  assert.equal(jsonSnapshot(10n), '10n');
  assert.equal(jsonSnapshot(undefined), null);
  assert.deepEqual(jsonSnapshot(Buffer.from('hi')), { type: 'Buffer', data: [104, 105] });
  assert.deepEqual(jsonSnapshot({ when: new Date(0), skip: () => 1 }), { when: '1970-01-01T00:00:00.000Z' });
});

test('a large payload is cut to the limit, saying so', () => {
  const cut = jsonSnapshot('x'.repeat(10_000)) as { truncated: boolean; json: string };
  assert.equal(cut.truncated, true);
  assert.equal(cut.json.length, MAX_REPORT_DATA_CHARS);
  assert.ok(cut.json.startsWith('"xxx') && cut.json.endsWith('…'));
  assert.equal(jsonSnapshot('x'.repeat(MAX_REPORT_DATA_CHARS - 2)), 'x'.repeat(MAX_REPORT_DATA_CHARS - 2), 'exactly at the limit is kept whole');
});
