/**
 * Ed25519 signatures over a bundle's content hash (pure; node:crypto only). The store checks
 * them on publish, and a box checks them again on install with {@link verifyBundleSignature}.
 * Each signed message carries a purpose prefix, so a bundle signature can never be replayed
 * as a key hand-over and the other way round.
 */
import { createPrivateKey, createPublicKey, sign, verify, createHash, type KeyObject } from 'node:crypto';

const BUNDLE_PURPOSE = 'databox-bundle-v1:';
const HANDOVER_PURPOSE = 'databox-key-handover-v1:';

/** The bytes a publisher signs for a bundle: the purpose, then the content hash. */
export function bundleSignedMessage(contentHash: string): Buffer {
  return Buffer.from(`${BUNDLE_PURPOSE}${contentHash}`, 'utf8');
}

/** The bytes the current key signs to hand an app over to a new key. */
export function handoverSignedMessage(app: string, newPublicKey: string): Buffer {
  return Buffer.from(`${HANDOVER_PURPOSE}${app}:${newPublicKey}`, 'utf8');
}

/**
 * Signs a content hash with a PEM (PKCS#8) ed25519 private key; returns base64.
 *
 * @example
 * const signature = signBundleHash(hash, readFileSync(keyFile, 'utf8'));
 */
export function signBundleHash(contentHash: string, privateKeyPem: string): string {
  return sign(null, bundleSignedMessage(contentHash), createPrivateKey(privateKeyPem)).toString('base64');
}

/**
 * Signs a hand-over of `app` to `newPublicKey` with the app's current private key.
 *
 * @example
 * const proof = signHandover('loadmon', newKeyBase64, oldPem);
 */
export function signHandover(app: string, newPublicKey: string, privateKeyPem: string): string {
  return sign(null, handoverSignedMessage(app, newPublicKey), createPrivateKey(privateKeyPem)).toString('base64');
}

/**
 * True when `signature` (base64) is `publicKey`'s (base64 SPKI DER) ed25519 signature of the
 * bundle with `contentHash`. Never throws: a malformed key or signature is simply false.
 * A box calls this on install, after recomputing the content hash from the downloaded bundle.
 *
 * @example
 * const hash = bundleContentHash(unpackBundle(tgz, { maxBytes }));
 * if (!verifyBundleSignature({ contentHash: hash, signature, publicKey })) refuse();
 */
export function verifyBundleSignature(input: { contentHash: string; signature: string; publicKey: string }): boolean {
  return verifyMessage(bundleSignedMessage(input.contentHash), input.signature, input.publicKey);
}

/**
 * True when `signature` proves the holder of `currentPublicKey` handed `app` to `newPublicKey`.
 *
 * @example
 * verifyHandover({ app: 'loadmon', newPublicKey, signature, currentPublicKey });
 */
export function verifyHandover(input: { app: string; newPublicKey: string; signature: string; currentPublicKey: string }): boolean {
  return verifyMessage(handoverSignedMessage(input.app, input.newPublicKey), input.signature, input.currentPublicKey);
}

/** The base64 SPKI DER form of an ed25519 public key, or undefined when it is not one. */
export function parsePublicKey(publicKey: string): KeyObject | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(publicKey) || publicKey.length > 200) return undefined;
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** A short, stable name for a public key a person can compare: `ed25519:` + 16 hex digits. */
export function keyFingerprint(publicKey: string): string {
  return `ed25519:${createHash('sha256').update(publicKey).digest('hex').slice(0, 16)}`;
}

function verifyMessage(message: Buffer, signature: string, publicKey: string): boolean {
  const key = parsePublicKey(publicKey);
  if (!key || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    return verify(null, message, key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
