// The studio without a GitHub app, as `databox studio` runs on a developer's own machine: it
// signs in one local developer and says so on its page and in its log; a workspace nobody uses
// stops, and the next request starts it again with its flows; the storage API answers only a
// running workspace's own token, and refuses a flow that is not one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { developerId } from '../editor/db/studio.db';
import { startStudio, type RunningStudio } from '../editor/server/studio.server';
import { ROOT } from './support/studio.fixture';
import { eventually } from './support/eventually';

const dir = mkdtempSync(path.join(tmpdir(), 'studio-local-'));
const log: string[] = [];
let studio: RunningStudio;
let cookie = '';

before(async () => {
  studio = await startStudio({ dataDir: dir, port: 0, host: '127.0.0.1', root: ROOT, idleMs: 1500, log: (line) => log.push(line) });
});

after(async () => {
  await studio?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('without a GitHub app the studio signs in one local developer, and says so', async () => {
  assert.ok(log.some((line) => /no GitHub app configured/.test(line)), 'in the log');
  const home = await fetch(`${studio.url}/`);
  assert.equal(home.status, 200);
  const page = await home.text();
  assert.match(page, /No GitHub app is configured: this studio signs in one local developer/);
  assert.match(page, /Hello, Local developer/);
  cookie = (home.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  assert.match(cookie, /^databox_studio=/);
  assert.equal((await (await fetch(`${studio.url}/api/health`)).json() as { signIn: string }).signIn, 'local');
  const github = await fetch(`${studio.url}/auth/github`, { redirect: 'manual' });
  assert.equal(github.status, 303, 'there is no GitHub to go to');
});

test('Node-RED\'s editor files and core icons come from the studio itself, without starting a workspace', async () => {
  for (const [file, type] of [['red/red.min.js', /javascript/], ['vendor/vendor.js', /javascript/], ['icons/node-red/inject.svg', /svg/]] as const) {
    const answer = await fetch(`${studio.url}/workspace/${file}`, { headers: { cookie } });
    assert.equal(answer.status, 200, file);
    assert.match(answer.headers.get('content-type') ?? '', type, file);
  }
  assert.equal(studio.manager.running(developerId('local', 'local')), undefined, 'no workspace was started for them');
});

test('an idle workspace stops, and the next request starts it again with its flows', async () => {
  const flows = [{ id: 't1', type: 'tab', label: 'Kept' }];
  const deploy = await fetch(`${studio.url}/workspace/flows`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'Node-RED-API-Version': 'v1' }, body: JSON.stringify(flows) });
  assert.equal(deploy.status, 204);
  const id = developerId('local', 'local');
  const first = studio.manager.running(id);
  assert.ok(first);
  await first.running.ended;
  assert.equal(studio.manager.running(id), undefined, 'stopped when idle');
  assert.ok(log.some((line) => /idle for/.test(line)));
  const back = await fetch(`${studio.url}/workspace/flows`, { headers: { cookie } });
  assert.deepEqual(await back.json(), flows);
  // What Node-RED wrote for the developer's flows is on their page, escaped, oldest first.
  // Node-RED starts the flows just after it answers: its log line may come a moment later.
  const logged = async () => /<pre class="log"[^>]*>([^<]*)<\/pre>/.exec(await (await fetch(`${studio.url}/`, { headers: { cookie } })).text())?.[1] ?? '';
  await eventually(async () => /Started flows[\s\S]*Stopping flows[\s\S]*Started flows/.test(await logged()), 'the second run\'s start is in the log', { timeoutMs: 15_000, everyMs: 200 }).catch(() => undefined);
  assert.match(await logged(), /Started flows[\s\S]*Stopping flows[\s\S]*Started flows/, 'both runs of the workspace, in order');
});

test('the storage API answers only a running workspace\'s token, and stores only flows', async () => {
  const none = await fetch(`${studio.storageUrl}/flows`);
  assert.equal(none.status, 401);
  const guessed = await fetch(`${studio.storageUrl}/flows`, { headers: { authorization: `Bearer ${'x'.repeat(43)}` } });
  assert.equal(guessed.status, 401);
  const entry = studio.manager.running(developerId('local', 'local')) ?? await studio.manager.ensure(studio.db.upsertDeveloper({ login: 'local', provider: 'local', name: 'Local developer' }));
  const auth = { authorization: `Bearer ${entry.storageToken}`, 'content-type': 'application/json' };
  const before = studio.db.versions(entry.developerId).length;
  const bad = await fetch(`${studio.storageUrl}/flows`, { method: 'PUT', headers: auth, body: JSON.stringify({ not: 'a flow' }) });
  assert.equal(bad.status, 400);
  assert.match((await bad.json() as { error: { message: string } }).error.message, /not a JSON array of nodes/);
  const unknownDoc = await fetch(`${studio.storageUrl}/docs/passwords`, { headers: auth });
  assert.equal(unknownDoc.status, 404);
  const traversal = await fetch(`${studio.storageUrl}/library/flows?path=${encodeURIComponent('../../etc/passwd')}`, { headers: auth });
  assert.equal(traversal.status, 400);
  assert.equal(studio.db.versions(entry.developerId).length, before, 'nothing stored');
});
