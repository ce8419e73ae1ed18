// The engine lock on a real Docker engine: holders take turns; a lock left by a dead holder is
// taken over once stale. Needs the local base image (scripts/provision.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerClient } from './docker.client';
import { lockEngine } from './engine.lock';
import { LOCAL_BASE_IMAGE } from './base-image';

const docker = dockerClient();
const name = `databox-test-lock-${process.pid}`;

test('a second holder waits until the first releases; the lock is gone afterwards', async () => {
  const order: string[] = [];
  const first = await lockEngine(docker, name, LOCAL_BASE_IMAGE);
  let waited = false;
  const second = lockEngine(docker, name, LOCAL_BASE_IMAGE, { onWait: () => { waited = true; } }).then((release) => { order.push('second'); return release; });
  await new Promise((resolve) => setTimeout(resolve, 600)); // asserts that the second does NOT get it while held
  order.push('first releases');
  await first();
  const release = await second;
  assert.ok(waited, 'the second was told to wait');
  assert.deepEqual(order, ['first releases', 'second']);
  await release();
  assert.equal((await docker.listContainers({ all: true, filters: { name: [name] } })).length, 0);
});

test('a lock older than staleMs (its holder died) is taken over', async () => {
  await docker.createContainer({ name, Image: LOCAL_BASE_IMAGE, Cmd: ['true'], Labels: { 'io.databox.lock': name, 'io.databox.test': '1' }, NetworkDisabled: true });
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const release = await lockEngine(docker, name, LOCAL_BASE_IMAGE, { staleMs: 1000, timeoutMs: 5000 });
  await release();
  assert.equal((await docker.listContainers({ all: true, filters: { name: [name] } })).length, 0);
});
