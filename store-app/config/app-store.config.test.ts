import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAppStoreConfig } from './app-store.config';
import { BUNDLE_LIMITS } from '../../core/bundle';

test('defaults: an open store on SQLite, GitHub.com, 16 MiB bundles (the bundle format\'s limit), 30 publishes an hour', () => {
  const config = parseAppStoreConfig({}, '/data', {});
  assert.equal(config.mode, 'open');
  assert.equal(config.githubApiUrl, 'https://api.github.com');
  assert.equal(config.maxBundleBytes, BUNDLE_LIMITS.maxBytes, 'the bundle format\'s own limit');
  assert.equal(config.maxBundleBytes, 16 * 1024 * 1024);
  assert.deepEqual(config.publishRateLimit, { count: 30, windowMs: 3_600_000 });
  assert.equal(config.databaseUrl, undefined);
  const env = parseAppStoreConfig({ mode: 'curated', moderators: ['Alice'] }, '/d', { DATABASE_URL: 'postgres://x/y', DATABOX_GITHUB_API_URL: 'https://ghe.example/api/v3/' });
  assert.deepEqual([env.mode, env.moderators, env.databaseUrl, env.githubApiUrl], ['curated', ['alice'], 'postgres://x/y', 'https://ghe.example/api/v3']);
});

test('a bad configuration is refused with the field named', () => {
  assert.throws(() => parseAppStoreConfig({ mode: 'closed' }, '/d', {}), /"mode" must be "open" or "curated"/);
  assert.throws(() => parseAppStoreConfig({ mode: 'curated' }, '/d', {}), /needs at least one login/);
  assert.throws(() => parseAppStoreConfig({ maxBundleBytes: -1 }, '/d', {}), /maxBundleBytes/);
  assert.throws(() => parseAppStoreConfig([], '/d', {}), /JSON object/);
  assert.throws(() => parseAppStoreConfig({ githubApiUrl: 'file:///etc' }, '/d', {}), /githubApiUrl/);
});
