/**
 * Shared-key checks for service and admin endpoints: constant-time comparison, deny by default.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { DataboxError } from '../../core/errors';

/**
 * Whether `presented` equals one of `expected` (constant time per candidate).
 *
 * @example
 * keyMatches(req.get('x-api-key'), [adminKey]) // true | false
 */
export function keyMatches(presented: unknown, expected: readonly string[]): boolean {
  if (typeof presented !== 'string' || presented === '') return false;
  const digest = createHash('sha256').update(presented).digest();
  let found = false;
  for (const key of expected) {
    if (key !== '' && timingSafeEqual(digest, createHash('sha256').update(key).digest())) found = true;
  }
  return found;
}

/**
 * Throws 401 unless the request's `X-Api-Key` (or `Authorization: Bearer`) is one of the keys.
 *
 * @example
 * requireKey(req, [adminKey], 'the box admin key');
 */
export function requireKey(req: Request, expected: readonly string[], what: string): void {
  if (!keyMatches(presentedKey(req), expected)) {
    throw new DataboxError('key-invalid', `this endpoint needs ${what}`, { status: 401, hint: 'Send it in the X-Api-Key header.' });
  }
}

/** The key or token a request presents: `X-Api-Key`, else a Bearer token. */
export function presentedKey(req: Request): string | undefined {
  const header = req.get('x-api-key');
  if (header) return header;
  const auth = req.get('authorization');
  return auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
}

/** A new random key (256 bits, base64url). */
export function newKey(): string {
  return randomBytes(32).toString('base64url');
}
