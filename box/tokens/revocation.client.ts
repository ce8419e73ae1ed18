/**
 * Follows the arbiter's component generations over its WebSocket, so a store (or the export
 * service) refuses a revoked component's tokens at once. Fails closed: while not connected
 * (before the first snapshot, or after the connection drops) `currentGeneration` answers
 * undefined for everyone, so no token passes on stale knowledge; it reconnects with backoff.
 * Over `wss://` the arbiter's certificate is verified (NODE_EXTRA_CA_CERTS in a box container,
 * or `ca`); a refused certificate fails `ready` at once with a DataboxError saying so.
 */
import WebSocket from 'ws';
import { tlsRefusal } from '../../core/tls.errors';
import { parseGenerationMessage } from './revocation.protocol';
import type { GenerationLookup } from './token.types';

export interface RevocationClientOptions {
  /** The subscriber's own component key at the arbiter. */
  key: string;
  /** Longest wait between reconnects, ms (default 2000). */
  maxBackoffMs?: number;
  /** The box CA (PEM) to verify a `wss://` arbiter against, instead of Node's trusted roots (with NODE_EXTRA_CA_CERTS). */
  ca?: string;
}

export interface RevocationClient {
  currentGeneration: GenerationLookup;
  /** Resolves once the first snapshot arrived. */
  ready(timeoutMs?: number): Promise<void>;
  connected(): boolean;
  close(): Promise<void>;
}

/**
 * @example
 * const revocation = createRevocationClient(process.env.DATABOX_ARBITER_ENDPOINT, { key });
 * await revocation.ready();
 * const verify = createTokenVerifier(secret, revocation.currentGeneration);
 */
export function createRevocationClient(arbiterEndpoint: string, options: RevocationClientOptions): RevocationClient {
  const url = new URL('/generations/ws', arbiterEndpoint);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  let generations: Map<string, number> | undefined;
  let socket: WebSocket | undefined;
  let closed = false;
  let backoff = 0;
  let retry: NodeJS.Timeout | undefined;
  const waiting: { resolve(): void; reject(error: Error): void }[] = [];
  let lastError = '';

  const connect = (): void => {
    const ws = new WebSocket(url, { headers: { 'x-api-key': options.key }, ...(options.ca === undefined ? {} : { ca: options.ca }) });
    socket = ws;
    ws.on('message', (data) => {
      const message = parseGenerationMessage(data.toString());
      if (!message) return;
      if (message.type === 'snapshot') {
        generations = new Map(Object.entries(message.generations));
        backoff = 0;
        waiting.splice(0).forEach((w) => w.resolve());
        return;
      }
      if (message.generation === null) generations?.delete(message.component);
      else generations?.set(message.component, message.generation);
      ws.send(JSON.stringify({ type: 'ack', seq: message.seq }));
    });
    ws.on('error', (error) => {
      lastError = error.message;
      // A refused certificate is said at once; the client keeps retrying (the arbiter may come back with the right one).
      const refused = tlsRefusal(error, 'the arbiter', url.toString());
      if (refused) waiting.splice(0).forEach((w) => w.reject(refused));
      // 'close' follows and reconnects
    });
    ws.on('close', () => {
      generations = undefined;
      if (socket === ws) socket = undefined;
      if (closed) return;
      backoff = Math.min(Math.max(backoff * 2, 100), options.maxBackoffMs ?? 2000);
      retry = setTimeout(connect, backoff);
    });
  };
  connect();

  return {
    currentGeneration: (component) => generations?.get(component),
    connected: () => generations !== undefined,
    ready(timeoutMs = 10_000) {
      if (generations) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no generations from the arbiter at ${arbiterEndpoint} within ${timeoutMs} ms${lastError ? ` (${lastError}; is the component key right?)` : ''}`)), timeoutMs);
        waiting.push({ resolve: () => { clearTimeout(timer); resolve(); }, reject: (error) => { clearTimeout(timer); reject(error); } });
      });
    },
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const ws = socket;
      if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
      return new Promise((resolve) => { ws.once('close', () => resolve()); ws.terminate(); });
    },
  };
}
