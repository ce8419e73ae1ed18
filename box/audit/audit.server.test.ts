import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { startAuditService } from './audit.server';
import { createAuditClient } from './audit.client';
import { eventually } from '../../test/support/eventually';

const serviceKey = 'service-key-for-tests-0123456789';
const adminKey = 'admin-key-for-tests-0123456789ab';

/**
 * The audit log's port while it is down: a listener that drops every connection at once (so a
 * send fails as against a dead service), counting the attempts.
 */
async function startDeadPort(): Promise<{ port: number; attempts(): number; close(): Promise<void> }> {
  let attempts = 0;
  const server = net.createServer((socket) => { attempts++; socket.destroy(); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    attempts: () => attempts,
    close: () => new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
  };
}

async function get(url: string, key = adminKey): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { headers: { 'x-api-key': key } });
  return { status: response.status, body: await response.json() as Record<string, unknown> };
}

test('the HTTP API appends batches, answers queries and summaries, and needs its keys', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'audit-srv-'));
  const audit = await startAuditService({ dataDir: dir, port: 0, serviceKeys: [serviceKey], adminKeys: [adminKey] });
  t.after(async () => { await audit.close(); rmSync(dir, { recursive: true, force: true }); });
  const client = createAuditClient(audit.url, { key: serviceKey, source: 'test' });
  client.record({ component: 'app1', kind: 'export-delivered', destination: 'https://a.example/x', bytes: 7 });
  client.record({ component: 'app1', kind: 'token-mint', target: 'store-a' });
  await client.flush();
  const events = await get(`${audit.url}/events?component=app1`);
  assert.equal(events.status, 200);
  assert.deepEqual((events.body.events as { kind: string; source: string }[]).map((e) => [e.kind, e.source]), [['export-delivered', 'test'], ['token-mint', 'test']]);
  const summary = await get(`${audit.url}/summary?component=app1`);
  assert.deepEqual((summary.body.components as { exports: unknown }[])[0]?.exports, [{ destination: 'https://a.example/x', count: 1, bytes: 7 }]);
  assert.equal((await get(`${audit.url}/events`, 'wrong')).status, 401);
  assert.equal((await get(`${audit.url}/events`, serviceKey)).status, 401, 'a service key cannot read');
  assert.equal((await get(`${audit.url}/events?from=abc`)).status, 400);
  assert.equal((await get(`${audit.url}/events?from=10&to=5`)).status, 400);
  const post = (body: string, key = serviceKey) => fetch(`${audit.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body });
  assert.equal((await post('{"events": [')).status, 400);
  assert.equal((await post(JSON.stringify({ events: [{ id: 'x', component: 'a' }] }))).status, 400);
  assert.equal((await post(JSON.stringify({ events: [{ id: 'abcdefgh', time: 1, component: 'app1', kind: 'export' }] }), 'nope')).status, 401);
  const huge = await post(JSON.stringify({ events: [{ id: 'abcdefgh', time: 1, component: 'app1', kind: 'x', detail: 'x'.repeat(2_000_000) }] }));
  assert.equal(huge.status, 413);
  assert.equal(((await get(`${audit.url}/events`)).body.events as unknown[]).length, 2, 'nothing stored by refused requests');
  client.close();
});

test('the client keeps events through an outage and stores each once', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'audit-out-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const down = await startDeadPort();
  t.after(() => down.close());
  const client = createAuditClient(`http://127.0.0.1:${down.port}`, { key: serviceKey, maxBackoffMs: 200 });
  t.after(() => client.close(100));
  for (let i = 0; i < 30; i++) client.record({ component: 'app1', kind: 'export', bytes: i });
  // wait for a failed send and its retry (or for events to go missing, which fails below)
  await eventually(() => down.attempts() >= 2 || client.pending() !== 30, 'the client tried to send, failed, and tried again', { seen: () => ({ attempts: down.attempts(), pending: client.pending() }) });
  assert.equal(client.pending(), 30, `kept through ${down.attempts()} failed sends while the audit log is down`);
  await down.close();
  const second = await startAuditService({ dataDir: dir, port: down.port, serviceKeys: [serviceKey], adminKeys: [adminKey] });
  t.after(() => second.close());
  await client.flush();
  const events = (await get(`${second.url}/events?limit=100`)).body.events as { bytes: number }[];
  assert.deepEqual(events.map((e) => e.bytes), Array.from({ length: 30 }, (_, i) => i));
  await client.close();
});

test('with a spool, events recorded before a crash are sent by the next start', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'audit-spool-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const spool = path.join(dir, 'spool.db');
  const crashed = createAuditClient('http://127.0.0.1:9', { key: serviceKey, spool, maxBackoffMs: 100 });
  for (let i = 0; i < 5; i++) crashed.record({ component: 'app1', kind: 'export', bytes: i });
  assert.equal(crashed.pending(), 5);
  // the process "dies" here: the client is never flushed nor closed
  const audit = await startAuditService({ dataDir: path.join(dir, 'log'), port: 0, serviceKeys: [serviceKey], adminKeys: [adminKey] });
  t.after(() => audit.close());
  const next = createAuditClient(audit.url, { key: serviceKey, spool });
  assert.equal(next.pending(), 5);
  await next.flush();
  const events = (await get(`${audit.url}/events`)).body.events as { bytes: number }[];
  assert.deepEqual(events.map((e) => e.bytes), [0, 1, 2, 3, 4]);
  await next.close();
  await crashed.close(200).catch(() => undefined);
});
