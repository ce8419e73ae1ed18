// The studio with docker workspaces, as several developers share it: each developer's Node-RED
// is its own container (a real engine). Two developers sign in through the GitHub OAuth flow;
// neither reaches the other's editor, WebSocket, flows or versions by any URL or forged
// cookie, and a function node in one workspace, escaping Node-RED's vm as hostile code would,
// finds no studio file in its container and reaches neither the other workspace, nor a server
// on this machine, nor anything but the studio's storage API with its own token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { WebSocket } from 'ws';
import { SESSION_COOKIE } from '../editor/auth/studio.auth';
import { developerId } from '../editor/db/studio.db';
import { dockerDriver, STUDIO_LABEL } from '../editor/workspaces/docker.driver';
import { dockerClient } from '../builder/image/docker.client';
import { TEST_LABELS } from './support/personal-box.fixture';
import { launchChromium, ROOT, signIn, startTestStudio, type TestStudio } from './support/studio.fixture';

const docker = dockerClient();
const studioId = `test-${randomBytes(4).toString('hex')}`;
let fixture: TestStudio;
let browser: Browser;
let alice: BrowserContext;
let bob: BrowserContext;
let hostServer: Server;

before(async () => {
  fixture = await startTestStudio({ driver: dockerDriver({ studioId, root: ROOT, memoryMb: 192, labels: TEST_LABELS }) });
  browser = await launchChromium();
  alice = await browser.newContext();
  bob = await browser.newContext();
  await signIn(alice, fixture.studio.url, 'alice');
  await signIn(bob, fixture.studio.url, 'bob');
  // A service on this machine listening on every address: a workspace must not reach it.
  hostServer = createServer((_req, res) => res.end('host secret'));
  await new Promise<void>((resolve) => hostServer.listen(0, '0.0.0.0', resolve));
});

after(async () => {
  await browser?.close();
  await fixture?.close();
  hostServer?.close();
  const left = await docker.listContainers({ all: true, filters: { label: [`${STUDIO_LABEL}=${studioId}`] } });
  assert.deepEqual(left.map((c) => c.Names), [], 'closing the studio removed its workspace containers');
  const networks = await docker.listNetworks({ filters: { label: [`${STUDIO_LABEL}=${studioId}`] } });
  assert.deepEqual(networks.map((n) => n.Name), [], 'and its network');
});

const api = (context: BrowserContext) => ({
  get: (route: string) => context.request.get(`${fixture.studio.url}${route}`),
  post: (route: string, data: unknown) => context.request.post(`${fixture.studio.url}${route}`, { data, headers: { 'Node-RED-API-Version': 'v1', origin: fixture.studio.url } }),
});

interface FlowNode { id: string; type: string }

test('each developer\'s workspace is a hardened container of its own', async () => {
  assert.equal((await api(alice).get('/workspace/flows')).status(), 200);
  assert.equal((await api(bob).get('/workspace/flows')).status(), 200);
  const containers = await docker.listContainers({ filters: { label: [`${STUDIO_LABEL}=${studioId}`] } });
  assert.equal(containers.length, 2, 'two workspaces, two containers');
  for (const info of containers) {
    const c = await docker.getContainer(info.Id).inspect();
    assert.equal(c.Config.User, '1000:1000');
    assert.equal(c.HostConfig.ReadonlyRootfs, true);
    assert.deepEqual(c.HostConfig.CapDrop, ['ALL']);
    assert.ok((c.HostConfig.Memory ?? 0) > 0, 'a memory limit');
    assert.ok(!c.Config.Env.some((e) => /SECRET|TOKEN|credential/i.test(e)), `no secret in its environment: ${c.Config.Env.join(' ')}`);
    assert.deepEqual(c.Mounts, [], 'no file of the studio is mounted in it');
  }
  // Each sees their own container's log on their page.
  const page = await (await api(alice).get('/')).text();
  assert.match(/<pre class="log"[^>]*>([^<]*)<\/pre>/.exec(page)?.[1] ?? '', /Started flows/);
});

test('a second developer reaches nothing of the first one\'s by any URL or forged cookie', async () => {
  const flows = [{ id: 'tab-a', type: 'tab', label: 'Alice only' }, { id: 'c1', type: 'comment', z: 'tab-a', name: 'alice secret note' }];
  assert.equal((await api(alice).post('/workspace/flows', flows)).status(), 204, 'deployed');
  const bobs = await (await api(bob).get('/workspace/flows')).json() as FlowNode[];
  assert.ok(!JSON.stringify(bobs).includes('alice secret note'), 'bob\'s /workspace/flows is his own');
  assert.deepEqual((await (await api(bob).get('/studio/api/versions')).json() as { versions: unknown[] }).versions, [], 'nor her versions');
  for (const route of [`/workspace/${developerId('github', 'alice')}/flows`, '/workspace/../workspace/flows', '/workspace/flows?developer=alice']) {
    const answer = await api(bob).get(route);
    assert.ok(!(await answer.text()).includes('alice secret note'), `${route} shows bob nothing of alice's`);
  }
  const forged = await fetch(`${fixture.studio.url}/workspace/flows`, { headers: { accept: 'application/json', cookie: `${SESSION_COOKIE}=s%3A${randomBytes(18).toString('base64url')}.x` } });
  assert.equal(forged.status, 401);
  const socket = await new Promise<number>((resolve) => {
    const ws = new WebSocket(`${fixture.studio.url.replace('http', 'ws')}/workspace/comms`, { headers: { origin: fixture.studio.url, cookie: `${SESSION_COOKIE}=forged` } });
    ws.on('open', () => { ws.close(); resolve(101); });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
  assert.equal(socket, 401);
  const aliceTarget = fixture.studio.manager.running(developerId('github', 'alice'))?.running.target ?? '';
  assert.equal((await fetch(`${aliceTarget}/workspace/flows`)).status, 403, 'her container answers nothing without its gate secret');
});

test('a function node that escapes Node-RED\'s vm finds no studio file and reaches no other workspace or host service', async () => {
  const bobTarget = fixture.studio.manager.running(developerId('github', 'bob'))?.running.target ?? '';
  const hostPort = (hostServer.address() as AddressInfo).port;
  const gateway = fixture.studio.driver.storageHost;
  const probe = `
    try {
    const proc = RED.util.cloneMessage.constructor('return process')();
    const req = proc.mainModule.require;
    const fs = req('fs');
    const http = req('http');
    const get = (url) => new Promise((resolve) => {
      const r = http.get(url, { timeout: 3000 }, (res) => { let b = ''; res.on('data', (d) => b += d); res.on('end', () => resolve('answered ' + res.statusCode + ' ' + b.slice(0, 40))); });
      r.on('timeout', () => { r.destroy(); resolve('unreachable'); });
      r.on('error', (e) => resolve('unreachable ' + e.code));
    });
    const found = [];
    const walk = (dir, depth) => { if (depth > 6) return; let list = []; try { list = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
      for (const e of list) { const p = dir + '/' + e.name; if (/^\\/(proc|sys|dev)$/.test(p)) continue;
        if (e.isDirectory()) walk(p, depth + 1); else if (/studio\\.sqlite|cookie-secret|\\.pem$/.test(e.name)) found.push(p); } };
    walk('', 0);
    global.set('probe', {
      studioFiles: found,
      studioDataDir: fs.existsSync(${JSON.stringify(path.join(fixture.dir, 'studio'))}),
      otherWorkspace: await get(${JSON.stringify(`${bobTarget}/workspace/health`)}),
      hostServer: await get('http://${gateway}:${hostPort}/'),
      storage: await get(${JSON.stringify(`${fixture.studio.storageUrl}/flows`)}),
      env: Object.keys(proc.env).filter((k) => /SECRET|TOKEN/i.test(k)),
    });
    } catch (error) { global.set('probe', { failed: String(error && error.stack || error) }); }
    return null;`;
  const flows = [
    { id: 'tab-p', type: 'tab', label: 'Probe' },
    { id: 'go', type: 'inject', z: 'tab-p', once: true, onceDelay: 0.1, repeat: '', topic: '', payload: '', payloadType: 'date', wires: [['fn']] },
    { id: 'fn', type: 'function', z: 'tab-p', func: probe, outputs: 1, wires: [[]] },
  ];
  assert.equal((await api(alice).post('/workspace/flows', flows)).status(), 204, 'deployed');
  let result: Record<string, unknown> | undefined;
  for (let i = 0; i < 100 && !result; i++) {
    const answer = await (await api(alice).get('/workspace/context/global/probe')).json() as { msg?: string };
    if (answer.msg && answer.msg.startsWith('{')) result = JSON.parse(answer.msg) as Record<string, unknown>;
    else await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.ok(result, 'the probe ran');
  assert.equal(result.failed, undefined, 'the probe ran through');
  assert.deepEqual(result.studioFiles, [], 'no studio database, cookie secret or key in the container');
  assert.equal(result.studioDataDir, false);
  assert.match(String(result.otherWorkspace), /^unreachable/, 'another developer\'s workspace is out of reach');
  assert.match(String(result.hostServer), /^unreachable/, 'a server on this machine is out of reach');
  assert.deepEqual(result.env, []);
  assert.match(String(result.storage), /^answered 401/, 'the one thing it reaches: the studio\'s storage API, which wants its token (and shows the probe could reach what is open)');
});
