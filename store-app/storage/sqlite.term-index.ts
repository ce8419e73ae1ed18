/**
 * The SQLite term index behind search: one row per (term, app name) in name order (terms from
 * `indexTerms`), and how many apps each term has. A search reads the counts of its terms
 * (a missing term: nothing matches), walks the rarest term's names in order checking the
 * others by primary key, and stops after a page; a one-term search never visits more rows
 * than the page and takes its total from the counts.
 */
import type Database from 'better-sqlite3';
import type { AppSummary } from '../domain/app-store.types';

type Param = string | number;
/** The tables (part of the SQLite schema; idempotent). */
export const TERM_INDEX_SCHEMA = `
CREATE TABLE IF NOT EXISTS search_terms (term TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (term, name)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS search_term_counts (term TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS search_listings (name TEXT PRIMARY KEY, listing TEXT NOT NULL) WITHOUT ROWID;
`;

/**
 * @example
 * const index = new SqliteTermIndex(db);
 * index.replace('loadmon', [], indexTerms('loadmon host load', ['typeapp']));
 * index.page(['load'], 20, 0); // app summaries in name order
 */
export class SqliteTermIndex {
  private readonly statements = new Map<string, Database.Statement<Param[]>>();

  constructor(private readonly db: Database.Database) {}

  /** Moves an app from its old terms to its new ones (inside the caller's transaction). */
  replace(name: string, oldTerms: readonly string[], newTerms: readonly string[]): void {
    const keep = new Set(newTerms);
    const had = new Set(oldTerms);
    for (const term of had) {
      if (keep.has(term)) continue;
      this.statement('DELETE FROM search_terms WHERE term = ? AND name = ?').run(term, name);
      this.statement('UPDATE search_term_counts SET n = n - 1 WHERE term = ?').run(term);
      this.statement('DELETE FROM search_term_counts WHERE term = ? AND n <= 0').run(term);
    }
    for (const term of keep) {
      if (had.has(term)) continue;
      this.statement('INSERT INTO search_terms (term, name) VALUES (?, ?)').run(term, name);
      this.statement('INSERT INTO search_term_counts (term, n) VALUES (?, 1) ON CONFLICT (term) DO UPDATE SET n = n + 1').run(term);
    }
  }

  /** Keeps the listed app's summary beside its terms (as JSON, `listingSummary`), or drops it when unlisted. */
  setListing(name: string, summary: AppSummary | undefined): void {
    if (summary) this.statement('INSERT OR REPLACE INTO search_listings (name, listing) VALUES (?, ?)').run(name, JSON.stringify(summary));
    else this.statement('DELETE FROM search_listings WHERE name = ?').run(name);
  }

  /** True when no listing is kept (a database from before the listings table, or an empty store). */
  hasNoListings(): boolean {
    return this.statement('SELECT 1 FROM search_listings LIMIT 1').get() === undefined;
  }

  /** True when the index holds nothing (a database from before it, or an empty store). */
  isEmpty(): boolean {
    return this.statement('SELECT 1 FROM search_term_counts LIMIT 1').get() === undefined;
  }

  /** How many apps have each term; terms no app has are absent. */
  counts(terms: readonly string[]): Map<string, number> {
    const rows = this.statement(`SELECT term, n FROM search_term_counts WHERE term IN (${terms.map(() => '?').join(', ')})`)
      .all(...terms) as { term: string; n: number }[];
    return new Map(rows.map((r) => [r.term, r.n]));
  }

  /** How many apps have all the terms, walking the first (pass the rarest first). */
  count(terms: readonly string[]): number {
    const row = this.statement(`SELECT count(*) AS n FROM search_terms t0 WHERE ${this.allOf(terms)}`).get(...terms) as { n: number } | undefined;
    return row?.n ?? 0;
  }

  /** One page of the apps that have all the terms, in name order (pass the rarest first), as a JSON array of listings. */
  page(terms: readonly string[], limit: number, offset: number): string {
    const rows = this.statement(`SELECT l.listing FROM search_terms t0 CROSS JOIN search_listings l ON l.name = t0.name
      WHERE ${this.allOf(terms)} ORDER BY t0.name LIMIT ? OFFSET ?`).all(...terms, limit, offset) as { listing: string }[];
    return `[${rows.map((row) => row.listing).join(',')}]`;
  }

  private allOf(terms: readonly string[]): string {
    return ['t0.term = ?', ...terms.slice(1).map(() => 'EXISTS (SELECT 1 FROM search_terms t WHERE t.term = ? AND t.name = t0.name)')].join(' AND ');
  }

  /** Prepared once per distinct SQL text (one per number of terms). */
  private statement(sql: string): Database.Statement<Param[]> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<Param[]>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
