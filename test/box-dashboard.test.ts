// The box dashboard in a real Chromium against a running box (process driver, its built-in
// drivers running) and a real app store: without a session every page redirects to sign-in and
// the API and app pages answer 401; a wrong password is said next to the field, five a minute
// from one address; the owner signs in with the form, sees the box's isolation and every driver
// with its status in words, on a desktop and a phone-sized screen, adds the store, finds an app
// built from a flow, reviews it (risk grade and reasons, computed on the box), binds its data
// source, installs it with the progress streamed, opens its page and sees its chart draw, and
// signs out.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compile } from '../builder/compile';
import { watchAppPage } from './support/app-page';
import { eventually } from './support/eventually';
import { OWNER_PASSWORD, startTestBox, startTestStore, type TestBox, type TestStore } from './support/personal-box.fixture';

const dir = mkdtempSync(path.join(tmpdir(), 'box-dashboard-'));
const shots = path.resolve(__dirname, '..', 'tmp', 'screenshots');
let box: TestBox;
let store: TestStore;
let browser: Browser;
let receiver: Server;
let receiverUrl = '';
const received: number[] = [];

/** An app that sends the time to the developer every second. */
const pingerFlows = (url: string) => [
  { id: 'tab-ping', type: 'tab', label: 'Pinger', info: 'Sends the time every second' },
  { id: 'tick', type: 'inject', z: 'tab-ping', repeat: '1', once: true, onceDelay: 0.1, topic: '', payload: '', payloadType: 'date', x: 100, y: 100, wires: [['out']] },
  { id: 'out', type: 'databox-export', z: 'tab-ping', name: 'to the developer', url, description: 'the time, each second', x: 300, y: 100, wires: [[]] },
];

/** What a developer wires in the studio: the room temperature on a line chart, nothing exported. */
const roomFlows = [
  { id: 'tab-room', type: 'tab', label: 'Room chart', info: 'Charts your room temperature; nothing leaves the box' },
  { id: 'temp', type: 'databox-datasource', z: 'tab-room', datasourceType: 'temperature', clientid: 'room', mode: 'observe', required: true, x: 100, y: 100, wires: [['chart']] },
  { id: 'chart', type: 'databox-chart', z: 'tab-room', label: 'Room (°C)', chart: 'line', unit: '°C', points: 60, x: 300, y: 100, wires: [] },
];

before(async () => {
  receiver = createServer((req, res) => { req.resume(); req.on('end', () => { received.push(Date.now()); res.end('ok'); }); });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/ping`;
  store = await startTestStore(dir);
  await store.publish(compile(pingerFlows(receiverUrl), undefined, { name: 'pinger', version: '1.0.0', author: 'tests', license: 'MIT' }));
  await store.publish(compile(roomFlows, undefined, { name: 'room-chart', version: '1.0.0', author: 'tests', license: 'MIT' }));
  box = await startTestBox({ dataDir: path.join(dir, 'box'), driver: 'process', stores: [] });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await box?.close();
  await store?.close();
  receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('without a session: pages redirect to sign-in, the API and app pages answer 401', async () => {
  const home = await fetch(`${box.url}/`, { redirect: 'manual' });
  assert.equal(home.status, 303);
  assert.equal(home.headers.get('location'), '/login');
  assert.equal((await fetch(`${box.url}/api/apps`)).status, 401);
  assert.equal((await fetch(`${box.url}/host-load/ui/`)).status, 401);
  const forged = await fetch(`${box.url}/`, { redirect: 'manual', headers: { cookie: 'databox_session=forged-session-id' } });
  assert.equal(forged.status, 303, 'a made-up session is no session');
  const signIn = await fetch(`${box.url}/login`);
  assert.equal(signIn.status, 200);
  assert.match(signIn.headers.get('content-security-policy') ?? '', /default-src 'self'/);
});

test('the owner signs in with the form, sees the drivers and their status in words, and signs out', async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  const outside: string[] = [];
  page.on('request', (request) => { if (!request.url().startsWith(box.url)) outside.push(request.url()); });
  await page.goto(`${box.url}/`);
  assert.equal(new URL(page.url()).pathname, '/login');
  await page.getByLabel('Owner password').fill('not the password');
  const refused = page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.equal((await refused).status(), 401);
  assert.equal(await page.getByRole('alert').innerText(), 'that is not the owner password');
  assert.equal(await page.getByLabel('Owner password').getAttribute('aria-invalid'), 'true');
  await page.screenshot({ path: path.join(shots, 'box-signin-refused.png') });

  await page.getByLabel('Owner password').fill(OWNER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${box.url}/`);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Your box');
  assert.match(await page.locator('.isolation').innerText(), /^process driver: components run as processes on this machine with no network isolation/);
  const drivers = page.locator('section[aria-labelledby="drivers-h"] li.component');
  assert.ok(await drivers.count() >= 2, 'the built-in drivers are listed');
  const sensors = page.locator('li.component[data-name="sensors-sim"]');
  assert.match(await sensors.innerText(), /Status:\s*running/);
  assert.match(await sensors.innerText(), /built into the box/);
  assert.match(await page.locator('section[aria-labelledby="apps-h"]').innerText(), /No apps installed yet/);
  assert.equal((await page.request.get(`${box.url}/api/apps`)).status(), 200, 'the session works for the API the pages use');
  await page.screenshot({ path: path.join(shots, 'box-dashboard-home.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nothing wider than a phone');
  await page.screenshot({ path: path.join(shots, 'box-dashboard-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1100, height: 800 });

  // The store, added on its page; an app built from a flow, found by search and reviewed.
  await page.getByRole('link', { name: 'App stores' }).click();
  const bad = await page.request.post(`${box.url}/dashboard/stores`, { form: { url: 'ftp://store.example' } });
  assert.equal(bad.status(), 400);
  assert.match(await bad.text(), /&#34;ftp:\/\/store\.example&#34; is not an app store&#39;s http\(s\) URL/);
  await page.getByLabel('App store URL').fill(store.url);
  await page.getByRole('button', { name: 'Add store' }).click();
  await page.waitForURL(`${box.url}/stores`);
  await page.getByLabel('Search apps and drivers').fill('room');
  await page.getByRole('button', { name: 'Search' }).click();
  const card = page.locator('li.store-app[data-app="room-chart"]');
  assert.match(await card.innerText(), /keeps data on the box/);
  await page.screenshot({ path: path.join(shots, 'box-dashboard-stores.png'), fullPage: true });
  await card.getByRole('link').click();
  await page.waitForURL(/\/install\?/);
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /^Install Room chart 1\.0\.0\?$/);
  assert.match(await page.locator('#risk-h').innerText(), /^Low risk \(3\)$/);
  assert.deepEqual(await page.locator('.reasons li').allInnerTexts(), ['3 Reads your room temperature from a home sensor (temperature); reading alone keeps it on the box']);
  assert.match(await page.locator('p.signed').innerText(), /^signed by octo-dev on http:\/\/127\.0\.0\.1:\d+ \(key /);
  assert.equal(await page.getByLabel('room: temperature').inputValue(), 'temperature', 'its one candidate source is offered');
  await page.screenshot({ path: path.join(shots, 'box-dashboard-review.png'), fullPage: true });

  // Installed with its progress streamed; its page charts the simulated room.
  await page.getByRole('button', { name: 'Install' }).click();
  await page.locator('#outcome.done').waitFor({ timeout: 120_000 });
  assert.ok(await page.locator('#progress li').count() > 0, 'progress lines were shown as they came');
  assert.match(await page.locator('#outcome').innerText(), /^Installed: Room chart [0-9.]+ is running\./);
  await page.screenshot({ path: path.join(shots, 'box-dashboard-installed.png'), fullPage: true });
  const appPage = watchAppPage(page);
  await page.getByRole('link', { name: 'Open Room chart' }).click();
  await page.waitForURL(`${box.url}/room-chart/ui/`);
  await appPage.charted({ logs: async () => String((await box.api('GET', '/api/apps/room-chart/logs')).body) });
  await page.goto(`${box.url}/`);
  assert.match(await page.locator('li.component[data-name="room-chart"]').innerText(), /Status:\s*running[\s\S]*Open Room chart/);

  // Its own page: its output live, stop and start, uninstall keeping its data.
  await page.locator('li.component[data-name="room-chart"] h3 a').click();
  await page.waitForURL(`${box.url}/apps/room-chart`);
  await page.waitForFunction(() => Number(document.querySelector('#logs')?.getAttribute('data-lines') ?? 0) > 0, undefined, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await page.waitForURL(`${box.url}/apps/room-chart?done=stop`);
  assert.match(await page.locator('#status').innerText(), /stopped by you/);
  assert.equal((await page.request.get(`${box.url}/room-chart/ui/`)).status(), 502, 'a stopped app\'s page does not answer');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForURL(`${box.url}/apps/room-chart?done=start`);
  assert.match(await page.locator('#status').innerText(), /running|starting/);
  await page.screenshot({ path: path.join(shots, 'box-dashboard-app.png'), fullPage: true });

  // The owner's data: the latest value and a chart of each source, who may read it.
  const dataPage = watchAppPage(page);
  await page.getByRole('link', { name: 'Data', exact: true }).click();
  await page.waitForURL(`${box.url}/data`);
  const temperature = page.locator('li.source[data-source="temperature"]');
  assert.match(await temperature.locator('.latest').innerText(), /^Latest: -?\d+(\.\d+)? °C at \d\d:\d\d:\d\d UTC$/);
  await dataPage.charted({ points: 1, selector: 'li.source[data-source="temperature"] canvas', timeoutMs: 20_000, logs: async () => '(the dashboard\'s own page)' });
  assert.match(await temperature.locator('.origin').innerText(), /Read by: room-chart\.$/);
  assert.match(await page.locator('li.source[data-source="loadavg1"] .origin').innerText(), /No app may read it\.$/);
  await page.screenshot({ path: path.join(shots, 'box-dashboard-data.png'), fullPage: true });
  const looked = ((await box.api('GET', '/api/audit?app=box-dashboard&kind=token-mint')).body as { events: { target?: string }[] }).events;
  assert.ok(looked.some((e) => e.target === 'sensors-sim-store'), 'the owner\'s own reads are minted, and audited, like an app\'s');

  // The audit: what it did, in a sentence and as a timeline, filtered; the same as CSV.
  await page.getByRole('link', { name: 'Audit' }).click();
  await page.getByLabel('App').selectOption('room-chart');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL(/\/audit\?app=room-chart/);
  assert.match(await page.locator('.summary li[data-component="room-chart"]').innerText(), /^room-chart sent nothing off the box in the last 24 hours: \d+ events, [1-9]\d* tokens minted, 0 refused\.$/);
  const kinds = await page.locator('table.timeline tbody td:nth-child(3)').allInnerTexts();
  for (const kind of ['token-mint', 'component-stopped', 'component-started']) assert.ok(kinds.includes(kind), `${kind} is in the timeline: ${kinds.join(', ')}`);
  assert.ok((await page.locator('table.timeline tbody td:nth-child(2)').allInnerTexts()).every((app) => app === 'room-chart'), 'only the chosen app');
  await page.screenshot({ path: path.join(shots, 'box-dashboard-audit.png'), fullPage: true });
  await page.getByLabel('Kind').selectOption('component-stopped');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL(/kind=component-stopped/);
  assert.deepEqual(await page.locator('table.timeline tbody td:nth-child(3)').allInnerTexts(), ['component-stopped']);
  const csv = await page.request.get(`${box.url}/audit.csv?app=room-chart&kind=component-stopped&period=day`);
  assert.match(csv.headers()['content-disposition'] ?? '', /^attachment; filename="databox-audit-\d{4}-\d\d-\d\d\.csv"$/);
  const rows = (await csv.text()).trim().split('\r\n');
  assert.equal(rows.length, 2);
  assert.match(rows[1] ?? '', /,room-chart,component-stopped,.*by the owner$/);
  await page.goto(`${box.url}/apps/room-chart`);
  await page.getByRole('button', { name: 'Uninstall Room chart' }).click();
  await page.waitForURL(/\/\?removed=room-chart&kept=1$/);
  assert.equal(await page.getByRole('status').innerText(), 'room-chart was uninstalled; its data is kept.');
  assert.match(await page.locator('section[aria-labelledby="apps-h"]').innerText(), /No apps installed yet/);
  assert.deepEqual(outside, [], 'the pages load nothing from outside the box');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${box.url}/login`);
  assert.equal((await page.request.get(`${box.url}/api/apps`)).status(), 401, 'the session ended');
  await context.close();
});

test('the owner revokes an app\'s export destination on its page: the next export is refused and audited, and nothing more arrives', async () => {
  const lines = await box.install({ app: 'pinger', store: store.url, bindings: {} });
  assert.ok(lines.at(-1)?.result, JSON.stringify(lines.at(-1)));
  await eventually(() => received.length >= 2, 'the receiver gets the pings', { timeoutMs: 60_000, everyMs: 250 });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${box.url}/login`);
  await page.getByLabel('Owner password').fill(OWNER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${box.url}/`);
  await page.goto(`${box.url}/apps/pinger`);
  const grant = page.locator('.grants li', { hasText: `Send data to ${receiverUrl}` });
  await grant.getByRole('button', { name: 'Revoke' }).click();
  await page.waitForURL(`${box.url}/apps/pinger?done=revoke`);
  assert.equal(await page.getByRole('status').innerText(), 'Revoked: its tokens for it no longer work.');
  assert.equal(await page.locator('.grants li').count(), 0);
  const revokedAt = Date.now();
  const arbiterGrants = (await box.running.runtime.admin.components()).find((c) => c.name === 'pinger')?.grants ?? [];
  assert.deepEqual(arbiterGrants, [], 'the arbiter no longer holds it');
  await eventually(async () => {
    const events = ((await box.api('GET', '/api/audit?app=pinger')).body as { events: { kind: string; time: number }[] }).events;
    return events.some((e) => (e.kind === 'token-refused' || e.kind === 'export-refused') && e.time >= revokedAt);
  }, 'the next export is refused, and audited', { timeoutMs: 30_000, everyMs: 500 });
  const after = received.length;
  await new Promise((resolve) => setTimeout(resolve, 3000));
  assert.equal(received.length, after, 'nothing more arrives');
  assert.equal(((await box.api('GET', '/api/apps/pinger')).body as { grants: unknown[] }).grants.length, 0, 'the box\'s own record agrees (a restart does not grant it again)');
  await page.screenshot({ path: path.join(shots, 'box-dashboard-revoked.png'), fullPage: true });
  await context.close();
});

/** Room log: the room temperature charted; 1.1.0 also sends it to the developer. */
const roomLog = (version: string, exported: boolean) => compile([
  { id: 'tab-log', type: 'tab', label: 'Room log', info: 'Charts your room temperature' },
  { id: 'log-temp', type: 'databox-datasource', z: 'tab-log', datasourceType: 'temperature', clientid: 'room', mode: 'observe', required: true, x: 100, y: 100, wires: [['log-chart', ...(exported ? ['log-out'] : [])]] },
  { id: 'log-chart', type: 'databox-chart', z: 'tab-log', label: 'Room (°C)', chart: 'line', unit: '°C', points: 60, x: 300, y: 100, wires: [] },
  ...(exported ? [{ id: 'log-out', type: 'databox-export', z: 'tab-log', name: 'to the developer', url: `${receiverUrl}-room`, description: 'each room reading', x: 300, y: 160, wires: [[]] }] : []),
], undefined, { name: 'room-log', version, author: 'tests', license: 'MIT' });

test('the owner updates an app from its page, is asked again for what it adds, and rolls it back in one click', { timeout: 240_000 }, async () => {
  await store.publish(roomLog('1.0.0', false));
  assert.ok((await box.install({ app: 'room-log', store: store.url, bindings: { room: 'temperature' } })).at(-1)?.result);
  await store.publish(roomLog('1.1.0', true));
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${box.url}/login`);
  await page.getByLabel('Owner password').fill(OWNER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${box.url}/`);
  await page.goto(`${box.url}/apps/room-log`);
  assert.match(await page.locator('section[aria-labelledby="version-h"]').innerText(), /Room log 1\.1\.0 is in its store\./);
  await page.getByRole('link', { name: 'Review the update' }).click();
  await page.waitForURL(`${box.url}/apps/room-log/update`);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Update Room log: 1.0.0 to 1.1.0?');
  const more = await page.locator('section.asks-more').innerText();
  assert.match(more, /It asks for more than 1\.0\.0/);
  assert.ok(more.includes(`${receiverUrl}-room`), more);
  await page.screenshot({ path: path.join(shots, 'box-dashboard-update-review.png'), fullPage: true });

  // Not without the owner's yes: the browser holds the form, and the box would refuse it anyway.
  await page.getByRole('button', { name: 'Update to 1.1.0' }).click();
  assert.equal(await page.locator('#progress-section').isHidden(), true, 'nothing was sent');
  const forced = await page.request.post(`${box.url}/api/apps/room-log/update`, { data: { version: '1.1.0' } });
  assert.equal(forced.status(), 409);
  assert.equal(((await forced.json()) as { error: { code: string } }).error.code, 'update-needs-consent');
  await page.getByLabel('I allow Room log 1.1.0 to do what it asks for more').check();
  await page.getByRole('button', { name: 'Update to 1.1.0' }).click();
  await page.locator('#outcome.done').waitFor({ timeout: 120_000 });
  assert.match(await page.locator('#outcome').innerText(), /^Updated: Room log 1\.1\.0 is running\./);
  assert.ok((await page.locator('#progress li').allInnerTexts()).includes('room-log: updating 1.0.0 -> 1.1.0'));
  await page.screenshot({ path: path.join(shots, 'box-dashboard-updated.png'), fullPage: true });
  assert.ok(((await box.api('GET', '/api/apps/room-log')).body as { grants: { destination?: string }[] }).grants.some((g) => g.destination === `${receiverUrl}-room`));

  await page.goto(`${box.url}/apps/room-log`);
  assert.match(await page.locator('#rollback').innerText(), /1\.0\.0 is kept, with its data as it was at the update \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)\. Rolling back brings it back as it was; what 1\.1\.0 wrote since is lost\./);
  await page.screenshot({ path: path.join(shots, 'box-dashboard-rollback.png'), fullPage: true });
  await page.getByRole('button', { name: 'Roll back to 1.0.0' }).click();
  await page.locator('#outcome.done').waitFor({ timeout: 120_000 });
  assert.match(await page.locator('#outcome').innerText(), /^Rolled back: Room log 1\.0\.0 is running\./);
  const back = (await box.api('GET', '/api/apps/room-log')).body as { version: string; grants: { destination?: string }[] };
  assert.deepEqual([back.version, back.grants.some((g) => g.destination)], ['1.0.0', false]);
  await page.goto(`${box.url}/audit?app=room-log&period=day`);
  const kinds = await page.locator('table.timeline tbody td:nth-child(3)').allInnerTexts();
  for (const kind of ['update', 'rollback']) assert.ok(kinds.includes(kind), `${kind} is in the timeline: ${kinds.join(', ')}`);
  await context.close();
  await box.api('DELETE', '/api/apps/room-log?delete-data=true');
});

test('a tampered install request (a manifest and grants sent with it) changes nothing: the box grants what the verified bundle asks', async () => {
  const tampered = {
    app: 'room-chart', store: store.url, bindings: { room: 'temperature' },
    manifest: { name: 'room-chart', datasources: [{ clientid: 'all', type: 'loadavg1' }], 'export-whitelist': [{ url: 'https://evil.example/in', description: 'x' }] },
    grants: [{ target: 'os-monitor-store', path: '/*', method: 'GET' }, { target: 'export-service', path: '/export', method: 'POST', destination: 'https://evil.example/in' }],
  };
  const answer = await box.api('POST', '/api/install', tampered);
  assert.equal(answer.status, 200);
  const installedApp = (await box.api('GET', '/api/apps/room-chart')).body as { grants: { target: string; path: string; destination?: string }[] };
  assert.deepEqual(installedApp.grants.map((g) => `${g.target}${g.path}`).sort(), ['sensors-sim-store/ts/temperature', 'sensors-sim-store/ts/temperature/*']);
  const held = (await box.running.runtime.admin.components()).find((c) => c.name === 'room-chart')?.grants ?? [];
  assert.ok(held.every((g) => g.target === 'sensors-sim-store' && !g.destination), JSON.stringify(held));
  await box.api('DELETE', '/api/apps/room-chart?delete-data=true');
});

// Last: it leaves this address unable to sign in for a minute.
test('five wrong passwords a minute from one address, then the sign-in waits, saying so', async () => {
  const post = (password: string) => fetch(`${box.url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ password }), redirect: 'manual' });
  const seen: number[] = [];
  for (let i = 0; i < 6; i++) seen.push((await post(`wrong ${i}`)).status);
  assert.deepEqual(seen.slice(0, 5), [401, 401, 401, 401, 401]);
  const limited = await post(OWNER_PASSWORD);
  assert.equal(limited.status, 429, 'even the right password waits');
  assert.match(await limited.text(), /too many wrong passwords from here; wait a minute/);
});
