/**
 * The dashboard's pages at `/` of the box, for the signed-in owner only: `GET /login` (the
 * sign-in form), `GET /` (the box's apps and drivers; without a session, a redirect to the
 * sign-in page) and its stylesheet. Signing in and out are the box's `/login` and `/logout`
 * (box/api/box.app.ts), which answer a failed form sign-in with this page and the reason.
 *
 * @example
 * app.use(dashboardRoutes(context, auth));
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import type { BoxApiContext } from '../api/box.routes';
import { componentViews, ISOLATION_WORDS } from '../api/box.components.view';
import type { OwnerAuth } from '../api/owner.auth';
import { appsPage } from './dashboard.apps';
import { signInPage } from './dashboard.signin';

const CSS = readFileSync(path.join(__dirname, 'public', 'dashboard.css'));
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'";

export function dashboardRoutes(context: BoxApiContext, auth: OwnerAuth): Router {
  const router = Router();
  const views = componentViews(context.rt);
  const html = (res: import('express').Response, status: number, body: string): void => {
    res.status(status).set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CSP }).send(body);
  };
  router.get('/dashboard/dashboard.css', (_req, res) => { res.set('Content-Type', 'text/css; charset=utf-8').send(CSS); });
  router.get('/login', (req, res) => {
    if (auth.isOwner(req)) return res.redirect(303, '/');
    html(res, 200, signInPage());
  });
  router.get('/', async (req, res, next) => {
    if (!auth.isOwner(req)) return res.redirect(303, '/login');
    try {
      const { rt } = context;
      html(res, 200, appsPage({ components: await views.all(), driver: rt.driver.kind, isolated: rt.driver.isolated, isolation: ISOLATION_WORDS[rt.driver.kind] }));
    } catch (error) {
      next(error);
    }
  });
  return router;
}

/** The sign-in page again with why the sign-in failed (a form post, not the API). */
export function signInRefused(res: import('express').Response, status: number, message: string): void {
  res.status(status).set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CSP }).send(signInPage({ error: message }));
}
