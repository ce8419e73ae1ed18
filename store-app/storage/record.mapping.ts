/**
 * Rows to records and records to search fields (pure), shared by both repositories.
 */
import type { Manifest } from '../../core/manifest/manifest.types';
import { parseManifest } from '../../core/manifest/manifest.validate';
import { exportsData } from '../../core/manifest/manifest.permissions';
import type { AppSummary, Channel, ReviewState, SearchPage, SearchResult, VersionRecord } from '../domain/app-store.types';
import { indexText } from './search.query';

export interface VersionRow {
  app: string;
  version: string;
  channel: string;
  changelog: string;
  publisher: string;
  manifest: string;
  size: number | string;
  content_hash: string;
  blob_hash: string;
  signature: string;
  public_key: string;
  review: string;
  reviewed_by: string | null;
  yanked: number | boolean;
  published_at: string | Date;
}

export function versionFromRow(row: VersionRow): VersionRecord {
  return {
    app: row.app,
    version: row.version,
    channel: row.channel === 'beta' ? 'beta' : 'stable',
    changelog: row.changelog,
    publisher: row.publisher,
    // Stored data is validated again on every read (style.md #7).
    manifest: parseManifest(JSON.parse(row.manifest)),
    size: Number(row.size),
    contentHash: row.content_hash,
    blobHash: row.blob_hash,
    signature: row.signature,
    publicKey: row.public_key,
    review: reviewState(row.review),
    reviewedBy: row.reviewed_by,
    yanked: row.yanked === true || row.yanked === 1,
    publishedAt: iso(row.published_at),
  };
}

export function versionToParams(v: VersionRecord): (string | number)[] {
  return [v.app, v.version, v.channel, v.changelog, v.publisher, JSON.stringify(v.manifest), v.size,
    v.contentHash, v.blobHash, v.signature, v.publicKey, v.review, v.publishedAt];
}

export const VERSION_COLUMNS = 'app, version, channel, changelog, publisher, manifest, size, content_hash, blob_hash, signature, public_key, review, published_at';

/** The listing fields of an app for its listed version. */
export interface ListingFields {
  displayName: string;
  description: string;
  type: 'app' | 'driver';
  version: string;
  channel: Channel;
  tags: string[];
  datasourceTypes: string[];
  exportsData: boolean;
  approved: boolean;
  searchText: string;
  updatedAt: string;
}

export function listingFields(v: VersionRecord): ListingFields {
  const m: Manifest = v.manifest;
  const datasourceTypes = [...new Set([...m.datasources.map((d) => d.type), ...(m.provides ?? []).map((p) => p['data-source-type'])])];
  return {
    displayName: m.displayName ?? m.name,
    description: m.description,
    type: m['databox-type'],
    version: v.version,
    channel: v.channel,
    tags: [...new Set(m.tags.map((t) => t.toLowerCase()))],
    datasourceTypes,
    exportsData: exportsData(m),
    approved: v.review === 'approved',
    searchText: indexText([m.name, m.displayName ?? '', m.description, m.author, ...m.tags, ...datasourceTypes]),
    updatedAt: v.publishedAt,
  };
}

/** An app's summary as search lists it, from its listing fields. */
export function listingSummary(name: string, owner: string, f: ListingFields): AppSummary {
  return {
    name, displayName: f.displayName, description: f.description, owner, type: f.type, version: f.version, channel: f.channel,
    tags: f.tags, datasourceTypes: f.datasourceTypes, exportsData: f.exportsData, approved: f.approved, updatedAt: f.updatedAt,
  };
}

/** A search page read back as summaries, each checked field by field. */
export function searchResult(page: SearchPage): SearchResult {
  const items: unknown = JSON.parse(page.itemsJson);
  return { total: page.total, items: Array.isArray(items) ? items.map(summaryFromJson) : [] };
}

/**
 * The API's answer to a search: the stored listings as they are, with no parse and no second
 * serialisation (most of a search's cost on a warm index). They were rendered by
 * `listingSummary` from a validated version, and the repository contract checks that
 * `searchResult` reads them back unchanged.
 */
export function searchBody(page: SearchPage): string {
  return `{"total":${page.total},"items":${page.itemsJson}}`;
}

export interface ListingRow {
  name: string;
  owner: string;
  display_name: string;
  description: string;
  type: string;
  version: string;
  channel: string;
  tags: string;
  datasource_types: string;
  exports_data: number | boolean;
  approved: number | boolean;
  updated_at: string | Date;
}

export function summaryFromRow(row: ListingRow): AppSummary {
  return {
    name: row.name,
    displayName: row.display_name,
    description: row.description,
    owner: row.owner,
    type: row.type === 'driver' ? 'driver' : 'app',
    version: row.version,
    channel: row.channel === 'beta' ? 'beta' : 'stable',
    tags: stringList(row.tags),
    datasourceTypes: stringList(row.datasource_types),
    exportsData: row.exports_data === true || row.exports_data === 1,
    approved: row.approved === true || row.approved === 1,
    updatedAt: iso(row.updated_at),
  };
}

/** Lists are stored as JSON arrays of strings (filters use their own indexed tables). */
function stringList(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function reviewState(text: string): ReviewState {
  return text === 'pending' || text === 'approved' || text === 'rejected' ? text : 'open';
}

function iso(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * A stored listing (`listingSummary` as JSON) read back, checked field by field:
 * reading one string per row costs half of reading twelve columns.
 *
 * @example
 * summaryFromJson(JSON.parse(text));
 */
export function summaryFromJson(value: unknown): AppSummary {
  const o: Record<string, unknown> = typeof value === 'object' && value !== null ? { ...value } : {};
  return {
    name: textOf(o.name),
    displayName: textOf(o.displayName),
    description: textOf(o.description),
    owner: textOf(o.owner),
    type: o.type === 'driver' ? 'driver' : 'app',
    version: textOf(o.version),
    channel: o.channel === 'beta' ? 'beta' : 'stable',
    tags: listOf(o.tags),
    datasourceTypes: listOf(o.datasourceTypes),
    exportsData: o.exportsData === true,
    approved: o.approved === true,
    updatedAt: textOf(o.updatedAt),
  };
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
