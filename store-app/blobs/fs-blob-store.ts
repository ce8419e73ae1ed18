/**
 * Content-addressed blobs on disk: `<dir>/<first 2 hex>/<sha256>`. Writes go to a temporary
 * file first and are renamed into place, so a reader never sees half a blob.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataboxError } from '../../core/errors';
import { BLOB_HASH, type BlobStore } from './blob-store.types';

/**
 * @example
 * const blobs = fsBlobStore(path.join(dataDir, 'blobs'));
 * const { hash } = await blobs.put(tarball);
 */
export function fsBlobStore(dir: string): BlobStore {
  const pathOf = (hash: string): string => {
    if (!BLOB_HASH.test(hash)) throw new DataboxError('blob-hash-invalid', 'not a sha256 blob address', { status: 400 });
    return path.join(dir, hash.slice(0, 2), hash);
  };
  const has = async (hash: string): Promise<boolean> => {
    try {
      return (await stat(pathOf(hash))).isFile();
    } catch {
      return false;
    }
  };
  return {
    has,
    async put(data) {
      const hash = createHash('sha256').update(data).digest('hex');
      if (await has(hash)) return { hash, existed: true };
      const file = pathOf(hash);
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temp, data, { mode: 0o644 });
      await rename(temp, file);
      return { hash, existed: false };
    },
    async get(hash) {
      try {
        return await readFile(pathOf(hash));
      } catch (error) {
        if (error instanceof DataboxError) throw error;
        return undefined;
      }
    },
    async delete(hash) {
      await rm(pathOf(hash), { force: true });
    },
  };
}
