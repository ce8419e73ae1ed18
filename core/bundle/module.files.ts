/**
 * The files of a bundle's third-party modules as they are installed: each listed tarball
 * (sha512 checked against package.json) extracted in memory by the safe reader
 * (module.read.ts) to `node_modules/<package>/<path>`. What the image build puts into its
 * context, and what a box's process driver writes beside the app's flows.json. No network,
 * no npm, nothing written. Pure.
 *
 * @example
 * for (const file of moduleFilesFromTarballs(bundle)) console.log(file.name, file.mode.toString(8));
 * // node_modules/fixture-helper/index.js 644
 * // node_modules/fixture-helper/package.json 644 ...
 */
import { DataboxError } from '../errors';
import { BUNDLE_LIMITS, type BundleLimits } from './bundle.limits';
import { listedModules, listingProblem, verifiedTarball } from './bundle.modules';
import type { Bundle } from './bundle.types';
import { moduleBudget, readModuleTarball } from './module.read';

export interface InstalledModuleFile {
  /** `node_modules/<package>/<path inside the package>`. */
  name: string;
  /** 0o644, or 0o755 for an executable. */
  mode: number;
  content: Buffer;
}

export function moduleFilesFromTarballs(bundle: Pick<Bundle, 'packageJson' | 'modules'>, limits: Partial<BundleLimits> = {}): InstalledModuleFile[] {
  const limit = { ...BUNDLE_LIMITS, ...limits };
  // Safe on a bundle no validator has seen: the names that become paths are checked here too.
  const problem = listingProblem(bundle.packageJson.databox, limit.maxModules);
  if (problem !== undefined) {
    throw new DataboxError('bundle-package-invalid', `package.json ${problem}`, { hint: 'Rebuild the bundle with `databox build`, which lists every module tarball it packs' });
  }
  const data = new Map((bundle.modules ?? []).map((module) => [module.file, module.data]));
  const budget = moduleBudget(limit);
  const files: InstalledModuleFile[] = [];
  for (const entry of listedModules(bundle.packageJson)) {
    const { files: contents } = readModuleTarball(entry.file, verifiedTarball(entry, data.get(entry.file)), budget, limit.maxDepth);
    for (const file of contents) files.push({ name: `node_modules/${entry.name}/${file.path}`, mode: file.mode, content: file.data });
  }
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
