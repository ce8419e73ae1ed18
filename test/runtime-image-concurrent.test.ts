// Concurrent builds of the runtime image on a cold engine (a version no image has yet), as two
// test files or a box installing two apps at once make them: two processes, one of them
// building twice at once. Every caller gets the finished image (uid 1000, the content label),
// the one the tag names, and the engine builds it once. The images are removed afterwards.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { dockerClient } from '../builder/image';
import { CONTENT_LABEL } from '../builder/image/image.labels';
import type { RuntimeImage } from '../builder/image';

const run = promisify(execFile);
const docker = dockerClient();
const version = `test-concurrent-${process.pid}-${Date.now().toString(36)}`;
const tag = `databox/flow-runtime:${version}`;

after(async () => {
  const left = await docker.listImages({ filters: { reference: [`databox/flow-runtime:${version}*`] } });
  for (const image of left) await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
});

async function child(calls: number): Promise<{ results: RuntimeImage[]; started: number }> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support', 'runtime-build.child.ts'), version, String(calls)], { cwd: path.resolve(__dirname, '..') });
  return JSON.parse(stdout.trim());
}

test('two processes building the same new runtime at once both get the finished, tagged image', async () => {
  assert.equal((await docker.listImages({ filters: { reference: [tag] } })).length, 0, 'a cold start: no image of this version yet');
  const [twice, once] = await Promise.all([child(2), child(1)]);
  // Whichever process takes the engine lock first builds; the other finds the image made.
  assert.equal(twice.started + once.started, 1, `one build of this content on the engine, whichever process made it (${twice.started} + ${once.started})`);
  const results = [...twice.results, ...once.results];
  const ids = new Set(results.map((r) => r.imageId));
  assert.equal(ids.size, 1, `every caller got the same image: ${[...ids].join(', ')}`);
  const info = await docker.getImage(results[0]?.imageId ?? '').inspect();
  assert.ok(info.RepoTags?.includes(tag), `the tag names it: ${info.RepoTags?.join(', ')}`);
  assert.equal(info.Config.User, '1000:1000', 'the finished image, not a step of the build');
  const declared = /^ENTRYPOINT (\[.*\])$/m.exec(readFileSync(path.join(__dirname, '..', 'runtime', 'Dockerfile'), 'utf8'))?.[1];
  assert.deepEqual(info.Config.Entrypoint, JSON.parse(declared ?? '[]'), 'the entrypoint runtime/Dockerfile declares');
  assert.equal(info.Config.Labels?.[CONTENT_LABEL], results[0]?.contentHash);
  assert.ok(results.some((r) => r.built), 'one of them built it');
  const leftovers = (await docker.listImages({ filters: { reference: [`${tag}-build-*`] } }));
  assert.deepEqual(leftovers.flatMap((i) => i.RepoTags ?? []), [], 'no build tags left behind');
});

test('removing that image leaves nothing of either build behind (the losing build cleaned up after itself)', async () => {
  await docker.getImage(tag).remove();
  const left = await docker.listImages({ all: true, filters: { label: [`io.databox.runtime-version=${version}`] } });
  assert.deepEqual(left.map((i) => i.Id), []);
});
