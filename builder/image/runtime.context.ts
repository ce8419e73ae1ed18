/**
 * The build context of `databox/flow-runtime`, staged from this repository: the Dockerfile
 * (runtime/Dockerfile), a minimal package.json, the compiled `dist/{core,nodes,runtime}`,
 * and the production dependency closure of what the runtime loads (Node-RED, Express, ws,
 * Chart.js, and the node module's own dependencies). Not staged: dev tools, dockerode,
 * better-sqlite3, and Node-RED's editor (the runtime is headless).
 *
 * @example
 * const { entries } = runtimeContext('/work/main', '0.1.0');
 */
import fs from 'node:fs';
import path from 'node:path';
import { DataboxError } from '../../core/errors';
import { filesUnder, installedTree } from './context.files';
import type { ContextEntry } from './context.types';
import { dependencyClosure, stagedModulePath } from './dependency.closure';

/** Packages the launcher and the Databox nodes load at run time. */
export const RUNTIME_PACKAGES = ['node-red', 'express', 'ws', 'chart.js'] as const;
/** Parts of Node-RED a headless runtime never loads: the editor (34 MB) and the admin CLI. */
export const HEADLESS_EXCLUDED = new Set(['@node-red/editor-client', 'node-red-admin']);
const DIST_PARTS = ['core', 'nodes', 'runtime'] as const;
const SKIP_SUFFIXES = ['.map', '.d.ts', '.test.js', 'tsconfig.build.json'];
/** Test helpers and fixtures compiled into dist/ never run in an app. */
const SKIP_DIRS = ['fixtures', 'test-fixtures', 'test-support'];

export interface RuntimeContext {
  entries: ContextEntry[];
  packages: number;
  bytes: number;
}

export function runtimeContext(root: string, version: string): RuntimeContext {
  const launcher = path.join(root, 'dist', 'runtime', 'launcher', 'main.js');
  if (!fs.existsSync(launcher) || !fs.existsSync(path.join(root, 'dist', 'nodes', 'package.json'))) {
    throw new DataboxError('runtime-not-built', 'The compiled runtime (dist/runtime, dist/nodes) is missing.', {
      status: 409, hint: 'Run `npm run build` first.' });
  }
  const nodesPackage = installedTree.dependencies(path.join(root, 'dist', 'nodes'));
  const roots = [...RUNTIME_PACKAGES, ...(nodesPackage?.required ?? [])].map((name) => path.join(root, 'node_modules', name));
  const closure = dependencyClosure(roots, root, installedTree, HEADLESS_EXCLUDED);
  if (closure.missing.length > 0) {
    const first = closure.missing[0];
    throw new DataboxError('runtime-deps-missing', `${closure.missing.length} runtime dependencies are not installed (first: ${first?.name} for ${first?.from}).`, {
      status: 409, hint: 'Run `npm ci` so node_modules is complete.' });
  }
  const packageJson = { name: 'databox-flow-runtime', version, private: true, license: 'MIT', description: 'Databox flow runtime (staged by builder/image)' };
  const entries: ContextEntry[] = [
    { name: 'Dockerfile', mode: 0o644, content: fs.readFileSync(path.join(root, 'runtime', 'Dockerfile')) },
    { name: 'package.json', mode: 0o644, content: Buffer.from(`${JSON.stringify(packageJson, null, 2)}\n`) },
  ];
  for (const part of DIST_PARTS) entries.push(...filesUnder(path.join(root, 'dist', part), `dist/${part}`, { skipSuffixes: SKIP_SUFFIXES, skipDirs: SKIP_DIRS }));
  for (const dir of closure.dirs) entries.push(...filesUnder(dir, stagedModulePath(dir, root), { skipSuffixes: ['.map', '.d.ts'] }));
  const bytes = entries.reduce((total, entry) => total + ('content' in entry ? entry.content.length : entry.size), 0);
  return { entries, packages: closure.dirs.length, bytes };
}
