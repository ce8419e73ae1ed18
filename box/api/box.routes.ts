/**
 * The box API (the CLI's and the dashboard's), owner only but for its health: what runs, the
 * owner's data sources and app stores, installs (a review first, then the install with its
 * progress streamed), start, stop, restart, logs, uninstall, and the audit log. The server
 * decides every grant from the verified bundle; a request names only the app and the owner's
 * bindings.
 */
import type { Request, Response } from 'express';
import semver from 'semver';
import { DataboxError } from '../../core/errors';
import { httpError } from '../../core/http.errors';
import { installReview } from '../install/install.review';
import { installBundle, installProblems } from '../install/install.run';
import { uninstall } from '../install/install.remove';
import { bundleFromStore, localBundle, parseAppRef, type FoundBundle } from '../install/install.source';
import { applyUpdate, findUpdate, planUpdate, rollbackApp } from '../install/install.update';
import { verifyTrust } from '../install/install.verify';
import type { BoxRuntime } from '../daemon/box.runtime';
import { ARBITER, AUDIT, EXPORT_SERVICE } from '../daemon/box.layout';
import type { BoxRoute } from './box.route';
import { auditEvents } from './box.audit';
import { componentAction, componentViews, ISOLATION_WORDS } from './box.components.view';

export interface BoxApiContext {
  rt: BoxRuntime;
  version: string;
  /** Names being installed right now: a second install of one waits its turn by a 409. */
  installing: Set<string>;
}


export function boxRoutes(context: BoxApiContext): BoxRoute[] {
  const { rt } = context;
  const { installed, summary } = componentViews(rt);
  const found = async (req: Request): Promise<{ found: FoundBundle; bindings: Record<string, string> }> => {
    if (Buffer.isBuffer(req.body)) {
      const bindings = queryBindings(req.query.bind);
      return { found: await localBundle(req.body, req.query.unsigned === 'true' || req.query.unsigned === '1'), bindings };
    }
    const body = req.body as Record<string, unknown> | undefined;
    if (typeof body !== 'object' || body === null || typeof body.app !== 'string') {
      throw new DataboxError('field-invalid', 'send {"app": "name[@version]", "bindings": {...}, "store"?: url} or the bundle .tgz', { status: 400 });
    }
    const { name, version } = parseAppRef(body.app);
    const stores = typeof body.store === 'string' ? [body.store] : rt.db.stores();
    if (stores.length === 0) throw new DataboxError('no-store', 'this box knows no app store', { status: 400, hint: 'Add one: databox box start --store <url>, or POST /api/stores.' });
    let lastError: unknown;
    for (const store of stores) {
      try {
        return { found: await bundleFromStore(store, name, version), bindings: objectBindings(body.bindings) };
      } catch (error) {
        lastError = error;
        if (!(error instanceof DataboxError && error.status === 404)) throw error;
      }
    }
    throw lastError;
  };

  /** Runs a long change of one component, its progress and outcome streamed; one change per name at a time. */
  const streamed = async (res: Response, name: string, work: (progress: (line: string) => void) => Promise<unknown>): Promise<void> => {
    context.installing.add(name);
    const lines = ndjson(res);
    try {
      await work((line) => lines({ progress: line }));
      lines({ result: await summary(name) });
    } catch (error) {
      lines(httpError(error, 'the box').toJSON());
    } finally {
      context.installing.delete(name);
      res.end();
    }
  };

  return [
    {
      method: 'get', path: '/api/health', summary: 'Is the box up, with which container driver', auth: 'none', responses: { 200: '{ok, driver, isolated, tls, version}' },
      handle: (_req, res) => { res.json({ ok: true, driver: rt.driver.kind, isolated: rt.driver.isolated, tls: rt.driver.tls, version: context.version }); },
    },
    {
      method: 'get', path: '/api/status', summary: 'The box: its services and components, and how isolated they are', auth: 'owner', responses: { 200: '{driver, isolation, services, components}' },
      handle: async (_req, res) => {
        res.json({
          driver: rt.driver.kind, isolated: rt.driver.isolated, tls: rt.driver.tls, isolation: ISOLATION_WORDS[rt.driver.kind], version: context.version,
          services: await Promise.all([AUDIT, ARBITER, EXPORT_SERVICE].map(async (name) => ({ name, status: await rt.driver.status(name) }))),
          components: await Promise.all(rt.db.components().filter((c) => c.state !== 'installing').map((c) => summary(c.name))),
        });
      },
    },
    {
      method: 'get', path: '/api/apps', summary: 'The installed apps and drivers, with their status', auth: 'owner', responses: { 200: '[{name, kind, version, status, ...}]' },
      handle: async (_req, res) => { res.json(await Promise.all(rt.db.components().filter((c) => c.state !== 'installing').map((c) => summary(c.name)))); },
    },
    {
      method: 'get', path: '/api/apps/:name', summary: 'One installed app or driver: its SLA (bindings, grants, origin) and status', auth: 'owner', responses: { 200: 'the component', 404: 'not installed' },
      handle: async (req, res) => { res.json(await summary(param(req, 'name'))); },
    },
    {
      method: 'get', path: '/api/sources', summary: 'The owner\'s data sources (what the drivers provide) and which apps read each', auth: 'owner', responses: { 200: '[{id, type, driver, store, actuator, readBy}]' },
      handle: (_req, res) => {
        const apps = rt.db.components().filter((c) => c.kind === 'app');
        res.json(rt.db.sources().map((s) => ({ ...s, readBy: apps.filter((a) => Object.values(a.sla.bindings).includes(s.id)).map((a) => a.name) })));
      },
    },
    {
      method: 'get', path: '/api/stores', summary: 'The app stores this box installs from', auth: 'owner', responses: { 200: '[url]' },
      handle: (_req, res) => { res.json(rt.db.stores()); },
    },
    {
      method: 'post', path: '/api/stores', summary: 'Add an app store', auth: 'owner', body: '{"url": "https://..."}', responses: { 201: '[url]', 400: 'not an http(s) URL' },
      handle: (req, res) => {
        const url = (req.body as Record<string, unknown> | undefined)?.url;
        if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/.test(url) || !URL.canParse(url)) throw new DataboxError('field-invalid', '"url" must be the app store\'s http(s) URL', { status: 400 });
        rt.db.addStore(new URL(url).origin);
        res.status(201).json(rt.db.stores());
      },
    },
    {
      method: 'post', path: '/api/install', summary: 'Review (review=1) or install an app from an app store, or a bundle .tgz sent as the body; progress streamed as NDJSON',
      auth: 'owner', produces: 'application/x-ndjson', body: '{"app": "name[@version]", "bindings": {"<clientid>": "<source id>"}, "store"?: url}, or the .tgz (bind=<clientid>=<id>&unsigned=1)',
      query: [{ name: 'review', description: '1: answer the permission review, install nothing' }, { name: 'bind', description: 'with a .tgz body: <clientid>=<source id>, repeated' }, { name: 'unsigned', description: 'with a .tgz body: allow an unsigned sideload' }],
      responses: { 200: 'the review, or progress lines then {"result"} or {"error"}', 400: 'bad bundle or bindings', 403: 'unsigned or wrongly signed', 404: 'no such app', 409: 'already installed' },
      handle: async (req, res) => {
        const { found: bundle, bindings } = await found(req);
        const trust = verifyTrust({ ...bundle.trust, pinned: rt.db.pin(bundle.bundle.manifest.name) });
        if (req.query.review === '1' || req.query.review === 'true') {
          res.json(installReview(bundle, bindings, rt.db.sources(), trust));
          return;
        }
        const name = bundle.bundle.manifest.name;
        if (context.installing.has(name)) throw new DataboxError('install-under-way', `${name} is being installed already`, { status: 409 });
        installProblems(rt, bundle.bundle, bindings);
        const origin = bundle.origin.kind === 'local' ? { kind: 'local' as const, unsigned: !trust.signed } : bundle.origin;
        await streamed(res, name, (progress) => installBundle(rt, { bundle: bundle.bundle, tarball: bundle.tarball, origin, bindings, ...(trust.signed ? { pin: trust.pin } : {}) }, progress));
      },
    },
    ...(['start', 'stop', 'restart'] as const).map((action): BoxRoute => ({
      method: 'post', path: `/api/apps/:name/${action}`, summary: `${action[0]?.toUpperCase()}${action.slice(1)} an installed app or driver`, auth: 'owner',
      responses: { 200: 'the component', 404: 'not installed' },
      handle: async (req, res) => {
        const component = installed(param(req, 'name'));
        await componentAction(rt, component, action);
        res.json(await summary(component.name));
      },
    })),
    {
      method: 'delete', path: '/api/apps/:name', summary: 'Uninstall an app or driver; its data is kept unless delete-data=true', auth: 'owner',
      query: [{ name: 'delete-data', description: 'true: delete its data too' }], responses: { 200: '{removed, dataKept}', 404: 'not installed', 409: 'a driver whose sources apps read' },
      handle: async (req, res) => {
        const name = installed(param(req, 'name')).name;
        const deleteData = req.query['delete-data'] === 'true';
        await uninstall(rt, name, { deleteData }, () => undefined);
        res.json({ removed: name, dataKept: !deleteData });
      },
    },
    {
      method: 'get', path: '/api/apps/:name/update', summary: 'What an update from the app\'s store would change: only the permission differences, and whether they grow (then the update needs this review\'s consent)', auth: 'owner',
      query: [{ name: 'version', description: 'a version other than the one the store lists' }, { name: 'bind', description: '<clientid>=<source id> for a datasource the new version adds, repeated' }],
      responses: { 200: '{name, from, to, newer, grows, added, removed, lineageAdded, lineageRemoved, stillRevoked, datasources, problems, consent, previous}', 400: 'not from a store', 404: 'not installed, or the store has no such version' },
      handle: async (req, res) => {
        const name = installed(param(req, 'name')).name;
        const { review } = await findUpdate(rt, name, typeof req.query.version === 'string' ? req.query.version : undefined);
        const answer = review(queryBindings(req.query.bind));
        const previous = rt.db.previous(name);
        res.json({ ...answer, newer: semver.gt(answer.to, answer.from), previous: previous ? { version: previous.sla.manifest.version, replaced: new Date(previous.replaced).toISOString() } : null });
      },
    },
    {
      method: 'post', path: '/api/apps/:name/update', summary: 'Update an app from its store: the previous version kept for a rollback; one that is not healthy rolled back by itself; progress streamed as NDJSON',
      auth: 'owner', produces: 'application/x-ndjson', body: '{"version"?: "x.y.z", "bindings"?: {"<clientid>": "<source id>"}, "consent"?: "<from the review, when the permissions grow>"}',
      responses: { 200: 'progress lines then {"result"} or {"error"} (update-rolled-back: the previous version runs again)', 404: 'not installed', 409: 'not newer, or the permissions grow without the consent', 400: 'bindings do not fit' },
      handle: async (req, res) => {
        const name = installed(param(req, 'name')).name;
        const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
        if (context.installing.has(name)) throw new DataboxError('install-under-way', `${name} is being installed or updated already`, { status: 409 });
        const plan = await planUpdate(rt, {
          name, bindings: objectBindings(body.bindings),
          ...(typeof body.version === 'string' ? { version: body.version } : {}), ...(typeof body.consent === 'string' ? { consent: body.consent } : {}),
        });
        await streamed(res, name, (progress) => applyUpdate(rt, plan, progress));
      },
    },
    {
      method: 'post', path: '/api/apps/:name/rollback', summary: 'Go back to the version the last update replaced, with its data as it was then; progress streamed as NDJSON', auth: 'owner', produces: 'application/x-ndjson',
      responses: { 200: 'progress lines then {"result"} or {"error"}', 404: 'not installed, or no earlier version kept' },
      handle: async (req, res) => {
        const name = installed(param(req, 'name')).name;
        if (!rt.db.previous(name)) throw new DataboxError('no-previous-version', `${name} has no earlier version kept on this box`, { status: 404, hint: 'A version is kept when an update replaces it, until the next update.' });
        if (context.installing.has(name)) throw new DataboxError('install-under-way', `${name} is being installed or updated already`, { status: 409 });
        await streamed(res, name, (progress) => rollbackApp(rt, name, progress));
      },
    },
    {
      method: 'get', path: '/api/apps/:name/logs', summary: 'A component\'s output: its last lines, then (follow=1) each new line', auth: 'owner', produces: 'text/plain',
      query: [{ name: 'tail', description: 'how many of its last lines (default 100)' }, { name: 'follow', description: '1: keep sending new lines' }], responses: { 200: 'lines of text', 404: 'not installed' },
      handle: async (req, res) => {
        const name = param(req, 'name');
        if (![AUDIT, ARBITER, EXPORT_SERVICE].includes(name)) installed(name);
        const tail = Math.min(10_000, Math.max(0, Number(req.query.tail ?? 100) || 0));
        const controller = new AbortController();
        req.on('close', () => controller.abort());
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
        for await (const line of rt.driver.logs(name, { tail, follow: req.query.follow === '1' || req.query.follow === 'true', signal: controller.signal })) res.write(`${line}\n`);
        res.end();
      },
    },
    {
      method: 'get', path: '/api/audit', summary: 'The audit log: tokens minted, requests refused, exports, installs and crashes', auth: 'owner',
      query: [{ name: 'app', description: 'only this component' }, { name: 'kind', description: 'only this kind of event' }, { name: 'after', description: 'events after this sequence number' }, { name: 'limit', description: 'at most this many (default 200)' }],
      responses: { 200: '[{seq, time, component, kind, ...}]' },
      handle: async (req, res) => { res.json(await auditEvents(rt, req.query)); },
    },
  ];
}

function param(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== 'string' || !/^[a-z][a-z0-9-]{0,62}$/.test(value)) throw new DataboxError('name-invalid', `"${String(value).slice(0, 64)}" is not a component name`, { status: 400 });
  return value;
}

function objectBindings(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw new DataboxError('field-invalid', '"bindings" must map each clientid to one of your source ids', { status: 400 });
  }
  return { ...value } as Record<string, string>;
}

function queryBindings(value: unknown): Record<string, string> {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const bindings: Record<string, string> = {};
  for (const item of list) {
    const [clientid, id] = String(item).split('=');
    if (!clientid || !id) throw new DataboxError('field-invalid', `bind "${String(item).slice(0, 80)}" is not <clientid>=<source id>`, { status: 400 });
    bindings[clientid] = id;
  }
  return bindings;
}

/** A writer of NDJSON lines on a 200 that has started. */
function ndjson(res: Response): (value: unknown) => void {
  res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
  return (value) => { res.write(`${JSON.stringify(value)}\n`); };
}
