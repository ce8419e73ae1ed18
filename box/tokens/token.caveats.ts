/**
 * Pure caveat logic for box tokens: how claims are written as first-party caveats, how caveats
 * are read back, and whether they allow a request. No crypto, no I/O (the signature is
 * checked in token.verify.ts before any of this runs).
 *
 * Caveats are `name = value` or `time < <ms>`. A holder may add caveats (macaroons attenuate),
 * so every caveat must hold (the claims reported are the first, the arbiter's); `component`,
 * `generation` and `privacy` must not disagree (a holder can make an export private, never
 * change or drop the arbiter's spec); an unknown caveat refuses the token.
 */
import { OBSERVE_KINDS, TOKEN_METHODS, type GenerationLookup, type ObserveKind, type RequestFacts, type TokenClaims, type TokenMethod, type VerifyFailure } from './token.types';

const NAMES = ['target', 'path', 'method', 'observe', 'destination', 'privacy', 'component', 'generation'] as const;
type CaveatName = (typeof NAMES)[number];

/** Parsed caveats: every value of each name, in token order. */
export interface ParsedCaveats {
  values: Record<CaveatName, string[]>;
  times: number[];
}

/**
 * The first-party caveats for a set of claims, in a fixed order.
 *
 * @example
 * caveatsFor({ target: 'store-a', path: '/ts/*', method: 'GET', component: 'app1', generation: 0, expiresAt: 1e12 })
 * // ['target = store-a', 'path = /ts/*', 'method = GET', 'component = app1', 'generation = 0', 'time < 1000000000000']
 */
export function caveatsFor(claims: TokenClaims): string[] {
  const caveats = [`target = ${claims.target}`, `path = ${claims.path}`, `method = ${claims.method}`];
  if (claims.observe !== undefined) caveats.push(`observe = ${claims.observe}`);
  if (claims.destination !== undefined) caveats.push(`destination = ${claims.destination}`);
  if (claims.privacy !== undefined) caveats.push(`privacy = ${claims.privacy}`);
  caveats.push(`component = ${claims.component}`, `generation = ${claims.generation}`, `time < ${claims.expiresAt}`);
  return caveats;
}

/** Problems with claims before minting (empty when they are fine). */
export function claimProblems(claims: TokenClaims): string[] {
  const problems: string[] = [];
  const text = (name: string, value: string | undefined): void => {
    if (value !== undefined && (value === '' || /[\r\n\0]/.test(value))) problems.push(`${name} must be a non-empty single line`);
  };
  text('target', claims.target);
  text('path', claims.path);
  text('destination', claims.destination);
  text('privacy', claims.privacy);
  text('component', claims.component);
  if (!claims.path.startsWith('/') || !isCleanPath(claims.path.endsWith('*') ? claims.path.slice(0, -1) : claims.path) || claims.path.slice(0, -1).includes('*')) {
    problems.push(`path "${claims.path}" must start with "/", have no "..", "//" or encoded separators, and use "*" only at the end`);
  }
  if (!TOKEN_METHODS.includes(claims.method)) problems.push(`method must be one of ${TOKEN_METHODS.join(', ')}`);
  if (claims.observe !== undefined && !OBSERVE_KINDS.includes(claims.observe)) problems.push(`observe must be one of ${OBSERVE_KINDS.join(', ')}`);
  if (!Number.isSafeInteger(claims.generation) || claims.generation < 0) problems.push('generation must be a non-negative integer');
  if (!Number.isSafeInteger(claims.expiresAt) || claims.expiresAt <= 0) problems.push('expiresAt must be a time in ms since the epoch');
  return problems;
}

/**
 * Reads caveat conditions back; an unknown or malformed caveat is a failure (401).
 *
 * @example
 * parseCaveats(['target = s', 'time < 5']) // { values: { target: ['s'], ... }, times: [5] }
 */
export function parseCaveats(conditions: string[]): ParsedCaveats | VerifyFailure {
  const values: Record<CaveatName, string[]> = { target: [], path: [], method: [], observe: [], destination: [], privacy: [], component: [], generation: [] };
  const times: number[] = [];
  for (const condition of conditions) {
    const time = /^time < (\d{1,16})$/.exec(condition);
    if (time) {
      times.push(Number(time[1]));
      continue;
    }
    const at = condition.indexOf(' = ');
    const name = at > 0 ? condition.slice(0, at) : '';
    const known = NAMES.find((n) => n === name);
    if (!known) return fail(401, 'token-caveat-unknown', condition, `the token carries a caveat this service does not know: "${condition}"`);
    values[known].push(condition.slice(at + 3));
  }
  return { values, times };
}

/**
 * Whether parsed caveats allow a request. Order: well-formed (401), expiry (401), revocation
 * (401), then target/path/method/observe/destination (403).
 *
 * @example
 * const parsed = parseCaveats(caveatsFor(claims));
 * checkCaveats(parsed, { target: 'store-a', path: '/ts/x', method: 'GET', now: Date.now() }, () => 0);
 */
export function checkCaveats(parsed: ParsedCaveats, facts: RequestFacts, currentGeneration: GenerationLookup): { ok: true; component: string; claims: TokenClaims } | VerifyFailure {
  const claims = claimsOf(parsed);
  if ('ok' in claims) return claims;
  const expired = parsed.times.find((t) => !(facts.now < t));
  if (expired !== undefined) return fail(401, 'token-expired', `time < ${expired}`, `the token expired at ${new Date(expired).toISOString()}`);
  const generation = currentGeneration(claims.component);
  if (generation === undefined) return fail(401, 'token-revoked', `component = ${claims.component}`, `component "${claims.component}" is not registered on this box (any more)`);
  if (generation !== claims.generation) return fail(401, 'token-revoked', `generation = ${claims.generation}`, `the tokens of component "${claims.component}" were revoked`);
  const denied = checkRequestCaveats(parsed, facts);
  if (denied) return { ...denied, component: claims.component };
  return { ok: true, component: claims.component, claims };
}

function checkRequestCaveats(parsed: ParsedCaveats, facts: RequestFacts): VerifyFailure | undefined {
  for (const target of parsed.values.target) if (target !== facts.target) return fail(403, 'token-caveat-target', `target = ${target}`, `the token is for "${target}", not "${facts.target}"`);
  for (const path of parsed.values.path) if (!pathAllows(path, facts.path)) return fail(403, 'token-caveat-path', `path = ${path}`, `the token allows path "${path}", not "${facts.path}"`);
  for (const method of parsed.values.method) if (method !== facts.method) return fail(403, 'token-caveat-method', `method = ${method}`, `the token allows ${method}, not ${facts.method}`);
  const observeCaveats = parsed.values.observe;
  if (facts.observe !== undefined && observeCaveats.length === 0) return fail(403, 'token-caveat-observe', undefined, `observing needs a token with the caveat "observe = ${facts.observe}"`);
  for (const observe of observeCaveats) if (observe !== facts.observe) return fail(403, 'token-caveat-observe', `observe = ${observe}`, facts.observe === undefined ? `the token only allows observing (${observe})` : `the token allows observe ${observe}, not ${facts.observe}`);
  const destinations = parsed.values.destination;
  if (facts.destination !== undefined && destinations.length === 0) return fail(403, 'token-caveat-destination', undefined, `sending to "${facts.destination}" needs a token with that destination`);
  for (const destination of destinations) if (destination !== facts.destination) return fail(403, 'token-caveat-destination', `destination = ${destination}`, `the token allows sending to "${destination}", not "${facts.destination ?? '(none)'}"`);
  return undefined;
}

/**
 * Whether a path caveat (exact, or prefix with a trailing `*`) allows a request path. The
 * request path is never normalised: one with `.`/`..` segments, `//`, a backslash or an
 * encoded `/`, `\`, `.` or `%` matches nothing.
 *
 * @example
 * pathAllows('/ts/*', '/ts/load') // true
 * pathAllows('/ts/a/*', '/ts/a/../b') // false
 */
export function pathAllows(caveat: string, requestPath: string): boolean {
  if (!isCleanPath(requestPath)) return false;
  if (caveat.endsWith('*')) return requestPath.startsWith(caveat.slice(0, -1));
  return requestPath === caveat;
}

/** A path with no tricks: starts with `/`, no dot segments, no `//`, no encoded separators. */
export function isCleanPath(path: string): boolean {
  if (!path.startsWith('/') || path.includes('//') || /[\\\0?#\s]/.test(path)) return false;
  if (/%(2f|5c|2e|25|00)/i.test(path)) return false;
  return !path.split('/').some((segment) => segment === '.' || segment === '..');
}

function claimsOf(parsed: ParsedCaveats): TokenClaims | VerifyFailure {
  const one: Partial<Record<CaveatName, string>> = {};
  for (const name of ['target', 'path', 'method', 'component', 'generation'] as const) {
    const all = parsed.values[name];
    if (all.length === 0) return fail(401, 'token-malformed', undefined, `the token has no "${name}" caveat`);
    const identity = name === 'component' || name === 'generation';
    if (identity && all.some((v) => v !== all[0])) return fail(401, 'token-malformed', `${name} = ${all[1]}`, `the token's "${name}" caveats disagree`);
    one[name] = all[0];
  }
  if (parsed.times.length === 0) return fail(401, 'token-malformed', undefined, 'the token has no expiry ("time <" caveat)');
  const method: TokenMethod | undefined = TOKEN_METHODS.find((m) => m === one.method);
  if (!method || !/^\d{1,15}$/.test(one.generation ?? '')) return fail(401, 'token-malformed', undefined, 'the token has a malformed method or generation caveat');
  const observe: ObserveKind | undefined = OBSERVE_KINDS.find((k) => k === parsed.values.observe[0]);
  const destination = parsed.values.destination[0];
  const privacy = parsed.values.privacy;
  if (privacy.some((v) => v !== privacy[0])) return fail(401, 'token-malformed', `privacy = ${privacy[1]}`, 'the token\'s "privacy" caveats disagree');
  return {
    target: one.target ?? '', path: one.path ?? '', method, component: one.component ?? '', generation: Number(one.generation),
    expiresAt: Math.min(...parsed.times),
    ...(observe ? { observe } : {}),
    ...(destination !== undefined ? { destination } : {}),
    ...(privacy[0] !== undefined ? { privacy: privacy[0] } : {}),
  };
}

function fail(status: 401 | 403, code: string, caveat: string | undefined, message: string): VerifyFailure {
  return { ok: false, status, code, message, ...(caveat !== undefined ? { caveat } : {}) };
}
