/**
 * An app bundle: the unit the builder writes, the store keeps (signed) and the box builds an
 * image from. Four files plus an optional README at the root of the bundle, and one npm pack
 * tarball per third-party node module under `modules/` (decision 0015).
 */
import type { Flows } from '../flow/flow.types';
import type { Manifest } from '../manifest/manifest.types';

/** One module tarball as package.json lists it: where it is, what it is, and its sha512. */
export interface BundleModuleListing {
  /** `modules/<name>-<version>.tgz` (`@scope/x` -> `scope-x`). */
  file: string;
  /** The npm package name, installed as /app/node_modules/<name>. */
  name: string;
  version: string;
  /** `sha512-<base64>` of the tarball's bytes (the form package-lock.json uses). */
  integrity: string;
}

/** The bundle's `package.json`: what the image's /app directory is as an npm package. */
export interface BundlePackageJson {
  name: string;
  version: string;
  description?: string;
  private?: boolean;
  license?: string;
  /** Third-party Node-RED node modules the flow uses, at their installed versions. */
  dependencies: Record<string, string>;
  /** Every module tarball the bundle carries: the modules the flow uses and their dependencies. */
  databox?: { modules: BundleModuleListing[] };
  [field: string]: unknown;
}

/** A module tarball in a bundle: its path (`modules/...tgz`) and bytes. */
export interface BundleModule {
  file: string;
  data: Buffer;
}

export interface Bundle {
  manifest: Manifest;
  dockerfile: string;
  flows: Flows;
  packageJson: BundlePackageJson;
  readme?: string;
  /** The module tarballs, sorted by path; absent when the flow uses no third-party modules. */
  modules?: BundleModule[];
}

/** The file names at a bundle's root, in the fixed order they are packed and hashed (the module tarballs follow, by path). */
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

/** A module tarball's path: `modules/` and one safe file name ending in `.tgz`. */
const MODULE_PATH = /^modules\/[a-z0-9][a-z0-9._-]{0,254}\.tgz$/;

/**
 * @example
 * isModulePath('modules/scope-x-1.0.0.tgz') // true; isModulePath('modules/../x.tgz') // false
 */
export function isModulePath(name: string): boolean {
  return MODULE_PATH.test(name) && !name.includes('..');
}
