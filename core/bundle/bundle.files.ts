/**
 * A bundle as files: the one place that knows how each file is serialized (what the builder
 * writes, what is packed, hashed and signed). Parsing them back is bundle.validate.ts. Pure.
 *
 * @example
 * for (const file of bundleFiles(bundle)) console.log(file.name, file.data.length);
 */
import { BUNDLE_FILES, type Bundle, type BundleFileName } from './bundle.types';

export interface BundleFile {
  name: BundleFileName;
  data: Buffer;
}

/** The bundle's files in their fixed order, serialized the same way every time. */
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

/** The files as a map, the form `readBundleFiles` takes. */
export function bundleFileMap(bundle: Bundle): Map<string, Buffer> {
  return new Map(bundleFiles(bundle).map((file) => [file.name, file.data]));
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
