import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openArbiterDb } from './arbiter.db';
import { cachedArbiterDb } from './arbiter.db.cache';

test('the cache answers from memory, and every write is seen by the next read', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'arbiter-cache-'));
  const db = cachedArbiterDb(openArbiterDb(path.join(dir, 'arbiter.db')));
  t.after(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });
  db.register({ name: 'store-a', type: 'store', keyHash: 'hash-store', secret: 'secret-a' });
  db.register({ name: 'app1', type: 'app', keyHash: 'hash-app' });
  const grant = { target: 'store-a', path: '/ts/a*', method: 'GET' as const };
  db.addGrant('app1', grant);

  const first = db.byKeyHash('hash-app');
  assert.equal(first?.generation, 0);
  assert.equal(db.byKeyHash('hash-app'), first, 'the second lookup is the cached object');
  assert.ok(Object.isFrozen(first), 'cached values cannot be changed by a caller');
  assert.deepEqual(db.grants('app1'), [grant]);
  assert.equal(db.get('store-a')?.secret, 'secret-a');

  assert.equal(db.bump('app1'), 1);
  assert.equal(db.byKeyHash('hash-app')?.generation, 1, 'a revoke is seen at once');
  assert.equal(db.get('app1')?.generation, 1);
  db.addGrant('app1', { ...grant, path: '/ts/b*' });
  assert.equal(db.grants('app1').length, 2);
  db.removeGrant('app1', grant);
  assert.deepEqual(db.grants('app1').map((g) => g.path), ['/ts/b*'], 'a removed grant is gone at once');
  assert.equal(db.unregister('app1'), true);
  assert.equal(db.byKeyHash('hash-app'), undefined, 'an unregistered key finds nothing');
  assert.deepEqual(db.grants('app1'), []);
  assert.equal(db.byKeyHash('nobody'), undefined);
  assert.throws(() => db.register({ name: 'store-a', type: 'store', keyHash: 'other' }), 'a failed write still empties the cache');
  assert.equal(db.get('store-a')?.keyHash, 'hash-store');
});
