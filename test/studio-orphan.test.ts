// A studio killed outright (SIGKILL: no chance to stop its workspaces) leaves no workspace
// running: each notices it was orphaned and stops. Real parts: `databox studio` as a user starts
// it (process driver, one local developer), a workspace started through its proxy.
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

test('a workspace whose studio was killed stops by itself', { timeout: 120_000 }, async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'studio-orphan-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DATABOX_')));
  const studio = spawn(process.execPath, [path.join(ROOT, 'cli', 'databox.js'), 'studio', '--port', '0', '--data', dir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const seen = { workspacePid: 0 };
  t.after(() => {
    if (alive(studio.pid ?? -1)) studio.kill('SIGKILL');
    if (seen.workspacePid && alive(seen.workspacePid)) process.kill(seen.workspacePid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    studio.stdout.on('data', onData);
    studio.stderr.on('data', onData);
    studio.once('exit', (code) => reject(new Error(`the studio exited (${code}): ${output}`)));
  });
  const home = await fetch(`${url}/`);
  const cookie = (home.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  assert.equal((await fetch(`${url}/workspace/flows`, { headers: { cookie } })).status, 200, 'the workspace runs');
  const { stdout } = await run('pgrep', ['-P', String(studio.pid), '-f', 'workspace/main.js']);
  const workspacePid = Number(stdout.trim().split('\n')[0]);
  seen.workspacePid = workspacePid;
  assert.ok(workspacePid > 0 && alive(workspacePid), `the workspace process ${stdout}`);

  studio.kill('SIGKILL');
  for (let i = 0; i < 150 && alive(workspacePid); i++) await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(alive(workspacePid), false, 'the orphaned workspace stopped');
});
