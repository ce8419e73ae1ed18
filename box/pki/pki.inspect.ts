/**
 * Reading certificates back: the CA as it is kept (a CA, self-signed, its key, in date), a
 * component certificate's names, and whether a kept certificate must be reissued. Uses
 * node:crypto's X509Certificate (OpenSSL) for signatures and dates, `@peculiar/x509` for the
 * subject alternative names.
 */
import { X509Certificate } from 'node:crypto';
import { DataboxError } from '../../core/errors';
import { keyMatches, readPrivateKey, x509 } from './pki.crypto';
import { ipAddress, sameNames, type SubjectNames } from './pki.names';
import { DAY_MS, RENEW_DAYS, type CertificateAndKey, type CertificateAuthority } from './pki.types';

export interface CheckedAuthority {
  cert: X509Certificate;
  validTo: Date;
}

/**
 * The CA, checked before it signs anything or anything is checked against it.
 *
 * @example
 * const { validTo } = readCertificateAuthority(ca, new Date());
 */
export function readCertificateAuthority(ca: CertificateAuthority, now: Date): CheckedAuthority {
  const cert = parseCertificate(ca.certPem);
  const invalid = (why: string) => new DataboxError('pki-ca-invalid', `the box CA certificate ${why}`, {
    hint: 'Restore the box\'s PKI directory (ca/cert.pem and ca/key.pem) from a backup; a new CA means every component must be given it.',
  });
  if (!cert) throw invalid('is not a readable PEM certificate');
  if (!cert.ca || !cert.checkIssued(cert) || !cert.verify(cert.publicKey)) throw invalid('is not a self-signed CA certificate');
  readPrivateKey(ca.keyPem, 'the box CA key');
  if (!keyMatches(ca.keyPem, cert.publicKey)) throw invalid('does not belong to the CA key beside it');
  const validTo = new Date(cert.validTo);
  if (now.getTime() < Date.parse(cert.validFrom) || now.getTime() >= validTo.getTime()) {
    throw new DataboxError('pki-ca-expired', `the box CA is valid from ${cert.validFrom} to ${cert.validTo}, not now`, {
      hint: 'CA rotation is not automated yet (docs/decisions/0016-box-pki.md): check the clock, or move ca/ aside to make a new CA and restart every component.',
    });
  }
  return { cert, validTo };
}

/**
 * The DNS names and IP addresses a certificate is valid for.
 *
 * @example
 * certificateNames(certPem) // { dnsNames: ['arbiter', 'localhost'], ipAddresses: ['127.0.0.1'] }
 */
export function certificateNames(certPem: string): SubjectNames {
  const san = new x509.X509Certificate(certPem).getExtension(x509.SubjectAlternativeNameExtension);
  const items = san?.names.items ?? [];
  return {
    dnsNames: items.filter((n) => n.type === 'dns').map((n) => n.value).sort(),
    ipAddresses: items.filter((n) => n.type === 'ip').map((n) => ipAddress(n.value)).sort(),
  };
}

/**
 * Why a kept certificate must be reissued, or undefined when it is good: it must parse, be
 * signed by this CA, belong to its key, carry exactly the wanted names, and not expire within
 * 30 days (unless the CA itself ends sooner: a new one would not last longer), and be valid now.
 *
 * @example
 * renewalReason(kept, authority, { dnsNames: ['arbiter'], ipAddresses: [] }, new Date()) // 'names changed'
 */
export function renewalReason(kept: CertificateAndKey, authority: CheckedAuthority, wanted: SubjectNames, now: Date): string | undefined {
  const cert = parseCertificate(kept.certPem);
  if (!cert) return 'unreadable';
  if (!cert.checkIssued(authority.cert) || !cert.verify(authority.cert.publicKey)) return 'not issued by this CA';
  if (!keyMatches(kept.keyPem, cert.publicKey)) return 'key does not match';
  if (!sameNames(certificateNames(kept.certPem), wanted)) return 'names changed';
  const validTo = Date.parse(cert.validTo);
  const renewBy = Math.min(now.getTime() + RENEW_DAYS * DAY_MS, authority.validTo.getTime());
  if (validTo < renewBy) return 'expiring';
  if (now.getTime() < Date.parse(cert.validFrom)) return 'not valid yet';
  return undefined;
}

function parseCertificate(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}
