// The read cache passes the same repository contract (every write empties it), and serves
// repeated reads from memory until its time is up.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sampleManifest, sampleVersion } from '../testing/manifest.fixture';
import { search } from '../testing/search';
import { withReadCache } from './read-cache';
import { repositoryContract } from './repository.contract';
import { openSqliteRepository } from './sqlite.repository';

const dir = mkdtempSync(path.join(tmpdir(), 'store-cache-'));
after(() => rmSync(dir, { recursive: true, force: true }));
repositoryContract('sqlite + read cache', async () => withReadCache(openSqliteRepository(path.join(dir, 'contract.db')), { ttlMs: 60_000 }));

test('reads come from memory until the time is up; another writer shows after that', async () => {
  let now = 0;
  const file = path.join(dir, 'ttl.db');
  const other = openSqliteRepository(file);
  const cached = withReadCache(openSqliteRepository(file), { ttlMs: 1000, now: () => now });
  const query = { text: 'watches', limit: 20, offset: 0 };
  assert.equal((await search(cached, query)).total, 0);
  await other.addVersion({ newApp: { owner: 'alice', publicKey: 'k' }, version: sampleVersion(sampleManifest()) });
  assert.equal((await search(cached, query)).total, 0, 'still the cached answer');
  now = 1001;
  assert.equal((await search(cached, query)).total, 1);
  await other.close();
  await cached.close();
});
