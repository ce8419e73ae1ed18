// The Databox editor plugins in a real Node-RED 4.1 editor in real Chromium (the test
// workspace: test-support/workspace.child.ts, built plugins and nodes from dist/): a datasource
// dragged from the palette shows with its permission sentence; an imported exec node is a
// problem whose click selects it; the app's details edit the tab through the editor's history;
// after a deploy the Preview tab draws the chart on the app's own page and lists what the
// export would have sent; Build and Publish stream the studio's progress (its contract
// answered by test-support/studio-contract.stub.ts) and failures read as messages.
// Screenshots: tmp/screenshots/studio-*.png.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { STUB_STORE_URL } from './test-support/studio-contract.stub';
import { startWorkspace, type TestWorkspace } from './test-support/workspace.harness';
import { openEditorAt } from '../../test/support/studio.fixture';

const SHOTS = path.resolve(__dirname, '..', '..', 'tmp', 'screenshots');
const TAB = { id: 'tab1', type: 'tab', label: 'Load watch', disabled: false, info: '' };
const WAIT = { timeout: Number(process.env.DATABOX_TEST_WAIT_MS ?? 30_000) };

let workspace: TestWorkspace;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const requested: string[] = [];

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  workspace = await startWorkspace({ flows: [TAB], studioStub: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', (request) => requested.push(request.url()));
  // Reloaded if Chromium lost a part of it to a network change (test/README.md).
  await openEditorAt(page, workspace.url);
  // The editor is ready once its loading bar is gone (it then shows its first sidebar tab itself).
  await page.waitForFunction(() => document.querySelector('#databox-sidebar') !== null && document.querySelector('#databox-preview') !== null
    && document.querySelector<HTMLElement>('.red-ui-header-toolbar')?.offsetParent !== null
    && document.querySelector<HTMLElement>('#red-ui-loading-progress')?.offsetParent === null
    && document.querySelector('#red-ui-palette .red-ui-palette-node[data-palette-type="databox-datasource"]') !== null, undefined, WAIT);
  await showTab('databox', '#databox-sidebar');
  await page.evaluate(() => {
    // Wide enough to read in a screenshot.
    $('#red-ui-sidebar-separator').css('right', 520);
    $('#red-ui-sidebar').width(520);
    $('#red-ui-workspace').css('right', 527);
    RED.events.emit('sidebar:resize');
  });
});

// The editor as the last test left it, for a failure's reader.
afterEach(async () => { await page?.screenshot({ path: path.join(SHOTS, 'studio-last.png') }).catch(() => undefined); });

after(async () => {
  await browser?.close();
  await workspace?.stop();
});

const sidebar = () => page.locator('#databox-sidebar');
const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `studio-${name}.png`) });

/** Pastes flow JSON into Import > Clipboard, then drops the nodes on the canvas as a person does. */
async function importByDialog(nodes: Record<string, unknown>[], at: { x: number; y: number }): Promise<void> {
  await page.evaluate(() => RED.actions.invoke('core:show-import-dialog'));
  const text = page.locator('#red-ui-clipboard-dialog-import-text');
  await text.fill(JSON.stringify(nodes));
  await text.press('End'); // the dialog checks the JSON on keyup
  await page.locator('#red-ui-clipboard-dialog-ok').click();
  const chart = await page.locator('#red-ui-workspace-chart').boundingBox();
  assert.ok(chart);
  await page.mouse.move(chart.x + at.x, chart.y + at.y, { steps: 5 });
  await page.mouse.click(chart.x + at.x, chart.y + at.y);
}

test('a datasource dragged from the palette appears in the Databox tab with its permission sentence', async () => {
  await assertText(sidebar().locator('.dbx-problem[data-code="tab-empty"]'), /the tab has no nodes that do anything/);
  const item = page.locator('#red-ui-palette .red-ui-palette-node[data-palette-type="databox-datasource"]');
  await item.scrollIntoViewIfNeeded();
  const from = await item.boundingBox();
  const chart = await page.locator('#red-ui-workspace-chart').boundingBox();
  assert.ok(from && chart);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(chart.x + 220, chart.y + 120, { steps: 20 });
  await page.mouse.up();
  await page.waitForFunction(() => RED.nodes.filterNodes({ type: 'databox-datasource' }).length === 1, undefined, WAIT);
  await assertText(sidebar().locator('.dbx-permissions li[data-key="read:loadavg1"]'), /^Reads your host load average over 1 minute \(loadavg1\)$/);
  assert.equal(await sidebar().locator('.dbx-problem').count(), 0, 'a tab with a datasource builds');
  await assertText(sidebar().locator('.dbx-status'), /Ready to build/);
  await shot('datasource');
});

test('an imported exec node is listed as a problem; clicking it reveals and selects the exec node', async () => {
  await importByDialog([{ id: 'exec1', type: 'exec', z: 'tab1', name: 'curl it', command: 'curl', addpay: '', append: '', useSpawn: 'false', timer: '', oldrc: false, x: 0, y: 0, wires: [[], [], []] }], { x: 420, y: 260 });
  const problem = sidebar().locator('.dbx-problem[data-code="node-forbidden"]');
  await assertText(problem, /"exec" nodes are not allowed in a box app: it runs programs in the app container/);
  await assertText(problem.locator('.dbx-node'), /curl it \(exec\)/);
  await page.evaluate(() => RED.view.select({ nodes: [] }));
  assert.deepEqual(await page.evaluate(() => RED.view.selection().nodes ?? []), []);
  await problem.click();
  assert.deepEqual(await page.evaluate(() => (RED.view.selection().nodes ?? []).map((n) => n.id)), ['exec1']);
  await shot('problem-selected');
  // The developer deletes it: the tab builds again.
  await page.evaluate(() => RED.actions.invoke('core:delete-selection'));
  await page.waitForFunction(() => document.querySelectorAll('#databox-sidebar .dbx-problem').length === 0, undefined, WAIT);
});

test('the app details edit the tab through the editor: history, dirty, undo; the builder reads them back', async () => {
  await page.evaluate(() => RED.nodes.dirty(false));
  const version = sidebar().locator('#dbx-field-version');
  await version.fill('1.2.0');
  await version.press('Tab');
  await assertText(sidebar().locator('.dbx-version'), /^load-watch 1\.2\.0$/);
  assert.equal(await page.evaluate(() => RED.nodes.dirty()), true, 'the flow is dirty, so Deploy saves the change');
  assert.deepEqual(await page.evaluate(() => RED.nodes.workspace('tab1')?.env), [{ name: 'version', value: '1.2.0', type: 'str' }]);
  await page.evaluate(() => RED.actions.invoke('core:undo'));
  assert.deepEqual(await page.evaluate(() => RED.nodes.workspace('tab1')?.env ?? []), [], 'undo takes it back');
  await assertText(sidebar().locator('.dbx-version'), /^load-watch 0\.1\.0$/);
  const name = sidebar().locator('#dbx-field-label');
  await name.fill('Load watch!');
  await name.press('Tab');
  await assertText(page.locator('#red-ui-tab-tab1'), /Load watch!/, 'the tab is renamed in the editor too');
  await assertText(sidebar().locator('.dbx-version'), /^load-watch 0\.1\.0$/);
  await name.fill('Load watch');
  await name.press('Tab');
  const changelog = sidebar().locator('#dbx-field-changelog');
  await changelog.fill('First version');
  await changelog.press('Tab');
  await page.waitForFunction(() => RED.nodes.workspace('tab1')?.env?.some((e) => e.name === 'changelog'), undefined, WAIT);
  await assertText(sidebar().locator('.dbx-note'), /Deploy first/);
  assert.equal(await sidebar().locator('button.dbx-build').isDisabled(), true, 'nothing to build until it is deployed');
});

test('after a deploy the Preview tab draws the chart on the app\'s page and lists what the export would have sent', async () => {
  await importByDialog([
    { id: 'ds2', type: 'databox-datasource', z: 'tab1', name: 'load', datasourceType: 'loadavg1', clientid: 'load', mode: 'observe', interval: 200, required: true, x: 0, y: 0, wires: [['chart1', 'exp1']] },
    { id: 'chart1', type: 'databox-chart', z: 'tab1', name: '', label: 'Load', chart: 'line', unit: '', points: 50, min: 0, max: 4, x: 240, y: 0, wires: [] },
    { id: 'exp1', type: 'databox-export', z: 'tab1', name: 'to ingest', url: 'https://example.org/ingest', description: 'the load', x: 240, y: 60, wires: [[]] },
  ], { x: 200, y: 380 });
  await assertText(sidebar().locator('.dbx-lineage li'), /^Sends your loadavg1 readings to https:\/\/example\.org\/ingest$/);
  await page.locator('#red-ui-header-button-deploy').click();
  await page.waitForFunction(() => !RED.nodes.dirty(), undefined, WAIT);
  await showTab('databox-preview', '#databox-preview');
  const app = page.frameLocator('#databox-preview-frame');
  await app.locator('#status.connected').waitFor(WAIT);
  await page.waitForFunction(() => {
    const frame = document.querySelector<HTMLIFrameElement>('#databox-preview-frame');
    const card = frame?.contentDocument?.querySelector('[data-widget="chart1"]');
    return Number(card?.getAttribute('data-points') ?? 0) > 0;
  }, undefined, WAIT);
  assert.equal(await app.locator('[data-widget="chart1"] h2').textContent(), 'Load');
  const report = page.locator('#databox-outbox li.dbx-report[data-kind="export"]').first();
  await assertText(report.locator('.dbx-target'), /^to https:\/\/example\.org\/ingest$/);
  await assertText(report.locator('.dbx-report-head a'), /^to ingest$/);
  assert.match(await report.locator('pre').textContent() ?? '', /^\d+(\.\d+)?$/, 'a load reading, as the export would have sent it');
  await shot('preview');
  // Another flow tab is another app: its outbox shows none of this tab's reports.
  const other = await page.evaluate(() => RED.workspaces.add().id);
  await assertText(page.locator('#databox-outbox li.dbx-empty'), /^Nothing yet from this tab: .*\(\d+ from other tabs not shown\)$/);
  await page.evaluate((id) => { RED.workspaces.show('tab1'); RED.workspaces.delete(RED.nodes.workspace(id)); RED.nodes.dirty(false); }, other);
  await page.locator('#databox-outbox li.dbx-report[data-kind="export"]').first().waitFor(WAIT);
  const deployed: { id: string; env?: unknown }[] = await (await fetch(`${workspace.url}flows`, { headers: { accept: 'application/json' } })).json();
  assert.deepEqual(deployed.find((n) => n.id === 'tab1')?.env, [{ name: 'changelog', value: 'First version', type: 'str' }], 'the deploy saved the details edited in the sidebar');
});

test('Build and Publish stream the studio\'s progress; the result links to the store; versions are listed', async () => {
  await showTab('databox', '#databox-sidebar');
  await assertText(sidebar().locator('.dbx-versions'), /Not published yet/);
  const build = sidebar().locator('button.dbx-build');
  await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('#databox-sidebar button.dbx-build')?.disabled, undefined, WAIT);
  await build.click();
  await assertText(sidebar().locator('.dbx-progress li').first(), /^compiling tab tab1$/);
  assert.equal(await sidebar().locator('.dbx-result').textContent(), '', 'the result waits for the stream: progress shows as it arrives');
  await release();
  await assertText(sidebar().locator('.dbx-result .dbx-done'), /Built load-watch 0\.1\.0 \(bundle aaaaaaaaaaaa\)/);
  assert.deepEqual(await sidebar().locator('.dbx-progress li').allTextContents(), ['compiling tab tab1', 'writing the bundle']);

  await sidebar().locator('#dbx-channel').selectOption('beta');
  await sidebar().locator('button.dbx-publish').click();
  await assertText(sidebar().locator('.dbx-progress li').first(), /^building$/);
  await release();
  const link = sidebar().locator('.dbx-result .dbx-done a');
  await assertText(link, /its page in the app store/);
  assert.equal(await link.getAttribute('href'), `${STUB_STORE_URL}/load-watch`);
  const listed = sidebar().locator('.dbx-versions li[data-version="0.1.0"] a');
  await assertText(listed, /^0\.1\.0$/);
  assert.equal(await listed.getAttribute('href'), `${STUB_STORE_URL}/load-watch`);
  await listed.scrollIntoViewIfNeeded();
  await shot('published');
  const requests: { method: string; path: string; body: unknown; contentType: string }[] = await (await fetch(`${workspace.origin}/studio/api/_stub/requests`)).json();
  assert.deepEqual(requests.filter((r) => r.method === 'POST').map((r) => [r.path, r.body, r.contentType]), [
    ['/build', { tab: 'tab1' }, 'application/json'], ['/publish', { tab: 'tab1', channel: 'beta' }, 'application/json']]);
  await assertText(sidebar().locator('.dbx-versions li[data-version="0.1.0"] .dbx-chip'), /^beta$/);
});

test('a studio that fails or does not answer: a message the developer can act on', async () => {
  await page.route('**/studio/api/build', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<html><h1>Bad Gateway</h1></html>' }));
  await sidebar().locator('button.dbx-build').click();
  await assertText(sidebar().locator('.dbx-result .dbx-failed'), /Building failed: the studio answered 502 Bad Gateway/);
  await page.unroute('**/studio/api/build');
  await page.route('**/studio/api/publish', (route) => route.abort('connectionrefused'));
  await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('#databox-sidebar button.dbx-publish')?.disabled, undefined, WAIT);
  await sidebar().locator('button.dbx-publish').click();
  await assertText(sidebar().locator('.dbx-result .dbx-failed'), /Publishing failed: the studio did not answer/);
  await page.route('**/studio/api/build', (route) => route.fulfill({ status: 200, contentType: 'application/x-ndjson',
    body: '{"progress":"compiling"}\n{"error":{"code":"build-refused","message":"the flow cannot be built","hint":"Fix each problem","problems":[{"code":"node-forbidden","message":"no exec","node":{"id":"ds2","type":"databox-datasource"}}]}}\n' }));
  await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('#databox-sidebar button.dbx-build')?.disabled, undefined, WAIT);
  await sidebar().locator('button.dbx-build').click();
  await assertText(sidebar().locator('.dbx-result .dbx-failed'), /build-refused the flow cannot be built/);
  await sidebar().locator('.dbx-result .dbx-problem').click();
  await sidebar().locator('.dbx-result').scrollIntoViewIfNeeded();
  assert.deepEqual(await page.evaluate(() => (RED.view.selection().nodes ?? []).map((n) => n.id)), ['ds2'], 'a refusal\'s problems select their nodes too');
  await shot('refused');
});

test('Import > Examples lists the Databox examples; the page had no script errors', async () => {
  const examples: string[] = await (await fetch(`${workspace.url}library/examples/flows/node-red-contrib-databox`, { headers: { accept: 'application/json' } })).json()
    .then((list: { fn?: string }[]) => list.map((e) => e.fn ?? '').sort());
  assert.deepEqual(examples, ['host-load-report', 'host-metrics-dashboard', 'light-follows-motion', 'temperature-alert']);
  await page.evaluate(() => RED.actions.invoke('core:show-examples-import-dialog'));
  const dialog = page.locator('.red-ui-clipboard-dialog-tab-library');
  // The library tree fills in as it loads: a click before then toggles nothing, so click until the folder opens.
  const folder = dialog.getByText('node-red-contrib-databox', { exact: true });
  const first = dialog.getByText(examples[0] ?? '', { exact: true });
  for (let attempt = 0; attempt < 5 && !(await first.isVisible()); attempt++) {
    await folder.click();
    await first.waitFor({ state: 'visible', timeout: 5000 }).catch(() => undefined);
  }
  for (const name of examples) await assertText(dialog.getByText(name, { exact: true }), new RegExp(`^${name}$`), 'listed under Import > Examples');
  await shot('examples');
  await page.locator('#red-ui-clipboard-dialog-cancel').click();
  assert.deepEqual(pageErrors, []);
});

test('Mermaid (3.5 MB) is fetched only when a description has a diagram to draw', async () => {
  const mermaid = () => requested.filter((u) => /vendor\/mermaid\/mermaid\.min\.js/.test(u));
  assert.deepEqual(mermaid(), [], 'not at editor start, nor for the Info tab\'s plain descriptions');
  await page.evaluate(() => {
    const tab = RED.nodes.workspace('tab1') as { info?: string };
    tab.info = '```mermaid\ngraph TD;\n  sensor-->box;\n```';
    RED.sidebar.show('info');
    (RED.sidebar as unknown as { info: { refresh(node: unknown): void } }).info.refresh(tab);
  });
  await page.waitForFunction(() => document.querySelector('#red-ui-sidebar .mermaid svg') !== null, undefined, WAIT);
  assert.equal(mermaid().length, 1, 'a diagram loads it, once');
  await page.evaluate(() => { (RED.nodes.workspace('tab1') as { info?: string }).info = ''; });
  await showTab('databox', '#databox-sidebar');
});

/** Shows a sidebar tab as the View menu does, and waits until its content is in view. */
async function showTab(id: string, content: string): Promise<void> {
  await page.evaluate((tab) => RED.sidebar.show(tab), id);
  await page.waitForFunction((selector) => document.querySelector<HTMLElement>(selector)?.offsetParent !== null, content, WAIT);
}

async function release(): Promise<void> {
  const answer = await fetch(`${workspace.origin}/studio/api/_stub/release`, { method: 'POST' });
  assert.equal(answer.status, 200);
}

async function assertText(locator: ReturnType<Page['locator']>, pattern: RegExp, message?: string): Promise<void> {
  // The sidebar redraws its parts: each try finds the element again.
  const deadline = Date.now() + WAIT.timeout;
  let seen: string | null = null;
  for (;;) {
    seen = await locator.first().textContent({ timeout: 1000 }).catch(() => null);
    if (seen !== null && pattern.test(seen) && await locator.first().isVisible()) return;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const around = await page.locator('#databox-sidebar').textContent().catch(() => '');
  await page.screenshot({ path: path.join(SHOTS, 'studio-failed.png') }).catch(() => undefined);
  throw new Error(`${message ?? 'text'}: waited ${WAIT.timeout} ms for ${pattern} in ${locator.toString()} (visible), saw ${JSON.stringify(seen)}\n`
    + `the Databox tab said: ${around?.slice(0, 600)}\npage errors: ${JSON.stringify(pageErrors)}\nworkspace log:\n${workspace.log().slice(-2000)}`);
}

/** The editor's globals as page.evaluate sees them: only what this test calls. */
interface EditorGlobal {
  sidebar: { show(id: string): void };
  nodes: {
    dirty(value?: boolean): boolean;
    workspace(id: string): { env?: { name: string; value: unknown; type?: string }[] } | null;
    filterNodes(filter: { type: string }): { id: string }[];
  };
  view: { select(selection: { nodes: unknown[] }): void; selection(): { nodes?: { id: string }[] } };
  actions: { invoke(name: string): void };
  events: { emit(event: string): void };
  workspaces: { add(): { id: string }; show(id: string): void; delete(workspace: unknown): void };
}
declare const RED: EditorGlobal;
declare const $: (selector: string) => { css(name: string, value: number): unknown; width(value: number): unknown };
