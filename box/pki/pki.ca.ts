/**
 * The box's own certificate authority: a self-signed ECDSA P-256 certificate that may sign
 * end-entity certificates only (cA, path length 0, keyCertSign and cRLSign).
 */
import { DataboxError } from '../../core/errors';
import { newKeyPair, privateKeyPem, SIGNING, webcrypto, x509 } from './pki.crypto';
import { printableName } from './pki.names';
import { randomSerial } from './pki.serial';
import { BACKDATE_MS, CA_DAYS, DAY_MS, type CertificateAuthority } from './pki.types';

export interface CertificateAuthorityOptions {
  /** The CA's common name, e.g. `Databox box CA (my-box)`. */
  name: string;
  /** Default 3650 (about ten years). */
  days?: number;
  /** Default now. */
  now?: Date;
}

/**
 * @example
 * const ca = await createCertificateAuthority({ name: 'Databox box CA' });
 * // ca.certPem goes to every component (NODE_EXTRA_CA_CERTS); ca.keyPem never leaves the box's PKI directory.
 */
export async function createCertificateAuthority(options: CertificateAuthorityOptions): Promise<CertificateAuthority> {
  const name = printableName(options.name, 'a CA');
  const now = (options.now ?? new Date()).getTime();
  const days = lifetimeDays(options.days ?? CA_DAYS);
  const keys = await newKeyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: [{ CN: [name] }],
    notBefore: new Date(now - BACKDATE_MS),
    notAfter: new Date(now + days * DAY_MS),
    keys,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, webcrypto),
    ],
  }, webcrypto);
  return { certPem: cert.toString('pem'), keyPem: await privateKeyPem(keys.privateKey) };
}

/** A certificate lifetime in whole days, 1 to 36500. */
export function lifetimeDays(days: number): number {
  if (Number.isInteger(days) && days >= 1 && days <= 36_500) return days;
  throw new DataboxError('pki-days-invalid', `a certificate's lifetime is whole days from 1 to 36500, not ${days}`, { hint: 'e.g. 365 for a component, 3650 for the CA' });
}
