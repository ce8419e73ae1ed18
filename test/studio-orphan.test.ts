// A studio killed outright (SIGKILL: no chance to stop its workspaces) leaves no workspace
// running: each notices it was orphaned and stops. Real parts: `databox studio` as a user starts
// it (process driver, one local developer), a workspace started through its proxy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { alive, childrenOf, startDatabox, stillRunning } from './support/orphans';

test('a workspace whose studio was killed stops by itself', { timeout: 120_000 }, async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'studio-orphan-'));
  const workspaces: number[] = [];
  const { child: studio, match } = await startDatabox(['studio', '--port', '0', '--data', dir], /listening on (http:\/\/\S+)/);
  t.after(() => {
    if (alive(studio.pid ?? -1)) studio.kill('SIGKILL');
    for (const pid of workspaces) if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  const url = match[1] ?? '';
  const home = await fetch(`${url}/`);
  const cookie = (home.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  assert.equal((await fetch(`${url}/workspace/flows`, { headers: { cookie } })).status, 200, 'the workspace runs');
  workspaces.push(...await childrenOf(studio.pid ?? -1, 'workspace/main.js'));
  assert.equal(workspaces.length, 1, 'one workspace process');

  studio.kill('SIGKILL');
  assert.deepEqual(await stillRunning(workspaces), [], 'the orphaned workspace stopped');
});
