/** The refusals the bundle format shares (unpacking and validation). */
import { DataboxError } from '../errors';

/** A file that cannot be in a bundle (its name, kind or place). */
export function entryRefused(code: string, message: string): DataboxError {
  return new DataboxError(code, `the bundle was refused: ${message}`, {
    hint: 'A bundle holds only databox-manifest.json, Dockerfile, flows.json, package.json and README.md, as plain files at its root',
  });
}

/** Over a size limit (413). */
export function bundleTooLarge(message: string): DataboxError {
  return new DataboxError('bundle-too-large', `the bundle was refused: ${message}`, {
    status: 413, hint: 'A bundle holds only the flow and its few small files; remove anything else and rebuild it',
  });
}
