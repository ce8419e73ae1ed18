import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createAuditClient, type AuditClient } from '../audit/audit.client';
import { startAuditService } from '../audit/audit.server';
import type { RunningService } from '../service/service.http';
import { mintToken } from '../tokens/token.mint';
import { startTestDataStore, type TestDataStore } from './datastore.fixture';

// The store refuses every request whose token fails, with a body naming the caveat, and the
// real audit log (service + client) records each refusal and the writes.
let t: TestDataStore;
let auditService: RunningService;
let auditClient: AuditClient;
let auditDir: string;
const generations = new Map<string, number>([['test-app', 0], ['other-app', 3]]);

before(async () => {
  auditDir = mkdtempSync(join(tmpdir(), 'databox-store-audit-'));
  auditService = await startAuditService({ dataDir: auditDir, port: 0, serviceKeys: ['service-key-0123456789'], adminKeys: ['admin-key-0123456789'] });
  auditClient = createAuditClient(auditService.url, { key: 'service-key-0123456789', flushDelayMs: 5 });
  t = await startTestDataStore({ audit: auditClient, currentGeneration: (component) => generations.get(component) });
  assert.equal((await t.call('POST', '/ts/temp', { value: 20 })).status, 200);
});
after(async () => {
  await t.close();
  await auditClient.close();
  await auditService.close();
  rmSync(auditDir, { recursive: true, force: true });
});

const send = async (method: string, path: string, token: string | undefined, body?: unknown): Promise<{ status: number; error: { code: string; caveat?: string; message: string } }> => {
  const response = await fetch(t.url + path, { method, headers: token === undefined ? {} : { 'x-api-key': token }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const json = (await response.json()) as { error: { code: string; caveat?: string; message: string } };
  return { status: response.status, error: json.error };
};

test('a granted read passes; an exact-path token does not open other paths', async () => {
  const response = await fetch(`${t.url}/ts/temp/latest`, { headers: { 'x-api-key': t.token('/ts/temp/latest', 'GET') } });
  assert.equal(response.status, 200);
  const prefix = t.token('/ts/temp/*', 'GET');
  assert.equal((await fetch(`${t.url}/ts/temp/last/5`, { headers: { 'x-api-key': prefix } })).status, 200);
  const other = await send('GET', '/ts/other/latest', prefix);
  assert.equal(other.status, 403);
  assert.equal(other.error.caveat, 'path = /ts/temp/*');
});

test('missing, malformed, forged, tampered and expired tokens are 401', async () => {
  assert.equal((await send('GET', '/ts/temp/latest', undefined)).status, 401);
  assert.equal((await send('GET', '/ts/temp/latest', 'not a token!')).error.code, 'token-malformed');
  const forged = mintToken({ secret: 'some-other-secret-0123456789', target: t.name, path: '/ts/temp/latest', method: 'GET', component: 'test-app', generation: 0, expiresAt: Date.now() + 60_000 });
  assert.deepEqual((await send('GET', '/ts/temp/latest', forged)).error.code, 'token-invalid');
  const good = t.token('/ts/temp/latest', 'GET');
  const bytes = Buffer.from(good, 'base64url');
  bytes[bytes.length - 40] ^= 1;
  assert.equal((await send('GET', '/ts/temp/latest', bytes.toString('base64url'))).status, 401);
  const expired = await send('GET', '/ts/temp/latest', t.token('/ts/temp/latest', 'GET', { expiresAt: Date.now() - 1 }));
  assert.equal(expired.status, 401);
  assert.equal(expired.error.code, 'token-expired');
  assert.match(expired.error.caveat ?? '', /^time < \d+$/);
});

test('caveats that do not allow the request are 403, naming the caveat; nothing is written', async () => {
  const write = await send('POST', '/ts/temp', t.token('/ts/temp', 'GET'), { value: 99 });
  assert.equal(write.status, 403);
  assert.equal(write.error.caveat, 'method = GET');
  const target = await send('GET', '/ts/temp/latest', t.token('/ts/temp/latest', 'GET', { target: 'another-store' }));
  assert.equal(target.status, 403);
  assert.equal(target.error.caveat, 'target = another-store');
  const observeOnly = await send('GET', '/ts/temp/latest', t.token('/ts/temp/latest', 'GET', { observe: 'data' }));
  assert.equal(observeOnly.status, 403);
  assert.equal(observeOnly.error.code, 'token-caveat-observe');
  assert.deepEqual((await t.call('GET', '/ts/temp/length')).json, { result: 1 });
});

test('a multi-series batch needs the token to allow a write to every series in it; else nothing is written', async () => {
  const token = t.token('/ts/batch', 'POST');
  const refused = await send('POST', '/ts/batch', token, { temp: [{ value: 1 }], other: [{ value: 2 }] });
  assert.equal(refused.status, 403);
  assert.equal(refused.error.caveat, 'path = /ts/batch');
  const prefix = t.token('/ts/*', 'POST');
  const ok = await fetch(`${t.url}/ts/batch`, { method: 'POST', headers: { 'x-api-key': prefix }, body: JSON.stringify({ temp: [{ value: 1 }], other: [{ value: 2 }] }) });
  assert.equal(ok.status, 200);
  const narrow = t.token('/ts/b*', 'POST');
  const partly = await send('POST', '/ts/batch', narrow, { bb: [{ value: 1 }], temp: [{ value: 2 }] });
  assert.equal(partly.status, 403);
  assert.equal((await t.call('GET', '/ts/bb/length')).status, 404, 'nothing of the refused batch was written');
  assert.deepEqual((await t.call('GET', '/ts/temp/length')).json, { result: 2 });
});

test('a revoked component is refused at once; unknown components too', async () => {
  const token = t.token('/ts/temp/latest', 'GET');
  assert.equal((await fetch(`${t.url}/ts/temp/latest`, { headers: { 'x-api-key': token } })).status, 200);
  generations.set('test-app', 1);
  const revoked = await send('GET', '/ts/temp/latest', token);
  assert.equal(revoked.status, 401);
  assert.equal(revoked.error.code, 'token-revoked');
  generations.set('test-app', 0);
  const stranger = await send('GET', '/ts/temp/latest', t.token('/ts/temp/latest', 'GET', { component: 'nobody' }));
  assert.equal(stranger.status, 401);
});

test('refused requests and writes reach the audit log', async () => {
  await send('GET', '/ts/secret/latest', t.token('/ts/temp/*', 'GET'));
  assert.equal((await t.call('POST', '/ts/audited/batch', [{ value: 1 }, { value: 2 }])).status, 200);
  const deadline = Date.now() + 10_000;
  let refused: { path: string; status: number; detail: string; component: string }[] = [];
  let writes: { path: string; component: string; detail: string }[] = [];
  while (Date.now() < deadline) {
    await auditClient.flush(5000);
    const get = async (kind: string): Promise<unknown> => (await (await fetch(`${auditService.url}/events?kind=${kind}`, { headers: { 'x-api-key': 'admin-key-0123456789' } })).json() as { events: unknown }).events;
    refused = (await get('request-refused')) as typeof refused;
    writes = (await get('store-write')) as typeof writes;
    if (writes.some((w) => w.path === '/ts/audited') && refused.some((r) => r.path === '/ts/secret/latest')) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const secret = refused.find((r) => r.path === '/ts/secret/latest');
  assert.ok(secret, 'the refused read is audited');
  assert.equal(secret.status, 403);
  assert.match(secret.detail, /token-caveat-path/);
  assert.equal(secret.component, 'test-app', 'a genuine token names its component');
  assert.ok(refused.some((r) => r.status === 401 && r.component === 'unknown'), 'refused 401s of forged tokens are audited, naming nobody');
  const batch = writes.find((w) => w.path === '/ts/audited');
  assert.ok(batch, 'the write is audited');
  assert.equal(batch.component, 'test-app');
  assert.match(batch.detail, /2 points/);
});
