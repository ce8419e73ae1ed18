/**
 * The box's PKI directory, kept by the container manager:
 *
 * ```
 * <dir>/                     0700
 *   ca/cert.pem, ca/key.pem  the box CA (dir 0700, key 0600); cert.pem is what components trust
 *   certs/<name>/cert.pem    one per component (dir 0700, cert 0644)
 *   certs/<name>/key.pem     (0600)
 * ```
 *
 * `ensureBoxPki` makes what is missing and reissues what no longer fits; nothing is printed or
 * logged, and no error carries a key. One caller at a time (the container manager).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DataboxError } from '../../core/errors';
import { createCertificateAuthority } from './pki.ca';
import { issueCertificate } from './pki.issue';
import { readCertificateAuthority, renewalReason, type CheckedAuthority } from './pki.inspect';
import { componentName, subjectNames, type SubjectNames } from './pki.names';
import type { CertificateAuthority } from './pki.types';

export interface BoxPkiComponent {
  /** The component's host name on the box's networks, e.g. `arbiter` or `os-monitor-store`; always a DNS name of its certificate. */
  name: string;
  /** More names peers reach it by, e.g. `localhost`. */
  dnsNames?: readonly string[];
  ipAddresses?: readonly string[];
}

export interface BoxPkiOptions {
  /** The CA's common name when one is made (default `Databox box CA`). */
  caName?: string;
  /** Component certificate lifetime in days (default 365). */
  days?: number;
  /** Default now. */
  now?: Date;
}

export interface ComponentCertificate {
  certFile: string;
  keyFile: string;
  /** What this call did: a restart of the component picks up a created or reissued certificate. */
  outcome: 'created' | 'reissued' | 'kept';
  /** Why it was reissued. */
  reason?: string;
}

export interface BoxPki {
  /** The CA certificate every component trusts (mount it read-only, point NODE_EXTRA_CA_CERTS at it). */
  caCertFile: string;
  components: Record<string, ComponentCertificate>;
}

/**
 * @example
 * const pki = await ensureBoxPki('/var/lib/databox/pki', [{ name: 'arbiter' }, { name: 'os-monitor-store' }]);
 * pki.components.arbiter.certFile // '/var/lib/databox/pki/certs/arbiter/cert.pem'
 */
export async function ensureBoxPki(dir: string, components: readonly (BoxPkiComponent | string)[], options: BoxPkiOptions = {}): Promise<BoxPki> {
  const wanted = wantedNames(components);
  const now = options.now ?? new Date();
  privateDir(dir);
  const ca = await ensureCa(path.join(dir, 'ca'), options.caName ?? 'Databox box CA', now);
  const authority = readCertificateAuthority(ca, now);
  privateDir(path.join(dir, 'certs'));
  const result: BoxPki = { caCertFile: path.join(dir, 'ca', 'cert.pem'), components: {} };
  for (const [name, names] of wanted) {
    result.components[name] = await ensureCertificate(path.join(dir, 'certs', name), name, names, ca, authority, { now, ...(options.days ? { days: options.days } : {}) });
  }
  return result;
}

/** Each component's validated names; the component's own name is always its first DNS name. */
function wantedNames(components: readonly (BoxPkiComponent | string)[]): Map<string, SubjectNames> {
  const wanted = new Map<string, SubjectNames>();
  for (const component of components) {
    const spec = typeof component === 'string' ? { name: component } : component;
    const name = componentName(spec.name);
    if (wanted.has(name)) throw new DataboxError('pki-name-repeated', `the component ${name} is listed twice`, { hint: 'Give each component once, with all its names.' });
    wanted.set(name, subjectNames([name, ...(spec.dnsNames ?? [])], spec.ipAddresses ?? []));
  }
  return wanted;
}

async function ensureCa(caDir: string, name: string, now: Date): Promise<CertificateAuthority> {
  const certFile = path.join(caDir, 'cert.pem');
  const keyFile = path.join(caDir, 'key.pem');
  if (!existsSync(certFile) && !existsSync(keyFile)) {
    // Made whole in a directory of its own, then renamed into place: never half a CA.
    const staging = `${caDir}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      privateDir(staging);
      const ca = await createCertificateAuthority({ name, now });
      writeFileSync(path.join(staging, 'key.pem'), ca.keyPem, { mode: 0o600, flag: 'wx' });
      writeFileSync(path.join(staging, 'cert.pem'), ca.certPem, { mode: 0o644, flag: 'wx' });
      renameSync(staging, caDir);
    } catch (error) {
      // Another caller may have made the CA first: then use theirs.
      if (!existsSync(certFile) || !existsSync(keyFile)) {
        throw new DataboxError('pki-ca-unwritable', `cannot make the box CA in ${caDir}: ${error instanceof Error ? error.message : String(error)}`, {
          hint: 'The PKI directory must be writable by the container manager, and ca/ empty or absent.', cause: error,
        });
      }
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    throw new DataboxError('pki-ca-incomplete', `the box CA in ${caDir} has ${existsSync(certFile) ? 'a certificate but no key' : 'a key but no certificate'}`, {
      hint: 'Restore ca/cert.pem and ca/key.pem from a backup; or move ca/ aside to make a new CA, which every component must then be given.',
    });
  }
  privateDir(caDir);
  chmodSync(keyFile, 0o600);
  return { certPem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8') };
}

async function ensureCertificate(certDir: string, name: string, names: SubjectNames, ca: CertificateAuthority, authority: CheckedAuthority, options: { now: Date; days?: number }): Promise<ComponentCertificate> {
  const certFile = path.join(certDir, 'cert.pem');
  const keyFile = path.join(certDir, 'key.pem');
  privateDir(certDir);
  const exists = existsSync(certFile) && existsSync(keyFile);
  const reason = exists ? renewalReason({ certPem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8') }, authority, names, options.now) : 'missing';
  if (reason === undefined) {
    chmodSync(keyFile, 0o600);
    return { certFile, keyFile, outcome: 'kept' };
  }
  const issued = await issueCertificate(ca, { commonName: name, ...names, now: options.now, ...(options.days ? { days: options.days } : {}) });
  // The key first: a crash between the two renames leaves a pair that does not match, which the next call reissues.
  replaceFile(keyFile, issued.keyPem, 0o600);
  replaceFile(certFile, issued.certPem, 0o644);
  return { certFile, keyFile, ...(exists ? { outcome: 'reissued' as const, reason } : { outcome: 'created' as const }) };
}

/** Writes beside `file` with `mode`, then renames over it: readers see the old file or the new one. */
function replaceFile(file: string, content: string, mode: number): void {
  const staging = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(staging, content, { mode, flag: 'wx' });
    renameSync(staging, file);
  } finally {
    rmSync(staging, { force: true });
  }
}

function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}
