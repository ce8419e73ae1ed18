/**
 * What the box's PKI hands around: a certificate and its private key, both PEM (the form
 * Node's `tls` options take). The box CA is one of these too.
 */
export interface CertificateAndKey {
  /** `-----BEGIN CERTIFICATE-----` */
  certPem: string;
  /** `-----BEGIN PRIVATE KEY-----` (PKCS#8, ECDSA P-256). Never logged, never in an error. */
  keyPem: string;
}

/** The box's certificate authority: a self-signed CA certificate and its key. */
export type CertificateAuthority = CertificateAndKey;

export const DAY_MS = 86_400_000;
/** The CA's lifetime: about ten years (rotating it means every component trusts a new CA). */
export const CA_DAYS = 3650;
/** A component certificate's lifetime: one year; `ensureBoxPki` renews it well before. */
export const CERT_DAYS = 365;
/** `ensureBoxPki` reissues a certificate that expires within this many days. */
export const RENEW_DAYS = 30;
/** Certificates are valid from a little before they were made, for clocks slightly behind. */
export const BACKDATE_MS = 5 * 60_000;
