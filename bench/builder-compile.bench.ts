// The builder's compile (tab extraction, validation, debug stripping, manifest, lineage with
// per-instance subflow expansion, Dockerfile) on a large synthetic flow, against Node-RED's
// own parsing of the same flow on deploy (`parseConfig` in @node-red/runtime: the work the
// runtime does before it starts a flow), measured in the same run, same process.
//
// Env: BENCH_NODES (default 3000) nodes on the tab; BENCH_INSTANCES (default 50) instances of
// a subflow that nests another; BENCH_RUNS (default 15), median reported.
// Run: node --import tsx bench/builder-compile.bench.ts
import { createHash } from 'node:crypto';
import { compile } from '../builder/compile';
import type { FlowNode } from '../core/flow/flow.types';

// Node-RED's flow parser (CommonJS, no types): called exactly as the runtime calls it.
const { parseConfig } = require('@node-red/runtime/lib/flows/util') as { parseConfig: (flows: FlowNode[]) => unknown };

const NODES = Math.max(10, Number(process.env.BENCH_NODES ?? 3000) || 3000);
const INSTANCES = Math.max(1, Number(process.env.BENCH_INSTANCES ?? 50) || 50);
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 15) || 15);

function syntheticFlow(): FlowNode[] {
  const tab = 'benchtab00000001';
  const at = (i: number) => ({ x: 100 + (i % 20) * 150, y: 40 + Math.floor(i / 20) * 40 });
  const flows: FlowNode[] = [
    { id: tab, type: 'tab', label: 'Bench flow', info: '', env: [] },
    { id: 'sub-inner', type: 'subflow', name: 'inner', in: [{ wires: [{ id: 'si-fn' }] }], out: [{ wires: [{ id: 'si-fn', port: 0 }] }] },
    { id: 'si-fn', type: 'function', z: 'sub-inner', func: 'return msg;', outputs: 1, ...at(0), wires: [[]] },
    { id: 'sub-outer', type: 'subflow', name: 'outer', in: [{ wires: [{ id: 'so-sw' }] }], out: [{ wires: [{ id: 'so-inst', port: 0 }] }] },
    { id: 'so-sw', type: 'switch', z: 'sub-outer', property: 'payload', rules: [{ t: 'nnull' }], outputs: 1, ...at(1), wires: [['so-inst']] },
    { id: 'so-inst', type: 'subflow:sub-inner', z: 'sub-outer', ...at(2), wires: [[]] },
  ];
  let i = 0;
  // Node-RED-like ids (16 hex digits), so derived clientids differ as they do in real flows.
  const id = (prefix: string) => createHash('sha256').update(`${prefix}${i}`).digest('hex').slice(0, 16);
  for (let chain = 0; flows.length < NODES; chain += 1, i += 1) {
    const [ds, fn, ch, out, dbg, mid] = [id('ds'), id('fn'), id('ch'), id('out'), id('db'), id('mid')];
    const useSubflow = chain < INSTANCES;
    const isExport = chain % 10 === 0;
    flows.push(
      { id: ds, type: 'databox-datasource', z: tab, datasourceType: chain % 2 ? 'loadavg1' : 'memory-used', clientid: '', mode: 'observe', ...at(i), wires: [[fn]] },
      { id: fn, type: 'function', z: tab, func: 'return [msg, msg];', outputs: 2, ...at(i), wires: [[mid], [dbg]] },
      useSubflow
        ? { id: mid, type: 'subflow:sub-outer', z: tab, ...at(i), wires: [[ch, out]] }
        : { id: mid, type: 'change', z: tab, rules: [{ t: 'set', p: 'topic', pt: 'msg', to: 'x', tot: 'str' }], ...at(i), wires: [[ch, out]] },
      { id: ch, type: 'databox-chart', z: tab, chart: 'line', ...at(i), wires: [] },
      isExport
        ? { id: out, type: 'databox-export', z: tab, url: `https://bench.example.org/${chain}`, ...at(i), wires: [[]] }
        : { id: out, type: 'databox-list', z: tab, ...at(i), wires: [] },
      { id: dbg, type: 'debug', z: tab, ...at(i), wires: [] },
    );
  }
  return flows;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function measure(run: (flows: FlowNode[]) => unknown, source: FlowNode[]): number {
  const times: number[] = [];
  for (let r = 0; r < RUNS; r += 1) {
    const copy = structuredClone(source); // parseConfig changes its input; neither pays for the copy
    const start = process.hrtime.bigint();
    run(copy);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

const flows = syntheticFlow();
const app = compile(structuredClone(flows));
const ours = measure((f) => compile(f), flows);
const peer = measure((f) => parseConfig(f), flows);
const json = measure((f) => JSON.parse(JSON.stringify(f)), flows);
console.log(`builder compile: ${flows.length} nodes (${INSTANCES} nested subflow instances), ${app.manifest.datasources.length} datasources, ${app.manifest['export-whitelist'].length} exports, ${app.manifest.lineage.length} lineage entries; median of ${RUNS}`);
console.log(`  databox compile          ${ours.toFixed(1)} ms`);
console.log(`  Node-RED parseConfig     ${peer.toFixed(1)} ms   (peer: what Node-RED does with the same flow on deploy)`);
console.log(`  JSON round trip          ${json.toFixed(1)} ms   (floor: copying the flow once)`);
console.log(`  ratio compile / parseConfig: ${(ours / peer).toFixed(2)}x; per node: ${(ours * 1000 / flows.length).toFixed(1)} µs`);
console.log(`  target: a ${NODES}-node flow compiles in under 1 s (${ours < 1000 ? 'met' : 'NOT met'}), within 10x of Node-RED's own parse (${ours / peer <= 10 ? 'met' : 'NOT met'})`);
