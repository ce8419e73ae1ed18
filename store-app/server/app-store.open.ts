/**
 * Opens a store's parts from its configuration: SQLite in the data dir, or PostgreSQL when
 * DATABASE_URL is set; blobs on disk in the data dir; GitHub and API-token auth.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { authenticator } from '../auth/authenticate';
import { githubIdentity } from '../auth/github-identity';
import { fsBlobStore } from '../blobs/fs-blob-store';
import type { AppStoreConfig } from '../config/app-store.config';
import { rateLimiter } from '../publish/rate-limit';
import type { AppStoreContext } from '../services/app-store.context';
import { openPostgresRepository } from '../storage/postgres.repository';
import type { AppStoreRepository } from '../storage/repository.types';
import { openSqliteRepository } from '../storage/sqlite.repository';
import { withReadCache } from '../storage/read-cache';

export async function openRepository(config: AppStoreConfig, options: { pgSchema?: string } = {}): Promise<AppStoreRepository> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const schema = options.pgSchema ?? config.databaseSchema;
  const repo = config.databaseUrl
    ? await openPostgresRepository({ connectionString: config.databaseUrl, ...(schema ? { schema } : {}) })
    : openSqliteRepository(path.join(config.dataDir, 'store.db'));
  return withReadCache(repo, { ttlMs: config.readCacheMs });
}

/**
 * @example
 * const context = await openAppStoreContext(loadAppStoreConfig(dataDir));
 */
export async function openAppStoreContext(config: AppStoreConfig, options: { pgSchema?: string } = {}): Promise<AppStoreContext> {
  const repo = await openRepository(config, options);
  return {
    config,
    repo,
    blobs: fsBlobStore(path.join(config.dataDir, 'blobs')),
    auth: authenticator({
      findApiToken: (hash) => repo.findApiToken(hash),
      github: githubIdentity({ apiUrl: config.githubApiUrl, cacheMs: config.identityCacheMs }),
    }),
    publishLimit: rateLimiter(config.publishRateLimit),
    now: () => new Date(),
  };
}
