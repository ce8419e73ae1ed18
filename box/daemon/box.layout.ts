/**
 * The names of things on a box, in one place: the core services' component names, the secret
 * files each component reads, and the data folder's layout. Pure.
 */
import path from 'node:path';

export const AUDIT = 'audit';
export const ARBITER = 'arbiter';
export const EXPORT_SERVICE = 'export-service';

/** A component's own datastore: `<component>-store`. */
export function storeNameOf(component: string): string {
  return `${component}-store`;
}

/** The secret files a component may hold (mounted read-only at /run/secrets in a container). */
export const SECRET = {
  /** The arbiter's admin key (the box's; the arbiter reads it). */
  adminKey: 'admin-key',
  /** The audit log's service key (every recorder) and its admin key (the box, to read it). */
  auditServiceKey: 'audit-service-key',
  auditAdminKey: 'audit-admin-key',
  /** A component's own key at the arbiter. */
  arbiterKey: 'arbiter-key',
  /** A datastore's or the export service's token secret, from its registration. */
  tokenSecret: 'token-secret',
  /** The box CA's certificate, and a component's own certificate and key (HTTPS, docker driver). */
  ca: 'ca.pem',
  cert: 'cert.pem',
  key: 'key.pem',
} as const;

export interface BoxLayout {
  root: string;
  db: string;
  /** The box's own keys (admin keys, its audit key). */
  secrets: string;
  /** Bundles as installed (`<name>/<content hash>.tgz`) and unpacked for the process driver. */
  bundles: string;
  components: string;
}

/** @example boxLayout('/var/lib/databox').db // '/var/lib/databox/box.sqlite' */
export function boxLayout(root: string): BoxLayout {
  const at = (...parts: string[]) => path.join(root, ...parts);
  return { root, db: at('box.sqlite'), secrets: at('secrets'), bundles: at('bundles'), components: at('components') };
}

/** Where the box keeps a component's secret files on this machine. */
export function componentSecretsDir(layout: BoxLayout, name: string): string {
  return path.join(layout.components, name, 'secrets');
}
