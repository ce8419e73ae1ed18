/**
 * Runs the arbiter: `<dataDir>/arbiter.db`, the token and admin APIs, and the generations
 * WebSocket the stores follow. `POST /token` is answered on bare node:http
 * (arbiter.token.handler.ts), the rest by Express.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import { createServiceServer, errorHandler, listen, notFoundHandler, type RunningService, type ServiceTls } from '../service/service.http';
import { openArbiterDb } from './arbiter.db';
import { cachedArbiterDb } from './arbiter.db.cache';
import { adminRoutes } from './arbiter.admin.routes';
import { tokenRoutes, type TokenRoutesOptions } from './arbiter.token.routes';
import { isTokenRequest, tokenHandler } from './arbiter.token.handler';
import { createGenerationsHub, type GenerationsHub } from './arbiter.generations';
import { hashKey, type ArbiterState, type AuditRecorder } from './arbiter.state';

export interface ArbiterOptions extends TokenRoutesOptions {
  dataDir: string;
  port: number;
  host?: string;
  adminKeys: readonly string[];
  /** Where events go (an audit client); events are dropped when absent. */
  audit?: AuditRecorder;
  /** Serve HTTPS and WSS (/generations/ws) with this certificate; plain HTTP without (the process driver, on loopback). */
  tls?: ServiceTls;
}

export interface RunningArbiter extends RunningService {
  state: ArbiterState;
}

/**
 * @example
 * const arbiter = await startArbiter({ dataDir, port: 0, adminKeys: [adminKey], audit });
 */
export async function startArbiter(options: ArbiterOptions): Promise<RunningArbiter> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const db = cachedArbiterDb(openArbiterDb(path.join(options.dataDir, 'arbiter.db')));
  const ref: { hub?: GenerationsHub } = {};
  const state: ArbiterState = { db, audit: options.audit ?? { record: () => undefined }, hub: () => ref.hub };
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => { res.json({ ok: true }); });
  app.use('/admin', adminRoutes(state, options.adminKeys));
  app.use(tokenRoutes(state, options));
  app.use(notFoundHandler);
  app.use(errorHandler);
  const handleToken = tokenHandler(state, options);
  // POST /token, the hot path, on bare node:http; everything else through Express.
  const server = createServiceServer((req, res) => { if (isTokenRequest(req)) handleToken(req, res); else app(req, res); }, { tls: options.tls });
  const hub = createGenerationsHub(server, (req) => {
    const header = req.headers['x-api-key'];
    const component = typeof header === 'string' ? db.byKeyHash(hashKey(header)) : undefined;
    return component?.type === 'store' || component?.type === 'service';
  }, () => db.generations());
  ref.hub = hub;
  const running = await listen(server, options.port, options.host);
  return { ...running, state, close: async () => { hub.close(); await running.close(); db.close(); } };
}
