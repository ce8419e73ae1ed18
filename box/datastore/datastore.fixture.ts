/**
 * Test fixture: a real store on a temporary data dir, and real tokens minted for it with
 * box/tokens (the same code the arbiter uses). Used by the store's tests and benchmarks.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken } from '../tokens/token.mint';
import type { TokenClaims } from '../tokens/token.types';
import { createDataStore, type RunningDataStore, type DataStoreOptions } from './datastore.server';

export interface TestDataStore {
  store: RunningDataStore;
  url: string;
  name: string;
  secret: string;
  dir: string;
  /** A token for this store; defaults: component `test-app`, generation 0, valid for an hour. */
  token(path: string, method: 'GET' | 'POST' | 'DELETE', extra?: Partial<TokenClaims>): string;
  /** fetch with a token for exactly this path and method. */
  call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  close(): Promise<void>;
}

/**
 * @example
 * const t = await startTestDataStore();
 * await t.call('POST', '/ts/temp', { value: 21 });
 * await t.close();
 */
export async function startTestDataStore(options: Partial<DataStoreOptions> = {}): Promise<TestDataStore> {
  const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'databox-store-'));
  const secret = typeof options.secret === 'string' ? options.secret : randomBytes(24).toString('hex');
  const name = options.name ?? 'test-store';
  const store = await createDataStore({ ...options, dataDir: dir, secret, name, port: 0, host: '127.0.0.1' });
  const token = (path: string, method: 'GET' | 'POST' | 'DELETE', extra: Partial<TokenClaims> = {}): string =>
    mintToken({ secret, target: name, path, method, component: 'test-app', generation: 0, expiresAt: Date.now() + 3_600_000, ...extra });
  return {
    store, url: store.url, name, secret, dir, token,
    async call(method, path, body) {
      const response = await fetch(store.url + path, {
        method, headers: { 'x-api-key': token(path, method), 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
    },
    async close() {
      await store.close();
      if (!options.dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
