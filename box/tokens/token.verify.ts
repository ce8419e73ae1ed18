/**
 * Verifying box tokens: signature first (401 on anything forged, tampered or malformed; the
 * HMAC chain of token.signature.ts, compared in constant time), then the pure caveat checks of
 * token.caveats.ts. `createTokenVerifier` caches signature checks of
 * tokens it has seen (bounded), so a store pays the HMAC chain once per token, not per request;
 * expiry, revocation and the request caveats are still checked every time.
 */
import { createHash } from 'node:crypto';
import { decodeMacaroonV2, type MacaroonFields } from './token.binary';
import { macaroonRootKey, macaroonSignature, signatureMatches } from './token.signature';
import { checkCaveats, parseCaveats, type ParsedCaveats } from './token.caveats';
import type { GenerationLookup, RequestFacts, VerifyFailure, VerifyResult } from './token.types';

/** Longest serialized token accepted (a minted token is ~300 characters). */
export const MAX_TOKEN_LENGTH = 4096;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Verifies a serialized token against a request.
 *
 * @example
 * const result = verifyToken(req.headers['x-api-key'], secret,
 *   { target: 'os-monitor-store', path: '/ts/loadavg1/latest', method: 'GET', now: Date.now() },
 *   (component) => generations.get(component));
 * if (!result.ok) res.status(result.status).json({ error: result });
 */
export function verifyToken(serialized: unknown, secret: string | Uint8Array, facts: RequestFacts, currentGeneration: GenerationLookup): VerifyResult {
  const parsed = signedCaveats(serialized, secret);
  if ('ok' in parsed) return parsed;
  return checkCaveats(parsed, facts, currentGeneration);
}

/**
 * A verifier bound to one secret that remembers the caveats of tokens whose signature it has
 * checked (up to `cacheSize`, oldest dropped first).
 *
 * @example
 * const verify = createTokenVerifier(secret, revocation.currentGeneration);
 * const result = verify(token, { target, path, method: 'GET', now: Date.now() });
 */
export function createTokenVerifier(secret: string | Uint8Array, currentGeneration: GenerationLookup, cacheSize = 10_000): (serialized: unknown, facts: RequestFacts) => VerifyResult {
  const cache = new Map<string, ParsedCaveats>();
  return (serialized, facts) => {
    if (typeof serialized !== 'string') return malformed('no token: send it in the X-Api-Key header');
    let parsed = cache.get(serialized);
    if (!parsed) {
      const fresh = signedCaveats(serialized, secret);
      if ('ok' in fresh) return fresh;
      parsed = fresh;
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value ?? '');
      cache.set(serialized, parsed);
    }
    return checkCaveats(parsed, facts, currentGeneration);
  };
}

/** A short, non-reversible id of a token for logs (never log the token itself). */
export function tokenFingerprint(serialized: string): string {
  return createHash('sha256').update(serialized).digest('hex').slice(0, 12);
}

function signedCaveats(serialized: unknown, secret: string | Uint8Array): ParsedCaveats | VerifyFailure {
  if (typeof serialized !== 'string' || serialized === '') return malformed('no token: send it in the X-Api-Key header');
  if (serialized.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(serialized)) return malformed('the token is not base64url text');
  let macaroon: MacaroonFields;
  try {
    const bytes = Buffer.from(serialized, 'base64url');
    if (bytes[0] !== 2) return malformed('the token is not a binary v2 macaroon');
    macaroon = decodeMacaroonV2(bytes);
  } catch {
    return malformed('the token could not be decoded');
  }
  // Box tokens have first-party caveats only; a third-party caveat (with a vid) would need
  // discharge macaroons, which no box service accepts.
  const identifiers = macaroon.caveats.map((caveat) => caveat.vid ? undefined : caveat.identifier);
  const firstParty = identifiers.filter((id): id is Uint8Array => id !== undefined);
  const computed = macaroonSignature(macaroonRootKey(secret), macaroon.identifier, firstParty);
  if (firstParty.length !== identifiers.length || !signatureMatches(computed, macaroon.signature)) {
    return { ok: false, status: 401, code: 'token-invalid', message: 'the token was not issued by this box\'s arbiter for this service, or it was altered' };
  }
  const conditions: string[] = [];
  try {
    for (const id of firstParty) conditions.push(strictUtf8.decode(id));
  } catch {
    return malformed('a caveat of the token is not UTF-8 text');
  }
  return parseCaveats(conditions);
}

function malformed(message: string): VerifyFailure {
  return { ok: false, status: 401, code: 'token-malformed', message };
}
