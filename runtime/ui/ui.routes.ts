/**
 * The app page's HTTP routes under `/ui`: `/ui` redirects to `/ui/` (so relative URLs work
 * under the box's `/<app>/ui/` too), `/ui/` is the shell, `/ui/<asset>` the fixed list of
 * scripts and styles. Strict security headers: only this app's own scripts run.
 *
 * @example
 * app.use('/ui', uiRouter({ title: 'host-load', mode: 'preview' }));
 */
import express, { type Router } from 'express';
import { notFound } from '../../core/http.errors';
import { loadUiAssets } from './ui.assets';
import { renderUiPage, type UiPageInput } from './ui.page';

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export function uiRouter(page: UiPageInput): Router {
  const assets = loadUiAssets();
  const html = renderUiPage(page);
  const router = express.Router({ strict: true });
  router.use((_req, res, next) => {
    res.set(SECURITY_HEADERS);
    next();
  });
  router.get('/', (req, res) => {
    // Mounted at /ui: `/ui` and `/ui/` both arrive here; only `/ui/` makes relative URLs right.
    if (!req.originalUrl.split('?')[0]?.endsWith('/')) {
      res.redirect(301, 'ui/');
      return;
    }
    res.type('html').set('Cache-Control', 'no-cache').send(html);
  });
  router.get('/{*asset}', (req, res) => {
    const asset = assets.get(req.path.slice(1));
    if (!asset) {
      res.status(404).json(notFound(req.method, req.path, 'The app page is at /ui/.').toJSON());
      return;
    }
    res.type(asset.type).set('Cache-Control', 'public, max-age=300').send(asset.body);
  });
  return router;
}
