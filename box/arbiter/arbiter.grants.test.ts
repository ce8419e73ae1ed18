import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grantCovers, readGrant } from './arbiter.grants';
import { DataboxError } from '../../core/errors';

test('a grant covers exact paths, narrower prefixes, and nothing that escapes it', () => {
  const g = { target: 's', path: '/ts/load*', method: 'GET' as const };
  assert.equal(grantCovers(g, { target: 's', path: '/ts/load1', method: 'GET' }), true);
  assert.equal(grantCovers(g, { target: 's', path: '/ts/load1/*', method: 'GET' }), true);
  assert.equal(grantCovers(g, { target: 's', path: '/ts/*', method: 'GET' }), false, 'wider prefix');
  assert.equal(grantCovers(g, { target: 's', path: '/ts/load/../x', method: 'GET' }), false);
  assert.equal(grantCovers(g, { target: 's', path: '/ts/load1', method: 'POST' }), false);
  assert.equal(grantCovers(g, { target: 't', path: '/ts/load1', method: 'GET' }), false);
  assert.equal(grantCovers(g, { target: 's', path: '/ts/load1', method: 'GET', observe: 'data' }), false, 'observe needs its own grant');
  const e = { target: 'export-service', path: '/export', method: 'POST' as const, destination: 'https://a.example/x' };
  assert.equal(grantCovers(e, e), true);
  assert.equal(grantCovers(e, { ...e, destination: 'https://a.example/y' }), false);
  assert.equal(grantCovers({ target: 's', path: '/kv/a/k', method: 'GET' }, { target: 's', path: '/kv/a/k2', method: 'GET' }), false);
});

test('readGrant refuses wrong types, unknown fields and tricky paths', () => {
  assert.deepEqual(readGrant({ target: 's', path: '/ts/*', method: 'GET', observe: 'data' }), { target: 's', path: '/ts/*', method: 'GET', observe: 'data' });
  for (const bad of [null, [], 'x', { target: 1, path: '/a', method: 'GET' }, { target: 's', path: '/a', method: 'PUT' }, { target: 's', path: '/a/../b', method: 'GET' },
    { target: 's', path: 'a', method: 'GET' }, { target: 's', path: '/a', method: 'GET', admin: true }, { target: 's', path: '/a', method: 'POST', destination: 'ftp://x' }, { target: 's', path: '/a', method: 'GET', observe: 'all' }]) {
    assert.throws(() => readGrant(bad), (e: unknown) => e instanceof DataboxError && e.status === 400, JSON.stringify(bad));
  }
  const privacy = { mechanism: 'randomized-response', epsilon: 1, period: 'day', categories: ['a', 'b'] };
  const exportRoute = { target: 'export-service', path: '/export', method: 'POST', destination: 'https://a.example/x' };
  assert.deepEqual(readGrant({ ...exportRoute, privacy }, { withPrivacy: true }), { ...exportRoute, privacy });
  assert.throws(() => readGrant({ ...exportRoute, privacy }), /cannot ask for "privacy"/, 'a token request never carries privacy');
  assert.throws(() => readGrant({ ...exportRoute, privacy: { ...privacy, categories: ['a', 'a'] } }, { withPrivacy: true }), /listed twice/);
  assert.throws(() => readGrant({ target: 's', path: '/a', method: 'GET', privacy }, { withPrivacy: true }), /belongs to an export grant/);
});
