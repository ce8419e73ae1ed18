/**
 * A real store for tests: a temporary data dir, SQLite or the test PostgreSQL (its own schema),
 * a local GitHub-speaking server, and a publisher helper.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadAppStoreConfig } from '../config/app-store.config';
import { startAppStore, type RunningAppStore } from '../server/app-store.server';
import { startFakeGithub, type FakeGithub } from './fake-github.server';
import { dropTestSchema, testDatabaseUrl, testSchemaName } from './postgres.fixture';

export interface TestAppStore extends RunningAppStore {
  github: FakeGithub;
  dataDir: string;
}

/**
 * @example
 * const store = await startTestAppStore({ backend: 'sqlite', users: { 'gho_a': 'alice' } });
 */
export async function startTestAppStore(options: {
  backend: 'sqlite' | 'postgres';
  users?: Record<string, string>;
  config?: Record<string, unknown>;
}): Promise<TestAppStore> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'store-test-'));
  const github = await startFakeGithub(options.users ?? {});
  writeFileSync(path.join(dataDir, 'store-config.json'), JSON.stringify(options.config ?? {}));
  const schema = options.backend === 'postgres' ? testSchemaName() : undefined;
  const env = { DATABOX_GITHUB_API_URL: github.apiUrl, ...(schema ? { DATABASE_URL: testDatabaseUrl() } : {}) };
  const store = await startAppStore({ dataDir, config: loadAppStoreConfig(dataDir, env), ...(schema ? { pgSchema: schema } : {}) });
  return {
    ...store,
    github,
    dataDir,
    close: async () => {
      await store.close();
      await github.close();
      if (schema) await dropTestSchema(schema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh ed25519 private key, PEM. */
export function newKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}
