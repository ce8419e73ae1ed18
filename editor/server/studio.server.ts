/**
 * The studio: its pages, sign-in, each developer's workspace behind the proxy at
 * `/workspace/`, build and publish, and, on a listener of its own that browsers never reach,
 * the storage API its workspaces keep their flows through.
 *
 * @example
 * const studio = await startStudio({ dataDir: '/tmp/studio', port: 0, host: '127.0.0.1', root, log: console.log });
 * console.log(studio.url); await studio.close();
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { DataboxError, isDataboxError } from '../../core/errors';
import { httpError, notFound } from '../../core/http.errors';
import { studioAuth, type GithubApp } from '../auth/studio.auth';
import { openStudioDb, type StudioDb } from '../db/studio.db';
import { SECRET_HEADER } from '../workspace/workspace.gate';
import { processDriver } from '../workspaces/process.driver';
import { workspaceManager, type WorkspaceManager } from '../workspaces/workspace.manager';
import type { WorkspaceDriver } from '../workspaces/workspace.types';
import { DATASOURCE_TYPES } from '../../core/catalogue/catalogue';
import { previewDataRoutes } from './preview-data.routes';
import { publishRoutes } from './publish.routes';
import { crossSite } from '../../core/http.same-origin';
import { storageRoutes } from './storage.routes';
import { errorPage, homePage, signInPage, type StudioFacts } from './studio.pages';
import { workspaceProxy } from './workspace.proxy';

export interface StudioOptions {
  dataDir: string;
  port: number;
  host: string;
  /** The SDK holding dist/ (the workspace program, the Databox nodes, the editor plugins). */
  root: string;
  /** Where browsers reach the studio (OAuth callback); default `http://<host>:<port>`. */
  publicUrl?: string;
  github?: GithubApp;
  storeUrl?: string;
  storeToken?: string;
  /** A workspace driver; default the process driver. */
  driver?: WorkspaceDriver;
  idleMs?: number;
  workspaceMemoryMb?: number;
  log: (line: string) => void;
}

export interface RunningStudio {
  url: string;
  /** Where workspaces reach the storage API (never browsers). */
  storageUrl: string;
  db: StudioDb;
  manager: WorkspaceManager;
  driver: WorkspaceDriver;
  close(): Promise<void>;
}

/**
 * `vendor/`, `red/` and `types/` of the installed @node-red/editor-client, and the core nodes'
 * icons (`icons/node-red/`), as the workspace's editor API serves them; anything else, or a
 * file not there, goes on to the workspace.
 */
function editorClientFiles(): express.RequestHandler {
  const nodeRed = require.resolve('node-red');
  const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`, { paths: [nodeRed] }));
  const options = { index: false, redirect: false, fallthrough: true } as const;
  const files = express.Router();
  const publicDir = path.join(packageDir('@node-red/editor-client'), 'public');
  // express.static answers GET and HEAD only; anything else passes on.
  for (const folder of ['vendor', 'red', 'types']) files.use(`/${folder}`, express.static(path.join(publicDir, folder), options));
  files.use('/icons/node-red', express.static(path.join(packageDir('@node-red/nodes'), 'icons'), options));
  return files;
}

export async function startStudio(options: StudioOptions): Promise<RunningStudio> {
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const db = openStudioDb(path.join(options.dataDir, 'studio.sqlite'));
  const driver = options.driver ?? processDriver({ root: options.root, dataDir: options.dataDir, memoryMb: options.workspaceMemoryMb ?? 256 });
  const nodesDirs = [path.join(options.root, 'dist', 'nodes'), path.join(options.root, 'dist', 'editor', 'plugins')].filter((dir) => fs.existsSync(dir));

  await driver.prepare?.(options.log);
  // The internal listener, where only workspaces (with their token) reach it: loopback, or the
  // gateway of the workspaces' network.
  const internalApp = express();
  internalApp.disable('x-powered-by');
  const internal = http.createServer(internalApp);
  const internalPort = (await listen(internal, 0, driver.storageHost)).port;
  await driver.guard?.(internalPort);
  const manager = workspaceManager({ driver, nodesDirs, storagePort: () => internalPort, replayFor: (developer) => db.replayReadings(developer), idleMs: options.idleMs ?? 30 * 60_000, log: options.log });
  const notes = new Map<string, string>();
  internalApp.use('/internal/storage', storageRoutes({ db, ownerOf: manager.tokenOwner, noteFor: (developer) => { const note = notes.get(developer); notes.delete(developer); return note; } }));

  const server = http.createServer();
  const bound = await listen(server, options.port, options.host);
  const url = options.publicUrl?.replace(/\/+$/, '') ?? `http://${hostForUrl(options.host)}:${bound.port}`;
  const auth = studioAuth({ db, ...(options.github ? { github: options.github } : {}), publicUrl: url, cookieSecret: cookieSecret(options.dataDir), log: options.log });
  const facts: StudioFacts = { mode: auth.mode, driver: { kind: driver.kind, isolated: driver.isolated }, ...(options.storeUrl ? { storeUrl: options.storeUrl } : {}) };
  if (!driver.isolated) options.log('studio: workspaces run as processes of the studio: flow code is NOT isolated from the studio\'s files (for one developer on their own machine)');
  const proxy = workspaceProxy({ auth, manager, db });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use((_req, res, next) => {
    res.set({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' });
    next();
  });
  app.get('/api/health', (_req, res) => { res.json({ status: 'ok', signIn: auth.mode, workspaces: driver.kind, isolated: driver.isolated }); });
  app.use('/studio/static', express.static(path.join(__dirname, 'public'), { maxAge: '5m', index: false }));
  app.use(auth.session);
  app.use(auth.routes);
  const pageHeaders = (res: Response): void => {
    res.set({ 'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' " + (options.github ? new URL(options.github.webUrl).origin : '') + "; base-uri 'none'; frame-ancestors 'none'", 'Cache-Control': 'no-store' });
  };
  app.get('/signin', (req, res) => {
    if (auth.signedIn(req)) return res.redirect(303, '/');
    pageHeaders(res);
    res.type('html').send(signInPage(facts, req.query.failed !== undefined).text);
  });
  const sourceTypes = DATASOURCE_TYPES.filter((t) => !t.actuator).map((t) => ({ id: t.id, description: t.description }));
  const home = async (req: Request, res: Response, status: number, message?: { kind: 'ok' | 'error'; text: string }): Promise<void> => {
    const developer = auth.signedIn(req)?.developer;
    if (!developer) return;
    const restored = Number(req.query.restored);
    // A log that cannot be read leaves the page without it, not without the page.
    const log = await driver.logs(developer.id, 60).catch(() => []);
    pageHeaders(res);
    res.status(status).type('html').send(homePage(facts, {
      developer, versions: db.versions(developer.id), published: db.published(developer.id), replays: db.replays(developer.id), sourceTypes, log,
      ...(Number.isInteger(restored) && restored > 0 ? { restored } : {}), ...(message ? { message } : {}),
    }).text);
  };
  app.get('/', auth.requireDeveloper, (req, res, next) => { home(req, res, 200).catch(next); });
  const sameSite = (req: Request, _res: Response, next: NextFunction): void => {
    next(crossSite(req) ? new DataboxError('cross-site-refused', 'a change was asked from another site', { status: 403, hint: 'Use the studio\'s own pages.' }) : undefined);
  };
  app.post('/studio/versions/:n/restore', auth.requireDeveloper, sameSite, (req, res, next) => {
    const developer = auth.signedIn(req)?.developer;
    const n = Number(req.params.n);
    const flows = developer && Number.isInteger(n) ? db.version(developer.id, n) : undefined;
    if (!developer || !flows) return next(new DataboxError('version-not-found', `you have no version ${req.params.n}`, { status: 404, hint: 'The versions are listed on the studio\'s home page.' }));
    notes.set(developer.id, `restored version ${n}`);
    manager.ensure(developer).then(async (entry) => {
      const answer = await fetch(`${entry.running.target}/workspace/flows`, {
        method: 'POST',
        headers: { [SECRET_HEADER]: entry.gateSecret, 'content-type': 'application/json', 'Node-RED-API-Version': 'v1', 'Node-RED-Deployment-Type': 'full' },
        body: JSON.stringify(flows),
      });
      if (!answer.ok) throw new DataboxError('restore-failed', `the workspace refused version ${n} (${answer.status})`, { status: 502 });
      res.redirect(303, `/?restored=${n}`);
    }).catch(next);
  });
  app.use('/studio/preview-data', auth.requireDeveloper, sameSite, previewDataRoutes({ db, auth, manager, page: home }));
  app.use('/studio/api', auth.requireDeveloper, sameSite, publishRoutes({ db, auth, dataDir: options.dataDir, ...(options.storeUrl ? { storeUrl: options.storeUrl } : {}), ...(options.storeToken ? { storeToken: options.storeToken } : {}) }));
  app.get('/studio/api/versions', auth.requireDeveloper, (req, res) => { res.json({ versions: db.versions(auth.signedIn(req)?.developer.id ?? '') }); });
  // Node-RED's own editor files (the same for every workspace, none of a developer's) come from
  // the studio itself: a cold workspace's first seconds go to starting, not to serving 10 MB.
  app.use('/workspace', auth.requireDeveloper, editorClientFiles());
  app.use('/workspace', auth.requireDeveloper, proxy.http);
  app.use((req, _res, next) => { next(notFound(req.method, req.path, 'The studio is at /; your editor at /workspace/.')); });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const failure = isDataboxError(error) ? error : httpError(error, 'the studio');
    if (failure.status >= 500) options.log(`studio: ${req.method} ${req.path}: ${error instanceof Error ? error.message : String(error)}`);
    if (res.headersSent) {
      res.end();
    } else if (req.accepts(['json', 'html']) === 'html' && req.method === 'GET' && !req.path.startsWith('/studio/api')) {
      pageHeaders(res);
      res.status(failure.status).type('html').send(errorPage(facts, failure.status, failure.message, failure.hint).text);
    } else {
      res.status(failure.status).json(failure.toJSON());
    }
  });
  server.on('request', app);
  server.on('upgrade', proxy.upgrade);

  return {
    url, db, manager, driver, storageUrl: driver.storageUrl(internalPort),
    async close() {
      proxy.close();
      await manager.close();
      server.closeAllConnections();
      internal.closeAllConnections();
      await Promise.all([new Promise((resolve) => server.close(resolve)), new Promise((resolve) => internal.close(resolve))]);
      db.close();
    },
  };
}

function listen(server: http.Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** The key that signs session cookies: made once, kept owner-only beside the database. */
function cookieSecret(dataDir: string): string {
  const file = path.join(dataDir, 'cookie-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const secret = randomBytes(32).toString('base64url');
    fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}

