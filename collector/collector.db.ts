/**
 * The collector's reports in SQLite (WAL, synchronous=FULL): one row per study and export id,
 * so a report the export service delivers twice (it delivers at least once) counts once.
 * Reports arriving together share one commit (group commit): each request is answered only
 * after its commit, so an acknowledged report survives a crash, at thousands a second.
 *
 * @example
 * const db = openCollectorDb(path.join(dataDir, 'collector.db'));
 * await db.add({ study: 'temp', exportId, report, receivedAt: Date.now() }) // true (new) | false (seen)
 */
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { PrivateReport } from '../core/privacy/privacy.types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS reports (
  seq INTEGER PRIMARY KEY,
  study TEXT NOT NULL,
  export_id TEXT NOT NULL,
  report TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  UNIQUE (study, export_id)
);
`;

export interface StoredReport {
  study: string;
  exportId: string;
  report: PrivateReport;
  receivedAt: number;
}

export interface CollectorDb {
  /** Resolves once committed: true for a new report, false for an export id seen before. */
  add(row: StoredReport): Promise<boolean>;
  /** Every report in arrival order (one study's when named). */
  each(study?: string): IterableIterator<StoredReport>;
  close(): void;
}

export function openCollectorDb(file: string): CollectorDb {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  const insert = db.prepare('INSERT OR IGNORE INTO reports (study, export_id, report, received_at) VALUES (?, ?, ?, ?)');
  const all = db.prepare<[], { study: string; export_id: string; report: string; received_at: number }>('SELECT study, export_id, report, received_at FROM reports ORDER BY seq');
  const ofStudy = db.prepare<[string], { study: string; export_id: string; report: string; received_at: number }>('SELECT study, export_id, report, received_at FROM reports WHERE study = ? ORDER BY seq');
  let pending: { row: StoredReport; resolve(isNew: boolean): void; reject(error: unknown): void }[] = [];
  const commit = db.transaction((rows: StoredReport[]) => rows.map((r) => insert.run(r.study, r.exportId, JSON.stringify(r.report), r.receivedAt).changes > 0));
  const flush = (): void => {
    const batch = pending;
    pending = [];
    try {
      const fresh = commit(batch.map((p) => p.row));
      batch.forEach((p, i) => p.resolve(fresh[i] ?? false));
    } catch (error) {
      batch.forEach((p) => p.reject(error));
    }
  };
  return {
    add: (row) => new Promise((resolve, reject) => {
      if (pending.length === 0) setImmediate(flush);
      pending.push({ row, resolve, reject });
    }),
    *each(study) {
      for (const r of study === undefined ? all.iterate() : ofStudy.iterate(study)) {
        yield { study: r.study, exportId: r.export_id, report: JSON.parse(r.report) as PrivateReport, receivedAt: r.received_at };
      }
    },
    close: () => {
      if (pending.length > 0) flush();
      db.close();
    },
  };
}
