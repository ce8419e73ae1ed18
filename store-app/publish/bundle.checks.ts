/**
 * What only the app store can check in a bundle (pure): that the publisher it names is the
 * one publishing. Everything else about a bundle (files, manifest, lineage, Dockerfile) is
 * the one validator's (core/bundle), which `unpackBundle` has already run.
 */
import { DataboxError } from '../../core/errors';
import type { Bundle } from '../../core/bundle';

/**
 * @example
 * checkPublisher(bundle, 'alice'); // throws DataboxError 'bundle-invalid' when the manifest names bob
 */
export function checkPublisher(bundle: Bundle, publisher: string): void {
  const named = bundle.manifest.publisher;
  if (named !== undefined && named.toLowerCase() !== publisher) {
    throw new DataboxError('publisher-mismatch', `the bundle was refused: the manifest names the publisher "${named}", but you are ${publisher}`, {
      status: 403,
      hint: 'Publish it as its publisher, or rebuild the bundle without a publisher field (the store fills it in)',
    });
  }
}
