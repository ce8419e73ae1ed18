// The compiled node module (what ships in dist/nodes) loaded by a real Node-RED from its
// package.json: every type registers, the editor gets each .html, icons are served, and a
// datasource -> chart flow runs and publishes to the UI bus.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { uiBus, type BusEvent } from '../core/ui-bus';
import { NODE_DESCRIPTIONS } from './descriptions';
import { compileNodes } from './test-support/compile-nodes';
import { startEmbeddedRed, type EmbeddedRed } from './test-support/embedded-red';

let work: string;
let red: EmbeddedRed;
const events: BusEvent[] = [];

before(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'databox-nodes-'));
  const nodesDir = await compileNodes(work);
  uiBus().subscribe((event) => events.push(event));
  red = await startEmbeddedRed({
    nodesDir,
    settings: { databox: { mode: 'preview', seed: 'load-test', preview: { epoch: Date.parse('2026-01-01T00:00:00Z') } } },
    flows: [
      { id: 'tab1', type: 'tab', label: 'app' },
      { id: 'ds', z: 'tab1', type: 'databox-datasource', datasourceType: 'temperature', clientid: 'temp', mode: 'observe', interval: 10, wires: [['c']] },
      { id: 'c', z: 'tab1', type: 'databox-chart', label: 'Temperature', unit: '°C', wires: [] },
    ],
  });
});

after(async () => {
  await red?.stop();
  await rm(work, { recursive: true, force: true });
});

test('Node-RED loads node-red-contrib-databox from the compiled tree, every type enabled', async () => {
  const response = await fetch(`${red.url}/admin/nodes`, { headers: { accept: 'application/json' } });
  assert.equal(response.status, 200);
  const sets: { module: string; types: string[]; enabled: boolean; err?: string | null }[] = await response.json();
  const ours = sets.filter((set) => set.module === 'node-red-contrib-databox');
  assert.deepEqual(ours.flatMap((set) => set.types).sort(), NODE_DESCRIPTIONS.map((d) => d.type).sort());
  for (const set of ours) {
    assert.ok(!set.err, `${set.types} failed to load: ${set.err}`);
    assert.equal(set.enabled, true, `${set.types} enabled`);
  }
});

test('the editor gets each node\'s registerType, edit form and help, and the icons', async () => {
  const html = await (await fetch(`${red.url}/admin/nodes`, { headers: { accept: 'text/html' } })).text();
  for (const { type, icon } of NODE_DESCRIPTIONS) {
    assert.ok(html.includes(`RED.nodes.registerType('${type}'`), `${type} registered in the editor`);
    assert.ok(html.includes(`data-template-name="${type}"`) && html.includes(`data-help-name="${type}"`), `${type} form and help`);
    const svg = await fetch(`${red.url}/admin/icons/node-red-contrib-databox/${icon}`);
    assert.equal(svg.status, 200, `${icon} served`);
    assert.match(await svg.text(), /<svg /);
  }
});

test('the compiled nodes run: the deployed datasource feeds the chart widget', async () => {
  const updates = () => events.filter((e) => e.type === 'update' && e.id === 'c');
  const giveUp = Date.now() + 5000;
  while (updates().length < 3 && Date.now() < giveUp) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(updates().length >= 3, `the chart got ${updates().length} points from the datasource`);
  const widget = uiBus().snapshot().find((s) => s.widget.id === 'c');
  assert.equal(widget?.widget.label, 'Temperature');
  for (const event of updates()) {
    assert.ok(event.type === 'update' && event.update.kind === 'chart' && event.update.series === 'temp' && typeof event.update.value === 'number');
  }
});
