/**
 * The store's repository on PostgreSQL (`pg`), for several store replicas behind a load
 * balancer. Same contract as the SQLite one; each change runs in one transaction and locks
 * the app's row while it recomputes the listing.
 */
import pg from 'pg';
import { DataboxError } from '../../core/errors';
import { listedVersion } from '../domain/listing.rules';
import type { AppRecord, KeyHandover, SearchQuery, SearchResult, VersionRecord } from '../domain/app-store.types';
import { POSTGRES_SCHEMA } from './postgres.schema';
import {
  listingFields, summaryFromRow, versionFromRow, versionToParams, VERSION_COLUMNS, type ListingRow, type VersionRow,
} from './record.mapping';
import type { NewVersion, AppStoreRepository } from './repository.types';
import { queryWords } from './search.query';

type Param = string | number | boolean | null;
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
  });
  return new PostgresRepository(pool);
}

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

  async search(query: SearchQuery): Promise<SearchResult> {
    const where: string[] = ['a.listed_version IS NOT NULL'];
    const params: Param[] = [];
    const add = (sql: string, value: Param) => { params.push(value); where.push(sql.replace('?', `$${params.length}`)); };
    const words = queryWords(query.text);
    if (words.length > 0) add("a.search @@ to_tsquery('simple', ?)", words.map((w) => `${w}:*`).join(' & '));
    if (query.tag) add('EXISTS (SELECT 1 FROM app_tags t WHERE t.tag = ? AND t.app = a.name)', query.tag.toLowerCase());
    if (query.type) add('a.type = ?', query.type);
    if (query.datasourceType) add('EXISTS (SELECT 1 FROM app_datasource_types d WHERE d.type = ? AND d.app = a.name)', query.datasourceType);
    if (query.exportsData !== undefined) add('a.exports_data = ?', query.exportsData);
    const clause = where.join(' AND ');
    const total = Number((await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM apps a WHERE ${clause}`, params)).rows[0]?.n ?? 0);
    const rows = total <= query.offset ? [] : (await this.pool.query<ListingRow>(
      `SELECT a.name, a.owner, a.display_name, a.description, a.type, a.listed_version AS version, a.channel, a.tags,
        a.datasource_types, a.exports_data, a.approved, a.updated_at FROM apps a WHERE ${clause}
        ORDER BY a.name COLLATE "C" LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset])).rows;
    return { total, items: rows.map(summaryFromRow) };
  }

  async addVersion(input: NewVersion): Promise<void> {
    await this.transaction((db) => insertVersion(db, input));
  }

  async importVersions(inputs: readonly NewVersion[]): Promise<void> {
    await this.transaction(async (db) => { for (const input of inputs) await insertVersion(db, input); });
  }

  async setYanked(app: string, version: string, yanked: boolean): Promise<void> {
    await this.transaction(async (db) => {
      await db.query('UPDATE versions SET yanked = $1 WHERE app = $2 AND version = $3', [yanked, app, version]);
      await relist(db, app);
    });
  }

  async setReview(app: string, version: string, review: 'approved' | 'rejected', by: string): Promise<void> {
    await this.transaction(async (db) => {
      await db.query('UPDATE versions SET review = $1, reviewed_by = $2 WHERE app = $3 AND version = $4', [review, by, app, version]);
      await relist(db, app);
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

  private async transaction(work: (db: Queryable) => Promise<void>): Promise<void> {
    await inTransaction(await this.pool.connect(), work);
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

async function insertVersion(db: Queryable, input: NewVersion): Promise<void> {
  const v = input.version;
  if (input.newApp) {
    const inserted = await db.query('INSERT INTO apps (name, owner, public_key, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [v.app, input.newApp.owner, input.newApp.publicKey, v.publishedAt]);
    if (inserted.rowCount === 0) throw conflict('app-exists', `the app "${v.app}" was just created by another publish`);
  }
  const placeholders = VERSION_COLUMNS.split(',').map((_, i) => `$${i + 1}`).join(', ');
  const added = await db.query(`INSERT INTO versions (${VERSION_COLUMNS}) VALUES (${placeholders}) ON CONFLICT DO NOTHING`, versionToParams(v));
  if (added.rowCount === 0) throw conflict('version-exists', `${v.app} ${v.version} is already published`);
  await relist(db, v.app);
}

async function versionsOf(db: Queryable, app: string): Promise<VersionRecord[]> {
  const { rows } = await db.query<VersionRow>('SELECT * FROM versions WHERE app = $1 ORDER BY published_at, seq', [app]);
  return rows.map(versionFromRow);
}

/** Recomputes the app's listing, filter rows and search vector from its versions (in a transaction). */
async function relist(db: Queryable, app: string): Promise<void> {
  await db.query('SELECT 1 FROM apps WHERE name = $1 FOR UPDATE', [app]);
  const listed = listedVersion(await versionsOf(db, app));
  await db.query('DELETE FROM app_tags WHERE app = $1', [app]);
  await db.query('DELETE FROM app_datasource_types WHERE app = $1', [app]);
  if (!listed) {
    await db.query('UPDATE apps SET listed_version = NULL, search = NULL WHERE name = $1', [app]);
    return;
  }
  const f = listingFields(listed);
  await db.query(`UPDATE apps SET listed_version = $1, display_name = $2, description = $3, type = $4, channel = $5, tags = $6,
    datasource_types = $7, exports_data = $8, approved = $9, updated_at = $10, search = to_tsvector('simple', $11) WHERE name = $12`,
  [f.version, f.displayName, f.description, f.type, f.channel, JSON.stringify(f.tags), JSON.stringify(f.datasourceTypes),
    f.exportsData, f.approved, f.updatedAt, f.searchText, app]);
  if (f.tags.length > 0) await db.query('INSERT INTO app_tags (tag, app) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING', [f.tags, app]);
  if (f.datasourceTypes.length > 0) {
    await db.query('INSERT INTO app_datasource_types (type, app) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING', [f.datasourceTypes, app]);
  }
}

function conflict(code: string, message: string): DataboxError {
  return new DataboxError(code, message, { status: 409, hint: 'Fetch the app again and retry with a higher version' });
}
