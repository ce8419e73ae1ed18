import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { scanNodeModules } from './modules.scan';
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
