// The page's live channel in-process: a real HTTP server and WebSocket, a fresh UI bus.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { createUiBus } from '../../core/ui-bus';
import { attachUiSocket } from './ui.socket';
import { watchUi } from './ui.watch';
import { eventually } from '../../test/support/eventually';

test('snapshot first, then widget, update and remove events; closing drops the clients', async () => {
  const bus = createUiBus();
  bus.register({ id: 'c1', kind: 'chart', label: 'Load', style: 'line', capacity: 2 });
  for (const value of [1, 2, 3]) bus.publish('c1', { kind: 'chart', t: value, value, series: 'load' });
  const server = http.createServer((_req, res) => res.end());
  const live = attachUiSocket(server, bus, { path: '/ui/ws' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const watch = await watchUi(`ws://127.0.0.1:${port}/ui/ws`);
  try {
    await watch.until((m) => m.length >= 1, 5000);
    assert.deepEqual(watch.messages[0], { type: 'snapshot', widgets: [{ widget: { id: 'c1', kind: 'chart', label: 'Load', style: 'line', capacity: 2 }, updates: [
      { kind: 'chart', t: 2, value: 2, series: 'load' }, { kind: 'chart', t: 3, value: 3, series: 'load' }] }] });
    assert.equal(live.clients(), 1);
    bus.register({ id: 't1', kind: 'text', label: 'Note', style: 'markdown', capacity: 1 });
    bus.publish('t1', { kind: 'text', text: 'hi' });
    bus.publish('nobody', { kind: 'text', text: 'dropped' });
    bus.remove('c1');
    await watch.until((m) => m.length >= 4, 5000);
    assert.deepEqual(watch.messages.slice(1).map((m) => m.type), ['widget', 'update', 'remove']);
  } finally {
    watch.close();
    await live.close();
    await new Promise((resolve) => server.close(resolve));
  }
  assert.equal(live.clients(), 0);
});

test('a client that stops answering pings is dropped', async () => {
  const server = http.createServer((_req, res) => res.end());
  const live = attachUiSocket(server, createUiBus(), { path: '/ui/ws', pingMs: 50 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // A raw socket that completes the upgrade, then never answers: a page that vanished.
  const socket = net.connect(port, '127.0.0.1');
  socket.write(`GET /ui/ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${Buffer.from('0123456789abcdef').toString('base64')}\r\n\r\n`);
  const [first] = await once(socket, 'data');
  assert.match(String(first), /^HTTP\/1\.1 101/);
  try {
    assert.equal(live.clients(), 1);
    await eventually(() => live.clients() === 0, 'the silent client was dropped after missed pings', { seen: () => ({ clients: live.clients() }) });
  } finally {
    socket.destroy();
    await live.close();
    await new Promise((resolve) => server.close(resolve));
  }
});
