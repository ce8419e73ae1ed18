/**
 * Yanking, reviewing and handing an app over to a new key: who may do it and what it does.
 */
import { DataboxError } from '../../core/errors';
import type { VersionRecord } from '../domain/app-store.types';
import { parsePublicKey, verifyHandover } from '../../core/bundle/bundle.signature';
import { isModerator, type AppStoreContext } from './app-store.context';

/**
 * Hides (or shows again) a version for new installs; the owner or a moderator may.
 *
 * @example
 * await yankVersion(context, 'alice', 'loadmon', '1.0.0', true);
 */
export async function yankVersion(context: AppStoreContext, login: string, app: string, version: string, yanked: boolean): Promise<VersionRecord> {
  const found = await findVersion(context, app, version);
  const owner = (await context.repo.getApp(app))?.owner;
  if (owner !== login && !isModerator(context, login)) throw forbidden(`only ${owner ?? 'the owner'} or a moderator may yank ${app} ${version}`);
  await context.repo.setYanked(app, version, yanked);
  return { ...found, yanked };
}

/**
 * A moderator's decision on a version waiting in the review queue.
 *
 * @example
 * await reviewVersion(context, 'mod', 'loadmon', '1.0.0', 'approved');
 */
export async function reviewVersion(context: AppStoreContext, login: string, app: string, version: string, decision: 'approved' | 'rejected'): Promise<VersionRecord> {
  if (!isModerator(context, login)) throw forbidden('only the moderators named in the store configuration may review');
  const found = await findVersion(context, app, version);
  if (found.review === 'open') throw new DataboxError('review-not-needed', `${app} ${version} was published in an open store`, { status: 409 });
  await context.repo.setReview(app, version, decision, login);
  return { ...found, review: decision, reviewedBy: login };
}

/** The review queue, for moderators only. */
export async function reviewQueue(context: AppStoreContext, login: string): Promise<VersionRecord[]> {
  if (!isModerator(context, login)) throw forbidden('only the moderators named in the store configuration may see the review queue');
  return context.repo.reviewQueue();
}

/**
 * Hands an app over to a new signing key: the owner asks, and the app's current key signs it.
 *
 * @example
 * await handOverApp(context, 'alice', 'loadmon', newPublicKey, signHandover('loadmon', newPublicKey, oldPem));
 */
export async function handOverApp(context: AppStoreContext, login: string, app: string, newPublicKey: string, signature: string): Promise<void> {
  const record = await context.repo.getApp(app);
  if (!record) throw notFound(`there is no app "${app}"`);
  if (record.owner !== login) throw forbidden(`only ${record.owner} may hand ${app} over to another key`);
  if (!parsePublicKey(newPublicKey)) throw new DataboxError('public-key-invalid', 'the new public key is not a base64 ed25519 key (SPKI DER)');
  if (!verifyHandover({ app, newPublicKey, signature, currentPublicKey: record.publicKey })) {
    throw new DataboxError('signature-invalid', `the hand-over is not signed by ${app}'s current key`, {
      status: 403, hint: 'Sign the hand-over with the key that signed the app until now',
    });
  }
  await context.repo.handOver({ app, oldPublicKey: record.publicKey, newPublicKey, signature, by: login, at: context.now().toISOString() });
}

async function findVersion(context: AppStoreContext, app: string, version: string): Promise<VersionRecord> {
  const found = await context.repo.getVersion(app, version);
  if (!found) throw notFound(`there is no version ${version} of "${app}"`);
  return found;
}

function forbidden(message: string): DataboxError {
  return new DataboxError('forbidden', message, { status: 403 });
}

function notFound(message: string): DataboxError {
  return new DataboxError('not-found', message, { status: 404, hint: 'Check the app name and version (GET /api/apps?q=...)' });
}
