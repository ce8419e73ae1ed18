/**
 * `databox build`: reads a flows file, compiles one tab, writes the bundle (with the
 * third-party node modules it uses as `modules/*.tgz`), optionally a tarball and the app
 * image. Prints every problem with the node's id, type and name when the flow is refused.
 *
 * @example
 * await main(['examples/host-load/flows.json', '--out', 'tmp/host-load']); // 0
 */
import { readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { runCommand, type CommandIO, type OkOf } from '../../core/cli';
import { DataboxError, describeError } from '../../core/errors';
import { bundleContentHash } from '../../core/bundle/bundle.hash';
import { writeBundleDir } from '../bundle/bundle.dir';
import { packBundle } from '../../core/bundle/bundle.pack';
import { BUNDLE_FILES } from '../../core/bundle/bundle.types';
import { MODULES_DIR } from '../../core/bundle/module.tarball';
import { appNameFromLabel } from '../compile/app.metadata';
import { BuildRefusedError } from '../compile/build.refused';
import { compile } from '../compile/compile';
import type { CompiledApp } from '../compile/compile.types';
import { defaultModuleDirs, scanNodeModules } from '../modules/modules.scan';
import { BUILD_COMMAND } from './build.command';
import { bundleSummary } from './build.summary';

export interface BuildArgs {
  flows: string;
  tab?: string;
  out?: string;
  name?: string;
  version?: string;
  tarball?: string;
  image: boolean;
  tag?: string;
  labels: Record<string, string>;
  moduleDirs: string[];
}

export function main(argv: string[], io?: CommandIO): Promise<number> {
  return runCommand(BUILD_COMMAND, argv, async (parsed, io) => {
    const args = buildArgs(parsed);
    try {
      await build(args, io);
      return 0;
    } catch (error) {
      if (!(error instanceof BuildRefusedError)) throw error;
      io.err(`databox build: refused: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} in ${args.flows}`);
      for (const problem of error.problems) io.err(`  ${describeError(problem)}`);
      return 1;
    }
  }, io);
}

function buildArgs({ values, positionals }: OkOf<typeof BUILD_COMMAND>): BuildArgs {
  const { tab, out, name, version, tarball, tag } = values;
  return {
    flows: positionals[0] ?? '', image: values.image, labels: Object.fromEntries(values.label), moduleDirs: values.modules,
    ...(tab === undefined ? {} : { tab }), ...(out === undefined ? {} : { out }), ...(name === undefined ? {} : { name }),
    ...(version === undefined ? {} : { version }), ...(tarball === undefined ? {} : { tarball }), ...(tag === undefined ? {} : { tag }),
  };
}

async function build(args: BuildArgs, io: CommandIO): Promise<void> {
  const text = await readFile(args.flows, 'utf8').catch((error: unknown) => {
    throw new DataboxError('flows-unreadable', `cannot read ${args.flows}`, { status: 404, hint: 'Give the path of a flows.json exported from Node-RED', cause: error });
  });
  let flows: unknown;
  try {
    flows = JSON.parse(text);
  } catch (error) {
    throw new DataboxError('flows-invalid', `${args.flows} is not JSON: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'Export the flow from Node-RED (Menu > Export > Download) and build that file',
    });
  }
  const modules = await scanNodeModules(args.moduleDirs.length > 0 ? args.moduleDirs : defaultModuleDirs(args.flows, process.cwd()));
  const app = compile(flows, args.tab, {
    modules, defaultName: nameFromFile(args.flows),
    ...(args.name === undefined ? {} : { name: args.name }), ...(args.version === undefined ? {} : { version: args.version }),
  });
  const out = resolve(args.out ?? app.manifest.name);
  if (out === dirname(resolve(args.flows))) {
    throw new DataboxError('out-is-source', `the bundle would be written over ${args.flows}`, {
      hint: 'Pass --out with another folder (the bundle has its own flows.json)',
    });
  }
  await checkOutDir(out);
  const written = await writeBundleDir(out, app);
  const unstaged = await removeStagedModules(out);
  io.out(`databox build: wrote ${app.manifest.name} ${app.manifest.version} to ${out}`);
  for (const name of written) io.out(`  ${name}`);
  if (unstaged) io.out('  (removed node_modules/, which an earlier databox build staged: the modules are in modules/ now)');
  for (const line of bundleSummary(app.manifest)) io.out(line);
  if (args.tarball !== undefined) await writeTarball(app, args.tarball, io);
  if (args.image) {
    io.out('databox build: building the app image');
    // Loaded lazily (require: import() in this CommonJS file would bypass tsx): dockerode costs ~0.2-0.5 s.
    const { buildAppImage }: typeof import('../image') = require('../image');
    const image = await buildAppImage(app, {
      ...(args.tag === undefined ? {} : { tag: args.tag }), labels: args.labels, onProgress: (line) => io.out(`  | ${line}`),
    });
    io.out(`databox build: image ${image.tag} (${image.imageId})`);
  }
}

async function writeTarball(app: CompiledApp, file: string, io: CommandIO): Promise<void> {
  const tarball = packBundle(app);
  await writeFile(file, tarball);
  io.out(`databox build: wrote ${file} (${tarball.length} bytes, content hash ${bundleContentHash(app)})`);
}

/** Marks a node_modules/ that `databox build` staged before modules travelled in the bundle (decision 0015). */
const STAGED_MARKER = '.databox-staged';

/** Removes `<out>/node_modules/` when an earlier build staged it (it has the marker); any other node_modules/ is left alone. */
async function removeStagedModules(out: string): Promise<boolean> {
  const staged = await stat(join(out, 'node_modules', STAGED_MARKER)).then(() => true, () => false);
  if (staged) await rm(join(out, 'node_modules'), { recursive: true, force: true });
  return staged;
}

/** A build writes only into a new or empty folder, or one a previous build wrote (never over a project's package.json). */
async function checkOutDir(out: string): Promise<void> {
  const entries = await readdir(out).catch(() => [] as string[]);
  if (entries.includes('databox-manifest.json')) return;
  const clash = entries.filter((name) => (BUNDLE_FILES as readonly string[]).includes(name) || name === 'node_modules' || name === MODULES_DIR).sort();
  if (clash.length > 0) {
    throw new DataboxError('out-not-a-bundle', `${out} already holds ${clash.join(', ')} and no databox-manifest.json: it is not a bundle folder`, {
      hint: 'Pass --out with a new or empty folder, or one a previous build wrote',
    });
  }
}

/** The default app name for a file without tabs: its name, or its folder's for `flows.json`. */
function nameFromFile(file: string): string {
  const stem = basename(file).replace(/\.json$/i, '');
  const name = appNameFromLabel(stem === 'flows' ? basename(dirname(resolve(file))) : stem);
  return name === '' ? 'databox-app' : name;
}
