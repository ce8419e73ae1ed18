/**
 * The arbiter's side of the generations WebSocket (box/tokens/revocation.protocol.ts):
 * subscribers get a snapshot on connect and each change after; `publish` resolves once every
 * connected subscriber acked it, and cuts off any that does not ack in time (a cut-off
 * subscriber fails closed until it reconnects and gets a fresh snapshot).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { GenerationMessage } from '../tokens/revocation.protocol';
import { isRecord } from '../service/service.body';

export interface GenerationsHub {
  publish(component: string, generation: number | null): Promise<void>;
  subscribers(): number;
  close(): void;
}

/**
 * @example
 * const hub = createGenerationsHub(server, (req) => isStoreKey(req.headers['x-api-key']), () => db.generations());
 * await hub.publish('my-app', 3);
 */
export function createGenerationsHub(server: Server, allowed: (req: IncomingMessage) => boolean, snapshot: () => Record<string, number>, ackTimeoutMs = 2000): GenerationsHub {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const pending = new Map<WebSocket, Map<number, () => void>>();
  let seq = 0;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== '/generations/ws' || !allowed(req)) {
      socket.end(`HTTP/1.1 ${path === '/generations/ws' ? '401 Unauthorized' : '404 Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      pending.set(ws, new Map());
      ws.on('message', (data) => {
        let value: unknown;
        try { value = JSON.parse(data.toString()); } catch { return; }
        if (isRecord(value) && value.type === 'ack' && typeof value.seq === 'number') {
          const waiting = pending.get(ws);
          waiting?.get(value.seq)?.();
          waiting?.delete(value.seq);
        }
      });
      ws.on('close', () => {
        pending.get(ws)?.forEach((done) => done());
        pending.delete(ws);
      });
      send(ws, { type: 'snapshot', generations: snapshot() });
    });
  });

  return {
    async publish(component, generation) {
      const message: GenerationMessage = { type: 'update', seq: ++seq, component, generation };
      await Promise.all([...pending.entries()].map(([ws, waiting]) => new Promise<void>((resolve) => {
        const timer = setTimeout(() => { ws.terminate(); resolve(); }, ackTimeoutMs);
        waiting.set(message.seq, () => { clearTimeout(timer); resolve(); });
        send(ws, message);
      })));
    },
    subscribers: () => pending.size,
    close() {
      for (const ws of pending.keys()) ws.terminate();
      wss.close();
    },
  };
}

function send(ws: WebSocket, message: GenerationMessage): void {
  ws.send(JSON.stringify(message));
}
