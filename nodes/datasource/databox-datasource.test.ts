// databox-datasource in a real Node-RED: seeded determinism, settings, bursts, refusals, and
// box mode against a minimal box client (bound, optional unbound, required unbound).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { HistoryQuery, ReadOptions, TimeSeriesRow } from '../../core/protocol';
import { fakeBox, granted } from '../test-support/fake-box';
import { collect, errorOf, helper, loadFlow, node, record, settle, startRed, statusOf, stopRed, type FlowJson } from '../test-support/red.harness';

const EPOCH = Date.parse('2026-01-01T12:00:00Z');
const observe = (extra: Record<string, unknown> = {}): FlowJson => [
  { id: 'ds1', type: 'databox-datasource', datasourceType: 'memory-used', mode: 'observe', interval: 10, wires: [['out']], ...extra },
  { id: 'out', type: 'test-recorder' },
];
const payloads = (msgs: Record<string, unknown>[]) => msgs.map((m) => m.payload);

before(startRed);
after(stopRed);

test('the same seed gives the same readings; another seed gives others', async () => {
  await loadFlow(observe(), { mode: 'preview', seed: 'one', preview: { epoch: EPOCH } });
  const first = payloads(await collect('out', 5));
  await loadFlow(observe(), { mode: 'preview', seed: 'one', preview: { epoch: EPOCH } });
  const again = payloads(await collect('out', 5));
  await loadFlow(observe(), { mode: 'preview', seed: 'two', preview: { epoch: EPOCH } });
  const other = payloads(await collect('out', 5));
  assert.deepEqual(again, first);
  assert.notDeepEqual(other, first);
  for (const value of first) assert.ok(typeof value === 'number' && value >= 0 && value <= 100, `memory-used ${value} is a percentage`);
});

test('no settings at all means preview: readings flow with the wall clock', async () => {
  const before = Date.now();
  await loadFlow(observe(), undefined);
  const [msg] = await collect('out', 1);
  assert.equal(typeof msg.payload, 'number');
  assert.equal(msg.topic, 'memory-used_ds1');
  assert.ok(typeof msg.timestamp === 'number' && msg.timestamp >= before);
});

test('an input makes an observing node emit a burst of new readings that continue its series', async () => {
  await loadFlow(observe({ interval: 3_600_000 }), { mode: 'preview', seed: 'b', preview: { epoch: EPOCH, burst: 4 } });
  const got = collect('out', 4);
  node('ds1').receive({ payload: 'go' });
  const msgs = await got;
  assert.deepEqual(msgs.map((m) => m.timestamp), [1, 2, 3, 4].map((k) => EPOCH + k * 3_600_000));
});

test('history rows sit on the type\'s period, ending at the epoch; reading again gives the same rows', async () => {
  const flow: FlowJson = [
    { id: 'hist', type: 'databox-datasource', datasourceType: 'cpu-usage', seed: 'same', mode: 'last', count: 3, wires: [['h']] },
    { id: 'h', type: 'test-recorder' },
  ];
  await loadFlow(flow, { mode: 'preview', preview: { epoch: EPOCH } });
  const [rows] = await collect('h', 1);
  const history = rows.payload as TimeSeriesRow[];
  assert.deepEqual(history.map((r) => r.timestamp), [EPOCH, EPOCH - 1000, EPOCH - 2000], 'newest first, as the store answers');
  node('hist').receive({});
  const [again] = await collect('h', 1);
  assert.deepEqual(again.payload, history);
});

test('an observing node continues its own history: same seed and period, the next reading after the epoch', async () => {
  const flow: FlowJson = [
    { id: 'obs', type: 'databox-datasource', datasourceType: 'cpu-usage', seed: 'same', mode: 'observe', interval: 1000, wires: [['o']] },
    { id: 'o', type: 'test-recorder' },
  ];
  await loadFlow(flow, { mode: 'preview', preview: { epoch: EPOCH } });
  node('obs').receive({});
  const [next] = await collect('o', 1);
  assert.equal(next.timestamp, EPOCH + 1000);
  assert.equal(typeof next.payload, 'number');
});

test('bad settings in a node are refused at deploy with a clear error and a red status', async () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ mode: 'bogus' }, /Mode "bogus" is unknown/],
    [{ interval: 3 }, /interval/],
    [{ mode: 'since', since: 'yesterday' }, /"since" is "yesterday"/],
    [{ mode: 'range', from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }, /"from" is after "to"/],
    [{ mode: 'last', aggregation: 'avg' }, /Aggregation "avg" is unknown/],
    [{ datasourceType: 'set-light-on' }, /actuator/],
  ];
  for (const [props, message] of cases) {
    await loadFlow(observe(props), { mode: 'preview' });
    assert.match(await errorOf('ds1'), message);
    assert.equal((await statusOf('ds1', (s) => s.fill === 'red')).fill, 'red');
  }
});

test('malformed runtime settings are refused, not half-used', async () => {
  await loadFlow(observe(), { mode: 'boxx' });
  assert.match(await errorOf('ds1'), /settings.databox.mode "boxx" is unknown/);
  await loadFlow(observe(), { mode: 'box' });
  assert.match(await errorOf('ds1'), /box mode needs settings.databox.box/);
});

test('box: an optional source the owner did not bind stays silent and says so', async () => {
  const asked: string[] = [];
  const box = fakeBox({ source: (clientid) => { asked.push(clientid); return undefined; } });
  await loadFlow(observe({ required: false, clientid: 'extra' }), { mode: 'box', box });
  const got = record('out');
  assert.equal((await statusOf('ds1', (s) => s.text === 'optional source not bound')).fill, 'grey');
  node('ds1').receive({ payload: 'poke' });
  await settle();
  assert.deepEqual(asked, ['extra']);
  assert.equal(got.length, 0);
});

test('box: a required source that is not bound is an error naming it', async () => {
  await loadFlow(observe({ clientid: 'needed' }), { mode: 'box', box: fakeBox({ source: () => undefined }) });
  assert.match(await errorOf('ds1'), /\[source-not-bound\] the required source "needed"/);
  assert.equal((await statusOf('ds1', (s) => s.fill === 'red')).text, 'source-not-bound');
});

test('box: observe subscribes to the granted source, forwards readings ({value} unwrapped), and unsubscribes on close', async () => {
  let push: ((row: TimeSeriesRow) => void) | undefined;
  let unsubscribed = 0;
  const source = granted('load');
  const box = fakeBox({
    source: (clientid) => (clientid === 'load' ? source : undefined),
    observe: async (s, onRow) => { assert.equal(s, source); push = onRow; return () => { unsubscribed++; }; },
  });
  await loadFlow(observe({ clientid: 'load', datasourceType: 'loadavg1' }), { mode: 'box', box });
  await settle();
  assert.ok(push, 'subscribed');
  const got = collect('out', 2);
  push({ timestamp: 1000, data: { value: 0.5 } });
  push({ timestamp: 2000, data: 0.9 });
  assert.deepEqual((await got).map((m) => [m.payload, m.timestamp, m.topic, m.datasourceType]), [[0.5, 1000, 'load', 'loadavg1'], [0.9, 2000, 'load', 'loadavg1']]);
  await helper.unload();
  assert.equal(unsubscribed, 1);
});

test('box: history modes read the store with the query and aggregation of the node', async () => {
  const reads: [HistoryQuery, ReadOptions | undefined][] = [];
  const box = fakeBox({
    source: (clientid) => granted(clientid),
    read: async (_s, query, options) => {
      reads.push([query, options]);
      return options?.aggregation ? { result: 42 } : [{ timestamp: 2, data: { value: 21.5 } }, { timestamp: 1, data: { value: 21, room: 'hall' } }];
    },
  });
  const flow: FlowJson = [
    { id: 'ds1', type: 'databox-datasource', datasourceType: 'temperature', clientid: 't', mode: 'last', count: 7, aggregation: 'max', wires: [['out']] },
    { id: 'ds2', type: 'databox-datasource', datasourceType: 'temperature', clientid: 't', mode: 'since', since: '1h', wires: [['out2']] },
    { id: 'out', type: 'test-recorder' }, { id: 'out2', type: 'test-recorder' },
  ];
  const before = Date.now();
  await loadFlow(flow, { mode: 'box', box });
  const [msg] = await collect('out', 1);
  const [rows] = await collect('out2', 1);
  assert.deepEqual(msg.payload, { result: 42 });
  assert.deepEqual(rows.payload, [{ timestamp: 2, data: 21.5 }, { timestamp: 1, data: { value: 21, room: 'hall' } }], 'plain {value} rows unwrapped, tagged ones kept');
  assert.deepEqual(reads[0], [{ kind: 'last', n: 7 }, { aggregation: 'max' }]);
  const [since] = reads[1];
  assert.ok(since.kind === 'since' && since.from >= before - 3_600_000 && since.from <= Date.now() - 3_600_000);
});

test('box: a failing read reports the error through node.error with the message', async () => {
  const box = fakeBox({ source: (clientid) => granted(clientid), read: async () => { throw new Error('store said 403'); } });
  await loadFlow([{ id: 'ds1', type: 'databox-datasource', datasourceType: 'temperature', mode: 'latest', wires: [[]] }], { mode: 'box', box });
  assert.match(await errorOf('ds1'), /store said 403/);
});
