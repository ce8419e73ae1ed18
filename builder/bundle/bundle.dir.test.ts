import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBundleDir, writeBundleDir } from './bundle.dir';
import { builtBundle, moduleBundle } from '../../test/support/built-bundle';

function withDir(run: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-dir-'));
    try { await run(dir); } finally { rmSync(dir, { recursive: true, force: true }); }
  };
}

test('write then read gives the same bundle; other files are ignored', withDir(async (dir) => {
  const out = join(dir, 'app');
  assert.deepEqual(await writeBundleDir(out, builtBundle()), ['databox-manifest.json', 'Dockerfile', 'flows.json', 'package.json', 'README.md']);
  mkdirSync(join(out, 'node_modules'));
  writeFileSync(join(out, 'notes.txt'), 'x');
  assert.deepEqual(readdirSync(out).sort(), ['Dockerfile', 'README.md', 'databox-manifest.json', 'flows.json', 'node_modules', 'notes.txt', 'package.json']);
  assert.deepEqual(await readBundleDir(out), builtBundle());
}));

test('a missing file, bad JSON, an invalid manifest and a symlink are refused', withDir(async (dir) => {
  await writeBundleDir(dir, builtBundle());
  rmSync(join(dir, 'Dockerfile'));
  await assert.rejects(readBundleDir(dir), { code: 'bundle-entry-missing', message: /no Dockerfile/ });
  writeFileSync(join(dir, 'Dockerfile'), 'FROM x\n');
  writeFileSync(join(dir, 'flows.json'), '[{"id":');
  await assert.rejects(readBundleDir(dir), { code: 'bundle-json-invalid', message: /flows\.json is not valid JSON/ });
  await writeBundleDir(dir, { ...builtBundle(), manifest: { ...builtBundle().manifest, name: 'Bad Name' } });
  await assert.rejects(readBundleDir(dir), { code: 'manifest-invalid', message: /name: must be one lower-case word/ });
  await writeBundleDir(dir, builtBundle());
  rmSync(join(dir, 'package.json'));
  symlinkSync('/etc/passwd', join(dir, 'package.json'));
  await assert.rejects(readBundleDir(dir), { code: 'bundle-entry-type' });
  await assert.rejects(readBundleDir(join(dir, 'nope')), { code: 'bundle-dir-unreadable' });
}));

test('module tarballs are written to modules/ and read back; a stale one is removed, a link or folder there refused', withDir(async (dir) => {
  const bundle = await moduleBundle();
  const out = join(dir, 'app');
  mkdirSync(join(out, 'modules'), { recursive: true });
  writeFileSync(join(out, 'modules', 'old-0.1.0.tgz'), 'from an earlier build');
  assert.deepEqual((await writeBundleDir(out, bundle)).slice(4), ['modules/fixture-helper-0.2.1.tgz', 'modules/node-red-contrib-databox-fixture-1.4.2.tgz']);
  assert.deepEqual(readdirSync(join(out, 'modules')), ['fixture-helper-0.2.1.tgz', 'node-red-contrib-databox-fixture-1.4.2.tgz']);
  assert.deepEqual(await readBundleDir(out), bundle);
  await writeBundleDir(out, builtBundle());
  assert.ok(!readdirSync(out).includes('modules'), 'a rebuild without modules leaves no modules/');
  await writeBundleDir(out, bundle);
  writeFileSync(join(out, 'modules', 'extra-1.0.0.tgz'), 'x');
  await assert.rejects(readBundleDir(out), { code: 'bundle-module-unlisted' });
  rmSync(join(out, 'modules', 'extra-1.0.0.tgz'));
  mkdirSync(join(out, 'modules', 'sub'));
  await assert.rejects(readBundleDir(out), { code: 'bundle-entry-type', message: /modules\/sub in .* is not a regular file/ });
  rmSync(join(out, 'modules', 'sub'), { recursive: true });
  symlinkSync('/etc/passwd', join(out, 'modules', 'passwd-1.0.0.tgz'));
  await assert.rejects(readBundleDir(out), { code: 'bundle-entry-type' });
  rmSync(join(out, 'modules'), { recursive: true });
  symlinkSync(dir, join(out, 'modules'));
  await assert.rejects(readBundleDir(out), { code: 'bundle-entry-type', message: /modules in .* is not a folder/ });
}));
