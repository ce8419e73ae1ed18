/**
 * Pure reading of an app container's environment (docs/decisions/0003-box-protocols.md) into
 * what the box client needs: endpoints, where the arbiter key is, and the granted sources.
 */
import type { StoreType } from '../../core/catalogue/catalogue.types';
import { DataboxError } from '../../core/errors';
import type { GrantedSource } from './box-client.types';

export type Env = Readonly<Record<string, string | undefined>>;

export interface BoxClientConfig {
  arbiter: string;
  exportService?: string;
  /** The export service's host name, the target of export tokens (default `export-service`). */
  exportServiceName: string;
  localName?: string;
  tokenFile: string;
  ownDataStore?: { endpoint: string; name: string };
  sources: Map<string, GrantedSource>;
}

const REL = {
  store: 'urn:X-databox:rels:hasStore',
  datasourceId: 'urn:X-databox:rels:hasDatasourceid',
  storeType: 'urn:X-databox:rels:hasStoreType',
  actuator: 'urn:X-databox:rels:isActuator',
};

/**
 * @example
 * readBoxEnv({ DATABOX_ARBITER_ENDPOINT: 'http://arbiter:8080', DATASOURCE_load: '{"href":"http://s:8080/ts/load","item-metadata":[]}' })
 */
export function readBoxEnv(env: Env): BoxClientConfig {
  const arbiter = env.DATABOX_ARBITER_ENDPOINT;
  if (!arbiter || !isHttpUrl(arbiter)) throw new DataboxError('box-env-invalid', 'DATABOX_ARBITER_ENDPOINT must be the arbiter\'s http(s) URL', { status: 500, hint: 'The box sets it when it starts an app; run with DATABOX_MODE=preview outside a box.' });
  const sources = new Map<string, GrantedSource>();
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('DATASOURCE_') || value === undefined) continue;
    const clientid = name.slice('DATASOURCE_'.length);
    sources.set(clientid, parseGrantedSource(clientid, value));
  }
  const storeEndpoint = env.DATABOX_STORE_ENDPOINT;
  if (storeEndpoint !== undefined && !isHttpUrl(storeEndpoint)) throw new DataboxError('box-env-invalid', 'DATABOX_STORE_ENDPOINT must be an http(s) URL', { status: 500 });
  const exportService = env.DATABOX_EXPORT_SERVICE_ENDPOINT;
  if (exportService !== undefined && !isHttpUrl(exportService)) throw new DataboxError('box-env-invalid', 'DATABOX_EXPORT_SERVICE_ENDPOINT must be an http(s) URL', { status: 500 });
  return {
    arbiter,
    exportServiceName: env.DATABOX_EXPORT_SERVICE_NAME ?? 'export-service',
    tokenFile: env.DATABOX_ARBITER_TOKEN_FILE ?? '/run/secrets/DATABOX_ARBITER_TOKEN',
    sources,
    ...(exportService ? { exportService } : {}),
    ...(env.DATABOX_LOCAL_NAME ? { localName: env.DATABOX_LOCAL_NAME } : {}),
    ...(storeEndpoint ? { ownDataStore: { endpoint: storeEndpoint, name: env.DATABOX_STORE_NAME ?? new URL(storeEndpoint).hostname } } : {}),
  };
}

/**
 * A granted Hypercat item: the store (token target) is the `hasStore` rel when present, else
 * the href's host name; the datasource id and store type come from the rels, else the href.
 *
 * @example
 * parseGrantedSource('load', '{"href":"http://os-store:8080/ts/loadavg1","item-metadata":[]}').store // 'os-store'
 */
export function parseGrantedSource(clientid: string, json: string): GrantedSource {
  const bad = (why: string) => new DataboxError('box-datasource-invalid', `DATASOURCE_${clientid} is not a granted Hypercat item: ${why}`, { status: 500 });
  let item: unknown;
  try { item = JSON.parse(json); } catch { throw bad('not JSON'); }
  if (typeof item !== 'object' || item === null || !('href' in item) || typeof item.href !== 'string' || !isHttpUrl(item.href)) throw bad('no http(s) href');
  const rawMetadata: unknown = 'item-metadata' in item ? item['item-metadata'] : [];
  if (!Array.isArray(rawMetadata)) throw bad('item-metadata is not a list');
  const metadata: GrantedSource['metadata'] = [];
  for (const entry of rawMetadata) {
    if (typeof entry !== 'object' || entry === null || !('rel' in entry) || !('val' in entry) || typeof entry.rel !== 'string') continue;
    const val: unknown = entry.val;
    if (typeof val === 'string' || typeof val === 'number' || typeof val === 'boolean') metadata.push({ rel: entry.rel, val });
  }
  const rel = (name: string) => metadata.find((m) => m.rel === name)?.val;
  const url = new URL(item.href);
  const match = /^\/(ts\/blob|ts|kv)\/([^/]+)\/?$/.exec(url.pathname);
  if (!match) throw bad('the href path is not /ts/<id>, /ts/blob/<id> or /kv/<id>');
  const typeRel = rel(REL.storeType);
  const storeType: StoreType = typeRel === 'ts' || typeRel === 'ts/blob' || typeRel === 'kv' ? typeRel : match[1] === 'ts/blob' ? 'ts/blob' : match[1] === 'kv' ? 'kv' : 'ts';
  return {
    clientid, href: item.href, metadata, storeType,
    store: String(rel(REL.store) ?? url.hostname),
    datasourceId: String(rel(REL.datasourceId) ?? decodeURIComponent(match[2] ?? '')),
    actuator: rel(REL.actuator) === true || rel(REL.actuator) === 'true',
  };
}

function isHttpUrl(text: string): boolean {
  return URL.canParse(text) && /^https?:$/.test(new URL(text).protocol);
}
