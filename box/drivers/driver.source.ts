/**
 * What a driver provides, one source at a time, and the Hypercat item it registers for it in
 * its datastore's catalogue (`POST /cat`): the href points into the store, and the rels say
 * what the data is, so an owner can grant it and an app (runtime/box-client) can reach it. Pure.
 *
 * @example
 * const load = catalogueSource('loadavg1', 'os-monitor');
 * sourceItem({ endpoint: 'http://os-monitor-store:8080', name: 'os-monitor-store' }, load).href
 * // 'http://os-monitor-store:8080/ts/loadavg1'
 */
import { datasourceTypeOrGeneric } from '../../core/catalogue/catalogue';
import type { StoreType, ValueSchema } from '../../core/catalogue/catalogue.types';
import { seriesPath } from '../../core/protocol';
import { REL, type HypercatItem } from '../datastore/datastore.hypercat';

export interface DriverSource {
  /** The datasource id in the store (`/ts/<id>`). */
  id: string;
  /** The catalogue type (`hasType`) an app's manifest asks for. */
  type: string;
  description: string;
  storeType: StoreType;
  actuator: boolean;
  unit: string;
  /** The driver that makes the data: `databox-driver-<name>`. */
  vendor: string;
  schema: ValueSchema;
}

/** The store name is a rel as well: an app's token target, whatever host the href names. */
const STORE_REL = 'urn:X-databox:rels:hasStore';

/**
 * A source of a catalogue type (a free-text type is a generic numeric series), made by `driver`;
 * its id is the type id unless given.
 */
export function catalogueSource(type: string, driver: string, options: { id?: string; description?: string } = {}): DriverSource {
  const known = datasourceTypeOrGeneric(type);
  return {
    id: options.id ?? type, type, description: options.description ?? known.description, storeType: known.storeType,
    actuator: known.actuator, unit: known.unit, vendor: `databox-driver-${driver}`, schema: known.schema,
  };
}

export function sourceItem(store: { endpoint: string; name: string }, source: DriverSource): HypercatItem {
  return {
    href: new URL(seriesPath(source.storeType, source.id), store.endpoint).toString(),
    'item-metadata': [
      { rel: REL.description, val: source.description },
      { rel: REL.contentType, val: 'application/json' },
      { rel: REL.vendor, val: source.vendor },
      { rel: REL.type, val: source.type },
      { rel: REL.datasourceId, val: source.id },
      { rel: REL.storeType, val: source.storeType },
      { rel: REL.actuator, val: source.actuator },
      { rel: REL.unit, val: source.unit },
      { rel: STORE_REL, val: store.name },
    ],
  };
}
