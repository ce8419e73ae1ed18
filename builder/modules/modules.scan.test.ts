import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scanNodeModules } from './modules.scan';
import { stageModules } from './modules.stage';
import { registeredTypes } from './modules.registry';

const fixtureModules = resolve(__dirname, '..', 'fixtures', '_modules');

test('registered types are read from registerType calls with a literal type', () => {
  assert.deepEqual(registeredTypes('RED.nodes.registerType("a b", X);\nRED.nodes.registerType(\'c\', Y); registerType(`d`, Z); registerType(name, W)'), ['a b', 'c', 'd']);
});

test('scanning finds each type of a node module with its version, never reading outside the package', async () => {
  const modules = await scanNodeModules([fixtureModules]);
  assert.deepEqual([...modules.keys()].sort(), ['fixture-settings', 'fixture-upper', 'ping']);
  const upper = modules.get('fixture-upper');
  assert.equal(upper?.module, 'node-red-contrib-databox-fixture');
  assert.equal(upper?.version, '1.4.2');
  assert.equal(upper?.dir, join(fixtureModules, 'node-red-contrib-databox-fixture'));
  assert.equal(modules.has('escaped-type'), false, 'a node file path that leaves the package is ignored');
});

test('Node-RED and the Databox nodes are not third-party modules', async () => {
  const modules = await scanNodeModules([resolve(__dirname, '..', '..', 'node_modules')]);
  for (const type of ['function', 'inject', 'databox-datasource', 'mqtt in']) assert.equal(modules.has(type), false, type);
});

test('staging copies each used module and its dependencies into node_modules/', async () => {
  const out = mkdtempSync(join(tmpdir(), 'stage-'));
  try {
    const modules = await scanNodeModules([fixtureModules]);
    const upper = modules.get('fixture-upper');
    assert.ok(upper);
    assert.deepEqual(await stageModules([upper], out), ['fixture-helper', 'node-red-contrib-databox-fixture']);
    assert.deepEqual(readdirSync(join(out, 'node_modules')).sort(), ['.databox-staged', 'fixture-helper', 'node-red-contrib-databox-fixture']);
    assert.deepEqual(await stageModules([], out), []);
    assert.equal(existsSync(join(out, 'node_modules')), false, 'a rebuild without modules leaves no stale node_modules');
    await assert.rejects(stageModules([{ ...upper, dir: join(out, 'nowhere', 'node-red-contrib-databox-fixture') }], out), /ENOENT/);
    mkdirSync(join(out, 'node_modules', 'precious'), { recursive: true });
    await assert.rejects(stageModules([upper], out), { code: 'out-has-node-modules' });
    assert.ok(existsSync(join(out, 'node_modules', 'precious')), "a node_modules/ a build did not stage is never removed");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
