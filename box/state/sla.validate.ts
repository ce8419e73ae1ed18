/**
 * Reads an SLA from the box's database, checked field by field (style: validate saved data at
 * the boundary): a malformed or newer SLA is a clear error, never half-used. Pure.
 *
 * @example
 * const sla = parseSla(JSON.parse(row.sla));
 */
import { DataboxError } from '../../core/errors';
import { parseManifest } from '../../core/manifest/manifest.validate';
import { readGrant } from '../arbiter/arbiter.grants';
import { SLA_VERSION, type BundleOrigin, type Sla } from './sla.types';

export function parseSla(value: unknown): Sla {
  if (!isRecord(value)) throw invalid('it is not an object');
  if (value['sla-version'] !== SLA_VERSION) throw invalid(`its version is ${String(value['sla-version'])}; this box reads version ${SLA_VERSION}`);
  const { name, kind, bindings, contentHash, installedAt, store } = value;
  if (typeof name !== 'string' || !/^[a-z][a-z0-9-]{0,62}$/.test(name)) throw invalid('"name" is not a component name');
  if (kind !== 'app' && kind !== 'driver') throw invalid('"kind" must be app or driver');
  const manifest = parseManifest(value.manifest);
  if (manifest.name !== name) throw invalid(`its manifest names "${manifest.name}"`);
  if (!isRecord(bindings) || !Object.values(bindings).every((v) => typeof v === 'string')) throw invalid('"bindings" must map clientids to datasource ids');
  if (typeof contentHash !== 'string' || !/^[0-9a-f]{64}$/.test(contentHash)) throw invalid('"contentHash" is not a sha256');
  if (typeof installedAt !== 'number') throw invalid('"installedAt" is not a time');
  if (store !== undefined && typeof store !== 'string') throw invalid('"store" must be a datastore name');
  if (!Array.isArray(value.grants)) throw invalid('"grants" must be a list');
  const grants = value.grants.map((g) => readGrant(g, { withPrivacy: true }));
  const stringBindings: Record<string, string> = {};
  for (const [clientid, id] of Object.entries(bindings)) if (typeof id === 'string') stringBindings[clientid] = id;
  return {
    'sla-version': SLA_VERSION, name, kind, manifest, bindings: stringBindings, origin: parseOrigin(value.origin),
    contentHash, grants, installedAt, ...(typeof store === 'string' ? { store } : {}),
  };
}

function parseOrigin(value: unknown): BundleOrigin {
  if (!isRecord(value)) throw invalid('"origin" is missing');
  const text = (key: string): string => {
    const v = value[key];
    if (typeof v !== 'string') throw invalid(`"origin.${key}" must be a string`);
    return v;
  };
  if (value.kind === 'builtin') return { kind: 'builtin' };
  if (value.kind === 'store') {
    return { kind: 'store', store: text('store'), version: text('version'), publisher: text('publisher'), publicKey: text('publicKey'), signature: text('signature') };
  }
  if (value.kind === 'local') {
    if (typeof value.unsigned !== 'boolean') throw invalid('"origin.unsigned" must be true or false');
    return {
      kind: 'local', unsigned: value.unsigned,
      ...(typeof value.publicKey === 'string' ? { publicKey: value.publicKey } : {}),
      ...(typeof value.signature === 'string' ? { signature: value.signature } : {}),
    };
  }
  throw invalid('"origin.kind" must be store, local or builtin');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(why: string): DataboxError {
  return new DataboxError('sla-invalid', `a saved SLA cannot be read: ${why}`, { status: 500, hint: 'The box database is damaged or from a newer box; reinstall the component.' });
}
