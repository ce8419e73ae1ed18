import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { startTestDataStore, type TestDataStore } from './datastore.fixture';
import { eventually } from '../../test/support/eventually';

// Observe over a real WebSocket: each write reaches the subscribers whose path matches.
let t: TestDataStore;
const generations = new Map<string, number>([['test-app', 0]]);
before(async () => { t = await startTestDataStore({ currentGeneration: (c) => generations.get(c) }); });
after(() => t.close());

interface Client {
  ws: WebSocket;
  messages: unknown[];
  next(): Promise<unknown>;
  closed: Promise<number>;
}

const open = async (token: string | undefined, useQuery = false): Promise<Client> => {
  const url = t.url.replace('http', 'ws') + '/ws' + (useQuery && token ? `?token=${token}` : '');
  const ws = new WebSocket(url, { headers: token && !useQuery ? { 'x-api-key': token } : {} });
  const messages: unknown[] = [];
  const waiting: ((message: unknown) => void)[] = [];
  ws.on('message', (data) => {
    const message: unknown = JSON.parse(data.toString());
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else messages.push(message);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
  return { ws, messages, closed, next: () => (messages.length > 0 ? Promise.resolve(messages.shift()) : new Promise((resolve) => waiting.push(resolve))) };
};

const isError = (message: unknown): boolean => typeof message === 'object' && message !== null && 'error' in message;

const observeToken = (path: string): string => t.token(path, 'GET', { observe: 'data' });

test('a subscriber receives each write to its path, exactly and by wildcard', async () => {
  const exact = await open(observeToken('/ts/temp'));
  exact.ws.send(JSON.stringify({ subscribe: '/ts/temp' }));
  assert.deepEqual(await exact.next(), { subscribed: '/ts/temp' });
  const wild = await open(observeToken('/*'), true);
  wild.ws.send(JSON.stringify({ subscribe: '/ts/*' }));
  assert.deepEqual(await wild.next(), { subscribed: '/ts/*' });

  await t.call('POST', '/ts/temp/at/1000', { value: 21.5, room: 'kitchen' });
  await t.call('POST', '/ts/other/at/2000', { value: 3 });
  await t.call('POST', '/ts/temp/batch', [{ value: 1, timestamp: 3000 }, { value: 2, timestamp: 3001 }]);
  await t.call('POST', '/ts/blob/loc/at/4000', { lat: 1 });

  assert.deepEqual(await exact.next(), { path: '/ts/temp', timestamp: 1000, data: { value: 21.5, room: 'kitchen' } });
  assert.deepEqual(await exact.next(), { path: '/ts/temp', timestamp: 3000, data: { value: 1 } });
  assert.deepEqual(await exact.next(), { path: '/ts/temp', timestamp: 3001, data: { value: 2 } });
  const seen = [await wild.next(), await wild.next(), await wild.next(), await wild.next(), await wild.next()];
  assert.deepEqual(seen.map((m) => (m as { path: string }).path), ['/ts/temp', '/ts/other', '/ts/temp', '/ts/temp', '/ts/blob/loc']);
  assert.equal(exact.messages.length, 0, 'nothing else reached the exact subscriber');
  exact.ws.close();
  wild.ws.close();
});

test('kv writes are observable', async () => {
  const client = await open(observeToken('/kv/settings/*'));
  client.ws.send(JSON.stringify({ subscribe: '/kv/settings/*' }));
  assert.deepEqual(await client.next(), { subscribed: '/kv/settings/*' });
  await t.call('POST', '/kv/settings/theme', { mode: 'dark' });
  const message = (await client.next()) as { path: string; data: unknown };
  assert.equal(message.path, '/kv/settings/theme');
  assert.deepEqual(message.data, { mode: 'dark' });
  client.ws.close();
});

test('observing needs a genuine token with observe = data and a covering path', async () => {
  await assert.rejects(open(undefined), /401/);
  await assert.rejects(open('garbage'), /401/);
  const noObserve = await open(t.token('/ts/temp', 'GET'));
  noObserve.ws.send(JSON.stringify({ subscribe: '/ts/temp' }));
  const refused = (await noObserve.next()) as { error: { code: string } };
  assert.equal(refused.error.code, 'token-caveat-observe');
  assert.equal(await noObserve.closed, 4403);
  const narrow = await open(observeToken('/ts/temp'));
  narrow.ws.send(JSON.stringify({ subscribe: '/ts/*' }));
  const wider = (await narrow.next()) as { error: { code: string; caveat: string } };
  assert.equal(wider.error.caveat, 'path = /ts/temp');
  assert.equal(await narrow.closed, 4403);
  const bad = await open(observeToken('/*'));
  bad.ws.send('{not json');
  assert.equal(((await bad.next()) as { error: { code: string } }).error.code, 'message-malformed');
  assert.equal(await bad.closed, 4400);
});

test('a revoked component stops receiving: a delivery after the recheck closes it with token-revoked', async () => {
  generations.set('observer-app', 0);
  const client = await open(t.token('/ts/temp', 'GET', { observe: 'data', component: 'observer-app' }));
  client.ws.send(JSON.stringify({ subscribe: '/ts/temp' }));
  assert.deepEqual(await client.next(), { subscribed: '/ts/temp' });
  generations.set('observer-app', 1);
  // The store re-checks the token at most once a second while data flows: keep writing until
  // it does (bounded), instead of sleeping past the second.
  let at = 9000;
  await eventually(async () => {
    await t.call('POST', `/ts/temp/at/${at++}`, { value: 1 });
    return client.messages.some(isError);
  }, 'the revoked observer was refused while data flowed', { timeoutMs: 5000, everyMs: 20, seen: () => client.messages.slice(-3) });
  assert.equal(await client.closed, 4401);
  const refusal = client.messages.findIndex(isError);
  assert.equal((client.messages[refusal] as { error: { code: string } }).error.code, 'token-revoked');
  assert.equal(refusal, client.messages.length - 1, 'nothing is delivered after the refusal');
});
