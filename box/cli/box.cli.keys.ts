/**
 * Key files for running the box services on their own: read a key from a file, or (for the
 * keys a service owns) create it once with mode 0600 in the data directory. A file that cannot
 * be read, or holds too short a key, is a DataboxError naming the file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DataboxError } from '../../core/errors';
import { newKey } from '../service/service.keys';
import type { ServiceTls } from '../service/service.http';

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

/**
 * The `tls` option of a service from `--tls-cert-file` and `--tls-key-file` (none without them).
 *
 * @example
 * readTlsFiles({ 'tls-cert-file': '/run/secrets/cert.pem', 'tls-key-file': '/run/secrets/key.pem' }) // { tls: { cert, key } }
 */
export function readTlsFiles(values: { 'tls-cert-file'?: string | undefined; 'tls-key-file'?: string | undefined }): { tls?: ServiceTls } {
  const certFile = values['tls-cert-file'];
  const keyFile = values['tls-key-file'];
  if (!certFile || !keyFile) return {};
  const read = (file: string, what: string): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new DataboxError('tls-file-unreadable', `cannot read ${what} from ${file}`, { hint: 'Check the path and that this user may read the file (the box mounts them read-only)', cause: error });
    }
  };
  return { tls: { cert: read(certFile, 'the TLS certificate'), key: read(keyFile, 'the TLS key') } };
}
