// Bundles the builder writes really run: for fixtures that exercise links (incl. link call
// and return), nested subflows, debug stripping, side channels, derived clientids and a
// third-party module with its config node, the real CLI builds the bundle and the real flow
// runtime (headless Node-RED, preview mode) starts it: /health answers "ok" only once every
// node type was found and the flow started. Then SIGTERM stops it cleanly.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

const root = path.join(__dirname, '..');
const fixtures = path.join(root, 'builder', 'fixtures');
const work = mkdtempSync(path.join(tmpdir(), 'builder-bundles-run-'));
after(() => rmSync(work, { recursive: true, force: true }));

function build(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile('npx', ['databox', 'build', ...args], { cwd: root }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: stdout + stderr });
    });
  });
}

/** Starts the launcher on the bundle, returns /health's answer, stops it; resolves the exit code too. */
function runBundle(flowsFile: string): Promise<{ health: { status: string; widgets: number }; exitCode: number | null; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'runtime', 'launcher', 'main.ts'), '--flows', flowsFile, '--port', '0', '--host', '127.0.0.1'], {
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

const cases: [string, string[]][] = [
  ['link-nodes', ['--tab', 'Links']],
  ['subflows-nested', []],
  ['debug-stripping', []],
  ['side-channels', []],
  ['derived-clientids', []],
  ['config-nodes', ['--tab', 'Configured', '--modules', path.join(fixtures, '_modules')]],
];

for (const [name, args] of cases) {
  test(`the ${name} bundle runs in the flow runtime`, async () => {
    const out = path.join(work, name);
    const built = await build([path.join(fixtures, name, 'flows.json'), '--out', out, ...args]);
    assert.equal(built.code, 0, built.output);
    const { health, exitCode, log } = await runBundle(path.join(out, 'flows.json'));
    assert.equal(health.status, 'ok', log);
    assert.equal(exitCode, 0, log);
    assert.doesNotMatch(log, /missing types|Waiting for missing/i);
  });
}
