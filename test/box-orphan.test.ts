// A box killed outright (SIGKILL: no chance to stop what it started) leaves nothing running with
// the process driver: its audit log, arbiter, export service, stores and drivers each notice
// they were orphaned and stop. Real parts: `databox box start` as a user runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { alive, childrenOf, startDatabox, stillRunning } from './support/orphans';

test('the components of a box that was killed stop by themselves (process driver)', { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'box-orphan-'));
  const children: number[] = [];
  const { child: box } = await startDatabox(['box', 'start', '--data', dir, '--port', '0', '--driver', 'process'], /databox box listening on http/, { DATABOX_PASSWORD: 'orphan-test-password' });
  t.after(() => {
    if (alive(box.pid ?? -1)) box.kill('SIGKILL');
    for (const pid of children) if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  children.push(...await childrenOf(box.pid ?? -1));
  assert.ok(children.length >= 5, `the audit log, arbiter, export service, stores and drivers run: ${children.length} processes`);

  box.kill('SIGKILL');
  assert.deepEqual(await stillRunning(children), [], 'every orphaned component stopped');
});
