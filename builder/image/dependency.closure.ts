/**
 * The production dependency closure of some packages, resolved the way Node does (the
 * package's own `node_modules`, then each parent's). Pure over an injected view of the
 * installed tree, so it is tested without a disk.
 *
 * @example
 * dependencyClosure(['/repo/node_modules/ws'], tree) // ['/repo/node_modules/ws']
 */
import path from 'node:path';

export interface InstalledTree {
  /** The package's dependencies and optional dependencies by name, or undefined if not a package. */
  dependencies(dir: string): { required: string[]; optional: string[] } | undefined;
  exists(dir: string): boolean;
}

export interface Closure {
  dirs: string[];
  /** Required dependencies that are not installed: a broken install. */
  missing: { from: string; name: string }[];
}

/** @example resolvePackageDir('ws', '/r/node_modules/a', '/r', tree) // '/r/node_modules/ws' */
export function resolvePackageDir(name: string, fromDir: string, root: string, tree: InstalledTree): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (tree.exists(candidate)) return candidate;
    if (dir === root || path.dirname(dir) === dir) return undefined;
    dir = path.dirname(dir);
  }
}

export function dependencyClosure(roots: readonly string[], root: string, tree: InstalledTree, exclude: ReadonlySet<string> = new Set()): Closure {
  const seen = new Set<string>();
  const missing: Closure['missing'] = [];
  const queue = [...roots];
  while (queue.length > 0) {
    const dir = queue.shift() ?? '';
    if (seen.has(dir)) continue;
    const deps = tree.dependencies(dir);
    if (!deps) {
      missing.push({ from: root, name: dir });
      continue;
    }
    seen.add(dir);
    for (const [names, required] of [[deps.required, true], [deps.optional, false]] as const) {
      for (const name of names) {
        if (exclude.has(name)) continue;
        const found = resolvePackageDir(name, dir, root, tree);
        if (found) queue.push(found);
        else if (required) missing.push({ from: dir, name });
      }
    }
  }
  return { dirs: [...seen].sort(), missing };
}

/**
 * Where a package goes in a staged `node_modules`: its path from the install's first
 * `node_modules`, so nested versions keep resolving as they did.
 *
 * @example
 * stagedModulePath('/repo/node_modules/a/node_modules/b', '/repo') // 'node_modules/a/node_modules/b'
 */
export function stagedModulePath(dir: string, root: string): string {
  const relative = path.relative(root, dir).split(path.sep).join('/');
  if (!relative.startsWith('node_modules/')) throw new Error(`${dir} is not inside ${root}/node_modules`);
  return relative;
}
