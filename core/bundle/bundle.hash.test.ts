import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundleContentHash } from './bundle.hash';
import { builtBundle } from '../../test/support/built-bundle';

test('the content hash is sha256 hex, stable, and changes with any file', () => {
  const hash = bundleContentHash(builtBundle());
  assert.match(hash, /^[0-9a-f]{64}$/);
  assert.equal(bundleContentHash(builtBundle()), hash);
  assert.notEqual(bundleContentHash({ ...builtBundle(), dockerfile: 'FROM other\n' }), hash);
  assert.notEqual(bundleContentHash({ ...builtBundle(), readme: '' }), hash);
  const flows = builtBundle().flows.map((n) => (n.type === 'databox-export' ? { ...n, url: 'https://evil.example/' } : n));
  assert.notEqual(bundleContentHash({ ...builtBundle(), flows }), hash);
});

test('the signature is not part of the hash (it signs the hash), the publisher is', () => {
  const base = builtBundle();
  const hash = bundleContentHash(base);
  assert.equal(bundleContentHash({ ...base, manifest: { ...base.manifest, signature: 'c2ln' } }), hash);
  assert.notEqual(bundleContentHash({ ...base, manifest: { ...base.manifest, publisher: 'ada' } }), hash);
});
