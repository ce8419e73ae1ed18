/**
 * A component's certificate, signed by the box CA: a new P-256 key, the names peers reach it
 * by (subject alternative names, which is what TLS checks), serverAuth and clientAuth (a
 * service is a server to its clients and a client of the others), a random serial, and a
 * lifetime that never outlasts the CA.
 */
import { lifetimeDays } from './pki.ca';
import { importSigningKey, newKeyPair, privateKeyPem, SIGNING, webcrypto, x509 } from './pki.crypto';
import { readCertificateAuthority } from './pki.inspect';
import { printableName, subjectNames } from './pki.names';
import { randomSerial } from './pki.serial';
import { BACKDATE_MS, CERT_DAYS, DAY_MS, type CertificateAndKey, type CertificateAuthority } from './pki.types';

export interface IssueOptions {
  /** The subject's common name, e.g. the component's name (TLS ignores it; the names below count). */
  commonName: string;
  /** Host names the certificate is valid for, e.g. `['arbiter']`. */
  dnsNames: readonly string[];
  ipAddresses?: readonly string[];
  /** Default 365; cut to the CA's own expiry. */
  days?: number;
  /** Default now. */
  now?: Date;
}

/**
 * @example
 * const { certPem, keyPem } = await issueCertificate(ca, { commonName: 'arbiter', dnsNames: ['arbiter'] });
 */
export async function issueCertificate(ca: CertificateAuthority, options: IssueOptions): Promise<CertificateAndKey> {
  const names = subjectNames(options.dnsNames, options.ipAddresses ?? []);
  const commonName = printableName(options.commonName, 'a certificate');
  const now = (options.now ?? new Date()).getTime();
  const authority = readCertificateAuthority(ca, new Date(now));
  const notAfter = Math.min(now + lifetimeDays(options.days ?? CERT_DAYS) * DAY_MS, authority.validTo.getTime());
  const keys = await newKeyPair();
  const caCert = new x509.X509Certificate(ca.certPem);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: [{ CN: [commonName] }],
    issuer: caCert.subjectName,
    notBefore: new Date(now - BACKDATE_MS),
    notAfter: new Date(notAfter),
    publicKey: keys.publicKey,
    signingKey: await importSigningKey(ca.keyPem, 'the box CA key'),
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...names.dnsNames.map((value) => ({ type: 'dns' as const, value })),
        ...names.ipAddresses.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, webcrypto),
      await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey, false, webcrypto),
    ],
  }, webcrypto);
  return { certPem: cert.toString('pem'), keyPem: await privateKeyPem(keys.privateKey) };
}
