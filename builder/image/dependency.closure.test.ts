import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dependencyClosure, stagedModulePath, type InstalledTree } from './dependency.closure';

// /r/node_modules: a -> b, c (optional, absent), d; a/node_modules/b is a nested version; b -> e; d -> x (excluded)
const packages: Record<string, { required: string[]; optional: string[] }> = {
  '/r/node_modules/a': { required: ['b', 'd'], optional: ['c'] },
  '/r/node_modules/a/node_modules/b': { required: ['e'], optional: [] },
  '/r/node_modules/b': { required: [], optional: [] },
  '/r/node_modules/d': { required: ['x'], optional: [] },
  '/r/node_modules/e': { required: [], optional: [] },
  '/r/node_modules/x': { required: [], optional: [] },
  '/r/node_modules/broken': { required: ['nowhere'], optional: [] },
};
const tree: InstalledTree = { dependencies: (dir) => packages[dir], exists: (dir) => dir in packages };

test('resolves like Node: nested first, then hoisted; optional absent deps are fine; excluded names are left out', () => {
  const closure = dependencyClosure(['/r/node_modules/a'], '/r', tree, new Set(['x']));
  assert.deepEqual(closure.dirs, ['/r/node_modules/a', '/r/node_modules/a/node_modules/b', '/r/node_modules/d', '/r/node_modules/e']);
  assert.deepEqual(closure.missing, []);
});

test('a required dependency that is not installed is reported', () => {
  const closure = dependencyClosure(['/r/node_modules/broken'], '/r', tree);
  assert.deepEqual(closure.missing, [{ from: '/r/node_modules/broken', name: 'nowhere' }]);
});

test('staged paths keep the nesting from the install root', () => {
  assert.equal(stagedModulePath('/r/node_modules/a/node_modules/b', '/r'), 'node_modules/a/node_modules/b');
  assert.equal(stagedModulePath('/r/node_modules/@s/p', '/r'), 'node_modules/@s/p');
  assert.throws(() => stagedModulePath('/elsewhere/x', '/r'));
});

test('a package\'s siblings resolve in a modules folder by any name (a --modules folder), scoped packages too', () => {
  const flat: Record<string, { required: string[]; optional: string[] }> = {
    '/f/mods/node-red-x': { required: ['helper', '@s/util'], optional: [] },
    '/f/mods/helper': { required: [], optional: [] },
    '/f/mods/@s/util': { required: ['helper'], optional: [] },
  };
  const flatTree: InstalledTree = { dependencies: (dir) => flat[dir], exists: (dir) => dir in flat };
  assert.deepEqual(dependencyClosure(['/f/mods/node-red-x'], '/', flatTree, (name) => name.startsWith('@node-red/')), {
    dirs: ['/f/mods/@s/util', '/f/mods/helper', '/f/mods/node-red-x'], missing: [],
  });
});
