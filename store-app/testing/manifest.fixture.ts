/** Manifests and version records for tests and benchmarks (no I/O). */
import type { Manifest } from '../../core/manifest/manifest.types';
import type { VersionRecord } from '../domain/app-store.types';

/**
 * A valid app manifest that reads loadavg1 and sends it to an https URL; override any field.
 *
 * @example
 * const m = sampleManifest({ name: 'loadmon', version: '1.1.0' });
 */
export function sampleManifest(overrides: Partial<Manifest> = {}): Manifest {
  return {
    'manifest-version': 1,
    name: 'loadmon',
    'databox-type': 'app',
    version: '1.0.0',
    description: 'Watches the host load and reports it',
    author: 'alice',
    license: 'MIT',
    tags: ['monitoring', 'host'],
    displayName: 'Load monitor',
    datasources: [{ clientid: 'load', type: 'loadavg1', required: true }],
    'export-whitelist': [{ url: 'https://example.org/ingest', description: 'the load readings, each minute' }],
    'resource-requirements': {},
    lineage: [{ kind: 'export', sink: 'https://example.org/ingest', sources: ['load'] }],
    ...overrides,
  };
}

/** A version record as the publish service would make it (hashes and signature are fake). */
export function sampleVersion(manifest: Manifest, overrides: Partial<VersionRecord> = {}): VersionRecord {
  return {
    app: manifest.name,
    version: manifest.version,
    channel: 'stable',
    changelog: `Version ${manifest.version}`,
    publisher: 'alice',
    manifest,
    size: 1234,
    contentHash: 'c'.repeat(64),
    blobHash: `${manifest.name}-${manifest.version}`.padEnd(64, '0').slice(0, 64),
    signature: 'c2ln',
    publicKey: 'key-alice',
    review: 'open',
    reviewedBy: null,
    yanked: false,
    publishedAt: new Date().toISOString(),
    ...overrides,
  };
}
