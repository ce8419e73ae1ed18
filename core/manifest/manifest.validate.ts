/**
 * Validates a manifest read from disk or the network. Pure: returns every problem found,
 * each with the field it concerns and what to do, so a store or a box can refuse a bundle
 * with one clear answer.
 *
 * @example
 * const problems = validateManifest(JSON.parse(text));
 * if (problems.length) throw manifestError(problems);
 */
import { DataboxError } from '../errors';
import { DATASOURCE_TYPE_ID } from '../catalogue/catalogue';
import { APP_NAME, MANIFEST_VERSION, type Manifest } from './manifest.types';

export interface ManifestProblem {
  field: string;
  message: string;
}

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
/** Docker's rule for a tag. */
export const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
import { CLIENT_ID } from '../nodes/clientid';
import { privacyProblems } from '../privacy/privacy.validate';

export function validateManifest(value: unknown): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!isObject(value)) return [{ field: '', message: 'the manifest must be a JSON object' }];

  if (value['manifest-version'] !== MANIFEST_VERSION) add('manifest-version', `must be ${MANIFEST_VERSION}`);
  if (typeof value.name !== 'string' || !APP_NAME.test(value.name)) {
    add('name', 'must be one lower-case word: a letter, then letters, digits or "-" (at most 63)');
  }
  if (value['databox-type'] !== 'app' && value['databox-type'] !== 'driver') add('databox-type', 'must be "app" or "driver"');
  if (typeof value.version !== 'string' || !SEMVER.test(value.version)) add('version', 'must be a semantic version such as 1.0.0');
  for (const field of ['description', 'author', 'license'] as const) {
    if (typeof value[field] !== 'string') add(field, 'must be a string');
  }
  if (!isStringArray(value.tags)) add('tags', 'must be an array of strings');
  // Fields the Dockerfile, the image labels and the store's pages are made of: each of its type.
  if (value.displayName !== undefined && typeof value.displayName !== 'string') add('displayName', 'must be a string');
  if (value.homepage !== undefined && (typeof value.homepage !== 'string' || !isHttpUrl(value.homepage))) add('homepage', 'must be an http:// or https:// URL');
  const repository = value.repository;
  if (repository !== undefined && (!isObject(repository) || typeof repository.type !== 'string' || typeof repository.url !== 'string' || !isHttpUrl(repository.url))) {
    add('repository', 'must be {type, url} with an http:// or https:// URL');
  }
  // The runtime image's tag: the Dockerfile's FROM is made of it, so nothing else may fit in.
  if (value['runtime-version'] !== undefined && (typeof value['runtime-version'] !== 'string' || !DOCKER_TAG.test(value['runtime-version']))) {
    add('runtime-version', 'must be a Docker image tag: letters, digits, "_", "." or "-", at most 128, such as 0.1.0');
  }
  for (const field of ['publisher', 'signature'] as const) {
    if (value[field] !== undefined && typeof value[field] !== 'string') add(field, 'must be a string');
  }

  const datasources = value.datasources;
  if (!Array.isArray(datasources)) add('datasources', 'must be an array');
  else {
    const seen = new Set<string>();
    datasources.forEach((ds: unknown, i) => {
      const at = `datasources[${i}]`;
      if (!isObject(ds)) { add(at, 'must be an object'); return; }
      if (typeof ds.clientid !== 'string' || !CLIENT_ID.test(ds.clientid)) add(`${at}.clientid`, 'must be a letter then letters, digits, "_" or "-"');
      else if (seen.has(ds.clientid)) add(`${at}.clientid`, `"${ds.clientid}" is used twice; each datasource needs its own clientid`);
      else seen.add(ds.clientid);
      if (typeof ds.type !== 'string' || ds.type === '') add(`${at}.type`, 'must name a data-source type');
      if (typeof ds.required !== 'boolean') add(`${at}.required`, 'must be true or false');
      if (ds.name !== undefined && typeof ds.name !== 'string') add(`${at}.name`, 'must be a string');
      if (ds.actuator !== undefined && typeof ds.actuator !== 'boolean') add(`${at}.actuator`, 'must be true or false');
      for (const bound of ['min', 'max'] as const) {
        if (ds[bound] !== undefined && !(typeof ds[bound] === 'number' && Number.isInteger(ds[bound]) && ds[bound] >= 0)) add(`${at}.${bound}`, 'must be a whole number');
      }
    });
  }

  // Not named `exports`: compiled to CommonJS, this module's own exports (DOCKER_TAG above)
  // are read through `exports.`, which a local of that name would shadow (a TDZ error in dist).
  const whitelist = value['export-whitelist'];
  if (!Array.isArray(whitelist)) add('export-whitelist', 'must be an array');
  else whitelist.forEach((entry: unknown, i) => {
    const at = `export-whitelist[${i}]`;
    if (!isObject(entry) || typeof entry.url !== 'string' || !isHttpUrl(entry.url)) add(`${at}.url`, 'must be an http:// or https:// URL');
    else if (typeof entry.description !== 'string') add(`${at}.description`, 'must be a string');
    if (isObject(entry) && entry.privacy !== undefined) privacyProblems(entry.privacy, `${at}.privacy`).forEach((p) => add(p.field, p.message));
    // One entry per URL: a destination is private or not, with one spec, never both.
    // Compared as URLs: https://h/x and https://h:443/x are one destination, with one budget.
    if (isObject(entry) && whitelist.findIndex((e: unknown) => isObject(e) && sameUrl(e.url, entry.url)) < i) add(`${at}.url`, 'is listed twice; each destination is listed once');
  });

  const external = value['external-whitelist'];
  if (external !== undefined && (!Array.isArray(external) || !external.every((e) => isObject(e) && isStringArray(e.urls)))) {
    add('external-whitelist', 'must be an array of {urls: [..], description}');
  }
  if (value['databox-type'] === 'app' && Array.isArray(external) && external.length > 0) {
    add('external-whitelist', 'only drivers may reach outside hosts; an app sends data out through export-whitelist');
  }

  const provides = value.provides;
  if (provides !== undefined) {
    if (!Array.isArray(provides)) add('provides', 'must be an array of {data-source-type, description, store-type, schema?}');
    else {
      if (value['databox-type'] === 'app' && provides.length > 0) add('provides', 'only drivers provide data sources; an app keeps its own data in its own store (resource-requirements.store)');
      provides.forEach((entry: unknown, i) => problemsOfProvided(entry, `provides[${i}]`).forEach((p) => add(p.field, p.message)));
    }
  }

  const lineage = value.lineage;
  if (!Array.isArray(lineage)) add('lineage', 'must be an array');
  else lineage.forEach((entry: unknown, i) => {
    const at = `lineage[${i}]`;
    if (!isObject(entry) || (entry.kind !== 'export' && entry.kind !== 'actuator') || typeof entry.sink !== 'string' || !isStringArray(entry.sources)) {
      add(at, 'must be {kind: "export"|"actuator", sink, sources: [clientid...], private?: true}');
    } else if (entry.private !== undefined && (entry.private !== true || entry.kind !== 'export')) add(`${at}.private`, 'is true for an export to a private destination, and absent otherwise');
  });
  return problems;
}

/** One `provides` entry: a type id (a driver's `hasType`), what it is, how it is stored. */
function problemsOfProvided(entry: unknown, at: string): ManifestProblem[] {
  if (!isObject(entry)) return [{ field: at, message: 'must be {data-source-type, description, store-type, schema?}' }];
  const problems: ManifestProblem[] = [];
  const type = entry['data-source-type'];
  if (typeof type !== 'string' || !DATASOURCE_TYPE_ID.test(type)) problems.push({ field: `${at}.data-source-type`, message: 'must be a type id: a letter, then letters, digits, ".", "_" or "-" (at most 64)' });
  if (typeof entry.description !== 'string' || entry.description === '') problems.push({ field: `${at}.description`, message: 'must say in words what the data is' });
  if (!STORE_TYPES.some((t) => t === entry['store-type'])) problems.push({ field: `${at}.store-type`, message: 'must be "ts", "ts/blob" or "kv"' });
  const schema = entry.schema;
  if (schema !== undefined && (!isObject(schema) || !SCHEMA_TYPES.some((t) => t === schema.type))) {
    problems.push({ field: `${at}.schema`, message: 'must be a value schema {type: "number"|"boolean"|"string"|"object", ...}' });
  }
  return problems;
}

const STORE_TYPES = ['ts', 'ts/blob', 'kv'] as const;
const SCHEMA_TYPES = ['number', 'boolean', 'string', 'object'] as const;

/** Validates and narrows, or throws one DataboxError listing every problem. */
export function parseManifest(value: unknown): Manifest {
  const problems = validateManifest(value);
  if (problems.length > 0) throw manifestError(problems);
  return value as Manifest;
}

export function manifestError(problems: ManifestProblem[]): DataboxError {
  const list = problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ');
  return new DataboxError('manifest-invalid', `databox-manifest.json is not valid: ${list}`, {
    status: 400,
    hint: 'Fix these fields (or rebuild the bundle with `databox build`) and try again',
  });
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/**
 * Whether two texts are the same http(s) URL once parsed (default port, case of the host): one
 * export destination, with one budget.
 *
 * @example
 * sameUrl('https://Example.org:443/in', 'https://example.org/in') // true
 */
export function sameUrl(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}
