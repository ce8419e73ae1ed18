/**
 * The export service's API (docs/decisions/0003-box-protocols.md):
 * - `POST /export {uri, data}` with a token whose `destination` is `uri` exactly -> 202
 *   `{id, state: "Pending"}` once the export is stored; refused exports are audited too.
 * - `POST /lp/export {id}` with the same token -> `{id, state, ext_response?}`, waiting until the
 *   export is Finished or the long-poll times out.
 *
 * A private destination (the token carries the owner's `privacy` caveat, issue 12) takes only
 * one finite number (laplace) or one listed category (randomized response): the service spends
 * the period's budget in its ledger, then queues only the noisy report `{value|category,
 * mechanism, epsilon, period}` drawn with its own cryptographic source. The app never sees the
 * report, nor the receiver's answer body (which could echo it).
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
import { laplaceReport, randomizedResponse } from '../../core/privacy/privacy.mechanism';
import { readPrivacyText } from '../../core/privacy/privacy.text';
import type { PrivacySpec } from '../../core/privacy/privacy.types';
import { privateValueProblem } from '../../core/privacy/privacy.validate';
import type { ExportQueue } from './export.queue';
import type { PrivacyLedger } from './privacy.ledger';
import { cryptoRandom } from '../../core/privacy/privacy.random';
import type { ExportWorker } from './export.worker';
import { toView } from './export.types';

export interface ExportRoutesOptions {
  /** The service's host name: the `target` of export tokens (default `export-service`). */
  name: string;
  queue: ExportQueue;
  /** The budget of private destinations (epsilon spent per app, destination and period). */
  ledger: PrivacyLedger;
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
  }), async (req, res) => {
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
    const spec = privacyOf(verdict.claims.privacy);
    if (spec === null) throw refused(req, new DataboxError('token-malformed', 'the token\'s privacy caveat is not a valid privacy spec', { status: 401, hint: 'Ask the arbiter for a fresh export token.' }), { component: verdict.component, destination: uri });
    const problem = spec && privateValueProblem(spec, data);
    if (problem) {
      throw refused(req, new DataboxError('private-value-invalid', `${uri} is a private destination: ${problem}; nothing was sent`, { status: 400, hint: spec?.mechanism === 'laplace' ? 'Send one number in msg.payload; the box clamps it and adds the noise.' : 'Send one of the listed categories in msg.payload; the box randomizes it.' }), { component: verdict.component, destination: uri });
    }
    const limit = options.maxOpenPerApp ?? 1000;
    if (options.queue.open(verdict.component) >= limit) {
      throw refused(req, new DataboxError('export-queue-full', `${limit} exports of this app are still waiting to be delivered`, { status: 429, hint: 'Wait for earlier exports to finish (POST /lp/export) before sending more.' }), { component: verdict.component, destination: uri });
    }
    const id = randomUUID();
    const now = Date.now();
    let body: string;
    let contentType: string;
    if (spec) {
      // Spent before the report is queued: a crash in between loses a report, never the budget.
      let spent: { periodStart: number };
      try {
        spent = options.ledger.spend({ component: verdict.component, destination: uri, spec, exportId: id, now });
      } catch (error) {
        throw refused(req, httpError(error), { component: verdict.component, destination: uri });
      }
      body = JSON.stringify(noisyReport(spec, data));
      contentType = 'application/json';
      // Durable before the answer (the audit client's spool), as a token mint is.
      const spend = { component: verdict.component, kind: 'privacy-spend', destination: uri, status: 202, detail: `epsilon ${spec.epsilon} of the ${spec.period} from ${new Date(spent.periodStart).toISOString()} spent by export ${id} (${spec.mechanism})` };
      if (options.audit.recordDurably) await options.audit.recordDurably(spend);
      else options.audit.record(spend);
    } else {
      body = typeof data === 'string' ? data : JSON.stringify(data);
      contentType = typeof data === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
    }
    let record: ReturnType<ExportQueue['add']>;
    try {
      record = options.queue.add({ id, component: verdict.component, uri, body, contentType, bytes: Buffer.byteLength(body), now, private: spec !== undefined });
    } catch (error) {
      throw refused(req, httpError(error), { component: verdict.component, destination: uri });
    }
    options.audit.record({ component: record.component, kind: 'export', destination: uri, bytes: record.bytes, status: 202, detail: `export ${record.id} queued${spec ? ' (private: the noisy report only)' : ''}` });
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
    // A private export's receiver answer body is never kept (export.queue.ts): an app learns its status only.
    res.json(toView(options.queue.get(id) ?? record));
  });

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

/** The spec a token's privacy caveat carries: undefined for none, null for one that does not read. */
function privacyOf(caveat: string | undefined): PrivacySpec | undefined | null {
  if (caveat === undefined) return undefined;
  return readPrivacyText(caveat) ?? null;
}

/** The report for a value `privateValueProblem` accepted, drawn with the box's own source. */
function noisyReport(spec: PrivacySpec, data: unknown): unknown {
  return spec.mechanism === 'laplace' ? laplaceReport(spec, Number(data), cryptoRandom) : randomizedResponse(spec, String(data), cryptoRandom);
}
