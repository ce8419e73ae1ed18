// Whatever a Databox node refuses when a box starts the app, the builder refuses at build,
// naming the node, and the other way round: every setting of every node, set to each of a
// set of awkward values (in each mode that reads it), run in a real Node-RED and built by the
// real builder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BuildRefusedError, compile } from '../builder/compile';
import type { FlowNode } from '../core/flow/flow.types';
import { NODE_DESCRIPTIONS } from '../nodes/descriptions';
import { callsOf, loadFlow, settle, startRed, stopRed } from '../nodes/test-support/red.harness';

const VALUES: unknown[] = [
  '', 'bogus', 0, -1, 1.5, 1, 10_000, 10_001, 100_001, '15m', '2h', '2030-01-01T00:00:00Z', '1999-01-01T00:00:00Z',
  'not a time', 'https://example.org/in', 'ftp://example.org', true, null, 'a'.repeat(200), 'set-light-on', 'loadavg1',
];

/** A valid node of each type (what the palette gives, plus what the developer must fill in). */
function baseNode(type: string, defaults: Record<string, { value: unknown }>): Record<string, unknown> {
  const node: Record<string, unknown> = { type, ...Object.fromEntries(Object.entries(defaults).map(([key, d]) => [key, d.value])) };
  if (type === 'databox-export' || type === 'databox-private-export') node.url = 'https://example.org/in';
  return node;
}

/** The settings other settings depend on: each node is also tried in each of these. */
const CONTEXTS: Record<string, Record<string, unknown>[]> = {
  'databox-datasource': [{ mode: 'observe' }, { mode: 'last' }, { mode: 'since' }, { mode: 'range', from: '2h' }],
  'databox-store': [{ operation: 'write' }, { operation: 'read-last' }, { operation: 'kv-get' }],
};

interface Case { id: string; node: Record<string, unknown>; what: string }

function cases(): Case[] {
  const out: Case[] = [];
  for (const description of NODE_DESCRIPTIONS) {
    for (const context of CONTEXTS[description.type] ?? [{}]) {
      const base = { ...baseNode(description.type, description.defaults), ...context };
      for (const key of Object.keys(description.defaults)) {
        for (const value of VALUES) {
          const id = `n${out.length.toString(16).padStart(4, '0')}`;
          out.push({ id, node: { ...base, id, [key]: value }, what: `${description.type} ${JSON.stringify(context)} ${key}=${JSON.stringify(value).slice(0, 30)}` });
        }
      }
    }
  }
  return out;
}

function withPorts(node: Record<string, unknown>): Record<string, unknown> {
  const description = NODE_DESCRIPTIONS.find((d) => d.type === node.type);
  return { ...node, x: 100, y: 100, wires: description?.outputs ? [[]] : [] };
}

function refusedByBuilder(node: Record<string, unknown>): boolean {
  try {
    compile([{ id: 'tab', type: 'tab', label: 'Checks' }, { ...withPorts(node), z: 'tab' }], 'tab');
    return false;
  } catch (error) {
    if (!(error instanceof BuildRefusedError)) throw error;
    return error.problems.some((p) => p.node?.id === node.id);
  }
}

before(startRed);
after(stopRed);

test('a node refuses to start exactly when the builder refuses it, for every setting of every node', async () => {
  const all = cases();
  await loadFlow([{ id: 'tab', type: 'tab', label: 'Checks' }, ...all.map((c) => ({ ...withPorts(c.node), z: 'tab' }))], { mode: 'preview', seed: 'checks', preview: { epoch: 1_767_268_800_000 } });
  await settle();
  const disagreements: string[] = [];
  let refused = 0;
  for (const c of all) {
    const atStart = callsOf(c.id, 'error').length > 0;
    const atBuild = refusedByBuilder(c.node as FlowNode);
    if (atStart) refused++;
    if (atStart !== atBuild) disagreements.push(`${c.what}: ${atStart ? 'refused at start' : 'starts'} but ${atBuild ? 'refused at build' : 'builds'}${atStart ? ` (${String(callsOf(c.id, 'error')[0]?.[0]).slice(0, 120)})` : ''}`);
  }
  assert.deepEqual(disagreements, [], `${disagreements.length} of ${all.length} settings disagree`);
  assert.ok(refused > 100 && refused < all.length - 100, `both kinds are tried: ${refused} of ${all.length} refused`);
});

test('the known cases: a chart with points 0, a list with rows 0, a datasource with an unknown aggregation are refused at build, naming the node', () => {
  for (const node of [
    { id: 'c1', type: 'databox-chart', points: 0 },
    { id: 'l1', type: 'databox-list', rows: 0 },
    { id: 'd1', type: 'databox-datasource', datasourceType: 'loadavg1', mode: 'last', count: 5, aggregation: 'avg' },
  ]) {
    assert.throws(() => compile([{ id: 'tab', type: 'tab', label: 'Checks' }, { ...withPorts(node), z: 'tab' }], 'tab'), (error: unknown) => {
      assert.ok(error instanceof BuildRefusedError);
      assert.deepEqual(error.problems.map((p) => [p.code, p.node?.id]), [['node-config-invalid', node.id]]);
      return true;
    });
  }
});
