// The personal box with the docker driver, on a real engine: every component in a container of
// its own, hardened; an app installed from a real store reaches the arbiter, the export service
// and the datastores it was granted, and nothing else: not this machine (probed on the addresses
// the box's networks give it), not another datastore, not the audit log, not another app, not
// the export receiver directly. Its export leaves only through the export service. A crash is
// restarted by Docker and audited; a stopped box leaves nothing running and a started one brings
// everything back; an update keeps the previous image and a copy of the data, and a rollback
// brings both back; an uninstall with its data removes its container, image, network and volume.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { asReader as asReaderOf } from './support/box-reader';
import { removeTestBoxObjects } from './support/docker-cleanup';
import { chromium } from 'playwright-core';
import { compile } from '../builder/compile';
import { specBundle } from './support/built-bundle';
import { watchAppPage } from './support/app-page';
import { eventually } from './support/eventually';
import { installed, OWNER_PASSWORD, startTestBox, startTestStore, TEST_LABELS, type TestBox, type TestStore } from './support/personal-box.fixture';
import { CHAIN } from '../box/containers/docker/host.firewall';

const run = promisify(execFile);
const docker = new Docker();
const dir = mkdtempSync(path.join(tmpdir(), 'box-e2e-docker-'));
const dataDir = path.join(dir, 'box');
let store: TestStore;
let box: TestBox;
let boxId = '';
let receiver = '';
let outsideNetwork = '';
const servers: Server[] = [];
const received: { path: string; body: string }[] = [];

interface AuditEvent { component: string; kind: string; destination?: string }
const audit = async (query = ''): Promise<AuditEvent[]> => ((await box.api('GET', `/api/audit${query}`)).body as { events: AuditEvent[] }).events;
const statusOf = async (name: string): Promise<string> => ((await box.api('GET', `/api/apps/${name}`)).body as { status?: string }).status ?? 'missing';
const boxFilter = (component?: string) => ({ label: [`io.databox.box=${boxId}`, ...(component ? [`io.databox.component=${component}`] : [])] });
const containerOf = async (component: string): Promise<Docker.ContainerInspectInfo> => {
  const [info] = await docker.listContainers({ filters: boxFilter(component) });
  assert.ok(info, `${component} has a running container`);
  return docker.getContainer(info.Id).inspect();
};
/** Kills the component's main process as a crash would (never pid 0: that is this process group). */
const crash = async (component: string): Promise<number> => {
  const { State } = await containerOf(component);
  assert.ok(State.Running && State.Pid > 0, `${component} is running`);
  process.kill(State.Pid, 'SIGKILL');
  return State.Pid;
};
const gatewayOf = async (network: string): Promise<string> => {
  const gateway = (await docker.getNetwork(network).inspect() as Docker.NetworkInspectInfo).IPAM?.Config?.[0]?.Gateway;
  assert.ok(gateway, `${network} has a gateway address`);
  return gateway;
};
/** A server on one of this machine's addresses (never all of them): what an escaping app would reach. */
const listenOn = async (host: string, record = false): Promise<string> => {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (record) received.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString() });
      res.end('reached');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  servers.push(server);
  return `http://${host}:${(server.address() as AddressInfo).port}`;
};
/** Runs fetch for each URL inside the component's container; answers 'reached <status>' or 'blocked <why>' per URL. */
const probeFrom = async (component: string, urls: string[]): Promise<Record<string, string>> => {
  const script = `(async () => { const out = {}; for (const u of process.argv.slice(1)) { try { const r = await fetch(u, { signal: AbortSignal.timeout(3000) }); out[u] = 'reached ' + r.status; } catch (e) { out[u] = 'blocked ' + (e.cause?.code ?? e.name); } } console.log(JSON.stringify(out)); })()`;
  const { stdout } = await run('docker', ['exec', (await containerOf(component)).Id, 'node', '-e', script, ...urls]);
  return JSON.parse(stdout) as Record<string, string>;
};
const bindings = { load: 'loadavg1' };

const asReader = (grant: { target: string; path: string; method: 'GET' | 'POST' }, body?: unknown): Promise<Response> => asReaderOf(box.running.runtime, grant, body);
/** The oldest loadavg1 reading in os-monitor's store. */
async function earliestLoad(): Promise<number> {
  const answer = await asReader({ target: 'os-monitor-store', path: '/ts/loadavg1/earliest', method: 'GET' });
  assert.equal(answer.status, 200, await answer.clone().text());
  const [row] = await answer.json() as { timestamp: number }[];
  assert.ok(row, 'os-monitor has stored readings');
  return row.timestamp;
}
/** What a developer wires in the studio: the load -> a function (per cent of one core) -> a line chart, and an export of each value. */
function loadwatchFlows(destination: string): unknown[] {
  const z = 'tab-loadwatch';
  return [
    { id: z, type: 'tab', label: 'Load watch', info: 'Charts the load as per cent of one core and sends each value to the developer' },
    { id: 'load', type: 'databox-datasource', z, datasourceType: 'loadavg1', clientid: 'load', mode: 'observe', required: true, x: 100, y: 100, wires: [['percent']] },
    { id: 'percent', type: 'function', z, name: 'per cent of a core', func: 'const v = Number(msg.payload && typeof msg.payload === "object" ? msg.payload.value : msg.payload);\nmsg.payload = Math.round(v * 1000) / 10;\nreturn msg;', outputs: 1, x: 300, y: 100, wires: [['chart', 'out']] },
    { id: 'chart', type: 'databox-chart', z, label: 'Load (% of a core)', chart: 'line', unit: '%', points: 60, min: 0, max: 400, x: 500, y: 80, wires: [] },
    { id: 'out', type: 'databox-export', z, name: 'load out', url: destination, description: 'each load value, in per cent of a core', x: 500, y: 140, wires: [[]] },
  ];
}

before(async () => {
  store = await startTestStore(dir);
  box = await startTestBox({ dataDir, driver: 'docker', stores: [store.url] });
  boxId = box.running.runtime.db.meta('box-id') ?? '';
  assert.match(boxId, /^[0-9a-f]{8}$/);
  // The approved destination: a receiver on one of this machine's addresses (on a bridge of the
  // test's own, which stays when the box restarts); the export service reaches it through its way out.
  const outside = await docker.createNetwork({ Name: `databox-test-outside-${boxId}`, Driver: 'bridge', Labels: TEST_LABELS });
  outsideNetwork = outside.id;
  receiver = await listenOn(await gatewayOf(outside.id), true);
  await store.publish(compile(loadwatchFlows(`${receiver}/load`), undefined, { name: 'loadwatch', version: '1.0.0', author: 'tests', license: 'MIT' }));
  await store.publish(specBundle({ name: 'tempwatch', version: '1.0.0', sources: [{ clientid: 'temp', type: 'temperature' }], ownData: true }));
});

after(async () => {
  await box?.close().catch(() => undefined);
  for (const server of servers) server.close();
  if (outsideNetwork) await docker.getNetwork(outsideNetwork).remove().catch(() => undefined);
  await store?.close();
  await removeTestBoxObjects(docker, boxId);
  rmSync(dir, { recursive: true, force: true });
});

test('every component runs in a hardened container of its own, labelled with the box', async () => {
  const health = await (await fetch(`${box.url}/api/health`)).json() as { driver: string; isolated: boolean; tls: boolean };
  assert.deepEqual([health.driver, health.isolated, health.tls], ['docker', true, true]);
  const containers = await docker.listContainers({ filters: boxFilter() });
  const components = containers.map((c) => c.Labels['io.databox.component']).sort();
  assert.deepEqual(components, ['arbiter', 'audit', 'export-service', 'os-monitor', 'os-monitor-store', 'sensors-sim', 'sensors-sim-store', 'webhook', 'webhook-store']);
  for (const c of containers) assert.equal(c.Labels['io.databox.test'], TEST_LABELS['io.databox.test']);
  const arbiter = await containerOf('arbiter');
  assert.equal(arbiter.Config.User, '1000:1000');
  assert.equal(arbiter.HostConfig.ReadonlyRootfs, true);
  assert.deepEqual(arbiter.HostConfig.CapDrop, ['ALL']);
  assert.ok(arbiter.HostConfig.SecurityOpt?.includes('no-new-privileges'));
  assert.ok((arbiter.HostConfig.Memory ?? 0) > 0, 'a memory limit');
  const secrets = arbiter.Mounts.find((m) => m.Destination === '/run/secrets');
  assert.equal(secrets?.RW, false, 'secrets are mounted read-only');
});

test('an app installs from the store into its own container, with no secret in its environment', async () => {
  const result = installed(await box.install({ app: 'loadwatch', bindings }));
  assert.equal(result.status, 'running');
  installed(await box.install({ app: 'tempwatch', bindings: { temp: 'temperature' } }));
  const app = await containerOf('loadwatch');
  assert.equal(app.Config.User, '1000:1000');
  assert.equal(app.HostConfig.ReadonlyRootfs, true);
  assert.deepEqual(Object.keys(app.NetworkSettings.Networks), [`databox-${boxId}-loadwatch-net`], 'on its own network only');
  const secretsDir = path.join(dataDir, 'components', 'loadwatch', 'secrets');
  const secretValues = readdirSync(secretsDir).filter((f) => !f.endsWith('.pem')).map((f) => readFileSync(path.join(secretsDir, f), 'utf8').trim());
  assert.ok(secretValues.length > 0);
  for (const value of secretValues) assert.ok(!(app.Config.Env ?? []).some((e) => e.includes(value)), 'no secret value in the environment');
});

test('the app reaches what it was granted, and nothing else on this machine or the box', async () => {
  const own = await gatewayOf(`databox-${boxId}-loadwatch-net`);
  const egress = await gatewayOf(`databox-${boxId}-egress`);
  const hostOnOwnNetwork = await listenOn(own);
  const hostOnEgress = await listenOn(egress);
  const other = await containerOf('tempwatch');
  const otherAddress = Object.values(other.NetworkSettings.Networks)[0]?.IPAddress;
  const sensors = await containerOf('sensors-sim-store');
  const sensorsAddress = sensors.NetworkSettings.Networks[`databox-${boxId}-core`]?.IPAddress;
  const seen = await probeFrom('loadwatch', [
    'https://arbiter:8080/health', 'https://os-monitor-store:8080/health', 'https://os-monitor-store:8080/ts/loadavg1/latest', 'https://export-service:8080/health',
    `${hostOnOwnNetwork}/`, `${hostOnEgress}/`, 'https://sensors-sim-store:8080/health', `https://${sensorsAddress}:8080/health`,
    'https://audit:8080/health', `http://${otherAddress}:8080/health`, `${receiver}/load`,
  ]);
  const reached = Object.entries(seen).filter(([, outcome]) => outcome.startsWith('reached')).map(([url]) => url);
  assert.deepEqual(reached, ['https://arbiter:8080/health', 'https://os-monitor-store:8080/health', 'https://os-monitor-store:8080/ts/loadavg1/latest', 'https://export-service:8080/health'], JSON.stringify(seen, null, 1));
  assert.match(seen['https://os-monitor-store:8080/ts/loadavg1/latest'] ?? '', /^reached 401$/, 'a granted store still wants a token');
});

test('its export leaves the box through the export service only, and is audited', async () => {
  await eventually(() => received.some((r) => r.path === '/load' && /\d/.test(r.body)), 'the receiver got a load reading from the export service', { timeoutMs: 60_000, everyMs: 250 });
  await eventually(async () => (await audit('?app=loadwatch&kind=export-delivered')).length > 0, 'the export is audited', { timeoutMs: 30_000, everyMs: 500 });
});

test('its page, through the box, charts the real load in Chromium for the owner', async () => {
  assert.equal((await fetch(`${box.url}/loadwatch/ui/`)).status, 401, 'not for anyone else');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    const page = await (await browser.newContext({ httpCredentials: { username: 'owner', password: OWNER_PASSWORD } })).newPage();
    const appPage = watchAppPage(page);
    assert.equal((await page.goto(`${box.url}/loadwatch/ui/`))?.status(), 200);
    await appPage.charted({ logs: async () => String((await box.api('GET', '/api/apps/loadwatch/logs')).body) });
    await page.screenshot({ path: path.join(__dirname, '..', 'tmp', 'box-docker-app-page.png') }).catch(() => undefined);
  } finally {
    await browser.close();
  }
  const values = received.filter((r) => r.path === '/load').map((r) => Number(JSON.parse(r.body)));
  assert.ok(values.length > 0 && values.every((v) => Number.isFinite(v) && v >= 0), `the function's output went out: ${JSON.stringify(values.slice(0, 5))}`);
});

test('a crashed app is restarted by Docker, and the crash is audited', async () => {
  const before = await containerOf('loadwatch');
  await crash('loadwatch');
  await eventually(async () => (await audit('?app=loadwatch&kind=component-crashed')).length > 0, 'the crash is audited', { timeoutMs: 30_000, everyMs: 250 });
  await eventually(async () => (await statusOf('loadwatch')) === 'running', 'it runs again', { timeoutMs: 60_000, everyMs: 500 });
  assert.equal((await containerOf('loadwatch')).Id, before.Id, 'the same container, restarted');
});

test('a crash loop stops the app and tells the owner; the owner starts it again', async () => {
  for (let count = 1; count <= 5; count++) {
    const pid = await crash('tempwatch');
    if (count < 5) {
      await eventually(async () => {
        const [info] = await docker.listContainers({ filters: boxFilter('tempwatch') });
        const state = info ? (await docker.getContainer(info.Id).inspect()).State : undefined;
        return Boolean(state?.Running && state.Pid > 0 && state.Pid !== pid);
      }, `Docker restarted it after crash ${count}`, { timeoutMs: 30_000, everyMs: 100 });
    }
  }
  await eventually(async () => (await audit('?app=tempwatch&kind=component-crash-loop')).length > 0, 'the crash loop is audited', { timeoutMs: 30_000, everyMs: 250 });
  await eventually(async () => (await statusOf('tempwatch')) === 'crash-loop', 'it stays stopped', { timeoutMs: 30_000, everyMs: 250 });
  const started = await box.api('POST', '/api/apps/tempwatch/start');
  assert.equal(started.status, 200, JSON.stringify(started.body));
  assert.equal((started.body as { status: string }).status, 'running');
});

test('a stopped box leaves nothing running; a started one brings everything back', async () => {
  const events = (await audit()).length;
  const oldest = await earliestLoad();
  await box.close();
  assert.deepEqual(await docker.listContainers({ all: true, filters: boxFilter() }), []);
  assert.deepEqual((await docker.listNetworks({ filters: boxFilter() })).map((n) => n.Name), []);
  // Other tests' networks (a studio's) may have rules of their own at the same time: only a
  // rule for a bridge that no longer exists would be one this box left behind.
  const rules = (await run('iptables', ['-S', CHAIN])).stdout.split('\n').filter((line) => / -j DROP/.test(line));
  const gone = rules.filter((line) => { const bridge = / -i (br-[0-9a-f]{12}) /.exec(line)?.[1]; return bridge !== undefined && !existsSync(`/sys/class/net/${bridge}`); });
  assert.deepEqual(gone, [], 'no firewall rule is left for a network that is gone');
  assert.ok(((await docker.listVolumes({ filters: boxFilter() })).Volumes ?? []).length > 0, 'the data stays in volumes');
  box = await startTestBox({ dataDir, driver: 'docker', stores: [] });
  assert.equal(await statusOf('loadwatch'), 'running');
  assert.equal(await statusOf('tempwatch'), 'running');
  assert.ok((await audit()).length >= events, 'the audit log is kept');
  assert.equal(await earliestLoad(), oldest, 'os-monitor\'s store kept its readings');
  const count = received.length;
  await eventually(() => received.length > count, 'loadwatch exports again', { timeoutMs: 60_000, everyMs: 250 });
});

test('an update builds the new image while the app runs and copies its data aside; a rollback brings the data back as it was', { timeout: 300_000 }, async () => {
  const marker = (key: string, method: 'GET' | 'POST' = 'GET', value?: unknown) => asReader({ target: 'tempwatch-store', path: `/kv/marks/${key}`, method }, value);
  assert.ok([200, 201].includes((await marker('before', 'POST', { by: '1.0.0' })).status));
  await store.publish(specBundle({ name: 'tempwatch', version: '1.1.0', sources: [{ clientid: 'temp', type: 'temperature' }], ownData: true }));
  const update = await box.api('POST', '/api/apps/tempwatch/update', { version: '1.1.0' });
  const lines = String(update.body).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { progress?: string; result?: { version: string; status: string } });
  assert.deepEqual([lines.at(-1)?.result?.version, lines.at(-1)?.result?.status], ['1.1.0', 'running'], JSON.stringify(lines.slice(-3)));
  assert.equal((await containerOf('tempwatch')).Config.Image, 'databox/app-tempwatch:1.1.0');
  const copies = ((await docker.listVolumes({ filters: boxFilter('tempwatch-store') })).Volumes ?? []).map((v) => v.Name).sort();
  assert.deepEqual(copies, [`databox-${boxId}-tempwatch-store-data`, `databox-${boxId}-tempwatch-store-data-previous`], 'its data and the copy, both labelled');
  assert.deepEqual(await (await marker('before')).json(), { by: '1.0.0' }, 'the data came along');
  assert.ok([200, 201].includes((await marker('after', 'POST', { by: '1.1.0' })).status));

  const rollback = await box.api('POST', '/api/apps/tempwatch/rollback');
  const back = String(rollback.body).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { result?: { version: string; status: string } });
  assert.deepEqual([back.at(-1)?.result?.version, back.at(-1)?.result?.status], ['1.0.0', 'running'], JSON.stringify(back.slice(-3)));
  assert.equal((await containerOf('tempwatch')).Config.Image, 'databox/app-tempwatch:1.0.0', 'the kept image, not rebuilt');
  assert.deepEqual(await (await marker('before')).json(), { by: '1.0.0' });
  assert.equal((await marker('after')).status, 404, 'what 1.1.0 wrote is gone with it');
  assert.deepEqual(((await docker.listVolumes({ filters: boxFilter('tempwatch-store') })).Volumes ?? []).map((v) => v.Name), [`databox-${boxId}-tempwatch-store-data`], 'the copy is gone');
  assert.deepEqual(await docker.listContainers({ all: true, filters: { label: [`io.databox.box=${boxId}`, 'io.databox.kind=data-copy'] } }), [], 'no copier is left');
});

test('an uninstall with its data removes its container, image, network and volume', async () => {
  assert.equal(((await docker.listVolumes({ filters: boxFilter('tempwatch-store') })).Volumes ?? []).length, 1, 'its datastore keeps a volume');
  const removed = await box.api('DELETE', '/api/apps/tempwatch?delete-data=true');
  assert.equal(removed.status, 200, JSON.stringify(removed.body));
  for (const component of ['tempwatch', 'tempwatch-store']) {
    assert.deepEqual(await docker.listContainers({ all: true, filters: boxFilter(component) }), [], component);
    assert.deepEqual(await docker.listImages({ filters: boxFilter(component) }), [], component);
    assert.deepEqual((await docker.listNetworks({ filters: boxFilter(component) })).map((n) => n.Name), [], component);
    assert.deepEqual(((await docker.listVolumes({ filters: boxFilter(component) })).Volumes ?? []).map((v) => v.Name), [], component);
  }
  assert.equal(await statusOf('loadwatch'), 'running', 'the other app runs on');
  assert.ok(((await docker.listVolumes({ filters: boxFilter() })).Volumes ?? []).some((v) => v.Labels?.['io.databox.component'] === 'os-monitor-store'), 'the other data stays');
});
