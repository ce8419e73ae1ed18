// Bundles the builder writes really run: for fixtures that exercise links (incl. link call
// and return), nested subflows, debug stripping, side channels, derived clientids and a
// third-party module with its config node, the builder writes the bundle and the real flow
// runtime (headless Node-RED, preview mode) starts it: /health answers "ok" only once every
// node type was found and the flow started. Then SIGTERM stops it cleanly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { writeBundleDir } from '../builder/bundle';
import { compile } from '../builder/compile';
import { scanNodeModules } from '../builder/modules';
import { moduleFilesFromTarballs } from '../core/bundle';

const root = path.join(__dirname, '..');
const fixtures = path.join(root, 'builder', 'fixtures');
const work = mkdtempSync(path.join(tmpdir(), 'builder-bundles-run-'));
after(() => rmSync(work, { recursive: true, force: true }));

/**
 * The bundle, built and written as `databox build` does (the CLI itself is tested in
 * builder/cli), and its module tarballs installed beside it as a box's process driver would:
 * node_modules/ from `moduleFilesFromTarballs`, never from the folders the build read.
 */
async function build(name: string, tab?: string, moduleDirs: string[] = []): Promise<string> {
  const flows: unknown = JSON.parse(readFileSync(path.join(fixtures, name, 'flows.json'), 'utf8'));
  const app = compile(flows, tab, { modules: await scanNodeModules(moduleDirs) });
  const out = path.join(work, name);
  await writeBundleDir(out, app);
  for (const file of moduleFilesFromTarballs(app)) {
    mkdirSync(path.dirname(path.join(out, file.name)), { recursive: true });
    writeFileSync(path.join(out, file.name), file.content, { mode: file.mode });
  }
  return path.join(out, 'flows.json');
}

/** The launcher as the image runs it (compiled by `npm run build`), else its TypeScript source. */
const launcher = existsSync(path.join(root, 'dist', 'runtime', 'launcher', 'main.js'))
  ? [path.join(root, 'dist', 'runtime', 'launcher', 'main.js')]
  : ['--import', 'tsx', path.join(root, 'runtime', 'launcher', 'main.ts')];

/** Starts the launcher on the bundle, returns /health's answer, stops it; resolves the exit code too. */
function runBundle(flowsFile: string): Promise<{ health: { status: string; widgets: number }; exitCode: number | null; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...launcher, '--flows', flowsFile, '--port', '0', '--host', '127.0.0.1'], {
      cwd: root, env: { ...process.env, DATABOX_MODE: 'preview', DATABOX_PREVIEW_SEED: 'builder' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    let health: { status: string; widgets: number } | undefined;
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`the app did not start within 60 s:\n${log}`)); }, 60_000);
    const onData = (chunk: Buffer) => {
      log += String(chunk);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log)?.[1];
      if (!url || health) return;
      health = { status: 'pending', widgets: 0 };
      fetch(`${url}/health`).then((res) => res.json() as Promise<{ status: string; widgets: number }>).then((body) => {
        health = body;
        child.kill('SIGTERM');
      }, (error: unknown) => { child.kill('SIGKILL'); reject(error instanceof Error ? error : new Error(String(error))); });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      if (!health || health.status === 'pending') reject(new Error(`the app exited (${exitCode}) before answering /health:\n${log}`));
      else resolve({ health, exitCode, log });
    });
  });
}

const cases: [string, string | undefined, string[]][] = [
  ['link-nodes', 'Links', []],
  ['subflows-nested', undefined, []],
  ['debug-stripping', undefined, []],
  ['side-channels', undefined, []],
  ['derived-clientids', undefined, []],
  ['config-nodes', 'Configured', [path.join(fixtures, '_modules')]],
];

for (const [name, tab, moduleDirs] of cases) {
  test(`the ${name} bundle runs in the flow runtime`, async () => {
    const { health, exitCode, log } = await runBundle(await build(name, tab, moduleDirs));
    assert.equal(health.status, 'ok', log);
    assert.equal(exitCode, 0, log);
    assert.doesNotMatch(log, /missing types|Waiting for missing/i);
  });
}
