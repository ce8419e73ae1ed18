/**
 * The production dependency closure of some packages, resolved the way Node does (the
 * package's own `node_modules`, then the folder it is installed in, then each parent's
 * `node_modules`). Pure over an injected view of the installed tree, so it is tested without
 * a disk.
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

/**
 * Where `name` resolves from the package in `fromDir`. After the package's own node_modules,
 * its siblings: the folder it is installed in, whatever that folder is called (a
 * `databox build --modules <dir>` folder is a node_modules folder by another name); for a
 * folder named node_modules this is where Node looks next anyway.
 *
 * @example resolvePackageDir('ws', '/r/node_modules/a', '/r', tree) // '/r/node_modules/ws'
 */
export function resolvePackageDir(name: string, fromDir: string, root: string, tree: InstalledTree): string | undefined {
  const own = path.join(fromDir, 'node_modules', name);
  if (tree.exists(own)) return own;
  const installedIn = path.basename(path.dirname(fromDir)).startsWith('@') ? path.dirname(path.dirname(fromDir)) : path.dirname(fromDir);
  const sibling = path.join(installedIn, name);
  if (tree.exists(sibling)) return sibling;
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (tree.exists(candidate)) return candidate;
    if (dir === root || path.dirname(dir) === dir) return undefined;
    dir = path.dirname(dir);
  }
}

/** Names never followed: a set, or a test (e.g. every `@node-red/*` package). */
export type Excluded = ReadonlySet<string> | ((name: string) => boolean);

export function dependencyClosure(roots: readonly string[], root: string, tree: InstalledTree, exclude: Excluded = new Set()): Closure {
  const excluded = typeof exclude === 'function' ? exclude : (name: string) => exclude.has(name);
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
        if (excluded(name)) continue;
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
