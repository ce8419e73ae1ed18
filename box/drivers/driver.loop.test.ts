import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataboxError } from '../../core/errors';
import { eventually } from '../../test/support/eventually';
import { every } from './driver.loop';

test('a failure is logged once while it lasts, and its end once; samples never overlap', async () => {
  const lines: string[] = [];
  let runs = 0;
  let running = 0;
  let overlapped = false;
  const loop = every(5, async () => {
    runs++;
    running++;
    overlapped ||= running > 1;
    await new Promise((resolve) => setTimeout(resolve, 10));
    running--;
    if (runs >= 2 && runs <= 4) throw new DataboxError('box-service-unreachable', 'the store did not answer', { hint: 'wait' });
  }, { log: (line) => lines.push(line), what: 'writing' });
  await eventually(() => runs >= 6, 'six samples');
  await loop.stop();
  const after = runs;
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(runs, after, 'no sample after stop');
  assert.equal(overlapped, false);
  assert.deepEqual(lines, ['writing failed (retrying every 5 ms): [box-service-unreachable] the store did not answer - wait', 'writing works again']);
});
