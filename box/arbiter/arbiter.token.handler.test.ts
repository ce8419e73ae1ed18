import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startArbiter } from './arbiter.server';
import { verifyToken } from '../tokens/token.verify';
import type { AuditInput } from '../audit/audit.types';

const adminKey = 'admin-key-for-tests-0123456789abcdef';

test('POST /token on bare node:http answers like the Express route, refuses bad input, audits each mint', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'arbiter-token-'));
  const events: AuditInput[] = [];
  const arbiter = await startArbiter({ dataDir: dir, port: 0, adminKeys: [adminKey], audit: { record: (e) => events.push(e) } });
  t.after(async () => { await arbiter.close(); rmSync(dir, { recursive: true, force: true }); });
  const admin = (p: string, body: unknown) => fetch(`${arbiter.url}/admin${p}`, { method: 'POST', headers: { 'x-api-key': adminKey, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const store = await (await admin('/components', { name: 'store-a', type: 'store' })).json() as { secret: string };
  const app = await (await admin('/components', { name: 'app1', type: 'app' })).json() as { key: string };
  await admin('/components/app1/grants', { target: 'store-a', path: '/ts/a*', method: 'GET' });
  const request = JSON.stringify({ target: 'store-a', path: '/ts/a/*', method: 'GET' });
  const ask = (url: string, init: { body?: string; headers?: Record<string, string> } = {}) => fetch(`${arbiter.url}${url}`, { method: 'POST', body: init.body ?? request, headers: { 'x-api-key': app.key, 'content-type': 'application/json', ...init.headers } });
  const facts = { target: 'store-a', path: '/ts/a/latest', method: 'GET', now: Date.now() };

  for (const url of ['/token', '/token?x=1', '/token/']) { // the last goes through Express
    const response = await ask(url);
    assert.equal(response.status, 200, url);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
    assert.equal(verifyToken(await response.text(), store.secret, facts, () => 0).ok, true, url);
  }
  const bearer = await fetch(`${arbiter.url}/token`, { method: 'POST', body: request, headers: { authorization: `Bearer ${app.key}`, 'content-type': 'application/json' } });
  assert.equal(bearer.status, 200, 'a Bearer key works as on the other endpoints');
  assert.equal((await ask('/token')).headers.get('cache-control'), 'no-store');

  const refusals: [Parameters<typeof ask>[1], number, string][] = [
    [{ body: '{"target":' }, 400, 'body-malformed'],
    [{ body: request, headers: { 'content-type': 'text/plain' } }, 400, 'grant-invalid'],
    [{ body: JSON.stringify({ target: 'store-a', path: '/kv/a', method: 'GET' }) }, 403, 'token-not-granted'],
    [{ body: JSON.stringify({ target: 'store-a', path: '/ts/a', method: 'GET', extra: 1 }) }, 400, 'grant-invalid'],
    [{ body: request, headers: { 'x-api-key': 'not-a-key-0123456789abcdef0123456789' } }, 401, 'component-key-invalid'],
    [{ body: request, headers: { 'content-encoding': 'gzip' } }, 415, 'body-encoding'],
    [{ body: request, headers: { 'content-type': 'application/json; charset=latin1' } }, 415, 'body-encoding'],
    [{ body: JSON.stringify({ target: 'store-a', path: `/ts/a/${'x'.repeat(17_000)}`, method: 'GET' }) }, 413, 'body-too-large'],
  ];
  for (const [init, status, code] of refusals) {
    const response = await ask('/token', init);
    assert.equal(response.status, status, code);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, code);
  }
  assert.equal(events.filter((e) => e.kind === 'token-mint').length, 5, 'every mint audited');
  assert.equal(events.filter((e) => e.kind === 'token-refused').length, 3, 'refusals of a known component audited');
});
