// Messages per second through a Databox flow against the same shape of flow in plain
// Node-RED, both in one real Node-RED 4.1 (embedded, the compiled node module loaded from
// its package.json like dist/nodes) in the same run, alternating rounds.
//
//   databox: inject -> databox-datasource (observe) -> function -> databox-chart
//   plain:   inject -> function (generator) -> function -> function (sink)
// and, to separate the source from the sink, a third flow with our datasource and the plain
// flow's function sink (source-only: inject -> databox-datasource -> function -> function).
//
// How messages are driven as fast as possible, the same way in both: one injected message
// triggers a burst of N messages from the source node. The datasource gets the preview
// setting `settings.databox.preview.burst = N` (an input makes an observing datasource emit
// its next N simulated readings at once, each a full msg with payload/topic/timestamp); the
// plain flow's generator function calls node.send N times. The middle function is the same
// code in both (`msg.payload = msg.payload * 2`). The sink is the chart (publishing each point
// to the UI bus, counted by a bus listener) against a function node (calling a counter from
// functionGlobalContext). A round is timed from the inject until the sink has seen N
// messages. Figures: median of the rounds, after one warm-up round each.
//
// Env: BENCH_MESSAGES (default 20000) per round, BENCH_ROUNDS (default 5).
// Run: node --import tsx bench/flow-throughput.bench.ts
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { uiBus } from '../core/ui-bus';
import { compileNodes } from '../nodes/test-support/compile-nodes';
import { startEmbeddedRed } from '../nodes/test-support/embedded-red';

const N = Math.max(100, Number(process.env.BENCH_MESSAGES ?? 20_000) || 20_000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5) || 5);
const TARGET = 0.9;
const MIDDLE = 'msg.payload = msg.payload * 2;\nreturn msg;';

let peerSeen = 0;
let oursSeen = 0;
let mixedSeen = 0;
let waiting: { target: () => number; resolve: () => void } | undefined;
const check = () => {
  if (waiting && waiting.target() >= N) {
    const done = waiting.resolve;
    waiting = undefined;
    done();
  }
};

const flows = [
  { id: 'tab-d', type: 'tab', label: 'databox' },
  { id: 'inj-d', z: 'tab-d', type: 'inject', props: [], repeat: '', once: false, wires: [['ds']] },
  { id: 'ds', z: 'tab-d', type: 'databox-datasource', datasourceType: 'loadavg1', clientid: 'load', mode: 'observe', interval: 3_600_000, wires: [['fn-d']] },
  { id: 'fn-d', z: 'tab-d', type: 'function', func: MIDDLE, outputs: 1, wires: [['chart']] },
  { id: 'chart', z: 'tab-d', type: 'databox-chart', label: 'Load', chart: 'line', points: 100 },
  { id: 'tab-p', type: 'tab', label: 'plain' },
  { id: 'inj-p', z: 'tab-p', type: 'inject', props: [], repeat: '', once: false, wires: [['gen']] },
  { id: 'gen', z: 'tab-p', type: 'function', outputs: 1, wires: [['fn-p']],
    func: `for (let i = 0; i < ${N}; i++) node.send({ payload: Math.random(), topic: 'load', datasourceType: 'loadavg1', timestamp: Date.now() });\nreturn null;` },
  { id: 'fn-p', z: 'tab-p', type: 'function', func: MIDDLE, outputs: 1, wires: [['sink']] },
  { id: 'sink', z: 'tab-p', type: 'function', func: "global.get('benchHit')();\nreturn null;", outputs: 0, wires: [] },
  { id: 'tab-m', type: 'tab', label: 'source-only' },
  { id: 'inj-m', z: 'tab-m', type: 'inject', props: [], repeat: '', once: false, wires: [['ds-m']] },
  { id: 'ds-m', z: 'tab-m', type: 'databox-datasource', datasourceType: 'loadavg1', clientid: 'load2', mode: 'observe', interval: 3_600_000, wires: [['fn-m']] },
  { id: 'fn-m', z: 'tab-m', type: 'function', func: MIDDLE, outputs: 1, wires: [['sink-m']] },
  { id: 'sink-m', z: 'tab-m', type: 'function', func: "global.get('benchHitMixed')();\nreturn null;", outputs: 0, wires: [] },
];

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'databox-bench-'));
  const nodesDir = await compileNodes(work);
  uiBus().subscribe((event) => {
    if (event.type === 'update' && event.id === 'chart') {
      oursSeen++;
      check();
    }
  });
  const red = await startEmbeddedRed({
    nodesDir, flows,
    settings: {
      databox: { mode: 'preview', seed: 'bench', preview: { burst: N } },
      functionGlobalContext: { benchHit: () => { peerSeen++; check(); }, benchHitMixed: () => { mixedSeen++; check(); } },
      logging: { console: { level: 'error' } },
    },
  });
  const round = async (inject: string, counter: () => number, reset: () => void): Promise<number> => {
    reset();
    const finished = new Promise<void>((resolve) => { waiting = { target: counter, resolve }; });
    const start = performance.now();
    const node = red.red.nodes.getNode(inject);
    if (!node) throw new Error(`${inject} is not running`);
    node.receive({});
    await finished;
    return (N / (performance.now() - start)) * 1000;
  };
  const ours = () => round('inj-d', () => oursSeen, () => { oursSeen = 0; });
  const peer = () => round('inj-p', () => peerSeen, () => { peerSeen = 0; });
  const mixed = () => round('inj-m', () => mixedSeen, () => { mixedSeen = 0; });
  try {
    await ours();
    await peer();
    await mixed();
    const oursRates: number[] = [];
    const peerRates: number[] = [];
    const mixedRates: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      oursRates.push(await ours());
      peerRates.push(await peer());
      mixedRates.push(await mixed());
    }
    const a = median(oursRates);
    const b = median(peerRates);
    const m = median(mixedRates);
    const ratio = a / b;
    console.log(`flow-throughput: ${N} messages per round, median of ${ROUNDS} rounds (after a warm-up round each)`);
    console.log(`  databox  inject -> datasource -> function -> chart        ${fmt(a)} msg/s  (rounds: ${oursRates.map(fmt).join(', ')})`);
    console.log(`  plain    inject -> function -> function -> function       ${fmt(b)} msg/s  (rounds: ${peerRates.map(fmt).join(', ')})`);
    console.log(`  source   inject -> datasource -> function -> function     ${fmt(m)} msg/s  (rounds: ${mixedRates.map(fmt).join(', ')})`);
    console.log(`  ratio    databox/plain ${ratio.toFixed(2)}x  (target >= ${TARGET}x: ${ratio >= TARGET ? 'met' : 'NOT met'}); source-only/plain ${(m / b).toFixed(2)}x`);
  } finally {
    await red.stop();
    await rm(work, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function fmt(rate: number): string {
  return Math.round(rate).toLocaleString('en-US');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
