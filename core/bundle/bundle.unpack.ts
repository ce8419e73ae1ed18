/**
 * Reads a bundle tarball that may come from anyone (an upload to the store, a download on a
 * box). Everything is checked before it is trusted: the compressed and uncompressed sizes
 * (a gzip bomb stops at the limit), each entry's kind, name and size, duplicates, and then
 * everything the one validator checks (UTF-8, JSON, the manifest, the module tarballs and
 * their own entries). Nothing is written to disk.
 *
 * @example
 * const bundle = await unpackBundle(upload, { maxBytes: 1024 * 1024 });
 */
import { gunzipSync } from 'node:zlib';
import { extract, type Header } from 'tar-stream';
import { DataboxError } from '../errors';
import { bundleTooLarge as tooLarge, entryRefused as refuse } from './bundle.errors';
import { isBundleFileName, isModulePath, type Bundle } from './bundle.types';
import { BUNDLE_LIMITS, type BundleLimits } from './bundle.limits';
import { readBundleFiles } from './bundle.validate';

/** `maxBytes` applies compressed and uncompressed (file contents). Defaults: BUNDLE_LIMITS. */
export type UnpackOptions = Partial<BundleLimits>;

/** Room for tar headers and padding on top of the file contents: a header, padding and a PAX record per entry. */
const ENTRY_OVERHEAD = 2048;

export async function unpackBundle(tarball: Buffer, options: UnpackOptions = {}): Promise<Bundle> {
  const maxBytes = options.maxBytes ?? BUNDLE_LIMITS.maxBytes;
  const maxEntryBytes = Math.min(options.maxFileBytes ?? BUNDLE_LIMITS.maxFileBytes, maxBytes);
  if (tarball.length > maxBytes) throw tooLarge(`the bundle is ${tarball.length} bytes, more than the limit of ${maxBytes}`);
  const entries = (options.maxModules ?? BUNDLE_LIMITS.maxModules) + 8;
  const tar = gunzip(tarball, maxBytes + entries * ENTRY_OVERHEAD);
  return readBundleFiles(await readEntries(tar, maxBytes, maxEntryBytes), { ...options, maxBytes, maxFileBytes: maxEntryBytes });
}

function gunzip(tarball: Buffer, limit: number): Buffer {
  if (tarball.length < 2 || tarball[0] !== 0x1f || tarball[1] !== 0x8b) {
    throw new DataboxError('bundle-not-gzip', 'the bundle is not a gzip-compressed tarball', {
      hint: 'Upload the .tar.gz that `databox build --tarball` writes',
    });
  }
  try {
    return gunzipSync(tarball, { maxOutputLength: limit });
  } catch (error) {
    if (error instanceof RangeError || (error instanceof Error && 'code' in error && error.code === 'ERR_BUFFER_TOO_LARGE')) {
      throw tooLarge(`the bundle unpacks to more than ${limit} bytes`);
    }
    throw new DataboxError('bundle-not-gzip', 'the bundle is not a valid gzip stream (truncated or corrupt)', {
      hint: 'Upload the .tar.gz that `databox build --tarball` writes', cause: error,
    });
  }
}

async function readEntries(tar: Buffer, maxBytes: number, maxEntryBytes: number): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  let total = 0;
  const reader = extract();
  const done = (async () => {
    for await (const entry of reader) {
      const name = entryName(entry.header);
      if (name === undefined) { entry.resume(); continue; }
      const size = entry.header.size ?? 0;
      if (size > maxEntryBytes) throw tooLarge(`${name} is ${size} bytes, more than the limit of ${maxEntryBytes} per file`);
      total += size;
      if (total > maxBytes) throw tooLarge(`the bundle's files add up to more than ${maxBytes} bytes`);
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(toBuffer(chunk));
      files.set(name, Buffer.concat(chunks));
    }
  })();
  reader.end(tar);
  try {
    await done;
  } catch (error) {
    if (error instanceof DataboxError) throw error;
    throw new DataboxError('bundle-tar-invalid', `the bundle is not a valid tar archive: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'Upload the .tar.gz that `databox build --tarball` writes', cause: error,
    });
  }
  return files;

  /** The checked file name (at the root, or a module tarball), or undefined for the root or `modules/` directory entry (skipped). */
  function entryName(header: Header): string | undefined {
    const raw = header.name;
    if (raw.startsWith('/') || raw.includes('\\') || /^[A-Za-z]:/.test(raw)) {
      throw refuse('bundle-entry-absolute', `entry "${raw}" has an absolute path`);
    }
    if (raw.split('/').includes('..')) throw refuse('bundle-entry-traversal', `entry "${raw}" climbs out of the bundle with ".."`);
    const name = raw.replace(/^(\.\/)+/, '').replace(/\/$/, '');
    if (header.type === 'directory' && (name === '' || name === '.' || name === 'modules')) return undefined;
    if (header.type !== 'file') throw refuse('bundle-entry-type', `entry "${raw}" is a ${header.type ?? 'special entry'}, not a regular file`);
    if (!isBundleFileName(name) && !isModulePath(name)) throw refuse('bundle-entry-unknown', `entry "${raw}" is not a bundle file`);
    if (files.has(name)) throw refuse('bundle-entry-duplicate', `entry "${name}" appears twice`);
    return name;
  }
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array || typeof chunk === 'string') return Buffer.from(chunk);
  throw new Error('unexpected tar entry chunk');
}
