/**
 * The box's keys and each component's secret files: created once, owner-only (0600 in 0700
 * folders), never printed or logged. The box keeps its own (the arbiter's admin key, the audit
 * log's keys) under `<data>/secrets/`; each component's are copied into its own folder, which
 * is all a container gets mounted (read-only).
 *
 * @example
 * const keys = ensureBoxKeys(layout);
 * writeSecret(componentSecretsDir(layout, 'os-monitor'), SECRET.arbiterKey, key);
 */
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { newKey } from '../service/service.keys';
import { componentSecretsDir, SECRET, type BoxLayout } from './box.layout';

export interface BoxKeys {
  adminKey: string;
  auditServiceKey: string;
  auditAdminKey: string;
}

export function ensureBoxKeys(layout: BoxLayout): BoxKeys {
  const keep = (name: string): string => {
    const file = path.join(layout.secrets, name);
    if (!existsSync(file)) writeSecret(layout.secrets, name, newKey());
    return readFileSync(file, 'utf8').trim();
  };
  return { adminKey: keep(SECRET.adminKey), auditServiceKey: keep(SECRET.auditServiceKey), auditAdminKey: keep(SECRET.auditAdminKey) };
}

/**
 * Writes one secret file atomically (a temporary file renamed into place), mode 0600. `owner`
 * gives it to the user a container runs as (uid 1000), who must read it through the mount.
 */
export function writeSecret(dir: string, name: string, value: string, owner?: { uid: number; gid: number }): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = path.join(dir, name);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, value.endsWith('\n') ? value : `${value}\n`, { mode: 0o600 });
  if (owner) chownSync(temporary, owner.uid, owner.gid);
  renameSync(temporary, file);
  if (owner) chownSync(dir, owner.uid, owner.gid);
  return file;
}

/** The secret in a file, or undefined when it has none yet. */
export function readSecret(dir: string, name: string): string | undefined {
  const file = path.join(dir, name);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/** An unregistered component's secret files, and its folder when no kept data is left in it. */
export function forgetSecrets(layout: BoxLayout, name: string): void {
  rmSync(componentSecretsDir(layout, name), { recursive: true, force: true });
  try {
    rmdirSync(path.join(layout.components, name));
  } catch {
    // Not empty (its data was kept) or already gone.
  }
}
