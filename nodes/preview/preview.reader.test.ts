import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDatasourceType } from '../../core/catalogue/catalogue';
import type { TimeSeriesRow } from '../../core/protocol';
import { createPreviewReader } from './preview.reader';

const type = findDatasourceType('loadavg1')!;
const latest = async (reader: ReturnType<typeof createPreviewReader>) => ((await reader.read({ kind: 'latest' }, {})) as TimeSeriesRow[])[0];

test('with a clock, a history read first catches the series up with it', async () => {
  let now = 10_000;
  const reader = createPreviewReader({ type, seed: 1, intervalMs: 1000, end: 10_000, burst: 1, clock: () => now });
  assert.equal((await latest(reader)).timestamp, 10_000);
  now = 13_500;
  assert.equal((await latest(reader)).timestamp, 13_000);
  assert.equal(reader.now(), 13_000);
});

test('on a fixed timeline, reads never move it; a poke appends `burst` readings', async () => {
  const reader = createPreviewReader({ type, seed: 1, intervalMs: 1000, end: 10_000, burst: 3 });
  assert.deepEqual(await reader.read({ kind: 'latest' }, {}), await reader.read({ kind: 'latest' }, {}));
  const poked = await reader.poke();
  assert.deepEqual(poked.map((r) => r.timestamp), [11_000, 12_000, 13_000]);
  assert.deepEqual(await latest(reader), poked[2]);
});

test('observing appends a reading per interval until stopped', async () => {
  const reader = createPreviewReader({ type, seed: 1, intervalMs: 10, end: 0, burst: 1 });
  const rows: TimeSeriesRow[] = [];
  let stop: () => void = () => {};
  await new Promise<void>((resolve) => {
    void reader.observe((row) => { rows.push(row); if (rows.length === 3) resolve(); }, () => {}).then((s) => { stop = s; });
  });
  stop();
  const count = rows.length;
  // Asserting that nothing happens: five intervals pass with no reading after stop.
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(rows.length, count, 'no readings after stop');
  assert.deepEqual(rows.slice(0, 3).map((r) => r.timestamp), [10, 20, 30]);
});
