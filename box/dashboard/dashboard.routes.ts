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
import express, { Router, type Request, type Response } from 'express';
import semver from 'semver';
import { DataboxError } from '../../core/errors';
import { httpError } from '../../core/http.errors';
import { proposedBindings } from '../install/install.bindings';
import { installReview } from '../install/install.review';
import { bundleFromStore, listedVersion, parseAppRef } from '../install/install.source';
import { findUpdate } from '../install/install.update';
import { verifyTrust } from '../install/install.verify';
import type { BoxApiContext } from '../api/box.routes';
import { componentAction, componentViews, ISOLATION_WORDS, revokeGrant } from '../api/box.components.view';
import { describePermissions } from '../../core/manifest/manifest.permissions';
import { uninstall } from '../install/install.remove';
import { componentPage } from './dashboard.component';
import { dataPage } from './dashboard.data';
import { sourceReader } from './dashboard.reader';
import { auditCsv, auditPage, AUDIT_PERIODS, type AuditFilter, type AuditPeriod } from './dashboard.audit';
import { auditEvents, auditSummary } from '../api/box.audit';
import type { StoredAuditEvent } from '../audit/audit.types';
import type { OwnerAuth } from '../api/owner.auth';
import { appsPage } from './dashboard.apps';
import { reviewPage } from './dashboard.review';
import { updatePage } from './dashboard.update';
import { signInPage } from './dashboard.signin';
import { chartJsFile } from '../../runtime/ui/ui.assets';
import { storesPage, type StoreResult } from './dashboard.stores';

const CSS = readFileSync(path.join(__dirname, 'public', 'dashboard.css'));
const STREAM_JS = readFileSync(path.join(__dirname, 'public', 'dashboard.stream.js'));
const LOGS_JS = readFileSync(path.join(__dirname, 'public', 'dashboard.logs.js'));
const DATA_JS = readFileSync(path.join(__dirname, 'public', 'dashboard.data.js'));
// Chart.js from the box's own node_modules, never a CDN.
const CHART_JS = readFileSync(chartJsFile());
const DONE_WORDS: Record<string, string> = { start: 'Started.', stop: 'Stopped: it stays stopped until you start it.', restart: 'Restarted.', revoke: 'Revoked: its tokens for it no longer work.' };
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'";

export function dashboardRoutes(context: BoxApiContext, auth: OwnerAuth): Router {
  const router = Router();
  const views = componentViews(context.rt);
  router.get('/dashboard/dashboard.css', (_req, res) => { res.set('Content-Type', 'text/css; charset=utf-8').send(CSS); });
  router.get('/dashboard/dashboard.stream.js', (_req, res) => { res.set('Content-Type', 'text/javascript; charset=utf-8').send(STREAM_JS); });
  router.get('/dashboard/dashboard.logs.js', (_req, res) => { res.set('Content-Type', 'text/javascript; charset=utf-8').send(LOGS_JS); });
  router.get('/dashboard/dashboard.data.js', (_req, res) => { res.set('Content-Type', 'text/javascript; charset=utf-8').send(DATA_JS); });
  router.get('/dashboard/chart.umd.js', (_req, res) => { res.set({ 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'max-age=3600' }).send(CHART_JS); });
  /** The owner's pages: anyone else is sent to sign in. */
  const ownerPage = (handle: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response, next: (error?: unknown) => void) => {
    if (!auth.isOwner(req)) return res.redirect(303, '/login');
    try {
      await handle(req, res);
    } catch (error) {
      next(error);
    }
  };
  const stores = async (q: string, error?: string): Promise<string> => {
    const known = context.rt.db.stores();
    const results: StoreResult[] = await Promise.all(known.map(async (store) => searchStore(store, q)));
    return storesPage({ stores: known, q, results, ...(error ? { error } : {}) });
  };
  const reader = sourceReader(context.rt);
  router.get('/data', ownerPage(async (_req, res) => {
    const sources = context.rt.db.sources();
    const apps = context.rt.db.components().filter((c) => c.kind === 'app');
    const readBy = Object.fromEntries(sources.map((s) => [s.id, apps.filter((a) => Object.values(a.sla.bindings).includes(s.id)).map((a) => a.name)]));
    html(res, 200, dataPage({ sources, readings: await reader.recent(sources, 60), readBy }));
  }));
  router.get('/stores', ownerPage(async (req, res) => {
    html(res, 200, await stores(typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : ''));
  }));
  router.post('/dashboard/stores', express.urlencoded({ extended: false, limit: '4kb' }), ownerPage(async (req, res) => {
    const url = (req.body as Record<string, unknown> | undefined)?.url;
    if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/.test(url) || !URL.canParse(url)) {
      html(res, 400, await stores('', `"${typeof url === 'string' ? url.slice(0, 200) : ''}" is not an app store's http(s) URL`));
      return;
    }
    context.rt.db.addStore(new URL(url).origin);
    res.redirect(303, '/stores');
  }));
  router.get('/apps/:name', ownerPage(async (req, res) => {
    const view = await views.summary(String(req.params.name));
    const component = views.installed(view.name);
    const done = typeof req.query.done === 'string' ? DONE_WORDS[req.query.done] : undefined;
    const origin = component.sla.origin;
    const listed = component.kind === 'app' && origin.kind === 'store' ? await listedVersion(origin.store, view.name) : undefined;
    const previous = context.rt.db.previous(view.name);
    const versions = {
      ...(listed && semver.valid(listed) && semver.gt(listed, view.version) ? { newer: listed } : {}),
      ...(previous ? { previous: { version: previous.sla.manifest.version, replaced: new Date(previous.replaced) } } : {}),
    };
    html(res, 200, componentPage({ view, permissions: describePermissions(component.sla.manifest).map((p) => p.text), versions, ...(done ? { message: done } : {}) }));
  }));
  router.get('/apps/:name/update', ownerPage(async (req, res) => {
    const name = views.installed(String(req.params.name)).name;
    const { review } = await findUpdate(context.rt, name, typeof req.query.version === 'string' ? req.query.version : undefined);
    const answer = review({});
    const origin = context.rt.db.component(name)?.sla.origin;
    html(res, 200, updatePage({ review: { ...answer, newer: semver.gt(answer.to, answer.from) }, store: origin?.kind === 'store' ? origin.store : '' }));
  }));
  for (const action of ['start', 'stop', 'restart'] as const) {
    router.post(`/dashboard/apps/:name/${action}`, ownerPage(async (req, res) => {
      const component = views.installed(String(req.params.name));
      await componentAction(context.rt, component, action);
      res.redirect(303, `/apps/${encodeURIComponent(component.name)}?done=${action}`);
    }));
  }
  router.post('/dashboard/apps/:name/revoke', express.urlencoded({ extended: false, limit: '4kb' }), ownerPage(async (req, res) => {
    const component = views.installed(String(req.params.name));
    const index = Number((req.body as Record<string, unknown> | undefined)?.grant);
    if (!Number.isInteger(index) || index < 0) throw new DataboxError('field-invalid', 'say which grant to revoke', { status: 400 });
    await revokeGrant(context.rt, component, index);
    res.redirect(303, `/apps/${encodeURIComponent(component.name)}?done=revoke`);
  }));
  router.post('/dashboard/apps/:name/uninstall', express.urlencoded({ extended: false, limit: '4kb' }), ownerPage(async (req, res) => {
    const component = views.installed(String(req.params.name));
    const keep = (req.body as Record<string, unknown> | undefined)?.data !== 'delete';
    await uninstall(context.rt, component.name, { deleteData: !keep }, () => undefined);
    res.redirect(303, `/?${new URLSearchParams({ removed: component.name, kept: keep ? '1' : '0' })}`);
  }));
  const auditFilter = (req: Request): AuditFilter => {
    const text = (key: string): string | undefined => (typeof req.query[key] === 'string' && req.query[key] !== '' ? String(req.query[key]) : undefined);
    const period = text('period');
    const app = text('app');
    const kind = text('kind');
    return {
      period: period && period in AUDIT_PERIODS ? period as AuditPeriod : 'day',
      ...(app && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(app) ? { app } : {}),
      ...(kind && /^[a-z][a-z0-9-]{0,39}$/.test(kind) ? { kind } : {}),
    };
  };
  const auditQuery = (f: AuditFilter, limit: number) => ({
    ...(f.app ? { app: f.app } : {}), ...(f.kind ? { kind: f.kind } : {}),
    ...(AUDIT_PERIODS[f.period].ms ? { from: String(Date.now() - AUDIT_PERIODS[f.period].ms) } : {}), limit: String(limit),
  });
  router.get('/audit', ownerPage(async (req, res) => {
    const filter = auditFilter(req);
    const from = AUDIT_PERIODS[filter.period].ms ? Date.now() - AUDIT_PERIODS[filter.period].ms : undefined;
    const [answer, summary] = await Promise.all([auditEvents(context.rt, auditQuery(filter, 200)), auditSummary(context.rt, { ...(filter.app ? { app: filter.app } : {}), ...(from !== undefined ? { from } : {}) })]);
    const events = [...(answer as { events: StoredAuditEvent[] }).events].reverse();
    const apps = context.rt.db.components().map((c) => c.name).sort();
    html(res, 200, auditPage({ filter, events, summary, apps, now: Date.now() }));
  }));
  router.get('/audit.csv', ownerPage(async (req, res) => {
    const filter = auditFilter(req);
    const answer = await auditEvents(context.rt, auditQuery(filter, 1000)) as { events: StoredAuditEvent[] };
    res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="databox-audit-${new Date().toISOString().slice(0, 10)}.csv"` }).send(auditCsv(answer.events));
  }));
  router.get('/install', ownerPage(async (req, res) => {
    const store = typeof req.query.store === 'string' ? req.query.store : '';
    const app = typeof req.query.app === 'string' ? req.query.app : '';
    // Only a store the owner added: the review must not fetch from anywhere a link says.
    if (!context.rt.db.stores().includes(store)) throw new DataboxError('store-unknown', `${store || 'that store'} is not one of this box's app stores`, { status: 400, hint: 'Add it on the App stores page first.' });
    const { name, version } = parseAppRef(app);
    const found = await bundleFromStore(store, name, version);
    const trust = verifyTrust({ ...found.trust, pinned: context.rt.db.pin(found.bundle.manifest.name) });
    const sources = context.rt.db.sources();
    const review = installReview(found, proposedBindings(found.bundle.manifest, sources), sources, trust);
    // A data source the owner has none of: offer the stores' drivers that provide its type.
    const missing = [...new Set(review.datasources.filter((d) => d.candidates.length === 0).map((d) => d.type))];
    const drivers = Object.fromEntries(await Promise.all(missing.map(async (type) => [type, await driversProviding(context.rt.db.stores(), type)] as const)));
    html(res, 200, reviewPage({ review, store, app, drivers }));
  }));
  router.get('/login', (req, res) => {
    if (auth.isOwner(req)) return res.redirect(303, '/');
    html(res, 200, signInPage());
  });
  router.get('/', async (req, res, next) => {
    if (!auth.isOwner(req)) return res.redirect(303, '/login');
    try {
      const { rt } = context;
      const message = typeof req.query.removed === 'string' ? `${req.query.removed} was uninstalled${req.query.kept === '1' ? '; its data is kept' : ' with its data'}.` : undefined;
      html(res, 200, appsPage({ components: await views.all(), driver: rt.driver.kind, isolated: rt.driver.isolated, isolation: ISOLATION_WORDS[rt.driver.kind], ...(message ? { message } : {}) }));
    } catch (error) {
      next(error);
    }
  });
  return router;
}

/** The sign-in page again with why the sign-in failed (a form post, not the API). */
export function signInRefused(res: Response, status: number, message: string): void {
  html(res, status, signInPage({ error: message }));
}

/** A dashboard page: HTML that may load only the box's own files. */
function html(res: Response, status: number, body: string): void {
  res.status(status).set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CSP }).send(body);
}

/** One store's apps for a search, or why it could not be searched (the page still shows the others). */
async function searchStore(store: string, q: string): Promise<StoreResult> {
  try {
    const url = new URL('/api/apps', store);
    if (q) url.searchParams.set('q', q);
    url.searchParams.set('limit', '50');
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) return { store, error: `the store answered ${response.status}` };
    const answer = await response.json() as { items?: StoreResult['items'] };
    return { store, items: Array.isArray(answer.items) ? answer.items : [] };
  } catch (error) {
    return { store, error: `the store does not answer (${httpError(error).message})` };
  }
}

/** The drivers of the owner's stores that provide a data-source type. */
async function driversProviding(stores: readonly string[], type: string): Promise<{ store: string; name: string; displayName: string }[]> {
  const found = await Promise.all(stores.map(async (store) => {
    try {
      const url = new URL('/api/apps', store);
      url.searchParams.set('type', 'driver');
      url.searchParams.set('datasource', type);
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (!response.ok) return [];
      const answer = await response.json() as { items?: { name: string; displayName: string }[] };
      return (answer.items ?? []).map((d) => ({ store, name: d.name, displayName: d.displayName }));
    } catch {
      return [];
    }
  }));
  return found.flat();
}
