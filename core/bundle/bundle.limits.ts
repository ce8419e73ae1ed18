/**
 * How large a bundle may be: what the builder writes, the app store accepts and a box
 * installs (decision 0015). Every limit has a reason: the bundle travels as one upload, is
 * held in memory while it is checked, and its module tarballs are unpacked into an image.
 */
import { MAX_JSON_DEPTH } from '../json/json.limits';

const MiB = 1024 * 1024;

export interface BundleLimits {
  /** Most bytes of all files together (module tarballs as they are, compressed), and of the upload. */
  maxBytes: number;
  /** Most bytes of one file (a module tarball is one file). */
  maxFileBytes: number;
  /** Deepest nesting of arrays and objects in a JSON file. */
  maxDepth: number;
  /** Most entries in flows.json. */
  maxNodes: number;
  /** Most module tarballs in `modules/`. */
  maxModules: number;
  /** Most bytes the module tarballs unpack to, all together (tar headers included): the gzip-bomb limit. */
  maxModuleBytes: number;
  /** Most files and folders in the module tarballs, all together. */
  maxModuleEntries: number;
}

export const BUNDLE_LIMITS: Readonly<BundleLimits> = {
  maxBytes: 16 * MiB,
  maxFileBytes: 8 * MiB,
  maxDepth: MAX_JSON_DEPTH,
  maxNodes: 10_000,
  maxModules: 500,
  maxModuleBytes: 64 * MiB,
  maxModuleEntries: 20_000,
};
