/**
 * The one place `@peculiar/x509` is loaded. It resolves its algorithms through tsyringe,
 * which needs the Reflect metadata polyfill imported first; it signs with Node's WebCrypto
 * (passed explicitly, no global provider is set). Keys are ECDSA P-256 (ES256): every TLS
 * stack accepts them, and WebCrypto generates them natively.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { DataboxError } from '../../core/errors';

export { x509 };

/** Node's WebCrypto, as `@peculiar/x509` takes it. */
export const webcrypto: Crypto = globalThis.crypto;

const KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
/** The signature algorithm of every box certificate: ECDSA with SHA-256. */
export const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** A new P-256 key pair; the private key is extractable so it can be written as PEM once. */
export async function newKeyPair(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(KEY, true, ['sign', 'verify']);
}

/** The private key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), the form Node's TLS reads. */
export async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }).toString();
}

/**
 * A P-256 private key read from PEM, for signing; anything else is refused.
 *
 * @example
 * const signingKey = await importSigningKey(ca.keyPem, 'the box CA key');
 */
export async function importSigningKey(pem: string, what: string): Promise<CryptoKey> {
  const key = readPrivateKey(pem, what);
  const der = key.export({ format: 'der', type: 'pkcs8' });
  return webcrypto.subtle.importKey('pkcs8', der, KEY, false, ['sign']);
}

/** A P-256 private key as a node:crypto KeyObject; a DataboxError naming `what` (never its content) otherwise. */
export function readPrivateKey(pem: string, what: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new DataboxError('pki-key-invalid', `${what} is not a readable PEM private key`, { hint: 'Restore the file from a backup, or remove it so a new one is made.', cause: error });
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new DataboxError('pki-key-invalid', `${what} is not an ECDSA P-256 key`, { hint: 'Box certificates use P-256 keys only; remove the file so a new one is made.' });
  }
  return key;
}

/** Whether a private key (PEM) belongs to a public key. */
export function keyMatches(privatePem: string, publicKey: KeyObject): boolean {
  const spki = (key: KeyObject) => key.export({ format: 'der', type: 'spki' });
  try {
    return spki(createPublicKey(createPrivateKey(privatePem))).equals(spki(publicKey));
  } catch {
    return false;
  }
}
