/**
 * What `POST /token` does, apart from HTTP: find the calling component by its key, read the
 * request, check it against the component's grants, mint, and audit the mint or the refusal
 * (every one). Rejects with a DataboxError (401, 400, 403) for a refusal. A mint resolves only
 * once its audit event is durable locally (`recordDurably`: the spool writes of concurrent
 * requests share one commit), so no token leaves the arbiter unaudited.
 */
import { DataboxError } from '../../core/errors';
import { privacyText } from '../../core/privacy/privacy.text';
import { mintToken } from '../tokens/token.mint';
import { grantCovers, readGrant } from './arbiter.grants';
import { hashKey, type ArbiterState } from './arbiter.state';
import type { Component, Grant } from './arbiter.types';

export interface TokenRoutesOptions {
  /** Token lifetime, ms (default one hour). */
  tokenTtlMs?: number;
  now?: () => number;
}

/**
 * Mints a token for the component holding `key`, when one of its grants covers `body`.
 *
 * @example
 * const token = await issueToken(state, req.headers['x-api-key'], { target: 'store-a', path: '/ts/x', method: 'GET' });
 */
export async function issueToken(state: ArbiterState, key: string | undefined, body: unknown, options: TokenRoutesOptions = {}): Promise<string> {
  const component = componentByKey(state, key);
  let request: Grant;
  try {
    request = readGrant(body);
  } catch (error) {
    state.audit.record({ component: component.name, kind: 'token-refused', status: 400, detail: error instanceof Error ? error.message : 'invalid request' });
    throw error;
  }
  const event = { component: component.name, target: request.target, path: request.path, method: request.method, ...(request.destination ? { destination: request.destination } : {}) };
  const target = state.db.get(request.target);
  const covering = state.db.grants(component.name).find((g) => grantCovers(g, request));
  if (!covering || !target?.secret) {
    const what = `${request.method} ${request.target}${request.path}${request.observe ? ` (observe ${request.observe})` : ''}${request.destination ? ` to ${request.destination}` : ''}`;
    state.audit.record({ ...event, kind: 'token-refused', status: 403, detail: `no grant covers ${what}` });
    throw new DataboxError('token-not-granted', `component "${component.name}" has no grant for ${what}`, { status: 403, hint: 'The owner grants data sources and export destinations when installing the app.' });
  }
  const now = options.now ?? Date.now;
  // A private destination's spec comes from the owner's grant, so every token to it carries it.
  const privacy = covering.privacy ? privacyText(covering.privacy) : undefined;
  const token = mintToken({ secret: target.secret, target: request.target, path: request.path, method: request.method, ...(request.observe ? { observe: request.observe } : {}), ...(request.destination ? { destination: request.destination } : {}), ...(privacy ? { privacy } : {}), component: component.name, generation: component.generation, expiresAt: now() + (options.tokenTtlMs ?? 3_600_000) });
  const detail = [request.observe ? `observe ${request.observe}` : undefined, privacy ? `private: ${privacy}` : undefined].filter(Boolean).join('; ');
  const minted = { ...event, kind: 'token-mint', status: 200, ...(detail ? { detail } : {}) };
  if (state.audit.recordDurably) await state.audit.recordDurably(minted);
  else state.audit.record(minted);
  return token;
}

/**
 * The registered component holding this key; 401 otherwise.
 *
 * @example
 * const component = componentByKey(state, req.headers['x-api-key']);
 */
export function componentByKey(state: ArbiterState, key: string | undefined): Component {
  const component = key ? state.db.byKeyHash(hashKey(key)) : undefined;
  if (!component) throw new DataboxError('component-key-invalid', 'no registered component has this key', { status: 401, hint: "Send the component's arbiter key (the file /run/secrets/DATABOX_ARBITER_TOKEN) in X-Api-Key." });
  return component;
}
