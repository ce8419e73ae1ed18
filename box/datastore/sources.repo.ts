/**
 * Datasources of a store: each (kind, id) gets a small integer `sid` that keys its rows, kept
 * in memory after the first lookup. A write creates its series on first use; a read of a
 * source that was never written nor registered is a 404.
 */
import type Database from 'better-sqlite3';
import { DataboxError } from '../../core/errors';
import type { SourceKind } from './datastore.types';

export interface SourcesRepo {
  /** The sid of a source, or undefined when it does not exist. */
  find(kind: SourceKind, id: string): number | undefined;
  /** The sid of a source, or a 404 naming it. */
  require(kind: SourceKind, id: string): number;
  /** The sid of a source, created when missing. */
  ensure(kind: SourceKind, id: string): number;
  /** Sets the source's Hypercat item (creating the source). */
  register(kind: SourceKind, id: string, item: string): void;
  /** Every registered item, as JSON text, in registration order. */
  items(): string[];
}

/**
 * @example
 * const sources = createSourcesRepo(db);
 * const sid = sources.ensure('ts', 'loadavg1');
 */
export function createSourcesRepo(db: Database.Database): SourcesRepo {
  const cache = new Map<string, number>();
  const select = db.prepare<[string, string], number>('SELECT sid FROM sources WHERE kind = ? AND name = ?').pluck();
  const insert = db.prepare<[string, string]>('INSERT INTO sources (kind, name) VALUES (?, ?) ON CONFLICT (kind, name) DO NOTHING');
  const setItem = db.prepare<[string, string, string]>('INSERT INTO sources (kind, name, item) VALUES (?, ?, ?) ON CONFLICT (kind, name) DO UPDATE SET item = excluded.item');
  const allItems = db.prepare<[], string>('SELECT item FROM sources WHERE item IS NOT NULL ORDER BY sid').pluck();

  const find = (kind: SourceKind, id: string): number | undefined => {
    const key = `${kind}\n${id}`;
    let sid = cache.get(key);
    if (sid === undefined) {
      sid = select.get(kind, id);
      if (sid !== undefined) cache.set(key, sid);
    }
    return sid;
  };
  return {
    find,
    require(kind, id) {
      const sid = find(kind, id);
      if (sid === undefined) {
        throw new DataboxError('datasource-unknown', `this store has no ${kind} datasource "${id}"`, { status: 404, hint: 'Check the datasource id in GET /cat; a series exists once something was written to it or it was registered.' });
      }
      return sid;
    },
    ensure(kind, id) {
      const found = find(kind, id);
      if (found !== undefined) return found;
      insert.run(kind, id);
      return find(kind, id) ?? 0;
    },
    register(kind, id, item) {
      setItem.run(kind, id, item);
    },
    items: () => allItems.all(),
  };
}
