/**
 * The store's repository on PostgreSQL (`pg`), for several store replicas behind a load
 * balancer. Same contract as the SQLite one; each change runs in one transaction and locks
 * the app's row while it recomputes the listing.
 */
import pg from 'pg';
import { DataboxError } from '../../core/errors';
import { listedVersion } from '../domain/listing.rules';
import type { AppRecord, KeyHandover, SearchPage, SearchQuery, VersionRecord } from '../domain/app-store.types';
import { POSTGRES_SCHEMA } from './postgres.schema';
import {
  listingFields, listingSummary, versionFromRow, versionToParams, VERSION_COLUMNS, type VersionRow,
} from './record.mapping';
import type { NewVersion, AppStoreRepository } from './repository.types';
import { appFacetTokens, indexTerms, queryTerms } from './search.query';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface PostgresOptions {
  connectionString: string;
  /** A schema of its own (created when missing); default `public`. Tests use one per run. */
  schema?: string;
  poolSize?: number;
}

/**
 * @example
 * const repo = await openPostgresRepository({ connectionString: process.env.DATABASE_URL! });
 */
export async function openPostgresRepository(options: PostgresOptions): Promise<AppStoreRepository> {
  const schema = options.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new DataboxError('config-invalid', `"${schema}" is not a valid schema name`, { hint: 'Use lower-case letters, digits and "_"' });
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 8, options: `-c search_path=${schema}` });
  pool.on('error', () => { /* an idle client lost its connection; the pool replaces it */ });
  const client = await pool.connect().catch((error: unknown) => {
    void pool.end();
    throw new DataboxError('database-unreachable', `cannot connect to PostgreSQL: ${error instanceof Error ? error.message : String(error)}`, {
      status: 503, hint: 'Check DATABASE_URL and that the server is running', cause: error,
    });
  });
  await inTransaction(client, async (db) => {
    await db.query("SELECT pg_advisory_xact_lock(hashtext('databox-store-schema'))");
    await db.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await db.query(POSTGRES_SCHEMA);
    await reindex(db);
  });
  return new PostgresRepository(pool);
}

/** At most this many matches are fetched through the GIN index and sorted; more walk the name index. */
const NARROW_MATCH = 500;

class PostgresRepository implements AppStoreRepository {
  readonly kind = 'postgres';

  constructor(private readonly pool: pg.Pool) {}

  async getApp(name: string): Promise<AppRecord | undefined> {
    const { rows } = await this.pool.query<{ name: string; owner: string; public_key: string; created_at: string; listed_version: string | null }>(
      'SELECT name, owner, public_key, created_at, listed_version FROM apps WHERE name = $1', [name]);
    const row = rows[0];
    return row && { name: row.name, owner: row.owner, publicKey: row.public_key, createdAt: row.created_at, listedVersion: row.listed_version };
  }

  async listVersions(app: string): Promise<VersionRecord[]> {
    return versionsOf(this.pool, app);
  }

  async getVersion(app: string, version: string): Promise<VersionRecord | undefined> {
    const { rows } = await this.pool.query<VersionRow>('SELECT * FROM versions WHERE app = $1 AND version = $2', [app, version]);
    return rows[0] && versionFromRow(rows[0]);
  }

  async searchPage(query: SearchQuery): Promise<SearchPage> {
    const terms = queryTerms(query.text, query);
    // A named statement: each pooled connection parses and plans it once.
    const { rows } = await this.pool.query<{ total: string; page: string | null }>({
      name: 'store-search', text: 'SELECT total, page FROM store_search($1, $2::tsquery, $3, $4, $5)',
      values: [terms, tsquery(terms), query.limit, query.offset, NARROW_MATCH],
    });
    const row = rows[0];
    return { total: Number(row?.total ?? 0), itemsJson: `[${row?.page ?? ''}]` };
  }

  async addVersion(input: NewVersion): Promise<void> {
    await this.transaction((db, counts) => insertVersion(db, input, counts));
  }

  async importVersions(inputs: readonly NewVersion[]): Promise<void> {
    await this.transaction(async (db, counts) => { for (const input of inputs) await insertVersion(db, input, counts); });
  }

  async setYanked(app: string, version: string, yanked: boolean): Promise<void> {
    await this.transaction(async (db, counts) => {
      await db.query('UPDATE versions SET yanked = $1 WHERE app = $2 AND version = $3', [yanked, app, version]);
      await relist(db, app, counts);
    });
  }

  async setReview(app: string, version: string, review: 'approved' | 'rejected', by: string): Promise<void> {
    await this.transaction(async (db, counts) => {
      await db.query('UPDATE versions SET review = $1, reviewed_by = $2 WHERE app = $3 AND version = $4', [review, by, app, version]);
      await relist(db, app, counts);
    });
  }

  async reviewQueue(): Promise<VersionRecord[]> {
    const { rows } = await this.pool.query<VersionRow>("SELECT * FROM versions WHERE review = 'pending' ORDER BY published_at, app, version");
    return rows.map(versionFromRow);
  }

  async handOver(h: KeyHandover): Promise<void> {
    await this.transaction(async (db) => {
      const changed = await db.query('UPDATE apps SET public_key = $1 WHERE name = $2 AND public_key = $3', [h.newPublicKey, h.app, h.oldPublicKey]);
      if (changed.rowCount === 0) throw conflict('handover-stale', `the key of "${h.app}" changed while handing it over`);
      await db.query('INSERT INTO key_handovers (app, old_key, new_key, signature, by_login, at) VALUES ($1, $2, $3, $4, $5, $6)',
        [h.app, h.oldPublicKey, h.newPublicKey, h.signature, h.by, h.at]);
    });
  }

  async keyHistory(app: string): Promise<KeyHandover[]> {
    const { rows } = await this.pool.query<{ app: string; old_key: string; new_key: string; signature: string; by_login: string; at: string }>(
      'SELECT * FROM key_handovers WHERE app = $1 ORDER BY seq', [app]);
    return rows.map((r) => ({ app: r.app, oldPublicKey: r.old_key, newPublicKey: r.new_key, signature: r.signature, by: r.by_login, at: r.at }));
  }

  async saveApiToken(tokenHash: string, login: string): Promise<void> {
    await this.pool.query('INSERT INTO api_tokens (token_hash, login, created_at) VALUES ($1, $2, $3)', [tokenHash, login, new Date().toISOString()]);
  }

  async findApiToken(tokenHash: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ login: string }>('SELECT login FROM api_tokens WHERE token_hash = $1', [tokenHash]);
    return rows[0]?.login;
  }

  async blobInUse(blobHash: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM versions WHERE blob_hash = $1 LIMIT 1', [blobHash]);
    return (rowCount ?? 0) > 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** One transaction; the term counts its relists changed are written once, at its end. */
  private async transaction(work: (db: Queryable, counts: TermCounts) => Promise<void>): Promise<void> {
    await inTransaction(await this.pool.connect(), async (db) => {
      const counts: TermCounts = new Map();
      await work(db, counts);
      await writeTermCounts(db, counts);
    });
  }
}

/** Runs `work` in one transaction on a pooled client, then hands the client back. */
async function inTransaction(client: pg.PoolClient, work: (db: Queryable) => Promise<void>): Promise<void> {
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

async function insertVersion(db: Queryable, input: NewVersion, counts: TermCounts): Promise<void> {
  const v = input.version;
  if (input.newApp) {
    const inserted = await db.query('INSERT INTO apps (name, owner, public_key, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [v.app, input.newApp.owner, input.newApp.publicKey, v.publishedAt]);
    if (inserted.rowCount === 0) throw conflict('app-exists', `the app "${v.app}" was just created by another publish`);
  }
  const placeholders = VERSION_COLUMNS.split(',').map((_, i) => `$${i + 1}`).join(', ');
  const added = await db.query(`INSERT INTO versions (${VERSION_COLUMNS}) VALUES (${placeholders}) ON CONFLICT DO NOTHING`, versionToParams(v));
  if (added.rowCount === 0) throw conflict('version-exists', `${v.app} ${v.version} is already published`);
  await relist(db, v.app, counts);
}

async function versionsOf(db: Queryable, app: string): Promise<VersionRecord[]> {
  const { rows } = await db.query<VersionRow>('SELECT * FROM versions WHERE app = $1 ORDER BY published_at, seq', [app]);
  return rows.map(versionFromRow);
}

/** How many apps each term gained (or lost) in a transaction. */
type TermCounts = Map<string, number>;

/**
 * Recomputes the app's listing and index terms from its versions (in a transaction, the app's
 * row locked), and adds the change in its terms to `counts`.
 */
async function relist(db: Queryable, app: string, counts: TermCounts): Promise<void> {
  const { rows } = await db.query<{ owner: string; terms: string[] | null }>('SELECT owner, tsvector_to_array(terms) AS terms FROM apps WHERE name = $1 FOR UPDATE', [app]);
  const row = rows[0];
  if (!row) return;
  const listed = listedVersion(await versionsOf(db, app));
  const f = listed && listingFields(listed);
  const newTerms = f ? indexTerms(f.searchText, appFacetTokens(f)) : [];
  if (!f) {
    await db.query('UPDATE apps SET listed_version = NULL, terms = NULL, listing = NULL WHERE name = $1', [app]);
  } else {
    await db.query(`UPDATE apps SET listed_version = $1, display_name = $2, description = $3, type = $4, channel = $5, tags = $6,
      datasource_types = $7, exports_data = $8, approved = $9, updated_at = $10, terms = array_to_tsvector($11::text[]), listing = $12 WHERE name = $13`,
    [f.version, f.displayName, f.description, f.type, f.channel, JSON.stringify(f.tags), JSON.stringify(f.datasourceTypes),
      f.exportsData, f.approved, f.updatedAt, newTerms, JSON.stringify(listingSummary(app, row.owner, f)), app]);
  }
  const had = new Set(row.terms ?? []);
  const has = new Set(newTerms);
  for (const term of has) if (!had.has(term)) counts.set(term, (counts.get(term) ?? 0) + 1);
  for (const term of had) if (!has.has(term)) counts.set(term, (counts.get(term) ?? 0) - 1);
}

/**
 * Writes a transaction's term count changes in one statement, in term order: concurrent
 * publishes of different apps queue on the terms they share instead of deadlocking.
 */
async function writeTermCounts(db: Queryable, counts: TermCounts): Promise<void> {
  const changed = [...counts].filter(([, n]) => n !== 0);
  if (changed.length === 0) return;
  const terms = changed.map(([term]) => term);
  await db.query(`INSERT INTO search_term_counts (term, n) SELECT term, n FROM unnest($1::text[], $2::int[]) AS d (term, n) ORDER BY term
    ON CONFLICT (term) DO UPDATE SET n = search_term_counts.n + EXCLUDED.n`, [terms, changed.map(([, n]) => n)]);
  await db.query('DELETE FROM search_term_counts WHERE term = ANY($1) AND n <= 0', [terms]);
}

/** A version 1 database (or one restored without its index): every listed app without terms is relisted once. */
async function reindex(db: Queryable): Promise<void> {
  const { rows } = await db.query<{ name: string }>('SELECT name FROM apps WHERE listed_version IS NOT NULL AND terms IS NULL ORDER BY name');
  const counts: TermCounts = new Map();
  for (const { name } of rows) await relist(db, name, counts);
  await writeTermCounts(db, counts);
}

/** Query terms as a tsquery, each quoted so it is taken as it is (all must match). */
function tsquery(terms: readonly string[]): string {
  return terms.map((t) => `'${t.replace(/['\\]/g, '\\$&')}'`).join(' & ');
}

function conflict(code: string, message: string): DataboxError {
  return new DataboxError(code, message, { status: 409, hint: 'Fetch the app again and retry with a higher version' });
}
