// Updating an app on a box (process driver, real app store, apps the real builder made and
// the publisher signed): the owner sees only what changed, is asked again when the permissions
// grow, keeps what they revoked revoked; the previous version and a copy of its data stay for a
// one-click rollback; a version that is not healthy is rolled back by the box, which says why;
// a box that stopped mid-update rolls back at its next start; the CLI does the same.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { revokeGrant } from '../box/api/box.components.view';
import { openBoxDb } from '../box/state/box.db';
import { withExtraNodes } from './support/bad-bundles';
import { specBundle, type AppSpec } from './support/built-bundle';
import { startReceiver, type Receiver } from './support/box-control.fixture';
import { eventually } from './support/eventually';
import { installed, OWNER_PASSWORD, ownerAuth, startTestBox, startTestStore, type InstallLine, type TestBox, type TestStore } from './support/personal-box.fixture';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'box-update-'));
const dataDir = path.join(dir, 'box');
const storeData = path.join(dataDir, 'components', 'tally-store', 'data');
let store: TestStore;
let receiver: Receiver;
let box: TestBox;

const spec = (version: string, exports: string[]): AppSpec => ({
  name: 'tally', version, label: 'Tally', description: 'Counts load readings',
  sources: [{ clientid: 'load', type: 'loadavg1' }], exports: exports.map((p) => ({ url: `${receiver.url}/${p}`, description: `readings to ${p}`, from: ['load'] })), ownData: true,
});

interface UpdateReviewAnswer { from: string; to: string; newer: boolean; grows: boolean; added: string[]; lineageAdded: string[]; removed: string[]; stillRevoked: { destination?: string }[]; consent: string; previous: { version: string } | null; problems: string[] }
interface Grant { destination?: string }

const review = async (query = ''): Promise<UpdateReviewAnswer> => {
  const answer = await box.api('GET', `/api/apps/tally/update${query}`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body as UpdateReviewAnswer;
};
/** POSTs a streamed change and answers every line (or the one refusal). */
const stream = async (route: string, body: unknown = {}): Promise<InstallLine[]> => {
  const response = await fetch(`${box.url}${route}`, { method: 'POST', headers: { authorization: ownerAuth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (response.status !== 200) return [{ error: { ...(JSON.parse(text) as { error: NonNullable<InstallLine['error']> }).error, status: response.status } as NonNullable<InstallLine['error']> }];
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as InstallLine);
};
const app = async (): Promise<{ version: string; status: string; grants: Grant[] }> => (await box.api('GET', '/api/apps/tally')).body as { version: string; status: string; grants: Grant[] };
const destinations = (grants: Grant[]): string[] => grants.flatMap((g) => (g.destination ? [g.destination.replace(receiver.url, '')] : [])).sort();
const arbiterDestinations = async (): Promise<string[]> => destinations((await box.running.runtime.admin.components()).find((c) => c.name === 'tally')?.grants ?? []);
/** The detail of the newest audit event of that kind for the app. */
const lastAudited = async (kind: string): Promise<string | undefined> => {
  await box.running.runtime.audit?.flush();
  return ((await box.api('GET', `/api/audit?app=tally&kind=${kind}`)).body as { events: { detail?: string }[] }).events.at(-1)?.detail;
};

before(async () => {
  store = await startTestStore(dir);
  receiver = await startReceiver();
  await store.publish(specBundle(spec('1.0.0', ['a', 'c'])));
  box = await startTestBox({ dataDir, driver: 'process', stores: [store.url] });
  installed(await box.install({ app: 'tally', bindings: { load: 'loadavg1' } }));
});

after(async () => {
  await box?.close();
  await receiver?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('with nothing newer in the store, the review says so and an update is refused as not newer', async () => {
  const same = await review();
  assert.deepEqual([same.from, same.to, same.newer, same.grows, same.previous], ['1.0.0', '1.0.0', false, false, null]);
  const refused = (await stream('/api/apps/tally/update')).at(-1)?.error as { code: string; status: number } | undefined;
  assert.deepEqual([refused?.code, refused?.status], ['update-not-newer', 409]);
  const rollback = (await stream('/api/apps/tally/rollback')).at(-1)?.error as { code: string; status: number } | undefined;
  assert.deepEqual([rollback?.code, rollback?.status], ['no-previous-version', 404]);
});

test('a version that sends to one more place: only the change is shown, and the update waits for the owner\'s consent', async () => {
  // The owner takes one destination away first: the update must not give it back.
  const installedApp = box.running.runtime.db.component('tally');
  assert.ok(installedApp);
  await revokeGrant(box.running.runtime, installedApp, installedApp.sla.grants.findIndex((g) => g.destination === `${receiver.url}/c`));
  await store.publish(specBundle(spec('1.1.0', ['a', 'b', 'c'])));
  const next = await review();
  assert.deepEqual([next.from, next.to, next.newer, next.grows], ['1.0.0', '1.1.0', true, true]);
  assert.equal(next.added.length, 1, JSON.stringify(next.added));
  assert.match(next.added[0] ?? '', new RegExp(`${receiver.url}/b`));
  assert.ok(next.lineageAdded.some((l) => l.includes(`${receiver.url}/b`)), JSON.stringify(next.lineageAdded));
  assert.deepEqual(next.removed, []);
  assert.deepEqual(next.stillRevoked.map((g) => g.destination), [`${receiver.url}/c`]);
  assert.match(next.consent, /^sha256:[0-9a-f]{32}$/);

  for (const consent of [undefined, 'sha256:00000000000000000000000000000000']) {
    const refused = (await stream('/api/apps/tally/update', { version: '1.1.0', ...(consent ? { consent } : {}) })).at(-1)?.error as { code: string; status: number; message: string } | undefined;
    assert.deepEqual([refused?.code, refused?.status], ['update-needs-consent', 409]);
    assert.match(refused?.message ?? '', /\/b/);
  }
  assert.equal((await app()).version, '1.0.0', 'refused, nothing changed');
  assert.equal((await app()).status, 'running');
});

test('with the consent it updates: the new grants hold (but the revoked one), the data is kept, the old version is kept for a rollback', async () => {
  writeFileSync(path.join(storeData, 'written-by-1.0.0'), 'v1');
  const { consent } = await review();
  const lines = await stream('/api/apps/tally/update', { version: '1.1.0', consent });
  const result = installed(lines) as { version: string; status: string };
  assert.deepEqual([result.version, result.status], ['1.1.0', 'running']);
  const progress = lines.flatMap((l) => (l.progress ? [l.progress] : []));
  assert.ok(progress.includes('tally: updating 1.0.0 -> 1.1.0'), JSON.stringify(progress));
  assert.ok(progress.some((p) => p.startsWith('tally 1.1.0: updated; 1.0.0 is kept')), JSON.stringify(progress));
  assert.deepEqual(destinations((await app()).grants), ['/a', '/b'], 'c stays revoked');
  assert.deepEqual(await arbiterDestinations(), ['/a', '/b'], 'the arbiter holds exactly those');
  assert.equal(readFileSync(path.join(storeData, 'written-by-1.0.0'), 'utf8'), 'v1', 'its datastore kept its data');
  await eventually(() => receiver.got.some((r) => r.path === '/b'), 'the new destination gets readings', { timeoutMs: 60_000, everyMs: 200 });
  assert.equal((await review()).previous?.version, '1.0.0');
  assert.match(await lastAudited('update') ?? '', /^1\.0\.0 -> 1\.1\.0; the owner agreed to more: .*\/b/);
});

test('a rollback in one step: the previous version, its grants, and its data as it was at the update', async () => {
  writeFileSync(path.join(storeData, 'written-by-1.1.0'), 'v2');
  const lines = await stream('/api/apps/tally/rollback');
  const result = installed(lines) as { version: string; status: string };
  assert.deepEqual([result.version, result.status], ['1.0.0', 'running']);
  assert.deepEqual(destinations((await app()).grants), ['/a'], 'b went with 1.1.0; c is still revoked');
  assert.deepEqual(await arbiterDestinations(), ['/a']);
  assert.equal(existsSync(path.join(storeData, 'written-by-1.1.0')), false, 'what 1.1.0 wrote is gone');
  assert.equal(readFileSync(path.join(storeData, 'written-by-1.0.0'), 'utf8'), 'v1');
  assert.equal((await review()).previous, null, 'nothing left to roll back to');
  assert.match(await lastAudited('rollback') ?? '', /^1\.1\.0 -> 1\.0\.0: the owner rolled it back$/);
});

test('a new version that is not healthy is rolled back by the box, which says why', { timeout: 180_000 }, async () => {
  // The same permissions (no consent needed), but a flow no runtime can start.
  await store.publish(withExtraNodes(specBundle(spec('1.2.0', ['a', 'c'])), [{ type: 'no-such-node-type' }]));
  const next = await review('?version=1.2.0');
  assert.equal(next.grows, false, JSON.stringify(next));
  const lines = await stream('/api/apps/tally/update', { version: '1.2.0' });
  const failure = lines.at(-1)?.error;
  assert.equal(failure?.code, 'update-rolled-back', JSON.stringify(lines.slice(-3)));
  assert.match(failure?.message ?? '', /tally 1\.2\.0 did not become healthy \(.*no-such-node-type.*\), so the box rolled back to 1\.0\.0/);
  const now = await app();
  assert.deepEqual([now.version, now.status], ['1.0.0', 'running']);
  assert.deepEqual(await arbiterDestinations(), ['/a']);
  assert.equal(readFileSync(path.join(storeData, 'written-by-1.0.0'), 'utf8'), 'v1');
  assert.match(await lastAudited('rollback') ?? '', /^1\.2\.0 -> 1\.0\.0: 1\.2\.0 failed its health check: /);
});

test('a box that stopped during an update rolls back at its next start', { timeout: 180_000 }, async () => {
  const { consent } = await review('?version=1.1.0');
  installed(await stream('/api/apps/tally/update', { version: '1.1.0', consent }));
  await box.close();
  // As if the box had died before it saw 1.1.0 healthy.
  const db = openBoxDb(path.join(dataDir, 'box.sqlite'));
  db.setState('tally', 'updating');
  db.close();
  box = await startTestBox({ dataDir, driver: 'process', stores: [store.url] });
  const now = await app();
  assert.deepEqual([now.version, now.status], ['1.0.0', 'running']);
  assert.deepEqual(await arbiterDestinations(), ['/a']);
  assert.ok(box.progress.some((l) => l.includes('tally: the box stopped during its update')), JSON.stringify(box.progress.slice(-10)));
});

test('the CLI: databox box update shows what changes and asks; --yes agrees; databox box rollback goes back', { timeout: 180_000 }, async () => {
  const cli = (...args: string[]) => run(process.execPath, [path.join(__dirname, '..', 'cli', 'databox.js'), 'box', ...args, '--box', box.url], { env: { ...process.env, DATABOX_PASSWORD: OWNER_PASSWORD } }).then(
    (r) => ({ code: 0, ...r }), (e: { code: number; stdout: string; stderr: string }) => e);
  const help = await cli('update', '--help');
  assert.match(help.stdout, /^Usage: databox box update <name>/);
  const asked = await cli('update', 'tally', '--version', '1.1.0');
  assert.equal(asked.code, 1, 'no terminal to ask on, so no update');
  assert.match(asked.stdout, /Tally: 1\.0\.0 -> 1\.1\.0 \(tally\)[\s\S]*MORE than the version you run[\s\S]*\/b[\s\S]*Still revoked[\s\S]*\/c[\s\S]*Not updated\./);
  assert.match(asked.stderr, /no terminal to ask on; pass --yes/);
  assert.equal((await app()).version, '1.0.0');
  const updated = await cli('update', 'tally', '--version', '1.1.0', '--yes');
  assert.equal(updated.code, 0, updated.stderr);
  assert.match(updated.stdout, /Updated tally 1\.1\.0; its page: /);
  const back = await cli('rollback', 'tally');
  assert.equal(back.code, 0, back.stderr);
  assert.match(back.stdout, /rolling back 1\.1\.0 -> 1\.0\.0[\s\S]*Rolled back tally 1\.0\.0/);
  const none = await cli('rollback', 'tally');
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no-previous-version.*tally has no earlier version kept on this box/);
});
