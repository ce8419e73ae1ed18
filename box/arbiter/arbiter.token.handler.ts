/**
 * `POST /token` on bare node:http, ahead of Express: the one request every component makes
 * per (store, path, method) it reads. Express's router and body parser cost more than the
 * grant check, the mint and the audit record together (decision 0011), so this path reads
 * the body itself (JSON, at most 16 KB) and answers with the same logic (arbiter.token.issue.ts)
 * and the same error bodies as the Express routes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonBody, sendError } from '../service/service.raw';
import type { ArbiterState } from './arbiter.state';
import { issueToken, type TokenRoutesOptions } from './arbiter.token.issue';

export const TOKEN_BODY_LIMIT = 16 * 1024;

/**
 * Whether this request is `POST /token` (exactly; other spellings go on to Express).
 *
 * @example
 * if (isTokenRequest(req)) return handleToken(req, res); else app(req, res);
 */
export function isTokenRequest(req: IncomingMessage): boolean {
  return req.method === 'POST' && (req.url === '/token' || (req.url?.startsWith('/token?') ?? false));
}

/**
 * A node:http handler for `POST /token`.
 *
 * @example
 * const handleToken = tokenHandler(state, { tokenTtlMs: 3_600_000 });
 * createServer((req, res) => isTokenRequest(req) ? handleToken(req, res) : app(req, res));
 */
export function tokenHandler(state: ArbiterState, options: TokenRoutesOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    readJsonBody(req, { limit: TOKEN_BODY_LIMIT, jsonTypeOnly: true }).then(({ body }) => issueToken(state, presentedKey(req), body, options)).then((token) => {
      send(res, 200, 'text/plain; charset=utf-8', token);
    }).catch((error: unknown) => {
      res.setHeader('cache-control', 'no-store');
      sendError(res, error, 'the arbiter');
    });
  };
}

/** The key the request presents: `X-Api-Key`, else a Bearer token (as service.keys.ts reads it). */
function presentedKey(req: IncomingMessage): string | undefined {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}
