/**
 * Stages the third-party node modules a flow uses into `<out>/node_modules/`, with their
 * production dependencies (found the way Node resolves them, walking up from each module),
 * so the image build COPYs them and never runs npm (decision 0004). Links are copied as the
 * files they point to. An existing node_modules/ is replaced only if a build staged it.
 *
 * @example
 * await stageModules(app.modules, './host-load'); // ./host-load/node_modules/<module>/...
 */
import { cp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DataboxError } from '../../core/errors';
import type { NodeModuleRef } from './modules.types';
import { isBuiltInModule } from './modules.registry';

/** Written into a node_modules/ this module staged: only such a folder is ever replaced. */
export const STAGED_MARKER = '.databox-staged';

export async function stageModules(modules: readonly NodeModuleRef[], outDir: string): Promise<string[]> {
  const target = join(outDir, 'node_modules');
  if (await stat(target).then(() => true, () => false)) {
    if (!(await stat(join(target, STAGED_MARKER)).then(() => true, () => false))) {
      throw new DataboxError('out-has-node-modules', `${target} exists and was not staged by databox build; it is left alone`, {
        hint: 'Build into a new or empty folder (--out), or one a previous build wrote',
      });
    }
    await rm(target, { recursive: true, force: true });
  }
  if (modules.length === 0) return [];
  const staged = new Map<string, string>();
  const queue: { name: string; dir: string }[] = modules.map((m) => ({ name: m.module, dir: m.dir }));
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (staged.has(next.name)) continue;
    staged.set(next.name, next.dir);
    await cp(next.dir, join(target, next.name), { recursive: true, dereference: true, filter: (src) => !src.split(/[\\/]/).includes('.git') });
    for (const dependency of await dependenciesOf(next.dir)) {
      if (isBuiltInModule(dependency) || staged.has(dependency)) continue;
      const dir = await locate(dependency, next.dir);
      if (!dir) {
        throw new DataboxError('module-dependency-missing', `${next.name} needs ${dependency}, which is not installed`, {
          hint: `Run npm install where the module is installed (${dirname(next.dir)}), then build again`,
        });
      }
      queue.push({ name: dependency, dir });
    }
  }
  await writeFile(join(target, STAGED_MARKER), 'Staged by `databox build`: replaced on every build.\n');
  return [...staged.keys()].sort();
}

async function dependenciesOf(dir: string): Promise<string[]> {
  const parsed: unknown = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || !('dependencies' in parsed)) return [];
  const deps = parsed.dependencies;
  return typeof deps === 'object' && deps !== null ? Object.keys(deps) : [];
}

/** Node's lookup: <dir>/node_modules/<name>, a sibling in the same modules folder, then each parent's node_modules. */
async function locate(name: string, from: string): Promise<string | undefined> {
  const exists = (dir: string) => stat(join(dir, 'package.json')).then(() => true, () => false);
  if (await exists(join(from, 'node_modules', name))) return join(from, 'node_modules', name);
  const modulesDir = basename(dirname(from)).startsWith('@') ? dirname(dirname(from)) : dirname(from);
  if (await exists(join(modulesDir, name))) return join(modulesDir, name);
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (await exists(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
