/**
 * Build and publish from the studio: what was deployed (the studio's copy, never what the
 * browser sends) is compiled by the builder, packed, signed with the developer's own
 * publisher key (made on first use, kept owner-only in the studio's data, never sent to a
 * browser) and published to the configured app store with the developer's GitHub token (or
 * the studio's store token when it signs in a local developer). Progress streams as NDJSON:
 * `{"progress": "..."}` lines, then `{"done": true, ...}` or `{"error": {...}}`.
 *
 * @example
 * app.use('/studio/api', publishRoutes({ db, auth, dataDir, storeUrl, storeToken }));
 */
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import { compile } from '../../builder/compile';
import { tabEnv } from '../../builder/compile/app.metadata';
import { BuildRefusedError } from '../../builder/compile/build.refused';
import { isFlowNode } from '../../core/flow/flow.types';
import { bundleContentHash, packBundle } from '../../core/bundle';
import { DataboxError } from '../../core/errors';
import { keyFingerprint } from '../../core/bundle/bundle.signature';
import { publishBundle } from '../../store-app/client/publish.client';
import { loadOrCreateKey } from '../../store-app/signing/publisher-key';
import type { StudioAuth } from '../auth/studio.auth';
import type { StudioDb } from '../db/studio.db';

export interface PublishRoutesOptions {
  db: StudioDb;
  auth: StudioAuth;
  dataDir: string;
  storeUrl?: string;
  /** For a studio without GitHub sign-in: a store API token (`databox store token`). */
  storeToken?: string;
}

type Send = (line: object) => void;

export function publishRoutes(options: PublishRoutesOptions): Router {
  const { db, auth } = options;
  const router = express.Router();
  const json = express.json({ limit: 16 * 1024 });
  const keyFile = (developerId: string): string => path.join(options.dataDir, 'keys', `${developerId}.pem`);

  const stream = (res: Response, work: (send: Send) => Promise<object>): void => {
    res.status(200).set({ 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    const send: Send = (line) => { res.write(`${JSON.stringify(line)}\n`); };
    work(send).then((done) => { send({ done: true, ...done }); res.end(); }, (error: unknown) => { send({ error: errorLine(error) }); res.end(); });
  };

  const compileTab = (req: Request, send: Send) => {
    const developer = auth.signedIn(req)?.developer;
    if (!developer) throw new DataboxError('signin-required', 'sign in to the studio first', { status: 401 });
    const tab = (req.body as { tab?: unknown } | undefined)?.tab;
    if (typeof tab !== 'string' || tab === '') throw new DataboxError('tab-required', 'say which tab to build: {"tab": "<tab id>"}', { status: 400 });
    const flows = db.flows(developer.id);
    if (flows.length === 0) throw new DataboxError('nothing-deployed', 'nothing is deployed yet', { status: 400, hint: 'Deploy the flow first: the studio builds what was deployed.' });
    send({ progress: `Compiling the deployed tab (${flows.length} nodes in the workspace)` });
    const app = compile(flows, tab, { author: developer.login });
    send({ progress: `Derived the manifest of ${app.manifest.name} ${app.manifest.version}: ${app.manifest.datasources.length} data source(s), ${app.manifest['export-whitelist'].length} export destination(s)` });
    const tarball = packBundle(app);
    const hash = bundleContentHash(app);
    send({ progress: `Packed the bundle: ${tarball.length} bytes, content hash ${hash.slice(0, 12)}` });
    // The tab's `changelog` variable (the sidebar's App details) goes with a publish.
    const tabNode = flows.find((n) => isFlowNode(n) && n.id === tab && n.type === 'tab');
    const changelog = tabNode && isFlowNode(tabNode) ? tabEnv(tabNode).get('changelog') : undefined;
    return { developer, app, tarball, hash, changelog };
  };

  router.post('/build', json, (req, res) => {
    stream(res, async (send) => {
      const { app, hash } = compileTab(req, send);
      return { bundle: { name: app.manifest.name, version: app.manifest.version, hash } };
    });
  });

  router.post('/publish', json, (req, res) => {
    stream(res, async (send) => {
      const storeUrl = options.storeUrl;
      if (!storeUrl) throw new DataboxError('store-not-configured', 'the studio has no app store to publish to', { status: 400, hint: 'Start the studio with --store <url>.' });
      const token = auth.signedIn(req)?.githubToken ?? options.storeToken;
      if (!token) throw new DataboxError('store-token-missing', 'the studio has no credentials for the app store', { status: 400, hint: 'Sign in with GitHub, or start a local studio with DATABOX_STORE_TOKEN (from `databox store token`).' });
      const { developer, app, tarball, changelog } = compileTab(req, send);
      const key = loadOrCreateKey(keyFile(developer.id), true);
      if (key.created) send({ progress: `Made your publisher key ${keyFingerprint(key.publicKey)}; the studio keeps it for you` });
      const channel = (req.body as { channel?: unknown }).channel === 'beta' ? 'beta' : 'stable';
      send({ progress: `Signed with ${keyFingerprint(key.publicKey)}; publishing to ${storeUrl}` });
      await publishBundle({ storeUrl, token, tarball, privateKeyPem: key.privateKeyPem, channel, ...(changelog ? { changelog } : {}) });
      const url = `${storeUrl.replace(/\/+$/, '')}/apps/${encodeURIComponent(app.manifest.name)}`;
      db.recordPublished(developer.id, { app: app.manifest.name, version: app.manifest.version, channel, url, at: Date.now() });
      return { published: { name: app.manifest.name, version: app.manifest.version, url } };
    });
  });

  router.get('/apps/:name/versions', (req, res) => {
    const developer = auth.signedIn(req)?.developer;
    if (!developer) throw new DataboxError('signin-required', 'sign in to the studio first', { status: 401 });
    res.json({ versions: db.published(developer.id, req.params.name).map((v) => ({ version: v.version, channel: v.channel, publishedAt: new Date(v.at).toISOString(), url: v.url })) });
  });
  return router;
}

function errorLine(error: unknown): object {
  if (error instanceof BuildRefusedError) {
    return { code: error.code, message: error.message, hint: error.hint, problems: error.problems.map((p) => p.toJSON().error) };
  }
  if (error instanceof DataboxError) return error.toJSON().error;
  return { code: 'studio-failed', message: 'the studio could not do that', hint: 'See the studio\'s log.' };
}
