// The token matrix on real services (audit log, arbiter, datastore, export service over
// loopback HTTP, SQLite and WebSocket): each allowed or refused request, and its audit entry.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { mintToken } from '../box/tokens/token.mint';
import { startBoxControl, type BoxControl } from './support/box-control.fixture';
import type { Registration } from '../box/arbiter/arbiter.types';
import type { StoredAuditEvent } from '../box/audit/audit.types';

let box: BoxControl;
let app: Registration;
let readToken: string;

const get = (url: string, token: string) => fetch(url, { headers: { 'x-api-key': token } });
const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;
const refusedAt = (events: StoredAuditEvent[], p: string, status: number) => events.filter((e) => e.kind === 'request-refused' && e.path === p && e.status === status);

before(async () => {
  box = await startBoxControl();
  const driver = await box.register('os-driver', 'driver');
  await box.grant('os-driver', { target: box.storeName, path: '/ts/loadavg1', method: 'POST' });
  const write = await box.token(driver.key, { target: box.storeName, path: '/ts/loadavg1', method: 'POST' });
  const written = await fetch(`${box.store.url}/ts/loadavg1`, { method: 'POST', headers: { 'x-api-key': await write.text(), 'content-type': 'application/json' }, body: JSON.stringify({ value: 0.5 }) });
  assert.equal(written.status, 200, await written.clone().text());
  app = await box.register('app1', 'app');
  await box.grant('app1', { target: box.storeName, path: '/ts/loadavg1*', method: 'GET' });
  await box.grant('app1', { target: 'export-service', path: '/export', method: 'POST', destination: `${box.receiver.url}/in` });
  const minted = await box.token(app.key, { target: box.storeName, path: '/ts/loadavg1*', method: 'GET' });
  assert.equal(minted.status, 200);
  readToken = await minted.text();
});
after(() => box.close());

test('granted read: 200 with the data, and the mint is audited', async () => {
  const response = await get(`${box.store.url}/ts/loadavg1/latest`, readToken);
  assert.equal(response.status, 200);
  assert.match(await response.text(), /0\.5/);
  const minted = (await box.events({ component: 'app1', kind: 'token-mint' })).filter((e) => e.path === '/ts/loadavg1*');
  assert.equal(minted.length, 1);
});

test('ungranted source: the arbiter refuses a token (403) and the store refuses the granted token elsewhere (403), both audited', async () => {
  const asked = await box.token(app.key, { target: box.storeName, path: '/ts/secret/*', method: 'GET' });
  assert.equal(asked.status, 403);
  assert.equal(await errorCode(asked), 'token-not-granted');
  const used = await get(`${box.store.url}/ts/secret/latest`, readToken);
  assert.equal(used.status, 403);
  assert.equal(await errorCode(used), 'token-caveat-path');
  const events = await box.events();
  assert.equal(events.filter((e) => e.component === 'app1' && e.kind === 'token-refused' && e.path === '/ts/secret/*' && e.status === 403).length, 1);
  assert.equal(refusedAt(events, '/ts/secret/latest', 403).length, 1);
});

test('forged, tampered and expired tokens: 401, audited', async () => {
  const claims = { target: box.storeName, path: '/ts/loadavg1*', method: 'GET' as const, component: 'app1', generation: 0 };
  const forged = mintToken({ ...claims, secret: 'not-the-store-secret-0123456789', expiresAt: Date.now() + 60_000 });
  const bytes = Buffer.from(readToken, 'base64url');
  bytes[bytes.indexOf('path = /ts/loadavg1*') + 18] = 0x2a; // the path caveat becomes '/ts/loadavg**'
  const tampered = bytes.toString('base64url');
  const expired = mintToken({ ...claims, secret: box.store.secret, expiresAt: Date.now() - 1 });
  const paths = { forged: '/ts/loadavg1/last/1', tampered: '/ts/loadavg1/last/2', expired: '/ts/loadavg1/last/3' };
  const codes: Record<string, string> = {};
  for (const [name, token] of Object.entries({ forged, tampered, expired })) {
    const response = await get(`${box.store.url}${paths[name as keyof typeof paths]}`, token);
    assert.equal(response.status, 401, name);
    codes[name] = await errorCode(response);
  }
  assert.deepEqual(codes, { forged: 'token-invalid', tampered: 'token-invalid', expired: 'token-expired' });
  const events = await box.events();
  for (const p of Object.values(paths)) assert.equal(refusedAt(events, p, 401).length, 1, p);
});

test('write on a read grant: the store answers 403 naming the method caveat, the arbiter will not mint it', async () => {
  const response = await fetch(`${box.store.url}/ts/loadavg1`, { method: 'POST', headers: { 'x-api-key': readToken, 'content-type': 'application/json' }, body: '{"value": 99}' });
  assert.equal(response.status, 403);
  assert.equal(await errorCode(response), 'token-caveat-method');
  assert.equal((await box.token(app.key, { target: box.storeName, path: '/ts/loadavg1', method: 'POST' })).status, 403);
  assert.match(await (await get(`${box.store.url}/ts/loadavg1/last/5`, readToken)).text(), /^\[\{"timestamp":\d+,"data":\{"value":0.5\}\}\]$/, 'nothing was written');
  const events = await box.events();
  assert.equal(refusedAt(events, '/ts/loadavg1', 403).length, 1);
  assert.ok(events.some((e) => e.component === 'app1' && e.kind === 'token-refused' && e.method === 'POST'));
});

test('observe without the observe caveat: 403 on subscribe; with an observe grant, writes arrive', async () => {
  const ws = new WebSocket(`${box.store.url.replace('http', 'ws')}/ws`, { headers: { 'x-api-key': readToken } });
  const closed = new Promise<{ code: number; error: string }>((resolve) => {
    let error = '';
    ws.on('message', (data) => { error = data.toString(); });
    ws.on('close', (code) => resolve({ code, error }));
  });
  ws.on('open', () => ws.send(JSON.stringify({ subscribe: '/ts/loadavg1' })));
  const { code, error } = await closed;
  assert.equal(code, 4403);
  assert.match(error, /token-caveat-observe/);
  assert.equal(refusedAt(await box.events(), '/ts/loadavg1', 403).filter((e) => /observe/.test(e.detail ?? '')).length, 1);

  await box.grant('app1', { target: box.storeName, path: '/ts/loadavg1', method: 'GET', observe: 'data' });
  const observeToken = await (await box.token(app.key, { target: box.storeName, path: '/ts/loadavg1', method: 'GET', observe: 'data' })).text();
  const watcher = new WebSocket(`${box.store.url.replace('http', 'ws')}/ws`, { headers: { 'x-api-key': observeToken } });
  const messages: unknown[] = [];
  const arrived = new Promise<void>((resolve) => watcher.on('message', (data) => {
    const message: unknown = JSON.parse(data.toString());
    messages.push(message);
    if (typeof message === 'object' && message !== null && 'subscribed' in message) void writeAgain();
    if (typeof message === 'object' && message !== null && 'data' in message) resolve();
  }));
  const writeAgain = async () => {
    const driverToken = mintToken({ secret: box.store.secret, target: box.storeName, path: '/ts/loadavg1', method: 'POST', component: 'os-driver', generation: 0, expiresAt: Date.now() + 60_000 });
    await fetch(`${box.store.url}/ts/loadavg1`, { method: 'POST', headers: { 'x-api-key': driverToken, 'content-type': 'application/json' }, body: '{"value": 0.75}' });
  };
  watcher.on('open', () => watcher.send(JSON.stringify({ subscribe: '/ts/loadavg1' })));
  await arrived;
  watcher.terminate();
  assert.match(JSON.stringify(messages.at(-1)), /"path":"\/ts\/loadavg1".*0\.75/);
});

test('export to a listed URL arrives at the receiver; to an unlisted URL: 403 at the arbiter and at the export service; all audited', async () => {
  const listed = `${box.receiver.url}/in`;
  const exportToken = await (await box.token(app.key, { target: 'export-service', path: '/export', method: 'POST', destination: listed })).text();
  const post = (p: string, body: unknown) => fetch(`${box.exportService.url}${p}`, { method: 'POST', headers: { 'x-api-key': exportToken, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const accepted = await post('/export', { uri: listed, data: { steps: 9000 } });
  assert.equal(accepted.status, 202);
  const { id } = await accepted.json() as { id: string };
  const finished = await (await post('/lp/export', { id })).json() as { state: string; ext_response: { status: number } };
  assert.equal(finished.state, 'Finished');
  assert.equal(finished.ext_response.status, 200);
  assert.deepEqual(box.receiver.got.map((g) => [g.path, g.body]), [['/in', '{"steps":9000}']]);

  const unlisted = `${box.receiver.url}/elsewhere`;
  const asked = await box.token(app.key, { target: 'export-service', path: '/export', method: 'POST', destination: unlisted });
  assert.equal(asked.status, 403);
  const sent = await post('/export', { uri: unlisted, data: { steps: 1 } });
  assert.equal(sent.status, 403);
  assert.equal(await errorCode(sent), 'token-caveat-destination');
  assert.equal(box.receiver.got.length, 1, 'nothing reached the unlisted URL');

  const events = await box.events({ component: 'app1' });
  assert.ok(events.some((e) => e.kind === 'export' && e.destination === listed && e.bytes === 14));
  assert.ok(events.some((e) => e.kind === 'export-delivered' && e.destination === listed && e.status === 200));
  assert.ok(events.some((e) => e.kind === 'token-refused' && e.destination === unlisted));
  assert.ok(events.some((e) => e.kind === 'export-refused' && e.destination === unlisted && e.status === 403));
  const summary = await (await fetch(`${box.auditUrl}/summary?component=app1`, { headers: { 'x-api-key': 'journey-admin-key-0123456789abcdef' } })).json() as { components: { exports: unknown[] }[] };
  assert.deepEqual(summary.components[0]?.exports, [{ destination: listed, count: 1, bytes: 14 }]);
});

test('a revoked component is refused at once, by the store and the export service', async () => {
  const app2 = await box.register('app2', 'app');
  await box.grant('app2', { target: box.storeName, path: '/ts/loadavg1/*', method: 'GET' });
  await box.grant('app2', { target: 'export-service', path: '/export', method: 'POST', destination: `${box.receiver.url}/in` });
  const token = await (await box.token(app2.key, { target: box.storeName, path: '/ts/loadavg1/*', method: 'GET' })).text();
  const exportToken = await (await box.token(app2.key, { target: 'export-service', path: '/export', method: 'POST', destination: `${box.receiver.url}/in` })).text();
  assert.equal((await get(`${box.store.url}/ts/loadavg1/latest`, token)).status, 200);
  assert.equal((await box.admin('POST', '/components/app2/revoke')).status, 200);
  const refused = await get(`${box.store.url}/ts/loadavg1/earliest`, token);
  assert.equal(refused.status, 401);
  assert.equal(await errorCode(refused), 'token-revoked');
  const exported = await fetch(`${box.exportService.url}/export`, { method: 'POST', headers: { 'x-api-key': exportToken, 'content-type': 'application/json' }, body: JSON.stringify({ uri: `${box.receiver.url}/in`, data: 1 }) });
  assert.equal(exported.status, 401);
  const events = await box.events();
  assert.ok(events.some((e) => e.component === 'app2' && e.kind === 'revoke'));
  assert.equal(refusedAt(events, '/ts/loadavg1/earliest', 401).length, 1);
  assert.ok(events.some((e) => e.kind === 'export-refused' && e.status === 401));
});
