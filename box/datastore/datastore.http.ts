/**
 * HTTP plumbing of the store's hot path on bare node:http: reading a body up to a limit and
 * answering JSON text. Errors become `{"error": {code, message, hint?, caveat?}}`, never a stack.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DataboxError, isDataboxError } from '../../core/errors';
import { TokenRefusal } from './datastore.refusal';

/**
 * Reads a request body (at most `limit` bytes) and parses it as JSON; undefined when empty.
 *
 * @example
 * const { body, bytes } = await readJson(req, 8 * 1024 * 1024);
 */
export function readJson(req: IncomingMessage, limit: number): Promise<{ body: unknown; bytes: number }> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > limit) return reject(tooLarge(limit));
    const chunks: Buffer[] = [];
    let bytes = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      bytes += chunk.length;
      if (bytes > limit) {
        refused = true;
        chunks.length = 0;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (refused) return;
      if (bytes === 0) return resolve({ body: undefined, bytes });
      const text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks, bytes).toString('utf8');
      try {
        resolve({ body: JSON.parse(text), bytes });
      } catch {
        reject(new DataboxError('body-malformed', 'the request body is not valid JSON', { status: 400, hint: 'Send a JSON body, e.g. {"value": 21.5}.' }));
      }
    });
  });
}

/** Sends JSON text with a status. */
export function sendJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Sends an error: a DataboxError as it is, a token failure with its caveat, anything else as
 * a 500 that names no internals (and is logged).
 */
export function sendError(res: ServerResponse, error: unknown): void {
  const known = isDataboxError(error) ? error : new DataboxError('internal', 'the store failed to handle the request', { status: 500, hint: 'Retry; if it persists, see the store log.' });
  if (!isDataboxError(error)) console.error(`store: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  const json = known.toJSON();
  const caveat = error instanceof TokenRefusal ? error.caveat : undefined;
  const body = JSON.stringify({ error: { ...json.error, ...(caveat ? { caveat } : {}) } });
  if (res.headersSent) return void res.destroy();
  if (known.status === 413) res.setHeader('connection', 'close');
  sendJson(res, known.status, body);
}

function tooLarge(limit: number): DataboxError {
  return new DataboxError('body-too-large', `the request body is larger than ${limit} bytes`, { status: 413, hint: 'Send fewer points per request (split the batch).' });
}
