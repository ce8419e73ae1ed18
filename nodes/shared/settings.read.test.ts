import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataboxError } from '../../core/errors';
import { fakeBox } from '../test-support/fake-box';
import { readDataboxSettings } from './settings.read';

const refused = (value: unknown, message: RegExp) => assert.throws(() => readDataboxSettings(value),
  (error: unknown) => error instanceof DataboxError && error.code === 'settings-invalid' && message.test(error.message));

test('no settings is preview; preview options are kept', () => {
  assert.deepEqual(readDataboxSettings(undefined), { mode: 'preview' });
  assert.deepEqual(readDataboxSettings({}), { mode: 'preview' });
  assert.deepEqual(readDataboxSettings({ mode: 'preview', seed: 's', preview: { epoch: 5, burst: 10 } }), { mode: 'preview', seed: 's', preview: { epoch: 5, burst: 10 } });
});

test('box mode needs a box client; the client is passed through untouched', () => {
  const box = fakeBox({});
  assert.equal(readDataboxSettings({ mode: 'box', box }).box, box);
  refused({ mode: 'box' }, /box mode needs/);
  refused({ mode: 'box', box: { source() {} } }, /box mode needs/);
});

test('malformed settings are refused with what to fix', () => {
  refused('preview', /must be an object/);
  refused({ mode: 'live' }, /"live" is unknown/);
  refused({ seed: 4 }, /seed must be a string/);
  refused({ preview: { burst: 0 } }, /burst must be a whole number/);
  refused({ preview: { burst: 2.5 } }, /burst must be a whole number/);
  refused({ preview: { epoch: 'now' } }, /epoch must be a time/);
});
