// Runs against the PostgreSQL that scripts/provision/40-postgres.sh starts; fails (never skips)
// when it is unreachable. Each run uses a schema of its own and drops it afterwards.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import pg from 'pg';
import { sampleManifest, sampleVersion } from '../testing/manifest.fixture';
import { search } from '../testing/search';
import { openPostgresRepository } from './postgres.repository';
import { repositoryContract } from './repository.contract';
import { dropTestSchema, testDatabaseUrl, testSchemaName } from '../testing/postgres.fixture';

const schema = testSchemaName();
after(() => dropTestSchema(schema));
repositoryContract('postgres', () => openPostgresRepository({ connectionString: testDatabaseUrl(), schema, poolSize: 4 }));

test('a database whose apps have no index terms (schema version 1) is indexed when it opens, and searches the same', async () => {
  const own = testSchemaName();
  after(() => dropTestSchema(own));
  const open = () => openPostgresRepository({ connectionString: testDatabaseUrl(), schema: own, poolSize: 2 });
  const repo = await open();
  await repo.importVersions(['garden-a', 'garden-b', 'kitchen-c'].map((name, i) => ({
    newApp: { owner: 'dev', publicKey: 'k' },
    version: sampleVersion(sampleManifest({ name, description: `Waters the garden ${i}`, tags: [i === 2 ? 'indoor' : 'outdoor'] }), { publisher: 'dev' }),
  })));
  const queries = [{ text: 'garden' }, { tag: 'outdoor' }, { text: 'wat', tag: 'indoor' }, {}].map((q) => ({ ...q, limit: 20, offset: 0 }));
  const answers = await Promise.all(queries.map((q) => search(repo, q)));
  await repo.close();
  const db = new pg.Client({ connectionString: testDatabaseUrl(), options: `-c search_path=${own}` });
  await db.connect();
  await db.query('UPDATE apps SET terms = NULL, listing = NULL; DELETE FROM search_term_counts; ALTER TABLE apps ADD COLUMN search TSVECTOR');
  await db.end();
  const reopened = await open();
  try {
    assert.deepEqual(await Promise.all(queries.map((q) => search(reopened, q))), answers);
    assert.deepEqual(answers.map((a) => a.total), [3, 2, 1, 3]);
  } finally {
    await reopened.close();
  }
});
