/**
 * Key files for running the box services on their own: read a key from a file, or (for the
 * keys a service owns) create it once with mode 0600 in the data directory. A file that cannot
 * be read, or holds too short a key, is a DataboxError naming the file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DataboxError } from '../../core/errors';
import { newKey } from '../service/service.keys';

/**
 * @example
 * readKeyFile('/run/secrets/admin.key', 'the admin key') // 'k3y...'
 */
export function readKeyFile(file: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new DataboxError('key-file-unreadable', `cannot read ${what} from ${file}`, {
      hint: 'Check the path and that this user may read the file', cause: error,
    });
  }
  if (text.length < 16) {
    throw new DataboxError('key-file-too-short', `${what} in ${file} is too short (at least 16 characters)`, {
      hint: 'Put the whole key in the file, as the service or the arbiter gave it',
    });
  }
  return text;
}

/**
 * The key in `file`, created (random, mode 0600) when the file does not exist yet.
 *
 * @example
 * const adminKey = ensureKeyFile(path.join(dataDir, 'admin.key'), 'the admin key');
 */
export function ensureKeyFile(file: string, what: string): string {
  if (!existsSync(file)) writeFileSync(file, `${newKey()}\n`, { mode: 0o600, flag: 'wx' });
  return readKeyFile(file, what);
}
