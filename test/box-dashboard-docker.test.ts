// The owner's whole way through the dashboard, in a real Chromium, against a box with the docker
// driver (every app in its own container) and a real app store, with apps the real builder made
// from a flow: sign in; add the store; install an app, binding a data source; open its page and
// see its chart draw real readings; see its reads and exports in the audit view; a version that
// adds an export: update, asked again; roll back; revoke an export destination and see the next
// export refused and audited; uninstall keeping its data, install again and find the data. Each
// step's screenshot is saved in tmp/screenshots/journey-box-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { chromium, type Browser, type Page } from 'playwright-core';
import { compile } from '../builder/compile';
import { watchAppPage } from './support/app-page';
import { asReader } from './support/box-reader';
import type { Receiver } from './support/box-control.fixture';
import { removeTestBoxObjects } from './support/docker-cleanup';
import { eventually } from './support/eventually';
import { startOutsideReceiver } from './support/outside-receiver';
import { OWNER_PASSWORD, startTestBox, startTestStore, type TestBox, type TestStore } from './support/personal-box.fixture';

const docker = new Docker();
const dir = mkdtempSync(path.join(tmpdir(), 'box-dashboard-docker-'));
const shots = path.resolve(__dirname, '..', 'tmp', 'screenshots');
let store: TestStore;
let box: TestBox;
let browser: Browser;
let page: Page;
let boxId = '';
let receiver = '';
let endpoint: Receiver | undefined;
let step = 0;

const shot = async (name: string): Promise<void> => {
  step += 1;
  await page.screenshot({ path: path.join(shots, `journey-box-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
};

/** What a developer wires in the studio: the room temperature charted, kept, and sent on; 1.1.0 also sends a daily note. */
const roomFlows = (version: string) => {
  const z = 'tab-room';
  const more = version !== '1.0.0';
  return compile([
    { id: z, type: 'tab', label: 'Room watch', info: 'Charts your room temperature, keeps it, and sends each reading to the developer' },
    { id: 'temp', type: 'databox-datasource', z, datasourceType: 'temperature', clientid: 'room', mode: 'observe', required: true, x: 100, y: 100, wires: [['chart', 'keep', 'out', ...(more ? ['note'] : [])]] },
    { id: 'chart', type: 'databox-chart', z, label: 'Room (°C)', chart: 'line', unit: '°C', points: 60, x: 300, y: 60, wires: [] },
    { id: 'keep', type: 'databox-store', z, datasourceId: 'readings', operation: 'write', x: 300, y: 120, wires: [[]] },
    { id: 'out', type: 'databox-export', z, name: 'to the developer', url: `${receiver}/room`, description: 'each room reading', x: 300, y: 180, wires: [[]] },
    ...(more ? [{ id: 'note', type: 'databox-export', z, name: 'a note', url: `${receiver}/note`, description: 'each reading, as a note', x: 300, y: 240, wires: [[]] }] : []),
  ], undefined, { name: 'room-watch', version, author: 'tests', license: 'MIT' });
};

/** How many readings room-watch kept in its own datastore. */
const kept = async (): Promise<number> => {
  const answer = await asReader(box.running.runtime, { target: 'room-watch-store', path: '/ts/readings/length', method: 'GET' });
  assert.equal(answer.status, 200, await answer.clone().text());
  return Number(((await answer.json()) as { result: number }).result);
};
const auditOf = async (query: string): Promise<{ kind: string; destination?: string; time: number }[]> => {
  await box.running.runtime.audit?.flush();
  return ((await box.api('GET', `/api/audit?app=room-watch&${query}`)).body as { events: { kind: string; destination?: string; time: number }[] }).events;
};
const streamDone = async (): Promise<string> => {
  await page.locator('#outcome.done, #outcome.error').waitFor({ timeout: 240_000 });
  return page.locator('#outcome').innerText();
};

before(async () => {
  store = await startTestStore(dir);
  box = await startTestBox({ dataDir: path.join(dir, 'box'), driver: 'docker', stores: [] });
  boxId = box.running.runtime.db.meta('box-id') ?? '';
  // The developer's receiver, outside the box: the export service reaches it through its way out.
  endpoint = await startOutsideReceiver(docker, boxId);
  receiver = endpoint.url;
  await store.publish(roomFlows('1.0.0'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  page = await (await browser.newContext({ viewport: { width: 1100, height: 800 } })).newPage();
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await box?.close().catch(() => undefined);
  await endpoint?.close();
  await store?.close();
  await removeTestBoxObjects(docker, boxId);
  rmSync(dir, { recursive: true, force: true });
});

test('the owner signs in, adds the store, reviews and installs an app built from a flow, and sees its chart draw', { timeout: 300_000 }, async () => {
  await page.goto(`${box.url}/`);
  await page.getByLabel('Owner password').fill(OWNER_PASSWORD);
  await shot('sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${box.url}/`);
  assert.match(await page.locator('body').innerText(), /each app runs in its own container/);
  await page.getByRole('link', { name: 'App stores' }).click();
  await page.getByLabel('App store URL').fill(store.url);
  await page.getByRole('button', { name: 'Add store' }).click();
  await page.waitForURL(`${box.url}/stores`);
  await page.getByLabel('Search apps and drivers').fill('room');
  await page.getByRole('button', { name: 'Search' }).click();
  await shot('store');
  await page.locator('li.store-app[data-app="room-watch"]').getByRole('link').click();
  await page.waitForURL(/\/install\?/);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Install Room watch 1.0.0?');
  assert.ok((await page.locator('section[aria-labelledby="goes-h"]').innerText()).includes(`${receiver}/room`), 'where the readings can go');
  assert.equal(await page.getByLabel('room: temperature').inputValue(), 'temperature');
  await shot('review');
  await page.getByRole('button', { name: 'Install' }).click();
  assert.match(await streamDone(), /^Installed: Room watch 1\.0\.0 is running\./);
  assert.ok((await page.locator('#progress li').allInnerTexts()).some((l) => l.startsWith('room-watch: ')), 'the image build was shown');
  await shot('installed');
  const appPage = watchAppPage(page);
  await page.getByRole('link', { name: 'Open Room watch' }).click();
  await page.waitForURL(`${box.url}/room-watch/ui/`);
  await appPage.charted({ logs: async () => String((await box.api('GET', '/api/apps/room-watch/logs')).body) });
  await shot('app-chart');
});

test('the audit view shows its reads and its exports', { timeout: 120_000 }, async () => {
  await eventually(async () => (await auditOf('kind=export-delivered')).some((e) => e.destination === `${receiver}/room`), 'an export was delivered', { timeoutMs: 60_000, everyMs: 500 });
  await page.goto(`${box.url}/audit?app=room-watch&period=day`);
  const summary = await page.locator('.summary li[data-component="room-watch"]').innerText();
  assert.ok(summary.includes(`to ${receiver}/room`), summary);
  const kinds = await page.locator('table.timeline tbody td:nth-child(3)').allInnerTexts();
  for (const kind of ['token-mint', 'export-delivered']) assert.ok(kinds.includes(kind), `${kind} in ${kinds.join(', ')}`);
  await shot('audit');
});

test('a version that adds an export: the owner is asked again, updates, then rolls back in one click', { timeout: 400_000 }, async () => {
  await store.publish(roomFlows('1.1.0'));
  await page.goto(`${box.url}/apps/room-watch`);
  await page.getByRole('link', { name: 'Review the update' }).click();
  await page.waitForURL(`${box.url}/apps/room-watch/update`);
  assert.ok((await page.locator('section.asks-more').innerText()).includes(`${receiver}/note`));
  await shot('update-review');
  await page.getByLabel('I allow Room watch 1.1.0 to do what it asks for more').check();
  await page.getByRole('button', { name: 'Update to 1.1.0' }).click();
  assert.match(await streamDone(), /^Updated: Room watch 1\.1\.0 is running\./);
  await shot('updated');
  await eventually(() => (endpoint?.got ?? []).some((r) => r.path === '/note'), 'the new destination gets readings', { timeoutMs: 60_000, everyMs: 250 });
  await page.goto(`${box.url}/apps/room-watch`);
  await page.getByRole('button', { name: 'Roll back to 1.0.0' }).click();
  assert.match(await streamDone(), /^Rolled back: Room watch 1\.0\.0 is running\./);
  await shot('rolled-back');
  const grants = ((await box.api('GET', '/api/apps/room-watch')).body as { grants: { destination?: string }[] }).grants;
  assert.deepEqual(grants.flatMap((g) => (g.destination ? [g.destination] : [])), [`${receiver}/room`], 'the note destination went with 1.1.0');
});

test('the owner revokes the export destination: the next export is refused and audited', { timeout: 120_000 }, async () => {
  await page.goto(`${box.url}/apps/room-watch`);
  await page.locator('.grants li', { hasText: `Send data to ${receiver}/room` }).getByRole('button', { name: 'Revoke' }).click();
  await page.waitForURL(`${box.url}/apps/room-watch?done=revoke`);
  const revokedAt = Date.now();
  await eventually(async () => (await auditOf('')).some((e) => (e.kind === 'token-refused' || e.kind === 'export-refused') && e.time >= revokedAt), 'the next export is refused, and audited', { timeoutMs: 60_000, everyMs: 500 });
  await page.goto(`${box.url}/audit?app=room-watch&period=hour`);
  const kinds = await page.locator('table.timeline tbody td:nth-child(3)').allInnerTexts();
  assert.ok(kinds.some((k) => k === 'token-refused' || k === 'export-refused'), kinds.join(', '));
  await shot('revoked-audit');
});

test('uninstalled keeping its data, installed again, it finds its data', { timeout: 300_000 }, async () => {
  const before = await kept();
  assert.ok(before > 0, 'it kept readings');
  await page.goto(`${box.url}/apps/room-watch`);
  await page.getByRole('button', { name: 'Uninstall Room watch' }).click();
  await page.waitForURL(/\/\?removed=room-watch&kept=1$/);
  await shot('uninstalled');
  await page.goto(`${box.url}/install?${new URLSearchParams({ store: store.url, app: 'room-watch' })}`);
  await page.getByRole('button', { name: 'Install' }).click();
  assert.match(await streamDone(), /^Installed: Room watch 1\.1\.0 is running\./);
  await shot('installed-again');
  assert.ok(await kept() >= before, 'the readings it kept are there again');
});
