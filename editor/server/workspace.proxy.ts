/**
 * `/workspace/...` (HTTP and the editor's WebSocket `/workspace/comms`) goes to the signed-in
 * developer's own workspace, and nobody else's: the URL names no workspace, the session does.
 * The proxy drops the studio's cookie and any credentials before the request reaches the
 * workspace (a flow's code there could read them), adds the workspace's gate secret, drops any
 * cookie a workspace tries to set, refuses service-worker scripts (which would outlive the
 * session in the browser), changes from other sites, and deploys that are not a flow.
 * The editor's page itself is the studio's own (editor.page.ts), answered while a workspace starts.
 *
 * @example
 * const proxy = workspaceProxy({ auth, manager, db });
 * app.use('/workspace', proxy.http); server.on('upgrade', proxy.upgrade);
 */
import { Agent, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Readable } from 'node:stream';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import httpProxy from 'http-proxy';
import { parseFlows } from '../../builder/compile/flows.parse';
import { DataboxError } from '../../core/errors';
import type { StudioAuth } from '../auth/studio.auth';
import type { StudioDb } from '../db/studio.db';
import { SECRET_HEADER } from '../workspace/workspace.gate';
import type { WorkspaceManager } from '../workspaces/workspace.manager';
import { editorPage } from './editor.page';
import { MAX_DOC_BYTES } from './storage.routes';
import { crossSite } from '../../core/http.same-origin';

const WEBSOCKETS = new Set(['/workspace/comms', '/workspace/preview/ws']);

export interface WorkspaceProxy {
  http: RequestHandler;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

export function workspaceProxy(options: { auth: StudioAuth; manager: WorkspaceManager; db: StudioDb }): WorkspaceProxy {
  const { auth, manager } = options;
  // Keep-alive to the workspaces: a new connection per request was a tenth of an editor's load.
  // An idle one is closed after 30 s, before the workspace's own 65 s would close it under a request.
  const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: 30_000 });
  const proxy = httpProxy.createProxyServer({ ws: true, xfwd: false, proxyTimeout: 120_000, agent });
  // What each request was sent with, so one that met a kept socket already closed (a workspace
  // restarted under it) is sent again: the editor's loader has no error path, and a 502 there
  // left the page at "Loading Plugins" for good.
  const sent = new WeakMap<IncomingMessage, { options: httpProxy.ServerOptions; body?: Buffer; reused: boolean; retried: boolean }>();
  const strip = (proxied: { removeHeader(name: string): void }): void => {
    proxied.removeHeader('cookie');
    proxied.removeHeader('authorization');
  };
  proxy.on('proxyReq', (proxied, req) => {
    strip(proxied);
    const record = sent.get(req);
    if (record) record.reused = proxied.reusedSocket;
  });
  proxy.on('proxyReqWs', strip);
  proxy.on('proxyRes', (answer) => {
    delete answer.headers['set-cookie'];
  });
  proxy.on('error', (error, req, res) => {
    const record = sent.get(req);
    const again = record && record.reused && !record.retried && (error as NodeJS.ErrnoException).code === 'ECONNRESET'
      && (record.body !== undefined || ['GET', 'HEAD', 'OPTIONS'].includes(req.method ?? ''));
    if (again && res && 'writeHead' in res && !res.headersSent) {
      record.retried = true;
      proxy.web(req, res, { ...record.options, ...(record.body ? { buffer: Readable.from([record.body]) } : {}) });
      return;
    }
    const failure = new DataboxError('workspace-unreachable', 'your workspace did not answer', { status: 502, hint: 'Reload the page: the studio starts it again.', cause: error });
    if (res && 'writeHead' in res && !res.headersSent) {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify(failure.toJSON()));
    } else if (res && 'destroy' in res) res.destroy();
  });

  // Developers whose last start, begun behind the editor's page, failed: their next page waits
  // for the start, so a reload shows what went wrong instead of a loader that never ends.
  const failedStart = new Set<string>();

  const readDeploy = express.raw({ type: () => true, limit: MAX_DOC_BYTES });
  // Upgraded sockets leave the HTTP server's bookkeeping: the proxy ends them when the studio stops.
  const sockets = new Set<Duplex>();
  let closed = false;

  const forward = async (req: Request, res: Response, body?: Buffer): Promise<void> => {
    const signedIn = auth.signedIn(req);
    if (!signedIn) throw new DataboxError('signin-required', 'sign in to the studio first', { status: 401 });
    const developerId = signedIn.developer.id;
    if (req.method === 'GET' && req.originalUrl === '/workspace/') {
      // The studio renders the editor's page (editor.page.ts) and answers at once; a workspace
      // not running starts meanwhile, and the editor's next requests wait for the same start.
      if (failedStart.has(developerId)) {
        await manager.ensure(signedIn.developer);
        failedStart.delete(developerId);
      } else if (!manager.running(developerId)) {
        manager.ensure(signedIn.developer).catch(() => failedStart.add(developerId));
      }
      manager.touch(developerId);
      res.status(200).set({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).send(await editorPage(signedIn.developer.login));
      return;
    }
    const entry = await manager.ensure(signedIn.developer);
    manager.touch(entry.developerId);
    req.url = req.originalUrl;
    const options = { target: entry.running.target, headers: { [SECRET_HEADER]: entry.gateSecret } };
    sent.set(req, { options, reused: false, retried: false, ...(body ? { body } : {}) });
    proxy.web(req, res, { ...options, ...(body ? { buffer: Readable.from([body]) } : {}) });
  };

  const http: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    if (req.originalUrl === '/workspace') return res.redirect(301, '/workspace/');
    if (req.get('service-worker')) return next(new DataboxError('service-worker-refused', 'the studio does not serve service workers', { status: 403 }));
    if (crossSite(req)) return next(new DataboxError('cross-site-refused', 'a change to your workspace was asked from another site', { status: 403, hint: 'Use the studio\'s own editor.' }));
    if (req.method === 'POST' && req.path === '/flows') {
      readDeploy(req, res, (error?: unknown) => {
        if (error) return next(deployError(error));
        try {
          const body = req.body as Buffer;
          checkDeploy(body);
          forward(req, res, body).catch(next);
        } catch (refused) {
          next(refused);
        }
      });
      return;
    }
    forward(req, res).catch(next);
  };

  return {
    http,
    upgrade(req, socket, head) {
      const pathname = new URL(req.url ?? '/', 'http://studio').pathname;
      if (closed) {
        socket.destroy();
        return;
      }
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      if (!WEBSOCKETS.has(pathname)) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      auth.signedInRaw(req).then(async (signedIn) => {
        if (!signedIn) {
          socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
          return;
        }
        const entry = await manager.ensure(signedIn.developer);
        manager.touch(entry.developerId);
        // An open editor is in use, even when it only listens: it keeps its workspace from idling out.
        const inUse = setInterval(() => manager.touch(entry.developerId), 30_000);
        socket.once('close', () => clearInterval(inUse));
        proxy.ws(req, socket, head, { target: entry.running.target, headers: { [SECRET_HEADER]: entry.gateSecret } });
      }).catch(() => socket.destroy());
    },
    close() {
      closed = true;
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      proxy.close();
    },
  };
}

/** A deploy is a flow: JSON, an array of nodes (or Node-RED's `{flows, rev}`), each a node. */
export function checkDeploy(body: Buffer): void {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new DataboxError('flows-not-json', 'the flows you deployed are not JSON', { status: 400, hint: 'Import a flow exported from Node-RED (a JSON array of nodes).' });
  }
  const flows = typeof value === 'object' && value !== null && !Array.isArray(value) && 'flows' in value ? value.flows : value;
  parseFlows(flows);
}

function deployError(error: unknown): DataboxError {
  if ((error as { status?: number }).status === 413) {
    return new DataboxError('flows-too-large', `the flows are larger than ${MAX_DOC_BYTES / 1024 / 1024} MB`, { status: 413, hint: 'Split them into smaller tabs, or remove large inline data (a CSV pasted into a node).' });
  }
  return new DataboxError('body-malformed', 'the deploy could not be read', { status: 400, cause: error });
}
