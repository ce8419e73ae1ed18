/**
 * Minting box tokens: a macaroon keyed with the target store's secret, carrying the claims as
 * first-party caveats, serialized as base64url of the binary v2 format.
 */
import { randomBytes } from 'node:crypto';
import { newMacaroon } from 'macaroon';
import { DataboxError } from '../../core/errors';
import { encodeMacaroonV2 } from './token.binary';
import { caveatsFor, claimProblems } from './token.caveats';
import type { TokenClaims } from './token.types';

export const TOKEN_LOCATION = 'databox-arbiter';

export interface MintOptions extends TokenClaims {
  /** The target store's secret (the export service's, for export tokens). */
  secret: string | Uint8Array;
}

/**
 * Mints a serialized token. Throws `DataboxError('token-claims-invalid')` on bad claims.
 *
 * @example
 * const token = mintToken({ secret, target: 'os-monitor-store', path: '/ts/loadavg1', method: 'GET',
 *   component: 'my-app', generation: 0, expiresAt: Date.now() + 3600_000 });
 */
export function mintToken(options: MintOptions): string {
  const { secret, ...claims } = options;
  const problems = claimProblems(claims);
  if (problems.length > 0) {
    throw new DataboxError('token-claims-invalid', `cannot mint a token: ${problems.join('; ')}`, { status: 400, hint: 'Fix the requested target, path, method or destination.' });
  }
  if (secret.length < 16) throw new DataboxError('token-secret-weak', 'a token secret must be at least 16 bytes', { status: 500 });
  const macaroon = newMacaroon({ identifier: randomBytes(16).toString('hex'), location: TOKEN_LOCATION, rootKey: secret, version: 2 });
  for (const caveat of caveatsFor(claims)) macaroon.addFirstPartyCaveat(caveat);
  return Buffer.from(encodeMacaroonV2(macaroon)).toString('base64url');
}
