/**
 * Where a bundle to install comes from, read as untrusted input: an app store (the version's
 * record, its key hand-overs and the bundle, downloaded and checked: the one validator, the
 * content hash the store recorded, the publisher's signature, the key this box pinned), or a
 * local file or folder (an unsigned sideload only with `--unsigned`).
 *
 * @example
 * const found = await bundleFromStore('http://127.0.0.1:8080', 'host-load');
 * const trust = verifyTrust({ ...found.trustInput, pinned: db.pin('host-load') });
 */
import { bundleContentHash, unpackBundle, type Bundle } from '../../core/bundle';
import { DataboxError } from '../../core/errors';
import { errorFromAnswer } from '../../core/http.errors';
import type { BundleOrigin } from '../state/sla.types';
import type { Handover, TrustInput } from './install.verify';

export interface FoundBundle {
  bundle: Bundle;
  tarball: Buffer;
  contentHash: string;
  origin: BundleOrigin;
  /** What verifyTrust needs, but the pin (the box adds its own). */
  trust: Omit<TrustInput, 'pinned'>;
}

/** `name` or `name@version`. */
export function parseAppRef(text: string): { name: string; version?: string } {
  const match = /^([a-z][a-z0-9-]{0,62})(?:@(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?))?$/.exec(text);
  if (!match?.[1]) throw new DataboxError('app-ref-invalid', `"${text.slice(0, 80)}" is not an app name (name or name@version)`, { status: 400, hint: 'e.g. host-load or host-load@1.0.0' });
  return { name: match[1], ...(match[2] ? { version: match[2] } : {}) };
}

export async function bundleFromStore(storeUrl: string, name: string, version?: string): Promise<FoundBundle> {
  const get = async (path: string): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(new URL(path, storeUrl), { signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      throw new DataboxError('store-unreachable', `the app store at ${storeUrl} does not answer`, { status: 502, hint: 'Check its URL (databox box stores) and that it runs.', cause: error });
    }
    if (!response.ok) throw errorFromAnswer(response.status, await response.text(), `the app store at ${storeUrl}`);
    return response;
  };
  const app = await (await get(`/api/apps/${encodeURIComponent(name)}`)).json() as { listedVersion: string | null; versions: { version: string }[]; keyHandovers?: Handover[] };
  const chosen = version ?? app.listedVersion ?? app.versions[0]?.version;
  if (!chosen) throw new DataboxError('app-no-version', `${name} has no version that can be installed`, { status: 404 });
  const record = await (await get(`/api/apps/${encodeURIComponent(name)}/${encodeURIComponent(chosen)}`)).json() as { contentHash: string; signature: string; publicKey: string; publisher: string; yanked: boolean };
  if (record.yanked) throw new DataboxError('app-yanked', `${name} ${chosen} was withdrawn by its publisher`, { status: 410, hint: `Install another version (databox box install ${name}).` });
  const tarball = Buffer.from(await (await get(`/api/apps/${encodeURIComponent(name)}/${encodeURIComponent(chosen)}/bundle`)).arrayBuffer());
  const bundle = await unpackBundle(tarball);
  const contentHash = bundleContentHash(bundle);
  if (bundle.manifest.name !== name || bundle.manifest.version !== chosen) {
    throw new DataboxError('store-bundle-mismatch', `the app store sent ${bundle.manifest.name} ${bundle.manifest.version} for ${name} ${chosen}`, { status: 502, hint: 'Do not install it; tell the store operator.' });
  }
  if (contentHash !== record.contentHash) {
    throw new DataboxError('store-bundle-mismatch', `the bundle the app store sent is not the one it recorded (content hash ${contentHash.slice(0, 16)}... against ${record.contentHash.slice(0, 16)}...)`, { status: 502, hint: 'Do not install it; tell the store operator.' });
  }
  return {
    bundle, tarball, contentHash,
    origin: { kind: 'store', store: storeUrl, version: chosen, publisher: record.publisher, publicKey: record.publicKey, signature: record.signature },
    trust: { app: name, contentHash, signature: record.signature, publicKey: record.publicKey, handovers: app.keyHandovers ?? [], local: false, unsigned: false },
  };
}

/** The version the store lists for an app, or undefined when it lists none or does not answer in time. */
export async function listedVersion(storeUrl: string, name: string, timeoutMs = 2000): Promise<string | undefined> {
  try {
    const response = await fetch(new URL(`/api/apps/${encodeURIComponent(name)}`, storeUrl), { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return undefined;
    const app = await response.json() as { listedVersion?: unknown };
    return typeof app.listedVersion === 'string' ? app.listedVersion : undefined;
  } catch {
    return undefined;
  }
}

/** A bundle the owner uploaded or named on this machine: a tarball, checked by the one validator. */
export async function localBundle(tarball: Buffer, unsigned: boolean): Promise<FoundBundle> {
  const bundle = await unpackBundle(tarball);
  const contentHash = bundleContentHash(bundle);
  return {
    bundle, tarball, contentHash, origin: { kind: 'local', unsigned: true },
    trust: { app: bundle.manifest.name, contentHash, handovers: [], local: true, unsigned },
  };
}
