/**
 * The names a box certificate may carry, checked before anything is issued or written: a
 * component's name is one lower-case DNS label (it is also a directory name under
 * `certs/`, so `..`, `/` and dots can never reach the file system), extra DNS names are
 * lower-case host names, IP addresses are written in one canonical form. Pure.
 */
import { isIP } from 'node:net';
import { DataboxError } from '../../core/errors';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A component's name: one lower-case DNS label, as the box's container and host names are.
 *
 * @example
 * componentName('os-monitor-store') // 'os-monitor-store'
 * componentName('../ca') // throws pki-name-invalid
 */
export function componentName(name: unknown): string {
  if (typeof name === 'string' && LABEL.test(name)) return name;
  throw new DataboxError('pki-name-invalid', `a component's certificate name must be one lower-case host name label, not ${describe(name)}`, {
    hint: 'Use the component\'s container host name: lower-case letters, digits and "-", up to 63, e.g. os-monitor-store.',
  });
}

/**
 * A DNS name for a certificate's subject alternative names: lower-case labels joined by ".".
 *
 * @example
 * dnsName('localhost') // 'localhost'
 */
export function dnsName(name: unknown): string {
  if (typeof name === 'string' && name.length <= 253 && name.split('.').every((label) => LABEL.test(label))) return name;
  throw new DataboxError('pki-name-invalid', `a certificate's DNS name must be a lower-case host name, not ${describe(name)}`, {
    hint: 'Use host names such as arbiter or localhost; wildcards and upper case are not issued.',
  });
}

/**
 * An IP address in canonical form (IPv6 compressed, as OpenSSL and Node compare them).
 *
 * @example
 * ipAddress('::0001') // '::1'
 */
export function ipAddress(address: unknown): string {
  if (typeof address === 'string' && isIP(address) === 4) return address.split('.').map(Number).join('.');
  if (typeof address === 'string' && isIP(address) === 6) return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  throw new DataboxError('pki-ip-invalid', `${describe(address)} is not an IP address`, { hint: 'Give IPv4 (127.0.0.1) or IPv6 (::1) addresses.' });
}

/**
 * A subject's common name (the CA's, or a component's): 1 to 64 printable characters. It is
 * written as one attribute value, never parsed as a distinguished name.
 *
 * @example
 * printableName('Databox box CA', 'a CA') // 'Databox box CA'
 */
export function printableName(name: unknown, what: string): string {
  // eslint-disable-next-line no-control-regex
  if (typeof name === 'string' && name.trim() !== '' && name.length <= 64 && !/[\u0000-\u001f\u007f]/.test(name)) return name;
  throw new DataboxError('pki-name-invalid', `${what}'s common name is 1 to 64 printable characters, not ${describe(name)}`, { hint: 'e.g. "Databox box CA", or the component\'s host name' });
}

/** The subject alternative names of a certificate, sorted, without repeats. */
export interface SubjectNames {
  dnsNames: string[];
  ipAddresses: string[];
}

/**
 * Checks and normalises names; at least one is needed.
 *
 * @example
 * subjectNames(['arbiter', 'localhost'], ['127.0.0.1']) // { dnsNames: ['arbiter', 'localhost'], ipAddresses: ['127.0.0.1'] }
 */
export function subjectNames(dnsNames: readonly unknown[], ipAddresses: readonly unknown[] = []): SubjectNames {
  const names = { dnsNames: unique(dnsNames.map(dnsName)), ipAddresses: unique(ipAddresses.map(ipAddress)) };
  if (names.dnsNames.length + names.ipAddresses.length === 0) {
    throw new DataboxError('pki-name-missing', 'a certificate needs at least one DNS name or IP address', { hint: 'Give the host name its peers connect to.' });
  }
  return names;
}

/** Whether two sets of names are the same. */
export function sameNames(a: SubjectNames, b: SubjectNames): boolean {
  const key = (names: SubjectNames) => JSON.stringify([unique(names.dnsNames), unique(names.ipAddresses)]);
  return key(a) === key(b);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
}
