/**
 * The export service's API (docs/decisions/0003-box-protocols.md):
 * - `POST /export {uri, data}` with a token whose `destination` is `uri` exactly -> 202
 *   `{id, state: "Pending"}` once the export is stored; refused exports are audited too.
 * - `POST /lp/export {id}` with the same token -> `{id, state, ext_response?}`, waiting until the
 *   export is Finished or the long-poll times out.
 */
import { randomUUID } from 'node:crypto';
import express, { type Express, type Request } from 'express';
import { DataboxError } from '../../core/errors';
import { httpError } from '../../core/http.errors';
import { errorHandler, notFoundHandler } from '../service/service.http';
import { jsonBody } from '../service/service.raw';
import { presentedKey } from '../service/service.keys';
import { requireRecord, requireString } from '../service/service.body';
import type { AuditRecorder } from '../arbiter/arbiter.state';
import type { RequestFacts, VerifyResult } from '../tokens/token.types';
import type { ExportQueue } from './export.queue';
import type { ExportWorker } from './export.worker';
import { toView } from './export.types';

export interface ExportRoutesOptions {
  /** The service's host name: the `target` of export tokens (default `export-service`). */
  name: string;
  queue: ExportQueue;
  worker: ExportWorker;
  audit: AuditRecorder;
  verify: (token: unknown, facts: RequestFacts) => VerifyResult;
  /** Largest request body, bytes (default 1 MB). */
  maxBodyBytes?: number;
  /** Longest a long-poll waits, ms (default 30 s). */
  longPollMs?: number;
  /** Unfinished exports one app may have queued (default 1000); beyond it 429. */
  maxOpenPerApp?: number;
}

const HTTP_URL = /^https?:\/\/[^\s]+$/;

/**
 * @example
 * const app = exportApp({ name: 'export-service', queue, worker, audit, verify });
 */
export function exportApp(options: ExportRoutesOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  const json = jsonBody({ limit: options.maxBodyBytes ?? 1024 * 1024 });
  /** Records a refused export in the audit log and answers the error that refused it. */
  const refused = (req: Request, error: DataboxError, extra: { component?: string; destination?: string } = {}): DataboxError => {
    options.audit.record({
      component: extra.component ?? 'unknown', kind: 'export-refused', status: error.status, path: req.path.slice(0, 512),
      bytes: Number(req.get('content-length') ?? 0) || 0, detail: `${error.code}: ${error.message}`.slice(0, 1000),
      ...(extra.destination ? { destination: extra.destination.slice(0, 2048) } : {}),
    });
    return error;
  };

  app.get('/health', (_req, res) => { res.json({ ok: true, open: options.queue.open() }); });

  app.post('/export', (req, res, next) => json(req, res, (error?: unknown) => {
    if (error) return next(refused(req, httpError(error)));
    next();
  }), (req, res) => {
    let uri: string;
    let data: unknown;
    try {
      const body = requireRecord(req.body, 'the request body');
      uri = requireString(body, 'uri', { pattern: HTTP_URL, max: 2048 });
      data = body.data;
      if (data === undefined) throw new DataboxError('field-invalid', '"data" is missing', { status: 400 });
      if (!URL.canParse(uri)) throw new DataboxError('field-invalid', '"uri" is not a valid URL', { status: 400 });
    } catch (error) {
      throw refused(req, httpError(error));
    }
    const verdict = options.verify(presentedKey(req), { target: options.name, path: '/export', method: 'POST', destination: uri, now: Date.now() });
    if (!verdict.ok) {
      throw refused(req, new DataboxError(verdict.code, verdict.message, { status: verdict.status, hint: verdict.status === 403 ? 'The owner approved other destinations; an app can only export to URLs listed in its manifest.' : 'Ask the arbiter for a fresh export token.' }), { destination: uri, ...(verdict.component ? { component: verdict.component } : {}) });
    }
    const limit = options.maxOpenPerApp ?? 1000;
    if (options.queue.open(verdict.component) >= limit) {
      throw refused(req, new DataboxError('export-queue-full', `${limit} exports of this app are still waiting to be delivered`, { status: 429, hint: 'Wait for earlier exports to finish (POST /lp/export) before sending more.' }), { component: verdict.component, destination: uri });
    }
    const body = typeof data === 'string' ? data : JSON.stringify(data);
    const text = typeof data === 'string';
    const record = options.queue.add({
      id: randomUUID(), component: verdict.component, uri, body, contentType: text ? 'text/plain; charset=utf-8' : 'application/json',
      bytes: Buffer.byteLength(body), now: Date.now(),
    });
    options.audit.record({ component: record.component, kind: 'export', destination: uri, bytes: record.bytes, status: 202, detail: `export ${record.id} queued` });
    options.worker.wake();
    res.status(202).json(toView(record));
  });

  app.post('/lp/export', jsonBody({ limit: 4 * 1024 }), async (req, res) => {
    const id = requireString(requireRecord(req.body, 'the request body'), 'id', { pattern: /^[0-9a-f-]{36}$/ });
    const record = options.queue.get(id);
    const verdict = options.verify(presentedKey(req), { target: options.name, path: '/export', method: 'POST', destination: record?.uri ?? '', now: Date.now() });
    if (!verdict.ok && verdict.status === 401) throw new DataboxError(verdict.code, verdict.message, { status: 401 });
    if (!record || !verdict.ok || verdict.component !== record.component) throw new DataboxError('export-unknown', `no export "${id}" of yours`, { status: 404, hint: 'Poll with the id /export answered, and the same token.' });
    if (record.state !== 'Finished') {
      await new Promise<void>((resolve) => {
        const done = (): void => { clearTimeout(timer); options.worker.events.off(`finished:${id}`, done); res.off('close', done); resolve(); };
        const timer = setTimeout(done, options.longPollMs ?? 30_000);
        options.worker.events.on(`finished:${id}`, done);
        res.on('close', done);
      });
    }
    const now = options.queue.get(id);
    res.json(now ? toView(now) : toView(record));
  });

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
