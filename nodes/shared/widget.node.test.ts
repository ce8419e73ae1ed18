// chart, list and text in a real Node-RED: widgets registered on the UI bus at deploy, each
// message published, widgets removed on close and registered again on redeploy.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { uiBus, type BusEvent } from '../../core/ui-bus';
import { collect, errorOf, helper, loadFlow, node, settle, startRed, stopRed, type FlowJson } from '../test-support/red.harness';

const EPOCH = Date.parse('2026-01-01T12:00:00Z');
let events: BusEvent[] = [];
const updatesFor = (id: string) => events.flatMap((e) => (e.type === 'update' && e.id === id ? [e.update] : []));

before(async () => {
  await startRed();
  uiBus().subscribe((event) => events.push(event));
});
after(stopRed);
beforeEach(() => { events = []; });

test('datasource -> chart: the chart widget gets every reading as a point of the source\'s series', async () => {
  const flow: FlowJson = [
    { id: 'ds', type: 'databox-datasource', datasourceType: 'loadavg1', clientid: 'load', mode: 'observe', interval: 10, wires: [['c', 'rec']] },
    { id: 'c', type: 'databox-chart', name: 'Load', chart: 'gauge', unit: '', points: 5, min: 0, max: 4, y: 120 },
    { id: 'rec', type: 'test-recorder' },
  ];
  await loadFlow(flow, { mode: 'preview', preview: { epoch: EPOCH } });
  const sent = await collect('rec', 3);
  await settle();
  const widget = events.find((e) => e.type === 'widget');
  assert.deepEqual(widget, { type: 'widget', widget: { id: 'c', kind: 'chart', label: 'Load', style: 'gauge', capacity: 5, min: 0, max: 4, order: 120 } });
  assert.deepEqual(updatesFor('c').slice(0, 3), sent.map((m) => ({ kind: 'chart', t: m.timestamp, value: m.payload, series: 'load' })));
});

test('history rows become one point each; a payload that is not a number is refused, publishing nothing', async () => {
  await loadFlow([{ id: 'c', type: 'databox-chart', label: 'Temp' }], { mode: 'preview' });
  node('c').receive({ topic: 't', payload: [{ timestamp: 1, data: 20.5 }, { timestamp: 2, data: { value: 21 } }] });
  await settle();
  assert.deepEqual(updatesFor('c'), [{ kind: 'chart', t: 1, value: 20.5, series: 't' }, { kind: 'chart', t: 2, value: 21, series: 't' }]);
  node('c').receive({ payload: { lat: 1, lon: 2 } });
  assert.match(await errorOf('c'), /\[chart-value-not-number\]/);
  assert.equal(updatesFor('c').length, 2);
});

test('list rows and text panels publish what each message becomes', async () => {
  await loadFlow([
    { id: 'l', type: 'databox-list', label: 'Rooms', style: 'table', rows: 3 },
    { id: 't', type: 'databox-text', format: 'markdown' },
  ], { mode: 'preview' });
  node('l').receive({ payload: { room: 'hall', t: 20 } });
  node('l').receive({ topic: 'kitchen', payload: 19 });
  node('t').receive({ payload: '**warm**' });
  await settle();
  assert.deepEqual(updatesFor('l'), [{ kind: 'list', row: { room: 'hall', t: 20 } }, { kind: 'list', row: { topic: 'kitchen', value: 19 } }]);
  assert.deepEqual(updatesFor('t'), [{ kind: 'text', text: '**warm**' }]);
  const snapshot = uiBus().snapshot().find((s) => s.widget.id === 't');
  assert.deepEqual(snapshot?.widget, { id: 't', kind: 'text', label: 'Text', style: 'markdown', capacity: 1, order: 0 });
});

test('closing removes the widgets; a redeploy registers them again', async () => {
  const flow: FlowJson = [{ id: 'c', type: 'databox-chart' }, { id: 'l', type: 'databox-list' }];
  await loadFlow(flow, { mode: 'preview' });
  events = [];
  await helper.setFlows([{ id: 'c', type: 'databox-chart', label: 'renamed' }, { id: 'l', type: 'databox-list' }], 'full');
  await settle();
  assert.deepEqual(events.filter((e) => e.type !== 'update').map((e) => (e.type === 'remove' ? `remove ${e.id}` : `widget ${e.widget.id} ${e.widget.label}`)).sort(),
    ['remove c', 'remove l', 'widget c renamed', 'widget l List']);
  events = [];
  await helper.unload();
  assert.deepEqual(events.map((e) => (e.type === 'remove' ? e.id : e.type)).sort(), ['c', 'l']);
  assert.equal(uiBus().snapshot().filter((s) => ['c', 'l'].includes(s.widget.id)).length, 0);
});

test('bad widget settings are refused at deploy and register nothing', async () => {
  await loadFlow([{ id: 'c', type: 'databox-chart', chart: 'pie' }, { id: 'l', type: 'databox-list', rows: 0 }, { id: 't', type: 'databox-text', format: 'html' }], { mode: 'preview' });
  assert.match(await errorOf('c'), /Chart type "pie" is unknown/);
  assert.match(await errorOf('l'), /rows kept/);
  assert.match(await errorOf('t'), /Text format "html" is unknown/);
  assert.equal(events.filter((e) => e.type === 'widget').length, 0);
});
