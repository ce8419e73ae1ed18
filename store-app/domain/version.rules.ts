/**
 * The rules a new version must follow (pure): higher than every version already published,
 * by the app's owner, signed by the app's current key.
 */
import semver from 'semver';
import { DataboxError } from '../../core/errors';
import type { AppRecord, VersionRecord } from './app-store.types';

/**
 * Throws a DataboxError when `publisher` may not publish `version` of `app`.
 *
 * @example
 * checkNewVersion({ app, versions, publisher: 'alice', version: '1.1.0', publicKey });
 */
export function checkNewVersion(input: {
  app: AppRecord | undefined;
  versions: readonly VersionRecord[];
  publisher: string;
  version: string;
  publicKey: string;
}): void {
  const { app, versions, publisher, version, publicKey } = input;
  if (!app) return;
  if (app.owner !== publisher) {
    throw new DataboxError('app-owned-by-other', `the app name "${app.name}" belongs to ${app.owner}`, {
      status: 403, hint: 'Choose another name for your app (the "name" in databox-manifest.json)',
    });
  }
  if (publicKey !== app.publicKey) {
    throw new DataboxError('signing-key-mismatch', `"${app.name}" must be signed with the key of its first version (or the key it was handed over to)`, {
      status: 403, hint: 'Sign with your original publisher key (--key), or hand the app over to the new key first with `databox publish --handover`',
    });
  }
  if (versions.some((v) => v.version === version)) {
    throw new DataboxError('version-exists', `${app.name} ${version} is already published`, {
      status: 409, hint: 'Raise the "version" in databox-manifest.json; a published version never changes',
    });
  }
  const highest = versions.map((v) => v.version).sort(semver.rcompare)[0];
  if (highest !== undefined && semver.lte(version, highest)) {
    throw new DataboxError('version-not-higher', `${app.name} ${version} is lower than the published ${highest}`, {
      status: 409, hint: `Publish a version higher than ${highest}`,
    });
  }
}
