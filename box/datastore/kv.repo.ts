/**
 * Key-value sources: each key holds one JSON value (stored as text, answered as is).
 */
import type Database from 'better-sqlite3';

export interface KvRepo {
  get(sid: number, key: string): string | undefined;
  set(sid: number, key: string, json: string, now: number): void;
  /** True when the key existed. */
  delete(sid: number, key: string): boolean;
  keys(sid: number): string[];
}

/**
 * @example
 * const kv = createKvRepo(db);
 * kv.set(sid, 'theme', '"dark"', Date.now()); kv.get(sid, 'theme'); // '"dark"'
 */
export function createKvRepo(db: Database.Database): KvRepo {
  const get = db.prepare<[number, string], string>('SELECT value FROM kv WHERE sid = ? AND key = ?').pluck();
  const set = db.prepare<[number, string, string, number]>('INSERT INTO kv (sid, key, value, updated) VALUES (?, ?, ?, ?) ON CONFLICT (sid, key) DO UPDATE SET value = excluded.value, updated = excluded.updated');
  const remove = db.prepare<[number, string]>('DELETE FROM kv WHERE sid = ? AND key = ?');
  const keys = db.prepare<[number], string>('SELECT key FROM kv WHERE sid = ? ORDER BY key').pluck();
  return {
    get: (sid, key) => get.get(sid, key),
    set: (sid, key, json, now) => void set.run(sid, key, json, now),
    delete: (sid, key) => remove.run(sid, key).changes > 0,
    keys: (sid) => keys.all(sid),
  };
}
