/**
 * Pure Hypercat logic of a store: validating an item a driver registers (`POST /cat`) and
 * building the store's catalogue (`GET /cat`). Rels as in the architecture doc.
 */
import { DataboxError } from '../../core/errors';
import { DATASOURCE_ID, RESERVED_IDS } from '../../core/protocol/datastore.limits';
import type { SourceKind } from './datastore.types';

export const REL = {
  description: 'urn:X-hypercat:rels:hasDescription:en',
  contentType: 'urn:X-hypercat:rels:isContentType',
  vendor: 'urn:X-databox:rels:hasVendor',
  type: 'urn:X-databox:rels:hasType',
  datasourceId: 'urn:X-databox:rels:hasDatasourceid',
  storeType: 'urn:X-databox:rels:hasStoreType',
  actuator: 'urn:X-databox:rels:isActuator',
  location: 'urn:X-databox:rels:hasLocation',
  unit: 'urn:X-databox:rels:hasUnit',
} as const;

export interface HypercatItem {
  href: string;
  'item-metadata': { rel: string; val: string | number | boolean }[];
}

export interface Registration {
  kind: SourceKind;
  id: string;
  item: HypercatItem;
}

/**
 * Checks an item a driver registers; its href must point into this store.
 *
 * @example
 * parseItem({ href: 'http://os-monitor-store:8080/ts/loadavg1', 'item-metadata': [
 *   { rel: REL.description, val: 'load' }, { rel: REL.contentType, val: 'application/json' },
 *   { rel: REL.datasourceId, val: 'loadavg1' }, { rel: REL.storeType, val: 'ts' }] })
 * // { kind: 'ts', id: 'loadavg1', item: ... }
 */
export function parseItem(body: unknown): Registration {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('the item must be a JSON object {href, item-metadata}');
  const href: unknown = 'href' in body ? body.href : undefined;
  const metadata: unknown = 'item-metadata' in body ? body['item-metadata'] : undefined;
  if (typeof href !== 'string' || href.length > 1024) throw invalid('"href" must be the URL of the datasource in this store');
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    throw invalid(`"href" ${JSON.stringify(href.slice(0, 100))} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('"href" must be an http(s) URL');
  const match = /^\/(ts\/blob|ts|kv)\/([^/]+)$/.exec(url.pathname);
  if (!match || !DATASOURCE_ID.test(match[2]) || RESERVED_IDS.has(match[2]) || url.search !== '' || url.hash !== '') {
    throw invalid('"href" must end in /ts/<id>, /ts/blob/<id> or /kv/<id> with a valid datasource id');
  }
  const kind: SourceKind = match[1] === 'ts/blob' ? 'ts/blob' : match[1] === 'kv' ? 'kv' : 'ts';
  const id = match[2];
  if (!Array.isArray(metadata) || metadata.length === 0 || metadata.length > 64) throw invalid('"item-metadata" must be a list of 1 to 64 {rel, val}');
  const entries = metadata.map((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null || !('rel' in entry) || !('val' in entry)) throw invalid(`item-metadata[${i}] must be {rel, val}`);
    const { rel, val } = entry;
    if (typeof rel !== 'string' || !/^urn:[A-Za-z0-9:._-]{1,200}$/.test(rel)) throw invalid(`item-metadata[${i}].rel must be a urn:... name`);
    if (typeof val !== 'boolean' && !(typeof val === 'number' && Number.isFinite(val)) && !(typeof val === 'string' && val.length <= 1024)) throw invalid(`item-metadata[${i}].val must be a string (at most 1024 characters), number or boolean`);
    return { rel, val };
  });
  const value = (rel: string): string | number | boolean | undefined => entries.find((entry) => entry.rel === rel)?.val;
  for (const rel of [REL.description, REL.contentType]) if (typeof value(rel) !== 'string') throw invalid(`the item needs ${rel}`);
  if (value(REL.datasourceId) !== id) throw invalid(`${REL.datasourceId} must be "${id}", the id in href`);
  if (value(REL.storeType) !== kind) throw invalid(`${REL.storeType} must be "${kind}", the store type in href`);
  return { kind, id, item: { href, 'item-metadata': entries } };
}

/**
 * The store's catalogue.
 *
 * @example
 * catalogue('os-monitor-store', []) // { 'item-metadata': [...], items: [] }
 */
export function catalogue(name: string, items: HypercatItem[]): { 'item-metadata': { rel: string; val: string }[]; items: HypercatItem[] } {
  return {
    'item-metadata': [
      { rel: REL.contentType, val: 'application/vnd.hypercat.catalogue+json' },
      { rel: REL.description, val: `Databox store ${name}` },
    ],
    items,
  };
}

function invalid(message: string): DataboxError {
  return new DataboxError('catalogue-item-invalid', message, { status: 400, hint: 'POST /cat a Hypercat item {href, item-metadata:[{rel, val}]} with hasDescription:en, isContentType, hasDatasourceid and hasStoreType.' });
}
