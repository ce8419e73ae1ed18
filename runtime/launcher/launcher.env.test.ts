import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataboxError } from '../../core/errors';
import { readLauncherEnv, resolveMode } from './launcher.env';

test('mode: explicit, else box when an arbiter is set, else preview', () => {
  assert.equal(resolveMode({}), 'preview');
  assert.equal(resolveMode({ DATABOX_ARBITER_ENDPOINT: 'http://arbiter:8080' }), 'box');
  assert.equal(resolveMode({ DATABOX_ARBITER_ENDPOINT: 'http://arbiter:8080', DATABOX_MODE: 'preview' }), 'preview');
  assert.equal(resolveMode({ DATABOX_MODE: ' box ' }), 'box');
});

test('an unknown mode is refused, and box mode needs the arbiter', () => {
  assert.throws(() => resolveMode({ DATABOX_MODE: 'live' }), (e: unknown) => e instanceof DataboxError && e.code === 'launcher-mode-invalid');
  assert.throws(() => readLauncherEnv({ DATABOX_MODE: 'box' }), (e: unknown) => e instanceof DataboxError && e.code === 'launcher-arbiter-missing');
});

test('reads the seed and the app name when set', () => {
  assert.deepEqual(readLauncherEnv({ DATABOX_PREVIEW_SEED: 's1', DATABOX_LOCAL_NAME: 'host-load' }), { mode: 'preview', seed: 's1', appName: 'host-load' });
  assert.deepEqual(readLauncherEnv({ DATABOX_PREVIEW_SEED: '  ' }), { mode: 'preview' });
});
