/**
 * Refused tokens: the error a store answers with, and who a refused request came from, for
 * the audit log. A token whose signature checked out (it failed on expiry, revocation or a
 * caveat) names its component truthfully; a forged or malformed one names nobody we can
 * believe, so it is recorded as `unknown`.
 */
import { importMacaroon } from 'macaroon';
import { DataboxError } from '../../core/errors';
import type { VerifyFailure } from '../tokens/token.types';

/** A refused token: a DataboxError that also names the caveat that failed. */
export class TokenRefusal extends DataboxError {
  readonly caveat: string | undefined;

  constructor(failure: VerifyFailure) {
    super(failure.code, failure.message, {
      status: failure.status,
      hint: failure.status === 401 ? 'Ask the arbiter for a fresh token (POST /token) and send it in X-Api-Key.' : 'Ask the arbiter for a token that covers this path and method; the owner must have granted it.',
    });
    this.caveat = failure.caveat;
  }

  /** The one error body, naming the caveat that failed. */
  override toJSON(): ReturnType<DataboxError['toJSON']> & { error: { caveat?: string } } {
    const json = super.toJSON();
    return this.caveat ? { error: { ...json.error, caveat: this.caveat } } : json;
  }
}

/**
 * @example
 * if (!verdict.ok) throw refusalError(verdict); // 401/403 with {error: {code, message, hint, caveat}}
 */
export function refusalError(failure: VerifyFailure): TokenRefusal {
  return new TokenRefusal(failure);
}

const UNTRUSTED = new Set(['token-malformed', 'token-invalid', 'token-caveat-unknown']);

/**
 * @example
 * refusedComponent(token, { code: 'token-caveat-path' }) // 'app1'
 * refusedComponent('forged...', { code: 'token-invalid' }) // 'unknown'
 */
export function refusedComponent(token: unknown, failure: { code: string }): string {
  if (typeof token !== 'string' || UNTRUSTED.has(failure.code)) return 'unknown';
  try {
    const caveats = importMacaroon(new Uint8Array(Buffer.from(token, 'base64url'))).caveats;
    for (const caveat of caveats) {
      const text = new TextDecoder().decode(caveat.identifier);
      if (text.startsWith('component = ')) return text.slice('component = '.length).slice(0, 64);
    }
  } catch {
    // a token that verified once decodes; anything else is nobody we know
  }
  return 'unknown';
}
