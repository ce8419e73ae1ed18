/**
 * The JSON the API answers for apps and versions (pure), also what the pages render.
 * Versions waiting for or refused by a moderator are not public.
 */
import { listedVersion } from '../domain/listing.rules';
import { describeLineage, describePermissions, exportsData, type Permission } from '../../core/manifest/manifest.permissions';
import type { AppRecord, KeyHandover, VersionRecord } from '../domain/app-store.types';
import { keyFingerprint } from '../../core/bundle/bundle.signature';

export interface VersionView {
  version: string;
  channel: VersionRecord['channel'];
  changelog: string;
  publisher: string;
  publishedAt: string;
  size: number;
  contentHash: string;
  signature: string;
  publicKey: string;
  keyFingerprint: string;
  yanked: boolean;
  review: VersionRecord['review'];
  bundleUrl: string;
}

export interface AppView {
  name: string;
  displayName: string;
  description: string;
  type: 'app' | 'driver';
  owner: string;
  publicKey: string;
  keyFingerprint: string;
  listedVersion: string | null;
  approved: boolean;
  exportsData: boolean;
  tags: string[];
  homepage: string | null;
  permissions: Permission[];
  lineage: string[];
  versions: VersionView[];
  /** Each hand-over of the app to a new key, with its proof, so a box can follow the chain from the key it pinned. */
  keyHandovers: { from: string; to: string; at: string; oldPublicKey: string; newPublicKey: string; signature: string }[];
}

export function isPublic(version: VersionRecord): boolean {
  return version.review === 'open' || version.review === 'approved';
}

export function versionView(v: VersionRecord): VersionView {
  return {
    version: v.version, channel: v.channel, changelog: v.changelog, publisher: v.publisher, publishedAt: v.publishedAt,
    size: v.size, contentHash: v.contentHash, signature: v.signature, publicKey: v.publicKey, keyFingerprint: keyFingerprint(v.publicKey),
    yanked: v.yanked, review: v.review, bundleUrl: `/api/apps/${v.app}/${v.version}/bundle`,
  };
}

/**
 * The app as the public sees it, described by its listed version (or its newest public one);
 * undefined when no version is public.
 *
 * @example
 * const view = appView(app, versions, handovers); view?.lineage; // ['Sends your loadavg1 readings to https://...']
 */
export function appView(app: AppRecord, versions: readonly VersionRecord[], handovers: readonly KeyHandover[]): AppView | undefined {
  const visible = versions.filter(isPublic);
  const shown = listedVersion(visible) ?? visible[visible.length - 1];
  if (!shown) return undefined;
  const m = shown.manifest;
  return {
    name: app.name, displayName: m.displayName ?? m.name, description: m.description, type: m['databox-type'], owner: app.owner,
    publicKey: app.publicKey, keyFingerprint: keyFingerprint(app.publicKey), listedVersion: app.listedVersion,
    approved: shown.review === 'approved', exportsData: exportsData(m), tags: m.tags, homepage: m.homepage ?? null,
    permissions: describePermissions(m), lineage: describeLineage(m),
    versions: [...visible].reverse().map(versionView),
    keyHandovers: handovers.map((h) => ({ from: keyFingerprint(h.oldPublicKey), to: keyFingerprint(h.newPublicKey), at: h.at, oldPublicKey: h.oldPublicKey, newPublicKey: h.newPublicKey, signature: h.signature })),
  };
}
