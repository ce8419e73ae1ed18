/**
 * The arbiter's state in SQLite (WAL, synchronous=FULL): components, their grants, and the
 * generation of every name ever registered. Generations never go back, not even when a name
 * is unregistered and registered again, so old tokens can never come back to life.
 */
import Database from 'better-sqlite3';
import { privacyText, readPrivacyText } from '../../core/privacy/privacy.text';
import { privateFile } from '../service/service.files';
import { COMPONENT_TYPES, type Component, type ComponentType, type Grant } from './arbiter.types';
import { OBSERVE_KINDS, TOKEN_METHODS } from '../tokens/token.types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS generations (name TEXT PRIMARY KEY, generation INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS components (
  name TEXT PRIMARY KEY, type TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, secret TEXT, endpoint TEXT
);
CREATE TABLE IF NOT EXISTS grants (
  component TEXT NOT NULL REFERENCES components(name) ON DELETE CASCADE,
  target TEXT NOT NULL, path TEXT NOT NULL, method TEXT NOT NULL, observe TEXT NOT NULL DEFAULT '', destination TEXT NOT NULL DEFAULT '',
  privacy TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (component, target, path, method, observe, destination)
);
`;

interface ComponentRow { name: string; type: string; key_hash: string; secret: string | null; endpoint: string | null; generation: number }
interface GrantRow { target: string; path: string; method: string; observe: string; destination: string; privacy: string }

export interface ArbiterDb {
  register(component: Omit<Component, 'generation'>): Component;
  /** Removes a component and its grants; answers false when it was not registered. */
  unregister(name: string): boolean;
  get(name: string): Component | undefined;
  byKeyHash(keyHash: string): Component | undefined;
  list(): Component[];
  /** Moves the component's generation on; answers the new one. */
  bump(name: string): number;
  grants(name: string): Grant[];
  /** Adds the grant, or replaces the privacy of the same route; false when it was held already. */
  addGrant(name: string, grant: Grant): boolean;
  removeGrant(name: string, grant: Grant): boolean;
  generations(): Record<string, number>;
  close(): void;
}

/**
 * @example
 * const db = openArbiterDb(path.join(dataDir, 'arbiter.db'));
 */
export function openArbiterDb(file: string): ArbiterDb {
  const db = new Database(privateFile(file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  // Boxes made before private exports (issue 12) have no privacy column.
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(grants)').all();
  if (!columns.some((c) => c.name === 'privacy')) db.exec("ALTER TABLE grants ADD COLUMN privacy TEXT NOT NULL DEFAULT ''");
  const select = `SELECT c.*, g.generation FROM components c JOIN generations g ON g.name = c.name`;
  const getStmt = db.prepare<[string], ComponentRow>(`${select} WHERE c.name = ?`);
  const byKeyStmt = db.prepare<[string], ComponentRow>(`${select} WHERE c.key_hash = ?`);
  const listStmt = db.prepare<[], ComponentRow>(`${select} ORDER BY c.name`);
  const nextGeneration = db.prepare<[string]>(`INSERT INTO generations (name, generation) VALUES (?, 0) ON CONFLICT(name) DO UPDATE SET generation = generation + 1`);
  const insert = db.prepare(`INSERT INTO components (name, type, key_hash, secret, endpoint) VALUES (@name, @type, @keyHash, @secret, @endpoint)`);
  const grantsStmt = db.prepare<[string], GrantRow>('SELECT target, path, method, observe, destination, privacy FROM grants WHERE component = ? ORDER BY target, path, method');
  const grantKey = (name: string, g: Grant) => ({ component: name, target: g.target, path: g.path, method: g.method, observe: g.observe ?? '', destination: g.destination ?? '' });
  const addGrant = db.prepare(`INSERT INTO grants (component, target, path, method, observe, destination, privacy) VALUES (@component, @target, @path, @method, @observe, @destination, @privacy)
    ON CONFLICT (component, target, path, method, observe, destination) DO UPDATE SET privacy = excluded.privacy WHERE privacy <> excluded.privacy`);
  const get = (name: string): Component | undefined => { const row = getStmt.get(name); return row && fromRow(row); };

  return {
    register: db.transaction((c: Omit<Component, 'generation'>) => {
      nextGeneration.run(c.name);
      insert.run({ name: c.name, type: c.type, keyHash: c.keyHash, secret: c.secret ?? null, endpoint: c.endpoint ?? null });
      const stored = get(c.name);
      if (!stored) throw new Error('registration was not stored');
      return stored;
    }),
    unregister: db.transaction((name: string) => {
      const removed = db.prepare('DELETE FROM components WHERE name = ?').run(name).changes > 0;
      if (removed) nextGeneration.run(name);
      return removed;
    }),
    get,
    byKeyHash: (keyHash) => { const row = byKeyStmt.get(keyHash); return row && fromRow(row); },
    list: () => listStmt.all().map(fromRow),
    bump: db.transaction((name: string) => {
      nextGeneration.run(name);
      return get(name)?.generation ?? -1;
    }),
    grants: (name) => grantsStmt.all(name).map(grantFromRow),
    addGrant: (name, grant) => addGrant.run({ ...grantKey(name, grant), privacy: grant.privacy ? privacyText(grant.privacy) : '' }).changes > 0,
    removeGrant: (name, grant) => db.prepare(`DELETE FROM grants WHERE component = @component AND target = @target AND path = @path AND method = @method AND observe = @observe AND destination = @destination`).run(grantKey(name, grant)).changes > 0,
    generations: () => Object.fromEntries(listStmt.all().map((r) => [r.name, r.generation])),
    close: () => db.close(),
  };
}

function fromRow(row: ComponentRow): Component {
  const type: ComponentType = COMPONENT_TYPES.find((t) => t === row.type) ?? 'app';
  return {
    name: row.name, type, keyHash: row.key_hash, generation: row.generation,
    ...(row.secret !== null ? { secret: row.secret } : {}), ...(row.endpoint !== null ? { endpoint: row.endpoint } : {}),
  };
}

function grantFromRow(row: GrantRow): Grant {
  const method = TOKEN_METHODS.find((m) => m === row.method) ?? 'GET';
  const observe = OBSERVE_KINDS.find((o) => o === row.observe);
  const privacy = row.privacy !== '' ? readPrivacyText(row.privacy) : undefined;
  // A stored spec that no longer reads (edited by hand) must not become a raw export grant.
  if (row.privacy !== '' && !privacy) throw new Error(`the arbiter's grant to ${row.destination} holds an unreadable privacy spec`);
  return { target: row.target, path: row.path, method, ...(observe ? { observe } : {}), ...(row.destination !== '' ? { destination: row.destination } : {}), ...(privacy ? { privacy } : {}) };
}
