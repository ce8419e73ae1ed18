// The Dockerfile the builder generates (core/bundle) built by a real Docker engine: every
// label reads back exactly, whatever the manifest's text holds (quotes, $, backslashes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import Docker from 'dockerode';
import { bundleFiles, generateDockerfile } from '../core/bundle';
import { writeTar } from '../core/bundle/tar.write';
import type { Manifest } from '../core/manifest/manifest.types';
import { builtBundle } from './support/built-bundle';

const tricky: Manifest = {
  ...builtBundle().manifest,
  description: 'Costs $HOME ${PATH} "quoted" back\\slash \\" and\nnew line, ünïcödé ✓',
  author: 'Ada "the" Lovelace',
  signature: 'not-in-the-label',
};

test('Docker reads the manifest label back exactly (a real build FROM scratch)', async () => {
  const docker = new Docker();
  const tag = `databox-test/dockerfile-label:${process.pid}`;
  const bundle = { ...builtBundle(), manifest: tricky };
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
