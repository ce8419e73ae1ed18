/** The records the store keeps, shared by the repository, the services and the pages. */
import type { Manifest } from '../../core/manifest/manifest.types';

export type Channel = 'stable' | 'beta';
/** `open`: published in an open store; `pending`/`approved`/`rejected`: a curated store's review. */
export type ReviewState = 'open' | 'pending' | 'approved' | 'rejected';

export interface AppRecord {
  name: string;
  /** GitHub login of the publisher who owns the name. */
  owner: string;
  /** base64 SPKI DER ed25519 key that signs new versions (the first key, until a hand-over). */
  publicKey: string;
  createdAt: string;
  /** The version installs get by default, or null when none is installable yet. */
  listedVersion: string | null;
}

export interface VersionRecord {
  app: string;
  version: string;
  channel: Channel;
  changelog: string;
  publisher: string;
  manifest: Manifest;
  /** Size of the bundle tarball in bytes. */
  size: number;
  /** `bundleContentHash` of the bundle (what the signature covers). */
  contentHash: string;
  /** sha256 (hex) of the tarball bytes: the blob's address. */
  blobHash: string;
  signature: string;
  publicKey: string;
  review: ReviewState;
  reviewedBy: string | null;
  yanked: boolean;
  publishedAt: string;
}

/** One row of a search result: the app and its listed version. */
export interface AppSummary {
  name: string;
  displayName: string;
  description: string;
  owner: string;
  type: 'app' | 'driver';
  version: string;
  channel: Channel;
  tags: string[];
  datasourceTypes: string[];
  exportsData: boolean;
  approved: boolean;
  updatedAt: string;
}

export interface SearchQuery {
  text?: string;
  tag?: string;
  type?: 'app' | 'driver';
  datasourceType?: string;
  exportsData?: boolean;
  limit: number;
  offset: number;
}

export interface SearchResult {
  total: number;
  items: AppSummary[];
}

/**
 * A search as the repository answers it: the page's listings as one JSON array, the text the
 * store rendered for each app when it was last relisted (`listingSummary`). The API sends it as
 * it is; everything else reads it through `searchResult` (record.mapping.ts), which validates.
 */
export interface SearchPage {
  total: number;
  itemsJson: string;
}

export interface KeyHandover {
  app: string;
  oldPublicKey: string;
  newPublicKey: string;
  signature: string;
  by: string;
  at: string;
}
