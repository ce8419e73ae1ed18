import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startExportService } from './export.server';
import { mintToken } from '../tokens/token.mint';
import type { AuditInput } from '../audit/audit.types';

const secret = 'export-service-secret-0123456789abcdef';

async function receiver(answers: number[]): Promise<{ url: string; got: { body: string; headers: IncomingHttpHeaders }[]; close(): Promise<void> }> {
  const got: { body: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ body: Buffer.concat(chunks).toString(), headers: req.headers });
      res.statusCode = answers.shift() ?? 200;
      res.end('thanks');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ingest`;
  return { url, got, close: () => new Promise((r) => { server.close(() => r()); server.closeAllConnections(); }) };
}

test('exports are delivered, retried on 5xx, long-polled, audited; wrong destinations and bad bodies refused', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'export-'));
  const events: AuditInput[] = [];
  const service = await startExportService({
    dataDir: dir, port: 0, secret, currentGeneration: (c) => (c === 'app1' ? 0 : undefined),
    audit: { record: (e) => events.push(e) }, retry: { baseMs: 20, maxMs: 100, maxAttempts: 4 }, longPollMs: 5000,
  });
  const rx = await receiver([503, 503]);
  t.after(async () => { await service.close(); await rx.close(); rmSync(dir, { recursive: true, force: true }); });
  const token = mintToken({ secret, target: 'export-service', path: '/export', method: 'POST', destination: rx.url, component: 'app1', generation: 0, expiresAt: Date.now() + 60_000 });
  const post = (p: string, body: string, key = token) => fetch(`${service.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body });

  const accepted = await post('/export', JSON.stringify({ uri: rx.url, data: { temperature: 21.5 } }));
  assert.equal(accepted.status, 202);
  const { id, state } = await accepted.json() as { id: string; state: string };
  assert.equal(state, 'Pending');
  const polled = await (await post('/lp/export', JSON.stringify({ id }))).json() as { state: string; ext_response: { status: number; body: string } };
  assert.deepEqual(polled, { id, state: 'Finished', ext_response: { status: 200, body: 'thanks' } });
  assert.equal(rx.got.length, 3, 'two 503s, then delivered');
  assert.deepEqual(JSON.parse(rx.got[2]?.body ?? ''), { temperature: 21.5 });
  assert.equal(rx.got[2]?.headers['databox-export-id'], id);

  const elsewhere = await post('/export', JSON.stringify({ uri: `${rx.url}/other`, data: 1 }));
  assert.equal(elsewhere.status, 403);
  assert.equal(((await elsewhere.json()) as { error: { code: string } }).error.code, 'token-caveat-destination');
  assert.equal((await post('/export', JSON.stringify({ uri: rx.url, data: 1 }), 'forged')).status, 401);
  assert.equal((await post('/export', '{"uri": ')).status, 400);
  assert.equal((await post('/export', JSON.stringify({ uri: 42, data: 1 }))).status, 400);
  assert.equal((await post('/export', JSON.stringify({ uri: rx.url }))).status, 400);
  assert.equal((await post('/export', JSON.stringify({ uri: rx.url, data: 'x'.repeat(1_100_000) }))).status, 413);
  assert.equal((await post('/lp/export', JSON.stringify({ id: '00000000-0000-0000-0000-000000000000' }))).status, 404);
  assert.equal(rx.got.length, 3, 'nothing refused was sent');

  const kinds = events.map((e) => e.kind);
  assert.deepEqual(kinds.filter((k) => k.startsWith('export') && k !== 'export-refused'), ['export', 'export-retry', 'export-retry', 'export-delivered']);
  const refused = events.filter((e) => e.kind === 'export-refused');
  assert.equal(refused.length, 6);
  assert.equal(refused[0]?.component, 'app1', 'a genuine token names its app');
  assert.equal(refused[0]?.destination, `${rx.url}/other`);
  assert.equal(events.find((e) => e.kind === 'export-delivered')?.bytes, Buffer.byteLength('{"temperature":21.5}'));
});

test('a destination that keeps failing is given up after the policy, and redirects are not followed', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'export-'));
  const service = await startExportService({ dataDir: dir, port: 0, secret, currentGeneration: () => 0, retry: { baseMs: 10, maxMs: 20, maxAttempts: 3 }, longPollMs: 5000 });
  const rx = await receiver([500, 500, 500, 302]);
  t.after(async () => { await service.close(); await rx.close(); rmSync(dir, { recursive: true, force: true }); });
  const token = mintToken({ secret, target: 'export-service', path: '/export', method: 'POST', destination: rx.url, component: 'app1', generation: 0, expiresAt: Date.now() + 60_000 });
  const send = async (data: unknown) => {
    const { id } = await (await fetch(`${service.url}/export`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': token }, body: JSON.stringify({ uri: rx.url, data }) })).json() as { id: string };
    return await (await fetch(`${service.url}/lp/export`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': token }, body: JSON.stringify({ id }) })).json() as { ext_response: { status: number } };
  };
  assert.equal((await send('a')).ext_response.status, 500);
  assert.equal(rx.got.length, 3);
  assert.equal((await send('b')).ext_response.status, 302);
  assert.equal(rx.got.length, 4, 'the redirect was not followed');
  assert.equal(rx.got[3]?.headers['content-type'], 'text/plain; charset=utf-8');
});

test('an app cannot queue more than its limit of undelivered exports', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'export-'));
  const service = await startExportService({ dataDir: dir, port: 0, secret, currentGeneration: () => 0, retry: { baseMs: 60_000, maxMs: 60_000, maxAttempts: 5 }, maxOpenPerApp: 2 });
  const rx = await receiver([503, 503, 503]);
  t.after(async () => { await service.close(); await rx.close(); rmSync(dir, { recursive: true, force: true }); });
  const token = mintToken({ secret, target: 'export-service', path: '/export', method: 'POST', destination: rx.url, component: 'app1', generation: 0, expiresAt: Date.now() + 60_000 });
  const send = () => fetch(`${service.url}/export`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': token }, body: JSON.stringify({ uri: rx.url, data: 1 }) });
  assert.equal((await send()).status, 202);
  assert.equal((await send()).status, 202);
  const full = await send();
  assert.equal(full.status, 429);
  assert.match(await full.text(), /export-queue-full/);
});
