/**
 * The module tarballs of a bundle against what package.json lists (decision 0015): the
 * listing's shape (`databox.modules`: file, name, version, integrity; the file name derived
 * from name and version, so it is safe by construction), then every tarball listed and every
 * listed one present, each `dependencies` entry carried at its version, each sha512 matching,
 * and each tarball safe to extract (module.read.ts) and holding the package it is listed as.
 * Pure.
 *
 * @example
 * const modules = checkModules(files, packageJson, BUNDLE_LIMITS); // [{ file: 'modules/x-1.0.0.tgz', data }]
 */
import { moduleRefused } from './bundle.errors';
import type { BundleLimits } from './bundle.limits';
import { isModulePath, type BundleModule, type BundleModuleListing, type BundlePackageJson } from './bundle.types';
import { moduleBudget, readModuleTarball } from './module.read';
import { moduleIntegrity, moduleTarballPath } from './module.tarball';

/** npm's rules for a package name (lower case, optional scope, URL-safe). */
export const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]{0,213}$/;
/** A semantic version (no `v`, no ranges): what an installed package.json says. */
const VERSION = /^\d{1,9}\.\d{1,9}\.\d{1,9}(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const INTEGRITY = /^sha512-[A-Za-z0-9+/]{86}==$/;

/** The listing in package.json (`databox.modules`), empty when there is none. */
export function listedModules(packageJson: BundlePackageJson): BundleModuleListing[] {
  return packageJson.databox?.modules ?? [];
}

/** What is wrong with package.json's `databox` field, as the end of a sentence, or undefined. */
export function listingProblem(databox: unknown, maxModules: number): string | undefined {
  if (databox === undefined) return undefined;
  if (typeof databox !== 'object' || databox === null || Array.isArray(databox)) return 'has a "databox" field that is not an object';
  const modules: unknown = 'modules' in databox ? databox.modules : undefined;
  if (!Array.isArray(modules)) return 'has a "databox" field without a "modules" list';
  if (modules.length > maxModules) return `lists ${modules.length} modules, more than the limit of ${maxModules}`;
  const names = new Set<string>();
  const files = new Set<string>();
  for (const [index, entry] of modules.entries()) {
    const problem = entryProblem(entry);
    if (problem !== undefined || !isListing(entry)) return `has a databox.modules entry ${index} that ${problem ?? 'is not valid'}`;
    const { name, file } = entry;
    if (names.has(name)) return `lists the module "${name}" twice (a bundle installs one version of each package)`;
    if (files.has(file)) return `lists ${file} twice`;
    names.add(name);
    files.add(file);
  }
  return undefined;
}

function isListing(entry: unknown): entry is BundleModuleListing {
  return entryProblem(entry) === undefined;
}

function entryProblem(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'is not an object';
  const record: Record<string, unknown> = { ...entry };
  const { file, name, version, integrity } = record;
  if (typeof name !== 'string' || !PACKAGE_NAME.test(name)) return 'has no npm package "name"';
  if (typeof version !== 'string' || !VERSION.test(version)) return `("${name}") has no semantic "version"`;
  if (typeof integrity !== 'string' || !INTEGRITY.test(integrity)) return `("${name}") has no "integrity" of the form sha512-<base64>`;
  const expected = moduleTarballPath(name, version);
  if (file !== expected || !isModulePath(expected)) return `("${name}") has the "file" ${clip(String(file))}, not ${expected}`;
  return undefined;
}

/** The module tarballs among a bundle's files, checked against the listing; sorted by path. */
export function checkModules(files: ReadonlyMap<string, Buffer>, packageJson: BundlePackageJson, limits: BundleLimits): BundleModule[] {
  const listing = listedModules(packageJson);
  const byFile = new Map(listing.map((entry) => [entry.file, entry]));
  const present = [...files.keys()].filter(isModulePath).sort();
  for (const file of present) {
    if (!byFile.has(file)) throw moduleRefused('bundle-module-unlisted', `${file} is in the bundle but package.json does not list it in databox.modules`);
  }
  for (const entry of listing) {
    if (!files.has(entry.file)) throw moduleRefused('bundle-module-missing', `package.json lists ${entry.file}, which is not in the bundle`);
  }
  for (const [name, version] of Object.entries(packageJson.dependencies)) {
    const carried = listing.find((entry) => entry.name === name);
    if (carried?.version !== version) {
      throw moduleRefused('bundle-module-missing', `package.json depends on ${name} ${clip(version)}, but the bundle carries no ${moduleTarballPath(name, version)} (a box cannot download it)`);
    }
  }
  const budget = moduleBudget(limits);
  const modules: BundleModule[] = [];
  for (const entry of [...listing].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const data = verifiedTarball(entry, files.get(entry.file));
    const { packageJson: inner } = readModuleTarball(entry.file, data, budget, limits.maxDepth);
    if (inner.name !== entry.name || inner.version !== entry.version) {
      throw moduleRefused('bundle-module-invalid', `${entry.file} holds the package ${clip(String(inner.name))} ${clip(String(inner.version))}, but package.json lists it as ${entry.name} ${entry.version}`);
    }
    modules.push({ file: entry.file, data });
  }
  return modules;
}

/** The tarball's bytes when they are there and their sha512 is the listed one. */
export function verifiedTarball(entry: BundleModuleListing, data: Buffer | undefined): Buffer {
  if (data === undefined) throw moduleRefused('bundle-module-missing', `package.json lists ${entry.file}, which is not in the bundle`);
  const actual = moduleIntegrity(data);
  if (actual !== entry.integrity) {
    throw moduleRefused('bundle-module-integrity', `${entry.file} does not match its integrity in package.json (its sha512 is ${actual.slice(0, 20)}..., package.json says ${entry.integrity.slice(0, 20)}...)`);
  }
  return data;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
