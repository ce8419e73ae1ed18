/**
 * The webhook's HTTP server (bare node:http, as the box's hot paths): `POST /webhook/<source id>`
 * with the source's secret in `X-Databox-Webhook-Secret` and a JSON body. Answers 201 once the
 * reading is stored, 401 for a missing or wrong secret, 404 for an unknown source, 405 for
 * another method, 400 for a body that is not JSON or not a storable reading, 413 over 64 KiB,
 * 415 for an encoding other than UTF-8, in the one error shape (core/http.errors), never a
 * stack trace. The secret is checked before the body is read; nothing is stored on a refusal.
 * `GET /health` answers `{ok: true}`.
 *
 * @example
 * const server = await startWebhookServer({ sources, port: 8080, host: '0.0.0.0', store: (source, routed) => ... });
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataboxError } from '../../../core/errors';
import { notFound } from '../../../core/http.errors';
import { readJsonBody, sendError, sendJson } from '../../service/service.raw';
import type { WebhookSource } from './webhook.config';
import { secretMatches } from './webhook.secret';
import { routeWebhookValue, type RoutedValue } from './webhook.value';

/** The header a phone sends its source's secret in. */
export const WEBHOOK_SECRET_HEADER = 'X-Databox-Webhook-Secret';
/** Largest body, bytes: a reading, not an upload. */
export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024;

export interface WebhookServerOptions {
  sources: readonly WebhookSource[];
  port: number;
  host: string;
  /** Stores a reading; resolves with its timestamp. A refusal is a DataboxError (webhookStoreError). */
  store(source: WebhookSource, routed: RoutedValue): Promise<number>;
}

export interface RunningWebhookServer {
  url: string;
  close(): Promise<void>;
}

export async function startWebhookServer(options: WebhookServerOptions): Promise<RunningWebhookServer> {
  const byId = new Map(options.sources.map((source) => [source.id, source]));
  const server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      req.resume();
      sendError(res, error, 'the webhook driver');
    });
  });
  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (path === '/health' && req.method === 'GET') return sendJson(res, 200, '{"ok":true}');
    const match = /^\/webhook\/([^/]+)$/.exec(path);
    if (!match) throw notFound(req.method ?? '', path, `Post readings to /webhook/<source id> with the source's secret in ${WEBHOOK_SECRET_HEADER}.`);
    const source = byId.get(match[1] ?? '');
    if (!source) throw new DataboxError('webhook-source-unknown', `there is no webhook source "${(match[1] ?? '').slice(0, 128)}"`, { status: 404, hint: 'Use the URL the box showed when the source was made, or make the source on the box first.' });
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      throw new DataboxError('method-not-allowed', `a webhook takes POST, not ${(req.method ?? '').slice(0, 16)}`, { status: 405, hint: 'POST the reading as JSON.' });
    }
    const secret = req.headers[WEBHOOK_SECRET_HEADER.toLowerCase()];
    if (typeof secret !== 'string' || secret === '') throw secretRefusal('webhook-secret-missing', `a post to ${source.id} needs its secret in the ${WEBHOOK_SECRET_HEADER} header`);
    if (!secretMatches(secret, source.secretHash)) throw secretRefusal('webhook-secret-invalid', `the ${WEBHOOK_SECRET_HEADER} header is not the secret of ${source.id}`);
    const { body } = await readJsonBody(req, { limit: MAX_WEBHOOK_BODY_BYTES });
    if (body === undefined) throw new DataboxError('body-missing', 'the post has no body', { status: 400, hint: 'Post the reading as JSON: a number or an object.' });
    const routed = routeWebhookValue(source.type, body);
    const timestamp = await options.store(source, routed);
    sendJson(res, 201, JSON.stringify({ source: source.id, series: `/${routed.storeType}/${source.id}`, timestamp }));
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => { server.off('error', reject); resolve(); });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

/**
 * What the poster is told when its own datastore did not take a reading: a refusal of the
 * reading itself (a tag the store does not take) is its 400; anything else (the store or the
 * arbiter unreachable, the driver not granted) is the box's problem, a 503 to retry later.
 */
export function webhookStoreError(error: unknown): DataboxError {
  if (error instanceof DataboxError && error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 403) {
    return new DataboxError('webhook-value-unstorable', `the box cannot store this reading: ${error.message}`, { status: 400, hint: 'Send a number, or an object whose other fields are strings, numbers or booleans.' });
  }
  return new DataboxError('webhook-store-unavailable', 'the box cannot store readings right now', { status: 503, hint: 'Retry later; the box\'s log says why.', cause: error });
}

function secretRefusal(code: string, message: string): DataboxError {
  return new DataboxError(code, message, { status: 401, hint: `Send the secret shown when the source was made, in the ${WEBHOOK_SECRET_HEADER} header.` });
}
