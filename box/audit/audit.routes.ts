/**
 * The audit log's HTTP API (thin over audit.db.ts):
 * - `POST /events` `{events: [...]}` (service key): appends a batch, all or nothing.
 * - `GET /events?component=&kind=&from=&to=&after=&limit=&newest=` (admin key): events in log order
 *   (the oldest `limit`, or with `newest=1` the newest).
 * - `GET /summary[?component=]` (admin key): per component, bytes exported per destination.
 */
import express, { type Express } from 'express';
import { DataboxError } from '../../core/errors';
import { errorHandler, notFoundHandler } from '../service/service.http';
import { jsonBody } from '../service/service.raw';
import { requireKey } from '../service/service.keys';
import { isRecord, optionalInteger, optionalString } from '../service/service.body';
import { readAuditBatch } from './audit.validate';
import { AUDIT_KIND, COMPONENT_NAME } from './audit.types';
import type { AuditDb } from './audit.db';

export interface AuditRoutesOptions {
  db: AuditDb;
  /** Keys of the services allowed to append (arbiter, stores, export service). */
  serviceKeys: readonly string[];
  /** Keys allowed to read (the owner's dashboard / the box admin). */
  adminKeys: readonly string[];
}

/**
 * @example
 * const app = auditApp({ db: openAuditDb(file), serviceKeys: [serviceKey], adminKeys: [adminKey] });
 * await listen(app, 0);
 */
export function auditApp(options: AuditRoutesOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => { res.json({ ok: true }); });
  app.post('/events', jsonBody({ limit: 1024 * 1024 }), (req, res) => {
    requireKey(req, options.serviceKeys, 'a box service key');
    const batch = readAuditBatch(req.body);
    if ('problems' in batch) throw new DataboxError('audit-events-invalid', `the batch was refused: ${batch.problems.join('; ')}`, { status: 400, hint: 'Nothing was stored; fix the events and send the batch again.' });
    res.json({ appended: options.db.append(batch.events), received: batch.events.length });
  });
  app.get('/events', (req, res) => {
    requireKey(req, options.adminKeys, 'the box admin key');
    const q = isRecord(req.query) ? req.query : {};
    const component = optionalString(q, 'component', { pattern: COMPONENT_NAME });
    const kind = optionalString(q, 'kind', { pattern: AUDIT_KIND });
    const from = optionalInteger(q, 'from', { min: 0 });
    const to = optionalInteger(q, 'to', { min: 0 });
    const after = optionalInteger(q, 'after', { min: 0 });
    const limit = optionalInteger(q, 'limit', { min: 1, max: 10_000 });
    const newest = q.newest === 'true' || q.newest === '1';
    if (from !== undefined && to !== undefined && to < from) throw new DataboxError('range-invalid', '"to" is before "from"', { status: 400 });
    res.json({
      events: options.db.query({
        ...(component !== undefined ? { component } : {}), ...(kind !== undefined ? { kind } : {}),
        ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}),
        ...(after !== undefined ? { after } : {}), ...(limit !== undefined ? { limit } : {}), ...(newest ? { newest } : {}),
      }),
    });
  });
  app.get('/summary', (req, res) => {
    requireKey(req, options.adminKeys, 'the box admin key');
    const q = isRecord(req.query) ? req.query : {};
    res.json({ components: options.db.summary(optionalString(q, 'component', { pattern: COMPONENT_NAME }), optionalInteger(q, 'from', { min: 0 })) });
  });
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
