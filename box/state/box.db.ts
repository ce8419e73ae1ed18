/**
 * The box's own database (`<data>/box.sqlite`): the owner's password hash and sessions, each
 * installed component's SLA and state (and the version an update replaced), the publisher keys pinned at first install, the owner's
 * data sources (what drivers provide), the app stores the owner added, and the ports the
 * process driver gave out. WAL with synchronous=FULL: an acknowledged install survives a crash.
 */
import Database from 'better-sqlite3';
import { DataboxError } from '../../core/errors';
import { privateFile } from '../service/service.files';
import { parseSla } from './sla.validate';
import type { Sla } from './sla.types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (id_hash TEXT PRIMARY KEY, expires INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS components (
  name TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  sla TEXT NOT NULL,
  updated INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS pins (app TEXT PRIMARY KEY, public_key TEXT NOT NULL, pinned INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
  id TEXT PRIMARY KEY, driver TEXT NOT NULL, store TEXT NOT NULL, store_type TEXT NOT NULL,
  type TEXT NOT NULL, actuator INTEGER NOT NULL, description TEXT NOT NULL, unit TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS stores (url TEXT PRIMARY KEY, added INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS ports (name TEXT PRIMARY KEY, port INTEGER NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS previous (name TEXT PRIMARY KEY, sla TEXT NOT NULL, replaced INTEGER NOT NULL);
`;

/**
 * `installing` until every step of an install is done, `updating` until an update's new version
 * is healthy; a component left so at boot is rolled back (the install undone, the update
 * reverted to the previous version).
 */
export type ComponentState = 'installing' | 'updating' | 'installed' | 'stopped';

export interface StoredComponent {
  name: string;
  kind: Sla['kind'];
  state: ComponentState;
  sla: Sla;
  updated: number;
}

export interface DataSource {
  id: string;
  driver: string;
  store: string;
  storeType: 'ts' | 'ts/blob' | 'kv';
  type: string;
  actuator: boolean;
  description: string;
  unit: string;
}

export interface BoxDb {
  meta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  component(name: string): StoredComponent | undefined;
  components(): StoredComponent[];
  saveComponent(sla: Sla, state: ComponentState): void;
  setState(name: string, state: ComponentState): void;
  removeComponent(name: string): void;
  /** The version an update replaced, kept for a rollback (with when it was replaced). */
  previous(name: string): { sla: Sla; replaced: number } | undefined;
  setPrevious(name: string, sla: Sla): void;
  forgetPrevious(name: string): void;
  pin(app: string): string | undefined;
  setPin(app: string, publicKey: string): void;
  sources(): DataSource[];
  source(id: string): DataSource | undefined;
  setSources(driver: string, sources: DataSource[]): void;
  stores(): string[];
  addStore(url: string): void;
  removeStore(url: string): boolean;
  port(name: string): number | undefined;
  setPort(name: string, port: number): void;
  forgetPort(name: string): void;
  addSession(idHash: string, expires: number): void;
  sessionValid(idHash: string, now: number): boolean;
  removeSession(idHash: string): void;
  /** Runs `work` in one transaction. */
  transaction<T>(work: () => T): T;
  close(): void;
}

type ComponentRow = { name: string; kind: string; state: string; sla: string; updated: number };
type SourceRow = { id: string; driver: string; store: string; store_type: string; type: string; actuator: number; description: string; unit: string };

/**
 * @example
 * const db = openBoxDb('/var/lib/databox/box.sqlite');
 * db.components().map((c) => c.name);
 */
export function openBoxDb(file: string): BoxDb {
  const db = new Database(privateFile(file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  const toComponent = (row: ComponentRow): StoredComponent => {
    const sla = parseSla(JSON.parse(row.sla));
    return { name: row.name, kind: sla.kind, state: componentState(row.state), sla, updated: row.updated };
  };
  const toSource = (row: SourceRow): DataSource => ({
    id: row.id, driver: row.driver, store: row.store, storeType: storeType(row.store_type), type: row.type,
    actuator: row.actuator === 1, description: row.description, unit: row.unit,
  });
  const insertSource = db.prepare('INSERT OR REPLACE INTO sources (id, driver, store, store_type, type, actuator, description, unit) VALUES (@id, @driver, @store, @storeType, @type, @actuator, @description, @unit)');
  return {
    meta: (key) => (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value,
    setMeta: (key, value) => { db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value); },
    component: (name) => {
      const row = db.prepare('SELECT * FROM components WHERE name = ?').get(name) as ComponentRow | undefined;
      return row ? toComponent(row) : undefined;
    },
    components: () => (db.prepare('SELECT * FROM components ORDER BY name').all() as ComponentRow[]).map(toComponent),
    saveComponent: (sla, state) => {
      db.prepare('INSERT OR REPLACE INTO components (name, kind, state, sla, updated) VALUES (?, ?, ?, ?, ?)').run(sla.name, sla.kind, state, JSON.stringify(sla), Date.now());
    },
    setState: (name, state) => { db.prepare('UPDATE components SET state = ?, updated = ? WHERE name = ?').run(state, Date.now(), name); },
    removeComponent: (name) => {
      db.prepare('DELETE FROM components WHERE name = ?').run(name);
      db.prepare('DELETE FROM previous WHERE name = ?').run(name);
    },
    previous: (name) => {
      const row = db.prepare('SELECT sla, replaced FROM previous WHERE name = ?').get(name) as { sla: string; replaced: number } | undefined;
      return row ? { sla: parseSla(JSON.parse(row.sla)), replaced: row.replaced } : undefined;
    },
    setPrevious: (name, sla) => { db.prepare('INSERT OR REPLACE INTO previous (name, sla, replaced) VALUES (?, ?, ?)').run(name, JSON.stringify(sla), Date.now()); },
    forgetPrevious: (name) => { db.prepare('DELETE FROM previous WHERE name = ?').run(name); },
    pin: (app) => (db.prepare('SELECT public_key FROM pins WHERE app = ?').get(app) as { public_key: string } | undefined)?.public_key,
    setPin: (app, publicKey) => { db.prepare('INSERT OR REPLACE INTO pins (app, public_key, pinned) VALUES (?, ?, ?)').run(app, publicKey, Date.now()); },
    sources: () => (db.prepare('SELECT * FROM sources ORDER BY id').all() as SourceRow[]).map(toSource),
    source: (id) => {
      const row = db.prepare('SELECT * FROM sources WHERE id = ?').get(id) as SourceRow | undefined;
      return row ? toSource(row) : undefined;
    },
    setSources: db.transaction((driver: string, sources: DataSource[]) => {
      db.prepare('DELETE FROM sources WHERE driver = ?').run(driver);
      for (const s of sources) insertSource.run({ ...s, actuator: s.actuator ? 1 : 0 });
    }),
    stores: () => (db.prepare('SELECT url FROM stores ORDER BY added').all() as { url: string }[]).map((r) => r.url),
    addStore: (url) => { db.prepare('INSERT OR IGNORE INTO stores (url, added) VALUES (?, ?)').run(url, Date.now()); },
    removeStore: (url) => db.prepare('DELETE FROM stores WHERE url = ?').run(url).changes > 0,
    port: (name) => (db.prepare('SELECT port FROM ports WHERE name = ?').get(name) as { port: number } | undefined)?.port,
    setPort: (name, port) => { db.prepare('INSERT OR REPLACE INTO ports (name, port) VALUES (?, ?)').run(name, port); },
    forgetPort: (name) => { db.prepare('DELETE FROM ports WHERE name = ?').run(name); },
    addSession: (idHash, expires) => { db.prepare('INSERT OR REPLACE INTO sessions (id_hash, expires) VALUES (?, ?)').run(idHash, expires); },
    sessionValid: (idHash, now) => {
      const row = db.prepare('SELECT expires FROM sessions WHERE id_hash = ?').get(idHash) as { expires: number } | undefined;
      return row !== undefined && row.expires > now;
    },
    removeSession: (idHash) => { db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash); },
    transaction: <T>(work: () => T): T => db.transaction(work)(),
    close: () => db.close(),
  };
}

function componentState(text: string): ComponentState {
  if (text === 'installing' || text === 'updating' || text === 'installed' || text === 'stopped') return text;
  throw new DataboxError('box-db-invalid', `a component in the box's database has the unknown state "${text}"`, { status: 500, hint: 'The database was written by a newer box; update this one.' });
}

function storeType(text: string): DataSource['storeType'] {
  if (text === 'ts' || text === 'ts/blob' || text === 'kv') return text;
  throw new DataboxError('box-db-invalid', `a data source in the box's database has the unknown store type "${text}"`, { status: 500 });
}
