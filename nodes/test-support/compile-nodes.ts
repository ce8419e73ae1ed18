/**
 * Builds the node module the way `npm run build` does, but only the nodes (and the core
 * files they import) and into a folder of the caller's choosing, so a test or benchmark runs
 * the compiled module without depending on every other part of the repository compiling.
 *
 * @example
 * const moduleDir = await compileNodes(await mkdtemp(path.join(os.tmpdir(), 'nodes-')));
 * // moduleDir = <dir>/dist/nodes, holding package.json, the .js/.html pairs and icons/
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');

export async function compileNodes(into: string): Promise<string> {
  const outDir = path.join(into, 'dist');
  await run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'nodes/tsconfig.build.json'), '--outDir', outDir], { cwd: root });
  await run(process.execPath, [path.join(root, 'scripts/copy-assets.js'), '--out', outDir, 'nodes'], { cwd: root });
  return path.join(outDir, 'nodes');
}
