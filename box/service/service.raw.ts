/**
 * The two box hot paths on bare node:http (the arbiter's `POST /token`, every datastore
 * request; decisions 0009 and 0011) read and answer JSON here, with the same refusals and the
 * same error body as the Express services (core/http.errors): a body over the limit is a 413
 * and stops being read, a body that is not JSON (or nests deeper than MAX_JSON_DEPTH) a 400,
 * an encoding other than UTF-8 a 415.
 *
 * The Express services parse their JSON bodies with the same reader (`jsonBody`), so no
 * service has a body parser without the depth limit.
 *
 * @example
 * const { body, bytes } = await readJsonBody(req, { limit: 16 * 1024, jsonTypeOnly: true });
 * sendError(res, error, 'the arbiter');
 * app.post('/events', jsonBody({ limit: 1024 * 1024 }), handler);
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DataboxError } from '../../core/errors';
import { bodyMalformed, bodyTooLarge, httpError, isInternal } from '../../core/http.errors';
import { MAX_JSON_DEPTH, parseJsonWithin } from '../../core/json/json.limits';

export interface BodyOptions {
  /** Most bytes read. */
  limit: number;
  /** As express.json: a body whose Content-Type is not application/json is no body. */
  jsonTypeOnly?: boolean;
}

/** The body parsed as JSON (undefined when empty, or not JSON-typed with `jsonTypeOnly`), and its size. */
export function readJsonBody(req: IncomingMessage, options: BodyOptions): Promise<{ body: unknown; bytes: number }> {
  return new Promise((resolve, reject) => {
    const encoding = req.headers['content-encoding'];
    const charset = /charset=([^;\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if ((encoding !== undefined && encoding !== 'identity') || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
      req.resume();
      reject(new DataboxError('body-encoding', 'the request body\'s encoding or charset is not supported', { status: 415, hint: 'Send plain UTF-8 JSON.' }));
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > options.limit) {
      req.resume();
      reject(bodyTooLarge(options.limit));
      return;
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      if (bytes > options.limit) return;
      bytes += chunk.length;
      if (bytes > options.limit) {
        chunks.length = 0;
        reject(bodyTooLarge(options.limit));
      } else chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (bytes > options.limit) return;
      const type = (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
      if (bytes === 0 || (options.jsonTypeOnly && type !== 'application/json')) return resolve({ body: undefined, bytes });
      const text = chunks.length === 1 ? (chunks[0]?.toString('utf8') ?? '') : Buffer.concat(chunks, bytes).toString('utf8');
      try {
        resolve({ body: parseJsonWithin(text, MAX_JSON_DEPTH, 'the request body'), bytes });
      } catch (error) {
        reject(error instanceof DataboxError && error.code === 'json-invalid' ? bodyMalformed() : error);
      }
    });
  });
}

/**
 * Express middleware: `req.body` is the JSON body, read as `readJsonBody` reads it (JSON-typed
 * bodies only, like express.json); a refusal goes to the service's error handler.
 */
export function jsonBody(options: { limit: number }): (req: IncomingMessage & { body?: unknown }, res: ServerResponse, next: (error?: unknown) => void) => void {
  return (req, _res, next) => {
    // Not JSON (or already read by another parser): leave it; Node discards an unread body.
    const type = (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
    if (type !== 'application/json' || req.body !== undefined) return next();
    readJsonBody(req, { limit: options.limit, jsonTypeOnly: true }).then(({ body }) => {
      req.body = body;
      next();
    }, next);
  };
}

/** Sends JSON text with a status. */
export function sendJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/**
 * Answers `error` in the one error shape (a 500 names no internals and is logged); returns the
 * DataboxError it answered with, for the caller's audit.
 */
export function sendError(res: ServerResponse, error: unknown, service: string): DataboxError {
  const known = httpError(error, service);
  if (isInternal(known)) console.error(`${service}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  if (res.headersSent) {
    res.destroy();
    return known;
  }
  // A refused upload is not read to its end: close the connection rather than drain it.
  if (known.status === 413) res.setHeader('connection', 'close');
  sendJson(res, known.status, JSON.stringify(known.toJSON()));
  return known;
}
