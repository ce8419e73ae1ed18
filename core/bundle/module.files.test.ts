import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtBundle, moduleBundle } from '../../test/support/built-bundle';
import { moduleFilesFromTarballs } from './module.files';

const fixtures = join(__dirname, '..', '..', 'builder', 'fixtures', '_modules');

test('each listed tarball becomes node_modules/<name>/<path>, byte for byte what was installed', async () => {
  const files = moduleFilesFromTarballs(await moduleBundle());
  assert.deepEqual(files.map((f) => f.name), [
    'node_modules/fixture-helper/index.js', 'node_modules/fixture-helper/package.json',
    'node_modules/node-red-contrib-databox-fixture/package.json', 'node_modules/node-red-contrib-databox-fixture/ping.js',
    'node_modules/node-red-contrib-databox-fixture/upper.html', 'node_modules/node-red-contrib-databox-fixture/upper.js',
  ]);
  for (const file of files) {
    assert.deepEqual(file.content, readFileSync(join(fixtures, file.name.replace(/^node_modules\//, ''))), file.name);
    assert.equal(file.mode, 0o644);
  }
  assert.deepEqual(moduleFilesFromTarballs(builtBundle()), [], 'no modules, no files');
});

test('safe on a bundle no validator has seen: unsafe listed names and wrong sha512s are refused', async () => {
  const bundle = await moduleBundle();
  const listing = bundle.packageJson.databox?.modules ?? [];
  const renamed = { ...bundle, packageJson: { ...bundle.packageJson, databox: { modules: listing.map((m) => ({ ...m, name: '../../../etc' })) } } };
  assert.throws(() => moduleFilesFromTarballs(renamed), { code: 'bundle-package-invalid', message: /no npm package "name"/ });
  const swapped = { ...bundle, modules: [...(bundle.modules ?? [])].reverse().map((m, i) => ({ file: bundle.modules?.[i]?.file ?? '', data: m.data })) };
  assert.throws(() => moduleFilesFromTarballs(swapped), { code: 'bundle-module-integrity' });
  assert.throws(() => moduleFilesFromTarballs({ ...bundle, modules: [] }), { code: 'bundle-module-missing' });
});
