// The studio end to end, on real parts: a developer signs in through the GitHub OAuth web flow
// (a local server speaking it; the studio's passport path unchanged), opens their own Node-RED
// editor in Chromium, drags a datasource and a chart from the palette, wires and deploys them,
// and sees the preview page draw points; publishes from the studio to a real app store, whose
// lineage is the builder's. A killed workspace comes back with its flows; a restarted studio
// keeps flows and versions; a second developer reaches nothing of the first; bad deploys are
// refused with nothing stored. Screenshots go to tmp/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { compile } from '../builder/compile';
import { describePermissions } from '../core/manifest/manifest.permissions';
import { SESSION_COOKIE } from '../editor/auth/studio.auth';
import { developerId as idOf } from '../editor/db/studio.db';
import { SECRET_HEADER } from '../editor/workspace/workspace.gate';
import { launchChromium, openEditor, signIn, SCREENSHOTS, startTestStudio, type TestStudio } from './support/studio.fixture';

let fixture: TestStudio;
let browser: Browser;
let alice: BrowserContext;
let page: Page;
const outside: string[] = [];

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  fixture = await startTestStudio();
  browser = await launchChromium();
  alice = await browser.newContext({ viewport: { width: 1400, height: 850 } });
  alice.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(fixture.studio.url) && !url.startsWith(fixture.github.webUrl) && !url.startsWith('data:')) outside.push(url);
  });
});

after(async () => {
  await browser?.close();
  await fixture?.close();
});

const shot = (p: Page, name: string) => p.screenshot({ path: path.join(SCREENSHOTS, `studio-${name}.png`) });

/** The admin API of the signed-in developer's workspace, called from their page (their cookie). */
async function fromPage<T>(p: Page, method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  return p.evaluate(async ({ method, route, body }) => {
    const answer = await fetch(route, { method, headers: body === undefined ? {} : { 'content-type': 'application/json', 'Node-RED-API-Version': 'v1' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await answer.text();
    let parsed: unknown = text;
    try { parsed = JSON.parse(text); } catch { /* text */ }
    return { status: answer.status, body: parsed as T };
  }, { method, route, body });
}

async function dragFromPalette(p: Page, type: string, x: number, y: number): Promise<void> {
  const node = p.locator(`.red-ui-palette-node[data-palette-type="${type}"]`);
  await node.scrollIntoViewIfNeeded();
  const box = await node.boundingBox();
  const canvas = await p.locator('#red-ui-workspace-chart').boundingBox();
  assert.ok(box && canvas, `the palette shows ${type} and the canvas is there`);
  await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await p.mouse.down();
  await p.mouse.move(canvas.x + x, canvas.y + y, { steps: 12 });
  await p.mouse.up();
}

interface FlowNode { id: string; type: string; z?: string; wires?: string[][] }

test('a developer signs in with GitHub and gets their own editor, loading nothing from outside the studio', async () => {
  page = await signIn(alice, fixture.studio.url, 'alice');
  assert.match(await page.locator('h1').innerText(), /Hello, alice/);
  assert.ok(await page.getByText('Workspaces run as processes of this studio').isVisible(), 'the page says flow code is not isolated (process driver)');
  await shot(page, '1-home');
  await openEditor(page, fixture.studio.url);
  const categories = await page.$$eval('.red-ui-palette-header', (els) => els.map((e) => e.textContent?.trim().toLowerCase() ?? ''));
  assert.deepEqual(categories.slice(0, 5), ['data sources', 'processing', 'app ui', 'actuators', 'export'], 'Databox\'s palette categories come first');
  for (const hidden of ['exec', 'http request', 'mqtt in', 'file']) {
    assert.equal(await page.locator(`.red-ui-palette-node[data-palette-type="${hidden}"]`).count(), 0, `${hidden} is not in the palette`);
  }
  assert.match(await page.title(), /^Databox Studio: alice\b/, 'the editor says whose workspace it is');
  assert.deepEqual(outside, [], 'the editor loads nothing from outside the studio');
});

test('drag a datasource and a chart, wire and deploy: the preview page draws points', async () => {
  await dragFromPalette(page, 'databox-datasource', 200, 150);
  await dragFromPalette(page, 'databox-chart', 500, 150);
  const output = page.locator('g.red-ui-flow-node-group:has(.red-ui-flow-port-output)').first().locator('.red-ui-flow-port-output');
  const input = page.locator('g.red-ui-flow-node-group:has(.red-ui-flow-port-input)').last().locator('.red-ui-flow-port-input');
  const from = await output.boundingBox();
  const to = await input.boundingBox();
  assert.ok(from && to, 'both nodes are on the canvas with their ports');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
  await page.mouse.up();
  await shot(page, '2-wired');
  await page.locator('#red-ui-header-button-deploy').click();
  await page.waitForSelector('.red-ui-deploy-button-content:has-text("Deploy")', { timeout: 15_000 });
  const flows = await retry(async () => {
    const answer = await fromPage<FlowNode[]>(page, 'GET', '/workspace/flows');
    const datasource = answer.body.find((n) => n.type === 'databox-datasource');
    const chart = answer.body.find((n) => n.type === 'databox-chart');
    assert.ok(datasource && chart, 'both nodes are deployed');
    assert.deepEqual(datasource.wires, [[chart.id]], 'the datasource is wired to the chart');
    return answer.body;
  }, 15_000);
  assert.equal(fixture.studio.db.versions(developerId()).length, 1, 'the deploy is kept as a version');
  assert.ok(flows.length >= 3);

  const preview = await alice.newPage();
  await preview.goto(`${fixture.studio.url}/workspace/preview/`);
  await retry(async () => {
    const points = await preview.evaluate(() => {
      const charts = (window as unknown as { Chart?: { instances: Record<string, { data: { datasets: { data: unknown[] }[] } }> } }).Chart;
      return Object.values(charts?.instances ?? {}).reduce((n, c) => n + c.data.datasets.reduce((m, d) => m + d.data.length, 0), 0);
    });
    assert.ok(points >= 2, `the chart drew a line (${points} points)`);
  }, 30_000);
  await shot(preview, '3-preview');
  await preview.close();
});

const developerId = (login = 'alice'): string => idOf('github', login);

/** Retries an asserting check until it passes or the time is up (then its last failure is the test's). */
async function retry<T>(check: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

test('the Databox sidebar: the datasource and its permission sentence, an imported exec node a problem that selects it', async () => {
  await page.evaluate(() => (window as unknown as { RED: { sidebar: { show(id: string): void } } }).RED.sidebar.show('databox'));
  const flows = fixture.studio.db.flows(developerId()) as FlowNode[];
  const tab = flows.find((n) => n.type === 'tab');
  assert.ok(tab);
  const expected = describePermissions(compile(flows, tab.id, { author: 'alice' }).manifest).find((p) => p.key === 'read:loadavg1');
  assert.ok(expected);
  const sentence = page.locator('#databox-sidebar .dbx-permissions li[data-key="read:loadavg1"]');
  await sentence.waitFor({ timeout: 15_000 });
  assert.equal((await sentence.innerText()).trim(), expected.text, 'the store\'s own words, from the same code');
  await shot(page, '3a-sidebar');
  // Import an exec node (the import dialog, as a developer pastes it), then click its problem.
  await page.evaluate(() => (window as unknown as { RED: { actions: { invoke(a: string): void } } }).RED.actions.invoke('core:show-import-dialog'));
  const text = page.locator('#red-ui-clipboard-dialog-import-text');
  const active = await page.evaluate(() => (window as unknown as { RED: { workspaces: { active(): string } } }).RED.workspaces.active());
  await text.fill(JSON.stringify([{ id: 'exec1', type: 'exec', z: active, name: 'curl it', command: 'curl', addpay: '', append: '', useSpawn: 'false', timer: '', oldrc: false, x: 0, y: 0, wires: [[], [], []] }]));
  await text.press('End');
  await page.locator('#red-ui-clipboard-dialog-ok').click();
  const canvas = await page.locator('#red-ui-workspace-chart').boundingBox();
  assert.ok(canvas);
  await page.mouse.click(canvas.x + 350, canvas.y + 320);
  const problem = page.locator('#databox-sidebar .dbx-problem[data-code="node-forbidden"]');
  await problem.waitFor({ timeout: 15_000 });
  assert.match(await problem.innerText(), /"exec" nodes are not allowed in a box app/);
  const red = () => (window as unknown as { RED: { view: { select(s: unknown): void; selection(): { nodes?: { id: string }[] } }; actions: { invoke(a: string): void } } }).RED;
  await page.evaluate(`(${red.toString()})().view.select({ nodes: [] })`);
  await problem.click();
  assert.deepEqual(await page.evaluate(`((${red.toString()})().view.selection().nodes ?? []).map((n) => n.id)`), ['exec1'], 'clicking the problem selects the exec node');
  await shot(page, '3b-problem-selected');
  // The developer deletes it and deploys: the tab builds again.
  await page.evaluate(`(${red.toString()})().actions.invoke('core:delete-selection')`);
  await page.waitForFunction(() => document.querySelectorAll('#databox-sidebar .dbx-problem').length === 0, undefined, { timeout: 15_000 });
  await page.locator('#red-ui-header-button-deploy').click();
  await page.waitForFunction(() => document.querySelector('#red-ui-header-button-deploy')?.classList.contains('disabled'), undefined, { timeout: 15_000 });
});

test('the Preview sidebar draws the chart from the app\'s own page', async () => {
  await page.evaluate(() => (window as unknown as { RED: { sidebar: { show(id: string): void } } }).RED.sidebar.show('databox-preview'));
  const frame = page.frameLocator('#databox-preview-frame');
  await frame.locator('canvas').first().waitFor({ timeout: 30_000 });
  const handle = await page.locator('#databox-preview-frame').elementHandle();
  const content = await handle?.contentFrame();
  assert.ok(content, 'the preview frame has a document');
  await retry(async () => {
    const points = await content.evaluate(() => {
      const charts = (window as unknown as { Chart?: { instances: Record<string, { data: { datasets: { data: unknown[] }[] } }> } }).Chart;
      return Object.values(charts?.instances ?? {}).reduce((n, c) => n + c.data.datasets.reduce((m, d) => m + d.data.length, 0), 0);
    });
    assert.ok(points >= 1, `the preview sidebar drew points (${points})`);
  }, 30_000);
  await shot(page, '3c-preview-sidebar');
});

test('publish from the sidebar: a real app store has the app, with the builder\'s lineage of what was deployed', async () => {
  await page.evaluate(() => (window as unknown as { RED: { sidebar: { show(id: string): void } } }).RED.sidebar.show('databox'));
  // The app's details are edited in place; the changelog goes with the publish once deployed.
  const changelog = page.locator('#dbx-field-changelog');
  await changelog.fill('First version: the host load, live.');
  await changelog.press('Tab');
  await page.locator('#red-ui-header-button-deploy').click();
  await retry(async () => {
    const flows = fixture.studio.db.flows(developerId()) as FlowNode[];
    assert.ok(!flows.some((n) => n.type === 'exec'), 'the fixed flow is deployed');
    assert.ok(JSON.stringify(flows).includes('First version: the host load, live.'), 'with its changelog');
  }, 15_000);
  const flows = fixture.studio.db.flows(developerId()) as FlowNode[];
  const tab = flows.find((n) => n.type === 'tab');
  assert.ok(tab);
  await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('#databox-sidebar button.dbx-publish')?.disabled, undefined, { timeout: 15_000 });
  await page.locator('#databox-sidebar button.dbx-publish').click();
  const link = page.locator('#databox-sidebar .dbx-result .dbx-done a');
  await link.waitFor({ timeout: 30_000 });
  assert.ok((await page.locator('#databox-sidebar .dbx-progress li').allTextContents()).some((line) => /Signed with/.test(line)), 'the studio\'s progress was streamed to the sidebar');
  const expected = compile(flows, tab.id, { author: 'alice' });
  assert.equal(await link.getAttribute('href'), `${fixture.store.url}/apps/${expected.manifest.name}`);
  await shot(page, '3d-published');
  const detail = await (await fetch(`${fixture.store.url}/api/apps/${expected.manifest.name}`)).json() as { owner?: string };
  assert.equal(detail.owner, 'alice', 'the store knows the developer by their GitHub login');
  const version = await (await fetch(`${fixture.store.url}/api/apps/${expected.manifest.name}/${expected.manifest.version}`)).json() as { manifest: { lineage: unknown } };
  assert.deepEqual(version.manifest.lineage, expected.manifest.lineage, 'the store\'s lineage is the builder\'s');
  const listed = await (await fetch(`${fixture.store.url}/api/apps/${expected.manifest.name}`)).json() as { versions: { version: string; changelog?: string }[] };
  assert.equal(listed.versions[0]?.changelog, 'First version: the host load, live.', 'the changelog reached the store');
  const versions = await fromPage<{ versions: { version: string; url: string }[] }>(page, 'GET', `/studio/api/apps/${expected.manifest.name}/versions`);
  assert.equal(versions.body.versions[0]?.version, expected.manifest.version);
});

test('bad deploys are refused with a clear message, and nothing is stored', async () => {
  const before = fixture.studio.db.versions(developerId()).length;
  const notJson = await page.evaluate(async () => {
    const answer = await fetch('/workspace/flows', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    return { status: answer.status, body: await answer.json() as { error: { code: string; message: string } } };
  });
  assert.equal(notJson.status, 400);
  assert.equal(notJson.body.error.code, 'flows-not-json');
  const notAFlow = await fromPage<{ error: { code: string; message: string } }>(page, 'POST', '/workspace/flows', [{ hello: 'world' }]);
  assert.equal(notAFlow.status, 400);
  assert.match(notAFlow.body.error.message, /not a node with a string "id" and "type"/);
  const huge = await page.evaluate(async () => {
    const answer = await fetch('/workspace/flows', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ id: 'a', type: 'comment', info: 'x'.repeat(6 * 1024 * 1024) }]) });
    return { status: answer.status, body: await answer.json() as { error: { code: string } } };
  });
  assert.equal(huge.status, 413);
  assert.equal(huge.body.error.code, 'flows-too-large');
  assert.equal(fixture.studio.db.versions(developerId()).length, before, 'no version was stored');
  assert.ok(fixture.studio.db.flows(developerId()).some((n) => (n as FlowNode).type === 'databox-chart'), 'the deployed flow is intact');
});

test('a second developer reaches nothing of the first one\'s workspace, by any URL or forged cookie', async () => {
  const bobContext = await browser.newContext();
  await signIn(bobContext, fixture.studio.url, 'bob');
  // Bob's own requests, with his session cookie (the browser context's).
  const bob = (route: string, headers: Record<string, string> = {}) => bobContext.request.get(`${fixture.studio.url}${route}`, { headers });
  const bobFlows = await bob('/workspace/flows');
  assert.equal(bobFlows.status(), 200);
  assert.ok(!(await bobFlows.json() as FlowNode[]).some((n) => n.type === 'databox-chart'), 'bob sees his own (empty) flows, not alice\'s');
  const versions = await (await bob('/studio/api/versions')).json() as { versions: unknown[] };
  assert.deepEqual(versions.versions, [], 'nor her versions');
  const aliceEntry = fixture.studio.manager.running(developerId());
  assert.ok(aliceEntry, 'alice\'s workspace runs');
  // The editor page the studio renders is the one her Node-RED renders, but for the files' ?v= (its instance id).
  const withoutVersion = (page: string) => page.replace(/\?v=[0-9a-f]{12}"/g, '"');
  const ownPage = await (await fetch(`${aliceEntry.running.target}/workspace/`, { headers: { [SECRET_HEADER]: aliceEntry.gateSecret } })).text();
  const studioPage = await (await alice.request.get(`${fixture.studio.url}/workspace/`)).text();
  assert.match(ownPage, /<title>Databox Studio: alice<\/title>/);
  assert.equal(withoutVersion(studioPage), withoutVersion(ownPage));
  assert.match(await (await bob('/workspace/')).text(), /<title>Databox Studio: bob<\/title>/, 'and bob gets his own');
  // Straight to alice's workspace port, without the gate secret: refused.
  const direct = await fetch(`${aliceEntry.running.target}/workspace/flows`);
  assert.equal(direct.status, 403);
  const wrongSecret = await fetch(`${aliceEntry.running.target}/workspace/flows`, { headers: { [SECRET_HEADER]: 'x'.repeat(43) } });
  assert.equal(wrongSecret.status, 403);
  // A browser's own secret header is replaced by the proxy, never passed on.
  const forgedHeader = await bob('/workspace/flows', { [SECRET_HEADER]: aliceEntry.gateSecret });
  assert.ok(!(await forgedHeader.json() as FlowNode[]).some((n) => n.type === 'databox-chart'), 'even alice\'s secret gets bob only his own workspace');
  // Without a session, or with a forged one: 401, for HTTP and the editor's WebSocket.
  const anonymous = await fetch(`${fixture.studio.url}/workspace/flows`, { headers: { accept: 'application/json' } });
  assert.equal(anonymous.status, 401);
  const forged = await fetch(`${fixture.studio.url}/workspace/flows`, { headers: { accept: 'application/json', cookie: `${SESSION_COOKIE}=s%3Aforged.bad` } });
  assert.equal(forged.status, 401);
  // Node-RED's editor files, which the studio serves itself, need a session too.
  assert.equal((await fetch(`${fixture.studio.url}/workspace/red/red.min.js`, { headers: { accept: 'application/json' } })).status, 401);
  const comms = (cookie?: string) => new Promise<number>((resolve) => {
    const socket = new WebSocket(`${fixture.studio.url.replace('http', 'ws')}/workspace/comms`, { headers: { origin: fixture.studio.url, ...(cookie ? { cookie } : {}) } });
    socket.on('open', () => { socket.close(); resolve(101); });
    socket.on('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0); });
    socket.on('error', () => resolve(-1));
  });
  assert.equal(await comms(), 401, 'no editor WebSocket without a session');
  assert.equal(await comms(`${SESSION_COOKIE}=s%3Aforged.bad`), 401, 'nor with a forged cookie');
  const bobCookie = (await bobContext.cookies()).find((c) => c.name === SESSION_COOKIE);
  assert.ok(bobCookie);
  assert.equal(await comms(`${SESSION_COOKIE}=${bobCookie.value}`), 101, 'bob\'s session opens his own editor\'s WebSocket');
  // The internal storage API answers no token but a running workspace's own.
  await bobContext.close();
});

test('a killed workspace comes back on the next request with its flows; a restarted studio keeps flows and versions', async () => {
  const entry = fixture.studio.manager.running(developerId());
  assert.ok(entry?.running.pid);
  process.kill(entry.running.pid, 'SIGKILL');
  await entry.running.ended;
  const back = await fromPage<FlowNode[]>(page, 'GET', '/workspace/flows');
  assert.equal(back.status, 200);
  assert.ok(back.body.some((n) => n.type === 'databox-chart'), 'the deployed flow is back');
  assert.notEqual(fixture.studio.manager.running(developerId())?.running.pid, entry.running.pid, 'a new process');
  assert.ok(fixture.log.some((l) => /workspace of alice exited with SIGKILL; the next request starts it again/.test(l)));

  const versions = fixture.studio.db.versions(developerId()).length;
  await fixture.restart();
  await openEditor(page, fixture.studio.url);
  const after = await fromPage<FlowNode[]>(page, 'GET', '/workspace/flows');
  assert.ok(after.body.some((n) => n.type === 'databox-chart'), 'flows survive a studio restart (and the session too)');
  assert.equal(fixture.studio.db.versions(developerId()).length, versions);
  await shot(page, '4-after-restart');
});

test('every deploy is a version the developer sees on their page and can deploy again', async () => {
  const first = fixture.studio.db.version(developerId(), 1) as FlowNode[];
  const changed = [...first, { id: 'note-1', type: 'comment', z: first.find((n) => n.type === 'tab')?.id, name: 'second thoughts' }];
  assert.equal((await fromPage(page, 'POST', '/workspace/flows', changed)).status, 204);
  const home = await alice.newPage();
  await home.goto(`${fixture.studio.url}/`);
  await home.getByRole('button', { name: 'Deploy version 1 again' }).click();
  await home.waitForURL(/\?restored=1$/);
  assert.ok(await home.getByText('Version 1 is deployed again (as a new version).').isVisible());
  await shot(home, '5-versions');
  const versions = fixture.studio.db.versions(developerId());
  assert.equal(versions[0]?.note, 'restored version 1', 'the restore is itself a version, saying what it was');
  const now = await fromPage<FlowNode[]>(page, 'GET', '/workspace/flows');
  assert.ok(!now.body.some((n) => n.id === 'note-1'), 'the workspace runs version 1 again');
  await home.close();
});

test('preview replays a CSV the developer uploads for a data source; a CSV with bad rows is refused, naming them', async () => {
  const home = await alice.newPage();
  await home.goto(`${fixture.studio.url}/`);
  await home.getByLabel('Data source').selectOption('loadavg1');
  await home.getByLabel('CSV file').setInputFiles({ name: 'load.csv', mimeType: 'text/csv', buffer: Buffer.from('timestamp,value\n2026-12-01T10:00:00Z,0.5\n2026-12-01T10:01:00Z,abc\n') });
  await home.getByRole('button', { name: 'Upload' }).click();
  await home.waitForLoadState();
  const alert = await home.getByRole('alert').innerText();
  assert.match(alert, /line 3: "abc" is not a number/);
  assert.match(alert, /Nothing was stored/);
  assert.deepEqual(fixture.studio.db.replays(developerId()), []);

  await home.getByLabel('Data source').selectOption('loadavg1');
  await home.getByLabel('CSV file').setInputFiles({ name: 'load.csv', mimeType: 'text/csv', buffer: Buffer.from('value\n42\n43\n44\n') });
  await home.getByRole('button', { name: 'Upload' }).click();
  await home.waitForLoadState();
  assert.match(await home.getByRole('status').last().innerText(), /replays your 3 loadavg1 readings/);
  await shot(home, '6-preview-data');
  await home.goto(`${fixture.studio.url}/workspace/preview/`);
  await retry(async () => {
    const values = await home.evaluate(() => {
      const charts = (window as unknown as { Chart?: { instances: Record<string, { data: { datasets: { data: ({ y: number } | number)[] }[] } }> } }).Chart;
      return Object.values(charts?.instances ?? {}).flatMap((c) => c.data.datasets.flatMap((d) => d.data.map((p) => (typeof p === 'number' ? p : p.y))));
    });
    assert.ok(values.length >= 2 && values.every((v) => v === 42 || v === 43 || v === 44), `the chart draws the uploaded readings: ${values.join(', ')}`);
  }, 30_000);
  await home.close();
});

test('the function node\'s code editor is Monaco, served by the studio', async () => {
  // A second editor page of the same developer, after their workspace restarted for the CSV:
  // this once stuck at "Loading Plugins" (a kept proxy connection closed under its request).
  const other = await alice.newPage();
  await openEditor(other, fixture.studio.url);
  // Once the deployed flows are in the editor (an import before would be replaced by them).
  await other.waitForFunction(() => {
    const red = (window as unknown as { RED?: { workspaces: { active(): string }; nodes: { workspace(id: string): unknown } } }).RED;
    return Boolean(red?.workspaces.active() && red.nodes.workspace(red.workspaces.active()));
  }, undefined, { timeout: 30_000 });
  await other.evaluate(() => {
    const red = (window as unknown as { RED: { view: { importNodes(n: unknown[]): void }; nodes: { node(id: string): unknown }; editor: { edit(n: unknown): void } } }).RED;
    red.view.importNodes([{ id: 'fn-monaco', type: 'function', name: 'scale', func: 'return msg;', outputs: 1, x: 300, y: 400, wires: [[]] }]);
    red.editor.edit(red.nodes.node('fn-monaco'));
  });
  await other.locator('.red-ui-editor .monaco-editor').first().waitFor({ state: 'attached', timeout: 30_000 }).catch(async (error: unknown) => {
    await shot(other, '1b-monaco-failed');
    throw error;
  });
  await shot(other, '1b-monaco');
  assert.deepEqual(outside, [], 'Monaco came from the studio, nothing from outside');
  await other.close();
});
