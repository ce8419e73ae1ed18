// The journey across the parts at the CLI level, on real parts: `databox build` writes a
// bundle, `databox publish` signs and uploads it to a real app store (`databox store serve`,
// SQLite), which finds it in a search and serves it for download; the download's signature
// verifies against the publisher's key. Every example and every builder fixture that builds
// takes this path, and a flow with a third-party module takes it with its module tarballs.
// (When the box lands, the same journey ends with an install: this file grows.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundleContentHash, checkBundle, moduleFilesFromTarballs, packBundle, unpackBundle, type Bundle } from '../core/bundle';
import { readBundleDir } from '../builder/bundle';
import { verifyBundleSignature } from '../core/bundle/bundle.signature';
import { loadOrCreateKey } from '../store-app/signing/publisher-key';
import { exampleNames } from './support/built-bundle';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'journey-'));
const key = path.join(work, 'publisher.pem');
// No test reaches the real GitHub: an address where nothing listens.
const env = { ...process.env, DATABOX_HOME: path.join(work, 'home'), DATABASE_URL: '', DATABOX_GITHUB_API_URL: 'http://127.0.0.1:9' };
let server: ChildProcess;
let storeUrl = '';
let token = '';

async function databox(...args: string[]): Promise<string> {
  try {
    const { stdout } = await run('npx', ['databox', ...args], { cwd: root, env });
    return stdout;
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    assert.fail(`databox ${args.join(' ')} exited ${failed.code}:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`);
  }
}

async function json(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(url);
  assert.equal(response.status, 200, `${url}: ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Downloads a version and checks what a box would: the bytes, the content hash, the publisher's signature. Gives the bundle. */
async function downloadAndVerify(name: string, version: string, published: Buffer): Promise<Bundle> {
  const download = await fetch(`${storeUrl}/api/apps/${name}/${version}/bundle`);
  assert.equal(download.status, 200, `${name}@${version} downloads`);
  const tarball = Buffer.from(await download.arrayBuffer());
  assert.deepEqual(tarball, published, `${name}@${version}: the store serves the bytes that were published`);
  const bundle = await unpackBundle(tarball);
  const contentHash = bundleContentHash(bundle);
  const record = await json(`${storeUrl}/api/apps/${name}/${version}`);
  assert.equal(record.contentHash, contentHash);
  const publicKey = loadOrCreateKey(key, false).publicKey;
  assert.equal(record.publicKey, publicKey, 'signed with the key in the publisher\'s key file');
  assert.equal(verifyBundleSignature({ contentHash, signature: String(record.signature), publicKey }), true, `${name}@${version} signature verifies`);
  return bundle;
}

before(async () => {
  server = spawn('npx', ['databox', 'store', 'serve', '--data', path.join(work, 'store'), '--port', '0'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  storeUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`store serve exited with ${code}: ${out}`)));
  });
  token = (await databox('store', 'token', '--data', path.join(work, 'store'), '--user', 'octo-dev')).trim();
  loadOrCreateKey(key, true); // the developer's key file, as `databox publish` makes on first use
});

after(async () => {
  // npx runs the store as a grandchild: stop the whole process group this test started.
  if (server.exitCode === null && server.pid !== undefined) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    process.kill(-server.pid, 'SIGTERM');
    await exited;
  }
  rmSync(work, { recursive: true, force: true });
});

test('the README path: build host-load to a folder and to a tarball, publish both, find it, download and verify', async () => {
  const folder = path.join(work, 'host-load');
  await databox('build', 'examples/host-load/flows.json', '--out', folder);
  const first = await databox('publish', folder, '--store', storeUrl, '--token', token, '--key', key);
  assert.match(first, /^Published host-load 1\.0\.0 to /m);

  const next = path.join(work, 'host-load-next');
  const tarball = path.join(work, 'host-load-1.0.1.tar.gz');
  await databox('build', 'examples/host-load/flows.json', '--out', next, '--version', '1.0.1', '--tarball', tarball);
  assert.match(await databox('publish', tarball, '--store', storeUrl, '--token', token, '--key', key), /^Published host-load 1\.0\.1 /m);

  const search = await json(`${storeUrl}/api/apps?q=host`);
  const items = search.items as { name: string; version: string }[];
  assert.deepEqual(items.map((i) => `${i.name}@${i.version}`), ['host-load@1.0.1']);
  await downloadAndVerify('host-load', '1.0.0', packBundle(await readBundleDir(folder)));
  await downloadAndVerify('host-load', '1.0.1', readFileSync(tarball));
});

/** `databox build` arguments for each builder fixture that builds, from its expected.json; `modules` when it uses third-party modules. */
function fixtureBuilds(): { name: string; args: string[]; modules?: boolean }[] {
  const dir = path.join(root, 'builder', 'fixtures');
  return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('_')).flatMap((d) => {
    const expected = JSON.parse(readFileSync(path.join(dir, d.name, 'expected.json'), 'utf8'));
    if (expected.errors) return [];
    const args = [path.join('builder', 'fixtures', d.name, 'flows.json'), '--name', `fx-${d.name}`.slice(0, 63)];
    if (expected.tab) args.push('--tab', expected.tab);
    if (expected.options?.version) args.push('--version', expected.options.version);
    if (expected.modules) args.push('--modules', path.join('builder', 'fixtures', d.name, expected.modules));
    return [{ name: `fx-${d.name}`.slice(0, 63), args, ...(expected.modules ? { modules: true } : {}) }];
  });
}

test('every example and every builder fixture that builds is published, found, downloaded and verified', async () => {
  const builds: { name: string; args: string[]; modules?: boolean }[] = [
    ...exampleNames().filter((name) => name !== 'host-load').map((name) => ({ name, args: [path.join('examples', name, 'flows.json')] })),
    ...fixtureBuilds(),
  ];
  assert.ok(builds.length >= 13, `${builds.length} bundles`);
  assert.ok(builds.some((b) => b.modules), 'a fixture uses third-party modules');
  for (const { name, args, modules } of builds) {
    const out = path.join(work, 'bundles', name);
    await databox('build', ...args, '--out', out);
    const bundle = await readBundleDir(out);
    assert.equal(bundle.manifest.name, name);
    assert.match(await databox('publish', out, '--store', storeUrl, '--token', token, '--key', key), new RegExp(`^Published ${name} ${bundle.manifest.version.replace(/\./g, '\\.')} `, 'm'));
    const found = await json(`${storeUrl}/api/apps?q=${encodeURIComponent(name)}`);
    assert.ok((found.items as { name: string }[]).some((i) => i.name === name), `${name} is found`);
    const downloaded = await downloadAndVerify(name, bundle.manifest.version, packBundle(bundle));
    assert.equal(downloaded.modules !== undefined, modules === true, `${name}: module tarballs exactly when the flow uses modules`);
  }
});

test('a flow with a third-party module: built with --tarball, both the module and its dependency travel as tarballs through the store', async () => {
  const fixture = path.join('builder', 'fixtures', 'third-party-module');
  const build = ['build', path.join(fixture, 'flows.json'), '--modules', path.join('builder', 'fixtures', '_modules'), '--name', 'shouting'];
  const tarballs = ['modules/fixture-helper-0.2.1.tgz', 'modules/node-red-contrib-databox-fixture-1.4.2.tgz'];
  const tarball = path.join(work, 'shouting-1.0.0.tar.gz');
  await databox(...build, '--version', '1.0.0', '--out', path.join(work, 'shouting'), '--tarball', tarball);
  const built = await unpackBundle(readFileSync(tarball));
  assert.deepEqual(built.modules?.map((m) => m.file), tarballs, 'the .tar.gz holds the module and its dependency');
  assert.deepEqual(checkBundle(built), built, 'it passes the validator');
  assert.match(await databox('publish', tarball, '--store', storeUrl, '--token', token, '--key', key), /^Published shouting 1\.0\.0 /m);
  const fromTarball = await downloadAndVerify('shouting', '1.0.0', readFileSync(tarball));

  const folder = path.join(work, 'shouting-next');
  await databox(...build, '--version', '1.0.1', '--out', folder);
  assert.match(await databox('publish', folder, '--store', storeUrl, '--token', token, '--key', key), /^Published shouting 1\.0\.1 /m);
  const fromFolder = await downloadAndVerify('shouting', '1.0.1', packBundle(await readBundleDir(folder)));
  for (const bundle of [fromTarball, fromFolder]) {
    assert.deepEqual(bundle.modules?.map((m) => m.file), tarballs);
    assert.ok(moduleFilesFromTarballs(bundle).some((f) => f.name === 'node_modules/node-red-contrib-databox-fixture/upper.js'), 'the module installs from the download alone');
  }
  assert.deepEqual(fromFolder.modules, fromTarball.modules, 'the same modules are the same bytes in every build');
});
