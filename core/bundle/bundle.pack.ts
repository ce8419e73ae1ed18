/**
 * A bundle as a gzipped tarball: the four (or five) files at the root and the module
 * tarballs under `modules/`, deterministic (fixed order, modes, owners and times; gzip
 * without a timestamp), so the same bundle always gives the same bytes and the same sha256.
 *
 * @example
 * const tarball = packBundle(bundle);
 * writeFileSync('app.tar.gz', tarball);
 */
import { gzipSync } from 'node:zlib';
import { bundleFiles } from './bundle.files';
import type { Bundle } from './bundle.types';
import { writeTar } from './tar.write';

export function packBundle(bundle: Bundle): Buffer {
  return gzipSync(writeTar(bundleFiles(bundle)), { level: 9 });
}
