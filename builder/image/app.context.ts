/**
 * The build context of an app image, from its bundle: the bundle's files (serialized as the
 * bundle format does) and the third-party node modules the flow uses under `node_modules/`.
 * The bundle passes the one validator first (core/bundle), so the only Dockerfile an app image
 * is built from is the one the builder generates. Pure but for reading the module folders.
 *
 * @example
 * const { entries, runtimeImage } = appContext(compile(flows, 'Host load'));
 */
import { bundleFiles, checkBundle, RUNTIME_IMAGE, runtimeVersionOf, type Bundle } from '../../core/bundle';
import { DataboxError } from '../../core/errors';
import { moduleEntries } from './app.modules';
import type { ContextEntry } from './context.types';

export interface AppBundleInput extends Bundle {
  /** Installed third-party node modules to stage into `node_modules/<module>`. */
  modules?: { module: string; dir: string }[];
}

export interface AppContext {
  entries: ContextEntry[];
  /** `databox/flow-runtime:<runtime-version>`, the image the app builds on. */
  runtimeImage: string;
  runtimeVersion: string;
}

export function appContext(input: AppBundleInput): AppContext {
  const { modules, ...bundle } = input;
  checkBundle(bundle);
  const entries: ContextEntry[] = bundleFiles(bundle)
    .filter((file) => file.name !== 'README.md')
    .map((file) => ({ name: file.name, mode: 0o644, content: file.data }));
  if (modules && modules.length > 0) entries.push(...moduleEntries(modules));
  const names = new Set<string>();
  for (const entry of entries) {
    if (names.has(entry.name)) throw new DataboxError('image-context-duplicate', `"${entry.name}" is in the app image twice.`, { status: 400 });
    names.add(entry.name);
  }
  const runtimeVersion = runtimeVersionOf(bundle.manifest);
  return { entries, runtimeImage: `${RUNTIME_IMAGE}:${runtimeVersion}`, runtimeVersion };
}
