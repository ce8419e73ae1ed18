/**
 * A local SQLite spool for an audit client: events are written here before `record` returns
 * and deleted once the audit log stored them, so a crash of the recording service (kill -9)
 * loses no event; the next start sends what is left.
 */
import Database from 'better-sqlite3';
import { privateFile } from '../service/service.files';
import type { AuditEvent } from './audit.types';
import { readAuditEvent } from './audit.validate';

export interface AuditSpool {
  add(event: AuditEvent): void;
  /** Several events in one transaction (one commit for all). */
  addMany(events: readonly AuditEvent[]): void;
  /** Events left from an earlier run, oldest first. */
  load(): AuditEvent[];
  remove(ids: string[]): void;
  close(): void;
}

/**
 * @example
 * const spool = openAuditSpool(path.join(dataDir, 'audit-spool.db'));
 */
export function openAuditSpool(file: string): AuditSpool {
  const db = new Database(privateFile(file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS spool (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, event TEXT NOT NULL)');
  const insert = db.prepare<[string, string]>('INSERT OR IGNORE INTO spool (id, event) VALUES (?, ?)');
  const remove = db.prepare<[string]>('DELETE FROM spool WHERE id = ?');
  const removeAll = db.transaction((ids: string[]) => { for (const id of ids) remove.run(id); });
  const addAll = db.transaction((events: readonly AuditEvent[]) => { for (const event of events) insert.run(event.id, JSON.stringify(event)); });
  return {
    add: (event) => { insert.run(event.id, JSON.stringify(event)); },
    addMany: (events) => { addAll(events); },
    load: () => db.prepare<[], { event: string }>('SELECT event FROM spool ORDER BY seq').all().flatMap((row) => {
      const read = readAuditEvent(JSON.parse(row.event));
      return 'event' in read ? [read.event] : [];
    }),
    remove: (ids) => { removeAll(ids); },
    close: () => db.close(),
  };
}
