/**
 * The content hash of a bundle: sha256 (hex) over each file's name, length and bytes in the
 * fixed bundle order (the root files, then every module tarball by path), with the manifest's
 * `signature` left out (the signature is made over this hash, so it cannot be part of it).
 * Independent of how the bundle was packed. A bundle without modules hashes as it always did.
 *
 * @example
 * const hash = bundleContentHash(bundle); // '3b1f...' (64 hex digits)
 */
import { createHash } from 'node:crypto';
import { bundleFiles } from './bundle.files';
import type { Bundle } from './bundle.types';

export function bundleContentHash(bundle: Bundle): string {
  const { signature: _signature, ...manifest } = bundle.manifest;
  const hash = createHash('sha256');
  for (const file of bundleFiles({ ...bundle, manifest })) {
    hash.update(`${file.name}\u0000${file.data.length}\u0000`);
    hash.update(file.data);
  }
  return hash.digest('hex');
}
