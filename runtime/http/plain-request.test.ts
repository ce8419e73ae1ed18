import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { plainRequest } from './plain-request';

function serve(handler: http.RequestListener): Promise<{ url: URL; server: http.Server }> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`) })));
}

test('a JSON body goes out with its length and the answer comes back as text with its status', async (t) => {
  const { server, url } = await serve((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { res.statusCode = 201; res.end(JSON.stringify({ method: req.method, length: req.headers['content-length'], body, key: req.headers['x-api-key'] })); });
  });
  t.after(() => server.close());
  const answer = await plainRequest(new URL('/ts/x', url), { method: 'POST', headers: { 'x-api-key': 'k', 'content-type': 'application/json' }, body: '{"é":1}', timeoutMs: 5000 });
  assert.equal(answer.status, 201);
  assert.deepEqual(JSON.parse(answer.text), { method: 'POST', length: '8', body: '{"é":1}', key: 'k' });
});

test('a kept connection the server closed meanwhile does not fail the next call', async (t) => {
  const sockets = new Set<import('node:net').Socket>();
  const { server, url } = await serve((_req, res) => res.end('ok'));
  server.on('connection', (s) => { sockets.add(s); });
  t.after(() => server.close());
  assert.equal((await plainRequest(url, { method: 'GET', headers: {}, timeoutMs: 5000 })).text, 'ok');
  // The server drops every kept connection without telling (as a restarted store does).
  for (const s of sockets) s.resetAndDestroy();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal((await plainRequest(url, { method: 'GET', headers: {}, timeoutMs: 5000 })).text, 'ok');
});

test('no answer within the time is an error that says so; a closed port is the socket\'s own error', async (t) => {
  const { server, url } = await serve(() => { /* never answers */ });
  t.after(() => { server.closeAllConnections(); server.close(); });
  await assert.rejects(plainRequest(url, { method: 'GET', headers: {}, timeoutMs: 200 }), /no answer within 0.2 s/);
  const closed = await serve(() => {});
  await new Promise((resolve) => closed.server.close(resolve));
  await assert.rejects(plainRequest(closed.url, { method: 'GET', headers: {}, timeoutMs: 1000 }), (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED');
  await assert.rejects(plainRequest(new URL('ftp://127.0.0.1/'), { method: 'GET', headers: {}, timeoutMs: 1000 }), /ftp: is not http: or https:/);
});
