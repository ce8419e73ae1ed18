// The personal box end to end with the process driver, on real parts: a real app store serves
// apps the builder made and the publisher signed; the box (startBox, what `databox box start`
// runs) installs them by name after the owner's review, runs them under its arbiter, datastores
// and export service, and shows their pages to the owner only, in Chromium. An export reaches a
// receiver only as the owner approved, and is audited; a crashed app comes back; a restarted box
// brings everything back; an uninstall leaves nothing running.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { builtBundle, specBundle } from './support/built-bundle';
import { startReceiver, type Receiver } from './support/box-control.fixture';
import { watchAppPage } from './support/app-page';
import { eventually } from './support/eventually';
import { installed, OWNER_PASSWORD, startTestBox, startTestStore, type TestBox, type TestStore } from './support/personal-box.fixture';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'box-e2e-process-'));
const dataDir = path.join(dir, 'box');
let store: TestStore;
let receiver: Receiver;
let box: TestBox;
let browser: Browser | undefined;

interface AuditEvent { component: string; kind: string; detail?: string; destination?: string }
const audit = async (query = ''): Promise<AuditEvent[]> => {
  const answer = await box.api('GET', `/api/audit${query}`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return (answer.body as { events: AuditEvent[] }).events;
};
const statusOf = async (name: string): Promise<string> => ((await box.api('GET', `/api/apps/${name}`)).body as { status?: string }).status ?? 'missing';
const loadwatchBindings = { load: 'loadavg1' };

before(async () => {
  store = await startTestStore(dir);
  receiver = await startReceiver();
  // Built by the real builder from flows a developer would wire, signed and published.
  await store.publish(specBundle({
    name: 'loadwatch', version: '1.0.0', label: 'Load watch', description: 'Sends each load reading to the developer',
    sources: [{ clientid: 'load', type: 'loadavg1' }], exports: [{ url: `${receiver.url}/load`, description: 'each load reading', from: ['load'] }], ownData: true,
  }));
  await store.publish(builtBundle());
  await store.publish(specBundle({
    name: 'stepsout', version: '1.0.0', sources: [{ clientid: 'steps', type: 'steps' }], exports: [{ url: `${receiver.url}/steps`, description: 'each step count', from: ['steps'] }],
  }));
  box = await startTestBox({ dataDir, driver: 'process', stores: [store.url] });
});

after(async () => {
  await browser?.close();
  await box?.close();
  await receiver?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the box runs its services and built-in drivers, and answers only its owner', async () => {
  const health = await (await fetch(`${box.url}/api/health`)).json() as { ok: boolean; driver: string; isolated: boolean };
  assert.deepEqual([health.ok, health.driver, health.isolated], [true, 'process', false]);
  const anonymous = await fetch(`${box.url}/api/status`);
  assert.equal(anonymous.status, 401);
  const wrong = await fetch(`${box.url}/api/status`, { headers: { authorization: `Basic ${Buffer.from('owner:not-the-password').toString('base64')}` } });
  assert.equal(wrong.status, 401);
  const status = (await box.api('GET', '/api/status')).body as { services: { name: string; status: string }[]; components: { name: string; status: string }[] };
  assert.deepEqual(status.services.map((s) => [s.name, s.status]), [['audit', 'running'], ['arbiter', 'running'], ['export-service', 'running']]);
  for (const driver of ['os-monitor', 'sensors-sim', 'webhook']) assert.equal(status.components.find((c) => c.name === driver)?.status, 'running', driver);
});

test('the review says what the app reads and where it sends it, and installs nothing', async () => {
  const review = await box.api('POST', '/api/install?review=1', { app: 'loadwatch', bindings: loadwatchBindings });
  assert.equal(review.status, 200, JSON.stringify(review.body));
  const body = review.body as { permissions: string[]; lineage: string[]; signed: boolean; vouchedBy: string; problems: string[] };
  assert.equal(body.signed, true);
  assert.match(body.vouchedBy, /^signed by octo-dev on http:\/\/127\.0\.0\.1:\d+ \(key ed25519:[0-9a-f]{16}\)$/);
  assert.ok(body.permissions.some((p) => p.includes('loadavg1')), JSON.stringify(body.permissions));
  assert.ok(body.lineage.some((l) => l.includes(`${receiver.url}/load`)), JSON.stringify(body.lineage));
  assert.deepEqual(body.problems, []);
  assert.equal((await box.api('GET', '/api/apps/loadwatch')).status, 404, 'a review installs nothing');
});

test('an app from the store installs by name, with progress, and runs', async () => {
  const lines = await box.install({ app: 'loadwatch', bindings: loadwatchBindings });
  const result = installed(lines);
  assert.ok(lines.some((l) => l.progress?.includes('loadwatch-store')), 'its own datastore starts');
  assert.equal(result.status, 'running');
  assert.deepEqual(result.origin, { kind: 'store', store: store.url, publisher: 'octo-dev' });
  assert.equal(result.displayName, 'Load watch');
  assert.equal(result.store, 'loadwatch-store');
  const again = await box.install({ app: 'loadwatch', bindings: loadwatchBindings });
  assert.equal(again.at(-1)?.error?.code, 'component-installed', JSON.stringify(again));
});

test('its readings leave the box only through the export service, to the approved place, and each export is audited', async () => {
  await eventually(() => receiver.got.some((r) => r.path === '/load'), 'the receiver got a load reading', { timeoutMs: 60_000, everyMs: 200 });
  const sent = receiver.got.find((r) => r.path === '/load');
  assert.match(sent?.body ?? '', /\d/);
  await eventually(async () => (await audit('?app=loadwatch&kind=export-delivered')).some((e) => e.destination === `${receiver.url}/load`), 'the export is audited', { timeoutMs: 30_000, everyMs: 500 });
  const tokens = await audit('?app=loadwatch');
  assert.ok(tokens.length > 0, 'its token requests are audited');
});

test('an app page opens for the owner only, through the box, and charts real readings', async () => {
  installed(await box.install({ app: 'host-load', bindings: { 'loadavg1_1a2b3c4d': 'loadavg1', 'memory-used_5e6f7081': 'memory-used' } }));
  const anonymous = await fetch(`${box.url}/host-load/ui/`);
  assert.equal(anonymous.status, 401);
  assert.doesNotMatch(await anonymous.text(), /<html/i, 'nothing of the page without the password');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const context = await browser.newContext({ httpCredentials: { username: 'owner', password: OWNER_PASSWORD } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const appPage = watchAppPage(page);
  try {
    const answer = await page.goto(`${box.url}/host-load/ui/`);
    assert.equal(answer?.status(), 200, await answer?.text());
    await appPage.charted({ logs: async () => String((await box.api('GET', '/api/apps/host-load/logs')).body) });
    assert.match(await page.locator('.gauge-reading').textContent() ?? '', /^\d+\.\d+ %$/, 'memory in use, in per cent');
    assert.equal(await page.title(), 'Host load', 'titled with the name the owner reviewed');
    assert.deepEqual(errors, []);
  } finally {
    await page.screenshot({ path: path.join(__dirname, '..', 'tmp', 'box-app-page.png') }).catch(() => undefined);
    await context.close();
  }
});

test('a phone posts to a webhook source with its secret; an app granted that source gets the readings', async () => {
  const made = await box.api('POST', '/api/webhooks', { id: 'phone-steps', type: 'steps', description: 'Steps from my phone' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const { secret, path: hook, header } = made.body as { secret: string; path: string; header: string };
  assert.equal(hook, '/webhook/phone-steps');
  assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
  const listed = await box.api('GET', '/api/webhooks');
  assert.doesNotMatch(JSON.stringify(listed.body), new RegExp(secret), 'the secret is shown once, never listed');
  assert.ok(((await box.api('GET', '/api/sources')).body as { id: string }[]).some((s) => s.id === 'phone-steps'), 'it is one of the owner\'s sources');
  installed(await box.install({ app: 'stepsout', bindings: { steps: 'phone-steps' } }));
  const post = (value: unknown, key?: string) => fetch(`${box.url}${hook}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { [header]: key } : {}) }, body: JSON.stringify(value) });
  assert.equal((await post(4321, 'not-the-secret')).status, 401);
  assert.equal((await post(4321)).status, 401);
  const accepted = await post(4321, secret);
  assert.equal(accepted.status, 201, await accepted.text());
  await eventually(() => receiver.got.some((r) => r.path === '/steps' && r.body.includes('4321')), 'the step count went out through stepsout\'s export', { timeoutMs: 30_000, everyMs: 200 });
  const inUse = await box.api('DELETE', '/api/webhooks/phone-steps');
  assert.equal(inUse.status, 409, 'a source an app reads stays');
});

test('a crashed app is restarted, and the crash is audited', async () => {
  const { stdout } = await run('pgrep', ['-f', path.join(dataDir, 'bundles', 'loadwatch')]).catch(() => ({ stdout: '' }));
  const pids = stdout.split('\n').filter(Boolean).map(Number);
  assert.ok(pids.length > 0, 'the app runs as a process of its own');
  for (const pid of pids) process.kill(pid, 'SIGKILL');
  await eventually(async () => (await audit('?app=loadwatch&kind=component-crashed')).length > 0, 'the crash is audited', { timeoutMs: 20_000, everyMs: 200 });
  await eventually(async () => (await statusOf('loadwatch')) === 'running', 'it runs again', { timeoutMs: 60_000, everyMs: 500 });
});

test('a restarted box brings back every app, with its grants and what it recorded', async () => {
  const before = (await audit()).length;
  await box.close();
  const exportsBefore = receiver.got.length;
  box = await startTestBox({ dataDir, driver: 'process', stores: [] });
  assert.equal(await statusOf('loadwatch'), 'running');
  assert.equal(await statusOf('host-load'), 'running');
  assert.ok((await audit()).length >= before, 'the audit log is kept');
  await eventually(() => receiver.got.length > exportsBefore, 'loadwatch exports again after the restart', { timeoutMs: 60_000, everyMs: 200 });
});

test('an uninstalled app stops, its page is gone, and its data is kept unless asked', async () => {
  const removed = await box.api('DELETE', '/api/apps/loadwatch');
  assert.equal(removed.status, 200, JSON.stringify(removed.body));
  assert.deepEqual(removed.body, { removed: 'loadwatch', dataKept: true });
  assert.equal((await box.api('GET', '/api/apps/loadwatch')).status, 404);
  const { stdout } = await run('pgrep', ['-f', path.join(dataDir, 'bundles', 'loadwatch')]).catch(() => ({ stdout: '' }));
  assert.equal(stdout.trim(), '', 'nothing of it runs');
  assert.equal(existsSync(path.join(dataDir, 'components', 'loadwatch', 'secrets')), false, 'its keys are gone');
  const page = await fetch(`${box.url}/loadwatch/ui/`, { headers: { authorization: `Basic ${Buffer.from(`owner:${OWNER_PASSWORD}`).toString('base64')}` } });
  assert.equal(page.status, 404);
});
