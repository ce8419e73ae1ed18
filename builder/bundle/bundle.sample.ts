/**
 * A small valid bundle for tests (here and in other parts: the store, the box).
 *
 * @example
 * const tarball = packBundle(sampleBundle({ name: 'demo' }));
 */
import type { Bundle } from './bundle.types';

export function sampleBundle(options: { name?: string; version?: string } = {}): Bundle {
  const name = options.name ?? 'sample-app';
  const version = options.version ?? '1.0.0';
  return {
    manifest: {
      'manifest-version': 1, name, 'databox-type': 'app', version,
      description: 'A sample app', author: 'tests', license: 'MIT', tags: ['sample'],
      datasources: [{ clientid: 'load', type: 'loadavg1', required: true }],
      'export-whitelist': [{ url: 'https://example.org/ingest', description: 'load summary' }],
      'resource-requirements': {},
      lineage: [{ kind: 'export', sink: 'https://example.org/ingest', sources: ['load'] }],
      'runtime-version': '0.1.0',
    },
    dockerfile: 'FROM databox/flow-runtime:0.1.0\nCOPY flows.json package.json databox-manifest.json /app/\n',
    flows: [
      { id: 'tab1', type: 'tab', label: name },
      { id: 'ds1', type: 'databox-datasource', z: 'tab1', datasourceType: 'loadavg1', clientid: 'load', mode: 'observe', wires: [['ex1']] },
      { id: 'ex1', type: 'databox-export', z: 'tab1', url: 'https://example.org/ingest', wires: [[]] },
    ],
    packageJson: { name, version, private: true, dependencies: {} },
  };
}
