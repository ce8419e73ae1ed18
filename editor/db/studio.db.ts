/**
 * The studio's own database (`<data>/studio.sqlite`): developers, the studio's sessions (only
 * a hash of each id), and each developer's workspace as Node-RED stores it (flows,
 * credentials, settings, sessions, library) with every deploy kept as a version. WAL with
 * synchronous=FULL: a deploy the editor was told succeeded survives a crash.
 *
 * @example
 * const db = openStudioDb('/var/lib/databox-studio/studio.sqlite');
 * const dev = db.upsertDeveloper({ login: 'octocat', provider: 'github', name: 'The Octocat' });
 * db.saveFlows(dev.id, [{ id: 't1', type: 'tab', label: 'Flow 1' }]);
 */
import { createHash, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { DataboxError } from '../../core/errors';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS developers (
  id TEXT PRIMARY KEY, login TEXT NOT NULL, provider TEXT NOT NULL, name TEXT NOT NULL,
  credential_secret TEXT NOT NULL, created INTEGER NOT NULL, UNIQUE (provider, login)
);
CREATE TABLE IF NOT EXISTS sessions (id_hash TEXT PRIMARY KEY, data TEXT NOT NULL, expires INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS workspace_docs (
  developer TEXT NOT NULL REFERENCES developers(id), kind TEXT NOT NULL, body TEXT NOT NULL,
  PRIMARY KEY (developer, kind)
);
CREATE TABLE IF NOT EXISTS versions (
  developer TEXT NOT NULL REFERENCES developers(id), n INTEGER NOT NULL, flows TEXT NOT NULL,
  saved INTEGER NOT NULL, nodes INTEGER NOT NULL, note TEXT NOT NULL, PRIMARY KEY (developer, n)
);
CREATE TABLE IF NOT EXISTS library (
  developer TEXT NOT NULL REFERENCES developers(id), type TEXT NOT NULL, path TEXT NOT NULL,
  meta TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (developer, type, path)
);
CREATE TABLE IF NOT EXISTS replays (
  developer TEXT NOT NULL REFERENCES developers(id), type TEXT NOT NULL, readings TEXT NOT NULL,
  count INTEGER NOT NULL, uploaded INTEGER NOT NULL, PRIMARY KEY (developer, type)
);
CREATE TABLE IF NOT EXISTS published (
  developer TEXT NOT NULL REFERENCES developers(id), app TEXT NOT NULL, version TEXT NOT NULL,
  channel TEXT NOT NULL, url TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (developer, app, version)
);
`;

export interface Developer {
  id: string;
  login: string;
  provider: 'github' | 'local';
  name: string;
  /** Node-RED's `credentialSecret` for this developer's workspace: it encrypts their node credentials. */
  credentialSecret: string;
}

/** What Node-RED keeps besides flows and the library, one JSON document each. */
export type WorkspaceDoc = 'credentials' | 'settings' | 'sessions';

export interface FlowVersion {
  n: number;
  saved: number;
  nodes: number;
  note: string;
}

export interface PublishedVersion {
  app: string;
  version: string;
  channel: string;
  url: string;
  at: number;
}

/** Readings a developer uploaded to replay in preview for one data-source type. */
export interface Replay {
  type: string;
  count: number;
  uploaded: number;
}

export interface StudioDb {
  upsertDeveloper(input: { login: string; provider: Developer['provider']; name: string }): Developer;
  developer(id: string): Developer | undefined;
  session(idHash: string, now: number): string | undefined;
  saveSession(idHash: string, data: string, expires: number): void;
  dropSession(idHash: string): void;
  /** The deployed flows, `[]` before the first deploy. */
  flows(developer: string): unknown[];
  /** Saves the flows and keeps them as a new version; answers its number. */
  saveFlows(developer: string, flows: unknown[], note?: string): number;
  versions(developer: string): FlowVersion[];
  version(developer: string, n: number): unknown[] | undefined;
  doc(developer: string, kind: WorkspaceDoc): unknown;
  saveDoc(developer: string, kind: WorkspaceDoc, value: unknown): void;
  libraryEntry(developer: string, type: string, path: string): { meta: unknown; body: string } | undefined;
  /** The entries and folders directly under `path` (Node-RED's library listing). */
  libraryListing(developer: string, type: string, path: string): unknown[];
  saveLibraryEntry(developer: string, type: string, path: string, meta: unknown, body: string): void;
  saveReplay(developer: string, type: string, readings: unknown[]): void;
  dropReplay(developer: string, type: string): void;
  replays(developer: string): Replay[];
  /** The readings to replay, by type: what a workspace's preview settings take. */
  replayReadings(developer: string): Record<string, unknown[]>;
  recordPublished(developer: string, entry: PublishedVersion): void;
  published(developer: string, app?: string): PublishedVersion[];
  close(): void;
}

/** The id a developer has in the studio: stable, and never a login another provider could claim. */
export function developerId(provider: Developer['provider'], login: string): string {
  return `${provider}-${createHash('sha256').update(`${provider}\n${login.toLowerCase()}`).digest('hex').slice(0, 16)}`;
}

export function openStudioDb(file: string, now: () => number = Date.now): StudioDb {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);

  const getDeveloper = db.prepare<[string], { id: string; login: string; provider: Developer['provider']; name: string; credential_secret: string }>(
    'SELECT id, login, provider, name, credential_secret FROM developers WHERE id = ?');
  const toDeveloper = (row: { id: string; login: string; provider: Developer['provider']; name: string; credential_secret: string }): Developer =>
    ({ id: row.id, login: row.login, provider: row.provider, name: row.name, credentialSecret: row.credential_secret });
  const insertDeveloper = db.prepare('INSERT INTO developers (id, login, provider, name, credential_secret, created) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, login = excluded.login');
  const getDoc = db.prepare<[string, string], { body: string }>('SELECT body FROM workspace_docs WHERE developer = ? AND kind = ?');
  const putDoc = db.prepare('INSERT INTO workspace_docs (developer, kind, body) VALUES (?, ?, ?) ON CONFLICT (developer, kind) DO UPDATE SET body = excluded.body');
  const lastVersion = db.prepare<[string], { n: number | null }>('SELECT MAX(n) AS n FROM versions WHERE developer = ?');
  const putVersion = db.prepare('INSERT INTO versions (developer, n, flows, saved, nodes, note) VALUES (?, ?, ?, ?, ?, ?)');

  const getSession = db.prepare<[string, number], { data: string }>('SELECT data FROM sessions WHERE id_hash = ? AND expires > ?');
  const putSession = db.prepare('INSERT INTO sessions (id_hash, data, expires) VALUES (?, ?, ?) ON CONFLICT (id_hash) DO UPDATE SET data = excluded.data, expires = excluded.expires');
  const dropExpired = db.prepare('DELETE FROM sessions WHERE expires <= ?');
  let sweptAt = 0;
  const saveFlows = db.transaction((developer: string, flows: unknown[], note: string): number => {
    const body = JSON.stringify(flows);
    putDoc.run(developer, 'flows', body);
    const n = (lastVersion.get(developer)?.n ?? 0) + 1;
    putVersion.run(developer, n, body, now(), flows.length, note);
    return n;
  });

  return {
    upsertDeveloper({ login, provider, name }) {
      const id = developerId(provider, login);
      insertDeveloper.run(id, login, provider, name, randomBytes(32).toString('base64url'), now());
      const row = getDeveloper.get(id);
      if (!row) throw new DataboxError('studio-db-failed', `developer ${login} was not saved`, { status: 500 });
      return toDeveloper(row);
    },
    developer(id) {
      const row = getDeveloper.get(id);
      return row ? toDeveloper(row) : undefined;
    },
    session(idHash, at) {
      return getSession.get(idHash, at)?.data;
    },
    saveSession(idHash, data, expires) {
      putSession.run(idHash, data, expires);
      // Expired sessions go at most hourly, as sessions are saved: the table holds live ones and a few stale.
      if (now() - sweptAt > 3600_000) {
        sweptAt = now();
        dropExpired.run(sweptAt);
      }
    },
    dropSession(idHash) {
      db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
    },
    flows(developer) {
      const row = getDoc.get(developer, 'flows');
      return row ? (JSON.parse(row.body) as unknown[]) : [];
    },
    saveFlows(developer, flows, note = 'deploy') {
      return saveFlows(developer, flows, note);
    },
    versions(developer) {
      return db.prepare<[string], FlowVersion>('SELECT n, saved, nodes, note FROM versions WHERE developer = ? ORDER BY n DESC').all(developer);
    },
    version(developer, n) {
      const row = db.prepare<[string, number], { flows: string }>('SELECT flows FROM versions WHERE developer = ? AND n = ?').get(developer, n);
      return row ? (JSON.parse(row.flows) as unknown[]) : undefined;
    },
    doc(developer, kind) {
      const row = getDoc.get(developer, kind);
      return row ? (JSON.parse(row.body) as unknown) : {};
    },
    saveDoc(developer, kind, value) {
      putDoc.run(developer, kind, JSON.stringify(value ?? {}));
    },
    libraryEntry(developer, type, path) {
      const row = db.prepare<[string, string, string], { meta: string; body: string }>('SELECT meta, body FROM library WHERE developer = ? AND type = ? AND path = ?').get(developer, type, path);
      return row ? { meta: JSON.parse(row.meta) as unknown, body: row.body } : undefined;
    },
    libraryListing(developer, type, path) {
      const prefix = path === '' ? '' : `${path.replace(/\/+$/, '')}/`;
      const rows = db.prepare<[string, string], { path: string; meta: string }>('SELECT path, meta FROM library WHERE developer = ? AND type = ? ORDER BY path').all(developer, type);
      const folders = new Set<string>();
      const files: unknown[] = [];
      for (const row of rows) {
        if (!row.path.startsWith(prefix)) continue;
        const rest = row.path.slice(prefix.length);
        const slash = rest.indexOf('/');
        if (slash >= 0) folders.add(rest.slice(0, slash));
        else files.push({ ...(JSON.parse(row.meta) as object), fn: rest });
      }
      return [...[...folders].sort(), ...files];
    },
    saveLibraryEntry(developer, type, path, meta, body) {
      db.prepare('INSERT INTO library (developer, type, path, meta, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT (developer, type, path) DO UPDATE SET meta = excluded.meta, body = excluded.body')
        .run(developer, type, path, JSON.stringify(meta ?? {}), body);
    },
    saveReplay(developer, type, readings) {
      db.prepare('INSERT INTO replays (developer, type, readings, count, uploaded) VALUES (?, ?, ?, ?, ?) ON CONFLICT (developer, type) DO UPDATE SET readings = excluded.readings, count = excluded.count, uploaded = excluded.uploaded')
        .run(developer, type, JSON.stringify(readings), readings.length, now());
    },
    dropReplay(developer, type) {
      db.prepare('DELETE FROM replays WHERE developer = ? AND type = ?').run(developer, type);
    },
    replays(developer) {
      return db.prepare<[string], Replay>('SELECT type, count, uploaded FROM replays WHERE developer = ? ORDER BY type').all(developer);
    },
    replayReadings(developer) {
      const rows = db.prepare<[string], { type: string; readings: string }>('SELECT type, readings FROM replays WHERE developer = ?').all(developer);
      return Object.fromEntries(rows.map((row) => [row.type, JSON.parse(row.readings) as unknown[]]));
    },
    recordPublished(developer, entry) {
      db.prepare('INSERT INTO published (developer, app, version, channel, url, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (developer, app, version) DO UPDATE SET channel = excluded.channel, url = excluded.url, at = excluded.at')
        .run(developer, entry.app, entry.version, entry.channel, entry.url, entry.at);
    },
    published(developer, app) {
      const sql = 'SELECT app, version, channel, url, at FROM published WHERE developer = ?' + (app ? ' AND app = ?' : '') + ' ORDER BY at DESC';
      return db.prepare<string[], PublishedVersion>(sql).all(...(app ? [developer, app] : [developer]));
    },
    close() {
      db.close();
    },
  };
}
