/**
 * The store's repository on SQLite (better-sqlite3): the embedded, zero set-up default.
 * Calls are synchronous underneath; the async interface matches the PostgreSQL one.
 */
import Database from 'better-sqlite3';
import { DataboxError } from '../../core/errors';
import { listedVersion } from '../domain/listing.rules';
import type { AppRecord, KeyHandover, SearchPage, SearchQuery, VersionRecord } from '../domain/app-store.types';
import {
  listingFields, listingSummary, summaryFromRow, versionFromRow, versionToParams, VERSION_COLUMNS, type ListingRow, type VersionRow,
} from './record.mapping';
import type { NewVersion, AppStoreRepository } from './repository.types';
import { appFacetTokens, facetTokens, indexTerms, queryTerms, queryWords } from './search.query';
import { SQLITE_SCHEMA } from './sqlite.schema';
import { SqliteTermIndex, TERM_INDEX_SCHEMA } from './sqlite.term-index';

interface AppRow { name: string; owner: string; public_key: string; created_at: string; listed_version: string | null }
interface HandoverRow { app: string; old_key: string; new_key: string; signature: string; by_login: string; at: string }
type Param = string | number | null;
/** Above this many matches, a page walks the term index in name order instead of sorting the matches. */
const BROAD_MATCH = 200;
/** A term with at most this many apps is walked to count a search (else the full-text index counts). */
const NARROW_TERM = 500;

/**
 * @example
 * const repo = openSqliteRepository(path.join(dataDir, 'store.db'));
 */
export function openSqliteRepository(file: string): AppStoreRepository {
  return new SqliteRepository(file);
}

class SqliteRepository implements AppStoreRepository {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement<Param[]>>();
  private readonly terms: SqliteTermIndex;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SQLITE_SCHEMA + TERM_INDEX_SCHEMA);
    this.terms = new SqliteTermIndex(this.db);
    this.db.transaction(() => this.fillTermIndex())();
  }

  async getApp(name: string): Promise<AppRecord | undefined> {
    const row = this.prepared<AppRow>('SELECT name, owner, public_key, created_at, listed_version FROM apps WHERE name = ?').get(name);
    return row && { name: row.name, owner: row.owner, publicKey: row.public_key, createdAt: row.created_at, listedVersion: row.listed_version };
  }

  async listVersions(app: string): Promise<VersionRecord[]> {
    return this.versionsOf(app);
  }

  async getVersion(app: string, version: string): Promise<VersionRecord | undefined> {
    const row = this.prepared<VersionRow>('SELECT * FROM versions WHERE app = ? AND version = ?').get(app, version);
    return row && versionFromRow(row);
  }

  async searchPage(query: SearchQuery): Promise<SearchPage> {
    const terms = queryTerms(query.text, query);
    const counts = this.terms.counts(terms);
    if (counts.size < terms.length) return { total: 0, itemsJson: '[]' };
    const rarestFirst = [...terms].sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0));
    const rarest = counts.get(rarestFirst[0] ?? '') ?? 0;
    // One term: its count is the total. Several: a narrow term is walked; broad ones are
    // intersected by the full-text index (words and filters in one lookup).
    const match = [...queryWords(query.text).map((w) => `body : "${w}"*`), ...facetTokens(query).map((f) => `facets : "${f}"`)].join(' AND ');
    const total = terms.length === 1 ? rarest
      : rarest <= NARROW_TERM ? this.terms.count(rarestFirst)
        : this.prepared<{ n: number }>('SELECT count(*) AS n FROM apps_search WHERE apps_search MATCH ?').get(match)?.n ?? 0;
    if (total <= query.offset) return { total, itemsJson: '[]' };
    // Walking the rarest term in name order stops after a page when matches are dense or the
    // term is narrow; a few matches among broad terms are fetched from the full-text index and sorted.
    if (terms.length === 1 || rarest <= NARROW_TERM || total > BROAD_MATCH) return { total, itemsJson: this.terms.page(rarestFirst, query.limit, query.offset) };
    const rows = this.prepared<{ listing: string }>(`SELECT l.listing FROM apps a CROSS JOIN search_listings l ON l.name = a.name
      WHERE a.rowid IN (SELECT rowid FROM apps_search WHERE apps_search MATCH ?) ORDER BY a.name LIMIT ? OFFSET ?`).all(match, query.limit, query.offset);
    return { total, itemsJson: `[${rows.map((r) => r.listing).join(',')}]` };
  }

  /** A prepared statement, prepared once per distinct SQL text (search shapes are few). */
  private prepared<R>(sql: string): { get(...params: Param[]): R | undefined; all(...params: Param[]): R[] } {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<Param[]>(sql);
      this.statements.set(sql, statement);
    }
    const ready = statement;
    return { get: (...params) => ready.get(...params) as R | undefined, all: (...params) => ready.all(...params) as R[] };
  }

  async addVersion(input: NewVersion): Promise<void> {
    this.db.transaction(() => this.insertVersion(input))();
  }

  async importVersions(inputs: readonly NewVersion[]): Promise<void> {
    this.db.transaction(() => { for (const input of inputs) this.insertVersion(input); })();
  }

  async setYanked(app: string, version: string, yanked: boolean): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('UPDATE versions SET yanked = ? WHERE app = ? AND version = ?').run(yanked ? 1 : 0, app, version);
      this.relist(app);
    })();
  }

  async setReview(app: string, version: string, review: 'approved' | 'rejected', by: string): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('UPDATE versions SET review = ?, reviewed_by = ? WHERE app = ? AND version = ?').run(review, by, app, version);
      this.relist(app);
    })();
  }

  async reviewQueue(): Promise<VersionRecord[]> {
    return this.db.prepare<[], VersionRow>("SELECT * FROM versions WHERE review = 'pending' ORDER BY published_at, app, version").all().map(versionFromRow);
  }

  async handOver(h: KeyHandover): Promise<void> {
    this.db.transaction(() => {
      const changed = this.db.prepare('UPDATE apps SET public_key = ? WHERE name = ? AND public_key = ?').run(h.newPublicKey, h.app, h.oldPublicKey);
      if (changed.changes === 0) throw conflict('handover-stale', `the key of "${h.app}" changed while handing it over`);
      this.db.prepare('INSERT INTO key_handovers (app, old_key, new_key, signature, by_login, at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(h.app, h.oldPublicKey, h.newPublicKey, h.signature, h.by, h.at);
    })();
  }

  async keyHistory(app: string): Promise<KeyHandover[]> {
    return this.prepared<HandoverRow>('SELECT * FROM key_handovers WHERE app = ? ORDER BY rowid').all(app)
      .map((r) => ({ app: r.app, oldPublicKey: r.old_key, newPublicKey: r.new_key, signature: r.signature, by: r.by_login, at: r.at }));
  }

  async saveApiToken(tokenHash: string, login: string): Promise<void> {
    this.db.prepare('INSERT INTO api_tokens (token_hash, login, created_at) VALUES (?, ?, ?)').run(tokenHash, login, new Date().toISOString());
  }

  async findApiToken(tokenHash: string): Promise<string | undefined> {
    return this.prepared<{ login: string }>('SELECT login FROM api_tokens WHERE token_hash = ?').get(tokenHash)?.login;
  }

  async blobInUse(blobHash: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM versions WHERE blob_hash = ? LIMIT 1').get(blobHash) !== undefined;
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private insertVersion(input: NewVersion): void {
    const v = input.version;
    if (input.newApp) {
      const inserted = this.db.prepare('INSERT INTO apps (name, owner, public_key, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
        .run(v.app, input.newApp.owner, input.newApp.publicKey, v.publishedAt);
      if (inserted.changes === 0) throw conflict('app-exists', `the app "${v.app}" was just created by another publish`);
    }
    const added = this.db.prepare(`INSERT INTO versions (${VERSION_COLUMNS}) VALUES (${VERSION_COLUMNS.split(',').map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`)
      .run(...versionToParams(v));
    if (added.changes === 0) throw conflict('version-exists', `${v.app} ${v.version} is already published`);
    this.relist(v.app);
  }

  private versionsOf(app: string): VersionRecord[] {
    return this.prepared<VersionRow>('SELECT * FROM versions WHERE app = ? ORDER BY published_at, rowid').all(app).map(versionFromRow);
  }

  /** Recomputes the app's listing, its search row (words and filter tokens) and its index terms from its versions. */
  private relist(app: string): void {
    const listed = listedVersion(this.versionsOf(app));
    const old = this.prepared<{ body: string; facets: string }>('SELECT body, facets FROM apps_search WHERE rowid = (SELECT rowid FROM apps WHERE name = ?)').get(app);
    const oldTerms = old ? indexTerms(old.body, splitTokens(old.facets)) : [];
    this.db.prepare('DELETE FROM apps_search WHERE rowid = (SELECT rowid FROM apps WHERE name = ?)').run(app);
    if (!listed) {
      this.db.prepare('UPDATE apps SET listed_version = NULL WHERE name = ?').run(app);
      this.terms.replace(app, oldTerms, []);
      this.terms.setListing(app, undefined);
      return;
    }
    const f = listingFields(listed);
    const facets = appFacetTokens(f);
    this.db.prepare(`UPDATE apps SET listed_version = ?, display_name = ?, description = ?, type = ?, channel = ?, tags = ?,
      datasource_types = ?, exports_data = ?, approved = ?, updated_at = ? WHERE name = ?`)
      .run(f.version, f.displayName, f.description, f.type, f.channel, JSON.stringify(f.tags), JSON.stringify(f.datasourceTypes),
        f.exportsData ? 1 : 0, f.approved ? 1 : 0, f.updatedAt, app);
    this.db.prepare('INSERT INTO apps_search (rowid, body, facets) SELECT rowid, ?, ? FROM apps WHERE name = ?').run(f.searchText, facets.join(' '), app);
    this.terms.replace(app, oldTerms, indexTerms(f.searchText, facets));
    const owner = this.prepared<{ owner: string }>('SELECT owner FROM apps WHERE name = ?').get(app)?.owner ?? '';
    this.terms.setListing(app, listingSummary(app, owner, f));
  }

  /** A database from before the term index: index every listed app once, from its search row. */
  private fillTermIndex(): void {
    if (this.terms.hasNoListings()) {
      const rows = this.db.prepare<[], ListingRow>(`SELECT name, owner, display_name, description, type, listed_version AS version, channel, tags,
        datasource_types, exports_data, approved, updated_at FROM apps WHERE listed_version IS NOT NULL`).all();
      for (const row of rows) this.terms.setListing(row.name, summaryFromRow(row));
    }
    if (!this.terms.isEmpty()) return;
    const rows = this.db.prepare<[], { name: string; body: string; facets: string }>(
      'SELECT a.name, s.body, s.facets FROM apps_search s JOIN apps a ON a.rowid = s.rowid').all();
    for (const row of rows) this.terms.replace(row.name, [], indexTerms(row.body, splitTokens(row.facets)));
  }
}

function splitTokens(text: string): string[] {
  return text.split(' ').filter((t) => t.length > 0);
}

function conflict(code: string, message: string): DataboxError {
  return new DataboxError(code, message, { status: 409, hint: 'Fetch the app again and retry with a higher version' });
}
