import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import Docker from 'dockerode';
import type { Manifest } from '../../core/manifest/manifest.types';
import { checkAppDockerfile } from '../image/app.dockerfile';
import { sampleBundle } from '../bundle/bundle.sample';
import { bundleFiles } from '../bundle/bundle.files';
import { writeTar } from '../bundle/tar.write';
import { generateDockerfile, quote } from './dockerfile.generate';

const tricky: Manifest = {
  ...sampleBundle().manifest,
  description: 'Costs $HOME ${PATH} "quoted" back\\slash \\" and\nnew line, ünïcödé ✓',
  author: 'Ada "the" Lovelace',
  signature: 'not-in-the-label',
};

test('FROM the runtime image, labels, COPY of the bundle files (and node_modules only when staged)', () => {
  const text = generateDockerfile(sampleBundle().manifest, { modules: false });
  assert.match(text, /^FROM databox\/flow-runtime:0\.1\.0$/m);
  assert.match(text, /^COPY databox-manifest\.json flows\.json package\.json \/app\/$/m);
  assert.doesNotMatch(text, /node_modules|^RUN|^ADD/m);
  assert.match(generateDockerfile(sampleBundle().manifest, { modules: true }), /^COPY node_modules\/ \/app\/node_modules\/$/m);
  for (const label of ['io.databox.name="sample-app"', 'io.databox.type="app"', 'io.databox.runtime-version="0.1.0"', 'io.databox.manifest="{']) {
    assert.ok(text.includes(label), label);
  }
  assert.deepEqual(checkAppDockerfile(text), { runtimeImage: 'databox/flow-runtime:0.1.0', runtimeVersion: '0.1.0' }, 'the image builder accepts it');
});

test('label values escape quotes, backslashes and $ (no variable expansion) and stay on one line', () => {
  assert.equal(quote('a "b" \\ $c\nd'), 'a \\"b\\" \\\\ \\$c d');
  const text = generateDockerfile(tricky, { modules: false });
  assert.ok(!text.includes('not-in-the-label'), 'the signature is not in the image');
});

test('Docker reads the manifest label back exactly (a real build FROM scratch)', async () => {
  const docker = new Docker();
  const tag = `databox-test/dockerfile-label:${process.pid}`;
  const bundle = { ...sampleBundle(), manifest: tricky };
  const dockerfile = generateDockerfile(tricky, { modules: false, baseImage: 'scratch' });
  const files = bundleFiles({ ...bundle, dockerfile }).filter((f) => f.name !== 'README.md');
  const stream = await docker.buildImage(Readable.from([writeTar(files)]), { t: tag, labels: { 'io.databox.test': '1' }, pull: false, rm: true, forcerm: true });
  const events: unknown[] = await new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, output: unknown[]) => (error ? reject(error) : resolve(output)));
  });
  try {
    const failed = events.find((e) => typeof e === 'object' && e !== null && 'error' in e);
    assert.equal(failed, undefined, JSON.stringify(failed));
    const labels = (await docker.getImage(tag).inspect()).Config.Labels ?? {};
    const { signature: _signature, ...expected } = tricky;
    assert.deepEqual(JSON.parse(labels['io.databox.manifest'] ?? '{}'), expected);
    assert.equal(labels['org.opencontainers.image.description'], 'Costs $HOME ${PATH} "quoted" back\\slash \\" and new line, ünïcödé ✓');
    assert.equal(labels['org.opencontainers.image.authors'], 'Ada "the" Lovelace');
    assert.equal(labels['io.databox.test'], '1');
  } finally {
    await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
  }
});
