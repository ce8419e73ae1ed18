/**
 * What the box benchmarks share: a real app store and a real box (docker driver, labelled as
 * a test's) in a temporary folder, apps the builder makes from one flow under new names, the
 * owner's install through the box API, and the clean-up of everything the run made.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { removeTestBoxObjects } from '../test/support/docker-cleanup';
import { compile } from '../builder/compile';
import { resolveBaseImage } from '../builder/image';
import { compileNodes } from '../nodes/test-support/compile-nodes';
import { installed, ownerAuth, startTestBox, startTestStore, type TestBox, type TestStore } from '../test/support/personal-box.fixture';

export const docker = new Docker();
const run = promisify(execFile);
const root = path.resolve(__dirname, '..');
export const NODE_RED_VERSION = JSON.parse(readFileSync(path.join(root, 'node_modules', 'node-red', 'package.json'), 'utf8')).version as string;

/**
 * The app every benchmark installs: the load, a function, a line chart and a gauge (what
 * host-load draws). Each node has its editor position (x, y) as an exported flow does: Node-RED
 * takes a node without one for a config node, and this datasource (its clientid is its id) for
 * one that references itself, so the flow's nodes never started.
 */
export function benchFlows(label: string): unknown[] {
  const z = 'tab-bench';
  return [
    { id: z, type: 'tab', label, info: 'Charts the load' },
    { id: 'load', type: 'databox-datasource', z, x: 120, y: 80, datasourceType: 'loadavg1', clientid: 'load', mode: 'observe', required: true, wires: [['percent']] },
    { id: 'percent', type: 'function', z, x: 300, y: 80, func: 'msg.payload = Math.round(Number(msg.payload && msg.payload.value !== undefined ? msg.payload.value : msg.payload) * 1000) / 10;\nreturn msg;', outputs: 1, wires: [['chart', 'gauge']] },
    { id: 'chart', type: 'databox-chart', z, x: 480, y: 60, label: 'Load (% of a core)', chart: 'line', unit: '%', points: 60, min: 0, max: 400, wires: [] },
    { id: 'gauge', type: 'databox-chart', z, x: 480, y: 100, label: 'Now', chart: 'gauge', unit: '%', points: 1, min: 0, max: 400, wires: [] },
  ];
}

export interface BoxBench {
  dir: string;
  store: TestStore;
  box: TestBox;
  /** Publishes the bench app as `name`; answers the install request. */
  publish(name: string): Promise<{ app: string; bindings: Record<string, string> }>;
  /** Installs through the box API; resolves once its page answers through the box. */
  install(name: string): Promise<void>;
  pageAnswers(name: string): Promise<boolean>;
  restartBox(): Promise<void>;
  close(): Promise<void>;
}

export async function startBoxBench(tag: string): Promise<BoxBench> {
  const dir = mkdtempSync(path.join(tmpdir(), `databox-bench-${tag}-`));
  const store = await startTestStore(dir);
  let box = await startTestBox({ dataDir: path.join(dir, 'box'), driver: 'docker', stores: [store.url] });
  const boxId = box.running.runtime.db.meta('box-id') ?? '';
  const pageAnswers = async (name: string): Promise<boolean> => {
    const response = await fetch(`${box.url}/${name}/ui/`, { headers: { authorization: ownerAuth } }).catch(() => undefined);
    await response?.body?.cancel();
    return response?.status === 200;
  };
  const bench: BoxBench = {
    dir, store, get box() { return box; },
    async publish(name) {
      await store.publish(compile(benchFlows(`Bench ${name}`), undefined, { name, version: '1.0.0', author: 'bench', license: 'MIT' }));
      return { app: name, bindings: { load: 'loadavg1' } };
    },
    async install(name) {
      installed(await box.install({ app: name, bindings: { load: 'loadavg1' } }));
      while (!(await pageAnswers(name))) await new Promise((resolve) => setTimeout(resolve, 50));
    },
    pageAnswers,
    async restartBox() {
      await box.close();
      box = await startTestBox({ dataDir: path.join(dir, 'box'), driver: 'docker', stores: [] });
    },
    async close() {
      await box.close().catch(() => undefined);
      await store.close();
      await removeTestBoxObjects(docker, boxId);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return bench;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Resident memory of a process on this machine (a container's main process too), in MB. */
export async function rssMb(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

export interface PlainNodeRed {
  container: string;
  pid: number;
  /** How long its `npm install` of Node-RED took. */
  npmMs: number;
  close(): Promise<void>;
}

/**
 * The peer: the bench flow in plain Node-RED with its editor, as the original Databox made each
 * app's image (its own `npm install` of Node-RED, here the version this SDK runs; the Databox
 * nodes copied in; the same base image), started and answering on its editor's port.
 */
export async function plainNodeRed(name: string, options: { freshNpmCache: boolean }): Promise<PlainNodeRed> {
  const work = mkdtempSync(path.join(tmpdir(), 'databox-bench-naive-'));
  const tag = `databox-bench/naive-${process.pid}-${name}:1`;
  const labels = ['--label', 'io.databox.test=1', '--label', 'io.databox.bench=naive'];
  let container = '';
  const close = async (): Promise<void> => {
    if (container) await run('docker', ['rm', '-f', container]).catch(() => undefined);
    await run('docker', ['rmi', '-f', tag]).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const start = performance.now();
    writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: `naive-${name}`, version: '1.0.0', private: true, dependencies: { 'node-red': NODE_RED_VERSION } }));
    writeFileSync(path.join(work, 'flows.json'), JSON.stringify(benchFlows(`Naive ${name}`)));
    await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', ...(options.freshNpmCache ? ['--cache', path.join(work, '.npm-cache')] : [])], { cwd: work, maxBuffer: 16 * 1024 * 1024 });
    const npmMs = performance.now() - start;
    rmSync(path.join(work, '.npm-cache'), { recursive: true, force: true });
    cpSync(path.dirname(await compileNodes(path.join(work, '.nodes'))), path.join(work, 'sdk'), { recursive: true });
    rmSync(path.join(work, '.nodes'), { recursive: true, force: true });
    writeFileSync(path.join(work, 'Dockerfile'), [
      `FROM ${await resolveBaseImage(docker)}`, 'COPY . /app', 'WORKDIR /app', 'USER 1000:1000',
      'ENTRYPOINT ["node", "node_modules/node-red/red.js", "--userDir", "/tmp/nr", "-D", "nodesDir=/app/sdk/nodes", "/app/flows.json"]',
    ].join('\n'));
    await run('docker', ['build', '-q', ...labels, '-t', tag, work], { maxBuffer: 16 * 1024 * 1024 });
    container = (await run('docker', ['run', '-d', ...labels, '-p', '127.0.0.1::1880', tag])).stdout.trim();
    const port = (await run('docker', ['port', container, '1880/tcp'])).stdout.trim().split(':').pop();
    for (const deadline = Date.now() + 120_000; ;) {
      const answer = await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
      await answer?.body?.cancel();
      if (answer?.status === 200) break;
      const state = (await docker.getContainer(container).inspect()).State;
      if (!state.Running || Date.now() > deadline) throw new Error(`plain Node-RED did not answer: ${(await run('docker', ['logs', '--tail', '20', container])).stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { container, pid: (await docker.getContainer(container).inspect()).State.Pid, npmMs, close };
  } catch (error) {
    await close();
    throw error;
  }
}
