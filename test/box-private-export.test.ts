// A private export end to end (issue 12), all real parts: a flow with a databox-private-export
// node, built by the builder, published to a real app store, installed on a docker-driver box
// with sensors-sim. The app sends every temperature reading (one each 2 s); what leaves the box
// is the export service's noisy report of the reading clamped to [0, 1], at most one a day,
// and the rest are refused and audited; killed and restarted by Docker mid-period, the export
// service still holds the day's budget spent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { removeTestBoxObjects } from './support/docker-cleanup';
import { compile } from '../builder/compile';
import { eventually } from './support/eventually';
import { installed, startTestBox, startTestStore, TEST_LABELS, type TestBox, type TestStore } from './support/personal-box.fixture';

const docker = new Docker();
const dir = mkdtempSync(path.join(tmpdir(), 'box-private-export-'));
let store: TestStore;
let box: TestBox;
let boxId = '';
let outsideNetwork = '';
let server: Server | undefined;
let destination = '';
const received: { body: string; id: string; at: number }[] = [];
const DAY = 86_400_000;

interface AuditEvent { component: string; kind: string; destination?: string; detail?: string; time: number }
const audit = async (query: string): Promise<AuditEvent[]> => ((await box.api('GET', `/api/audit${query}`)).body as { events: AuditEvent[] }).events;
const refusals = async (): Promise<AuditEvent[]> => (await audit('?app=tempstudy&kind=export-refused')).filter((e) => /privacy-budget-spent/.test(e.detail ?? ''));
const exportService = async (): Promise<Docker.ContainerInspectInfo> => {
  const [info] = await docker.listContainers({ filters: { label: [`io.databox.box=${boxId}`, 'io.databox.component=export-service'] } });
  assert.ok(info, 'the export service has a running container');
  return docker.getContainer(info.Id).inspect();
};

/** What a researcher wires in the studio: every temperature reading -> a private export, one a day. */
function studyFlows(url: string): unknown[] {
  const z = 'tab-tempstudy';
  return [
    { id: z, type: 'tab', label: 'Temperature study', info: 'Sends a noisy daily temperature to a study' },
    { id: 'temp', type: 'databox-datasource', z, datasourceType: 'temperature', clientid: 'temp', mode: 'observe', required: true, x: 100, y: 100, wires: [['number']] },
    { id: 'number', type: 'function', z, name: 'the reading', func: 'msg.payload = Number(msg.payload && typeof msg.payload === "object" ? msg.payload.value : msg.payload);\nreturn msg;', outputs: 1, x: 300, y: 100, wires: [['study']] },
    // Bounds [0, 1] against readings near 20 °C, epsilon 10 (b = 0.1): a report near 1 is the clamp at work.
    { id: 'study', type: 'databox-private-export', z, name: 'to the study', url, description: 'a noisy reading for the temperature study', mechanism: 'laplace', epsilon: '10', period: 'day', lo: '0', hi: '1', unit: '°C', x: 500, y: 100, wires: [[]] },
  ];
}

before(async () => {
  store = await startTestStore(dir);
  box = await startTestBox({ dataDir: path.join(dir, 'box'), driver: 'docker', stores: [store.url] });
  boxId = box.running.runtime.db.meta('box-id') ?? '';
  // The study's collector stands in as a receiver on one of this machine's addresses, on a bridge of the test's own.
  const outside = await docker.createNetwork({ Name: `databox-test-study-${boxId}`, Driver: 'bridge', Labels: TEST_LABELS });
  outsideNetwork = outside.id;
  const gateway = (await outside.inspect() as Docker.NetworkInspectInfo).IPAM?.Config?.[0]?.Gateway ?? '';
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString(), id: String(req.headers['databox-export-id'] ?? ''), at: Date.now() });
      res.end(Buffer.concat(chunks)); // an echo: the app must never see it
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, gateway, resolve));
  destination = `http://${gateway}:${(server.address() as AddressInfo).port}/studies/temp/reports`;
  await store.publish(compile(studyFlows(destination), undefined, { name: 'tempstudy', version: '1.0.0', author: 'tests', license: 'MIT' }));
});

after(async () => {
  await box?.close().catch(() => undefined);
  server?.close();
  if (outsideNetwork) await docker.getNetwork(outsideNetwork).remove().catch(() => undefined);
  await store?.close();
  await removeTestBoxObjects(docker, boxId);
  rmSync(dir, { recursive: true, force: true });
});

test('the owner reviews the promise in plain words, computed on the box from the store\'s bundle; installed, the app\'s grant carries the spec', async () => {
  const review = (await box.api('POST', '/api/install?review=1', { app: 'tempstudy', bindings: { temp: 'temperature' } })).body as { permissions: string[]; lineage: string[]; risk: { grade: string; reasons: { weight: number; text: string }[] } };
  // A private export weighs little, but epsilon 10 is a weak promise: medium, and that is the first reason.
  assert.equal(review.risk.grade, 'medium');
  assert.match(review.risk.reasons[0]?.text ?? '', /^Can send one noisy value a day made from your temperature readings to .* \(private, epsilon 10: the box adds the noise\)$/);
  assert.ok(review.permissions.some((p) => p.startsWith(`Sends data to ${destination}: a noisy reading for the temperature study. Private: the box adds the noise. At most one noisy value a day leaves your box. Any report is at most 22,000 times likelier for one value between 0 and 1 °C`)), JSON.stringify(review.permissions));
  assert.deepEqual(review.lineage.map((l) => l.replace(/made from your .* can be sent/, 'made from your <temperature> can be sent')), [`At most one noisy value a day made from your <temperature> can be sent to ${destination}; your box adds the noise`]);
  assert.match(review.lineage[0] ?? '', /Room temperature from a home sensor \(temperature, from sensors-sim\)/);
  const lines = await box.install({ app: 'tempstudy', bindings: { temp: 'temperature' } });
  assert.equal(installed(lines).status, 'running');
  const grants = (await box.running.runtime.admin.components()).find((c) => c.name === 'tempstudy')?.grants ?? [];
  assert.deepEqual(grants.find((g) => g.destination === destination)?.privacy, { mechanism: 'laplace', epsilon: 10, period: 'day', bounds: [0, 1], unit: '°C' });
});

test('only the clamped noisy report leaves the box, one a day; the app\'s further exports are refused and audited', async () => {
  await eventually(() => received.length > 0, 'the study got a report', { timeoutMs: 90_000, everyMs: 250 });
  await eventually(async () => (await refusals()).length >= 2, 'later exports are refused for the spent budget', { timeoutMs: 60_000, everyMs: 500 });
  const reports = received.map((r) => ({ ...r, report: JSON.parse(r.body) as Record<string, unknown> }));
  for (const { report } of reports) {
    assert.deepEqual(Object.keys(report).sort(), ['epsilon', 'mechanism', 'period', 'value']);
    assert.deepEqual({ mechanism: report.mechanism, epsilon: report.epsilon, period: report.period }, { mechanism: 'laplace', epsilon: 10, period: 'day' });
    // A reading near 20 °C clamped to 1, plus Laplace(0.1) noise: |noise| > 1 has probability e^-10.
    assert.ok(Math.abs(Number(report.value) - 1) < 1, `the report ${String(report.value)} is the clamped reading plus noise, not the raw reading`);
  }
  const perDay = new Map<number, Set<string>>();
  for (const r of received) perDay.set(Math.floor(r.at / DAY), (perDay.get(Math.floor(r.at / DAY)) ?? new Set()).add(r.id));
  assert.ok([...perDay.values()].every((ids) => ids.size === 1), `at most one report a day: ${JSON.stringify([...perDay.entries()].map(([d, ids]) => [d, ids.size]))}`);
  const spends = await audit('?app=tempstudy&kind=privacy-spend');
  assert.equal(spends.length, perDay.size, 'each spend is in the audit log');
  assert.equal(spends[0]?.destination, destination);
  assert.match(spends[0]?.detail ?? '', /^epsilon 10 of the day from \d{4}-\d\d-\d\dT00:00:00\.000Z spent by export /);
});

test('the export service killed and restarted by Docker mid-period still holds the day\'s budget spent', async () => {
  const before = await exportService();
  const idsBefore = new Set(received.map((r) => r.id));
  const refusedBefore = (await refusals()).length;
  process.kill(before.State.Pid, 'SIGKILL');
  await eventually(async () => { const now = await exportService().catch(() => undefined); return Boolean(now?.State.Running && now.State.Pid !== before.State.Pid); }, 'Docker restarted the export service', { timeoutMs: 60_000, everyMs: 500 });
  const restartedAt = Date.now();
  await eventually(async () => (await refusals()).some((e) => e.time > restartedAt), 'the restarted service refuses the app\'s next export', { timeoutMs: 60_000, everyMs: 500 });
  assert.ok((await refusals()).length > refusedBefore);
  const sameDay = Math.floor(restartedAt / DAY) === Math.floor(Math.min(...received.map((r) => r.at)) / DAY);
  if (sameDay) assert.deepEqual(new Set(received.map((r) => r.id)), idsBefore, 'nothing more left the box in the same day');
});
