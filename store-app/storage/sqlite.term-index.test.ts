import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { sampleManifest, sampleVersion } from '../testing/manifest.fixture';
import { search } from '../testing/search';
import { openSqliteRepository } from './sqlite.repository';

const dir = mkdtempSync(path.join(tmpdir(), 'store-terms-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const page = { limit: 20, offset: 0 };

async function seeded(file: string): Promise<void> {
  const repo = openSqliteRepository(file);
  await repo.importVersions(['garden-a', 'garden-b', 'kitchen-c'].map((name, i) => ({
    newApp: { owner: 'dev', publicKey: 'k' },
    version: sampleVersion(sampleManifest({ name, description: `Waters the garden ${i}`, tags: [i === 2 ? 'indoor' : 'outdoor'] }), { publisher: 'dev' }),
  })));
  await repo.close();
}

test('a store from before the term index is indexed when it opens, and searches the same', async () => {
  const file = path.join(dir, 'old.db');
  await seeded(file);
  const old = new Database(file);
  old.exec('DROP TABLE search_terms; DROP TABLE search_term_counts; DROP TABLE search_listings');
  old.close();
  const repo = openSqliteRepository(file);
  try {
    const result = await search(repo, { ...page, text: 'garden' });
    assert.equal(result.total, 3);
    assert.deepEqual((await search(repo, { ...page, tag: 'outdoor' })).items.map((a) => a.name), ['garden-a', 'garden-b']);
    assert.equal((await search(repo, page)).total, 3);
  } finally {
    await repo.close();
  }
});

test('totals follow yanks and new versions (term counts kept in step with the listing)', async () => {
  const file = path.join(dir, 'counts.db');
  await seeded(file);
  const repo = openSqliteRepository(file);
  try {
    await repo.setYanked('garden-a', '1.0.0', true);
    assert.equal((await search(repo, { ...page, text: 'garden' })).total, 2);
    assert.equal((await search(repo, { ...page, tag: 'outdoor' })).total, 1);
    await repo.addVersion({ version: sampleVersion(sampleManifest({ name: 'garden-b', version: '1.1.0', description: 'Now a lamp', tags: ['indoor'] }), { publisher: 'dev' }) });
    assert.deepEqual((await search(repo, { ...page, tag: 'indoor' })).items.map((a) => a.name), ['garden-b', 'kitchen-c']);
    assert.equal((await search(repo, { ...page, tag: 'outdoor' })).total, 0);
    assert.equal((await search(repo, { ...page, text: 'waters' })).total, 1);
    assert.equal((await search(repo, { ...page, text: 'lamp', tag: 'indoor' })).total, 1);
    await repo.setYanked('garden-a', '1.0.0', false);
    assert.equal((await search(repo, page)).total, 3);
    const db = new Database(file, { readonly: true });
    const counted = db.prepare("SELECT n FROM search_term_counts WHERE term = 'waters'").get() as { n: number } | undefined;
    const rows = db.prepare("SELECT count(*) AS n FROM search_terms WHERE term = 'waters'").get() as { n: number };
    db.close();
    assert.equal(counted?.n, rows.n);
    assert.equal(rows.n, 2);
  } finally {
    await repo.close();
  }
});
