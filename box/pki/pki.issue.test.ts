// The CA and the certificates it issues, checked with node:crypto's X509Certificate (OpenSSL),
// not with the library that made them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { DataboxError } from '../../core/errors';
import { createCertificateAuthority } from './pki.ca';
import { issueCertificate } from './pki.issue';
import { certificateNames } from './pki.inspect';
import { DAY_MS } from './pki.types';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const days = (cert: X509Certificate) => (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / DAY_MS;

test('the CA is a self-signed P-256 CA certificate valid for about ten years', async () => {
  const ca = await createCertificateAuthority({ name: 'Databox box CA' });
  const cert = new X509Certificate(ca.certPem);
  assert.equal(cert.ca, true);
  assert.equal(cert.subject, 'CN=Databox box CA');
  assert.ok(cert.checkIssued(cert) && cert.verify(cert.publicKey));
  assert.equal(cert.publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
  assert.ok(Math.abs(days(cert) - 3650) < 1, `${days(cert)} days`);
  assert.match(ca.keyPem, /^-----BEGIN PRIVATE KEY-----\n/);
  assert.doesNotMatch(ca.certPem, /PRIVATE/);
});

test('a component certificate verifies against its CA, for its own names only', async () => {
  const ca = await createCertificateAuthority({ name: 'Databox box CA' });
  const caCert = new X509Certificate(ca.certPem);
  const issued = await issueCertificate(ca, { commonName: 'arbiter', dnsNames: ['arbiter', 'localhost'], ipAddresses: ['127.0.0.1', '::1'] });
  const cert = new X509Certificate(issued.certPem);
  assert.ok(cert.checkIssued(caCert), 'issued by the CA');
  assert.ok(cert.verify(caCert.publicKey), 'signed by the CA key');
  assert.equal(cert.ca, false);
  assert.equal(cert.checkHost('arbiter'), 'arbiter');
  assert.equal(cert.checkHost('localhost'), 'localhost');
  assert.equal(cert.checkHost('export-service'), undefined, 'an arbiter certificate is not an export-service certificate');
  assert.equal(cert.checkHost('arbiter.evil.example'), undefined);
  assert.equal(cert.checkIP('127.0.0.1'), '127.0.0.1');
  assert.equal(cert.checkIP('::1'), '::1');
  assert.equal(cert.checkIP('10.0.0.1'), undefined);
  assert.deepEqual([...cert.keyUsage].sort(), [SERVER_AUTH, CLIENT_AUTH]);
  assert.ok(Math.abs(days(cert) - 365) < 1, `${days(cert)} days`);
  assert.deepEqual(certificateNames(issued.certPem), { dnsNames: ['arbiter', 'localhost'], ipAddresses: ['127.0.0.1', '::1'] });
  const again = new X509Certificate((await issueCertificate(ca, { commonName: 'arbiter', dnsNames: ['arbiter'] })).certPem);
  assert.notEqual(again.serialNumber, cert.serialNumber, 'random serials');
});

test('a tampered certificate, or one from another CA, does not verify', async () => {
  const ca = await createCertificateAuthority({ name: 'Databox box CA' });
  const caCert = new X509Certificate(ca.certPem);
  const issued = new X509Certificate((await issueCertificate(ca, { commonName: 'arbiter', dnsNames: ['arbiter'] })).certPem);
  // Change the signed name in the DER (arbiter -> arbitex): it still parses, but the signature no longer holds.
  const der = Buffer.from(issued.raw);
  const at = der.lastIndexOf(Buffer.from('arbiter'));
  assert.ok(at > 0);
  der[at + 6] = 'x'.charCodeAt(0);
  const tampered = new X509Certificate(der);
  assert.equal(tampered.checkHost('arbitex'), 'arbitex');
  assert.equal(tampered.verify(caCert.publicKey), false);
  const other = await createCertificateAuthority({ name: 'Databox box CA' });
  const foreign = new X509Certificate((await issueCertificate(other, { commonName: 'arbiter', dnsNames: ['arbiter'] })).certPem);
  assert.equal(foreign.verify(caCert.publicKey), false, 'same names, other CA');
});

test('a certificate never outlasts its CA; bad names and lifetimes are clear errors', async () => {
  const ca = await createCertificateAuthority({ name: 'short CA', days: 10 });
  const cert = new X509Certificate((await issueCertificate(ca, { commonName: 'audit', dnsNames: ['audit'] })).certPem);
  assert.equal(cert.validTo, new X509Certificate(ca.certPem).validTo);
  const refused = (code: string) => (e: unknown) => e instanceof DataboxError && e.code === code && typeof e.hint === 'string';
  await assert.rejects(issueCertificate(ca, { commonName: 'x', dnsNames: ['Arbiter'] }), refused('pki-name-invalid'));
  await assert.rejects(issueCertificate(ca, { commonName: 'x', dnsNames: ['*.box'] }), refused('pki-name-invalid'));
  await assert.rejects(issueCertificate(ca, { commonName: 'x', dnsNames: [] }), refused('pki-name-missing'));
  await assert.rejects(issueCertificate(ca, { commonName: 'x', dnsNames: ['a'], ipAddresses: ['300.1.1.1'] }), refused('pki-ip-invalid'));
  await assert.rejects(issueCertificate(ca, { commonName: 'x', dnsNames: ['a'], days: 0 }), refused('pki-days-invalid'));
  await assert.rejects(issueCertificate({ certPem: ca.certPem, keyPem: 'not a key' }, { commonName: 'x', dnsNames: ['a'] }), (e: unknown) => refused('pki-key-invalid')(e) && !String(e).includes('not a key'));
  const expired = await createCertificateAuthority({ name: 'old CA', days: 1, now: new Date(Date.now() - 2 * DAY_MS) });
  await assert.rejects(issueCertificate(expired, { commonName: 'x', dnsNames: ['a'] }), refused('pki-ca-expired'));
});
