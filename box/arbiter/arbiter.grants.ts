/**
 * Pure grant logic: reading a grant/token request from untrusted JSON, and whether a
 * component's grants cover a token request. Deny by default: every field must match.
 */
import { DataboxError } from '../../core/errors';
import { privacyText } from '../../core/privacy/privacy.text';
import { privacyProblems } from '../../core/privacy/privacy.validate';
import type { PrivacySpec } from '../../core/privacy/privacy.types';
import { isRecord } from '../service/service.body';
import { claimProblems, isCleanPath } from '../tokens/token.caveats';
import { OBSERVE_KINDS, TOKEN_METHODS, type ObserveKind, type TokenMethod } from '../tokens/token.types';
import type { Grant } from './arbiter.types';

/**
 * Reads `{target, path, method, observe?, destination?}` (and `privacy?` when `withPrivacy`:
 * the box's grants, never a component's token request, whose privacy comes from its grant);
 * throws a 400 DataboxError.
 *
 * @example
 * readGrant({ target: 'store-a', path: '/ts/*', method: 'GET' })
 */
export function readGrant(body: unknown, options: { withPrivacy?: boolean } = {}): Grant {
  if (!isRecord(body)) throw new DataboxError('grant-invalid', 'the body must be a JSON object {target, path, method, observe?, destination?}', { status: 400 });
  const known = new Set(['target', 'path', 'method', 'observe', 'destination', ...(options.withPrivacy ? ['privacy'] : [])]);
  const extra = Object.keys(body).filter((k) => !known.has(k));
  if (extra.includes('privacy')) throw new DataboxError('grant-invalid', 'a token request cannot ask for "privacy": the arbiter copies it from the owner\'s grant', { status: 400 });
  if (extra.length > 0) throw new DataboxError('grant-invalid', `unknown field(s): ${extra.join(', ')}`, { status: 400 });
  const { target, path, method, observe, destination } = body;
  const m: TokenMethod | undefined = TOKEN_METHODS.find((x) => x === method);
  const o: ObserveKind | undefined = OBSERVE_KINDS.find((x) => x === observe);
  if (typeof target !== 'string' || typeof path !== 'string' || !m) {
    throw new DataboxError('grant-invalid', '"target" and "path" must be strings and "method" one of GET, POST, DELETE', { status: 400 });
  }
  if (observe !== undefined && !o) throw new DataboxError('grant-invalid', '"observe" must be "data" or "audit"', { status: 400 });
  if (destination !== undefined && (typeof destination !== 'string' || !isHttpUrl(destination))) throw new DataboxError('grant-invalid', '"destination" must be an http(s) URL', { status: 400 });
  const privacy = readPrivacy(body.privacy, destination);
  const grant: Grant = { target, path, method: m, ...(o ? { observe: o } : {}), ...(typeof destination === 'string' ? { destination } : {}), ...(privacy ? { privacy } : {}) };
  const { privacy: _spec, ...route } = grant;
  const problems = claimProblems({ ...route, component: 'x', generation: 0, expiresAt: 1 });
  if (problems.length > 0 || target.length > 253 || path.length > 1024) throw new DataboxError('grant-invalid', `invalid route: ${problems.join('; ') || 'too long'}`, { status: 400 });
  return grant;
}

/**
 * Whether one grant covers a request: same target, method, observe and destination, and a
 * path inside the grant's (an exact path, or a narrower prefix).
 *
 * @example
 * grantCovers({ target: 's', path: '/ts/*', method: 'GET' }, { target: 's', path: '/ts/a', method: 'GET' }) // true
 */
export function grantCovers(grant: Grant, request: Grant): boolean {
  if (grant.target !== request.target || grant.method !== request.method) return false;
  if (grant.observe !== request.observe || grant.destination !== request.destination) return false;
  if (!grant.path.endsWith('*')) return grant.path === request.path;
  const prefix = grant.path.slice(0, -1);
  const requested = request.path.endsWith('*') ? request.path.slice(0, -1) : request.path;
  return isCleanPath(requested) && requested.startsWith(prefix);
}

/** @example sameGrant(a, b) // true when every field is equal (privacy included) */
export function sameGrant(a: Grant, b: Grant): boolean {
  return sameRoute(a, b) && (a.privacy ? privacyText(a.privacy) : '') === (b.privacy ? privacyText(b.privacy) : '');
}

/** The same route, whatever its privacy: the arbiter holds one grant per route. */
export function sameRoute(a: Grant, b: Grant): boolean {
  return a.target === b.target && a.path === b.path && a.method === b.method && a.observe === b.observe && a.destination === b.destination;
}

function readPrivacy(value: unknown, destination: unknown): PrivacySpec | undefined {
  if (value === undefined) return undefined;
  if (destination === undefined) throw new DataboxError('grant-invalid', '"privacy" belongs to an export grant (one with a "destination")', { status: 400 });
  const problems = privacyProblems(value, 'privacy');
  if (problems.length > 0) throw new DataboxError('grant-invalid', problems.map((p) => `${p.field} ${p.message}`).join('; '), { status: 400 });
  return value as PrivacySpec;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && text.length <= 2048 && !/[\s]/.test(text);
  } catch {
    return false;
  }
}
