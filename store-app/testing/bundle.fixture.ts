/** Bundles for tests: real ones from the builder (test/support/built-bundle), hostile tarballs, raw uploads. */
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { bundleContentHash, packBundle, type Bundle } from '../../core/bundle';
import { specBundle, type AppSpec } from '../../test/support/built-bundle';
import { signBundleHash } from '../../core/bundle/bundle.signature';
import { publicKeyOf } from '../signing/publisher-key';

/**
 * The bundle `databox build` makes for an app `name`@`version` that reads what `spec` says
 * (default: loadavg1 as "load", exported to https://example.org/ingest).
 */
export function testBundle(name: string, version: string, spec: Omit<AppSpec, 'name' | 'version'> = {}): Bundle {
  const sources = spec.sources ?? [{ clientid: 'load', type: 'loadavg1' }];
  const exports = spec.exports ?? (spec.sources ? [] : [{ url: 'https://example.org/ingest', description: 'load summary', from: ['load'] }]);
  return specBundle({ ...spec, name, version, sources, exports });
}

/** A gzipped tarball with exactly these entries (names and types as given: may be hostile). */
export async function rawTarball(entries: { name: string; data?: string; type?: 'file' | 'symlink' | 'directory'; linkname?: string }[]): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (chunk: unknown) => { if (Buffer.isBuffer(chunk)) chunks.push(chunk); });
  const done = new Promise<void>((resolve) => tar.on('end', () => resolve()));
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    if (type === 'file') tar.entry({ name: entry.name, type }, entry.data ?? '');
    else tar.entry({ name: entry.name, type, ...(entry.linkname ? { linkname: entry.linkname } : {}) });
  }
  tar.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

/** POSTs a tarball with a given signature and key (the raw protocol, for refusal tests). */
export async function uploadBundle(storeUrl: string, token: string, tarball: Buffer, signer: { signature: string; publicKey: string }, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${storeUrl}/api/apps`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/gzip', 'X-Databox-Signature': signer.signature, 'X-Databox-Public-Key': signer.publicKey, ...headers },
    body: new Uint8Array(tarball),
  });
  const body: unknown = await response.json();
  return { status: response.status, body: typeof body === 'object' && body !== null ? { ...body } : {} };
}

/** Signature and public key for a bundle, made with `pem`. */
export function signerFor(bundle: Bundle, pem: string): { signature: string; publicKey: string } {
  return { signature: signBundleHash(bundleContentHash(bundle), pem), publicKey: publicKeyOf(pem) };
}

export { packBundle };
