/**
 * The box's own PKI: a CA, a certificate per component, and the directory that keeps them
 * (docs/decisions/0016-box-pki.md).
 */
export { createCertificateAuthority, type CertificateAuthorityOptions } from './pki.ca';
export { issueCertificate, type IssueOptions } from './pki.issue';
export { ensureBoxPki, type BoxPki, type BoxPkiComponent, type BoxPkiOptions, type ComponentCertificate } from './pki.files';
export { certificateNames } from './pki.inspect';
export type { CertificateAndKey, CertificateAuthority } from './pki.types';
