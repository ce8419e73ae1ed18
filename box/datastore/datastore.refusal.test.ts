import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mintToken } from '../tokens/token.mint';
import { refusedComponent } from './datastore.refusal';

test('a refused but genuine token names its component; forged or malformed ones name nobody', () => {
  const token = mintToken({ secret: 'a-secret-of-enough-length', target: 's', path: '/ts/x', method: 'GET', component: 'app1', generation: 0, expiresAt: Date.now() + 1000 });
  assert.equal(refusedComponent(token, { code: 'token-caveat-path' }), 'app1');
  assert.equal(refusedComponent(token, { code: 'token-expired' }), 'app1');
  assert.equal(refusedComponent(token, { code: 'token-invalid' }), 'unknown');
  assert.equal(refusedComponent('AAAA', { code: 'token-caveat-path' }), 'unknown');
  assert.equal(refusedComponent(undefined, { code: 'token-malformed' }), 'unknown');
});
