/**
 * Finds the third-party Node-RED node modules installed in node_modules directories: every
 * package whose package.json has `node-red.nodes`, with the types its node files register.
 * Reads files only inside each package (a node file path that leaves it is ignored).
 *
 * @example
 * const modules = await scanNodeModules(['./node_modules']);
 * modules.get('moment') // { module: 'node-red-contrib-moment', version: '5.0.0', dir, types }
 */
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { NodeModuleRef } from './modules.types';
import { isBuiltInModule, nodeFilesOf, registeredTypes } from './modules.registry';

export async function scanNodeModules(dirs: readonly string[]): Promise<Map<string, NodeModuleRef>> {
  const byType = new Map<string, NodeModuleRef>();
  for (const dir of dirs) {
    for (const ref of (await packagesIn(resolve(dir))).sort((a, b) => (a.module < b.module ? -1 : 1))) {
      for (const type of ref.types) if (!byType.has(type)) byType.set(type, ref);
    }
  }
  return byType;
}

async function packagesIn(dir: string): Promise<NodeModuleRef[]> {
  const found: NodeModuleRef[] = [];
  for (const entry of await list(dir)) {
    if (entry.startsWith('.')) continue;
    const candidates = entry.startsWith('@') ? (await list(join(dir, entry))).map((name) => join(dir, entry, name)) : [join(dir, entry)];
    for (const packageDir of candidates) {
      const ref = await readModule(packageDir);
      if (ref) found.push(ref);
    }
  }
  return found;
}

async function readModule(dir: string): Promise<NodeModuleRef | undefined> {
  let packageJson: unknown;
  try {
    packageJson = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const files = nodeFilesOf(packageJson);
  if (files === undefined || typeof packageJson !== 'object' || packageJson === null) return undefined;
  const name = 'name' in packageJson && typeof packageJson.name === 'string' ? packageJson.name : '';
  const version = 'version' in packageJson && typeof packageJson.version === 'string' ? packageJson.version : '';
  if (name === '' || version === '' || isBuiltInModule(name)) return undefined;
  const types = new Set<string>();
  for (const file of files) {
    const path = resolve(dir, file);
    if (relative(dir, path).startsWith('..') || !path.startsWith(dir + sep)) continue;
    for (const source of [path, path.replace(/\.js$/, '.html')]) {
      const text = await readFile(source, 'utf8').catch(() => '');
      registeredTypes(text).forEach((t) => types.add(t));
    }
  }
  return { module: name, version, dir, types: [...types].sort() };
}

async function list(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

/**
 * The node_modules folders a build looks in by default: beside the flows file, then the current folder's.
 *
 * @example
 * defaultModuleDirs('app/flows.json', '/work') // ['/work/app/node_modules', '/work/node_modules']
 */
export function defaultModuleDirs(flowsFile: string, cwd: string): string[] {
  return [...new Set([join(dirname(resolve(flowsFile)), 'node_modules'), join(resolve(cwd), 'node_modules')])];
}
