/**
 * Tokens from the arbiter, one per (target, path, method, observe, destination), cached until
 * a minute before they expire (or a tenth of their life, when that is shorter). Concurrent
 * asks for the same token share one request.
 */
import { DataboxError } from '../../core/errors';
import { errorFromAnswer } from '../../core/http.errors';
import { tlsRefusal } from '../../core/tls.errors';
import { plainRequest } from '../http/plain-request';

export interface TokenRequest {
  target: string;
  path: string;
  method: 'GET' | 'POST' | 'DELETE';
  observe?: 'data' | 'audit';
  destination?: string;
}

export interface TokenSource {
  get(request: TokenRequest): Promise<string>;
  /** Forgets a token a service refused (expired or revoked), so the next get asks again. */
  drop(request: TokenRequest): void;
}

/**
 * @example
 * const tokens = createTokenSource('http://arbiter:8080', arbiterKey);
 * const token = await tokens.get({ target: 'os-monitor-store', path: '/ts/loadavg1/*', method: 'GET' });
 */
export function createTokenSource(arbiter: string, key: string, now: () => number = Date.now): TokenSource {
  const cache = new Map<string, { token: string; renewAt: number }>();
  const inFlight = new Map<string, Promise<string>>();
  const url = new URL('/token', arbiter).toString();
  const keyOf = (r: TokenRequest) => JSON.stringify([r.target, r.path, r.method, r.observe ?? '', r.destination ?? '']);
  return {
    get(request) {
      const k = keyOf(request);
      const cached = cache.get(k);
      if (cached && now() < cached.renewAt) return Promise.resolve(cached.token);
      const pending = inFlight.get(k);
      if (pending) return pending;
      const asked = ask(url, key, request).then((token) => {
        const expiresAt = tokenExpiry(token) ?? now();
        const life = Math.max(0, expiresAt - now());
        cache.set(k, { token, renewAt: now() + Math.max(0, Math.min(life - 60_000, life * 0.9)) });
        return token;
      }).finally(() => inFlight.delete(k));
      inFlight.set(k, asked);
      return asked;
    },
    drop(request) {
      cache.delete(keyOf(request));
    },
  };
}

/**
 * The expiry (`time < <ms>` caveat) of a serialized token, read without verifying it.
 *
 * @example
 * tokenExpiry(token) // 1767225600000
 */
export function tokenExpiry(token: string): number | undefined {
  const text = Buffer.from(token, 'base64url').toString('latin1');
  const times = [...text.matchAll(/time < (\d{1,16})/g)].map((m) => Number(m[1]));
  return times.length > 0 ? Math.min(...times) : undefined;
}

async function ask(url: string, key: string, request: TokenRequest): Promise<string> {
  let response: { status: number; text: string };
  try {
    response = await plainRequest(new URL(url), { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify(request), timeoutMs: 10_000 });
  } catch (error) {
    throw tlsRefusal(error, 'the arbiter', url) ?? new DataboxError('box-arbiter-unreachable', `the arbiter did not answer: ${error instanceof Error ? error.message : String(error)}`, { status: 503, hint: 'The box may be restarting; the node retries on the next message.' });
  }
  const { text } = response;
  if (response.status >= 200 && response.status <= 299) return text.trim();
  throw new DataboxError(response.status === 403 ? 'box-not-granted' : 'box-token-refused', `the arbiter refused a token for ${request.method} ${request.target}${request.path}${request.destination ? ` to ${request.destination}` : ''}: ${errorFromAnswer(response.status, text, 'the arbiter').message}`, {
    status: response.status, hint: response.status === 403 ? 'The owner did not grant this; it is listed in the app manifest and chosen at install.' : 'Check the app\'s arbiter key file.',
  });
}
