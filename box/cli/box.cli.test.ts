import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { startArbiter } from '../arbiter/arbiter.server';

const databox = path.join(__dirname, '..', '..', 'cli', 'databox.js');

test('databox box --help, and refusals with a clear message', () => {
  const help = spawnSync(process.execPath, [databox, 'box', '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /databox box <service> --data <dir>/);
  const unknown = spawnSync(process.execPath, [databox, 'box', 'bogus', '--data', '/tmp/x'], { encoding: 'utf8' });
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown service "bogus"/);
  const noData = spawnSync(process.execPath, [databox, 'box', 'export'], { encoding: 'utf8' });
  assert.match(noData.stderr, /--data <dir> is required/);
});

test('databox box arbiter serves on its own, keeps its files private, and stops on SIGTERM', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'box-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const child = spawn(process.execPath, [databox, 'box', 'arbiter', '--data', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => { if (child.exitCode === null) child.kill('SIGKILL'); });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  const url = /listening on (\S+)/.exec(line)?.[1] ?? '';
  assert.equal((await fetch(`${url}/health`)).status, 200);
  assert.equal((await fetch(`${url}/admin/components`)).status, 401);
  assert.equal(statSync(path.join(dir, 'admin.key')).mode & 0o777, 0o600);
  assert.equal(statSync(path.join(dir, 'arbiter.db')).mode & 0o777, 0o600);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});

test('databox box store and export start once they hold the arbiter generations, and stop on SIGTERM', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'box-cli-'));
  const adminKey = 'cli-admin-key-0123456789abcdefghij';
  const arbiter = await startArbiter({ dataDir: path.join(dir, 'arbiter'), port: 0, adminKeys: [adminKey] });
  const children: ChildProcess[] = [];
  t.after(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await arbiter.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const register = async (body: unknown) => await (await fetch(`${arbiter.url}/admin/components`, { method: 'POST', headers: { 'x-api-key': adminKey, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as { key: string; secret: string };
  for (const [name, type] of [['store-a', 'store'], ['export-service', 'service']] as const) {
    const reg = await register({ name, type });
    writeFileSync(path.join(dir, `${name}.secret`), reg.secret, { mode: 0o600 });
    writeFileSync(path.join(dir, `${name}.key`), reg.key, { mode: 0o600 });
    const args = name === 'store-a' ? ['datastore', '--name', name] : ['export'];
    const child = spawn(process.execPath, [databox, 'box', ...args, '--data', path.join(dir, name), '--port', '0', '--secret-file', path.join(dir, `${name}.secret`), '--arbiter', arbiter.url, '--key-file', path.join(dir, `${name}.key`)], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
    const url = /listening on (\S+)/.exec(line)?.[1] ?? '';
    assert.equal((await fetch(`${url}/health`)).status, 200, line);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  }
  assert.equal(arbiter.state.db.list().length, 2);
});
