// The os-monitor driver as the box runs it (its own datastore, registered and granted, a child
// process with the box's environment) on the real arbiter, datastore and audit log: one line
// when it runs, a catalogue item per id an app can reach, this host's real values for every
// id within a few samples, its writes audited, and a clean stop on SIGTERM.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { findDatasourceType } from '../core/catalogue/catalogue';
import type { HypercatItem } from '../box/datastore/datastore.hypercat';
import { OS_MONITOR_TYPES } from '../box/drivers/os-monitor/os-monitor.manifest';
import { parseGrantedSource } from '../runtime/box-client/box-client.env';
import { startBoxControl, type BoxControl } from './support/box-control.fixture';
import { startDriver, type DriverUnderTest } from './support/box-driver.fixture';
import { eventually } from './support/eventually';

let box: BoxControl;
let driver: DriverUnderTest;

before(async () => {
  box = await startBoxControl();
  driver = await startDriver(box, 'os-monitor', { DATABOX_INTERVAL_MS: '200' });
});
after(async () => {
  await driver?.close();
  await box?.close();
});

const rel = (item: HypercatItem, name: string) => item['item-metadata'].find((m) => m.rel === `urn:X-databox:rels:${name}`)?.val;

test('prints one line when it runs: what it samples and how often', () => {
  assert.equal(driver.stdout.length, 1);
  assert.equal(driver.line, `os-monitor sampling ${OS_MONITOR_TYPES.join(', ')} of / every 200 ms`);
});

test('registers each id in its store\'s catalogue, as an item an app can be granted and reach', async () => {
  const cat = await driver.read('/cat');
  assert.equal(cat.status, 200);
  const items = (cat.json as { items: HypercatItem[] }).items;
  assert.deepEqual(items.map((i) => i.href), OS_MONITOR_TYPES.map((id) => `${driver.storeUrl}/ts/${id}`));
  for (const item of items) {
    const id = String(rel(item, 'hasDatasourceid'));
    const type = findDatasourceType(id);
    assert.ok(type, `${id} is a catalogue type`);
    assert.deepEqual([rel(item, 'hasType'), rel(item, 'hasStoreType'), rel(item, 'isActuator'), rel(item, 'hasUnit'), rel(item, 'hasVendor')], [id, 'ts', false, type.unit, 'databox-driver-os-monitor']);
    assert.equal(item['item-metadata'].find((m) => m.rel === 'urn:X-hypercat:rels:hasDescription:en')?.val, type.description);
    const granted = parseGrantedSource('x', JSON.stringify(item));
    assert.deepEqual([granted.store, granted.datasourceId, granted.storeType], ['os-monitor-store', id, 'ts'], 'the box client reaches it by the store name, not the href host');
  }
});

test('writes this host\'s real values for every id within a few samples', async () => {
  const latest = new Map<string, number>();
  await eventually(async () => {
    for (const id of OS_MONITOR_TYPES) {
      const answer = await driver.read(`/ts/${id}/latest`);
      const rows = answer.status === 200 ? answer.json as { data: { value: number } }[] : [];
      if (rows[0]) latest.set(id, rows[0].data.value);
    }
    return latest.size === OS_MONITOR_TYPES.length;
  }, 'a value for every os-monitor id', { timeoutMs: 20_000, seen: () => [...latest.keys()] });

  const [load1, load5, load15] = os.loadavg();
  assert.ok(Math.abs((latest.get('loadavg1') ?? -99) - (load1 ?? 0)) < 2, `loadavg1 ${latest.get('loadavg1')} is the host's ${load1}`);
  assert.ok(Math.abs((latest.get('loadavg5') ?? -99) - (load5 ?? 0)) < 1, `loadavg5 ${latest.get('loadavg5')} is the host's ${load5}`);
  assert.ok(Math.abs((latest.get('loadavg15') ?? -99) - (load15 ?? 0)) < 0.5, `loadavg15 ${latest.get('loadavg15')} is the host's ${load15}`);
  // Used memory without the cache (MemAvailable) is at most what os.freemem counts as used.
  const memory = latest.get('memory-used') ?? -1;
  assert.ok(memory > 0 && memory <= (1 - os.freemem() / os.totalmem()) * 100 + 2, `memory-used ${memory}%`);
  const cpu = latest.get('cpu-usage') ?? -1;
  assert.ok(cpu >= 0 && cpu <= 100, `cpu-usage ${cpu}%`);
  // df rounds its Use% up; the driver keeps one decimal.
  const dfUse = Number(/(\d+)%/.exec(execFileSync('df', ['-P', '/'], { encoding: 'utf8' }).split('\n')[1] ?? '')?.[1]);
  const disk = latest.get('disk-used') ?? -1;
  assert.ok(Math.abs(disk - dfUse) <= 2, `disk-used ${disk}% is df's ${dfUse}%`);
  const count = await driver.read('/ts/loadavg1/count');
  assert.ok(((count.json as { result: number }).result) >= 2, 'it keeps sampling');
});

test('its writes are in the audit log, as the os-monitor component', async () => {
  await eventually(async () => (await driver.events({ component: 'os-monitor', kind: 'store-write' })).length > 0, 'store-write events of os-monitor');
  assert.deepEqual((await driver.events({ component: 'os-monitor', kind: 'request-refused' })).length, 0, 'it asked for nothing it was not granted');
});

test('stops cleanly on SIGTERM (exit 0), with nothing on stderr', async () => {
  assert.equal(await driver.stop(), 0);
  assert.deepEqual(driver.stderr, []);
});
