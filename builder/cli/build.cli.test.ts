/** The real `databox build` CLI, run as a child process (`npx databox build ...`, or the same bin by its path). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readBundleDir } from '../bundle/bundle.dir';
import { bundleContentHash } from '../../core/bundle/bundle.hash';
import { unpackBundle } from '../../core/bundle/bundle.unpack';

const root = resolve(__dirname, '..', '..');
const fixtures = join(root, 'builder', 'fixtures');

/** The `databox` bin as a child process: through npx as a user types it, or by its path (same file, less start-up). */
function run(viaNpx: boolean, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const [command, prefix] = viaNpx ? ['npx', ['databox']] : [process.execPath, [join(root, 'cli', 'databox.js')]];
  return new Promise((done) => {
    execFile(command, [...prefix, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}
const databox = (args: string[], cwd = root) => run(false, args, cwd);

const work = mkdtempSync(join(tmpdir(), 'databox-build-cli-'));
test.after(() => rmSync(work, { recursive: true, force: true }));

test('--help explains every option and exits 0; bad arguments exit 2', async () => {
  const help = await run(true, ['build', '--help'], root);
  assert.equal(help.code, 0);
  for (const option of ['--tab', '--out', '--name', '--version', '--image', '--tarball', '--modules', '--tag', '--label']) assert.ok(help.stdout.includes(option), option);
  const bad = await databox(['build', 'a.json', '--colour', 'red']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^databox build: unknown option --colour\n\nUsage: databox build <flows.json> \[options\]/);
  const none = await databox(['build']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /give <flows\.json>/);
  const tag = await databox(['build', 'a.json', '--tag', 'x:1']);
  assert.equal(tag.code, 2);
  assert.match(tag.stderr, /--tag needs --image/);
});

test('builds the example: four files, a valid bundle, a tarball with the printed content hash', async () => {
  const out = join(work, 'host-load');
  const tarball = join(work, 'host-load.tar.gz');
  const run = await databox(['build', 'examples/host-load/flows.json', '--tab', 'Host load', '--out', out, '--tarball', tarball]);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(readdirSync(out).sort(), ['Dockerfile', 'README.md', 'databox-manifest.json', 'flows.json', 'package.json']);
  assert.match(readFileSync(join(out, 'README.md'), 'utf8'), /^# Host load\n\nCharts this box's load/);
  const bundle = await readBundleDir(out);
  assert.equal(bundle.manifest.name, 'host-load');
  assert.deepEqual(bundle.manifest.lineage, [{ kind: 'export', sink: 'https://telemetry.example.org/host-load/summary', sources: ['loadavg1_1a2b3c4d'] }]);
  assert.deepEqual(bundle.manifest.datasources.map((d) => d.clientid), ['loadavg1_1a2b3c4d', 'memory-used_5e6f7081']);
  assert.ok(!bundle.flows.some((n) => n.type === 'debug' || n.type === 'comment'));
  assert.equal(bundle.flows.find((n) => n.id === '1a2b3c4d5e6f7081')?.clientid, 'loadavg1_1a2b3c4d');
  assert.match(bundle.dockerfile, /^FROM databox\/flow-runtime:\d+\.\d+\.\d+$/m);
  const packed = await unpackBundle(readFileSync(tarball));
  assert.deepEqual(packed, bundle);
  assert.ok(run.stdout.includes(`content hash ${bundleContentHash(bundle)}`), run.stdout);
  assert.match(run.stdout, /exports to https:\/\/telemetry\.example\.org\/host-load\/summary: from loadavg1_1a2b3c4d/);
});

test('a refused flow exits 1 and prints every problem with the node id, type and name', async () => {
  const out = join(work, 'refused');
  const run = await databox(['build', join(fixtures, 'refuse-forbidden-nodes', 'flows.json'), '--out', out]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /refused: 13 problems/);
  assert.match(run.stderr, /\[node-forbidden\] "exec" nodes are not allowed in a box app: it runs programs in the app container \(node exec000000000001 exec "curl it"\) - Remove the node/);
  assert.match(run.stderr, /\(node httpreq000000001 http request\)/);
  assert.match(run.stderr, /\(node fnlibs0000000001 function\)/);
  assert.equal(existsSync(out), false, 'nothing is written for a refused flow');
  const notFound = await databox(['build', join(work, 'missing.json')]);
  assert.equal(notFound.code, 1);
  assert.match(notFound.stderr, /\[flows-unreadable\] cannot read/);
});

test('a flow using a third-party module: the bundle carries it and its dependency as tarballs, in the folder and the .tar.gz', async () => {
  const out = join(work, 'shouting');
  const tarball = join(work, 'shouting.tar.gz');
  const build = ['build', join(fixtures, 'third-party-module', 'flows.json'), '--out', out, '--modules', join(fixtures, '_modules'), '--tarball', tarball];
  const run = await databox(build);
  assert.equal(run.code, 0, run.stderr);
  const tarballs = ['fixture-helper-0.2.1.tgz', 'node-red-contrib-databox-fixture-1.4.2.tgz'];
  for (const name of tarballs) assert.match(run.stdout, new RegExp(`^  modules/${name.replace(/\./g, '\\.')}$`, 'm'));
  const packageJson = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8'));
  assert.deepEqual(packageJson.dependencies, { 'node-red-contrib-databox-fixture': '1.4.2' });
  assert.deepEqual(packageJson.databox.modules.map((m: { file: string }) => m.file), tarballs.map((name) => `modules/${name}`));
  assert.deepEqual(readdirSync(join(out, 'modules')), tarballs);
  assert.equal(existsSync(join(out, 'node_modules')), false, 'nothing is staged beside the bundle');
  const fromFolder = await readBundleDir(out);
  const fromTarball = await unpackBundle(readFileSync(tarball));
  assert.deepEqual(fromTarball, fromFolder);
  assert.deepEqual(fromTarball.modules?.map((m) => m.file), tarballs.map((name) => `modules/${name}`));
  assert.match(readFileSync(join(out, 'Dockerfile'), 'utf8'), /^COPY node_modules\/ \/app\/node_modules\/$/m);

  // A rebuild into the same folder gives the same bytes, and clears what an earlier build left: a stale tarball, a staged node_modules/.
  writeFileSync(join(out, 'modules', 'old-module-0.0.1.tgz'), 'stale');
  mkdirSync(join(out, 'node_modules', 'fixture-helper'), { recursive: true });
  writeFileSync(join(out, 'node_modules', '.databox-staged'), '');
  const before = readFileSync(tarball);
  const again = await databox(build);
  assert.equal(again.code, 0, `a rebuild into the same folder works: ${again.stderr}`);
  assert.deepEqual(readdirSync(join(out, 'modules')), tarballs);
  assert.equal(existsSync(join(out, 'node_modules')), false);
  assert.deepEqual(readFileSync(tarball), before, 'the same modules give the same bytes');
  assert.equal(bundleContentHash(await readBundleDir(out)), bundleContentHash(fromFolder));

  const unknown = await databox(['build', join(fixtures, 'third-party-module', 'flows.json'), '--out', join(work, 'no-modules'), '--modules', join(work, 'empty')]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /\[node-unknown\] node type "fixture-upper"/);
});

test('a module whose dependency is not installed is refused, naming both, and nothing is written', async () => {
  const modules = join(work, 'broken-modules');
  cpSync(join(fixtures, '_modules', 'node-red-contrib-databox-fixture'), join(modules, 'node-red-contrib-databox-fixture'), { recursive: true });
  const out = join(work, 'broken');
  const run = await databox(['build', join(fixtures, 'third-party-module', 'flows.json'), '--out', out, '--modules', modules]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /\[module-dependency-missing\] .*node-red-contrib-databox-fixture needs fixture-helper, which is not installed - Run npm install/);
  assert.equal(existsSync(out), false);
});

test('a file without tabs is one app named after its folder; --out defaults to ./<name>, never over the source', async () => {
  const source = join(work, 'src', 'my-selection');
  cpSync(join(fixtures, 'selected-nodes'), source, { recursive: true });
  const cwd = join(work, 'out');
  mkdirSync(cwd);
  const run = await databox(['build', join(source, 'flows.json')], cwd);
  assert.equal(run.code, 0, run.stderr);
  const bundle = await readBundleDir(join(cwd, 'my-selection'));
  assert.equal(bundle.manifest.name, 'my-selection');
  assert.equal(bundle.flows[0]?.type, 'tab');
  const before = readFileSync(join(source, 'flows.json'), 'utf8');
  const over = await databox(['build', join(source, 'flows.json')], join(work, 'src'));
  assert.equal(over.code, 1);
  assert.match(over.stderr, /\[out-is-source\]/);
  assert.equal(readFileSync(join(source, 'flows.json'), 'utf8'), before, 'the source flows are untouched');
});

test('never writes over a folder that is not a bundle (a project with package.json or node_modules)', async () => {
  const project = join(work, 'project');
  mkdirSync(join(project, 'node_modules'), { recursive: true });
  writeFileSync(join(project, 'package.json'), '{"name":"mine"}');
  const run = await databox(['build', 'examples/host-load/flows.json', '--out', project]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /\[out-not-a-bundle\] .* already holds node_modules, package\.json/);
  assert.equal(readFileSync(join(project, 'package.json'), 'utf8'), '{"name":"mine"}');
});
