/**
 * express-session's store over the studio's database: sessions survive a restart of the
 * studio, and the database holds only a hash of each session id, so a copy of it signs nobody in.
 * (express-session is the kept library; a store is its documented extension point, a few
 * lines over the one database, rather than a second SQLite package: decision 0018.)
 */
import { createHash } from 'node:crypto';
import session from 'express-session';
import type { StudioDb } from '../db/studio.db';

const DAY_MS = 24 * 3600 * 1000;

export class StudioSessionStore extends session.Store {
  constructor(private readonly db: StudioDb, private readonly now: () => number = Date.now) {
    super();
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    try {
      const data = this.db.session(hashSid(sid), this.now());
      callback(null, data ? (JSON.parse(data) as session.SessionData) : null);
    } catch (error) {
      callback(error);
    }
  }

  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    try {
      this.db.saveSession(hashSid(sid), JSON.stringify(data), this.expires(data));
      callback?.();
    } catch (error) {
      callback?.(error);
    }
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    try {
      this.db.dropSession(hashSid(sid));
      callback?.();
    } catch (error) {
      callback?.(error);
    }
  }

  // The cookie's expiry never moves (rolling: false), so a request has nothing to write: touching
  // on every proxied request was a third of the studio's work loading an editor (bench/studio-workspace).
  override touch(_sid: string, _data: session.SessionData, callback?: () => void): void {
    callback?.();
  }

  private expires(data: session.SessionData): number {
    const at = data.cookie.expires ? new Date(data.cookie.expires).getTime() : Number.NaN;
    return Number.isFinite(at) ? at : this.now() + DAY_MS;
  }
}

export function hashSid(sid: string): string {
  return createHash('sha256').update(sid).digest('hex');
}
