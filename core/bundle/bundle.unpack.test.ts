import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleFiles } from './bundle.files';
import { packBundle } from './bundle.pack';
import { builtBundle, moduleBundle } from '../../test/support/built-bundle';
import { hostileTarball, type HostileEntry } from '../../test/support/hostile-tarball';
import { unpackBundle } from './bundle.unpack';

type Entry = HostileEntry;
const tarball = hostileTarball;

const good = (): Entry[] => bundleFiles(builtBundle()).map((f) => ({ header: { name: f.name, size: f.data.length }, content: f.data }));
const withEntry = (extra: Entry): Promise<Buffer> => tarball([...good(), extra]);

test('the control: a tar-stream tarball of a built bundle is accepted', async () => {
  assert.deepEqual(await unpackBundle(await tarball(good())), builtBundle());
});

const refusals: [string, () => Promise<Buffer>, string, RegExp][] = [
  ['an absolute path', () => withEntry({ header: { name: '/etc/cron.d/x' }, content: 'x' }), 'bundle-entry-absolute', /absolute path/],
  ['a ".." path', () => withEntry({ header: { name: '../../evil.sh' }, content: 'x' }), 'bundle-entry-traversal', /climbs out/],
  ['a hidden ".." path', () => withEntry({ header: { name: 'a/../../flows.json' }, content: '[]' }), 'bundle-entry-traversal', /climbs out/],
  ['a symlink', () => withEntry({ header: { name: 'README.md', type: 'symlink', linkname: '/etc/shadow' } }), 'bundle-entry-type', /symlink, not a regular file/],
  ['a hard link', () => withEntry({ header: { name: 'README.md', type: 'link', linkname: 'flows.json' } }), 'bundle-entry-type', /link, not a regular file/],
  ['a character device', () => withEntry({ header: { name: 'README.md', type: 'character-device', devmajor: 1, devminor: 3 } }), 'bundle-entry-type', /character-device/],
  ['a fifo', () => withEntry({ header: { name: 'README.md', type: 'fifo' } }), 'bundle-entry-type', /fifo/],
  ['a sub-directory', () => withEntry({ header: { name: 'node_modules/', type: 'directory' } }), 'bundle-entry-type', /directory/],
  ['a folder inside modules/', () => withEntry({ header: { name: 'modules/x/', type: 'directory' } }), 'bundle-entry-type', /directory/],
  ['a module tarball that is a symlink', () => withEntry({ header: { name: 'modules/x-1.0.0.tgz', type: 'symlink', linkname: '/etc/shadow' } }), 'bundle-entry-type', /symlink/],
  ['a modules/../ path', () => withEntry({ header: { name: 'modules/../x.tgz' }, content: 'x' }), 'bundle-entry-traversal', /climbs out/],
  ['a nested module path', () => withEntry({ header: { name: 'modules/a/b.tgz' }, content: 'x' }), 'bundle-entry-unknown', /not a bundle file/],
  ['a module tarball not listed', () => withEntry({ header: { name: 'modules/x-1.0.0.tgz' }, content: 'x' }), 'bundle-module-unlisted', /modules\/x-1\.0\.0\.tgz is in the bundle but package\.json does not list it/],
  ['an unknown file', () => withEntry({ header: { name: 'run.sh' }, content: 'rm -rf /' }), 'bundle-entry-unknown', /"run\.sh" is not a bundle file/],
  ['a nested bundle file name', () => withEntry({ header: { name: 'x/flows.json' }, content: '[]' }), 'bundle-entry-unknown', /not a bundle file/],
  ['a duplicate entry', () => withEntry({ header: { name: 'flows.json' }, content: '[]' }), 'bundle-entry-duplicate', /"flows\.json" appears twice/],
  ['a duplicate through ./', () => withEntry({ header: { name: './Dockerfile' }, content: 'FROM x' }), 'bundle-entry-duplicate', /appears twice/],
  ['a missing file', () => tarball(good().filter((e) => e.header.name !== 'Dockerfile')), 'bundle-entry-missing', /no Dockerfile/],
  ['non-UTF-8 text', () => tarball([...good().filter((e) => e.header.name !== 'Dockerfile'), { header: { name: 'Dockerfile' }, content: Buffer.from([0x46, 0xff, 0xfe, 0x0a]) }]), 'bundle-entry-encoding', /Dockerfile is not valid UTF-8/],
  ['invalid JSON', () => tarball([...good().filter((e) => e.header.name !== 'package.json'), { header: { name: 'package.json' }, content: '{"name": ' }]), 'bundle-json-invalid', /package\.json is not valid JSON/],
  ['flows that are not an array', () => tarball([...good().filter((e) => e.header.name !== 'flows.json'), { header: { name: 'flows.json' }, content: '{"id":"x"}' }]), 'bundle-flows-invalid', /must be an array/],
  ['a package.json without dependencies', () => tarball([...good().filter((e) => e.header.name !== 'package.json'), { header: { name: 'package.json' }, content: '{"name":"a","version":"1.0.0"}' }]), 'bundle-package-invalid', /dependencies/],
  ['an invalid manifest', () => tarball([...good().filter((e) => e.header.name !== 'databox-manifest.json'), { header: { name: 'databox-manifest.json' }, content: JSON.stringify({ ...builtBundle().manifest, 'databox-type': 'root' }) }]), 'manifest-invalid', /databox-type/],
];

for (const [what, make, code, message] of refusals) {
  test(`refused: ${what}`, async () => {
    await assert.rejects(unpackBundle(await make()), (error: unknown) => {
      assert.ok(error instanceof Error && 'code' in error, `expected a DataboxError, got ${String(error)}`);
      assert.equal(error.code, code);
      assert.match(error.message, message);
      assert.ok('hint' in error && typeof error.hint === 'string' && error.hint.length > 0);
      return true;
    });
  });
}

test('refused: not gzip, truncated gzip, garbage tar', async () => {
  await assert.rejects(unpackBundle(Buffer.from('PK\u0003\u0004 a zip file')), { code: 'bundle-not-gzip' });
  const packed = packBundle(builtBundle());
  await assert.rejects(unpackBundle(packed.subarray(0, packed.length - 20)), { code: 'bundle-not-gzip', message: /truncated or corrupt/ });
  await assert.rejects(unpackBundle(gzipSync(Buffer.alloc(1024, 'x'))), { code: 'bundle-tar-invalid' });
});

test('refused: a gzip bomb stops at the limit, without inflating it all', async () => {
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
  assert.ok(bomb.length < 100 * 1024);
  const before = process.memoryUsage().arrayBuffers;
  await assert.rejects(unpackBundle(bomb, { maxBytes: 1024 * 1024 }), { code: 'bundle-too-large', status: 413 });
  assert.ok(process.memoryUsage().arrayBuffers - before < 32 * 1024 * 1024, 'the bomb was not inflated in full');
});

test('refused: an oversized entry, an oversized total, an oversized upload', async () => {
  const big = Buffer.alloc(300 * 1024, 'a');
  const oversized = await tarball([...good().filter((e) => e.header.name !== 'README.md'), { header: { name: 'README.md' }, content: big }]);
  await assert.rejects(unpackBundle(oversized, { maxBytes: 1024 * 1024, maxFileBytes: 100 * 1024 }), { code: 'bundle-too-large', message: /README\.md is 307200 bytes/ });
  await assert.rejects(unpackBundle(oversized, { maxBytes: 200 * 1024 }), { code: 'bundle-too-large' });
  assert.ok((await unpackBundle(oversized, { maxBytes: 1024 * 1024 })).readme?.length === big.length);
  await assert.rejects(unpackBundle(packBundle(builtBundle()), { maxBytes: 100 }), { code: 'bundle-too-large', message: /more than the limit of 100/ });
});

test('a bundle with module tarballs unpacks to the same bundle, also from GNU tar of its folder (./modules/ entries)', async () => {
  const bundle = await moduleBundle();
  assert.deepEqual(await unpackBundle(packBundle(bundle)), bundle);
  const dir = mkdtempSync(join(tmpdir(), 'bundle-modules-gnu-'));
  try {
    execFileSync('tar', ['-xzf', '-', '-C', dir], { input: packBundle(bundle) });
    assert.deepEqual(readdirSync(join(dir, 'modules')).sort(), ['fixture-helper-0.2.1.tgz', 'node-red-contrib-databox-fixture-1.4.2.tgz']);
    assert.deepEqual(await unpackBundle(execFileSync('tar', ['-czf', '-', '-C', dir, '.'])), bundle);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('refused through unpack as by the validator: a listed tarball missing, one swapped for another', async () => {
  const bundle = await moduleBundle();
  const entries = bundleFiles(bundle).map((f) => ({ header: { name: f.name, size: f.data.length }, content: f.data }));
  await assert.rejects(unpackBundle(await tarball(entries.filter((e) => !e.header.name.startsWith('modules/fixture-helper')))), { code: 'bundle-module-missing' });
  const swapped = entries.map((e, _, all) => (e.header.name.startsWith('modules/fixture-helper') ? { ...e, content: all.at(-1)?.content } : e));
  await assert.rejects(unpackBundle(await tarball(swapped)), { code: 'bundle-module-integrity' });
});
