// The app store past one machine: two replicas on one PostgreSQL and one bundle folder (what a
// load balancer spreads requests over), each a real store server. A developer publishes a real
// builder bundle through one and a box reads it, whole, through the other; a newer version
// through the second shows on the first; the same version published through both at once is
// taken once. Runs against the PostgreSQL scripts/provision/40-postgres.sh starts; never skips.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compile } from '../builder/compile';
import { bundleContentHash, packBundle, unpackBundle } from '../core/bundle';
import { publishBundle } from '../store-app/client/publish.client';
import { loadAppStoreConfig } from '../store-app/config/app-store.config';
import { startAppStore, type RunningAppStore } from '../store-app/server/app-store.server';
import { newKeyPem } from '../store-app/testing/app-store.fixture';
import { startFakeGithub, type FakeGithub } from '../store-app/testing/fake-github.server';
import { dropTestSchema, testDatabaseUrl, testSchemaName } from '../store-app/testing/postgres.fixture';

const token = 'gho_replicasReplicasReplicas0123456789ab';
const key = newKeyPem();
const schema = testSchemaName();
const shared = mkdtempSync(path.join(tmpdir(), 'store-replicas-'));
let github: FakeGithub;
let a: RunningAppStore;
let b: RunningAppStore;

const app = (version: string) => compile([
  { id: 'tab', type: 'tab', label: 'Replica watch', info: 'Charts the host load' },
  { id: 'load', type: 'databox-datasource', z: 'tab', datasourceType: 'loadavg1', clientid: 'load', mode: 'observe', required: true, x: 100, y: 100, wires: [['chart']] },
  { id: 'chart', type: 'databox-chart', z: 'tab', label: 'Load', chart: 'line', points: 30, x: 300, y: 100, wires: [] },
], undefined, { name: 'replica-watch', version, author: 'tests', license: 'MIT' });

before(async () => {
  github = await startFakeGithub({ [token]: 'octo-dev' });
  // Replicas keep no read cache: one replica's cache would not hear of the other's publishes.
  writeFileSync(path.join(shared, 'store-config.json'), JSON.stringify({ readCacheMs: 0 }));
  const config = loadAppStoreConfig(shared, { DATABASE_URL: testDatabaseUrl(), DATABOX_GITHUB_API_URL: github.apiUrl });
  // The first replica creates the schema; the second opens it as a replica does, under the same lock.
  [a, b] = await Promise.all([startAppStore({ dataDir: shared, config, pgSchema: schema }), startAppStore({ dataDir: shared, config, pgSchema: schema })]);
});

after(async () => {
  await a?.close();
  await b?.close();
  await github?.close();
  await dropTestSchema(schema);
  rmSync(shared, { recursive: true, force: true });
});

test('published through one replica, the app is found, described and downloaded whole through the other', async () => {
  for (const replica of [a, b]) assert.deepEqual(await (await fetch(`${replica.url}/api/health`)).json(), { ok: true, storage: 'postgres', mode: 'open' });
  const v1 = app('1.0.0');
  await publishBundle({ storeUrl: a.url, token, tarball: packBundle(v1), privateKeyPem: key, changelog: 'First' });
  const found = await (await fetch(`${b.url}/api/apps?q=replica`)).json() as { total: number; items: { name: string; version: string }[] };
  assert.equal(found.total, 1);
  assert.deepEqual(found.items.map((i) => [i.name, i.version]), [['replica-watch', '1.0.0']]);
  const download = await fetch(`${b.url}/api/apps/replica-watch/1.0.0/bundle`);
  assert.equal(download.status, 200);
  const bytes = Buffer.from(await download.arrayBuffer());
  assert.equal(bundleContentHash(await unpackBundle(bytes)), bundleContentHash(v1), 'the other replica serves the same bundle');
});

test('a version published through the second replica is listed by the first', async () => {
  await publishBundle({ storeUrl: b.url, token, tarball: packBundle(app('1.1.0')), privateKeyPem: key, changelog: 'Second' });
  const detail = await (await fetch(`${a.url}/api/apps/replica-watch`)).json() as { versions: { version: string }[] };
  assert.deepEqual(detail.versions.map((v) => v.version), ['1.1.0', '1.0.0']);
});

test('the same version published through both at once is taken once; the other is told it exists', async () => {
  const tarball = packBundle(app('1.2.0'));
  const outcomes = await Promise.allSettled([a, b].map((replica) => publishBundle({ storeUrl: replica.url, token, tarball, privateKeyPem: key, changelog: 'Race' })));
  assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1, JSON.stringify(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok'))));
  const refused = outcomes.find((o) => o.status === 'rejected');
  assert.match(String(refused?.status === 'rejected' ? refused.reason : ''), /exists|already|conflict/i);
  for (const replica of [a, b]) {
    const detail = await (await fetch(`${replica.url}/api/apps/replica-watch`)).json() as { versions: { version: string }[] };
    assert.deepEqual(detail.versions.map((v) => v.version), ['1.2.0', '1.1.0', '1.0.0']);
  }
});
