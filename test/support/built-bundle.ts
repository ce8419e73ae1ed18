/**
 * Bundles as `databox build` writes them, for tests of the parts that receive bundles (the
 * bundle format, the app store, the box): compiled by the real builder from the examples,
 * never written by hand.
 *
 * @example
 * const bundle = builtBundle({ name: 'demo', version: '1.2.0' });   // examples/host-load as "demo"
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Bundle } from '../../core/bundle';
import { compile, type CompileOptions } from '../../builder/compile';
import { scanNodeModules } from '../../builder/modules/modules.scan';

const ROOT = path.resolve(__dirname, '..', '..');

/** The example flows shipped in examples/<name>/flows.json. */
export function exampleNames(): string[] {
  return readdirSync(path.join(ROOT, 'examples'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(ROOT, 'examples', entry.name, 'flows.json')))
    .map((entry) => entry.name).sort();
}

export function exampleFlows(name = 'host-load'): unknown {
  return JSON.parse(readFileSync(path.join(ROOT, 'examples', name, 'flows.json'), 'utf8'));
}

/** The bundle the builder makes from an example (default host-load), as a plain Bundle. */
export function builtBundle(options: CompileOptions & { example?: string } = {}): Bundle {
  const { example, ...compileOptions } = options;
  return compile(exampleFlows(example), undefined, compileOptions);
}

/** An app described by what it reads, acts on and sends where: made into a real flow. */
export interface AppSpec {
  name: string;
  version: string;
  /** The tab label (the manifest's displayName); default: the name. */
  label?: string;
  description?: string;
  tags?: string[];
  sources?: { clientid: string; type: string; required?: boolean }[];
  /** Each export and the clientids wired into it. */
  exports?: { url: string; description?: string; from: string[] }[];
  actuators?: { clientid: string; type: string; from: string[] }[];
  /** Adds an app data node (the app gets its own datastore). */
  ownData?: boolean;
}

/**
 * The flow a developer would wire for `spec` (datasource -> export / actuator), compiled by
 * the real builder: the manifest, lineage and Dockerfile are derived, not written.
 *
 * @example
 * specBundle({ name: 'loadmon', version: '1.0.0', sources: [{ clientid: 'load', type: 'loadavg1' }],
 *   exports: [{ url: 'https://example.org/ingest', from: ['load'] }] });
 */
export function specBundle(spec: AppSpec): Bundle {
  return builtFrom(specFlows(spec), spec);
}

export function specFlows(spec: AppSpec): unknown[] {
  const tab = 'tab-app';
  const exports = (spec.exports ?? []).map((e, i) => ({ ...e, id: `export-${i}` }));
  const actuators = (spec.actuators ?? []).map((a) => ({ ...a, id: `act-${a.clientid}` }));
  const targets = (clientid: string): string[] => [
    ...exports.filter((e) => e.from.includes(clientid)).map((e) => e.id),
    ...actuators.filter((a) => a.from.includes(clientid)).map((a) => a.id),
  ];
  let y = 40;
  const at = () => ({ x: 200, y: (y += 60) });
  return [
    { id: tab, type: 'tab', label: spec.label ?? spec.name, info: spec.description ?? '' },
    ...(spec.sources ?? []).map((s) => ({
      id: `ds-${s.clientid}`, type: 'databox-datasource', z: tab, datasourceType: s.type, clientid: s.clientid,
      mode: 'observe', required: s.required ?? true, ...at(), wires: [targets(s.clientid)],
    })),
    ...exports.map((e) => ({ id: e.id, type: 'databox-export', z: tab, url: e.url, description: e.description ?? '', ...at(), wires: [[]] })),
    ...actuators.map((a) => ({ id: a.id, type: 'databox-actuator', z: tab, datasourceType: a.type, clientid: a.clientid, ...at(), wires: [] })),
    ...(spec.ownData ? [{ id: 'own-data', type: 'databox-store', z: tab, datasourceId: 'results', operation: 'write', ...at(), wires: [[]] }] : []),
  ];
}

function builtFrom(flows: unknown, spec: AppSpec): Bundle {
  return compile(flows, undefined, {
    name: spec.name, version: spec.version, author: 'tests', license: 'MIT',
    ...(spec.description ? { description: spec.description } : {}), ...(spec.tags ? { tags: spec.tags } : {}),
  });
}

/** Every builder fixture (builder/fixtures/<case>) that builds, compiled as its expected.json says. */
export async function builtFixtureBundles(): Promise<{ name: string; bundle: Bundle }[]> {
  const dir = path.join(ROOT, 'builder', 'fixtures');
  const out: { name: string; bundle: Bundle }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('_')) continue;
    const expected = JSON.parse(readFileSync(path.join(dir, entry.name, 'expected.json'), 'utf8'));
    if (expected.errors) continue;
    const modules = expected.modules ? await scanNodeModules([path.resolve(dir, entry.name, expected.modules)]) : new Map();
    const flows = JSON.parse(readFileSync(path.join(dir, entry.name, 'flows.json'), 'utf8'));
    out.push({ name: entry.name, bundle: compile(flows, expected.tab, { ...expected.options, modules }) });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The bundle the builder makes of builder/fixtures/third-party-module: a flow that uses a
 * third-party node module (node-red-contrib-databox-fixture, which needs fixture-helper), so
 * the bundle carries both as module tarballs.
 *
 * @example
 * const bundle = await moduleBundle({ name: 'shouting', version: '1.0.0' });
 * bundle.modules?.map((m) => m.file) // ['modules/fixture-helper-0.2.1.tgz', 'modules/node-red-contrib-databox-fixture-1.4.2.tgz']
 */
export async function moduleBundle(options: Omit<CompileOptions, 'modules'> = {}): Promise<Bundle> {
  const fixture = path.join(ROOT, 'builder', 'fixtures', 'third-party-module');
  const flows = JSON.parse(readFileSync(path.join(fixture, 'flows.json'), 'utf8'));
  return compile(flows, undefined, { ...options, modules: await scanNodeModules([path.join(ROOT, 'builder', 'fixtures', '_modules')]) });
}
