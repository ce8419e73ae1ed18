/**
 * A bundle as a directory on disk (what `databox build --out` writes and what `databox
 * publish` reads): the root files, and the module tarballs in `modules/`.
 */
import { lstat, mkdir, readFile, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataboxError } from '../../core/errors';
import { bundleFiles, BUNDLE_LIMITS, isBundleFileName, MODULES_DIR, readBundleFiles, type Bundle } from '../../core/bundle';

/**
 * Writes the bundle's files into `dir` (created when missing), the module tarballs into
 * `dir/modules/`; a `.tgz` there that is not this bundle's (a previous build's) is removed,
 * other files in `dir` are left alone. Returns the names written.
 *
 * @example
 * await writeBundleDir('./host-load', bundle); // ['databox-manifest.json', ..., 'modules/x-1.0.0.tgz']
 */
export async function writeBundleDir(dir: string, bundle: Bundle): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = bundleFiles(bundle);
  if (files.some((file) => file.name.startsWith(`${MODULES_DIR}/`))) await mkdir(join(dir, MODULES_DIR), { recursive: true });
  const written: string[] = [];
  for (const file of files) {
    await writeFile(join(dir, file.name), file.data);
    written.push(file.name);
  }
  await removeStaleTarballs(dir, new Set(written));
  return written;
}

async function removeStaleTarballs(dir: string, keep: ReadonlySet<string>): Promise<void> {
  const modulesDir = join(dir, MODULES_DIR);
  const names = await readdir(modulesDir).catch(() => undefined);
  if (names === undefined) return;
  for (const name of names) {
    const path = join(modulesDir, name);
    if (name.endsWith('.tgz') && !keep.has(`${MODULES_DIR}/${name}`) && (await lstat(path)).isFile()) await rm(path);
  }
  if ((await readdir(modulesDir)).length === 0) await rmdir(modulesDir);
}

/**
 * Reads and validates the bundle in `dir`. Only regular files with bundle names at the root
 * and the regular files in `modules/` are read (links are refused); other files in the
 * directory are not part of the bundle.
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
  const paths: string[] = names.filter(isBundleFileName).sort();
  if (names.includes(MODULES_DIR)) {
    if (!(await lstat(join(dir, MODULES_DIR))).isDirectory()) throw notAFile(dir, MODULES_DIR, 'a folder');
    paths.push(...(await readdir(join(dir, MODULES_DIR))).sort().map((name) => `${MODULES_DIR}/${name}`));
  }
  const files = new Map<string, Buffer>();
  let total = 0;
  for (const name of paths) {
    const path = join(dir, name);
    const info = await lstat(path);
    if (!info.isFile()) throw notAFile(dir, name, 'a regular file');
    total += info.size;
    if (total > maxBytes) {
      throw new DataboxError('bundle-too-large', `the bundle in ${dir} is larger than ${maxBytes} bytes`, {
        status: 413, hint: 'A bundle holds the flow, its manifest, Dockerfile, package.json and the module tarballs it uses; rebuild it with `databox build`',
      });
    }
    files.set(name, await readFile(path));
  }
  return readBundleFiles(files, { maxBytes });
}

function notAFile(dir: string, name: string, what: string): DataboxError {
  return new DataboxError('bundle-entry-type', `${name} in ${dir} is not ${what}`, {
    hint: 'Bundle files must be plain files (the module tarballs plain files in modules/), not links or folders',
  });
}
