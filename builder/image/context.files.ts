/**
 * Reads the host side of a build context: the installed package tree (for the dependency
 * closure) and the regular files under a folder, as context entries. Symlinks, sockets and
 * nested `node_modules` are left out (the closure decides which packages go in).
 *
 * @example
 * const entries = filesUnder('/repo/dist/nodes', 'dist/nodes');
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ContextEntry } from './context.types';
import type { InstalledTree } from './dependency.closure';

export const installedTree: InstalledTree = {
  dependencies(dir) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(dir, 'package.json'), 'utf8');
    } catch {
      return undefined;
    }
    const pkg: unknown = JSON.parse(text);
    const names = (field: string): string[] => {
      const value = typeof pkg === 'object' && pkg !== null ? (pkg as Record<string, unknown>)[field] : undefined;
      return typeof value === 'object' && value !== null ? Object.keys(value) : [];
    };
    return { required: names('dependencies'), optional: names('optionalDependencies') };
  },
  exists: (dir) => fs.existsSync(path.join(dir, 'package.json')),
};

export interface FileFilter {
  /** File name endings to leave out, e.g. `.map`. */
  skipSuffixes?: readonly string[];
  /** Keep nested `node_modules` folders (a module staged whole, as npm installed it). */
  nestedModules?: boolean;
  /** Folder names to leave out anywhere below, e.g. `fixtures`. */
  skipDirs?: readonly string[];
}

export function filesUnder(dir: string, prefix: string, filter: FileFilter = {}): ContextEntry[] {
  const entries: ContextEntry[] = [];
  const walk = (abs: string, rel: string) => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const childAbs = path.join(abs, entry.name);
      const childRel = `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if ((filter.nestedModules || entry.name !== 'node_modules') && entry.name !== '.git' && !(filter.skipDirs ?? []).includes(entry.name)) walk(childAbs, childRel);
      } else if (entry.isFile() && !(filter.skipSuffixes ?? []).some((s) => entry.name.endsWith(s))) {
        const stat = fs.statSync(childAbs);
        entries.push({ name: childRel, mode: stat.mode & 0o111 ? 0o755 : 0o644, file: childAbs, size: stat.size });
      }
    }
  };
  walk(dir, prefix);
  return entries;
}
