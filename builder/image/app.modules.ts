/**
 * The third-party node modules of an app, as build-context entries under `node_modules/`:
 * each module folder whole, plus its production dependencies (found the way Node resolves
 * them) each at `node_modules/<name>`, the layout `databox build` stages in a bundle folder.
 *
 * @example
 * moduleEntries([{ module: 'node-red-contrib-x', dir: '/flows/node_modules/node-red-contrib-x' }])
 */
import path from 'node:path';
import { DataboxError } from '../../core/errors';
import { filesUnder, installedTree } from './context.files';
import type { ContextEntry } from './context.types';
import { dependencyClosure } from './dependency.closure';

const MODULE_NAME = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;

/** @example packageNameOf('/x/node_modules/@scope/pkg') // '@scope/pkg' */
export function packageNameOf(dir: string): string {
  const parts = dir.split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  const rest = at >= 0 ? parts.slice(at + 1) : parts.slice(-1);
  return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : rest[0] ?? '';
}

export function moduleEntries(modules: readonly { module: string; dir: string }[]): ContextEntry[] {
  const staged = new Map<string, string>();
  for (const module of modules) {
    if (!MODULE_NAME.test(module.module)) {
      throw new DataboxError('image-module-name', `"${module.module}" is not an npm package name.`, { status: 400, hint: 'Stage modules by their npm name.' });
    }
    if (!staged.has(module.module)) staged.set(module.module, path.resolve(module.dir));
  }
  const roots = [...staged.values()];
  const closure = dependencyClosure(roots, path.parse(roots[0] ?? '/').root, installedTree);
  if (closure.missing.length > 0) {
    const first = closure.missing[0];
    throw new DataboxError('module-dependency-missing', `${first?.from} needs ${first?.name}, which is not installed.`, {
      status: 409, hint: 'Run npm install where the module is installed, then build again.' });
  }
  for (const dir of closure.dirs) {
    const name = packageNameOf(dir);
    if (MODULE_NAME.test(name) && !staged.has(name)) staged.set(name, dir);
  }
  return [...staged.entries()].sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([name, dir]) => filesUnder(dir, `node_modules/${name}`, { nestedModules: true }));
}
