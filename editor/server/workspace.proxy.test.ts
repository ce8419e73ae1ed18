// The proxy in front of a workspace, against a stand-in workspace server that closes a kept
// connection under the next request (as a workspace restarting does): the editor's loader has no
// error path, so a 502 there left a page at "Loading Plugins". Sign-in and the manager are
// reduced to the one developer they would hand over; the proxy and http-proxy are the real ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import express from 'express';
import type { StudioAuth } from '../auth/studio.auth';
import type { StudioDb } from '../db/studio.db';
import type { WorkspaceManager } from '../workspaces/workspace.manager';
import { DataboxError } from '../../core/errors';
import { workspaceProxy } from './workspace.proxy';

const listen = (server: http.Server): Promise<string> => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

async function setUp(t: import('node:test').TestContext, closeWhen: (nth: number) => boolean) {
  const seen: { url: string; secret: string | undefined; cookie: string | undefined }[] = [];
  const perSocket = new WeakMap<Socket, number>();
  const workspace = http.createServer((req, res) => {
    const nth = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, nth);
    seen.push({ url: req.url ?? '', secret: req.headers['x-databox-workspace-secret'] as string | undefined, cookie: req.headers.cookie });
    if (closeWhen(nth)) { req.socket.destroy(); return; }
    res.end(`answer to ${req.url}`);
  });
  const target = await listen(workspace);
  const entry = { developerId: 'd1', gateSecret: 'gate', storageToken: 's', lastUsed: 0, running: { target } };
  const auth = { signedIn: () => ({ developer: { id: 'd1', login: 'octocat' } }) } as unknown as StudioAuth;
  const state = { running: true, ensured: 0, fail: false };
  const manager = {
    ensure: async () => {
      state.ensured++;
      if (state.fail) throw new DataboxError('workspace-start-failed', 'the workspace did not start', { status: 503 });
      return entry;
    },
    touch: () => undefined, running: () => (state.running ? entry : undefined),
  } as unknown as WorkspaceManager;
  const proxy = workspaceProxy({ auth, manager, db: {} as StudioDb });
  const app = express();
  app.use('/workspace', proxy.http);
  app.use((error: DataboxError, _req: express.Request, res: express.Response, _next: express.NextFunction) => { res.status(error.status ?? 500).json(error.toJSON()); });
  const studio = http.createServer(app);
  const url = await listen(studio);
  t.after(() => { proxy.close(); studio.close(); workspace.closeAllConnections(); workspace.close(); });
  const get = async (path: string) => {
    const answer = await fetch(`${url}${path}`, { headers: { cookie: 'studio.sid=secret' } });
    return { status: answer.status, text: await answer.text() };
  };
  return { seen, get, state };
}

test('a read that meets a kept connection closed under it is sent again, once, on a new one', async (t) => {
  const { seen, get } = await setUp(t, (nth) => nth === 2);
  assert.deepEqual(await get('/workspace/settings'), { status: 200, text: 'answer to /workspace/settings' });
  // The proxy reuses its kept connection; the workspace closes it under this request.
  assert.deepEqual(await get('/workspace/plugins'), { status: 200, text: 'answer to /workspace/plugins' });
  assert.deepEqual(seen.map((s) => s.url), ['/workspace/settings', '/workspace/plugins', '/workspace/plugins'], 'asked twice, the second time answered');
  assert.ok(seen.every((s) => s.secret === 'gate' && s.cookie === undefined), 'each with the gate secret and without the studio\'s cookie');
});

test('a workspace that drops every request is a 502 that says so, not a loop', async (t) => {
  const { seen, get } = await setUp(t, () => true);
  const answer = await get('/workspace/plugins');
  assert.equal(answer.status, 502);
  assert.equal(JSON.parse(answer.text).error.code, 'workspace-unreachable');
  assert.equal(seen.length, 1, 'a fresh connection that fails is not retried');
});

test('the editor\'s page is the studio\'s own, answered at once: a workspace not running starts meanwhile, and is never asked for it', async (t) => {
  const { seen, get, state } = await setUp(t, () => false);
  const page = await get('/workspace/');
  assert.equal(page.status, 200);
  assert.match(page.text, /<title>Databox Studio: octocat<\/title>/);
  assert.match(page.text, /<script src="red\/red\.min\.js\?v=[0-9a-f]{12}"><\/script>/, 'Node-RED\'s own page');
  assert.equal(state.ensured, 0, 'a running workspace is not started again');
  state.running = false;
  assert.equal((await get('/workspace/')).text, page.text);
  assert.equal(state.ensured, 1, 'a workspace not running is being started');
  assert.deepEqual(seen, [], 'no workspace was asked for the page');
});

test('after a start behind the page failed, the next page waits for the start, and so shows its error', async (t) => {
  const { seen, get, state } = await setUp(t, () => false);
  state.running = false;
  state.fail = true;
  assert.equal((await get('/workspace/')).status, 200, 'the page at once, while it starts');
  await new Promise((resolve) => setImmediate(resolve));
  const failed = await get('/workspace/');
  assert.equal(failed.status, 503);
  assert.match(failed.text, /workspace-start-failed/);
  state.fail = false;
  assert.equal((await get('/workspace/')).status, 200, 'and the page again once it starts');
  assert.deepEqual(seen, []);
});
