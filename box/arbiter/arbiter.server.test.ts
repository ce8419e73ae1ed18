import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startArbiter } from './arbiter.server';
import { createRevocationClient } from '../tokens/revocation.client';
import { verifyToken } from '../tokens/token.verify';
import type { AuditInput } from '../audit/audit.types';
import { eventually } from '../../test/support/eventually';

const adminKey = 'admin-key-for-tests-0123456789abcdef';

test('register, grant, mint within grants, catalogue, revoke pushed to a store before the call returns', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'arbiter-'));
  const events: AuditInput[] = [];
  const arbiter = await startArbiter({ dataDir: dir, port: 0, adminKeys: [adminKey], audit: { record: (e) => events.push(e) } });
  t.after(async () => { await arbiter.close(); rmSync(dir, { recursive: true, force: true }); });
  const admin = (method: string, p: string, body?: unknown) => fetch(`${arbiter.url}/admin${p}`, { method, headers: { 'x-api-key': adminKey, 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });

  const store = await (await admin('POST', '/components', { name: 'store-a', type: 'store', endpoint: 'http://store-a:8080' })).json() as { key: string; secret: string };
  assert.ok(store.secret.length >= 32);
  const app = await (await admin('POST', '/components', { name: 'app1', type: 'app' })).json() as { key: string };
  assert.equal((await admin('POST', '/components', { name: 'app1', type: 'app' })).status, 409);
  assert.equal((await admin('POST', '/components/app1/grants', { target: 'store-a', path: '/ts/load*', method: 'GET' })).status, 201);
  assert.equal((await admin('POST', '/components/app1/grants', { target: 'nowhere', path: '/ts/*', method: 'GET' })).status, 400);
  assert.equal((await admin('POST', '/components/ghost/grants', { target: 'store-a', path: '/ts/*', method: 'GET' })).status, 404);
  assert.equal((await fetch(`${arbiter.url}/admin/components`, { headers: { 'x-api-key': app.key } })).status, 401, 'an app key is not the admin key');

  const ask = (body: unknown, key = app.key) => fetch(`${arbiter.url}/token`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const minted = await ask({ target: 'store-a', path: '/ts/load1', method: 'GET' });
  assert.equal(minted.status, 200);
  const token = await minted.text();
  const facts = { target: 'store-a', path: '/ts/load1', method: 'GET', now: Date.now() };

  const revocation = createRevocationClient(arbiter.url, { key: store.key });
  t.after(() => revocation.close());
  await revocation.ready();
  assert.equal(verifyToken(token, store.secret, facts, revocation.currentGeneration).ok, true);

  const refused = await ask({ target: 'store-a', path: '/kv/secret', method: 'GET' });
  assert.equal(refused.status, 403);
  assert.match(((await refused.json()) as { error: { message: string } }).error.message, /no grant for GET store-a\/kv\/secret/);
  assert.equal((await ask({ target: 'store-a', path: '/ts/load1', method: 'POST' })).status, 403);
  assert.equal((await ask({ target: 'store-a', path: '/ts/load1', method: 'GET' }, 'wrong-key')).status, 401);
  assert.equal((await ask({ target: 'store-a', path: '/ts/load1/../../kv', method: 'GET' })).status, 400);

  const cat = await (await fetch(`${arbiter.url}/cat`, { headers: { 'x-api-key': app.key } })).json() as { items: { href: string }[] };
  assert.deepEqual(cat.items.map((i) => i.href), ['http://store-a:8080/cat']);
  assert.equal((await fetch(`${arbiter.url}/cat`)).status, 401);

  assert.equal((await admin('POST', '/components/app1/revoke')).status, 200);
  const revoked = verifyToken(token, store.secret, { ...facts, now: Date.now() }, revocation.currentGeneration);
  assert.ok(!revoked.ok && revoked.code === 'token-revoked', 'refused as soon as the revoke call returned');
  const fresh = await (await ask({ target: 'store-a', path: '/ts/load1', method: 'GET' })).text();
  assert.equal(verifyToken(fresh, store.secret, { ...facts, now: Date.now() }, revocation.currentGeneration).ok, true);

  assert.equal((await admin('DELETE', '/components/app1/grants', { target: 'store-a', path: '/ts/load*', method: 'GET' })).status, 200);
  assert.equal(verifyToken(fresh, store.secret, { ...facts, now: Date.now() }, revocation.currentGeneration).ok, false, 'a removed grant revokes the tokens');
  assert.equal((await ask({ target: 'store-a', path: '/ts/load1', method: 'GET' })).status, 403);
  assert.equal((await admin('DELETE', '/components/app1/grants', { target: 'store-a', path: '/ts/load*', method: 'GET' })).status, 404);
  assert.equal((await admin('DELETE', '/components/app1')).status, 204);
  assert.equal(revocation.currentGeneration('app1'), undefined, 'unregistered: unknown to the store at once');
  assert.equal((await ask({ target: 'store-a', path: '/ts/load1', method: 'GET' })).status, 401);

  const kinds = events.map((e) => `${e.component}:${e.kind}`);
  for (const k of ['store-a:register', 'app1:register', 'app1:grant', 'app1:token-mint', 'app1:token-refused', 'app1:revoke', 'app1:unregister']) assert.ok(kinds.includes(k), k);
  assert.equal(events.filter((e) => e.kind === 'token-mint').length, 2, 'every mint audited');
});

test('generations survive a restart and never go back on re-registration; a closed arbiter fails stores closed', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'arbiter-'));
  let arbiter = await startArbiter({ dataDir: dir, port: 0, adminKeys: [adminKey] });
  t.after(async () => { await arbiter.close(); rmSync(dir, { recursive: true, force: true }); });
  const admin = (method: string, p: string, body?: unknown) => fetch(`${arbiter.url}/admin${p}`, { method, headers: { 'x-api-key': adminKey, 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const store = await (await admin('POST', '/components', { name: 'store-a', type: 'store' })).json() as { key: string };
  await admin('POST', '/components', { name: 'app1', type: 'app' });
  await admin('POST', '/components/app1/revoke');
  await admin('DELETE', '/components/app1');
  const again = await (await admin('POST', '/components', { name: 'app1', type: 'app' })).json() as { generation: number };
  assert.equal(again.generation, 3, 'register 0, revoke 1, unregister 2, register again 3');
  const port = arbiter.port;
  await arbiter.close();
  arbiter = await startArbiter({ dataDir: dir, port, adminKeys: [adminKey] });
  const revocation = createRevocationClient(arbiter.url, { key: store.key, maxBackoffMs: 100 });
  t.after(() => revocation.close());
  await revocation.ready();
  assert.equal(revocation.currentGeneration('app1'), 3);
  const stranger = createRevocationClient(arbiter.url, { key: 'not-a-registered-key-0123456789ab' });
  await assert.rejects(stranger.ready(500), /401/);
  await stranger.close();
  await arbiter.close();
  await eventually(() => !revocation.connected(), 'the revocation client noticed that the arbiter closed');
  assert.equal(revocation.currentGeneration('app1'), undefined, 'fails closed without the arbiter');
});
