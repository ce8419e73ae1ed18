import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundleContentHash } from './bundle.hash';
import { sampleBundle } from './bundle.sample';

test('the content hash is sha256 hex, stable, and changes with any file', () => {
  const hash = bundleContentHash(sampleBundle());
  assert.match(hash, /^[0-9a-f]{64}$/);
  assert.equal(bundleContentHash(sampleBundle()), hash);
  assert.notEqual(bundleContentHash({ ...sampleBundle(), dockerfile: 'FROM other\n' }), hash);
  assert.notEqual(bundleContentHash({ ...sampleBundle(), readme: '' }), hash);
  const flows = sampleBundle().flows.map((n) => (n.id === 'ex1' ? { ...n, url: 'https://evil.example/' } : n));
  assert.notEqual(bundleContentHash({ ...sampleBundle(), flows }), hash);
});

test('the signature is not part of the hash (it signs the hash), the publisher is', () => {
  const base = sampleBundle();
  const hash = bundleContentHash(base);
  assert.equal(bundleContentHash({ ...base, manifest: { ...base.manifest, signature: 'c2ln' } }), hash);
  assert.notEqual(bundleContentHash({ ...base, manifest: { ...base.manifest, publisher: 'ada' } }), hash);
});
