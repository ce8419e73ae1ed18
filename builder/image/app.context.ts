/**
 * The build context of an app image, from its bundle: the bundle's files (serialized as the
 * bundle format does) and, under `node_modules/`, the files of its module tarballs as
 * installed (`moduleFilesFromTarballs`, decision 0015: extracted in memory by the bundle
 * format's safe reader; no npm, no network, no folder on disk). The bundle passes the one
 * validator first (core/bundle), so the only Dockerfile an app image is built from is the
 * one the builder generates. Pure.
 *
 * @example
 * const { entries, runtimeImage } = appContext(compile(flows, 'Host load'));
 */
import { bundleFiles, checkBundle, moduleFilesFromTarballs, RUNTIME_IMAGE, runtimeVersionOf, type Bundle } from '../../core/bundle';
import { DataboxError } from '../../core/errors';
import type { ContextEntry } from './context.types';

/** What an app image is built from: a bundle, its modules inside it. */
export type AppBundleInput = Bundle;

export interface AppContext {
  entries: ContextEntry[];
  /** `databox/flow-runtime:<runtime-version>`, the image the app builds on. */
  runtimeImage: string;
  runtimeVersion: string;
}

export function appContext(bundle: AppBundleInput): AppContext {
  checkBundle(bundle);
  const entries: ContextEntry[] = bundleFiles(bundle)
    .filter((file) => file.name !== 'README.md' && !file.name.startsWith('modules/'))
    .map((file) => ({ name: file.name, mode: 0o644, content: file.data }));
  entries.push(...moduleFilesFromTarballs(bundle));
  const names = new Set<string>();
  for (const entry of entries) {
    if (names.has(entry.name)) throw new DataboxError('image-context-duplicate', `"${entry.name}" is in the app image twice.`, { status: 400 });
    names.add(entry.name);
  }
  const runtimeVersion = runtimeVersionOf(bundle.manifest);
  return { entries, runtimeImage: `${RUNTIME_IMAGE}:${runtimeVersion}`, runtimeVersion };
}
