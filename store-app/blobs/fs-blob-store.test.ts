import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fsBlobStore } from './fs-blob-store';

const dir = mkdtempSync(path.join(tmpdir(), 'store-blobs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('blobs are stored under their sha256, read back, deduplicated and deleted', async () => {
  const blobs = fsBlobStore(dir);
  const data = Buffer.from('a bundle');
  const first = await blobs.put(data);
  assert.equal(first.hash, createHash('sha256').update(data).digest('hex'));
  assert.equal(first.existed, false);
  assert.equal((await blobs.put(data)).existed, true);
  assert.deepEqual(await blobs.get(first.hash), data);
  assert.deepEqual(readdirSync(path.join(dir, first.hash.slice(0, 2))), [first.hash]);
  await blobs.delete(first.hash);
  assert.equal(await blobs.has(first.hash), false);
  assert.equal(await blobs.get(first.hash), undefined);
});

test('a blob address that is not a sha256 is refused, never used as a path', async () => {
  const blobs = fsBlobStore(dir);
  await assert.rejects(blobs.get('../../etc/passwd'), /not a sha256/);
  await assert.rejects(blobs.delete('..'), /not a sha256/);
});
