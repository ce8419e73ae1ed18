import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { moduleBudget, readModuleTarball } from '../../core/bundle/module.read';
import { moduleFilesIn, packModuleDir } from './module.pack';

const fixtureModules = resolve(__dirname, '..', 'fixtures', '_modules');

function withTree(files: Record<string, string>, run: (root: string) => void): () => void {
  return () => {
    const root = mkdtempSync(join(tmpdir(), 'module-pack-'));
    try {
      for (const [rel, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, rel)), { recursive: true });
        writeFileSync(join(root, rel), text);
      }
      run(root);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
}

const pkg = (name: string) => JSON.stringify({ name, version: '1.0.0' });

test('the same files give the same tarball whatever their mtimes; modes are kept as 0644/0755', withTree({
  'm/package.json': pkg('m'), 'm/bin/cli.js': '#!/usr/bin/env node\n', 'm/lib/a.js': 'a', 'm/node_modules/dep/package.json': pkg('dep'), 'm/.git/HEAD': 'ref',
}, (root) => {
  chmodSync(join(root, 'm', 'bin', 'cli.js'), 0o700);
  const first = packModuleDir(join(root, 'm'));
  utimesSync(join(root, 'm', 'lib', 'a.js'), new Date(2020, 1, 1), new Date(2020, 1, 1));
  assert.deepEqual(packModuleDir(join(root, 'm')), first);
  const { files } = readModuleTarball('modules/m-1.0.0.tgz', first, moduleBudget());
  assert.deepEqual(files.map((f) => `${f.path} ${f.mode.toString(8)}`), ['bin/cli.js 755', 'lib/a.js 644', 'package.json 644'], 'nested node_modules and .git stay out');
}));

test('npm pack of the installed folder holds the same files, modes and bytes (the format is npm\'s)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'npm-pack-'));
  try {
    const source = join(fixtureModules, 'node-red-contrib-databox-fixture');
    const name = execFileSync('npm', ['pack', source, '--ignore-scripts', '--pack-destination', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').at(-1) ?? '';
    assert.equal(name, 'node-red-contrib-databox-fixture-1.4.2.tgz');
    const describe = (tgz: Buffer) => readModuleTarball(`modules/${name}`, tgz, moduleBudget()).files
      .map((f) => `${f.path} ${f.mode.toString(8)} ${f.data.toString('base64')}`).sort();
    assert.deepEqual(describe(readFileSync(join(dir, name))), describe(packModuleDir(source)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('links: one to a file inside the package is packed as that file; one leaving it is refused, and so is no package.json', withTree({
  'd/package.json': pkg('d'), 'e/index.js': '',
}, (root) => {
  symlinkSync('package.json', join(root, 'd', 'same.json'));
  assert.deepEqual(moduleFilesIn(join(root, 'd')).map((f) => f.path), ['package.json', 'same.json']);
  symlinkSync('/etc/passwd', join(root, 'd', 'passwd'));
  assert.throws(() => moduleFilesIn(join(root, 'd')), { code: 'module-link-refused', message: /d\/passwd is a symbolic link that points outside the package/ });
  assert.throws(() => moduleFilesIn(join(root, 'e')), { code: 'module-not-a-package', message: /has no package\.json/ });
}));
