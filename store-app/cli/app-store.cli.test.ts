// The real `npx databox store serve|token` and `npx databox publish` as child processes.
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { packBundle } from '../../core/bundle';
import { writeBundleDir } from '../../builder/bundle';
import { testBundle } from '../testing/bundle.fixture';
import { newKeyPem } from '../testing/app-store.fixture';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'store-cli-'));
const dataDir = path.join(work, 'data');
const home = path.join(work, 'home');
// No test reaches the real GitHub: an address where nothing listens.
const env = { ...process.env, DATABOX_HOME: home, DATABASE_URL: '', DATABOX_GITHUB_API_URL: 'http://127.0.0.1:9' };
let server: ChildProcess;
let storeUrl = '';

async function databox(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['databox', ...args], { cwd: root, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

before(async () => {
  server = spawn('npx', ['databox', 'store', 'serve', '--data', dataDir, '--port', '0'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  storeUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`store serve exited with ${code}: ${out}`)));
  });
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

test('every command has --help; bad arguments exit 2 with the usage', async () => {
  assert.match((await databox('store', '--help')).stdout, /databox store serve --data <dir>/);
  assert.match((await databox('publish', '--help')).stdout, /--key <file>/);
  const token = await databox('store', 'token', '--help');
  assert.equal(token.code, 0);
  assert.match(token.stdout, /^Usage: databox store token --data <dir> --user <login>\n/);
  assert.doesNotMatch(token.stdout, /--port|--host/);
  const noStore = await databox('publish', 'bundle.tgz', '--token', 't');
  assert.equal(noStore.code, 2);
  assert.match(noStore.stderr, /^databox publish: --store <url> is required \(or set \$DATABOX_STORE_URL\)\n\nUsage: databox publish <bundle> --store <url> --token <token>/);
  const channel = await databox('publish', 'bundle.tgz', '--store', storeUrl, '--token', 't', '--channel', 'nightly');
  assert.equal(channel.code, 2);
  assert.match(channel.stderr, /--channel nightly: use stable or beta/);
  assert.equal((await databox('store', 'serve', '--data', dataDir, '--port', 'http')).code, 2);
  assert.match((await databox('store', 'bogus')).stderr, /unknown command "bogus"/);
});

test('store token prints a token that publish uses; the key is made on first use and reused', async () => {
  assert.deepEqual(await (await fetch(`${storeUrl}/api/health`)).json(), { ok: true, storage: 'sqlite', mode: 'open' });
  const issued = await databox('store', 'token', '--data', dataDir, '--user', 'ci-bot');
  assert.equal(issued.code, 0);
  const token = issued.stdout.trim();
  assert.match(token, /^dbx_[A-Za-z0-9_-]{43}$/);

  const bundleDir = path.join(work, 'bundle');
  await writeBundleDir(bundleDir, testBundle('cli-app', '1.0.0'));
  const first = await databox('publish', bundleDir, '--store', storeUrl, '--token', token, '--changelog', 'From CI');
  assert.equal(first.code, 0, first.stderr);
  const keyFile = path.join(home, 'publisher-key.pem');
  assert.match(first.stdout, new RegExp(`Created your publisher key: ${keyFile.replace(/[/.]/g, '\\$&')}`));
  assert.match(first.stdout, /Published cli-app 1\.0\.0/);
  assert.equal(statSync(keyFile).mode & 0o777, 0o600);

  const tgz = path.join(work, 'cli-app-1.1.0.tgz');
  writeFileSync(tgz, packBundle(testBundle('cli-app', '1.1.0')));
  const second = await databox('publish', tgz, '--store', storeUrl, '--token', token, '--channel', 'beta');
  assert.equal(second.code, 0, second.stderr);
  assert.doesNotMatch(second.stdout, /Created/);
  const detail = await (await fetch(`${storeUrl}/api/apps/cli-app`)).json();
  assert.equal(detail.owner, 'ci-bot');
  assert.deepEqual(detail.versions.map((v: { version: string; channel: string }) => `${v.version}/${v.channel}`), ['1.1.0/beta', '1.0.0/stable']);

  const newKeyFile = path.join(work, 'new-key.pem');
  writeFileSync(newKeyFile, newKeyPem(), { mode: 0o600 });
  const handover = await databox('publish', tgz, '--store', storeUrl, '--token', token, '--handover', newKeyFile);
  assert.equal(handover.code, 0, handover.stderr);
  assert.match(handover.stdout, /Handed cli-app over to key ed25519:[0-9a-f]{16}/);
  const tgz2 = path.join(work, 'cli-app-1.2.0.tgz');
  writeFileSync(tgz2, packBundle(testBundle('cli-app', '1.2.0')));
  const oldKey = await databox('publish', tgz2, '--store', storeUrl, '--token', token);
  assert.match(oldKey.stderr, /\[signing-key-mismatch\]/);
  const newKey = await databox('publish', tgz2, '--store', storeUrl, '--token', token, '--key', newKeyFile);
  assert.equal(newKey.code, 0, newKey.stderr);

  const again = await databox('publish', tgz, '--store', storeUrl, '--token', token, '--key', newKeyFile);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /\[version-exists\] cli-app 1\.1\.0 is already published/);
  const missingKey = await databox('publish', tgz, '--store', storeUrl, '--token', token, '--key', path.join(work, 'nokey.pem'));
  assert.match(missingKey.stderr, /\[key-missing\]/);
  const badToken = await databox('publish', tgz, '--store', storeUrl, '--token', 'dbx_nope');
  assert.match(badToken.stderr, /\[unauthorized\]/);
  const githubDown = await databox('publish', tgz, '--store', storeUrl, '--token', 'gho_whatever');
  assert.match(githubDown.stderr, /\[github-unavailable\] could not check the GitHub token/);
  const badUser = await databox('store', 'token', '--data', dataDir, '--user', 'bad user!');
  assert.equal(badUser.code, 2);
  assert.match(badUser.stderr, /--user bad user!: not a GitHub login/);
  const missingBundle = await databox('publish', path.join(work, 'nothing.tgz'), '--store', storeUrl, '--token', token);
  assert.equal(missingBundle.code, 1);
  assert.match(missingBundle.stderr, /^databox publish: \[bundle-missing\] there is no bundle at .* - Give the directory/);
});
