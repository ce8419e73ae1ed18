/**
 * Reads one module tarball from a bundle, which may come from anyone, without writing
 * anything: gunzipped within what is left of the bundle's module budget (a gzip bomb stops at
 * the limit), and every entry checked before it is trusted: only regular files and folders,
 * only under `package/`, no absolute paths, no `..`, no `.` or empty parts, no duplicates, no
 * path that is both a file and a folder. Gives the files (modes normalized to 0644/0755) and
 * the package's package.json. Pure.
 *
 * @example
 * const budget = { bytes: BUNDLE_LIMITS.maxModuleBytes, entries: BUNDLE_LIMITS.maxModuleEntries };
 * const { files, packageJson } = readModuleTarball('modules/x-1.0.0.tgz', tgz, budget);
 */
import { gunzipSync } from 'node:zlib';
import { DataboxError } from '../errors';
import { parseJsonWithin, MAX_JSON_DEPTH } from '../json/json.limits';
import { bundleTooLarge, moduleRefused } from './bundle.errors';
import { BUNDLE_LIMITS } from './bundle.limits';
import { normalMode, type ModuleFile } from './module.tarball';
import { readTar, TarFormatError } from './tar.read';

/** What is left for the module tarballs still to be read: decremented as each one is. */
export interface ModuleBudget {
  bytes: number;
  entries: number;
}

export interface ModuleContent {
  files: ModuleFile[];
  packageJson: Record<string, unknown>;
}

export function moduleBudget(limits: { maxModuleBytes: number; maxModuleEntries: number } = BUNDLE_LIMITS): ModuleBudget {
  return { bytes: limits.maxModuleBytes, entries: limits.maxModuleEntries };
}

export function readModuleTarball(file: string, tarball: Buffer, budget: ModuleBudget, maxDepth = MAX_JSON_DEPTH): ModuleContent {
  const tar = gunzip(file, tarball, budget.bytes);
  budget.bytes -= tar.length;
  let entries;
  try {
    entries = readTar(tar);
  } catch (error) {
    if (!(error instanceof TarFormatError)) throw error;
    throw moduleRefused('bundle-module-invalid', `${file} is not a valid tar archive: ${error.message}`);
  }
  budget.entries -= entries.length;
  if (budget.entries < 0) throw bundleTooLarge(`${file} brings the module tarballs to more entries than the limit`);
  const files: ModuleFile[] = [];
  const seen = new Set<string>();
  const fileSet = new Set<string>();
  const folders = new Set<string>();
  for (const entry of entries) {
    const path = packagePath(file, entry.name);
    if (entry.type !== 'file' && entry.type !== 'directory') {
      throw moduleRefused('bundle-entry-type', `${file}: entry "${clip(entry.name)}" is a ${entry.type}, not a regular file or folder`);
    }
    if (seen.has(path)) throw moduleRefused('bundle-entry-duplicate', `${file}: entry "${clip(entry.name)}" appears twice`);
    seen.add(path);
    if (path === '') {
      if (entry.type !== 'directory') throw moduleRefused('bundle-module-invalid', `${file}: entry "${clip(entry.name)}" is a file where the package folder should be`);
      continue;
    }
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
    if (entry.type === 'directory') {
      folders.add(path);
      continue;
    }
    fileSet.add(path);
    files.push({ path, data: entry.data, mode: normalMode(entry.mode) });
  }
  const both = [...fileSet].find((path) => folders.has(path));
  if (both !== undefined) throw moduleRefused('bundle-entry-duplicate', `${file}: "package/${clip(both)}" is both a file and a folder`);
  return { files, packageJson: modulePackageJson(file, files, maxDepth) };
}

function gunzip(file: string, tarball: Buffer, room: number): Buffer {
  if (tarball.length < 2 || tarball[0] !== 0x1f || tarball[1] !== 0x8b) {
    throw moduleRefused('bundle-module-invalid', `${file} is not a gzip-compressed tarball`);
  }
  try {
    return gunzipSync(tarball, { maxOutputLength: Math.max(room, 1) });
  } catch (error) {
    if (error instanceof RangeError || (error instanceof Error && 'code' in error && error.code === 'ERR_BUFFER_TOO_LARGE')) {
      throw bundleTooLarge(`${file} unpacks to more than the ${Math.max(room, 0)} bytes left of the limit for all module tarballs`);
    }
    throw moduleRefused('bundle-module-invalid', `${file} is not a valid gzip stream (truncated or corrupt)`);
  }
}

/** The entry's path inside `package/` ('' for the folder itself), or a refusal naming what is wrong with it. */
function packagePath(file: string, raw: string): string {
  if (raw.startsWith('/') || raw.includes('\\') || /^[A-Za-z]:/.test(raw)) {
    throw moduleRefused('bundle-entry-absolute', `${file}: entry "${clip(raw)}" has an absolute path`);
  }
  const parts = raw.replace(/\/$/, '').split('/');
  if (parts.includes('..')) throw moduleRefused('bundle-entry-traversal', `${file}: entry "${clip(raw)}" climbs out of the package with ".."`);
  if (parts[0] !== 'package') throw moduleRefused('bundle-module-invalid', `${file}: entry "${clip(raw)}" is not under package/`);
  const rest = parts.slice(1);
  if (rest.some((part) => part === '' || part === '.' || part.includes('\0'))) {
    throw moduleRefused('bundle-module-invalid', `${file}: entry "${clip(raw)}" has an empty or "." path part`);
  }
  return rest.join('/');
}

function modulePackageJson(file: string, files: readonly ModuleFile[], maxDepth: number): Record<string, unknown> {
  const data = files.find((f) => f.path === 'package.json')?.data;
  if (!data) throw moduleRefused('bundle-module-invalid', `${file} has no package/package.json`);
  let value: unknown;
  try {
    value = parseJsonWithin(data.toString('utf8'), maxDepth, `${file} package/package.json`);
  } catch (error) {
    if (!(error instanceof DataboxError)) throw error;
    throw moduleRefused('bundle-module-invalid', error.message);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw moduleRefused('bundle-module-invalid', `${file}: package/package.json is not a JSON object`);
  return { ...value };
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
