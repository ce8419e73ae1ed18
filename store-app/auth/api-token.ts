/**
 * API tokens the store issues (for CI publishing): `dbx_` + 32 random bytes. Only their
 * sha256 is stored, so a copy of the database gives no one a usable token.
 */
import { createHash, randomBytes } from 'node:crypto';

export const API_TOKEN_PREFIX = 'dbx_';

/**
 * @example
 * const { token, hash } = newApiToken(); await repo.saveApiToken(hash, 'alice'); console.log(token);
 */
export function newApiToken(): { token: string; hash: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Store tokens are never sent to GitHub: anything with the prefix is looked up here only. */
export function isApiToken(token: string): boolean {
  return token.startsWith(API_TOKEN_PREFIX);
}
