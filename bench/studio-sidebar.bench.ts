// The Databox sidebar's manifest update after a change in a 300-node flow (the target:
// under 100 ms). The same workspace as editor/plugins/plugins.browser.test.ts: a real
// Node-RED 4.1 with its editor and the Databox plugins (test-support/workspace.harness.ts,
// dist/nodes and dist/editor/plugins), driven in Chromium.
//
// The flow: one tab of BENCH_CHAINS (default 60) chains datasource -> function -> change ->
// chart + export, 5 nodes each (300 nodes), all valid, so the sidebar shows permissions. Each
// run makes one change through the editor's own API that changes the manifest: datasource
// `ds0`'s datasourceType set (RED.nodes, an `edit` step in RED.history, `nodes:change`, the
// event the sidebar listens to) to a type no other node reads, alternating between two, and
// is timed in the page (performance.now()) from the change until the new permission's
// `li[data-key="read:<type>"]` is in the sidebar (MutationObserver), and until the next
// animation frame after it (requestAnimationFrame: when it is drawn; the figure held against
// the target). That includes the sidebar's own 50 ms debounce, the request, the builder in
// the workspace and the redraw. The server part alone: the same request the sidebar makes
// (POST <editor>/databox/manifest, the same node set and tab) timed by fetch in the page,
// between runs, with the time to make its body (createCompleteNodeSet + JSON) apart.
// 2 warm-up runs are not counted.
//
// Peer: none. No other editor shows a manifest or permissions for a flow; there is nothing to
// measure it against.
//
// Env: BENCH_RUNS (default 20); BENCH_CHAINS (default 60, 5 nodes each).
// Run: node --import tsx bench/studio-sidebar.bench.ts   (needs `npm run build` and /usr/bin/chromium)
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWorkspace, type TestWorkspace } from '../editor/plugins/test-support/workspace.harness';
import { median } from './box-bench.kit';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 20) || 20);
const CHAINS = Math.max(1, Number(process.env.BENCH_CHAINS ?? 60) || 60);
const WARMUP = 2;
const TARGET_MS = 100;
const WAIT_MS = 30_000;
const TAB = 'tab1';
// Read by the flow's datasources, in turn; ds0 then alternates between the two CHANGE_TO types.
const FLOW_TYPES = ['loadavg1', 'loadavg5', 'loadavg15', 'memory-used', 'cpu-usage', 'disk-used', 'temperature', 'humidity'];
const CHANGE_TO = ['steps', 'energy-consumption'];

const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');
const ms = (value: number): string => `${value.toFixed(1)} ms`;
const sleep = (time: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, time));

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function summary(values: readonly number[]): string {
  return `median ${ms(median(values))}, p90 ${ms(percentile(values, 90))} (min ${ms(Math.min(...values))}, max ${ms(Math.max(...values))})`;
}

/** CHAINS chains datasource -> function -> change -> chart + export on one tab, laid out in rows. */
function flow(): Record<string, unknown>[] {
  const nodes: Record<string, unknown>[] = [{ id: TAB, type: 'tab', label: 'Sidebar bench', disabled: false, info: '' }];
  for (let i = 0; i < CHAINS; i++) {
    const y = 40 + i * 60;
    const type = FLOW_TYPES[i % FLOW_TYPES.length];
    nodes.push(
      { id: `ds${i}`, type: 'databox-datasource', z: TAB, name: `source ${i}`, datasourceType: type, clientid: `source${i}`, mode: 'observe', interval: 60_000, required: true, x: 120, y, wires: [[`fn${i}`]] },
      { id: `fn${i}`, type: 'function', z: TAB, name: `scale ${i}`, func: 'msg.payload = Number(msg.payload) * 2;\nreturn msg;', outputs: 1, timeout: 0, noerr: 0, initialize: '', finalize: '', libs: [], x: 300, y, wires: [[`ch${i}`]] },
      { id: `ch${i}`, type: 'change', z: TAB, name: `tag ${i}`, rules: [{ t: 'set', p: 'topic', pt: 'msg', to: `chain ${i}`, tot: 'str' }], action: '', property: '', from: '', to: '', reg: false, x: 480, y, wires: [[`chart${i}`, `exp${i}`]] },
      { id: `chart${i}`, type: 'databox-chart', z: TAB, name: '', label: `Chart ${i}`, chart: 'line', unit: '', points: 50, min: 0, max: 4, x: 680, y: y - 20, wires: [] },
      { id: `exp${i}`, type: 'databox-export', z: TAB, name: `export ${i}`, url: `https://example.org/ingest/${i}`, description: `chain ${i}`, x: 680, y: y + 20, wires: [[]] },
    );
  }
  return nodes;
}

/** One change of ds0's type through the editor, timed in the page until the sidebar shows its permission. */
function changeAndWait(page: Page, next: string): Promise<{ dom: number; frame: number }> {
  return page.evaluate(({ next, timeoutMs }) => new Promise<{ dom: number; frame: number }>((resolve, reject) => {
    const root = document.querySelector('#databox-sidebar');
    const node = RED.nodes.node('ds0');
    if (!root || !node) {
      reject(new Error('no Databox sidebar or no ds0'));
      return;
    }
    const selector = `.dbx-permissions li[data-key="read:${next}"]`;
    let t0 = 0;
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`the sidebar did not show ${selector} within ${timeoutMs} ms: ${root.textContent?.slice(0, 400)}`));
    }, timeoutMs);
    const observer = new MutationObserver(() => {
      if (root.querySelector(selector) === null) return;
      const dom = performance.now() - t0;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve({ dom, frame: performance.now() - t0 }));
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true });
    // What the edit dialog does on Done: the property, an edit step in the history, dirty, the event.
    t0 = performance.now();
    const old = node.datasourceType;
    node.datasourceType = next;
    node.changed = true;
    node.dirty = true;
    RED.history.push({ t: 'edit', node, changes: { datasourceType: old }, dirty: RED.nodes.dirty(), changed: false });
    RED.nodes.dirty(true);
    RED.events.emit('nodes:change', node);
    RED.view.redraw();
  }), { next, timeoutMs: WAIT_MS });
}

/** The sidebar's request alone, made by fetch in the page: the same node set and tab. */
function serverPart(page: Page): Promise<{ body: number; request: number; bytes: number; status: number; permissions: number }> {
  return page.evaluate(async () => {
    const t0 = performance.now();
    const body = JSON.stringify({ flows: RED.nodes.createCompleteNodeSet({ credentials: false }), tab: RED.workspaces.active() });
    const t1 = performance.now();
    const answer = await fetch('databox/manifest', {
      method: 'POST', credentials: 'same-origin', body,
      headers: { 'content-type': 'application/vnd.databox.manifest-request+json', accept: 'application/json' },
    });
    const report = await answer.json() as { permissions?: unknown[] };
    const t2 = performance.now();
    return { body: t1 - t0, request: t2 - t1, bytes: body.length, status: answer.status, permissions: report.permissions?.length ?? 0 };
  });
}

async function main(): Promise<void> {
  const nodes = flow();
  console.log(`studio sidebar: manifest update after a change, ${nodes.length - 1} nodes on one tab, ${RUNS} runs (+${WARMUP} warm-up)`);
  let workspace: TestWorkspace | undefined;
  let browser: Browser | undefined;
  try {
    workspace = await startWorkspace({ flows: nodes, studioStub: true, timeoutMs: 120_000 });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(workspace.url);
    await page.waitForFunction(() => document.querySelector('#databox-sidebar') !== null
      && document.querySelector<HTMLElement>('#red-ui-loading-progress')?.offsetParent === null
      && RED.nodes.node('ds0') !== null, undefined, { timeout: WAIT_MS });
    await page.evaluate(() => RED.sidebar.show('databox'));
    await page.waitForFunction(() => document.querySelector<HTMLElement>('#databox-sidebar')?.offsetParent !== null
      && document.querySelector('#databox-sidebar .dbx-permissions li[data-key="read:loadavg1"]') !== null, undefined, { timeout: WAIT_MS });
    const facts = await page.evaluate((tab) => ({
      nodes: RED.nodes.filterNodes({ z: tab }).length,
      problems: Array.from(document.querySelectorAll('#databox-sidebar .dbx-problem'), (p) => p.textContent ?? ''),
      permissions: document.querySelectorAll('#databox-sidebar .dbx-permissions li').length,
    }), TAB);
    if (facts.problems.length > 0) throw new Error(`the bench flow has problems: ${facts.problems.join('; ')}`);
    console.log(`  editor ready: ${facts.nodes} nodes on the tab, ${facts.permissions} permissions shown, no problems`);

    const dom: number[] = [];
    const frame: number[] = [];
    const body: number[] = [];
    const request: number[] = [];
    let bytes = 0;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const next = CHANGE_TO[i % CHANGE_TO.length] ?? 'steps';
      const shown = await changeAndWait(page, next);
      await sleep(150); // the sidebar idle again (no request out) before the server part is asked
      const server = await serverPart(page);
      if (server.status !== 200) throw new Error(`POST databox/manifest answered ${server.status}`);
      await sleep(100);
      if (i < WARMUP) continue;
      dom.push(shown.dom);
      frame.push(shown.frame);
      body.push(server.body);
      request.push(server.request);
      bytes = server.bytes;
    }
    if (pageErrors.length > 0) console.log(`  page errors: ${pageErrors.join('; ')}`);

    console.log(`change -> new permission in the sidebar's DOM: ${summary(dom)}`);
    console.log(`change -> next frame after it (shown):       ${summary(frame)}`);
    console.log(`  of which the sidebar's debounce: 50 ms (by design, databox-sidebar.browser.js)`);
    console.log(`server part, POST databox/manifest by fetch (${(bytes / 1024).toFixed(0)} KB body): ${summary(request)}`);
    console.log(`  making the body in the page (createCompleteNodeSet + JSON): median ${ms(median(body))}`);
    console.log(`target < ${TARGET_MS} ms (median, change -> shown): ${met(median(frame) < TARGET_MS)}; p90 ${met(percentile(frame, 90) < TARGET_MS)}`);
    console.log('peer: none (no other editor derives a manifest or permissions from a flow)');
  } finally {
    await browser?.close().catch(() => undefined);
    await workspace?.stop();
  }
}

/** The editor's globals as page.evaluate sees them: only what this benchmark calls. */
interface EditorNode { id: string; datasourceType?: string; changed?: boolean; dirty?: boolean }
interface EditorGlobal {
  sidebar: { show(id: string): void };
  nodes: {
    node(id: string): EditorNode | null;
    dirty(value?: boolean): boolean;
    filterNodes(filter: { z: string }): EditorNode[];
    createCompleteNodeSet(options: { credentials: boolean }): unknown[];
  };
  workspaces: { active(): string };
  history: { push(event: { t: 'edit'; node: EditorNode; changes: Record<string, unknown>; dirty: boolean; changed: boolean }): void };
  events: { emit(event: string, ...args: unknown[]): void };
  view: { redraw(): void };
}
declare const RED: EditorGlobal;

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
