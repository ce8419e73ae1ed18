/**
 * The one test suite every AppStoreRepository implementation passes (SQLite and PostgreSQL run
 * it from their own test files).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DataboxError } from '../../core/errors';
import { sampleManifest, sampleVersion } from '../testing/manifest.fixture';
import { search } from '../testing/search';
import type { SearchQuery } from '../domain/app-store.types';
import { searchBody, searchResult } from './record.mapping';
import type { AppStoreRepository } from './repository.types';

const page = { limit: 20, offset: 0 };

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof DataboxError && error.code === code);
}

/**
 * @example
 * repositoryContract('sqlite', async () => openSqliteRepository(file));
 */
export function repositoryContract(label: string, open: () => Promise<AppStoreRepository>): void {
  let repo: AppStoreRepository;
  before(async () => { repo = await open(); });
  after(async () => { await repo.close(); });

  test(`${label}: a first version creates the app, lists it and reads back the same record`, async () => {
    const v = sampleVersion(sampleManifest());
    await repo.addVersion({ newApp: { owner: 'alice', publicKey: 'key-alice' }, version: v });
    const app = await repo.getApp('loadmon');
    assert.equal(app?.owner, 'alice');
    assert.equal(app?.publicKey, 'key-alice');
    assert.equal(app?.listedVersion, '1.0.0');
    assert.deepEqual(await repo.getVersion('loadmon', '1.0.0'), v);
    assert.deepEqual((await repo.listVersions('loadmon')).map((x) => x.version), ['1.0.0']);
    assert.equal(await repo.getApp('nosuch'), undefined);
    assert.equal(await repo.getVersion('loadmon', '9.9.9'), undefined);
  });

  test(`${label}: a conflicting app or version is refused and leaves nothing behind`, async () => {
    const again = sampleVersion(sampleManifest({ version: '2.0.0' }), { publisher: 'mallory' });
    await rejectsWith(repo.addVersion({ newApp: { owner: 'mallory', publicKey: 'key-m' }, version: again }), 'app-exists');
    assert.equal(await repo.getVersion('loadmon', '2.0.0'), undefined);
    assert.equal((await repo.getApp('loadmon'))?.owner, 'alice');
    await rejectsWith(repo.addVersion({ version: sampleVersion(sampleManifest()) }), 'version-exists');
    await rejectsWith(repo.addVersion({ newApp: { owner: 'bob', publicKey: 'k' }, version: sampleVersion(sampleManifest({ name: 'ghost' })) })
      .then(() => repo.addVersion({ newApp: { owner: 'bob', publicKey: 'k' }, version: sampleVersion(sampleManifest({ name: 'ghost' })) })), 'app-exists');
    assert.equal((await repo.listVersions('ghost')).length, 1);
  });

  test(`${label}: search by words (prefix), tag, type, data-source type and exports`, async () => {
    await repo.addVersion({ newApp: { owner: 'bob', publicKey: 'key-bob' }, version: sampleVersion(sampleManifest({
      name: 'thermo-chart', displayName: 'Thermo chart', description: 'Charts room temperature at home', tags: ['Home'],
      datasources: [{ clientid: 't', type: 'temperature', required: true }], 'export-whitelist': [], lineage: [],
    }), { publisher: 'bob' }) });
    await repo.addVersion({ newApp: { owner: 'bob', publicKey: 'key-bob' }, version: sampleVersion(sampleManifest({
      name: 'os-monitor', 'databox-type': 'driver', description: 'Provides host metrics', tags: ['host'], datasources: [],
      'export-whitelist': [], lineage: [], provides: [{ 'data-source-type': 'loadavg1', description: 'load', 'store-type': 'ts' }],
    }), { publisher: 'bob' }) });
    const names = async (q: SearchQuery) => (await search(repo, q)).items.map((a) => a.name);
    assert.deepEqual(await names({ ...page, text: 'temp' }), ['thermo-chart']);
    assert.deepEqual(await names({ ...page, text: 'ROOM temperature' }), ['thermo-chart']);
    assert.deepEqual(await names({ ...page, text: 'room loadavg1' }), []);
    assert.deepEqual(await names({ ...page, text: 'load' }), ['ghost', 'loadmon', 'os-monitor']);
    assert.deepEqual(await names({ ...page, tag: 'home' }), ['thermo-chart']);
    assert.deepEqual(await names({ ...page, tag: 'host' }), ['ghost', 'loadmon', 'os-monitor']);
    assert.deepEqual(await names({ ...page, type: 'driver' }), ['os-monitor']);
    assert.deepEqual(await names({ ...page, datasourceType: 'loadavg1', type: 'app' }), ['ghost', 'loadmon']);
    assert.deepEqual(await names({ ...page, exportsData: false }), ['os-monitor', 'thermo-chart']);
    assert.deepEqual(await names({ ...page, exportsData: true, text: 'watches' }), ['ghost', 'loadmon']);
    assert.deepEqual(await names({ ...page, text: '"; DROP TABLE apps; --' }), []);
    const paged = await search(repo, { limit: 2, offset: 1 });
    assert.equal(paged.total, 4);
    assert.deepEqual(paged.items.map((a) => a.name), ['loadmon', 'os-monitor']);
    const summary = (await search(repo, { ...page, text: 'thermo' })).items[0];
    assert.deepEqual({ ...summary, updatedAt: '' }, {
      name: 'thermo-chart', displayName: 'Thermo chart', description: 'Charts room temperature at home', owner: 'bob', type: 'app',
      version: '1.0.0', channel: 'stable', tags: ['home'], datasourceTypes: ['temperature'], exportsData: false, approved: false, updatedAt: '',
    });
  });

  test(`${label}: the listing follows yanks, channels and reviews`, async () => {
    await repo.addVersion({ version: sampleVersion(sampleManifest({ version: '1.1.0', description: 'Newer words here' })) });
    await repo.addVersion({ version: sampleVersion(sampleManifest({ version: '2.0.0-beta.1' }), { channel: 'beta' }) });
    assert.equal((await repo.getApp('loadmon'))?.listedVersion, '1.1.0');
    assert.deepEqual((await search(repo, { ...page, text: 'newer' })).items.map((a) => a.name), ['loadmon']);
    await repo.setYanked('loadmon', '1.1.0', true);
    assert.equal((await repo.getApp('loadmon'))?.listedVersion, '1.0.0');
    assert.equal((await repo.getVersion('loadmon', '1.1.0'))?.yanked, true);
    assert.deepEqual((await search(repo, { ...page, text: 'newer' })).items, []);
    await repo.setYanked('loadmon', '1.0.0', true);
    assert.equal((await repo.getApp('loadmon'))?.listedVersion, '2.0.0-beta.1');
    await repo.setYanked('loadmon', '2.0.0-beta.1', true);
    assert.equal((await repo.getApp('loadmon'))?.listedVersion, null);
    assert.ok(!(await search(repo, { ...page, text: 'loadmon' })).items.some((a) => a.name === 'loadmon'));
    await repo.setYanked('loadmon', '1.1.0', false);
    assert.equal((await repo.getApp('loadmon'))?.listedVersion, '1.1.0');

    await repo.addVersion({ newApp: { owner: 'carol', publicKey: 'key-c' }, version: sampleVersion(sampleManifest({ name: 'curated-one' }), { review: 'pending', publisher: 'carol' }) });
    assert.equal((await repo.getApp('curated-one'))?.listedVersion, null);
    assert.deepEqual((await repo.reviewQueue()).map((v) => v.app), ['curated-one']);
    await repo.setReview('curated-one', '1.0.0', 'approved', 'mod');
    const approved = await search(repo, { ...page, text: 'curated' });
    assert.deepEqual(approved.items.map((a) => [a.name, a.approved]), [['curated-one', true]]);
    assert.equal((await repo.getVersion('curated-one', '1.0.0'))?.reviewedBy, 'mod');
    assert.deepEqual(await repo.reviewQueue(), []);
  });

  test(`${label}: an import is one transaction: all versions or none`, async () => {
    const batch = ['imp-a', 'imp-b'].map((name) => ({ newApp: { owner: 'dora', publicKey: 'kd' }, version: sampleVersion(sampleManifest({ name }), { publisher: 'dora' }) }));
    await rejectsWith(repo.importVersions([...batch, { version: sampleVersion(sampleManifest()) }]), 'version-exists');
    assert.equal(await repo.getApp('imp-a'), undefined);
    await repo.importVersions(batch);
    assert.deepEqual((await search(repo, { ...page, text: 'watches', tag: 'monitoring' })).items.map((a) => a.name).filter((n) => n.startsWith('imp')), ['imp-a', 'imp-b']);
  });

  test(`${label}: the API's search body is the stored listings, read back unchanged`, async () => {
    for (const q of [page, { ...page, text: 'load' }, { ...page, tag: 'host', type: 'app' as const }, { limit: 2, offset: 1 }, { ...page, text: 'nothing-like-this' }]) {
      const answer = await repo.searchPage(q);
      assert.deepEqual(JSON.parse(searchBody(answer)), searchResult(answer), JSON.stringify(q));
    }
  });

  test(`${label}: totals stay exact through concurrent publishes, yanks and relists`, async () => {
    const before = (await search(repo, page)).total;
    const names = Array.from({ length: 12 }, (_, i) => `zebra-${String(i).padStart(2, '0')}`);
    await Promise.all(names.map((name) => repo.addVersion({
      newApp: { owner: 'zed', publicKey: 'kz' },
      version: sampleVersion(sampleManifest({ name, description: `Zebra crossing counter ${name}`, tags: [name.endsWith('1') ? 'odd-one' : 'street'] }), { publisher: 'zed' }),
    })));
    assert.equal((await search(repo, page)).total, before + 12);
    assert.equal((await search(repo, { ...page, text: 'zeb' })).total, 12);
    assert.equal((await search(repo, { ...page, text: 'zebra', tag: 'street' })).total, 10);
    await repo.setYanked('zebra-03', '1.0.0', true);
    assert.equal((await search(repo, { ...page, text: 'crossing' })).total, 11);
    assert.equal((await search(repo, { ...page, text: 'zebra', tag: 'street' })).total, 9);
    assert.deepEqual((await search(repo, { limit: 3, offset: 2, text: 'zebra' })).items.map((a) => a.name), ['zebra-02', 'zebra-04', 'zebra-05']);
    await repo.setYanked('zebra-03', '1.0.0', false);
    assert.equal((await search(repo, { ...page, text: 'crossing' })).total, 12);
  });

  test(`${label}: key hand-over, API tokens and blob references`, async () => {
    const handover = { app: 'ghost', oldPublicKey: 'k', newPublicKey: 'k2', signature: 'sig', by: 'bob', at: new Date().toISOString() };
    await repo.handOver(handover);
    assert.equal((await repo.getApp('ghost'))?.publicKey, 'k2');
    assert.deepEqual(await repo.keyHistory('ghost'), [handover]);
    await rejectsWith(repo.handOver(handover), 'handover-stale');
    assert.equal((await repo.keyHistory('ghost')).length, 1);

    await repo.saveApiToken('hash-1', 'alice');
    assert.equal(await repo.findApiToken('hash-1'), 'alice');
    assert.equal(await repo.findApiToken('hash-2'), undefined);
    const v = await repo.getVersion('loadmon', '1.0.0');
    assert.equal(await repo.blobInUse(v?.blobHash ?? ''), true);
    assert.equal(await repo.blobInUse('f'.repeat(64)), false);
  });
}
