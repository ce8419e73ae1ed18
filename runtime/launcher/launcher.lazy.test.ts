import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { DEFERRED_MODULES, isDeferred, lazyModule } from './launcher.lazy';

test('only the listed file requiring the listed module is deferred', () => {
  const util = path.join('/opt/databox/node_modules/@node-red/util/lib/util.js');
  assert.equal(isDeferred(DEFERRED_MODULES, util, 'moment-timezone'), true);
  assert.equal(isDeferred(DEFERRED_MODULES, util, './jsonata'), true);
  assert.equal(isDeferred(DEFERRED_MODULES, util, 'lodash.clonedeep'), false);
  assert.equal(isDeferred(DEFERRED_MODULES, '/app/node_modules/node-red-contrib-x/index.js', 'moment-timezone'), false, 'a third-party node gets the real module');
  assert.equal(isDeferred(DEFERRED_MODULES, '/opt/databox/node_modules/@node-red/util/lib/other.js', './jsonata'), false);
  assert.equal(isDeferred(DEFERRED_MODULES, '/opt/databox/node_modules/@node-red/nodes/core/function/10-function.js', 'acorn'), true);
  assert.equal(isDeferred(DEFERRED_MODULES, undefined, 'tar'), false);
});

test('a stand-in loads its module once, on first use, and behaves as it', () => {
  let loads = 0;
  class Thing { constructor(readonly n: number) {} }
  const real = Object.assign((x: number) => x * 2, { version: '1.2.3', Thing });
  const lazy = lazyModule(() => { loads++; return real; }) as typeof real;
  assert.equal(loads, 0, 'nothing loaded before use');
  assert.equal(lazy(21), 42);
  assert.equal(loads, 1);
  assert.equal(lazy.version, '1.2.3');
  assert.equal(new lazy.Thing(3).n, 3);
  assert.ok('version' in lazy);
  assert.ok(Object.keys(lazy).includes('version'));
  (lazy as unknown as Record<string, unknown>).extra = 1;
  assert.equal((real as unknown as Record<string, unknown>).extra, 1);
  assert.equal(loads, 1, 'loaded once');

  const namespace = lazyModule(() => ({ x: () => 'extracted' })) as { x(): string };
  assert.equal(namespace.x(), 'extracted');
  assert.ok(!Object.keys(namespace).includes('prototype'));
});

test('embedded headless, Node-RED loads neither its editor API nor the deferred modules, and they still work when a flow needs them', async () => {
  const script = `
    const { loadNodeRed, nodeRedDir } = require('./runtime/launcher/node-red.embed.ts');
    loadNodeRed();
    const loaded = (name) => Object.keys(require.cache).some((f) => f.includes('/node_modules/' + name + '/'));
    const names = ['@node-red/editor-api', 'moment-timezone', 'jsonata', 'tar', 'cronosjs'];
    const before = names.filter(loaded).concat(Object.keys(require.cache).some((f) => f.endsWith('/@node-red/util/lib/jsonata.js')) ? ['util/jsonata'] : []);
    const { util } = require(require.resolve('@node-red/util', { paths: [nodeRedDir()] }));
    const expr = util.prepareJSONataExpression('$moment("2024-05-06T07:08:09Z").utc().format("YYYY-MM-DD") & " " & $uppercase(payload)', {});
    util.evaluateJSONataExpression(expr, { payload: 'ok' }, (error, value) => {
      console.log(JSON.stringify({ before, value, error: error ? String(error) : null, after: ['moment-timezone'].filter(loaded) }));
    });`;
  const root = path.resolve(__dirname, '..', '..');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root });
  const answer = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { before: string[]; value: string; error: string | null; after: string[] };
  assert.deepEqual(answer.before, [], 'nothing of the editor API, moment, JSONata, tar or cronosjs at start');
  assert.equal(answer.error, null);
  assert.equal(answer.value, '2024-05-06 OK');
  assert.deepEqual(answer.after, ['moment-timezone'], 'loaded on first use');
});

test('a function node whose code calls node.done() (parsed with the deferred acorn) runs in the launcher', { timeout: 30_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'launcher-lazy-'));
  try {
    const flows = path.join(dir, 'flows.json');
    fs.writeFileSync(flows, JSON.stringify([
      { id: 't', type: 'tab', label: 'done' },
      { id: 'i', type: 'inject', z: 't', x: 100, y: 100, props: [{ p: 'payload' }], once: true, onceDelay: 0.1, repeat: '', payload: '21', payloadType: 'num', wires: [['f']] },
      { id: 'f', type: 'function', z: 't', x: 300, y: 100, func: "node.warn('doubled ' + msg.payload * 2);\nnode.done();\nreturn null;", outputs: 1, wires: [[]] },
    ]));
    const root = path.resolve(__dirname, '..', '..');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'main.ts'), '--flows', flows, '--port', '0'],
      { cwd: root, env: { ...process.env, DATABOX_MODE: 'preview' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const seen = new Promise<void>((resolve, reject) => {
      const read = (chunk: unknown): void => { output += String(chunk); if (/doubled 42/.test(output)) resolve(); };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    try {
      await seen;
    } finally {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    assert.doesNotMatch(output, /Error/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
