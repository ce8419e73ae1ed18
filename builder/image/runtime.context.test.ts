// Over the real checkout (needs `npm run build`): what the runtime image would contain.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { runtimeContext } from './runtime.context';

test('the runtime context holds the compiled runtime and only its production dependencies', () => {
  const root = path.resolve(__dirname, '..', '..');
  const context = runtimeContext(root, '9.9.9');
  const names = new Set(context.entries.map((e) => e.name));
  for (const needed of ['Dockerfile', 'package.json', 'dist/runtime/launcher/main.js', 'dist/runtime/ui/public/ui.js', 'dist/nodes/package.json',
    'dist/core/ui-bus.js', 'node_modules/node-red/package.json', 'node_modules/@node-red/runtime/package.json', 'node_modules/ws/package.json',
    'node_modules/chart.js/dist/chart.umd.js', 'node_modules/express/package.json']) {
    assert.ok(names.has(needed), needed);
  }
  const packages = new Set([...names].filter((n) => n.startsWith('node_modules/')).map((n) => n.split('/').slice(1, n.startsWith('node_modules/@') ? 3 : 2).join('/')));
  for (const unwanted of ['dockerode', 'better-sqlite3', 'typescript', 'eslint', 'tsx', 'playwright-core', 'pg', '@node-red/editor-client', 'node-red-admin', 'macaroon']) {
    assert.ok(!packages.has(unwanted), unwanted);
  }
  assert.ok(![...names].some((n) => n.endsWith('.map') || (n.startsWith('dist/') && n.endsWith('.test.js')) || n.includes('/.git/')));
  assert.ok(![...names].some((n) => /^dist\/.*\/(fixtures|test-support|test-fixtures)\//.test(n)), 'no test helpers in the image');
  assert.ok(context.bytes < 150e6, `${context.bytes} bytes`);
  const pkg = context.entries.find((e) => e.name === 'package.json');
  assert.ok(pkg && 'content' in pkg && JSON.parse(pkg.content.toString()).version === '9.9.9');
});
