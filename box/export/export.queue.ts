/**
 * The export queue in SQLite (WAL, synchronous=FULL): an export is stored before `/export`
 * answers 202, so an acknowledged export survives a crash. An export marked Processing when
 * the service died is set back to Pending at open: it is sent again (at-least-once,
 * docs/decisions: export delivery).
 */
import Database from 'better-sqlite3';
import { privateFile } from '../service/service.files';
import type { ExportRecord, ExportState } from './export.types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS exports (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  component TEXT NOT NULL,
  uri TEXT NOT NULL,
  body TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  ext_status INTEGER,
  ext_body TEXT,
  private INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS exports_open ON exports (component, seq) WHERE state != 'Finished';
`;

interface Row { seq: number; id: string; component: string; uri: string; body: string; content_type: string; bytes: number; state: string; attempts: number; next_at: number; created_at: number; ext_status: number | null; ext_body: string | null; private: number }

export interface ExportQueue {
  /** `private`: a private destination's noisy report; the receiver's answer body is never kept for it. */
  add(input: { id: string; component: string; uri: string; body: string; contentType: string; bytes: number; now: number; private?: boolean }): ExportRecord;
  get(id: string): ExportRecord | undefined;
  /** The oldest unfinished export of each component that is due, skipping busy components. */
  due(now: number, busy: ReadonlySet<string>): ExportRecord[];
  markProcessing(id: string): void;
  retryLater(id: string, attempts: number, nextAt: number, status: number, body: string): void;
  finish(id: string, attempts: number, status: number, body: string): void;
  /** Unfinished exports (all components, or one). */
  open(component?: string): number;
  close(): void;
}

/**
 * @example
 * const queue = openExportQueue(path.join(dataDir, 'export.db'));
 */
export function openExportQueue(file: string): ExportQueue {
  const db = new Database(privateFile(file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  // Queues made before private exports (issue 12) have no private column.
  if (!db.prepare<[], { name: string }>('PRAGMA table_info(exports)').all().some((c) => c.name === 'private')) db.exec('ALTER TABLE exports ADD COLUMN private INTEGER NOT NULL DEFAULT 0');
  db.prepare("UPDATE exports SET state = 'Pending' WHERE state = 'Processing'").run();
  const insert = db.prepare(`INSERT INTO exports (id, component, uri, body, content_type, bytes, state, next_at, created_at, private) VALUES (@id, @component, @uri, @body, @contentType, @bytes, 'Pending', @now, @now, @private)`);
  const getStmt = db.prepare<[string], Row>('SELECT * FROM exports WHERE id = ?');
  const dueStmt = db.prepare<[], Row>(`SELECT e.* FROM exports e JOIN (SELECT component, MIN(seq) AS seq FROM exports WHERE state != 'Finished' GROUP BY component) head ON e.seq = head.seq ORDER BY e.next_at`);
  const setState = db.prepare<[string, string]>('UPDATE exports SET state = ? WHERE id = ?');
  const later = db.prepare("UPDATE exports SET state = 'Pending', attempts = @attempts, next_at = @nextAt, ext_status = @status, ext_body = CASE WHEN private = 1 THEN '' ELSE @body END WHERE id = @id");
  // A private export's receiver could echo the noisy report: its answer body is not kept.
  const done = db.prepare("UPDATE exports SET state = 'Finished', attempts = @attempts, ext_status = @status, ext_body = CASE WHEN private = 1 THEN '' ELSE @body END WHERE id = @id");
  const openStmt = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM exports WHERE state != 'Finished'");
  const openForStmt = db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM exports WHERE state != 'Finished' AND component = ?");
  const get = (id: string): ExportRecord | undefined => { const row = getStmt.get(id); return row && fromRow(row); };
  return {
    add(input) {
      insert.run({ ...input, private: input.private ? 1 : 0 });
      const stored = get(input.id);
      if (!stored) throw new Error('export was not stored');
      return stored;
    },
    get,
    due: (now, busy) => dueStmt.all().map(fromRow).filter((r) => r.nextAt <= now && !busy.has(r.component)),
    markProcessing: (id) => { setState.run('Processing', id); },
    retryLater: (id, attempts, nextAt, status, body) => { later.run({ id, attempts, nextAt, status, body }); },
    finish: (id, attempts, status, body) => { done.run({ id, attempts, status, body }); },
    open: (component) => (component === undefined ? openStmt.get() : openForStmt.get(component))?.n ?? 0,
    close: () => db.close(),
  };
}

function fromRow(row: Row): ExportRecord {
  const state: ExportState = row.state === 'Processing' ? 'Processing' : row.state === 'Finished' ? 'Finished' : 'Pending';
  return {
    seq: row.seq, id: row.id, component: row.component, uri: row.uri, body: row.body, contentType: row.content_type, bytes: row.bytes,
    state, attempts: row.attempts, nextAt: row.next_at, createdAt: row.created_at, private: row.private === 1,
    ...(row.ext_status !== null ? { extStatus: row.ext_status } : {}), ...(row.ext_body !== null ? { extBody: row.ext_body } : {}),
  };
}
