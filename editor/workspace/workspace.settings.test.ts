import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PALETTE_CATEGORIES, workspaceSettings } from './workspace.settings';

const settings = workspaceSettings({ userDir: '/tmp/u', nodesDirs: ['/sdk/dist/nodes'], allowedModules: ['node-red-contrib-databox'], nodesExcludes: ['90-exec.js'], storage: {}, credentialSecret: 'per-developer', title: 'octocat' });

test('a workspace phones nowhere home, installs nothing and serves no flow HTTP on the studio\'s origin', () => {
  assert.deepEqual(settings.telemetry, { enabled: false, updateNotification: false });
  assert.equal(settings.httpNodeRoot, false);
  assert.equal((settings.editorTheme as { tours: unknown }).tours, false);
  assert.deepEqual((settings.externalModules as { palette: unknown }).palette, { allowInstall: false, allowUpload: false, allowList: ['node-red-contrib-databox'], denyList: ['*'] });
  assert.equal(settings.functionExternalModules, false);
  assert.deepEqual(settings.nodesExcludes, ['90-exec.js']);
});

test('the editor is Node-RED\'s, branded, with Databox\'s categories first, Monaco, and the developer\'s own credential secret', () => {
  const theme = settings.editorTheme as { page: { title: string }; palette: { categories: string[] }; codeEditor: { lib: string } };
  assert.equal(theme.page.title, 'Databox Studio: octocat');
  assert.deepEqual(theme.palette.categories.slice(0, 5), ['data sources', 'processing', 'app ui', 'actuators', 'export']);
  assert.deepEqual(theme.palette.categories, PALETTE_CATEGORIES);
  assert.equal(theme.codeEditor.lib, 'monaco');
  assert.equal(settings.credentialSecret, 'per-developer');
  assert.deepEqual(settings.databox, { mode: 'preview' });
});
