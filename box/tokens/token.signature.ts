/**
 * The macaroon signature chain with node:crypto HMAC-SHA256, exactly as the `macaroon`
 * package (libmacaroons) computes it: the root key is HMAC("macaroons-key-generator", secret),
 * the first signature HMAC(root key, identifier), and each first-party caveat moves it on to
 * HMAC(signature, caveat). Signatures are compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const KEY_GENERATOR = 'macaroons-key-generator';
export const SIGNATURE_BYTES = 32;

/**
 * The macaroon root key derived from a secret (the package's `makeKey`).
 *
 * @example
 * const rootKey = macaroonRootKey('store-secret-0123456789abcdef');
 */
export function macaroonRootKey(secret: string | Uint8Array): Buffer {
  return createHmac('sha256', KEY_GENERATOR).update(secret).digest();
}

/**
 * The signature of a macaroon with these first-party caveats.
 *
 * @example
 * const signature = macaroonSignature(macaroonRootKey(secret), identifier, ['target = store-a', 'time < 1e12']);
 */
export function macaroonSignature(rootKey: Uint8Array, identifier: string | Uint8Array, caveats: readonly (string | Uint8Array)[]): Buffer {
  let signature = createHmac('sha256', rootKey).update(identifier).digest();
  for (const caveat of caveats) signature = createHmac('sha256', signature).update(caveat).digest();
  return signature;
}

/**
 * Whether a presented signature equals the computed one, in constant time (a wrong length is
 * simply unequal).
 *
 * @example
 * signatureMatches(macaroonSignature(rootKey, id, caveats), presented) // true | false
 */
export function signatureMatches(computed: Uint8Array, presented: Uint8Array): boolean {
  return presented.length === SIGNATURE_BYTES && computed.length === SIGNATURE_BYTES && timingSafeEqual(computed, presented);
}
