import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openAuditDb } from './audit.db';

test('append is idempotent per id, queries filter, summary sums delivered bytes per destination', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'audit-db-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'audit.db');
  const db = openAuditDb(file);
  const events = [
    { id: 'e-000001', time: 10, component: 'app1', kind: 'token-mint', target: 'store-a' },
    { id: 'e-000002', time: 20, component: 'app1', kind: 'export-delivered', destination: 'https://a.example/in', bytes: 100, status: 200 },
    { id: 'e-000003', time: 30, component: 'app1', kind: 'export-delivered', destination: 'https://a.example/in', bytes: 50, status: 200 },
    { id: 'e-000004', time: 40, component: 'app2', kind: 'export-refused', destination: 'https://evil.example/', bytes: 9 },
  ];
  assert.equal(db.append(events), 4);
  assert.equal(db.append(events.slice(0, 2)), 0, 'a retried batch is stored once');
  assert.deepEqual(db.query({ component: 'app1' }).map((e) => e.id), ['e-000001', 'e-000002', 'e-000003']);
  assert.deepEqual(db.query({ kind: 'export-delivered', from: 25 }).map((e) => e.id), ['e-000003']);
  assert.deepEqual(db.query({ from: 10, to: 30 }).map((e) => e.id), ['e-000001', 'e-000002']);
  const first = db.query({ limit: 2 });
  assert.deepEqual(db.query({ after: first[1]?.seq ?? 0 }).map((e) => e.id), ['e-000003', 'e-000004']);
  assert.deepEqual(db.summary('app1'), [{ component: 'app1', events: 3, refused: 0, tokensMinted: 1, exports: [{ destination: 'https://a.example/in', count: 2, bytes: 150 }] }]);
  assert.equal(db.summary().find((s) => s.component === 'app2')?.refused, 1);
  assert.deepEqual(db.summary('app1', 25), [{ component: 'app1', events: 1, refused: 0, tokensMinted: 0, exports: [{ destination: 'https://a.example/in', count: 1, bytes: 50 }] }], 'since a time');
  assert.deepEqual(db.summary(undefined, 35).map((s) => s.component), ['app2']);
  db.close();

  const raw = new Database(file);
  assert.throws(() => raw.prepare('DELETE FROM events').run(), /append-only/);
  assert.throws(() => raw.prepare("UPDATE events SET bytes = 0").run(), /append-only/);
  assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
  raw.close();
  const reopened = openAuditDb(file);
  assert.equal(reopened.query({}).length, 4);
  reopened.close();
});

test('newest: the last events of the log (or of a component), still in log order', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'audit-newest-'));
  try {
    const db = openAuditDb(path.join(dir, 'a.db'));
    db.append(Array.from({ length: 10 }, (_, i) => ({ id: `event-${String(i).padStart(4, '0')}`, time: 1000 + i, component: i % 2 ? 'odd' : 'even', kind: 'export' })));
    assert.deepEqual(db.query({ limit: 3, newest: true }).map((e) => e.time), [1007, 1008, 1009]);
    assert.deepEqual(db.query({ limit: 2, newest: true, component: 'even' }).map((e) => e.time), [1006, 1008]);
    assert.deepEqual(db.query({ limit: 2 }).map((e) => e.time), [1000, 1001]);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
