/**
 * Files only the service may read (databases holding secrets or people's data).
 */
import { chmodSync, closeSync, openSync } from 'node:fs';

/**
 * Creates `file` if missing and makes it owner-only (0600); SQLite gives its -wal and -shm
 * files the same mode.
 *
 * @example
 * privateFile(path.join(dataDir, 'arbiter.db'));
 */
export function privateFile(file: string): string {
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
  return file;
}
