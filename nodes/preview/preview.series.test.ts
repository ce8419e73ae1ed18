import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDatasourceType } from '../../core/catalogue/catalogue';
import { createPreviewSeries } from './preview.series';

const type = findDatasourceType('memory-used')!;

test('same type, seed, step and end: the same readings; another seed: others', () => {
  const a = createPreviewSeries({ type, seed: 7, stepMs: 1000, end: 1_000_000, capacity: 50 });
  const b = createPreviewSeries({ type, seed: 7, stepMs: 1000, end: 1_000_000, capacity: 50 });
  const c = createPreviewSeries({ type, seed: 8, stepMs: 1000, end: 1_000_000, capacity: 50 });
  assert.deepEqual(a.rows(), b.rows());
  assert.deepEqual(a.next(), b.next());
  assert.notDeepEqual(a.rows().map((r) => r.data), c.rows().map((r) => r.data));
});

test('history ends at `end` on the step grid; next() continues it and keeps capacity rows', () => {
  const series = createPreviewSeries({ type, seed: 1, stepMs: 250, end: 10_000, capacity: 4 });
  assert.deepEqual(series.rows().map((r) => r.timestamp), [9250, 9500, 9750, 10_000]);
  assert.equal(series.now(), 10_000);
  for (let i = 0; i < 10; i++) series.next();
  assert.deepEqual(series.rows().map((r) => r.timestamp), [11_750, 12_000, 12_250, 12_500]);
  for (const row of series.rows()) assert.ok(typeof row.data === 'number' && row.data >= 0 && row.data <= 100);
});

test('a replay is the history once, then observed again from its start, whatever the type would simulate', () => {
  const type = findDatasourceType('loadavg1');
  assert.ok(type);
  const series = createPreviewSeries({ type, seed: 1, stepMs: 1000, end: 10_000, replay: [5, 6, 7] });
  assert.deepEqual(series.rows().map((r) => [r.timestamp, r.data]), [[8000, 5], [9000, 6], [10_000, 7]]);
  assert.deepEqual(series.next(), { timestamp: 11_000, data: 5 });
});
