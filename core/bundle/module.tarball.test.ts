import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { moduleIntegrity, moduleTarballPath, normalMode, packModuleTarball, type ModuleFile } from './module.tarball';
import { moduleBudget, readModuleTarball } from './module.read';

const files = (): ModuleFile[] => [
  { path: 'package.json', data: Buffer.from('{"name":"x","version":"1.0.0"}'), mode: 0o100664 },
  { path: 'lib/index.js', data: Buffer.from('module.exports = 1;\n'), mode: 0o100600 },
  { path: 'bin/run', data: Buffer.from('#!/usr/bin/env node\n'), mode: 0o100744 },
];

test('names: npm pack\'s (@scope/x -> scope-x), integrity: sha512 as package-lock.json writes it', () => {
  assert.equal(moduleTarballPath('node-red-contrib-x', '1.2.3'), 'modules/node-red-contrib-x-1.2.3.tgz');
  assert.equal(moduleTarballPath('@acme/node-red-x', '1.0.0-beta.1'), 'modules/acme-node-red-x-1.0.0-beta.1.tgz');
  assert.match(moduleIntegrity(Buffer.from('x')), /^sha512-[A-Za-z0-9+/]{86}==$/);
  assert.equal(normalMode(0o100600), 0o644);
  assert.equal(normalMode(0o100744), 0o755);
});

test('the same files give the same bytes, whatever their order and original modes', () => {
  const a = packModuleTarball(files());
  const b = packModuleTarball([...files()].reverse().map((f) => ({ ...f, mode: f.mode & 0o111 ? 0o755 : 0o644 })));
  assert.deepEqual(a, b);
  assert.equal(a[9], 3, 'the gzip header says Unix on every platform');
  assert.equal(a.readUInt32LE(4), 0, 'no time in the gzip header');
  assert.notDeepEqual(packModuleTarball([...files(), { path: 'extra.js', data: Buffer.alloc(0), mode: 0o644 }]), a);
});

test('GNU tar lists it as npm pack writes it: package/ root, sorted, 0644/0755, root owner, npm\'s mtime', () => {
  const dir = mkdtempSync(join(tmpdir(), 'module-tarball-'));
  try {
    writeFileSync(join(dir, 'x.tgz'), packModuleTarball(files()));
    const listing = execFileSync('tar', ['-tvzf', join(dir, 'x.tgz'), '--numeric-owner'], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } }).trim().split('\n');
    assert.deepEqual(listing.map((line) => line.split(/\s+/).filter((_, i) => i !== 2).join(' ')), [
      '-rwxr-xr-x 0/0 1985-10-26 08:15 package/bin/run',
      '-rw-r--r-- 0/0 1985-10-26 08:15 package/lib/index.js',
      '-rw-r--r-- 0/0 1985-10-26 08:15 package/package.json',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the safe reader gives back the files and the package.json', () => {
  const tgz = packModuleTarball(files());
  const budget = moduleBudget();
  const content = readModuleTarball('modules/x-1.0.0.tgz', tgz, budget);
  assert.deepEqual(content.files.map((f) => `${f.path} ${f.mode.toString(8)} ${f.data.length}`), ['bin/run 755 20', 'lib/index.js 644 20', 'package.json 644 30']);
  assert.deepEqual(content.packageJson, { name: 'x', version: '1.0.0' });
  assert.equal(moduleBudget().bytes - budget.bytes, gunzipSync(tgz).length, 'the budget counts what was unpacked');
  assert.equal(moduleBudget().entries - budget.entries, 3);
});
