/**
 * The observe endpoint (docs/decisions/0003-box-protocols.md): `GET /ws` upgrades to a
 * WebSocket when the request carries a genuine, unexpired, unrevoked token (`X-Api-Key` or
 * `?token=`); each `{"subscribe": "<path>"}` is then checked against the token's caveats
 * (`observe = data`, a `path` covering the subscription) and acknowledged with
 * `{"subscribed": "<path>"}`. The token is checked again at most once a second while data
 * flows, so a revoked component stops receiving at once.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { RequestFacts, VerifyResult } from '../tokens/token.types';
import type { ObserveHub } from './observe.hub';
import { parseSubscription } from './observe.match';
import { isDataboxError } from '../../core/errors';
import type { DataStoreAudit } from './datastore.audit';
import { refusedComponent } from './datastore.refusal';

export interface ObserveOptions {
  name: string;
  hub: ObserveHub;
  verify: (token: unknown, facts: RequestFacts) => VerifyResult;
  audit: DataStoreAudit;
}

const MAX_SUBSCRIPTIONS = 64;
const RECHECK_MS = 1000;
const MAX_BUFFERED = 16 * 1024 * 1024;

/**
 * @example
 * const observe = attachObserve(server, { name, hub, verify, audit });
 * observe.close();
 */
export function attachObserve(server: Server, options: ObserveOptions): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const { name, hub, verify, audit } = options;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://store');
    if (url.pathname !== '/ws') return refuseUpgrade(socket, 404, { code: 'path-unknown', message: 'WebSocket upgrades are served at /ws only' });
    const header = req.headers['x-api-key'];
    const token = typeof header === 'string' ? header : url.searchParams.get('token') ?? undefined;
    const verdict = verify(token, { target: name, path: '/ws', method: 'GET', observe: 'data', now: Date.now() });
    if (!verdict.ok && verdict.status === 401) {
      audit.refused('/ws', 'GET', verdict, refusedComponent(token, verdict));
      return refuseUpgrade(socket, 401, verdict);
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, token));
  });

  function serve(ws: WebSocket, token: string | undefined): void {
    const unsubscribes = new Map<string, () => void>();
    const idle = setTimeout(() => { if (unsubscribes.size === 0) ws.close(4408, 'no subscription'); }, 30_000);
    const facts = (path: string): RequestFacts => ({ target: name, path, method: 'GET', observe: 'data', now: Date.now() });
    const fail = (closeCode: number, error: { code: string; message: string; caveat?: string; hint?: string }): void => {
      ws.send(JSON.stringify({ error }));
      ws.close(closeCode, error.code.slice(0, 100));
    };

    ws.on('message', (raw) => {
      let message: unknown;
      try {
        message = JSON.parse(raw.toString());
      } catch {
        return fail(4400, { code: 'message-malformed', message: 'send {"subscribe": "<path>"} or {"unsubscribe": "<path>"} as JSON' });
      }
      if (typeof message !== 'object' || message === null) return fail(4400, { code: 'message-malformed', message: 'send {"subscribe": "<path>"}' });
      if ('unsubscribe' in message && typeof message.unsubscribe === 'string') {
        unsubscribes.get(message.unsubscribe)?.();
        unsubscribes.delete(message.unsubscribe);
        return;
      }
      const pattern: unknown = 'subscribe' in message ? message.subscribe : undefined;
      let subscription;
      try {
        subscription = parseSubscription(pattern);
      } catch (error) {
        return fail(4400, isDataboxError(error) ? { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) } : { code: 'subscription-invalid', message: 'bad subscription' });
      }
      const verdict = verify(token, facts(subscription.pattern));
      if (!verdict.ok) {
        audit.refused(subscription.pattern, 'GET', verdict, refusedComponent(token, verdict));
        return fail(verdict.status === 401 ? 4401 : 4403, { code: verdict.code, message: verdict.message, ...(verdict.caveat ? { caveat: verdict.caveat } : {}) });
      }
      if (unsubscribes.has(subscription.pattern)) return void ws.send(JSON.stringify({ subscribed: subscription.pattern }));
      if (unsubscribes.size >= MAX_SUBSCRIPTIONS) return fail(4429, { code: 'subscriptions-too-many', message: `at most ${MAX_SUBSCRIPTIONS} subscriptions per connection` });
      let checkedAt = Date.now();
      const path = subscription.pattern;
      unsubscribes.set(path, hub.subscribe(subscription, {
        deliver(text) {
          if (ws.readyState !== ws.OPEN) return;
          const now = Date.now();
          if (now - checkedAt >= RECHECK_MS) {
            checkedAt = now;
            const again = verify(token, facts(path));
            if (!again.ok) return fail(again.status === 401 ? 4401 : 4403, { code: again.code, message: again.message, ...(again.caveat ? { caveat: again.caveat } : {}) });
          }
          if (ws.bufferedAmount > MAX_BUFFERED) return ws.close(1013, 'observer too slow');
          ws.send(text);
        },
      }));
      ws.send(JSON.stringify({ subscribed: path }));
    });
    ws.on('close', () => {
      clearTimeout(idle);
      for (const unsubscribe of unsubscribes.values()) unsubscribe();
      unsubscribes.clear();
    });
    ws.on('error', () => ws.terminate());
  }

  return {
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

function refuseUpgrade(socket: Duplex, status: 401 | 404, error: { code: string; message: string; caveat?: string }): void {
  const body = JSON.stringify({ error: { code: error.code, message: error.message, ...(error.caveat ? { caveat: error.caveat } : {}) } });
  socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Not Found'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
