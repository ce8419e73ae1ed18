/**
 * A bundle as files: the one place that knows how each file is serialized (what the builder
 * writes, what is packed, hashed and signed). Parsing them back is bundle.validate.ts. Pure.
 *
 * @example
 * for (const file of bundleFiles(bundle)) console.log(file.name, file.data.length);
 * // databox-manifest.json 812, Dockerfile 1403, ..., modules/fixture-helper-0.2.1.tgz 402
 */
import { BUNDLE_FILES, type Bundle, type BundleFileName } from './bundle.types';

export interface BundleFile {
  /** A root file name, or `modules/<name>-<version>.tgz`. */
  name: string;
  data: Buffer;
}

/** The bundle's files in their fixed order (the root files, then the module tarballs by path), serialized the same way every time. */
export function bundleFiles(bundle: Bundle): BundleFile[] {
  const text: Record<BundleFileName, string | undefined> = {
    'databox-manifest.json': json(bundle.manifest),
    Dockerfile: bundle.dockerfile,
    'flows.json': json(bundle.flows),
    'package.json': json(bundle.packageJson),
    'README.md': bundle.readme,
  };
  const root = BUNDLE_FILES.flatMap((name) => {
    const content = text[name];
    return content === undefined ? [] : [{ name, data: Buffer.from(content, 'utf8') }];
  });
  const modules = [...(bundle.modules ?? [])].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return [...root, ...modules.map((module) => ({ name: module.file, data: module.data }))];
}

/** The files as a map, the form `readBundleFiles` takes. */
export function bundleFileMap(bundle: Bundle): Map<string, Buffer> {
  return new Map(bundleFiles(bundle).map((file) => [file.name, file.data]));
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
