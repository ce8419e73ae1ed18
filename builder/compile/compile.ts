/**
 * Flow tab -> app bundle: one tab with the config nodes and subflows it uses, debug and
 * comment nodes stripped, empty clientids derived and written in, the manifest (with
 * lineage) derived from the Databox node descriptions, the Dockerfile and package.json, a
 * README.md from the tab's description when it has one, and the third-party modules the flow
 * uses packed with their dependencies as `modules/*.tgz` (decision 0015). Pure but for
 * reading the folders of the modules the flow uses.
 * Refuses with a BuildRefusedError listing every problem at once.
 *
 * @example
 * const app = compile(JSON.parse(readFileSync('flows.json', 'utf8')), 'Host load');
 * app.manifest.lineage // [{ kind: 'export', sink: 'https://...', sources: ['loadavg1_...'] }]
 */
import { DataboxError } from '../../core/errors';
import { stringProp } from '../../core/flow/flow.types';
import type { Manifest } from '../../core/manifest/manifest.types';
import { validateManifest } from '../../core/manifest/manifest.validate';
import { bundleModules } from '../modules/modules.bundle';
import type { NodeModuleRef } from '../modules/modules.types';
import { validateApp } from '../validate/validate.app';
import { nodeRef } from '../validate/validate.nodes';
import { appMetadata } from './app.metadata';
import { BuildRefusedError } from './build.refused';
import type { CompileOptions, CompiledApp } from './compile.types';
import { checkBundle, generateDockerfile, type Bundle } from '../../core/bundle';
import { subflowIdOf } from './flow.kinds';
import { bundleFlows } from './flow.strip';
import { parseFlows } from './flows.parse';
import { deriveManifest } from './manifest.derive';
import { derivePackageJson } from './package.derive';
import { RUNTIME_VERSION } from './runtime-version';
import { extractTab } from './tab.extract';
import { selectTab } from './tab.select';

export function compile(input: unknown, tabId?: string, options: CompileOptions = {}): CompiledApp {
  const { tab, flows: all } = selectTab(parseFlows(input), tabId);
  const { nodes } = extractTab(all, tab.id);
  const metadata = appMetadata(tab, options);
  const installed = options.modules ?? new Map<string, NodeModuleRef>();
  const problems = validateApp({ tab, nodes, name: metadata.name, modules: installed });
  const flows = bundleFlows(nodes);
  let manifest: Manifest | undefined;
  try {
    manifest = deriveManifest(flows, metadata, options.runtimeVersion ?? RUNTIME_VERSION);
  } catch (error) {
    if (!(error instanceof DataboxError)) throw error;
    problems.push(error);
  }
  if (manifest) {
    for (const p of validateManifest(manifest)) {
      if (p.field === 'name' || p.field.startsWith('export-whitelist') || p.field.startsWith('datasources')) continue;
      problems.push(new DataboxError('manifest-invalid', `the app's ${p.field} ${p.message}`, {
        hint: `Set it with --${p.field} or in the tab's environment variable "${p.field}"`, node: nodeRef(tab),
      }));
    }
  }
  if (problems.length > 0 || !manifest) throw new BuildRefusedError(problems, manifest);
  const used = usedModules(flows.map((n) => n.type), installed);
  const { modules, listing } = bundleModules(used);
  const info = stringProp(tab, 'info').trim();
  const bundle: Bundle = {
    manifest,
    dockerfile: generateDockerfile(manifest, { modules: modules.length > 0 }),
    flows,
    packageJson: derivePackageJson(manifest, used, listing),
    // The tab's description, for the store's app page.
    ...(info === '' ? {} : { readme: `# ${manifest.displayName ?? manifest.name}\n\n${info}\n` }),
    ...(modules.length === 0 ? {} : { modules }),
  };
  // The one validator the app store and the box run, on exactly what will be written: what
  // builds here publishes and installs.
  try {
    checkBundle(bundle);
  } catch (error) {
    if (error instanceof DataboxError) throw new BuildRefusedError([new DataboxError(error.code, error.message, { status: error.status, ...(error.hint ? { hint: error.hint } : {}), node: nodeRef(tab) })]);
    throw error;
  }
  return bundle;
}

function usedModules(types: string[], installed: ReadonlyMap<string, NodeModuleRef>): NodeModuleRef[] {
  const used = new Map<string, NodeModuleRef>();
  for (const type of types) {
    const ref = subflowIdOf({ id: '', type }) === undefined ? installed.get(type) : undefined;
    if (ref) used.set(ref.module, ref);
  }
  return [...used.values()].sort((a, b) => (a.module < b.module ? -1 : 1));
}
