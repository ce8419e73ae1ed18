/**
 * The owner's data sources: what the installed drivers provide (from their manifests'
 * `provides`), and a source as the Hypercat item an app is granted (its `DATASOURCE_<clientid>`
 * variable; architecture doc, "What an app container receives"). Pure.
 *
 * @example
 * sourcesOf(osMonitorSla)            // [{ id: 'loadavg1', driver: 'os-monitor', store: 'os-monitor-store', ... }, ...]
 * hypercatItem(source, 'https://os-monitor-store:8080').href   // 'https://os-monitor-store:8080/ts/loadavg1'
 */
import { findDatasourceType } from '../../core/catalogue/catalogue';
import type { Sla } from '../state/sla.types';
import type { DataSource } from '../state/box.db';

export function sourcesOf(sla: Sla): DataSource[] {
  if (sla.kind !== 'driver' || !sla.store) return [];
  const store = sla.store;
  return (sla.manifest.provides ?? []).map((p) => {
    const type = findDatasourceType(p['data-source-type']);
    return {
      id: p['data-source-type'], driver: sla.name, store, storeType: p['store-type'], type: p['data-source-type'],
      actuator: type?.actuator ?? false, description: p.description, unit: type?.unit ?? '',
    };
  });
}

export interface HypercatItem {
  href: string;
  'item-metadata': { rel: string; val: string | boolean }[];
}

export function hypercatItem(source: DataSource, storeEndpoint: string): HypercatItem {
  return {
    href: `${storeEndpoint}/${source.storeType}/${encodeURIComponent(source.id)}`,
    'item-metadata': [
      { rel: 'urn:X-hypercat:rels:hasDescription:en', val: source.description },
      { rel: 'urn:X-hypercat:rels:isContentType', val: 'application/json' },
      { rel: 'urn:X-databox:rels:hasVendor', val: source.driver },
      { rel: 'urn:X-databox:rels:hasType', val: source.type },
      { rel: 'urn:X-databox:rels:hasDatasourceid', val: source.id },
      { rel: 'urn:X-databox:rels:hasStoreType', val: source.storeType },
      { rel: 'urn:X-databox:rels:isActuator', val: source.actuator },
      { rel: 'urn:X-databox:rels:hasUnit', val: source.unit },
      { rel: 'urn:X-databox:rels:hasStore', val: source.store },
    ],
  };
}
