import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packBundle } from './bundle.pack';
import { unpackBundle } from './bundle.unpack';
import { bundleContentHash } from './bundle.hash';
import { builtBundle, moduleBundle } from '../../test/support/built-bundle';

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

test('packing is deterministic: same bundle, same bytes', () => {
  const a = packBundle(builtBundle());
  const b = packBundle(structuredClone(builtBundle()));
  assert.equal(sha(a), sha(b));
  assert.notEqual(sha(packBundle(builtBundle({ version: '1.0.1' }))), sha(a));
});

test('a packed bundle unpacks to the same bundle', async () => {
  const bundle = { ...builtBundle(), readme: '# Sample\n\nÜnïcode too.\n' };
  const back = await unpackBundle(packBundle(bundle));
  assert.deepEqual(back, bundle);
  assert.equal(bundleContentHash(back), bundleContentHash(bundle));
});

test('GNU tar reads the tarball: root-level entries, fixed modes and times', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-pack-'));
  try {
    const file = join(dir, 'b.tar.gz');
    writeFileSync(file, packBundle(builtBundle()));
    const listing = execFileSync('tar', ['-tvzf', file, '--numeric-owner'], { encoding: 'utf8' }).trim().split('\n');
    assert.deepEqual(listing.map((l) => l.split(/\s+/).at(-1)), ['databox-manifest.json', 'Dockerfile', 'flows.json', 'package.json', 'README.md']);
    for (const line of listing) assert.match(line, /^-rw-r--r-- 0\/0 .* 1970-01-01 00:00 /);
    execFileSync('tar', ['-xzf', file, '-C', dir]);
    assert.equal(JSON.parse(readFileSync(join(dir, 'databox-manifest.json'), 'utf8')).name, 'host-load');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a tarball made by GNU tar from a bundle directory is accepted (./ prefixes)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-gnu-'));
  try {
    execFileSync('tar', ['-xzf', '-', '-C', dir], { input: packBundle(builtBundle()) });
    const tarball = execFileSync('tar', ['-czf', '-', '-C', dir, '.']);
    assert.deepEqual(await unpackBundle(tarball), builtBundle());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bundle with modules packs deterministically, its tarballs under modules/ after the root files', async () => {
  const bundle = await moduleBundle();
  assert.equal(sha(packBundle(bundle)), sha(packBundle(await moduleBundle())));
  const dir = mkdtempSync(join(tmpdir(), 'bundle-pack-modules-'));
  try {
    const file = join(dir, 'b.tar.gz');
    writeFileSync(file, packBundle(bundle));
    const names = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).trim().split('\n');
    assert.deepEqual(names, ['databox-manifest.json', 'Dockerfile', 'flows.json', 'package.json', 'modules/fixture-helper-0.2.1.tgz', 'modules/node-red-contrib-databox-fixture-1.4.2.tgz']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
