/**
 * Which node types a Node-RED node module registers, read from its sources without running
 * them: `RED.nodes.registerType("<type>", ...)` calls with a literal type, in the runtime
 * `.js` files and the editor `.html` files. Pure.
 *
 * @example
 * registeredTypes('RED.nodes.registerType("moment", MomentNode);') // ['moment']
 */

const REGISTER = /registerType\(\s*(['"`])([^'"`\n]{1,200})\1/g;

/** Modules whose nodes are never third-party: Node-RED itself and the Databox node set. */
export const BUILT_IN_MODULES: ReadonlySet<string> = new Set(['node-red', 'node-red-contrib-databox']);

/**
 * @example
 * isBuiltInModule('@node-red/nodes') // true
 */
export function isBuiltInModule(name: string): boolean {
  return BUILT_IN_MODULES.has(name) || name.startsWith('@node-red/');
}

export function registeredTypes(source: string): string[] {
  return [...new Set([...source.matchAll(REGISTER)].map((m) => m[2] ?? '').filter((t) => t !== ''))].sort();
}

/**
 * The node files a package declares in `node-red.nodes`, or undefined when it is no node module.
 *
 * @example
 * nodeFilesOf({ 'node-red': { nodes: { upper: 'upper.js' } } }) // ['upper.js']
 */
export function nodeFilesOf(packageJson: unknown): string[] | undefined {
  if (typeof packageJson !== 'object' || packageJson === null || !('node-red' in packageJson)) return undefined;
  const nodeRed = packageJson['node-red'];
  if (typeof nodeRed !== 'object' || nodeRed === null || !('nodes' in nodeRed)) return undefined;
  const nodes = nodeRed.nodes;
  if (typeof nodes !== 'object' || nodes === null) return undefined;
  return Object.values(nodes).filter((file): file is string => typeof file === 'string');
}
