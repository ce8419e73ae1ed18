/**
 * Observing a source over its store's WebSocket (`/ws`, `{"subscribe": <path>}`), reconnecting
 * with backoff (and a fresh token) when the connection drops. Resolves once the store confirmed
 * the first subscription; a refusal then rejects (a refused certificate with a `tls-*` error).
 */
import WebSocket from 'ws';
import { DataboxError } from '../../core/errors';
import { tlsRefusal } from '../../core/tls.errors';
import type { TokenRequest, TokenSource } from './box-client.tokens';
import type { TimeSeriesRow } from '../../core/protocol';

export interface ObserveTarget {
  /** Store base URL */
  base: string;
  /** Subscription path, e.g. `/ts/loadavg1` */
  path: string;
  token: TokenRequest;
}

/**
 * @example
 * const stop = await observeSource(tokens, { base, path: '/ts/x', token }, (row) => ..., (e) => ...);
 */
export function observeSource(tokens: TokenSource, target: ObserveTarget, onRow: (row: TimeSeriesRow) => void, onError: (error: Error) => void, maxBackoffMs = 5000): Promise<() => void> {
  let stopped = false;
  let socket: WebSocket | undefined;
  let backoff = 0;
  let timer: NodeJS.Timeout | undefined;
  let first = true;
  const url = new URL('/ws', target.base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const stop = (): void => {
    stopped = true;
    if (timer) clearTimeout(timer);
    socket?.terminate();
  };

  return new Promise((resolve, reject) => {
    const fail = (error: Error): void => {
      if (first) { first = false; stop(); reject(error); } else onError(error);
    };
    const connect = async (): Promise<void> => {
      let token: string;
      try {
        token = await tokens.get(target.token);
      } catch (error) {
        if (first) return fail(error instanceof Error ? error : new Error(String(error)));
        onError(error instanceof Error ? error : new Error(String(error)));
        return retry();
      }
      if (stopped) return;
      const ws = new WebSocket(url, { headers: { 'x-api-key': token } });
      socket = ws;
      ws.on('open', () => ws.send(JSON.stringify({ subscribe: target.path })));
      ws.on('message', (data) => {
        let message: unknown;
        try { message = JSON.parse(data.toString()); } catch { return; }
        if (typeof message !== 'object' || message === null) return;
        if ('subscribed' in message) {
          backoff = 0;
          if (first) { first = false; resolve(stop); }
          return;
        }
        if ('error' in message) {
          const error = message.error;
          const text = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : JSON.stringify(error);
          tokens.drop(target.token);
          fail(new DataboxError('box-observe-refused', `observing ${target.path} was refused: ${text}`, { status: 403 }));
          return;
        }
        if ('timestamp' in message && 'data' in message && typeof message.timestamp === 'number') onRow({ timestamp: message.timestamp, data: message.data });
      });
      ws.on('unexpected-response', (_req, res) => {
        tokens.drop(target.token);
        fail(new DataboxError('box-observe-refused', `the store refused to observe ${target.path} (${res.statusCode})`, { status: res.statusCode ?? 502 }));
        ws.terminate();
      });
      let refused: DataboxError | undefined;
      ws.on('error', (error) => { refused = tlsRefusal(error, 'the datastore', url.toString()); /* close follows */ });
      ws.on('close', () => {
        if (stopped) return;
        if (first) fail(refused ?? new DataboxError('box-observe-failed', `the store at ${target.base} closed the connection before ${target.path} was subscribed`, { status: 503 }));
        else {
          if (refused) onError(refused);
          retry();
        }
      });
    };
    const retry = (): void => {
      if (stopped || first) return;
      backoff = Math.min(Math.max(backoff * 2, 100), maxBackoffMs);
      timer = setTimeout(() => { void connect(); }, backoff);
    };
    void connect();
  });
}
