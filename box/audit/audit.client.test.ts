import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createAuditClient } from './audit.client';

const key = 'service-key-for-tests-0123456789';

test('recordDurably: events of one turn share one spool commit and are in the spool when it resolves', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'audit-client-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const spool = path.join(dir, 'spool.db');
  const crashed = createAuditClient('http://127.0.0.1:9', { key, spool, maxBackoffMs: 100 });
  const spooled = (): number => {
    const db = new Database(spool, { readonly: true });
    try { return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM spool').get()?.n ?? -1; } finally { db.close(); }
  };
  const written = [1, 2, 3, 4, 5].map((bytes) => crashed.recordDurably({ component: 'app1', kind: 'token-mint', bytes }));
  assert.equal(spooled(), 0, 'not written yet: the group commits after this turn');
  assert.equal(crashed.pending(), 5, 'queued for the audit log at once');
  await Promise.all(written);
  assert.equal(spooled(), 5);
  // the process "dies" here: never flushed nor closed; the next start finds all five
  const next = createAuditClient('http://127.0.0.1:9', { key, spool, maxBackoffMs: 100 });
  assert.equal(next.pending(), 5);
  await next.close(50).catch(() => undefined);
  await crashed.close(50).catch(() => undefined);

  const plain = createAuditClient('http://127.0.0.1:9', { key });
  await plain.recordDurably({ component: 'app1', kind: 'token-mint' });
  assert.equal(plain.pending(), 1, 'without a spool it resolves at once and still queues the event');
  await plain.close(50).catch(() => undefined);
});
