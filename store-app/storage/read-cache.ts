/**
 * A short-lived cache in front of the repository's public reads (search, app, versions, key
 * history): a store answers the same few searches over and over. Any write through this
 * repository empties it at once; writes made by another replica show after at most `ttlMs`.
 * Publish rules never depend on it alone: the database's unique keys refuse a duplicate app
 * or version whatever a cached read said.
 */
import type { AppStoreRepository } from './repository.types';

/**
 * @example
 * const repo = withReadCache(openSqliteRepository(file), { ttlMs: 1000 });
 */
export function withReadCache(repo: AppStoreRepository, options: { ttlMs: number; maxEntries?: number; now?: () => number }): AppStoreRepository {
  if (options.ttlMs <= 0) return repo;
  const now = options.now ?? Date.now;
  const max = options.maxEntries ?? 5000;
  const cache = new Map<string, { until: number; value: Promise<unknown> }>();
  const cached = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const hit = cache.get(key);
    if (hit && hit.until > now()) return hit.value as Promise<T>;
    const value = load();
    if (cache.size >= max) cache.clear();
    cache.set(key, { until: now() + options.ttlMs, value });
    value.catch(() => cache.delete(key));
    return value;
  };
  const write = <A extends unknown[]>(fn: (...args: A) => Promise<void>) => async (...args: A): Promise<void> => {
    cache.clear();
    try {
      await fn(...args);
    } finally {
      cache.clear();
    }
  };
  return {
    kind: repo.kind,
    getApp: (name) => cached(`app:${name}`, () => repo.getApp(name)),
    listVersions: (app) => cached(`versions:${app}`, () => repo.listVersions(app)),
    keyHistory: (app) => cached(`keys:${app}`, () => repo.keyHistory(app)),
    searchPage: (query) => cached(`search:${JSON.stringify(query)}`, () => repo.searchPage(query)),
    getVersion: (app, version) => repo.getVersion(app, version),
    reviewQueue: () => repo.reviewQueue(),
    addVersion: write((input) => repo.addVersion(input)),
    importVersions: write((inputs) => repo.importVersions(inputs)),
    setYanked: write((app, version, yanked) => repo.setYanked(app, version, yanked)),
    setReview: write((app, version, review, by) => repo.setReview(app, version, review, by)),
    handOver: write((handover) => repo.handOver(handover)),
    saveApiToken: (hash, login) => repo.saveApiToken(hash, login),
    findApiToken: (hash) => repo.findApiToken(hash),
    blobInUse: (hash) => repo.blobInUse(hash),
    close: () => repo.close(),
  };
}
