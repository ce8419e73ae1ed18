/**
 * Webhook secrets. Each source gets its own secret: 32 random bytes (256 bits, base64url),
 * shown once to the owner to paste into the phone or device; the box keeps only its SHA-256.
 * A plain hash is enough because the secret is random, not chosen: no guess list exists and
 * 2^256 tries is out of reach whatever the hash speed. A slow password hash (scrypt) protects
 * low-entropy passwords and would instead cost tens of milliseconds and megabytes of memory on
 * every post, a lever for anyone who can reach the endpoint (the arbiter keeps its component
 * keys the same way). The presented secret is hashed and compared in constant time. Pure.
 *
 * @example
 * const { source, secret } = newWebhookSource({ id: 'phone-steps', type: 'steps', description: 'Steps from my phone' });
 * secretMatches(secret, source.secretHash)   // true
 * secretMatches('guess', source.secretHash)  // false
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { checkSource, SECRET_HASH, type WebhookSource } from './webhook.config';

export function hashSecret(secret: string): string {
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('hex')}`;
}

/** Whether `presented` is the secret of `secretHash`; false for a missing or empty one. */
export function secretMatches(presented: string | undefined, secretHash: string): boolean {
  if (presented === undefined || presented === '' || !SECRET_HASH.test(secretHash)) return false;
  const expected = Buffer.from(secretHash.slice('sha256:'.length), 'hex');
  return timingSafeEqual(createHash('sha256').update(presented, 'utf8').digest(), expected);
}

/**
 * A new source for the webhook's config, and its secret (to show the owner once, never stored).
 * Throws a DataboxError naming the field when the id, type or description is not acceptable.
 */
export function newWebhookSource(spec: { id: string; type: string; description: string }): { source: WebhookSource; secret: string } {
  const secret = randomBytes(32).toString('base64url');
  const source = checkSource({ id: spec.id, type: spec.type, description: spec.description, secretHash: hashSecret(secret) }, 'the new webhook source');
  return { source, secret };
}
