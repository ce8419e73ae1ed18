/**
 * Which version of an app a box installs by default (pure): the highest version that is not
 * yanked and not waiting for or refused by a moderator, preferring the stable channel.
 */
import semver from 'semver';
import type { VersionRecord } from './app-store.types';

/**
 * @example
 * listedVersion(versions)?.version; // '1.2.0'
 */
export function listedVersion(versions: readonly VersionRecord[]): VersionRecord | undefined {
  const installable = versions.filter(isInstallable).sort((a, b) => semver.rcompare(a.version, b.version));
  return installable.find((v) => v.channel === 'stable') ?? installable[0];
}

/** A version a new install may pick. Yanked versions stay downloadable by exact version. */
export function isInstallable(version: VersionRecord): boolean {
  return !version.yanked && (version.review === 'open' || version.review === 'approved');
}
