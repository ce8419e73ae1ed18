/** The refusals the bundle format shares (unpacking and validation). */
import { DataboxError } from '../errors';

/** A file that cannot be in a bundle (its name, kind or place). */
export function entryRefused(code: string, message: string): DataboxError {
  return new DataboxError(code, `the bundle was refused: ${message}`, {
    hint: 'A bundle holds only databox-manifest.json, Dockerfile, flows.json, package.json and README.md as plain files at its root, and the modules/*.tgz that `databox build` packs',
  });
}

/** A module tarball (modules/*.tgz) that is not what `databox build` packs, or not what package.json lists. */
export function moduleRefused(code: string, message: string): DataboxError {
  return new DataboxError(code, `the bundle was refused: ${message}`, {
    hint: 'Rebuild the bundle with `databox build`: it packs each third-party module from its installed folder (regular files and folders under package/ only) and lists it in package.json',
  });
}

/** Over a size limit (413). */
export function bundleTooLarge(message: string): DataboxError {
  return new DataboxError('bundle-too-large', `the bundle was refused: ${message}`, {
    status: 413, hint: 'A bundle holds the flow, its few small files and the third-party modules it uses; remove anything else (or a module it does not need) and rebuild it',
  });
}
