import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Manifest } from '../manifest/manifest.types';
import { builtBundle } from '../../test/support/built-bundle';
import { dockerfileInstructions } from '../../builder/image/dockerfile.instructions';
import { dockerQuote, generateDockerfile } from './bundle.dockerfile';

const tricky: Manifest = {
  ...builtBundle().manifest,
  description: 'Costs $HOME ${PATH} "quoted" back\\slash \\" and\nnew line, ünïcödé ✓',
  author: 'Ada "the" Lovelace',
  signature: 'not-in-the-label',
};

test('FROM the runtime image, labels, COPY of the bundle files (and node_modules, made from the module tarballs, only when there are any)', () => {
  const text = generateDockerfile(builtBundle().manifest, { modules: false });
  assert.match(text, /^FROM databox\/flow-runtime:0\.1\.0$/m);
  assert.match(text, /^COPY databox-manifest\.json flows\.json package\.json \/app\/$/m);
  assert.doesNotMatch(text, /node_modules|^RUN|^ADD/m);
  assert.match(generateDockerfile(builtBundle().manifest, { modules: true }), /^COPY node_modules\/ \/app\/node_modules\/$/m);
  for (const label of ['io.databox.name="host-load"', 'io.databox.type="app"', 'io.databox.runtime-version="0.1.0"', 'io.databox.manifest="{']) {
    assert.ok(text.includes(label), label);
  }
  assert.deepEqual(dockerfileInstructions(text).map((i) => i.text.split(' ')[0]), ['FROM', 'LABEL', 'COPY'], 'one FROM, one LABEL, one COPY');
});

test('label values escape quotes, backslashes and $ (no variable expansion) and stay on one line', () => {
  assert.equal(dockerQuote('a "b" \\ $c\nd'), '"a \\"b\\" \\\\ \\$c d"');
  const text = generateDockerfile(tricky, { modules: false });
  assert.ok(!text.includes('not-in-the-label'), 'the signature is not in the image');
  assert.equal(text.split('\n').length, generateDockerfile(builtBundle().manifest, { modules: false }).split('\n').length, 'a value with a newline stays on one line');
});
