// The flow runtime image for real: the real Docker engine builds databox/flow-runtime and an
// app image from a compiled flow, runs the container on a random 127.0.0.1 port, and the
// app's /ui page serves live chart data from preview data, read over the WebSocket and
// drawn by Chromium. Then the container stops on SIGTERM and exits 0.
//
// The runtime image is shared and content-addressed (like databox/node-base): it is reused
// when its content is unchanged and not removed. Everything else this test creates (the app
// images, the container) carries io.databox.test=1 and is removed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type Docker from 'dockerode';
import { chromium, type Browser, type Page } from 'playwright-core';
import { extract } from 'tar-stream';
import { compile } from '../builder/compile';
import { generateDockerfile, packBundle, unpackBundle } from '../core/bundle';
import { scanNodeModules } from '../builder/modules';
import { publishBundle } from '../store-app/client/publish.client';
import { newKeyPem, startTestAppStore } from '../store-app/testing/app-store.fixture';
import { buildAppImage, buildRuntimeImage, dockerClient, type AppImage, type RuntimeImage } from '../builder/image';
import { appContext } from '../builder/image/app.context';
import { appImageLabels } from '../builder/image/image.labels';
import { buildImage } from '../builder/image/image.build';
import { DataboxError } from '../core/errors';
import { chartValues, watchUi } from '../runtime/ui/ui.watch';
import { startAppContainer } from './support/app-container.fixture';

interface ImageLayer { Id: string; Size: number }

const run = `${process.pid}-${Date.now().toString(36)}`;
// The run label also finds what a failed build leaves behind (its finished steps stay as images).
const TEST_LABEL = { 'io.databox.test': '1', 'io.databox.test.run': run };
const flows: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'runtime', 'fixtures', 'page-demo.flows.json'), 'utf8'));
const docker: Docker = dockerClient();
const cleanup: (() => Promise<unknown>)[] = [];
let runtime: RuntimeImage;
let app: AppImage;
let container: Docker.Container;
let base = '';
let browser: Browser | undefined;
let page: Page | undefined;

/** A proxy that serves the app under /<prefix>/ as the box does (prefix stripped, WebSocket too). */
async function prefixProxy(prefix: string, target: number): Promise<{ url: string; close(): Promise<void> }> {
  const strip = (url = '/') => (url.startsWith(`/${prefix}/`) ? url.slice(prefix.length + 1) : undefined);
  const server = http.createServer((req, res) => {
    const path = strip(req.url);
    if (!path) {
      res.writeHead(404).end();
      return;
    }
    const upstream = http.request({ host: '127.0.0.1', port: target, path, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    const path = strip(req.url);
    if (!path) {
      socket.destroy();
      return;
    }
    const upstream = net.connect(target, '127.0.0.1', () => {
      const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v ?? ''}`).join('\r\n');
      upstream.write(`${req.method} ${path} HTTP/1.1\r\n${headers}\r\n\r\n`);
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

before(async () => {
  const lines: string[] = [];
  runtime = await buildRuntimeImage({ onProgress: (line) => lines.push(line) });
  assert.ok(lines.length > 0, 'the runtime build reports progress');
});

after(async () => {
  await browser?.close();
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
  const left = await docker.listImages({ all: true, filters: { label: [`io.databox.test.run=${run}`] } });
  for (const image of left) await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
});

test('the runtime image runs as uid 1000 with the labels, port, health check and stop signal of decision 0004', async () => {
  const info = await docker.getImage(runtime.imageId).inspect();
  assert.ok(info.RepoTags?.includes(runtime.tag), `the tag names the image built: ${info.RepoTags?.join(', ')}`);
  assert.equal(info.Config.User, '1000:1000');
  assert.deepEqual(Object.keys(info.Config.ExposedPorts ?? {}), ['8080/tcp']);
  const config: { User: string; StopSignal?: unknown } = info.Config;
  assert.equal(config.StopSignal, 'SIGTERM');
  assert.ok(info.Config.Healthcheck?.Test?.includes('node'));
  const labels = info.Config.Labels ?? {};
  assert.equal(labels['io.databox.type'], 'runtime');
  assert.equal(labels['io.databox.runtime-version'], runtime.tag.split(':')[1]);
  assert.equal(labels['io.databox.content'], runtime.contentHash);
  assert.equal(labels['org.opencontainers.image.title'], 'databox/flow-runtime');
  const again = await buildRuntimeImage();
  assert.equal(again.contentHash, runtime.contentHash, 'the same dist/ has the same content hash');
  assert.equal(again.built, false, 'same content: no rebuild');
  assert.equal(again.imageId, runtime.imageId);
});

test('an app image from a compiled flow adds only its own few KB, labelled with its manifest', async () => {
  const bundle = compile(flows, 'demo-tab');
  const progress: string[] = [];
  app = await buildAppImage(bundle, { tag: `databox-test/app-page-demo:${run}`, labels: TEST_LABEL, onProgress: (line) => progress.push(line) });
  cleanup.push(() => docker.getImage(app.imageId).remove({ force: true }));
  assert.ok(progress.some((line) => /^Step \d+\/\d+ : COPY databox-manifest.json flows.json package.json \/app\//.test(line)), progress.join('\n'));
  const info = await docker.getImage(app.imageId).inspect();
  const labels = info.Config.Labels ?? {};
  assert.equal(labels['io.databox.test'], '1');
  assert.equal(labels['io.databox.name'], 'host-load');
  assert.equal(labels['io.databox.type'], 'app');
  assert.equal(labels['io.databox.runtime-version'], runtime.tag.split(':')[1]);
  assert.deepEqual(JSON.parse(labels['io.databox.manifest'] ?? '{}'), bundle.manifest);
  const history: ImageLayer[] = await docker.getImage(app.imageId).history();
  const runtimeHistory: ImageLayer[] = await docker.getImage(runtime.imageId).history();
  const baseLayers = new Set(runtimeHistory.map((h) => h.Id).filter((id) => id !== '<missing>'));
  const own = history.filter((h) => !baseLayers.has(h.Id)).reduce((total, h) => total + h.Size, 0);
  console.log(`app layers over the runtime: ${own} bytes`);
  assert.ok(own > 0 && own < 100_000, `app layers are ${own} bytes`);
});

/** What a container of the image holds under /app: name, mode, owner and bytes of each file. */
async function appFiles(image: string): Promise<string[]> {
  const probe = await docker.createContainer({ Image: image, Labels: TEST_LABEL, NetworkDisabled: true });
  try {
    const tar = await probe.getArchive({ path: '/app' });
    const files: string[] = [];
    const reader = extract();
    await new Promise<void>((resolve, reject) => {
      reader.on('entry', (header, body, next) => {
        const chunks: Buffer[] = [];
        body.on('data', (chunk: unknown) => { if (Buffer.isBuffer(chunk)) chunks.push(chunk); });
        body.on('end', () => {
          if (header.type === 'file') files.push(`${header.name} ${((header.mode ?? 0) & 0o7777).toString(8)} ${header.uid}:${header.gid} ${Buffer.concat(chunks).toString('base64')}`);
          next();
        });
      });
      reader.on('finish', resolve);
      reader.on('error', reject);
      tar.pipe(reader);
    });
    return files.sort();
  } finally {
    await probe.remove({ force: true });
  }
}

test('the committed app image equals what Docker\'s builder makes of the same bundle: config, labels, layers, files', async () => {
  const bundle = compile(flows, 'demo-tab');
  const { entries } = appContext(bundle);
  const viaBuilder = await buildImage(docker, entries, { tag: `databox-test/app-page-demo-builder:${run}`, labels: { ...appImageLabels(bundle.manifest), ...TEST_LABEL } });
  cleanup.push(() => docker.getImage(viaBuilder).remove({ force: true }));
  const [committed, built, base] = await Promise.all([app.imageId, viaBuilder, runtime.imageId].map((id) => docker.getImage(id).inspect()));
  // `Image` names the parent: the runtime for the commit, the builder's intermediate LABEL image for the builder.
  const { Image: _committedParent, ...committedConfig } = committed?.Config ?? { Image: '' };
  const { Image: _builtParent, ...builtConfig } = built?.Config ?? { Image: '' };
  assert.deepEqual(committedConfig, builtConfig);
  assert.deepEqual(committed?.RootFS.Layers?.slice(0, -1), base?.RootFS.Layers);
  assert.equal(committed?.RootFS.Layers?.length, (base?.RootFS.Layers?.length ?? 0) + 1, 'one layer over the runtime');
  const files = await appFiles(app.imageId);
  assert.deepEqual(files.map((f) => f.split(' ').slice(0, 3).join(' ')), ['app/databox-manifest.json 644 0:0', 'app/flows.json 644 0:0', 'app/package.json 644 0:0']);
  assert.deepEqual(files, await appFiles(viaBuilder));
});

/** This test's images under `tag` (counting every image on the engine would count other test files' too: they run alongside). */
async function imagesTagged(tag: string): Promise<string[]> {
  return (await docker.listImages({ filters: { reference: [tag] } })).map((image) => image.Id);
}

test('a bundle whose Dockerfile is not the generated one is refused before anything is built', async () => {
  const bundle = compile(flows, 'demo-tab');
  const tag = `databox-test/app-stopsignal:${run}`;
  await assert.rejects(
    buildAppImage({ ...bundle, dockerfile: `${bundle.dockerfile}STOPSIGNAL SIGINT\n` }, { tag, labels: TEST_LABEL }),
    { code: 'bundle-invalid', message: /the Dockerfile is not the one `databox build` writes for this manifest \(it differs from line \d+\)/ },
  );
  assert.deepEqual(await imagesTagged(tag), [], 'no image was made');
});

test('the app container serves /health and live chart data from preview data on /ui', async () => {
  const started = await startAppContainer(docker, {
    image: app.imageId, labels: TEST_LABEL, env: ['DATABOX_MODE=preview', `DATABOX_PREVIEW_SEED=${run}`],
    hostConfig: { ReadonlyRootfs: true, Tmpfs: { '/tmp': 'rw,size=64m' }, CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges'] }, healthMs: 60_000, cleanup,
  });
  container = started.container;
  const { port, health } = started;
  base = `http://127.0.0.1:${port}`;
  assert.equal(health.status, 'ok');
  assert.equal(health.mode, 'preview');

  const watch = await watchUi(`ws://127.0.0.1:${port}/ui/ws`);
  try {
    await watch.until((m) => m.length > 0, 10_000);
    const snapshot = watch.messages[0];
    assert.equal(snapshot?.type, 'snapshot');
    const labels = snapshot?.type === 'snapshot' ? snapshot.widgets.map((w) => w.widget.label).sort() : [];
    assert.deepEqual(labels, ['Last readings', 'Load average (1 min)', 'Load now', 'Note', 'Recent readings']);
    const seen = chartValues(watch.messages, 'chart-line').length;
    await watch.until((m) => chartValues(m, 'chart-line').length >= seen + 3, 15_000);
    assert.ok(chartValues(watch.messages, 'chart-line').every((v) => Number.isFinite(v) && v >= 0));
  } finally {
    watch.close();
  }
});

test('Chromium draws the charts, table and note from the app itself (no outside requests)', async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}/ui`);
  assert.equal(new URL(page.url()).pathname, '/ui/');
  await page.waitForSelector('#status.connected', { timeout: 15_000 });
  // A line chart card with points, its canvas drawn (non-blank pixels), and the table rows.
  await page.waitForFunction(() => Number(document.querySelector('[data-widget="chart-line"]')?.getAttribute('data-points') ?? 0) > 3, undefined, { timeout: 15_000 });
  const drawn = await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-widget="chart-line"] canvas');
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return 0;
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) inked++;
    return inked;
  });
  assert.ok(drawn > 500, `the chart canvas has ${drawn} drawn pixels`);
  assert.equal(await page.locator('[data-widget="chart-gauge"] canvas').count(), 1);
  assert.equal(await page.locator('[data-widget="chart-bar"] canvas').count(), 1);
  assert.match(await page.locator('[data-widget="chart-gauge"] .gauge-reading').textContent() ?? '', /^\d+\.\d+$/);
  await page.waitForFunction(() => Number(document.querySelector('[data-widget="list-rows"]')?.getAttribute('data-rows') ?? 0) > 0, undefined, { timeout: 15_000 });
  assert.equal(await page.locator('[data-widget="note"] strong').textContent(), 'load average');
  assert.equal(await page.locator('[data-widget="note"] script').count(), 0, 'markup in text is shown, never run');
  assert.match(await page.locator('[data-widget="note"]').textContent() ?? '', /<script>alert\(1\)<\/script>/);
  assert.deepEqual(errors, []);
  const outside = requests.filter((url) => !url.startsWith(base) && !url.startsWith('data:'));
  assert.deepEqual(outside, []);
  await page.screenshot({ path: path.join(__dirname, '..', 'tmp', 'runtime-image-ui.png') }).catch(() => undefined);
});

test('under a path prefix, as the box serves it (/<app>/ui/), the page works with its relative URLs', async () => {
  const proxy = await prefixProxy('host-load', Number(new URL(base).port));
  const context = await browser?.newContext({ viewport: { width: 1000, height: 700 } });
  assert.ok(context);
  try {
    const prefixed = await context.newPage();
    const requests: string[] = [];
    prefixed.on('request', (request) => requests.push(request.url()));
    await prefixed.goto(`${proxy.url}/host-load/ui`);
    assert.equal(new URL(prefixed.url()).pathname, '/host-load/ui/');
    await prefixed.waitForSelector('#status.connected', { timeout: 15_000 });
    await prefixed.waitForFunction(() => Number(document.querySelector('[data-widget="chart-line"]')?.getAttribute('data-points') ?? 0) > 3, undefined, { timeout: 15_000 });
    const outside = requests.filter((url) => !url.startsWith(`${proxy.url}/host-load/ui`) && !url.startsWith('data:'));
    assert.deepEqual(outside, []);
    assert.ok(requests.some((url) => url === `${proxy.url}/host-load/ui/vendor/chart.umd.js`));
  } finally {
    await context.close();
    await proxy.close();
  }
});

test('docker stop: the app stops Node-RED on SIGTERM and exits 0 by itself', async () => {
  const started = Date.now();
  // Docker would SIGKILL after 20 s (exit code 137): exit code 0 means the app stopped itself.
  await container.stop({ t: 20 });
  const stoppedMs = Date.now() - started;
  // The open page notices and says so.
  await page?.waitForSelector('#status.reconnecting', { timeout: 15_000 });
  const state = (await container.inspect()).State;
  assert.equal(state.Running, false);
  assert.equal(state.ExitCode, 0);
  assert.equal(state.OOMKilled, false);
  const logs = String(await container.logs({ stdout: true, stderr: true }));
  assert.match(logs, /databox: SIGTERM, stopping/);
  assert.match(logs, /databox: stopped/);
  console.log(`container stopped in ${stoppedMs} ms`);
});

test('a failing build step comes back as a DataboxError naming the step; a module a bundle names but does not carry, before Docker is asked', async () => {
  const bundle = compile(flows, 'demo-tab');
  // A bundle that depends on a third-party module but carries no tarball of it: a box could not install it.
  const uncarried = { ...bundle, packageJson: { ...bundle.packageJson, dependencies: { 'node-red-contrib-x': '1.0.0' } }, dockerfile: generateDockerfile(bundle.manifest, { modules: true }) };
  const brokenTag = `databox-test/app-broken:${run}`;
  await assert.rejects(buildAppImage(uncarried, { tag: brokenTag, labels: TEST_LABEL }), (error: unknown) =>
    error instanceof DataboxError && error.code === 'bundle-module-missing' && /depends on node-red-contrib-x 1\.0\.0, but the bundle carries no modules\/node-red-contrib-x-1\.0\.0\.tgz/.test(error.message));
  assert.deepEqual(await imagesTagged(brokenTag), [], 'no image was made');
  // A failing step inside Docker's builder, which reports it in its own words.
  const { entries } = appContext(bundle);
  const foreign = entries.map((e) => (e.name === 'Dockerfile' ? { ...e, content: Buffer.from(`FROM ${runtime.tag}\nARG X=1\nCOPY missing.txt /app/\n`) } : e));
  await assert.rejects(buildImage(docker, foreign, { tag: `databox-test/app-broken-builder:${run}`, labels: TEST_LABEL }), (error: unknown) =>
    error instanceof DataboxError && error.code === 'image-build-failed' && /Step \d+\/\d+ : COPY missing.txt \/app\/: COPY failed/.test(error.message) && /missing\.txt/.test(error.message));
});

test('third-party node modules travel in the bundle\'s tarballs: published, downloaded, unpacked, and the app image built from that alone runs them', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-modules-'));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('node_modules/node-red-contrib-triple/package.json', JSON.stringify({ name: 'node-red-contrib-triple', version: '1.0.0', dependencies: { 'triple-helper': '1' }, 'node-red': { nodes: { triple: 'triple.js' } } }));
  write('node_modules/node-red-contrib-triple/triple.js', "module.exports = (RED) => { const { triple } = require('triple-helper'); RED.nodes.registerType('triple', function (config) { RED.nodes.createNode(this, config); this.on('input', (msg, send, done) => { msg.payload = triple(Number(msg.payload)); send(msg); done(); }); }); };\n");
  write('node_modules/node-red-contrib-triple/triple.html', '<script type="text/javascript">RED.nodes.registerType("triple", { category: "function", defaults: {}, inputs: 1, outputs: 1 });</script>\n');
  write('node_modules/triple-helper/package.json', JSON.stringify({ name: 'triple-helper', version: '1.0.0', main: 'index.js' }));
  write('node_modules/triple-helper/index.js', 'exports.triple = (n) => n * 3;\n');
  const moduleFlows = [
    { id: 'mt', type: 'tab', label: 'Triple' },
    { id: 'in', type: 'inject', z: 'mt', props: [{ p: 'payload' }], repeat: '0.2', once: true, onceDelay: 0.1, payload: '14', payloadType: 'num', wires: [['x3']] },
    { id: 'x3', type: 'triple', z: 'mt', wires: [['out']] },
    { id: 'out', type: 'databox-chart', z: 'mt', label: 'Tripled', chart: 'line', unit: '', points: 20, wires: [] },
  ];
  const built = compile(moduleFlows, 'mt', { version: '1.0.0', modules: await scanNodeModules([path.join(dir, 'node_modules')]) });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(built.modules?.map((m) => m.file), ['modules/node-red-contrib-triple-1.0.0.tgz', 'modules/triple-helper-1.0.0.tgz']);

  // Through a real app store, as a box gets it: the download is all there is (the module folders are gone).
  const store = await startTestAppStore({ backend: 'sqlite', users: { gho_dev: 'dev' } });
  cleanup.push(() => store.close());
  await publishBundle({ storeUrl: store.url, token: 'gho_dev', tarball: packBundle(built), privateKeyPem: newKeyPem() });
  const download = await fetch(`${store.url}/api/apps/triple/1.0.0/bundle`);
  assert.equal(download.status, 200);
  const bundle = await unpackBundle(Buffer.from(await download.arrayBuffer()));
  assert.deepEqual(bundle, built);
  assert.equal(fs.existsSync(dir), false, 'no node_modules folder anywhere');
  assert.match(bundle.dockerfile, /COPY node_modules\/ \/app\/node_modules\//);

  const progress: string[] = [];
  const image = await buildAppImage(bundle, { tag: `databox-test/app-triple:${run}`, labels: TEST_LABEL, onProgress: (line) => progress.push(line) });
  cleanup.push(() => docker.getImage(image.imageId).remove({ force: true }));
  assert.ok(progress.some((line) => /^Step \d+\/\d+ : COPY node_modules\/ \/app\/node_modules\//.test(line)), progress.join('\n'));
  const files = (await appFiles(image.imageId)).map((f) => f.split(' ').slice(0, 3).join(' '));
  assert.deepEqual(files.filter((f) => f.startsWith('app/node_modules/')), [
    'app/node_modules/node-red-contrib-triple/package.json 644 0:0', 'app/node_modules/node-red-contrib-triple/triple.html 644 0:0',
    'app/node_modules/node-red-contrib-triple/triple.js 644 0:0', 'app/node_modules/triple-helper/index.js 644 0:0', 'app/node_modules/triple-helper/package.json 644 0:0',
  ]);
  assert.ok(!files.some((f) => f.startsWith('app/modules/')), 'the tarballs themselves are not in the image');
  const { container: tripled, port } = await startAppContainer(docker, { image: image.imageId, labels: TEST_LABEL, healthMs: 60_000, cleanup });
  const watch = await watchUi(`ws://127.0.0.1:${port}/ui/ws`);
  try {
    await watch.until((m) => chartValues(m, 'out').length >= 3, 15_000);
    assert.deepEqual([...new Set(chartValues(watch.messages, 'out'))], [42]);
  } finally {
    watch.close();
  }
  await tripled.stop({ t: 20 });
  assert.equal((await tripled.inspect()).State.ExitCode, 0);
});
