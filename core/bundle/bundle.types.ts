/**
 * An app bundle: the unit the builder writes, the store keeps (signed) and the box builds an
 * image from. Four files plus an optional README, all at the root of the bundle.
 */
import type { Flows } from '../flow/flow.types';
import type { Manifest } from '../manifest/manifest.types';

/** The bundle's `package.json`: what the image's /app directory is as an npm package. */
export interface BundlePackageJson {
  name: string;
  version: string;
  description?: string;
  private?: boolean;
  license?: string;
  /** Third-party Node-RED node modules the flow uses, at their installed versions. */
  dependencies: Record<string, string>;
  [field: string]: unknown;
}

export interface Bundle {
  manifest: Manifest;
  dockerfile: string;
  flows: Flows;
  packageJson: BundlePackageJson;
  readme?: string;
}

/** The file names of a bundle, in the fixed order they are packed and hashed. */
export const BUNDLE_FILES = ['databox-manifest.json', 'Dockerfile', 'flows.json', 'package.json', 'README.md'] as const;
export type BundleFileName = (typeof BUNDLE_FILES)[number];
export const REQUIRED_BUNDLE_FILES: readonly BundleFileName[] = ['databox-manifest.json', 'Dockerfile', 'flows.json', 'package.json'];

/**
 * @example
 * isBundleFileName('flows.json') // true; isBundleFileName('run.sh') // false
 */
export function isBundleFileName(name: string): name is BundleFileName {
  return (BUNDLE_FILES as readonly string[]).includes(name);
}
