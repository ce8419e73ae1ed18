// The webhook driver as the box runs it (sources made with newWebhookSource in the config the
// box writes), on the real arbiter, datastore and audit log: a post with its source's secret
// is stored and readable; a wrong or missing secret is a 401, an unknown source a 404, bad
// JSON or an unstorable value a 400, a large body a 413, each in the one error shape and
// storing nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HypercatItem } from '../box/datastore/datastore.hypercat';
import { newWebhookSource } from '../box/drivers/webhook/webhook.secret';
import { startBoxControl, type BoxControl } from './support/box-control.fixture';
import { startDriver, type DriverUnderTest } from './support/box-driver.fixture';

let box: BoxControl;
let driver: DriverUnderTest;
let url: string;
const steps = newWebhookSource({ id: 'phone-steps', type: 'steps', description: 'Steps from my phone' });
const location = newWebhookSource({ id: 'phone-location', type: 'location', description: 'Where my phone is' });
const garden = newWebhookSource({ id: 'garden', type: 'garden-sensor', description: 'The garden sensor' });

before(async () => {
  box = await startBoxControl();
  const config = path.join(box.dir, 'webhook.json');
  writeFileSync(config, JSON.stringify({ sources: [steps.source, location.source, garden.source] }), { mode: 0o600 });
  driver = await startDriver(box, 'webhook', { DATABOX_DRIVER_PORT: '0', DATABOX_DRIVER_CONFIG: config });
  url = /listening on (http:\/\/[^ ]+)/.exec(driver.line)?.[1] ?? '';
});
after(async () => {
  await driver?.close();
  await box?.close();
});

const post = async (p: string, body: string, secret?: string) => {
  const response = await fetch(`${url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(secret !== undefined ? { 'x-databox-webhook-secret': secret } : {}) }, body });
  return { status: response.status, json: await response.json() as Record<string, unknown> };
};
const count = async (series: string) => {
  const answer = await driver.read(`${series}/count`);
  return answer.status === 404 ? 0 : (answer.json as { result: number }).result;
};
const latest = async (series: string) => ((await driver.read(`${series}/latest`)).json as { data: unknown }[])[0]?.data;

test('prints one line when it runs: where it listens, its sources and the header', () => {
  assert.deepEqual(driver.stdout, [`webhook listening on ${url} for /webhook/phone-steps, /webhook/phone-location, /webhook/garden (secret in X-Databox-Webhook-Secret)`]);
});

test('registers each source in its store\'s catalogue, as its type is stored', async () => {
  const items = ((await driver.read('/cat')).json as { items: HypercatItem[] }).items;
  const rel = (item: HypercatItem, name: string) => item['item-metadata'].find((m) => m.rel.endsWith(name))?.val;
  assert.deepEqual(items.map((i) => [i.href, rel(i, 'hasType'), rel(i, 'hasDescription:en'), rel(i, 'hasVendor')]), [
    [`${driver.storeUrl}/ts/phone-steps`, 'steps', 'Steps from my phone', 'databox-driver-webhook'],
    [`${driver.storeUrl}/ts/blob/phone-location`, 'location', 'Where my phone is', 'databox-driver-webhook'],
    [`${driver.storeUrl}/ts/garden`, 'garden-sensor', 'The garden sensor', 'databox-driver-webhook'],
  ]);
});

test('a post with its source\'s secret is stored (201) and readable', async () => {
  const stored = await post('/webhook/phone-steps', '1200', steps.secret);
  assert.equal(stored.status, 201);
  assert.deepEqual([stored.json.source, stored.json.series, typeof stored.json.timestamp], ['phone-steps', '/ts/phone-steps', 'number']);
  assert.deepEqual(await latest('/ts/phone-steps'), { value: 1200 });
  assert.equal((await post('/webhook/phone-location', '{"lat": 52.2053, "lon": 0.1218, "accuracy": 9}', location.secret)).status, 201);
  assert.deepEqual(await latest('/ts/blob/phone-location'), { lat: 52.2053, lon: 0.1218, accuracy: 9 });
  assert.equal((await post('/webhook/garden', '{"value": 14.5, "bed": "roses"}', garden.secret)).status, 201);
  assert.deepEqual(await latest('/ts/garden'), { value: 14.5, bed: 'roses' });
  const blob = await post('/webhook/garden', '{"soil": "dry"}', garden.secret);
  assert.deepEqual([blob.status, blob.json.series], [201, '/ts/blob/garden'], 'anything but a number goes to the blob series');
  assert.deepEqual(await latest('/ts/blob/garden'), { soil: 'dry' });
  const items = ((await driver.read('/cat')).json as { items: HypercatItem[] }).items;
  assert.ok(items.some((i) => i.href === `${driver.storeUrl}/ts/blob/garden`), 'the blob series is in the catalogue once written');
});

test('refusals: 401 wrong or missing secret, 404 unknown source, 400 bad JSON or value, 413 too large; nothing stored', async () => {
  const series = ['/ts/phone-steps', '/ts/blob/phone-steps', '/ts/garden', '/ts/blob/garden', '/ts/blob/phone-location'];
  const before = await Promise.all(series.map(count));
  const cases: [string, string, string | undefined, number, string][] = [
    ['/webhook/phone-steps', '5', undefined, 401, 'webhook-secret-missing'],
    ['/webhook/phone-steps', '5', '', 401, 'webhook-secret-missing'],
    ['/webhook/phone-steps', '5', 'guess', 401, 'webhook-secret-invalid'],
    ['/webhook/phone-steps', '5', garden.secret, 401, 'webhook-secret-invalid'],
    ['/webhook/nobody', '5', steps.secret, 404, 'webhook-source-unknown'],
    ['/elsewhere', '5', steps.secret, 404, 'not-found'],
    ['/webhook/phone-steps', '{"value": 5', steps.secret, 400, 'body-malformed'],
    ['/webhook/phone-steps', '', steps.secret, 400, 'body-missing'],
    ['/webhook/phone-steps', '"many"', steps.secret, 400, 'webhook-value-invalid'],
    ['/webhook/phone-steps', 'null', steps.secret, 400, 'webhook-value-invalid'],
    ['/webhook/phone-location', '{"lat": 52}', location.secret, 400, 'webhook-value-invalid'],
    ['/webhook/garden', '{"value": 1, "bed": {"name": "roses"}}', garden.secret, 400, 'webhook-value-unstorable'],
    ['/webhook/garden', JSON.stringify({ soil: 'x'.repeat(70_000) }), garden.secret, 413, 'body-too-large'],
  ];
  for (const [p, body, secret, status, code] of cases) {
    const answer = await post(p, body, secret);
    const error = answer.json.error as { code: string; message: string; hint?: string };
    assert.deepEqual([answer.status, error.code], [status, code], `${p} ${body.slice(0, 40)} ${secret?.slice(0, 4)}`);
    assert.ok(error.message && error.hint, 'a message and a hint');
    assert.doesNotMatch(JSON.stringify(answer.json), /\n\s+at |node:internal|\.ts:\d/, 'no stack trace');
  }
  const get = await fetch(`${url}/webhook/phone-steps`);
  assert.deepEqual([get.status, get.headers.get('allow')], [405, 'POST']);
  assert.deepEqual(await Promise.all(series.map(count)), before, 'nothing stored by a refusal');
  assert.ok(driver.alive());
});

test('stops cleanly on SIGTERM (exit 0), with nothing on stderr', async () => {
  assert.equal(await driver.stop(), 0);
  assert.deepEqual(driver.stderr, []);
});
