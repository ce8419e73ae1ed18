/**
 * A built-in driver's manifest: what it provides (each type with the catalogue's description,
 * store type and schema), its own datastore, and no outside hosts. Pure.
 *
 * @example
 * driverManifest({ name: 'os-monitor', displayName: 'Host monitor', description: 'Host metrics', tags: ['host'], provides: [provided('loadavg1')] })
 * // { 'databox-type': 'driver', provides: [{ 'data-source-type': 'loadavg1', 'store-type': 'ts', ... }], ... }
 */
import { datasourceTypeOrGeneric } from '../../core/catalogue/catalogue';
import { MANIFEST_VERSION, type Manifest, type ManifestProvides } from '../../core/manifest/manifest.types';

/** The version of the built-in drivers: they ship with the box. */
export const DRIVERS_VERSION = '0.1.0';

export function driverManifest(spec: { name: string; displayName: string; description: string; tags: string[]; provides: ManifestProvides[] }): Manifest {
  return {
    'manifest-version': MANIFEST_VERSION,
    name: spec.name,
    displayName: spec.displayName,
    'databox-type': 'driver',
    version: DRIVERS_VERSION,
    description: spec.description,
    author: 'Databox',
    license: 'MIT',
    tags: spec.tags,
    datasources: [],
    'export-whitelist': [],
    'resource-requirements': { store: 'core-store' },
    provides: spec.provides,
    lineage: [],
  };
}

/** A provided type as the catalogue describes it (a free-text type: a generic numeric series, described by `description`). */
export function provided(type: string, description?: string): ManifestProvides {
  const known = datasourceTypeOrGeneric(type);
  return { 'data-source-type': type, description: description ?? known.description, 'store-type': known.storeType, schema: known.schema };
}
