/**
 * Pure matching of observe subscriptions: a subscription is a store path (`/ts/<id>`,
 * `/ts/blob/<id>`, `/kv/<id>/<key>`) where `*` matches any run of characters, so `/ts/*`
 * follows every numeric and blob series and `/kv/settings/*` every key of one kv source.
 */
import { DataboxError } from '../../core/errors';

export interface Subscription {
  pattern: string;
  /** Undefined for an exact path (matched by a map lookup). */
  regex?: RegExp;
}

/**
 * Checks a subscription path.
 *
 * @example
 * parseSubscription('/ts/*') // { pattern: '/ts/*', regex: /^\/ts\/.*$/ }
 */
export function parseSubscription(pattern: unknown): Subscription {
  if (typeof pattern !== 'string' || pattern.length > 512 || !/^\/(ts|kv)\//.test(pattern) || !/^[A-Za-z0-9._:@+=,~*/-]+$/.test(pattern)
    || pattern.includes('//') || pattern.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw new DataboxError('subscription-invalid', `cannot observe ${JSON.stringify(String(pattern).slice(0, 100))}`, { status: 400, hint: 'Subscribe to a path such as /ts/<id>, /ts/blob/<id>, /kv/<id>/<key>, with "*" as a wildcard: {"subscribe": "/ts/*"}.' });
  }
  if (!pattern.includes('*')) return { pattern };
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return { pattern, regex: new RegExp(`^${source}$`) };
}

/**
 * Whether a write to `path` reaches a subscription.
 *
 * @example
 * matches(parseSubscription('/ts/*'), '/ts/loadavg1') // true
 */
export function matches(subscription: Subscription, path: string): boolean {
  return subscription.regex ? subscription.regex.test(path) : subscription.pattern === path;
}
