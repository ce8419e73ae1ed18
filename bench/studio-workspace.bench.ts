// A developer's workspace in the studio (issue 9), against plain Node-RED 4.1 started the same
// way (its own red.js from node_modules/node-red, the same Node.js and environment, a fresh
// userDir, `-p <port>`, the Databox nodes through a settings file with nodesDir = dist/nodes),
// measured in the same run with the same Chromium. The studio runs in a process of its own
// (bench/studio-workspace.child.ts, local-developer sign-in, process workspaces) as
// `databox studio` does: Playwright handles Chromium's events in the process that launched it.
//
// 1. Cold start to editor ready: the palette shows `databox-datasource`. Ours: the local
//    developer signed in first, no workspace running (stopped after every run), timed from
//    navigating to /workspace/ (the studio spawns the workspace, waits for it, proxies the
//    editor). Plain: timed from spawning red.js to its palette ready (the page is opened as
//    soon as it logs "Server now running"). A fresh browser context (empty cache) per run, the
//    two alternating, after one warm-up of each that is not counted (the OS file cache is warm
//    for both). The studio renders the editor's page itself and answers it at once while the
//    workspace starts (editor/server/editor.page.ts), on every start, a developer's first too;
//    the warm-up (the first start since the studio started) is printed.
// 2. Idle memory: VmRSS of the workspace process and of plain Node-RED, each after its editor
//    loaded once in Chromium (page then closed) and BENCH_IDLE_S idle; median of BENCH_SAMPLES.
// 3. Capacity: BENCH_WORKSPACES workspaces of distinct developers started through the
//    workspace manager (no browser; each then asked once for what an editor loads: page,
//    settings, node list and node HTML, catalogues), idle, their RSS (and PSS, which counts
//    pages they share once) summed; extrapolated to this machine's memory keeping 25% headroom.
//
// Env: BENCH_RUNS (default 5) cold starts of each; BENCH_IDLE_S (default 20); BENCH_SAMPLES
// (default 5); BENCH_WORKSPACES (default 20); BENCH_START_CONCURRENCY (default 2) workspaces
// started at once for the capacity part.
// Run: node --import tsx bench/studio-workspace.bench.ts   (needs `npm run build` and /usr/bin/chromium)
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { developerId } from '../editor/db/studio.db';
import { SECRET_HEADER } from '../editor/workspace/workspace.gate';
import { launchChromium, ROOT } from '../test/support/studio.fixture';
import { median, NODE_RED_VERSION, rssMb } from './box-bench.kit';
import type { StudioOp, WorkspaceFacts } from './studio-workspace.child';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5) || 5);
const IDLE_S = Math.max(1, Number(process.env.BENCH_IDLE_S ?? 20) || 20);
const SAMPLES = Math.max(1, Number(process.env.BENCH_SAMPLES ?? 5) || 5);
const WORKSPACES = Math.max(1, Number(process.env.BENCH_WORKSPACES ?? 20) || 20);
const CONCURRENCY = Math.max(1, Number(process.env.BENCH_START_CONCURRENCY ?? 2) || 2);
const PALETTE = '.red-ui-palette-node[data-palette-type="databox-datasource"]';
const TARGET_MS = 3000;
const TARGET_MB = 100;
const TARGET_WORKSPACES = 50;
const GIB = 1024 ** 3;
const RED_JS = path.join(ROOT, 'node_modules', 'node-red', 'red.js');
const NODES_DIR = path.join(ROOT, 'dist', 'nodes');

const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Proportional set size (shared pages divided among the processes sharing them), in MB. */
function pssMb(pid: number): number {
  const kb = Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? NaN);
  return kb / 1024;
}

function memAvailableMb(): number {
  return Number(/^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? NaN) / 1024;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface StudioChild {
  url: string;
  call<T>(request: StudioOp): Promise<T>;
  close(): Promise<void>;
}

/** The studio in a process of its own (bench/studio-workspace.child.ts), driven over IPC. */
async function startStudioChild(dataDir: string): Promise<StudioChild> {
  const child = fork(path.join(__dirname, 'studio-workspace.child.ts'), [dataDir], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let n = 0;
  child.on('message', (message: { n?: number; value?: unknown; error?: string }) => {
    const waiter = message.n === undefined ? undefined : pending.get(message.n);
    if (!waiter || message.n === undefined) return;
    pending.delete(message.n);
    if (message.error !== undefined) waiter.reject(new Error(`studio: ${message.error}`));
    else waiter.resolve(message.value);
  });
  void exited.then(() => { for (const waiter of pending.values()) waiter.reject(new Error('the studio exited')); });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url?: string }) => (message.url ? resolve(message.url) : reject(new Error('the studio did not start'))));
    void exited.then(() => reject(new Error('the studio exited before it served')));
  });
  const call = <T>(request: StudioOp): Promise<T> => new Promise<T>((resolve, reject) => {
    const id = ++n;
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    child.send({ ...request, n: id });
  });
  return {
    url,
    call,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await call({ op: 'close' }).catch(() => undefined);
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

interface Plain {
  url: string;
  pid: number;
  close(): Promise<void>;
}

/**
 * Plain Node-RED as its own command starts it, with the environment the process driver gives a
 * workspace (PATH, NODE_ENV=production, TZ, HOME), resolved once it logs that it serves.
 */
async function startPlain(settingsFile: string): Promise<Plain> {
  const userDir = mkdtempSync(path.join(os.tmpdir(), 'databox-bench-plain-'));
  const port = await freePort();
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_ENV: 'production', TZ: process.env.TZ ?? 'UTC', HOME: userDir };
  const child = spawn(process.execPath, [RED_JS, '--userDir', userDir, '--settings', settingsFile, '-p', String(port)], { cwd: userDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(userDir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const tail: string[] = [];
      let rest = '';
      const timer = setTimeout(() => reject(new Error(`plain Node-RED did not start in 60 s:\n${tail.join('\n')}`)), 60_000);
      const onData = (chunk: Buffer): void => {
        const lines = (rest + chunk.toString('utf8')).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) {
          tail.push(line);
          if (tail.length > 20) tail.shift();
          const ready = /Server now running at (http:\/\/\S+)/.exec(line);
          if (ready?.[1]) {
            clearTimeout(timer);
            resolve(ready[1]);
          }
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then(() => { clearTimeout(timer); reject(new Error(`plain Node-RED exited:\n${tail.join('\n')}`)); });
    });
    if (!child.pid) throw new Error('plain Node-RED has no pid');
    return { url, pid: child.pid, close };
  } catch (error) {
    await close();
    throw error;
  }
}

interface Cold {
  /** Until the palette is ready. */
  ms: number;
  /** Until the editor's page answered (the process is up and serving). */
  pageMs: number;
}

/** When `page` receives the response to `url` (the editor's own page). */
function answeredAt(page: Page, url: string): () => number {
  let at = NaN;
  page.on('response', (response) => { if (Number.isNaN(at) && response.url() === url) at = performance.now(); });
  return () => at;
}

/** Opens the editor at `url` and waits for its palette; an editor page that did not answer 200 fails at once. */
async function editorReady(page: Page, url: string): Promise<void> {
  const answer = await page.goto(url);
  if (answer?.status() !== 200) throw new Error(`${url} answered ${answer?.status() ?? 'nothing'}: ${(await answer?.text().catch(() => '') ?? '').slice(0, 500)}`);
  await page.waitForSelector(PALETTE, { timeout: 60_000 });
}

/** One cold start of ours: signed in, no workspace running, /workspace/ until the palette is ready. */
async function coldStudio(browser: Browser, studio: StudioChild, id: string): Promise<Cold> {
  await studio.call({ op: 'stop', developer: id });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${studio.url}/`);
    if (await studio.call({ op: 'running', developer: id })) throw new Error('the home page started the workspace: the run would not be cold');
    const answered = answeredAt(page, `${studio.url}/workspace/`);
    const start = performance.now();
    await editorReady(page, `${studio.url}/workspace/`);
    return { ms: performance.now() - start, pageMs: answered() - start };
  } finally {
    await context.close();
    await studio.call({ op: 'stop', developer: id });
  }
}

/** One cold start of plain Node-RED: from spawning red.js until its palette is ready. */
async function coldPlain(browser: Browser, settingsFile: string, keep = false): Promise<Cold & { plain?: Plain }> {
  const context = await browser.newContext();
  let plain: Plain | undefined;
  try {
    const page = await context.newPage();
    const start = performance.now();
    plain = await startPlain(settingsFile);
    const answered = answeredAt(page, plain.url);
    await editorReady(page, plain.url);
    const cold = { ms: performance.now() - start, pageMs: answered() - start };
    if (!keep) await plain.close();
    return keep ? { ...cold, plain } : cold;
  } catch (error) {
    await plain?.close();
    throw error;
  } finally {
    await context.close();
  }
}

async function sampleRss(pids: readonly number[]): Promise<number[]> {
  const values: number[][] = pids.map(() => []);
  for (let i = 0; i < SAMPLES; i++) {
    for (const [n, pid] of pids.entries()) values[n]?.push(await rssMb(pid));
    await sleep(1000);
  }
  return values.map((v) => median(v));
}

/** The workspace's command line: the V8 flags the driver gave it. */
function heapFlag(pid: number): string {
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  return args.find((a) => a.startsWith('--max-old-space-size')) ?? '(no --max-old-space-size: V8\'s default heap limit)';
}

/** What an editor asks a workspace for when it opens, straight through the gate (no browser). */
async function loadEditorOnce(target: string, secret: string): Promise<void> {
  const asks: [string, string][] = [
    ['/workspace/', 'text/html'], ['/workspace/settings', 'application/json'], ['/workspace/nodes', 'application/json'],
    ['/workspace/nodes', 'text/html'], ['/workspace/locales/editor?lng=en-US', 'application/json'], ['/workspace/locales/nodes?lng=en-US', 'application/json'],
    ['/workspace/flows', 'application/json'],
  ];
  for (const [route, accept] of asks) {
    const answer = await fetch(`${target}${route}`, { headers: { [SECRET_HEADER]: secret, accept, 'Node-RED-API-Version': 'v2' } });
    await answer.arrayBuffer();
    if (!answer.ok) throw new Error(`${route} answered ${answer.status}`);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'databox-bench-studio-'));
  const settingsFile = path.join(dir, 'plain.settings.js');
  writeFileSync(settingsFile, `module.exports = ${JSON.stringify({ uiHost: '127.0.0.1', nodesDir: [NODES_DIR] })};\n`);
  const studio = await startStudioChild(path.join(dir, 'studio'));
  const browser = await launchChromium();
  const local = developerId('local', 'local');
  let plain: Plain | undefined;
  try {
    console.log(`studio workspace vs plain node-red ${NODE_RED_VERSION}, Node.js ${process.version}, ${os.cpus().length} cores, ${(os.totalmem() / GIB).toFixed(1)} GiB`);

    // 1. Cold start to editor ready.
    console.log(`cold start to palette ready: ${RUNS} runs each, alternating, after one warm-up each`);
    const first = await coldStudio(browser, studio, local);
    await coldPlain(browser, settingsFile);
    console.log(`  warm-up: the developer's first start since the studio started: studio ${s(first.ms)} (editor page answered at ${s(first.pageMs)})`);
    const ours: Cold[] = [];
    const peer: Cold[] = [];
    for (let i = 0; i < RUNS; i++) {
      const [o, p] = [await coldStudio(browser, studio, local), await coldPlain(browser, settingsFile)];
      ours.push(o);
      peer.push(p);
      console.log(`  run ${i + 1}: studio ${s(o.ms)} (editor page answered at ${s(o.pageMs)}), plain ${s(p.ms)} (at ${s(p.pageMs)})`);
    }
    const [om, op, pm, pp] = [median(ours.map((c) => c.ms)), percentile(ours.map((c) => c.ms), 90), median(peer.map((c) => c.ms)), percentile(peer.map((c) => c.ms), 90)];
    console.log(`studio workspace, /workspace/ -> palette ready: median ${s(om)}, p90 ${s(op)}; the editor's page answered at ${s(median(ours.map((c) => c.pageMs)))} (target < 3 s: ${met(om < TARGET_MS)})`);
    console.log(`plain Node-RED, spawn -> palette ready: median ${s(pm)}, p90 ${s(pp)}; its page answered at ${s(median(peer.map((c) => c.pageMs)))}`);
    console.log(`ratio (median): ${(om / pm).toFixed(2)}x plain, p90 ${(op / pp).toFixed(2)}x (target no slower than plain: ${met(om <= pm)})`);

    // 2. Idle memory, each editor loaded once.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${studio.url}/`);
    await editorReady(page, `${studio.url}/workspace/`);
    await context.close();
    const workspacePid = (await studio.call<WorkspaceFacts | null>({ op: 'running', developer: local }))?.pid;
    if (!workspacePid) throw new Error('the workspace has no pid');
    plain = (await coldPlain(browser, settingsFile, true)).plain;
    if (!plain) throw new Error('plain Node-RED did not stay up');
    console.log(`workspace heap limit (its command line): ${heapFlag(workspacePid)}`);
    console.log(`idle memory: both editors loaded once, ${IDLE_S} s idle`);
    await sleep(IDLE_S * 1000);
    const [wsMb = NaN, plainMb = NaN] = await sampleRss([workspacePid, plain.pid]);
    console.log(`idle workspace: ${wsMb.toFixed(1)} MB resident (target < ${TARGET_MB} MB: ${met(wsMb < TARGET_MB)})`);
    console.log(`idle plain Node-RED with its editor: ${plainMb.toFixed(1)} MB resident`);
    console.log(`ratio: ${(wsMb / plainMb).toFixed(2)}x plain`);
    await plain.close();
    plain = undefined;
    await studio.call({ op: 'stop', developer: local });

    // 3. How many idle workspaces this machine holds.
    const before = memAvailableMb();
    const logins = Array.from({ length: WORKSPACES }, (_, i) => `bench-${i + 1}`);
    const workspaces: WorkspaceFacts[] = [];
    const startedAt = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, WORKSPACES) }, async () => {
      for (let login = logins[next++]; login !== undefined; login = logins[next++]) {
        const workspace = await studio.call<WorkspaceFacts | null>({ op: 'ensure', login });
        if (!workspace) throw new Error(`the workspace of ${login} has no pid`);
        workspaces.push(workspace);
        await loadEditorOnce(workspace.target, workspace.gateSecret);
      }
    }));
    console.log(`capacity: ${WORKSPACES} workspaces started, ${CONCURRENCY} at a time, in ${s(performance.now() - startedAt)}; ${IDLE_S} s idle`);
    await sleep(IDLE_S * 1000);
    const pids: number[] = [];
    for (const workspace of workspaces) {
      const running = await studio.call<WorkspaceFacts | null>({ op: 'running', developer: workspace.developer });
      if (running?.pid !== workspace.pid) throw new Error(`the workspace of ${workspace.developer} is no longer running`);
      pids.push(running.pid);
    }
    const rss = await sampleRss(pids);
    const pss = pids.map(pssMb);
    const after = memAvailableMb();
    const studioMb = await studio.call<number>({ op: 'rss' });
    const total = rss.reduce((a, b) => a + b, 0);
    const totalPss = pss.reduce((a, b) => a + b, 0);
    const perRss = total / WORKSPACES;
    const perPss = totalPss / WORKSPACES;
    const perAvail = (before - after) / WORKSPACES;
    // What is left for workspaces once 25% is kept free and the studio itself has its share.
    const usable = os.totalmem() * 0.75 / 1024 ** 2 - studioMb;
    const usable24 = 24 * GIB * 0.75 / 1024 ** 2 - studioMb;
    console.log(`  the studio itself: ${studioMb.toFixed(1)} MB resident`);
    console.log(`  RSS: ${total.toFixed(0)} MB in all, ${perRss.toFixed(1)} MB each (min ${Math.min(...rss).toFixed(1)}, max ${Math.max(...rss).toFixed(1)})`);
    console.log(`  PSS: ${totalPss.toFixed(0)} MB in all, ${perPss.toFixed(1)} MB each; MemAvailable fell ${(before - after).toFixed(0)} MB (${perAvail.toFixed(1)} MB each; shared machine, indicative)`);
    const holds = Math.floor(usable / perRss);
    const holds24 = Math.floor(usable24 / perRss);
    console.log(`this machine (${(os.totalmem() / GIB).toFixed(1)} GiB, 25% kept free) holds ~${holds} idle workspaces by RSS (~${Math.floor(usable / perPss)} by PSS); `
      + `on 24 GiB ~${holds24} (target at least ${TARGET_WORKSPACES} on 24 GiB: ${met(holds24 >= TARGET_WORKSPACES)})`);
  } finally {
    await plain?.close().catch(() => undefined);
    await browser.close().catch(() => undefined);
    await studio.close(); // stops every workspace it started
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
