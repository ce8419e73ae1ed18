import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { createCommitQueue } from './datastore.commit';

test('writes of one turn share one transaction and resolve after it commits', async () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (v INTEGER PRIMARY KEY)');
  let commits = 0;
  const queue = createCommitQueue(db, { beforeCommit: () => { commits++; }, abort: () => undefined });
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  const results = await Promise.all([1, 2, 3].map((v) => queue.submit(() => insert.run(v).changes)));
  assert.deepEqual(results, [1, 1, 1]);
  assert.equal(commits, 1, 'one group');
  await queue.submit(() => insert.run(4));
  assert.equal(commits, 2);
  assert.equal(db.prepare('SELECT count(*) FROM t').pluck().get(), 4);
});

test('a failing write rolls the whole group back and refuses every write in it', async () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (v INTEGER PRIMARY KEY)');
  let aborted = 0;
  const queue = createCommitQueue(db, { beforeCommit: () => undefined, abort: () => { aborted++; } });
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  const outcomes = await Promise.allSettled([queue.submit(() => insert.run(1)), queue.submit(() => insert.run(1))]);
  assert.deepEqual(outcomes.map((o) => o.status), ['rejected', 'rejected']);
  assert.equal(aborted, 1);
  assert.equal(db.prepare('SELECT count(*) FROM t').pluck().get(), 0, 'nothing of the group was stored');
  await queue.submit(() => insert.run(2));
  assert.equal(db.prepare('SELECT count(*) FROM t').pluck().get(), 1, 'the queue keeps working');
});
