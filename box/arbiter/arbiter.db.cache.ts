/**
 * A read-through cache over the arbiter's database for the lookups every `POST /token` makes
 * (the caller by key hash, the target store, the caller's grants). The arbiter is the only
 * writer of its database and every write goes through `ArbiterDb`, so the cache is emptied
 * after each write (register, unregister, bump, grant changes): a revoke or a removed grant is
 * seen by the very next token request. Only found components and non-empty grant lists are
 * cached (an unknown key is looked up every time, so strangers cannot grow the cache); cached
 * values are frozen.
 */
import type { ArbiterDb } from './arbiter.db';
import type { Component, Grant } from './arbiter.types';

/**
 * @example
 * const db = cachedArbiterDb(openArbiterDb(path.join(dataDir, 'arbiter.db')));
 */
export function cachedArbiterDb(db: ArbiterDb): ArbiterDb {
  const byName = new Map<string, Component>();
  const byKey = new Map<string, Component>();
  const grants = new Map<string, readonly Grant[]>();
  const clear = (): void => { byName.clear(); byKey.clear(); grants.clear(); };
  const afterWrite = <A extends unknown[], R>(write: (...args: A) => R) => (...args: A): R => {
    try {
      return write(...args);
    } finally {
      clear();
    }
  };
  return {
    ...db,
    register: afterWrite(db.register),
    unregister: afterWrite(db.unregister),
    bump: afterWrite(db.bump),
    addGrant: afterWrite(db.addGrant),
    removeGrant: afterWrite(db.removeGrant),
    get(name) {
      const cached = byName.get(name);
      if (cached) return cached;
      const found = db.get(name);
      if (found) byName.set(name, Object.freeze(found));
      return found;
    },
    byKeyHash(keyHash) {
      const cached = byKey.get(keyHash);
      if (cached) return cached;
      const found = db.byKeyHash(keyHash);
      if (found) byKey.set(keyHash, Object.freeze(found));
      return found;
    },
    grants(name) {
      const cached = grants.get(name);
      if (cached) return [...cached];
      const found = db.grants(name);
      if (found.length > 0) grants.set(name, Object.freeze(found.map((g) => Object.freeze({ ...g }))));
      return found;
    },
  };
}
