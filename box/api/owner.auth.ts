/**
 * Who may use the box: the owner, and nobody else. A request is the owner's when it carries
 * HTTP Basic credentials (user `owner`, the owner password: the CLI) or the cookie of a
 * session made at `/login` (the dashboard). Sessions live in the box's database (only a hash
 * of each id), expire after a week, and end at `/logout`. Failed sign-ins are limited per
 * address (five a minute), so the password cannot be guessed quickly.
 *
 * @example
 * const auth = ownerAuth(db);
 * if (!auth.isOwner(req)) return res.status(401).json(...);
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DataboxError } from '../../core/errors';
import type { BoxDb } from '../state/box.db';
import { checkPassword } from './owner.password';

export const SESSION_COOKIE = 'databox_session';
const SESSION_MS = 7 * 24 * 3600 * 1000;
const FAILURES = 5;
const WINDOW_MS = 60_000;

export interface OwnerAuth {
  isOwner(req: IncomingMessage): boolean;
  /** Checks a sign-in; answers a new session id, or throws 401 / 429. */
  signIn(password: string, from: string): string;
  signOut(req: IncomingMessage): void;
}

export function ownerAuth(db: BoxDb, now: () => number = Date.now): OwnerAuth {
  const failures = new Map<string, number[]>();
  // scrypt costs ~50 ms: a Basic credential that checked out is remembered (by hash) for a minute.
  const accepted = new Map<string, number>();
  const record = (): string => {
    const hash = db.meta('owner-password');
    if (!hash) throw new DataboxError('owner-password-missing', 'the box has no owner password yet', { status: 500 });
    return hash;
  };
  const passwordOk = (password: string): boolean => checkPassword(record(), password);
  return {
    isOwner(req) {
      const auth = req.headers.authorization ?? '';
      if (auth.startsWith('Basic ')) {
        const seen = hashId(auth);
        if ((accepted.get(seen) ?? 0) > now()) return true;
        const text = Buffer.from(auth.slice(6), 'base64').toString('utf8');
        const colon = text.indexOf(':');
        const ok = colon > 0 && text.slice(0, colon) === 'owner' && passwordOk(text.slice(colon + 1));
        if (ok) {
          if (accepted.size > 100) accepted.clear();
          accepted.set(seen, now() + 60_000);
        }
        return ok;
      }
      const id = cookie(req, SESSION_COOKIE);
      return id !== undefined && db.sessionValid(hashId(id), now());
    },
    signIn(password, from) {
      const recent = (failures.get(from) ?? []).filter((t) => t > now() - WINDOW_MS);
      if (recent.length >= FAILURES) {
        throw new DataboxError('sign-in-limited', 'too many wrong passwords from here; wait a minute', { status: 429, hint: 'The owner password is printed once, at the box\'s first start (or set with DATABOX_PASSWORD).' });
      }
      if (!passwordOk(password)) {
        failures.set(from, [...recent, now()]);
        throw new DataboxError('password-wrong', 'that is not the owner password', { status: 401, hint: 'Try again; after five wrong tries, wait a minute.' });
      }
      failures.delete(from);
      const id = randomBytes(32).toString('base64url');
      db.addSession(hashId(id), now() + SESSION_MS);
      return id;
    },
    signOut(req) {
      const id = cookie(req, SESSION_COOKIE);
      if (id) db.removeSession(hashId(id));
    },
  };
}

function hashId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** A cookie's value from the request, or undefined. */
export function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
