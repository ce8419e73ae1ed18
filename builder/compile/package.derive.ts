/**
 * The bundle's package.json: the app as a private npm package whose dependencies are the
 * third-party node modules the flow uses, at their installed versions, and (when there are
 * any) `databox.modules`: every module tarball the bundle carries, those modules and their
 * dependencies, with its sha512 (decision 0015). Pure.
 *
 * @example
 * derivePackageJson(manifest, [{ module: 'node-red-contrib-x', version: '1.2.3', dir: '/x', types: ['x'] }], listing)
 * // { name: 'host-load', version: '0.1.0', private: true, ..., dependencies: { 'node-red-contrib-x': '1.2.3' },
 * //   databox: { modules: [{ file: 'modules/node-red-contrib-x-1.2.3.tgz', name: 'node-red-contrib-x', version: '1.2.3', integrity: 'sha512-...' }] } }
 */
import type { Manifest } from '../../core/manifest/manifest.types';
import type { BundleModuleListing, BundlePackageJson } from '../../core/bundle/bundle.types';
import type { NodeModuleRef } from '../modules/modules.types';

export function derivePackageJson(manifest: Manifest, modules: readonly NodeModuleRef[], listing: readonly BundleModuleListing[] = []): BundlePackageJson {
  const dependencies: Record<string, string> = {};
  for (const m of [...modules].sort((a, b) => (a.module < b.module ? -1 : 1))) dependencies[m.module] = m.version;
  return {
    name: manifest.name,
    version: manifest.version,
    description: manifest.description,
    private: true,
    license: manifest.license,
    dependencies,
    ...(listing.length === 0 ? {} : { databox: { modules: [...listing].sort((a, b) => (a.file < b.file ? -1 : 1)) } }),
  };
}
