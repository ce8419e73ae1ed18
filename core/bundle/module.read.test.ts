// The safe reader of module tarballs (module.read.ts) against hostile tarballs: each refused
// with its code, a message naming the tarball and the entry, and a hint; nothing is written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { hostileTar, hostileTarball, zerosTarball, type HostileEntry } from '../../test/support/hostile-tarball';
import { moduleBudget, readModuleTarball } from './module.read';

const FILE = 'modules/x-1.0.0.tgz';
const pkg: HostileEntry = { header: { name: 'package/package.json' }, content: '{"name":"x","version":"1.0.0"}' };
const withEntry = (extra: HostileEntry): Promise<Buffer> => hostileTarball([pkg, extra]);
const read = (tgz: Buffer, budget = moduleBudget()) => readModuleTarball(FILE, tgz, budget);

test('the control: a tar-stream tarball with files and folders under package/ is read', async () => {
  const tgz = await hostileTarball([{ header: { name: 'package/', type: 'directory' } }, pkg, { header: { name: 'package/lib/', type: 'directory' } }, { header: { name: 'package/lib/a.js', mode: 0o4755 }, content: 'x' }]);
  assert.deepEqual(read(tgz).files.map((f) => `${f.path} ${f.mode.toString(8)}`), ['package.json 644', 'lib/a.js 755']);
});

const refusals: [string, () => Promise<Buffer>, string, RegExp][] = [
  ['a symlink', () => withEntry({ header: { name: 'package/passwd', type: 'symlink', linkname: '/etc/passwd' } }), 'bundle-entry-type', /entry "package\/passwd" is a symlink, not a regular file or folder/],
  ['a hard link', () => withEntry({ header: { name: 'package/hard', type: 'link', linkname: 'package/package.json' } }), 'bundle-entry-type', /is a link/],
  ['a character device', () => withEntry({ header: { name: 'package/null', type: 'character-device', devmajor: 1, devminor: 3 } }), 'bundle-entry-type', /character-device/],
  ['a fifo', () => withEntry({ header: { name: 'package/pipe', type: 'fifo' } }), 'bundle-entry-type', /fifo/],
  ['a ".." path', () => withEntry({ header: { name: 'package/../../../etc/cron.d/x' }, content: 'x' }), 'bundle-entry-traversal', /climbs out of the package/],
  ['an absolute path', () => withEntry({ header: { name: '/etc/cron.d/x' }, content: 'x' }), 'bundle-entry-absolute', /absolute path/],
  ['a Windows path', () => withEntry({ header: { name: 'package\\..\\x' }, content: 'x' }), 'bundle-entry-absolute', /absolute path/],
  ['an entry outside package/', () => withEntry({ header: { name: 'other/index.js' }, content: 'x' }), 'bundle-module-invalid', /"other\/index\.js" is not under package\//],
  ['a "." part', () => withEntry({ header: { name: 'package/./index.js' }, content: 'x' }), 'bundle-module-invalid', /empty or "\." path part/],
  ['an empty part', () => withEntry({ header: { name: 'package//index.js' }, content: 'x' }), 'bundle-module-invalid', /empty or "\." path part/],
  ['a duplicate', () => withEntry({ header: { name: 'package/package.json' }, content: '{}' }), 'bundle-entry-duplicate', /appears twice/],
  ['a file that is also a folder', () => hostileTarball([pkg, { header: { name: 'package/lib' }, content: 'x' }, { header: { name: 'package/lib/a.js' }, content: 'y' }]), 'bundle-entry-duplicate', /"package\/lib" is both a file and a folder/],
  ['no package.json', () => hostileTarball([{ header: { name: 'package/index.js' }, content: 'x' }]), 'bundle-module-invalid', /has no package\/package\.json/],
  ['a package.json that is not JSON', () => hostileTarball([{ header: { name: 'package/package.json' }, content: '{"name":' }]), 'bundle-module-invalid', /not valid JSON/],
  ['not gzip', async () => hostileTar([pkg]), 'bundle-module-invalid', /is not a gzip-compressed tarball/],
  ['a truncated gzip stream', async () => (await withEntry({ header: { name: 'package/a.js' }, content: 'x'.repeat(5000) })).subarray(0, 40), 'bundle-module-invalid', /truncated or corrupt/],
  ['gzip of something that is not tar', async () => gzipSync(Buffer.alloc(2048, 'x')), 'bundle-module-invalid', /is not a valid tar archive: the header at byte 0/],
];

for (const [what, make, code, message] of refusals) {
  test(`refused: ${what}`, async () => {
    const tgz = await make();
    assert.throws(() => read(tgz), (error: unknown) => {
      assert.ok(error instanceof Error && 'code' in error && 'hint' in error, `a DataboxError, not ${String(error)}`);
      assert.equal(error.code, code);
      assert.match(error.message, message);
      assert.match(error.message, /^the bundle was refused: modules\/x-1\.0\.0\.tgz/);
      assert.match(String(error.hint), /databox build/);
      return true;
    });
  });
}

test('refused: a gzip bomb stops at the modules\' limit without being inflated in full', async () => {
  const bomb = await zerosTarball('package/zeros', 256, [{ name: 'package/package.json', data: Buffer.from('{}') }]);
  assert.ok(bomb.length < 1024 * 1024, `a 256 MiB module in ${bomb.length} bytes`);
  const before = process.memoryUsage().arrayBuffers;
  assert.throws(() => read(bomb), { code: 'bundle-too-large', status: 413, message: /modules\/x-1\.0\.0\.tgz unpacks to more than the 67108864 bytes left/ });
  assert.ok(process.memoryUsage().arrayBuffers - before < 100 * 1024 * 1024, 'the bomb was not inflated in full');
});

test('the budget is shared: the second tarball gets what the first left, in bytes and in entries', async () => {
  const tgz = await withEntry({ header: { name: 'package/a.js' }, content: 'x'.repeat(10_000) });
  const budget = { bytes: 15_000, entries: 100 };
  read(tgz, budget);
  assert.throws(() => read(tgz, budget), { code: 'bundle-too-large', message: /bytes left of the limit for all module tarballs/ });
  assert.throws(() => read(tgz, { bytes: 1 << 20, entries: 1 }), { code: 'bundle-too-large', message: /more entries than the limit/ });
});
