import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { buildNodeRedSettings, defaultNodesDir } from './launcher.settings';

test('settings are headless, read-only and carry the Databox settings', () => {
  const settings = buildNodeRedSettings({ userDir: '/tmp/u', flowsFile: 'flows.json', nodesDirs: ['/opt/databox/dist/nodes', '/app/node_modules'], databox: { mode: 'preview', seed: 'x' } });
  assert.equal(settings.httpAdminRoot, false);
  assert.equal(settings.httpNodeRoot, false);
  assert.equal(settings.disableEditor, true);
  assert.equal(settings.readOnly, true);
  assert.equal(settings.userDir, '/tmp/u');
  assert.equal(settings.flowFile, path.resolve('flows.json'));
  assert.deepEqual(settings.nodesDir, ['/opt/databox/dist/nodes', '/app/node_modules']);
  assert.equal(settings.externalModules.palette.allowInstall, false);
  assert.equal(settings.externalModules.autoInstall, false);
  assert.equal(settings.functionExternalModules, false);
  assert.deepEqual(settings.databox, { mode: 'preview', seed: 'x' });
  assert.equal(settings.logging.console.level, 'info');
});

test('the compiled nodes are found beside the compiled launcher, or in dist/ from source', () => {
  assert.equal(defaultNodesDir('/opt/databox/dist/runtime/launcher'), '/opt/databox/dist/nodes');
  assert.equal(defaultNodesDir('/work/main/runtime/launcher'), '/work/main/dist/nodes');
});
