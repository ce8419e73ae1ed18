/**
 * `POST /token` on bare node:http, ahead of Express: the one request every component makes
 * per (store, path, method) it reads. Express's router and body parser cost more than the
 * grant check, the mint and the audit record together (decision 0011), so this path reads
 * the body itself (JSON, at most 16 KB) and answers with the same logic (arbiter.token.issue.ts)
 * and the same error bodies as the Express routes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DataboxError } from '../../core/errors';
import { toDataboxError } from '../service/service.http';
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
    readBody(req).then((text) => issueToken(state, presentedKey(req), parseBody(req, text), options)).then((token) => {
      send(res, 200, 'text/plain; charset=utf-8', token);
    }).catch((error: unknown) => {
      const known = toDataboxError(error);
      if (known.status >= 500) console.error(`arbiter: [${known.code}] ${error instanceof Error ? error.message : String(error)}`);
      if (res.headersSent) return void res.destroy();
      if (known.status === 413) res.setHeader('connection', 'close');
      send(res, known.status, 'application/json; charset=utf-8', JSON.stringify(known.toJSON()));
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

/** JSON when the request says so (as express.json reads it); anything else is no body. */
function parseBody(req: IncomingMessage, text: string): unknown {
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
  if (type !== 'application/json' || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new DataboxError('body-malformed', 'the request body is not valid JSON', { status: 400, hint: 'Send a JSON object with Content-Type: application/json.' });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const encoding = req.headers['content-encoding'];
    const charset = /charset=([^;\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if ((encoding !== undefined && encoding !== 'identity') || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
      req.resume();
      reject(new DataboxError('body-encoding', 'the request body encoding is not supported', { status: 415, hint: 'Send plain UTF-8 JSON.' }));
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > TOKEN_BODY_LIMIT) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      if (bytes > TOKEN_BODY_LIMIT) return;
      bytes += chunk.length;
      if (bytes > TOKEN_BODY_LIMIT) reject(tooLarge());
      else chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (bytes <= TOKEN_BODY_LIMIT) resolve(chunks.length === 1 ? (chunks[0]?.toString('utf8') ?? '') : Buffer.concat(chunks).toString('utf8'));
    });
  });
}

function tooLarge(): DataboxError {
  return new DataboxError('body-too-large', `the request body is larger than ${TOKEN_BODY_LIMIT} bytes`, { status: 413, hint: 'A token request is {target, path, method, observe?, destination?}.' });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}
