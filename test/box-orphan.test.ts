// A box killed outright (SIGKILL: no chance to stop what it started) leaves nothing running with
// the process driver: its audit log, arbiter, export service, stores and drivers each notice
// they were orphaned and stop. Real parts: `databox box start` as a user runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '..');
const run = promisify(execFile);

const alive = (pid: number): boolean => {
  try { process.kill(pid, 0); return true; } catch { return false; }
};

test('the components of a box that was killed stop by themselves (process driver)', { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'box-orphan-'));
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DATABOX_'))), DATABOX_PASSWORD: 'orphan-test-password' };
  const box = spawn(process.execPath, [path.join(ROOT, 'cli', 'databox.js'), 'box', 'start', '--data', dir, '--port', '0', '--driver', 'process'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const children: number[] = [];
  t.after(() => {
    if (alive(box.pid ?? -1)) box.kill('SIGKILL');
    for (const pid of children) if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/databox box listening on http/.test(output)) resolve();
    };
    box.stdout.on('data', onData);
    box.stderr.on('data', onData);
    box.once('exit', (code) => reject(new Error(`the box exited (${code}): ${output}`)));
  });
  const { stdout } = await run('pgrep', ['-P', String(box.pid)]);
  children.push(...stdout.trim().split('\n').map(Number).filter((pid) => pid > 0));
  assert.ok(children.length >= 5, `the audit log, arbiter, export service, stores and drivers run: ${children.length} processes`);

  box.kill('SIGKILL');
  for (let i = 0; i < 150 && children.some(alive); i++) await new Promise((resolve) => setTimeout(resolve, 200));
  assert.deepEqual(children.filter(alive), [], 'every orphaned component stopped');
});
