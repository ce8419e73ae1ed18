/**
 * The privacy budget ledger (issue 12): epsilon spent per app, private destination and period,
 * in SQLite (WAL, synchronous=FULL) and written before the noisy report is queued, so a crash
 * or a restart of the export service never gives a period's budget back. A period's budget is
 * the entry's epsilon, one report's worth: a second report in the same period is refused.
 * Periods are UTC days or hours.
 *
 * @example
 * const ledger = openPrivacyLedger(path.join(dataDir, 'privacy.db'));
 * ledger.spend({ component: 'tempstudy', destination: 'https://study.example/in', spec, exportId, now: Date.now() });
 */
import Database from 'better-sqlite3';
import { DataboxError } from '../../core/errors';
import { PERIOD_MS, type PrivacySpec } from '../../core/privacy/privacy.types';
import { privateFile } from '../service/service.files';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS spends (
  component TEXT NOT NULL,
  destination TEXT NOT NULL,
  period_start INTEGER NOT NULL,
  epsilon REAL NOT NULL,
  export_id TEXT NOT NULL,
  spent_at INTEGER NOT NULL,
  PRIMARY KEY (component, destination, period_start)
);
`;

export interface Spend {
  component: string;
  destination: string;
  spec: PrivacySpec;
  exportId: string;
  now: number;
}

export interface PrivacyLedger {
  /** Records the spend, or refuses (`privacy-budget-spent`, 429) when the period's is spent. */
  spend(spend: Spend): { periodStart: number; epsilon: number };
  /** Epsilon spent by a component to a destination in the period holding `now`. */
  spent(component: string, destination: string, spec: PrivacySpec, now: number): number;
  close(): void;
}

/** The start of the UTC day or hour holding `now`. */
export function periodStart(spec: PrivacySpec, now: number): number {
  return Math.floor(now / PERIOD_MS[spec.period]) * PERIOD_MS[spec.period];
}

export function openPrivacyLedger(file: string): PrivacyLedger {
  const db = new Database(privateFile(file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  const find = db.prepare<[string, string, number], { epsilon: number; export_id: string }>('SELECT epsilon, export_id FROM spends WHERE component = ? AND destination = ? AND period_start = ?');
  const insert = db.prepare('INSERT INTO spends (component, destination, period_start, epsilon, export_id, spent_at) VALUES (?, ?, ?, ?, ?, ?)');
  const spendOnce = db.transaction((s: Spend) => {
    const start = periodStart(s.spec, s.now);
    if (find.get(s.component, s.destination, start)) {
      const next = new Date(start + PERIOD_MS[s.spec.period]).toISOString();
      throw new DataboxError('privacy-budget-spent', `${s.component} already sent its report to ${s.destination} this ${s.spec.period} (epsilon ${s.spec.epsilon} spent)`, {
        status: 429, hint: `A private destination takes one report a ${s.spec.period}; the next can be sent from ${next}.`,
      });
    }
    insert.run(s.component, s.destination, start, s.spec.epsilon, s.exportId, s.now);
    return { periodStart: start, epsilon: s.spec.epsilon };
  });
  return {
    spend: (s) => spendOnce(s),
    spent: (component, destination, spec, now) => find.get(component, destination, periodStart(spec, now))?.epsilon ?? 0,
    close: () => db.close(),
  };
}
