/**
 * The publisher's side of the API: sign a bundle tarball and upload it; hand an app over to a
 * new key. Used by `databox publish` and by tests.
 */
import { DataboxError } from '../../core/errors';
import { errorFromAnswer } from '../../core/http.errors';
import { bundleContentHash, unpackBundle } from '../../core/bundle';
import { publicKeyOf } from '../signing/publisher-key';
import { signBundleHash, signHandover } from '../../core/bundle/bundle.signature';

export interface PublishOptions {
  storeUrl: string;
  token: string;
  tarball: Buffer;
  privateKeyPem: string;
  channel?: 'stable' | 'beta';
  changelog?: string;
}

/**
 * Signs `tarball`'s content hash and publishes it; resolves to the store's answer.
 *
 * @example
 * const version = await publishBundle({ storeUrl, token, tarball: packBundle(bundle), privateKeyPem });
 */
export async function publishBundle(options: PublishOptions): Promise<Record<string, unknown>> {
  // The format's own limits: the store refuses what is larger anyway (its limit may be lower).
  const contentHash = bundleContentHash(await unpackBundle(options.tarball));
  return storeRequest(options.storeUrl, '/api/apps', {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${options.token}`,
      'Content-Type': 'application/gzip',
      'X-Databox-Signature': signBundleHash(contentHash, options.privateKeyPem),
      'X-Databox-Public-Key': publicKeyOf(options.privateKeyPem),
      'X-Databox-Channel': options.channel ?? 'stable',
      'X-Databox-Changelog': encodeURIComponent(options.changelog ?? ''),
    },
    body: new Uint8Array(options.tarball),
  });
}

/**
 * Hands `app` over from the key in `currentKeyPem` to the key in `newKeyPem`.
 *
 * @example
 * await handOver({ storeUrl, token, app: 'loadmon', currentKeyPem: oldPem, newKeyPem: newPem });
 */
export async function handOver(options: { storeUrl: string; token: string; app: string; currentKeyPem: string; newKeyPem: string }): Promise<Record<string, unknown>> {
  const newPublicKey = publicKeyOf(options.newKeyPem);
  return storeRequest(options.storeUrl, `/api/apps/${encodeURIComponent(options.app)}/handover`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${options.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ newPublicKey, signature: signHandover(options.app, newPublicKey, options.currentKeyPem) }),
  });
}

/** A JSON request to a store; a refusal becomes the store's DataboxError. */
export async function storeRequest(storeUrl: string, path: string, init: RequestInit): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(new URL(path, storeUrl), init);
  } catch (error) {
    throw new DataboxError('store-unreachable', `cannot reach the store at ${storeUrl}`, { status: 502, hint: 'Check --store and that the store is running', cause: error });
  }
  const text = await response.text();
  if (!response.ok) throw errorFromAnswer(response.status, text, `the app store at ${storeUrl}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new DataboxError('store-answer-invalid', `the app store at ${storeUrl} answered something that is not JSON`, { status: 502, hint: 'Check --store: it must be a Databox app store', cause: error });
  }
  return typeof body === 'object' && body !== null ? { ...body } : {};
}
