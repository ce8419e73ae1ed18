/**
 * The bundle's package.json: the app as a private npm package whose dependencies are the
 * third-party node modules the flow uses, at their installed versions. Pure.
 *
 * @example
 * derivePackageJson(manifest, [{ module: 'node-red-contrib-x', version: '1.2.3', dir: '/x', types: ['x'] }])
 * // { name: 'host-load', version: '0.1.0', private: true, ..., dependencies: { 'node-red-contrib-x': '1.2.3' } }
 */
import type { Manifest } from '../../core/manifest/manifest.types';
import type { BundlePackageJson } from '../../core/bundle/bundle.types';
import type { NodeModuleRef } from '../modules/modules.types';

export function derivePackageJson(manifest: Manifest, modules: readonly NodeModuleRef[]): BundlePackageJson {
  const dependencies: Record<string, string> = {};
  for (const m of [...modules].sort((a, b) => (a.module < b.module ? -1 : 1))) dependencies[m.module] = m.version;
  return {
    name: manifest.name,
    version: manifest.version,
    description: manifest.description,
    private: true,
    license: manifest.license,
    dependencies,
  };
}
