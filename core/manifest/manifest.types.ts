/**
 * `databox-manifest.json`: the original Databox field names (existing manifests stay valid),
 * extended with `lineage`, `signature` and `publisher`. See docs/decisions/0002-manifest.md.
 */
import type { StoreType, ValueSchema } from '../catalogue/catalogue.types';
import type { PrivacySpec } from '../privacy/privacy.types';

export const MANIFEST_VERSION = 1;

export interface ManifestDatasource {
  /** The key the app uses for this source (`DATASOURCE_<clientid>` in its environment). */
  clientid: string;
  /** Matches a driver's `hasType`. */
  type: string;
  name?: string;
  required: boolean;
  min?: number;
  max?: number;
  'allow-notification-of-new-sources'?: boolean;
  /** True when the app writes to this source to act on a device. */
  actuator?: boolean;
}

export interface ManifestExport {
  url: string;
  description: string;
  /** A private destination: the box's export service adds the noise (core/privacy, issue 12). */
  privacy?: PrivacySpec;
}

export interface ManifestExternal {
  urls: string[];
  description: string;
}

export interface ManifestProvides {
  'data-source-type': string;
  description: string;
  'store-type': StoreType;
  schema?: ValueSchema;
}

export interface LineageEntry {
  kind: 'export' | 'actuator';
  /** The export URL, or the actuator's clientid. */
  sink: string;
  /** clientids of the datasources whose data can reach the sink. */
  sources: string[];
  /** An export to a private destination: only the box's noisy report of the data leaves. */
  private?: true;
}

export interface Manifest {
  'manifest-version': number;
  name: string;
  'databox-type': 'app' | 'driver';
  version: string;
  description: string;
  author: string;
  license: string;
  tags: string[];
  displayName?: string;
  homepage?: string;
  repository?: { type: string; url: string };
  datasources: ManifestDatasource[];
  'export-whitelist': ManifestExport[];
  'external-whitelist'?: ManifestExternal[];
  'resource-requirements': { store?: 'core-store' };
  provides?: ManifestProvides[];
  lineage: LineageEntry[];
  /** The flow runtime image version the app was built for. */
  'runtime-version'?: string;
  publisher?: string;
  signature?: string;
}

/** Valid app/driver names: one lower-case word; it becomes a container, network and host name. */
export const APP_NAME = /^[a-z][a-z0-9-]{0,62}$/;
