// `databox up` (what `npm start` runs), through the real bin: the studio, an app store and a
// personal box come up introduced to each other. The local developer deploys a flow in their
// workspace and publishes it from the studio with the token `up` keeps; the box, which already
// knows the store, installs it and runs it next to its built-in drivers. Ctrl-C stops all three,
// leaving no process; a second start reuses the same token and password.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually } from './support/eventually';
import { alive, childrenOf, startDatabox, startScript } from './support/orphans';

const ROOT = path.resolve(__dirname, '..');

const dir = mkdtempSync(path.join(tmpdir(), 'stack-up-'));
const READY = /Studio\s+(http:\S+)\/[\s\S]*App store\s+(http:\S+)\/[\s\S]*Box\s+(http:\S+)\/[\s\S]*?(?:Owner password \(shown this once; keep it\): (\S+)|Owner password: the one)[\s\S]*databox up: ready/;
const ARGS = ['--data', dir, '--studio-port', '0', '--store-port', '0', '--box-port', '0', '--driver', 'process'];
let running: Awaited<ReturnType<typeof startDatabox>>['child'] | undefined;

after(async () => {
  running?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** The lines of an NDJSON answer; the last one says how it ended. */
async function ndjson(answer: Response): Promise<Record<string, unknown>[]> {
  return (await answer.text()).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function stop(child: NonNullable<typeof running>): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const code = await new Promise<number | null>((resolve) => { child.once('exit', resolve); child.kill('SIGINT'); });
  return { code, output };
}


test('npm start (databox up): a flow deployed and published in the studio installs on the box from the store, and Ctrl-C stops everything', { timeout: 240_000 }, async () => {
  // The first start as `npm start` runs it (scripts/start.sh: dist/ is current, so no build), the second through the bin.
  const started = await startScript(path.join(ROOT, 'scripts', 'start.sh'), ARGS, READY);
  running = started.child;
  const [, studioUrl = '', storeUrl = '', boxUrl = '', password = ''] = started.match;
  assert.match(password, /\S{8,}/, 'the first start prints the owner password');
  const owner = { authorization: `Basic ${Buffer.from(`owner:${password}`).toString('base64')}` };
  for (const url of [studioUrl, storeUrl, boxUrl]) assert.equal((await fetch(`${url}/api/health`)).status, 200, `${url} is healthy`);

  // The box knows the store, and its drivers run.
  assert.deepEqual(await (await fetch(`${boxUrl}/api/stores`, { headers: owner })).json(), [storeUrl]);
  const status = await (await fetch(`${boxUrl}/api/status`, { headers: owner })).json() as { components: { name: string; status: string }[] };
  for (const driver of ['os-monitor', 'sensors-sim', 'webhook']) assert.equal(status.components.find((c) => c.name === driver)?.status, 'running', `${driver} runs`);

  // The local developer: signed in on first visit, deploys, publishes with the kept token.
  const visit = await fetch(`${studioUrl}/`, { redirect: 'manual' });
  const cookie = (visit.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  assert.ok(cookie.includes('='), 'a session for the local developer');
  const tab = 'tab-up';
  const flows = [
    { id: tab, type: 'tab', label: 'Up and running', env: [{ name: 'name', type: 'str', value: 'up-and-running' }, { name: 'version', type: 'str', value: '1.0.0' }] },
    { id: 'room', type: 'databox-datasource', z: tab, datasourceType: 'temperature', clientid: 'room', mode: 'observe', required: true, x: 100, y: 100, wires: [['chart']] },
    { id: 'chart', type: 'databox-chart', z: tab, label: 'Room (°C)', chart: 'line', unit: '°C', points: 30, x: 300, y: 100, wires: [] },
  ];
  const deployed = await fetch(`${studioUrl}/workspace/flows`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'Node-RED-API-Version': 'v1' }, body: JSON.stringify(flows) });
  assert.equal(deployed.status, 204, await deployed.text());
  const published = (await ndjson(await fetch(`${studioUrl}/studio/api/publish`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ tab }) }))).at(-1);
  assert.deepEqual(published?.published, { name: 'up-and-running', version: '1.0.0', url: `${storeUrl}/apps/up-and-running` }, JSON.stringify(published));
  const tokenFile = path.join(dir, 'studio', 'store.token');
  assert.equal(statSync(tokenFile).mode & 0o777, 0o600, 'the kept store token is the owner\'s only');

  // The box installs it from the store it was introduced to.
  const install = (await ndjson(await fetch(`${boxUrl}/api/install`, { method: 'POST', headers: { ...owner, 'content-type': 'application/json' }, body: JSON.stringify({ app: 'up-and-running', bindings: { room: 'temperature' } }) }))).at(-1);
  assert.ok(install && 'result' in install, JSON.stringify(install));
  await eventually(async () => ((await (await fetch(`${boxUrl}/api/apps`, { headers: owner })).json()) as { name: string; status: string }[]).some((a) => a.name === 'up-and-running' && a.status === 'running'), 'the app runs on the box', { timeoutMs: 30_000, everyMs: 500 });
  const page = await fetch(`${boxUrl}/up-and-running/ui/`, { headers: owner });
  assert.equal(page.status, 200, 'its page, for the owner');

  // Ctrl-C: all three stop, and nothing they started is left (the box's services, drivers and
  // app, and the developer's workspace, are each a child process of the one command).
  const children = await childrenOf(started.child.pid ?? 0);
  assert.ok(children.length >= 11, `the stack's processes: ${children.length}`);
  const first = await stop(started.child);
  running = undefined;
  assert.equal(first.code, 0, first.output);
  assert.match(first.output, /databox up: stopped/);
  await eventually(() => children.every((pid) => !alive(pid)), 'no process of the stack is left', { timeoutMs: 20_000, everyMs: 250 });

  // Started again: the same password (not shown again), the same token, the app back.
  const token = readFileSync(tokenFile, 'utf8');
  const again = await startDatabox(['up', ...ARGS], READY);
  running = again.child;
  assert.equal(again.match[4], undefined, 'the password is shown on the first start only');
  const boxAgain = again.match[3] ?? '';
  await eventually(async () => ((await (await fetch(`${boxAgain}/api/apps`, { headers: owner })).json()) as { name: string; status: string }[]).some((a) => a.name === 'up-and-running' && a.status === 'running'), 'the app runs again', { timeoutMs: 30_000, everyMs: 500 });
  assert.equal(readFileSync(tokenFile, 'utf8'), token, 'the kept token is reused');
  // The store came up on another free port: the box knows that one, not both.
  assert.deepEqual(await (await fetch(`${boxAgain}/api/stores`, { headers: owner })).json(), [again.match[2]], 'the box forgets the store URL of the first start');
  const childrenAgain = await childrenOf(again.child.pid ?? 0);
  const second = await stop(again.child);
  running = undefined;
  assert.equal(second.code, 0, second.output);
  await eventually(() => childrenAgain.every((pid) => !alive(pid)), 'no process is left after the second stop', { timeoutMs: 20_000, everyMs: 250 });
});
