/**
 * The page's live channel: on connect, one `snapshot` message (every widget with the updates
 * it keeps), then each UI-bus event as it happens. A client that stops reading (more than
 * 1 MB queued) is dropped rather than letting the app's memory grow, and so is one that
 * stops answering pings.
 *
 * @example
 * const live = attachUiSocket(server, uiBus(), { path: '/ui/ws' });
 * await live.close();
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BusEvent, UiBus } from '../../core/ui-bus';
import { originAllowed } from './ui.origin';

export type UiMessage = { type: 'snapshot'; widgets: ReturnType<UiBus['snapshot']> } | BusEvent;

export interface UiSocket {
  clients(): number;
  close(): Promise<void>;
}

const MAX_QUEUED_BYTES = 1 << 20;

export function attachUiSocket(server: Server, bus: UiBus, options: { path: string; pingMs?: number; otherPaths?: 'refuse' | 'leave' }): UiSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(request.url ?? '/', 'http://app').pathname;
    if (pathname !== options.path) {
      // A server with other WebSockets (a studio workspace: the editor's comms) leaves them be.
      if (options.otherPaths === 'leave') return;
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!originAllowed({ origin: request.headers.origin, host: request.headers.host, 'x-forwarded-host': headerText(request.headers['x-forwarded-host']) })) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      wss.emit('connection', ws, request);
      serve(ws, bus);
    });
  };
  server.on('upgrade', onUpgrade);
  // A page that vanished without closing (sleep, lost network) is dropped at the next ping.
  const alive = new WeakSet<WebSocket>();
  wss.on('connection', (ws) => {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
  });
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) ws.terminate();
      else {
        alive.delete(ws);
        ws.ping();
      }
    }
  }, options.pingMs ?? 30_000);
  heartbeat.unref();
  return {
    clients: () => wss.clients.size,
    close: () => new Promise((resolve) => {
      clearInterval(heartbeat);
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      wss.close(() => resolve());
    }),
  };
}

function serve(ws: WebSocket, bus: UiBus): void {
  const send = (message: UiMessage) => {
    if (ws.bufferedAmount > MAX_QUEUED_BYTES) {
      ws.terminate();
      return;
    }
    ws.send(JSON.stringify(message));
  };
  const unsubscribe = bus.subscribe(send);
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
  // The page only listens; anything it sends is ignored.
  send({ type: 'snapshot', widgets: bus.snapshot() });
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}
