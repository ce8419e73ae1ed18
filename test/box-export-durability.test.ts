// Durability of exports: an export acknowledged (202) by the export service survives a
// kill -9 of the service before delivery, and is delivered after the restart (at-least-once,
// docs/decisions: export delivery). The export service runs as its own process through
// `databox box export`; the arbiter, audit log and receiver are real services in this process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { startArbiter } from '../box/arbiter/arbiter.server';
import { startAuditService } from '../box/audit/audit.server';
import type { Registration } from '../box/arbiter/arbiter.types';
import { ADMIN_KEY, SERVICE_KEY, startReceiver } from './support/box-control.fixture';

const databox = path.join(__dirname, '..', 'cli', 'databox.js');

function startExportProcess(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [databox, 'box', 'export', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`export service exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const url = /listening on (\S+)/.exec(line)?.[1];
      if (url) resolve({ child, url }); else reject(new Error(`unexpected output: ${line}`));
    });
  });
}

test('an acknowledged export is delivered after kill -9 and restart', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'export-durable-'));
  const children: ChildProcess[] = [];
  const audit = await startAuditService({ dataDir: path.join(dir, 'audit'), port: 0, serviceKeys: [SERVICE_KEY], adminKeys: [ADMIN_KEY] });
  const arbiter = await startArbiter({ dataDir: path.join(dir, 'arbiter'), port: 0, adminKeys: [ADMIN_KEY] });
  const receiver = await startReceiver();
  t.after(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await receiver.close(); await arbiter.close(); await audit.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const admin = async (p: string, body: unknown) => fetch(`${arbiter.url}/admin${p}`, { method: 'POST', headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const service = await (await admin('/components', { name: 'export-service', type: 'service' })).json() as Registration;
  const app = await (await admin('/components', { name: 'app1', type: 'app' })).json() as Registration;
  const destination = `${receiver.url}/in`;
  assert.equal((await admin('/components/app1/grants', { target: 'export-service', path: '/export', method: 'POST', destination })).status, 201);
  const files = { secret: path.join(dir, 'secret'), key: path.join(dir, 'key'), auditKey: path.join(dir, 'audit-key') };
  writeFileSync(files.secret, service.secret ?? '', { mode: 0o600 });
  writeFileSync(files.key, service.key, { mode: 0o600 });
  writeFileSync(files.auditKey, SERVICE_KEY, { mode: 0o600 });
  const args = ['--data', path.join(dir, 'export'), '--port', '0', '--secret-file', files.secret, '--arbiter', arbiter.url, '--key-file', files.key, '--audit', audit.url, '--audit-key-file', files.auditKey];

  receiver.answer = 503;
  const first = await startExportProcess(args);
  children.push(first.child);
  const token = await (await fetch(`${arbiter.url}/token`, { method: 'POST', headers: { 'x-api-key': app.key, 'content-type': 'application/json' }, body: JSON.stringify({ target: 'export-service', path: '/export', method: 'POST', destination }) })).text();
  const accepted = await fetch(`${first.url}/export`, { method: 'POST', headers: { 'x-api-key': token, 'content-type': 'application/json' }, body: JSON.stringify({ uri: destination, data: { reading: 42 } }) });
  assert.equal(accepted.status, 202);
  const { id } = await accepted.json() as { id: string };
  const killed = new Promise((resolve) => first.child.once('exit', resolve));
  first.child.kill('SIGKILL');
  await killed;
  assert.equal(receiver.got.length, 0, 'not delivered before the crash');

  receiver.answer = 200;
  const second = await startExportProcess(args);
  children.push(second.child);
  const polled = await fetch(`${second.url}/lp/export`, { method: 'POST', headers: { 'x-api-key': token, 'content-type': 'application/json' }, body: JSON.stringify({ id }) });
  const view = await polled.json() as { state: string; ext_response?: { status: number } };
  assert.equal(view.state, 'Finished');
  assert.equal(view.ext_response?.status, 200);
  assert.equal(receiver.got.length, 1);
  assert.equal(receiver.got[0]?.body, '{"reading":42}');
  assert.equal(receiver.got[0]?.headers['databox-export-id'], id, 'receivers can drop a repeat by this id');
  const stopped = new Promise((resolve) => second.child.once('exit', resolve));
  second.child.kill('SIGTERM');
  assert.equal(await stopped, 0);
  const events = await (await fetch(`${audit.url}/events?component=app1`, { headers: { 'x-api-key': ADMIN_KEY } })).json() as { events: { kind: string }[] };
  assert.deepEqual(events.events.map((e) => e.kind).filter((k) => k === 'export' || k === 'export-delivered'), ['export', 'export-delivered']);
});
