import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { newKeyPem } from '../testing/app-store.fixture';
import { keyFingerprint, parsePublicKey, signBundleHash, signHandover, verifyBundleSignature, verifyHandover } from '../../core/bundle/bundle.signature';
import { loadOrCreateKey, publicKeyOf } from './publisher-key';

const hash = 'ab'.repeat(32);
const dir = mkdtempSync(path.join(tmpdir(), 'store-keys-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a bundle signature verifies for its hash and key only', () => {
  const pem = newKeyPem();
  const publicKey = publicKeyOf(pem);
  const signature = signBundleHash(hash, pem);
  assert.equal(verifyBundleSignature({ contentHash: hash, signature, publicKey }), true);
  assert.equal(verifyBundleSignature({ contentHash: 'cd'.repeat(32), signature, publicKey }), false);
  assert.equal(verifyBundleSignature({ contentHash: hash, signature, publicKey: publicKeyOf(newKeyPem()) }), false);
  assert.equal(verifyBundleSignature({ contentHash: hash, signature: 'not base64!', publicKey }), false);
  assert.equal(verifyBundleSignature({ contentHash: hash, signature, publicKey: 'AAAA' }), false);
  assert.match(keyFingerprint(publicKey), /^ed25519:[0-9a-f]{16}$/);
});

test('a hand-over signature is not a bundle signature, and the other way round', () => {
  const pem = newKeyPem();
  const current = publicKeyOf(pem);
  const next = publicKeyOf(newKeyPem());
  const proof = signHandover('loadmon', next, pem);
  assert.equal(verifyHandover({ app: 'loadmon', newPublicKey: next, signature: proof, currentPublicKey: current }), true);
  assert.equal(verifyHandover({ app: 'other', newPublicKey: next, signature: proof, currentPublicKey: current }), false);
  assert.equal(verifyBundleSignature({ contentHash: `loadmon:${next}`, signature: proof, publicKey: current }), false);
});

test('only ed25519 keys are accepted', async () => {
  const { generateKeyPairSync } = await import('node:crypto');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const rsaPublic = rsa.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  assert.equal(parsePublicKey(rsaPublic), undefined);
  const rsaFile = path.join(dir, 'rsa.pem');
  writeFileSync(rsaFile, rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  assert.throws(() => loadOrCreateKey(rsaFile, false), /not ed25519/);
});

test('the publisher key is created once, private to its owner, and reused', () => {
  const file = path.join(dir, 'home', 'publisher-key.pem');
  assert.throws(() => loadOrCreateKey(file, false), /no publisher key/);
  const created = loadOrCreateKey(file, true);
  assert.equal(created.created, true);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const again = loadOrCreateKey(file, true);
  assert.equal(again.created, false);
  assert.equal(again.publicKey, created.publicKey);
});
