import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataboxError } from '../../core/errors';
import { optionalInteger, requireRecord, requireString } from './service.body';
import { keyMatches } from './service.keys';

test('keys match exactly, empty and missing keys never', () => {
  assert.equal(keyMatches('abc', ['x', 'abc']), true);
  assert.equal(keyMatches('abd', ['abc']), false);
  assert.equal(keyMatches('', ['']), false);
  assert.equal(keyMatches(undefined, ['abc']), false);
  assert.equal(keyMatches(['abc'], ['abc']), false);
});

test('body readers throw 400 DataboxErrors naming the field', () => {
  assert.throws(() => requireRecord([], 'the body'), (e: unknown) => e instanceof DataboxError && e.status === 400);
  assert.throws(() => requireString({ name: 5 }, 'name'), /"name" must be a non-empty string/);
  assert.throws(() => requireString({ name: 'x'.repeat(600) }, 'name'), /too long/);
  assert.equal(optionalInteger({ from: '12' }, 'from', { min: 0 }), 12);
  assert.throws(() => optionalInteger({ from: '1e3' }, 'from'), /integer/);
  assert.throws(() => optionalInteger({ from: -1 }, 'from', { min: 0 }), />= 0/);
});
