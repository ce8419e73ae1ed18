/**
 * The one bundle validator: the builder runs it on what it is about to write, the app store
 * on every publish, the box on every install. From the bundle's files (by name) it checks the
 * file set, sizes, UTF-8, JSON and its nesting, the manifest, flows.json and package.json,
 * the module tarballs against package.json's listing (bundle.modules.ts: listed, present,
 * sha512, safe to extract), and then what ties them together: the lineage names only the
 * app's own datasources and exports, package.json is the manifest's app, and the Dockerfile
 * is exactly the one the builder generates from the manifest (derived data, so there are no
 * Dockerfile parsing rules to get around). Pure.
 *
 * @example
 * const bundle = readBundleFiles(new Map([['databox-manifest.json', buf], ...]));
 * checkBundle(app); // the same checks on a bundle in memory (serialized first)
 */
import { DataboxError } from '../errors';
import { isFlowNode, type Flows } from '../flow/flow.types';
import { parseJsonWithin } from '../json/json.limits';
import type { Manifest } from '../manifest/manifest.types';
import { parseManifest } from '../manifest/manifest.validate';
import { generateDockerfile } from './bundle.dockerfile';
import { bundleTooLarge, entryRefused } from './bundle.errors';
import { bundleFileMap } from './bundle.files';
import { BUNDLE_LIMITS, type BundleLimits } from './bundle.limits';
import { checkModules, listedModules, listingProblem, PACKAGE_NAME } from './bundle.modules';
import { isBundleFileName, isModulePath, REQUIRED_BUNDLE_FILES, type Bundle, type BundleFileName, type BundlePackageJson } from './bundle.types';

const REBUILD = 'Rebuild the bundle with `databox build` rather than editing it by hand';

/** Parses and validates a bundle's files; every refusal is a DataboxError saying which file is wrong and what to do. */
export function readBundleFiles(files: ReadonlyMap<string, Buffer>, limits: Partial<BundleLimits> = {}): Bundle {
  const limit = { ...BUNDLE_LIMITS, ...limits };
  let total = 0;
  let tarballs = 0;
  for (const [name, data] of files) {
    if (isModulePath(name)) tarballs++;
    else if (name.split('/').includes('..')) throw entryRefused('bundle-entry-traversal', `"${clip(name)}" climbs out of the bundle with ".."`);
    else if (!isBundleFileName(name)) throw entryRefused('bundle-entry-unknown', `"${clip(name)}" is not a bundle file`);
    if (data.length > limit.maxFileBytes) throw bundleTooLarge(`${name} is ${data.length} bytes, more than the limit of ${limit.maxFileBytes} per file`);
    total += data.length;
  }
  if (tarballs > limit.maxModules) throw bundleTooLarge(`the bundle has ${tarballs} module tarballs, more than the limit of ${limit.maxModules}`);
  if (total > limit.maxBytes) throw bundleTooLarge(`the bundle's files add up to ${total} bytes, more than the limit of ${limit.maxBytes}`);
  for (const name of REQUIRED_BUNDLE_FILES) {
    if (!files.has(name)) {
      throw new DataboxError('bundle-entry-missing', `the bundle has no ${name}`, {
        hint: 'A bundle holds databox-manifest.json, Dockerfile, flows.json and package.json; rebuild it with `databox build`',
      });
    }
  }
  const text = (name: BundleFileName): string => utf8(name, files.get(name) ?? Buffer.alloc(0));
  const json = (name: BundleFileName): unknown => parseJson(name, text(name), limit.maxDepth);
  const manifest = parseManifest(json('databox-manifest.json'));
  const flows = parseFlows(json('flows.json'), limit.maxNodes);
  const packageJson = parsePackageJson(json('package.json'), limit.maxModules);
  const modules = checkModules(files, packageJson, limit);
  const dockerfile = text('Dockerfile');
  const readme = files.has('README.md') ? text('README.md') : undefined;
  const bundle: Bundle = {
    manifest, dockerfile, flows, packageJson, ...(readme === undefined ? {} : { readme }), ...(modules.length === 0 ? {} : { modules }),
  };
  const problems = bundleProblems(bundle);
  if (problems.length > 0) {
    throw new DataboxError('bundle-invalid', `the bundle was refused: ${problems.join('; ')}`, { hint: REBUILD });
  }
  return bundle;
}

/**
 * The validator on a bundle in memory: serialized exactly as it would be written, then read
 * back, so what passes here is what a store and a box will accept.
 */
export function checkBundle(bundle: Bundle, limits: Partial<BundleLimits> = {}): Bundle {
  return readBundleFiles(bundleFileMap(bundle), limits);
}

/** What ties the files together, each problem once, as a sentence. */
export function bundleProblems(bundle: Bundle): string[] {
  const m = bundle.manifest;
  const problems = new Set<string>(lineageProblems(m));
  if (bundle.packageJson.name !== m.name) problems.add(`package.json is named "${clip(bundle.packageJson.name)}" but the manifest "${m.name}"`);
  if (bundle.packageJson.version !== m.version) problems.add(`package.json has version "${clip(bundle.packageJson.version)}" but the manifest ${m.version}`);
  const expected = generateDockerfile(m, { modules: listedModules(bundle.packageJson).length > 0 });
  if (bundle.dockerfile !== expected) {
    problems.add(`the Dockerfile is not the one \`databox build\` writes for this manifest (it differs from line ${firstDifference(bundle.dockerfile, expected)})`);
  }
  return [...problems];
}

function lineageProblems(m: Manifest): string[] {
  const readable = new Set(m.datasources.map((d) => d.clientid));
  const actuators = new Set(m.datasources.filter((d) => d.actuator).map((d) => d.clientid));
  const exports = new Set(m['export-whitelist'].map((e) => e.url));
  const privateSinks = new Set(m['export-whitelist'].filter((e) => e.privacy).map((e) => e.url));
  const problems: string[] = [];
  for (const entry of m.lineage) {
    for (const source of entry.sources) if (!readable.has(source)) problems.push(`lineage names "${clip(source)}", which is not one of the app's datasources`);
    if (entry.kind === 'export' && !exports.has(entry.sink)) problems.push(`lineage sends data to ${clip(entry.sink)}, which is not in export-whitelist`);
    if (entry.kind === 'export' && exports.has(entry.sink) && (entry.private === true) !== privateSinks.has(entry.sink)) {
      problems.push(`lineage ${entry.private ? 'marks' : 'does not mark'} ${clip(entry.sink)} private, but export-whitelist ${privateSinks.has(entry.sink) ? 'does' : 'does not'}`);
    }
    if (entry.kind === 'actuator' && !actuators.has(entry.sink)) problems.push(`lineage acts on "${clip(entry.sink)}", which is not an actuator datasource`);
  }
  return problems;
}

/** The 1-based number of the first line where two texts differ. */
function firstDifference(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  let line = 0;
  while (line < left.length && line < right.length && left[line] === right[line]) line++;
  return line + 1;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function utf8(name: string, data: Buffer): string {
  try {
    return decoder.decode(data);
  } catch (error) {
    throw new DataboxError('bundle-entry-encoding', `${name} is not valid UTF-8 text`, {
      hint: 'Save the file as UTF-8, or rebuild the bundle with `databox build`', cause: error,
    });
  }
}

function parseJson(name: string, text: string, maxDepth: number): unknown {
  try {
    return parseJsonWithin(text, maxDepth, name);
  } catch (error) {
    if (!(error instanceof DataboxError)) throw error;
    const code = error.code === 'json-too-deep' ? 'bundle-json-too-deep' : 'bundle-json-invalid';
    throw new DataboxError(code, error.message, { hint: `Fix ${name}, or rebuild the bundle with \`databox build\``, cause: error });
  }
}

function parseFlows(value: unknown, maxNodes: number): Flows {
  if (!Array.isArray(value)) {
    throw new DataboxError('bundle-flows-invalid', 'flows.json must be an array of Node-RED nodes', {
      hint: 'Export the flow from Node-RED (Menu > Export) or rebuild the bundle with `databox build`',
    });
  }
  if (value.length > maxNodes) {
    throw new DataboxError('bundle-flows-invalid', `flows.json has ${value.length} entries, more than the limit of ${maxNodes}`, {
      hint: 'An app is one flow tab; split a flow this large into several apps',
    });
  }
  const bad = value.findIndex((node) => !isFlowNode(node));
  if (bad >= 0) {
    throw new DataboxError('bundle-flows-invalid', `flows.json entry ${bad} is not a node with a string id and type`, {
      hint: 'Every flows.json entry needs "id" and "type"; rebuild the bundle with `databox build`',
    });
  }
  return value.filter(isFlowNode);
}

function parsePackageJson(value: unknown, maxModules: number): BundlePackageJson {
  const problem = packageProblem(value, maxModules);
  if (problem !== undefined || !isPackage(value, maxModules)) {
    throw new DataboxError('bundle-package-invalid', `package.json ${problem ?? 'is not valid'}`, {
      hint: 'package.json needs a "name", a "version", a "dependencies" object of npm package name -> version strings, and '
        + 'a "databox.modules" list of each module tarball (file, name, version, integrity); rebuild the bundle with `databox build`',
    });
  }
  return value;
}

function packageProblem(value: unknown, maxModules: number): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be a JSON object';
  const record: Record<string, unknown> = { ...value };
  if (typeof record.name !== 'string' || record.name === '') return 'needs a "name"';
  if (typeof record.version !== 'string' || record.version === '') return 'needs a "version"';
  const deps = record.dependencies;
  if (typeof deps !== 'object' || deps === null || Array.isArray(deps)) return 'needs a "dependencies" object';
  for (const [name, version] of Object.entries(deps)) {
    if (!PACKAGE_NAME.test(name)) return `has a dependency "${clip(name)}" that is not an npm package name`;
    if (typeof version !== 'string' || version === '' || version.length > 256) return `has a dependency "${name}" whose version is not a version string`;
  }
  return listingProblem(record.databox, maxModules);
}

function isPackage(value: unknown, maxModules: number): value is BundlePackageJson {
  return packageProblem(value, maxModules) === undefined;
}
