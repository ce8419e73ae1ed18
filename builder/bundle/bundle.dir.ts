/**
 * A bundle as a directory on disk (what `databox build --out` writes and what an image is
 * built from).
 */
import { lstat, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataboxError } from '../../core/errors';
import { bundleFiles, BUNDLE_LIMITS, isBundleFileName, readBundleFiles, type Bundle } from '../../core/bundle';

/**
 * Writes the bundle's files into `dir` (created when missing); other files there are left alone.
 *
 * @example
 * await writeBundleDir('./host-load', bundle);
 */
export async function writeBundleDir(dir: string, bundle: Bundle): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const file of bundleFiles(bundle)) {
    await writeFile(join(dir, file.name), file.data);
    written.push(file.name);
  }
  return written;
}

/**
 * Reads and validates the bundle in `dir`. Only regular files with bundle names are read
 * (symlinks are refused); other files in the directory (such as a staged node_modules/) are
 * not part of the bundle.
 *
 * @example
 * const bundle = await readBundleDir('./host-load');
 */
export async function readBundleDir(dir: string, options: { maxBytes?: number } = {}): Promise<Bundle> {
  const maxBytes = options.maxBytes ?? BUNDLE_LIMITS.maxBytes;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new DataboxError('bundle-dir-unreadable', `cannot read the bundle directory ${dir}`, {
      status: 404, hint: 'Give the directory `databox build --out` wrote', cause: error,
    });
  }
  const files = new Map<string, Buffer>();
  let total = 0;
  for (const name of names.filter(isBundleFileName).sort()) {
    const path = join(dir, name);
    const info = await lstat(path);
    if (!info.isFile()) {
      throw new DataboxError('bundle-entry-type', `${name} in ${dir} is not a regular file`, {
        hint: 'Bundle files must be plain files, not links or directories',
      });
    }
    total += info.size;
    if (total > maxBytes) {
      throw new DataboxError('bundle-too-large', `the bundle in ${dir} is larger than ${maxBytes} bytes`, {
        status: 413, hint: 'A bundle holds only the flow, its manifest, Dockerfile and package.json',
      });
    }
    files.set(name, await readFile(path));
  }
  return readBundleFiles(files, { maxBytes });
}
