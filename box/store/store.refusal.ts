/**
 * Who a refused request came from, for the audit log. A token whose signature checked out
 * (it failed on expiry, revocation or a caveat) names its component truthfully; a forged or
 * malformed one names nobody we can believe, so it is recorded as `unknown`.
 */
import { importMacaroon } from 'macaroon';

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
