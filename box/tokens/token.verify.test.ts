import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importMacaroon, newMacaroon } from 'macaroon';
import { encodeMacaroonV2 } from './token.binary';
import { mintToken } from './token.mint';
import { createTokenVerifier, verifyToken } from './token.verify';
import type { RequestFacts } from './token.types';
import { DataboxError } from '../../core/errors';

const secret = 'store-a-secret-0123456789abcdef';
const now = Date.now();
const base = { secret, target: 'store-a', path: '/ts/load*', method: 'GET' as const, component: 'app1', generation: 0, expiresAt: now + 60_000 };
const facts: RequestFacts = { target: 'store-a', path: '/ts/load/latest', method: 'GET', now };

test('a minted token verifies and names its component', () => {
  const result = verifyToken(mintToken(base), secret, facts, () => 0);
  assert.equal(result.ok, true);
  assert.ok(result.ok && result.component === 'app1');
});

test('forged (other secret), tampered and malformed tokens are 401', () => {
  const forged = mintToken({ ...base, secret: 'another-secret-0123456789abcdef' });
  const f = verifyToken(forged, secret, facts, () => 0);
  assert.ok(!f.ok && f.status === 401 && f.code === 'token-invalid');
  // Tamper: rewrite the path caveat to a broader one keeping the signature.
  const token = mintToken({ ...base, path: '/ts/load/latest' });
  const bytes = Buffer.from(token, 'base64url');
  const at = bytes.indexOf('path = /ts/load/latest');
  bytes.write('path = /ts/*          ', at);
  const t = verifyToken(bytes.toString('base64url'), secret, { ...facts, path: '/ts/other' }, () => 0);
  assert.ok(!t.ok && t.status === 401, JSON.stringify(t));
  for (const bad of ['', 'not a token!', 'AAAA', 'x'.repeat(5000), 42, undefined]) {
    const r = verifyToken(bad, secret, facts, () => 0);
    assert.ok(!r.ok && r.status === 401, String(bad));
  }
});

test('a holder can narrow a token with a caveat but never widen it', () => {
  const macaroon = importMacaroon(new Uint8Array(Buffer.from(mintToken(base), 'base64url')));
  macaroon.addFirstPartyCaveat('method = POST');
  const r = verifyToken(Buffer.from(encodeMacaroonV2(macaroon)).toString('base64url'), secret, facts, () => 0);
  assert.ok(!r.ok && r.status === 403 && r.caveat === 'method = POST');
});

test('a token with an unknown caveat, signed by the right key, is refused', () => {
  const m = newMacaroon({ identifier: 'x', location: 'databox-arbiter', rootKey: secret });
  for (const c of ['target = store-a', 'path = /ts/*', 'method = GET', 'component = app1', 'generation = 0', `time < ${now + 1000}`, 'admin = true']) m.addFirstPartyCaveat(c);
  const r = verifyToken(Buffer.from(encodeMacaroonV2(m)).toString('base64url'), secret, facts, () => 0);
  assert.ok(!r.ok && r.status === 401 && r.code === 'token-caveat-unknown');
});

test('expired and revoked tokens are 401; the cached verifier still checks them each time', () => {
  const verify = createTokenVerifier(secret, () => generation);
  let generation = 0;
  const token = mintToken(base);
  assert.equal(verify(token, facts).ok, true);
  assert.equal(verify(token, facts).ok, true);
  generation = 1;
  const revoked = verify(token, facts);
  assert.ok(!revoked.ok && revoked.code === 'token-revoked');
  generation = 0;
  const expired = verify(token, { ...facts, now: base.expiresAt });
  assert.ok(!expired.ok && expired.code === 'token-expired');
  const forged = verify(mintToken({ ...base, secret: 'another-secret-0123456789abcdef' }), facts);
  assert.ok(!forged.ok && forged.status === 401);
});

test('minting refuses bad claims with a DataboxError', () => {
  assert.throws(() => mintToken({ ...base, path: '/ts/../kv' }), (e: unknown) => e instanceof DataboxError && e.code === 'token-claims-invalid');
  assert.throws(() => mintToken({ ...base, secret: 'short' }), DataboxError);
});
