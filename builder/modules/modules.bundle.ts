/**
 * The third-party modules a flow uses, as the bundle carries them (decision 0015): each used
 * module and every package in its production dependency closure (resolved the way Node does:
 * builder/image/dependency.closure.ts; Node-RED and the Databox nodes are the runtime's and
 * never packed), each packed from its installed folder into `modules/<name>-<version>.tgz`,
 * and the listing package.json gets (file, name, version, sha512 integrity). A box installs
 * them all side by side in /app/node_modules, so each package must be needed at one version.
 * Reads the module folders (synchronously); everything else is pure.
 *
 * @example
 * const { modules, listing } = bundleModules(usedModules);
 * listing[0] // { file: 'modules/fixture-helper-0.2.1.tgz', name: 'fixture-helper', version: '0.2.1', integrity: 'sha512-...' }
 */
import fs from 'node:fs';
import path from 'node:path';
import { moduleIntegrity, moduleTarballPath, type BundleModule, type BundleModuleListing } from '../../core/bundle';
import { DataboxError } from '../../core/errors';
import { installedTree } from '../image/context.files';
import { dependencyClosure } from '../image/dependency.closure';
import { isBuiltInModule } from './modules.registry';
import { packModuleDir } from './module.pack';
import type { NodeModuleRef } from './modules.types';

export interface BundledModules {
  modules: BundleModule[];
  listing: BundleModuleListing[];
}

export function bundleModules(used: readonly NodeModuleRef[]): BundledModules {
  if (used.length === 0) return { modules: [], listing: [] };
  const roots = used.map((ref) => fs.realpathSync(ref.dir));
  const closure = dependencyClosure(roots, path.parse(roots[0] ?? '/').root, installedTree, isBuiltInModule);
  const first = closure.missing[0];
  if (first) {
    throw new DataboxError('module-dependency-missing', `${first.from} needs ${first.name}, which is not installed`, {
      hint: `Run npm install where the module is installed (${path.dirname(first.from)}), then build again`,
    });
  }
  const byName = new Map<string, { version: string; dir: string }>();
  for (const dir of closure.dirs) {
    const { name, version } = packageOf(dir);
    const seen = byName.get(name);
    if (seen && seen.version !== version) {
      throw new DataboxError('module-version-conflict', `${name} is needed at two versions: ${seen.version} (${seen.dir}) and ${version} (${dir}); a bundle installs one version of each package`, {
        hint: 'Make the modules agree on one version (npm dedupe, or update the module that needs the other one), then build again',
      });
    }
    if (!seen) byName.set(name, { version, dir });
  }
  const packed = [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, { version, dir }]) => {
    const data = packModuleDir(dir);
    return { listing: { file: moduleTarballPath(name, version), name, version, integrity: moduleIntegrity(data) }, data };
  });
  const files = new Set<string>();
  for (const { listing } of packed) {
    if (files.has(listing.file)) {
      throw new DataboxError('module-file-conflict', `two modules would be packed as ${listing.file} (a scoped and an unscoped name that read the same)`, {
        hint: 'Use only one of the two packages in the flow\'s modules',
      });
    }
    files.add(listing.file);
  }
  return {
    modules: packed.map(({ listing, data }) => ({ file: listing.file, data })).sort((a, b) => (a.file < b.file ? -1 : 1)),
    listing: packed.map(({ listing }) => listing),
  };
}

/** The package's name and version from its package.json; the name must be the one it is installed (and required) as. */
function packageOf(dir: string): { name: string; version: string } {
  const parsed: unknown = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const record: Record<string, unknown> = typeof parsed === 'object' && parsed !== null ? { ...parsed } : {};
  const name = typeof record.name === 'string' ? record.name : '';
  const version = typeof record.version === 'string' ? record.version : '';
  const parent = path.basename(path.dirname(dir));
  const installedAs = parent.startsWith('@') ? `${parent}/${path.basename(dir)}` : path.basename(dir);
  if (name !== installedAs || version === '') {
    throw new DataboxError('module-not-packable', `${dir} is installed as ${installedAs} but its package.json says ${name || 'no name'} ${version || 'and no version'}`, {
      hint: 'Install the module under its own name (npm aliases are not supported in a bundle), then build again',
    });
  }
  return { name, version };
}
