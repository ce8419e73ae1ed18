/**
 * What a client says when a box service's certificate is refused: the box's services talk
 * HTTPS and verify each other against the box CA (docs/decisions/0016-box-pki.md), and a
 * refused certificate must be a clear DataboxError, not "fetch failed" or a retry loop that
 * never says why. Works on fetch errors (the reason is the `cause`) and `ws` errors (the
 * reason itself). Pure.
 *
 * @example
 * catch (error) { throw tlsRefusal(error, 'the arbiter', url) ?? unreachable(error); }
 */
import { DataboxError } from './errors';

/** OpenSSL and Node codes for a peer certificate this side does not accept. */
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'CERT_SIGNATURE_FAILURE', 'CERT_UNTRUSTED',
  'CERT_REJECTED', 'INVALID_CA', 'INVALID_PURPOSE', 'CERT_CHAIN_TOO_LONG', 'PATH_LENGTH_EXCEEDED',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const HOST = 'ERR_TLS_CERT_ALTNAME_INVALID';
/** What OpenSSL says when the other side does not speak TLS at all (an http:// service given an https:// URL). */
const NOT_TLS = /wrong version number|packet length too long|http request/i;

const TRUST_HINT = 'In a box container NODE_EXTRA_CA_CERTS must name the box CA certificate the box mounts (/run/secrets/DATABOX_ROOT_CA); '
  + 'the service must present the certificate the box issued for its host name.';

/**
 * The refusal, when `error` (or one of its causes) is a TLS verification failure; undefined otherwise.
 *
 * @example
 * tlsRefusal(fetchError, 'the datastore', 'https://os-monitor-store:8080')?.code // 'tls-untrusted'
 */
export function tlsRefusal(error: unknown, service: string, url: string): DataboxError | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = causeOf(e), depth++) {
    const code = codeOf(e);
    const at = `${service} at ${originOf(url)}`;
    if (code === HOST) {
      return new DataboxError('tls-host-mismatch', `${at} presented a certificate for another host name, so it was not trusted`, { status: 502, hint: TRUST_HINT, cause: error });
    }
    if (code && EXPIRED.has(code)) {
      return new DataboxError('tls-untrusted', `${at} presented a certificate that is expired or not valid yet (${code})`, { status: 502, hint: 'Check the clock; the box reissues certificates well before they expire, and the service must be restarted to use a new one.', cause: error });
    }
    if (code && UNTRUSTED.has(code)) {
      return new DataboxError('tls-untrusted', `${at} presented a certificate not signed by a CA this component trusts (${code})`, { status: 502, hint: TRUST_HINT, cause: error });
    }
    if (e instanceof Error && (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || NOT_TLS.test(e.message))) {
      return new DataboxError('tls-not-spoken', `${at} does not answer TLS`, { status: 502, hint: 'Use the URL the service prints when it starts: https:// only when it was given a certificate.', cause: error });
    }
  }
  return undefined;
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function causeOf(error: unknown): unknown {
  return error instanceof Error ? error.cause : undefined;
}

function originOf(url: string): string {
  return URL.canParse(url) ? new URL(url).origin : url.slice(0, 200);
}
