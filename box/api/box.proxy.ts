/**
 * The box's two proxies: an app's page (`/<app>/ui/...`, HTTP and its WebSocket) to the
 * signed-in owner only, and webhook posts (`/webhook/<source>`) to the webhook driver, which
 * checks each source's secret. The owner's credentials (session cookie, Basic password) never
 * reach an app, and nothing an app answers can set a cookie on the box.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import httpProxy from 'http-proxy';
import { DataboxError } from '../../core/errors';
import { httpError } from '../../core/http.errors';
import type { BoxRuntime } from '../daemon/box.runtime';
import type { OwnerAuth } from './owner.auth';

const APP_PAGE = /^\/([a-z][a-z0-9-]{0,62})(\/ui(?:\/.*)?)$/;
const WEBHOOK = /^\/webhook\/[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export interface BoxProxy {
  /** Handles the request when it is an app page or a webhook; answers whether it did. */
  http(req: IncomingMessage, res: ServerResponse): boolean;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

export function boxProxy(rt: BoxRuntime, auth: OwnerAuth): BoxProxy {
  const proxy = httpProxy.createProxyServer({ ws: true, xfwd: true, proxyTimeout: 60_000 });
  proxy.on('proxyReq', (proxied) => {
    proxied.removeHeader('cookie');
    proxied.removeHeader('authorization');
  });
  proxy.on('proxyReqWs', (proxied) => {
    proxied.removeHeader('cookie');
    proxied.removeHeader('authorization');
  });
  proxy.on('proxyRes', (answer) => { delete answer.headers['set-cookie']; });
  proxy.on('error', (error, _req, res) => {
    const failure = new DataboxError('component-unreachable', 'the app does not answer', { status: 502, hint: 'See its status and output: databox box apps, databox box logs <name>', cause: error });
    if (res && 'writeHead' in res && !res.headersSent) {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify(failure.toJSON()));
    } else if (res && 'destroy' in res) res.destroy();
  });
  const appOf = (url: string | undefined): { name: string; path: string } | undefined => {
    const match = APP_PAGE.exec((url ?? '/').split('?')[0] ?? '/');
    if (!match?.[1] || !match[2]) return undefined;
    const component = rt.db.component(match[1]);
    if (!component || component.kind !== 'app') return undefined;
    const query = (url ?? '').includes('?') ? (url ?? '').slice((url ?? '').indexOf('?')) : '';
    return { name: match[1], path: `${match[2]}${query}` };
  };
  const refuse = (res: ServerResponse, error: DataboxError): void => {
    res.writeHead(error.status, { 'content-type': 'application/json', ...(error.status === 401 ? { 'www-authenticate': 'Basic realm="databox box", charset="UTF-8"' } : {}) });
    res.end(JSON.stringify(error.toJSON()));
  };
  return {
    http(req, res) {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (req.method === 'POST' && WEBHOOK.test(path)) {
        const webhook = rt.db.component('webhook');
        if (!webhook) return refuse(res, new DataboxError('webhook-missing', 'the webhook driver is not installed', { status: 404 })), true;
        rt.driver.boxUrl('webhook').then((target) => proxy.web(req, res, { target }), (error: unknown) => refuse(res, httpError(error)));
        return true;
      }
      // Anyone but the owner gets 401 for every app-page path, installed or not: which apps a
      // box has is the owner's to know.
      if (APP_PAGE.test(path) && !auth.isOwner(req)) return refuse(res, new DataboxError('owner-only', 'only the box\'s owner may open its apps', { status: 401, hint: 'Sign in at /login, or send the owner password (user owner).' })), true;
      const app = appOf(req.url);
      if (!app) return false;
      req.url = app.path;
      rt.driver.boxUrl(app.name).then((target) => proxy.web(req, res, { target }), (error: unknown) => refuse(res, httpError(error)));
      return true;
    },
    upgrade(req, socket, head) {
      const owner = auth.isOwner(req);
      const app = owner ? appOf(req.url) : undefined;
      if (!app) {
        const pagePath = APP_PAGE.test((req.url ?? '/').split('?')[0] ?? '/');
        socket.end(`HTTP/1.1 ${!owner && pagePath ? '401 Unauthorized' : '404 Not Found'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
        return;
      }
      req.url = app.path;
      rt.driver.boxUrl(app.name).then((target) => proxy.ws(req, socket, head, { target }), () => socket.destroy());
    },
    close() {
      proxy.close();
    },
  };
}
