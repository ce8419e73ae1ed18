// Bad input to the arbiter, the export service and the audit log (real services): malformed
// JSON, wrong types, huge bodies, path tricks, unknown components. Each gets a clear 4xx with
// a Databox error body, nothing is stored, and every service keeps answering.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_KEY, SERVICE_KEY, startBoxControl, type BoxControl } from './support/box-control.fixture';
import type { Registration } from '../box/arbiter/arbiter.types';

let box: BoxControl;
let app: Registration;
const huge = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });

before(async () => {
  box = await startBoxControl();
  app = await box.register('app1', 'app');
  await box.grant('app1', { target: 'export-service', path: '/export', method: 'POST', destination: `${box.receiver.url}/in` });
});
after(() => box.close());

async function expectError(response: Promise<Response>, status: number, code?: RegExp): Promise<void> {
  const r = await response;
  const text = await r.text();
  assert.equal(r.status, status, text);
  const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
  assert.equal(typeof body.error?.message, 'string', text);
  if (code) assert.match(body.error?.code ?? '', code, text);
  assert.doesNotMatch(text, /at .*\.ts:\d+/, 'no stack trace');
}

const raw = (url: string, key: string, body: string, method = 'POST') => fetch(url, { method, headers: { 'x-api-key': key, 'content-type': 'application/json' }, body });

test('arbiter: malformed, mistyped, huge, tricky and unknown requests are refused and store nothing', async () => {
  const admin = (p: string, body: string, method = 'POST') => raw(`${box.arbiterUrl}/admin${p}`, ADMIN_KEY, body, method);
  const before = await (await fetch(`${box.arbiterUrl}/admin/components`, { headers: { 'x-api-key': ADMIN_KEY } })).text();
  await expectError(admin('/components', '{"name": "a",'), 400, /body-malformed/);
  await expectError(admin('/components', '[1,2]'), 400);
  await expectError(admin('/components', JSON.stringify({ name: 123, type: 'app' })), 400);
  await expectError(admin('/components', JSON.stringify({ name: 'Bad Name', type: 'app' })), 400, /component-name-invalid/);
  await expectError(admin('/components', JSON.stringify({ name: 'ok', type: 'root' })), 400);
  await expectError(admin('/components', JSON.stringify({ name: 'ok', type: 'store', endpoint: 'javascript:alert(1)' })), 400);
  await expectError(admin('/components', JSON.stringify({ name: 'ok', type: 'app', key: 'short' })), 400, /component-key-weak/);
  await expectError(admin('/components', huge), 413, /body-too-large/);
  await expectError(admin('/components/ghost/grants', JSON.stringify({ target: box.storeName, path: '/ts/*', method: 'GET' })), 404, /component-unknown/);
  await expectError(admin('/components/app1/grants', JSON.stringify({ target: box.storeName, path: '/ts/a/../../kv/*', method: 'GET' })), 400, /grant-invalid/);
  await expectError(admin('/components/app1/grants', JSON.stringify({ target: box.storeName, path: '/ts/a%2f..%2fkv', method: 'GET' })), 400, /grant-invalid/);
  await expectError(admin('/components/app1/grants', JSON.stringify({ target: box.storeName, path: '/ts/*', method: 'GET', sudo: true })), 400, /grant-invalid/);
  await expectError(admin('/components/ghost', '', 'DELETE'), 404);
  await expectError(admin('/components/ghost/revoke', '{}'), 404);
  await expectError(fetch(`${box.arbiterUrl}/admin/components`, { headers: { 'x-api-key': app.key } }), 401, /key-invalid/);

  const token = (body: string, key = app.key) => raw(`${box.arbiterUrl}/token`, key, body);
  await expectError(token('{"target":'), 400, /body-malformed/);
  await expectError(token(JSON.stringify({ target: box.storeName, path: 7, method: 'GET' })), 400);
  await expectError(token(JSON.stringify({ target: box.storeName, path: '/ts/x/..', method: 'GET' })), 400);
  await expectError(token(huge), 413);
  await expectError(token(JSON.stringify({ target: 'no-such-store', path: '/ts/x', method: 'GET' })), 403, /token-not-granted/);
  await expectError(token(JSON.stringify({ target: box.storeName, path: '/ts/x', method: 'GET' }), 'an-unknown-component-key-0123456789'), 401);
  await expectError(fetch(`${box.arbiterUrl}/nope`), 404, /not-found/);

  assert.equal(await (await fetch(`${box.arbiterUrl}/admin/components`, { headers: { 'x-api-key': ADMIN_KEY } })).text(), before, 'nothing stored');
  assert.equal((await fetch(`${box.arbiterUrl}/health`)).status, 200);
});

test('export service: malformed, mistyped and huge exports are refused, nothing queued or sent', async () => {
  const exportToken = await (await box.token(app.key, { target: 'export-service', path: '/export', method: 'POST', destination: `${box.receiver.url}/in` })).text();
  const post = (p: string, body: string) => raw(`${box.exportService.url}${p}`, exportToken, body);
  await expectError(post('/export', '{"uri": "http://'), 400, /body-malformed/);
  await expectError(post('/export', JSON.stringify({ uri: ['a'], data: 1 })), 400);
  await expectError(post('/export', JSON.stringify({ uri: 'not a url', data: 1 })), 400);
  await expectError(post('/export', JSON.stringify({ uri: `${box.receiver.url}/in` })), 400);
  await expectError(post('/export', JSON.stringify({ uri: `${box.receiver.url}/in`, data: 'x'.repeat(2 * 1024 * 1024) })), 413, /body-too-large/);
  await expectError(post('/export', JSON.stringify({ uri: `${box.receiver.url}/in/../admin`, data: 1 })), 403, /token-caveat-destination/);
  await expectError(post('/lp/export', JSON.stringify({ id: "' OR 1=1 --" })), 400);
  await expectError(post('/lp/export', JSON.stringify({ id: '6f1c1c4e-0000-4000-8000-000000000000' })), 404, /export-unknown/);
  await expectError(raw(`${box.exportService.url}/export`, 'garbage', JSON.stringify({ uri: `${box.receiver.url}/in`, data: 1 })), 401);
  const health = await (await fetch(`${box.exportService.url}/health`)).json() as { open: number };
  assert.equal(health.open, 0, 'nothing queued');
  assert.equal(box.receiver.got.length, 0, 'nothing sent');
  const refused = (await box.events({ kind: 'export-refused' })).length;
  assert.equal(refused, 7, 'each refused export is in the audit log');
});

test('audit log: malformed, mistyped, oversized and unknown-field batches are refused whole', async () => {
  const beforeCount = (await box.events()).length;
  const append = (body: string) => raw(`${box.auditUrl}/events`, SERVICE_KEY, body);
  const good = { id: 'good-event-1', time: 1, component: 'app1', kind: 'export' };
  await expectError(append('{"events": [}'), 400, /body-malformed/);
  await expectError(append(JSON.stringify({ events: 'all' })), 400, /audit-events-invalid/);
  await expectError(append(JSON.stringify({ events: [good, { ...good, id: 'bad-event-2', time: 'yesterday' }] })), 400, /audit-events-invalid/);
  await expectError(append(JSON.stringify({ events: [{ ...good, admin: true }] })), 400);
  await expectError(append(JSON.stringify({ events: [{ ...good, component: '../../etc' }] })), 400);
  await expectError(append(JSON.stringify({ events: Array.from({ length: 1001 }, (_, i) => ({ ...good, id: `event-${String(i).padStart(6, '0')}` })) })), 400);
  await expectError(append(JSON.stringify({ events: [{ ...good, detail: 'x'.repeat(2 * 1024 * 1024) }] })), 413);
  await expectError(fetch(`${box.auditUrl}/events?limit=999999`, { headers: { 'x-api-key': ADMIN_KEY } }), 400);
  await expectError(fetch(`${box.auditUrl}/events?component=a&component=b`, { headers: { 'x-api-key': ADMIN_KEY } }), 400);
  assert.equal((await box.events()).length, beforeCount, 'nothing stored');
  assert.equal((await fetch(`${box.auditUrl}/health`)).status, 200);
});

test('datastore: every bad-input refusal (400, 404, 405, 413) is answered in the one error shape and in the owner\'s audit log', async () => {
  await box.grant('app1', { target: box.storeName, path: '/ts/mine', method: 'POST' });
  await box.grant('app1', { target: box.storeName, path: '/ts/mine/*', method: 'GET' });
  await box.grant('app1', { target: box.storeName, path: '/kv/prefs/*', method: 'POST' });
  const token = async (path: string, method: 'GET' | 'POST') => (await box.token(app.key, { target: box.storeName, path, method })).text();
  const post = await token('/ts/mine', 'POST');
  const get = await token('/ts/mine/*', 'GET');
  const kv = await token('/kv/prefs/*', 'POST');
  const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  const cases: [string, Promise<Response>, number, RegExp][] = [
    ['/ts/mine%2Fx', fetch(`${box.store.url}/ts/mine%2Fx/latest`, { headers: { 'x-api-key': get } }), 400, /path-invalid/],
    ['/nowhere', fetch(`${box.store.url}/nowhere`, { headers: { 'x-api-key': get } }), 404, /path-unknown/],
    ['/ts/mine', raw(`${box.store.url}/ts/mine`, post, '{"value": ', 'POST'), 400, /body-malformed/],
    ['/ts/mine', raw(`${box.store.url}/ts/mine`, post, '{"value": "warm"}', 'POST'), 400, /point-invalid/],
    ['/ts/mine', raw(`${box.store.url}/ts/mine`, post, JSON.stringify({ value: 1, pad: 'x'.repeat(9 * 1024 * 1024) }), 'POST'), 413, /body-too-large/],
    ['/kv/prefs/theme', raw(`${box.store.url}/kv/prefs/theme`, kv, deep, 'POST'), 400, /json-too-deep/],
    ['/ts/mine/latest', fetch(`${box.store.url}/ts/mine/latest`, { headers: { 'x-api-key': get } }), 404, /datasource-unknown/],
    ['/ts/mine', fetch(`${box.store.url}/ts/mine`, { method: 'DELETE', headers: { 'x-api-key': get } }), 405, /method-not-allowed/],
  ];
  for (const [, response, status, code] of cases) await expectError(response, status, code);
  const refused = (await box.events({ kind: 'request-refused' })).filter((e) => e.source === box.storeName && e.status !== 401 && e.status !== 403);
  for (const [path, , status, code] of cases) {
    const found = refused.find((e) => e.status === status && code.test(e.detail ?? '') && (e.path ?? '').startsWith(path));
    assert.ok(found, `audited: ${status} ${code} on ${path}; saw ${JSON.stringify(refused.map((e) => [e.status, e.path, e.detail?.slice(0, 40)]))}`);
  }
  const withToken = refused.filter((e) => /body-malformed|point-invalid|json-too-deep|datasource-unknown/.test(e.detail ?? ''));
  assert.ok(withToken.length >= 4 && withToken.every((e) => e.component === 'app1'), 'a refusal after the token checked out names the app');
  const stored = await fetch(`${box.store.url}/ts/mine/latest`, { headers: { 'x-api-key': get } });
  assert.equal(stored.status, 404, 'nothing was stored by any of them');
});

test('every service refuses JSON nested 5,000 levels deep with a 400 json-too-deep, never a 500', async () => {
  const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
  const exportToken = await (await box.token(app.key, { target: 'export-service', path: '/export', method: 'POST', destination: `${box.receiver.url}/in` })).text();
  await expectError(raw(`${box.exportService.url}/export`, exportToken, `{"uri": "${box.receiver.url}/in", "data": ${deep}}`), 400, /json-too-deep/);
  await expectError(raw(`${box.arbiterUrl}/admin/components`, ADMIN_KEY, `{"name": ${deep}}`), 400, /json-too-deep/);
  await expectError(raw(`${box.auditUrl}/events`, SERVICE_KEY, `{"events": ${deep}}`), 400, /json-too-deep/);
  await expectError(raw(`${box.arbiterUrl}/token`, app.key, `{"target": ${deep}}`), 400, /json-too-deep/);
  assert.equal(box.receiver.got.length, 0, 'nothing was exported');
});
