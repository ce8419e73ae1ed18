/**
 * Minting box tokens: a macaroon keyed with the target store's secret, carrying the claims as
 * first-party caveats, serialized as base64url of the binary v2 format. The signature chain is
 * node:crypto HMAC-SHA256 (token.signature.ts), the same macaroon the `macaroon` package makes.
 */
import { randomFillSync } from 'node:crypto';
import { DataboxError } from '../../core/errors';
import { encodeMacaroonV2 } from './token.binary';
import { caveatsFor, claimProblems } from './token.caveats';
import { macaroonRootKey, macaroonSignature } from './token.signature';
import type { TokenClaims } from './token.types';

export const TOKEN_LOCATION = 'databox-arbiter';

/** Random bytes are drawn in blocks (one `randomFillSync` per 256 tokens, as randomUUID does). */
const ID_BYTES = 16;
const pool = Buffer.alloc(ID_BYTES * 256);
let poolAt = pool.length;

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
  const identifier = randomIdentifier();
  const caveats = caveatsFor(claims).map((caveat) => Buffer.from(caveat));
  const signature = macaroonSignature(macaroonRootKey(secret), identifier, caveats);
  const bytes = encodeMacaroonV2({ location: TOKEN_LOCATION, identifier, caveats: caveats.map((c) => ({ identifier: c })), signature });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/** 128 random bits as 32 hex characters (the token's identifier). */
function randomIdentifier(): Buffer {
  if (poolAt + ID_BYTES > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const identifier = Buffer.from(pool.toString('hex', poolAt, poolAt + ID_BYTES));
  poolAt += ID_BYTES;
  return identifier;
}
