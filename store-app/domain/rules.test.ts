import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataboxError } from '../../core/errors';
import { sampleManifest, sampleVersion } from '../testing/manifest.fixture';
import { listedVersion } from './listing.rules';
import { initialReview } from './review.rules';
import type { AppRecord } from './app-store.types';
import { checkNewVersion } from './version.rules';

const app: AppRecord = { name: 'loadmon', owner: 'alice', publicKey: 'key-alice', createdAt: '', listedVersion: '1.0.0' };
const v = (version: string, extra: Parameters<typeof sampleVersion>[1] = {}) => sampleVersion(sampleManifest({ version }), extra);
const refusal = (code: string) => (error: unknown) => error instanceof DataboxError && error.code === code;

test('a new version must be by the owner, with the app key, and higher than every published one', () => {
  const versions = [v('1.0.0'), v('1.2.0', { yanked: true })];
  const input = { app, versions, publisher: 'alice', version: '1.3.0', publicKey: 'key-alice' };
  checkNewVersion(input);
  checkNewVersion({ ...input, app: undefined, publisher: 'bob', publicKey: 'other' });
  assert.throws(() => checkNewVersion({ ...input, publisher: 'bob' }), refusal('app-owned-by-other'));
  assert.throws(() => checkNewVersion({ ...input, publicKey: 'key-bob' }), refusal('signing-key-mismatch'));
  assert.throws(() => checkNewVersion({ ...input, version: '1.2.0' }), refusal('version-exists'));
  assert.throws(() => checkNewVersion({ ...input, version: '1.1.9' }), refusal('version-not-higher'));
});

test('the listed version: highest installable, stable before beta, never yanked or unreviewed', () => {
  assert.equal(listedVersion([v('1.0.0'), v('1.1.0'), v('2.0.0-beta.1', { channel: 'beta' })])?.version, '1.1.0');
  assert.equal(listedVersion([v('1.0.0', { yanked: true }), v('2.0.0-beta.1', { channel: 'beta' })])?.version, '2.0.0-beta.1');
  assert.equal(listedVersion([v('1.0.0', { review: 'approved' }), v('1.1.0', { review: 'pending' }), v('1.2.0', { review: 'rejected' })])?.version, '1.0.0');
  assert.equal(listedVersion([v('1.0.0', { review: 'pending' })]), undefined);
  assert.equal(listedVersion([v('1.10.0'), v('1.9.0')])?.version, '1.10.0', 'semantic, not text, order');
});

test('review: open stores never queue; curated stores queue new apps and growing permissions', () => {
  const m = sampleManifest();
  assert.equal(initialReview('open', undefined, m), 'open');
  assert.equal(initialReview('curated', undefined, m), 'pending');
  assert.equal(initialReview('curated', m, sampleManifest({ version: '1.1.0', description: 'new words' })), 'approved');
  assert.equal(initialReview('curated', m, sampleManifest({ datasources: [...m.datasources, { clientid: 'b', type: 'steps', required: false }] })), 'pending');
});
