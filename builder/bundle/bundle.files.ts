/**
 * A bundle as files and back: the one place that knows how each file is serialized and how
 * a file read from disk or a tarball is parsed and validated. Pure (no I/O).
 */
import { DataboxError } from '../../core/errors';
import { isFlowNode, type Flows } from '../../core/flow/flow.types';
import { parseManifest } from '../../core/manifest/manifest.validate';
import {
  BUNDLE_FILES, REQUIRED_BUNDLE_FILES, type Bundle, type BundleFileName, type BundlePackageJson,
} from './bundle.types';

export interface BundleFile {
  name: BundleFileName;
  data: Buffer;
}

/**
 * The bundle's files in their fixed order, serialized the same way every time.
 *
 * @example
 * for (const file of bundleFiles(bundle)) console.log(file.name, file.data.length);
 */
export function bundleFiles(bundle: Bundle): BundleFile[] {
  const text: Record<BundleFileName, string | undefined> = {
    'databox-manifest.json': json(bundle.manifest),
    Dockerfile: bundle.dockerfile,
    'flows.json': json(bundle.flows),
    'package.json': json(bundle.packageJson),
    'README.md': bundle.readme,
  };
  return BUNDLE_FILES.flatMap((name) => {
    const content = text[name];
    return content === undefined ? [] : [{ name, data: Buffer.from(content, 'utf8') }];
  });
}

/**
 * Parses and validates a bundle's files (from a directory or a tarball). Every refusal is a
 * DataboxError saying which file is wrong and what to do.
 *
 * @example
 * const bundle = bundleFromFiles(new Map([['databox-manifest.json', buf], ...]));
 */
export function bundleFromFiles(files: ReadonlyMap<string, Buffer>): Bundle {
  for (const name of REQUIRED_BUNDLE_FILES) {
    if (!files.has(name)) {
      throw new DataboxError('bundle-entry-missing', `the bundle has no ${name}`, {
        hint: 'A bundle holds databox-manifest.json, Dockerfile, flows.json and package.json; rebuild it with `databox build`',
      });
    }
  }
  const text = (name: BundleFileName): string => utf8(name, files.get(name) ?? Buffer.alloc(0));
  const manifest = parseManifest(parseJson('databox-manifest.json', text('databox-manifest.json')));
  const flows = parseFlows(parseJson('flows.json', text('flows.json')));
  const packageJson = parsePackageJson(parseJson('package.json', text('package.json')));
  const dockerfile = text('Dockerfile');
  const readme = files.has('README.md') ? text('README.md') : undefined;
  return { manifest, dockerfile, flows, packageJson, ...(readme === undefined ? {} : { readme }) };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
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

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataboxError('bundle-json-invalid', `${name} is not valid JSON: ${reason}`, {
      hint: `Fix ${name}, or rebuild the bundle with \`databox build\``, cause: error,
    });
  }
}

function parseFlows(value: unknown): Flows {
  if (!Array.isArray(value)) {
    throw new DataboxError('bundle-flows-invalid', 'flows.json must be an array of Node-RED nodes', {
      hint: 'Export the flow from Node-RED (Menu > Export) or rebuild the bundle with `databox build`',
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

function parsePackageJson(value: unknown): BundlePackageJson {
  const problem = packageProblem(value);
  if (problem !== undefined || !isPackage(value)) {
    throw new DataboxError('bundle-package-invalid', `package.json ${problem ?? 'is not valid'}`, {
      hint: 'package.json needs a "name", a "version" and a "dependencies" object of name -> version strings',
    });
  }
  return value;
}

function packageProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be a JSON object';
  const record: Record<string, unknown> = { ...value };
  if (typeof record.name !== 'string' || record.name === '') return 'needs a "name"';
  if (typeof record.version !== 'string' || record.version === '') return 'needs a "version"';
  const deps = record.dependencies;
  if (typeof deps !== 'object' || deps === null || Array.isArray(deps)) return 'needs a "dependencies" object';
  if (!Object.values(deps).every((v) => typeof v === 'string')) return 'has a dependency whose version is not a string';
  return undefined;
}

function isPackage(value: unknown): value is BundlePackageJson {
  return packageProblem(value) === undefined;
}
