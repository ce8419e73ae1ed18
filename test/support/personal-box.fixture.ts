/**
 * A whole personal box for tests, as its owner runs it: `startBox` (the code `databox box start`
 * runs) with a real app store (`startAppStore`) that apps are published to with the real
 * publish client, so every bundle the box installs is one the builder made and the store
 * signed and served. The owner talks to the box over its HTTP API with the owner password,
 * as the CLI and the browser do.
 *
 * @example
 * const store = await startTestStore(dir);
 * await store.publish(specBundle({ name: 'loadwatch', version: '1.0.0', sources: [...] }));
 * const box = await startTestBox({ dataDir, driver: 'process', stores: [store.url] });
 * const lines = await box.install({ app: 'loadwatch', bindings: { load: 'loadavg1' } });
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { packBundle, type Bundle } from '../../core/bundle';
import { startBox, type BoxOptions, type RunningBox } from '../../box/daemon/box.daemon';
import { startAppStore, type RunningAppStore } from '../../store-app/server/app-store.server';
import { newApiToken } from '../../store-app/auth/api-token';
import { loadOrCreateKey } from '../../store-app/signing/publisher-key';
import { publishBundle } from '../../store-app/client/publish.client';

export const OWNER_PASSWORD = 'test-owner-password-0123456789';
/** Everything a test makes on the Docker engine carries it (test/README.md). */
export const TEST_LABELS = { 'io.databox.test': '1' };

export interface TestStore {
  url: string;
  store: RunningAppStore;
  publish(bundle: Bundle): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startTestStore(dir: string, publisher = 'octo-dev'): Promise<TestStore> {
  const store = await startAppStore({ dataDir: path.join(dir, 'store') });
  const issued = newApiToken();
  await store.context.repo.saveApiToken(issued.hash, publisher);
  const key = loadOrCreateKey(path.join(dir, 'publisher.pem'), true);
  return {
    url: store.url,
    store,
    publish: (bundle) => publishBundle({ storeUrl: store.url, token: issued.token, tarball: packBundle(bundle), privateKeyPem: key.privateKeyPem }),
    close: () => store.close(),
  };
}

export interface InstallLine { progress?: string; result?: Record<string, unknown>; error?: { code: string; message: string; hint?: string } }

export interface TestBox {
  url: string;
  running: RunningBox;
  /** Progress lines seen so far (the box's own, as `databox box start` prints them). */
  progress: string[];
  /** An owner request to the box's API: status and parsed body. */
  api(method: string, route: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** Installs through POST /api/install and answers every NDJSON line; the last one has result or error. */
  install(request: { app: string; bindings: Record<string, string>; store?: string } | { tarball: Buffer; bindings: Record<string, string>; unsigned?: boolean }): Promise<InstallLine[]>;
  close(): Promise<void>;
}

export const ownerAuth = `Basic ${Buffer.from(`owner:${OWNER_PASSWORD}`).toString('base64')}`;

export async function startTestBox(options: Omit<BoxOptions, 'port' | 'host' | 'password'> & { port?: number }): Promise<TestBox> {
  const progress: string[] = [];
  const running = await startBox({
    port: 0, host: '127.0.0.1', password: OWNER_PASSWORD, ...(options.driver === 'docker' ? { dockerLabels: TEST_LABELS } : {}), ...options,
  }, (line) => progress.push(line));
  const api = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${running.url}${route}`, {
      method, headers: { authorization: ownerAuth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try { parsed = JSON.parse(text); } catch { /* text */ }
    return { status: response.status, body: parsed };
  };
  return {
    url: running.url, running, progress, api,
    async install(request) {
      const isTarball = 'tarball' in request;
      const query = isTarball
        ? `?${new URLSearchParams([...Object.entries(request.bindings).map(([k, v]): [string, string] => ['bind', `${k}=${v}`]), ...(request.unsigned ? [['unsigned', '1'] as [string, string]] : [])])}`
        : '';
      const response = await fetch(`${running.url}/api/install${query}`, {
        method: 'POST',
        headers: { authorization: ownerAuth, 'content-type': isTarball ? 'application/gzip' : 'application/json' },
        body: isTarball ? new Uint8Array(request.tarball) : JSON.stringify(request),
      });
      const text = await response.text();
      if (response.status !== 200) return [JSON.parse(text) as InstallLine];
      const lines = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as InstallLine);
      assert.ok(lines.length > 0, 'the install answers at least one line');
      return lines;
    },
    close: () => running.close(),
  };
}

/** The outcome line of an install: its result, or a failure that says what went wrong. */
export function installed(lines: InstallLine[]): Record<string, unknown> {
  const last = lines.at(-1);
  assert.ok(last?.result, `the install finished: ${JSON.stringify(lines.slice(-5))}`);
  return last.result;
}
