/**
 * The box's web server: the dashboard's pages (box/dashboard), its API (owner only but for
 * health), sign-in and sign-out, the app
 * pages and webhooks (box.proxy.ts), one error shape, and a refusal of cross-site requests
 * that would change anything with the owner's session (only the box's own pages may).
 *
 * @example
 * const server = await serveBox(context, { port: 8080, host: '127.0.0.1' });
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { BUNDLE_LIMITS } from '../../core/bundle';
import { DataboxError } from '../../core/errors';
import { httpError, isInternal, notFound } from '../../core/http.errors';
import { crossSite } from '../../core/http.same-origin';
import { jsonBody } from '../service/service.raw';
import { boxProxy } from './box.proxy';
import { openApi, type BoxRoute } from './box.route';
import { webhookRoutes } from './webhook.routes';
import { dashboardRoutes, signInRefused } from '../dashboard/dashboard.routes';
import { boxRoutes, type BoxApiContext } from './box.routes';
import { ownerAuth, SESSION_COOKIE, type OwnerAuth } from './owner.auth';

export interface RunningBoxServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export function boxApp(context: BoxApiContext, auth: OwnerAuth): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use((_req, res, next) => {
    res.set({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY', 'Cache-Control': 'no-store' });
    next();
  });
  // A change made with the owner's session must come from the box's own pages.
  app.use((req, _res, next) => {
    if (req.headers.cookie?.includes(SESSION_COOKIE) && crossSite(req)) {
      return next(new DataboxError('cross-site-refused', 'a change to the box was asked from another site', { status: 403, hint: 'Use the box\'s own pages or its CLI.' }));
    }
    next();
  });
  app.use(dashboardRoutes(context, auth));
  const routes = [...boxRoutes(context), ...webhookRoutes(context.rt)];
  const all: BoxRoute[] = [...routes, {
    method: 'get', path: '/api/openapi.json', summary: 'This document', auth: 'none', responses: { 200: 'the OpenAPI document' },
    handle: (_req, res) => { res.json(openApi(all, context.version)); },
  }];
  const json = jsonBody({ limit: 256 * 1024 });
  const gzip = express.raw({ type: 'application/gzip', limit: BUNDLE_LIMITS.maxBytes });
  const owner = (req: Request, _res: Response, next: NextFunction): void => {
    if (auth.isOwner(req)) return next();
    next(new DataboxError('owner-only', 'this needs the box owner', { status: 401, hint: 'Send the owner password with HTTP Basic (user owner), or sign in at /login.' }));
  };
  for (const route of all) {
    const handlers = [
      ...(route.auth === 'owner' ? [owner] : []),
      (req: Request, res: Response, next: NextFunction) => (req.is('application/gzip') ? gzip(req, res, next) : json(req, res, next)),
      (req: Request, res: Response, next: NextFunction) => { Promise.resolve(route.handle(req, res)).catch(next); },
    ];
    app[route.method](route.path, ...handlers);
  }
  app.post('/login', express.urlencoded({ extended: false, limit: '4kb' }), json, (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    const password = typeof body?.password === 'string' ? body.password : '';
    let id: string;
    try {
      id = auth.signIn(password, req.socket.remoteAddress ?? 'unknown');
    } catch (error) {
      // The dashboard's form gets its page back with the reason; the API its JSON error.
      if (error instanceof DataboxError && !req.is('application/json')) return signInRefused(res, error.status, error.message);
      throw error;
    }
    res.cookie(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', maxAge: 7 * 24 * 3600 * 1000 });
    if (req.is('application/json')) res.json({ signedIn: true });
    else res.redirect(303, '/');
  });
  app.post('/logout', (req, res) => {
    auth.signOut(req);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    if (req.get('accept')?.includes('application/json')) res.json({ signedOut: true });
    else res.redirect(303, '/login');
  });
  app.use((req, _res, next) => next(notFound(req.method, req.path, 'See /api/openapi.json for the box API.')));
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const answer = httpError(error, 'the box');
    if (isInternal(answer)) console.error(`box: ${req.method} ${req.path} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    if (answer.status === 401) res.set('WWW-Authenticate', 'Basic realm="databox box", charset="UTF-8"');
    if (res.headersSent) return void res.end();
    res.status(answer.status).json(answer.toJSON());
  });
  return app;
}

export async function serveBox(context: BoxApiContext, options: { port: number; host: string }): Promise<RunningBoxServer> {
  const auth = ownerAuth(context.rt.db);
  const app = boxApp(context, auth);
  const proxy = boxProxy(context.rt, auth);
  const server = createServer((req, res) => {
    if (!proxy.http(req, res)) app(req, res);
  });
  server.on('upgrade', (req, socket, head) => proxy.upgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`, port, server,
    close: () => new Promise<void>((resolve) => {
      proxy.close();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
