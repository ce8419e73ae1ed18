// `databox build --image` for real: the CLI compiles a flow that uses a third-party node
// module (with a config node and a dependency), packs the module and its dependency into the
// bundle as tarballs, and builds the app image from the bundle on the real Docker engine; the container then runs the flow in preview mode, so Node-RED
// must find the module in /app/node_modules, and the module's node must really transform the
// datasource's readings (with the prefix from its config node) on their way to the page.
//
// The runtime image is shared (content-addressed, reused, not removed); the app image and the
// container carry io.databox.test=1 and are removed.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { after, before, test } from 'node:test';
import type Docker from 'dockerode';
import { buildRuntimeImage, dockerClient } from '../builder/image';
import type { UiMessage } from '../runtime/ui/ui.socket';
import { watchUi } from '../runtime/ui/ui.watch';
import { startAppContainer } from './support/app-container.fixture';

const root = path.join(__dirname, '..');
const fixtures = path.join(root, 'builder', 'fixtures');
const run = `${process.pid}-${Date.now().toString(36)}`;
const tag = `databox-test/app-shouting:${run}`;
const docker: Docker = dockerClient();
const work = mkdtempSync(path.join(tmpdir(), 'builder-cli-image-'));
const cleanup: (() => Promise<unknown>)[] = [];
let imageId = '';

function databox(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('npx', ['databox', ...args], { cwd: root, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

before(async () => {
  await buildRuntimeImage();
});

after(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
});

test('databox build --image builds the app image with the module from the bundle\'s tarballs, showing progress', async () => {
  const out = path.join(work, 'shouting');
  const result = await databox(['build', path.join(fixtures, 'third-party-module', 'flows.json'), '--modules', path.join(fixtures, '_modules'),
    '--out', out, '--image', '--tag', tag, '--label', 'io.databox.test=1']);
  const built = /image (\S+) \((sha256:[0-9a-f]{64})\)/.exec(result.stdout);
  // Removed by tag, never by id with force: an id can carry other tags (the shared runtime's).
  if (built?.[2]) { imageId = built[2]; cleanup.push(() => docker.getImage(tag).remove()); }
  assert.equal(result.code, 0, result.stderr + result.stdout);
  assert.match(result.stdout, /\| Step \d+\/\d+ : COPY node_modules\/ \/app\/node_modules\//);
  assert.deepEqual(readdirSync(join(out, 'modules')), ['fixture-helper-0.2.1.tgz', 'node-red-contrib-databox-fixture-1.4.2.tgz']);
  assert.equal(existsSync(join(out, 'node_modules')), false, 'nothing staged beside the bundle: the image took the modules from it');
  assert.equal(built?.[1], tag);
  const labels = (await docker.getImage(tag).inspect()).Config.Labels ?? {};
  assert.equal(labels['io.databox.test'], '1');
  assert.deepEqual(JSON.parse(labels['io.databox.manifest'] ?? '{}'), JSON.parse(readFileSync(path.join(out, 'databox-manifest.json'), 'utf8')));
});

test('the app container loads the third-party node from /app/node_modules and it transforms the data', async () => {
  assert.ok(imageId, 'the image was built');
  const { container, port, health } = await startAppContainer(docker, {
    image: imageId, labels: { 'io.databox.test': '1' }, env: ['DATABOX_MODE=preview', `DATABOX_PREVIEW_SEED=${run}`],
    hostConfig: { CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges'] }, healthMs: 45_000, cleanup,
  });
  assert.equal(health.status, 'ok', 'Node-RED started the flow: no missing node types');
  const watch = await watchUi(`ws://127.0.0.1:${port}/ui/ws`);
  try {
    // The location reading, upper-cased by the module's node, with its config node's prefix.
    const shouted = (messages: UiMessage[]) => messages.some((m) => m.type === 'update' && m.update.kind === 'list'
      && typeof m.update.row.value === 'string' && m.update.row.value.startsWith('!! {"LAT":'));
    await watch.until(shouted, 20_000).catch((error: unknown) => { throw new Error(`${String(error)}: ${JSON.stringify(watch.messages).slice(0, 1500)}`); });
    assert.ok(shouted(watch.messages));
  } finally {
    watch.close();
  }
  await container.stop({ t: 10 });
});
