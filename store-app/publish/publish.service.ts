/**
 * Publishing a version: every check first (size, format, contents, signature, owner, key,
 * version), then the blob, then one transaction. When the transaction fails, a blob this
 * publish wrote is removed again, so a failed publish leaves nothing behind.
 */
import { DataboxError } from '../../core/errors';
import { bundleContentHash, unpackBundle } from '../../core/bundle';
import { checkNewVersion } from '../domain/version.rules';
import { initialReview } from '../domain/review.rules';
import { listedVersion } from '../domain/listing.rules';
import type { Channel, VersionRecord } from '../domain/app-store.types';
import { parsePublicKey, verifyBundleSignature } from '../../core/bundle/bundle.signature';
import type { AppStoreContext } from '../services/app-store.context';
import { checkPublisher } from './bundle.checks';

export interface PublishRequest {
  login: string;
  tarball: Buffer;
  /** base64 ed25519 signature over the bundle's content hash. */
  signature: string;
  /** base64 SPKI DER public key. */
  publicKey: string;
  channel: Channel;
  changelog: string;
}

export const MAX_CHANGELOG = 10_000;

/**
 * @example
 * const version = await publishVersion(context, { login: 'alice', tarball, signature, publicKey, channel: 'stable', changelog: 'First' });
 */
export async function publishVersion(context: AppStoreContext, request: PublishRequest): Promise<VersionRecord> {
  context.publishLimit.take(request.login);
  const { tarball } = request;
  if (tarball.length === 0) throw new DataboxError('bundle-missing', 'the request has no bundle', { hint: 'Send the .tgz as the request body (Content-Type: application/gzip)' });
  const bundle = await unpackBundle(tarball, { maxBytes: context.config.maxBundleBytes });
  checkPublisher(bundle, request.login);
  if (request.changelog.length > MAX_CHANGELOG) throw new DataboxError('changelog-too-long', `the changelog is longer than ${MAX_CHANGELOG} characters`, { hint: 'Shorten it; link to a longer one' });
  if (!parsePublicKey(request.publicKey)) {
    throw new DataboxError('public-key-invalid', 'the public key is not a base64 ed25519 key (SPKI DER)', { hint: 'Let `databox publish` sign the bundle; it sends its key in the right form' });
  }
  const contentHash = bundleContentHash(bundle);
  if (!verifyBundleSignature({ contentHash, signature: request.signature, publicKey: request.publicKey })) {
    throw new DataboxError('signature-invalid', `the signature does not match the bundle (content hash ${contentHash})`, {
      hint: 'The bundle changed after it was signed, or was signed with another key: sign it again with `databox publish`',
    });
  }
  const manifest = bundle.manifest;
  const app = await context.repo.getApp(manifest.name);
  const versions = app ? await context.repo.listVersions(manifest.name) : [];
  checkNewVersion({ app, versions, publisher: request.login, version: manifest.version, publicKey: request.publicKey });

  const review = initialReview(context.config.mode, listedVersion(versions)?.manifest, manifest);
  const blob = await context.blobs.put(tarball);
  const record: VersionRecord = {
    app: manifest.name, version: manifest.version, channel: request.channel, changelog: request.changelog,
    publisher: request.login, manifest, size: tarball.length, contentHash, blobHash: blob.hash,
    signature: request.signature, publicKey: request.publicKey, review, reviewedBy: null, yanked: false,
    publishedAt: context.now().toISOString(),
  };
  try {
    await context.repo.addVersion({ ...(app ? {} : { newApp: { owner: request.login, publicKey: request.publicKey } }), version: record });
  } catch (error) {
    if (!blob.existed && !(await context.repo.blobInUse(blob.hash))) await context.blobs.delete(blob.hash);
    throw error;
  }
  return record;
}
