import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { moduleIntegrity } from '../../core/bundle';
import { scanNodeModules } from './modules.scan';
import { bundleModules } from './modules.bundle';
import type { NodeModuleRef } from './modules.types';

const fixtureModules = resolve(__dirname, '..', 'fixtures', '_modules');

function withTree(files: Record<string, string>, run: (root: string) => void | Promise<void>): () => Promise<void> {
  return async () => {
    const root = mkdtempSync(join(tmpdir(), 'modules-bundle-'));
    try {
      for (const [rel, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, rel)), { recursive: true });
        writeFileSync(join(root, rel), text);
      }
      await run(root);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
}

const ref = (root: string, module: string): NodeModuleRef => ({ module, version: '1.0.0', dir: join(root, 'node_modules', module), types: [] });
const pkg = (name: string, version = '1.0.0', extra: object = {}) => JSON.stringify({ name, version, ...extra });

test('the used module and its dependency (a sibling in a --modules folder) are packed and listed', async () => {
  const upper = (await scanNodeModules([fixtureModules])).get('fixture-upper');
  assert.ok(upper);
  const { modules, listing } = bundleModules([upper]);
  assert.deepEqual(listing.map((m) => `${m.file} ${m.name} ${m.version}`), [
    'modules/fixture-helper-0.2.1.tgz fixture-helper 0.2.1',
    'modules/node-red-contrib-databox-fixture-1.4.2.tgz node-red-contrib-databox-fixture 1.4.2',
  ]);
  assert.deepEqual(modules.map((m) => moduleIntegrity(m.data)), listing.map((m) => m.integrity));
  assert.deepEqual(bundleModules([upper]), { modules, listing }, 'packing twice gives the same bytes');
  assert.deepEqual(bundleModules([]), { modules: [], listing: [] });
});

test('Node-RED and the Databox nodes are the runtime\'s: never packed, never "missing"', withTree({
  'node_modules/node-red-contrib-x/package.json': pkg('node-red-contrib-x', '1.0.0', { dependencies: { 'node-red': '4', '@node-red/util': '4', 'node-red-contrib-databox': '0.1', 'x-helper': '2' } }),
  'node_modules/x-helper/package.json': pkg('x-helper', '2.0.0'),
}, (root) => {
  assert.deepEqual(bundleModules([ref(root, 'node-red-contrib-x')]).listing.map((m) => m.name), ['node-red-contrib-x', 'x-helper']);
}));

test('scoped packages are named as npm pack names them; optional dependencies that are absent are fine', withTree({
  'node_modules/@acme/node-red-x/package.json': pkg('@acme/node-red-x', '2.1.0', { dependencies: { '@acme/util': '1' }, optionalDependencies: { fsevents: '2' } }),
  'node_modules/@acme/util/package.json': pkg('@acme/util', '1.0.3'),
}, (root) => {
  const listing = bundleModules([{ ...ref(root, '@acme/node-red-x'), dir: join(root, 'node_modules', '@acme', 'node-red-x') }]).listing;
  assert.deepEqual(listing.map((m) => m.file), ['modules/acme-node-red-x-2.1.0.tgz', 'modules/acme-util-1.0.3.tgz']);
}));

test('refused: a dependency not installed, one package at two versions, an alias', withTree({
  'node_modules/a/package.json': pkg('a', '1.0.0', { dependencies: { b: '1', gone: '1' } }),
  'node_modules/b/package.json': pkg('b', '1.0.0'),
  'node_modules/c/package.json': pkg('c', '1.0.0', { dependencies: { b: '2' } }),
  'node_modules/c/node_modules/b/package.json': pkg('b', '2.0.0'),
  'node_modules/e/package.json': pkg('not-e'),
}, (root) => {
  assert.throws(() => bundleModules([ref(root, 'a')]), { code: 'module-dependency-missing', message: /node_modules\/a needs gone, which is not installed/ });
  writeFileSync(join(root, 'node_modules', 'a', 'package.json'), pkg('a', '1.0.0', { dependencies: { b: '1' } }));
  assert.throws(() => bundleModules([ref(root, 'a'), ref(root, 'c')]), { code: 'module-version-conflict', message: /b is needed at two versions: 1\.0\.0 .* and 2\.0\.0/ });
  assert.throws(() => bundleModules([ref(root, 'e')]), { code: 'module-not-packable', message: /installed as e but its package\.json says not-e/ });
}));
