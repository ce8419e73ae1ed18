// The launcher for real, without Docker: the CLI in a child process on the demo flow, with
// the compiled Databox nodes (npm run build) in headless Node-RED. Cheap: one process.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chartValues, watchUi } from '../ui/ui.watch';

const root = path.resolve(__dirname, '..', '..');
const flows = path.join(root, 'runtime', 'fixtures', 'page-demo.flows.json');
let child: ChildProcess;
let base = '';
let output = '';

before(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'main.ts'), '--flows', flows, '--port', '0'], {
    cwd: root, env: { ...process.env, DATABOX_MODE: 'preview', DATABOX_PREVIEW_SEED: 'launcher-test' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk) => { output += String(chunk); });
  base = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`launcher exited ${code} before listening:\n${output}`)));
  });
});

after(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

test('GET /health answers ok once the flows run', async () => {
  const res = await fetch(`${base}/health`);
  assert.equal(res.status, 200);
  const body = await res.json() as { status: string; mode: string; widgets: number };
  assert.equal(body.status, 'ok');
  assert.equal(body.mode, 'preview');
  assert.equal(body.widgets, 5);
});

test('/ui redirects to /ui/, which serves the shell and its own scripts (no CDN)', async () => {
  const redirect = await fetch(`${base}/ui`, { redirect: 'manual' });
  assert.equal(redirect.status, 301);
  assert.equal(redirect.headers.get('location'), 'ui/');
  const page = await fetch(`${base}/ui/`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  const html = await page.text();
  assert.match(html, /<title>Host load<\/title>/);
  assert.doesNotMatch(html, /https?:\/\//);
  for (const asset of ['ui.js', 'ui.dom.js', 'ui.chart.js', 'ui.panels.js', 'markdown.js', 'ui.css', 'vendor/chart.umd.js']) {
    const res = await fetch(`${base}/ui/${asset}`);
    assert.equal(res.status, 200, asset);
    assert.ok((await res.arrayBuffer()).byteLength > 500, asset);
  }
  const chartJs = await (await fetch(`${base}/ui/vendor/chart.umd.js`)).text();
  assert.match(chartJs, /Chart\.js v4/);
  for (const bad of ['/ui/nope.js', '/ui/%2e%2e/package.json', '/ui/vendor/../../package.json', '/admin', '/flows']) {
    assert.equal((await fetch(`${base}${bad}`)).status, 404, bad);
  }
});

test('the page socket sends the snapshot, then live chart points from preview data', async () => {
  const watch = await watchUi(`${base.replace('http', 'ws')}/ui/ws`);
  try {
    const first = watch.messages[0] ?? (await watch.until((m) => m.length > 0, 10_000))[0];
    assert.equal(first?.type, 'snapshot');
    const kinds = first?.type === 'snapshot' ? first.widgets.map((w) => `${w.widget.kind}:${w.widget.style}`).sort() : [];
    assert.deepEqual(kinds, ['chart:bar', 'chart:gauge', 'chart:line', 'list:table', 'text:markdown']);
    const before = chartValues(watch.messages, 'chart-line').length;
    await watch.until((m) => chartValues(m, 'chart-line').length >= before + 3, 15_000);
    const values = chartValues(watch.messages, 'chart-line');
    assert.ok(values.every((v) => Number.isFinite(v) && v >= 0), 'load averages are non-negative numbers');
    await watch.until((m) => m.some((x) => x.type === 'update' && x.id === 'list-rows'), 15_000);
  } finally {
    watch.close();
  }
});

test('a page from another site cannot open the socket', async () => {
  await assert.rejects(watchUi(`${base.replace('http', 'ws')}/ui/ws`, { Origin: 'https://evil.example' }), /HTTP 403/);
  await assert.rejects(watchUi(`${base.replace('http', 'ws')}/elsewhere`), /HTTP 404/);
});

test('a port already in use is refused with a clear message', async () => {
  const port = new URL(base).port;
  const clash = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'main.ts'), '--flows', flows, '--port', port], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  clash.stderr.on('data', (c) => { err += String(c); });
  assert.equal((await once(clash, 'exit'))[0], 1);
  assert.match(err, /launcher-listen-failed.*EADDRINUSE.*--port/);
});

test('SIGTERM stops Node-RED and exits 0', async () => {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const [code] = await exited;
  assert.equal(code, 0, output);
  assert.match(output, /databox: stopped/);
});

test('a missing or broken flows file, unknown node types, or a node that cannot be created, are refused with a clear message and exit 1', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'launcher-bad-'));
  try {
    fs.writeFileSync(path.join(dir, 'flows.json'), '{"not":"a list"}');
    fs.writeFileSync(path.join(dir, 'unknown.json'), '[{"id":"t","type":"tab"},{"id":"n","type":"contrib-nowhere","z":"t","wires":[]}]');
    // A node whose constructor throws: Node-RED logs it and runs the flow without it.
    fs.writeFileSync(path.join(dir, 'broken.json'), JSON.stringify([{ id: 't', type: 'tab' }, { id: 'fn1', type: 'function', z: 't', func: 'return msg;', outputs: 1, libs: [{ var: 'x', module: 'fs' }], x: 100, y: 100, wires: [[]] }]));
    for (const [file, pattern] of [[path.join(dir, 'missing.json'), /launcher-flows-missing/], [path.join(dir, 'flows.json'), /launcher-flows-invalid.*not a list/],
      [path.join(dir, 'unknown.json'), /launcher-missing-types.*contrib-nowhere/], [path.join(dir, 'broken.json'), /launcher-node-failed.*The flow did not start whole: function node fn1: /]] as const) {
      const run = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'main.ts'), '--flows', file, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      run.stderr.on('data', (c) => { err += String(c); });
      const [code] = await once(run, 'exit');
      assert.equal(code, 1);
      assert.match(err, pattern);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('box mode: the nodes get the box client (an unbound required source says so), and a missing key is refused', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'launcher-box-'));
  try {
    fs.writeFileSync(path.join(dir, 'key'), 'app-key\n');
    const env = { ...process.env, DATABOX_MODE: '', DATABOX_ARBITER_ENDPOINT: 'http://127.0.0.1:9', DATABOX_ARBITER_TOKEN_FILE: path.join(dir, 'key') };
    const boxed = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'main.ts'), '--flows', flows, '--port', '0'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    boxed.stderr.on('data', (c) => { log += String(c); });
    const url = await new Promise<string>((resolve, reject) => {
      boxed.stdout.on('data', (c) => {
        log += String(c);
        const match = /box mode, listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
        if (match?.[1]) resolve(match[1]);
      });
      boxed.once('exit', (code) => reject(new Error(`exited ${code}: ${log}`)));
    });
    const health = await (await fetch(`${url}/health`)).json() as { mode: string; status: string };
    assert.deepEqual([health.status, health.mode], ['ok', 'box']);
    assert.match(log, /source-not-bound.*loadavg1_dsload/);
    const exited = once(boxed, 'exit');
    boxed.kill('SIGTERM');
    assert.equal((await exited)[0], 0);

    const refused = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'main.ts'), '--flows', flows, '--port', '0'],
      { cwd: root, env: { ...env, DATABOX_ARBITER_TOKEN_FILE: path.join(dir, 'missing') }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    refused.stderr.on('data', (c) => { err += String(c); });
    assert.equal((await once(refused, 'exit'))[0], 1);
    assert.match(err, /box-key-missing/);
    assert.doesNotMatch(err + log, /app-key/, 'the key never reaches the log');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
