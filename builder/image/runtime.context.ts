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
  const nodesPackage = fs.existsSync(path.join(root, 'dist', 'nodes', 'package.json')) ? installedTree.dependencies(path.join(root, 'dist', 'nodes')) : undefined;
  return stagedContext(root, version, {
    name: 'databox-flow-runtime', dockerfile: path.join('runtime', 'Dockerfile'), entry: path.join('runtime', 'launcher', 'main.js'),
    distParts: DIST_PARTS, packages: [...RUNTIME_PACKAGES, ...(nodesPackage?.required ?? [])], excluded: HEADLESS_EXCLUDED,
  });
}

/** What a staged image holds: its Dockerfile, the compiled parts of dist/ and the production closure of some packages. */
export interface StagedImageSpec {
  name: string;
  /** The Dockerfile, relative to the repository root. */
  dockerfile: string;
  /** A compiled file that must exist (relative to dist/), else the build says to run `npm run build`. */
  entry: string;
  distParts: readonly string[];
  packages: readonly string[];
  excluded?: ReadonlySet<string>;
  /** More files for the context (an empty folder to own, say). */
  extra?: readonly ContextEntry[];
}

export function stagedContext(root: string, version: string, spec: StagedImageSpec): RuntimeContext {
  if (!fs.existsSync(path.join(root, 'dist', spec.entry))) {
    throw new DataboxError('runtime-not-built', `The compiled code for ${spec.name} (dist/${spec.entry}) is missing.`, {
      status: 409, hint: 'Run `npm run build` first.' });
  }
  const roots = spec.packages.map((name) => path.join(root, 'node_modules', name));
  const closure = dependencyClosure(roots, root, installedTree, spec.excluded ?? new Set());
  if (closure.missing.length > 0) {
    const first = closure.missing[0];
    throw new DataboxError('runtime-deps-missing', `${closure.missing.length} dependencies of ${spec.name} are not installed (first: ${first?.name} for ${first?.from}).`, {
      status: 409, hint: 'Run `npm ci` so node_modules is complete.' });
  }
  const packageJson = { name: spec.name, version, private: true, license: 'MIT', description: `${spec.name} (staged by builder/image)` };
  const entries: ContextEntry[] = [
    { name: 'Dockerfile', mode: 0o644, content: fs.readFileSync(path.join(root, spec.dockerfile)) },
    { name: 'package.json', mode: 0o644, content: Buffer.from(`${JSON.stringify(packageJson, null, 2)}\n`) },
    ...(spec.extra ?? []),
  ];
  for (const part of spec.distParts) entries.push(...filesUnder(path.join(root, 'dist', part), `dist/${part}`, { skipSuffixes: SKIP_SUFFIXES, skipDirs: SKIP_DIRS }));
  for (const dir of closure.dirs) entries.push(...filesUnder(dir, stagedModulePath(dir, root), { skipSuffixes: ['.map', '.d.ts'] }));
  const bytes = entries.reduce((total, entry) => total + ('content' in entry ? entry.content.length : entry.size), 0);
  return { entries, packages: closure.dirs.length, bytes };
}
