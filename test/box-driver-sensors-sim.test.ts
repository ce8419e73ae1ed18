// The sensors-sim driver as the box runs it, on the real arbiter, datastore and audit log:
// simulated readings for every sensor, its actuators in the catalogue, and an app (granted
// only POST on the actuators and GET on light-state) that switches and dims the light through
// the box client: the next light-state readings say so. A bad actuator value is ignored and
// logged; the driver keeps running and acting on good ones.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { findDatasourceType } from '../core/catalogue/catalogue';
import { valueProblem } from '../core/catalogue/catalogue.value';
import type { TimeSeriesRow } from '../core/protocol';
import type { HypercatItem } from '../box/datastore/datastore.hypercat';
import { createBoxClient } from '../runtime/box-client/box-client';
import type { BoxClient, GrantedSource } from '../runtime/box-client/box-client.types';
import { startBoxControl, type BoxControl } from './support/box-control.fixture';
import { startDriver, type DriverUnderTest } from './support/box-driver.fixture';
import { eventually } from './support/eventually';

let box: BoxControl;
let driver: DriverUnderTest;
let app: BoxClient;
let items: HypercatItem[];

const ID = 'urn:X-databox:rels:hasDatasourceid';
const itemOf = (id: string) => {
  const item = items.find((i) => i['item-metadata'].some((m) => m.rel === ID && m.val === id));
  assert.ok(item, `${id} is in the catalogue`);
  return JSON.stringify(item);
};

before(async () => {
  box = await startBoxControl();
  driver = await startDriver(box, 'sensors-sim', { DATABOX_INTERVAL_MS: '200' });
  items = ((await driver.read('/cat')).json as { items: HypercatItem[] }).items;
  const reg = await box.register('light-app', 'app');
  for (const id of ['set-light-on', 'set-light-brightness']) await box.grant('light-app', { target: driver.storeName, path: `/ts/blob/${id}`, method: 'POST' });
  await box.grant('light-app', { target: driver.storeName, path: '/ts/blob/light-state/*', method: 'GET' });
  // As the box starts an app: each granted source is its catalogue item, in DATASOURCE_<clientid>.
  app = createBoxClient({
    DATABOX_ARBITER_ENDPOINT: box.arbiterUrl,
    DATASOURCE_switch: itemOf('set-light-on'), DATASOURCE_dimmer: itemOf('set-light-brightness'), DATASOURCE_light: itemOf('light-state'),
  }, { readFile: () => reg.key });
});
after(async () => {
  await app?.close();
  await driver?.close();
  await box?.close();
});

const source = (clientid: string): GrantedSource => {
  const found = app.source(clientid);
  assert.ok(found, clientid);
  return found;
};
const lightRows = async (): Promise<TimeSeriesRow[]> => await app.read(source('light'), { kind: 'last', n: 1000 }) as TimeSeriesRow[];
/** Waits until the newest light-state says `expected`, then checks the readings after it keep saying so. */
const lightBecomes = async (expected: { on: boolean; brightness: number }, what: string) => {
  let latest: TimeSeriesRow | undefined;
  await eventually(async () => {
    latest = (await lightRows())[0];
    const data = latest?.data as { on?: boolean; brightness?: number } | undefined;
    return data?.on === expected.on && data.brightness === expected.brightness;
  }, what, { seen: () => latest });
  const since = latest?.timestamp ?? 0;
  await eventually(async () => (await lightRows()).filter((r) => r.timestamp > since).length >= 3, 'three more light-state readings');
  assert.deepEqual(latest?.data, { ...expected, hue: 8418 });
  for (const row of (await lightRows()).filter((r) => r.timestamp > since)) assert.deepEqual(row.data, { ...expected, hue: 8418 }, 'the light stays as it was set');
};

test('prints one line when it runs', () => {
  assert.deepEqual(driver.stdout, ['sensors-sim simulating temperature, humidity, motion, light-state every 200 ms, observing set-light-on, set-light-brightness']);
});

test('registers its sensors and its two actuators, described as simulated', () => {
  const rel = (item: HypercatItem, name: string) => item['item-metadata'].find((m) => m.rel.endsWith(name))?.val;
  assert.deepEqual(items.map((i) => [rel(i, 'hasDatasourceid'), rel(i, 'hasStoreType'), rel(i, 'isActuator')]), [
    ['temperature', 'ts', false], ['humidity', 'ts', false], ['motion', 'ts/blob', false], ['light-state', 'ts/blob', false],
    ['set-light-on', 'ts/blob', true], ['set-light-brightness', 'ts/blob', true],
  ]);
  for (const item of items) assert.match(String(rel(item, 'hasDescription:en')), /^Simulated: /);
  assert.ok(items.every((i) => rel(i, 'hasVendor') === 'databox-driver-sensors-sim'));
});

test('writes realistic readings of every sensor, each fitting its type', async () => {
  const ids = ['temperature', 'humidity', 'motion', 'light-state'];
  const path = (id: string) => `/${findDatasourceType(id)?.storeType}/${id}/last/5`;
  await eventually(async () => {
    for (const id of ids) if (((await driver.read(path(id))).json as unknown[] | undefined)?.length !== 5) return false;
    return true;
  }, 'five readings of every sensor', { timeoutMs: 20_000 });
  for (const id of ids) {
    const type = findDatasourceType(id);
    assert.ok(type);
    for (const row of (await driver.read(path(id))).json as TimeSeriesRow[]) {
      const value: unknown = type.storeType === 'ts' ? (row.data as { value: number }).value : row.data;
      assert.equal(valueProblem(type.schema, value), undefined, `${id} ${JSON.stringify(value)}`);
      if (id === 'temperature') assert.ok(typeof value === 'number' && value > 10 && value < 32, `a room's temperature: ${value}`);
    }
  }
});

test('an app switches the light off, then dims it on: the next light-state readings say so', async () => {
  await app.actuate(source('switch'), false);
  await lightBecomes({ on: false, brightness: 0 }, 'light-state says the light is off');
  await app.actuate(source('dimmer'), 80);
  await lightBecomes({ on: true, brightness: 80 }, 'light-state says the light is on at 80');
});

test('a bad actuator value is ignored and logged; the driver keeps running and acting', async () => {
  await app.actuate(source('switch'), 'banana');
  await app.actuate(source('dimmer'), 999);
  await eventually(() => driver.stderr.length >= 2, 'two lines in the driver\'s log', { seen: () => driver.stderr });
  assert.deepEqual(driver.stderr, [
    'sensors-sim: ignored set-light-on "banana": value must be true or false',
    'sensors-sim: ignored set-light-brightness 999: value must be at most 254',
  ]);
  assert.ok(driver.alive());
  await lightBecomes({ on: true, brightness: 80 }, 'the light is as it was');
  await app.actuate(source('switch'), false);
  await lightBecomes({ on: false, brightness: 0 }, 'a good value still acts');
});

test('stops cleanly on SIGTERM (exit 0)', async () => {
  assert.equal(await driver.stop(), 0);
});
