/**
 * The build context of an app image, from its bundle: the Dockerfile, `flows.json`,
 * `package.json`, `databox-manifest.json`, and the third-party node modules the flow uses
 * under `node_modules/` (given as files, or as installed module folders to stage). Pure but
 * for reading those module folders.
 *
 * @example
 * const { entries, dockerfile } = appContext({ manifest, dockerfile, flows, packageJson });
 */
import { DataboxError } from '../../core/errors';
import type { Flows } from '../../core/flow/flow.types';
import type { Manifest } from '../../core/manifest/manifest.types';
import { manifestError, validateManifest } from '../../core/manifest/manifest.validate';
import { checkAppDockerfile, type AppDockerfile } from './app.dockerfile';
import { moduleEntries } from './app.modules';
import { isSafeContextName, type ContextEntry } from './context.types';

export interface AppExtraFile {
  /** Name in the context, e.g. `node_modules/node-red-contrib-x/index.js`. */
  name: string;
  content: Buffer;
  mode?: number;
}

export interface AppBundleInput {
  manifest: Manifest;
  dockerfile: string;
  flows: Flows;
  packageJson: object;
  extraFiles?: AppExtraFile[];
  /** Installed third-party node modules to stage into `node_modules/<module>`. */
  modules?: { module: string; dir: string }[];
}

const BUNDLE_NAMES = new Set(['Dockerfile', 'flows.json', 'package.json', 'databox-manifest.json']);

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
}

export function appContext(bundle: AppBundleInput): { entries: ContextEntry[]; dockerfile: AppDockerfile } {
  const problems = validateManifest(bundle.manifest);
  if (problems.length > 0) throw manifestError(problems);
  if (!Array.isArray(bundle.flows)) {
    throw new DataboxError('bundle-flows-invalid', 'The bundle\'s flows are not a list of nodes.', { status: 400, hint: 'Rebuild the bundle with `databox build`.' });
  }
  const dockerfile = checkAppDockerfile(bundle.dockerfile);
  const entries: ContextEntry[] = [
    { name: 'Dockerfile', mode: 0o644, content: Buffer.from(bundle.dockerfile) },
    { name: 'databox-manifest.json', mode: 0o644, content: json(bundle.manifest) },
    { name: 'flows.json', mode: 0o644, content: json(bundle.flows) },
    { name: 'package.json', mode: 0o644, content: json(bundle.packageJson) },
  ];
  for (const file of bundle.extraFiles ?? []) {
    if (!isSafeContextName(file.name) || BUNDLE_NAMES.has(file.name)) {
      throw new DataboxError('image-context-path', `"${file.name}" cannot be added to an app image.`, {
        status: 400, hint: 'Extra files need relative names without ".." and must not replace the bundle\'s own files.' });
    }
    entries.push({ name: file.name, mode: file.mode === 0o755 ? 0o755 : 0o644, content: file.content });
  }
  if (bundle.modules && bundle.modules.length > 0) entries.push(...moduleEntries(bundle.modules));
  const names = new Set<string>();
  for (const entry of entries) {
    if (names.has(entry.name)) throw new DataboxError('image-context-duplicate', `"${entry.name}" is in the app image twice.`, { status: 400 });
    names.add(entry.name);
  }
  return { entries, dockerfile };
}
