// The whole story in real Chromium, all real parts, as `databox up` runs them (stack/up.ts): a
// developer signs in to the studio through GitHub's OAuth web flow (a local server speaking
// it), starts from the host load report example, points its export at their endpoint, deploys
// and sees the preview draw, and publishes; the box's owner signs in, installs the app from the
// store after the permission review (docker driver: the app in its own container), opens its
// page and sees real os-monitor readings drawn; its export reaches the developer's endpoint and
// shows in the audit view. Each step's screenshot: tmp/screenshots/journey-*.png (the README's
// tutorial shows them).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import type { Browser, Page } from 'playwright-core';
import { startFakeGithub, type FakeGithub } from '../store-app/testing/fake-github.server';
import { startStack, type RunningStack } from '../stack/up';
import { watchAppPage } from './support/app-page';
import type { Receiver } from './support/box-control.fixture';
import { removeTestBoxObjects } from './support/docker-cleanup';
import { eventually } from './support/eventually';
import { startOutsideReceiver } from './support/outside-receiver';
import { OWNER_PASSWORD, TEST_LABELS } from './support/personal-box.fixture';
import { launchChromium, openEditor, ROOT, SCREENSHOTS, signIn } from './support/studio.fixture';

const CLIENT_ID = 'Iv1.journey';
const CLIENT_SECRET = 'journey-client-secret';
const APP = 'host-load-report';
const docker = new Docker();
const dir = mkdtempSync(path.join(tmpdir(), 'journey-e2e-'));
let github: FakeGithub;
let stack: RunningStack;
let browser: Browser;
let developer: Page;
let owner: Page;
let endpoint: Receiver | undefined;
let receiver = '';
let boxId = '';

const shot = async (page: Page, name: string) => {
  // Node-RED's notices ("Successfully deployed") fade by themselves: the picture is taken without them.
  await page.waitForFunction(() => !Array.from(document.querySelectorAll<HTMLElement>('.red-ui-notification')).some((n) => n.offsetParent !== null), undefined, { timeout: 10_000 }).catch(() => undefined);
  await page.screenshot({ path: path.join(SCREENSHOTS, `journey-${name}.png`) });
};
const RED = () => (window as unknown as { RED: { actions: { invoke(a: string): void }; sidebar: { show(id: string): void }; view: { redraw(b: boolean): void } } }).RED;

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  github = await startFakeGithub();
  // The store checks publishers' GitHub tokens at the local GitHub, from its own config file.
  mkdirSync(path.join(dir, 'store'), { recursive: true });
  writeFileSync(path.join(dir, 'store', 'store-config.json'), JSON.stringify({ githubApiUrl: github.apiUrl }));
  stack = await startStack({
    dataDir: dir, host: '127.0.0.1', ports: { studio: 0, store: 0, box: 0 }, driver: 'docker', root: ROOT,
    github: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, webUrl: github.webUrl, apiUrl: github.apiUrl },
    password: OWNER_PASSWORD, dockerLabels: TEST_LABELS, log: () => undefined,
  });
  github.addClient(CLIENT_ID, CLIENT_SECRET, `${stack.studio.url}/auth/github/callback`);
  boxId = stack.box.runtime.db.meta('box-id') ?? '';
  // The developer's endpoint, outside the box.
  endpoint = await startOutsideReceiver(docker, `journey-${boxId}`);
  receiver = `${endpoint.url}/host-load`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await stack?.close().catch(() => undefined);
  await endpoint?.close();
  await github?.close();
  await removeTestBoxObjects(docker, boxId);
  rmSync(dir, { recursive: true, force: true });
});

test('the developer signs in to the studio and starts from the host load report example', { timeout: 180_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 850 } });
  developer = await signIn(context, stack.studio.url, 'ada');
  assert.match(await developer.locator('h1').innerText(), /Hello, ada/);
  await shot(developer, '01-studio-home');
  await openEditor(developer, stack.studio.url);
  await developer.evaluate(`(${RED.toString()})().actions.invoke('core:show-examples-import-dialog')`);
  const dialog = developer.locator('.red-ui-clipboard-dialog-tab-library');
  const folder = dialog.getByText('node-red-contrib-databox', { exact: true });
  const example = dialog.getByText(APP, { exact: true });
  // The library tree fills in as it loads: a click before then toggles nothing.
  for (let attempt = 0; attempt < 5 && !(await example.isVisible()); attempt++) {
    await folder.click();
    await example.waitFor({ state: 'visible', timeout: 5000 }).catch(() => undefined);
  }
  await example.click();
  await shot(developer, '02-example');
  await developer.locator('#red-ui-clipboard-dialog-ok').click();
  // Imported on a tab of its own: open it; its export node points at the example's endpoint.
  await developer.locator('#red-ui-workspace-tabs li.red-ui-tab', { hasText: 'Host load report' }).click();
  const exportNode = developer.locator('g.red-ui-flow-node-group', { hasText: 'to the developer' });
  await exportNode.waitFor({ timeout: 15_000 });
  await exportNode.dblclick();
  const url = developer.locator('#node-input-url');
  await url.waitFor({ timeout: 15_000 });
  await url.fill(receiver);
  await shot(developer, '03-export-url');
  await developer.locator('#node-dialog-ok').click();
});

test('deployed, the preview draws the smoothed load, and the sidebar says where readings go', { timeout: 120_000 }, async () => {
  await developer.locator('#red-ui-header-button-deploy').click();
  await developer.waitForFunction(() => document.querySelector('#red-ui-header-button-deploy')?.classList.contains('disabled'), undefined, { timeout: 30_000 });
  await developer.evaluate(`(${RED.toString()})().sidebar.show('databox-preview')`);
  const frame = await (await developer.locator('#databox-preview-frame').elementHandle())?.contentFrame();
  assert.ok(frame, 'the preview sidebar has its page');
  await frame.waitForFunction(() => Number(document.querySelector('[data-points]')?.getAttribute('data-points') ?? 0) > 1, undefined, { timeout: 60_000 });
  await shot(developer, '04-preview');
  await developer.evaluate(`(${RED.toString()})().sidebar.show('databox')`);
  const lineage = developer.locator('#databox-sidebar', { hasText: receiver });
  await lineage.waitFor({ timeout: 15_000 });
});

test('published from the sidebar to the store', { timeout: 120_000 }, async () => {
  await developer.waitForFunction(() => !document.querySelector<HTMLButtonElement>('#databox-sidebar button.dbx-publish')?.disabled, undefined, { timeout: 15_000 });
  await developer.locator('#databox-sidebar button.dbx-publish').click();
  const link = developer.locator('#databox-sidebar .dbx-result .dbx-done a');
  await link.waitFor({ timeout: 60_000 });
  assert.equal(await link.getAttribute('href'), `${stack.store.url}/apps/${APP}`);
  await shot(developer, '05-published');
  const detail = await (await fetch(`${stack.store.url}/api/apps/${APP}`)).json() as { owner: string };
  assert.equal(detail.owner, 'ada');
});

test('the owner installs it from the store after the permission review, and its page draws real os-monitor readings', { timeout: 300_000 }, async () => {
  owner = await (await browser.newContext({ viewport: { width: 1100, height: 800 } })).newPage();
  await owner.goto(`${stack.box.url}/`);
  await owner.getByLabel('Owner password').fill(OWNER_PASSWORD);
  await shot(owner, '06-box-sign-in');
  await owner.getByRole('button', { name: 'Sign in' }).click();
  await owner.waitForURL(`${stack.box.url}/`);
  await owner.getByRole('link', { name: 'App stores' }).click();
  assert.ok((await owner.locator('main').innerText()).includes(stack.store.url), 'the box already knows the store');
  await owner.getByLabel('Search apps and drivers').fill('host load');
  await owner.getByRole('button', { name: 'Search' }).click();
  await owner.locator(`li.store-app[data-app="${APP}"]`).getByRole('link').click();
  await owner.waitForURL(/\/install\?/);
  assert.ok((await owner.locator('section[aria-labelledby="goes-h"]').innerText()).includes(receiver), 'the review says where the readings go');
  assert.match(await owner.locator('p.signed').innerText(), /^signed by ada on /);
  await shot(owner, '07-review');
  await owner.getByRole('button', { name: 'Install' }).click();
  await owner.locator('#outcome.done, #outcome.error').waitFor({ timeout: 240_000 });
  assert.match(await owner.locator('#outcome').innerText(), /^Installed: Host load report 1\.0\.0 is running\./);
  await shot(owner, '08-installed');
  const appPage = watchAppPage(owner);
  await owner.getByRole('link', { name: 'Open Host load report' }).click();
  await owner.waitForURL(`${stack.box.url}/${APP}/ui/`);
  await appPage.charted({ logs: async () => (await fetch(`${stack.box.url}/api/apps/${APP}/logs`, { headers: { authorization: `Basic ${Buffer.from(`owner:${OWNER_PASSWORD}`).toString('base64')}` } })).text() });
  await shot(owner, '09-app-page');
});

test('its export reaches the developer\'s endpoint, and the owner sees it in the audit view', { timeout: 120_000 }, async () => {
  await eventually(() => (endpoint?.got ?? []).some((r) => r.path === '/host-load' && Number.isFinite(Number(r.body))), 'a smoothed reading arrived', { timeoutMs: 60_000, everyMs: 250 });
  await eventually(async () => {
    await stack.box.runtime.audit?.flush();
    await owner.goto(`${stack.box.url}/audit?app=${APP}&period=day`);
    return (await owner.locator('table.timeline tbody td:nth-child(3)').allInnerTexts()).includes('export-delivered');
  }, 'the delivered export is in the audit view', { timeoutMs: 30_000, everyMs: 1000 });
  assert.ok((await owner.locator(`.summary li[data-component="${APP}"]`).innerText()).includes(`to ${receiver}`));
  await shot(owner, '10-audit');
});
