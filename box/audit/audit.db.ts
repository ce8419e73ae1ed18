/**
 * The audit log's SQLite file: append-only (triggers refuse UPDATE and DELETE), durable
 * (WAL with synchronous=FULL: an acknowledged append survives a crash or power cut), and
 * idempotent (a retried batch with the same event ids is stored once).
 */
import Database from 'better-sqlite3';
import { privateFile } from '../service/service.files';
import type { AuditEvent, AuditQuery, ComponentSummary, StoredAuditEvent } from './audit.types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  time INTEGER NOT NULL,
  component TEXT NOT NULL,
  kind TEXT NOT NULL,
  source TEXT, target TEXT, path TEXT, method TEXT, destination TEXT,
  bytes INTEGER, status INTEGER, detail TEXT
);
CREATE INDEX IF NOT EXISTS events_kind_time ON events (kind, time);
CREATE INDEX IF NOT EXISTS events_time ON events (time);
-- The owner's summary and newest-first pages (box dashboard) read these alone, never the table:
-- counts per component in a time range, delivered bytes per destination, a kind's newest events.
CREATE INDEX IF NOT EXISTS events_component_time_kind ON events (component, time, kind);
DROP INDEX IF EXISTS events_component_time;
CREATE INDEX IF NOT EXISTS events_delivered ON events (kind, time, component, destination, bytes);
CREATE INDEX IF NOT EXISTS events_kind_seq ON events (kind, seq);
CREATE INDEX IF NOT EXISTS events_component_seq ON events (component, seq);
CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;

const COLUMNS = ['id', 'time', 'component', 'kind', 'source', 'target', 'path', 'method', 'destination', 'bytes', 'status', 'detail'] as const;

export interface AuditDb {
  /** Appends in one transaction; answers how many were new. */
  append(events: AuditEvent[]): number;
  query(query: AuditQuery): StoredAuditEvent[];
  /** Per component: events, refusals, tokens and delivered exports (since `from`, ms, when given). */
  summary(component?: string, from?: number): ComponentSummary[];
  close(): void;
}

type Row = Record<(typeof COLUMNS)[number], string | number | null> & { seq: number };

/**
 * Opens (creating if needed) the audit log at `file`.
 *
 * @example
 * const db = openAuditDb('/var/lib/databox/audit.db');
 * db.append([{ id: 'ev-0001', time: Date.now(), component: 'app', kind: 'export', bytes: 12 }]);
 */
export function openAuditDb(file: string): AuditDb {
  const db = new Database(privateFile(file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  const insert = db.prepare(`INSERT OR IGNORE INTO events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`);
  const appendAll = db.transaction((events: AuditEvent[]) => {
    let added = 0;
    for (const event of events) {
      const row: Record<string, string | number | null> = {};
      for (const column of COLUMNS) row[column] = event[column] ?? null;
      added += insert.run(row).changes;
    }
    return added;
  });
  return {
    append: (events) => appendAll(events),
    query(query) {
      const where: string[] = [];
      const params: Record<string, string | number> = {};
      if (query.component !== undefined) { where.push('component = @component'); params.component = query.component; }
      if (query.kind !== undefined) { where.push('kind = @kind'); params.kind = query.kind; }
      if (query.from !== undefined) { where.push('time >= @from'); params.from = query.from; }
      if (query.to !== undefined) { where.push('time < @to'); params.to = query.to; }
      if (query.after !== undefined) { where.push('seq > @after'); params.after = query.after; }
      params.limit = query.limit ?? 1000;
      const sql = `SELECT * FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq ${query.newest ? 'DESC' : ''} LIMIT @limit`;
      const rows = db.prepare<Record<string, string | number>, Row>(sql).all(params).map(fromRow);
      return query.newest ? rows.reverse() : rows;
    },
    summary(component, from) {
      const conditions = [...(component === undefined ? [] : ['component = @component']), ...(from === undefined ? [] : ['time >= @from'])];
      const filter = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
      const params: Record<string, string | number> = { ...(component === undefined ? {} : { component }), ...(from === undefined ? {} : { from }) };
      const counts = db.prepare<Record<string, string | number>, { component: string; events: number; refused: number; minted: number }>(
        `SELECT component, COUNT(*) AS events, SUM(kind LIKE '%refused') AS refused, SUM(kind = 'token-mint') AS minted FROM events ${filter} GROUP BY component ORDER BY component`).all(params);
      const exports = db.prepare<Record<string, string | number>, { component: string; destination: string; count: number; bytes: number }>(
        `SELECT component, destination, COUNT(*) AS count, COALESCE(SUM(bytes), 0) AS bytes FROM events ${filter ? `${filter} AND` : 'WHERE'} kind = 'export-delivered' AND destination IS NOT NULL GROUP BY component, destination ORDER BY component, destination`).all(params);
      return counts.map((c) => ({
        component: c.component, events: c.events, refused: c.refused, tokensMinted: c.minted,
        exports: exports.filter((e) => e.component === c.component).map(({ destination, count, bytes }) => ({ destination, count, bytes })),
      }));
    },
    close: () => db.close(),
  };
}

function fromRow(row: Row): StoredAuditEvent {
  const event: StoredAuditEvent = { seq: row.seq, id: String(row.id), time: Number(row.time), component: String(row.component), kind: String(row.kind) };
  for (const column of ['source', 'target', 'path', 'method', 'destination', 'detail'] as const) {
    const value = row[column];
    if (typeof value === 'string') event[column] = value;
  }
  if (typeof row.bytes === 'number') event.bytes = row.bytes;
  if (typeof row.status === 'number') event.status = row.status;
  return event;
}
