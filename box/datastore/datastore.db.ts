/**
 * Opening a store's SQLite database: WAL mode, the synchronous mode chosen in
 * docs/decisions/0009-store-engine.md, and the schema. Integer datasource ids, clustered
 * `(sid, ts, seq)` keys WITHOUT ROWID, numeric values in a REAL column apart from tags and
 * blobs, and per-bucket summaries for fast range aggregations.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DataboxError } from '../../core/errors';

export const SCHEMA_VERSION = '1';

/** `full`: fsync the WAL at every commit (survives power loss); `normal`: survives a process crash only. */
export type SyncMode = 'full' | 'normal';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sources (
  sid INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, item TEXT, UNIQUE (kind, name));
CREATE TABLE IF NOT EXISTS points (
  sid INTEGER NOT NULL, ts INTEGER NOT NULL, seq INTEGER NOT NULL, value REAL NOT NULL, tags TEXT,
  PRIMARY KEY (sid, ts, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS summaries (
  sid INTEGER NOT NULL, level INTEGER NOT NULL, bucket INTEGER NOT NULL,
  n INTEGER NOT NULL, sum REAL NOT NULL, sumsq REAL NOT NULL, min REAL NOT NULL, max REAL NOT NULL,
  PRIMARY KEY (sid, level, bucket)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS blobs (
  sid INTEGER NOT NULL, ts INTEGER NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (sid, ts, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS kv (
  sid INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, updated INTEGER NOT NULL,
  PRIMARY KEY (sid, key)) WITHOUT ROWID;
`;

/**
 * Opens (creating if needed) the store database in `dataDir`.
 *
 * @example
 * const db = openDataStoreDb('/var/lib/databox/os-monitor-store', 'full');
 */
export function openDataStoreDb(dataDir: string, sync: SyncMode = 'full'): Database.Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'store.sqlite');
  const db = new Database(file);
  try {
    chmodSync(file, 0o600); // personal data: owner only (SQLite gives -wal and -shm the same mode)
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    db.pragma('mmap_size = 268435456');
    db.exec(SCHEMA);
    const row: unknown = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get('schema');
    if (row === undefined) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema', SCHEMA_VERSION);
    else if (row !== SCHEMA_VERSION) {
      throw new DataboxError('store-schema-unknown', `the store in ${dataDir} has schema ${String(row)}, this store understands ${SCHEMA_VERSION}`, { status: 500, hint: 'Run the store version that wrote this data, or migrate it.' });
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
