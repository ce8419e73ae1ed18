// Journey: a developer publishes a builder bundle to the app store with a GitHub OAuth token
// (checked against a local server speaking GitHub's user API); a box owner searches, reads the
// detail, downloads the bundle and verifies its signature again, as a box does on install.
// Runs on SQLite and on PostgreSQL (scripts/provision/40-postgres.sh), the same steps.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bundleContentHash, packBundle, unpackBundle } from '../core/bundle';
import { publishBundle } from '../store-app/client/publish.client';
import { verifyBundleSignature } from '../core/bundle/bundle.signature';
import { testBundle } from '../store-app/testing/bundle.fixture';
import { newKeyPem, startTestAppStore, type TestAppStore } from '../store-app/testing/app-store.fixture';

const token = 'gho_16C7e42F292c6912E7710c838347Ae178B4a';

for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`store round trip on ${backend}`, () => {
    let store: TestAppStore;
    const key = newKeyPem();
    before(async () => { store = await startTestAppStore({ backend, users: { [token]: 'Octo-Dev' } }); });
    after(() => store.close());

    test('publish -> search -> detail -> download -> verify signature', async () => {
      const health = await (await fetch(`${store.url}/api/health`)).json();
      assert.deepEqual(health, { ok: true, storage: backend, mode: 'open' });

      const v1 = testBundle('host-load', '1.0.0', { label: 'Host load reporter', tags: ['monitoring'] });
      const published = await publishBundle({ storeUrl: store.url, token, tarball: packBundle(v1), privateKeyPem: key, changelog: 'First release' });
      assert.equal(published.publisher, 'octo-dev');
      const v2 = testBundle('host-load', '1.1.0', {
        label: 'Host load reporter',
        sources: [{ clientid: 'load', type: 'loadavg1' }, { clientid: 'mem', type: 'memory-used', required: false }],
        exports: [{ url: 'https://example.org/ingest', description: 'load summary', from: ['load', 'mem'] }],
      });
      await publishBundle({ storeUrl: store.url, token, tarball: packBundle(v2), privateKeyPem: key, channel: 'stable', changelog: 'Also memory' });
      assert.equal(store.github.requests(), 1, 'the GitHub identity is cached between calls');

      const search = await (await fetch(`${store.url}/api/apps?q=host%20rep&exports=yes&datasource=loadavg1`)).json();
      assert.equal(search.total, 1);
      assert.equal(search.items[0].name, 'host-load');
      assert.equal(search.items[0].version, '1.1.0');
      const none = await (await fetch(`${store.url}/api/apps?q=host&exports=no`)).json();
      assert.equal(none.total, 0);

      const detail = await (await fetch(`${store.url}/api/apps/host-load`)).json();
      assert.equal(detail.owner, 'octo-dev');
      assert.deepEqual(detail.versions.map((v: { version: string }) => v.version), ['1.1.0', '1.0.0']);
      assert.ok(detail.permissions.some((p: { text: string }) => p.text === 'Reads your host load average over 1 minute (loadavg1)'));
      assert.ok(detail.permissions.some((p: { text: string }) => p.text === 'Reads your host memory in use (memory-used), if you grant it'));
      assert.deepEqual(detail.lineage, ['Sends your loadavg1 and memory-used readings to https://example.org/ingest']);
      const diff = await (await fetch(`${store.url}/api/apps/host-load/diff?from=1.0.0&to=1.1.0`)).json();
      assert.deepEqual(diff.added.map((p: { key: string }) => p.key), ['read:memory-used']);

      const download = await fetch(`${store.url}/api/apps/host-load/1.0.0/bundle`);
      assert.equal(download.status, 200);
      assert.equal(download.headers.get('content-type'), 'application/gzip');
      const tarball = Buffer.from(await download.arrayBuffer());
      assert.deepEqual(tarball, packBundle(v1));
      const version = await (await fetch(`${store.url}/api/apps/host-load/1.0.0`)).json();
      const contentHash = bundleContentHash(await unpackBundle(tarball));
      assert.equal(contentHash, version.contentHash);
      assert.equal(download.headers.get('x-databox-signature'), version.signature);
      assert.equal(verifyBundleSignature({ contentHash, signature: version.signature, publicKey: detail.publicKey }), true);
      const other = bundleContentHash(await unpackBundle(packBundle(v2)));
      assert.equal(verifyBundleSignature({ contentHash: other, signature: version.signature, publicKey: detail.publicKey }), false, 'a box refuses a swapped bundle');
    });
  });
}
